//! A timed mock round as a pure state machine: asking → revealed → graded
//! per question, with pause, skip and overtime. Time comes in as `now`
//! values from a [`Clock`]; the round never reads a clock itself.

pub mod clock;
pub mod draw;
pub mod grade;
pub mod policy;
pub mod score;

use std::time::Duration;

pub use clock::{Clock, ManualClock, SystemClock};
pub use draw::{draw, pick};
pub use policy::DEFAULT_TIMES;
pub use score::{ItemSummary, Summary, TopicSummary};

use crate::bank::{Level, Question};

/// Where one question of the round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not reached yet.
    Pending,
    /// The countdown runs; the candidate answers.
    Asking,
    /// The countdown is stopped and the prompt hidden.
    Paused,
    /// Model answers shown; the candidate ticks key points.
    Revealed,
    /// Graded or skipped: final, never changed again.
    Done,
}

/// The record of a graded or skipped question.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Key points the candidate covered.
    pub covered: usize,
    /// Key points in the rubric.
    pub total: usize,
    /// Time spent answering (the overtime included).
    pub time_used: Duration,
    /// Whether the time limit ran out.
    pub overtime: bool,
    /// Whether the question was skipped.
    pub skipped: bool,
}

impl Outcome {
    /// Share of key points covered, 0..1; a skip scores 0.
    pub fn score(&self) -> f64 {
        policy::score(self.covered, self.total, self.skipped)
    }
}

/// One question in a round.
#[derive(Debug, Clone)]
pub struct Item {
    /// The question.
    pub question: Question,
    /// Its time limit in this round.
    pub limit: Duration,
    /// Its phase.
    pub phase: Phase,
    /// What the candidate typed (empty when answered aloud).
    pub answer: String,
    /// Which key points are ticked.
    pub covered: Vec<bool>,
    /// For each key point, the words of the answer that earned its
    /// pre-tick (empty when the grader found none).
    pub evidence: Vec<Vec<String>>,
    /// Whether the limit ran out.
    pub overtime: bool,
    /// The result, once done.
    pub outcome: Option<Outcome>,
    elapsed: Duration,
    running_since: Option<Duration>,
}

impl Item {
    fn new(question: Question, limit: Duration) -> Item {
        let points = question.key_points.len();
        Item {
            question,
            limit,
            phase: Phase::Pending,
            answer: String::new(),
            covered: vec![false; points],
            evidence: vec![Vec::new(); points],
            overtime: false,
            outcome: None,
            elapsed: Duration::ZERO,
            running_since: None,
        }
    }

    /// Ticks the key points the answer covers, keeping what earned each.
    fn pre_tick(&mut self) {
        let ticks = grade::ticks(&self.answer, &self.question.key_points);
        self.covered = ticks.iter().map(|t| t.covered).collect();
        self.evidence = ticks.into_iter().map(|t| t.evidence).collect();
    }

    /// Time used so far.
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.elapsed + self.running_since.map_or(Duration::ZERO, |since| now.saturating_sub(since))
    }

    /// Time left before the limit (zero once over).
    pub fn remaining(&self, now: Duration) -> Duration {
        self.limit.saturating_sub(self.elapsed(now))
    }

    fn stop(&mut self, now: Duration) {
        self.elapsed = self.elapsed(now);
        self.running_since = None;
    }

    fn run(&mut self, now: Duration) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }
}

/// Round-wide settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSettings {
    /// A time limit for every question, overriding the questions' own.
    pub time: Option<Duration>,
    /// The answer level shown first; `None` shows each question's own level.
    pub level: Option<Level>,
    /// The seed the questions were drawn with, for replays.
    pub seed: u64,
    /// Limits for questions without their own: easy, medium, hard.
    pub defaults: [Duration; 3],
}

/// A timed mock round.
#[derive(Debug, Clone)]
pub struct Round {
    items: Vec<Item>,
    current: usize,
    settings: RoundSettings,
}

impl Round {
    /// A round over `questions` (in order); nothing runs until [`Round::start`].
    pub fn new(questions: Vec<Question>, settings: RoundSettings) -> Round {
        let items = questions
            .into_iter()
            .map(|q| {
                let own = q.time_limit.map(|t| t.0);
                let limit = settings.time.or(own).unwrap_or(settings.defaults[q.difficulty as usize]);
                Item::new(q, limit)
            })
            .collect();
        Round { items, current: 0, settings }
    }

    /// Starts the countdown of the first question.
    pub fn start(&mut self, now: Duration) {
        if let Some(item) = self.items.get_mut(self.current)
            && item.phase == Phase::Pending
        {
            item.phase = Phase::Asking;
            item.run(now);
        }
    }

    /// The settings.
    pub fn settings(&self) -> &RoundSettings {
        &self.settings
    }

    /// Every item, in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Index of the current question (equals `len()` once finished).
    pub fn index(&self) -> usize {
        self.current
    }

    /// Number of questions.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the round has no questions.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether every question is done.
    pub fn is_finished(&self) -> bool {
        self.current >= self.items.len()
    }

    /// The current question, unless finished.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.current)
    }

    fn current_in(&mut self, phases: &[Phase]) -> Option<&mut Item> {
        self.items.get_mut(self.current).filter(|i| phases.contains(&i.phase))
    }

    /// The level whose answer is shown first for the current question.
    pub fn level_for(&self, q: &Question) -> Level {
        self.settings.level.unwrap_or(q.level)
    }

    /// Advances time: when the current question's limit runs out while
    /// asking, it is revealed with an overtime mark and its time keeps
    /// counting until it is graded. Returns whether that happened now.
    pub fn tick(&mut self, now: Duration) -> bool {
        let Some(item) = self.current_in(&[Phase::Asking]) else {
            return false;
        };
        if item.elapsed(now) < item.limit {
            return false;
        }
        item.phase = Phase::Revealed;
        item.overtime = true;
        item.pre_tick();
        true
    }

    /// Sets the typed answer of the current question until it is graded:
    /// a candidate still typing when the time runs out keeps every word.
    pub fn set_answer(&mut self, answer: String) {
        if let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused, Phase::Revealed]) {
            item.answer = answer;
        }
    }

    /// Ticks, in addition to the candidate's own ticks, the key points the
    /// revealed answer now plainly mentions (after typing past the time).
    pub fn suggest_more(&mut self) {
        if let Some(item) = self.current_in(&[Phase::Revealed]) {
            let ticks = grade::ticks(&item.answer, &item.question.key_points);
            for ((c, e), t) in item.covered.iter_mut().zip(item.evidence.iter_mut()).zip(ticks) {
                if t.covered && !*c {
                    *c = true;
                    *e = t.evidence;
                }
            }
        }
    }

    /// Pauses the countdown, or resumes it.
    pub fn toggle_pause(&mut self, now: Duration) {
        let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused]) else {
            return;
        };
        if item.phase == Phase::Asking {
            item.stop(now);
            item.phase = Phase::Paused;
        } else {
            item.run(now);
            item.phase = Phase::Asking;
        }
    }

    /// Reveals the model answers: the countdown stops, and the key points
    /// the typed answer plainly mentions are pre-ticked. A reveal after the
    /// limit is marked overtime.
    pub fn reveal(&mut self, now: Duration) {
        let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused]) else {
            return;
        };
        item.stop(now);
        item.overtime = item.elapsed >= item.limit;
        item.pre_tick();
        item.phase = Phase::Revealed;
    }

    /// Ticks or unticks a key point of the revealed question.
    pub fn toggle_point(&mut self, point: usize) {
        if let Some(item) = self.current_in(&[Phase::Revealed])
            && let Some(c) = item.covered.get_mut(point)
        {
            *c = !*c;
        }
    }

    /// Sets every key point of the revealed question at once.
    pub fn set_points(&mut self, covered: Vec<bool>) {
        if let Some(item) = self.current_in(&[Phase::Revealed])
            && covered.len() == item.covered.len()
        {
            item.covered = covered;
        }
    }

    /// Grades the revealed question and moves to the next, whose countdown
    /// starts at `now`. Returns the outcome just recorded.
    pub fn grade(&mut self, now: Duration) -> Option<Outcome> {
        let item = self.current_in(&[Phase::Revealed])?;
        item.stop(now);
        let outcome = Outcome {
            covered: item.covered.iter().filter(|c| **c).count(),
            total: item.covered.len(),
            time_used: item.elapsed,
            overtime: item.overtime,
            skipped: false,
        };
        Some(self.finish_current(outcome, now))
    }

    /// Skips the current question (asking or paused): it scores 0 and is
    /// kept as skipped. Returns the outcome just recorded.
    pub fn skip(&mut self, now: Duration) -> Option<Outcome> {
        let item = self.current_in(&[Phase::Asking, Phase::Paused])?;
        item.stop(now);
        let outcome = Outcome {
            covered: 0,
            total: item.covered.len(),
            time_used: item.elapsed,
            overtime: item.elapsed >= item.limit,
            skipped: true,
        };
        Some(self.finish_current(outcome, now))
    }

    fn finish_current(&mut self, outcome: Outcome, now: Duration) -> Outcome {
        let item = &mut self.items[self.current];
        item.phase = Phase::Done;
        item.outcome = Some(outcome.clone());
        self.current += 1;
        self.start(now);
        outcome
    }

    /// The summary of what has been done so far; questions not reached
    /// count as not attempted.
    pub fn summary(&self) -> Summary {
        Summary::new(
            self.items
                .iter()
                .map(|item| ItemSummary {
                    id: item.question.id.to_string(),
                    title: item.question.title.to_string(),
                    topic: item.question.topic.to_string(),
                    outcome: item.outcome.clone(),
                    limit: item.limit,
                    missed: match &item.outcome {
                        Some(o) if !o.skipped => item
                            .question
                            .key_points
                            .iter()
                            .zip(&item.covered)
                            .filter(|(_, c)| !**c)
                            .map(|(p, _)| p.point.to_string())
                            .collect(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
        )
    }
}

#[cfg(test)]
pub(crate) mod tests;
