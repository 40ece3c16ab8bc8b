//! The follow-ups screen's list over the whole index: totals, filters and the order an
//! officer works in. Pure, so the 100,000-person shape is tested without a store.

use chrono::{Duration, NaiveDate};

use crate::domain::ids::Id;

/// Days counted as "this week": today and the six days after it, whatever the weekday,
/// so on a Friday the list still shows next Monday's follow-ups.
pub const WEEK_DAYS: i64 = 7;

/// Which due dates the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DueFilter {
    /// Due from today to six days ahead, soonest first: the work of the coming days, which
    /// would otherwise sit behind every overdue one. The default.
    #[default]
    Week,
    /// Due before today, the most recently missed first: those are the ones still worth a
    /// call; the oldest of thousands come last.
    Overdue,
    /// All of them: from today on, soonest first, then the overdue ones newest first.
    All,
}

impl DueFilter {
    pub fn next(self) -> DueFilter {
        match self {
            DueFilter::Week => DueFilter::Overdue,
            DueFilter::Overdue => DueFilter::All,
            DueFilter::All => DueFilter::Week,
        }
    }

    /// The message id naming it.
    pub fn msg_id(self) -> &'static str {
        match self {
            DueFilter::Week => "follow-ups-due-week",
            DueFilter::Overdue => "follow-ups-due-overdue",
            DueFilter::All => "follow-ups-due-all",
        }
    }
}

/// What the list is narrowed to: due dates, and optionally a topic code and an officer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUpFilter {
    pub due: DueFilter,
    pub topic: Option<String>,
    pub officer: Option<String>,
}

/// One open follow-up as the index holds it: no record needs reading to count or filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedFollowUp<T> {
    pub due: NaiveDate,
    /// The index key's order (due date, kind, id); kept to read the rows afterwards.
    pub key: T,
    pub id: Id,
    pub topics: Vec<String>,
    pub officer: String,
}

/// Totals over every open follow-up, and the keys of the ones the filter shows, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUpTally<T> {
    pub total: usize,
    pub overdue: usize,
    /// Due this week (today and the six days after), whatever the filter.
    pub week: usize,
    /// How many the filter shows in all (`keys` holds the first `limit` of them).
    pub matching: usize,
    pub keys: Vec<T>,
    /// Topic codes among the open follow-ups, each with its count, by code.
    pub topics: Vec<(String, usize)>,
    /// Officers among the open follow-ups, each with its count, by name.
    pub officers: Vec<(String, usize)>,
}

/// Tallies the open follow-ups, given in index (due date) order.
pub fn tally<T>(
    entries: impl IntoIterator<Item = IndexedFollowUp<T>>,
    filter: &FollowUpFilter,
    today: NaiveDate,
    limit: usize,
) -> FollowUpTally<T> {
    use std::collections::BTreeMap;
    let week_end = today + Duration::days(WEEK_DAYS);
    let mut t = FollowUpTally {
        total: 0,
        overdue: 0,
        week: 0,
        matching: 0,
        keys: Vec::new(),
        topics: Vec::new(),
        officers: Vec::new(),
    };
    let (mut topics, mut officers) = (BTreeMap::new(), BTreeMap::<String, usize>::new());
    let (mut upcoming, mut late) = (Vec::new(), Vec::new());
    for e in entries {
        t.total += 1;
        let overdue = e.due < today;
        let this_week = !overdue && e.due < week_end;
        t.overdue += usize::from(overdue);
        t.week += usize::from(this_week);
        for topic in &e.topics {
            *topics.entry(topic.clone()).or_insert(0) += 1;
        }
        *officers.entry(e.officer.clone()).or_insert(0) += 1;
        let due_ok = match filter.due {
            DueFilter::Week => this_week,
            DueFilter::Overdue => overdue,
            DueFilter::All => true,
        };
        let topic_ok = filter
            .topic
            .as_ref()
            .is_none_or(|want| e.topics.iter().any(|t| t == want));
        let officer_ok = filter.officer.as_ref().is_none_or(|o| *o == e.officer);
        if due_ok && topic_ok && officer_ok {
            t.matching += 1;
            if overdue {
                late.push(e.key);
            } else if upcoming.len() < limit {
                upcoming.push(e.key);
            }
        }
    }
    // Index order is oldest first; overdue ones are wanted newest first.
    late.reverse();
    upcoming.extend(late);
    upcoming.truncate(limit);
    t.keys = upcoming;
    t.topics = topics.into_iter().collect();
    t.officers = officers.into_iter().collect();
    t
}

/// The value after `current` in `options`, then none (all), then the first again.
pub fn next_choice(current: &Option<String>, options: &[(String, usize)]) -> Option<String> {
    match current {
        None => options.first().map(|(o, _)| o.clone()),
        Some(c) => options
            .iter()
            .position(|(o, _)| o == c)
            .and_then(|i| options.get(i + 1))
            .map(|(o, _)| o.clone()),
    }
}
