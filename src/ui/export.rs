//! The export form (format, personal data, file) and, while the export runs, its gauge.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};

use super::{form, text, theme};
use crate::app::State;
use crate::i18n::{Arg, I18n};

pub fn render(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let Some(e) = &state.export else {
        return;
    };
    let period = e.title.clone().unwrap_or_else(|| i18n.t("report-all"));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {} — {period} ", i18n.t("screen-export")),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fields, note] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
    form::render_form(frame, fields, &e.form, e.job.is_some(), i18n);
    let w = note.width as usize;
    let lines: Vec<Line> = text::wrap(&i18n.t("export-where"), w)
        .into_iter()
        .map(|l| Line::styled(l, theme::dim()))
        .collect();
    frame.render_widget(Paragraph::new(lines), note);
    let Some(job) = &e.job else {
        return;
    };
    // The gauge over the form while the export runs.
    let width = area.width.saturating_sub(8).min(70);
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + area.height / 2 - 2.min(area.height / 2),
        width,
        4.min(area.height),
    );
    frame.render_widget(Clear, rect);
    let title = if job.cancelling {
        i18n.t("export-cancelling")
    } else {
        i18n.t("export-running")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {title} "),
            width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [gauge, label] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    let ratio = job.ratio(e.expected());
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme::key())
            .ratio(ratio)
            .label(format!("{:.0}%", ratio * 100.0)),
        gauge,
    );
    let stage = if job.stage.is_empty() {
        String::new()
    } else {
        i18n.t_args(
            "export-progress",
            &[
                ("stage", Arg::Str(job.stage.clone())),
                ("rows", job.rows.into()),
            ],
        )
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            text::fit(&stage, label.width as usize),
            theme::dim(),
        )),
        label,
    );
}
