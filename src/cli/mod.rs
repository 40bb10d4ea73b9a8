//! Command line: global options, the backend target, and the
//! non-interactive subcommands for scripting.

mod args;
mod commands;
mod contracts;
pub mod docs;
mod failure;
mod leads;
pub mod login;
mod orders;
mod output;
mod partners;
mod partners_args;
pub mod session;
pub mod target;
mod users;

pub use args::{Cli, Command};
pub use commands::run_command;
pub use failure::CliFailure;
pub use target::{connect, resolve, resolve_prefs, Connection, Target};

/// Exit codes: 0 done, 1 the backend refused or failed, 2 usage or config.
pub const EXIT_BACKEND: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
