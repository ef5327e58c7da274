//! Plan rules on hand-made inputs with fixed dates.

use std::collections::HashMap;

use jiff::civil::date;

use super::*;

fn questions(topics: &[&str], per_topic: usize, minutes: u32) -> Vec<PlanQuestion> {
    topics
        .iter()
        .flat_map(|t| {
            (0..per_topic).map(move |i| PlanQuestion { id: format!("{t}-{i}"), topic: t.to_string(), minutes })
        })
        .collect()
}

fn input(days: i64, minutes: u32, topics: &[&str]) -> PlanInput {
    let today = date(2026, 3, 1);
    PlanInput {
        today,
        interview: today.checked_add(jiff::Span::new().days(days)).unwrap(),
        minutes,
        questions: questions(topics, 6, 5),
        reviews: HashMap::new(),
        topic_scores: HashMap::new(),
        loops: vec![("phone".into(), 40)],
    }
}

fn state(due: jiff::Timestamp) -> ReviewState {
    ReviewState {
        stability: 5.0,
        difficulty: 5.0,
        last_review: due - jiff::SignedDuration::from_hours(24 * 5),
        due,
        reps: 1,
        lapses: 0,
    }
}

fn met_before_last_days(plan: &Plan, topic: &str) -> bool {
    let cut = plan.days.len().saturating_sub(LAST_DAYS + 1).max(1);
    plan.days[..cut].iter().any(|d| d.new_topics.iter().any(|t| t == topic))
}

#[test]
fn a_week_meets_every_topic_early_with_mocks_and_a_light_last_day() {
    let topics = ["caching", "queues", "locking"];
    let plan = build(&input(7, 45, &topics)).unwrap();
    assert_eq!(plan.days.len(), 7, "today to the day before");
    assert!(plan.fits, "{:?}", plan.advice);
    for t in topics {
        assert!(met_before_last_days(&plan, t), "{t} met early: {plan:#?}");
    }
    let mocks: Vec<usize> = plan.days.iter().enumerate().filter(|(_, d)| d.mock.is_some()).map(|(i, _)| i).collect();
    assert_eq!(mocks, [2, 5], "every third day and two days before");
    assert_eq!(plan.days[2].mock, Some(Mock::Loop { id: "phone".into(), minutes: 40 }), "the loop fits 45 minutes");
    let last = plan.days.last().unwrap();
    assert!(last.light && last.new.is_empty() && last.mock.is_none());
    assert!(plan.days.iter().all(|d| d.minutes <= 45));
    assert!(plan.days.iter().filter(|d| d.mock.is_some()).all(|d| d.new.is_empty()), "no new questions on mock days");
}

#[test]
fn three_days_and_thirty_days() {
    let short = build(&input(3, 45, &["caching", "queues"])).unwrap();
    assert_eq!(short.days.len(), 3);
    assert!(short.days[0].new_topics.len() == 2, "both topics on the first day: {short:#?}");
    assert_eq!(short.days[1].mock.as_ref().map(Mock::minutes), Some(40), "two days before");
    let long = build(&input(30, 30, &["caching", "queues", "locking", "sql"])).unwrap();
    assert!(long.fits);
    assert_eq!(long.days.iter().filter(|d| d.mock.is_some()).count(), 10);
    // 30 minutes is too short for the 40-minute loop: timed rounds instead.
    assert_eq!(long.days[2].mock, Some(Mock::Round { count: 2, minutes: 24 }));
    let placed: usize = long.days.iter().map(|d| d.new.len()).sum();
    assert_eq!(placed, 24, "every question fits in a month");
}

#[test]
fn weakest_topics_come_first_and_practised_ones_are_not_forced_early() {
    let mut i = input(7, 10, &["caching", "queues", "locking"]);
    i.topic_scores = HashMap::from([("caching".to_string(), 0.9), ("queues".to_string(), 0.2)]);
    let plan = build(&i).unwrap();
    // Locking was never practised: first; then queues (20%) before caching.
    assert_eq!(plan.days[0].new_topics, ["locking"]);
    let order: Vec<&String> = plan.days.iter().flat_map(|d| &d.new_topics).collect();
    let pos = |t: &str| order.iter().position(|x| *x == t).unwrap();
    assert!(pos("queues") < pos("caching"), "{order:?}");
}

#[test]
fn an_infeasible_scope_says_what_it_needs() {
    let topics: Vec<String> = (0..12).map(|i| format!("topic-{i:02}")).collect();
    let refs: Vec<&str> = topics.iter().map(String::as_str).collect();
    let plan = build(&input(5, 10, &refs)).unwrap();
    assert!(!plan.fits);
    let advice = plan.advice.unwrap();
    assert!(advice.contains("topics are not met before the last 3 days at 10 minutes a day"), "{advice}");
    assert!(advice.contains("raise --minutes to about"), "{advice}");
    assert!(advice.contains("or drop topic-"), "{advice}");
}

#[test]
fn reviews_past_the_interview_are_brought_forward_and_overdue_ones_come_today() {
    let mut i = input(7, 60, &["caching"]);
    let after = start_of(i.interview) + jiff::SignedDuration::from_hours(24 * 10);
    let overdue = start_of(i.today) - jiff::SignedDuration::from_hours(24 * 2);
    let on_day_four = start_of(date(2026, 3, 5)) + jiff::SignedDuration::from_hours(9);
    i.reviews = HashMap::from([
        ("caching-0".to_string(), state(after)),
        ("caching-1".to_string(), state(overdue)),
        ("caching-2".to_string(), state(on_day_four)),
    ]);
    let plan = build(&i).unwrap();
    let day_of = |id: &str| plan.days.iter().position(|d| d.reviews.iter().any(|r| r == id)).unwrap();
    assert_eq!(day_of("caching-1"), 0, "overdue: today");
    assert_eq!(day_of("caching-2"), 4, "on its day");
    let forward = day_of("caching-0");
    assert!((3..6).contains(&forward), "in the last three days before the light one: {forward}");
    assert!(plan.days.iter().all(|d| d.date < plan.interview), "nothing on or after the interview");
}

#[test]
fn readiness_is_the_recall_predicted_on_the_day_weakest_first() {
    let mut i = input(7, 45, &["caching", "queues"]);
    i.reviews = HashMap::from([("caching-0".to_string(), state(start_of(i.today)))]);
    let plan = build(&i).unwrap();
    assert_eq!(plan.readiness[0].topic, "queues", "never practised: weakest");
    assert_eq!(plan.readiness[0].recall, None);
    let caching = &plan.readiness[1];
    assert_eq!((caching.practised, caching.questions), (1, 6));
    let recall = caching.recall.unwrap();
    assert!(recall > 0.0 && recall < 0.9, "a week and more after a review: {recall}");
}

#[test]
fn a_date_not_ahead_or_an_empty_scope_is_refused() {
    let mut i = input(0, 45, &["caching"]);
    assert!(matches!(build(&i), Err(PlanError::NotAhead(..))));
    i = input(3, 45, &[]);
    assert_eq!(build(&i), Err(PlanError::Empty));
}
