//! Terminal setup and teardown. ratatui's `init` enters the alternate
//! screen and raw mode and installs a panic hook that restores the terminal;
//! `restore` runs on every exit path, errors included.

use ratatui::DefaultTerminal;

pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> std::io::Result<TerminalGuard> {
        let terminal = ratatui::try_init()?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        crate::mouse_capture::disable();
        ratatui::restore();
    }
}
