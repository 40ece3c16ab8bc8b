//! One export from start to finish, the same for `kezek export` and the app: CSV and JSON
//! streamed from the store; xlsx and html with the report on top, their tables streamed
//! from a CSV export (column codes as headers, so cell types follow the codes) in a
//! temporary folder beside the output that is removed afterwards. The html without
//! `--with-records` is the report alone, made from the tally: no record is read for it.

use std::path::Path;

use super::control::Control;
use super::files::ExportError;
use super::report::PeriodInfo;
use super::stream::{Counts, Written};
use super::values::Values;
use crate::domain::report::{Period, Report};
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::I18n;
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
    Html,
}

impl Format {
    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "xlsx" => Some(Format::Xlsx),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }
}

pub struct Spec<'a> {
    pub format: Format,
    pub period: Period,
    pub info: PeriodInfo,
    pub anonymize: bool,
    /// Anonymised exports: the smallest group of persons a published combination of
    /// quasi-identifiers may describe (`config.anonymity_k`).
    pub k: u32,
    /// html: the per-record tables too (the page is the printable report without them).
    pub with_records: bool,
    /// CSV only: one table instead of the folder of five.
    pub table: Option<&'a str>,
    pub delimiter: u8,
    /// The desk's offset from UTC in minutes (local times in the rows).
    pub offset_min: i32,
    pub today: chrono::NaiveDate,
    pub output: &'a Path,
}

/// Writes the export; on any failure or a cancel, nothing is left under the output's name
/// nor under a temporary one.
pub fn run(
    store: &Store,
    tax: &Taxonomy,
    spec: &Spec,
    i18n: &I18n,
    ctl: &mut Control,
) -> Result<Counts, ExportError> {
    let s = spec;
    // An export folder on a stick is written to again and again: what an earlier kill left
    // there goes now, once per export (not on every file written, drafts included).
    if let Some(dir) = s.output.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        crate::store::atomic::remove_stale(dir);
    }
    let opts = super::stream::Opts {
        period: &s.period,
        anonymize: s.anonymize.then_some(s.k),
        offset_min: s.offset_min,
    };
    let written = match s.format {
        Format::Csv => super::stream::write_csv(
            store,
            &opts,
            s.output,
            s.table,
            s.delimiter,
            i18n,
            &Values::new(i18n.lang(), tax),
            ctl,
        ),
        Format::Json => super::stream::write_json(store, &opts, &s.info, i18n, s.output, ctl),
        Format::Xlsx | Format::Html => with_report(store, tax, s, &opts, i18n, ctl),
    }
    .map_err(|e| e.named(s.output))?;
    Ok(written.counts)
}

fn with_report(
    store: &Store,
    tax: &Taxonomy,
    s: &Spec,
    opts: &super::stream::Opts,
    i18n: &I18n,
    ctl: &mut Control,
) -> Result<Written, ExportError> {
    if s.output.exists() {
        return Err(ExportError::Exists {
            path: s.output.to_path_buf(),
        });
    }
    ctl.stage("report")?;
    let tally = store.tally(&s.period, s.today, s.offset_min)?;
    let report = Report::from_tally(&tally)?;
    drop(tally);
    crate::memory::give_back();
    let labels = super::report::Labels {
        tax,
        i18n,
        lang: i18n.language(),
    };
    let anon = if s.anonymize {
        Some((s.k, store.anonymity_key()?))
    } else {
        None
    };
    let mut doc = super::breakdowns::Doc::new(&report, &s.info, &labels, anon);
    // The printable html without records never streams them.
    if s.format == Format::Html && !s.with_records {
        super::html::write_html(None, &doc, &labels, s.output, ctl)?;
        return Ok(Written::default());
    }
    let tables_dir = super::files::beside(s.output, "tables");
    super::files::remove_tmp(&tables_dir);
    let codes = I18n::new("en");
    let result = (|| -> Result<Written, ExportError> {
        // Code headers (the writers type cells by column), values in the reader's words.
        let written = super::stream::write_csv(
            store,
            opts,
            &tables_dir,
            None,
            b',',
            &codes,
            &Values::new(i18n.lang(), tax),
            ctl,
        )?;
        if let Some(a) = written.anonymity.as_ref() {
            // After the general note and the tables' own: what the per-record tables'
            // anonymisation did (ANONYMIZED.txt's text).
            for line in a.lines(i18n) {
                // Its first line is the general note, already at the top.
                if !doc.notes.contains(&line) {
                    doc.notes.push(line);
                }
            }
        }
        if s.format == Format::Xlsx {
            super::xlsx::write_xlsx(&tables_dir, &doc, i18n, s.output, ctl)?;
        } else {
            super::html::write_html(Some(&tables_dir), &doc, &labels, s.output, ctl)?;
        }
        Ok(written)
    })();
    super::files::remove_tmp(&tables_dir);
    result
}
