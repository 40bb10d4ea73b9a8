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
    /// The process was asked to stop (the SSH link dropped, a kill).
    Signal(Signal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Hangup,
    Terminate,
    Interrupt,
    Quit,
}

impl Signal {
    /// The shell's exit status for a process stopped by this signal.
    pub fn exit_code(self) -> u8 {
        128 + match self {
            Signal::Hangup => 1,
            Signal::Interrupt => 2,
            Signal::Quit => 3,
            Signal::Terminate => 15,
        }
    }
}

/// How the app ended.
pub struct Exit {
    pub signal: Option<Signal>,
    /// Unsaved work kept as drafts on the way out (or why it could not be).
    pub drafts: Result<usize, String>,
}

/// Turns SIGHUP, SIGTERM, SIGINT and SIGQUIT into inputs, so every one of
/// them ends the app through the same path: drafts kept, terminal restored.
fn watch_signals(tx: tokio::sync::mpsc::UnboundedSender<Input>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        for (kind, sig) in [
            (SignalKind::hangup(), Signal::Hangup),
            (SignalKind::terminate(), Signal::Terminate),
            (SignalKind::interrupt(), Signal::Interrupt),
            (SignalKind::quit(), Signal::Quit),
        ] {
            let Ok(mut stream) = signal(kind) else {
                tracing::warn!(?sig, "cannot watch this signal");
                continue;
            };
            let tx = tx.clone();
            tokio::spawn(async move {
                while stream.recv().await.is_some() {
                    if tx.send(Input::Signal(sig)).is_err() {
                        return;
                    }
                }
            });
        }
    }
}

/// Set while an external editor owns the terminal: the reader stops
/// reading so the editor gets every key.
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);

/// Reads terminal events on a plain thread (crossterm's read blocks), polling
/// so it can step aside for `$EDITOR`.
pub fn spawn_input_thread() -> UnboundedReceiver<Input> {
    let (tx, rx) = unbounded_channel();
    watch_signals(tx.clone());
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

/// Runs the app until it quits or is stopped; on the way out, whatever
/// was being typed is kept as drafts.
pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    rx: UnboundedReceiver<Reply>,
    input: &mut UnboundedReceiver<Input>,
) -> std::io::Result<Exit> {
    let result = event_loop(terminal, &mut app, rx, input).await;
    let drafts = app.keep_drafts();
    if let Err(e) = &drafts {
        tracing::error!(error = %e, "unsaved work could not be kept");
    }
    result.map(|signal| Exit { signal, drafts })
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut rx: UnboundedReceiver<Reply>,
    input: &mut UnboundedReceiver<Input>,
) -> std::io::Result<Option<Signal>> {
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut last_refresh = Instant::now();
    app.load_all();
    terminal.draw(|f| crate::ui::draw(f, app))?;
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
                // Interrupt is Ctrl-C from outside: the same as Ctrl-C.
                Some(Input::Signal(Signal::Interrupt)) => app.request_quit(),
                Some(Input::Signal(sig)) => {
                    tracing::warn!(?sig, "stopped by a signal");
                    return Ok(Some(sig));
                }
                Some(Input::Failed(e)) => {
                    return Err(std::io::Error::other(format!("reading the terminal failed: {e}")));
                }
                None => return Ok(None),
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
        crate::clipboard::flush(app, terminal.backend_mut());
        if app.quit == super::Quit::Now {
            return Ok(None);
        }
        terminal.draw(|f| crate::ui::draw(f, app))?;
    }
}
