//! The real clock, for the binary's rounds. The round engine only sees the
//! [`Clock`] trait, so tests drive it with a manual clock instead.

use std::time::{Duration, Instant};

use crate::round::Clock;

/// Monotonic time, measured from when it was made.
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
    fn it_never_goes_back() {
        let clock = SystemClock::default();
        let a = clock.now();
        assert!(clock.now() >= a);
    }
}
