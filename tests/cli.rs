//! The real binary, run as a script would run it.

use std::process::{Command, Output};

fn tentabo(args: &[&str], config_home: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tentabo"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", config_home.join("state"))
        .env("XDG_DATA_HOME", config_home.join("data"))
        .env_remove("TENTABO_SERVER")
        .env_remove("TENTABO_DATABASE_URL")
        .env_remove("TENTABO_PROFILE")
        .output()
        .expect("run tentabo")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn demo_leads_list_json_has_the_seeded_leads() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(&["--demo", "leads", "list", "--json"], home.path());
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let leads: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(leads.len(), 300);
    // Field names and encodings as on the wire.
    let first = &leads[0];
    for key in [
        "id",
        "title",
        "organization",
        "status",
        "owner_id",
        "created_at",
        "currency",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert!(
        leads.iter().any(|l| l["value"].is_number()),
        "decimals are JSON numbers"
    );
}

#[test]
fn nothing_configured_means_demo() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(&["whoami"], home.path());
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("Demo User") && stdout.contains("demo"),
        "{stdout}"
    );
}

#[test]
fn status_filter_and_move_and_show() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(
        &["--demo", "leads", "list", "--status", "won", "--json"],
        home.path(),
    );
    let leads: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!leads.is_empty());
    assert!(leads.iter().all(|l| l["status"] == "won"));
    let id = leads[0]["id"].as_str().unwrap();

    let out = tentabo(
        &[
            "--demo",
            "leads",
            "move",
            id,
            "lost",
            "--reason",
            "budget cut",
            "--json",
        ],
        home.path(),
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let moved: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(moved["status"], "lost");

    let out = tentabo(&["--demo", "leads", "show", id], home.path());
    let (stdout, _) = text(&out);
    assert!(stdout.contains("history:"), "{stdout}");
}

#[test]
fn bad_input_gets_clear_messages_and_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(
        &["--demo", "leads", "move", "not-a-uuid", "won"],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("not a valid id"));

    let out = tentabo(
        &["--demo", "leads", "list", "--status", "zombie"],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("unknown LeadStatus `zombie`"),
        "{}",
        text(&out).1
    );

    let missing = uuid::Uuid::new_v4().to_string();
    let out = tentabo(&["--demo", "leads", "show", &missing], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("not found"), "{}", text(&out).1);
}

#[test]
fn a_bad_config_exits_2_naming_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("bad.toml");
    std::fs::write(
        &path,
        "[profiles.work]\nserver = \"https://x\"\nsevrer = \"typo\"\n",
    )
    .unwrap();
    let out = tentabo(&["--config", path.to_str().unwrap(), "whoami"], home.path());
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.toml:3"), "{stderr}");
    assert!(stderr.contains("sevrer"), "{stderr}");

    // The default location is read too.
    let dir = home.path().join("tentabo");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "default_profile = 3\n").unwrap();
    let out = tentabo(&["whoami"], home.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("config.toml:1"), "{}", text(&out).1);

    // Naming a profile that does not exist is a usage error, not a silent demo.
    let out = tentabo(
        &["--profile", "nope", "whoami"],
        tempfile::tempdir().unwrap().path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("no profile named `nope`"),
        "{}",
        text(&out).1
    );
}

#[test]
fn demo_profile_from_config_and_seeded_user() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("c.toml");
    std::fs::write(
        &path,
        "default_profile = \"d\"\n[profiles.d]\ndemo = true\ndemo_user = \"alice\"\n",
    )
    .unwrap();
    let out = tentabo(
        &["--config", path.to_str().unwrap(), "whoami", "--json"],
        home.path(),
    );
    let me: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(me["username"], "alice");
    assert_eq!(me["role"], "partner");
    // alice only sees her partner's leads.
    let out = tentabo(
        &[
            "--config",
            path.to_str().unwrap(),
            "leads",
            "list",
            "--json",
        ],
        home.path(),
    );
    let leads: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!leads.is_empty() && leads.len() < 300);
    let partner = &leads[0]["partner_id"];
    assert!(leads.iter().all(|l| &l["partner_id"] == partner));
}

#[test]
fn contracts_list_filters_csv_status_and_note() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(
        &[
            "--demo",
            "contracts",
            "list",
            "--expiring-days",
            "30",
            "--json",
        ],
        home.path(),
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|c| c["status"] == "active"));

    let out = tentabo(
        &[
            "--demo",
            "contracts",
            "list",
            "--status",
            "expired",
            "--csv",
        ],
        home.path(),
    );
    let (stdout, _) = text(&out);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| &r[5] == "expired"));

    let id = rows[0]["id"].as_str().unwrap();
    let out = tentabo(
        &[
            "--demo",
            "contracts",
            "status",
            id,
            "expired",
            "--reason",
            "lapsed",
            "--json",
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let changed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(changed["status"], "expired");

    // A refused transition: exit 1 with the server's wording.
    let cancelled = tentabo(
        &[
            "--demo",
            "contracts",
            "list",
            "--status",
            "cancelled",
            "--json",
        ],
        home.path(),
    );
    let cancelled: Vec<serde_json::Value> = serde_json::from_slice(&cancelled.stdout).unwrap();
    let cid = cancelled[0]["id"].as_str().unwrap();
    let out = tentabo(
        &["--demo", "contracts", "status", cid, "active"],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .1
            .contains("Cannot transition from cancelled to active"),
        "{}",
        text(&out).1
    );

    let out = tentabo(
        &[
            "--demo",
            "contracts",
            "note",
            id,
            "called the customer",
            "--json",
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out).1);

    // A partner user sees only its own contracts.
    let out = tentabo(
        &["--demo", "--as", "alice", "contracts", "list", "--json"],
        home.path(),
    );
    let mine: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let partner = &mine[0]["partner_id"];
    assert!(mine.iter().all(|c| &c["partner_id"] == partner));
}

#[test]
fn leads_create_and_note_from_the_cli() {
    let home = tempfile::tempdir().unwrap();
    let out = tentabo(
        &[
            "--demo",
            "leads",
            "create",
            "--title",
            "Cold vault",
            "--organization",
            "Globex",
            "--contact",
            "Hank",
            "--value",
            "12500.50",
            "--probability",
            "40",
            "--close",
            "2027-01-15",
            "--json",
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let lead: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(lead["title"], "Cold vault");
    assert_eq!(lead["status"], "new");
    assert_eq!(lead["value"].to_string(), "12500.50");

    let out = tentabo(
        &[
            "--demo",
            "leads",
            "create",
            "--title",
            "x",
            "--organization",
            "y",
            "--contact",
            "z",
            "--email",
            "bad",
        ],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("contact_email"), "{}", text(&out).1);

    let list = tentabo(&["--demo", "leads", "list", "--json"], home.path());
    let leads: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    let id = leads[0]["id"].as_str().unwrap();
    let out = tentabo(
        &["--demo", "leads", "note", id, "asked for a demo", "--json"],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let note: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(note["content"], "asked for a demo");
}
