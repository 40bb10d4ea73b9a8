//! `tentabo`: the TUI by default, subcommands for scripting.

use clap::Parser;
use std::process::ExitCode;
use tentabo::app::App;
use tentabo::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log = tentabo::logging::init();
    let (target, refresh) = match cli::resolve(&cli.global) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tentabo: {e}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tentabo: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let backend = match cli::target::connect(&target).await {
            Ok(b) => b,
            Err(e) => {
                eprintln!("tentabo: {e}");
                return ExitCode::from(cli::EXIT_BACKEND);
            }
        };
        match cli.command {
            Some(command) => match cli::run_command(backend, command).await {
                Ok(out) => {
                    print!("{out}");
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    eprintln!("tentabo: {}", f.message);
                    ExitCode::from(f.code)
                }
            },
            None => run_tui(backend, refresh).await,
        }
    })
}

async fn run_tui(backend: tentabo::backend::SharedBackend, refresh: u64) -> ExitCode {
    let (mut app, rx) = App::new(backend);
    app.refresh_seconds = refresh;
    let mut guard = match tentabo::terminal::TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("tentabo: cannot use this terminal: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = tentabo::app::run::run(&mut guard.terminal, app, rx).await;
    drop(guard);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tentabo: {e}");
            ExitCode::FAILURE
        }
    }
}
