//! Reading the history back: past attempts (the answer journal) and the
//! questions due for review.

use std::time::Duration;

use jiff::Timestamp;
use rusqlite::params;
use serde::Serialize;

use super::schedule::Grade;
use super::store::{AttemptRecord, Store, StoreError, from_ms};
use crate::bank::Level;
use crate::text;

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

/// One past attempt: the record as it was saved, its row id and the grade
/// it was given. Reads as its [`AttemptRecord`] (through `Deref`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// Row id.
    pub id: i64,
    /// What was saved.
    pub record: AttemptRecord,
    /// The FSRS grade it was given when saved.
    pub grade: Grade,
}

impl std::ops::Deref for Attempt {
    type Target = AttemptRecord;

    fn deref(&self) -> &AttemptRecord {
        &self.record
    }
}

impl Attempt {
    /// Key points covered.
    pub fn covered(&self) -> usize {
        self.record.covered_points.len()
    }
}

/// The JSON of an attempt (`drill history --format json`, a stable
/// interface): flat, times in milliseconds, with its score.
impl Serialize for Attempt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Row<'a> {
            id: i64,
            round_id: Option<i64>,
            question_id: &'a str,
            track: &'a str,
            topic: &'a str,
            title: &'a str,
            started_at: Timestamp,
            finished_at: Timestamp,
            time_used_ms: u128,
            time_limit_ms: u128,
            level_shown: Level,
            covered: usize,
            total: usize,
            covered_points: &'a [usize],
            self_credited: &'a [usize],
            confidence: Option<u8>,
            parts: &'a [crate::history::PartRecord],
            answer: &'a str,
            grade: Grade,
            skipped: bool,
            overtime: bool,
            cram: bool,
            score: f64,
        }
        let r = &self.record;
        Row {
            id: self.id,
            round_id: r.round_id,
            question_id: &r.question_id,
            track: &r.track,
            topic: &r.topic,
            title: &r.title,
            started_at: r.started_at,
            finished_at: r.finished_at,
            time_used_ms: r.time_used.as_millis(),
            time_limit_ms: r.time_limit.as_millis(),
            level_shown: r.level_shown,
            covered: self.covered(),
            total: r.total,
            covered_points: &r.covered_points,
            self_credited: &r.self_credited,
            confidence: r.confidence,
            parts: &r.parts,
            answer: &r.answer,
            grade: self.grade,
            skipped: r.skipped,
            overtime: r.overtime,
            cram: r.cram,
            score: r.score(),
        }
        .serialize(serializer)
    }
}

/// Attempts in `scope`, newest first, at most `limit`.
pub fn attempts(store: &Store, scope: &Scope, limit: usize) -> Result<Vec<Attempt>, StoreError> {
    let (cond, mut args) = scope.sql();
    args.push(rusqlite::types::Value::Integer(limit.min(i64::MAX as usize) as i64));
    let sql = format!(
        "SELECT id, round_id, question_id, track, topic, title, started_at, finished_at, time_used_ms, time_limit_ms,
            level_shown, total, covered_points, answer, grade, skipped, overtime, self_credited, confidence, parts, cram
         FROM attempts WHERE {cond} ORDER BY finished_at DESC, id DESC LIMIT ?{}",
        args.len()
    );
    let ms = |v: i64| Duration::from_millis(v.max(0) as u64);
    let run = || -> rusqlite::Result<Vec<Attempt>> {
        let mut stmt = store.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let points: String = r.get(12)?;
            let level: String = r.get(10)?;
            let grade: String = r.get(14)?;
            // What the history holds is printed, so it is made safe for a
            // terminal here, whatever wrote it.
            let line = |i: usize| r.get::<_, String>(i).map(|s| text::sanitize_line(&s));
            let record = AttemptRecord {
                round_id: r.get(1)?,
                question_id: line(2)?,
                track: line(3)?,
                topic: line(4)?,
                title: line(5)?,
                started_at: from_ms(r.get(6)?),
                finished_at: from_ms(r.get(7)?),
                time_used: ms(r.get(8)?),
                time_limit: ms(r.get(9)?),
                level_shown: Level::parse(&level).unwrap_or(Level::Mid),
                covered_points: serde_json::from_str(&points).unwrap_or_default(),
                self_credited: serde_json::from_str(&r.get::<_, String>(17)?).unwrap_or_default(),
                confidence: r.get(18)?,
                parts: serde_json::from_str::<Vec<crate::history::PartRecord>>(&r.get::<_, String>(19)?)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| crate::history::PartRecord {
                        answer: text::sanitize(&p.answer).into_owned(),
                        mark: p.mark.map(|m| text::sanitize_line(&m)),
                        kind: text::sanitize_line(&p.kind),
                        ..p
                    })
                    .collect(),
                total: r.get::<_, i64>(11)?.max(0) as usize,
                answer: text::sanitize(&r.get::<_, String>(13)?).into_owned(),
                skipped: r.get(15)?,
                overtime: r.get(16)?,
                cram: r.get(20)?,
            };
            // Rows written before the grade names settled read as graded now.
            let grade = Grade::parse(&grade).unwrap_or_else(|| record.grade());
            Ok(Attempt { id: r.get(0)?, record, grade })
        })?;
        rows.collect()
    };
    run().map_err(|e| store.err(e))
}

/// Question ids due at `now` for which `keep` holds, most overdue first.
pub fn due(store: &Store, now: Timestamp, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, Timestamp)>, StoreError> {
    let run = || -> rusqlite::Result<Vec<(String, Timestamp)>> {
        // A confident answer that scored weak is the most correctable miss:
        // those come first, then the most overdue. Rated answers are few,
        // so they are read from their own index, not per review.
        let sql = format!(
            "SELECT a.question_id FROM attempts a INDEXED BY attempts_rated
             WHERE a.confidence >= ?1 AND {score} < ?2
               AND a.finished_at = (SELECT MAX(finished_at) FROM attempts b WHERE b.question_id = a.question_id)",
            score = crate::round::policy::SCORE_SQL
        );
        let mut stmt = store.conn().prepare(&sql)?;
        let args = params![crate::round::policy::CONFIDENT, crate::round::policy::WEAK];
        let confident_misses: std::collections::HashSet<String> =
            stmt.query_map(args, |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt =
            store.conn().prepare("SELECT question_id, due FROM reviews WHERE due <= ?1 ORDER BY due, question_id")?;
        let rows =
            stmt.query_map(params![now.as_millisecond()], |r| Ok((r.get::<_, String>(0)?, from_ms(r.get(1)?))))?;
        let mut due: Vec<(String, Timestamp)> =
            rows.filter(|r| r.as_ref().map_or(true, |(id, _)| keep(id))).collect::<rusqlite::Result<_>>()?;
        due.sort_by_key(|(id, _)| !confident_misses.contains(id));
        Ok(due)
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
