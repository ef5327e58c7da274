//! `drill mock` through the binary in plain mode: follow-ups asked before
//! anything is revealed, a staged question, the debrief and the verdict;
//! the same seed gives the same questions and follow-ups; what is stored.

use assert_cmd::Command;

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("drill-tests-mock-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn drill(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1").env("DRILL_DATA_DIR", data).args([
        "--no-builtin",
        "--bank",
        "tests/fixtures/second/design.toml",
        "--bank",
        "tests/fixtures/tui",
        "--bank",
        "tests/fixtures/good",
    ]);
    cmd
}

/// Three questions (an idempotency scenario with two follow-ups, a short
/// one with one, then the staged design round): answers, ratings,
/// follow-ups, then the debrief of each.
const SESSION: &str = "\
Claim the key atomically with a unique constraint first.

3
The lease expires and the retry takes it over.

/skip
Staleness the business accepts and the cost of a miss.

2
Add jitter to the expiry.

reads and writes per second?

POST with an Idempotency-Key

\nNo, the cursor is a stable position.


2
c

all

1 3

m
";

fn mock(data: &std::path::Path, input: &str) -> String {
    let out = drill(data)
        .args(["mock", "--plain", "--seed", "5", "--topic", "idempotency", "--topic", "design", "--topic", "ttl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "stderr: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_plain_mock_asks_follow_ups_first_then_debriefs_with_a_verdict() {
    let data = scratch("flow");
    let out = mock(&data, SESSION);
    assert!(out.starts_with("mock interview · 3 questions · seed 5\n"), "{out}");
    // Nothing is revealed before the debrief: the model answer and the key
    // points come after every question and follow-up was asked.
    let debrief = out.find("Debrief 1/3").expect("a debrief");
    for asked in ["Follow-up 1/2", "Stage 1/2 · Scope", "Stage 2/2 · API", "How sure are you?"] {
        assert!(out.find(asked).is_some_and(|at| at < debrief), "{asked} before the debrief:\n{out}");
    }
    assert!(out.find("Short answer").unwrap() > debrief);
    // The staged question's first follow-up presses on its missed point 3.
    let second = &out[out.find("Question 3/3").unwrap()..debrief];
    let paging = second.find("A comment is inserted while someone pages").unwrap();
    let retry = second.find("The client retries a create after a timeout").unwrap();
    assert!(paging < retry, "{second}");
    assert!(out.contains("You said you were: fairly sure (3/4)"), "{out}");
    assert!(out.contains("Stage 1 · Scope"), "{out}");
    assert!(out.contains("How did it land? covered, partly or missed"), "{out}");
    assert!(out.contains("Covered 1 of 6 key points (17%)."), "{out}");
    assert!(out.contains("Covered 3 of 3 key points (100%)."), "{out}");
    assert!(out.contains("Covered 2 of 3 key points (67%)."), "{out}");
    assert!(out.contains("Level verdict\n  Answered at mid. For senior, add: "), "{out}");
    assert!(out.contains("Replay this round: drill --no-builtin"), "{out}");
    assert!(out.contains(" mock --topic idempotency --topic design --topic ttl --count 5 --seed 5"), "{out}");

    let history = drill(&data).args(["history", "--format", "json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let rows = rows.as_array().expect("an array of attempts");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let by_id = |id: &str| rows.iter().find(|r| r["question_id"] == id).unwrap();
    let first = by_id("idempotency-inflight-duplicate");
    assert_eq!(first["confidence"], 3);
    let parts = first["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["kind"], "follow_up");
    assert_eq!(parts[0]["mark"], "covered");
    assert_eq!(parts[0]["answer"], "The lease expires and the retry takes it over.");
    assert_eq!(parts[1]["answer"], "");
    let staged = by_id("design-comments-api");
    assert_eq!(staged["confidence"], serde_json::Value::Null);
    let kinds: Vec<&str> = staged["parts"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["stage", "stage", "follow_up", "follow_up"]);
    assert_eq!(staged["parts"][3]["mark"], "missed");

    // Calibration: one answer rated "fairly sure" that scored 1 of 6.
    let stats = drill(&data).args(["stats"]).output().unwrap();
    let text = String::from_utf8(stats.stdout).unwrap();
    assert!(text.contains("Calibration"), "{text}");
    assert!(text.contains("3 fairly sure   17% mean score over 1 answer"), "{text}");
    assert!(text.contains("idempotency      over-confident: expected 67% scored 17%"), "{text}");
    let json = drill(&data).args(["stats", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // Rated 2 (the short one, scored 100%) and 3 (the scenario, 17%).
    assert_eq!(json["calibration"]["levels"][0]["confidence"], 2);
    assert_eq!(json["calibration"]["levels"][1]["confidence"], 3);
    let mini = json["calibration"]["topics"].as_array().unwrap().iter().find(|t| t["topic"] == "mini").unwrap();
    assert_eq!(mini["leaning"], "under-confident");
}

#[test]
fn the_same_seed_asks_the_same_questions_and_follow_ups() {
    let asked = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with("Question ") || (l.starts_with("Follow-up ") && l.contains('/')))
            .map(String::from)
            .collect()
    };
    let a = mock(&scratch("seed-a"), SESSION);
    let b = mock(&scratch("seed-b"), SESSION);
    assert_eq!(asked(&a), asked(&b));
    assert_eq!(asked(&a).len(), 8, "{a}");
}

#[test]
fn quitting_mid_mock_debriefs_what_was_answered() {
    let data = scratch("quit");
    let out = mock(&data, "The key is claimed first.\n\n\nhalf an answer\n/quit\n1\n\n\n");
    assert!(out.contains("Debrief 1/3"), "{out}");
    assert!(!out.contains("Question 2/3"), "{out}");
    assert!(out.contains("You said: half an answer"), "{out}");
    assert!(out.contains("not attempted"), "{out}");
}

#[test]
fn follow_ups_zero_gives_the_plain_flow_and_a_bad_count_is_a_usage_error() {
    let data = scratch("zero");
    let out =
        mock_args(&data, &["--follow-ups", "0", "--count", "1", "--topic", "idempotency"], "An answer.\n\n\nnone\n");
    assert!(!out.contains("Follow-up 1/"), "{out}");
    assert!(out.contains("Debrief 1/1"), "{out}");
    let bad = drill(&data).args(["mock", "--plain", "--follow-ups", "11"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--follow-ups"));
}

fn mock_args(data: &std::path::Path, args: &[&str], input: &str) -> String {
    let out = drill(data).args(["mock", "--plain"]).args(args).write_stdin(input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A loop of two rounds: the scenario with its follow-ups, a break, the
/// staged round, then the scorecard.
const LOOP_SESSION: &str = "\
Claim the key atomically with a unique constraint first.

3
The lease expires and the retry takes it over.

/skip
2
c


reads and writes per second?

POST with an Idempotency-Key




1 3


";

fn run_loop(data: &std::path::Path, args: &[&str], input: &str) -> std::process::Output {
    drill(data)
        .args(["--bank", "tests/fixtures/loops", "mock", "--plain", "--seed", "5"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn a_plain_loop_runs_its_rounds_with_a_break_and_ends_on_a_scorecard() {
    let data = scratch("loop");
    let out = run_loop(&data, &["--loop", "practice-loop"], LOOP_SESSION);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("Practice loop · 2 rounds · 60 min · seed 5\n"), "{text}");
    let first = text.find("Round 1/2 · API · API design · 20 min").expect("round 1");
    let pause = text.find("Break. Next: Design (40 min, 1 question).").expect("a break");
    let second = text.find("Round 2/2 · Design · design · 40 min").expect("round 2");
    let card = text.find("Scorecard · Practice loop").expect("a scorecard");
    assert!(first < pause && pause < second && second < card, "{text}");
    assert!(text.contains("  API design: 17% · below junior"), "{text}");
    assert!(text.contains("  design: "), "{text}");
    assert!(text.contains("for senior: not yet"), "{text}");
    // One run in the history: two rounds pointing at it, each with its signal.
    let db = rusqlite::Connection::open(data.join("history.db")).unwrap();
    let rounds: Vec<(Option<i64>, Option<String>)> = db
        .prepare("SELECT loop_run, signal FROM rounds ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rounds.len(), 2, "{rounds:?}");
    assert_eq!(rounds[0].0, rounds[1].0);
    assert_eq!(rounds[1].1.as_deref(), Some("design"));
    let card: String = db.query_row("SELECT scorecard FROM loop_runs", [], |r| r.get(0)).unwrap();
    assert!(card.contains("\"recommendation\":\"not yet\""), "{card}");
    // `drill stats` shows the latest loop's scorecard.
    let stats = drill(&data).args(["--bank", "tests/fixtures/loops", "stats"]).output().unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(stats.contains("Latest loop · Practice loop · for senior: not yet"), "{stats}");
    assert!(stats.contains("  API design: 17% · below junior"), "{stats}");
    // A second run, ended at the break: both runs show, newest first.
    let quit = LOOP_SESSION.split("\n\n\nreads").next().unwrap().to_string() + "\n\n/quit\n";
    assert!(run_loop(&data, &["--loop", "practice-loop"], &quit).status.success());
    let stats = drill(&data).args(["--bank", "tests/fixtures/loops", "stats"]).output().unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    let over = stats.find("Over time (newest first):").expect("loops over time");
    let lines: Vec<&str> = stats[over..].lines().skip(1).take(2).collect();
    assert!(lines[0].contains("Practice loop · not yet · API design below junior, design -"), "{stats}");
    assert!(lines[1].contains("design below junior"), "{stats}");
}

#[test]
fn a_loop_can_end_at_a_break_and_an_unknown_loop_is_refused() {
    let data = scratch("loop-quit");
    let input = LOOP_SESSION.split("\n\n\nreads").next().unwrap().to_string() + "\n\n/quit\n";
    let out = run_loop(&data, &["--loop", "practice-loop"], &input);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Round 2/2"), "{text}");
    assert!(text.contains("  design: not scored"), "{text}");
    assert!(text.contains("Not scored: design."), "{text}");
    let bad = run_loop(&data, &["--loop", "practice-lop"], "");
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("no loop has the id `practice-lop`; did you mean `practice-loop`?"), "{err}");
}

/// A host's JSON sheet for the fixture scenario: points 1 and 2 heard.
fn sheet(version: u32, id: &str) -> String {
    serde_json::json!({
        "drill_sheet": version,
        "bank": "tests/fixtures/tui",
        "date": "2026-03-01T10:00:00Z",
        "questions": [{
            "id": id,
            "title": "A retry arrives while the first request is still running",
            "topic": "idempotency",
            "track": "backend",
            "key_points": ["1", "2", "3", "4", "5", "6"],
            "covered": [0, 1],
            "follow_ups_asked": ["The first request crashed after charging the card. What now?"],
            "notes": "Claimed the key first; no word on leases.",
            "time_used_ms": 200000,
            "time_limit_ms": 360000
        }],
        "ratings": [{"signal": "idempotency", "rating": 2}],
        "verdict": "not yet"
    })
    .to_string()
}

#[test]
fn a_host_sheet_imports_into_a_fresh_history() {
    let data = scratch("import");
    let file = data.with_extension("sheet.json");
    std::fs::write(&file, sheet(1, "idempotency-inflight-duplicate")).unwrap();
    let out = drill(&data).args(["history", "--import"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 1 answer from"), "{out:?}");
    let history = drill(&data).args(["history", "--format", "json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert_eq!(rows[0]["question_id"], "idempotency-inflight-duplicate");
    assert_eq!(rows[0]["covered_points"], serde_json::json!([0, 1]));
    assert_eq!(rows[0]["answer"], "Claimed the key first; no word on leases.");
}

#[test]
fn a_sheet_from_another_bank_or_a_newer_drill_is_refused_clearly() {
    let data = scratch("import-bad");
    let file = data.with_extension("bad.json");
    std::fs::write(&file, sheet(1, "somebody-elses-question")).unwrap();
    let out = drill(&data).args(["history", "--import"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "question `somebody-elses-question` is not in the loaded banks: the sheet comes from another bank"
        ),
        "{err}"
    );
    std::fs::write(&file, sheet(99, "idempotency-inflight-duplicate")).unwrap();
    let out = drill(&data).args(["history", "--import"]).arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("written by a newer drill (sheet format 99"), "{err}");
    std::fs::write(&file, "not json").unwrap();
    let out = drill(&data).args(["history", "--import"]).arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a feedback sheet"), "{out:?}");
    assert!(!data.join("history.db").exists(), "nothing was written");
}

#[test]
fn host_mode_needs_a_terminal_and_says_so() {
    let data = scratch("host-plain");
    let out = drill(&data).args(["mock", "--host", "--count", "1"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`drill mock --host` needs a terminal"), "{err}");
}
