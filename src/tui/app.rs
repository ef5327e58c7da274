//! The interface's state and the one function that changes it:
//! `update(&mut App, Action)`. Views only read it.

use std::time::Duration;

use rand::Rng as _;
use rand_chacha::ChaCha8Rng;
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::browse::{self, Browse, Pane};
use super::journal::{Journal, NoJournal};
use super::keymap::{Context, Keymap};
use super::session::Session;
use super::theme::Theme;
use crate::bank::{Bank, Difficulty, Filter, Kind, Level};
use crate::cli::config::Config;
use crate::cli::settings::StartSettings;
use crate::round::{self, Phase};

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Topics and round settings.
    Home,
    /// A round.
    Round,
    /// The browser.
    Browse,
    /// Progress from the history.
    Stats,
    /// Host mode: the interviewer's sheet.
    Host,
    /// The misses drill after a round.
    Misses,
}

/// A dialog or panel over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key, generated from the keymap.
    Help,
    /// "Leave the round?"
    ConfirmQuit,
    /// The model answers of the questions skipped this round.
    Skipped,
}

/// Time per question choices on the home screen; `None` is "by difficulty".
pub const TIME_CHOICES: [Option<u64>; 5] = [None, Some(120), Some(240), Some(360), Some(600)];

/// The home screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    /// Selected row of the topic list (same rows as the browser's).
    pub topic: usize,
    /// Questions per round.
    pub count: usize,
    /// Answer level of rounds; `None` shows each question's own.
    pub level: Option<Level>,
    /// Index into [`TIME_CHOICES`].
    pub time: usize,
    /// A message to show, such as why a round could not start.
    pub notice: Option<String>,
    /// Questions due for review (ids in the bank), most overdue first.
    pub due: Vec<String>,
    /// Progress from the history, for the stats screen.
    pub stats: Option<crate::history::Stats>,
    /// Today's part of the plan, when there is one.
    pub today: Option<Today>,
}

/// What the history says when the home screen opens.
#[derive(Debug, Clone, Default)]
pub struct HomeData {
    /// Questions due for review, most overdue first.
    pub due: Vec<String>,
    /// Progress, for the stats screen.
    pub stats: Option<crate::history::Stats>,
    /// Why the history could not be read, if it could not.
    pub problem: Option<String>,
    /// Today's part of the plan, when there is a plan.
    pub today: Option<Today>,
}

/// Today's part of the plan, for the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    /// "Today: 12 reviews, 3 new (caching, queues) · next mock Thu".
    pub summary: String,
    /// Today's questions (reviews, then new); empty on a mock day.
    pub ids: Vec<String>,
}

/// What every screen shares, given by whoever starts the interface.
pub struct Setup {
    /// Colours.
    pub theme: Theme,
    /// Round defaults, times, key style and remaps.
    pub config: Config,
    /// Where graded questions go.
    pub journal: Box<dyn Journal>,
}

impl Setup {
    /// The default config and no journal: for tests and benchmarks.
    pub fn new(theme: Theme) -> Setup {
        Setup { theme, config: Config::default(), journal: Box::new(NoJournal) }
    }
}

/// Everything the interface shows: the shared parts (bank, clock, keys,
/// colours, overlays) and each screen's own state.
pub struct App {
    /// The loaded bank.
    pub(crate) bank: Bank,
    /// The monotonic time of the last tick.
    pub(crate) now: Duration,
    /// The screen showing.
    pub(crate) screen: Screen,
    /// An overlay, if any.
    pub(crate) overlay: Option<Overlay>,
    /// The context the help overlay was opened from, and its scroll.
    pub(crate) help: (Context, u16),
    /// Home state.
    pub(crate) home: Home,
    /// The round, when one is running or just ended.
    pub(crate) session: Option<Session>,
    /// The browser, once opened.
    pub(crate) browse: Option<Browse>,
    /// Where leaving a round goes; `None` quits the program.
    pub(crate) after_round: Option<Screen>,
    /// Whether the home screen is part of this run (`drill` with no
    /// command); otherwise leaving the first screen quits.
    pub(crate) has_home: bool,
    /// Set when the program should end.
    pub(crate) quit: bool,
    /// Key bindings.
    pub(crate) keymap: Keymap,
    /// Colours.
    pub(crate) theme: Theme,
    /// Limits per difficulty for rounds started here.
    pub(crate) times: [Duration; 3],
    /// A problem of this run to show (the history could not be read).
    problem: Option<String>,
    /// Whether the skipped-answers overlay stopped the clock (and so
    /// restarts it on closing).
    pub(crate) paused_for_skipped: bool,
    /// Where graded questions go.
    journal: Box<dyn Journal>,
    /// How many of the session's graded questions the journal has.
    journaled: usize,
    /// A loop being run, when `drill mock --loop` started the interface.
    pub(crate) looping: Option<super::looping::LoopRun>,
    /// Host mode's session, when `drill mock --host` started the interface.
    pub(crate) host: Option<super::host::Host>,
    /// The misses drill, while it runs.
    pub(crate) misses: Option<super::misses::Misses>,
    rng: ChaCha8Rng,
}

impl App {
    /// The shared parts, on `screen` (for entry points elsewhere in the
    /// interface).
    pub(crate) fn with_screen(bank: Bank, setup: Setup, seed: u64, screen: Screen) -> App {
        App::with(bank, setup, seed, screen)
    }

    /// The journal, for entry points elsewhere in the interface.
    pub(crate) fn journal_mut(&mut self) -> &mut dyn Journal {
        self.journal.as_mut()
    }

    /// A new session starts: none of its questions are journaled yet.
    pub(crate) fn reset_journaled(&mut self) {
        self.journaled = 0;
    }

    /// The shared parts, on `screen`.
    fn with(bank: Bank, setup: Setup, seed: u64, screen: Screen) -> App {
        let config = &setup.config;
        App {
            bank,
            now: Duration::ZERO,
            screen,
            overlay: None,
            help: (Context::Home, 0),
            home: Home {
                topic: 0,
                count: config.count.unwrap_or(5),
                level: config.level,
                time: 0,
                notice: None,
                due: Vec::new(),
                stats: None,
                today: None,
            },
            session: None,
            browse: None,
            after_round: Some(Screen::Home),
            has_home: screen == Screen::Home,
            quit: false,
            keymap: Keymap::from_config(config),
            theme: setup.theme,
            times: config.times(),
            problem: None,
            paused_for_skipped: false,
            journal: setup.journal,
            journaled: 0,
            looping: None,
            host: None,
            misses: None,
            rng: round::draw::seeded(seed),
        }
    }

    /// `drill` with no command: the home screen, with what the history
    /// says. `seed` seeds the rounds started from it.
    pub fn home(bank: Bank, setup: Setup, seed: u64, data: HomeData) -> App {
        let mut app = App::with(bank, setup, seed, Screen::Home);
        app.home.due = data.due;
        app.home.stats = data.stats;
        app.home.today = data.today;
        app.problem = data.problem;
        app
    }

    /// `drill start`: one round, and the program ends when it is left.
    pub fn round(bank: Bank, setup: Setup, questions: Vec<crate::bank::Question>, start: StartSettings) -> App {
        let mut app = App::with(bank, setup, start.seed, Screen::Round);
        app.begin(questions, start);
        app.after_round = None;
        app
    }

    /// `drill browse`: the browser, and the program ends when it is left.
    pub fn browser(bank: Bank, setup: Setup, query: &str) -> App {
        let mut app = App::with(bank, setup, 0, Screen::Browse);
        app.browse = Some(Browse::new(&app.bank, query));
        app
    }

    /// The action a key asks for where the user is.
    pub fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        self.keymap.action(self.context(), key)
    }

    /// Whether the user has left.
    pub fn has_quit(&self) -> bool {
        self.quit
    }

    /// The round, when one is running or just ended.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The browser, once opened.
    pub fn browser_state(&self) -> Option<&Browse> {
        self.browse.as_ref()
    }

    /// A problem to show under the screen: answers not being saved, or a
    /// history that could not be read.
    pub fn warning(&self) -> Option<String> {
        self.journal.warning().or_else(|| self.problem.clone())
    }

    /// Hands newly graded questions of the session to the journal.
    fn journal_graded(&mut self) {
        let Some(s) = &self.session else { return };
        while self.journaled < s.graded.len() {
            let graded = &s.graded[self.journaled];
            self.journal.record(&s.round.items()[graded.index], graded.level, self.now);
            self.journaled += 1;
        }
    }

    /// Where the user is, for the keymap.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::ConfirmQuit) => return Context::Confirm,
            Some(Overlay::Skipped) => return Context::Skipped,
            None => {}
        }
        match self.screen {
            Screen::Home => Context::Home,
            Screen::Stats => Context::Stats,
            Screen::Misses => match self.misses.as_ref() {
                Some(m) if m.editing => Context::Editor,
                _ => Context::Misses,
            },
            Screen::Host => match self.host.as_ref() {
                Some(h) if h.editing => Context::Editor,
                Some(h) if h.run.rating() => Context::HostRating,
                _ => Context::Host,
            },
            Screen::Browse if self.browse.as_ref().is_some_and(|b| b.typing) => Context::Filter,
            Screen::Browse => Context::Browse,
            Screen::Round => match self.session.as_ref().and_then(Session::phase) {
                None if self.in_loop_break() => Context::Break,
                None => Context::End,
                Some(Phase::Asking) if self.session.as_ref().is_some_and(|s| s.editing) => Context::Editor,
                Some(Phase::Asking | Phase::Pending | Phase::Answered) => {
                    let s = self.session.as_ref().expect("a phase comes from a session");
                    match s.round.current().map(|i| i.step) {
                        Some(crate::round::Step::Stage(_)) => Context::Stage,
                        _ if s.round.is_mock() => Context::Interview,
                        _ => Context::Asking,
                    }
                }
                Some(Phase::Rating) => Context::Rating,
                Some(Phase::Paused) => Context::Paused,
                Some(Phase::Revealed) if self.session.as_ref().is_some_and(|s| s.editing) => Context::Editor,
                Some(Phase::Revealed | Phase::Done) => Context::Revealed,
            },
        }
    }

    /// The home screen's topic rows (the same rows as the browser's).
    pub fn topic_rows(&self) -> Vec<browse::TopicRow> {
        browse::topic_rows(&self.bank)
    }

    fn start_from_home(&mut self) {
        let rows = self.topic_rows();
        let name = rows.get(self.home.topic).map(|r| r.name.clone()).unwrap_or_default();
        let topics = if name.is_empty() { vec![] } else { vec![name] };
        let start = StartSettings {
            time: TIME_CHOICES[self.home.time].map(Duration::from_secs),
            level: self.home.level,
            seed: self.rng.next_u64() % 1_000_000,
            ..StartSettings::new(Filter { topics, ..Filter::default() }, self.home.count, self.times)
        };
        let questions: Vec<_> =
            round::draw(&self.bank, &start.filter, start.count, start.seed).into_iter().cloned().collect();
        if questions.is_empty() {
            self.home.notice = Some("No questions in this topic.".into());
            return;
        }
        self.begin(questions, start);
        self.after_round = Some(Screen::Home);
    }

    /// Starts a round on `questions`.
    fn begin(&mut self, questions: Vec<crate::bank::Question>, start: StartSettings) {
        self.journal.new_round(start.seed, start.cram);
        self.session = Some(Session::new(questions, start, self.now));
        self.journaled = 0;
        self.screen = Screen::Round;
    }

    /// Starts today's questions from the plan.
    fn start_today(&mut self) {
        let Some(today) = self.home.today.clone() else {
            self.home.notice = Some("No plan yet: `drill plan --interview DATE` makes one.".into());
            return;
        };
        let questions: Vec<_> = today.ids.iter().filter_map(|id| self.bank.get(id)).cloned().collect();
        if questions.is_empty() {
            self.home.notice = Some("Today is a mock day: run `drill today`.".into());
            return;
        }
        let start = StartSettings {
            ids: today.ids.clone(),
            ..StartSettings::new(Filter::default(), questions.len(), self.times)
        };
        self.begin(questions, start);
        self.after_round = Some(Screen::Home);
    }

    /// Starts a review of the due questions, most overdue first.
    fn start_review(&mut self) {
        let questions: Vec<_> =
            self.home.due.iter().filter_map(|id| self.bank.get(id)).take(self.home.count).cloned().collect();
        if questions.is_empty() {
            self.home.notice = Some("Nothing is due for review.".into());
            return;
        }
        let taken: Vec<String> = questions.iter().map(|q| q.id.to_string()).collect();
        self.home.due.retain(|id| !taken.contains(id));
        let start = StartSettings {
            time: TIME_CHOICES[self.home.time].map(Duration::from_secs),
            level: self.home.level,
            due: true,
            ..StartSettings::new(Filter::default(), questions.len(), self.times)
        };
        self.begin(questions, start);
        self.after_round = Some(Screen::Home);
    }

    /// A one-question round on the browser's question; a cram round
    /// leaves the review schedule alone.
    fn start_from_browser(&mut self, cram: bool) {
        let Some(q) = self.browse.as_ref().and_then(|b| b.current(&self.bank)).cloned() else { return };
        let start = StartSettings {
            cram,
            ..StartSettings::new(Filter { topics: vec![q.topic.to_string()], ..Filter::default() }, 1, self.times)
        };
        self.begin(vec![q], start);
        self.after_round = Some(Screen::Browse);
    }

    fn leave_round(&mut self) {
        match self.after_round {
            Some(screen) => {
                self.screen = screen;
                self.session = None;
            }
            None => self.quit = true,
        }
    }

    /// Whether a mock is still asking (not yet in its debrief).
    fn mock_asking(&self) -> bool {
        self.session.as_ref().is_some_and(|s| {
            s.round.is_mock() && matches!(s.phase(), Some(Phase::Asking | Phase::Paused | Phase::Rating))
        })
    }

    /// Whether leaving now would drop an answer in progress.
    fn round_in_progress(&self) -> bool {
        self.screen == Screen::Round && self.session.as_ref().is_some_and(|s| s.phase().is_some())
    }
}

/// Applies one action; whatever it graded goes to the journal at once.
pub fn update(app: &mut App, action: Action) {
    apply(app, action);
    app.journal_graded();
    app.follow_loop();
}

fn apply(app: &mut App, action: Action) {
    if let Action::Tick(now) = action {
        app.now = app.now.max(now);
        if let Some(s) = app.session.as_mut().filter(|_| app.overlay != Some(Overlay::ConfirmQuit)) {
            s.tick(app.now);
        }
        return;
    }
    match (app.overlay, &action) {
        (Some(Overlay::Skipped), Action::Cancel) => {
            app.overlay = None;
            // The clock was stopped while the answers were read.
            if std::mem::take(&mut app.paused_for_skipped)
                && let Some(s) = app.session.as_mut().filter(|s| s.phase() == Some(Phase::Paused))
            {
                s.round.toggle_pause(app.now);
            }
            return;
        }
        (Some(_), Action::Cancel) => {
            app.overlay = None;
            return;
        }
        (Some(Overlay::ConfirmQuit), Action::ConfirmQuit) => {
            app.overlay = None;
            app.leave_round();
            return;
        }
        (Some(Overlay::Skipped), Action::ScrollDown | Action::PageDown) => {
            let by = if action == Action::PageDown { 10 } else { 1 };
            app.help.1 = app.help.1.saturating_add(by);
            return;
        }
        (Some(Overlay::Skipped), Action::ScrollUp | Action::PageUp) => {
            let by = if action == Action::PageUp { 10 } else { 1 };
            app.help.1 = app.help.1.saturating_sub(by);
            return;
        }
        (None, Action::ShowSkipped) => {
            let Some(s) = app.session.as_mut() else { return };
            if s.skipped().is_empty() {
                return;
            }
            // Reading what was skipped does not cost the next question time.
            if s.phase() == Some(Phase::Asking) {
                s.round.toggle_pause(app.now);
                s.editing = false;
                app.paused_for_skipped = true;
            }
            app.help.1 = 0;
            app.overlay = Some(Overlay::Skipped);
            return;
        }
        (Some(Overlay::Help), Action::ScrollDown) => {
            app.help.1 = app.help.1.saturating_add(1).min(200);
            return;
        }
        (Some(Overlay::Help), Action::ScrollUp) => {
            app.help.1 = app.help.1.saturating_sub(1);
            return;
        }
        (Some(_), _) => return,
        (None, Action::Help) => {
            app.help = (app.context(), 0);
            app.overlay = Some(Overlay::Help);
            return;
        }
        (None, Action::Quit) => {
            match app.screen {
                Screen::Host => super::host::quit(app),
                Screen::Misses => super::misses::quit(app),
                // Leaving a mock mid-question loses nothing: what was
                // answered goes straight to the debrief.
                Screen::Round if app.mock_asking() => {
                    if let Some(s) = app.session.as_mut() {
                        s.sync_answer();
                        s.round.end_asking(app.now);
                        s.editing = false;
                        s.follow_round();
                    }
                }
                Screen::Round if app.round_in_progress() => app.overlay = Some(Overlay::ConfirmQuit),
                // Leaving a loop at a break ends it there, on its scorecard.
                Screen::Round if app.in_loop_break() => app.finish_loop(),
                Screen::Round => app.leave_round(),
                Screen::Browse | Screen::Stats if app.has_home => app.screen = Screen::Home,
                _ => app.quit = true,
            }
            return;
        }
        _ => {}
    }
    match app.screen {
        Screen::Home => update_home(app, action),
        Screen::Round => update_round(app, action),
        Screen::Browse => update_browse(app, action),
        Screen::Stats => {}
        Screen::Host => super::host::update(app, action),
        Screen::Misses => super::misses::update(app, action),
    }
}

fn update_home(app: &mut App, action: Action) {
    let rows = app.topic_rows().len();
    let h = &mut app.home;
    h.notice = None;
    match action {
        Action::Up => h.topic = browse::step(h.topic, -1, rows),
        Action::Down => h.topic = browse::step(h.topic, 1, rows),
        Action::Top => h.topic = 0,
        Action::Bottom => h.topic = rows.saturating_sub(1),
        Action::CountUp => h.count = (h.count + 1).min(50),
        Action::CountDown => h.count = h.count.saturating_sub(1).max(1),
        Action::CycleLevel => h.level = browse::cycle(h.level, Level::ALL),
        Action::CycleTime => h.time = (h.time + 1) % TIME_CHOICES.len(),
        Action::Enter => app.start_from_home(),
        Action::Review => app.start_review(),
        Action::Today => app.start_today(),
        Action::Stats => app.screen = Screen::Stats,
        Action::Browse | Action::Filter => {
            let browse = app.browse.get_or_insert_with(|| Browse::new(&app.bank, ""));
            // `/` on home goes straight to typing the browser's filter.
            browse.typing = action == Action::Filter;
            app.screen = Screen::Browse;
        }
        _ => {}
    }
}

fn update_round(app: &mut App, action: Action) {
    let now = app.now;
    let Some(s) = app.session.as_mut() else { return };
    if s.phase().is_none() {
        if app.looping.is_some() {
            match action {
                Action::DrillMisses => app.start_misses(),
                Action::Enter => app.next_loop_round(),
                Action::Restart => app.restart_loop(),
                Action::ScrollUp => s.scroll_by(-1),
                Action::ScrollDown => s.scroll_by(1),
                _ => {}
            }
            return;
        }
        if action == Action::DrillMisses {
            app.start_misses();
            return;
        }
        if action == Action::Restart {
            let (questions, start) = (s.round.items().iter().map(|i| i.question.clone()).collect(), s.start.clone());
            app.begin(questions, start);
            return;
        }
        match action {
            Action::ScrollUp => s.scroll_by(-1),
            Action::ScrollDown => s.scroll_by(1),
            _ => {}
        }
        return;
    }
    match action {
        Action::EditorKey(key) => s.type_key(key),
        Action::Paste(text) => s.paste(&text),
        Action::LeaveEditor => s.leave_editor(),
        Action::Edit => s.editing = s.phase() == Some(Phase::Asking),
        Action::Reveal => s.reveal(now),
        Action::NextStage => s.next_stage(now),
        Action::Hint => {
            s.round.take_hint();
        }
        Action::Rate(n) => s.rate(n, now),
        Action::Pause => {
            s.round.toggle_pause(now);
            s.editing = false;
        }
        Action::Skip => s.skip(now),
        Action::Level(level) => s.level = level,
        Action::Left => s.level = Level::ALL[browse::step(s.level as usize, -1, 3)],
        Action::Right => s.level = Level::ALL[browse::step(s.level as usize, 1, 3)],
        Action::Up => s.move_point(false),
        Action::Down => s.move_point(true),
        Action::Toggle => s.toggle(),
        Action::NextMistake => s.next_mistake(),
        Action::NextFollowUp => s.next_follow_up(),
        Action::PageUp => s.scroll_by(-10),
        Action::PageDown => s.scroll_by(10),
        Action::Enter => s.grade(now),
        _ => {}
    }
}

fn update_browse(app: &mut App, action: Action) {
    if matches!(action, Action::Enter | Action::Cram) {
        app.start_from_browser(action == Action::Cram);
        return;
    }
    let bank = &app.bank;
    let Some(b) = app.browse.as_mut() else { return };
    match action {
        Action::Filter => {
            b.typing = true;
            b.focus = Pane::Questions;
        }
        Action::FilterKey(key) => b.type_key(bank, key),
        Action::Paste(text) if b.typing => b.paste(bank, &text),
        Action::FilterDone => b.typing = false,
        Action::Up => b.step(bank, -1),
        Action::Down => b.step(bank, 1),
        Action::Top => b.step(bank, isize::MIN / 2),
        Action::Bottom => b.step(bank, isize::MAX / 2),
        Action::PageUp => b.scroll_by(-10),
        Action::PageDown => b.scroll_by(10),
        Action::FocusNext => {
            b.focus = match b.focus {
                Pane::Topics => Pane::Questions,
                Pane::Questions => Pane::Detail,
                Pane::Detail => Pane::Topics,
            }
        }
        Action::Left => {
            b.focus = match b.focus {
                Pane::Detail => Pane::Questions,
                _ => Pane::Topics,
            }
        }
        Action::Right => {
            b.focus = match b.focus {
                Pane::Topics => Pane::Questions,
                _ => Pane::Detail,
            }
        }
        Action::Level(level) => b.level = level,
        Action::CycleDifficulty => {
            b.difficulty = browse::cycle(b.difficulty, Difficulty::ALL);
            b.refresh(bank);
        }
        Action::CycleLevelFilter => {
            b.level_filter = browse::cycle(b.level_filter, Level::ALL);
            b.refresh(bank);
        }
        Action::CycleKind => {
            b.kind = browse::cycle(b.kind, Kind::ALL);
            b.refresh(bank);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
