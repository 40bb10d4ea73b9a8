#![allow(dead_code)]
pub mod tui;
