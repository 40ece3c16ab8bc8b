//! Secondary suppression for the report's tables in an anonymised export. Hiding each group
//! of 1..k−1 persons is not enough when a total beside it is published: the total minus the
//! visible cells gives the hidden one back (found by the hostile pass: an age band's female
//! visitors were its total minus its male ones). So wherever a group of cells adds up to a
//! published total and only one of them is hidden, the smallest visible one is withheld too
//! (shown `*`); and a count of records below k beside a hidden count of persons bounds it
//! (persons ≤ records), so it is withheld as well.

use std::collections::BTreeSet;

use crate::domain::report::Report;

/// A count withheld by secondary suppression: published as `*`, drawn as nothing.
pub const WITHHELD: usize = usize::MAX;

struct Rule {
    k: usize,
}

impl Rule {
    fn small(&self, n: usize) -> bool {
        n >= 1 && n < self.k
    }

    fn hidden(&self, n: usize) -> bool {
        self.small(n) || n == WITHHELD
    }

    /// One group adding up to a published total: if exactly one cell is hidden, the
    /// smallest visible non-zero one is withheld. Returns whether it withheld one.
    fn second(&self, cells: Vec<&mut usize>) -> bool {
        if cells.iter().filter(|c| self.hidden(***c)).count() != 1 {
            return false;
        }
        match cells
            .into_iter()
            .filter(|c| !self.hidden(**c) && **c > 0)
            .min_by_key(|c| **c)
        {
            Some(c) => {
                *c = WITHHELD;
                true
            }
            None => false,
        }
    }

    /// A count of records beside a hidden count of persons: withheld when below k.
    fn beside(&self, persons: usize, records: &mut usize) {
        if self.hidden(persons) && *records < self.k {
            *records = WITHHELD;
        }
    }
}

/// The report as an anonymised export's tables and charts publish it.
pub fn protect(r: &Report, k: u32) -> Report {
    let rule = Rule { k: k as usize };
    let mut r = r.clone();
    for list in [&mut r.regions, &mut r.sexes, &mut r.ages] {
        rule.second(list.iter_mut().map(|c| &mut c.persons).collect());
    }
    // Age band × sex adds up by band (the ages table) and by sex (the sexes table): both,
    // again, until no group is left with one hidden cell.
    let ages: BTreeSet<String> = r.age_sexes.iter().map(|c| c.age.clone()).collect();
    let sexes: BTreeSet<String> = r.age_sexes.iter().map(|c| c.sex.clone()).collect();
    for _ in 0..=r.age_sexes.len() {
        let mut changed = false;
        for a in &ages {
            let group = r.age_sexes.iter_mut().filter(|c| &c.age == a);
            changed |= rule.second(group.map(|c| &mut c.persons).collect());
        }
        for s in &sexes {
            let group = r.age_sexes.iter_mut().filter(|c| &c.sex == s);
            changed |= rule.second(group.map(|c| &mut c.persons).collect());
        }
        if !changed {
            break;
        }
    }
    for t in &mut r.topics {
        rule.beside(t.persons, &mut t.consultations);
        rule.beside(t.appeal_persons, &mut t.appeals);
    }
    for t in &mut r.topic_outcomes {
        rule.beside(t.persons, &mut t.consultations);
    }
    for c in r.outcomes.iter_mut().chain(r.referrals.iter_mut()) {
        rule.beside(c.persons, &mut c.records);
    }
    for e in &mut r.events {
        rule.beside(e.visitors, &mut e.visits);
        rule.beside(e.visitors, &mut e.served);
        rule.beside(e.visitors, &mut e.consultations);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hidden_cell_takes_the_smallest_visible_one_with_it() {
        let rule = Rule { k: 5 };
        let mut cells = [3usize, 40, 12, 0];
        let [a, b, c, d] = &mut cells;
        assert!(rule.second(vec![a, b, c, d]));
        assert_eq!(
            cells,
            [3, 40, WITHHELD, 0],
            "12 is withheld, not the empty cell"
        );
        let mut two = [3usize, 2, 50];
        let [a, b, c] = &mut two;
        assert!(
            !rule.second(vec![a, b, c]),
            "two hidden: neither can be worked out"
        );
        assert_eq!(two, [3, 2, 50]);
        let mut none = [7usize, 50];
        let [a, b] = &mut none;
        assert!(!rule.second(vec![a, b]));
    }

    #[test]
    fn records_below_k_beside_hidden_persons_are_withheld() {
        let rule = Rule { k: 5 };
        let (mut one, mut many) = (1usize, 30usize);
        rule.beside(1, &mut one);
        rule.beside(1, &mut many);
        assert_eq!(
            (one, many),
            (WITHHELD, 30),
            "30 consultations say nothing of 1..4"
        );
        let mut shown = 2usize;
        rule.beside(9, &mut shown);
        assert_eq!(shown, 2, "beside a published count of persons");
    }
}
