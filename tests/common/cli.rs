//! The real binary as a shell runs it, on a data directory of the test's own. Nothing of
//! the machine's decides what a test sees: no config file of its own (nor a taxonomy beside
//! it) and no `KEZEK_LANG`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const BIN: &str = env!("CARGO_BIN_EXE_kezek");

/// An empty config file shared by the whole run, in a folder of the tests' own inside the
/// target directory (`CARGO_TARGET_TMPDIR`): the taxonomy is looked for beside the config,
/// and a shared folder such as /tmp could hold anyone's `taxonomy.toml`.
pub fn no_config() -> &'static Path {
    static CONFIG: OnceLock<PathBuf> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config");
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("none.toml");
        std::fs::write(&p, "").unwrap();
        p
    })
}

/// `kezek --data-dir DATA` reading `config`.
pub fn command(config: &Path, data: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("KEZEK_LANG")
        .env("KEZEK_CONFIG", config)
        .arg("--data-dir")
        .arg(data);
    c
}

/// `kezek --data-dir DATA` with no config.
pub fn on(data: &Path) -> Command {
    command(no_config(), data)
}

/// `kezek --data-dir DATA ARGS` with no config, run to its end.
pub fn output(data: &Path, args: &[&str]) -> Output {
    on(data).args(args).output().unwrap()
}

/// [`output`] on the store `dir/STORE`.
pub fn output_in(dir: &Path, store: &str, args: &[&str]) -> Output {
    output(&dir.join(store), args)
}

/// `kezek --data-dir DATA ARGS` reading `config`: whether it succeeded, what it said
/// (stdout, then stderr) and its stdout alone.
pub fn run_with(config: &Path, data: &Path, args: &[&str]) -> (bool, String, Vec<u8>) {
    let out = command(config, data).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text, out.stdout)
}

/// [`run_with`] with no config: whether it succeeded and what it said.
pub fn run(data: &Path, args: &[&str]) -> (bool, String) {
    let (ok, text, _) = run_with(no_config(), data, args);
    (ok, text)
}

/// The stdout of a run that must succeed; else the test fails with all it said.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `kezek ARGS` on the data directory `dir` with its own `config.toml`: its standard
/// output, after asserting that it succeeded.
pub fn kezek_ok(dir: &Path, args: &[&str]) -> String {
    let config = dir.join("config.toml");
    let out = command(&config, dir).args(args).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}
