//! The content rules of the writing guide, checked by
//! `drill validate --strict`: answer lengths per level, rubric size,
//! mistakes and follow-ups, per-topic spread, and near-duplicate questions.
//! Each finding is a warning naming the file, the line and the rule.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::RangeInclusive;

use super::diag::{Diagnostic, Locator, Severity};
use super::model::{Bank, Difficulty, Kind, Level, Question};
use crate::text::word_count;

/// Word ranges per answer level, from the writing guide.
pub const ANSWER_WORDS: [(Level, RangeInclusive<usize>); 3] =
    [(Level::Junior, 60..=120), (Level::Mid, 120..=220), (Level::Senior, 180..=350)];
/// Slack on the word ranges, in percent.
pub const SLACK_PERCENT: usize = 15;
/// Prompts sharing at least this share of word triples are near-duplicates.
const NEAR_DUPLICATE: f64 = 0.5;
/// Word triples found in more prompts than this are too common to compare.
const COMMON_SHINGLE: usize = 64;

/// The range with the slack applied.
pub fn with_slack(range: &RangeInclusive<usize>) -> RangeInclusive<usize> {
    let lo = range.start() * (100 - SLACK_PERCENT) / 100;
    let hi = range.end() * (100 + SLACK_PERCENT) / 100;
    lo..=hi
}

/// Warnings as found: file index, byte offset, message. They are located
/// at the end, reading each file once.
#[derive(Default)]
struct Warner {
    found: Vec<(u32, usize, String)>,
}

impl Warner {
    fn at(&mut self, file: u32, offset: usize, rule: &str, message: String) {
        self.found.push((file, offset, format!("{message} [{rule}]")));
    }

    fn question(&mut self, q: &Question, rule: &str, message: String) {
        self.at(q.origin.file, q.origin.offset as usize, rule, format!("question `{}`: {message}", q.id));
    }
}

fn per_question(w: &mut Warner, q: &Question) {
    for (level, range) in &ANSWER_WORDS {
        let n = word_count(q.answers.get(*level));
        let allowed = with_slack(range);
        if !allowed.contains(&n) {
            let msg = format!(
                "the {level} answer has {n} words; write {}-{} (up to {}-{} is accepted)",
                range.start(),
                range.end(),
                allowed.start(),
                allowed.end()
            );
            w.question(q, "answer-length", msg);
        }
    }
    if !(3..=7).contains(&q.key_points.len()) {
        w.question(q, "key-points", format!("{} key points; a rubric has 3-7", q.key_points.len()));
    }
    if q.mistakes.len() < 2 {
        w.question(q, "mistakes", format!("{} common mistake; write at least 2", q.mistakes.len()));
    }
    if q.follow_ups.len() < 2 {
        let n = q.follow_ups.len();
        w.question(
            q,
            "follow-ups",
            format!("{n} follow-up{}; write at least 2, each with an answer", crate::text::plural(n, "", "s")),
        );
    }
}

fn spread(w: &mut Warner, bank: &Bank) {
    for topic in &bank.topics {
        let qs: Vec<&Question> =
            bank.questions.iter().filter(|q| q.track == topic.track && q.topic == topic.topic).collect();
        let count_d = |d: Difficulty| qs.iter().filter(|q| q.difficulty == d).count();
        let (easy, medium, hard) = (count_d(Difficulty::Easy), count_d(Difficulty::Medium), count_d(Difficulty::Hard));
        let mut problems = Vec::new();
        if easy < 2 || medium < 3 || hard < 2 {
            problems.push(format!("{easy} easy, {medium} medium, {hard} hard (needs 2+ easy, 3+ medium, 2+ hard)"));
        }
        let missing: Vec<&str> =
            Level::ALL.iter().filter(|l| !qs.iter().any(|q| q.level == **l)).map(|l| l.as_str()).collect();
        if !missing.is_empty() {
            problems.push(format!("no {} question", missing.join(" or ")));
        }
        let applied = qs.iter().filter(|q| q.kind != Kind::Concept).count();
        if applied < 2 {
            problems.push(format!("{applied} scenario/design/debugging/estimation questions (needs 2+)"));
        }
        for problem in problems {
            w.at(topic.file, 0, "topic-spread", format!("topic `{}`: {problem}", topic.topic));
        }
    }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn shingles(s: &str) -> Vec<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let w = words(s);
    let mut out: Vec<u64> = w
        .windows(3)
        .map(|t| {
            let mut h = DefaultHasher::new();
            t.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn duplicates(w: &mut Warner, bank: &Bank) {
    let mut titles: HashMap<String, &Question> = HashMap::new();
    for q in &bank.questions {
        let key = words(&q.title).join(" ");
        if let Some(first) = titles.get(&key) {
            let msg = format!("has the same title as `{}`; make each question's point distinct", first.id);
            w.question(q, "near-duplicate", msg);
        } else {
            titles.insert(key, q);
        }
    }
    let sets: Vec<Vec<u64>> = bank.questions.iter().map(|q| shingles(&q.prompt)).collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for s in set {
            index.entry(*s).or_default().push(i);
        }
    }
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        shared.clear();
        for s in set {
            let posting = &index[s];
            if posting.len() > COMMON_SHINGLE {
                continue;
            }
            // Only earlier questions, so each pair is reported once, on the later one.
            for &j in posting.iter().take_while(|j| **j < i) {
                *shared.entry(j).or_default() += 1;
            }
        }
        let best = shared
            .iter()
            .map(|(&j, &n)| (j, n as f64 / (set.len() + sets[j].len() - n).max(1) as f64))
            .filter(|(_, jaccard)| *jaccard >= NEAR_DUPLICATE)
            .min_by_key(|(j, _)| *j);
        if let Some((j, jaccard)) = best {
            let other = &bank.questions[j].id;
            let msg =
                format!("its prompt is {:.0}% the same as `{other}`'s; make each question distinct", jaccard * 100.0);
            w.question(&bank.questions[i], "near-duplicate", msg);
        }
    }
}

/// Every content-rule warning for a loaded bank, in file order; `text(i)`
/// gives the bytes of the bank's file `i`, to locate them.
pub fn check<'a>(bank: &Bank, text: impl Fn(u32) -> Option<Cow<'a, [u8]>>) -> Vec<Diagnostic> {
    let mut w = Warner::default();
    for q in &bank.questions {
        per_question(&mut w, q);
    }
    spread(&mut w, bank);
    duplicates(&mut w, bank);
    // Stable: a question's warnings keep the order they were found in.
    w.found.sort_by_key(|(file, offset, _)| (*file, *offset));
    let mut out = Vec::with_capacity(w.found.len());
    for group in w.found.chunk_by(|a, b| a.0 == b.0) {
        let file = group[0].0;
        let bytes = text(file).unwrap_or_default();
        let locator = Locator::new(super::parse::text_of(&bytes));
        let path = &bank.files[file as usize];
        for (_, offset, message) in group {
            let mut d = locator.diagnostic(Severity::Warning, path, *offset..*offset + 1, message.clone());
            d.underline = d.source_line.as_deref().map_or(1, |l| l.chars().count().max(1));
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_widens_both_ends() {
        assert_eq!(with_slack(&(60..=120)), 51..=138);
        assert_eq!(with_slack(&(180..=350)), 153..=402);
    }

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        assert_eq!(shingles("The cache, expires NOW."), shingles("the cache expires now"));
        assert!(shingles("two words").is_empty());
    }
}
