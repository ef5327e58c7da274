//! A timed mock round as a pure state machine: asking → revealed → graded
//! per question, with pause, skip and overtime. Time comes in as `now`
//! values from a [`Clock`]; the round never reads a clock itself.

pub mod clock;
pub mod draw;
pub mod grade;
pub mod host;
pub mod item;
pub mod misses;
pub mod policy;
pub mod score;
pub mod scorecard;
pub mod verdict;

use std::time::Duration;

pub use clock::{Clock, ManualClock, SystemClock};
pub use draw::{draw, pick};
pub use item::{Confidence, Item, Mark, Part, Step};
pub use policy::DEFAULT_TIMES;
pub use score::{ItemSummary, Summary, TopicSummary};
pub use verdict::Verdict;

use crate::bank::{Level, Question};

/// Where one question of the round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not reached yet.
    Pending,
    /// The countdown runs; the candidate answers the prompt, a stage or a
    /// follow-up ([`Item::step`]).
    Asking,
    /// The countdown is stopped and the prompt hidden.
    Paused,
    /// Answered; the candidate rates how sure they are before anything is
    /// shown. The clock is stopped.
    Rating,
    /// A mock: answered with its follow-ups, waiting for the debrief.
    Answered,
    /// Model answers shown; the candidate ticks key points (in a mock,
    /// this is the question's debrief).
    Revealed,
    /// Graded or skipped: final, never changed again.
    Done,
}

/// The record of a graded or skipped question.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Key points credited (a staged round's taken hints cap theirs).
    pub covered: usize,
    /// Key points in the rubric.
    pub total: usize,
    /// Time spent answering the prompt (the overtime included; not the
    /// follow-ups).
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

/// How a round talks to the candidate: a practice round reveals after each
/// question; a mock asks follow-ups first and debriefs at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    /// A mock interview: nothing is revealed until the debrief.
    pub mock: bool,
    /// Follow-ups asked per question (mocks only).
    pub follow_ups: usize,
    /// Each follow-up's own time.
    pub follow_up_time: Duration,
    /// Whether to ask for confidence before anything is shown.
    pub confidence: bool,
}

impl Default for Interview {
    /// A practice round: no follow-ups asked, no confidence asked.
    fn default() -> Self {
        Interview { mock: false, follow_ups: 0, follow_up_time: policy::FOLLOW_UP_TIME, confidence: false }
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
    /// Practice or mock, follow-ups and confidence.
    pub interview: Interview,
}

/// A timed round: practice or mock.
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

    /// Starts the countdown of the current question (the first, at first).
    pub fn start(&mut self, now: Duration) {
        if let Some(item) = self.items.get_mut(self.current)
            && item.phase == Phase::Pending
        {
            item.phase = Phase::Asking;
            item.run(now);
            if item.is_staged() {
                item.stages.push(Part::new(0, item.question.stages[0].time.0, Duration::ZERO));
                item.step = Step::Stage(0);
            }
        }
    }

    /// The settings.
    pub fn settings(&self) -> &RoundSettings {
        &self.settings
    }

    /// Whether this is a mock interview.
    pub fn is_mock(&self) -> bool {
        self.settings.interview.mock
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

    /// Whether a mock has reached its debrief.
    pub fn in_debrief(&self) -> bool {
        self.is_mock() && self.current().is_some_and(|i| matches!(i.phase, Phase::Revealed))
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

    /// Advances time. In a practice round, when the current question's
    /// limit runs out while its prompt is asked, it is revealed with an
    /// overtime mark and its time keeps counting until it is graded
    /// (confidence is not asked then: the answer was cut off). In a mock
    /// the candidate runs over, as in an interview: the question is marked
    /// overtime and goes on. Returns whether the time ran out now.
    pub fn tick(&mut self, now: Duration) -> bool {
        let mock = self.is_mock();
        let Some(item) = self.current_in(&[Phase::Asking]) else {
            return false;
        };
        if item.overtime || matches!(item.step, Step::FollowUp(_)) || item.elapsed(now) < item.limit {
            return false;
        }
        item.overtime = true;
        if !mock {
            // The clock keeps running: typing may go on until graded.
            item.end_part(now);
            item.phase = Phase::Revealed;
            item.pre_tick();
        }
        true
    }

    /// Sets what is typed for the prompt, stage or follow-up being
    /// answered, until it is graded: a candidate still typing when the
    /// time runs out keeps every word.
    pub fn set_answer(&mut self, answer: String) {
        if let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused, Phase::Revealed]) {
            match item.part_mut() {
                Some(p) => p.answer = answer,
                None => item.answer = answer,
            }
        }
    }

    /// Ticks, in addition to the candidate's own ticks, the key points the
    /// revealed answer now plainly mentions (after typing past the time).
    pub fn suggest_more(&mut self) {
        if let Some(item) = self.current_in(&[Phase::Revealed]) {
            let before = (item.covered.clone(), item.evidence.clone());
            item.pre_tick();
            let (covered, evidence) = before;
            for ((c, e), (was, had)) in
                item.covered.iter_mut().zip(item.evidence.iter_mut()).zip(covered.into_iter().zip(evidence))
            {
                if was && !*c {
                    *c = true;
                    *e = had;
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

    /// Takes the hint of the stage being answered (it caps the stage's
    /// score). Returns whether there was one to take.
    pub fn take_hint(&mut self) -> bool {
        let Some(item) = self.current_in(&[Phase::Asking]) else { return false };
        let Step::Stage(i) = item.step else { return false };
        if item.question.stages[i].hint.is_none() {
            return false;
        }
        item.stages[i].hint = true;
        true
    }

    /// Moves a staged question on to its next stage, when the candidate
    /// says so; from the last stage this is [`Round::reveal`].
    pub fn next_stage(&mut self, now: Duration) {
        let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused]) else { return };
        let Step::Stage(i) = item.step else { return };
        if i + 1 >= item.question.stages.len() {
            self.reveal(now);
            return;
        }
        item.run(now);
        item.phase = Phase::Asking;
        item.end_part(now);
        let clock = item.elapsed(now);
        item.stages.push(Part::new(i + 1, item.question.stages[i + 1].time.0, clock));
        item.step = Step::Stage(i + 1);
    }

    /// The candidate is done answering what is asked. In a practice round
    /// this reveals the model answers (after the confidence rating, when
    /// asked): the countdown stops and the key points the typed answer
    /// plainly mentions are pre-ticked; a reveal after the limit is marked
    /// overtime. In a mock nothing is revealed: the follow-ups come next,
    /// then the next question.
    pub fn reveal(&mut self, now: Duration) {
        let confidence = self.settings.interview.confidence;
        let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused]) else {
            return;
        };
        item.run(now);
        item.end_part(now);
        if let Step::FollowUp(i) = item.step {
            self.next_follow_up(i + 1, now);
            return;
        }
        item.stop(now);
        let clock = item.elapsed(now);
        item.answered_at = Some(clock);
        item.overtime |= clock >= item.limit;
        item.pre_tick();
        item.phase = if confidence { Phase::Rating } else { Phase::Asking };
        if !confidence {
            self.after_answer(now);
        }
    }

    /// The candidate's confidence, or `None` to skip rating; then what
    /// follows the answer.
    pub fn rate(&mut self, confidence: Option<Confidence>, now: Duration) {
        let Some(item) = self.current_in(&[Phase::Rating]) else { return };
        item.confidence = confidence;
        self.after_answer(now);
    }

    /// After the prompt is answered (and rated): the model answers in a
    /// practice round; in a mock, the follow-ups, those pressing on what
    /// the answer missed first.
    fn after_answer(&mut self, now: Duration) {
        let (mock, n, time) =
            (self.is_mock(), self.settings.interview.follow_ups, self.settings.interview.follow_up_time);
        let Some(item) = self.items.get_mut(self.current) else { return };
        if !mock {
            item.phase = Phase::Revealed;
            return;
        }
        let order = follow_up_order(&item.question, &item.question_ticks());
        let clock = item.elapsed(now);
        item.follow_ups = order.into_iter().take(n).map(|i| Part::new(i, time, clock)).collect();
        self.next_follow_up(0, now);
    }

    /// Asks follow-up `i` of the current mock question, or, past the last,
    /// puts the question aside for the debrief and asks the next.
    fn next_follow_up(&mut self, i: usize, now: Duration) {
        let Some(item) = self.items.get_mut(self.current) else { return };
        if i < item.follow_ups.len() {
            item.run(now);
            item.follow_ups[i].from = item.elapsed(now);
            item.step = Step::FollowUp(i);
            item.phase = Phase::Asking;
            return;
        }
        item.stop(now);
        item.phase = Phase::Answered;
        self.current += 1;
        self.start_or_debrief(now);
    }

    /// Starts the next question of a mock, or once every question is
    /// answered, the debrief.
    fn start_or_debrief(&mut self, now: Duration) {
        if self.current < self.items.len() {
            self.start(now);
        } else {
            self.debrief();
        }
    }

    /// Ends the asking part of a mock early (the candidate quit): what
    /// was being answered is kept if anything was typed, questions not
    /// reached stay not attempted, and the debrief of what was answered
    /// begins.
    pub fn end_asking(&mut self, now: Duration) {
        if !self.is_mock() {
            return;
        }
        if let Some(item) = self.current_in(&[Phase::Asking, Phase::Paused, Phase::Rating]) {
            item.end_part(now);
            item.stop(now);
            let typed = !item.all_answers().trim().is_empty();
            match item.step {
                Step::FollowUp(i) => {
                    item.follow_ups.truncate(i + 1);
                    item.phase = Phase::Answered;
                }
                _ if typed || item.phase == Phase::Rating => {
                    let clock = item.elapsed(now);
                    item.answered_at.get_or_insert(clock);
                    item.overtime |= clock >= item.limit;
                    item.pre_tick();
                    item.phase = Phase::Answered;
                }
                _ => item.phase = Phase::Pending,
            }
        }
        if self.items.iter().any(|i| i.phase == Phase::Answered) {
            self.debrief();
        } else {
            self.current = self.items.len();
        }
    }

    /// Opens the debrief at the first answered question.
    fn debrief(&mut self) {
        match self.items.iter().position(|i| i.phase == Phase::Answered) {
            Some(at) => {
                self.current = at;
                let item = &mut self.items[at];
                item.pre_mark();
                item.phase = Phase::Revealed;
            }
            None => self.current = self.items.len(),
        }
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

    /// Sets the mark of an asked follow-up in the debrief.
    pub fn set_mark(&mut self, follow_up: usize, mark: Mark) {
        if let Some(item) = self.current_in(&[Phase::Revealed])
            && let Some(p) = item.follow_ups.get_mut(follow_up)
        {
            p.mark = mark;
        }
    }

    /// Grades the revealed question and moves on: in a practice round to
    /// the next question, whose countdown starts at `now`; in a mock to
    /// the next debrief. Returns the outcome just recorded.
    pub fn grade(&mut self, now: Duration) -> Option<Outcome> {
        let item = self.current_in(&[Phase::Revealed])?;
        item.stop(now);
        let outcome = Outcome {
            covered: item.credited(),
            total: item.covered.len(),
            time_used: item.answer_time(now),
            overtime: item.overtime,
            skipped: false,
        };
        Some(self.finish_current(outcome, now))
    }

    /// Skips what is asked. The prompt (asking or paused): the question
    /// scores 0 and is kept as skipped. A mock's follow-up: it is left
    /// unanswered and the next comes. Returns the outcome of a skipped
    /// question.
    pub fn skip(&mut self, now: Duration) -> Option<Outcome> {
        let item = self.current_in(&[Phase::Asking, Phase::Paused])?;
        if let Step::FollowUp(i) = item.step {
            item.run(now);
            item.end_part(now);
            item.follow_ups[i].answer.clear();
            self.next_follow_up(i + 1, now);
            return None;
        }
        item.stop(now);
        let clock = item.elapsed(now);
        let outcome = Outcome {
            covered: 0,
            total: item.covered.len(),
            time_used: clock,
            overtime: clock >= item.limit,
            skipped: true,
        };
        Some(self.finish_current(outcome, now))
    }

    fn finish_current(&mut self, outcome: Outcome, now: Duration) -> Outcome {
        let item = &mut self.items[self.current];
        let debriefed = item.phase == Phase::Revealed;
        item.phase = Phase::Done;
        item.outcome = Some(outcome.clone());
        if self.is_mock() && debriefed {
            self.debrief();
        } else if self.is_mock() {
            self.current += 1;
            self.start_or_debrief(now);
        } else {
            self.current += 1;
            self.start(now);
        }
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
                            .points()
                            .iter()
                            .zip(&item.covered)
                            .filter(|(_, c)| !**c)
                            .map(|((_, p), _)| p.point.to_string())
                            .collect(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
        )
    }

    /// The level verdict over the questions graded so far.
    pub fn verdict(&self) -> Option<Verdict> {
        verdict::verdict(&self.items)
    }
}

/// The order a mock asks a question's follow-ups in: those pressing on a
/// key point the answer missed first, then the rest, each group in the
/// bank's order.
pub fn follow_up_order(q: &Question, covered: &[bool]) -> Vec<usize> {
    let presses_on_a_miss =
        |i: usize| q.follow_ups[i].probes.iter().any(|n| covered.get(usize::from(*n).wrapping_sub(1)) == Some(&false));
    let mut order: Vec<usize> = (0..q.follow_ups.len()).collect();
    order.sort_by_key(|i| !presses_on_a_miss(*i));
    order
}

#[cfg(test)]
mod mock_tests;
#[cfg(test)]
pub(crate) mod tests;
