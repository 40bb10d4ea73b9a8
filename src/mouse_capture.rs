//! Mouse capture in the terminal: on only while the app runs with `mouse`
//! on, and off again on every way out — a normal exit, an error, a panic,
//! and while `$EDITOR` has the terminal. A terminal left capturing would
//! print escape codes at every mouse move in the user's shell.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

static ON: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Starts capturing; a panic afterwards turns it off before anything else.
pub fn enable() -> std::io::Result<()> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            disable();
            previous(info);
        }));
    });
    crossterm::execute!(std::io::stdout(), EnableMouseCapture)?;
    ON.store(true, Ordering::SeqCst);
    Ok(())
}

/// Stops capturing, if it was on.
pub fn disable() {
    if ON.swap(false, Ordering::SeqCst) {
        // Nothing more can be done if the terminal is gone.
        let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    }
}

/// Off while another program has the terminal; says whether it was on.
pub fn pause() -> bool {
    let was = ON.load(Ordering::SeqCst);
    disable();
    was
}

/// Back on after `pause`, if it was on then.
pub fn resume(was_on: bool) {
    if was_on {
        if let Err(e) = enable() {
            tracing::warn!(error = %e, "cannot capture the mouse again");
        }
    }
}
