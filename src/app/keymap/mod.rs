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
    /// A new line in a multi-line text.
    NewLine,
    /// Clear the field in focus at once (Ctrl+U, the terminal's convention).
    ClearField,
    /// Put back what `ClearField` cleared (Ctrl+Y, as the terminal's yank).
    PutBack,
    Yes,
    No,
    Unlock,
    NewConsultation,
    PersonCard,
    FollowUps,
    CloseFollowUp,
    /// Follow-ups due this week, overdue, or all.
    FilterDue,
    /// Follow-ups of the next topic among them (then all topics).
    FilterTopic,
    /// Follow-ups of the next officer among them (then all officers).
    FilterOfficer,
    Edit,
    /// Correct the details of the person on the card.
    EditPerson,
    Slip,
    PrintSlip,
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
    /// Take back the last queue move of the selected visit.
    Undo,
    /// Take back the last merge into the person on the card.
    Unmerge,
    /// The figures of the event or of everything.
    Dashboard,
    /// Export the dashboard's period to a file.
    Export,
    /// Import a CSV file or export folder.
    Import,
    /// Write a backup of the store to a file.
    Backup,
    /// Exchange records with the other desks by USB stick.
    Exchange,
    /// The records two desks changed without seeing each other's change.
    Conflicts,
    /// Keep the version every desk shows (a clock-suspect record: mark it seen).
    KeepShown,
    /// Take the other version of a conflict.
    TakeOther,
    /// The desk's settings: name, letter, officer, language.
    Settings,
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
    /// The consultation form on a one-line field or a choice.
    ConsultationForm,
    /// The consultation form on notes or advice.
    ConsultationText,
    /// The consultation form on topics, referral or legal bases.
    ConsultationList,
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
    Conflicts,
    ExportForm,
    ImportForm,
    BackupForm,
    /// An export or import is running: only cancelling it.
    JobRunning,
    Help,
    Confirm,
    /// A question whose yes is the language's letter only: an Enter pressed twice out of
    /// habit must not answer it (settling which amount of a claim stands).
    ConfirmLetter,
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
                | KeyMode::ConsultationText
                | KeyMode::ConsultationList
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

mod tables;

pub use tables::bindings;

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

/// The words on screen that answer a question in `lang`, yes then no: the letters after
/// the first, typed on by an officer who writes the whole word, answer nothing.
pub fn confirm_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ru => ("да", "нет"),
        Lang::Ky => ("ооба", "жок"),
        Lang::En => ("yes", "no"),
    }
}

/// A confirmation's answer: the language's letters (either case), Enter or Esc. Any other
/// key, a letter of another language included, answers nothing.
fn confirm_answer(key: Key, lang: Lang, mode: KeyMode) -> Option<Command> {
    let (yes, no) = confirm_letters(lang);
    match key {
        Key::Char(c) => match c.to_lowercase().next() {
            Some(l) if l == yes => Some(Command::Yes),
            Some(l) if l == no => Some(Command::No),
            _ => None,
        },
        other => bindings(mode)
            .iter()
            .find(|b| b.keys.contains(&other))
            .map(|b| b.command),
    }
}

/// The command bound to `key` in `mode`, with the interface in `lang`. In text modes
/// printable characters are never commands (they are typed into the field).
pub fn lookup(mode: KeyMode, key: Key, lang: Lang) -> Option<Command> {
    if matches!(mode, KeyMode::Confirm | KeyMode::ConfirmLetter) {
        return confirm_answer(key, lang, mode);
    }
    if mode.takes_text() && matches!(key, Key::Char(_)) {
        return None;
    }
    let bound = |k: Key| bindings(mode).iter().find(|b| b.keys.contains(&k));
    let by_place = bound(normalise(key));
    // A Cyrillic letter that looks like a Latin letter the screen binds: an officer who
    // reads `o` in the footer and types the Cyrillic `о` means `o`, not `j` (the key in
    // that place). It means what it looks like when its place is bound to nothing, or only
    // to a key no footer shows; a footer key in its place keeps it, so that a key pressed
    // where the footer's letter is printed on the keyboard always does what it says.
    // (The rest of an answer word typed on after a question, Kyrgyz `ооба`, never gets
    // here: `update::rest_of_answer` swallows it.)
    if let Key::Char(c) = key
        && let Some(looks) = latin_look_alike(c).and_then(|l| bound(Key::Char(l)))
        && by_place.is_none_or(|b| b.hint.is_none() && looks.hint.is_some())
    {
        return Some(looks.command);
    }
    by_place.map(|b| b.command)
}

/// The Latin letter a Cyrillic one looks like, where they are one glyph.
fn latin_look_alike(c: char) -> Option<char> {
    const PAIRS: [(char, char); 19] = [
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('У', 'Y'),
        ('Х', 'X'),
    ];
    PAIRS.iter().find(|(cyr, _)| *cyr == c).map(|(_, lat)| *lat)
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
mod tests;
