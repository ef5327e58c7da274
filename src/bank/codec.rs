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
    Answers, Bank, Difficulty, Example, FollowUp, Kind, Level, Mistake, Origin, Question, Text, TimeLimit, Topic,
};

const MAGIC: &[u8; 8] = b"drillbk1";

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
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T, CodecError>) -> Result<Vec<T>, CodecError> {
        let n = self.len()?;
        (0..n).map(|_| item(self)).collect()
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, CodecError> {
        all.get(self.u32()? as usize).copied().ok_or(CodecError("unknown enum value"))
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
        w.strs(key_points);
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
        for FollowUp { prompt, answer } in follow_ups {
            w.pair(prompt, answer);
        }
        match example {
            Some(Example { weak, strong }) => {
                w.u32(1);
                w.pair(weak, strong);
            }
            None => w.u32(0),
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
        key_points: r.strs()?,
        interviewer_checks: r.str()?,
        answers: Answers { junior: r.str()?, mid: r.str()?, senior: r.str()? },
        mistakes: r.list(|r| Ok(Mistake { wrong: r.str()?, why: r.str()?, better: r.str()? }))?,
        follow_ups: r.list(|r| Ok(FollowUp { prompt: r.str()?, answer: r.str()? }))?,
        example: match r.u32()? {
            0 => None,
            _ => Some(Example { weak: r.str()?, strong: r.str()? }),
        },
        origin: Origin { file: r.u32()?, offset: r.u32()? },
    })
}

/// Decodes what [`encode`] wrote. The bank borrows its text from `bytes`.
pub fn decode(bytes: &'static [u8]) -> Result<Bank, CodecError> {
    let (magic, rest) = split(bytes, MAGIC.len())?;
    if magic != MAGIC {
        return Err(CodecError("wrong header"));
    }
    let (len, rest) = split(rest, 8)?;
    let len = u64::from_le_bytes(len.try_into().expect("eight bytes"));
    let (nums, text) = split(rest, usize::try_from(len).map_err(|_| CodecError("truncated"))?)?;
    let text = std::str::from_utf8(text).map_err(|_| CodecError("invalid UTF-8"))?;
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
    if !r.nums.is_empty() || !r.text.is_empty() {
        return Err(CodecError("trailing bytes"));
    }
    Ok(Bank::new(files, topics, questions))
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

    prop_compose! {
        fn question()(
            words in proptest::collection::vec(text(), 12),
            enums in (0..Difficulty::ALL.len(), 0..Level::ALL.len(), 0..Kind::ALL.len()),
            tags in texts(4),
            limit in proptest::option::of(1u64..100_000),
            key_points in texts(8),
            mistakes in proptest::collection::vec((text(), text(), text()), 0..4),
            follow_ups in proptest::collection::vec((text(), text()), 0..5),
            example in proptest::option::of((text(), text())),
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
                follow_ups: follow_ups.into_iter().map(|(prompt, answer)| FollowUp { prompt, answer }).collect(),
                example: example.map(|(weak, strong)| Example { weak, strong }),
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
        ) {
            let topics = topics
                .into_iter()
                .map(|(track, topic, title, summary, count, file)| Topic { track, topic, title, summary, count, file })
                .collect();
            let bank = Bank::new(files, topics, questions);
            prop_assert_eq!(decode(encode(&bank).leak()).unwrap(), bank);
        }
    }
}
