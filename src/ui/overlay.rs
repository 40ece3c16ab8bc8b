use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{text, theme};
use crate::app::keymap::{KeyMode, bindings, confirm_letters, key_label};
use crate::app::{Overlay, SalvageView, State};
use crate::i18n::{Arg, I18n};

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    if let Some(view) = &state.salvage {
        salvage(frame, area, view, i18n);
        return;
    }
    match state.overlay {
        Some(Overlay::ConfirmSalvage) => confirm(
            frame,
            area,
            &i18n.t("confirm-salvage-title"),
            &i18n.t("confirm-salvage"),
            state,
            i18n,
        ),
        Some(Overlay::Help) => help(frame, area, state.help_mode(), state.top().title_id(), i18n),
        Some(Overlay::ConfirmDiscard) => confirm(
            frame,
            area,
            &i18n.t("confirm-discard-title"),
            &i18n.t("confirm-discard"),
            state,
            i18n,
        ),
        Some(Overlay::ConfirmQuit) => confirm(
            frame,
            area,
            &i18n.t("confirm-quit-title"),
            &i18n.t("confirm-quit"),
            state,
            i18n,
        ),
        Some(Overlay::ConfirmRestore) => confirm_restore(frame, area, state, i18n),
        Some(Overlay::ConfirmMerge) => super::merge::render(frame, area, state, i18n),
        Some(Overlay::ConfirmUnmerge) => super::merge::render_unmerge(frame, area, state, i18n),
        None => confirm_settle(frame, area, state, i18n),
    }
}

/// The conflicts screen's question: which version stays, or that a record was looked at.
fn confirm_settle(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    use crate::app::conflicts::Choice;
    // Only while the conflicts screen is the one shown: its question is its own.
    let crate::app::page::Page::Conflicts(p) = state.top() else {
        return;
    };
    let (Some(choice), Some(item)) = (p.asking, p.selected_item()) else {
        return;
    };
    let (title, body) = match choice {
        Choice::KeepShown => ("confirm-keep-shown-title", "confirm-keep-shown"),
        Choice::TakeOther => ("confirm-take-other-title", "confirm-take-other"),
        Choice::Seen => ("confirm-suspect-seen-title", "confirm-suspect-seen"),
        Choice::NotSame => ("confirm-not-same-title", "confirm-not-same"),
    };
    let args = [("name", Arg::Str(item.whose.clone()))];
    let mut body = i18n.t_args(body, &args);
    let settles = matches!(choice, Choice::KeepShown | Choice::TakeOther);
    if item.money && settles {
        body = format!("{body} {}", i18n.t("confirm-settle-money"));
    }
    // Three desks' values of one record are two rows: one choice settles both.
    let rows = p
        .items
        .iter()
        .filter(|i| i.id == item.id && i.other.is_some());
    let versions = rows.count() + 1;
    if settles && versions > 2 {
        let n = [("n", Arg::Num(versions as i64))];
        body = format!("{body} {}", i18n.t_args("confirm-settle-several", &n));
    }
    let (yes, no) = confirm_letters(state.ctx.language);
    let legend = i18n.t_args(
        "confirm-answer-letters",
        &[
            ("yes", Arg::Str(yes.to_string())),
            ("no", Arg::Str(no.to_string())),
        ],
    );
    confirm_with(frame, area, &i18n.t(title), &body, &legend);
}

/// Whether to take up the draft left from before, saying when it was saved.
fn confirm_restore(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let when = state
        .pending_draft
        .as_ref()
        .map(|d| state.zone().date_time(d.saved_at, i18n.language()))
        .unwrap_or_default();
    confirm(
        frame,
        area,
        &i18n.t("confirm-restore-title"),
        &i18n.t_args("confirm-restore", &[("when", when.into())]),
        state,
        i18n,
    )
}

/// Help is generated from the same binding table that resolves keys.
/// `title` names the screen under it (the page shown, never the overlay).
fn help(frame: &mut Frame, area: Rect, mode: KeyMode, title: &'static str, i18n: &I18n) {
    let list = bindings(mode);
    let keys: Vec<String> = list
        .iter()
        .map(|b| {
            b.keys
                .iter()
                .map(|k| key_label(*k))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    let key_w = keys.iter().map(|k| text::width(k)).max().unwrap_or(0);
    let width = area.width.saturating_sub(4).min(76);
    let height = (list.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ",
            i18n.t_args("help-title", &[("screen", Arg::Msg(title))])
        ))
        .title_style(theme::title())
        // The language key works on every screen, so it is told here rather than in each
        // list; in the frame, so a list as long as the 24 rows of a terminal still shows it.
        .title_bottom(Line::styled(
            format!(
                " {} ",
                text::fit(
                    &format!("F9: {} · {}", i18n.t("hint-language"), i18n.t("help-close")),
                    usize::from(width.saturating_sub(4))
                )
            ),
            theme::dim(),
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let text_w = (inner.width as usize).saturating_sub(key_w + 3);
    let lines: Vec<Line> = list
        .iter()
        .zip(&keys)
        .map(|(b, k)| {
            Line::from(vec![
                Span::styled(format!(" {}", text::pad(k, key_w)), theme::key()),
                Span::raw(format!("  {}", text::fit(&i18n.t(b.help), text_w))),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn confirm(frame: &mut Frame, area: Rect, title: &str, body: &str, state: &State, i18n: &I18n) {
    confirm_with(frame, area, title, body, &confirm_legend(state, i18n));
}

/// A question box saying `legend` for its answer keys.
fn confirm_with(frame: &mut Frame, area: Rect, title: &str, body: &str, legend: &str) {
    let width = area.width.min(54);
    let text_w = usize::from(width.saturating_sub(2));
    let body = text::wrap(body, text_w);
    let legend = text::wrap(legend, text_w);
    // Sized to what it says (a merge names two people): a box of fixed height hid the
    // answer keys under a long question.
    let height = (body.len() + legend.len() + 3).max(6);
    let rect = centered(area, width, u16::try_from(height).unwrap_or(u16::MAX));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_style(theme::error());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // On a short terminal the question gives way, never the keys that answer it.
    let room = usize::from(inner.height).saturating_sub(legend.len());
    let shown = body.len().min(room);
    let mut lines: Vec<Line> = body.into_iter().take(shown).map(Line::raw).collect();
    if room > shown {
        lines.push(Line::raw(""));
    }
    lines.extend(legend.into_iter().map(|l| Line::styled(l, theme::dim())));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The answer keys as the keymap takes them: the letters come from the same table, so the
/// legend cannot offer a letter that does something else.
pub(super) fn confirm_legend(state: &State, i18n: &I18n) -> String {
    let (yes, no) = confirm_letters(state.ctx.language);
    i18n.t_args(
        "confirm-answer-keys",
        &[
            ("yes", Arg::Str(yes.to_string())),
            ("no", Arg::Str(no.to_string())),
        ],
    )
}

/// Salvage running, or what it did (the records from intact frames and from the view,
/// where the old files went), or why it did not.
fn salvage(frame: &mut Frame, area: Rect, view: &SalvageView, i18n: &I18n) {
    let width = area.width.min(70);
    let text_w = usize::from(width.saturating_sub(2));
    let (title, style, body) = salvage_text(view, i18n);
    let mut lines: Vec<Line> = Vec::new();
    for (text, style) in body {
        lines.extend(
            text::wrap(&text, text_w)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    if *view != SalvageView::Running {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            text::fit(&i18n.t("salvage-close"), text_w),
            theme::key(),
        ));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(&format!(" {title} "), text_w))
        .title_style(style);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The salvage box's title, its style, and what it says (a style a paragraph).
fn salvage_text(view: &SalvageView, i18n: &I18n) -> (String, Style, Vec<(String, Style)>) {
    match view {
        SalvageView::Running => (
            i18n.t("salvage-running-title"),
            theme::title(),
            vec![(i18n.t("salvage-running"), Style::new())],
        ),
        SalvageView::Done(s) => {
            let mut body = vec![(
                i18n.t_args(
                    "salvage-done",
                    &[
                        ("intact", s.intact_ops.into()),
                        ("restored", s.restored.into()),
                        ("records", s.records.into()),
                    ],
                ),
                theme::ok(),
            )];
            for aside in [&s.journal_aside, &s.view_aside].into_iter().flatten() {
                body.push((
                    i18n.t_args("salvage-kept", &[("path", Arg::Str(aside.clone()))]),
                    theme::dim(),
                ));
            }
            body.push(if s.verified {
                (i18n.t("salvage-verified"), theme::ok())
            } else {
                (i18n.t("salvage-not-verified"), theme::error())
            });
            (i18n.t("salvage-done-title"), theme::title(), body)
        }
        SalvageView::Failed { reason, reason_id } => {
            let mut body = vec![(
                i18n.t_args(
                    "salvage-failed",
                    &[(
                        "reason",
                        match reason_id {
                            Some(id) => Arg::Msg(id),
                            None => Arg::Str(reason.clone()),
                        },
                    )],
                ),
                theme::error(),
            )];
            if reason_id.is_some() {
                body.push((reason.clone(), theme::dim()));
            }
            (i18n.t("salvage-failed-title"), theme::error(), body)
        }
    }
}

pub fn locked(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let rect = centered(area, 60, 7);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", i18n.t("locked-title")))
        .title_style(theme::title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines = vec![
        Line::raw(i18n.t_args(
            "locked-body",
            &[("minutes", state.ctx.idle_lock_minutes.into())],
        )),
        Line::raw(""),
        Line::styled(i18n.t("locked-keys"), theme::key()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// A long job's gauge over the middle of `area`: a title, the bar with its label, and a line
/// saying what is being done (export and import share it).
pub fn job_gauge(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    ratio: f64,
    label: String,
    detail: &str,
) {
    let width = area.width.saturating_sub(8).min(70);
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + area.height / 2 - 2.min(area.height / 2),
        width,
        4.min(area.height),
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {title} "),
            width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [bar, line] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(
        ratatui::widgets::Gauge::default()
            .gauge_style(theme::key())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label),
        bar,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            text::fit(detail, line.width as usize),
            theme::dim(),
        )),
        line,
    );
}
