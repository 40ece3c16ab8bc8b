//! The dashboard on a real store: figures for everything and for the event, snapshots at
//! 80x24 and 160x48, and the drill-down from a topic to the persons and their cards.

use crate::common::rig::*;
use kezek::app::Screen;
use kezek::app::keymap::Key;
use kezek::app::pages::DashboardPage;

#[test]
fn dashboard_figures_snapshots_and_drill_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Char('r'));
    assert_eq!(r.s.screen(), Screen::Dashboard);
    let rep = r.s.page::<DashboardPage>().unwrap().report.clone().unwrap();
    // Three arrivals (waiting), two consultations about unpaid wages with 80,000 and 60,000.
    assert_eq!((rep.visits.total, rep.visits.persons), (3, 3));
    assert_eq!((rep.consultations, rep.consulted_persons), (2, 2));
    assert_eq!(rep.topics[0].code, "wages.unpaid");
    assert_eq!(
        kezek::domain::report::amount_of(&rep.amounts.claimed, kezek::domain::Currency::Rub),
        140_000 * 100
    );
    insta::assert_snapshot!("dashboard_80x24", r.screen());
    insta::assert_snapshot!("dashboard_160x48", r.screen_sized(160, 48));
    // F9 switches the whole screen: Kyrgyz, then Russian, then back to English.
    r.key(Key::F(9));
    let ky = r.screen();
    assert!(
        ky.contains("Көрсөткүчтөр") && ky.contains("Эмгек акынын"),
        "{ky}"
    );
    insta::assert_snapshot!("dashboard_ky_80x24", ky);
    r.key(Key::F(9));
    let ru = r.screen();
    assert!(
        ru.contains("Показатели") && ru.contains("140\u{a0}000,00 руб."),
        "{ru}"
    );
    insta::assert_snapshot!("dashboard_ru_80x24", ru);
    r.key(Key::F(9));
    assert_eq!(r.s.ctx.language, kezek::domain::Lang::En);
    // The persons behind unpaid wages, then one of them.
    r.key(Key::Enter);
    let drill = r.s.page::<DashboardPage>().unwrap().drill.clone().unwrap();
    assert_eq!(drill.persons.len(), 2);
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::PersonCard);
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Dashboard);
    r.key(Key::Esc); // closes the drill-down
    assert!(r.s.page::<DashboardPage>().unwrap().drill.is_none());
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Events);
    // From the queue: the figures of that event.
    r.keys(&[Key::Enter, Key::Char('r')]);
    let d = r.s.page::<DashboardPage>().unwrap();
    assert!(d.title.as_ref().unwrap().contains("Москва"));
    assert_eq!(d.report.as_ref().unwrap().visits.total, 3);
    r.key(Key::Esc);
    assert_eq!(r.s.screen(), Screen::Queue);
}

#[test]
fn every_table_drills_down_to_its_persons() {
    use kezek::app::dashboard::Section;
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.key(Key::Char('r'));
    let rep = r.s.page::<DashboardPage>().unwrap().report.clone().unwrap();
    // Tab walks the tables; BackTab goes back.
    let mut seen = vec![];
    for _ in 0..Section::ALL.len() {
        seen.push(r.s.page::<DashboardPage>().unwrap().section);
        r.key(Key::Tab);
    }
    assert_eq!(seen, Section::ALL.to_vec());
    assert_eq!(
        r.s.page::<DashboardPage>().unwrap().section,
        Section::Topics
    );
    r.key(Key::BackTab);
    assert_eq!(r.s.page::<DashboardPage>().unwrap().section, Section::Ages);
    // Regions: the three visitors of the rig all come from Osh region.
    r.keys(&[Key::Tab, Key::Tab, Key::Tab, Key::Tab]);
    assert_eq!(
        r.s.page::<DashboardPage>().unwrap().section,
        Section::Regions
    );
    assert_eq!(rep.regions[0].persons, 3);
    insta::assert_snapshot!("dashboard_regions_80x24", r.screen());
    r.key(Key::Enter);
    let drill = r.s.page::<DashboardPage>().unwrap().drill.clone().unwrap();
    assert_eq!(
        (drill.section, drill.code.as_str()),
        (Section::Regions, "osh")
    );
    assert_eq!(drill.total, 3);
    assert_eq!(drill.persons.len(), 3);
    assert!(
        r.screen().contains("Osh region: 3 persons"),
        "{}",
        r.screen()
    );
    r.key(Key::Esc);
    // Outcomes: the two consultations' outcome, with the two persons behind it.
    r.keys(&[Key::BackTab, Key::BackTab]);
    assert_eq!(
        r.s.page::<DashboardPage>().unwrap().section,
        Section::Outcomes
    );
    r.key(Key::Enter);
    let drill = r.s.page::<DashboardPage>().unwrap().drill.clone().unwrap();
    assert_eq!(drill.code, rep.outcomes[0].code);
    assert_eq!(drill.total, rep.outcomes[0].persons);
    assert_eq!(drill.persons.len(), 2);
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::PersonCard);
}
