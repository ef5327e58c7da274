//! Progress over the history: totals, per-topic results with FSRS
//! readiness, the streak, what is due, the weakest questions and a daily
//! score series. Aggregated in SQL, so it stays fast at 100,000 attempts.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::query::Scope;
use super::schedule::retrievability;
use super::store::{Store, StoreError, from_ms};

/// Per-topic results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    /// Track.
    pub track: String,
    /// Topic.
    pub topic: String,
    /// Attempts (graded and skipped).
    pub attempts: u64,
    /// Mean score 0..1.
    pub mean_score: f64,
    /// Last attempt.
    pub last_practised: Timestamp,
    /// Mean FSRS retrievability now of its reviewed questions, 0..1.
    pub readiness: Option<f64>,
}

/// A weak question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakQuestion {
    /// Question id.
    pub id: String,
    /// Title when last answered.
    pub title: String,
    /// Topic.
    pub topic: String,
    /// Attempts.
    pub attempts: u64,
    /// Mean score 0..1.
    pub mean_score: f64,
}

/// One day's attempts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// `YYYY-MM-DD`, local time.
    pub day: String,
    /// Attempts that day.
    pub attempts: u64,
    /// Mean score that day.
    pub mean_score: f64,
}

/// Everything `drill stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Rounds with at least one attempt in scope.
    pub rounds: u64,
    /// Attempts in scope (graded and skipped).
    pub attempts: u64,
    /// Of which skipped.
    pub skipped: u64,
    /// Mean score 0..1 (skips count 0).
    pub mean_score: Option<f64>,
    /// Time used, milliseconds.
    pub time_used_ms: i64,
    /// Sum of the limits, milliseconds.
    pub time_limit_ms: i64,
    /// Share of attempts over time.
    pub overtime_rate: Option<f64>,
    /// Consecutive days with practice, ending today or yesterday.
    pub streak_days: u32,
    /// Questions due now.
    pub due: u64,
    /// Questions due within seven days (including now).
    pub due_this_week: u64,
    /// When the next question falls due, if none is due now.
    pub next_due: Option<Timestamp>,
    /// Per topic, most practised first.
    pub topics: Vec<TopicStats>,
    /// The five lowest-scoring questions.
    pub weakest: Vec<WeakQuestion>,
    /// Per day, oldest first (the last 90 days with practice).
    pub days: Vec<Day>,
}

/// The totals row (SQL aggregates are NULL over no rows).
struct Totals {
    rounds: i64,
    attempts: i64,
    skipped: Option<i64>,
    mean: Option<f64>,
    used: Option<i64>,
    limit: Option<i64>,
    overtime: Option<f64>,
}

const SCORE: &str = "(CASE WHEN skipped OR total = 0 THEN 0.0 ELSE covered * 1.0 / total END)";
const DAY_MS: i64 = 86_400_000;

/// Computes the stats at `now`; `keep` says which question ids still exist
/// (removed questions keep their history but are never due).
pub fn stats(store: &Store, scope: &Scope, now: Timestamp, keep: impl Fn(&str) -> bool) -> Result<Stats, StoreError> {
    let offset_ms = i64::from(jiff::tz::TimeZone::system().to_offset(now).seconds()) * 1000;
    let reviews = store.reviews()?;
    run(store, &reviews, scope, now, offset_ms, &keep).map_err(|e| store.err(e))
}

fn run(
    store: &Store,
    reviews: &[(String, super::schedule::ReviewState)],
    scope: &Scope,
    now: Timestamp,
    offset_ms: i64,
    keep: &dyn Fn(&str) -> bool,
) -> rusqlite::Result<Stats> {
    let conn = store.conn();
    let (cond, args) = scope.sql();
    let p = rusqlite::params_from_iter(args.iter());
    let t: Totals =
        conn.query_row(
            &format!(
                "SELECT COUNT(DISTINCT round_id), COUNT(*), SUM(skipped), AVG({SCORE}), SUM(time_used_ms), SUM(time_limit_ms),
                    AVG(overtime) FROM attempts WHERE {cond}"
            ),
            p,
            |r| {
                Ok(Totals {
                    rounds: r.get(0)?,
                    attempts: r.get(1)?,
                    skipped: r.get(2)?,
                    mean: r.get(3)?,
                    used: r.get(4)?,
                    limit: r.get(5)?,
                    overtime: r.get(6)?,
                })
            },
        )?;

    // Question → topic, from the most recent attempt, for readiness.
    let mut topic_of: HashMap<String, (String, String)> = HashMap::new();
    let mut topics: Vec<TopicStats> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT track, topic, COUNT(*), AVG({SCORE}), MAX(finished_at) FROM attempts WHERE {cond}
             GROUP BY track, topic ORDER BY COUNT(*) DESC, topic"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(TopicStats {
                track: r.get(0)?,
                topic: r.get(1)?,
                attempts: r.get::<_, i64>(2)? as u64,
                mean_score: r.get(3)?,
                last_practised: from_ms(r.get(4)?),
                readiness: None,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    {
        let mut stmt =
            conn.prepare(&format!("SELECT question_id, track, topic FROM attempts WHERE {cond} GROUP BY question_id"))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (id, track, topic) = row?;
            topic_of.insert(id, (track, topic));
        }
    }

    let mut due = 0;
    let mut due_week = 0;
    let mut next_due: Option<Timestamp> = None;
    let week = now + SignedDuration::from_hours(24 * 7);
    let mut readiness: HashMap<(String, String), (f64, u32)> = HashMap::new();
    for (id, state) in reviews {
        let Some(key) = topic_of.get(id) else { continue };
        if !keep(id) {
            continue;
        }
        let entry = readiness.entry(key.clone()).or_default();
        entry.0 += retrievability(state, now);
        entry.1 += 1;
        if state.due <= now {
            due += 1;
        } else if next_due.is_none_or(|n| state.due < n) {
            next_due = Some(state.due);
        }
        if state.due <= week {
            due_week += 1;
        }
    }
    for t in &mut topics {
        t.readiness = readiness.get(&(t.track.clone(), t.topic.clone())).map(|(sum, n)| sum / f64::from(*n));
    }

    let weakest = {
        let mut stmt = conn.prepare(&format!(
            "SELECT question_id, MAX(title), MAX(topic), COUNT(*), AVG({SCORE}) FROM attempts WHERE {cond}
             GROUP BY question_id ORDER BY AVG({SCORE}), COUNT(*) DESC, question_id LIMIT 5"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(WeakQuestion {
                id: r.get(0)?,
                title: r.get(1)?,
                topic: r.get(2)?,
                attempts: r.get::<_, i64>(3)? as u64,
                mean_score: r.get(4)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };

    // Days in local time: the offset shifts UTC milliseconds before dividing.
    let mut days: Vec<(i64, u64, f64)> = {
        let n = args.len() + 1;
        let mut stmt = conn.prepare(&format!(
            "SELECT (finished_at + ?{n}) / {DAY_MS} AS d, COUNT(*), AVG({SCORE}) FROM attempts WHERE {cond}
             GROUP BY d ORDER BY d DESC LIMIT 400"
        ))?;
        let mut all = args.clone();
        all.push(rusqlite::types::Value::Integer(offset_ms));
        let rows = stmt.query_map(rusqlite::params_from_iter(all.iter()), |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let today = (now.as_millisecond() + offset_ms).div_euclid(DAY_MS);
    let mut streak = 0;
    let mut expect = if days.first().is_some_and(|d| d.0 == today) { today } else { today - 1 };
    for (d, _, _) in &days {
        if *d != expect {
            break;
        }
        streak += 1;
        expect -= 1;
    }
    days.truncate(90);
    days.reverse();
    let days = days
        .into_iter()
        .map(|(d, attempts, mean_score)| {
            let date =
                Timestamp::from_millisecond(d * DAY_MS).map(|t| t.strftime("%Y-%m-%d").to_string()).unwrap_or_default();
            Day { day: date, attempts, mean_score }
        })
        .collect();

    Ok(Stats {
        rounds: t.rounds as u64,
        attempts: t.attempts as u64,
        skipped: t.skipped.unwrap_or(0) as u64,
        mean_score: t.mean,
        time_used_ms: t.used.unwrap_or(0),
        time_limit_ms: t.limit.unwrap_or(0),
        overtime_rate: t.overtime,
        streak_days: streak,
        due,
        due_this_week: due_week,
        next_due: if due == 0 { next_due } else { None },
        topics,
        weakest,
        days,
    })
}
