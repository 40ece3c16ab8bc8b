//! Salvage from the app: a journal with a flipped byte in the middle shows the banner with
//! the key (F6); the confirmation explains what salvage does and takes the letters of the
//! language on screen; the store is closed, salvaged and opened again by the same function
//! the terminal app uses; the report says where the records came from, the banner goes,
//! saving works again, `kezek check` passes and every record is still there.

use crate::common;

use std::collections::BTreeSet;

use crate::common::cli::run as kezek;
use crate::common::rig::{Rig, app_on};
use crate::common::*;
use kezek::app::keymap::Key;
use kezek::app::{Action, Effect, Overlay, SalvageView, update};
use kezek::domain::{Lang, PersonPick};
use kezek::store::{JOURNAL_FILE, Store, StoreOptions};

#[test]
fn salvage_from_the_app_keeps_every_record_and_the_banner_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let ids: BTreeSet<_> = store_with_arrivals(&dir, 30).into_iter().collect();
    assert_eq!(ids.len(), 30);
    // One byte flipped inside a record in the middle of the journal.
    let journal = dir.join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts = frame_starts(&bytes);
    bytes[starts[starts.len() / 2] + 20] ^= 0x01;
    std::fs::write(&journal, &bytes).unwrap();

    // The app starts on it; the background check finds the damage.
    let opts = StoreOptions::default();
    let (store, _) = Store::open(&dir, &opts).unwrap();
    let mut r = app_on(store, Lang::Ru, t0());
    assert!(
        r.store.verify_journal().unwrap().is_some(),
        "the check finds it"
    );
    let e = update(&mut r.s, Action::StoreDamaged);
    r.pump(e);
    let top = r.screen().lines().next().unwrap_or_default().to_string();
    assert!(
        top.contains("ПОВРЕЖДЕНО") && top.contains("F6"),
        "the banner says which key salvages: {top}"
    );

    // F6: what salvage does, before it does it.
    r.key(Key::F(6));
    assert_eq!(r.s.overlay, Some(Overlay::ConfirmSalvage));
    let screen = r.screen();
    for needle in [
        "Восстановить",
        "целых кадров",
        "ничего не удаляется",
        "д / Enter: да",
    ] {
        assert!(screen.contains(needle), "{needle:?} in\n{screen}");
    }
    // The layout twin of `y` (`н`) means no here; a Latin `y` means nothing.
    assert!(update(&mut r.s, Action::Key(Key::Char('y'))).is_empty());
    assert_eq!(r.s.overlay, Some(Overlay::ConfirmSalvage));
    assert!(update(&mut r.s, Action::Key(Key::Char('н'))).is_empty());
    assert_eq!(r.s.overlay, None, "н is no");
    assert!(r.s.store_damaged);
    r.key(Key::F(6));
    let effects = update(&mut r.s, Action::Key(Key::Char('д')));
    assert_eq!(effects, vec![Effect::Salvage]);
    assert_eq!(r.s.salvage, Some(SalvageView::Running));
    assert!(r.screen().contains("Восстановление…"), "{}", r.screen());
    // Keys wait while it runs.
    assert!(update(&mut r.s, Action::Key(Key::Char('q'))).is_empty());
    assert!(!r.s.quit);

    // What the terminal loop does: close the store, salvage, open it again.
    let Rig { store, tax, s } = r;
    let (action, store) = kezek::tui::effects::salvage_store(store, &opts);
    let store = store.expect("the store opens again");
    let mut r = Rig { store, tax, s };
    let Action::Salvaged(summary) = &action else {
        panic!("salvage failed: {action:?}");
    };
    assert!(summary.verified, "{summary:?}");
    assert!(
        summary.intact_ops > 0 && summary.restored > 0,
        "{summary:?}"
    );
    assert!(summary.journal_aside.is_some(), "the old journal is kept");
    let effects = update(&mut r.s, action.clone());
    r.pump(effects);
    assert!(
        !r.s.store_damaged,
        "the banner goes once the journal checks out"
    );
    let screen = r.screen();
    assert!(!screen.contains("ПОВРЕЖДЕНО"), "{screen}");
    assert!(
        screen.contains("Восстановление завершено")
            && screen.contains("Из целых кадров журнала")
            && screen.contains("возвращено из базы данных")
            && screen.contains("journal.kzj.damaged-"),
        "{screen}"
    );
    // Any key closes the report; the list is read from the salvaged store.
    r.key(Key::Esc);
    assert_eq!(r.s.salvage, None);
    assert_eq!(r.s.events().list.len(), 1);
    assert_eq!(visit_ids(&r.store), ids, "every record is still there");
    // And saving works again.
    let ev = r.s.events().list[0].meta.id;
    r.store
        .add_arrival(
            arrival(
                ev,
                PersonPick::New(person_fields("Жээнбеков", "Өмүрбек")),
                "x",
            ),
            "x",
        )
        .unwrap();
    drop(r);

    let (ok, text) = kezek(&dir, &["check"]);
    assert!(ok && text.contains("consistent"), "{text}");
    let (store, _) = Store::open(&dir, &opts).unwrap();
    let after = visit_ids(&store);
    assert_eq!(after.len(), 31);
    assert!(after.is_superset(&ids), "nothing was lost");
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".damaged-"))
        .collect();
    assert!(
        kept.iter().any(|n| n.starts_with("journal.kzj.damaged-")),
        "{kept:?}"
    );
}

#[test]
fn f6_does_nothing_on_a_sound_store_and_waits_for_a_running_job() {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = common::rig::rig(tmp.path());
    r.key(Key::F(6));
    assert_eq!(r.s.overlay, None, "nothing to salvage");
    let e = update(&mut r.s, Action::StoreDamaged);
    r.pump(e);
    // A running backup holds the store: salvage waits for it.
    r.key(Key::Char('b'));
    let effects = update(&mut r.s, Action::Key(Key::Enter));
    assert!(matches!(effects.as_slice(), [Effect::StartBackup { .. }]));
    r.key(Key::F(6));
    assert_eq!(r.s.overlay, None);
    assert_eq!(r.s.flash.as_ref().unwrap().id, "flash-salvage-wait-job");
}
