//! Field by field merge of two desks' versions of one record. Desk A corrects a person's
//! phone while desk B corrects the same person's city, each from the same version: the
//! record shown holds both corrections, and only a field both changed, to different
//! values, is a conflict for an officer. Pure: the store hands in the versions and the
//! version each pair was made from (their nearest common ancestor).
//!
//! A "field" here is what one decision covers: a follow-up date and the day it was closed
//! go together (a closed follow-up is not reopened by another desk's new date alone), and
//! so do a member's recovered amount and status (the status says the amount came in).

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
    (recovered, status),
});

/// `winner` with every part another leaf changed from its base where the winner holds
/// the base's value: `others` (each leaf with the version it and the winner were both
/// made from) in the order they win, so that of two leaves changing one part the first
/// is shown and the other stays a conflict.
pub fn merged<F: Fields>(winner: &F, others: &[(&F, &F)]) -> F {
    let mut out = winner.clone();
    for i in 0..F::COUNT {
        if let Some((_, leaf)) = others
            .iter()
            .find(|(base, leaf)| !leaf.same(base, i) && winner.same(base, i))
        {
            out.take(leaf, i);
        }
    }
    out
}

/// The parts `leaf` changed from `base` that `shown` holds otherwise: what an officer
/// has to choose between. Empty: everything the leaf changed is shown.
pub fn contested<F: Fields>(shown: &F, base: &F, leaf: &F) -> Vec<usize> {
    (0..F::COUNT)
        .filter(|&i| !leaf.same(base, i) && !leaf.same(shown, i))
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

/// The same three operations on versions of any versioned record (the record's own
/// parts; who saved it and when stay the caller's).
pub enum Entry {}

impl Entry {
    /// `winner`'s fields merged with `others` (see `merged`); `None` if a version is of
    /// another kind than the winner.
    pub fn merged(
        winner: &HistoryEntry,
        others: &[(&HistoryEntry, &HistoryEntry)],
    ) -> Option<HistoryEntry> {
        macro_rules! each {
            ($var:ident, $get:expr, $set:expr) => {{
                let HistoryEntry::$var(w) = winner else {
                    return None;
                };
                let mut pairs = Vec::with_capacity(others.len());
                for (b, l) in others {
                    match (b, l) {
                        (HistoryEntry::$var(b), HistoryEntry::$var(l)) => {
                            pairs.push(($get(b), $get(l)))
                        }
                        _ => return None,
                    }
                }
                let mut out = w.clone();
                $set(&mut out, merged($get(w), &pairs));
                Some(HistoryEntry::$var(out))
            }};
        }
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
        match winner {
            HistoryEntry::Person(_) => {
                each!(Person, person, |o: &mut super::card::PersonVersion, f| o
                    .person
                    .fields =
                    f)
            }
            HistoryEntry::Consultation(_) => {
                each!(
                    Consultation,
                    consultation,
                    |o: &mut super::Consultation, f| o.fields = f
                )
            }
            HistoryEntry::Appeal(_) => {
                each!(Appeal, appeal, |o: &mut super::Appeal, f| o.fields = f)
            }
            HistoryEntry::Member(_) => {
                each!(Member, member, |o: &mut AppealMember, f: AppealMember| {
                    o.claimed = f.claimed;
                    o.recovered = f.recovered;
                    o.status = f.status;
                })
            }
        }
    }

    /// The other choice for `leaf` against `shown` (see `contested` and `over`): `leaf`
    /// as saved (who and when) with `shown`'s parts except those it contests. `None`: it
    /// contests nothing, or the three are not of one kind.
    pub fn contesting(
        shown: &HistoryEntry,
        base: &HistoryEntry,
        leaf: &HistoryEntry,
    ) -> Option<HistoryEntry> {
        fn one<F: Fields>(shown: &F, base: &F, leaf: &F) -> Option<F> {
            let parts = contested(shown, base, leaf);
            (!parts.is_empty()).then(|| over(shown, leaf, &parts))
        }
        match (shown, base, leaf) {
            (HistoryEntry::Person(s), HistoryEntry::Person(b), HistoryEntry::Person(l)) => {
                let f = one(&s.person.fields, &b.person.fields, &l.person.fields)?;
                let mut out = l.clone();
                out.person.fields = f;
                Some(HistoryEntry::Person(out))
            }
            (
                HistoryEntry::Consultation(s),
                HistoryEntry::Consultation(b),
                HistoryEntry::Consultation(l),
            ) => {
                let f = one(&s.fields, &b.fields, &l.fields)?;
                let mut out = l.clone();
                out.fields = f;
                Some(HistoryEntry::Consultation(out))
            }
            (HistoryEntry::Appeal(s), HistoryEntry::Appeal(b), HistoryEntry::Appeal(l)) => {
                let f = one(&s.fields, &b.fields, &l.fields)?;
                let mut out = l.clone();
                out.fields = f;
                Some(HistoryEntry::Appeal(out))
            }
            (HistoryEntry::Member(s), HistoryEntry::Member(b), HistoryEntry::Member(l)) => {
                let f = one(s, b, l)?;
                let mut out = l.clone();
                out.claimed = f.claimed;
                out.recovered = f.recovered;
                out.status = f.status;
                Some(HistoryEntry::Member(out))
            }
            _ => None,
        }
    }
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

    #[test]
    fn two_desks_changing_different_fields_both_show() {
        let base = person("+79001", "Kazan");
        let a = person("+79002", "Kazan");
        let b = person("+79001", "Perm");
        let m = merged(&a, &[(&base, &b)]);
        assert_eq!(m, person("+79002", "Perm"));
        assert!(
            contested(&m, &base, &b).is_empty(),
            "nothing left to choose"
        );
    }

    #[test]
    fn the_same_field_changed_twice_keeps_the_winner_and_is_contested() {
        let base = person("+79001", "Kazan");
        let a = person("+79002", "Kazan");
        let b = person("+79003", "Perm");
        let m = merged(&a, &[(&base, &b)]);
        assert_eq!(
            m,
            person("+79002", "Perm"),
            "the city merges, the phone is a's"
        );
        let parts = contested(&m, &base, &b);
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
        let m = merged(&a, &[(&base, &a.clone())]);
        assert_eq!(m, a);
        assert!(contested(&m, &base, &a).is_empty());
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
        let m = merged(&closed, &[(&base, &moved)]);
        assert_eq!(m, closed, "one part: both changed it, the winner's stands");
        assert_eq!(contested(&m, &base, &moved), vec![6]);
    }

    #[test]
    fn of_two_other_leaves_changing_one_field_the_first_shows() {
        let base = person("+79001", "Kazan");
        let w = person("+79001", "Ufa");
        let x = person("+79002", "Kazan");
        let y = person("+79003", "Kazan");
        let m = merged(&w, &[(&base, &x), (&base, &y)]);
        assert_eq!(m, person("+79002", "Ufa"));
        assert!(contested(&m, &base, &x).is_empty());
        assert_eq!(contested(&m, &base, &y).len(), 1, "y's phone stays listed");
    }
}
