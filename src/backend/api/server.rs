//! One Tentabo server: its checked base URL and an HTTP client with timeouts.
//! Everything that goes over the wire passes through [`Server::send`].

use super::{body, errors, ApiConfig};
use crate::backend::{BackendError, BackendResult};
use crate::domain::validation::FieldError;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// The API lives under this prefix.
pub const API_PREFIX: &str = "/api/v1";

/// A server the client may talk to. Cheap to clone (the HTTP client is shared).
#[derive(Clone)]
pub struct Server {
    base: Url,
    url: String,
    config: ApiConfig,
    http: reqwest::Client,
    /// One permit per request on the wire (`max_in_flight`), shared by every
    /// clone of this server.
    slots: std::sync::Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Server").field("url", &self.url).finish()
    }
}

impl Server {
    /// Checks the URL and builds the client with the default timeouts.
    pub fn new(url: &str) -> BackendResult<Server> {
        Server::with_config(url, ApiConfig::default())
    }

    pub fn with_config(url: &str, config: ApiConfig) -> BackendResult<Server> {
        let base = normalize(url).map_err(|m| {
            BackendError::invalid(vec![FieldError {
                field: "server",
                message: m,
            }])
        })?;
        let loopback = is_loopback(&base);
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(concat!("tentabo-tui/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none());
        if loopback {
            // A proxy must never see a local server's traffic.
            builder = builder.no_proxy();
        }
        if let Some(path) = &config.ca_file {
            for cert in private_roots(path)? {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| BackendError::Network(format!("cannot set up HTTPS: {e}")))?;
        let url = base.as_str().trim_end_matches('/').to_string();
        let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(config.max_in_flight.max(1)));
        Ok(Server {
            base,
            url,
            config,
            http,
            slots,
        })
    }

    /// The normalized base URL (`https://prm.example.com`), without `/api/v1`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// `host:port`, for messages.
    pub fn host(&self) -> String {
        let host = self.base.host_str().unwrap_or("?");
        match self.base.port_or_known_default() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        }
    }

    /// Sends one request once and returns the body of a 2xx answer; any other
    /// answer or failure becomes a precise error. The bearer is never logged.
    pub async fn send(&self, call: &Call, bearer: Option<&str>) -> BackendResult<Vec<u8>> {
        let what = call.what();
        let mut url = self.base.clone();
        url.set_path(&format!(
            "{}{}{}",
            self.base.path().trim_end_matches('/'),
            API_PREFIX,
            call.path
        ));
        let mut req = self.http.request(call.method.clone(), url);
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        if let Some(token) = bearer {
            let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                BackendError::Unauthorized(
                    "the stored token is not valid text; sign in again".into(),
                )
            })?;
            value.set_sensitive(true);
            req = req.header(AUTHORIZATION, value);
        }
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        // Held until the whole answer is read; never while waiting for another.
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| BackendError::Network("the client is shutting down".into()))?;
        tracing::debug!(request = %what, "api request");
        let resp = req
            .send()
            .await
            .map_err(|e| errors::from_transport(&e, &what, &self.host(), &self.config, false))?;
        let status = resp.status();
        let body = body::read_capped(resp, self.config.max_response_bytes, &what, |e| {
            errors::from_transport(e, &what, &self.host(), &self.config, true)
        })
        .await?;
        tracing::debug!(request = %what, status = status.as_u16(), bytes = body.len(), "api answer");
        if status.is_success() {
            Ok(body)
        } else {
            Err(errors::from_status(status.as_u16(), &body, &what))
        }
    }
}

/// The certificates of a private CA (`ca_file`), trusted besides the
/// public roots.
fn private_roots(path: &Path) -> BackendResult<Vec<reqwest::Certificate>> {
    let bad = |message: String| {
        BackendError::invalid(vec![FieldError {
            field: "ca_file",
            message,
        }])
    };
    let pem =
        std::fs::read(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        bad(format!(
            "{} is not a PEM certificate file: {e}",
            path.display()
        ))
    })?;
    if certs.is_empty() {
        return Err(bad(format!("{} holds no PEM certificate", path.display())));
    }
    Ok(certs)
}

/// Parses a 2xx body.
pub fn decode<T: DeserializeOwned>(body: &[u8], what: &str) -> BackendResult<T> {
    serde_json::from_slice(body).map_err(|e| errors::decode_error(&e, body, what))
}

/// One request, described before it is sent (so it can be sent again).
#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    /// After `/api/v1`, starting with `/`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    /// Safe to send again after a transient failure (reads only).
    pub retry: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>, retry: bool) -> Call {
        Call {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            retry,
        }
    }

    pub fn get(path: impl Into<String>) -> Call {
        Call::new(Method::GET, path, true)
    }

    pub fn post(path: impl Into<String>) -> Call {
        Call::new(Method::POST, path, false)
    }

    pub fn put(path: impl Into<String>) -> Call {
        Call::new(Method::PUT, path, false)
    }

    pub fn delete(path: impl Into<String>) -> Call {
        Call::new(Method::DELETE, path, false)
    }

    pub fn query(mut self, key: &'static str, value: impl ToString) -> Call {
        self.query.push((key, value.to_string()));
        self
    }

    pub fn query_opt(self, key: &'static str, value: Option<impl ToString>) -> Call {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    pub fn json(mut self, body: &impl Serialize) -> BackendResult<Call> {
        let value = serde_json::to_value(body)
            .map_err(|e| BackendError::Decode(format!("cannot encode the request: {e}")))?;
        self.body = Some(value);
        Ok(self)
    }

    /// A POST that changes nothing (a price calculation) may be retried.
    pub fn idempotent(mut self) -> Call {
        self.retry = true;
        self
    }

    /// `GET /leads`, for messages.
    pub fn what(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Checks and normalizes a server URL: http(s) only, no credentials, plain
/// HTTP only to this machine (a password must not cross a network in clear),
/// and a trailing `/api/v1` is dropped.
pub fn normalize(raw: &str) -> Result<Url, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("enter the server's address, e.g. https://prm.example.com".into());
    }
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| format!("not a valid URL: {e}"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(
                "plain http:// is only allowed to this machine; use https:// for a remote server"
                    .into(),
            )
        }
        other => return Err(format!("unsupported scheme `{other}` (use https://)")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("put no user name or password in the server address".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the server address has no host".into());
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_string();
    let path = path.strip_suffix(API_PREFIX).unwrap_or(&path).to_string();
    url.set_path(if path.is_empty() { "/" } else { &path });
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s)
            .map(|u| u.as_str().trim_end_matches('/').to_string())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn urls_are_normalized_and_checked() {
        assert_eq!(norm("prm.example.com"), "https://prm.example.com");
        assert_eq!(
            norm("https://prm.example.com/api/v1/"),
            "https://prm.example.com"
        );
        assert_eq!(
            norm("https://x.org/tentabo/api/v1"),
            "https://x.org/tentabo"
        );
        assert_eq!(norm("http://127.0.0.1:8000"), "http://127.0.0.1:8000");
        assert_eq!(norm("http://localhost:8000/"), "http://localhost:8000");
        assert!(norm("http://prm.example.com").starts_with("ERR plain http"));
        assert!(norm("ftp://x").starts_with("ERR unsupported"));
        assert!(norm("https://u:p@x.org").starts_with("ERR put no user"));
        assert!(norm("").starts_with("ERR"));
    }
}
