//! `tentabo users …`: list users, enable or disable them, change a role,
//! move one to another company (admins only; the backend refuses others).

use super::args::OutputArgs;
use super::commands::parse_enum;
use super::failure::{usage, CliFailure};
use super::output::Record;
use super::partners::resolve_company;
use super::partners_args::UsersCommand;
use crate::backend::{fetch_all, SharedBackend, UserQuery};
use crate::domain::*;
use crate::sanitize::line;

impl Record for User {
    const HEADERS: &'static [&'static str] = &["ID", "USERNAME", "NAME", "ROLE", "STATE"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.username.clone().unwrap_or_default(),
            self.display_name().to_string(),
            self.role.to_string(),
            if self.is_enabled {
                "enabled"
            } else {
                "disabled"
            }
            .into(),
        ]
    }
    const CSV_HEADERS: &'static [&'static str] = &["id", "username", "name", "role", "state"];
}

async fn list(backend: &SharedBackend, q: &UserQuery) -> Result<Vec<User>, CliFailure> {
    let size = backend.preferred_page_size();
    Ok(fetch_all(size, |p| {
        let (b, q) = (backend.clone(), q.clone());
        async move { b.list_users(&q, p).await }
    })
    .await?)
}

/// A user by id, username or email.
async fn resolve_user(backend: &SharedBackend, raw: &str) -> Result<User, CliFailure> {
    let raw = raw.trim();
    let id = Id::parse_str(raw).ok();
    let all = list(backend, &UserQuery::default()).await?;
    all.into_iter()
        .find(|u| {
            Some(u.id) == id
                || u.username.as_deref() == Some(raw)
                || u.email.eq_ignore_ascii_case(raw)
        })
        .ok_or_else(|| CliFailure {
            code: super::EXIT_BACKEND,
            message: format!("no user `{raw}`"),
        })
}

/// The changed user as JSON, or what was done in words.
fn done(out: &OutputArgs, user: &User, what: String) -> Result<String, CliFailure> {
    out.format().one(user, |_| format!("{what}\n"))
}

pub async fn run(backend: &SharedBackend, cmd: UsersCommand) -> Result<String, CliFailure> {
    match cmd {
        UsersCommand::List {
            role,
            partner,
            distributor,
            enabled,
            out,
        } => {
            let mut q = UserQuery {
                role: role.as_deref().map(parse_enum).transpose()?,
                is_enabled: enabled,
                ..Default::default()
            };
            if let Some(p) = partner {
                q.partner_id = Some(resolve_company(backend, CompanyKind::Partner, &p).await?.id);
            }
            if let Some(d) = distributor {
                let d = resolve_company(backend, CompanyKind::Distributor, &d).await?;
                q.distributor_id = Some(d.id);
            }
            let mut users = list(backend, &q).await?;
            users.sort_by_key(|u| u.display_name().to_lowercase());
            out.format().list(&users)
        }
        UsersCommand::Enable { user, reason, out } => {
            set_enabled(backend, &user, true, reason, &out).await
        }
        UsersCommand::Disable { user, reason, out } => {
            set_enabled(backend, &user, false, reason, &out).await
        }
        UsersCommand::Role {
            user,
            role,
            reason,
            out,
        } => {
            let role: UserRole = parse_enum(&role)?;
            let u = resolve_user(backend, &user).await?;
            let u = backend
                .set_user_role(u.id, role, reason.as_deref(), Some(&u))
                .await?;
            let what = format!("{} is now {}", line(u.display_name()), u.role);
            done(&out, &u, what)
        }
        UsersCommand::Move {
            user,
            partner,
            distributor,
            out,
        } => {
            let u = resolve_user(backend, &user).await?;
            let (to, name) = match (partner, distributor) {
                (Some(p), None) => {
                    let p = resolve_company(backend, CompanyKind::Partner, &p).await?;
                    let to = CompanyAssignment {
                        partner_id: Some(p.id),
                        distributor_id: None,
                    };
                    (to, p.name)
                }
                (None, Some(d)) => {
                    let d = resolve_company(backend, CompanyKind::Distributor, &d).await?;
                    let to = CompanyAssignment {
                        partner_id: None,
                        distributor_id: Some(d.id),
                    };
                    (to, d.name)
                }
                _ => return Err(usage("give exactly one of --partner and --distributor")),
            };
            let u = backend.set_user_company(u.id, to, Some(&u)).await?;
            let what = format!("Moved {} to {}", line(u.display_name()), line(&name));
            done(&out, &u, what)
        }
    }
}

async fn set_enabled(
    backend: &SharedBackend,
    user: &str,
    enable: bool,
    reason: Option<String>,
    out: &OutputArgs,
) -> Result<String, CliFailure> {
    let u = resolve_user(backend, user).await?;
    let u = backend
        .set_user_enabled(u.id, enable, reason.as_deref(), Some(&u))
        .await?;
    let what = format!(
        "{} {}",
        if u.is_enabled { "Enabled" } else { "Disabled" },
        line(u.display_name())
    );
    done(out, &u, what)
}
