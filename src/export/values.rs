//! The values of the coded columns in the reader's language, and the way back.
//!
//! The English export writes the codes (`male`, `osh`, `done`, `advised`, `wages;housing`):
//! the stable layout scripts read. A Russian or Kyrgyz export writes each coded value as
//! its label (`мужской`, `Ошская область`, `приём завершён`, `Дана консультация`, lists
//! joined by `"; "`), as an officer reads them. JSON keeps the codes in every language.
//! The import maps a label in any of the three languages back to its code, per column
//! (`Reverse`); a label that is in none is refused as an unknown code is.

use rustc_hash::FxHashMap;

use crate::domain::name::fold;
use crate::domain::taxonomy::{Label, Taxonomy};
use crate::domain::{Lang, MemberStatus, Region, Sex, VisitStatus};
use crate::i18n::I18n;

/// How a list of labels is joined in a translated export (the codes keep `;`).
pub const LIST_SEPARATOR: &str = "; ";

/// Labels of the values an export writes: `None` writes the codes.
#[derive(Clone, Debug, Default)]
pub struct Values {
    labels: Option<Box<Labels>>,
}

#[derive(Clone, Debug, Default)]
struct Labels {
    sex: [String; 3],
    status: [String; 4],
    region: [String; 9],
    language: [String; 3],
    member: [String; 3],
    age_unknown: String,
    tax_of: TaxLabels,
}

#[derive(Clone, Debug, Default)]
struct TaxLabels {
    topics: FxHashMap<String, String>,
    outcomes: FxHashMap<String, String>,
    referrals: FxHashMap<String, String>,
    bases: FxHashMap<String, String>,
}

/// The coded columns whose values have labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Sex,
    VisitStatus,
    Region,
    Language,
    MemberStatus,
    Topic,
    Outcome,
    Referral,
    LegalBasis,
}

fn msgs<const N: usize>(i18n: &I18n, ids: [&str; N]) -> [String; N] {
    ids.map(|id| i18n.t(id))
}

fn tax_map<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Label)>,
    lang: Lang,
) -> FxHashMap<String, String> {
    entries
        .map(|(c, l)| (c.to_string(), l.get(lang).to_string()))
        .collect()
}

impl Values {
    /// The codes themselves: the English export, JSON, and whatever reads columns by code.
    pub fn codes() -> Values {
        Values { labels: None }
    }

    /// Values in `lang` (a locale code): codes for English, labels for Russian and Kyrgyz,
    /// the taxonomy's from `tax`.
    pub fn new(lang: &str, tax: &Taxonomy) -> Values {
        let Some(l) = Lang::from_code(lang).filter(|l| *l != Lang::En) else {
            return Values::codes();
        };
        let i = I18n::new(lang);
        let tax_of = TaxLabels {
            topics: tax_map(tax.topics.iter().map(|t| (t.code.as_str(), &t.label)), l),
            outcomes: tax_map(tax.outcomes.iter().map(|t| (t.code.as_str(), &t.label)), l),
            referrals: tax_map(tax.referrals.iter().map(|t| (t.code.as_str(), &t.label)), l),
            bases: tax_map(
                tax.legal_bases.iter().map(|t| (t.code.as_str(), &t.label)),
                l,
            ),
        };
        Values {
            labels: Some(Box::new(Labels {
                sex: msgs(&i, Sex::ALL.map(Sex::msg_id)),
                status: msgs(&i, STATUSES.map(VisitStatus::msg_id)),
                region: msgs(&i, Region::ALL.map(Region::msg_id)),
                language: msgs(&i, Lang::ALL.map(Lang::msg_id)),
                member: msgs(&i, MemberStatus::ALL.map(member_msg)),
                age_unknown: i.t("report-age-unknown"),
                tax_of,
            })),
        }
    }

    /// Whether the values are the codes (the English export).
    pub fn are_codes(&self) -> bool {
        self.labels.is_none()
    }

    pub fn sex(&self, s: Sex) -> &str {
        match &self.labels {
            Some(l) => &l.sex[Sex::ALL.iter().position(|x| *x == s).unwrap_or(0)],
            None => s.code(),
        }
    }

    pub fn status(&self, s: VisitStatus) -> &str {
        match &self.labels {
            Some(l) => &l.status[STATUSES.iter().position(|x| *x == s).unwrap_or(0)],
            None => s.code(),
        }
    }

    /// A region's name; no region is an empty cell in every language.
    pub fn region(&self, r: Option<Region>) -> &str {
        match (r, &self.labels) {
            (None, _) => "",
            (Some(r), Some(l)) => &l.region[Region::ALL.iter().position(|x| *x == r).unwrap_or(0)],
            (Some(r), None) => r.code(),
        }
    }

    pub fn language(&self, x: Lang) -> &str {
        match &self.labels {
            Some(l) => &l.language[Lang::ALL.iter().position(|y| *y == x).unwrap_or(0)],
            None => x.code(),
        }
    }

    pub fn member(&self, s: MemberStatus) -> &str {
        match &self.labels {
            Some(l) => &l.member[MemberStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)],
            None => s.code(),
        }
    }

    /// An age band: the bands are numbers (`18-24`) in every language, `unknown` is a word.
    pub fn age_band<'a>(&'a self, band: &'a str) -> &'a str {
        match &self.labels {
            Some(l) if band == "unknown" => &l.age_unknown,
            _ => band,
        }
    }

    /// A taxonomy code's label in its list; a code the taxonomy no longer has is written
    /// as it is (a record made with another organisation's copy still exports).
    pub fn tax<'a>(&'a self, kind: Kind, code: &'a str) -> &'a str {
        let Some(l) = &self.labels else {
            return code;
        };
        let map = match kind {
            Kind::Topic => &l.tax_of.topics,
            Kind::Outcome => &l.tax_of.outcomes,
            Kind::Referral => &l.tax_of.referrals,
            Kind::LegalBasis => &l.tax_of.bases,
            _ => return code,
        };
        map.get(code).map_or(code, String::as_str)
    }

    /// A list of taxonomy codes: `a;b` as codes, `Label A; Label B` as labels.
    pub fn tax_list(&self, kind: Kind, codes: &[String]) -> String {
        if self.are_codes() {
            return codes.join(";");
        }
        let labels: Vec<&str> = codes.iter().map(|c| self.tax(kind, c)).collect();
        labels.join(LIST_SEPARATOR)
    }
}

/// Visit statuses in a fixed order (the enum has no `ALL`).
const STATUSES: [VisitStatus; 4] = [
    VisitStatus::Waiting,
    VisitStatus::WithOfficer,
    VisitStatus::Done,
    VisitStatus::LeftWithoutService,
];

/// The visit status of a code.
pub fn visit_status(code: &str) -> Option<VisitStatus> {
    STATUSES.into_iter().find(|s| s.code() == code)
}

fn member_msg(s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Active => "member-active",
        MemberStatus::Recovered => "member-recovered",
        MemberStatus::Withdrawn => "member-withdrawn",
    }
}

/// Every spelling the import accepts for the values of each coded column, folded (lower
/// case, `ё` as `е`, spaces collapsed), and the code each stands for. Codes first, then the
/// labels in English, Russian and Kyrgyz: a label that two languages give to different
/// codes of one column goes to the first (none of the built-in ones do; a test checks).
#[derive(Clone, Debug, Default)]
pub struct Reverse {
    map: FxHashMap<(Kind, String), String>,
    /// The longest spelling, in bytes: no piece of a list cell longer than it is a label.
    longest: usize,
}

impl Reverse {
    /// The spellings of the columns whose values come from the locales (sex, statuses,
    /// region, language), built once.
    pub fn builtin() -> &'static Reverse {
        static R: std::sync::OnceLock<Reverse> = std::sync::OnceLock::new();
        R.get_or_init(|| Reverse::new(&Taxonomy::default()))
    }

    /// Those and the taxonomy's codes and labels.
    pub fn new(tax: &Taxonomy) -> Reverse {
        let mut r = Reverse::default();
        for s in Sex::ALL {
            r.add(Kind::Sex, s.code(), s.code());
        }
        for s in STATUSES {
            r.add(Kind::VisitStatus, s.code(), s.code());
        }
        for x in Region::ALL {
            r.add(Kind::Region, x.code(), x.code());
        }
        for x in Lang::ALL {
            r.add(Kind::Language, x.code(), x.code());
        }
        for s in MemberStatus::ALL {
            r.add(Kind::MemberStatus, s.code(), s.code());
        }
        let lists: [(Kind, Vec<(&str, &Label)>); 4] = [
            (
                Kind::Topic,
                tax.topics
                    .iter()
                    .map(|t| (t.code.as_str(), &t.label))
                    .collect(),
            ),
            (
                Kind::Outcome,
                tax.outcomes
                    .iter()
                    .map(|t| (t.code.as_str(), &t.label))
                    .collect(),
            ),
            (
                Kind::Referral,
                tax.referrals
                    .iter()
                    .map(|t| (t.code.as_str(), &t.label))
                    .collect(),
            ),
            (
                Kind::LegalBasis,
                tax.legal_bases
                    .iter()
                    .map(|t| (t.code.as_str(), &t.label))
                    .collect(),
            ),
        ];
        for (kind, entries) in &lists {
            for (code, _) in entries {
                r.add(*kind, code, code);
            }
        }
        for (lang, _) in crate::i18n::LOCALES {
            let i = I18n::new(lang);
            let l = Lang::from_code(lang).unwrap_or_default();
            for s in Sex::ALL {
                r.add(Kind::Sex, &i.t(s.msg_id()), s.code());
            }
            for s in STATUSES {
                r.add(Kind::VisitStatus, &i.t(s.msg_id()), s.code());
            }
            for x in Region::ALL {
                r.add(Kind::Region, &i.t(x.msg_id()), x.code());
            }
            for x in Lang::ALL {
                r.add(Kind::Language, &i.t(x.msg_id()), x.code());
            }
            for s in MemberStatus::ALL {
                r.add(Kind::MemberStatus, &i.t(member_msg(s)), s.code());
            }
            for (kind, entries) in &lists {
                for (code, label) in entries {
                    r.add(*kind, label.get(l), code);
                }
            }
        }
        r
    }

    fn add(&mut self, kind: Kind, spelling: &str, code: &str) {
        self.longest = self.longest.max(spelling.len());
        self.map
            .entry((kind, fold(spelling)))
            .or_insert_with(|| code.to_string());
    }

    /// The code a cell of a `kind` column stands for: the code itself or its label in any
    /// language, in any case, spaces around ignored.
    pub fn code(&self, kind: Kind, cell: &str) -> Option<&str> {
        self.map.get(&(kind, fold(cell))).map(String::as_str)
    }

    /// The codes of a list cell (`a;b`, or labels joined by `; `). A label may itself hold
    /// a `;` (the built-in taxonomy has one): the pieces between separators are put back
    /// together where only together they make a label. `None` when some part is in no
    /// spelling; an empty cell is an empty list.
    pub fn list(&self, kind: Kind, cell: &str) -> Option<Vec<String>> {
        let parts: Vec<&str> = cell.split(';').collect();
        // best[i]: the codes of parts[..i], when they can be read.
        let mut best: Vec<Option<Vec<String>>> = vec![None; parts.len() + 1];
        best[0] = Some(Vec::new());
        for i in 0..parts.len() {
            let Some(done) = best[i].clone() else {
                continue;
            };
            for j in i + 1..=parts.len() {
                if best[j].is_some() {
                    continue;
                }
                let piece = parts[i..j].join(";");
                let piece = piece.trim();
                // Longer pieces cannot be labels: a cell of many `;` is read in linear time.
                if piece.len() > 2 * self.longest {
                    break;
                }
                if piece.is_empty() {
                    best[j] = Some(done.clone());
                } else if let Some(code) = self.code(kind, piece) {
                    let mut next = done.clone();
                    next.push(code.to_string());
                    best[j] = Some(next);
                }
            }
        }
        best.pop().flatten()
    }
}

#[cfg(test)]
mod tests;
