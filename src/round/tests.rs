//! Round engine tests, driven by a manual clock.

use std::time::Duration;

use super::*;
use crate::bank::model::sample_questions;

fn round(n: usize, time: Option<u64>) -> (Round, ManualClock) {
    let settings = RoundSettings {
        time: time.map(Duration::from_secs),
        level: None,
        seed: 1,
        defaults: DEFAULT_TIMES,
        interview: Interview::default(),
    };
    let mut r = Round::new(sample_questions(n), settings);
    let clock = ManualClock::new();
    r.start(clock.now());
    (r, clock)
}

#[test]
fn limits_come_from_difficulty_or_the_round() {
    let (r, _) = round(1, None);
    assert_eq!(r.current().unwrap().limit, Duration::from_secs(120));
    let (r, _) = round(1, Some(45));
    assert_eq!(r.current().unwrap().limit, Duration::from_secs(45));
}

#[test]
fn configured_difficulty_times_apply_to_questions_without_their_own() {
    let mut questions = sample_questions(2);
    questions[1].time_limit = crate::bank::TimeLimit::parse("3m");
    let defaults = [Duration::from_secs(30), Duration::from_secs(60), Duration::from_secs(90)];
    let r = Round::new(
        questions,
        RoundSettings { time: None, level: None, seed: 1, defaults, interview: Interview::default() },
    );
    assert_eq!(r.items()[0].limit, Duration::from_secs(30), "easy, from the config");
    assert_eq!(r.items()[1].limit, Duration::from_secs(180), "the question's own limit wins");
}

#[test]
fn expiry_reveals_with_overtime_and_keeps_counting() {
    let (mut r, clock) = round(2, Some(60));
    clock.advance_secs(59);
    assert!(!r.tick(clock.now()));
    assert_eq!(r.current().unwrap().phase, Phase::Asking);
    assert_eq!(r.current().unwrap().remaining(clock.now()), Duration::from_secs(1));
    clock.advance_secs(1);
    assert!(r.tick(clock.now()));
    let item = r.current().unwrap();
    assert_eq!(item.phase, Phase::Revealed);
    assert!(item.overtime);
    clock.advance_secs(30);
    assert_eq!(r.current().unwrap().elapsed(clock.now()), Duration::from_secs(90));
    let outcome = r.grade(clock.now()).unwrap();
    assert!(outcome.overtime);
    assert_eq!(outcome.time_used, Duration::from_secs(90));
    // The next question's countdown starts at the grading moment.
    clock.advance_secs(5);
    assert_eq!(r.current().unwrap().elapsed(clock.now()), Duration::from_secs(5));
}

#[test]
fn early_reveal_stops_the_clock_and_pre_ticks() {
    let (mut r, clock) = round(1, None);
    r.set_answer("Protect against a stampede with a lock; set a time to live.".into());
    clock.advance_secs(40);
    r.reveal(clock.now());
    clock.advance_secs(500);
    assert!(!r.tick(clock.now()), "a revealed question never expires");
    let item = r.current().unwrap();
    assert!(!item.overtime);
    assert_eq!(item.covered, vec![true, true, false, false]);
    r.toggle_point(2);
    r.toggle_point(0);
    let outcome = r.grade(clock.now()).unwrap();
    assert_eq!((outcome.covered, outcome.total), (2, 4));
    assert_eq!(outcome.time_used, Duration::from_secs(40));
    assert!(r.is_finished());
}

#[test]
fn pause_stops_time() {
    let (mut r, clock) = round(1, Some(60));
    clock.advance_secs(10);
    r.toggle_pause(clock.now());
    assert_eq!(r.current().unwrap().phase, Phase::Paused);
    clock.advance_secs(1000);
    assert!(!r.tick(clock.now()));
    r.toggle_pause(clock.now());
    clock.advance_secs(5);
    assert_eq!(r.current().unwrap().elapsed(clock.now()), Duration::from_secs(15));
}

#[test]
fn skip_scores_zero_and_moves_on() {
    let (mut r, clock) = round(2, None);
    clock.advance_secs(7);
    let outcome = r.skip(clock.now()).unwrap();
    assert!(outcome.skipped);
    assert_eq!(outcome.score(), 0.0);
    assert_eq!(outcome.time_used, Duration::from_secs(7));
    assert_eq!(r.index(), 1);
    assert_eq!(r.current().unwrap().phase, Phase::Asking);
    // Grading is only possible once revealed.
    assert!(r.grade(clock.now()).is_none());
}

#[test]
fn graded_items_never_change() {
    let (mut r, clock) = round(2, None);
    r.reveal(clock.now());
    r.set_points(vec![true; 4]);
    r.grade(clock.now());
    let before = r.items()[0].outcome.clone();
    r.toggle_point(0);
    r.set_answer("changed".into());
    r.skip(clock.now());
    assert_eq!(r.items()[0].outcome, before);
    assert_eq!(r.items()[0].answer, "");
}

#[test]
fn summary_counts_unreached_questions_as_not_attempted() {
    let (mut r, clock) = round(3, None);
    r.reveal(clock.now());
    r.set_points(vec![true, true, true, false]);
    clock.advance_secs(3);
    r.grade(clock.now());
    let s = r.summary();
    assert_eq!(s.not_attempted, 2);
    assert_eq!(s.mean_score, Some(0.75));
    assert_eq!(s.items[0].missed, vec!["negative caching".to_string()]);
    assert_eq!(s.weakest_points(5), vec![("q-000", "negative caching")]);
}
