//! A question in a round: asking (prompt, countdown, editor), paused, and
//! revealed (level tabs, model answer, checklist, mistakes, follow-ups).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, List, ListItem, ListState, Paragraph};

use super::{block, centered, doc, scrolled};
use crate::round::{Confidence, Item, Mark, Phase, Step};
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
        Phase::Rating => rating(frame, body, app),
        Phase::Revealed => revealed(frame, body, app, s, item),
        _ => asking(frame, body, app, s, item),
    }
}

/// What is asked now, in words for the header: "Stage 2/6 · API · 3:10
/// of 5:00", "Follow-up 1/2".
fn step_label(item: &Item, now: std::time::Duration) -> Option<String> {
    let at = item.elapsed(now);
    match item.step {
        Step::Main => None,
        Step::Stage(i) => {
            let stage = &item.question.stages[i];
            let part = item.stages.get(i)?;
            Some(format!(
                "Stage {}/{} · {} · {} of {}",
                i + 1,
                item.question.stages.len(),
                stage.title,
                clock(part.used(at)),
                clock(part.limit)
            ))
        }
        Step::FollowUp(i) => Some(format!("Follow-up {}/{}", i + 1, item.follow_ups.len())),
    }
}

fn header(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let q = &item.question;
    let used = item.answer_time(app.now);
    let right = match (item.phase, item.part()) {
        (Phase::Paused, _) => Span::styled(format!("paused at {} ", clock(item.remaining(app.now))), t.warn),
        (Phase::Rating, _) => Span::styled(format!("answered in {} ", clock(item.answer_time(app.now))), t.dim),
        (Phase::Asking, Some(part)) if matches!(item.step, Step::FollowUp(_)) => {
            let used = part.used(item.elapsed(app.now));
            if used > part.limit {
                Span::styled(format!("+{} over ", clock(used - part.limit)), t.bad)
            } else {
                Span::styled(format!("{} left ", clock(part.limit - used)), t.title)
            }
        }
        (Phase::Revealed, _) if item.overtime => {
            Span::styled(format!("time's up · {} of {} ", clock(used), clock(item.limit)), t.bad)
        }
        (Phase::Revealed, _) => Span::styled(format!("answered in {} of {} ", clock(used), clock(item.limit)), t.good),
        _ if item.elapsed(app.now) > item.limit => {
            Span::styled(format!("+{} over ", clock(item.elapsed(app.now) - item.limit)), t.bad)
        }
        _ => Span::styled(format!("{} left ", clock(item.remaining(app.now))), t.title),
    };
    // The timer always shows in full; the badges give way.
    let right_w = text::width(&right.content) as u16;
    let left_area = Rect { width: area.width.saturating_sub(right_w + 1), ..area };
    let what = if s.round.in_debrief() { "Debrief" } else { "Question" };
    let counter = format!(" {what} {}/{} ", s.round.index() + 1, s.round.len());
    let badges = match step_label(item, app.now).filter(|_| item.phase == Phase::Asking) {
        Some(step) => format!("· {step}"),
        None => format!("· {} · {} · {} · {}", q.topic, q.difficulty, q.level, q.kind),
    };
    let room = usize::from(left_area.width).saturating_sub(text::width(&counter));
    let left = Line::from(vec![Span::styled(counter, t.title), Span::styled(text::truncate(&badges, room), t.dim)]);
    frame.render_widget(left, left_area);
    frame.render_widget(Line::from(right).alignment(Alignment::Right), area);
}

fn countdown(frame: &mut Frame, area: Rect, app: &App, item: &Item) {
    let t = &app.theme;
    // A follow-up runs on its own clock; everything else on the question's.
    let (used, limit) = match (item.step, item.part()) {
        (Step::FollowUp(_), Some(p)) if item.phase != Phase::Revealed => (p.used(item.elapsed(app.now)), p.limit),
        _ => (item.answer_time(app.now), item.limit),
    };
    let remaining = limit.saturating_sub(used);
    let left = remaining.as_secs_f64() / limit.as_secs_f64().max(1.0);
    let style = if used >= limit || left <= 0.0 {
        t.bad
    } else if left <= 0.25 {
        t.warn
    } else {
        t.good
    };
    let label = if used > limit {
        Span::styled(format!("+{} over {}", clock(used - limit), clock(limit)), t.bad)
    } else {
        Span::styled(format!("{} / {}", clock(remaining), clock(limit)), t.text)
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
    let q = &item.question;
    let heading = match item.step {
        Step::Main => {
            prompt.text(&q.prompt, width, t.text, t);
            q.title.to_string()
        }
        Step::Stage(i) => {
            let stage = &q.stages[i];
            prompt.text(&stage.prompt, width, t.text, t);
            match (&stage.hint, item.stages.get(i).is_some_and(|p| p.hint)) {
                (Some(hint), true) => prompt.labelled("Hint: ", hint, width, t.warn, t),
                (Some(_), false) => {
                    prompt.line(Line::styled("A hint is there if you need it (it caps this stage).", t.dim))
                }
                (None, _) => {}
            }
            // The round's brief stays below each stage's question.
            prompt.line(Line::default());
            prompt.labelled("The brief: ", &q.prompt, width, t.dim, t);
            format!("{} · stage {}/{}: {}", q.title, i + 1, q.stages.len(), stage.title)
        }
        Step::FollowUp(i) => {
            let f = &q.follow_ups[item.follow_ups[i].index];
            prompt.text(&f.prompt, width, t.text, t);
            format!("The interviewer follows up · {}", q.title)
        }
    };
    // The prompt takes what it needs, up to 60%; the editor gets the rest.
    let wanted = prompt.lines.len() as u16 + 2;
    let max_prompt = area.height * 3 / 5;
    let [top, bottom] = Layout::vertical([Constraint::Length(wanted.min(max_prompt)), Constraint::Min(3)]).areas(area);
    let title = Line::from(Span::styled(format!(" {} ", text::truncate(&heading, usize::from(width))), t.title));
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

/// How sure are you? Nothing is shown until it is answered or skipped.
fn rating(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let rect = centered(area, 44, 9);
    let mut lines = vec![Line::styled("How sure are you of that answer?", t.title), Line::default()];
    for (i, label) in Confidence::LABELS.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}", i + 1), t.key),
            Span::styled(format!(" {label}"), t.text),
        ]));
    }
    lines.push(Line::from(vec![Span::styled("Enter", t.key), Span::styled(" skip", t.dim)]));
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center).block(block("", true, t)), rect);
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
    let points_h = (s.rows() as u16 * 2 + 3).min(area.height / 2).max(5);
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
    your_answers(&mut d, s, item, app.now, width, t);
    // A leech opens on its mistakes: they are what keeps slipping.
    let leech = s.start.leeches.iter().any(|id| *id == *q.id);
    if leech {
        d.line(Line::default());
        d.line(Line::styled("This question keeps slipping: its common mistakes first.", t.warn));
        doc::mistakes(&mut d, q, q.mistakes.len() * 3, width, t);
    }
    d.heading("Short answer", t);
    d.text(&q.short_answer, width, t.text, t);
    d.heading(format!("Model answer · {}", s.level), t);
    d.text(q.answers.get(s.level), width, t.text, t);
    if item.stages.is_empty() {
        doc::stages(&mut d, q, width, t);
    }
    follow_ups_answered(&mut d, item, width, t);
    let mistakes_at = d.lines.len() as u16 + 1;
    if !leech {
        doc::mistakes(&mut d, q, s.mistake_steps, width, t);
    }
    let follow_ups_at = d.lines.len() as u16 + 1;
    doc::follow_ups(&mut d, q, s.follow_ups, width, t);
    s.anchors.set((mistakes_at, follow_ups_at));
    doc::example(&mut d, q, width, t);
    d.heading("What the interviewer checks", t);
    d.text(&q.interviewer_checks, width, t.text, t);
    scrolled(frame, text_area, d.lines, s.scroll, &s.scroll_max);
    checklist(frame, right, app, s, item);
}

/// What the candidate gave: the answer (or each stage's beside its model
/// answer) and how sure they said they were.
fn your_answers(
    d: &mut Doc,
    s: &Session,
    item: &Item,
    now: std::time::Duration,
    width: u16,
    t: &crate::tui::theme::Theme,
) {
    let typed = |d: &mut Doc, answer: &str| {
        if answer.trim().is_empty() {
            d.line(Line::styled("(answered out loud)", t.dim));
        } else {
            d.text(answer, width, t.dim, t);
        }
    };
    if item.stages.is_empty() {
        // Time ran out mid-answer: typing goes on into the answer until Esc.
        d.heading(if s.editing { "Your answer · time is up: keep typing, Esc when done" } else { "Your answer" }, t);
        typed(d, &item.answer);
    }
    if let Some(c) = item.confidence {
        d.line(Line::styled(format!("You said you were: {} ({}/4)", c.label(), c.get()), t.dim));
    }
    let clock = item.elapsed(now);
    for part in &item.stages {
        let stage = &item.question.stages[part.index];
        d.heading(item.stage_heading(part, clock), t);
        d.text(&stage.prompt, width, t.text, t);
        d.line(Line::styled("You said:", t.heading));
        typed(d, &part.answer);
        d.labelled("Model answer: ", &stage.answer, width, t.good, t);
    }
}

/// The follow-ups a mock asked: what was typed beside the model answer,
/// and the mark the checklist holds.
fn follow_ups_answered(d: &mut Doc, item: &Item, width: u16, t: &crate::tui::theme::Theme) {
    if item.follow_ups.is_empty() {
        return;
    }
    d.heading("Follow-ups you answered", t);
    for (n, part) in item.follow_ups.iter().enumerate() {
        let f = &item.question.follow_ups[part.index];
        let style = mark_style(part.mark, t);
        d.line(Line::from(vec![
            Span::styled(format!("{}. ", n + 1), t.heading),
            Span::styled(part.mark.as_str(), style),
        ]));
        d.text(&f.prompt, width, t.text, t);
        d.line(Line::styled("You said:", t.heading));
        if part.answer.trim().is_empty() {
            d.line(Line::styled("(nothing typed)", t.dim));
        } else {
            d.text(&part.answer, width, t.dim, t);
        }
        d.labelled("Model answer: ", &f.answer, width, t.good, t);
    }
}

fn checklist(frame: &mut Frame, area: Rect, app: &App, s: &Session, item: &Item) {
    let t = &app.theme;
    let covered = item.covered.iter().filter(|c| **c).count();
    let title = if item.follow_ups.is_empty() {
        format!(" Key points {covered}/{} ", item.covered.len())
    } else {
        format!(" Key points {covered}/{} · follow-ups ", item.covered.len())
    };
    let b = block(title, true, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = inner.width.saturating_sub(5);
    let mut items: Vec<ListItem> = item
        .points()
        .into_iter()
        .zip(&item.covered)
        .zip(&item.evidence)
        .map(|(((stage, point), ticked), evidence)| {
            let mark = if *ticked { Span::styled("[x] ", t.good) } else { Span::styled("[ ] ", t.dim) };
            // A point taller than the list would never show; four lines is
            // plenty for a real rubric phrase. Its level is a one-letter badge.
            let mut wrapped = markdown::lines(&point.point, width.saturating_sub(2), t.text, t);
            if let Some(first) = wrapped.first_mut() {
                let badge = match stage {
                    Some(s) => format!("{}{} ", s + 1, point.level.initial()),
                    None => format!("{} ", point.level.initial()),
                };
                first.spans.insert(0, Span::styled(badge, t.dim));
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
    for (n, part) in item.follow_ups.iter().enumerate() {
        let style = mark_style(part.mark, t);
        let label = format!("Follow-up {}", n + 1);
        items.push(ListItem::new(Line::from(vec![
            Span::styled(format!("[{:<7}] ", part.mark.as_str()), style),
            Span::styled(label, t.text),
        ])));
    }
    let mut state = ListState::default().with_selected(Some(s.point));
    frame.render_stateful_widget(List::new(items).highlight_style(t.selected), inner, &mut state);
}

/// How a follow-up's mark is coloured.
fn mark_style(mark: Mark, t: &crate::tui::theme::Theme) -> ratatui::style::Style {
    match mark {
        Mark::Covered => t.good,
        Mark::Partly => t.warn,
        Mark::Missed => t.bad,
    }
}
