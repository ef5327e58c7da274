//! A plan to the interview date, built from what is known now: the
//! questions in scope, their review states, per-topic scores, the loops.
//! Pure: dates, states and scores come in; the day-by-day plan comes out.
//!
//! The rules, in order:
//! - Study days run from today to the day before the interview. The last
//!   is a light day: only the reviews due on it.
//! - Reviews go on the day they fall due (overdue ones today). One that
//!   would fall due on or after the interview is brought forward into the
//!   last three study days before the light one.
//! - A mock every [`MOCK_EVERY`] days and two days before the interview:
//!   the longest loop that fits the day's minutes, else a timed mock round.
//!   A mock day takes reviews but no new questions.
//! - New questions, weakest topics first (mean score; a topic never
//!   practised counts as the weakest): first one of every topic not yet
//!   practised, before the last three days; then more, a topic at a time,
//!   while the days have minutes left.
//! - When the first question of every topic and the reviews do not fit, the
//!   plan says so, with the minutes a day it needs and the topics to drop.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::schedule::{ReviewState, retrievability};

/// A mock every this many days.
pub const MOCK_EVERY: usize = 3;
/// Minutes a mock question takes with its follow-ups and debrief.
pub const MOCK_QUESTION_MINUTES: u32 = 12;
/// The days before the interview in which the first meeting with a topic
/// should not fall.
pub const LAST_DAYS: usize = 3;

/// One question in scope.
#[derive(Debug, Clone)]
pub struct PlanQuestion {
    /// Its id.
    pub id: String,
    /// Its topic.
    pub topic: String,
    /// Minutes it takes: its time limit and a minute to grade.
    pub minutes: u32,
}

/// What a plan is built from.
#[derive(Debug, Clone)]
pub struct PlanInput {
    /// Today (local).
    pub today: Date,
    /// The interview day.
    pub interview: Date,
    /// Minutes a day.
    pub minutes: u32,
    /// Questions in scope, in a stable order.
    pub questions: Vec<PlanQuestion>,
    /// Review states of the questions in scope that have one.
    pub reviews: HashMap<String, ReviewState>,
    /// Mean score per topic practised.
    pub topic_scores: HashMap<String, f64>,
    /// Loops: id and minutes.
    pub loops: Vec<(String, u32)>,
}

/// A mock on a plan day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mock {
    /// A whole loop.
    Loop {
        /// The loop's id.
        id: String,
        /// Its minutes.
        minutes: u32,
    },
    /// A timed mock round of `count` questions over the scope.
    Round {
        /// Questions.
        count: u32,
        /// Its minutes.
        minutes: u32,
    },
}

impl Mock {
    /// Its minutes.
    pub fn minutes(&self) -> u32 {
        match self {
            Mock::Loop { minutes, .. } | Mock::Round { minutes, .. } => *minutes,
        }
    }
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDay {
    /// The date.
    pub date: Date,
    /// Reviews due (ids).
    pub reviews: Vec<String>,
    /// New questions (ids).
    pub new: Vec<String>,
    /// The topics of the new questions, in order met.
    pub new_topics: Vec<String>,
    /// A mock, on mock days.
    pub mock: Option<Mock>,
    /// The light last day.
    pub light: bool,
    /// Minutes planned.
    pub minutes: u32,
}

/// Predicted recall of a topic on the interview day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// Topic.
    pub topic: String,
    /// Mean FSRS retrievability on the interview day over its practised
    /// questions, 0..1; `None` when none was practised.
    pub recall: Option<f64>,
    /// Questions practised.
    pub practised: usize,
    /// Questions in scope.
    pub questions: usize,
}

/// The plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The interview day.
    pub interview: Date,
    /// Minutes a day.
    pub minutes: u32,
    /// The days, from today.
    pub days: Vec<PlanDay>,
    /// Whether the first meeting with every topic and the reviews fit.
    pub fits: bool,
    /// When they do not: the minutes a day they need, and what to drop.
    pub advice: Option<String>,
    /// Per topic, the predicted recall on the day, weakest first.
    pub readiness: Vec<Readiness>,
}

/// Why no plan can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The interview is today or past.
    #[error("the interview date {0} is not after today ({1}); give a date in the future")]
    NotAhead(Date, Date),
    /// Nothing in scope.
    #[error("no question is in the plan's scope; loosen the filters")]
    Empty,
}

/// Midnight (local) of a date, as a timestamp.
fn start_of(date: Date) -> Timestamp {
    date.to_zoned(crate::zone::local()).map(|z| z.timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Builds the plan.
pub fn build(input: &PlanInput) -> Result<Plan, PlanError> {
    if input.interview <= input.today {
        return Err(PlanError::NotAhead(input.interview, input.today));
    }
    if input.questions.is_empty() {
        return Err(PlanError::Empty);
    }
    let n = input.today.until(input.interview).map_or(0, |span| span.get_days().max(0) as usize);
    let mut days: Vec<PlanDay> = (0..n)
        .map(|i| PlanDay {
            date: input.today.checked_add(jiff::Span::new().days(i as i64)).unwrap_or(input.today),
            reviews: Vec::new(),
            new: Vec::new(),
            new_topics: Vec::new(),
            mock: None,
            light: i + 1 == n,
            minutes: 0,
        })
        .collect();
    let cost: HashMap<&str, u32> = input.questions.iter().map(|q| (q.id.as_str(), q.minutes)).collect();
    // Mocks: every few days and two days before, never on the light day.
    let last = n.saturating_sub(1);
    for (i, day) in days.iter_mut().enumerate().take(last) {
        if (i + 1) % MOCK_EVERY == 0 || i + 2 == n {
            let mock = input
                .loops
                .iter()
                .filter(|(_, m)| *m <= input.minutes)
                .max_by_key(|(_, m)| *m)
                .map(|(id, m)| Mock::Loop { id: id.clone(), minutes: *m })
                .unwrap_or_else(|| {
                    let count = (input.minutes / MOCK_QUESTION_MINUTES).max(1);
                    Mock::Round { count, minutes: count * MOCK_QUESTION_MINUTES }
                });
            day.minutes += mock.minutes();
            day.mock = Some(mock);
        }
    }
    // Reviews on their day; those past the interview brought forward.
    let mut reviews: Vec<(&String, &ReviewState)> = input.reviews.iter().collect();
    reviews.sort_by(|a, b| a.1.due.cmp(&b.1.due).then(a.0.cmp(b.0)));
    let interview_start = start_of(input.interview);
    // Each day's first instant, once: a time zone lookup per review and
    // day would cost more than the whole plan.
    let starts: Vec<Timestamp> = days.iter().map(|d| start_of(d.date)).collect();
    let forward: Vec<usize> = (0..n.saturating_sub(1)).rev().take(LAST_DAYS).collect();
    let mut forward_turn = 0;
    for (id, state) in reviews {
        let at = if state.due >= interview_start {
            if forward.is_empty() {
                n - 1
            } else {
                forward_turn += 1;
                forward[(forward_turn - 1) % forward.len()]
            }
        } else {
            starts.partition_point(|s| *s <= state.due).saturating_sub(1)
        };
        days[at].minutes += cost.get(id.as_str()).copied().unwrap_or(5);
        days[at].reviews.push(id.clone());
    }
    // New questions, weakest topics first.
    let mut topics: Vec<&str> = Vec::new();
    for q in &input.questions {
        if !topics.contains(&q.topic.as_str()) {
            topics.push(&q.topic);
        }
    }
    let weakness = |t: &str| input.topic_scores.get(t).copied().unwrap_or(-1.0);
    topics.sort_by(|a, b| weakness(a).total_cmp(&weakness(b)).then(a.cmp(b)));
    let mut unseen: HashMap<&str, Vec<&PlanQuestion>> = HashMap::new();
    for q in input.questions.iter().filter(|q| !input.reviews.contains_key(&q.id)) {
        unseen.entry(q.topic.as_str()).or_default().push(q);
    }
    let open = |d: &PlanDay| d.mock.is_none() && !d.light;
    let early = n.saturating_sub(1 + LAST_DAYS).max(1).min(n);
    let mut missing: Vec<&str> = Vec::new();
    // First: one question of every topic not yet practised, early.
    for topic in &topics {
        if input.topic_scores.contains_key(*topic) {
            continue;
        }
        let Some(q) = unseen.get_mut(topic).and_then(|qs| (!qs.is_empty()).then(|| qs.remove(0))) else { continue };
        let slot = (0..early).find(|i| open(&days[*i]) && days[*i].minutes + q.minutes <= input.minutes);
        match slot {
            Some(i) => place(&mut days[i], q),
            None => missing.push(topic),
        }
    }
    // Then more, a topic at a time, while there are minutes.
    loop {
        let mut placed = false;
        for topic in &topics {
            let Some(qs) = unseen.get_mut(topic) else { continue };
            let Some(q) = qs.first().copied() else { continue };
            if let Some(i) = (0..n).find(|i| open(&days[*i]) && days[*i].minutes + q.minutes <= input.minutes) {
                qs.remove(0);
                place(&mut days[i], q);
                placed = true;
            }
        }
        if !placed {
            break;
        }
    }
    let over: Vec<&PlanDay> = days.iter().filter(|d| d.minutes > input.minutes).collect();
    let fits = missing.is_empty() && over.is_empty();
    let advice = (!fits).then(|| advise(input, &days, &missing, early));
    Ok(Plan { interview: input.interview, minutes: input.minutes, days, fits, advice, readiness: readiness(input) })
}

fn place(day: &mut PlanDay, q: &PlanQuestion) {
    day.minutes += q.minutes;
    day.new.push(q.id.clone());
    if !day.new_topics.contains(&q.topic) {
        day.new_topics.push(q.topic.clone());
    }
}

/// What to change when the scope does not fit: the minutes a day it
/// needs, and the largest topics to drop.
fn advise(input: &PlanInput, days: &[PlanDay], missing: &[&str], early: usize) -> String {
    let first_of_each: u32 =
        missing.iter().filter_map(|t| input.questions.iter().find(|q| q.topic == *t)).map(|q| q.minutes).sum();
    let used: u32 = days.iter().take(early).map(|d| d.minutes).sum();
    let needed = (used + first_of_each).div_ceil(early.max(1) as u32).max(input.minutes + 1);
    let mut sizes: Vec<(&str, usize)> =
        missing.iter().map(|t| (*t, input.questions.iter().filter(|q| q.topic == *t).count())).collect();
    sizes.sort_by_key(|s| std::cmp::Reverse(s.1));
    let drop: Vec<&str> = sizes.iter().take(3).map(|(t, _)| *t).collect();
    if drop.is_empty() {
        format!(
            "The reviews due need more than {} minutes on some days; raise --minutes to about {needed}.",
            input.minutes
        )
    } else {
        format!(
            "{} {} not met before the last {LAST_DAYS} days at {} minutes a day: raise --minutes to about {needed}, or drop {}.",
            missing.len(),
            crate::text::plural(missing.len(), "topic is", "topics are"),
            input.minutes,
            drop.join(", ")
        )
    }
}

/// Per topic, the mean retrievability on the interview day of its
/// practised questions, weakest first.
fn readiness(input: &PlanInput) -> Vec<Readiness> {
    let at = start_of(input.interview);
    let mut by_topic: Vec<Readiness> = Vec::new();
    for q in &input.questions {
        let at_topic = match by_topic.iter().position(|r| r.topic == q.topic) {
            Some(i) => i,
            None => {
                by_topic.push(Readiness { topic: q.topic.clone(), recall: None, practised: 0, questions: 0 });
                by_topic.len() - 1
            }
        };
        let r = &mut by_topic[at_topic];
        r.questions += 1;
        if let Some(state) = input.reviews.get(&q.id) {
            let p = retrievability(state, at);
            r.recall = Some((r.recall.unwrap_or(0.0) * r.practised as f64 + p) / (r.practised + 1) as f64);
            r.practised += 1;
        }
    }
    by_topic.sort_by(|a, b| a.recall.unwrap_or(-1.0).total_cmp(&b.recall.unwrap_or(-1.0)).then(a.topic.cmp(&b.topic)));
    by_topic
}

#[cfg(test)]
mod tests;
