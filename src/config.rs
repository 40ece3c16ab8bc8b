//! Configuration: a TOML file, every key optional. `config.example.toml` documents them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::Lang;
use crate::domain::settings::Settings;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Shown in the queue's Desk column and on slips.
    pub desk_name: String,
    /// One letter before this desk's queue numbers (`A-017`); empty: plain numbers.
    pub desk_letter: String,
    /// The organisation this desk works for (`KG-EMB-MSK`), shown and carried in bundles
    /// beside the desk id; empty: none (stores from before codes).
    pub organisation: String,
    /// Recorded with every change as who made it.
    pub officer: String,
    /// Interface language: "ky", "ru" or "en".
    pub language: String,
    /// sled page cache in MiB.
    pub cache_capacity_mb: u64,
    /// Hide the screen after this many idle minutes; 0 never.
    pub idle_lock_minutes: u32,
    /// Anonymised exports: every published combination of region, city, sex, age band and
    /// event holds at least this many persons.
    pub anonymity_k: u32,
    /// Merging other desks' bundles: an op dated more than this many minutes ahead of this
    /// desk's clock does not move it (1 to 10,080, a week).
    pub clock_skew_minutes: u64,
    /// Where the store lives; `--data-dir` and `$KEZEK_DATA_DIR` take precedence.
    pub data_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            desk_name: "Desk 1".into(),
            desk_letter: String::new(),
            organisation: String::new(),
            officer: String::new(),
            language: "en".into(),
            cache_capacity_mb: 8,
            idle_lock_minutes: 10,
            anonymity_k: crate::domain::report::DEFAULT_K,
            clock_skew_minutes: 60,
            data_dir: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
}

impl Config {
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        if Lang::from_code(&cfg.language).is_none() {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "language = \"{}\" is not one of \"ky\", \"ru\", \"en\"",
                    cfg.language
                ),
            });
        }
        let letter = crate::domain::settings::parse_desk_letter(&cfg.desk_letter).ok();
        if letter.as_deref() != Some(cfg.desk_letter.as_str()) {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "desk_letter = \"{}\" is not one Latin capital letter (A to Z) or empty",
                    cfg.desk_letter
                ),
            });
        }
        cfg.organisation =
            crate::domain::desk::parse_organisation(&cfg.organisation).map_err(|message| {
                ConfigError::Parse {
                    path: path.to_path_buf(),
                    message,
                }
            })?;
        // The desk name and the officer go into every record: the form's rules (length,
        // no control characters) hold for a hand-edited file too.
        for (key, value) in [
            ("desk_name", &mut cfg.desk_name),
            ("officer", &mut cfg.officer),
        ] {
            match crate::domain::validate::clean_text(value, false) {
                Ok(clean) => *value = clean,
                Err(_) => {
                    return Err(ConfigError::Parse {
                        path: path.to_path_buf(),
                        message: format!(
                            "{key} is longer than {} characters",
                            crate::domain::validate::MAX_TEXT_CHARS
                        ),
                    });
                }
            }
        }
        if !crate::domain::report::K_RANGE.contains(&cfg.anonymity_k) {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "anonymity_k = {} is not between {} and {}",
                    cfg.anonymity_k,
                    crate::domain::report::K_RANGE.start(),
                    crate::domain::report::K_RANGE.end()
                ),
            });
        }
        if !(1..=10_080).contains(&cfg.clock_skew_minutes) {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!(
                    "clock_skew_minutes = {} is not between 1 and 10080",
                    cfg.clock_skew_minutes
                ),
            });
        }
        if cfg.cache_capacity_mb == 0 {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                message: "cache_capacity_mb must be at least 1".into(),
            });
        }
        Ok(cfg)
    }

    /// Loads `explicit` (which must exist) or else the platform config file if there is
    /// one, or else the defaults. Returns the file used.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_config_path() {
                Some(p) if p.exists() => p,
                _ => return Ok((Config::default(), None)),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        Ok((Config::from_toml(&text, &path)?, Some(path)))
    }

    /// Where the app keeps its settings and whether they are there yet: `explicit` or the
    /// platform config file; a file that does not exist yet means a first start (the
    /// defaults, and a form that asks for the desk). `None` when there is no place at all.
    pub fn locate(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>, bool), ConfigError> {
        let path = explicit.map(Path::to_path_buf).or_else(default_config_path);
        match path {
            Some(p) if p.exists() => {
                let (cfg, _) = Config::load(Some(&p))?;
                Ok((cfg, Some(p), false))
            }
            other => Ok((Config::default(), other, true)),
        }
    }

    /// The config file's text with `settings` in it: the same file where it had them (its
    /// comments, order and other keys kept), or for a new file the documented example with
    /// the settings filled in. Only these four keys change.
    pub fn with_settings(existing: Option<&str>, settings: &Settings) -> Result<String, String> {
        let base = existing.unwrap_or(EXAMPLE);
        let mut doc: toml_edit::DocumentMut = base.parse().map_err(|e| format!("{e}"))?;
        for (key, value) in [
            ("desk_name", settings.desk_name.as_str()),
            ("desk_letter", settings.desk_letter.as_str()),
            ("officer", settings.officer.as_str()),
            ("language", settings.language.code()),
        ] {
            set_key(&mut doc, key, value);
        }
        Ok(doc.to_string())
    }

    /// The config file's text with only the language changed (`F9`).
    pub fn with_language(existing: Option<&str>, language: Lang) -> Result<String, String> {
        let base = existing.unwrap_or(EXAMPLE);
        let mut doc: toml_edit::DocumentMut = base.parse().map_err(|e| format!("{e}"))?;
        set_key(&mut doc, "language", language.code());
        Ok(doc.to_string())
    }

    /// What the settings screen shows and edits.
    pub fn settings(&self) -> Settings {
        Settings {
            desk_name: self.desk_name.clone(),
            desk_letter: self.desk_letter.clone(),
            officer: self.officer.clone(),
            language: self.lang(),
        }
    }

    /// What this desk says of itself to the other desks.
    pub fn identity(&self) -> crate::domain::desk::Identity {
        crate::domain::desk::Identity {
            organisation: self.organisation.clone(),
            letter: self.desk_letter.clone(),
            name: self.desk_name.clone(),
        }
    }

    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }

    pub fn officer_name(&self) -> String {
        if self.officer.trim().is_empty() {
            self.desk_name.clone()
        } else {
            self.officer.clone()
        }
    }
}

/// The documented example, the start of a config file the app writes for the first time.
const EXAMPLE: &str = include_str!("../config.example.toml");

/// Sets `key` to the string `value`, keeping the comment above it and the rest of its line.
fn set_key(doc: &mut toml_edit::DocumentMut, key: &str, value: &str) {
    match doc.get_mut(key).and_then(|item| item.as_value_mut()) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = toml_edit::Value::from(value);
            *v.decor_mut() = decor;
        }
        None => {
            doc.insert(key, toml_edit::value(value));
        }
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "kezek", "kezek")
}

pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// `--data-dir`/`$KEZEK_DATA_DIR` (given as `flag`), else the config's `data_dir`, else the
/// platform data directory (e.g. `~/.local/share/kezek`).
pub fn resolve_data_dir(flag: Option<&Path>, cfg: &Config) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| cfg.data_dir.clone())
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymity_k_is_read_and_bounded() {
        let p = Path::new("c.toml");
        assert_eq!(Config::from_toml("", p).unwrap().anonymity_k, 5);
        assert_eq!(
            Config::from_toml("anonymity_k = 11", p)
                .unwrap()
                .anonymity_k,
            11
        );
        for bad in ["anonymity_k = 1", "anonymity_k = 0", "anonymity_k = 101"] {
            let e = Config::from_toml(bad, p).unwrap_err().to_string();
            assert!(e.contains("between 2 and 100"), "{bad}: {e}");
        }
    }

    #[test]
    fn example_config_parses_and_documents_every_key() {
        let text = include_str!("../config.example.toml");
        let cfg = Config::from_toml(text, Path::new("config.example.toml")).unwrap();
        assert_eq!(cfg.cache_capacity_mb, 8);
        for key in [
            "desk_name",
            "desk_letter",
            "organisation",
            "officer",
            "language",
            "cache_capacity_mb",
            "idle_lock_minutes",
            "anonymity_k",
            "data_dir",
        ] {
            assert!(
                text.contains(&format!("{key} =")),
                "{key} is not documented"
            );
        }
    }

    fn settings() -> Settings {
        Settings {
            desk_name: "Стол \"Ош\" 2".into(),
            desk_letter: "B".into(),
            officer: "Гүлнара Токтосунова".into(),
            language: Lang::Ky,
        }
    }

    #[test]
    fn settings_round_trip_keeping_comments_order_and_other_keys() {
        let p = Path::new("c.toml");
        let before = "# Our desk at the Moscow embassy.\ndesk_name = \"Desk 1\" # was 1\n\n# keep\nidle_lock_minutes = 3\n";
        let after = Config::with_settings(Some(before), &settings()).unwrap();
        let cfg = Config::from_toml(&after, p).unwrap();
        assert_eq!(cfg.settings(), settings());
        assert_eq!(cfg.idle_lock_minutes, 3, "other keys stay");
        assert!(after.starts_with("# Our desk at the Moscow embassy.\ndesk_name = "));
        assert!(after.contains("# was 1") && after.contains("# keep\nidle_lock_minutes = 3"));
        // Written again with the same settings, nothing changes.
        assert_eq!(
            Config::with_settings(Some(&after), &settings()).unwrap(),
            after
        );
        let lang = Config::with_language(Some(&after), Lang::Ru).unwrap();
        let cfg = Config::from_toml(&lang, p).unwrap();
        assert_eq!((cfg.lang(), cfg.desk_letter.as_str()), (Lang::Ru, "B"));
    }

    #[test]
    fn a_new_config_is_the_documented_example_with_the_settings() {
        let text = Config::with_settings(None, &settings()).unwrap();
        let cfg = Config::from_toml(&text, Path::new("new.toml")).unwrap();
        assert_eq!(cfg.settings(), settings());
        assert_eq!(cfg.cache_capacity_mb, 8);
        assert!(text.contains("# Memory sled may use"), "documented: {text}");
        let e = Config::from_toml("desk_letter = \"AB\"", Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("desk_letter"), "{e}");
    }

    #[test]
    fn bad_config_names_file_and_problem() {
        let p = Path::new("/etc/kezek.toml");
        let e = Config::from_toml("language = \"de\"", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("/etc/kezek.toml") && e.contains("\"de\""), "{e}");
        let e = Config::from_toml("colour = 1", p).unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
        let long = format!("desk_name = \"{}\"", "Ж".repeat(201));
        let e = Config::from_toml(&long, p).unwrap_err().to_string();
        assert!(e.contains("desk_name is longer than 200"), "{e}");
        let cfg = Config::from_toml("officer = \"A\\u001b[2Jli\"", p).unwrap();
        assert_eq!(
            cfg.officer, "A[2Jli",
            "no control character reaches a record"
        );
        let cfg = Config::from_toml("organisation = \"kg-emb-msk\"", p).unwrap();
        assert_eq!(cfg.identity().organisation, "KG-EMB-MSK");
        for bad in ["KG EMB", "KG-EMB-MOSCOW-2026", "-KG", "КГ"] {
            let e = Config::from_toml(&format!("organisation = \"{bad}\""), p)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("/etc/kezek.toml")
                    && e.contains("organisation")
                    && e.contains("1 to 16"),
                "{bad}: {e}"
            );
        }
        let e = Config::from_toml("desk_name = ", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
