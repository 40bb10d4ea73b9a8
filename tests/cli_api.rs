//! The real binary against the fake Tentabo server: sign in from a script,
//! reuse the cached session in another process, list leads, sign out.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::process::Output;
use support::FakeServer;

fn tentabo(home: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    support::cli::run(home, args, &[], stdin)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn login_list_logout_with_the_real_binary() {
    let server = FakeServer::start().await;
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_path_buf();
    let url = server.url.clone();

    // Not signed in yet: a clear message and exit 1.
    let u = url.clone();
    let hh = h.clone();
    let out =
        tokio::task::spawn_blocking(move || tentabo(&hh, &["--server", &u, "leads", "list"], None))
            .await
            .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", err(&out));
    assert!(err(&out).contains("not signed in"), "{}", err(&out));

    // Sign in from a script.
    let (u, hh) = (url.clone(), h.clone());
    let out = tokio::task::spawn_blocking(move || {
        tentabo(
            &hh,
            &[
                "--server",
                &u,
                "login",
                "--username",
                "alice",
                "--password-stdin",
            ],
            Some("secret\n"),
        )
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", err(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alice Alpine"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret"));

    // The token file is owner-only, in an owner-only directory, and holds no password.
    let files = files_under(&h.join("data"));
    assert_eq!(files.len(), 1, "{files:?}");
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(files[0].parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert!(!std::fs::read_to_string(&files[0])
        .unwrap()
        .contains("secret"));

    // Another process reuses the cached session.
    let (u, hh) = (url.clone(), h.clone());
    let out = tokio::task::spawn_blocking(move || {
        tentabo(&hh, &["--server", &u, "leads", "list", "--json"], None)
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", err(&out));
    let leads: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(!leads.is_empty());
    let alpine = &leads[0]["partner_id"];
    assert!(
        leads.iter().all(|l| &l["partner_id"] == alpine),
        "alice sees only her partner's leads"
    );

    let (u, hh) = (url.clone(), h.clone());
    let out = tokio::task::spawn_blocking(move || {
        tentabo(&hh, &["--server", &u, "whoami", "--json"], None)
    })
    .await
    .unwrap();
    let me: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(me["username"], "alice");

    // A wrong password is refused plainly.
    let (u, hh) = (url.clone(), h.clone());
    let out = tokio::task::spawn_blocking(move || {
        tentabo(
            &hh,
            &[
                "--server",
                &u,
                "login",
                "--username",
                "bob",
                "--password-stdin",
            ],
            Some("nope\n"),
        )
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err(&out)
            .to_lowercase()
            .contains("invalid username or password"),
        "{}",
        err(&out)
    );

    // Sign out: the cache is gone and commands ask to sign in again.
    let (u, hh) = (url.clone(), h.clone());
    let out = tokio::task::spawn_blocking(move || tentabo(&hh, &["--server", &u, "logout"], None))
        .await
        .unwrap();
    assert!(out.status.success(), "{}", err(&out));
    assert!(files_under(&h.join("data")).is_empty());
    let (u, hh) = (url.clone(), h.clone());
    let out =
        tokio::task::spawn_blocking(move || tentabo(&hh, &["--server", &u, "leads", "list"], None))
            .await
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread")]
async fn unreachable_server_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_path_buf();
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    drop(listener);
    let out = tokio::task::spawn_blocking(move || {
        tentabo(
            &h,
            &[
                "--server",
                &url,
                "login",
                "--username",
                "alice",
                "--password-stdin",
            ],
            Some("secret\n"),
        )
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = err(&out);
    assert!(e.contains("connection") || e.contains("refused"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_api_key_in_the_environment_is_traded_once_not_once_per_process() {
    let server = FakeServer::start().await;
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_path_buf();
    let url = server.url.clone();
    let key = server.create_api_key("alice");
    let env = [("TENTABO_TOKEN", key.as_str())];
    server.clear_requests();
    for _ in 0..3 {
        let out = support::cli::run(&h, &["--server", &url, "whoami"], &env, None);
        assert!(out.status.success(), "{}", err(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("alice"));
    }
    assert_eq!(
        server.count("POST", "/auth/refresh"),
        1,
        "the key is traded for a JWT once; the next processes reuse it"
    );
    // The cache holds the JWT under a hash of the key, never the key.
    let files = files_under(&h.join("data"));
    assert!(!files.is_empty());
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        assert!(
            !text.contains(&key),
            "the key is never written: {}",
            f.display()
        );
        assert!(!f.to_string_lossy().contains(&key));
        assert_eq!(
            std::fs::metadata(f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // logout forgets it.
    let out = support::cli::run(&h, &["--server", &url, "logout"], &[], None);
    assert!(out.status.success(), "{}", err(&out));
    assert!(files_under(&h.join("data")).is_empty());
}
