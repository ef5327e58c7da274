//! History: every attempt in SQLite ([`store`], its numbered [`migrate`]
//! steps), saved as it is graded by the [`recorder`]; FSRS review
//! scheduling ([`schedule`]); what is due and what a round asks
//! ([`select`]); and the stats and journal read back ([`query`], [`stats`]).
//!
//! It uses `bank` and `round` (items, grades, the score policy); it knows
//! nothing of the command line or the front ends.

pub mod migrate;
pub mod query;
pub mod recorder;
pub mod schedule;
pub mod select;
pub mod stats;
pub mod store;

pub use query::{Attempt, Scope};
pub use schedule::{Grade, ReviewState};
pub use stats::Stats;
pub mod calibration;
pub mod plan;
pub mod planner;
pub use calibration::Calibration;
pub use store::{AttemptRecord, PartRecord, Store, StoreError, StoredPlan};
