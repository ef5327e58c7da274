//! Host mode: a friend runs the interview from the interviewer's sheet.
//! Per question the host reads the prompt out, ticks the key points as
//! they are said, asks the follow-ups and keeps notes; at the end they rate
//! each signal 1-4. The result is a feedback sheet the candidate can read,
//! and import into their own history.
//!
//! The verdict follows the ratings: every signal rated 3 or 4 is "hire";
//! no signal at 1 and exactly one of several at 2 is "lean hire"; anything
//! else is "not yet".

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::bank::Question;

/// The sheet's format version; a newer one is refused on import.
pub const SHEET_VERSION: u32 = 1;

/// The ratings with their words, 1 to 4.
pub const RATINGS: [&str; 4] = ["no signal", "weak", "solid", "strong"];

/// One question as the host ran it.
#[derive(Debug, Clone)]
pub struct HostItem {
    /// The question.
    pub question: Question,
    /// Its time limit.
    pub limit: Duration,
    /// Key points the host heard.
    pub covered: Vec<bool>,
    /// Follow-ups asked so far (in the bank's order).
    pub asked: usize,
    /// The host's notes.
    pub notes: String,
    elapsed: Duration,
    running_since: Option<Duration>,
}

impl HostItem {
    /// Time on this question.
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.elapsed + self.running_since.map_or(Duration::ZERO, |s| now.saturating_sub(s))
    }
}

/// A hosted interview.
#[derive(Debug, Clone)]
pub struct HostRun {
    items: Vec<HostItem>,
    current: usize,
    /// Per signal (the questions' topics, in order met) the host's 1-4.
    pub ratings: Vec<(String, Option<u8>)>,
}

impl HostRun {
    /// A hosted interview over `questions` with their `limits`, the first
    /// clock running from `now`.
    pub fn new(questions: Vec<(Question, Duration)>, now: Duration) -> HostRun {
        let mut ratings: Vec<(String, Option<u8>)> = Vec::new();
        let items = questions
            .into_iter()
            .map(|(q, limit)| {
                if !ratings.iter().any(|(s, _)| *s == q.topic.as_ref()) {
                    ratings.push((q.topic.to_string(), None));
                }
                HostItem {
                    covered: vec![false; q.key_points.len()],
                    question: q,
                    limit,
                    asked: 0,
                    notes: String::new(),
                    elapsed: Duration::ZERO,
                    running_since: None,
                }
            })
            .collect();
        let mut run = HostRun { items, current: 0, ratings };
        if let Some(first) = run.items.first_mut() {
            first.running_since = Some(now);
        }
        run
    }

    /// Every question.
    pub fn items(&self) -> &[HostItem] {
        &self.items
    }

    /// The question being asked; `None` once rating.
    pub fn current(&self) -> Option<&HostItem> {
        self.items.get(self.current)
    }

    /// Index of the current question.
    pub fn index(&self) -> usize {
        self.current
    }

    /// Whether every question was asked and the signals are being rated.
    pub fn rating(&self) -> bool {
        self.current >= self.items.len()
    }

    /// Ticks or unticks a key point of the current question.
    pub fn toggle(&mut self, point: usize) {
        if let Some(c) = self.items.get_mut(self.current).and_then(|i| i.covered.get_mut(point)) {
            *c = !*c;
        }
    }

    /// The next follow-up is asked.
    pub fn ask_follow_up(&mut self) {
        if let Some(i) = self.items.get_mut(self.current) {
            i.asked = (i.asked + 1).min(i.question.follow_ups.len());
        }
    }

    /// Sets the notes of the current question.
    pub fn set_notes(&mut self, notes: String) {
        if let Some(i) = self.items.get_mut(self.current) {
            i.notes = notes;
        }
    }

    /// Pauses or resumes the current question's clock.
    pub fn toggle_pause(&mut self, now: Duration) {
        if let Some(i) = self.items.get_mut(self.current) {
            match i.running_since.take() {
                Some(since) => i.elapsed += now.saturating_sub(since),
                None => i.running_since = Some(now),
            }
        }
    }

    /// Whether the current clock is paused.
    pub fn paused(&self) -> bool {
        self.current().is_some_and(|i| i.running_since.is_none())
    }

    /// On to the next question (its clock starts), or to the ratings.
    pub fn next(&mut self, now: Duration) {
        let Some(i) = self.items.get_mut(self.current) else { return };
        if let Some(since) = i.running_since.take() {
            i.elapsed += now.saturating_sub(since);
        }
        self.current += 1;
        if let Some(i) = self.items.get_mut(self.current) {
            i.running_since = Some(now);
        }
    }

    /// Ends the interview early: what was asked is kept, the rest dropped.
    pub fn end_early(&mut self, now: Duration) {
        if self.rating() {
            return;
        }
        let touched = self.current().is_some_and(|i| i.covered.iter().any(|c| *c) || !i.notes.trim().is_empty());
        self.next(now);
        let keep = if touched { self.current } else { self.current - 1 };
        self.items.truncate(keep);
        self.current = self.items.len();
        self.ratings.retain(|(s, _)| self.items.iter().any(|i| i.question.topic.as_ref() == s));
    }

    /// Rates signal `i` 1-4.
    pub fn rate(&mut self, i: usize, rating: u8) {
        if let Some(r) = self.ratings.get_mut(i)
            && (1..=4).contains(&rating)
        {
            r.1 = Some(rating);
        }
    }

    /// The verdict from the ratings, once every signal is rated.
    pub fn verdict(&self) -> Option<&'static str> {
        let ratings: Vec<u8> = self.ratings.iter().map(|(_, r)| *r).collect::<Option<_>>()?;
        verdict(&ratings)
    }

    /// The feedback sheet.
    pub fn sheet(&self, bank_summary: &str, date: String) -> Sheet {
        Sheet {
            drill_sheet: SHEET_VERSION,
            bank: bank_summary.to_string(),
            date,
            questions: self
                .items
                .iter()
                .map(|i| SheetQuestion {
                    id: i.question.id.to_string(),
                    title: i.question.title.to_string(),
                    topic: i.question.topic.to_string(),
                    track: i.question.track.to_string(),
                    key_points: i.question.key_points.iter().map(|p| p.point.to_string()).collect(),
                    covered: i.covered.iter().enumerate().filter(|(_, c)| **c).map(|(n, _)| n).collect(),
                    follow_ups_asked: i.question.follow_ups[..i.asked].iter().map(|f| f.prompt.to_string()).collect(),
                    notes: i.notes.clone(),
                    time_used_ms: i.elapsed.as_millis() as u64,
                    time_limit_ms: i.limit.as_millis() as u64,
                })
                .collect(),
            ratings: self
                .ratings
                .iter()
                .map(|(s, r)| SheetRating { signal: s.clone(), rating: r.unwrap_or(0) })
                .collect(),
            verdict: self.verdict().unwrap_or("not rated").to_string(),
        }
    }
}

/// The verdict for ratings 1-4 (see the module's rule).
pub fn verdict(ratings: &[u8]) -> Option<&'static str> {
    if ratings.is_empty() {
        return None;
    }
    let low = ratings.iter().filter(|r| **r <= 2).count();
    Some(if low == 0 {
        "hire"
    } else if !ratings.contains(&1) && low == 1 && ratings.len() > 1 {
        "lean hire"
    } else {
        "not yet"
    })
}

/// What the host writes for the candidate (`--out`, Markdown or JSON) and
/// what `drill history --import` reads back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// The format version ([`SHEET_VERSION`]).
    pub drill_sheet: u32,
    /// Which bank the questions came from ("built-in", or the bank paths).
    pub bank: String,
    /// When the interview ended (RFC 3339).
    pub date: String,
    /// Each question asked.
    pub questions: Vec<SheetQuestion>,
    /// Each signal's rating.
    pub ratings: Vec<SheetRating>,
    /// The verdict.
    pub verdict: String,
}

/// One question on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetQuestion {
    /// Question id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its topic.
    pub topic: String,
    /// Its track.
    pub track: String,
    /// The rubric as the host saw it.
    pub key_points: Vec<String>,
    /// Indices of the key points the host heard.
    pub covered: Vec<usize>,
    /// The follow-ups asked.
    pub follow_ups_asked: Vec<String>,
    /// The host's notes.
    pub notes: String,
    /// Time taken, milliseconds.
    pub time_used_ms: u64,
    /// Its limit, milliseconds.
    pub time_limit_ms: u64,
}

/// A signal's rating on the sheet (0 when not rated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRating {
    /// The signal.
    pub signal: String,
    /// 1-4, 0 when not rated.
    pub rating: u8,
}

impl Sheet {
    /// The sheet as Markdown, to read on its own.
    pub fn markdown(&self) -> String {
        let mut md = format!("# Mock interview feedback\n\n{} · verdict: **{}**\n\n", self.date, self.verdict);
        md.push_str("## Ratings\n\n");
        for r in &self.ratings {
            let words = RATINGS.get(usize::from(r.rating).wrapping_sub(1)).copied().unwrap_or("not rated");
            md.push_str(&format!("- {}: {} ({words})\n", r.signal, r.rating));
        }
        for (n, q) in self.questions.iter().enumerate() {
            md.push_str(&format!("\n## {}. {}\n\n", n + 1, q.title));
            md.push_str(&format!(
                "{} · {} of {} · {} of {} key points\n\n",
                q.topic,
                crate::text::clock(Duration::from_millis(q.time_used_ms)),
                crate::text::clock(Duration::from_millis(q.time_limit_ms)),
                q.covered.len(),
                q.key_points.len()
            ));
            let said: Vec<&String> =
                q.key_points.iter().enumerate().filter(|(i, _)| q.covered.contains(i)).map(|(_, p)| p).collect();
            let missed: Vec<&String> =
                q.key_points.iter().enumerate().filter(|(i, _)| !q.covered.contains(i)).map(|(_, p)| p).collect();
            if !said.is_empty() {
                md.push_str("What you covered:\n\n");
                said.iter().for_each(|p| md.push_str(&format!("- {p}\n")));
                md.push('\n');
            }
            if !missed.is_empty() {
                md.push_str("What to add next time:\n\n");
                missed.iter().for_each(|p| md.push_str(&format!("- {p}\n")));
                md.push('\n');
            }
            if !q.follow_ups_asked.is_empty() {
                md.push_str("Follow-ups asked:\n\n");
                q.follow_ups_asked.iter().for_each(|f| md.push_str(&format!("- {}\n", f.replace('\n', " "))));
                md.push('\n');
            }
            if !q.notes.trim().is_empty() {
                md.push_str(&format!("Notes from your interviewer:\n\n{}\n", q.notes.trim()));
            }
        }
        md.push_str("\nImport into your own history with `drill history --import FILE` (the JSON sheet).\n");
        md
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::model::sample_question;

    fn run(n: usize) -> HostRun {
        let qs = (0..n).map(|i| (sample_question(i), Duration::from_secs(120))).collect();
        HostRun::new(qs, Duration::ZERO)
    }

    #[test]
    fn the_verdict_follows_the_ratings() {
        assert_eq!(verdict(&[3, 4, 3]), Some("hire"));
        assert_eq!(verdict(&[3, 2, 4]), Some("lean hire"));
        assert_eq!(verdict(&[3, 2, 2]), Some("not yet"));
        assert_eq!(verdict(&[4, 1]), Some("not yet"));
        assert_eq!(verdict(&[2]), Some("not yet"), "one signal, and it is weak");
        assert_eq!(verdict(&[]), None);
    }

    #[test]
    fn ticks_clocks_and_follow_ups_are_kept_per_question() {
        let mut r = run(2);
        r.toggle(1);
        r.set_notes("Good on TTLs.".into());
        r.toggle_pause(Duration::from_secs(30));
        assert!(r.paused());
        r.toggle_pause(Duration::from_secs(90));
        r.next(Duration::from_secs(100));
        assert_eq!(r.items()[0].elapsed(Duration::from_secs(500)), Duration::from_secs(40), "paused for 60 s");
        assert_eq!(r.items()[0].covered, vec![false, true, false, false]);
        r.next(Duration::from_secs(150));
        assert!(r.rating());
        assert_eq!(r.ratings.len(), 2, "caching and queues");
        r.rate(0, 3);
        assert_eq!(r.verdict(), None, "until every signal is rated");
        r.rate(1, 4);
        r.rate(1, 9);
        assert_eq!(r.verdict(), Some("hire"));
        let sheet = r.sheet("built-in", "2026-03-01T10:00:00Z".into());
        assert_eq!(sheet.questions[0].covered, vec![1]);
        assert_eq!(sheet.questions[0].time_used_ms, 40_000);
        let md = sheet.markdown();
        assert!(md.contains("verdict: **hire**"), "{md}");
        assert!(md.contains("- caching: 3 (solid)"), "{md}");
        assert!(md.contains("What you covered:\n\n- time to live"), "{md}");
        assert!(md.contains("Notes from your interviewer:\n\nGood on TTLs."), "{md}");
        let back: Sheet = serde_json::from_str(&serde_json::to_string(&sheet).unwrap()).unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn ending_early_keeps_what_was_asked() {
        let mut r = run(3);
        r.toggle(0);
        r.next(Duration::from_secs(60));
        r.end_early(Duration::from_secs(70));
        assert!(r.rating());
        assert_eq!(r.items().len(), 1, "the untouched second question is dropped");
        assert_eq!(r.ratings.len(), 1);
    }
}
