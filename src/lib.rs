//! kezek: an offline queue and consultation log for consular reception days.
//!
//! Imports go one way: `domain` <- `store`, `app` <- `ui` <- `tui`, `cli`.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod store;
pub mod tui;
pub mod ui;
