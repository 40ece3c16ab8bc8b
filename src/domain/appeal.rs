//! Collective appeals: one complaint carried by many people ("214 appeals from 670
//! citizens" counts both the appeals and the persons behind them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{Id, Meta};
use super::money::{Money, MoneyError, Totals};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub meta: Meta,
    /// Who made this version.
    pub officer: String,
    pub fields: AppealFields,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealFields {
    pub title: String,
    /// Employer or other respondent.
    pub respondent: String,
    /// Topic code.
    pub topic: String,
    pub host_city: String,
    pub follow_up: Option<NaiveDate>,
    pub follow_up_closed: Option<NaiveDate>,
    /// Outcome code, once there is one.
    pub outcome: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MemberStatus {
    #[default]
    Active,
    Recovered,
    Withdrawn,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 3] = [
        MemberStatus::Active,
        MemberStatus::Recovered,
        MemberStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Recovered => "recovered",
            MemberStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn msg_id(self) -> &'static str {
        match self {
            MemberStatus::Active => "member-active",
            MemberStatus::Recovered => "member-recovered",
            MemberStatus::Withdrawn => "member-withdrawn",
        }
    }
}

/// One person in an appeal, with their own amounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealMember {
    pub meta: Meta,
    pub officer: String,
    pub appeal: Id,
    pub person: Id,
    pub claimed: Option<Money>,
    pub recovered: Option<Money>,
    pub status: MemberStatus,
}

/// What an appeal adds up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppealTotals {
    /// Distinct persons, withdrawn ones excluded.
    pub persons: usize,
    /// Persons who recovered money.
    pub persons_recovered: usize,
    pub claimed: Totals,
    pub recovered: Totals,
}

/// Totals over an appeal's members. A person listed twice counts once; withdrawn members
/// count for nothing.
pub fn appeal_totals<'a>(
    members: impl IntoIterator<Item = &'a AppealMember>,
) -> Result<AppealTotals, MoneyError> {
    let mut t = AppealTotals::default();
    let mut persons = std::collections::BTreeSet::new();
    let mut recovered = std::collections::BTreeSet::new();
    for m in members {
        if m.status == MemberStatus::Withdrawn {
            continue;
        }
        persons.insert(m.person);
        if let Some(c) = m.claimed {
            t.claimed.add(c)?;
        }
        if let Some(r) = m.recovered.filter(|r| r.minor > 0) {
            t.recovered.add(r)?;
            recovered.insert(m.person);
        }
    }
    t.persons = persons.len();
    t.persons_recovered = recovered.len();
    Ok(t)
}
