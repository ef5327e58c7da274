//! Ranked search over titles, ids, tags and prompts.
//!
//! Words are first matched as substrings: when any question contains every
//! word (in its title line — title, id, topic and tags — or in its prompt
//! or short answer), only those are returned, title matches first and
//! earlier title matches before later ones. Otherwise the title line is
//! matched fuzzily (so `stmpd` still finds "stampede"), keeping matches
//! scoring at least 60% of the best, because fuzzy matching over long text
//! would otherwise match nearly everything.
//!
//! The lowercased text is prepared once in a [`SearchIndex`], so a
//! keystroke in the browser is a plain substring scan.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::model::{Question, Text};

/// Lowercased searchable text of a list of questions.
pub struct SearchIndex {
    titles: Vec<String>,
    bodies: Vec<String>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl SearchIndex {
    /// Prepares `questions` for searching; results are indices into it.
    pub fn new<'q>(questions: impl IntoIterator<Item = &'q Question>) -> SearchIndex {
        let (mut titles, mut bodies) = (Vec::new(), Vec::new());
        for q in questions {
            let mut line = q.title.to_lowercase();
            for part in [q.id.as_str(), q.topic.as_str()].into_iter().chain(q.tags.iter().map(Text::as_str)) {
                line.push(' ');
                line.push_str(&part.to_lowercase());
            }
            titles.push(line);
            bodies.push(format!("{}\n{}", q.prompt.to_lowercase(), q.short_answer.to_lowercase()));
        }
        SearchIndex { titles, bodies, matcher: Matcher::new(Config::DEFAULT), buf: Vec::new() }
    }

    /// The `candidates` (indices) matching `query`, best first; ties keep
    /// the candidates' order. An empty query keeps every candidate.
    pub fn rank(&mut self, query: &str, candidates: &[usize]) -> Vec<usize> {
        let query = query.to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return candidates.to_vec();
        }
        let mut scored: Vec<(u32, usize)> = Vec::new();
        for (order, &i) in candidates.iter().enumerate() {
            let title = &self.titles[i];
            let score = if words.iter().all(|w| title.contains(w)) {
                // Earlier in the title ranks higher.
                let at = title.find(words[0]).unwrap_or(0).min(1_000) as u32;
                2_000 - at
            } else if words.iter().all(|w| title.contains(w) || self.bodies[i].contains(w)) {
                1
            } else {
                continue;
            };
            scored.push((score, order));
        }
        if scored.is_empty() {
            let fuzzy = Pattern::new(&query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
            for (order, &i) in candidates.iter().enumerate() {
                let hay = Utf32Str::new(&self.titles[i], &mut self.buf);
                if let Some(s) = fuzzy.score(hay, &mut self.matcher) {
                    scored.push((s, order));
                }
            }
            let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
            scored.retain(|(s, _)| *s * 10 >= best * 6);
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, order)| candidates[order]).collect()
    }
}

/// Ranks `questions` for `query` in one go (for `drill search`): indices
/// into `questions`, best first.
pub fn rank(query: &str, questions: &[&Question]) -> Vec<usize> {
    let all: Vec<usize> = (0..questions.len()).collect();
    SearchIndex::new(questions.iter().copied()).rank(query, &all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::model::sample_questions;

    #[test]
    fn substring_matches_win_and_title_matches_lead() {
        let mut qs = sample_questions(4);
        qs[0].title = "Backoff for retries".into();
        qs[1].prompt = "Explain retries and backoff".into();
        qs[2].title = "Cache stampede".into();
        qs[3].title = "Retry budgets and backoff".into();
        let refs: Vec<&Question> = qs.iter().collect();
        assert_eq!(rank("backoff", &refs), [0, 3, 1]);
        assert_eq!(rank("BACKOFF retr", &refs), [0, 3, 1]);
        assert_eq!(rank("stmpd", &refs), [2], "fuzzy fallback");
        assert_eq!(rank("", &refs), [0, 1, 2, 3]);
        assert!(rank("zzzzqqq", &refs).is_empty());
    }
}
