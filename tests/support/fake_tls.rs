//! A private certificate authority for TLS tests, and small TLS servers
//! that use it: an HTTPS server for the API backend and a PostgreSQL front
//! door (SSLRequest, then TLS or not) for the database backend.
//!
//! The certificates (EC P-256, valid until 2126) were made once with openssl:
//! a root "Tentabo Test CA"; one for `localhost` and 127.0.0.1; one for
//! `db.internal.example` only (a name the tests never dial).

// Each test binary uses a part (the API tests HTTPS, the database ones the
// PostgreSQL front door).
#![allow(dead_code)]

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const CA: &str = "-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUIChA7nJhvpZ1wJ7upPFUayXzzWkwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPVGVudGFibyBUZXN0IENBMCAXDTI2MTIwMjAxMzk0MloYDzIx
MjYxMTA4MDEzOTQyWjAaMRgwFgYDVQQDDA9UZW50YWJvIFRlc3QgQ0EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAARXduawJBxoiCGGTR8NnUlh0Jk4L6KcFy5kUfVI
2ReVtZcNqpzjSQZaZkWq2AhsAKJWa1rCfeaQV+BwpwrLx7Qbo2MwYTAdBgNVHQ4E
FgQU3V+S2z/rPGsmYmFRXWVdv12yyYswHwYDVR0jBBgwFoAU3V+S2z/rPGsmYmFR
XWVdv12yyYswDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZI
zj0EAwIDSAAwRQIhAICLuxKN9UuPjDSuHgWs5NRFzmxdt4ftnTOOljK01QZAAiBO
dpE6ZuFkafcF7PMqmFarHUKfAkV6LD9B54epml1tdg==
-----END CERTIFICATE-----
";

const LOCALHOST_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBxTCCAWugAwIBAgIUCSzFHnJq8B41igjY47HpHiKrWJIwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPVGVudGFibyBUZXN0IENBMCAXDTI2MTIwMjAxMzk0MloYDzIx
MjYxMTA4MDEzOTQyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQ87wh92GljSOqs3BOsPjrs9VtHuzouGySjEI7yPYIteW5r
RcBWu+7a2e3q1QZbjQXUJFLRHy5ykoS+b3ywJjAro4GSMIGPMAwGA1UdEwEB/wQC
MAAwDgYDVR0PAQH/BAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUFBwMBMBoGA1UdEQQT
MBGCCWxvY2FsaG9zdIcEfwAAATAdBgNVHQ4EFgQUAJoJt7ANrqQ81EFirg7gcNV6
EIswHwYDVR0jBBgwFoAU3V+S2z/rPGsmYmFRXWVdv12yyYswCgYIKoZIzj0EAwID
SAAwRQIgFnPXexKqOUIu2gY+lQHHbQXLmmhRPnHYNN5aMeWuG5UCIQDKkasdJSw7
Oj4a5O6dTRppwTcdsUEtHOWhC4CJBngbaA==
-----END CERTIFICATE-----
";

const LOCALHOST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8Kj4cKu76L5LHfHI
G6Vqh1Im4bJzAPHklX5GBjofuHShRANCAAQ87wh92GljSOqs3BOsPjrs9VtHuzou
GySjEI7yPYIteW5rRcBWu+7a2e3q1QZbjQXUJFLRHy5ykoS+b3ywJjAr
-----END PRIVATE KEY-----
";

const OTHER_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIB0zCCAXmgAwIBAgIUCSzFHnJq8B41igjY47HpHiKrWJMwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPVGVudGFibyBUZXN0IENBMCAXDTI2MTIwMjAxMzk0MloYDzIx
MjYxMTA4MDEzOTQyWjAeMRwwGgYDVQQDDBNkYi5pbnRlcm5hbC5leGFtcGxlMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERvYNLY0Uc4JRGvWkRhdHo8XimdMhfE76
t7ljGHWhTFcAiqOdWXvUNo05ae28vJOUqo0ARE0UhvcA/WxYQcZfC6OBljCBkzAM
BgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcD
ATAeBgNVHREEFzAVghNkYi5pbnRlcm5hbC5leGFtcGxlMB0GA1UdDgQWBBRM5E/0
VAs3HP/POO+NF/68r9uR3TAfBgNVHSMEGDAWgBTdX5LbP+s8ayZiYVFdZV2/XbLJ
izAKBggqhkjOPQQDAgNIADBFAiBKJpSDcqwSfZ6OBu6xzzlLgnD74n710egWtN+x
gx7LTwIhALh0LoSG0YWsJqTBz8B89VgiCQAvIh37KRW/VCHb+8iA
-----END CERTIFICATE-----
";

const OTHER_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglMU2z7jWPz6UU4Dv
A1dsuy1WQGEnmxQ8EBQxEHcO5byhRANCAARG9g0tjRRzglEa9aRGF0ejxeKZ0yF8
Tvq3uWMYdaFMVwCKo51Ze9Q2jTlp7by8k5SqjQBETRSG9wD9bFhBxl8L
-----END PRIVATE KEY-----
";

/// Which certificate a test server presents.
#[derive(Debug, Clone, Copy)]
pub enum Identity {
    /// Names `localhost` and 127.0.0.1: what the tests dial.
    Localhost,
    /// Names only `db.internal.example`.
    Elsewhere,
}

pub fn server_config(id: Identity) -> Arc<rustls::ServerConfig> {
    let (cert, key) = match id {
        Identity::Localhost => (LOCALHOST_CERT, LOCALHOST_KEY),
        Identity::Elsewhere => (OTHER_CERT, OTHER_KEY),
    };
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert.as_bytes())
        .collect::<Result<_, _>>()
        .expect("test certificate");
    let key = PrivateKeyDer::from_pem_slice(key.as_bytes()).expect("test key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server certificate");
    Arc::new(config)
}

/// Writes the test CA's certificate to `dir/ca.pem`.
pub fn ca_file(dir: &Path) -> PathBuf {
    let path = dir.join("ca.pem");
    std::fs::write(&path, CA).expect("write ca.pem");
    path
}

/// Accepts connections on 127.0.0.1 for as long as the test runs, each on
/// its own thread. Returns the port.
fn serve(answer: impl Fn(TcpStream) -> std::io::Result<()> + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local addr").port();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            // A client that refuses the certificate ends its connection
            // with an error; that is the point of some tests.
            std::thread::spawn(move || drop(answer(stream)));
        }
    });
    port
}

/// An HTTPS server presenting `id` that answers every request with `body`
/// (200, JSON). Returns its `https://127.0.0.1:PORT` URL.
pub fn https_server(id: Identity, body: &'static str) -> String {
    let config = server_config(id);
    let port = serve(move |stream| {
        let conn = rustls::ServerConnection::new(config.clone()).map_err(std::io::Error::other)?;
        let mut tls = rustls::StreamOwned::new(conn, stream);
        read_request(&mut tls)?;
        write!(
            tls,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        )?;
        tls.conn.send_close_notify();
        tls.flush()
    });
    format!("https://127.0.0.1:{port}")
}

/// Reads one HTTP request, headers and body, so that closing afterwards
/// does not reset the connection under the answer.
fn read_request(s: &mut impl Read) -> std::io::Result<()> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        got.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&got[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut left = (head_end + length).saturating_sub(got.len());
    while left > 0 {
        let n = s.read(&mut buf[..left.min(4096)])?;
        if n == 0 {
            break;
        }
        left -= n;
    }
    Ok(())
}

/// What a fake database says when a client's startup message reaches it.
pub const REACHED_OVER_TLS: &str = "fake database reached over TLS";
pub const REACHED_IN_CLEAR: &str = "fake database reached in clear text";

/// A PostgreSQL front door on 127.0.0.1: answers an SSLRequest with `S`
/// and a TLS handshake presenting `tls`, or with `N` when `tls` is `None`;
/// then refuses the startup message with an error that says how it
/// arrived. Returns the port.
pub fn postgres_front_door(tls: Option<Identity>) -> u16 {
    const SSL_REQUEST: u32 = 80_877_103;
    let config = tls.map(server_config);
    serve(move |mut stream| {
        let mut first = [0u8; 8];
        stream.read_exact(&mut first)?;
        let code = u32::from_be_bytes([first[4], first[5], first[6], first[7]]);
        if code != SSL_REQUEST {
            // sslmode=disable: this was the startup message itself.
            let len = u32::from_be_bytes([first[0], first[1], first[2], first[3]]) as usize;
            let mut rest = vec![0u8; len.saturating_sub(8)];
            stream.read_exact(&mut rest)?;
            return refuse(&mut stream, REACHED_IN_CLEAR);
        }
        match &config {
            Some(config) => {
                stream.write_all(b"S")?;
                let conn =
                    rustls::ServerConnection::new(config.clone()).map_err(std::io::Error::other)?;
                let mut tls = rustls::StreamOwned::new(conn, stream);
                read_startup(&mut tls)?;
                refuse(&mut tls, REACHED_OVER_TLS)
            }
            None => {
                stream.write_all(b"N")?;
                read_startup(&mut stream)?;
                refuse(&mut stream, REACHED_IN_CLEAR)
            }
        }
    })
}

fn read_startup(s: &mut impl Read) -> std::io::Result<()> {
    let mut len = [0u8; 4];
    s.read_exact(&mut len)?;
    let mut rest = vec![0u8; (u32::from_be_bytes(len) as usize).saturating_sub(4)];
    s.read_exact(&mut rest)
}

/// An ErrorResponse (FATAL, internal_error) with `message`.
fn refuse(s: &mut impl Write, message: &str) -> std::io::Result<()> {
    let mut fields = Vec::new();
    for (tag, value) in [
        (b'S', "FATAL"),
        (b'V', "FATAL"),
        (b'C', "XX000"),
        (b'M', message),
    ] {
        fields.push(tag);
        fields.extend_from_slice(value.as_bytes());
        fields.push(0);
    }
    fields.push(0);
    let mut msg = vec![b'E'];
    msg.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
    msg.extend_from_slice(&fields);
    s.write_all(&msg)?;
    s.flush()
}
