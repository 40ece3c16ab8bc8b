use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{Id, Meta};

/// Where a visit is in the queue. Allowed moves are `VisitStatus::can_move_to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VisitStatus {
    Waiting,
    WithOfficer,
    Done,
    LeftWithoutService,
}

impl VisitStatus {
    /// waiting -> with officer -> done; waiting or with officer -> left without service;
    /// with officer -> waiting (called, but sent back to the queue); left -> waiting (came
    /// back). Done is final: a finished visit is not reopened, a new visit is logged instead.
    pub fn can_move_to(self, to: VisitStatus) -> bool {
        use VisitStatus::*;
        matches!(
            (self, to),
            (Waiting, WithOfficer)
                | (Waiting, LeftWithoutService)
                | (WithOfficer, Done)
                | (WithOfficer, LeftWithoutService)
                | (WithOfficer, Waiting)
                | (LeftWithoutService, Waiting)
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            VisitStatus::Waiting => "waiting",
            VisitStatus::WithOfficer => "with-officer",
            VisitStatus::Done => "done",
            VisitStatus::LeftWithoutService => "left",
        }
    }

    pub fn msg_id(self) -> &'static str {
        match self {
            VisitStatus::Waiting => "status-waiting",
            VisitStatus::WithOfficer => "status-with-officer",
            VisitStatus::Done => "status-done",
            VisitStatus::LeftWithoutService => "status-left",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, VisitStatus::Done | VisitStatus::LeftWithoutService)
    }
}

/// Language the citizen was served in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    Ky,
    Ru,
    #[default]
    En,
}

impl Lang {
    /// In the order the interface cycles through them.
    pub const ALL: [Lang; 3] = [Lang::Ky, Lang::Ru, Lang::En];

    /// The language's own name as a message id.
    pub fn msg_id(self) -> &'static str {
        match self {
            Lang::Ky => "lang-ky",
            Lang::Ru => "lang-ru",
            Lang::En => "lang-en",
        }
    }

    /// The next one in `ALL`, for the one-key switch.
    pub fn next(self) -> Lang {
        match self {
            Lang::Ky => Lang::Ru,
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ky,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ky" => Some(Lang::Ky),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: VisitStatus,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub at: DateTime<Utc>,
    pub officer: String,
}

/// One citizen's visit to one event, with its place in a desk's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub meta: Meta,
    pub event: Id,
    pub person: Id,
    /// Per desk and event, from 1.
    pub queue_no: u32,
    pub desk_name: String,
    pub purpose: String,
    pub language: Lang,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub arrived: DateTime<Utc>,
    pub status: VisitStatus,
    /// Every status change, oldest first; the arrival itself is the implicit first entry.
    pub history: Vec<StatusChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a visit cannot go from {from:?} to {to:?}")]
pub struct TransitionError {
    pub from: VisitStatus,
    pub to: VisitStatus,
}

/// A queue move taken back (`Visit::undo_last`): the move as it was made, the status the
/// visit went back to, and who took it back when. The visit's history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoneMove {
    pub visit: Id,
    pub undone: StatusChange,
    pub back_to: VisitStatus,
    #[serde(with = "chrono::serde::ts_microseconds")]
    pub at: DateTime<Utc>,
    pub officer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UndoError {
    #[error("the visit has no move to undo: it is as it arrived")]
    NothingToUndo,
    #[error("the visit was moved again since; its last move is another one")]
    NotTheLast,
}

/// What a new visit starts from: who came to which event, their number in this desk's
/// queue and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrived {
    pub event: Id,
    pub person: Id,
    pub queue_no: u32,
    pub desk_name: String,
    pub purpose: String,
    pub language: Lang,
}

impl Visit {
    /// A visit as it starts: waiting, arrived when its record was made. The desk's save,
    /// the import and the demo all begin a visit here.
    pub fn arrival(meta: Meta, a: Arrived) -> Visit {
        Visit {
            arrived: meta.created,
            meta,
            event: a.event,
            person: a.person,
            queue_no: a.queue_no,
            desk_name: a.desk_name,
            purpose: a.purpose,
            language: a.language,
            status: VisitStatus::Waiting,
            history: Vec::new(),
        }
    }

    /// A visit that already went on before it reached this store (a register imported,
    /// the demo's past days): it is moved to `to` along the queue's own moves, called to an
    /// officer (or leaving) at `called` and done at `finished`. A status the queue could
    /// not reach that way is refused. The record is not touched: its last change is when
    /// it was made, as the register says.
    pub fn with_past(
        mut self,
        to: VisitStatus,
        called: DateTime<Utc>,
        finished: DateTime<Utc>,
        officer: &str,
    ) -> Result<Visit, TransitionError> {
        let path: &[(VisitStatus, DateTime<Utc>)] = match to {
            VisitStatus::Waiting => &[],
            VisitStatus::WithOfficer => &[(VisitStatus::WithOfficer, called)],
            VisitStatus::Done => &[
                (VisitStatus::WithOfficer, called),
                (VisitStatus::Done, finished),
            ],
            VisitStatus::LeftWithoutService => &[(VisitStatus::LeftWithoutService, called)],
        };
        for &(step, at) in path {
            if !self.status.can_move_to(step) {
                return Err(TransitionError {
                    from: self.status,
                    to: step,
                });
            }
            self.status = step;
            self.history.push(StatusChange {
                status: step,
                at,
                officer: officer.to_string(),
            });
        }
        Ok(self)
    }

    /// Moves the visit to `to`, time-stamped; the previous state stays in `history`.
    pub fn transition(
        &mut self,
        to: VisitStatus,
        at: DateTime<Utc>,
        officer: &str,
    ) -> Result<(), TransitionError> {
        if !self.status.can_move_to(to) {
            return Err(TransitionError {
                from: self.status,
                to,
            });
        }
        self.status = to;
        self.history.push(StatusChange {
            status: to,
            at,
            officer: officer.to_string(),
        });
        self.meta.touch(at);
        Ok(())
    }

    /// Takes back the visit's last move: the visit returns to the status it had before it
    /// (done to with an officer, left to waiting, called back to waiting, ...). The rule:
    /// only the last move that stands is taken back, and a second undo takes back the one
    /// before it, down to the arrival (which is not a move: a visit logged by mistake stays
    /// in the record). The move leaves `history`, so every figure read from it (minutes
    /// waited, when called) is as if it had not been made; it is kept in the `UndoneMove`
    /// returned, which the store keeps beside the visit. `expect`, when given, is the move
    /// the officer saw last: another move made since (on another desk) is not taken back
    /// in its place.
    pub fn undo_last(
        &mut self,
        expect: Option<(VisitStatus, DateTime<Utc>)>,
        at: DateTime<Utc>,
        officer: &str,
    ) -> Result<UndoneMove, UndoError> {
        let last = self.history.last().ok_or(UndoError::NothingToUndo)?;
        if expect.is_some_and(|(status, when)| (status, when) != (last.status, last.at)) {
            return Err(UndoError::NotTheLast);
        }
        let undone = self.history.pop().ok_or(UndoError::NothingToUndo)?;
        self.status = self
            .history
            .last()
            .map_or(VisitStatus::Waiting, |c| c.status);
        self.meta.touch(at);
        Ok(UndoneMove {
            visit: self.meta.id,
            undone,
            back_to: self.status,
            at,
            officer: officer.to_string(),
        })
    }

    /// Whole minutes the person waited: from arrival until first called to an officer or
    /// until they left; still counting (up to `now`) while waiting.
    pub fn minutes_waited(&self, now: DateTime<Utc>) -> i64 {
        let end = self
            .history
            .iter()
            .find(|c| {
                matches!(
                    c.status,
                    VisitStatus::WithOfficer | VisitStatus::LeftWithoutService
                )
            })
            .map(|c| c.at)
            .unwrap_or(now);
        (end - self.arrived).num_minutes().max(0)
    }
}

/// Dates as the language writes them: ISO `2026-12-01` for English (partners read it
/// unambiguously), `01.12.2026` for Russian and Kyrgyz. Files for machines keep ISO.
pub fn format_date(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::Ru | Lang::Ky => d.format("%d.%m.%Y").to_string(),
    }
}

/// A local date and time, as `format_date` writes the date, then `HH:MM`.
pub fn format_date_time(t: chrono::NaiveDateTime, lang: Lang) -> String {
    format!("{} {}", format_date(t.date(), lang), t.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeskId;
    use VisitStatus::*;
    use chrono::Duration;

    fn visit(at: DateTime<Utc>) -> Visit {
        Visit {
            meta: Meta::new(Id(7), DeskId(1), at),
            event: Id(1),
            person: Id(2),
            queue_no: 1,
            desk_name: "Desk 1".into(),
            purpose: "wages".into(),
            language: Lang::Ky,
            arrived: at,
            status: Waiting,
            history: vec![],
        }
    }

    #[test]
    fn a_visit_begins_waiting_and_its_past_follows_the_queues_moves() {
        let at = Utc::now();
        let begun = Visit::arrival(
            Meta::new(Id(7), DeskId(1), at),
            Arrived {
                event: Id(1),
                person: Id(2),
                queue_no: 4,
                desk_name: "Desk 1".into(),
                purpose: "wages".into(),
                language: Lang::Ky,
            },
        );
        assert_eq!((begun.status, begun.arrived), (Waiting, at));
        assert!(begun.history.is_empty());
        let (called, done) = (at + Duration::minutes(10), at + Duration::minutes(30));
        let finished = begun.clone().with_past(Done, called, done, "o").unwrap();
        let steps: Vec<_> = finished.history.iter().map(|c| (c.status, c.at)).collect();
        assert_eq!(steps, vec![(WithOfficer, called), (Done, done)]);
        assert_eq!(
            finished.meta, begun.meta,
            "a past brought in is not a new change"
        );
        let left = begun
            .clone()
            .with_past(LeftWithoutService, called, done, "o");
        assert_eq!(left.unwrap().history.len(), 1);
        assert!(
            begun
                .clone()
                .with_past(Waiting, called, done, "o")
                .unwrap()
                .history
                .is_empty()
        );
        // Only from the start: a visit already done has no way back to being served.
        assert!(finished.with_past(Done, called, done, "o").is_err());
    }

    #[test]
    fn transition_table() {
        let all = [Waiting, WithOfficer, Done, LeftWithoutService];
        let allowed: Vec<_> = all
            .iter()
            .flat_map(|a| all.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.can_move_to(*b))
            .collect();
        assert_eq!(
            allowed,
            vec![
                (Waiting, WithOfficer),
                (Waiting, LeftWithoutService),
                (WithOfficer, Waiting),
                (WithOfficer, Done),
                (WithOfficer, LeftWithoutService),
                (LeftWithoutService, Waiting),
            ]
        );
        assert!(Done.is_final() && LeftWithoutService.is_final() && !Waiting.is_final());
    }

    #[test]
    fn transitions_are_time_stamped_and_kept() {
        let t0 = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        let mut v = visit(t0);
        v.transition(WithOfficer, t0 + Duration::minutes(17), "Aibek")
            .unwrap();
        v.transition(Done, t0 + Duration::minutes(30), "Aibek")
            .unwrap();
        assert_eq!(v.status, Done);
        assert_eq!(v.history.len(), 2);
        assert_eq!(v.history[0].at, t0 + Duration::minutes(17));
        assert_eq!(v.meta.rev, 3);
        let err = v.transition(Waiting, t0, "x").unwrap_err();
        assert_eq!(
            err,
            TransitionError {
                from: Done,
                to: Waiting
            }
        );
        assert_eq!(v.history.len(), 2, "a refused move changes nothing");
    }

    #[test]
    fn undo_takes_back_the_last_move_then_the_one_before_down_to_the_arrival() {
        let t0 = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        let at = |m| t0 + Duration::minutes(m);
        let mut v = visit(t0);
        v.transition(WithOfficer, at(10), "Aibek").unwrap();
        v.transition(Done, at(30), "Aibek").unwrap();
        // Done is final for the queue's moves; an undo is the way back.
        assert!(v.transition(WithOfficer, at(31), "x").is_err());
        let u = v.undo_last(Some((Done, at(30))), at(32), "Jyldyz").unwrap();
        assert_eq!(
            (v.status, u.back_to, u.undone.status),
            (WithOfficer, WithOfficer, Done)
        );
        assert_eq!(
            (u.undone.at, u.at, u.officer.as_str()),
            (at(30), at(32), "Jyldyz")
        );
        assert_eq!(v.meta.rev, 4, "an undo is a change of the visit");
        assert_eq!(v.meta.updated, at(32));
        // The move the officer saw is no longer the last: nothing is taken back for it.
        let before = v.clone();
        assert_eq!(
            v.undo_last(Some((Done, at(30))), at(33), "x"),
            Err(UndoError::NotTheLast)
        );
        assert_eq!(v, before, "a refused undo changes nothing");
        // A second undo takes back the call: the wait is counting again.
        v.undo_last(None, at(33), "x").unwrap();
        assert_eq!(v.status, Waiting);
        assert!(v.history.is_empty());
        assert_eq!(
            v.minutes_waited(at(40)),
            40,
            "the mistaken call does not end the wait"
        );
        assert_eq!(
            v.undo_last(None, at(41), "x"),
            Err(UndoError::NothingToUndo)
        );
        // No-show taken back: waiting again, as if they never left.
        v.transition(LeftWithoutService, at(50), "x").unwrap();
        assert_eq!(v.undo_last(None, at(51), "x").unwrap().back_to, Waiting);
        assert_eq!(v.minutes_waited(at(60)), 60);
    }

    #[test]
    fn minutes_waited_stops_when_called_or_left() {
        let t0 = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        let mut v = visit(t0);
        assert_eq!(v.minutes_waited(t0 + Duration::seconds(125)), 2);
        assert_eq!(
            v.minutes_waited(t0 - Duration::minutes(5)),
            0,
            "clock skew is not negative"
        );
        v.transition(WithOfficer, t0 + Duration::minutes(17), "a")
            .unwrap();
        assert_eq!(v.minutes_waited(t0 + Duration::hours(3)), 17);
        let mut w = visit(t0);
        w.transition(LeftWithoutService, t0 + Duration::minutes(40), "a")
            .unwrap();
        assert_eq!(w.minutes_waited(t0 + Duration::hours(3)), 40);
    }
}
