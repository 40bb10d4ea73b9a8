//! The event loop: terminal input, task results and a clock tick, one
//! frame drawn after each batch. Nothing here blocks on the network.

use super::requests::Reply;
use super::App;
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

pub enum Input {
    Term(Event),
    Failed(String),
}

/// Set while an external editor owns the terminal: the reader stops
/// reading so the editor gets every key.
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);

/// Reads terminal events on a plain thread (crossterm's read blocks), polling
/// so it can step aside for `$EDITOR`.
pub fn spawn_input_thread() -> UnboundedReceiver<Input> {
    let (tx, rx) = unbounded_channel();
    std::thread::spawn(move || loop {
        if INPUT_PAUSED.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        match event::poll(Duration::from_millis(50)) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(e) => {
                let _ = tx.send(Input::Failed(e.to_string()));
                return;
            }
        }
        if INPUT_PAUSED.load(Ordering::SeqCst) {
            continue;
        }
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

/// Hands the terminal to `$VISUAL`/`$EDITOR` (default `vi`) on `text`, then
/// takes it back. Returns the edited text, or why editing failed.
fn edit_externally(
    terminal: &mut DefaultTerminal,
    text: &str,
) -> std::io::Result<Result<String, String>> {
    INPUT_PAUSED.store(true, Ordering::SeqCst);
    // Let the reader finish its current poll before the editor starts.
    std::thread::sleep(Duration::from_millis(80));
    let mouse = crate::mouse_capture::pause();
    ratatui::restore();
    let result = run_editor(text);
    *terminal = ratatui::try_init()?;
    crate::mouse_capture::resume(mouse);
    terminal.clear()?;
    INPUT_PAUSED.store(false, Ordering::SeqCst);
    Ok(result)
}

fn run_editor(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or("no editor configured")?;
    let file = tempfile::Builder::new()
        .prefix("tentabo-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))?;
    std::fs::write(file.path(), text)
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`{editor}` exited with {status}; the text was left unchanged"
        ));
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| format!("cannot read the edited text: {e}"))?;
    Ok(edited.trim_end_matches('\n').to_string())
}

/// Runs the app until it quits. `input` comes from [`spawn_input_thread`]
/// (one reader for the whole process, shared with the sign-in screen).
pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    mut rx: UnboundedReceiver<Reply>,
    input: &mut UnboundedReceiver<Input>,
) -> std::io::Result<()> {
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut last_refresh = Instant::now();
    app.load_all();
    terminal.draw(|f| crate::ui::draw(f, &mut app))?;
    loop {
        tokio::select! {
            ev = input.recv() => match ev {
                Some(Input::Term(Event::Key(key))) => {
                    app.handle_key(key);
                    if let Some(text) = app.edit_request.take() {
                        let result = edit_externally(terminal, &text)?;
                        app.finish_edit(result);
                    }
                }
                Some(Input::Term(Event::Paste(text))) => {
                    for c in text.chars() {
                        app.handle_key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c)));
                    }
                }
                Some(Input::Term(Event::Mouse(m))) => app.handle_mouse(m),
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
                if app.pending() == 0 {
                    app.warm_caches();
                }

                if app.pending() > 0 {
                    app.requests.spinner = app.requests.spinner.wrapping_add(1);
                }
                if app.prefs.refresh_seconds > 0
                    && last_refresh.elapsed() >= Duration::from_secs(app.prefs.refresh_seconds)
                    && app.overlays.is_empty()
                {
                    last_refresh = Instant::now();
                    app.refresh_idle();
                }
            }
        }
        crate::clipboard::flush(&mut app, terminal.backend_mut());
        if app.quit {
            return Ok(());
        }
        terminal.draw(|f| crate::ui::draw(f, &mut app))?;
    }
}
