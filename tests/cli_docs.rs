//! `tentabo completions SHELL` and `tentabo man`: generated from the clap
//! definitions, printed without reading the config or opening a backend.

mod support;

use support::cli::run;

fn stdout_of(args: &[&str], home: &std::path::Path) -> String {
    let out = run(home, args, &[], None);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn completions_generate_for_every_shell() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = stdout_of(&["completions", shell], home.path());
        for word in ["leads", "contracts", "partners", "profile", "completions"] {
            assert!(text.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn bash_completions_are_valid_bash() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout_of(&["completions", "bash"], home.path());
    let file = home.path().join("tentabo.bash");
    std::fs::write(&file, &text).unwrap();
    let Ok(out) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
    else {
        eprintln!("*** SKIPPING the bash syntax check: no bash ***");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_manual_page_names_the_commands() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout_of(&["man"], home.path());
    assert!(text.contains(".TH tentabo 1"), "{text}");
    for word in ["leads", "completions", "\\-\\-config"] {
        assert!(text.contains(word), "man lacks {word}");
    }
}

#[test]
fn they_need_no_config() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "[keys]\nnot-a-command = \"x\"\n").unwrap();
    let text = stdout_of(
        &["--config", bad.to_str().unwrap(), "completions", "fish"],
        home.path(),
    );
    assert!(text.contains("tentabo"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["completions", "tcsh"], &[], None);
    assert_eq!(out.status.code(), Some(2));
}
