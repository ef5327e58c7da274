//! The home screen: topics with counts on the left; the selected topic and
//! the round settings on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::block;
use crate::text;
use crate::tui::app::{App, TIME_CHOICES};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let rows = app.topic_rows();
    let [left, right] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let items: Vec<ListItem> = rows
        .iter()
        .map(|r| {
            let label = text::fit(&r.label, usize::from(left.width.saturating_sub(9)));
            let style = if r.label.starts_with(' ') || r.name.is_empty() { t.text } else { t.heading };
            ListItem::new(Line::from(vec![Span::styled(label, style), Span::styled(format!("{:>4}", r.count), t.dim)]))
        })
        .collect();
    let list = List::new(items).block(block(" drill · topics ", true, t)).highlight_style(t.selected);
    let mut state = ListState::default().with_selected(Some(app.home.topic));
    frame.render_stateful_widget(list, left, &mut state);

    let row = rows.get(app.home.topic);
    let topic = row.and_then(|r| app.bank.topics.iter().find(|tp| tp.topic == *r.name));
    let mut lines = vec![];
    match (row, topic) {
        (Some(r), Some(tp)) => {
            lines.push(Line::styled(tp.title.to_string(), t.title));
            lines.push(Line::styled(tp.summary.to_string(), t.text));
            lines.push(Line::styled(format!("{} · drill start --topic {}", questions(r.count), r.name), t.dim));
        }
        (Some(r), None) if !r.name.is_empty() => {
            lines.push(Line::styled(format!("Track: {}", r.name), t.title));
            lines.push(Line::styled(format!("{} · drill start --topic {}", questions(r.count), r.name), t.dim));
        }
        _ => {
            lines.push(Line::styled("Everything", t.title));
            lines.push(Line::styled(
                format!("{} questions in {} topics", app.bank.questions.len(), app.bank.topics.len()),
                t.dim,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Round settings", t.heading));
    let setting = |key: &str, name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {key:<5}"), t.key),
            Span::styled(format!("{name:<14}"), t.dim),
            Span::styled(value, t.text),
        ])
    };
    lines.push(setting("-/+", "questions", app.home.count.to_string()));
    let level = app.home.level.map_or("question's".to_string(), |l| l.to_string());
    lines.push(setting("l", "answer level", level));
    let time = TIME_CHOICES[app.home.time].map_or("2/4/6m".to_string(), |s| format!("{}m", s / 60));
    lines.push(setting("t", "time/question", time));
    lines.push(Line::default());
    lines.push(Line::from(vec![Span::styled("  Enter", t.key), Span::styled(" start a timed round", t.text)]));
    lines.push(Line::from(vec![Span::styled("  b    ", t.key), Span::styled(" browse and search", t.text)]));
    let due = app.home.due.len();
    let review = if due == 0 {
        "nothing due for review".to_string()
    } else {
        format!("review {due} due {}", crate::text::plural(due, "question", "questions"))
    };
    lines.push(Line::from(vec![
        Span::styled("  r    ", t.key),
        Span::styled(format!(" {review}"), if due > 0 { t.warn } else { t.dim }),
    ]));
    lines.push(Line::from(vec![Span::styled("  s    ", t.key), Span::styled(" your progress", t.text)]));
    if let Some(today) = &app.home.today {
        // Continuation lines hang under the text, not under the key.
        let width = usize::from(right.width).saturating_sub(2 + 8).max(12);
        for (i, l) in crate::text::wrap_words(&today.summary, width).into_iter().enumerate() {
            let key = if i == 0 { "  d    " } else { "       " };
            lines.push(Line::from(vec![Span::styled(key, t.key), Span::styled(format!(" {l}"), t.title)]));
        }
    }
    if let Some(notice) = &app.home.notice {
        lines.push(Line::default());
        lines.push(Line::styled(notice.clone(), t.warn));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(" start ", false, t)), right);
}

fn questions(n: usize) -> String {
    format!("{n} {}", crate::text::plural(n, "question", "questions"))
}
