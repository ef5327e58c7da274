//! The question bank's data model: what a loaded, validated bank holds.

use std::fmt;
use std::time::Duration;

use serde::{Serialize, Serializer};

/// How hard a question is; sets the default time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// Two minutes by default.
    Easy,
    /// Four minutes by default.
    Medium,
    /// Six minutes by default.
    Hard,
}

/// The seniority a question is usually asked at, and the answer tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Junior engineer.
    Junior,
    /// Mid-level engineer.
    Mid,
    /// Senior engineer.
    Senior,
}

/// The shape of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Explain an idea.
    Concept,
    /// Design a system or API.
    Design,
    /// React to a situation.
    Scenario,
    /// Find the cause of a failure.
    Debugging,
    /// Back-of-the-envelope numbers.
    Estimation,
}

macro_rules! named_enum {
    ($t:ty, $($v:ident => $s:literal),+) => {
        impl $t {
            /// Every value, in order.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            /// The name used in bank files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            /// Parses the name used in bank files and on the command line.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(<$t>::$v),)+ _ => None }
            }
            /// The accepted names, for messages.
            pub fn names() -> String {
                [$($s),+].join(", ")
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(Difficulty, Easy => "easy", Medium => "medium", Hard => "hard");
named_enum!(Level, Junior => "junior", Mid => "mid", Senior => "senior");
named_enum!(Kind, Concept => "concept", Design => "design", Scenario => "scenario",
    Debugging => "debugging", Estimation => "estimation");

impl Difficulty {
    /// The time limit used when a question sets none.
    pub fn default_time(self) -> Duration {
        Duration::from_secs(match self {
            Difficulty::Easy => 120,
            Difficulty::Medium => 240,
            Difficulty::Hard => 360,
        })
    }
}

/// A time limit, written like `90s`, `4m` or `1m30s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeLimit(pub Duration);

impl TimeLimit {
    /// Parses `90s`, `4m`, `1h`, `1m30s` (units in h, m, s order, each once).
    pub fn parse(s: &str) -> Option<TimeLimit> {
        let mut total = 0u64;
        let mut digits = String::new();
        let mut last_rank = 0;
        let mut any = false;
        for c in s.trim().chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let (rank, mult) = match c {
                'h' => (1, 3600),
                'm' => (2, 60),
                's' => (3, 1),
                _ => return None,
            };
            if digits.is_empty() || digits.len() > 6 || rank <= last_rank {
                return None;
            }
            total += digits.parse::<u64>().ok()? * mult;
            digits.clear();
            last_rank = rank;
            any = true;
        }
        if !digits.is_empty() || !any || total == 0 {
            return None;
        }
        Some(TimeLimit(Duration::from_secs(total)))
    }
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if s > 0 || secs == 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

impl Serialize for TimeLimit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The three model answers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Answers {
    /// Correct and plain.
    pub junior: String,
    /// Adds trade-offs and failure modes.
    pub mid: String,
    /// Decides from workload, failure tolerance and ownership.
    pub senior: String,
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
#[derive(Debug, Clone, Serialize)]
pub struct Mistake {
    /// What a weak candidate says.
    pub wrong: String,
    /// Why it fails in production.
    pub why: String,
    /// What to say instead.
    pub better: String,
}

/// What an interviewer asks next.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// The follow-up question.
    pub prompt: String,
    /// A short model answer.
    pub answer: String,
}

/// A weak vs strong contrast (code, API, SQL).
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// The weak version.
    pub weak: String,
    /// The strong version.
    pub strong: String,
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
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Stable slug, unique across all loaded banks.
    pub id: String,
    /// The track of the file it came from.
    pub track: String,
    /// The topic of the file it came from.
    pub topic: String,
    /// Short title.
    pub title: String,
    /// The question as an interviewer asks it.
    pub prompt: String,
    /// Easy, medium or hard.
    pub difficulty: Difficulty,
    /// Who is usually asked this.
    pub level: Level,
    /// Concept, design, scenario, debugging or estimation.
    pub kind: Kind,
    /// Free-form tags; `--topic` matches them too.
    pub tags: Vec<String>,
    /// An explicit time limit, when the question sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<TimeLimit>,
    /// What a hurried interviewer accepts.
    pub short_answer: String,
    /// The self-grading rubric.
    pub key_points: Vec<String>,
    /// What the interviewer is really testing.
    pub interviewer_checks: String,
    /// Junior, mid and senior model answers.
    pub answers: Answers,
    /// Common weak answers.
    pub mistakes: Vec<Mistake>,
    /// Interviewer follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// A weak vs strong contrast.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Origin,
}

impl Question {
    /// The time limit: the question's own, else its difficulty's default.
    pub fn default_limit(&self) -> std::time::Duration {
        self.time_limit.map_or(self.difficulty.default_time(), |t| t.0)
    }
}

/// A topic: one or more files sharing a track and topic slug.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    /// The track that groups it.
    pub track: String,
    /// The topic slug.
    pub topic: String,
    /// Human title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// Number of questions.
    pub count: usize,
    /// The file that first defined it (index into [`Bank::files`]).
    #[serde(skip)]
    pub file: u32,
}

/// A loaded, fully validated bank.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// Display paths of the files it was loaded from.
    pub files: Vec<String>,
    /// Topics in load order.
    pub topics: Vec<Topic>,
    /// Questions in load order.
    pub questions: Vec<Question>,
    /// Question id to its index in `questions`.
    ids: std::collections::HashMap<String, usize>,
}

impl Bank {
    /// A bank of these questions and topics.
    pub fn new(files: Vec<String>, topics: Vec<Topic>, questions: Vec<Question>) -> Bank {
        let ids = questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
        Bank { files, topics, questions, ids }
    }

    /// Looks a question up by id.
    pub fn get(&self, id: &str) -> Option<&Question> {
        self.ids.get(id).map(|i| &self.questions[*i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_parse_and_print() {
        for (text, secs, shown) in [("90s", 90, "1m30s"), ("4m", 240, "4m"), ("1m30s", 90, "1m30s"), ("1h", 3600, "1h")]
        {
            let t = TimeLimit::parse(text).unwrap();
            assert_eq!(t.0.as_secs(), secs);
            assert_eq!(t.to_string(), shown);
        }
        for bad in ["", "5", "m", "5x", "30s1m", "0s", "1m1m", "5 m", "-1m"] {
            assert!(TimeLimit::parse(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn enums_round_trip_their_names() {
        for d in Difficulty::ALL {
            assert_eq!(Difficulty::parse(d.as_str()), Some(*d));
        }
        assert_eq!(Kind::parse("nope"), None);
        assert_eq!(Level::names(), "junior, mid, senior");
    }
}
