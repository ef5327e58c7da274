//! Loader tests on small in-memory banks.

use std::borrow::Cow;

use super::*;
use crate::bank::assemble::load;

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.into(), bytes: Cow::Owned(text.as_bytes().to_vec()) }
}

pub(crate) const GOOD: &str = r#"
track = "backend"
topic = "caching"
title = "Caching"
summary = "Caches."

[[questions]]
id = "cache-one"
title = "One"
prompt = "Why?"
difficulty = "easy"
level = "junior"
kind = "concept"
tags = ["ttl"]
short_answer = "Because."
key_points = ["a", "b", "c"]
interviewer_checks = "Checks."

[questions.answers]
junior = "j"
mid = "m"
senior = "s"

[[questions.mistakes]]
wrong = "w"
why = "y"
better = "b"
"#;

fn messages(report: &Report) -> Vec<String> {
    report.diagnostics.iter().map(|d| format!("{}: {}", d.location(), d.message)).collect()
}

#[test]
fn a_good_file_loads() {
    let report = load(&[file("a.toml", GOOD)]);
    assert!(report.diagnostics.is_empty(), "{:?}", messages(&report));
    let bank = report.bank.unwrap();
    assert_eq!(bank.questions.len(), 1);
    assert_eq!(bank.topics[0].count, 1);
    assert_eq!(bank.questions[0].topic, "caching");
}

#[test]
fn every_problem_is_reported_and_nothing_loads() {
    let bad = GOOD.replace("difficulty = \"easy\"", "difficulty = \"extreme\"").replace("prompt = ", "promt = ");
    let report = load(&[file("a.toml", &bad), file("b.toml", GOOD), file("c.toml", GOOD)]);
    assert!(report.bank.is_none());
    let m = messages(&report);
    assert!(m.iter().any(|m| m.contains("unknown key `promt`") && m.contains("did you mean `prompt`")), "{m:?}");
    assert!(m.iter().any(|m| m.contains("must be one of easy, medium, hard")), "{m:?}");
    assert!(
        m.iter().any(|m| m.starts_with("c.toml") && m.contains("duplicate id `cache-one`: already used at b.toml:8:6")),
        "{m:?}"
    );
}

#[test]
fn text_is_sanitised_on_load() {
    let hostile = GOOD.replace("prompt = \"Why?\"", "prompt = \"Why\\u001b[31m?\\u0007\\u009b\"");
    let bank = load(&[file("a.toml", &hostile)]).bank.unwrap();
    assert!(!bank.questions[0].prompt.chars().any(|c| c.is_control()));
}

#[test]
fn oversized_fields_are_refused_with_the_limit() {
    let huge = "y".repeat(MAX_TEXT_BYTES + 10);
    let text = GOOD.replace("prompt = \"Why?\"", &format!("prompt = \"{huge}\""));
    let m = messages(&load(&[file("a.toml", &text)]));
    assert_eq!(m, ["a.toml:10:10: `prompt` is 64 KiB; the limit is 64 KiB per field, so shorten it"]);
}

#[test]
fn thousands_of_files_load() {
    let files: Vec<SourceFile> = (0..2000)
        .map(|i| {
            file(
                &format!("f{i:04}.toml"),
                &GOOD
                    .replace("cache-one", &format!("cache-{i}"))
                    .replace("topic = \"caching\"", &format!("topic = \"t{i}\"")),
            )
        })
        .collect();
    let report = load(&files);
    assert!(report.diagnostics.is_empty());
    assert_eq!(report.bank.unwrap().topics.len(), 2000);
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// Every diagnostic points inside its file.
    fn check_located(text: &[u8], report: &Report) {
        let lines = text.split(|b| *b == b'\n').count().max(1);
        for d in &report.diagnostics {
            assert!(d.line >= 1 && d.line <= lines + 1, "line {} of {lines}: {d}", d.line);
            assert!(d.col >= 1, "{d}");
            assert!(!d.message.is_empty());
            let shown = d.to_string();
            assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "control character in {shown:?}");
        }
        assert_eq!(report.bank.is_none(), report.errors() > 0);
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Insert(usize, u8),
        Delete(usize),
        Replace(usize, u8),
        Duplicate(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let byte = prop_oneof![
            Just(b'"'),
            Just(b'['),
            Just(b']'),
            Just(b'='),
            Just(b'\n'),
            Just(b'\\'),
            Just(0xff),
            any::<u8>()
        ];
        prop_oneof![
            (any::<usize>(), byte.clone()).prop_map(|(i, b)| Edit::Insert(i, b)),
            any::<usize>().prop_map(Edit::Delete),
            (any::<usize>(), byte).prop_map(|(i, b)| Edit::Replace(i, b)),
            (any::<usize>(), 1usize..200).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        ]
    }

    /// 256 cases per run by default; `PROPTEST_CASES=100000` for a long one.
    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_load_or_fail_with_located_errors(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let report = load(&[SourceFile { path: "fuzz.toml".into(), bytes: Cow::Owned(bytes.clone()) }]);
            check_located(&bytes, &report);
        }

        #[test]
        fn mutated_banks_load_or_fail_with_located_errors(edits in proptest::collection::vec(edit(), 1..8)) {
            let mut bytes = GOOD.as_bytes().to_vec();
            for e in edits {
                let n = bytes.len().max(1);
                match e {
                    Edit::Insert(i, b) => bytes.insert(i % (n + 1).min(bytes.len() + 1), b),
                    Edit::Delete(i) if !bytes.is_empty() => { bytes.remove(i % bytes.len()); }
                    Edit::Replace(i, b) if !bytes.is_empty() => { let at = i % bytes.len(); bytes[at] = b; }
                    Edit::Duplicate(i, len) if !bytes.is_empty() => {
                        let at = i % bytes.len();
                        let end = (at + len).min(bytes.len());
                        let piece = bytes[at..end].to_vec();
                        bytes.splice(at..at, piece);
                    }
                    _ => {}
                }
            }
            let report = load(&[SourceFile { path: "fuzz.toml".into(), bytes: Cow::Owned(bytes.clone()) }]);
            check_located(&bytes, &report);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("x = {}1{}", "[".repeat(5000), "]".repeat(5000));
        let report = load(&[file("deep.toml", &text)]);
        assert!(report.errors() > 0);
    }
}
