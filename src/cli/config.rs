//! The config file (`--config`, `DRILL_CONFIG`, or `drill/config.toml` in
//! the platform's config directory): round defaults, time per difficulty,
//! theme, key style and key remaps. Mistakes in it are reported like bank
//! problems: `path:line:col`, the line, a caret and the nearest known key.
//!
//! ```toml
//! [round]
//! count = 5
//! level = "senior"
//! confidence = "mock"  # ask how sure you are: mock (default) | always | never
//!
//! [time]
//! easy = "2m"
//! medium = "4m"
//! hard = "6m"
//! follow_up = "90s"
//!
//! [ui]
//! theme = "light"     # dark | light
//! keys = "arrows"     # vim (arrows and h/j/k/l/g/G) | arrows
//!
//! [keys]
//! reveal = "R"
//! pause = ["p", "F2"]
//! ```

use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::bank::diag::Diagnostic;
use crate::bank::fields::Reader;
use crate::bank::parse::MAX_FILE_BYTES;
use crate::bank::{Difficulty, Level, TimeLimit};
use crate::text;

/// A key that is not a character, as the config writes it. The front end
/// turns each into its own key type; the names live only in [`NAMED_KEYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKey {
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// The space bar.
    Space,
    /// Backspace.
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

/// Named keys a binding may use besides single characters and F1-F12.
pub const NAMED_KEYS: &[(&str, NamedKey)] = &[
    ("enter", NamedKey::Enter),
    ("esc", NamedKey::Esc),
    ("tab", NamedKey::Tab),
    ("space", NamedKey::Space),
    ("backspace", NamedKey::Backspace),
    ("up", NamedKey::Up),
    ("down", NamedKey::Down),
    ("left", NamedKey::Left),
    ("right", NamedKey::Right),
    ("home", NamedKey::Home),
    ("end", NamedKey::End),
    ("pageup", NamedKey::PageUp),
    ("pagedown", NamedKey::PageDown),
];

/// The key of a [`KeySpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyName {
    /// A printable character.
    Char(char),
    /// A named key.
    Named(NamedKey),
    /// F1 to F12.
    F(u8),
}

/// A key as written in the config: a character or a named key, maybe with
/// Ctrl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    /// Which key.
    pub key: KeyName,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

impl KeySpec {
    /// Parses `R`, `space`, `Enter`, `F2`, `Ctrl-x`.
    pub fn parse(s: &str) -> Option<KeySpec> {
        let (ctrl, rest) = match s.strip_prefix("Ctrl-").or_else(|| s.strip_prefix("ctrl-")) {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut chars = rest.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_control() && !c.is_whitespace()).then_some(KeySpec { key: KeyName::Char(c), ctrl });
        }
        let lower = rest.to_lowercase();
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n)) {
            return Some(KeySpec { key: KeyName::F(n), ctrl });
        }
        NAMED_KEYS.iter().find(|(name, _)| *name == lower).map(|(_, k)| KeySpec { key: KeyName::Named(*k), ctrl })
    }
}

/// Colours of the full-screen interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For dark terminals.
    #[default]
    Dark,
    /// For light terminals.
    Light,
}

/// Which movement keys are bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyStyle {
    /// Arrows and the vim letters h/j/k/l/g/G.
    #[default]
    Vim,
    /// Arrows only; the vim letters are left unbound.
    Arrows,
}

/// When the candidate is asked how sure they are, before the reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AskConfidence {
    /// In mock interviews only.
    #[default]
    Mock,
    /// In every round.
    Always,
    /// Never.
    Never,
}

impl AskConfidence {
    const NAMES: [&'static str; 3] = ["mock", "always", "never"];

    fn parse(s: &str) -> Option<AskConfidence> {
        match s {
            "mock" => Some(AskConfidence::Mock),
            "always" => Some(AskConfidence::Always),
            "never" => Some(AskConfidence::Never),
            _ => None,
        }
    }

    /// Whether a round (a mock or not) asks.
    pub fn asks(self, mock: bool) -> bool {
        match self {
            AskConfidence::Mock => mock,
            AskConfidence::Always => true,
            AskConfidence::Never => false,
        }
    }
}

/// The validated config.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Questions per round.
    pub count: Option<usize>,
    /// Answer level shown first.
    pub level: Option<Level>,
    /// Time limits per difficulty (easy, medium, hard), for questions
    /// without their own.
    pub times: [Option<Duration>; 3],
    /// A mock's time per follow-up.
    pub follow_up: Option<Duration>,
    /// When confidence is asked.
    pub confidence: AskConfidence,
    /// Colours.
    pub theme: ThemeName,
    /// Movement keys.
    pub key_style: KeyStyle,
    /// `[keys]`: action name and its new keys.
    pub remaps: Vec<(String, Vec<KeySpec>)>,
}

impl Config {
    /// The default limit for a difficulty: the config's, else the built-in.
    pub fn time_for(&self, d: Difficulty) -> Duration {
        self.times[d as usize].unwrap_or_else(|| crate::round::policy::default_time(d))
    }

    /// The limits for easy, medium and hard questions.
    pub fn times(&self) -> [Duration; 3] {
        [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard].map(|d| self.time_for(d))
    }
}

/// A config section: `[round]`, `[time]`, `[ui]`, `[keys]`.
fn section<'v, 'i>(r: &mut Reader<'_>, key: &str, v: &'v Spanned<DeValue<'i>>) -> Option<&'v DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            r.error(v.span(), format!("`{key}` must be a table like [{key}], found {}", other.type_str()));
            None
        }
    }
}

/// A config file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `--config` or `DRILL_CONFIG` names a file that cannot be read.
    #[error("cannot read config file `{path}`: {reason}; check the --config argument or DRILL_CONFIG")]
    Read {
        /// The path.
        path: String,
        /// Why (in the message, not a `source`, so it is printed once).
        reason: std::io::Error,
    },
    /// The path names something that is not a file (a FIFO would block
    /// forever, a device could be endless).
    #[error("config file `{path}` is not a regular file; point --config (or DRILL_CONFIG) at a TOML file")]
    NotAFile {
        /// The path.
        path: String,
    },
    /// The file has problems, already printed.
    #[error("{count} {} in config file `{path}`; fix {} or point --config elsewhere", crate::text::plural(*count, "error", "errors"), crate::text::plural(*count, "it", "them"))]
    Invalid {
        /// How many.
        count: usize,
        /// The file.
        path: String,
    },
}

/// The default config path: `drill/config.toml` in the platform's config
/// directory.
pub fn default_path() -> Option<std::path::PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.config_dir().join("drill").join("config.toml"))
}

/// Loads the config: an explicit path must exist; the default path is used
/// when it exists. Problems are printed to `err` before failing.
/// `keys` is what the front end's keymap says about key names and remaps.
pub fn load(
    explicit: Option<&std::path::Path>,
    keys: &KeyRules<'_>,
    err: &mut dyn std::io::Write,
) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path().filter(|p| p.exists()) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let shown = path.display().to_string();
    let read = |source| ConfigError::Read { path: shown.clone(), reason: source };
    if !std::fs::metadata(&path).map_err(read)?.is_file() {
        return Err(ConfigError::NotAFile { path: shown });
    }
    // Read no more than a bank file may be: the size check then reports it.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(&path).map_err(read)?, MAX_FILE_BYTES as u64 + 1),
        &mut bytes,
    )
    .map_err(read)?;
    let mut diags = Vec::new();
    let parsed = match crate::bank::parse::decode(&shown, &bytes, &mut diags) {
        Some(text) => parse(&shown, text, keys),
        None => Err(diags),
    };
    parsed.map_err(|diags| {
        for d in &diags {
            let _ = writeln!(err, "{d}\n");
        }
        ConfigError::Invalid { count: diags.len(), path: shown }
    })
}

/// What the front end says about `[keys]`: the action names it may rebind
/// (the keymap's one table of them), and which remaps would take a key from
/// another action (each with the remapped action's name and a message).
pub struct KeyRules<'a> {
    /// Names `[keys]` may rebind.
    pub actions: &'a [&'a str],
    /// Remaps that clash, found on the whole config.
    pub clashes: &'a dyn Fn(&Config) -> Vec<(String, String)>,
}

/// Parses and validates a config file's text; every problem is reported.
pub fn parse(path: &str, text: &str, keys: &KeyRules<'_>) -> Result<Config, Vec<Diagnostic>> {
    let mut ctx = Reader::new(path, text);
    let mut config = Config::default();
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let message = format!("TOML syntax: {}", err.message().trim().replace('\n', "; "));
            ctx.error(err.span().unwrap_or_else(|| crate::bank::parse::deepest_line(text)), message);
            return Err(ctx.into_diagnostics());
        }
    };
    for (key, v) in doc.get_ref().iter() {
        let name = key.get_ref().as_ref();
        match name {
            "round" => round(&mut ctx, &mut config, v),
            "time" => time(&mut ctx, &mut config, v),
            "ui" => ui(&mut ctx, &mut config, v),
            "keys" => remaps(&mut ctx, &mut config, v, keys),
            _ => {
                ctx.unknown_key(key, &["round", "time", "ui", "keys"], "the config");
            }
        }
    }
    if ctx.is_clean() {
        return Ok(config);
    }
    let mut diags = ctx.into_diagnostics();
    diags.sort_by_key(|d| (d.line, d.col));
    Err(diags)
}

fn round(ctx: &mut Reader<'_>, config: &mut Config, v: &Spanned<DeValue<'_>>) {
    let Some(t) = section(ctx, "round", v) else { return };
    for (key, v) in t.iter() {
        match key.get_ref().as_ref() {
            "count" => match v.get_ref().as_integer().and_then(|i| i.as_str().parse::<usize>().ok()) {
                Some(n) if (1..=500).contains(&n) => config.count = Some(n),
                _ => ctx.error(v.span(), "`count` must be a whole number from 1 to 500".into()),
            },
            "level" => {
                config.level = ctx.choice("level", v, Level::parse, Level::names());
            }
            "confidence" => {
                let names = AskConfidence::NAMES.join(", ");
                if let Some(c) = ctx.choice("confidence", v, AskConfidence::parse, names) {
                    config.confidence = c;
                }
            }
            _ => {
                ctx.unknown_key(key, &["count", "level", "confidence"], "[round]");
            }
        }
    }
}

fn time(ctx: &mut Reader<'_>, config: &mut Config, v: &Spanned<DeValue<'_>>) {
    let Some(t) = section(ctx, "time", v) else { return };
    for (key, v) in t.iter() {
        let name = key.get_ref().as_ref();
        let slot = match Difficulty::parse(name) {
            Some(d) => &mut config.times[d as usize],
            None if name == "follow_up" => &mut config.follow_up,
            None => {
                ctx.unknown_key(key, &["easy", "medium", "hard", "follow_up"], "[time]");
                continue;
            }
        };
        let d = name;
        let Some(s) = ctx.string(d, v) else { continue };
        match TimeLimit::parse(&s) {
            Some(limit) => *slot = Some(limit.0),
            None => {
                let shown = text::sanitize_line(&s);
                ctx.error(
                    v.span(),
                    format!("`{d}` must be a duration like \"90s\", \"4m\" or \"1m30s\"; found \"{shown}\""),
                );
            }
        }
    }
}

fn ui(ctx: &mut Reader<'_>, config: &mut Config, v: &Spanned<DeValue<'_>>) {
    let Some(t) = section(ctx, "ui", v) else { return };
    for (key, v) in t.iter() {
        match key.get_ref().as_ref() {
            "theme" => {
                if let Some(theme) = ctx.one_of("theme", v, &[("dark", ThemeName::Dark), ("light", ThemeName::Light)]) {
                    config.theme = theme;
                }
            }
            "keys" => {
                if let Some(style) = ctx.one_of("keys", v, &[("vim", KeyStyle::Vim), ("arrows", KeyStyle::Arrows)]) {
                    config.key_style = style;
                }
            }
            _ => {
                ctx.unknown_key(key, &["theme", "keys"], "[ui]");
            }
        }
    }
}

fn remaps(ctx: &mut Reader<'_>, config: &mut Config, v: &Spanned<DeValue<'_>>, rules: &KeyRules<'_>) {
    let Some(t) = section(ctx, "keys", v) else { return };
    let mut spans = Vec::new();
    for (key, v) in t.iter() {
        let action = key.get_ref().as_ref();
        if !rules.actions.contains(&action) {
            ctx.unknown_key(key, rules.actions, "[keys]");
            continue;
        }
        let values: Vec<&Spanned<DeValue<'_>>> = match v.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            _ => vec![v],
        };
        let mut specs = Vec::new();
        for item in values {
            let Some(s) = ctx.string(action, item) else { continue };
            match KeySpec::parse(&s) {
                Some(spec) => specs.push(spec),
                None => ctx.error(
                    item.span(),
                    format!(
                        "`{}` is not a key; write one character, Ctrl-x, F1-F12 or one of {}",
                        text::sanitize_line(&s),
                        NAMED_KEYS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
                    ),
                ),
            }
        }
        if specs.is_empty() {
            ctx.error(v.span(), format!("`{action}` needs at least one key"));
        } else {
            config.remaps.push((action.to_string(), specs));
            spans.push((action.to_string(), v.span()));
        }
    }
    if ctx.is_clean() {
        for (action, message) in (rules.clashes)(config) {
            if let Some((_, span)) = spans.iter().find(|(a, _)| *a == action) {
                ctx.error(span.clone(), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few action names, as the front end's keymap would pass them, and
    /// no clashes.
    const ACTIONS: &[&str] = &["reveal", "pause", "quit"];
    const RULES: KeyRules<'static> = KeyRules { actions: ACTIONS, clashes: &|_| Vec::new() };

    fn first_error(text: &str) -> String {
        let diags = parse("c.toml", text, &RULES).unwrap_err();
        format!("{}: {}", diags[0].location(), diags[0].message)
    }

    #[test]
    fn a_full_config_parses() {
        let c = parse(
            "c.toml",
            "[round]\ncount = 3\nlevel = \"senior\"\n[time]\nhard = \"8m\"\n[ui]\ntheme = \"light\"\nkeys = \"arrows\"\n[keys]\nreveal = \"R\"\npause = [\"p\", \"F2\", \"Ctrl-p\"]\n",
            &RULES,
        )
        .unwrap();
        assert_eq!(c.count, Some(3));
        assert_eq!(c.level, Some(Level::Senior));
        assert_eq!(c.time_for(Difficulty::Hard), Duration::from_secs(480));
        assert_eq!(c.time_for(Difficulty::Easy), Duration::from_secs(120));
        assert_eq!((c.theme, c.key_style), (ThemeName::Light, KeyStyle::Arrows));
        let pause = &c.remaps.iter().find(|(name, _)| name == "pause").unwrap().1;
        assert_eq!(pause[2], KeySpec { key: KeyName::Char('p'), ctrl: true });
    }

    #[test]
    fn mistakes_are_located_with_suggestions() {
        assert_eq!(
            first_error("[round]\ncont = 3\n"),
            "c.toml:2:1: unknown key `cont` in [round]; did you mean `count`?"
        );
        assert_eq!(
            first_error("[ui]\ntheme = \"blue\"\n"),
            "c.toml:2:9: `theme` must be one of dark, light; found \"blue\""
        );
        assert_eq!(
            first_error("[time]\nhard = \"long\"\n"),
            "c.toml:2:8: `hard` must be a duration like \"90s\", \"4m\" or \"1m30s\"; found \"long\""
        );
        assert_eq!(
            first_error("[keys]\nreveel = \"R\"\n"),
            "c.toml:2:1: unknown key `reveel` in [keys]; did you mean `reveal`?"
        );
        assert!(first_error("[keys]\nreveal = \"Hyper-R\"\n").starts_with("c.toml:2:10: `Hyper-R` is not a key"));
        assert_eq!(first_error("[round]\ncount = 0\n"), "c.toml:2:9: `count` must be a whole number from 1 to 500");
        assert!(first_error("[round\n").starts_with("c.toml:1:7: TOML syntax"));
    }

    #[test]
    fn key_specs() {
        assert_eq!(KeySpec::parse("space"), Some(KeySpec { key: KeyName::Named(NamedKey::Space), ctrl: false }));
        assert_eq!(KeySpec::parse("PageDown").unwrap().key, KeyName::Named(NamedKey::PageDown));
        assert_eq!(KeySpec::parse("F12").unwrap().key, KeyName::F(12));
        assert_eq!(KeySpec::parse("F13"), None);
        assert_eq!(KeySpec::parse(""), None);
    }
}
