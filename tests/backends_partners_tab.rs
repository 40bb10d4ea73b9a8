//! The Partners tab on the API (fake server) and PostgreSQL backends: an
//! admin creates, links and administers; a partner user is refused. And on
//! every backend, an edit made on a stale read: the conflict with the
//! current values, what was typed kept, nothing of anyone's lost.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::Harness;
use support::FakeServer;
use tentabo::app::{Overlay, Pane, PickValue};
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::demo::DemoBackend;
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::{fetch_all, SharedBackend, UserQuery};
use tentabo::domain::*;

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

async fn admin_flow(backend: SharedBackend) {
    let mut h = Harness::on(backend).await;
    h.chars("4");
    assert_eq!(h.app.partners.partners.all.len(), 6);
    assert!(
        matches!(h.app.partners.channel.links, Some(Ok(_))),
        "links loaded"
    );
    h.chars("n");
    h.chars("Backend Partner");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("BP-1");
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h.settle().await;
    assert!(h.app.overlays.is_empty(), "{}", status(&h));
    let p = h
        .app
        .partners
        .partners
        .all
        .iter()
        .find(|p| p.name == "Backend Partner")
        .expect("created")
        .clone();
    h.app.partners.partners.cursor.selected = h
        .app
        .partners
        .partners
        .visible
        .iter()
        .position(|i| h.app.partners.partners.all[*i].id == p.id)
        .unwrap();
    h.chars("L");
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Picker(_))));
    h.key(KeyCode::Enter);
    h.settle().await;
    let links = h.app.partners.channel.links_of(CompanyKind::Partner, p.id);
    assert_eq!(links.len(), 1, "{}", status(&h));
    assert!(links[0].is_active);

    // Users of Fjord Data: fanny, disabled; enable her.
    let fjord = h
        .app
        .partners
        .partners
        .visible
        .iter()
        .position(|i| h.app.partners.partners.all[*i].name == "Fjord Data")
        .unwrap();
    h.app.partners.partners.cursor.selected = fjord;
    h.chars("u");
    assert_eq!(h.app.partners.pane, Pane::Users);
    let fanny = h.app.partners.channel.users.selected().unwrap().clone();
    assert!(!fanny.is_enabled);
    h.chars("d");
    h.settle().await;
    let now = h
        .app
        .partners
        .channel
        .users
        .all
        .iter()
        .find(|u| u.id == fanny.id)
        .unwrap();
    assert!(now.is_enabled, "{}", status(&h));

    // In use: refused with the server's reason.
    h.chars("l");
    h.chars("[");
    assert_eq!(h.app.partners.pane, Pane::Partners);
    h.chars("Dy");
    h.settle().await;
    assert!(status(&h).contains("Delete refused"), "{}", status(&h));
}

async fn partner_user_flow(backend: SharedBackend) {
    let mut h = Harness::on(backend).await;
    h.chars("4");
    assert_eq!(h.app.partners.partners.all.len(), 1);
    assert!(h.app.partners.channel.users_error.is_some());
    h.chars("n");
    assert!(h.app.overlays.is_empty());
    assert!(status(&h).contains("Only admins"), "{}", status(&h));
    let screen = h.screen(100, 30);
    assert!(screen.contains("read-only"), "{screen}");
}

fn select_partner(h: &mut Harness, name: &str) -> Company {
    let at = h
        .app
        .partners
        .partners
        .visible
        .iter()
        .position(|i| h.app.partners.partners.all[*i].name == name)
        .unwrap_or_else(|| panic!("{name} is not listed"));
    h.app.partners.partners.cursor.selected = at;
    h.app.partners.partners.selected().unwrap().clone()
}

fn set_field(h: &mut Harness, name: &str, value: &str) {
    let Some(Overlay::Form(f)) = h.app.overlays.last_mut() else {
        panic!("no form open")
    };
    let field = f.fields.iter_mut().find(|x| x.name == name).unwrap();
    field.input = tui_input::Input::new(value.to_string());
}

/// Another administrator's edit of one company, made from a fresh read.
async fn edit_elsewhere(b: &SharedBackend, id: Id, change: impl Fn(&mut CompanyDraft)) -> Company {
    let read = b.get_company(CompanyKind::Partner, id).await.unwrap();
    let mut d = CompanyDraft::from_company(&read);
    change(&mut d);
    b.update_company(CompanyKind::Partner, id, &d, Some(&read))
        .await
        .unwrap()
}

/// `a` edits Alpine in the form while `b` changes it underneath; then `a`
/// toggles it from a stale row.
async fn stale_edit_flow(a: SharedBackend, b: SharedBackend) {
    let mut h = Harness::on(a).await;
    h.chars("4");
    let alpine = select_partner(&mut h, "Alpine Systems");
    h.chars("e");
    edit_elsewhere(&b, alpine.id, |d| {
        d.phone = Some("+33 4 99 99 99 99".into());
        d.notes = Some("Theirs".into());
    })
    .await;
    set_field(&mut h, "city", "Lyon");
    set_field(&mut h, "notes", "Mine");
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h.settle().await;
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("the form closed: {}", status(&h))
    };
    let error = f.error.clone().unwrap_or_default();
    assert!(
        error.contains("+33 4 99 99 99 99") && error.contains("Theirs"),
        "the current values are shown: {error}"
    );
    assert_eq!(f.value("city"), "Lyon", "what was typed is kept");
    assert_eq!(f.value("notes"), "Mine", "what was typed is kept");
    assert_eq!(f.value("phone"), "+33 4 99 99 99 99", "theirs, taken in");
    let notes = f.fields.iter().find(|x| x.name == "notes").unwrap();
    assert!(
        notes.error.as_deref().unwrap_or("").contains("Theirs"),
        "{:?}",
        notes.error
    );
    let stored = b
        .get_company(CompanyKind::Partner, alpine.id)
        .await
        .unwrap();
    assert_eq!(
        stored.city, alpine.city,
        "nothing of the stale edit was saved"
    );

    // Saving again applies what was typed over the current version.
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h.settle().await;
    assert!(h.app.overlays.is_empty(), "{}", status(&h));
    let stored = b
        .get_company(CompanyKind::Partner, alpine.id)
        .await
        .unwrap();
    assert_eq!(stored.city.as_deref(), Some("Lyon"));
    assert_eq!(stored.notes.as_deref(), Some("Mine"));
    assert_eq!(
        stored.phone.as_deref(),
        Some("+33 4 99 99 99 99"),
        "theirs survives"
    );

    // `d` on a row listed before another change: refused, with the values now.
    select_partner(&mut h, "Alpine Systems");
    let after = edit_elsewhere(&b, alpine.id, |d| {
        d.website = Some("https://alpine.example".into())
    })
    .await;
    h.chars("d");
    h.settle().await;
    assert!(
        status(&h).contains("https://alpine.example"),
        "{}",
        status(&h)
    );
    let stored = b
        .get_company(CompanyKind::Partner, alpine.id)
        .await
        .unwrap();
    assert_eq!(stored, after, "still active, the website kept");
    // The list is read again: now `d` goes through and keeps the website.
    select_partner(&mut h, "Alpine Systems");
    h.chars("d");
    h.settle().await;
    let stored = b
        .get_company(CompanyKind::Partner, alpine.id)
        .await
        .unwrap();
    assert!(!stored.is_active, "{}", status(&h));
    assert_eq!(stored.website.as_deref(), Some("https://alpine.example"));

    stale_role_flow(&mut h, &b).await;
}

async fn user_named(b: &SharedBackend, name: &str) -> User {
    let all = UserQuery::default();
    fetch_all(100, |p| b.list_users(&all, p))
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username.as_deref() == Some(name))
        .unwrap()
}

/// Picks Distributor in the role picker of the selected user.
async fn pick_distributor_role(h: &mut Harness) {
    h.chars("R");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no role picker: {}", status(h))
    };
    let at = p
        .list
        .position(|i| i.value == PickValue::Role(UserRole::Distributor))
        .unwrap();
    for _ in 0..at {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.settle().await;
}

/// A role chosen for a user someone else changed meanwhile is refused
/// (their change stays); the users are read again, and the next try works.
async fn stale_role_flow(h: &mut Harness, b: &SharedBackend) {
    select_partner(h, "Brume Informatique");
    h.chars("u");
    assert_eq!(h.app.partners.pane, Pane::Users);
    let bob = h.app.partners.channel.users.selected().unwrap().clone();
    assert_eq!(bob.username.as_deref(), Some("bob"));
    b.set_user_role(bob.id, UserRole::Fulfiller, None, Some(&bob))
        .await
        .unwrap();
    pick_distributor_role(h).await;
    assert!(
        status(h).to_lowercase().contains("fulfiller"),
        "{}",
        status(h)
    );
    assert_eq!(user_named(b, "bob").await.role, UserRole::Fulfiller);
    pick_distributor_role(h).await;
    assert_eq!(
        user_named(b, "bob").await.role,
        UserRole::Distributor,
        "{}",
        status(h)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_edits_on_demo() {
    let data = std::sync::Arc::new(std::sync::RwLock::new(seed(fixed(), SeedSize::default())));
    let a = DemoBackend::with_data(data.clone(), "demo").unwrap();
    let b = DemoBackend::with_data(data, "admin").unwrap();
    stale_edit_flow(Arc::new(a), Arc::new(b)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_edits_on_the_api() {
    let server = FakeServer::start().await;
    stale_edit_flow(
        server.backend_as("demo").await,
        server.backend_as("admin").await,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_edits_on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed(), SeedSize::default())).await else {
        return;
    };
    let a = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    let b = PostgresBackend::connect(&db.url, "admin").await.unwrap();
    stale_edit_flow(Arc::new(a), Arc::new(b)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_422_from_the_server_lands_on_its_field() {
    let server = FakeServer::start().await;
    let mut h = Harness::on(server.backend_as("demo").await).await;
    h.chars("4n");
    h.chars("Valid Locally");
    server.answer_next(
        1,
        422,
        serde_json::json!({
            "error": "Validation error",
            "status_code": 422,
            "details": [support::fake_server::detail(&["body", "website"], "invalid URL")]
        }),
    );
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h.settle().await;
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("the form closed: {}", status(&h))
    };
    let website = f.fields.iter().find(|x| x.name == "website").unwrap();
    assert!(
        website
            .error
            .as_deref()
            .unwrap_or("")
            .contains("invalid URL"),
        "{:?}",
        website.error
    );
    assert_eq!(f.fields[f.focus].name, "website");
    assert_eq!(f.value("name"), "Valid Locally", "nothing typed is lost");
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api() {
    let server = FakeServer::start().await;
    admin_flow(server.backend_as("demo").await).await;
    partner_user_flow(server.backend_as("alice").await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed(), SeedSize::default())).await else {
        return;
    };
    let admin = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    admin_flow(Arc::new(admin)).await;
    let alice = PostgresBackend::connect(&db.url, "alice").await.unwrap();
    partner_user_flow(Arc::new(alice)).await;
}

fn fixed() -> Timestamp {
    support::tui::fixed_now()
}
