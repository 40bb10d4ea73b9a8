//! Keys, theme, styles, mouse and clipboard in the config, through the
//! real binary: a mistake is a config error naming the file, the line and
//! the key, and `tentabo` exits 2 before doing anything.

mod support;

use support::cli::run;

/// Runs `whoami` on the demo with `config` as the config file.
fn with_config(config: &str) -> (i32, String, std::path::PathBuf, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("custom.toml");
    std::fs::write(&path, config).unwrap();
    let out = run(
        home.path(),
        &["--config", path.to_str().unwrap(), "--demo", "whoami"],
        &[],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr, path, home)
}

fn assert_config_error(config: &str, line: usize, words: &[&str]) {
    let (code, stderr, path, _home) = with_config(config);
    assert_eq!(code, 2, "exit code for {config:?}: {stderr}");
    let place = format!("{}:{line}:", path.display());
    assert!(stderr.contains(&place), "{place} not in: {stderr}");
    for w in words {
        assert!(stderr.contains(w), "{w:?} not in: {stderr}");
    }
}

#[test]
fn an_unknown_command_is_placed() {
    assert_config_error(
        "# my keys\n[keys]\nfrobnicate = \"x\"\n",
        3,
        &["frobnicate", "unknown command"],
    );
}

#[test]
fn a_bad_key_string_is_placed() {
    assert_config_error(
        "[keys.builder]\nbuilder-undo = \"ctrl-\"\n",
        2,
        &["builder-undo", "ctrl-x, alt-j"],
    );
    assert_config_error("[keys]\nquit = 5\n", 2, &["keys.quit", "key string"]);
}

#[test]
fn two_commands_on_one_key_are_placed() {
    // `n` is "new lead" in the Leads tab.
    assert_config_error("[keys]\n\nnote = \"n\"\n", 3, &["`n`", "new-lead", "note"]);
}

#[test]
fn an_unknown_context_or_a_command_out_of_its_context_is_placed() {
    assert_config_error("[keys.boards]\nquit = \"x\"\n", 2, &["[keys.boards]"]);
    assert_config_error(
        "[keys.orders]\nmove-next = \"x\"\n",
        2,
        &["move-next", "works in Leads"],
    );
}

#[test]
fn a_profile_mistake_is_found_even_in_another_profile() {
    assert_config_error(
        "default_profile = \"a\"\n[profiles.a]\ndemo = true\n[profiles.b]\ndemo = true\n[profiles.b.keys]\nquit = \"hyper-q\"\n",
        7,
        &["quit", "hyper-q"],
    );
}

#[test]
fn theme_styles_mouse_and_clipboard_mistakes_are_placed() {
    assert_config_error("theme = \"solarized\"\n", 1, &["solarized"]);
    assert_config_error(
        "[styles]\nselected = \"reverse bold\"\nselection = \"bold\"\n",
        3,
        &["selection", "unknown style"],
    );
    assert_config_error("[styles]\ndim = \"purple\"\n", 2, &["dim", "purple"]);
    assert_config_error("mouse = \"yes\"\n", 1, &["mouse"]);
    assert_config_error("clipboard = \"x11\"\n", 1, &["x11"]);
}

#[test]
fn a_good_config_runs() {
    let (code, stderr, _, _home) = with_config(
        r#"theme = "light"
mouse = false
clipboard = "off"
[styles]
selected = "black on yellow bold"
[keys]
note = "ctrl-n"
quit = ["q", "ctrl-q"]
[keys.leads]
undo = ["u", "ctrl-z"]
[profiles.work]
server = "https://example.invalid"
[profiles.work.keys]
toggle-view = "V"
"#,
    );
    assert_eq!(code, 0, "{stderr}");
}
