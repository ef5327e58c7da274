//! The content rules of the writing guide (second edition), checked by
//! `drill validate --strict`: answer lengths that follow the time limit,
//! rubric size and levels, mistakes, 3-4 follow-ups that name what they
//! probe, per-topic spread, senior answers that do not all share one
//! template, and near-duplicate questions. Each finding is a warning naming
//! the file, the line and the rule.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::time::Duration;

use super::diag::{Diagnostic, Locator, Severity};
use super::model::{Bank, Difficulty, KeyPoint, Kind, Level, Question};
use crate::text::word_count;

/// Words a junior answer has, whatever the time.
pub const JUNIOR_WORDS: RangeInclusive<usize> = 50..=120;
/// Words a mid answer may have per minute of the time limit, and at most.
pub const MID_WORDS: (usize, usize) = (60, 220);
/// Words a senior answer may have per minute, at most, and at least.
pub const SENIOR_WORDS: (usize, usize, usize) = (80, 350, 120);
/// Follow-ups a question has.
pub const FOLLOW_UPS: RangeInclusive<usize> = 3..=4;
/// Passages that mark a recited template when most senior answers have them.
pub const STOCK_PASSAGES: &[&str] = &["what i would not do", "at 10x"];
/// Words compared at the start of senior answers.
const OPENING_WORDS: usize = 3;
/// Prompts sharing at least this share of word triples are near-duplicates.
const NEAR_DUPLICATE: f64 = 0.5;
/// Word triples found in more prompts than this are too common to compare.
const COMMON_SHINGLE: usize = 64;

/// The words an answer at `level` may have for a question of `limit`.
pub fn answer_words(level: Level, limit: Duration) -> RangeInclusive<usize> {
    let minutes = (limit.as_secs() / 60).max(1) as usize;
    match level {
        Level::Junior => JUNIOR_WORDS,
        Level::Mid => 1..=(MID_WORDS.0 * minutes).min(MID_WORDS.1),
        Level::Senior => {
            let (per_minute, cap, floor) = SENIOR_WORDS;
            floor..=(per_minute * minutes).clamp(floor, cap)
        }
    }
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

fn per_question(w: &mut Warner, q: &Question, limit: Duration) {
    for level in Level::ALL {
        let n = word_count(q.answers.get(*level));
        let allowed = answer_words(*level, limit);
        if !allowed.contains(&n) {
            let time = super::model::TimeLimit(limit);
            let msg = match level {
                Level::Junior => {
                    format!("the junior answer has {n} words; write {}-{}", allowed.start(), allowed.end())
                }
                Level::Mid => format!(
                    "the mid answer has {n} words; at most {} for a {time} question ({} a minute, {} at most)",
                    allowed.end(),
                    MID_WORDS.0,
                    MID_WORDS.1
                ),
                Level::Senior => format!(
                    "the senior answer has {n} words; write {}-{} for a {time} question ({} a minute, {}-{})",
                    allowed.start(),
                    allowed.end(),
                    SENIOR_WORDS.0,
                    SENIOR_WORDS.2,
                    SENIOR_WORDS.1
                ),
            };
            w.question(q, "answer-length", msg);
        }
    }
    if !(3..=7).contains(&q.key_points.len()) {
        w.question(q, "key-points", format!("{} key points; a rubric has 3-7", q.key_points.len()));
    }
    let unlevelled = |points: &[KeyPoint]| points.iter().position(|p| !p.levelled);
    if let Some(i) = unlevelled(&q.key_points) {
        let msg = format!("key point {} has no level; write it as {{ point = \"...\", level = \"...\" }}", i + 1);
        w.question(q, "key-point-levels", msg);
    }
    for (s, stage) in q.stages.iter().enumerate() {
        if let Some(i) = unlevelled(&stage.key_points) {
            w.question(q, "key-point-levels", format!("stage {} key point {} has no level", s + 1, i + 1));
        }
    }
    if q.mistakes.len() < 2 {
        let n = q.mistakes.len();
        w.question(q, "mistakes", format!("{n} common {}; write 2-3", crate::text::plural(n, "mistake", "mistakes")));
    }
    let n = q.follow_ups.len();
    if !FOLLOW_UPS.contains(&n) {
        let noun = crate::text::plural(n, "follow-up", "follow-ups");
        w.question(q, "follow-ups", format!("{n} {noun}; write 3-4, escalating, each naming the key points it probes"));
    }
    if let Some(i) = q.follow_ups.iter().position(|f| f.probes.is_empty()) {
        w.question(q, "follow-up-probes", format!("follow-up {} names no key points; add `probes`", i + 1));
    }
}

/// No more than a third of a topic's senior answers may share a stock
/// passage or their opening words: a candidate who learns one shape sounds
/// recited.
fn templates(w: &mut Warner, bank: &Bank) {
    for topic in &bank.topics {
        let seniors: Vec<Vec<String>> = bank
            .questions
            .iter()
            .filter(|q| q.track == topic.track && q.topic == topic.topic)
            .map(|q| words(&q.answers.senior))
            .collect();
        let n = seniors.len();
        let most = n / 3;
        let mut warn = |problem: String| {
            w.at(
                topic.file,
                0,
                "senior-template",
                format!("topic `{}`: {problem}; keep it to a third ({most})", topic.topic),
            );
        };
        for passage in STOCK_PASSAGES {
            let needle: Vec<&str> = passage.split(' ').collect();
            let with = seniors.iter().filter(|ws| ws.windows(needle.len()).any(|win| win == needle.as_slice())).count();
            if with > most {
                warn(format!("{with} of {n} senior answers say \"{passage}\""));
            }
        }
        let mut openings: HashMap<String, usize> = HashMap::new();
        for ws in seniors.iter().filter(|ws| ws.len() >= OPENING_WORDS) {
            *openings.entry(ws[..OPENING_WORDS].join(" ")).or_default() += 1;
        }
        let mut shared: Vec<(String, usize)> = openings.into_iter().filter(|(_, c)| *c > most).collect();
        shared.sort();
        for (opening, c) in shared {
            warn(format!("{c} of {n} senior answers open with \"{opening}\""));
        }
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

/// Every content-rule warning for a loaded bank, in file order; `limit(q)`
/// is the time a question runs with (the round policy decides), and
/// `text(i)` gives the bytes of the bank's file `i`, to locate warnings.
pub fn check<'a>(
    bank: &Bank,
    limit: impl Fn(&Question) -> Duration,
    text: impl Fn(u32) -> Option<Cow<'a, [u8]>>,
) -> Vec<Diagnostic> {
    let mut w = Warner::default();
    for q in &bank.questions {
        per_question(&mut w, q, limit(q));
    }
    spread(&mut w, bank);
    templates(&mut w, bank);
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
    fn answer_length_follows_the_clock() {
        let min = |m: u64| Duration::from_secs(60 * m);
        assert_eq!(answer_words(Level::Junior, min(6)), 50..=120);
        assert_eq!(answer_words(Level::Mid, min(2)), 1..=120);
        assert_eq!(answer_words(Level::Mid, min(6)), 1..=220, "capped");
        assert_eq!(answer_words(Level::Senior, min(2)), 120..=160);
        assert_eq!(answer_words(Level::Senior, min(1)), 120..=120, "never below the floor");
        assert_eq!(answer_words(Level::Senior, min(45)), 120..=350, "capped");
    }

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        assert_eq!(shingles("The cache, expires NOW."), shingles("the cache expires now"));
        assert!(shingles("two words").is_empty());
    }
}
