//! Time for the round engine. The engine never reads a clock itself: it is
//! handed `now` values from a [`Clock`], so tests drive time by hand with
//! [`ManualClock`] and the binary uses [`SystemClock`].

use std::cell::Cell;
use std::time::{Duration, Instant};

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

/// Monotonic time, measured from when it was made: the binary's clock.
#[derive(Debug)]
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_clock_never_goes_back() {
        let clock = SystemClock::default();
        let a = clock.now();
        assert!(clock.now() >= a);
    }

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = ManualClock::new();
        assert_eq!(clock.now(), Duration::ZERO);
        clock.advance_secs(3);
        assert_eq!(clock.now(), Duration::from_secs(3));
    }
}
