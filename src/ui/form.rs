//! The app's forms as label and value rows, and the person form with its matches beside it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::widgets::form::{Choice, ChoiceLabel, Field, FieldKind, Fields};
use crate::app::widgets::lookup::PersonLookup;
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

const LABEL_W: u16 = 20;

/// Fields that must be filled, marked with `*`.
fn required(label: &str) -> bool {
    matches!(
        label,
        "field-surname"
            | "field-given-name"
            | "field-event-date"
            | "field-event-city"
            | "field-event-venue"
            | "field-appeal-title"
    )
}

/// A form that starts with the person fields, with the matches for them at the side.
pub fn render_person_form(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    form: &Fields,
    lookup: &PersonLookup,
    saving: bool,
    i18n: &I18n,
) {
    let [form_area, side] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(30)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(title, form_area.width.saturating_sub(2) as usize))
        .title_style(theme::title());
    let inner = block.inner(form_area);
    frame.render_widget(block, form_area);
    render_form(frame, inner, form, saving, i18n);

    let side_title = if lookup.likeness.is_empty() {
        i18n.t("suggest-title")
    } else {
        i18n.t("suggest-look-alikes")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {side_title} "),
            side.width.saturating_sub(2) as usize,
        ))
        .style(if lookup.likeness.is_empty() {
            Style::new()
        } else {
            theme::error()
        });
    let inner = block.inner(side);
    frame.render_widget(block, side);
    frame.render_widget(Paragraph::new(matches(lookup, inner, i18n)), inner);
}

/// The person linked, or the matches for what is typed (the selected one marked).
fn matches(lookup: &PersonLookup, inner: Rect, i18n: &I18n) -> Vec<Line<'static>> {
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(p) = &lookup.linked {
        lines.push(Line::styled(
            text::fit(
                &i18n.t_args(
                    "suggest-linked",
                    &[("name", Arg::Str(p.fields.full_name()))],
                ),
                w,
            ),
            theme::ok(),
        ));
        lines.push(Line::raw(""));
        let hint = if lookup.fixed {
            "suggest-fixed"
        } else {
            "suggest-unlink"
        };
        lines.push(Line::styled(text::fit(&i18n.t(hint), w), theme::dim()));
    } else if lookup.suggestions.is_empty() {
        lines.push(Line::styled(
            text::fit(&i18n.t("suggest-none"), w),
            theme::dim(),
        ));
    } else {
        suggestions(&mut lines, lookup, inner, i18n);
    }
    lines
}

/// Two lines a match, as many as fit, then the keys that pick one.
fn suggestions(lines: &mut Vec<Line<'static>>, lookup: &PersonLookup, inner: Rect, i18n: &I18n) {
    let w = inner.width as usize;
    let per = 2usize;
    let room = (inner.height as usize).saturating_sub(2) / per;
    for (i, p) in lookup.suggestions.iter().enumerate().take(room.max(1)) {
        let mark = if i == lookup.selected { "▶ " } else { "  " };
        let style = if i == lookup.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            text::pad(&format!("{mark}{}", p.fields.full_name()), w),
            style,
        ));
        let why = lookup.likeness.get(i).map(|l| i18n.t(likeness_id(*l)));
        let details: Vec<String> = why
            .into_iter()
            .chain(
                [
                    p.fields.birth_date.map(|d| i18n.date(d)),
                    p.fields.document.clone(),
                    p.fields.phone.clone(),
                ]
                .into_iter()
                .flatten(),
            )
            .collect();
        lines.push(Line::styled(
            text::fit(&format!("  {}", details.join(" · ")), w),
            theme::dim(),
        ));
    }
    lines.push(Line::raw(""));
    let keys = if lookup.likeness.is_empty() {
        "suggest-keys"
    } else {
        "suggest-look-alike-keys"
    };
    for l in text::wrap(&i18n.t(keys), w) {
        lines.push(Line::styled(l, theme::dim()));
    }
}

pub fn likeness_id(l: crate::domain::search::Likeness) -> &'static str {
    use crate::domain::search::Likeness;
    match l {
        Likeness::SameDocument => "likeness-document",
        Likeness::SamePhone => "likeness-phone",
        Likeness::SameBirthDateSimilarName => "likeness-birth-name",
    }
}

pub fn render_form(frame: &mut Frame, area: Rect, form: &Fields, saving: bool, i18n: &I18n) {
    let n = form.fields.len() as u16;
    let [fields_area, _, msg_area, req_area] = Layout::vertical([
        Constraint::Length(n),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let input_w = fields_area.width.saturating_sub(LABEL_W + 1);
    for (i, field) in form.fields.iter().enumerate() {
        let y = fields_area.y + i as u16;
        if y >= fields_area.bottom() {
            break;
        }
        let focused = i == form.focus;
        let label_rect = Rect::new(fields_area.x, y, LABEL_W, 1);
        field_label(frame, label_rect, field, focused, i18n);
        let input_rect = Rect::new(fields_area.x + LABEL_W + 1, y, input_w, 1);
        let value_style = if field.locked {
            theme::dim()
        } else {
            theme::input()
        };
        match &field.kind {
            FieldKind::Text(input) => {
                let editing = focused && !field.locked && !saving;
                text_value(frame, input_rect, field, input, focused, editing, i18n);
            }
            FieldKind::Choice { options, selected } => {
                let line = choice_value(options, *selected, focused, value_style, i18n);
                frame.render_widget(Paragraph::new(line), input_rect);
            }
        }
    }
    let msg = message(form, saving, i18n);
    // Fitted with `…`: a long translation never ends mid-word silently.
    let content: String = msg.spans.iter().map(|s| s.content.as_ref()).collect();
    let msg = Line::styled(text::fit(&content, msg_area.width as usize), msg.style);
    frame.render_widget(Paragraph::new(msg), msg_area);
    frame.render_widget(
        Paragraph::new(i18n.t("form-required")).style(theme::dim()),
        req_area,
    );
}

/// The label, marked `*` when required and `!` when wrong.
fn field_label(frame: &mut Frame, rect: Rect, field: &Field, focused: bool, i18n: &I18n) {
    let mut label = i18n.t(field.label);
    if required(field.label) {
        label.push_str(" *");
    }
    if field.error_id().is_some() {
        label = format!("! {label}");
    }
    let label_style = if field.error_id().is_some() {
        theme::error()
    } else if focused {
        theme::focused_label()
    } else if field.locked {
        theme::dim()
    } else {
        Style::new()
    };
    frame.render_widget(
        Paragraph::new(text::pad(&label, LABEL_W as usize - 1)).style(label_style),
        rect,
    );
}

/// A text field's value (or its hint while empty), with the cursor when `editing`.
fn text_value(
    frame: &mut Frame,
    input_rect: Rect,
    field: &Field,
    input: &tui_input::Input,
    focused: bool,
    editing: bool,
    i18n: &I18n,
) {
    let input_w = input_rect.width;
    let value_style = if field.locked {
        theme::dim()
    } else {
        theme::input()
    };
    let width = input_w as usize;
    if input.value().is_empty() && !focused {
        if let Some(hint) = field.hint {
            frame.render_widget(
                Paragraph::new(text::fit(&i18n.t(hint), width)).style(theme::dim()),
                input_rect,
            );
        }
    } else {
        let scroll = input.visual_scroll(width.saturating_sub(1));
        frame.render_widget(
            Paragraph::new(input.value())
                .style(value_style)
                .scroll((0, scroll as u16)),
            input_rect,
        );
    }
    if editing {
        let x = (input
            .visual_cursor()
            .saturating_sub(scroll_of(input, width))) as u16;
        frame.set_cursor_position(Position::new(
            input_rect.x + x.min(input_w.saturating_sub(1)),
            input_rect.y,
        ));
    }
}

/// The option chosen; arrows either side while focused.
fn choice_value(
    options: &[Choice],
    selected: usize,
    focused: bool,
    value_style: Style,
    i18n: &I18n,
) -> Line<'static> {
    let label = options
        .get(selected)
        .map(|c| match &c.label {
            ChoiceLabel::Msg(id) => i18n.t(id),
            ChoiceLabel::Text(t) => t.clone(),
        })
        .unwrap_or_default();
    if focused {
        Line::from(vec![
            Span::styled("◀ ", theme::key()),
            Span::raw(label),
            Span::styled(" ▶", theme::key()),
        ])
    } else {
        Line::styled(label, value_style)
    }
}

/// Under the fields: saving, the focused field's error, or its hint.
fn message(form: &Fields, saving: bool, i18n: &I18n) -> Line<'static> {
    let focused = form.fields.get(form.focus);
    if saving {
        Line::styled(i18n.t("form-saving"), theme::ok())
    } else {
        match focused {
            Some(f) if f.error_id().is_some() => Line::styled(
                format!(
                    "{}: {}",
                    i18n.t(f.label),
                    f.error_id().map(|e| i18n.t(e)).unwrap_or_default()
                ),
                theme::error(),
            ),
            Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                Line::styled(i18n.t("form-choice-hint"), theme::dim())
            }
            Some(f) => match f.hint {
                Some(h) => Line::styled(i18n.t(h), theme::dim()),
                None => Line::raw(""),
            },
            None => Line::raw(""),
        }
    }
}

fn scroll_of(input: &tui_input::Input, width: usize) -> usize {
    input.visual_scroll(width.saturating_sub(1))
}
