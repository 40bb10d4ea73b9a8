//! Logs go to a file, never to the terminal (the TUI owns the screen).

use std::fs::{self, OpenOptions};
use std::path::PathBuf;
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// Starts logging to `<log dir>/tentabo.log`; level from `TENTABO_LOG`
/// (default `info`). Returns the file path, or `None` when no file could be
/// opened (then nothing is logged rather than anything reaching the screen).
pub fn init() -> Option<PathBuf> {
    let dir = crate::paths::log_dir()?;
    fs::create_dir_all(&dir).ok()?;
    let path = dir.join("tentabo.log");
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter = EnvFilter::try_from_env("TENTABO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .ok()?;
    Some(path)
}
