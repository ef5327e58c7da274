//! The small value types of the bank: sanitised [`Text`] that may borrow
//! from the binary, the [`Difficulty`], [`Level`] and [`Kind`] enums with
//! their names, and [`TimeLimit`] durations as banks write them.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;
use std::time::Duration;

use serde::{Serialize, Serializer};

/// A piece of bank text, already sanitised. The built-in bank's text is
/// borrowed from the binary (no copy at start-up); loaded files own theirs.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Cow<'static, str>);

impl Text {
    /// Text that lives as long as the program, without a copy.
    pub const fn borrowed(s: &'static str) -> Text {
        Text(Cow::Borrowed(s))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

// Lets maps keyed by `Text` be searched with a `&str`; `Text` hashes as its
// `str` does, which this requires.
impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Cow::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Cow::Owned(s.to_owned()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

// `pad`, so width and alignment flags work as they do for `str`.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

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

impl Level {
    /// One letter for badges: J, M or S.
    pub fn initial(self) -> &'static str {
        match self {
            Level::Junior => "J",
            Level::Mid => "M",
            Level::Senior => "S",
        }
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
    fn text_formats_like_str() {
        let t = Text::from("ab");
        assert_eq!(format!("[{t:<4}|{t:>4}|{t}]"), "[ab  |  ab|ab]");
        assert_eq!(format!("{t:?}"), "\"ab\"");
        assert_eq!(Text::borrowed("ab"), t);
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
