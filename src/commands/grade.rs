//! `drill grade ID`: grades an answer written anywhere (an editor, a notes
//! file) against a question's key points, with the words that show each
//! one; the same grader pre-ticks the interface and plain mode.

use std::io::{self, Read, Write};
use std::path::Path;

use serde::Serialize;

use crate::bank::{Bank, Level};
use crate::cli::args::Format;
use crate::cli::settings::Output;
use crate::output::Painter;
use crate::plain::MAX_ANSWER_BYTES;
use crate::round::{grade, policy};
use crate::text;

/// One key point as `--format json` prints it.
#[derive(Serialize)]
struct Point<'a> {
    point: &'a str,
    level: Level,
    covered: bool,
    evidence: Vec<String>,
}

/// The grade as `--format json` prints it.
#[derive(Serialize)]
struct Graded<'a> {
    id: &'a str,
    score: f64,
    key_points: Vec<Point<'a>>,
}

/// Reads the answer: the file, or standard input; at most as much as a
/// bank field holds.
fn answer(file: Option<&Path>) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let limit = MAX_ANSWER_BYTES as u64 + 1;
    match file {
        Some(path) => std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| anyhow::anyhow!("cannot read the answer file `{}`: {e}; check the path", path.display()))?,
        None => io::stdin().lock().take(limit).read_to_end(&mut bytes)?,
    };
    if bytes.len() > MAX_ANSWER_BYTES {
        anyhow::bail!("the answer is over {} KiB; grade a shorter one", MAX_ANSWER_BYTES / 1024);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `drill grade ID [--answer-file F] [--format json]`.
pub fn run(
    bank: &Bank,
    id: &str,
    answer_file: Option<&Path>,
    format: Format,
    output: &Output,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let q = bank.get(id).ok_or_else(|| crate::Error::unknown_id(bank, id))?;
    let answer = answer(answer_file)?;
    if answer.trim().is_empty() {
        let from = answer_file.map_or("standard input".to_string(), |p| format!("`{}`", p.display()));
        anyhow::bail!(
            "the answer from {from} is empty; pipe one in (`drill grade {id} < notes.md`) or pass --answer-file F"
        );
    }
    let ticks = grade::grade(&answer, q);
    let covered = ticks.iter().filter(|t| t.covered).count();
    let score = policy::score(covered, ticks.len(), false);
    if format == Format::Json {
        let key_points = q
            .key_points
            .iter()
            .zip(&ticks)
            .map(|(k, t)| Point { point: &k.point, level: k.level, covered: t.covered, evidence: t.evidence.clone() })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &Graded { id: &q.id, score, key_points })?;
        writeln!(out)?;
        return Ok(());
    }
    let p = Painter::new(output);
    writeln!(out, "{} {}", p.bold(&q.title), p.dim(&format!("· {}", q.id)))?;
    let total = text::count(ticks.len(), "key point", "key points");
    writeln!(out, "Covered {covered} of {total} ({}).", text::percent(score))?;
    for (k, t) in q.key_points.iter().zip(&ticks) {
        let (mark, why) = if t.covered {
            (p.good("✓"), p.dim(&format!("  ← {}", t.evidence.join(" … "))))
        } else {
            (p.dim("✗"), String::new())
        };
        writeln!(out, "  {mark} {}{why}", k.tagged())?;
    }
    Ok(())
}
