use super::*;

/// One table of an export folder, its headers (in any of the three languages) turned into
/// column codes. A header the table does not have is an error; missing optional columns
/// read as empty.
pub(super) struct Table {
    pub(super) file: &'static str,
    pub(super) codes: Vec<String>,
    /// (line as a spreadsheet shows it, record), the export's formula guard removed.
    pub(super) rows: Vec<(u64, csv::StringRecord)>,
    /// Cells over their column's limit and ids given twice: refused with the rows' own.
    pub(super) errors: Vec<RowError>,
    /// (line, id as written) of the table's own id column, to compare across a folder.
    pub(super) keys: Vec<(u64, String)>,
}

impl Table {
    pub(super) fn read(
        dir: &std::path::Path,
        name: &'static str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Option<Table>, ImportError> {
        let path = dir.join(file);
        let Some(bytes) = super::read_file(&path)? else {
            return Ok(None);
        };
        Table::parse(&bytes, name, file, required, key).map(Some)
    }

    /// The rows of `bytes` (see `decode_text`; `,` or `;`; LF or CRLF) as table `name` of
    /// the export. `key` is the table's own id column, which must not repeat.
    pub(super) fn parse(
        bytes: &[u8],
        name: &str,
        file: &'static str,
        required: &[&str],
        key: &str,
    ) -> Result<Table, ImportError> {
        let text = decode_text(bytes).map_err(|line| {
            ImportError::Rows(vec![RowError {
                file,
                line,
                column: String::new(),
                msg: "import-not-utf8",
                value: String::new(),
            }])
        })?;
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        // A spreadsheet counts rows, and a quoted cell's line breaks are inside its row.
        // The csv reader's own line count is one short after a CRLF (it stops between the
        // CR and the LF), so lines are counted here from where a record starts: every LF
        // before it, less the `inside` ones that belong to earlier records' cells. A CR
        // alone ends a line too ("CSV (Macintosh)").
        let mut inside: u64 = 0;
        let breaks = |rec: &csv::StringRecord| -> u64 {
            rec.iter().map(|f| line_ends(f.as_bytes()) as u64).sum()
        };
        let mut counted = (0usize, 0u64); // (byte, LFs before it)
        let mut line_at = |byte: u64, inside: u64| -> u64 {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
            // The rest of the previous line's end, or blank lines the reader skipped.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            if at < counted.0 {
                counted = (0, 0);
            }
            let more = line_ends(&bytes[counted.0..at]);
            counted = (at, counted.1 + more as u64);
            (1 + counted.1).saturating_sub(inside).max(1)
        };
        let syntax = |e: csv::Error, line: Option<u64>| {
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
                message: if file.is_empty() {
                    message
                } else {
                    format!("{file}: {message}")
                },
            }
        };
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte(), 0));
                return Err(syntax(e, line));
            }
        };
        inside += breaks(&headers);
        let own = crate::export::columns::table_codes(name);
        let mut codes = Vec::new();
        let mut errors = Vec::new();
        for h in headers.iter() {
            match crate::export::columns::code_of(h).filter(|c| own.iter().any(|o| o == c)) {
                Some(c) => codes.push(c.to_string()),
                None => {
                    errors.push(RowError {
                        file,
                        line: 1,
                        column: excerpt(h),
                        msg: "import-unknown-column",
                        value: excerpt(h),
                    });
                    codes.push(String::new());
                }
            }
        }
        for r in required {
            if !codes.iter().any(|c| c == r) {
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
        let key_at = codes.iter().position(|c| c == key);
        let mut first_seen: HashMap<String, u64> = HashMap::new();
        let mut rows = Vec::new();
        let mut keys = Vec::new();
        for rec in reader.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| line_at(p.byte(), inside));
                    return Err(syntax(e, line));
                }
            };
            let line = line_at(rec.position().map_or(0, |p| p.byte()), inside);
            inside += breaks(&rec);
            // The export wrote `'=…` for a cell `=…` (a spreadsheet would run it): back to
            // what the record holds.
            let rec = if rec.iter().any(|f| f.starts_with('\'')) {
                rec.iter()
                    .map(crate::export::files::unneutralise)
                    .collect::<csv::StringRecord>()
            } else {
                rec
            };
            for (code, cell) in codes.iter().zip(rec.iter()) {
                let limit = Limit::of_column(code);
                // A number's own check refuses it with its range, whatever its length.
                let number = matches!(
                    code.as_str(),
                    "queue_no" | "waited_min" | "utc_offset" | "claimed" | "recovered"
                );
                if !code.is_empty() && !number && !limit.allows(cell.trim()) {
                    errors.push(RowError {
                        file,
                        line,
                        column: code.clone(),
                        msg: limit.msg_id(),
                        value: excerpt(cell),
                    });
                }
            }
            if let Some(id) = key_at.and_then(|i| rec.get(i)).map(str::trim)
                && !id.is_empty()
            {
                match first_seen.get(id) {
                    Some(first) => {
                        for at in [*first, line] {
                            errors.push(RowError {
                                file,
                                line: at,
                                column: key.to_string(),
                                msg: "import-duplicate-id",
                                value: excerpt(id),
                            });
                        }
                    }
                    None => {
                        first_seen.insert(id.to_string(), line);
                    }
                }
                keys.push((line, id.to_string()));
            }
            rows.push((line, rec));
        }
        Ok(Table {
            file,
            codes,
            rows,
            errors,
            keys,
        })
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
