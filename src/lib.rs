//! `drill`: timed mock rounds for backend-engineering interviews.
//!
//! The library holds everything; `main.rs` only parses arguments, calls
//! [`run`] and maps errors to exit codes. The folders are the layers, and
//! dependencies point one way (each module's header says what it may use):
//!
//! ```text
//! text      sanitising, width, wrapping, Markdown-lite      (used by all)
//! disk      atomic file replacement                         (used by all)
//! bank      model, sources, loading, cache, validation, search, filters
//! round     the round state machine, clocks, the seeded draw, score policy
//! history   SQLite store, recorder, migrations, FSRS schedule, stats, due
//! cli       clap structs, the config file, the validated settings
//! output    text output: colours and the prose printer
//! plain     plain mode, line by line          tui   the full-screen interface
//! commands  one file per command, orchestrating the layers above
//! zone      the local time zone, read once
//! ```

pub mod bank;
pub mod cli;
pub mod commands;
pub mod disk;
mod error;
pub mod history;
pub mod output;
pub mod plain;
pub mod round;
#[cfg(any(test, feature = "synth"))]
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod tui;
pub mod zone;

use std::io::{self, Write};

pub use cli::Cli;
use cli::settings::{Environment, Settings};
pub use error::{Error, exit_code, is_broken_pipe, note};

/// Runs `drill` with parsed arguments in the real environment.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let env = Environment::detect(tui::terminal_width);
    let config_path = cli.config.clone().or_else(|| env.config.clone());
    let actions = tui::keymap::action_names();
    let rules = cli::config::KeyRules { actions: &actions, clashes: &tui::keymap::Keymap::clashes };
    let config = cli::config::load(config_path.as_deref(), &rules, &mut io::stderr().lock())?;
    let settings = Settings::new(cli, &env, config);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = commands::dispatch(&settings, &mut out);
    let flushed = out.flush().map_err(anyhow::Error::from);
    result.and(flushed)
}
