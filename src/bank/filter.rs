//! Selecting questions: `--topic` (track, topic or tag), `--difficulty`,
//! `--level`, `--kind`. Values of one option are alternatives; different
//! options must all match.

use super::model::{Bank, Difficulty, Kind, Level, Question};
use crate::text;

/// Whether `name` is the question's track, topic or one of its tags.
fn named(q: &Question, name: &str) -> bool {
    q.track.eq_ignore_ascii_case(name)
        || q.topic.eq_ignore_ascii_case(name)
        || q.tags.iter().any(|g| g.eq_ignore_ascii_case(name))
}

/// A validated selection of questions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Track, topic or tag names (lowercase); any may match.
    pub topics: Vec<String>,
    /// Accepted difficulties; empty means all.
    pub difficulties: Vec<Difficulty>,
    /// Accepted levels; empty means all.
    pub levels: Vec<Level>,
    /// Accepted kinds; empty means all.
    pub kinds: Vec<Kind>,
}

impl Filter {
    /// Whether a question passes every part of the filter.
    pub fn matches(&self, q: &Question) -> bool {
        (self.topics.is_empty() || self.topics.iter().any(|t| named(q, t)))
            && self.matches_enums(q.kind, q.difficulty, q.level)
    }

    /// [`Filter::matches`] for a question known only by its names (track,
    /// topic, tags) and enums.
    pub fn matches_parts<'a>(
        &self,
        mut names: impl Iterator<Item = &'a str>,
        kind: Kind,
        difficulty: Difficulty,
        level: Level,
    ) -> bool {
        (self.topics.is_empty() || names.any(|n| self.topics.iter().any(|t| n.eq_ignore_ascii_case(t))))
            && self.matches_enums(kind, difficulty, level)
    }

    fn matches_enums(&self, kind: Kind, difficulty: Difficulty, level: Level) -> bool {
        (self.difficulties.is_empty() || self.difficulties.contains(&difficulty))
            && (self.levels.is_empty() || self.levels.contains(&level))
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
    }

    /// The matching questions, in bank order.
    pub fn apply<'b>(&self, bank: &'b Bank) -> Vec<&'b Question> {
        bank.questions.iter().filter(|q| self.matches(q)).collect()
    }

    /// `--topic` values that match no track, topic or tag in the bank.
    pub fn unknown_topics(&self, bank: &Bank) -> Vec<String> {
        self.topics.iter().filter(|t| !bank.questions.iter().any(|q| named(q, t))).cloned().collect()
    }

    /// Why this filter matched nothing in `bank`: the unknown topic names,
    /// or, when every name is known, that `what` is too narrow.
    pub fn explain_empty(&self, bank: &Bank, what: &str) -> String {
        let unknown = self.unknown_topics(bank);
        if unknown.is_empty() {
            return format!("no questions match {what}; loosen the filters (`drill topics` shows what there is)");
        }
        let names = unknown.iter().map(|t| format!("`{}`", text::sanitize_line(t))).collect::<Vec<_>>().join(", ");
        format!("no track, topic or tag is named {names}; `drill topics` lists them")
    }

    /// Whether any criterion is set.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty() && self.difficulties.is_empty() && self.levels.is_empty() && self.kinds.is_empty()
    }
}
