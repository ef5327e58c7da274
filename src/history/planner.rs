//! The plan kept in the history, rebuilt for today: its scope, the inputs
//! the pure builder ([`super::plan`]) needs, what was missed, and a day in
//! words. Used by `drill plan`, `drill today` and the home screen.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::plan::{self, Mock, Plan, PlanDay, PlanInput, PlanQuestion};
use super::{Store, StoredPlan};
use crate::bank::{Bank, Filter};
use crate::text;

/// Why the plan could not be read or built.
#[derive(Debug, thiserror::Error)]
pub enum PlannerError {
    /// The history.
    #[error(transparent)]
    Store(#[from] super::StoreError),
    /// The plan itself.
    #[error(transparent)]
    Plan(#[from] plan::PlanError),
}

/// The filters a plan keeps, as JSON.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct ScopeJson {
    topics: Vec<String>,
    difficulties: Vec<String>,
    levels: Vec<String>,
    kinds: Vec<String>,
}

/// The filters as the plan keeps them (JSON).
pub fn scope_json(f: &Filter) -> String {
    let s = ScopeJson {
        topics: f.topics.clone(),
        difficulties: f.difficulties.iter().map(|d| d.to_string()).collect(),
        levels: f.levels.iter().map(|l| l.to_string()).collect(),
        kinds: f.kinds.iter().map(|k| k.to_string()).collect(),
    };
    serde_json::to_string(&s).unwrap_or_default()
}

/// The filters a kept plan names.
pub fn scope_filter(json: &str) -> Filter {
    let s: ScopeJson = serde_json::from_str(json).unwrap_or_default();
    Filter {
        topics: s.topics,
        difficulties: s.difficulties.iter().filter_map(|d| crate::bank::Difficulty::parse(d)).collect(),
        levels: s.levels.iter().filter_map(|l| crate::bank::Level::parse(l)).collect(),
        kinds: s.kinds.iter().filter_map(|k| crate::bank::Kind::parse(k)).collect(),
    }
}

/// Today in the local time zone.
pub fn today(now: Timestamp) -> Date {
    now.to_zoned(crate::zone::local()).date()
}

/// The plan over `filter` to `interview`, from the history as it is now.
pub fn build(
    bank: &Bank,
    store: &Store,
    filter: &Filter,
    interview: Date,
    minutes: u32,
    now: Timestamp,
) -> Result<Plan, PlannerError> {
    let in_scope = filter.apply(bank);
    let questions: Vec<PlanQuestion> = in_scope
        .iter()
        .map(|q| PlanQuestion {
            id: q.id.to_string(),
            topic: q.topic.to_string(),
            minutes: (crate::round::policy::time_limit(q).as_secs() / 60) as u32 + 1,
        })
        .collect();
    let ids: std::collections::HashSet<&str> = in_scope.iter().map(|q| q.id.as_str()).collect();
    let reviews: HashMap<String, crate::history::ReviewState> =
        store.reviews()?.into_iter().filter(|(id, _)| ids.contains(id.as_str())).collect();
    let topic_scores = store.topic_scores()?.into_iter().collect();
    let loops = bank.loops.iter().map(|l| (l.id.to_string(), l.rounds.iter().map(|r| r.minutes).sum())).collect();
    let input = PlanInput { today: today(now), interview, minutes, questions, reviews, topic_scores, loops };
    Ok(plan::build(&input)?)
}

/// The plan kept, rebuilt for today, and how many planned questions of
/// past days were missed.
pub fn current(bank: &Bank, store: &Store, now: Timestamp) -> Result<Option<(Plan, StoredPlan, usize)>, PlannerError> {
    let Some(stored) = store.plan()? else { return Ok(None) };
    let plan = build(bank, store, &scope_filter(&stored.scope), stored.interview, stored.minutes, now)?;
    let missed = missed(store, &stored, now)?;
    Ok(Some((plan, stored, missed)))
}

/// Questions planned on past days and not attempted since the plan was made.
pub fn missed(store: &Store, stored: &StoredPlan, now: Timestamp) -> Result<usize, PlannerError> {
    let first: Vec<PlanDay> = serde_json::from_str(&stored.days).unwrap_or_default();
    if !first.iter().any(|d| d.date < today(now)) {
        return Ok(0);
    }
    let done = store.attempted_since(stored.created_at)?;
    Ok(first
        .iter()
        .filter(|d| d.date < today(now))
        .flat_map(|d| d.new.iter().chain(&d.reviews))
        .filter(|id| !done.contains(*id))
        .count())
}

/// A day in words: "12 reviews · 3 new (caching, queues)".
pub fn describe(day: &PlanDay) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &day.mock {
        parts.push(match m {
            Mock::Loop { id, minutes } => format!("mock: loop {id} ({minutes} min)"),
            Mock::Round { count, minutes } => {
                format!("mock: {} ({minutes} min)", text::count(*count as usize, "question", "questions"))
            }
        });
    }
    if !day.reviews.is_empty() {
        parts.push(text::count(day.reviews.len(), "review", "reviews"));
    }
    if !day.new.is_empty() {
        parts.push(format!("{} new ({})", day.new.len(), day.new_topics.join(", ")));
    }
    if parts.is_empty() {
        parts.push("rest".to_string());
    }
    let mut s = parts.join(" · ");
    if day.light {
        s = format!("light review: {s}");
    }
    s
}
