//! A question as a scrolling document, shared by the reveal screen and the
//! browser.

use ratatui::text::{Line, Span};

use crate::bank::{KeyPoint, Level, Question};
use crate::tui::markdown::Doc;
use crate::tui::theme::Theme;

/// Level tabs: the current one highlighted.
pub fn level_tabs(current: Level, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, level) in Level::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, level.as_str());
        spans.push(Span::styled(label, if *level == current { theme.tab } else { theme.dim }));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The mistakes, `steps` of them revealed (three steps each: the weak
/// answer, why it fails, what to say instead).
pub fn mistakes(doc: &mut Doc, q: &Question, steps: usize, width: u16, theme: &Theme) {
    let total = q.mistakes.len() * 3;
    doc.heading(format!("Common mistakes ({}/{})", steps.div_ceil(3), q.mistakes.len()), theme);
    for (i, m) in q.mistakes.iter().enumerate() {
        let shown = steps.saturating_sub(i * 3).min(3);
        if shown == 0 {
            break;
        }
        if i > 0 {
            doc.line(Line::default());
        }
        doc.labelled("Weak:  ", &format!("\"{}\"", m.wrong), width, theme.warn, theme);
        if shown >= 2 {
            doc.labelled("Why:   ", &m.why, width, theme.bad, theme);
        }
        if shown >= 3 {
            doc.labelled("Say:   ", &m.better, width, theme.good, theme);
        }
    }
    if steps < total {
        doc.line(Line::styled("press m to reveal more", theme.dim));
    }
}

/// The follow-ups, `shown` of them revealed.
pub fn follow_ups(doc: &mut Doc, q: &Question, shown: usize, width: u16, theme: &Theme) {
    if q.follow_ups.is_empty() {
        return;
    }
    doc.heading(format!("Interviewer follow-ups ({shown}/{})", q.follow_ups.len()), theme);
    for (i, f) in q.follow_ups.iter().take(shown).enumerate() {
        if i > 0 {
            doc.line(Line::default());
        }
        doc.labelled("Q: ", &f.prompt, width, theme.key, theme);
        if let Some(probes) = f.probes_label() {
            doc.line(Line::styled(format!("   {probes}"), theme.dim));
        }
        doc.labelled("A: ", &f.answer, width, theme.good, theme);
    }
    if shown < q.follow_ups.len() {
        doc.line(Line::styled("press f for the next follow-up", theme.dim));
    }
}

/// Key points, numbered, each with its level and any other phrasings.
pub fn key_points(doc: &mut Doc, points: &[KeyPoint], width: u16, theme: &Theme) {
    for (i, k) in points.iter().enumerate() {
        doc.labelled(&format!("{}. ", i + 1), &k.tagged(), width, theme.key, theme);
        if !k.also.is_empty() {
            doc.line(Line::styled(format!("   also: {}", k.also.join("; ")), theme.dim));
        }
    }
}

/// The stages of a staged round, each with its time, prompt, key points,
/// model answer and hint.
pub fn stages(doc: &mut Doc, q: &Question, width: u16, theme: &Theme) {
    let n = q.stages.len();
    for (i, stage) in q.stages.iter().enumerate() {
        doc.heading(format!("Stage {}/{n} · {} · {}", i + 1, stage.title, stage.time), theme);
        doc.text(&stage.prompt, width, theme.text, theme);
        key_points(doc, &stage.key_points, width, theme);
        doc.labelled("Model answer: ", &stage.answer, width, theme.good, theme);
        if let Some(hint) = &stage.hint {
            doc.labelled("Hint: ", hint, width, theme.dim, theme);
        }
    }
}

/// The weak vs strong example, when the question has one.
pub fn example(doc: &mut Doc, q: &Question, width: u16, theme: &Theme) {
    let Some(ex) = &q.example else { return };
    doc.heading("Example", theme);
    let fence = |s: &str| if s.contains("```") { s.to_string() } else { format!("```\n{s}\n```") };
    doc.line(Line::styled("Weak:", theme.warn));
    doc.text(&fence(&ex.weak), width, theme.text, theme);
    doc.line(Line::styled("Strong:", theme.good));
    doc.text(&fence(&ex.strong), width, theme.text, theme);
}

/// The whole question, for reading in the browser.
pub fn full(q: &Question, level: Level, width: u16, theme: &Theme) -> Doc {
    let mut doc = Doc::default();
    doc.line(Line::styled(q.title.to_string(), theme.title));
    let meta = q.badges(crate::round::policy::time_limit(q));
    doc.line(Line::styled(meta, theme.dim));
    doc.line(Line::default());
    doc.text(&q.prompt, width, theme.text, theme);
    doc.heading("Short answer", theme);
    doc.text(&q.short_answer, width, theme.text, theme);
    doc.heading(format!("Model answer · {level}"), theme);
    doc.text(q.answers.get(level), width, theme.text, theme);
    doc.heading("Key points", theme);
    key_points(&mut doc, &q.key_points, width, theme);
    doc.heading("What the interviewer checks", theme);
    doc.text(&q.interviewer_checks, width, theme.text, theme);
    stages(&mut doc, q, width, theme);
    mistakes(&mut doc, q, q.mistakes.len() * 3, width, theme);
    follow_ups(&mut doc, q, q.follow_ups.len(), width, theme);
    example(&mut doc, q, width, theme);
    doc
}
