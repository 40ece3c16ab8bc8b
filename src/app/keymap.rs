//! Key bindings per screen mode: one table, used both to resolve keys and to draw help.
//! Keys here are our own `Key` type; `tui::keymap` turns terminal events into it.

use crate::domain::Lang;

/// A key press, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
    F(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Quit,
    Back,
    Help,
    NewEvent,
    Open,
    NewArrival,
    Call,
    Done,
    LeftWithoutService,
    ReturnToQueue,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Save,
    Enter,
    NextField,
    PrevField,
    NextSuggestion,
    PrevSuggestion,
    UseSuggestion,
    Yes,
    No,
    Unlock,
    NewConsultation,
    PersonCard,
    FollowUps,
    CloseFollowUp,
    Edit,
    Slip,
    /// The list of collective appeals.
    Appeals,
    /// Open the selected consultation's appeal, or choose one to join.
    Appeal,
    NewAppeal,
    AddMember,
    EditAppeal,
    History,
    /// Find a person from anywhere.
    Search,
    /// Merge a duplicate into the person on the card.
    Merge,
    /// The figures of the event or of everything.
    Dashboard,
    /// Export the dashboard's period to a file.
    Export,
    /// Import a CSV file or export folder.
    Import,
    /// Write a backup of the store to a file.
    Backup,
}

impl Command {
    /// Up, down, a page, first or last: what every list screen does with its selection
    /// (`update::move_selection`).
    pub fn moves_selection(self) -> bool {
        matches!(
            self,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::Top
                | Command::Bottom
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMode {
    Events,
    Queue,
    EventForm,
    ArrivalForm,
    ConsultationForm,
    FollowUps,
    PersonCard,
    CloseForm,
    Appeals,
    Appeal,
    AppealForm,
    MemberForm,
    History,
    Search,
    Dashboard,
    ExportForm,
    ImportForm,
    BackupForm,
    /// An export or import is running: only cancelling it.
    JobRunning,
    Help,
    Confirm,
    Locked,
}

impl KeyMode {
    /// Modes where printable characters are text, not hotkeys.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            KeyMode::EventForm
                | KeyMode::ArrivalForm
                | KeyMode::ConsultationForm
                | KeyMode::CloseForm
                | KeyMode::AppealForm
                | KeyMode::MemberForm
                | KeyMode::Search
                | KeyMode::ExportForm
                | KeyMode::ImportForm
                | KeyMode::BackupForm
        )
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    /// i18n id of the help line.
    pub help: &'static str,
    /// i18n id of the short label in the footer; `None`: only in help.
    pub hint: Option<&'static str>,
}

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
    h(
        &[K::Char('r')],
        C::Dashboard,
        "key-dashboard-all",
        "hint-dashboard",
    ),
    h(&[K::Char('b')], C::Backup, "key-backup", "hint-backup"),
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
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
    b(&[K::PageUp], C::PageUp, "key-page-up"),
    b(&[K::PageDown], C::PageDown, "key-page-down"),
    b(&[K::Home, K::Char('g')], C::Top, "key-top"),
    b(&[K::End, K::Char('G')], C::Bottom, "key-bottom"),
    b(&[K::Char('s')], C::Slip, "key-slip"),
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
    h(&[K::F(1)], C::Help, "key-help", "hint-help"),
    h(&[K::Esc], C::Back, "key-cancel-form", "hint-cancel"),
    b(&[K::Ctrl('c')], C::Quit, "key-quit"),
];

const CONSULTATION_FORM: &[Binding] = &[
    h(&[K::Ctrl('s'), K::F(2)], C::Save, "key-save", "hint-save"),
    b(&[K::Enter], C::Enter, "key-enter-consultation"),
    h(
        &[K::Tab, K::Down],
        C::NextField,
        "key-next-field",
        "hint-next-field",
    ),
    b(&[K::BackTab, K::Up], C::PrevField, "key-prev-field"),
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
        &[K::Char('e'), K::Enter],
        C::Edit,
        "key-edit-consultation",
        "hint-edit",
    ),
    h(&[K::Char('a')], C::Appeal, "key-appeal", "hint-appeal"),
    h(&[K::Char('h')], C::History, "key-history", "hint-history"),
    b(&[K::Char('M')], C::Merge, "key-merge"),
    b(&[K::Char('/'), K::Char('.')], C::Search, "key-search"),
    b(&[K::Up, K::Char('k')], C::Up, "key-up"),
    b(&[K::Down, K::Char('j')], C::Down, "key-down"),
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

const LOCKED: &[Binding] = &[b(&[K::Enter], C::Unlock, "key-unlock")];

pub fn bindings(mode: KeyMode) -> &'static [Binding] {
    match mode {
        KeyMode::Events => EVENTS,
        KeyMode::Queue => QUEUE,
        KeyMode::EventForm => EVENT_FORM,
        KeyMode::ArrivalForm => ARRIVAL_FORM,
        KeyMode::ConsultationForm => CONSULTATION_FORM,
        KeyMode::FollowUps => FOLLOW_UPS,
        KeyMode::PersonCard => PERSON_CARD,
        KeyMode::CloseForm | KeyMode::AppealForm => CLOSE_FORM,
        KeyMode::MemberForm => ARRIVAL_FORM,
        KeyMode::Appeals => APPEALS,
        KeyMode::Appeal => APPEAL,
        KeyMode::History => HISTORY,
        KeyMode::Search => SEARCH,
        KeyMode::Dashboard => DASHBOARD,
        KeyMode::ExportForm | KeyMode::ImportForm | KeyMode::BackupForm => CLOSE_FORM,
        KeyMode::JobRunning => EXPORT_RUNNING,
        KeyMode::Help => HELP,
        KeyMode::Confirm => CONFIRM,
        KeyMode::Locked => LOCKED,
    }
}

/// The Latin key in the same position on a Russian or Kyrgyz (ЙЦУКЕН) layout, so hotkeys
/// work whichever layout is active: `й` is `q`, `Т` is `N`. Kyrgyz ө ң ү sit on `-`, `=`
/// and `\`.
pub fn jcuken_to_latin(c: char) -> char {
    const LOWER: [(char, char); 36] = [
        ('й', 'q'),
        ('ц', 'w'),
        ('у', 'e'),
        ('к', 'r'),
        ('е', 't'),
        ('н', 'y'),
        ('г', 'u'),
        ('ш', 'i'),
        ('щ', 'o'),
        ('з', 'p'),
        ('х', '['),
        ('ъ', ']'),
        ('ф', 'a'),
        ('ы', 's'),
        ('в', 'd'),
        ('а', 'f'),
        ('п', 'g'),
        ('р', 'h'),
        ('о', 'j'),
        ('л', 'k'),
        ('д', 'l'),
        ('ж', ';'),
        ('э', '\''),
        ('я', 'z'),
        ('ч', 'x'),
        ('с', 'c'),
        ('м', 'v'),
        ('и', 'b'),
        ('т', 'n'),
        ('ь', 'm'),
        ('б', ','),
        ('ю', '.'),
        ('ё', '`'),
        ('ө', '-'),
        ('ң', '='),
        ('ү', '\\'),
    ];
    let upper = c.is_uppercase();
    let lower = c.to_lowercase().next().unwrap_or(c);
    match LOWER.iter().find(|(cyr, _)| *cyr == lower) {
        Some((_, lat)) if upper => lat.to_ascii_uppercase(),
        Some((_, lat)) => *lat,
        None => c,
    }
}

fn normalise(key: Key) -> Key {
    match key {
        Key::Char(c) => Key::Char(jcuken_to_latin(c)),
        Key::Ctrl(c) => Key::Ctrl(jcuken_to_latin(c).to_ascii_lowercase()),
        other => other,
    }
}

/// The letters that answer yes and no to a confirmation in `lang`: the first letters of
/// the words on screen (да/нет, ооба/жок, yes/no). Layout twins would be a trap here: on a
/// Russian layout `н` sits where `y` is, so a Russian "no" would mean yes.
pub fn confirm_letters(lang: Lang) -> (char, char) {
    match lang {
        Lang::Ru => ('д', 'н'),
        Lang::Ky => ('о', 'ж'),
        Lang::En => ('y', 'n'),
    }
}

/// A confirmation's answer: the language's letters (either case), Enter or Esc. Any other
/// key, a letter of another language included, answers nothing.
fn confirm_answer(key: Key, lang: Lang) -> Option<Command> {
    let (yes, no) = confirm_letters(lang);
    match key {
        Key::Char(c) => match c.to_lowercase().next() {
            Some(l) if l == yes => Some(Command::Yes),
            Some(l) if l == no => Some(Command::No),
            _ => None,
        },
        other => bindings(KeyMode::Confirm)
            .iter()
            .find(|b| b.keys.contains(&other))
            .map(|b| b.command),
    }
}

/// The command bound to `key` in `mode`, with the interface in `lang`. In text modes
/// printable characters are never commands (they are typed into the field).
pub fn lookup(mode: KeyMode, key: Key, lang: Lang) -> Option<Command> {
    if mode == KeyMode::Confirm {
        return confirm_answer(key, lang);
    }
    if mode.takes_text() && matches!(key, Key::Char(_)) {
        return None;
    }
    let key = normalise(key);
    bindings(mode)
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.command)
}

/// How a key is written in help and hints.
pub fn key_label(key: Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
        Key::Enter => "Enter".into(),
        Key::Esc => "Esc".into(),
        Key::Tab => "Tab".into(),
        Key::BackTab => "Shift+Tab".into(),
        Key::Up => "↑".into(),
        Key::Down => "↓".into(),
        Key::Left => "←".into(),
        Key::Right => "→".into(),
        Key::Home => "Home".into(),
        Key::End => "End".into(),
        Key::PageUp => "PgUp".into(),
        Key::PageDown => "PgDn".into(),
        Key::Backspace => "Backspace".into(),
        Key::Delete => "Del".into(),
        Key::F(n) => format!("F{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_hotkey_works_on_a_cyrillic_layout() {
        // Russian/Kyrgyz letters in the positions of the Latin letter hotkeys.
        let cases = [
            (KeyMode::Queue, 'т', Command::NewArrival),
            (KeyMode::Queue, 'с', Command::Call),
            (KeyMode::Queue, 'в', Command::Done),
            (KeyMode::Queue, 'д', Command::LeftWithoutService),
            (KeyMode::Queue, 'ц', Command::ReturnToQueue),
            (KeyMode::Queue, 'й', Command::Back),
            (KeyMode::Queue, 'л', Command::Up),
            (KeyMode::Queue, 'о', Command::Down),
            (KeyMode::Queue, 'п', Command::Top),
            (KeyMode::Queue, 'П', Command::Bottom),
            (KeyMode::Events, 'т', Command::NewEvent),
            (KeyMode::Events, 'й', Command::Quit),
            (KeyMode::Events, 'и', Command::Backup),
        ];
        for (mode, c, want) in cases {
            assert_eq!(
                lookup(mode, Key::Char(c), Lang::En),
                Some(want),
                "{c} in {mode:?}"
            );
        }
        // Every Latin letter bound anywhere has a Cyrillic twin that resolves the same way.
        for mode in [
            KeyMode::Events,
            KeyMode::Queue,
            KeyMode::FollowUps,
            KeyMode::PersonCard,
            KeyMode::Appeals,
            KeyMode::Appeal,
            KeyMode::History,
            KeyMode::Help,
        ] {
            for b in bindings(mode) {
                for k in b.keys {
                    if let Key::Char(c) = k
                        && c.is_ascii_alphabetic()
                    {
                        let twin = ('а'..='я')
                            .chain(['ё'])
                            .flat_map(|l| [l, l.to_uppercase().next().unwrap()])
                            .find(|&cy| jcuken_to_latin(cy) == *c)
                            .unwrap_or_else(|| panic!("no Cyrillic key for {c}"));
                        assert_eq!(lookup(mode, Key::Char(twin), Lang::Ru), Some(b.command));
                    }
                }
            }
        }
    }

    #[test]
    fn ctrl_keys_on_cyrillic_layout_and_text_in_forms() {
        assert_eq!(
            lookup(KeyMode::ArrivalForm, Key::Ctrl('ы'), Lang::Ru),
            Some(Command::Save)
        );
        assert_eq!(
            lookup(KeyMode::ArrivalForm, Key::Ctrl('с'), Lang::Ru),
            Some(Command::Quit)
        );
        assert_eq!(lookup(KeyMode::ArrivalForm, Key::Char('q'), Lang::En), None);
        assert_eq!(lookup(KeyMode::ArrivalForm, Key::Char('й'), Lang::Ru), None);
        assert_eq!(jcuken_to_latin('ж'), ';');
        assert_eq!(jcuken_to_latin('x'), 'x');
    }

    #[test]
    fn confirmations_take_the_letters_of_the_language_on_screen() {
        use Command::{No, Yes};
        let cases = [
            (
                Lang::Ru,
                ['д', 'Д'],
                ['н', 'Н'],
                ['y', 'n', 'l', 'т', 'о', 'ж'],
            ),
            (
                Lang::Ky,
                ['о', 'О'],
                ['ж', 'Ж'],
                ['y', 'n', 'j', ';', 'д', 'н'],
            ),
            (
                Lang::En,
                ['y', 'Y'],
                ['n', 'N'],
                ['н', 'т', 'д', 'о', 'ж', 'j'],
            ),
        ];
        for (lang, yes, no, nothing) in cases {
            let at = |k| lookup(KeyMode::Confirm, k, lang);
            for c in yes {
                assert_eq!(at(Key::Char(c)), Some(Yes), "{c} in {lang:?}");
            }
            for c in no {
                assert_eq!(at(Key::Char(c)), Some(No), "{c} in {lang:?}");
            }
            for c in nothing {
                assert_eq!(at(Key::Char(c)), None, "{c} in {lang:?}");
            }
            assert_eq!(at(Key::Enter), Some(Yes));
            assert_eq!(at(Key::Esc), Some(No));
            assert_eq!(at(Key::Ctrl('c')), None);
            assert_eq!(at(Key::Tab), None);
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [
            KeyMode::Events,
            KeyMode::Queue,
            KeyMode::EventForm,
            KeyMode::ArrivalForm,
            KeyMode::ConsultationForm,
            KeyMode::FollowUps,
            KeyMode::PersonCard,
            KeyMode::CloseForm,
            KeyMode::Appeals,
            KeyMode::Appeal,
            KeyMode::AppealForm,
            KeyMode::MemberForm,
            KeyMode::History,
            KeyMode::Search,
            KeyMode::Dashboard,
            KeyMode::ExportForm,
            KeyMode::ImportForm,
            KeyMode::BackupForm,
            KeyMode::JobRunning,
            KeyMode::Help,
            KeyMode::Confirm,
            KeyMode::Locked,
        ] {
            let mut seen = std::collections::HashSet::new();
            for b in bindings(mode) {
                for k in b.keys {
                    assert!(seen.insert(*k), "{k:?} bound twice in {mode:?}");
                }
            }
        }
    }
}
