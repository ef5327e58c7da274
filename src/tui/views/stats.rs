//! The stats screen: headline numbers, the score over time, per-topic bars
//! and what is due.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::{bar, block, score_style};
use crate::text;
use crate::text::percent;
use crate::tui::app::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let outer = block(" progress · Esc back ", true, t);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let Some(s) = app.home.stats.as_ref().filter(|s| s.attempts > 0) else {
        let msg = "No history yet: every graded answer is kept, and your progress shows here. Press Esc, then Enter to start a round.";
        frame.render_widget(Paragraph::new(msg).style(t.dim).wrap(ratatui::widgets::Wrap { trim: true }), inner);
        return;
    };
    let chart_h = (inner.height / 2).clamp(5, 14);
    let [head, chart_area, topics_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(chart_h), Constraint::Min(1)]).areas(inner);
    let headline = vec![
        Line::from(vec![
            Span::styled(format!("Score {}", s.mean_score.map_or("-".into(), percent)), t.title),
            Span::styled(
                format!(
                    " · {} · {} · streak {}",
                    text::count(s.rounds as usize, "round", "rounds"),
                    text::count(s.attempts as usize, "attempt", "attempts"),
                    text::count(s.streak_days as usize, "day", "days")
                ),
                t.dim,
            ),
        ]),
        Line::from(vec![
            Span::styled(
                format!("{} due now", app.home.due.len()),
                if app.home.due.is_empty() { t.dim } else { t.warn },
            ),
            Span::styled(
                format!(
                    " · {} due this week · over time {}",
                    s.due_this_week,
                    s.overtime_rate.map_or("-".into(), percent)
                ),
                t.dim,
            ),
        ]),
    ];
    frame.render_widget(Paragraph::new(headline), head);

    let points: Vec<(f64, f64)> = s.days.iter().enumerate().map(|(i, d)| (i as f64, d.mean_score * 100.0)).collect();
    let first = s.days.first().map_or(String::new(), |d| d.day.clone());
    let last = s.days.last().map_or(String::new(), |d| d.day.clone());
    let data = Dataset::default()
        .name("daily score")
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(t.good)
        .data(&points);
    let chart = Chart::new(vec![data])
        .block(block(" score per day ", false, t))
        .x_axis(Axis::default().bounds([0.0, (points.len().max(2) - 1) as f64]).labels([first, last]).style(t.dim))
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels(["0%", "50%", "100%"]).style(t.dim));
    frame.render_widget(chart, chart_area);

    let name_w = s.topics.iter().map(|tp| text::width(&tp.topic)).max().unwrap_or(5).min(18);
    let bar_w = usize::from(topics_area.width).saturating_sub(name_w + 30).clamp(5, 30);
    // Recall is FSRS's prediction for now (high right after a round, whatever
    // the score): named for what it is, beside the score.
    let mut lines = vec![Line::styled("By topic: score, attempts, recall now", t.heading)];
    for tp in &s.topics {
        let mut spans = vec![Span::styled(format!("{} ", text::fit(&tp.topic, name_w)), t.text)];
        spans.extend(bar(tp.mean_score, bar_w, score_style(tp.mean_score, t), t));
        let ready = tp.readiness.map_or("-".into(), percent);
        spans.push(Span::styled(
            format!(" {:>4}  {:>4}×  recall now {ready}", percent(tp.mean_score), tp.attempts),
            t.dim,
        ));
        lines.push(Line::from(spans));
    }
    if let Some(r) = &s.readiness_on_day {
        lines.push(Line::default());
        lines.push(Line::styled(format!("Readiness on {} (predicted recall)", r.interview), t.heading));
        let row: Vec<String> =
            r.topics.iter().map(|(topic, recall, _)| format!("{topic} {}", percent(*recall))).collect();
        lines.push(Line::styled(
            text::truncate(&format!("  {}", row.join(" · ")), usize::from(topics_area.width)),
            t.text,
        ));
    }
    let c = &s.calibration;
    if !c.levels.is_empty() || c.self_credited_share.is_some() {
        lines.push(Line::default());
        lines.push(Line::styled("Calibration", t.heading));
        let width = usize::from(topics_area.width);
        let levels: Vec<String> =
            c.levels.iter().map(|l| format!("{} {} {}", l.confidence, l.label, percent(l.mean_score))).collect();
        if !levels.is_empty() {
            lines.push(Line::styled(text::truncate(&format!("  {}", levels.join(" · ")), width), t.text));
        }
        for tc in &c.topics {
            let style = if tc.leaning == crate::history::calibration::Leaning::Calibrated { t.good } else { t.warn };
            let row = format!(
                "  {} {}: expected {}, scored {}",
                tc.topic,
                tc.leaning.as_str(),
                percent(tc.expected),
                percent(tc.mean_score)
            );
            lines.push(Line::styled(text::truncate(&row, width), style));
        }
        if let Some(share) = c.self_credited_share {
            let row = format!("  {} of ticks credited by hand", percent(share));
            lines.push(Line::styled(text::truncate(&row, width), t.dim));
        }
    }
    if !s.weakest.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Weakest questions", t.heading));
        for q in &s.weakest {
            let row = format!("{:>4}  {}", percent(q.mean_score), q.title);
            lines
                .push(Line::styled(text::truncate(&row, usize::from(topics_area.width)), score_style(q.mean_score, t)));
        }
    }
    frame.render_widget(Paragraph::new(lines), topics_area);
}
