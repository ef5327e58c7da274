//! Colour palettes. Every style the views use comes from a [`Theme`], so a
//! light terminal, a dark one and `NO_COLOR` all read well.

use ratatui::style::{Color, Modifier, Style};

/// Named styles for the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Secondary text: hints, metadata.
    pub dim: Style,
    /// Titles and headings.
    pub title: Style,
    /// Section headings inside documents.
    pub heading: Style,
    /// Selected list rows.
    pub selected: Style,
    /// Borders of the focused pane.
    pub focus: Style,
    /// Borders of other panes.
    pub border: Style,
    /// Inline and block code.
    pub code: Style,
    /// Good results, plenty of time.
    pub good: Style,
    /// Warnings, time running low.
    pub warn: Style,
    /// Failures, overtime.
    pub bad: Style,
    /// Footer key names.
    pub key: Style,
    /// Active tab.
    pub tab: Style,
}

impl Theme {
    /// For dark terminals.
    pub fn dark() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::DarkGray).fg(Color::White).add_modifier(Modifier::BOLD),
            focus: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            code: Style::new().fg(Color::Yellow),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// For light terminals.
    pub fn light() -> Theme {
        Theme {
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD),
            focus: Style::new().fg(Color::Blue),
            border: Style::new().fg(Color::Gray),
            code: Style::new().fg(Color::Magenta),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Rgb(160, 100, 0)),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    /// No colour at all (`NO_COLOR`): emphasis by bold, reverse and underline.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            focus: bold,
            border: plain,
            code: plain,
            good: plain,
            warn: bold,
            bad: bold,
            key: bold,
            tab: Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}
