//! A compact binary form of a validated bank. The build script loads the
//! built-in bank with the real loader and stores it in this form, so start-up
//! decodes strings instead of parsing and re-validating TOML.
//!
//! The format is private to one build of `drill`, because the bytes never
//! leave the binary that wrote them: a magic header, the length of the
//! number section, the numbers (little-endian `u32` counts, lengths and
//! enum indexes), then every string back to back. Keeping the text in one
//! piece lets the decoder check UTF-8 once instead of once per field.

use std::time::Duration;

use super::model::{
    Answers, Bank, Difficulty, Example, FollowUp, KeyPoint, Kind, Level, Loop, LoopRound, Mistake, Origin, Question,
    Stage, Text, TimeLimit, Topic,
};

/// Changes with every change of the format, so an older copy is never
/// misread (the user-bank cache keys on it too).
pub const MAGIC: &[u8; 8] = b"drillbk2";

/// Why bytes could not be decoded as a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(pub &'static str);

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "encoded bank is damaged: {}", self.0)
    }
}

impl std::error::Error for CodecError {}

#[derive(Default)]
struct Writer {
    nums: Vec<u8>,
    text: String,
}

impl Writer {
    fn u32(&mut self, n: usize) {
        let n = u32::try_from(n).expect("bank sizes fit in u32: the loader caps them far below");
        self.nums.extend_from_slice(&n.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.text.push_str(s);
    }

    fn strs(&mut self, list: &[impl AsRef<str>]) {
        self.u32(list.len());
        for s in list {
            self.str(s.as_ref());
        }
    }

    fn pair(&mut self, a: &str, b: &str) {
        self.str(a);
        self.str(b);
    }

    /// 0 for none, else 1 and the string.
    fn option(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u32(1);
                self.str(s);
            }
            None => self.u32(0),
        }
    }

    fn enums<T: PartialEq + Copy>(&mut self, all: &[T], values: &[T]) {
        self.u32(values.len());
        for v in values {
            self.u32(index_of(all, *v));
        }
    }

    fn key_points(&mut self, points: &[KeyPoint]) {
        self.u32(points.len());
        for KeyPoint { point, level, levelled, also } in points {
            self.str(point);
            self.u32(index_of(Level::ALL, *level));
            self.u32(usize::from(*levelled));
            self.strs(also);
        }
    }
}

fn split(bytes: &'static [u8], n: usize) -> Result<(&'static [u8], &'static [u8]), CodecError> {
    if bytes.len() < n { Err(CodecError("truncated")) } else { Ok(bytes.split_at(n)) }
}

struct Reader {
    nums: &'static [u8],
    text: &'static str,
}

impl Reader {
    fn u32(&mut self) -> Result<u32, CodecError> {
        let (b, rest) = split(self.nums, 4)?;
        self.nums = rest;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn len(&mut self) -> Result<usize, CodecError> {
        let n = self.u32()? as usize;
        // Every counted item takes at least 4 bytes of numbers, so a count
        // larger than what is left is damage, not a reason to allocate.
        if n > self.nums.len() { Err(CodecError("count past the end")) } else { Ok(n) }
    }

    fn str(&mut self) -> Result<Text, CodecError> {
        let n = self.u32()? as usize;
        let s = self.text.get(..n).ok_or(CodecError("string past the end or inside a character"))?;
        self.text = &self.text[n..];
        Ok(Text::borrowed(s))
    }

    fn strs(&mut self) -> Result<Vec<Text>, CodecError> {
        self.list(Self::str)
    }

    /// A counted list, allocated once at its size (collecting a `Result`
    /// iterator cannot know the size and grows the vector step by step).
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T, CodecError>) -> Result<Vec<T>, CodecError> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Ok(out)
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, CodecError> {
        all.get(self.u32()? as usize).copied().ok_or(CodecError("unknown enum value"))
    }

    fn option(&mut self) -> Result<Option<Text>, CodecError> {
        match self.u32()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }

    fn key_points(&mut self) -> Result<Vec<KeyPoint>, CodecError> {
        self.list(|r| {
            Ok(KeyPoint { point: r.str()?, level: r.pick(Level::ALL)?, levelled: r.u32()? != 0, also: r.strs()? })
        })
    }
}

fn index_of<T: PartialEq>(all: &[T], v: T) -> usize {
    all.iter().position(|x| *x == v).expect("every value is listed in ALL")
}

/// Encodes a validated bank.
pub fn encode(bank: &Bank) -> Vec<u8> {
    // Every struct is destructured whole, with no `..`: a field added to
    // the model fails to compile here until it is encoded too.
    let mut w = Writer::default();
    w.strs(&bank.files);
    w.u32(bank.topics.len());
    for Topic { track, topic, title, summary, count, file } in &bank.topics {
        w.pair(track, topic);
        w.pair(title, summary);
        w.u32(*count);
        w.u32(*file as usize);
    }
    w.u32(bank.questions.len());
    for q in &bank.questions {
        let Question {
            id,
            track,
            topic,
            title,
            prompt,
            difficulty,
            level,
            kind,
            tags,
            time_limit,
            short_answer,
            key_points,
            interviewer_checks,
            answers: Answers { junior, mid, senior },
            mistakes,
            follow_ups,
            example,
            stages,
            origin: Origin { file, offset },
        } = q;
        for s in [id, track, topic, title, prompt] {
            w.str(s);
        }
        w.u32(index_of(Difficulty::ALL, *difficulty));
        w.u32(index_of(Level::ALL, *level));
        w.u32(index_of(Kind::ALL, *kind));
        w.strs(tags);
        // 0 means "no explicit limit": a limit is never zero seconds.
        w.u32(time_limit.map_or(0, |t| t.0.as_secs() as usize));
        w.str(short_answer);
        w.key_points(key_points);
        w.str(interviewer_checks);
        for s in [junior, mid, senior] {
            w.str(s);
        }
        w.u32(mistakes.len());
        for Mistake { wrong, why, better } in mistakes {
            w.pair(wrong, why);
            w.str(better);
        }
        w.u32(follow_ups.len());
        for FollowUp { prompt, answer, probes } in follow_ups {
            w.pair(prompt, answer);
            w.u32(probes.len());
            for p in probes {
                w.u32(usize::from(*p));
            }
        }
        match example {
            Some(Example { weak, strong }) => {
                w.u32(1);
                w.pair(weak, strong);
            }
            None => w.u32(0),
        }
        w.u32(stages.len());
        for Stage { title, prompt, time, key_points, answer, hint } in stages {
            w.pair(title, prompt);
            w.u32(time.0.as_secs() as usize);
            w.key_points(key_points);
            w.str(answer);
            w.option(hint.as_deref());
        }
        w.u32(*file as usize);
        w.u32(*offset as usize);
    }
    w.u32(bank.loops.len());
    for Loop { id, title, summary, rounds, origin: Origin { file, offset } } in &bank.loops {
        w.pair(id, title);
        w.str(summary);
        w.u32(rounds.len());
        for LoopRound { title, signal, topic, kind, difficulty, level, count, minutes, offset } in rounds {
            w.pair(title, signal);
            w.strs(topic);
            w.enums(Kind::ALL, kind);
            w.enums(Difficulty::ALL, difficulty);
            w.enums(Level::ALL, level);
            w.u32(*count as usize);
            w.u32(*minutes as usize);
            w.u32(*offset as usize);
        }
        w.u32(*file as usize);
        w.u32(*offset as usize);
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(w.nums.len() as u64).to_le_bytes());
    out.extend(w.nums);
    out.extend(w.text.into_bytes());
    out
}

fn question(r: &mut Reader) -> Result<Question, CodecError> {
    Ok(Question {
        id: r.str()?,
        track: r.str()?,
        topic: r.str()?,
        title: r.str()?,
        prompt: r.str()?,
        difficulty: r.pick(Difficulty::ALL)?,
        level: r.pick(Level::ALL)?,
        kind: r.pick(Kind::ALL)?,
        tags: r.strs()?,
        time_limit: match r.u32()? {
            0 => None,
            secs => Some(TimeLimit(Duration::from_secs(u64::from(secs)))),
        },
        short_answer: r.str()?,
        key_points: r.key_points()?,
        interviewer_checks: r.str()?,
        answers: Answers { junior: r.str()?, mid: r.str()?, senior: r.str()? },
        mistakes: r.list(|r| Ok(Mistake { wrong: r.str()?, why: r.str()?, better: r.str()? }))?,
        follow_ups: r.list(|r| {
            Ok(FollowUp {
                prompt: r.str()?,
                answer: r.str()?,
                probes: r.list(|r| u16::try_from(r.u32()?).map_err(|_| CodecError("probe out of range")))?,
            })
        })?,
        example: match r.u32()? {
            0 => None,
            _ => Some(Example { weak: r.str()?, strong: r.str()? }),
        },
        stages: r.list(|r| {
            Ok(Stage {
                title: r.str()?,
                prompt: r.str()?,
                time: TimeLimit(Duration::from_secs(u64::from(r.u32()?))),
                key_points: r.key_points()?,
                answer: r.str()?,
                hint: r.option()?,
            })
        })?,
        origin: Origin { file: r.u32()?, offset: r.u32()? },
    })
}

/// Decodes what [`encode`] wrote. The bank borrows its text from `bytes`.
pub fn decode(bytes: &'static [u8]) -> Result<Bank, CodecError> {
    decode_with(bytes, false)
}

/// [`decode`] for bytes from outside the binary (the user-bank cache in
/// the data directory, which anyone who can write there could edit): the
/// text must still be as clean as the loader left it, or nothing decodes.
pub fn decode_untrusted(bytes: &'static [u8]) -> Result<Bank, CodecError> {
    decode_with(bytes, true)
}

fn decode_with(bytes: &'static [u8], untrusted: bool) -> Result<Bank, CodecError> {
    let (magic, rest) = split(bytes, MAGIC.len())?;
    if magic != MAGIC {
        return Err(CodecError("wrong header"));
    }
    let (len, rest) = split(rest, 8)?;
    let len = u64::from_le_bytes(len.try_into().expect("eight bytes"));
    let (nums, text) = split(rest, usize::try_from(len).map_err(|_| CodecError("truncated"))?)?;
    let text = std::str::from_utf8(text).map_err(|_| CodecError("invalid UTF-8"))?;
    if untrusted && !crate::text::is_clean(text) {
        return Err(CodecError("text a terminal could act on"));
    }
    let mut r = Reader { nums, text };
    let files = r.strs()?.iter().map(|f| f.to_string()).collect();
    let topics = r.list(|r| {
        Ok(Topic {
            track: r.str()?,
            topic: r.str()?,
            title: r.str()?,
            summary: r.str()?,
            count: r.u32()? as usize,
            file: r.u32()?,
        })
    })?;
    let questions = r.list(question)?;
    let loops = r.list(|r| {
        Ok(Loop {
            id: r.str()?,
            title: r.str()?,
            summary: r.str()?,
            rounds: r.list(|r| {
                Ok(LoopRound {
                    title: r.str()?,
                    signal: r.str()?,
                    topic: r.strs()?,
                    kind: r.list(|r| r.pick(Kind::ALL))?,
                    difficulty: r.list(|r| r.pick(Difficulty::ALL))?,
                    level: r.list(|r| r.pick(Level::ALL))?,
                    count: r.u32()?,
                    minutes: r.u32()?,
                    offset: r.u32()?,
                })
            })?,
            origin: Origin { file: r.u32()?, offset: r.u32()? },
        })
    })?;
    if !r.nums.is_empty() || !r.text.is_empty() {
        return Err(CodecError("trailing bytes"));
    }
    Ok(Bank::with_loops(files, topics, questions, loops))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn sample() -> Bank {
        crate::synth::bank(7, 40, 3)
    }

    #[test]
    fn a_bank_survives_the_round_trip() {
        let bank = sample();
        assert_eq!(decode(encode(&bank).leak()).unwrap(), bank);
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let bytes: &'static [u8] = encode(&sample()).leak();
        for cut in [0, 5, 8, 9, 17, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut} decoded");
        }
        let mut longer = bytes.to_vec();
        longer.push(0);
        assert_eq!(decode(longer.leak()).unwrap_err(), CodecError("trailing bytes"));
        let mut huge = bytes.to_vec();
        huge[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(huge.leak()).is_err());
    }

    fn text() -> impl Strategy<Value = Text> {
        any::<String>().prop_map(Text::from)
    }

    fn texts(max: usize) -> impl Strategy<Value = Vec<Text>> {
        proptest::collection::vec(text(), 0..max)
    }

    fn level() -> impl Strategy<Value = Level> {
        (0..Level::ALL.len()).prop_map(|i| Level::ALL[i])
    }

    fn key_points(max: usize) -> impl Strategy<Value = Vec<KeyPoint>> {
        proptest::collection::vec(
            (text(), level(), any::<bool>(), texts(3)).prop_map(|(point, level, levelled, also)| KeyPoint {
                point,
                level,
                levelled,
                also,
            }),
            0..max,
        )
    }

    fn stages() -> impl Strategy<Value = Vec<Stage>> {
        proptest::collection::vec(
            (text(), text(), 1u64..3600, key_points(4), text(), proptest::option::of(text())).prop_map(
                |(title, prompt, secs, key_points, answer, hint)| Stage {
                    title,
                    prompt,
                    time: TimeLimit(Duration::from_secs(secs)),
                    key_points,
                    answer,
                    hint,
                },
            ),
            0..3,
        )
    }

    fn loops() -> impl Strategy<Value = Vec<Loop>> {
        let round = (text(), text(), texts(3), proptest::collection::vec(level(), 0..3), any::<(u32, u32, u32)>())
            .prop_map(|(title, signal, topic, level, (count, minutes, offset))| LoopRound {
                title,
                signal,
                topic,
                kind: vec![Kind::Design],
                difficulty: vec![Difficulty::Hard, Difficulty::Easy],
                level,
                count,
                minutes,
                offset,
            });
        proptest::collection::vec(
            (text(), text(), text(), proptest::collection::vec(round, 0..3), any::<(u32, u32)>()).prop_map(
                |(id, title, summary, rounds, (file, offset))| Loop {
                    id,
                    title,
                    summary,
                    rounds,
                    origin: Origin { file, offset },
                },
            ),
            0..3,
        )
    }

    prop_compose! {
        fn question()(
            words in proptest::collection::vec(text(), 12),
            enums in (0..Difficulty::ALL.len(), 0..Level::ALL.len(), 0..Kind::ALL.len()),
            tags in texts(4),
            limit in proptest::option::of(1u64..100_000),
            key_points in key_points(8),
            mistakes in proptest::collection::vec((text(), text(), text()), 0..4),
            follow_ups in proptest::collection::vec((text(), text(), proptest::collection::vec(any::<u16>(), 0..4)), 0..5),
            example in proptest::option::of((text(), text())),
            stages in stages(),
            origin in (any::<u32>(), any::<u32>()),
        ) -> Question {
            let [id, track, topic, title, prompt, short_answer, interviewer_checks, junior, mid, senior, ..] =
                <[Text; 12]>::try_from(words).unwrap();
            Question {
                id, track, topic, title, prompt, short_answer, interviewer_checks,
                difficulty: Difficulty::ALL[enums.0],
                level: Level::ALL[enums.1],
                kind: Kind::ALL[enums.2],
                tags,
                time_limit: limit.map(|s| TimeLimit(Duration::from_secs(s))),
                key_points,
                answers: Answers { junior, mid, senior },
                mistakes: mistakes.into_iter().map(|(wrong, why, better)| Mistake { wrong, why, better }).collect(),
                follow_ups: follow_ups.into_iter().map(|(prompt, answer, probes)| FollowUp { prompt, answer, probes }).collect(),
                example: example.map(|(weak, strong)| Example { weak, strong }),
                stages,
                origin: Origin { file: origin.0, offset: origin.1 },
            }
        }
    }

    proptest! {
        /// Any bank, with any text in any field, decodes to itself.
        #[test]
        fn any_bank_survives_the_round_trip(
            files in proptest::collection::vec(any::<String>(), 0..3),
            topics in proptest::collection::vec((text(), text(), text(), text(), 0usize..1000, any::<u32>()), 0..3),
            questions in proptest::collection::vec(question(), 0..4),
            loops in loops(),
        ) {
            let topics = topics
                .into_iter()
                .map(|(track, topic, title, summary, count, file)| Topic { track, topic, title, summary, count, file })
                .collect();
            let bank = Bank::with_loops(files, topics, questions, loops);
            prop_assert_eq!(decode(encode(&bank).leak()).unwrap(), bank);
        }
    }
}
