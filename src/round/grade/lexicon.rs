//! The grader's vocabulary: words too common to count, words that negate,
//! the shorthand candidates type under a clock and what it stands for, and
//! how a text becomes the words that are compared.

/// Words too common to show that a key point was covered.
pub(super) const STOPWORDS: &[&str] = &[
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
    "same",
    "other",
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
pub(super) const NEGATORS: &[&str] = &[
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
pub(super) const SYNONYMS: &[(&str, &str)] = &[
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
    ("m", "minute"),
    ("min", "minute"),
    ("mins", "minute"),
    ("h", "hour"),
    ("hr", "hour"),
    ("hrs", "hour"),
    ("d", "day"),
    ("x", "times"),
];

/// A number with a unit glued to it, as the two words it says.
fn split_unit(word: &str) -> Option<(&str, &'static str)> {
    let digits = word.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    if digits == 0 {
        return None;
    }
    let (number, unit) = word.split_at(digits);
    UNITS.iter().find(|(u, _)| *u == unit).map(|(_, long)| (number, *long))
}

/// The words of a clause in lowercase, with known phrases shortened and
/// units split from their numbers: each as compared, and as shown (a
/// phrase said another way is shown as written, once).
pub(super) fn clause_words(clause: &str) -> Vec<(String, String)> {
    let lower = clause.to_lowercase();
    let mut raw: Vec<&str> = Vec::new();
    for w in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '/')) {
        let w = w.trim_matches(['\'', '/']);
        if w == "w/o" {
            raw.push(w);
            continue;
        }
        for part in w.split('/').filter(|p| !p.is_empty()) {
            match split_unit(part) {
                Some((number, unit)) => raw.extend([number, unit]),
                None => raw.push(part),
            }
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let phrase =
            PHRASES.iter().find(|(long, _)| long.split(' ').enumerate().all(|(k, w)| raw.get(i + k) == Some(&w)));
        match phrase {
            Some((long, short)) => {
                let n = long.split(' ').count();
                let written = raw[i..i + n].join(" ");
                for (k, w) in short.split(' ').enumerate() {
                    let shown = if k == 0 { written.clone() } else { String::new() };
                    out.push((w.to_string(), shown));
                }
                i += n;
            }
            None => {
                out.push((raw[i].to_string(), raw[i].to_string()));
                i += 1;
            }
        }
    }
    out
}

/// The word a word is compared as.
pub(super) fn canonical(lower: &str) -> &str {
    SYNONYMS.iter().find(|(short, _)| *short == lower).map_or(lower, |(_, long)| long)
}

/// Whether two stems are one word: the same, or one the other with a
/// doubled last consonant dropped ("add" and "ad" from "adding") or an
/// "-ure" noun's ending ("fail" and "failur").
pub(super) fn same_stem(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let Some(rest) = long.strip_prefix(short) else { return false };
    match rest {
        "ur" => short.len() >= 3,
        _ => rest.len() == 1 && short.len() >= 2 && short.ends_with(rest) && !"aeiou".contains(rest),
    }
}
