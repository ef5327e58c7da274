//! Ranked fuzzy search over titles, ids, tags and prompts.
//!
//! The title line (title, id, tags, topic) is matched fuzzily, so `stmpd`
//! finds "stampede"; the prompt and short answer are matched by substring
//! per word, because fuzzy matching over long prose matches almost anything.

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
        let fuzzy = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
        let words = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        let mut scored: Vec<(u32, usize)> = Vec::new();
        for (i, q) in questions.iter().enumerate() {
            self.line.clear();
            self.line.push_str(&q.title);
            for part in [q.id.as_str(), q.topic.as_str()].into_iter().chain(q.tags.iter().map(String::as_str)) {
                self.line.push(' ');
                self.line.push_str(part);
            }
            let title = fuzzy.score(Utf32Str::new(&self.line, &mut self.buf), &mut self.matcher).map(|s| s * 2);
            let body = [q.title.as_str(), &q.prompt, &q.short_answer]
                .into_iter()
                .filter_map(|text| words.score(Utf32Str::new(text, &mut self.buf), &mut self.matcher))
                .max();
            if let Some(score) = title.max(body) {
                scored.push((score, i));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}
