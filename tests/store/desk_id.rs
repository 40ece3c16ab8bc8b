//! The desk id file lost from a store that holds records: this desk's queue numbers must
//! not start again at 1 under a new id.

use crate::common::*;
use kezek::domain::PersonPick;

#[test]
fn a_lost_desk_id_is_taken_back_from_the_journal_so_queue_numbers_go_on() {
    let dir = tempdir();
    let ids = store_with_arrivals(dir.path(), 3);
    let desk = std::fs::read_to_string(dir.path().join("desk-id")).unwrap();
    std::fs::remove_file(dir.path().join("desk-id")).unwrap();
    let store = open_store(dir.path());
    assert_eq!(format!("{}\n", store.desk()), desk, "the same desk");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("desk-id")).unwrap(),
        desk,
        "and its file written back"
    );
    let event = store.visit(ids[0]).unwrap().unwrap().event;
    let v = store
        .add_arrival(
            arrival(
                event,
                PersonPick::New(person_fields("Асанов", "Бакыт")),
                "x",
            ),
            "a",
        )
        .unwrap()
        .visit;
    assert_eq!(v.queue_no, 4, "numbering goes on, no second No 1");
}

#[test]
fn a_lost_desk_id_of_a_store_with_several_desks_is_refused_and_nothing_changes() {
    let dir = tempdir();
    store_with_arrivals(dir.path(), 2);
    // A second desk's ops in the same journal (as a merge of their records would add).
    std::fs::remove_file(dir.path().join("desk-id")).unwrap();
    std::fs::write(dir.path().join("desk-id"), "12345\n").unwrap();
    {
        let store = open_store(dir.path());
        let event = store.create_event(event_fields("Ош"), "b").unwrap().meta.id;
        let _ = event;
    }
    std::fs::remove_file(dir.path().join("desk-id")).unwrap();
    let journal = std::fs::read(dir.path().join("journal.kzj")).unwrap();
    let Err(e) = kezek::store::Store::open(dir.path(), &Default::default()) else {
        panic!("opened without knowing its desk");
    };
    let said = e.to_string();
    assert!(
        said.contains("2 desks") && said.contains("backup"),
        "{said}"
    );
    assert!(!dir.path().join("desk-id").exists(), "no desk id guessed");
    assert_eq!(
        std::fs::read(dir.path().join("journal.kzj")).unwrap(),
        journal
    );
}
