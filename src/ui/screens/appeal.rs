//! Collective appeals: the list, one appeal (members, totals, timeline), its forms, and
//! the history screen (also used for consultations).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use super::form::{render_form, render_person_form};
use crate::app::pages::*;
use crate::app::state::local;
use crate::domain::history::{Subject, Value, Version};
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{Lang, appeal_totals};
use crate::i18n::{Arg, I18n};
use crate::ui::{money, text, theme};

fn boxed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {title} "),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn date(d: Option<chrono::NaiveDate>, i18n: &I18n) -> String {
    d.map(|d| i18n.date(d)).unwrap_or_default()
}

pub fn render_list(frame: &mut Frame, area: Rect, s: &AppealsPage, scene: &Scene, i18n: &I18n) {
    let title = match &s.join {
        Some(j) => i18n.t_args(
            "appeals-join-title",
            &[("name", Arg::Str(j.person_name.clone()))],
        ),
        None => i18n.t_args("appeals-title", &[("count", s.rows.len().into())]),
    };
    let inner = boxed(frame, area, &title);
    if s.loading && s.rows.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    }
    if s.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(i18n.t("appeals-empty")).style(theme::dim()),
            inner,
        );
        return;
    }
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let w = inner.width as usize;
    let (date_w, persons_w, due_w) = (10, 7, 10);
    let flex = w.saturating_sub(date_w + persons_w + due_w + 5);
    let title_w = flex * 2 / 5;
    let resp_w = flex * 3 / 10;
    let topic_w = flex - title_w - resp_w;
    let widths = [date_w, title_w, resp_w, topic_w, persons_w, due_w];
    let header = Row::new(
        [
            "col-opened",
            "col-appeal",
            "col-respondent",
            "col-topic",
            "col-persons",
            "col-due",
        ]
        .iter()
        .zip(widths)
        .map(|(id, cw)| text::fit(&i18n.t(id), cw)),
    )
    .style(theme::title());
    let rows = s.rows.iter().map(|r| {
        let f = &r.appeal.fields;
        let due = if f.follow_up_closed.is_some() {
            String::new()
        } else {
            date(f.follow_up, i18n)
        };
        Row::new([
            Cell::from(
                i18n.date(local(r.appeal.meta.created, scene.ctx.local_offset_min).date_naive()),
            ),
            Cell::from(text::fit(&f.title, title_w)),
            Cell::from(text::fit(&f.respondent, resp_w)),
            Cell::from(text::fit(tax.topic_label(&f.topic, lang), topic_w)),
            Cell::from(Line::raw(r.persons.to_string()).right_aligned()),
            Cell::from(due),
        ])
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(table, inner, &mut ts);
}

pub fn render_appeal(frame: &mut Frame, area: Rect, s: &AppealPage, scene: &Scene, i18n: &I18n) {
    let Some(v) = &s.view else {
        let inner = boxed(frame, area, &i18n.t("screen-appeal"));
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    };
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let f = &v.appeal.fields;
    let inner = boxed(
        frame,
        area,
        &format!("{} — {}", i18n.t("screen-appeal"), f.title),
    );
    let w = inner.width as usize;

    // Details and totals.
    let mut head: Vec<Line> = Vec::new();
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
    head.push(Line::raw(text::fit(&details.join(" · "), w)));
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

    let history_h = (inner.height / 3).max(4);
    let [head_area, members_area, history_area] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(history_h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), head_area);

    // Members.
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
    let rows = v.members.iter().map(|(m, p)| {
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
    let mut ts = TableState::default().with_selected(Some(s.selected));
    if v.members.is_empty() {
        frame.render_widget(
            Paragraph::new(i18n.t("appeal-no-members")).style(theme::dim()),
            members_area,
        );
    } else {
        frame.render_stateful_widget(table, members_area, &mut ts);
    }

    // The newest changes.
    let mut lines = vec![Line::styled(
        text::fit(&i18n.t("appeal-history"), w),
        theme::title(),
    )];
    for version in &v.timeline {
        lines.extend(version_lines(version, tax, lang, scene, i18n, w));
        if lines.len() >= history_area.height as usize {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), history_area);
}

fn value_text(v: &Value, tax: &Taxonomy, lang: Lang, i18n: &I18n) -> String {
    match v {
        Value::Empty => "—".into(),
        Value::Text(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Topics(c) => c
            .iter()
            .map(|c| tax.topic_label(c, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Bases(c) => c
            .iter()
            .map(|c| tax.basis_label(c, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Referral(c) => tax.referral_label(c, lang).to_string(),
        Value::Outcome(c) => tax.outcome_label(c, lang).to_string(),
        Value::Money(m) => money(*m, lang),
        Value::Date(d) => date(Some(*d), i18n),
        Value::Member(s) => i18n.t(s.msg_id()),
        Value::Appeal(_) => i18n.t("history-linked"),
    }
}

/// A version as lines: a heading (when, who, what) and one line per changed field.
fn version_lines(
    v: &Version,
    tax: &Taxonomy,
    lang: Lang,
    scene: &Scene,
    i18n: &I18n,
    w: usize,
) -> Vec<Line<'static>> {
    let when = i18n.date_time(local(v.at, scene.ctx.local_offset_min).naive_local());
    let what = match (&v.subject, v.is_creation()) {
        (Subject::Member(name), true) => {
            i18n.t_args("history-member-added", &[("name", Arg::Str(name.clone()))])
        }
        (Subject::Member(name), false) => i18n.t_args(
            "history-member-changed",
            &[("name", Arg::Str(name.clone()))],
        ),
        (_, true) => i18n.t("history-created"),
        (_, false) => i18n.t_args("history-version", &[("version", v.rev.into())]),
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{when} "), theme::dim()),
        Span::styled(
            text::fit(
                &format!("{} · {what}", v.officer),
                w.saturating_sub(text::width(&when) + 1),
            ),
            theme::focused_label(),
        ),
    ])];
    for c in &v.changes {
        let s = format!(
            "  {}: {} → {}",
            i18n.t(c.field),
            value_text(&c.before, tax, lang, i18n),
            value_text(&c.after, tax, lang, i18n)
        );
        out.push(Line::raw(text::fit(&s, w)));
    }
    out
}

pub fn render_history(frame: &mut Frame, area: Rect, h: &HistoryPage, scene: &Scene, i18n: &I18n) {
    let inner = boxed(
        frame,
        area,
        &format!("{} — {}", i18n.t("screen-history"), h.title),
    );
    if h.loading {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    }
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for v in &h.versions {
        lines.extend(version_lines(
            v,
            &scene.ctx.taxonomy,
            scene.ctx.language,
            scene,
            i18n,
            w,
        ));
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = h.scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

pub fn render_appeal_form(frame: &mut Frame, area: Rect, f: &AppealFormPage, i18n: &I18n) {
    let title = match (&f.existing, &f.from) {
        (Some(_), _) => i18n.t("screen-appeal-edit"),
        (None, Some(j)) => i18n.t_args(
            "screen-appeal-new-from",
            &[("name", Arg::Str(j.person_name.clone()))],
        ),
        (None, None) => i18n.t("screen-appeal-new"),
    };
    let inner = boxed(frame, area, &title);
    render_form(frame, inner, &f.form, f.saving, i18n);
}

pub fn render_member_form(frame: &mut Frame, area: Rect, m: &MemberPage, i18n: &I18n) {
    let id = if m.existing.is_some() {
        "screen-member-edit"
    } else {
        "screen-member-new"
    };
    let title = format!(
        " {} ",
        i18n.t_args(id, &[("appeal", Arg::Str(m.appeal_title.clone()))])
    );
    render_person_form(frame, area, &title, &m.form, &m.lookup, m.saving, i18n);
}
