//! The report's breakdown tables in one shape for every format (Markdown, xlsx, html): a
//! title, headers and cells that keep their kind, so a spreadsheet writes numbers as numbers
//! and money with its currency; an anonymised export passes the protected report.

use std::collections::BTreeSet;

use super::report::Labels;
use crate::domain::report::{Amount, Report, amount_of};
use crate::domain::{Currency, Money};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Records (visits, consultations, appeals).
    Count(usize),
    /// Distinct persons (an anonymised export's are rounded by `protect` like the rest).
    Persons(usize),
    /// Minor units of a currency.
    Money(Currency, i64),
}

impl Cell {
    /// The number a chart draws; `None` for text.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) | Cell::Persons(n) => Some(*n as f64),
            Cell::Money(_, m) => Some(*m as f64 / 100.0),
            Cell::Text(_) => None,
        }
    }

    /// As text, numbers as the language writes them.
    pub fn text(&self, l: &Labels) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) | Cell::Persons(n) => n.to_string(),
            Cell::Money(c, m) => {
                Money::new(*c, *m).format(crate::domain::money::NumberLocale::of(l.lang))
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Table {
    /// A stable name (sheet order, tests).
    pub id: &'static str,
    pub title: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The currencies in some lists of amounts, in code order.
fn currencies<'a>(lists: impl Iterator<Item = &'a [Amount]>) -> Vec<Currency> {
    let codes: BTreeSet<&str> = lists.flat_map(|l| l.iter().map(|a| a.currency)).collect();
    codes.into_iter().filter_map(Currency::from_code).collect()
}

fn with_currency(l: &Labels, id: &str, c: Currency) -> String {
    format!("{} ({})", l.i18n.t(id), c.code())
}

/// An amount of a row; anonymised, one left out (beside too few persons) reads "—", not 0.
fn money_cell(list: &[Amount], c: Currency, anonymised: bool) -> Cell {
    if anonymised && !list.iter().any(|a| a.currency == c.code()) {
        Cell::Text("—".into())
    } else {
        Cell::Money(c, amount_of(list, c))
    }
}

/// Every breakdown table of the report, in the order they are printed (`anonymised`: the
/// protected report of an anonymised export).
pub fn tables(r: &Report, l: &Labels, anonymised: bool) -> Vec<Table> {
    let t = |id: &str| l.i18n.t(id);
    let topic = |c: &str| Cell::Text(l.tax.topic_label(c, l.lang).to_string());
    let money = currencies(
        r.topics
            .iter()
            .flat_map(|x| [x.claimed.as_slice(), x.recovered.as_slice()]),
    );
    let mut head = vec![
        t("col-topic"),
        t("report-consultations"),
        t("report-persons"),
        t("report-appeals"),
        t("report-appeal-persons"),
    ];
    for c in &money {
        head.push(with_currency(l, "col-claimed", *c));
        head.push(with_currency(l, "col-recovered", *c));
    }
    head.push(t("report-persons-recovered"));
    let topics = Table {
        id: "topics",
        title: t("report-topics"),
        head,
        rows: r
            .topics
            .iter()
            .map(|x| {
                let mut row = vec![
                    topic(&x.code),
                    Cell::Count(x.consultations),
                    Cell::Persons(x.persons),
                    Cell::Count(x.appeals),
                    Cell::Persons(x.appeal_persons),
                ];
                for c in &money {
                    row.push(money_cell(&x.claimed, *c, anonymised));
                    row.push(money_cell(&x.recovered, *c, anonymised));
                }
                row.push(Cell::Persons(x.persons_recovered));
                row
            })
            .collect(),
    };
    let topic_outcomes = Table {
        id: "topic_outcomes",
        title: t("report-topic-outcomes"),
        head: vec![
            t("col-topic"),
            t("col-outcome"),
            t("report-consultations"),
            t("report-persons"),
        ],
        rows: r
            .topic_outcomes
            .iter()
            .map(|x| {
                vec![
                    topic(&x.topic),
                    Cell::Text(l.tax.outcome_label(&x.outcome, l.lang).to_string()),
                    Cell::Count(x.consultations),
                    Cell::Persons(x.persons),
                ]
            })
            .collect(),
    };
    let counts = |id,
                  title: &str,
                  col: &str,
                  list: &[crate::domain::report::Count],
                  label: &dyn Fn(&str) -> String| Table {
        id,
        title: t(title),
        head: vec![t(col), t("report-consultations"), t("report-persons")],
        rows: list
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(label(&c.code)),
                    Cell::Count(c.records),
                    Cell::Persons(c.persons),
                ]
            })
            .collect(),
    };
    let people = |id,
                  title: &str,
                  list: &[crate::domain::report::PersonCount],
                  label: &dyn Fn(&str) -> String| Table {
        id,
        title: t(title),
        head: vec![t(title), t("report-persons")],
        rows: list
            .iter()
            .map(|c| vec![Cell::Text(label(&c.code)), Cell::Persons(c.persons)])
            .collect(),
    };
    let age_sex = Table {
        id: "age_sex",
        title: t("report-age-sex"),
        head: vec![t("report-ages"), t("report-sexes"), t("report-persons")],
        rows: r
            .age_sexes
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(l.age(&x.age)),
                    Cell::Text(l.sex(&x.sex)),
                    Cell::Persons(x.persons),
                ]
            })
            .collect(),
    };
    let events = Table {
        id: "events",
        title: t("report-events"),
        head: vec![
            t("col-date"),
            t("col-city"),
            t("report-visits"),
            t("report-visitors"),
            t("report-served"),
            t("report-consultations"),
        ],
        rows: r
            .events
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.date.to_string()),
                    Cell::Text(e.city.clone()),
                    Cell::Count(e.visits),
                    Cell::Persons(e.visitors),
                    Cell::Count(e.served),
                    Cell::Count(e.consultations),
                ]
            })
            .collect(),
    };
    vec![
        topics,
        topic_outcomes,
        counts(
            "outcomes",
            "report-outcomes",
            "col-outcome",
            &r.outcomes,
            &|c| l.tax.outcome_label(c, l.lang).to_string(),
        ),
        counts(
            "referrals",
            "report-referrals",
            "field-referral",
            &r.referrals,
            &|c| l.tax.referral_label(c, l.lang).to_string(),
        ),
        people("regions", "report-regions", &r.regions, &|c| l.region(c)),
        people("sexes", "report-sexes", &r.sexes, &|c| l.sex(c)),
        people("ages", "report-ages", &r.ages, &|c| l.age(c)),
        age_sex,
        events,
    ]
    .into_iter()
    .collect()
}

/// The headline figures with their kinds (the Summary sheet): money one row per currency.
pub fn figures(r: &Report, l: &Labels) -> Vec<(String, Cell)> {
    let t = |id: &str| l.i18n.t(id);
    let opt = |m: Option<i64>| m.map_or(Cell::Text("—".into()), |m| Cell::Count(m as usize));
    let mut out = vec![
        (t("report-visits"), Cell::Count(r.visits.total)),
        (t("report-visitors"), Cell::Persons(r.visits.persons)),
        (t("report-served"), Cell::Count(r.visits.served)),
        (t("report-left"), Cell::Count(r.visits.left_without_service)),
        (t("report-wait-median"), opt(r.visits.wait_median_min)),
        (t("report-wait-p90"), opt(r.visits.wait_p90_min)),
        (t("report-consultations"), Cell::Count(r.consultations)),
        (t("report-appeals"), Cell::Count(r.appeals)),
        (t("report-appeal-persons"), Cell::Persons(r.appeal_persons)),
    ];
    for (id, list) in [
        ("col-claimed", &r.amounts.claimed),
        ("col-recovered", &r.amounts.recovered),
    ] {
        if list.is_empty() {
            out.push((t(id), Cell::Text("—".into())));
        }
        for c in currencies(std::iter::once(list.as_slice())) {
            out.push((with_currency(l, id, c), Cell::Money(c, amount_of(list, c))));
        }
    }
    out.extend([
        (
            t("report-persons-recovered"),
            Cell::Persons(r.amounts.persons_recovered),
        ),
        (t("report-open-follow-ups"), Cell::Count(r.open_follow_ups)),
        (
            t("report-overdue-follow-ups"),
            Cell::Count(r.overdue_follow_ups),
        ),
    ]);
    out
}

/// The note above an anonymised export's tables.
pub fn suppressed_note(l: &Labels, k: u32) -> String {
    l.i18n.t_args(
        "report-suppressed-note",
        &[
            ("k", (k as usize).into()),
            ("base", super::protect::BASE.into()),
        ],
    )
}

/// Everything the xlsx and the html show of the report, in the export's language.
pub struct Doc {
    pub title: String,
    pub sentences: Vec<String>,
    /// As text (the html's key figures).
    pub key_figures: Vec<(String, String)>,
    /// With their kinds (the Summary sheet).
    pub figures: Vec<(String, Cell)>,
    pub tables: Vec<Table>,
    pub charts: Vec<super::charts::Chart>,
    /// What anonymisation removed, and how small groups are shown: above the tables.
    pub notes: Vec<String>,
}

impl Doc {
    /// `anon` is `Some((k, key))` for an anonymised export (`Store::anonymity_key`): then the
    /// sentences, figures, tables and charts all say what the one protected report says.
    pub fn new(
        r: &Report,
        period: &super::report::PeriodInfo,
        l: &Labels,
        anon: Option<(u32, [u8; 16])>,
    ) -> Doc {
        let protected = anon.map(|(k, key)| super::protect::protect(r, k, key));
        let shown = protected.as_ref().unwrap_or(r);
        let k = anon.map(|a| a.0);
        let mut notes = Vec::new();
        if let Some(k) = k {
            notes.push(super::anonymized_note(l.i18n));
            notes.push(suppressed_note(l, k));
        }
        Doc {
            title: l.i18n.t_args(
                "report-title",
                &[("period", crate::i18n::Arg::Str(period.label.clone()))],
            ),
            sentences: super::report::sentences(shown, l),
            key_figures: figures(shown, l)
                .into_iter()
                .map(|(name, c)| (name, c.text(l)))
                .collect(),
            figures: figures(shown, l).into_iter().collect(),
            tables: tables(shown, l, k.is_some()),
            charts: super::charts::charts(shown, l, k),
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_draws_counts_and_money_not_text() {
        assert_eq!(Cell::Count(15).number(), Some(15.0));
        assert_eq!(Cell::Persons(0).number(), Some(0.0));
        assert_eq!(Cell::Money(Currency::Rub, 250).number(), Some(2.5));
        assert_eq!(Cell::Text("—".into()).number(), None);
    }
}
