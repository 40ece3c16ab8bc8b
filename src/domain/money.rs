//! Money: integer minor units with a currency, never floats. Parsing accepts what people
//! type at the desk and refuses what could be read two ways.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    Rub,
    Kgs,
    Kzt,
    Usd,
}

impl Currency {
    pub const ALL: [Currency; 4] = [Currency::Rub, Currency::Kgs, Currency::Kzt, Currency::Usd];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Kgs => "KGS",
            Currency::Kzt => "KZT",
            Currency::Usd => "USD",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The message naming the currency in a choice: the same word as [`Currency::unit`]
    /// (`руб.` in Russian, `RUB` in English), translated when drawn.
    pub fn msg_id(self) -> &'static str {
        match self {
            Currency::Rub => "unit-rub",
            Currency::Kgs => "unit-kgs",
            Currency::Kzt => "unit-kzt",
            Currency::Usd => "unit-usd",
        }
    }

    /// Every one of these has 100 minor units (kopeck, tyiyn, tiyn, cent).
    pub const fn minor_digits(self) -> u32 {
        2
    }

    /// How the currency is written after an amount in a language's text: the code in
    /// English, the word readers use in Russian and Kyrgyz (`11 000 000,00 руб.`). Each is
    /// read back by the amount parser.
    pub fn unit(self, locale: NumberLocale) -> &'static str {
        match (locale, self) {
            (NumberLocale::En, c) => c.code(),
            (NumberLocale::Ru, Currency::Rub) => "руб.",
            (NumberLocale::Ru, Currency::Kgs) => "сом",
            (NumberLocale::Ru, Currency::Kzt) => "тенге",
            (NumberLocale::Ru, Currency::Usd) => "долл.",
            (NumberLocale::Ky, Currency::Rub) => "рубль",
            (NumberLocale::Ky, Currency::Kgs) => "сом",
            (NumberLocale::Ky, Currency::Kzt) => "теңге",
            (NumberLocale::Ky, Currency::Usd) => "доллар",
        }
    }

    /// The currency's names in words, for choosing it by typing (`т`, `тенге`, `tenge`).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Currency::Rub => &["рубль", "руб.", "rouble", "ruble"],
            Currency::Kgs => &["сом", "som"],
            Currency::Kzt => &["тенге", "теңге", "tenge"],
            Currency::Usd => &["доллар", "долл.", "dollar", "$"],
        }
    }

    /// Words and signs people write after an amount.
    fn from_word(word: &str) -> Option<Currency> {
        let w = word.to_lowercase();
        let w = w.trim_end_matches('.');
        match w {
            "rub" | "руб" | "р" | "₽" | "рубль" | "рублей" | "рубля" => {
                Some(Currency::Rub)
            }
            "kgs" | "сом" | "сомов" | "сома" | "som" => Some(Currency::Kgs),
            "kzt" | "тенге" | "теңге" | "тг" | "₸" | "tenge" => Some(Currency::Kzt),
            "usd" | "$" | "долл" | "долларов" | "доллара" | "доллар" => {
                Some(Currency::Usd)
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub currency: Currency,
    /// Minor units (kopecks, tyiyns, cents). Never negative in records.
    pub minor: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amounts cannot be negative")]
    Negative,
    #[error("not an amount: use digits, spaces between thousands and , or . before kopecks")]
    Invalid,
    #[error("ambiguous: write 1250 or 1 250 for thousands, 1,25 or 1.25 for a fraction")]
    Ambiguous,
    #[error("at most two digits after the decimal separator")]
    TooPrecise,
    #[error("amount too large")]
    TooLarge,
    #[error("the currency typed does not match the one chosen")]
    CurrencyMismatch,
}

impl MoneyError {
    pub fn msg_id(self) -> &'static str {
        match self {
            MoneyError::Negative => "err-money-negative",
            MoneyError::Invalid => "err-money-invalid",
            MoneyError::Ambiguous => "err-money-ambiguous",
            MoneyError::TooPrecise => "err-money-precise",
            MoneyError::TooLarge => "err-money-large",
            MoneyError::CurrencyMismatch => "err-money-currency",
        }
    }
}

/// Parses an amount as typed: `11 000 000`, `11000000,50`, `1 250.75`, `1,250.75`,
/// `1.250,75`, `11 000 000 руб`. Returns minor units and the currency if one was written.
///
/// Rules: spaces (any kind) and `'` group thousands; with both `,` and `.`, the last one is
/// the decimal separator and the other groups thousands; a lone separator followed by one or
/// two digits is decimal; one followed by exactly three digits could be either, so it is
/// refused unless repeated in groups (`1,250,000`).
pub fn parse_amount(raw: &str) -> Result<(i64, Option<Currency>), MoneyError> {
    if !super::validate::Limit::Short.allows(raw.trim()) {
        return Err(MoneyError::TooLarge);
    }
    let mut s = raw.trim().to_string();
    if s.starts_with('-') || s.starts_with('−') {
        return Err(MoneyError::Negative);
    }
    // A currency word or sign before or after the number.
    let mut currency = None;
    for sign in ["₽", "₸", "$"] {
        if let Some(rest) = s.strip_prefix(sign) {
            currency = Currency::from_word(sign);
            s = rest.trim().to_string();
        }
    }
    if let Some(pos) = s.find(|c: char| c.is_alphabetic() || "₽₸$".contains(c)) {
        let word = s[pos..].trim();
        currency = Some(Currency::from_word(word).ok_or(MoneyError::Invalid)?);
        s = s[..pos].trim().to_string();
    }
    if s.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let digits_and_seps: String = s
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '\'' || *c == '\u{202f}'))
        .collect();
    if digits_and_seps.is_empty()
        || !digits_and_seps
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || !digits_and_seps.starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(MoneyError::Invalid);
    }
    let last_comma = digits_and_seps.rfind(',');
    let last_dot = digits_and_seps.rfind('.');
    let (int_part, frac_part): (String, &str) = match (last_comma, last_dot) {
        (None, None) => (digits_and_seps.clone(), ""),
        (Some(c), Some(d)) => {
            let (dec, group) = if c > d { (c, '.') } else { (d, ',') };
            let int = &digits_and_seps[..dec];
            if int.contains(if group == '.' { ',' } else { '.' }) {
                return Err(MoneyError::Invalid); // the decimal separator twice
            }
            check_groups(int, group)?;
            (int.replace(group, ""), &digits_and_seps[dec + 1..])
        }
        (Some(p), None) | (None, Some(p)) => {
            let sep = digits_and_seps.as_bytes()[p] as char;
            let count = digits_and_seps.matches(sep).count();
            let after = &digits_and_seps[p + 1..];
            if count > 1 {
                check_groups(&digits_and_seps, sep)?;
                (digits_and_seps.replace(sep, ""), "")
            } else if after.len() == 3 {
                return Err(MoneyError::Ambiguous);
            } else {
                (digits_and_seps[..p].to_string(), after)
            }
        }
    };
    if frac_part.len() > 2 {
        return Err(MoneyError::TooPrecise);
    }
    if int_part.is_empty() || !frac_part.chars().all(|c| c.is_ascii_digit()) {
        return Err(MoneyError::Invalid);
    }
    let units: i64 = int_part.parse().map_err(|_| MoneyError::TooLarge)?;
    let frac: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().map_err(|_| MoneyError::Invalid)? * 10,
        _ => frac_part.parse().map_err(|_| MoneyError::Invalid)?,
    };
    let minor = units
        .checked_mul(100)
        .and_then(|m| m.checked_add(frac))
        .filter(|m| *m <= MAX_AMOUNT_MINOR)
        .ok_or(MoneyError::TooLarge)?;
    Ok((minor, currency))
}

/// The largest amount one record may hold, in minor units (ten billion): far above any
/// wage claim, and low enough that millions of them still add up without overflow.
pub const MAX_AMOUNT_MINOR: i64 = 10_000_000_000 * 100;

/// `1,250,000`: every group after the first has exactly three digits.
fn check_groups(int: &str, sep: char) -> Result<(), MoneyError> {
    let mut parts = int.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 && int.contains(sep) {
        return Err(MoneyError::Invalid);
    }
    if parts.any(|g| g.len() != 3) {
        return Err(MoneyError::Invalid);
    }
    Ok(())
}

impl Money {
    pub fn new(currency: Currency, minor: i64) -> Money {
        Money { currency, minor }
    }

    /// Parses `raw` in `currency`; a different currency written in the text is an error.
    pub fn parse(raw: &str, currency: Currency) -> Result<Money, MoneyError> {
        let (minor, written) = parse_amount(raw)?;
        if written.is_some_and(|w| w != currency) {
            return Err(MoneyError::CurrencyMismatch);
        }
        Ok(Money { currency, minor })
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money {
            currency: self.currency,
            minor: self.minor.checked_add(other.minor)?,
        })
    }

    /// `11,204,500.00 RUB` (en), `11 204 500,00 руб.` (ru), `11 204 500,00 рубль` (ky;
    /// no-break spaces between the digits).
    pub fn format(self, locale: NumberLocale) -> String {
        format!(
            "{} {}",
            format_minor(self.minor, locale),
            self.currency.unit(locale)
        )
    }
}

impl Money {
    /// The amount as it is put back into an input field for editing (no currency; the
    /// parser reads it back unchanged).
    pub fn as_input(self) -> String {
        format_minor(self.minor, NumberLocale::Ru)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(NumberLocale::En))
    }
}

/// How numbers are written: English `1,234.56`, Russian and Kyrgyz `1 234,56`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberLocale {
    En,
    Ru,
    Ky,
}

impl NumberLocale {
    /// How numbers are written in an interface language.
    pub fn of(lang: super::Lang) -> NumberLocale {
        match lang {
            super::Lang::En => NumberLocale::En,
            super::Lang::Ru => NumberLocale::Ru,
            super::Lang::Ky => NumberLocale::Ky,
        }
    }
}

pub fn format_minor(minor: i64, locale: NumberLocale) -> String {
    let (group, decimal) = match locale {
        NumberLocale::En => (",", "."),
        NumberLocale::Ru | NumberLocale::Ky => ("\u{a0}", ","),
    };
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}{decimal}{:02}",
        group_digits(abs / 100, group),
        abs % 100
    )
}

/// `1234567` -> `1 234 567` with `sep` between thousands (money, and counts in sentences).
pub fn group_digits(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Sums per currency with overflow checks: totals are what ministries receive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals(pub BTreeMap<Currency, i64>);

impl Totals {
    pub fn add(&mut self, m: Money) -> Result<(), MoneyError> {
        let slot = self.0.entry(m.currency).or_insert(0);
        *slot = slot.checked_add(m.minor).ok_or(MoneyError::TooLarge)?;
        Ok(())
    }

    pub fn get(&self, c: Currency) -> i64 {
        self.0.get(&c).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|v| *v == 0)
    }

    /// `1,000.00 RUB; 50.00 USD`, in currency order.
    pub fn format(&self, locale: NumberLocale) -> String {
        self.0
            .iter()
            .filter(|(_, v)| **v != 0)
            .map(|(c, v)| Money::new(*c, *v).format(locale))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let ok = [
            ("11 000 000", 1_100_000_000),
            ("11000000,50", 1_100_000_050),
            ("1 250.75", 125_075),
            ("1,250.75", 125_075),
            ("1.250,75", 125_075),
            ("1 250,7", 125_070),
            ("0,5", 50),
            ("1,250,000", 125_000_000),
            ("1.250.000", 125_000_000),
            ("1'250'000.00", 125_000_000),
            ("11\u{a0}204\u{a0}500,00", 1_120_450_000),
            ("  42  ", 4_200),
            ("0", 0),
            ("12,5", 1_250),
        ];
        for (raw, want) in ok {
            assert_eq!(parse_amount(raw).map(|r| r.0), Ok(want), "input {raw:?}");
        }
    }

    #[test]
    fn currency_words_and_signs() {
        assert_eq!(
            parse_amount("11 000 000 руб."),
            Ok((1_100_000_000, Some(Currency::Rub)))
        );
        assert_eq!(parse_amount("5000 сом"), Ok((500_000, Some(Currency::Kgs))));
        assert_eq!(parse_amount("$120"), Ok((12_000, Some(Currency::Usd))));
        assert_eq!(
            parse_amount("300 000 тенге"),
            Ok((30_000_000, Some(Currency::Kzt)))
        );
        assert_eq!(parse_amount("300 ₽"), Ok((30_000, Some(Currency::Rub))));
        assert_eq!(parse_amount("300 euro"), Err(MoneyError::Invalid));
        assert_eq!(
            Money::parse("5000 сом", Currency::Rub),
            Err(MoneyError::CurrencyMismatch)
        );
        assert_eq!(
            Money::parse("5000 RUB", Currency::Rub),
            Ok(Money::new(Currency::Rub, 500_000))
        );
    }

    #[test]
    fn refuses_bad_and_ambiguous_amounts() {
        let bad = [
            ("-100", MoneyError::Negative),
            ("−100", MoneyError::Negative),
            ("1,250", MoneyError::Ambiguous),
            ("1.250", MoneyError::Ambiguous),
            ("12.345", MoneyError::Ambiguous),
            ("1,2345", MoneyError::TooPrecise),
            ("1.255,755", MoneyError::TooPrecise),
            ("1,25,000", MoneyError::Invalid),
            ("1.250.00", MoneyError::Invalid),
            ("1,250.000.5", MoneyError::Invalid),
            ("abc", MoneyError::Invalid),
            ("", MoneyError::Invalid),
            (",50", MoneyError::Invalid),
            ("12-50", MoneyError::Invalid),
            ("99999999999999999999", MoneyError::TooLarge),
            ("92233720368547758,08", MoneyError::TooLarge),
        ];
        for (raw, want) in bad {
            assert_eq!(parse_amount(raw), Err(want), "input {raw:?}");
        }
    }

    #[test]
    fn formats_per_locale() {
        let m = Money::new(Currency::Rub, 1_120_450_000);
        assert_eq!(m.format(NumberLocale::En), "11,204,500.00 RUB");
        assert_eq!(m.format(NumberLocale::Ru), "11\u{a0}204\u{a0}500,00 руб.");
        assert_eq!(m.format(NumberLocale::Ky), "11\u{a0}204\u{a0}500,00 рубль");
        // What is shown in every language is read back as the same amount.
        for locale in [NumberLocale::En, NumberLocale::Ru, NumberLocale::Ky] {
            for c in Currency::ALL {
                let shown = Money::new(c, 123_456).format(locale);
                let typed = shown.replace('\u{a0}', " ");
                assert_eq!(
                    Money::parse(&typed, c).map(|p| (p.currency, p.minor)),
                    Ok((c, 123_456)),
                    "{shown}"
                );
            }
        }
        assert_eq!(format_minor(5, NumberLocale::En), "0.05");
        assert_eq!(format_minor(100_000, NumberLocale::En), "1,000.00");
        assert_eq!(format_minor(99_999, NumberLocale::Ky), "999,99");
        assert_eq!(format_minor(-150, NumberLocale::En), "-1.50");
        // Whatever is formatted parses back to the same value.
        for minor in [0, 5, 99, 100, 123_456_789, MAX_AMOUNT_MINOR] {
            for loc in [NumberLocale::En, NumberLocale::Ru] {
                assert_eq!(
                    parse_amount(&format_minor(minor, loc)).map(|r| r.0),
                    Ok(minor)
                );
            }
        }
    }

    #[test]
    fn totals_per_currency_with_checked_sums() {
        let mut t = Totals::default();
        t.add(Money::new(Currency::Rub, 100_000)).unwrap();
        t.add(Money::new(Currency::Usd, 5_000)).unwrap();
        t.add(Money::new(Currency::Rub, 50)).unwrap();
        assert_eq!(t.get(Currency::Rub), 100_050);
        assert_eq!(t.get(Currency::Kgs), 0);
        assert_eq!(t.format(NumberLocale::En), "1,000.50 RUB; 50.00 USD");
        t.add(Money::new(Currency::Rub, i64::MAX)).unwrap_err();
        assert_eq!(
            t.get(Currency::Rub),
            100_050,
            "a failed add changes nothing"
        );
        assert_eq!(
            Money::new(Currency::Rub, 1).checked_add(Money::new(Currency::Usd, 1)),
            None
        );
    }
}
