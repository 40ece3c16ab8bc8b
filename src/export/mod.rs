//! Documents made from records: the exports, the report, the slip. Every file is written
//! whole or not at all through `store::atomic`; where an export or a slip goes when only a
//! name is given is decided here too (`files::export_path`, `slip::keep_slip`).

pub mod anonymity;
pub mod columns;
pub mod control;
pub mod files;
pub mod html;
pub mod print;
pub mod report;
pub mod run;
pub mod slip;
pub mod stream;
pub mod tables;
pub mod values;
pub mod xlsx;

/// The smallest group an anonymised export publishes, unless the config says otherwise.
pub const DEFAULT_K: u32 = 5;

/// What `anonymity_k` and `--k` accept: 1 would protect nobody; above 100 a reception day's
/// export would be all suppressed.
pub const K_RANGE: std::ops::RangeInclusive<u32> = 2..=100;

/// What `--anonymize` left out, as stated at the top of every anonymized output.
pub fn anonymized_note(i18n: &crate::i18n::I18n) -> String {
    i18n.t_args(
        "export-anonymized",
        &[("removed", crate::i18n::Arg::Msg("export-removed"))],
    )
}
