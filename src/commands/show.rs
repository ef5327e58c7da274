//! `drill show ID`: one question in full.

use std::io::Write;

use crate::bank::{Bank, Level};
use crate::cli::args::Format;
use crate::cli::settings::Output;
use crate::output::prose::print_question;

/// `drill show ID`.
pub fn run(
    bank: &Bank,
    id: &str,
    levels: &[Level],
    format: Format,
    output: &Output,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let q = bank.get(id).ok_or_else(|| crate::Error::unknown_id(bank, id))?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, q)?;
            writeln!(out)?;
        }
        Format::Text => print_question(q, levels, output, out)?,
    }
    Ok(())
}
