//! Knit's network analysis engine. Pure: a graph in, metrics and roles out; no
//! I/O, so it is tested against NetworkX, benchmarked and reused on its own.
//!
//! Every metric names the NetworkX call it equals (on the same graph with
//! self-loops removed); the property tests hold each to 1e-9 of it.
//!
//! | field | NetworkX | normalization |
//! |---|---|---|
//! | `in_degree`, `out_degree` | `G.in_degree()`, `G.out_degree()` | counts |
//! | `in_weight`, `out_weight` | `G.in_degree(weight="weight")`, `G.out_degree(weight="weight")` | sums of tie weights |
//! | `betweenness` | `nx.betweenness_centrality(G, normalized=True)` | ÷ (n−1)(n−2), unweighted; sampled: `k=` sources, × n/k |
//! | `harmonic_closeness` | `nx.harmonic_centrality(G)` | Σ 1/d(v,u) over others v, unnormalized (÷ (n−1) gives 0..1) |
//! | `pagerank` | `nx.pagerank(G, alpha=0.85, weight="weight")` | sums to 1 |
//! | `eigenvector` | `nx.eigenvector_centrality(G)` | unit length, unweighted, in-ties; `None` if it does not converge |
//! | `constraint` | `nx.constraint(G)` | Burt; unweighted mutual ties; `None` (NaN) without ties |
//! | `effective_size` | `nx.effective_size(G, nodes=G)` | Burt; unweighted mutual ties; `None` (NaN) without ties. NetworkX 3.6 disagrees with itself here: without `nodes` its SciPy shortcut normalizes by the wrong axis, and its per-node path gives NaN to people who are named but name no one; Knit follows the documented formula for everyone with a tie |
//! | `clustering` | `nx.clustering(G)` | directed (Fagiolo), 0..1 |
//! | `reciprocity` | `nx.reciprocity(G, [v])` | 0..1; `None` without ties |
//! | network `density` | `nx.density(G)` | ties ÷ n(n−1) |
//! | network `reciprocity` | `nx.overall_reciprocity(G)` | 0..1 |
//! | `weak_components`, `strong_components` | `nx.number_weakly_connected_components`, `nx.number_strongly_connected_components` | counts |
//! | `modularity` | `nx.community.modularity(U, communities)` | U: undirected, weight = both directions summed |

pub mod centrality;
pub mod community;
pub mod compare;
pub mod export;
pub mod graph;
pub mod groups;
pub mod layout;
pub mod newcomers;
pub mod paths;
pub mod pool;
pub mod prediction;
pub mod roles;
pub mod simulation;
mod slots;
pub mod stats;
pub mod synthetic;

pub use graph::{Csr, Graph, GraphBuilder, Node};
/// The graph type's crate, for walking a [`Graph`]'s edges.
pub use petgraph;
pub use roles::{Evidence, Role, RoleThresholds};

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};

/// PageRank's and eigenvector centrality's stopping rule: the L1 change of an
/// iteration under n × tolerance.
pub const PAGERANK_TOLERANCE: f64 = 1e-13;
pub const EIGENVECTOR_TOLERANCE: f64 = 1e-12;
pub const MAX_ITERATIONS: usize = 1000;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Options {
    /// Sample this many sources for betweenness and closeness (large graphs);
    /// `None`: exact.
    pub sample_sources: Option<usize>,
    pub seed: u64,
    /// The roster attribute groups are read from (e.g. "department").
    pub group_attribute: Option<String>,
    pub thresholds: RoleThresholds,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sample_sources: None,
            seed: 1,
            group_attribute: None,
            thresholds: RoleThresholds::default(),
        }
    }
}

/// Other relations of the same wave that some roles read, per node index.
#[derive(Clone, Debug, Default)]
pub struct Extras {
    /// How many colleagues say they need more access to each person.
    pub access_nominations: Option<Vec<usize>>,
    /// The energy ratings (−2..+2) each person received.
    pub energy_received: Option<Vec<Vec<f64>>>,
    /// Who answered the survey (for a survey's own relations). Someone who did
    /// not answer named no one by not answering, not by standing apart: they
    /// are never called peripheral.
    pub answered: Option<Vec<bool>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeMetrics {
    pub id: String,
    pub in_degree: usize,
    pub out_degree: usize,
    pub in_weight: f64,
    pub out_weight: f64,
    pub betweenness: f64,
    pub harmonic_closeness: f64,
    pub pagerank: Option<f64>,
    pub eigenvector: Option<f64>,
    pub constraint: Option<f64>,
    pub effective_size: Option<f64>,
    pub clustering: f64,
    pub reciprocity: Option<f64>,
    pub community: usize,
    /// E-I index over the people they are tied to (needs a group attribute).
    pub ei_index: Option<f64>,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkMetrics {
    pub nodes: usize,
    pub edges: usize,
    pub density: f64,
    pub reciprocity: Option<f64>,
    pub weak_components: usize,
    pub strong_components: usize,
    pub communities: usize,
    pub modularity: f64,
    /// Set when betweenness and closeness were estimated from sampled sources.
    pub sample: Option<paths::Sample>,
    pub eigenvector_converged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub nodes: Vec<NodeMetrics>,
    pub network: NetworkMetrics,
    pub groups: Option<groups::GroupMatrix>,
    pub roles: Vec<roles::RoleAssignment>,
    pub thresholds: RoleThresholds,
}

/// Up to this many people betweenness and closeness are exact; above, they are
/// estimated from [`SAMPLED_SOURCES`] sources, in the app and `knit analyze` alike.
pub const EXACT_UP_TO: usize = 20_000;
pub const SAMPLED_SOURCES: usize = 1_000;

/// The sources to sample for a network of `people`: none (exact) up to
/// [`EXACT_UP_TO`].
pub fn default_sample_sources(people: usize) -> Option<usize> {
    (people > EXACT_UP_TO).then_some(SAMPLED_SOURCES)
}

/// How many steps an analysis takes: the shortest paths (the longest) with
/// the other metrics beside them, then those metrics, the groups, the roles.
pub const STEPS: usize = 4;

/// Where a running analysis stands, readable from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Steps finished, of [`STEPS`].
    pub steps: AtomicUsize,
    /// The tasks taken before the searches (Louvain's visiting orders,
    /// structural holes, the other centralities): finished, of `first_tasks`.
    pub first_tasks_done: AtomicUsize,
    pub first_tasks: AtomicUsize,
    /// Shortest-path sources searched so far, of `sources`.
    pub sources_done: AtomicUsize,
    pub sources: AtomicUsize,
}

impl Progress {
    fn finished(&self, step: usize) {
        self.steps.store(step, Ordering::Relaxed);
    }
}

/// The metrics that are neither read off shortest paths nor Louvain's.
struct Centralities {
    pagerank: Option<Vec<f64>>,
    eigenvector: Option<Vec<f64>>,
    clustering: Vec<f64>,
    reciprocity: Vec<Option<f64>>,
    weak: usize,
    strong: usize,
}

impl Centralities {
    fn of(g: &Csr) -> Centralities {
        Centralities {
            pagerank: centrality::pagerank(g, 0.85, PAGERANK_TOLERANCE, MAX_ITERATIONS),
            eigenvector: centrality::eigenvector(g, EIGENVECTOR_TOLERANCE, MAX_ITERATIONS),
            clustering: centrality::clustering(g),
            reciprocity: centrality::reciprocity(g),
            weak: centrality::weak_components(g).0,
            strong: centrality::strong_components(g),
        }
    }
}

/// One piece of an analysis for a core to take: the longest first, the
/// searches' blocks last, so that the cores finish close together.
enum Task {
    LouvainOrder(usize),
    StructuralHoles,
    Centralities,
    Searches(usize),
}

enum Done {
    LouvainOrder((Vec<usize>, f64)),
    StructuralHoles((Vec<Option<f64>>, Vec<Option<f64>>)),
    Centralities(Centralities),
    Searches(paths::BlockSums),
}

/// Every metric, the groups and the roles of one network.
pub fn analyze(graph: &Graph, options: &Options, extras: &Extras) -> Report {
    analyze_with_progress(graph, options, extras, &Progress::default())
}

/// As [`analyze`], keeping `progress` up to date for a watcher.
pub fn analyze_with_progress(
    graph: &Graph,
    options: &Options,
    extras: &Extras,
    progress: &Progress,
) -> Report {
    let g = Csr::new(graph);
    let n = g.n;
    // Every metric's work on every core, taken task by task.
    let louvain = community::Louvain::new(&g, options.seed);
    let searches = paths::Searches::new(&g, options.sample_sources, options.seed, progress);
    let tasks: Vec<Task> = (0..louvain.orders())
        .map(Task::LouvainOrder)
        .chain([Task::StructuralHoles, Task::Centralities])
        .chain((0..searches.blocks()).map(Task::Searches))
        .collect();
    let first_tasks = tasks.len() - searches.blocks();
    progress.first_tasks.store(first_tasks, Ordering::Relaxed);
    let results = pool::run(tasks.len(), |task| {
        let done = match tasks[task] {
            Task::LouvainOrder(attempt) => Done::LouvainOrder(louvain.order(attempt)),
            Task::StructuralHoles => Done::StructuralHoles(centrality::structural_holes(&g)),
            Task::Centralities => Done::Centralities(Centralities::of(&g)),
            Task::Searches(block) => return Done::Searches(searches.search(block, progress)),
        };
        progress.first_tasks_done.fetch_add(1, Ordering::Relaxed);
        done
    });
    let (mut orders, mut holes, mut centralities, mut blocks) =
        (Vec::new(), None, None, Vec::new());
    for done in results {
        match done {
            Done::LouvainOrder(attempt) => orders.push(attempt),
            Done::StructuralHoles(h) => holes = Some(h),
            Done::Centralities(c) => centralities = Some(c),
            Done::Searches(sums) => blocks.push(sums),
        }
    }
    let paths = searches.finish(blocks);
    progress.finished(1);
    let (community, modularity) = community::Louvain::best(orders);
    let (constraint, effective_size) = holes.expect("structural holes is a task");
    let Centralities {
        pagerank,
        eigenvector,
        clustering,
        reciprocity,
        weak,
        strong,
    } = centralities.expect("the centralities are a task");
    progress.finished(2);
    let grouping = options.group_attribute.as_ref().map(|attribute| {
        let (groups, group_of) = groups::by_attribute(graph, attribute);
        (attribute.clone(), groups, group_of)
    });
    let group_matrix = grouping.as_ref().map(|(attribute, groups, group_of)| {
        groups::group_matrix(&g, attribute, groups.clone(), group_of)
    });
    let person_ei = grouping
        .as_ref()
        .map(|(_, _, group_of)| groups::person_ei(&g, group_of));
    progress.finished(3);
    let mut nodes: Vec<NodeMetrics> = graph
        .node_weights()
        .enumerate()
        .map(|(v, node)| NodeMetrics {
            id: node.id.clone(),
            in_degree: g.pred(v).len(),
            out_degree: g.succ(v).len(),
            in_weight: g.pred_w(v).iter().sum(),
            out_weight: g.succ_w(v).iter().sum(),
            betweenness: paths.betweenness[v],
            harmonic_closeness: paths.harmonic[v],
            pagerank: pagerank.as_ref().map(|p| p[v]),
            eigenvector: eigenvector.as_ref().map(|e| e[v]),
            constraint: constraint[v],
            effective_size: effective_size[v],
            clustering: clustering[v],
            reciprocity: reciprocity[v],
            community: community[v],
            ei_index: person_ei.as_ref().and_then(|e| e[v]),
            roles: Vec::new(),
        })
        .collect();
    let roles = roles::assign(
        &g,
        &nodes,
        grouping.as_ref().map(|(attribute, groups, group_of)| {
            (attribute.as_str(), groups.as_slice(), group_of.as_slice())
        }),
        extras,
        &options.thresholds,
    );
    for assignment in &roles {
        nodes[assignment.node].roles.push(assignment.role);
    }
    progress.finished(4);
    Report {
        network: NetworkMetrics {
            nodes: n,
            edges: g.edges(),
            density: centrality::density(&g),
            reciprocity: centrality::overall_reciprocity(&g),
            weak_components: weak,
            strong_components: strong,
            communities: community.iter().max().map_or(0, |c| c + 1),
            modularity,
            sample: paths.sample,
            eigenvector_converged: eigenvector.is_some(),
        },
        nodes,
        groups: group_matrix,
        roles,
        thresholds: options.thresholds.clone(),
    }
}
