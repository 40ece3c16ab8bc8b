//! The dashboard: the report's figures for the current event or for everything, with a
//! drill-down from any row (a topic, an outcome, a referral target, a region, a sex or an
//! age band) to the persons behind it. The page keeps the figures only: the person sets
//! behind them (the tally) are counted again from the store when a row is opened.

use super::{card, export};
use crate::app::keymap::Command;
use crate::app::msg::{Action, Effect};
use crate::app::page::{Outcome, Page};
use crate::app::state::Cx;
use crate::app::widgets::move_selection;
use crate::domain::report::{Period, Report, Tally};
use crate::domain::{Id, Person};

#[derive(Clone, Debug)]
pub struct DashboardPage {
    pub period: Period,
    /// The event's date and city, or none for all records.
    pub title: Option<String>,
    pub report: Option<Report>,
    /// The table shown beside the key figures (`Tab` changes it).
    pub section: Section,
    /// The selected row of that table.
    pub selected: usize,
    /// The persons behind the selected row, once asked for.
    pub drill: Option<Drill>,
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
    /// Persons behind the row in all (at most `DRILL_LIMIT` of them are listed); none
    /// until they are loaded.
    pub total: Option<usize>,
    pub persons: Vec<Person>,
    pub selected: usize,
}

pub fn open(cx: &Cx, period: Period, title: Option<String>) -> Outcome {
    let page = DashboardPage {
        period: period.clone(),
        title,
        report: None,
        section: Section::Topics,
        selected: 0,
        drill: None,
    };
    let load = Effect::LoadDashboard {
        period,
        today: cx.today(),
        offset_min: cx.zone().offset_min,
    };
    Outcome::push(Page::Dashboard(page), vec![load])
}

/// Persons shown at most in a drill-down (the rest are counted in the figures).
pub const DRILL_LIMIT: usize = 500;

impl DashboardPage {
    pub fn on_result(&mut self, action: Action) -> Result<Outcome, Action> {
        match action {
            Action::DashboardLoaded(report) => {
                self.selected = self
                    .selected
                    .min(rows(&report, self.section).len().saturating_sub(1));
                self.report = Some(*report);
            }
            Action::DrillLoaded {
                section,
                code,
                total,
                mut persons,
            } => {
                let open = self.drill.as_mut();
                if let Some(drill) = open.filter(|d| d.section == section && d.code == code) {
                    persons.sort_by_key(|p| p.fields.full_name().to_lowercase());
                    drill.total = Some(total);
                    drill.persons = persons;
                    drill.selected = 0;
                }
            }
            other => return Err(other),
        }
        Ok(Outcome::none())
    }

    pub fn on_command(&mut self, cx: &mut Cx, command: Command) -> Outcome {
        if command == Command::Export {
            return export::open(cx, self);
        }
        if let Some(drill) = self.drill.as_mut() {
            match command {
                c if c.moves_selection() => {
                    let len = drill.persons.len();
                    move_selection(&mut drill.selected, len, command);
                }
                Command::Open | Command::Enter => {
                    if let Some(p) = drill.persons.get(drill.selected) {
                        return card::open(p.meta.id);
                    }
                }
                Command::Back => self.drill = None,
                _ => {}
            }
            return Outcome::none();
        }
        let n = self
            .report
            .as_ref()
            .map_or(0, |r| rows(r, self.section).len());
        match command {
            c if c.moves_selection() => {
                move_selection(&mut self.selected, n, command);
                Outcome::none()
            }
            Command::NextField | Command::PrevField => {
                let by = if command == Command::NextField { 1 } else { -1 };
                self.section = self.section.step(by);
                self.selected = 0;
                Outcome::none()
            }
            Command::Open | Command::Enter => self.drill_down(cx),
            Command::Back => Outcome::back(vec![]),
            _ => Outcome::none(),
        }
    }

    /// The persons behind the selected row, loaded from the store.
    fn drill_down(&mut self, cx: &Cx) -> Outcome {
        let Some(r) = &self.report else {
            return Outcome::none();
        };
        let Some((code, _)) = rows(r, self.section).get(self.selected).copied() else {
            return Outcome::none();
        };
        let code = code.to_string();
        self.drill = Some(Drill {
            section: self.section,
            code: code.clone(),
            total: None,
            persons: vec![],
            selected: 0,
        });
        Outcome::effects(vec![Effect::LoadDrill {
            period: self.period.clone(),
            today: cx.today(),
            offset_min: cx.zone().offset_min,
            section: self.section,
            code,
        }])
    }
}
