//! The `drill` binary: parse, run, report.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = drill::Cli::parse();
    match drill::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if drill::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("drill: {}", drill::text::sanitize(&format!("{err:#}")));
            ExitCode::from(1)
        }
    }
}
