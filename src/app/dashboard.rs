//! The dashboard: the report's figures for the current event or for everything, with a
//! drill-down from any row (a topic, an outcome, a referral target, a region, a sex or an
//! age band) to the persons behind it.

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
    /// The table shown beside the key figures (`Tab` changes it).
    pub section: Section,
    /// The selected row of that table.
    pub selected: usize,
    /// The persons behind the selected row, once asked for.
    pub drill: Option<Drill>,
    pub back: Screen,
}

/// The tables of the dashboard a row can be chosen in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Topics,
    Outcomes,
    Referrals,
    Regions,
    Sexes,
    Ages,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Topics,
        Section::Outcomes,
        Section::Referrals,
        Section::Regions,
        Section::Sexes,
        Section::Ages,
    ];

    fn step(self, by: isize) -> Section {
        let i = Section::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        let n = Section::ALL.len() as isize;
        Section::ALL[((i + by).rem_euclid(n)) as usize]
    }

    /// The message id of the table's heading.
    pub fn msg_id(self) -> &'static str {
        match self {
            Section::Topics => "report-topics",
            Section::Outcomes => "report-outcomes",
            Section::Referrals => "report-referrals",
            Section::Regions => "report-regions",
            Section::Sexes => "report-sexes",
            Section::Ages => "report-ages",
        }
    }
}

/// The rows of a table: (code, the number shown), in the report's order.
pub fn rows(r: &Report, section: Section) -> Vec<(&str, usize)> {
    match section {
        Section::Topics => r
            .topics
            .iter()
            .map(|t| (t.code.as_str(), t.consultations))
            .collect(),
        Section::Outcomes => r
            .outcomes
            .iter()
            .map(|c| (c.code.as_str(), c.records))
            .collect(),
        Section::Referrals => r
            .referrals
            .iter()
            .map(|c| (c.code.as_str(), c.records))
            .collect(),
        Section::Regions => r
            .regions
            .iter()
            .map(|c| (c.code.as_str(), c.persons))
            .collect(),
        Section::Sexes => r
            .sexes
            .iter()
            .map(|c| (c.code.as_str(), c.persons))
            .collect(),
        Section::Ages => r
            .ages
            .iter()
            .map(|c| (c.code.as_str(), c.persons))
            .collect(),
    }
}

/// The distinct persons behind a row. For a topic: those consulted on it and the members
/// of its appeals; for an outcome or referral: those of its consultations; for a region,
/// sex or age band: the visitors.
pub fn persons_behind(t: &Tally, section: Section, code: &str) -> Vec<Id> {
    let mut ids: Vec<Id> = match section {
        Section::Topics => {
            let mut v: Vec<Id> = t
                .by_topic
                .get(code)
                .map(|g| g.persons.iter().map(|n| t.people.id(*n)).collect())
                .unwrap_or_default();
            if let Some(a) = t.appeals.get(code) {
                v.extend(a.persons.iter().map(|n| t.people.id(*n)));
            }
            v
        }
        Section::Outcomes => t
            .by_outcome
            .get(code)
            .map(|g| g.persons.iter().map(|n| t.people.id(*n)).collect())
            .unwrap_or_default(),
        Section::Referrals => t
            .by_referral
            .get(code)
            .map(|g| g.persons.iter().map(|n| t.people.id(*n)).collect())
            .unwrap_or_default(),
        Section::Regions => t
            .by_region
            .get(code)
            .map(|s| s.iter().map(|n| t.people.id(*n)).collect())
            .unwrap_or_default(),
        Section::Sexes => t
            .by_sex
            .get(code)
            .map(|s| s.iter().map(|n| t.people.id(*n)).collect())
            .unwrap_or_default(),
        Section::Ages => t
            .by_age
            .get(code)
            .map(|s| s.iter().map(|n| t.people.id(*n)).collect())
            .unwrap_or_default(),
    };
    ids.sort();
    ids.dedup();
    ids
}

#[derive(Clone, Debug)]
pub struct Drill {
    pub section: Section,
    /// The row's code (a topic, outcome, referral, region, sex or age band).
    pub code: String,
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
        section: Section::Topics,
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
            d.selected = d
                .selected
                .min(rows(&report, d.section).len().saturating_sub(1));
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
    let n = d.report.as_ref().map_or(0, |r| rows(r, d.section).len());
    match command {
        c if c.moves_selection() => {
            move_selection(&mut d.selected, n, command);
            vec![]
        }
        Command::NextField | Command::PrevField => {
            d.section = d
                .section
                .step(if command == Command::NextField { 1 } else { -1 });
            d.selected = 0;
            vec![]
        }
        Command::Open | Command::Enter => {
            let (Some(r), Some(t)) = (&d.report, &d.tally) else {
                return vec![];
            };
            let Some((code, _)) = rows(r, d.section).get(d.selected).copied() else {
                return vec![];
            };
            let mut ids = persons_behind(t, d.section, code);
            let total = ids.len();
            ids.truncate(DRILL_LIMIT);
            d.drill = Some(Drill {
                section: d.section,
                code: code.to_string(),
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
