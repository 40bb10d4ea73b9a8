//! The event loop: terminal input, task results and a clock tick, one
//! frame drawn after each batch. Nothing here blocks on the network.

use super::msg::Msg;
use super::App;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

pub enum Input {
    Term(Event),
    Failed(String),
}

/// Reads terminal events on a plain thread (crossterm's read blocks).
pub fn spawn_input_thread() -> UnboundedReceiver<Input> {
    let (tx, rx) = unbounded_channel();
    std::thread::spawn(move || loop {
        match event::read() {
            Ok(ev) => {
                if tx.send(Input::Term(ev)).is_err() {
                    return;
                }
            }
            Err(e) => {
                let _ = tx.send(Input::Failed(e.to_string()));
                return;
            }
        }
    });
    rx
}

/// Runs the app until it quits. `input` comes from [`spawn_input_thread`]
/// (one reader for the whole process, shared with the sign-in screen).
pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    mut rx: UnboundedReceiver<Msg>,
    input: &mut UnboundedReceiver<Input>,
) -> std::io::Result<()> {
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut last_refresh = Instant::now();
    app.load_all();
    terminal.draw(|f| crate::ui::draw(f, &mut app))?;
    loop {
        tokio::select! {
            ev = input.recv() => match ev {
                Some(Input::Term(Event::Key(key))) => app.handle_key(key),
                Some(Input::Term(Event::Paste(text))) => {
                    for c in text.chars() {
                        app.handle_key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c)));
                    }
                }
                Some(Input::Term(_)) => {} // resize and others: just redraw
                Some(Input::Failed(e)) => {
                    return Err(std::io::Error::other(format!("reading the terminal failed: {e}")));
                }
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => {
                app.handle_msg(msg);
                // Drain whatever else is ready so a burst costs one frame.
                while let Ok(more) = rx.try_recv() {
                    app.handle_msg(more);
                }
            }
            _ = tick.tick() => {
                app.now = chrono::Utc::now();
                if app.pending > 0 {
                    app.spinner = app.spinner.wrapping_add(1);
                }
                if app.refresh_seconds > 0
                    && last_refresh.elapsed() >= Duration::from_secs(app.refresh_seconds)
                    && app.overlays.is_empty()
                {
                    last_refresh = Instant::now();
                    app.refresh_current();
                }
            }
        }
        if app.quit {
            return Ok(());
        }
        terminal.draw(|f| crate::ui::draw(f, &mut app))?;
    }
}
