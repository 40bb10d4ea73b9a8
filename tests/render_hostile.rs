//! Text from the server is data, never terminal commands: a lead whose
//! title carries escape sequences, bell and bidi overrides is drawn without
//! any of them reaching the screen.

mod support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use tentabo::domain::LeadDraft;

const HOSTILE: &str = "Hello\x1b[2J\x1b]0;PWNED\x07\u{202E}gnp.exe\u{9b}31m";

#[tokio::test]
async fn control_characters_in_server_text_never_reach_the_terminal() {
    let mut h = Harness::demo(None, 300).await;
    let b = h.app.session.backend.clone();
    let draft = LeadDraft {
        title: HOSTILE.into(),
        organization: "Evil\x1b[31m Corp".into(),
        contact_name: "Mallory\r\nInjected".into(),
        currency: "EUR".into(),
        status: Some(tentabo::domain::LeadStatus::New),
        ..Default::default()
    };
    let lead = b.create_lead(&draft).await.unwrap();
    b.add_lead_note(lead.id, "note\x1b]52;c;ZXZpbA==\x07 with an OSC 52")
        .await
        .unwrap();
    h.app.load_leads();
    h.settle().await;
    h.chars("/");
    h.chars("Hello");
    h.key(KeyCode::Enter);
    let board = h.screen(160, 45);
    assert!(board.contains("Hello"), "{board}");
    h.key(KeyCode::Enter);
    h.settle().await;
    let detail = h.screen(160, 45);
    assert!(detail.contains("OSC 52"), "{detail}");
    for screen in [&board, &detail] {
        let bad: Vec<char> = screen
            .chars()
            .filter(|c| tentabo::sanitize::is_hostile(*c) && *c != '\n')
            .collect();
        assert!(
            bad.is_empty(),
            "hostile characters drawn: {bad:?}\n{screen}"
        );
    }
}
