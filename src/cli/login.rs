//! `tentabo login` and `tentabo logout`.

use super::args::LoginArgs;
use super::failure::CliFailure;
use super::session::ApiSignIn;
use super::target::Target;
use super::{EXIT_BACKEND, EXIT_USAGE};
use crate::backend::signin::SignIn;
use crate::sanitize::text;
use std::io::{BufRead, IsTerminal, Write};

fn api_target(target: &Target) -> Result<ApiSignIn, CliFailure> {
    match target {
        Target::Api {
            server,
            profile,
            username,
            config,
        } => ApiSignIn::new(server, profile, username.clone(), config.clone()).map_err(Into::into),
        _ => Err(CliFailure {
            code: EXIT_USAGE,
            message: "login needs a server: pass --server URL or use a profile with `server`"
                .into(),
        }),
    }
}

fn read_stdin_line(what: &str) -> Result<String, CliFailure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliFailure {
            code: EXIT_USAGE,
            message: format!("cannot read the {what} from stdin: {e}"),
        })?;
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    if line.is_empty() {
        return Err(CliFailure {
            code: EXIT_USAGE,
            message: format!("no {what} on stdin"),
        });
    }
    Ok(line)
}

/// Signs in; what is printed (a server's name for the user, its error
/// message) is clean to print.
pub async fn login(target: &Target, args: LoginArgs) -> Result<String, CliFailure> {
    greet(target, args)
        .await
        .map(|s| text(&s).into_owned())
        .map_err(CliFailure::cleaned)
}

async fn greet(target: &Target, args: LoginArgs) -> Result<String, CliFailure> {
    let sign_in = api_target(target)?;
    let interactive = std::io::stdin().is_terminal();
    let (username, secret) = if args.api_key_stdin {
        (String::new(), read_stdin_line("API key")?)
    } else {
        let username = match args.username.clone().or_else(|| sign_in.username_hint()) {
            Some(u) => u,
            None if interactive && !args.password_stdin => {
                eprint!("Username for {}: ", text(&sign_in.url));
                let _ = std::io::stderr().flush();
                read_stdin_line("username")?
            }
            None => {
                return Err(CliFailure {
                    code: EXIT_USAGE,
                    message: "pass --username (or set `username` in the profile)".into(),
                })
            }
        };
        let password = if args.password_stdin {
            read_stdin_line("password")?
        } else if interactive {
            rpassword::prompt_password(text(&format!("Password for {username}@{}: ", sign_in.url)))
                .map_err(|e| CliFailure {
                    code: EXIT_USAGE,
                    message: format!("cannot read the password: {e}"),
                })?
        } else {
            return Err(CliFailure {
                code: EXIT_USAGE,
                message:
                    "standard input is not a terminal: use --password-stdin or --api-key-stdin"
                        .into(),
            });
        };
        (username, password)
    };
    let backend = sign_in.sign_in(&username, &secret).await?;
    let me = backend.whoami().await.map_err(|e| CliFailure {
        code: EXIT_BACKEND,
        message: e.to_string(),
    })?;
    Ok(format!(
        "Signed in to {} as {} ({}).\n",
        sign_in.url,
        me.display_name(),
        me.role_label()
    ))
}

pub fn logout(target: &Target) -> Result<String, CliFailure> {
    forget(target)
        .map(|s| text(&s).into_owned())
        .map_err(CliFailure::cleaned)
}

fn forget(target: &Target) -> Result<String, CliFailure> {
    let sign_in = api_target(target)?;
    match sign_in.logout() {
        Ok(true) => Ok(format!(
            "Signed out of {} (profile {}).\n",
            sign_in.url, sign_in.profile
        )),
        Ok(false) => Ok(format!(
            "No cached session for {} (profile {}).\n",
            sign_in.url, sign_in.profile
        )),
        Err(e) => Err(CliFailure {
            code: EXIT_BACKEND,
            message: format!("cannot delete the cached session: {e}"),
        }),
    }
}
