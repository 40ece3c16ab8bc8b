//! Loading and checking `taxonomy.toml`: the built-in copy, or an organisation's own next to
//! its config file. Problems are reported with the file and line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::taxonomy::{
    Contacts, Entry, Label, ReferralTarget, Taxonomy, Topic, valid_code,
};

pub const BUILTIN: &str = include_str!("../assets/taxonomy.toml");
pub const FILE_NAME: &str = "taxonomy.toml";

#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}, line {line}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    code: Spanned<String>,
    en: String,
    ru: Option<String>,
    ky: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    code: Spanned<String>,
    en: String,
    ru: Option<String>,
    ky: Option<String>,
    #[serde(default)]
    bases: Vec<Spanned<String>>,
    #[serde(default)]
    referrals: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReferral {
    code: Spanned<String>,
    en: String,
    ru: Option<String>,
    ky: Option<String>,
    address: Option<Spanned<RawText>>,
    phone: Option<Spanned<String>>,
    hours: Option<Spanned<RawText>>,
    website: Option<Spanned<String>>,
}

/// A contact in words: one text for every language, or one per language.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    One(String),
    Per(RawPerLang),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerLang {
    en: Option<String>,
    ru: Option<String>,
    ky: Option<String>,
}

impl RawText {
    fn texts(&self) -> Vec<&str> {
        match self {
            RawText::One(t) => vec![t],
            RawText::Per(p) => [&p.en, &p.ru, &p.ky]
                .into_iter()
                .flatten()
                .map(|t| t.as_str())
                .collect(),
        }
    }

    fn label(&self) -> Label {
        match self {
            RawText::One(t) => Label {
                en: t.clone(),
                ru: None,
                ky: None,
            },
            RawText::Per(p) => Label {
                en: p.en.clone().unwrap_or_default(),
                ru: p.ru.clone(),
                ky: p.ky.clone(),
            },
        }
    }
}

/// The longest each contact field may be, in characters: what fits a line or two of a slip.
const CONTACT_LIMITS: [(&str, usize); 4] = [
    ("address", 200),
    ("phone", 40),
    ("hours", 120),
    ("website", 200),
];

/// Why a contact text cannot go on a slip, if it cannot: too long for its field, or with a
/// control character (a line break or escape would break the slip's layout or the terminal).
fn contact_problem(field: &str, text: &str) -> Option<String> {
    let limit = CONTACT_LIMITS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(200, |(_, n)| *n);
    let chars = text.chars().count();
    if chars > limit {
        return Some(format!(
            "{field} is {chars} characters long; at most {limit} fit on a slip"
        ));
    }
    // The rule stored text follows (`clean_text`): no control, direction or invisible mark.
    if text.chars().any(crate::domain::validate::is_unprintable) {
        return Some(format!(
            "{field} contains a control character (a line break, tab or escape); write it on one line"
        ));
    }
    None
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    #[serde(default)]
    topic: Vec<RawTopic>,
    #[serde(default)]
    referral: Vec<RawReferral>,
    #[serde(default)]
    legal_basis: Vec<RawLabel>,
    #[serde(default)]
    outcome: Vec<RawLabel>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses and checks a taxonomy: unique, well-formed codes; an English label for each;
/// topics refer only to legal bases and referral targets that exist; at least one topic and
/// one outcome.
pub fn parse(text: &str, path: &Path) -> Result<Taxonomy, TaxonomyError> {
    let raw: RawTaxonomy = toml::from_str(text).map_err(|e| TaxonomyError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let invalid = |span: std::ops::Range<usize>, message: String| TaxonomyError::Invalid {
        path: path.to_path_buf(),
        line: line_of(text, span.start),
        message,
    };
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    let mut check = |kind: &'static str, code: &Spanned<String>, en: &str| {
        if !valid_code(code.get_ref()) {
            return Err(invalid(
                code.span(),
                format!(
                    "{kind} code \"{}\" must be lower-case letters, digits, '.', '-' or '_'",
                    code.get_ref()
                ),
            ));
        }
        if en.trim().is_empty() {
            return Err(invalid(
                code.span(),
                format!("{kind} \"{}\" has no English label (en)", code.get_ref()),
            ));
        }
        if !seen.insert((kind, code.get_ref().clone())) {
            return Err(invalid(
                code.span(),
                format!("{kind} code \"{}\" is used twice", code.get_ref()),
            ));
        }
        Ok(())
    };
    for o in &raw.outcome {
        check("outcome", &o.code, &o.en)?;
    }
    for b in &raw.legal_basis {
        check("legal basis", &b.code, &b.en)?;
    }
    for r in &raw.referral {
        check("referral", &r.code, &r.en)?;
    }
    for t in &raw.topic {
        check("topic", &t.code, &t.en)?;
    }
    for r in &raw.referral {
        let words = [("address", &r.address), ("hours", &r.hours)];
        let words = words
            .iter()
            .filter_map(|(f, v)| v.as_ref().map(|v| (*f, v.span(), v.get_ref().texts())));
        let plain = [("phone", &r.phone), ("website", &r.website)];
        let plain = plain.iter().filter_map(|(f, v)| {
            v.as_ref()
                .map(|v| (*f, v.span(), vec![v.get_ref().as_str()]))
        });
        for (field, span, texts) in words.chain(plain) {
            if let Some(problem) = texts.iter().find_map(|t| contact_problem(field, t)) {
                return Err(invalid(
                    span,
                    format!("referral \"{}\": {problem}", r.code.get_ref()),
                ));
            }
        }
    }
    for t in &raw.topic {
        for b in &t.bases {
            if !raw
                .legal_basis
                .iter()
                .any(|x| x.code.get_ref() == b.get_ref())
            {
                return Err(invalid(
                    b.span(),
                    format!(
                        "topic \"{}\" refers to legal basis \"{}\", which is not defined",
                        t.code.get_ref(),
                        b.get_ref()
                    ),
                ));
            }
        }
        for r in &t.referrals {
            if !raw.referral.iter().any(|x| x.code.get_ref() == r.get_ref()) {
                return Err(invalid(
                    r.span(),
                    format!(
                        "topic \"{}\" refers to referral target \"{}\", which is not defined",
                        t.code.get_ref(),
                        r.get_ref()
                    ),
                ));
            }
        }
    }
    if raw.topic.is_empty() || raw.outcome.is_empty() {
        return Err(TaxonomyError::Parse {
            path: path.to_path_buf(),
            message: "needs at least one [[topic]] and one [[outcome]]".into(),
        });
    }
    let label = |en: &str, ru: &Option<String>, ky: &Option<String>| Label {
        en: en.to_string(),
        ru: ru.clone(),
        ky: ky.clone(),
    };
    Ok(Taxonomy {
        topics: raw
            .topic
            .iter()
            .map(|t| Topic {
                code: t.code.get_ref().clone(),
                label: label(&t.en, &t.ru, &t.ky),
                bases: t.bases.iter().map(|b| b.get_ref().clone()).collect(),
                referrals: t.referrals.iter().map(|r| r.get_ref().clone()).collect(),
            })
            .collect(),
        referrals: raw
            .referral
            .iter()
            .map(|r| ReferralTarget {
                code: r.code.get_ref().clone(),
                label: label(&r.en, &r.ru, &r.ky),
                contacts: Contacts {
                    address: r
                        .address
                        .as_ref()
                        .map(|a| a.get_ref().label())
                        .unwrap_or_default(),
                    phone: r
                        .phone
                        .as_ref()
                        .map(|p| p.get_ref().clone())
                        .unwrap_or_default(),
                    hours: r
                        .hours
                        .as_ref()
                        .map(|h| h.get_ref().label())
                        .unwrap_or_default(),
                    website: r
                        .website
                        .as_ref()
                        .map(|w| w.get_ref().clone())
                        .unwrap_or_default(),
                },
            })
            .collect(),
        legal_bases: raw
            .legal_basis
            .iter()
            .map(|b| Entry {
                code: b.code.get_ref().clone(),
                label: label(&b.en, &b.ru, &b.ky),
            })
            .collect(),
        outcomes: raw
            .outcome
            .iter()
            .map(|o| Entry {
                code: o.code.get_ref().clone(),
                label: label(&o.en, &o.ru, &o.ky),
            })
            .collect(),
    })
}

/// The built-in taxonomy (checked by a test, so this cannot fail in a released build).
pub fn builtin() -> Taxonomy {
    parse(BUILTIN, Path::new("assets/taxonomy.toml")).unwrap_or_default()
}

/// The organisation's own `taxonomy.toml` in `dir` if there is one, else the built-in one.
pub fn load(dir: Option<&Path>) -> Result<(Taxonomy, Option<PathBuf>), TaxonomyError> {
    if let Some(path) = dir.map(|d| d.join(FILE_NAME)).filter(|p| p.exists()) {
        let text = std::fs::read_to_string(&path).map_err(|source| TaxonomyError::Read {
            path: path.clone(),
            source,
        })?;
        return Ok((parse(&text, &path)?, Some(path)));
    }
    Ok((builtin(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_taxonomy_is_valid_and_complete() {
        let t = parse(BUILTIN, Path::new("assets/taxonomy.toml")).unwrap();
        assert!(t.topics.len() >= 15);
        for code in [
            "advised",
            "referred",
            "appeal-filed",
            "resolved",
            "no-action",
        ] {
            assert!(t.outcome(code).is_some(), "{code}");
        }
        assert!(t.topic("wages.unpaid").is_some());
        // Only the international organisations' public websites ship; addresses, phones
        // and hours each organisation fills in for its own city.
        assert_eq!(
            t.referral("io.iom").unwrap().contacts.website,
            "www.iom.int"
        );
        assert!(t.referrals.iter().all(|r| {
            r.contacts
                .address
                .get_any(crate::domain::Lang::En)
                .is_empty()
                && r.contacts.phone.is_empty()
        }));
    }

    fn err(text: &str) -> String {
        parse(text, Path::new("org/taxonomy.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn problems_name_the_file_and_line() {
        let base = "[[outcome]]\ncode = \"advised\"\nen = \"Advised\"\n";
        let dup = format!(
            "{base}[[topic]]\ncode = \"a\"\nen = \"A\"\n[[topic]]\ncode = \"a\"\nen = \"B\"\n"
        );
        let e = err(&dup);
        assert!(
            e.contains("org/taxonomy.toml, line 8") && e.contains("used twice"),
            "{e}"
        );
        let dangling = format!("{base}[[topic]]\ncode = \"a\"\nen = \"A\"\nbases = [\"nope\"]\n");
        let e = err(&dangling);
        assert!(e.contains("line 7") && e.contains("\"nope\""), "{e}");
        let bad_code = format!("{base}[[topic]]\ncode = \"Wages Unpaid\"\nen = \"A\"\n");
        assert!(err(&bad_code).contains("line 5"));
        let no_label = format!("{base}[[topic]]\ncode = \"a\"\nen = \" \"\n");
        assert!(err(&no_label).contains("no English label"));
        assert!(err("[[topic]\n").contains("org/taxonomy.toml"));
        assert!(err(base).contains("at least one [[topic]]"));
        let unknown = format!("{base}[[topic]]\ncode = \"a\"\nen = \"A\"\ncolour = 1\n");
        assert!(err(&unknown).contains("colour"));
    }

    #[test]
    fn labels_fall_back_to_english() {
        let text = "[[outcome]]\ncode = \"advised\"\nen = \"Advised\"\nru = \"Консультация дана\"\n[[topic]]\ncode = \"a\"\nen = \"A\"\n";
        let t = parse(text, Path::new("x")).unwrap();
        use crate::domain::Lang;
        assert_eq!(t.outcome_label("advised", Lang::Ru), "Консультация дана");
        assert_eq!(t.outcome_label("advised", Lang::Ky), "Advised");
        assert_eq!(t.topic_label("gone.code", Lang::En), "gone.code");
    }

    const CONTACTS_BASE: &str = "[[outcome]]\ncode = \"referred\"\nen = \"Referred\"\n[[topic]]\ncode = \"a\"\nen = \"A\"\n";

    #[test]
    fn referral_contacts_are_read_one_text_or_per_language() {
        use crate::domain::Lang;
        use crate::domain::taxonomy::ContactKind;
        let text = format!(
            "{CONTACTS_BASE}[[referral]]\ncode = \"inspect\"\nen = \"Labour inspection\"\n\
             address = {{ ru = \"ул. Примерная, 1\", en = \"1 Example St\" }}\n\
             phone = \"+7 000 000-00-00\"\nhours = \"Mon-Fri 9-18\"\nwebsite = \"example.org\"\n\
             [[referral]]\ncode = \"bare\"\nen = \"Bare\"\naddress = \"\"\n"
        );
        let t = parse(&text, Path::new("org/taxonomy.toml")).unwrap();
        let c = &t.referral("inspect").unwrap().contacts;
        assert_eq!(
            c.lines(Lang::Ru),
            [
                (ContactKind::Address, "ул. Примерная, 1"),
                (ContactKind::Phone, "+7 000 000-00-00"),
                (ContactKind::Hours, "Mon-Fri 9-18"),
                (ContactKind::Website, "example.org"),
            ]
        );
        // Kyrgyz not given: the English address, not nothing.
        assert_eq!(c.lines(Lang::Ky)[0], (ContactKind::Address, "1 Example St"));
        assert!(
            t.referral("bare")
                .unwrap()
                .contacts
                .lines(Lang::Ru)
                .is_empty()
        );
    }

    #[test]
    fn bad_contacts_are_refused_with_the_file_and_line() {
        let referral = |field: &str| {
            format!(
                "{CONTACTS_BASE}[[referral]]\ncode = \"inspect\"\nen = \"Inspection\"\n{field}\n"
            )
        };
        let long = err(&referral(&format!("phone = \"{}\"", "1".repeat(41))));
        assert!(
            long.contains("org/taxonomy.toml, line 10")
                && long.contains("phone is 41 characters long; at most 40"),
            "{long}"
        );
        let ctl = err(&referral("address = { ru = \"ул. Примерная\\n1\" }"));
        assert!(
            ctl.contains("line 10") && ctl.contains("address contains a control character"),
            "{ctl}"
        );
        let esc = err(&referral("website = \"\\u001b[2Jexample.org\""));
        assert!(esc.contains("line 10") && esc.contains("website"), "{esc}");
        let hours = err(&referral(&format!("hours = \"{}\"", "ч".repeat(121))));
        assert!(hours.contains("hours is 121 characters long"), "{hours}");
        let unknown = err(&referral("address = { de = \"Straße\" }"));
        assert!(
            unknown.contains("org/taxonomy.toml") && unknown.contains("line 10"),
            "{unknown}"
        );
    }
}
