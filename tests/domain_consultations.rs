//! Consultation validation, appeal totals and follow-up ordering on hand-made fixtures.

mod common;

use common::*;
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
