//! The exchange page: send or merge, the folder, then what the bundles bring (a check,
//! before anything is merged) or what was written or merged.

use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::backup::size_args;
use crate::app::exchange::{ExchangeOutcome, MergeSummary};
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, p: &ExchangePage, scene: &Scene, i18n: &I18n) {
    let inner = boxed(frame, area, &i18n.t("screen-exchange"));
    let [fields, result] =
        Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(inner);
    form::render_form(frame, fields, &p.form, false, i18n);
    let lines = outcome(p, result.width as usize, scene, i18n);
    frame.render_widget(Paragraph::new(lines), result);
}

fn push_wrapped(lines: &mut Vec<Line<'static>>, s: &str, w: usize, style: Style) {
    for l in text::wrap(s, w) {
        lines.push(Line::styled(l, style));
    }
}

fn outcome(p: &ExchangePage, w: usize, scene: &Scene, i18n: &I18n) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if p.busy {
        push_wrapped(&mut lines, &i18n.t("exchange-busy"), w, theme::dim());
        return lines;
    }
    match &p.outcome {
        None => push_wrapped(&mut lines, &i18n.t("exchange-how"), w, theme::dim()),
        Some(ExchangeOutcome::Sent(s)) => {
            let (size, unit) = size_args(s.bytes, scene.ctx.language);
            let args = [
                ("path", Arg::Str(s.path.clone())),
                ("ops", s.ops.into()),
                ("size", Arg::Str(size)),
                ("unit", Arg::Msg(unit)),
            ];
            push_wrapped(
                &mut lines,
                &i18n.t_args("exchange-sent", &args),
                w,
                theme::ok(),
            );
        }
        Some(ExchangeOutcome::Merge(m)) => merged(&mut lines, m, w, i18n),
        Some(ExchangeOutcome::Failed { reason, said }) => {
            let reason = match said {
                Some((id, args)) => i18n.t_args(id, args),
                None => reason.clone(),
            };
            let msg = i18n.t_args("exchange-failed", &[("reason", Arg::Str(reason))]);
            push_wrapped(&mut lines, &msg, w, theme::error());
        }
    }
    lines
}

/// What a check found or a merge did, one line each, and what to do next.
fn merged(lines: &mut Vec<Line<'static>>, m: &MergeSummary, w: usize, i18n: &I18n) {
    let head = [
        ("bundles", m.bundles.into()),
        ("new", m.ops_new.into()),
        ("known", m.ops_known.into()),
        ("passed", m.passed_over.into()),
    ];
    push_wrapped(lines, &i18n.t_args("exchange-ops", &head), w, theme::ok());
    let kinds = [
        ("persons", m.persons.into()),
        ("visits", m.visits.into()),
        ("consultations", m.consultations.into()),
        ("appeals", m.appeals.into()),
        ("changed", m.changed.into()),
    ];
    push_wrapped(
        lines,
        &i18n.t_args("exchange-kinds", &kinds),
        w,
        Style::default(),
    );
    for (id, n) in [
        ("exchange-conflicts", m.conflicts),
        ("exchange-look-alikes", m.look_alikes),
        ("exchange-clock-suspect", m.clock_suspect),
    ] {
        if n > 0 {
            push_wrapped(
                lines,
                &i18n.t_args(id, &[("n", n.into())]),
                w,
                theme::error(),
            );
        }
    }
    lines.push(Line::raw(""));
    let next = match (m.dry_run, m.ops_new, m.view_behind) {
        (_, _, true) => ("exchange-view-behind", theme::error()),
        (true, 0, _) | (false, 0, _) => ("exchange-nothing", theme::dim()),
        (true, _, _) => ("exchange-enter-merges", theme::title()),
        (false, _, _) => ("exchange-merged", theme::ok()),
    };
    push_wrapped(lines, &i18n.t(next.0), w, next.1);
}
