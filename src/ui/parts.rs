//! Drawing pieces more than one screen shares: a titled box, a date, a record's history.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::domain::Lang;
use crate::domain::clock::Zone;
use crate::domain::history::{Subject, Value, Version};
use crate::domain::taxonomy::Taxonomy;
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

/// A bordered box titled `title` (fitted to its width); returns the area inside.
pub fn boxed(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {title} "),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub fn date(d: Option<chrono::NaiveDate>, i18n: &I18n) -> String {
    d.map(|d| i18n.date(d)).unwrap_or_default()
}

fn value_text(v: &Value, tax: &Taxonomy, lang: Lang, i18n: &I18n) -> String {
    i18n.history_value(v, tax, lang)
}

/// A version as lines: a heading (when, who, what) and one line per changed field.
pub fn version_lines(
    v: &Version,
    tax: &Taxonomy,
    lang: Lang,
    zone: Zone,
    i18n: &I18n,
    w: usize,
) -> Vec<Line<'static>> {
    let when = zone.date_time(v.at, i18n.language());
    let what = match (&v.subject, v.is_creation()) {
        (Subject::Member(name), true) => {
            i18n.t_args("history-member-added", &[("name", Arg::Str(name.clone()))])
        }
        (Subject::Member(name), false) => i18n.t_args(
            "history-member-changed",
            &[("name", Arg::Str(name.clone()))],
        ),
        (_, true) => i18n.t("history-created"),
        (_, false) => i18n.t_args("history-version", &[("version", v.rev.into())]),
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{when} "), theme::dim()),
        Span::styled(
            text::fit(
                // A person's first version was saved with an arrival: no officer is known.
                &match v.officer.is_empty() {
                    true => what,
                    false => format!("{} · {what}", v.officer),
                },
                w.saturating_sub(text::width(&when) + 1),
            ),
            theme::focused_label(),
        ),
    ])];
    for c in &v.changes {
        let s = format!(
            "  {}: {} → {}",
            i18n.t(c.field),
            value_text(&c.before, tax, lang, i18n),
            value_text(&c.after, tax, lang, i18n)
        );
        out.push(Line::raw(text::fit(&s, w)));
    }
    out
}

/// The rows of a table `height` cells high (its one header row included) that ratatui
/// shows from a fresh `TableState` with `selected` selected: from the top until the
/// selection passes the first screenful, then with the selected row at the bottom. Only
/// these are built, so that a frame's work and memory are a screenful's whatever the
/// length of the list (a day's queue of 25,000 visits built 175,000 cells a frame).
pub fn visible_rows(len: usize, selected: usize, height: u16) -> std::ops::Range<usize> {
    let fit = usize::from(height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(fit - 1).min(len);
    first..(first + fit).min(len)
}

#[cfg(test)]
mod tests {
    use super::visible_rows;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Constraint;
    use ratatui::widgets::{Row, Table, TableState};

    /// The rows ratatui itself shows of all `len` rows with a fresh state.
    fn ratatui_shows(len: usize, selected: usize, height: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(8, height)).unwrap();
        t.draw(|f| {
            let rows = (0..len).map(|i| Row::new([i.to_string()]));
            let table = Table::new(rows, [Constraint::Length(8)]).header(Row::new(["h"]));
            let mut ts = TableState::default().with_selected(Some(selected));
            f.render_stateful_widget(table, f.area(), &mut ts);
        })
        .unwrap();
        let buf = t.backend().buffer();
        (1..height)
            .map(|y| (0..8).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn the_rows_built_are_the_rows_ratatui_shows() {
        for (len, height) in [(0, 5), (1, 5), (4, 5), (5, 5), (40, 5), (40, 24), (3, 1)] {
            for selected in 0..len.max(1) {
                let range = visible_rows(len, selected, height);
                let ours: Vec<String> = range.clone().map(|i| i.to_string()).collect();
                let theirs = ratatui_shows(len, selected, height);
                assert_eq!(
                    ours[..theirs.len().min(ours.len())],
                    theirs[..],
                    "{len} rows, selected {selected}, {height} high: {range:?}"
                );
                if len > 0 {
                    assert!(range.contains(&selected), "{len} {selected} {height}");
                }
            }
        }
    }
}
