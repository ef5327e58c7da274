//! `drill topics`, `drill list` and `drill search`: one line per item in
//! text, or the stable JSON shapes.

use std::io::Write;

use serde::Serialize;

use crate::bank::{Bank, Filter, Question};
use crate::cli::args::Format;
use crate::cli::settings::Output;
use crate::output::Painter;
use crate::{Error, text};

#[derive(Serialize)]
struct TopicRow<'a> {
    track: &'a str,
    topic: &'a str,
    title: &'a str,
    summary: &'a str,
    count: usize,
}

/// `drill loops`: each loop with its rounds, their signals, counts and
/// minutes; JSON gives the loops as the bank defines them.
pub fn loops(bank: &Bank, format: Format, output: &Output, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &bank.loops)?;
        writeln!(out)?;
        return Ok(());
    }
    let p = Painter::new(output);
    if bank.loops.is_empty() {
        writeln!(out, "No loops in the loaded banks. A bank file defines them with [[loops]] (see the README).")?;
        return Ok(());
    }
    for (n, l) in bank.loops.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let minutes: u32 = l.rounds.iter().map(|r| r.minutes).sum();
        let total = crate::text::count(l.rounds.len(), "round", "rounds");
        writeln!(out, "{} {}", p.heading(&l.id), p.dim(&format!("· {} · {total} · {} min", l.title, minutes)))?;
        writeln!(out, "  {}", l.summary)?;
        let title_w = l.rounds.iter().map(|r| text::width(&r.title)).max().unwrap_or(5);
        for (i, r) in l.rounds.iter().enumerate() {
            let questions = crate::text::count(r.count as usize, "question", "questions");
            writeln!(
                out,
                "  {}. {}  {:>3} min · {questions} · {}",
                i + 1,
                text::fit(&r.title, title_w),
                r.minutes,
                p.dim(&format!("signal: {}", r.signal))
            )?;
        }
        writeln!(out, "  {}", p.dim(&format!("drill mock --loop {}", l.id)))?;
    }
    Ok(())
}

/// `drill topics`.
pub fn topics(bank: &Bank, format: Format, output: &Output, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut rows: Vec<&crate::bank::Topic> = bank.topics.iter().collect();
    rows.sort_by(|a, b| (&a.track, &a.topic).cmp(&(&b.track, &b.topic)));
    if format == Format::Json {
        let json: Vec<TopicRow> = rows
            .iter()
            .map(|t| TopicRow {
                track: &t.track,
                topic: &t.topic,
                title: &t.title,
                summary: &t.summary,
                count: t.count,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }
    let p = Painter::new(output);
    let slug_w = rows.iter().map(|t| text::width(&t.topic)).max().unwrap_or(5);
    let mut track: Option<&str> = None;
    for t in &rows {
        if track != Some(t.track.as_str()) {
            if track.is_some() {
                writeln!(out)?;
            }
            let total: usize = rows.iter().filter(|r| r.track == t.track).map(|r| r.count).sum();
            let n = rows.iter().filter(|r| r.track == t.track).count();
            writeln!(
                out,
                "{} {}",
                p.heading(&t.track),
                p.dim(&format!(
                    "· {n} {} · {total} {} · drill start --topic {}",
                    crate::text::plural(n, "topic", "topics"),
                    crate::text::plural(total, "question", "questions"),
                    t.track
                ))
            )?;
            track = Some(&t.track);
        }
        let lead = format!("  {}  {:>3}  ", text::fit(&t.topic, slug_w), t.count);
        let rest = match output.width {
            Some(w) => text::truncate(&t.summary, w.saturating_sub(text::width(&lead))),
            None => t.summary.to_string(),
        };
        writeln!(out, "  {}  {:>3}  {}", p.bold(&text::fit(&t.topic, slug_w)), t.count, rest)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct QuestionRow<'a> {
    id: &'a str,
    track: &'a str,
    topic: &'a str,
    title: &'a str,
    difficulty: &'static str,
    level: &'static str,
    kind: &'static str,
    tags: &'a [crate::bank::Text],
    time_limit: String,
}

fn row(q: &Question) -> QuestionRow<'_> {
    QuestionRow {
        id: &q.id,
        track: &q.track,
        topic: &q.topic,
        title: &q.title,
        difficulty: q.difficulty.as_str(),
        level: q.level.as_str(),
        kind: q.kind.as_str(),
        tags: &q.tags,
        time_limit: crate::bank::TimeLimit(crate::round::policy::time_limit(q)).to_string(),
    }
}

/// The error for a selection that matched nothing, naming unknown topics.
pub fn empty_selection(bank: &Bank, filter: &Filter, what: &str) -> Error {
    Error::EmptySelection(filter.explain_empty(bank, what))
}

fn print_rows(questions: &[&Question], format: Format, output: &Output, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Json {
        let rows: Vec<QuestionRow> = questions.iter().map(|q| row(q)).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let p = Painter::new(output);
    let id_w = questions.iter().map(|q| text::width(&q.id)).max().unwrap_or(2).min(44);
    let topic_w = questions.iter().map(|q| text::width(&q.topic)).max().unwrap_or(5);
    for q in questions {
        let meta = format!("{:<6} {:<6} {:<10}", q.difficulty.as_str(), q.level.as_str(), q.kind.as_str());
        let lead_w = id_w + topic_w + text::width(&meta) + 6;
        let title = match output.width {
            Some(w) => text::truncate(&q.title, w.saturating_sub(lead_w).max(10)),
            None => q.title.to_string(),
        };
        let id = if output.width.is_some() { text::fit(&q.id, id_w) } else { format!("{:<id_w$}", q.id) };
        writeln!(out, "{}  {}  {}  {}", p.bold(&id), text::fit(&q.topic, topic_w), p.dim(&meta), title)?;
    }
    Ok(())
}

/// `drill list`.
pub fn list(bank: &Bank, filter: &Filter, format: Format, output: &Output, out: &mut dyn Write) -> anyhow::Result<()> {
    let questions = filter.apply(bank);
    if questions.is_empty() {
        return Err(empty_selection(bank, filter, "these filters").into());
    }
    print_rows(&questions, format, output, out)
}

/// `drill search`.
pub fn search(
    bank: &Bank,
    query: &str,
    filter: &Filter,
    limit: usize,
    format: Format,
    output: &Output,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let pool = filter.apply(bank);
    let ranked = crate::bank::search::rank(query, &pool);
    if ranked.is_empty() {
        let shown = text::sanitize_line(query);
        return Err(Error::EmptySelection(format!("nothing matches `{shown}`; try fewer or shorter words")).into());
    }
    let hits: Vec<&Question> = ranked.into_iter().take(limit).map(|i| pool[i]).collect();
    print_rows(&hits, format, output, out)
}
