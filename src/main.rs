//! The `drill` binary: parse, run, report.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = drill::Cli::parse();
    match drill::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let code = drill::exit_code(&err);
            if code != 0 {
                drill::note(format_args!("drill: {}", drill::text::sanitize(&format!("{err:#}"))));
            }
            ExitCode::from(code)
        }
    }
}
