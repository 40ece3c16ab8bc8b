//! The workbook export: a Summary sheet (the report's sentences and figures) and one sheet
//! per table with typed cells — dates as dates, times as date-times, counts as numbers,
//! money as numbers in the row's currency — a frozen header row and columns fitted to their
//! contents. Sheets are written in constant-memory mode, so a big export does not hold the
//! whole workbook in memory.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::columns;
use super::control::Control;
use super::files::ExportError;
use crate::i18n::I18n;
use crate::store::atomic::AtomicFile;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Date,
    DateTime,
    Number,
    /// An amount; its currency is in the column named `<column>_currency`.
    Money,
}

fn kind(column: &str) -> Kind {
    match column {
        "event_date" | "birth_date" | "follow_up" | "follow_up_closed" | "opened" => Kind::Date,
        "arrived" | "created" => Kind::DateTime,
        "queue_no" | "waited_min" => Kind::Number,
        "claimed" | "recovered" => Kind::Money,
        _ => Kind::Text,
    }
}

fn xlsx_err(path: &Path) -> impl FnOnce(XlsxError) -> ExportError + '_ {
    move |e| ExportError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

struct Formats {
    header: Format,
    date: Format,
    datetime: Format,
    money: HashMap<String, Format>,
}

impl Formats {
    fn money(&mut self, currency: &str) -> &Format {
        self.money
            .entry(currency.to_string())
            .or_insert_with(|| Format::new().set_num_format(format!("#,##0.00\" {currency}\"")))
    }
}

fn date(s: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

fn datetime(s: &str) -> Option<ExcelDateTime> {
    let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()?;
    use chrono::{Datelike, Timelike};
    ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
        .ok()?
        .and_hms(t.hour() as u16, t.minute() as u8, 0)
        .ok()
}

/// Rows looked at to fit the column widths (constant-memory sheets need the widths before
/// the first row is written).
const WIDTH_SAMPLE: usize = 10_000;

/// One table, streamed from its CSV file (the CSV export's columns, code headers) into
/// typed cells: the first rows are read once to fit the widths, then every row is written.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    csv_path: &Path,
    f: &mut Formats,
    i18n: &I18n,
    path: &Path,
    ctl: &mut Control,
) -> Result<usize, ExportError> {
    let err = |e| xlsx_err(path)(e);
    ws.set_name(columns::table_name(name, i18n)).map_err(err)?;
    let mut r = super::files::csv_reader(csv_path)?;
    let head: Vec<String> = r.headers()?.iter().map(String::from).collect();
    let kinds: Vec<Kind> = head.iter().map(|h| kind(h)).collect();
    // Cell types follow the column codes; people read the headers in their language.
    let shown: Vec<String> = head.iter().map(|h| columns::header(h, i18n)).collect();
    let currency_of: Vec<Option<usize>> = head
        .iter()
        .map(|h| head.iter().position(|x| *x == format!("{h}_currency")))
        .collect();
    let mut widest: Vec<usize> = shown
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .collect();
    for row in r.records().take(WIDTH_SAMPLE) {
        let row = row?;
        for (c, v) in row.iter().enumerate().take(widest.len()) {
            let w = match kinds[c] {
                Kind::Date => 10,
                Kind::DateTime => 16,
                Kind::Money => v.len() + 6,
                _ => UnicodeWidthStr::width(v),
            };
            widest[c] = widest[c].max(w);
        }
    }
    for (c, w) in widest.iter().enumerate() {
        ws.set_column_width(c as u16, (*w.min(&60) + 2) as f64)
            .map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    for (c, h) in shown.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)
            .map_err(err)?;
    }
    let mut r = super::files::csv_reader(csv_path)?;
    let mut n = 0;
    for (i, row) in r.records().enumerate() {
        let row = row?;
        ctl.row()?;
        n += 1;
        let y = i as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            // The tables are the CSV export's: its formula guard is not part of the value
            // (an xlsx cell written as a string is never run as a formula).
            let v = super::files::unneutralise(v);
            if v.is_empty() {
                continue;
            }
            let x = c as u16;
            match kinds[c] {
                Kind::Date => match date(v) {
                    Some(d) => ws.write_datetime_with_format(y, x, d, &f.date),
                    None => ws.write_string(y, x, v),
                },
                Kind::DateTime => match datetime(v) {
                    Some(d) => ws.write_datetime_with_format(y, x, d, &f.datetime),
                    None => ws.write_string(y, x, v),
                },
                Kind::Number => match v.parse::<f64>() {
                    Ok(n) => ws.write_number(y, x, n),
                    Err(_) => ws.write_string(y, x, v),
                },
                Kind::Money => {
                    let cur = currency_of[c].and_then(|i| row.get(i)).unwrap_or("");
                    match v.parse::<f64>() {
                        // Amounts are integers of minor units in kezek; a spreadsheet cell is a
                        // double, exact for every amount below 2^53 minor units.
                        Ok(n) => ws.write_number_with_format(y, x, n, f.money(cur)),
                        Err(_) => ws.write_string(y, x, v),
                    }
                }
                Kind::Text => ws.write_string(y, x, v),
            }
            .map_err(err)?;
        }
    }
    Ok(n)
}

/// Writes the workbook to `path` (through a temporary file and a rename) from the tables of
/// a CSV export in `csv_dir` (written with the column codes as headers).
pub fn write_xlsx(
    csv_dir: &Path,
    summary: &[String],
    figures: &[(String, String)],
    anonymized: Option<&super::anonymity::Summary>,
    i18n: &I18n,
    path: &Path,
    ctl: &mut Control,
) -> Result<(), ExportError> {
    let err = |e| xlsx_err(path)(e);
    let mut wb = Workbook::new();
    let mut f = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
        money: HashMap::new(),
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name(i18n.t("export-summary-sheet")).map_err(err)?;
        ws.set_column_width(0, 60).map_err(err)?;
        ws.set_column_width(1, 30).map_err(err)?;
        let mut y = 0;
        if let Some(a) = anonymized {
            for line in a.lines(i18n) {
                ws.write_string_with_format(y, 0, line, &f.header)
                    .map_err(err)?;
                y += 1;
            }
            y += 1;
        }
        for s in summary {
            ws.write_string(y, 0, s).map_err(err)?;
            y += 1;
        }
        y += 1;
        for (k, v) in figures {
            ws.write_string_with_format(y, 0, k, &f.header)
                .map_err(err)?;
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(y, 1, n),
                Err(_) => ws.write_string(y, 1, v),
            }
            .map_err(err)?;
            y += 1;
        }
    }
    for name in super::tables::TABLES {
        ctl.stage(name)?;
        let ws = wb.add_worksheet_with_constant_memory();
        sheet(
            ws,
            name,
            &csv_dir.join(format!("{name}.csv")),
            &mut f,
            i18n,
            path,
            ctl,
        )?;
    }
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Dropped on an error, it takes its temporary file with it.
    let mut out = AtomicFile::create(path).map_err(io)?;
    wb.save_to_writer(&mut out).map_err(err)?;
    out.commit().map_err(io)
}
