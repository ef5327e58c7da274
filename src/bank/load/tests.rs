//! Loader tests on small in-memory banks.

use std::borrow::Cow;

use super::*;

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
