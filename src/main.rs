use std::process::ExitCode;

use clap::Parser;
use kezek::cli::Cli;

fn main() -> ExitCode {
    // Before anything is created: every file and directory kezek makes is its owner's only.
    kezek::privacy::private_umask();
    kezek::memory::no_huge_pages();
    let cli = Cli::parse();
    if cli.command.is_some() {
        // A command's output piped into something that closed it (`| head`, a closed
        // terminal): end quietly as Unix tools do, not with a panic in `eprintln!`. A bulk
        // write is one journal batch, so an end at any moment leaves all of it or none.
        // SAFETY: no thread has been started yet; only the disposition of SIGPIPE changes.
        #[cfg(unix)]
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    if let Err(e) = color_eyre::install() {
        eprintln!("kezek: {e}");
    }
    let result = match &cli.command {
        None => kezek::app_main(&cli),
        Some(command) => kezek::cli::run(&cli, command),
    }
    .or_else(|e| kezek::cli::explain_in_use(e, cli.command.as_ref()));
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kezek: {e}");
            // A cause already spelled out in what was said before it (`{path}: {source}`)
            // is not said twice.
            let mut said = e.to_string();
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if !said.contains(&cause) {
                    eprintln!("  because: {cause}");
                }
                said.push_str(&cause);
            }
            ExitCode::FAILURE
        }
    }
}
