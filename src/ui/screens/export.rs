//! The export form (format, personal data, file) and, while the export runs, its gauge.

use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, e: &ExportPage, _scene: &Scene, i18n: &I18n) {
    let period = e.title.clone().unwrap_or_else(|| i18n.t("report-all"));
    let inner = boxed(
        frame,
        area,
        &format!("{} — {period}", i18n.t("screen-export")),
    );
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
    let title = if job.cancelling {
        i18n.t("export-cancelling")
    } else {
        i18n.t("export-running")
    };
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
    let ratio = job.ratio(e.expected());
    crate::ui::job_gauge(
        frame,
        area,
        &title,
        ratio,
        format!("{:.0}%", ratio * 100.0),
        &stage,
    );
}
