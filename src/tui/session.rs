//! A round on screen: the round engine plus what only the interface needs
//! (the editor, the level tab, the selected key point, how much of the
//! mistakes and follow-ups is revealed, scrolling).

use std::cell::Cell;
use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::bank::{Level, Question};
use crate::cli::settings::StartSettings;
use crate::round::{Confidence, Outcome, Phase, Round, Step};

/// A graded or skipped question, for whoever keeps history.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// Which item of the round.
    pub index: usize,
    /// The question id.
    pub id: String,
    /// The result.
    pub outcome: Outcome,
    /// What was typed.
    pub answer: String,
    /// The level whose answer was on screen when grading.
    pub level: Level,
}

/// One round in the interface.
pub struct Session {
    /// The engine.
    pub round: Round,
    /// How it was started, for "again" and the replay command.
    pub start: StartSettings,
    /// The answer editor of the current question.
    pub editor: TextArea<'static>,
    /// Whether the editor has focus.
    pub editing: bool,
    /// The answer level on screen.
    pub level: Level,
    /// The selected key point.
    pub point: usize,
    /// Mistake steps revealed: each mistake has three (wrong, why, better).
    pub mistake_steps: usize,
    /// Follow-ups revealed.
    pub follow_ups: usize,
    /// Scroll offset of the current document.
    pub scroll: u16,
    /// The largest useful scroll offset, as last rendered.
    pub scroll_max: Cell<u16>,
    /// Where the mistakes and follow-ups start in the document, as last
    /// rendered, so revealing more brings them into view.
    pub anchors: Cell<(u16, u16)>,
    /// Questions graded or skipped this round, oldest first.
    pub graded: Vec<Graded>,
    /// The question and step the editor holds the answer of: when the
    /// round moves on (a stage, a follow-up), the editor starts empty.
    asked: (usize, Step),
}

fn new_editor() -> TextArea<'static> {
    super::editor("Type your answer, or answer out loud and leave this empty.")
}

impl Session {
    /// A session over `questions`, started at `now`.
    pub fn new(questions: Vec<Question>, start: StartSettings, now: Duration) -> Session {
        let settings = start.round_settings();
        let mut round = Round::new(questions, settings);
        round.start(now);
        let mut s = Session {
            round,
            start,
            editor: new_editor(),
            editing: true,
            level: Level::Mid,
            point: 0,
            mistake_steps: 0,
            follow_ups: 0,
            scroll: 0,
            scroll_max: Cell::new(0),
            anchors: Cell::new((0, 0)),
            graded: Vec::new(),
            asked: (0, Step::Main),
        };
        s.reset_question();
        s
    }

    /// After the round moved: a new stage or follow-up gets an empty
    /// editor with focus; a new question starts over.
    pub fn follow_round(&mut self) {
        let now = (self.round.index(), self.round.current().map_or(Step::Main, |i| i.step));
        if now == self.asked {
            return;
        }
        let same_question = now.0 == self.asked.0;
        self.asked = now;
        if same_question && self.phase() == Some(Phase::Asking) {
            self.editor = new_editor();
            self.editing = true;
            self.scroll = 0;
        } else if !same_question {
            self.reset_question();
        }
    }

    fn reset_question(&mut self) {
        self.editor = new_editor();
        // A question being asked opens in the editor; a debrief does not.
        self.editing = self.phase().is_none_or(|p| p == Phase::Asking);
        self.point = 0;
        self.mistake_steps = 0;
        self.follow_ups = 0;
        self.scroll = 0;
        if let Some(item) = self.round.current() {
            self.level = self.round.level_for(&item.question);
            self.asked = (self.round.index(), item.step);
        }
    }

    /// The phase of the current question, `None` once the round is over.
    pub fn phase(&self) -> Option<Phase> {
        self.round.current().map(|i| i.phase)
    }

    /// Time passes; a question whose time ran out is revealed.
    pub fn tick(&mut self, now: Duration) {
        if self.round.current().is_some_and(|i| i.phase == Phase::Asking) {
            self.sync_answer();
        }
        if self.round.tick(now) {
            // Time is up, but whoever is typing keeps typing: the editor
            // keeps focus (so no keystroke becomes a command) until Esc.
            self.scroll = 0;
        }
    }

    /// Copies the editor's text into the round.
    pub fn sync_answer(&mut self) {
        self.round.set_answer(self.editor.lines().join("\n").trim_end().to_string());
    }

    /// A key for the editor: while the question is asked, or after the
    /// time ran out mid-answer until the editor is left.
    pub fn type_key(&mut self, key: KeyEvent) {
        match self.phase() {
            Some(Phase::Asking) => {
                self.editor.input(key);
            }
            Some(Phase::Revealed) if self.editing => {
                self.editor.input(key);
                self.sync_answer();
            }
            _ => {}
        }
    }

    /// The questions skipped so far, most recent first.
    pub fn skipped(&self) -> Vec<&crate::round::Item> {
        let mut items: Vec<_> =
            self.round.items().iter().filter(|i| i.outcome.as_ref().is_some_and(|o| o.skipped)).collect();
        items.reverse();
        items
    }

    /// A paste into the editor, inserted in one step (key by key, a long
    /// paste cost more than linear time). Where typing goes, a paste goes.
    pub fn paste(&mut self, text: &str) {
        let typing = match self.phase() {
            Some(Phase::Asking) => true,
            Some(Phase::Revealed) => self.editing,
            _ => false,
        };
        if typing && self.editing {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            self.editor.insert_str(&text);
            if self.phase() == Some(Phase::Revealed) {
                self.sync_answer();
            }
        }
    }

    /// Leaves the editor; after typing past the time, the key points the
    /// whole answer mentions are ticked too.
    pub fn leave_editor(&mut self) {
        if self.editing && self.phase() == Some(Phase::Revealed) {
            self.sync_answer();
            self.round.suggest_more();
        }
        self.editing = false;
    }

    /// Skips what is asked: the question, or in a mock the follow-up.
    pub fn skip(&mut self, now: Duration) {
        self.sync_answer();
        let at = self.round.index();
        let answer = self.answer();
        if let Some(outcome) = self.round.skip(now) {
            self.record(at, outcome, answer);
        }
        self.follow_round();
    }

    /// Done with what is asked: reveals (after the rating, when asked), or
    /// in a mock and a staged round goes on to what comes next.
    pub fn reveal(&mut self, now: Duration) {
        self.sync_answer();
        self.round.reveal(now);
        self.after_answer();
    }

    /// On to the next stage of a staged round.
    pub fn next_stage(&mut self, now: Duration) {
        self.sync_answer();
        self.round.next_stage(now);
        self.after_answer();
    }

    fn after_answer(&mut self) {
        if !matches!(self.phase(), Some(Phase::Asking)) {
            self.editing = false;
            self.scroll = 0;
        }
        self.follow_round();
    }

    /// The candidate's confidence (0 skips the rating).
    pub fn rate(&mut self, n: u8, now: Duration) {
        self.round.rate(Confidence::new(n), now);
        self.after_answer();
    }

    /// Grades the revealed question and moves on.
    pub fn grade(&mut self, now: Duration) {
        let at = self.round.index();
        let answer = self.answer();
        if let Some(outcome) = self.round.grade(now) {
            self.record(at, outcome, answer);
        }
        self.follow_round();
    }

    fn answer(&self) -> String {
        self.round.current().map(|i| i.all_answers().trim().to_string()).unwrap_or_default()
    }

    fn record(&mut self, index: usize, outcome: Outcome, answer: String) {
        let id = self.round.items()[index].question.id.to_string();
        self.graded.push(Graded { index, id, outcome, answer, level: self.level });
        self.reset_question();
    }

    /// Rows of the debrief checklist: the key points, then the follow-ups
    /// that were asked.
    pub fn rows(&self) -> usize {
        self.round.current().map_or(0, |i| i.covered.len() + i.follow_ups.len())
    }

    /// Moves the checklist selection.
    pub fn move_point(&mut self, down: bool) {
        let n = self.rows();
        if n == 0 {
            return;
        }
        self.point = if down { (self.point + 1).min(n - 1) } else { self.point.saturating_sub(1) };
    }

    /// Ticks or unticks the selected key point, or steps the mark of the
    /// selected follow-up.
    pub fn toggle(&mut self) {
        let Some(item) = self.round.current() else { return };
        let points = item.covered.len();
        if self.point < points {
            self.round.toggle_point(self.point);
        } else if let Some(p) = item.follow_ups.get(self.point - points) {
            let next = p.mark.next();
            self.round.set_mark(self.point - points, next);
        }
    }

    /// Reveals the next mistake step.
    pub fn next_mistake(&mut self) {
        let n = self.round.current().map_or(0, |i| i.question.mistakes.len());
        self.mistake_steps = (self.mistake_steps + 1).min(n * 3);
        self.scroll = self.scroll.max(self.anchors.get().0);
    }

    /// Reveals the next follow-up.
    pub fn next_follow_up(&mut self) {
        let n = self.round.current().map_or(0, |i| i.question.follow_ups.len());
        self.follow_ups = (self.follow_ups + 1).min(n);
        self.scroll = self.scroll.max(self.anchors.get().1);
    }

    /// Scrolls the document, within what was last rendered.
    pub fn scroll_by(&mut self, delta: i32) {
        let max = i32::from(self.scroll_max.get());
        self.scroll = (i32::from(self.scroll) + delta).clamp(0, max) as u16;
    }
}
