//! A loop in the interface: its rounds run one after another as mock
//! sessions, a break screen between them, and the scorecard once the last
//! round (or the candidate) ends it.

use crate::bank::{Level, Loop, Question};
use crate::cli::settings::StartSettings;
use crate::round::Item;
use crate::round::scorecard::{Scorecard, scorecard};
use crate::tui::app::{App, Screen, Setup};
use crate::tui::session::Session;

/// A loop being run.
pub struct LoopRun {
    /// The loop.
    pub lp: Loop,
    /// How it was started (filters aside: each round has its own).
    pub base: StartSettings,
    /// Each round's questions, drawn at the start.
    pub rounds: Vec<Vec<Question>>,
    /// The round running or just finished.
    pub index: usize,
    /// The items of each finished round.
    pub done: Vec<Vec<Item>>,
    /// The scorecard, once the loop is over.
    pub card: Option<Scorecard>,
}

impl LoopRun {
    /// Whether the loop is between rounds: the current round finished and
    /// another comes.
    pub fn in_break(&self) -> bool {
        self.card.is_none() && self.done.len() == self.index + 1 && self.index + 1 < self.rounds.len()
    }
}

impl App {
    /// `drill mock --loop ID`: the loop's first round, and the program ends
    /// when the scorecard is left.
    pub fn looping(bank: crate::bank::Bank, setup: Setup, lp: Loop, start: StartSettings) -> App {
        let rounds = crate::round::draw::draw_loop(&bank, &lp, start.seed)
            .into_iter()
            .map(|qs| qs.into_iter().cloned().collect())
            .collect();
        let mut app = App::with_screen(bank, setup, start.seed, Screen::Round);
        app.after_round = None;
        app.run_loop(LoopRun { lp, base: start, rounds, index: 0, done: Vec::new(), card: None });
        app
    }

    /// Runs `run` from its first round.
    fn run_loop(&mut self, run: LoopRun) {
        self.journal_mut().begin_loop(&run.lp.id, &run.lp.title);
        self.looping = Some(run);
        self.begin_loop_round();
    }

    /// From the scorecard: the same loop, the same questions, again.
    pub(crate) fn restart_loop(&mut self) {
        let Some(l) = self.looping.take_if(|l| l.card.is_some()) else { return };
        self.run_loop(LoopRun { index: 0, done: Vec::new(), card: None, ..l });
    }

    /// The loop's scorecard, once it is over.
    pub fn scorecard(&self) -> Option<&Scorecard> {
        self.looping.as_ref().and_then(|l| l.card.as_ref())
    }

    /// Starts the loop's current round (one with no questions is banked
    /// empty and passed over).
    fn begin_loop_round(&mut self) {
        let Some(l) = self.looping.as_mut() else { return };
        while l.index < l.rounds.len() && l.rounds[l.index].is_empty() {
            l.done.push(Vec::new());
            l.index += 1;
        }
        if l.index >= l.rounds.len() {
            self.finish_loop();
            return;
        }
        let questions = l.rounds[l.index].clone();
        let start =
            StartSettings { count: questions.len(), seed: l.base.seed.wrapping_add(l.index as u64), ..l.base.clone() };
        let signal = l.lp.rounds[l.index].signal.to_string();
        self.journal_mut().loop_round(start.seed, &signal);
        self.session = Some(Session::new(questions, start, self.now));
        self.reset_journaled();
        self.screen = Screen::Round;
    }

    /// After every action: a loop round that just ended is banked, and the
    /// last one ends the loop.
    pub(crate) fn follow_loop(&mut self) {
        let finished = self.session.as_ref().is_some_and(|s| s.phase().is_none());
        let Some(l) = self.looping.as_mut() else { return };
        if !finished || l.card.is_some() || l.done.len() > l.index {
            return;
        }
        let items = self.session.as_ref().map(|s| s.round.items().to_vec()).unwrap_or_default();
        l.done.push(items);
        if l.index + 1 >= l.rounds.len() {
            self.finish_loop();
        }
    }

    /// From the break: on to the next round.
    pub(crate) fn next_loop_round(&mut self) {
        if let Some(l) = self.looping.as_mut().filter(|l| l.in_break()) {
            l.index += 1;
            self.begin_loop_round();
        }
    }

    /// Ends the loop (after its last round, or early from a break): the
    /// scorecard over the rounds run.
    pub(crate) fn finish_loop(&mut self) {
        let now = self.now;
        let Some(l) = self.looping.as_mut() else { return };
        if l.card.is_some() {
            return;
        }
        let card = scorecard(&l.lp, &l.done, l.base.level.unwrap_or(Level::Senior));
        l.card = Some(card.clone());
        self.journal_mut().finish_loop(&card, now);
    }

    /// Whether the screen is a loop's break between rounds.
    pub fn in_loop_break(&self) -> bool {
        self.looping.as_ref().is_some_and(LoopRun::in_break)
            && self.session.as_ref().is_some_and(|s| s.phase().is_none())
    }
}
