//! The rules a score follows, in one place: the time a question gets, how
//! an attempt is scored, when a score counts as weak, and where the review
//! grades change. Every layer that scores, stores, schedules or shows a
//! result reads these, so they can never disagree.

use std::time::Duration;

use crate::bank::{Difficulty, Question};

/// The built-in limits per difficulty (easy, medium, hard): 2, 4 and 6
/// minutes, for questions that set none and a config that sets none.
pub const DEFAULT_TIMES: [Duration; 3] = [Duration::from_secs(120), Duration::from_secs(240), Duration::from_secs(360)];

/// The built-in limit for a difficulty.
pub fn default_time(d: Difficulty) -> Duration {
    DEFAULT_TIMES[d as usize]
}

/// The limit a question runs with when nothing overrides it: its own, else
/// its difficulty's.
pub fn time_limit(q: &Question) -> Duration {
    q.time_limit.map_or(default_time(q.difficulty), |t| t.0)
}

/// A score below this is weak: shown in warning colours, named among the
/// weak topics, and graded "hard" at best.
pub const WEAK: f64 = 0.7;

/// Under this share of key points an attempt is graded "again".
pub const AGAIN_BELOW: f64 = 0.4;

/// From this share of key points an attempt is graded "easy".
pub const EASY_FROM: f64 = 0.9;

/// The score of an attempt: the share of key points covered; a skip, or a
/// question without key points, scores nothing.
pub fn score(covered: usize, total: usize, skipped: bool) -> f64 {
    if skipped || total == 0 { 0.0 } else { covered as f64 / total as f64 }
}

/// [`score`] as SQL over the `attempts` columns `covered`, `total` and
/// `skipped`, for sums and averages computed in the database. A macro so
/// that migrations, which are constants, can splice it in with `concat!`.
macro_rules! score_sql {
    () => {
        "(CASE WHEN skipped OR total = 0 THEN 0.0 ELSE covered * 1.0 / total END)"
    };
}
pub(crate) use score_sql;

/// [`score`] as SQL (see [`score_sql!`]).
pub const SCORE_SQL: &str = score_sql!();

/// A follow-up's own time, when the config sets none: 90 seconds.
pub const FOLLOW_UP_TIME: Duration = Duration::from_secs(90);

/// Follow-ups a mock asks per question, unless `--follow-ups` says.
pub const FOLLOW_UPS: usize = 2;

/// A follow-up is "covered" from this share of what it presses on; any
/// less but some is "partly".
pub const FOLLOW_UP_COVERED: f64 = 2.0 / 3.0;

/// A stage whose hint was taken earns at most this share of its points.
pub const HINT_CAP: f64 = 0.5;

/// The most points a stage of `n` points earns once its hint is taken.
pub fn hint_cap(n: usize) -> usize {
    (n as f64 * HINT_CAP).floor() as usize
}

/// The level verdict: answers land at a level when they cover at least
/// this share of that level's points and of every level's below it.
pub const LEVEL_BAR: f64 = 0.6;

/// Calibration: a topic whose mean expected score (from the confidence
/// ratings) is more than this above its mean score is over-confident;
/// more than this below, under-confident.
pub const CALIBRATION_GAP: f64 = 0.15;

/// A rating from this up (fairly sure, certain) is confident: a confident
/// answer that scored weak is the most correctable miss, and review asks
/// it first.
pub const CONFIDENT: u8 = 3;

/// A question missed this many times after learning it (FSRS lapses) is
/// a leech: flagged in stats, and its reveal opens on its mistakes.
pub const LEECH_LAPSES: u32 = 4;

/// Whether a score is weak (below [`WEAK`]).
pub fn is_weak(score: f64) -> bool {
    score < WEAK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_shares_and_skips_score_nothing() {
        assert_eq!(score(3, 4, false), 0.75);
        assert_eq!(score(3, 4, true), 0.0);
        assert_eq!(score(0, 0, false), 0.0);
        assert!(is_weak(score(2, 3, false)));
        assert!(!is_weak(score(7, 10, false)));
    }

    #[test]
    fn a_hint_caps_a_stage_at_half_its_points_rounded_down() {
        assert_eq!(hint_cap(4), 2);
        assert_eq!(hint_cap(3), 1);
        assert_eq!(hint_cap(1), 0);
    }

    #[test]
    fn default_times_follow_difficulty() {
        assert_eq!(default_time(Difficulty::Easy), Duration::from_secs(120));
        assert_eq!(default_time(Difficulty::Hard), Duration::from_secs(360));
    }
}
