//! Everything that touches the terminal directly. Nothing outside this
//! module imports ratatui or crossterm.
//!
//! The loop: draw from `&App`, wait for a key or the next tick, turn the
//! key into an [`action::Action`] through the keymap, apply it with
//! [`app::update`]. The terminal is restored on every exit path: normal
//! return, error, panic (ratatui's hook), SIGTERM, SIGHUP and SIGINT.
//!
//! Keys are read on a thread of their own. When the terminal goes away
//! (its window closed), crossterm's reader never returns and spins; the
//! loop, waiting on a channel instead, notices the hang-up within a tick
//! and exits, which ends the reader too.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::round::Clock;

/// The terminal's width in columns, when it can be read.
pub fn terminal_width() -> Option<u16> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| w).filter(|w| *w > 0)
}

/// A text editor for answers and notes: words wrap at the box's edge (a
/// long word breaks where it must), so the whole answer stays in view.
pub(crate) fn editor(placeholder: &str) -> ratatui_textarea::TextArea<'static> {
    let mut t = ratatui_textarea::TextArea::default();
    t.set_placeholder_text(placeholder);
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t
}

pub mod action;
pub mod app;
pub mod browse;
pub mod host;
pub mod journal;
pub mod keymap;
pub mod launch;
pub mod looping;
pub mod markdown;
pub mod misses;
pub mod session;
pub mod theme;
pub mod views;

/// How often the countdown is redrawn without input.
const TICK: Duration = Duration::from_millis(200);
/// Most queued events applied between two draws.
const MAX_BATCH: usize = 512;

/// Restores the terminal when dropped, whatever the exit path.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::DisableBracketedPaste);
        // Not `ratatui::restore`: it reports failure with `eprintln!`, which
        // panics when the terminal is gone.
        let _ = ratatui::try_restore();
    }
}

/// Runs the interface until the user leaves; returns the final state so
/// the caller can report on it. (What is graded is saved as it happens,
/// by the app's journal.)
pub fn run(mut app: app::App, clock: &dyn Clock) -> anyhow::Result<app::App> {
    // Each signal sets its own flag, so the exit code can name it.
    // SIGINT too: Ctrl-C is a key in raw mode, but `kill -INT` still comes;
    // and the others whose default would end the process with the
    // alternate screen still on.
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1};
    let signals = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM];
    let flags: Vec<Arc<AtomicBool>> = signals.iter().map(|_| Arc::new(AtomicBool::new(false))).collect();
    let any = Arc::new(AtomicBool::new(false));
    for (signal, flag) in signals.iter().zip(&flags) {
        // A second signal, while the first is still waiting for the loop
        // (a draw stuck on a terminal that stopped reading), ends the
        // process at once: the screen is put back from the handler, then
        // it exits with 128 + the signal, as a shell reports it.
        emergency_exit_on_second(*signal, Arc::clone(&any))?;
        signal_hook::flag::register(*signal, Arc::clone(&any))?;
        signal_hook::flag::register(*signal, Arc::clone(flag))?;
    }
    let stopped = || signals.iter().zip(&flags).find(|(_, f)| f.load(Ordering::Relaxed)).map(|(s, _)| *s);
    // Ctrl-z (or `kill -TSTP`): the terminal is put back before stopping,
    // and taken again, redrawn, once the shell resumes us.
    let suspend = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::EnableBracketedPaste);
    let events = spawn_reader();
    app::update(&mut app, action::Action::Tick(clock.now()));
    let mut hung_up = false;
    while !app.has_quit() && stopped().is_none() {
        if terminal_gone() {
            hung_up = true;
            break;
        }
        if let Err(err) = terminal.draw(|frame| views::render(frame, &app)) {
            // Writing fails first when the window closes mid-draw.
            if terminal_gone() {
                hung_up = true;
                break;
            }
            return Err(err.into());
        }
        let first = match events.recv_timeout(TICK) {
            Ok(event) => Some(event),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            // The reader ended: input is gone for good.
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                hung_up = true;
                break;
            }
        };
        // Everything already typed (a paste, fast typing) is applied before
        // the next draw, so the screen never lags behind the keyboard.
        for event in first.into_iter().chain(std::iter::from_fn(|| events.try_recv().ok()).take(MAX_BATCH)) {
            let action = match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.action_for(&key),
                // A paste arrives whole and is inserted in one step.
                Event::Paste(text) => Some(action::Action::Paste(text)),
                _ => None,
            };
            // Behind the "terminal too small" notice nothing can be seen,
            // so only leaving, help and suspending act.
            use action::Action as A;
            let hidden = terminal.size().is_ok_and(|s| !views::fits(s.width, s.height));
            let action =
                action.filter(|a| !hidden || matches!(a, A::Quit | A::ConfirmQuit | A::Cancel | A::Help | A::Suspend));
            match action {
                Some(action::Action::Suspend) => suspend.store(true, Ordering::Relaxed),
                Some(action) => {
                    app::update(&mut app, action::Action::Tick(clock.now()));
                    app::update(&mut app, action);
                }
                None => {}
            }
        }
        if suspend.swap(false, Ordering::Relaxed) {
            suspend_until_resumed(&mut terminal)?;
        }
        app::update(&mut app, action::Action::Tick(clock.now()));
    }
    if hung_up || terminal_gone() {
        // Dropping the terminal shows the cursor and reports failure with
        // `eprintln!`, which panics on a dead terminal: nothing to restore.
        std::mem::forget(terminal);
    }
    drop(_restore);
    match stopped() {
        Some(signal) => Err(crate::Error::Signal(signal).into()),
        None if hung_up => Err(crate::Error::Signal(signal_hook::consts::SIGHUP).into()),
        None => Ok(app),
    }
}

/// Puts the terminal back, stops the process as the shell expects of
/// Ctrl-z, and once resumed (`fg`) takes the terminal again and redraws it
/// whole.
fn suspend_until_resumed(terminal: &mut ratatui::DefaultTerminal) -> anyhow::Result<()> {
    use ratatui::crossterm::{event::DisableBracketedPaste, event::EnableBracketedPaste, execute};
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = terminal.show_cursor();
    let _ = ratatui::try_restore();
    // The default action of SIGTSTP: stop here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // A new terminal has empty buffers, so the next draw is whole. (Not
    // `Terminal::clear`: it asks the terminal for the cursor position,
    // and the key reader thread would take the answer.)
    *terminal = ratatui::try_init()?;
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    Ok(())
}

/// Leaves the alternate screen, shows the cursor and turns mouse and paste
/// modes off: bytes a signal handler may write, since it cannot lock the
/// terminal or allocate.
const EMERGENCY_RESTORE: &[u8] = b"\x1b[?1049l\x1b[?25h\x1b[?2004l\x1b[0m\r\n";

/// Registers, for `signal`, an exit that fires when `pending` is already
/// set (an earlier signal not yet acted on): the conditional-shutdown
/// pattern of signal-hook, with the screen put back first.
fn emergency_exit_on_second(signal: i32, pending: Arc<AtomicBool>) -> std::io::Result<()> {
    #[cfg(unix)]
    let saved = rustix::termios::tcgetattr(rustix::stdio::stdin()).ok();
    let action = move || {
        if pending.load(Ordering::SeqCst) {
            // Only async-signal-safe calls: tcflush(3), write(2), tcsetattr(3),
            // _exit(2). Output the terminal has not taken yet is dropped, so
            // the restoring bytes fit even when a draw is stuck on a full
            // buffer.
            #[cfg(unix)]
            {
                let _ = rustix::termios::tcflush(rustix::stdio::stdout(), rustix::termios::QueueSelector::OFlush);
                let _ = rustix::io::write(rustix::stdio::stdout(), EMERGENCY_RESTORE);
                if let Some(termios) = &saved {
                    let _ = rustix::termios::tcsetattr(
                        rustix::stdio::stdin(),
                        rustix::termios::OptionalActions::Now,
                        termios,
                    );
                }
            }
            signal_hook::low_level::exit(128 + signal);
        }
    };
    // SAFETY: the action only reads an atomic and makes the async-signal-safe
    // calls listed above; it allocates nothing and takes no lock.
    unsafe { signal_hook::low_level::register(signal, action) }.map(|_| ())
}

/// Reads terminal events on their own thread, so a reader stuck on a dead
/// terminal never holds up the loop.
fn spawn_reader() -> mpsc::Receiver<Event> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    rx
}

/// Whether the terminal has hung up (its window closed): standard input
/// reports a hang-up or an error.
#[cfg(unix)]
fn terminal_gone() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    let now = Timespec { tv_sec: 0, tv_nsec: 0 };
    match rustix::event::poll(&mut fds, Some(&now)) {
        Ok(_) => fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => false,
    }
}

#[cfg(not(unix))]
fn terminal_gone() -> bool {
    false
}

/// The palette: the config's, or none at all with `NO_COLOR`.
pub fn theme(color: bool, name: crate::cli::config::ThemeName) -> theme::Theme {
    match (color, name) {
        (false, _) => theme::Theme::mono(),
        (true, crate::cli::config::ThemeName::Dark) => theme::Theme::dark(),
        (true, crate::cli::config::ThemeName::Light) => theme::Theme::light(),
    }
}
