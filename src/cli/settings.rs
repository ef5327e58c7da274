//! The second stage of argument handling: raw clap flags plus the
//! environment become one validated [`Settings`] value.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use rand::Rng as _;

use super::args::{Cli, Command, ExportFormat, FilterArgs, Format, ShowLevel};
use super::config::Config;
use crate::bank::{Filter, Level};
use crate::history::select::Draw;
use crate::round::{Interview, RoundSettings};

/// What the process was started with, besides its arguments.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `DRILL_BANK`, if set.
    pub drill_bank: Option<OsString>,
    /// `DRILL_DATA_DIR`, if set to something (empty means unset).
    pub data_dir: Option<PathBuf>,
    /// `DRILL_CONFIG`, if set to something (empty means unset).
    pub config: Option<PathBuf>,
    /// `NO_COLOR` set to anything non-empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb_term: bool,
    /// Whether stdin is a terminal.
    pub stdin_tty: bool,
    /// Whether stdout is a terminal.
    pub stdout_tty: bool,
    /// The terminal's width in columns, when stdout is one.
    pub width: Option<u16>,
}

impl Environment {
    /// Reads the real environment; `width` asks the terminal front end for
    /// the terminal's width, the one thing only it may know.
    pub fn detect(width: fn() -> Option<u16>) -> Environment {
        let stdout_tty = std::io::stdout().is_terminal();
        Environment {
            drill_bank: std::env::var_os("DRILL_BANK").filter(|v| !v.is_empty()),
            data_dir: std::env::var_os("DRILL_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from),
            config: std::env::var_os("DRILL_CONFIG").filter(|v| !v.is_empty()).map(PathBuf::from),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb_term: std::env::var_os("TERM").is_some_and(|v| v == "dumb"),
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty,
            width: if stdout_tty { width() } else { None },
        }
    }
}

/// How text output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// Use ANSI colours.
    pub color: bool,
    /// Width to fit tables and wrap prose to; `None` when not a terminal
    /// (tables are then never truncated, prose wraps at 80).
    pub width: Option<usize>,
}

impl Output {
    /// Width for wrapping prose.
    pub fn wrap_width(&self) -> usize {
        self.width.unwrap_or(80).clamp(20, 100)
    }
}

/// A validated `drill start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartSettings {
    /// Which questions.
    pub filter: Filter,
    /// How many.
    pub count: usize,
    /// Per-question limit overriding the questions' own.
    pub time: Option<Duration>,
    /// The answer level shown (the single `--level`, when one is given).
    pub level: Option<Level>,
    /// The seed, given or drawn.
    pub seed: u64,
    /// Limits per difficulty (easy, medium, hard) for questions without
    /// their own.
    pub times: [Duration; 3],
    /// Run line by line.
    pub plain: bool,
    /// Only due questions, most overdue first.
    pub due: bool,
    /// Questions named by id, asked in this order (no draw).
    pub ids: Vec<String>,
    /// Practice that leaves the review schedule alone.
    pub cram: bool,
    /// A whole loop to run instead of one round.
    pub loop_id: Option<String>,
    /// Leeches among the questions (their reveal opens on the mistakes),
    /// read from the history when the round starts.
    pub leeches: Vec<String>,
    /// Host mode: where the feedback sheet goes and in which format.
    pub host: Option<(Option<PathBuf>, super::args::SheetFormat)>,
    /// The global flags a replay needs to load the same bank (`--bank`,
    /// `--no-builtin`, `--config`), each quoted as a shell would need.
    pub replay_globals: String,
    /// Practice or mock: follow-ups, their time, confidence.
    pub interview: Interview,
}

impl StartSettings {
    /// A round of `count` questions matching `filter`, with the given
    /// limits per difficulty and nothing else set: each question's own
    /// time and level, seed 0, the full-screen interface.
    pub fn new(filter: Filter, count: usize, times: [Duration; 3]) -> StartSettings {
        StartSettings {
            filter,
            count,
            time: None,
            level: None,
            seed: 0,
            times,
            plain: false,
            due: false,
            ids: Vec::new(),
            cram: false,
            loop_id: None,
            host: None,
            leeches: Vec::new(),
            replay_globals: String::new(),
            interview: Interview::default(),
        }
    }

    /// What to draw from the bank.
    pub fn draw(&self) -> Draw<'_> {
        Draw { filter: &self.filter, count: self.count, seed: self.seed, due: self.due, ids: &self.ids }
    }

    /// The round engine's settings.
    pub fn round_settings(&self) -> RoundSettings {
        RoundSettings {
            time: self.time,
            level: self.level,
            seed: self.seed,
            defaults: self.times,
            interview: self.interview.clone(),
        }
    }

    /// The command that replays a round: same filters, count and seed.
    pub fn replay_command(&self) -> String {
        let command = if self.interview.mock { "mock" } else { "start" };
        let mut cmd = format!("drill{} {command}", self.replay_globals);
        if let Some(id) = &self.loop_id {
            return format!("{cmd} --loop {} --seed {}", shell_word(id), self.seed);
        }
        for id in &self.ids {
            cmd.push_str(&format!(" {}", shell_word(id)));
        }
        for t in &self.filter.topics {
            cmd.push_str(&format!(" --topic {t}"));
        }
        for d in &self.filter.difficulties {
            cmd.push_str(&format!(" --difficulty {d}"));
        }
        for l in &self.filter.levels {
            cmd.push_str(&format!(" --level {l}"));
        }
        for k in &self.filter.kinds {
            cmd.push_str(&format!(" --kind {k}"));
        }
        cmd.push_str(&format!(" --count {}", self.count));
        if let Some(t) = self.time {
            cmd.push_str(&format!(" --time {}", crate::bank::TimeLimit(t)));
        }
        if self.interview.mock && self.interview.follow_ups != crate::round::policy::FOLLOW_UPS {
            cmd.push_str(&format!(" --follow-ups {}", self.interview.follow_ups));
        }
        cmd.push_str(&format!(" --seed {}", self.seed));
        if self.cram {
            cmd.push_str(" --cram");
        }
        cmd
    }
}

/// The validated command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Print help.
    Help,
    /// A round.
    Start(StartSettings),
    /// The home screen on a terminal (help otherwise).
    Home,
    /// The browser.
    Browse(String),
    /// Topics with counts.
    Topics(Format),
    /// Loops with their rounds.
    Loops(Format),
    /// Questions one a line.
    List(Filter, Format),
    /// One question.
    Show {
        /// Question id.
        id: String,
        /// Levels to print, in order.
        levels: Vec<Level>,
        /// Output format.
        format: Format,
    },
    /// Ranked search.
    Search {
        /// The words.
        query: String,
        /// Restrict to these.
        filter: Filter,
        /// Most results.
        limit: usize,
        /// Output format.
        format: Format,
    },
    /// Check banks.
    Validate {
        /// Extra paths to check.
        paths: Vec<PathBuf>,
        /// Apply the content rules too.
        strict: bool,
    },
    /// Export.
    Export {
        /// Format.
        format: ExportFormat,
        /// Output file, else stdout.
        out: Option<PathBuf>,
        /// Which questions.
        filter: Filter,
    },
    /// Grade an answer.
    Grade {
        /// Question id.
        id: String,
        /// The answer's file; standard input otherwise.
        answer_file: Option<PathBuf>,
        /// Output format.
        format: Format,
    },
    /// Shell completions.
    Completions(clap_complete::Shell),
    /// Man page.
    Man,
    /// Progress.
    Stats {
        /// Scope.
        scope: crate::history::Scope,
        /// Output format.
        format: Format,
    },
    /// Past attempts.
    History {
        /// Scope (one question, a topic, since).
        scope: crate::history::Scope,
        /// Most attempts.
        limit: usize,
        /// Delete instead of listing.
        clear: bool,
        /// Do not ask.
        yes: bool,
        /// Output format.
        format: Format,
    },
    /// Import a host's feedback sheet into the history.
    Import(PathBuf),
    /// Make (with a date), show or clear the plan.
    Plan {
        /// Make a plan to this date.
        interview: Option<jiff::civil::Date>,
        /// Minutes a day.
        minutes: u32,
        /// Its scope.
        filter: Filter,
        /// Remove it.
        clear: bool,
        /// Output format.
        format: super::args::PlanFormat,
    },
    /// Today's session from the plan; the settings a round from it starts with.
    Today(StartSettings),
}

/// Everything a command needs, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Extra bank paths, in load order (`DRILL_BANK` first, then `--bank`).
    pub banks: Vec<PathBuf>,
    /// Load the built-in bank.
    pub builtin: bool,
    /// Output look.
    pub output: Output,
    /// Whether a terminal is on both ends (for interactive use).
    pub interactive: bool,
    /// Colour in the full-screen interface (off with `NO_COLOR`).
    pub tui_color: bool,
    /// The config file's settings.
    pub config: Config,
    /// Where history lives.
    pub data_dir: PathBuf,
    /// The time drill takes as now (`--now`); the clock otherwise.
    pub now: Option<jiff::Timestamp>,
    /// What to do.
    pub task: Task,
}

fn filter(args: FilterArgs) -> Filter {
    let mut f = Filter {
        topics: args.topic.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect(),
        difficulties: args.difficulty.into_iter().map(Into::into).collect(),
        levels: args.level.into_iter().map(Into::into).collect(),
        kinds: args.kind.into_iter().map(Into::into).collect(),
    };
    f.topics.dedup();
    f.difficulties.dedup();
    f.levels.dedup();
    f.kinds.dedup();
    f
}

/// `drill` in the platform's data directory (`~/.local/share/drill`).
fn default_data_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("drill"))
}

/// A word for a shell command line: as it is when it is plain, else in
/// single quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', "'\\''")) }
}

/// The global flags that choose the bank, as a replay must repeat them.
fn replay_globals(banks: &[PathBuf], builtin: bool, config: Option<&std::path::Path>) -> String {
    let mut out = String::new();
    if !builtin {
        out.push_str(" --no-builtin");
    }
    for b in banks {
        out.push_str(&format!(" --bank {}", shell_word(&b.to_string_lossy())));
    }
    if let Some(c) = config {
        out.push_str(&format!(" --config {}", shell_word(&c.to_string_lossy())));
    }
    out
}

fn start(a: super::args::StartArgs, env: &Environment, config: &Config, globals: String) -> Task {
    Task::Start(start_settings(a, env, config, globals, false, 0))
}

fn mock(a: super::args::MockArgs, env: &Environment, config: &Config, globals: String) -> Task {
    let follow_ups = a.follow_ups.map_or(crate::round::policy::FOLLOW_UPS, usize::from);
    let mut start = start_settings(a.start, env, config, globals, true, follow_ups);
    start.loop_id = a.loop_id.map(|l| l.trim().to_string());
    start.host = a.host.then_some((a.out, a.sheet_format));
    Task::Start(start)
}

fn start_settings(
    a: super::args::StartArgs,
    env: &Environment,
    config: &Config,
    globals: String,
    mock: bool,
    follow_ups: usize,
) -> StartSettings {
    let filter = filter(a.filter);
    let level = match filter.levels.as_slice() {
        [one] => Some(*one),
        _ => config.level,
    };
    StartSettings {
        level,
        filter,
        times: config.times(),
        // Named questions are all asked, whatever the count.
        count: if a.ids.is_empty() { a.count.map_or(config.count.unwrap_or(5), usize::from) } else { a.ids.len() },
        time: a.time,
        seed: a.seed.unwrap_or_else(|| rand::rng().next_u64() % 1_000_000),
        plain: a.plain || !env.stdin_tty || !env.stdout_tty || env.dumb_term,
        due: a.due,
        ids: a.ids.iter().map(|i| i.trim().to_string()).collect(),
        cram: a.cram,
        loop_id: None,
        host: None,
        leeches: Vec::new(),
        replay_globals: globals,
        interview: Interview {
            mock,
            follow_ups,
            follow_up_time: config.follow_up.unwrap_or(crate::round::policy::FOLLOW_UP_TIME),
            confidence: config.confidence.asks(mock),
        },
    }
}

impl Settings {
    /// Validates the parsed command line against the environment and the
    /// config (command-line flags win over the config).
    pub fn new(cli: Cli, env: &Environment, config: Config) -> Settings {
        let mut banks: Vec<PathBuf> =
            env.drill_bank.as_ref().map(|v| std::env::split_paths(v).collect()).unwrap_or_default();
        banks.extend(cli.bank);
        let config_path = cli.config.clone().or_else(|| env.config.clone());
        let globals = replay_globals(&banks, !cli.no_builtin, config_path.as_deref());
        let output =
            Output { color: env.stdout_tty && !env.no_color && !env.dumb_term, width: env.width.map(usize::from) };
        let task = match cli.command {
            None if env.stdin_tty && env.stdout_tty && !env.dumb_term => Task::Home,
            None => Task::Help,
            Some(Command::Browse { query }) => Task::Browse(query.join(" ")),
            Some(Command::Review(mut a)) => {
                a.due = true;
                start(a, env, &config, globals)
            }
            Some(Command::Start(a)) => start(a, env, &config, globals),
            Some(Command::Mock(a)) => mock(a, env, &config, globals),
            Some(Command::Stats(a)) => Task::Stats {
                scope: crate::history::Scope {
                    question: None,
                    topic: a.topic.map(|t| t.to_lowercase()),
                    since: a.since,
                },
                format: a.format.format,
            },
            Some(Command::History(a)) if a.import.is_some() => Task::Import(a.import.unwrap_or_default()),
            Some(Command::History(a)) => Task::History {
                scope: crate::history::Scope {
                    question: a.id.map(|i| i.trim().to_string()),
                    topic: a.topic.map(|t| t.to_lowercase()),
                    since: a.since,
                },
                limit: a.limit.max(1),
                clear: a.clear,
                yes: a.yes,
                format: a.format.format,
            },
            Some(Command::Topics(f)) => Task::Topics(f.format),
            Some(Command::Loops(f)) => Task::Loops(f.format),
            Some(Command::Plan(a)) => Task::Plan {
                interview: a.interview,
                minutes: a.minutes,
                filter: filter(a.filter),
                clear: a.clear,
                format: a.format,
            },
            Some(Command::Today(a)) => {
                let args = super::args::StartArgs {
                    ids: Vec::new(),
                    filter: Default::default(),
                    count: None,
                    time: None,
                    seed: None,
                    plain: a.plain,
                    due: false,
                    cram: false,
                };
                Task::Today(start_settings(args, env, &config, globals, false, 0))
            }
            Some(Command::List(a)) => Task::List(filter(a.filter), a.format.format),
            Some(Command::Show(a)) => Task::Show {
                id: a.id.trim().to_string(),
                levels: match a.level {
                    ShowLevel::Junior => vec![Level::Junior],
                    ShowLevel::Mid => vec![Level::Mid],
                    ShowLevel::Senior => vec![Level::Senior],
                    ShowLevel::All => Level::ALL.to_vec(),
                },
                format: a.format.format,
            },
            Some(Command::Search(a)) => Task::Search {
                query: a.query.join(" "),
                filter: filter(a.filter),
                limit: a.limit.max(1),
                format: a.format.format,
            },
            Some(Command::Validate(a)) => Task::Validate { paths: a.paths, strict: a.strict },
            Some(Command::Export(a)) => Task::Export { format: a.format, out: a.out, filter: filter(a.filter) },
            Some(Command::Grade(a)) => {
                Task::Grade { id: a.id.trim().to_string(), answer_file: a.answer_file, format: a.format.format }
            }
            Some(Command::Completions { shell }) => Task::Completions(shell),
            Some(Command::Man) => Task::Man,
        };
        let data_dir = cli
            .data_dir
            .or_else(|| env.data_dir.clone())
            .or_else(default_data_dir)
            .unwrap_or_else(|| PathBuf::from(".drill"));
        Settings {
            data_dir,
            now: cli.now,
            banks,
            builtin: !cli.no_builtin,
            output,
            interactive: env.stdin_tty && env.stdout_tty && !env.dumb_term,
            tui_color: !env.no_color,
            config,
            task,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str], env: Environment) -> Settings {
        Settings::new(Cli::try_parse_from(args).unwrap(), &env, Config::default())
    }

    #[test]
    fn start_is_plain_without_a_terminal_and_keeps_the_seed() {
        let s =
            settings(&["drill", "start", "--topic", "Caching", "--seed", "7", "-l", "senior"], Environment::default());
        let Task::Start(start) = s.task else { panic!("not start") };
        assert!(start.plain);
        assert_eq!(start.seed, 7);
        assert_eq!(start.filter.topics, vec!["caching"]);
        assert_eq!(start.level, Some(Level::Senior));
    }

    #[test]
    fn the_config_supplies_defaults_and_flags_win() {
        let config = Config { count: Some(3), level: Some(Level::Junior), ..Config::default() };
        let s =
            Settings::new(Cli::try_parse_from(["drill", "start"]).unwrap(), &Environment::default(), config.clone());
        let Task::Start(start) = s.task else { panic!("not start") };
        assert_eq!((start.count, start.level), (3, Some(Level::Junior)));
        let s = Settings::new(
            Cli::try_parse_from(["drill", "start", "-n", "7", "-l", "mid"]).unwrap(),
            &Environment::default(),
            config,
        );
        let Task::Start(start) = s.task else { panic!("not start") };
        assert_eq!((start.count, start.level), (7, Some(Level::Mid)));
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let tty = Environment { stdout_tty: true, stdin_tty: true, ..Environment::default() };
        assert!(settings(&["drill", "topics"], tty.clone()).output.color);
        assert!(!settings(&["drill", "topics"], Environment { no_color: true, ..tty }).output.color);
        assert!(!settings(&["drill", "topics"], Environment::default()).output.color);
    }

    #[test]
    fn drill_bank_paths_come_before_flags() {
        let env = Environment { drill_bank: Some("/a:/b".into()), ..Environment::default() };
        let s = settings(&["drill", "--bank", "/c", "list"], env);
        assert_eq!(s.banks, vec![PathBuf::from("/a"), PathBuf::from("/b"), PathBuf::from("/c")]);
    }

    /// An empty `DRILL_DATA_DIR` or `DRILL_CONFIG` is unset, as for
    /// `DRILL_BANK` (clap refused the empty value before).
    #[test]
    fn empty_environment_paths_are_unset() {
        let env = Environment { data_dir: None, config: None, ..Environment::default() };
        let s = settings(&["drill", "list"], env);
        assert_ne!(s.data_dir, PathBuf::new());
        let env = Environment { data_dir: Some("/d".into()), ..Environment::default() };
        assert_eq!(settings(&["drill", "list"], env).data_dir, PathBuf::from("/d"));
    }

    /// The replay hint repeats the flags that chose the bank.
    #[test]
    fn replays_load_the_same_bank() {
        let env = Environment { drill_bank: Some("/a b".into()), ..Environment::default() };
        let s =
            settings(&["drill", "--no-builtin", "--config", "/c.toml", "start", "--seed", "3", "--count", "2"], env);
        let Task::Start(start) = s.task else { panic!("not start") };
        assert_eq!(
            start.replay_command(),
            "drill --no-builtin --bank '/a b' --config /c.toml start --count 2 --seed 3"
        );
    }
}
