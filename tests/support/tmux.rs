//! Driving the real binary in a real terminal (tmux), as a person would.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    session: String,
    /// A server of its own (`tmux -L`), for tests that change server options.
    socket: Option<String>,
}

impl Tmux {
    /// `None` (after saying so loudly) when tmux is missing outside CI.
    pub fn start(command: &str, width: u16, height: u16) -> Option<Tmux> {
        Self::start_on(None, command, width, height)
    }

    /// Like `start`, on a tmux server of its own, stopped when dropped.
    pub fn start_private(command: &str, width: u16, height: u16) -> Option<Tmux> {
        let socket = format!("tentabo-e2e-{}-{}", std::process::id(), rand_suffix());
        Self::start_on(Some(socket), command, width, height)
    }

    fn start_on(socket: Option<String>, command: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var_os("CI").is_some() {
                panic!("tmux is required for the end-to-end tests in CI");
            }
            eprintln!("\n*** SKIPPING end-to-end test: tmux is not installed ***\n");
            return None;
        }
        let session = format!("tentabo-e2e-{}-{}", std::process::id(), rand_suffix());
        let mut tmux = Command::new("tmux");
        if let Some(s) = &socket {
            tmux.args(["-L", s]);
        }
        let status = tmux
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                command,
            ])
            .status()
            .expect("tmux new-session");
        assert!(status.success());
        Some(Tmux { session, socket })
    }

    /// `tmux` on this test's server.
    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        if let Some(s) = &self.socket {
            c.args(["-L", s]);
        }
        c
    }

    /// Runs a tmux command on this test's server; its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.tmux().args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A format of the pane (`#{mouse_any_flag}`, …).
    pub fn pane_format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", &self.session, format])
            .trim()
            .to_string()
    }

    /// Sends keys one by one. A key right after Escape would be read as
    /// Alt+key by the terminal (as it would for a person typing that fast),
    /// so pause after each Escape.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let args = ["send-keys", "-t", &self.session, key];
            assert!(self.tmux().args(args).status().unwrap().success());
            if *key == "Escape" {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    }

    pub fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn alternate_screen(&self) -> bool {
        let out = self
            .tmux()
            .args([
                "display-message",
                "-p",
                "-t",
                &self.session,
                "#{alternate_on}",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("`{needle}` never appeared on screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .tmux()
            .args(["kill-session", "-t", &self.session])
            .status();
        if self.socket.is_some() {
            let _ = self.tmux().arg("kill-server").status();
        }
    }
}

pub fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
}

pub fn launch(args: &str) -> Option<(Tmux, tempfile::TempDir)> {
    launch_with_env("", args)
}

/// `launch_with_env` on a tmux server of its own, with `config` as the
/// user's config file.
pub fn launch_private(config: &str, args: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("tentabo")).unwrap();
    std::fs::write(home.path().join("tentabo/config.toml"), config).unwrap();
    let cmd = command_line(home.path(), "", args);
    Tmux::start_private(&cmd, 120, 32).map(|t| (t, home))
}

fn command_line(home: &std::path::Path, env: &str, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_tentabo");
    format!(
        "env XDG_CONFIG_HOME={h} XDG_STATE_HOME={h}/state XDG_DATA_HOME={h}/data TERM=xterm-256color {env} {bin} {args}; echo EXITED:$?; sleep 30",
        h = home.display()
    )
}

/// `env` is extra `NAME=value` words for the environment.
pub fn launch_with_env(env: &str, args: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_tentabo");
    let cmd = format!(
        "env XDG_CONFIG_HOME={h} XDG_STATE_HOME={h}/state XDG_DATA_HOME={h}/data TERM=xterm-256color {env} {bin} {args}; echo EXITED:$?; sleep 30",
        h = home.path().display()
    );
    Tmux::start(&cmd, 120, 32).map(|t| (t, home))
}
