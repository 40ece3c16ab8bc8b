//! A draft file that cannot be read is never dropped without a word: it is renamed aside
//! under a name of its own (an earlier one is never overwritten), the officer is told where,
//! and one far larger than any draft is not even read.

use crate::common::rig::app_on;
use crate::common::*;
use kezek::domain::Lang;

fn asides(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("draft.kzd.unreadable-"))
        .collect();
    v.sort();
    v
}

#[test]
fn an_unreadable_draft_is_kept_aside_and_the_officer_told_where() {
    let dir = tempdir();
    drop(open_store(dir.path()));
    let draft = dir.path().join("draft.kzd");
    for (i, bytes) in [b"\x01garbage".to_vec(), b"\x09other".to_vec()]
        .iter()
        .enumerate()
    {
        std::fs::write(&draft, bytes).unwrap();
        let r = app_on(open_store(dir.path()), Lang::En, t0());
        let flash = r.s.flash.as_ref().expect("the officer is told");
        assert_eq!(flash.id, "flash-draft-unreadable");
        let screen = r.screen();
        assert!(
            screen.contains("could not be read; it was kept as"),
            "{screen}"
        );
        assert!(!draft.exists());
        let kept = asides(dir.path());
        assert_eq!(
            kept.len(),
            i + 1,
            "an earlier one is not overwritten: {kept:?}"
        );
        drop(r);
    }
    let kept = asides(dir.path());
    let bytes: Vec<Vec<u8>> = kept
        .iter()
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    assert!(bytes.contains(&b"\x01garbage".to_vec()) && bytes.contains(&b"\x09other".to_vec()));
}

#[test]
fn a_huge_draft_is_not_read_but_kept_aside() {
    let dir = tempdir();
    drop(open_store(dir.path()));
    let draft = dir.path().join("draft.kzd");
    // 512 MB, sparse: reading it whole would take the laptop's memory.
    std::fs::File::create(&draft)
        .unwrap()
        .set_len(512 << 20)
        .unwrap();
    let r = app_on(open_store(dir.path()), Lang::Ru, t0());
    assert_eq!(
        r.s.flash.as_ref().map(|f| f.id),
        Some("flash-draft-unreadable")
    );
    assert!(!draft.exists());
    let kept = asides(dir.path());
    assert_eq!(kept.len(), 1);
    let len = std::fs::metadata(dir.path().join(&kept[0])).unwrap().len();
    assert_eq!(len, 512 << 20, "kept whole");
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_link_in_the_drafts_place_is_not_opened() {
    let dir = tempdir();
    drop(open_store(dir.path()));
    let draft = dir.path().join("draft.kzd");
    let fifo = std::ffi::CString::new(draft.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let r = app_on(open_store(dir.path()), Lang::En, t0());
    assert_eq!(
        r.s.flash.as_ref().map(|f| f.id),
        Some("flash-draft-unreadable")
    );
    drop(r);
    let secret = dir.path().join("elsewhere");
    std::fs::write(&secret, b"\x01not a draft").unwrap();
    std::os::unix::fs::symlink(&secret, &draft).unwrap();
    let r = app_on(open_store(dir.path()), Lang::En, t0());
    assert_eq!(
        r.s.flash.as_ref().map(|f| f.id),
        Some("flash-draft-unreadable")
    );
    assert_eq!(
        std::fs::read(&secret).unwrap(),
        b"\x01not a draft",
        "left as it was"
    );
    assert_eq!(asides(dir.path()).len(), 2);
}
