//! An appeal's details: new (perhaps opened from a consultation) or edited.

use super::appeal;
use super::appeals::{self, JoinTarget};
use crate::app::keymap::{Command, Key};
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::form::{Choice, Field, Form, field_names};
use crate::domain::draft::{AppealByName, DraftForm};
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{Appeal, AppealField, AppealInput, Id, Lang};

use super::{FormStep, form_step, leave_form};

field_names!(
    pub enum AppealFormField {
        Title => "title",
        Respondent => "respondent",
        Topic => "topic",
        HostCity => "host_city",
        FollowUp => "follow_up",
    }
);
use AppealFormField as APF;

/// The order positional drafts (`DraftForm::Appeal`) were written in. Frozen.
pub const POSITIONAL: [&str; 5] = ["title", "respondent", "topic", "host_city", "follow_up"];

#[derive(Clone, Debug)]
pub struct AppealFormPage {
    /// The appeal whose details are edited; `None` for a new one.
    pub existing: Option<Id>,
    /// The consultation a new appeal is opened from.
    pub from: Option<JoinTarget>,
    pub form: Form<AppealFormField>,
    pub saving: bool,
}

fn topic_choices(tax: &Taxonomy, lang: Lang) -> Vec<Choice> {
    tax.topics
        .iter()
        .map(|t| Choice::text(&t.code, t.label.get(lang)))
        .collect()
}

pub fn new_appeal_form(tax: &Taxonomy, lang: Lang) -> Form<AppealFormField> {
    Form::new(vec![
        Field::text("field-appeal-title", ""),
        Field::text("field-respondent", ""),
        Field::choice("field-appeal-topic", topic_choices(tax, lang), 0),
        Field::text("field-host-city", ""),
        Field::text("field-follow-up", "").with_hint("hint-date"),
    ])
}

/// An appeal form whose fields start as `values` (they count as given, not as changes).
fn appeal_form_with(
    tax: &Taxonomy,
    lang: Lang,
    values: &[(AppealFormField, &str)],
) -> Form<AppealFormField> {
    let mut form = new_appeal_form(tax, lang);
    for (f, v) in values {
        form[*f].preset(v);
    }
    form
}

/// A new appeal, prefilled from the consultation it is opened for.
pub fn new(cx: &Cx, from: Option<JoinTarget>) -> AppealFormPage {
    let tax = cx.taxonomy();
    let form = match &from {
        Some(j) => appeal_form_with(
            &tax,
            cx.lang(),
            &[(APF::Topic, &j.topic), (APF::HostCity, &j.host_city)],
        ),
        None => new_appeal_form(&tax, cx.lang()),
    };
    AppealFormPage {
        existing: None,
        from,
        form,
        saving: false,
    }
}

/// New details for an appeal on record.
pub fn edit(cx: &Cx, a: &Appeal) -> AppealFormPage {
    let f = &a.fields;
    let follow = f
        .follow_up
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let values = [
        (APF::Title, f.title.as_str()),
        (APF::Respondent, &f.respondent),
        (APF::Topic, &f.topic),
        (APF::HostCity, &f.host_city),
        (APF::FollowUp, &follow),
    ];
    AppealFormPage {
        existing: Some(a.meta.id),
        from: None,
        form: appeal_form_with(&cx.taxonomy(), cx.lang(), &values),
        saving: false,
    }
}

impl AppealFormPage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        match form_step(&mut self.form, command) {
            FormStep::Leave => {
                let dirty = self.form.is_dirty();
                leave_form(cx, dirty, Outcome::back(vec![Effect::ClearDraft]))
            }
            FormStep::Moved | FormStep::Other => Outcome::none(),
            FormStep::Save => self.save(cx),
        }
    }

    fn save(&mut self, cx: &mut Cx) -> Outcome {
        if self.saving {
            return Outcome::none();
        }
        let f = &mut self.form;
        let input = AppealInput {
            title: f.value(APF::Title).into(),
            respondent: f.value(APF::Respondent).into(),
            topic: f.value(APF::Topic).into(),
            host_city: f.value(APF::HostCity).into(),
            follow_up: f.value(APF::FollowUp).into(),
        };
        match input.validate(&cx.taxonomy()) {
            Ok(fields) => {
                self.saving = true;
                let fields = Box::new(fields);
                Outcome::effects(vec![match self.existing {
                    Some(id) => Effect::SaveAppeal { id, fields },
                    None => Effect::CreateAppeal {
                        fields,
                        from: self.from.as_ref().map(|j| j.consultation),
                    },
                }])
            }
            Err(errors) => {
                let errors: Vec<_> = errors
                    .into_iter()
                    .map(|(field, e)| {
                        let name = match field {
                            AppealField::Title => APF::Title,
                            AppealField::Respondent => APF::Respondent,
                            AppealField::Topic => APF::Topic,
                            AppealField::HostCity => APF::HostCity,
                            AppealField::FollowUp => APF::FollowUp,
                        };
                        (name, e.msg_id())
                    })
                    .collect();
                f.set_error_msgs(&errors);
                cx.flash("flash-fix-fields", vec![], FlashKind::Error);
                Outcome::none()
            }
        }
    }

    pub fn on_text(&mut self, cx: &mut Cx, key: Key) -> Outcome {
        *cx.draft_dirty |= self.form.edit_focused(key);
        Outcome::none()
    }

    pub fn on_paste(&mut self, cx: &mut Cx, text: &str) -> Outcome {
        *cx.draft_dirty |= self.form.paste_focused(text);
        Outcome::none()
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::AppealSaved(saved) => {
                cx.flash(
                    "flash-appeal-saved",
                    vec![("title", saved.fields.title.clone().into())],
                    FlashKind::Info,
                );
                let cleared = vec![Effect::ClearDraft];
                Ok(if self.existing.is_some() {
                    Outcome::back(cleared)
                } else {
                    // A new appeal opens in the form's place, over the list.
                    let id = saved.meta.id;
                    let mut effects = cleared;
                    effects.push(Effect::LoadAppeal(id));
                    Outcome::replace(Page::Appeal(appeal::page(id)), effects)
                })
            }
            other => Err(other),
        }
    }

    pub fn draft(&self) -> DraftForm {
        DraftForm::AppealByName(Box::new(AppealByName {
            existing: self.existing,
            from: self.from.as_ref().map(|j| j.consultation),
            person_name: self
                .from
                .as_ref()
                .map(|j| j.person_name.clone())
                .unwrap_or_default(),
            values: self.form.named_values(),
        }))
    }
}

/// The pages a restored appeal draft opens: the list, the appeal if it is on record, and
/// the form over them.
pub fn restore(tax: &Taxonomy, lang: Lang, d: &AppealByName) -> Vec<(Page, Vec<Effect>)> {
    let mut pages = vec![];
    let mut list = appeals::page(None);
    match d.existing {
        Some(id) => {
            // Read when shown again (going back from the appeal).
            list.loading = false;
            pages.push((Page::Appeals(list), vec![]));
            pages.push((Page::Appeal(appeal::page(id)), vec![Effect::LoadAppeal(id)]));
        }
        None => pages.push((Page::Appeals(list), vec![Effect::LoadAppeals])),
    }
    let mut form = new_appeal_form(tax, lang);
    form.restore_named(&d.values);
    let from = d.from.map(|consultation| JoinTarget {
        consultation,
        person_name: d.person_name.clone(),
        topic: String::new(),
        host_city: String::new(),
    });
    let page = AppealFormPage {
        existing: d.existing,
        from,
        form,
        saving: false,
    };
    pages.push((Page::AppealForm(page), vec![]));
    pages
}
