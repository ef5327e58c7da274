//! The prose printer of text output: headed sections of Markdown-lite
//! wrapped to the terminal, numbered lists, a whole question. `drill show`
//! and plain mode both print through it.

use std::io::{self, Write};

use super::Painter;
use crate::bank::{KeyPoint, Level, Question};
use crate::cli::settings::Output;
use crate::text;

/// Prints headed sections of Markdown-lite text, wrapped and indented.
pub struct Prose<'w> {
    out: &'w mut dyn Write,
    /// Styles.
    pub p: Painter,
    width: usize,
    /// Cut long code lines with a marker: only on a terminal, which would
    /// otherwise wrap them at its left edge.
    cut_code: bool,
}

impl<'w> Prose<'w> {
    /// A printer over `out`.
    pub fn new(out: &'w mut dyn Write, output: &Output) -> Self {
        Prose { out, p: Painter::new(output), width: output.wrap_width(), cut_code: output.width.is_some() }
    }

    /// The underlying writer, for flushing before reading input.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut *self.out
    }

    /// A raw line.
    pub fn line(&mut self, s: &str) -> io::Result<()> {
        writeln!(self.out, "{s}")
    }

    /// A section heading, preceded by a blank line.
    pub fn heading(&mut self, s: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{}", self.p.heading(s))
    }

    /// Markdown-lite text, wrapped and indented by two spaces.
    pub fn body(&mut self, md: &str) -> io::Result<()> {
        self.indented(md, "  ")
    }

    /// Markdown-lite text with a given indent.
    pub fn indented(&mut self, md: &str, indent: &str) -> io::Result<()> {
        for l in text::wrap_markdown(md, self.width, indent, self.cut_code) {
            writeln!(self.out, "{l}")?;
        }
        Ok(())
    }

    /// A numbered list; each item wrapped with a hanging indent.
    pub fn numbered(&mut self, items: &[impl AsRef<str>]) -> io::Result<()> {
        for (i, item) in items.iter().enumerate() {
            self.labelled(&format!("{:>3}. ", i + 1), item.as_ref())?;
        }
        Ok(())
    }

    /// Key points, numbered, each with its level and any other phrasings.
    pub fn key_points(&mut self, points: &[KeyPoint]) -> io::Result<()> {
        for (i, k) in points.iter().enumerate() {
            self.labelled(&format!("{:>3}. ", i + 1), &k.tagged())?;
            if !k.also.is_empty() {
                let also = self.p.dim(&format!("also: {}", k.also.join("; ")));
                self.line(&format!("       {also}"))?;
            }
        }
        Ok(())
    }

    /// The stages of a staged round: each with its time, prompt, key
    /// points, model answer and hint.
    pub fn stages(&mut self, q: &Question) -> io::Result<()> {
        let n = q.stages.len();
        for (i, stage) in q.stages.iter().enumerate() {
            self.heading(&format!("Stage {}/{n} · {} · {}", i + 1, stage.title, stage.time))?;
            self.body(&stage.prompt)?;
            self.key_points(&stage.key_points)?;
            self.labelled("  Model answer: ", &stage.answer)?;
            if let Some(hint) = &stage.hint {
                self.labelled("  Hint: ", hint)?;
            }
        }
        Ok(())
    }

    /// `label` then text, continuation lines aligned under the text.
    pub fn labelled(&mut self, label: &str, md: &str) -> io::Result<()> {
        let pad = " ".repeat(text::width(label));
        let lines = text::wrap_markdown(md, self.width, &pad, self.cut_code);
        for (i, l) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(self.out, "{}{}", self.p.bold(label), l.strip_prefix(pad.as_str()).unwrap_or(l))?;
            } else {
                writeln!(self.out, "{l}")?;
            }
        }
        Ok(())
    }

    /// The model answer at one level.
    pub fn answer(&mut self, q: &Question, level: Level) -> io::Result<()> {
        self.heading(&format!("Model answer · {level}"))?;
        self.body(q.answers.get(level))
    }

    /// Common mistakes, each as wrong / why / better.
    pub fn mistakes(&mut self, q: &Question) -> io::Result<()> {
        self.heading("Common mistakes")?;
        for (i, m) in q.mistakes.iter().enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            let wrong = format!("  {}. Weak answer: ", i + 1);
            self.labelled(&wrong, &format!("\"{}\"", m.wrong))?;
            let pad = " ".repeat(text::width(&format!("  {}. ", i + 1)));
            self.labelled(&format!("{pad}Why it fails: "), &m.why)?;
            self.labelled(&format!("{pad}Say instead: "), &m.better)?;
        }
        Ok(())
    }

    /// Follow-up questions with their answers.
    pub fn follow_ups(&mut self, q: &Question) -> io::Result<()> {
        if q.follow_ups.is_empty() {
            return Ok(());
        }
        self.heading("Follow-ups")?;
        for (i, f) in q.follow_ups.iter().enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            self.labelled(&format!("  {}. Q: ", i + 1), &f.prompt)?;
            let pad = " ".repeat((i + 1).to_string().len());
            if let Some(probes) = f.probes_label() {
                let line = self.p.dim(&format!("  {pad}  ({probes})"));
                self.line(&line)?;
            }
            self.labelled(&format!("  {pad}  A: "), &f.answer)?;
        }
        Ok(())
    }

    /// The weak vs strong example, when there is one.
    pub fn example(&mut self, q: &Question) -> io::Result<()> {
        let Some(ex) = &q.example else { return Ok(()) };
        self.heading("Example")?;
        self.line(&format!("  {}", self.p.warn("Weak:")))?;
        self.code(&ex.weak)?;
        self.line(&format!("  {}", self.p.good("Strong:")))?;
        self.code(&ex.strong)
    }

    fn code(&mut self, s: &str) -> io::Result<()> {
        // Examples are code even without fences; keep them verbatim.
        let body = if s.contains("```") { s.to_string() } else { format!("```\n{s}\n```") };
        self.indented(&body, "  ")
    }
}

/// The one-line header: topic, difficulty, level, kind, time.
pub fn badges(q: &Question) -> String {
    q.badges(crate::round::policy::time_limit(q))
}

/// Prints a whole question.
pub fn print_question(q: &Question, levels: &[Level], output: &Output, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Prose::new(out, output);
    let title = w.p.bold(&q.title);
    w.line(&title)?;
    let meta = w.p.dim(&format!("{} · id {} · tags: {}", badges(q), q.id, q.tags.join(", ")));
    w.line(&meta)?;
    w.heading("Question")?;
    w.body(&q.prompt)?;
    w.heading("Short answer")?;
    w.body(&q.short_answer)?;
    for level in levels {
        w.answer(q, *level)?;
    }
    w.heading("Key points")?;
    w.key_points(&q.key_points)?;
    w.heading("What the interviewer checks")?;
    w.body(&q.interviewer_checks)?;
    w.stages(q)?;
    w.mistakes(q)?;
    w.follow_ups(q)?;
    w.example(q)
}
