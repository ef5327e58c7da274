//! The second edition's question fields: key points as strings or tables
//! (`point`, `level`, `also`), follow-ups that name the key points they
//! `probes`, and the `stages` of a staged design round, each read with
//! located errors, then checked against the rest of the question (probe
//! numbers in range, stage times within bounds and within the question's
//! time limit).

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::DeValue;

use super::fields::Reader;
use super::model::{FollowUp, KeyPoint, Level, Question, Stage};

/// Largest key-point list the loader accepts (the content rule is 3-7).
pub const MAX_KEY_POINTS: usize = 12;
/// The shortest and longest stage.
pub const STAGE_TIME: (Duration, Duration) = (Duration::from_secs(30), Duration::from_secs(30 * 60));
/// Most stages in a question.
pub const MAX_STAGES: usize = 12;

const KEY_POINT_KEYS: &[&str] = &["point", "level", "also"];
const FOLLOW_UP_KEYS: &[&str] = &["prompt", "answer", "probes"];
const STAGE_KEYS: &[&str] = &["title", "prompt", "time", "key_points", "answer", "hint"];

/// Where the parts of a question that are checked together were written.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    /// Each follow-up's `probes` value.
    pub(crate) probes: Vec<Option<Range<usize>>>,
    /// The `stages` array, and each stage's `time`.
    pub(crate) stages: Option<(Range<usize>, Vec<Range<usize>>)>,
}

/// Reads a key point list: each item a string, or a table with `point`,
/// an optional `level` and optional `also` phrasings. A point without a
/// level is at `level` (the question's, filled in by [`finish`]).
pub(crate) fn key_points(ctx: &mut Reader<'_>, name: &str, value: &Spanned<DeValue<'_>>) -> Option<Vec<KeyPoint>> {
    let items = ctx.array(name, value)?;
    if items.is_empty() {
        ctx.error(value.span(), format!("`{name}` is empty; list the 3-7 things a strong answer names"));
        return None;
    }
    if items.len() > MAX_KEY_POINTS {
        let n = items.len();
        ctx.error(
            value.span(),
            format!("`{name}` has {n} items; keep the rubric to at most {MAX_KEY_POINTS} (3-7 is the standard)"),
        );
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        let point = match item.get_ref() {
            DeValue::Table(_) => key_point_table(ctx, name, item),
            _ => ctx.string(&format!("{name} item"), item).map(|p| KeyPoint::plain(p, Level::Mid)),
        };
        match point {
            Some(p) => out.push(p),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn key_point_table(ctx: &mut Reader<'_>, name: &str, item: &Spanned<DeValue<'_>>) -> Option<KeyPoint> {
    let what = format!("{name} item");
    let [point, level, also] = <[_; 3]>::try_from(ctx.fields(&what, item, KEY_POINT_KEYS, &["point"])?).ok()?;
    let point = ctx.string(&format!("{name}.point"), point?);
    let level = match level {
        Some(v) => Some(ctx.choice(&format!("{name}.level"), v, Level::parse, Level::names())?),
        None => None,
    };
    let also = match also {
        Some(v) => ctx.strings(&format!("{name}.also"), v)?,
        None => Vec::new(),
    };
    Some(KeyPoint { point: point?, level: level.unwrap_or(Level::Mid), levelled: level.is_some(), also })
}

/// Reads `follow_ups`: tables with `prompt`, `answer` and optional
/// `probes` (key point numbers, from 1).
pub(crate) fn follow_ups(
    ctx: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    spans: &mut Spans,
) -> Option<Vec<FollowUp>> {
    let items = ctx.array("follow_ups", value)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        let Some(slots) = ctx.fields("follow_ups", item, FOLLOW_UP_KEYS, &["prompt", "answer"]) else {
            ok = false;
            continue;
        };
        let prompt = slots[0].and_then(|v| ctx.string("follow_ups.prompt", v));
        let answer = slots[1].and_then(|v| ctx.string("follow_ups.answer", v));
        let probes = match slots[2] {
            Some(v) => ctx.array("follow_ups.probes", v).and_then(|items| {
                let numbers: Vec<Option<i64>> =
                    items.iter().map(|n| ctx.int("follow_ups.probes item", n, 1..=MAX_KEY_POINTS as i64)).collect();
                numbers.into_iter().map(|n| n.map(|n| n as u16)).collect::<Option<Vec<u16>>>()
            }),
            None => Some(Vec::new()),
        };
        spans.probes.push(slots[2].map(|v| v.span()));
        match (prompt, answer, probes) {
            (Some(prompt), Some(answer), Some(probes)) => out.push(FollowUp { prompt, answer, probes }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// Reads `stages`: tables with `title`, `prompt`, `time`, `key_points`,
/// `answer` and an optional `hint`.
pub(crate) fn stages(ctx: &mut Reader<'_>, value: &Spanned<DeValue<'_>>, spans: &mut Spans) -> Option<Vec<Stage>> {
    let items = ctx.array("stages", value)?;
    if items.is_empty() {
        ctx.error(value.span(), "`stages` is empty; add [[questions.stages]] tables or remove the key".into());
        return None;
    }
    if items.len() > MAX_STAGES {
        ctx.error(value.span(), format!("`stages` has {} items; a round has at most {MAX_STAGES}", items.len()));
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut times = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        let required = &STAGE_KEYS[..5];
        let Some(slots) = ctx.fields("stages", item, STAGE_KEYS, required) else {
            ok = false;
            continue;
        };
        let title = slots[0].and_then(|v| ctx.string("stages.title", v));
        let prompt = slots[1].and_then(|v| ctx.string("stages.prompt", v));
        let time = slots[2].and_then(|v| ctx.duration("stages.time", v));
        let points = slots[3].and_then(|v| key_points(ctx, "stages.key_points", v));
        let answer = slots[4].and_then(|v| ctx.string("stages.answer", v));
        let hint = match slots[5] {
            Some(v) => ctx.string("stages.hint", v).map(Some),
            None => Some(None),
        };
        times.push(slots[2].map_or(item.span(), |v| v.span()));
        match (title, prompt, time, points, answer, hint) {
            (Some(title), Some(prompt), Some(time), Some(key_points), Some(answer), Some(hint)) => {
                out.push(Stage { title, prompt, time, key_points, answer, hint })
            }
            _ => ok = false,
        }
    }
    spans.stages = Some((value.span(), times));
    ok.then_some(out)
}

/// Checks what spans several fields of a parsed question, and fills in
/// the levels the bank left out. Returns whether it is sound.
pub(crate) fn finish(ctx: &mut Reader<'_>, q: &mut Question, spans: &Spans) -> bool {
    let level = q.level;
    for p in q.key_points.iter_mut().chain(q.stages.iter_mut().flat_map(|s| s.key_points.iter_mut())) {
        if !p.levelled {
            p.level = level;
        }
    }
    let mut ok = true;
    let n = q.key_points.len();
    for (f, span) in q.follow_ups.iter().zip(&spans.probes) {
        let Some(span) = span else { continue };
        if let Some(bad) = f.probes.iter().find(|p| usize::from(**p) > n) {
            ctx.error(
                span.clone(),
                format!("`probes` names key point {bad}, but the question has {n}; number key points from 1"),
            );
            ok = false;
        } else if let Some(dup) = f.probes.iter().enumerate().find(|(i, p)| f.probes[..*i].contains(p)) {
            ctx.error(span.clone(), format!("`probes` names key point {} twice; list each once", dup.1));
            ok = false;
        }
    }
    if let Some((all, times)) = &spans.stages {
        ok &= check_stage_times(ctx, q, all, times);
    }
    ok
}

fn check_stage_times(ctx: &mut Reader<'_>, q: &Question, all: &Range<usize>, times: &[Range<usize>]) -> bool {
    let (lo, hi) = STAGE_TIME;
    let mut ok = true;
    for (stage, span) in q.stages.iter().zip(times) {
        if stage.time.0 < lo || stage.time.0 > hi {
            ctx.error(span.clone(), format!("a stage's `time` is {}; give each stage 30s to 30m", stage.time));
            ok = false;
        }
    }
    let total: Duration = q.stages.iter().map(|s| s.time.0).sum();
    match q.time_limit {
        None => {
            ctx.error(
                all.clone(),
                format!(
                    "a staged question needs `time_limit`, the whole round's time; its stages add up to {}",
                    super::model::TimeLimit(total)
                ),
            );
            ok = false;
        }
        Some(limit) if total > limit.0 => {
            ctx.error(
                all.clone(),
                format!(
                    "the stages add up to {}, more than the question's `time_limit` of {limit}; shorten them or raise the limit",
                    super::model::TimeLimit(total)
                ),
            );
            ok = false;
        }
        Some(_) => {}
    }
    ok
}
