//! End-to-end: the real binary in a real terminal (tmux), driven by keys
//! and read back from the screen as a person would.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
}

impl Tmux {
    /// `None` (after saying so loudly) when tmux is missing outside CI.
    fn start(command: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var_os("CI").is_some() {
                panic!("tmux is required for the end-to-end tests in CI");
            }
            eprintln!("\n*** SKIPPING end-to-end test: tmux is not installed ***\n");
            return None;
        }
        let session = format!("tentabo-e2e-{}-{}", std::process::id(), rand_suffix());
        let status = Command::new("tmux")
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
        Some(Tmux { session })
    }

    /// Sends keys one by one. A key right after Escape would be read as
    /// Alt+key by the terminal (as it would for a person typing that fast),
    /// so pause after each Escape.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let args = ["send-keys", "-t", &self.session, key];
            assert!(Command::new("tmux").args(args).status().unwrap().success());
            if *key == "Escape" {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn alternate_screen(&self) -> bool {
        let out = Command::new("tmux")
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

    fn wait_for(&self, needle: &str) -> String {
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
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
}

fn launch(args: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_tentabo");
    let cmd = format!(
        "env XDG_CONFIG_HOME={h} XDG_STATE_HOME={h}/state XDG_DATA_HOME={h}/data TERM=xterm-256color {bin} {args}; echo EXITED:$?; sleep 30",
        h = home.path().display()
    );
    Tmux::start(&cmd, 120, 32).map(|t| (t, home))
}

#[test]
fn start_switch_tabs_help_quit_and_terminal_restored() {
    let Some((t, _home)) = launch("--demo") else {
        return;
    };
    let s = t.wait_for("DEMO");
    assert!(s.contains("Negotiation") || s.contains("New"), "{s}");
    assert!(t.alternate_screen(), "the TUI runs in the alternate screen");

    t.keys(&["2"]);
    t.wait_for("Orders 120 of 120");
    t.keys(&["3"]);
    t.wait_for("Contracts all");
    t.keys(&["Tab"]);
    t.wait_for("Distributors");
    t.keys(&["?"]);
    t.wait_for("Keys");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    let s = t.wait_for("EXITED:0");
    assert!(
        !t.alternate_screen(),
        "terminal left the alternate screen:\n{s}"
    );
}

#[test]
fn filter_move_a_card_two_columns_and_see_history() {
    let Some((t, _home)) = launch("--demo") else {
        return;
    };
    t.wait_for("DEMO");
    t.keys(&["/"]);
    t.keys(&["Wonka"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("/Wonka");
    assert!(s.contains("Wonka"), "{s}");
    // Move the first visible card of the first non-empty column two to the right.
    t.keys(&["L"]);
    t.keys(&["L"]);
    t.wait_for("Moved");
    t.keys(&["Enter"]);
    // The first Wonka card sits in "New": two moves right make two new
    // history rows, stamped today, by the signed-in user.
    let s = t.wait_for("Status history");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    for row in ["New → Contacted", "Contacted → Qualified"] {
        let line = s
            .lines()
            .find(|l| l.contains(row))
            .unwrap_or_else(|| panic!("no `{row}` row:\n{s}"));
        assert!(
            line.contains(&today) && line.contains("by Demo User"),
            "{line}"
        );
    }
    t.keys(&["Escape", "q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn ctrl_c_quits_and_restores() {
    let Some((t, _home)) = launch("--demo") else {
        return;
    };
    t.wait_for("DEMO");
    t.keys(&["C-c"]);
    t.wait_for("EXITED:0");
    assert!(!t.alternate_screen());
}
