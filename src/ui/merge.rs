//! The merge confirmation: both persons side by side, what differs marked, the answer
//! keys under them. A merge joins two people's records; the officer sees which two.
//! Taking a merge back asks the same way, about the same two.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{overlay, text, theme};
use crate::app::State;
use crate::domain::{PersonFields, Sex};
use crate::i18n::{Arg, I18n};

/// What marks a row that differs (the legend says it).
const DIFFERS: &str = "≠";

/// One compared row: its label, the person kept, the duplicate.
struct Row {
    label: String,
    into: String,
    gone: String,
}

impl Row {
    fn differs(&self) -> bool {
        self.into != self.gone
    }
}

fn rows(into: &PersonFields, gone: &PersonFields, i18n: &I18n) -> Vec<Row> {
    let none = || "—".to_string();
    let date = |p: &PersonFields| p.birth_date.map_or_else(none, |d| i18n.date(d));
    let doc = |p: &PersonFields| p.document.clone().unwrap_or_else(none);
    let sex = |s: Sex| i18n.t(s.msg_id());
    let row = |label: &str, into: String, gone: String| Row {
        label: i18n.t(label),
        into,
        gone,
    };
    vec![
        row("confirm-merge-name", into.full_name(), gone.full_name()),
        row("field-sex", sex(into.sex), sex(gone.sex)),
        row("field-birth-date", date(into), date(gone)),
        row("field-document", doc(into), doc(gone)),
    ]
}

/// What one side-by-side question says: its title, the sentence, the two columns' heads
/// and the two persons.
struct Sides<'a> {
    title: String,
    question: String,
    heads: [String; 2],
    into: &'a PersonFields,
    gone: &'a PersonFields,
}

/// The table: a header of the two columns, then one line per compared field.
fn table(rows: &[Row], width: usize, heads: &[String; 2]) -> Vec<Line<'static>> {
    let label_w = rows
        .iter()
        .map(|r| text::width(&r.label))
        .max()
        .unwrap_or(0);
    // " label  into  gone  ≠": what is left is shared by the two columns.
    let col = width.saturating_sub(label_w + 8) / 2;
    let cell = |s: &str| text::pad(&text::fit(s, col), col);
    let mut lines = vec![Line::styled(
        format!(
            " {}  {}  {}",
            " ".repeat(label_w),
            cell(&heads[0]),
            cell(&heads[1])
        ),
        theme::title(),
    )];
    for r in rows {
        let style = if r.differs() {
            theme::error()
        } else {
            ratatui::style::Style::new()
        };
        let mark = if r.differs() { DIFFERS } else { " " };
        lines.push(Line::from(vec![
            Span::styled(format!(" {}  ", text::pad(&r.label, label_w)), theme::dim()),
            Span::styled(
                format!("{}  {}  {mark}", cell(&r.into), cell(&r.gone)),
                style,
            ),
        ]));
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let Some(m) = &state.pending_merge else {
        return;
    };
    let question = i18n.t_args(
        "confirm-merge",
        &[
            ("into", Arg::Str(m.into_name.clone())),
            ("gone", Arg::Str(m.gone_name.clone())),
        ],
    );
    let sides = Sides {
        title: i18n.t("confirm-merge-title"),
        question,
        heads: [i18n.t("confirm-merge-stays"), i18n.t("confirm-merge-goes")],
        into: &m.into_fields,
        gone: &m.gone_fields,
    };
    dialog(frame, area, state, i18n, &sides);
}

/// Taking back the latest merge into the person on the card: the record that comes back
/// as it was merged, beside the person as they stand now.
pub fn render_unmerge(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n) {
    let Some(u) = &state.pending_unmerge else {
        return;
    };
    let date = i18n.date(state.zone().date(u.note.at));
    let mut question = i18n.t_args(
        "confirm-unmerge",
        &[
            ("into", Arg::Str(u.into.fields.full_name())),
            ("gone", Arg::Str(u.note.gone.fields.full_name())),
            ("date", Arg::Str(date)),
            ("officer", Arg::Str(u.note.officer.clone())),
        ],
    );
    if u.merges > 1 {
        let latest = i18n.t_args("confirm-unmerge-latest", &[("count", u.merges.into())]);
        question = format!("{question} {latest}");
    }
    let sides = Sides {
        title: i18n.t("confirm-unmerge-title"),
        question,
        heads: [
            i18n.t("confirm-merge-stays"),
            i18n.t("confirm-unmerge-comes-back"),
        ],
        into: &u.into.fields,
        gone: &u.note.gone.fields,
    };
    dialog(frame, area, state, i18n, &sides);
}

fn dialog(frame: &mut Frame, area: Rect, state: &State, i18n: &I18n, d: &Sides) {
    let width = area.width.saturating_sub(4).min(78);
    let text_w = usize::from(width.saturating_sub(2));
    let body = text::wrap(&d.question, text_w);
    let rows = rows(d.into, d.gone, i18n);
    let table = table(&rows, text_w, &d.heads);
    let legend = text::wrap(
        &format!(
            "{DIFFERS} {} · {}",
            i18n.t("confirm-merge-differs"),
            overlay::confirm_legend(state, i18n)
        ),
        text_w,
    );
    // The table and the keys first: on a short terminal the sentence gives way.
    let need = body.len() + table.len() + legend.len() + 4;
    let height = u16::try_from(need).unwrap_or(u16::MAX).min(area.height);
    let rect = overlay::centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", d.title))
        .title_style(theme::error());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let room = usize::from(inner.height).saturating_sub(table.len() + legend.len() + 2);
    let mut lines: Vec<Line> = body.into_iter().take(room).map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.extend(table);
    lines.push(Line::raw(""));
    lines.extend(legend.into_iter().map(|l| Line::styled(l, theme::dim())));
    frame.render_widget(Paragraph::new(lines), inner);
}
