//! `tentabo partners|distributors|users` as scripts run them: on the demo
//! data (one process each) and on a real PostgreSQL database, where each
//! step is a new process and sees the previous one's writes.

mod support;

use serde_json::Value;
use std::process::{Command, Output};
use support::pg::PgDb;
use tentabo::backend::demo::seed::{seed, SeedSize};

fn tentabo(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_tentabo"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("TENTABO_SERVER")
        .env_remove("TENTABO_DATABASE_URL")
        .env_remove("TENTABO_PROFILE")
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> Value {
    let out = tentabo(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn refused(args: &[&str], code: i32) -> String {
    let out = tentabo(args);
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn demo_lists_shows_and_refuses_like_the_server() {
    let partners = ok(&["--demo", "partners", "list", "--json"]);
    assert_eq!(partners.as_array().unwrap().len(), 6);
    let inactive = ok(&["--demo", "partners", "list", "--active", "false", "--json"]);
    assert_eq!(inactive[0]["name"], "Fjord Data");

    let shown = ok(&["--demo", "partners", "show", "alpine systems", "--json"]);
    assert_eq!(shown["kind"], "partner");
    let links = shown["links"].as_array().unwrap();
    assert!(links
        .iter()
        .any(|l| l["distributor"] == "Nordic Channel Distribution" && l["is_active"] == true));
    assert_eq!(shown["users"][0]["username"], "alice");

    let d = ok(&[
        "--demo",
        "distributors",
        "show",
        "Nordic Channel Distribution",
        "--json",
    ]);
    assert!(d["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["partner"] == "Alpine Systems"));

    // The form's rules, before anything is sent: exit 2.
    let e = refused(
        &[
            "--demo", "partners", "create", "--name", "X", "--email", "nope",
        ],
        2,
    );
    assert!(e.contains("email: not a valid email address"), "{e}");
    let e = refused(&["--demo", "partners", "create", "--city", "Lyon"], 2);
    assert!(e.contains("name: required"), "{e}");

    // Non-admins: the backend's refusal, exit 1.
    for args in [
        vec!["partners", "create", "--name", "Mine"],
        vec![
            "distributors",
            "link",
            "Nordic Channel Distribution",
            "Alpine Systems",
        ],
        vec!["users", "list"],
        vec!["users", "disable", "bob"],
    ] {
        let mut full = vec!["--demo", "--as", "alice"];
        full.extend(args.iter());
        let e = refused(&full, 1);
        assert!(e.contains("Admin privileges required"), "{full:?}: {e}");
    }

    // In use: refused with the reason.
    let e = refused(&["--demo", "partners", "delete", "Cobalt IT"], 1);
    assert!(e.contains("still has") && e.contains("orders"), "{e}");

    let users = ok(&["--demo", "users", "list", "--role", "distributor", "--json"]);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["carol", "dave", "gus"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres_each_step_is_a_process_and_sees_the_last() {
    let Some(db) = PgDb::seeded(&seed(chrono::Utc::now(), SeedSize::default())).await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let admin = |rest: &[&str]| {
            let mut a = vec!["--database", &url, "--as", "demo"];
            a.extend(rest);
            a.push("--json");
            ok(&a)
        };
        let created = admin(&[
            "partners",
            "create",
            "--name",
            "Pg Partner",
            "--registration",
            "FR-PG-1",
            "--city",
            "Metz",
        ]);
        let pid = created["id"].as_str().unwrap().to_string();
        admin(&[
            "distributors",
            "link",
            "Sud-Ouest Distribution",
            "Pg Partner",
            "--notes",
            "from the CLI",
        ]);
        let shown = admin(&["partners", "show", &pid]);
        let links = shown["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "{shown}");
        assert_eq!(links[0]["distributor"], "Sud-Ouest Distribution");
        assert_eq!(links[0]["is_active"], true);
        assert_eq!(links[0]["notes"], "from the CLI");

        let updated = admin(&["partners", "update", "Pg Partner", "--active", "false"]);
        assert_eq!(updated["is_active"], false);
        assert_eq!(updated["city"], "Metz", "other fields are kept");

        admin(&["distributors", "unlink", "Sud-Ouest Distribution", &pid]);
        let shown = admin(&["distributors", "show", "Sud-Ouest Distribution"]);
        assert!(shown["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["partner_id"] == pid.as_str() && l["is_active"] == false));

        // Users: disable, role, move; the rows change on the database.
        let u = admin(&["users", "disable", "bob"]);
        assert_eq!(u["is_enabled"], false);
        let u = admin(&["users", "role", "bob", "distributor"]);
        assert_eq!(u["role"], "distributor");
        let u = admin(&["users", "move", "bob", "--partner", &pid]);
        assert_eq!(u["partner_id"], pid.as_str());
        let listed = admin(&["users", "list", "--partner", "Pg Partner"]);
        assert_eq!(listed[0]["username"], "bob");
        assert_eq!(listed[0]["is_enabled"], false);

        // Bob now belongs to it: deleting is refused; after moving him away it works.
        let e = refused(
            &[
                "--database",
                &url,
                "--as",
                "demo",
                "partners",
                "delete",
                &pid,
            ],
            1,
        );
        assert!(e.contains("users") || e.contains("still"), "{e}");
        admin(&["users", "move", "bob", "--partner", "Brume Informatique"]);
        let gone = admin(&["partners", "delete", &pid]);
        assert_eq!(gone["deleted"], pid.as_str());

        let e = refused(
            &[
                "--database",
                &url,
                "--as",
                "alice",
                "partners",
                "create",
                "--name",
                "No",
            ],
            1,
        );
        assert!(e.contains("Admin privileges required"), "{e}");
    })
    .await
    .unwrap();
}
