//! A question in a round: asking (prompt, countdown, editor), paused, and
//! revealed (level tabs, model answer, checklist, mistakes, follow-ups).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, List, ListItem, ListState, Paragraph};

use super::{block, centered, doc, scrolled};
use crate::round::{Item, Phase};
use crate::text;
use crate::text::clock;
use crate::tui::app::App;
use crate::tui::markdown::{self, Doc};
use crate::tui::session::Session;

pub fn render(frame: &mut Frame, area: Rect, app: &App, s: &Session) {
    let Some(item) = s.round.current() else { return };
    let [head, gauge, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(area);
    header(frame, head, app, s, item);
    countdown(frame, gauge, app, item);
    match item.phase {
        Phase::Paused => paused(frame, body, app),
        Phase::Revealed => revealed(frame, body, app, s, item),
        _ => asking(frame, body, app, s, item),
    }
}

fn header(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let q = &item.question;
    let used = item.elapsed(app.now);
    let right = match item.phase {
        Phase::Paused => Span::styled(format!("paused at {} ", clock(item.remaining(app.now))), t.warn),
        Phase::Revealed if item.overtime => {
            Span::styled(format!("time's up · {} of {} ", clock(used), clock(item.limit)), t.bad)
        }
        Phase::Revealed => Span::styled(format!("answered in {} of {} ", clock(used), clock(item.limit)), t.good),
        _ => Span::styled(format!("{} left ", clock(item.remaining(app.now))), t.title),
    };
    // The timer always shows in full; the badges give way.
    let right_w = text::width(&right.content) as u16;
    let left_area = Rect { width: area.width.saturating_sub(right_w + 1), ..area };
    let counter = format!(" Question {}/{} ", s.round.index() + 1, s.round.len());
    let badges = format!("· {} · {} · {} · {}", q.topic, q.difficulty, q.level, q.kind);
    let room = usize::from(left_area.width).saturating_sub(text::width(&counter));
    let left = Line::from(vec![Span::styled(counter, t.title), Span::styled(text::truncate(&badges, room), t.dim)]);
    frame.render_widget(left, left_area);
    frame.render_widget(Line::from(right).alignment(Alignment::Right), area);
}

fn countdown(frame: &mut Frame, area: Rect, app: &App, item: &Item) {
    let t = &app.theme;
    let left = item.remaining(app.now).as_secs_f64() / item.limit.as_secs_f64().max(1.0);
    let style = if item.overtime || left <= 0.0 {
        t.bad
    } else if left <= 0.25 {
        t.warn
    } else {
        t.good
    };
    let used = item.elapsed(app.now);
    let label = if used > item.limit {
        Span::styled(format!("+{} over {}", clock(used - item.limit), clock(item.limit)), t.bad)
    } else {
        Span::styled(format!("{} / {}", clock(item.remaining(app.now)), clock(item.limit)), t.text)
    };
    frame.render_widget(
        Gauge::default().ratio(left.clamp(0.0, 1.0)).gauge_style(style).label(label).use_unicode(true),
        area,
    );
}

fn asking(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let width = area.width.saturating_sub(2);
    let mut prompt = Doc::default();
    prompt.text(&item.question.prompt, width, t.text, t);
    // The prompt takes what it needs, up to 60%; the editor gets the rest.
    let wanted = prompt.lines.len() as u16 + 2;
    let max_prompt = area.height * 3 / 5;
    let [top, bottom] = Layout::vertical([Constraint::Length(wanted.min(max_prompt)), Constraint::Min(3)]).areas(area);
    let title =
        Line::from(Span::styled(format!(" {} ", text::truncate(&item.question.title, usize::from(width))), t.title));
    let b = block(title, !s.editing, t);
    let inner = b.inner(top);
    frame.render_widget(b, top);
    scrolled(frame, inner, prompt.lines, s.scroll, &s.scroll_max);
    let hint = match (s.editing, s.skipped().is_empty()) {
        (true, _) => " Your answer · Esc leaves the editor ",
        (false, true) => " Your answer · i or Enter to type ",
        (false, false) => " Your answer · i or Enter to type · a: answers you skipped ",
    };
    let mut editor = s.editor.clone();
    editor.set_block(block(hint, s.editing, t));
    editor.set_cursor_line_style(ratatui::style::Style::new());
    if !s.editing {
        editor.set_cursor_style(t.text);
    }
    frame.render_widget(&editor, bottom);
}

fn paused(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let rect = centered(area, 40, 5);
    let lines = vec![
        Line::styled("Paused", t.title),
        Line::styled("Question hidden, clock stopped.", t.dim),
        Line::from(vec![Span::styled("p", t.key), Span::raw(" resume")]),
    ];
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center).block(block("", false, t)), rect);
}

fn revealed(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let q = &item.question;
    let wide = area.width >= 96;
    let points_h = (q.key_points.len() as u16 * 2 + 3).min(area.height / 2).max(5);
    let (left, right) = if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
        (l, r)
    } else {
        let [l, r] = Layout::vertical([Constraint::Min(4), Constraint::Length(points_h)]).areas(area);
        (l, r)
    };
    let b = block(Line::from(Span::styled(format!(" {} ", q.title), t.title)), true, t);
    let inner = b.inner(left);
    frame.render_widget(b, left);
    let [tabs, text_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(doc::level_tabs(s.level, t), tabs);
    let width = text_area.width.saturating_sub(1);
    let mut d = Doc::default();
    // Time ran out mid-answer: typing goes on into the answer until Esc.
    d.heading(if s.editing { "Your answer · time is up: keep typing, Esc when done" } else { "Your answer" }, t);
    if item.answer.trim().is_empty() {
        d.line(Line::styled("(answered out loud)", t.dim));
    } else {
        d.text(&item.answer, width, t.dim, t);
    }
    d.heading("Short answer", t);
    d.text(&q.short_answer, width, t.text, t);
    d.heading(format!("Model answer · {}", s.level), t);
    d.text(q.answers.get(s.level), width, t.text, t);
    doc::stages(&mut d, q, width, t);
    let mistakes_at = d.lines.len() as u16 + 1;
    doc::mistakes(&mut d, q, s.mistake_steps, width, t);
    let follow_ups_at = d.lines.len() as u16 + 1;
    doc::follow_ups(&mut d, q, s.follow_ups, width, t);
    s.anchors.set((mistakes_at, follow_ups_at));
    doc::example(&mut d, q, width, t);
    d.heading("What the interviewer checks", t);
    d.text(&q.interviewer_checks, width, t.text, t);
    scrolled(frame, text_area, d.lines, s.scroll, &s.scroll_max);
    checklist(frame, right, app, s, item);
}

fn checklist(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let covered = item.covered.iter().filter(|c| **c).count();
    let title = format!(" Key points {covered}/{} ", item.covered.len());
    let b = block(title, true, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = inner.width.saturating_sub(5);
    let items: Vec<ListItem> = item
        .question
        .key_points
        .iter()
        .zip(&item.covered)
        .zip(&item.evidence)
        .map(|((point, ticked), evidence)| {
            let mark = if *ticked { Span::styled("[x] ", t.good) } else { Span::styled("[ ] ", t.dim) };
            // A point taller than the list would never show; four lines is
            // plenty for a real rubric phrase. Its level is a one-letter badge.
            let mut wrapped = markdown::lines(&point.point, width.saturating_sub(2), t.text, t);
            if let Some(first) = wrapped.first_mut() {
                first.spans.insert(0, Span::styled(format!("{} ", point.level.initial()), t.dim));
            }
            if wrapped.len() > 4 {
                wrapped.truncate(4);
                wrapped[3].spans.push(Span::raw("…"));
            }
            let mut lines: Vec<Line> = wrapped
                .into_iter()
                .enumerate()
                .map(|(i, mut l)| {
                    l.spans.insert(0, if i == 0 { mark.clone() } else { Span::raw("      ") });
                    l
                })
                .collect();
            // What earned a pre-tick: the answer's own words. A tick
            // without it is the candidate's own call.
            if *ticked {
                let why = if evidence.is_empty() {
                    "(your call)".to_string()
                } else {
                    format!("“{}”", evidence.join(" … "))
                };
                let shown = text::truncate(&why, usize::from(width.saturating_sub(2)));
                lines.push(Line::from(vec![Span::raw("      "), Span::styled(shown, t.dim)]));
            }
            ListItem::new(lines)
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(s.point));
    frame.render_stateful_widget(List::new(items).highlight_style(t.selected), inner, &mut state);
}
