//! Time for the round engine. The engine never reads a clock itself: it is
//! handed `now` values from a [`Clock`], so tests drive time by hand.

use std::cell::Cell;
use std::time::Duration;

/// A monotonic clock: time elapsed since some fixed start.
pub trait Clock {
    /// The current time since the clock's start.
    fn now(&self) -> Duration;
}

/// A clock that moves only when told to; for tests and replays.
#[derive(Debug, Default)]
pub struct ManualClock {
    now: Cell<Duration>,
}

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }

    /// Moves the clock forward by whole seconds.
    pub fn advance_secs(&self, secs: u64) {
        self.advance(Duration::from_secs(secs));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        self.now.get()
    }
}
