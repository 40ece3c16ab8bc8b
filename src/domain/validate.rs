//! Field validation and normalisation shared by the forms, the importer and the store.

use chrono::NaiveDate;

/// Why a field was rejected. `msg_id` is the i18n message that explains it to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("this field is required")]
    Required,
    #[error("too long")]
    TooLong,
    #[error("date must be YYYY-MM-DD or DD.MM.YYYY")]
    DateFormat,
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
}

impl ValidationError {
    pub fn msg_id(self) -> &'static str {
        match self {
            ValidationError::Required => "err-required",
            ValidationError::TooLong => "err-too-long",
            ValidationError::DateFormat => "err-date-format",
            ValidationError::DateInFuture => "err-date-future",
            ValidationError::DateTooOld => "err-date-too-old",
            ValidationError::DocumentCharset => "err-document-charset",
            ValidationError::DocumentLength => "err-document-length",
            ValidationError::PhoneCharset => "err-phone-charset",
            ValidationError::PhoneUnknownCountry => "err-phone-country",
            ValidationError::OffsetFormat => "err-offset-format",
        }
    }
}

/// Longest free-text field we accept; keeps one record far below the codec's size limit.
pub const MAX_TEXT_CHARS: usize = 200;

/// Trims and collapses inner whitespace; rejects empty when `required`.
pub fn clean_text(raw: &str, required: bool) -> Result<String, ValidationError> {
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() && required {
        return Err(ValidationError::Required);
    }
    if cleaned.chars().count() > MAX_TEXT_CHARS {
        return Err(ValidationError::TooLong);
    }
    Ok(cleaned)
}

/// Accepts the two ways dates are typed at the desks: ISO `2026-11-24` and `24.11.2026`.
pub fn parse_date(raw: &str) -> Result<NaiveDate, ValidationError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValidationError::Required);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| ValidationError::DateFormat)
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
    let h: i32 = h.parse().map_err(|_| ValidationError::OffsetFormat)?;
    let m: i32 = m.parse().map_err(|_| ValidationError::OffsetFormat)?;
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
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

/// Cyrillic letters that look like Latin ones in passport series are read as Latin, so
/// `АN 1234567` typed on a Russian layout matches `AN1234567` from the passport.
fn homoglyph_to_latin(c: char) -> char {
    match c {
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        other => other,
    }
}

/// Normalises a document number: upper case, no spaces, dashes or `№`, homoglyphs as Latin.
/// Letters (Latin or Cyrillic) and digits only, 5 to 20 of them.
pub fn normalize_document(raw: &str) -> Result<String, ValidationError> {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_whitespace() || c == '-' || c == '№' || c == '/' {
            continue;
        }
        let is_cyr = matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё');
        if !(c.is_ascii_alphanumeric() || is_cyr) {
            return Err(ValidationError::DocumentCharset);
        }
        for u in c.to_uppercase() {
            out.push(homoglyph_to_latin(u));
        }
    }
    if out.is_empty() {
        return Err(ValidationError::Required);
    }
    let n = out.chars().count();
    if !(5..=20).contains(&n) {
        return Err(ValidationError::DocumentLength);
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn phones_normalise_to_e164() {
        let cases = [
            ("+7 912 345-67-89", "+79123456789"),
            ("89123456789", "+79123456789"),
            ("8 (912) 345-67-89", "+79123456789"),
            ("79123456789", "+79123456789"),
            ("9123456789", "+79123456789"),
            ("+996 555 123 456", "+996555123456"),
            ("0555123456", "+996555123456"),
            ("0 555 12 34 56", "+996555123456"),
            ("996555123456", "+996555123456"),
            ("555123456", "+996555123456"),
            ("+77011234567", "+77011234567"),
            ("+49 30 1234567", "+49301234567"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_phone(raw).as_deref(), Ok(want), "input {raw}");
        }
    }

    #[test]
    fn bad_phones_are_rejected_not_guessed() {
        assert_eq!(normalize_phone(""), Err(ValidationError::Required));
        assert_eq!(
            normalize_phone("12345"),
            Err(ValidationError::PhoneUnknownCountry)
        );
        assert_eq!(
            normalize_phone("+12"),
            Err(ValidationError::PhoneUnknownCountry)
        );
        assert_eq!(
            normalize_phone("0555abc"),
            Err(ValidationError::PhoneCharset)
        );
        assert_eq!(
            normalize_phone("5+55123456"),
            Err(ValidationError::PhoneCharset)
        );
        assert_eq!(
            normalize_phone("1234567890123"),
            Err(ValidationError::PhoneUnknownCountry)
        );
    }

    #[test]
    fn phone_search_prefixes_rewrite_local_forms() {
        assert_eq!(phone_search_digits("0555").as_deref(), Some("996555"));
        assert_eq!(phone_search_digits("8912").as_deref(), Some("7912"));
        assert_eq!(phone_search_digits("+7 91").as_deref(), Some("791"));
        assert_eq!(phone_search_digits("Асанов"), None);
        assert_eq!(phone_search_digits("12"), None);
    }

    #[test]
    fn documents_normalise() {
        assert_eq!(normalize_document("an 1234567").as_deref(), Ok("AN1234567"));
        assert_eq!(normalize_document("АN-1234567").as_deref(), Ok("AN1234567"));
        assert_eq!(
            normalize_document("№ 45 12 345678").as_deref(),
            Ok("4512345678")
        );
        assert_eq!(
            normalize_document("II-ЖБ 123456").as_deref(),
            Ok("IIЖБ123456")
        );
        assert_eq!(
            normalize_document("AN12"),
            Err(ValidationError::DocumentLength)
        );
        assert_eq!(
            normalize_document("AN123456789012345678901"),
            Err(ValidationError::DocumentLength)
        );
        assert_eq!(
            normalize_document("AN_123456"),
            Err(ValidationError::DocumentCharset)
        );
        assert_eq!(normalize_document("   "), Err(ValidationError::Required));
    }

    #[test]
    fn dates_in_both_notations() {
        assert_eq!(parse_date("2026-11-24"), Ok(d(2026, 11, 24)));
        assert_eq!(parse_date("24.11.2026"), Ok(d(2026, 11, 24)));
        assert_eq!(parse_date("31.02.2026"), Err(ValidationError::DateFormat));
        assert_eq!(parse_date("yesterday"), Err(ValidationError::DateFormat));
        assert_eq!(parse_date(" "), Err(ValidationError::Required));
    }

    #[test]
    fn birth_dates_not_in_future_nor_absurd() {
        let today = d(2026, 11, 24);
        assert_eq!(parse_birth_date("14.05.1990", today), Ok(d(1990, 5, 14)));
        assert_eq!(parse_birth_date("2026-11-24", today), Ok(today));
        assert_eq!(
            parse_birth_date("2026-11-25", today),
            Err(ValidationError::DateInFuture)
        );
        assert_eq!(
            parse_birth_date("1899-12-31", today),
            Err(ValidationError::DateTooOld)
        );
    }

    #[test]
    fn utc_offsets() {
        assert_eq!(parse_utc_offset("+03:00"), Ok(180));
        assert_eq!(parse_utc_offset("+6"), Ok(360));
        assert_eq!(parse_utc_offset("-05:30"), Ok(-330));
        assert_eq!(parse_utc_offset("3"), Ok(180));
        assert_eq!(parse_utc_offset("+25"), Err(ValidationError::OffsetFormat));
        assert_eq!(parse_utc_offset("abc"), Err(ValidationError::OffsetFormat));
        assert_eq!(format_utc_offset(180), "+03:00");
        assert_eq!(format_utc_offset(-330), "-05:30");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            clean_text("  Асанов   Бакыт ", true).as_deref(),
            Ok("Асанов Бакыт")
        );
        assert_eq!(clean_text("  ", true), Err(ValidationError::Required));
        assert_eq!(clean_text("  ", false).as_deref(), Ok(""));
        assert_eq!(
            clean_text(&"ж".repeat(201), false),
            Err(ValidationError::TooLong)
        );
    }
}
