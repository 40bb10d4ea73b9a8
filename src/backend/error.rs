//! Backend errors, precise enough to tell the user what happened.

use crate::domain::validation::FieldError;
use thiserror::Error;

pub type BackendResult<T> = Result<T, BackendError>;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum BackendError {
    /// 401: no session, a wrong password, an expired or revoked token.
    #[error("not signed in: {0}")]
    Unauthorized(String),
    /// 403: signed in, but this user may not do that.
    #[error("not allowed: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// 400 from a business rule (a status change, a price tier, a duplicate).
    #[error("{0}")]
    Rule(String),
    /// 422, or local validation: messages per field.
    #[error("invalid input: {message}")]
    Validation {
        message: String,
        fields: Vec<FieldError>,
    },
    /// Somebody else changed the record since it was read.
    #[error("conflict: {message}")]
    Conflict { message: String },
    /// 5xx: the server's own message, kept whole.
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// The connection failed: refused, DNS, TLS, dropped.
    #[error("connection failed: {0}")]
    Network(String),
    #[error("timed out: {0}")]
    Timeout(String),
    /// An answer that is not what the contract says (garbage, truncated, unknown enum value).
    #[error("unexpected answer: {0}")]
    Decode(String),
    /// A database error that is none of the above.
    #[error("database error: {0}")]
    Database(String),
    /// A write whose answer never came and whose effect could not be
    /// checked: it may or may not have been carried out.
    #[error("outcome unknown: {0}")]
    Unknown(String),
    /// This backend cannot do that at all.
    #[error("not available: {0}")]
    Unsupported(String),
}

impl BackendError {
    /// Worth retrying a read after a pause.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            BackendError::Network(_)
                | BackendError::Timeout(_)
                | BackendError::Server {
                    status: 502..=504,
                    ..
                }
        )
    }

    pub fn needs_login(&self) -> bool {
        matches!(self, BackendError::Unauthorized(_))
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            BackendError::Validation { fields, .. } => fields,
            _ => &[],
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        BackendError::Validation {
            message: crate::domain::validation::summarize(&fields),
            fields,
        }
    }
}

impl From<crate::domain::transitions::Refusal> for BackendError {
    fn from(r: crate::domain::transitions::Refusal) -> Self {
        use crate::domain::transitions::Refusal;
        match r {
            Refusal::Rule(m) => BackendError::Rule(m),
            Refusal::Forbidden(m) => BackendError::Forbidden(m),
        }
    }
}

impl From<crate::domain::pricing::PricingError> for BackendError {
    fn from(e: crate::domain::pricing::PricingError) -> Self {
        BackendError::Rule(e.to_string())
    }
}
