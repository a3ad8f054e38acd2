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
    // Organic change and the arm's own draws come from separate generators.
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut arm_rng = StdRng::seed_from_u64(seed ^ 0xa4d);
    let mut company = Company::with_newcomers(people, seed, &mut rng);
    let tenured_median = company.tenured_median();
    let mut reached = vec![HORIZON_DAYS; NEWCOMERS];
    for week in 1..=(HORIZON_DAYS / 7) {
        let day = week * 7;
        company.organic_week(&mut rng);
        if arm != Arm::None && ROUNDS.iter().any(|r| (day - 7..day).contains(r)) {
            company.introduction_round(arm, &mut arm_rng);
        }
        let in_degree = company.in_degree();
        for (k, i) in company.newcomers().enumerate() {
            if reached[k] == HORIZON_DAYS && in_degree[i] >= tenured_median {
                reached[k] = day;
            }
        }
    }
    reached
}

/// The simulated company: tenured people `0..tenured`, newcomers after them,
/// and the ties so far as (names, named).
struct Company {
    tenured: usize,
    departments: Vec<Option<String>>,
    teams: Vec<Option<String>>,
    managers: Vec<Option<usize>>,
    ties: BTreeSet<(usize, usize)>,
    /// Per newcomer, the tenured people of their team and of their department.
    same_team: Vec<Vec<usize>>,
    same_department: Vec<Vec<usize>>,
    /// How often each person has been suggested so far (Knit spreads the load).
    suggested: Vec<usize>,
}

impl Company {
    /// A synthetic company's last wave, and `NEWCOMERS` people who join it on
    /// day 0, each like a random tenured colleague and tied to their manager.
    fn with_newcomers(people: usize, seed: u64, rng: &mut StdRng) -> Company {
        let mut spec = Spec::company(people, seed);
        spec.waves = 1;
        spec.newcomer_share = 0.0;
        spec.response_rate = 1.0;
        let org = generate(&spec);
        let tenured = org.people.len();
        let mut departments: Vec<Option<String>> = org
            .people
            .iter()
            .map(|p| Some(p.department.clone()))
            .collect();
        let mut teams: Vec<Option<String>> =
            org.people.iter().map(|p| Some(p.team.clone())).collect();
        let mut managers: Vec<Option<usize>> = org.people.iter().map(|p| p.manager).collect();
        for _ in 0..NEWCOMERS {
            let like = rng.gen_range(0..tenured);
            departments.push(departments[like].clone());
            teams.push(teams[like].clone());
            managers.push(org.people[like].manager.or(Some(like)));
        }
        let n = tenured + NEWCOMERS;
        let mut ties: BTreeSet<(usize, usize)> =
            org.waves[0].ties.iter().map(|&(a, b, _)| (a, b)).collect();
        for (i, manager) in managers.iter().enumerate().skip(tenured) {
            if let Some(m) = manager {
                ties.insert((i, *m));
            }
        }
        let colleagues_by = |unit: &[Option<String>]| -> Vec<Vec<usize>> {
            (tenured..n)
                .map(|i| (0..tenured).filter(|&j| unit[j] == unit[i]).collect())
                .collect()
        };
        Company {
            tenured,
            same_team: colleagues_by(&teams),
            same_department: colleagues_by(&departments),
            departments,
            teams,
            managers,
            ties,
            suggested: vec![0; n],
        }
    }

    fn size(&self) -> usize {
        self.tenured + NEWCOMERS
    }

    fn newcomers(&self) -> std::ops::Range<usize> {
        self.tenured..self.size()
    }

    fn in_degree(&self) -> Vec<usize> {
        let mut degree = vec![0usize; self.size()];
        for &(_, named) in &self.ties {
            degree[named] += 1;
        }
        degree
    }

    /// The bar a newcomer must reach: the tenured people's median in-degree.
    fn tenured_median(&self) -> usize {
        let mut tenured = self.in_degree();
        tenured.truncate(self.tenured);
        tenured.sort_unstable();
        tenured[tenured.len() / 2].max(1)
    }

    /// One week of ties that form without Knit: a colleague (team, department
    /// or anyone) names the newcomer, and friends of friends close triangles.
    fn organic_week(&mut self, rng: &mut StdRng) {
        let snapshot = self.ties.clone();
        for (k, i) in self.newcomers().enumerate() {
            if rng.gen::<f64>() < ORGANIC_WEEKLY {
                let r = rng.gen::<f64>();
                let pool: &[usize] = if r < 0.55 {
                    &self.same_team[k]
                } else if r < 0.75 {
                    &self.same_department[k]
                } else {
                    &[]
                };
                let j = if pool.is_empty() {
                    rng.gen_range(0..self.tenured)
                } else {
                    pool[rng.gen_range(0..pool.len())]
                };
                self.ties.insert((j, i));
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
                    self.ties.insert((x, i));
                }
            }
        }
    }

    /// `PER_ROUND` introductions for every newcomer, picked by the arm, each
    /// acted on and turned into a tie with the model's probabilities.
    fn introduction_round(&mut self, arm: Arm, rng: &mut StdRng) {
        let names: Vec<String> = (0..self.size()).map(|i| format!("p{i}")).collect();
        let graph = {
            let mut b = GraphBuilder::new();
            for name in &names {
                b.node(name, Default::default());
            }
            for &(a, c) in &self.ties {
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
        let newcomers: BTreeSet<usize> = self.newcomers().collect();
        let none = BTreeSet::new();
        for i in self.newcomers() {
            let picks: Vec<usize> = match arm {
                Arm::Knit => {
                    let people = People {
                        teams: &self.teams,
                        departments: &self.departments,
                        managers: &self.managers,
                        newcomers: &newcomers,
                        suggest_less: &none,
                        already_suggested: &self.suggested,
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
                    let mut candidates: Vec<usize> = (0..self.size())
                        .filter(|&j| j != i && !tied.contains(&j))
                        .collect();
                    candidates.shuffle(rng);
                    candidates.truncate(PER_ROUND);
                    candidates
                }
            };
            for j in picks {
                self.suggested[j] += 1;
                self.maybe_meet(i, j, &csr, &linkers, rng);
            }
        }
    }

    /// The newcomer acts on the introduction or not; if they do, the colleague
    /// names them with the pair's probability, and they may name them back.
    fn maybe_meet(
        &mut self,
        newcomer: usize,
        colleague: usize,
        csr: &Csr,
        linkers: &BTreeSet<usize>,
        rng: &mut StdRng,
    ) {
        if rng.gen::<f64>() >= ACTED_ON {
            return;
        }
        let shared = csr
            .mutual(newcomer)
            .iter()
            .any(|(f, _)| csr.mutual(colleague).iter().any(|(g, _)| g == f));
        let same_department = self.departments[newcomer] == self.departments[colleague];
        let p = PAIR_BASE
            + if same_department {
                PAIR_SAME_DEPARTMENT
            } else {
                0.0
            }
            + if shared { PAIR_SHARED_TIE } else { 0.0 }
            + if linkers.contains(&colleague) {
                PAIR_CONNECTOR
            } else {
                0.0
            };
        if rng.gen::<f64>() < p {
            self.ties.insert((colleague, newcomer));
            if rng.gen::<f64>() < RECIPROCATE {
                self.ties.insert((newcomer, colleague));
            }
        }
    }
}

/// The median of a list (the lower middle value for an even count).
pub fn median(values: &mut [i64]) -> i64 {
    values.sort_unstable();
    values[(values.len() - 1) / 2]
}
