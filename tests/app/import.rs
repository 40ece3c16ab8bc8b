//! Importing from the app on a real store: the check first (what would be created, or the
//! problems with line and column), then the import on Enter; Esc cancels a running step.

use crate::common::rig::*;
use kezek::app::import::Outcome;
use kezek::app::keymap::Key;
use kezek::app::pages::ImportPage;
use kezek::app::{Action, Effect, Screen, update};

#[test]
fn a_folder_is_checked_then_imported() {
    let dir = tempfile::tempdir().unwrap();
    let a = rig(&dir.path().join("a"));
    let folder = dir.path().join("export");
    kezek::export::stream::write_csv(
        &a.store,
        &kezek::export::stream::Opts {
            period: &kezek::domain::report::Period::All,
            anonymize: None,
            offset_min: 180,
        },
        &folder,
        None,
        b',',
        &kezek::i18n::I18n::new("ru"),
        &kezek::export::values::Values::new("ru", &kezek::taxonomy::builtin()),
        &mut kezek::export::control::Control::quiet(),
    )
    .unwrap();
    let mut b = rig(&dir.path().join("b"));
    b.key(Key::Char('i'));
    assert_eq!(b.s.screen(), Screen::Import);
    b.text(folder.to_str().unwrap());
    b.key(Key::Ctrl('s'));
    let Some(Outcome::Checked(x)) = b.s.page::<ImportPage>().unwrap().outcome.clone() else {
        panic!("{:?}", b.s.page::<ImportPage>().unwrap().outcome);
    };
    // The same event (date and city) and the same three persons (look-alikes) are on record
    // in b; the three visits and two consultations are new.
    assert_eq!((x.events, x.visits, x.consultations), (0, 3, 2));
    assert_eq!(x.matched, 3);
    let before = b.store.verify().unwrap().journal_ops;
    assert!(
        b.screen().contains("would create 0 events"),
        "{}",
        b.screen()
    );
    b.key(Key::Enter);
    assert_eq!(b.s.screen(), Screen::Events);
    assert_eq!(b.s.flash.as_ref().unwrap().id, "flash-import-done");
    assert!(b.store.verify().unwrap().journal_ops > before);
    assert_eq!(b.store.visits().unwrap().len(), 6);
}

#[test]
fn problems_are_listed_with_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(&dir.path().join("s"));
    // A relative path is taken from the data directory.
    let bad = dir.path().join("s").join("bad.csv");
    std::fs::write(
        &bad,
        "event_date,event_city,surname,given_name,region\n2026-11-24,Москва,Асанов,Бакыт,Марс\n",
    )
    .unwrap();
    let before = r.store.verify().unwrap().journal_ops;
    r.key(Key::Char('i'));
    r.text("bad.csv");
    r.key(Key::Ctrl('s'));
    let Some(Outcome::Refused(p)) = r.s.page::<ImportPage>().unwrap().outcome.clone() else {
        panic!("{:?}", r.s.page::<ImportPage>().unwrap().outcome);
    };
    assert_eq!((p[0].line, p[0].column.as_str()), (2, "region"));
    let screen = r.screen();
    assert!(
        screen.contains("line 2, column region «Марс»: unknown region"),
        "{screen}"
    );
    // Enter does not import a refused file.
    r.key(Key::Enter);
    assert_eq!(r.store.verify().unwrap().journal_ops, before);
    insta::assert_snapshot!("import_refused_80x24", screen);
}

#[test]
fn esc_cancels_a_running_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(&dir.path().join("s"));
    r.key(Key::Char('i'));
    r.text("/media/usb/register.csv");
    let effects = update(&mut r.s, Action::Key(Key::Ctrl('s')));
    assert!(
        matches!(effects.as_slice(), [Effect::StartImport(req)] if req.dry_run),
        "{effects:?}"
    );
    update(
        &mut r.s,
        Action::ImportProgress {
            done: 500,
            total: 2000,
        },
    );
    insta::assert_snapshot!("import_running_80x24", r.screen());
    assert_eq!(
        update(&mut r.s, Action::Key(Key::Esc)),
        vec![Effect::CancelJob]
    );
    update(&mut r.s, Action::ImportCancelled);
    assert!(r.s.page::<ImportPage>().unwrap().running.is_none());
    assert_eq!(r.s.flash.as_ref().unwrap().id, "flash-import-cancelled");
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Events);
}
