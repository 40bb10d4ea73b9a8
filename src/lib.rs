//! tentabo-tui: a keyboard-driven terminal client for the Tentabo PRM.
//!
//! Layers stay apart: `domain` (types and rules, no I/O), `backend` (one
//! async interface, several implementations), `app` (state and update loop),
//! `ui` (views that only draw state), `cli` (argument parsing and the
//! non-interactive subcommands), `sanitize` (hostile text made safe to
//! print or open in a spreadsheet).

pub mod app;
pub mod backend;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod domain;
pub mod export;

pub mod logging;
pub mod mouse_capture;
pub mod paths;
pub mod sanitize;
pub mod terminal;
pub mod ui;
