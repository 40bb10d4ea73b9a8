//! The session cache: one small JSON file per profile and server, so a second
//! run (or a CLI command) reuses the login.
//!
//! * The directory is created 0700 and each file written 0600, atomically (a
//!   temporary file in the same directory, then a rename), so a crash never
//!   leaves half a token and no other user can read one.
//! * A file holds the server, profile, username, user type, token kind, the
//!   token and its expiry. Never a password. For a session made from an API
//!   key the key is stored too (same 0600 file), because trading it for a
//!   new JWT when the old one expires is the only way to stay signed in
//!   without asking again; `delete` (logout) removes it.

use super::server::normalize;
use super::session::{Secret, Session, TokenKind};
use crate::domain::serde_util::utc_opt;
use crate::domain::{Timestamp, UserType};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where cached sessions live. The app passes its platform data directory,
/// tests a temporary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenStore {
    dir: PathBuf,
}

/// The file format (version 1).
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    server: String,
    profile: String,
    username: Option<String>,
    user_type: Option<UserType>,
    kind: TokenKind,
    token: Secret,
    #[serde(with = "utc_opt", default)]
    expires_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_key: Option<Secret>,
}

const VERSION: u32 = 1;

impl TokenStore {
    pub fn new(dir: impl Into<PathBuf>) -> TokenStore {
        TokenStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<profile>@<host>-<hash>.json`: readable, and distinct per server URL.
    pub fn path_for(&self, profile: &str, server: &str) -> PathBuf {
        let server = canonical(server);
        let host = normalize(&server)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        self.dir.join(format!(
            "{}@{}-{:016x}.json",
            sanitize(profile),
            sanitize(&host),
            fnv1a(server.as_bytes())
        ))
    }

    /// The cached session for this profile and server, if there is a
    /// readable one. A damaged file counts as none (the user signs in again).
    pub fn load(&self, profile: &str, server: &str) -> io::Result<Option<Session>> {
        let path = self.path_for(profile, server);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(with_path(e, "read", &path)),
        };
        let stored: Stored = match serde_json::from_slice(&bytes) {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "ignoring a damaged session cache file");
                return Ok(None);
            }
        };
        if stored.version != VERSION
            || stored.server != canonical(server)
            || stored.profile != profile
        {
            return Ok(None);
        }
        Ok(Some(Session {
            server: stored.server,
            profile: stored.profile,
            username: stored.username,
            user_type: stored.user_type,
            kind: stored.kind,
            token: stored.token,
            expires_at: stored.expires_at,
            api_key: stored.api_key,
            cache_problem: None,
            ephemeral: false,
        }))
    }

    /// Writes the session (0600, atomically) and returns the file's path.
    pub fn save(&self, session: &Session) -> io::Result<PathBuf> {
        self.ensure_dir()?;
        let path = self.path_for(&session.profile, &session.server);
        let stored = Stored {
            version: VERSION,
            server: session.server.clone(),
            profile: session.profile.clone(),
            username: session.username.clone(),
            user_type: session.user_type,
            kind: session.kind,
            token: session.token().clone(),
            expires_at: session.expires_at,
            api_key: session.api_key().cloned(),
        };
        let bytes = serde_json::to_vec_pretty(&stored).map_err(io::Error::other)?;
        write_atomic(&path, &bytes)?;
        Ok(path)
    }

    /// Forgets the session (logout, or a token the server refused). Returns
    /// whether there was one.
    pub fn delete(&self, profile: &str, server: &str) -> io::Result<bool> {
        let path = self.path_for(profile, server);
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(with_path(e, "delete", &path)),
        }
    }

    fn ensure_dir(&self) -> io::Result<()> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&self.dir)
            .map_err(|e| with_path(e, "create", &self.dir))?;
        // An existing directory may have been made wider by hand.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| with_path(e, "protect", &self.dir))?;
        }
        Ok(())
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("session");
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let result = (|| {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| with_path(e, "write", path))
}

fn with_path(e: io::Error, action: &str, path: &Path) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot {action} the session cache {}: {e}", path.display()),
    )
}

/// The server as sessions record it (normalized when it is a valid URL).
fn canonical(server: &str) -> String {
    normalize(server)
        .map(|u| u.as_str().trim_end_matches('/').to_string())
        .unwrap_or_else(|_| server.trim().to_string())
}

fn sanitize(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    if clean.is_empty() || clean.starts_with('.') {
        format!("_{clean}")
    } else {
        clean
    }
}

/// FNV-1a: a stable, dependency-free hash for file names (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let store = TokenStore::new("/tmp/x");
        let a = store.path_for("default", "https://prm.example.com");
        let b = store.path_for("default", "https://prm.example.com/api/v1/");
        let c = store.path_for("default", "https://prm.example.com:8443");
        let d = store.path_for("../../etc", "https://prm.example.com");
        assert_eq!(a, b, "the same server however it is written");
        assert_ne!(a, c);
        assert_eq!(d.parent(), Some(Path::new("/tmp/x")));
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("default@prm.example.com-"), "{name}");
    }
}
