//! Host mode in the interface: the interviewer's sheet for a friend
//! running the mock (what to read out, what to listen for as a checklist,
//! the follow-ups with their answers, the clock, notes), then a 1-4
//! rating per signal and the verdict.

use std::cell::Cell;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::action::Action;
use crate::bank::{Bank, Question};
use crate::round::host::HostRun;
use crate::tui::app::{App, Screen, Setup};

/// The host's session.
pub struct Host {
    /// The interview.
    pub run: HostRun,
    /// The selected key point, or in the ratings the selected signal.
    pub point: usize,
    /// The notes of the current question.
    pub notes: TextArea<'static>,
    /// Whether the notes have focus.
    pub editing: bool,
    /// Scroll of the interviewer's sheet.
    pub scroll: u16,
    /// The largest useful scroll, as last rendered.
    pub scroll_max: Cell<u16>,
    /// Set when the host is done (the sheet is then written).
    pub finished: bool,
}

fn notes_editor() -> TextArea<'static> {
    super::editor("Notes for the candidate: what they said well, what was missing.")
}

impl App {
    /// `drill mock --host`: the interviewer's view over `questions`.
    pub fn host(bank: Bank, setup: Setup, questions: Vec<(Question, std::time::Duration)>) -> App {
        let mut app = App::with_screen(bank, setup, 0, Screen::Host);
        let run = HostRun::new(questions, app.now);
        app.host = Some(Host {
            run,
            point: 0,
            notes: notes_editor(),
            editing: false,
            scroll: 0,
            scroll_max: Cell::new(0),
            finished: false,
        });
        app.after_round = None;
        app
    }

    /// The host's session, when hosting.
    pub fn host_state(&self) -> Option<&Host> {
        self.host.as_ref()
    }
}

/// One action on the host's screen.
pub(crate) fn update(app: &mut App, action: Action) {
    let now = app.now;
    let Some(h) = app.host.as_mut() else { return };
    if h.editing {
        match action {
            Action::EditorKey(key) => type_key(h, key),
            Action::Paste(text) => {
                h.notes.insert_str(text.replace("\r\n", "\n"));
                sync(h);
            }
            Action::LeaveEditor => h.editing = false,
            _ => {}
        }
        return;
    }
    if h.run.rating() {
        let n = h.run.ratings.len();
        match action {
            Action::Up => h.point = h.point.saturating_sub(1),
            Action::Down => h.point = (h.point + 1).min(n.saturating_sub(1)),
            Action::Rate(r) => {
                h.run.rate(h.point, r);
                // On to the next signal still to rate.
                if let Some(next) = h.run.ratings.iter().position(|(_, r)| r.is_none()) {
                    h.point = next;
                }
            }
            Action::Enter => {
                h.finished = true;
                app.quit = true;
            }
            _ => {}
        }
        return;
    }
    let points = h.run.current().map_or(0, |i| i.covered.len());
    match action {
        Action::Up => h.point = h.point.saturating_sub(1),
        Action::Down => h.point = (h.point + 1).min(points.saturating_sub(1)),
        Action::Toggle => h.run.toggle(h.point),
        Action::NextFollowUp => h.run.ask_follow_up(),
        Action::Edit => h.editing = true,
        Action::Pause => h.run.toggle_pause(now),
        Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
        Action::PageDown => h.scroll = h.scroll.saturating_add(10).min(h.scroll_max.get()),
        Action::NextQuestion => {
            h.run.next(now);
            h.point = 0;
            h.scroll = 0;
            h.notes = notes_editor();
        }
        _ => {}
    }
}

/// `q` while hosting: the questions not reached are dropped and the
/// ratings come next; from the ratings, the host is done.
pub(crate) fn quit(app: &mut App) {
    let now = app.now;
    let Some(h) = app.host.as_mut() else { return };
    if h.run.rating() {
        h.finished = true;
        app.quit = true;
    } else {
        h.run.end_early(now);
        h.point = 0;
    }
}

fn type_key(h: &mut Host, key: KeyEvent) {
    h.notes.input(key);
    sync(h);
}

fn sync(h: &mut Host) {
    h.run.set_notes(h.notes.lines().join("\n").trim_end().to_string());
}
