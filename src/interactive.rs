//! Starting the full-screen interface for `drill`, `drill start` and
//! `drill browse`, and what is printed once it ends.

use crate::Error;
use crate::bank::Bank;
use crate::plain::{self, SystemClock};
use crate::settings::{Settings, StartSettings};
use crate::tui::{self, app::App};

/// `drill start` on a terminal: a timed round in the interface.
pub fn round(bank: Bank, start: &StartSettings, settings: &Settings) -> anyhow::Result<()> {
    let questions: Vec<_> = plain::select(&bank, start)?.into_iter().cloned().collect();
    let app = App::with_round(bank, theme(settings), questions, start.clone()).with_config(&settings.config);
    let app = tui::run(app, &SystemClock::default())?;
    if let Some(s) = &app.session {
        let summary = s.round.summary();
        if let Some(mean) = summary.mean_score {
            let graded = summary.items.len() - summary.not_attempted;
            eprintln!(
                "drill: round done · {} over {graded} of {} questions · replay: {}",
                crate::output::percent(mean),
                summary.items.len(),
                plain::replay_command(start)
            );
        }
    }
    Ok(())
}

/// `drill` with no command on a terminal: the home screen.
pub fn home(bank: Bank, settings: &Settings) -> anyhow::Result<()> {
    let seed = rand::random::<u64>();
    tui::run(App::new(bank, theme(settings), seed).with_config(&settings.config), &SystemClock::default())?;
    Ok(())
}

/// `drill browse [QUERY]`.
pub fn browse(bank: Bank, query: &str, settings: &Settings) -> anyhow::Result<()> {
    if !settings.interactive {
        return Err(Error::NeedsTerminal("browse", "use `drill search QUERY` and `drill show ID` in scripts").into());
    }
    let app = App::with_browser(bank, theme(settings), query).with_config(&settings.config);
    tui::run(app, &SystemClock::default())?;
    Ok(())
}

fn theme(settings: &Settings) -> tui::theme::Theme {
    tui::theme(settings.tui_color, settings.config.theme)
}
