//! The `knit` server: configuration, HTTP wiring, command line and background work.

pub mod analyze_cli;
pub mod audit_cli;
pub mod backup;
pub mod cli;
pub mod config;
pub mod error;
pub mod export_cli;
pub mod http;
pub mod mail;
pub mod metrics;
pub mod network_cli;
pub mod networks;
pub mod newcomers_cli;
pub mod people_cli;
pub mod respondents;
pub mod roster;
pub mod single_sign_on;
pub mod state;
pub mod suggest_cli;
pub mod user_cli;
pub mod workers;

/// The most memory a process has held (VmHWM), in MB: this one's (`None`)
/// or a child's. NaN where Linux's /proc does not say. For the benchmarks
/// and the tests that measure Knit's peak.
pub fn peak_memory_mb(process: Option<u32>) -> f64 {
    let status = match process {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_string(),
    };
    std::fs::read_to_string(status)
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|kb| kb.split_whitespace().next()?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
