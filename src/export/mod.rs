//! Writers over `impl Write`: documents made from records. No disk access here; callers
//! choose where the bytes go (and write them atomically).

pub mod columns;
pub mod control;
pub mod files;
pub mod html;
pub mod report;
pub mod run;
pub mod slip;
pub mod stream;
pub mod tables;
pub mod xlsx;

/// What `--anonymize` left out, as stated at the top of every anonymized output.
pub fn anonymized_note(i18n: &crate::i18n::I18n) -> String {
    i18n.t_args(
        "export-anonymized",
        &[("removed", crate::i18n::Arg::Msg("export-removed"))],
    )
}
