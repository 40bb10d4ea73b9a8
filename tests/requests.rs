//! Requests with identity: a superseded load is dropped (latest wins), and a
//! write's answer goes back to whoever sent it — never to another form.

mod support;

use crossterm::event::KeyCode;
use std::time::Duration;
use support::tui::Harness;
use support::FakeServer;
use tentabo::app::form::FormPurpose;
use tentabo::app::Overlay;
use tentabo::domain::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_first_load_never_overwrites_a_newer_one() {
    let server = FakeServer::start().await;
    let backend = server.backend_as("demo").await;
    let mut h = Harness::with_backend(backend.clone()).await;

    // The first load's first page is slow: it answers with the world as it
    // was before the lead below existed, after the second load has answered.
    server.clear_requests();
    server.late_next(1, Duration::from_millis(1500));
    h.app.load_leads();
    // Wait until that first page is answered (and held back).
    for _ in 0..200 {
        if server
            .requests()
            .iter()
            .any(|s| s.path.starts_with("/leads"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let draft = LeadDraft {
        title: "Arrived between two loads".into(),
        organization: "Latest Wins SA".into(),
        contact_name: "Lou Latest".into(),
        currency: "EUR".into(),
        ..Default::default()
    };
    let created = backend.create_lead(&draft).await.expect("create");
    h.app.load_leads();
    h.settle().await;

    assert!(
        h.app.leads.all.iter().any(|l| l.id == created.id),
        "the newer load's list stays; the slow first answer was dropped"
    );
    assert_eq!(h.app.pending(), 0);
}

#[tokio::test]
async fn a_saved_note_never_closes_another_form() {
    let mut h = Harness::demo(None, 300).await;
    let first = h.app.leads.selected().unwrap().id;

    // Save a note on the first lead, and leave the form while it saves.
    h.chars("N");
    h.chars("called back");
    h.ctrl('s');
    assert!(
        matches!(h.app.top_overlay(), Some(Overlay::Form(f)) if f.submitting),
        "the note is saving"
    );
    h.key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());

    // Open another lead's edit form and type into it.
    h.chars("j");
    let second = h.app.leads.selected().unwrap().id;
    assert_ne!(first, second);
    h.chars("e");
    h.chars(" (edited)");

    // The note's answer arrives now.
    h.settle().await;
    match h.app.top_overlay() {
        Some(Overlay::Form(f)) => {
            assert!(
                matches!(f.purpose, FormPurpose::EditLead { id, .. } if id == second),
                "the edit form is still open"
            );
            assert!(
                f.fields[f.focus].input.value().ends_with(" (edited)"),
                "what was typed is kept"
            );
            assert!(!f.submitting);
        }
        other => panic!("the edit form was closed: {other:?}"),
    }
    let status = h.app.status.as_ref().expect("a status line");
    assert!(
        !status.error && status.text.contains("Note added"),
        "the note's outcome is told in the status bar: {status:?}"
    );
}

#[tokio::test]
async fn a_failed_write_whose_form_was_closed_is_told_in_the_status_bar() {
    let mut h = Harness::demo(None, 300).await;
    // A note of only spaces passes nothing locally… so use the edit form
    // with a value the backend refuses: an unknown partner id.
    h.chars("e");
    let form_id = match h.app.top_overlay() {
        Some(Overlay::Form(f)) => f.purpose.clone(),
        other => panic!("no form: {other:?}"),
    };
    assert!(matches!(form_id, FormPurpose::EditLead { .. }));
    // Make the save conflict: another write changes the lead first.
    let id = h.app.leads.selected().unwrap().id;
    let b = h.app.session.backend.clone();
    let lead = b.get_lead(id).await.unwrap().lead;
    b.update_lead(
        id,
        &LeadDraft {
            title: format!("{} (changed elsewhere)", lead.title),
            ..LeadDraft::from_lead(&lead)
        },
        None,
    )
    .await
    .unwrap();
    h.chars(" mine");
    h.ctrl('s');
    h.key(KeyCode::Esc);
    h.chars("n");
    h.settle().await;
    // The new-lead form opened meanwhile is untouched.
    match h.app.top_overlay() {
        Some(Overlay::Form(f)) => {
            assert!(matches!(f.purpose, FormPurpose::NewLead));
            assert!(f.error.is_none(), "{:?}", f.error);
            assert!(f.fields.iter().all(|fl| fl.error.is_none()));
        }
        other => panic!("the new-lead form was closed: {other:?}"),
    }
    let status = h.app.status.as_ref().expect("a status line");
    assert!(
        status.error && status.text.starts_with("Save failed"),
        "{status:?}"
    );
}

#[tokio::test]
async fn quitting_waits_for_saves_on_their_way_and_a_second_q_leaves_at_once() {
    use tentabo::app::Quit;
    let mut h = Harness::demo(None, 300).await;
    h.chars("N");
    h.chars("last words");
    h.ctrl('s');
    h.key(KeyCode::Esc);
    // The note is on its way: q waits for it, and says so.
    h.chars("q");
    assert_eq!(h.app.quit, Quit::WhenSaved);
    let status = h.app.status.clone().unwrap();
    assert!(status.text.contains("the save on its way"), "{status:?}");
    h.settle().await;
    assert_eq!(h.app.quit, Quit::Now, "left once the note was saved");

    // A second q does not wait.
    let mut h = Harness::demo(None, 300).await;
    h.chars("N");
    h.chars("more words");
    h.ctrl('s');
    h.key(KeyCode::Esc);
    h.chars("q");
    assert_eq!(h.app.quit, Quit::WhenSaved);
    h.chars("q");
    assert_eq!(h.app.quit, Quit::Now);
}
