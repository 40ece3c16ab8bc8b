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
    assert_eq!(drill.total, Some(3));
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
    assert_eq!(drill.total, Some(rep.outcomes[0].persons));
    assert_eq!(drill.persons.len(), 2);
    r.key(Key::Enter);
    assert_eq!(r.s.screen(), Screen::PersonCard);
}

/// The demo's shape scaled to the 100,000-person store's figures (300,000 visits).
fn at_scale(r: &mut Rig) {
    let d = r.s.page_mut::<DashboardPage>().unwrap();
    let rep = d.report.as_mut().unwrap();
    let k = 100;
    rep.visits.total *= k;
    rep.visits.persons *= k;
    rep.visits.served *= k;
    rep.visits.left_without_service = 7_512;
    rep.consultations *= k;
    rep.consulted_persons *= k;
    rep.appeals *= k;
    rep.appeal_persons *= k;
    rep.open_follow_ups = 33_416;
    rep.overdue_follow_ups = 30_102;
    for x in rep
        .regions
        .iter_mut()
        .chain(&mut rep.sexes)
        .chain(&mut rep.ages)
    {
        x.persons *= k;
    }
    for t in &mut rep.topics {
        t.consultations *= k;
        t.persons *= k;
    }
    for o in &mut rep.outcomes {
        o.records *= k;
    }
}

/// Runs of four or more digits with no group separator, outside the header's clock.
fn ungrouped(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in screen.lines().skip(1) {
        let mut run = String::new();
        for c in line.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() {
                run.push(c);
            } else {
                if run.len() >= 4 {
                    found.push(run.clone());
                }
                run.clear();
            }
        }
    }
    found
}

#[test]
fn at_80x24_the_figures_of_a_big_store_are_whole_grouped_and_every_region_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::common::open_store(dir.path());
    crate::common::demo(&store, 600, 2, 7);
    let mut r = app_on(store, kezek::domain::Lang::En, crate::common::t0());
    r.key(Key::Char('r'));
    at_scale(&mut r);
    let rep = r.s.page::<DashboardPage>().unwrap().report.clone().unwrap();
    assert!(rep.regions.len() > 6, "the demo has many regions");
    for _ in 0..3 {
        let lang = r.s.ctx.language.code();
        let text = r.screen();
        if lang == "en" {
            insta::assert_snapshot!("dashboard_at_scale_80x24", text);
        }
        // The figures column: never a number cut short.
        let left: Vec<String> = text
            .lines()
            .map(|l| l.chars().skip(1).take(38).collect())
            .collect();
        assert!(
            !left.iter().any(|l| l.contains('…') && !l.contains("… ")),
            "{lang}: a figure cut:\n{text}"
        );
        assert!(
            text.contains("7,512") || text.contains("7\u{a0}512"),
            "{lang}:\n{text}"
        );
        assert!(
            ungrouped(&text).is_empty(),
            "{lang}: {:?}\n{text}",
            ungrouped(&text)
        );
        // Regions shown (the rows under the title, before sex), and the rest counted; or
        // no room for them at all, and the screen says where they are.
        let title = ["Region of origin", "Область (откуда)", "Кайсы облустан"];
        let Some(start) = left
            .iter()
            .position(|l| title.iter().any(|t| l.starts_with(t)))
        else {
            let said = [
                "Regions, sex, age: see Tab.",
                "Регионы, пол, возраст: Tab.",
                "Аймак, жыныс, курак: Tab.",
            ];
            assert!(said.iter().any(|s| text.contains(s)), "{lang}:\n{text}");
            r.key(Key::F(9));
            continue;
        };
        let rows: Vec<&String> = left[start + 1..]
            .iter()
            .take_while(|l| l.starts_with("  "))
            .collect();
        let shown = rows
            .iter()
            .filter(|l| !l.trim_start().starts_with('…'))
            .count();
        assert!(shown >= 1, "{lang}:\n{text}");
        let more = rep.regions.len() - shown;
        if more > 0 {
            let said = [
                format!("and {more} more"),
                format!("ещё {more}"),
                format!("дагы {more}"),
            ];
            assert!(
                said.iter().any(|s| text.contains(s.as_str())),
                "{lang}: {more} regions left out without a word:\n{text}"
            );
        }
        r.key(Key::F(9));
    }
}

/// A drill-down's persons come from the store after `Enter`; a result for a row closed
/// since (Esc, then another row) does not fill the row open now.
#[test]
fn a_drill_down_result_for_another_row_is_dropped() {
    use kezek::app::dashboard::Section;
    use kezek::app::msg::Action;
    let dir = tempfile::tempdir().unwrap();
    let mut r = rig(dir.path());
    r.keys(&[Key::Char('r'), Key::Enter]);
    let d = r.s.page_mut::<DashboardPage>().unwrap();
    let open = d.drill.clone().unwrap();
    assert_eq!((open.section, open.total), (Section::Topics, Some(2)));
    let stale = Action::DrillLoaded {
        section: Section::Regions,
        code: "osh".into(),
        total: 3,
        persons: vec![],
    };
    assert!(d.on_result(stale).is_ok());
    let now = d.drill.as_ref().unwrap();
    assert_eq!(
        (now.code.as_str(), now.total),
        (open.code.as_str(), Some(2))
    );
    assert_eq!(now.persons.len(), 2);
}
