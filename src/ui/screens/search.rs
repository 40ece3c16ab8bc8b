//! The person search screen (`/`), also used to choose a duplicate to merge.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::app::widgets::form::FieldKind;
use crate::domain::Person;
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, s: &SearchPage, _scene: &Scene, i18n: &I18n) {
    let title = match &s.merge {
        Some(m) => i18n.t_args("search-merge-title", &[("name", Arg::Str(m.name.clone()))]),
        None => i18n.t("screen-search"),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {title} "),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_area, status_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);

    query(frame, input_area, s, i18n);
    status(frame, status_area, s, i18n);
    results(frame, list_area, s, i18n);
}

/// The label and what is typed, with the cursor.
fn query(frame: &mut Frame, input_area: Rect, s: &SearchPage, i18n: &I18n) {
    let label = format!("{} ", i18n.t("field-search"));
    let label_w = text::width(&label) as u16;
    frame.render_widget(
        Paragraph::new(label).style(theme::focused_label()),
        input_area,
    );
    let input_rect = Rect::new(
        input_area.x + label_w,
        input_area.y,
        input_area.width.saturating_sub(label_w),
        1,
    );
    if let FieldKind::Text(input) = &s.query.kind {
        let width = input_rect.width as usize;
        let scroll = input.visual_scroll(width.saturating_sub(1));
        frame.render_widget(
            Paragraph::new(input.value())
                .style(theme::input())
                .scroll((0, scroll as u16)),
            input_rect,
        );
        let x = input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position(Position::new(
            input_rect.x + x.min(input_rect.width.saturating_sub(1)),
            input_rect.y,
        ));
    }
}

/// A hint, that it is searching, or how many were found.
fn status(frame: &mut Frame, status_area: Rect, s: &SearchPage, i18n: &I18n) {
    let status = if s.query.value().trim().is_empty() {
        i18n.t("search-hint")
    } else if s.searching && s.results.is_empty() {
        i18n.t("search-searching")
    } else if s.results.is_empty() {
        // The list says nobody was found; "0 persons, best match first" above it said
        // it twice, the second time oddly.
        String::new()
    } else if s.total > s.results.len() {
        i18n.t_args(
            "search-found-first",
            &[("shown", s.results.len().into()), ("count", s.total.into())],
        )
    } else {
        i18n.t_args("search-found", &[("count", s.results.len().into())])
    };
    frame.render_widget(
        Paragraph::new(text::fit(&status, status_area.width as usize)).style(theme::dim()),
        status_area,
    );
}

/// The persons found: name, birth date, document and phone.
fn results(frame: &mut Frame, list_area: Rect, s: &SearchPage, i18n: &I18n) {
    let w = list_area.width as usize;
    // A document or phone is never cut mid-number: their columns grow to the longest shown
    // (documents up to 20 characters, E.164 up to 16), and the name takes what is left.
    let widest = |of: fn(&Person) -> Option<&str>, least: usize| {
        s.results
            .iter()
            .filter_map(of)
            .map(text::width)
            .fold(least, usize::max)
    };
    let birth_w = 10;
    let doc_w = widest(|p| p.fields.document.as_deref(), 12);
    let phone_w = widest(|p| p.fields.phone.as_deref(), 15);
    let name_w = w.saturating_sub(birth_w + doc_w + phone_w + 3);
    let widths = [name_w, birth_w, doc_w, phone_w];
    let header = Row::new(
        ["col-person", "col-birth", "col-document", "col-phone"]
            .iter()
            .zip(widths)
            .map(|(id, cw)| text::fit(&i18n.t(id), cw)),
    )
    .style(theme::title());
    let rows = s.results.iter().map(|p| {
        let f = &p.fields;
        Row::new([
            Cell::from(text::fit(&f.full_name(), name_w)),
            Cell::from(f.birth_date.map(|d| i18n.date(d)).unwrap_or_default()),
            Cell::from(f.document.clone().unwrap_or_default()),
            Cell::from(f.phone.clone().unwrap_or_default()),
        ])
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(s.selected));
    if s.results.is_empty() && !s.query.value().trim().is_empty() && !s.searching {
        frame.render_widget(
            Paragraph::new(Line::styled(nobody(s.query.value(), i18n), theme::dim())),
            list_area,
        );
    } else {
        frame.render_stateful_widget(table, list_area, &mut ts);
    }
}

/// Why nothing was found (`domain::search::too_short_to_look_up`): a number too short to look up
/// says from how many characters it is.
fn nobody(query: &str, i18n: &I18n) -> String {
    match crate::domain::search::too_short_to_look_up(query) {
        Some(min) => i18n.t_args("search-too-short", &[("min", min.into())]),
        None => i18n.t("search-none"),
    }
}
