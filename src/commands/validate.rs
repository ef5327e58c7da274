//! `drill validate [PATH...] [--strict]`: checks banks and reports every
//! problem; `--strict` adds the writing guide's content rules.

use std::io::Write;
use std::path::PathBuf;

use crate::bank;
use crate::output::Painter;
use crate::settings::Settings;

/// Validates the built-in bank (unless `--no-builtin`), the configured banks
/// and `paths` together, so ids clashing across them are caught too.
pub fn run(settings: &Settings, paths: &[PathBuf], strict: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let files = super::sources(settings, paths)?;
    let mut report = bank::load(&files);
    if let Some(bank) = report.bank.as_ref().filter(|_| strict) {
        report.diagnostics = bank::strict::check(bank, &files);
    }
    if let Some(err) = super::print_diagnostics(&report, out)? {
        return Err(err.into());
    }
    if !report.diagnostics.is_empty() {
        return Err(crate::Error::Strict { count: report.diagnostics.len() }.into());
    }
    let bank = report.bank.expect("no errors, so a bank");
    let p = Painter::new(&settings.output);
    writeln!(
        out,
        "{} {} {} in {} {} from {} {}",
        p.good("ok:"),
        bank.questions.len(),
        if bank.questions.len() == 1 { "question" } else { "questions" },
        bank.topics.len(),
        if bank.topics.len() == 1 { "topic" } else { "topics" },
        files.len(),
        if files.len() == 1 { "file" } else { "files" }
    )?;
    Ok(())
}
