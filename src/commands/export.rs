//! `drill export`: the (filtered) bank as JSON, a Markdown study guide, or
//! tab-separated notes for Anki's text import.

use std::io::{self, Write};
use std::path::Path;

use crate::bank::{Bank, Filter, KeyPoint, Level, Question, TimeLimit};
use crate::cli::args::ExportFormat;
use crate::disk::{self, Durability};

/// Writes the export to `path` (atomically, via a temporary file beside
/// it) or to `out`.
pub fn run(
    bank: &Bank,
    format: ExportFormat,
    path: Option<&Path>,
    filter: &Filter,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let questions = filter.apply(bank);
    if questions.is_empty() {
        return Err(super::listing::empty_selection(bank, filter, "these filters").into());
    }
    let Some(path) = path else {
        return write(bank, format, &questions, out);
    };
    let result = disk::write_to(path, Durability::Synced, |file| write(bank, format, &questions, file));
    if let Err(err) = result {
        return Err(err.context(format!(
            "cannot write export to `{}`; check the directory exists and is writable",
            path.display()
        )));
    }
    crate::note(format_args!("drill: wrote {} questions to {}", questions.len(), path.display()));
    Ok(())
}

fn write(bank: &Bank, format: ExportFormat, questions: &[&Question], out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, questions)?;
            writeln!(out)?;
        }
        ExportFormat::Markdown => markdown(bank, questions, out)?,
        ExportFormat::Anki => anki(questions, out)?,
    }
    Ok(())
}

fn anchor(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Markdown text is bank text, which may hold HTML; escape the characters
/// a renderer would act on, outside code.
fn md_text(s: &str) -> String {
    s.replace('<', "&lt;").replace('>', "&gt;")
}

fn markdown(bank: &Bank, questions: &[&Question], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# drill study guide\n")?;
    writeln!(
        out,
        "{} questions. Each has a prompt, a short answer, model answers at junior, mid and senior level, key points, common mistakes and follow-ups.\n",
        questions.len()
    )?;
    let mut topics: Vec<(&str, &str)> = Vec::new();
    for q in questions {
        if !topics.contains(&(q.track.as_str(), q.topic.as_str())) {
            topics.push((&q.track, &q.topic));
        }
    }
    writeln!(out, "## Contents\n")?;
    for (track, topic) in &topics {
        let t = bank.topics.iter().find(|t| t.track == *track && t.topic == *topic);
        let title = t.map_or(*topic, |t| t.title.as_str());
        writeln!(out, "- [{}](#{}) ({track})", md_text(title), anchor(title))?;
        for q in questions.iter().filter(|q| q.track == *track && q.topic == *topic) {
            writeln!(out, "  - [{}](#{})", md_text(&q.title), q.id)?;
        }
    }
    for (track, topic) in &topics {
        let t = bank.topics.iter().find(|t| t.track == *track && t.topic == *topic);
        writeln!(out, "\n## {}\n", md_text(t.map_or(*topic, |t| t.title.as_str())))?;
        if let Some(t) = t {
            writeln!(out, "_{}_\n", md_text(&t.summary))?;
        }
        for q in questions.iter().filter(|q| q.track == *track && q.topic == *topic) {
            question_md(q, out)?;
        }
    }
    Ok(())
}

fn question_md(q: &Question, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### {}\n\n<a id=\"{}\"></a>", md_text(&q.title), q.id)?;
    let limit = TimeLimit(crate::round::policy::time_limit(q));
    writeln!(out, "`{}` · {} · {} · {} · {limit}\n", q.id, q.difficulty, q.level, q.kind)?;
    writeln!(out, "{}\n", md_text(&q.prompt))?;
    writeln!(out, "**Short answer.** {}\n", md_text(&q.short_answer))?;
    for level in Level::ALL {
        writeln!(out, "#### {} answer\n\n{}\n", capitalise(level.as_str()), md_text(q.answers.get(*level)))?;
    }
    writeln!(out, "#### Key points\n")?;
    key_points_md(&q.key_points, out)?;
    writeln!(out, "\n**What the interviewer checks.** {}\n", md_text(&q.interviewer_checks))?;
    writeln!(out, "#### Common mistakes\n")?;
    for m in &q.mistakes {
        writeln!(
            out,
            "- **Weak:** {}\n  **Why it fails:** {}\n  **Say instead:** {}",
            md_text(&m.wrong),
            indent(&md_text(&m.why)),
            indent(&md_text(&m.better))
        )?;
    }
    if !q.follow_ups.is_empty() {
        writeln!(out, "\n#### Follow-ups\n")?;
        for f in &q.follow_ups {
            let probes = f.probes_label().map_or(String::new(), |p| format!(" _({p})_"));
            writeln!(out, "- **{}**{probes}\n  {}", md_text(&f.prompt), indent(&md_text(&f.answer)))?;
        }
    }
    for (i, stage) in q.stages.iter().enumerate() {
        let n = q.stages.len();
        writeln!(
            out,
            "\n#### Stage {}/{n}: {} ({})\n\n{}\n",
            i + 1,
            md_text(&stage.title),
            stage.time,
            md_text(&stage.prompt)
        )?;
        key_points_md(&stage.key_points, out)?;
        writeln!(out, "\n**Model answer.** {}", md_text(&stage.answer))?;
        if let Some(hint) = &stage.hint {
            writeln!(out, "\n**Hint.** {}", md_text(hint))?;
        }
    }
    if let Some(ex) = &q.example {
        writeln!(out, "\n#### Example\n\nWeak:\n\n```\n{}\n```\n\nStrong:\n\n```\n{}\n```", ex.weak, ex.strong)?;
    }
    writeln!(out)
}

/// Key points as a Markdown list, each with its level and phrasings.
fn key_points_md(points: &[KeyPoint], out: &mut dyn Write) -> io::Result<()> {
    for k in points {
        let also =
            if k.also.is_empty() { String::new() } else { format!(" _(also: {})_", md_text(&k.also.join("; "))) };
        writeln!(out, "- **{}** {}{also}", k.level, md_text(&k.point))?;
    }
    Ok(())
}

fn indent(s: &str) -> String {
    s.replace('\n', "\n  ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

/// Anki's text import: a header, then front, back and tags separated by
/// tabs; fields are HTML, so tabs and newlines cannot break the row.
fn anki(questions: &[&Question], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "#separator:tab\n#html:true\n#tags column:3")?;
    for q in questions {
        let front = format!("<b>{}</b><br><br>{}", html(&q.title), html(&q.prompt));
        let points: String = q.key_points.iter().map(|k| format!("<li>{}</li>", html(&k.tagged()))).collect();
        let stages: String = match q.stages.len() {
            0 => String::new(),
            n => {
                let items: String =
                    q.stages.iter().map(|st| format!("<li>{} ({})</li>", html(&st.title), st.time)).collect();
                format!("<b>{n} stages</b><ol>{items}</ol>")
            }
        };
        let back = format!(
            "{}<br><br><b>Key points</b><ul>{points}</ul>{stages}<b>{} answer</b><br>{}",
            html(&q.short_answer),
            capitalise(q.level.as_str()),
            html(q.answers.get(q.level))
        );
        let tags: Vec<String> = std::iter::once(format!("drill::{}::{}", q.track, q.topic))
            .chain(q.tags.iter().map(|t| t.replace(' ', "_")))
            .collect();
        writeln!(out, "{}\t{}\t{}", front.replace('\t', " "), back.replace('\t', " "), tags.join(" "))?;
    }
    Ok(())
}
