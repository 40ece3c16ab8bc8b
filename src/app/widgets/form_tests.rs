//! Pastes' line breaks, clearing and putting back, and choosing by typing.

use super::*;

#[test]
fn a_pasted_line_break_is_one_space_whatever_the_terminal_sends() {
    for pasted in [
        "Асан\rуулу",
        "Асан\r\nуулу",
        "Асан\nуулу\r\n",
        "\rАсан\tуулу\r",
    ] {
        let mut f = Field::text("field-surname", "");
        assert!(f.paste(pasted), "{pasted:?}");
        assert_eq!(f.value(), "Асан уулу", "{pasted:?}");
    }
}

fn regions() -> Field {
    let options = std::iter::once(Choice::msg("", "region-none"))
        .chain(
            crate::domain::Region::ALL
                .iter()
                .map(|r| Choice::msg(r.code(), r.msg_id())),
        )
        .collect();
    Field::choice("field-region", options, 0)
}

fn typed(f: &mut Field, s: &str) -> String {
    for c in s.chars() {
        f.edit(Key::Char(c));
    }
    f.value().to_string()
}

#[test]
fn a_choice_is_picked_by_typing_its_first_letters_in_any_script() {
    for (s, want) in [
        ("О", "osh"),
        ("Ош", "osh"),
        ("ош", "osh"),
        ("O", "osh"),
        ("Osh", "osh"),
        ("ОО", "osh-city"),
        ("Ошская", "osh"),
        ("Б", "batken"),
        ("Би", "bishkek-city"),
        ("Bish", "bishkek-city"),
        ("Ч", "chuy"),
        ("Ы", "issyk-kul"),
        ("И", "issyk-kul"),
        ("J", "jalal-abad"),
        ("Дж", "jalal-abad"),
        ("Ж", "jalal-abad"),
        ("На", "naryn"),
    ] {
        let mut f = regions();
        assert_eq!(typed(&mut f, s), want, "{s:?}");
    }
    let mut f = regions();
    assert_eq!(typed(&mut f, "Ош"), "osh");
    assert!(
        !f.edit(Key::Char('щ')),
        "a letter that begins nothing changes nothing"
    );
    assert_eq!(f.value(), "osh");
    f.edit(Key::Right);
    assert_eq!(
        typed(&mut f, "Т"),
        "talas",
        "after an arrow the letters start anew"
    );
    let mut f = Field::choice(
        "field-currency",
        vec![
            Choice::text("RUB", "RUB").also(["руб.", "рубль"]),
            Choice::text("KZT", "KZT").also(["тенге", "теңге"]),
        ],
        0,
    );
    assert_eq!(typed(&mut f, "т"), "KZT");
    assert_eq!(typed(&mut f, "р"), "RUB");
    assert_eq!(typed(&mut f, "k"), "KZT");
}

#[test]
fn ctrl_y_puts_back_what_ctrl_u_cleared_within_the_limit() {
    let mut f = Field::text("field-surname", "Асанов");
    assert!(f.edit(Key::Ctrl('u')));
    assert_eq!(f.value(), "");
    assert!(f.edit(Key::Ctrl('y')));
    assert_eq!(f.value(), "Асанов");
    let mut f = Field::text("field-surname", &"ж".repeat(150));
    assert!(f.edit(Key::Ctrl('u')));
    assert!(f.paste(&"а".repeat(100)));
    assert!(!f.edit(Key::Ctrl('y')), "150 more do not fit in 200");
    assert_eq!(f.value(), "а".repeat(100));
    assert_eq!(f.error_id(), Some("err-too-long"));
}
