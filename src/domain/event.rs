use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::Meta;
use super::validate::{ValidationError, clean_text, parse_date, parse_utc_offset};

/// A reception day: one date, one venue, several host organisations and desks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub meta: Meta,
    pub fields: EventFields,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFields {
    pub date: NaiveDate,
    pub city: String,
    pub venue: String,
    pub hosts: Vec<String>,
    /// The venue's offset from UTC in minutes: times are stored in UTC and shown in this.
    pub utc_offset_min: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventField {
    Date,
    City,
    Venue,
    Hosts,
    UtcOffset,
}

/// The event form as typed. Hosts are comma- or semicolon-separated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventInput {
    pub date: String,
    pub city: String,
    pub venue: String,
    pub hosts: String,
    pub utc_offset: String,
}

impl EventInput {
    pub fn validate(&self) -> Result<EventFields, Vec<(EventField, ValidationError)>> {
        let mut errors = Vec::new();
        let date = parse_date(&self.date).map_err(|e| errors.push((EventField::Date, e)));
        let city = clean_text(&self.city, true).map_err(|e| errors.push((EventField::City, e)));
        let venue = clean_text(&self.venue, true).map_err(|e| errors.push((EventField::Venue, e)));
        let mut hosts = Vec::new();
        for h in self.hosts.split([',', ';']) {
            match clean_text(h, false) {
                Ok(h) if !h.is_empty() => hosts.push(h),
                Ok(_) => {}
                Err(e) => errors.push((EventField::Hosts, e)),
            }
        }
        let offset = if self.utc_offset.trim().is_empty() {
            Ok(0)
        } else {
            parse_utc_offset(&self.utc_offset).map_err(|e| errors.push((EventField::UtcOffset, e)))
        };
        match (date, city, venue, offset) {
            (Ok(date), Ok(city), Ok(venue), Ok(utc_offset_min)) if errors.is_empty() => {
                Ok(EventFields {
                    date,
                    city,
                    venue,
                    hosts,
                    utc_offset_min,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_input_validates() {
        let input = EventInput {
            date: "24.11.2026".into(),
            city: "Москва".into(),
            venue: "Посольство".into(),
            hosts: "Embassy; Ombudsperson,  , Diaspora".into(),
            utc_offset: "+03:00".into(),
        };
        let f = input.validate().unwrap();
        assert_eq!(f.hosts, vec!["Embassy", "Ombudsperson", "Diaspora"]);
        assert_eq!(f.utc_offset_min, 180);
    }

    #[test]
    fn event_input_reports_each_problem() {
        let input = EventInput {
            date: "tomorrow".into(),
            city: "".into(),
            venue: "Hall".into(),
            hosts: "".into(),
            utc_offset: "x".into(),
        };
        let errs = input.validate().unwrap_err();
        assert_eq!(
            errs,
            vec![
                (EventField::Date, ValidationError::DateFormat),
                (EventField::City, ValidationError::Required),
                (EventField::UtcOffset, ValidationError::OffsetFormat),
            ]
        );
    }
}
