//! A server whose certificate a private CA signed: trusted when the
//! profile's `ca_file` names that CA, refused otherwise; the CA does not
//! excuse a certificate for another name.

use crate::common::*;
use crate::fake_tls::{self, Identity};
use tentabo::backend::api::{login_password, ApiConfig, Server};
use tentabo::backend::BackendError;

const TOKEN: &str = r#"{"access_token": "eyJ.a.b", "token_type": "Bearer", "expires_in": 3600, "user_type": "user"}"#;

fn with_ca(url: &str, ca: &std::path::Path) -> Result<Server, BackendError> {
    Server::with_config(
        url,
        ApiConfig {
            ca_file: Some(ca.to_path_buf()),
            ..ApiConfig::default()
        },
    )
}

#[tokio::test]
async fn a_private_ca_is_trusted_only_when_the_profile_names_it() {
    let url = fake_tls::https_server(Identity::Localhost, TOKEN);
    let e = login_password(&Server::new(&url).unwrap(), "alice", "pw", None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(&e, &["TLS", "UnknownIssuer"]);

    let dir = tempfile::tempdir().unwrap();
    let ca = fake_tls::ca_file(dir.path());
    let server = with_ca(&url, &ca).unwrap();
    let session = login_password(&server, "alice", "pw", None, "p")
        .await
        .expect("signed in over TLS checked against the private CA");
    assert_eq!(session.server(), server.url());

    let elsewhere = fake_tls::https_server(Identity::Elsewhere, TOKEN);
    let e = login_password(&with_ca(&elsewhere, &ca).unwrap(), "alice", "pw", None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Network(_)), "{e:?}");
    assert_msg(&e, &["TLS", "not valid for name"]);
}

#[test]
fn a_ca_file_that_is_not_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let e = with_ca("https://prm.example.com", &missing).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "ca_file");
    assert_msg(&e, &["cannot read", "missing.pem"]);

    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    let e = with_ca("https://prm.example.com", &empty).unwrap_err();
    assert_msg(&e, &["empty.pem", "no PEM certificate"]);
}
