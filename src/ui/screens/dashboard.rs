//! The dashboard: key figures on the left; on the right one table as bars (consultations by
//! topic with the outcomes below, or by outcome, referral, region, sex or age band); a
//! drill-down lists the persons behind a row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Scene;
use crate::app::dashboard::{DashboardPage, Section, rows};
use crate::domain::Lang;
use crate::domain::money::NumberLocale;
use crate::domain::report::{Amount, Report};
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

fn amounts(list: &[Amount], lang: Lang) -> String {
    crate::domain::report::format_amounts(list, NumberLocale::of(lang))
}

pub fn render(frame: &mut Frame, area: Rect, d: &DashboardPage, scene: &Scene, i18n: &I18n) {
    let period = d.title.clone().unwrap_or_else(|| i18n.t("report-all"));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {} — {period} ", i18n.t("screen-dashboard")),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(r) = &d.report else {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    };
    if let Some(drill) = &d.drill {
        render_drill(frame, inner, scene, drill, i18n);
        return;
    }
    let left_w = (inner.width / 2).clamp(30, 48);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(inner);
    render_figures(frame, left, r, scene, i18n);
    render_section(frame, right, r, d, scene, i18n);
}

fn render_figures(frame: &mut Frame, area: Rect, r: &Report, scene: &Scene, i18n: &I18n) {
    let lang = scene.ctx.language;
    let w = area.width.saturating_sub(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Wrapped, never cut: a figure cut mid-number reads as another number.
    for (s, style) in activity(r, i18n)
        .into_iter()
        .chain(money_and_follow_ups(r, lang, i18n))
    {
        for part in text::wrap(&s, w) {
            lines.push(Line::styled(part, style));
        }
    }
    let mut tail = Vec::new();
    sexes_and_ages(&mut tail, r, w, i18n);
    let free = (area.height as usize).saturating_sub(lines.len());
    // A blank line, the regions' title and at least one region, then sex and age band; with
    // less room than that, a word that the tables one Tab away hold them.
    // One region, or one and the count of the others.
    let rows = r.regions.len().clamp(1, 2);
    if free >= 2 + rows + tail.len() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            text::fit(&i18n.t("report-regions"), w),
            theme::title(),
        ));
        regions(&mut lines, r, free - 2 - tail.len(), w, i18n);
        lines.extend(tail);
    } else if free > 0 {
        let s = i18n.t("dash-breakdowns-tab");
        lines.push(Line::styled(text::fit(&s, w), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// As many regions as there is room for; the ones left out are counted, never dropped
/// without a word (the regions table, one Tab away, has them all).
fn regions(lines: &mut Vec<Line>, r: &Report, room: usize, w: usize, i18n: &I18n) {
    let shown = if r.regions.len() > room {
        room.saturating_sub(1)
    } else {
        r.regions.len()
    };
    for x in r.regions.iter().take(shown) {
        let label = match crate::domain::Region::from_code(&x.code) {
            Some(reg) => i18n.t(reg.msg_id()),
            None => i18n.t("region-none"),
        };
        let n = i18n.count(x.persons);
        let label_w = w.saturating_sub(3 + text::width(&n));
        lines.push(Line::raw(format!("  {}{n}", text::pad(&label, label_w))));
    }
    let more = r.regions.len() - shown;
    if more > 0 {
        let s = i18n.t_args("dash-regions-more", &[("count", more.into())]);
        lines.push(Line::styled(text::fit(&format!("  {s}"), w), theme::dim()));
    }
}

/// Visits, service and waiting, consultations and appeals.
fn activity(r: &Report, i18n: &I18n) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut push = |s: String, style: Style| out.push((s, style));
    push(
        i18n.t_args(
            "dash-visits",
            &[
                ("visits", r.visits.total.into()),
                ("persons", r.visits.persons.into()),
            ],
        ),
        theme::title(),
    );
    push(
        i18n.t_args(
            "dash-served",
            &[
                ("served", r.visits.served.into()),
                ("left", r.visits.left_without_service.into()),
            ],
        ),
        Style::new(),
    );
    if let (Some(m), Some(p)) = (r.visits.wait_median_min, r.visits.wait_p90_min) {
        push(
            i18n.t_args("dash-waiting", &[("median", m.into()), ("p90", p.into())]),
            Style::new(),
        );
    }
    push(
        i18n.t_args(
            "dash-consultations",
            &[
                ("consultations", r.consultations.into()),
                ("persons", r.consulted_persons.into()),
            ],
        ),
        Style::new(),
    );
    push(
        i18n.t_args(
            "dash-appeals",
            &[
                ("appeals", r.appeals.into()),
                ("persons", r.appeal_persons.into()),
            ],
        ),
        Style::new(),
    );
    out
}

/// What was claimed and recovered, and the follow-ups open and overdue.
fn money_and_follow_ups(r: &Report, lang: Lang, i18n: &I18n) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut push = |s: String, style: Style| out.push((s, style));
    push(
        i18n.t_args(
            "dash-claimed",
            &[("amount", Arg::Str(amounts(&r.amounts.claimed, lang)))],
        ),
        Style::new(),
    );
    push(
        i18n.t_args(
            "dash-recovered",
            &[
                ("amount", Arg::Str(amounts(&r.amounts.recovered, lang))),
                ("persons", r.amounts.persons_recovered.into()),
            ],
        ),
        theme::ok(),
    );
    let fu_style = if r.overdue_follow_ups > 0 {
        theme::error()
    } else {
        Style::new()
    };
    push(
        i18n.t_args(
            "dash-follow-ups",
            &[
                ("open", r.open_follow_ups.into()),
                ("overdue", r.overdue_follow_ups.into()),
            ],
        ),
        fu_style,
    );
    out
}

fn sexes_and_ages(lines: &mut Vec<Line>, r: &Report, w: usize, i18n: &I18n) {
    let sexes: Vec<String> = r
        .sexes
        .iter()
        .map(|x| {
            let label = crate::domain::Sex::ALL
                .iter()
                .find(|s| s.code() == x.code)
                .map(|s| i18n.t(s.msg_id()))
                .unwrap_or_else(|| x.code.clone());
            format!("{label}\u{a0}{}", i18n.count(x.persons))
        })
        .collect();
    let sexes = format!("{}: {}", i18n.t("report-sexes"), sexes.join(" · "));
    lines.extend(text::wrap(&sexes, w).into_iter().map(Line::raw));
    let ages: Vec<String> = r
        .ages
        .iter()
        .map(|x| {
            let label = if x.code == "unknown" {
                i18n.t("report-age-unknown")
            } else {
                x.code.clone()
            };
            format!("{label}\u{a0}{}", i18n.count(x.persons))
        })
        .collect();
    let ages = format!("{}: {}", i18n.t("report-ages"), ages.join(" · "));
    lines.extend(text::wrap(&ages, w).into_iter().map(Line::raw));
}

/// A row's label in the interface language.
fn row_label(section: Section, code: &str, scene: &Scene, i18n: &I18n) -> String {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    match section {
        Section::Topics => tax.topic_label(code, lang).to_string(),
        Section::Outcomes => tax.outcome_label(code, lang).to_string(),
        Section::Referrals => tax.referral_label(code, lang).to_string(),
        Section::Regions => match crate::domain::Region::from_code(code) {
            Some(reg) => i18n.t(reg.msg_id()),
            None => i18n.t("region-none"),
        },
        Section::Sexes => crate::domain::Sex::ALL
            .iter()
            .find(|s| s.code() == code)
            .map(|s| i18n.t(s.msg_id()))
            .unwrap_or_else(|| code.to_string()),
        Section::Ages if code == "unknown" => i18n.t("report-age-unknown"),
        Section::Ages => code.to_string(),
    }
}

/// The chosen table as bars (`Tab` for the next one); under the topics, the outcomes.
fn render_section(
    frame: &mut Frame,
    area: Rect,
    r: &Report,
    d: &DashboardPage,
    scene: &Scene,
    i18n: &I18n,
) {
    let w = area.width as usize;
    let with_outcomes = d.section == Section::Topics;
    let outcomes_h = if with_outcomes {
        (r.outcomes.len() as u16 + 1).min(area.height / 3)
    } else {
        0
    };
    let [rows_area, outcomes_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(outcomes_h)]).areas(area);
    let tabs = format!("{} (Tab)", i18n.t(d.section.msg_id()));
    let mut lines = vec![Line::styled(text::fit(&tabs, w), theme::title())];
    let list = rows(r, d.section);
    let max = list.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_w = (w / 2).min(28);
    let counts: Vec<String> = list.iter().map(|(_, n)| i18n.count(*n)).collect();
    let count_w = counts.iter().map(|c| text::width(c)).max().unwrap_or(1);
    let bar_w = w.saturating_sub(label_w + count_w + 3);
    let room = (rows_area.height as usize).saturating_sub(1);
    let first = (d.selected + 1).saturating_sub(room);
    for (i, ((code, n), count)) in list.iter().zip(&counts).enumerate().skip(first).take(room) {
        let bar = "█".repeat(n * bar_w / max);
        let style = if i == d.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(
                text::pad(&row_label(d.section, code, scene, i18n), label_w) + " ",
                style,
            ),
            Span::styled(format!("{} ", text::pad_left(count, count_w)), style),
            Span::styled(bar, theme::key()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), rows_area);
    if with_outcomes {
        outcomes(frame, outcomes_area, r, scene, i18n);
    }
}

/// Under the topics: the outcomes, wrapped.
fn outcomes(frame: &mut Frame, area: Rect, r: &Report, scene: &Scene, i18n: &I18n) {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        text::fit(&i18n.t("report-outcomes"), w),
        theme::title(),
    )];
    let parts: Vec<String> = r
        .outcomes
        .iter()
        .map(|o| {
            let n = i18n.count(o.records);
            // Kept on one line with its label.
            format!("{}\u{a0}{n}", tax.outcome_label(&o.code, lang))
        })
        .collect();
    for l in text::wrap(&parts.join(" · "), w) {
        lines.push(Line::raw(l));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_drill(
    frame: &mut Frame,
    area: Rect,
    scene: &Scene,
    drill: &crate::app::dashboard::Drill,
    i18n: &I18n,
) {
    let w = area.width as usize;
    let topic = row_label(drill.section, &drill.code, scene, i18n);
    let head = match drill.total {
        None => format!("{topic}: {}", i18n.t("queue-loading")),
        Some(total) => i18n.t_args(
            if total > crate::app::dashboard::DRILL_LIMIT {
                "dash-drill-some"
            } else {
                "dash-drill"
            },
            &[
                ("topic", Arg::Str(topic)),
                ("count", total.into()),
                ("shown", drill.persons.len().into()),
            ],
        ),
    };
    let mut lines = vec![Line::styled(text::fit(&head, w), theme::title())];
    let room = (area.height as usize).saturating_sub(1);
    let first = (drill.selected + 1).saturating_sub(room);
    for (i, p) in drill.persons.iter().enumerate().skip(first).take(room) {
        let f = &p.fields;
        let details: Vec<String> = [
            f.birth_date.map(|d| i18n.date(d)),
            f.document.clone(),
            f.phone.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let s = format!("{}  {}", f.full_name(), details.join(" · "));
        let style = if i == drill.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text::pad(&s, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
