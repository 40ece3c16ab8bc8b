//! Shared by the exports: a table as CSV bytes (UTF-8 with a byte-order mark so that Excel
//! shows Cyrillic), reading an exported CSV back row by row, and the temporary names an
//! export writes under until it is complete, so an interrupted export never leaves a
//! half-written file under the real name (`beside`, `remove_tmp`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::tables::TABLES;

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
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error("the amounts cannot be added up: {0}")]
    Money(#[from] crate::domain::money::MoneyError),
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

/// A CSV file of the export read row by row (its byte-order mark skipped).
pub fn csv_reader(
    path: &Path,
) -> Result<csv::Reader<std::io::BufReader<std::fs::File>>, ExportError> {
    let f = std::fs::File::open(path).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut r = std::io::BufReader::with_capacity(1 << 16, f);
    // Skip the byte-order mark the CSV export starts with.
    use std::io::BufRead;
    if r.fill_buf().map(|b| b.starts_with(BOM)).unwrap_or(false) {
        r.consume(BOM.len());
    }
    Ok(csv::ReaderBuilder::new().from_reader(r))
}

/// The hidden name beside `path` that an export writes under until it is complete:
/// `.NAME.kezek-KIND` (`tmp` for the output itself, `tables` for xlsx/html's CSV folder).
pub fn beside(path: &Path, kind: &str) -> PathBuf {
    path.with_file_name(format!(
        ".{}.kezek-{kind}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ))
}

/// Removes a temporary file or folder of an export that did not finish.
pub fn remove_tmp(tmp: &Path) {
    let _ = if tmp.is_dir() {
        std::fs::remove_dir_all(tmp)
    } else {
        std::fs::remove_file(tmp)
    };
}
