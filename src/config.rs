//! Configuration: a TOML file, every key optional. `config.example.toml` documents them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Shown in the queue's Desk column and on slips.
    pub desk_name: String,
    /// Recorded with every change as who made it.
    pub officer: String,
    /// Interface language: "ky", "ru" or "en".
    pub language: String,
    /// sled page cache in MiB.
    pub cache_capacity_mb: u64,
    /// Hide the screen after this many idle minutes; 0 never.
    pub idle_lock_minutes: u32,
    /// Where the store lives; `--data-dir` and `$KEZEK_DATA_DIR` take precedence.
    pub data_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            desk_name: "Desk 1".into(),
            officer: String::new(),
            language: "en".into(),
            cache_capacity_mb: 32,
            idle_lock_minutes: 10,
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
        let cfg: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
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
    fn example_config_parses_and_documents_every_key() {
        let text = include_str!("../config.example.toml");
        let cfg = Config::from_toml(text, Path::new("config.example.toml")).unwrap();
        assert_eq!(cfg.cache_capacity_mb, 32);
        for key in [
            "desk_name",
            "officer",
            "language",
            "cache_capacity_mb",
            "idle_lock_minutes",
            "data_dir",
        ] {
            assert!(
                text.contains(&format!("{key} =")),
                "{key} is not documented"
            );
        }
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
        let e = Config::from_toml("desk_name = ", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
