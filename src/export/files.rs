//! Writing the tables: CSV (UTF-8 with a byte-order mark so that Excel shows Cyrillic; a
//! folder of one file per table, or one table) and JSON (one array per table). Every file
//! is written under a temporary name and renamed when complete, so an interrupted export
//! never leaves a half-written file under the real name.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::tables::{REMOVED, TABLES, Tables};

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("{path} already exists; choose another name or remove it first")]
    Exists { path: PathBuf },
    #[error("unknown table {0:?}; the tables are {tables}", tables = TABLES.join(", "))]
    UnknownTable(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One table as CSV bytes.
pub fn csv_bytes<T: Serialize>(rows: &[T], delimiter: u8) -> Result<Vec<u8>, ExportError> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        if rows.is_empty() {
            // Headers even for an empty table, so the file says what it would hold.
            w.serialize(Option::<T>::None).ok();
        }
        for r in rows {
            w.serialize(r)?;
        }
        w.flush().map_err(|e| ExportError::Csv(e.into()))?;
    }
    Ok(out)
}

fn table_csv(t: &Tables, name: &str, delimiter: u8) -> Result<Vec<u8>, ExportError> {
    match name {
        "persons" => csv_bytes(&t.persons, delimiter),
        "visits" => csv_bytes(&t.visits, delimiter),
        "consultations" => csv_bytes(&t.consultations, delimiter),
        "appeals" => csv_bytes(&t.appeals, delimiter),
        "appeal_members" => csv_bytes(&t.appeal_members, delimiter),
        other => Err(ExportError::UnknownTable(other.to_string())),
    }
}

/// Writes `bytes` under a temporary name, syncs, and renames.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let tmp = path.with_file_name(format!(
        ".{}.kezek-tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    let mut f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))?;
    Ok(())
}

/// CSV: one table to the file `path`, or every table into the new folder `path`.
/// `progress(table)` is called before each table.
pub fn write_csv(
    t: &Tables,
    path: &Path,
    table: Option<&str>,
    delimiter: u8,
    anonymized: bool,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ExportError> {
    if let Some(name) = table {
        progress(name);
        let bytes = table_csv(t, name, delimiter)?;
        write_file(path, &bytes)?;
        return Ok(vec![path.to_path_buf()]);
    }
    if path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    // The whole folder is built under a temporary name and renamed at the end.
    let tmp = path.with_file_name(format!(
        ".{}.kezek-tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
    let mut written = Vec::new();
    for name in TABLES {
        progress(name);
        let bytes = table_csv(t, name, delimiter)?;
        let file = tmp.join(format!("{name}.csv"));
        let mut f = std::fs::File::create(&file).map_err(io(&file))?;
        f.write_all(&bytes)
            .and_then(|_| f.sync_all())
            .map_err(io(&file))?;
        written.push(path.join(format!("{name}.csv")));
    }
    if anonymized {
        let note = tmp.join("ANONYMIZED.txt");
        std::fs::write(&note, format!("Removed from this export: {REMOVED}.\n"))
            .map_err(io(&note))?;
        written.push(path.join("ANONYMIZED.txt"));
    }
    std::fs::rename(&tmp, path).map_err(io(path))?;
    Ok(written)
}

#[derive(Serialize)]
struct JsonExport<'a> {
    schema: u32,
    period: &'a super::report::PeriodInfo,
    /// What was left out, when anonymized.
    anonymized: Option<&'static str>,
    #[serde(flatten)]
    tables: &'a Tables,
}

pub fn write_json(
    t: &Tables,
    period: &super::report::PeriodInfo,
    anonymized: bool,
    path: &Path,
) -> Result<(), ExportError> {
    let doc = JsonExport {
        schema: 1,
        period,
        anonymized: anonymized.then_some(REMOVED),
        tables: t,
    };
    let bytes = serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    write_file(path, &bytes)
}
