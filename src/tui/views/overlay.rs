//! Overlays: the help generated from the keymap, the quit dialog, and the
//! answers of the questions skipped this round.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{block, centered};
use crate::text;
use crate::tui::app::App;

/// Every binding, grouped by screen, flowed into as many columns as fit.
pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let outer = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, outer);
    let b = block(" keys · Esc closes ", true, t);
    let inner = b.inner(outer);
    frame.render_widget(b, outer);
    let mut lines: Vec<Line> = Vec::new();
    for (title, bindings) in app.keymap.help(app.help.0) {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, t.heading));
        for (keys, label) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", text::truncate(&keys, 11)), t.key),
                Span::styled(text::truncate(label, 18), t.text),
            ]));
        }
    }
    let col_w: u16 = 31;
    let cols = (inner.width / col_w).max(1);
    let height = usize::from(inner.height.max(1));
    // Scrolling moves through the flowed columns; it stops once the rest fits.
    let fits = usize::from(cols) * height;
    let skip = usize::from(app.help.1).min(lines.len().saturating_sub(fits));
    for (i, chunk) in lines[skip..].chunks(height).take(usize::from(cols)).enumerate() {
        let x = inner.x + i as u16 * col_w;
        let rect = Rect { x, y: inner.y, width: col_w.min(inner.right().saturating_sub(x)), height: inner.height };
        frame.render_widget(Paragraph::new(chunk.to_vec()), rect);
    }
}

/// "Leave the round?"
pub fn confirm(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let graded = app.session.as_ref().map_or(0, |s| s.graded.len());
    let rect = centered(area, 52, 7);
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::styled("Leave this round?", t.title),
        Line::styled("The question in progress is dropped.", t.text),
        Line::styled(format!("{graded} graded so far {} kept.", crate::text::plural(graded, "is", "are")), t.dim),
        Line::from(vec![
            Span::styled("y", t.key),
            Span::raw(" leave   "),
            Span::styled("n", t.key),
            Span::raw(" stay"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).block(block(" quit ", true, t)), rect);
}

/// The questions skipped this round, most recent first, each in full (its
/// model answer at the round's level, key points, mistakes, follow-ups).
pub fn skipped(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let outer = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    frame.render_widget(Clear, outer);
    let title = if app.paused_for_skipped {
        " skipped questions · the clock is stopped · Esc closes "
    } else {
        " skipped questions · Esc closes "
    };
    let b = block(title, true, t);
    let inner = b.inner(outer);
    frame.render_widget(b, outer);
    let Some(s) = app.session() else { return };
    let width = inner.width.saturating_sub(1);
    let mut lines = Vec::new();
    for item in s.skipped() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let level = s.round.level_for(&item.question);
        lines.extend(super::doc::full(&item.question, level, width, t).lines);
    }
    let max = std::cell::Cell::new(0);
    super::scrolled(frame, inner, lines, app.help.1, &max);
}
