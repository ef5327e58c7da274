//! The errors that reach the user, and how they map to exit codes.

use std::io::{self, Write};

use crate::text::plural;

impl Error {
    /// No question has `id`: the nearest id, or how to search for one.
    pub fn unknown_id(bank: &crate::bank::Bank, id: &str) -> Error {
        let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        let hint = match crate::bank::diag::nearest(id, &ids) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => format!("; `drill search {}` finds questions by words", crate::text::sanitize_line(id)),
        };
        Error::UnknownId { id: crate::text::sanitize_line(id), hint }
    }
}

impl Error {
    /// No loop has `id`: the nearest id, or the command that lists them.
    pub fn unknown_loop(bank: &crate::bank::Bank, id: &str) -> Error {
        let ids: Vec<&str> = bank.loops.iter().map(|l| l.id.as_str()).collect();
        let hint = match crate::bank::diag::nearest(id, &ids) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => "; `drill loops` lists them".to_string(),
        };
        Error::UnknownLoop { id: crate::text::sanitize_line(id), hint }
    }
}

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
    Source(#[from] crate::bank::source::SourceError),
    /// No question has this id.
    #[error("no question has the id `{id}`{hint}")]
    UnknownId {
        /// The id asked for.
        id: String,
        /// A suggestion, starting with "; ".
        hint: String,
    },
    /// No loop has this id.
    #[error("no loop has the id `{id}`{hint}")]
    UnknownLoop {
        /// The id asked for.
        id: String,
        /// A suggestion, starting with "; ".
        hint: String,
    },
    /// A feedback sheet that cannot be imported.
    #[error("{path}: {reason}")]
    BadSheet {
        /// The file.
        path: String,
        /// What is wrong and what to do.
        reason: String,
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
    /// Answers could not be saved; they were printed for the user to keep.
    #[error("{count} {} could not be saved to the history; {} printed above", plural(*count, "answer", "answers"), plural(*count, "it is", "they are"))]
    Unsaved {
        /// How many.
        count: usize,
    },
    /// No bank at all.
    #[error("no bank loaded: --no-builtin was given without --bank; add --bank PATH")]
    NoBank,
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
