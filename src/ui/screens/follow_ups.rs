//! The open follow-ups of consultations and appeals, by due date, the late ones marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::domain::card::{FollowUpRecord, FollowUpRow};
use crate::i18n::I18n;
use crate::ui::{money, text, theme};

pub fn render(frame: &mut Frame, area: Rect, fu: &FollowUpsPage, scene: &Scene, i18n: &I18n) {
    let today = scene.today();
    let overdue = fu
        .rows
        .iter()
        .filter(|r| r.due().is_some_and(|d| d < today))
        .count();
    let title = format!(
        " {} ",
        i18n.t_args(
            "follow-ups-title",
            &[("open", fu.rows.len().into()), ("overdue", overdue.into())]
        )
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if fu.loading && fu.rows.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    }
    if fu.rows.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("follow-ups-empty")), inner);
        return;
    }
    table(frame, inner, fu, scene, i18n);
}

/// Due date, a mark when late, who, topic, outcome and the amount claimed.
fn table(frame: &mut Frame, area: Rect, fu: &FollowUpsPage, scene: &Scene, i18n: &I18n) {
    let today = scene.today();
    let w = area.width as usize;
    let (due_w, flag_w, outcome_w, amount_w) = (10, 1, 14, 18);
    let flex = w.saturating_sub(due_w + flag_w + outcome_w + amount_w + 5);
    let who_w = flex / 2;
    let topic_w = flex - who_w;
    let widths = [due_w, flag_w, who_w, topic_w, outcome_w, amount_w];
    let header = Row::new(
        [
            "col-due",
            "",
            "col-who",
            "col-topic",
            "col-outcome",
            "col-claimed",
        ]
        .iter()
        .zip(widths)
        .map(|(id, cw)| {
            if id.is_empty() {
                String::new()
            } else {
                text::fit(&i18n.t(id), cw)
            }
        }),
    )
    .style(theme::title());
    let rows = fu.rows.iter().map(|r| {
        let due = r.due();
        let late = due.is_some_and(|d| d < today);
        let (who, topic, outcome, claimed) = cells(r, scene);
        let style = if late {
            theme::error()
        } else {
            ratatui::style::Style::new()
        };
        Row::new([
            Cell::from(due.map(|d| i18n.date(d)).unwrap_or_default()),
            Cell::from(if late { "!" } else { " " }),
            Cell::from(text::fit(&who, who_w)),
            Cell::from(text::fit(&topic, topic_w)),
            Cell::from(text::fit(&outcome, outcome_w)),
            Cell::from(Line::raw(text::fit(&claimed, amount_w)).right_aligned()),
        ])
        .style(style)
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(fu.selected));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// What a row says besides its date: who (or the appeal), topic, outcome, amount claimed.
fn cells(r: &FollowUpRow, scene: &Scene) -> (String, String, String, String) {
    let tax = &scene.ctx.taxonomy;
    let lang = scene.ctx.language;
    match &r.record {
        FollowUpRecord::Consultation(c) => (
            r.person
                .as_ref()
                .map(|p| p.fields.full_name())
                .unwrap_or_default(),
            c.fields
                .topics
                .iter()
                .map(|t| tax.topic_label(t, lang))
                .collect::<Vec<_>>()
                .join("; "),
            tax.outcome_label(&c.fields.outcome, lang).to_string(),
            c.fields.claimed.map(|m| money(m, lang)).unwrap_or_default(),
        ),
        FollowUpRecord::Appeal(a) => (
            format!("⚑ {}", a.fields.title),
            tax.topic_label(&a.fields.topic, lang).to_string(),
            a.fields
                .outcome
                .as_deref()
                .map(|o| tax.outcome_label(o, lang).to_string())
                .unwrap_or_default(),
            String::new(),
        ),
    }
}
