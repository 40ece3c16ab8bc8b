//! A new collective appeal (perhaps from a consultation), or one edited.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form::render_form;
use crate::ui::parts::boxed;

pub fn render(frame: &mut Frame, area: Rect, f: &AppealFormPage, _scene: &Scene, i18n: &I18n) {
    let title = match (&f.existing, &f.from) {
        (Some(_), _) => i18n.t("screen-appeal-edit"),
        (None, Some(j)) => i18n.t_args(
            "screen-appeal-new-from",
            &[("name", Arg::Str(j.person_name.clone()))],
        ),
        (None, None) => i18n.t("screen-appeal-new"),
    };
    let inner = boxed(frame, area, &title);
    render_form(frame, inner, &f.form, f.saving, i18n);
}
