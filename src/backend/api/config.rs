//! Timeouts, retries, token refresh timing, the answer size cap and private
//! roots for the API backend.

use std::path::PathBuf;
use std::time::Duration;

/// How patient the client is with the server. The defaults suit a person at
/// a terminal; tests shorten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Time to open the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Time for a whole request: connect, send, and read the full answer.
    pub timeout: Duration,
    /// Tries for a read that fails transiently (network, timeout, 502–504).
    /// Writes are always tried once.
    pub read_attempts: u32,
    /// Pause before the second try; doubled before each later one.
    pub backoff: Duration,
    /// Refresh a JWT when it has less than this left to live.
    pub refresh_margin: Duration,
    /// The largest answer body read, in bytes; a larger one is an error
    /// (read in chunks and abandoned at the limit, never buffered whole).
    pub max_response_bytes: u64,
    /// A PEM file of private CA certificates, trusted besides the public
    /// roots (a server whose certificate a company CA signed).
    pub ca_file: Option<PathBuf>,
    /// The most requests this process has on the server at once, whatever
    /// it does: a client must never be able to take a server down.
    pub max_in_flight: usize,
}

impl ApiConfig {
    /// 64 MiB: a 100-row page of the largest records is well under 1 MiB.
    pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            read_attempts: 3,
            backoff: Duration::from_millis(300),
            refresh_margin: Duration::from_secs(10 * 60),
            max_response_bytes: Self::DEFAULT_MAX_RESPONSE_BYTES,
            ca_file: None,
            max_in_flight: 4,
        }
    }
}

impl ApiConfig {
    /// The pause before try number `attempt + 1` (attempts count from 1).
    pub fn backoff_after(&self, attempt: u32) -> Duration {
        self.backoff * 2u32.saturating_pow(attempt.saturating_sub(1).min(6))
    }
}
