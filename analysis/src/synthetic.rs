//! A synthetic organization for tests, benchmarks and the demo: departments
//! and teams, a manager hierarchy, homophily by team and location,
//! preferential attachment toward experts, hires spread over time, newcomers
//! who gain ties month by month, and non-response.
//!
//! The model, per wave: each person present and responding names about
//! `ties_per_person × integration(tenure)` colleagues, where
//! integration(t) = 1 − exp(−t / 75 days) (a newcomer reaches 63% of a tenured
//! person's ties after 2½ months). Each tie goes to their manager (first, with
//! probability 0.6), else to their team (55%), their department (20%), their
//! location (10%) or anyone (15%), choosing within the pool in proportion to
//! expertise × (1 + times already named this wave). Ties of the previous wave
//! are kept with probability 0.75. People respond with probability
//! `response_rate` (newcomers 10 points less).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
pub struct Spec {
    pub people: usize,
    pub ties_per_person: f64,
    pub waves: usize,
    pub days_between_waves: i64,
    pub response_rate: f64,
    /// Share of people hired within the half year before each wave.
    pub newcomer_share: f64,
    pub seed: u64,
}

impl Spec {
    pub fn company(people: usize, seed: u64) -> Spec {
        Spec {
            people,
            ties_per_person: 6.0,
            waves: 3,
            days_between_waves: 91,
            response_rate: 0.85,
            newcomer_share: 0.08,
            seed,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: String,
    pub department: String,
    pub team: String,
    pub location: String,
    pub manager: Option<usize>,
    /// Day of hire; waves happen on days 0, d, 2d, ...
    pub hired_on: i64,
    pub expertise: f64,
}

#[derive(Clone, Debug)]
pub struct Wave {
    pub day: i64,
    /// Who answered (only people hired by then were asked).
    pub responded: Vec<bool>,
    /// (respondent, named, frequency 1..5).
    pub ties: Vec<(usize, usize, f64)>,
}

#[derive(Clone, Debug)]
pub struct Organization {
    pub people: Vec<Person>,
    pub waves: Vec<Wave>,
}

const DEPARTMENTS: [&str; 12] = [
    "Engineering",
    "Sales",
    "Finance",
    "Operations",
    "Marketing",
    "Support",
    "Product",
    "People",
    "Legal",
    "Data",
    "Design",
    "Procurement",
];
const LOCATIONS: [&str; 3] = ["Lisbon", "Porto", "Remote"];
const FIRST: [&str; 24] = [
    "Ana", "Rui", "Carla", "João", "Beatriz", "Miguel", "Sofia", "Tiago", "Inês", "Pedro", "Marta",
    "Nuno", "Rita", "Hugo", "Joana", "André", "Catarina", "Luís", "Sara", "Diogo", "Helena",
    "Bruno", "Clara", "Filipe",
];
const LAST: [&str; 20] = [
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Costa",
    "Rodrigues",
    "Martins",
    "Sousa",
    "Fernandes",
    "Gonçalves",
    "Gomes",
    "Lopes",
    "Marques",
    "Alves",
    "Almeida",
    "Ribeiro",
    "Pinto",
    "Carvalho",
    "Teixeira",
];

/// A person picked from `pool` in proportion to `weight` (rejection sampling
/// against the pool's largest weight).
fn pick(
    rng: &mut StdRng,
    pool: &[usize],
    weight: &dyn Fn(usize) -> f64,
    max_weight: f64,
) -> Option<usize> {
    if pool.is_empty() {
        return None;
    }
    for _ in 0..32 {
        let candidate = pool[rng.gen_range(0..pool.len())];
        if rng.gen::<f64>() * max_weight <= weight(candidate) {
            return Some(candidate);
        }
    }
    Some(pool[rng.gen_range(0..pool.len())])
}

pub fn generate(spec: &Spec) -> Organization {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let mut people = hire(spec, &mut rng);
    let units = Units::organize(&mut people);
    let mut waves: Vec<Wave> = Vec::new();
    let mut previous: BTreeSet<(usize, usize)> = BTreeSet::new();
    for w in 0..spec.waves.max(1) {
        let day = spec.days_between_waves * w as i64;
        let (responded, ties) = survey(spec, &people, &units, &previous, day, &mut rng);
        previous = ties.clone();
        waves.push(Wave {
            day,
            responded,
            ties: ties
                .into_iter()
                .map(|(a, b)| (a, b, f64::from(rng.gen_range(1..=5u8))))
                .collect(),
        });
    }
    Organization { people, waves }
}

/// Everyone the company will have hired by its last wave, before teams and
/// managers are assigned.
fn hire(spec: &Spec, rng: &mut StdRng) -> Vec<Person> {
    let departments = department_count(spec.people);
    let last_wave_day = spec.days_between_waves * (spec.waves.max(1) as i64 - 1);
    (0..spec.people)
        .map(|i| {
            let department = DEPARTMENTS[if i == 0 {
                0
            } else {
                rng.gen_range(0..departments)
            }];
            let first = FIRST[rng.gen_range(0..FIRST.len())];
            let last = LAST[rng.gen_range(0..LAST.len())];
            // Tenured staff were hired over the past eight years; newcomers
            // arrive in the half year before each wave.
            let hired_on =
                if rng.gen::<f64>() < spec.newcomer_share * spec.waves.max(1) as f64 && i > 0 {
                    rng.gen_range(-180..=last_wave_day)
                } else {
                    -rng.gen_range(200..8 * 365)
                };
            Person {
                id: format!("p{i:06}"),
                name: format!("{first} {last}"),
                email: format!(
                    "{}.{}.{i}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                department: department.to_string(),
                team: String::new(),
                location: LOCATIONS[rng.gen_range(0..LOCATIONS.len())].to_string(),
                manager: None,
                hired_on,
                // Heavy-tailed: a few people know much more, capped at 10×.
                expertise: (1.0 / (1.0 - rng.gen::<f64>() * 0.9)).min(10.0),
            }
        })
        .collect()
}

fn department_count(people: usize) -> usize {
    (people / 40).clamp(3, DEPARTMENTS.len())
}

fn department_index(department: &str) -> usize {
    DEPARTMENTS
        .iter()
        .position(|x| *x == department)
        .unwrap_or(0)
}

fn location_index(location: &str) -> usize {
    LOCATIONS.iter().position(|x| *x == location).unwrap_or(0)
}

/// The pools a person draws colleagues from: team, department, location.
struct Units {
    teams: Vec<Vec<usize>>,
    team_of: Vec<usize>,
    by_department: Vec<Vec<usize>>,
    by_location: Vec<Vec<usize>>,
    everyone: Vec<usize>,
}

impl Units {
    /// Teams of about eight within each department; the first member leads it,
    /// leads report to the department's head, heads to person 0.
    fn organize(people: &mut [Person]) -> Units {
        let n = people.len();
        let mut by_department: Vec<Vec<usize>> = vec![Vec::new(); department_count(n)];
        for (i, p) in people.iter().enumerate() {
            by_department[department_index(&p.department)].push(i);
        }
        let mut teams: Vec<Vec<usize>> = Vec::new();
        let mut team_of = vec![0; n];
        for (d, members) in by_department.iter().enumerate() {
            let head = members.first().copied();
            for (t, chunk) in members.chunks(8).enumerate() {
                let lead = chunk[0];
                for &m in chunk {
                    people[m].team = format!("{} {}", DEPARTMENTS[d], t + 1);
                    people[m].manager = if m == lead {
                        head.filter(|&h| h != m).or(Some(0)).filter(|&x| x != m)
                    } else {
                        Some(lead)
                    };
                    team_of[m] = teams.len();
                }
                teams.push(chunk.to_vec());
            }
        }
        let mut by_location: Vec<Vec<usize>> = vec![Vec::new(); LOCATIONS.len()];
        for (i, p) in people.iter().enumerate() {
            by_location[location_index(&p.location)].push(i);
        }
        Units {
            teams,
            team_of,
            by_department,
            by_location,
            everyone: (0..n).collect(),
        }
    }
}

/// One wave on `day`: who answered, and the ties they named (kept from the
/// previous wave, or new ones drawn from their pools).
fn survey(
    spec: &Spec,
    people: &[Person],
    units: &Units,
    previous: &BTreeSet<(usize, usize)>,
    day: i64,
    rng: &mut StdRng,
) -> (Vec<bool>, BTreeSet<(usize, usize)>) {
    let n = people.len();
    let present: Vec<bool> = people.iter().map(|p| p.hired_on <= day).collect();
    let responded: Vec<bool> = (0..n)
        .map(|i| {
            let newcomer = day - people[i].hired_on < 180;
            present[i] && rng.gen::<f64>() < spec.response_rate - if newcomer { 0.10 } else { 0.0 }
        })
        .collect();
    let mut wave = Naming {
        present,
        named: vec![0u32; n],
        ties: BTreeSet::new(),
    };
    let mut kept = vec![0usize; n];
    for &(a, b) in previous {
        if responded[a] && wave.present[b] && rng.gen::<f64>() < 0.75 {
            wave.ties.insert((a, b));
            wave.named[b] += 1;
            kept[a] += 1;
        }
    }
    for i in (0..n).filter(|&i| responded[i]) {
        let tenure = (day - people[i].hired_on) as f64;
        let integration = 1.0 - (-tenure / 75.0).exp();
        let target = spec.ties_per_person * integration;
        let mut wanted = (target - kept[i] as f64).max(0.0);
        // Fractional ties by chance.
        let mut count = wanted.floor() as usize;
        wanted -= count as f64;
        if rng.gen::<f64>() < wanted {
            count += 1;
        }
        if let Some(m) = people[i].manager {
            if wave.present[m] && rng.gen::<f64>() < 0.6 && wave.name(i, m) {
                count = count.saturating_sub(1);
            }
        }
        wave.name_from_pools(i, count, people, units, rng);
    }
    (responded, wave.ties)
}

/// A wave's ties as they are drawn, and how often each person is named so far
/// (people already named attract more: preferential attachment).
struct Naming {
    present: Vec<bool>,
    named: Vec<u32>,
    ties: BTreeSet<(usize, usize)>,
}

impl Naming {
    /// Records the tie; false when it was already there.
    fn name(&mut self, respondent: usize, colleague: usize) -> bool {
        let new = self.ties.insert((respondent, colleague));
        if new {
            self.named[colleague] += 1;
        }
        new
    }

    /// `count` new colleagues for respondent `i`, each from a pool picked at
    /// random. Draws that land on someone already named are tried again, a few times.
    fn name_from_pools(
        &mut self,
        i: usize,
        count: usize,
        people: &[Person],
        units: &Units,
        rng: &mut StdRng,
    ) {
        let max_weight = 10.0 * (1.0 + people.len() as f64);
        let mut added = 0;
        for _ in 0..count * 3 {
            if added == count {
                break;
            }
            let r = rng.gen::<f64>();
            let pool: &[usize] = if r < 0.55 {
                &units.teams[units.team_of[i]]
            } else if r < 0.75 {
                &units.by_department[department_index(&people[i].department)]
            } else if r < 0.85 {
                &units.by_location[location_index(&people[i].location)]
            } else {
                &units.everyone
            };
            let weight = |c: usize| -> f64 {
                if c == i || !self.present[c] {
                    0.0
                } else {
                    people[c].expertise * (1.0 + f64::from(self.named[c]))
                }
            };
            let local_max = pool
                .iter()
                .take(64)
                .map(|&c| weight(c))
                .fold(1.0, f64::max)
                .min(max_weight);
            if let Some(c) = pick(rng, pool, &weight, local_max * 2.0) {
                if weight(c) > 0.0 && self.name(i, c) {
                    added += 1;
                }
            }
        }
    }
}

impl Organization {
    /// A wave's network, with the roster attributes on each person.
    pub fn graph(&self, wave: usize) -> crate::Graph {
        let mut builder = crate::GraphBuilder::new();
        let day = self.waves[wave].day;
        for p in self.people.iter().filter(|p| p.hired_on <= day) {
            builder.node(
                &p.id,
                [
                    ("name", p.name.clone()),
                    ("department", p.department.clone()),
                    ("team", p.team.clone()),
                    ("location", p.location.clone()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            );
        }
        for &(a, b, w) in &self.waves[wave].ties {
            builder.edge(&self.people[a].id, &self.people[b].id, w);
        }
        builder.build()
    }
}
