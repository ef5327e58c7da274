//! The end of a round: score and time per question, per-topic results,
//! the weakest key points and the command to drill them again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{bar, block, score_style, scrolled};
use crate::round::policy;
use crate::text;
use crate::text::{clock, percent};
use crate::tui::app::App;
use crate::tui::session::Session;

pub fn render(frame: &mut Frame, area: Rect, app: &App, s: &Session) {
    if let Some(card) = app.scorecard() {
        super::scorecard::render(frame, area, app, card, s);
        return;
    }
    let t = &app.theme;
    let summary = s.round.summary();
    let title = match app.looping.as_ref() {
        Some(l) => format!(" round {} of {} done · {} ", l.index + 1, l.rounds.len(), l.lp.title),
        None if s.round.is_mock() => " mock interview complete ".to_string(),
        None => " round complete ".to_string(),
    };
    let b = block(title, true, t);
    let inner = b.inner(area);
    let width = usize::from(inner.width).saturating_sub(2);
    frame.render_widget(b, area);
    let mut lines = Vec::new();
    if let Some(l) = app.looping.as_ref().filter(|l| l.in_break()) {
        let next = &l.lp.rounds[l.index + 1];
        let count = text::count(next.count as usize, "question", "questions");
        lines.push(Line::styled(format!("Break. Next: {} · {} min · {count}", next.title, next.minutes), t.title));
        lines.push(Line::from(vec![
            Span::styled("Enter", t.key),
            Span::styled(" starts it · ", t.dim),
            Span::styled("q", t.key),
            Span::styled(" ends the loop here, on its scorecard", t.dim),
        ]));
        lines.push(Line::default());
    }
    let graded = summary.items.len() - summary.not_attempted;
    let headline = match summary.mean_score {
        Some(m) => vec![
            Span::styled(format!("Score {} ", percent(m)), score_style(m, t)),
            Span::styled(
                format!(
                    "· {graded} of {} questions · {} used · seed {}",
                    summary.items.len(),
                    clock(summary.time_used),
                    s.start.seed
                ),
                t.dim,
            ),
        ],
        None => vec![Span::styled("Nothing was graded this round.", t.warn)],
    };
    lines.push(Line::from(headline));
    if s.round.is_mock()
        && let Some(v) = s.round.verdict()
    {
        for (i, l) in text::wrap_words(&v.sentence(), width).into_iter().enumerate() {
            lines.push(Line::styled(l, if i == 0 { t.title } else { t.text }));
        }
        let shares: Vec<String> = crate::bank::Level::ALL
            .iter()
            .zip(v.shares)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(l, (c, n))| format!("{l} and below {c}/{n}"))
            .collect();
        for l in text::wrap_words(&format!("Key points: {}", shares.join(" · ")), width) {
            lines.push(Line::styled(l, t.dim));
        }
    }
    lines.push(Line::default());
    let title_w = usize::from(inner.width).saturating_sub(46).clamp(12, 60);
    for (i, item) in summary.items.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{:>2}. {} ", i + 1, text::fit(&item.title, title_w)), t.text)];
        match &item.outcome {
            None => spans.push(Span::styled("not attempted", t.dim)),
            Some(o) if o.skipped => spans.push(Span::styled(format!("{:<15}", "skipped"), t.warn)),
            Some(o) => {
                spans.extend(bar(o.score(), 8, score_style(o.score(), t), t));
                spans.push(Span::styled(format!(" {:>4}  ", percent(o.score())), score_style(o.score(), t)));
            }
        }
        if let Some(o) = &item.outcome {
            let share = o.time_used.as_secs_f64() / item.limit.as_secs_f64().max(1.0);
            spans.extend(bar(share, 6, if o.overtime { t.bad } else { t.dim }, t));
            spans.push(Span::styled(
                format!(" {}/{}", clock(o.time_used), clock(item.limit)),
                if o.overtime { t.bad } else { t.dim },
            ));
        }
        lines.push(Line::from(spans));
    }
    if !summary.topics.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("By topic", t.heading));
        for topic in &summary.topics {
            let mut spans = vec![Span::styled(format!("  {:<16}", topic.topic), t.text)];
            spans.extend(bar(topic.mean_score, 10, score_style(topic.mean_score, t), t));
            spans.push(Span::styled(format!(" {} ({})", percent(topic.mean_score), topic.questions), t.dim));
            lines.push(Line::from(spans));
        }
    }
    let weakest = summary.weakest_points(5);
    if !weakest.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Weakest points", t.heading));
        for (_, point) in weakest {
            for (i, l) in text::wrap_words(point, usize::from(inner.width).saturating_sub(4)).into_iter().enumerate() {
                lines.push(Line::styled(format!("{}{l}", if i == 0 { "  - " } else { "    " }), t.text));
            }
        }
    }
    lines.push(Line::default());
    lines.extend(command_lines("Again: ", &s.start.replay_command(), width, t));
    let skipped = s.skipped().len();
    if skipped > 0 {
        let what = text::count(skipped, "skipped question", "skipped questions");
        lines.push(Line::from(vec![
            Span::styled("a", t.key),
            Span::styled(format!(" reads the answers of the {what}"), t.dim),
        ]));
    }
    let weak: Vec<&str> =
        summary.topics.iter().filter(|tp| policy::is_weak(tp.mean_score)).map(|tp| tp.topic.as_str()).collect();
    if !weak.is_empty() {
        let args: String = weak.iter().map(|tp| format!(" --topic {tp}")).collect();
        lines.extend(command_lines("Drill the weak topics: ", &format!("drill start{args}"), width, t));
    }
    scrolled(frame, inner, lines, s.scroll, &s.scroll_max);
}

/// A labelled command ("Again: drill start --seed 7"), wrapped at spaces
/// so all of it can be read and copied on a narrow terminal.
fn command_lines(label: &str, command: &str, width: usize, t: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    let full = format!("{label}{command}");
    text::wrap_words(&full, width.max(label.len() + 1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| match l.get(..label.len()) {
            Some(head) if i == 0 && head == label => Line::from(vec![
                Span::styled(head.to_string(), t.dim),
                Span::styled(l[label.len()..].to_string(), t.code),
            ]),
            _ if i == 0 => Line::styled(l, t.dim),
            _ => Line::styled(l, t.code),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_command_wraps_whole() {
        let t = crate::tui::theme(false, crate::cli::config::ThemeName::default());
        let cmd = "drill mock webhooks-replay-protection --count 1 --follow-ups 1 --seed 361454";
        let lines = command_lines("Again: ", cmd, 40, &t);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert!(text.len() > 1, "{text:?}");
        assert!(text.iter().all(|l| l.chars().count() <= 40), "{text:?}");
        assert_eq!(text.join(" "), format!("Again: {cmd}"));
        assert_eq!(lines[0].spans[0].content, "Again: ");
    }
}
