//! kezek: an offline queue and consultation log for consular reception days.
//!
//! Imports go one way: `domain` <- `store`, `app` <- `ui` <- `tui`, `cli`.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod memory;
pub mod privacy;
pub mod session;
pub mod store;
pub mod taxonomy;
pub mod tui;
pub mod ui;

use std::process::ExitCode;

/// Opens the store and runs the full-screen app on it.
pub fn app_main(cli: &cli::Cli) -> color_eyre::Result<ExitCode> {
    memory::one_arena();
    let s = session::Session::open(cli)?;
    let ctx = app::Context {
        desk_name: s.config.desk_name.clone(),
        officer: s.config.officer_name(),
        language: s.config.lang(),
        local_offset_min: chrono::Local::now().offset().local_minus_utc() / 60,
        idle_lock_minutes: s.config.idle_lock_minutes,
        taxonomy: s.taxonomy.clone(),
    };
    let i18n = i18n::I18n::new(&s.config.language);
    tui::run(
        s.store.clone(),
        i18n,
        tui::RunOptions {
            ctx,
            exit_after_first_frame: cli.exit_after_first_frame,
        },
    )?;
    s.store.flush()?;
    Ok(ExitCode::SUCCESS)
}
