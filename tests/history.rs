//! History through the real binary: plain rounds saved as they are graded,
//! review on the FSRS schedule, the journal, concurrent writers, a killed
//! process, and files that cannot be used.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const GOOD: &str = "tests/fixtures/good";
const DAY1: &str = "2026-03-01T09:00:00Z";
const DAY2: &str = "2026-03-02T09:00:00Z";

fn drill(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1").args(["--no-builtin", "--bank", GOOD, "--data-dir"]).arg(data);
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A plain round on fixed questions (by topic), with answers on stdin.
fn round(data: &std::path::Path, now: &str, topics: &[&str], input: &str) -> String {
    let (code, stdout, stderr) = round_exit(data, now, topics, input);
    assert_eq!(code, Some(0), "{stderr}");
    stdout
}

/// [`round`] when the history may fail: the exit code, stdout and stderr.
fn round_exit(data: &std::path::Path, now: &str, topics: &[&str], input: &str) -> (Option<i32>, String, String) {
    let mut cmd = drill(data);
    cmd.args(["--now", now, "start", "--plain", "--seed", "1"]);
    for t in topics {
        cmd.args(["--topic", t]);
    }
    let out = cmd.write_stdin(input).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A round whose answers could not be saved completes, hands the answers
/// back on stderr, and exits 1 saying so.
fn unsaved_round(data: &std::path::Path) -> String {
    let (code, stdout, stderr) = round_exit(data, DAY1, &["caching"], "\nall\n");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.ends_with("drill: 1 answer could not be saved to the history; it is printed above\n"), "{stderr}");
    stdout
}

#[test]
fn plain_rounds_are_saved_and_stats_show_them_per_topic() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["caching"], "cache with jitter on expiry\n\nall\n");
    round(data.path(), "2026-03-01T10:00:00Z", &["queues"], "\nnone\n");
    let s = json(drill(data.path()).args(["--now", DAY1, "stats", "--format", "json"]));
    assert_eq!(s["attempts"], 2);
    assert_eq!(s["rounds"], 2);
    let topics = s["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 1, "both fixture questions are in topic mini");
    assert_eq!(topics[0]["topic"], "mini");
    assert_eq!(topics[0]["attempts"], 2);
    assert_eq!(topics[0]["mean_score"], 0.5);
    assert!(s["due"].is_number());
    let text = drill(data.path()).args(["--now", DAY1, "stats"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Rounds 2 · attempts 2 (0 skipped) · mean score 50%"), "{text}");
    assert!(text.contains("mini "), "{text}");
    let h = json(drill(data.path()).args(["history", "--format", "json"]));
    assert_eq!(h.as_array().unwrap().len(), 2);
    assert_eq!(h[1]["answer"], "cache with jitter on expiry");
    assert_eq!(h[1]["covered_points"], serde_json::json!([0, 1, 2]));
    // The answer shows "jitter on expiry"; the other two ticks are the candidate's own.
    assert_eq!(h[1]["self_credited"], serde_json::json!([0, 1]));
    assert_eq!(h[1]["grade"], "easy");
    assert_eq!(h[0]["grade"], "again");
}

#[test]
fn review_a_day_later_brings_back_the_weak_answer_only() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["caching"], "\nall\n");
    round(data.path(), DAY1, &["queues"], "\nnone\n");
    let out = drill(data.path()).args(["--now", DAY2, "review", "--plain"]).write_stdin("\nall\n").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.contains("Question 1/1 · mini"), "{text}");
    assert!(text.contains("Retrying a failed message"), "the again-graded question: {text}");
    assert!(!text.contains("Choosing a cache TTL"), "the easy one is not due: {text}");
    // Now nothing is due; the message says when the next one is.
    drill(data.path()).args(["--now", DAY2, "review", "--plain"]).assert().success().stdout(
        predicate::str::starts_with("Nothing is due for review. The next one, `")
            .and(predicate::str::contains("Run `drill start` for a fresh round.")),
    );
    let fresh = tempfile::tempdir().unwrap();
    drill(fresh.path())
        .args(["review", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no graded answers match yet"));
}

#[test]
fn the_journal_shows_what_was_typed_each_time() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["queues"], "just retry it\n\n1\n");
    round(data.path(), DAY2, &["queues"], "retry with backoff,\nthen a dead-letter queue and an alert\n\nall\n");
    let out = drill(data.path()).args(["history", "mini-queue-retry"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.starts_with("Retrying a failed message · mini-queue-retry · 2 attempts"), "{text}");
    let first = text.find("just retry it").unwrap();
    let second = text.find("then a dead-letter queue and an alert").unwrap();
    assert!(first < second, "oldest first: {text}");
    assert!(text.contains("1/3 key points (33%)") && text.contains("3/3 key points (100%)"), "{text}");
    assert!(text.contains("✓ retries with backoff") && text.contains("✗ dead-letter queue after a limit"), "{text}");
    drill(data.path())
        .args(["history", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no question has the id `nope`"));
}

#[test]
fn two_processes_record_at_once() {
    let data = tempfile::tempdir().unwrap();
    let spawn = |topic: &str| {
        let mut child = Process::new(env!("CARGO_BIN_EXE_drill"))
            .args(["--no-builtin", "--bank", GOOD, "--data-dir"])
            .arg(data.path())
            .args(["start", "--plain", "--count", "3", "--seed", "5", "--topic", topic])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"\nall\n\nnone\n\n1\n").unwrap();
        child
    };
    let children: Vec<_> = (0..4).map(|i| spawn(if i % 2 == 0 { "testing" } else { "mini" })).collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let s = json(drill(data.path()).args(["stats", "--format", "json"]));
    assert_eq!(s["attempts"], 12, "4 rounds of 3, none lost");
    assert_eq!(s["rounds"], 4);
}

#[test]
fn a_killed_round_keeps_what_was_graded() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Process::new(env!("CARGO_BIN_EXE_drill"))
        .args(["--no-builtin", "--bank", GOOD, "--data-dir"])
        .arg(data.path())
        .args(["start", "--plain", "--count", "2", "--seed", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"first answer\n\nall\n").unwrap();
    stdin.flush().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Wait until the second question is asked: the first is graded and saved.
    for line in lines.by_ref() {
        if line.unwrap().starts_with("Question 2/2") {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let s = json(drill(data.path()).args(["stats", "--format", "json"]));
    assert_eq!(s["attempts"], 1);
    let h = json(drill(data.path()).args(["history", "--format", "json"]));
    assert_eq!(h[0]["answer"], "first answer");
}

#[test]
fn a_corrupt_history_is_reported_kept_and_does_not_stop_a_round() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("history.db");
    let junk = "not a database at all, just notes\n".repeat(200);
    std::fs::write(&file, &junk).unwrap();
    let out = drill(data.path()).args(["stats"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("history file `{}` is not a readable drill history", file.display())), "{err}");
    assert!(err.contains("it was left untouched: move it aside"), "{err}");
    let text = unsaved_round(data.path());
    assert!(text.contains("warning: answers are not being saved: history file"), "{text}");
    assert!(text.contains("Round summary"), "the round still completes: {text}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), junk, "never replaced");
}

#[test]
fn an_unwritable_history_warns_and_the_round_completes() {
    let data = tempfile::tempdir().unwrap();
    // A directory where the file should be cannot be opened, even by root.
    std::fs::create_dir(data.path().join("history.db")).unwrap();
    let text = unsaved_round(data.path());
    // Said for what it is (it used to say "check the permissions").
    assert!(text.contains("history.db` is a directory, not a history file; move it aside"), "{text}");
    assert!(text.contains("Covered 3 of 3 key points"), "{text}");
}

#[test]
fn a_newer_history_is_refused() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["caching"], "\nall\n");
    let file = data.path().join("history.db");
    // SQLite keeps `user_version` in the header at offset 60, big-endian.
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&file, &bytes).unwrap();
    drill(data.path())
        .args(["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has schema version 999, newer than this drill knows"));
}

#[test]
fn clearing_asks_or_takes_yes() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["caching"], "\nall\n");
    drill(data.path())
        .args(["history", "--clear"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to delete the whole history without confirmation; add --yes"));
    drill(data.path())
        .args(["history", "--clear", "--yes", "--topic", "mini"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Removed 1 attempts, 1 review states and 1 rounds from"));
    let s = json(drill(data.path()).args(["stats", "--format", "json"]));
    assert_eq!(s["attempts"], 0);
}

#[test]
fn no_history_yet() {
    let data = tempfile::tempdir().unwrap();
    drill(data.path()).arg("stats").assert().success().stdout(predicate::str::contains("No attempts yet."));
    drill(data.path()).arg("history").assert().success().stdout(predicate::str::contains("No attempts yet."));
    assert!(!data.path().join("history.db").exists(), "reading never creates the file");
}

/// Makes `dir` read-only even for root (permissions, then the immutable
/// attribute); `None` when this filesystem cannot.
fn read_only(dir: &std::path::Path) -> Option<impl Fn()> {
    use std::os::unix::fs::PermissionsExt;
    let writable = |d: &std::path::Path| {
        std::fs::write(d.join(".probe"), b"").map(|_| std::fs::remove_file(d.join(".probe"))).is_ok()
    };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
    if writable(dir) {
        let _ = Process::new("chattr").arg("+i").arg(dir).status();
    }
    let owned = dir.to_path_buf();
    let undo = move || {
        let _ = Process::new("chattr").arg("-i").arg(&owned).status();
        let _ = std::fs::set_permissions(&owned, std::fs::Permissions::from_mode(0o755));
    };
    if writable(dir) {
        undo();
        return None;
    }
    Some(undo)
}

#[test]
fn a_read_only_data_directory_warns_and_the_round_completes() {
    let data = tempfile::tempdir().unwrap();
    let Some(undo) = read_only(data.path()) else {
        eprintln!("SKIPPED: this filesystem cannot make a directory read-only for this user");
        return;
    };
    let out = drill(data.path())
        .args(["--now", DAY1, "start", "--plain", "--topic", "caching"])
        .write_stdin("\nall\n")
        .output()
        .unwrap();
    let stats = drill(data.path()).args(["stats"]).output().unwrap();
    undo();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "the unsaved answer is an error at the end");
    assert!(text.contains("warning: answers are not being saved: history file"), "{text}");
    assert!(
        text.contains("cannot be written (") && text.contains("check the permissions of the file and its directory"),
        "{text}"
    );
    assert!(text.contains("Covered 3 of 3 key points"), "{text}");
    assert!(stats.status.success(), "nothing to read yet is not an error");
}

/// A full disk, made real with the file-size limit (`ulimit -f 0`: no file
/// may grow, as on a full disk) on a history that already holds an answer.
#[cfg(unix)]
#[test]
fn a_full_disk_keeps_the_history_whole_and_hands_back_the_unsaved_answers() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["queues"], "an answer saved before the disk filled\n\nall\n");
    let before = std::fs::read(data.path().join("history.db")).unwrap().len();
    // The size limit raises SIGXFSZ on a write past it; ignored, the write
    // fails with EFBIG instead, which is what drill must cope with.
    let script = format!(
        "trap '' XFSZ; ulimit -f 0; exec '{}' --no-builtin --bank {GOOD} --data-dir '{}' --now {DAY2} start --plain --topic caching",
        env!("CARGO_BIN_EXE_drill"),
        data.path().display()
    );
    let out = Process::new("sh")
        .args(["-c", &script])
        .env("NO_COLOR", "1")
        .env_remove("DRILL_BANK")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"jitter the TTLs so keys expire apart\n\nall\n")?;
            child.wait_with_output()
        })
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // The round completes, and the exit code says what was not saved.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("drill: 1 answer could not be saved to the history; it is printed above"), "{stderr}");
    assert!(stdout.contains("Covered 3 of 3 key points"), "{stdout}");
    assert!(stdout.contains("not saved yet"), "the warning shows during the round: {stdout}");
    assert!(stderr.contains("1 answer could not be saved: history file"), "{stderr}");
    assert!(stderr.contains("jitter the TTLs so keys expire apart"), "the typed answer is handed back: {stderr}");

    // Nothing already saved was harmed, and the history still works.
    assert!(std::fs::read(data.path().join("history.db")).unwrap().len() >= before);
    let s = json(drill(data.path()).args(["--now", DAY2, "stats", "--format", "json"]));
    assert_eq!(s["attempts"], 1);
    round(data.path(), DAY2, &["caching"], "room again\n\nall\n");
    let s = json(drill(data.path()).args(["--now", DAY2, "stats", "--format", "json"]));
    assert_eq!(s["attempts"], 2);
}

/// Whatever the history file holds is printed safely: an OSC 52 clipboard
/// write or a bidi override stored in it (by a hostile bank once loaded, or
/// by hand) never reaches the terminal from `history` or `stats`.
#[test]
fn text_read_back_from_the_history_is_made_safe_for_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["queues"], "my answer\n\n1\n");
    let conn = rusqlite::Connection::open(data.path().join("history.db")).unwrap();
    let evil = "x\u{1b}]52;c;aGk=\u{7}\u{202e}y\u{2028}z";
    conn.execute("UPDATE attempts SET topic = ?1, title = ?1, answer = ?1", [evil]).unwrap();
    conn.execute("UPDATE question_stats SET topic = ?1", [evil]).unwrap();
    drop(conn);
    for args in [&["history"][..], &["history", "mini-queue-retry"], &["stats"]] {
        let out = drill(data.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2028}'] {
            assert!(!text.contains(bad), "{args:?} printed {bad:?}:\n{text}");
        }
    }
}

/// Messages that said the wrong thing: `--limit 0` showed a row, an
/// unknown topic said "No attempts yet", a data directory that is a file
/// looked empty, and an empty DRILL_DATA_DIR was a usage error.
#[test]
fn history_messages_say_what_is_wrong() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["queues"], "my answer\n\n1\n");
    drill(data.path())
        .args(["history", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`0` is not a whole number of at least 1"));
    drill(data.path())
        .args(["history", "--topic", "nosuch"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no track, topic or tag is named `nosuch`"));
    drill(data.path())
        .args(["history", "--topic", "caching"])
        .assert()
        .success()
        .stdout("No attempts yet in `caching`. Every graded answer is kept here.\n");
    let file = data.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    drill(&file).args(["history"]).assert().code(1).stderr(predicate::str::contains(
        "is a file, not a directory; point --data-dir (or DRILL_DATA_DIR) at a directory",
    ));
    Command::cargo_bin("drill")
        .unwrap()
        .env("DRILL_DATA_DIR", "")
        .env("DRILL_CONFIG", "")
        .env_remove("DRILL_BANK")
        .args(["topics"])
        .assert()
        .success();
}

/// `history.db` linked to `/dev/null` said "disk may be full" and left a
/// journal beside the link's target; it is named for what it is.
#[cfg(unix)]
#[test]
fn a_device_where_the_history_should_be_is_named() {
    let data = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/null", data.path().join("history.db")).unwrap();
    drill(data.path())
        .args(["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("history.db` is a device or a pipe, not a history file"));
    assert!(!std::path::Path::new("/dev/null-journal").exists());
}

/// A `history.db-shm` left read-only kept every later save failing, with a
/// message naming only `history.db`; the file in the way is named now.
#[cfg(unix)]
#[test]
fn a_stale_read_only_shared_memory_file_is_named() {
    let data = tempfile::tempdir().unwrap();
    round(data.path(), DAY1, &["queues"], "my answer\n\n1\n");
    let shm = data.path().join("history.db-shm");
    std::fs::write(&shm, b"").unwrap();
    let frozen = Process::new("chattr").arg("+i").arg(&shm).status().is_ok_and(|s| s.success());
    if !frozen {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o444)).unwrap();
        if std::fs::OpenOptions::new().write(true).open(&shm).is_ok() {
            eprintln!("SKIPPED: this filesystem cannot make a file read-only for this user");
            return;
        }
    }
    let out = drill(data.path()).args(["history"]).output().unwrap();
    let _ = Process::new("chattr").arg("-i").arg(&shm).status();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("history.db-shm` cannot be written"), "{stderr}");
    assert!(stderr.contains("remove it while no drill is running"), "{stderr}");
}
