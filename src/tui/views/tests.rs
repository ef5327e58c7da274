//! Snapshots of every screen at a fixed size, driven through `update`
//! with a manual clock. `TestBackend` text has no colours, so the mono
//! theme is used.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::bank::{self, Bank, Filter, SourceFile};
use crate::cli::settings::StartSettings;
use crate::tui::action::Action;
use crate::tui::app::{App, HomeData, Setup, update};
use crate::tui::theme::Theme;

pub(crate) fn bank() -> Bank {
    let files = [
        ("tests/fixtures/good/mini.toml", include_str!("../../../tests/fixtures/good/mini.toml")),
        ("tests/fixtures/tui/idempotency.toml", include_str!("../../../tests/fixtures/tui/idempotency.toml")),
    ];
    let sources: Vec<SourceFile> =
        files.iter().map(|(p, t)| SourceFile { path: (*p).into(), bytes: t.as_bytes().to_vec().into() }).collect();
    bank::assemble::load(&sources).bank.expect("fixtures load")
}

/// A two-question round: the full example question, then a short one.
pub(crate) fn round_app() -> App {
    let bank = bank();
    let questions = vec![
        bank.get("idempotency-inflight-duplicate").unwrap().clone(),
        bank.get("mini-queue-retry").unwrap().clone(),
    ];
    let start = StartSettings {
        filter: Filter::default(),
        count: 2,
        time: None,
        level: None,
        seed: 7,
        times: crate::round::DEFAULT_TIMES,
        plain: false,
        due: false,
        ids: Vec::new(),
        cram: false,
        loop_id: None,
        host: None,
        leeches: Vec::new(),
        replay_globals: String::new(),
        interview: Default::default(),
    };
    App::round(bank, Setup::new(Theme::mono()), questions, start)
}

/// Presses keys as the terminal would deliver them.
pub(crate) fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        let ev = KeyEvent::from(*code);
        if let Some(action) = app.keymap.action(app.context(), &ev) {
            update(app, action);
        }
    }
}

/// Types text, one key per character.
pub(crate) fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(|c| if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) }).collect();
    press(app, &keys);
}

fn tick(app: &mut App, secs: u64) {
    let now = app.now + Duration::from_secs(secs);
    update(app, Action::Tick(now));
}

/// The screen as text, for tests elsewhere in the interface.
pub(crate) fn draw_app(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h)
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(f, app)).unwrap();
    t.backend().to_string()
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(100, 30), (60, 18)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
    }
}

#[test]
fn home() {
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 1, HomeData::default());
    press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Char('+'), KeyCode::Char('l'), KeyCode::Char('t')]);
    snap("home", &app);
}

#[test]
fn asking_with_typed_text() {
    let mut app = round_app();
    type_text(&mut app, "Claim the key first with an insert,\nthen answer 409 with Retry-After.");
    tick(&mut app, 95);
    snap("asking", &app);
}

#[test]
fn asking_low_on_time_with_editor_left() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc]);
    tick(&mut app, 300);
    snap("asking_low_time", &app);
}

#[test]
fn paused() {
    let mut app = round_app();
    tick(&mut app, 30);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('p')]);
    tick(&mut app, 500);
    snap("paused", &app);
}

#[test]
fn revealed_at_each_level() {
    for (key, level) in [('1', "junior"), ('2', "mid"), ('3', "senior")] {
        let mut app = round_app();
        type_text(
            &mut app,
            "Claim the key atomically with a unique constraint; a concurrent duplicate gets 409 with Retry-After.",
        );
        tick(&mut app, 150);
        press(&mut app, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Char(key), KeyCode::Down, KeyCode::Char(' ')]);
        snap(&format!("revealed_{level}"), &app);
    }
}

#[test]
fn mistakes_partly_revealed() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r')]);
    // The loop draws between keys; revealing scrolls to what was revealed.
    for key in ['m', 'm', 'f'] {
        draw(&app, 100, 30);
        press(&mut app, &[KeyCode::Char(key)]);
    }
    snap("mistakes_partly", &app);
}

#[test]
fn times_up() {
    let mut app = round_app();
    type_text(&mut app, "Not sure.");
    tick(&mut app, 360);
    tick(&mut app, 25);
    snap("times_up", &app);
}

#[test]
fn end_screen() {
    let mut app = round_app();
    type_text(&mut app, "Insert the key first under a unique constraint.");
    tick(&mut app, 200);
    press(
        &mut app,
        &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Char(' '), KeyCode::Down, KeyCode::Char(' '), KeyCode::Enter],
    );
    tick(&mut app, 20);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s')]);
    snap("end", &app);
}

#[test]
fn browser_with_a_filter() {
    let mut app = App::browser(bank(), Setup::new(Theme::mono()), "");
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "retry");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('3')]);
    snap("browse_filter", &app);
}

#[test]
fn help_overlay() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Char('?')]);
    snap("help", &app);
}

#[test]
fn quit_confirmation() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    snap("confirm_quit", &app);
}

#[test]
fn too_small_notice() {
    let app = round_app();
    insta::assert_snapshot!("too_small_59x17", draw(&app, 59, 17));
    insta::assert_snapshot!("too_small_20x5", draw(&app, 20, 5));
}

fn sample_stats() -> crate::history::Stats {
    use crate::history::calibration::{Calibration, Leaning, Level as CalLevel, TopicCalibration};
    use crate::history::stats::{Day, Stats, TopicStats, WeakQuestion};
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    let days = [0.35, 0.5, 0.45, 0.6, 0.72, 0.68, 0.8]
        .iter()
        .enumerate()
        .map(|(i, s)| Day { day: format!("2026-03-0{}", i + 1), attempts: 3, mean_score: *s })
        .collect();
    Stats {
        rounds: 7,
        attempts: 21,
        skipped: 2,
        mean_score: Some(0.59),
        time_used_ms: 3_600_000,
        time_limit_ms: 5_040_000,
        overtime_rate: Some(0.1),
        streak_days: 4,
        due: 2,
        due_this_week: 5,
        next_due: None,
        topics: vec![
            TopicStats {
                track: "backend".into(),
                topic: "idempotency".into(),
                attempts: 12,
                mean_score: 0.71,
                last_practised: at("2026-03-07T10:00:00Z"),
                readiness: Some(0.86),
            },
            TopicStats {
                track: "testing".into(),
                topic: "mini".into(),
                attempts: 9,
                mean_score: 0.42,
                last_practised: at("2026-03-06T10:00:00Z"),
                readiness: Some(0.61),
            },
        ],
        weakest: vec![WeakQuestion {
            id: "mini-queue-retry".into(),
            title: "Retrying a failed message".into(),
            topic: "mini".into(),
            attempts: 3,
            mean_score: 0.22,
        }],
        days,
        loops: Vec::new(),
        readiness_on_day: None,
        leeches: Vec::new(),
        calibration: Calibration {
            levels: vec![
                CalLevel { confidence: 2, label: "unsure", attempts: 4, mean_score: 0.5 },
                CalLevel { confidence: 4, label: "certain", attempts: 6, mean_score: 0.55 },
            ],
            topics: vec![TopicCalibration {
                topic: "mini".into(),
                attempts: 6,
                expected: 0.89,
                mean_score: 0.45,
                gap: 0.44,
                brier: 0.31,
                leaning: Leaning::OverConfident,
            }],
            self_credited: 3,
            ticked: 24,
            self_credited_share: Some(0.125),
        },
    }
}

#[test]
fn stats_screen() {
    let due = vec!["mini-queue-retry".into(), "mini-cache-ttl".into()];
    let data = HomeData { due, stats: Some(sample_stats()), problem: None, today: None };
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 1, data);
    press(&mut app, &[KeyCode::Char('s')]);
    snap("stats", &app);
    let mut empty = App::home(bank(), Setup::new(Theme::mono()), 1, HomeData::default());
    press(&mut empty, &[KeyCode::Char('s')]);
    insta::assert_snapshot!("stats_empty_60x18", draw(&empty, 60, 18));
}

#[test]
fn home_with_reviews_due_and_a_warning() {
    let data = HomeData {
        due: vec!["mini-queue-retry".into(), "mini-cache-ttl".into()],
        stats: None,
        problem: Some("answers are not being saved: history file `/x/history.db` cannot be written".into()),
        today: None,
    };
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 1, data);
    snap("home_due", &app);
    press(&mut app, &[KeyCode::Char('r')]);
    let s = app.session.as_ref().expect("r starts a review");
    let ids: Vec<&str> = s.round.items().iter().map(|i| i.question.id.as_str()).collect();
    assert_eq!(ids, ["mini-queue-retry", "mini-cache-ttl"], "most overdue first");
    assert!(app.home.due.is_empty());
}

/// Every text field carries escape sequences (CSI, OSC title and clipboard,
/// DCS), C0/C1 controls, a bidi override, zero-width and combining marks,
/// wide emoji, and a 10,000-character word.
fn hostile_bank() -> Bank {
    let long = "x".repeat(10_000);
    let evil = format!(
        r#"A\u001b[31mred\u001b]0;title\u0007\u001b]52;c;Y2xpcA==\u0007\u001bPdcs\u001b\\\u0085\u009b2J\u202eevil\u200b\u0301e\u0301 🚀🚀 宽字符 {long}"#
    );
    let text = include_str!("../../../tests/fixtures/hostile.toml.in").replace("EVIL", &evil);
    bank::assemble::load(&[SourceFile { path: "evil.toml".into(), bytes: text.into_bytes().into() }])
        .bank
        .expect("hostile bank loads")
}

fn assert_safe(app: &App, w: u16, h: u16, what: &str) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(f, app)).unwrap();
    for cell in t.backend().buffer().content() {
        let sym = cell.symbol();
        assert!(
            !sym.chars().any(|c| c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{what} at {w}x{h}: unsafe cell {sym:?}"
        );
    }
}

#[test]
fn hostile_text_is_safe_on_every_screen() {
    let sizes = [(100, 30), (60, 18), (200, 60), (61, 19)];
    let bank = hostile_bank();
    let start = StartSettings {
        filter: Filter::default(),
        count: 1,
        time: None,
        level: None,
        seed: 1,
        times: crate::round::DEFAULT_TIMES,
        plain: false,
        due: false,
        ids: Vec::new(),
        cram: false,
        loop_id: None,
        host: None,
        leeches: Vec::new(),
        replay_globals: String::new(),
        interview: Default::default(),
    };
    let q = bank.questions[0].clone();
    let mut screens: Vec<(&str, App)> = Vec::new();
    screens.push(("home", App::home(bank.clone(), Setup::new(Theme::dark()), 1, HomeData::default())));
    let mut browse = App::browser(bank.clone(), Setup::new(Theme::dark()), "");
    press(&mut browse, &[KeyCode::Char('/')]);
    type_text(&mut browse, "red");
    screens.push(("browse", browse));
    let mut asking = App::round(bank.clone(), Setup::new(Theme::dark()), vec![q.clone()], start.clone());
    type_text(&mut asking, "typed \u{1b}[2J text");
    screens.push(("asking", asking));
    let mut revealed = App::round(bank.clone(), Setup::new(Theme::dark()), vec![q.clone()], start.clone());
    press(&mut revealed, &[KeyCode::Esc, KeyCode::Char('r')]);
    for _ in 0..12 {
        press(&mut revealed, &[KeyCode::Char('m'), KeyCode::Char('f')]);
    }
    screens.push(("revealed", revealed));
    let mut end = App::round(bank, Setup::new(Theme::dark()), vec![q], start);
    press(&mut end, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Enter]);
    screens.push(("end", end));
    for (what, app) in &screens {
        for (w, h) in sizes {
            assert_safe(app, w, h, what);
        }
    }
    let (_, revealed) = &screens[3];
    insta::assert_snapshot!("hostile_revealed_60x18", draw(revealed, 60, 18));
}

/// "1 rounds", "streak 1 days" and "1 matches" were printed before.
#[test]
fn counts_agree_with_their_nouns() {
    let one = crate::history::Stats { rounds: 1, attempts: 1, streak_days: 1, ..sample_stats() };
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 1, HomeData { stats: Some(one), ..HomeData::default() });
    press(&mut app, &[KeyCode::Char('s')]);
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("1 round · 1 attempt · streak 1 day"), "{screen}");
    let mut browse = App::browser(bank(), Setup::new(Theme::mono()), "failed message");
    press(&mut browse, &[KeyCode::Tab]);
    let screen = draw(&browse, 100, 30);
    assert!(screen.contains(" 1 match ·"), "{screen}");
}

/// At 60×18 a long prompt was cut with nothing saying more follows; a cut
/// panel now shows a scrollbar on its border.
#[test]
fn a_cut_panel_shows_that_it_continues() {
    let bank = bank();
    let mut q = bank.get("mini-queue-retry").unwrap().clone();
    q.prompt = "A consumer retries a failed message. ".repeat(30).into();
    let start = StartSettings::new(Filter::default(), 1, crate::round::DEFAULT_TIMES);
    let app = App::round(bank, Setup::new(Theme::mono()), vec![q], start);
    let screen = draw(&app, 60, 18);
    assert!(screen.contains('▼'), "{screen}");
    let short = draw(&round_app(), 100, 30);
    assert!(!short.contains('▼'), "a prompt that fits has no bar:\n{short}");
}

#[test]
fn skipped_answers() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Esc, KeyCode::Char('a')]);
    snap("skipped_answers", &app);
}

/// Each pre-tick shows the answer's words that earned it; a tick the
/// candidate adds shows as their own call.
#[test]
fn ticks_show_their_evidence() {
    let mut app = round_app();
    type_text(&mut app, "Claim the key atomically first with a unique constraint.");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r')]);
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    let ticked = item.covered.iter().position(|c| *c).expect("the claim point is pre-ticked");
    assert!(!item.evidence[ticked].is_empty());
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("“claim … key … atomically"), "{screen}");
    let untick = item.covered.iter().position(|c| !*c).unwrap();
    for _ in 0..untick {
        press(&mut app, &[KeyCode::Down]);
    }
    press(&mut app, &[KeyCode::Char(' ')]);
    assert!(draw(&app, 100, 30).contains("(your call)"));
}

/// A long answer typed as one line wraps in its box, so its start stays
/// in view while the end is typed.
#[test]
fn a_long_answer_wraps_in_the_editor() {
    let mut app = round_app();
    let answer = "first words of a long answer that keeps going well past the width of the box \
                  until it reaches the very last words";
    type_text(&mut app, answer);
    let screen = draw(&app, 60, 18);
    assert!(screen.contains("first words of a long"), "{screen}");
    assert!(screen.contains("very last words"), "{screen}");
}
