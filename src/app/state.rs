use chrono::{DateTime, NaiveDate, Utc};

use std::sync::Arc;

pub use super::appeal::{AppealForm, AppealScreen, AppealsScreen, HistoryScreen, MemberForm};
use super::consult::ConsultationForm;
pub use super::dashboard::DashboardScreen;
use super::form::{Choice, Field, Form};
use super::keymap::{Key, KeyMode};
use super::lookup::PersonLookup;
pub use super::search::{PendingMerge, SearchScreen};
use crate::domain::card::{AppealRow, AppealView, FollowUpPage, FollowUpRow, PersonCard};
use crate::domain::draft::Draft;
use crate::domain::history::Version;
use crate::domain::report::{Period, Report, Tally};
use crate::domain::search::Likeness;
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{
    Appeal, AppealFields, AppealMember, Arrival, Consultation, ConsultationFields, Event,
    EventFields, Id, Lang, Money, Person, PersonFields, PersonPick, QueueEntry, Visit, VisitStatus,
};
use crate::i18n::Arg;

/// Everything that can happen to the app: keys, and results of effects.
#[derive(Clone, Debug)]
pub enum Action {
    Key(Key),
    Paste(String),
    Tick(DateTime<Utc>),
    EventsLoaded(Vec<Event>),
    QueueLoaded {
        event: Event,
        rows: Vec<QueueEntry>,
    },
    EventCreated(Event),
    ArrivalSaved(Box<QueueEntry>),
    VisitUpdated(Visit),
    Suggestions {
        seq: u64,
        persons: Vec<Person>,
    },
    /// Persons like the one about to be saved as new (answer to `Effect::LookAlikes`).
    LookAlikes {
        seq: u64,
        found: Vec<(Person, Likeness)>,
    },
    /// A duplicate was merged into `into`; `moved` linked records went with it.
    Merged {
        into: Id,
        moved: usize,
    },
    /// The person search is built.
    SearchReady,
    /// The store is damaged (found at open or by the background check of the journal):
    /// nothing more is saved until it is salvaged.
    StoreDamaged,
    DashboardLoaded {
        report: Box<Report>,
        tally: Box<Tally>,
    },
    PersonsLoaded(Vec<Person>),
    DraftLoaded(Option<Box<Draft>>),
    DraftSaved,
    /// An effect that needed no answer (cancelling a job that had already ended).
    Nothing,
    /// Salvage ended: the store was closed, salvaged and opened again.
    Salvaged(Box<SalvageSummary>),
    /// Salvage did not run or failed; the old files are as they were.
    SalvageFailed {
        reason: String,
        reason_id: Option<&'static str>,
    },
    /// The answer to `Effect::Settle`: every effect asked for before it has been done.
    Settled,
    ConsultationSaved(Box<Consultation>),
    FollowUpsLoaded(FollowUpPage),
    PersonCardLoaded(Box<PersonCard>),
    FollowUpClosed(Id),
    /// A slip file was written at this path.
    SlipWritten(String),
    AppealsLoaded(Vec<AppealRow>),
    AppealLoaded(Box<AppealView>),
    AppealSaved(Box<Appeal>),
    /// A consultation joined this appeal.
    AppealJoined(Id),
    MemberSaved(Box<AppealMember>),
    TimelineLoaded(Vec<Version>),
    ExportProgress {
        stage: String,
        rows: u64,
    },
    ExportFinished {
        path: String,
        rows: u64,
    },
    /// The export stopped on `Esc`; nothing was written.
    ExportCancelled,
    ImportProgress {
        done: usize,
        total: usize,
    },
    /// The file passed; nothing written yet.
    ImportChecked(Box<super::import::ImportSummary>),
    /// The file has problems; nothing written.
    ImportRefused(Vec<super::import::ImportProblem>),
    ImportDone(Box<super::import::ImportSummary>),
    ImportCancelled,
    BackupProgress {
        done: u64,
        total: u64,
    },
    BackupWritten(Box<super::backup::BackupSummary>),
    /// Nothing was written under the name asked for.
    BackupFailed {
        reason: String,
        reason_id: Option<&'static str>,
    },
    /// The backup stopped on `Esc`; nothing was written.
    BackupCancelled,
    /// An effect failed; nothing was saved. `what` is the i18n id of what was attempted.
    Failed {
        what: &'static str,
        /// What went wrong, in detail (logged; shown when there is no `reason_id`).
        reason: String,
        /// The same as a message id, shown in the interface language.
        reason_id: Option<&'static str>,
    },
}

/// Requests for the outside world; the tui's effect runner performs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    LoadEvents,
    LoadQueue(Id),
    CreateEvent(EventFields),
    AddArrival(Arrival),
    SetStatus {
        visit: Id,
        to: VisitStatus,
    },
    Suggest {
        seq: u64,
        query: String,
        limit: usize,
    },
    LookAlikes {
        seq: u64,
        fields: Box<PersonFields>,
    },
    MergePersons {
        into: Id,
        gone: Id,
    },
    /// Build the person search in the background before anyone types.
    WarmSearch,
    LoadDashboard {
        period: Period,
        today: NaiveDate,
        offset_min: i32,
    },
    LoadPersons(Vec<Id>),
    LoadDraft,
    SaveDraft(Box<Draft>),
    ClearDraft,
    SaveConsultation {
        visit: Id,
        existing: Option<Id>,
        fields: Box<ConsultationFields>,
    },
    /// The first `limit` open follow-ups; overdue means due before `today`.
    LoadFollowUps {
        limit: usize,
        today: NaiveDate,
    },
    LoadPersonCard(Id),
    WriteSlip(Id),
    CloseFollowUp {
        id: Id,
        outcome: String,
        recovered: Option<Money>,
        on: NaiveDate,
    },
    LoadAppeals,
    LoadAppeal(Id),
    /// A new appeal, opened from a consultation if given.
    CreateAppeal {
        fields: Box<AppealFields>,
        from: Option<Id>,
    },
    SaveAppeal {
        id: Id,
        fields: Box<AppealFields>,
    },
    JoinAppeal {
        consultation: Id,
        appeal: Id,
    },
    AddMember {
        appeal: Id,
        person: Box<PersonPick>,
        claimed: Option<Money>,
        recovered: Option<Money>,
    },
    UpdateMember(Box<AppealMember>),
    LoadTimeline(Id),
    /// Runs on a thread of its own; progress and the end come back as actions.
    StartExport(Box<super::export::ExportRequest>),
    /// Checks (dry run) or imports a file on a thread of its own.
    StartImport(Box<super::import::ImportRequest>),
    /// Writes a backup to `path` (a folder gets `default_name` in it) on a thread of its
    /// own; progress and the end come back as actions.
    StartBackup {
        path: String,
        default_name: String,
    },
    CancelJob,
    /// Closes the store, salvages it (`store::recover::salvage`) and opens it again; the
    /// terminal front end runs it, since it replaces the store every effect uses.
    Salvage,
    /// Answered with `Action::Settled` once every effect before it is done (the store
    /// worker runs them in order): closing on a signal waits for saves in flight.
    Settle,
}

/// Facts about this desk and session that screens need.
#[derive(Clone, Debug)]
pub struct Context {
    pub desk_name: String,
    pub officer: String,
    pub language: Lang,
    /// This machine's offset from UTC, in minutes (for new events and the clock).
    pub local_offset_min: i32,
    pub idle_lock_minutes: u32,
    pub taxonomy: Arc<Taxonomy>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Events,
    Queue,
    EventForm,
    ArrivalForm,
    Consultation,
    FollowUps,
    PersonCard,
    CloseFollowUp,
    Appeals,
    Appeal,
    AppealForm,
    MemberForm,
    History,
    Search,
    Dashboard,
    Export,
    Import,
    Backup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmDiscard,
    ConfirmQuit,
    ConfirmRestore,
    ConfirmMerge,
    /// What salvage does, before it does it.
    ConfirmSalvage,
}

/// What a salvage run from the app did (see `store::recover::SalvageReport`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalvageSummary {
    /// Ops taken from intact journal frames.
    pub intact_ops: usize,
    /// Records put back as the view held them (their journal frames were damaged or
    /// missing).
    pub restored: usize,
    /// Records in the salvaged store.
    pub records: usize,
    /// Where the old journal and view were moved.
    pub journal_aside: Option<String>,
    pub view_aside: Option<String>,
    /// The salvaged journal passed the whole check.
    pub verified: bool,
}

/// Salvage from the app: while it runs, then what it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SalvageView {
    Running,
    Done(SalvageSummary),
    Failed {
        reason: String,
        reason_id: Option<&'static str>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlashKind {
    Info,
    Error,
}

/// A one-line message in the footer.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    pub kind: FlashKind,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default)]
pub struct EventsScreen {
    pub list: Vec<Event>,
    pub selected: usize,
    pub loaded: bool,
}

#[derive(Clone, Debug)]
pub struct QueueScreen {
    pub event: Event,
    pub rows: Vec<QueueEntry>,
    pub selected: usize,
    pub loading: bool,
}

impl QueueScreen {
    pub fn selected_row(&self) -> Option<&QueueEntry> {
        self.rows.get(self.selected)
    }
}

/// Field positions in the event form.
pub mod event_field {
    pub const DATE: usize = 0;
    pub const CITY: usize = 1;
    pub const VENUE: usize = 2;
    pub const HOSTS: usize = 3;
    pub const OFFSET: usize = 4;
}

/// Field positions in the arrival form: the person fields, the language of service, then
/// the purpose (last, so that Enter on it saves).
pub mod arrival_field {
    pub use crate::app::lookup::person_field::*;
    pub const LANGUAGE: usize = 9;
    pub const PURPOSE: usize = 10;
    /// The fields that describe the person (locked when an existing person is picked).
    pub const PERSON: std::ops::Range<usize> = ALL;
}

#[derive(Clone, Debug)]
pub struct ArrivalForm {
    pub event: Id,
    pub form: Form,
    /// Matches for what is typed and the existing person picked, if any.
    pub lookup: PersonLookup,
    pub saving: bool,
}

#[derive(Clone, Debug, Default)]
pub struct FollowUpsScreen {
    pub rows: Vec<FollowUpRow>,
    /// Open follow-ups in all (`rows` may hold only the first of them).
    pub total: usize,
    pub overdue: usize,
    pub selected: usize,
    pub loading: bool,
    /// Where `q` goes back to.
    pub back: Option<Screen>,
}

#[derive(Clone, Debug)]
pub struct CardScreen {
    pub card: Option<PersonCard>,
    /// Selected consultation (newest first).
    pub selected: usize,
    pub back: Screen,
}

/// Closing a follow-up: outcome, amount recovered, date.
#[derive(Clone, Debug)]
pub struct CloseForm {
    pub id: Id,
    pub title: String,
    pub form: Form,
    pub saving: bool,
}

pub mod close_field {
    pub const OUTCOME: usize = 0;
    pub const RECOVERED: usize = 1;
    pub const CURRENCY: usize = 2;
    pub const DATE: usize = 3;
}

#[derive(Clone, Debug)]
pub struct EventForm {
    pub form: Form,
    pub saving: bool,
}

pub struct State {
    pub ctx: Context,
    pub screen: Screen,
    pub events: EventsScreen,
    pub queue: Option<QueueScreen>,
    pub event_form: Option<EventForm>,
    pub arrival: Option<ArrivalForm>,
    pub consult: Option<ConsultationForm>,
    pub follow_ups: Option<FollowUpsScreen>,
    pub card: Option<CardScreen>,
    pub close: Option<CloseForm>,
    pub appeals: Option<AppealsScreen>,
    pub appeal: Option<AppealScreen>,
    pub appeal_form: Option<AppealForm>,
    pub member: Option<MemberForm>,
    pub history: Option<HistoryScreen>,
    pub search: Option<SearchScreen>,
    pub dashboard: Option<DashboardScreen>,
    pub export: Option<super::export::ExportScreen>,
    pub import: Option<super::import::ImportScreen>,
    pub backup: Option<super::backup::BackupScreen>,
    /// The folder a backup goes to unless another is typed (the terminal front end sets
    /// it: the home folder, else the data directory's parent).
    pub backup_dir: Option<std::path::PathBuf>,
    pub pending_merge: Option<PendingMerge>,
    pub overlay: Option<Overlay>,
    pub flash: Option<Flash>,
    /// A draft found at start, offered back.
    pub pending_draft: Option<Draft>,
    /// A form changed since the last draft was written.
    pub draft_dirty: bool,
    pub last_draft: DateTime<Utc>,
    /// Where the consultation form returns to.
    pub consult_back: Screen,
    pub now: DateTime<Utc>,
    pub last_input: DateTime<Utc>,
    pub locked: bool,
    /// The store refuses to write until it is salvaged: a banner says what to do.
    pub store_damaged: bool,
    /// Salvage running or its result shown (over every screen until a key is pressed).
    pub salvage: Option<SalvageView>,
    pub quit: bool,
}

impl State {
    pub fn new(ctx: Context, now: DateTime<Utc>) -> State {
        State {
            ctx,
            screen: Screen::Events,
            events: EventsScreen::default(),
            queue: None,
            event_form: None,
            arrival: None,
            consult: None,
            follow_ups: None,
            card: None,
            close: None,
            appeals: None,
            appeal: None,
            appeal_form: None,
            member: None,
            history: None,
            search: None,
            dashboard: None,
            export: None,
            import: None,
            backup: None,
            backup_dir: None,
            pending_merge: None,
            overlay: None,
            flash: None,
            pending_draft: None,
            draft_dirty: false,
            last_draft: now,
            consult_back: Screen::Queue,
            now,
            last_input: now,
            locked: false,
            store_damaged: false,
            salvage: None,
            quit: false,
        }
    }

    /// The effects to run at start.
    pub fn init(&self) -> Vec<Effect> {
        vec![Effect::LoadEvents, Effect::LoadDraft, Effect::WarmSearch]
    }

    pub fn today(&self) -> NaiveDate {
        local(self.now, self.ctx.local_offset_min).date_naive()
    }

    /// Which key table is active.
    pub fn key_mode(&self) -> KeyMode {
        if self.locked {
            return KeyMode::Locked;
        }
        match self.overlay {
            Some(Overlay::Help) => return KeyMode::Help,
            Some(
                Overlay::ConfirmDiscard
                | Overlay::ConfirmQuit
                | Overlay::ConfirmRestore
                | Overlay::ConfirmMerge
                | Overlay::ConfirmSalvage,
            ) => {
                return KeyMode::Confirm;
            }
            None => {}
        }
        self.help_mode()
    }

    /// The mode whose keys help describes (the screen under the help overlay).
    pub fn help_mode(&self) -> KeyMode {
        match self.screen {
            Screen::Events => KeyMode::Events,
            Screen::Queue => KeyMode::Queue,
            Screen::EventForm => KeyMode::EventForm,
            Screen::ArrivalForm => KeyMode::ArrivalForm,
            Screen::Consultation => KeyMode::ConsultationForm,
            Screen::FollowUps => KeyMode::FollowUps,
            Screen::PersonCard => KeyMode::PersonCard,
            Screen::CloseFollowUp => KeyMode::CloseForm,
            Screen::Appeals => KeyMode::Appeals,
            Screen::Appeal => KeyMode::Appeal,
            Screen::AppealForm => KeyMode::AppealForm,
            Screen::MemberForm => KeyMode::MemberForm,
            Screen::History => KeyMode::History,
            Screen::Search => KeyMode::Search,
            Screen::Dashboard => KeyMode::Dashboard,
            Screen::Export if self.export.as_ref().is_some_and(|e| e.job.is_some()) => {
                KeyMode::JobRunning
            }
            Screen::Export => KeyMode::ExportForm,
            Screen::Import if self.import.as_ref().is_some_and(|s| s.running.is_some()) => {
                KeyMode::JobRunning
            }
            Screen::Import => KeyMode::ImportForm,
            Screen::Backup if self.backup.as_ref().is_some_and(|b| b.running.is_some()) => {
                KeyMode::JobRunning
            }
            Screen::Backup => KeyMode::BackupForm,
        }
    }

    pub fn flash(&mut self, id: &'static str, args: Vec<(&'static str, Arg)>, kind: FlashKind) {
        self.flash = Some(Flash {
            id,
            args,
            kind,
            at: self.now,
        });
    }

    /// An effect failed: every form and list that waited for an answer takes input again.
    pub fn stop_waiting(&mut self) {
        if let Some(e) = self.export.as_mut() {
            e.job = None;
        }
        if let Some(i) = self.import.as_mut() {
            i.running = None;
            i.cancelling = false;
        }
        if let Some(b) = self.backup.as_mut() {
            b.running = None;
            b.cancelling = false;
        }
        if let Some(c) = self.consult.as_mut() {
            c.saving = false;
        }
        if let Some(f) = self.appeal_form.as_mut() {
            f.saving = false;
        }
        if let Some(f) = self.member.as_mut() {
            f.saving = false;
            f.lookup.pending = None;
        }
        if let Some(a) = self.appeals.as_mut() {
            a.joining = false;
            a.loading = false;
        }
        if let Some(h) = self.history.as_mut() {
            h.loading = false;
        }
        if let Some(s) = self.search.as_mut() {
            s.searching = false;
        }
        if let Some(c) = self.close.as_mut() {
            c.saving = false;
        }
        if let Some(a) = self.arrival.as_mut() {
            a.saving = false;
            a.lookup.pending = None;
        }
        if let Some(f) = self.event_form.as_mut() {
            f.saving = false;
        }
        if let Some(q) = self.queue.as_mut() {
            q.loading = false;
        }
        if let Some(f) = self.follow_ups.as_mut() {
            f.loading = false;
        }
    }

    /// Whether an export, import or backup is running (it holds the store).
    pub fn job_running(&self) -> bool {
        self.export.as_ref().is_some_and(|e| e.job.is_some())
            || self.import.as_ref().is_some_and(|i| i.running.is_some())
            || self.backup.as_ref().is_some_and(|b| b.running.is_some())
    }

    /// Whether the current form holds input that would be lost by leaving.
    pub fn form_dirty(&self) -> bool {
        match self.screen {
            Screen::EventForm => self.event_form.as_ref().is_some_and(|f| f.form.is_dirty()),
            Screen::ArrivalForm => self.arrival.as_ref().is_some_and(|f| f.form.is_dirty()),
            Screen::Consultation => self.consult.as_ref().is_some_and(|f| f.is_dirty()),
            Screen::CloseFollowUp => self.close.as_ref().is_some_and(|f| f.form.is_dirty()),
            Screen::AppealForm => self.appeal_form.as_ref().is_some_and(|f| f.form.is_dirty()),
            Screen::MemberForm => self.member.as_ref().is_some_and(|f| f.form.is_dirty()),
            _ => false,
        }
    }
}

pub fn local(t: DateTime<Utc>, offset_min: i32) -> DateTime<chrono::FixedOffset> {
    crate::domain::validate::to_local(t, offset_min)
}

pub fn new_event_form(today: NaiveDate, offset_min: i32) -> Form {
    Form::new(vec![
        Field::text("field-event-date", &today.format("%Y-%m-%d").to_string())
            .with_hint("hint-date"),
        Field::text("field-event-city", ""),
        Field::text("field-event-venue", ""),
        Field::text("field-event-hosts", "").with_hint("hint-hosts"),
        Field::text(
            "field-event-offset",
            &crate::domain::validate::format_utc_offset(offset_min),
        )
        .with_hint("hint-offset"),
    ])
}

/// The form that closes a follow-up: outcome (default "resolved"), amount recovered, its
/// currency, and the date (today).
pub fn new_close_form(tax: &Taxonomy, lang: Lang, today: NaiveDate) -> Form {
    let outcomes: Vec<Choice> = tax
        .outcomes
        .iter()
        .map(|o| Choice::text(&o.code, o.label.get(lang)))
        .collect();
    let resolved = outcomes
        .iter()
        .position(|c| c.code == "resolved")
        .unwrap_or(0);
    let currencies = crate::domain::Currency::ALL
        .iter()
        .map(|c| Choice::text(c.code(), c.code()))
        .collect();
    Form::new(vec![
        Field::choice("field-outcome", outcomes, resolved),
        Field::text("field-recovered", ""),
        Field::choice("field-currency", currencies, 0),
        Field::text("field-closed-on", &today.format("%Y-%m-%d").to_string())
            .with_hint("hint-date"),
    ])
}

/// The arrival form; the language of service starts as the interface language.
pub fn new_arrival_form(interface: Lang) -> Form {
    let mut fields = super::lookup::person_fields();
    fields.push(language_field(interface));
    fields.push(Field::text("field-purpose", ""));
    Form::new(fields)
}

/// The languages a citizen can be served in, as a choice field.
pub fn language_field(selected: Lang) -> Field {
    let options = Lang::ALL
        .iter()
        .map(|l| super::form::Choice::msg(l.code(), l.msg_id()))
        .collect();
    let at = Lang::ALL.iter().position(|l| *l == selected).unwrap_or(0);
    Field::choice("field-language", options, at)
}
