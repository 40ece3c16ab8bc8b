use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::Meta;
use super::region::Region;
use super::validate::{
    ValidationError, clean_text, normalize_document, normalize_phone, parse_birth_date,
};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[default]
    Unknown,
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::Unknown, Sex::Male, Sex::Female];

    pub fn code(self) -> &'static str {
        match self {
            Sex::Unknown => "unknown",
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn msg_id(self) -> &'static str {
        match self {
            Sex::Unknown => "sex-unknown",
            Sex::Male => "sex-male",
            Sex::Female => "sex-female",
        }
    }
}

/// A citizen. Optional fields are `None`/empty when the person did not give them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub meta: Meta,
    pub fields: PersonFields,
}

/// The validated, normalised content of a person record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFields {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    /// Normalised (see `normalize_document`).
    pub document: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub region: Option<Region>,
    pub city: String,
}

/// What the arrival form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonInput {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub sex: Sex,
    pub document: String,
    pub phone: String,
    pub region: Option<Region>,
    pub city: String,
}

/// Which input field a validation error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonField {
    Surname,
    GivenName,
    Patronymic,
    BirthDate,
    Document,
    Phone,
    City,
}

impl PersonInput {
    /// Validates every field and reports all problems at once, so the officer fixes them in
    /// one pass.
    pub fn validate(
        &self,
        today: NaiveDate,
    ) -> Result<PersonFields, Vec<(PersonField, ValidationError)>> {
        let mut errors = Vec::new();
        let mut take = |field, r: Result<String, ValidationError>| match r {
            Ok(v) => v,
            Err(e) => {
                errors.push((field, e));
                String::new()
            }
        };
        let surname = take(PersonField::Surname, clean_text(&self.surname, true));
        let given_name = take(PersonField::GivenName, clean_text(&self.given_name, true));
        let patronymic = take(PersonField::Patronymic, clean_text(&self.patronymic, false));
        let city = take(PersonField::City, clean_text(&self.city, false));
        let birth_date =
            optional(&self.birth_date, |s| parse_birth_date(s, today)).unwrap_or_else(|e| {
                errors.push((PersonField::BirthDate, e));
                None
            });
        let document = optional(&self.document, normalize_document).unwrap_or_else(|e| {
            errors.push((PersonField::Document, e));
            None
        });
        let phone = optional(&self.phone, normalize_phone).unwrap_or_else(|e| {
            errors.push((PersonField::Phone, e));
            None
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PersonFields {
            surname,
            given_name,
            patronymic,
            birth_date,
            sex: self.sex,
            document,
            phone,
            region: self.region,
            city,
        })
    }
}

fn optional<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

impl PersonFields {
    /// The fields as a form shows them to be changed (dates as `YYYY-MM-DD`).
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            surname: self.surname.clone(),
            given_name: self.given_name.clone(),
            patronymic: self.patronymic.clone(),
            birth_date: self
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            sex: self.sex,
            document: self.document.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            region: self.region,
            city: self.city.clone(),
        }
    }

    /// The fields put through the rules a new person's are (`PersonInput::validate`), so a
    /// record is never saved with what a form would refuse. A document that is the same
    /// one by `document_key` keeps the form it has (stored by an older rule: `AH…`).
    pub fn normalised(
        self,
        today: NaiveDate,
    ) -> Result<PersonFields, Vec<(PersonField, ValidationError)>> {
        let mut out = self.to_input().validate(today)?;
        let key = |d: &Option<String>| d.as_deref().map(super::validate::document_key);
        if key(&out.document) == key(&self.document) {
            out.document = self.document;
        }
        Ok(out)
    }

    /// "Surname Given Patronymic", as officers read names aloud.
    pub fn full_name(&self) -> String {
        [&self.surname, &self.given_name, &self.patronymic]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn valid_input_is_normalised() {
        let input = PersonInput {
            surname: " Асанов ".into(),
            given_name: "Бакыт".into(),
            birth_date: "14.05.1990".into(),
            sex: Sex::Male,
            document: "an 1234567".into(),
            phone: "0555 123 456".into(),
            region: Some(Region::Osh),
            ..Default::default()
        };
        let p = input.validate(today()).unwrap();
        assert_eq!(p.surname, "Асанов");
        assert_eq!(p.document.as_deref(), Some("AN1234567"));
        assert_eq!(p.phone.as_deref(), Some("+996555123456"));
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1990, 5, 14));
        assert_eq!(p.full_name(), "Асанов Бакыт");
    }

    #[test]
    fn every_bad_field_is_reported() {
        let input = PersonInput {
            surname: " ".into(),
            given_name: "Айгүл".into(),
            birth_date: "2030-01-01".into(),
            phone: "12".into(),
            document: "x".into(),
            ..Default::default()
        };
        let errs = input.validate(today()).unwrap_err();
        assert_eq!(
            errs,
            vec![
                (PersonField::Surname, ValidationError::Required),
                (PersonField::BirthDate, ValidationError::DateInFuture),
                (PersonField::Document, ValidationError::DocumentLength),
                (PersonField::Phone, ValidationError::PhoneUnknownCountry),
            ]
        );
    }
}
