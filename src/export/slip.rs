//! The consultation slip handed to the citizen: one page, this person's data only. Written
//! over `impl Write`; `keep_slip` is the one place a slip goes to disk in the data directory.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::domain::taxonomy::{ContactKind, Taxonomy};
use crate::domain::{Consultation, Event, Lang, Person, Visit};
use crate::i18n::I18n;

/// Everything a slip shows, gathered by the caller.
pub struct SlipData<'a> {
    /// The queue number as the desk called it (`A-017`, or `17`).
    pub number: String,
    pub event: &'a Event,
    pub visit: &'a Visit,
    pub person: &'a Person,
    pub consultations: &'a [Consultation],
    pub taxonomy: &'a Taxonomy,
    pub lang: Lang,
}

/// One labelled line of the slip.
struct Item {
    label: String,
    value: String,
}

struct Section {
    title: String,
    items: Vec<Item>,
}

fn sections(d: &SlipData, i18n: &I18n) -> (String, Vec<Item>, Vec<Section>) {
    let ev = &d.event.fields;
    let t = |id: &str| i18n.t(id);
    let local = crate::domain::validate::to_local(d.visit.arrived, ev.utc_offset_min);
    let head = vec![
        Item {
            label: t("slip-date"),
            value: i18n.date_time(local.naive_local()),
        },
        Item {
            label: t("slip-place"),
            value: format!("{}, {}", ev.venue, ev.city),
        },
        Item {
            label: t("slip-desk"),
            // The number first: it is what the citizen quotes when coming back.
            value: format!(
                "{} · {}",
                i18n.t_args("queue-number", &[("number", d.number.clone().into())]),
                d.visit.desk_name,
            ),
        },
        Item {
            label: t("slip-person"),
            value: d.person.fields.full_name(),
        },
    ];
    let tax = d.taxonomy;
    let lang = d.lang;
    let mut out = Vec::new();
    for (n, c) in d.consultations.iter().enumerate() {
        let f = &c.fields;
        let mut items = vec![Item {
            label: t("slip-topics"),
            value: f
                .topics
                .iter()
                .map(|x| tax.topic_label(x, lang))
                .collect::<Vec<_>>()
                .join("; "),
        }];
        if !f.advice.is_empty() {
            items.push(Item {
                label: t("slip-advice"),
                value: f.advice.clone(),
            });
        }
        if !f.legal_bases.is_empty() {
            items.push(Item {
                label: t("slip-legal-basis"),
                value: f
                    .legal_bases
                    .iter()
                    .map(|b| tax.basis_label(b, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        if let Some(r) = &f.referral {
            let mut value = tax.referral_label(r, lang).to_string();
            if let Some(target) = tax.referral(r) {
                for (kind, text) in target.contacts.lines(lang) {
                    let label = t(match kind {
                        ContactKind::Address => "slip-contact-address",
                        ContactKind::Phone => "slip-contact-phone",
                        ContactKind::Hours => "slip-contact-hours",
                        ContactKind::Website => "slip-contact-website",
                    });
                    value.push_str(&format!("\n{label}: {text}"));
                }
            }
            items.push(Item {
                label: t("slip-referral"),
                value,
            });
        }
        items.push(Item {
            label: t("slip-outcome"),
            value: outcome_sentence(&f.outcome, tax, lang, i18n),
        });
        if let Some(date) = f.follow_up.filter(|_| f.follow_up_open()) {
            items.push(Item {
                label: t("slip-next-step"),
                value: i18n.date(date),
            });
        }
        let title = if d.consultations.len() > 1 {
            i18n.t_args("slip-consultation-n", &[("n", (n + 1).into())])
        } else {
            t("slip-consultation")
        };
        out.push(Section { title, items });
    }
    (t("slip-title"), head, out)
}

/// What the outcome means for the citizen, as a sentence: the taxonomy's outcome labels are
/// the desk's words («Направлен(а)»). An outcome an organisation added itself has no sentence
/// here and shows its label.
fn outcome_sentence(code: &str, tax: &Taxonomy, lang: Lang, i18n: &I18n) -> String {
    let id = match code {
        "advised" => "slip-outcome-advised",
        "referred" => "slip-outcome-referred",
        "appeal-filed" => "slip-outcome-appeal-filed",
        "resolved" => "slip-outcome-resolved",
        "no-action" => "slip-outcome-no-action",
        _ => return tax.outcome_label(code, lang).to_string(),
    };
    i18n.t(id)
}

/// Plain text, 72 columns wide labels aligned: prints on anything.
pub fn write_text(w: &mut impl Write, d: &SlipData, i18n: &I18n) -> io::Result<()> {
    let (title, head, secs) = sections(d, i18n);
    writeln!(w, "{title}")?;
    writeln!(w, "{}", "=".repeat(title.chars().count()))?;
    let label_w = head
        .iter()
        .chain(secs.iter().flat_map(|s| s.items.iter()))
        .map(|i| unicode_width::UnicodeWidthStr::width(i.label.as_str()))
        .max()
        .unwrap_or(0);
    let item = |w: &mut dyn Write, i: &Item| -> io::Result<()> {
        let pad = label_w - unicode_width::UnicodeWidthStr::width(i.label.as_str());
        for (k, line) in i.value.lines().enumerate() {
            if k == 0 {
                writeln!(w, "{}{}  {line}", i.label, " ".repeat(pad))?;
            } else {
                writeln!(w, "{}  {line}", " ".repeat(label_w))?;
            }
        }
        Ok(())
    };
    for i in &head {
        item(w, i)?;
    }
    if secs.is_empty() {
        writeln!(w)?;
        writeln!(w, "{}", i18n.t("slip-no-consultation"))?;
    }
    for s in &secs {
        writeln!(w)?;
        writeln!(w, "{}", s.title)?;
        writeln!(w, "{}", "-".repeat(s.title.chars().count()))?;
        for i in &s.items {
            item(w, i)?;
        }
    }
    writeln!(w)?;
    writeln!(w, "{}", i18n.t("slip-footer"))?;
    Ok(())
}

/// Text safe inside HTML elements and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One self-contained printable HTML page (inline CSS, nothing fetched).
pub fn write_html(w: &mut impl Write, d: &SlipData, i18n: &I18n) -> io::Result<()> {
    let (title, head, secs) = sections(d, i18n);
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>",
        i18n.lang(),
        esc(&title)
    )?;
    writeln!(
        w,
        "<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto}}\
         th{{text-align:left;vertical-align:top;padding-right:1em;white-space:nowrap}}\
         td{{white-space:pre-line}}h2{{border-bottom:1px solid #999}}\
         @media print{{body{{margin:0}}}}</style></head><body>"
    )?;
    writeln!(w, "<h1>{}</h1>", esc(&title))?;
    let table = |w: &mut dyn Write, items: &[Item]| -> io::Result<()> {
        writeln!(w, "<table>")?;
        for i in items {
            writeln!(
                w,
                "<tr><th>{}</th><td>{}</td></tr>",
                esc(&i.label),
                esc(&i.value)
            )?;
        }
        writeln!(w, "</table>")
    };
    table(w, &head)?;
    if secs.is_empty() {
        writeln!(w, "<p>{}</p>", esc(&i18n.t("slip-no-consultation")))?;
    }
    for s in &secs {
        writeln!(w, "<h2>{}</h2>", esc(&s.title))?;
        table(w, &s.items)?;
    }
    writeln!(
        w,
        "<p><small>{}</small></p></body></html>",
        esc(&i18n.t("slip-footer"))
    )?;
    Ok(())
}

/// Keeps `bytes`, the slip of `visit` as text (`html`: as a printable page), under `slips/`
/// in the data directory `data_dir` (created, private), whole or not at all; returns its
/// path. Named by the day of the visit at its venue (`offset_min`, the event's), the day the
/// slip itself shows.
pub fn keep_slip(
    data_dir: &Path,
    visit: &Visit,
    offset_min: i32,
    bytes: &[u8],
    html: bool,
) -> io::Result<PathBuf> {
    let dir = data_dir.join("slips");
    crate::privacy::create_private_dir(&dir)?;
    let day = crate::domain::validate::to_local(visit.arrived, offset_min);
    let path = dir.join(format!(
        "slip-{}-no{}-{}.{}",
        day.format("%Y%m%d"),
        visit.queue_no,
        visit.meta.id,
        if html { "html" } else { "txt" }
    ));
    crate::store::atomic::write(&path, bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DeskId, Id, Meta, VisitStatus};

    #[test]
    fn a_kept_slip_is_named_by_day_number_and_visit_and_private() {
        let dir = tempfile::tempdir().unwrap();
        // 21:30 UTC on the 24th is 03:30 on the 25th at a venue at UTC+6: the slip's day.
        let arrived = chrono::DateTime::parse_from_rfc3339("2026-11-24T21:30:00Z")
            .unwrap()
            .to_utc();
        let visit = Visit {
            meta: Meta::new(Id(42), DeskId(7), arrived),
            event: Id(1),
            person: Id(2),
            queue_no: 12,
            desk_name: "Desk 1".into(),
            purpose: "wages".into(),
            language: Lang::Ru,
            arrived,
            status: VisitStatus::Waiting,
            history: vec![],
        };
        let path = keep_slip(dir.path(), &visit, 360, b"slip text", false).unwrap();
        assert_eq!(
            path,
            dir.path()
                .join("slips")
                .join(format!("slip-20261125-no12-{}.txt", Id(42)))
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"slip text");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("slips"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("slips")), 0o700);
        }
    }
}
