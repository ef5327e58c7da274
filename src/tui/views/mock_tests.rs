//! Snapshots of the mock interview and staged round screens: a follow-up,
//! the confidence rating, a stage with its own clock, the debrief with
//! follow-up marks, and the end with the level verdict.

use std::time::Duration;

use ratatui::crossterm::event::KeyCode;

use super::tests::{draw_app, press, type_text};
use crate::bank::{self, Bank, Filter, SourceFile};
use crate::cli::settings::StartSettings;
use crate::round::{Interview, Phase, Step};
use crate::tui::action::Action;
use crate::tui::app::{App, Setup, update};
use crate::tui::theme::Theme;

fn bank() -> Bank {
    let files = [
        ("tests/fixtures/tui/idempotency.toml", include_str!("../../../tests/fixtures/tui/idempotency.toml")),
        ("tests/fixtures/good/mini.toml", include_str!("../../../tests/fixtures/good/mini.toml")),
        ("tests/fixtures/second/design.toml", include_str!("../../../tests/fixtures/second/design.toml")),
        ("tests/fixtures/loops/practice.toml", include_str!("../../../tests/fixtures/loops/practice.toml")),
    ];
    let sources: Vec<SourceFile> =
        files.iter().map(|(p, t)| SourceFile { path: (*p).into(), bytes: t.as_bytes().to_vec().into() }).collect();
    bank::assemble::load(&sources).bank.expect("fixtures load")
}

fn app(ids: &[&str], mock: bool) -> App {
    let bank = bank();
    let questions = ids.iter().map(|id| bank.get(id).unwrap().clone()).collect();
    let start = StartSettings {
        seed: 7,
        interview: Interview { mock, follow_ups: if mock { 2 } else { 0 }, confidence: mock, ..Interview::default() },
        ..StartSettings::new(Filter::default(), ids.len(), crate::round::DEFAULT_TIMES)
    };
    App::round(bank, Setup::new(Theme::mono()), questions, start)
}

fn tick(app: &mut App, secs: u64) {
    let now = app.now + Duration::from_secs(secs);
    update(app, Action::Tick(now));
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(100, 30), (60, 18)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw_app(app, w, h));
    }
}

fn current(app: &App) -> (Phase, Step) {
    let item = app.session().unwrap().round.current().unwrap();
    (item.phase, item.step)
}

/// Answers what is asked: types, leaves the editor, says done.
fn answer(app: &mut App, text: &str) {
    type_text(app, text);
    press(app, &[KeyCode::Esc, KeyCode::Char('d')]);
}

#[test]
fn a_mock_asks_confidence_then_follow_ups_before_revealing_anything() {
    let mut app = app(&["idempotency-inflight-duplicate", "mini-queue-retry"], true);
    answer(&mut app, "Claim the key first with a unique constraint, then 409 with Retry-After.");
    assert_eq!(current(&app).0, Phase::Rating);
    snap("mock_rating", &app);
    press(&mut app, &[KeyCode::Char('3')]);
    assert_eq!(current(&app), (Phase::Asking, Step::FollowUp(0)));
    type_text(&mut app, "The lease runs out and a retry takes over.");
    tick(&mut app, 100);
    snap("mock_follow_up", &app);
}

#[test]
fn the_debrief_shows_follow_ups_and_the_end_gives_a_verdict() {
    let mut app = app(&["idempotency-inflight-duplicate", "mini-queue-retry"], true);
    answer(&mut app, "A naive check then act lets both run. Claim the key atomically with a unique constraint.");
    press(&mut app, &[KeyCode::Enter]);
    answer(&mut app, "The lease expires and the retry takes over the claim.");
    answer(&mut app, "");
    answer(&mut app, "Retry with exponential backoff, then dead-letter it.");
    press(&mut app, &[KeyCode::Char('4')]);
    answer(&mut app, "With jitter.");
    answer(&mut app, "");
    assert_eq!(current(&app).0, Phase::Revealed, "every question answered: the debrief");
    assert_eq!(app.session().unwrap().round.index(), 0);
    // Select the first follow-up row and step its mark.
    let rows = app.session().unwrap().rows();
    for _ in 0..rows {
        press(&mut app, &[KeyCode::Down]);
    }
    press(&mut app, &[KeyCode::Char(' ')]);
    snap("mock_debrief", &app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    assert!(app.session().unwrap().phase().is_none());
    snap("mock_end", &app);
}

#[test]
fn quitting_a_mock_mid_question_goes_to_the_debrief() {
    let mut app = app(&["idempotency-inflight-duplicate", "mini-cache-ttl"], true);
    answer(&mut app, "Back off and retry.");
    press(&mut app, &[KeyCode::Enter]);
    type_text(&mut app, "half a follow-up answer");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert_eq!(current(&app).0, Phase::Revealed);
    assert!(!app.session().unwrap().editing, "the debrief does not open in the editor");
    let item = app.session().unwrap().round.current().unwrap();
    assert_eq!(item.follow_ups.len(), 1);
    assert_eq!(item.follow_ups[0].answer, "half a follow-up answer");
}

#[test]
fn a_staged_round_runs_stage_by_stage_with_a_hint() {
    let mut app = app(&["design-comments-api"], false);
    type_text(&mut app, "How many reads and writes per second?");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('h')]);
    tick(&mut app, 200);
    snap("stage", &app);
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(current(&app), (Phase::Asking, Step::Stage(1)));
    assert!(app.session().unwrap().editing, "a new stage opens in the editor");
    answer(&mut app, "POST with an Idempotency-Key header.");
    assert_eq!(current(&app).0, Phase::Revealed);
    let item = app.session().unwrap().round.current().unwrap();
    assert_eq!(item.stages.len(), 2);
    assert!(item.stages[0].hint);
    snap("stage_revealed", &app);
}

#[test]
fn a_loop_breaks_between_rounds_and_ends_on_its_scorecard() {
    let bank = bank();
    let lp = bank.loop_by_id("practice-loop").unwrap().clone();
    let start = StartSettings {
        seed: 5,
        interview: Interview { mock: true, follow_ups: 1, confidence: false, ..Interview::default() },
        ..StartSettings::new(Filter::default(), 1, crate::round::DEFAULT_TIMES)
    };
    let mut app = App::looping(bank, Setup::new(Theme::mono()), lp, start);
    answer(&mut app, "Claim the key atomically with a unique constraint first.");
    answer(&mut app, "The lease expires and the retry takes it over.");
    assert_eq!(current(&app).0, Phase::Revealed, "the round's debrief");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.in_loop_break());
    snap("loop_break", &app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(current(&app), (Phase::Asking, Step::Stage(0)), "round 2 starts on its first stage");
    answer(&mut app, "Reads and writes per second?");
    answer(&mut app, "POST with an Idempotency-Key header.");
    answer(&mut app, "");
    press(&mut app, &[KeyCode::Enter]);
    let card = app.scorecard().expect("the scorecard after the last round");
    assert_eq!(card.signals.len(), 2);
    assert!(card.signals.iter().all(|s| s.graded == 1));
    snap("loop_scorecard", &app);
    // Again: the same loop from its first round.
    press(&mut app, &[KeyCode::Char('r')]);
    assert!(app.scorecard().is_none());
    assert_eq!(current(&app), (Phase::Asking, Step::Main));
}

#[test]
fn leaving_a_loop_at_its_break_scores_what_was_run() {
    let bank = bank();
    let lp = bank.loop_by_id("practice-loop").unwrap().clone();
    let start = StartSettings {
        seed: 5,
        interview: Interview { mock: true, follow_ups: 0, confidence: false, ..Interview::default() },
        ..StartSettings::new(Filter::default(), 1, crate::round::DEFAULT_TIMES)
    };
    let mut app = App::looping(bank, Setup::new(Theme::mono()), lp, start);
    answer(&mut app, "Claim the key first.");
    press(&mut app, &[KeyCode::Enter]);
    press(&mut app, &[KeyCode::Char('q')]);
    let card = app.scorecard().expect("a scorecard");
    assert_eq!(card.signals[1].graded, 0);
    assert!(card.reason.contains("Not scored: design."), "{}", card.reason);
    assert!(!app.has_quit(), "the scorecard shows before leaving");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.has_quit());
}

#[test]
fn host_mode_walks_a_friend_through_a_question_and_rates_it() {
    let bank = bank();
    let q = bank.get("idempotency-inflight-duplicate").unwrap().clone();
    let mut app = App::host(bank, Setup::new(Theme::mono()), vec![(q, Duration::from_secs(360))]);
    press(&mut app, &[KeyCode::Char(' '), KeyCode::Char('j'), KeyCode::Char(' '), KeyCode::Char('f')]);
    press(&mut app, &[KeyCode::Char('i')]);
    type_text(&mut app, "Claimed the key first; no word on leases.");
    press(&mut app, &[KeyCode::Esc]);
    tick(&mut app, 200);
    snap("host", &app);
    press(&mut app, &[KeyCode::Char('n')]);
    snap("host_rating", &app);
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Enter]);
    assert!(app.has_quit());
    let h = app.host_state().unwrap();
    assert!(h.finished);
    let sheet = h.run.sheet("built-in", "2026-03-01T10:00:00Z".into());
    assert_eq!(sheet.questions[0].covered, vec![0, 1]);
    assert_eq!(sheet.questions[0].follow_ups_asked.len(), 1);
    assert_eq!(sheet.questions[0].notes, "Claimed the key first; no word on leases.");
    assert_eq!(sheet.questions[0].time_used_ms, 200_000);
    assert_eq!(sheet.verdict, "not yet", "one signal rated 2 of 4");
    insta::assert_snapshot!("host_sheet_markdown", sheet.markdown());
    insta::assert_snapshot!("host_sheet_json", serde_json::to_string_pretty(&sheet).unwrap());
}

#[test]
fn the_home_screen_shows_todays_plan_and_d_starts_it() {
    use crate::tui::app::{HomeData, Today};
    let today = Today {
        summary: "Today: 1 review · 1 new (mini) · mock on Thursday".into(),
        ids: vec!["mini-queue-retry".into(), "mini-cache-ttl".into()],
    };
    let data = HomeData { today: Some(today), ..HomeData::default() };
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 1, data);
    snap("home_with_plan", &app);
    press(&mut app, &[KeyCode::Char('d')]);
    let s = app.session().expect("today's round");
    let ids: Vec<&str> = s.round.items().iter().map(|i| i.question.id.as_str()).collect();
    assert_eq!(ids, ["mini-queue-retry", "mini-cache-ttl"], "in the plan's order");
}

#[test]
fn the_misses_drill_asks_each_missed_point_after_a_round() {
    let mut app = app(&["mini-queue-retry"], false);
    type_text(&mut app, "Retry it.");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Enter]);
    assert!(app.session().unwrap().phase().is_none(), "the round is over");
    press(&mut app, &[KeyCode::Char('m')]);
    type_text(&mut app, "exponential backoff between tries");
    snap("misses_asking", &app);
    press(&mut app, &[KeyCode::Esc, KeyCode::Enter]);
    snap("misses_checked", &app);
    let m = app.misses.as_ref().unwrap();
    assert!(m.drill.checked());
    // Through every miss to the count, then back to the round's end.
    while !app.misses.as_ref().unwrap().drill.finished() {
        press(&mut app, &[KeyCode::Esc, KeyCode::Enter, KeyCode::Enter]);
    }
    assert!(app.misses.as_ref().unwrap().drill.recalled_count() <= app.misses.as_ref().unwrap().drill.len());
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.misses.is_none());
    assert!(app.session().unwrap().phase().is_none(), "back on the end screen");
}
