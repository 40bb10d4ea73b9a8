//! The acting user: a `users` row (by username) or an `admin_users`
//! account, read on connect and again on every read and inside every
//! write, so a role or company change or a disabled account takes effect
//! at once.

use super::error::R;
use super::rows::{get, user};
use super::types::Pg;
use crate::backend::BackendError;
use crate::domain::scope::Actor;
use crate::domain::*;
use deadpool_postgres::GenericClient;

fn admin_actor(id: Id) -> Actor {
    Actor {
        id,
        user_type: UserType::Admin,
        role: None,
        partner_id: None,
        distributor_id: None,
    }
}

/// Finds who `username` is: a regular user first (as the demo does), then
/// an admin account.
pub async fn by_username<C: GenericClient>(c: &C, username: &str, db: &str) -> R<Actor> {
    let users = c
        .query(
            &format!(
                "SELECT {} FROM users u WHERE u.username = $1 LIMIT 2",
                super::rows::USER
            ),
            &[&username],
        )
        .await?;
    match users.as_slice() {
        [one] => {
            let u = user(one)?;
            if !u.is_enabled {
                return Err(BackendError::Unauthorized(format!(
                    "user `{username}` is disabled; an administrator must enable it"
                ))
                .into());
            }
            return Ok(Actor::from_user(&u));
        }
        [_, _, ..] => {
            return Err(BackendError::Unauthorized(format!(
                "several users are named `{username}` in database `{db}`; cannot tell which one you are"
            ))
            .into())
        }
        [] => {}
    }
    let admin = c
        .query_opt(
            "SELECT id, is_active FROM admin_users WHERE username = $1",
            &[&username],
        )
        .await?;
    match admin {
        Some(r) if get::<bool>(&r, "is_active")? => Ok(admin_actor(get(&r, "id")?)),
        Some(_) => Err(BackendError::Unauthorized(format!(
            "admin account `{username}` is disabled"
        ))
        .into()),
        None => Err(BackendError::Unauthorized(format!(
            "no user or admin account named `{username}` in database `{db}`"
        ))
        .into()),
    }
}

/// The actor as the database has it now (inside a write's transaction).
pub async fn refresh<C: GenericClient>(c: &C, cached: &Actor) -> R<Actor> {
    if cached.is_admin_account() {
        let r = c
            .query_opt(
                "SELECT is_active FROM admin_users WHERE id = $1",
                &[&cached.id],
            )
            .await?;
        return match r {
            Some(r) if get::<bool>(&r, "is_active")? => Ok(cached.clone()),
            Some(_) => Err(BackendError::Forbidden("Admin account is disabled".into()).into()),
            None => {
                Err(BackendError::Unauthorized("your admin account no longer exists".into()).into())
            }
        };
    }
    let r = c
        .query_opt(
            "SELECT role, is_enabled, partner_id, distributor_id FROM users WHERE id = $1",
            &[&cached.id],
        )
        .await?;
    let Some(r) = r else {
        return Err(BackendError::Unauthorized("your user no longer exists".into()).into());
    };
    if !get::<bool>(&r, "is_enabled")? {
        return Err(BackendError::Forbidden("User account is disabled".into()).into());
    }
    Ok(Actor {
        id: cached.id,
        user_type: UserType::User,
        role: Some(get::<Pg<UserRole>>(&r, "role")?.0),
        partner_id: get(&r, "partner_id")?,
        distributor_id: get(&r, "distributor_id")?,
    })
}

/// `whoami`: the identity with its company links.
pub async fn me<C: GenericClient>(c: &C, actor: &Actor) -> R<(Me, Actor)> {
    if actor.is_admin_account() {
        let r = c
            .query_opt(
                "SELECT id, username, email, full_name, is_active, created_at, last_login \
                 FROM admin_users WHERE id = $1",
                &[&actor.id],
            )
            .await?
            .ok_or_else(|| {
                BackendError::Unauthorized("your admin account no longer exists".into())
            })?;
        let me = Me {
            id: get(&r, "id")?,
            user_type: UserType::Admin,
            username: get(&r, "username")?,
            email: get(&r, "email")?,
            full_name: get(&r, "full_name")?,
            role: None,
            is_enabled: get(&r, "is_active")?,
            created_at: get(&r, "created_at")?,
            last_login: get(&r, "last_login")?,
            partner_id: None,
            distributor_id: None,
        };
        return Ok((me, actor.clone()));
    }
    let r = c
        .query_opt(
            &format!("SELECT {} FROM users u WHERE u.id = $1", super::rows::USER),
            &[&actor.id],
        )
        .await?
        .ok_or_else(|| BackendError::Unauthorized("your user no longer exists".into()))?;
    let u = user(&r)?;
    let me = Me {
        id: u.id,
        user_type: UserType::User,
        username: u.username.clone(),
        email: u.email.clone(),
        full_name: u.full_name.clone(),
        role: Some(u.role),
        is_enabled: u.is_enabled,
        created_at: u.created_at,
        last_login: u.last_login,
        partner_id: u.partner_id,
        distributor_id: u.distributor_id,
    };
    Ok((me, Actor::from_user(&u)))
}
