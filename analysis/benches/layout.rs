//! `make bench-layout`: how long the map's layout takes, from scratch and
//! warm-started from an earlier wave, on random graphs of 5 ties per person.
//! Target (issue 15): 5,000 people and 25,000 ties in under 3 s.

use analysis::layout::{force_atlas2, LayoutOptions, Position};
use analysis::GraphBuilder;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use std::time::Instant;

fn graph(people: usize, ties: usize, seed: u64) -> analysis::Graph {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut b = GraphBuilder::new();
    for i in 0..people {
        b.node(&i.to_string(), BTreeMap::new());
    }
    // Ties mostly within teams of 10, some across, as in a company.
    let mut pairs = std::collections::HashSet::new();
    while pairs.len() < ties {
        let a = rng.gen_range(0..people);
        let other = if rng.gen_bool(0.8) {
            (a / 10) * 10 + rng.gen_range(0..10)
        } else {
            rng.gen_range(0..people)
        };
        if other < people && other != a && pairs.insert((a, other)) {
            b.edge(&a.to_string(), &other.to_string(), 1.0);
        }
    }
    b.build()
}

fn main() {
    println!(
        "{:>8} {:>8} {:>12} {:>12}",
        "people", "ties", "scratch s", "warm s"
    );
    for (people, ties) in [(1_000, 5_000), (5_000, 25_000), (10_000, 50_000)] {
        let g = graph(people, ties, 7);
        let options = LayoutOptions::default();
        let started = Instant::now();
        let first = force_atlas2(&g, &[], &options);
        let scratch = started.elapsed().as_secs_f64();
        let start: Vec<Option<Position>> = first.into_iter().map(Some).collect();
        let started = Instant::now();
        std::hint::black_box(force_atlas2(&g, &start, &options));
        let warm = started.elapsed().as_secs_f64();
        println!(
            "{people:>8} {:>8} {scratch:>12.2} {warm:>12.2}",
            g.edge_count()
        );
    }
}
