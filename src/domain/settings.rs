//! The desk's settings an officer edits (first start, the settings screen): its name, its
//! letter, the officer, the language. The letter goes before queue numbers (`A-017`), so the
//! desks of one event never hand out the same ticket.

use super::validate::{ValidationError, clean_text};
use super::visit::Lang;

/// The smallest group an anonymised export publishes, unless the config says otherwise.
pub const DEFAULT_K: u32 = 5;

/// What `anonymity_k` and `--k` accept: 1 would protect nobody; above 100 a reception day's
/// export would be all suppressed.
pub const K_RANGE: std::ops::RangeInclusive<u32> = 2..=100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub desk_name: String,
    /// One Latin capital letter, or empty for plain numbers (configs from before letters).
    pub desk_letter: String,
    pub officer: String,
    pub language: Lang,
}

/// Cyrillic capitals that look like Latin ones: on a Russian or Kyrgyz layout `А` is typed
/// where the officer means `A`.
const LOOK_ALIKES: &[(char, char)] = &[
    ('А', 'A'),
    ('В', 'B'),
    ('С', 'C'),
    ('Е', 'E'),
    ('Н', 'H'),
    ('К', 'K'),
    ('М', 'M'),
    ('О', 'O'),
    ('Р', 'P'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
];

/// The desk letter as typed: trimmed, upper-cased, a Cyrillic look-alike read as Latin;
/// empty stays empty. Anything but one letter A–Z is refused.
pub fn parse_desk_letter(raw: &str) -> Result<String, ValidationError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let mut chars = t.chars().flat_map(char::to_uppercase);
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            let c = LOOK_ALIKES
                .iter()
                .find(|(cy, _)| *cy == c)
                .map_or(c, |(_, lat)| *lat);
            if c.is_ascii_uppercase() {
                Ok(c.to_string())
            } else {
                Err(ValidationError::DeskLetter)
            }
        }
        _ => Err(ValidationError::DeskLetter),
    }
}

/// What a desk's queue number reads as: `A-017` with a letter, `17` without.
pub fn queue_label(letter: &str, number: u32) -> String {
    if letter.is_empty() {
        number.to_string()
    } else {
        format!("{letter}-{number:03}")
    }
}

/// The settings as typed, checked: a desk name is required, the officer may be empty (the
/// desk name is recorded then).
pub fn check(
    desk_name: &str,
    desk_letter: &str,
    officer: &str,
    language: Lang,
) -> Result<Settings, Vec<(usize, ValidationError)>> {
    let name = clean_text(desk_name, true);
    let letter = parse_desk_letter(desk_letter);
    let officer = clean_text(officer, false);
    match (name, letter, officer) {
        (Ok(desk_name), Ok(desk_letter), Ok(officer)) => Ok(Settings {
            desk_name,
            desk_letter,
            officer,
            language,
        }),
        (n, l, o) => Err([n.err(), l.err(), o.err()]
            .into_iter()
            .enumerate()
            .filter_map(|(i, e)| e.map(|e| (i, e)))
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_read_on_either_layout() {
        assert_eq!(parse_desk_letter(" b ").unwrap(), "B");
        assert_eq!(parse_desk_letter("а").unwrap(), "A", "Cyrillic а");
        assert_eq!(parse_desk_letter("").unwrap(), "");
        assert!(parse_desk_letter("AB").is_err());
        assert!(parse_desk_letter("7").is_err());
        assert!(parse_desk_letter("Ж").is_err());
        assert_eq!(queue_label("A", 17), "A-017");
        assert_eq!(queue_label("B", 1234), "B-1234");
        assert_eq!(queue_label("", 17), "17");
    }
}
