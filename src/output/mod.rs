//! Text output, the front end of the one-shot commands and plain mode:
//! ANSI styles only when the settings allow them ([`Painter`]), the prose
//! printer ([`prose`]).
//! It uses `bank` and the settings' [`Output`]; never the terminal itself.

pub mod prose;

use crate::cli::settings::Output;

/// Wraps strings in ANSI styles when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    color: bool,
}

impl Painter {
    /// A painter for these output settings.
    pub fn new(output: &Output) -> Painter {
        Painter { color: output.color }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }

    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }

    /// Dimmed, for secondary information.
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }

    /// Section headings.
    pub fn heading(&self, s: &str) -> String {
        self.paint("1;36", s)
    }

    /// Good news (scores, ok).
    pub fn good(&self, s: &str) -> String {
        self.paint("32", s)
    }

    /// Warnings and weak spots.
    pub fn warn(&self, s: &str) -> String {
        self.paint("33", s)
    }

    /// Errors and failures.
    pub fn bad(&self, s: &str) -> String {
        self.paint("31", s)
    }
}
