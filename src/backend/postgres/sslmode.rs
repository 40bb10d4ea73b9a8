//! libpq's `sslmode` and what each value means here, whether a connection
//! stays on this machine, and the warning owed when one to another machine
//! ends up in clear text.

use std::net::IpAddr;
use tokio_postgres::config::{Config, Host};

/// How hard the client insists on TLS, and what it checks (libpq's meanings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// Never TLS.
    Disable,
    /// libpq tries clear text first; here TLS is tried first, as `prefer`
    /// (never less safe than what libpq does).
    Allow,
    /// The default: TLS when the server offers it, clear text when it does
    /// not. The certificate is not checked.
    Prefer,
    /// TLS or no connection. The certificate is not checked, unless
    /// `sslrootcert` names a root: then as `verify-ca`.
    Require,
    /// TLS, and the certificate chain must lead to a trusted root.
    VerifyCa,
    /// TLS, a trusted chain, and the certificate must name the host.
    VerifyFull,
}

/// What is checked of the server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertCheck {
    /// Nothing: encryption against eavesdroppers, not against impostors.
    Nothing,
    /// The chain leads to a trusted root.
    Chain,
    /// The chain, and the host name.
    ChainAndName,
}

impl SslMode {
    pub const NAMES: &'static str = "disable, allow, prefer, require, verify-ca, verify-full";

    pub fn parse(s: &str) -> Result<SslMode, String> {
        Ok(match s.trim() {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => return Err(format!("sslmode={other} is not one of {}", SslMode::NAMES)),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    /// What the driver is told: never ask, ask, or insist.
    pub fn wire(self) -> tokio_postgres::config::SslMode {
        use tokio_postgres::config::SslMode as Wire;
        match self {
            SslMode::Disable => Wire::Disable,
            SslMode::Allow | SslMode::Prefer => Wire::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => Wire::Require,
        }
    }

    /// What is checked of the certificate, given whether `sslrootcert`
    /// named a root.
    pub fn check(self, has_root_cert: bool) -> CertCheck {
        match self {
            SslMode::VerifyFull => CertCheck::ChainAndName,
            SslMode::VerifyCa => CertCheck::Chain,
            SslMode::Require if has_root_cert => CertCheck::Chain,
            _ => CertCheck::Nothing,
        }
    }
}

/// Every host the connection may dial is this machine: a loopback address,
/// `localhost`, or a Unix socket. `hostaddr`, when given, is what is dialed.
pub fn is_local(config: &Config) -> bool {
    let addrs = config.get_hostaddrs();
    if !addrs.is_empty() {
        return addrs.iter().all(|ip| ip.to_canonical().is_loopback());
    }
    config.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => is_loopback_name(name),
        #[cfg(unix)]
        Host::Unix(_) => true,
    })
}

fn is_loopback_name(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

/// The warning owed when a connection to another machine did not use TLS:
/// the password and every row crossed the network readable.
pub fn clear_text_notice(
    local: bool,
    tls_used: bool,
    mode: SslMode,
    location: &str,
) -> Option<String> {
    if local || tls_used {
        return None;
    }
    let why = match mode {
        SslMode::Disable => "sslmode=disable".to_string(),
        other => format!(
            "sslmode={} and the server does not offer TLS",
            other.as_str()
        ),
    };
    Some(format!(
        "warning: {location} is connected without TLS ({why}): the password and the data \
         cross the network in clear text. Use sslmode=verify-full (sslrootcert=FILE for a \
         private CA)."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_libpq_mode_parses_and_nothing_else() {
        for name in SslMode::NAMES.split(", ") {
            assert_eq!(SslMode::parse(name).unwrap().as_str(), name);
        }
        let e = SslMode::parse("required").unwrap_err();
        assert!(
            e.contains("sslmode=required") && e.contains("verify-full"),
            "{e}"
        );
        assert!(SslMode::parse("").is_err());
        assert!(
            SslMode::parse("VERIFY-FULL").is_err(),
            "libpq is case-sensitive"
        );
    }

    #[test]
    fn modes_map_to_what_is_asked_and_checked() {
        use tokio_postgres::config::SslMode as Wire;
        let cases = [
            (
                SslMode::Disable,
                Wire::Disable,
                CertCheck::Nothing,
                CertCheck::Nothing,
            ),
            (
                SslMode::Allow,
                Wire::Prefer,
                CertCheck::Nothing,
                CertCheck::Nothing,
            ),
            (
                SslMode::Prefer,
                Wire::Prefer,
                CertCheck::Nothing,
                CertCheck::Nothing,
            ),
            (
                SslMode::Require,
                Wire::Require,
                CertCheck::Nothing,
                CertCheck::Chain,
            ),
            (
                SslMode::VerifyCa,
                Wire::Require,
                CertCheck::Chain,
                CertCheck::Chain,
            ),
            (
                SslMode::VerifyFull,
                Wire::Require,
                CertCheck::ChainAndName,
                CertCheck::ChainAndName,
            ),
        ];
        for (mode, wire, without_root, with_root) in cases {
            assert_eq!(mode.wire(), wire, "{mode:?}");
            assert_eq!(mode.check(false), without_root, "{mode:?}");
            assert_eq!(mode.check(true), with_root, "{mode:?}");
        }
    }

    fn local(url: &str) -> bool {
        is_local(&url.parse::<Config>().unwrap())
    }

    #[test]
    fn loopback_hosts_and_sockets_are_local_and_the_rest_is_not() {
        assert!(local("postgres://u@127.0.0.1/db"));
        assert!(local("postgres://u@127.8.9.10:5433/db"));
        assert!(local("postgres://u@localhost/db"));
        assert!(local("postgres://u@LocalHost/db"));
        assert!(local("postgres://u@[::1]:5432/db"));
        assert!(local("postgres://u@[::ffff:127.0.0.1]:5432/db"));
        assert!(local("host=/var/run/postgresql user=u"));
        assert!(local("host=localhost,127.0.0.1 user=u"));
        assert!(!local("postgres://u@db.example.com/db"));
        assert!(!local("postgres://u@10.0.0.5/db"));
        assert!(!local("postgres://u@[2001:db8::1]/db"));
        assert!(!local("host=localhost,db.example.com user=u"));
        assert!(!local("postgres://u@localhost.example.com/db"));
        // What is dialed decides, whatever the name says.
        assert!(!local("host=localhost hostaddr=10.0.0.5 user=u"));
        assert!(local("host=db.example.com hostaddr=127.0.0.1 user=u"));
    }

    #[test]
    fn only_a_remote_clear_text_connection_gets_a_warning() {
        let at = "postgres://u@db.example.com:5432/db";
        assert_eq!(clear_text_notice(true, false, SslMode::Disable, at), None);
        assert_eq!(clear_text_notice(false, true, SslMode::Prefer, at), None);
        let n = clear_text_notice(false, false, SslMode::Prefer, at).unwrap();
        for part in [
            at,
            "without TLS",
            "sslmode=prefer",
            "does not offer TLS",
            "verify-full",
        ] {
            assert!(n.contains(part), "{n}");
        }
        let n = clear_text_notice(false, false, SslMode::Disable, at).unwrap();
        assert!(n.contains("(sslmode=disable)"), "{n}");
    }
}
