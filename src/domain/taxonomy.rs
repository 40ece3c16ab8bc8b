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

    /// The text in `lang`, else in whichever language it was given: a contact written only in
    /// Russian still prints on a Kyrgyz slip rather than nothing.
    pub fn get_any(&self, lang: Lang) -> &str {
        [
            Some(self.get(lang)),
            Some(self.en.as_str()),
            self.ru.as_deref(),
            self.ky.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())
        .unwrap_or("")
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
    /// Where a citizen finds it: each organisation fills in its own copy of the taxonomy.
    pub contacts: Contacts,
}

/// A referral target's contacts as printed on the slip; any may be empty (not filled in).
/// Address and hours are words, so they may differ per language; phone and website do not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contacts {
    pub address: Label,
    pub phone: String,
    pub hours: Label,
    pub website: String,
}

impl Contacts {
    /// The filled-in contacts in `lang`, each with its kind, in the slip's order.
    pub fn lines(&self, lang: Lang) -> Vec<(ContactKind, &str)> {
        [
            (ContactKind::Address, self.address.get_any(lang)),
            (ContactKind::Phone, self.phone.as_str()),
            (ContactKind::Hours, self.hours.get_any(lang)),
            (ContactKind::Website, self.website.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Address,
    Phone,
    Hours,
    Website,
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
