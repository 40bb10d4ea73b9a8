//! Running the real binary from a test, isolated from the user's own
//! config, cached sessions and logs.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `tentabo` with its config, state and data dirs under `home`,
/// extra environment `env`, and `stdin` piped in.
pub fn run(home: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tentabo"));
    cmd.args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        // The developer's own session or target never leaks into a test.
        .env_remove("TENTABO_TOKEN")
        .env_remove("TENTABO_SERVER")
        .env_remove("TENTABO_PROFILE")
        .env_remove("TENTABO_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run tentabo");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("tentabo output")
}

/// The command's stdout as JSON; a failed command fails the test with its stderr.
pub fn json(out: Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}
