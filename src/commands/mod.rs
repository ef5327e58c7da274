//! The non-interactive commands, and loading the bank they share.

pub mod export;
pub mod history;
pub mod listing;
pub mod show;
pub mod validate;

use std::io::Write;

use clap::CommandFactory;

use std::path::PathBuf;

use crate::bank::source::Files;
use crate::bank::{self, Bank, Report};
use crate::cli::Cli;
use crate::settings::Settings;
use crate::{Error, text};

/// The bank files on disk named by every configured bank path and `extra`,
/// in load order; fails when there is no bank at all.
pub fn bank_paths(settings: &Settings, extra: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in settings.banks.iter().chain(extra) {
        files.extend(bank::source::list(path).map_err(Error::Source)?);
    }
    if files.is_empty() && !settings.builtin {
        return Err(Error::NoBank);
    }
    Ok(files)
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
    let files = bank_paths(settings, &[])?;
    if settings.builtin && files.is_empty() {
        return Ok(bank::source::builtin_bank());
    }
    let key = crate::cache::key(settings.builtin, &files);
    if let Some(bank) = key.as_deref().and_then(|k| crate::cache::load(&settings.data_dir, k)) {
        return Ok(bank);
    }
    parse_and_cache(settings, files, key)
}

/// Parses the user's bank files (on the built-in bank, unless
/// `--no-builtin`) and caches the result under `key`.
fn parse_and_cache(settings: &Settings, files: Vec<PathBuf>, key: Option<Vec<u8>>) -> anyhow::Result<Bank> {
    let (base, base_files) =
        if settings.builtin { (bank::source::builtin_bank(), bank::source::builtin()) } else { Default::default() };
    let report = Files::new(false, files).load_onto(base, &base_files);
    if let Some(err) = print_diagnostics(&report, &mut std::io::stderr().lock())? {
        return Err(err.into());
    }
    let bank = report.bank.expect("a report without errors has a bank");
    if let Some(key) = key {
        crate::cache::store(&settings.data_dir, &key, &bank);
    }
    Ok(bank)
}

/// The ids of the configured bank's questions: from the cached copy of a
/// large bank without reading its text, else from the loaded bank.
pub fn bank_ids(settings: &Settings) -> anyhow::Result<std::collections::HashSet<String>> {
    let files = bank_paths(settings, &[])?;
    let bank = if settings.builtin && files.is_empty() {
        bank::source::builtin_bank()
    } else {
        let key = crate::cache::key(settings.builtin, &files);
        if let Some(ids) = key.as_deref().and_then(|k| crate::cache::load_ids(&settings.data_dir, k)) {
            return Ok(ids);
        }
        parse_and_cache(settings, files, key)?
    };
    Ok(bank.questions.iter().map(|q| q.id.to_string()).collect())
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

/// "Did you mean" for an unknown question id.
pub fn unknown_id(bank: &Bank, id: &str) -> Error {
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let hint = match bank::diag::nearest(id, &ids) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => format!("; `drill search {}` finds questions by words", text::sanitize_line(id)),
    };
    Error::UnknownId { id: text::sanitize_line(id), hint }
}
