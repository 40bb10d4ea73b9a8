//! Deciding which backend to open: flags, then environment, then the
//! config profile, and the demo when nothing is configured.

use super::args::GlobalArgs;
use super::session::ApiSignIn;
use crate::backend::demo::{DemoBackend, SeedSize};
use crate::backend::signin::SharedSignIn;
use crate::backend::{BackendError, SharedBackend};
use crate::config::{Config, ConfigError, Profile};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Demo {
        size: SeedSize,
        user: Option<String>,
    },
    Api {
        server: String,
        profile: String,
        username: Option<String>,
        /// Timeouts, the answer size cap, a private CA (from the profile).
        config: crate::backend::api::ApiConfig,
    },
    Postgres {
        url: String,
        as_user: Option<String>,
    },
}

/// The config file (`--config`, else the default path) and whether it
/// was named explicitly.
fn load_config(args: &GlobalArgs) -> Result<(Config, bool), ConfigError> {
    Ok(match &args.config {
        Some(p) => (Config::load(p, true)?, true),
        None => match crate::config::default_path() {
            Some(p) => (Config::load(&p, false)?, false),
            None => (Config::default(), false),
        },
    })
}

/// The app's settings from the config: keys, theme, mouse, clipboard
/// (the profile's over the top-level ones).
pub fn resolve_prefs(args: &GlobalArgs) -> Result<crate::app::Prefs, ConfigError> {
    let (config, _) = load_config(args)?;
    // Every profile is checked, so a mistake is found before it is used.
    let mut errors: Vec<String> = config
        .profiles
        .keys()
        .filter_map(|p| crate::app::Prefs::from_config(&config.look_for(Some(p))).err())
        .map(|e| e.0)
        .collect();
    let profile = args.profile.clone().or(config.default_profile.clone());
    let prefs = crate::app::Prefs::from_config(&config.look_for(profile.as_deref()));
    if let Err(e) = &prefs {
        errors.insert(0, e.0.clone());
    }
    if errors.is_empty() {
        return prefs;
    }
    // A top-level mistake shows in every profile's check: say it once.
    let mut lines: Vec<String> = Vec::new();
    for line in errors.iter().flat_map(|e| e.lines()) {
        if !lines.iter().any(|l| l == line) {
            lines.push(line.to_string());
        }
    }
    Err(ConfigError(lines.join("\n")))
}

/// Resolves the target and the refresh period (seconds, 0 = off).
pub fn resolve(args: &GlobalArgs) -> Result<(Target, u64), ConfigError> {
    let (config, explicit) = load_config(args)?;
    let profile_name = args
        .profile
        .clone()
        .or_else(|| config.default_profile.clone());
    let profile: Profile = match &profile_name {
        Some(name) => match config.profile(name) {
            Some(p) => p.clone(),
            None if args.profile.is_some() || explicit || !config.profiles.is_empty() => {
                let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
                return Err(ConfigError(format!(
                    "no profile named `{name}` in the config (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
            None => Profile::default(),
        },
        None => Profile::default(),
    };
    let refresh = profile.refresh_seconds.unwrap_or(60);
    let api_config = profile.api_config()?;
    let profile_name = profile_name.unwrap_or_else(|| "default".into());
    let defaults = SeedSize::default();
    let demo_size = SeedSize {
        leads: args
            .demo_leads
            .or(profile.demo_leads)
            .unwrap_or(defaults.leads),
        contracts: args.demo_contracts.unwrap_or(defaults.contracts),
        orders: defaults.orders,
    };
    let demo_user = args.as_user.clone().or(profile.demo_user.clone());

    let target = if args.demo {
        Target::Demo {
            size: demo_size,
            user: demo_user,
        }
    } else if let Some(url) = args.database.clone() {
        Target::Postgres {
            url,
            as_user: args.as_user.clone().or(profile.db_user.clone()),
        }
    } else if let Some(server) = args.server.clone() {
        Target::Api {
            server,
            profile: profile_name,
            username: profile.username.clone(),
            config: api_config,
        }
    } else if let Some(url) = profile.database_url.clone() {
        Target::Postgres {
            url,
            as_user: args.as_user.clone().or(profile.db_user.clone()),
        }
    } else if let Some(server) = profile.server.clone() {
        Target::Api {
            server,
            profile: profile_name,
            username: profile.username.clone(),
            config: api_config,
        }
    } else {
        Target::Demo {
            size: demo_size,
            user: demo_user,
        }
    };
    Ok((target, refresh))
}

/// An open backend, or a server that wants the user to sign in first.
pub enum Connection {
    Ready {
        backend: SharedBackend,
        sign_in: Option<SharedSignIn>,
    },
    SignInNeeded(Arc<ApiSignIn>),
}

/// Opens the backend for a target (resuming a cached API session). The
/// error's messages are clean to print (they may quote a server).
pub async fn connect(target: &Target) -> Result<Connection, BackendError> {
    open(target)
        .await
        .map_err(super::failure::cleaned_backend_error)
}

async fn open(target: &Target) -> Result<Connection, BackendError> {
    match target {
        Target::Demo { size, user } => {
            let (size, user) = (*size, user.clone());
            // Seeding 100k leads takes a moment: keep it off the async workers.
            let backend =
                tokio::task::spawn_blocking(move || DemoBackend::new(size, user.as_deref()))
                    .await
                    .map_err(|e| BackendError::Database(format!("demo seeding failed: {e}")))??;
            Ok(Connection::Ready {
                backend: Arc::new(backend),
                sign_in: None,
            })
        }
        Target::Api {
            server,
            profile,
            username,
            config,
        } => {
            let sign_in = Arc::new(ApiSignIn::new(
                server,
                profile,
                username.clone(),
                config.clone(),
            )?);
            match sign_in.resume().await? {
                Some(backend) => Ok(Connection::Ready {
                    backend,
                    sign_in: Some(sign_in),
                }),
                None => Ok(Connection::SignInNeeded(sign_in)),
            }
        }
        Target::Postgres { url, as_user } => {
            let user = as_user.as_deref().ok_or_else(|| BackendError::Validation {
                message: "database mode needs the Tentabo user to act as: pass --as USERNAME or set db_user in the profile"
                    .into(),
                fields: Vec::new(),
            })?;
            let backend = crate::backend::postgres::PostgresBackend::connect(url, user).await?;
            Ok(Connection::Ready {
                backend: Arc::new(backend),
                sign_in: None,
            })
        }
    }
}
