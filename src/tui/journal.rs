//! The one way the interface hands over what was graded: a [`Journal`].
//! The binary's journal saves to the history as each question is graded;
//! tests and benchmarks use [`NoJournal`]. `update` calls it, so nothing
//! outside the interface reaches into its state to save answers.

use std::time::Duration;

use crate::bank::Level;
use crate::round::Item;

/// Where graded and skipped questions go.
pub trait Journal {
    /// A new round starts, drawn with `seed`; a cram round leaves the
    /// review schedule alone.
    fn new_round(&mut self, seed: u64, cram: bool);
    /// A loop starts: its rounds are kept as one run.
    fn begin_loop(&mut self, _id: &str, _title: &str) {}
    /// A round of a loop starts, drawn with `seed`, scoring `signal`.
    fn loop_round(&mut self, seed: u64, signal: &str) {
        let _ = signal;
        self.new_round(seed, false);
    }
    /// The loop is over, with this scorecard, at monotonic time `mono`.
    fn finish_loop(&mut self, _card: &crate::round::scorecard::Scorecard, _mono: Duration) {}
    /// A question was graded or skipped with `level`'s answer on screen,
    /// at monotonic time `mono`.
    fn record(&mut self, item: &Item, level: Level, mono: Duration);
    /// A problem to show, such as answers not being saved.
    fn warning(&self) -> Option<String>;
}

/// Keeps nothing: for tests and benchmarks.
#[derive(Debug, Default)]
pub struct NoJournal;

impl Journal for NoJournal {
    fn new_round(&mut self, _seed: u64, _cram: bool) {}
    fn record(&mut self, _item: &Item, _level: Level, _mono: Duration) {}
    fn warning(&self) -> Option<String> {
        None
    }
}
