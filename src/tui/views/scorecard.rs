//! A loop's scorecard: per signal the score, the level landed and the
//! weakest points; then the overall level and the recommendation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{bar, block, score_style, scrolled};
use crate::round::scorecard::Scorecard;
use crate::text::{self, percent};
use crate::tui::app::App;
use crate::tui::session::Session;

pub fn render(frame: &mut Frame, area: Rect, app: &App, card: &Scorecard, s: &Session) {
    let t = &app.theme;
    let b = block(format!(" scorecard · {} ", card.title), true, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width).saturating_sub(2);
    let mut lines = Vec::new();
    let style = if card.recommendation == "hire" { t.good } else { t.warn };
    lines.push(Line::from(vec![
        Span::styled(format!("For {}: {}", card.target, card.recommendation), style),
        Span::styled(
            format!(
                " · overall {} · landed {}",
                card.mean_score.map_or("-".into(), percent),
                card.landed.map_or("below junior".to_string(), |l| format!("at {l}"))
            ),
            t.dim,
        ),
    ]));
    for l in text::wrap_words(&card.reason, width) {
        lines.push(Line::styled(l, t.text));
    }
    lines.push(Line::default());
    let name_w = card.signals.iter().map(|s| text::width(&s.signal)).max().unwrap_or(6).min(width / 3);
    for s in &card.signals {
        let mut spans = vec![Span::styled(format!("{} ", text::fit(&s.signal, name_w)), t.text)];
        match s.mean_score {
            Some(m) => {
                spans.extend(bar(m, 10, score_style(m, t), t));
                let level = s.landed.map_or("below junior".to_string(), |l| format!("at {l}"));
                spans.push(Span::styled(format!(" {:>4} · {level}", percent(m)), score_style(m, t)));
            }
            None => spans.push(Span::styled("not scored", t.dim)),
        }
        lines.push(Line::from(spans));
        for p in &s.weakest {
            for (i, l) in text::wrap_words(p, width.saturating_sub(4)).into_iter().enumerate() {
                lines.push(Line::styled(format!("{}{l}", if i == 0 { "  - " } else { "    " }), t.dim));
            }
        }
    }
    scrolled(frame, inner, lines, s.scroll, &s.scroll_max);
}
