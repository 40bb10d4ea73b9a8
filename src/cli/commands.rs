//! The non-interactive subcommands: dispatch, and the argument parsing they
//! share.

use super::args::{Command, OutputArgs};
use super::failure::{usage, CliFailure};
use crate::backend::SharedBackend;
use crate::domain::*;
use std::str::FromStr;

pub(super) fn parse_id(raw: &str) -> Result<Id, CliFailure> {
    Id::parse_str(raw.trim())
        .map_err(|_| usage(format!("`{raw}` is not a valid id (expected a UUID)")))
}

pub(super) fn parse_enum<T: FromStr<Err = UnknownValue>>(raw: &str) -> Result<T, CliFailure> {
    raw.parse::<T>().map_err(|e| usage(e.to_string()))
}

/// Runs one subcommand; returns what to print on stdout. A failure's
/// message is clean to print (it may quote a server or the user's input).
pub async fn run_command(backend: SharedBackend, command: Command) -> Result<String, CliFailure> {
    dispatch(backend, command)
        .await
        .map_err(CliFailure::cleaned)
}

async fn dispatch(backend: SharedBackend, command: Command) -> Result<String, CliFailure> {
    match command {
        Command::Login(_) | Command::Logout => Err(usage("login and logout do not need a session")),
        Command::Whoami(out) => whoami(&backend, &out).await,
        Command::Leads(cmd) => super::leads::run(&backend, cmd).await,
        Command::Contracts(cmd) => super::contracts::run(&backend, cmd).await,
        Command::Orders(cmd) => super::orders::run(&backend, cmd).await,
        // Partners
        Command::Partners(cmd) => {
            super::partners::run_company(&backend, CompanyKind::Partner, cmd).await
        }
        Command::Distributors(cmd) => super::partners::run_distributors(&backend, cmd).await,
        Command::Users(cmd) => super::users::run(&backend, cmd).await,
        // Normally answered before any backend is opened (see `docs`).
        Command::Completions { .. } | Command::Man => match super::docs::offline(&command) {
            Some(out) => out.map_err(|message| CliFailure { code: 1, message }),
            None => Err(usage("not a documentation command")),
        },
    }
}

async fn whoami(backend: &SharedBackend, out: &OutputArgs) -> Result<String, CliFailure> {
    let me = backend.whoami().await?;
    out.format().one(&me, |me| {
        format!(
            "{} ({}) — {} via {} [{}]\n",
            me.display_name(),
            me.username.as_deref().unwrap_or(&me.email),
            me.role_label(),
            backend.kind().label(),
            backend.location()
        )
    })
}
