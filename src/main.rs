//! `tentabo`: the TUI by default, subcommands for scripting.

use clap::Parser;
use std::process::ExitCode;
use tentabo::app::{App, Prefs};
use tentabo::backend::signin::SharedSignIn;
use tentabo::backend::SharedBackend;
use tentabo::cli::{self, Cli, Command, Connection};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Completions and the manual need no config, log or backend.
    if let Some(out) = cli.command.as_ref().and_then(cli::docs::offline) {
        return match out {
            // A closed pipe (`| head`) is the reader's choice, not a failure.
            Ok(text) => match std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("tentabo: cannot write: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            },
            Err(e) => {
                eprintln!("tentabo: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let _log = tentabo::logging::init();
    let (target, refresh) = match cli::resolve(&cli.global) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tentabo: {e}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
    };
    // Keys, theme, mouse and clipboard: a bad entry is a config error too.
    let prefs = match cli::resolve_prefs(&cli.global) {
        Ok(p) => p,
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
                use std::io::Write;
                // A reader that stops early (`| head`) is not an error.
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        eprintln!("tentabo: cannot write the output: {e}");
                        ExitCode::FAILURE
                    }
                    _ => ExitCode::SUCCESS,
                }
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
            (None, Connection::Ready { backend, sign_in }) => run_tui(Some(backend), sign_in, Prefs { refresh_seconds: refresh, ..prefs }).await,
            (None, Connection::SignInNeeded(s)) => run_tui(None, Some(s), Prefs { refresh_seconds: refresh, ..prefs }).await,
        }
    })
}

async fn run_tui(
    backend: Option<SharedBackend>,
    sign_in: Option<SharedSignIn>,
    prefs: Prefs,
) -> ExitCode {
    let mut guard = match tentabo::terminal::TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("tentabo: cannot use this terminal: {e}");
            return ExitCode::FAILURE;
        }
    };
    if prefs.mouse {
        // Without capture the app still works by keyboard; say why in the log.
        if let Err(e) = tentabo::mouse_capture::enable() {
            tracing::warn!(error = %e, "cannot capture the mouse");
        }
    }
    let mut input = tentabo::app::run::spawn_input_thread();
    let backend = match (backend, &sign_in) {
        (Some(b), _) => b,
        (None, Some(s)) => {
            match tentabo::app::signin_screen::sign_in_screen(
                &mut guard.terminal,
                s.clone(),
                &mut input,
                prefs.theme(),
                &prefs.keys,
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
    app.prefs = prefs;
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
