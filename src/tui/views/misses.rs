//! The misses drill: the prompt, the answer box, then the point with
//! whether the answer had it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block;
use crate::tui::app::App;
use crate::tui::markdown::Doc;
use crate::tui::misses::Misses;

pub fn render(frame: &mut Frame, area: Rect, app: &App, m: &Misses) {
    let t = &app.theme;
    let d = &m.drill;
    let title = format!(" Misses drill · {} of {} ", (d.index() + 1).min(d.len()), d.len());
    let Some(miss) = d.current() else {
        let b = block(" Misses drill · done ", true, t);
        let lines = vec![
            Line::styled(format!("Recalled {} of {} missed points.", d.recalled_count(), d.len()), t.title),
            Line::styled("Enter or q goes back to the round's end.", t.dim),
        ];
        frame.render_widget(Paragraph::new(lines).block(b), area);
        return;
    };
    let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Min(3)]).areas(area);
    let b = block(title, !m.editing, t);
    let inner = b.inner(top);
    frame.render_widget(b, top);
    let width = inner.width.saturating_sub(1);
    let mut doc = Doc::default();
    doc.text(&miss.prompt(), width, t.text, t);
    if let Some(had) = d.recalled.get(d.index()).copied().flatten() {
        doc.line(Line::default());
        doc.labelled("The point: ", &miss.point.point, width, t.good, t);
        let words = &d.evidence[d.index()];
        let verdict = if had { "You had it" } else { "Not in your answer" };
        let mut spans = vec![Span::styled(verdict, if had { t.good } else { t.warn })];
        if had && !words.is_empty() {
            spans.push(Span::styled(format!(" · “{}”", words.join(" … ")), t.dim));
        }
        spans.push(Span::styled(" · space to change · Enter next", t.dim));
        doc.line(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(doc.lines), inner);
    let mut editor = m.editor.clone();
    editor.set_block(block(if m.editing { " Your answer · Esc leaves " } else { " Your answer " }, m.editing, t));
    editor.set_cursor_line_style(ratatui::style::Style::new());
    if !m.editing {
        editor.set_cursor_style(t.text);
    }
    frame.render_widget(&editor, bottom);
}
