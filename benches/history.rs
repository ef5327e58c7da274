//! History benchmarks over a generated history of 100,000 attempts on a
//! 10,000-question bank: recording one attempt, the stats, and selecting
//! the due questions among 10,000 review states.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use drill::bank::Level;
use drill::history::{AttemptRecord, Scope, Store, query, stats};

fn benches(c: &mut Criterion) {
    let bank = drill::synth::bank(1, 10_000, 100);
    let dir = tempfile::tempdir().unwrap();
    let end: jiff::Timestamp = "2026-06-01T12:00:00Z".parse().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    drill::synth::history(&mut store, &bank.questions, 100_000, end, 7).unwrap();
    let mut g = c.benchmark_group("history");
    g.sample_size(20);
    g.bench_function("stats_100k", |b| {
        b.iter(|| {
            black_box(stats::stats(&store, &Scope::default(), end, |id| bank.get(id).is_some()).unwrap().attempts)
        })
    });
    g.bench_function("stats_100k_one_topic", |b| {
        let scope = Scope { topic: Some("topic-7".into()), ..Scope::default() };
        b.iter(|| black_box(stats::stats(&store, &scope, end, |_| true).unwrap().attempts))
    });
    g.bench_function("stats_100k_since", |b| {
        let scope = Scope { since: Some("2026-01-01T00:00:00Z".parse().unwrap()), ..Scope::default() };
        b.iter(|| black_box(stats::stats(&store, &scope, end, |_| true).unwrap().attempts))
    });
    g.bench_function("due_10k_reviews", |b| b.iter(|| black_box(query::due(&store, end, |_| true).unwrap().len())));
    // A plan over the whole bank to a date a month away, from the history.
    let interview = end.to_zoned(jiff::tz::TimeZone::system()).date().checked_add(jiff::Span::new().days(30)).unwrap();
    let everything = drill::bank::Filter::default();
    g.bench_function("plan_10k_questions_100k_attempts", |b| {
        b.iter(|| {
            black_box(
                drill::history::planner::build(&bank, &store, &everything, interview, 45, end).unwrap().days.len(),
            )
        })
    });
    let q = &bank.questions[42];
    let mut i = 0u64;
    g.bench_function("record_attempt", |b| {
        b.iter(|| {
            i += 1;
            let finished_at = end + jiff::SignedDuration::from_secs(i as i64);
            let record = AttemptRecord {
                round_id: None,
                question_id: q.id.to_string(),
                track: q.track.to_string(),
                topic: q.topic.to_string(),
                title: q.title.to_string(),
                started_at: finished_at,
                finished_at,
                time_used: Duration::from_secs(90),
                time_limit: Duration::from_secs(240),
                level_shown: Level::Mid,
                covered_points: vec![0, 2],
                self_credited: vec![2],
                confidence: None,
                parts: Vec::new(),
                total: 5,
                answer: "a typed answer of a realistic length, a few sentences long".into(),
                skipped: false,
                overtime: false,
                cram: false,
            };
            black_box(store.record(&record).unwrap())
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
