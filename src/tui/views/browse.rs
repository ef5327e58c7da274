//! The browser: filter line, topics and questions on the left, the full
//! question on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{block, doc, scrolled};
use crate::text;
use crate::tui::app::App;
use crate::tui::browse::{Browse, Pane};

pub fn render(frame: &mut Frame, area: Rect, app: &App, b: &Browse) {
    let t = &app.theme;
    let [filter, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let any = |v: Option<String>| v.unwrap_or_else(|| "any".into());
    let mut spans = vec![Span::styled(" / ", t.key)];
    if b.query.is_empty() && !b.typing {
        spans.push(Span::styled("type / to filter", t.dim));
    } else {
        spans.push(Span::styled(b.query.clone(), t.title));
        if b.typing {
            spans.push(Span::styled("▏", t.key));
        }
    }
    spans.push(Span::styled(
        format!(
            "   {} · D difficulty: {} · L level: {} · K kind: {}",
            text::count(b.results.len(), "match", "matches"),
            any(b.difficulty.map(|d| d.to_string())),
            any(b.level_filter.map(|l| l.to_string())),
            any(b.kind.map(|k| k.to_string()))
        ),
        t.dim,
    ));
    frame.render_widget(Line::from(spans), filter);

    let [left, right] = Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(main);
    let topics_h = (b.topics.len() as u16 + 2).min(left.height / 3).max(3);
    let [topics_area, list_area] = Layout::vertical([Constraint::Length(topics_h), Constraint::Min(3)]).areas(left);
    let row_w = usize::from(topics_area.width.saturating_sub(8));
    let topics: Vec<ListItem> = b
        .topics
        .iter()
        .map(|r| {
            ListItem::new(Line::from(vec![
                Span::raw(text::fit(&r.label, row_w)),
                Span::styled(format!("{:>4}", r.count), t.dim),
            ]))
        })
        .collect();
    let mut ts = ListState::default().with_selected(Some(b.topic));
    let topics_list =
        List::new(topics).block(block(" topics ", b.focus == Pane::Topics, t)).highlight_style(t.selected);
    frame.render_stateful_widget(topics_list, topics_area, &mut ts);

    let q_w = usize::from(list_area.width.saturating_sub(4));
    // Only the rows that fit are built: with 10,000 results, building every
    // row each frame would cost more than the search itself.
    let rows = usize::from(list_area.height.saturating_sub(2)).max(1);
    let first = (b.selected + 1).saturating_sub(rows);
    let questions: Vec<ListItem> = b.results[first.min(b.results.len())..]
        .iter()
        .take(rows)
        .map(|i| {
            let q = &app.bank.questions[*i];
            let mark = match q.difficulty {
                crate::bank::Difficulty::Easy => Span::styled("● ", t.good),
                crate::bank::Difficulty::Medium => Span::styled("● ", t.warn),
                crate::bank::Difficulty::Hard => Span::styled("● ", t.bad),
            };
            ListItem::new(Line::from(vec![mark, Span::raw(text::truncate(&q.title, q_w.saturating_sub(2)))]))
        })
        .collect();
    let mut qs = ListState::default().with_selected((!b.results.is_empty()).then_some(b.selected - first));
    let title = format!(" questions ({}) ", b.results.len());
    let q_list = List::new(questions).block(block(title, b.focus == Pane::Questions, t)).highlight_style(t.selected);
    frame.render_stateful_widget(q_list, list_area, &mut qs);

    let pane = block(" question · 1/2/3 level · Enter timed round ", b.focus == Pane::Detail, t);
    let inner = pane.inner(right);
    frame.render_widget(pane, right);
    match b.current(&app.bank) {
        Some(q) => {
            let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            frame.render_widget(doc::level_tabs(b.level, t), tabs);
            let d = doc::full(q, b.level, body.width.saturating_sub(1), t);
            scrolled(frame, body, d.lines, b.scroll, &b.scroll_max);
        }
        None => frame.render_widget(Line::styled("No question matches. Esc, then loosen the filter.", t.warn), inner),
    }
}
