//! Plain-mode rounds fed on stdin, and hostile bank text that must never
//! reach the terminal.

use assert_cmd::Command;

const GOOD: &str = "tests/fixtures/good";

/// History goes to a scratch directory, never the user's own.
fn scratch() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("drill-tests-plain-{}", std::process::id()))
}

fn mini() -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1").env("DRILL_DATA_DIR", scratch()).args([
        "--no-builtin",
        "--bank",
        GOOD,
    ]);
    cmd
}

fn round(args: &[&str], input: &str) -> (i32, String) {
    let out = mini().args(["start", "--plain"]).args(args).write_stdin(input).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

fn question_titles(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("Question "))
        .map(|(i, _)| lines[i + 1].to_string())
        .collect()
}

#[test]
fn a_two_question_round_end_to_end() {
    let input = "my answer mentions retries with backoff\nand a dead-letter queue\n\nall\n\nnone\n";
    let (code, out) = round(&["--count", "2", "--seed", "7"], input);
    assert_eq!(code, 0);
    assert!(out.starts_with("drill · 2 questions · seed 7\n"), "{out}");
    assert!(out.contains("Question 1/2 · ") && out.contains("Question 2/2 · "), "{out}");
    assert!(out.contains("Which key points did you cover?"));
    assert!(out.contains("Covered 3 of 3 key points (100%)."), "{out}");
    assert!(out.contains("Covered 0 of 3 key points (0%)."), "{out}");
    assert!(out.contains("Common mistakes"));
    assert!(out.contains("Round summary · seed 7"));
    assert!(out.contains("Overall 50% over 2 of 2 questions"), "{out}");
    // The replay loads the same bank: the flags that chose it come along.
    assert!(
        out.contains("Replay this round: drill --no-builtin --bank tests/fixtures/good start --count 2 --seed 7"),
        "{out}"
    );
    assert!(out.contains("Weakest points"));
    // Summary rows: score and time against the limit.
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("   1. ") || l.starts_with("   2. ")).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains("3/3 100%"), "{}", rows[0]);
    assert!(rows[1].contains("0/3 0%"), "{}", rows[1]);
    assert!(rows.iter().all(|r| r.contains("0:00 / ")), "{rows:?}");
}

#[test]
fn the_same_seed_gives_the_same_questions() {
    let input = "\nall\n\nall\n\nall\n";
    let (_, a) = round(&["--count", "3", "--seed", "11"], input);
    let (_, b) = round(&["--count", "3", "--seed", "11"], input);
    let (ta, tb) = (question_titles(&a), question_titles(&b));
    assert_eq!(ta.len(), 3);
    assert_eq!(ta, tb);
    let others: Vec<Vec<String>> =
        (0..8).map(|s| question_titles(&round(&["--count", "3", "--seed", &s.to_string()], input).1)).collect();
    assert!(others.iter().any(|o| *o != ta), "different seeds should give different orders");
}

#[test]
fn end_of_input_keeps_what_was_graded() {
    let (code, out) = round(&["--count", "3", "--seed", "1"], "\n2\n");
    assert_eq!(code, 0);
    assert!(out.contains("Covered 1 of 3 key points"), "{out}");
    assert!(out.contains("not attempted"), "{out}");
    assert!(out.contains("Overall 33% over 1 of 3 questions"), "{out}");
}

#[test]
fn bad_covered_lines_are_asked_again() {
    let (_, out) = round(&["--count", "1", "--seed", "1"], "answer\n\nmost of them\n9\n1 2\n");
    assert_eq!(
        out.matches("Please answer with numbers from 1 to 3 (like `1 3` or `2-4`), `all` or `none`.").count(),
        2,
        "{out}"
    );
    assert!(out.contains("Covered 2 of 3 key points"));
}

#[test]
fn skip_and_level() {
    let (_, out) = round(&["--count", "2", "--seed", "3", "--time", "90s"], "/skip\n\nall\n");
    assert!(out.contains("Skipped after 0:00."), "{out}");
    assert!(out.contains("skipped"), "{out}");
    assert!(out.contains(" · 1m30s\n"), "the round's time limit is shown: {out}");
    let (_, out) = round(&["--count", "1", "--topic", "caching", "--level", "junior"], "\nnone\n");
    assert!(out.contains("Model answer · junior"), "{out}");
}

#[test]
fn an_empty_selection_fails_cleanly() {
    let out = mini().args(["start", "--plain", "--topic", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "drill: no track, topic or tag is named `nope`; `drill topics` lists them\n"
    );
}

/// Every text field of this bank carries escape sequences and controls.
fn hostile_bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let evil = r#"X\u001b[31mred\u001b]0;title\u0007\u001b]52;c;Y2xpcA==\u0007\u0007\r\u009b2J\u0090dcs\u001b\\\u0085\u202e\tY"#;
    let text = include_str!("fixtures/hostile.toml.in").replace("EVIL", evil);
    std::fs::write(dir.path().join("evil.toml"), text).unwrap();
    dir
}

fn assert_clean(what: &str, bytes: &[u8]) {
    // Anki's import format separates fields with tabs; that is its only tab.
    let allowed: &[char] = if what.contains("anki") { &['\n', '\t'] } else { &['\n'] };
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.chars().enumerate() {
        let bad = (c.is_control() && !allowed.contains(&c)) || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!bad, "{what}: control {c:?} at char {i} reached the output:\n{text}");
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = hostile_bank();
    let bank = dir.path().to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["topics"],
        vec!["list"],
        vec!["search", "red"],
        vec!["show", "evil-one"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "anki"],
        vec!["export", "--format", "json"],
        vec!["validate"],
    ];
    for args in runs {
        let out =
            Command::cargo_bin("drill").unwrap().args(["--no-builtin", "--bank", bank]).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&format!("{args:?}"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let out = Command::cargo_bin("drill")
        .unwrap()
        .env("DRILL_DATA_DIR", scratch())
        .args(["--no-builtin", "--bank", bank, "start", "--plain", "--seed", "1"])
        .write_stdin("typed \u{1b}[2J answer\n\nall\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_clean("plain round", &out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("X\u{241b}[31mred"), "escape shown as a visible stand-in: {text}");
}

#[test]
fn hostile_text_in_errors_is_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), "track = \"\u{1b}[31mx\"\n\u{1b}]0;pwned\u{7} = 1\n").unwrap();
    let out = Command::cargo_bin("drill").unwrap().args(["--no-builtin", "validate"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_clean("validate errors", &out.stdout);
    assert_clean("validate stderr", &out.stderr);
    let out = Command::cargo_bin("drill")
        .unwrap()
        .args(["--no-builtin", "--bank", GOOD, "show", "\u{1b}[31mx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_clean("unknown id", &out.stderr);
}

#[test]
fn closed_stdin_ends_the_round_cleanly() {
    // `output()` gives the child a closed stdin.
    let out = mini().args(["start", "--seed", "2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Question 1/3"), "plain mode is chosen without a terminal: {text}");
    assert!(text.contains("Nothing was graded this round."), "{text}");
    assert!(text.contains("not attempted"), "{text}");
}

/// `yes | drill start --plain` and `< /dev/zero` grew an answer until the
/// process aborted; an answer now stops at 64 KiB and the round ends.
#[test]
fn endless_input_ends_the_round_instead_of_growing() {
    let (code, out) = round(&["--count", "1", "--seed", "3"], &"y\n".repeat(40_000));
    assert_eq!(code, 0);
    assert!(out.contains("This answer passed 64 KiB without an empty line; the round ends here."), "{out}");
    let zeros = String::from_utf8(vec![0u8; 200_000]).unwrap();
    let (code, out) = round(&["--count", "1", "--seed", "3"], &zeros);
    assert_eq!(code, 0);
    assert!(out.contains("the round ends here"), "{out}");
    let (code, out) = round(&["--count", "1", "--seed", "3"], &format!("an answer\n\n{}", "what?\n".repeat(20)));
    assert_eq!(code, 0);
    assert!(out.contains("10 lines in a row were not key point numbers; the round ends here."), "{out}");
}

/// The summary padded titles by characters, so a title with wide
/// characters pushed its row's result out of line.
#[test]
fn the_summary_aligns_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let bank = std::fs::read_to_string(format!("{GOOD}/mini.toml")).unwrap().replacen(
        "title = \"Choosing a cache TTL\"",
        "title = \"缓存 TTL 的选择\"",
        1,
    );
    std::fs::write(dir.path().join("mini.toml"), bank).unwrap();
    let out = Command::cargo_bin("drill")
        .unwrap()
        .env_remove("DRILL_BANK")
        .env("NO_COLOR", "1")
        .env("DRILL_DATA_DIR", scratch())
        .args(["--no-builtin", "--bank"])
        .arg(dir.path())
        .args(["start", "--plain", "--count", "3", "--seed", "1"])
        .write_stdin("\nall\n\nall\n\nall\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = &text[text.find("Round summary").unwrap()..];
    // The display column where each row's result starts.
    let columns: Vec<usize> = summary
        .lines()
        .filter(|l| l.contains("3/3 100%"))
        .map(|l| unicode_width(&l[..l.find("3/3").unwrap()]))
        .collect();
    assert_eq!(columns.len(), 3, "{summary}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}\n{summary}");
}

/// Columns, counting CJK ideographs as two (all this test uses).
fn unicode_width(s: &str) -> usize {
    s.chars().map(|c| if ('\u{2e80}'..='\u{9fff}').contains(&c) { 2 } else { 1 }).sum()
}

#[test]
fn named_questions_run_in_the_order_given() {
    let (code, out) = round(&["mini-lock-lost-update", "mini-cache-ttl"], "\nnone\n\nnone\n");
    assert_eq!(code, 0, "{out}");
    assert_eq!(question_titles(&out), ["Two writers, one counter", "Choosing a cache TTL"], "{out}");
    assert!(out.contains("start mini-lock-lost-update mini-cache-ttl --count 2"), "{out}");
}

#[test]
fn an_unknown_named_question_is_refused_with_the_nearest_id() {
    let out = mini().args(["start", "--plain", "mini-cache-tll"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no question has the id `mini-cache-tll`; did you mean `mini-cache-ttl`?"), "{err}");
}

#[test]
fn cram_keeps_the_answer_but_not_the_schedule() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str], input: &str| {
        let mut cmd = mini();
        cmd.env("DRILL_DATA_DIR", data.path()).args(args).write_stdin(input.to_string());
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["start", "--plain", "--cram", "mini-cache-ttl"], "\nall\n");
    let stats: serde_json::Value = serde_json::from_str(&run(&["stats", "--format", "json"], "")).unwrap();
    assert_eq!(stats["attempts"], 1);
    assert_eq!(stats["due_this_week"], 0, "no review state: {stats}");
    let history: serde_json::Value = serde_json::from_str(&run(&["history", "--format", "json"], "")).unwrap();
    assert_eq!(history[0]["cram"], true);
}

#[test]
fn a_question_missed_again_and_again_is_a_leech_and_opens_on_its_mistakes() {
    let data = tempfile::tempdir().unwrap();
    let run = |input: &str| {
        let out = mini()
            .env("DRILL_DATA_DIR", data.path())
            .args(["start", "--plain", "mini-cache-ttl"])
            .write_stdin(input.to_string())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for _ in 0..5 {
        let out = run("\nnone\n");
        assert!(!out.contains("keeps slipping"), "not a leech yet: {out}");
    }
    let stats = mini().env("DRILL_DATA_DIR", data.path()).args(["stats"]).output().unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(stats.contains("Leeches: missed again and again"), "{stats}");
    assert!(stats.contains("  mini-cache-ttl (4 lapses)"), "{stats}");
    let out = run("\nnone\n");
    let slipping = out.find("This question keeps slipping: its common mistakes first.").expect("a leech");
    assert!(slipping < out.find("Short answer").unwrap(), "{out}");
}

#[test]
fn the_misses_drill_follows_the_summary_on_y() {
    let (code, out) = round(&["mini-cache-ttl"], "\n1\ny\nhow costly a miss is\n\n\n");
    assert_eq!(code, 0, "{out}");
    let offer = out.find("Drill the 2 missed points now?").expect("the offer");
    assert!(offer > out.find("Replay this round").unwrap(), "after the summary: {out}");
    assert!(out.contains("Miss 1/2"), "{out}");
    assert!(out.contains("what did your answer leave out?"), "{out}");
    assert!(out.contains("The point: cost of a cache miss"), "{out}");
    assert!(out.contains("You had it."), "{out}");
    assert!(out.contains("Not in your answer."), "{out}");
    assert!(out.contains("Recalled 1 of 2 missed points."), "{out}");
}
