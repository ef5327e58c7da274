//! Numbered schema migrations. The schema version lives in the file
//! (`PRAGMA user_version`); an older file is migrated in one transaction, a
//! newer one is refused.

use rusqlite::{Connection, Transaction};

use super::store::{ADD_TO_DAY, day_in, from_ms};
use crate::round::policy::{self, score_sql};

/// One step of the schema: SQL, or code for what SQL cannot know (the
/// user's time zone).
pub enum Migration {
    /// Statements run as one batch.
    Sql(&'static str),
    /// A step in code, inside the migration's transaction.
    Code(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

/// Each migration, in order; the schema version is the number applied.
pub const MIGRATIONS: &[Migration] = &[
    // 1: rounds, attempts and review state.
    Migration::Sql("CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        seed INTEGER NOT NULL
     );
     CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
        question_id TEXT NOT NULL,
        track TEXT NOT NULL,
        topic TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        time_used_ms INTEGER NOT NULL,
        time_limit_ms INTEGER NOT NULL,
        level_shown TEXT NOT NULL,
        covered INTEGER NOT NULL,
        total INTEGER NOT NULL,
        answer TEXT NOT NULL,
        grade TEXT NOT NULL,
        skipped INTEGER NOT NULL,
        overtime INTEGER NOT NULL
     );
     CREATE INDEX attempts_by_question ON attempts(question_id, finished_at);
     CREATE TABLE reviews (
        question_id TEXT PRIMARY KEY,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        last_review INTEGER NOT NULL,
        due INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL
     );
     CREATE INDEX reviews_by_due ON reviews(due);"),
    // 2: which key points each attempt covered (the answer journal shows
    // them), how the round was run, and time-ordered attempt scans for stats.
    Migration::Sql("ALTER TABLE attempts ADD COLUMN covered_points TEXT NOT NULL DEFAULT '[]';
     ALTER TABLE rounds ADD COLUMN mode TEXT NOT NULL DEFAULT 'plain';
     CREATE INDEX attempts_by_time ON attempts(finished_at);
     CREATE INDEX attempts_by_topic ON attempts(topic, finished_at);"),
    // 3: running totals kept beside the attempts, updated in the same
    // transaction as each attempt, so stats read thousands of summary rows
    // instead of every attempt; and the narrow columns a `--since` scan needs.
    Migration::Sql(concat!(
        "CREATE TABLE question_stats (
        question_id TEXT PRIMARY KEY,
        track TEXT NOT NULL,
        topic TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        score_sum REAL NOT NULL,
        skipped INTEGER NOT NULL,
        overtime INTEGER NOT NULL,
        time_used_ms INTEGER NOT NULL,
        time_limit_ms INTEGER NOT NULL,
        last_at INTEGER NOT NULL
     );
     CREATE TABLE day_stats (
        day INTEGER NOT NULL,
        track TEXT NOT NULL,
        topic TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        score_sum REAL NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (day, track, topic)
     );
     ALTER TABLE rounds ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
     INSERT INTO question_stats
        SELECT question_id, MAX(track), MAX(topic), COUNT(*),
            SUM(", score_sql!(), "),
            SUM(skipped), SUM(overtime), SUM(time_used_ms), SUM(time_limit_ms), MAX(finished_at)
        FROM attempts GROUP BY question_id;
     INSERT INTO day_stats
        SELECT finished_at / 86400000, track, topic, COUNT(*),
            SUM(", score_sql!(), "), MAX(finished_at)
        FROM attempts GROUP BY 1, 2, 3;
     UPDATE rounds SET attempts = (SELECT COUNT(*) FROM attempts WHERE round_id = rounds.id);
     CREATE INDEX attempts_for_stats ON attempts(question_id, track, topic, finished_at, covered, total, skipped, overtime,
        time_used_ms, time_limit_ms, round_id);"
    )),
    // 4: the day summaries of migration 3 were backfilled in UTC days,
    // while attempts since then count in local days: rebuild them all in
    // local days, so streaks and daily totals agree for users outside UTC.
    Migration::Code(local_day_stats),
    // 5: which ticked key points the candidate credited without the grader
    // finding them in the answer (said aloud, or generous), for calibration.
    Migration::Sql("ALTER TABLE attempts ADD COLUMN self_credited TEXT NOT NULL DEFAULT '[]';"),
    // 6: how sure the candidate said they were before the reveal (1-4,
    // NULL when not asked or skipped), and the stages and follow-ups
    // answered within the attempt (JSON).
    Migration::Sql(
        "ALTER TABLE attempts ADD COLUMN confidence INTEGER CHECK (confidence BETWEEN 1 AND 4);
         ALTER TABLE attempts ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
         ALTER TABLE attempts ADD COLUMN cram INTEGER NOT NULL DEFAULT 0;
         CREATE TABLE loop_runs (
            id INTEGER PRIMARY KEY,
            loop_id TEXT NOT NULL,
            title TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            scorecard TEXT
         );
         ALTER TABLE rounds ADD COLUMN loop_run INTEGER REFERENCES loop_runs(id);
         ALTER TABLE rounds ADD COLUMN signal TEXT;
         CREATE INDEX attempts_rated ON attempts(question_id, finished_at, confidence) WHERE confidence IS NOT NULL;
         ALTER TABLE attempts ADD COLUMN credited_by_hand INTEGER NOT NULL DEFAULT 0;
         UPDATE attempts SET credited_by_hand = json_array_length(self_credited) WHERE self_credited <> '[]';
         DROP INDEX attempts_for_stats;
         CREATE INDEX attempts_for_stats ON attempts(question_id, track, topic, finished_at, covered, total, skipped,
            overtime, time_used_ms, time_limit_ms, round_id, credited_by_hand);
         ALTER TABLE question_stats ADD COLUMN ticked INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE question_stats ADD COLUMN self_credited INTEGER NOT NULL DEFAULT 0;
         UPDATE question_stats SET
            ticked = (SELECT COALESCE(SUM(covered), 0) FROM attempts a
                      WHERE a.question_id = question_stats.question_id AND NOT a.skipped),
            self_credited = (SELECT COALESCE(SUM(a.credited_by_hand), 0) FROM attempts a
                             WHERE a.question_id = question_stats.question_id AND NOT a.skipped);",
    ),
    // 7: the plan to the interview date: its parameters and the days as
    // first planned (to tell what was missed).
    Migration::Sql(
        "CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            interview TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            scope TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            days TEXT NOT NULL
         );",
    ),
];

/// Rebuilds `day_stats` from the attempts, each counted on its local day.
fn local_day_stats(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    day_stats_in(tx, &crate::zone::local())
}

/// Rebuilds `day_stats` from the attempts, each counted on its day in `tz`.
fn day_stats_in(tx: &Transaction<'_>, tz: &jiff::tz::TimeZone) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM day_stats", [])?;
    let mut add = tx.prepare(ADD_TO_DAY)?;
    let mut attempts = tx.prepare(&format!("SELECT finished_at, track, topic, {} FROM attempts", policy::SCORE_SQL))?;
    let mut rows = attempts.query([])?;
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        add.execute(rusqlite::params![
            day_in(from_ms(at), tz),
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, f64>(3)?,
            at
        ])?;
    }
    Ok(())
}

/// The schema version this build writes.
pub const CURRENT: u32 = MIGRATIONS.len() as u32;

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub enum MigrateError {
    /// The file was written by a newer `drill`.
    Newer(u32),
    /// SQLite failed.
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sql(e)
    }
}

/// The file's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the missing migrations up to `target`, all in one transaction
/// (so a crash leaves the old version intact).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32, MigrateError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    if from > CURRENT {
        return Err(MigrateError::Newer(from));
    }
    for (i, step) in MIGRATIONS.iter().enumerate().take(target as usize).skip(from as usize) {
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql)?,
            Migration::Code(run) => run(&tx)?,
        }
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.commit()?;
    Ok(from)
}

/// Brings the file to [`CURRENT`].
pub fn migrate(conn: &mut Connection) -> Result<u32, MigrateError> {
    migrate_to(conn, CURRENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_score_agrees_with_the_rust_one() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        for (covered, total, skipped) in [(3, 4, false), (3, 4, true), (0, 0, false), (2, 3, false)] {
            let sql = format!("SELECT {} FROM (SELECT ?1 AS covered, ?2 AS total, ?3 AS skipped)", policy::SCORE_SQL);
            let got: f64 =
                db.query_row(&sql, rusqlite::params![covered as i64, total as i64, skipped], |r| r.get(0)).unwrap();
            assert!((got - policy::score(covered, total, skipped)).abs() < 1e-12);
        }
    }

    /// Migration 3 counted days in UTC; an attempt made at 21:30 in New York
    /// (02:30 UTC the next day) must count on the New York day.
    #[test]
    fn day_summaries_are_rebuilt_in_local_days() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 3).unwrap();
        let evening = jiff::Timestamp::from_second(1_767_321_000).unwrap(); // 2026-01-02 02:30 UTC
        conn.execute(
            "INSERT INTO attempts (question_id, track, topic, title, started_at, finished_at, time_used_ms,
                time_limit_ms, level_shown, covered, total, answer, grade, skipped, overtime)
             VALUES ('q', 'backend', 'caching', 't', ?1, ?1, 1000, 120000, 'mid', 3, 4, '', 'good', 0, 0)",
            [evening.as_millisecond()],
        )
        .unwrap();
        // What migration 3 would have written: the UTC day.
        conn.execute(
            "INSERT INTO day_stats SELECT finished_at / 86400000, track, topic, 1, 0.75, finished_at FROM attempts",
            [],
        )
        .unwrap();
        let new_york = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
        let tx = conn.transaction().unwrap();
        day_stats_in(&tx, &new_york).unwrap();
        tx.commit().unwrap();
        let (day, attempts, sum): (i64, i64, f64) = conn
            .query_row("SELECT day, attempts, score_sum FROM day_stats", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        let utc_day = evening.as_millisecond() / DAY;
        assert_eq!(day, utc_day - 1, "the New York evening, not the UTC morning after");
        assert_eq!((attempts, sum), (1, 0.75));
        assert_eq!(conn.query_row("SELECT COUNT(*) FROM day_stats", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
    }

    const DAY: i64 = super::super::store::DAY_MS;
}
