//! The command line as clap sees it: raw flags only. [`super::settings`]
//! turns them into a validated [`crate::cli::settings::Settings`].

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::bank::{Difficulty, Kind, Level, TimeLimit};

/// Timed mock rounds for backend-engineering interviews.
#[derive(Debug, Parser)]
#[command(name = "drill", version, about, long_about = None, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Start with `drill topics`, then `drill start --topic backend`.")]
pub struct Cli {
    /// Extra bank file or directory, loaded after the built-in bank
    /// (repeatable; DRILL_BANK may hold several, separated like PATH).
    #[arg(long, global = true, value_name = "PATH")]
    pub bank: Vec<PathBuf>,

    /// Do not load the built-in bank.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Where history lives (default: the platform's data directory)
    /// [env: DRILL_DATA_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The time drill takes as now (RFC 3339), for tests and replays.
    #[arg(long, global = true, env = "DRILL_NOW", hide = true, value_parser = parse_timestamp)]
    pub now: Option<jiff::Timestamp>,

    /// Config file (default: drill/config.toml in the platform's config
    /// directory, when it exists) [env: DRILL_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// What to do; without one, help is shown.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a timed mock round.
    Start(StartArgs),
    /// Review the questions that are due (`start --due`).
    Review(StartArgs),
    /// A mock interview: follow-ups asked before anything is revealed,
    /// staged design rounds, then a debrief and a level verdict.
    Mock(MockArgs),
    /// Progress: rounds, scores per topic, streak, what is due.
    Stats(StatsArgs),
    /// Past attempts; for one question, what you typed each time.
    History(HistoryArgs),
    /// Browse and search every question, offline (needs a terminal).
    Browse {
        /// Start with this filter.
        query: Vec<String>,
    },
    /// List tracks and topics with question counts.
    Topics(FormatArg),
    /// List the loops (whole interviews, rounds in order) the banks define.
    Loops(FormatArg),
    /// A day-by-day plan to the interview date: make one, show it, clear it.
    Plan(PlanArgs),
    /// Today's session from the plan: its reviews and new questions, or its
    /// mock.
    Today(TodayArgs),
    /// List questions, one a line.
    List(ListArgs),
    /// Show one question in full.
    Show(ShowArgs),
    /// Find questions by words (fuzzy, ranked).
    Search(SearchArgs),
    /// Check bank files and report every problem.
    Validate(ValidateArgs),
    /// Export the (filtered) bank as JSON, Markdown or an Anki deck.
    Export(ExportArgs),
    /// Grade an answer written anywhere: each key point covered or not,
    /// with the words that show it.
    Grade(GradeArgs),
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// Output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    #[default]
    Text,
    /// JSON, the stable machine interface.
    Json,
}

/// `--format text|json`.
#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Difficulty on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum DifficultyArg {
    Easy,
    Medium,
    Hard,
}

/// Level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum LevelArg {
    Junior,
    Mid,
    Senior,
}

/// Kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum KindArg {
    Concept,
    Design,
    Scenario,
    Debugging,
    Estimation,
}

impl From<DifficultyArg> for Difficulty {
    fn from(d: DifficultyArg) -> Self {
        match d {
            DifficultyArg::Easy => Difficulty::Easy,
            DifficultyArg::Medium => Difficulty::Medium,
            DifficultyArg::Hard => Difficulty::Hard,
        }
    }
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Junior => Level::Junior,
            LevelArg::Mid => Level::Mid,
            LevelArg::Senior => Level::Senior,
        }
    }
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Concept => Kind::Concept,
            KindArg::Design => Kind::Design,
            KindArg::Scenario => Kind::Scenario,
            KindArg::Debugging => Kind::Debugging,
            KindArg::Estimation => Kind::Estimation,
        }
    }
}

/// Which questions: shared by start, list, search and export.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// A track, topic or tag (repeatable; any may match).
    #[arg(long, short = 't', value_name = "T")]
    pub topic: Vec<String>,
    /// Difficulty (repeatable).
    #[arg(long, short = 'd', value_enum)]
    pub difficulty: Vec<DifficultyArg>,
    /// Level the question is asked at (repeatable).
    #[arg(long, short = 'l', value_enum)]
    pub level: Vec<LevelArg>,
    /// Kind of question (repeatable).
    #[arg(long, short = 'k', value_enum)]
    pub kind: Vec<KindArg>,
}

fn parse_time(s: &str) -> Result<Duration, String> {
    TimeLimit::parse(s).map(|t| t.0).ok_or_else(|| format!("`{s}` is not a duration; write it like 90s, 4m or 1m30s"))
}

/// `drill start`.
#[derive(Debug, Clone, Args)]
pub struct StartArgs {
    /// Questions to ask, by id, in this order (instead of a draw).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Number of questions [default: 5, or the config's].
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u16).range(1..=500))]
    pub count: Option<u16>,
    /// Time per question (90s, 4m); default from each question's difficulty.
    #[arg(long, value_name = "DURATION", value_parser = parse_time)]
    pub time: Option<Duration>,
    /// Seed for drawing questions: the same seed gives the same round.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Line-by-line mode, for screen readers, scripts and dumb terminals
    /// (chosen automatically when stdin or stdout is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Only questions due for review, most overdue first.
    #[arg(long)]
    pub due: bool,
    /// Practice that leaves the review schedule alone: answers are kept in
    /// the history, flagged as cram.
    #[arg(long)]
    pub cram: bool,
}

/// `drill plan`.
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// Make a plan to this interview date (2026-12-20), replacing any other.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub interview: Option<jiff::civil::Date>,
    /// Minutes a day.
    #[arg(long, value_name = "N", default_value_t = 45, value_parser = clap::value_parser!(u32).range(10..=600), requires = "interview")]
    pub minutes: u32,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Remove the plan.
    #[arg(long, conflicts_with = "interview")]
    pub clear: bool,
    /// Output format: text, json, or ics (a calendar file, one event a day).
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
}

/// How `drill plan` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PlanFormat {
    /// Aligned text.
    #[default]
    Text,
    /// JSON.
    Json,
    /// iCalendar: one all-day event a day.
    Ics,
}

/// `drill today`.
#[derive(Debug, Clone, Args)]
pub struct TodayArgs {
    /// Line-by-line mode (chosen automatically without a terminal).
    #[arg(long)]
    pub plain: bool,
}

/// `drill mock`.
#[derive(Debug, Clone, Args)]
pub struct MockArgs {
    #[command(flatten)]
    pub start: StartArgs,
    /// Follow-ups asked after each answer, those pressing on what it
    /// missed first (0 asks none) [default: 2].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub follow_ups: Option<u8>,
    /// Run a whole loop (`drill loops` lists them): its rounds in order,
    /// a break between them, and a scorecard per signal at the end.
    #[arg(long = "loop", value_name = "ID", conflicts_with_all = ["ids", "due", "count"])]
    pub loop_id: Option<String>,
    /// The interviewer's view, for practising with a friend: the prompt to
    /// read out, the key points to listen for, the follow-ups with their
    /// answers, notes, and a 1-4 rating per signal at the end.
    #[arg(long, conflicts_with = "loop_id")]
    pub host: bool,
    /// Host mode: write the feedback sheet here (else it is printed).
    #[arg(long, value_name = "FILE", requires = "host")]
    pub out: Option<PathBuf>,
    /// Host mode: the feedback sheet as Markdown (to read) or JSON (for
    /// `drill history --import`).
    #[arg(long = "format", value_enum, default_value_t = SheetFormat::Markdown, requires = "host")]
    pub sheet_format: SheetFormat,
}

/// How host mode writes its feedback sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SheetFormat {
    /// Markdown, to read on its own.
    #[default]
    Markdown,
    /// JSON, for `drill history --import`.
    Json,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim().parse().map_err(|_| format!("`{s}` is not a date; write it like 2026-12-20"))
}

fn parse_timestamp(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse().map_err(|_| format!("`{s}` is not a timestamp; write it like 2026-03-01T09:30:00Z"))
}

/// A date (`2026-03-01`, local midnight) or a timestamp.
fn parse_since(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    s.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned(crate::zone::local()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| format!("`{s}` is not a date; write it like 2026-03-01"))
}

/// `drill stats`.
#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Only this topic or track.
    #[arg(long, short = 't', value_name = "T")]
    pub topic: Option<String>,
    /// Only attempts since this date (2026-03-01) or time.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<jiff::Timestamp>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `drill history`.
#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// One question: every attempt with what you typed (the answer journal).
    pub id: Option<String>,
    /// Only this topic or track.
    #[arg(long, short = 't', value_name = "T")]
    pub topic: Option<String>,
    /// Only attempts since this date (2026-03-01) or time.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<jiff::Timestamp>,
    /// At most this many attempts (newest first).
    #[arg(long, default_value_t = 50, value_parser = at_least_one)]
    pub limit: usize,
    /// Delete the history (all, or --topic's); asks first unless --yes.
    #[arg(long)]
    pub clear: bool,
    /// Do not ask before --clear.
    #[arg(long, requires = "clear")]
    pub yes: bool,
    /// Import a host's feedback sheet (the JSON `drill mock --host --format
    /// json` writes) into this history.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["clear", "id"])]
    pub import: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `drill list`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Answer levels `drill show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
#[allow(missing_docs)]
pub enum ShowLevel {
    Junior,
    Mid,
    Senior,
    #[default]
    All,
}

/// `drill show`.
#[derive(Debug, Clone, Args)]
pub struct ShowArgs {
    /// The question id (see `drill list`).
    pub id: String,
    /// Which model answer to print.
    #[arg(long, short = 'l', value_enum, default_value_t)]
    pub level: ShowLevel,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `drill search`.
#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// Words to look for in titles, ids, tags and prompts.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many results.
    #[arg(long, default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `drill validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// Bank files or directories; default: the built-in and configured banks.
    pub paths: Vec<PathBuf>,
    /// Also check the writing guide's content rules (answer lengths, rubric
    /// size, mistakes, follow-ups, topic spread, near-duplicates); any
    /// warning fails.
    #[arg(long)]
    pub strict: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every field of every question, plus track and topic.
    Json,
    /// A printable study guide.
    Markdown,
    /// Tab-separated notes for Anki's text import.
    Anki,
}

/// `drill grade`.
#[derive(Debug, Clone, Args)]
pub struct GradeArgs {
    /// The question's id.
    pub id: String,
    /// Read the answer from this file (default: standard input).
    #[arg(long, value_name = "FILE")]
    pub answer_file: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `drill export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// A count of at least one.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("`{s}` is not a whole number of at least 1")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_parse_for_time() {
        assert_eq!(parse_time("90s"), Ok(Duration::from_secs(90)));
        assert!(parse_time("ninety").unwrap_err().contains("90s, 4m or 1m30s"));
    }
}
