//! The collective appeals list (also used to choose the appeal a person joins).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::parts::{boxed, date, visible_rows};
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, s: &AppealsPage, scene: &Scene, i18n: &I18n) {
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
    table(frame, inner, s, scene, i18n);
}

/// Opened, title, respondent, topic, persons and the follow-up due.
fn table(frame: &mut Frame, inner: Rect, s: &AppealsPage, scene: &Scene, i18n: &I18n) {
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
    let shown = visible_rows(s.rows.len(), s.selected, inner.height);
    let first = shown.start;
    let rows = s.rows[shown].iter().map(|r| {
        let f = &r.appeal.fields;
        let due = if f.follow_up_closed.is_some() {
            String::new()
        } else {
            date(f.follow_up, i18n)
        };
        Row::new([
            Cell::from(i18n.date(scene.desk_zone().date(r.appeal.meta.created))),
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
    let mut ts = TableState::default().with_selected(Some(s.selected.saturating_sub(first)));
    frame.render_stateful_widget(table, inner, &mut ts);
}
