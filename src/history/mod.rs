//! History: every attempt in SQLite, FSRS review scheduling, and the
//! stats and journal read back from it.

pub mod migrate;
pub mod query;
pub mod schedule;
pub mod stats;
pub mod store;

pub use query::{Attempt, Scope};
pub use schedule::{Grade, ReviewState};
pub use stats::Stats;
pub use store::{AttemptRecord, Store, StoreError};
