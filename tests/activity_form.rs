//! The activity form on every backend: the type is one of the server's
//! activity types (nothing typed is taken for one), Done is a toggle, a bad
//! date says what is wrong, "Fix the marked fields" goes once they are
//! fixed, and the lead detail shows the description saved.

mod support;

use crossterm::event::KeyCode;
use std::sync::Arc;
use support::pg::PgDb;
use support::tui::{fixed_now, Harness};
use support::FakeServer;
use tentabo::app::form::FIX_FIELDS;
use tentabo::app::Overlay;
use tentabo::backend::demo::seed::{seed, SeedSize};
use tentabo::backend::postgres::PostgresBackend;
use tentabo::backend::SharedBackend;

fn form(h: &Harness) -> &tentabo::app::form::Form {
    match h.app.top_overlay() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form on top: {other:?}"),
    }
}

fn shown(h: &Harness, name: &str) -> String {
    let f = form(h);
    f.shown(f.fields.iter().position(|x| x.name == name).unwrap())
}

fn focus(h: &mut Harness, name: &str) {
    while form(h).fields[form(h).focus].name != name {
        h.key(KeyCode::Tab);
    }
}

async fn log_a_meeting(backend: SharedBackend) {
    let mut h = Harness::on(backend.clone()).await;
    let lead = h.app.leads.selected().expect("a lead").id;
    h.chars("a");
    assert_eq!(shown(&h, "activity_type"), "call");
    // Typed text is not a type: "cmeeting" matches nothing, and Esc keeps call.
    h.chars("cmeeting");
    assert!(form(&h).pick.as_ref().is_some_and(|p| p.is_empty()));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert!(form(&h).pick.is_none());
    assert_eq!(shown(&h, "activity_type"), "call");
    // Narrowed to a real type, chosen.
    h.chars("meet");
    h.key(KeyCode::Enter);
    assert_eq!(shown(&h, "activity_type"), "meeting");
    focus(&mut h, "subject");
    h.chars("Kick-off");
    h.key(KeyCode::Tab);
    h.chars("Agreed on the pilot scope");
    // Done is a toggle.
    focus(&mut h, "done");
    assert_eq!(shown(&h, "done"), "no");
    h.chars(" ");
    assert_eq!(shown(&h, "done"), "yes");
    h.chars("n");
    assert_eq!(shown(&h, "done"), "no");
    h.chars("y");
    assert_eq!(shown(&h, "done"), "yes");
    // A month that does not exist is named.
    focus(&mut h, "due_date");
    h.chars("2027-13-01");
    h.ctrl('s');
    let f = form(&h);
    let due = f.fields.iter().find(|x| x.name == "due_date").unwrap();
    assert_eq!(
        due.error.as_deref(),
        Some("no month 13: months are 01 to 12")
    );
    assert_eq!(f.error.as_deref(), Some(FIX_FIELDS));
    // Fixed: the form no longer says to fix anything.
    for _ in 0..5 {
        h.key(KeyCode::Backspace);
    }
    h.chars("12-01");
    assert_eq!(form(&h).error, None);
    h.ctrl('s');
    h.settle().await;
    assert!(
        !matches!(h.app.top_overlay(), Some(Overlay::Form(_))),
        "saved: {:?}",
        h.app.status
    );
    let saved = backend.get_lead(lead).await.unwrap();
    let a = saved
        .activities
        .iter()
        .find(|a| a.subject.as_deref() == Some("Kick-off"))
        .expect("the activity");
    assert_eq!(a.activity_type, "meeting");
    assert!(a.done);
    // The lead detail shows the description.
    h.app.overlays.clear();
    h.app.leads.select_id(lead);
    h.key(KeyCode::Enter);
    h.settle().await;
    let screen = h.screen(160, 60);
    assert!(screen.contains("Agreed on the pilot scope"), "{screen}");
}

#[tokio::test]
async fn on_the_demo() {
    let h = Harness::demo(None, 300).await;
    log_a_meeting(h.app.session.backend.clone()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_api() {
    let server = FakeServer::start().await;
    log_a_meeting(server.backend_as("demo").await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres() {
    let Some(db) = PgDb::seeded(&seed(fixed_now(), SeedSize::default())).await else {
        return;
    };
    let b = PostgresBackend::connect(&db.url, "demo").await.unwrap();
    log_a_meeting(Arc::new(b)).await;
}
