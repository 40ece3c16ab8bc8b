//! The report as text people send on: summary sentences, then tables (Markdown), or the
//! figures as JSON with a stable schema. Labels in the chosen language; records keep codes.

use serde::Serialize;

use crate::domain::Lang;
use crate::domain::money::NumberLocale;
use crate::domain::report::{Amount, Report};
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::{Arg, I18n};

/// What the report covers, in words and as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodInfo {
    /// `event`, `dates` or `all`.
    pub kind: &'static str,
    pub event: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// As shown in the heading.
    pub label: String,
}

/// `11,204,500.00 RUB; 3,000.00 USD` as the language writes numbers, or a dash.
pub fn amounts_text(list: &[Amount], lang: Lang) -> String {
    crate::domain::report::format_amounts(list, NumberLocale::of(lang))
}

pub struct Labels<'a> {
    pub tax: &'a Taxonomy,
    pub i18n: &'a I18n,
    pub lang: Lang,
}

impl Labels<'_> {
    pub fn region(&self, code: &str) -> String {
        if code == super::protect::OTHER {
            return self.i18n.t("anon-other");
        }
        match crate::domain::Region::from_code(code) {
            Some(r) => self.i18n.t(r.msg_id()),
            None => self.i18n.t("region-none"),
        }
    }

    pub fn sex(&self, code: &str) -> String {
        if code == super::protect::OTHER {
            return self.i18n.t("anon-other");
        }
        crate::domain::Sex::ALL
            .iter()
            .find(|s| s.code() == code)
            .map(|s| self.i18n.t(s.msg_id()))
            .unwrap_or_else(|| code.to_string())
    }

    pub fn age(&self, code: &str) -> String {
        if code == super::protect::OTHER {
            self.i18n.t("anon-other")
        } else if code == "unknown" {
            self.i18n.t("report-age-unknown")
        } else {
            code.to_string()
        }
    }
}

/// The summary sentences, most important first.
/// The summary's sentences. An anonymised export passes the protected report
/// (`protect::protect`), so its sentences say what its tables say.
pub fn sentences(r: &Report, l: &Labels) -> Vec<String> {
    let i18n = l.i18n;
    let v = &r.visits;
    let mut out = vec![i18n.t_args(
        "summary-visits",
        &[
            ("visits", v.total.into()),
            ("persons", v.persons.into()),
            ("served", v.served.into()),
            ("left", v.left_without_service.into()),
        ],
    )];
    if let (Some(m), Some(p)) = (r.visits.wait_median_min, r.visits.wait_p90_min) {
        out.push(i18n.t_args(
            "summary-waiting",
            &[("median", m.into()), ("p90", p.into())],
        ));
    }
    for t in &r.topics {
        let topic = l.tax.topic_label(&t.code, l.lang).to_string();
        if t.appeals > 0 {
            let mut s = i18n.t_args(
                "summary-topic-appeals",
                &[
                    ("topic", Arg::Str(topic)),
                    ("appeals", t.appeals.into()),
                    ("persons", t.appeal_persons.into()),
                ],
            );
            if t.persons_recovered > 0 && !t.recovered.is_empty() {
                s.push_str(&i18n.t_args(
                    "summary-recovered",
                    &[
                        ("persons", t.persons_recovered.into()),
                        ("amount", Arg::Str(amounts_text(&t.recovered, l.lang))),
                    ],
                ));
            } else {
                s.push('.');
            }
            out.push(s);
        } else if t.consultations > 0 {
            out.push(i18n.t_args(
                "summary-topic",
                &[
                    ("topic", Arg::Str(topic)),
                    ("consultations", t.consultations.into()),
                    ("persons", t.persons.into()),
                ],
            ));
        }
    }
    if r.open_follow_ups > 0 {
        out.push(i18n.t_args(
            "summary-follow-ups",
            &[
                ("open", r.open_follow_ups.into()),
                ("overdue", r.overdue_follow_ups.into()),
            ],
        ));
    }
    out
}

fn table(out: &mut String, head: &[String], rows: Vec<Vec<String>>) {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    out.push_str(&format!(
        "| {} |\n",
        head.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for r in rows {
        out.push_str(&format!(
            "| {} |\n",
            r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out.push('\n');
}

pub fn markdown(r: &Report, period: &PeriodInfo, l: &Labels) -> String {
    let i18n = l.i18n;
    let t = |id: &str| i18n.t(id);
    let mut out = format!(
        "# {}\n\n",
        i18n.t_args(
            "report-title",
            &[("period", Arg::Str(period.label.clone()))]
        )
    );
    for s in sentences(r, l) {
        out.push_str(&format!("- {s}\n"));
    }
    out.push('\n');
    out.push_str(&format!("## {}\n\n", t("report-topics")));
    table(
        &mut out,
        &[
            t("col-topic"),
            t("report-consultations"),
            t("report-persons"),
            t("report-appeals"),
            t("report-appeal-persons"),
            t("col-claimed"),
            t("col-recovered"),
            t("report-persons-recovered"),
        ],
        r.topics
            .iter()
            .map(|x| {
                vec![
                    l.tax.topic_label(&x.code, l.lang).to_string(),
                    x.consultations.to_string(),
                    x.persons.to_string(),
                    x.appeals.to_string(),
                    x.appeal_persons.to_string(),
                    amounts_text(&x.claimed, l.lang),
                    amounts_text(&x.recovered, l.lang),
                    x.persons_recovered.to_string(),
                ]
            })
            .collect(),
    );
    let counts = |out: &mut String,
                  title: &str,
                  col: &str,
                  list: &[crate::domain::report::Count],
                  label: &dyn Fn(&str) -> String| {
        out.push_str(&format!("## {}\n\n", t(title)));
        table(
            out,
            &[t(col), t("report-consultations"), t("report-persons")],
            list.iter()
                .map(|c| vec![label(&c.code), c.records.to_string(), c.persons.to_string()])
                .collect(),
        );
    };
    counts(
        &mut out,
        "report-outcomes",
        "col-outcome",
        &r.outcomes,
        &|c| l.tax.outcome_label(c, l.lang).to_string(),
    );
    counts(
        &mut out,
        "report-referrals",
        "field-referral",
        &r.referrals,
        &|c| l.tax.referral_label(c, l.lang).to_string(),
    );
    let people = |out: &mut String,
                  title: &str,
                  list: &[crate::domain::report::PersonCount],
                  label: &dyn Fn(&str) -> String| {
        out.push_str(&format!("## {}\n\n", t(title)));
        table(
            out,
            &[t(title), t("report-persons")],
            list.iter()
                .map(|c| vec![label(&c.code), c.persons.to_string()])
                .collect(),
        );
    };
    people(&mut out, "report-regions", &r.regions, &|c| l.region(c));
    people(&mut out, "report-sexes", &r.sexes, &|c| l.sex(c));
    people(&mut out, "report-ages", &r.ages, &|c| l.age(c));
    // The breakdowns Markdown had no table for before; the others are written above.
    let new = ["topic_outcomes", "age_sex", "events"];
    for x in super::breakdowns::tables(r, l, false) {
        if new.contains(&x.id) {
            out.push_str(&format!("## {}\n\n", x.title));
            let rows = x.rows.iter().map(|r| r.iter().map(|c| c.text(l)).collect());
            table(&mut out, &x.head, rows.collect());
        }
    }
    out.push_str(&format!("## {}\n\n", t("report-totals")));
    table(
        &mut out,
        &[t("report-figure"), t("report-value")],
        key_figures(r, l)
            .into_iter()
            .map(|(k, v)| vec![k, v])
            .collect(),
    );
    out.push_str(&format!("{}\n", t("report-rules")));
    out
}

/// The headline figures as (label, value) pairs: the totals table and the Summary sheet.
pub fn key_figures(r: &Report, l: &Labels) -> Vec<(String, String)> {
    let t = |id: &str| l.i18n.t(id);
    let opt = |m: Option<i64>| m.map_or("—".into(), |m| m.to_string());
    vec![
        (t("report-visits"), r.visits.total.to_string()),
        (t("report-visitors"), r.visits.persons.to_string()),
        (t("report-served"), r.visits.served.to_string()),
        (t("report-left"), r.visits.left_without_service.to_string()),
        (t("report-wait-median"), opt(r.visits.wait_median_min)),
        (t("report-wait-p90"), opt(r.visits.wait_p90_min)),
        (t("report-consultations"), r.consultations.to_string()),
        (t("report-appeals"), r.appeals.to_string()),
        (t("report-appeal-persons"), r.appeal_persons.to_string()),
        (t("col-claimed"), amounts_text(&r.amounts.claimed, l.lang)),
        (
            t("col-recovered"),
            amounts_text(&r.amounts.recovered, l.lang),
        ),
        (
            t("report-persons-recovered"),
            r.amounts.persons_recovered.to_string(),
        ),
        (t("report-open-follow-ups"), r.open_follow_ups.to_string()),
        (
            t("report-overdue-follow-ups"),
            r.overdue_follow_ups.to_string(),
        ),
    ]
}

/// The JSON document: the period, the summary sentences and the figures.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub schema: u32,
    pub period: &'a PeriodInfo,
    pub language: &'static str,
    pub summary: Vec<String>,
    pub figures: &'a Report,
}

pub fn json(r: &Report, period: &PeriodInfo, l: &Labels) -> String {
    let doc = JsonReport {
        schema: r.schema,
        period,
        language: l.lang.code(),
        summary: sentences(r, l),
        figures: r,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
