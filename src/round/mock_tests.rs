//! Mock interview and staged round tests, driven by a manual clock:
//! follow-ups ordered by what they probe, stage budgets and hints,
//! confidence, overtime and quitting mid-mock.

use std::time::Duration;

use super::*;
use crate::bank::model::sample_question;
use crate::bank::{FollowUp, Stage, TimeLimit};

/// A question with three follow-ups: the first presses on point 1, the
/// second on point 3, the third names none.
fn with_follow_ups(i: usize) -> Question {
    let mut q = sample_question(i);
    let f = |prompt: &str, answer: &str, probes: Vec<u16>| FollowUp {
        prompt: prompt.into(),
        answer: answer.into(),
        probes,
    };
    q.follow_ups = vec![
        f("What stops the stampede?", "A lock per key, so one caller refills.", vec![1]),
        f("Which keys are hot?", "The few keys most reads hit.", vec![3]),
        f("What about misses?", "Cache the miss briefly. Keep the TTL short.", vec![]),
    ];
    q
}

/// A question in two stages of 2 and 3 minutes, two points each, a hint
/// on the first.
fn staged(i: usize) -> Question {
    let mut q = sample_question(i);
    let stage = |title: &str, secs: u64, points: [&str; 2], hint: Option<&str>| Stage {
        title: title.into(),
        prompt: format!("{title}?").into(),
        time: TimeLimit(Duration::from_secs(secs)),
        key_points: points.map(|p| KeyPoint::plain(p, Level::Mid)).to_vec(),
        answer: "model".into(),
        hint: hint.map(Into::into),
    };
    q.stages = vec![
        stage("Scope", 120, ["read write ratio", "latency budget"], Some("Ask about reads and writes.")),
        stage("Data model", 180, ["orders table schema", "customer id index"], None),
    ];
    q.time_limit = Some(TimeLimit(Duration::from_secs(600)));
    q
}

fn mock(questions: Vec<Question>, follow_ups: usize, confidence: bool) -> (Round, ManualClock) {
    let interview = Interview { mock: true, follow_ups, follow_up_time: Duration::from_secs(90), confidence };
    let settings = RoundSettings { time: None, level: None, seed: 1, defaults: DEFAULT_TIMES, interview };
    let mut r = Round::new(questions, settings);
    let clock = ManualClock::new();
    r.start(clock.now());
    (r, clock)
}

use crate::bank::KeyPoint;

#[test]
fn follow_ups_that_press_on_a_miss_come_first() {
    let (mut r, clock) = mock(vec![with_follow_ups(0)], 2, false);
    // Covers point 1 (stampede), misses point 3 (hot keys).
    r.set_answer("I would add cache stampede protection with a lock.".into());
    clock.advance_secs(30);
    r.reveal(clock.now());
    let item = r.current().unwrap();
    assert_eq!(item.phase, Phase::Asking, "nothing is revealed in a mock");
    assert_eq!(item.step, Step::FollowUp(0));
    let asked: Vec<usize> = item.follow_ups.iter().map(|p| p.index).collect();
    assert_eq!(asked, vec![1, 0], "the hot-keys follow-up first, then the stampede one; two asked");
}

#[test]
fn follow_up_order_keeps_the_bank_order_within_each_group() {
    let q = with_follow_ups(0);
    assert_eq!(follow_up_order(&q, &[true, true, true, true]), vec![0, 1, 2]);
    assert_eq!(follow_up_order(&q, &[false, true, false, true]), vec![0, 1, 2]);
    assert_eq!(follow_up_order(&q, &[true, true, false, true]), vec![1, 0, 2]);
}

#[test]
fn follow_ups_run_on_their_own_clock_and_the_answer_time_stops() {
    let (mut r, clock) = mock(vec![with_follow_ups(0), sample_question(1)], 2, false);
    clock.advance_secs(50);
    r.reveal(clock.now());
    clock.advance_secs(100);
    let item = r.current().unwrap();
    assert_eq!(item.answer_time(clock.now()), Duration::from_secs(50));
    assert!(item.part().unwrap().over(item.elapsed(clock.now())), "100 s is past the 90 s follow-up");
    assert!(!r.tick(clock.now()), "a follow-up running over does not end it");
    r.set_answer("one lock per key".into());
    r.reveal(clock.now());
    assert_eq!(r.current().unwrap().step, Step::FollowUp(1));
    r.skip(clock.now());
    // The second follow-up skipped: the next question starts now.
    assert_eq!(r.index(), 1);
    assert_eq!(r.current().unwrap().phase, Phase::Asking);
    assert_eq!(r.items()[0].phase, Phase::Answered);
    assert_eq!(r.items()[0].follow_ups[0].used(r.items()[0].elapsed(clock.now())), Duration::from_secs(100));
    assert_eq!(r.items()[0].follow_ups[1].answer, "");
}

#[test]
fn a_mock_runs_over_without_revealing() {
    let (mut r, clock) = mock(vec![sample_question(0)], 0, false);
    clock.advance_secs(130);
    assert!(r.tick(clock.now()), "the limit ran out now");
    let item = r.current().unwrap();
    assert_eq!(item.phase, Phase::Asking);
    assert!(item.overtime);
    assert!(!r.tick(clock.now()), "only once");
    r.reveal(clock.now());
    // No follow-ups: straight to the debrief, the only question.
    assert!(r.in_debrief());
    let o = r.grade(clock.now()).unwrap();
    assert!(o.overtime);
    assert_eq!(o.time_used, Duration::from_secs(130));
    assert!(r.is_finished());
}

#[test]
fn the_debrief_comes_after_every_question_and_pre_marks_follow_ups() {
    let (mut r, clock) = mock(vec![with_follow_ups(0), with_follow_ups(2)], 1, false);
    for answer in ["time to live on every key", "hot keys get replicas"] {
        r.set_answer("nothing relevant".into());
        r.reveal(clock.now());
        r.set_answer(answer.into());
        r.reveal(clock.now());
    }
    assert!(r.in_debrief());
    assert_eq!(r.index(), 0);
    let first = r.current().unwrap();
    // Asked the stampede follow-up (point 1 missed) and answered about TTL.
    assert_eq!(first.follow_ups[0].index, 0);
    assert_eq!(first.follow_ups[0].mark, Mark::Missed);
    r.set_mark(0, Mark::Partly);
    r.grade(clock.now()).unwrap();
    assert_eq!(r.items()[0].follow_ups[0].mark, Mark::Partly);
    assert_eq!(r.index(), 1, "on to the second debrief");
    assert_eq!(r.current().unwrap().phase, Phase::Revealed);
    r.grade(clock.now()).unwrap();
    assert!(r.is_finished());
}

#[test]
fn a_follow_up_without_probes_is_marked_against_its_model_answer() {
    let (mut r, clock) = mock(vec![with_follow_ups(0)], 3, false);
    r.set_answer("stampede protection, hot keys".into());
    r.reveal(clock.now());
    // Order: the no-probe follow-up is in the "rest" group, last.
    assert_eq!(r.current().unwrap().follow_ups[2].index, 2);
    r.reveal(clock.now());
    r.reveal(clock.now());
    r.set_answer("cache the miss briefly".into());
    r.reveal(clock.now());
    let item = r.current().unwrap();
    assert_eq!(item.follow_ups[2].mark, Mark::Partly, "one of its two sentences: {:?}", item.follow_ups[2]);
}

#[test]
fn confidence_is_asked_before_anything_and_may_be_skipped() {
    let (mut r, clock) = mock(vec![sample_question(0), sample_question(1)], 0, true);
    r.reveal(clock.now());
    assert_eq!(r.current().unwrap().phase, Phase::Rating);
    clock.advance_secs(20);
    r.rate(Confidence::new(3), clock.now());
    assert_eq!(r.items()[0].confidence, Confidence::new(3));
    assert_eq!(r.items()[0].answer_time(clock.now()), Duration::ZERO, "rating takes no answer time");
    r.reveal(clock.now());
    r.rate(None, clock.now());
    assert_eq!(r.items()[1].confidence, None);
    assert!(r.in_debrief());
}

#[test]
fn a_practice_round_asks_confidence_then_reveals() {
    let mut settings =
        RoundSettings { time: None, level: None, seed: 1, defaults: DEFAULT_TIMES, interview: Interview::default() };
    settings.interview.confidence = true;
    let mut r = Round::new(vec![sample_question(0)], settings);
    let clock = ManualClock::new();
    r.start(clock.now());
    r.reveal(clock.now());
    assert_eq!(r.current().unwrap().phase, Phase::Rating);
    r.rate(Confidence::new(4), clock.now());
    assert_eq!(r.current().unwrap().phase, Phase::Revealed);
}

#[test]
fn stages_run_in_order_with_their_own_budgets_beside_the_round_clock() {
    let (mut r, clock) = mock(vec![staged(0)], 0, false);
    let item = r.current().unwrap();
    assert_eq!(item.step, Step::Stage(0));
    assert_eq!(item.covered.len(), 4, "the rubric is every stage's points");
    r.set_answer("the read write ratio first".into());
    clock.advance_secs(150);
    assert!(r.current().unwrap().part().unwrap().over(r.current().unwrap().elapsed(clock.now())));
    r.next_stage(clock.now());
    let item = r.current().unwrap();
    assert_eq!(item.step, Step::Stage(1));
    assert_eq!(item.stages[0].used(item.elapsed(clock.now())), Duration::from_secs(150));
    assert_eq!(item.stages[0].answer, "the read write ratio first");
    clock.advance_secs(60);
    r.set_answer("an orders table schema with a customer id index".into());
    r.next_stage(clock.now());
    // The last stage's "next" ends the question.
    let item = r.current().unwrap();
    assert_eq!(item.phase, Phase::Revealed);
    assert_eq!(item.answer_time(clock.now()), Duration::from_secs(210));
    assert_eq!(item.covered, vec![true, false, true, true]);
}

#[test]
fn a_taken_hint_caps_its_stage_at_half() {
    let run = |hint: bool| {
        let (mut r, clock) = mock(vec![staged(0)], 0, false);
        if hint {
            assert!(r.take_hint());
        }
        r.set_answer("read write ratio and the latency budget".into());
        r.next_stage(clock.now());
        assert!(!r.take_hint(), "the second stage has no hint");
        r.set_answer("orders table schema, customer id index".into());
        r.next_stage(clock.now());
        let outcome = r.grade(clock.now()).unwrap();
        let item = &r.items()[0];
        let grades = (item.stage_grade_label(0), item.stage_grade_label(1));
        assert_eq!(grades.1, "covered (2/2)");
        assert_eq!(grades.0, if hint { "partly (1/2)" } else { "covered (2/2)" });
        (outcome, item.credited_points())
    };
    assert_eq!(run(false).0.covered, 4);
    let (capped, credited) = run(true);
    assert_eq!((capped.covered, capped.total), (3, 4), "stage 1 earns 1 of its 2");
    assert_eq!(credited, vec![0, 2, 3], "what is stored is what earned credit");
}

#[test]
fn staged_questions_run_stage_by_stage_in_practice_too() {
    let settings =
        RoundSettings { time: None, level: None, seed: 1, defaults: DEFAULT_TIMES, interview: Interview::default() };
    let mut r = Round::new(vec![staged(0)], settings);
    let clock = ManualClock::new();
    r.start(clock.now());
    r.next_stage(clock.now());
    assert_eq!(r.current().unwrap().step, Step::Stage(1));
    // The whole round's limit (10 m) running out reveals, as any question.
    clock.advance_secs(600);
    assert!(r.tick(clock.now()));
    assert_eq!(r.current().unwrap().phase, Phase::Revealed);
}

#[test]
fn quitting_mid_mock_debriefs_what_was_answered() {
    let (mut r, clock) = mock(vec![with_follow_ups(0), with_follow_ups(2), sample_question(1)], 2, false);
    r.set_answer("hot keys".into());
    r.reveal(clock.now());
    r.set_answer("half an answer to the first follow-up".into());
    clock.advance_secs(10);
    r.end_asking(clock.now());
    assert!(r.in_debrief());
    let item = r.current().unwrap();
    assert_eq!(item.follow_ups.len(), 1, "the follow-up not reached is dropped");
    assert_eq!(item.follow_ups[0].answer, "half an answer to the first follow-up");
    r.grade(clock.now()).unwrap();
    assert!(r.is_finished());
    assert_eq!(r.items()[1].phase, Phase::Pending, "never reached: not attempted");
    assert_eq!(r.summary().not_attempted, 2);
}

#[test]
fn quitting_on_an_untouched_question_debriefs_the_earlier_ones() {
    let (mut r, clock) = mock(vec![sample_question(0), sample_question(1)], 0, false);
    r.set_answer("time to live".into());
    r.reveal(clock.now());
    r.end_asking(clock.now());
    assert_eq!(r.index(), 0);
    assert!(r.in_debrief());
    assert_eq!(r.items()[1].phase, Phase::Pending);
    let (mut r, clock) = mock(vec![sample_question(0)], 0, false);
    r.end_asking(clock.now());
    assert!(r.is_finished(), "nothing answered, nothing to debrief");
}

#[test]
fn skipping_a_question_in_a_mock_goes_on_to_the_next() {
    let (mut r, clock) = mock(vec![sample_question(0), sample_question(1)], 0, false);
    let o = r.skip(clock.now()).unwrap();
    assert!(o.skipped);
    assert_eq!(r.index(), 1);
    r.reveal(clock.now());
    assert!(r.in_debrief());
    assert_eq!(r.index(), 1);
    r.grade(clock.now()).unwrap();
    assert!(r.is_finished());
}
