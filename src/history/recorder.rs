//! Saving each graded or skipped question the moment it is done, from plain
//! mode and the interface alike. A history that cannot be opened or written
//! never stops a round: the recorder keeps the unsaved answers, retries them
//! with every later one (a disk may be freed meanwhile), and keeps a warning
//! to show until they are saved.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::bank::Level;
use crate::history::{AttemptRecord, Grade, PartRecord, Store};
use crate::round::Item;

/// Saves attempts to the history, or explains why it cannot.
pub struct Recorder {
    dir: PathBuf,
    store: Option<Store>,
    /// Done items not saved yet, oldest first.
    pending: Vec<AttemptRecord>,
    /// Why the last try to save them failed.
    failure: Option<String>,
    round: Option<i64>,
    seed: u64,
    mode: &'static str,
    base_wall: Timestamp,
    base_mono: Duration,
    /// What went wrong, for the user to see; `None` while all is well.
    pub warning: Option<String>,
    /// Attempts saved so far.
    pub saved: usize,
    /// This round is cramming: saved, but the review schedule is left alone.
    pub cram: bool,
    /// The loop being run: its id and title, its run row once one is
    /// written, and the signal of the current round.
    looping: Option<Looping>,
}

/// A loop run in progress, as the history records it.
struct Looping {
    id: String,
    title: String,
    run: Option<i64>,
    signal: String,
}

/// The stages and follow-ups of a done item, as stored.
fn parts(item: &Item, mono: Duration) -> Vec<PartRecord> {
    let clock = item.elapsed(mono);
    let record = |kind: &str, p: &crate::round::Part, mark: Option<String>| PartRecord {
        kind: kind.to_string(),
        index: p.index,
        answer: p.answer.clone(),
        time_used_ms: p.used(clock).as_millis() as u64,
        overtime: p.over(clock),
        hint: p.hint,
        mark,
    };
    let stages = item.stages.iter().map(|p| record("stage", p, None));
    let follow_ups = item.follow_ups.iter().map(|p| record("follow_up", p, Some(p.mark.as_str().to_string())));
    stages.chain(follow_ups).collect()
}

impl Recorder {
    /// Opens the history in `dir`. `now` is the wall time matching the
    /// monotonic `mono`, so later monotonic readings map to wall times.
    pub fn open(dir: &Path, now: Timestamp, mono: Duration, seed: u64, mode: &'static str) -> Recorder {
        let (store, warning) = match Store::open(dir) {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(format!("answers are not being saved: {e}"))),
        };
        Recorder {
            dir: dir.to_path_buf(),
            store,
            pending: Vec::new(),
            failure: None,
            round: None,
            seed,
            mode,
            base_wall: now,
            base_mono: mono,
            warning,
            saved: 0,
            cram: false,
            looping: None,
        }
    }

    /// The wall time at a monotonic reading.
    pub fn wall(&self, mono: Duration) -> Timestamp {
        let since = SignedDuration::try_from(mono.saturating_sub(self.base_mono)).unwrap_or(SignedDuration::ZERO);
        self.base_wall + since
    }

    /// Starts a new round: the next attempt opens a new round row.
    pub fn new_round(&mut self, seed: u64, cram: bool) {
        // Unsaved answers of the round before belong to it, not this one.
        self.flush();
        self.round = None;
        self.seed = seed;
        self.cram = cram;
    }

    /// A loop starts: its rounds are recorded as one run.
    pub fn begin_loop(&mut self, id: &str, title: &str) {
        self.flush();
        self.looping = Some(Looping { id: id.to_string(), title: title.to_string(), run: None, signal: String::new() });
    }

    /// A round of the loop starts, drawn with `seed`, scoring `signal`.
    pub fn loop_round(&mut self, seed: u64, signal: &str) {
        self.new_round(seed, false);
        if let Some(l) = self.looping.as_mut() {
            l.signal = signal.to_string();
        }
    }

    /// The loop is over: its scorecard is kept with the run (when any
    /// answer of it was saved).
    pub fn finish_loop(&mut self, scorecard: &crate::round::scorecard::Scorecard, mono: Duration) {
        self.flush();
        let finished = self.wall(mono);
        let Some(Looping { run: Some(run), .. }) = self.looping.take() else { return };
        let json = serde_json::to_string(scorecard).unwrap_or_default();
        if let Some(store) = self.store.as_ref()
            && let Err(e) = store.finish_loop_run(run, finished, &json)
        {
            self.warning = Some(format!("the loop's scorecard was not saved: {e}"));
        }
    }

    /// Saves a done item (graded or skipped) at monotonic time `mono`,
    /// with any earlier ones that could not be saved. Returns the grade, or
    /// `None` when it could not be saved yet (the warning says why).
    pub fn record(&mut self, item: &Item, level: Level, mono: Duration) -> Option<Grade> {
        let outcome = item.outcome.as_ref()?;
        let finished_at = self.wall(mono);
        let q = &item.question;
        self.pending.push(AttemptRecord {
            round_id: None,
            question_id: q.id.to_string(),
            track: q.track.to_string(),
            topic: q.topic.to_string(),
            title: q.title.to_string(),
            started_at: finished_at - SignedDuration::try_from(outcome.time_used).unwrap_or(SignedDuration::ZERO),
            finished_at,
            time_used: outcome.time_used,
            time_limit: item.limit,
            level_shown: level,
            // What earned credit: a staged round's capped stages keep only
            // the points their hint allows.
            covered_points: if outcome.skipped { Vec::new() } else { item.credited_points() },
            self_credited: if outcome.skipped {
                Vec::new()
            } else {
                let own = |i: &usize| item.evidence.get(*i).is_none_or(Vec::is_empty);
                item.credited_points().into_iter().filter(own).collect()
            },
            confidence: item.confidence.map(|c| c.get()),
            parts: parts(item, mono),
            total: outcome.total,
            answer: item.answer.clone(),
            skipped: outcome.skipped,
            overtime: outcome.overtime,
            cram: self.cram,
        });
        self.flush()
    }

    /// Answers done but not saved yet.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Tries once more to save what is pending; returns the grade of the
    /// newest answer when everything is saved.
    pub fn flush(&mut self) -> Option<Grade> {
        if self.pending.is_empty() {
            return None;
        }
        match self.write() {
            Ok(grade) => {
                self.saved += self.pending.len();
                self.pending.clear();
                self.warning = None;
                self.failure = None;
                grade
            }
            Err(e) => {
                let n = self.pending.len();
                let what =
                    format!("{} {}", crate::text::count(n, "answer", "answers"), crate::text::plural(n, "is", "are"));
                self.warning = Some(format!(
                    "{what} not saved yet: {e}; drill keeps them and tries again with each answer, so fix this before quitting"
                ));
                self.failure = Some(e.to_string());
                None
            }
        }
    }

    /// The last try, when the round is over: `None` when everything is
    /// saved, else a message naming what could not be saved, with the typed
    /// answers themselves so the user still has them.
    pub fn finish(&mut self) -> Option<String> {
        self.flush();
        if self.pending.is_empty() {
            return None;
        }
        let n = self.pending.len();
        let reason = self.failure.as_deref().unwrap_or("the history is unavailable");
        let mut out = format!(
            "{n} {} could not be saved: {reason}. So that nothing typed is lost, here {}:",
            crate::text::plural(n, "answer", "answers"),
            crate::text::plural(n, "it is", "they are")
        );
        for r in &self.pending {
            let answer =
                if r.skipped { "(skipped)".to_string() } else { crate::text::sanitize(&r.answer).into_owned() };
            out.push_str(&format!("\n\n{} · {}\n{}", r.question_id, r.title, answer.trim_end()));
        }
        Some(out)
    }

    fn write(&mut self) -> Result<Option<Grade>, crate::history::StoreError> {
        if self.store.is_none() {
            self.store = Some(Store::open(&self.dir)?);
        }
        let store = self.store.as_mut().expect("opened above");
        let round = match self.round {
            Some(id) => id,
            None => {
                let first = self.pending[0].finished_at;
                let id = store.start_round(first, self.seed, self.mode)?;
                if let Some(l) = self.looping.as_mut() {
                    let run = match l.run {
                        Some(run) => run,
                        None => *l.run.insert(store.start_loop_run(&l.id, &l.title, first)?),
                    };
                    store.place_round(id, run, &l.signal)?;
                }
                self.round = Some(id);
                id
            }
        };
        for record in &mut self.pending {
            record.round_id.get_or_insert(round);
        }
        Ok(store.record_many(&self.pending)?.pop().map(|(grade, _)| grade))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Round, RoundSettings};

    fn graded_round(n: usize) -> Round {
        let questions: Vec<_> = (0..n).map(crate::bank::model::sample_question).collect();
        let settings = RoundSettings {
            time: None,
            level: None,
            seed: 1,
            defaults: crate::round::DEFAULT_TIMES,
            interview: Default::default(),
        };
        let mut round = Round::new(questions, settings);
        round.start(Duration::ZERO);
        for i in 0..n {
            let at = Duration::from_secs(30 * (i as u64 + 1));
            round.reveal(at);
            round.toggle_point(0);
            round.grade(at);
        }
        round
    }

    fn count(dir: &Path) -> i64 {
        let store = Store::open(dir).unwrap();
        store.conn().query_row("SELECT count(*) FROM attempts", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_full_disk_keeps_answers_until_there_is_room() {
        let tmp = tempfile::tempdir().unwrap();
        let round = graded_round(3);
        let mut rec = Recorder::open(tmp.path(), Timestamp::UNIX_EPOCH, Duration::ZERO, 1, "plain");
        assert!(rec.record(&round.items()[0], Level::Mid, Duration::from_secs(60)).is_some());
        // SQLite's page cap stands in for a full disk: the file cannot grow.
        let conn = rec.store.as_ref().unwrap().conn();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        conn.execute_batch(&format!("PRAGMA max_page_count = {pages}")).unwrap();
        let mut long = round.items()[1].clone();
        long.answer = "x".repeat(64 * 1024);
        assert_eq!(rec.record(&long, Level::Mid, Duration::from_secs(120)), None);
        let warning = rec.warning.clone().unwrap();
        assert!(warning.contains("1 answer is not saved yet"), "{warning}");
        assert!(warning.contains("full"), "{warning}");
        assert_eq!((rec.saved, rec.unsaved()), (1, 1));
        assert!(rec.record(&round.items()[2], Level::Mid, Duration::from_secs(150)).is_none());
        let lost = rec.finish().unwrap();
        assert!(lost.starts_with("2 answers could not be saved: history file"), "{lost}");
        assert!(
            lost.contains(&format!("{} · Question 1\n{}", round.items()[1].question.id, "x".repeat(100))),
            "{lost}"
        );
        assert_eq!(rec.unsaved(), 2, "finishing keeps them for a later try");

        // Space comes back: the next answer saves both, in order.
        rec.store.as_ref().unwrap().conn().execute_batch("PRAGMA max_page_count = 1073741823").unwrap();
        assert!(rec.finish().is_none());
        assert_eq!((rec.saved, rec.unsaved(), rec.warning.as_deref()), (3, 0, None));
        assert_eq!(count(tmp.path()), 3);
    }

    #[test]
    fn ticks_without_evidence_are_stored_as_the_candidates_own_call() {
        let tmp = tempfile::tempdir().unwrap();
        let round = graded_round(1);
        let mut item = round.items()[0].clone();
        item.covered[1] = true;
        item.evidence[1] = vec!["the words that earned it".into()];
        let mut rec = Recorder::open(tmp.path(), Timestamp::UNIX_EPOCH, Duration::ZERO, 1, "plain");
        assert!(rec.record(&item, Level::Mid, Duration::from_secs(60)).is_some());
        let store = Store::open(tmp.path()).unwrap();
        let back = crate::history::query::attempts(&store, &Default::default(), 1).unwrap();
        assert_eq!(back[0].covered_points, [0, 1]);
        assert_eq!(back[0].record.self_credited, [0], "point 0 was ticked by hand, point 1 by the grader");
    }

    #[test]
    fn a_history_that_cannot_open_yet_is_retried() {
        let tmp = tempfile::tempdir().unwrap();
        let blocked = tmp.path().join("data");
        std::fs::write(&blocked, "a file where the directory should be").unwrap();
        let round = graded_round(2);
        let mut rec = Recorder::open(&blocked, Timestamp::UNIX_EPOCH, Duration::ZERO, 1, "plain");
        assert!(rec.warning.is_some());
        assert_eq!(rec.record(&round.items()[0], Level::Mid, Duration::from_secs(60)), None);
        std::fs::remove_file(&blocked).unwrap();
        assert!(rec.record(&round.items()[1], Level::Mid, Duration::from_secs(90)).is_some());
        assert_eq!(count(&blocked), 2);
    }
}
