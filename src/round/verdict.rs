//! The level verdict of a mock: at which level the answers landed, and
//! what the next level needed.
//!
//! The rule: every key point carries a level. Over the questions graded
//! (a skipped question counts every point missed; one never reached does
//! not count), take for each level the points at that level or below. The
//! answers land at the highest level where that share, and the share of
//! every level below it, is at least [`policy::LEVEL_BAR`]. A level with
//! no points of its own is passed over. What the next level needed is its
//! own points that were missed.

use super::item::Item;
use super::policy;
use crate::bank::Level;

/// Points missed at the next level that the verdict names at most.
pub const NEEDS_SHOWN: usize = 3;

/// Where a mock's answers landed.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The highest level reached; `None` when even junior was not.
    pub landed: Option<Level>,
    /// Per level (junior, mid, senior): points covered and points in all,
    /// counting that level and those below it.
    pub shares: [(usize, usize); 3],
    /// The first level above the one landed that has points, with its
    /// points that were missed (each once, in the order asked); `None` at
    /// the top.
    pub next: Option<(Level, Vec<String>)>,
}

impl Verdict {
    /// One sentence: "Answered at mid. For senior, add: a; b."
    pub fn sentence(&self) -> String {
        let head = match (self.landed, &self.next) {
            (Some(level), _) => format!("Answered at {level}."),
            (None, Some((level, _))) => format!("Not yet at {level}."),
            (None, None) => "Not yet at junior.".to_string(),
        };
        match &self.next {
            Some((level, needs)) if !needs.is_empty() && self.landed.is_none() => {
                let shown: Vec<&str> = needs.iter().take(NEEDS_SHOWN).map(String::as_str).collect();
                let more = needs.len().saturating_sub(NEEDS_SHOWN);
                let tail = if more > 0 { format!("; and {more} more") } else { String::new() };
                format!("{head} To reach {level}, add: {}{tail}.", shown.join("; "))
            }
            Some((level, needs)) if !needs.is_empty() => {
                let shown: Vec<&str> = needs.iter().take(NEEDS_SHOWN).map(String::as_str).collect();
                let more = needs.len().saturating_sub(NEEDS_SHOWN);
                let tail = if more > 0 { format!("; and {more} more") } else { String::new() };
                format!("{head} For {level}, add: {}{tail}.", shown.join("; "))
            }
            _ => head,
        }
    }
}

/// The verdict over `items`, or `None` when nothing was graded.
pub fn verdict(items: &[Item]) -> Option<Verdict> {
    // (level, covered, point) over every graded point.
    let mut points: Vec<(Level, bool, &str)> = Vec::new();
    for item in items {
        let Some(outcome) = &item.outcome else { continue };
        for ((_, p), c) in item.points().into_iter().zip(&item.covered) {
            points.push((p.level, *c && !outcome.skipped, &p.point));
        }
    }
    if points.is_empty() {
        return None;
    }
    let mut shares = [(0, 0); 3];
    for (i, level) in Level::ALL.iter().enumerate() {
        let within: Vec<_> = points.iter().filter(|(l, _, _)| l <= level).collect();
        shares[i] = (within.iter().filter(|(_, c, _)| *c).count(), within.len());
    }
    let mut landed = None;
    for (i, level) in Level::ALL.iter().enumerate() {
        let own = points.iter().any(|(l, _, _)| l == level);
        if !own {
            continue;
        }
        let (covered, total) = shares[i];
        if (covered as f64) < policy::LEVEL_BAR * total as f64 {
            break;
        }
        landed = Some(*level);
    }
    // The next level is the first above the one landed that has points.
    let above = |l: &Level| landed.is_none_or(|landed| *l > landed);
    let next_level = Level::ALL.iter().copied().find(|l| above(l) && points.iter().any(|(p, _, _)| p == l));
    let next = next_level.map(|level| {
        let mut needs: Vec<String> = Vec::new();
        for (l, c, p) in &points {
            if *l == level && !c && !needs.iter().any(|n| n == p) {
                needs.push((*p).to_string());
            }
        }
        (level, needs)
    });
    Some(Verdict { landed, shares, next })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::bank::KeyPoint;
    use crate::round::Outcome;

    /// A graded item whose points have `levels`, with `covered` ticked.
    fn item(levels: &[Level], covered: &[bool]) -> Item {
        let mut q = crate::bank::model::sample_question(0);
        q.key_points = levels.iter().enumerate().map(|(i, l)| KeyPoint::plain(format!("{l} point {i}"), *l)).collect();
        let mut item = Item::new(q, Duration::from_secs(60));
        item.covered = covered.to_vec();
        let n = covered.iter().filter(|c| **c).count();
        item.outcome = Some(Outcome {
            covered: n,
            total: covered.len(),
            time_used: Duration::ZERO,
            overtime: false,
            skipped: false,
        });
        item
    }

    use Level::{Junior as J, Mid as M, Senior as S};

    #[test]
    fn lands_at_the_highest_level_whose_share_and_every_lower_share_reach_the_bar() {
        // Junior 2/2, mid-and-below 4/5 (0.8), senior-and-below 4/7.
        let i = item(&[J, J, M, M, M, S, S], &[true, true, true, true, false, false, false]);
        let v = verdict(&[i]).unwrap();
        assert_eq!(v.landed, Some(M));
        assert_eq!(v.shares, [(2, 2), (4, 5), (4, 7)]);
        assert_eq!(v.next, Some((S, vec!["senior point 5".to_string(), "senior point 6".to_string()])));
        assert_eq!(v.sentence(), "Answered at mid. For senior, add: senior point 5; senior point 6.");
    }

    #[test]
    fn the_bar_is_inclusive_at_sixty_percent() {
        // Mid and below: 3 of 5 is exactly 0.6.
        let at = item(&[J, J, M, M, M], &[true, true, true, false, false]);
        assert_eq!(verdict(&[at]).unwrap().landed, Some(M));
        // 2 of 5 (junior 1 of 2 is 0.5) stays below junior.
        let below = item(&[J, J, M, M, M], &[true, false, true, false, false]);
        assert_eq!(verdict(&[below]).unwrap().landed, None);
    }

    #[test]
    fn a_high_level_cannot_be_reached_past_a_missed_lower_one() {
        // Every senior point, no junior point: junior 0/2 fails first.
        let i = item(&[J, J, S, S, S, S], &[false, false, true, true, true, true]);
        let v = verdict(&[i]).unwrap();
        assert_eq!(v.landed, None);
        assert_eq!(v.sentence(), "Not yet at junior. To reach junior, add: junior point 0; junior point 1.");
    }

    #[test]
    fn a_level_without_points_is_passed_over() {
        // No junior points: mid 2/3 lands mid; senior 2/4 does not.
        let i = item(&[M, M, M, S], &[true, true, false, false]);
        assert_eq!(verdict(&[i]).unwrap().landed, Some(M));
    }

    #[test]
    fn senior_is_the_top_and_names_nothing_next() {
        let i = item(&[J, M, S], &[true, true, true]);
        let v = verdict(&[i]).unwrap();
        assert_eq!(v.landed, Some(S));
        assert_eq!(v.next, None);
        assert_eq!(v.sentence(), "Answered at senior.");
    }

    #[test]
    fn skips_count_as_missed_and_unreached_questions_do_not_count() {
        let good = item(&[J, M], &[true, true]);
        let mut skipped = item(&[J, M], &[true, true]);
        skipped.outcome.as_mut().unwrap().skipped = true;
        let mut unreached = item(&[J, M], &[false, false]);
        unreached.outcome = None;
        let v = verdict(&[good, skipped, unreached]).unwrap();
        assert_eq!(v.shares[1], (2, 4));
        assert_eq!(verdict(&[item(&[J], &[false])][..0]), None);
    }

    #[test]
    fn long_lists_of_needs_are_cut_with_a_count() {
        let i = item(&[J, M, S, S, S, S, S], &[true, true, false, false, false, false, false]);
        let v = verdict(&[i]).unwrap();
        assert!(v.sentence().ends_with("; and 2 more."), "{}", v.sentence());
    }
}
