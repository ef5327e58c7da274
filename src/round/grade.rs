//! The grader: which key points an answer covers, with the words that show
//! it. Lexical and offline: words are stemmed (Porter2), common backend
//! abbreviations are expanded, long words forgive a typo, a word the
//! answer negates ("no need for jitter") does not count, and each key
//! point's `also` phrasings are tried beside it. It pre-ticks the
//! checklist; the candidate has the final say.

use rust_stemmers::{Algorithm, Stemmer};

use crate::bank::{KeyPoint, Question};

/// Words too common to show that a key point was covered.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto",
    "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there",
    "their", "them", "they", "then", "than", "so", "if", "when", "where", "which", "while", "who", "why", "what",
    "how", "all", "any", "each", "every", "some", "such", "same", "other", "only", "just", "also", "very", "more",
    "most", "much", "can", "could", "would", "should", "will", "may", "might", "must", "has", "have", "had", "do",
    "does", "did", "you", "your", "we", "our", "i", "my", "me", "one", "use", "uses", "used", "using", "about",
    "after", "before", "again", "because", "both", "like", "through", "under", "until", "without", "via", "per", "e",
    "g", "eg", "ie", "etc", "s",
];

/// Words that turn the next few words into their opposite.
const NEGATORS: &[&str] = &[
    "no", "not", "never", "dont", "don't", "doesnt", "doesn't", "isnt", "isn't", "without", "instead", "avoid", "nor",
];
/// How many significant words after a negator it reaches.
const NEGATION_REACH: usize = 2;

/// Words candidates shorten, and the word both sides are compared as.
const SYNONYMS: &[(&str, &str)] = &[
    ("idem", "idempotency"),
    ("idempotent", "idempotency"),
    ("pg", "postgresql"),
    ("postgres", "postgresql"),
    ("k8s", "kubernetes"),
    ("db", "database"),
    ("dbs", "database"),
    ("msg", "message"),
    ("msgs", "message"),
    ("req", "request"),
    ("reqs", "request"),
    ("txn", "transaction"),
    ("tx", "transaction"),
    ("conn", "connection"),
    ("conns", "connection"),
    ("config", "configuration"),
    ("authn", "authentication"),
    ("authz", "authorization"),
    ("authorisation", "authorization"),
    ("env", "environment"),
    ("envs", "environment"),
    ("ack", "acknowledge"),
    ("acks", "acknowledge"),
    ("uuid", "id"),
    ("ids", "id"),
];

/// Phrases candidates abbreviate: both sides are compared as the
/// abbreviation, so "DLQ" says all of "dead-letter queue" and nothing of
/// "dead-letter growth".
const PHRASES: &[(&str, &str)] = &[
    ("dead letter queue", "dlq"),
    ("dead letter queues", "dlq"),
    ("dead letter", "dlq"),
    ("load balancer", "lb"),
    ("primary key", "pk"),
    ("foreign key", "fk"),
    ("requests per second", "rps"),
    ("queries per second", "qps"),
    ("time to live", "ttl"),
    ("content delivery network", "cdn"),
    ("write ahead log", "wal"),
    ("service level objective", "slo"),
    ("service level objectives", "slo"),
];

/// The words of a clause in lowercase, with known phrases shortened.
fn clause_words(clause: &str) -> Vec<String> {
    let lower = clause.to_lowercase();
    let raw: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let phrase =
            PHRASES.iter().find(|(long, _)| long.split(' ').enumerate().all(|(k, w)| raw.get(i + k) == Some(&w)));
        match phrase {
            Some((long, short)) => {
                out.push((*short).to_string());
                i += long.split(' ').count();
            }
            None => {
                out.push(raw[i].to_string());
                i += 1;
            }
        }
    }
    out
}

/// A key point covered when this share of its (weighted) words is found.
const COVERED_SHARE: f64 = 0.5;
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
        for lower in clause_words(clause) {
            source += 1;
            if NEGATORS.contains(&lower.as_str()) {
                reach = NEGATION_REACH;
                continue;
            }
            let canonical = SYNONYMS.iter().find(|(short, _)| *short == lower).map_or(lower.as_str(), |(_, long)| long);
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
            out.push(Word { source, shown: lower, plain, chars, stem: stemmed, negated });
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

/// How much of one phrasing the answer says, and the words that say it.
fn coverage(phrase: &[Word], answer: &[Word]) -> (f64, usize, Vec<String>) {
    let mut wanted: Vec<&Word> = Vec::new();
    for w in phrase {
        if !wanted.iter().any(|x| x.stem == w.stem) {
            wanted.push(w);
        }
    }
    if wanted.is_empty() {
        return (0.0, 0, Vec::new());
    }
    let mut found = 0;
    let mut used: Vec<usize> = Vec::new();
    let mut evidence: Vec<(usize, String)> = Vec::new();
    for w in &wanted {
        // A word the key point itself negates may be negated in the answer;
        // one word of the answer stands for one word of the point.
        // The same stem is looked for first: it is cheap and the better match.
        let free = |a: &&Word| (!a.negated || w.negated) && !used.contains(&a.source);
        let hit = answer
            .iter()
            .find(|a| a.stem == w.stem && free(a))
            .or_else(|| answer.iter().find(|a| typo(a, w) && free(a)));
        if let Some(a) = hit {
            found += 1;
            used.push(a.source);
            evidence.push((a.source, a.shown.clone()));
        }
    }
    evidence.sort();
    evidence.dedup();
    (found as f64 / wanted.len() as f64, found, evidence.into_iter().map(|(_, s)| s).collect())
}

/// Grades one key point against the answer's words.
fn tick(point: &KeyPoint, answer: &[Word], stem: &Stemmer) -> Tick {
    let mut best = Tick { covered: false, evidence: Vec::new() };
    // Words of the point itself the answer says: a short `also` phrasing
    // (a name, "DLQ", "canary release") counts only beside at least one
    // of them, so naming a point is not covering it.
    let mut point_words: Vec<String> = Vec::new();
    let phrases = std::iter::once((point.point.as_ref(), true));
    let also = point.also.iter().map(|a| (a.as_ref(), false));
    for (phrase, own) in phrases.chain(also) {
        let wanted = words(phrase, stem);
        let (share, found, evidence) = coverage(&wanted, answer);
        let distinct = {
            let mut s: Vec<&str> = wanted.iter().map(|w| w.stem.as_str()).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if own {
            point_words = evidence.clone();
        }
        // Half-said points are not ticks: most of the point, and at least
        // two of its words when it has two.
        let needed = if own { COVERED_SHARE } else { ALSO_SHARE };
        let in_context = own || distinct > SHORT_PHRASING || point_words.iter().any(|w| !evidence.contains(w));
        let covered = share >= needed && found >= distinct.min(2) && in_context;
        if !best.covered && (covered || evidence.len() > best.evidence.len()) {
            best = Tick { covered, evidence };
        }
    }
    if !best.covered {
        best.evidence.clear();
    }
    best
}

/// Grades an answer against every key point of a question.
pub fn grade(answer: &str, q: &Question) -> Vec<Tick> {
    ticks(answer, &q.key_points)
}

/// Grades an answer against key points.
pub fn ticks(answer: &str, points: &[KeyPoint]) -> Vec<Tick> {
    let stem = stemmer();
    if answer.trim().is_empty() {
        return points.iter().map(|_| Tick { covered: false, evidence: Vec::new() }).collect();
    }
    let said = words(answer, &stem);
    points.iter().map(|p| tick(p, &said, &stem)).collect()
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
mod tests {
    use super::*;
    use crate::bank::Level;

    fn point(p: &str) -> KeyPoint {
        KeyPoint::plain(p, Level::Mid)
    }

    #[test]
    fn most_of_a_points_words_are_needed() {
        let p = [point("retries with exponential backoff and jitter")];
        assert!(ticks("I would retry with exponential backoff plus some jitter", &p)[0].covered);
        assert!(ticks("Use jitter on retries", &p)[0].covered);
        assert!(!ticks("just retry", &p)[0].covered);
        assert!(!ticks("", &p)[0].covered);
    }

    #[test]
    fn paraphrases_stems_and_abbreviations_count() {
        let p = [point("failed messages go to a dead-letter queue after a retry limit")];
        let t = &ticks("after 5 retries the message is moved to the DLQ", &p)[0];
        assert!(t.covered, "{t:?}");
        assert!(t.evidence.contains(&"dlq".to_string()), "{t:?}");
    }

    #[test]
    fn a_negated_word_is_not_credited() {
        let p = [point("jitter on retries")];
        assert!(!ticks("retry it, no need for jitter", &p)[0].covered);
        assert!(ticks("retry it with jitter", &p)[0].covered);
    }

    #[test]
    fn a_contrast_does_not_credit_what_was_set_aside() {
        let p = [point("optimistic locking with a version column")];
        assert!(!ticks("take a row lock instead of a version column", &p)[0].covered);
        assert!(ticks("optimistic locking: compare the version column on update", &p)[0].covered);
    }

    #[test]
    fn known_phrases_match_their_abbreviation_across_hyphens_and_case() {
        let p = [point("set a TTL on every key")];
        assert!(ticks("each key gets a Time-To-Live", &p)[0].covered);
        let p = [point("a dead-letter queue for poison messages")];
        let t = &ticks("poison msgs go to the DLQ", &p)[0];
        assert!(t.covered, "{t:?}");
        assert_eq!(t.evidence, ["poison", "msgs", "dlq"], "evidence is the answer's own words");
    }

    #[test]
    fn a_one_word_phrasing_needs_a_word_of_the_point_beside_it() {
        let mut p = KeyPoint::plain("failed jobs move to a dead-letter table after five attempts", Level::Mid);
        p.also = vec!["DLQ".into()];
        assert!(!ticks("DLQ", std::slice::from_ref(&p))[0].covered, "a bare keyword");
        assert!(ticks("after five tries it goes to the DLQ", &[p])[0].covered);
    }

    #[test]
    fn a_two_word_name_is_not_an_explanation() {
        let mut p =
            KeyPoint::plain("canary: a small share of traffic first, promoted while metrics stay healthy", Level::Mid);
        p.also = vec!["canary release".into()];
        assert!(!ticks("we would do a canary release", std::slice::from_ref(&p))[0].covered, "only named");
        assert!(ticks("a canary release: a small share first, watching metrics", &[p])[0].covered);
    }

    #[test]
    fn also_phrasings_are_tried() {
        let mut p = point("duplicates are answered with the stored response");
        let answer = "a replay gets the saved reply";
        assert!(!ticks(answer, std::slice::from_ref(&p))[0].covered);
        p.also = vec!["replay gets the saved reply".into()];
        let t = &ticks(answer, std::slice::from_ref(&p))[0];
        assert!(t.covered, "{t:?}");
        assert_eq!(t.evidence, ["replay", "gets", "saved", "reply"]);
    }

    #[test]
    fn a_typo_in_a_long_word_is_forgiven() {
        let p = [point("idempotency key stored with the response")];
        assert!(ticks("store the idempotencey key and the respons", &p)[0].covered);
    }

    #[test]
    fn an_empty_answer_covers_nothing() {
        let p = [point("anything at all")];
        assert_eq!(ticks("  ", &p), [Tick { covered: false, evidence: vec![] }]);
    }
}
