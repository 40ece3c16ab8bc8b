//! Drafts: the open form written out as it is typed, and a draft read back at start
//! reopened over the pages it came from.

use super::super::msg::{Effect, Request};
use super::super::page::Page;
use super::super::pages::{
    appeal_form, arrival, consultation::ConsultationPage, event_form, member, queue,
};
use super::super::state::{FlashKind, State};
use crate::domain::Id;
use crate::domain::draft::{AppealByName, Draft, DraftForm, MemberByName, name_positional};

/// The open form as a draft, if a form is open.
pub fn current_draft(state: &State) -> Option<Draft> {
    Some(Draft {
        saved_at: state.now,
        form: state.top().draft()?,
    })
}

/// The draft to write on the way out (a signal, a closed terminal): the open form, if it
/// changed since the last draft was written. Marks it written.
pub fn closing_draft(state: &mut State) -> Option<Draft> {
    if !state.draft_dirty {
        return None;
    }
    let d = current_draft(state)?;
    state.draft_dirty = false;
    Some(d)
}

/// Opens pages over the stack; each one's effects are its own.
fn open_pages(state: &mut State, pages: Vec<(Page, Vec<Effect>)>) -> Vec<Request> {
    let mut requests = vec![];
    for (page, effects) in pages {
        let id = state.push(page);
        requests.extend(effects.into_iter().map(|e| Request::page(id, e)));
    }
    requests
}

/// The event's queue, to open behind a restored form so that leaving it returns there.
fn queue_behind(state: &State, event: Id) -> Option<(Page, Vec<Effect>)> {
    let ev = state
        .events()
        .list
        .iter()
        .find(|e| e.meta.id == event)
        .cloned()?;
    Some((
        Page::Queue(queue::loading(ev)),
        vec![Effect::LoadQueue(event)],
    ))
}

pub(super) fn restore_draft(state: &mut State, draft: Draft) -> Vec<Request> {
    let tax = state.ctx.taxonomy.clone();
    let lang = state.ctx.language;
    let orphan = |state: &mut State| {
        state.flash("flash-draft-orphan", vec![], FlashKind::Error);
        vec![Request::app(Effect::ClearDraft)]
    };
    let pages = match by_name(draft.form) {
        DraftForm::EventByName { values } => {
            let Some((_, _, cx)) = state.split(None) else {
                return vec![];
            };
            vec![(Page::EventForm(event_form::restore(&cx, &values)), vec![])]
        }
        DraftForm::ArrivalByName {
            event,
            values,
            linked,
        } => {
            let Some(queue) = queue_behind(state, event) else {
                return orphan(state);
            };
            vec![
                queue,
                (
                    Page::Arrival(arrival::restore(event, lang, &values, linked)),
                    vec![],
                ),
            ]
        }
        DraftForm::Consultation(d) => {
            let Some(queue) = queue_behind(state, d.event) else {
                return orphan(state);
            };
            let mut form = ConsultationPage::new(&tax, lang, &d);
            form.restored = true;
            vec![queue, (Page::Consultation(form), vec![])]
        }
        DraftForm::AppealByName(d) => appeal_form::restore(&tax, lang, &d),
        DraftForm::MemberByName(d) => member::restore(&d),
        // `by_name` made these by-name drafts.
        DraftForm::Event { .. }
        | DraftForm::Arrival { .. }
        | DraftForm::Appeal(_)
        | DraftForm::Member(_) => vec![],
    };
    open_pages(state, pages)
}

/// A draft written before forms named their fields, with its values named by the order
/// its form had then.
fn by_name(form: DraftForm) -> DraftForm {
    match form {
        DraftForm::Event { values } => DraftForm::EventByName {
            values: name_positional(&event_form::POSITIONAL, &values),
        },
        DraftForm::Arrival {
            event,
            values,
            linked,
        } => DraftForm::ArrivalByName {
            event,
            values: name_positional(&arrival::POSITIONAL, &values),
            linked,
        },
        DraftForm::Appeal(d) => DraftForm::AppealByName(Box::new(AppealByName {
            existing: d.existing,
            from: d.from,
            person_name: d.person_name,
            values: name_positional(&appeal_form::POSITIONAL, &d.values),
        })),
        DraftForm::Member(d) => DraftForm::MemberByName(Box::new(MemberByName {
            appeal: d.appeal,
            appeal_title: d.appeal_title,
            existing: d.existing,
            values: name_positional(&member::POSITIONAL, &d.values),
            linked: d.linked,
        })),
        named @ (DraftForm::Consultation(_)
        | DraftForm::EventByName { .. }
        | DraftForm::ArrivalByName { .. }
        | DraftForm::AppealByName(_)
        | DraftForm::MemberByName(_)) => named,
    }
}
