//! End to end: a whole reception day at 80x24 by an officer on a Russian keyboard layout
//! who never types a Latin letter (the keys are where ЙЦУКЕН has them), on a store with
//! thousands of open follow-ups: an event, arrivals, a call and done (a done too soon
//! undone and done again), a consultation with a follow-up, the person card and a corrected
//! phone, one follow-up closed among thousands, quit and start again.

mod common;

use std::path::Path;

use common::cli::{ok, output};
use common::tmux::*;

/// Opens kezek on `dir` at 80x24 in Russian, desk letter B.
fn start(name: &str, dir: &Path) -> Tmux {
    let t = Tmux::configured(name, dir, "language = \"ru\"\ndesk_letter = \"B\"\n");
    t.launch_sized(&format!("exec {}", kezek_cmd(dir)), 80, 24);
    t
}

/// The number in "Контроль — N открыто".
fn open_follow_ups(screen: &str) -> usize {
    let line = row_with(screen, "открыто");
    let after = line.split("Контроль — ").nth(1).unwrap_or_default();
    let digits: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '\u{a0}')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or_else(|_| panic!("{line}"))
}

/// `т` (n): a new arrival, named, with a purpose, saved.
fn arrival(t: &Tmux, surname: &str, given: &str, purpose: &str, number: &str) {
    let saved = format!("Сохранено: № {number} — {surname} {given}.");
    arrival_by(
        t,
        ["т", "Новый посетитель"],
        surname,
        given,
        purpose,
        &saved,
    );
}

#[test]
fn a_day_on_a_russian_layout_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    ok(output(data, &["demo", "--persons", "4000"]));
    let t = start("day", data);
    let s = t.wait_for("Дни приёма");
    assert!(
        s.contains("F9 English"),
        "the footer names the next language: {s}"
    );

    // The morning's open follow-ups: thousands.
    t.keys(&["а"]);
    let s = t.wait_for("Контроль — ");
    let before = open_follow_ups(&s);
    assert!(before >= 1_000, "{s}");
    t.keys(&["й"]);
    t.wait_for("Дни приёма");

    // A new reception day, its queue, two citizens.
    t.keys(&["т"]);
    t.wait_for("Новый день приёма");
    t.text("Бишкек");
    t.keys(&["Tab"]);
    t.text("Посольство");
    t.keys(&["C-s"]);
    t.wait_for("Сохранено: день приёма создан.");
    arrival(&t, "Кеңешбаева", "Айгүл", "Зарплата", "B-001");
    arrival(&t, "Асанов", "Бакыт", "Регистрация", "B-002");
    // The second is selected: called (`с`), then done (`в`).
    t.keys(&["с"]);
    t.wait_for("№ B-002 теперь «у сотрудника»");
    t.keys(&["в"]);
    let s = t.wait_for("№ B-002 теперь «приём завершён»");
    assert!(
        row_with(&s, "Асанов Бакыт").contains("приём завершён"),
        "{s}"
    );
    // Done too soon: `г` (u) takes it back, the visit is with the officer again on screen,
    // then done once more.
    t.keys(&["г"]);
    let s = t.wait_for("Отменено «приём завершён»: № B-002 снова «у сотрудника».");
    assert!(row_with(&s, "Асанов Бакыт").contains("у сотрудника"), "{s}");
    t.keys(&["в"]);
    let s = t.wait_for("№ B-002 теперь «приём завершён»");
    assert!(
        row_with(&s, "Асанов Бакыт").contains("приём завершён"),
        "{s}"
    );

    // A consultation for the first, with a follow-up date.
    t.keys(&["Up", "щ"]);
    t.wait_for("новая консультация");
    t.keys(&["Space", "Tab"]);
    t.text("Не платят с августа");
    t.keys(&["Tab", "Tab", "Right", "Tab", "Tab", "Tab"]);
    t.text("15.12.2026");
    t.keys(&["C-s"]);
    t.wait_for("Сохранено: консультация — Кеңешбаева Айгүл.");

    // Her card (`з`): the consultation and its follow-up.
    t.keys(&["з"]);
    let s = t.wait_for("Карточка — Кеңешбаева Айгүл");
    assert!(
        s.contains("Консультации (1)") && s.contains("15.12.2026"),
        "{s}"
    );
    // She has a new phone: `у` (e) corrects her details, the old ones kept on the card.
    t.keys(&["у"]);
    t.wait_for("Данные человека — Кеңешбаева Айгүл");
    for _ in 0..6 {
        t.keys(&["Tab"]);
    }
    t.keys(&["C-u"]);
    t.text("0700111222");
    t.keys(&["C-s"]);
    let s = t.wait_for("Сохранено: Кеңешбаева Айгүл.");
    assert!(
        s.contains("+996700111222") && s.contains("Изменения данных (1)"),
        "{s}"
    );
    t.keys(&["й"]);
    t.wait_for("Очередь");
    t.keys(&["й"]);
    t.wait_for("Дни приёма");

    // One follow-up closed among thousands: hers is one more open, then one fewer.
    t.keys(&["а"]);
    let s = t.wait_for("Контроль — ");
    assert_eq!(open_follow_ups(&s), before + 1, "{s}");
    t.keys(&["ч"]);
    t.wait_for("Закрыть контроль");
    t.keys(&["C-s"]);
    let s = t.wait_for("Сохранено: контроль закрыт.");
    assert_eq!(open_follow_ups(&s), before, "{s}");
    t.keys(&["й"]);
    t.wait_for("Дни приёма");

    // Quit with `й` and start again: the day is there as it was left.
    t.keys(&["й"]);
    t.wait_exit();
    let t = start("day2", data);
    t.wait_for("Бишкек");
    t.keys(&["Enter"]);
    let s = t.wait_for("Асанов Бакыт");
    assert!(
        row_with(&s, "Асанов Бакыт").contains("приём завершён"),
        "{s}"
    );
    assert!(row_with(&s, "Кеңешбаева Айгүл").contains("B-001"), "{s}");
    t.keys(&["C-c"]);
    t.wait_exit();
    // The store checks out: the demo's persons and the day's two.
    let report = ok(output(data, &["check"]));
    assert!(report.contains(" 4,002 persons,"), "{report}");
    assert!(report.contains("index: consistent"), "{report}");
    let log = std::fs::read_to_string(data.join("kezek.log")).unwrap_or_default();
    assert!(!log.contains("panicked"), "{log}");
}
