//! `tentabo`: the TUI by default, subcommands for scripting.

use clap::Parser;
use std::process::ExitCode;
use tentabo::app::App;
use tentabo::backend::signin::SharedSignIn;
use tentabo::backend::SharedBackend;
use tentabo::cli::{self, Cli, Command, Connection};

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
        let report = |r: Result<String, cli::CliFailure>| match r {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(f) => {
                eprintln!("tentabo: {}", f.message);
                ExitCode::from(f.code)
            }
        };
        match cli.command {
            Some(Command::Login(args)) => return report(cli::login::login(&target, args).await),
            Some(Command::Logout) => return report(cli::login::logout(&target)),
            _ => {}
        }
        let connection = match cli::connect(&target).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("tentabo: {e}");
                return ExitCode::from(cli::EXIT_BACKEND);
            }
        };
        match (cli.command, connection) {
            (Some(command), Connection::Ready { backend, .. }) => {
                if let Some(warning) = backend.notice() {
                    eprintln!("tentabo: warning: {}", tentabo::sanitize::line(&warning));
                }
                report(cli::run_command(backend, command).await)
            }
            (Some(_), Connection::SignInNeeded(s)) => {
                eprintln!(
                    "tentabo: not signed in to {}: run `tentabo login --server {}` (or set TENTABO_TOKEN)",
                    s.url, s.url
                );
                ExitCode::from(cli::EXIT_BACKEND)
            }
            (None, Connection::Ready { backend, sign_in }) => run_tui(Some(backend), sign_in, refresh).await,
            (None, Connection::SignInNeeded(s)) => run_tui(None, Some(s), refresh).await,
        }
    })
}

async fn run_tui(
    backend: Option<SharedBackend>,
    sign_in: Option<SharedSignIn>,
    refresh: u64,
) -> ExitCode {
    let mut guard = match tentabo::terminal::TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("tentabo: cannot use this terminal: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut input = tentabo::app::run::spawn_input_thread();
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let backend = match (backend, &sign_in) {
        (Some(b), _) => b,
        (None, Some(s)) => {
            match tentabo::app::signin_screen::sign_in_screen(
                &mut guard.terminal,
                s.clone(),
                &mut input,
                color,
            )
            .await
            {
                Ok(Some(b)) => b,
                Ok(None) => return ExitCode::SUCCESS,
                Err(e) => {
                    drop(guard);
                    eprintln!("tentabo: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        (None, None) => return ExitCode::FAILURE,
    };
    let (mut app, rx) = App::new(backend);
    app.prefs.refresh_seconds = refresh;
    app.prefs.drafts_dir = tentabo::paths::drafts_dir();
    app.session.sign_in = sign_in;
    let result = tentabo::app::run::run(&mut guard.terminal, app, rx, &mut input).await;
    drop(guard);
    match result {
        Ok(exit) => {
            match exit.drafts {
                Ok(0) => {}
                Ok(n) => eprintln!(
                    "tentabo: {n} piece(s) of unsaved work kept as drafts; the next start offers them back"
                ),
                Err(e) => eprintln!("tentabo: unsaved work could not be kept: {e}"),
            }
            match exit.signal {
                Some(sig) => ExitCode::from(sig.exit_code()),
                None => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("tentabo: {e}");
            ExitCode::FAILURE
        }
    }
}
