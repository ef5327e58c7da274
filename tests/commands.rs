//! Every non-interactive command through the real binary: output, JSON
//! contracts and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const GOOD: &str = "tests/fixtures/good";

fn drill() -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    let scratch = std::env::temp_dir().join(format!("drill-tests-commands-{}", std::process::id()));
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1").env("DRILL_DATA_DIR", scratch);
    cmd
}

/// `drill` on the small fixture bank only.
fn mini() -> Command {
    let mut cmd = drill();
    cmd.args(["--no-builtin", "--bank", GOOD]);
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect()
}

#[test]
fn no_command_prints_help() {
    drill().assert().success().stdout(predicate::str::contains("Usage: drill [OPTIONS] [COMMAND]"));
}

#[test]
fn usage_errors_exit_2() {
    drill().args(["list", "--difficulty", "extreme"]).assert().code(2);
    drill().args(["start", "--count", "0"]).assert().code(2);
    drill()
        .args(["start", "--time", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it like 90s, 4m or 1m30s"));
    drill().arg("frobnicate").assert().code(2);
}

#[test]
fn version() {
    drill().arg("--version").assert().success().stdout(predicate::str::starts_with("drill "));
}

#[test]
fn topics_text_and_json() {
    mini().arg("topics").assert().success().stdout(
        predicate::str::contains("testing · 1 topic · 3 questions")
            .and(predicate::str::contains("  mini    3  Three small questions for tests.")),
    );
    let v = json(mini().args(["topics", "--format", "json"]));
    assert_eq!(
        v,
        serde_json::json!([{"track": "testing", "topic": "mini", "title": "Mini", "summary": "Three small questions for tests.", "count": 3}])
    );
}

#[test]
fn list_json_contract_and_filters() {
    let v = json(mini().args(["list", "--format", "json"]));
    assert_eq!(ids(&v), ["mini-cache-ttl", "mini-queue-retry", "mini-lock-lost-update"]);
    let first = &v[0];
    for key in ["id", "track", "topic", "title", "difficulty", "level", "kind"] {
        assert!(first[key].is_string(), "{key} missing");
    }
    assert_eq!(first["track"], "testing");
    assert_eq!(v[1]["time_limit"], "1m30s");
    assert_eq!(
        ids(&json(mini().args(["list", "--format", "json", "--difficulty", "hard"]))),
        ["mini-lock-lost-update"]
    );
    assert_eq!(ids(&json(mini().args(["list", "--format", "json", "--topic", "caching"]))), ["mini-cache-ttl"]);
    assert_eq!(
        ids(&json(mini().args(["list", "--format", "json", "-t", "ttl", "-t", "retries"]))),
        ["mini-cache-ttl", "mini-queue-retry"]
    );
    assert_eq!(
        ids(&json(mini().args(["list", "--format", "json", "--level", "mid", "--kind", "scenario"]))),
        ["mini-queue-retry"]
    );
    assert_eq!(ids(&json(mini().args(["list", "--format", "json", "--topic", "testing"]))).len(), 3);
}

#[test]
fn list_text_is_aligned() {
    let out = mini().arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "mini-cache-ttl         mini  easy   junior concept     Choosing a cache TTL");
    assert_eq!(lines[2], "mini-lock-lost-update  mini  hard   senior debugging   Two writers, one counter");
}

#[test]
fn empty_selections_exit_1_with_a_reason() {
    mini()
        .args(["list", "--topic", "nosuch"])
        .assert()
        .code(1)
        .stderr("drill: no track, topic or tag is named `nosuch`; `drill topics` lists them\n");
    mini()
        .args(["list", "--topic", "caching", "--difficulty", "hard"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no questions match these filters"));
}

#[test]
fn show_prints_every_section() {
    let out = mini().args(["show", "mini-queue-retry"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for section in [
        "Retrying a failed message",
        "mini · medium · mid · scenario · 1m30s",
        "Question",
        "Short answer",
        "Model answer · junior",
        "Model answer · mid",
        "Model answer · senior",
        "Key points",
        "  1. [mid] retries with backoff",
        "What the interviewer checks",
        "Common mistakes",
        "Weak answer: \"Retry forever.\"",
        "Example",
        "while True: handle(msg)",
    ] {
        assert!(text.contains(section), "missing {section:?} in\n{text}");
    }
}

#[test]
fn show_one_level_and_json() {
    let out = mini().args(["show", "mini-cache-ttl", "--level", "senior"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Model answer · senior") && !text.contains("Model answer · junior"));
    let v = json(mini().args(["show", "mini-cache-ttl", "--format", "json"]));
    assert_eq!(v["answers"]["mid"], "Balance staleness against the miss cost, and add jitter.");
    assert_eq!(v["follow_ups"][0]["prompt"], "What if all keys expire at once?");
}

#[test]
fn show_unknown_id_suggests_the_nearest() {
    mini()
        .args(["show", "mini-cache-tll"])
        .assert()
        .code(1)
        .stderr("drill: no question has the id `mini-cache-tll`; did you mean `mini-cache-ttl`?\n");
    mini()
        .args(["show", "zzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`drill search zzz` finds questions"));
}

#[test]
fn search_ranks_fuzzy_matches() {
    let v = json(mini().args(["search", "lost", "updte", "--format", "json"]));
    assert_eq!(ids(&v)[0], "mini-lock-lost-update");
    let v = json(mini().args(["search", "dead-letter", "--format", "json"]));
    assert_eq!(ids(&v), ["mini-queue-retry"]);
    mini().args(["search", "qqqqxz"]).assert().code(1).stderr(predicate::str::contains("nothing matches `qqqqxz`"));
}

#[test]
fn export_json_has_every_field() {
    let v = json(mini().args(["export", "--format", "json"]));
    let q = &v[1];
    for key in [
        "id",
        "track",
        "topic",
        "title",
        "prompt",
        "difficulty",
        "level",
        "kind",
        "tags",
        "time_limit",
        "short_answer",
        "key_points",
        "interviewer_checks",
        "answers",
        "mistakes",
        "follow_ups",
        "example",
    ] {
        assert!(!q[key].is_null(), "{key} missing");
    }
    assert_eq!(q["example"]["strong"], "for attempt in range(5): ...");
    assert_eq!(q["mistakes"][0]["better"], "Cap retries and dead-letter.");
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn export_markdown_and_anki() {
    let out = mini().args(["export", "--format", "markdown"]).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# drill study guide"));
    assert!(md.contains("## Contents") && md.contains("  - [Two writers, one counter](#mini-lock-lost-update)"));
    assert!(md.contains("#### Senior answer") && md.contains("#### Follow-ups"));
    let out = mini().args(["export", "--format", "anki", "--topic", "locking"]).output().unwrap();
    let anki = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = anki.lines().collect();
    assert_eq!(&lines[..3], ["#separator:tab", "#html:true", "#tags column:3"]);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[3].split('\t').count(), 3);
}

#[test]
fn export_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.json");
    mini()
        .args(["export", "--format", "json", "--out"])
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote 3 questions to"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    mini()
        .args(["export", "--format", "json", "--out", "/nonexistent/dir/x.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write export to `/nonexistent/dir/x.json`"));
}

#[test]
fn completions_and_man() {
    drill().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_drill()"));
    drill().args(["completions", "zsh"]).assert().success().stdout(predicate::str::contains("#compdef drill"));
    drill().arg("man").assert().success().stdout(predicate::str::contains(".TH drill"));
}

#[test]
fn drill_bank_env_adds_banks() {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env("DRILL_BANK", GOOD).args(["--no-builtin", "list", "--format", "json"]);
    assert_eq!(json(&mut cmd).as_array().unwrap().len(), 3);
}

#[test]
fn closed_pipe_is_not_an_error() {
    // The built-in bank's export is far larger than a pipe buffer, so the
    // writer is certain to meet the closed pipe.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' export --format json | head -c 100 >/dev/null",
            env!("CARGO_BIN_EXE_drill")
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_broken_config_is_reported_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[round]\ncount = 3\n\n[ui]\nthem = \"light\"\n").unwrap();
    let out = mini().arg("--config").arg(&path).arg("topics").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = path.display().to_string();
    assert!(
        stderr
            .starts_with(&format!("{shown}:5:1: error: unknown key `them` in [ui]; did you mean `theme`?\n 5 | them")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("drill: 1 error in config file `{shown}`; fix it or point --config elsewhere")),
        "{stderr}"
    );
    mini()
        .args(["--config", "/no/such/config.toml", "topics"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read config file `/no/such/config.toml`"));
}

/// `reveal = "p"` used to shadow pause, with a footer showing
/// "p reveal p pause"; now the config says so, where it is written.
#[test]
fn a_remap_that_takes_another_actions_key_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nreveal = \"p\"\nquit = \"F5\"\n").unwrap();
    let out = mini().arg("--config").arg(&path).arg("topics").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = path.display().to_string();
    assert!(
        stderr.starts_with(&format!(
            "{shown}:2:10: error: `p` for `reveal` is already pause (Question); choose another key"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("drill: 1 error in config file"), "`quit = \"F5\"` is fine: {stderr}");
}

#[test]
fn the_config_sets_round_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[round]\ncount = 1\n[time]\nhard = \"9m\"\n").unwrap();
    let out = mini()
        .env("DRILL_CONFIG", &path)
        .args(["start", "--plain", "--difficulty", "hard", "--seed", "1"])
        .write_stdin("\nall\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("drill · 1 question · seed 1"), "{text}");
    assert!(text.contains("Question 1/1 · mini · hard · 9m"), "{text}");
}

#[test]
fn a_large_bank_is_cached_and_parsed_again_once_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let (bank, data) = (tmp.path().join("bank"), tmp.path().join("data"));
    std::fs::create_dir(&bank).unwrap();
    for (name, text) in drill::synth::bank_files(9, 240, 3) {
        std::fs::write(bank.join(name), text).unwrap();
    }
    let run = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("drill").unwrap();
        cmd.env("NO_COLOR", "1").env_remove("DRILL_BANK").arg("--data-dir").arg(&data).arg("--bank").arg(&bank);
        cmd.args(args).output().unwrap()
    };
    let first = run(&["list", "--format", "json"]);
    assert!(first.status.success());
    let cached: Vec<_> = std::fs::read_dir(data.join("bank-cache")).unwrap().collect();
    assert_eq!(cached.len(), 1, "the first load stores the parsed bank");
    let second = run(&["list", "--format", "json"]);
    assert_eq!(second.stdout, first.stdout, "the cached bank lists the same questions");
    let stats = run(&["stats", "--format", "json"]);
    assert!(stats.status.success(), "stats reads only the ids of the cached bank");
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["attempts"], 0);

    // An edit that breaks the bank must be seen, not hidden by the cache.
    let file = bank.join("topic-0001.toml");
    let text = std::fs::read_to_string(&file).unwrap().replacen("difficulty = \"", "difficulty = \"x", 1);
    std::fs::write(&file, text).unwrap();
    for command in ["list", "stats"] {
        let broken = run(&[command]);
        assert_eq!(broken.status.code(), Some(1), "{command}");
        assert!(
            String::from_utf8_lossy(&broken.stderr).contains("topic-0001.toml:"),
            "{command}: the error is located"
        );
    }
}

fn second() -> Command {
    let mut cmd = drill();
    cmd.args(["--no-builtin", "--bank", "tests/fixtures/second"]);
    cmd
}

/// The JSON contract: every key point an object with its level (filled in
/// from the question's when the bank left it out), follow-ups with what
/// they press on, questions with their stages.
#[test]
fn second_edition_fields_reach_the_json() {
    let v = json(second().args(["show", "design-comments-api", "--format", "json"]));
    assert_eq!(
        v["key_points"][0],
        serde_json::json!({"point": "asks about read and write volume before designing", "level": "senior", "also": []})
    );
    assert_eq!(v["key_points"][1]["also"], serde_json::json!(["idem key", "Idempotency-Key header"]));
    assert_eq!(v["key_points"][1]["level"], "mid");
    assert_eq!(v["follow_ups"][1]["probes"], serde_json::json!([3, 1]));
    assert_eq!(v["stages"][0]["title"], "Scope");
    assert_eq!(v["stages"][0]["time"], "5m");
    assert_eq!(v["stages"][0]["hint"], "Think about how many comments an article gets.");
    assert_eq!(v["stages"][1]["key_points"][0]["level"], "senior");
    assert!(v["stages"][1].get("hint").is_none(), "no hint, no key");
    let all = json(second().args(["export", "--format", "json"]));
    assert_eq!(all[0]["stages"], v["stages"], "export carries every field");
}

#[test]
fn a_first_edition_bank_loads_unchanged_with_levels_filled_in() {
    let v = json(mini().args(["show", "mini-queue-retry", "--format", "json"]));
    assert_eq!(v["key_points"][0], serde_json::json!({"point": "retries with backoff", "level": "mid", "also": []}));
    assert_eq!(v["stages"], serde_json::json!([]));
    let cache = json(mini().args(["show", "mini-cache-ttl", "--format", "json"]));
    assert_eq!(cache["follow_ups"][0]["probes"], serde_json::json!([]));
}

#[test]
fn second_edition_fields_show_in_text_markdown_and_anki() {
    let out = second().args(["show", "design-comments-api"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "  2. [mid] creates with an idempotency key",
        "also: idem key; Idempotency-Key header",
        "(presses on key points 3, 1)",
        "Stage 1/2 · Scope · 5m",
        "Stage 2/2 · API · 10m",
        "Hint: Think about how many comments",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    let md = second().args(["export", "--format", "markdown"]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    for part in [
        "- **mid** creates with an idempotency key _(also: idem key; Idempotency-Key header)_",
        "_(presses on key point 2)_",
        "#### Stage 1/2: Scope (5m)",
        "**Hint.** Think about how many comments",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
    let anki = second().args(["export", "--format", "anki"]).output().unwrap();
    let anki = String::from_utf8(anki.stdout).unwrap();
    assert!(anki.contains("<li>[mid] creates with an idempotency key</li>"), "{anki}");
    assert!(anki.contains("<b>2 stages</b><ol><li>Scope (5m)</li><li>API (10m)</li></ol>"), "{anki}");
}

/// `--config /dev/zero` grew until out of memory and `--config FIFO` waited
/// forever; invalid UTF-8 was read as replacement characters.
#[cfg(unix)]
#[test]
fn a_config_that_is_not_a_text_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.as_path(), std::path::Path::new("/dev/zero")] {
        mini()
            .arg("--config")
            .arg(path)
            .arg("topics")
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a regular file; point --config (or DRILL_CONFIG) at a TOML file"));
    }
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, b"[round]\ncount = 3\n\xff\n").unwrap();
    mini()
        .arg("--config")
        .arg(&bad)
        .arg("topics")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.toml:3:1: error: file is not valid UTF-8 (byte 0xFF); save it as UTF-8"));
}

/// A line break in a title or a tag printed one question over several
/// lines in `list` and broke the Anki deck's rows.
#[test]
fn titles_and_tags_are_one_line_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let bank = std::fs::read_to_string(format!("{GOOD}/mini.toml"))
        .unwrap()
        .replacen("title = \"Choosing a cache TTL\"", "title = \"\"\"Choosing\na cache TTL\"\"\"", 1)
        .replacen("tags = [", "tags = [\"two\\nlines\", ", 1);
    std::fs::write(dir.path().join("mini.toml"), bank).unwrap();
    let mut cmd = drill();
    let out = cmd.arg("--no-builtin").arg("--bank").arg(dir.path()).args(["list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "one line a question:\n{text}");
    assert!(text.contains("Choosing a cache TTL"), "{text}");
    let mut cmd = drill();
    let out =
        cmd.arg("--no-builtin").arg("--bank").arg(dir.path()).args(["export", "--format", "anki"]).output().unwrap();
    let deck = String::from_utf8(out.stdout).unwrap();
    assert_eq!(deck.lines().filter(|l| !l.starts_with('#')).count(), 3, "one row a question:\n{deck}");
    assert!(deck.contains("two_lines"), "{deck}");
}

/// `drill grade`: an answer from stdin or a file, each key point with its
/// evidence, in text and JSON; an unknown id is a clear error.
#[test]
fn grade_reads_an_answer_and_shows_the_evidence() {
    let out = mini().args(["grade", "mini-queue-retry"]).write_stdin("retry with backoff and jitter").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Covered 1 of 3 key points (33%)."), "{text}");
    assert!(text.contains("✓ [mid] retries with backoff  ← retry … backoff"), "{text}");
    assert!(text.contains("✗ [mid] alert on dead-letter growth"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answer.md");
    std::fs::write(
        &file,
        "Retries with backoff; after 5 failures it goes to the dead-letter queue, and we alert when the DLQ grows.",
    )
    .unwrap();
    let v = json(mini().args(["grade", "mini-queue-retry", "--format", "json", "--answer-file"]).arg(&file));
    assert_eq!(v["id"], "mini-queue-retry");
    let covered: Vec<bool> =
        v["key_points"].as_array().unwrap().iter().map(|k| k["covered"].as_bool().unwrap()).collect();
    assert_eq!(covered, [true, false, true], "{v}");
    assert!(v["key_points"][0]["evidence"].as_array().unwrap().len() >= 2, "{v}");
    assert_eq!(v["key_points"][1]["evidence"], serde_json::json!([]));
    mini()
        .args(["grade", "mini-queue-rety"])
        .write_stdin("x")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `mini-queue-retry`?"));
    mini()
        .args(["grade", "mini-queue-retry"])
        .write_stdin(" \n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("the answer from standard input is empty; pipe one in"));
}
