//! Types and rules of the Tentabo domain. No I/O, no UI: everything here is
//! plain data and pure functions, so it can be tested exhaustively and shared
//! by every backend.

pub mod attach;
pub mod contract;
pub mod edits;
pub mod enums;
pub mod filter;
#[cfg(test)]
pub(crate) mod hostile_json;
pub mod lead;
pub mod money;
pub mod order;
pub mod partner;
pub mod pricing;
pub mod product;
pub mod scope;
pub mod serde_util;
pub mod transitions;
pub mod user;
pub mod validation;

pub use contract::*;
pub use enums::*;
pub use lead::*;
pub use order::*;
pub use partner::*;
pub use product::*;
pub use user::*;

/// Every record id in Tentabo is a UUID.
pub type Id = uuid::Uuid;
/// Timestamps are always UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
