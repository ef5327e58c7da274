//! The question bank: model, sources, loading and validation, filtering and
//! search. Pure: no terminal, no clock; it reads only the files it is given.

pub mod assemble;
pub mod codec;
pub mod diag;
mod fields;
pub mod filter;
pub mod load;
pub mod model;
pub mod search;
pub mod source;
pub mod strict;

pub use assemble::{load, load_onto};
pub use diag::{Diagnostic, Severity};
pub use filter::Filter;
pub use load::{Report, SourceFile};
pub use model::{Answers, Bank, Difficulty, Example, FollowUp, Kind, Level, Mistake, Question, Text, TimeLimit, Topic};
