//! Ranked search over titles, ids, tags and prompts.
//!
//! Words are first matched as substrings: when any question contains every
//! word (in its title, id, topic and tags, or in its prompt or short
//! answer), only those are returned, title matches first. Otherwise the
//! title line is matched fuzzily (so `stmpd` still finds "stampede"),
//! keeping matches scoring at least 60% of the best, because fuzzy matching
//! over long text would otherwise match nearly everything.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::model::Question;

/// A reusable searcher: holds the matcher's scratch memory between queries.
pub struct Searcher {
    matcher: Matcher,
    buf: Vec<char>,
    line: String,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher { matcher: Matcher::new(Config::DEFAULT), buf: Vec::new(), line: String::new() }
    }
}

impl Searcher {
    /// Indices into `questions` that match `query`, best first; ties keep
    /// bank order. An empty query matches everything in order.
    pub fn rank(&mut self, query: &str, questions: &[&Question]) -> Vec<usize> {
        if query.trim().is_empty() {
            return (0..questions.len()).collect();
        }
        let words = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        let mut scored = self.score_all(questions, |s, q| {
            let title = words.score(Utf32Str::new(&s.line, &mut s.buf), &mut s.matcher).map(|x| x * 2);
            let body = [q.prompt.as_str(), &q.short_answer]
                .into_iter()
                .filter_map(|text| words.score(Utf32Str::new(text, &mut s.buf), &mut s.matcher))
                .max();
            title.max(body)
        });
        if scored.is_empty() {
            let fuzzy = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
            scored = self.score_all(questions, |s, _| fuzzy.score(Utf32Str::new(&s.line, &mut s.buf), &mut s.matcher));
            let best = scored.iter().map(|(score, _)| *score).max().unwrap_or(0);
            scored.retain(|(score, _)| *score * 10 >= best * 6);
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    /// Scores every question with `score`, which sees the title line
    /// (title, id, topic, tags) in `self.line`.
    fn score_all(
        &mut self,
        questions: &[&Question],
        score: impl Fn(&mut Self, &Question) -> Option<u32>,
    ) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        for (i, q) in questions.iter().enumerate() {
            self.line.clear();
            self.line.push_str(&q.title);
            for part in [q.id.as_str(), q.topic.as_str()].into_iter().chain(q.tags.iter().map(String::as_str)) {
                self.line.push(' ');
                self.line.push_str(part);
            }
            if let Some(s) = score(self, q) {
                out.push((s, i));
            }
        }
        out
    }
}
