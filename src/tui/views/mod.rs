//! Rendering: every view takes `&App` and a `Frame` and changes nothing
//! (the last rendered scroll limits excepted).

mod browse;
mod doc;
mod end;
mod home;
mod host;
mod misses;
mod overlay;
mod round;
mod scorecard;
mod stats;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Overlay, Screen};
use super::theme::Theme;
use crate::round::policy;
use crate::text;

/// The smallest terminal the layouts are designed for.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height the layouts are designed for.
pub const MIN_HEIGHT: u16 = 18;

/// Draws the whole interface.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if !fits(area.width, area.height) {
        too_small(frame, area, &app.theme);
        return;
    }
    let warning = app.warning();
    let warning_h = u16::from(warning.is_some());
    let [body, warning_area, footer_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(warning_h), Constraint::Length(1)]).areas(area);
    if let Some(w) = &warning {
        frame.render_widget(
            Line::styled(text::truncate(&format!("⚠ {w}"), usize::from(area.width)), app.theme.bad),
            warning_area,
        );
    }
    match app.screen {
        Screen::Home => home::render(frame, body, app),
        Screen::Round => match app.session.as_ref() {
            Some(s) if s.phase().is_some() => round::render(frame, body, app, s),
            Some(s) => end::render(frame, body, app, s),
            None => {}
        },
        Screen::Browse => {
            if let Some(b) = app.browse.as_ref() {
                browse::render(frame, body, app, b);
            }
        }
        Screen::Stats => stats::render(frame, body, app),
        Screen::Misses => {
            if let Some(m) = app.misses.as_ref() {
                misses::render(frame, body, app, m);
            }
        }
        Screen::Host => {
            if let Some(h) = app.host.as_ref() {
                host::render(frame, body, app, h);
            }
        }
    }
    footer(frame, footer_area, app);
    match app.overlay {
        Some(Overlay::Help) => overlay::help(frame, area, app),
        Some(Overlay::ConfirmQuit) => overlay::confirm(frame, area, app),
        Some(Overlay::Skipped) => overlay::skipped(frame, area, app),
        None => {}
    }
}

/// Whether a terminal of this size shows the interface, or only the
/// "terminal too small" notice.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "Terminal too small ({}×{}): need {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window; q quits.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(msg).style(theme.warn).wrap(Wrap { trim: true }), area);
}

/// The key hints for where the user is, generated from the keymap.
fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (keys, label) in app.keymap.footer(app.context()) {
        let w = text::width(&keys) + text::width(label) + 3;
        if used + w > usize::from(area.width) {
            break;
        }
        spans.push(Span::styled(keys, t.key));
        spans.push(Span::styled(format!(" {label}   "), t.dim));
        used += w;
    }
    frame.render_widget(Line::from(spans), area);
}

/// A bordered block, highlighted when focused.
fn block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(if focused { theme.focus } else { theme.border })
}

/// `████░░░░` for a share in 0..1, `width` cells.
fn bar(share: f64, width: usize, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    vec![Span::styled("█".repeat(filled), style), Span::styled("░".repeat(width - filled), theme.dim)]
}

/// Style for a score: good from 70%, a warning from 40%, bad below.
fn score_style(score: f64, theme: &Theme) -> Style {
    if !policy::is_weak(score) {
        theme.good
    } else if score >= 0.4 {
        theme.warn
    } else {
        theme.bad
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A scrolled paragraph of pre-wrapped lines; records the scroll limit.
/// When the text is taller than the panel, a scrollbar on the panel's right
/// border shows that it continues, and where the view is.
fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16, max: &std::cell::Cell<u16>) {
    let total = lines.len();
    let limit = (total as u16).saturating_sub(area.height);
    max.set(limit);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(limit), 0)), area);
    let border = Rect { x: area.right(), width: 1, ..area };
    if limit > 0 && border.right() <= frame.area().right() {
        use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(Some("▲")).end_symbol(Some("▼"));
        let mut state = ScrollbarState::new(usize::from(limit) + 1)
            .position(usize::from(scroll.min(limit)))
            .viewport_content_length(usize::from(area.height));
        frame.render_stateful_widget(bar, border, &mut state);
    }
}

#[cfg(test)]
mod mock_tests;
#[cfg(test)]
pub(crate) mod tests;
