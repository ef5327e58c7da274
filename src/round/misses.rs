//! The misses drill: after a round, each key point its graded answers
//! missed comes back as a quick prompt; the candidate says it, sees the
//! point, and says whether they had it.

use super::grade;
use super::item::Item;
use crate::bank::KeyPoint;

/// One missed point.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The question's title, as the cue.
    pub title: String,
    /// The point missed.
    pub point: KeyPoint,
}

impl Miss {
    /// The quick prompt: the question as the cue, the point hidden.
    pub fn prompt(&self) -> String {
        let words = crate::text::word_count(&self.point.point);
        format!("{}: what did your answer leave out? (a {} point, about {words} words)", self.title, self.point.level)
    }
}

/// A misses drill in progress.
#[derive(Debug, Clone)]
pub struct MissesDrill {
    misses: Vec<Miss>,
    index: usize,
    /// Per miss, whether it was recalled (once checked).
    pub recalled: Vec<Option<bool>>,
    /// Per miss, the words of the answer that matched (once checked).
    pub evidence: Vec<Vec<String>>,
}

impl MissesDrill {
    /// The points missed by the graded (not skipped) questions of `items`.
    pub fn new(items: &[Item]) -> MissesDrill {
        let mut misses = Vec::new();
        for item in items.iter().filter(|i| i.outcome.as_ref().is_some_and(|o| !o.skipped)) {
            for ((_, p), c) in item.points().into_iter().zip(&item.covered) {
                if !c {
                    misses.push(Miss { title: item.question.title.to_string(), point: p.clone() });
                }
            }
        }
        let n = misses.len();
        MissesDrill { misses, index: 0, recalled: vec![None; n], evidence: vec![Vec::new(); n] }
    }

    /// How many points it drills.
    pub fn len(&self) -> usize {
        self.misses.len()
    }

    /// Whether there is nothing to drill.
    pub fn is_empty(&self) -> bool {
        self.misses.is_empty()
    }

    /// The miss being asked, unless done.
    pub fn current(&self) -> Option<&Miss> {
        self.misses.get(self.index)
    }

    /// Its index.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Whether the current one is checked (its point shown).
    pub fn checked(&self) -> bool {
        self.recalled.get(self.index).is_some_and(Option::is_some)
    }

    /// Shows the point, with the grader's suggestion from `answer`.
    pub fn check(&mut self, answer: &str) {
        let Some(m) = self.misses.get(self.index) else { return };
        let tick = grade::ticks(answer, std::slice::from_ref(&m.point), &m.title).remove(0);
        self.recalled[self.index] = Some(tick.covered);
        self.evidence[self.index] = tick.evidence;
    }

    /// Flips the candidate's verdict on the checked point.
    pub fn toggle(&mut self) {
        if let Some(Some(r)) = self.recalled.get_mut(self.index) {
            *r = !*r;
        }
    }

    /// On to the next miss.
    pub fn next(&mut self) {
        if self.checked() {
            self.index += 1;
        }
    }

    /// Whether every miss was asked.
    pub fn finished(&self) -> bool {
        self.index >= self.misses.len()
    }

    /// Points recalled so far.
    pub fn recalled_count(&self) -> usize {
        self.recalled.iter().filter(|r| **r == Some(true)).count()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::round::Outcome;

    fn graded(covered: Vec<bool>, skipped: bool) -> Item {
        let q = crate::bank::model::sample_question(0);
        let mut item = Item::new(q, Duration::from_secs(60));
        item.covered = covered;
        item.outcome = Some(Outcome { covered: 0, total: 4, time_used: Duration::ZERO, overtime: false, skipped });
        item
    }

    #[test]
    fn it_asks_each_missed_point_of_graded_questions_and_checks_the_answer() {
        let items = [graded(vec![true, false, true, false], false), graded(vec![false; 4], true)];
        let mut d = MissesDrill::new(&items);
        assert_eq!(d.len(), 2, "the skipped question is not drilled");
        assert!(d.current().unwrap().prompt().starts_with("Question 0: what did your answer leave out? (a mid point"));
        d.next();
        assert_eq!(d.index(), 0, "not before it is checked");
        d.check("set a time to live on every entry");
        assert_eq!(d.recalled[0], Some(true));
        d.toggle();
        assert_eq!(d.recalled[0], Some(false), "the candidate has the last word");
        d.next();
        d.check("no idea");
        assert_eq!(d.recalled[1], Some(false));
        d.next();
        assert!(d.finished());
        assert_eq!(d.recalled_count(), 0);
    }
}
