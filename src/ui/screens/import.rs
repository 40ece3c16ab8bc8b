//! The import screen: the path, then the check's result (what would be created, or every
//! problem with its line and column), and a gauge while a step runs.

use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::import::{ImportProblem, ImportSummary, Outcome};
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, s: &ImportPage, _scene: &Scene, i18n: &I18n) {
    let inner = boxed(frame, area, &i18n.t("screen-import"));
    let [fields, result] =
        Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(inner);
    form::render_form(frame, fields, &s.form, false, i18n);
    let w = result.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    match &s.outcome {
        None => {
            for l in text::wrap(&i18n.t("import-how"), w) {
                lines.push(Line::styled(l, theme::dim()));
            }
        }
        Some(Outcome::Checked(x)) => checked(&mut lines, x, w, i18n),
        Some(Outcome::Refused(problems)) => {
            refused(&mut lines, problems, result.height as usize, w, i18n)
        }
    }
    frame.render_widget(Paragraph::new(lines), result);
    gauge(frame, area, s, i18n);
}

/// What the import would create.
fn checked(lines: &mut Vec<Line<'static>>, x: &ImportSummary, w: usize, i18n: &I18n) {
    let summary = i18n.t_args(
        "import-would",
        &[
            ("rows", x.rows.into()),
            ("events", x.events.into()),
            ("persons", x.persons.into()),
            ("visits", x.visits.into()),
            ("consultations", x.consultations.into()),
            ("appeals", x.appeals.into()),
            ("members", x.members.into()),
            ("matched", x.matched.into()),
            ("already", x.already.into()),
        ],
    );
    for l in text::wrap(&summary, w) {
        lines.push(Line::styled(l, theme::ok()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        text::fit(&i18n.t("import-confirm"), w),
        theme::title(),
    ));
}

/// Why the import was refused: every problem with its line and column, as many as fit.
fn refused(
    lines: &mut Vec<Line<'static>>,
    problems: &[ImportProblem],
    height: usize,
    w: usize,
    i18n: &I18n,
) {
    lines.push(Line::styled(
        text::fit(
            &i18n.t_args("import-refused", &[("count", problems.len().into())]),
            w,
        ),
        theme::error(),
    ));
    let room = height.saturating_sub(1);
    for p in problems.iter().take(room) {
        let file = if p.file.is_empty() {
            String::new()
        } else {
            format!("{}: ", p.file)
        };
        let value = if p.value.is_empty() {
            String::new()
        } else {
            format!(" «{}»", p.value)
        };
        let s = i18n.t_args(
            "import-problem",
            &[
                ("file", Arg::Str(file)),
                ("line", p.line.into()),
                ("column", Arg::Str(p.column.clone())),
                ("value", Arg::Str(value)),
                ("message", Arg::Msg(p.msg)),
            ],
        );
        lines.push(Line::raw(text::fit(&s, w)));
    }
}

/// While a check or an import runs: its gauge over the screen.
fn gauge(frame: &mut Frame, area: Rect, s: &ImportPage, i18n: &I18n) {
    let Some((done, total)) = s.running else {
        return;
    };
    let title = if s.cancelling {
        i18n.t("export-cancelling")
    } else if s.dry_run {
        i18n.t("import-checking")
    } else {
        i18n.t("import-running")
    };
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    crate::ui::job_gauge(frame, area, &title, ratio, format!("{done} / {total}"), "");
}
