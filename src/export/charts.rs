//! The report's charts as data (for native xlsx charts) and as hand-written inline SVG (for
//! the printable html: no script, nothing fetched). A value left out (a suppressed group of
//! persons in an anonymised export) is `None`: no bar is drawn for it.

use std::fmt::Write as _;

use super::breakdowns::Cell;
use super::report::Labels;
use super::slip::esc;
use crate::domain::report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars, series stacked.
    StackedBar,
    /// Horizontal bars, one series.
    Bar,
    /// Vertical columns, series side by side.
    Column,
}

#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Clone, Debug)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub kind: Kind,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// `Some(k)` when some values were left out (fewer than k persons).
    pub suppressed: Option<u32>,
}

/// The four charts: topics with outcomes, regions, age band by sex, visits per event.
pub fn charts(r: &Report, l: &Labels, k: Option<u32>) -> Vec<Chart> {
    let t = |id: &str| l.i18n.t(id);
    let outcomes: Vec<&str> = r.outcomes.iter().map(|o| o.code.as_str()).collect();
    let topics = Chart {
        id: "topics",
        title: t("report-chart-topics"),
        kind: Kind::StackedBar,
        categories: r
            .topics
            .iter()
            .filter(|x| x.consultations > 0)
            .map(|x| l.tax.topic_label(&x.code, l.lang).to_string())
            .collect(),
        series: outcomes
            .iter()
            .map(|o| Series {
                name: l.tax.outcome_label(o, l.lang).to_string(),
                values: r
                    .topics
                    .iter()
                    .filter(|x| x.consultations > 0)
                    .map(|x| {
                        let n = r
                            .topic_outcomes
                            .iter()
                            .find(|c| c.topic == x.code && c.outcome == *o)
                            .map_or(0, |c| c.consultations);
                        Cell::Count(n).number()
                    })
                    .collect(),
            })
            .collect(),
        suppressed: None,
    };
    let regions = Chart {
        id: "regions",
        title: t("report-chart-regions"),
        kind: Kind::Bar,
        categories: r.regions.iter().map(|x| l.region(&x.code)).collect(),
        series: vec![Series {
            name: t("report-persons"),
            values: r.regions.iter().map(|x| Some(x.persons as f64)).collect(),
        }],
        suppressed: None,
    };
    let sexes: Vec<&str> = r.sexes.iter().map(|s| s.code.as_str()).collect();
    let age_sex = Chart {
        id: "age_sex",
        title: t("report-chart-age-sex"),
        kind: Kind::Column,
        categories: r.ages.iter().map(|a| l.age(&a.code)).collect(),
        series: sexes
            .iter()
            .map(|s| Series {
                name: l.sex(s),
                values: r
                    .ages
                    .iter()
                    .map(|a| {
                        let n = r
                            .age_sexes
                            .iter()
                            .find(|c| c.age == a.code && c.sex == *s)
                            .map(|c| c.persons as f64);
                        // Anonymised, a pair not listed may be in the "other" row: drawn
                        // as nothing rather than as none.
                        n.or(if k.is_some() { None } else { Some(0.0) })
                    })
                    .collect(),
            })
            .collect(),
        suppressed: None,
    };
    let events = Chart {
        id: "events",
        title: t("report-chart-events"),
        kind: Kind::Column,
        categories: r
            .events
            .iter()
            .map(|e| format!("{} {}", e.date.format("%d.%m"), e.city))
            .collect(),
        series: vec![Series {
            name: t("report-visits"),
            values: r
                .events
                .iter()
                .map(|e| Cell::Count(e.visits).number())
                .collect(),
        }],
        suppressed: None,
    };
    let mut all = vec![topics, regions, age_sex, events];
    for c in &mut all {
        let left_out = c
            .series
            .iter()
            .any(|s| s.values.iter().any(Option::is_none));
        c.suppressed = k.filter(|_| left_out);
    }
    all
}

const COLOURS: [&str; 8] = [
    "#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a50021", "#595959",
];

const WIDTH: f64 = 640.0;

/// Text cut to `n` characters (a label column is narrow; the table beside has it whole).
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn legend(out: &mut String, c: &Chart, y: f64) {
    if c.series.len() < 2 {
        return;
    }
    let mut x = 10.0;
    for (i, s) in c.series.iter().enumerate() {
        let name = cut(&s.name, 24);
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            COLOURS[i % COLOURS.len()],
            x + 14.0,
            y + 9.0,
            esc(&name)
        );
        x += 24.0 + 6.5 * name.chars().count() as f64;
        if x > WIDTH - 120.0 {
            break;
        }
    }
}

/// One chart as an inline `<svg>` (labels escaped: they come from the taxonomy and events).
pub fn svg(c: &Chart, l: &Labels) -> String {
    let n = c.categories.len();
    let lines = c.series.len().div_ceil(5).max(1) as f64;
    let mut out = String::new();
    let (plot_h, height) = match c.kind {
        Kind::Column => (180.0, 180.0 + 60.0 + 16.0 * lines),
        _ => {
            let h = 18.0 * n.max(1) as f64;
            (h, h + 30.0 + 16.0 * lines)
        }
    };
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-size=\"10\" font-family=\"sans-serif\" role=\"img\">",
        esc(&c.title)
    );
    let total = |i: usize| -> f64 {
        let vals = c.series.iter().map(|s| s.values[i].unwrap_or(0.0));
        if c.kind == Kind::StackedBar {
            vals.sum()
        } else {
            vals.fold(0.0, f64::max)
        }
    };
    let max = (0..n).map(total).fold(0.0, f64::max).max(1.0);
    match c.kind {
        Kind::Column => {
            let left = 30.0;
            let band = (WIDTH - left - 10.0) / n.max(1) as f64;
            let bar = (band * 0.8) / c.series.len().max(1) as f64;
            let _ = write!(
                out,
                "<text x=\"2\" y=\"10\">{max}</text><line x1=\"{left}\" y1=\"{plot_h}\" \
                 x2=\"{WIDTH}\" y2=\"{plot_h}\" stroke=\"#999\"/>"
            );
            for i in 0..n {
                let x0 = left + band * i as f64 + band * 0.1;
                for (j, s) in c.series.iter().enumerate() {
                    let Some(v) = s.values[i] else { continue };
                    let h = (v / max) * (plot_h - 14.0);
                    let _ = write!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" \
                         fill=\"{}\"><title>{}: {v}</title></rect>",
                        x0 + bar * j as f64,
                        plot_h - h,
                        bar.max(0.5),
                        COLOURS[j % COLOURS.len()],
                        esc(&s.name)
                    );
                }
                // Many days: every label would overlap, so only some are written.
                let step = n.div_ceil(16).max(1);
                if i % step == 0 {
                    let _ = write!(
                        out,
                        "<text x=\"{:.1}\" y=\"{}\" transform=\"rotate(30 {:.1} {})\">{}</text>",
                        x0,
                        plot_h + 12.0,
                        x0,
                        plot_h + 12.0,
                        esc(&cut(&c.categories[i], 18))
                    );
                }
            }
        }
        Kind::Bar | Kind::StackedBar => {
            let left = 200.0;
            let scale = (WIDTH - left - 50.0) / max;
            for i in 0..n {
                let y = 18.0 * i as f64;
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                    left - 4.0,
                    y + 12.0,
                    esc(&cut(&c.categories[i], 34))
                );
                let mut x = left;
                for (j, s) in c.series.iter().enumerate() {
                    let Some(v) = s.values[i] else { continue };
                    let w = v * scale;
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"14\" \
                         fill=\"{}\"><title>{}: {v}</title></rect>",
                        y + 2.0,
                        COLOURS[j % COLOURS.len()],
                        esc(&s.name)
                    );
                    x += w;
                }
                let shown = if c.series.iter().all(|s| s.values[i].is_none()) {
                    "—".to_string()
                } else {
                    total(i).to_string()
                };
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{}\">{shown}</text>",
                    x + 3.0,
                    y + 12.0
                );
            }
        }
    }
    legend(&mut out, c, height - 16.0 * lines);
    out.push_str("</svg>");
    if let Some(k) = c.suppressed {
        let note = l
            .i18n
            .t_args("report-chart-suppressed", &[("k", (k as usize).into())]);
        let _ = write!(out, "<p class=\"small\">{}</p>", esc(&note));
    }
    out.push_str("</figure>\n");
    out
}
