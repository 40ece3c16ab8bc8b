//! The real binary: its commands (demo, find, report, export, import, slip, check, backup,
//! restore), the data directory's privacy, the import's limits, kills and damage and the way
//! back, and cancelled exports.
//!
//! One test binary (one link of the crate); each file is a module, and `common` holds the
//! fixtures every binary shares.

#[path = "../common/mod.rs"]
mod common;

mod backup;
mod bundle;
mod demo_find;
mod export_cancel;
mod export_import;
mod export_persons;
mod export_values;
mod import_limits;
mod recovery;
mod report;
mod report_exports;
mod safety;
mod slip;
