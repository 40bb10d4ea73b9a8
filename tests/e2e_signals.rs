//! End-to-end: the real binary stopped by SIGTERM or SIGHUP (a kill, a
//! dropped SSH link) in tmux. The terminal is restored, the work being typed
//! is kept as drafts (owner-only), and the next start offers it back.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::tmux::Tmux;

/// Starts the demo in `home`, writing its pid to `home/pid`; after it ends
/// the pane shows its exit status and whether echo is back on.
fn start(home: &Path) -> Option<Tmux> {
    let bin = env!("CARGO_BIN_EXE_tentabo");
    let h = home.display();
    let cmd = format!(
        "env XDG_CONFIG_HOME={h} XDG_STATE_HOME={h}/state XDG_DATA_HOME={h}/data TERM=xterm-256color \
         sh -c 'echo $$ > {h}/pid; exec {bin} --demo'; echo EXITED:$?; \
         stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo | sed 's/^/ECHO:/'; sleep 30"
    );
    Tmux::start(&cmd, 120, 32)
}

fn kill(home: &Path, signal: &str) {
    let pid = std::fs::read_to_string(home.join("pid")).expect("pid file");
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn draft_files(home: &Path) -> Vec<PathBuf> {
    let dir = home.join("state/tentabo/drafts");
    let start = Instant::now();
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        if !files.is_empty() || start.elapsed() > Duration::from_secs(5) {
            return files;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn assert_owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
}

#[test]
fn sigterm_keeps_the_order_being_built_and_the_next_start_offers_it_back() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start(home.path()) else {
        return;
    };
    t.wait_for("DEMO");
    t.keys(&["2", "n"]);
    t.wait_for("New order");
    t.keys(&["a", "vault", "Enter", "12", "Enter", "7", "Enter"]);
    t.wait_for("Backup Vault");
    kill(home.path(), "TERM");
    t.wait_for("EXITED:143");
    let s = t.wait_for("ECHO:");
    assert!(!t.alternate_screen(), "terminal restored:\n{s}");
    assert!(s.contains("ECHO:echo"), "echo is back on:\n{s}");
    assert!(s.contains("kept as drafts"), "{s}");
    let files = draft_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert_owner_only(&files[0]);
    drop(t);

    // The next start offers the order back; Enter restores it.
    let Some(t) = start(home.path()) else {
        return;
    };
    let s = t.wait_for("Unsaved work kept");
    assert!(s.contains("Restore  Order"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("Restored Order");
    // The line is back once the catalogue has loaded.
    t.wait_for("Backup Vault");
    assert!(
        draft_files(home.path()).is_empty(),
        "a restored draft leaves the file"
    );
    t.keys(&["X", "q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn sighup_keeps_a_typed_note_and_discarding_forgets_it() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = start(home.path()) else {
        return;
    };
    t.wait_for("DEMO");
    t.keys(&["N"]);
    t.wait_for("Note on");
    t.keys(&["call back after the board meeting"]);
    t.wait_for("board meeting");
    kill(home.path(), "HUP");
    t.wait_for("EXITED:129");
    let s = t.wait_for("ECHO:");
    assert!(!t.alternate_screen());
    assert!(s.contains("ECHO:echo"), "echo is back on:\n{s}");
    let files = draft_files(home.path());
    assert_eq!(files.len(), 1);
    assert_owner_only(&files[0]);
    let kept = std::fs::read_to_string(&files[0]).unwrap();
    assert!(kept.contains("call back after the board meeting"), "{kept}");
    drop(t);

    let Some(t) = start(home.path()) else {
        return;
    };
    let s = t.wait_for("Unsaved work kept");
    assert!(s.contains("board meeting"), "{s}");
    // Restore it: the note form is back with the text.
    t.keys(&["Enter"]);
    let s = t.wait_for("Restored Note on");
    assert!(s.contains("call back after the board meeting"), "{s}");
    // Quitting with the note still typed keeps it again; discard it next time.
    t.keys(&["C-c"]);
    let s = t.wait_for("EXITED:0");
    assert!(s.contains("kept as drafts"), "{s}");
    drop(t);
    let Some(t) = start(home.path()) else {
        return;
    };
    t.wait_for("Unsaved work kept");
    t.keys(&["G", "Enter"]);
    t.wait_for("Discarded");
    assert!(draft_files(home.path()).is_empty());
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}
