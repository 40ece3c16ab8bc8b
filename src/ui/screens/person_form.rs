//! Correcting a person's details: the person fields, titled with the name as it is.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_form;
use crate::ui::parts::boxed;

pub fn render(frame: &mut Frame, area: Rect, p: &PersonFormPage, _scene: &Scene, i18n: &I18n) {
    let title = format!(
        "{} — {}",
        i18n.t("screen-person-edit"),
        p.person.fields.full_name()
    );
    let inner = boxed(frame, area, &title);
    render_form(frame, inner, &p.form, p.saving, i18n);
}
