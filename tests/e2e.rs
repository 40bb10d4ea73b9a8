//! End-to-end: the real binary in a real terminal (tmux), driven by keys
//! and read back from the screen as a person would.

mod support;

use support::tmux::launch;

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
    // history rows, stamped today, by the signed-in user ("you").
    let s = t.wait_for("Status history");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    for row in ["New → Contacted", "Contacted → Qualified"] {
        let line = s
            .lines()
            .find(|l| l.contains(row))
            .unwrap_or_else(|| panic!("no `{row}` row:\n{s}"));
        assert!(line.contains(&today) && line.contains("by you"), "{line}");
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

#[test]
fn long_note_written_in_editor() {
    // A stand-in for $EDITOR that appends a line to the file it is given.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fake-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'written in the editor' >> \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Some((t, _home)) =
        support::tmux::launch_with_env(&format!("EDITOR={}", script.display()), "--demo")
    else {
        return;
    };
    t.wait_for("DEMO");
    t.keys(&["N"]);
    t.wait_for("Note on");
    t.keys(&["draft: ", "C-e"]);
    t.wait_for("draft: written in the editor");
    t.keys(&["Enter"]);
    t.wait_for("Note added");
    t.keys(&["Enter"]);
    t.wait_for("draft: written in the editor");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}
