//! Consultations: what was asked, what was advised, where the case went, what follows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{Id, Meta};
use super::money::{Currency, Money, MoneyError};
use super::taxonomy::Taxonomy;
use super::validate::{ValidationError, parse_date};

/// Longest notes or advice accepted (a page of text).
pub const MAX_NOTE_CHARS: usize = super::validate::Limit::Note.max();

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    pub meta: Meta,
    pub visit: Id,
    pub person: Id,
    pub event: Id,
    /// Who made this version.
    pub officer: String,
    pub fields: ConsultationFields,
}

impl Consultation {
    /// A consultation given at `visit`: its person and event are the visit's, so the three
    /// never disagree, whoever makes the record (the desk, an import, the demo).
    pub fn at_visit(
        meta: Meta,
        visit: &super::Visit,
        officer: &str,
        fields: ConsultationFields,
    ) -> Consultation {
        Consultation {
            meta,
            visit: visit.meta.id,
            person: visit.person,
            event: visit.event,
            officer: officer.to_string(),
            fields,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationFields {
    /// Topic codes, at least one.
    pub topics: Vec<String>,
    pub notes: String,
    pub advice: String,
    /// Legal basis codes.
    pub legal_bases: Vec<String>,
    /// Referral target code.
    pub referral: Option<String>,
    /// Outcome code.
    pub outcome: String,
    pub follow_up: Option<NaiveDate>,
    /// When the follow-up was closed; `None` while it is open.
    pub follow_up_closed: Option<NaiveDate>,
    pub claimed: Option<Money>,
    pub recovered: Option<Money>,
    /// The collective appeal this consultation opened or joined.
    pub appeal: Option<Id>,
}

impl ConsultationFields {
    pub fn follow_up_open(&self) -> bool {
        self.follow_up.is_some() && self.follow_up_closed.is_none()
    }
}

/// The notes with a follow-up's closing note added as a line of its own, dated the day it
/// was closed (`2026-11-24: paid in full`), so the card and the history show what became of
/// it. An empty note leaves the notes as they are; notes past their limit are refused.
pub fn with_close_note(notes: &str, on: NaiveDate, note: &str) -> Result<String, ValidationError> {
    let note = super::validate::clean_text(note, false)?;
    if note.is_empty() {
        return Ok(notes.to_string());
    }
    let line = format!("{}: {note}", on.format("%Y-%m-%d"));
    let out = match notes.trim_end() {
        "" => line,
        kept => format!("{kept}\n{line}"),
    };
    super::validate::Limit::Note.check(&out)?;
    Ok(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsultationField {
    Topics,
    Notes,
    Advice,
    LegalBases,
    Referral,
    Outcome,
    FollowUp,
    Claimed,
    Recovered,
}

/// Why a consultation field was refused; `msg_id` explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Validation(ValidationError),
    Money(MoneyError),
    UnknownCode,
    NoTopic,
}

impl FieldError {
    pub fn msg_id(self) -> &'static str {
        match self {
            FieldError::Validation(e) => e.msg_id(),
            FieldError::Money(e) => e.msg_id(),
            FieldError::UnknownCode => "err-unknown-code",
            FieldError::NoTopic => "err-no-topic",
        }
    }
}

/// The consultation form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsultationInput {
    pub topics: Vec<String>,
    pub notes: String,
    pub advice: String,
    pub legal_bases: Vec<String>,
    pub referral: Option<String>,
    pub outcome: String,
    pub follow_up: String,
    pub claimed: String,
    pub claimed_currency: Option<Currency>,
    pub recovered: String,
    pub recovered_currency: Option<Currency>,
}

/// Notes or advice as stored: surrounding blank lines trimmed, CRLF and CR as LF, no
/// control character but LF and tab (`validate::is_unprintable`), within
/// `MAX_NOTE_CHARS` (the import checks a cell as the form checks the field).
pub fn clean_note(raw: &str) -> Result<String, ValidationError> {
    long_text(raw).map_err(|e| match e {
        FieldError::Validation(v) => v,
        _ => ValidationError::TooLong(super::validate::Limit::Note),
    })
}

fn long_text(raw: &str) -> Result<String, FieldError> {
    let t = raw.trim_end().trim_start_matches(['\n', '\r']);
    super::validate::Limit::Note
        .check(t)
        .map_err(FieldError::Validation)?;
    // A lone CR is a line break too (old Mac files, terminals that paste with CR).
    Ok(t.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !super::validate::is_unprintable(c))
        .collect())
}

/// An optional amount field: empty is none; a currency written in the text must agree
/// with the one chosen.
pub fn amount(raw: &str, currency: Option<Currency>) -> Result<Option<Money>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let (minor, written) = super::money::parse_amount(raw).map_err(FieldError::Money)?;
    let currency = match (currency, written) {
        (Some(c), Some(w)) if c != w => {
            return Err(FieldError::Money(MoneyError::CurrencyMismatch));
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => Currency::Rub,
    };
    Ok(Some(Money::new(currency, minor)))
}

impl ConsultationInput {
    /// Validates against the taxonomy in use. Every problem is reported at once.
    pub fn validate(
        &self,
        tax: &Taxonomy,
    ) -> Result<ConsultationFields, Vec<(ConsultationField, FieldError)>> {
        use ConsultationField as F;
        let mut errors = Vec::new();
        if self.topics.is_empty() {
            errors.push((F::Topics, FieldError::NoTopic));
        }
        if self.topics.iter().any(|t| tax.topic(t).is_none()) {
            errors.push((F::Topics, FieldError::UnknownCode));
        }
        if self
            .legal_bases
            .iter()
            .any(|b| tax.legal_basis(b).is_none())
        {
            errors.push((F::LegalBases, FieldError::UnknownCode));
        }
        if self
            .referral
            .as_ref()
            .is_some_and(|r| tax.referral(r).is_none())
        {
            errors.push((F::Referral, FieldError::UnknownCode));
        }
        if tax.outcome(&self.outcome).is_none() {
            errors.push((F::Outcome, FieldError::UnknownCode));
        }
        let notes = long_text(&self.notes).map_err(|e| errors.push((F::Notes, e)));
        let advice = long_text(&self.advice).map_err(|e| errors.push((F::Advice, e)));
        let follow_up = if self.follow_up.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(&self.follow_up)
                .map(Some)
                .map_err(|e| errors.push((F::FollowUp, FieldError::Validation(e))))
        };
        let claimed =
            amount(&self.claimed, self.claimed_currency).map_err(|e| errors.push((F::Claimed, e)));
        let recovered = amount(&self.recovered, self.recovered_currency)
            .map_err(|e| errors.push((F::Recovered, e)));
        match (notes, advice, follow_up, claimed, recovered) {
            (Ok(notes), Ok(advice), Ok(follow_up), Ok(claimed), Ok(recovered))
                if errors.is_empty() =>
            {
                let mut topics = self.topics.clone();
                topics.dedup();
                Ok(ConsultationFields {
                    topics,
                    notes,
                    advice,
                    legal_bases: self.legal_bases.clone(),
                    referral: self.referral.clone(),
                    outcome: self.outcome.clone(),
                    follow_up,
                    follow_up_closed: None,
                    claimed,
                    recovered,
                    appeal: None,
                })
            }
            _ => Err(errors),
        }
    }
}
