//! One event's queue: arrivals in order, their status, and what opens from a row.

use super::{arrival, card, consultation, dashboard, follow_ups};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect, Printed};
use crate::app::page::{Outcome, Page, Returned};
use crate::app::state::{Cx, FlashKind};
use crate::app::widgets::move_selection;
use crate::domain::report::Period;
use crate::domain::{Event, QueueEntry, VisitStatus};
use crate::i18n::Arg;

#[derive(Clone, Debug)]
pub struct QueuePage {
    pub event: Event,
    pub rows: Vec<QueueEntry>,
    pub selected: usize,
    pub loading: bool,
    /// Visits whose move or undo was asked for and not yet answered (a slow disk): an
    /// undo pressed meanwhile takes back that move once it is saved, rather than being told
    /// there is nothing to undo by the row as it was.
    pub moving: Vec<crate::domain::Id>,
}

impl QueuePage {
    pub fn selected_row(&self) -> Option<&QueueEntry> {
        self.rows.get(self.selected)
    }
}

/// Opens an event's queue; its rows load into it.
pub fn open(event: Event) -> Outcome {
    let id = event.meta.id;
    Outcome::push(Page::Queue(loading(event)), vec![Effect::LoadQueue(id)])
}

/// A queue page whose rows are being read.
pub fn loading(event: Event) -> QueuePage {
    QueuePage {
        event,
        rows: vec![],
        selected: 0,
        loading: true,
        moving: vec![],
    }
}

impl QueuePage {
    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let to = match command {
            Command::NewArrival => {
                let page = arrival::new(self.event.meta.id, cx.lang());
                return Outcome::push(Page::Arrival(page), vec![]);
            }
            Command::Back => return Outcome::back(vec![]),
            Command::Call => VisitStatus::WithOfficer,
            Command::Done => VisitStatus::Done,
            Command::LeftWithoutService => VisitStatus::LeftWithoutService,
            Command::ReturnToQueue => VisitStatus::Waiting,
            Command::Undo => return self.undo(cx),
            Command::NewConsultation
            | Command::PersonCard
            | Command::FollowUps
            | Command::Slip
            | Command::PrintSlip => {
                return self.row_command(cx, command);
            }
            Command::Dashboard => {
                let e = &self.event;
                let title = format!("{} · {}", e.fields.date.format("%Y-%m-%d"), e.fields.city);
                return dashboard::open(cx, Period::Event(e.meta.id), Some(title));
            }
            c if c.moves_selection() => {
                move_selection(&mut self.selected, self.rows.len(), command);
                return Outcome::none();
            }
            _ => return Outcome::none(),
        };
        let Some(row) = self.selected_row() else {
            return Outcome::none();
        };
        let (from, visit, number) = (row.visit.status, row.visit.meta.id, row.visit.queue_no);
        // With a move of this visit still being saved the row shows the status before it
        // (`с` then `в` at once on a slow disk): the store judges under its lock, in order.
        if !from.can_move_to(to) && !self.moving.contains(&visit) {
            cx.flash(
                "flash-cannot-move",
                vec![
                    ("number", number.into()),
                    ("from", Arg::Msg(from.msg_id())),
                    ("to", Arg::Msg(to.msg_id())),
                ],
                FlashKind::Error,
            );
            return Outcome::none();
        }
        self.moving.push(visit);
        Outcome::effects(vec![Effect::SetStatus { visit, to }])
    }

    /// Takes back the selected visit's last move; one as it arrived has none, and is told
    /// so here rather than by a refusal from the store.
    fn undo(&mut self, cx: &mut Cx) -> Outcome {
        let Some(row) = self.selected_row() else {
            return Outcome::none();
        };
        let visit = row.visit.meta.id;
        if row.visit.history.is_empty() && !self.moving.contains(&visit) {
            let args = vec![
                ("number", cx.ctx.queue_label(&row.visit).into()),
                ("status", Arg::Msg(row.visit.status.msg_id())),
            ];
            cx.flash("flash-nothing-to-undo", args, FlashKind::Error);
            return Outcome::none();
        }
        self.moving.push(visit);
        Outcome::effects(vec![Effect::UndoStatus(visit)])
    }

    /// What opens from the selected row (follow-ups open without one too).
    fn row_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        let Some(row) = self.selected_row().cloned() else {
            if command == Command::FollowUps {
                return follow_ups::open(cx);
            }
            return Outcome::none();
        };
        match command {
            Command::NewConsultation => {
                let tax = cx.taxonomy();
                let mut form = consultation::blank(
                    &tax,
                    cx.lang(),
                    row.visit.event,
                    row.visit.meta.id,
                    row.person_name(),
                    row.visit.queue_no,
                );
                form.queue_desk = Some(row.visit.meta.desk);
                Outcome::push(Page::Consultation(form), vec![])
            }
            Command::PersonCard => card::open(row.visit.person),
            Command::Slip => Outcome::effects(vec![Effect::WriteSlip {
                visit: row.visit.meta.id,
                letter: cx.ctx.desk_letter.clone(),
            }]),
            Command::PrintSlip => Outcome::effects(vec![Effect::PrintSlip {
                visit: row.visit.meta.id,
                letter: cx.ctx.desk_letter.clone(),
                printer: cx.ctx.printer.clone(),
            }]),
            Command::FollowUps => follow_ups::open(cx),
            _ => Outcome::none(),
        }
    }

    pub fn on_result(&mut self, cx: &mut Cx, a: Action) -> Result<Outcome, Action> {
        match a {
            Action::QueueLoaded { event, rows } => {
                self.selected = rows.len().saturating_sub(1);
                self.event = event;
                self.rows = rows;
                self.loading = false;
            }
            Action::VisitUpdated(visit) => {
                self.answered(visit.meta.id);
                let args = vec![
                    ("number", cx.ctx.queue_label(&visit).into()),
                    ("status", Arg::Msg(visit.status.msg_id())),
                ];
                if let Some(row) = self
                    .rows
                    .iter_mut()
                    .find(|r| r.visit.meta.id == visit.meta.id)
                {
                    row.visit = visit;
                }
                cx.flash("flash-status-saved", args, FlashKind::Info);
            }
            Action::VisitUndone { visit, undone } => {
                self.answered(visit.meta.id);
                let args = vec![
                    ("number", cx.ctx.queue_label(&visit).into()),
                    ("status", Arg::Msg(undone.back_to.msg_id())),
                    ("undone", Arg::Msg(undone.undone.status.msg_id())),
                ];
                if let Some(row) = self
                    .rows
                    .iter_mut()
                    .find(|r| r.visit.meta.id == visit.meta.id)
                {
                    row.visit = *visit;
                }
                cx.flash("flash-undone", args, FlashKind::Info);
            }
            Action::SlipWritten(path) => {
                cx.flash(
                    "flash-slip-written",
                    vec![("path", shown_path(&path).into())],
                    FlashKind::Info,
                );
            }
            Action::SlipPrinted { path, printed } => {
                let (id, mut args, kind) = match printed {
                    Printed::Sent => ("flash-slip-printed", vec![], FlashKind::Info),
                    Printed::NoPrinter => ("flash-slip-no-printer", vec![], FlashKind::Info),
                    Printed::Refused(reason) => (
                        "flash-slip-print-refused",
                        vec![("reason", reason.into())],
                        FlashKind::Error,
                    ),
                };
                args.push(("path", shown_path(&path).into()));
                cx.flash(id, args, kind);
            }
            other => return Err(other),
        }
        Ok(Outcome::none())
    }

    /// One move or undo of `visit` answered.
    fn answered(&mut self, visit: crate::domain::Id) {
        if let Some(i) = self.moving.iter().position(|v| *v == visit) {
            self.moving.remove(i);
        }
    }

    pub fn on_return(&mut self, cx: &mut Cx, with: Option<Returned>) -> Outcome {
        if let Some(Returned::ArrivalSaved(entry)) = with
            && entry.visit.event == self.event.meta.id
        {
            // Saved all the same (a citizen may come back the same day), but the desk is
            // told: twice in one queue is most often one arrival logged twice.
            let v = &entry.visit;
            if let Some(earlier) = self
                .rows
                .iter()
                .find(|r| r.visit.person == v.person && r.visit.meta.id != v.meta.id)
            {
                let args = vec![
                    ("number", v.queue_no.into()),
                    ("name", entry.person_name().into()),
                    ("earlier", earlier.visit.queue_no.into()),
                ];
                cx.flash("flash-arrival-twice", args, FlashKind::Error);
            }
            self.rows.push(*entry);
            self.selected = self.rows.len() - 1;
        }
        Outcome::none()
    }
}

/// A slip's path as the one-line flash shows it: the home folder as `~`, so that at 80
/// columns the file's own name is not what gets cut.
fn shown_path(path: &str) -> String {
    home_as_tilde(path, std::env::var("HOME").ok().as_deref())
}

fn home_as_tilde(path: &str, home: Option<&str>) -> String {
    match home.map(|h| h.trim_end_matches('/')) {
        Some(h) if !h.is_empty() => match path.strip_prefix(h) {
            Some(rest) if rest.starts_with('/') => format!("~{rest}"),
            _ => path.to_string(),
        },
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::home_as_tilde;

    #[test]
    fn the_home_folder_is_shown_as_a_tilde_and_nothing_else_is() {
        let p = "/home/aida/.local/share/kezek/slips/2026-12-07-B-001.html";
        let shown = "~/.local/share/kezek/slips/2026-12-07-B-001.html";
        assert_eq!(home_as_tilde(p, Some("/home/aida")), shown);
        assert_eq!(home_as_tilde(p, Some("/home/aida/")), shown);
        // Another user whose name begins the same, no home, a root home: unchanged.
        assert_eq!(home_as_tilde(p, Some("/home/ai")), p);
        assert_eq!(home_as_tilde(p, None), p);
        assert_eq!(home_as_tilde(p, Some("/")), p);
        assert_eq!(home_as_tilde(p, Some("")), p);
    }
}
