//! The consultation form: topics, notes, advice, outcome, referral, legal bases, follow-up
//! date and amounts. Tuned so a typical consultation needs few keys beyond the text.

use tui_input::Input;

use super::form::{Choice, Field, FieldName, Form, field_names};
use super::picker::Picker;
use super::textedit::TextEdit;
use crate::app::keymap::{Key, KeyMode};
use crate::domain::consultation::{ConsultationField, FieldError};
use crate::domain::draft::{ConsultationDraft, NamedValues};
use crate::domain::taxonomy::Taxonomy;
use crate::domain::validate::Limit;
use crate::domain::{Consultation, ConsultationInput, Currency, Id, Lang, ValidationError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CField {
    Topics,
    Notes,
    Advice,
    Outcome,
    Referral,
    Bases,
    FollowUp,
    Claimed,
    ClaimedCurrency,
    Recovered,
    RecoveredCurrency,
}

pub const ORDER: [CField; 11] = [
    CField::Topics,
    CField::Notes,
    CField::Advice,
    CField::Outcome,
    CField::Referral,
    CField::Bases,
    CField::FollowUp,
    CField::Claimed,
    CField::ClaimedCurrency,
    CField::Recovered,
    CField::RecoveredCurrency,
];

field_names!(
    /// The one-line fields and choices of the consultation form, kept by the form engine
    /// every form uses; the lists and the text areas are widgets of their own beside them.
    pub enum ConsultLine {
        Outcome => "outcome",
        FollowUp => "follow_up",
        Claimed => "claimed",
        ClaimedCurrency => "claimed_currency",
        Recovered => "recovered",
        RecoveredCurrency => "recovered_currency",
    }
);

impl CField {
    /// The engine's field this is, for the one-line fields and choices.
    pub fn line(self) -> Option<ConsultLine> {
        Some(match self {
            CField::Outcome => ConsultLine::Outcome,
            CField::FollowUp => ConsultLine::FollowUp,
            CField::Claimed => ConsultLine::Claimed,
            CField::ClaimedCurrency => ConsultLine::ClaimedCurrency,
            CField::Recovered => ConsultLine::Recovered,
            CField::RecoveredCurrency => ConsultLine::RecoveredCurrency,
            CField::Topics | CField::Notes | CField::Advice | CField::Referral | CField::Bases => {
                return None;
            }
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            CField::Topics => "field-topics",
            CField::Notes => "field-notes",
            CField::Advice => "field-advice",
            CField::Outcome => "field-outcome",
            CField::Referral => "field-referral",
            CField::Bases => "field-legal-bases",
            CField::FollowUp => "field-follow-up",
            CField::Claimed => "field-claimed",
            CField::ClaimedCurrency => "field-currency",
            CField::Recovered => "field-recovered",
            CField::RecoveredCurrency => "field-currency",
        }
    }

    fn from_domain(f: ConsultationField) -> CField {
        match f {
            ConsultationField::Topics => CField::Topics,
            ConsultationField::Notes => CField::Notes,
            ConsultationField::Advice => CField::Advice,
            ConsultationField::LegalBases => CField::Bases,
            ConsultationField::Referral => CField::Referral,
            ConsultationField::Outcome => CField::Outcome,
            ConsultationField::FollowUp => CField::FollowUp,
            ConsultationField::Claimed => CField::Claimed,
            ConsultationField::Recovered => CField::Recovered,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ConsultationForm {
    pub event: Id,
    pub visit: Id,
    pub existing: Option<Id>,
    pub appeal: Option<Id>,
    pub person_name: String,
    pub queue_no: u32,
    /// The desk whose queue gave the visit its number (its letter goes before it); `None`
    /// for a form restored from a draft, shown with this desk's letter.
    pub queue_desk: Option<crate::domain::DeskId>,
    pub focus: CField,
    pub topics: Picker,
    pub notes: TextEdit,
    pub advice: TextEdit,
    pub referral: Picker,
    pub bases: Picker,
    /// Outcome, follow-up date, the amounts and their currencies.
    pub line: Form<ConsultLine>,
    pub errors: Vec<(CField, FieldError)>,
    pub saving: bool,
    initial: ConsultationDraft,
    /// Restored from a draft: unsaved even if untouched since.
    pub restored: bool,
}

fn options<'a>(
    items: impl Iterator<Item = (&'a str, &'a crate::domain::taxonomy::Label)>,
    lang: Lang,
) -> Vec<(String, String)> {
    items
        .map(|(code, label)| (code.to_string(), label.get(lang).to_string()))
        .collect()
}

/// A list of taxonomy labels to choose from, filtered by what is typed in any of the three
/// languages (an officer types `зарплата` or `wages` whatever the interface shows).
fn picker<'a>(
    items: impl Iterator<Item = (&'a str, &'a crate::domain::taxonomy::Label)> + Clone,
    lang: Lang,
    multi: bool,
) -> Picker {
    let names = items
        .clone()
        .map(|(_, label)| Lang::ALL.map(|l| label.get(l)).join("\n"))
        .collect();
    Picker::new(options(items, lang), multi).with_names(names)
}

/// The one-line fields and choices, blank: outcomes from the taxonomy, currencies.
fn line_form(tax: &Taxonomy, lang: Lang) -> Form<ConsultLine> {
    let outcomes = tax
        .outcomes
        .iter()
        .map(|o| Choice::text(&o.code, o.label.get(lang)).also(Lang::ALL.map(|l| o.label.get(l))))
        .collect();
    let currencies = || {
        Currency::ALL
            .iter()
            .map(|c| Choice::msg(c.code(), c.msg_id()).also(c.names().iter().copied()))
            .collect()
    };
    Form::new(vec![
        Field::choice(CField::Outcome.label(), outcomes, 0),
        Field::text(CField::FollowUp.label(), ""),
        Field::text(CField::Claimed.label(), ""),
        Field::choice(CField::ClaimedCurrency.label(), currencies(), 0),
        Field::text(CField::Recovered.label(), ""),
        Field::choice(CField::RecoveredCurrency.label(), currencies(), 0),
    ])
}

/// The draft's one-line values by the engine's names.
fn line_values(d: &ConsultationDraft) -> NamedValues {
    [
        (ConsultLine::Outcome, &d.outcome),
        (ConsultLine::FollowUp, &d.follow_up),
        (ConsultLine::Claimed, &d.claimed),
        (ConsultLine::ClaimedCurrency, &d.claimed_currency),
        (ConsultLine::Recovered, &d.recovered),
        (ConsultLine::RecoveredCurrency, &d.recovered_currency),
    ]
    .into_iter()
    .map(|(f, v)| (f.name().to_string(), v.clone()))
    .collect()
}

impl ConsultationForm {
    pub fn new(tax: &Taxonomy, lang: Lang, d: &ConsultationDraft) -> ConsultationForm {
        let mut topics = picker(
            tax.topics.iter().map(|t| (t.code.as_str(), &t.label)),
            lang,
            true,
        );
        topics.chosen = d.topics.clone();
        let mut referral = picker(
            tax.referrals.iter().map(|r| (r.code.as_str(), &r.label)),
            lang,
            false,
        );
        referral.chosen = d.referral.iter().cloned().collect();
        let mut bases = picker(
            tax.legal_bases.iter().map(|b| (b.code.as_str(), &b.label)),
            lang,
            true,
        );
        bases.chosen = d.legal_bases.clone();
        let mut line = line_form(tax, lang);
        line.restore_named(&line_values(d));
        let mut form = ConsultationForm {
            event: d.event,
            visit: d.visit,
            existing: d.existing,
            appeal: d.appeal,
            person_name: d.person_name.clone(),
            queue_no: d.queue_no,
            queue_desk: None,
            focus: CField::Topics,
            topics,
            notes: TextEdit::new(&d.notes),
            advice: TextEdit::new(&d.advice),
            referral,
            bases,
            line,
            errors: Vec::new(),
            saving: false,
            initial: d.clone(),
            restored: false,
        };
        form.initial = form.to_draft();
        form.offer_usual_choices(tax);
        form
    }

    /// A blank form for a visit.
    pub fn blank(
        tax: &Taxonomy,
        lang: Lang,
        event: Id,
        visit: Id,
        person_name: String,
        queue_no: u32,
    ) -> ConsultationForm {
        ConsultationForm::new(
            tax,
            lang,
            &ConsultationDraft {
                event,
                visit,
                existing: None,
                person_name,
                queue_no,
                topics: vec![],
                notes: String::new(),
                advice: String::new(),
                outcome: String::new(),
                referral: None,
                legal_bases: vec![],
                follow_up: String::new(),
                claimed: String::new(),
                claimed_currency: "RUB".into(),
                recovered: String::new(),
                recovered_currency: "RUB".into(),
                appeal: None,
            },
        )
    }

    /// A form to edit an existing consultation (a new version will be saved).
    pub fn edit(
        tax: &Taxonomy,
        lang: Lang,
        c: &Consultation,
        person_name: String,
        queue_no: u32,
    ) -> ConsultationForm {
        let f = &c.fields;
        let amount = |m: Option<crate::domain::Money>| m.map(|m| m.as_input()).unwrap_or_default();
        ConsultationForm::new(
            tax,
            lang,
            &ConsultationDraft {
                event: c.event,
                visit: c.visit,
                existing: Some(c.meta.id),
                person_name,
                queue_no,
                topics: f.topics.clone(),
                notes: f.notes.clone(),
                advice: f.advice.clone(),
                outcome: f.outcome.clone(),
                referral: f.referral.clone(),
                legal_bases: f.legal_bases.clone(),
                follow_up: f
                    .follow_up
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                claimed: amount(f.claimed),
                claimed_currency: f.claimed.map(|m| m.currency.code()).unwrap_or("RUB").into(),
                recovered: amount(f.recovered),
                recovered_currency: f
                    .recovered
                    .map(|m| m.currency.code())
                    .unwrap_or("RUB")
                    .into(),
                appeal: f.appeal,
            },
        )
    }

    /// Puts the legal bases and referral targets usual for the chosen topics first.
    pub fn offer_usual_choices(&mut self, tax: &Taxonomy) {
        let usual_bases: Vec<&str> = self
            .topics
            .chosen
            .iter()
            .filter_map(|c| tax.topic(c))
            .flat_map(|t| t.bases.iter().map(String::as_str))
            .collect();
        let usual_refs: Vec<&str> = self
            .topics
            .chosen
            .iter()
            .filter_map(|c| tax.topic(c))
            .flat_map(|t| t.referrals.iter().map(String::as_str))
            .collect();
        // Usual ones first, in the order the topic lists them; the rest keep theirs.
        let rank = |usual: &[&str], code: &str| {
            usual.iter().position(|u| *u == code).unwrap_or(usize::MAX)
        };
        self.bases
            .options
            .sort_by_key(|(c, _)| rank(&usual_bases, c));
        self.referral
            .options
            .sort_by_key(|(c, _)| rank(&usual_refs, c));
    }

    pub fn to_draft(&self) -> ConsultationDraft {
        ConsultationDraft {
            event: self.event,
            visit: self.visit,
            existing: self.existing,
            person_name: self.person_name.clone(),
            queue_no: self.queue_no,
            topics: self.topics.chosen.clone(),
            notes: self.notes.text(),
            advice: self.advice.text(),
            outcome: self.line.value(ConsultLine::Outcome).into(),
            referral: self.referral.chosen.first().cloned(),
            legal_bases: self.bases.chosen.clone(),
            follow_up: self.line.value(ConsultLine::FollowUp).into(),
            claimed: self.line.value(ConsultLine::Claimed).into(),
            claimed_currency: self.line.value(ConsultLine::ClaimedCurrency).into(),
            recovered: self.line.value(ConsultLine::Recovered).into(),
            recovered_currency: self.line.value(ConsultLine::RecoveredCurrency).into(),
            appeal: self.appeal,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.restored || self.to_draft() != self.initial
    }

    pub fn input(&self) -> ConsultationInput {
        let d = self.to_draft();
        ConsultationInput {
            topics: d.topics,
            notes: d.notes,
            advice: d.advice,
            legal_bases: d.legal_bases,
            referral: d.referral,
            outcome: d.outcome,
            follow_up: d.follow_up,
            claimed: d.claimed,
            claimed_currency: Some(self.currency(ConsultLine::ClaimedCurrency)),
            recovered: d.recovered,
            recovered_currency: Some(self.currency(ConsultLine::RecoveredCurrency)),
        }
    }

    fn currency(&self, f: ConsultLine) -> Currency {
        Currency::from_code(self.line.value(f)).unwrap_or(Currency::ALL[0])
    }

    /// What a one-line field or choice holds (the code of a choice).
    pub fn value(&self, f: CField) -> &str {
        f.line().map_or("", |l| self.line.value(l))
    }

    /// A one-line field's text, to draw with its cursor.
    pub fn text_input(&self, f: CField) -> Option<&Input> {
        self.line.get(f.line()?)?.input()
    }

    /// The label of a choice's selected option.
    pub fn choice_label(&self, f: CField) -> String {
        f.line()
            .and_then(|l| self.line.get(l))
            .and_then(Field::choice_text)
            .unwrap_or_default()
    }

    pub fn set_errors(&mut self, errors: Vec<(ConsultationField, FieldError)>) {
        self.errors = errors
            .into_iter()
            .map(|(f, e)| (CField::from_domain(f), e))
            .collect();
        if let Some(first) = ORDER
            .iter()
            .find(|f| self.errors.iter().any(|(e, _)| e == *f))
        {
            self.focus = *first;
        }
    }

    pub fn error(&self, f: CField) -> Option<FieldError> {
        self.errors.iter().find(|(x, _)| *x == f).map(|(_, e)| *e)
    }

    pub fn focus_next(&mut self) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = ORDER[(i + 1) % ORDER.len()];
    }

    pub fn focus_prev(&mut self) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = ORDER[(i + ORDER.len() - 1) % ORDER.len()];
    }

    pub fn is_last_focused(&self) -> bool {
        self.focus == ORDER[ORDER.len() - 1]
    }

    /// The key table for the field in focus: in notes Enter makes a new line, in a list
    /// the arrows move in it.
    pub fn key_mode(&self) -> KeyMode {
        match self.focus {
            CField::Notes | CField::Advice => KeyMode::ConsultationText,
            CField::Topics | CField::Referral | CField::Bases => KeyMode::ConsultationList,
            _ => KeyMode::ConsultationForm,
        }
    }

    fn line_field(&mut self) -> Option<&mut Field> {
        self.line.get_mut(self.focus.line()?)
    }

    fn picker(&mut self) -> Option<&mut Picker> {
        match self.focus {
            CField::Topics => Some(&mut self.topics),
            CField::Referral => Some(&mut self.referral),
            CField::Bases => Some(&mut self.bases),
            _ => None,
        }
    }

    /// The focused text's limit and how many characters it holds, for the fields that
    /// take text.
    fn room(&self) -> Option<(Limit, usize)> {
        let count = |t: &TextEdit| {
            let lines = t.lines();
            lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
        };
        Some(match self.focus {
            CField::Notes => (Limit::Note, count(&self.notes)),
            CField::Advice => (Limit::Note, count(&self.advice)),
            CField::FollowUp | CField::Claimed | CField::Recovered => {
                (Limit::Short, self.value(self.focus).chars().count())
            }
            _ => return None,
        })
    }

    /// Whether `more` characters fit in the focused field; if not, its error says the limit.
    fn fits(&mut self, more: usize) -> bool {
        match self.room() {
            Some((limit, n)) if n.saturating_add(more) > limit.max() => {
                let focus = self.focus;
                self.errors.retain(|(f, _)| *f != focus);
                self.errors.push((
                    focus,
                    FieldError::Validation(ValidationError::TooLong(limit)),
                ));
                false
            }
            _ => true,
        }
    }

    /// Applies a key to the focused field. Returns whether the content changed.
    pub fn key(&mut self, key: Key, tax: &Taxonomy) -> bool {
        let typed = match (self.focus, key) {
            (CField::Notes | CField::Advice, Key::Enter) => 1,
            (CField::Notes, Key::Ctrl('y')) => self.notes.cleared_len(),
            (CField::Advice, Key::Ctrl('y')) => self.advice.cleared_len(),
            (_, Key::Char(c)) if !c.is_control() => 1,
            _ => 0,
        };
        if typed > 0 && self.room().is_some() && !self.fits(typed) {
            return false;
        }
        let changed = match self.focus {
            CField::Notes => self.notes.edit(key),
            CField::Advice => self.advice.edit(key),
            CField::Topics | CField::Referral | CField::Bases => {
                let topics = self.focus == CField::Topics;
                let changed = self.picker().is_some_and(|p| p.key(key).1);
                if changed && topics {
                    self.offer_usual_choices(tax);
                }
                changed
            }
            CField::Outcome
            | CField::ClaimedCurrency
            | CField::RecoveredCurrency
            | CField::FollowUp
            | CField::Claimed
            | CField::Recovered => self.line_field().is_some_and(|f| f.edit(key)),
        };
        if changed {
            let focus = self.focus;
            self.errors.retain(|(f, _)| *f != focus);
        }
        changed
    }

    pub fn paste(&mut self, text: &str) -> bool {
        // All of it or nothing (as the one-line fields): nothing is cut without a word.
        let more = match self.focus {
            CField::Notes | CField::Advice => super::textedit::line_breaks(text).chars().count(),
            _ => text.chars().filter(|c| !c.is_control()).count(),
        };
        if !self.fits(more) {
            return false;
        }
        match self.focus {
            CField::Notes => self.notes.insert_str(text),
            CField::Advice => self.advice.insert_str(text),
            CField::FollowUp | CField::Claimed | CField::Recovered => {
                // Control characters are dropped here, not made spaces (an amount or a
                // date pasted with its line break).
                if let Some(f) = self.line_field() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        f.edit(Key::Char(c));
                    }
                }
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_amounts_stop_at_their_limits_with_the_message_naming_them() {
        let tax = crate::taxonomy::builtin();
        let mut f = ConsultationForm::blank(&tax, Lang::En, Id(1), Id(2), "Асанов Бакыт".into(), 1);
        f.focus = CField::Notes;
        assert!(f.paste(&"н".repeat(7998)));
        assert!(f.key(Key::Enter, &tax));
        assert!(f.key(Key::Char('x'), &tax));
        assert!(
            !f.key(Key::Char('y'), &tax),
            "the 8001st character is refused"
        );
        assert!(!f.key(Key::Enter, &tax));
        assert_eq!(f.notes.text().chars().count(), 8000);
        let msg = f.error(CField::Notes).map(FieldError::msg_id);
        assert_eq!(msg, Some("err-too-long-note"));
        assert!(f.key(Key::Backspace, &tax));
        assert_eq!(f.error(CField::Notes), None, "room again, the message goes");
        f.focus = CField::Advice;
        assert!(
            !f.paste(&"a".repeat(8001)),
            "a paste that does not fit is refused whole"
        );
        assert!(f.advice.is_empty());
        f.focus = CField::Claimed;
        assert!(!f.paste(&"9".repeat(33)));
        let msg = f.error(CField::Claimed).map(FieldError::msg_id);
        assert_eq!(msg, Some("err-too-long-short"));
        assert!(f.paste("1 250,00"));
    }
}
