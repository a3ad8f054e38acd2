//! Do Knit's introductions help? A simulation, the same model for every arm:
//! Knit's suggestions, random introductions (as intro bots pair people), and
//! none. Its parameters are the constants below.
//!
//! The company is a synthetic organization (see [`crate::synthetic`]); its
//! last wave is the tenured network, and its tenured median in-degree is the
//! bar a newcomer must reach. `NEWCOMERS` people join on day 0, each into a
//! random team, and the network then evolves week by week:
//! - organic ties (all arms): each week a newcomer is named by one more
//!   colleague with probability `ORGANIC_WEEKLY` (chosen like the generator:
//!   team 55%, department 20%, anyone 25%), and by each friend of a friend
//!   with probability `CLOSURE_WEEKLY` (triadic closure, so early ties compound);
//! - introductions (Knit and random arms): `PER_ROUND` introductions on each of
//!   days `ROUNDS`; the newcomer acts on each with probability `ACTED_ON`, and
//!   an acted-on introduction becomes a tie (the colleague names the newcomer)
//!   with the pair's probability: `PAIR_BASE`, plus `PAIR_SAME_DEPARTMENT` if
//!   they share a department, plus `PAIR_SHARED_TIE` if they already share a
//!   tie, plus `PAIR_CONNECTOR` if the colleague is a central connector or
//!   broker (people who like linking others). The newcomer names them back with
//!   probability `RECIPROCATE`.
//!
//! The measure: days until a newcomer is named by as many colleagues as the
//! tenured median (capped at `HORIZON_DAYS`).

use crate::graph::{Csr, GraphBuilder};
use crate::newcomers::{suggest, IntroductionWeights, People};
use crate::synthetic::{generate, Spec};
use crate::{analyze, Extras, Options, Role};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;

pub const NEWCOMERS: usize = 30;
pub const ORGANIC_WEEKLY: f64 = 0.12;
pub const CLOSURE_WEEKLY: f64 = 0.004;
pub const ROUNDS: [i64; 3] = [14, 42, 77];
pub const PER_ROUND: usize = 3;
pub const ACTED_ON: f64 = 0.7;
pub const PAIR_BASE: f64 = 0.25;
pub const PAIR_SAME_DEPARTMENT: f64 = 0.25;
pub const PAIR_SHARED_TIE: f64 = 0.2;
pub const PAIR_CONNECTOR: f64 = 0.15;
pub const RECIPROCATE: f64 = 0.5;
pub const HORIZON_DAYS: i64 = 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arm {
    Knit,
    Random,
    None,
}

/// Days for each newcomer to reach the tenured median in-degree (`HORIZON_DAYS`
/// when they had not by then), in one seeded run of `people` people.
pub fn simulate(arm: Arm, people: usize, seed: u64) -> Vec<i64> {
    let mut spec = Spec::company(people, seed);
    spec.waves = 1;
    spec.newcomer_share = 0.0;
    spec.response_rate = 1.0;
    let org = generate(&spec);
    let tenured = org.people.len();
    let n = tenured + NEWCOMERS;
    // Organic change and the arm's own draws come from separate generators.
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut arm_rng = StdRng::seed_from_u64(seed ^ 0xa4d);
    let mut departments: Vec<Option<String>> = org
        .people
        .iter()
        .map(|p| Some(p.department.clone()))
        .collect();
    let mut teams: Vec<Option<String>> = org.people.iter().map(|p| Some(p.team.clone())).collect();
    let mut managers: Vec<Option<usize>> = org.people.iter().map(|p| p.manager).collect();
    for _ in 0..NEWCOMERS {
        let like = rng.gen_range(0..tenured);
        departments.push(departments[like].clone());
        teams.push(teams[like].clone());
        managers.push(org.people[like].manager.or(Some(like)));
    }
    let names: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let mut ties: BTreeSet<(usize, usize)> =
        org.waves[0].ties.iter().map(|&(a, b, _)| (a, b)).collect();
    for i in tenured..n {
        if let Some(m) = managers[i] {
            ties.insert((i, m));
        }
    }
    let in_degree = |ties: &BTreeSet<(usize, usize)>| {
        let mut d = vec![0usize; n];
        for &(_, b) in ties {
            d[b] += 1;
        }
        d
    };
    let tenured_median = {
        let d = in_degree(&ties);
        let mut t: Vec<usize> = d[..tenured].to_vec();
        t.sort_unstable();
        t[t.len() / 2].max(1)
    };
    let same_team: Vec<Vec<usize>> = (tenured..n)
        .map(|i| (0..tenured).filter(|&j| teams[j] == teams[i]).collect())
        .collect();
    let same_department: Vec<Vec<usize>> = (tenured..n)
        .map(|i| {
            (0..tenured)
                .filter(|&j| departments[j] == departments[i])
                .collect()
        })
        .collect();
    let newcomers: BTreeSet<usize> = (tenured..n).collect();
    let mut reached = vec![HORIZON_DAYS; NEWCOMERS];
    let mut suggested = vec![0usize; n];
    for week in 1..=(HORIZON_DAYS / 7) {
        let day = week * 7;
        // Organic ties.
        let snapshot = ties.clone();
        for (k, i) in (tenured..n).enumerate() {
            if rng.gen::<f64>() < ORGANIC_WEEKLY {
                let r = rng.gen::<f64>();
                let pool: &[usize] = if r < 0.55 {
                    &same_team[k]
                } else if r < 0.75 {
                    &same_department[k]
                } else {
                    &[]
                };
                let j = if pool.is_empty() {
                    rng.gen_range(0..tenured)
                } else {
                    pool[rng.gen_range(0..pool.len())]
                };
                ties.insert((j, i));
            }
            let friends: BTreeSet<usize> = snapshot
                .iter()
                .filter(|(a, b)| *a == i || *b == i)
                .map(|(a, b)| if *a == i { *b } else { *a })
                .collect();
            let mut friends_of_friends = BTreeSet::new();
            for &f in &friends {
                for &(a, b) in snapshot.range((f, 0)..(f + 1, 0)) {
                    debug_assert_eq!(a, f);
                    friends_of_friends.insert(b);
                }
            }
            for x in friends_of_friends {
                if x != i && !friends.contains(&x) && rng.gen::<f64>() < CLOSURE_WEEKLY {
                    ties.insert((x, i));
                }
            }
        }
        // Introductions.
        if arm != Arm::None && ROUNDS.iter().any(|r| (day - 7..day).contains(r)) {
            let graph = {
                let mut b = GraphBuilder::new();
                for name in &names {
                    b.node(name, Default::default());
                }
                for &(a, c) in &ties {
                    b.edge(&names[a], &names[c], 1.0);
                }
                b.build()
            };
            let csr = Csr::new(&graph);
            let report = analyze(
                &graph,
                &Options {
                    group_attribute: None,
                    ..Options::default()
                },
                &Extras::default(),
            );
            let linkers: BTreeSet<usize> = report
                .roles
                .iter()
                .filter(|r| matches!(r.role, Role::CentralConnector | Role::Broker))
                .map(|r| r.node)
                .collect();
            let none = BTreeSet::new();
            for i in tenured..n {
                let picks: Vec<usize> = match arm {
                    Arm::Knit => {
                        let people = People {
                            teams: &teams,
                            departments: &departments,
                            managers: &managers,
                            newcomers: &newcomers,
                            suggest_less: &none,
                            already_suggested: &suggested,
                        };
                        suggest(
                            &csr,
                            &report,
                            &people,
                            i,
                            PER_ROUND,
                            &IntroductionWeights::default(),
                        )
                        .into_iter()
                        .map(|s| s.node)
                        .collect()
                    }
                    _ => {
                        let tied: BTreeSet<usize> =
                            csr.mutual(i).iter().map(|(v, _)| *v as usize).collect();
                        let mut candidates: Vec<usize> =
                            (0..n).filter(|&j| j != i && !tied.contains(&j)).collect();
                        candidates.shuffle(&mut arm_rng);
                        candidates.truncate(PER_ROUND);
                        candidates
                    }
                };
                for j in picks {
                    suggested[j] += 1;
                    if arm_rng.gen::<f64>() >= ACTED_ON {
                        continue;
                    }
                    let shared = csr
                        .mutual(i)
                        .iter()
                        .any(|(f, _)| csr.mutual(j).iter().any(|(g, _)| g == f));
                    let p = PAIR_BASE
                        + if departments[i] == departments[j] {
                            PAIR_SAME_DEPARTMENT
                        } else {
                            0.0
                        }
                        + if shared { PAIR_SHARED_TIE } else { 0.0 }
                        + if linkers.contains(&j) {
                            PAIR_CONNECTOR
                        } else {
                            0.0
                        };
                    if arm_rng.gen::<f64>() < p {
                        ties.insert((j, i));
                        if arm_rng.gen::<f64>() < RECIPROCATE {
                            ties.insert((i, j));
                        }
                    }
                }
            }
        }
        let d = in_degree(&ties);
        for (k, i) in (tenured..n).enumerate() {
            if reached[k] == HORIZON_DAYS && d[i] >= tenured_median {
                reached[k] = day;
            }
        }
    }
    reached
}

/// The median of a list (the lower middle value for an even count).
pub fn median(values: &mut [i64]) -> i64 {
    values.sort_unstable();
    values[(values.len() - 1) / 2]
}
