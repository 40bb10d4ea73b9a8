//! Shell completions and the manual page, generated from the clap
//! definitions so they always match the real options. They need no config
//! and no backend: `main` answers them first.

use super::args::{Cli, Command};
use clap::CommandFactory;

/// The text to print for a documentation command; `None` for the others.
pub fn offline(command: &Command) -> Option<Result<String, String>> {
    match command {
        Command::Completions { shell } => Some(Ok(completions(*shell))),
        Command::Man => Some(man()),
        _ => None,
    }
}

pub fn completions(shell: clap_complete::Shell) -> String {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "tentabo", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

pub fn man() -> Result<String, String> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| format!("cannot render the manual page: {e}"))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
