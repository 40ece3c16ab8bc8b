//! The codec round-trips every record kind, and never panics on garbage.

use chrono::{DateTime, NaiveDate, Utc};
use kezek::domain::card::HistoryEntry;
use kezek::domain::{
    Appeal, AppealFields, AppealMember, Consultation, ConsultationFields, Currency, DeskId, Event,
    EventFields, Id, Lang, MemberStatus, Meta, Money, Person, PersonFields, Region, Sex,
    StatusChange, Visit, VisitStatus,
};
use kezek::store::codec::{self, FORMAT_VERSION};
use kezek::store::{Change, Op};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[А-Яа-яЁёҢңӨөҮү ]{0,30}",
        "[A-Za-z0-9 ,.-]{0,30}",
        any::<String>(),
    ]
}

fn ts() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000, 0u32..1_000_000)
        .prop_map(|(s, us)| DateTime::from_timestamp(s, us * 1000).unwrap())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

prop_compose! {
    fn meta()(id in any::<u128>(), desk in any::<u64>(), c in ts(), u in ts(), rev in any::<u32>()) -> Meta {
        Meta { id: Id(id), desk: DeskId(desk), created: c, updated: u, rev }
    }
}

prop_compose! {
    fn event()(meta in meta(), date in date(), city in text(), venue in text(),
               hosts in proptest::collection::vec(text(), 0..4), off in -720i32..840) -> Event {
        Event { meta, fields: EventFields { date, city, venue, hosts, utc_offset_min: off } }
    }
}

fn sex() -> impl Strategy<Value = Sex> {
    proptest::sample::select(Sex::ALL.to_vec())
}

fn region() -> impl Strategy<Value = Option<Region>> {
    proptest::option::of(proptest::sample::select(Region::ALL.to_vec()))
}

fn status() -> impl Strategy<Value = VisitStatus> {
    proptest::sample::select(vec![
        VisitStatus::Waiting,
        VisitStatus::WithOfficer,
        VisitStatus::Done,
        VisitStatus::LeftWithoutService,
    ])
}

prop_compose! {
    fn person()(meta in meta(), surname in text(), given in text(), patronymic in text(),
                birth in proptest::option::of(date()), sex in sex(),
                document in proptest::option::of("[A-Z0-9]{5,20}"),
                phone in proptest::option::of("\\+[0-9]{8,15}"), region in region(), city in text()) -> Person {
        Person { meta, fields: PersonFields { surname, given_name: given, patronymic, birth_date: birth,
            sex, document, phone, region, city } }
    }
}

prop_compose! {
    fn visit()(meta in meta(), event in any::<u128>(), person in any::<u128>(), queue_no in any::<u32>(),
               desk_name in text(), purpose in text(), arrived in ts(), status in status(),
               lang in proptest::sample::select(vec![Lang::Ky, Lang::Ru, Lang::En]),
               history in proptest::collection::vec((status(), ts(), text()), 0..5)) -> Visit {
        Visit { meta, event: Id(event), person: Id(person), queue_no, desk_name, purpose, language: lang,
            arrived, status,
            history: history.into_iter().map(|(status, at, officer)| StatusChange { status, at, officer }).collect() }
    }
}

fn money() -> impl Strategy<Value = Option<Money>> {
    proptest::option::of(
        (
            proptest::sample::select(Currency::ALL.to_vec()),
            0i64..i64::MAX,
        )
            .prop_map(|(c, m)| Money::new(c, m)),
    )
}

prop_compose! {
    fn consultation()(meta in meta(), ids in any::<(u128, u128, u128)>(), officer in text(),
                      topics in proptest::collection::vec("[a-z.]{1,12}", 0..4), notes in text(), advice in text(),
                      bases in proptest::collection::vec("[a-z.]{1,12}", 0..3), referral in proptest::option::of("[a-z.]{1,12}"),
                      outcome in "[a-z-]{1,12}", fu in proptest::option::of(date()), closed in proptest::option::of(date()),
                      claimed in money(), recovered in money(), appeal in proptest::option::of(any::<u128>())) -> Consultation {
        Consultation { meta, visit: Id(ids.0), person: Id(ids.1), event: Id(ids.2), officer,
            fields: ConsultationFields { topics, notes, advice, legal_bases: bases, referral, outcome,
                follow_up: fu, follow_up_closed: closed, claimed, recovered, appeal: appeal.map(Id) } }
    }
}

prop_compose! {
    fn appeal()(meta in meta(), officer in text(), title in text(), respondent in text(), topic in "[a-z.]{1,12}",
                host_city in text(), fu in proptest::option::of(date()), closed in proptest::option::of(date()),
                outcome in proptest::option::of("[a-z-]{1,12}")) -> Appeal {
        Appeal { meta, officer, fields: AppealFields { title, respondent, topic, host_city, follow_up: fu,
            follow_up_closed: closed, outcome } }
    }
}

prop_compose! {
    fn member()(meta in meta(), officer in text(), ids in any::<(u128, u128)>(), claimed in money(), recovered in money(),
                status in proptest::sample::select(MemberStatus::ALL.to_vec())) -> AppealMember {
        AppealMember { meta, officer, appeal: Id(ids.0), person: Id(ids.1), claimed, recovered, status }
    }
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        event().prop_map(Change::PutEvent),
        person().prop_map(Change::PutPerson),
        person().prop_map(Change::UpdatePerson),
        visit().prop_map(Change::PutVisit),
        (any::<u128>(), status(), ts()).prop_map(|(v, status, at)| Change::SetVisitStatus {
            visit: Id(v),
            status,
            at
        }),
    ]
}

prop_compose! {
    fn op()(id in any::<u128>(), desk in any::<u64>(), hlc in any::<u64>(), officer in text(),
            changes in proptest::collection::vec(change(), 0..4)) -> Op {
        Op { id: Id(id), desk: DeskId(desk), hlc, officer, changes }
    }
}

proptest! {
    #![proptest_config(crate::common::props())]

    #[test]
    fn events_round_trip(e in event()) {
        let bytes = codec::encode(&e).unwrap();
        prop_assert_eq!(bytes[0], FORMAT_VERSION);
        prop_assert_eq!(codec::decode::<Event>(&bytes).unwrap(), e);
    }

    #[test]
    fn persons_round_trip(p in person()) {
        prop_assert_eq!(codec::decode::<Person>(&codec::encode(&p).unwrap()).unwrap(), p);
    }

    #[test]
    fn visits_round_trip(v in visit()) {
        prop_assert_eq!(codec::decode::<Visit>(&codec::encode(&v).unwrap()).unwrap(), v);
    }

    #[test]
    fn versioned_records_round_trip(c in consultation(), a in appeal(), m in member()) {
        prop_assert_eq!(codec::decode::<Consultation>(&codec::encode(&c).unwrap()).unwrap(), c.clone());
        prop_assert_eq!(codec::decode::<Appeal>(&codec::encode(&a).unwrap()).unwrap(), a);
        prop_assert_eq!(codec::decode::<AppealMember>(&codec::encode(&m).unwrap()).unwrap(), m);
        let h = HistoryEntry::Consultation(c);
        prop_assert_eq!(codec::decode::<HistoryEntry>(&codec::encode(&h).unwrap()).unwrap(), h);
    }

    #[test]
    fn ops_round_trip(o in op()) {
        prop_assert_eq!(codec::decode::<Op>(&codec::encode(&o).unwrap()).unwrap(), o);
    }

    #[test]
    fn random_bytes_are_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = codec::decode::<Op>(&bytes);
        let _ = codec::decode::<Person>(&bytes);
        let _ = codec::decode::<Visit>(&bytes);
        let _ = codec::decode::<Event>(&bytes);
    }

    #[test]
    fn damaged_values_are_rejected(v in visit(), cut in 1usize..40, extra in 1usize..8) {
        let bytes = codec::encode(&v).unwrap();
        let cut = cut.min(bytes.len() - 1);
        prop_assert!(codec::decode::<Visit>(&bytes[..bytes.len() - cut]).is_err());
        let mut longer = bytes.clone();
        longer.extend(std::iter::repeat_n(0u8, extra));
        prop_assert!(codec::decode::<Visit>(&longer).is_err(), "trailing bytes must be refused");
        let mut other_version = bytes;
        other_version[0] = FORMAT_VERSION + 1;
        prop_assert!(codec::decode::<Visit>(&other_version).is_err());
    }
}

/// The bytes bincode writes for `v` with no limit of ours: what a store would have held if
/// `encode` had let it through.
fn unchecked<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut out = vec![FORMAT_VERSION];
    out.extend(bincode::serde::encode_to_vec(v, bincode::config::standard()).unwrap());
    out
}

/// A person whose surname makes the value claim `target` bytes, give or take a character.
fn person_of(p: &Person, target: usize, wide: bool) -> Person {
    let mut p = p.clone();
    p.fields.surname.clear();
    let base = codec::claimed(&p).unwrap();
    let room = target.saturating_sub(base);
    p.fields.surname = if wide {
        "ж".repeat(room / 2) + &"a".repeat(room % 2)
    } else {
        "a".repeat(room)
    };
    p
}

/// An op of `n` status moves: ids and times, whose varints are longer or shorter than the
/// widths the decoder counts (a u128 id claims 16 bytes and takes 17; a small u32 takes 1).
fn moves(n: usize, seed: u128) -> Op {
    let t0 = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
    Op {
        id: Id(seed),
        desk: DeskId(7),
        hlc: 1,
        officer: "o".into(),
        changes: (0..n)
            .map(|i| Change::SetVisitStatus {
                visit: Id(seed.wrapping_mul(i as u128 + 1)),
                status: VisitStatus::Done,
                at: t0,
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..crate::common::props() })]

    /// One limit, both sides: whatever `encode` accepts decodes again, and whatever it
    /// refuses the decoder would have refused, for sizes on either side of the limit.
    #[test]
    fn encode_accepts_exactly_what_decode_reads(
        p in person(),
        delta in -300i64..300,
        wide in any::<bool>(),
    ) {
        let target = (codec::SIZE_LIMIT as i64 + delta) as usize;
        let p = person_of(&p, target, wide);
        let decodable = codec::decode::<Person>(&unchecked(&p)).is_ok();
        match codec::encode(&p) {
            Ok(bytes) => {
                prop_assert!(decodable);
                prop_assert_eq!(codec::decode::<Person>(&bytes).unwrap(), p);
            }
            Err(e) => {
                prop_assert!(matches!(e, codec::CodecError::TooLarge), "{e}");
                prop_assert!(!decodable, "encode refused a value the decoder reads");
            }
        }
    }

    #[test]
    fn ops_of_many_small_changes_share_the_limit(seed in any::<u128>(), delta in -40i64..40) {
        let per = codec::claimed(&moves(2, seed)).unwrap() - codec::claimed(&moves(1, seed)).unwrap();
        let n = (codec::SIZE_LIMIT / per) as i64 + delta;
        let op = moves(n as usize, seed);
        let decodable = codec::decode::<Op>(&unchecked(&op)).is_ok();
        prop_assert_eq!(codec::encode(&op).is_ok(), decodable);
    }
}
