//! Column headers and table names of the exports in each language, and the way back from
//! a header to its column code for the import.

use crate::i18n::I18n;

/// Column code (the English export's header) and the message id of its translated header.
pub const COLUMNS: &[(&str, &str)] = &[
    ("visit_id", "csv-visit-id"),
    ("event_id", "csv-event-id"),
    ("event_date", "csv-event-date"),
    ("event_city", "csv-event-city"),
    ("event_venue", "csv-event-venue"),
    ("utc_offset", "csv-utc-offset"),
    ("person_id", "csv-person-id"),
    ("surname", "csv-surname"),
    ("given_name", "csv-given-name"),
    ("patronymic", "csv-patronymic"),
    ("birth_date", "csv-birth-date"),
    ("age_band", "csv-age-band"),
    ("sex", "csv-sex"),
    ("document", "csv-document"),
    ("phone", "csv-phone"),
    ("region", "csv-region"),
    ("city", "csv-city"),
    ("queue_no", "csv-queue-no"),
    ("desk", "csv-desk"),
    ("purpose", "csv-purpose"),
    ("language", "csv-language"),
    ("arrived", "csv-arrived"),
    ("status", "csv-status"),
    ("waited_min", "csv-waited-min"),
    ("consultation_id", "csv-consultation-id"),
    ("created", "csv-created"),
    ("officer", "csv-officer"),
    ("topics", "csv-topics"),
    ("outcome", "csv-outcome"),
    ("referral", "csv-referral"),
    ("legal_bases", "csv-legal-bases"),
    ("follow_up", "csv-follow-up"),
    ("follow_up_closed", "csv-follow-up-closed"),
    ("claimed", "csv-claimed"),
    ("claimed_currency", "csv-claimed-currency"),
    ("recovered", "csv-recovered"),
    ("recovered_currency", "csv-recovered-currency"),
    ("appeal_id", "csv-appeal-id"),
    ("notes", "csv-notes"),
    ("advice", "csv-advice"),
    ("opened", "csv-opened"),
    ("title", "csv-title"),
    ("respondent", "csv-respondent"),
    ("topic", "csv-topic"),
    ("host_city", "csv-host-city"),
    ("member_id", "csv-member-id"),
];

/// Table code and the message id of its name.
pub const TABLES: &[(&str, &str)] = &[
    ("persons", "table-persons"),
    ("visits", "table-visits"),
    ("consultations", "table-consultations"),
    ("appeals", "table-appeals"),
    ("appeal_members", "table-appeal-members"),
];

/// A column's header in the export's language: the code itself in English (the stable
/// layout that scripts and `kezek import` read), the translated header in Russian and Kyrgyz.
pub fn header(code: &str, i18n: &I18n) -> String {
    match COLUMNS.iter().find(|(c, _)| *c == code) {
        Some((_, id)) if i18n.lang() != "en" => i18n.t(id),
        _ => code.to_string(),
    }
}

/// A table's name in the export's language (the code in English).
pub fn table_name(code: &str, i18n: &I18n) -> String {
    match TABLES.iter().find(|(c, _)| *c == code) {
        Some((_, id)) if i18n.lang() != "en" => i18n.t(id),
        _ => code.to_string(),
    }
}

/// "9 persons", "9 граждан": a count of a table's records, the noun agreeing with it.
pub fn table_count(code: &str, n: u64, i18n: &I18n) -> String {
    let id = match code {
        "persons" => "table-count-persons",
        "visits" => "table-count-visits",
        "consultations" => "table-count-consultations",
        "appeals" => "table-count-appeals",
        "appeal_members" => "table-count-appeal-members",
        other => return format!("{n} {other}"),
    };
    i18n.t_args(id, &[("count", n.into())])
}

/// Headers (lower-case) that earlier versions wrote and the column each stands for.
const FORMER_HEADERS: &[(&str, &str)] = &[
    ("идентификатор мероприятия", "event_id"),
    ("дата мероприятия", "event_date"),
    ("требуемая сумма", "claimed"),
    ("валюта требования", "claimed_currency"),
    ("шаар (болгон өлкө)", "host_city"),
    ("иш-чаранын идентификатору", "event_id"),
    ("иш-чаранын күнү", "event_date"),
];

/// Every header the import accepts for each column: the code, and the header in each
/// language (lower-case), built once.
fn known_headers() -> &'static [(String, &'static str)] {
    static KNOWN: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let langs: Vec<I18n> = crate::i18n::LOCALES
            .iter()
            .map(|(l, _)| I18n::new(l))
            .collect();
        // Headers earlier versions wrote, so that their exports import still.
        let mut out: Vec<(String, &'static str)> = FORMER_HEADERS
            .iter()
            .map(|(h, code)| (h.to_string(), *code))
            .collect();
        for (code, id) in COLUMNS {
            out.push((code.to_string(), *code));
            for i in &langs {
                out.push((i.t(id).to_lowercase(), *code));
            }
        }
        out
    })
}

/// The column code for a header written in any of the three languages (or as the code),
/// ignoring case, surrounding spaces and a byte-order mark.
pub fn code_of(header: &str) -> Option<&'static str> {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase();
    known_headers()
        .iter()
        .find(|(k, _)| *k == h)
        .map(|(_, code)| *code)
}

/// The column codes of a row type, in order: what serde writes as its CSV header.
pub fn codes_of<T: serde::Serialize + Default>() -> Vec<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    if w.serialize(T::default()).is_err() {
        return Vec::new();
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    r.headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The column codes of table `name` (one of `tables::TABLES`).
pub fn table_codes(name: &str) -> Vec<String> {
    use super::tables::{AppealRow, ConsultationRow, MemberRow, PersonRow, VisitRow};
    match name {
        "persons" => codes_of::<PersonRow>(),
        "visits" => codes_of::<VisitRow>(),
        "consultations" => codes_of::<ConsultationRow>(),
        "appeals" => codes_of::<AppealRow>(),
        _ => codes_of::<MemberRow>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        let ru = I18n::new("ru");
        assert_eq!(table_count("persons", 9, &ru), "9 граждан");
        assert_eq!(table_count("persons", 21, &ru), "21 гражданин");
        assert_eq!(table_count("appeals", 3, &ru), "3 коллективных обращения");
        let en = I18n::new("en");
        assert_eq!(table_count("appeals", 1, &en), "1 collective appeal");
        assert_eq!(table_count("visits", 2, &en), "2 visits");
        assert_eq!(table_count("visits", 2, &I18n::new("ky")), "2 келүү");
    }

    #[test]
    fn headers_of_earlier_versions_import_still() {
        for (header, code) in [
            ("Идентификатор мероприятия", "event_id"),
            ("Идентификатор дня приёма", "event_id"),
            ("Дата мероприятия", "event_date"),
            ("Требуемая сумма", "claimed"),
            ("Заявленная сумма", "claimed"),
            ("Шаар (болгон өлкө)", "host_city"),
            ("Шаар (кабыл алуучу өлкө)", "host_city"),
            ("Иш-чаранын идентификатору", "event_id"),
            ("Кабыл алуу күнүнүн идентификатору", "event_id"),
            ("Иш-чаранын күнү", "event_date"),
            ("Кабыл алуу күнүнүн датасы", "event_date"),
        ] {
            assert_eq!(code_of(header), Some(code), "{header}");
        }
    }

    #[test]
    fn every_column_of_every_table_has_a_header_and_back() {
        for table in super::super::tables::TABLES {
            let codes = table_codes(table);
            assert!(!codes.is_empty(), "{table}");
            for lang in ["en", "ru", "ky"] {
                let i = I18n::new(lang);
                for c in &codes {
                    assert!(
                        COLUMNS.iter().any(|(k, _)| k == c),
                        "{table}.{c} has no header"
                    );
                    let h = header(c, &i);
                    assert_eq!(code_of(&h), Some(c.as_str()), "{lang}: {h:?}");
                    assert_eq!(code_of(&h.to_uppercase()), Some(c.as_str()));
                }
            }
        }
        let ru = I18n::new("ru");
        assert_eq!(header("surname", &ru), "Фамилия");
        assert_eq!(header("surname", &I18n::new("en")), "surname");
        assert_eq!(code_of("Фамилиясы"), Some("surname"));
        assert_eq!(code_of(" Visit ID "), Some("visit_id"));
        assert_eq!(table_name("appeal_members", &ru), "Участники обращений");
        assert_eq!(code_of("no such column"), None);
    }
}
