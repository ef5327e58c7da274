//! The history file: `<data dir>/history.db`, SQLite in WAL mode with a
//! busy timeout so two `drill` processes can share it. Each attempt is
//! written, with its review state, in one transaction the moment it is
//! graded. A file that cannot be used is reported and never replaced.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::migrate::{self, MigrateError};
use super::schedule::{self, Grade, ReviewState};
use crate::bank::Level;

/// The history's file name inside the data directory.
pub const FILE: &str = "history.db";

/// Why the history cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory cannot be created.
    #[error("cannot create the data directory `{dir}`: {reason}; choose another with --data-dir or DRILL_DATA_DIR")]
    Dir {
        /// The directory.
        dir: String,
        /// Why (in the message, not a `source`, so it is printed once).
        reason: std::io::Error,
    },
    /// Not a SQLite file, or damaged.
    #[error(
        "history file `{path}` is not a readable drill history ({reason}); it was left untouched: move it aside (for example `mv {path} {path}.bad`) to start a new history, or use --data-dir"
    )]
    Corrupt {
        /// The file.
        path: String,
        /// SQLite's words.
        reason: String,
    },
    /// The history's shared-memory or write-ahead file cannot be written
    /// (left read-only by an earlier read-only history), though the history
    /// itself can.
    #[error(
        "`{path}` cannot be written ({reason}); it only holds state drill rebuilds: remove it while no drill is running (`rm {path}`), or make it writable"
    )]
    Companion {
        /// The `-shm` or `-wal` file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Something else is where the history file should be.
    #[error("`{path}` is {what}, not a history file; move it aside, or use --data-dir for another history")]
    NotAFile {
        /// The path.
        path: String,
        /// What it is ("a directory", "a device or a pipe").
        what: &'static str,
    },
    /// Written by a newer `drill`.
    #[error(
        "history file `{path}` has schema version {found}, newer than this drill knows ({known}); upgrade drill, or use --data-dir for a separate history"
    )]
    Newer {
        /// The file.
        path: String,
        /// Its version.
        found: u32,
        /// Ours.
        known: u32,
    },
    /// The file or its directory is not writable.
    #[error(
        "history file `{path}` cannot be written ({reason}); check the permissions of the file and its directory, or use --data-dir"
    )]
    ReadOnly {
        /// The file.
        path: String,
        /// SQLite's words.
        reason: String,
    },
    /// The disk (or the file's size limit) is full.
    #[error(
        "history file `{path}` cannot grow: the disk is full ({reason}); free some space, or use --data-dir elsewhere"
    )]
    Full {
        /// The file.
        path: String,
        /// SQLite's words.
        reason: String,
    },
    /// Reading or writing the file failed below SQLite.
    #[error(
        "history file `{path}` could not be written or read ({reason}); the disk may be full or failing: free some space, check the disk, or use --data-dir"
    )]
    Io {
        /// The file.
        path: String,
        /// SQLite's words.
        reason: String,
    },
    /// Anything else SQLite reports.
    #[error("history file `{path}`: {reason}")]
    Sql {
        /// The file.
        path: String,
        /// SQLite's words.
        reason: String,
    },
}

/// The plan as kept: its parameters and the days as first planned (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlan {
    /// The interview day.
    pub interview: jiff::civil::Date,
    /// Minutes a day.
    pub minutes: u32,
    /// Its scope (JSON of the filters).
    pub scope: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// The days as first planned (JSON).
    pub days: String,
}

/// A stage or follow-up answered within an attempt.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartRecord {
    /// `stage` or `follow_up`.
    pub kind: String,
    /// Its index in the question's `stages` or `follow_ups`.
    pub index: usize,
    /// What was typed.
    pub answer: String,
    /// Time spent on it, in milliseconds.
    pub time_used_ms: u64,
    /// Whether it ran past its own budget.
    pub overtime: bool,
    /// A stage whose hint was taken.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hint: bool,
    /// A follow-up's mark: covered, partly or missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
}

/// One graded or skipped question, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRecord {
    /// The round it belongs to.
    pub round_id: Option<i64>,
    /// Question id.
    pub question_id: String,
    /// Its track.
    pub track: String,
    /// Its topic.
    pub topic: String,
    /// Its title when answered.
    pub title: String,
    /// When the countdown started.
    pub started_at: Timestamp,
    /// When it was graded.
    pub finished_at: Timestamp,
    /// Time used.
    pub time_used: Duration,
    /// The limit.
    pub time_limit: Duration,
    /// The answer level on screen when grading.
    pub level_shown: Level,
    /// Indices of the key points covered.
    pub covered_points: Vec<usize>,
    /// Those of them ticked without the grader finding them in the answer.
    pub self_credited: Vec<usize>,
    /// How sure the candidate said they were (1-4), when asked.
    pub confidence: Option<u8>,
    /// The stages answered and the follow-ups asked.
    pub parts: Vec<PartRecord>,
    /// Key points in the rubric.
    pub total: usize,
    /// What was typed.
    pub answer: String,
    /// Skipped.
    pub skipped: bool,
    /// Over time.
    pub overtime: bool,
    /// Practice that leaves the review schedule alone (`--cram`).
    pub cram: bool,
}

impl AttemptRecord {
    /// Share of key points covered, 0..1; a skip scores 0.
    pub fn score(&self) -> f64 {
        crate::round::policy::score(self.covered_points.len(), self.total, self.skipped)
    }

    /// The grade this attempt earns.
    pub fn grade(&self) -> Grade {
        Grade::from_attempt(self.covered_points.len(), self.total, self.overtime, self.skipped)
    }
}

/// An open history.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

/// Adds one attempt (day, track, topic, score, finished_at) to the day
/// summaries.
pub const ADD_TO_DAY: &str = "INSERT INTO day_stats VALUES (?1, ?2, ?3, 1, ?4, ?5)
    ON CONFLICT (day, track, topic) DO UPDATE SET attempts = attempts + 1,
        score_sum = score_sum + excluded.score_sum, last_at = MAX(last_at, excluded.last_at)";

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// The day number (days since 1970-01-01) of `t` in the local time zone,
/// as the day summaries and the streak count days.
pub fn local_day(t: Timestamp) -> i64 {
    day_in(t, &crate::zone::local())
}

/// The day number of `t` in the time zone `tz`.
pub fn day_in(t: Timestamp, tz: &jiff::tz::TimeZone) -> i64 {
    let offset = i64::from(tz.to_offset(t).seconds()) * 1000;
    (t.as_millisecond() + offset).div_euclid(DAY_MS)
}

/// A timestamp from stored milliseconds.
pub fn from_ms(v: i64) -> Timestamp {
    Timestamp::from_millisecond(v).unwrap_or(Timestamp::UNIX_EPOCH)
}

impl Store {
    /// Opens (creating if needed) the history in `dir`, migrating it.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| StoreError::Dir { dir: dir.display().to_string(), reason: source })?;
        Store::open_file(&dir.join(FILE))
    }

    /// Opens a history file directly.
    pub fn open_file(path: &Path) -> Result<Store, StoreError> {
        // A directory or a device where the file should be gets its own
        // message (SQLite would say "permissions" or "disk full", and would
        // leave a journal beside a link's target).
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            let what = if meta.is_dir() { "a directory" } else { "a device or a pipe" };
            return Err(StoreError::NotAFile { path: path.display().to_string(), what });
        }
        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(Duration::from_secs(5))?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            Ok(())
        };
        setup().map_err(|e| classify(path, e))?;
        match migrate::migrate(&mut conn) {
            Ok(_) => {}
            Err(MigrateError::Newer(found)) => {
                return Err(StoreError::Newer { path: path.display().to_string(), found, known: migrate::CURRENT });
            }
            Err(MigrateError::Sql(e)) => return Err(classify(path, e)),
        }
        // WAL lets a reader and a writer work at once; set after the
        // version check so a foreign file is never converted.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).map_err(|e| classify(path, e))?;
        // In WAL mode NORMAL keeps every commit through a crash or `kill -9`
        // of the process; only an OS crash or power cut can lose the last
        // ones. It spares an fsync per graded answer.
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| classify(path, e))?;
        // Reading through a memory map saves copying pages on every scan.
        conn.query_row("PRAGMA mmap_size = 268435456", [], |_| Ok(())).map_err(|e| classify(path, e))?;
        Ok(Store { conn, path: path.to_path_buf() })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for queries elsewhere in `history`.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(super) fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    /// Records the start of a round; returns its id.
    pub fn start_round(&self, started_at: Timestamp, seed: u64, mode: &str) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO rounds (started_at, seed, mode) VALUES (?1, ?2, ?3)",
                params![ms(started_at), seed as i64, mode],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The questions attempted since `since`.
    pub fn attempted_since(&self, since: Timestamp) -> Result<std::collections::HashSet<String>, StoreError> {
        let run = || -> rusqlite::Result<std::collections::HashSet<String>> {
            let mut stmt = self.conn.prepare("SELECT DISTINCT question_id FROM attempts WHERE finished_at >= ?1")?;
            let rows = stmt.query_map([ms(since)], |r| r.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Mean score per topic over every attempt, from the running totals.
    pub fn topic_scores(&self) -> Result<Vec<(String, f64)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(String, f64)>> {
            let mut stmt = self.conn.prepare(
                "SELECT topic, SUM(score_sum) / SUM(attempts) FROM question_stats WHERE attempts > 0 GROUP BY topic",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Keeps `plan` as the plan (replacing any other).
    pub fn save_plan(&self, plan: &StoredPlan) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO plan (id, interview, minutes, scope, created_at, days) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                params![plan.interview.to_string(), plan.minutes, plan.scope, ms(plan.created_at), plan.days],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The plan kept, if any.
    pub fn plan(&self) -> Result<Option<StoredPlan>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT interview, minutes, scope, created_at, days FROM plan WHERE id = 1", [], |r| {
                let interview: String = r.get(0)?;
                Ok(StoredPlan {
                    interview: interview.parse().unwrap_or_default(),
                    minutes: r.get(1)?,
                    scope: r.get(2)?,
                    created_at: from_ms(r.get(3)?),
                    days: r.get(4)?,
                })
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Removes the plan; whether there was one.
    pub fn clear_plan(&self) -> Result<bool, StoreError> {
        let n = self.conn.execute("DELETE FROM plan", []).map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Opens a run of a loop; its rounds point at it.
    pub fn start_loop_run(&self, loop_id: &str, title: &str, started_at: Timestamp) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO loop_runs (loop_id, title, started_at) VALUES (?1, ?2, ?3)",
                params![loop_id, title, ms(started_at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks a round as one of a loop run's, scoring `signal`.
    pub fn place_round(&self, round: i64, run: i64, signal: &str) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE rounds SET loop_run = ?2, signal = ?3 WHERE id = ?1", params![round, run, signal])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Closes a loop run with its scorecard (JSON).
    pub fn finish_loop_run(&self, run: i64, finished_at: Timestamp, scorecard: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE loop_runs SET finished_at = ?2, scorecard = ?3 WHERE id = ?1",
                params![run, ms(finished_at), scorecard],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The scorecards (JSON) of the latest `limit` finished loop runs,
    /// newest first.
    pub fn scorecards(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare(
                "SELECT scorecard FROM loop_runs WHERE scorecard IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Writes an attempt and the question's new review state in one
    /// transaction; returns the grade and the new state.
    pub fn record(&mut self, a: &AttemptRecord) -> Result<(Grade, ReviewState), StoreError> {
        let mut out = self.record_many(std::slice::from_ref(a))?;
        Ok(out.pop().expect("one record in, one result out"))
    }

    /// Writes attempts in order, each updating its question's review
    /// state, all in one transaction (an import, or a generated history).
    pub fn record_many(&mut self, attempts: &[AttemptRecord]) -> Result<Vec<(Grade, ReviewState)>, StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<Vec<(Grade, ReviewState)>> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut out = Vec::with_capacity(attempts.len());
            {
                let mut insert = tx.prepare(
                    "INSERT INTO attempts (round_id, question_id, track, topic, title, started_at, finished_at, time_used_ms,
                        time_limit_ms, level_shown, covered, total, covered_points, answer, grade, skipped, overtime,
                        self_credited, confidence, parts, credited_by_hand, cram)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                        ?22)",
                )?;
                let mut by_question = tx.prepare(
                    "INSERT INTO question_stats (question_id, track, topic, attempts, score_sum, skipped, overtime,
                        time_used_ms, time_limit_ms, last_at, ticked, self_credited)
                     VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (question_id) DO UPDATE SET track = excluded.track, topic = excluded.topic,
                        ticked = ticked + excluded.ticked, self_credited = self_credited + excluded.self_credited,
                        attempts = attempts + 1, score_sum = score_sum + excluded.score_sum,
                        skipped = skipped + excluded.skipped, overtime = overtime + excluded.overtime,
                        time_used_ms = time_used_ms + excluded.time_used_ms,
                        time_limit_ms = time_limit_ms + excluded.time_limit_ms, last_at = MAX(last_at, excluded.last_at)",
                )?;
                let mut by_day = tx.prepare(ADD_TO_DAY)?;
                let mut in_round = tx.prepare("UPDATE rounds SET attempts = attempts + 1 WHERE id = ?1")?;
                // While a plan exists, nothing falls due after its interview.
                let interview: Option<Timestamp> = {
                    use rusqlite::OptionalExtension;
                    tx.query_row("SELECT interview FROM plan WHERE id = 1", [], |r| r.get::<_, String>(0))
                        .optional()?
                        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                        .and_then(|d| d.to_zoned(crate::zone::local()).ok())
                        .map(|z| z.timestamp())
                };
                let mut upsert = tx.prepare(
                    "INSERT INTO reviews (question_id, stability, difficulty, last_review, due, reps, lapses)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (question_id) DO UPDATE SET stability = ?2, difficulty = ?3, last_review = ?4, due = ?5,
                        reps = ?6, lapses = ?7",
                )?;
                for a in attempts {
                    let grade = a.grade();
                    let points = serde_json::to_string(&a.covered_points).unwrap_or_else(|_| "[]".into());
                    let own = serde_json::to_string(&a.self_credited).unwrap_or_else(|_| "[]".into());
                    let parts = serde_json::to_string(&a.parts).unwrap_or_else(|_| "[]".into());
                    insert.execute(params![
                        a.round_id,
                        a.question_id,
                        a.track,
                        a.topic,
                        a.title,
                        ms(a.started_at),
                        ms(a.finished_at),
                        a.time_used.as_millis() as i64,
                        a.time_limit.as_millis() as i64,
                        a.level_shown.as_str(),
                        a.covered_points.len() as i64,
                        a.total as i64,
                        points,
                        a.answer,
                        grade.as_str(),
                        a.skipped,
                        a.overtime,
                        own,
                        a.confidence,
                        parts,
                        a.self_credited.len() as i64,
                        a.cram
                    ])?;
                    let at = ms(a.finished_at);
                    let score = a.score();
                    let used = a.time_used.as_millis() as i64;
                    let limit = a.time_limit.as_millis() as i64;
                    by_question.execute(params![
                        a.question_id,
                        a.track,
                        a.topic,
                        score,
                        a.skipped,
                        a.overtime,
                        used,
                        limit,
                        at,
                        if a.skipped { 0 } else { a.covered_points.len() as i64 },
                        if a.skipped { 0 } else { a.self_credited.len() as i64 }
                    ])?;
                    by_day.execute(params![local_day(a.finished_at), a.track, a.topic, score, at])?;
                    if let Some(round) = a.round_id {
                        in_round.execute([round])?;
                    }
                    let previous = review_in(&tx, &a.question_id)?;
                    let mut state = schedule::next(previous.as_ref(), grade, a.finished_at);
                    if let Some(day) = interview
                        && state.due >= day
                    {
                        state.due = (day - jiff::SignedDuration::from_hours(24)).max(a.finished_at);
                    }
                    // Cramming is kept in the history but not in the schedule.
                    if a.cram {
                        out.push((grade, previous.unwrap_or(state)));
                        continue;
                    }
                    upsert.execute(params![
                        a.question_id,
                        f64::from(state.stability),
                        f64::from(state.difficulty),
                        ms(state.last_review),
                        ms(state.due),
                        state.reps,
                        state.lapses
                    ])?;
                    out.push((grade, state));
                }
            }
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| classify(&path, e))
    }

    /// A question's review state.
    pub fn review(&self, question_id: &str) -> Result<Option<ReviewState>, StoreError> {
        review_in(&self.conn, question_id).map_err(|e| self.err(e))
    }

    /// Every review state, in no particular order.
    pub fn reviews(&self) -> Result<Vec<(String, ReviewState)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(String, ReviewState)>> {
            let mut stmt = self
                .conn
                .prepare("SELECT question_id, stability, difficulty, last_review, due, reps, lapses FROM reviews")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, review_row(r, 1)?)))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Removes attempts (all, or one topic's) and the review states of
    /// questions left with no attempt, and rounds left empty. Returns
    /// (attempts, review states, rounds) removed.
    pub fn clear(&mut self, topic: Option<&str>) -> Result<(usize, usize, usize), StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<(usize, usize, usize)> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let attempts = match topic {
                Some(t) => {
                    tx.execute("DELETE FROM question_stats WHERE topic = ?1 OR track = ?1", [t])?;
                    tx.execute("DELETE FROM day_stats WHERE topic = ?1 OR track = ?1", [t])?;
                    tx.execute("DELETE FROM attempts WHERE topic = ?1 OR track = ?1", [t])?
                }
                None => {
                    tx.execute_batch("DELETE FROM question_stats; DELETE FROM day_stats;")?;
                    tx.execute("DELETE FROM attempts", [])?
                }
            };
            tx.execute("UPDATE rounds SET attempts = (SELECT COUNT(*) FROM attempts WHERE round_id = rounds.id)", [])?;
            let reviews = tx.execute(
                "DELETE FROM reviews WHERE question_id NOT IN (SELECT DISTINCT question_id FROM attempts)",
                [],
            )?;
            let rounds = tx.execute(
                "DELETE FROM rounds WHERE id NOT IN (SELECT round_id FROM attempts WHERE round_id IS NOT NULL)",
                [],
            )?;
            tx.commit()?;
            Ok((attempts, reviews, rounds))
        };
        run(&mut self.conn).map_err(|e| classify(&path, e))
    }
}

fn review_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<ReviewState> {
    Ok(ReviewState {
        stability: r.get::<_, f64>(at)? as f32,
        difficulty: r.get::<_, f64>(at + 1)? as f32,
        last_review: from_ms(r.get(at + 2)?),
        due: from_ms(r.get(at + 3)?),
        reps: r.get(at + 4)?,
        lapses: r.get(at + 5)?,
    })
}

fn review_in(conn: &Connection, id: &str) -> rusqlite::Result<Option<ReviewState>> {
    conn.prepare("SELECT stability, difficulty, last_review, due, reps, lapses FROM reviews WHERE question_id = ?1")?
        .query_row([id], |r| review_row(r, 0))
        .optional()
}

/// Turns a SQLite error into a message that names the file and the remedy.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.display().to_string();
    let reason = e.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path, reason },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            // The history may be fine while a stale `-shm` or `-wal` beside
            // it is not: name the file that is really in the way.
            let stuck = ["-shm", "-wal"].into_iter().map(|end| format!("{path}{end}")).find(|companion| {
                Path::new(companion).exists() && std::fs::OpenOptions::new().write(true).open(companion).is_err()
            });
            match stuck {
                Some(companion) => StoreError::Companion { path: companion, reason },
                None => StoreError::ReadOnly { path, reason },
            }
        }
        Some(ErrorCode::DiskFull) => StoreError::Full { path, reason },
        Some(ErrorCode::SystemIoFailure) => StoreError::Io { path, reason },
        _ => StoreError::Sql { path, reason },
    }
}

#[cfg(test)]
mod tests;
