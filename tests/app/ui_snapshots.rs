//! Screens drawn on ratatui's TestBackend from fixed states, compared with snapshots.

use crate::common::*;
use chrono::Duration;
use kezek::app::keymap::Key;
use kezek::app::pages::ArrivalPage;
use kezek::app::{Action, State, update};
use kezek::domain::{Id, Lang, QueueEntry, VisitStatus};
use kezek::i18n::I18n;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    // As the app does: messages in the language the state says.
    let i18n = I18n::of(state.ctx.language);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kezek::ui::render(f, state, &i18n)).unwrap();
    t
}

/// The row of `text` holding `needle`; fails with the whole screen when there is none.
fn row<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{text}"))
}

/// Which row of `text` holds `needle`, counted from the top.
fn row_no(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{text}"))
}

/// The four rows of `queue_state`, each with its time, status and wait, and the counts.
fn assert_queue_rows(text: &str) {
    for (no, who, arrived, status, waited) in [
        ("  1  ", "Асанов Бакыт", "09:03", "done", "9 min"),
        (
            "  2  ",
            "Жээнбеков Өмүрбек",
            "09:06",
            "with officer",
            "21 min",
        ),
        (
            "  3  ",
            "Асан уулу Чыңгыз",
            "09:09",
            "left, not served",
            "30 min",
        ),
        ("  4  ", "Токтосунова Айгүл", "09:12", "waiting", "35 min"),
    ] {
        let r = row(text, who);
        assert!(
            r.contains(no) && r.contains(arrived) && r.contains(status) && r.contains(waited),
            "{who}: No{no}arrived {arrived}, {status}, waited {waited}:\n{text}"
        );
    }
    assert!(
        text.contains("4 in queue · 1 waiting · 1 with officer · 1 done · 1 left"),
        "{text}"
    );
}

fn base() -> State {
    let ctx = context("Айбек Осмонов", Lang::En, 10);
    let mut s = State::new(ctx, t0() + Duration::minutes(47));
    let mut other = sample_event();
    other.meta.id = Id(2);
    other.fields.city = "Екатеринбург".into();
    other.fields.date = date(2026, 10, 3);
    other.fields.venue = "Генеральное консульство".into();
    update(&mut s, Action::EventsLoaded(vec![sample_event(), other]));
    s
}

fn queue_state() -> State {
    let mut s = base();
    update(&mut s, Action::Key(Key::Enter));
    let names = [
        ("Асанов", "Бакыт"),
        ("Жээнбеков", "Өмүрбек"),
        ("Асан уулу", "Чыңгыз"),
        ("Токтосунова", "Айгүл Маратовна с очень длинной фамилией"),
    ];
    let statuses = [
        VisitStatus::Done,
        VisitStatus::WithOfficer,
        VisitStatus::LeftWithoutService,
        VisitStatus::Waiting,
    ];
    let mut rows = Vec::new();
    for (i, ((sur, given), status)) in names.iter().zip(statuses).enumerate() {
        let n = i as u128;
        let mut v = sample_visit(100 + n, Id(200 + n), i as u32 + 1, VisitStatus::Waiting);
        v.purpose = [
            "Unpaid wages",
            "Миграционный учёт по месту пребывания",
            "Трудовой договор",
            "ОМС для детей",
        ][i]
            .into();
        match status {
            VisitStatus::Done => {
                v.transition(
                    VisitStatus::WithOfficer,
                    v.arrived + Duration::minutes(9),
                    "a",
                )
                .unwrap();
                v.transition(VisitStatus::Done, v.arrived + Duration::minutes(25), "a")
                    .unwrap();
            }
            VisitStatus::WithOfficer => {
                v.transition(
                    VisitStatus::WithOfficer,
                    v.arrived + Duration::minutes(21),
                    "a",
                )
                .unwrap();
            }
            VisitStatus::LeftWithoutService => {
                v.transition(
                    VisitStatus::LeftWithoutService,
                    v.arrived + Duration::minutes(30),
                    "a",
                )
                .unwrap();
            }
            VisitStatus::Waiting => {}
        }
        rows.push(QueueEntry {
            visit: v,
            person: Some(sample_person(200 + n, sur, given)),
        });
    }
    update(
        &mut s,
        Action::QueueLoaded {
            event: sample_event(),
            rows,
        },
    );
    s
}

#[test]
fn events_screen() {
    let text = screen_text(&draw(&base(), 80, 24));
    let top = text.lines().next().unwrap_or_default();
    assert!(
        top.contains("Desk: Desk 3")
            && top.contains("Officer: Айбек Осмонов")
            && top.contains("2026-11-24 09:47 UTC+3"),
        "the top line names the desk, the officer and, no venue open, this machine's time marked with its offset: {top}"
    );
    assert!(text.contains("Reception events"), "{text}");
    let moscow = row_no(&text, "│2026-11-24");
    let yekaterinburg = row_no(&text, "│2026-10-03");
    assert!(moscow < yekaterinburg, "the newest event first:\n{text}");
    assert!(
        row(&text, "│2026-11-24").contains("Москва")
            && row(&text, "│2026-11-24").contains("Embassy, Ombudsperson"),
        "{text}"
    );
    assert!(
        row(&text, "│2026-10-03").contains("Екатеринбург")
            && row(&text, "│2026-10-03").contains("Генеральное консульство"),
        "{text}"
    );
    let keys = text.lines().last().unwrap_or_default();
    for k in ["n new", "f follow-ups", "/ find", "? help", "q quit"] {
        assert!(keys.contains(k), "the footer lists {k:?}: {keys}");
    }
    insta::assert_snapshot!(draw(&base(), 80, 24).backend());
}

#[test]
fn queue_screen_80x24() {
    let text = screen_text(&draw(&queue_state(), 80, 24));
    assert!(text.contains("Queue — 2026-11-24 · Москва"), "{text}");
    assert_queue_rows(&text);
    // At 80 columns the long name and purpose are cut with an ellipsis.
    assert!(
        row(&text, "Токтосунова").contains("Токтосунова Айгүл…"),
        "{text}"
    );
    assert!(row(&text, "Жээнбеков").contains("Миграционны…"), "{text}");
    insta::assert_snapshot!(draw(&queue_state(), 80, 24).backend());
}

#[test]
fn queue_screen_120x30() {
    let text = screen_text(&draw(&queue_state(), 120, 30));
    assert_queue_rows(&text);
    // The wider terminal shows more of the long name and purpose.
    assert!(
        row(&text, "Токтосунова").contains("Токтосунова Айгүл Маратовна")
            && row(&text, "Токтосунова").contains("ОМС для детей"),
        "{text}"
    );
    assert!(
        row(&text, "Жээнбеков").contains("Миграционный учёт по"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&queue_state(), 120, 30).backend());
}

#[test]
fn arrival_form_with_matches() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    for c in "Асан".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let seq = s.page::<ArrivalPage>().unwrap().lookup.seq;
    let mut p = sample_person(300, "Асанов", "Бакыт");
    p.fields.patronymic = "Маратович".into();
    update(
        &mut s,
        Action::Suggestions {
            seq,
            persons: vec![p, sample_person(301, "Асанова", "Айпери")],
            total: 2,
        },
    );
    let t = draw(&s, 80, 24);
    let text = screen_text(&t);
    assert!(row(&text, "Surname *").contains("Асан"), "{text}");
    assert!(text.contains("Already on record"), "{text}");
    // Both look-alikes are offered, the first one chosen, with what tells them apart.
    let first = row_no(&text, "▶ Асанов Бакыт Маратович");
    let second = row_no(&text, "Асанова Айпери");
    assert!(first < second, "{text}");
    assert!(
        text.lines()
            .nth(first + 1)
            .unwrap_or_default()
            .contains("1990-05-14 · AN0012010"),
        "{text}"
    );
    assert!(text.contains("Ctrl+N/P choose · Ctrl+L use"), "{text}");
    insta::assert_snapshot!(t.backend());
    // The cursor sits after the typed text in the surname field.
    let mut t = t;
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (22 + 4, 2));
}

#[test]
fn arrival_form_with_errors() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    update(&mut s, Action::Key(Key::Tab));
    for c in "Бакыт".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    for _ in 0..5 {
        update(&mut s, Action::Key(Key::Tab));
    }
    for c in "12345".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    update(&mut s, Action::Key(Key::Ctrl('s')));
    let text = screen_text(&draw(&s, 80, 24));
    // The two fields in error are marked, and only those: a missing surname and a phone
    // of five digits; the given name typed is kept and not marked.
    let marked: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("│! "))
        .map(|l| {
            l.split("  ")
                .next()
                .unwrap_or_default()
                .trim_end_matches(" *")
        })
        .collect();
    assert_eq!(marked, ["Surname", "Phone"], "{text}");
    assert!(row(&text, "Phone").contains("12345"), "{text}");
    assert!(row(&text, "Given name *").contains("Бакыт"), "{text}");
    // The message names the field, under the form's fields.
    let message = row_no(&text, "Surname: required");
    assert!(message > row_no(&text, "Purpose of visit"), "{text}");
    assert!(
        text.contains("Not saved: correct the marked fields."),
        "the status line says nothing was saved: {text}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn help_overlay_on_the_queue() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('?')));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(
        text.contains("Keys — Queue"),
        "the help of the screen it was opened on: {text}"
    );
    for (key, what) in [
        ("n", "new arrival"),
        ("c", "call: waiting → with officer"),
        ("d", "done: with officer → done"),
        ("l", "left without service"),
        ("u", "undo the selected visit’s last queue move"),
        ("S", "print the slip of the selected visit"),
        ("?, F1", "show keys"),
        ("q, Esc", "back to events"),
        ("Ctrl+C", "quit kezek"),
    ] {
        assert!(
            row(&text, what).contains(&format!(" {key} ")),
            "{key} is said to do {what:?}: {text}"
        );
    }
    assert!(
        text.contains("F9: language · any key closes this help"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn confirm_discard() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    update(&mut s, Action::Key(Key::Char('А')));
    update(&mut s, Action::Key(Key::Esc));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(text.contains("Unsaved input"), "{text}");
    assert!(
        text.contains("Leave this form and lose what was typed?"),
        "{text}"
    );
    assert!(text.contains("y / Enter: yes · n / Esc: no"), "{text}");
    assert!(
        row(&text, "Surname *").contains(" А "),
        "the form with what was typed stays behind the question: {text}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn confirm_discard_in_kyrgyz_and_russian_80x24() {
    // The legend names the letters the keymap takes in that language, not y / n.
    for (lang, name, want) in [
        (
            Lang::Ky,
            "confirm_discard_ky_80x24",
            ["Сакталбаган маалымат", "о / Enter: ооба · ж / Esc: жок"],
        ),
        (
            Lang::Ru,
            "confirm_discard_ru_80x24",
            ["Несохранённый ввод", "д / Enter: да · н / Esc: нет"],
        ),
    ] {
        let mut s = in_lang(queue_state(), lang);
        update(&mut s, Action::Key(Key::Char('n')));
        update(&mut s, Action::Key(Key::Char('А')));
        update(&mut s, Action::Key(Key::Esc));
        let t = draw(&s, 80, 24);
        let text = screen_text(&t);
        for w in want {
            assert!(text.contains(w), "{w:?} missing:\n{text}");
        }
        assert!(!text.contains("y / Enter"), "{text}");
        insta::assert_snapshot!(name, t.backend());
    }
}

#[test]
fn too_small_terminal_says_so() {
    let text = screen_text(&draw(&queue_state(), 20, 5));
    let said = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("Terminal too small: 20×5. kezek needs at least 80×24."),
        "it says so, with both sizes: {said}"
    );
    assert!(
        !text.contains("Queue") && !text.contains("Асанов"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&queue_state(), 20, 5).backend());
}

#[test]
fn no_size_panics() {
    let mut states = vec![base(), queue_state()];
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    states.push(s);
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('?')));
    states.push(s);
    let mut s = base();
    update(&mut s, Action::Key(Key::Char('n')));
    states.push(s);
    for s in &states {
        for w in (0..=130).step_by(7) {
            for h in (0..=40).step_by(3) {
                draw(s, w, h);
            }
        }
    }
}

fn consultation_state() -> State {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('o')));
    let keys: Vec<Key> = [Key::Char(' '), Key::Tab]
        .into_iter()
        .chain("Работодатель ООО «Строй» не платит".chars().map(Key::Char))
        .chain([Key::Enter])
        .chain("с августа, бригада из 12 человек.".chars().map(Key::Char))
        .chain([Key::Tab])
        .chain("Письменная претензия работодателю.".chars().map(Key::Char))
        .chain([Key::Tab, Key::Right, Key::Tab, Key::Char(' '), Key::Tab])
        .collect();
    for k in keys {
        update(&mut s, Action::Key(k));
    }
    s
}

#[test]
fn consultation_form_with_picker() {
    let text = screen_text(&draw(&consultation_state(), 80, 24));
    assert!(
        text.contains("No 4 · new consultation — Токтосунова Айгүл"),
        "the title names the visit and the person: {text}"
    );
    assert!(row(&text, "Topics *").contains("Unpaid wages"), "{text}");
    assert!(row(&text, "Outcome").contains("Referred"), "{text}");
    assert!(
        row(&text, "Referred to").contains("Labour inspection"),
        "{text}"
    );
    // The picker of the legal basis is open beside the form, the Labour Code first for
    // unpaid wages, nothing chosen yet.
    assert!(
        row(&text, "Legal basis").contains("Legal basis ─"),
        "{text}"
    );
    assert!(text.contains("type to filter"), "{text}");
    let first = text.lines().find(|l| l.contains("[ ]")).unwrap_or_default();
    assert!(first.contains("[ ] Labour Code of the Russia"), "{text}");
    assert!(!text.contains("[x]"), "{text}");
    assert!(text.contains("↑ ↓ move · Space choose"), "{text}");
    insta::assert_snapshot!(draw(&consultation_state(), 80, 24).backend());
}

#[test]
fn consultation_form_amounts_and_error() {
    let mut s = consultation_state();
    for _ in 0..2 {
        update(&mut s, Action::Key(Key::Tab));
    }
    for c in "11 000 000".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    update(&mut s, Action::Key(Key::Tab));
    update(&mut s, Action::Key(Key::Tab));
    for c in "1,250".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    update(&mut s, Action::Key(Key::Ctrl('s')));
    let text = screen_text(&draw(&s, 80, 24));
    // "11 000 000" is read as an amount; "1,250" could be 1.25 or 1 250 and is refused.
    let claimed = row(&text, "Claimed");
    assert!(
        claimed.contains("11 000 000") && claimed.contains("RUB") && !claimed.starts_with("│!"),
        "{text}"
    );
    let recovered = row(&text, "Recovered ");
    assert!(
        recovered.starts_with("│! Recovered") && recovered.contains("1,250"),
        "{text}"
    );
    assert!(
        row_no(&text, "Recovered: ambiguous: write 1250 or 1 250") > row_no(&text, "! Recovered"),
        "the message names the field, under the fields: {text}"
    );
    assert!(
        text.contains("Not saved: correct the marked fields."),
        "{text}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

fn follow_up_rows() -> Vec<kezek::domain::card::FollowUpRow> {
    use kezek::domain::card::{FollowUpRecord, FollowUpRow};
    use kezek::domain::{Appeal, AppealFields, Consultation, ConsultationFields, Currency, Money};
    let c = |n: u128, day: u32, topic: &str, claimed: Option<i64>| Consultation {
        meta: meta(n),
        visit: Id(100),
        person: Id(200),
        event: Id(1),
        officer: "a".into(),
        fields: ConsultationFields {
            topics: vec![topic.into()],
            outcome: "referred".into(),
            follow_up: Some(date(2026, 11, day)),
            claimed: claimed.map(|r| Money::new(Currency::Rub, r * 100)),
            ..Default::default()
        },
    };
    vec![
        FollowUpRow {
            record: FollowUpRecord::Consultation(c(1, 10, "wages.unpaid", Some(11_204_500))),
            person: Some(sample_person(200, "Асанов", "Бакыт")),
        },
        FollowUpRow {
            record: FollowUpRecord::Appeal(Appeal {
                meta: meta(2),
                officer: "a".into(),
                fields: AppealFields {
                    title: "Бригада ООО «Строй»".into(),
                    topic: "wages.unpaid".into(),
                    follow_up: Some(date(2026, 11, 24)),
                    ..Default::default()
                },
            }),
            person: None,
        },
        FollowUpRow {
            record: FollowUpRecord::Consultation(c(3, 30, "entry-ban", None)),
            person: Some(sample_person(201, "Жээнбеков", "Өмүрбек")),
        },
    ]
}

#[test]
fn follow_ups_screen() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('f')));
    update(
        &mut s,
        Action::FollowUpsLoaded(kezek::domain::card::FollowUpPage {
            rows: follow_up_rows(),
            total: 3,
            overdue: 1,
            week: 2,
            matching: 3,
            ..Default::default()
        }),
    );
    let text = screen_text(&draw(&s, 80, 24));
    assert!(text.contains("Follow-ups — 3 open, 1 overdue"), "{text}");
    // By due date, the overdue one first and marked, the appeal flagged as one.
    let overdue = row(&text, "│2026-11-10");
    assert!(
        overdue.contains("2026-11-10 !")
            && overdue.contains("Асанов Бакыт")
            && overdue.contains("Unpaid wages")
            && overdue.contains("11,204,500.00 RUB"),
        "{text}"
    );
    assert!(row(&text, "│2026-11-24").contains("⚑ Бригада"), "{text}");
    assert!(row(&text, "│2026-11-30").contains("Жээнбеков"), "{text}");
    assert!(
        row_no(&text, "│2026-11-10") < row_no(&text, "│2026-11-24")
            && row_no(&text, "│2026-11-24") < row_no(&text, "│2026-11-30"),
        "{text}"
    );
    assert!(
        !row(&text, "│2026-11-30").contains(" ! "),
        "not overdue: {text}"
    );
    let keys = text.lines().last().unwrap_or_default();
    assert!(
        keys.contains("x close") && keys.contains("p open"),
        "{keys}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn close_follow_up_form() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('f')));
    update(
        &mut s,
        Action::FollowUpsLoaded(kezek::domain::card::FollowUpPage {
            rows: follow_up_rows(),
            total: 3,
            overdue: 1,
            ..Default::default()
        }),
    );
    update(&mut s, Action::Key(Key::Char('x')));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(
        text.contains("Close follow-up — Асанов Бакыт"),
        "the form is for the selected row's person: {text}"
    );
    assert!(row(&text, "Outcome").contains("Resolved"), "{text}");
    assert!(row(&text, "Currency").contains("RUB"), "{text}");
    assert!(
        row(&text, "Closed on").contains("2026-11-24"),
        "closed today by default: {text}"
    );
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn person_card() {
    use kezek::domain::card::PersonCard;
    use kezek::domain::{
        AppealMember, Consultation, ConsultationFields, Currency, MemberStatus, Money,
    };
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('p')));
    let mut v2 = sample_visit(101, Id(200), 7, VisitStatus::Waiting);
    v2.arrived += Duration::days(30);
    let mut cons = Consultation {
        meta: meta(5),
        visit: Id(100),
        person: Id(200),
        event: Id(1),
        officer: "Нурлан".into(),
        fields: ConsultationFields {
            topics: vec!["wages.unpaid".into(), "contract".into()],
            advice: "Письменная претензия,\nзатем трудовая инспекция.".into(),
            outcome: "referred".into(),
            follow_up: Some(date(2026, 12, 15)),
            claimed: Some(Money::new(Currency::Rub, 8_000_000)),
            recovered: Some(Money::new(Currency::Rub, 3_000_000)),
            ..Default::default()
        },
    };
    cons.meta.rev = 3;
    let card = PersonCard {
        person: sample_person(200, "Асанов", "Бакыт"),
        visits: vec![
            (v2, Some(sample_event())),
            (
                sample_visit(100, Id(200), 1, VisitStatus::Done),
                Some(sample_event()),
            ),
        ],
        consultations: vec![cons],
        memberships: vec![(
            AppealMember {
                meta: meta(6),
                officer: "a".into(),
                appeal: Id(7),
                person: Id(200),
                claimed: Some(Money::new(Currency::Rub, 8_000_000)),
                recovered: None,
                status: MemberStatus::Active,
            },
            None,
        )],
        merged: vec![],
        versions: vec![],
        unmerged: vec![],
        undone: vec![],
    };
    update(&mut s, Action::PersonCardLoaded(Box::new(card)));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(text.contains("Person — Асанов Бакыт"), "{text}");
    assert!(
        text.contains("1990-05-14 · male · AN0012010 · +996555123456 · Osh region · Москва"),
        "{text}"
    );
    // Visits newest first, each with its event, number, purpose and status.
    assert!(text.contains("Visits (2)"), "{text}");
    let later = row(&text, "No 7");
    assert!(
        later.contains("2026-12-24 09:21") && later.contains("waiting"),
        "{text}"
    );
    assert!(row(&text, "No 1").contains("done"), "{text}");
    assert!(row_no(&text, "No 7") < row_no(&text, "No 1"), "{text}");
    // The consultation with its outcome, topics, amounts, follow-up and advice.
    assert!(text.contains("Consultations (1)"), "{text}");
    assert!(
        text.contains("Referred · Unpaid wages; Labour contract missing"),
        "{text}"
    );
    let amounts = row(&text, "claimed 80,000.00 RUB");
    assert!(
        amounts.contains("recovered 30,000.00 RUB") && amounts.contains("follow-up 2026-12-15"),
        "{text}"
    );
    assert!(
        text.contains("Письменная претензия, затем трудовая инспекция."),
        "the advice's two lines as one: {text}"
    );
    assert!(text.contains("Collective appeals (1)"), "{text}");
    assert!(text.contains("· active · claimed 80,000.00 RUB"), "{text}");
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn restore_draft_offer() {
    let mut s = consultation_state();
    let draft = kezek::app::update::current_draft(&s).unwrap();
    let mut fresh = base();
    update(&mut fresh, Action::DraftLoaded(Some(Box::new(draft))));
    let _ = &mut s;
    let text = screen_text(&draw(&fresh, 80, 24));
    assert!(text.contains("Unsaved form found"), "{text}");
    let said = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains(
            "A form was being filled in when kezek stopped (2026-11-24 09:47 UTC+3). Restore it?"
        ),
        "the question says when the form was left: {said}"
    );
    assert!(text.contains("y / Enter: yes · n / Esc: no"), "{text}");
    assert!(
        text.contains("Reception events"),
        "over the events screen: {text}"
    );
    insta::assert_snapshot!(draw(&fresh, 80, 24).backend());
}

/// `s` switched to `lang` as F9 does (open forms relabelled), without the footer notice.
fn in_lang(mut s: State, lang: Lang) -> State {
    kezek::app::update::switch_language(&mut s, lang);
    s.flash = None;
    s
}

#[test]
fn queue_in_kyrgyz_and_russian_80x24() {
    let ky = draw(&in_lang(queue_state(), Lang::Ky), 80, 24);
    let text = screen_text(&ky);
    for want in [
        "Кезек",
        "Күттү",
        "кабыл алынды",
        "кызматкерде",
        "кабыл алынбай",
        "күтүүдө",
        "Үстөл",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    insta::assert_snapshot!("queue_ky_80x24", ky.backend());
    let ru = draw(&in_lang(queue_state(), Lang::Ru), 80, 24);
    let text = screen_text(&ru);
    for want in [
        "Очередь",
        "Ожид.",
        "уход без приёма",
        "приём завершён",
        "у сотрудника",
        "ждёт",
        "Стол",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    insta::assert_snapshot!("queue_ru_80x24", ru.backend());
}

#[test]
fn consultation_form_in_kyrgyz_and_russian_80x24() {
    // Opened in English, then switched: the taxonomy labels in the open form follow.
    let ky = draw(&in_lang(consultation_state(), Lang::Ky), 80, 24);
    let text = screen_text(&ky);
    assert!(text.contains("Эмгек акынын төлөнбөшү"), "{text}");
    assert!(!text.contains("Unpaid wages"), "{text}");
    // The currency beside an amount is the word Kyrgyz writes, not the code.
    assert!(row(&text, "Талап кылынган").contains("рубль"), "{text}");
    insta::assert_snapshot!("consultation_ky_80x24", ky.backend());
    let ru = draw(&in_lang(consultation_state(), Lang::Ru), 80, 24);
    let text = screen_text(&ru);
    assert!(text.contains("Невыплата заработной платы"), "{text}");
    // What was claimed reads "Заявлено" (not "Требуется", "is needed"); the Labour Code on
    // wages is offered first for unpaid wages.
    assert!(
        text.contains("Заявлено") && !text.contains("Требуется"),
        "{text}"
    );
    assert!(text.contains("[ ] Трудовой кодекс РФ"), "{text}");
    assert!(
        row(&text, "Заявлено").contains("руб.") && !text.contains("RUB"),
        "{text}"
    );
    insta::assert_snapshot!("consultation_ru_80x24", ru.backend());
}

#[test]
fn help_and_arrival_form_in_russian() {
    let mut s = in_lang(queue_state(), Lang::Ru);
    update(&mut s, Action::Key(Key::Char('?')));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(text.contains("Клавиши — Очередь"), "{text}");
    assert!(text.contains("F9: язык"), "{text}");
    update(&mut s, Action::Key(Key::Esc));
    update(&mut s, Action::Key(Key::Char('n')));
    let text = screen_text(&draw(&s, 80, 24));
    assert!(text.contains("Язык приёма"), "{text}");
    assert!(
        text.contains("русский"),
        "the language of service starts as the interface's"
    );
}

#[test]
fn damaged_store_banner_80x24() {
    let mut s = queue_state();
    update(&mut s, Action::StoreDamaged);
    let t = draw(&s, 80, 24);
    let text = screen_text(&t);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains("STORE DAMAGED") && first.contains("F6 to salvage"),
        "the top line says the store is damaged and which key salvages: {first}"
    );
    assert!(
        text.contains("Asanov") || text.contains("Асанов"),
        "the queue is still shown"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn backup_dialog_with_gauge_80x24() {
    let mut s = base();
    s.backup_dir = Some("/media/usb".into());
    let footer = screen_text(&draw(&s, 80, 24));
    assert!(
        footer
            .lines()
            .last()
            .unwrap_or_default()
            .contains("b backup"),
        "the events footer lists b: {footer}"
    );
    update(&mut s, Action::Key(Key::Char('b')));
    let effects = update(&mut s, Action::Key(Key::Enter));
    assert_eq!(
        effects,
        vec![kezek::app::Effect::StartBackup {
            path: "/media/usb/kezek-backup-2026-11-24.kzb".into(),
            default_name: "kezek-backup-2026-11-24.kzb".into(),
        }]
    );
    update(
        &mut s,
        Action::BackupProgress {
            done: 1_468_006,
            total: 2_936_012,
        },
    );
    let t = draw(&s, 80, 24);
    let text = screen_text(&t);
    for (what, needle) in [
        ("the dialog's title", "Backup"),
        ("the path field", "Write to"),
        (
            "the default path: dated, on the stick",
            "/media/usb/kezek-backup-2026-11-24.kzb",
        ),
        ("what a backup is", "One file with every record"),
        ("the gauge's title", "Writing the backup…"),
        ("the gauge at half", "50%"),
        ("bytes copied of bytes to copy", "1.4 MB of 2.8 MB"),
        ("Esc cancels while it runs", "Esc cancel"),
    ] {
        assert!(text.contains(needle), "{what}: {needle:?} in\n{text}");
    }
    insta::assert_snapshot!(t.backend());

    // The end: the file, its records and its size, in words.
    update(
        &mut s,
        Action::BackupWritten(Box::new(kezek::app::backup::BackupSummary {
            path: "/media/usb/kezek-backup-2026-11-24.kzb".into(),
            records: 6012,
            bytes: 2_936_012,
        })),
    );
    let text = screen_text(&draw(&s, 80, 24));
    assert!(
        text.contains(
            "Backup written: /media/usb/kezek-backup-2026-11-24.kzb, records: 6,012, 2.8 MB"
        ),
        "{text}"
    );
    assert!(
        !text.contains("Writing the backup"),
        "the gauge is gone: {text}"
    );
}

#[test]
fn backup_on_a_russian_layout_and_a_refusal_in_russian() {
    let mut s = base();
    s.ctx.language = Lang::Ru;
    // `и` is where `b` sits on a ЙЦУКЕН keyboard.
    update(&mut s, Action::Key(Key::Char('и')));
    assert_eq!(s.screen(), kezek::app::Screen::Backup);
    update(&mut s, Action::Key(Key::Enter));
    update(
        &mut s,
        Action::BackupFailed {
            reason: "/media/usb/x.kzb: Permission denied (os error 13)".into(),
            reason_id: Some("err-backup-denied"),
        },
    );
    let text = screen_text(&draw(&s, 80, 24));
    assert!(
        text.contains("Резервная копия не записана")
            && text.contains("под этим именем ничего не осталось")
            && text.contains("в эту папку")
            && text.contains("писать нельзя"),
        "{text}"
    );
}
