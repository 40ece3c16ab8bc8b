use std::process::ExitCode;

use clap::Parser;
use kezek::cli::Cli;

/// Reports and exports decode and drop hundreds of thousands of small records, often freed
/// on another thread than the one that made them; mimalloc does that far faster than the
/// system allocator (see the README's Design section and BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kezek::allocator::tune();
    let cli = Cli::parse();
    if let Err(e) = color_eyre::install() {
        eprintln!("kezek: {e}");
    }
    let result = match &cli.command {
        None => kezek::app_main(&cli),
        Some(command) => kezek::cli::run(&cli, command),
    };
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
