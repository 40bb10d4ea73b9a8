//! Test support shared by the integration tests (`mod support;`): the TUI
//! harness and the fake Tentabo server.

#![allow(dead_code, unused_imports)]

pub mod fake_io;
pub mod fake_routes;
pub mod fake_server;
pub mod tui;

pub use fake_server::{AuthKind, FakeServer, Seen, PASSWORD};
