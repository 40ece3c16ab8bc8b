//! Shared by the exports: a table as CSV bytes (UTF-8 with a byte-order mark so that Excel
//! shows Cyrillic), reading an exported CSV back row by row, and the temporary folders an
//! export builds under until it is complete, so an interrupted export never leaves a
//! half-written folder under the real name (`beside`, `remove_tmp`; single files are
//! written through `store::atomic`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::tables::TABLES;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a spreadsheet would take `cell` for a formula (OWASP's CSV injection list): it
/// starts with `=`, `@`, a tab or a carriage return, or with `+` or `-` followed by
/// something other than a digit, so phone numbers (`+79161234567`) and UTC offsets
/// (`+03:00`, `-05:00`) stay as they are. A cell that starts with `'` followed by such a
/// cell counts too: the `'` the export adds must be told from one that was in the record.
fn formula_like(cell: &str) -> bool {
    // Any number of `'` first: a loop, not recursion, so no cell can run the stack out.
    let mut chars = cell.trim_start_matches('\'').chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => chars.next().is_some_and(|c| !c.is_ascii_digit()),
        _ => false,
    }
}

/// A cell as the CSV export writes it: one a spreadsheet would run as a formula gets a
/// leading `'`, which spreadsheets show as text and `unneutralise` removes again.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cell as it was before `neutralise`: the import reads an export back exactly.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// A row's text cells made safe for spreadsheets (`neutralise`), copied only where one
/// changes. Implemented by every table's row type that the CSV export writes.
pub trait CsvSafe {
    fn csv_safe(self) -> Self;
}

/// `neutralise` for a row's field, which is moved, and copied only when it changes.
pub fn safe<T: AsRef<str> + From<String>>(cell: T) -> T {
    if formula_like(cell.as_ref()) {
        T::from(format!("'{}", cell.as_ref()))
    } else {
        cell
    }
}

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

impl ExportError {
    /// A write error names the file the officer asked for, not the temporary name it was
    /// being written under (nor nothing, for a write inside a stream).
    pub fn named(self, output: &Path) -> ExportError {
        match self {
            ExportError::Io { path, source }
                if path.as_os_str().is_empty() || path.to_string_lossy().contains(".kezek-") =>
            {
                ExportError::Io {
                    path: output.to_path_buf(),
                    source,
                }
            }
            e => e,
        }
    }
}

/// One table as CSV bytes.
pub fn csv_bytes<T: Serialize + CsvSafe + Clone>(
    rows: &[T],
    delimiter: u8,
) -> Result<Vec<u8>, ExportError> {
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
            w.serialize(r.clone().csv_safe())?;
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

/// Where an export asked for by name goes, for the store in `data_dir`: a full path as it
/// is, a bare name under `exports/` in the data directory (created, private).
pub fn export_path(data_dir: &Path, file: &str) -> std::io::Result<PathBuf> {
    let p = Path::new(file);
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    let dir = data_dir.join("exports");
    crate::privacy::create_private_dir(&dir)?;
    Ok(dir.join(p))
}

/// The hidden name beside `path` of a folder an export builds: `.NAME.kezek-KIND-PID` (`tmp`
/// for a CSV export's folder until it is complete, `tables` for xlsx/html's CSV folder).
pub fn beside(path: &Path, kind: &str) -> PathBuf {
    // The pid last: `store::atomic::remove_stale` knows a folder a killed export left.
    path.with_file_name(format!(
        ".{}.kezek-{kind}-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_cells_get_a_quote_and_phones_and_offsets_do_not() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-foo", "'-foo"),
            ("+foo", "'+foo"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("+-1", "'+-1"),
            ("'=x", "''=x"),
            ("''@x", "'''@x"),
            ("+79161234567", "+79161234567"),
            ("+7 916 123-45-67", "+7 916 123-45-67"),
            ("+03:00", "+03:00"),
            ("-05:00", "-05:00"),
            ("-", "-"),
            ("+", "+"),
            ("'", "'"),
            ("'x", "'x"),
            ("Асанов", "Асанов"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
            assert_eq!(unneutralise(want), cell, "{want:?}");
        }
    }

    #[test]
    fn a_cell_of_many_quotes_is_read_without_recursion() {
        let cell = format!("{}=x", "'".repeat(1_000_000));
        assert_eq!(neutralise(&cell).len(), cell.len() + 1);
        assert_eq!(unneutralise(&neutralise(&cell)), cell);
    }

    proptest! {
        #[test]
        fn neutralise_then_unneutralise_is_the_cell(
            cell in prop_oneof![
                "['=@+\\-\t\r]{0,3}[a-z0-9( ]{0,6}",
                any::<String>(),
            ]
        ) {
            let out = neutralise(&cell);
            prop_assert_eq!(unneutralise(&out), cell.as_str());
            // What the export writes is never taken for a formula.
            prop_assert!(!out.starts_with(['=', '@', '\t', '\r']));
            if let Some(rest) = out.strip_prefix(['+', '-']) {
                prop_assert!(rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()));
            }
        }
    }
}
