//! The question bank: model, sources, loading, the pre-parsed cache,
//! validation, filtering and search.
//!
//! Pure: no terminal and no clock; it reads only the files it is named and
//! writes only its own cache entries. It uses `text` and nothing else of
//! the crate. Where a bank comes from and how it is loaded is [`load`]:
//! files are listed by [`source`], each parsed by [`parse`] (typed reads in
//! [`fields`]), merged by [`assemble`], and kept pre-parsed by [`cache`]
//! in the [`codec`]'s form.

pub mod assemble;
pub mod cache;
pub mod codec;
pub mod diag;
pub mod fields;
pub mod filter;
pub mod load;
pub mod loops;
pub mod model;
pub mod parse;
pub mod search;
pub mod source;
pub mod stages;
pub mod strict;
pub mod values;

pub use diag::{Diagnostic, Severity};
pub use filter::Filter;
pub use model::{
    Answers, Bank, Difficulty, Example, FollowUp, KeyPoint, Kind, Level, Loop, LoopRound, Mistake, Question, Stage,
    Text, TimeLimit, Topic,
};
pub use parse::{Report, SourceFile};
