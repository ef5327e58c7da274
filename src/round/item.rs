//! One question of a round and what the candidate gave for it: the main
//! answer (or one answer per stage of a staged design round), the
//! follow-ups asked after it, the confidence they rated, and the ticks of
//! the rubric with the words that earned each.

use std::time::Duration;

use super::grade;
use super::policy;
use super::{Outcome, Phase};
use crate::bank::{KeyPoint, Question};

/// What the candidate is answering now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The question's prompt.
    Main,
    /// A stage of a staged round (index into [`Item::stages`]).
    Stage(usize),
    /// A follow-up (index into [`Item::follow_ups`], the asking order).
    FollowUp(usize),
}

/// How a follow-up answer landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// Nothing of what it pressed on.
    Missed,
    /// Some of it.
    Partly,
    /// What it pressed on.
    Covered,
}

impl Mark {
    /// Its word, as shown and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Missed => "missed",
            Mark::Partly => "partly",
            Mark::Covered => "covered",
        }
    }

    /// The next mark, for a key that cycles them.
    pub fn next(self) -> Mark {
        match self {
            Mark::Missed => Mark::Partly,
            Mark::Partly => Mark::Covered,
            Mark::Covered => Mark::Missed,
        }
    }

    /// The mark from the share of what was pressed on that the answer
    /// covers.
    pub fn from_share(share: f64) -> Mark {
        if share >= policy::FOLLOW_UP_COVERED {
            Mark::Covered
        } else if share > 0.0 {
            Mark::Partly
        } else {
            Mark::Missed
        }
    }
}

/// How sure the candidate was, rated before seeing anything: 1 no idea,
/// 2 unsure, 3 fairly sure, 4 certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Confidence(u8);

impl Confidence {
    /// The four ratings with their words.
    pub const LABELS: [&'static str; 4] = ["no idea", "unsure", "fairly sure", "certain"];

    /// A rating from 1 to 4.
    pub fn new(n: u8) -> Option<Confidence> {
        (1..=4).contains(&n).then_some(Confidence(n))
    }

    /// Its number, 1-4.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Its words.
    pub fn label(self) -> &'static str {
        Self::LABELS[usize::from(self.0 - 1)]
    }

    /// The score a candidate this sure expects, for calibration: 1 is 0,
    /// 4 is 1.
    pub fn expected(self) -> f64 {
        f64::from(self.0 - 1) / 3.0
    }
}

/// One stage or follow-up the candidate answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Index into the question's `stages` or `follow_ups`.
    pub index: usize,
    /// What was typed (empty when answered aloud).
    pub answer: String,
    /// Its own time budget.
    pub limit: Duration,
    /// Whether the stage's hint was taken (stages only).
    pub hint: bool,
    /// How the answer landed (follow-ups only; pre-set from the answer,
    /// the candidate has the final say).
    pub mark: Mark,
    /// The words of the answer that earned the mark.
    pub evidence: Vec<String>,
    pub(crate) from: Duration,
    pub(crate) to: Option<Duration>,
}

impl Part {
    pub(crate) fn new(index: usize, limit: Duration, from: Duration) -> Part {
        Part {
            index,
            answer: String::new(),
            limit,
            hint: false,
            mark: Mark::Missed,
            evidence: Vec::new(),
            from,
            to: None,
        }
    }

    /// Time spent on it, given the question's clock now.
    pub fn used(&self, clock: Duration) -> Duration {
        self.to.unwrap_or(clock).saturating_sub(self.from)
    }

    /// Whether it ran past its budget.
    pub fn over(&self, clock: Duration) -> bool {
        self.used(clock) > self.limit
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
    /// What is being answered.
    pub step: Step,
    /// What the candidate typed for the prompt (empty when answered aloud,
    /// and for a staged question, whose answers are per stage).
    pub answer: String,
    /// One per stage of a staged question, in order, as they are reached.
    pub stages: Vec<Part>,
    /// The follow-ups asked, in the order asked.
    pub follow_ups: Vec<Part>,
    /// Which points of the rubric ([`Item::points`]) are ticked.
    pub covered: Vec<bool>,
    /// For each point of the rubric, the words of the answer that earned
    /// its pre-tick (empty when the grader found none).
    pub evidence: Vec<Vec<String>>,
    /// How sure the candidate was, when asked and answered.
    pub confidence: Option<Confidence>,
    /// Whether the limit ran out.
    pub overtime: bool,
    /// The result, once done.
    pub outcome: Option<Outcome>,
    /// The question's clock when the prompt (or last stage) was answered.
    pub(crate) answered_at: Option<Duration>,
    elapsed: Duration,
    running_since: Option<Duration>,
}

impl Item {
    pub(crate) fn new(question: Question, limit: Duration) -> Item {
        let points = if question.stages.is_empty() {
            question.key_points.len()
        } else {
            question.stages.iter().map(|s| s.key_points.len()).sum()
        };
        Item {
            question,
            limit,
            phase: Phase::Pending,
            step: Step::Main,
            answer: String::new(),
            stages: Vec::new(),
            follow_ups: Vec::new(),
            covered: vec![false; points],
            evidence: vec![Vec::new(); points],
            confidence: None,
            overtime: false,
            outcome: None,
            answered_at: None,
            elapsed: Duration::ZERO,
            running_since: None,
        }
    }

    /// Whether the question runs stage by stage.
    pub fn is_staged(&self) -> bool {
        !self.question.stages.is_empty()
    }

    /// The rubric the checklist ticks: the question's key points, or for a
    /// staged question every stage's, each with its stage's index.
    pub fn points(&self) -> Vec<(Option<usize>, &KeyPoint)> {
        if self.is_staged() {
            self.question
                .stages
                .iter()
                .enumerate()
                .flat_map(|(s, st)| st.key_points.iter().map(move |p| (Some(s), p)))
                .collect()
        } else {
            self.question.key_points.iter().map(|p| (None, p)).collect()
        }
    }

    /// Where each stage's points start in the rubric.
    fn stage_offsets(&self) -> Vec<usize> {
        let mut at = 0;
        self.question
            .stages
            .iter()
            .map(|s| {
                let start = at;
                at += s.key_points.len();
                start
            })
            .collect()
    }

    /// Ticks the points the answers cover, keeping what earned each: the
    /// prompt's answer against the key points, or each stage's answer
    /// against its own points.
    pub(crate) fn pre_tick(&mut self) {
        let ticks: Vec<grade::Tick> = if self.is_staged() {
            let offsets = self.stage_offsets();
            let mut all = vec![grade::Tick::default(); self.covered.len()];
            for part in &self.stages {
                let stage = &self.question.stages[part.index];
                let prompt = format!("{}\n{}\n{}", self.question.prompt, stage.title, stage.prompt);
                for (i, t) in grade::ticks(&part.answer, &stage.key_points, &prompt).into_iter().enumerate() {
                    all[offsets[part.index] + i] = t;
                }
            }
            all
        } else {
            grade::grade(&self.answer, &self.question)
        };
        self.covered = ticks.iter().map(|t| t.covered).collect();
        self.evidence = ticks.into_iter().map(|t| t.evidence).collect();
    }

    /// Everything typed for the question (the prompt's answer or every
    /// stage's), for grading the question's own key points.
    pub fn all_answers(&self) -> String {
        let mut text = self.answer.clone();
        for part in &self.stages {
            text.push('\n');
            text.push_str(&part.answer);
        }
        text
    }

    /// Which of the question's own key points the answers cover: what the
    /// follow-ups are ordered by.
    pub(crate) fn question_ticks(&self) -> Vec<bool> {
        grade::grade(&self.all_answers(), &self.question).iter().map(|t| t.covered).collect()
    }

    /// The ticked points that earn credit, as rubric indices: every tick,
    /// except that a stage whose hint was taken earns at most
    /// [`policy::HINT_CAP`] of its points (its first ticks).
    pub fn credited_points(&self) -> Vec<usize> {
        let ticked = |range: std::ops::Range<usize>| range.filter(|i| self.covered[*i]).collect::<Vec<_>>();
        if !self.is_staged() {
            return ticked(0..self.covered.len());
        }
        let offsets = self.stage_offsets();
        let mut out = Vec::new();
        for (s, stage) in self.question.stages.iter().enumerate() {
            let n = stage.key_points.len();
            let mut these = ticked(offsets[s]..offsets[s] + n);
            if self.stages.iter().any(|p| p.index == s && p.hint) {
                these.truncate(policy::hint_cap(n));
            }
            out.extend(these);
        }
        out
    }

    /// A stage's grade from its ticks: the points credited (its hint's cap
    /// applied), its points, and covered, partly or missed from their share.
    pub fn stage_grade(&self, stage: usize) -> (usize, usize, Mark) {
        let offsets = self.stage_offsets();
        let (Some(start), Some(s)) = (offsets.get(stage), self.question.stages.get(stage)) else {
            return (0, 0, Mark::Missed);
        };
        let range = *start..start + s.key_points.len();
        let credited = self.credited_points().into_iter().filter(|i| range.contains(i)).count();
        let total = s.key_points.len();
        (credited, total, Mark::from_share(if total == 0 { 0.0 } else { credited as f64 / total as f64 }))
    }

    /// "covered (2/3)": a stage's grade as the debrief shows it.
    pub fn stage_grade_label(&self, stage: usize) -> String {
        let (credited, total, mark) = self.stage_grade(stage);
        format!("{} ({credited}/{total})", mark.as_str())
    }

    /// A stage as the debrief heads it: "Stage 2 · API · partly (1/2) ·
    /// 3:10 of 5m · hint taken", given the question's clock.
    pub fn stage_heading(&self, part: &Part, clock: Duration) -> String {
        let stage = &self.question.stages[part.index];
        let hint = if part.hint { " · hint taken" } else { "" };
        format!(
            "Stage {} · {} · {} · {} of {}{hint}",
            part.index + 1,
            stage.title,
            self.stage_grade_label(part.index),
            crate::text::clock(part.used(clock)),
            stage.time
        )
    }

    /// Points credited (see [`Item::credited_points`]).
    pub fn credited(&self) -> usize {
        self.credited_points().len()
    }

    /// Pre-marks each asked follow-up from its answer: against the key
    /// points it presses on, or, when it names none, against the
    /// sentences of its model answer.
    pub(crate) fn pre_mark(&mut self) {
        for part in &mut self.follow_ups {
            let f = &self.question.follow_ups[part.index];
            let points: Vec<KeyPoint> = if f.probes.is_empty() {
                crate::text::sentences(&f.answer).into_iter().map(|s| KeyPoint::plain(s, self.question.level)).collect()
            } else {
                f.probes
                    .iter()
                    .filter_map(|n| self.question.key_points.get(usize::from(*n).wrapping_sub(1)))
                    .cloned()
                    .collect()
            };
            let ticks = grade::ticks(&part.answer, &points, &format!("{}\n{}", self.question.prompt, f.prompt));
            let hit = ticks.iter().filter(|t| t.covered).count();
            part.mark = Mark::from_share(if points.is_empty() { 0.0 } else { hit as f64 / points.len() as f64 });
            part.evidence = ticks.into_iter().filter(|t| t.covered).flat_map(|t| t.evidence).collect();
        }
    }

    /// Time used so far (the question's clock).
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.elapsed + self.running_since.map_or(Duration::ZERO, |since| now.saturating_sub(since))
    }

    /// Time spent on the prompt (or the stages): the clock when it was
    /// answered, or now while it still runs.
    pub fn answer_time(&self, now: Duration) -> Duration {
        self.answered_at.unwrap_or_else(|| self.elapsed(now))
    }

    /// Time left before the limit (zero once over).
    pub fn remaining(&self, now: Duration) -> Duration {
        self.limit.saturating_sub(self.answer_time(now))
    }

    /// The part being answered now, if a stage or a follow-up.
    pub fn part(&self) -> Option<&Part> {
        match self.step {
            Step::Main => None,
            Step::Stage(i) => self.stages.get(i),
            Step::FollowUp(i) => self.follow_ups.get(i),
        }
    }

    pub(crate) fn part_mut(&mut self) -> Option<&mut Part> {
        match self.step {
            Step::Main => None,
            Step::Stage(i) => self.stages.get_mut(i),
            Step::FollowUp(i) => self.follow_ups.get_mut(i),
        }
    }

    /// The answer being typed now.
    pub fn current_answer(&self) -> &str {
        self.part().map_or(&self.answer, |p| &p.answer)
    }

    pub(crate) fn stop(&mut self, now: Duration) {
        self.elapsed = self.elapsed(now);
        self.running_since = None;
    }

    pub(crate) fn run(&mut self, now: Duration) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Ends the part being answered at the question's clock `now`.
    pub(crate) fn end_part(&mut self, now: Duration) {
        let clock = self.elapsed(now);
        if let Some(p) = self.part_mut()
            && p.to.is_none()
        {
            p.to = Some(clock);
        }
    }
}
