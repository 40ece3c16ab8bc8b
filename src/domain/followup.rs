//! The follow-up list: every open consultation or appeal with a date, soonest first.

pub mod list;

use chrono::NaiveDate;

use super::appeal::Appeal;
use super::consultation::Consultation;
use super::ids::Id;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FollowUpKind {
    Consultation,
    Appeal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub due: NaiveDate,
    pub kind: FollowUpKind,
    pub id: Id,
    pub overdue: bool,
}

/// Open follow-ups, ordered by due date, then consultations before appeals, then by id
/// (creation order), so the list is stable.
pub fn follow_ups<'a>(
    consultations: impl IntoIterator<Item = &'a Consultation>,
    appeals: impl IntoIterator<Item = &'a Appeal>,
    today: NaiveDate,
) -> Vec<FollowUp> {
    let mut out: Vec<FollowUp> = consultations
        .into_iter()
        .filter(|c| c.fields.follow_up_open())
        .filter_map(|c| {
            c.fields.follow_up.map(|due| FollowUp {
                due,
                kind: FollowUpKind::Consultation,
                id: c.meta.id,
                overdue: due < today,
            })
        })
        .chain(
            appeals
                .into_iter()
                .filter(|a| a.fields.follow_up.is_some() && a.fields.follow_up_closed.is_none())
                .filter_map(|a| {
                    a.fields.follow_up.map(|due| FollowUp {
                        due,
                        kind: FollowUpKind::Appeal,
                        id: a.meta.id,
                        overdue: due < today,
                    })
                }),
        )
        .collect();
    out.sort_by_key(|f| (f.due, f.kind, f.id));
    out
}
