//! The Partners tab driven in-process on the demo backend: panes, company
//! writes for admins only, links both ways, user administration, jumps.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::tui::Harness;
use tentabo::app::{Overlay, Pane, PickValue, Tab};
use tentabo::domain::*;

async fn partners_tab(user: Option<&str>) -> Harness {
    let mut h = Harness::demo(user, 300).await;
    h.chars("4");
    assert_eq!(h.app.tab, Tab::Partners);
    h
}

fn save(h: &mut Harness) {
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

fn select_partner(h: &mut Harness, name: &str) {
    h.app.partners.partners.cursor.selected = h
        .app
        .partners
        .partners
        .visible
        .iter()
        .position(|i| h.app.partners.partners.all[*i].name == name)
        .unwrap_or_else(|| panic!("{name} is not listed"));
}

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Opens the new-partner form, types `name` and `email`, saves.
async fn create_partner(h: &mut Harness, name: &str, email: &str) {
    h.chars("n");
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("no form: {}", status(h))
    };
    assert_eq!(f.title, "New partner");
    h.chars(name);
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    h.chars(email);
    save(h);
    h.settle().await;
}

#[tokio::test]
async fn panes_cycle_with_brackets_and_h_l_and_filter_separately() {
    let mut h = partners_tab(None).await;
    assert_eq!(h.app.partners.pane, Pane::Partners);
    h.chars("]");
    assert_eq!(h.app.partners.pane, Pane::Users);
    h.chars("]");
    assert_eq!(h.app.partners.pane, Pane::Distributors);
    h.chars("[");
    assert_eq!(h.app.partners.pane, Pane::Users);
    h.chars("hh");
    assert_eq!(h.app.partners.pane, Pane::Distributors);
    h.chars("h");
    assert_eq!(h.app.partners.pane, Pane::Distributors);
    h.chars("l");
    assert_eq!(h.app.partners.pane, Pane::Partners);
    h.chars("/cobalt");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.partners.partners.len(), 1);
    assert_eq!(
        h.app.partners.partners.selected().unwrap().name,
        "Cobalt IT"
    );
    assert_eq!(
        h.app.partners.distributors.len(),
        2,
        "the other pane is unfiltered"
    );
    // The users pane follows the selected partner.
    let users: Vec<String> = h
        .app
        .partners
        .channel
        .users
        .visible
        .iter()
        .map(|i| {
            h.app.partners.channel.users.all[*i]
                .username
                .clone()
                .unwrap()
        })
        .collect();
    assert_eq!(users, vec!["chen"]);
}

#[tokio::test]
async fn non_admins_are_refused_with_the_reason_and_see_no_users() {
    for user in ["alice", "carol", "fiona"] {
        let mut h = partners_tab(Some(user)).await;
        for key in ["n", "e", "d", "D", "L", "U"] {
            h.chars(key);
            assert!(h.app.overlays.is_empty(), "{user} {key} opened something");
            let s = status(&h);
            assert!(
                s.contains("Only admins can change") && s.contains(user),
                "{user} {key}: {s}"
            );
        }
        assert!(
            h.app.partners.channel.users_error.is_some(),
            "{user} listed users"
        );
        h.chars("u");
        assert_ne!(h.app.partners.pane, Pane::Users);
        assert!(
            status(&h).contains("only admins can see users"),
            "{}",
            status(&h)
        );
        // Cycling panes skips the users pane.
        h.chars("]");
        assert_eq!(h.app.partners.pane, Pane::Distributors);
        h.chars("]");
        assert_eq!(h.app.partners.pane, Pane::Partners);
    }
    // Partners-tab actions named in the palette elsewhere do nothing.
    let mut h = partners_tab(None).await;
    h.chars("1");
    h.chars(":new-company");
    h.key(KeyCode::Enter);
    assert!(
        !h.app.overlays.iter().any(|o| matches!(o, Overlay::Form(_))),
        "no company form opens on the Leads tab"
    );
    assert!(status(&h).contains("Partners tab"), "{}", status(&h));
    // A partner user sees its own partner and the distributor it is linked to.
    let h = partners_tab(Some("alice")).await;
    let names: Vec<&str> = h
        .app
        .partners
        .partners
        .all
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, vec!["Alpine Systems"]);
}

#[tokio::test]
async fn form_mirrors_validation_then_creates_edits_and_deactivates() {
    let mut h = partners_tab(None).await;
    let before = h.app.partners.partners.all.len();
    create_partner(&mut h, "Zephyr Conseil", "not-an-email").await;
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("the form closed on a bad email")
    };
    let email = f.fields.iter().find(|x| x.name == "email").unwrap();
    assert_eq!(email.error.as_deref(), Some("not a valid email address"));
    assert_eq!(
        h.app.partners.partners.all.len(),
        before,
        "nothing was sent"
    );
    // Fix the email (focus moved onto it) and save.
    for _ in 0..12 {
        h.key(KeyCode::Backspace);
    }
    h.chars("hello@zephyr.example");
    save(&mut h);
    h.settle().await;
    assert!(h.app.overlays.is_empty(), "{}", status(&h));
    assert_eq!(h.app.partners.partners.all.len(), before + 1);
    let z = h
        .app
        .partners
        .partners
        .all
        .iter()
        .find(|p| p.name == "Zephyr Conseil")
        .unwrap()
        .clone();
    assert_eq!(z.email.as_deref(), Some("hello@zephyr.example"));

    // Edit: the city.
    select_partner(&mut h, "Zephyr Conseil");
    h.chars("e");
    for _ in 0..8 {
        h.key(KeyCode::Tab);
    }
    h.chars("Nancy");
    save(&mut h);
    h.settle().await;
    let z2 = h
        .app
        .partners
        .partners
        .all
        .iter()
        .find(|p| p.id == z.id)
        .unwrap();
    assert_eq!(z2.city.as_deref(), Some("Nancy"));

    // d deactivates, d again reactivates.
    select_partner(&mut h, "Zephyr Conseil");
    h.chars("d");
    h.settle().await;
    assert!(
        status(&h).starts_with("Deactivated partner Zephyr"),
        "{}",
        status(&h)
    );
    assert!(!h
        .app
        .partners
        .partners
        .all
        .iter()
        .any(|p| p.id == z.id && p.is_active));
    h.chars("d");
    h.settle().await;
    assert!(h
        .app
        .partners
        .partners
        .all
        .iter()
        .any(|p| p.id == z.id && p.is_active));
}

#[tokio::test]
async fn server_refusal_of_a_duplicate_registration_keeps_the_form() {
    let mut h = partners_tab(None).await;
    h.chars("n");
    h.chars("Copycat");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.chars("FR000000100"); // Alpine Systems'
    save(&mut h);
    h.settle().await;
    let Some(Overlay::Form(f)) = h.app.top_overlay() else {
        panic!("the form closed")
    };
    assert!(
        f.error.as_deref().unwrap_or("").contains("already exists"),
        "{:?}",
        f.error
    );
    assert!(!f.submitting);
    let reg = f
        .fields
        .iter()
        .find(|x| x.name == "registration_number")
        .unwrap();
    assert_eq!(
        reg.error.as_deref(),
        Some("already used by another company")
    );
}

#[tokio::test]
async fn delete_is_confirmed_and_refused_with_the_reason_when_in_use() {
    let mut h = partners_tab(None).await;
    select_partner(&mut h, "Cobalt IT");
    h.chars("D");
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Confirm(_))));
    h.chars("n");
    assert!(h.app.overlays.is_empty());
    assert_eq!(status(&h), "Nothing deleted");
    h.chars("D");
    h.chars("y");
    h.settle().await;
    let s = status(&h);
    assert!(
        s.contains("Delete refused for Cobalt IT") && s.contains("orders"),
        "{s}"
    );
    assert!(h
        .app
        .partners
        .partners
        .all
        .iter()
        .any(|p| p.name == "Cobalt IT"));

    create_partner(&mut h, "Short Lived", "a@b.example").await;
    select_partner(&mut h, "Short Lived");
    h.chars("Dy");
    h.settle().await;
    assert_eq!(status(&h), "Deleted partner Short Lived");
    assert!(!h
        .app
        .partners
        .partners
        .all
        .iter()
        .any(|p| p.name == "Short Lived"));
}

#[tokio::test]
async fn link_and_unlink_from_either_side_show_on_both() {
    let mut h = partners_tab(None).await;
    create_partner(&mut h, "Linkable", "l@x.example").await;
    select_partner(&mut h, "Linkable");
    let pid = h.app.partners.partners.selected().unwrap().id;
    h.chars("L");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker: {}", status(&h))
    };
    assert_eq!(p.list.len(), 2, "both distributors are offered");
    let dist_name = p.list.selected().unwrap().label.clone();
    h.key(KeyCode::Enter);
    h.settle().await;
    assert_eq!(status(&h), format!("Linked Linkable to {dist_name}"));
    let did = h
        .app
        .partners
        .distributors
        .all
        .iter()
        .find(|d| d.name == dist_name)
        .unwrap()
        .id;
    let links = h.app.partners.channel.links_of(CompanyKind::Partner, pid);
    assert_eq!(links.len(), 1);
    assert!(links[0].is_active && links[0].distributor_id == did);
    // Only admin accounts are recorded as assigners (an FK to admin_users).
    assert_eq!(links[0].assigned_by, None);
    let theirs = h
        .app
        .partners
        .channel
        .links_of(CompanyKind::Distributor, did);
    assert!(theirs.iter().any(|l| l.partner_id == pid && l.is_active));
    // The detail shows it.
    h.key(KeyCode::Enter);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Distributors (1 linked, 0 ended)"),
        "{screen}"
    );
    assert!(screen.contains(&format!("● {dist_name}")), "{screen}");
    // Link from the detail too: the other distributor is the only one offered.
    h.chars("L");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker from the detail: {}", status(&h))
    };
    assert_eq!(p.list.len(), 1);
    h.key(KeyCode::Enter);
    h.settle().await;
    assert!(matches!(h.app.top_overlay(), Some(Overlay::Company(_))));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Distributors (2 linked, 0 ended)"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());

    // Unlink from the distributor's side.
    h.chars("[");
    assert_eq!(h.app.partners.pane, Pane::Distributors);
    h.app.partners.distributors.cursor.selected = h
        .app
        .partners
        .distributors
        .visible
        .iter()
        .position(|i| h.app.partners.distributors.all[*i].id == did)
        .unwrap();
    h.chars("U");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no picker: {}", status(&h))
    };
    let at = p.list.position(|i| i.label == "Linkable").unwrap();
    for _ in 0..at {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.settle().await;
    assert_eq!(status(&h), format!("Unlinked Linkable from {dist_name}"));
    let links = h.app.partners.channel.links_of(CompanyKind::Partner, pid);
    assert_eq!(links.len(), 2);
    for l in links {
        assert_eq!(l.is_active, l.distributor_id != did, "{l:?}");
    }
}

#[tokio::test]
async fn admin_enables_disables_changes_role_and_moves_users() {
    let mut h = partners_tab(None).await;
    select_partner(&mut h, "Fjord Data");
    h.chars("u");
    assert_eq!(h.app.partners.pane, Pane::Users);
    let u = h.app.partners.channel.users.selected().unwrap().clone();
    assert_eq!(u.username.as_deref(), Some("fanny"));
    assert!(!u.is_enabled);
    h.chars(" ");
    h.settle().await;
    assert_eq!(status(&h), "Enabled Fanny Fjord");
    let user = |h: &Harness| {
        h.app
            .partners
            .channel
            .users
            .all
            .iter()
            .find(|x| x.id == u.id)
            .unwrap()
            .clone()
    };
    assert!(user(&h).is_enabled);

    h.chars("R");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no role picker: {}", status(&h))
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
    assert_eq!(user(&h).role, UserRole::Distributor);

    h.chars("C");
    let Some(Overlay::Picker(p)) = h.app.top_overlay() else {
        panic!("no company picker: {}", status(&h))
    };
    let at = p
        .list
        .position(|i| i.label == "Distributor: Sud-Ouest Distribution")
        .unwrap();
    for _ in 0..at {
        h.chars("j");
    }
    h.key(KeyCode::Enter);
    h.settle().await;
    let moved = user(&h);
    assert_eq!(moved.partner_id, None);
    assert_eq!(
        h.app.names.distributor(moved.distributor_id),
        "Sud-Ouest Distribution"
    );
    assert!(
        h.app.partners.channel.users.is_empty(),
        "Fjord Data has no users left"
    );
}

#[tokio::test]
async fn jumps_narrow_the_other_tabs_to_the_partner() {
    let mut h = partners_tab(None).await;
    select_partner(&mut h, "Cobalt IT");
    let pid = h.app.partners.partners.selected().unwrap().id;
    h.chars("J");
    h.key(KeyCode::Enter); // leads
    assert_eq!(h.app.tab, Tab::Leads);
    assert_eq!(h.app.leads.partner_scope, Some(pid));
    assert!(h.app.leads.all.iter().any(|l| l.partner_id != Some(pid)));

    h.chars("4J");
    h.chars("j");
    h.key(KeyCode::Enter); // orders
    assert_eq!(h.app.tab, Tab::Orders);
    assert!(!h.app.orders.list.is_empty());
    for i in &h.app.orders.list.visible {
        assert_eq!(h.app.orders.list.all[*i].partner_id, Some(pid));
    }

    h.chars("4J");
    h.chars("jj");
    h.key(KeyCode::Enter); // contracts
    assert_eq!(h.app.tab, Tab::Contracts);
    assert!(!h.app.contracts.list.is_empty());
    for i in &h.app.contracts.list.visible {
        assert_eq!(h.app.contracts.list.all[*i].partner_id, Some(pid));
    }
    let screen = h.screen(120, 30);
    assert!(screen.contains("· of Cobalt IT"), "{screen}");
    // Esc shows every contract again.
    h.key(KeyCode::Esc);
    assert!(h
        .app
        .contracts
        .list
        .visible
        .iter()
        .any(|i| h.app.contracts.list.all[*i].partner_id != Some(pid)));
    // Jumps start from partners only.
    h.chars("4[");
    h.chars("J");
    assert!(h.app.overlays.is_empty());
    assert!(status(&h).starts_with("Jumps start from a partner"));
}
