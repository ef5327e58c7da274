//! The scorecard of a loop: per signal (the rounds that score it), the
//! mean score, the level the answers landed at and the weakest points;
//! then the loop's overall level and a hiring-style recommendation.
//!
//! The recommendation reads the per-signal levels against the level the
//! candidate is aiming at (`--level`, else senior): every signal at the
//! target is "hire"; all but one at the target and none below the level
//! under it is "lean hire"; otherwise "not yet", naming the signals to
//! work on. A signal whose questions were never reached is "not scored".

use serde::Serialize;

use super::item::Item;
use super::verdict::{self, Verdict};
use crate::bank::{Level, Loop};

/// Weakest points named per signal.
pub const WEAKEST_SHOWN: usize = 3;

/// One signal's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalResult {
    /// The signal ("API design").
    pub signal: String,
    /// Titles of the rounds that scored it.
    pub rounds: Vec<String>,
    /// Questions graded for it.
    pub graded: usize,
    /// Mean score of those, 0..1.
    pub mean_score: Option<f64>,
    /// Where the answers landed; `None` when below junior or not scored.
    pub landed: Option<Level>,
    /// The verdict sentence, when scored.
    pub verdict: Option<String>,
    /// Key points missed, the first few.
    pub weakest: Vec<String>,
}

/// The loop's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// The loop's id.
    pub loop_id: String,
    /// Its title.
    pub title: String,
    /// The level aimed at.
    pub target: Level,
    /// Per signal, in the loop's order.
    pub signals: Vec<SignalResult>,
    /// Mean score over every graded question.
    pub mean_score: Option<f64>,
    /// Where the whole loop landed.
    pub landed: Option<Level>,
    /// "hire", "lean hire" or "not yet".
    pub recommendation: &'static str,
    /// One sentence saying why.
    pub reason: String,
}

/// The scorecard of `lp` from each round's items (index `i` is round `i`;
/// rounds not run have no items).
pub fn scorecard(lp: &Loop, rounds: &[Vec<Item>], target: Level) -> Scorecard {
    let mut signals: Vec<(String, Vec<String>, Vec<Item>)> = Vec::new();
    for (i, r) in lp.rounds.iter().enumerate() {
        let items = rounds.get(i).cloned().unwrap_or_default();
        match signals.iter_mut().find(|(s, _, _)| *s == r.signal.as_ref()) {
            Some((_, titles, all)) => {
                titles.push(r.title.to_string());
                all.extend(items);
            }
            None => signals.push((r.signal.to_string(), vec![r.title.to_string()], items)),
        }
    }
    let results: Vec<SignalResult> = signals.into_iter().map(|(s, titles, items)| signal(s, titles, &items)).collect();
    let everything: Vec<Item> = rounds.iter().flatten().cloned().collect();
    let overall = verdict::verdict(&everything);
    let (recommendation, reason) = recommend(&results, target);
    Scorecard {
        loop_id: lp.id.to_string(),
        title: lp.title.to_string(),
        target,
        mean_score: mean(&everything),
        landed: overall.and_then(|v| v.landed),
        signals: results,
        recommendation,
        reason,
    }
}

fn mean(items: &[Item]) -> Option<f64> {
    let scores: Vec<f64> = items.iter().filter_map(|i| i.outcome.as_ref()).map(|o| o.score()).collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

fn signal(signal: String, rounds: Vec<String>, items: &[Item]) -> SignalResult {
    let v: Option<Verdict> = verdict::verdict(items);
    let mut weakest = Vec::new();
    for item in items.iter().filter(|i| i.outcome.is_some()) {
        let skipped = item.outcome.as_ref().is_some_and(|o| o.skipped);
        for ((_, p), c) in item.points().into_iter().zip(&item.covered) {
            if (skipped || !c) && weakest.len() < WEAKEST_SHOWN && !weakest.iter().any(|w: &String| *w == *p.point) {
                weakest.push(p.point.to_string());
            }
        }
    }
    SignalResult {
        signal,
        rounds,
        graded: items.iter().filter(|i| i.outcome.is_some()).count(),
        mean_score: mean(items),
        landed: v.as_ref().and_then(|v| v.landed),
        verdict: v.map(|v| v.sentence()),
        weakest,
    }
}

/// The recommendation from the per-signal levels against `target`.
fn recommend(signals: &[SignalResult], target: Level) -> (&'static str, String) {
    let below = |l: Option<Level>, bar: Level| l.is_none_or(|l| l < bar);
    let short: Vec<&str> = signals.iter().filter(|s| below(s.landed, target)).map(|s| s.signal.as_str()).collect();
    let unscored: Vec<&str> = signals.iter().filter(|s| s.graded == 0).map(|s| s.signal.as_str()).collect();
    if signals.is_empty() || unscored.len() == signals.len() {
        return ("not yet", "Nothing was graded: answer at least one round to be scored.".to_string());
    }
    if short.is_empty() {
        return ("hire", format!("Every signal landed at {target} or above."));
    }
    let floor = match target {
        Level::Senior => Level::Mid,
        _ => Level::Junior,
    };
    let far: Vec<&str> = signals.iter().filter(|s| below(s.landed, floor)).map(|s| s.signal.as_str()).collect();
    if short.len() == 1 && far.is_empty() {
        return ("lean hire", format!("All but {} landed at {target}; nothing fell below {floor}.", short[0]));
    }
    let mut reason = format!("Below {target} on {}.", short.join(", "));
    if !unscored.is_empty() {
        reason.push_str(&format!(" Not scored: {}.", unscored.join(", ")));
    }
    ("not yet", reason)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::bank::model::Origin;
    use crate::bank::{KeyPoint, LoopRound};
    use crate::round::Outcome;

    fn round(title: &str, signal: &str) -> LoopRound {
        LoopRound {
            title: title.into(),
            signal: signal.into(),
            topic: vec![],
            kind: vec![],
            difficulty: vec![],
            level: vec![],
            count: 1,
            minutes: 30,
            offset: 0,
        }
    }

    fn the_loop() -> Loop {
        Loop {
            id: "onsite".into(),
            title: "Onsite".into(),
            summary: "Three rounds.".into(),
            rounds: vec![round("API", "API design"), round("SQL", "data"), round("More API", "API design")],
            origin: Origin { file: 0, offset: 0 },
        }
    }

    /// A graded item with a junior, a mid and two senior points, the first
    /// `covered` of them ticked: 4 lands senior, 2 or 3 mid, 1 junior.
    fn item(covered: usize) -> Item {
        let mut q = crate::bank::model::sample_question(0);
        q.key_points = [Level::Junior, Level::Mid, Level::Senior, Level::Senior]
            .iter()
            .enumerate()
            .map(|(i, l)| KeyPoint::plain(format!("{l} point {i}"), *l))
            .collect();
        let mut item = Item::new(q, Duration::from_secs(60));
        item.covered = (0..4).map(|i| i < covered).collect();
        item.outcome = Some(Outcome { covered, total: 4, time_used: Duration::ZERO, overtime: false, skipped: false });
        item
    }

    #[test]
    fn signals_group_their_rounds_and_land_on_their_own() {
        let card = scorecard(&the_loop(), &[vec![item(4)], vec![item(2)], vec![item(4)]], Level::Senior);
        assert_eq!(card.signals.len(), 2);
        assert_eq!(card.signals[0].rounds, ["API", "More API"]);
        assert_eq!(card.signals[0].graded, 2);
        assert_eq!(card.signals[0].landed, Some(Level::Senior));
        assert_eq!(card.signals[1].landed, Some(Level::Mid));
        assert_eq!(card.signals[1].weakest, ["senior point 2", "senior point 3"]);
        assert_eq!(
            (card.recommendation, card.reason.as_str()),
            ("lean hire", "All but data landed at senior; nothing fell below mid.")
        );
    }

    #[test]
    fn every_signal_at_the_target_is_a_hire_and_far_below_is_not_yet() {
        let card = scorecard(&the_loop(), &[vec![item(2)], vec![item(2)], vec![]], Level::Mid);
        assert_eq!(card.recommendation, "hire");
        let card = scorecard(&the_loop(), &[vec![item(4)], vec![item(1)], vec![]], Level::Senior);
        assert_eq!(card.recommendation, "not yet");
        assert_eq!(card.reason, "Below senior on data.");
    }

    #[test]
    fn a_loop_left_early_is_not_scored_where_it_was_not_run() {
        let card = scorecard(&the_loop(), &[vec![item(4)]], Level::Senior);
        assert_eq!(card.signals[1].graded, 0);
        assert_eq!(card.signals[1].mean_score, None);
        assert_eq!(card.recommendation, "not yet");
        assert!(card.reason.contains("Not scored: data."), "{}", card.reason);
        let nothing = scorecard(&the_loop(), &[], Level::Senior);
        assert!(nothing.reason.starts_with("Nothing was graded"));
    }
}
