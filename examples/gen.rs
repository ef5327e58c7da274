//! Writes synthetic banks and histories for benchmarks and load tests,
//! deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example gen -- bank --questions 10000 --topics 100 --out /tmp/bank10k
//! cargo run --release --example gen -- history --questions 10000 --attempts 100000 --data-dir /tmp/hist
//! ```

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand)]
enum What {
    /// A bank of topic files (about 5.5 KB of TOML per question).
    Bank {
        #[arg(long, default_value_t = 10_000)]
        questions: usize,
        #[arg(long, default_value_t = 100)]
        topics: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Directory to write the files into (created).
        #[arg(long)]
        out: PathBuf,
    },
    /// A year of attempts over a generated bank, into a history.
    History {
        #[arg(long, default_value_t = 10_000)]
        questions: usize,
        #[arg(long, default_value_t = 100)]
        topics: usize,
        #[arg(long, default_value_t = 100_000)]
        attempts: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The data directory (the history is its history.db).
        #[arg(long)]
        data_dir: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Args::parse().what {
        What::Bank { questions, topics, seed, out } => {
            std::fs::create_dir_all(&out)?;
            let mut bytes = 0;
            for (name, text) in drill::synth::bank_files(seed, questions, topics) {
                bytes += text.len();
                std::fs::write(out.join(name), text)?;
            }
            eprintln!("wrote {questions} questions in {topics} files, {bytes} bytes, to {}", out.display());
        }
        What::History { questions, topics, attempts, seed, data_dir } => {
            let bank = drill::synth::bank(seed, questions, topics);
            let mut store = drill::history::Store::open(&data_dir)?;
            drill::synth::history(&mut store, &bank.questions, attempts, jiff::Timestamp::now(), seed)?;
            eprintln!("wrote {attempts} attempts over {questions} questions to {}", store.path().display());
        }
    }
    Ok(())
}
