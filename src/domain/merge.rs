//! Field by field merge of two desks' versions of one record. Desk A corrects a person's
//! phone while desk B corrects the same person's city, each from the same version: the
//! record shown holds both corrections, and only a field both changed, to different
//! values, is a conflict for an officer. Pure: the store hands in the versions and the
//! version each pair was made from (their nearest common ancestor).
//!
//! A "field" here is what one decision covers: a follow-up date and the day it was closed
//! go together (a follow-up cleared on one desk and closed on another is not left closed
//! without a date).
//!
//! A part counts as changed by a desk when any version on its way from the common version
//! changed it, not only when its last version differs: a desk that corrected a phone and
//! then put the old number back has chosen that number, and another desk's new number is
//! a conflict, not a silent change.

use super::card::HistoryEntry;
use super::{AppealFields, AppealMember, ConsultationFields, PersonFields};

/// The parts of a record that merge one by one.
pub trait Fields: Clone {
    /// How many parts there are.
    const COUNT: usize;
    /// Whether part `i` is the same in `self` and `other`.
    fn same(&self, other: &Self, i: usize) -> bool;
    /// Part `i` of `other` into `self`.
    fn take(&mut self, other: &Self, i: usize);
}

macro_rules! fields {
    ($t:ty { $( ($($f:ident),+) ),+ $(,)? }) => {
        impl Fields for $t {
            const COUNT: usize = [$( stringify!($($f)+) ),+].len();

            #[allow(unused_assignments)]
            fn same(&self, other: &Self, i: usize) -> bool {
                let mut n = 0;
                $(
                    if n == i {
                        return true $( && self.$f == other.$f )+;
                    }
                    n += 1;
                )+
                true
            }

            #[allow(unused_assignments)]
            fn take(&mut self, other: &Self, i: usize) {
                let mut n = 0;
                $(
                    if n == i {
                        $( self.$f = other.$f.clone(); )+
                        return;
                    }
                    n += 1;
                )+
            }
        }
    };
}

fields!(PersonFields {
    (surname),
    (given_name),
    (patronymic),
    (birth_date),
    (sex),
    (document),
    (phone),
    (region),
    (city),
});

fields!(ConsultationFields {
    (topics),
    (notes),
    (advice),
    (legal_bases),
    (referral),
    (outcome),
    (follow_up, follow_up_closed),
    (claimed),
    (recovered),
    (appeal),
});

fields!(AppealFields {
    (title),
    (respondent),
    (topic),
    (host_city),
    (follow_up, follow_up_closed),
    (outcome),
});

fields!(AppealMember {
    (claimed),
    (recovered),
    (status),
});

/// Which parts differ between `a` and `b`.
pub fn changed<F: Fields>(a: &F, b: &F) -> Vec<bool> {
    (0..F::COUNT).map(|i| !a.same(b, i)).collect()
}

/// Each part set in either.
pub fn either(a: &mut [bool], b: &[bool]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x |= *y;
    }
}

/// Another leaf, against the winner: what it holds, the parts it changed since the
/// version the two were both made from, and the parts the winner changed since then.
pub struct Other<'a, F> {
    pub leaf: &'a F,
    pub touched: &'a [bool],
    pub winner_touched: &'a [bool],
}

/// `winner` with every part another leaf changed where the winner did not: `others` in
/// the order they win, so that of two leaves changing one part the first is shown and the
/// other stays a conflict.
pub fn merged<F: Fields>(winner: &F, others: &[Other<'_, F>]) -> F {
    let mut out = winner.clone();
    for i in 0..F::COUNT {
        if let Some(o) = others.iter().find(|o| {
            o.touched.get(i).copied().unwrap_or(false)
                && !o.winner_touched.get(i).copied().unwrap_or(false)
        }) {
            out.take(o.leaf, i);
        }
    }
    out
}

/// The parts a leaf changed (`touched`) that `shown` holds otherwise: what an officer
/// has to choose between. Empty: everything the leaf changed is shown.
pub fn contested<F: Fields>(shown: &F, leaf: &F, touched: &[bool]) -> Vec<usize> {
    (0..F::COUNT)
        .filter(|&i| touched.get(i).copied().unwrap_or(false) && !leaf.same(shown, i))
        .collect()
}

/// `shown` with `parts` of `leaf`: the other choice of a conflict, which takes the
/// leaf's values where the two disagree and keeps what was merged from elsewhere.
pub fn over<F: Fields>(shown: &F, leaf: &F, parts: &[usize]) -> F {
    let mut out = shown.clone();
    for &i in parts {
        out.take(leaf, i);
    }
    out
}

/// The same operations on versions of any versioned record (the record's own parts; who
/// saved it and when stay the caller's). `None` wherever versions of two kinds meet.
pub enum Entry {}

/// One other leaf for `Entry::merged`: its version, the parts it changed and the parts
/// the winner changed since their common version.
pub type OtherEntry<'a> = (&'a HistoryEntry, &'a [bool], &'a [bool]);

fn person(v: &super::card::PersonVersion) -> &PersonFields {
    &v.person.fields
}
fn consultation(c: &super::Consultation) -> &ConsultationFields {
    &c.fields
}
fn appeal(a: &super::Appeal) -> &AppealFields {
    &a.fields
}
fn member(m: &AppealMember) -> &AppealMember {
    m
}
fn set_member(o: &mut AppealMember, f: AppealMember) {
    o.claimed = f.claimed;
    o.recovered = f.recovered;
    o.status = f.status;
}

macro_rules! by_kind {
    ($e:expr, $v:ident, $get:ident, $set:ident => $body:block) => {
        match $e {
            HistoryEntry::Person($v) => {
                let $get = person;
                let $set =
                    |o: &mut super::card::PersonVersion, f: PersonFields| o.person.fields = f;
                $body
            }
            HistoryEntry::Consultation($v) => {
                let $get = consultation;
                let $set = |o: &mut super::Consultation, f: ConsultationFields| o.fields = f;
                $body
            }
            HistoryEntry::Appeal($v) => {
                let $get = appeal;
                let $set = |o: &mut super::Appeal, f: AppealFields| o.fields = f;
                $body
            }
            HistoryEntry::Member($v) => {
                let $get = member;
                let $set = set_member;
                $body
            }
        }
    };
}

impl Entry {
    /// Which parts differ between versions `a` and `b`.
    pub fn changed(a: &HistoryEntry, b: &HistoryEntry) -> Option<Vec<bool>> {
        Some(match (a, b) {
            (HistoryEntry::Person(a), HistoryEntry::Person(b)) => changed(person(a), person(b)),
            (HistoryEntry::Consultation(a), HistoryEntry::Consultation(b)) => {
                changed(consultation(a), consultation(b))
            }
            (HistoryEntry::Appeal(a), HistoryEntry::Appeal(b)) => changed(appeal(a), appeal(b)),
            (HistoryEntry::Member(a), HistoryEntry::Member(b)) => changed(member(a), member(b)),
            _ => return None,
        })
    }

    /// `winner` with the parts of `others` merged in (see `merged`).
    pub fn merged(winner: &HistoryEntry, others: &[OtherEntry<'_>]) -> Option<HistoryEntry> {
        by_kind!(winner, w, get, set => {
            let mut list = Vec::with_capacity(others.len());
            for (leaf, touched, winner_touched) in others {
                list.push(Other {
                    leaf: get(same_kind(w, leaf)?),
                    touched,
                    winner_touched,
                });
            }
            let mut out = w.clone();
            set(&mut out, merged(get(w), &list));
            Some(out.wrap())
        })
    }

    /// The other choice for `leaf` against `shown` (see `contested` and `over`): `leaf`
    /// as saved (who and when) with `shown`'s parts except those it changed (`touched`)
    /// to other values. `None`: it contests nothing.
    pub fn contesting(
        shown: &HistoryEntry,
        leaf: &HistoryEntry,
        touched: &[bool],
    ) -> Option<HistoryEntry> {
        by_kind!(leaf, l, get, set => {
            let s = get(same_kind(l, shown)?);
            let parts = contested(s, get(l), touched);
            if parts.is_empty() {
                return None;
            }
            let mut out = l.clone();
            set(&mut out, over(s, get(l), &parts));
            Some(out.wrap())
        })
    }
}

/// The record inside a version of one kind.
trait Inner: Clone {
    fn pick(e: &HistoryEntry) -> Option<&Self>;
    fn wrap(self) -> HistoryEntry;
}

macro_rules! inner {
    ($t:ty, $var:ident) => {
        impl Inner for $t {
            fn pick(e: &HistoryEntry) -> Option<&Self> {
                match e {
                    HistoryEntry::$var(x) => Some(x),
                    _ => None,
                }
            }
            fn wrap(self) -> HistoryEntry {
                HistoryEntry::$var(self)
            }
        }
    };
}

inner!(super::card::PersonVersion, Person);
inner!(super::Consultation, Consultation);
inner!(super::Appeal, Appeal);
inner!(AppealMember, Member);

/// `e` as a version of the kind of `_like`.
fn same_kind<'a, T: Inner>(_like: &T, e: &'a HistoryEntry) -> Option<&'a T> {
    T::pick(e)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn person(phone: &str, city: &str) -> PersonFields {
        PersonFields {
            surname: "Asanov".into(),
            phone: Some(phone.into()),
            city: city.into(),
            ..PersonFields::default()
        }
    }

    /// `winner` and `leaves` merged over `base`, each judged by its last version alone.
    fn three_way(
        winner: &PersonFields,
        base: &PersonFields,
        leaves: &[&PersonFields],
    ) -> (PersonFields, Vec<Vec<bool>>) {
        let w = changed(base, winner);
        let touched: Vec<Vec<bool>> = leaves.iter().map(|l| changed(base, l)).collect();
        let others: Vec<Other<'_, PersonFields>> = leaves
            .iter()
            .zip(&touched)
            .map(|(l, t)| Other {
                leaf: *l,
                touched: t,
                winner_touched: &w,
            })
            .collect();
        (merged(winner, &others), touched)
    }

    /// `winner` with the one other `leaf` merged in.
    fn with_one<F: Fields>(winner: &F, winner_touched: &[bool], leaf: &F, touched: &[bool]) -> F {
        merged(
            winner,
            &[Other {
                leaf,
                touched,
                winner_touched,
            }],
        )
    }

    #[test]
    fn two_desks_changing_different_fields_both_show() {
        let base = person("+79001", "Kazan");
        let a = person("+79002", "Kazan");
        let b = person("+79001", "Perm");
        let (m, t) = three_way(&a, &base, &[&b]);
        assert_eq!(m, person("+79002", "Perm"));
        assert!(
            contested(&m, &b, &t[0]).is_empty(),
            "nothing left to choose"
        );
    }

    #[test]
    fn the_same_field_changed_twice_keeps_the_winner_and_is_contested() {
        let base = person("+79001", "Kazan");
        let a = person("+79002", "Kazan");
        let b = person("+79003", "Perm");
        let (m, t) = three_way(&a, &base, &[&b]);
        assert_eq!(
            m,
            person("+79002", "Perm"),
            "the city merges, the phone is a's"
        );
        let parts = contested(&m, &b, &t[0]);
        assert_eq!(parts.len(), 1);
        assert_eq!(
            over(&m, &b, &parts),
            person("+79003", "Perm"),
            "the other choice takes b's phone and keeps the merged city"
        );
    }

    #[test]
    fn the_same_value_on_two_desks_is_no_conflict() {
        let base = person("+79001", "Kazan");
        let a = person("+79002", "Kazan");
        let (m, t) = three_way(&a, &base, &[&a.clone()]);
        assert_eq!(m, a);
        assert!(contested(&m, &a, &t[0]).is_empty());
    }

    #[test]
    fn a_part_changed_and_put_back_still_counts_as_changed() {
        let base = person("+79001", "Kazan");
        let back = base.clone();
        let b = person("+79003", "Kazan");
        // The winner's way: +79002, then +79001 again; its last version equals the base.
        let w_touched = vec![false, false, false, false, false, false, true, false, false];
        let t = changed(&base, &b);
        let m = with_one(&back, &w_touched, &b, &t);
        assert_eq!(m, back, "the number put back stays shown");
        assert_eq!(
            contested(&m, &b, &t),
            vec![6],
            "and the other desk's is listed"
        );
    }

    #[test]
    fn a_closed_follow_up_and_its_date_move_together() {
        let d = |s: &str| s.parse().ok();
        let base = ConsultationFields {
            follow_up: d("2026-12-10"),
            ..ConsultationFields::default()
        };
        let closed = ConsultationFields {
            follow_up_closed: d("2026-12-09"),
            ..base.clone()
        };
        let moved = ConsultationFields {
            follow_up: d("2026-12-20"),
            ..base.clone()
        };
        let (w, t) = (changed(&base, &closed), changed(&base, &moved));
        let m = with_one(&closed, &w, &moved, &t);
        assert_eq!(m, closed, "one part: both changed it, the winner's stands");
        assert_eq!(contested(&m, &moved, &t), vec![6]);
    }

    #[test]
    fn a_members_status_and_recovered_amount_merge_apart() {
        use crate::domain::{Currency, MemberStatus, Money};
        let base = AppealMember {
            meta: crate::domain::Meta::new(
                crate::domain::Id::from_bytes(&[1; 16]).unwrap_or_else(|| unreachable!()),
                crate::domain::DeskId(1),
                chrono::DateTime::UNIX_EPOCH,
            ),
            officer: String::new(),
            appeal: crate::domain::Id::from_bytes(&[2; 16]).unwrap_or_else(|| unreachable!()),
            person: crate::domain::Id::from_bytes(&[3; 16]).unwrap_or_else(|| unreachable!()),
            claimed: None,
            recovered: None,
            status: MemberStatus::Active,
        };
        let status = AppealMember {
            status: MemberStatus::Recovered,
            ..base.clone()
        };
        let amount = AppealMember {
            recovered: Some(Money::new(Currency::Rub, 500_000)),
            status: MemberStatus::Recovered,
            ..base.clone()
        };
        let (w, t) = (changed(&base, &status), changed(&base, &amount));
        let m = with_one(&status, &w, &amount, &t);
        assert_eq!(
            m.recovered, amount.recovered,
            "the only amount entered shows"
        );
        assert!(
            contested(&m, &amount, &t).is_empty(),
            "both chose recovered"
        );
    }

    #[test]
    fn of_two_other_leaves_changing_one_field_the_first_shows() {
        let base = person("+79001", "Kazan");
        let w = person("+79001", "Ufa");
        let x = person("+79002", "Kazan");
        let y = person("+79003", "Kazan");
        let (m, t) = three_way(&w, &base, &[&x, &y]);
        assert_eq!(m, person("+79002", "Ufa"));
        assert!(contested(&m, &x, &t[0]).is_empty());
        assert_eq!(contested(&m, &y, &t[1]).len(), 1, "y's phone stays listed");
    }
}
