//! The desk's settings (and the first start's greeting): name, letter, officer, language.

use crate::ui::parts::boxed;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_form;

pub fn render(frame: &mut Frame, area: Rect, p: &SettingsPage, _scene: &Scene, i18n: &I18n) {
    let title = if p.first {
        "screen-first-start"
    } else {
        "screen-settings"
    };
    let inner = boxed(frame, area, &i18n.t(title));
    let [intro, form] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
    let about = match p.first {
        true => i18n.t("settings-first-start"),
        false => i18n.t("settings-about"),
    };
    frame.render_widget(Paragraph::new(about).wrap(Wrap { trim: true }), intro);
    render_form(frame, form, &p.form, p.saving, i18n);
}
