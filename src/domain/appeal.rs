//! Collective appeals: one complaint carried by many people ("214 appeals from 670
//! citizens" counts both the appeals and the persons behind them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::consultation::{FieldError, amount};
use super::ids::{Id, Meta};
use super::money::{Currency, Money, MoneyError, Totals};
use super::taxonomy::Taxonomy;
use super::validate::{ValidationError, clean_text, parse_date};

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

    /// The status a member joins an appeal with: `Recovered` once money came back (an
    /// amount above zero), else `Active`. The app, the import and the demo all ask here.
    pub fn on_joining(recovered: Option<super::Money>) -> MemberStatus {
        if recovered.is_some_and(|r| r.minor > 0) {
            MemberStatus::Recovered
        } else {
            MemberStatus::Active
        }
    }

    /// A member's status once the amounts are known, joining or edited alike: withdrawn
    /// or recovered when the officer says so; an active member becomes recovered as soon
    /// as some money came back (a partial recovery counts, as on joining).
    pub fn settled(self, recovered: Option<super::Money>) -> MemberStatus {
        match self {
            MemberStatus::Active => MemberStatus::on_joining(recovered),
            chosen => chosen,
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

impl AppealMember {
    /// A person joining an appeal with their own amounts: the one rule for the status a
    /// member starts with (`MemberStatus::on_joining`), for the desk, imports and the demo.
    pub fn joining(
        meta: Meta,
        appeal: Id,
        person: Id,
        claimed: Option<Money>,
        recovered: Option<Money>,
        officer: &str,
    ) -> AppealMember {
        AppealMember {
            meta,
            officer: officer.to_string(),
            appeal,
            person,
            claimed,
            recovered,
            status: MemberStatus::on_joining(recovered),
        }
    }
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppealField {
    Title,
    Respondent,
    Topic,
    HostCity,
    FollowUp,
}

/// The appeal form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppealInput {
    pub title: String,
    pub respondent: String,
    pub topic: String,
    pub host_city: String,
    pub follow_up: String,
}

impl AppealInput {
    /// Validates against the taxonomy in use; every problem at once. Outcome and closing
    /// date are not typed here (closing a follow-up sets them) and come back empty.
    pub fn validate(&self, tax: &Taxonomy) -> Result<AppealFields, Vec<(AppealField, FieldError)>> {
        use AppealField as F;
        let mut errors = Vec::new();
        let v = |r: Result<String, ValidationError>| r.map_err(FieldError::Validation);
        let title = v(clean_text(&self.title, true)).map_err(|e| errors.push((F::Title, e)));
        let respondent =
            v(clean_text(&self.respondent, false)).map_err(|e| errors.push((F::Respondent, e)));
        let host_city =
            v(clean_text(&self.host_city, false)).map_err(|e| errors.push((F::HostCity, e)));
        if tax.topic(&self.topic).is_none() {
            errors.push((F::Topic, FieldError::UnknownCode));
        }
        let follow_up = if self.follow_up.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(&self.follow_up)
                .map(Some)
                .map_err(|e| errors.push((F::FollowUp, FieldError::Validation(e))))
        };
        match (title, respondent, host_city, follow_up) {
            (Ok(title), Ok(respondent), Ok(host_city), Ok(follow_up)) if errors.is_empty() => {
                Ok(AppealFields {
                    title,
                    respondent,
                    topic: self.topic.clone(),
                    host_city,
                    follow_up,
                    follow_up_closed: None,
                    outcome: None,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberField {
    Claimed,
    Recovered,
}

/// A member's amounts as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberInput {
    pub claimed: String,
    pub claimed_currency: Option<Currency>,
    pub recovered: String,
    pub recovered_currency: Option<Currency>,
}

/// Claimed and recovered amounts of a member.
pub type MemberAmounts = (Option<Money>, Option<Money>);

impl MemberInput {
    pub fn validate(&self) -> Result<MemberAmounts, Vec<(MemberField, FieldError)>> {
        let claimed = amount(&self.claimed, self.claimed_currency);
        let recovered = amount(&self.recovered, self.recovered_currency);
        match (claimed, recovered) {
            (Ok(c), Ok(r)) => Ok((c, r)),
            (c, r) => {
                let mut errors = Vec::new();
                if let Err(e) = c {
                    errors.push((MemberField::Claimed, e));
                }
                if let Err(e) = r {
                    errors.push((MemberField::Recovered, e));
                }
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};

    /// One rule for every way a member joins: money above zero came back, or it did not.
    #[test]
    fn a_member_joins_recovered_only_when_money_came_back() {
        assert_eq!(MemberStatus::on_joining(None), MemberStatus::Active);
        assert_eq!(
            MemberStatus::on_joining(Some(Money::new(Currency::Rub, 0))),
            MemberStatus::Active
        );
        assert_eq!(
            MemberStatus::on_joining(Some(Money::new(Currency::Rub, 1))),
            MemberStatus::Recovered
        );
    }

    /// Edited members follow the joining rule: a full or partial recovery entered on an
    /// active member makes it recovered; a status the officer chose otherwise stays.
    #[test]
    fn an_edited_member_settles_by_the_same_rule() {
        let some = Some(Money::new(Currency::Rub, 6_000_000));
        assert_eq!(MemberStatus::Active.settled(some), MemberStatus::Recovered);
        assert_eq!(MemberStatus::Active.settled(None), MemberStatus::Active);
        assert_eq!(
            MemberStatus::Withdrawn.settled(some),
            MemberStatus::Withdrawn
        );
        assert_eq!(
            MemberStatus::Recovered.settled(None),
            MemberStatus::Recovered
        );
    }
}
