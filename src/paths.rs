//! Where tentabo keeps its files, per platform (the `directories` crate;
//! on Linux it honours XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME).

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "tentabo")
}

/// `…/tentabo/config.toml`
pub fn config_file() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Cached sessions (tokens), owner-only.
pub fn token_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("sessions"))
}

/// Unsaved work kept across a hang-up or a quit (owner-only).
pub fn drafts_dir() -> Option<PathBuf> {
    dirs().map(|d| d.state_dir().unwrap_or_else(|| d.data_dir()).join("drafts"))
}

/// Log files: the state dir where the platform has one, else the cache dir.
pub fn log_dir() -> Option<PathBuf> {
    dirs().map(|d| d.state_dir().unwrap_or_else(|| d.cache_dir()).to_path_buf())
}
