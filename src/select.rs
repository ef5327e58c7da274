//! What a round asks: a seeded draw from the filtered bank, or, with
//! `--due`, the questions due for review, most overdue first.

use std::path::Path;

use jiff::Timestamp;

use crate::bank::{Bank, Question};
use crate::history::{Store, query};
use crate::round;
use crate::settings::StartSettings;

/// The questions of a round, or why there are none to review.
pub enum Choice<'b> {
    /// Ask these, in this order.
    Questions(Vec<&'b Question>),
    /// `--due` found nothing due; the message says when something will be.
    NothingDue(String),
}

/// Picks the round's questions.
pub fn choose<'b>(
    bank: &'b Bank,
    start: &StartSettings,
    data_dir: &Path,
    now: Timestamp,
) -> anyhow::Result<Choice<'b>> {
    if !start.due {
        let questions = round::draw(bank, &start.filter, start.count, start.seed);
        if questions.is_empty() {
            return Err(crate::commands::listing::empty_selection(bank, &start.filter, "these filters").into());
        }
        return Ok(Choice::Questions(questions));
    }
    if !start.filter.unknown_topics(bank).is_empty() {
        return Err(crate::commands::listing::empty_selection(bank, &start.filter, "these filters").into());
    }
    let store = Store::open(data_dir)?;
    let wanted = |id: &str| bank.get(id).is_some_and(|q| start.filter.matches(q));
    let due = query::due(&store, now, wanted)?;
    if due.is_empty() {
        let message = match query::next_due(&store, now, wanted)? {
            Some((id, at)) => format!(
                "Nothing is due for review. The next one, `{id}`, is due in {} ({}). Run `drill start` for a fresh round.",
                until(now, at),
                at.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M")
            ),
            None => "Nothing is due for review: no graded answers match yet. Run `drill start` to begin.".to_string(),
        };
        return Ok(Choice::NothingDue(message));
    }
    Ok(Choice::Questions(due.iter().take(start.count).filter_map(|(id, _)| bank.get(id)).collect()))
}

/// "2h 14m", "3 days" — how long from `now` to `at`.
pub fn until(now: Timestamp, at: Timestamp) -> String {
    let mins = (at.as_second() - now.as_second()).max(0) / 60;
    match mins {
        0 => "less than a minute".into(),
        m if m < 60 => format!("{m}m"),
        m if m < 48 * 60 => format!("{}h {}m", m / 60, m % 60),
        m => format!("{} days", m / (24 * 60)),
    }
}
