//! The browser's state: topic list, filters, the ranked question list and
//! the question on the right. Results are recomputed on every keystroke.

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::bank::search::SearchIndex;
use crate::bank::{Bank, Difficulty, Filter, Kind, Level, Question};

/// Which pane has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The topic list.
    Topics,
    /// The question list.
    Questions,
    /// The question itself.
    Detail,
}

/// A row of the topic list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    /// What `--topic` would say: a track or a topic; empty for everything.
    pub name: String,
    /// Shown text.
    pub label: String,
    /// Questions under it.
    pub count: usize,
}

/// Rows for a topic list: everything, then each track and its topics.
pub fn topic_rows(bank: &Bank) -> Vec<TopicRow> {
    let mut rows = vec![TopicRow { name: String::new(), label: "All questions".into(), count: bank.questions.len() }];
    let mut tracks: Vec<&str> = bank.topics.iter().map(|t| t.track.as_str()).collect();
    tracks.sort_unstable();
    tracks.dedup();
    for track in tracks {
        let mut ts: Vec<_> = bank.topics.iter().filter(|t| t.track == track).collect();
        ts.sort_by(|a, b| a.topic.cmp(&b.topic));
        rows.push(TopicRow { name: track.into(), label: track.into(), count: ts.iter().map(|t| t.count).sum() });
        rows.extend(ts.iter().map(|t| TopicRow {
            name: t.topic.to_string(),
            label: format!("  {}", t.topic),
            count: t.count,
        }));
    }
    rows
}

/// Cycles an optional choice through every value and back to "any".
pub fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(v) => all.iter().position(|x| *x == v).and_then(|i| all.get(i + 1)).copied(),
    }
}

/// The browser.
pub struct Browse {
    /// Topic rows: everything, then each track and its topics.
    pub topics: Vec<TopicRow>,
    /// Selected topic row.
    pub topic: usize,
    /// The fuzzy filter text.
    pub query: String,
    /// Whether the filter is being typed.
    pub typing: bool,
    /// Difficulty filter.
    pub difficulty: Option<Difficulty>,
    /// Level filter.
    pub level_filter: Option<Level>,
    /// Kind filter.
    pub kind: Option<Kind>,
    /// Matching questions (indices into the bank), best first.
    pub results: Vec<usize>,
    /// Selected result.
    pub selected: usize,
    /// Focused pane.
    pub focus: Pane,
    /// Answer level shown on the right.
    pub level: Level,
    /// Scroll of the question on the right.
    pub scroll: u16,
    /// Largest useful scroll, as last rendered.
    pub scroll_max: Cell<u16>,
    index: SearchIndex,
}

impl Browse {
    /// A browser over `bank`, pre-filtered by `query`.
    pub fn new(bank: &Bank, query: &str) -> Browse {
        let mut b = Browse {
            topics: topic_rows(bank),
            topic: 0,
            query: query.to_string(),
            typing: false,
            difficulty: None,
            level_filter: None,
            kind: None,
            results: Vec::new(),
            selected: 0,
            focus: Pane::Questions,
            level: Level::Mid,
            scroll: 0,
            scroll_max: Cell::new(0),
            index: SearchIndex::new(&bank.questions),
        };
        b.refresh(bank);
        b
    }

    /// The filter the topic row and the cycles describe.
    pub fn filter(&self) -> Filter {
        let name = &self.topics[self.topic].name;
        Filter {
            topics: if name.is_empty() { Vec::new() } else { vec![name.clone()] },
            difficulties: self.difficulty.into_iter().collect(),
            levels: self.level_filter.into_iter().collect(),
            kinds: self.kind.into_iter().collect(),
        }
    }

    /// Recomputes the results, keeping the selection on the same question
    /// when it still matches.
    pub fn refresh(&mut self, bank: &Bank) {
        let keep = self.results.get(self.selected).copied();
        let filter = self.filter();
        let pool: Vec<usize> =
            bank.questions.iter().enumerate().filter(|(_, q)| filter.matches(q)).map(|(i, _)| i).collect();
        self.results = self.index.rank(&self.query, &pool);
        self.selected = keep.and_then(|k| self.results.iter().position(|r| *r == k)).unwrap_or(0);
        self.scroll = 0;
    }

    /// The question on the right.
    pub fn current<'b>(&self, bank: &'b Bank) -> Option<&'b Question> {
        self.results.get(self.selected).map(|i| &bank.questions[*i])
    }

    /// A key typed into the filter.
    pub fn type_key(&mut self, bank: &Bank, key: KeyEvent) {
        match key.code {
            KeyCode::Backspace => {
                self.query.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => self.query.clear(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.query.push(c),
            _ => return,
        }
        self.refresh(bank);
        // A new query jumps to its best match.
        self.selected = 0;
    }

    /// A paste into the filter: one line of it, added at once, one search.
    pub fn paste(&mut self, bank: &Bank, text: &str) {
        let line = text.lines().next().unwrap_or("");
        self.query.extend(line.chars().filter(|c| !c.is_control()).take(200));
        self.refresh(bank);
        self.selected = 0;
    }

    /// Moves within the focused pane.
    pub fn step(&mut self, bank: &Bank, delta: isize) {
        match self.focus {
            Pane::Topics => {
                self.topic = step(self.topic, delta, self.topics.len());
                self.selected = 0;
                self.refresh(bank);
            }
            Pane::Questions => {
                self.selected = step(self.selected, delta, self.results.len());
                self.scroll = 0;
            }
            Pane::Detail => self.scroll_by(delta as i32),
        }
    }

    /// Scrolls the question on the right.
    pub fn scroll_by(&mut self, delta: i32) {
        let max = i32::from(self.scroll_max.get());
        self.scroll = (i32::from(self.scroll) + delta).clamp(0, max) as u16;
    }
}

/// Moves an index by `delta` within `0..len`, saturating at the ends.
pub fn step(index: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    index.saturating_add_signed(delta).min(len - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_visits_every_value_then_any() {
        let all = Difficulty::ALL;
        let mut v = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            v = cycle(v, all);
            seen.push(v);
        }
        assert_eq!(seen, [Some(Difficulty::Easy), Some(Difficulty::Medium), Some(Difficulty::Hard), None]);
    }

    #[test]
    fn steps_saturate() {
        assert_eq!(step(0, -1, 3), 0);
        assert_eq!(step(2, 5, 3), 2);
        assert_eq!(step(0, 1, 0), 0);
    }
}
