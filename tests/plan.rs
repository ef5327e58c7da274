//! `drill plan` and `drill today` through the binary: a plan made, shown
//! as text, JSON and iCalendar (parsed back), cleared; today's session run
//! in plain mode; reviews kept before the interview while a plan exists.

use assert_cmd::Command;

fn drill(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("drill").unwrap();
    cmd.env_remove("DRILL_BANK").env("NO_COLOR", "1").env("DRILL_DATA_DIR", data).args([
        "--no-builtin",
        "--bank",
        "tests/fixtures/good",
        "--bank",
        "tests/fixtures/tui",
    ]);
    cmd
}

fn in_days(n: i64) -> String {
    let today = jiff::Zoned::now().date();
    today.checked_add(jiff::Span::new().days(n)).unwrap().to_string()
}

fn run(data: &std::path::Path, args: &[&str]) -> String {
    let out = drill(data).args(args).write_stdin("").output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_plan_is_made_shown_in_three_formats_and_cleared() {
    let data = tempfile::tempdir().unwrap();
    let date = in_days(7);
    let text = run(data.path(), &["plan", "--interview", &date, "--minutes", "30"]);
    assert!(text.contains("Plan to the interview on "), "{text}");
    assert!(text.contains("· 7 days · 30 min a day"), "{text}");
    assert!(text.contains("light review"), "{text}");
    assert!(text.contains("Readiness on the day"), "{text}");
    // Shown again from what was kept.
    let again = run(data.path(), &["plan"]);
    assert!(again.contains("· 7 days · 30 min a day"), "{again}");
    let json: serde_json::Value = serde_json::from_str(&run(data.path(), &["plan", "--format", "json"])).unwrap();
    assert_eq!(json["plan"]["days"].as_array().unwrap().len(), 7);
    assert_eq!(json["plan"]["interview"], date);
    let ics = run(data.path(), &["plan", "--format", "ics"]);
    let calendar = ical::IcalParser::new(ics.as_bytes()).next().expect("one calendar").expect("it parses");
    assert_eq!(calendar.events.len(), 7);
    let summary = calendar.events[0].properties.iter().find(|p| p.name == "SUMMARY").unwrap();
    assert!(summary.value.as_deref().unwrap().starts_with("drill: "), "{summary:?}");
    let start = calendar.events[0].properties.iter().find(|p| p.name == "DTSTART").unwrap();
    assert_eq!(start.value.as_deref(), Some(jiff::Zoned::now().date().strftime("%Y%m%d").to_string().as_str()));
    assert!(run(data.path(), &["plan", "--clear"]).contains("Plan removed."));
    let none = run(data.path(), &["plan"]);
    assert!(none.contains(&format!("No plan yet. Make one with `drill plan --interview {}`", in_days(14))), "{none}");
}

#[test]
fn today_runs_the_days_questions_and_reviews_stay_before_the_interview() {
    let data = tempfile::tempdir().unwrap();
    let date = in_days(4);
    run(data.path(), &["plan", "--interview", &date, "--minutes", "60"]);
    let plan: serde_json::Value = serde_json::from_str(&run(data.path(), &["plan", "--format", "json"])).unwrap();
    let first: Vec<String> =
        plan["plan"]["days"][0]["new"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert!(!first.is_empty(), "{plan}");
    // Answer every question of today's session out loud, crediting all.
    let input = "\nall\n".repeat(first.len());
    let out = drill(data.path()).args(["today", "--plain"]).write_stdin(input).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let intro = format!("drill · {} ·", text_count(first.len()));
    assert!(text.starts_with(&intro), "{text}");
    assert!(text.contains(&format!("Overall 100% over {n} of {n} questions", n = first.len())), "{text}");
    // Every review now falls due before the interview day.
    let stats: serde_json::Value = serde_json::from_str(&run(data.path(), &["stats", "--format", "json"])).unwrap();
    let next_due = stats["next_due"].as_str().expect("something is due later");
    assert!(next_due < date.as_str(), "due {next_due} before the interview {date}");
    // While the plan exists, stats give the readiness on the interview day.
    assert_eq!(stats["readiness_on_day"]["interview"], date);
    let topics = stats["readiness_on_day"]["topics"].as_array().unwrap();
    assert!(!topics.is_empty(), "{stats}");
    let text = run(data.path(), &["stats"]);
    assert!(text.contains(&format!("Readiness on {date} (the plan's interview day)")), "{text}");
}

#[test]
fn a_date_not_ahead_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = drill(data.path()).args(["plan", "--interview", &in_days(0)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not after today"), "{out:?}");
}

fn text_count(n: usize) -> String {
    if n == 1 { "1 question".to_string() } else { format!("{n} questions") }
}

#[test]
fn a_missed_day_is_folded_into_the_days_ahead_and_said() {
    let data = tempfile::tempdir().unwrap();
    let made = "2026-03-02T12:00:00Z";
    let later = "2026-03-04T12:00:00Z";
    let out = drill(data.path())
        .env("DRILL_NOW", made)
        .args(["plan", "--interview", "2026-03-10", "--minutes", "30"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let first: serde_json::Value = serde_json::from_slice(
        &drill(data.path()).env("DRILL_NOW", made).args(["plan", "--format", "json"]).output().unwrap().stdout,
    )
    .unwrap();
    let planned_first_days: usize =
        first["plan"]["days"].as_array().unwrap()[..2].iter().map(|d| d["new"].as_array().unwrap().len()).sum();
    assert!(planned_first_days > 0);
    // Two days later, nothing done: the plan starts today and says so.
    let text =
        String::from_utf8(drill(data.path()).env("DRILL_NOW", later).args(["plan"]).output().unwrap().stdout).unwrap();
    assert!(text.contains(&format!("Missed: {planned_first_days} planned question")), "{text}");
    assert!(text.contains("they are folded into the days ahead"), "{text}");
    assert!(text.contains("· 6 days ·"), "from the 4th to the 9th: {text}");
    let again: serde_json::Value = serde_json::from_slice(
        &drill(data.path()).env("DRILL_NOW", later).args(["plan", "--format", "json"]).output().unwrap().stdout,
    )
    .unwrap();
    let placed: usize =
        again["plan"]["days"].as_array().unwrap().iter().map(|d| d["new"].as_array().unwrap().len()).sum();
    let before: usize =
        first["plan"]["days"].as_array().unwrap().iter().map(|d| d["new"].as_array().unwrap().len()).sum();
    assert_eq!(placed, before, "every question planned before is still planned");
}

#[test]
fn a_date_that_is_not_one_is_a_usage_error_saying_how_to_write_it() {
    let data = tempfile::tempdir().unwrap();
    let out = drill(data.path()).args(["plan", "--interview", "next friday"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`next friday` is not a date; write it like 2026-12-20"));
}
