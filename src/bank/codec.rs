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
    let mut w = Writer::default();
    w.strs(&bank.files);
    w.u32(bank.topics.len());
    for t in &bank.topics {
        w.pair(&t.track, &t.topic);
        w.pair(&t.title, &t.summary);
        w.u32(t.count);
        w.u32(t.file as usize);
    }
    w.u32(bank.questions.len());
    for q in &bank.questions {
        for s in [&q.id, &q.track, &q.topic, &q.title, &q.prompt] {
            w.str(s);
        }
        w.u32(index_of(Difficulty::ALL, q.difficulty));
        w.u32(index_of(Level::ALL, q.level));
        w.u32(index_of(Kind::ALL, q.kind));
        w.strs(&q.tags);
        // 0 means "no explicit limit": a limit is never zero seconds.
        w.u32(q.time_limit.map_or(0, |t| t.0.as_secs() as usize));
        w.str(&q.short_answer);
        w.strs(&q.key_points);
        w.str(&q.interviewer_checks);
        for s in [&q.answers.junior, &q.answers.mid, &q.answers.senior] {
            w.str(s);
        }
        w.u32(q.mistakes.len());
        for m in &q.mistakes {
            w.pair(&m.wrong, &m.why);
            w.str(&m.better);
        }
        w.u32(q.follow_ups.len());
        for f in &q.follow_ups {
            w.pair(&f.prompt, &f.answer);
        }
        match &q.example {
            Some(e) => {
                w.u32(1);
                w.pair(&e.weak, &e.strong);
            }
            None => w.u32(0),
        }
        w.u32(q.origin.file as usize);
        w.u32(q.origin.offset as usize);
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
}
