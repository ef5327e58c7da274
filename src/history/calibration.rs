//! Calibration: how well the confidence rated before the reveal predicts
//! the score, per confidence level and per topic, and how much of the
//! credit was given by hand without the grader finding it in the answer.
//!
//! A rating of 1-4 expects a score of 0, 1/3, 2/3 or 1. Per topic the gap
//! is the mean expected score minus the mean score (over-confident when it
//! is above [`policy::CALIBRATION_GAP`], under-confident below its
//! negative), and the Brier score is the mean squared difference between
//! the two (0 is perfect, 1 is always certain and always wrong).

use serde::Serialize;

use super::query::Scope;
use super::store::{Store, StoreError};
use crate::round::Confidence;
use crate::round::policy::{self, SCORE_SQL};

/// Attempts rated at one confidence level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    /// 1-4.
    pub confidence: u8,
    /// "no idea" … "certain".
    pub label: &'static str,
    /// Rated attempts.
    pub attempts: u64,
    /// Their mean score, 0..1.
    pub mean_score: f64,
}

/// Whether a topic's ratings run ahead of its scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Leaning {
    /// Sure more often than right.
    OverConfident,
    /// Right more often than sure.
    UnderConfident,
    /// Within the gap.
    Calibrated,
}

impl Leaning {
    /// Its words.
    pub fn as_str(self) -> &'static str {
        match self {
            Leaning::OverConfident => "over-confident",
            Leaning::UnderConfident => "under-confident",
            Leaning::Calibrated => "calibrated",
        }
    }

    /// The leaning of a gap (expected minus scored).
    pub fn of(gap: f64) -> Leaning {
        if gap > policy::CALIBRATION_GAP {
            Leaning::OverConfident
        } else if gap < -policy::CALIBRATION_GAP {
            Leaning::UnderConfident
        } else {
            Leaning::Calibrated
        }
    }
}

/// One topic's calibration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicCalibration {
    /// Topic.
    pub topic: String,
    /// Rated attempts.
    pub attempts: u64,
    /// Mean score the ratings expected, 0..1.
    pub expected: f64,
    /// Mean score, 0..1.
    pub mean_score: f64,
    /// Expected minus scored.
    pub gap: f64,
    /// Mean squared difference of expected and scored.
    pub brier: f64,
    /// Over, under or calibrated.
    pub leaning: Leaning,
}

/// Calibration over the attempts in scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Calibration {
    /// Per confidence level with rated attempts, 1 to 4.
    pub levels: Vec<Level>,
    /// Per topic with rated attempts, the widest gap first.
    pub topics: Vec<TopicCalibration>,
    /// Key points ticked by hand without evidence in the answer.
    pub self_credited: u64,
    /// Key points ticked in all.
    pub ticked: u64,
    /// `self_credited / ticked`, when anything was ticked.
    pub self_credited_share: Option<f64>,
}

/// Reads the calibration of the attempts in `scope`, given the key points
/// credited by hand and ticked in all there (which the stats scan sums).
pub fn calibration(store: &Store, scope: &Scope, (own, ticked): (u64, u64)) -> Result<Calibration, StoreError> {
    let (cond, args) = scope.sql();
    let run = || -> rusqlite::Result<Calibration> {
        let conn = store.conn();
        // (confidence, topic) groups; the Brier sum needs each attempt's
        // expected score, which is (confidence - 1) / 3.
        let sql = format!(
            "SELECT confidence, topic, COUNT(*), SUM({SCORE_SQL}),
                SUM(((confidence - 1) / 3.0 - {SCORE_SQL}) * ((confidence - 1) / 3.0 - {SCORE_SQL}))
             FROM attempts INDEXED BY attempts_rated WHERE confidence IS NOT NULL AND {cond} GROUP BY 1, 2"
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut levels = [(0u64, 0.0f64); 4];
        // topic -> (attempts, expected sum, score sum, brier sum)
        let mut topics: Vec<(String, u64, f64, f64, f64)> = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(c) = r.get::<_, i64>(0).ok().and_then(|c| u8::try_from(c).ok()).and_then(Confidence::new) else {
                continue;
            };
            let topic: String = r.get(1)?;
            let n = r.get::<_, i64>(2)?.max(0) as u64;
            let (score, brier): (f64, f64) = (r.get(3)?, r.get(4)?);
            let slot = &mut levels[usize::from(c.get() - 1)];
            slot.0 += n;
            slot.1 += score;
            let at = match topics.iter().position(|t| t.0 == topic) {
                Some(i) => i,
                None => {
                    topics.push((crate::text::sanitize_line(&topic), 0, 0.0, 0.0, 0.0));
                    topics.len() - 1
                }
            };
            let t = &mut topics[at];
            t.1 += n;
            t.2 += c.expected() * n as f64;
            t.3 += score;
            t.4 += brier;
        }
        let levels = levels
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| *n > 0)
            .map(|(i, (n, score))| Level {
                confidence: i as u8 + 1,
                label: Confidence::LABELS[i],
                attempts: *n,
                mean_score: score / *n as f64,
            })
            .collect();
        let mut topics: Vec<TopicCalibration> = topics
            .into_iter()
            .map(|(topic, n, expected, score, brier)| {
                let (expected, mean_score) = (expected / n as f64, score / n as f64);
                TopicCalibration {
                    topic,
                    attempts: n,
                    expected,
                    mean_score,
                    gap: expected - mean_score,
                    brier: brier / n as f64,
                    leaning: Leaning::of(expected - mean_score),
                }
            })
            .collect();
        topics.sort_by(|a, b| b.gap.abs().total_cmp(&a.gap.abs()).then_with(|| a.topic.cmp(&b.topic)));

        Ok(Calibration {
            levels,
            topics,
            self_credited: own,
            ticked,
            self_credited_share: (ticked > 0).then(|| own as f64 / ticked as f64),
        })
    };
    run().map_err(|e| store.err(e))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use jiff::Timestamp;

    use super::*;
    use crate::bank::Level as L;
    use crate::history::AttemptRecord;

    /// A rated attempt on `topic` covering `covered` of 3 points, the first
    /// `own` of them ticked by hand.
    fn attempt(topic: &str, confidence: Option<u8>, covered: usize, own: usize) -> AttemptRecord {
        let at: Timestamp = "2026-03-01T10:00:00Z".parse().unwrap();
        AttemptRecord {
            round_id: None,
            question_id: format!("{topic}-q"),
            track: "backend".into(),
            topic: topic.into(),
            title: "Q".into(),
            started_at: at,
            finished_at: at,
            time_used: Duration::from_secs(60),
            time_limit: Duration::from_secs(120),
            level_shown: L::Mid,
            covered_points: (0..covered).collect(),
            self_credited: (0..own).collect(),
            confidence,
            parts: Vec::new(),
            total: 3,
            answer: String::new(),
            skipped: false,
            overtime: false,
            cram: false,
        }
    }

    fn store(attempts: &[AttemptRecord]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.record_many(attempts).unwrap();
        (dir, store)
    }

    #[test]
    fn mean_score_per_level_and_leaning_per_topic() {
        let (_d, store) = store(&[
            // Caching: certain twice, scored 1/3 and 0: over-confident.
            attempt("caching", Some(4), 1, 0),
            attempt("caching", Some(4), 0, 0),
            // Queues: no idea, scored 3/3: under-confident.
            attempt("queues", Some(1), 3, 1),
            // Locking: fairly sure (2/3 expected), scored 2/3: calibrated.
            attempt("locking", Some(3), 2, 0),
            // Not rated: left out of calibration, counted for self-credit.
            attempt("locking", None, 3, 2),
        ]);
        let c =
            crate::history::stats::stats(&store, &Scope::default(), Timestamp::now(), |_| true).unwrap().calibration;
        let levels: Vec<(u8, u64, f64)> = c.levels.iter().map(|l| (l.confidence, l.attempts, l.mean_score)).collect();
        assert_eq!(levels.len(), 3);
        assert_eq!((levels[0].0, levels[0].1), (1, 1));
        assert!((levels[0].2 - 1.0).abs() < 1e-9);
        assert!((levels[2].2 - 1.0 / 6.0).abs() < 1e-9, "certain: mean of 1/3 and 0");
        let topic = |name: &str| c.topics.iter().find(|t| t.topic == name).unwrap();
        assert_eq!(topic("caching").leaning, Leaning::OverConfident);
        assert!((topic("caching").gap - 5.0 / 6.0).abs() < 1e-9);
        // Brier: ((1 - 1/3)^2 + (1 - 0)^2) / 2.
        assert!((topic("caching").brier - (4.0 / 9.0 + 1.0) / 2.0).abs() < 1e-9);
        assert_eq!(topic("queues").leaning, Leaning::UnderConfident);
        assert_eq!(topic("locking").leaning, Leaning::Calibrated);
        assert_eq!(c.topics[0].topic, "queues", "the widest gap first (1.0)");
        assert_eq!((c.self_credited, c.ticked), (3, 9));
        assert!((c.self_credited_share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_history_without_ratings_has_no_levels_and_no_share_until_ticked() {
        let (_d, store) = store(&[]);
        let c =
            crate::history::stats::stats(&store, &Scope::default(), Timestamp::now(), |_| true).unwrap().calibration;
        assert!(c.levels.is_empty() && c.topics.is_empty());
        assert_eq!(c.self_credited_share, None);
    }

    #[test]
    fn the_gap_threshold_is_inclusive_of_calibration() {
        assert_eq!(Leaning::of(policy::CALIBRATION_GAP), Leaning::Calibrated);
        assert_eq!(Leaning::of(policy::CALIBRATION_GAP + 0.01), Leaning::OverConfident);
        assert_eq!(Leaning::of(-policy::CALIBRATION_GAP - 0.01), Leaning::UnderConfident);
    }
}
