//! Keys an officer presses at the desk that must not do harm or cost presses (issue 14):
//! nothing acts unseen under "terminal too small".

use crate::common::rig::*;
use kezek::app::keymap::Key;
use kezek::app::pages::QueuePage;
use kezek::app::{Action, ReplyTo, Screen, deliver};
use kezek::domain::VisitStatus;

fn resize(r: &mut Rig, width: u16, height: u16) {
    let e = deliver(&mut r.s, ReplyTo::App, Action::Resized { width, height });
    assert!(e.is_empty(), "a resize asks for nothing");
}

fn statuses(r: &Rig) -> Vec<VisitStatus> {
    let q = r.s.page::<QueuePage>().unwrap();
    q.rows.iter().map(|e| e.visit.status).collect()
}

#[test]
fn keys_and_pastes_are_ignored_while_the_terminal_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    let before = statuses(&r);
    let screen = r.screen();
    resize(&mut r, 20, 5);
    assert!(r.s.too_small());
    let small = r.screen_sized(20, 5);
    assert!(small.contains("Terminal too small"), "{small}");
    // `c` calls a visit, `d` closes it, `n` opens a form, `q` leaves the queue; on a
    // Russian layout `с` is where `c` is: none of them may act unseen.
    for k in [
        Key::Char('c'),
        Key::Char('d'),
        Key::Char('l'),
        Key::Char('n'),
        Key::Char('с'),
        Key::Down,
        Key::Enter,
        Key::Char('q'),
        Key::Ctrl('c'),
        Key::F(9),
    ] {
        r.key(k);
        assert_eq!(r.s.screen(), Screen::Queue, "{k:?} acted");
        assert!(r.s.overlay.is_none() && !r.s.quit, "{k:?} acted");
    }
    let e = deliver(&mut r.s, ReplyTo::App, Action::Paste("Асанов".into()));
    assert!(e.is_empty());
    assert_eq!(statuses(&r), before, "no visit moved");
    let stored: Vec<VisitStatus> = r
        .store
        .queue(r.s.page::<QueuePage>().unwrap().event.meta.id)
        .unwrap()
        .iter()
        .map(|e| e.visit.status)
        .collect();
    assert_eq!(stored, before, "nothing was saved");
    // Back to 80x24: the same screen, unchanged, and keys act again.
    resize(&mut r, 80, 24);
    assert!(!r.s.too_small());
    assert_eq!(r.screen(), screen, "the same screen as before");
    r.key(Key::Char('c'));
    assert_ne!(statuses(&r), before, "`c` calls again at 80x24");
}

/// The app in Russian (F9 cycles en -> ky -> ru).
fn in_russian(r: &mut Rig) {
    r.keys(&[Key::F(9), Key::F(9)]);
    assert_eq!(r.s.ctx.language, kezek::domain::Lang::Ru);
    r.s.flash = None;
}

fn paste(r: &mut Rig, text: &str) {
    let e = deliver(&mut r.s, ReplyTo::App, Action::Paste(text.into()));
    r.pump(e);
}

#[test]
fn a_pasted_note_keeps_its_line_breaks_when_the_terminal_sends_cr_or_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.keys(&[Key::Enter, Key::Char('o')]);
    assert_eq!(r.s.screen(), Screen::Consultation);
    r.keys(&[Key::Char(' '), Key::Tab]);
    // Most terminals send a lone CR for each line break of a paste; some send CRLF.
    paste(&mut r, "Работодатель не платит\rс марта\r\nтри месяца");
    let page = r.s.page::<kezek::app::pages::ConsultationPage>().unwrap();
    assert_eq!(page.notes.lines().len(), 3, "three lines on screen");
    let screen = r.screen();
    assert!(screen.contains("с марта"), "{screen}");
    assert!(!screen.contains("платитс марта"), "{screen}");
    r.key(Key::Ctrl('s'));
    let saved = r.store.consultations().unwrap();
    let notes: Vec<&str> = saved.iter().map(|c| c.fields.notes.as_str()).collect();
    assert!(
        notes.contains(&"Работодатель не платит\nс марта\nтри месяца"),
        "stored with its breaks as \\n: {notes:?}"
    );
}

#[test]
fn a_huge_paste_into_the_notes_is_refused_naming_the_notes_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    in_russian(&mut r);
    r.keys(&[Key::Enter, Key::Char('щ')]);
    assert_eq!(r.s.screen(), Screen::Consultation);
    r.keys(&[Key::Char(' '), Key::Tab]);
    let huge = "строка заметки\r".repeat(600); // 9,000 characters
    paste(&mut r, &huge);
    let page = r.s.page::<kezek::app::pages::ConsultationPage>().unwrap();
    assert!(page.notes.is_empty(), "refused whole, nothing cut");
    let screen = r.screen();
    // The limit named is the notes' own (domain::validate::Limit::Note), not 200.
    let limit = kezek::domain::validate::Limit::Note.max();
    assert_eq!(limit, 8000);
    assert!(
        screen.contains("Заметки: слишком длинно (не более 8000 знаков)"),
        "{screen}"
    );
    assert!(!screen.contains("200"), "{screen}");
    // What fits still goes in.
    paste(&mut r, &"ж".repeat(limit));
    let page = r.s.page::<kezek::app::pages::ConsultationPage>().unwrap();
    assert_eq!(page.notes.text().chars().count(), limit);
}

#[test]
fn ctrl_u_clears_a_field_at_once_on_a_russian_layout_and_is_in_help_and_the_footer() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    in_russian(&mut r);
    r.keys(&[Key::Enter, Key::Char('т')]).text("Асанов");
    assert_eq!(r.s.screen(), Screen::ArrivalForm);
    let value = |r: &Rig| {
        let a = r.s.page::<kezek::app::pages::ArrivalPage>().unwrap();
        a.form
            .value(kezek::app::pages::arrival::ArrivalField::Surname)
            .to_string()
    };
    let screen = r.screen();
    assert!(
        screen.contains("Ctrl+U очистить"),
        "the footer says it: {screen}"
    );
    insta::assert_snapshot!("arrival_form_ctrl_u_ru_80x24", screen);
    // Ctrl with the key where U is: `г` on ЙЦУКЕН.
    r.key(Key::Ctrl('г'));
    assert_eq!(value(&r), "", "cleared at once");
    // Ctrl+Y (`н`) puts it back: a stray press loses nothing.
    r.key(Key::Ctrl('н'));
    assert_eq!(value(&r), "Асанов");
    r.key(Key::Ctrl('u'));
    assert_eq!(value(&r), "");
    r.key(Key::F(1));
    let help = r.screen();
    assert!(help.contains("Ctrl+U"), "{help}");
    assert!(help.contains("очистить поле целиком"), "{help}");
    assert!(help.contains("Ctrl+Y"), "{help}");
    assert!(
        help.contains("F9: язык"),
        "the whole list fits at 80x24:\n{help}"
    );
    insta::assert_snapshot!("arrival_help_ctrl_u_ru_80x24", help);
    r.key(Key::Esc);
    // The search box too.
    r.key(Key::Esc);
    r.key(Key::Char('.')).text("Асан");
    assert_eq!(r.s.screen(), Screen::Search);
    r.key(Key::Ctrl('г'));
    let q = r.s.page::<kezek::app::pages::SearchPage>().unwrap();
    assert_eq!(q.query.value(), "");
}

/// The card of Асанов Бакыт with ASANOV BAKIT (another document) chosen to merge into it.
fn merge_asked(r: &mut Rig) {
    let ev = r.store.events().unwrap()[0].meta.id;
    r.store
        .add_arrival(
            crate::common::arrival(
                ev,
                kezek::domain::PersonPick::New(crate::common::person_fields("ASANOV", "BAKIT")),
                "wages",
            ),
            "Жылдыз",
        )
        .unwrap();
    r.key(Key::Char('/'))
        .text("Асанов Бакыт")
        .open_found("Асанов");
    assert_eq!(r.s.screen(), Screen::PersonCard);
    // `M` is `Ь` on ЙЦУКЕН.
    r.key(Key::Char('Ь')).text("asanov").key(Key::Enter);
    assert_eq!(r.s.overlay, Some(kezek::app::Overlay::ConfirmMerge));
}

/// The screen's line holding `label`, with the box borders.
fn line_of<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label:?}:\n{screen}"))
}

#[test]
fn the_merge_confirmation_shows_both_persons_side_by_side_with_what_differs() {
    for lang in ["ru", "en", "ky"] {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig(dir.path());
        match lang {
            "ru" => in_russian(&mut r),
            "ky" => {
                r.key(Key::F(9));
                r.s.flash = None;
            }
            _ => {}
        }
        merge_asked(&mut r);
        let screen = r.screen();
        let (name, sex, born, doc, legend, date) = match lang {
            "ru" => (
                "ФИО",
                "Пол",
                "Дата рождения",
                "№ документа",
                "≠ отличается · д / Enter: да · н / Esc: нет",
                "14.05.1990",
            ),
            "ky" => (
                "Аты-жөнү",
                "Жынысы",
                "Туулган күнү",
                "Документтин №",
                "≠ айырмаланат · о / Enter: ооба · ж / Esc: жок",
                "14.05.1990",
            ),
            _ => (
                "Name",
                "Sex",
                "Date of birth",
                "Document No",
                "≠ differs · y / Enter: yes · n / Esc: no",
                "1990-05-14",
            ),
        };
        // Who stays and who goes, each in its column, the card's person first.
        let row = line_of(&screen, name);
        let (stays, goes) = (row.find("Асанов Бакыт"), row.find("ASANOV BAKIT"));
        assert!(stays.unwrap() < goes.unwrap(), "{row}");
        assert!(
            row.contains('≠'),
            "the names are written differently: {row}"
        );
        let row = line_of(&screen, doc);
        assert!(
            row.contains("AN0012010") && row.contains("AN0006005"),
            "{row}"
        );
        assert!(row.contains('≠'), "the documents differ: {row}");
        let row = line_of(&screen, born);
        assert_eq!(row.matches(date).count(), 2, "{row}");
        assert!(!row.contains('≠'), "the same birth date: {row}");
        assert!(!line_of(&screen, sex).contains('≠'), "the same sex");
        assert!(screen.contains(legend), "its legend:\n{screen}");
        // The footer is the dialog's: its answers, not the search screen's keys.
        let footer = screen.lines().last().unwrap().trim();
        let keys = legend.split(" · ").skip(1).collect::<Vec<_>>().join(" · ");
        assert_eq!(footer, keys, "{screen}");
        insta::assert_snapshot!(format!("merge_side_by_side_{lang}_80x24"), screen);
        // Nothing was merged by looking.
        assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 2);
    }
}

// ---- choices by typing (item 12) -------------------------------------------------------

use kezek::app::consult::{CField, ConsultLine};
use kezek::app::pages::arrival::ArrivalField as AF;
use kezek::app::pages::{ArrivalPage, ConsultationPage};
use kezek::domain::{Currency, Lang, Region, Sex};

fn arrival_value(r: &Rig, f: AF) -> String {
    r.s.page::<ArrivalPage>().unwrap().form.value(f).to_string()
}

fn focus_arrival(r: &mut Rig, f: AF) {
    for _ in 0..12 {
        if r.s.page::<ArrivalPage>().unwrap().form.focus() == Some(f) {
            return;
        }
        r.key(Key::Tab);
    }
    panic!("{f:?} not reached");
}

#[test]
fn region_sex_and_language_are_picked_by_typing_on_a_russian_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    in_russian(&mut r);
    r.keys(&[Key::Enter, Key::Char('т')]);
    assert_eq!(r.s.screen(), Screen::ArrivalForm);
    r.text("Кадырова").key(Key::Tab).text("Жылдыз");
    focus_arrival(&mut r, AF::Region);
    // Osh: one letter, not six arrow presses.
    r.text("О");
    assert_eq!(arrival_value(&r, AF::Region), "osh");
    r.text("ш");
    assert_eq!(
        arrival_value(&r, AF::Region),
        "osh",
        "Ош is still Osh region"
    );
    let screen = r.screen();
    assert!(
        line_of(&screen, "Область").contains("Ошская область"),
        "{screen}"
    );
    assert!(screen.contains("первые буквы или ← → выбор"), "{screen}");
    // Typing the same letter again goes on to the next it begins: the city of Osh.
    r.keys(&[Key::Left, Key::Right]);
    r.text("ОО");
    assert_eq!(arrival_value(&r, AF::Region), "osh-city");
    r.key(Key::Left);
    r.text("Ош");
    assert_eq!(arrival_value(&r, AF::Region), "osh", "from the top again");
    focus_arrival(&mut r, AF::Sex);
    r.text("ж");
    assert_eq!(arrival_value(&r, AF::Sex), "female");
    focus_arrival(&mut r, AF::Language);
    r.text("к");
    assert_eq!(arrival_value(&r, AF::Language), "ky");
    focus_arrival(&mut r, AF::Purpose);
    r.text("Патент").key(Key::Ctrl('s'));
    assert_eq!(r.s.screen(), Screen::Queue);
    let p = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Кадырова")
        .unwrap();
    assert_eq!(p.fields.region, Some(Region::Osh));
    assert_eq!(p.fields.sex, Sex::Female);
    let v =
        r.s.page::<QueuePage>()
            .unwrap()
            .rows
            .last()
            .unwrap()
            .visit
            .clone();
    assert_eq!(v.language, Lang::Ky);
}

#[test]
fn latin_and_cyrillic_letters_both_pick_whatever_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.keys(&[Key::Enter, Key::Char('n')]);
    focus_arrival(&mut r, AF::Region);
    for (typed, want) in [
        ("Osh", "osh"),
        ("Ош", "osh"),
        ("Bi", "bishkek-city"),
        ("Т", "talas"),
    ] {
        r.key(Key::Left).key(Key::Right); // a key that is not a letter starts anew
        r.text(typed);
        assert_eq!(arrival_value(&r, AF::Region), want, "{typed:?}");
    }
    let screen = r.screen();
    assert!(
        line_of(&screen, "Region").contains("Talas region"),
        "{screen}"
    );
    focus_arrival(&mut r, AF::Sex);
    r.text("f");
    assert_eq!(arrival_value(&r, AF::Sex), "female");
    r.text("м");
    assert_eq!(
        arrival_value(&r, AF::Sex),
        "male",
        "мужской, typed on ЙЦУКЕН"
    );
}

#[test]
fn an_amount_naming_another_currency_is_refused_and_the_currency_is_picked_by_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    in_russian(&mut r);
    let before = r.store.consultations().unwrap().len();
    r.keys(&[Key::Enter, Key::Char('щ'), Key::Char(' ')]);
    for _ in 0..14 {
        if r.s.page::<ConsultationPage>().unwrap().focus == CField::Recovered {
            break;
        }
        r.key(Key::Tab);
    }
    r.text("300 000 тенге").key(Key::Ctrl('s'));
    // Refused, saying why; the currency chosen (RUB) is not switched behind the officer.
    assert_eq!(r.s.screen(), Screen::Consultation);
    assert_eq!(r.store.consultations().unwrap().len(), before, "not saved");
    let page = r.s.page::<ConsultationPage>().unwrap();
    assert_eq!(page.focus, CField::Recovered);
    assert_eq!(page.line.value(ConsultLine::RecoveredCurrency), "RUB");
    let screen = r.screen();
    assert!(
        screen.contains("Взыскано: в сумме другая валюта: выберите её"),
        "{screen}"
    );
    // The officer chooses tenge by typing `т` in the currency, and it is saved in tenge.
    r.key(Key::Tab).text("т");
    let page = r.s.page::<ConsultationPage>().unwrap();
    assert_eq!(page.line.value(ConsultLine::RecoveredCurrency), "KZT");
    r.key(Key::Ctrl('s'));
    assert_ne!(r.s.screen(), Screen::Consultation, "saved");
    let saved = r.store.consultations().unwrap();
    let recovered: Vec<_> = saved.iter().filter_map(|c| c.fields.recovered).collect();
    assert!(
        recovered.contains(&kezek::domain::Money::new(Currency::Kzt, 30_000_000)),
        "{recovered:?}"
    );
}

#[test]
fn the_topic_filter_matches_labels_in_all_three_languages() {
    for (ui, typed) in [
        (Lang::En, "заработн"),
        (Lang::En, "эмгек"),
        (Lang::Ru, "unpaid"),
        (Lang::Ru, "невыплата"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig(dir.path());
        if ui == Lang::Ru {
            in_russian(&mut r);
        }
        let open = if ui == Lang::Ru { 'щ' } else { 'o' };
        r.keys(&[Key::Enter, Key::Char(open)]);
        assert_eq!(
            r.s.page::<ConsultationPage>().unwrap().focus,
            CField::Topics
        );
        r.text(typed);
        let page = r.s.page::<ConsultationPage>().unwrap();
        let shown: Vec<&str> = page
            .topics
            .visible()
            .iter()
            .map(|&i| page.topics.options[i].0.as_str())
            .collect();
        assert!(
            shown.contains(&"wages.unpaid"),
            "{typed:?} in {ui:?}: {shown:?}"
        );
        let screen = r.screen();
        let label = if ui == Lang::Ru {
            "Невыплата заработной платы"
        } else {
            "Unpaid wages"
        };
        assert!(
            screen.contains(label),
            "shown in the interface language:\n{screen}"
        );
    }
}

#[test]
fn a_returning_citizen_is_served_in_the_language_of_their_last_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    // The rig's visits were made in Kyrgyz; the interface is English.
    r.keys(&[Key::Enter, Key::Char('n')]).text("Жээнб");
    assert_eq!(
        arrival_value(&r, AF::Language),
        "en",
        "a new citizen: the interface's"
    );
    r.key(Key::Ctrl('l'));
    let a = r.s.page::<ArrivalPage>().unwrap();
    assert_eq!(
        a.lookup.linked.as_ref().unwrap().fields.surname,
        "Жээнбеков"
    );
    assert_eq!(arrival_value(&r, AF::Language), "ky", "their last visit's");
    let screen = r.screen();
    assert!(line_of(&screen, "Language").contains("Kyrgyz"), "{screen}");
    // Still the officer's to change, and the default is not a change to confirm.
    assert!(!r.s.page::<ArrivalPage>().unwrap().form[AF::Language].is_dirty());
}

#[test]
fn the_same_person_twice_in_todays_queue_is_saved_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    in_russian(&mut r);
    r.key(Key::Enter);
    let rows = r.s.page::<QueuePage>().unwrap().rows.len();
    let first = r.s.page::<QueuePage>().unwrap().rows[0].visit.queue_no;
    r.key(Key::Char('т')).text("Асанов");
    r.key(Key::Ctrl('д')); // Ctrl+L on ЙЦУКЕН: the one on record
    assert!(r.s.page::<ArrivalPage>().unwrap().lookup.linked.is_some());
    r.text("Патент").key(Key::Ctrl('s'));
    // Not refused: saved, and the footer warns.
    assert_eq!(r.s.screen(), Screen::Queue);
    let q = r.s.page::<QueuePage>().unwrap();
    assert_eq!(q.rows.len(), rows + 1);
    let new = q.rows.last().unwrap().visit.queue_no;
    let flash = r.s.flash.as_ref().unwrap();
    assert_eq!(flash.id, "flash-arrival-twice");
    let screen = r.screen();
    let said = format!(
        "Сохранено: № {new} — Асанов Бакыт. Внимание: уже в сегодняшней очереди под № {first}."
    );
    assert!(screen.contains(&said), "{screen}");
    insta::assert_snapshot!("arrival_twice_warning_ru_80x24", screen);
    // Someone not yet in the queue: the usual message.
    r.key(Key::Char('т'))
        .text("Новиков")
        .key(Key::Tab)
        .text("Иван");
    focus_arrival(&mut r, AF::Purpose);
    r.text("Патент").key(Key::Ctrl('s'));
    assert_eq!(r.s.flash.as_ref().unwrap().id, "flash-arrival-saved");
}

#[test]
fn the_footer_names_the_next_language_in_itself_and_f9_goes_there_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    let line = |r: &Rig| r.screen().lines().nth(22).unwrap_or_default().to_string();
    assert!(line(&r).ends_with("F9 Кыргызча "), "{:?}", line(&r));
    // F9: the screen in Kyrgyz, its notice where the key was, and the choice written.
    let asked = deliver(&mut r.s, ReplyTo::App, Action::Key(Key::F(9)));
    assert_eq!(r.s.ctx.language, kezek::domain::Lang::Ky);
    assert!(
        asked.iter().any(|q| matches!(
            q.effect,
            kezek::app::Effect::SaveLanguage(kezek::domain::Lang::Ky)
        )),
        "{asked:?}"
    );
    assert!(line(&r).contains("кыргызча"), "{:?}", line(&r));
    // Once the notice has gone, the key names the next one: Russian.
    r.s.flash = None;
    assert!(line(&r).ends_with("F9 Русский "), "{:?}", line(&r));
    // Over the help (or a question) the footer belongs to it.
    r.key(Key::Char('?'));
    assert!(!r.screen().contains("F9 Русский"), "{}", r.screen());
}
