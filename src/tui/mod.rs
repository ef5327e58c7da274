//! Everything that touches the terminal directly. Nothing outside this
//! module imports ratatui or crossterm.

/// The terminal's width in columns, when it can be read.
pub fn terminal_width() -> Option<u16> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| w).filter(|w| *w > 0)
}
