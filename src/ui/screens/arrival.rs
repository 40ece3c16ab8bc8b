//! An arrival at the queue: the person fields and their matches.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::I18n;
use crate::ui::form::render_person_form;

/// Titled by the event whose queue it opened over.
pub fn render(frame: &mut Frame, area: Rect, a: &ArrivalPage, scene: &Scene, i18n: &I18n) {
    let title = match scene.event {
        Some(e) => format!(
            " {} — {} · {} ",
            i18n.t("screen-arrival-form"),
            i18n.date(e.fields.date),
            e.fields.city
        ),
        None => format!(" {} ", i18n.t("screen-arrival-form")),
    };
    render_person_form(frame, area, &title, &a.form, &a.lookup, a.saving, i18n);
}
