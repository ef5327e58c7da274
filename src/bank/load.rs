//! The one way a configured bank is loaded: the built-in bank alone comes
//! pre-parsed from the binary; a large set of user files comes from its
//! cached pre-parsed copy while no file has changed; anything else is
//! parsed (on the built-in bank unless it is left out) and then cached.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::source::{self, Files, SourceError};
use super::{Bank, Report, cache};

/// Where the bank comes from.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// Load the built-in bank first.
    pub builtin: bool,
    /// User bank files and directories, in load order.
    pub paths: &'a [PathBuf],
    /// The data directory, where the cache lives.
    pub data_dir: &'a Path,
}

/// Why no bank could be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A bank path could not be listed.
    #[error(transparent)]
    Source(SourceError),
    /// Nothing to load: no built-in bank and no files.
    #[error("no bank loaded: --no-builtin was given without --bank; add --bank PATH")]
    NoBank,
    /// The files did not validate; the report holds every problem.
    #[error("the bank files have {} errors; `drill validate` lists them", .0.errors())]
    Invalid(Box<Report>),
}

/// The bank files on disk named by `paths` and then `extra`, in load
/// order; fails when there is no bank at all.
pub fn files(builtin: bool, paths: &[PathBuf], extra: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    // A file named twice (a folder and a file in it, a symlink to it) is
    // loaded once, where it first appears: otherwise its ids would clash
    // with themselves.
    let mut seen = std::collections::HashSet::new();
    for path in paths.iter().chain(extra) {
        for file in source::list(path).map_err(LoadError::Source)? {
            let real = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.insert(real) {
                files.push(file);
            }
        }
    }
    if files.is_empty() && !builtin {
        return Err(LoadError::NoBank);
    }
    Ok(files)
}

/// Loads the bank; never a half-loaded one.
pub fn open(from: &Sources<'_>) -> Result<Bank, LoadError> {
    let files = files(from.builtin, from.paths, &[])?;
    if from.builtin && files.is_empty() {
        return Ok(source::builtin_bank());
    }
    let key = cache::key(from.builtin, &files);
    if let Some(bank) = key.as_deref().and_then(|k| cache::load(from.data_dir, k)) {
        return Ok(bank);
    }
    parse_and_cache(from, files, key)
}

/// The ids of the bank's questions: from the cached copy of a large bank
/// without reading its text, else from the loaded bank.
pub fn ids(from: &Sources<'_>) -> Result<HashSet<String>, LoadError> {
    let files = files(from.builtin, from.paths, &[])?;
    let bank = if from.builtin && files.is_empty() {
        source::builtin_bank()
    } else {
        let key = cache::key(from.builtin, &files);
        if let Some(ids) = key.as_deref().and_then(|k| cache::load_ids(from.data_dir, k)) {
            return Ok(ids);
        }
        parse_and_cache(from, files, key)?
    };
    Ok(bank.questions.iter().map(|q| q.id.to_string()).collect())
}

/// Parses the user's bank files (on the built-in bank, unless it is left
/// out) and caches the result under `key`.
fn parse_and_cache(from: &Sources<'_>, files: Vec<PathBuf>, key: Option<Vec<u8>>) -> Result<Bank, LoadError> {
    let (base, base_files) =
        if from.builtin { (source::builtin_bank(), source::builtin()) } else { Default::default() };
    let report = Files::new(false, files).load_onto(base, &base_files);
    if report.errors() > 0 {
        return Err(LoadError::Invalid(Box::new(report)));
    }
    let bank = report.bank.expect("a report without errors has a bank");
    if let Some(key) = key {
        cache::store(from.data_dir, &key, &bank);
    }
    Ok(bank)
}
