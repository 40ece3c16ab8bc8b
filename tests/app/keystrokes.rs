//! Keystroke figures for the closing note of issue 14: a new citizen's full record, a
//! returning citizen and a typical consultation, each the way it had to be done before
//! choices took typing (arrows) and the way it is done now, on a Russian layout with the
//! interface in Russian. A key is one press; the text typed is counted apart (it is the
//! same both ways). Run with `--nocapture` to see the figures.

use crate::common::rig::*;
use kezek::app::Screen;
use kezek::app::consult::CField;
use kezek::app::keymap::Key;
use kezek::app::pages::arrival::ArrivalField as AF;
use kezek::app::pages::{ArrivalPage, ConsultationPage, QueuePage};
use kezek::domain::{Currency, Lang, Region, Sex};

/// Counts presses that are not the text itself, and the text's characters.
struct Count<'a> {
    r: &'a mut Rig,
    keys: usize,
    text: usize,
}

impl<'a> Count<'a> {
    fn new(r: &'a mut Rig) -> Self {
        Count {
            r,
            keys: 0,
            text: 0,
        }
    }

    fn press(&mut self, k: Key) -> &mut Self {
        self.keys += 1;
        self.r.key(k);
        self
    }

    fn presses(&mut self, k: Key, n: usize) -> &mut Self {
        for _ in 0..n {
            self.press(k);
        }
        self
    }

    /// Text into a field (a letter picking a choice is a key, see `press`).
    fn text(&mut self, t: &str) -> &mut Self {
        self.text += t.chars().count();
        self.r.text(t);
        self
    }
}

fn russian_queue(dir: &std::path::Path) -> Rig {
    let mut r = rig(dir);
    r.keys(&[Key::F(9), Key::F(9), Key::Enter]);
    assert_eq!(r.s.ctx.language, Lang::Ru);
    assert_eq!(r.s.screen(), Screen::Queue);
    r
}

/// A new citizen with every field: a woman from Osh region served in Kyrgyz.
fn new_citizen(typing: bool) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut r = russian_queue(dir.path());
    let mut c = Count::new(&mut r);
    c.press(Key::Char('т')); // n: new arrival
    c.text("Кадырова").press(Key::Tab);
    c.text("Жылдыз").press(Key::Tab);
    c.text("Асановна").press(Key::Tab);
    c.text("12.03.1991").press(Key::Tab);
    if typing {
        c.press(Key::Char('ж')); // женский
    } else {
        c.presses(Key::Right, 2); // not given -> male -> female
    }
    c.press(Key::Tab);
    c.text("AN1234567").press(Key::Tab);
    c.text("+996700987654").press(Key::Tab);
    if typing {
        c.press(Key::Char('О')); // Ошская область
    } else {
        c.presses(Key::Right, 6);
    }
    c.press(Key::Tab);
    c.text("Москва").press(Key::Tab);
    if typing {
        c.press(Key::Char('к')); // кыргызча
    } else {
        c.press(Key::Left); // русский -> кыргызча
    }
    c.press(Key::Tab);
    c.text("Патент").press(Key::Ctrl('ы')); // Ctrl+S
    let (keys, text) = (c.keys, c.text);
    assert_eq!(r.s.screen(), Screen::Queue, "saved:\n{}", r.screen());
    let p = r
        .store
        .persons()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.surname == "Кадырова")
        .unwrap();
    assert_eq!(
        (p.fields.sex, p.fields.region),
        (Sex::Female, Some(Region::Osh))
    );
    let q = r.s.page::<QueuePage>().unwrap();
    assert_eq!(q.rows.last().unwrap().visit.language, Lang::Ky);
    (keys, text)
}

/// Асанов Бакыт again (served in Kyrgyz last time): found by his name, used, the purpose.
/// Returns the keys now, and the keys before: the language then started as the
/// interface's (русский), and reaching кыргызча from the purpose, where Ctrl+L leaves the
/// focus, took Shift+Tab, ← and Tab more.
fn returning_citizen() -> (usize, usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut r = russian_queue(dir.path());
    let mut c = Count::new(&mut r);
    c.press(Key::Char('т'));
    c.text("Асанов");
    c.press(Key::Ctrl('д')); // Ctrl+L: the one on record; focus goes to the purpose
    let a = c.r.s.page::<ArrivalPage>().unwrap();
    assert_eq!(
        a.form.value(AF::Language),
        "ky",
        "his last visit's, not русский"
    );
    c.text("Патент").press(Key::Ctrl('ы'));
    let (keys, text) = (c.keys, c.text);
    assert_eq!(r.s.screen(), Screen::Queue, "saved");
    let q = r.s.page::<QueuePage>().unwrap();
    assert_eq!(q.rows.last().unwrap().visit.language, Lang::Ky);
    (keys + 3, keys, text)
}

/// The typical consultation of `consultations::typical_consultation_takes_few_keystrokes`
/// (topic, two lines of notes, outcome "referred"), with an amount recovered in tenge.
fn consultation(typing: bool) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut r = russian_queue(dir.path());
    let mut c = Count::new(&mut r);
    c.press(Key::Char('щ')); // o: consultation for the selected visit
    c.press(Key::Char(' ')); // the highlighted topic (unpaid wages)
    c.press(Key::Tab).text("Работодатель не платит");
    c.press(Key::Enter).text("три месяца.");
    c.presses(Key::Tab, 2); // advice left empty; outcome
    c.press(Key::Right); // advised -> referred
    while c.r.s.page::<ConsultationPage>().unwrap().focus != CField::Recovered {
        c.press(Key::Tab);
    }
    c.text("300 000").press(Key::Tab);
    if typing {
        c.press(Key::Char('т')); // тенге
    } else {
        c.presses(Key::Right, 2); // RUB -> KGS -> KZT
    }
    c.press(Key::Ctrl('ы'));
    let (keys, text) = (c.keys, c.text);
    assert_ne!(r.s.screen(), Screen::Consultation, "saved");
    let saved = r.store.consultations().unwrap();
    assert!(saved.iter().any(|c| c.fields.outcome == "referred"
        && c.fields.recovered == Some(kezek::domain::Money::new(Currency::Kzt, 30_000_000))));
    (keys, text)
}

#[test]
fn keystrokes_do_not_grow_and_choices_by_typing_save_presses() {
    let figures = [
        (
            "new citizen, full record",
            new_citizen(false),
            new_citizen(true),
        ),
        {
            let (before, after, text) = returning_citizen();
            ("returning citizen", (before, text), (after, text))
        },
        (
            "typical consultation",
            consultation(false),
            consultation(true),
        ),
    ];
    for (what, (before, text), (after, text_after)) in figures {
        println!("{what}: {before} keys before, {after} after, plus {text} characters of text");
        assert_eq!(text, text_after, "the same text both ways");
        assert!(after <= before, "{what}: {after} > {before}");
    }
    let [
        (_, (nb, _), (na, _)),
        (_, (rb, _), (ra, _)),
        (_, (cb, _), (ca, _)),
    ] = figures;
    assert_eq!((nb, na), (21, 15), "new citizen");
    assert_eq!((rb, ra), (6, 3), "returning citizen");
    assert_eq!((cb, ca), (17, 16), "typical consultation");
}
