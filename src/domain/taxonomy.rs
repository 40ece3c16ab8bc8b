//! The consultation taxonomy: topics, referral targets, legal bases, outcomes. Records store
//! the codes; labels can be renamed or translated without rewriting any record.

use super::Lang;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label {
    pub en: String,
    pub ru: Option<String>,
    pub ky: Option<String>,
}

impl Label {
    /// The label in `lang`, English when that translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => self.ru.as_deref(),
            Lang::Ky => self.ky.as_deref(),
            Lang::En => None,
        }
        .unwrap_or(&self.en)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub code: String,
    pub label: Label,
    /// Legal bases usually cited for this topic (codes), offered first.
    pub bases: Vec<String>,
    /// Referral targets usually used for this topic (codes), offered first.
    pub referrals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralTarget {
    pub code: String,
    pub label: Label,
    /// Contact fields: each organisation fills in its own copy of the taxonomy.
    pub address: String,
    pub phone: String,
    pub hours: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub label: Label,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taxonomy {
    pub topics: Vec<Topic>,
    pub referrals: Vec<ReferralTarget>,
    pub legal_bases: Vec<Entry>,
    pub outcomes: Vec<Entry>,
}

impl Taxonomy {
    pub fn topic(&self, code: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.code == code)
    }

    pub fn referral(&self, code: &str) -> Option<&ReferralTarget> {
        self.referrals.iter().find(|t| t.code == code)
    }

    pub fn legal_basis(&self, code: &str) -> Option<&Entry> {
        self.legal_bases.iter().find(|t| t.code == code)
    }

    pub fn outcome(&self, code: &str) -> Option<&Entry> {
        self.outcomes.iter().find(|t| t.code == code)
    }

    /// A stored code's label, or the code itself if this taxonomy no longer has it (a record
    /// made with another organisation's copy must still display).
    pub fn topic_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.topic(code).map(|t| t.label.get(lang)).unwrap_or(code)
    }

    pub fn referral_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.referral(code)
            .map(|t| t.label.get(lang))
            .unwrap_or(code)
    }

    pub fn basis_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.legal_basis(code)
            .map(|t| t.label.get(lang))
            .unwrap_or(code)
    }

    pub fn outcome_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.outcome(code)
            .map(|t| t.label.get(lang))
            .unwrap_or(code)
    }

    /// The label of `code` in whichever list defines it (topics, referrals, bases,
    /// outcomes): what an open form shows again after the interface language changes.
    pub fn any_label(&self, code: &str, lang: Lang) -> Option<&str> {
        self.topics
            .iter()
            .map(|t| (&t.code, &t.label))
            .chain(self.referrals.iter().map(|t| (&t.code, &t.label)))
            .chain(self.legal_bases.iter().map(|t| (&t.code, &t.label)))
            .chain(self.outcomes.iter().map(|t| (&t.code, &t.label)))
            .find(|(c, _)| c.as_str() == code)
            .map(|(_, l)| l.get(lang))
    }
}

/// A code is lower-case ASCII letters, digits, `.`, `-` and `_`: stable and file-safe.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
}
