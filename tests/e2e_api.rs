//! End-to-end on the API backend: the real binary in tmux against the fake
//! server. Signing in at start, and again when the session is revoked
//! mid-way, without losing the form being typed.

mod support;

use support::tmux::launch;
use support::FakeServer;

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_screen_then_session_expiry_keeps_the_open_form() {
    let server = FakeServer::start().await;
    let url = server.url.clone();
    let Some((t, _home)) = tokio::task::spawn_blocking(move || launch(&format!("--server {url}")))
        .await
        .unwrap()
    else {
        return;
    };
    let t = std::sync::Arc::new(t);
    let run = |f: Box<dyn FnOnce(&support::tmux::Tmux) + Send>| {
        let t = t.clone();
        tokio::task::spawn_blocking(move || f(&t))
    };

    // No session: the sign-in screen, password masked.
    run(Box::new(|t| {
        t.wait_for("Sign in to");
        t.keys(&["alice", "Tab", "secret"]);
        let s = t.wait_for("••••••");
        assert!(!s.contains("secret"), "the password is never shown:\n{s}");
        t.keys(&["Enter"]);
        t.wait_for("Alice Alpine");
        t.wait_for("┌New ");
    }))
    .await
    .unwrap();

    // Start a note, then the session dies on the server.
    run(Box::new(|t| {
        t.keys(&["N"]);
        t.wait_for("Note on");
        t.keys(&["call back Monday"]);
    }))
    .await
    .unwrap();
    server.revoke_tokens();
    run(Box::new(|t| {
        t.keys(&["Enter"]); // saving needs the server: 401 → sign-in over the form
        t.wait_for("Sign in to");
        t.keys(&["secret", "Enter"]);
        let s = t.wait_for("Signed in");
        assert!(
            s.contains("call back Monday"),
            "the note being typed survived:\n{s}"
        );
        t.keys(&["Enter"]); // save it now
        t.wait_for("Note added");
        t.keys(&["q"]);
        t.wait_for("EXITED:0");
    }))
    .await
    .unwrap();
}
