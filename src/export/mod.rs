//! Documents made from records: the exports, the report, the slip. Every file is written
//! whole or not at all through `store::atomic`; where an export or a slip goes when only a
//! name is given is decided here too (`files::export_path`, `slip::keep_slip`).

pub mod anonymity;
pub mod breakdowns;
pub mod charts;
pub mod columns;
pub mod control;
pub mod files;
pub mod html;
pub mod print;
pub mod protect;
pub mod report;
pub mod run;
mod shuffle;
pub mod slip;
pub mod stream;
pub mod tables;
pub mod values;
pub mod xlsx;
mod xlsx_report;

// Anonymity's k: defined in the domain, so the config (below export) checks it too.
pub use crate::domain::report::{DEFAULT_K, K_RANGE};

/// What `--anonymize` left out, as stated at the top of every anonymized output.
pub fn anonymized_note(i18n: &crate::i18n::I18n) -> String {
    i18n.t_args(
        "export-anonymized",
        &[("removed", crate::i18n::Arg::Msg("export-removed"))],
    )
}
