//! Synthetic banks and histories for benchmarks, load tests and the
//! examples. Compiled only for tests and with the `synth` feature, never
//! into the shipped library.
//!
//! Deterministic from a seed, every field of the second edition filled
//! (levelled key points with phrasings, follow-ups with probes, a staged
//! round in every tenth question), about 7 KB of TOML per question like a
//! fully written real question.

use rand::rngs::StdRng;
use rand::{RngExt as _, SeedableRng};

const WORDS: &[&str] = &[
    "cache",
    "queue",
    "lock",
    "index",
    "replica",
    "shard",
    "retry",
    "timeout",
    "lease",
    "token",
    "cursor",
    "page",
    "offset",
    "key",
    "value",
    "row",
    "table",
    "write",
    "read",
    "commit",
    "abort",
    "budget",
    "alert",
    "metric",
    "trace",
    "span",
    "log",
    "error",
    "latency",
    "throughput",
    "request",
    "response",
    "client",
    "server",
    "region",
    "zone",
    "node",
    "pool",
    "thread",
    "socket",
    "buffer",
    "batch",
    "stream",
    "event",
    "schema",
    "version",
    "header",
    "status",
    "body",
    "the",
    "a",
    "of",
    "to",
    "and",
    "when",
    "under",
    "load",
    "every",
    "second",
    "because",
    "which",
    "keeps",
    "drops",
    "grows",
    "fails",
    "recovers",
    "consumer",
    "producer",
    "partition",
    "backoff",
    "jitter",
    "deadline",
    "circuit",
    "breaker",
    "bulkhead",
    "idempotent",
    "transaction",
    "isolation",
    "snapshot",
    "conflict",
    "version",
    "migration",
    "rollback",
    "canary",
    "deploy",
];

fn words(rng: &mut StdRng, n: usize) -> String {
    let mut s = String::with_capacity(n * 7);
    for i in 0..n {
        if i > 0 {
            s.push(if i % 14 == 0 { '\n' } else { ' ' });
        }
        s.push_str(WORDS[rng.random_range(0..WORDS.len())]);
    }
    s
}

fn paragraphs(rng: &mut StdRng, n: usize) -> String {
    let mut s = words(rng, n / 2);
    s.push_str("\n\n- ");
    s.push_str(&words(rng, n / 6));
    s.push_str("\n- ");
    s.push_str(&words(rng, n / 6));
    s.push_str("\n\nUse `SET key NX` here. ");
    s.push_str(&words(rng, n - n / 2 - 2 * (n / 6)));
    s
}

fn code(rng: &mut StdRng, lines: usize) -> String {
    (0..lines)
        .map(|i| format!("{}{} = {}({})", "    ".repeat(i % 3), words(rng, 1), words(rng, 1), words(rng, 2)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn quoted(s: &str) -> String {
    format!("\"\"\"\n{}\"\"\"", s.replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\""))
}

/// A key point as the second edition writes it: most as tables with a
/// level, some with other phrasings, a few as plain strings.
fn key_point(rng: &mut StdRng, i: usize) -> String {
    let point = words(rng, 9).replace('\n', " ");
    let level = ["junior", "mid", "senior"][i % 3];
    match i % 3 {
        0 => format!("  \"{point}\","),
        1 => format!("  {{ point = \"{point}\", level = \"{level}\" }},"),
        _ => {
            let also = [words(rng, 3), words(rng, 2)].map(|a| format!("\"{}\"", a.replace('\n', " ")));
            format!("  {{ point = \"{point}\", level = \"{level}\", also = [{}] }},", also.join(", "))
        }
    }
}

/// One topic file with `questions` questions; ids are unique per topic.
pub fn topic_file(seed: u64, topic: usize, questions: usize) -> String {
    let mut rng = StdRng::seed_from_u64(seed ^ (topic as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut out = format!(
        "track = \"synthetic\"\ntopic = \"topic-{topic}\"\ntitle = \"Synthetic topic {topic}\"\nsummary = \"{}\"\n",
        words(&mut rng, 8).replace('\n', " ")
    );
    let difficulties = ["easy", "medium", "hard"];
    let levels = ["junior", "mid", "senior"];
    let kinds = ["concept", "design", "scenario", "debugging", "estimation"];
    for q in 0..questions {
        let mut w = |n| words(&mut rng, n);
        let title = w(6).replace('\n', " ");
        // Every tenth question is a staged design round with a time limit.
        let staged = q % 10 == 9;
        out.push_str(&format!(
            "\n[[questions]]\nid = \"t{topic}-q{q}\"\ntitle = \"{title}\"\nprompt = {}\ndifficulty = \"{}\"\nlevel = \"{}\"\nkind = \"{}\"\ntags = [\"{}\", \"{}\"]\n{}short_answer = {}\n",
            quoted(&w(45)),
            difficulties[q % 3],
            levels[(q / 3) % 3],
            kinds[q % 5],
            w(1),
            w(1),
            if staged { "time_limit = \"40m\"\n" } else { "" },
            quoted(&w(28)),
        ));
        let points: Vec<String> = (0..5).map(|i| key_point(&mut rng, i)).collect();
        out.push_str(&format!(
            "key_points = [\n{}\n]\ninterviewer_checks = {}\n",
            points.join("\n"),
            quoted(&words(&mut rng, 35))
        ));
        out.push_str(&format!(
            "\n[questions.answers]\njunior = {}\nmid = {}\nsenior = {}\n",
            quoted(&paragraphs(&mut rng, 60)),
            quoted(&paragraphs(&mut rng, 110)),
            quoted(&paragraphs(&mut rng, 170)),
        ));
        for _ in 0..3 {
            out.push_str(&format!(
                "\n[[questions.mistakes]]\nwrong = \"{}\"\nwhy = {}\nbetter = {}\n",
                words(&mut rng, 12).replace('\n', " "),
                quoted(&words(&mut rng, 22)),
                quoted(&words(&mut rng, 16))
            ));
        }
        for f in 0..3 {
            out.push_str(&format!(
                "\n[[questions.follow_ups]]\nprompt = \"{}\"\nanswer = {}\nprobes = [{}, {}]\n",
                words(&mut rng, 16).replace('\n', " "),
                quoted(&words(&mut rng, 35)),
                f + 1,
                f + 3
            ));
        }
        if staged {
            for (title, minutes) in [("Scope", 5), ("API", 10), ("The hard part", 15)] {
                let points: Vec<String> = (0..3).map(|i| key_point(&mut rng, i)).collect();
                out.push_str(&format!(
                    "\n[[questions.stages]]\ntitle = \"{title}\"\nprompt = {}\ntime = \"{minutes}m\"\nkey_points = [\n{}\n]\nanswer = {}\nhint = \"{}\"\n",
                    quoted(&words(&mut rng, 20)),
                    points.join("\n"),
                    quoted(&paragraphs(&mut rng, 80)),
                    words(&mut rng, 10).replace('\n', " ")
                ));
            }
        }
        out.push_str(&format!(
            "\n[questions.example]\nweak = {}\nstrong = {}\n",
            quoted(&code(&mut rng, 5)),
            quoted(&code(&mut rng, 8))
        ));
    }
    out
}

/// A bank of `questions` questions spread over `topics` files, as
/// (file name, TOML text).
pub fn bank_files(seed: u64, questions: usize, topics: usize) -> Vec<(String, String)> {
    let topics = topics.max(1);
    (0..topics)
        .map(|t| {
            let n = questions / topics + usize::from(t < questions % topics);
            (format!("topic-{t:04}.toml"), topic_file(seed, t, n))
        })
        .collect()
}

/// The same bank, loaded.
pub fn bank(seed: u64, questions: usize, topics: usize) -> crate::bank::Bank {
    let files: Vec<crate::bank::SourceFile> = bank_files(seed, questions, topics)
        .into_iter()
        .map(|(path, text)| crate::bank::SourceFile { path, bytes: text.into_bytes().into() })
        .collect();
    crate::bank::assemble::load(&files).bank.expect("synthetic banks are valid")
}

/// A history of `attempts` attempts over `questions`, spread over the year
/// before `end`, written to `store`. Scores improve a little over time, a
/// few attempts are skipped or over time, rounds hold five attempts.
pub fn history(
    store: &mut crate::history::Store,
    questions: &[crate::bank::Question],
    attempts: usize,
    end: jiff::Timestamp,
    seed: u64,
) -> Result<(), crate::history::StoreError> {
    use std::time::Duration;
    let mut rng = StdRng::seed_from_u64(seed);
    let year_ms = 365 * 86_400_000i64;
    let start = end.as_millisecond() - year_ms;
    let mut batch = Vec::with_capacity(10_000);
    let mut round = None;
    for i in 0..attempts {
        if i % 5 == 0 {
            let at =
                jiff::Timestamp::from_millisecond(start + (i as i64 * year_ms) / attempts.max(1) as i64).unwrap_or(end);
            round = Some(store.start_round(at, i as u64, "plain")?);
        }
        let q = &questions[rng.random_range(0..questions.len())];
        let finished = start + (i as i64 * year_ms) / attempts.max(1) as i64;
        let progress = i as f64 / attempts.max(1) as f64;
        let total = q.key_points.len();
        let hit_chance = 0.35 + 0.45 * progress;
        let covered_points = (0..total).filter(|_| rng.random_bool(hit_chance)).collect();
        let used = Duration::from_secs(rng.random_range(30..400));
        let finished_at = jiff::Timestamp::from_millisecond(finished).unwrap_or(end);
        batch.push(crate::history::AttemptRecord {
            round_id: round,
            question_id: q.id.to_string(),
            track: q.track.to_string(),
            topic: q.topic.to_string(),
            title: q.title.to_string(),
            started_at: finished_at - jiff::SignedDuration::try_from(used).unwrap_or_default(),
            finished_at,
            time_used: used,
            time_limit: crate::round::policy::time_limit(q),
            level_shown: q.level,
            covered_points,
            self_credited: Vec::new(),
            confidence: None,
            parts: Vec::new(),
            total,
            answer: words(&mut rng, 40),
            skipped: rng.random_bool(0.03),
            overtime: used > crate::round::policy::time_limit(q),
            cram: false,
        });
        if batch.len() == batch.capacity() {
            store.record_many(&batch)?;
            batch.clear();
        }
    }
    store.record_many(&batch)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_banks_validate_and_are_realistic_in_size() {
        let files = super::bank_files(1, 30, 3);
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let per_question = bytes / 30;
        // A fully written second-edition question (levelled key points,
        // probing follow-ups, a staged round now and then) is 6-9 KB.
        assert!((6_000..=8_000).contains(&per_question), "{per_question} bytes per question");
        let bank = super::bank(1, 30, 3);
        assert_eq!(bank.questions.len(), 30);
        assert_eq!(bank.topics.len(), 3);
        assert_eq!(super::bank_files(1, 30, 3), files, "deterministic");
    }
}
