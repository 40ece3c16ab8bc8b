//! One file per screen: its data, what its keys do, what it does with the results of
//! the effects it asked for, its draft and whether leaving it loses anything. The
//! dispatch over all of them is `page.rs`.

pub mod appeal;
pub mod appeal_form;
pub mod appeals;
pub mod arrival;
pub mod backup;
pub mod card;
pub mod close;
pub mod conflicts;
pub mod consultation;
pub mod dashboard;
pub mod event_form;
pub mod events;
pub mod exchange;
pub mod export;
pub mod follow_ups;
pub mod history;
pub mod import;
pub mod member;
pub mod person_form;
pub mod queue;
pub mod search;
pub mod settings;

pub use appeal::AppealPage;
pub use appeal_form::AppealFormPage;
pub use appeals::AppealsPage;
pub use arrival::ArrivalPage;
pub use backup::BackupPage;
pub use card::{CardPage, CardView};
pub use close::ClosePage;
pub use conflicts::ConflictsPage;
pub use consultation::ConsultationPage;
pub use dashboard::DashboardPage;
pub use event_form::EventFormPage;
pub use events::EventsPage;
pub use exchange::ExchangePage;
pub use export::ExportPage;
pub use follow_ups::FollowUpsPage;
pub use history::HistoryPage;
pub use import::ImportPage;
pub use member::MemberPage;
pub use person_form::PersonFormPage;
pub use queue::QueuePage;
pub use search::SearchPage;
pub use settings::SettingsPage;

use super::keymap::Command;
use super::page::Outcome;
use super::state::{Cx, Overlay};
use super::widgets::form::{FieldName, Form};

/// What a command means to a single-line form.
pub(crate) enum FormStep {
    /// Handled inside the form (focus moved).
    Moved,
    Leave,
    Save,
    Other,
}

/// Field navigation shared by the single-line forms: Tab/arrows move, Enter moves on and
/// saves on the last field, Esc leaves.
pub(crate) fn form_step<F: FieldName>(form: &mut Form<F>, command: Command) -> FormStep {
    match command {
        Command::NextField => form.focus_next(),
        Command::PrevField => form.focus_prev(),
        Command::Enter if !form.is_last_focused() => form.focus_next(),
        Command::Enter | Command::Save => return FormStep::Save,
        Command::Back => return FormStep::Leave,
        _ => return FormStep::Other,
    }
    FormStep::Moved
}

/// Leaves a form, asking first if anything was typed; `leave` is how it closes.
pub(crate) fn leave_form(cx: &mut Cx, dirty: bool, leave: Outcome) -> Outcome {
    if dirty {
        *cx.overlay = Some(Overlay::ConfirmDiscard);
        Outcome::none()
    } else {
        leave
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drafts written before forms named their fields are read by these frozen orders:
    /// each name in them must still be a field's name, or its value would be dropped.
    #[test]
    fn the_frozen_positional_orders_name_fields_the_forms_have() {
        fn known<F: FieldName>(order: &[&str]) {
            for n in order {
                assert!(F::ALL.iter().any(|f| f.name() == *n), "{n}");
            }
        }
        known::<event_form::EventFormField>(&event_form::POSITIONAL);
        known::<arrival::ArrivalField>(&arrival::POSITIONAL);
        known::<appeal_form::AppealFormField>(&appeal_form::POSITIONAL);
        known::<member::MemberFormField>(&member::POSITIONAL);
    }
}
