//! Reading an answer's body under a size cap (`max_response_bytes`): a
//! server, or anything posing as one, cannot make the client buffer
//! without bound. The body is read chunk by chunk and abandoned at the cap;
//! an announced length over the cap is refused before reading anything.

use crate::backend::{BackendError, BackendResult};

/// Reads the whole body of `resp`, at most `cap` bytes. `transport` maps a
/// failure while reading (a cut connection, a timeout).
pub(super) async fn read_capped(
    mut resp: reqwest::Response,
    cap: u64,
    what: &str,
    transport: impl Fn(&reqwest::Error) -> BackendError,
) -> BackendResult<Vec<u8>> {
    if let Some(announced) = resp.content_length().filter(|n| *n > cap) {
        return Err(too_large(
            what,
            cap,
            &format!("the server announced {}", human_size(announced)),
        ));
    }
    // The announced length sizes the buffer only up to a modest amount: it
    // is a claim, and the cap is what bounds the reading.
    let hint = resp.content_length().unwrap_or(0).min(1 << 20);
    let mut body = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport(&e))? {
        let read = body.len() as u64 + chunk.len() as u64;
        if read > cap {
            return Err(too_large(
                what,
                cap,
                &format!("stopped reading at {}", human_size(read)),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn too_large(what: &str, cap: u64, detail: &str) -> BackendError {
    BackendError::Decode(format!(
        "{what}: the answer is larger than the {} limit ({detail}); \
         if it is genuine, raise max_response_bytes in the profile",
        human_size(cap)
    ))
}

/// `512 bytes`, `1.5 KiB`, `64 MiB`, `9.3 GiB`.
pub(super) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_wrote_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(10 * 1024 * 1024 * 1024), "10 GiB");
        assert_eq!(human_size(u64::MAX), "16777216 TiB");
    }

    #[test]
    fn the_error_names_the_request_the_limit_and_the_setting() {
        let e = too_large("GET /leads", 64 * 1024 * 1024, "stopped reading at 64 MiB");
        assert!(!e.is_transient(), "a retry would read it all again");
        let text = e.to_string();
        for part in ["GET /leads", "64 MiB limit", "max_response_bytes"] {
            assert!(text.contains(part), "{text}");
        }
    }
}
