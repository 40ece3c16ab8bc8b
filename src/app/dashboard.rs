//! The dashboard: the report's figures for the current event or for everything, with a
//! drill-down from a topic to the persons behind it.

use super::keymap::Command;
use super::state::{Action, Effect, Screen, State};
use super::update::{move_selection, open_card, return_to};
use crate::domain::report::{Period, Report, Tally};
use crate::domain::{Id, Person};

#[derive(Clone, Debug)]
pub struct DashboardScreen {
    pub period: Period,
    /// The event's date and city, or none for all records.
    pub title: Option<String>,
    pub report: Option<Report>,
    pub tally: Option<Tally>,
    /// The selected topic row.
    pub selected: usize,
    /// The persons behind the selected row, once asked for.
    pub drill: Option<Drill>,
    pub back: Screen,
}

#[derive(Clone, Debug)]
pub struct Drill {
    pub topic: String,
    /// Persons behind the row in all (at most `DRILL_LIMIT` of them are listed).
    pub total: usize,
    pub persons: Vec<Person>,
    pub selected: usize,
}

pub fn open(state: &mut State, period: Period, title: Option<String>, back: Screen) -> Vec<Effect> {
    state.dashboard = Some(DashboardScreen {
        period: period.clone(),
        title,
        report: None,
        tally: None,
        selected: 0,
        drill: None,
        back,
    });
    state.screen = Screen::Dashboard;
    vec![Effect::LoadDashboard {
        period,
        today: state.today(),
        offset_min: state.ctx.local_offset_min,
    }]
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(d) = state.dashboard.as_mut() else {
        return vec![];
    };
    match action {
        Action::DashboardLoaded { report, tally } => {
            d.selected = d.selected.min(report.topics.len().saturating_sub(1));
            d.report = Some(*report);
            d.tally = Some(*tally);
        }
        Action::PersonsLoaded(mut persons) => {
            if let Some(drill) = d.drill.as_mut() {
                persons.sort_by_key(|p| p.fields.full_name().to_lowercase());
                drill.persons = persons;
                drill.selected = 0;
            }
        }
        _ => {}
    }
    vec![]
}

/// Persons shown at most in a drill-down (the rest are counted in the figures).
pub const DRILL_LIMIT: usize = 500;

pub fn command(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(d) = state.dashboard.as_mut() else {
        return vec![];
    };
    if let Some(drill) = d.drill.as_mut() {
        match command {
            c if c.moves_selection() => {
                let len = drill.persons.len();
                move_selection(&mut drill.selected, len, command);
            }
            Command::Open | Command::Enter => {
                if let Some(p) = drill.persons.get(drill.selected) {
                    let id = p.meta.id;
                    return open_card(state, id, Screen::Dashboard);
                }
            }
            Command::Back => d.drill = None,
            _ => {}
        }
        return vec![];
    }
    let rows = d.report.as_ref().map_or(0, |r| r.topics.len());
    match command {
        c if c.moves_selection() => {
            move_selection(&mut d.selected, rows, command);
            vec![]
        }
        Command::Open | Command::Enter => {
            let (Some(r), Some(t)) = (&d.report, &d.tally) else {
                return vec![];
            };
            let Some(line) = r.topics.get(d.selected) else {
                return vec![];
            };
            let mut ids: Vec<Id> = t
                .by_topic
                .get(&line.code)
                .map(|g| g.persons.iter().copied().collect())
                .unwrap_or_default();
            if let Some(a) = t.appeals.get(&line.code) {
                ids.extend(a.persons.iter().copied());
            }
            ids.sort();
            ids.dedup();
            let total = ids.len();
            ids.truncate(DRILL_LIMIT);
            d.drill = Some(Drill {
                topic: line.code.clone(),
                total,
                persons: vec![],
                selected: 0,
            });
            vec![Effect::LoadPersons(ids)]
        }
        Command::Back => {
            let back = d.back;
            state.dashboard = None;
            return_to(state, back)
        }
        _ => vec![],
    }
}
