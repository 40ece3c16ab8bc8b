//! The row types of the tables: the serde field names are the column codes.

use super::*;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub person_id: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub age_band: String,
    pub sex: String,
    pub document: String,
    pub phone: String,
    pub region: String,
    pub city: String,
}

/// One visit with its event and person: the table a register kept in a spreadsheet maps to,
/// and the one `kezek import` reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitRow<'a> {
    pub visit_id: String,
    pub event_id: String,
    pub event_date: String,
    pub event_city: Text<'a>,
    pub event_venue: Text<'a>,
    pub utc_offset: String,
    pub person_id: String,
    pub surname: Text<'a>,
    pub given_name: Text<'a>,
    pub patronymic: Text<'a>,
    pub birth_date: String,
    pub age_band: Text<'a>,
    pub sex: Text<'a>,
    pub document: Text<'a>,
    pub phone: Text<'a>,
    pub region: Text<'a>,
    /// Empty in an anonymised export.
    pub queue_no: Option<u32>,
    pub desk: Text<'a>,
    pub purpose: Text<'a>,
    pub language: Text<'a>,
    /// Local time at the venue, `YYYY-MM-DD HH:MM`.
    pub arrived: String,
    pub status: Text<'a>,
    pub waited_min: String,
}

impl VisitRow<'_> {
    /// The row with its borrowed cells copied, to keep beyond the records it was made from.
    pub fn into_owned(self) -> VisitRow<'static> {
        VisitRow {
            visit_id: self.visit_id,
            event_id: self.event_id,
            event_date: self.event_date,
            event_city: Cow::Owned(self.event_city.into_owned()),
            event_venue: Cow::Owned(self.event_venue.into_owned()),
            utc_offset: self.utc_offset,
            person_id: self.person_id,
            surname: Cow::Owned(self.surname.into_owned()),
            given_name: Cow::Owned(self.given_name.into_owned()),
            patronymic: Cow::Owned(self.patronymic.into_owned()),
            birth_date: self.birth_date,
            age_band: Cow::Owned(self.age_band.into_owned()),
            sex: Cow::Owned(self.sex.into_owned()),
            document: Cow::Owned(self.document.into_owned()),
            phone: Cow::Owned(self.phone.into_owned()),
            region: Cow::Owned(self.region.into_owned()),
            queue_no: self.queue_no,
            desk: Cow::Owned(self.desk.into_owned()),
            purpose: Cow::Owned(self.purpose.into_owned()),
            language: Cow::Owned(self.language.into_owned()),
            arrived: self.arrived,
            status: Cow::Owned(self.status.into_owned()),
            waited_min: self.waited_min,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationRow<'a> {
    pub consultation_id: String,
    pub visit_id: String,
    pub event_id: String,
    pub person_id: String,
    /// At the venue of the consultation's event, whose offset is the next column.
    pub created: String,
    pub utc_offset: String,
    pub officer: Text<'a>,
    /// Topic codes separated by `;`.
    pub topics: String,
    pub outcome: Text<'a>,
    pub referral: Text<'a>,
    pub legal_bases: String,
    pub follow_up: String,
    pub follow_up_closed: String,
    pub claimed: String,
    pub claimed_currency: String,
    pub recovered: String,
    pub recovered_currency: String,
    pub appeal_id: String,
    pub notes: Text<'a>,
    pub advice: Text<'a>,
}

impl ConsultationRow<'_> {
    /// The row with its borrowed cells copied, to keep beyond the records it was made from.
    pub fn into_owned(self) -> ConsultationRow<'static> {
        ConsultationRow {
            consultation_id: self.consultation_id,
            visit_id: self.visit_id,
            event_id: self.event_id,
            person_id: self.person_id,
            created: self.created,
            utc_offset: self.utc_offset,
            officer: Cow::Owned(self.officer.into_owned()),
            topics: self.topics,
            outcome: Cow::Owned(self.outcome.into_owned()),
            referral: Cow::Owned(self.referral.into_owned()),
            legal_bases: self.legal_bases,
            follow_up: self.follow_up,
            follow_up_closed: self.follow_up_closed,
            claimed: self.claimed,
            claimed_currency: self.claimed_currency,
            recovered: self.recovered,
            recovered_currency: self.recovered_currency,
            appeal_id: self.appeal_id,
            notes: Cow::Owned(self.notes.into_owned()),
            advice: Cow::Owned(self.advice.into_owned()),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRow {
    pub appeal_id: String,
    pub opened: String,
    pub title: String,
    pub respondent: String,
    pub topic: String,
    pub host_city: String,
    pub follow_up: String,
    pub follow_up_closed: String,
    pub outcome: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub member_id: String,
    pub appeal_id: String,
    pub person_id: String,
    pub claimed: String,
    pub claimed_currency: String,
    pub recovered: String,
    pub recovered_currency: String,
    pub status: String,
}

/// `CsvSafe` for a row type: every field is named (the destructuring is exhaustive, so a
/// column added later cannot be forgotten), text ones are neutralised, the others kept.
macro_rules! csv_safe {
    ($t:ident $(<$l:lifetime>)?; text: $($f:ident),*; other: $($o:ident),*) => {
        impl$(<$l>)? crate::export::files::CsvSafe for $t$(<$l>)? {
            fn csv_safe(self) -> Self {
                use crate::export::files::safe;
                let $t { $($f,)* $($o,)* } = self;
                $t { $($f: safe($f),)* $($o,)* }
            }
        }
    };
}

csv_safe!(PersonRow; text: person_id, surname, given_name, patronymic, birth_date, age_band,
    sex, document, phone, region, city; other: );
csv_safe!(VisitRow<'a>; text: visit_id, event_id, event_date, event_city, event_venue,
    utc_offset, person_id, surname, given_name, patronymic, birth_date, age_band, sex,
    document, phone, region, desk, purpose, language, arrived, status, waited_min;
    other: queue_no);
csv_safe!(ConsultationRow<'a>; text: consultation_id, visit_id, event_id, person_id,
    created, utc_offset, officer, topics, outcome, referral, legal_bases, follow_up, follow_up_closed,
    claimed, claimed_currency, recovered, recovered_currency, appeal_id, notes, advice;
    other: );
csv_safe!(AppealRow; text: appeal_id, opened, title, respondent, topic, host_city,
    follow_up, follow_up_closed, outcome; other: );
csv_safe!(MemberRow; text: member_id, appeal_id, person_id, claimed, claimed_currency,
    recovered, recovered_currency, status; other: );

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tables {
    pub persons: Vec<PersonRow>,
    pub visits: Vec<VisitRow<'static>>,
    pub consultations: Vec<ConsultationRow<'static>>,
    pub appeals: Vec<AppealRow>,
    pub appeal_members: Vec<MemberRow>,
}
