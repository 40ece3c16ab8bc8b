//! Screens drawn on ratatui's TestBackend from fixed states, compared with snapshots.

use crate::common::*;
use chrono::Duration;
use kezek::app::keymap::Key;
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
            "Регистрация по месту пребывания",
            "Patent",
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
    insta::assert_snapshot!(draw(&base(), 80, 24).backend());
}

#[test]
fn queue_screen_80x24() {
    insta::assert_snapshot!(draw(&queue_state(), 80, 24).backend());
}

#[test]
fn queue_screen_120x30() {
    insta::assert_snapshot!(draw(&queue_state(), 120, 30).backend());
}

#[test]
fn arrival_form_with_matches() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    for c in "Асан".chars() {
        update(&mut s, Action::Key(Key::Char(c)));
    }
    let seq = s.arrival.as_ref().unwrap().lookup.seq;
    let mut p = sample_person(300, "Асанов", "Бакыт");
    p.fields.patronymic = "Маратович".into();
    update(
        &mut s,
        Action::Suggestions {
            seq,
            persons: vec![p, sample_person(301, "Асанова", "Айпери")],
        },
    );
    let t = draw(&s, 80, 24);
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
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn help_overlay_on_the_queue() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('?')));
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn confirm_discard() {
    let mut s = queue_state();
    update(&mut s, Action::Key(Key::Char('n')));
    update(&mut s, Action::Key(Key::Char('А')));
    update(&mut s, Action::Key(Key::Esc));
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
        }),
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
        }),
    );
    update(&mut s, Action::Key(Key::Char('x')));
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
    };
    update(&mut s, Action::PersonCardLoaded(Box::new(card)));
    insta::assert_snapshot!(draw(&s, 80, 24).backend());
}

#[test]
fn restore_draft_offer() {
    let mut s = consultation_state();
    let draft = kezek::app::update::current_draft(&s).unwrap();
    let mut fresh = base();
    update(&mut fresh, Action::DraftLoaded(Some(Box::new(draft))));
    let _ = &mut s;
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
        "принят",
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
    assert_eq!(s.screen, kezek::app::Screen::Backup);
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
