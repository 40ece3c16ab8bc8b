//! kezek: an offline queue and consultation log for consular reception days.
//!
//! Imports go one way: `domain` <- `store`, `app` <- `ui` <- `tui`, `cli`.

pub mod app;
pub mod bulk;
pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod i18n;
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
    let opening = session::Opening {
        first_start_allowed: true,
        existing_store: false,
        ..cli.opening()
    };
    let session::Session {
        config,
        taxonomy,
        store,
        config_path,
        first_start,
        ..
    } = session::Session::open(&opening)?;
    let ctx = app::Context {
        desk_name: config.desk_name.clone(),
        desk_letter: config.desk_letter.clone(),
        own_desk: Some(store.desk()),
        desks: store.book(),
        officer: config.officer_name(),
        language: config.lang(),
        local_offset_min: chrono::Local::now().offset().local_minus_utc() / 60,
        idle_lock_minutes: config.idle_lock_minutes,
        anonymity_k: config.anonymity_k,
        taxonomy,
        printer: export::print::find_on_path("lp"),
    };
    let i18n = i18n::I18n::new(&config.language);
    let book = store.book();
    // The app is the store's only holder (salvage from the app closes and reopens it);
    // it flushes the store on the way out.
    tui::run(
        store,
        i18n,
        tui::RunOptions {
            ctx,
            store_options: store::StoreOptions {
                cache_capacity: config.cache_capacity_mb.saturating_mul(1024 * 1024),
                clock_skew_ms: config.clock_skew_minutes.saturating_mul(60_000),
                book: book.clone(),
                ..Default::default()
            },
            exit_after_first_frame: cli.exit_after_first_frame,
            config_path,
            first_start,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
