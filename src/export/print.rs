//! The slip's way to paper: the one place kezek starts another program. The print command
//! (`lp` from CUPS) is found on `PATH` once at start; a slip is handed to it by its path.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A print command that has not answered by then is stopped: a slip is one page, and a
/// hung spooler must not hold the thread that runs the app's long effects.
const WAIT: Duration = Duration::from_secs(30);

/// The first `name` on `PATH` that is a file, as a full path.
pub fn find_on_path(name: &str) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
}

/// Hands `file` to `command` (`lp FILE`) and waits for it to take it; `Err` with what the
/// command said (or why it could not start) when it did not.
pub fn print(command: &str, file: &Path) -> Result<(), String> {
    // A relative path could begin with '-' and be read as an option; a full one cannot.
    let file: PathBuf = std::path::absolute(file).map_err(|e| e.to_string())?;
    let mut child = Command::new(command)
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{command}: {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < WAIT => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{command}: no answer in {} s", WAIT.as_secs()));
            }
            Err(e) => return Err(format!("{command}: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut said = String::new();
    if let Some(mut err) = child.stderr.take() {
        use std::io::Read;
        // At most a line or two is wanted for the flash.
        let _ = (&mut err).take(4096).read_to_string(&mut said);
    }
    let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
    Err(if said.is_empty() {
        format!("{command}: {status}")
    } else {
        said.chars().take(200).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn script(dir: &Path, body: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-lp");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path.display().to_string()
    }

    #[cfg(unix)]
    #[test]
    fn the_command_gets_the_full_path_and_its_refusal_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let args = dir.path().join("args");
        let ok = script(
            dir.path(),
            &format!("printf '%s\\n' \"$@\" > '{}'", args.display()),
        );
        let slip = dir.path().join("slip.html");
        print(&ok, &slip).unwrap();
        assert_eq!(
            std::fs::read_to_string(&args).unwrap(),
            format!("{}\n", slip.display())
        );
        let no = script(
            dir.path(),
            "echo 'lp: The printer or class does not exist.' >&2; exit 1",
        );
        assert_eq!(
            print(&no, &slip).unwrap_err(),
            "lp: The printer or class does not exist."
        );
        let gone = print("/nonexistent/lp", &slip).unwrap_err();
        assert!(gone.starts_with("/nonexistent/lp: "), "{gone}");
    }
}
