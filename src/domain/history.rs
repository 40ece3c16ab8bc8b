//! Versions of consultations, appeals and appeal members as a readable timeline: who
//! changed what, when, from which value to which. Pure: the store hands in the versions.

use chrono::{DateTime, NaiveDate, Utc};

use super::card::HistoryEntry;
use super::{Appeal, AppealMember, Consultation, Id, MemberStatus, Money, Person};

/// A field's value as the timeline shows it; codes stay codes (the screen labels them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Empty,
    Text(String),
    Topics(Vec<String>),
    Bases(Vec<String>),
    Referral(String),
    Outcome(String),
    Money(Money),
    Date(NaiveDate),
    Member(MemberStatus),
    Appeal(Id),
    /// A label by its message id (a person's sex, region).
    Msg(&'static str),
}

/// One field that differs between two versions; `field` is the label's message id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: Value,
    pub after: Value,
}

/// What a version belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Consultation,
    Appeal,
    /// An appeal member, with the person's name.
    Member(String),
    /// A person's details.
    Person,
}

/// One saved version: the first one is a creation (no changes listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub at: DateTime<Utc>,
    pub officer: String,
    pub rev: u32,
    pub subject: Subject,
    pub changes: Vec<FieldChange>,
}

impl Version {
    pub fn is_creation(&self) -> bool {
        self.rev <= 1
    }
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    v.map(f).unwrap_or(Value::Empty)
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

fn push(out: &mut Vec<FieldChange>, field: &'static str, before: Value, after: Value) {
    if before != after {
        out.push(FieldChange {
            field,
            before,
            after,
        });
    }
}

fn dates(
    out: &mut Vec<FieldChange>,
    field: &'static str,
    a: Option<NaiveDate>,
    b: Option<NaiveDate>,
) {
    push(out, field, opt(a, Value::Date), opt(b, Value::Date));
}

fn amounts(out: &mut Vec<FieldChange>, field: &'static str, a: Option<Money>, b: Option<Money>) {
    push(out, field, opt(a, Value::Money), opt(b, Value::Money));
}

pub fn consultation_changes(old: &Consultation, new: &Consultation) -> Vec<FieldChange> {
    let (a, b) = (&old.fields, &new.fields);
    let mut out = Vec::new();
    push(
        &mut out,
        "field-topics",
        Value::Topics(a.topics.clone()),
        Value::Topics(b.topics.clone()),
    );
    push(&mut out, "field-notes", text(&a.notes), text(&b.notes));
    push(&mut out, "field-advice", text(&a.advice), text(&b.advice));
    push(
        &mut out,
        "field-legal-bases",
        Value::Bases(a.legal_bases.clone()),
        Value::Bases(b.legal_bases.clone()),
    );
    push(
        &mut out,
        "field-referral",
        opt(a.referral.clone(), Value::Referral),
        opt(b.referral.clone(), Value::Referral),
    );
    push(
        &mut out,
        "field-outcome",
        Value::Outcome(a.outcome.clone()),
        Value::Outcome(b.outcome.clone()),
    );
    dates(&mut out, "field-follow-up", a.follow_up, b.follow_up);
    dates(
        &mut out,
        "field-closed-on",
        a.follow_up_closed,
        b.follow_up_closed,
    );
    amounts(&mut out, "field-claimed", a.claimed, b.claimed);
    amounts(&mut out, "field-recovered", a.recovered, b.recovered);
    push(
        &mut out,
        "field-appeal",
        opt(a.appeal, Value::Appeal),
        opt(b.appeal, Value::Appeal),
    );
    out
}

pub fn appeal_changes(old: &Appeal, new: &Appeal) -> Vec<FieldChange> {
    let (a, b) = (&old.fields, &new.fields);
    let mut out = Vec::new();
    push(
        &mut out,
        "field-appeal-title",
        text(&a.title),
        text(&b.title),
    );
    push(
        &mut out,
        "field-respondent",
        text(&a.respondent),
        text(&b.respondent),
    );
    push(
        &mut out,
        "field-appeal-topic",
        Value::Topics(vec![a.topic.clone()]),
        Value::Topics(vec![b.topic.clone()]),
    );
    push(
        &mut out,
        "field-host-city",
        text(&a.host_city),
        text(&b.host_city),
    );
    dates(&mut out, "field-follow-up", a.follow_up, b.follow_up);
    dates(
        &mut out,
        "field-closed-on",
        a.follow_up_closed,
        b.follow_up_closed,
    );
    push(
        &mut out,
        "field-outcome",
        opt(a.outcome.clone(), Value::Outcome),
        opt(b.outcome.clone(), Value::Outcome),
    );
    out
}

pub fn member_changes(old: &AppealMember, new: &AppealMember) -> Vec<FieldChange> {
    let mut out = Vec::new();
    amounts(&mut out, "field-claimed", old.claimed, new.claimed);
    amounts(&mut out, "field-recovered", old.recovered, new.recovered);
    push(
        &mut out,
        "field-member-status",
        Value::Member(old.status),
        Value::Member(new.status),
    );
    out
}

/// What differs between two versions of a person's details, in the card's order.
pub fn person_changes(old: &Person, new: &Person) -> Vec<FieldChange> {
    let (a, b) = (&old.fields, &new.fields);
    let mut out = Vec::new();
    push(
        &mut out,
        "field-surname",
        text(&a.surname),
        text(&b.surname),
    );
    push(
        &mut out,
        "field-given-name",
        text(&a.given_name),
        text(&b.given_name),
    );
    push(
        &mut out,
        "field-patronymic",
        text(&a.patronymic),
        text(&b.patronymic),
    );
    dates(&mut out, "field-birth-date", a.birth_date, b.birth_date);
    push(
        &mut out,
        "field-sex",
        Value::Msg(a.sex.msg_id()),
        Value::Msg(b.sex.msg_id()),
    );
    let doc = |d: &Option<String>| opt(d.clone(), Value::Text);
    push(
        &mut out,
        "field-document",
        doc(&a.document),
        doc(&b.document),
    );
    push(&mut out, "field-phone", doc(&a.phone), doc(&b.phone));
    push(
        &mut out,
        "field-region",
        opt(a.region, |r| Value::Msg(r.msg_id())),
        opt(b.region, |r| Value::Msg(r.msg_id())),
    );
    push(&mut out, "field-city", text(&a.city), text(&b.city));
    out
}

/// When a version was saved, by whom, and its revision.
pub fn stamp(e: &HistoryEntry) -> (DateTime<Utc>, &str, u32) {
    match e {
        HistoryEntry::Consultation(c) => (c.meta.updated, &c.officer, c.meta.rev),
        HistoryEntry::Appeal(a) => (a.meta.updated, &a.officer, a.meta.rev),
        HistoryEntry::Member(m) => (m.meta.updated, &m.officer, m.meta.rev),
        HistoryEntry::Person(v) => (v.person.meta.updated, &v.officer, v.person.meta.rev),
    }
}

/// What differs from version `old` to `new` of one record.
pub fn changes(old: &HistoryEntry, new: &HistoryEntry) -> Vec<FieldChange> {
    match (old, new) {
        (HistoryEntry::Consultation(a), HistoryEntry::Consultation(b)) => {
            consultation_changes(a, b)
        }
        (HistoryEntry::Appeal(a), HistoryEntry::Appeal(b)) => appeal_changes(a, b),
        (HistoryEntry::Member(a), HistoryEntry::Member(b)) => member_changes(a, b),
        (HistoryEntry::Person(a), HistoryEntry::Person(b)) => person_changes(&a.person, &b.person),
        // Versions of one record are always of one kind.
        _ => Vec::new(),
    }
}

/// The versions of one record, oldest first (earlier versions then the current one), as
/// timeline entries: each lists what changed from the version before it.
pub fn versions(subject: Subject, chain: &[HistoryEntry]) -> Vec<Version> {
    versions_from(subject, chain, &[])
}

/// `versions`, each listing what changed from the version it was made from where `made_from`
/// names it (its index in `chain`), else from the one before it: two desks' versions made
/// from one version each list their own changes, not the other desk's undone.
pub fn versions_from(
    subject: Subject,
    chain: &[HistoryEntry],
    made_from: &[Option<usize>],
) -> Vec<Version> {
    let mut out = Vec::with_capacity(chain.len());
    for (i, e) in chain.iter().enumerate() {
        let (at, officer, rev) = stamp(e);
        let before = match made_from.get(i).copied().flatten() {
            Some(j) if j != i => Some(j),
            _ => i.checked_sub(1),
        };
        let changes = match before.and_then(|j| chain.get(j)) {
            Some(prev) => changes(prev, e),
            None => Vec::new(),
        };
        out.push(Version {
            at,
            officer: officer.to_string(),
            rev,
            subject: subject.clone(),
            changes,
        });
    }
    out
}

/// Several records' versions merged into one timeline, newest first.
pub fn timeline(parts: impl IntoIterator<Item = Vec<Version>>) -> Vec<Version> {
    let mut all: Vec<Version> = parts.into_iter().flatten().collect();
    // Stable: versions saved in the same microsecond keep their order, reversed.
    all.reverse();
    all.sort_by_key(|v| std::cmp::Reverse(v.at));
    all
}
