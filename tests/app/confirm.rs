//! Confirmations take the letters of the language on screen (ru д/н, ky о/ж, en y/n) plus
//! Enter and Esc, never a layout twin: on a Russian layout `н` sits where `y` does, and
//! must not discard a form or merge two people. Driven key by key on a real store.

use crate::common::rig::*;
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::pages::arrival::{self, ArrivalField as AF};
use kezek::app::pages::{ArrivalPage, CardPage};
use kezek::app::{Overlay, Screen};
use kezek::domain::draft::{Draft, DraftForm};
use kezek::domain::{Lang, PersonPick};

/// One language's answers, and keys that must answer nothing there.
struct Letters {
    lang: Lang,
    /// F9 presses from English (the cycle is ky -> ru -> en).
    f9: usize,
    yes: [char; 2],
    no: [char; 2],
    nothing: &'static [char],
    legend: &'static str,
}

const LANGS: [Letters; 3] = [
    Letters {
        lang: Lang::Ru,
        f9: 2,
        yes: ['д', 'Д'],
        no: ['н', 'Н'],
        // `y` and `n`, their layout twins `н` and `т`, and the Kyrgyz letters.
        nothing: &['y', 'Y', 'n', 'l', 'т', 'о', 'ж', 'q', ' '],
        legend: "д / Enter: да · н / Esc: нет",
    },
    Letters {
        lang: Lang::Ky,
        f9: 1,
        yes: ['о', 'О'],
        no: ['ж', 'Ж'],
        nothing: &['y', 'n', 'j', ';', 'д', 'н', 'т', 'q'],
        legend: "о / Enter: ооба · ж / Esc: жок",
    },
    Letters {
        lang: Lang::En,
        f9: 0,
        yes: ['y', 'Y'],
        no: ['n', 'N'],
        nothing: &['н', 'т', 'д', 'о', 'ж', 'j', 'q'],
        legend: "y / Enter: yes · n / Esc: no",
    },
];

fn rig_in(dir: &std::path::Path, l: &Letters) -> Rig {
    let mut r = rig(dir);
    for _ in 0..l.f9 {
        r.key(Key::F(9));
    }
    assert_eq!(r.s.ctx.language, l.lang);
    r.s.flash = None;
    r
}

/// Every key that is not an answer leaves `overlay` up, and the legend says the letters.
fn nothing_answers(r: &mut Rig, l: &Letters, overlay: Overlay) {
    let screen = r.screen();
    assert!(screen.contains(l.legend), "{:?}:\n{screen}", l.lang);
    for &c in l.nothing {
        r.key(Key::Char(c));
        assert_eq!(r.s.overlay, Some(overlay), "{c:?} in {:?}", l.lang);
    }
    for k in [Key::Tab, Key::Up, Key::Backspace, Key::F(9), Key::Ctrl('c')] {
        r.key(k);
        assert_eq!(r.s.overlay, Some(overlay), "{k:?} in {:?}", l.lang);
    }
    assert_eq!(
        r.s.ctx.language, l.lang,
        "no language switch under a question"
    );
}

#[test]
fn discarding_a_form_takes_the_letters_of_the_language() {
    for l in &LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig_in(dir.path(), l);
        r.keys(&[Key::Enter, Key::Char('n')]).text("Асанов");
        for (i, no) in l.no.into_iter().map(Some).chain([None]).enumerate() {
            r.key(Key::Esc);
            assert_eq!(r.s.overlay, Some(Overlay::ConfirmDiscard));
            if i == 0 {
                nothing_answers(&mut r, l, Overlay::ConfirmDiscard);
            }
            // The language's "no", then Esc: the form stays with what was typed.
            r.key(no.map_or(Key::Esc, Key::Char));
            assert_eq!(r.s.overlay, None, "{no:?} in {:?}", l.lang);
            assert_eq!(r.s.screen(), Screen::ArrivalForm);
            let a = r.s.page::<ArrivalPage>().unwrap();
            assert_eq!(a.form.value(AF::Surname), "Асанов", "{:?}", l.lang);
        }
        for yes in l.yes {
            r.key(Key::Esc);
            r.key(Key::Char(yes));
            assert_eq!(r.s.screen(), Screen::Queue, "{yes:?} in {:?}", l.lang);
            assert!(r.s.page::<ArrivalPage>().is_none());
            r.key(Key::Char('n')).text("Асанов");
        }
        r.keys(&[Key::Esc, Key::Enter]);
        assert_eq!(r.s.screen(), Screen::Queue, "Enter is yes");
    }
}

#[test]
fn quitting_with_input_takes_the_letters_of_the_language() {
    for l in &LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig_in(dir.path(), l);
        r.keys(&[Key::Enter, Key::Char('n')]).text("Асанов");
        r.key(Key::Ctrl('c'));
        assert_eq!(r.s.overlay, Some(Overlay::ConfirmQuit));
        nothing_answers(&mut r, l, Overlay::ConfirmQuit);
        assert!(!r.s.quit);
        r.key(Key::Char(l.no[0]));
        assert!(!r.s.quit && r.s.overlay.is_none(), "{:?}", l.lang);
        r.key(Key::Ctrl('c'));
        r.key(Key::Char(l.yes[1]));
        assert!(r.s.quit, "{:?}", l.lang);
    }
}

#[test]
fn merging_persons_takes_the_letters_of_the_language() {
    for l in &LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig_in(dir.path(), l);
        let ev = r.store.events().unwrap()[0].meta.id;
        r.store
            .add_arrival(
                arrival(
                    ev,
                    PersonPick::New(person_fields("ASANOV", "BAKIT")),
                    "wages",
                ),
                "Жылдыз",
            )
            .unwrap();
        let persons = r.store.persons().unwrap().len();
        let ask = |r: &mut Rig| {
            r.key(Key::Char('/'))
                .text("Асанов Бакыт")
                .open_found("Асанов");
            assert_eq!(r.s.screen(), Screen::PersonCard);
            r.key(Key::Char('M')).text("asanov").key(Key::Enter);
            assert_eq!(r.s.overlay, Some(Overlay::ConfirmMerge), "{:?}", l.lang);
        };
        ask(&mut r);
        if l.lang == Lang::Ru {
            // The question names both people and still shows the keys that answer it.
            let screen = r.screen();
            assert!(screen.contains("Объединить дубликаты?"), "{screen}");
            assert!(
                screen.contains("«ASANOV BAKIT» с «Асанов Бакыт»"),
                "{screen}"
            );
            insta::assert_snapshot!("confirm_merge_ru_80x24", screen);
        }
        nothing_answers(&mut r, l, Overlay::ConfirmMerge);
        assert_eq!(r.store.persons().unwrap().len(), persons);
        r.key(Key::Char(l.no[1]));
        assert_eq!(r.s.overlay, None);
        assert!(r.s.pending_merge.is_none(), "{:?}: no is no", l.lang);
        assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 2);
        for _ in 0..4 {
            if r.s.screen() != Screen::Events {
                r.key(Key::Esc);
            }
        }
        assert_eq!(r.s.screen(), Screen::Events);
        ask(&mut r);
        r.key(Key::Char(l.yes[0]));
        assert_eq!(r.s.screen(), Screen::PersonCard);
        let card = r.s.page::<CardPage>().unwrap().card.as_ref().unwrap();
        assert_eq!(card.merged.len(), 1, "{:?}", l.lang);
        assert_eq!(r.store.find_persons("asanov", 10).unwrap().len(), 1);
    }
}

#[test]
fn restoring_a_draft_takes_the_letters_of_the_language() {
    for l in &LANGS {
        for answer_yes in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let mut r = rig_in(dir.path(), l);
            let ev = r.store.events().unwrap()[0].meta.id;
            let mut values = vec![String::new(); 11];
            // The frozen order old drafts were written in.
            let at = |name| arrival::POSITIONAL.iter().position(|n| *n == name).unwrap();
            values[at("surname")] = "Сатыбалдиев".into();
            r.store
                .save_draft(&Draft {
                    saved_at: t0(),
                    form: DraftForm::Arrival {
                        event: ev,
                        values,
                        linked: None,
                    },
                })
                .unwrap();
            let init = r.s.init();
            r.pump(init);
            assert_eq!(r.s.overlay, Some(Overlay::ConfirmRestore));
            nothing_answers(&mut r, l, Overlay::ConfirmRestore);
            assert!(r.store.load_draft().unwrap().is_some(), "still offered");
            if answer_yes {
                r.key(Key::Char(l.yes[1]));
                assert_eq!(r.s.screen(), Screen::ArrivalForm, "{:?}", l.lang);
                let a = r.s.page::<ArrivalPage>().unwrap();
                assert_eq!(a.form.value(AF::Surname), "Сатыбалдиев");
            } else {
                r.key(Key::Char(l.no[0]));
                assert_eq!(r.s.overlay, None);
                assert!(r.s.page::<ArrivalPage>().is_none(), "{:?}", l.lang);
                assert!(r.store.load_draft().unwrap().is_none(), "no: thrown away");
            }
        }
    }
}

#[test]
fn the_rest_of_an_answer_word_typed_on_acts_on_nothing() {
    for (l, (yes, no)) in LANGS
        .iter()
        .zip([("да", "нет"), ("ооба", "жок"), ("yes", "no")])
    {
        let dir = tempfile::tempdir().unwrap();
        let mut r = rig_in(dir.path(), l);
        r.keys(&[Key::Enter, Key::Char('n')]).text("Асанов");
        // The whole "no": the form stays, and the rest of the word is not typed into it.
        r.key(Key::Esc).text(no);
        assert_eq!(r.s.overlay, None, "{:?}", l.lang);
        let a = r.s.page::<ArrivalPage>().unwrap();
        assert_eq!(a.form.value(AF::Surname), "Асанов", "{:?}", l.lang);
        // The whole "yes": the form is discarded, and the rest of the word does nothing
        // on the queue behind it.
        r.key(Key::Esc).text(yes);
        assert_eq!(r.s.screen(), Screen::Queue, "{:?}", l.lang);
        assert_eq!(r.s.overlay, None, "{:?}", l.lang);
        let before = r.screen();
        // Another key ends the word: typed again, its letters are keys again.
        r.key(Key::Char('n'));
        assert_eq!(r.s.screen(), Screen::ArrivalForm, "{:?}", l.lang);
        r.key(Key::Esc);
        assert_eq!(r.s.screen(), Screen::Queue);
        assert_eq!(r.screen(), before, "{:?}", l.lang);
    }
}

#[test]
fn the_rest_of_an_answer_word_is_a_key_again_after_two_seconds() {
    let l = &LANGS[0];
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig_in(dir.path(), l);
    r.keys(&[Key::Enter, Key::Char('n')]).text("Асанов");
    r.key(Key::Esc).key(Key::Char('н'));
    let later = r.s.now + chrono::Duration::seconds(3);
    let e = kezek::app::deliver(
        &mut r.s,
        kezek::app::ReplyTo::App,
        kezek::app::Action::Tick(later),
    );
    r.pump(e);
    r.text("е");
    let a = r.s.page::<ArrivalPage>().unwrap();
    assert_eq!(
        a.form.value(AF::Surname),
        "Асанове",
        "typed three seconds later, a letter of the field"
    );
}
