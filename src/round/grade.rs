//! The grader: which key points an answer covers, with the words that show
//! it. Lexical and offline: words are stemmed (Porter2), common backend
//! abbreviations are expanded, long words forgive a typo, a word keeps
//! its sense under negation, the prompt's own words weigh less, words that
//! state a known mistake count for nothing, and each key point's `also`
//! phrasings are tried beside it. It pre-ticks the checklist; the
//! candidate has the final say.

use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};

use crate::bank::{KeyPoint, Question};

mod lexicon;
use lexicon::{WordMap, WordSet, canonical, clause_words, clauses, is_negator, is_stopword, short_term, stem_key};

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
/// exact: it counts only when more than two thirds of its weight is said
/// (a two- or three-word phrasing of equal words in full).
const ALSO_SHARE: f64 = 0.67;
/// A word the point negates ("no stack traces in the body") that the
/// answer says without a negator counts this much: answers negate with
/// verbs ("strip the stack traces"), but "uses each gateway's clock" must
/// not earn "not the gateways' clocks".
const CROSS_NEGATION_CREDIT: f64 = 0.5;
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
    /// The word as written, lowercased (typos are judged on it); empty
    /// for words too short to forgive one.
    plain: String,
    /// Characters in `plain`.
    chars: usize,
    stem: Rc<str>,
    /// How much of `stem` two forms of the word share (see [`stem_key`]).
    key_len: usize,
    negated: bool,
}

impl Word {
    /// What the word is compared by.
    fn key(&self) -> &str {
        &self.stem[..self.key_len]
    }
}

/// Stems words, remembering each: answers and phrasings repeat words.
struct Lexer {
    stemmer: Stemmer,
    memo: WordMap<String, Rc<str>>,
}

impl Lexer {
    fn new() -> Lexer {
        Lexer { stemmer: Stemmer::create(Algorithm::English), memo: WordMap::default() }
    }

    fn stem(&mut self, word: &str) -> Rc<str> {
        if let Some(s) = self.memo.get(word) {
            return Rc::clone(s);
        }
        let s: Rc<str> = self.stemmer.stem(&lexicon::american(word)).into();
        self.memo.insert(word.to_string(), Rc::clone(&s));
        s
    }
}

/// The significant words of a text, expanded and stemmed, each marked when
/// a negator reaches it.
fn words(text: &str, lex: &mut Lexer) -> Vec<Word> {
    let mut out = Vec::new();
    let mut source = 0;
    // A negation reaches to the end of its clause at most.
    for clause in clauses(text) {
        let mut reach = 0;
        for lexicon::Token { word, shown, caps } in clause_words(clause) {
            source += 1;
            if is_negator(&word) {
                reach = NEGATION_REACH;
                continue;
            }
            let canonical = canonical(&word);
            if (is_stopword(canonical) && !caps) || (canonical.len() < 3 && !short_term(canonical)) {
                continue;
            }
            // Reach is counted in significant words: "instead of a version
            // column" sets aside both the version and the column.
            let negated = reach > 0;
            reach = reach.saturating_sub(1);
            let stem = lex.stem(canonical);
            let key_len = stem_key(&stem).len();
            let chars = canonical.chars().count();
            let plain = if chars >= TYPO_MIN_LEN { canonical.to_string() } else { String::new() };
            out.push(Word { source, shown, plain, chars, stem, key_len, negated });
        }
    }
    out
}

/// Whether two long words are a typo apart.
fn typo(a: &Word, b: &Word) -> bool {
    let (short, long) = (a.chars.min(b.chars), a.chars.max(b.chars));
    // Jaro-Winkler of 0.93 needs a Jaro of 0.88, which words whose lengths
    // differ by more than about a third cannot reach: skip the sum. Typos
    // in the first letter are rare and would need a Jaro of 0.93 alone.
    short >= TYPO_MIN_LEN
        && 20 * short >= 13 * long
        && a.plain.as_bytes().first() == b.plain.as_bytes().first()
        && strsim::jaro_winkler(&a.plain, &b.plain) >= TYPO_SIMILARITY
}

/// Words the candidate was given rather than found: repeating the
/// question's own words, or a word most of its key points share, shows
/// little about any one point.
struct Context {
    lex: Lexer,
    /// The words of the prompt (and title) the candidate answered.
    prompt: WordSet<String>,
    /// For each word of the key points, how many of them say it.
    spread: WordMap<String, usize>,
    /// Each key point's phrasings as words: its own text first (and, for
    /// "X, or Y", X alone), then its `also` phrasings.
    phrasings: Vec<Vec<Vec<Word>>>,
    /// How many of each point's phrasings are its own text.
    own: Vec<usize>,
}

/// The weight of a word the prompt already says.
const ECHO_WEIGHT: f64 = 0.5;

impl Context {
    /// The context of answering `prompt` against `points`.
    fn new(prompt: &str, points: &[KeyPoint]) -> Context {
        let mut lex = Lexer::new();
        let prompt = words(prompt, &mut lex).iter().map(|w| w.key().to_string()).collect();
        let mut own = Vec::with_capacity(points.len());
        let phrasings: Vec<Vec<Vec<Word>>> = points
            .iter()
            .map(|p| {
                // "409 plus Retry-After, or waits briefly": either branch
                // answers the point, so the first is tried alone too.
                let head = p.point.split_once(", or ").map(|(head, _)| head);
                own.push(1 + usize::from(head.is_some()));
                let texts = std::iter::once(p.point.as_ref()).chain(head).chain(p.also.iter().map(|a| a.as_ref()));
                texts.map(|t| words(t, &mut lex)).collect()
            })
            .collect();
        let mut spread: WordMap<String, usize> = WordMap::default();
        for own in phrasings.iter().filter_map(|p| p.first()) {
            let mut stems: Vec<&str> = own.iter().map(Word::key).collect();
            stems.sort_unstable();
            stems.dedup();
            for s in stems {
                *spread.entry(s.to_string()).or_default() += 1;
            }
        }
        Context { lex, prompt, spread, phrasings, own }
    }

    /// How much finding this word says: a word of the prompt or one that
    /// several key points share says less.
    fn weight(&self, key: &str) -> f64 {
        let echo = if self.prompt.contains(key) { ECHO_WEIGHT } else { 1.0 };
        let shared = self.spread.get(key).copied().unwrap_or(1).max(1) as f64;
        echo / shared.sqrt()
    }
}

/// How much of one phrasing the answer says: the weighted share, how many
/// distinct words were found, and the words that say it.
struct Coverage {
    share: f64,
    found: usize,
    evidence: Vec<String>,
    /// Which words of the answer matched (also those a phrase said another
    /// way adds, which show no evidence of their own).
    sources: Vec<usize>,
}

/// An answer's words, indexed for the many lookups a grade makes.
struct Answer {
    words: Vec<Word>,
    /// Positions in `words` of each word, by key.
    by_key: WordMap<String, Vec<usize>>,
    /// One position for each distinct word long enough to forgive a typo.
    long: Vec<usize>,
}

impl Answer {
    fn new(words: Vec<Word>) -> Answer {
        let mut by_key: WordMap<String, Vec<usize>> = WordMap::default();
        let mut long: Vec<usize> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            by_key.entry(w.key().to_string()).or_default().push(i);
            if w.chars >= TYPO_MIN_LEN && !long.iter().any(|&j| words[j].plain == w.plain) {
                long.push(i);
            }
        }
        Answer { words, by_key, long }
    }
}

fn coverage(phrase: &[Word], answer: &Answer, cx: &Context) -> Coverage {
    let mut wanted: Vec<&Word> = Vec::new();
    for w in phrase {
        if !wanted.iter().any(|x| x.key() == w.key()) {
            wanted.push(w);
        }
    }
    let mut found = 0;
    let (mut total, mut got) = (0.0, 0.0);
    let mut used: Vec<usize> = Vec::new();
    let mut evidence: Vec<(usize, String)> = Vec::new();
    for w in &wanted {
        let weight = cx.weight(w.key());
        total += weight;
        // A word keeps its sense: the answer's word must be negated when the
        // point's is and not when it is not ("no need for jitter" says
        // nothing for jitter), except that a word the point negates, said
        // plainly, earns part of its weight (see CROSS_NEGATION_CREDIT).
        // One word of the answer stands for one word of the point. The
        // same word is looked for first: it is cheap and the better match.
        let strict = |i: &usize| {
            let a = &answer.words[*i];
            a.negated == w.negated && !used.contains(&a.source)
        };
        let loose = |i: &usize| {
            let a = &answer.words[*i];
            !a.negated && !used.contains(&a.source)
        };
        let occurrences = |key: &str| answer.by_key.get(key).into_iter().flatten();
        let find = |free: &dyn Fn(&usize) -> bool| {
            occurrences(w.key()).copied().find(|i| free(i)).or_else(|| {
                answer
                    .long
                    .iter()
                    .filter(|&&j| typo(&answer.words[j], w))
                    .find_map(|&j| occurrences(answer.words[j].key()).copied().find(|i| free(i)))
            })
        };
        let (hit, share_of_weight) = match find(&strict) {
            Some(i) => (Some(i), 1.0),
            None if w.negated => (find(&loose), CROSS_NEGATION_CREDIT),
            None => (None, 0.0),
        };
        if let Some(a) = hit.map(|i| &answer.words[i]) {
            found += 1;
            got += weight * share_of_weight;
            used.push(a.source);
            if !a.shown.is_empty() {
                evidence.push((a.source, a.shown.clone()));
            }
        }
    }
    evidence.sort();
    evidence.dedup();
    let share = if total > 0.0 { got / total } else { 0.0 };
    Coverage { share, found, evidence: evidence.into_iter().map(|(_, s)| s).collect(), sources: used }
}

/// Grades one key point (its phrasings, own text first) against the
/// answer's words.
fn tick(phrasings: &[Vec<Word>], owned: usize, answer: &Answer, cx: &Context) -> Tick {
    let mut best = Tick::default();
    // Words of the point itself the answer says: a short `also` phrasing
    // (a name, "DLQ", "canary release") counts only beside at least one
    // of them, so naming a point is not covering it.
    let mut point_words: Vec<String> = Vec::new();
    for (i, wanted) in phrasings.iter().enumerate() {
        let own = i < owned;
        let c = coverage(wanted, answer, cx);
        let distinct = {
            let mut s: Vec<&str> = wanted.iter().map(Word::key).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if i == 0 {
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
        return vec![Tick::default(); points.len()];
    }
    let mut cx = Context::new(prompt, points);
    let indexed = Answer::new(words(answer, &mut cx.lex));
    // Words that state a known mistake are not evidence of the point it
    // gets wrong: "add more shards so the load spreads" is not "adding
    // shards does not spread it".
    let mut spent: Vec<usize> = Vec::new();
    for w in wrong {
        let mistake = words(w, &mut cx.lex);
        // "Adding shards won't spread it" refutes the mistake in its words.
        let refuted =
            indexed.words.iter().any(|a| a.negated && mistake.iter().any(|m| !m.negated && m.key() == a.key()));
        let c = coverage(&mistake, &indexed, &cx);
        if c.share >= MISTAKE_SHARE && c.found >= 2 && !refuted {
            spent.extend(c.sources);
        }
    }
    let answer = if spent.is_empty() {
        indexed
    } else {
        Answer::new(indexed.words.into_iter().filter(|w| !spent.contains(&w.source)).collect())
    };
    cx.phrasings.iter().zip(&cx.own).map(|(p, &owned)| tick(p, owned, &answer, &cx)).collect()
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
