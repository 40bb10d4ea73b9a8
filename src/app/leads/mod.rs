//! The Leads tab: a kanban board (or table) of leads by status. Its state
//! lives in `state`, its writes (moves, bulk moves, reassignment, scope)
//! in `actions`.

pub mod actions;
pub mod state;

pub use state::*;
