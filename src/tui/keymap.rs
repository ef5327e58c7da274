//! The one place keys are bound. Lookup, the footer hints and the `?` help
//! overlay are all generated from [`Keymap`], so they never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::bank::Level;
use crate::cli::config::{Config, KeyName, KeySpec, KeyStyle, NamedKey};

/// Where the user is, which decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Keys that work on every screen but the text inputs.
    Global,
    /// The home screen.
    Home,
    /// A question is asked; the editor does not have focus.
    Asking,
    /// The answer editor has focus: printable keys are text.
    Editor,
    /// A mock asks a question or a follow-up; the editor does not have
    /// focus.
    Interview,
    /// A stage of a staged round is asked; the editor does not have focus.
    Stage,
    /// How sure are you? Asked before anything is shown.
    Rating,
    /// The countdown is paused.
    Paused,
    /// The model answers are shown.
    Revealed,
    /// The end-of-round screen.
    End,
    /// A loop's break between rounds.
    Break,
    /// Host mode: the interviewer's sheet.
    Host,
    /// The misses drill.
    Misses,
    /// Host mode: rating each signal.
    HostRating,
    /// The browser.
    Browse,
    /// The stats screen.
    Stats,
    /// Typing the browser's filter.
    Filter,
    /// The help overlay.
    Help,
    /// "Really quit?"
    Confirm,
    /// The answers of skipped questions.
    Skipped,
}

impl Context {
    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Home => "Home",
            Context::Asking => "Question",
            Context::Editor => "Answer editor",
            Context::Interview => "Mock interview",
            Context::Stage => "Staged round",
            Context::Rating => "How sure are you?",
            Context::Paused => "Paused",
            Context::Revealed => "Model answers",
            Context::End => "End of round",
            Context::Break => "Break between rounds",
            Context::Host => "Hosting",
            Context::Misses => "Misses drill",
            Context::HostRating => "Rating the signals",
            Context::Browse => "Browser",
            Context::Stats => "Stats",
            Context::Filter => "Browser filter",
            Context::Help => "Help",
            Context::Confirm => "Quit?",
            Context::Skipped => "Skipped questions",
        }
    }

    /// Contexts where printable keys are text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Editor | Context::Filter)
    }

    /// Whether the global bindings apply here too.
    fn sees_global(self) -> bool {
        !self.takes_text() && !matches!(self, Context::Help | Context::Confirm | Context::Skipped | Context::Global)
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

impl Key {
    /// A character key.
    pub const fn ch(c: char) -> Key {
        Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
    }

    /// A special key.
    pub const fn code(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::NONE }
    }

    /// Control and a character.
    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }

    /// Whether a key event is this key. Shift is part of the character for
    /// letters (`G` arrives as shifted `G`), so it is ignored there.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = if matches!(ev.code, KeyCode::Char(_)) { ev.modifiers - KeyModifiers::SHIFT } else { ev.modifiers };
        ev.code == self.code && mods == self.mods
    }

    /// How the key is written in the footer and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
    }
}

/// The key that always quits.
const CTRL_C: Key = Key::ctrl('c');

/// One binding: keys, what they do, where, and how it is described.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, first one shown first.
    pub keys: Vec<Key>,
    /// What they do.
    pub action: Action,
    /// A few words for the footer and help.
    pub label: &'static str,
    /// Whether the footer shows it.
    pub footer: bool,
}

/// All bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Context::*;
        use KeyCode as K;
        let b = |context, keys: &[Key], action, label, footer| Binding {
            context,
            keys: keys.to_vec(),
            action,
            label,
            footer,
        };
        let up = [Key::code(K::Up), Key::ch('k')];
        let down = [Key::code(K::Down), Key::ch('j')];
        let bindings = vec![
            b(Global, &[Key::ch('?')], Action::Help, "help", true),
            b(Global, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", true),
            b(Global, &[Key::ctrl('z')], Action::Suspend, "suspend", false),
            // Home
            b(Home, &up, Action::Up, "up", false),
            b(Home, &down, Action::Down, "down", false),
            b(Home, &[Key::ch('g'), Key::code(K::Home)], Action::Top, "first", false),
            b(Home, &[Key::ch('G'), Key::code(K::End)], Action::Bottom, "last", false),
            b(Home, &[Key::code(K::Enter)], Action::Enter, "start round", true),
            b(Home, &[Key::ch('b')], Action::Browse, "browse", true),
            b(Home, &[Key::ch('/')], Action::Filter, "search", false),
            b(Home, &[Key::ch('r')], Action::Review, "review due", true),
            b(Home, &[Key::ch('d')], Action::Today, "today's plan", false),
            b(Home, &[Key::ch('s')], Action::Stats, "stats", true),
            b(Home, &[Key::ch('+'), Key::ch('=')], Action::CountUp, "more questions", false),
            b(Home, &[Key::ch('-')], Action::CountDown, "fewer questions", false),
            b(Home, &[Key::ch('l')], Action::CycleLevel, "level", true),
            b(Home, &[Key::ch('t')], Action::CycleTime, "time", true),
            // Asking, editor not focused
            b(Asking, &[Key::ch('i'), Key::code(K::Enter)], Action::Edit, "edit answer", true),
            b(Asking, &[Key::ch('r')], Action::Reveal, "reveal", true),
            b(Asking, &[Key::ch('p')], Action::Pause, "pause", true),
            b(Asking, &[Key::ch('s')], Action::Skip, "skip", true),
            b(Asking, &[Key::ch('a')], Action::ShowSkipped, "answers of skipped", false),
            b(Asking, &[Key::code(K::PageUp)], Action::PageUp, "scroll up", false),
            b(Asking, &[Key::code(K::PageDown)], Action::PageDown, "scroll down", false),
            // A mock's question or follow-up, editor not focused
            b(Interview, &[Key::ch('i'), Key::code(K::Enter)], Action::Edit, "edit answer", true),
            b(Interview, &[Key::ch('d')], Action::Reveal, "done, go on", true),
            b(Interview, &[Key::ch('p')], Action::Pause, "pause", true),
            b(Interview, &[Key::ch('s')], Action::Skip, "skip", true),
            b(Interview, &[Key::code(K::PageUp)], Action::PageUp, "scroll up", false),
            b(Interview, &[Key::code(K::PageDown)], Action::PageDown, "scroll down", false),
            // A stage, editor not focused
            b(Stage, &[Key::ch('i'), Key::code(K::Enter)], Action::Edit, "edit answer", true),
            b(Stage, &[Key::ch('n')], Action::NextStage, "next stage", true),
            b(Stage, &[Key::ch('h')], Action::Hint, "take hint", true),
            b(Stage, &[Key::ch('d')], Action::Reveal, "finish the round", true),
            b(Stage, &[Key::ch('p')], Action::Pause, "pause", true),
            b(Stage, &[Key::ch('s')], Action::Skip, "skip", false),
            b(Stage, &[Key::code(K::PageUp)], Action::PageUp, "scroll up", false),
            b(Stage, &[Key::code(K::PageDown)], Action::PageDown, "scroll down", false),
            // How sure are you?
            b(Rating, &[Key::ch('1')], Action::Rate(1), "no idea", true),
            b(Rating, &[Key::ch('2')], Action::Rate(2), "unsure", true),
            b(Rating, &[Key::ch('3')], Action::Rate(3), "fairly sure", true),
            b(Rating, &[Key::ch('4')], Action::Rate(4), "certain", true),
            b(Rating, &[Key::code(K::Enter), Key::ch('0')], Action::Rate(0), "skip rating", true),
            // Editor
            b(Editor, &[Key::code(K::Esc)], Action::LeaveEditor, "leave editor", true),
            b(Editor, &[Key::ctrl('c')], Action::Quit, "quit", false),
            // Paused
            b(Paused, &[Key::ch('p'), Key::code(K::Enter)], Action::Pause, "resume", true),
            // Revealed
            b(Revealed, &[Key::ch('1')], Action::Level(Level::Junior), "junior answer", false),
            b(Revealed, &[Key::ch('2')], Action::Level(Level::Mid), "mid answer", false),
            b(Revealed, &[Key::ch('3')], Action::Level(Level::Senior), "senior answer", false),
            b(Revealed, &[Key::code(K::Left), Key::ch('h')], Action::Left, "previous level", false),
            b(Revealed, &[Key::code(K::Right), Key::ch('l')], Action::Right, "next level", false),
            b(Revealed, &up, Action::Up, "previous key point", false),
            b(Revealed, &down, Action::Down, "next key point", false),
            b(Revealed, &[Key::ch(' '), Key::ch('x')], Action::Toggle, "tick point", true),
            b(Revealed, &[Key::ch('m')], Action::NextMistake, "mistakes", true),
            b(Revealed, &[Key::ch('f')], Action::NextFollowUp, "follow-ups", true),
            b(Revealed, &[Key::code(K::PageUp), Key::ch('K')], Action::PageUp, "scroll up", false),
            b(Revealed, &[Key::code(K::PageDown), Key::ch('J')], Action::PageDown, "scroll down", false),
            b(Revealed, &[Key::code(K::Enter)], Action::Enter, "grade & next", true),
            // End
            b(End, &[Key::code(K::Enter)], Action::Quit, "leave", true),
            b(End, &[Key::ch('r')], Action::Restart, "again", true),
            b(End, &[Key::ch('a')], Action::ShowSkipped, "skipped answers", false),
            b(End, &[Key::ch('m')], Action::DrillMisses, "drill the misses", true),
            // The misses drill
            b(Misses, &[Key::code(K::Enter)], Action::Enter, "show the point / next", true),
            b(Misses, &[Key::ch(' '), Key::ch('x')], Action::Toggle, "had it / not", true),
            b(Misses, &[Key::ch('i')], Action::Edit, "edit answer", true),
            b(End, &up, Action::ScrollUp, "scroll up", false),
            b(End, &down, Action::ScrollDown, "scroll down", false),
            // Host mode
            b(Host, &up, Action::Up, "previous key point", false),
            b(Host, &down, Action::Down, "next key point", false),
            b(Host, &[Key::ch(' '), Key::ch('x')], Action::Toggle, "heard it", true),
            b(Host, &[Key::ch('f')], Action::NextFollowUp, "asked a follow-up", true),
            b(Host, &[Key::ch('i')], Action::Edit, "notes", true),
            b(Host, &[Key::ch('p')], Action::Pause, "pause", false),
            b(Host, &[Key::ch('n')], Action::NextQuestion, "next question", true),
            b(Host, &[Key::code(K::PageUp)], Action::PageUp, "scroll up", false),
            b(Host, &[Key::code(K::PageDown)], Action::PageDown, "scroll down", false),
            b(HostRating, &up, Action::Up, "previous signal", false),
            b(HostRating, &down, Action::Down, "next signal", false),
            b(HostRating, &[Key::ch('1')], Action::Rate(1), "no signal", true),
            b(HostRating, &[Key::ch('2')], Action::Rate(2), "weak", true),
            b(HostRating, &[Key::ch('3')], Action::Rate(3), "solid", true),
            b(HostRating, &[Key::ch('4')], Action::Rate(4), "strong", true),
            b(HostRating, &[Key::code(K::Enter)], Action::Enter, "done: write the sheet", true),
            // A loop's break
            b(Break, &[Key::code(K::Enter)], Action::Enter, "next round", true),
            b(Break, &[Key::ch('q')], Action::Quit, "end the loop here", true),
            b(Break, &up, Action::ScrollUp, "scroll up", false),
            b(Break, &down, Action::ScrollDown, "scroll down", false),
            // Stats
            b(Stats, &[Key::code(K::Esc)], Action::Quit, "back", true),
            // Browse
            b(Browse, &up, Action::Up, "up", false),
            b(Browse, &down, Action::Down, "down", false),
            b(Browse, &[Key::ch('g'), Key::code(K::Home)], Action::Top, "first", false),
            b(Browse, &[Key::ch('G'), Key::code(K::End)], Action::Bottom, "last", false),
            b(Browse, &[Key::code(K::Tab)], Action::FocusNext, "next pane", true),
            b(Browse, &[Key::code(K::Left), Key::ch('h')], Action::Left, "left pane", false),
            b(Browse, &[Key::code(K::Right), Key::ch('l')], Action::Right, "right pane", false),
            b(Browse, &[Key::ch('/')], Action::Filter, "filter", true),
            b(Browse, &[Key::ch('D')], Action::CycleDifficulty, "difficulty", true),
            b(Browse, &[Key::ch('L')], Action::CycleLevelFilter, "level", true),
            b(Browse, &[Key::ch('K')], Action::CycleKind, "kind", true),
            b(Browse, &[Key::ch('1')], Action::Level(Level::Junior), "junior answer", false),
            b(Browse, &[Key::ch('2')], Action::Level(Level::Mid), "mid answer", false),
            b(Browse, &[Key::ch('3')], Action::Level(Level::Senior), "senior answer", false),
            b(Browse, &[Key::code(K::PageUp)], Action::PageUp, "scroll up", false),
            b(Browse, &[Key::code(K::PageDown)], Action::PageDown, "scroll down", false),
            b(Browse, &[Key::code(K::Enter)], Action::Enter, "timed round", true),
            b(Browse, &[Key::ch('c')], Action::Cram, "cram round", false),
            // Filter
            b(Filter, &[Key::code(K::Enter), Key::code(K::Esc), Key::code(K::Down)], Action::FilterDone, "done", true),
            b(Filter, &[Key::ctrl('c')], Action::Quit, "quit", false),
            // Overlays
            b(
                Help,
                &[Key::code(K::Esc), Key::ch('?'), Key::ch('q'), Key::code(K::Enter)],
                Action::Cancel,
                "close",
                true,
            ),
            b(Confirm, &[Key::ch('y'), Key::code(K::Enter)], Action::ConfirmQuit, "quit", true),
            b(
                Skipped,
                &[Key::code(K::Esc), Key::code(K::Enter), Key::ch('a'), Key::ch('q')],
                Action::Cancel,
                "close",
                true,
            ),
            b(Skipped, &up, Action::ScrollUp, "scroll up", false),
            b(Skipped, &down, Action::ScrollDown, "scroll down", false),
            b(Skipped, &[Key::code(K::PageUp)], Action::PageUp, "page up", false),
            b(Skipped, &[Key::code(K::PageDown)], Action::PageDown, "page down", true),
            b(Confirm, &[Key::ch('n'), Key::code(K::Esc), Key::ch('q')], Action::Cancel, "stay", true),
        ];
        Keymap { bindings }
    }
}

/// The actions the config's `[keys]` may rebind, by the name it uses: the
/// one table of action names. The config parser's vocabulary, its "did
/// you mean", and [`Keymap::from_config`] all come from it.
pub const REMAPPABLE: &[(&str, Action)] = &[
    ("help", Action::Help),
    ("quit", Action::Quit),
    ("up", Action::Up),
    ("down", Action::Down),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page-up", Action::PageUp),
    ("page-down", Action::PageDown),
    ("left", Action::Left),
    ("right", Action::Right),
    ("enter", Action::Enter),
    ("edit", Action::Edit),
    ("leave-editor", Action::LeaveEditor),
    ("reveal", Action::Reveal),
    ("pause", Action::Pause),
    ("skip", Action::Skip),
    ("junior", Action::Level(Level::Junior)),
    ("mid", Action::Level(Level::Mid)),
    ("senior", Action::Level(Level::Senior)),
    ("toggle", Action::Toggle),
    ("mistake", Action::NextMistake),
    ("follow-up", Action::NextFollowUp),
    ("restart", Action::Restart),
    ("more", Action::CountUp),
    ("fewer", Action::CountDown),
    ("level", Action::CycleLevel),
    ("time", Action::CycleTime),
    ("browse", Action::Browse),
    ("review", Action::Review),
    ("stats", Action::Stats),
    ("filter", Action::Filter),
    ("difficulty", Action::CycleDifficulty),
    ("level-filter", Action::CycleLevelFilter),
    ("kind", Action::CycleKind),
    ("next-pane", Action::FocusNext),
    ("done", Action::Reveal),
    ("next-stage", Action::NextStage),
    ("hint", Action::Hint),
    ("cram", Action::Cram),
    ("next-question", Action::NextQuestion),
    ("today", Action::Today),
    ("misses", Action::DrillMisses),
];

/// The names of [`REMAPPABLE`], for the config parser.
pub fn action_names() -> Vec<&'static str> {
    REMAPPABLE.iter().map(|(name, _)| *name).collect()
}

/// The config's name for a binding's action, when it can be remapped.
/// Leaving the end and stats screens is bound to Enter and Esc for good:
/// remapping "quit" must not take those away.
fn remap_name(context: Context, action: &Action) -> Option<&'static str> {
    if *action == Action::Quit && matches!(context, Context::End | Context::Stats | Context::Break) {
        return None;
    }
    // In a mock and a staged round the same action ends an answer without
    // revealing anything: it has its own name, so each can be remapped.
    if *action == Action::Reveal && matches!(context, Context::Interview | Context::Stage) {
        return Some("done");
    }
    REMAPPABLE.iter().find(|(_, a)| a == action).map(|(name, _)| *name)
}

impl Key {
    /// A key from the config's spelling.
    pub fn from_spec(spec: &KeySpec) -> Key {
        let code = match spec.key {
            KeyName::Char(c) => KeyCode::Char(c),
            KeyName::F(n) => KeyCode::F(n),
            KeyName::Named(named) => match named {
                NamedKey::Enter => KeyCode::Enter,
                NamedKey::Esc => KeyCode::Esc,
                NamedKey::Tab => KeyCode::Tab,
                NamedKey::Space => KeyCode::Char(' '),
                NamedKey::Backspace => KeyCode::Backspace,
                NamedKey::Up => KeyCode::Up,
                NamedKey::Down => KeyCode::Down,
                NamedKey::Left => KeyCode::Left,
                NamedKey::Right => KeyCode::Right,
                NamedKey::Home => KeyCode::Home,
                NamedKey::End => KeyCode::End,
                NamedKey::PageUp => KeyCode::PageUp,
                NamedKey::PageDown => KeyCode::PageDown,
            },
        };
        let mods = if spec.ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
        Key { code, mods }
    }
}

impl Keymap {
    /// The default bindings with the config's key style and remaps.
    pub fn from_config(config: &Config) -> Keymap {
        let mut km = Keymap::default();
        if config.key_style == KeyStyle::Arrows {
            let vim = ['h', 'j', 'k', 'l', 'g', 'G'];
            for b in &mut km.bindings {
                let movement = matches!(
                    b.action,
                    Action::Up
                        | Action::Down
                        | Action::Left
                        | Action::Right
                        | Action::Top
                        | Action::Bottom
                        | Action::ScrollUp
                        | Action::ScrollDown
                );
                if movement {
                    b.keys.retain(|k| !vim.iter().any(|c| k.code == KeyCode::Char(*c) && k.mods == KeyModifiers::NONE));
                }
            }
        }
        for (name, specs) in &config.remaps {
            let keys: Vec<Key> = specs.iter().map(Key::from_spec).collect();
            for b in &mut km.bindings {
                if remap_name(b.context, &b.action) == Some(name.as_str()) {
                    b.keys = keys.clone();
                    // Ctrl-c always quits, whatever the remaps: there is
                    // always a way out, even from the editor.
                    if b.action == Action::Quit && !b.keys.contains(&CTRL_C) {
                        b.keys.push(CTRL_C);
                    }
                }
            }
        }
        km.bindings.retain(|b| !b.keys.is_empty());
        km
    }

    /// Remaps that would take a key from another action where both apply
    /// (`reveal = "p"` on the question screen, where `p` pauses): for each,
    /// the remapped action's name and what is wrong.
    pub fn clashes(config: &Config) -> Vec<(String, String)> {
        let km = Keymap::from_config(config);
        let mut out: Vec<(String, String)> = Vec::new();
        for (name, _) in &config.remaps {
            let mine = km.bindings.iter().filter(|b| remap_name(b.context, &b.action) == Some(name.as_str()));
            for b in mine {
                for key in b.keys.iter().filter(|k| **k != CTRL_C) {
                    let other = km.bindings.iter().find(|o| {
                        o.action != b.action
                            && o.keys.contains(key)
                            && (o.context == b.context
                                || (o.context == Context::Global && b.context.sees_global())
                                || (b.context == Context::Global && o.context.sees_global()))
                    });
                    if let Some(o) = other {
                        let context = if o.context == Context::Global { b.context } else { o.context };
                        let message = format!(
                            "`{}` for `{name}` is already {} ({}); choose another key",
                            key.label(),
                            o.label,
                            context.title()
                        );
                        if !out.iter().any(|(n, m)| n == name && *m == message) {
                            out.push((name.clone(), message));
                        }
                    }
                }
            }
        }
        out
    }

    /// The action for a key in a context: where text is typed, a printable
    /// key is always text (no remap can turn a letter of an answer into a
    /// command); otherwise the context's own bindings first, then global
    /// ones, then text.
    pub fn action(&self, context: Context, ev: &KeyEvent) -> Option<Action> {
        let printable =
            matches!(ev.code, KeyCode::Char(_)) && !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if printable {
            match context {
                Context::Editor => return Some(Action::EditorKey(*ev)),
                Context::Filter => return Some(Action::FilterKey(*ev)),
                _ => {}
            }
        }
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.iter().any(|k| k.matches(ev)))
                .map(|b| b.action.clone())
        };
        if let Some(a) = find(context) {
            return Some(a);
        }
        // Suspending works everywhere, even while typing.
        if Key::ctrl('z').matches(ev) {
            return Some(Action::Suspend);
        }
        match context {
            Context::Editor => Some(Action::EditorKey(*ev)),
            Context::Filter => Some(Action::FilterKey(*ev)),
            Context::Help | Context::Confirm | Context::Skipped => None,
            _ => find(Context::Global),
        }
    }

    /// Bindings of one context, in order.
    pub fn of(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// Footer hints for a context: `(keys, label)` pairs.
    pub fn footer(&self, context: Context) -> Vec<(String, &'static str)> {
        let global = if context.takes_text() || matches!(context, Context::Help | Context::Confirm | Context::Skipped) {
            Vec::new()
        } else {
            self.of(Context::Global).filter(|b| b.footer).collect()
        };
        self.of(context).filter(|b| b.footer).chain(global).map(|b| (keys_label(b), b.label)).collect()
    }

    /// Sections for the help overlay: context title, then `(keys, label)`;
    /// the section for `first` (where the user is) leads.
    pub fn help(&self, first: Context) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        use Context::*;
        let mut order = vec![first];
        order.extend(
            [
                Global, Home, Asking, Interview, Stage, Rating, Editor, Paused, Revealed, End, Break, Misses, Host,
                HostRating, Skipped, Browse, Filter, Stats,
            ]
            .into_iter()
            .filter(|c| *c != first),
        );
        order.into_iter().map(|c| (c.title(), self.of(c).map(|b| (keys_label(b), b.label)).collect())).collect()
    }
}

fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn context_first_then_global() {
        let km = Keymap::default();
        assert_eq!(km.action(Context::Asking, &key('r')), Some(Action::Reveal));
        assert_eq!(km.action(Context::Asking, &key('q')), Some(Action::Quit));
        assert_eq!(km.action(Context::Revealed, &key('2')), Some(Action::Level(Level::Mid)));
        assert_eq!(km.action(Context::Home, &key('z')), None);
    }

    #[test]
    fn text_contexts_take_printable_keys() {
        let km = Keymap::default();
        assert_eq!(km.action(Context::Editor, &key('q')), Some(Action::EditorKey(key('q'))));
        assert_eq!(km.action(Context::Editor, &key('?')), Some(Action::EditorKey(key('?'))));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(km.action(Context::Editor, &esc), Some(Action::LeaveEditor));
        assert_eq!(km.action(Context::Filter, &key('r')), Some(Action::FilterKey(key('r'))));
    }

    #[test]
    fn every_config_action_name_is_bound() {
        let km = Keymap::default();
        for name in action_names() {
            assert!(
                km.bindings.iter().any(|b| remap_name(b.context, &b.action) == Some(name)),
                "{name} is bound nowhere"
            );
        }
    }

    #[test]
    fn remaps_and_arrow_style() {
        let config = Config {
            key_style: KeyStyle::Arrows,
            remaps: vec![(
                "reveal".into(),
                vec![KeySpec { key: KeyName::Char('R'), ctrl: false }, KeySpec { key: KeyName::F(2), ctrl: false }],
            )],
            ..Config::default()
        };
        let km = Keymap::from_config(&config);
        assert_eq!(km.action(Context::Asking, &key('R')), Some(Action::Reveal));
        assert_eq!(km.action(Context::Asking, &KeyEvent::from(KeyCode::F(2))), Some(Action::Reveal));
        assert_eq!(km.action(Context::Asking, &key('r')), None);
        assert_eq!(km.action(Context::Revealed, &key('j')), None, "vim keys are off");
        assert_eq!(km.action(Context::Revealed, &KeyEvent::from(KeyCode::Down)), Some(Action::Down));
        assert_eq!(km.footer(Context::Asking)[1], ("R/F2".to_string(), "reveal"));
    }

    #[test]
    fn shifted_letters_match() {
        let km = Keymap::default();
        let big_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.action(Context::Browse, &big_g), Some(Action::Bottom));
    }

    #[test]
    fn footer_and_help_come_from_the_bindings() {
        let km = Keymap::default();
        let footer = km.footer(Context::Asking);
        assert_eq!(footer[0], ("i/Enter".to_string(), "edit answer"));
        assert!(footer.iter().any(|(k, l)| k == "?" && *l == "help"));
        assert!(km.footer(Context::Editor).iter().all(|(k, _)| k != "?"));
        let help = km.help(Context::Revealed);
        assert_eq!(help[0].0, "Model answers");
        let total: usize = help.iter().map(|(_, b)| b.len()).sum();
        assert_eq!(
            total,
            km.bindings.iter().filter(|b| !matches!(b.context, Context::Help | Context::Confirm)).count()
        );
    }

    fn remap(name: &str, keys: &[KeySpec]) -> Config {
        Config { remaps: vec![(name.into(), keys.to_vec())], ..Config::default() }
    }

    fn spec(s: &str) -> KeySpec {
        KeySpec::parse(s).unwrap()
    }

    /// `quit = "x"` made typing "proxy" quit; `quit = "F5"` left no way out
    /// of the editor.
    #[test]
    fn letters_are_text_where_text_is_typed_and_ctrl_c_always_quits() {
        let km = Keymap::from_config(&remap("quit", &[spec("x")]));
        assert_eq!(km.action(Context::Editor, &key('x')), Some(Action::EditorKey(key('x'))));
        assert_eq!(km.action(Context::Filter, &key('x')), Some(Action::FilterKey(key('x'))));
        assert_eq!(km.action(Context::Asking, &key('x')), Some(Action::Quit), "a command where no text is typed");
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let km = Keymap::from_config(&remap("quit", &[spec("F5")]));
        for context in [Context::Editor, Context::Filter, Context::Asking, Context::Home] {
            assert_eq!(km.action(context, &ctrl_c), Some(Action::Quit), "{context:?}");
        }
        assert_eq!(km.action(Context::Asking, &key('q')), None, "q was given up for F5");
    }

    #[test]
    fn a_remap_that_takes_another_actions_key_is_a_clash() {
        let clashes = Keymap::clashes(&remap("reveal", &[spec("p")]));
        assert_eq!(
            clashes,
            [("reveal".to_string(), "`p` for `reveal` is already pause (Question); choose another key".to_string())]
        );
        let clashes = Keymap::clashes(&remap("reveal", &[spec("q")]));
        assert_eq!(
            clashes,
            [("reveal".to_string(), "`q` for `reveal` is already quit (Question); choose another key".to_string())]
        );
        assert!(Keymap::clashes(&remap("reveal", &[spec("R"), spec("F2")])).is_empty());
        assert!(Keymap::clashes(&Config::default()).is_empty(), "the defaults never clash");
    }
}
