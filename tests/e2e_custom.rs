//! The real binary in tmux with a config of the user's own: `y` copies over
//! OSC 52 into tmux's buffer, a rebound key works and shows in `?`, and the
//! mouse is captured only while the app runs (and not at all when off).

mod support;

use std::time::{Duration, Instant};
use support::tmux::{launch_private, Tmux};

/// Waits until `f` holds, or fails with what `what` was last.
fn eventually(t: &Tmux, what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while !f() {
        if start.elapsed() > Duration::from_secs(15) {
            panic!("{what} never happened:\n{}", t.screen());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn y_puts_the_contract_number_in_tmux_buffer() {
    let Some((t, _home)) = launch_private("", "--demo") else {
        return;
    };
    // tmux takes OSC 52 from the app into a paste buffer.
    t.run(&["set-option", "-s", "set-clipboard", "on"]);
    t.wait_for("Leads");
    t.keys(&["3"]);
    t.wait_for("CNT-");
    t.keys(&["y"]);
    let screen = t.wait_for("Copied contract number: ");
    let number = screen
        .split("Copied contract number: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the number in the status line")
        .to_string();
    assert!(number.starts_with("CNT-"), "{number}");
    eventually(&t, "the buffer", || {
        t.run(&["show-buffer"]).trim() == number
    });
    // The selected row is the one copied.
    let row = screen
        .lines()
        .find(|l| l.contains(&number))
        .expect("the copied contract is on screen");
    assert!(row.contains('│'), "{row}");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn a_rebound_key_works_and_shows_in_help() {
    let config = "[keys]\ntoggle-view = \"V\"\n[keys.leads]\nquit = \"ctrl-q\"\n";
    let Some((t, _home)) = launch_private(config, "--demo") else {
        return;
    };
    t.wait_for("New");
    // The old key does nothing; the new one switches to the table.
    t.keys(&["v"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!t.screen().contains("sorted by"), "{}", t.screen());
    t.keys(&["V"]);
    t.wait_for("sorted by");
    t.keys(&["?"]);
    let help = t.wait_for("Board ⇄ table");
    let line = help.lines().find(|l| l.contains("Board ⇄ table")).unwrap();
    assert!(line.contains(" V "), "{line}");
    let quit = help
        .lines()
        .find(|l| l.contains("Ctrl-Q"))
        .expect("the tab's own quit key in ?");
    assert!(quit.contains("Quit"), "{quit}");
    t.keys(&["Escape"]);
    t.keys(&["C-q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn the_mouse_is_captured_only_while_the_app_runs() {
    let Some((t, _home)) = launch_private("", "--demo") else {
        return;
    };
    t.wait_for("Leads");
    eventually(&t, "mouse capture", || {
        t.pane_format("#{mouse_any_flag}") == "1"
    });
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    assert_eq!(t.pane_format("#{mouse_any_flag}"), "0");
    assert_eq!(t.pane_format("#{mouse_button_flag}"), "0");
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    let Some((t, _home)) = launch_private("mouse = false\n", "--demo") else {
        return;
    };
    t.wait_for("Leads");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(t.pane_format("#{mouse_any_flag}"), "0");
    assert_eq!(t.pane_format("#{mouse_standard_flag}"), "0");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}
