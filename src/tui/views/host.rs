//! Host mode: the interviewer's sheet (what to read out, what it tests,
//! the follow-ups with what to listen for), the key points as a live
//! checklist, the clock and the notes; then the ratings per signal.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{block, scrolled};
use crate::round::host::{HostItem, RATINGS};
use crate::text::{self, clock};
use crate::tui::app::App;
use crate::tui::host::Host;
use crate::tui::markdown::{self, Doc};

pub fn render(frame: &mut Frame, area: Rect, app: &App, h: &Host) {
    match h.run.current() {
        Some(item) => sheet(frame, area, app, h, item),
        None => ratings(frame, area, app, h),
    }
}

fn sheet(frame: &mut Frame, area: Rect, app: &App, h: &Host, item: &HostItem) {
    let t = &app.theme;
    let q = &item.question;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let used = item.elapsed(app.now);
    let (clock_text, style) = if h.run.paused() {
        (format!("paused at {} of {} ", clock(used), clock(item.limit)), t.warn)
    } else if used > item.limit {
        (format!("+{} over {} ", clock(used - item.limit), clock(item.limit)), t.bad)
    } else {
        (format!("{} of {} ", clock(used), clock(item.limit)), t.title)
    };
    let right_w = text::width(&clock_text) as u16;
    let left =
        format!(" Hosting · question {}/{} · {} · {} ", h.run.index() + 1, h.run.items().len(), q.topic, q.difficulty);
    let left_area = Rect { width: head.width.saturating_sub(right_w + 1), ..head };
    frame.render_widget(Line::styled(text::truncate(&left, usize::from(left_area.width)), t.title), left_area);
    frame.render_widget(Line::styled(clock_text, style).alignment(Alignment::Right), head);
    let wide = body.width >= 96;
    let (left, right) = if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        (l, r)
    } else {
        let [l, r] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        (l, r)
    };
    let b = block(format!(" {} ", q.title), !h.editing, t);
    let inner = b.inner(left);
    frame.render_widget(b, left);
    let width = inner.width.saturating_sub(1);
    let mut d = Doc::default();
    d.heading("Read this out", t);
    d.text(&q.prompt, width, t.text, t);
    for (i, stage) in q.stages.iter().enumerate() {
        d.heading(format!("Stage {} · {} · {}", i + 1, stage.title, stage.time), t);
        d.text(&stage.prompt, width, t.text, t);
        if let Some(hint) = &stage.hint {
            d.labelled("Hint if stuck: ", hint, width, t.dim, t);
        }
    }
    d.heading("What it tests", t);
    d.text(&q.interviewer_checks, width, t.text, t);
    if !q.follow_ups.is_empty() {
        d.heading(format!("Follow-ups · {} of {} asked (f)", item.asked, q.follow_ups.len()), t);
        for (i, f) in q.follow_ups.iter().enumerate() {
            let mark = if i < item.asked { "✓ " } else { "  " };
            d.line(Line::from(vec![Span::styled(format!("{mark}{}. ", i + 1), t.heading)]));
            d.text(&f.prompt, width, t.text, t);
            d.labelled("Listen for: ", &f.answer, width, t.dim, t);
        }
    }
    scrolled(frame, inner, d.lines, h.scroll, &h.scroll_max);
    let [points_area, notes_area] = Layout::vertical([Constraint::Min(4), Constraint::Length(6)]).areas(right);
    let heard = item.covered.iter().filter(|c| **c).count();
    let b = block(format!(" Listen for · {heard}/{} heard ", item.covered.len()), !h.editing, t);
    let inner = b.inner(points_area);
    frame.render_widget(b, points_area);
    let w = inner.width.saturating_sub(6);
    let items: Vec<ListItem> = q
        .key_points
        .iter()
        .zip(&item.covered)
        .map(|(p, c)| {
            let mark = if *c { Span::styled("[x] ", t.good) } else { Span::styled("[ ] ", t.dim) };
            let mut lines = markdown::lines(&p.point, w, t.text, t);
            lines.truncate(3);
            let lines: Vec<Line> = lines
                .into_iter()
                .enumerate()
                .map(|(i, mut l)| {
                    let lead = if i == 0 {
                        vec![mark.clone(), Span::styled(format!("{} ", p.level.initial()), t.dim)]
                    } else {
                        vec![Span::raw("      ")]
                    };
                    for (n, s) in lead.into_iter().enumerate() {
                        l.spans.insert(n, s);
                    }
                    l
                })
                .collect();
            ListItem::new(lines)
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(h.point));
    frame.render_stateful_widget(List::new(items).highlight_style(t.selected), inner, &mut state);
    let mut notes = h.notes.clone();
    let title = if h.editing { " Notes · Esc leaves " } else { " Notes · i to write " };
    notes.set_block(block(title, h.editing, t));
    notes.set_cursor_line_style(ratatui::style::Style::new());
    if !h.editing {
        notes.set_cursor_style(t.text);
    }
    frame.render_widget(&notes, notes_area);
}

fn ratings(frame: &mut Frame, area: Rect, app: &App, h: &Host) {
    let t = &app.theme;
    let b = block(" Rate each signal, 1-4 ", true, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} questions asked. 1 {} · 2 {} · 3 {} · 4 {}",
                h.run.items().len(),
                RATINGS[0],
                RATINGS[1],
                RATINGS[2],
                RATINGS[3]
            ),
            t.dim,
        ),
        Line::default(),
    ];
    for (i, (signal, rating)) in h.run.ratings.iter().enumerate() {
        let value = match rating {
            Some(r) => format!("{r} {}", RATINGS[usize::from(*r) - 1]),
            None => "not rated".to_string(),
        };
        let style = if i == h.point { t.selected } else { t.text };
        lines.push(Line::styled(format!("{} {signal:<24} {value}", if i == h.point { "›" } else { " " }), style));
    }
    lines.push(Line::default());
    let verdict = match h.run.verdict() {
        Some(v) => Line::styled(format!("Verdict: {v}. Enter writes the feedback sheet."), t.title),
        None => Line::styled("Rate every signal for a verdict; Enter writes the sheet as it is.", t.dim),
    };
    lines.push(verdict);
    frame.render_widget(Paragraph::new(lines), inner);
}
