//! The full-screen front end's entry points: starting the interface for `drill`, `drill start` and
//! `drill browse`, saving what is graded as it happens, and what is printed
//! once it ends.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jiff::Timestamp;

use crate::Error;
use crate::bank::Bank;
use crate::bank::Level;
use crate::cli::settings::{Settings, StartSettings};
use crate::history::recorder::Recorder;
use crate::history::select::{self, Choice};
use crate::history::{Scope, Store, query, stats};
use crate::round::Clock;
use crate::round::Item;
use crate::round::clock::SystemClock;
use crate::tui::app::{App, HomeData, Setup};
use crate::tui::journal::Journal;
use crate::tui::{self};

fn theme(settings: &Settings) -> tui::theme::Theme {
    tui::theme(settings.tui_color, settings.config.theme)
}

/// The history as the interface's journal: shared, so that what could not
/// be saved is reported after the interface ends, however it ends.
type SharedRecorder = Rc<RefCell<Recorder>>;

impl Journal for SharedRecorder {
    fn new_round(&mut self, seed: u64, cram: bool) {
        self.borrow_mut().new_round(seed, cram);
    }

    fn begin_loop(&mut self, id: &str, title: &str) {
        self.borrow_mut().begin_loop(id, title);
    }

    fn loop_round(&mut self, seed: u64, signal: &str) {
        self.borrow_mut().loop_round(seed, signal);
    }

    fn finish_loop(&mut self, card: &crate::round::scorecard::Scorecard, mono: Duration) {
        self.borrow_mut().finish_loop(card, mono);
    }

    fn record(&mut self, item: &Item, level: Level, mono: Duration) {
        self.borrow_mut().record(item, level, mono);
    }

    fn warning(&self) -> Option<String> {
        self.borrow().warning.clone()
    }
}

/// The shared parts of every entry point, with the history as journal.
fn setup(settings: &Settings, recorder: &SharedRecorder) -> Setup {
    Setup { theme: theme(settings), config: settings.config.clone(), journal: Box::new(Rc::clone(recorder)) }
}

/// A recorder for this run, on the monotonic `clock`.
fn recorder(settings: &Settings, now: Timestamp, clock: &SystemClock) -> SharedRecorder {
    Rc::new(RefCell::new(Recorder::open(&settings.data_dir, now, clock.now(), 0, "tui")))
}

/// Runs `app`, whose journal saves every graded or skipped question the
/// moment it is done (a failure to save shows as a warning and the round
/// goes on); then reports what could not be saved. Returns the final app
/// and the warning still worth printing.
fn run(app: App, recorder: &SharedRecorder, clock: &SystemClock) -> anyhow::Result<(App, Option<String>)> {
    let result = tui::run(app, clock);
    // Also after a signal: the terminal is back, so the message is seen.
    let (lost, unsaved) = {
        let mut recorder = recorder.borrow_mut();
        (recorder.finish(), recorder.unsaved())
    };
    if let Some(lost) = lost {
        crate::note(format_args!("drill: error: {lost}"));
    }
    let app = result?;
    if unsaved > 0 {
        return Err(Error::Unsaved { count: unsaved }.into());
    }
    let warning = app.warning();
    Ok((app, warning))
}

/// The questions a round starts with, or `None` after saying that nothing
/// is due.
fn chosen(
    bank: &Bank,
    start: &StartSettings,
    settings: &Settings,
    now: Timestamp,
) -> anyhow::Result<Option<Vec<crate::bank::Question>>> {
    Ok(match select::choose(bank, start.draw(), &settings.data_dir, now)? {
        Choice::Questions(q) => Some(q.into_iter().cloned().collect()),
        Choice::NothingDue(message) => {
            println!("{message}");
            None
        }
    })
}

/// `drill start` on a terminal: a timed round in the interface.
pub fn round(bank: Bank, start: &StartSettings, settings: &Settings) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let Some(questions) = chosen(&bank, start, settings, now)? else { return Ok(()) };
    let clock = SystemClock::default();
    let recorder = recorder(settings, now, &clock);
    let app = App::round(bank, setup(settings, &recorder), questions, start.clone());
    let (app, warning) = run(app, &recorder, &clock)?;
    if let Some(s) = app.session() {
        let summary = s.round.summary();
        if let Some(mean) = summary.mean_score {
            let graded = summary.items.len() - summary.not_attempted;
            crate::note(format_args!(
                "drill: round done · {} over {graded} of {} questions · replay: {}",
                crate::text::percent(mean),
                summary.items.len(),
                start.replay_command()
            ));
        }
    }
    if let Some(warning) = warning {
        crate::note(format_args!("drill: warning: {warning}"));
    }
    Ok(())
}

/// `drill mock --loop ID` on a terminal: the loop's rounds in order, a
/// break between them, and the scorecard at the end.
pub fn run_loop(bank: Bank, lp: crate::bank::Loop, start: &StartSettings, settings: &Settings) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let clock = SystemClock::default();
    let recorder = recorder(settings, now, &clock);
    let app = App::looping(bank, setup(settings, &recorder), lp, start.clone());
    let (app, warning) = run(app, &recorder, &clock)?;
    if let Some(card) = app.scorecard() {
        crate::note(format_args!(
            "drill: loop done · {} · {} · replay: {}",
            card.title,
            card.recommendation,
            start.replay_command()
        ));
    }
    if let Some(warning) = warning {
        crate::note(format_args!("drill: warning: {warning}"));
    }
    Ok(())
}

/// `drill` with no command on a terminal: the home screen, with the due
/// questions and the stats read from the history.
pub fn home(bank: Bank, settings: &Settings) -> anyhow::Result<()> {
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let seed = rand::random::<u64>();
    let data = home_data(&bank, settings, now);
    let clock = SystemClock::default();
    let recorder = recorder(settings, now, &clock);
    let app = App::home(bank, setup(settings, &recorder), seed, data);
    let (_, warning) = run(app, &recorder, &clock)?;
    if let Some(warning) = warning {
        crate::note(format_args!("drill: warning: {warning}"));
    }
    Ok(())
}

/// What the home screen shows from the history; nothing when there is none.
fn home_data(bank: &Bank, settings: &Settings, now: Timestamp) -> HomeData {
    if !settings.data_dir.join(crate::history::store::FILE).exists() {
        return HomeData::default();
    }
    match Store::open(&settings.data_dir) {
        Ok(store) => {
            let known = |id: &str| bank.get(id).is_some();
            let due = query::due(&store, now, known).unwrap_or_default();
            let stats = stats::stats(&store, &Scope::default(), now, known).ok();
            let today = today_line(bank, &store, now);
            HomeData { due: due.into_iter().map(|(id, _)| id).collect(), stats, problem: None, today }
        }
        Err(e) => HomeData { problem: Some(format!("history unavailable: {e}")), ..HomeData::default() },
    }
}

/// Today's part of the plan in words, and its questions.
fn today_line(bank: &Bank, store: &Store, now: Timestamp) -> Option<crate::tui::app::Today> {
    use crate::history::planner;
    let (plan, _, _) = planner::current(bank, store, now).ok()??;
    let day = plan.days.first().filter(|d| d.date == planner::today(now))?;
    let next_mock = plan.days.iter().skip(1).find(|d| d.mock.is_some()).map(|d| d.date.strftime("%A").to_string());
    let mut summary = format!("Today: {}", planner::describe(day));
    if let Some(when) = next_mock.filter(|_| day.mock.is_none()) {
        summary.push_str(&format!(" · mock on {when}"));
    }
    let ids = if day.mock.is_some() { Vec::new() } else { day.reviews.iter().chain(&day.new).cloned().collect() };
    Some(crate::tui::app::Today { summary, ids })
}

/// `drill mock --host`: the interviewer's view on a terminal, then the
/// feedback sheet, written to `--out` or printed.
pub fn host(bank: Bank, start: &StartSettings, settings: &Settings) -> anyhow::Result<()> {
    if !settings.interactive {
        return Err(Error::NeedsTerminal(
            "mock --host",
            "host mode is a screen for the interviewer; run it in a terminal (the candidate can use `drill mock --plain`)",
        )
        .into());
    }
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let Some(questions) = chosen(&bank, start, settings, now)? else { return Ok(()) };
    // The limits a round would give them.
    let round = crate::round::Round::new(questions, start.round_settings());
    let questions = round.items().iter().map(|i| (i.question.clone(), i.limit)).collect();
    let bank_name = if settings.banks.is_empty() {
        "built-in".to_string()
    } else {
        settings.banks.iter().map(|b| b.display().to_string()).collect::<Vec<_>>().join(", ")
    };
    let clock = SystemClock::default();
    let recorder = recorder(settings, now, &clock);
    let app = App::host(bank, setup(settings, &recorder), questions);
    let (app, _) = run(app, &recorder, &clock)?;
    let Some(h) = app.host_state().filter(|h| h.finished && !h.run.items().is_empty()) else {
        crate::note(format_args!("drill: no question was asked; no feedback sheet written"));
        return Ok(());
    };
    let ended = Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now());
    let sheet = h.run.sheet(&bank_name, ended.to_string());
    let (out, format) = start.host.clone().unwrap_or_default();
    let write = |w: &mut dyn std::io::Write| -> std::io::Result<()> {
        match format {
            crate::cli::args::SheetFormat::Markdown => w.write_all(sheet.markdown().as_bytes()),
            crate::cli::args::SheetFormat::Json => {
                serde_json::to_writer_pretty(&mut *w, &sheet)?;
                writeln!(w)
            }
        }
    };
    match out {
        Some(path) => {
            crate::disk::write_to(&path, crate::disk::Durability::Synced, write)?;
            crate::note(format_args!("drill: feedback sheet written to {} ({})", path.display(), sheet.verdict));
        }
        None => write(&mut std::io::stdout().lock())?,
    }
    Ok(())
}

/// `drill browse [QUERY]`.
pub fn browse(bank: Bank, query: &str, settings: &Settings) -> anyhow::Result<()> {
    if !settings.interactive {
        return Err(Error::NeedsTerminal("browse", "use `drill search QUERY` and `drill show ID` in scripts").into());
    }
    let now = settings.now.unwrap_or_else(Timestamp::now);
    let clock = SystemClock::default();
    let recorder = recorder(settings, now, &clock);
    let app = App::browser(bank, setup(settings, &recorder), query);
    run(app, &recorder, &clock)?;
    Ok(())
}
