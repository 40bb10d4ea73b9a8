//! Connection strings and the connection pool (TLS per `sslmode`: see
//! `sslmode.rs` and `tls.rs`). Passwords never leave this module in a
//! message: use [`redacted`] or [`describe`] for display.

use super::error::pool_error;
use super::sslmode::{CertCheck, SslMode};
use super::tls::{self, Recording, TlsSeen};
use crate::backend::BackendError;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use std::time::Duration;
use tokio_postgres::{Config, NoTls};

/// A small pool: a terminal client issues a few queries at a time.
pub const POOL_SIZE: usize = 4;

/// The URL (or key=value string) with any password replaced by `***`.
pub fn redacted(url: &str) -> String {
    let mut out = url.to_string();
    // postgres://user:secret@host/db
    if let Some(scheme_end) = out.find("://") {
        let auth_start = scheme_end + 3;
        let auth_end = out[auth_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| auth_start + i);
        if let Some(at) = out[auth_start..auth_end].rfind('@') {
            let userinfo = &out[auth_start..auth_start + at];
            if let Some(colon) = userinfo.find(':') {
                out.replace_range(auth_start + colon + 1..auth_start + at, "***");
            }
        }
    }
    redact_param(&out)
}

/// `password=…` in a query string or a key=value string.
fn redact_param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = find_key(rest, "password") {
        let value_start = pos + "password".len();
        let after = rest[value_start..].trim_start();
        let Some(after_eq) = after.strip_prefix('=') else {
            out.push_str(&rest[..value_start]);
            rest = &rest[value_start..];
            continue;
        };
        out.push_str(&rest[..pos]);
        out.push_str("password=***");
        let v = after_eq.trim_start();
        let consumed = if let Some(quoted) = v.strip_prefix('\'') {
            // A quoted value may hold spaces and escaped quotes.
            let mut end = quoted.len();
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '\'' => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            1 + end
        } else {
            v.find([' ', '&', '#']).unwrap_or(v.len())
        };
        rest = &v[consumed..];
    }
    out.push_str(rest);
    out
}

/// The position of `key` where it starts a parameter (not inside a word).
fn find_key(s: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(key) {
        let at = from + i;
        let before = s[..at].chars().next_back();
        if before.is_none_or(|c| matches!(c, ' ' | '?' | '&')) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

/// Takes `key=value` out of a URL query or key=value string (tokio-postgres
/// rejects options it does not know, such as `sslrootcert`).
fn take_param(s: &str, key: &str) -> (String, Option<String>) {
    let Some(at) = find_key(s, key) else {
        return (s.to_string(), None);
    };
    let after = &s[at + key.len()..];
    let Some(v) = after.trim_start().strip_prefix('=') else {
        return (s.to_string(), None);
    };
    let v = v.trim_start();
    let end = v.find([' ', '&', '#']).unwrap_or(v.len());
    let value = v[..end].trim_matches('\'').to_string();
    let consumed = s.len() - v.len() + end;
    let mut rest = s[..at].to_string();
    let tail = &s[consumed..];
    // Drop the separator the removed parameter leaves behind.
    if rest.ends_with('&') || rest.ends_with(' ') {
        if tail.is_empty() || tail.starts_with('#') {
            rest.pop();
        } else {
            rest.push_str(tail.trim_start_matches(['&', ' ']));
            return (rest, Some(value));
        }
    } else if rest.ends_with('?') {
        let t = tail.trim_start_matches('&');
        if t.is_empty() {
            rest.pop();
        }
        rest.push_str(t);
        return (rest, Some(value));
    }
    rest.push_str(tail);
    (rest, Some(value))
}

/// A parsed connection string plus what tokio-postgres does not parse.
pub struct Target {
    pub config: Config,
    pub ssl: SslMode,
    pub root_cert: Option<String>,
}

fn invalid(message: String) -> BackendError {
    BackendError::Validation {
        message,
        fields: Vec::new(),
    }
}

pub fn parse(url: &str) -> Result<Target, BackendError> {
    let (url, root_cert) = take_param(url.trim(), "sslrootcert");
    // tokio-postgres knows three of libpq's six modes: read them here.
    let (url, mode) = take_param(&url, "sslmode");
    let ssl = match mode {
        Some(m) => SslMode::parse(&m).map_err(invalid)?,
        None => SslMode::Prefer,
    };
    let mut config: Config = url.parse().map_err(|e| {
        invalid(format!(
            "not a PostgreSQL connection string ({e}): {}",
            redacted(&url)
        ))
    })?;
    config.ssl_mode(ssl.wire());
    if config.get_application_name().is_none() {
        config.application_name("tentabo-tui");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    if config.get_options().is_none() {
        // A runaway query should not hang the terminal.
        config.options("-c statement_timeout=60000");
    }
    Ok(Target {
        config,
        ssl,
        root_cert,
    })
}

/// `postgres://user@host:port/db`, without any secret.
pub fn describe(config: &Config) -> String {
    use tokio_postgres::config::Host;
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres");
    format!("postgres://{user}{host}:{port}/{db}")
}

/// Builds the pool: plain TCP for `sslmode=disable`, else rustls with the
/// checks the mode asks for. Connections open lazily; the [`TlsSeen`]
/// tells whether they did use TLS.
pub fn pool(target: &Target) -> Result<(Pool, TlsSeen), BackendError> {
    let mc = ManagerConfig {
        recycling_method: RecyclingMethod::Fast,
    };
    let config = target.config.clone();
    let (manager, seen) = match target.ssl.check(target.root_cert.is_some()) {
        _ if target.ssl == SslMode::Disable => {
            (Manager::from_config(config, NoTls, mc), TlsSeen::default())
        }
        check => {
            let roots = match check {
                CertCheck::Nothing => rustls::RootCertStore::empty(),
                _ => tls::roots(target.root_cert.as_deref())?,
            };
            let (make, seen) = Recording::new(tls::connector(check, roots)?);
            (Manager::from_config(config, make, mc), seen)
        }
    };
    let pool = Pool::builder(manager)
        .max_size(POOL_SIZE)
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(Duration::from_secs(30)))
        .create_timeout(Some(Duration::from_secs(15)))
        .build()
        .map_err(|e| BackendError::Database(format!("cannot build the connection pool: {e}")))?;
    Ok((pool, seen))
}

/// One connection from the pool, errors mapped.
pub async fn get(pool: &Pool) -> Result<deadpool_postgres::Object, BackendError> {
    pool.get().await.map_err(|e| pool_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redacted("postgres://ann:s3cr%40t@db.example:5432/tentabo?sslmode=require"),
            "postgres://ann:***@db.example:5432/tentabo?sslmode=require"
        );
        assert_eq!(
            redacted("postgresql://ann@db/x?password=hunter2&sslmode=require"),
            "postgresql://ann@db/x?password=***&sslmode=require"
        );
        assert_eq!(
            redacted("host=db user=ann password='a b\\'c' dbname=x"),
            "host=db user=ann password=*** dbname=x"
        );
        assert_eq!(redacted("host=db password=plain"), "host=db password=***");
        assert_eq!(redacted("postgres://ann@db/x"), "postgres://ann@db/x");
        // A user called `password` is not a password.
        assert_eq!(
            redacted("user=mypassword dbname=x"),
            "user=mypassword dbname=x"
        );
    }

    #[test]
    fn root_cert_is_taken_out() {
        let (u, c) = take_param(
            "postgres://a@h/db?sslmode=require&sslrootcert=/etc/ca.pem",
            "sslrootcert",
        );
        assert_eq!(u, "postgres://a@h/db?sslmode=require");
        assert_eq!(c.as_deref(), Some("/etc/ca.pem"));
        let (u, c) = take_param("postgres://a@h/db?sslrootcert=/ca.pem&x=1", "sslrootcert");
        assert_eq!(u, "postgres://a@h/db?x=1");
        assert_eq!(c.as_deref(), Some("/ca.pem"));
        let (u, c) = take_param("host=h sslrootcert=/ca.pem dbname=d", "sslrootcert");
        assert_eq!(u, "host=h dbname=d");
        assert_eq!(c.as_deref(), Some("/ca.pem"));
        let (u, c) = take_param("postgres://a@h/db", "sslrootcert");
        assert_eq!((u.as_str(), c), ("postgres://a@h/db", None));
    }

    #[test]
    fn parses_and_describes_without_secrets() {
        let t = parse("postgres://ann:pw@127.0.0.1:5433/tentabo?sslmode=verify-full").unwrap();
        assert_eq!(t.ssl, SslMode::VerifyFull);
        assert_eq!(
            t.config.get_ssl_mode(),
            tokio_postgres::config::SslMode::Require
        );
        assert_eq!(describe(&t.config), "postgres://ann@127.0.0.1:5433/tentabo");
        let e = parse("postgres://ann:topsecret@h/db?bogus=1")
            .err()
            .unwrap();
        assert!(!e.to_string().contains("topsecret"), "{e}");
    }

    #[test]
    fn sslmode_is_read_here_in_urls_and_key_value_strings() {
        let mode = |url: &str| parse(url).map(|t| t.ssl.as_str());
        assert_eq!(mode("postgres://a@h/db").unwrap(), "prefer");
        assert_eq!(
            mode("postgres://a@h/db?sslmode=verify-ca").unwrap(),
            "verify-ca"
        );
        assert_eq!(
            mode("postgres://a@h/db?application_name=x&sslmode=disable").unwrap(),
            "disable"
        );
        assert_eq!(mode("host=h sslmode='allow' dbname=d").unwrap(), "allow");
        let t = parse("host=h sslmode=require sslrootcert=/ca.pem user=u").unwrap();
        assert_eq!(
            (t.ssl, t.root_cert.as_deref()),
            (SslMode::Require, Some("/ca.pem"))
        );
        assert_eq!(t.config.get_user(), Some("u"));
        let e = parse("postgres://a:topsecret@h/db?sslmode=strict")
            .err()
            .unwrap();
        let text = e.to_string();
        assert!(
            text.contains("sslmode=strict") && text.contains("verify-full"),
            "{text}"
        );
    }
}
