//! A member of a collective appeal, added or edited: the person fields and their matches.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Scene;
use crate::app::pages::*;
use crate::i18n::{Arg, I18n};
use crate::ui::form::render_person_form;

pub fn render(frame: &mut Frame, area: Rect, m: &MemberPage, _scene: &Scene, i18n: &I18n) {
    let id = if m.existing.is_some() {
        "screen-member-edit"
    } else {
        "screen-member-new"
    };
    let title = format!(
        " {} ",
        i18n.t_args(id, &[("appeal", Arg::Str(m.appeal_title.clone()))])
    );
    render_person_form(frame, area, &title, &m.form, &m.lookup, m.saving, i18n);
}
