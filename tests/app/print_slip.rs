//! `S` in the queue: the slip as a printable page under `slips/`, handed to the print command
//! the app found at start (here a fake `lp` given through the context, so tests running in
//! parallel share no PATH), or, with none, the flash says where the page is.

use crate::common::rig::{Rig, rig};
use crate::common::tempdir;
use kezek::app::Screen;
use kezek::app::keymap::Key;
use kezek::i18n::I18n;

fn flash(r: &Rig) -> String {
    let f = r.s.flash.as_ref().expect("a flash");
    I18n::of(r.s.ctx.language).t_args(f.id, &f.args)
}

fn the_html_slip(dir: &std::path::Path) -> std::path::PathBuf {
    let pages: Vec<_> = std::fs::read_dir(dir.join("slips"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    let page = std::fs::read_to_string(&pages[0]).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>") && page.contains("Токтосунова Айгүл"),
        "{page}"
    );
    pages[0].clone()
}

#[cfg(unix)]
fn fake_lp(dir: &std::path::Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("lp");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[cfg(unix)]
#[test]
fn shift_s_hands_the_printable_slip_to_lp() {
    let dir = tempdir();
    let bin = tempdir();
    let args = bin.path().join("args");
    let mut r = rig(dir.path());
    r.s.ctx.printer = Some(fake_lp(
        bin.path(),
        &format!("printf '%s\\n' \"$@\" > '{}'", args.display()),
    ));
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::Queue);
    // Ы: the same key on a Russian layout.
    r.key(Key::Char('Ы'));
    let page = the_html_slip(dir.path());
    assert_eq!(
        std::fs::read_to_string(&args).unwrap(),
        format!("{}\n", std::path::absolute(&page).unwrap().display()),
        "lp is given the page, and nothing else"
    );
    let said = flash(&r);
    assert!(said.starts_with("Slip sent to the printer: "), "{said}");
    assert!(r.screen().contains("Slip sent to the printer"));
}

#[cfg(unix)]
#[test]
fn a_printer_that_refuses_is_told_with_where_the_page_is() {
    let dir = tempdir();
    let bin = tempdir();
    let mut r = rig(dir.path());
    r.s.ctx.printer = Some(fake_lp(
        bin.path(),
        "echo 'lp: Error - no default destination available.' >&2; exit 1",
    ));
    r.key(Key::Enter);
    r.key(Key::Char('S'));
    let page = the_html_slip(dir.path());
    let said = flash(&r);
    assert!(
        said.contains("lp: Error - no default destination available.")
            && said.contains(&page.display().to_string())
            && said.contains("open it in a browser"),
        "{said}"
    );
}

#[test]
fn without_lp_the_flash_says_where_the_page_is() {
    let dir = tempdir();
    let mut r = rig(dir.path());
    assert_eq!(r.s.ctx.printer, None);
    r.key(Key::Enter);
    r.key(Key::Char('S'));
    let page = the_html_slip(dir.path());
    let said = flash(&r);
    assert_eq!(
        said,
        format!(
            "No printer command (lp) on this computer. The slip is at {}: open it in a browser to print it",
            page.display()
        )
    );
    assert!(
        r.screen().contains("No printer command (lp)"),
        "{}",
        r.screen()
    );
}
