//! Loops: `[[loops]]` in any bank file, each a run of rounds (title, the
//! signal it scores, filters, a count and minutes). One file's loops are
//! read here with located errors; what needs every bank (unique ids,
//! filters that name real topics, rounds that match a question) is checked
//! by [`Facets`] when the banks are merged.

use toml::Spanned;
use toml::de::DeValue;

use super::fields::Reader;
use super::filter::Filter;
use super::model::{Difficulty, Kind, Level, Loop, LoopRound, Origin, Question, Text};

/// Questions a round may ask.
pub const ROUND_COUNT: std::ops::RangeInclusive<i64> = 1..=20;
/// Minutes a round may run.
pub const ROUND_MINUTES: std::ops::RangeInclusive<i64> = 5..=240;

const LOOP_KEYS: &[&str] = &["id", "title", "summary", "rounds"];
const ROUND_KEYS: &[&str] = &["title", "signal", "topic", "kind", "difficulty", "level", "count", "minutes"];

/// Reads a file's `loops` array.
pub(crate) fn parse(
    ctx: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    file: u32,
) -> Vec<(Loop, std::ops::Range<usize>)> {
    let Some(items) = ctx.array("loops", value) else { return Vec::new() };
    let mut out = Vec::new();
    for item in items.iter() {
        let Some(slots) = ctx.fields("loops", item, LOOP_KEYS, LOOP_KEYS) else { continue };
        let id = slots[0].and_then(|v| ctx.slug("loops.id", v));
        let title = slots[1].and_then(|v| ctx.string("loops.title", v));
        let summary = slots[2].and_then(|v| ctx.string("loops.summary", v));
        let rounds = slots[3].and_then(|v| rounds(ctx, v));
        if let (Some(id), Some(title), Some(summary), Some(rounds)) = (id, title, summary, rounds) {
            let span = slots[0].map_or(item.span(), |v| v.span());
            let origin = Origin { file, offset: span.start as u32 };
            out.push((Loop { id, title, summary, rounds, origin }, span));
        }
    }
    out
}

fn rounds(ctx: &mut Reader<'_>, value: &Spanned<DeValue<'_>>) -> Option<Vec<LoopRound>> {
    let items = ctx.array("loops.rounds", value)?;
    if items.is_empty() {
        ctx.error(value.span(), "`loops.rounds` is empty; add at least one [[loops.rounds]] table".into());
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        let required = ["title", "signal", "count", "minutes"];
        let Some(s) = ctx.fields("loops.rounds", item, ROUND_KEYS, &required) else {
            ok = false;
            continue;
        };
        let round = (|| {
            let title = s[0].and_then(|v| ctx.string("rounds.title", v));
            let signal = s[1].and_then(|v| ctx.string("rounds.signal", v));
            let topic = one_or_many(ctx, "rounds.topic", s[2], |ctx, key, v| {
                ctx.string(key, v).map(|t| t.to_lowercase().into())
            });
            let kind =
                one_or_many(ctx, "rounds.kind", s[3], |ctx, key, v| ctx.choice(key, v, Kind::parse, Kind::names()));
            let difficulty = one_or_many(ctx, "rounds.difficulty", s[4], |ctx, key, v| {
                ctx.choice(key, v, Difficulty::parse, Difficulty::names())
            });
            let level =
                one_or_many(ctx, "rounds.level", s[5], |ctx, key, v| ctx.choice(key, v, Level::parse, Level::names()));
            let count = s[6].and_then(|v| ctx.int("rounds.count", v, ROUND_COUNT));
            let minutes = s[7].and_then(|v| ctx.int("rounds.minutes", v, ROUND_MINUTES));
            Some(LoopRound {
                title: title?,
                signal: signal?,
                topic: topic?,
                kind: kind?,
                difficulty: difficulty?,
                level: level?,
                count: count? as u32,
                minutes: minutes? as u32,
                offset: item.span().start as u32,
            })
        })();
        match round {
            Some(r) => out.push(r),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A filter value: one string or an array of them, each read by `read`.
fn one_or_many<T>(
    ctx: &mut Reader<'_>,
    key: &str,
    value: Option<&Spanned<DeValue<'_>>>,
    read: impl Fn(&mut Reader<'_>, &str, &Spanned<DeValue<'_>>) -> Option<T>,
) -> Option<Vec<T>> {
    let Some(value) = value else { return Some(Vec::new()) };
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(|v| read(ctx, key, v)).collect::<Vec<_>>().into_iter().collect(),
        _ => read(ctx, key, value).map(|t| vec![t]),
    }
}

impl LoopRound {
    /// The round's questions as a command-line filter.
    pub fn filter(&self) -> Filter {
        Filter {
            topics: self.topic.iter().map(|t| t.to_string()).collect(),
            difficulties: self.difficulty.clone(),
            levels: self.level.clone(),
            kinds: self.kind.clone(),
        }
    }
}

/// What a loop's rounds are checked against: every loaded question's
/// names (track, topic, tags) and enums, kept even when the questions
/// themselves are not (plain `validate`).
#[derive(Debug, Default)]
pub(crate) struct Facets {
    questions: Vec<(Vec<Text>, Kind, Difficulty, Level)>,
}

impl Facets {
    /// Notes a question.
    pub(crate) fn add(&mut self, q: &Question) {
        let mut names = vec![q.track.clone(), q.topic.clone()];
        names.extend(q.tags.iter().cloned());
        self.questions.push((names, q.kind, q.difficulty, q.level));
    }

    /// What is wrong with a round, once every bank is loaded.
    pub(crate) fn problem(&self, l: &Loop, i: usize, round: &LoopRound) -> Option<String> {
        let what = format!("loop `{}` round {} (\"{}\")", l.id, i + 1, round.title);
        let filter = round.filter();
        let unknown: Vec<&String> = filter
            .topics
            .iter()
            .filter(|t| !self.questions.iter().any(|(names, ..)| names.iter().any(|n| n.eq_ignore_ascii_case(t))))
            .collect();
        if !unknown.is_empty() {
            let names = unknown.iter().map(|t| format!("`{}`", crate::text::sanitize_line(t))).collect::<Vec<_>>();
            return Some(format!(
                "{what}: no track, topic or tag is named {}; `drill topics` lists them",
                names.join(", ")
            ));
        }
        let any = self.questions.iter().any(|(names, kind, difficulty, level)| {
            filter.matches_parts(names.iter().map(|n| n.as_str()), *kind, *difficulty, *level)
        });
        (!any).then(|| format!("{what}: no question matches its filters; loosen them or add questions"))
    }
}
