//! Every user-facing string goes through `I18n::t`. Messages are Fluent files under
//! `assets/locales/`, compiled into the binary so a lone executable works offline.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

mod values;

const EN: &str = include_str!("../../assets/locales/en.ftl");
const RU: &str = include_str!("../../assets/locales/ru.ftl");
const KY: &str = include_str!("../../assets/locales/ky.ftl");

/// A placeable's value: text, or a number (numbers select plural forms).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Str(String),
    Num(i64),
    /// Another message, translated first (e.g. a status label inside a sentence).
    Msg(&'static str),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(n.into())
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

pub struct I18n {
    lang: String,
    bundle: Bundle,
    /// English, for a message the chosen language lacks (`None` when English is chosen).
    fallback: Option<Bundle>,
    reported: Mutex<HashSet<String>>,
}

type Bundle = FluentBundle<FluentResource>;

/// The locale files built into the binary, by language code.
pub const LOCALES: [(&str, &str); 3] = [("en", EN), ("ru", RU), ("ky", KY)];

/// Whole numbers in sentences are grouped as the language writes them: `12,500` in
/// English, `12 500` (no-break space) in Russian and Kyrgyz. Plural selection still sees
/// the number itself.
fn grouped(value: &FluentValue, sep: &str) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0
        || n.value.abs() >= 1e15
        || n.options.minimum_fraction_digits.is_some()
    {
        return None;
    }
    // Exact: the value is integral and far below 2^53.
    Some(group_digits(n.value as i64, sep))
}

/// `-1234567` -> `-1 234 567` with `sep` between thousands.
pub fn group_digits(n: i64, sep: &str) -> String {
    let digits = crate::domain::money::group_digits(n.unsigned_abs(), sep);
    if n < 0 { format!("-{digits}") } else { digits }
}

fn format_en(v: &FluentValue, _: &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String> {
    grouped(v, ",")
}

fn format_ru_ky(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    grouped(v, "\u{a0}")
}

fn bundle(lang: &str, source: &str) -> Bundle {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) would show up as stray cells in a terminal.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(if lang == "en" {
        format_en
    } else {
        format_ru_ky
    }));
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(
                lang,
                ?errors,
                "locale file has syntax errors; kept what parsed"
            );
            r
        }
    };
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(lang, ?errors, "locale file defines a message twice");
    }
    bundle
}

impl I18n {
    /// The interface in `lang` (`ky`, `ru` or `en`); any other code gets English.
    pub fn new(lang: &str) -> I18n {
        let Some((code, source)) = LOCALES.iter().find(|(c, _)| *c == lang) else {
            tracing::warn!(lang, "no translation for this language; using English");
            return I18n::new("en");
        };
        I18n {
            lang: (*code).to_string(),
            bundle: bundle(code, source),
            fallback: (*code != "en").then(|| bundle("en", EN)),
            reported: Mutex::new(HashSet::new()),
        }
    }

    /// `lang` from the given Fluent source with the English fallback (for tests of a
    /// partial translation).
    pub fn with_source(lang: &str, source: &str) -> I18n {
        I18n {
            lang: lang.to_string(),
            bundle: bundle(lang, source),
            fallback: (lang != "en").then(|| bundle("en", EN)),
            reported: Mutex::new(HashSet::new()),
        }
    }

    pub fn of(lang: crate::domain::Lang) -> I18n {
        I18n::new(lang.code())
    }

    /// A date as this language writes it (`crate::domain::format_date`).
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        crate::domain::format_date(d, self.language())
    }

    /// A local date and time as this language writes it.
    pub fn date_time(&self, t: chrono::NaiveDateTime) -> String {
        crate::domain::format_date_time(t, self.language())
    }

    pub fn language(&self) -> crate::domain::Lang {
        crate::domain::Lang::from_code(&self.lang).unwrap_or_default()
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// A count written as the language's sentences write it (`68,903`, `68 903`), for
    /// figures outside a sentence: tables and bars beside them agree with the text.
    pub fn count(&self, n: usize) -> String {
        let sep = if self.lang == "en" { "," } else { "\u{a0}" };
        group_digits(i64::try_from(n).unwrap_or(i64::MAX), sep)
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    pub fn t(&self, id: &str) -> String {
        self.t_args(id, &[])
    }

    /// Formats message `id`. A message the language lacks comes from English (logged once);
    /// one that English lacks too shows its id: never a blank, never a panic.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let found = match self.bundle.get_message(id).and_then(|m| m.value()) {
            Some(p) => Some((&self.bundle, p)),
            None => {
                self.report_missing(id);
                self.fallback
                    .as_ref()
                    .and_then(|b| b.get_message(id).and_then(|m| m.value()).map(|p| (b, p)))
            }
        };
        let Some((bundle, pattern)) = found else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Str(s) => fargs.set(*k, FluentValue::from(s.as_str())),
                Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
                Arg::Msg(id) => fargs.set(*k, FluentValue::from(self.t(id))),
            }
        }
        let mut errors = Vec::new();
        let text: Cow<str> = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    fn report_missing(&self, id: &str) {
        let mut reported = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        if reported.insert(id.to_string()) {
            tracing::warn!(id, lang = %self.lang, "missing message; using English");
        }
    }

    /// Message ids this language lacks and that were asked for (for tests and `check`).
    pub fn missing_reported(&self) -> Vec<String> {
        let reported = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        let mut v: Vec<String> = reported.iter().cloned().collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_args_and_falls_back_to_the_id() {
        let i = I18n::new("en");
        assert_eq!(i.t("app-name"), "kezek");
        let s = i.t_args(
            "flash-arrival-saved",
            &[("number", 12u32.into()), ("name", "Асанов Бакыт".into())],
        );
        assert!(s.contains("12") && s.contains("Асанов Бакыт"), "{s}");
        assert!(!s.contains('\u{2068}'));
        assert_eq!(i.t("no-such-message"), "no-such-message");
    }
}
