//! `update` driven by keys and a manual clock.

use std::time::Duration;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::theme::Theme;
use crate::tui::views::tests::{bank, press, round_app, type_text};

fn tick(app: &mut App, secs: u64) {
    let now = app.now + Duration::from_secs(secs);
    update(app, Action::Tick(now));
}

#[test]
fn quitting_mid_round_asks_first_and_keeps_graded() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Char('x'), KeyCode::Enter]);
    assert_eq!(app.session.as_ref().unwrap().graded.len(), 1);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(!app.quit);
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(app.overlay, None);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(app.quit, "a round started by `drill start` quits the program");
    assert_eq!(app.session.as_ref().unwrap().graded[0].outcome.covered, 1);
}

#[test]
fn the_clock_stops_while_asking_to_quit() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    tick(&mut app, 10_000);
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    assert_eq!(item.phase, Phase::Asking, "time ran out behind the dialog");
}

#[test]
fn a_finished_round_leaves_without_asking() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Esc, KeyCode::Char('s')]);
    assert_eq!(app.context(), Context::End);
    press(&mut app, &[KeyCode::Char('r')]);
    assert_eq!(app.context(), Context::Editor, "r starts the same round again");
    assert_eq!(app.session.as_ref().unwrap().round.current().unwrap().question.id, "idempotency-inflight-duplicate");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Esc, KeyCode::Char('s'), KeyCode::Enter]);
    assert!(app.quit);
}

#[test]
fn typed_answers_are_kept_and_pre_tick_points() {
    let mut app = round_app();
    type_text(&mut app, "Use a unique constraint to claim the key atomically first");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r')]);
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    assert_eq!(item.answer, "Use a unique constraint to claim the key atomically first");
    assert!(item.covered[1], "the atomic-claim point is pre-ticked");
}

#[test]
fn level_tabs_follow_keys_and_arrows() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r')]);
    assert_eq!(app.session.as_ref().unwrap().level, Level::Senior, "starts at the question's level");
    press(&mut app, &[KeyCode::Char('1')]);
    assert_eq!(app.session.as_ref().unwrap().level, Level::Junior);
    press(&mut app, &[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    assert_eq!(app.session.as_ref().unwrap().level, Level::Senior);
    press(&mut app, &[KeyCode::Left]);
    assert_eq!(app.session.as_ref().unwrap().level, Level::Mid);
}

#[test]
fn mistakes_and_follow_ups_reveal_one_step_at_a_time() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r')]);
    for _ in 0..20 {
        press(&mut app, &[KeyCode::Char('m'), KeyCode::Char('f')]);
    }
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.mistake_steps, 9, "three mistakes, three steps each");
    assert_eq!(s.follow_ups, 2);
}

#[test]
fn home_settings_and_start() {
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 3, HomeData::default());
    press(&mut app, &[KeyCode::Char('-'); 10]);
    assert_eq!(app.home.count, 1);
    press(&mut app, &[KeyCode::Char('l'), KeyCode::Char('t'), KeyCode::Char('t')]);
    assert_eq!(app.home.level, Some(Level::Junior));
    assert_eq!(TIME_CHOICES[app.home.time], Some(240));
    press(&mut app, &[KeyCode::Char('G'), KeyCode::Enter]);
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.round.len(), 1);
    assert_eq!(s.round.current().unwrap().limit, Duration::from_secs(240));
    assert_eq!(s.level, Level::Junior);
    assert_eq!(s.round.current().unwrap().question.topic, "mini", "the last row is the mini topic");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Enter]);
    assert_eq!(app.screen, Screen::Home, "leaving a round started at home goes home");
    assert!(!app.quit);
}

#[test]
fn slash_on_home_searches_in_the_browser() {
    let mut app = App::home(bank(), Setup::new(Theme::mono()), 3, HomeData::default());
    press(&mut app, &[KeyCode::Char('/')]);
    assert_eq!(app.context(), Context::Filter);
    type_text(&mut app, "lost");
    assert_eq!(app.browser_state().unwrap().results.len(), 1);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert_eq!(app.screen, Screen::Home, "the browser opened from home returns there");
}

#[test]
fn the_browser_filters_on_every_keystroke_and_starts_a_round() {
    let mut app = App::browser(bank(), Setup::new(Theme::mono()), "");
    assert_eq!(app.browser_state().unwrap().results.len(), 4);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "lo");
    let after_two = app.browser_state().unwrap().results.len();
    type_text(&mut app, "st");
    assert_eq!(app.browser_state().unwrap().results.len(), 1);
    assert!(after_two >= 1);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.context(), Context::Browse);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen, Screen::Round);
    assert_eq!(app.session.as_ref().unwrap().round.len(), 1);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Enter]);
    assert_eq!(app.screen, Screen::Browse, "a round from the browser returns to it");
    press(&mut app, &[KeyCode::Char('D'), KeyCode::Char('D'), KeyCode::Char('D')]);
    assert_eq!(app.browser_state().unwrap().difficulty, Some(Difficulty::Hard));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit, "`drill browse` ends when the browser is left");
}

/// Every key the app knows, plus some it does not.
fn any_key() -> impl Strategy<Value = KeyEvent> {
    let codes = vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::Backspace,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::F(5),
    ];
    prop_oneof![
        proptest::sample::select(codes).prop_map(KeyEvent::from),
        proptest::sample::select("qrpsimfx 123jkgG/?DLKlbt+-yn".chars().collect::<Vec<_>>())
            .prop_map(|c| KeyEvent::from(KeyCode::Char(c))),
        any::<char>().prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Tick(u64),
    Draw(u16, u16),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => any_key().prop_map(Step::Key),
        2 => (0u64..400).prop_map(Step::Tick),
        1 => (1u16..130, 1u16..50).prop_map(|(w, h)| Step::Draw(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn no_key_sequence_panics_or_breaks_the_round(start in 0usize..3, steps in proptest::collection::vec(any_step(), 1..120)) {
        let mut app = match start {
            0 => round_app(),
            1 => App::home(bank(), Setup::new(Theme::dark()), 9, HomeData::default()),
            _ => App::browser(bank(), Setup::new(Theme::light()), "re"),
        };
        let mut graded_before: Vec<crate::tui::session::Graded> = Vec::new();
        for step in steps {
            match step {
                Step::Key(key) => {
                    if let Some(action) = app.keymap.action(app.context(), &key) {
                        update(&mut app, action);
                    }
                }
                Step::Tick(secs) => {
                    let now = app.now + Duration::from_secs(secs);
                    update(&mut app, Action::Tick(now));
                }
                Step::Draw(w, h) => {
                    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                    t.draw(|f| crate::tui::views::render(f, &app)).unwrap();
                }
            }
            if let Some(s) = &app.session {
                // Graded attempts never change; new ones are only appended.
                if s.graded.len() >= graded_before.len() {
                    prop_assert_eq!(&s.graded[..graded_before.len()], &graded_before[..]);
                }
                graded_before = s.graded.clone();
                if let Some(item) = s.round.current() {
                    prop_assert!(item.elapsed(app.now) <= app.now, "time used exceeds time passed");
                }
                for (item, g) in s.round.items().iter().filter(|i| i.outcome.is_some()).zip(&s.graded) {
                    prop_assert_eq!(item.outcome.as_ref(), Some(&g.outcome));
                }
            } else {
                graded_before.clear();
            }
            if app.quit {
                break;
            }
        }
    }
}

/// A journal that remembers what it was handed.
#[derive(Clone, Default)]
struct Kept(std::rc::Rc<std::cell::RefCell<Vec<String>>>);

impl crate::tui::journal::Journal for Kept {
    fn new_round(&mut self, seed: u64, _cram: bool) {
        self.0.borrow_mut().push(format!("round {seed}"));
    }
    fn record(&mut self, item: &crate::round::Item, level: Level, _mono: Duration) {
        self.0.borrow_mut().push(format!("{} at {level}", item.question.id));
    }
    fn warning(&self) -> Option<String> {
        self.0.borrow().last().filter(|l| l.starts_with("mini")).map(|l| format!("kept {l}"))
    }
}

#[test]
fn every_graded_question_reaches_the_journal_as_it_is_graded() {
    let kept = Kept::default();
    let mut app = round_app();
    let start = app.session.as_ref().unwrap().start.clone();
    let questions = app.session.as_ref().unwrap().round.items().iter().map(|i| i.question.clone()).collect();
    let setup =
        crate::tui::app::Setup { journal: Box::new(kept.clone()), ..crate::tui::app::Setup::new(Theme::mono()) };
    app = App::round(bank(), setup, questions, start);
    assert_eq!(*kept.0.borrow(), ["round 7"]);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('r'), KeyCode::Enter]);
    assert_eq!(kept.0.borrow().len(), 2, "saved the moment it was graded");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s')]);
    assert_eq!(
        *kept.0.borrow(),
        ["round 7", "idempotency-inflight-duplicate at senior", "mini-queue-retry at mid"],
        "a skip is journaled too"
    );
    assert_eq!(app.warning().as_deref(), Some("kept mini-queue-retry at mid"), "the journal's warning shows");
    press(&mut app, &[KeyCode::Char('r')]);
    assert_eq!(kept.0.borrow().last().map(String::as_str), Some("round 7"), "the same round again is a new round");
}

/// Typing across the end of the clock: the words that follow stay words.
/// ("query" used to reach the reveal screen as `q`, then `y` confirmed
/// leaving, and the answer was lost; spaces ticked key points.)
#[test]
fn typing_when_the_time_runs_out_never_becomes_commands() {
    let mut app = round_app();
    type_text(&mut app, "claim the key first");
    tick(&mut app, 10_000);
    assert_eq!(app.session.as_ref().unwrap().phase(), Some(Phase::Revealed), "time is up");
    assert_eq!(app.context(), Context::Editor, "the editor keeps focus");
    type_text(&mut app, " then query yes");
    assert!(!app.quit && app.overlay.is_none(), "no key became a command");
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    assert_eq!(item.answer, "claim the key first then query yes", "nothing typed is dropped");
    assert!(item.overtime);
    let ticked_before = item.covered.iter().filter(|c| **c).count();
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.context(), Context::Revealed);
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    assert!(item.covered.iter().filter(|c| **c).count() >= ticked_before, "ticks are only ever added");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.session.as_ref().unwrap().graded[0].outcome.overtime);
}

/// A 200 KB paste used to take over a minute of CPU, key by key; it is one
/// action now, inserted whole.
#[test]
fn a_paste_lands_whole_in_one_step() {
    let mut app = round_app();
    let text = "idempotency key claimed first\n".repeat(7_000);
    update(&mut app, Action::Paste(text.clone()));
    tick(&mut app, 1);
    let item = app.session.as_ref().unwrap().round.current().unwrap();
    assert_eq!(item.answer, text.trim_end());
    let mut browse = App::browser(bank(), crate::tui::app::Setup::new(Theme::mono()), "");
    press(&mut browse, &[KeyCode::Char('/')]);
    update(&mut browse, Action::Paste("failed message\nsecond line".into()));
    assert_eq!(browse.browse.as_ref().unwrap().query, "failed message", "one line of a paste filters");
}

/// A skipped question's answers were never shown; now `a` shows them,
/// with the next question's clock stopped, and the end screen has them too.
#[test]
fn a_skipped_question_can_still_be_read() {
    let mut app = round_app();
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Esc]);
    let remaining = |app: &App| app.session.as_ref().unwrap().round.current().unwrap().remaining(app.now);
    let before = remaining(&app);
    press(&mut app, &[KeyCode::Char('a')]);
    assert_eq!(app.overlay, Some(Overlay::Skipped));
    tick(&mut app, 30);
    assert_eq!(remaining(&app), before, "reading the skipped answers costs no time");
    let screen = crate::tui::views::tests::draw_app(&app, 100, 30);
    assert!(screen.contains("A retry arrives while the first request is still running"), "{screen}");
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.context(), Context::Asking);
    tick(&mut app, 5);
    assert!(remaining(&app) < before, "the clock runs again");
    press(&mut app, &[KeyCode::Char('s')]);
    assert_eq!(app.context(), Context::End);
    press(&mut app, &[KeyCode::Char('a')]);
    assert_eq!(app.overlay, Some(Overlay::Skipped), "the end screen shows them too");
}
