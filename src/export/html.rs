//! One self-contained printable page (inline CSS, nothing fetched from a network): the
//! report's sentences and headline figures, then every table.

use std::fmt::Write as _;
use std::path::Path;

use super::columns;
use super::files::{BOM, ExportError, csv_bytes};
use super::slip::esc;
use super::tables::Tables;
use crate::i18n::I18n;

const CSS: &str = "body{font-family:sans-serif;font-size:11px;margin:1.5em}\
h1{font-size:18px}h2{font-size:14px;margin-top:1.5em}\
table{border-collapse:collapse;margin:.5em 0}\
td,th{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}\
th{background:#eee}.note{border:1px solid #c00;padding:.5em}\
@media print{h2{page-break-before:always}}";

fn table_html(out: &mut String, name: &str, csv: &[u8], i18n: &I18n) -> Result<usize, ExportError> {
    let mut r = csv::ReaderBuilder::new().from_reader(csv.strip_prefix(BOM).unwrap_or(csv));
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table><thead><tr>",
        esc(&columns::table_name(name, i18n))
    );
    for h in r.headers()?.iter() {
        let _ = write!(out, "<th>{}</th>", esc(&columns::header(h, i18n)));
    }
    out.push_str("</tr></thead><tbody>\n");
    let mut n = 0;
    for rec in r.records() {
        out.push_str("<tr>");
        for v in rec?.iter() {
            let _ = write!(out, "<td>{}</td>", esc(v));
        }
        out.push_str("</tr>\n");
        n += 1;
    }
    out.push_str("</tbody></table>\n");
    Ok(n)
}

pub fn write_html(
    t: &Tables,
    title: &str,
    summary: &[String],
    figures: &[(String, String)],
    anonymized: bool,
    i18n: &I18n,
    path: &Path,
) -> Result<(), ExportError> {
    let lang = i18n.lang();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(lang),
        esc(title),
        esc(title)
    );
    if anonymized {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&super::anonymized_note(i18n))
        );
    }
    out.push_str("<ul>\n");
    for s in summary {
        let _ = writeln!(out, "<li>{}</li>", esc(s));
    }
    out.push_str("</ul>\n<table>\n");
    for (k, v) in figures {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    }
    out.push_str("</table>\n");
    table_html(&mut out, "persons", &csv_bytes(&t.persons, b',')?, i18n)?;
    table_html(&mut out, "visits", &csv_bytes(&t.visits, b',')?, i18n)?;
    table_html(
        &mut out,
        "consultations",
        &csv_bytes(&t.consultations, b',')?,
        i18n,
    )?;
    table_html(&mut out, "appeals", &csv_bytes(&t.appeals, b',')?, i18n)?;
    table_html(
        &mut out,
        "appeal_members",
        &csv_bytes(&t.appeal_members, b',')?,
        i18n,
    )?;
    out.push_str("</body></html>\n");
    super::files::write_file(path, out.as_bytes())
}
