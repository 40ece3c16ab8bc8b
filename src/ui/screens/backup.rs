//! The backup dialog: where to write, what a backup is, then a gauge while it runs and
//! the result (the file, its records and size) or why nothing was written.

use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::backup::{BackupOutcome, size_args};
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, b: &BackupPage, scene: &Scene, i18n: &I18n) {
    let inner = boxed(frame, area, &i18n.t("screen-backup"));
    let [fields, result] =
        Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(inner);
    form::render_form(frame, fields, &b.form, false, i18n);
    let lines = outcome(b, result.width as usize, scene, i18n);
    frame.render_widget(Paragraph::new(lines), result);
    gauge(frame, area, b, scene, i18n);
}

/// What a backup is, or what the last one did.
fn outcome(b: &BackupPage, w: usize, scene: &Scene, i18n: &I18n) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let wrapped = |lines: &mut Vec<Line>, s: &str, style| {
        for l in text::wrap(s, w) {
            lines.push(Line::styled(l, style));
        }
    };
    match &b.outcome {
        None => wrapped(&mut lines, &i18n.t("backup-how"), theme::dim()),
        Some(BackupOutcome::Written(x)) => {
            let (size, unit) = size_args(x.bytes, scene.ctx.language);
            let msg = i18n.t_args(
                "flash-backup-written",
                &[
                    ("path", Arg::Str(x.path.clone())),
                    ("records", x.records.into()),
                    ("size", Arg::Str(size)),
                    ("unit", Arg::Msg(unit)),
                ],
            );
            wrapped(&mut lines, &msg, theme::ok());
            lines.push(Line::raw(""));
            wrapped(&mut lines, &i18n.t("backup-keep"), theme::dim());
        }
        Some(BackupOutcome::Failed { reason, reason_id }) => {
            let why = match reason_id {
                Some(id) => i18n.t(id),
                None => reason.clone(),
            };
            let msg = i18n.t_args("backup-failed", &[("reason", Arg::Str(why))]);
            wrapped(&mut lines, &msg, theme::error());
            if reason_id.is_some() && !reason.is_empty() {
                wrapped(&mut lines, reason, theme::dim());
            }
        }
        Some(BackupOutcome::Cancelled) => {
            wrapped(&mut lines, &i18n.t("flash-backup-cancelled"), theme::ok());
        }
    }
    lines
}

/// While a backup runs: its gauge, with how much is written of how much.
fn gauge(frame: &mut Frame, area: Rect, b: &BackupPage, scene: &Scene, i18n: &I18n) {
    let Some((done, total)) = b.running else {
        return;
    };
    let title = if b.cancelling {
        i18n.t("backup-cancelling")
    } else {
        i18n.t("backup-running")
    };
    let ratio = b.ratio();
    let lang = scene.ctx.language;
    let (d, du) = size_args(done, lang);
    let (t, tu) = size_args(total, lang);
    let detail = i18n.t_args(
        "backup-progress",
        &[
            ("done", Arg::Str(d)),
            ("done_unit", Arg::Msg(du)),
            ("total", Arg::Str(t)),
            ("total_unit", Arg::Msg(tu)),
        ],
    );
    crate::ui::job_gauge(
        frame,
        area,
        &title,
        ratio,
        format!("{:.0}%", ratio * 100.0),
        &detail,
    );
}
