//! The pure rooms: validation, the report's figures, search and transliteration, the
//! locales, and the direction of imports.
//!
//! One test binary (one link of the crate); each file is a module, and `common` holds the
//! fixtures every binary shares.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod consultations;
mod follow_up_list;
mod i18n;
mod law;
mod queue_undo;
mod report;
mod search;
mod search_partial;
