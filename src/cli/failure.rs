//! What a failed command reports on stderr, and its exit code. Messages may
//! quote a server's error body or the user's input: they are cleaned of
//! control and bidi characters before they reach the terminal.

use super::{EXIT_BACKEND, EXIT_USAGE};
use crate::backend::BackendError;
use crate::sanitize::text;

/// A failure to report on stderr, with its exit code.
#[derive(Debug)]
pub struct CliFailure {
    pub code: u8,
    pub message: String,
}

impl CliFailure {
    /// The same failure with a message safe to print.
    pub fn cleaned(self) -> CliFailure {
        CliFailure {
            code: self.code,
            message: text(&self.message).into_owned(),
        }
    }
}

impl From<BackendError> for CliFailure {
    fn from(e: BackendError) -> Self {
        CliFailure {
            code: EXIT_BACKEND,
            message: e.to_string(),
        }
    }
}

pub fn usage(message: impl Into<String>) -> CliFailure {
    CliFailure {
        code: EXIT_USAGE,
        message: message.into(),
    }
}

/// A backend error whose every message is safe to print (for errors that
/// leave the CLI as they are, such as a failed connection).
pub fn cleaned_backend_error(e: BackendError) -> BackendError {
    let c = |s: String| text(&s).into_owned();
    match e {
        BackendError::Unauthorized(m) => BackendError::Unauthorized(c(m)),
        BackendError::Forbidden(m) => BackendError::Forbidden(c(m)),
        BackendError::NotFound(m) => BackendError::NotFound(c(m)),
        BackendError::Rule(m) => BackendError::Rule(c(m)),
        BackendError::Validation { message, fields } => BackendError::Validation {
            message: c(message),
            fields: fields
                .into_iter()
                .map(|mut f| {
                    f.message = c(f.message);
                    f
                })
                .collect(),
        },
        BackendError::Conflict { message } => BackendError::Conflict {
            message: c(message),
        },
        BackendError::Server { status, message } => BackendError::Server {
            status,
            message: c(message),
        },
        BackendError::Network(m) => BackendError::Network(c(m)),
        BackendError::Timeout(m) => BackendError::Timeout(c(m)),
        BackendError::Decode(m) => BackendError::Decode(c(m)),
        BackendError::Database(m) => BackendError::Database(c(m)),
        BackendError::Unsupported(m) => BackendError::Unsupported(c(m)),
        BackendError::Unknown(m) => BackendError::Unknown(c(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_server_body_is_cleaned_and_keeps_its_code() {
        let e = BackendError::Server {
            status: 500,
            message: "boom\x1b]0;PWNED\x07\u{202E}gnp.exe".into(),
        };
        let f = CliFailure::from(e).cleaned();
        assert_eq!(f.code, EXIT_BACKEND);
        assert_eq!(f.message, "server error 500: boom]0;PWNEDgnp.exe");
        let u = usage("`\x1b[31mx` is not a valid id").cleaned();
        assert_eq!(
            (u.code, u.message.as_str()),
            (EXIT_USAGE, "`[31mx` is not a valid id")
        );
    }

    #[test]
    fn every_backend_error_prints_clean() {
        let m = || "a\x1bb\u{9b}c".to_string();
        let all = [
            BackendError::Unauthorized(m()),
            BackendError::Forbidden(m()),
            BackendError::NotFound(m()),
            BackendError::Rule(m()),
            BackendError::Validation {
                message: m(),
                fields: Vec::new(),
            },
            BackendError::Conflict { message: m() },
            BackendError::Server {
                status: 502,
                message: m(),
            },
            BackendError::Network(m()),
            BackendError::Timeout(m()),
            BackendError::Decode(m()),
            BackendError::Database(m()),
            BackendError::Unsupported(m()),
            BackendError::Unknown(m()),
        ];
        for e in all {
            let shown = cleaned_backend_error(e).to_string();
            assert!(shown.contains("abc"), "{shown}");
            assert!(!shown.chars().any(crate::sanitize::is_hostile), "{shown:?}");
        }
    }
}
