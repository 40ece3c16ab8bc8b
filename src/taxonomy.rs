//! Loading and checking `taxonomy.toml`: the built-in copy, or an organisation's own next to
//! its config file. Problems are reported with the file and line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::taxonomy::{Entry, Label, ReferralTarget, Taxonomy, Topic, valid_code};

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
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    hours: String,
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
                address: r.address.clone(),
                phone: r.phone.clone(),
                hours: r.hours.clone(),
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
        // Contacts ship empty: each organisation fills in its own.
        assert!(
            t.referrals
                .iter()
                .all(|r| r.address.is_empty() && r.phone.is_empty())
        );
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
}
