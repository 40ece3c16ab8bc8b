//! Consultations, drafts and follow-ups driven through `update` key by key.

use crate::common::*;
use chrono::Duration;
use kezek::app::consult::CField;
use kezek::app::keymap::Key;
use kezek::app::pages::close::CloseField;
use kezek::app::pages::{ArrivalPage, ClosePage, ConsultationPage};
use kezek::app::{Action, Effect, Overlay, Screen, State, update};
use kezek::domain::card::{FollowUpPage, FollowUpRecord, FollowUpRow};
use kezek::domain::draft::DraftForm;
use kezek::domain::followup::list::FollowUpFilter;
use kezek::domain::{
    Consultation, ConsultationFields, Currency, Id, Lang, Money, QueueEntry, VisitStatus,
};

fn in_queue() -> State {
    let ctx = context("Айбек", Lang::En, 0);
    let mut s = State::new(ctx, t0());
    update(&mut s, Action::EventsLoaded(vec![sample_event()]));
    update(&mut s, Action::Key(Key::Enter));
    let rows = vec![QueueEntry {
        visit: sample_visit(10, Id(20), 1, VisitStatus::WithOfficer),
        person: Some(sample_person(20, "Асанов", "Бакыт")),
    }];
    update(
        &mut s,
        Action::QueueLoaded {
            event: sample_event(),
            rows,
        },
    );
    s
}

/// Presses keys that are not the text itself, counting them.
struct Keys<'a> {
    s: &'a mut State,
    count: usize,
    effects: Vec<Effect>,
}

impl Keys<'_> {
    fn press(&mut self, k: Key) -> &mut Self {
        self.count += 1;
        let e = update(self.s, Action::Key(k));
        self.effects.extend(e);
        self
    }

    fn text(&mut self, t: &str) -> &mut Self {
        for c in t.chars() {
            let e = update(self.s, Action::Key(Key::Char(c)));
            self.effects.extend(e);
        }
        self
    }
}

#[test]
fn typical_consultation_takes_few_keystrokes() {
    let mut s = in_queue();
    let mut k = Keys {
        s: &mut s,
        count: 0,
        effects: vec![],
    };
    k.press(Key::Char('o')) // open a consultation for the selected visit
        .press(Key::Char(' ')) // choose the highlighted topic (unpaid wages)
        .press(Key::Tab) // to the notes
        .text("Employer has not paid")
        .press(Key::Enter) // second line of the note
        .text("for three months.")
        .press(Key::Tab) // advice (left empty)
        .press(Key::Tab) // outcome
        .press(Key::Right) // advised -> referred
        .press(Key::Ctrl('s'));
    let count = k.count;
    let effects = std::mem::take(&mut k.effects);
    println!("keystrokes beyond the text: {count}");
    assert!(count <= 15, "{count} keystrokes");
    assert_eq!(count, 8);
    let Some(Effect::SaveConsultation {
        visit,
        existing,
        fields,
    }) = effects.last()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*visit, Id(10));
    assert_eq!(*existing, None);
    assert_eq!(fields.topics, vec!["wages.unpaid"]);
    assert_eq!(fields.notes, "Employer has not paid\nfor three months.");
    assert_eq!(fields.outcome, "referred");
    assert_eq!(fields.advice, "");
    assert_eq!(fields.claimed, None);
}

#[test]
fn consultation_with_amounts_referral_and_follow_up() {
    let mut s = in_queue();
    update(&mut s, Action::Key(Key::Char('o')));
    let mut k = Keys {
        s: &mut s,
        count: 0,
        effects: vec![],
    };
    k.text("reg") // filter the topics
        .press(Key::Char(' '))
        .press(Key::Tab)
        .text("Регистрация просрочена")
        .press(Key::Tab)
        .text("Встать на учёт в течение 7 дней")
        .press(Key::Tab)
        .press(Key::Tab) // referral: the usual targets for the topic come first
        .press(Key::Char(' '))
        .press(Key::Tab)
        .press(Key::Char(' ')) // the usual legal basis
        .press(Key::Tab)
        .text("15.12.2026")
        .press(Key::Tab)
        .text("11 000 000,50")
        .press(Key::Tab)
        .press(Key::Tab)
        .text("1 250.75")
        .press(Key::Tab)
        .press(Key::Right) // recovered in KGS
        .press(Key::F(2));
    let effects = std::mem::take(&mut k.effects);
    let Some(Effect::SaveConsultation { fields, .. }) = effects.last() else {
        panic!("{effects:?}");
    };
    assert_eq!(fields.topics, vec!["registration"]);
    assert_eq!(fields.referral.as_deref(), Some("embassy.consular"));
    assert_eq!(fields.legal_bases, vec!["ru.109-fz"]);
    assert_eq!(fields.follow_up, Some(date(2026, 12, 15)));
    assert_eq!(
        fields.claimed,
        Some(Money::new(Currency::Rub, 1_100_000_050))
    );
    assert_eq!(fields.recovered, Some(Money::new(Currency::Kgs, 125_075)));
    assert_eq!(fields.advice, "Встать на учёт в течение 7 дней");
    // Saved: back to the queue, draft cleared.
    let saved = Consultation {
        meta: meta(50),
        visit: Id(10),
        person: Id(20),
        event: Id(1),
        officer: "Айбек".into(),
        fields: (**fields).clone(),
    };
    let effects = update(&mut s, Action::ConsultationSaved(Box::new(saved)));
    assert_eq!(effects, vec![Effect::ClearDraft]);
    assert_eq!(s.screen(), Screen::Queue);
    assert!(s.page::<ConsultationPage>().is_none());
}

#[test]
fn invalid_consultation_is_refused_with_reasons() {
    let mut s = in_queue();
    update(&mut s, Action::Key(Key::Char('o')));
    for _ in 0..7 {
        update(&mut s, Action::Key(Key::Tab));
    }
    for c in "1,250".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    assert!(update(&mut s, Action::Key(Key::Ctrl('s'))).is_empty());
    let f = s.page::<ConsultationPage>().unwrap();
    assert!(f.error(CField::Topics).is_some());
    assert!(f.error(CField::Claimed).is_some());
    assert_eq!(f.focus, CField::Topics, "focus goes to the first problem");
    assert!(!f.saving);
    // Leaving with input asks first.
    update(&mut s, Action::Key(Key::Esc));
    assert_eq!(s.overlay, Some(Overlay::ConfirmDiscard));
    let effects = update(&mut s, Action::Key(Key::Char('y')));
    assert_eq!(effects, vec![Effect::ClearDraft]);
    assert_eq!(s.screen(), Screen::Queue);
}

#[test]
fn drafts_are_written_within_seconds_and_offered_back() {
    let mut s = in_queue();
    update(&mut s, Action::Key(Key::Char('o')));
    update(&mut s, Action::Key(Key::Char(' ')));
    update(&mut s, Action::Key(Key::Tab));
    for c in "Не платят".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    assert!(update(&mut s, Action::Tick(t0() + Duration::seconds(1))).is_empty());
    let effects = update(&mut s, Action::Tick(t0() + Duration::seconds(2)));
    let [Effect::SaveDraft(draft)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let DraftForm::Consultation(d) = &draft.form else {
        panic!("{draft:?}");
    };
    assert_eq!(d.notes, "Не платят");
    assert_eq!(d.topics, vec!["wages.unpaid"]);
    assert_eq!(d.person_name, "Асанов Бакыт");
    // Nothing new typed: no rewrite.
    assert!(update(&mut s, Action::Tick(t0() + Duration::seconds(6))).is_empty());

    // A new session finds it.
    let mut fresh = in_queue();
    update(&mut fresh, Action::Key(Key::Char('q')));
    update(&mut fresh, Action::DraftLoaded(Some(draft.clone())));
    assert_eq!(fresh.overlay, Some(Overlay::ConfirmRestore));
    let effects = update(&mut fresh, Action::Key(Key::Char('y')));
    assert_eq!(effects, vec![Effect::LoadQueue(Id(1))]);
    assert_eq!(fresh.screen(), Screen::Consultation);
    let f = fresh.page::<ConsultationPage>().unwrap();
    assert_eq!(f.notes.text(), "Не платят");
    assert!(f.is_dirty(), "a restored form is unsaved work");
    // The restored form saves like any other.
    let effects = update(&mut fresh, Action::Key(Key::Ctrl('s')));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveConsultation { .. }]
    ));

    // Declining drops it.
    let mut other = in_queue();
    update(&mut other, Action::DraftLoaded(Some(draft.clone())));
    assert_eq!(
        update(&mut other, Action::Key(Key::Char('n'))),
        vec![Effect::ClearDraft]
    );
    assert!(other.pending_draft.is_none());
}

#[test]
fn arrival_drafts_restore_too() {
    let mut s = in_queue();
    update(&mut s, Action::Key(Key::Char('n')));
    for c in "Токтосунова".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let effects = update(&mut s, Action::Tick(t0() + Duration::seconds(3)));
    let [Effect::SaveDraft(draft)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let mut fresh = in_queue();
    update(&mut fresh, Action::Key(Key::Char('q')));
    update(&mut fresh, Action::DraftLoaded(Some(draft.clone())));
    update(&mut fresh, Action::Key(Key::Enter));
    assert_eq!(fresh.screen(), Screen::ArrivalForm);
    assert_eq!(
        fresh
            .page::<ArrivalPage>()
            .unwrap()
            .form
            .value(kezek::app::pages::arrival::ArrivalField::Surname),
        "Токтосунова"
    );
}

#[test]
fn closing_a_follow_up() {
    let mut s = in_queue();
    assert_eq!(
        update(&mut s, Action::Key(Key::Char('f'))),
        vec![Effect::LoadFollowUps {
            limit: 500,
            today: date(2026, 11, 24),
            filter: FollowUpFilter::default(),
        }]
    );
    assert_eq!(s.screen(), Screen::FollowUps);
    let c = Consultation {
        meta: meta(60),
        visit: Id(10),
        person: Id(20),
        event: Id(1),
        officer: "a".into(),
        fields: ConsultationFields {
            topics: vec!["wages.unpaid".into()],
            outcome: "referred".into(),
            follow_up: Some(date(2026, 11, 20)),
            ..Default::default()
        },
    };
    update(
        &mut s,
        Action::FollowUpsLoaded(FollowUpPage {
            rows: vec![FollowUpRow {
                record: FollowUpRecord::Consultation(c),
                person: Some(sample_person(20, "Асанов", "Бакыт")),
            }],
            total: 1,
            overdue: 1,
            ..Default::default()
        }),
    );
    update(&mut s, Action::Key(Key::Char('x')));
    assert_eq!(s.screen(), Screen::CloseFollowUp);
    for c in "1,250".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    assert!(
        update(&mut s, Action::Key(Key::Ctrl('s'))).is_empty(),
        "ambiguous amount refused"
    );
    let close = s.page::<ClosePage>().unwrap();
    assert_eq!(
        close.form[CloseField::Recovered].error_id(),
        Some("err-money-ambiguous")
    );
    for _ in 0..5 {
        update(&mut s, Action::Key(Key::Backspace));
    }
    for c in "60 000".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let effects = update(&mut s, Action::Key(Key::Ctrl('s')));
    assert_eq!(
        effects,
        vec![Effect::CloseFollowUp {
            id: Id(60),
            outcome: "resolved".into(),
            recovered: Some(Money::new(Currency::Rub, 6_000_000)),
            on: date(2026, 11, 24),
            note: String::new(),
        }]
    );
    let effects = update(&mut s, Action::FollowUpClosed(Id(60)));
    assert_eq!(
        effects,
        vec![Effect::LoadFollowUps {
            limit: 500,
            today: date(2026, 11, 24),
            filter: FollowUpFilter::default(),
        }]
    );
    assert_eq!(s.screen(), Screen::FollowUps);
    // `p` opens the person's card and `q` comes back here.
    assert_eq!(
        update(&mut s, Action::Key(Key::Char('p'))),
        vec![Effect::LoadPersonCard(Id(20))]
    );
    assert_eq!(s.screen(), Screen::PersonCard);
    update(&mut s, Action::Key(Key::Char('q')));
    assert_eq!(s.screen(), Screen::FollowUps);
}

#[test]
fn an_old_positional_draft_and_a_reordered_named_one_restore_into_their_fields() {
    use kezek::app::pages::arrival::ArrivalField as AF;
    use kezek::domain::draft::Draft;
    // Written before drafts named their fields: values in the form's order of then.
    let positional: Vec<String> = [
        "Токтосунова",
        "Айгүл",
        "",
        "1995-02-01",
        "female",
        "AN7654321",
        "",
        "",
        "Казань",
        "ru",
        "Unpaid wages",
    ]
    .map(String::from)
    .to_vec();
    let named: Vec<(String, String)> = [
        ("purpose", "Unpaid wages"),
        ("no_such_field", "x"),
        ("city", "Казань"),
        ("surname", "Токтосунова"),
        ("language", "ru"),
        ("given_name", "Айгүл"),
        ("birth_date", "1995-02-01"),
        ("sex", "female"),
        ("document", "AN7654321"),
    ]
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .to_vec();
    let forms = [
        DraftForm::Arrival {
            event: Id(1),
            values: positional,
            linked: None,
        },
        DraftForm::ArrivalByName {
            event: Id(1),
            values: named,
            linked: None,
        },
    ];
    for form in forms {
        let mut s = in_queue();
        update(&mut s, Action::Key(Key::Char('q')));
        let draft = Draft {
            saved_at: t0(),
            form,
        };
        update(&mut s, Action::DraftLoaded(Some(Box::new(draft))));
        update(&mut s, Action::Key(Key::Enter));
        let f = &s.page::<ArrivalPage>().unwrap().form;
        assert_eq!(f.value(AF::Surname), "Токтосунова");
        assert_eq!(f.value(AF::Given), "Айгүл");
        assert_eq!(f.value(AF::Birth), "1995-02-01");
        assert_eq!(f.value(AF::Sex), "female");
        assert_eq!(f.value(AF::Document), "AN7654321");
        assert_eq!(f.value(AF::City), "Казань");
        assert_eq!(f.value(AF::Language), "ru");
        assert_eq!(f.value(AF::Purpose), "Unpaid wages");
    }
}
