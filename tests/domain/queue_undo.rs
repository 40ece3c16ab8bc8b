//! Queue moves and undos in any order: the visit is always where the queue's own moves
//! could have taken it, and an undo puts back exactly the state before the move.

use chrono::{DateTime, Duration, Utc};
use kezek::domain::{Arrived, DeskId, Id, Lang, Meta, UndoError, Visit, VisitStatus};
use proptest::prelude::*;

use crate::common::props;

#[derive(Clone, Debug)]
enum Step {
    Move(VisitStatus),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::sample::select(vec![
            VisitStatus::Waiting,
            VisitStatus::WithOfficer,
            VisitStatus::Done,
            VisitStatus::LeftWithoutService,
        ])
        .prop_map(Step::Move),
        Just(Step::Undo),
    ]
}

fn arrived(t0: DateTime<Utc>) -> Visit {
    Visit::arrival(
        Meta::new(Id(7), DeskId(1), t0),
        Arrived {
            event: Id(1),
            person: Id(2),
            queue_no: 17,
            desk_name: "Desk 1".into(),
            purpose: "wages".into(),
            language: Lang::Ru,
        },
    )
}

/// The visit's history walks the queue's moves from waiting, and ends where it stands.
fn reachable(v: &Visit) -> bool {
    let mut at = VisitStatus::Waiting;
    for c in &v.history {
        if !at.can_move_to(c.status) {
            return false;
        }
        at = c.status;
    }
    at == v.status
}

proptest! {
    #![proptest_config(props())]

    #[test]
    fn any_moves_and_undos_leave_a_status_the_queue_allows(
        steps in proptest::collection::vec(step(), 0..40)
    ) {
        let t0 = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        let mut v = arrived(t0);
        // The states the visit went through, to check an undo goes back to the one before.
        let mut states = vec![v.clone()];
        for (i, s) in steps.iter().enumerate() {
            let at = t0 + Duration::minutes(i as i64 + 1);
            match s {
                Step::Move(to) => {
                    let allowed = v.status.can_move_to(*to);
                    prop_assert_eq!(v.transition(*to, at, "o").is_ok(), allowed);
                    if allowed {
                        states.push(v.clone());
                    }
                }
                Step::Undo => {
                    let last = v.history.last().map(|c| (c.status, c.at));
                    match v.undo_last(last, at, "o") {
                        Ok(u) => {
                            states.pop();
                            let before = states.last().unwrap();
                            prop_assert_eq!(u.back_to, before.status);
                            prop_assert_eq!(&v.history, &before.history);
                            prop_assert_eq!(Some((u.undone.status, u.undone.at)), last);
                        }
                        Err(e) => {
                            prop_assert_eq!(e, UndoError::NothingToUndo);
                            prop_assert!(states.len() == 1 && v.history.is_empty());
                        }
                    }
                }
            }
            prop_assert!(reachable(&v), "{:?} after {:?}", v, &steps[..=i]);
        }
    }
}
