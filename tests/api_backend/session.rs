//! Signing in, the token cache, refresh and expiry.

use crate::common::*;
use crate::support::{AuthKind, FakeServer, PASSWORD};
use tentabo::backend::api::*;
use tentabo::backend::*;
use tentabo::domain::*;

#[tokio::test]
async fn password_login_is_cached_0600_and_reused_by_a_second_process() {
    let _env = ENV_LOCK.lock().await;
    let fake = FakeServer::start().await;
    let server = fake.server();
    let (_tmp, store) = store();

    let session = login_password(&server, "alice", PASSWORD, Some(&store), "work")
        .await
        .expect("login");
    assert_eq!(session.username(), Some("alice"));
    assert_eq!(session.user_type(), Some(UserType::User));
    assert_eq!(session.kind(), TokenKind::Jwt);
    assert!(session.cache_problem().is_none());
    assert!(session.expires_at().is_some());

    let path = store.path_for("work", server.url());
    assert!(path.exists(), "cache file written");
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600, "file is owner-only");
        assert_eq!(mode(store.dir()), 0o700, "directory is owner-only");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(PASSWORD), "the password is never stored");
    assert!(text.contains("\"kind\": \"jwt\"") && text.contains("alice"));
    let leftovers: Vec<_> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
    assert!(
        !format!("{session:?}").contains("eyJ"),
        "Debug hides the token"
    );

    // A second process: a fresh Server and store on the same directory.
    let server2 = fake.server();
    let store2 = TokenStore::new(store.dir());
    let resumed = resume_session(&server2, Some(&store2), "work")
        .await
        .unwrap()
        .expect("cached session");
    assert_eq!(resumed, session, "the same session, token and expiry");
    assert_eq!(resumed.username(), Some("alice"));
    let b = backend(&server2, resumed, Some(&store2));
    assert_eq!(b.whoami().await.unwrap().username.as_deref(), Some("alice"));
    assert_eq!(fake.count("POST", "/auth/login"), 1, "no second login");

    // Another profile has no session; logout forgets this one.
    assert!(resume_session(&server2, Some(&store2), "other")
        .await
        .unwrap()
        .is_none());
    assert!(logout(&store2, "work", &server2).unwrap());
    assert!(!path.exists());
    assert!(resume_session(&server2, Some(&store2), "work")
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn bad_logins_say_why() {
    let fake = FakeServer::start().await;
    let server = fake.server();
    let e = login_password(&server, "alice", "wrong", None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Unauthorized(_)), "{e:?}");
    assert_msg(&e, &["Invalid username or password"]);
    let e = login_password(&server, "nobody", PASSWORD, None, "p")
        .await
        .unwrap_err();
    assert!(e.needs_login(), "{e:?}");
    let e = login_password(&server, "fanny", PASSWORD, None, "p")
        .await
        .unwrap_err();
    assert!(matches!(e, BackendError::Forbidden(_)), "{e:?}");
    assert_msg(&e, &["not enabled"]);
    fake.clear_requests();
    let e = login_password(&server, " ", "", None, "p")
        .await
        .unwrap_err();
    let fields: Vec<_> = e.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, vec!["username", "password"]);
    assert!(fake.requests().is_empty(), "nothing sent");
}

#[tokio::test]
async fn admin_account_login() {
    let fake = FakeServer::start().await;
    let server = fake.server();
    let s = login_password(&server, "admin", PASSWORD, None, "p")
        .await
        .unwrap();
    assert_eq!(s.user_type(), Some(UserType::Admin));
    let b = backend(&server, s, None);
    let me = b.whoami().await.unwrap();
    assert_eq!(me.user_type, UserType::Admin);
    assert_eq!(me.role, None);
}

#[tokio::test]
async fn api_key_is_traded_once_for_a_jwt() {
    let fake = FakeServer::start().await;
    let server = fake.server();
    let (_tmp, store) = store();
    let key = fake.create_api_key("alice");

    let session = login_api_key(&server, &key, Some(&store), "k")
        .await
        .unwrap();
    assert_eq!(session.kind(), TokenKind::Jwt);
    assert!(session.from_api_key());
    assert_eq!(session.username(), Some("alice"));
    let refreshes: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|s| s.path == "/auth/refresh")
        .collect();
    assert_eq!(refreshes.len(), 1);
    assert_eq!(
        refreshes[0].auth,
        AuthKind::ApiKey,
        "the key is the bearer once"
    );

    // The key is cached (to get a new JWT later), in the 0600 file.
    let path = store.path_for("k", server.url());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&key));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    fake.clear_requests();
    let b = backend(&server, session, Some(&store));
    let leads = b
        .list_leads(&LeadQuery::default(), PageRequest::first(5))
        .await
        .unwrap();
    assert!(!leads.items.is_empty());
    b.whoami().await.unwrap();
    assert!(
        fake.requests().iter().all(|s| s.auth == AuthKind::Jwt),
        "later requests use the fast JWT: {:?}",
        fake.requests()
    );

    // The JWT expires on the server: the key is traded again, transparently.
    fake.expire_tokens();
    fake.clear_requests();
    b.whoami().await.expect("renewed with the key");
    let seen = fake.requests();
    assert!(seen
        .iter()
        .any(|s| s.path == "/auth/refresh" && s.auth == AuthKind::ApiKey));
    assert_eq!(seen.last().unwrap().auth, AuthKind::Jwt);
    let after = std::fs::read_to_string(&path).unwrap();
    assert_ne!(text, after, "the new JWT is cached");

    // Key revoked and JWT gone: back to the login screen, cache forgotten.
    fake.revoke_key(&key);
    fake.revoke_tokens();
    let e = b.whoami().await.unwrap_err();
    assert!(e.needs_login(), "{e:?}");
    assert_msg(&e, &["sign in again"]);
    assert!(!path.exists(), "the dead session is deleted");
}

#[tokio::test]
async fn a_bad_api_key_is_refused_plainly() {
    let fake = FakeServer::start().await;
    let server = fake.server();
    let e = login_api_key(&server, "tnt_notakey0000", None, "k")
        .await
        .unwrap_err();
    assert!(e.needs_login());
    assert_msg(&e, &["API key was refused", "Invalid or expired API key"]);
    let e = login_api_key(&server, "not-a-key", None, "k")
        .await
        .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "api_key");
}

#[tokio::test]
async fn a_token_near_expiry_is_refreshed_and_recached() {
    let fake = FakeServer::start().await;
    let server = fake.server(); // refresh margin: 60 s
    let (_tmp, store) = store();
    fake.set_token_lifetime(50);
    let session = login_password(&server, "bob", PASSWORD, Some(&store), "p")
        .await
        .unwrap();
    let path = store.path_for("p", server.url());
    let before = std::fs::read_to_string(&path).unwrap();
    fake.set_token_lifetime(86_400);
    let b = backend(&server, session, Some(&store));
    b.whoami().await.unwrap();
    b.whoami().await.unwrap();
    assert_eq!(fake.count("POST", "/auth/refresh"), 1, "refreshed once");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_ne!(before, after, "the refreshed token is cached");
    let s = TokenStore::new(store.dir())
        .load("p", server.url())
        .unwrap()
        .unwrap();
    assert!(s.expires_at().unwrap() > chrono::Utc::now() + chrono::Duration::hours(23));
}

#[tokio::test]
async fn a_revoked_session_asks_to_sign_in_again() {
    let _env = ENV_LOCK.lock().await;
    let fake = FakeServer::start().await;
    let server = fake.server();
    let (_tmp, store) = store();
    let session = login_password(&server, "carol", PASSWORD, Some(&store), "p")
        .await
        .unwrap();
    let b = backend(&server, session, Some(&store));
    b.whoami().await.unwrap();
    fake.revoke_tokens();
    let e = b
        .list_leads(&LeadQuery::default(), PageRequest::first(5))
        .await
        .unwrap_err();
    assert!(e.needs_login(), "{e:?}");
    assert_msg(&e, &["session expired or revoked", "sign in again"]);
    assert!(!store.path_for("p", server.url()).exists());
    // Later calls fail at once, without bothering the server.
    fake.clear_requests();
    assert!(b.whoami().await.unwrap_err().needs_login());
    assert!(fake.requests().is_empty());
    assert!(resume_session(&server, Some(&store), "p")
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_expired_cached_token_is_not_sent() {
    let _env = ENV_LOCK.lock().await;
    let fake = FakeServer::start().await;
    let server = fake.server();
    let (_tmp, store) = store();
    // The client keeps a few seconds of margin, so 3 s is already expired.
    fake.set_token_lifetime(3);
    let session = login_password(&server, "dina", PASSWORD, Some(&store), "p")
        .await
        .unwrap();
    assert!(session.is_expired(chrono::Utc::now()));
    fake.clear_requests();
    let b = backend(&server, session, Some(&store));
    let e = b.whoami().await.unwrap_err();
    assert!(e.needs_login());
    assert_msg(&e, &["sign in again"]);
    assert!(fake.requests().is_empty(), "nothing sent with a dead token");

    // A second process finds no usable session, and the file is gone.
    fake.set_token_lifetime(3);
    let s = login_password(&server, "dina", PASSWORD, Some(&store), "q")
        .await
        .unwrap();
    assert!(s.is_expired(chrono::Utc::now()));
    assert!(resume_session(&server, Some(&store), "q")
        .await
        .unwrap()
        .is_none());
    assert!(!store.path_for("q", server.url()).exists());
}

#[tokio::test]
async fn env_token_overrides_the_cache_and_is_never_cached() {
    let _env = ENV_LOCK.lock().await;
    let fake = FakeServer::start().await;
    let server = fake.server();
    let (_tmp, store) = store();
    login_password(&server, "alice", PASSWORD, Some(&store), "p")
        .await
        .unwrap();
    let key = fake.create_api_key("bob");
    std::env::set_var(TOKEN_ENV, format!("  {key}\n"));
    assert_eq!(token_from_env().as_deref(), Some(key.as_str()));
    let resumed = resume_session(&server, Some(&store), "p").await;
    std::env::remove_var(TOKEN_ENV);
    let s = resumed.unwrap().expect("session from the environment");
    assert!(s.from_env());
    assert_eq!(s.username(), Some("bob"));
    let text = std::fs::read_to_string(store.path_for("p", server.url())).unwrap();
    assert!(
        !text.contains(&key),
        "the env token is not written to the cache"
    );
    let b = backend(&server, s, Some(&store));
    assert_eq!(b.whoami().await.unwrap().username.as_deref(), Some("bob"));

    // A JWT from the environment is checked with /auth/me and used as is.
    let cached: serde_json::Value = serde_json::from_str(&text).unwrap();
    let jwt = cached["token"].as_str().unwrap();
    let s = session_from_token(&server, jwt, "p").await.unwrap();
    assert!(s.from_env() && s.expires_at().is_none());
    assert_eq!(s.username(), Some("alice"));
    // A bad one says where it came from.
    let e = session_from_token(&server, "eyJbogus.token.here", "p")
        .await
        .unwrap_err();
    assert!(e.needs_login());
    assert_msg(&e, &[TOKEN_ENV]);
    assert_eq!(token_from_env(), None);
}

#[tokio::test]
async fn server_addresses_are_checked() {
    let e = Server::new("http://prm.example.com").unwrap_err();
    assert_eq!(e.field_errors()[0].field, "server");
    assert_msg(&e, &["https"]);
    assert!(Server::new("https://user:pw@prm.example.com").is_err());
    let s = Server::new("prm.example.com/api/v1/").unwrap();
    assert_eq!(s.url(), "https://prm.example.com");

    let fake = FakeServer::start().await;
    let session = login_password(&fake.server(), "alice", PASSWORD, None, "p")
        .await
        .unwrap();
    let other = Server::new("https://prm.example.com").unwrap();
    let e = ApiBackend::from_session(&other, session, None)
        .err()
        .unwrap();
    assert_msg(&e, &["belongs to"]);
}

#[tokio::test]
async fn cache_write_failure_is_a_warning_not_an_error() {
    let fake = FakeServer::start().await;
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let store = TokenStore::new(blocker.join("sessions"));
    let s = login_password(&fake.server(), "alice", PASSWORD, Some(&store), "p")
        .await
        .expect("login still works");
    assert!(s
        .cache_problem()
        .is_some_and(|p| p.contains("session cache")));
}
