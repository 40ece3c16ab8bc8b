use std::process::ExitCode;

use clap::Parser;
use kezek::cli::Cli;

fn main() -> ExitCode {
    // Before anything is created: every file and directory kezek makes is its owner's only.
    kezek::privacy::private_umask();
    kezek::memory::no_huge_pages();
    let cli = Cli::parse();
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
            for cause in e.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
