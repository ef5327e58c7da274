//! The misses drill in the interface: from the end of a round, each key
//! point the round missed as a quick prompt, answered in a line or two,
//! then shown and ticked.

use ratatui_textarea::TextArea;

use super::action::Action;
use crate::round::misses::MissesDrill;
use crate::tui::app::{App, Screen};

/// The drill and its editor.
pub struct Misses {
    /// The drill.
    pub drill: MissesDrill,
    /// The answer to the current prompt.
    pub editor: TextArea<'static>,
    /// Whether the editor has focus.
    pub editing: bool,
}

fn editor() -> TextArea<'static> {
    super::editor("Say it or type it; Esc, then Enter shows the point.")
}

impl App {
    /// From the end of a round: drills the points it missed.
    pub(crate) fn start_misses(&mut self) {
        let Some(s) = self.session.as_ref().filter(|s| s.phase().is_none()) else { return };
        let drill = MissesDrill::new(s.round.items());
        if drill.is_empty() {
            return;
        }
        self.misses = Some(Misses { drill, editor: editor(), editing: true });
        self.screen = Screen::Misses;
    }
}

/// One action in the drill.
pub(crate) fn update(app: &mut App, action: Action) {
    let Some(m) = app.misses.as_mut() else { return };
    if m.editing {
        match action {
            Action::EditorKey(key) => {
                m.editor.input(key);
            }
            Action::Paste(text) => {
                m.editor.insert_str(text);
            }
            Action::LeaveEditor => m.editing = false,
            _ => {}
        }
        return;
    }
    match action {
        Action::Enter if m.drill.finished() => quit(app),
        Action::Enter if m.drill.checked() => {
            m.drill.next();
            m.editor = editor();
            m.editing = !m.drill.finished();
        }
        Action::Enter => m.drill.check(&m.editor.lines().join("\n")),
        Action::Toggle => m.drill.toggle(),
        Action::Edit if !m.drill.checked() => m.editing = true,
        _ => {}
    }
}

/// Leaves the drill, back to the end of the round.
pub(crate) fn quit(app: &mut App) {
    app.misses = None;
    app.screen = Screen::Round;
}
