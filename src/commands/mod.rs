//! The commands: one file per command, each orchestrating the layers below
//! (bank, round, history, the front ends). [`dispatch`] picks one from the
//! validated settings.

pub mod export;
pub mod grade;
pub mod history;
pub mod listing;
pub mod plan;
pub mod show;
pub mod validate;

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use clap::CommandFactory;

use crate::bank::load::{self, LoadError, Sources};
use crate::bank::{Bank, Report};
use crate::cli::Cli;
use crate::cli::settings::{Settings, StartSettings, Task};
use crate::history::Store;
use crate::tui::launch;
use crate::{Error, plain};

/// Where the configured bank comes from.
pub fn sources(settings: &Settings) -> Sources<'_> {
    Sources { builtin: settings.builtin, paths: &settings.banks, data_dir: &settings.data_dir }
}

/// Turns a load failure into the user's error, printing every diagnostic
/// of an invalid bank to stderr first.
fn load_failed(err: LoadError) -> anyhow::Error {
    match err {
        LoadError::Source(e) => Error::Source(e).into(),
        LoadError::NoBank => Error::NoBank.into(),
        LoadError::Invalid(report) => match print_diagnostics(&report, &mut std::io::stderr().lock()) {
            Ok(Some(err)) => err.into(),
            Ok(None) => unreachable!("an invalid report has errors"),
            Err(e) => e.into(),
        },
    }
}

/// Prints a report's diagnostics; returns the error to fail with, if any.
pub fn print_diagnostics(report: &Report, out: &mut dyn Write) -> std::io::Result<Option<Error>> {
    for d in &report.diagnostics {
        writeln!(out, "{d}\n")?;
    }
    let errors = report.errors();
    if errors == 0 {
        return Ok(None);
    }
    let mut files: Vec<&str> = report.diagnostics.iter().map(|d| d.path.as_str()).collect();
    files.dedup();
    Ok(Some(Error::BankInvalid { errors, files: files.len() }))
}

/// Loads the configured bank; on any error prints every diagnostic to
/// stderr and fails, so nothing runs on a half-loaded bank.
pub fn load_bank(settings: &Settings) -> anyhow::Result<Bank> {
    load::open(&sources(settings)).map_err(load_failed)
}

/// The ids of the configured bank's questions (all `drill stats` needs).
pub fn bank_ids(settings: &Settings) -> anyhow::Result<std::collections::HashSet<String>> {
    load::ids(&sources(settings)).map_err(load_failed)
}

/// The bank files of the configured banks and `extra`, for `validate`.
pub fn bank_paths(settings: &Settings, extra: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    load::files(settings.builtin, &settings.banks, extra).map_err(load_failed)
}

/// Plain help, when `drill` runs with no command.
pub fn help(out: &mut dyn Write) -> anyhow::Result<()> {
    write!(out, "{}", Cli::command().render_help())?;
    Ok(())
}

/// Shell completions.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> anyhow::Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "drill", out);
    Ok(())
}

/// The man page.
pub fn man(out: &mut dyn Write) -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}

/// A round, a mock, a loop or host mode, as the start settings say; in the
/// interface or in plain mode. `history` is the history when it exists,
/// opened once for the leeches and whatever chose the questions.
fn start_session(
    bank: Bank,
    start: &StartSettings,
    history: Option<Store>,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut with_leeches;
    let start = match leech_ids(history) {
        ids if ids.is_empty() => start,
        ids => {
            with_leeches = start.clone();
            with_leeches.leeches = ids;
            &with_leeches
        }
    };
    if start.host.is_some() {
        return launch::host(bank, start, settings);
    }
    if let Some(id) = start.loop_id.as_deref() {
        let lp = bank.loop_by_id(id).ok_or_else(|| Error::unknown_loop(&bank, id))?.clone();
        return if start.plain {
            plain::loops::run(&bank, &lp, start, settings, out)
        } else {
            launch::run_loop(bank, lp, start, settings)
        };
    }
    if start.plain { plain::start(&bank, start, settings, out) } else { launch::round(bank, start, settings) }
}

/// The history, when there is one: `None` before the first answer is saved.
fn open_history(settings: &Settings) -> Result<Option<Store>, crate::history::StoreError> {
    if !settings.data_dir.join(crate::history::store::FILE).exists() {
        return Ok(None);
    }
    Store::open(&settings.data_dir).map(Some)
}

/// The leeches in the history (none without one: a history that cannot be
/// read is reported by the round itself). The history closes here, before
/// the round's recorder opens it.
fn leech_ids(history: Option<Store>) -> Vec<String> {
    let reviews = history.and_then(|store| store.reviews().ok()).unwrap_or_default();
    crate::history::stats::leeches(&reviews, &|_| true).into_iter().map(|(id, _)| id).collect()
}

/// Runs the command the settings name, writing to `out`.
pub fn dispatch(settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match &settings.task {
        Task::Help => help(out),
        Task::Completions(shell) => completions(*shell, out),
        Task::Man => man(out),
        Task::Validate { paths, strict } => validate::run(settings, paths, *strict, out),
        // Stats need only which questions exist, not their text.
        Task::Stats { scope, format } => {
            let ids = ManuallyDrop::new(bank_ids(settings)?);
            history::stats(&|id| ids.contains(id), scope, *format, settings, out)
        }
        task => {
            // One-shot commands exit right after; freeing thousands of
            // strings first would cost more than the command itself.
            let bank = ManuallyDrop::new(load_bank(settings)?);
            match task {
                Task::Import(path) => history::import(&bank, path, settings, out),
                Task::Plan { interview, minutes, filter, clear, format } => {
                    plan::run(&bank, (*interview, *minutes, filter, *clear), *format, settings, out)
                }
                Task::Today(base) => {
                    let history = open_history(settings)?;
                    match plan::today_session(&bank, base, history.as_ref(), settings)? {
                        Err(message) => {
                            writeln!(out, "{message}")?;
                            Ok(())
                        }
                        Ok(start) => start_session(ManuallyDrop::into_inner(bank), &start, history, settings, out),
                    }
                }
                Task::Start(start) => {
                    let history = open_history(settings).ok().flatten();
                    start_session(ManuallyDrop::into_inner(bank), start, history, settings, out)
                }
                Task::Home => launch::home(ManuallyDrop::into_inner(bank), settings),
                Task::Browse(query) => launch::browse(ManuallyDrop::into_inner(bank), query, settings),
                Task::Topics(format) => listing::topics(&bank, *format, &settings.output, out),
                Task::Loops(format) => listing::loops(&bank, *format, &settings.output, out),
                Task::List(filter, format) => listing::list(&bank, filter, *format, &settings.output, out),
                Task::Search { query, filter, limit, format } => {
                    listing::search(&bank, query, filter, *limit, *format, &settings.output, out)
                }
                Task::Show { id, levels, format } => show::run(&bank, id, levels, *format, &settings.output, out),
                Task::Export { format, out: path, filter } => export::run(&bank, *format, path.as_deref(), filter, out),
                Task::Grade { id, answer_file, format } => {
                    grade::run(&bank, id, answer_file.as_deref(), *format, &settings.output, out)
                }
                Task::History { scope, limit, clear, yes, format } => {
                    history::history(&bank, scope, *limit, (*clear, *yes), *format, settings, out)
                }
                Task::Help | Task::Completions(_) | Task::Man | Task::Validate { .. } | Task::Stats { .. } => {
                    unreachable!("handled above")
                }
            }
        }
    }
}
