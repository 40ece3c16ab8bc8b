use super::*;

#[test]
fn every_letter_hotkey_works_on_a_cyrillic_layout() {
    // Russian/Kyrgyz letters in the positions of the Latin letter hotkeys.
    let cases = [
        (KeyMode::Queue, 'т', Command::NewArrival),
        (KeyMode::Queue, 'с', Command::Call),
        (KeyMode::Queue, 'в', Command::Done),
        (KeyMode::Queue, 'д', Command::LeftWithoutService),
        (KeyMode::Queue, 'ц', Command::ReturnToQueue),
        (KeyMode::Queue, 'г', Command::Undo),
        (KeyMode::PersonCard, 'Г', Command::Unmerge),
        (KeyMode::Queue, 'й', Command::Back),
        (KeyMode::Queue, 'л', Command::Up),
        (KeyMode::Queue, 'о', Command::NewConsultation),
        (KeyMode::Queue, 'п', Command::Top),
        (KeyMode::Queue, 'П', Command::Bottom),
        (KeyMode::Events, 'т', Command::NewEvent),
        (KeyMode::Events, 'й', Command::Quit),
        (KeyMode::Events, 'и', Command::Backup),
    ];
    for (mode, c, want) in cases {
        assert_eq!(
            lookup(mode, Key::Char(c), Lang::En),
            Some(want),
            "{c} in {mode:?}"
        );
    }
    // Every Latin letter bound anywhere has a Cyrillic twin that resolves the same way.
    for mode in [
        KeyMode::Events,
        KeyMode::Queue,
        KeyMode::FollowUps,
        KeyMode::PersonCard,
        KeyMode::Appeals,
        KeyMode::Appeal,
        KeyMode::History,
        KeyMode::Help,
    ] {
        for b in bindings(mode) {
            for k in b.keys {
                if let Key::Char(c) = k
                    && c.is_ascii_alphabetic()
                {
                    let twin = ('а'..='я')
                        .chain(['ё'])
                        .flat_map(|l| [l, l.to_uppercase().next().unwrap()])
                        .find(|&cy| jcuken_to_latin(cy) == *c)
                        .unwrap_or_else(|| panic!("no Cyrillic key for {c}"));
                    // A help-only key (`j`) whose Cyrillic twin looks like a footer letter
                    // (`о` like `o`) yields it to that letter.
                    let yields = b.hint.is_none()
                        && latin_look_alike(twin).is_some_and(|l| {
                            bindings(mode)
                                .iter()
                                .any(|o| o.hint.is_some() && o.keys.contains(&Key::Char(l)))
                        });
                    if yields {
                        continue;
                    }
                    assert_eq!(lookup(mode, Key::Char(twin), Lang::Ru), Some(b.command));
                }
            }
        }
    }
}

#[test]
fn ctrl_keys_on_cyrillic_layout_and_text_in_forms() {
    assert_eq!(
        lookup(KeyMode::ArrivalForm, Key::Ctrl('ы'), Lang::Ru),
        Some(Command::Save)
    );
    assert_eq!(
        lookup(KeyMode::ArrivalForm, Key::Ctrl('с'), Lang::Ru),
        Some(Command::Quit)
    );
    assert_eq!(lookup(KeyMode::ArrivalForm, Key::Char('q'), Lang::En), None);
    assert_eq!(lookup(KeyMode::ArrivalForm, Key::Char('й'), Lang::Ru), None);
    assert_eq!(jcuken_to_latin('ж'), ';');
    assert_eq!(jcuken_to_latin('x'), 'x');
}

#[test]
fn confirmations_take_the_letters_of_the_language_on_screen() {
    use Command::{No, Yes};
    let cases = [
        (
            Lang::Ru,
            ['д', 'Д'],
            ['н', 'Н'],
            ['y', 'n', 'l', 'т', 'о', 'ж'],
        ),
        (
            Lang::Ky,
            ['о', 'О'],
            ['ж', 'Ж'],
            ['y', 'n', 'j', ';', 'д', 'н'],
        ),
        (
            Lang::En,
            ['y', 'Y'],
            ['n', 'N'],
            ['н', 'т', 'д', 'о', 'ж', 'j'],
        ),
    ];
    for (lang, yes, no, nothing) in cases {
        let at = |k| lookup(KeyMode::Confirm, k, lang);
        for c in yes {
            assert_eq!(at(Key::Char(c)), Some(Yes), "{c} in {lang:?}");
        }
        for c in no {
            assert_eq!(at(Key::Char(c)), Some(No), "{c} in {lang:?}");
        }
        for c in nothing {
            assert_eq!(at(Key::Char(c)), None, "{c} in {lang:?}");
        }
        assert_eq!(at(Key::Enter), Some(Yes));
        assert_eq!(at(Key::Esc), Some(No));
        assert_eq!(at(Key::Ctrl('c')), None);
        assert_eq!(at(Key::Tab), None);
    }
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for mode in [
        KeyMode::Events,
        KeyMode::Queue,
        KeyMode::EventForm,
        KeyMode::ArrivalForm,
        KeyMode::ConsultationForm,
        KeyMode::ConsultationText,
        KeyMode::ConsultationList,
        KeyMode::FollowUps,
        KeyMode::PersonCard,
        KeyMode::CloseForm,
        KeyMode::Appeals,
        KeyMode::Appeal,
        KeyMode::AppealForm,
        KeyMode::MemberForm,
        KeyMode::History,
        KeyMode::Search,
        KeyMode::Dashboard,
        KeyMode::ExportForm,
        KeyMode::ImportForm,
        KeyMode::BackupForm,
        KeyMode::JobRunning,
        KeyMode::Help,
        KeyMode::Confirm,
        KeyMode::Locked,
    ] {
        let mut seen = std::collections::HashSet::new();
        for b in bindings(mode) {
            for k in b.keys {
                assert!(seen.insert(*k), "{k:?} bound twice in {mode:?}");
            }
        }
    }
}

#[test]
fn the_consultation_forms_keys_are_in_its_tables_by_the_field_in_focus() {
    let at = |mode, key| lookup(mode, key, Lang::En);
    // Notes and advice: Enter is a new line, the arrows move between lines.
    assert_eq!(
        at(KeyMode::ConsultationText, Key::Enter),
        Some(Command::NewLine)
    );
    assert_eq!(
        at(KeyMode::ConsultationText, Key::Down),
        Some(Command::Down)
    );
    assert_eq!(
        at(KeyMode::ConsultationText, Key::Tab),
        Some(Command::NextField)
    );
    // Lists: the arrows and pages move in the list.
    assert_eq!(at(KeyMode::ConsultationList, Key::Up), Some(Command::Up));
    assert_eq!(
        at(KeyMode::ConsultationList, Key::PageDown),
        Some(Command::PageDown)
    );
    assert_eq!(
        at(KeyMode::ConsultationList, Key::Enter),
        Some(Command::Enter)
    );
    // Other fields: the arrows go from field to field.
    assert_eq!(
        at(KeyMode::ConsultationForm, Key::Down),
        Some(Command::NextField)
    );
    assert_eq!(
        at(KeyMode::ConsultationForm, Key::Enter),
        Some(Command::Enter)
    );
    // The footer is the same whichever field is in focus.
    let hints = |mode| {
        bindings(mode)
            .iter()
            .filter_map(|b| b.hint.map(|h| (b.keys[0], h)))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        hints(KeyMode::ConsultationText),
        hints(KeyMode::ConsultationForm)
    );
    assert_eq!(
        hints(KeyMode::ConsultationList),
        hints(KeyMode::ConsultationForm)
    );
}

#[test]
fn ctrl_u_clears_and_ctrl_y_puts_back_in_every_mode_that_takes_text_on_any_layout() {
    let modes = [
        KeyMode::EventForm,
        KeyMode::ArrivalForm,
        KeyMode::ConsultationForm,
        KeyMode::ConsultationText,
        KeyMode::ConsultationList,
        KeyMode::CloseForm,
        KeyMode::AppealForm,
        KeyMode::MemberForm,
        KeyMode::Search,
        KeyMode::ExportForm,
        KeyMode::ImportForm,
        KeyMode::BackupForm,
    ];
    for mode in modes {
        assert!(mode.takes_text());
        for (u, y) in [('u', 'y'), ('г', 'н'), ('Г', 'Н')] {
            for lang in [Lang::En, Lang::Ru, Lang::Ky] {
                let got = lookup(mode, Key::Ctrl(u), lang);
                assert_eq!(got, Some(Command::ClearField), "{u} in {mode:?}");
                let got = lookup(mode, Key::Ctrl(y), lang);
                assert_eq!(got, Some(Command::PutBack), "{y} in {mode:?}");
            }
        }
        let clear = bindings(mode)
            .iter()
            .find(|b| b.command == Command::ClearField)
            .unwrap();
        assert_eq!(clear.hint, Some("hint-clear"), "in the footer of {mode:?}");
    }
    // Lists do not clear anything.
    assert_eq!(lookup(KeyMode::Queue, Key::Ctrl('u'), Lang::Ru), None);
}

#[test]
fn undo_and_unmerge_are_their_own_keys_and_a_stray_one_does_nothing() {
    for lang in [Lang::En, Lang::Ru, Lang::Ky] {
        for u in ['u', 'г'] {
            assert_eq!(
                lookup(KeyMode::Queue, Key::Char(u), lang),
                Some(Command::Undo)
            );
            // The card has no undo: only Shift takes a merge back.
            assert_eq!(lookup(KeyMode::PersonCard, Key::Char(u), lang), None);
        }
        for u in ['U', 'Г'] {
            assert_eq!(
                lookup(KeyMode::PersonCard, Key::Char(u), lang),
                Some(Command::Unmerge)
            );
            assert_eq!(lookup(KeyMode::Queue, Key::Char(u), lang), None);
        }
    }
}

#[test]
fn a_cyrillic_look_alike_of_a_footer_letter_does_what_the_footer_says() {
    let look_alikes = [
        ('a', 'а'),
        ('e', 'е'),
        ('o', 'о'),
        ('p', 'р'),
        ('c', 'с'),
        ('y', 'у'),
        ('x', 'х'),
        ('B', 'В'),
        ('E', 'Е'),
        ('K', 'К'),
        ('M', 'М'),
        ('H', 'Н'),
        ('P', 'Р'),
        ('T', 'Т'),
        ('X', 'Х'),
    ];
    let modes = [
        KeyMode::Events,
        KeyMode::Queue,
        KeyMode::FollowUps,
        KeyMode::PersonCard,
        KeyMode::Appeals,
        KeyMode::Appeal,
        KeyMode::History,
        KeyMode::Dashboard,
        KeyMode::Conflicts,
    ];
    // Where the Cyrillic letter's own place is another footer key, that key keeps it:
    // pressing the key the footer's letter is printed on must always work.
    let kept_by_place = [
        (KeyMode::Events, 'а', Command::FollowUps),
        (KeyMode::Appeal, 'е', Command::EditAppeal),
        (KeyMode::Appeal, 'р', Command::History),
    ];
    for mode in modes {
        for (lat, cyr) in look_alikes {
            let Some(meant) = lookup(mode, Key::Char(lat), Lang::Ru) else {
                continue;
            };
            let got = lookup(mode, Key::Char(cyr), Lang::Ru);
            match kept_by_place
                .iter()
                .find(|(m, c, _)| *m == mode && *c == cyr)
            {
                Some((_, _, place)) => assert_eq!(got, Some(*place), "{cyr} in {mode:?}"),
                None => assert_eq!(got, Some(meant), "{cyr} typed for {lat} in {mode:?}"),
            }
        }
    }
    // In Kyrgyz too, although `о` answers yes there: the rest of a typed `ооба` is
    // swallowed after the question (`update`), not kept from what `о` means elsewhere.
    assert_eq!(
        lookup(KeyMode::Queue, Key::Char('о'), Lang::Ky),
        Some(Command::NewConsultation)
    );
    // The queue: `o` (a consultation) is in the footer, `j` (down) only in help.
    assert_eq!(
        lookup(KeyMode::Queue, Key::Char('о'), Lang::Ru),
        Some(Command::NewConsultation)
    );
    assert_eq!(
        lookup(KeyMode::Queue, Key::Char('j'), Lang::Ru),
        Some(Command::Down)
    );
}
