//! Closing a follow-up: the outcome and what was recovered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_form;
use crate::ui::{text, theme};

pub fn render(frame: &mut Frame, area: Rect, c: &ClosePage, _scene: &Scene, i18n: &I18n) {
    let title = format!(" {} — {} ", i18n.t("screen-close-follow-up"), c.title);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::fit(&title, area.width.saturating_sub(2) as usize))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_form(frame, inner, &c.form, c.saving, i18n);
}
