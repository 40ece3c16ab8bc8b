//! The key tables, one per mode: what resolves a key is what help lists.

use super::{Binding, Command, Key, KeyMode};

const fn b(keys: &'static [Key], command: Command, help: &'static str) -> Binding {
    Binding {
        keys,
        command,
        help,
        hint: None,
    }
}

/// A binding that is also shown in the footer.
const fn h(
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        command,
        help,
        hint: Some(hint),
    }
}

use Command as C;
use Key as K;

// Every table where text is typed clears the field with Ctrl+U and puts it back with
// Ctrl+Y; resolved here (not only in the field editors) so Ctrl+Г on a Russian layout
// clears as well, and help and the footer list it.
const CLEAR: Binding = h(
    &[K::Ctrl('u')],
    C::ClearField,
    "key-clear-field",
    "hint-clear",
);
const PUT_BACK: Binding = b(&[K::Ctrl('y')], C::PutBack, "key-put-back");

// `Enter` opening the selected event is in help, not in the footer: the footer of an
// 80-column terminal has room for the letters only.
const EVENTS: &[Binding] = &[
    b(&[K::Enter], C::Open, "key-open-event"),
    h(&[K::Char('n')], C::NewEvent, "key-new-event", "hint-new"),
    h(
        &[K::Char('f')],
        C::FollowUps,
        "key-follow-ups",
        "hint-follow-ups",
    ),
    h(&[K::Char('a')], C::Appeals, "key-appeals", "hint-appeals"),
    b(&[K::Char('i')], C::Import, "key-import"),
    b(&[K::Char('s')], C::Settings, "key-settings"),
    h(
        &[K::Char('r')],
        C::Dashboard,
        "key-dashboard-all",
        "hint-dashboard",
    ),
    h(&[K::Char('b')], C::Backup, "key-backup", "hint-backup"),
    b(&[K::Char('x')], C::Exchange, "key-exchange"),
    b(&[K::Char('c')], C::Conflicts, "key-conflicts"),
    h(
        &[K::Char('/'), K::Char('.')],
        C::Search,
        "key-search",
        "hint-search",
    ),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Ctrl('c')],
        C::Quit,
        "key-quit",
        "hint-quit",
    ),
];

const QUEUE: &[Binding] = &[
    h(
        &[K::Char('n')],
        C::NewArrival,
        "key-new-arrival",
        "hint-new",
    ),
    h(
        &[K::Char('o')],
        C::NewConsultation,
        "key-consultation",
        "hint-consultation",
    ),
    h(&[K::Char('c')], C::Call, "key-call", "hint-call"),
    h(&[K::Char('d')], C::Done, "key-done", "hint-done"),
    h(
        &[K::Char('l')],
        C::LeftWithoutService,
        "key-left",
        "hint-left",
    ),
    b(&[K::Char('w')], C::ReturnToQueue, "key-return"),
    // In help only: the footer of an 80-column terminal is full with the moves.
    b(&[K::Char('u')], C::Undo, "key-undo"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    b(&[K::Char('s')], C::Slip, "key-slip"),
    b(&[K::Char('S')], C::PrintSlip, "key-print-slip"),
    b(&[K::Char('r')], C::Dashboard, "key-dashboard-event"),
    h(
        &[K::Char('p')],
        C::PersonCard,
        "key-person-card",
        "hint-card",
    ),
    b(&[K::Char('f')], C::FollowUps, "key-follow-ups"),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back-events",
        "hint-back",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const EVENT_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-next"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const ARRIVAL_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-next"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
    b(&[K::Ctrl('n')], C::NextSuggestion, "key-next-suggestion"),
    b(&[K::Ctrl('p')], C::PrevSuggestion, "key-prev-suggestion"),
    b(&[K::Ctrl('l')], C::UseSuggestion, "key-use-suggestion"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

// The consultation form has three tables, by the kind of field in focus: the footer is the
// same in all three; help says what the keys do in the field the officer is in.
const CONSULTATION_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-next"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

/// Notes and advice: Enter makes a new line and the arrows move between lines.
const CONSULTATION_TEXT: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::NewLine, "key-new-line"),
    h(&[K::Tab], C::NextField, "key-next-field", "hint-next-field"),
    b(&[K::BackTab], C::PrevField, "key-prev-field"),
    b(&[K::Up], C::Up, "key-line-up"),
    b(&[K::Down], C::Down, "key-line-down"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

/// Topics, referral and legal bases: the arrows move in the list.
const CONSULTATION_LIST: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-next"),
    h(&[K::Tab], C::NextField, "key-next-field", "hint-next-field"),
    b(&[K::BackTab], C::PrevField, "key-prev-field"),
    b(&[K::Up], C::Up, "key-up"),
    b(&[K::Down], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const FOLLOW_UPS: &[Binding] = &[
    h(
        &[K::Char('x')],
        C::CloseFollowUp,
        "key-close-follow-up",
        "hint-close",
    ),
    h(
        &[K::Char('p'), K::Enter],
        C::PersonCard,
        "key-open-follow-up",
        "hint-open",
    ),
    h(&[K::Tab], C::FilterDue, "key-filter-due", "hint-filter-due"),
    h(
        &[K::Char('t')],
        C::FilterTopic,
        "key-filter-topic",
        "hint-filter-topic",
    ),
    h(
        &[K::Char('o')],
        C::FilterOfficer,
        "key-filter-officer",
        "hint-filter-officer",
    ),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const PERSON_CARD: &[Binding] = &[
    h(
        &[K::Char('e')],
        C::EditPerson,
        "key-edit-person",
        "hint-edit-person",
    ),
    h(&[K::Enter], C::Edit, "key-edit-consultation", "hint-edit"),
    h(&[K::Char('a')], C::Appeal, "key-appeal", "hint-appeal"),
    h(&[K::Char('h')], C::History, "key-history", "hint-history"),
    b(&[K::Char('M')], C::Merge, "key-merge"),
    // Shift, like the merge it takes back: a stray `u` on the card does nothing.
    b(&[K::Char('U')], C::Unmerge, "key-unmerge"),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const CLOSE_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-next"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

// Enter checks the file, and imports it once a check found nothing wrong.
const IMPORT_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-import"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const APPEALS: &[Binding] = &[
    h(&[K::Enter], C::Open, "key-open-appeal", "hint-open"),
    h(&[K::Char('n')], C::NewAppeal, "key-new-appeal", "hint-new"),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const APPEAL: &[Binding] = &[
    h(
        &[K::Char('m')],
        C::AddMember,
        "key-add-member",
        "hint-add-member",
    ),
    h(
        &[K::Char('e'), K::Enter],
        C::Edit,
        "key-edit-member",
        "hint-edit",
    ),
    h(
        &[K::Char('t')],
        C::EditAppeal,
        "key-edit-appeal",
        "hint-details",
    ),
    h(&[K::Char('h')], C::History, "key-history", "hint-history"),
    b(&[K::Char('p')], C::PersonCard, "key-member-card"),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const HISTORY: &[Binding] = &[
    b(&[K::Up, K::Char('k')], C::Up, "key-scroll-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-scroll-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const SEARCH: &[Binding] = &[
    h(&[K::Enter], C::Enter, "key-search-open", "hint-open"),
    b(&[K::Up, K::Ctrl('p')], C::Up, "key-up"),
    b(&[K::Down, K::Ctrl('n')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    CLEAR,
    PUT_BACK,
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-back", "hint-back-short"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const DASHBOARD: &[Binding] = &[
    h(&[K::Enter], C::Open, "key-drill", "hint-drill"),
    h(
        &[K::Tab],
        C::NextField,
        "key-dash-section",
        "hint-dash-section",
    ),
    b(&[K::BackTab], C::PrevField, "key-dash-section-back"),
    h(&[K::Char('x')], C::Export, "key-export", "hint-export"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

// Enter keeps what every desk shows, `s` swaps to the other version; both ask first, and
// only the language's yes letter answers. `s` and `M` have no Cyrillic look-alike: an
// officer on a Cyrillic layout who types the letter the footer shows as `о` gets `j`.
const CONFLICTS: &[Binding] = &[
    h(
        &[K::Enter],
        C::KeepShown,
        "key-keep-shown",
        "hint-keep-shown",
    ),
    h(
        &[K::Char('s')],
        C::TakeOther,
        "key-take-other",
        "hint-take-other",
    ),
    b(&[K::Char('M')], C::Merge, "key-merge-look-alike"),
    h(
        &[K::Char('p')],
        C::PersonCard,
        "key-conflict-card",
        "hint-card",
    ),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    h(&[K::Char('?'), K::F(1)], C::Help, "key-help", "hint-help"),
    h(
        &[K::Char('q'), K::Esc],
        C::Back,
        "key-back",
        "hint-back-short",
    ),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const EXPORT_RUNNING: &[Binding] = &[h(&[K::Esc], C::Back, "key-cancel-job", "hint-cancel")];

const HELP: &[Binding] = &[b(
    &[K::Esc, K::Char('q'), K::Char('?')],
    C::Back,
    "key-close-help",
)];

/// The letters of a confirmation are the language's own (`confirm_letters`), never a
/// layout twin, so only Enter and Esc are in the table.
const CONFIRM: &[Binding] = &[
    b(&[K::Enter], C::Yes, "key-yes"),
    b(&[K::Esc], C::No, "key-no"),
];

const CONFIRM_LETTER: &[Binding] = &[b(&[K::Esc], C::No, "key-no")];

const LOCKED: &[Binding] = &[b(&[K::Enter], C::Unlock, "key-unlock")];

pub fn bindings(mode: KeyMode) -> &'static [Binding] {
    match mode {
        KeyMode::Events => EVENTS,
        KeyMode::Queue => QUEUE,
        KeyMode::EventForm => EVENT_FORM,
        KeyMode::ArrivalForm => ARRIVAL_FORM,
        KeyMode::ConsultationForm => CONSULTATION_FORM,
        KeyMode::ConsultationText => CONSULTATION_TEXT,
        KeyMode::ConsultationList => CONSULTATION_LIST,
        KeyMode::FollowUps => FOLLOW_UPS,
        KeyMode::PersonCard => PERSON_CARD,
        KeyMode::CloseForm | KeyMode::AppealForm => CLOSE_FORM,
        KeyMode::MemberForm => ARRIVAL_FORM,
        KeyMode::Appeals => APPEALS,
        KeyMode::Appeal => APPEAL,
        KeyMode::History => HISTORY,
        KeyMode::Search => SEARCH,
        KeyMode::Dashboard => DASHBOARD,
        KeyMode::Conflicts => CONFLICTS,
        KeyMode::ExportForm | KeyMode::BackupForm => CLOSE_FORM,
        KeyMode::ImportForm => IMPORT_FORM,
        KeyMode::JobRunning => EXPORT_RUNNING,
        KeyMode::Help => HELP,
        KeyMode::Confirm => CONFIRM,
        KeyMode::ConfirmLetter => CONFIRM_LETTER,
        KeyMode::Locked => LOCKED,
    }
}
