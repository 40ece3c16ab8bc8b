//! What goes in and out of the app: actions (keys and the results of effects) and
//! effects (requests for the outside world), each effect addressed to the page that asked
//! so that its result goes back there and nowhere else.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::card::{AppealRow, AppealView, FollowUpPage, PersonCard};
use crate::domain::draft::Draft;
use crate::domain::history::Version;
use crate::domain::report::{Period, Report};
use crate::domain::search::Likeness;
use crate::domain::{
    Appeal, AppealFields, AppealMember, Arrival, Consultation, ConsultationFields, Event,
    EventFields, Id, Money, Person, PersonPick, QueueEntry, UndoneMove, Visit, VisitStatus,
};

use super::keymap::Key;
use super::state::SalvageSummary;

/// A page's identity while it is on the stack (never reused): a result addressed to a
/// page that is gone is dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(pub u64);

/// Who the result of an effect goes back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyTo {
    /// The app as a whole (drafts, the search index, salvage, settling).
    App,
    Page(PageId),
}

/// An effect and where its result goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub reply_to: ReplyTo,
    pub effect: Effect,
}

/// An effect no page is named for: its result goes to the app, which hands a page's
/// kind of result to the nearest page from the top that takes it.
impl From<Effect> for Request {
    fn from(effect: Effect) -> Request {
        Request::app(effect)
    }
}

impl Request {
    pub fn app(effect: Effect) -> Request {
        Request {
            reply_to: ReplyTo::App,
            effect,
        }
    }

    pub fn page(id: PageId, effect: Effect) -> Request {
        Request {
            reply_to: ReplyTo::Page(id),
            effect,
        }
    }
}

/// Everything that can happen to the app: keys, and results of effects.
#[derive(Clone, Debug)]
pub enum Action {
    Key(Key),
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resized {
        width: u16,
        height: u16,
    },
    Tick(DateTime<Utc>),
    EventsLoaded(Vec<Event>),
    QueueLoaded {
        event: Event,
        rows: Vec<QueueEntry>,
    },
    EventCreated(Event),
    ArrivalSaved(Box<QueueEntry>),
    VisitUpdated(Visit),
    /// The last queue move of a visit was taken back: the visit as it is now, and the move.
    VisitUndone {
        visit: Box<Visit>,
        undone: Box<UndoneMove>,
    },
    Suggestions {
        seq: u64,
        persons: Vec<Person>,
        /// How many match in all: more than `persons` when the list stopped at its limit.
        total: usize,
    },
    /// `person` was served in `language` at their last visit (none: no visit yet).
    LastLanguage {
        person: Id,
        language: Option<crate::domain::Lang>,
    },
    /// The arrival was not saved: the new person looks like these persons on record
    /// (`Effect::AddArrival` with `check_look_alikes`).
    LookAlikes(Vec<(Person, Likeness)>),
    /// A duplicate was merged into `into`; `moved` linked records went with it.
    Merged {
        into: Id,
        moved: usize,
    },
    /// The merge of `gone` into `into` was taken back; `moved` records went back to `gone`.
    Unmerged {
        into: Id,
        gone: Id,
        moved: usize,
    },
    /// The person search is built.
    SearchReady,
    /// The store is damaged (found at open or by the background check of the journal):
    /// nothing more is saved until it is salvaged.
    StoreDamaged,
    /// This desk's clock is behind the clock of its own last op by this many minutes (more
    /// than the allowed skew): the laptop's date or time was set back.
    ClockBehind {
        minutes: u64,
    },
    DashboardLoaded(Box<Report>),
    /// A drill-down's persons: how many are behind the row, the first of them loaded.
    DrillLoaded {
        /// The row asked for: a result for a row closed since is dropped.
        section: crate::app::dashboard::Section,
        code: String,
        total: usize,
        persons: Vec<Person>,
    },
    DraftLoaded(Option<Box<Draft>>),
    /// The draft file could not be read; it was renamed to this path.
    DraftUnreadable(String),
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
    /// The settings are in the config file (or, without one, hold for this run).
    SettingsSaved(crate::domain::settings::Settings),
    PersonCardLoaded(Box<PersonCard>),
    /// A person's details were saved as a new version; `None`: nothing differed, nothing
    /// was written.
    PersonUpdated(Option<Box<Person>>),
    FollowUpClosed(Id),
    /// A slip file was written at this path.
    SlipWritten(String),
    /// The printable slip was written at `path` and handed to the printer, or not.
    SlipPrinted {
        path: String,
        printed: Printed,
    },
    AppealsLoaded(Vec<AppealRow>),
    AppealLoaded(Box<AppealView>),
    AppealSaved(Box<Appeal>),
    /// A consultation joined this appeal.
    AppealJoined(Id),
    MemberSaved(Box<AppealMember>),
    TimelineLoaded(Vec<Version>),
    /// The conflicts screen's rows (`Effect::LoadConflicts`).
    ConflictsLoaded(Vec<super::pages::conflicts::ConflictItem>),
    /// A conflict settled or a clock-suspect record marked seen; `settled` false: it was
    /// no longer listed (settled meanwhile).
    ConflictSettled {
        settled: bool,
    },
    ExportProgress {
        stage: String,
        rows: u64,
    },
    ExportFinished {
        path: String,
        /// `None`: the printable report alone, no record written.
        rows: Option<u64>,
    },
    /// The export stopped on `Esc`; nothing was written.
    ExportCancelled,
    ImportProgress {
        done: usize,
        total: usize,
    },
    /// The file passed; nothing written yet.
    ImportChecked(Box<super::pages::import::ImportSummary>),
    /// The file has problems; nothing written.
    ImportRefused(Vec<super::pages::import::ImportProblem>),
    ImportDone(Box<super::pages::import::ImportSummary>),
    ImportCancelled,
    BackupProgress {
        done: u64,
        total: u64,
    },
    BackupWritten(Box<super::pages::backup::BackupSummary>),
    /// Nothing was written under the name asked for.
    BackupFailed {
        reason: String,
        reason_id: Option<&'static str>,
    },
    /// The backup stopped on `Esc`; nothing was written.
    BackupCancelled,
    BundleWritten(Box<super::pages::exchange::BundleSent>),
    /// What merging would bring (a dry run) or brought.
    BundleMerged(Box<super::pages::exchange::MergeSummary>),
    /// Nothing was written or merged.
    BundleFailed {
        reason: String,
        /// The same as a message id and its arguments, when the store said which.
        said: Option<(&'static str, Vec<(&'static str, crate::i18n::Arg)>)>,
    },
    /// An effect failed; nothing was saved. `what` is the i18n id of what was attempted.
    Failed {
        what: &'static str,
        /// What went wrong, in detail (logged; shown when there is no `reason_id`).
        reason: String,
        /// The same as a message id, shown in the interface language.
        reason_id: Option<&'static str>,
    },
}

impl Action {
    /// The answer to a form's own save: the form is on record, so its draft is no longer
    /// needed. (Joining an appeal from a consultation, closing a follow-up or correcting a person
    /// saves no form that keeps a draft.)
    pub fn saved_a_form(&self) -> bool {
        matches!(
            self,
            Action::EventCreated(_)
                | Action::ArrivalSaved(_)
                | Action::ConsultationSaved(_)
                | Action::AppealSaved(_)
                | Action::MemberSaved(_)
        )
    }
}

/// Requests for the outside world; the tui's effect runner performs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    LoadEvents,
    LoadQueue(Id),
    CreateEvent(EventFields),
    /// Saves an arrival; with `check_look_alikes`, a new person who looks like persons on
    /// record is not saved and they come back (`Action::LookAlikes`) for the desk to choose.
    AddArrival {
        arrival: Arrival,
        check_look_alikes: bool,
    },
    SetStatus {
        visit: Id,
        to: VisitStatus,
    },
    /// Takes back the visit's last queue move (`Action::VisitUndone`).
    UndoStatus(Id),
    Suggest {
        seq: u64,
        query: String,
        limit: usize,
        /// Left out of the list and the count (the person a duplicate is chosen for).
        except: Option<Id>,
    },
    /// The language a returning citizen was served in last (`Action::LastLanguage`).
    LastLanguage(Id),
    MergePersons {
        into: Id,
        gone: Id,
    },
    /// Takes back the merge of `gone` into `into` (`Action::Unmerged`).
    UnmergePersons {
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
    /// The persons behind a dashboard row, counted again from the store when the row is
    /// opened: the dashboard keeps its figures, not the person sets behind them.
    LoadDrill {
        period: Period,
        today: NaiveDate,
        offset_min: i32,
        section: crate::app::dashboard::Section,
        code: String,
    },
    LoadDraft,
    SaveDraft(Box<Draft>),
    ClearDraft,
    SaveConsultation {
        visit: Id,
        existing: Option<Id>,
        fields: Box<ConsultationFields>,
    },
    /// The first `limit` open follow-ups the filter shows; overdue means due before `today`.
    LoadFollowUps {
        limit: usize,
        today: NaiveDate,
        filter: crate::domain::followup::list::FollowUpFilter,
    },
    LoadPersonCard(Id),
    /// Saves corrected details of a person (`Action::PersonUpdated`).
    UpdatePerson {
        id: Id,
        fields: Box<crate::domain::PersonFields>,
    },
    /// The slip of a visit; `letter`: this desk's, put before the numbers of its own visits.
    WriteSlip {
        visit: Id,
        letter: String,
    },
    /// The slip of a visit as a printable page, then handed to `printer` (`lp`) if this
    /// machine has one (`Action::SlipPrinted`).
    PrintSlip {
        visit: Id,
        letter: String,
        printer: Option<String>,
    },
    /// Writes the desk's settings into the config file (the terminal app does).
    SaveSettings(crate::domain::settings::Settings),
    /// Writes the language chosen with `F9` into the config file.
    SaveLanguage(crate::domain::Lang),
    CloseFollowUp {
        id: Id,
        outcome: String,
        recovered: Option<Money>,
        on: NaiveDate,
        /// Added to a consultation's notes; empty for none (and for an appeal).
        note: String,
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
    /// Every conflict and clock-suspect record (`Action::ConflictsLoaded`).
    LoadConflicts,
    /// Settles the conflict of record `id` with the version `chosen` (the one shown or
    /// another kept), saved as a new version (`Action::ConflictSettled`).
    SettleConflict {
        id: Id,
        chosen: Box<crate::domain::card::HistoryEntry>,
    },
    /// Marks the clock-suspect record `id` seen (`Action::ConflictSettled`).
    ClearSuspect(Id),
    /// The new person `id` is not the person on record they look like
    /// (`Action::ConflictSettled`).
    ClearLookAlike(Id),
    /// Runs on a thread of its own; progress and the end come back as actions.
    StartExport(Box<super::pages::export::ExportRequest>),
    /// Checks (dry run) or imports a file on a thread of its own.
    StartImport(Box<super::pages::import::ImportRequest>),
    /// Writes a backup to `path` (a folder gets `default_name` in it) on a thread of its
    /// own; progress and the end come back as actions.
    StartBackup {
        path: String,
        default_name: String,
    },
    CancelJob,
    /// Writes this desk's bundle (every op) to `path`: a folder gets a file named by the
    /// desk in it.
    WriteBundle {
        path: String,
    },
    /// Merges the bundles at `path` (a file, or a folder of them), or only says what that
    /// would do (`dry_run`).
    MergeBundles {
        path: String,
        dry_run: bool,
    },
    /// Merges exactly the files a check read, if they still bring `expect` new ops.
    MergeChecked {
        files: Vec<String>,
        expect: usize,
    },
    /// Closes the store, salvages it (`store::recover::salvage`) and opens it again; the
    /// terminal front end runs it, since it replaces the store every effect uses.
    Salvage,
    /// Answered with `Action::Settled` once every effect before it is done (the store
    /// worker runs them in order): closing on a signal waits for saves in flight.
    Settle,
}

/// What became of a slip sent to the printer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Printed {
    /// The print command took it.
    Sent,
    /// No print command on this machine: the page is to be opened in a browser.
    NoPrinter,
    /// The print command refused it, with what it said.
    Refused(String),
}
