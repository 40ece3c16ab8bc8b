use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::Scene;
use crate::app::consult::{CField, ConsultationForm};
use crate::app::pages::*;
use crate::app::widgets::picker::Picker;
use crate::app::widgets::textedit::TextEdit;
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

const LABEL_W: u16 = 15;

pub fn render(frame: &mut Frame, area: Rect, f: &ConsultationPage, scene: &Scene, i18n: &I18n) {
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(32)]).areas(area);
    let title = format!(
        " {} — {} ",
        i18n.t_args(
            "consultation-title",
            &[
                ("number", queue_label(scene, f).into(),),
                (
                    "version",
                    Arg::Msg(if f.existing.is_some() {
                        "consultation-edit"
                    } else {
                        "consultation-new"
                    })
                )
            ]
        ),
        f.person_name
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(&title, left.width.saturating_sub(2) as usize))
        .title_style(theme::title());
    let inner = block.inner(left);
    frame.render_widget(block, left);
    render_fields(frame, inner, f, i18n);
    render_side(frame, right, f, i18n);
}

fn label(frame: &mut Frame, x: u16, y: u16, f: &ConsultationForm, field: CField, i18n: &I18n) {
    let mut text_ = i18n.t(field.label());
    if field == CField::Topics {
        text_.push_str(" *");
    }
    let style = if f.error(field).is_some() {
        text_ = format!("! {text_}");
        theme::error()
    } else if f.focus == field {
        theme::focused_label()
    } else {
        Style::new()
    };
    frame.render_widget(
        Paragraph::new(text::pad(&text_, LABEL_W as usize - 1)).style(style),
        Rect::new(x, y, LABEL_W, 1),
    );
}

/// Where the fields go: labels at `x`, values from `vx` (`vw` wide), rows down to `bottom`.
struct Grid {
    x: u16,
    vx: u16,
    vw: u16,
    bottom: u16,
}

impl Grid {
    fn row(&self, y: u16) -> Rect {
        Rect::new(self.vx, y, self.vw, 1)
    }

    fn line(&self, frame: &mut Frame, y: u16, s: String, style: Style) {
        if y < self.bottom {
            frame.render_widget(
                Paragraph::new(text::fit(&s, self.vw as usize)).style(style),
                self.row(y),
            );
        }
    }
}

fn render_fields(frame: &mut Frame, area: Rect, f: &ConsultationForm, i18n: &I18n) {
    let g = Grid {
        x: area.x,
        vx: area.x + LABEL_W,
        vw: area.width.saturating_sub(LABEL_W),
        bottom: area.bottom(),
    };
    let mut y = area.y;
    y = topics(frame, &g, y, f, i18n);
    y = text_areas(frame, &g, y, f, i18n);
    y = choices(frame, &g, y, f, i18n);
    amounts(frame, &g, y, area, f, i18n);
    message(frame, area, f, i18n);
}

fn topics(frame: &mut Frame, g: &Grid, y: u16, f: &ConsultationForm, i18n: &I18n) -> u16 {
    label(frame, g.x, y, f, CField::Topics, i18n);
    let topics = f.topics.labels().join("; ");
    g.line(
        frame,
        y,
        if topics.is_empty() {
            i18n.t("hint-topics")
        } else {
            topics.clone()
        },
        if topics.is_empty() {
            theme::dim()
        } else {
            Style::new()
        },
    );
    y + 1
}

/// Notes and advice, as many lines high as they have room for.
fn text_areas(frame: &mut Frame, g: &Grid, mut y: u16, f: &ConsultationForm, i18n: &I18n) -> u16 {
    for (field, edit, h) in [
        (CField::Notes, &f.notes, 4u16),
        (CField::Advice, &f.advice, 3u16),
    ] {
        if y + h > g.bottom {
            break;
        }
        label(frame, g.x, y, f, field, i18n);
        let rect = Rect::new(g.vx, y, g.vw, h);
        text_area(frame, rect, edit, f.focus == field);
        y += h;
    }
    y
}

/// Outcome, referral, legal bases and the follow-up date, a row each.
fn choices(frame: &mut Frame, g: &Grid, mut y: u16, f: &ConsultationForm, i18n: &I18n) -> u16 {
    let none = || i18n.t("value-none");
    label(frame, g.x, y, f, CField::Outcome, i18n);
    let outcome = f.choice_label(CField::Outcome);
    choice(frame, g.row(y), &outcome, f.focus == CField::Outcome);
    y += 1;
    label(frame, g.x, y, f, CField::Referral, i18n);
    let r = f.referral.labels().join("");
    g.line(
        frame,
        y,
        if r.is_empty() { none() } else { r },
        Style::new(),
    );
    y += 1;
    label(frame, g.x, y, f, CField::Bases, i18n);
    let b = f.bases.labels().join("; ");
    g.line(
        frame,
        y,
        if b.is_empty() { none() } else { b },
        Style::new(),
    );
    y += 1;
    label(frame, g.x, y, f, CField::FollowUp, i18n);
    if let Some(follow_up) = f.text_input(CField::FollowUp) {
        input(
            frame,
            g.row(y),
            follow_up,
            f.focus == CField::FollowUp,
            Some(i18n.t("hint-date")),
        );
    }
    y + 1
}

/// Claimed and recovered, each an amount and its currency.
fn amounts(frame: &mut Frame, g: &Grid, mut y: u16, area: Rect, f: &ConsultationForm, i18n: &I18n) {
    for (field, cur_field) in [
        (CField::Claimed, CField::ClaimedCurrency),
        (CField::Recovered, CField::RecoveredCurrency),
    ] {
        if y >= g.bottom {
            break;
        }
        label(frame, g.x, y, f, field, i18n);
        let amount_w = g.vw.saturating_sub(10).min(20);
        if let Some(inp) = f.text_input(field) {
            input(
                frame,
                Rect::new(g.vx, y, amount_w, 1),
                inp,
                f.focus == field,
                None,
            );
        }
        // The word the language writes after an amount (`руб.`), the code in English.
        let code = f.value(cur_field);
        let word = crate::domain::Currency::from_code(code)
            .map(|c| i18n.t(c.msg_id()))
            .unwrap_or_else(|| code.to_string());
        let cx = g.vx + amount_w + 1;
        if f.error(cur_field).is_none() && cx + 9 <= area.right() {
            choice(frame, Rect::new(cx, y, 9, 1), &word, f.focus == cur_field);
        }
        y += 1;
    }
}

/// The message line (the focused field's error or hint) and the required-fields note.
fn message(frame: &mut Frame, area: Rect, f: &ConsultationForm, i18n: &I18n) {
    let (x, bottom) = (area.x, area.bottom());
    if bottom >= area.y + 2 {
        let msg_y = bottom - 2;
        // Hints and errors are fitted with `…`: a translation never ends mid-word silently.
        let w = area.width as usize;
        let msg = if f.saving {
            Line::styled(text::fit(&i18n.t("form-saving"), w), theme::ok())
        } else if let Some(e) = f.error(f.focus) {
            Line::styled(
                text::fit(
                    &format!("{}: {}", i18n.t(f.focus.label()), i18n.t(e.msg_id())),
                    w,
                ),
                theme::error(),
            )
        } else {
            Line::styled(text::fit(&i18n.t(hint_for(f.focus)), w), theme::dim())
        };
        frame.render_widget(Paragraph::new(msg), Rect::new(x, msg_y, area.width, 1));
        frame.render_widget(
            Paragraph::new(i18n.t("form-required")).style(theme::dim()),
            Rect::new(x, msg_y + 1, area.width, 1),
        );
    }
}

fn hint_for(f: CField) -> &'static str {
    match f {
        CField::Topics | CField::Bases | CField::Referral => "hint-picker",
        CField::Notes | CField::Advice => "hint-text-area",
        CField::Outcome | CField::ClaimedCurrency | CField::RecoveredCurrency => "form-choice-hint",
        CField::FollowUp => "hint-date",
        CField::Claimed | CField::Recovered => "hint-amount",
    }
}

fn choice(frame: &mut Frame, rect: Rect, label: &str, focused: bool) {
    let line = if focused {
        Line::from(vec![
            Span::styled("◀ ", theme::key()),
            Span::raw(label.to_string()),
            Span::styled(" ▶", theme::key()),
        ])
    } else {
        Line::styled(label.to_string(), theme::input())
    };
    frame.render_widget(Paragraph::new(line), rect);
}

fn input(
    frame: &mut Frame,
    rect: Rect,
    inp: &tui_input::Input,
    focused: bool,
    hint: Option<String>,
) {
    let width = rect.width as usize;
    if inp.value().is_empty() && !focused {
        if let Some(h) = hint {
            frame.render_widget(
                Paragraph::new(text::fit(&h, width)).style(theme::dim()),
                rect,
            );
        }
        return;
    }
    let scroll = inp.visual_scroll(width.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(inp.value())
            .style(theme::input())
            .scroll((0, scroll as u16)),
        rect,
    );
    if focused {
        let x = inp.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position(Position::new(
            rect.x + x.min(rect.width.saturating_sub(1)),
            rect.y,
        ));
    }
}

/// Soft-wraps `edit` to `width` cells at word boundaries (a word wider than the field is
/// split); returns the visual lines and the cursor's (visual row, cell column).
pub fn wrap(edit: &TextEdit, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let (crow, ccol) = edit.cursor();
    let mut out = Vec::new();
    let mut cursor = (0, 0);
    for (r, line) in edit.lines().iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let widths: Vec<usize> = chars.iter().map(|c| c.width().unwrap_or(0)).collect();
        // Segments as char ranges [start, end).
        let mut segs = Vec::new();
        let mut start = 0;
        let mut used = 0;
        let mut i = 0;
        while i < chars.len() {
            if used + widths[i] > width && i > start {
                let brk = (start + 1..i)
                    .rev()
                    .find(|&p| chars[p - 1] == ' ')
                    .unwrap_or(i);
                segs.push((start, brk));
                start = brk;
                used = widths[start..i].iter().sum();
            }
            used += widths[i];
            i += 1;
        }
        segs.push((start, chars.len()));
        let first_row = out.len();
        for (k, &(a, b)) in segs.iter().enumerate() {
            let last = k + 1 == segs.len();
            if r == crow && ccol >= a && (ccol < b || (last && ccol == b)) {
                let cells: usize = widths[a..ccol].iter().sum();
                cursor = (first_row + k, cells);
            }
            out.push(chars[a..b].iter().collect::<String>());
        }
        if r == crow && cursor.0 == first_row + segs.len() - 1 && cursor.1 >= width {
            cursor = (out.len(), 0);
            out.push(String::new());
        }
    }
    (out, cursor)
}

fn text_area(frame: &mut Frame, rect: Rect, edit: &TextEdit, focused: bool) {
    let (lines, (vrow, vcol)) = wrap(edit, rect.width as usize);
    let h = rect.height as usize;
    let offset = if focused {
        (vrow + 1).saturating_sub(h)
    } else {
        0
    };
    let shown: Vec<Line> = lines
        .iter()
        .skip(offset)
        .take(h)
        .map(|l| Line::styled(l.clone(), theme::input()))
        .collect();
    let style = if focused { Style::new() } else { theme::dim() };
    let shown = if lines.iter().all(String::is_empty) {
        vec![Line::styled("…", theme::dim())]
    } else {
        shown
    };
    frame.render_widget(Paragraph::new(shown).style(style), rect);
    if focused {
        let y = rect.y + (vrow - offset) as u16;
        let x = rect.x + (vcol as u16).min(rect.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, y.min(rect.bottom().saturating_sub(1))));
    }
}

fn render_side(frame: &mut Frame, area: Rect, f: &ConsultationForm, i18n: &I18n) {
    let (title, picker): (String, Option<&Picker>) = match f.focus {
        CField::Topics => (i18n.t("field-topics"), Some(&f.topics)),
        CField::Referral => (i18n.t("field-referral"), Some(&f.referral)),
        CField::Bases => (i18n.t("field-legal-bases"), Some(&f.bases)),
        _ => (i18n.t("consultation-side"), None),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    match picker {
        Some(p) => {
            let filter = if p.filter.is_empty() {
                i18n.t("picker-type-to-filter")
            } else {
                i18n.t_args("picker-filter", &[("filter", p.filter.as_str().into())])
            };
            lines.push(Line::styled(text::fit(&filter, w), theme::dim()));
            let visible = p.visible();
            let room = (inner.height as usize).saturating_sub(1);
            let start = (p.cursor + 1).saturating_sub(room);
            for (pos, &i) in visible.iter().enumerate().skip(start).take(room) {
                let (code, label) = &p.options[i];
                let mark = match (p.multi, p.is_chosen(code)) {
                    (true, true) => "[x] ",
                    (true, false) => "[ ] ",
                    (false, true) => "(•) ",
                    (false, false) => "( ) ",
                };
                let style = if pos == p.cursor {
                    theme::selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(text::pad(&format!("{mark}{label}"), w), style));
            }
            if visible.is_empty() {
                lines.push(Line::styled(i18n.t("picker-no-match"), theme::dim()));
            }
        }
        None => {
            for id in [
                "consultation-keys-1",
                "consultation-keys-2",
                "consultation-keys-3",
            ] {
                lines.push(Line::styled(text::fit(&i18n.t(id), w), theme::dim()));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The visit's number as the queue shows it: with the letter of the desk that gave it.
fn queue_label(scene: &Scene, f: &ConsultationPage) -> String {
    let letter = match f.queue_desk {
        Some(desk) => scene.ctx.letter_of(desk),
        None => scene.ctx.desk_letter.clone(),
    };
    crate::domain::settings::queue_label(&letter, f.queue_no)
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::app::widgets::textedit::TextEdit;

    #[test]
    fn wraps_by_cells_and_places_the_cursor() {
        let t = TextEdit::new("абвгде\nжз");
        let (lines, cur) = wrap(&t, 4);
        assert_eq!(lines, vec!["абвг", "де", "жз"]);
        assert_eq!(cur, (2, 2));
        // Words move to the next line whole.
        let t = TextEdit::new("не платит три");
        let (lines, cur) = wrap(&t, 8);
        assert_eq!(lines, vec!["не ", "платит ", "три"]);
        assert_eq!(cur, (2, 3));
        let mut t = TextEdit::new("не платит три");
        t.edit(crate::app::keymap::Key::Home);
        for _ in 0..4 {
            t.edit(crate::app::keymap::Key::Right);
        }
        assert_eq!(wrap(&t, 8).1, (1, 1));
        let t = TextEdit::new("абвг");
        let (lines, cur) = wrap(&t, 4);
        assert_eq!(lines, vec!["абвг", ""]);
        assert_eq!(cur, (1, 0));
        let (lines, cur) = wrap(&TextEdit::new(""), 4);
        assert_eq!((lines, cur), (vec![String::new()], (0, 0)));
    }
}
