//! What the person card says was taken back: the queue moves of a visit undone (under
//! the visit) and the merges into the person unmerged (with the merges).

use ratatui::text::Line;

use super::screens::Scene;
use crate::domain::Visit;
use crate::domain::card::PersonCard;
use crate::domain::clock::Zone;
use crate::i18n::{Arg, I18n};
use crate::ui::{text, theme};

type Lines = Vec<Line<'static>>;

/// The moves of `visit` taken back, oldest first, in the zone the visit itself is shown in
/// (`zone`): the move is gone from the visit, so this is where it stays in
/// sight.
pub fn undone(
    lines: &mut Lines,
    card: &PersonCard,
    visit: &Visit,
    zone: Zone,
    i18n: &I18n,
    w: usize,
) {
    for u in card.undone.iter().filter(|u| u.visit == visit.meta.id) {
        let s = i18n.t_args(
            "card-undone",
            &[
                ("when", Arg::Str(zone.date_time(u.at, i18n.language()))),
                ("undone", Arg::Msg(u.undone.status.msg_id())),
                ("status", Arg::Msg(u.back_to.msg_id())),
                ("officer", Arg::Str(u.officer.clone())),
            ],
        );
        lines.push(Line::styled(
            text::fit(&format!("    {s}"), w),
            theme::dim(),
        ));
    }
}

/// The merges into this person taken back, oldest first: who came out, when they had been
/// merged, and who took them back out when.
pub fn unmerged(lines: &mut Lines, card: &PersonCard, scene: &Scene, i18n: &I18n, w: usize) {
    // Of no event: the desk's day (`Zone::desk`).
    let day = |t| Arg::Str(i18n.date(scene.desk_zone().date(t)));
    for u in &card.unmerged {
        let s = i18n.t_args(
            "card-unmerged",
            &[
                ("name", Arg::Str(u.merge.gone.fields.full_name())),
                ("merged", day(u.merge.at)),
                ("date", day(u.at)),
                ("officer", Arg::Str(u.officer.clone())),
            ],
        );
        lines.push(Line::raw(""));
        // Wrapped, not cut: the last words say the record is on its own card again.
        for l in text::wrap(&s, w) {
            lines.push(Line::styled(l, theme::dim()));
        }
    }
}
