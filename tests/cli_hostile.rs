//! Hostile data through the real binary: a lead whose title carries
//! terminal escapes and a bidi override, an organization that is a
//! spreadsheet formula, a server whose error body does the same. Tables,
//! `show` pages and error messages print none of it raw; CSV neutralises the
//! formula; JSON keeps every byte.

mod support;

use serde_json::Value;
use std::process::Output;
use support::pg::PgDb;
use support::FakeServer;
use tentabo::backend::demo::seed::{seed, SeedSize};

const TITLE: &str = "Hello\x1b[2J\x1b]0;PWNED\x07 \u{202E}gnp.exe";
const SHOWN: &str = "Hello[2J]0;PWNED gnp.exe";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";

fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let home = tempfile::tempdir().unwrap();
    support::cli::run(home.path(), args, env, stdin)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

/// No escape, bell, other control (but line feeds) or bidi control.
fn assert_clean(what: &str, text: &str) {
    let bad = |c: char| {
        (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    assert!(!text.contains(['\x1b', '\x07']), "{what}: {text:?}");
    assert!(!text.chars().any(bad), "{what}: {text:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_lead_is_shown_clean_and_kept_exact_in_json() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let cli = |rest: &[&str]| {
            let mut args = vec!["--database", url.as_str(), "--as", "demo"];
            args.extend_from_slice(rest);
            run(&args, &[], None)
        };
        let created = cli(&[
            "leads",
            "create",
            "--title",
            TITLE,
            "--organization",
            FORMULA,
            "--contact",
            "Mallory\r\nX-Injected: yes",
        ]);
        let notice = stdout(&created);
        assert_clean("create", &notice);
        assert!(notice.contains(SHOWN), "{notice}");

        let json: Value =
            support::cli::json(cli(&["leads", "list", "--search", "Hello", "--json"]));
        let lead = json
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["organization"] == FORMULA)
            .expect("the new lead is listed");
        assert_eq!(lead["title"], TITLE, "JSON keeps the exact title");
        let id = lead["id"].as_str().unwrap().to_string();

        let table = stdout(&cli(&["leads", "list", "--search", "Hello"]));
        assert_clean("list", &table);
        let row = table.lines().find(|l| l.starts_with(&id)).expect("row");
        assert!(row.contains(SHOWN), "{row}");
        assert!(
            row.contains(FORMULA),
            "a table shows a formula as text: {row}"
        );

        let note = cli(&[
            "leads",
            "note",
            &id,
            "line one\nline two\x1b[31m red\u{2066}",
        ]);
        assert_clean("note", &stdout(&note));
        let shown = stdout(&cli(&["leads", "show", &id]));
        assert_clean("show", &shown);
        assert!(shown.starts_with(&format!("{SHOWN}\n")), "{shown}");
        assert!(
            shown.contains("contact:      Mallory X-Injected: yes\n"),
            "{shown}"
        );
        assert!(shown.contains("line one · line two[31m red\n"), "{shown}");
        let exact: Value = support::cli::json(cli(&["leads", "show", &id, "--json"]));
        assert_eq!(exact["title"], TITLE);
        assert_eq!(exact["contact_name"], "Mallory\r\nX-Injected: yes");

        let csv = stdout(&cli(&["leads", "list", "--search", "Hello", "--csv"]));
        assert_clean("csv", &csv);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[2], "title");
        assert_eq!(&headers[3], "organization");
        let record = reader
            .records()
            .map(|r| r.unwrap())
            .find(|r| r[0] == id)
            .expect("CSV row");
        assert_eq!(&record[2], SHOWN);
        assert_eq!(
            record[3],
            format!("'{FORMULA}"),
            "the formula is neutralised"
        );
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_server_error_reaches_stderr_clean() {
    let server = FakeServer::start().await;
    let body = serde_json::json!({
        "error": "boom\x1b]0;PWNED\x07\u{202E}gnp.exe",
        "status_code": 500,
    });
    let url = server.url.clone();

    // The command fails: a cached session, then a hostile error body.
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_path_buf();
    let u = url.clone();
    let login = tokio::task::spawn_blocking(move || {
        let args = [
            "--server",
            u.as_str(),
            "login",
            "--username",
            "alice",
            "--password-stdin",
        ];
        support::cli::run(&h, &args, &[], Some("secret\n"))
    })
    .await
    .unwrap();
    assert!(login.status.success(), "{login:?}");
    server.answer_next(1, 500, body.clone());
    let (h, u) = (home.path().to_path_buf(), url.clone());
    let out = tokio::task::spawn_blocking(move || {
        support::cli::run(&h, &["--server", u.as_str(), "leads", "list"], &[], None)
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_clean("command error", &err);
    assert!(err.contains("boom]0;PWNEDgnp.exe"), "{err}");

    // Opening the session fails: an API key in the environment is traded on
    // start, then (no trade) tried as it is; both answers are hostile.
    let key = server.create_api_key("demo");
    server.answer_next(2, 500, body);
    let out = tokio::task::spawn_blocking(move || {
        let env = [("TENTABO_TOKEN", key.as_str())];
        run(&["--server", url.as_str(), "whoami"], &env, None)
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_clean("connect error", &err);
    assert!(err.contains("boom]0;PWNEDgnp.exe"), "{err}");
}

#[test]
fn hostile_input_is_echoed_clean_in_usage_errors() {
    let out = run(
        &["--demo", "leads", "show", "\x1b[31mnot-an-id\x07"],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_clean("usage error", &err);
    assert!(err.contains("`[31mnot-an-id` is not a valid id"), "{err}");
}
