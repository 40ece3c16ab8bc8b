//! One collective appeal: details and totals, its members, the newest changes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::domain::appeal_totals;
use crate::domain::card::AppealView;
use crate::i18n::I18n;
use crate::ui::parts::{boxed, date, version_lines, visible_rows};
use crate::ui::{money, text, theme};

pub fn render(frame: &mut Frame, area: Rect, s: &AppealPage, scene: &Scene, i18n: &I18n) {
    let Some(v) = &s.view else {
        let inner = boxed(frame, area, &i18n.t("screen-appeal"));
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    };
    let f = &v.appeal.fields;
    let inner = boxed(
        frame,
        area,
        &format!("{} — {}", i18n.t("screen-appeal"), f.title),
    );
    let w = inner.width as usize;
    let mut head: Vec<Line> = vec![details(v, scene, i18n, w)];
    totals(&mut head, v, scene, w, i18n);
    let history_h = (inner.height / 3).max(4);
    let [head_area, members_area, history_area] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(history_h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), head_area);
    members(frame, members_area, s, v, scene, i18n);
    timeline(frame, history_area, v, scene, i18n);
}

/// Respondent, topic, host city, follow-up and outcome on one line.
fn details(v: &AppealView, scene: &Scene, i18n: &I18n, w: usize) -> Line<'static> {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let f = &v.appeal.fields;
    let details: Vec<String> = [
        (!f.respondent.is_empty()).then(|| f.respondent.clone()),
        Some(tax.topic_label(&f.topic, lang).to_string()),
        (!f.host_city.is_empty()).then(|| f.host_city.clone()),
        f.follow_up.map(|d| {
            let id = if f.follow_up_closed.is_some() {
                "card-follow-up-closed"
            } else {
                "card-follow-up-open"
            };
            i18n.t_args(id, &[("date", date(Some(d), i18n).into())])
        }),
        f.outcome
            .as_deref()
            .map(|o| tax.outcome_label(o, lang).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    Line::raw(text::fit(&details.join(" · "), w))
}

/// The members' persons and amounts, or why they cannot be added up.
fn totals(head: &mut Vec<Line>, v: &AppealView, scene: &Scene, w: usize, i18n: &I18n) {
    let lang = scene.ctx.language;
    match appeal_totals(v.members.iter().map(|(m, _)| m)) {
        Ok(t) => {
            let fmt = |t: &crate::domain::Totals| {
                if t.is_empty() {
                    "—".to_string()
                } else {
                    t.0.iter()
                        .filter(|(_, v)| **v != 0)
                        .map(|(c, v)| money(crate::domain::Money::new(*c, *v), lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            };
            let persons = i18n.t_args(
                "appeal-persons",
                &[
                    ("persons", t.persons.into()),
                    ("recovered_persons", t.persons_recovered.into()),
                ],
            );
            let amounts = i18n.t_args(
                "appeal-amounts",
                &[
                    ("claimed", fmt(&t.claimed).into()),
                    ("recovered", fmt(&t.recovered).into()),
                ],
            );
            head.push(Line::styled(text::fit(&persons, w), theme::ok()));
            head.push(Line::styled(text::fit(&amounts, w), theme::ok()));
        }
        Err(e) => head.push(Line::styled(
            text::fit(&i18n.t(e.msg_id()), w),
            theme::error(),
        )),
    }
}

fn members(
    frame: &mut Frame,
    area: Rect,
    s: &AppealPage,
    v: &AppealView,
    scene: &Scene,
    i18n: &I18n,
) {
    let lang = scene.ctx.language;
    let w = area.width as usize;
    let (amount_w, status_w) = (18, 12);
    let name_w = w.saturating_sub(2 * amount_w + status_w + 3);
    let widths = [name_w, amount_w, amount_w, status_w];
    let header = Row::new(
        ["col-member", "col-claimed", "col-recovered", "col-status"]
            .iter()
            .zip(widths)
            .map(|(id, cw)| text::fit(&i18n.t(id), cw)),
    )
    .style(theme::title());
    let shown = visible_rows(v.members.len(), s.selected, area.height);
    let first = shown.start;
    let rows = v.members[shown].iter().map(|(m, p)| {
        let name = p.as_ref().map(|p| p.fields.full_name()).unwrap_or_default();
        let amount = |x: Option<crate::domain::Money>| {
            Cell::from(
                Line::raw(text::fit(
                    &x.map(|x| money(x, lang)).unwrap_or_default(),
                    amount_w,
                ))
                .right_aligned(),
            )
        };
        let style = if m.status == crate::domain::MemberStatus::Withdrawn {
            theme::dim()
        } else {
            Style::new()
        };
        Row::new([
            Cell::from(text::fit(&name, name_w)),
            amount(m.claimed),
            amount(m.recovered),
            Cell::from(text::fit(&i18n.t(m.status.msg_id()), status_w)),
        ])
        .style(style)
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(s.selected.saturating_sub(first)));
    if v.members.is_empty() {
        frame.render_widget(
            Paragraph::new(i18n.t("appeal-no-members")).style(theme::dim()),
            area,
        );
    } else {
        frame.render_stateful_widget(table, area, &mut ts);
    }
}

/// The newest changes, as many as fit.
fn timeline(frame: &mut Frame, area: Rect, v: &AppealView, scene: &Scene, i18n: &I18n) {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        text::fit(&i18n.t("appeal-history"), w),
        theme::title(),
    )];
    for version in &v.timeline {
        lines.extend(version_lines(
            version,
            tax,
            lang,
            scene.desk_zone(),
            i18n,
            w,
        ));
        if lines.len() >= area.height as usize {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
