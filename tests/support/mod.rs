//! Test support shared by the integration tests (`mod support;`): the TUI
//! harness and the fake Tentabo server.

#![allow(dead_code)]

pub mod cli;
pub mod fake_admin;
pub mod fake_io;
pub mod fake_routes;
pub mod fake_sales;
pub mod fake_server;
pub mod pg;
pub mod tmux;

pub mod tui;

#[allow(unused_imports)] // each test binary uses a different part
pub use fake_server::{AuthKind, FakeServer, Seen, PASSWORD};
