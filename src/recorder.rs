//! Saving each graded or skipped question the moment it is done, from plain
//! mode and the interface alike. A history that cannot be opened or written
//! never stops a round: the recorder keeps a warning to show instead.

use std::path::Path;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::bank::Level;
use crate::history::{AttemptRecord, Grade, Store};
use crate::round::Item;

/// Saves attempts to the history, or explains why it cannot.
pub struct Recorder {
    store: Option<Store>,
    round: Option<i64>,
    seed: u64,
    mode: &'static str,
    base_wall: Timestamp,
    base_mono: Duration,
    /// What went wrong, for the user to see; `None` while all is well.
    pub warning: Option<String>,
    /// Attempts saved so far.
    pub saved: usize,
}

impl Recorder {
    /// Opens the history in `dir`. `now` is the wall time matching the
    /// monotonic `mono`, so later monotonic readings map to wall times.
    pub fn open(dir: &Path, now: Timestamp, mono: Duration, seed: u64, mode: &'static str) -> Recorder {
        let (store, warning) = match Store::open(dir) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(format!("answers are not being saved: {e}"))),
        };
        Recorder { store, round: None, seed, mode, base_wall: now, base_mono: mono, warning, saved: 0 }
    }

    /// The wall time at a monotonic reading.
    pub fn wall(&self, mono: Duration) -> Timestamp {
        let since = SignedDuration::try_from(mono.saturating_sub(self.base_mono)).unwrap_or(SignedDuration::ZERO);
        self.base_wall + since
    }

    /// Starts a new round: the next attempt opens a new round row.
    pub fn new_round(&mut self, seed: u64) {
        self.round = None;
        self.seed = seed;
    }

    /// Saves a done item (graded or skipped) at monotonic time `mono`.
    /// Returns the grade, or `None` when it could not be saved (the
    /// warning says why).
    pub fn record(&mut self, item: &Item, level: Level, mono: Duration) -> Option<Grade> {
        let outcome = item.outcome.as_ref()?;
        let store = self.store.as_mut()?;
        let finished_at = self.base_wall
            + SignedDuration::try_from(mono.saturating_sub(self.base_mono)).unwrap_or(SignedDuration::ZERO);
        if self.round.is_none() {
            match store.start_round(finished_at, self.seed, self.mode) {
                Ok(id) => self.round = Some(id),
                Err(e) => {
                    self.warning = Some(format!("this answer was not saved: {e}"));
                    return None;
                }
            }
        }
        let q = &item.question;
        let record = AttemptRecord {
            round_id: self.round,
            question_id: q.id.to_string(),
            track: q.track.to_string(),
            topic: q.topic.to_string(),
            title: q.title.to_string(),
            started_at: finished_at - SignedDuration::try_from(outcome.time_used).unwrap_or(SignedDuration::ZERO),
            finished_at,
            time_used: outcome.time_used,
            time_limit: item.limit,
            level_shown: level,
            covered_points: if outcome.skipped {
                Vec::new()
            } else {
                item.covered.iter().enumerate().filter(|(_, c)| **c).map(|(i, _)| i).collect()
            },
            total: outcome.total,
            answer: item.answer.clone(),
            skipped: outcome.skipped,
            overtime: outcome.overtime,
        };
        match store.record(&record) {
            Ok((grade, _)) => {
                self.saved += 1;
                Some(grade)
            }
            Err(e) => {
                self.warning = Some(format!("this answer was not saved: {e}"));
                None
            }
        }
    }
}
