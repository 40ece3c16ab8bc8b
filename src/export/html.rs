//! One self-contained printable page (inline CSS, nothing fetched from a network): the
//! report's sentences and headline figures, then every table.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::columns;
use super::control::Control;
use super::files::ExportError;
use super::slip::esc;
use crate::i18n::I18n;
use crate::store::atomic::AtomicFile;

const CSS: &str = "body{font-family:sans-serif;font-size:11px;margin:1.5em}\
h1{font-size:18px}h2{font-size:14px;margin-top:1.5em}\
table{border-collapse:collapse;margin:.5em 0}\
td,th{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}\
th{background:#eee}.note{border:1px solid #c00;padding:.5em}\
@media print{h2{page-break-before:always}}";

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

/// Writes the page to `path` (whole or not at all: `store::atomic`) from the tables of a
/// CSV export in `csv_dir` (written with the column codes as headers), one table at a time.
#[allow(clippy::too_many_arguments)]
pub fn write_html(
    csv_dir: &Path,
    title: &str,
    summary: &[String],
    figures: &[(String, String)],
    anonymized: Option<&super::anonymity::Summary>,
    i18n: &I18n,
    path: &Path,
    ctl: &mut Control,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Dropped on an error or a cancel, it takes its temporary file with it.
    let mut out = AtomicFile::create(path).map_err(io)?;
    page(
        csv_dir, title, summary, figures, anonymized, i18n, &mut out, ctl,
    )?;
    out.commit().map_err(io)
}

#[allow(clippy::too_many_arguments)]
fn page(
    csv_dir: &Path,
    title: &str,
    summary: &[String],
    figures: &[(String, String)],
    anonymized: Option<&super::anonymity::Summary>,
    i18n: &I18n,
    out: &mut AtomicFile,
    ctl: &mut Control,
) -> Result<(), ExportError> {
    let lang = i18n.lang();
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| ExportError::Io { path: p, source }
    };
    let tmp = &out.tmp_path().to_path_buf();
    let mut head = String::new();
    let _ = write!(
        head,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(lang),
        esc(title),
        esc(title)
    );
    if let Some(a) = anonymized {
        for line in a.lines(i18n) {
            let _ = writeln!(head, "<p class=\"note\">{}</p>", esc(&line));
        }
    }
    head.push_str("<ul>\n");
    for s in summary {
        let _ = writeln!(head, "<li>{}</li>", esc(s));
    }
    head.push_str("</ul>\n<table>\n");
    for (k, v) in figures {
        let _ = writeln!(head, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    }
    head.push_str("</table>\n");
    out.write_all(head.as_bytes()).map_err(io(tmp))?;
    for name in super::tables::TABLES {
        ctl.stage(name)?;
        table_html(out, name, &csv_dir.join(format!("{name}.csv")), i18n, ctl)?;
    }
    out.write_all(b"</body></html>\n").map_err(io(tmp))?;
    Ok(())
}
