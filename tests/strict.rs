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
    let cases = [
        (
            "answer-length.toml",
            "tests/fixtures/strict/answer-length.toml:111:1: warning: question `answer-length-q3`: the junior answer has 20 words; write 60-120 (up to 51-138 is accepted) [answer-length]",
        ),
        (
            "key-points.toml",
            "tests/fixtures/strict/key-points.toml:41:1: warning: question `key-points-q1`: 2 key points; a rubric has 3-7 [key-points]",
        ),
        (
            "mistakes.toml",
            "tests/fixtures/strict/mistakes.toml:76:1: warning: question `mistakes-q2`: 1 common mistake; write at least 2 [mistakes]",
        ),
        (
            "follow-ups.toml",
            "tests/fixtures/strict/follow-ups.toml:146:1: warning: question `follow-ups-q4`: 1 follow-up; write at least 2, each with an answer [follow-ups]",
        ),
    ];
    for (file, expected) in cases {
        let (code, out, err) = strict(file);
        assert_eq!(code, Some(1), "{file}");
        assert_eq!(warnings(&out), [expected], "{file}");
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
fn the_built_in_bank_passes_strict() {
    let out =
        Command::cargo_bin("drill").unwrap().env_remove("DRILL_BANK").args(["validate", "--strict"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}
