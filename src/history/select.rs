//! What a round asks: a seeded draw from the filtered bank, or, with
//! `--due`, the questions due for review, most overdue first. It reads the
//! history, so it lives here, above the pure round engine.

use std::path::Path;

use jiff::Timestamp;

use super::{Store, query};
use crate::Error;
use crate::bank::{Bank, Filter, Question};
use crate::round;

/// The questions of a round, or why there are none to review.
pub enum Choice<'b> {
    /// Ask these, in this order.
    Questions(Vec<&'b Question>),
    /// `--due` found nothing due; the message says when something will be.
    NothingDue(String),
}

/// What to draw: the filter, how many, the seed, and whether only due
/// reviews count.
#[derive(Debug, Clone, Copy)]
pub struct Draw<'a> {
    /// Which questions.
    pub filter: &'a Filter,
    /// How many at most.
    pub count: usize,
    /// The seed of the draw.
    pub seed: u64,
    /// Only questions due for review, most overdue first.
    pub due: bool,
    /// Questions named by id, asked in this order instead of a draw.
    pub ids: &'a [String],
}

/// Picks the round's questions.
pub fn choose<'b>(bank: &'b Bank, draw: Draw<'_>, data_dir: &Path, now: Timestamp) -> anyhow::Result<Choice<'b>> {
    let empty = || Error::EmptySelection(draw.filter.explain_empty(bank, "these filters"));
    if !draw.ids.is_empty() {
        let named: Result<Vec<&Question>, Error> =
            draw.ids.iter().map(|id| bank.get(id).ok_or_else(|| Error::unknown_id(bank, id))).collect();
        return Ok(Choice::Questions(named?));
    }
    if !draw.due {
        let questions = round::draw(bank, draw.filter, draw.count, draw.seed);
        if questions.is_empty() {
            return Err(empty().into());
        }
        return Ok(Choice::Questions(questions));
    }
    if !draw.filter.unknown_topics(bank).is_empty() {
        return Err(empty().into());
    }
    let store = Store::open(data_dir)?;
    let wanted = |id: &str| bank.get(id).is_some_and(|q| draw.filter.matches(q));
    let due = query::due(&store, now, wanted)?;
    if due.is_empty() {
        let message = match query::next_due(&store, now, wanted)? {
            Some((id, at)) => format!(
                "Nothing is due for review. The next one, `{}`, is due in {} ({}). Run `drill start` for a fresh round.",
                crate::text::sanitize_line(&id),
                until(now, at),
                at.to_zoned(crate::zone::local()).strftime("%Y-%m-%d %H:%M")
            ),
            None => "Nothing is due for review: no graded answers match yet. Run `drill start` to begin.".to_string(),
        };
        return Ok(Choice::NothingDue(message));
    }
    Ok(Choice::Questions(due.iter().take(draw.count).filter_map(|(id, _)| bank.get(id)).collect()))
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
