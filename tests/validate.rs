//! `drill validate` on broken banks: every fixture in `tests/fixtures/bad`
//! must fail with its exact location and message.

use assert_cmd::Command;

fn drill() -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1");
    cmd
}

/// (fixture, the exact first line `drill validate` prints for it)
const CASES: &[(&str, &str)] = &[
    ("bad-level.toml", "bad-level.toml:11:9: error: `level` must be one of junior, mid, senior; found \"principal\""),
    (
        "bad-slug.toml",
        "bad-slug.toml:7:6: error: `id` must be a slug (lowercase letters, digits and single hyphens, at most 64 characters), found \"Broken_One\"",
    ),
    (
        "bad-time-limit.toml",
        "bad-time-limit.toml:14:14: error: `time_limit` must be a duration like \"90s\", \"4m\" or \"1m30s\"; found \"5 minutes\"",
    ),
    ("duplicate-key.toml", "duplicate-key.toml:9:1: error: TOML syntax: duplicate key"),
    (
        "empty-key-points.toml",
        "empty-key-points.toml:16:14: error: `key_points` is empty; list the 3-7 things a strong answer names",
    ),
    (
        "empty-string.toml",
        "empty-string.toml:8:9: error: `title` is empty; write some text or remove the key if it is optional",
    ),
    (
        "empty.toml",
        "empty.toml:1:1: error: file is empty; a topic file needs `track`, `topic`, `title`, `summary` and at least one [[questions]] table",
    ),
    ("enum-wrong-type.toml", "enum-wrong-type.toml:10:14: error: `difficulty` must be a string, found integer"),
    ("invalid-utf8.toml", "invalid-utf8.toml:8:14: error: file is not valid UTF-8 (byte 0xFF); save it as UTF-8"),
    (
        "key-point-bad-level.toml",
        "key-point-bad-level.toml:18:37: error: `key_points.level` must be one of junior, mid, senior; found \"principal\"",
    ),
    (
        "key-point-unknown-key.toml",
        "key-point-unknown-key.toml:18:5: error: unknown key `pont` in `key_points item`; did you mean `point`?",
    ),
    (
        "loop-bad-minutes.toml",
        "loop-bad-minutes.toml:40:11: error: `rounds.minutes` must be a whole number from 5 to 240; found 500",
    ),
    (
        "loop-matches-nothing.toml",
        "loop-matches-nothing.toml:34:1: error: loop `loop-match` round 1 (\"Round one\"): no question matches its filters; loosen them or add questions",
    ),
    (
        "loop-unknown-topic.toml",
        "loop-unknown-topic.toml:34:1: error: loop `loop-topic` round 1 (\"Round one\"): no track, topic or tag is named `no-such-topic`; `drill topics` lists them",
    ),
    (
        "missing-answer-level.toml",
        "missing-answer-level.toml:19:1: error: `answers` is missing required key `senior`; add it",
    ),
    (
        "missing-required.toml",
        "missing-required.toml:6:1: error: question `broken-one` is missing required key `short_answer`; add it",
    ),
    (
        "mistake-missing-part.toml",
        "mistake-missing-part.toml:24:1: error: `mistakes` is missing required key `better`; add it",
    ),
    (
        "no-questions.toml",
        "no-questions.toml:1:1: error: the file has no questions; add at least one [[questions]] table",
    ),
    (
        "probe-out-of-range.toml",
        "probe-out-of-range.toml:32:10: error: `probes` names key point 4, but the question has 3; number key points from 1",
    ),
    ("probe-twice.toml", "probe-twice.toml:32:10: error: `probes` names key point 1 twice; list each once"),
    (
        "stage-missing-answer.toml",
        "stage-missing-answer.toml:29:1: error: `stages` is missing required key `answer`; add it",
    ),
    (
        "stage-time-out-of-range.toml",
        "stage-time-out-of-range.toml:32:8: error: a stage's `time` is 45m; give each stage 30s to 30m",
    ),
    (
        "stages-over-the-limit.toml",
        "stages-over-the-limit.toml:29:1: error: the stages add up to 12m, more than the question's `time_limit` of 10m; shorten them or raise the limit",
    ),
    ("syntax-error.toml", "syntax-error.toml:9:23: error: TOML syntax: invalid basic string, expected `\"`"),
    (
        "too-many-key-points.toml",
        "too-many-key-points.toml:16:14: error: `key_points` has 13 items; keep the rubric to at most 12 (3-7 is the standard)",
    ),
    (
        "unknown-answer-level.toml",
        "unknown-answer-level.toml:21:1: error: unknown key `staff` in `answers`; expected one of: junior, mid, senior",
    ),
    ("unknown-key.toml", "unknown-key.toml:9:1: error: unknown key `promt` in a question; did you mean `prompt`?"),
    (
        "unknown-top-key.toml",
        "unknown-top-key.toml:2:1: error: unknown key `topik` in the file's top level; did you mean `topic`?",
    ),
    (
        "wrong-enum.toml",
        "wrong-enum.toml:10:14: error: `difficulty` must be one of easy, medium, hard; found \"extreme\"",
    ),
    ("wrong-type.toml", "wrong-type.toml:13:8: error: `tags` must be an array, found string"),
];

const DIR: &str = "tests/fixtures/bad/";

#[test]
fn every_broken_fixture_reports_its_location_and_message() {
    for (file, expected) in CASES {
        let out = drill().args(["--no-builtin", "validate", &format!("{DIR}{file}")]).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}: exit code\n{stdout}");
        assert_eq!(stdout.lines().next(), Some(format!("{DIR}{expected}").as_str()), "{file}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("run `drill validate` again"), "{file}: {stderr}");
    }
}

#[test]
fn every_fixture_file_has_a_case() {
    let mut files: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let cases: Vec<String> = CASES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(files, cases);
}

#[test]
fn errors_show_the_source_line_and_a_caret() {
    let out = drill().args(["--no-builtin", "validate", &format!("{DIR}wrong-enum.toml")]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(" 10 | difficulty = \"extreme\"\n    |              ^^^^^^^^^\n"), "{stdout}");
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    let out = drill().args(["--no-builtin", "validate", &format!("{DIR}duplicate-id")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "{DIR}duplicate-id/b.toml:7:6: error: duplicate id `broken-one`: already used at {DIR}duplicate-id/a.toml:7:6;"
        )),
        "{stdout}"
    );
}

#[test]
fn duplicate_loop_ids_across_files_name_both_places() {
    let out = drill().args(["--no-builtin", "validate", &format!("{DIR}duplicate-loop")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "{DIR}duplicate-loop/b.toml:30:6: error: duplicate loop id `same-loop`: already used at {DIR}duplicate-loop/a.toml:2:6;"
        )),
        "{stdout}"
    );
}

#[test]
fn a_second_edition_bank_with_a_staged_round_and_a_loop_validates() {
    drill()
        .args(["--no-builtin", "validate", "tests/fixtures/second"])
        .assert()
        .success()
        .stdout("ok: 1 question in 1 topic and 1 loop from 2 files\n");
}

#[test]
fn all_problems_in_all_files_are_reported_in_one_run() {
    let out = drill().args(["--no-builtin", "validate", DIR]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for (file, _) in CASES {
        assert!(stdout.contains(&format!("{DIR}{file}:")), "{file} missing from the combined run");
    }
    let errors = stdout.lines().filter(|l| l.contains(": error: ")).count();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("{errors} errors in ")), "{stderr}");
}

#[test]
fn a_broken_bank_is_never_half_loaded() {
    // The bad directory holds valid questions too; none of them may load.
    let out = drill().args(["--no-builtin", "--bank", DIR, "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("error: `level` must be one of"), "{stderr}");
}

#[test]
fn missing_bank_paths_are_clear() {
    let out = drill().args(["--bank", "no/such/dir", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim(), "drill: bank path `no/such/dir` does not exist; check the --bank argument or DRILL_BANK");
}

#[test]
fn the_good_fixture_validates() {
    drill()
        .args(["--no-builtin", "validate", "tests/fixtures/good"])
        .assert()
        .success()
        .stdout("ok: 3 questions in 1 topic from 1 file\n");
}

/// A 16 MiB file of `x=[[],[],…]` peaked at 1.1 GB of memory, and a
/// million empty questions printed millions of lines: a large file made of
/// structure is refused before parsing, and a file's problems are capped.
#[test]
fn pathological_files_are_refused_early_and_their_problems_capped() {
    let dir = tempfile::tempdir().unwrap();
    let arrays = dir.path().join("arrays.toml");
    std::fs::write(&arrays, format!("x = [{}]\n", "[],".repeat(1 << 20))).unwrap();
    let out = drill().args(["--no-builtin", "validate"]).arg(&arrays).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "{}:1:1: error: file is 3 MiB with 3145730 brackets, braces and commas: not the shape of a bank",
            arrays.display()
        )),
        "{stdout}"
    );
    let empty = dir.path().join("empty-questions.toml");
    let text =
        format!("track = \"t\"\ntopic = \"t\"\ntitle = \"T\"\nsummary = \"S\"\n{}", "[[questions]]\n".repeat(5000));
    std::fs::write(&empty, text).unwrap();
    let out = drill().args(["--no-builtin", "validate"]).arg(&empty).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 101, "{}", errors.len());
    assert!(
        errors[100].ends_with("… and 4900 more problems in this file; fix these first and run `drill validate` again"),
        "{}",
        errors[100]
    );
}

/// A folder and a file in it, or a symlink to a file, named one file twice
/// and its ids clashed with themselves; each real file loads once.
#[cfg(unix)]
#[test]
fn a_file_named_twice_loads_once() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("alias.toml");
    std::os::unix::fs::symlink(std::fs::canonicalize("tests/fixtures/good/mini.toml").unwrap(), &link).unwrap();
    drill()
        .args(["--no-builtin", "--bank", "tests/fixtures/good", "--bank", "tests/fixtures/good/mini.toml", "--bank"])
        .arg(&link)
        .arg("validate")
        .assert()
        .success()
        .stdout("ok: 3 questions in 1 topic from 1 file\n");
}

/// A user id clashing with the built-in bank was placed at 7:6 by
/// `validate` and at 6:1 by `list`; both name the built-in id's place.
#[test]
fn a_clash_with_the_built_in_bank_is_placed_the_same_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/good/mini.toml").unwrap();
    std::fs::write(
        dir.path().join("dup.toml"),
        mini.replacen("id = \"mini-cache-ttl\"", "id = \"caching-stale-price-after-update\"", 1),
    )
    .unwrap();
    let first = |args: &[&str]| {
        let out = drill().arg("--bank").arg(dir.path()).args(args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        text.lines().find(|l| l.contains("duplicate id")).unwrap_or_default().to_string()
    };
    let validate = first(&["validate"]);
    assert!(validate.contains("already used at questions/backend/caching.toml:"), "{validate}");
    assert_eq!(first(&["list"]), validate);
}

/// Carets sat in the wrong column after tabs and wide characters, a long
/// line's caret line ran to 50 KB, invalid UTF-8 had no line or caret, and
/// a table nested 200 deep was reported at 1:1.
#[test]
fn carets_land_under_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, text: &[u8]| -> String {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = drill().args(["--no-builtin", "validate"]).arg(&path).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let tab = check("tab.toml", b"a\tb = 1\n");
    assert!(tab.contains(" 1 | a   b = 1\n   |     ^"), "under `b`, after the tab:\n{tab}");
    let utf8 = check("utf8.toml", b"track = \"t\"\ntitle = \"ab\xffcd\"\n");
    assert!(utf8.contains(" 2 | title = \"ab\u{fffd}cd\"\n   |            ^"), "{utf8}");
    let long = check("long.toml", format!("x = \"{}\" y\n", "a".repeat(50_000)).as_bytes());
    assert!(long.lines().all(|l| l.chars().count() < 400), "no line runs on:\n{long}");
    assert!(long.lines().nth(2).is_some_and(|l| l.trim_end().ends_with('^')), "{long}");
    let deep = check("deep.toml", format!("track = \"t\"\n[{}]\n", vec!["a"; 200].join(".")).as_bytes());
    assert!(deep.contains("deep.toml:2:1: error: TOML syntax: recursion limit"), "{deep}");
}
