use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::Scene;
use crate::app::pages::*;
use crate::app::state::local;
use crate::domain::VisitStatus;
use crate::i18n::I18n;
use crate::ui::parts::visible_rows;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, q: &QueuePage, scene: &Scene, i18n: &I18n) {
    let ev = &q.event.fields;
    let title = format!(
        " {} — {} · {} · {} ",
        i18n.t("screen-queue"),
        i18n.date(ev.date),
        ev.city,
        ev.venue
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(&title, area.width.saturating_sub(2) as usize))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, summary_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);

    summary(frame, summary_area, q, i18n);
    if q.loading {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), table_area);
        return;
    }
    if q.rows.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("queue-empty")), table_area);
        return;
    }

    table(frame, table_area, q, scene, i18n);
}

/// How many are in the queue, by status.
fn summary(frame: &mut Frame, summary_area: Rect, q: &QueuePage, i18n: &I18n) {
    let count = |s: VisitStatus| q.rows.iter().filter(|r| r.visit.status == s).count();
    let summary = i18n.t_args(
        "queue-summary",
        &[
            ("total", q.rows.len().into()),
            ("waiting", count(VisitStatus::Waiting).into()),
            ("with", count(VisitStatus::WithOfficer).into()),
            ("done", count(VisitStatus::Done).into()),
            ("left", count(VisitStatus::LeftWithoutService).into()),
        ],
    );
    frame.render_widget(
        Paragraph::new(text::fit(&summary, summary_area.width as usize)).style(theme::dim()),
        summary_area,
    );
}

fn table(frame: &mut Frame, table_area: Rect, q: &QueuePage, scene: &Scene, i18n: &I18n) {
    let ev = &q.event.fields;
    let w = table_area.width as usize;
    // `A-017` takes five cells; a queue where no desk has a letter keeps its narrow column.
    let lettered = !scene.ctx.desk_letter.is_empty()
        || q.rows
            .iter()
            .any(|r| !scene.ctx.letter_of(r.visit.meta.desk).is_empty());
    let no_w = if lettered { 6 } else { 4 };
    let (time_w, desk_w, status_w, waited_w) = (7, 8, 16, 7);
    let fixed = no_w + time_w + desk_w + status_w + waited_w + 6;
    let flex = w.saturating_sub(fixed);
    let person_w = flex * 3 / 5;
    let purpose_w = flex - person_w;
    let widths = [
        no_w, time_w, person_w, purpose_w, desk_w, status_w, waited_w,
    ];
    let header = Row::new(
        [
            "col-no",
            "col-arrived",
            "col-person",
            "col-purpose",
            "col-desk",
            "col-status",
            "col-waited",
        ]
        .iter()
        .zip(widths)
        .map(|(id, cw)| text::fit(&i18n.t(id), cw)),
    )
    .style(theme::title());
    let offset = ev.utc_offset_min;
    let shown = visible_rows(q.rows.len(), q.selected, table_area.height);
    let first = shown.start;
    let rows = q.rows[shown].iter().map(|r| {
        let v = &r.visit;
        let waited = waited(i18n, v.minutes_waited(scene.now));
        Row::new([
            Cell::from(format!("{:>3}", scene.ctx.queue_label(v))),
            Cell::from(local(v.arrived, offset).format("%H:%M").to_string()),
            Cell::from(text::fit(&r.person_name(), person_w)),
            Cell::from(text::fit(&v.purpose, purpose_w)),
            Cell::from(text::fit(&v.desk_name, desk_w)),
            Cell::from(Line::styled(
                text::fit(&i18n.t(v.status.msg_id()), status_w),
                theme::status(v.status),
            )),
            Cell::from(text::fit(&waited, waited_w)),
        ])
    });
    let table = Table::new(rows, widths.map(|cw| Constraint::Length(cw as u16)))
        .header(header)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(q.selected.saturating_sub(first)));
    frame.render_stateful_widget(table, table_area, &mut ts);
}

/// Minutes waited in the column's seven cells: minutes up to 999, then hours, then days,
/// days, years, so that a visit left open for weeks reads `21 дн.`, never a cut `30 991…`.
pub fn waited(i18n: &I18n, minutes: i64) -> String {
    let (id, name, n) = match minutes {
        ..=999 => ("waited-minutes", "minutes", minutes),
        1000..=2879 => ("waited-hours", "hours", minutes / 60),
        2880..=1_439_999 => ("waited-days", "days", minutes / (24 * 60)),
        _ => ("waited-years", "years", minutes / (365 * 24 * 60)),
    };
    i18n.t_args(id, &[(name, n.into())])
}

#[cfg(test)]
mod tests {
    use super::waited;
    use crate::i18n::I18n;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn minutes_waited_fit_their_column_in_every_language_and_are_never_cut() {
        let ru = I18n::new("ru");
        let shown: Vec<String> = [0, 999, 1000, 2879, 2880, 30_991, 1_439_999, 1_440_000]
            .iter()
            .map(|&m| waited(&ru, m))
            .collect();
        assert_eq!(
            shown,
            [
                "0 мин",
                "999 мин",
                "16 ч",
                "47 ч",
                "2 дн.",
                "21 дн.",
                "999 дн.",
                "2 г."
            ]
        );
        for lang in ["en", "ru", "ky"] {
            let i18n = I18n::new(lang);
            for m in [
                0,
                999,
                1000,
                2879,
                2880,
                1_439_999,
                i64::from(u32::MAX) * 60,
            ] {
                let w = waited(&i18n, m);
                assert!(w.width() <= 7 || m > 1_439_999 * 100, "{lang} {m}: {w}");
            }
        }
    }
}
