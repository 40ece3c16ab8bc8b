#[test]
fn every_text_cell_of_every_row_is_neutralised() {
    use crate::export::files::CsvSafe;
    // Each row type with every cell a formula (numbers stay numbers).
    fn formulas<T: serde::de::DeserializeOwned + Serialize + CsvSafe>() {
        let codes = crate::export::columns::table_codes(match std::any::type_name::<T>() {
            n if n.contains("PersonRow") => "persons",
            n if n.contains("VisitRow") => "visits",
            n if n.contains("ConsultationRow") => "consultations",
            n if n.contains("AppealRow") => "appeals",
            _ => "appeal_members",
        });
        let obj: serde_json::Map<String, serde_json::Value> = codes
            .iter()
            .map(|c| {
                let v = if *c == "queue_no" {
                    serde_json::json!(7)
                } else {
                    serde_json::json!("=1+1")
                };
                (c.to_string(), v)
            })
            .collect();
        let row: T = serde_json::from_value(serde_json::Value::Object(obj)).unwrap();
        let out = serde_json::to_value(row.csv_safe()).unwrap();
        for (k, v) in out.as_object().unwrap() {
            if let Some(s) = v.as_str() {
                assert_eq!(s, "'=1+1", "{k}");
            }
        }
    }
    formulas::<PersonRow>();
    formulas::<VisitRow<'static>>();
    formulas::<ConsultationRow<'static>>();
    formulas::<AppealRow>();
    formulas::<MemberRow>();
}
use super::*;
use crate::domain::{DeskId, Meta, PersonFields};

#[test]
fn person_cells_give_back_every_field_cyrillic_and_empty_ones_included() {
    let now = chrono::Utc::now();
    let p = Person {
        meta: Meta::new(Id(7), DeskId(1), now),
        fields: PersonFields {
            surname: "Асанов".into(),
            given_name: "Үмөт".into(),
            patronymic: String::new(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1990, 5, 17),
            sex: Sex::Male,
            document: Some("AC1234567".into()),
            phone: None,
            region: Some(Region::Osh),
            city: "Москва".into(),
        },
    };
    let (id, c) = PersonCells::of(&p);
    assert_eq!(id, Id(7));
    assert_eq!(
        [
            c.surname(),
            c.given_name(),
            c.patronymic(),
            c.document(),
            c.phone(),
            c.city()
        ],
        ["Асанов", "Үмөт", "", "AC1234567", "", "Москва"]
    );
    assert_eq!(
        (c.birth, c.sex, c.region),
        (p.fields.birth_date, Sex::Male, Some(Region::Osh))
    );
}

#[test]
fn a_consultations_time_is_its_venues_with_the_offset_beside_it_whatever_desk_exports() {
    // Saved at 22:30 UTC on the 7th at an event at UTC+6: 04:30 on the 8th there, and so in
    // the export of a desk on UTC (offset 0) or at UTC-5 alike.
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-07T22:30:00Z")
        .unwrap()
        .to_utc();
    let event = Event {
        meta: Meta::new(Id(1), DeskId(1), at),
        fields: crate::domain::EventFields {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
            city: "Омск".into(),
            venue: "Консульство".into(),
            hosts: vec![],
            utc_offset_min: 360,
        },
    };
    let c = Consultation {
        meta: Meta::new(Id(5), DeskId(1), at),
        visit: Id(3),
        person: Id(2),
        event: Id(1),
        officer: "Жылдыз".into(),
        fields: Default::default(),
    };
    let events = [event];
    for desk in [0, -300] {
        let mut rows = Rows::new(&events, FxHashMap::default(), &Period::All, false, desk);
        let row = rows.consultation(&c).unwrap();
        assert_eq!(
            (row.created.as_str(), row.utc_offset.as_str()),
            ("2026-12-08 04:30", "+06:00"),
            "exported by a desk at {desk} min"
        );
    }
}
