//! Numbered schema migrations. The schema version lives in the file
//! (`PRAGMA user_version`); an older file is migrated in one transaction, a
//! newer one is refused.

use rusqlite::Connection;

/// Each migration, in order; the schema version is the number applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: rounds, attempts and review state.
    "CREATE TABLE rounds (
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
     CREATE INDEX reviews_by_due ON reviews(due);",
    // 2: which key points each attempt covered (the answer journal shows
    // them), how the round was run, and time-ordered attempt scans for stats.
    "ALTER TABLE attempts ADD COLUMN covered_points TEXT NOT NULL DEFAULT '[]';
     ALTER TABLE rounds ADD COLUMN mode TEXT NOT NULL DEFAULT 'plain';
     CREATE INDEX attempts_by_time ON attempts(finished_at);
     CREATE INDEX attempts_by_topic ON attempts(topic, finished_at);",
    // 3: running totals kept beside the attempts, updated in the same
    // transaction as each attempt, so stats read thousands of summary rows
    // instead of every attempt; and the narrow columns a `--since` scan needs.
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
            SUM(CASE WHEN skipped OR total = 0 THEN 0.0 ELSE covered * 1.0 / total END),
            SUM(skipped), SUM(overtime), SUM(time_used_ms), SUM(time_limit_ms), MAX(finished_at)
        FROM attempts GROUP BY question_id;
     INSERT INTO day_stats
        SELECT finished_at / 86400000, track, topic, COUNT(*),
            SUM(CASE WHEN skipped OR total = 0 THEN 0.0 ELSE covered * 1.0 / total END), MAX(finished_at)
        FROM attempts GROUP BY 1, 2, 3;
     UPDATE rounds SET attempts = (SELECT COUNT(*) FROM attempts WHERE round_id = rounds.id);
     CREATE INDEX attempts_for_stats ON attempts(question_id, track, topic, finished_at, covered, total, skipped, overtime,
        time_used_ms, time_limit_ms, round_id);",
];

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
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.commit()?;
    Ok(from)
}

/// Brings the file to [`CURRENT`].
pub fn migrate(conn: &mut Connection) -> Result<u32, MigrateError> {
    migrate_to(conn, CURRENT)
}
