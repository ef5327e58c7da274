//! Store tests on temporary files, with fixed timestamps.

use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::history::query::{self, Scope};
use crate::history::stats;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub(crate) fn record(id: &str, topic: &str, covered: &[usize], total: usize, finished: &str) -> AttemptRecord {
    let finished_at = at(finished);
    AttemptRecord {
        round_id: None,
        question_id: id.into(),
        track: "backend".into(),
        topic: topic.into(),
        title: format!("Title of {id}"),
        started_at: finished_at - jiff::SignedDuration::from_secs(90),
        finished_at,
        time_used: Duration::from_secs(90),
        time_limit: Duration::from_secs(240),
        level_shown: Level::Mid,
        covered_points: covered.to_vec(),
        self_credited: covered.iter().copied().filter(|i| *i == 0).collect(),
        confidence: None,
        parts: Vec::new(),
        total,
        answer: format!("typed for {id}"),
        skipped: false,
        overtime: false,
        cram: false,
    }
}

#[test]
fn attempts_round_trip_with_their_review_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let round = store.start_round(at("2026-03-01T10:00:00Z"), 42, "plain").unwrap();
    let mut a = record("q-one", "caching", &[0, 2], 4, "2026-03-01T10:02:00Z");
    a.round_id = Some(round);
    let (grade, state) = store.record(&a).unwrap();
    assert_eq!(grade, Grade::Hard);
    assert_eq!(store.review("q-one").unwrap(), Some(state));
    let back = query::attempts(&store, &Scope::default(), 10).unwrap();
    assert_eq!(back.len(), 1);
    let b = &back[0];
    assert_eq!((b.question_id.as_str(), b.round_id, b.covered(), b.total), ("q-one", Some(round), 2, 4));
    assert_eq!(b.covered_points, [0, 2]);
    assert_eq!(b.answer, "typed for q-one");
    assert_eq!(b.grade, Grade::Hard);
    assert_eq!(b.record, a, "read back as saved");
    assert_eq!(b.finished_at, at("2026-03-01T10:02:00Z"));
    assert_eq!((b.time_used.as_millis(), b.time_limit.as_millis()), (90_000, 240_000));
    drop(store);
    let reopened = Store::open(dir.path()).unwrap();
    assert_eq!(query::attempts(&reopened, &Scope::default(), 10).unwrap(), back, "kept across opens");
}

#[test]
fn migrates_an_empty_file_and_a_version_1_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::File::create(&empty).unwrap();
    let store = Store::open_file(&empty).unwrap();
    assert_eq!(migrate::version(store.conn()).unwrap(), migrate::CURRENT);

    let old = dir.path().join("v1.db");
    {
        let mut conn = Connection::open(&old).unwrap();
        migrate::migrate_to(&mut conn, 1).unwrap();
        conn.execute("INSERT INTO rounds (started_at, seed) VALUES (1000, 7)", []).unwrap();
        conn.execute(
            "INSERT INTO attempts (round_id, question_id, track, topic, title, started_at, finished_at, time_used_ms,
                time_limit_ms, level_shown, covered, total, answer, grade, skipped, overtime)
             VALUES (1, 'q-old', 'backend', 'queues', 'Old', 1000, 61000, 60000, 240000, 'mid', 3, 4, 'old answer', 'good', 0, 0)",
            [],
        )
        .unwrap();
        assert_eq!(migrate::version(&conn).unwrap(), 1);
    }
    let store = Store::open_file(&old).unwrap();
    assert_eq!(migrate::version(store.conn()).unwrap(), migrate::CURRENT);
    let back = query::attempts(&store, &Scope::default(), 10).unwrap();
    assert_eq!(back[0].answer, "old answer");
    assert_eq!(back[0].covered_points, Vec::<usize>::new(), "the new column gets its default");
    let mode: String = store.conn().query_row("SELECT mode FROM rounds", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "plain");
    let s = stats::stats(&store, &Scope::default(), at("2026-01-01T00:00:00Z"), |_| true).unwrap();
    assert_eq!((s.attempts, s.rounds), (1, 1), "the summaries were built from the old attempts");
    assert!((s.mean_score.unwrap() - 0.75).abs() < 1e-9);
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrate::CURRENT + 5).unwrap();
    }
    let err = Store::open(dir.path()).err().unwrap().to_string();
    assert!(
        err.contains(&format!(
            "has schema version {}, newer than this drill knows ({})",
            migrate::CURRENT + 5,
            migrate::CURRENT
        )),
        "{err}"
    );
    assert!(err.contains("upgrade drill, or use --data-dir"));
    let conn = Connection::open(&path).unwrap();
    assert_eq!(migrate::version(&conn).unwrap(), migrate::CURRENT + 5);
}

#[test]
fn a_corrupt_file_is_reported_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    let junk = b"this is not a database, it is a grocery list: eggs, milk, more eggs, and a few hundred bytes of padding so SQLite reads a whole header..........................................".repeat(4);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(dir.path()).err().unwrap().to_string();
    assert!(err.starts_with(&format!("history file `{}` is not a readable drill history (", path.display())), "{err}");
    assert!(err.contains("it was left untouched: move it aside"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is unchanged");
}

/// Makes `dir` read-only for this process: permissions first, then the
/// immutable attribute, which also binds root. Returns an undo action, or
/// `None` when neither works here.
pub(crate) fn make_read_only(dir: &std::path::Path) -> Option<Box<dyn Fn()>> {
    let writable = |d: &std::path::Path| {
        std::fs::write(d.join(".probe"), b"").map(|_| std::fs::remove_file(d.join(".probe"))).is_ok()
    };
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
    let owned = dir.to_path_buf();
    let undo_mode = move || {
        let _ = std::fs::set_permissions(&owned, std::fs::Permissions::from_mode(0o755));
    };
    if !writable(dir) {
        return Some(Box::new(undo_mode));
    }
    let chattr = std::process::Command::new("chattr").arg("+i").arg(dir).status();
    let owned = dir.to_path_buf();
    let undo = move || {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&owned).status();
        undo_mode();
    };
    if chattr.is_ok_and(|s| s.success()) && !writable(dir) {
        return Some(Box::new(undo));
    }
    undo();
    None
}

#[test]
fn a_read_only_directory_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let Some(undo) = make_read_only(dir.path()) else {
        eprintln!("SKIPPED: this filesystem cannot make a directory read-only for this user");
        return;
    };
    let err = Store::open(dir.path()).err().map(|e| e.to_string());
    undo();
    let err = err.expect("opening a history in a read-only directory fails");
    assert!(err.contains(&format!("`{}`", dir.path().join(FILE).display())), "{err}");
    assert!(err.contains("cannot be written") && err.contains("check the permissions"), "{err}");
}

#[test]
fn a_file_that_cannot_be_created_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be: SQLite cannot open it.
    std::fs::create_dir(dir.path().join(FILE)).unwrap();
    let err = Store::open(dir.path()).err().unwrap().to_string();
    assert!(err.contains(&format!("`{}`", dir.path().join(FILE).display())), "{err}");
}

#[test]
fn due_questions_most_overdue_first_and_removed_ones_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.record(&record("easy-one", "caching", &[0, 1, 2, 3], 4, "2026-03-01T10:00:00Z")).unwrap();
    store.record(&record("again-one", "caching", &[], 4, "2026-03-01T10:05:00Z")).unwrap();
    store.record(&record("again-early", "queues", &[0], 4, "2026-03-01T09:00:00Z")).unwrap();
    store.record(&record("removed", "queues", &[], 4, "2026-03-01T08:00:00Z")).unwrap();
    let next_day = at("2026-03-02T10:00:00Z");
    let due = query::due(&store, next_day, |id| id != "removed").unwrap();
    let ids: Vec<&str> = due.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["again-early", "again-one"], "again before easy; earliest due first");
    let next = query::next_due(&store, next_day, |_| true).unwrap().unwrap();
    assert_eq!(next.0, "easy-one");
}

#[test]
fn cram_is_kept_in_the_history_but_leaves_the_schedule_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.record(&record("q", "caching", &[0, 1], 4, "2026-03-01T10:00:00Z")).unwrap();
    let before = store.reviews().unwrap();
    let mut cram = record("q", "caching", &[], 4, "2026-03-02T10:00:00Z");
    cram.cram = true;
    store.record(&cram).unwrap();
    let mut fresh = record("never-reviewed", "caching", &[0], 4, "2026-03-02T11:00:00Z");
    fresh.cram = true;
    store.record(&fresh).unwrap();
    assert_eq!(store.reviews().unwrap(), before, "review states byte for byte as they were");
    let all = query::attempts(&store, &Scope::default(), 10).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[0].cram && all[1].cram && !all[2].cram);
}

#[test]
fn review_asks_confident_misses_first() {
    let due_order = |rated: bool| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // Both missed and due; the later one was answered "certain".
        store.record(&record("unsure-miss", "caching", &[], 4, "2026-03-01T09:00:00Z")).unwrap();
        let mut certain = record("certain-miss", "caching", &[], 4, "2026-03-01T10:00:00Z");
        certain.confidence = rated.then_some(4);
        store.record(&certain).unwrap();
        let due = query::due(&store, at("2026-03-09T10:00:00Z"), |_| true).unwrap();
        due.into_iter().map(|(id, _)| id).collect::<Vec<_>>()
    };
    assert_eq!(due_order(false), ["unsure-miss", "certain-miss"], "most overdue first");
    assert_eq!(due_order(true), ["certain-miss", "unsure-miss"], "a confident miss jumps the queue");
}

#[test]
fn stats_per_topic_streak_and_clear() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.record(&record("a", "caching", &[0, 1, 2, 3], 4, "2026-03-01T10:00:00Z")).unwrap();
    store.record(&record("b", "caching", &[0], 4, "2026-03-02T10:00:00Z")).unwrap();
    store.record(&record("c", "queues", &[0, 1], 4, "2026-03-03T10:00:00Z")).unwrap();
    let now = at("2026-03-03T12:00:00Z");
    let s = stats::stats(&store, &Scope::default(), now, |_| true).unwrap();
    assert_eq!((s.attempts, s.rounds), (3, 0));
    assert!((s.mean_score.unwrap() - (1.0 + 0.25 + 0.5) / 3.0).abs() < 1e-9);
    assert_eq!(s.topics[0].topic, "caching");
    assert_eq!(s.topics[0].attempts, 2);
    assert!((s.topics[0].mean_score - 0.625).abs() < 1e-9);
    assert!(s.topics[0].readiness.unwrap() > 0.0);
    assert_eq!(s.weakest[0].id, "b");
    assert_eq!(s.days.len(), 3);
    assert!(s.streak_days >= 2, "three days in a row, whatever the local zone: {}", s.streak_days);
    let scoped =
        stats::stats(&store, &Scope { topic: Some("queues".into()), ..Scope::default() }, now, |_| true).unwrap();
    assert_eq!(scoped.attempts, 1);
    assert_eq!(store.clear(Some("caching")).unwrap(), (2, 2, 0));
    assert_eq!(store.review("a").unwrap(), None);
    assert!(store.review("c").unwrap().is_some());
    assert_eq!(store.clear(None).unwrap(), (1, 1, 0));
}

#[test]
fn summaries_agree_with_the_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let round = store.start_round(at("2026-03-01T10:00:00Z"), 1, "plain").unwrap();
    let mut records = Vec::new();
    for (i, (id, topic, covered)) in
        [("a", "caching", 3), ("b", "caching", 1), ("a", "caching", 4), ("c", "queues", 0), ("d", "queues", 2)]
            .iter()
            .enumerate()
    {
        let mut r = record(id, topic, &(0..*covered).collect::<Vec<_>>(), 4, &format!("2026-03-0{}T10:00:00Z", i + 1));
        r.round_id = Some(round);
        r.skipped = i == 3;
        r.overtime = i == 1;
        records.push(r);
    }
    store.record_many(&records).unwrap();
    let now = at("2026-03-06T12:00:00Z");
    let from_summaries = stats::stats(&store, &Scope::default(), now, |_| true).unwrap();
    let from_attempts =
        stats::stats(&store, &Scope { since: Some(at("2000-01-01T00:00:00Z")), ..Scope::default() }, now, |_| true)
            .unwrap();
    assert_eq!(from_summaries, from_attempts);
    assert_eq!((from_summaries.attempts, from_summaries.rounds, from_summaries.skipped), (5, 1, 1));
    let topic = Scope { topic: Some("queues".into()), ..Scope::default() };
    let scoped = stats::stats(&store, &topic, now, |_| true).unwrap();
    assert_eq!((scoped.attempts, scoped.rounds), (2, 1));
    store.clear(Some("queues")).unwrap();
    let after = stats::stats(&store, &Scope::default(), now, |_| true).unwrap();
    assert_eq!(after.attempts, 3);
    assert_eq!(after.topics.len(), 1);
}
