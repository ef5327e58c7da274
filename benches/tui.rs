//! Interface benchmarks over generated banks: a browser keystroke (filter
//! and re-rank), and `update` + a full render of the round, reveal,
//! browser, loop break, scorecard and host screens on a 200×60
//! `TestBackend`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use drill::tui::action::Action;
use drill::tui::app::{App, Setup, update};
use drill::tui::theme::Theme;
use drill::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn key(c: char) -> Action {
    Action::FilterKey(KeyEvent::from(KeyCode::Char(c)))
}

/// Types `e` or deletes it, so the query alternates between "r" and "re"
/// however criterion batches the iterations.
fn keystroke(app: &mut App) {
    let typed = app.browser_state().is_some_and(|b| b.query.ends_with('e'));
    let action = if typed { Action::FilterKey(KeyEvent::from(KeyCode::Backspace)) } else { key('e') };
    update(app, action);
}

fn round_app(n: usize) -> App {
    let bank = drill::synth::bank(1, n, (n / 100).max(1));
    let questions = bank.questions.iter().take(5).cloned().collect();
    let start = drill::cli::settings::StartSettings {
        seed: 1,
        ..drill::cli::settings::StartSettings::new(Default::default(), 5, drill::round::DEFAULT_TIMES)
    };
    App::round(bank, Setup::new(Theme::dark()), questions, start)
}

/// A loop of two one-question rounds over the bank's first topic, as a
/// practice loop (each round: reveal, grade).
fn loop_app(n: usize) -> App {
    let bank = drill::synth::bank(1, n, (n / 100).max(1));
    let topic = bank.questions[0].topic.clone();
    let round = |title: &str| drill::bank::LoopRound {
        title: title.into(),
        signal: title.into(),
        topic: vec![topic.clone()],
        kind: vec![],
        difficulty: vec![],
        level: vec![],
        count: 1,
        minutes: 30,
        offset: 0,
    };
    let lp = drill::bank::Loop {
        id: "bench".into(),
        title: "Bench".into(),
        summary: "Two rounds.".into(),
        rounds: vec![round("one"), round("two")],
        origin: bank.questions[0].origin,
    };
    let start = drill::cli::settings::StartSettings {
        seed: 1,
        ..drill::cli::settings::StartSettings::new(Default::default(), 1, drill::round::DEFAULT_TIMES)
    };
    App::looping(bank, Setup::new(Theme::dark()), lp, start)
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("tui");
    g.sample_size(30);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for n in [1_000, 10_000] {
        let mut browse = App::browser(drill::synth::bank(1, n, (n / 100).max(1)), Setup::new(Theme::dark()), "");
        update(&mut browse, Action::Filter);
        update(&mut browse, key('r'));
        g.bench_function(BenchmarkId::new("browse_keystroke", n), |b| {
            b.iter(|| {
                keystroke(&mut browse);
                black_box(browse.browser_state().unwrap().results.len())
            })
        });
        g.bench_function(BenchmarkId::new("browse_keystroke_render", n), |b| {
            b.iter(|| {
                keystroke(&mut browse);
                term.draw(|f| views::render(f, &browse)).unwrap();
            })
        });
        // No title or prompt contains "qzx", so this is the fuzzy fallback.
        let mut fuzzy = App::browser(drill::synth::bank(1, n, (n / 100).max(1)), Setup::new(Theme::dark()), "");
        update(&mut fuzzy, Action::Filter);
        for c in "qzx".chars() {
            update(&mut fuzzy, key(c));
        }
        g.bench_function(BenchmarkId::new("browse_keystroke_fuzzy", n), |b| {
            b.iter(|| {
                update(&mut fuzzy, key('q'));
                update(&mut fuzzy, Action::FilterKey(KeyEvent::from(KeyCode::Backspace)));
            })
        });
        let mut asking = round_app(n);
        g.bench_function(BenchmarkId::new("asking_type_render", n), |b| {
            b.iter(|| {
                update(&mut asking, Action::EditorKey(KeyEvent::from(KeyCode::Char('x'))));
                term.draw(|f| views::render(f, &asking)).unwrap();
            })
        });
        let mut revealed = round_app(n);
        update(&mut revealed, Action::Reveal);
        g.bench_function(BenchmarkId::new("reveal_key_render", n), |b| {
            b.iter(|| {
                update(&mut revealed, Action::Down);
                update(&mut revealed, Action::Toggle);
                term.draw(|f| views::render(f, &revealed)).unwrap();
            })
        });
        let mut pause = loop_app(n);
        update(&mut pause, Action::Reveal);
        update(&mut pause, Action::Enter);
        assert!(pause.in_loop_break());
        g.bench_function(BenchmarkId::new("loop_break_key_render", n), |b| {
            b.iter(|| {
                update(&mut pause, Action::ScrollDown);
                term.draw(|f| views::render(f, &pause)).unwrap();
            })
        });
        let mut card = loop_app(n);
        for action in [Action::Reveal, Action::Enter, Action::Enter, Action::Reveal, Action::Enter] {
            update(&mut card, action);
        }
        assert!(card.scorecard().is_some());
        g.bench_function(BenchmarkId::new("scorecard_key_render", n), |b| {
            b.iter(|| {
                update(&mut card, Action::ScrollDown);
                term.draw(|f| views::render(f, &card)).unwrap();
            })
        });
        let bank = drill::synth::bank(1, n, (n / 100).max(1));
        let questions =
            bank.questions.iter().take(3).map(|q| (q.clone(), std::time::Duration::from_secs(240))).collect();
        let mut host = App::host(bank, Setup::new(Theme::dark()), questions);
        g.bench_function(BenchmarkId::new("host_key_render", n), |b| {
            b.iter(|| {
                update(&mut host, Action::Down);
                update(&mut host, Action::Toggle);
                term.draw(|f| views::render(f, &host)).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
