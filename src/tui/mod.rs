//! Everything that touches the terminal directly. Nothing outside this
//! module imports ratatui or crossterm.
//!
//! The loop: draw from `&App`, wait for a key or the next tick, turn the
//! key into an [`action::Action`] through the keymap, apply it with
//! [`app::update`]. The terminal is restored on every exit path: normal
//! return, error, panic (ratatui's hook), SIGTERM, SIGHUP and SIGINT.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::round::Clock;

/// The terminal's width in columns, when it can be read.
pub fn terminal_width() -> Option<u16> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| w).filter(|w| *w > 0)
}

pub mod action;
pub mod app;
pub mod browse;
pub mod keymap;
pub mod markdown;
pub mod session;
pub mod theme;
pub mod views;

/// How often the countdown is redrawn without input.
const TICK: Duration = Duration::from_millis(200);

/// Restores the terminal when dropped, whatever the exit path.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the interface until the user leaves; returns the final state so
/// the caller can report on it. `after` runs after every change (it saves
/// graded answers), with the monotonic time.
pub fn run(
    mut app: app::App,
    clock: &dyn Clock,
    after: &mut dyn FnMut(&mut app::App, Duration),
) -> anyhow::Result<app::App> {
    // Each signal sets its own flag, so the exit code can name it.
    // SIGINT too: Ctrl-C is a key in raw mode, but `kill -INT` still comes.
    let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT];
    let flags: Vec<Arc<AtomicBool>> = signals.iter().map(|_| Arc::new(AtomicBool::new(false))).collect();
    for (signal, flag) in signals.iter().zip(&flags) {
        signal_hook::flag::register(*signal, Arc::clone(flag))?;
    }
    let stopped = || signals.iter().zip(&flags).find(|(_, f)| f.load(Ordering::Relaxed)).map(|(s, _)| *s);
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    app::update(&mut app, action::Action::Tick(clock.now()));
    while !app.quit && stopped().is_none() {
        terminal.draw(|frame| views::render(frame, &app))?;
        if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app::update(&mut app, action::Action::Tick(clock.now()));
                    if let Some(action) = app.keymap.action(app.context(), &key) {
                        app::update(&mut app, action);
                        after(&mut app, clock.now());
                    }
                }
                _ => {}
            }
        }
        app::update(&mut app, action::Action::Tick(clock.now()));
        after(&mut app, clock.now());
    }
    drop(_restore);
    match stopped() {
        Some(signal) => Err(crate::Error::Signal(signal).into()),
        None => Ok(app),
    }
}

/// The palette: the config's, or none at all with `NO_COLOR`.
pub fn theme(color: bool, name: crate::config::ThemeName) -> theme::Theme {
    match (color, name) {
        (false, _) => theme::Theme::mono(),
        (true, crate::config::ThemeName::Dark) => theme::Theme::dark(),
        (true, crate::config::ThemeName::Light) => theme::Theme::light(),
    }
}
