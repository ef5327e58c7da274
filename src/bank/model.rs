//! The question bank's data model: what a loaded, validated bank holds.
//! The small value types it is made of live in [`super::values`].

use serde::{Serialize, Serializer};

pub use super::values::{Difficulty, Kind, Level, Text, TimeLimit};

/// The three model answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Answers {
    /// Correct and plain.
    pub junior: Text,
    /// Adds trade-offs and failure modes.
    pub mid: Text,
    /// Decides from workload, failure tolerance and ownership.
    pub senior: Text,
}

impl Answers {
    /// The answer for one level.
    pub fn get(&self, level: Level) -> &str {
        match level {
            Level::Junior => &self.junior,
            Level::Mid => &self.mid,
            Level::Senior => &self.senior,
        }
    }
}

/// A common weak answer, why it fails, and what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// What a weak candidate says.
    pub wrong: Text,
    /// Why it fails in production.
    pub why: Text,
    /// What to say instead.
    pub better: Text,
}

/// What an interviewer asks next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The follow-up question.
    pub prompt: Text,
    /// A short model answer.
    pub answer: Text,
    /// The key points it presses on, numbered from 1 as the bank writes
    /// them.
    pub probes: Vec<u16>,
}

impl FollowUp {
    /// "presses on key points 3, 5", or nothing when it names none.
    pub fn probes_label(&self) -> Option<String> {
        let list: Vec<String> = self.probes.iter().map(u16::to_string).collect();
        match list.len() {
            0 => None,
            1 => Some(format!("presses on key point {}", list[0])),
            _ => Some(format!("presses on key points {}", list.join(", "))),
        }
    }
}

/// One thing a strong answer names: a line of the rubric, the level of
/// candidate expected to say it, and other ways people say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPoint {
    /// The point.
    pub point: Text,
    /// Its level: as the bank gives it, else the question's.
    pub level: Level,
    /// Whether the bank gave the level (the strict rules ask for one).
    pub levelled: bool,
    /// Other phrasings a candidate might use, for the grader.
    pub also: Vec<Text>,
}

impl KeyPoint {
    /// The point with its level in front, as text output shows it:
    /// `[senior] the finish is fenced by the claim token`.
    pub fn tagged(&self) -> String {
        format!("[{}] {}", self.level, self.point)
    }

    /// A point at `level` that the bank did not level itself.
    pub fn plain(point: impl Into<Text>, level: Level) -> KeyPoint {
        KeyPoint { point: point.into(), level, levelled: false, also: Vec::new() }
    }
}

impl AsRef<str> for KeyPoint {
    fn as_ref(&self) -> &str {
        &self.point
    }
}

/// The JSON form every script reads: `{"point", "level", "also"}`, with
/// the level always filled in.
impl Serialize for KeyPoint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("KeyPoint", 3)?;
        s.serialize_field("point", &self.point)?;
        s.serialize_field("level", &self.level)?;
        s.serialize_field("also", &self.also)?;
        s.end()
    }
}

/// One stage of a staged design round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// What the stage is about ("Scope", "Data model").
    pub title: Text,
    /// What the interviewer asks.
    pub prompt: Text,
    /// Its time budget.
    pub time: TimeLimit,
    /// What a strong answer to this stage names.
    pub key_points: Vec<KeyPoint>,
    /// The model answer for the stage.
    pub answer: Text,
    /// A nudge the candidate may take (taking it caps the stage's score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
}

/// One round of a loop: what it scores, which questions, how many, how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoopRound {
    /// Its title ("API design").
    pub title: Text,
    /// The signal it scores; the scorecard groups by it.
    pub signal: Text,
    /// Tracks, topics or tags, as `--topic`.
    pub topic: Vec<Text>,
    /// Kinds, as `--kind`.
    pub kind: Vec<Kind>,
    /// Difficulties, as `--difficulty`.
    pub difficulty: Vec<Difficulty>,
    /// Levels, as `--level`.
    pub level: Vec<Level>,
    /// Questions in the round.
    pub count: u32,
    /// Minutes the round runs.
    pub minutes: u32,
    /// Byte offset of its table in its file.
    #[serde(skip)]
    pub offset: u32,
}

/// A loop: rounds run in order, like an onsite or a phone screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loop {
    /// Stable slug, unique across all loaded banks.
    pub id: Text,
    /// Human title.
    pub title: Text,
    /// One-line summary.
    pub summary: Text,
    /// The rounds, in order.
    pub rounds: Vec<LoopRound>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Origin,
}

/// A weak vs strong contrast (code, API, SQL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The weak version.
    pub weak: Text,
    /// The strong version.
    pub strong: Text,
}

/// Where a question was defined, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Bank::files`].
    pub file: u32,
    /// Byte offset of the question's table in that file.
    pub offset: u32,
}

/// One interview question with its model answers and rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable slug, unique across all loaded banks.
    pub id: Text,
    /// The track of the file it came from.
    pub track: Text,
    /// The topic of the file it came from.
    pub topic: Text,
    /// Short title.
    pub title: Text,
    /// The question as an interviewer asks it.
    pub prompt: Text,
    /// Easy, medium or hard.
    pub difficulty: Difficulty,
    /// Who is usually asked this.
    pub level: Level,
    /// Concept, design, scenario, debugging or estimation.
    pub kind: Kind,
    /// Free-form tags; `--topic` matches them too.
    pub tags: Vec<Text>,
    /// An explicit time limit, when the question sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<TimeLimit>,
    /// What a hurried interviewer accepts.
    pub short_answer: Text,
    /// The rubric: what a strong answer names, each with its level.
    pub key_points: Vec<KeyPoint>,
    /// What the interviewer is really testing.
    pub interviewer_checks: Text,
    /// Junior, mid and senior model answers.
    pub answers: Answers,
    /// Common weak answers.
    pub mistakes: Vec<Mistake>,
    /// Interviewer follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// A weak vs strong contrast.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
    /// The stages of a staged design round, in order; empty otherwise.
    pub stages: Vec<Stage>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Origin,
}

impl Question {
    /// The one-line header every front end shows: topic, difficulty,
    /// level, kind, and the time it runs with (`limit`, from the policy).
    pub fn badges(&self, limit: std::time::Duration) -> String {
        format!("{} · {} · {} · {} · {}", self.topic, self.difficulty, self.level, self.kind, TimeLimit(limit))
    }
}

/// A topic: one or more files sharing a track and topic slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// The track that groups it.
    pub track: Text,
    /// The topic slug.
    pub topic: Text,
    /// Human title.
    pub title: Text,
    /// One-line summary.
    pub summary: Text,
    /// Number of questions.
    pub count: usize,
    /// The file that first defined it (index into [`Bank::files`]).
    #[serde(skip)]
    pub file: u32,
}

/// A loaded, fully validated bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bank {
    /// Display paths of the files it was loaded from.
    pub files: Vec<String>,
    /// Topics in load order.
    pub topics: Vec<Topic>,
    /// Questions in load order.
    pub questions: Vec<Question>,
    /// Loops in load order.
    pub loops: Vec<Loop>,
    /// Question id to its index in `questions`.
    ids: std::collections::HashMap<Text, usize>,
}

impl Bank {
    /// A bank of these questions and topics.
    pub fn new(files: Vec<String>, topics: Vec<Topic>, questions: Vec<Question>) -> Bank {
        Bank::with_loops(files, topics, questions, Vec::new())
    }

    /// A bank of these questions, topics and loops.
    pub fn with_loops(files: Vec<String>, topics: Vec<Topic>, questions: Vec<Question>, loops: Vec<Loop>) -> Bank {
        let ids = questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
        Bank { files, topics, questions, loops, ids }
    }

    /// Looks a loop up by id.
    pub fn loop_by_id(&self, id: &str) -> Option<&Loop> {
        self.loops.iter().find(|l| l.id == id)
    }

    /// Looks a question up by id.
    pub fn get(&self, id: &str) -> Option<&Question> {
        self.ids.get(id).map(|i| &self.questions[*i])
    }
}

/// Small questions for tests in every layer: even numbers are about
/// caching, odd ones about queues, each with four key points.
#[cfg(test)]
pub(crate) fn sample_question(i: usize) -> Question {
    Question {
        id: format!("q-{i:03}").into(),
        track: "backend".into(),
        topic: if i.is_multiple_of(2) { "caching".into() } else { "queues".into() },
        title: format!("Question {i}").into(),
        prompt: "What happens?".into(),
        difficulty: Difficulty::Easy,
        level: Level::Mid,
        kind: Kind::Concept,
        tags: vec!["tag".into()],
        time_limit: None,
        short_answer: "Short.".into(),
        key_points: ["cache stampede protection", "time to live", "hot keys", "negative caching"]
            .map(|p| KeyPoint::plain(p, Level::Mid))
            .to_vec(),
        interviewer_checks: "Checks.".into(),
        answers: Answers { junior: "j".into(), mid: "m".into(), senior: "s".into() },
        mistakes: vec![Mistake { wrong: "w".into(), why: "y".into(), better: "b".into() }],
        follow_ups: vec![],
        example: None,
        stages: vec![],
        origin: Origin { file: 0, offset: 0 },
    }
}

/// `n` of [`sample_question`].
#[cfg(test)]
pub(crate) fn sample_questions(n: usize) -> Vec<Question> {
    (0..n).map(sample_question).collect()
}
