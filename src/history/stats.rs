//! Progress over the history: totals, per-topic results with FSRS
//! readiness, the streak, what is due, the weakest questions and a daily
//! score series. Aggregated in SQL, so it stays fast at 100,000 attempts.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::query::Scope;
use super::schedule::{ReviewState, retrievability};
use super::store::{DAY_MS, Store, StoreError, from_ms};

/// Questions with at least [`crate::round::policy::LEECH_LAPSES`] lapses
/// that still exist, most lapses first.
pub fn leeches(reviews: &[(String, ReviewState)], keep: &dyn Fn(&str) -> bool) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = reviews
        .iter()
        .filter(|(id, s)| s.lapses >= crate::round::policy::LEECH_LAPSES && keep(id))
        .map(|(id, s)| (id.clone(), s.lapses))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Predicted recall per topic on the plan's interview day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayReadiness {
    /// The interview day.
    pub interview: jiff::civil::Date,
    /// Per practised topic, weakest first: topic, mean FSRS retrievability
    /// on that day of its reviewed questions, how many.
    pub topics: Vec<(String, f64, usize)>,
}

/// Loop runs `drill stats` shows, newest first.
pub const LOOPS_SHOWN: usize = 10;

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
    /// Leeches: questions missed again and again (ids and lapses, most
    /// lapses first).
    pub leeches: Vec<(String, u32)>,
    /// Per day, oldest first (the last 90 days with practice).
    pub days: Vec<Day>,
    /// How well confidence predicted the score, and the hand-credited share.
    pub calibration: super::Calibration,
    /// While a plan exists: each practised topic's predicted recall on the
    /// interview day.
    pub readiness_on_day: Option<DayReadiness>,
    /// The scorecards of the latest loop runs, newest first (at most
    /// [`LOOPS_SHOWN`]), as they were saved.
    pub loops: Vec<serde_json::Value>,
}

/// Computes the stats at `now`; `keep` says which question ids still exist
/// (removed questions keep their history but are never due).
pub fn stats(store: &Store, scope: &Scope, now: Timestamp, keep: impl Fn(&str) -> bool) -> Result<Stats, StoreError> {
    let offset_ms = i64::from(crate::zone::local().to_offset(now).seconds()) * 1000;
    let mut acc = Acc::default();
    let scanned = if scope.since.is_none() && scope.question.is_none() {
        scan_summaries(store, scope, &mut acc)
    } else {
        scan_attempts(store, scope, offset_ms, &mut acc)
    };
    scanned.map_err(|e| store.err(e))?;
    let reviews = store.reviews()?;
    let credit = (acc.own, acc.ticked);
    let plan = store.plan()?;
    // Each question's topic, while the sums still know it (plans only).
    let topic_of: HashMap<String, String> = match &plan {
        Some(_) => acc.questions.iter().map(|(id, (_, t))| (id.clone(), acc.topics[*t].0.1.clone())).collect(),
        None => HashMap::new(),
    };
    let mut stats = acc.finish(&reviews, now, &keep);
    stats.calibration = super::calibration::calibration(store, scope, credit)?;
    stats.leeches = leeches(&reviews, &keep);
    if let Some(plan) = plan {
        let at = plan.interview.to_zoned(crate::zone::local()).map(|z| z.timestamp()).unwrap_or(now);
        let mut by_topic: Vec<(String, f64, usize)> = Vec::new();
        for (id, state) in &reviews {
            let Some(t) = topic_of.get(id).filter(|_| keep(id)).cloned() else { continue };
            let p = retrievability(state, at);
            match by_topic.iter_mut().find(|(name, _, _)| *name == t) {
                Some((_, sum, n)) => {
                    *sum += p;
                    *n += 1;
                }
                None => by_topic.push((t, p, 1)),
            }
        }
        let mut topics: Vec<(String, f64, usize)> =
            by_topic.into_iter().map(|(t, sum, n)| (t, sum / n as f64, n)).collect();
        topics.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        stats.readiness_on_day = Some(DayReadiness { interview: plan.interview, topics });
    }
    stats.loops = store.scorecards(LOOPS_SHOWN)?.iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    for weak in &mut stats.weakest {
        weak.title = store
            .conn()
            .query_row(
                "SELECT title FROM attempts WHERE question_id = ?1 ORDER BY finished_at DESC LIMIT 1",
                [&weak.id],
                |r| r.get::<_, String>(0).map(|t| crate::text::sanitize_line(&t)),
            )
            .map_err(|e| store.err(e))?;
    }
    Ok(stats)
}

/// Running sums for one group (the whole scope, a topic, a question, a day).
#[derive(Debug, Default, Clone)]
struct Sums {
    attempts: u64,
    score: f64,
    last: i64,
}

impl Sums {
    fn merge(&mut self, other: &Sums) {
        self.attempts += other.attempts;
        self.score += other.score;
        self.last = self.last.max(other.last);
    }

    fn mean(&self) -> f64 {
        if self.attempts == 0 { 0.0 } else { self.score / self.attempts as f64 }
    }
}

/// Everything gathered in the one pass over the attempts.
#[derive(Default)]
struct Acc {
    total: Sums,
    skipped: u64,
    overtime: u64,
    used: i64,
    limit: i64,
    rounds: u64,
    /// (track, topic) of each topic seen, and its sums.
    topics: Vec<((String, String), Sums)>,
    /// question → its sums and the index of its topic in `topics`.
    questions: HashMap<String, (Sums, usize)>,
    days: HashMap<i64, Sums>,
    /// Key points ticked, and of them credited by hand (not skipped).
    ticked: u64,
    own: u64,
}

use crate::round::policy::SCORE_SQL as SCORE;

/// Adds one question's sums to the totals and its topic (topics are few,
/// so a scan of them beats hashing two strings per question).
fn add_question(acc: &mut Acc, id: String, track: &str, topic: &str, sums: Sums) {
    acc.total.merge(&sums);
    let at = match acc.topics.iter().position(|((tr, tp), _)| tr == track && tp == topic) {
        Some(i) => i,
        None => {
            acc.topics.push(((track.to_string(), topic.to_string()), Sums::default()));
            acc.topics.len() - 1
        }
    };
    acc.topics[at].1.merge(&sums);
    acc.questions.insert(id, (sums, at));
}

/// Adds a per-question row: id, track, topic, attempts, score sum, last
/// time, skipped, over time, time used, time limit (both scans select
/// these columns in this order).
fn add_question_row(acc: &mut Acc, r: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
    let sums = Sums { attempts: r.get::<_, i64>(3)? as u64, score: r.get(4)?, last: r.get(5)? };
    acc.skipped += r.get::<_, i64>(6)? as u64;
    acc.overtime += r.get::<_, i64>(7)? as u64;
    acc.used += r.get::<_, i64>(8)?;
    acc.limit += r.get::<_, i64>(9)?;
    acc.ticked += r.get::<_, i64>(10)?.max(0) as u64;
    acc.own += r.get::<_, i64>(11)?.max(0) as u64;
    // Names from the history are printed: made safe for a terminal here.
    let id = crate::text::sanitize_line(&r.get::<_, String>(0)?);
    let (track, topic) = (crate::text::sanitize_line(text(r, 1)?), crate::text::sanitize_line(text(r, 2)?));
    add_question(acc, id, &track, &topic, sums);
    Ok(())
}

/// Text of a column without copying it.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

/// Reads the running totals kept beside the attempts: thousands of rows
/// however many attempts there are.
fn scan_summaries(store: &Store, scope: &Scope, acc: &mut Acc) -> rusqlite::Result<()> {
    let conn = store.conn();
    let (cond, args): (&str, Vec<rusqlite::types::Value>) = match &scope.topic {
        Some(t) => ("topic = ?1 OR track = ?1", vec![rusqlite::types::Value::Text(t.clone())]),
        None => ("1 = 1", Vec::new()),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT question_id, track, topic, attempts, score_sum, last_at, skipped, overtime, time_used_ms, time_limit_ms,
            ticked, self_credited
         FROM question_stats WHERE {cond}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        add_question_row(acc, r)?;
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT day, SUM(attempts), SUM(score_sum), MAX(last_at) FROM day_stats WHERE {cond} GROUP BY day"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        acc.days.insert(r.get(0)?, Sums { attempts: r.get::<_, i64>(1)? as u64, score: r.get(2)?, last: r.get(3)? });
    }
    acc.rounds = match &scope.topic {
        None => conn.query_row("SELECT COUNT(*) FROM rounds WHERE attempts > 0", [], |r| r.get::<_, i64>(0))?,
        Some(t) => {
            conn.query_row("SELECT COUNT(DISTINCT round_id) FROM attempts WHERE topic = ?1 OR track = ?1", [t], |r| {
                r.get::<_, i64>(0)
            })?
        }
    } as u64;
    Ok(())
}

/// Aggregates the attempts themselves (for `--since`), with SQLite doing
/// the per-row work: per question (streamed from the covering index in
/// question order), per day, and the distinct rounds.
fn scan_attempts(store: &Store, scope: &Scope, offset_ms: i64, acc: &mut Acc) -> rusqlite::Result<()> {
    let conn = store.conn();
    let (cond, args) = scope.sql();
    let mut stmt = conn.prepare(&format!(
        "SELECT question_id, MAX(track), MAX(topic), COUNT(*), SUM({SCORE}), MAX(finished_at), SUM(skipped), SUM(overtime),
            SUM(time_used_ms), SUM(time_limit_ms), SUM(CASE WHEN skipped THEN 0 ELSE covered END),
            SUM(CASE WHEN skipped THEN 0 ELSE credited_by_hand END)
         FROM attempts INDEXED BY attempts_for_stats WHERE {cond} GROUP BY question_id"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        add_question_row(acc, r)?;
    }
    let n = args.len() + 1;
    let mut with_offset = args.clone();
    with_offset.push(rusqlite::types::Value::Integer(offset_ms));
    let mut stmt = conn.prepare(&format!(
        "SELECT (finished_at + ?{n}) / {DAY_MS} AS d, COUNT(*), SUM({SCORE}), MAX(finished_at)
         FROM attempts INDEXED BY attempts_for_stats WHERE {cond} GROUP BY d"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(with_offset.iter()))?;
    while let Some(r) = rows.next()? {
        acc.days.insert(r.get(0)?, Sums { attempts: r.get::<_, i64>(1)? as u64, score: r.get(2)?, last: r.get(3)? });
    }
    acc.rounds = conn.query_row(
        &format!("SELECT COUNT(DISTINCT round_id) FROM attempts INDEXED BY attempts_for_stats WHERE {cond}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get::<_, i64>(0),
    )? as u64;
    Ok(())
}

impl Acc {
    fn finish(self, reviews: &[(String, ReviewState)], now: Timestamp, keep: &dyn Fn(&str) -> bool) -> Stats {
        let mut due = 0;
        let mut due_week = 0;
        let mut next_due: Option<Timestamp> = None;
        let week = now + SignedDuration::from_hours(24 * 7);
        let mut readiness: Vec<(f64, u32)> = vec![(0.0, 0); self.topics.len()];
        for (id, state) in reviews {
            let Some((_, topic)) = self.questions.get(id) else { continue };
            if !keep(id) {
                continue;
            }
            let entry = &mut readiness[*topic];
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
        let mut topics: Vec<TopicStats> = self
            .topics
            .iter()
            .zip(&readiness)
            .map(|(((track, topic), sums), (ready, n))| TopicStats {
                track: track.clone(),
                topic: topic.clone(),
                attempts: sums.attempts,
                mean_score: sums.mean(),
                last_practised: from_ms(sums.last),
                readiness: (*n > 0).then(|| ready / f64::from(*n)),
            })
            .collect();
        topics.sort_by(|a, b| b.attempts.cmp(&a.attempts).then_with(|| a.topic.cmp(&b.topic)));
        let mut weakest: Vec<(&String, &Sums, &(String, String))> =
            self.questions.iter().map(|(id, (sums, topic))| (id, sums, &self.topics[*topic].0)).collect();
        weakest
            .sort_by(|a, b| a.1.mean().total_cmp(&b.1.mean()).then(b.1.attempts.cmp(&a.1.attempts)).then(a.0.cmp(b.0)));
        let weakest = weakest
            .into_iter()
            .take(5)
            .map(|(id, sums, key)| WeakQuestion {
                id: id.clone(),
                title: String::new(),
                topic: key.1.clone(),
                attempts: sums.attempts,
                mean_score: sums.mean(),
            })
            .collect();
        let mut days: Vec<(i64, Sums)> = self.days.into_iter().collect();
        days.sort_by_key(|d| std::cmp::Reverse(d.0));
        let today = super::store::local_day(now);
        let mut streak = 0;
        let mut expect = if days.first().is_some_and(|d| d.0 == today) { today } else { today - 1 };
        for (d, _) in &days {
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
            .map(|(d, sums)| Day {
                day: Timestamp::from_millisecond(d * DAY_MS)
                    .map(|t| t.strftime("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                attempts: sums.attempts,
                mean_score: sums.mean(),
            })
            .collect();
        let n = self.total.attempts;
        Stats {
            rounds: self.rounds,
            attempts: n,
            skipped: self.skipped,
            mean_score: (n > 0).then(|| self.total.mean()),
            time_used_ms: self.used,
            time_limit_ms: self.limit,
            overtime_rate: (n > 0).then(|| self.overtime as f64 / n as f64),
            streak_days: streak,
            due,
            due_this_week: due_week,
            next_due: if due == 0 { next_due } else { None },
            topics,
            weakest,
            days,
            calibration: super::Calibration::default(),
            loops: Vec::new(),
            readiness_on_day: None,
            leeches: Vec::new(),
        }
    }
}
