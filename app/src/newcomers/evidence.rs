//! What is known of whether introductions work, as the Newcomers page and
//! the README say it. The real-network figures are `make bench-suggest`'s
//! (and `app/tests/evidence.rs` recomputes them, so the text cannot drift
//! from the code); the simulated ones are `make bench-introductions`'s.

/// Knit's suggestions on a real network observed twice, beside the
/// strongest simple baseline and chance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    pub network: &'static str,
    /// Who collected it, and where it is described.
    pub source: &'static str,
    /// People seen in both observations.
    pub people: usize,
    /// Of the pairs suggested in lists of three, the share that became tied:
    /// with the network's classes or roles as teams, and with the network alone.
    pub knit: f64,
    pub knit_network_only: f64,
    pub common_neighbours: f64,
    pub random: f64,
}

/// In the order of `analysis::prediction::CONTACT_DATA`.
pub const MEASURED: [Measured; 3] = [
    Measured {
        network: "a primary school in Lyon (2 days)",
        source: "SocioPatterns; Stehlé et al., PLoS ONE, 2011",
        people: 232,
        knit: 0.265,
        knit_network_only: 0.249,
        common_neighbours: 0.243,
        random: 0.020,
    },
    Measured {
        network: "a high school in Marseilles (2012, 7 school days)",
        source: "SocioPatterns; Fournet and Barrat, PLoS ONE, 2014",
        people: 153,
        knit: 0.094,
        knit_network_only: 0.169,
        common_neighbours: 0.127,
        random: 0.028,
    },
    Measured {
        network: "a hospital ward in Lyon (4 days)",
        source: "SocioPatterns; Vanhems et al., PLoS ONE, 2013",
        people: 47,
        knit: 0.358,
        knit_network_only: 0.300,
        common_neighbours: 0.293,
        random: 0.114,
    },
];

/// The simulation's median days for a newcomer to be named by as many
/// colleagues as the tenured median: with Knit's suggestions, random
/// introductions, and none; each arm named as the page's sentence names it.
pub const SIMULATED_DAYS: [(&str, i64); 3] = [("suggested", 49), ("random", 84), ("none", 175)];
