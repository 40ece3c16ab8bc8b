//! Exporting from the dashboard on a real store: the form, the export written under
//! `exports/` in the data directory, the gauge while it runs, and cancelling with Esc.

use crate::common::rig::*;
use kezek::app::keymap::Key;
use kezek::app::pages::ExportPage;
use kezek::app::pages::export::ExportField;
use kezek::app::{Action, Effect, Screen, update};

/// A store at `dir`, its dashboard (`r`) and the export form on it (`x`).
fn export_form(dir: &std::path::Path) -> Rig {
    let mut r = rig(dir);
    r.key(Key::Char('r'));
    r.key(Key::Char('x'));
    r
}

#[test]
fn export_from_the_dashboard_writes_the_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = export_form(dir.path());
    assert_eq!(r.s.screen(), Screen::Export);
    let e = r.s.page::<ExportPage>().unwrap();
    assert_eq!(e.form.value(ExportField::Format), "xlsx");
    assert!(
        e.form.value(ExportField::File).ends_with(".xlsx"),
        "{}",
        e.form.value(ExportField::File)
    );
    // The form: format, personal data, file and, last, whether an html carries every record.
    let screen = r.screen();
    assert!(
        screen.contains("Records (html)       the printable report only"),
        "{screen}"
    );
    insta::assert_snapshot!("export_form_80x24", screen);
    // csv: the name follows the format (a CSV export is a folder).
    r.key(Key::Right);
    let e = r.s.page::<ExportPage>().unwrap();
    assert_eq!(e.form.value(ExportField::Format), "csv");
    assert!(
        !e.form.value(ExportField::File).contains('.'),
        "{}",
        e.form.value(ExportField::File)
    );
    // Back to xlsx, anonymized, saved.
    r.keys(&[Key::Left, Key::Tab, Key::Right, Key::Ctrl('s')]);
    assert_eq!(r.s.screen(), Screen::Dashboard);
    let flash = r.s.flash.as_ref().unwrap();
    assert_eq!(flash.id, "flash-export-done");
    let exports = dir.path().join("exports");
    let files: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("kezek-") && files[0].ends_with(".xlsx"));
    let bytes = std::fs::read(exports.join(&files[0])).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip (xlsx) file");
}

#[test]
fn a_running_export_shows_a_gauge_and_esc_cancels_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = export_form(dir.path());
    // Started by hand so the effect is not run: the gauge is what the desk sees meanwhile.
    let effects = update(&mut r.s, Action::Key(Key::Ctrl('s')));
    assert!(
        matches!(effects.as_slice(), [Effect::StartExport(req)] if req.format == "xlsx"),
        "{effects:?}"
    );
    update(
        &mut r.s,
        Action::ExportProgress {
            stage: "visits".into(),
            rows: 3,
        },
    );
    let e = r.s.page::<ExportPage>().unwrap();
    assert!(e.job.as_ref().unwrap().ratio(e.expected()) > 0.0);
    // Typing does nothing while it runs; Esc asks to cancel (once).
    assert!(update(&mut r.s, Action::Key(Key::Char('a'))).is_empty());
    insta::assert_snapshot!("export_running_80x24", r.screen());
    let effects = update(&mut r.s, Action::Key(Key::Esc));
    assert_eq!(effects, vec![Effect::CancelJob]);
    assert!(update(&mut r.s, Action::Key(Key::Esc)).is_empty());
    update(&mut r.s, Action::ExportCancelled);
    assert_eq!(r.s.screen(), Screen::Export);
    assert!(r.s.page::<ExportPage>().unwrap().job.is_none());
    assert_eq!(r.s.flash.as_ref().unwrap().id, "flash-export-cancelled");
    // Esc now leaves the form.
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Dashboard);
}

#[test]
fn an_html_export_carries_the_records_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = export_form(dir.path());
    let request = |r: &mut Rig, keys: &[Key]| {
        r.keys(keys);
        let effects = update(&mut r.s, Action::Key(Key::Ctrl('s')));
        let req = match effects.as_slice() {
            [Effect::StartExport(req)] => (**req).clone(),
            other => panic!("{other:?}"),
        };
        update(&mut r.s, Action::ExportCancelled);
        req
    };
    // html, the report only (the default).
    let req = request(&mut r, &[Key::Right, Key::Right]);
    assert_eq!((req.format.as_str(), req.with_records), ("html", false));
    // Records: yes (the last field).
    let req = request(&mut r, &[Key::Tab, Key::Tab, Key::Tab, Key::Right]);
    assert_eq!((req.format.as_str(), req.with_records), ("html", true));
    // Another format ignores it: only the html has a printable page without records.
    let mut r2 = export_form(dir.path().join("b").as_path());
    let req = request(&mut r2, &[Key::Tab, Key::Tab, Key::Tab, Key::Right]);
    assert_eq!((req.format.as_str(), req.with_records), ("xlsx", false));
}
