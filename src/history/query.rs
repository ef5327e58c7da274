//! Reading the history back: past attempts (the answer journal) and the
//! questions due for review.

use jiff::Timestamp;
use rusqlite::params;
use serde::Serialize;

use super::store::{Store, StoreError, from_ms};

/// Which attempts to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// One question.
    pub question: Option<String>,
    /// One topic (or track).
    pub topic: Option<String>,
    /// Only attempts finished at or after this.
    pub since: Option<Timestamp>,
}

impl Scope {
    /// The SQL condition and its parameters (numbered from 1).
    pub(super) fn sql(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut cond = vec!["1 = 1".to_string()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(q) = &self.question {
            args.push(Value::Text(q.clone()));
            cond.push(format!("question_id = ?{}", args.len()));
        }
        if let Some(t) = &self.topic {
            args.push(Value::Text(t.clone()));
            cond.push(format!("(topic = ?{0} OR track = ?{0})", args.len()));
        }
        if let Some(s) = self.since {
            args.push(Value::Integer(s.as_millisecond()));
            cond.push(format!("finished_at >= ?{}", args.len()));
        }
        (cond.join(" AND "), args)
    }
}

/// One past attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    /// Row id.
    pub id: i64,
    /// The round, when recorded with one.
    pub round_id: Option<i64>,
    /// Question id.
    pub question_id: String,
    /// Track.
    pub track: String,
    /// Topic.
    pub topic: String,
    /// Title when answered.
    pub title: String,
    /// Countdown start (RFC 3339).
    pub started_at: Timestamp,
    /// Grading time (RFC 3339).
    pub finished_at: Timestamp,
    /// Time used, milliseconds.
    pub time_used_ms: i64,
    /// Limit, milliseconds.
    pub time_limit_ms: i64,
    /// Answer level on screen.
    pub level_shown: String,
    /// Key points covered.
    pub covered: i64,
    /// Key points in the rubric.
    pub total: i64,
    /// Which ones (0-based).
    pub covered_points: Vec<usize>,
    /// What was typed.
    pub answer: String,
    /// FSRS grade.
    pub grade: String,
    /// Skipped.
    pub skipped: bool,
    /// Over time.
    pub overtime: bool,
    /// Score 0..1 (0 when skipped).
    pub score: f64,
}

/// Attempts in `scope`, newest first, at most `limit`.
pub fn attempts(store: &Store, scope: &Scope, limit: usize) -> Result<Vec<Attempt>, StoreError> {
    let (cond, mut args) = scope.sql();
    args.push(rusqlite::types::Value::Integer(limit.min(i64::MAX as usize) as i64));
    let sql = format!(
        "SELECT id, round_id, question_id, track, topic, title, started_at, finished_at, time_used_ms, time_limit_ms,
            level_shown, covered, total, covered_points, answer, grade, skipped, overtime
         FROM attempts WHERE {cond} ORDER BY finished_at DESC, id DESC LIMIT ?{}",
        args.len()
    );
    let run = || -> rusqlite::Result<Vec<Attempt>> {
        let mut stmt = store.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let covered: i64 = r.get(11)?;
            let total: i64 = r.get(12)?;
            let skipped: bool = r.get(16)?;
            let points: String = r.get(13)?;
            Ok(Attempt {
                id: r.get(0)?,
                round_id: r.get(1)?,
                question_id: r.get(2)?,
                track: r.get(3)?,
                topic: r.get(4)?,
                title: r.get(5)?,
                started_at: from_ms(r.get(6)?),
                finished_at: from_ms(r.get(7)?),
                time_used_ms: r.get(8)?,
                time_limit_ms: r.get(9)?,
                level_shown: r.get(10)?,
                covered,
                total,
                covered_points: serde_json::from_str(&points).unwrap_or_default(),
                answer: r.get(14)?,
                grade: r.get(15)?,
                skipped,
                overtime: r.get(17)?,
                score: crate::round::policy::score(covered.max(0) as usize, total.max(0) as usize, skipped),
            })
        })?;
        rows.collect()
    };
    run().map_err(|e| store.err(e))
}

/// Question ids due at `now` for which `keep` holds, most overdue first.
pub fn due(store: &Store, now: Timestamp, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, Timestamp)>, StoreError> {
    let run = || -> rusqlite::Result<Vec<(String, Timestamp)>> {
        let mut stmt =
            store.conn().prepare("SELECT question_id, due FROM reviews WHERE due <= ?1 ORDER BY due, question_id")?;
        let rows =
            stmt.query_map(params![now.as_millisecond()], |r| Ok((r.get::<_, String>(0)?, from_ms(r.get(1)?))))?;
        rows.filter(|r| r.as_ref().map_or(true, |(id, _)| keep(id))).collect()
    };
    run().map_err(|e| store.err(e))
}

/// The next question to fall due after `now` for which `keep` holds.
pub fn next_due(
    store: &Store,
    now: Timestamp,
    keep: impl Fn(&str) -> bool,
) -> Result<Option<(String, Timestamp)>, StoreError> {
    let run = || -> rusqlite::Result<Option<(String, Timestamp)>> {
        let mut stmt =
            store.conn().prepare("SELECT question_id, due FROM reviews WHERE due > ?1 ORDER BY due, question_id")?;
        let mut rows = stmt.query(params![now.as_millisecond()])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if keep(&id) {
                return Ok(Some((id, from_ms(r.get(1)?))));
            }
        }
        Ok(None)
    };
    run().map_err(|e| store.err(e))
}
