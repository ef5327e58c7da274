//! The grader's vocabulary: words too common to count, words that negate,
//! the shorthand candidates type under a clock and what it stands for, and
//! how a text becomes the words that are compared.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small, fast hasher for short words (the multiply-rotate scheme of
/// rustc's FxHash): the grader hashes thousands of words per answer, and
/// none of them come from an adversary that could flood a table.
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words.
pub(super) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A set of words.
pub(super) type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Words too common to show that a key point was covered.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "into",
    "onto",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "their",
    "them",
    "they",
    "then",
    "than",
    "so",
    "if",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "what",
    "how",
    "all",
    "any",
    "each",
    "every",
    "some",
    "such",
    "other",
    "over",
    "during",
    "between",
    "within",
    "against",
    "among",
    "around",
    "only",
    "just",
    "also",
    "very",
    "more",
    "most",
    "much",
    "can",
    "could",
    "would",
    "should",
    "will",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "you",
    "your",
    "we",
    "our",
    "i",
    "my",
    "me",
    "one",
    "use",
    "uses",
    "used",
    "using",
    "about",
    "after",
    "before",
    "again",
    "because",
    "both",
    "like",
    "through",
    "under",
    "until",
    "via",
    "per",
    "e",
    "g",
    "eg",
    "ie",
    "etc",
    "s",
    "id'd",
    "i'd",
    "we'd",
    "it's",
    "that's",
    "let",
    "lets",
    "get",
    "gets",
    "got",
    "make",
    "makes",
    "thing",
    "things",
    "way",
    "plus",
    "vs",
    "versus",
    "ok",
    "okay",
    "yes",
    "yeah",
    "maybe",
    "probably",
    "basically",
    "really",
    "idk",
];

/// Words that turn the next few words into their opposite.
const NEGATORS: &[&str] = &[
    "no",
    "not",
    "never",
    "dont",
    "don't",
    "doesnt",
    "doesn't",
    "isnt",
    "isn't",
    "arent",
    "aren't",
    "wont",
    "won't",
    "cant",
    "can't",
    "cannot",
    "shouldnt",
    "shouldn't",
    "wouldnt",
    "wouldn't",
    "didnt",
    "didn't",
    "without",
    "instead",
    "avoid",
    "nor",
    "neither",
];

/// Words candidates shorten or say another way, and the word both sides
/// are compared as. Only words a backend engineer would read the same way
/// in any answer: a word with two common senses stays itself.
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
    ("resp", "response"),
    ("txn", "transaction"),
    ("txns", "transaction"),
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
    ("ts", "timestamp"),
    ("sig", "signature"),
    ("sigs", "signature"),
    ("avg", "average"),
    ("pctile", "percentile"),
    ("pctiles", "percentile"),
    ("dupe", "duplicate"),
    ("dupes", "duplicate"),
    ("dup", "duplicate"),
    ("dups", "duplicate"),
    ("dedup", "deduplicate"),
    ("dedupe", "deduplicate"),
    ("dedupes", "deduplicate"),
    ("deduped", "deduplicate"),
    ("svc", "service"),
    ("svcs", "service"),
    ("deps", "dependency"),
    ("dep", "dependency"),
    ("prod", "production"),
    ("perf", "performance"),
    ("mem", "memory"),
    ("async", "asynchronous"),
    ("sync", "synchronous"),
    ("idx", "index"),
    ("tbl", "table"),
    ("col", "column"),
    ("cols", "column"),
    ("repl", "replication"),
    ("max", "maximum"),
    ("ms", "millisecond"),
    ("sec", "second"),
    ("secs", "second"),
    ("mins", "minute"),
    ("hr", "hour"),
    ("hrs", "hour"),
    ("w/o", "without"),
    ("expiry", "expire"),
    ("lost", "lose"),
    ("contention", "contend"),
    ("contended", "contend"),
    ("acked", "acknowledge"),
    ("acking", "acknowledge"),
];

/// Phrases candidates abbreviate or say another way: both sides are
/// compared as the second form, so "DLQ" says all of "dead-letter queue"
/// and nothing of "dead-letter growth".
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
    ("unique constraint", "unique index"),
    ("unique key", "unique index"),
    ("times out", "timeout"),
    ("timed out", "timeout"),
    ("time out", "timeout"),
    ("round trip", "roundtrip"),
    ("round trips", "roundtrip"),
    ("rows affected", "rowcount"),
    ("row count", "rowcount"),
];

/// Units written straight after a number ("10s", "500ms", "5m"), and the
/// word they stand for.
const UNITS: &[(&str, &str)] = &[
    ("ms", "millisecond"),
    ("s", "second"),
    ("sec", "second"),
    ("secs", "second"),
    ("min", "minute"),
    ("mins", "minute"),
    ("h", "hour"),
    ("hr", "hour"),
    ("hrs", "hour"),
    ("d", "day"),
    ("x", "times"),
];

/// The word a unit written after a number stands for.
fn unit(short: &str) -> Option<&'static str> {
    UNITS.iter().find(|(u, _)| *u == short).map(|(_, long)| *long)
}

/// A number with a unit glued to it, as the two words it says.
fn split_unit(word: &str) -> Option<(&str, &'static str)> {
    let digits = word.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    if digits == 0 {
        return None;
    }
    let (number, short) = word.split_at(digits);
    unit(short).map(|long| (number, long))
}

/// The clauses of a text: split at punctuation, but not inside a number
/// ("1.5", "5,000") or a name ("node.js"); a full stop ends a clause only
/// before a space or the end.
pub(super) fn clauses(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let c = b[i];
            let next = b.get(i + 1).copied();
            let digits = i > 0 && b[i - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
            let ends = match c {
                b'.' => !digits && next.is_none_or(|n| n.is_ascii_whitespace()),
                b',' => !digits,
                // A dash between spaces, or an arrow, ends a thought too.
                b'-' => i > 0 && b[i - 1] == b' ' && next.is_some_and(|n| n == b' ' || n == b'>'),
                b';' | b':' | b'!' | b'?' | b'\n' | b'(' | b')' => true,
                _ => false,
            };
            i += 1;
            if ends {
                let clause = &text[start..i - 1];
                start = i;
                return Some(clause);
            }
        }
        (start < b.len()).then(|| {
            let clause = &text[start..];
            start = b.len();
            clause
        })
    })
}

/// One word of a clause: as compared, as shown, and whether it was
/// written in capitals ("GET", "NOT NULL"), which makes even a common
/// word a term.
pub(super) struct Token {
    pub word: String,
    pub shown: String,
    pub caps: bool,
}

/// The words of a clause, lowercased, with known phrases shortened and
/// units split from their numbers (a phrase said another way is shown as
/// written, once).
pub(super) fn clause_words(clause: &str) -> Vec<Token> {
    let mut raw: Vec<(String, bool)> = Vec::new();
    let token_char = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '/' | '+' | '.' | ',');
    for w in clause.split(|c: char| !token_char(c)) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
        let caps = w.len() >= 3
            && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && w.chars().any(|c| c.is_ascii_uppercase());
        let lower = w.to_lowercase();
        if lower == "w/o" || lower == "n+1" {
            raw.push((lower, caps));
            continue;
        }
        for part in lower.split(['/', '+']).filter(|p| !p.is_empty()) {
            // Inside a word, a full stop or comma is kept only in a number.
            let numeric = part.starts_with(|c: char| c.is_ascii_digit());
            let pieces: Vec<&str> = if numeric { vec![part] } else { part.split(['.', ',']).collect() };
            for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
                let piece = piece.trim_end_matches(['.', ',']);
                let piece = if numeric { piece.replace(',', "") } else { piece.to_string() };
                // "30 min" is minutes, as "30min" is; a bare "min" may be a
                // minimum.
                let after_number = raw.last().is_some_and(|(w, _)| w.starts_with(|c: char| c.is_ascii_digit()));
                match split_unit(&piece) {
                    Some((number, long)) => {
                        raw.push((number.to_string(), false));
                        raw.push((long.to_string(), false));
                    }
                    None => match unit(&piece).filter(|_| after_number) {
                        Some(long) => raw.push((long.to_string(), false)),
                        None => raw.push((piece, caps)),
                    },
                }
            }
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let phrase = tables().phrases.get(raw[i].0.as_str()).and_then(|candidates| {
            candidates
                .iter()
                .find(|(long, _)| long.iter().enumerate().all(|(k, w)| raw.get(i + k).is_some_and(|r| r.0 == *w)))
        });
        match phrase {
            Some((long, short)) => {
                let n = long.len();
                let written = raw[i..i + n].iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join(" ");
                for (k, w) in short.split(' ').enumerate() {
                    let shown = if k == 0 { written.clone() } else { String::new() };
                    out.push(Token { word: w.to_string(), shown, caps: false });
                }
                i += n;
            }
            None => {
                let (word, caps) = std::mem::take(&mut raw[i]);
                out.push(Token { shown: word.clone(), word, caps });
                i += 1;
            }
        }
    }
    out
}

/// Two-letter words that are terms, not noise.
const SHORT_TERMS: &[&str] =
    &["id", "pk", "fk", "lb", "gb", "mb", "kb", "tb", "ip", "io", "ui", "os", "ci", "cd", "nx", "px", "eu", "az"];

/// Whether a word too short to mean much on its own is still a term.
pub(super) fn short_term(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) || SHORT_TERMS.contains(&word)
}

/// The tables as sets and maps, built on first use: a grade looks words up
/// thousands of times.
struct Tables {
    stop: WordSet<&'static str>,
    negators: WordSet<&'static str>,
    synonyms: WordMap<&'static str, &'static str>,
    /// Phrases by their first word, in the order [`PHRASES`] gives them.
    phrases: WordMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut phrases: WordMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> = WordMap::default();
        for (long, short) in PHRASES {
            let words: Vec<&'static str> = long.split(' ').collect();
            phrases.entry(words[0]).or_default().push((words, short));
        }
        Tables {
            stop: STOPWORDS.iter().copied().collect(),
            negators: NEGATORS.iter().copied().collect(),
            synonyms: SYNONYMS.iter().copied().collect(),
            phrases,
        }
    })
}

/// Whether a word is too common to count.
pub(super) fn is_stopword(word: &str) -> bool {
    tables().stop.contains(word)
}

/// Whether a word negates the next few.
pub(super) fn is_negator(word: &str) -> bool {
    tables().negators.contains(word)
}

/// The word a word is compared as.
pub(super) fn canonical(lower: &str) -> &str {
    tables().synonyms.get(lower).copied().unwrap_or(lower)
}

/// A British "-ise" spelling as the American "-ize" ("prioritised" is
/// "prioritized"), so both stem alike; short words ("rise") are left.
pub(super) fn american(word: &str) -> std::borrow::Cow<'_, str> {
    const ENDINGS: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("iser", "izer"),
        ("isers", "izers"),
        ("ise", "ize"),
    ];
    if word.len() >= 7 {
        for (gb, us) in ENDINGS {
            if let Some(stem) = word.strip_suffix(gb) {
                return format!("{stem}{us}").into();
            }
        }
    }
    word.into()
}

/// The part of a stem two forms of a word share: the stem without an
/// "-ure" noun's ending ("failur" of "failures" is "fail") or a doubled
/// last consonant ("add" is "ad", as in "adding"). Two stems are one word
/// when their keys are equal.
pub(super) fn stem_key(stem: &str) -> &str {
    let b = stem.as_bytes();
    let mut n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && b[n - 1].is_ascii_lowercase() && !b"aeiou".contains(&b[n - 1]) {
        n -= 1;
    }
    if n >= 5 && stem[..n].ends_with("ur") {
        n -= 2;
    }
    &stem[..n]
}

/// Whether two stems are one word (see [`stem_key`]).
#[cfg(test)]
pub(super) fn same_stem(a: &str, b: &str) -> bool {
    stem_key(a) == stem_key(b)
}
