//! `drill validate [PATH...] [--strict]`: checks banks and reports every
//! problem; `--strict` adds the writing guide's content rules.

use std::io::Write;
use std::path::PathBuf;

use crate::bank::{self, Bank, source::Files};
use crate::cli::settings::Settings;
use crate::output::Painter;
use crate::text::count;

/// Validates the built-in bank (unless `--no-builtin`), the configured banks
/// and `paths` together, so ids clashing across them are caught too.
pub fn run(settings: &Settings, paths: &[PathBuf], strict: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    // The built-in bank is parsed from its TOML too: that is what validating means.
    let files = Files::new(settings.builtin, super::bank_paths(settings, paths)?);
    // Plain validation keeps no questions: checking must not need the
    // memory of using the bank. The content rules need the questions.
    let mut report = if strict { files.load_onto(Bank::default(), &[]) } else { files.check() };
    if let Some(bank) = report.bank.as_ref().filter(|_| strict) {
        report.diagnostics =
            bank::strict::check(bank, crate::round::policy::time_limit, |i| files.read(i as usize).ok());
    }
    if let Some(err) = super::print_diagnostics(&report, out)? {
        return Err(err.into());
    }
    if !report.diagnostics.is_empty() {
        return Err(crate::Error::Strict { count: report.diagnostics.len() }.into());
    }
    let p = Painter::new(&settings.output);
    let loops = match report.loops {
        0 => String::new(),
        n => format!(" and {}", count(n, "loop", "loops")),
    };
    writeln!(
        out,
        "{} {} in {}{loops} from {}",
        p.good("ok:"),
        count(report.questions, "question", "questions"),
        count(report.topics, "topic", "topics"),
        count(files.len(), "file", "files")
    )?;
    Ok(())
}
