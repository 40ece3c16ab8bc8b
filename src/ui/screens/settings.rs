//! The desk's settings (and the first start's greeting): name, letter, officer, language.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, p: &SettingsPage, _scene: &Scene, i18n: &I18n) {
    let title = if p.first {
        "screen-first-start"
    } else {
        "screen-settings"
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(
            &format!(" {} ", i18n.t(title)),
            area.width.saturating_sub(2) as usize,
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [intro, form] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
    let about = match p.first {
        true => i18n.t("settings-first-start"),
        false => i18n.t("settings-about"),
    };
    frame.render_widget(Paragraph::new(about).wrap(Wrap { trim: true }), intro);
    render_form(frame, form, &p.form, p.saving, i18n);
}
