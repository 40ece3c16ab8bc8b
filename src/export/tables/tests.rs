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
