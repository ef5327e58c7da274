//! Spaced review with FSRS: a graded attempt becomes an again / hard /
//! good / easy rating, and the rating moves the question's memory state
//! and its next due time. Pure: `now` is always passed in.

use crate::round::policy;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// The retention FSRS schedules for: a question comes back when the
/// chance of still answering it well has fallen to this.
pub const DESIRED_RETENTION: f32 = 0.9;

/// FSRS's four ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// Forgotten or skipped.
    Again,
    /// Recalled with serious gaps.
    Hard,
    /// Recalled.
    Good,
    /// Recalled completely.
    Easy,
}

impl Grade {
    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Grade> {
        [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy].into_iter().find(|g| g.as_str() == s)
    }

    /// The grade for an attempt: from the share of key points covered
    /// (under 40% again, under 70% hard, under 90% good, else easy), one
    /// step lower for overtime; a skip is always again.
    pub fn from_attempt(covered: usize, total: usize, overtime: bool, skipped: bool) -> Grade {
        if skipped {
            return Grade::Again;
        }
        let share = policy::score(covered, total, false);
        let grade = if share < policy::AGAIN_BELOW {
            Grade::Again
        } else if policy::is_weak(share) {
            Grade::Hard
        } else if share < policy::EASY_FROM {
            Grade::Good
        } else {
            Grade::Easy
        };
        if overtime { grade.lower() } else { grade }
    }

    fn lower(self) -> Grade {
        match self {
            Grade::Easy => Grade::Good,
            Grade::Good => Grade::Hard,
            Grade::Hard | Grade::Again => Grade::Again,
        }
    }
}

/// A question's review state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReviewState {
    /// FSRS stability, in days.
    pub stability: f32,
    /// FSRS difficulty, 1..10.
    pub difficulty: f32,
    /// When it was last graded.
    pub last_review: Timestamp,
    /// When it is due again.
    pub due: Timestamp,
    /// Times graded.
    pub reps: u32,
    /// Times graded `again` after the first.
    pub lapses: u32,
}

fn fsrs() -> fsrs::FSRS {
    fsrs::FSRS::default()
}

/// The state after grading at `now`, from the previous state (if any).
pub fn next(previous: Option<&ReviewState>, grade: Grade, now: Timestamp) -> ReviewState {
    let memory = previous.map(|p| fsrs::MemoryState { stability: p.stability, difficulty: p.difficulty });
    let days = previous.map_or(0, |p| (now.duration_since(p.last_review).as_secs().max(0) / 86_400) as u32);
    let item = fsrs()
        .next_states(memory, DESIRED_RETENTION, days)
        .map(|states| match grade {
            Grade::Again => states.again,
            Grade::Hard => states.hard,
            Grade::Good => states.good,
            Grade::Easy => states.easy,
        })
        .unwrap_or(fsrs::ItemState { memory: fsrs::MemoryState { stability: 0.5, difficulty: 5.0 }, interval: 0.5 });
    // FSRS's interval is in days; at least ten minutes, at most ten years.
    let secs = (f64::from(item.interval) * 86_400.0).clamp(600.0, 3_650.0 * 86_400.0);
    ReviewState {
        stability: item.memory.stability,
        difficulty: item.memory.difficulty,
        last_review: now,
        due: now + SignedDuration::from_secs(secs as i64),
        reps: previous.map_or(0, |p| p.reps) + 1,
        lapses: previous.map_or(0, |p| p.lapses) + u32::from(previous.is_some() && grade == Grade::Again),
    }
}

/// The chance of answering well at `now`: FSRS retrievability, 0..1.
pub fn retrievability(state: &ReviewState, now: Timestamp) -> f64 {
    let days = now.duration_since(state.last_review).as_secs_f64().max(0.0) / 86_400.0;
    let memory = fsrs::MemoryState { stability: state.stability, difficulty: state.difficulty };
    f64::from(fsrs::current_retrievability(memory, days as f32, fsrs::FSRS6_DEFAULT_DECAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn grades_from_key_points_and_overtime() {
        assert_eq!(Grade::from_attempt(1, 5, false, false), Grade::Again);
        assert_eq!(Grade::from_attempt(2, 5, false, false), Grade::Hard);
        assert_eq!(Grade::from_attempt(4, 5, false, false), Grade::Good);
        assert_eq!(Grade::from_attempt(5, 5, false, false), Grade::Easy);
        assert_eq!(Grade::from_attempt(5, 5, true, false), Grade::Good, "overtime lowers one step");
        assert_eq!(Grade::from_attempt(2, 5, true, false), Grade::Again);
        assert_eq!(Grade::from_attempt(0, 5, true, false), Grade::Again);
        assert_eq!(Grade::from_attempt(5, 5, false, true), Grade::Again, "a skip is again");
    }

    #[test]
    fn again_comes_back_before_easy() {
        let now = at("2026-01-10T09:00:00Z");
        let again = next(None, Grade::Again, now);
        let hard = next(None, Grade::Hard, now);
        let easy = next(None, Grade::Easy, now);
        assert!(again.due < hard.due && hard.due < easy.due, "{again:?} {hard:?} {easy:?}");
        assert!(again.due.duration_since(now) < SignedDuration::from_hours(24));
        assert!(easy.due.duration_since(now) > SignedDuration::from_hours(24 * 3));
    }

    #[test]
    fn repeated_success_spaces_reviews_out() {
        let mut now = at("2026-01-01T00:00:00Z");
        let mut state = next(None, Grade::Good, now);
        let mut last_gap = SignedDuration::ZERO;
        for _ in 0..4 {
            now = state.due;
            let previous = state;
            state = next(Some(&previous), Grade::Good, now);
            let gap = state.due.duration_since(now);
            assert!(gap > last_gap, "gaps grow: {gap:?} after {last_gap:?}");
            last_gap = gap;
        }
        assert_eq!(state.reps, 5);
        assert_eq!(state.lapses, 0);
        let lapsed = next(Some(&state), Grade::Again, now);
        assert_eq!(lapsed.lapses, 1);
        assert!(lapsed.due.duration_since(now) < last_gap);
    }

    #[test]
    fn retrievability_falls_with_time() {
        let now = at("2026-01-01T00:00:00Z");
        let state = next(None, Grade::Good, now);
        let soon = retrievability(&state, now + SignedDuration::from_hours(1));
        let later = retrievability(&state, now + SignedDuration::from_hours(24 * 30));
        assert!(soon > 0.95 && later < soon, "{soon} {later}");
        let at_due = retrievability(&state, state.due);
        assert!((at_due - f64::from(DESIRED_RETENTION)).abs() < 0.02, "due when retention reaches 90%: {at_due}");
    }
}
