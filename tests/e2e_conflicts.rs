//! End to end: a wage claim corrected differently on two desks is settled in the real app,
//! on a Russian layout at 80x24, and the choice travels to the other desk by bundle.

mod common;

use std::path::Path;

use common::cli::kezek_ok;
use common::rig::wages;
use common::tmux::*;
use common::*;
use kezek::domain::PersonPick;

fn exchange(from: &Path, to: &Path, stick: &Path, name: &str) -> String {
    let file = stick.join(format!("{name}.kzbundle"));
    let file = file.to_str().unwrap();
    kezek_ok(from, &["bundle", "export", "-o", file]);
    kezek_ok(to, &["bundle", "import", file])
}

#[test]
fn a_claim_changed_on_two_desks_is_settled_in_the_app_in_russian_and_travels() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, stick) = (
        root.path().join("a"),
        root.path().join("b"),
        root.path().join("stick"),
    );
    for d in [&a, &b, &stick] {
        std::fs::create_dir(d).unwrap();
    }
    let t = Tmux::configured("conflict-a", &a, "language = \"ru\"\n");
    std::fs::write(
        b.join("config.toml"),
        "desk_name = \"Desk B\"\nofficer = \"Гүлзат\"\n",
    )
    .unwrap();
    let (visit, claim) = {
        let s = open_store(&a);
        let ev = s
            .create_event(event_fields("Москва"), "Айбек")
            .unwrap()
            .meta
            .id;
        let p = PersonPick::New(person_fields("Асанов", "Бакыт"));
        let v = s
            .add_arrival(arrival(ev, p, "wages"), "Айбек")
            .unwrap()
            .visit;
        let c = s
            .save_consultation(v.meta.id, None, wages(rub(50_000)), "Айбек")
            .unwrap();
        (v.meta.id, c.meta.id)
    };
    exchange(&a, &b, &stick, "a1");
    // 60,000 here, 70,000 there, each from the 50,000 both had.
    for (dir, amount, officer) in [(&a, 60_000, "Айбек"), (&b, 70_000, "Гүлзат")] {
        let s = open_store(dir);
        s.save_consultation(visit, Some(claim), wages(rub(amount)), officer)
            .unwrap();
    }
    let said = exchange(&b, &a, &stick, "b1");
    assert!(said.contains("расхождений: 1"), "{said}");

    t.launch_sized(&format!("exec {}", kezek_cmd(&a)), 80, 24);
    t.wait_for("Дни приёма");
    // `с` is where `c` is on the layout.
    t.keys(&["с"]);
    let s = t.wait_for("Расхождения между столами (1)");
    assert!(s.contains("Консультация · Асанов Бакыт"), "{s}");
    assert!(s.contains("сумма различается"), "{s}");
    assert!(s.contains("Айбек") && s.contains("Гүлзат"), "{s}");
    // `ы` is `s`: swap to the other version. The Latin `y` is no answer to a Russian
    // question; `д` is.
    t.keys(&["ы"]);
    t.wait_for("Взять другую версию?");
    t.keys(&["y"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        t.screen().contains("Взять другую версию?"),
        "{}",
        t.screen()
    );
    t.keys(&["д"]);
    t.wait_for("расхождение решено");
    t.wait_for("Расхождений нет");
    t.keys(&["q"]);
    t.wait_for("Дни приёма");
    t.keys(&["q"]);
    t.wait_exit();

    let listed = kezek_ok(&a, &["bundle", "conflicts"]);
    assert!(listed.contains("расхождений нет"), "{listed}");
    exchange(&a, &b, &stick, "a2");
    let listed = kezek_ok(&b, &["bundle", "conflicts"]);
    assert!(listed.contains("no conflicts"), "{listed}");
    let hash = |d: &Path| {
        let out = kezek_ok(d, &["check", "--hash"]);
        // The line's words are in the desk's language; the hash is the one 64-digit word.
        out.split_whitespace()
            .find(|w| w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{out}"))
    };
    assert_eq!(hash(&a), hash(&b), "both desks hold the same");
    let s = open_store(&b);
    let now = s.consultation(claim).unwrap().unwrap();
    assert_eq!(now.meta.rev, 3);
    let taken = now.fields.claimed.map(|m| m.minor);
    assert!(
        taken == Some(6_000_000) || taken == Some(7_000_000),
        "{taken:?}"
    );
}
