//! Consultation validation, appeal totals and follow-up ordering on hand-made fixtures.

use crate::common::*;
use kezek::domain::consultation::{ConsultationField as F, FieldError};
use kezek::domain::followup::{FollowUpKind, follow_ups};
use kezek::domain::money::MoneyError;
use kezek::domain::{
    Appeal, AppealFields, AppealMember, Consultation, ConsultationFields, ConsultationInput,
    Currency, Id, MemberStatus, Money, ValidationError, appeal_totals,
};

fn input() -> ConsultationInput {
    ConsultationInput {
        topics: vec!["wages.unpaid".into()],
        notes: "Employer has not paid for\nthree months.\n".into(),
        advice: "Write a claim to the employer first.".into(),
        legal_bases: vec!["eaeu.xxvi".into()],
        referral: Some("labour-inspection".into()),
        outcome: "referred".into(),
        follow_up: "15.12.2026".into(),
        claimed: "11 000 000".into(),
        claimed_currency: Some(Currency::Rub),
        recovered: String::new(),
        recovered_currency: Some(Currency::Rub),
    }
}

#[test]
fn a_typical_consultation_validates() {
    let tax = kezek::taxonomy::builtin();
    let f = input().validate(&tax).unwrap();
    assert_eq!(f.topics, vec!["wages.unpaid"]);
    assert_eq!(f.notes, "Employer has not paid for\nthree months.");
    assert_eq!(f.follow_up, Some(date(2026, 12, 15)));
    assert_eq!(f.claimed, Some(Money::new(Currency::Rub, 1_100_000_000)));
    assert_eq!(f.recovered, None);
    assert!(f.follow_up_open());
}

#[test]
fn bad_consultations_report_every_field() {
    let tax = kezek::taxonomy::builtin();
    let mut i = input();
    i.topics.clear();
    i.referral = Some("no.such.target".into());
    i.follow_up = "next week".into();
    i.claimed = "-5".into();
    i.recovered = "1,250".into();
    i.outcome = "won".into();
    let errs = i.validate(&tax).unwrap_err();
    assert_eq!(
        errs,
        vec![
            (F::Topics, FieldError::NoTopic),
            (F::Referral, FieldError::UnknownCode),
            (F::Outcome, FieldError::UnknownCode),
            (
                F::FollowUp,
                FieldError::Validation(ValidationError::DateFormat)
            ),
            (F::Claimed, FieldError::Money(MoneyError::Negative)),
            (F::Recovered, FieldError::Money(MoneyError::Ambiguous)),
        ]
    );
    let mut i = input();
    i.claimed = "5000 сом".into();
    assert_eq!(
        i.validate(&tax).unwrap_err(),
        vec![(F::Claimed, FieldError::Money(MoneyError::CurrencyMismatch))]
    );
    let mut i = input();
    i.claimed_currency = None;
    i.claimed = "300 000 тенге".into();
    assert_eq!(
        i.validate(&tax).unwrap().claimed,
        Some(Money::new(Currency::Kzt, 30_000_000))
    );
}

fn member(
    n: u128,
    person: u128,
    claimed: Option<Money>,
    recovered: Option<Money>,
    status: MemberStatus,
) -> AppealMember {
    AppealMember {
        meta: meta(n),
        officer: "a".into(),
        appeal: Id(1),
        person: Id(person),
        claimed,
        recovered,
        status,
    }
}

#[test]
fn appeal_totals_count_persons_once_and_sum_per_currency() {
    let rub = |r: i64| Some(Money::new(Currency::Rub, r * 100));
    let members = vec![
        member(1, 10, rub(50_000), rub(50_000), MemberStatus::Recovered),
        member(2, 11, rub(70_000), rub(20_000), MemberStatus::Active),
        member(
            3,
            12,
            Some(Money::new(Currency::Usd, 30_000)),
            None,
            MemberStatus::Active,
        ),
        // The same person listed twice (a second claim) counts once as a person.
        member(4, 10, rub(1_000), None, MemberStatus::Active),
        // Withdrawn members count for nothing.
        member(5, 13, rub(999_999), rub(999_999), MemberStatus::Withdrawn),
        // A recovered amount of zero is not a recovery.
        member(6, 14, rub(10_000), rub(0), MemberStatus::Active),
    ];
    let t = appeal_totals(&members).unwrap();
    assert_eq!(t.persons, 4); // 10, 11, 12, 14
    assert_eq!(t.persons_recovered, 2); // 10, 11
    assert_eq!(
        t.claimed.get(Currency::Rub),
        (50_000 + 70_000 + 1_000 + 10_000) * 100
    );
    assert_eq!(t.claimed.get(Currency::Usd), 30_000);
    assert_eq!(t.recovered.get(Currency::Rub), 70_000 * 100);
    assert_eq!(t.recovered.get(Currency::Usd), 0);
}

fn consultation(n: u128, follow_up: Option<(i32, u32, u32)>, closed: bool) -> Consultation {
    Consultation {
        meta: meta(n),
        visit: Id(1),
        person: Id(2),
        event: Id(3),
        officer: "a".into(),
        fields: ConsultationFields {
            topics: vec!["other".into()],
            outcome: "advised".into(),
            follow_up: follow_up.map(|(y, m, d)| date(y, m, d)),
            follow_up_closed: closed.then(|| date(2026, 11, 1)),
            ..Default::default()
        },
    }
}

#[test]
fn follow_ups_sorted_by_due_date_with_overdue_marked() {
    let cs = vec![
        consultation(1, Some((2026, 12, 1)), false),
        consultation(2, Some((2026, 11, 20)), false),
        consultation(3, None, false),
        consultation(4, Some((2026, 11, 10)), true), // closed: not listed
        consultation(5, Some((2026, 11, 24)), false),
    ];
    let appeals = vec![Appeal {
        meta: meta(6),
        officer: "a".into(),
        fields: AppealFields {
            title: "Brigade of 40".into(),
            follow_up: Some(date(2026, 11, 24)),
            ..Default::default()
        },
    }];
    let list = follow_ups(&cs, &appeals, date(2026, 11, 24));
    let got: Vec<_> = list.iter().map(|f| (f.id, f.kind, f.overdue)).collect();
    assert_eq!(
        got,
        vec![
            (Id(2), FollowUpKind::Consultation, true),
            (Id(5), FollowUpKind::Consultation, false), // due today is not overdue
            (Id(6), FollowUpKind::Appeal, false),
            (Id(1), FollowUpKind::Consultation, false),
        ]
    );
}

#[test]
fn appeal_and_member_input_are_validated_field_by_field() {
    use kezek::domain::{AppealField, AppealInput, MemberField, MemberInput};
    let tax = kezek::taxonomy::builtin();
    let ok = AppealInput {
        title: "  Brigade   at OOO Stroy ".into(),
        respondent: "OOO Stroy".into(),
        topic: "wages.unpaid".into(),
        host_city: "Москва".into(),
        follow_up: "20.12.2026".into(),
    };
    let f = ok.validate(&tax).unwrap();
    assert_eq!(f.title, "Brigade at OOO Stroy");
    assert_eq!(f.follow_up, Some(date(2026, 12, 20)));
    assert_eq!(f.outcome, None);
    let bad = AppealInput {
        title: " ".into(),
        topic: "no.such".into(),
        follow_up: "31.02.2026".into(),
        ..ok.clone()
    };
    let errors: Vec<_> = bad.validate(&tax).unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            AppealField::Title,
            AppealField::Topic,
            AppealField::FollowUp
        ]
    );
    assert_eq!(errors[1].1, FieldError::UnknownCode);

    let m = MemberInput {
        claimed: "50 000".into(),
        claimed_currency: Some(Currency::Rub),
        recovered: "1 250,50 сом".into(),
        recovered_currency: None,
    };
    let (c, r) = m.validate().unwrap();
    assert_eq!(c, Some(Money::new(Currency::Rub, 5_000_000)));
    assert_eq!(r, Some(Money::new(Currency::Kgs, 125_050)));
    let bad = MemberInput {
        claimed: "-5".into(),
        recovered: "1,250".into(),
        ..m
    };
    let errors = bad.validate().unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].0, MemberField::Claimed);
    assert_eq!(errors[1].1, FieldError::Money(MoneyError::Ambiguous));
}

#[test]
fn versions_list_what_changed_and_the_timeline_is_newest_first() {
    use kezek::domain::card::HistoryEntry;
    use kezek::domain::history::{Subject, Value, timeline, versions};
    let mut a = AppealMember {
        meta: meta(1),
        officer: "Айбек".into(),
        appeal: Id(9),
        person: Id(2),
        claimed: Some(Money::new(Currency::Rub, 100)),
        recovered: None,
        status: MemberStatus::Active,
    };
    let v1 = a.clone();
    a.meta.rev = 2;
    a.meta.updated = v1.meta.updated + chrono::Duration::minutes(5);
    a.officer = "Жылдыз".into();
    a.recovered = Some(Money::new(Currency::Rub, 100));
    a.status = MemberStatus::Recovered;
    let chain = [HistoryEntry::Member(v1.clone()), HistoryEntry::Member(a)];
    let vs = versions(Subject::Member("Асанов Бакыт".into()), &chain);
    assert!(vs[0].is_creation() && vs[0].changes.is_empty());
    let fields: Vec<_> = vs[1].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["field-recovered", "field-member-status"]);
    assert_eq!(vs[1].changes[0].before, Value::Empty);
    assert_eq!(
        vs[1].changes[1].after,
        Value::Member(MemberStatus::Recovered)
    );
    let t = timeline([vs.clone()]);
    assert_eq!(t[0], vs[1]);
    assert_eq!(t[1], vs[0]);
}
