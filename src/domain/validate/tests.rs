use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn phones_normalise_to_e164() {
    let cases = [
        ("+7 912 345-67-89", "+79123456789"),
        ("89123456789", "+79123456789"),
        ("8 (912) 345-67-89", "+79123456789"),
        ("79123456789", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("+996 555 123 456", "+996555123456"),
        ("0555123456", "+996555123456"),
        ("0 555 12 34 56", "+996555123456"),
        ("996555123456", "+996555123456"),
        ("555123456", "+996555123456"),
        ("+77011234567", "+77011234567"),
        ("+49 30 1234567", "+49301234567"),
    ];
    for (raw, want) in cases {
        assert_eq!(normalize_phone(raw).as_deref(), Ok(want), "input {raw}");
    }
}

#[test]
fn bad_phones_are_rejected_not_guessed() {
    assert_eq!(normalize_phone(""), Err(ValidationError::Required));
    assert_eq!(
        normalize_phone("12345"),
        Err(ValidationError::PhoneUnknownCountry)
    );
    assert_eq!(
        normalize_phone("+12"),
        Err(ValidationError::PhoneUnknownCountry)
    );
    assert_eq!(
        normalize_phone("0555abc"),
        Err(ValidationError::PhoneCharset)
    );
    assert_eq!(
        normalize_phone("5+55123456"),
        Err(ValidationError::PhoneCharset)
    );
    assert_eq!(
        normalize_phone("1234567890123"),
        Err(ValidationError::PhoneUnknownCountry)
    );
}

#[test]
fn phone_search_prefixes_rewrite_local_forms() {
    assert_eq!(phone_search_digits("0555").as_deref(), Some("996555"));
    assert_eq!(phone_search_digits("8912").as_deref(), Some("7912"));
    assert_eq!(phone_search_digits("+7 91").as_deref(), Some("791"));
    assert_eq!(phone_search_digits("Асанов"), None);
    assert_eq!(phone_search_digits("12"), None);
}

#[test]
fn documents_normalise() {
    assert_eq!(normalize_document("an 1234567").as_deref(), Ok("AN1234567"));
    assert_eq!(normalize_document("АN-1234567").as_deref(), Ok("AN1234567"));
    assert_eq!(
        normalize_document("№ 45 12 345678").as_deref(),
        Ok("4512345678")
    );
    assert_eq!(
        normalize_document("II-ЖБ 123456").as_deref(),
        Ok("IIЖБ123456")
    );
    assert_eq!(
        normalize_document("AN12"),
        Err(ValidationError::DocumentLength)
    );
    assert_eq!(
        normalize_document("AN123456789012345678901"),
        Err(ValidationError::DocumentLength)
    );
    assert_eq!(
        normalize_document("AN_123456"),
        Err(ValidationError::DocumentCharset)
    );
    assert_eq!(normalize_document("   "), Err(ValidationError::Required));
}

#[test]
fn dates_in_both_notations() {
    assert_eq!(parse_date("2026-11-24"), Ok(d(2026, 11, 24)));
    assert_eq!(parse_date("24.11.2026"), Ok(d(2026, 11, 24)));
    assert_eq!(parse_date("31.02.2026"), Err(ValidationError::DateFormat));
    assert_eq!(parse_date("yesterday"), Err(ValidationError::DateFormat));
    assert_eq!(parse_date(" "), Err(ValidationError::Required));
}

#[test]
fn birth_dates_not_in_future_nor_absurd() {
    let today = d(2026, 11, 24);
    assert_eq!(parse_birth_date("14.05.1990", today), Ok(d(1990, 5, 14)));
    assert_eq!(parse_birth_date("2026-11-24", today), Ok(today));
    assert_eq!(
        parse_birth_date("2026-11-25", today),
        Err(ValidationError::DateInFuture)
    );
    assert_eq!(
        parse_birth_date("1899-12-31", today),
        Err(ValidationError::DateYearRange)
    );
}

#[test]
fn utc_offsets() {
    assert_eq!(parse_utc_offset("+03:00"), Ok(180));
    assert_eq!(parse_utc_offset("+6"), Ok(360));
    assert_eq!(parse_utc_offset("-05:30"), Ok(-330));
    assert_eq!(parse_utc_offset("3"), Ok(180));
    assert_eq!(parse_utc_offset("+25"), Err(ValidationError::OffsetFormat));
    assert_eq!(parse_utc_offset("+14:00"), Ok(840));
    assert_eq!(
        parse_utc_offset("+14:01"),
        Err(ValidationError::OffsetFormat)
    );
    assert_eq!(
        parse_utc_offset("-14:30"),
        Err(ValidationError::OffsetFormat)
    );
    assert_eq!(parse_utc_offset("abc"), Err(ValidationError::OffsetFormat));
    // Found: a second sign was taken (`-+5` was -05:00, `+5:+30` +05:30), and one digit
    // of minutes read as minutes (`+5:3` was +05:03, not the +05:30 perhaps meant).
    for bad in [
        "-+5", "++5", "+5:+30", "+5:-30", "+5:3", "+05:5", "+005:45", "+5:045", "+",
    ] {
        assert_eq!(
            parse_utc_offset(bad),
            Err(ValidationError::OffsetFormat),
            "{bad}"
        );
    }
    assert_eq!(parse_utc_offset("+05:45"), Ok(345));
    assert_eq!(parse_utc_offset("+5:45"), Ok(345));
    assert_eq!(parse_utc_offset("-12:00"), Ok(-720));
    assert_eq!(parse_utc_offset("-00:00"), Ok(0));
    assert_eq!(format_utc_offset(180), "+03:00");
    assert_eq!(format_utc_offset(-330), "-05:30");
}

#[test]
fn text_is_trimmed_and_bounded() {
    assert_eq!(
        clean_text("  Асанов   Бакыт ", true).as_deref(),
        Ok("Асанов Бакыт")
    );
    assert_eq!(clean_text("  ", true), Err(ValidationError::Required));
    assert_eq!(clean_text("  ", false).as_deref(), Ok(""));
    assert_eq!(
        clean_text(&"ж".repeat(201), false),
        Err(ValidationError::TooLong(Limit::Text))
    );
    assert_eq!(
        clean_text(&"ж".repeat(200), false).map(|s| s.len()),
        Ok(400)
    );
    // A huge input is refused as too long, whatever it holds.
    assert_eq!(
        clean_text(&" ".repeat(5 << 20), false),
        Err(ValidationError::TooLong(Limit::Text))
    );
    assert_eq!(
        clean_text_within(&"x".repeat(8001), false, Limit::Note),
        Err(ValidationError::TooLong(Limit::Note))
    );
}

#[test]
fn every_column_and_field_has_a_limit() {
    assert_eq!(Limit::of_column("notes"), Limit::Note);
    assert_eq!(Limit::of_column("visit_id"), Limit::Short);
    assert_eq!(Limit::of_column("claimed_currency"), Limit::Short);
    assert_eq!(Limit::of_column("surname"), Limit::Text);
    assert_eq!(Limit::of_field("field-event-hosts"), Some(Limit::Hosts));
    assert_eq!(Limit::of_field("field-import-path"), None);
    assert!(Limit::Short.allows(&"x".repeat(32)));
    assert!(!Limit::Short.allows(&"x".repeat(33)));
}

#[test]
fn years_are_four_digits_between_1900_and_2100() {
    assert_eq!(parse_date("1900-01-01"), Ok(d(1900, 1, 1)));
    assert_eq!(parse_date("31.12.2100"), Ok(d(2100, 12, 31)));
    for two in ["24.11.26", "24.11.6", "26-11-24"] {
        assert_eq!(
            parse_date(two),
            Err(ValidationError::DateTwoDigitYear),
            "{two}"
        );
    }
    for far in [
        "1899-12-31",
        "01.01.2101",
        "0026-11-24",
        "24.11.0026",
        "99999-01-01",
        "01.01.99999999999999",
        "-2026-01-01",
    ] {
        assert!(
            matches!(
                parse_date(far),
                Err(ValidationError::DateYearRange | ValidationError::DateFormat)
            ),
            "{far}: {:?}",
            parse_date(far)
        );
    }
    assert_eq!(
        parse_date("0026-11-24"),
        Err(ValidationError::DateYearRange)
    );
    assert_eq!(
        parse_date("24.11.10000"),
        Err(ValidationError::DateYearRange)
    );
    assert_eq!(
        parse_date(&"9".repeat(40)),
        Err(ValidationError::DateFormat)
    );
    assert_eq!(
        parse_date_time("2026-11-24 09:05"),
        Ok(d(2026, 11, 24).and_hms_opt(9, 5, 0).unwrap())
    );
    assert_eq!(
        parse_date_time("24.11.26 09:05"),
        Err(ValidationError::DateTwoDigitYear)
    );
    assert_eq!(
        parse_date_time("2026-11-24 25:05"),
        Err(ValidationError::DateFormat)
    );
}

#[test]
fn a_cyrillic_series_is_stored_as_the_latin_one_printed() {
    for raw in [
        "АН 1234567",
        "AN1234567",
        "ан-1234567",
        "аН1234567",
        "№ AН 1234567",
    ] {
        assert_eq!(normalize_document(raw).as_deref(), Ok("AN1234567"), "{raw}");
    }
    // The ID card's series typed by sound, and the newer passport's `AC` typed by look.
    assert_eq!(normalize_document("ИД 0123456").as_deref(), Ok("ID0123456"));
    assert_eq!(normalize_document("id0123456").as_deref(), Ok("ID0123456"));
    assert_eq!(normalize_document("АС 1234567").as_deref(), Ok("AC1234567"));
    // A number of Cyrillic script keeps the letters no Latin one reads.
    assert_eq!(
        normalize_document("II-ЖА 123456").as_deref(),
        Ok("IIЖA123456")
    );
}

#[test]
fn numbers_stored_by_the_old_rule_meet_the_new_ones_by_key() {
    // `АН 1234567` was stored as `AH1234567`, `ИД 0123456` as `ИД0123456`.
    assert_eq!(document_key("AH1234567"), document_key("AN1234567"));
    assert_eq!(document_key("ИД0123456"), document_key("ID0123456"));
    assert_eq!(document_key("AN1234567"), "AN1234567");
    assert_ne!(document_key("AC1234567"), document_key("AN1234567"));
    assert_ne!(document_key("AN1234567"), document_key("AN1234568"));
}

mod document_props {
    use super::*;
    use proptest::prelude::*;

    /// The way a series and number get typed: either script, either case, separators.
    fn typed() -> impl Strategy<Value = String> {
        let letter = prop::sample::select(vec![
            "A", "a", "А", "а", "N", "n", "Н", "н", "C", "С", "с", "I", "И", "и", "D", "Д", "д",
            "E", "Е", "K", "К", "P", "Р", "Ж", "ж", "Б", "б",
        ]);
        let sep = prop::sample::select(vec!["", "", " ", "-", "№", "/"]);
        (
            prop::collection::vec(letter, 0..4),
            sep,
            "[0-9]{5,12}",
            prop::collection::vec(prop::sample::select(vec![" ", "-", ""]), 0..3),
        )
            .prop_map(|(series, sep, digits, inner)| {
                let mut s: String = series.concat();
                s.push_str(sep);
                let (a, b) = digits.split_at(digits.len() / 2);
                s.push_str(a);
                s.push_str(&inner.concat());
                s.push_str(b);
                s
            })
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent_and_ignores_case_and_separators(raw in typed()) {
            if let Ok(n) = normalize_document(&raw) {
                prop_assert_eq!(normalize_document(&n), Ok(n.clone()));
                prop_assert_eq!(normalize_document(&raw.to_lowercase()), Ok(n.clone()));
                let bare: String = raw.chars().filter(|c| !" -№/".contains(*c)).collect();
                prop_assert_eq!(normalize_document(&bare), Ok(n.clone()));
                prop_assert!(n.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()
                    || ('А'..='Я').contains(&c) || c == 'Ё'));
                // The key of the stored form is the key of what was typed.
                prop_assert_eq!(document_key(&n), document_key(&raw.to_uppercase().replace([' ', '-', '№', '/'], "")));
            }
        }

        #[test]
        fn a_series_in_either_script_is_one_document(digits in "[0-9]{7}", cyr in any::<bool>(), low in any::<bool>()) {
            let series = match (cyr, low) {
                (true, true) => "ан",
                (true, false) => "АН",
                (false, true) => "an",
                (false, false) => "AN",
            };
            let n = normalize_document(&format!("{series} {digits}")).unwrap();
            prop_assert_eq!(&n, &format!("AN{digits}"));
            // And the old stored form of the Cyrillic one is the same document.
            prop_assert_eq!(document_key(&format!("AH{digits}")), document_key(&n));
        }
    }
}

#[test]
fn stored_text_holds_no_control_character_nor_a_direction_override() {
    // A CSV cell crafted to clear the officer's screen and retitle the window.
    assert_eq!(
        clean_text("Ev\u{1b}[2Jil\u{7}", true).as_deref(),
        Ok("Ev[2Jil")
    );
    assert_eq!(
        clean_text("Bakyt\u{1b}]0;PWNED\u{7}\u{9b}", true).as_deref(),
        Ok("Bakyt]0;PWNED")
    );
    // `Асанов` shown backwards as something else: the override is dropped.
    assert_eq!(
        clean_text("\u{202E}вонасА\u{202C}", true).as_deref(),
        Ok("вонасА")
    );
    assert_eq!(
        clean_text("\u{0}\u{1b}", true),
        Err(ValidationError::Required)
    );
    // Tabs and line breaks inside one-line text stay word breaks.
    assert_eq!(
        clean_text("Асанов\tБакыт\r\n", true).as_deref(),
        Ok("Асанов Бакыт")
    );
    let note =
        crate::domain::consultation::clean_note("line 1\rline 2\r\n\tline 3\u{1b}[0m").unwrap();
    assert_eq!(note, "line 1\nline 2\n\tline 3[0m");
}

#[test]
fn stored_text_holds_no_invisible_format_character() {
    // Pasted from a chat or a web page: looks like Асанов, stored as something else.
    for crafted in [
        "Аса\u{200B}нов",
        "Аса\u{200D}нов",
        "Аса\u{FEFF}нов",
        "Аса\u{00AD}нов",
        "Аса\u{2060}нов",
        "Аса\u{E0041}нов",
    ] {
        assert_eq!(
            clean_text(crafted, true).as_deref(),
            Ok("Асанов"),
            "{crafted:?}"
        );
    }
    assert_eq!(
        clean_text("\u{200B}\u{FEFF}", true),
        Err(ValidationError::Required)
    );
    let note = crate::domain::consultation::clean_note("Аса\u{200B}нов\nБакыт").unwrap();
    assert_eq!(note, "Асанов\nБакыт");
    // Quoted to a terminal, what would be played or hidden is shown as an escape.
    assert_eq!(
        escape_unprintable("ok\u{1b}]0;X\u{7}\u{200B}Фамилия"),
        "ok\\u{1b}]0;X\\u{7}\\u{200b}Фамилия"
    );
}
