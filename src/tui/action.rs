//! What a key (or the clock) asks the app to do. Keys become actions in
//! [`super::keymap`]; [`super::app::update`] applies them.

use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;

use crate::bank::Level;

/// One thing the user (or time) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Time has passed: the monotonic clock now reads this.
    Tick(Duration),
    /// Leave the current screen (asks first when something would be lost).
    Quit,
    /// Leave at once, confirmed.
    ConfirmQuit,
    /// Close a dialog or overlay.
    Cancel,
    /// Open the help overlay.
    Help,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Scroll the document up a page.
    PageUp,
    /// Scroll the document down a page.
    PageDown,
    /// Scroll the document up a line.
    ScrollUp,
    /// Scroll the document down a line.
    ScrollDown,
    /// The previous answer level, or the pane to the left.
    Left,
    /// The next answer level, or the pane to the right.
    Right,
    /// Confirm: start, open, grade.
    Enter,
    /// A key typed into the answer editor.
    EditorKey(KeyEvent),
    /// Leave the answer editor.
    LeaveEditor,
    /// Return to the answer editor.
    Edit,
    /// Reveal the model answers now.
    Reveal,
    /// Pause or resume the countdown.
    Pause,
    /// Skip the question.
    Skip,
    /// Show the answer at this level.
    Level(Level),
    /// Tick or untick the selected key point.
    Toggle,
    /// Reveal the next step of the common mistakes.
    NextMistake,
    /// Reveal the next follow-up.
    NextFollowUp,
    /// Start the same round again.
    Restart,
    /// Home: more questions per round.
    CountUp,
    /// Home: fewer questions per round.
    CountDown,
    /// Home: cycle the answer level of rounds.
    CycleLevel,
    /// Home: cycle the time per question.
    CycleTime,
    /// Open the browser.
    Browse,
    /// Home: review the due questions.
    Review,
    /// Home: open the stats screen.
    Stats,
    /// Start typing a filter.
    Filter,
    /// A key typed into the filter.
    FilterKey(KeyEvent),
    /// Stop typing the filter (keeping it).
    FilterDone,
    /// Browser: cycle the difficulty filter.
    CycleDifficulty,
    /// Browser: cycle the level filter.
    CycleLevelFilter,
    /// Browser: cycle the kind filter.
    CycleKind,
    /// Browser: move focus to the next pane.
    FocusNext,
    /// Text pasted into the terminal, whole (bracketed paste).
    Paste(String),
    /// Suspend to the shell (Ctrl-z); the event loop handles it.
    Suspend,
    /// Read the model answers of the questions skipped this round.
    ShowSkipped,
    /// A staged round: on to the next stage.
    NextStage,
    /// A staged round: take this stage's hint (it caps the stage's score).
    Hint,
    /// How sure the candidate is, 1-4; 0 skips the rating.
    Rate(u8),
    /// Browser: a one-question round that leaves the review schedule alone.
    Cram,
    /// Host mode: on to the next question.
    NextQuestion,
    /// Home: today's questions from the plan.
    Today,
    /// End of a round: drill the key points it missed.
    DrillMisses,
}
