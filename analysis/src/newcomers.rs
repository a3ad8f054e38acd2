//! Newcomers: how well each is woven in (integration metrics against their
//! cohort and tenured colleagues), and whom each should meet next, with the
//! facts behind each suggestion (never a sentence: the application writes the
//! words for their reader).
//!
//! Suggestions score every colleague the newcomer is not yet tied to on four
//! grounds, each with a weight in [`IntroductionWeights`]:
//! (a) the people the newcomer's team and manager rely on (one point per
//!     teammate or manager who names them);
//! (b) central connectors and brokers of the groups the newcomer's work
//!     touches (their own department and those their team relies on);
//! (c) colleagues of the newcomer's current ties (triadic closure: one point
//!     per shared tie);
//! (d) fellow newcomers.
//! The total is then divided by an overload factor, so that the same few
//! people are not sent every newcomer: 1 + (in-degree above the median ÷ the
//! median) × `overload`, times 1 + `spread` × (times already suggested this
//! quarter). Ties are broken by id, so the same data gives the same list.
//!
//! What real networks say (`make bench-suggest`: three SocioPatterns contact
//! networks observed twice, lists of three from the first observation, judged
//! by the ties of the second; see `crate::prediction`). Knit's suggested pairs
//! became ties as often as or more often than common neighbours' (24.6% vs
//! 24.3%, 12.7% vs 12.7%, 32.5% vs 29.3%) and 3 to 12 times as often as random
//! ones, putting no one on more lists than common neighbours. Each ground left out in turn:
//! - team reliance carries the most: without it, 3 to 8 points fewer;
//! - colleagues of colleagues help in the two schools (3 and 6 points) and cost
//!   1.6 points in the hospital ward;
//! - load spreading raises precision as well as spreading the load (without it
//!   1 to 6 points fewer, and one person lands on 23 to 31 lists), so it stays;
//! - connectors and brokers cost about a point in the schools and add 3 in the
//!   ward. The ground is for reach (a connector opens doors across the
//!   organisation), not likelihood, and weights of 0.5, 0.75 and 1.0 gave no
//!   consistent gain (the high school fell below common neighbours), so 1.5
//!   stays; so does closure's 0.8 (1.2 and 1.6 gained nothing consistent);
//! - fellow newcomers cannot be judged there (the networks have none).

use crate::graph::Csr;
use crate::{Report, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntroductionWeights {
    pub team_reliance: f64,
    pub connector_or_broker: f64,
    pub triadic_closure: f64,
    pub fellow_newcomer: f64,
    pub overload: f64,
    pub spread: f64,
    /// How many suggestions each person takes before `spread` weighs on them:
    /// lists made in turn set it to each one's fair share of the lists.
    pub spread_after: usize,
}

impl Default for IntroductionWeights {
    fn default() -> IntroductionWeights {
        IntroductionWeights {
            team_reliance: 1.0,
            connector_or_broker: 1.5,
            triadic_closure: 0.8,
            fellow_newcomer: 0.6,
            overload: 0.5,
            spread: 0.3,
            spread_after: 0,
        }
    }
}

/// What the roster says about the people of a network, by node index.
pub struct People<'a> {
    pub teams: &'a [Option<String>],
    pub departments: &'a [Option<String>],
    pub managers: &'a [Option<usize>],
    pub newcomers: &'a BTreeSet<usize>,
    /// People who asked to be suggested less: suggested only to the first
    /// newcomer of a quarter who would be sent them.
    pub suggest_less: &'a BTreeSet<usize>,
    /// How often each was already suggested to newcomers this quarter.
    pub already_suggested: &'a [usize],
}

/// Why someone is suggested, for conversion rates by reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    TeamReliance,
    ConnectorOrBroker,
    TriadicClosure,
    FellowNewcomer,
}

impl Ground {
    pub const ALL: [Ground; 4] = [
        Ground::TeamReliance,
        Ground::ConnectorOrBroker,
        Ground::TriadicClosure,
        Ground::FellowNewcomer,
    ];

    /// The stored spelling, the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            Ground::TeamReliance => "team_reliance",
            Ground::ConnectorOrBroker => "connector_or_broker",
            Ground::TriadicClosure => "triadic_closure",
            Ground::FellowNewcomer => "fellow_newcomer",
        }
    }

    pub fn from_key(key: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// One ground for suggesting a colleague, as the facts behind it. `P` names a
/// person: a node index from the engine, a person id once stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason<P> {
    /// `teammates` people of the newcomer's `team` go to them for help, and
    /// so does the newcomer's manager when `by_manager`.
    ReliedOn {
        team: Option<String>,
        teammates: usize,
        by_manager: bool,
    },
    /// A central connector: `named_by` people go to them for help, from
    /// `departments` departments.
    Connector {
        named_by: usize,
        departments: usize,
    },
    /// A broker whose ties reach these departments.
    Broker {
        linked_departments: Vec<String>,
    },
    /// Works with these of the newcomer's ties (two at most).
    Closure {
        known: Vec<P>,
    },
    FellowNewcomer,
}

impl<P> Reason<P> {
    pub fn ground(&self) -> Ground {
        match self {
            Reason::ReliedOn { .. } => Ground::TeamReliance,
            Reason::Connector { .. } | Reason::Broker { .. } => Ground::ConnectorOrBroker,
            Reason::Closure { .. } => Ground::TriadicClosure,
            Reason::FellowNewcomer => Ground::FellowNewcomer,
        }
    }

    /// The same facts with people named another way (node index to id).
    pub fn map_people<Q>(self, f: impl FnMut(P) -> Q) -> Reason<Q> {
        match self {
            Reason::ReliedOn {
                team,
                teammates,
                by_manager,
            } => Reason::ReliedOn {
                team,
                teammates,
                by_manager,
            },
            Reason::Connector {
                named_by,
                departments,
            } => Reason::Connector {
                named_by,
                departments,
            },
            Reason::Broker { linked_departments } => Reason::Broker { linked_departments },
            Reason::Closure { known } => Reason::Closure {
                known: known.into_iter().map(f).collect(),
            },
            Reason::FellowNewcomer => Reason::FellowNewcomer,
        }
    }

    /// The people a reason names besides the one suggested.
    pub fn people(&self) -> &[P] {
        match self {
            Reason::Closure { known } => known,
            _ => &[],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub node: usize,
    pub score: f64,
    /// The strongest ground.
    pub ground: Ground,
    /// The grounds, strongest first, as facts without any score.
    pub reasons: Vec<Reason<usize>>,
}

/// One ground for suggesting a colleague while candidates are scored: the
/// facts that cost a look at the graph are gathered only for the few
/// colleagues who make the list.
enum Why {
    /// How many teammates go to them for help, and whether the manager does.
    ReliedOn {
        teammates: usize,
        by_manager: bool,
    },
    Connector,
    Broker,
    /// Up to two of the newcomer's ties who work with them.
    Closure {
        known: Vec<usize>,
    },
    FellowNewcomer,
}

/// A colleague's grounds, each with its weighted score.
type Grounds = Vec<(f64, Why)>;

impl Why {
    fn reason(self, g: &Csr, people: &People, team: Option<&str>, x: usize) -> Reason<usize> {
        match self {
            Why::ReliedOn {
                teammates,
                by_manager,
            } => Reason::ReliedOn {
                team: team.map(str::to_string),
                teammates,
                by_manager,
            },
            Why::Connector => Reason::Connector {
                named_by: g.pred(x).len(),
                departments: g
                    .pred(x)
                    .iter()
                    .filter_map(|&v| people.departments[v as usize].as_deref())
                    .collect::<BTreeSet<&str>>()
                    .len(),
            },
            Why::Broker => Reason::Broker {
                linked_departments: g
                    .mutual(x)
                    .iter()
                    .filter_map(|(v, _)| people.departments[*v as usize].clone())
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect(),
            },
            Why::Closure { known } => Reason::Closure { known },
            Why::FellowNewcomer => Reason::FellowNewcomer,
        }
    }
}

pub fn suggest(
    g: &Csr,
    report: &Report,
    people: &People,
    newcomer: usize,
    count: usize,
    w: &IntroductionWeights,
) -> Vec<Suggestion> {
    let known = Known::of(report, people);
    suggest_excluding(
        g,
        report,
        people,
        newcomer,
        count,
        w,
        &known,
        &BTreeSet::new(),
    )
}

/// The order of a ranking: the higher score first, then the lower index.
fn best_first(a: &(f64, usize), b: &(f64, usize)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// What every newcomer's suggestions read of the network, read once for many:
/// how named the named are (a colleague above the busiest tenth counts as
/// overloaded, against the median), each team's members, and each
/// department's connectors and brokers.
struct Known<'a> {
    median: f64,
    busiest: f64,
    team_members: std::collections::HashMap<&'a str, Vec<usize>>,
    /// Each department's connectors and brokers: (node, whether a connector).
    connectors: std::collections::HashMap<&'a str, Vec<(usize, bool)>>,
}

impl<'a> Known<'a> {
    fn of(report: &Report, people: &People<'a>) -> Known<'a> {
        let mut degrees: Vec<usize> = report
            .nodes
            .iter()
            .map(|m| m.in_degree)
            .filter(|&d| d > 0)
            .collect();
        degrees.sort_unstable();
        let quantile = |q: f64| {
            degrees
                .get((degrees.len() as f64 * q) as usize)
                .copied()
                .unwrap_or(1)
                .max(1) as f64
        };
        let mut team_members: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (v, team) in people.teams.iter().enumerate() {
            if let Some(team) = team.as_deref() {
                team_members.entry(team).or_default().push(v);
            }
        }
        let mut connectors: std::collections::HashMap<&str, Vec<(usize, bool)>> =
            Default::default();
        for assignment in &report.roles {
            let connector = match assignment.role {
                Role::CentralConnector => true,
                Role::Broker => false,
                _ => continue,
            };
            if let Some(department) = people.departments[assignment.node].as_deref() {
                connectors
                    .entry(department)
                    .or_default()
                    .push((assignment.node, connector));
            }
        }
        Known {
            median: quantile(0.5),
            busiest: quantile(0.9),
            team_members,
            connectors,
        }
    }
}

/// [`suggest`], leaving out `excluded`: ranked without them, so that a
/// newcomer with thousands of people to leave out (everyone senior) is not
/// ranked thousands deep.
#[allow(clippy::too_many_arguments)]
fn suggest_excluding(
    g: &Csr,
    report: &Report,
    people: &People,
    newcomer: usize,
    count: usize,
    w: &IntroductionWeights,
    known: &Known,
    excluded: &BTreeSet<usize>,
) -> Vec<Suggestion> {
    let mut candidates = Candidates::new(g, people, newcomer);
    let relied_on = candidates.relied_on_by_team(w, known);
    candidates.connectors_of_touched_groups(&relied_on, w, known);
    candidates.colleagues_of_known(w);
    candidates.fellow_newcomers(report, count, w, known, excluded);
    candidates.ranked(report, count, w, known, excluded)
}

/// The colleagues who could be suggested to one newcomer, with the grounds
/// found for each so far.
struct Candidates<'a> {
    g: &'a Csr,
    people: &'a People<'a>,
    newcomer: usize,
    tied: BTreeSet<usize>,
    grounds: Vec<Grounds>,
}

impl<'a> Candidates<'a> {
    fn new(g: &'a Csr, people: &'a People<'a>, newcomer: usize) -> Self {
        let tied = g
            .mutual(newcomer)
            .iter()
            .map(|(v, _)| *v as usize)
            .collect();
        let mut grounds: Vec<Grounds> = Vec::new();
        grounds.resize_with(g.n, Vec::new);
        Candidates {
            g,
            people,
            newcomer,
            tied,
            grounds,
        }
    }

    fn eligible(&self, v: usize) -> bool {
        v != self.newcomer
            && !self.tied.contains(&v)
            && (!self.people.suggest_less.contains(&v) || self.people.already_suggested[v] == 0)
    }

    fn add(&mut self, v: usize, score: f64, why: Why) {
        if self.eligible(v) {
            self.grounds[v].push((score, why));
        }
    }

    fn team(&self) -> Option<&'a str> {
        self.people.teams[self.newcomer].as_deref()
    }

    /// (a) Whom the team and the manager rely on: per colleague, how many
    /// teammates name them and whether the manager does.
    fn relied_on_by_team(
        &mut self,
        w: &IntroductionWeights,
        known: &Known,
    ) -> BTreeMap<usize, (usize, bool)> {
        let (g, people, newcomer) = (self.g, self.people, self.newcomer);
        let manager = people.managers[newcomer];
        let teammates = self
            .team()
            .and_then(|team| known.team_members.get(team))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&v| v != newcomer && Some(v) != manager);
        let mut relied_on: BTreeMap<usize, (usize, bool)> = BTreeMap::new();
        for member in teammates {
            for &x in g.succ(member) {
                relied_on.entry(x as usize).or_default().0 += 1;
            }
        }
        if let Some(m) = manager {
            for &x in g.succ(m) {
                relied_on.entry(x as usize).or_default().1 = true;
            }
        }
        for (&x, &(teammates, by_manager)) in &relied_on {
            let score = w.team_reliance * (teammates + usize::from(by_manager)) as f64;
            self.add(
                x,
                score,
                Why::ReliedOn {
                    teammates,
                    by_manager,
                },
            );
        }
        relied_on
    }

    /// (b) Connectors and brokers of the departments the newcomer's work
    /// touches: their own, and those of the people their team relies on.
    fn connectors_of_touched_groups(
        &mut self,
        relied_on: &BTreeMap<usize, (usize, bool)>,
        w: &IntroductionWeights,
        known: &Known,
    ) {
        let departments = &self.people.departments;
        let touched: BTreeSet<&str> = std::iter::once(self.newcomer)
            .chain(relied_on.keys().copied())
            .filter_map(|x| departments[x].as_deref())
            .collect();
        for department in touched {
            for &(x, connector) in known.connectors.get(department).into_iter().flatten() {
                let why = if connector {
                    Why::Connector
                } else {
                    Why::Broker
                };
                self.add(x, w.connector_or_broker, why);
            }
        }
    }

    /// (c) Colleagues of the people the newcomer already knows.
    fn colleagues_of_known(&mut self, w: &IntroductionWeights) {
        let mut through: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &t in &self.tied {
            for (x, _) in self.g.mutual(t) {
                through.entry(x as usize).or_default().push(t);
            }
        }
        for (x, mut via) in through {
            // Shared colleagues count; among equals, those who know few people
            // say more (Adamic–Adar).
            let adamic_adar: f64 = via
                .iter()
                .map(|&t| 1.0 / (2.0 + self.g.mutual(t).len() as f64).ln())
                .sum();
            let score = w.triadic_closure * (via.len() as f64 + 0.1 * adamic_adar);
            via.truncate(2);
            self.add(x, score, Why::Closure { known: via });
        }
    }

    /// (d) Fellow newcomers. Of those with no other ground (all alike but
    /// for their load), only the best `count` could make the list: the rest
    /// are left out here, so that a cohort of thousands is not ranked
    /// thousands deep for each of its members.
    fn fellow_newcomers(
        &mut self,
        report: &Report,
        count: usize,
        w: &IntroductionWeights,
        known: &Known,
        excluded: &BTreeSet<usize>,
    ) {
        let mut only_this: Vec<(f64, usize)> = Vec::new();
        for &x in self.people.newcomers {
            if !self.eligible(x) || excluded.contains(&x) {
                continue;
            }
            if self.grounds[x].is_empty() {
                only_this.push((w.fellow_newcomer / self.load(x, report, w, known), x));
            } else {
                self.grounds[x].push((w.fellow_newcomer, Why::FellowNewcomer));
            }
        }
        if only_this.len() > count {
            only_this.select_nth_unstable_by(count, best_first);
            only_this.truncate(count);
        }
        for (_, x) in only_this {
            self.grounds[x].push((w.fellow_newcomer, Why::FellowNewcomer));
        }
    }

    /// What a colleague's score is divided by: how far above the busiest
    /// tenth (by in-degree, of those named at all) they are, in medians, and
    /// how often they have been suggested already.
    fn load(&self, x: usize, report: &Report, w: &IntroductionWeights, known: &Known) -> f64 {
        let busy = (report.nodes[x].in_degree as f64 - known.busiest).max(0.0) / known.median;
        (1.0 + w.overload * busy)
            * (1.0
                + w.spread * self.people.already_suggested[x].saturating_sub(w.spread_after) as f64)
    }

    /// The best `count`, each score divided by the colleague's load: how far
    /// above the busiest tenth (by in-degree, of those named at all) they are,
    /// in medians, and how often they have been suggested already. Popular
    /// people are the likeliest ties, so only the truly busy are held back.
    fn ranked(
        mut self,
        report: &Report,
        count: usize,
        w: &IntroductionWeights,
        known: &Known,
        excluded: &BTreeSet<usize>,
    ) -> Vec<Suggestion> {
        let people = self.people;
        let grounds = std::mem::take(&mut self.grounds);
        let mut scored: Vec<(f64, usize, Grounds)> = grounds
            .into_iter()
            .enumerate()
            .filter(|(x, why)| !why.is_empty() && !excluded.contains(x))
            .map(|(x, why)| {
                let raw: f64 = why.iter().map(|(s, _)| s).sum();
                (raw / self.load(x, report, w, known), x, why)
            })
            .collect();
        scored.sort_by(|a, b| best_first(&(a.0, a.1), &(b.0, b.1)));
        scored.truncate(count);
        let team = people.teams[self.newcomer].as_deref();
        scored
            .into_iter()
            .map(|(score, x, mut why)| {
                why.sort_by(|a, b| b.0.total_cmp(&a.0));
                let reasons: Vec<Reason<usize>> = why
                    .into_iter()
                    .map(|(_, why)| why.reason(self.g, people, team, x))
                    .collect();
                Suggestion {
                    node: x,
                    score,
                    ground: reasons[0].ground(),
                    reasons,
                }
            })
            .collect()
    }
}

/// Suggestions for several newcomers one after another, as the app makes
/// them: everyone on a list counts as suggested once more when the next
/// newcomer's list is made (the `spread` weight), starting from
/// `people.already_suggested`. `settled(newcomer)` names colleagues not to
/// suggest again (already met, or said not to be useful).
pub fn suggest_in_turn(
    g: &Csr,
    report: &Report,
    people: &People,
    newcomers: &[usize],
    count: usize,
    w: &IntroductionWeights,
    settled: &dyn Fn(usize) -> BTreeSet<usize>,
) -> Vec<Vec<Suggestion>> {
    let mut load = people.already_suggested.to_vec();
    // Spreading starts past one's fair share of these lists: in a small, dense
    // network everyone may be on a few, and the likeliest ties are not hidden.
    let w = &IntroductionWeights {
        spread_after: (newcomers.len() * count).div_ceil(g.n.max(1)),
        ..w.clone()
    };
    let known = Known::of(report, people);
    newcomers
        .iter()
        .map(|&newcomer| {
            let settled = settled(newcomer);
            let now = People {
                already_suggested: &load,
                ..*people
            };
            let list = suggest_excluding(g, report, &now, newcomer, count, w, &known, &settled);
            for s in &list {
                load[s.node] += 1;
            }
            list
        })
        .collect()
}

/// How far one person is woven in, in one wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Integration {
    pub in_degree: usize,
    pub out_degree: usize,
    pub reciprocated: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    /// Share of tenured colleagues with a lower in-degree (ties count half).
    pub percentile_vs_tenured: f64,
}

pub fn integration(g: &Csr, people: &People, v: usize, tenured: &[usize]) -> Integration {
    let alters = g.mutual(v);
    let teams: BTreeSet<&str> = alters
        .iter()
        .filter_map(|(x, _)| people.teams[*x as usize].as_deref())
        .collect();
    let departments: BTreeSet<&str> = alters
        .iter()
        .filter_map(|(x, _)| people.departments[*x as usize].as_deref())
        .collect();
    let mine = g.pred(v).len();
    let below = tenured.iter().filter(|&&t| g.pred(t).len() < mine).count() as f64;
    let equal = tenured.iter().filter(|&&t| g.pred(t).len() == mine).count() as f64;
    Integration {
        in_degree: mine,
        out_degree: g.succ(v).len(),
        reciprocated: alters.iter().filter(|(_, m)| *m == 2.0).count(),
        teams_reached: teams.len(),
        departments_reached: departments.len(),
        percentile_vs_tenured: if tenured.is_empty() {
            0.0
        } else {
            (below + equal / 2.0) / tenured.len() as f64
        },
    }
}

/// The lower quartile of a cohort's in-degrees (nearest rank).
pub fn lower_quartile(values: &[usize]) -> Option<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    (!sorted.is_empty()).then(|| sorted[(sorted.len() - 1) / 4])
}

/// "Integration at risk": after `after_days` since hire, an in-degree still
/// below the cohort's lower quartile.
pub fn at_risk(in_degree: usize, days_since_hire: i64, cohort: &[usize], after_days: i64) -> bool {
    days_since_hire >= after_days && lower_quartile(cohort).is_some_and(|q| in_degree < q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Extras, GraphBuilder, Options};

    /// Team A: a0 (manager), a1, a2 and the newcomer n; a1 and a2 both rely on
    /// x (Finance). b0..b5 all go to hub h (Finance). m is another newcomer.
    fn setup() -> (crate::Graph, Vec<Option<String>>, Vec<Option<String>>) {
        let ids = [
            "n", "a0", "a1", "a2", "x", "h", "b0", "b1", "b2", "b3", "b4", "b5", "m", "q",
        ];
        let mut b = GraphBuilder::new();
        for id in ids {
            b.node(id, Default::default());
        }
        for (s, t) in [
            ("a1", "x"),
            ("a2", "x"),
            ("a0", "x"),
            ("a1", "a0"),
            ("n", "a1"),
            ("a1", "q"),
            ("x", "h"),
        ] {
            b.edge(s, t, 1.0);
        }
        for i in 0..6 {
            b.edge(&format!("b{i}"), "h", 1.0);
        }
        let graph = b.build();
        let teams = ids
            .iter()
            .map(|s| {
                Some(
                    if s.starts_with('a') || *s == "n" {
                        "Team A"
                    } else {
                        "Other"
                    }
                    .to_string(),
                )
            })
            .collect();
        let departments = ids
            .iter()
            .map(|s| {
                Some(
                    if *s == "x" || *s == "h" || s.starts_with('b') {
                        "Finance"
                    } else {
                        "Sales"
                    }
                    .to_string(),
                )
            })
            .collect();
        (graph, teams, departments)
    }

    fn run(already: Vec<usize>, suggest_less: BTreeSet<usize>) -> Vec<Suggestion> {
        run_top(already, suggest_less, 4)
    }

    fn run_top(
        already: Vec<usize>,
        suggest_less: BTreeSet<usize>,
        count: usize,
    ) -> Vec<Suggestion> {
        let (graph, teams, departments) = setup();
        let report = analyze(
            &graph,
            &Options {
                group_attribute: None,
                ..Options::default()
            },
            &Extras::default(),
        );
        let csr = Csr::new(&graph);
        let managers: Vec<Option<usize>> = (0..graph.node_count())
            .map(|v| (v == 0).then_some(1))
            .collect();
        let newcomers: BTreeSet<usize> = [0, 12].into();
        let people = People {
            teams: &teams,
            departments: &departments,
            managers: &managers,
            newcomers: &newcomers,
            suggest_less: &suggest_less,
            already_suggested: &already,
        };
        suggest(
            &csr,
            &report,
            &people,
            0,
            count,
            &IntroductionWeights::default(),
        )
    }

    #[test]
    fn suggestions_follow_the_team_leave_out_ties_and_explain_themselves() {
        let s = run(vec![0; 14], BTreeSet::new());
        assert_eq!(s[0].node, 4, "x, on whom the whole team relies: {s:?}");
        assert_eq!(
            s[0].reasons[0],
            Reason::ReliedOn {
                team: Some("Team A".into()),
                teammates: 2,
                by_manager: true
            }
        );
        assert!(
            s.iter().all(|x| x.node != 2),
            "a1 is already tied to the newcomer"
        );
        assert!(run_top(vec![0; 14], BTreeSet::new(), 14)
            .iter()
            .any(|x| x.node == 12 && x.reasons.contains(&Reason::FellowNewcomer)));
        assert!(
            s.iter().any(
                |x| x.node == 14 - 1 && x.reasons.contains(&Reason::Closure { known: vec![2] })
            ),
            "q via a1: {s:?}"
        );
        assert_eq!(run(vec![0; 14], BTreeSet::new()), s, "deterministic");
    }

    #[test]
    fn a_connector_is_suggested_with_the_people_who_go_to_them() {
        let all = run_top(vec![0; 14], BTreeSet::new(), 14);
        let hub = all
            .iter()
            .find(|x| x.node == 5)
            .expect("h, Finance's connector");
        assert_eq!(hub.ground, Ground::ConnectorOrBroker);
        assert!(
            hub.reasons.contains(&Reason::Connector {
                named_by: 7,
                departments: 1
            }),
            "{:?}",
            hub.reasons
        );
    }

    #[test]
    fn load_is_spread_and_asking_to_be_suggested_less_is_respected() {
        let fresh = run(vec![0; 14], BTreeSet::new());
        let mut already = vec![0; 14];
        already[4] = 10;
        let spread = run(already, BTreeSet::new());
        let score = |s: &[Suggestion], v: usize| {
            s.iter()
                .find(|x| x.node == v)
                .map(|x| x.score)
                .unwrap_or(0.0)
        };
        assert!(
            score(&spread, 4) < score(&fresh, 4) / 3.5,
            "suggested to ten newcomers already"
        );
        // Asking to be suggested less: still suggested when no one has been
        // sent them this quarter, never once someone has.
        assert!(run(vec![0; 14], [4].into()).iter().any(|x| x.node == 4));
        let mut once = vec![0; 14];
        once[4] = 1;
        assert!(run(once.clone(), BTreeSet::new())
            .iter()
            .any(|x| x.node == 4));
        assert!(run(once, [4].into()).iter().all(|x| x.node != 4));
    }

    #[test]
    fn integration_against_cohort_and_tenured() {
        let (graph, teams, departments) = setup();
        let csr = Csr::new(&graph);
        let managers = vec![None; 14];
        let none = BTreeSet::new();
        let zeros = vec![0; 14];
        let people = People {
            teams: &teams,
            departments: &departments,
            managers: &managers,
            newcomers: &none,
            suggest_less: &none,
            already_suggested: &zeros,
        };
        let x = integration(&csr, &people, 4, &[1, 2, 3, 5]);
        assert_eq!(
            (
                x.in_degree,
                x.out_degree,
                x.teams_reached,
                x.departments_reached
            ),
            (3, 1, 2, 2)
        );
        assert!(
            (x.percentile_vs_tenured - 0.75).abs() < 1e-12,
            "{}",
            x.percentile_vs_tenured
        );
        assert_eq!(lower_quartile(&[5, 1, 3, 7, 9]), Some(3));
        assert!(at_risk(1, 120, &[5, 1, 3, 7, 9], 90));
        assert!(!at_risk(1, 60, &[5, 1, 3, 7, 9], 90), "too early to say");
        assert!(!at_risk(4, 120, &[5, 1, 3, 7, 9], 90));
    }
}
