//! Markdown-lite to styled, pre-wrapped lines: paragraphs reflowed, list
//! items with a hanging indent, `inline code` and fenced code highlighted.
//! Wrapping here (rather than in `Paragraph`) keeps hanging indents and
//! lets views know the exact height for scrolling.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::text::{self, markdown::Layout, markdown::RowKind};

/// Styles backtick-delimited code within one already wrapped line. `in_code`
/// carries an open span across line breaks.
fn styled(line: &str, lead: String, base: Style, theme: &Theme, in_code: &mut bool) -> Line<'static> {
    let mut spans = vec![Span::styled(lead, base)];
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            *in_code = !*in_code;
        }
        if !part.is_empty() {
            spans.push(Span::styled(part.to_string(), if *in_code { theme.code } else { base }));
        }
    }
    Line::from(spans)
}

/// Renders Markdown-lite `md` into lines at most `width` columns wide,
/// from the one layout in [`text::markdown`]: bullets as `•`, code cut to
/// the width and highlighted.
pub fn lines(md: &str, width: u16, base: Style, theme: &Theme) -> Vec<Line<'static>> {
    let how = Layout { width: usize::from(width.max(8)), bullet: "•", code_indent: "  ", cut_code: true };
    let mut in_code = false;
    text::markdown::layout(md, &how)
        .into_iter()
        .map(|row| match row.kind {
            RowKind::Blank => {
                in_code = false;
                Line::default()
            }
            RowKind::Prose => styled(&row.text, row.lead, base, theme, &mut in_code),
            RowKind::Code => Line::from(vec![Span::raw(row.lead), Span::styled(row.text, theme.code)]),
        })
        .collect()
}

/// A document built from headed sections, for scrolling panes.
#[derive(Default)]
pub struct Doc {
    /// The lines so far.
    pub lines: Vec<Line<'static>>,
}

impl Doc {
    /// A heading, separated from what came before by a blank line.
    pub fn heading(&mut self, title: impl Into<String>, theme: &Theme) {
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        self.lines.push(Line::styled(title.into(), theme.heading));
    }

    /// Markdown-lite text.
    pub fn text(&mut self, md: &str, width: u16, style: Style, theme: &Theme) {
        self.lines.extend(lines(md, width, style, theme));
    }

    /// One plain line.
    pub fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// Labelled text with a hanging indent (`Why: ...`).
    pub fn labelled(&mut self, label: &str, md: &str, width: u16, label_style: Style, theme: &Theme) {
        let pad = text::width(label) as u16;
        let body = lines(md, width.saturating_sub(pad), theme.text, theme);
        for (i, mut l) in body.into_iter().enumerate() {
            let lead =
                if i == 0 { Span::styled(label.to_string(), label_style) } else { Span::raw(" ".repeat(pad.into())) };
            l.spans.insert(0, lead);
            self.lines.push(l);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn items_hang_and_code_is_styled() {
        let theme = Theme::dark();
        let md = "Use `SET NX` here.\n\n- first item that wraps around\n1. numbered\n\n```\nSELECT 1;\n```";
        let l = lines(md, 20, Style::new(), &theme);
        assert_eq!(
            plain(&l),
            ["Use SET NX here.", "", "• first item that", "  wraps around", "1. numbered", "", "  SELECT 1;"]
        );
        assert_eq!(l[0].spans[2].style, theme.code);
        assert!(plain(&l).iter().all(|s| text::width(s) <= 20));
    }

    #[test]
    fn code_spans_across_line_breaks_stay_code() {
        let theme = Theme::dark();
        let l = lines("aaaa `bbbb cccc` dddd", 10, Style::new(), &theme);
        assert_eq!(plain(&l), ["aaaa bbbb", "cccc dddd"]);
        assert_eq!(l[1].spans[1].style, theme.code);
        assert_eq!(l[1].spans[2].style, Style::new());
    }
}
