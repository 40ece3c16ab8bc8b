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
