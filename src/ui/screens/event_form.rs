//! A new consular event (date, place, hosts), or one edited.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_form;
use crate::ui::theme;

pub fn render(frame: &mut Frame, area: Rect, f: &EventFormPage, _scene: &Scene, i18n: &I18n) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", i18n.t("screen-event-form")))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_form(frame, inner, &f.form, f.saving, i18n);
}
