//! A round's summary: scores per question and per topic, time, and the
//! weakest points. (Which key points an answer covers is [`super::grade`].)

use std::time::Duration;

use super::Outcome;

/// One question's line in the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSummary {
    /// Question id.
    pub id: String,
    /// Question title.
    pub title: String,
    /// Question topic.
    pub topic: String,
    /// The outcome, or `None` when the round ended before it was reached.
    pub outcome: Option<Outcome>,
    /// The time limit.
    pub limit: Duration,
    /// Key points not covered.
    pub missed: Vec<String>,
}

/// Per-topic result.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicSummary {
    /// Topic slug.
    pub topic: String,
    /// Questions graded or skipped.
    pub questions: usize,
    /// Mean score, 0..1, over graded and skipped questions.
    pub mean_score: f64,
}

/// The end-of-round report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Every question, in round order.
    pub items: Vec<ItemSummary>,
    /// Per topic, in order of first appearance.
    pub topics: Vec<TopicSummary>,
    /// Mean score over graded and skipped questions (skips score 0); `None`
    /// when nothing was graded or skipped.
    pub mean_score: Option<f64>,
    /// Time used over all questions.
    pub time_used: Duration,
    /// Questions never reached.
    pub not_attempted: usize,
}

impl Summary {
    /// Builds the summary from per-question results.
    pub fn new(items: Vec<ItemSummary>) -> Summary {
        let mut topics: Vec<(String, f64, usize)> = Vec::new();
        let mut total = 0.0;
        let mut counted = 0usize;
        let mut time_used = Duration::ZERO;
        let mut not_attempted = 0;
        for item in &items {
            let Some(outcome) = &item.outcome else {
                not_attempted += 1;
                continue;
            };
            time_used += outcome.time_used;
            let score = outcome.score();
            total += score;
            counted += 1;
            match topics.iter_mut().find(|(t, _, _)| *t == item.topic) {
                Some(entry) => {
                    entry.1 += score;
                    entry.2 += 1;
                }
                None => topics.push((item.topic.clone(), score, 1)),
            }
        }
        Summary {
            topics: topics
                .into_iter()
                .map(|(topic, sum, n)| TopicSummary { topic, questions: n, mean_score: sum / n as f64 })
                .collect(),
            mean_score: (counted > 0).then(|| total / counted as f64),
            time_used,
            not_attempted,
            items,
        }
    }

    /// Up to `n` missed key points, from the lowest-scoring questions first.
    pub fn weakest_points(&self, n: usize) -> Vec<(&str, &str)> {
        let mut graded: Vec<&ItemSummary> =
            self.items.iter().filter(|i| i.outcome.as_ref().is_some_and(|o| !o.skipped)).collect();
        graded.sort_by(|a, b| {
            a.outcome
                .as_ref()
                .map(Outcome::score)
                .partial_cmp(&b.outcome.as_ref().map(Outcome::score))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        graded.iter().flat_map(|i| i.missed.iter().map(move |p| (i.id.as_str(), p.as_str()))).take(n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_maths() {
        let item = |topic: &str, covered, total, secs, skipped| ItemSummary {
            id: format!("{topic}-{covered}"),
            title: String::new(),
            topic: topic.into(),
            outcome: Some(Outcome { covered, total, time_used: Duration::from_secs(secs), overtime: false, skipped }),
            limit: Duration::from_secs(120),
            missed: vec![],
        };
        let mut items = vec![item("a", 4, 4, 60, false), item("a", 1, 4, 30, false), item("b", 0, 3, 5, true)];
        items.push(ItemSummary { outcome: None, ..item("c", 0, 3, 0, false) });
        let s = Summary::new(items);
        assert_eq!(s.mean_score, Some((1.0 + 0.25 + 0.0) / 3.0));
        assert_eq!(s.time_used, Duration::from_secs(95));
        assert_eq!(s.not_attempted, 1);
        assert_eq!(s.topics.len(), 2);
        assert_eq!(s.topics[0].mean_score, 0.625);
        assert_eq!(s.topics[1].mean_score, 0.0);
    }
}
