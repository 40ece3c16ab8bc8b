//! Collective appeals in the app: the list, one appeal with its members and timeline,
//! the appeal and member forms, and the history screen shared with consultations.

use super::form::{Choice, Field, Form};
use super::keymap::Command;
use super::lookup::{PersonLookup, person_fields};
use super::state::{Action, Effect, FlashKind, Screen, State};
use super::update::{FormStep, form_step, leave_form, move_selection, open_card, return_to};
use crate::domain::card::{AppealRow, AppealView};
use crate::domain::draft::{AppealDraft, DraftForm, MemberDraft};
use crate::domain::history::Version;
use crate::domain::taxonomy::Taxonomy;
use crate::domain::{
    AppealField, AppealInput, AppealMember, Consultation, Currency, Id, Lang, MemberField,
    MemberInput, MemberStatus,
};

/// The consultation an appeal is being chosen (or opened) for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinTarget {
    pub consultation: Id,
    pub person_name: String,
    /// The consultation's first topic and the event's city, to prefill a new appeal.
    pub topic: String,
    pub host_city: String,
}

#[derive(Clone, Debug)]
pub struct AppealsScreen {
    pub rows: Vec<AppealRow>,
    pub selected: usize,
    pub loading: bool,
    /// Set while choosing an appeal for a consultation to join.
    pub join: Option<JoinTarget>,
    pub joining: bool,
    pub back: Screen,
}

#[derive(Clone, Debug)]
pub struct AppealScreen {
    pub id: Id,
    pub view: Option<AppealView>,
    /// The selected member.
    pub selected: usize,
    pub back: Screen,
}

impl AppealScreen {
    pub fn selected_member(&self) -> Option<&(AppealMember, Option<crate::domain::Person>)> {
        self.view.as_ref()?.members.get(self.selected)
    }
}

pub mod appeal_field {
    pub const TITLE: usize = 0;
    pub const RESPONDENT: usize = 1;
    pub const TOPIC: usize = 2;
    pub const HOST_CITY: usize = 3;
    pub const FOLLOW_UP: usize = 4;
}
use appeal_field as apf;

#[derive(Clone, Debug)]
pub struct AppealForm {
    /// The appeal whose details are edited; `None` for a new one.
    pub existing: Option<Id>,
    /// The consultation a new appeal is opened from.
    pub from: Option<JoinTarget>,
    pub form: Form,
    pub saving: bool,
}

/// Member form fields after the person fields.
pub mod member_field {
    pub use crate::app::lookup::person_field::*;
    pub const CLAIMED: usize = 9;
    pub const CLAIMED_CURRENCY: usize = 10;
    pub const RECOVERED: usize = 11;
    pub const RECOVERED_CURRENCY: usize = 12;
    /// Only when editing a member; a new member's status follows from the amounts.
    pub const STATUS: usize = 13;
}
use member_field as mf;

#[derive(Clone, Debug)]
pub struct MemberForm {
    pub appeal: Id,
    pub appeal_title: String,
    /// The member being changed; `None` when adding one.
    pub existing: Option<AppealMember>,
    pub form: Form,
    pub lookup: PersonLookup,
    pub saving: bool,
}

#[derive(Clone, Debug)]
pub struct HistoryScreen {
    pub title: String,
    /// Newest first.
    pub versions: Vec<Version>,
    /// First line shown.
    pub scroll: usize,
    pub loading: bool,
    pub back: Screen,
}

fn topic_choices(tax: &Taxonomy, lang: Lang) -> Vec<Choice> {
    tax.topics
        .iter()
        .map(|t| Choice::text(&t.code, t.label.get(lang)))
        .collect()
}

fn currency_choices() -> Vec<Choice> {
    Currency::ALL
        .iter()
        .map(|c| Choice::text(c.code(), c.code()))
        .collect()
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub fn new_appeal_form(tax: &Taxonomy, lang: Lang) -> Form {
    Form::new(vec![
        Field::text("field-appeal-title", ""),
        Field::text("field-respondent", ""),
        Field::choice("field-appeal-topic", topic_choices(tax, lang), 0),
        Field::text("field-host-city", ""),
        Field::text("field-follow-up", "").with_hint("hint-date"),
    ])
}

/// An appeal form whose fields start as `values` (they count as typed, not as changes).
fn appeal_form_with(tax: &Taxonomy, lang: Lang, values: [&str; 5]) -> Form {
    let mut fields = new_appeal_form(tax, lang).fields;
    for (f, v) in fields.iter_mut().zip(values) {
        *f = match &f.kind {
            super::form::FieldKind::Choice { options, .. } => {
                let i = options.iter().position(|c| c.code == v).unwrap_or(0);
                Field::choice(f.label, options.clone(), i)
            }
            super::form::FieldKind::Text(_) => {
                let hint = f.hint;
                let mut nf = Field::text(f.label, v);
                nf.hint = hint;
                nf
            }
        };
    }
    Form::new(fields)
}

pub fn new_member_form(editing: bool) -> Form {
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
fn member_edit_form(m: &AppealMember, p: Option<crate::domain::Person>) -> (Form, PersonLookup) {
    let mut form = new_member_form(true);
    let mut lookup = PersonLookup::default();
    if let Some(p) = p {
        lookup.link(&mut form, p, mf::CLAIMED);
    }
    let amount = |m: Option<crate::domain::Money>| m.map(|m| m.as_input()).unwrap_or_default();
    let values = [
        (mf::CLAIMED, amount(m.claimed)),
        (
            mf::CLAIMED_CURRENCY,
            m.claimed.map(|x| x.currency.code()).unwrap_or("RUB").into(),
        ),
        (mf::RECOVERED, amount(m.recovered)),
        (
            mf::RECOVERED_CURRENCY,
            m.recovered
                .or(m.claimed)
                .map(|x| x.currency.code())
                .unwrap_or("RUB")
                .into(),
        ),
        (mf::STATUS, m.status.code().into()),
    ];
    for (i, v) in values {
        form.fields[i] = match &form.fields[i].kind {
            super::form::FieldKind::Choice { options, .. } => {
                let sel = options.iter().position(|c| c.code == v).unwrap_or(0);
                Field::choice(form.fields[i].label, options.clone(), sel)
            }
            super::form::FieldKind::Text(_) => {
                Field::text(form.fields[i].label, &v).with_hint("hint-amount")
            }
        };
    }
    form.focus = mf::CLAIMED;
    (form, lookup)
}

/// What to join or open for a consultation, from the person card.
pub fn join_target(c: &Consultation, person_name: String, host_city: String) -> JoinTarget {
    JoinTarget {
        consultation: c.meta.id,
        person_name,
        topic: c.fields.topics.first().cloned().unwrap_or_default(),
        host_city,
    }
}

pub fn open_appeals(state: &mut State, join: Option<JoinTarget>, back: Screen) -> Vec<Effect> {
    state.appeals = Some(AppealsScreen {
        rows: vec![],
        selected: 0,
        loading: true,
        join,
        joining: false,
        back,
    });
    state.screen = Screen::Appeals;
    vec![Effect::LoadAppeals]
}

pub fn open_appeal(state: &mut State, id: Id, back: Screen) -> Vec<Effect> {
    state.appeal = Some(AppealScreen {
        id,
        view: None,
        selected: 0,
        back,
    });
    state.screen = Screen::Appeal;
    vec![Effect::LoadAppeal(id)]
}

pub fn open_history(state: &mut State, title: String, id: Id, back: Screen) -> Vec<Effect> {
    state.history = Some(HistoryScreen {
        title,
        versions: vec![],
        scroll: 0,
        loading: true,
        back,
    });
    state.screen = Screen::History;
    vec![Effect::LoadTimeline(id)]
}

/// Results of appeal effects.
pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::AppealsLoaded(rows) => {
            if let Some(a) = state.appeals.as_mut() {
                a.selected = a.selected.min(rows.len().saturating_sub(1));
                a.rows = rows;
                a.loading = false;
            }
            vec![]
        }
        Action::AppealLoaded(view) => {
            if let Some(a) = state
                .appeal
                .as_mut()
                .filter(|a| a.id == view.appeal.meta.id)
            {
                a.selected = a.selected.min(view.members.len().saturating_sub(1));
                a.view = Some(*view);
            }
            vec![]
        }
        Action::AppealSaved(appeal) => {
            let was_edit = state
                .appeal_form
                .as_ref()
                .is_some_and(|f| f.existing.is_some());
            state.appeal_form = None;
            state.flash(
                "flash-appeal-saved",
                vec![("title", appeal.fields.title.clone().into())],
                FlashKind::Info,
            );
            let mut effects = vec![Effect::ClearDraft];
            if was_edit {
                effects.extend(return_to(state, Screen::Appeal));
            } else {
                effects.extend(open_appeal(state, appeal.meta.id, Screen::Appeals));
            }
            effects
        }
        Action::AppealJoined(id) => {
            state.flash("flash-appeal-joined", vec![], FlashKind::Info);
            if let Some(a) = state.appeals.as_mut() {
                a.joining = false;
                a.join = None;
            }
            open_appeal(state, id, Screen::Appeals)
        }
        Action::MemberSaved(m) => {
            let name = state
                .member
                .as_ref()
                .map(|f| {
                    let v = |i| f.form.value(i).trim().to_string();
                    format!("{} {}", v(mf::SURNAME), v(mf::GIVEN))
                })
                .unwrap_or_default();
            state.member = None;
            state.flash(
                "flash-member-saved",
                vec![("name", name.trim().to_string().into())],
                FlashKind::Info,
            );
            let mut effects = vec![Effect::ClearDraft];
            if let Some(a) = state.appeal.as_mut().filter(|a| a.id == m.appeal)
                && let Some(v) = &a.view
                && let Some(i) = v.members.iter().position(|(x, _)| x.meta.id == m.meta.id)
            {
                a.selected = i;
            } else if let Some(a) = state.appeal.as_mut() {
                // A new member goes to the end of the list.
                a.selected = usize::MAX;
            }
            effects.extend(return_to(state, Screen::Appeal));
            effects
        }
        Action::TimelineLoaded(versions) => {
            if let Some(h) = state.history.as_mut() {
                h.versions = versions;
                h.loading = false;
            }
            vec![]
        }
        _ => vec![],
    }
}

pub fn appeals_command(state: &mut State, command: Command) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let lang = state.ctx.language;
    let Some(a) = state.appeals.as_mut() else {
        return vec![];
    };
    match command {
        c if c.moves_selection() => {
            let len = a.rows.len();
            move_selection(&mut a.selected, len, command);
            vec![]
        }
        Command::Open => {
            let Some(row) = a.rows.get(a.selected) else {
                return vec![];
            };
            let id = row.appeal.meta.id;
            match &a.join {
                Some(j) if !a.joining => {
                    a.joining = true;
                    vec![Effect::JoinAppeal {
                        consultation: j.consultation,
                        appeal: id,
                    }]
                }
                Some(_) => vec![],
                None => open_appeal(state, id, Screen::Appeals),
            }
        }
        Command::NewAppeal => {
            let from = a.join.clone();
            let form = match &from {
                Some(j) => appeal_form_with(&tax, lang, ["", "", &j.topic, &j.host_city, ""]),
                None => new_appeal_form(&tax, lang),
            };
            state.appeal_form = Some(AppealForm {
                existing: None,
                from,
                form,
                saving: false,
            });
            state.screen = Screen::AppealForm;
            vec![]
        }
        Command::Back => {
            let back = a.back;
            state.appeals = None;
            return_to(state, back)
        }
        _ => vec![],
    }
}

pub fn appeal_command(state: &mut State, command: Command) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let lang = state.ctx.language;
    let Some(a) = state.appeal.as_mut() else {
        return vec![];
    };
    let len = a.view.as_ref().map(|v| v.members.len()).unwrap_or(0);
    match command {
        c if c.moves_selection() => {
            move_selection(&mut a.selected, len, command);
            vec![]
        }
        Command::Back => {
            let back = a.back;
            return_to(state, back)
        }
        Command::AddMember => {
            let Some(v) = &a.view else {
                return vec![];
            };
            state.member = Some(MemberForm {
                appeal: a.id,
                appeal_title: v.appeal.fields.title.clone(),
                existing: None,
                form: new_member_form(false),
                lookup: PersonLookup::default(),
                saving: false,
            });
            state.screen = Screen::MemberForm;
            vec![]
        }
        Command::Edit => {
            let Some((m, p)) = a.selected_member().cloned() else {
                return vec![];
            };
            let title = a
                .view
                .as_ref()
                .map(|v| v.appeal.fields.title.clone())
                .unwrap_or_default();
            let (form, lookup) = member_edit_form(&m, p);
            state.member = Some(MemberForm {
                appeal: a.id,
                appeal_title: title,
                existing: Some(m),
                form,
                lookup,
                saving: false,
            });
            state.screen = Screen::MemberForm;
            vec![]
        }
        Command::EditAppeal => {
            let Some(v) = &a.view else {
                return vec![];
            };
            let f = &v.appeal.fields;
            let follow = date_text(f.follow_up);
            let form = appeal_form_with(
                &tax,
                lang,
                [&f.title, &f.respondent, &f.topic, &f.host_city, &follow],
            );
            state.appeal_form = Some(AppealForm {
                existing: Some(v.appeal.meta.id),
                from: None,
                form,
                saving: false,
            });
            state.screen = Screen::AppealForm;
            vec![]
        }
        Command::History => {
            let Some(v) = &a.view else {
                return vec![];
            };
            // The appeal screen has the timeline already.
            state.history = Some(HistoryScreen {
                title: v.appeal.fields.title.clone(),
                versions: v.timeline.clone(),
                scroll: 0,
                loading: false,
                back: Screen::Appeal,
            });
            state.screen = Screen::History;
            vec![]
        }
        Command::PersonCard => match a.selected_member() {
            Some((m, _)) => {
                let person = m.person;
                open_card(state, person, Screen::Appeal)
            }
            None => vec![],
        },
        _ => vec![],
    }
}

pub fn appeal_form_command(state: &mut State, command: Command) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let Some(f) = state.appeal_form.as_mut() else {
        return vec![];
    };
    match form_step(&mut f.form, command) {
        FormStep::Leave => {
            let dirty = f.form.is_dirty();
            leave_form(state, dirty)
        }
        FormStep::Moved | FormStep::Other => vec![],
        FormStep::Save => {
            if f.saving {
                return vec![];
            }
            let input = AppealInput {
                title: f.form.value(apf::TITLE).into(),
                respondent: f.form.value(apf::RESPONDENT).into(),
                topic: f.form.value(apf::TOPIC).into(),
                host_city: f.form.value(apf::HOST_CITY).into(),
                follow_up: f.form.value(apf::FOLLOW_UP).into(),
            };
            match input.validate(&tax) {
                Ok(fields) => {
                    f.saving = true;
                    match f.existing {
                        Some(id) => vec![Effect::SaveAppeal {
                            id,
                            fields: Box::new(fields),
                        }],
                        None => vec![Effect::CreateAppeal {
                            fields: Box::new(fields),
                            from: f.from.as_ref().map(|j| j.consultation),
                        }],
                    }
                }
                Err(errors) => {
                    for field in &mut f.form.fields {
                        field.error = None;
                        field.error_msg = None;
                    }
                    let mut first = None;
                    for (field, e) in errors {
                        let i = match field {
                            AppealField::Title => apf::TITLE,
                            AppealField::Respondent => apf::RESPONDENT,
                            AppealField::Topic => apf::TOPIC,
                            AppealField::HostCity => apf::HOST_CITY,
                            AppealField::FollowUp => apf::FOLLOW_UP,
                        };
                        f.form.fields[i].error_msg = Some(e.msg_id());
                        first = Some(first.map_or(i, |x: usize| x.min(i)));
                    }
                    if let Some(i) = first {
                        f.form.focus = i;
                    }
                    state.flash("flash-fix-fields", vec![], FlashKind::Error);
                    vec![]
                }
            }
        }
    }
}

pub fn member_form_command(state: &mut State, command: Command) -> Vec<Effect> {
    let today = state.today();
    let Some(f) = state.member.as_mut() else {
        return vec![];
    };
    match form_step(&mut f.form, command) {
        FormStep::Leave => {
            let dirty = f.form.is_dirty();
            return leave_form(state, dirty);
        }
        FormStep::Moved => return vec![],
        FormStep::Save => {}
        FormStep::Other => {
            f.lookup.command(&mut f.form, command, mf::CLAIMED);
            return vec![];
        }
    }
    if f.saving {
        return vec![];
    }
    let input = MemberInput {
        claimed: f.form.value(mf::CLAIMED).into(),
        claimed_currency: Currency::from_code(f.form.value(mf::CLAIMED_CURRENCY)),
        recovered: f.form.value(mf::RECOVERED).into(),
        recovered_currency: Currency::from_code(f.form.value(mf::RECOVERED_CURRENCY)),
    };
    let person = if f.existing.is_some() {
        None
    } else {
        match f.lookup.pick(&mut f.form, today) {
            Some(p) => Some(p),
            None => {
                state.flash("flash-fix-fields", vec![], FlashKind::Error);
                return vec![];
            }
        }
    };
    let (claimed, recovered) = match input.validate() {
        Ok(x) => x,
        Err(errors) => {
            for field in &mut f.form.fields {
                field.error = None;
                field.error_msg = None;
            }
            for (field, e) in &errors {
                let i = match field {
                    MemberField::Claimed => mf::CLAIMED,
                    MemberField::Recovered => mf::RECOVERED,
                };
                f.form.fields[i].error_msg = Some(e.msg_id());
            }
            f.form.focus = if errors.iter().any(|(x, _)| *x == MemberField::Claimed) {
                mf::CLAIMED
            } else {
                mf::RECOVERED
            };
            state.flash("flash-fix-fields", vec![], FlashKind::Error);
            return vec![];
        }
    };
    f.saving = true;
    match (&f.existing, person) {
        (Some(old), _) => {
            let status = MemberStatus::ALL
                .into_iter()
                .find(|s| s.code() == f.form.value(mf::STATUS))
                .unwrap_or_default();
            let m = AppealMember {
                claimed,
                recovered,
                status,
                ..old.clone()
            };
            vec![Effect::UpdateMember(Box::new(m))]
        }
        (None, Some(person)) => vec![Effect::AddMember {
            appeal: f.appeal,
            person: Box::new(person),
            claimed,
            recovered,
        }],
        (None, None) => vec![],
    }
}

pub fn history_command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(h) = state.history.as_mut() else {
        return vec![];
    };
    match command {
        Command::Up => h.scroll = h.scroll.saturating_sub(1),
        Command::Down => h.scroll += 1,
        Command::PageUp => h.scroll = h.scroll.saturating_sub(10),
        Command::PageDown => h.scroll += 10,
        Command::Top => h.scroll = 0,
        Command::Back => {
            let back = h.back;
            state.history = None;
            return return_to(state, back);
        }
        _ => {}
    }
    vec![]
}

// ---- drafts ------------------------------------------------------------------------------

fn values(form: &Form) -> Vec<String> {
    form.fields.iter().map(|f| f.value().to_string()).collect()
}

pub fn appeal_draft(f: &AppealForm) -> DraftForm {
    DraftForm::Appeal(Box::new(AppealDraft {
        existing: f.existing,
        from: f.from.as_ref().map(|j| j.consultation),
        person_name: f
            .from
            .as_ref()
            .map(|j| j.person_name.clone())
            .unwrap_or_default(),
        values: values(&f.form),
    }))
}

pub fn member_draft(f: &MemberForm) -> DraftForm {
    DraftForm::Member(Box::new(MemberDraft {
        appeal: f.appeal,
        appeal_title: f.appeal_title.clone(),
        existing: f.existing.clone(),
        values: values(&f.form),
        linked: f.lookup.linked.clone(),
    }))
}

fn restore_values(form: &mut Form, values: &[String]) {
    for (f, v) in form.fields.iter_mut().zip(values) {
        if !f.locked {
            f.set_value(v);
        }
    }
}

/// Reopens an appeal or member form from its draft, with the appeal screen (or the list)
/// behind it.
pub fn restore(state: &mut State, form: DraftForm) -> Vec<Effect> {
    let tax = state.ctx.taxonomy.clone();
    let lang = state.ctx.language;
    match form {
        DraftForm::Appeal(d) => {
            let effects = match d.existing {
                Some(id) => open_appeal(state, id, Screen::Appeals),
                None => open_appeals(state, None, Screen::Events),
            };
            let mut form = new_appeal_form(&tax, lang);
            restore_values(&mut form, &d.values);
            let from = d.from.map(|consultation| JoinTarget {
                consultation,
                person_name: d.person_name.clone(),
                topic: String::new(),
                host_city: String::new(),
            });
            state.appeal_form = Some(AppealForm {
                existing: d.existing,
                from,
                form,
                saving: false,
            });
            state.screen = Screen::AppealForm;
            effects
        }
        DraftForm::Member(d) => {
            let effects = open_appeal(state, d.appeal, Screen::Appeals);
            let (mut form, mut lookup) = match &d.existing {
                Some(m) => member_edit_form(m, d.linked.clone()),
                None => (new_member_form(false), PersonLookup::default()),
            };
            if d.existing.is_none()
                && let Some(p) = d.linked.clone()
            {
                lookup.link(&mut form, p, mf::CLAIMED);
            }
            restore_values(&mut form, &d.values);
            state.member = Some(MemberForm {
                appeal: d.appeal,
                appeal_title: d.appeal_title,
                existing: d.existing,
                form,
                lookup,
                saving: false,
            });
            state.screen = Screen::MemberForm;
            effects
        }
        _ => vec![],
    }
}
