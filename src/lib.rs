//! `drill`: timed mock rounds for backend-engineering interviews.
//!
//! The library holds everything; `main.rs` only parses arguments, calls
//! [`run`] and maps errors to exit codes. Dependencies point one way:
//! `bank` and `round` are pure; `commands`, `plain` and `tui` sit on top.

pub mod bank;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod history;
mod interactive;
pub mod output;
pub mod plain;
pub mod recorder;
pub mod round;
pub mod select;
pub mod settings;
#[doc(hidden)]
pub mod synth;
pub mod system_clock;
pub mod text;
pub mod tui;

use std::io::{self, Write};
use std::mem::ManuallyDrop;

pub use cli::Cli;
use settings::{Action, Environment, Settings};

/// Errors that mean bad input (exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bank did not validate; its diagnostics were printed already.
    #[error("{errors} {} in {files} bank {}; fix {} and run `drill validate` again", plural(*errors, "error", "errors"), plural(*files, "file", "files"), plural(*errors, "it", "them"))]
    BankInvalid {
        /// Number of errors.
        errors: usize,
        /// Number of files with errors.
        files: usize,
    },
    /// A bank path could not be read.
    #[error(transparent)]
    Source(#[from] bank::source::SourceError),
    /// No question has this id.
    #[error("no question has the id `{id}`{hint}")]
    UnknownId {
        /// The id asked for.
        id: String,
        /// A suggestion, starting with "; ".
        hint: String,
    },
    /// The filters matched nothing.
    #[error("{0}")]
    EmptySelection(String),
    /// `--strict` found content-rule warnings.
    #[error("{count} content {} in strict mode; fix {} (each names its rule in brackets)", plural(*.count, "warning", "warnings"), plural(*.count, "it", "them"))]
    Strict {
        /// Number of warnings.
        count: usize,
    },
    /// An interactive command without a terminal.
    #[error("`drill {0}` needs a terminal; {1}")]
    NeedsTerminal(&'static str, &'static str),
    /// A signal (SIGTERM, SIGHUP, SIGINT) or a hang-up ended the interface.
    #[error("stopped by signal {0}; the terminal was restored and graded answers were kept")]
    Signal(i32),
    /// No bank at all.
    #[error("no bank loaded: --no-builtin was given without --bank; add --bank PATH")]
    NoBank,
}

pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Whether an error (anywhere in its chain) is a closed pipe, which is how
/// `drill list | head` ends and is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

/// The process exit code for an error: 128 + the signal number for a
/// signal (as shells report it), 0 for a closed pipe, 1 for the rest.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if is_broken_pipe(err) {
        return 0;
    }
    match err.downcast_ref::<Error>() {
        Some(Error::Signal(n)) => 128u8.saturating_add(*n as u8),
        _ => 1,
    }
}

/// Writes a line to stderr, ignoring failure: when the terminal is gone
/// there is nowhere to report to, and `eprintln!` would panic instead.
pub fn note(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// Runs `drill` with parsed arguments in the real environment.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let config = config::load(cli.config.as_deref(), &mut io::stderr().lock())?;
    let settings = Settings::new(cli, &Environment::detect(), config);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = dispatch(&settings, &mut out);
    let flushed = out.flush().map_err(anyhow::Error::from);
    result.and(flushed)
}

fn dispatch(settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match &settings.action {
        Action::Help => commands::help(out),
        Action::Completions(shell) => commands::completions(*shell, out),
        Action::Man => commands::man(out),
        Action::Validate { paths, strict } => commands::validate::run(settings, paths, *strict, out),
        // Stats need only which questions exist, not their text.
        Action::Stats { scope, format } => {
            let ids = ManuallyDrop::new(commands::bank_ids(settings)?);
            commands::history::stats(&|id| ids.contains(id), scope, *format, settings, out)
        }
        action => {
            // One-shot commands exit right after; freeing thousands of
            // strings first would cost more than the command itself.
            let bank = ManuallyDrop::new(commands::load_bank(settings)?);
            match action {
                Action::Start(start) if start.plain => plain::start(&bank, start, settings, out),
                Action::Start(start) => interactive::round(ManuallyDrop::into_inner(bank), start, settings),
                Action::Home => interactive::home(ManuallyDrop::into_inner(bank), settings),
                Action::Browse(query) => interactive::browse(ManuallyDrop::into_inner(bank), query, settings),
                Action::Topics(format) => commands::listing::topics(&bank, *format, &settings.output, out),
                Action::List(filter, format) => commands::listing::list(&bank, filter, *format, &settings.output, out),
                Action::Search { query, filter, limit, format } => {
                    commands::listing::search(&bank, query, filter, *limit, *format, &settings.output, out)
                }
                Action::Show { id, levels, format } => {
                    commands::show::run(&bank, id, levels, *format, &settings.output, out)
                }
                Action::Export { format, out: path, filter } => {
                    commands::export::run(&bank, *format, path.as_deref(), filter, out)
                }
                Action::History { scope, limit, clear, yes, format } => {
                    commands::history::history(&bank, scope, *limit, (*clear, *yes), *format, settings, out)
                }
                Action::Help
                | Action::Completions(_)
                | Action::Man
                | Action::Validate { .. }
                | Action::Stats { .. } => {
                    unreachable!("handled above")
                }
            }
        }
    }
}
