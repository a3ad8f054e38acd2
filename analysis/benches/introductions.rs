//! Evidence that the suggestions help, from a simulation (see
//! `analysis::simulation` for the model and its parameters): the median days
//! for a newcomer to be named by as many colleagues as the tenured median,
//! with Knit's suggestions, random introductions and none, over seeded runs.
//! `make bench-introductions`.

use analysis::simulation::{median, simulate, Arm, HORIZON_DAYS, NEWCOMERS};

fn main() {
    let runs: u64 = std::env::var("KNIT_SIM_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let people = 300;
    println!("Simulation (not data): {runs} seeded runs, a {people}-person company, {NEWCOMERS} newcomers each; days to reach the tenured median in-degree (capped at {HORIZON_DAYS})");
    println!(
        "{:<22} {:>8} {:>18} {:>16}",
        "arm", "median", "runs' IQR", "never reached"
    );
    for (label, arm) in [
        ("Knit's suggestions", Arm::Knit),
        ("random introductions", Arm::Random),
        ("no introductions", Arm::None),
    ] {
        let mut medians = Vec::new();
        let mut capped = 0;
        let mut total = 0;
        for seed in 0..runs {
            let mut days = simulate(arm, people, seed + 1);
            capped += days.iter().filter(|&&d| d >= HORIZON_DAYS).count();
            total += days.len();
            medians.push(median(&mut days));
        }
        medians.sort_unstable();
        let q = |f: f64| medians[((medians.len() - 1) as f64 * f).round() as usize];
        println!(
            "{label:<22} {:>6} d {:>10} d – {:>3} d {:>15.1}%",
            median(&mut medians.clone()),
            q(0.25),
            q(0.75),
            100.0 * capped as f64 / total as f64
        );
    }
}
