//! Field validation and normalisation shared by the forms, the importer and the store.

use chrono::NaiveDate;

/// Why a field was rejected. `msg_id` is the i18n message that explains it to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("this field is required")]
    Required,
    #[error("too long: at most {} characters", .0.max())]
    TooLong(Limit),
    #[error("date must be YYYY-MM-DD or DD.MM.YYYY")]
    DateFormat,
    #[error("the year must be written with four digits")]
    DateTwoDigitYear,
    #[error("the year must be between 1900 and 2100")]
    DateYearRange,
    #[error("date is in the future")]
    DateInFuture,
    #[error("date is before 1900")]
    DateTooOld,
    #[error("document number may contain only letters and digits")]
    DocumentCharset,
    #[error("document number must be 5 to 20 characters")]
    DocumentLength,
    #[error("phone number may contain only digits, spaces, +, -, ( and )")]
    PhoneCharset,
    #[error("phone number: country code unknown, type it as +CC ...")]
    PhoneUnknownCountry,
    #[error("UTC offset must be like +03:00 or -05:30")]
    OffsetFormat,
    #[error("the desk letter is one Latin letter, A to Z")]
    DeskLetter,
}

impl ValidationError {
    pub fn msg_id(self) -> &'static str {
        match self {
            ValidationError::Required => "err-required",
            ValidationError::TooLong(limit) => limit.msg_id(),
            ValidationError::DateFormat => "err-date-format",
            ValidationError::DateTwoDigitYear => "err-date-two-digit-year",
            ValidationError::DateYearRange => "err-date-year-range",
            ValidationError::DateInFuture => "err-date-future",
            ValidationError::DateTooOld => "err-date-too-old",
            ValidationError::DocumentCharset => "err-document-charset",
            ValidationError::DocumentLength => "err-document-length",
            ValidationError::PhoneCharset => "err-phone-charset",
            ValidationError::PhoneUnknownCountry => "err-phone-country",
            ValidationError::DeskLetter => "err-desk-letter",
            ValidationError::OffsetFormat => "err-offset-format",
        }
    }
}

/// The documented maximum length of each kind of text field, in characters as typed. One
/// table for the domain's checks, the forms (which refuse typing beyond it) and the import
/// (which refuses the cell): together they keep every record far below the codec's size
/// limit, so nothing is ever accepted that could not be stored and read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Names, cities, venue, each host, purpose, desk, appeal title, respondent, officer.
    Text,
    /// The event's hosts as typed: several, separated by `,` or `;`.
    Hosts,
    /// Consultation notes and advice.
    Note,
    /// A document number as typed (spaces and dashes included; 5 to 20 are kept).
    Document,
    /// A phone number as typed (8 to 15 digits are kept).
    Phone,
    /// Dates, times, amounts, UTC offsets, ids, codes and numbers.
    Short,
}

impl Limit {
    pub const ALL: [Limit; 6] = [
        Limit::Text,
        Limit::Hosts,
        Limit::Note,
        Limit::Document,
        Limit::Phone,
        Limit::Short,
    ];

    pub const fn max(self) -> usize {
        match self {
            Limit::Text => 200,
            Limit::Hosts => 1000,
            Limit::Note => 8000,
            Limit::Document => 30,
            Limit::Phone => 24,
            Limit::Short => 32,
        }
    }

    /// The message naming this limit (the forms and the import show it).
    pub fn msg_id(self) -> &'static str {
        match self {
            Limit::Text => "err-too-long",
            Limit::Hosts => "err-too-long-hosts",
            Limit::Note => "err-too-long-note",
            Limit::Document => "err-too-long-document",
            Limit::Phone => "err-too-long-phone",
            Limit::Short => "err-too-long-short",
        }
    }

    /// The limit of an import column (its code in the export's layout).
    pub fn of_column(code: &str) -> Limit {
        match code {
            // Taxonomy values: a translated export writes their labels, lists of them joined.
            "notes" | "advice" | "topics" | "legal_bases" | "outcome" | "referral" | "topic" => {
                Limit::Note
            }
            "document" => Limit::Document,
            "phone" => Limit::Phone,
            "event_date" | "birth_date" | "arrived" | "created" | "opened" | "follow_up"
            | "follow_up_closed" | "claimed" | "recovered" | "utc_offset" | "queue_no"
            | "waited_min" | "sex" | "status" | "language" | "age_band" => Limit::Short,
            c if c.ends_with("_id") || c.ends_with("_currency") => Limit::Short,
            _ => Limit::Text,
        }
    }

    /// The limit of a form field, by its label's message id; `None` for fields that are
    /// not stored in a record (a file path, the search box).
    pub fn of_field(label: &str) -> Option<Limit> {
        Some(match label {
            "field-import-path" | "field-export-file" | "field-search" => return None,
            "field-notes" | "field-advice" => Limit::Note,
            "field-event-hosts" => Limit::Hosts,
            "field-document" => Limit::Document,
            "field-phone" => Limit::Phone,
            "field-event-date" | "field-birth-date" | "field-follow-up" | "field-closed-on"
            | "field-claimed" | "field-recovered" | "field-event-offset" => Limit::Short,
            _ => Limit::Text,
        })
    }

    /// Whether `text` is within the limit.
    pub fn allows(self, text: &str) -> bool {
        // Counting stops one past the limit: a 5 MB cell is not counted to its end.
        text.chars().nth(self.max()).is_none()
    }

    pub fn check(self, text: &str) -> Result<(), ValidationError> {
        if self.allows(text) {
            Ok(())
        } else {
            Err(ValidationError::TooLong(self))
        }
    }
}

/// Longest one-line text field we accept; keeps one record far below the codec's size limit.
pub const MAX_TEXT_CHARS: usize = Limit::Text.max();

/// Never kept in stored text: control characters (an escape sequence in a name from a CSV
/// file would be played by every terminal that shows it: the screen cleared, the window
/// retitled), the bidirectional marks, overrides and isolates, which make a name read
/// otherwise than it is stored, and the invisible format characters (zero-width space and
/// joiners, word joiner, a byte-order mark inside a cell, soft hyphen, tags): pasted from a
/// web page or a chat they make `Аса\u{200B}нов` look like `Асанов` yet differ from it, and
/// terminals and the layout disagree on their width, which shifts a queue row's columns.
pub fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{206F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{061C}'
                | '\u{00AD}'
                | '\u{180E}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// `text` with every character `is_unprintable` written as its escape (`\u{1b}`), so that
/// what a file holds can be quoted to a terminal without being played by it.
pub fn escape_unprintable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unprintable(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Trims and collapses inner whitespace, drops what `is_unprintable`; rejects empty when
/// `required`.
pub fn clean_text(raw: &str, required: bool) -> Result<String, ValidationError> {
    clean_text_within(raw, required, Limit::Text)
}

/// `clean_text` with another limit than the one-line text's.
pub fn clean_text_within(
    raw: &str,
    required: bool,
    limit: Limit,
) -> Result<String, ValidationError> {
    // Checked on the raw text first, so a huge input is refused before it is copied.
    if !Limit::Note.allows(raw) {
        return Err(ValidationError::TooLong(limit));
    }
    let printable: String = raw
        .chars()
        .filter(|&c| c.is_whitespace() || !is_unprintable(c))
        .collect();
    let cleaned = printable.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() && required {
        return Err(ValidationError::Required);
    }
    limit.check(&cleaned)?;
    Ok(cleaned)
}

/// The years a date may have: birth dates, reception days and follow-ups all fall within.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Accepts the two ways dates are typed at the desks: ISO `2026-11-24` and `24.11.2026`.
/// The year has four digits (`24.11.26` could be 1926 or 2026) and lies in `YEARS`.
pub fn parse_date(raw: &str) -> Result<NaiveDate, ValidationError> {
    use chrono::Datelike;
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValidationError::Required);
    }
    let year_digits = if let Some((y, _)) = s.split_once('-') {
        y
    } else {
        s.rsplit('.').next().unwrap_or("")
    };
    if !Limit::Short.allows(s) || !year_digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::DateFormat);
    }
    if (1..=2).contains(&year_digits.len()) && s.matches(['-', '.']).count() == 2 {
        return Err(ValidationError::DateTwoDigitYear);
    }
    if year_digits.len() > 4 {
        return Err(ValidationError::DateYearRange);
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| ValidationError::DateFormat)?;
    if year_digits.len() != 4 || !YEARS.contains(&d.year()) {
        return Err(ValidationError::DateYearRange);
    }
    Ok(d)
}

/// A local date and time as the exports write it (`YYYY-MM-DD HH:MM`, or `DD.MM.YYYY HH:MM`
/// as spreadsheets show it), its date checked as `parse_date` checks one.
pub fn parse_date_time(raw: &str) -> Result<chrono::NaiveDateTime, ValidationError> {
    let s = raw.trim();
    let (date, time) = s.split_once(' ').ok_or(ValidationError::DateFormat)?;
    let date = parse_date(date)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| ValidationError::DateFormat)?;
    Ok(date.and_time(time))
}

/// A birth date: a valid date, not after `today`, not before 1900.
pub fn parse_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let d = parse_date(raw)?;
    if d > today {
        return Err(ValidationError::DateInFuture);
    }
    if d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(ValidationError::DateTooOld);
    }
    Ok(d)
}

/// Parses a UTC offset such as `+03:00`, `+6`, `-05:30` into minutes east of UTC.
pub fn parse_utc_offset(raw: &str) -> Result<i32, ValidationError> {
    let s = raw.trim();
    let (sign, rest) = match s.chars().next() {
        Some('+') => (1, &s[1..]),
        Some('-') => (-1, &s[1..]),
        _ => (1, s),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None => (rest, "0"),
    };
    // Digits only: `i32::from_str` takes a sign of its own, so `-+5` read as -05:00 and
    // `+5:+30` as +05:30. Minutes are two digits: `+5:3` is 05:03 or 05:30, and no one can
    // tell which.
    let digits = |t: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !(m == "0" || digits(m, 2..=2)) {
        return Err(ValidationError::OffsetFormat);
    }
    let h: i32 = h.parse().map_err(|_| ValidationError::OffsetFormat)?;
    let m: i32 = m.parse().map_err(|_| ValidationError::OffsetFormat)?;
    // The world's offsets run from -12:00 to +14:00; nothing lies past ±14:00.
    if !(0..=14).contains(&h) || !(0..60).contains(&m) || h * 60 + m > 14 * 60 {
        return Err(ValidationError::OffsetFormat);
    }
    Ok(sign * (h * 60 + m))
}

/// A UTC time as it reads at a place `offset_min` minutes east of UTC.
pub fn to_local(
    t: chrono::DateTime<chrono::Utc>,
    offset_min: i32,
) -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::Offset;
    let offset =
        chrono::FixedOffset::east_opt(offset_min * 60).unwrap_or_else(|| chrono::Utc.fix());
    t.with_timezone(&offset)
}

pub fn format_utc_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// How a Cyrillic capital in a document number reads in Latin, as the desks type series on
/// a Russian layout. Letters that look like Latin ones are read by their look (`АС` is the
/// `AC` printed in the passport), except `Н`: no series is printed `AH`, and `АН` typed by
/// sound is the Kyrgyz passport's `AN`. Letters without a Latin twin are read by sound
/// (`ИД` is the ID card's `ID`). `None`: no one Latin letter reads it (`Ж`, `Ш`, `Я`...).
fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'N',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Б' => 'B',
        'Г' => 'G',
        'Д' => 'D',
        'З' => 'Z',
        'И' => 'I',
        'Л' => 'L',
        'П' => 'P',
        'Ф' => 'F',
        _ => return None,
    })
}

/// Look-alikes: the Cyrillic letters that are also Latin ones on paper. They are read as
/// Latin even in a number of Cyrillic script (`II-ЖА`), as they always were.
fn is_homoglyph(c: char) -> bool {
    matches!(
        c,
        'А' | 'В' | 'Е' | 'К' | 'М' | 'Н' | 'О' | 'Р' | 'С' | 'Т' | 'Х' | 'У'
    )
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// Normalises a document number to its one stored form: upper case, no spaces, dashes,
/// `/` or `№`, a series typed in Cyrillic read as Latin (`cyrillic_to_latin`: `АН 1234567`,
/// `ан-1234567` and `AN1234567` are all `AN1234567`). A number with letters no Latin letter
/// reads (a Russian birth certificate's `II-ЖБ`) keeps its Cyrillic, but for look-alikes.
/// Letters (Latin or Cyrillic) and digits only, 5 to 20 of them.
pub fn normalize_document(raw: &str) -> Result<String, ValidationError> {
    let upper = document_chars(raw).ok_or(ValidationError::DocumentCharset)?;
    if upper.is_empty() {
        return Err(ValidationError::Required);
    }
    if !(5..=20).contains(&upper.len()) {
        return Err(ValidationError::DocumentLength);
    }
    Ok(latin_series(&upper))
}

/// The significant characters of a document number as typed, upper case: separators
/// (spaces, `-`, `/`, `№`) dropped. `None` if anything else than letters and digits is left.
fn document_chars(raw: &str) -> Option<Vec<char>> {
    let mut upper = Vec::new();
    for c in raw.chars() {
        if c.is_whitespace() || c == '-' || c == '№' || c == '/' {
            continue;
        }
        if !(c.is_ascii_alphanumeric() || is_cyrillic(c)) {
            return None;
        }
        upper.extend(c.to_uppercase());
    }
    Some(upper)
}

/// The letters of an upper-case document number read as Latin where they can be.
fn latin_series(upper: &[char]) -> String {
    let all_latin = upper
        .iter()
        .all(|c| !is_cyrillic(*c) || cyrillic_to_latin(*c).is_some());
    upper
        .iter()
        .map(|&c| match cyrillic_to_latin(c) {
            Some(l) if all_latin || is_homoglyph(c) => l,
            _ => c,
        })
        .collect()
}

/// What two document numbers are compared by (the look-alike check, the search): the
/// stored form, read again by today's rule, with `H` as `N`. Stores written before `Н` was
/// read as `N` hold `АН 1234567` as `AH1234567`, and before `ИД` was read as `ID`, as
/// `ИД1234567`: both meet `AN1234567` and `ID1234567` here, with nothing rewritten.
pub fn document_key(doc: &str) -> String {
    let upper: Vec<char> = doc.chars().flat_map(char::to_uppercase).collect();
    key_of(&upper)
}

fn key_of(upper: &[char]) -> String {
    latin_series(upper)
        .chars()
        .map(|c| if c == 'H' { 'N' } else { c })
        .collect()
}

/// The `document_key` of a document number or the beginning of one as typed into the
/// search (`АН 12`, `ah-12`, `AN12` are all `AN12`): the separators `normalize_document`
/// drops are dropped, then the same rule reads it, so what the search finds and what the
/// look-alike check calls the same document agree. `None` if it holds anything but
/// letters, digits and separators, or nothing.
pub fn document_query_key(raw: &str) -> Option<String> {
    document_chars(raw)
        .filter(|u| !u.is_empty())
        .map(|u| key_of(&u))
}

/// Normalises a phone number to E.164 (`+996555123456`, `+79123456789`) when the country is
/// known from the form people type: `+996 …`, `0555 …` (Kyrgyz local), `+7 …`, `8 9…` (Russian
/// local), or any `+CC…` of 8 to 15 digits. Anything else is rejected rather than guessed.
pub fn normalize_phone(raw: &str) -> Result<String, ValidationError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValidationError::Required);
    }
    let mut digits = String::new();
    for (i, c) in s.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err(ValidationError::PhoneCharset),
        }
    }
    let plus = s.starts_with('+');
    let n = digits.len();
    let e164 = if plus {
        if (8..=15).contains(&n) {
            format!("+{digits}")
        } else {
            return Err(ValidationError::PhoneUnknownCountry);
        }
    } else if n == 12 && digits.starts_with("996") {
        format!("+{digits}")
    } else if n == 11 && (digits.starts_with('8') || digits.starts_with('7')) {
        format!("+7{}", &digits[1..])
    } else if n == 10 && digits.starts_with('0') {
        format!("+996{}", &digits[1..])
    } else if n == 10 && digits.starts_with('9') {
        format!("+7{digits}")
    } else if n == 9 && !digits.starts_with('0') {
        format!("+996{digits}")
    } else {
        return Err(ValidationError::PhoneUnknownCountry);
    };
    Ok(e164)
}

/// Digits to look a partly typed phone up by: local prefixes rewritten to country codes,
/// so `0555` finds `+996555…` and `8912` finds `+7912…`.
pub fn phone_search_digits(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return None;
    }
    if s.starts_with('+') {
        return Some(digits);
    }
    Some(match digits.as_bytes()[0] {
        b'0' => format!("996{}", &digits[1..]),
        b'8' => format!("7{}", &digits[1..]),
        _ => digits,
    })
}

/// The beginning of a national number typed without its country code or trunk prefix, as
/// desks read a number off a phone screen (`912 34` for `+7 912 34…`, `555 12` for
/// `+996 555 12…`): its digits, when it has at least `PHONE_NATIONAL_MIN` of them, no `+`
/// and no leading `0` (a Kyrgyz trunk prefix, read by `phone_search_digits`). Fewer
/// digits would list a good share of a country's numbers.
pub fn phone_national_digits(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.starts_with('+') || !s.chars().all(|c| c.is_ascii_digit() || " -().".contains(c)) {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= PHONE_NATIONAL_MIN && !digits.starts_with('0')).then_some(digits)
}

/// Fewest digits of a national number's beginning that the search looks up.
pub const PHONE_NATIONAL_MIN: usize = 5;

/// How many leading digits of an international number (without `+`) are its country
/// calling code, by the zones of ITU-T E.164: `1` and `7` one digit, the two-digit codes of
/// zones 2 to 9 as assigned (`90`, `44`...), three digits for the rest (`996`, `998`...).
pub fn calling_code_len(digits: &str) -> usize {
    let b = digits.as_bytes();
    let two = |second: &[u8]| b.get(1).is_some_and(|d| second.contains(d));
    let len = match b.first() {
        Some(b'1' | b'7') => 1,
        Some(b'2') if two(b"07") => 2,
        Some(b'3') if two(b"0123469") => 2,
        Some(b'4') if two(b"013456789") => 2,
        Some(b'5') if two(b"12345678") => 2,
        Some(b'6') if two(b"0123456") => 2,
        Some(b'8') if two(b"1246") => 2,
        Some(b'9') if two(b"0123458") => 2,
        Some(_) => 3,
        None => 0,
    };
    len.min(b.len())
}

#[cfg(test)]
mod tests;
