//! The printable report: one self-contained page (inline CSS and SVG, nothing fetched from
//! a network, no script) with the report's sentences, headline figures, breakdown tables and
//! charts, laid out for A4; the per-record tables follow only on request (`--with-records`).

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::breakdowns::Doc;
use super::columns;
use super::control::Control;
use super::files::ExportError;
use super::report::Labels;
use super::slip::esc;
use crate::i18n::I18n;
use crate::store::atomic::AtomicFile;

const CSS: &str = "@page{size:A4;margin:14mm 12mm}\
body{font-family:sans-serif;font-size:10px;margin:1.5em;color:#111}\
h1{font-size:17px}h2{font-size:13px;margin:1.2em 0 .3em}\
table{border-collapse:collapse;margin:.3em 0}\
td,th{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}\
td.n{text-align:right}th{background:#eee}.note{border:1px solid #c00;padding:.5em}\
.block,figure{break-inside:avoid;page-break-inside:avoid;margin:0 0 .8em}\
figcaption{font-weight:bold;margin:.8em 0 .2em}.small{font-size:9px;color:#555}\
h2{break-after:avoid;page-break-after:avoid}svg{max-width:100%;height:auto}\
@media print{body{margin:0}.records h2{page-break-before:always}}";

/// One breakdown table as a block that printing keeps on one page where it fits.
fn breakdown_html(out: &mut String, t: &super::breakdowns::Table, l: &Labels) {
    use super::breakdowns::Cell;
    let _ = write!(
        out,
        "<section class=\"block\" id=\"t-{}\"><h2>{}</h2>\n<table><thead><tr>",
        t.id,
        esc(&t.title)
    );
    for h in &t.head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let class = if matches!(c, Cell::Text(_)) {
                ""
            } else {
                " class=\"n\""
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&c.text(l)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></section>\n");
}

fn table_html(
    out: &mut impl Write,
    name: &str,
    csv_path: &Path,
    i18n: &I18n,
    ctl: &mut Control,
) -> Result<usize, ExportError> {
    let io = |source| ExportError::Io {
        path: csv_path.to_path_buf(),
        source,
    };
    let mut r = super::files::csv_reader(csv_path)?;
    write!(
        out,
        "<h2>{}</h2>\n<table><thead><tr>",
        esc(&columns::table_name(name, i18n))
    )
    .map_err(io)?;
    for h in r.headers()?.iter() {
        write!(out, "<th>{}</th>", esc(&columns::header(h, i18n))).map_err(io)?;
    }
    out.write_all(b"</tr></thead><tbody>\n").map_err(io)?;
    let mut n = 0;
    for rec in r.records() {
        ctl.row()?;
        out.write_all(b"<tr>").map_err(io)?;
        for v in rec?.iter() {
            // The tables are the CSV export's: its formula guard is not part of the value.
            let v = super::files::unneutralise(v);
            write!(out, "<td>{}</td>", esc(v)).map_err(io)?;
        }
        out.write_all(b"</tr>\n").map_err(io)?;
        n += 1;
    }
    out.write_all(b"</tbody></table>\n").map_err(io)?;
    Ok(n)
}

/// Writes the printable report to `path` (whole or not at all: `store::atomic`): title,
/// notes, sentences, key figures, the breakdown tables and their charts; then, when
/// `records` names the folder of a CSV export (column codes as headers), every record's
/// table, one at a time.
pub fn write_html(
    records: Option<&Path>,
    doc: &Doc,
    l: &Labels,
    path: &Path,
    ctl: &mut Control,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Dropped on an error or a cancel, it takes its temporary file with it.
    let mut out = AtomicFile::create(path).map_err(io)?;
    out.write_all(report_html(doc, l).as_bytes()).map_err(io)?;
    if let Some(dir) = records {
        out.write_all(b"<div class=\"records\">\n").map_err(io)?;
        for name in super::tables::TABLES {
            ctl.stage(name)?;
            table_html(
                &mut out,
                name,
                &dir.join(format!("{name}.csv")),
                l.i18n,
                ctl,
            )?;
        }
        out.write_all(b"</div>\n").map_err(io)?;
    }
    out.write_all(b"</body></html>\n").map_err(io)?;
    out.commit().map_err(io)
}

/// The report part of the page, up to the per-record tables (a few A4 pages printed).
pub fn report_html(doc: &Doc, l: &Labels) -> String {
    let mut head = String::new();
    let _ = write!(
        head,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(l.i18n.lang()),
        esc(&doc.title),
        esc(&doc.title)
    );
    for n in &doc.notes {
        let _ = writeln!(head, "<p class=\"note\">{}</p>", esc(n));
    }
    head.push_str("<ul>\n");
    for s in &doc.sentences {
        let _ = writeln!(head, "<li>{}</li>", esc(s));
    }
    head.push_str("</ul>\n<section class=\"block\"><table>\n");
    for (k, v) in &doc.key_figures {
        let _ = writeln!(head, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    }
    head.push_str("</table></section>\n");
    for t in &doc.tables {
        breakdown_html(&mut head, t, l);
    }
    let _ = writeln!(head, "<h2>{}</h2>", esc(&l.i18n.t("report-charts")));
    for c in &doc.charts {
        if !c.categories.is_empty() {
            head.push_str(&super::charts::svg(c, l));
        }
    }
    head
}
