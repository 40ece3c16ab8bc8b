//! Every user-facing string goes through `I18n::t`. Messages are Fluent files under
//! `assets/locales/`, compiled into the binary so a lone executable works offline.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

const EN: &str = include_str!("../../assets/locales/en.ftl");

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
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

pub struct I18n {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    reported: Mutex<HashSet<String>>,
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) would show up as stray cells in a terminal.
    bundle.set_use_isolating(false);
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
    /// The interface in `lang`. Languages not translated yet fall back to English.
    pub fn new(lang: &str) -> I18n {
        if lang != "en" {
            tracing::info!(lang, "no translation for this language yet; using English");
        }
        I18n {
            lang: "en".into(),
            bundle: bundle("en", EN),
            reported: Mutex::new(HashSet::new()),
        }
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    pub fn t(&self, id: &str) -> String {
        self.t_args(id, &[])
    }

    /// Formats message `id`. A missing message shows its id (logged once), never a blank.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.report_missing(id);
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
        let text: Cow<str> = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    fn report_missing(&self, id: &str) {
        let mut reported = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        if reported.insert(id.to_string()) {
            tracing::warn!(id, lang = %self.lang, "missing message");
        }
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
