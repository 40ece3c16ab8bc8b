use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, events: &EventsPage, _scene: &Scene, i18n: &I18n) {
    let inner = boxed(frame, area, &i18n.t("screen-events"));
    if events.loaded && events.list.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("events-empty")), inner);
        return;
    }
    let w = inner.width as usize;
    // Date and city fixed; venue and hosts share the rest.
    let (date_w, city_w) = (10, 16);
    let rest = w.saturating_sub(date_w + city_w + 3);
    let venue_w = rest / 2;
    let hosts_w = rest - venue_w;
    let widths = [date_w, city_w, venue_w, hosts_w];
    let header = Row::new(
        ["col-date", "col-city", "col-venue", "col-hosts"]
            .iter()
            .zip(widths)
            .map(|(id, cw)| text::fit(&i18n.t(id), cw)),
    )
    .style(theme::title());
    let rows = events.list.iter().map(|e| {
        let f = &e.fields;
        Row::new([
            i18n.date(f.date),
            text::fit(&f.city, city_w),
            text::fit(&f.venue, venue_w),
            text::fit(&f.hosts.join(", "), hosts_w),
        ])
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(events.selected));
    frame.render_stateful_widget(table, inner, &mut ts);
}
