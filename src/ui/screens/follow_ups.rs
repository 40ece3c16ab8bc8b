//! The open follow-ups under their filter: totals over all of them in the title, the
//! filter and how many it shows, then the rows (due, a mark when late, who, phone, topic,
//! and on a wide screen the outcome, then the amount claimed).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::domain::card::{FollowUpRecord, FollowUpRow};
use crate::domain::followup::list::FollowUpFilter;
use crate::i18n::I18n;
use crate::ui::parts::visible_rows;
use crate::ui::{money, text, theme};

/// Below this width the outcome column gives its room to the phone.
const OUTCOME_FROM_WIDTH: usize = 100;

pub fn render(frame: &mut Frame, area: Rect, fu: &FollowUpsPage, scene: &Scene, i18n: &I18n) {
    let title = format!(
        " {} ",
        i18n.t_args(
            "follow-ups-title",
            &[
                ("open", fu.total.into()),
                ("overdue", fu.overdue.into()),
                ("week", fu.week.into())
            ]
        )
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(&title, area.width.saturating_sub(2) as usize))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter_area, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let filter = filter_line(fu, scene, i18n, filter_area.width as usize);
    frame.render_widget(Paragraph::new(filter), filter_area);
    if fu.loading && fu.rows.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), list);
        return;
    }
    if fu.rows.is_empty() {
        let week_only = fu.filter == FollowUpFilter::default();
        let empty = if fu.total == 0 {
            i18n.t("follow-ups-empty")
        } else if week_only && fu.overdue > 0 {
            // The list opens on the coming week: overdue ones must not look like none.
            i18n.t_args(
                "follow-ups-none-this-week",
                &[("overdue", fu.overdue.into())],
            )
        } else {
            i18n.t("follow-ups-none-match")
        };
        let p = Paragraph::new(empty).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(p, list);
        return;
    }
    table(frame, list, fu, scene, i18n);
}

/// `Due this week: 812 · topic: all · officer: all`, with the keys that change each.
fn filter_line(fu: &FollowUpsPage, scene: &Scene, i18n: &I18n, width: usize) -> Line<'static> {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    let all = i18n.t("follow-ups-any");
    let topic = fu
        .filter
        .topic
        .as_deref()
        .map(|t| tax.topic_label(t, lang).to_string())
        .unwrap_or_else(|| all.clone());
    let officer = fu.filter.officer.clone().unwrap_or(all);
    let s = i18n.t_args(
        "follow-ups-filter",
        &[
            ("due", i18n.t(fu.filter.due.msg_id()).into()),
            ("count", fu.matching.into()),
            ("topic", topic.into()),
            ("officer", officer.into()),
        ],
    );
    Line::styled(
        text::fit(&s, width),
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    )
}

fn table(frame: &mut Frame, area: Rect, fu: &FollowUpsPage, scene: &Scene, i18n: &I18n) {
    let today = scene.today();
    let w = area.width as usize;
    let outcome_w = if w >= OUTCOME_FROM_WIDTH { 14 } else { 0 };
    let (due_w, flag_w, phone_w, amount_w) = (10, 1, 13, 18);
    let gaps = if outcome_w > 0 { 6 } else { 5 };
    let flex = w.saturating_sub(due_w + flag_w + phone_w + outcome_w + amount_w + gaps);
    let who_w = flex / 2 + flex % 2;
    let topic_w = flex - who_w;
    let mut widths = vec![due_w, flag_w, who_w, phone_w, topic_w];
    let mut heads = vec!["col-due", "", "col-who", "col-phone", "col-topic"];
    if outcome_w > 0 {
        widths.push(outcome_w);
        heads.push("col-outcome");
    }
    widths.push(amount_w);
    heads.push("col-claimed");
    let header = Row::new(heads.iter().zip(&widths).map(|(id, &cw)| {
        if id.is_empty() {
            String::new()
        } else {
            text::fit(&i18n.t(id), cw)
        }
    }))
    .style(theme::title());
    let shown = visible_rows(fu.rows.len(), fu.selected, area.height);
    let first = shown.start;
    let rows = fu.rows[shown].iter().map(|r| {
        let due = r.due();
        let late = due.is_some_and(|d| d < today);
        let c = cells(r, scene);
        let mut row = vec![
            Cell::from(due.map(|d| i18n.date(d)).unwrap_or_default()),
            Cell::from(if late { "!" } else { " " }),
            Cell::from(text::fit(&c.who, who_w)),
            Cell::from(text::fit(&c.phone, phone_w)),
            Cell::from(text::fit(&c.topic, topic_w)),
        ];
        if outcome_w > 0 {
            row.push(Cell::from(text::fit(&c.outcome, outcome_w)));
        }
        row.push(Cell::from(
            Line::raw(text::fit(&c.claimed, amount_w)).right_aligned(),
        ));
        let style = if late {
            theme::error()
        } else {
            ratatui::style::Style::new()
        };
        Row::new(row).style(style)
    });
    let table = Table::new(rows, widths.iter().map(|&cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(fu.selected.saturating_sub(first)));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// What a row says besides its date.
struct Cells {
    who: String,
    phone: String,
    topic: String,
    outcome: String,
    claimed: String,
}

fn cells(r: &FollowUpRow, scene: &Scene) -> Cells {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    match &r.record {
        FollowUpRecord::Consultation(c) => Cells {
            who: r
                .person
                .as_ref()
                .map(|p| p.fields.full_name())
                .unwrap_or_default(),
            phone: r
                .person
                .as_ref()
                .and_then(|p| p.fields.phone.clone())
                .unwrap_or_default(),
            topic: c
                .fields
                .topics
                .iter()
                .map(|t| tax.topic_label(t, lang))
                .collect::<Vec<_>>()
                .join("; "),
            outcome: tax.outcome_label(&c.fields.outcome, lang).to_string(),
            claimed: c.fields.claimed.map(|m| money(m, lang)).unwrap_or_default(),
        },
        FollowUpRecord::Appeal(a) => Cells {
            who: format!("⚑ {}", a.fields.title),
            phone: String::new(),
            topic: tax.topic_label(&a.fields.topic, lang).to_string(),
            outcome: a
                .fields
                .outcome
                .as_deref()
                .map(|o| tax.outcome_label(o, lang).to_string())
                .unwrap_or_default(),
            claimed: String::new(),
        },
    }
}
