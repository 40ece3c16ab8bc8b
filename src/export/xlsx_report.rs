//! The workbook's report sheets: Summary (notes, sentences, headline figures as numbers,
//! money one row per currency in its currency's number format), Tables (a headed block per
//! breakdown) and Charts (each chart's data beside a native Excel chart drawn from it).

use rust_xlsxwriter::{Chart, ChartType, Workbook, Worksheet};

use super::breakdowns::{Cell, Doc};
use super::charts::Kind;
use super::files::ExportError;
use super::xlsx::{Formats, xlsx_err};
use crate::i18n::I18n;

fn cell(
    ws: &mut Worksheet,
    y: u32,
    x: u16,
    c: &Cell,
    f: &mut Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match c {
        Cell::Text(s) => ws.write_string(y, x, s),
        Cell::Count(n) | Cell::Persons(n) => ws.write_number(y, x, *n as f64),
        // Minor units are integers; a cell is a double, exact below 2^53 minor units.
        Cell::Money(cur, m) => {
            ws.write_number_with_format(y, x, *m as f64 / 100.0, f.money(cur.code()))
        }
    }
    .map(|_| ())
}

/// Adds the Summary, Tables and Charts sheets, in that order.
pub(super) fn report_sheets(
    wb: &mut Workbook,
    doc: &Doc,
    f: &mut Formats,
    i18n: &I18n,
    path: &std::path::Path,
) -> Result<(), ExportError> {
    let err = |e| xlsx_err(path)(e);
    let ws = wb.add_worksheet();
    ws.set_name(i18n.t("export-summary-sheet")).map_err(err)?;
    ws.set_column_width(0, 60).map_err(err)?;
    ws.set_column_width(1, 24).map_err(err)?;
    let mut y = 0;
    for n in &doc.notes {
        ws.write_string_with_format(y, 0, n, &f.header)
            .map_err(err)?;
        y += 1;
    }
    y += u32::from(!doc.notes.is_empty());
    ws.write_string_with_format(y, 0, &doc.title, &f.header)
        .map_err(err)?;
    y += 1;
    for s in &doc.sentences {
        ws.write_string(y, 0, s).map_err(err)?;
        y += 1;
    }
    y += 1;
    for (k, v) in &doc.figures {
        ws.write_string_with_format(y, 0, k, &f.header)
            .map_err(err)?;
        cell(ws, y, 1, v, f).map_err(err)?;
        y += 1;
    }
    tables_sheet(wb, doc, f, i18n).map_err(err)?;
    charts_sheet(wb, doc, f, i18n).map_err(err)
}

fn tables_sheet(
    wb: &mut Workbook,
    doc: &Doc,
    f: &mut Formats,
    i18n: &I18n,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(i18n.t("export-tables-sheet"))?;
    ws.set_column_width(0, 40)?;
    for c in 1..16 {
        ws.set_column_width(c, 16)?;
    }
    let mut y = 0;
    for n in &doc.notes {
        ws.write_string_with_format(y, 0, n, &f.header)?;
        y += 1;
    }
    y += u32::from(!doc.notes.is_empty());
    for t in &doc.tables {
        ws.write_string_with_format(y, 0, &t.title, &f.title)?;
        y += 1;
        for (x, h) in t.head.iter().enumerate() {
            ws.write_string_with_format(y, x as u16, h, &f.header)?;
        }
        y += 1;
        for row in &t.rows {
            for (x, c) in row.iter().enumerate() {
                cell(ws, y, x as u16, c, f)?;
            }
            y += 1;
        }
        y += 1;
    }
    Ok(())
}

fn charts_sheet(
    wb: &mut Workbook,
    doc: &Doc,
    f: &mut Formats,
    i18n: &I18n,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let name = i18n.t("report-charts");
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    ws.set_column_width(0, 30)?;
    let mut y: u32 = 0;
    for c in &doc.charts {
        ws.write_string_with_format(y, 0, &c.title, &f.title)?;
        if let Some(k) = c.suppressed {
            let note = i18n.t_args("report-chart-suppressed", &[("k", (k as usize).into())]);
            ws.write_string(y, 1, note)?;
        }
        for (j, s) in c.series.iter().enumerate() {
            ws.write_string_with_format(y + 1, 1 + j as u16, &s.name, &f.header)?;
        }
        for (i, cat) in c.categories.iter().enumerate() {
            let row = y + 2 + i as u32;
            ws.write_string(row, 0, cat)?;
            for (j, s) in c.series.iter().enumerate() {
                // A value left out stays an empty cell: the chart draws no bar for it.
                if let Some(v) = s.values[i] {
                    ws.write_number(row, 1 + j as u16, v)?;
                }
            }
        }
        let n = c.categories.len() as u32;
        let height = match c.kind {
            Kind::Column => 320,
            _ => (22 * n + 90).max(288),
        };
        if n > 0 && !c.series.is_empty() {
            let mut chart = Chart::new(match c.kind {
                Kind::StackedBar => ChartType::BarStacked,
                Kind::Bar => ChartType::Bar,
                Kind::Column => ChartType::Column,
            });
            chart.title().set_name(&c.title);
            chart.set_width(640).set_height(height);
            if c.series.len() < 2 {
                chart.legend().set_hidden();
            }
            for (j, _) in c.series.iter().enumerate() {
                let col = 1 + j as u16;
                chart
                    .add_series()
                    .set_name((name.as_str(), y + 1, col))
                    .set_categories((name.as_str(), y + 2, 0, y + 1 + n, 0))
                    .set_values((name.as_str(), y + 2, col, y + 1 + n, col));
            }
            let right = 2 + c.series.len() as u16;
            ws.insert_chart(y, right, &chart)?;
        }
        // Rows are 20 px: the next block starts below this chart and this data.
        y += (n + 3).max(height / 20 + 2);
    }
    Ok(())
}
