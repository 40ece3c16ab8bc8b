//! A member of an appeal: a person (found as they are typed, or new) and their amounts;
//! editing a member changes the amounts and status only.

use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::app::widgets::lookup::{PersonLookup, PersonPart, person_fields, person_form};
use crate::domain::draft::{DraftForm, MemberByName};
use crate::domain::{AppealMember, Currency, Id, MemberInput, MemberStatus, Money, Person};

use super::{FormStep, appeal, appeals, form_step, leave_form};

field_names!(
    /// The member form's fields: the person, the amounts, and the status (only when
    /// editing; a new member's status follows from the amounts).
    pub enum MemberFormField {
        Surname => PersonPart::Surname.name(),
        Given => PersonPart::Given.name(),
        Patronymic => PersonPart::Patronymic.name(),
        Birth => PersonPart::Birth.name(),
        Sex => PersonPart::Sex.name(),
        Document => PersonPart::Document.name(),
        Phone => PersonPart::Phone.name(),
        Region => PersonPart::Region.name(),
        City => PersonPart::City.name(),
        Claimed => "claimed",
        ClaimedCurrency => "claimed_currency",
        Recovered => "recovered",
        RecoveredCurrency => "recovered_currency",
        Status => "status",
    }
);
person_form!(MemberFormField);
use MemberFormField as MF;

/// The order positional drafts (`DraftForm::Member`) were written in. Frozen.
pub const POSITIONAL: [&str; 14] = [
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "document",
    "phone",
    "region",
    "city",
    "claimed",
    "claimed_currency",
    "recovered",
    "recovered_currency",
    "status",
];

#[derive(Clone, Debug)]
pub struct MemberPage {
    pub appeal: Id,
    pub appeal_title: String,
    /// The member being changed; `None` when adding one.
    pub existing: Option<AppealMember>,
    pub form: Form<MemberFormField>,
    pub lookup: PersonLookup,
    pub saving: bool,
}

fn currency_choices() -> Vec<Choice> {
    Currency::ALL
        .iter()
        .map(|c| Choice::msg(c.code(), c.msg_id()).also(c.names().iter().copied()))
        .collect()
}

pub fn new_member_form(editing: bool) -> Form<MemberFormField> {
    let mut fields = person_fields();
    fields.extend([
        Field::text("field-claimed", "").with_hint("hint-amount"),
        Field::choice("field-currency", currency_choices(), 0),
        Field::text("field-recovered", "").with_hint("hint-amount"),
        Field::choice("field-currency", currency_choices(), 0),
    ]);
    if editing {
        let statuses = MemberStatus::ALL
            .iter()
            .map(|s| Choice::msg(s.code(), s.msg_id()))
            .collect();
        fields.push(Field::choice("field-member-status", statuses, 0));
    }
    Form::new(fields)
}

/// The form for changing a member's amounts and status; the person is fixed.
fn member_edit_form(m: &AppealMember, p: Option<Person>) -> (Form<MemberFormField>, PersonLookup) {
    let mut form = new_member_form(true);
    let mut lookup = PersonLookup::default();
    if let Some(p) = p {
        lookup.link(&mut form, p, MF::Claimed);
    }
    lookup.fixed = true;
    let amount = |m: Option<Money>| m.map(|m| m.as_input()).unwrap_or_default();
    let code = |m: Option<Money>| m.map(|x| x.currency.code()).unwrap_or("RUB").to_string();
    let values = [
        (MF::Claimed, amount(m.claimed)),
        (MF::ClaimedCurrency, code(m.claimed)),
        (MF::Recovered, amount(m.recovered)),
        (MF::RecoveredCurrency, code(m.recovered.or(m.claimed))),
        (MF::Status, m.status.code().into()),
    ];
    for (f, v) in values {
        form[f].preset(&v);
    }
    form.set_focus(MF::Claimed);
    (form, lookup)
}

pub fn new(appeal: Id, appeal_title: String) -> MemberPage {
    MemberPage {
        appeal,
        appeal_title,
        existing: None,
        form: new_member_form(false),
        lookup: PersonLookup::default(),
        saving: false,
    }
}

pub fn edit(appeal: Id, appeal_title: String, m: AppealMember, p: Option<Person>) -> MemberPage {
    let (form, lookup) = member_edit_form(&m, p);
    MemberPage {
        appeal,
        appeal_title,
        existing: Some(m),
        form,
        lookup,
        saving: false,
    }
}

impl MemberPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => {
                let dirty = self.form.is_dirty();
                leave_form(cx, dirty, Outcome::back(vec![Effect::ClearDraft]))
            }
            FormStep::Moved => Outcome::none(),
            FormStep::Save => self.save(cx),
            FormStep::Other => {
                self.lookup.command(&mut self.form, command, MF::Claimed);
                Outcome::none()
            }
        }
    }

    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let f = &mut self.form;
        let input = MemberInput {
            claimed: f.value(MF::Claimed).into(),
            claimed_currency: Currency::from_code(f.value(MF::ClaimedCurrency)),
            recovered: f.value(MF::Recovered).into(),
            recovered_currency: Currency::from_code(f.value(MF::RecoveredCurrency)),
        };
        let person = if self.existing.is_some() {
            None
        } else {
            match self.lookup.pick(f, cx.today()) {
                Some(p) => Some(p),
                None => {
                    cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                    return Outcome::none();
                }
            }
        };
        let (claimed, recovered) = match input.validate() {
            Ok(x) => x,
            Err(errors) => {
                let errors: Vec<_> = errors
                    .iter()
                    .map(|(field, e)| {
                        let name = match field {
                            crate::domain::MemberField::Claimed => MF::Claimed,
                            crate::domain::MemberField::Recovered => MF::Recovered,
                        };
                        (name, e.msg_id())
                    })
                    .collect();
                f.set_error_msgs(&errors);
                cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                return Outcome::none();
            }
        };
        self.saving = true;
        let effect = match (&self.existing, person) {
            (Some(old), _) => {
                let status = MemberStatus::ALL
                    .into_iter()
                    .find(|s| s.code() == f.value(MF::Status))
                    .unwrap_or_default();
                let status = status.settled(recovered);
                if (claimed, recovered, status) == (old.claimed, old.recovered, old.status) {
                    // Saving what is already there writes no version and says so.
                    self.saving = false;
                    cx.flash("flash-nothing-changed", vec![], FlashKind::Info);
                    return Outcome::back(vec![Effect::ClearDraft]);
                }
                let m = AppealMember {
                    claimed,
                    recovered,
                    status,
                    ..old.clone()
                };
                Effect::UpdateMember(Box::new(m))
            }
            (None, Some(person)) => Effect::AddMember {
                appeal: self.appeal,
                person: Box::new(person),
                claimed,
                recovered,
            },
            (None, None) => return Outcome::none(),
        };
        Outcome::effects(vec![effect])
    }

    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        let changed = self.form.edit_focused(key);
        self.changed(cx, changed)
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        let changed = self.form.paste_focused(text);
        self.changed(cx, changed)
    }

    fn changed(&mut self, cx: &mut Cx, changed: bool) -> Outcome {
        *cx.draft_dirty |= changed;
        if changed {
            Outcome::effects(self.lookup.suggest(&self.form))
        } else {
            Outcome::none()
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::Suggestions { seq, persons, .. } => {
                self.lookup.answer(seq, persons);
                Ok(Outcome::none())
            }
            Action::MemberSaved(m) => {
                let v = |f| self.form.value(f).trim().to_string();
                let name = format!("{} {}", v(MF::Surname), v(MF::Given));
                cx.flash(
                    "flash-member-saved",
                    vec![("name", name.trim().to_string().into())],
                    FlashKind::Info,
                );
                let with = Returned::MemberSaved(m);
                Ok(Outcome::pop_with(with, true, vec![Effect::ClearDraft]))
            }
            other => Err(other),
        }
    }

    pub fn draft(&self) -> DraftForm {
        DraftForm::MemberByName(Box::new(MemberByName {
            appeal: self.appeal,
            appeal_title: self.appeal_title.clone(),
            existing: self.existing.clone(),
            values: self.form.named_values(),
            linked: self.lookup.linked.clone(),
        }))
    }
}

/// The pages a restored member draft opens: the list, the appeal, the form over them.
pub fn restore(d: &MemberByName) -> Vec<(Page, Vec<Effect>)> {
    let mut list = appeals::page(None);
    // Read when shown again (going back from the appeal).
    list.loading = false;
    let (mut form, mut lookup) = match &d.existing {
        Some(m) => member_edit_form(m, d.linked.clone()),
        None => (new_member_form(false), PersonLookup::default()),
    };
    if d.existing.is_none()
        && let Some(p) = d.linked.clone()
    {
        lookup.link(&mut form, p, MF::Claimed);
    }
    form.restore_named(&d.values);
    let page = MemberPage {
        appeal: d.appeal,
        appeal_title: d.appeal_title.clone(),
        existing: d.existing.clone(),
        form,
        lookup,
        saving: false,
    };
    vec![
        (Page::Appeals(list), vec![]),
        (
            Page::Appeal(appeal::page(d.appeal)),
            vec![Effect::LoadAppeal(d.appeal)],
        ),
        (Page::Member(page), vec![]),
    ]
}
