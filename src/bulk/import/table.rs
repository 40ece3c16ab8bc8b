use super::source::{Checked, Lines, Source, Tee};
use super::*;

/// Line ends inside a record's cells.
fn breaks(rec: &csv::StringRecord) -> u64 {
    rec.iter().map(|f| line_ends(f.as_bytes()) as u64).sum()
}

/// One table of an export folder (or a lone visits file), read a row at a time, its
/// headers (in any of the three languages) turned into column codes. A header the table
/// does not have is an error; missing optional columns read as empty.
pub(super) struct Table {
    pub(super) file: &'static str,
    pub(super) codes: Vec<String>,
    /// Cells over their column's limit and ids given twice: refused with the rows' own
    /// (before them).
    pub(super) errors: Vec<RowError>,
    /// The table's own id column, which must not repeat.
    key: String,
    key_at: Option<usize>,
    reader: csv::Reader<Tee>,
    lines: Lines,
    /// Line ends inside the cells read so far (a quoted cell's): not lines of their own.
    inside: u64,
    source: Source,
    delimiter: u8,
    /// A table of a folder whose ids are its records' own: no other table's row may have
    /// one of them (`Ids::across`).
    across: bool,
}

impl Table {
    /// The table `file` of the folder `dir`, if it is there; its ids are its records'.
    pub(super) fn read(
        dir: &std::path::Path,
        name: &'static str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Option<Table>, ImportError> {
        let Some(text) = Source::of_file(&dir.join(file), file)? else {
            return Ok(None);
        };
        let mut t = Table::open(text, name, file, required, key)?;
        t.across = true;
        Ok(Some(t))
    }

    /// The rows of `text` (`,` or `;`; LF, CRLF or CR) as table `name` of the export,
    /// from its header on. `key` is the table's own id column.
    pub(super) fn open(
        text: Checked,
        name: &str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Table, ImportError> {
        let delimiter = sniff_delimiter(&text.first);
        let inner = text.source.reader().map_err(|e| match &text.source {
            Source::File { path, .. } => ImportError::Store(StoreError::Io {
                path: path.clone(),
                source: e,
            }),
            Source::Text(_) => ImportError::Syntax {
                line: 1,
                message: e.to_string(),
            },
        })?;
        let (tee, lines) = Lines::new(inner);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(tee);
        let mut t = Table {
            file,
            codes: Vec::new(),
            errors: Vec::new(),
            key: key.to_string(),
            key_at: None,
            reader,
            lines,
            inside: 0,
            source: text.source,
            delimiter,
            across: false,
        };
        let headers = match t.reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let line = e.position().map(|p| t.lines.line_at(p.byte(), 0));
                return Err(t.syntax(e, line));
            }
        };
        t.inside += breaks(&headers);
        let own = crate::export::columns::table_codes(name);
        let mut errors = Vec::new();
        for h in headers.iter() {
            match crate::export::columns::code_of(h).filter(|c| own.iter().any(|o| o == c)) {
                Some(c) => t.codes.push(c.to_string()),
                None => {
                    errors.push(RowError {
                        file,
                        line: 1,
                        column: excerpt(h),
                        msg: "import-unknown-column",
                        value: excerpt(h),
                    });
                    t.codes.push(String::new());
                }
            }
        }
        for r in required {
            if !t.codes.iter().any(|c| c == r) {
                errors.push(RowError {
                    file,
                    line: 1,
                    column: r.to_string(),
                    msg: "import-missing-column",
                    value: String::new(),
                });
            }
        }
        if !errors.is_empty() {
            return Err(ImportError::Rows(errors));
        }
        t.key_at = t.codes.iter().position(|c| c == key);
        Ok(t)
    }

    /// How many rows the table has (for a gauge), read through once on its own; a row
    /// the reader cannot read ends the count (the rows themselves say why).
    pub(super) fn count(&self) -> usize {
        let Ok(inner) = self.source.reader() else {
            return 0;
        };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .flexible(true)
            .from_reader(inner);
        let mut rec = csv::ByteRecord::new();
        let mut n = 0;
        while let Ok(true) = r.read_byte_record(&mut rec) {
            n += 1;
        }
        n
    }

    fn syntax(&self, e: csv::Error, line: Option<u64>) -> ImportError {
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!(
                "this row has {len} fields but the header has {expected_len} \
                 (a quote left open, or a separator too many or too few?)"
            ),
            _ => e.to_string(),
        };
        ImportError::Syntax {
            line: line.unwrap_or(1),
            message: if self.file.is_empty() {
                message
            } else {
                format!("{}: {message}", self.file)
            },
        }
    }

    /// The next row with its line (as a spreadsheet shows it), the export's formula guard
    /// removed, its cells checked against their limits and its id noted in `ids` (what is
    /// wrong goes to `errors`); `None` after the last.
    pub(super) fn next_row(
        &mut self,
        ids: &mut Ids,
    ) -> Result<Option<(u64, csv::StringRecord)>, ImportError> {
        let mut rec = csv::StringRecord::new();
        match self.reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| self.lines.line_at(p.byte(), self.inside));
                return Err(self.syntax(e, line));
            }
        }
        let line = self
            .lines
            .line_at(rec.position().map_or(0, |p| p.byte()), self.inside);
        self.inside += breaks(&rec);
        // The export wrote `'=…` for a cell `=…` (a spreadsheet would run it): back to
        // what the record holds.
        let rec = if rec.iter().any(|f| f.starts_with('\'')) {
            rec.iter()
                .map(crate::export::files::unneutralise)
                .collect::<csv::StringRecord>()
        } else {
            rec
        };
        for (code, cell) in self.codes.iter().zip(rec.iter()) {
            let limit = Limit::of_column(code);
            // A number's own check refuses it with its range, whatever its length.
            let number = matches!(
                code.as_str(),
                "queue_no" | "waited_min" | "utc_offset" | "claimed" | "recovered"
            );
            if !code.is_empty() && !number && !limit.allows(cell.trim()) {
                self.errors.push(RowError {
                    file: self.file,
                    line,
                    column: code.clone(),
                    msg: limit.msg_id(),
                    value: excerpt(cell),
                });
            }
        }
        if let Some(id) = self.key_at.and_then(|i| rec.get(i)).map(str::trim)
            && !id.is_empty()
        {
            ids.in_table(self.file, line, id, &self.key, &mut self.errors);
            if self.across {
                ids.across(self.file, line, id);
            }
        }
        Ok(Some((line, rec)))
    }

    pub(super) fn cells<'t, 'r>(
        &'t self,
        line: u64,
        rec: &'r csv::StringRecord,
        errors: &'t mut Vec<RowError>,
    ) -> Cells<'t, 'r> {
        Cells {
            table: self,
            rec,
            line,
            errors,
        }
    }

    pub(super) fn get<'a>(&self, rec: &'a csv::StringRecord, code: &str) -> &'a str {
        self.codes
            .iter()
            .position(|c| c == code)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Checks one row's cells, collecting what is wrong with their line and column.
pub(super) struct Cells<'t, 'r> {
    pub(super) table: &'t Table,
    pub(super) rec: &'r csv::StringRecord,
    pub(super) line: u64,
    pub(super) errors: &'t mut Vec<RowError>,
}

impl<'r> Cells<'_, 'r> {
    pub(super) fn get(&self, code: &str) -> &'r str {
        self.table.get(self.rec, code)
    }

    pub(super) fn bad(&mut self, code: &str, msg: &'static str) {
        let value = excerpt(self.get(code));
        self.errors.push(RowError {
            file: self.table.file,
            line: self.line,
            column: code.to_string(),
            msg,
            value,
        });
    }

    pub(super) fn id(&mut self, code: &str) -> Option<Id> {
        match self.get(code) {
            "" => {
                self.bad(code, "err-required");
                None
            }
            v => Id::parse_exact(v).or_else(|| {
                self.bad(code, "import-bad-id");
                None
            }),
        }
    }

    pub(super) fn opt_id(&mut self, code: &str) -> Option<Option<Id>> {
        match self.get(code) {
            "" => Some(None),
            _ => self.id(code).map(Some),
        }
    }

    pub(super) fn date(&mut self, code: &str) -> Option<NaiveDate> {
        match self.get(code) {
            "" => None,
            v => parse_date(v).map_err(|e| self.bad(code, e.msg_id())).ok(),
        }
    }

    /// A UTC offset (`+06:00`), or `default` when the cell is empty.
    pub(super) fn offset_or(&mut self, code: &str, default: i32) -> Option<i32> {
        match self.get(code) {
            "" => Some(default),
            v => crate::domain::validate::parse_utc_offset(v)
                .map_err(|e| self.bad(code, e.msg_id()))
                .ok(),
        }
    }

    /// A local date and time (`YYYY-MM-DD HH:MM`), in UTC at the desk's offset.
    pub(super) fn time(&mut self, code: &str, offset_min: i32) -> Option<chrono::DateTime<Utc>> {
        match parse_date_time(self.get(code)) {
            // The year is within 1900–2100 and the offset within ±14 h: no overflow.
            Ok(t) => {
                Some(Utc.from_utc_datetime(&t) - chrono::Duration::minutes(i64::from(offset_min)))
            }
            Err(e) => {
                self.bad(code, time_msg(e));
                None
            }
        }
    }

    /// A text cell checked as the forms check it (trimmed, spaces collapsed, its limit).
    pub(super) fn text(&mut self, code: &str, required: bool) -> Option<String> {
        clean_text(self.get(code), required)
            .map_err(|e| self.bad(code, e.msg_id()))
            .ok()
    }

    /// An amount (`1234.56`) with its currency in `<code>_currency`.
    pub(super) fn money(&mut self, code: &str) -> Option<crate::domain::Money> {
        let raw = self.get(code);
        if raw.is_empty() {
            return None;
        }
        let cur_col = format!("{code}_currency");
        let Some(currency) = crate::domain::Currency::from_code(self.get(&cur_col)) else {
            self.bad(&cur_col, "import-bad-currency");
            return None;
        };
        crate::domain::Money::parse(raw, currency)
            .map_err(|e| self.bad(code, e.msg_id()))
            .ok()
    }

    /// A taxonomy value that must exist: its code, or its label in any language.
    pub(super) fn code(
        &mut self,
        code: &str,
        values: &crate::export::values::Reverse,
        kind: crate::export::values::Kind,
    ) -> Option<String> {
        match values.code(kind, self.get(code)) {
            Some(c) => Some(c.to_string()),
            None => {
                self.bad(code, "err-unknown-code");
                None
            }
        }
    }
}
