//! The grader: which key points an answer covers, with the words that show
//! it. Lexical and offline: words are stemmed (Porter2), common backend
//! abbreviations are expanded, long words forgive a typo, a word the
//! answer negates ("no need for jitter") does not count, and each key
//! point's `also` phrasings are tried beside it. It pre-ticks the
//! checklist; the candidate has the final say.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use crate::bank::{KeyPoint, Question};

mod lexicon;
use lexicon::{NEGATORS, STOPWORDS, canonical, clause_words, same_stem};

/// How many significant words after a negator it reaches.
const NEGATION_REACH: usize = 2;

/// A key point covered when this share of its words' weight is found
/// (see [`Context`]: the prompt's own words and words most points share
/// weigh less, so the share that matters is of the point's own words).
const COVERED_SHARE: f64 = 0.4;
/// An answer states a known mistake when it says this share of the
/// mistake's words; those words then count for no key point.
const MISTAKE_SHARE: f64 = 0.7;
/// An `also` phrasing is one specific way of saying the point, short and
/// exact: it counts only when nearly all of it is said (a two- or
/// three-word phrasing in full).
const ALSO_SHARE: f64 = 0.75;
/// A phrasing of at most this many words is a name for the point ("canary
/// release", "DLQ"): naming it is not explaining it, so it counts only
/// beside another word of the point itself.
const SHORT_PHRASING: usize = 2;
/// Words at least this long forgive one typo (Jaro-Winkler similarity).
const TYPO_MIN_LEN: usize = 7;
const TYPO_SIMILARITY: f64 = 0.93;

/// Whether a key point is covered, and the answer's words that show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tick {
    /// Covered or not.
    pub covered: bool,
    /// The words of the answer that matched, in the answer's order.
    pub evidence: Vec<String>,
}

/// One word of a text: as written, and its stem.
struct Word {
    /// Which word of the text it came from (an abbreviation expands to
    /// several words that all count as one).
    source: usize,
    shown: String,
    /// The word as written, lowercased (typos are judged on it).
    plain: String,
    /// Characters in `plain`.
    chars: usize,
    stem: String,
    negated: bool,
}

fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The significant words of a text, expanded and stemmed, each marked when
/// a negator reaches it.
fn words(text: &str, stem: &Stemmer) -> Vec<Word> {
    let mut out = Vec::new();
    let mut source = 0;
    // A negation reaches to the end of its clause at most.
    for clause in text.split(['.', ',', ';', ':', '!', '?', '\n', '(', ')']) {
        let mut reach = 0;
        for (lower, shown) in clause_words(clause) {
            source += 1;
            if NEGATORS.contains(&lower.as_str()) {
                reach = NEGATION_REACH;
                continue;
            }
            let canonical = canonical(&lower);
            if STOPWORDS.contains(&canonical) || (canonical.len() < 3 && !canonical.chars().any(|c| c.is_ascii_digit()))
            {
                continue;
            }
            // Reach is counted in significant words: "instead of a version
            // column" sets aside both the version and the column.
            let negated = reach > 0;
            reach = reach.saturating_sub(1);
            let stemmed = stem.stem(canonical).into_owned();
            let (plain, chars) = (canonical.to_string(), canonical.chars().count());
            out.push(Word { source, shown, plain, chars, stem: stemmed, negated });
        }
    }
    out
}

/// Whether two long words are a typo apart.
fn typo(a: &Word, b: &Word) -> bool {
    let (short, long) = (a.chars.min(b.chars), a.chars.max(b.chars));
    // Jaro-Winkler of 0.93 needs a Jaro of 0.88, which words whose lengths
    // differ by more than about a third cannot reach: skip the sum.
    short >= TYPO_MIN_LEN && 20 * short >= 13 * long && strsim::jaro_winkler(&a.plain, &b.plain) >= TYPO_SIMILARITY
}

/// Words the candidate was given rather than found: repeating the
/// question's own words, or a word most of its key points share, shows
/// little about any one point.
pub struct Context {
    stem: Stemmer,
    /// Stems of the prompt (and title) the candidate answered.
    prompt: Vec<String>,
    /// For each stem of the key points, how many of them say it.
    spread: HashMap<String, usize>,
}

/// The weight of a word the prompt already says.
const ECHO_WEIGHT: f64 = 0.5;

impl Context {
    /// The context of answering `prompt` against `points`.
    pub fn new(prompt: &str, points: &[KeyPoint]) -> Context {
        let stem = stemmer();
        let prompt = words(prompt, &stem).into_iter().map(|w| w.stem).collect();
        let mut spread: HashMap<String, usize> = HashMap::new();
        for p in points {
            let mut stems: Vec<String> = words(&p.point, &stem).into_iter().map(|w| w.stem).collect();
            stems.sort_unstable();
            stems.dedup();
            for s in stems {
                *spread.entry(s).or_default() += 1;
            }
        }
        Context { stem, prompt, spread }
    }

    /// How much finding this stem says: a word of the prompt or one that
    /// several key points share says less.
    fn weight(&self, stem: &str) -> f64 {
        let echo = if self.prompt.iter().any(|p| same_stem(p, stem)) { ECHO_WEIGHT } else { 1.0 };
        let shared = self.spread.get(stem).copied().unwrap_or(1).max(1) as f64;
        echo / shared.sqrt()
    }
}

/// How much of one phrasing the answer says: the weighted share, how many
/// distinct words were found, and the words that say it.
struct Coverage {
    share: f64,
    found: usize,
    evidence: Vec<String>,
    /// Which words of the answer matched.
    sources: Vec<usize>,
}

fn coverage(phrase: &[Word], answer: &[Word], cx: &Context) -> Coverage {
    let mut wanted: Vec<&Word> = Vec::new();
    for w in phrase {
        if !wanted.iter().any(|x| same_stem(&x.stem, &w.stem)) {
            wanted.push(w);
        }
    }
    let mut found = 0;
    let (mut total, mut got) = (0.0, 0.0);
    let mut used: Vec<usize> = Vec::new();
    let mut evidence: Vec<(usize, String)> = Vec::new();
    for w in &wanted {
        let weight = cx.weight(&w.stem);
        total += weight;
        // A word the answer negates ("no need for jitter") counts only for
        // a word the point negates too. (The other way round is not asked:
        // answers say "does not spread" in too many ways to require it.)
        // One word of the answer stands for one word of the point.
        // The same stem is looked for first: it is cheap and the better match.
        let free = |a: &&Word| (!a.negated || w.negated) && !used.contains(&a.source);
        let hit = answer
            .iter()
            .find(|a| same_stem(&a.stem, &w.stem) && free(a))
            .or_else(|| answer.iter().find(|a| typo(a, w) && free(a)));
        if let Some(a) = hit {
            found += 1;
            got += weight;
            used.push(a.source);
            if !a.shown.is_empty() {
                evidence.push((a.source, a.shown.clone()));
            }
        }
    }
    evidence.sort();
    evidence.dedup();
    let share = if total > 0.0 { got / total } else { 0.0 };
    let sources = evidence.iter().map(|(s, _)| *s).collect();
    Coverage { share, found, evidence: evidence.into_iter().map(|(_, s)| s).collect(), sources }
}

/// Grades one key point against the answer's words.
fn tick(point: &KeyPoint, answer: &[Word], cx: &Context) -> Tick {
    let mut best = Tick { covered: false, evidence: Vec::new() };
    // Words of the point itself the answer says: a short `also` phrasing
    // (a name, "DLQ", "canary release") counts only beside at least one
    // of them, so naming a point is not covering it.
    let mut point_words: Vec<String> = Vec::new();
    let phrases = std::iter::once((point.point.as_ref(), true));
    let also = point.also.iter().map(|a| (a.as_ref(), false));
    for (phrase, own) in phrases.chain(also) {
        let wanted = words(phrase, &cx.stem);
        let c = coverage(&wanted, answer, cx);
        let distinct = {
            let mut s: Vec<&str> = wanted.iter().map(|w| w.stem.as_str()).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if own {
            point_words = c.evidence.clone();
        }
        // Half-said points are not ticks: enough of the point's weight, and
        // at least two of its words when it has two.
        let needed = if own { COVERED_SHARE } else { ALSO_SHARE };
        let in_context = own || distinct > SHORT_PHRASING || point_words.iter().any(|w| !c.evidence.contains(w));
        let covered = c.share >= needed && c.found >= distinct.min(2) && in_context;
        if !best.covered && (covered || c.evidence.len() > best.evidence.len()) {
            best = Tick { covered, evidence: c.evidence };
        }
    }
    if !best.covered {
        best.evidence.clear();
    }
    best
}

/// Grades an answer against every key point of a question.
pub fn grade(answer: &str, q: &Question) -> Vec<Tick> {
    let wrong: Vec<&str> = q.mistakes.iter().map(|m| m.wrong.as_ref()).collect();
    graded(answer, &q.key_points, &format!("{}\n{}", q.title, q.prompt), &wrong)
}

/// Grades an answer to `prompt` against key points.
pub fn ticks(answer: &str, points: &[KeyPoint], prompt: &str) -> Vec<Tick> {
    graded(answer, points, prompt, &[])
}

fn graded(answer: &str, points: &[KeyPoint], prompt: &str, wrong: &[&str]) -> Vec<Tick> {
    if answer.trim().is_empty() {
        return points.iter().map(|_| Tick { covered: false, evidence: Vec::new() }).collect();
    }
    let cx = Context::new(prompt, points);
    let mut said = words(answer, &cx.stem);
    // Words that state a known mistake are not evidence of the point it
    // gets wrong: "add more shards so the load spreads" is not "adding
    // shards does not spread it".
    let mut spent: Vec<usize> = Vec::new();
    for w in wrong {
        let mistake = words(w, &cx.stem);
        // "Adding shards won't spread it" refutes the mistake in its words.
        let refuted =
            said.iter().any(|a| a.negated && mistake.iter().any(|m| !m.negated && same_stem(&m.stem, &a.stem)));
        let c = coverage(&mistake, &said, &cx);
        if c.share >= MISTAKE_SHARE && c.found >= 2 && !refuted {
            spent.extend(c.sources);
        }
    }
    said.retain(|w| !spent.contains(&w.source));
    points.iter().map(|p| tick(p, &said, &cx)).collect()
}

/// How the grader's ticks agree with hand labels: counts of key points
/// ticked and labelled (true positives), ticked only, labelled only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Ticked and labelled covered.
    pub both: usize,
    /// Ticked, not labelled.
    pub ticked_only: usize,
    /// Labelled, not ticked.
    pub labelled_only: usize,
}

impl Agreement {
    /// Adds one labelled answer: `covered` are the key points (from 0) a
    /// strict interviewer credits.
    pub fn add(&mut self, answer: &str, q: &Question, covered: &[usize]) {
        for (i, t) in grade(answer, q).iter().enumerate() {
            match (t.covered, covered.contains(&i)) {
                (true, true) => self.both += 1,
                (true, false) => self.ticked_only += 1,
                (false, true) => self.labelled_only += 1,
                (false, false) => {}
            }
        }
    }

    /// Share of ticks that are right.
    pub fn precision(&self) -> f64 {
        self.both as f64 / (self.both + self.ticked_only).max(1) as f64
    }

    /// Share of labelled points that are ticked.
    pub fn recall(&self) -> f64 {
        self.both as f64 / (self.both + self.labelled_only).max(1) as f64
    }

    /// The harmonic mean of the two.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

#[cfg(test)]
mod tests;
