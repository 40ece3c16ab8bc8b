//! The real binary in a real pseudo-terminal (tmux), typed at like a person: shared by the
//! end-to-end test binaries.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::cli::BIN;

pub const TIMEOUT: Duration = Duration::from_secs(15);

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env("LANG", "C.UTF-8")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is needed for the end-to-end tests (apt-get install tmux)")
    }

    /// Starts kezek on `dir` in a detached 100x30 session.
    pub fn start(name: &str, dir: &Path) -> Tmux {
        Tmux::start_with(name, dir, "")
    }

    /// Starts kezek with `extra` appended to the test config.
    pub fn start_with(name: &str, dir: &Path, extra: &str) -> Tmux {
        let t = Tmux::configured(name, dir, extra);
        t.launch(dir);
        t
    }

    /// Writes the test config (with `extra`) and starts nothing yet.
    pub fn configured(name: &str, dir: &Path, extra: &str) -> Tmux {
        let t = Tmux {
            socket: format!("kezek-e2e-{name}-{}", std::process::id()),
        };
        let config = dir.join("config.toml");
        std::fs::write(
            &config,
            format!(
                "desk_name = \"Desk 7\"\nofficer = \"Test Officer\"\nidle_lock_minutes = 0\n{extra}"
            ),
        )
        .unwrap();
        t
    }

    pub fn launch(&self, dir: &Path) {
        self.launch_cmd(&format!("exec {}", kezek_cmd(dir)));
    }

    pub fn launch_cmd(&self, cmd: &str) {
        self.launch_sized(cmd, 100, 30);
    }

    /// Runs `cmd` in a detached session of `w` x `h` cells.
    pub fn launch_sized(&self, cmd: &str, w: u16, h: u16) {
        let (w, h) = (w.to_string(), h.to_string());
        let out = self.tmux(&["new-session", "-d", "-s", "k", "-x", &w, "-y", &h, cmd]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "k"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "k", "-l", text])
                .status
                .success()
        );
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "k"]).stdout).into_owned()
    }

    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("waited {TIMEOUT:?} for {needle:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn running(&self) -> bool {
        self.tmux(&["has-session", "-t", "k"]).status.success()
    }

    pub fn wait_exit(&self) {
        let start = Instant::now();
        while self.running() {
            assert!(
                start.elapsed() < TIMEOUT,
                "kezek did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pid(&self) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "k", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// The shell command that runs kezek on `dir` with its test config.
pub fn kezek_cmd(dir: &Path) -> String {
    format!(
        "env LANG=C.UTF-8 {BIN} --data-dir '{}' --config '{}'",
        dir.display(),
        dir.join("config.toml").display()
    )
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

pub fn row_with<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no row with {name}:\n{screen}"))
}

/// On the events screen of an empty store: a new event in `city` at `venue`, saved, its
/// (empty) queue open.
pub fn new_event(t: &Tmux, city: &str, venue: &str) {
    t.wait_for("No reception events yet");
    t.keys(&["n"]);
    t.wait_for("New reception event");
    t.text(city);
    t.keys(&["Tab"]);
    t.text(venue);
    t.keys(&["C-s"]);
    t.wait_for("Nobody in the queue yet");
}

pub fn add_arrival(t: &Tmux, surname: &str, given: &str, purpose: &str) {
    let saved = format!("{surname} {given}.");
    arrival_by(t, ["n", "New arrival"], surname, given, purpose, &saved);
}

/// A new arrival by `key` (the form titled `title`), named, with a purpose, saved: waits
/// for `saved` on screen.
pub fn arrival_by(
    t: &Tmux,
    [key, title]: [&str; 2],
    surname: &str,
    given: &str,
    purpose: &str,
    saved: &str,
) {
    t.keys(&[key]);
    t.wait_for(title);
    t.text(surname);
    t.keys(&["Tab"]);
    t.text(given);
    // Eight person fields, then the language of service (left as it is), then the purpose.
    for _ in 0..9 {
        t.keys(&["Tab"]);
    }
    t.text(purpose);
    t.keys(&["C-s"]);
    t.wait_for(saved);
}
