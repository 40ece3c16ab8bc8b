//! The one place that knows every kind of screen. Each arm hands the call to the page's
//! own file in `pages/`; there is no catch-all arm, so a new variant makes the compiler
//! point at every question a screen has to answer (keys, text, paste, results, drafts,
//! leaving, waiting, help).

use super::keymap::{Command, Key, KeyMode};
use super::msg::{Action, Effect};
use super::pages::{
    AppealFormPage, AppealPage, AppealsPage, ArrivalPage, BackupPage, CardPage, ClosePage,
    ConflictsPage, ConsultationPage, DashboardPage, EventFormPage, EventsPage, ExchangePage,
    ExportPage, FollowUpsPage, HistoryPage, ImportPage, MemberPage, PersonFormPage, QueuePage,
    SearchPage, SettingsPage,
};
use super::state::{Cx, Screen};
use crate::domain::draft::DraftForm;
use crate::domain::{AppealMember, Event, Id, QueueEntry};

mod outcome;

// A handful of pages are alive at once (the stack of open screens), so a kilobyte per page
// is nothing; the dashboard's tally, which made it the largest, is no longer kept in it.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Page {
    Events(EventsPage),
    Queue(QueuePage),
    EventForm(EventFormPage),
    Arrival(ArrivalPage),
    Consultation(ConsultationPage),
    FollowUps(FollowUpsPage),
    Card(CardPage),
    Close(ClosePage),
    Appeals(AppealsPage),
    Appeal(AppealPage),
    AppealForm(AppealFormPage),
    Member(MemberPage),
    History(HistoryPage),
    Search(SearchPage),
    Dashboard(DashboardPage),
    Export(ExportPage),
    Import(ImportPage),
    Backup(BackupPage),
    Exchange(ExchangePage),
    Conflicts(ConflictsPage),
    Settings(SettingsPage),
    PersonForm(PersonFormPage),
}

/// What a page's handler asks for: effects (their results come back to the page on top
/// once `nav` is done) and where to go.
#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub nav: Nav,
}

#[derive(Debug, Default)]
pub enum Nav {
    #[default]
    Stay,
    /// Opens a page over this one.
    Push(Box<Page>),
    /// This page gives its place to another (the pages under it stay).
    Replace(Box<Page>),
    /// Closes this page. `reload`: the page shown again reads what may have changed
    /// while it was covered. `with`: what it is told of (a record saved, say).
    Pop {
        reload: bool,
        with: Option<Returned>,
    },
}

/// What a closing page hands to the page under it.
#[derive(Clone, Debug)]
pub enum Returned {
    /// The event form saved this event: its queue opens.
    EventCreated(Event),
    /// The arrival form saved this visit: the queue shows it.
    ArrivalSaved(Box<QueueEntry>),
    /// The member form saved this member: the appeal selects it.
    MemberSaved(Box<AppealMember>),
    /// A duplicate was merged into this person: the card shows them.
    Merged { into: Id },
}

/// Gets one kind of page out of a `Page` (`State::page::<QueuePage>()`).
pub trait PageKind: Sized {
    fn of(page: &Page) -> Option<&Self>;
    fn of_mut(page: &mut Page) -> Option<&mut Self>;
}

macro_rules! page_kinds {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl PageKind for $ty {
            fn of(page: &Page) -> Option<&Self> {
                match page {
                    Page::$variant(p) => Some(p),
                    _ => None,
                }
            }
            fn of_mut(page: &mut Page) -> Option<&mut Self> {
                match page {
                    Page::$variant(p) => Some(p),
                    _ => None,
                }
            }
        })*
    };
}

page_kinds!(
    Events(EventsPage),
    Queue(QueuePage),
    EventForm(EventFormPage),
    Arrival(ArrivalPage),
    Consultation(ConsultationPage),
    FollowUps(FollowUpsPage),
    Card(CardPage),
    Close(ClosePage),
    Appeals(AppealsPage),
    Appeal(AppealPage),
    AppealForm(AppealFormPage),
    Member(MemberPage),
    History(HistoryPage),
    Search(SearchPage),
    Dashboard(DashboardPage),
    Export(ExportPage),
    Import(ImportPage),
    Backup(BackupPage),
    Exchange(ExchangePage),
    Conflicts(ConflictsPage),
    Settings(SettingsPage),
    PersonForm(PersonFormPage),
);

impl Page {
    pub fn screen(&self) -> Screen {
        match self {
            Page::Events(_) => Screen::Events,
            Page::Queue(_) => Screen::Queue,
            Page::EventForm(_) => Screen::EventForm,
            Page::Arrival(_) => Screen::ArrivalForm,
            Page::Consultation(_) => Screen::Consultation,
            Page::FollowUps(_) => Screen::FollowUps,
            Page::Card(_) => Screen::PersonCard,
            Page::Close(_) => Screen::CloseFollowUp,
            Page::Appeals(_) => Screen::Appeals,
            Page::Appeal(_) => Screen::Appeal,
            Page::AppealForm(_) => Screen::AppealForm,
            Page::Member(_) => Screen::MemberForm,
            Page::History(_) => Screen::History,
            Page::Search(_) => Screen::Search,
            Page::Dashboard(_) => Screen::Dashboard,
            Page::Export(_) => Screen::Export,
            Page::Import(_) => Screen::Import,
            Page::Backup(_) => Screen::Backup,
            Page::Exchange(_) => Screen::Exchange,
            Page::Conflicts(_) => Screen::Conflicts,
            Page::Settings(_) => Screen::Settings,
            Page::PersonForm(_) => Screen::PersonForm,
        }
    }

    /// The key table of this page (and the keys its help lists).
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Page::Events(_) => KeyMode::Events,
            Page::Queue(_) => KeyMode::Queue,
            Page::EventForm(_) => KeyMode::EventForm,
            Page::Arrival(_) => KeyMode::ArrivalForm,
            Page::Consultation(p) => p.key_mode(),
            Page::FollowUps(_) => KeyMode::FollowUps,
            Page::Card(_) => KeyMode::PersonCard,
            Page::Close(_) => KeyMode::CloseForm,
            Page::Appeals(_) => KeyMode::Appeals,
            Page::Appeal(_) => KeyMode::Appeal,
            Page::AppealForm(_) => KeyMode::AppealForm,
            Page::Member(_) => KeyMode::MemberForm,
            Page::History(_) => KeyMode::History,
            Page::Search(_) => KeyMode::Search,
            Page::Dashboard(_) => KeyMode::Dashboard,
            Page::Export(p) if p.job.is_some() => KeyMode::JobRunning,
            Page::Export(_) => KeyMode::ExportForm,
            Page::Import(p) if p.running.is_some() => KeyMode::JobRunning,
            Page::Import(_) => KeyMode::ImportForm,
            Page::Backup(p) if p.running.is_some() => KeyMode::JobRunning,
            Page::Backup(_) => KeyMode::BackupForm,
            Page::Exchange(_) => KeyMode::BackupForm,
            Page::Conflicts(p) => p.key_mode(),
            Page::Settings(_) | Page::PersonForm(_) => KeyMode::CloseForm,
        }
    }

    /// The message id of the screen's name (help's title).
    pub fn title_id(&self) -> &'static str {
        match self {
            Page::Events(_) => "screen-events",
            Page::Queue(_) => "screen-queue",
            Page::EventForm(_) => "screen-event-form",
            Page::Arrival(_) => "screen-arrival-form",
            Page::Consultation(_) => "screen-consultation",
            Page::FollowUps(_) => "screen-follow-ups",
            Page::Card(_) => "screen-person-card",
            Page::Close(_) => "screen-close-follow-up",
            Page::Appeals(_) => "screen-appeals",
            Page::Appeal(_) => "screen-appeal",
            Page::AppealForm(_) => "screen-appeal-edit",
            Page::Member(_) => "screen-member",
            Page::History(_) => "screen-history",
            Page::Search(_) => "screen-search",
            Page::Dashboard(_) => "screen-dashboard",
            Page::Export(_) => "screen-export",
            Page::Import(_) => "screen-import",
            Page::Backup(_) => "screen-backup",
            Page::Exchange(_) => "screen-exchange",
            Page::Conflicts(_) => "screen-conflicts",
            Page::Settings(_) => "screen-settings",
            Page::PersonForm(_) => "screen-person-edit",
        }
    }

    pub fn on_command(&mut self, cx: &mut Cx, c: Command) -> Outcome {
        match self {
            Page::Events(p) => p.on_command(cx, c),
            Page::Queue(p) => p.on_command(cx, c),
            Page::EventForm(p) => p.on_command(cx, c),
            Page::Arrival(p) => p.on_command(cx, c),
            Page::Consultation(p) => p.on_command(cx, c),
            Page::FollowUps(p) => p.on_command(cx, c),
            Page::Card(p) => p.on_command(cx, c),
            Page::Close(p) => p.on_command(cx, c),
            Page::Appeals(p) => p.on_command(cx, c),
            Page::Appeal(p) => p.on_command(cx, c),
            Page::AppealForm(p) => p.on_command(cx, c),
            Page::Member(p) => p.on_command(cx, c),
            Page::History(p) => p.on_command(c),
            Page::Search(p) => p.on_command(cx, c),
            Page::Dashboard(p) => p.on_command(cx, c),
            Page::Export(p) => p.on_command(cx, c),
            Page::Import(p) => p.on_command(cx, c),
            Page::Backup(p) => p.on_command(cx, c),
            Page::Exchange(p) => p.on_command(cx, c),
            Page::Conflicts(p) => p.on_command(cx, c),
            Page::Settings(p) => p.on_command(cx, c),
            Page::PersonForm(p) => p.on_command(cx, c),
        }
    }

    /// A key that is no command, typed into the focused field.
    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        match self {
            Page::EventForm(p) => p.on_text(cx, key),
            Page::Arrival(p) => p.on_text(cx, key),
            Page::Consultation(p) => p.on_text(cx, key),
            Page::Close(p) => p.on_text(key),
            Page::AppealForm(p) => p.on_text(cx, key),
            Page::Member(p) => p.on_text(cx, key),
            Page::Search(p) => p.on_text(key),
            Page::Export(p) => p.on_text(key),
            Page::Import(p) => p.on_text(key),
            Page::Backup(p) => p.on_text(key),
            Page::Exchange(p) => p.on_text(key),
            Page::Settings(p) => p.on_text(key),
            Page::PersonForm(p) => p.on_text(key),
            // Lists take no text.
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_) => Outcome::none(),
        }
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        match self {
            Page::EventForm(p) => p.on_paste(cx, text),
            Page::Arrival(p) => p.on_paste(cx, text),
            Page::Consultation(p) => p.on_paste(cx, text),
            Page::Close(p) => p.on_paste(text),
            Page::AppealForm(p) => p.on_paste(cx, text),
            Page::Member(p) => p.on_paste(cx, text),
            Page::Search(p) => p.on_paste(text),
            Page::Backup(p) => p.on_paste(text),
            Page::Exchange(p) => p.on_paste(text),
            Page::Settings(p) => p.on_paste(text),
            Page::PersonForm(p) => p.on_paste(text),
            // A path is typed, not pasted, here: as before the split, paste does nothing.
            Page::Export(_) | Page::Import(_) => Outcome::none(),
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_) => Outcome::none(),
        }
    }

    /// The result of an effect this page asked for; `Err` gives back one it does not take.
    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match self {
            Page::Events(p) => p.on_result(a),
            Page::Queue(p) => p.on_result(cx, a),
            Page::EventForm(p) => p.on_result(cx, a),
            Page::Arrival(p) => p.on_result(cx, a),
            Page::Consultation(p) => p.on_result(cx, a),
            Page::FollowUps(p) => p.on_result(a),
            Page::Card(p) => p.on_result(cx, a),
            Page::Close(p) => p.on_result(cx, a),
            Page::Appeals(p) => p.on_result(cx, a),
            Page::Appeal(p) => p.on_result(a),
            Page::AppealForm(p) => p.on_result(cx, a),
            Page::Member(p) => p.on_result(cx, a),
            Page::History(p) => p.on_result(a),
            Page::Search(p) => p.on_result(cx, a),
            Page::Dashboard(p) => p.on_result(a),
            Page::Export(p) => p.on_result(cx, a),
            Page::Import(p) => p.on_result(cx, a),
            Page::Backup(p) => p.on_result(cx, a),
            Page::Exchange(p) => p.on_result(cx, a),
            Page::Conflicts(p) => p.on_result(cx, a),
            Page::Settings(p) => p.on_result(cx, a),
            Page::PersonForm(p) => p.on_result(cx, a),
        }
    }

    /// Shown again after the page over it closed.
    pub fn on_return(&mut self, cx: &mut Cx, reload: bool, with: Option<Returned>) -> Outcome {
        match self {
            Page::Events(p) => p.on_return(reload, with),
            Page::Queue(p) => p.on_return(cx, with),
            Page::FollowUps(p) => p.on_return(cx, reload),
            Page::Card(p) => p.on_return(reload, with),
            Page::Appeals(p) => p.on_return(reload),
            Page::Appeal(p) => p.on_return(reload, with),
            Page::Conflicts(p) => p.on_return(reload),
            // Nothing of theirs changes under the pages they open.
            Page::EventForm(_)
            | Page::Arrival(_)
            | Page::Consultation(_)
            | Page::Close(_)
            | Page::AppealForm(_)
            | Page::Member(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_)
            | Page::Settings(_)
            | Page::PersonForm(_) => Outcome::none(),
        }
    }

    /// The officer said yes to leaving the form with what was typed.
    pub fn discard(&mut self) -> Outcome {
        let cleared = || Outcome::pop(vec![Effect::ClearDraft]);
        match self {
            Page::EventForm(_) | Page::Arrival(_) => cleared(),
            // The person card under it shows the consultation: it is read again.
            Page::Consultation(_) => Outcome::back(vec![Effect::ClearDraft]),
            Page::Close(_) | Page::Settings(_) | Page::PersonForm(_) => Outcome::pop(vec![]),
            Page::AppealForm(_) | Page::Member(_) => Outcome::back(vec![Effect::ClearDraft]),
            // Only forms ask before they are left.
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_)
            | Page::Conflicts(_) => Outcome::none(),
        }
    }

    /// The form as a draft, for the forms that keep one.
    pub fn draft(&self) -> Option<DraftForm> {
        match self {
            Page::EventForm(p) => Some(p.draft()),
            Page::Arrival(p) => Some(p.draft()),
            Page::Consultation(p) => Some(DraftForm::Consultation(Box::new(p.to_draft()))),
            Page::AppealForm(p) => Some(p.draft()),
            Page::Member(p) => Some(p.draft()),
            // Closing a follow-up, a person's correction and the job forms are quick: no
            // draft of them.
            Page::Close(_)
            | Page::PersonForm(_)
            | Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_)
            | Page::Settings(_) => None,
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_) => None,
        }
    }

    /// Whether leaving would lose what was typed (asks first).
    pub fn is_dirty(&self) -> bool {
        match self {
            Page::EventForm(p) => p.form.is_dirty(),
            Page::Arrival(p) => p.form.is_dirty(),
            Page::Consultation(p) => p.is_dirty(),
            Page::Close(p) => p.form.is_dirty(),
            Page::Settings(p) => p.form.is_dirty(),
            Page::PersonForm(p) => p.form.is_dirty(),
            Page::AppealForm(p) => p.form.is_dirty(),
            Page::Member(p) => p.form.is_dirty(),
            // What is typed there is a file name, quickly typed again.
            Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_)
            | Page::Search(_) => false,
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_) => false,
        }
    }

    /// Whether a save of this page's is in flight. Leaving then is refused: the answer
    /// (saved, or refused with a reason) is what the officer must see.
    pub fn is_saving(&self) -> bool {
        match self {
            Page::EventForm(p) => p.saving,
            Page::Arrival(p) => p.saving,
            Page::Consultation(p) => p.saving,
            Page::Close(p) => p.saving,
            Page::Settings(p) => p.saving,
            Page::PersonForm(p) => p.saving,
            Page::AppealForm(p) => p.saving,
            Page::Member(p) => p.saving,
            Page::Conflicts(p) => p.saving,
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_) => false,
        }
    }

    /// An effect of this page's failed: it takes input again.
    pub fn stop_waiting(&mut self) {
        match self {
            Page::Export(p) => p.job = None,
            Page::Import(p) => {
                p.running = None;
                p.cancelling = false;
            }
            Page::Backup(p) => {
                p.running = None;
                p.cancelling = false;
            }
            Page::Exchange(p) => p.busy = false,
            Page::Conflicts(p) => {
                p.saving = false;
                p.loading = false;
            }
            Page::Consultation(p) => p.saving = false,
            Page::AppealForm(p) => p.saving = false,
            Page::Member(p) => p.saving = false,
            Page::Appeals(p) => {
                p.joining = false;
                p.loading = false;
            }
            Page::History(p) => p.loading = false,
            Page::Search(p) => p.searching = false,
            Page::Close(p) => p.saving = false,
            Page::Settings(p) => p.saving = false,
            Page::PersonForm(p) => p.saving = false,
            Page::Arrival(p) => p.saving = false,
            Page::EventForm(p) => p.saving = false,
            Page::Queue(p) => {
                p.loading = false;
                // A failure does not say which move failed: none is counted as going.
                p.moving.clear();
            }
            Page::FollowUps(p) => p.loading = false,
            // Nothing of theirs waits.
            Page::Events(_) | Page::Card(_) | Page::Appeal(_) | Page::Dashboard(_) => {}
        }
    }

    /// Whether an export, import or backup of this page's is running.
    pub fn job_running(&self) -> bool {
        match self {
            Page::Export(p) => p.job.is_some(),
            Page::Import(p) => p.running.is_some(),
            Page::Backup(p) => p.running.is_some(),
            Page::Exchange(p) => p.busy,
            Page::Events(_)
            | Page::Queue(_)
            | Page::EventForm(_)
            | Page::Arrival(_)
            | Page::Consultation(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Close(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::AppealForm(_)
            | Page::Member(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_)
            | Page::Settings(_)
            | Page::PersonForm(_) => false,
        }
    }

    /// The interface language changed: taxonomy labels the page holds are redone.
    pub fn relabel(&mut self, label: &dyn Fn(&str) -> Option<String>) {
        match self {
            Page::Consultation(p) => p.relabel(label),
            Page::Close(p) => p.form.relabel(label),
            Page::AppealForm(p) => p.form.relabel(label),
            // Their labels are message ids, translated when drawn.
            Page::EventForm(_)
            | Page::Arrival(_)
            | Page::Member(_)
            | Page::Export(_)
            | Page::Import(_)
            | Page::Backup(_)
            | Page::Exchange(_)
            | Page::Settings(_)
            | Page::PersonForm(_) => {}
            Page::Events(_)
            | Page::Queue(_)
            | Page::FollowUps(_)
            | Page::Card(_)
            | Page::Appeals(_)
            | Page::Appeal(_)
            | Page::History(_)
            | Page::Search(_)
            | Page::Dashboard(_)
            | Page::Conflicts(_) => {}
        }
    }
}
