//! Conflicts between desks: the records listed above, the selected one's two versions
//! field by field below, with who and when.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Scene;
use crate::app::conflicts::ConflictItem;
use crate::app::pages::*;
use crate::domain::card::HistoryEntry;
use crate::domain::history::{changes, stamp};
use crate::i18n::{Arg, I18n};
use crate::ui::parts::boxed;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, p: &ConflictsPage, scene: &Scene, i18n: &I18n) {
    let title = i18n.t_args("conflicts-title", &[("count", p.items.len().into())]);
    let inner = boxed(frame, area, &title);
    if p.loading && p.items.is_empty() {
        frame.render_widget(Paragraph::new(i18n.t("queue-loading")), inner);
        return;
    }
    let w = inner.width as usize;
    let Some(item) = p.selected_item() else {
        let lines: Vec<Line> = text::wrap(&i18n.t("conflicts-none"), w)
            .into_iter()
            .map(|l| Line::styled(l, theme::dim()))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    // The list takes up to a third of the screen; the versions the rest.
    let list_h = (p.items.len() as u16).clamp(1, (inner.height / 3).max(1));
    let [list, gap, detail] = Layout::vertical([
        Constraint::Length(list_h),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let _ = gap;
    let first = p
        .selected
        .saturating_sub(usize::from(list_h).saturating_sub(1));
    let rows: Vec<Line> = p
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list_h))
        .map(|(i, it)| row(it, i == p.selected, w, i18n))
        .collect();
    frame.render_widget(Paragraph::new(rows), list);
    let lines = versions(item, w, scene, i18n);
    frame.render_widget(Paragraph::new(lines), detail);
}

fn kind_id(e: &HistoryEntry) -> &'static str {
    match e {
        HistoryEntry::Person(_) => "conflict-kind-person",
        HistoryEntry::Consultation(_) => "conflict-kind-consultation",
        HistoryEntry::Appeal(_) => "conflict-kind-appeal",
        HistoryEntry::Member(_) => "conflict-kind-member",
    }
}

/// One record: what kind, whose, and what is special about it.
fn row(it: &ConflictItem, selected: bool, w: usize, i18n: &I18n) -> Line<'static> {
    let mut flags = Vec::new();
    if it.money {
        flags.push(i18n.t("conflict-flag-money"));
    }
    if it.suspect.is_some() {
        flags.push(i18n.t("conflict-flag-clock"));
    }
    if it.look_alike.is_some() {
        flags.push(i18n.t("conflict-flag-look-alike"));
    } else if it.other.is_none() {
        flags.push(i18n.t("conflict-flag-no-conflict"));
    }
    let mark = if selected { "▸ " } else { "  " };
    let head = format!("{mark}{} · {}", i18n.t(kind_id(&it.shown)), it.whose);
    let tail = if flags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", flags.join(", "))
    };
    let head_w = w.saturating_sub(text::width(&tail));
    let style = if selected {
        theme::selected()
    } else {
        ratatui::style::Style::default()
    };
    Line::from(vec![
        Span::styled(text::pad(&text::fit(&head, head_w), head_w), style),
        Span::styled(text::fit(&tail, w), theme::error()),
    ])
}

/// Who saved a version and when, in the desk's time.
fn who(e: &HistoryEntry, scene: &Scene, i18n: &I18n) -> String {
    let (at, officer, rev) = stamp(e);
    let when = scene.desk_zone().date_time(at, i18n.language());
    // A person's first version came with an arrival: no officer is named.
    if officer.is_empty() {
        return i18n.t_args(
            "conflict-who-anon",
            &[("when", Arg::Str(when)), ("rev", rev.into())],
        );
    }
    let args = [
        ("officer", Arg::Str(officer.to_string())),
        ("when", Arg::Str(when)),
        ("rev", rev.into()),
    ];
    i18n.t_args("conflict-who", &args)
}

fn push(lines: &mut Vec<Line<'static>>, s: &str, w: usize, style: ratatui::style::Style) {
    lines.extend(text::wrap(s, w).into_iter().map(|l| Line::styled(l, style)));
}

/// Both versions of the selected record, field by field, and what the keys do.
fn versions(it: &ConflictItem, w: usize, scene: &Scene, i18n: &I18n) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let shown = who(&it.shown, scene, i18n);
    push(
        &mut lines,
        &i18n.t_args("conflict-shown", &[("who", Arg::Str(shown))]),
        w,
        theme::focused_label(),
    );
    if let Some(other) = &it.other {
        let said = [("who", Arg::Str(who(other, scene, i18n)))];
        push(
            &mut lines,
            &i18n.t_args("conflict-other", &said),
            w,
            theme::focused_label(),
        );
        field_lines(&mut lines, it, other, w, scene, i18n);
    }
    if let Some(s) = &it.suspect {
        let when = scene.desk_zone().date_time(s.at, i18n.language());
        let args = [
            ("when", Arg::Str(when)),
            ("desk", Arg::Str(s.desk.to_string())),
        ];
        push(
            &mut lines,
            &i18n.t_args("conflict-clock", &args),
            w,
            theme::error(),
        );
    }
    if let Some((on_record, why)) = &it.look_alike {
        let args = [
            ("name", Arg::Str(on_record.fields.full_name())),
            ("why", Arg::Str(i18n.t(crate::ui::form::likeness_id(*why)))),
        ];
        push(
            &mut lines,
            &i18n.t_args("conflict-look-alike", &args),
            w,
            theme::error(),
        );
    }
    let how = match (&it.other, &it.look_alike) {
        (Some(_), _) => "conflict-how",
        (None, Some(_)) => "conflict-how-look-alike",
        (None, None) => "conflict-how-seen",
    };
    push(&mut lines, &i18n.t(how), w, theme::dim());
    lines
}

/// What differs between the version shown and `other`, field by field, amounts first:
/// long notes below them may not fit on the screen.
fn field_lines(
    lines: &mut Vec<Line<'static>>,
    it: &ConflictItem,
    other: &HistoryEntry,
    w: usize,
    scene: &Scene,
    i18n: &I18n,
) {
    let (tax, lang) = (&scene.ctx.taxonomy, scene.ctx.language);
    if it.money {
        push(lines, &i18n.t("conflict-money"), w, theme::error());
    }
    let mut changed = changes(&it.shown, other);
    changed.sort_by_key(|c| {
        !matches!(c.before, crate::domain::history::Value::Money(_))
            && !matches!(c.after, crate::domain::history::Value::Money(_))
    });
    for c in changed {
        let args = [
            ("field", Arg::Str(i18n.t(c.field))),
            ("shown", Arg::Str(i18n.history_value(&c.before, tax, lang))),
            ("other", Arg::Str(i18n.history_value(&c.after, tax, lang))),
        ];
        let line = format!("  {}", i18n.t_args("conflict-field", &args));
        push(lines, &line, w, ratatui::style::Style::default());
    }
}
