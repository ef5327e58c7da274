//! The full-screen front end's entry points: starting the interface for `drill`, `drill start` and
//! `drill browse`, saving what is graded as it happens, and what is printed
//! once it ends.

use std::time::Duration;

use jiff::Timestamp;

use crate::Error;
use crate::bank::Bank;
use crate::cli::settings::{Settings, StartSettings};
use crate::history::recorder::Recorder;
use crate::history::select::{self, Choice};
use crate::history::{Scope, Store, query, stats};
use crate::round::Clock;
use crate::round::clock::SystemClock;
use crate::tui::{self, app::App};

fn theme(settings: &Settings) -> tui::theme::Theme {
    tui::theme(settings.tui_color, settings.config.theme)
}

/// Runs `app`, saving every graded or skipped question the moment it is
/// done; a failure to save shows as a warning and the round goes on.
fn run(app: App, settings: &Settings, now: Timestamp) -> anyhow::Result<App> {
    let clock = SystemClock::default();
    let mut recorder = Recorder::open(&settings.data_dir, now, clock.now(), 0, "tui");
    let mut seen: (u64, usize) = (0, 0);
    let mut after = |app: &mut App, mono: Duration| {
        if let Some(s) = &app.session {
            if s.serial != seen.0 {
                seen = (s.serial, 0);
                recorder.new_round(s.start.seed);
            }
            while seen.1 < s.graded.len() {
                let done = &s.round.items()[seen.1];
                recorder.record(done, s.graded[seen.1].level, mono);
                seen.1 += 1;
            }
        }
        app.warning = recorder.warning.clone();
    };
    let result = tui::run(app, &clock, &mut after);
    // Also after a signal: the terminal is back, so the message is seen.
    if let Some(lost) = recorder.finish() {
        crate::note(format_args!("drill: error: {lost}"));
    }
    result.map(|mut app| {
        app.warning = app.warning.filter(|_| recorder.unsaved() == 0);
        app
    })
}

/// `drill start` on a terminal: a timed round in the interface.
pub fn round(bank: Bank, start: &StartSettings, settings: &Settings) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let questions: Vec<_> = match select::choose(&bank, start.draw(), &settings.data_dir, now)? {
        Choice::Questions(q) => q.into_iter().cloned().collect(),
        Choice::NothingDue(message) => {
            println!("{message}");
            return Ok(());
        }
    };
    let app = App::with_round(bank, theme(settings), questions, start.clone()).with_config(&settings.config);
    let app = run(app, settings, now)?;
    if let Some(s) = &app.session {
        let summary = s.round.summary();
        if let Some(mean) = summary.mean_score {
            let graded = summary.items.len() - summary.not_attempted;
            crate::note(format_args!(
                "drill: round done · {} over {graded} of {} questions · replay: {}",
                crate::output::percent(mean),
                summary.items.len(),
                start.replay_command()
            ));
        }
    }
    if let Some(warning) = &app.warning {
        crate::note(format_args!("drill: warning: {warning}"));
    }
    Ok(())
}

/// `drill` with no command on a terminal: the home screen, with the due
/// questions and the stats read from the history.
pub fn home(bank: Bank, settings: &Settings) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let seed = rand::random::<u64>();
    let mut app = App::new(bank, theme(settings), seed).with_config(&settings.config);
    if settings.data_dir.join(crate::history::store::FILE).exists() {
        match Store::open(&settings.data_dir) {
            Ok(store) => {
                let bank = &app.bank;
                let due = query::due(&store, now, |id| bank.get(id).is_some()).unwrap_or_default();
                let s = stats::stats(&store, &Scope::default(), now, |id| bank.get(id).is_some()).ok();
                app.due = due.into_iter().map(|(id, _)| id).collect();
                app.stats = s;
            }
            Err(e) => app.warning = Some(format!("history unavailable: {e}")),
        }
    }
    let app = run(app, settings, now)?;
    if let Some(warning) = &app.warning {
        crate::note(format_args!("drill: warning: {warning}"));
    }
    Ok(())
}

/// `drill browse [QUERY]`.
pub fn browse(bank: Bank, query: &str, settings: &Settings) -> anyhow::Result<()> {
    if !settings.interactive {
        return Err(Error::NeedsTerminal("browse", "use `drill search QUERY` and `drill show ID` in scripts").into());
    }
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let app = App::with_browser(bank, theme(settings), query).with_config(&settings.config);
    run(app, settings, now)?;
    Ok(())
}
