use clap::Parser;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let filter =
        EnvFilter::try_from_env("KNIT_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // One JSON object per line for log collectors, or text for people.
    match std::env::var("KNIT_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().init(),
        Ok("text") | Ok("") | Err(_) => logs.init(),
        Ok(other) => {
            eprintln!("knit: KNIT_LOG_FORMAT: '{other}' is not a log format; use json or text.");
            return std::process::ExitCode::FAILURE;
        }
    }
    let cli = server::cli::Cli::parse();
    // `analyze` and `suggest` only read files and compute, on threads of their
    // own: starting (and stopping) Tokio's worker threads for them is a
    // measurable part of a small network's run.
    let runtime = if cli.only_computes() {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    }
    .enable_all()
    .build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("knit: the async runtime cannot start ({e}).");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("knit: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
