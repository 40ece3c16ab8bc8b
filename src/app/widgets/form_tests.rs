//! Typing, focus and dirty tracking; pastes' line breaks, clearing and putting back, and
//! choosing by typing.

use super::*;

#[test]
fn typing_editing_and_dirty_tracking() {
    let mut f = Field::text("label", "");
    assert!(!f.is_dirty());
    for c in "Өмүрбек".chars() {
        assert!(f.edit(Key::Char(c)));
    }
    assert_eq!(f.value(), "Өмүрбек");
    assert!(f.edit(Key::Backspace));
    assert_eq!(f.value(), "Өмүрбе");
    assert!(!f.edit(Key::Left), "moving the cursor is not a change");
    assert!(f.edit(Key::Ctrl('u')));
    assert_eq!(f.value(), "");
    assert!(f.paste("Асан\nуулу"));
    assert_eq!(f.value(), "Асан уулу");
    assert!(f.is_dirty());
}

#[test]
fn typing_and_pasting_stop_at_the_fields_limit_with_its_message() {
    let mut f = Field::text("field-surname", &"ж".repeat(199));
    assert!(f.edit(Key::Char('а')));
    assert!(!f.edit(Key::Char('б')), "the 201st character is refused");
    assert_eq!(f.value().chars().count(), 200);
    assert_eq!(f.error_id(), Some("err-too-long"));
    // Deleting one makes room again, and the message goes.
    assert!(f.edit(Key::Backspace));
    assert_eq!(f.error_id(), None);
    assert!(!f.paste("аб"), "a paste that does not fit is refused whole");
    assert_eq!(f.value().chars().count(), 199);
    assert_eq!(f.error_id(), Some("err-too-long"));
    assert!(f.paste("а"));

    let mut doc = Field::text("field-document", "");
    assert!(!doc.paste(&"1".repeat(31)));
    assert_eq!(doc.error_id(), Some("err-too-long-document"));
    assert!(doc.paste(&"1".repeat(30)));
    let mut phone = Field::text("field-phone", "");
    assert!(!phone.paste(&"5".repeat(25)));
    assert_eq!(phone.error_id(), Some("err-too-long-phone"));
    let mut hosts = Field::text("field-event-hosts", "");
    assert!(hosts.paste(&"h".repeat(1000)));
    assert!(!hosts.edit(Key::Char('h')));
    assert_eq!(hosts.error_id(), Some("err-too-long-hosts"));
    let mut date = Field::text("field-follow-up", "");
    assert!(!date.paste(&"9".repeat(33)));
    assert_eq!(date.error_id(), Some("err-too-long-short"));
    // A path is not a record's field: no limit of these.
    let mut path = Field::text("field-import-path", "");
    assert!(path.paste(&"p".repeat(5000)));
}

#[test]
fn choices_cycle_and_focus_skips_locked_fields() {
    field_names!(
        enum T {
            X => "x",
            C => "c",
            Y => "y",
        }
    );
    let opts = vec![Choice::msg("a", "a"), Choice::msg("b", "b")];
    let mut form: Form<T> = Form::new(vec![
        Field::text("x", ""),
        Field::choice("c", opts, 0),
        Field::text("y", ""),
    ]);
    form.set_focus(T::C);
    assert!(form.focused().unwrap().edit(Key::Left));
    assert_eq!(form.value(T::C), "b");
    assert!(form.is_dirty());
    form[T::Y].locked = true;
    form.focus_next();
    assert_eq!(form.focus(), Some(T::X));
    form.focus_prev();
    assert_eq!(form.focus(), Some(T::C));
    assert!(form.is_last_focused());
    let values = form.named_values();
    assert_eq!(values[1], ("c".to_string(), "b".to_string()));
}

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
