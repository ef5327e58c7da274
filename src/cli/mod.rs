//! The command-line layer: clap's raw flags ([`args`]), the config file
//! ([`config`]) and the one validated value every command runs from
//! ([`settings`]). It uses `bank` (for filters and enums) and `history`
//! (for scopes); nothing here touches the terminal: its width arrives as a
//! value.

pub mod args;
pub mod config;
pub mod settings;

pub use args::Cli;
