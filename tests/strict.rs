//! `drill validate --strict`: the writing guide's content rules, each
//! broken by one fixture in `tests/fixtures/strict`.

use assert_cmd::Command;

fn strict(file: &str) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("drill")
        .unwrap()
        .env_remove("DRILL_BANK")
        .args(["--no-builtin", "validate", "--strict", &format!("tests/fixtures/strict/{file}")])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn warnings(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.contains(": warning: ")).collect()
}

#[test]
fn a_bank_meeting_every_rule_passes() {
    let (code, out, _) = strict("clean.toml");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, "ok: 7 questions in 1 topic from 1 file\n");
}

#[test]
fn each_rule_is_reported_with_file_line_and_rule() {
    let f = "tests/fixtures/strict";
    let cases = [
        (
            "answer-length.toml",
            format!(
                "{f}/answer-length.toml:132:1: warning: question `answer-length-q3`: the junior answer has 20 words; write 50-120 [answer-length]"
            ),
        ),
        (
            "key-points.toml",
            format!(
                "{f}/key-points.toml:48:1: warning: question `key-points-q1`: 2 key points; a rubric has 3-7 [key-points]"
            ),
        ),
        (
            "key-point-levels.toml",
            format!(
                "{f}/key-point-levels.toml:90:1: warning: question `key-point-levels-q2`: key point 3 has no level; write it as {{ point = \"...\", level = \"...\" }} [key-point-levels]"
            ),
        ),
        (
            "mistakes.toml",
            format!("{f}/mistakes.toml:90:1: warning: question `mistakes-q2`: 1 common mistake; write 2-3 [mistakes]"),
        ),
        (
            "follow-ups.toml",
            format!(
                "{f}/follow-ups.toml:174:1: warning: question `follow-ups-q4`: 2 follow-ups; write 3-4, escalating, each naming the key points it probes [follow-ups]"
            ),
        ),
        (
            "follow-up-probes.toml",
            format!(
                "{f}/follow-up-probes.toml:216:1: warning: question `follow-up-probes-q5`: follow-up 2 names no key points; add `probes` [follow-up-probes]"
            ),
        ),
        (
            "stock-passage.toml",
            format!(
                "{f}/stock-passage.toml:1:1: warning: topic `stock-passage`: 3 of 7 senior answers say \"what i would not do\"; keep it to a third (2) [senior-template]"
            ),
        ),
        (
            "opening-words.toml",
            format!(
                "{f}/opening-words.toml:1:1: warning: topic `opening-words`: 3 of 7 senior answers open with \"i would start\"; keep it to a third (2) [senior-template]"
            ),
        ),
    ];
    for (file, expected) in cases {
        let (code, out, err) = strict(file);
        assert_eq!(code, Some(1), "{file}");
        assert_eq!(warnings(&out), [expected.as_str()], "{file}");
        assert_eq!(err, "drill: 1 content warning in strict mode; fix it (each names its rule in brackets)\n");
    }
}

#[test]
fn topic_spread_names_each_gap() {
    let (code, out, _) = strict("spread.toml");
    assert_eq!(code, Some(1));
    assert_eq!(
        warnings(&out),
        [
            "tests/fixtures/strict/spread.toml:1:1: warning: topic `spread`: 7 easy, 0 medium, 0 hard (needs 2+ easy, 3+ medium, 2+ hard) [topic-spread]",
            "tests/fixtures/strict/spread.toml:1:1: warning: topic `spread`: no mid or senior question [topic-spread]",
            "tests/fixtures/strict/spread.toml:1:1: warning: topic `spread`: 0 scenario/design/debugging/estimation questions (needs 2+) [topic-spread]",
        ]
    );
}

#[test]
fn near_duplicate_titles_and_prompts() {
    let (code, out, _) = strict("near-duplicate.toml");
    assert_eq!(code, Some(1));
    let w = warnings(&out);
    assert_eq!(w.len(), 2, "{out}");
    assert!(w[0].ends_with("question `near-duplicate-q5`: its prompt is 100% the same as `near-duplicate-q2`'s; make each question distinct [near-duplicate]"), "{}", w[0]);
    assert!(w[1].ends_with("question `near-duplicate-q6`: has the same title as `near-duplicate-q0`; make each question's point distinct [near-duplicate]"), "{}", w[1]);
}

#[test]
fn without_strict_content_rules_are_not_checked() {
    Command::cargo_bin("drill")
        .unwrap()
        .args(["--no-builtin", "validate", "tests/fixtures/strict/spread.toml"])
        .assert()
        .success();
}

#[test]
fn the_built_in_bank_validates() {
    Command::cargo_bin("drill").unwrap().env_remove("DRILL_BANK").arg("validate").assert().success();
}

/// The built-in bank meets the second edition's content rules.
#[test]
fn the_built_in_bank_passes_strict() {
    let out =
        Command::cargo_bin("drill").unwrap().env_remove("DRILL_BANK").args(["validate", "--strict"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}
