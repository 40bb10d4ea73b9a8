//! Turning what the server or the network did into a precise `BackendError`.
//!
//! The server answers errors as `{"error": …, "status_code": N}`; a 422 adds
//! `details: [{loc, msg, type}]`, an unhandled 500 may add `type` (the Python
//! exception class). Anything else (an HTML page from a proxy, a cut body, a
//! refused connection) gets a message that names what went wrong.

use crate::backend::BackendError;
use crate::domain::validation::{summarize, FieldError};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;
use std::error::Error as StdError;
use std::sync::Mutex;

#[derive(Deserialize)]
struct ErrorBody {
    error: Option<Value>,
    #[serde(default)]
    details: Option<Value>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

/// Maps a non-2xx answer to an error. `what` names the request (`GET /leads`).
pub fn from_status(status: u16, body: &[u8], what: &str) -> BackendError {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let message = match &parsed {
        Some(ErrorBody { error: Some(e), .. }) => value_text(e),
        _ => non_json_message(status, body),
    };
    match status {
        401 => BackendError::Unauthorized(message),
        403 => BackendError::Forbidden(message),
        404 => BackendError::NotFound(message),
        409 => BackendError::Conflict { message },
        422 => {
            let fields = parsed
                .as_ref()
                .and_then(|p| p.details.as_ref())
                .map(validation_fields)
                .unwrap_or_default();
            let message = if fields.is_empty() {
                message
            } else {
                summarize(&fields)
            };
            BackendError::Validation { message, fields }
        }
        500..=599 => {
            let kind = parsed.and_then(|p| p.kind);
            let message = match kind {
                Some(k) if !k.is_empty() => format!("{message} ({k}; {what})"),
                _ => format!("{message} ({what})"),
            };
            BackendError::Server { status, message }
        }
        // 400 is the server's business-rule refusal; other 4xx are rare
        // (405, 413, 429) and just as final for the user.
        400 => BackendError::Rule(message),
        _ => BackendError::Rule(format!("HTTP {status} from {what}: {message}")),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A body that is not the server's JSON error: usually a proxy's page.
fn non_json_message(status: u16, body: &[u8]) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("error");
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        reason.to_string()
    } else if text.starts_with('<') {
        format!("{reason} (an HTML page, not the Tentabo API: is a proxy in the way?)")
    } else {
        format!("{reason}: {}", snippet(body, 200))
    }
}

/// Field errors from FastAPI's `details`: the field is the last name in `loc`.
fn validation_fields(details: &Value) -> Vec<FieldError> {
    let Some(items) = details.as_array() else {
        return Vec::new();
    };
    items
        .iter()
        .map(|d| {
            let field = d
                .get("loc")
                .and_then(Value::as_array)
                .and_then(|loc| loc.iter().rev().find_map(Value::as_str))
                .unwrap_or("request");
            let message = d
                .get("msg")
                .map(value_text)
                .unwrap_or_else(|| "invalid".into());
            FieldError {
                field: intern(field),
                message,
            }
        })
        .collect()
}

/// `FieldError` wants a `&'static str`. Field names come from a small set
/// (the schemas' fields), so each distinct one is leaked once; past a cap
/// on their number or length (a misbehaving server) they are lumped under
/// `request`.
fn intern(name: &str) -> &'static str {
    if name.len() > 64 {
        return "request";
    }
    static NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let Ok(mut guard) = NAMES.lock() else {
        return "request";
    };
    let set = guard.get_or_insert_with(HashSet::new);
    if let Some(known) = set.get(name) {
        return known;
    }
    if set.len() >= 512 {
        return "request";
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The start of a body, printable, for messages.
pub fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out.trim().to_string()
}

/// A 2xx body that does not parse as the expected JSON.
pub fn decode_error(e: &serde_json::Error, body: &[u8], what: &str) -> BackendError {
    use serde_json::error::Category;
    let msg = if body.iter().all(u8::is_ascii_whitespace) {
        format!("{what}: the server sent an empty answer")
    } else {
        match e.classify() {
            Category::Eof => format!(
                "{what}: the answer was cut short after {} bytes (truncated JSON: {e})",
                body.len()
            ),
            Category::Syntax => format!(
                "{what}: the answer is not JSON (it starts with “{}”): {e}",
                snippet(body, 60)
            ),
            Category::Data if e.to_string().contains("unknown variant") => {
                format!("{what}: the server sent a value this client does not know: {e}")
            }
            Category::Data | Category::Io => {
                format!("{what}: the answer does not have the expected shape: {e}")
            }
        }
    };
    BackendError::Decode(msg)
}

/// Maps a failure to get a (whole) answer. `host` is `host:port`;
/// `reading` tells that the status line had arrived and the body had not.
pub fn from_transport(
    e: &reqwest::Error,
    what: &str,
    host: &str,
    cfg: &super::ApiConfig,
    reading: bool,
) -> BackendError {
    let chain = error_chain(e);
    let lower = chain.to_lowercase();
    if e.is_timeout() || has_io_kind(e, std::io::ErrorKind::TimedOut) {
        return if e.is_connect() {
            BackendError::Timeout(format!(
                "could not connect to {host} within {}s",
                cfg.connect_timeout.as_secs_f32()
            ))
        } else {
            BackendError::Timeout(format!(
                "{what}: no complete answer from {host} within {}s",
                cfg.timeout.as_secs_f32()
            ))
        };
    }
    if e.is_connect() {
        if has_io_kind(e, std::io::ErrorKind::ConnectionRefused) {
            return BackendError::Network(format!(
                "{host} refused the connection (is the server running, and is the port right?)"
            ));
        }
        if lower.contains("dns error")
            || lower.contains("failed to lookup address")
            || lower.contains("name or service not known")
            || lower.contains("no address associated")
            || lower.contains("nodename nor servname")
        {
            return BackendError::Network(format!(
                "cannot find the host {host} (DNS lookup failed: {})",
                innermost(e)
            ));
        }
        if is_tls(e) || lower.contains("certificate") || lower.contains("handshake") {
            return BackendError::Network(format!(
                "secure (TLS) connection to {host} failed: {}",
                innermost(e)
            ));
        }
        return BackendError::Network(format!("cannot connect to {host}: {}", innermost(e)));
    }
    if lower.contains("connection closed before message completed")
        || lower.contains("incomplete")
        || lower.contains("end of file")
        || has_io_kind(e, std::io::ErrorKind::ConnectionReset)
        || has_io_kind(e, std::io::ErrorKind::ConnectionAborted)
        || has_io_kind(e, std::io::ErrorKind::UnexpectedEof)
        || has_io_kind(e, std::io::ErrorKind::BrokenPipe)
    {
        let when = if reading {
            "while the answer was being read"
        } else {
            "before it answered"
        };
        return BackendError::Network(format!("{what}: {host} dropped the connection {when}"));
    }
    if reading {
        return BackendError::Network(format!(
            "{what}: reading the answer from {host} failed: {}",
            innermost(e)
        ));
    }
    BackendError::Network(format!("{what}: {}", innermost(e)))
}

fn error_chain(e: &dyn StdError) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// The most specific cause, which is what a person can act on.
fn innermost(e: &dyn StdError) -> String {
    let mut cur: &dyn StdError = e;
    while let Some(s) = cur.source() {
        cur = s;
    }
    cur.to_string()
}

/// A rustls error anywhere in the chain. An `io::Error` hides its inner
/// error from `source()` (and may wrap another `io::Error`), so look inside.
fn is_tls(e: &(dyn StdError + 'static)) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = cur {
        let mut inner: Option<&(dyn StdError + 'static)> = Some(err);
        while let Some(x) = inner {
            if x.downcast_ref::<rustls::Error>().is_some() {
                return true;
            }
            inner = x
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .map(|i| i as &(dyn StdError + 'static));
        }
        cur = err.source();
    }
    false
}

fn has_io_kind(e: &(dyn StdError + 'static), kind: std::io::ErrorKind) -> bool {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == kind {
                return true;
            }
        }
        cur = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_variants() {
        let body = br#"{"error": "Lead not found", "status_code": 404}"#;
        assert_eq!(
            from_status(404, body, "GET /leads/x"),
            BackendError::NotFound("Lead not found".into())
        );
        let body = br#"{"error": "Cannot transition from sent to created", "status_code": 400}"#;
        assert!(
            matches!(from_status(400, body, "PUT"), BackendError::Rule(m) if m.contains("sent"))
        );
        let body = br#"{"error": "boom", "status_code": 500, "type": "AttributeError"}"#;
        match from_status(500, body, "POST /orders") {
            BackendError::Server { status, message } => {
                assert_eq!(status, 500);
                assert!(message.contains("boom") && message.contains("AttributeError"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn validation_details_name_fields() {
        let body = br#"{"error": "Validation error", "status_code": 422, "details": [
            {"loc": ["body", "title"], "msg": "field required", "type": "value_error.missing"},
            {"loc": ["body", "items", 0, "quantity"], "msg": "must be > 0", "type": "x"},
            {"loc": ["query", "page_size"], "msg": "ensure this value is less than or equal to 100", "type": "y"}
        ]}"#;
        let e = from_status(422, body, "POST /leads");
        let fields: Vec<_> = e.field_errors().iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["title", "quantity", "page_size"]);
        assert!(e.to_string().contains("title: field required"));
        // A name no schema has is not kept forever.
        let long = "x".repeat(10_000);
        let body = format!(r#"{{"details": [{{"loc": ["body", "{long}"], "msg": "no"}}]}}"#);
        let e = from_status(422, body.as_bytes(), "POST /leads");
        assert_eq!(e.field_errors()[0].field, "request");
    }

    #[test]
    fn html_from_a_proxy_is_named() {
        let e = from_status(502, b"<html><body>Bad gateway</body></html>", "GET /leads");
        assert!(e.is_transient());
        assert!(e.to_string().contains("HTML page"), "{e}");
    }

    #[test]
    fn decode_errors_say_what_was_wrong() {
        let body = br#"{"items": [{"id": "#;
        let err = serde_json::from_slice::<Value>(body).unwrap_err();
        assert!(decode_error(&err, body, "GET /leads")
            .to_string()
            .contains("cut short"));
        let body = b"<html>";
        let err = serde_json::from_slice::<Value>(body).unwrap_err();
        assert!(decode_error(&err, body, "GET /leads")
            .to_string()
            .contains("not JSON"));
        let body = br#""zombie""#;
        let err = serde_json::from_slice::<crate::domain::LeadStatus>(body).unwrap_err();
        let msg = decode_error(&err, body, "GET /leads").to_string();
        assert!(
            msg.contains("zombie") && msg.contains("does not know"),
            "{msg}"
        );
    }
}
