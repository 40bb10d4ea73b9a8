//! The sign-in screen shown before the app when a server has no valid
//! session: the same form as the in-app sign-in, with a spinner while the
//! server answers and the error kept next to what was typed.

use super::form::{Form, FormEvent};
use super::keymap::Keymap;
use super::run::Input;
use crate::backend::signin::SharedSignIn;
use crate::backend::SharedBackend;
use crate::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::DefaultTerminal;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// `Ok(None)` when the user gives up (Esc or Ctrl-C).
pub async fn sign_in_screen(
    terminal: &mut DefaultTerminal,
    sign_in: SharedSignIn,
    input: &mut UnboundedReceiver<Input>,
    theme: Theme,
    keys: &Keymap,
) -> std::io::Result<Option<SharedBackend>> {
    let mut form = Form::sign_in(&sign_in.server(), sign_in.username_hint().as_deref());
    let mut pending: Option<tokio::task::JoinHandle<crate::backend::BackendResult<SharedBackend>>> =
        None;
    let mut tick = tokio::time::interval(Duration::from_millis(120));
    let mut frame = 0usize;
    loop {
        terminal.draw(|f| {
            let area = f.area();
            crate::ui::overlays::form(f, area, &form, keys, &theme);
            let note = if pending.is_some() {
                format!(
                    "{} signing in…",
                    ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][frame % 10]
                )
            } else {
                "No valid session for this server. Esc quits.".to_string()
            };
            let y = area.bottom().saturating_sub(1);
            f.render_widget(
                Paragraph::new(Line::styled(note, theme.dim())),
                Rect {
                    y,
                    height: 1,
                    ..area
                },
            );
        })?;
        tokio::select! {
            ev = input.recv() => match ev {
                Some(Input::Term(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                    if ctrl_c {
                        return Ok(None);
                    }
                    if pending.is_some() {
                        continue;
                    }
                    match form.handle_key(keys, &key) {
                        FormEvent::Cancel => return Ok(None),
                        FormEvent::None | FormEvent::Edit => {}
                        FormEvent::Submit => {
                            let (user, secret) = (form.value("username").to_string(), form.value("password").to_string());
                            if secret.is_empty() {
                                form.error = Some("Enter a password (or an API key)".into());
                                continue;
                            }
                            form.error = None;
                            form.submitting = true;
                            let s = sign_in.clone();
                            pending = Some(tokio::spawn(async move { s.sign_in(&user, &secret).await }));
                        }
                    }
                }
                Some(Input::Term(_)) => {}
                // Stopped before signing in: nothing typed is worth keeping
                // (the password never is).
                Some(Input::Signal(_)) => return Ok(None),
                Some(Input::Failed(e)) => return Err(std::io::Error::other(e)),
                None => return Ok(None),
            },
            done = async { pending.as_mut().expect("guarded").await }, if pending.is_some() => {
                pending = None;
                form.submitting = false;
                match done {
                    Ok(Ok(backend)) => return Ok(Some(backend)),
                    Ok(Err(e)) => {
                        form.set_errors(e.field_errors());
                        form.error = Some(e.to_string());
                    }
                    Err(e) => form.error = Some(format!("sign-in task failed: {e}")),
                }
            }
            _ = tick.tick() => frame = frame.wrapping_add(1),
        }
    }
}
