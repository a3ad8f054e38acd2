//! Shortest-path metrics from one breadth-first search per source: betweenness
//! (Brandes) and harmonic closeness, exact or from a random sample of sources.
//! Sources are split across threads; each keeps its own sums.

use crate::graph::Csr;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct PathMetrics {
    /// `nx.betweenness_centrality(G, normalized=True)` (unweighted, directed).
    pub betweenness: Vec<f64>,
    /// `nx.harmonic_centrality(G)`: Σ over others v of 1/d(v, u), unnormalized.
    pub harmonic: Vec<f64>,
    /// Set when sources were sampled.
    pub sample: Option<Sample>,
}

/// How the sampled estimate was made and how far it may be off.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sample {
    pub sources: usize,
    pub seed: u64,
    /// With probability `confidence`, each person's normalized betweenness is
    /// within ± this of its exact value (Hoeffding's bound, as in Brandes and
    /// Pich 2007: ε = sqrt(ln(2/δ) / 2k) for k sources, each contributing a
    /// value in [0, n/(n−1)]).
    pub betweenness_error: f64,
    pub confidence: f64,
}

/// The confidence the sampled estimate's error bound is stated at.
pub const CONFIDENCE: f64 = 0.95;

/// How far a sampled normalized betweenness may be from the exact one, with
/// probability `confidence`, for `k` sources among `n` people (see [`Sample`]).
pub fn betweenness_error(n: usize, k: usize, confidence: f64) -> f64 {
    let range = n as f64 / (n as f64 - 1.0);
    range * ((2.0 / (1.0 - confidence)).ln() / (2.0 * k as f64)).sqrt()
}

/// Exact when `sources` is `None` or not smaller than the node count. Counts
/// each searched source in `progress` (its total set first).
pub fn path_metrics(
    g: &Csr,
    sources: Option<usize>,
    seed: u64,
    progress: &crate::Progress,
) -> PathMetrics {
    let n = g.n;
    let mut all: Vec<u32> = (0..n as u32).collect();
    let sample = match sources {
        Some(k) if k < n && k > 0 => {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            all.shuffle(&mut rng);
            all.truncate(k);
            Some(Sample {
                sources: k,
                seed,
                betweenness_error: betweenness_error(n, k, CONFIDENCE),
                confidence: CONFIDENCE,
            })
        }
        _ => None,
    };
    progress.sources.store(all.len(), Ordering::Relaxed);
    let threads = std::thread::available_parallelism()
        .map(|t| t.get())
        .unwrap_or(1)
        .min(all.len().max(1));
    let chunk = all.len().div_ceil(threads.max(1)).max(1);
    let adjacency = Adjacency::near_in_memory(g);
    let renumbered: Vec<u32> = all
        .iter()
        .map(|&s| adjacency.new_of_old[s as usize])
        .collect();
    let partial: Vec<(Vec<f64>, Vec<f64>)> = std::thread::scope(|scope| {
        let adjacency = &adjacency;
        let handles: Vec<_> = renumbered
            .chunks(chunk)
            .map(|part| scope.spawn(move || from_sources(adjacency, part, &progress.sources_done)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a path worker panicked"))
            .collect()
    });
    let mut betweenness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    for (b, h) in partial {
        for v in 0..n {
            let new = adjacency.new_of_old[v] as usize;
            betweenness[v] += b[new];
            harmonic[v] += h[new];
        }
    }
    // NetworkX's rescaling: 1/((n−1)(n−2)) for n > 2, times n/k when sampled.
    if n > 2 {
        let mut scale = 1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0));
        if let Some(s) = &sample {
            scale *= n as f64 / s.sources as f64;
        }
        betweenness.iter_mut().for_each(|b| *b *= scale);
    }
    if let Some(s) = &sample {
        // Each other node is a sampled source with probability k/n.
        let scale = n as f64 / s.sources as f64;
        harmonic.iter_mut().for_each(|h| *h *= scale);
    }
    PathMetrics {
        betweenness,
        harmonic,
        sample,
    }
}

/// The out-ties with the nodes renumbered in breadth-first order (ties either
/// way), so that people tied to each other sit near each other in memory: a
/// search then finds more of what it reads in the fastest cache.
struct Adjacency {
    start: Vec<usize>,
    targets: Vec<u32>,
    new_of_old: Vec<u32>,
}

impl Adjacency {
    fn near_in_memory(g: &Csr) -> Adjacency {
        let n = g.n;
        let mut new_of_old = vec![u32::MAX; n];
        let mut old_of_new: Vec<u32> = Vec::with_capacity(n);
        for root in 0..n {
            if new_of_old[root] != u32::MAX {
                continue;
            }
            new_of_old[root] = old_of_new.len() as u32;
            old_of_new.push(root as u32);
            let mut head = old_of_new.len() - 1;
            while head < old_of_new.len() {
                let v = old_of_new[head] as usize;
                head += 1;
                for &w in g.succ(v).iter().chain(g.pred(v)) {
                    if new_of_old[w as usize] == u32::MAX {
                        new_of_old[w as usize] = old_of_new.len() as u32;
                        old_of_new.push(w);
                    }
                }
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(g.edges());
        start.push(0);
        for &old in &old_of_new {
            let first = targets.len();
            targets.extend(g.succ(old as usize).iter().map(|&w| new_of_old[w as usize]));
            targets[first..].sort_unstable();
            start.push(targets.len());
        }
        Adjacency {
            start,
            targets,
            new_of_old,
        }
    }

    fn succ(&self, v: usize) -> &[u32] {
        &self.targets[self.start[v]..self.start[v + 1]]
    }
}

// The forward pass has no branch on the data: whether a neighbour is new, one
// level further or behind is a coin toss the processor cannot predict, so each
// out-tie is written to the DAG list at once and kept by advancing its length
// or not, and only the kept ones are then visited to count paths.
fn from_sources(g: &Adjacency, sources: &[u32], done: &AtomicUsize) -> (Vec<f64>, Vec<f64>) {
    let n = g.new_of_old.len();
    let mut betweenness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    let mut dist = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    // Each with a spare slot, for the write made before knowing it is kept.
    let mut order: Vec<u32> = vec![0; n + 1];
    // The shortest-path DAG's edges, grouped by their tail in BFS order, so the
    // dependency pass reads only them, in sequence, instead of every out-edge.
    let mut dag: Vec<u32> = vec![0; g.targets.len() + 1];
    let mut dag_end: Vec<u32> = vec![0; n];
    for &s in sources {
        done.fetch_add(1, Ordering::Relaxed);
        let s = s as usize;
        dist[s] = 0;
        sigma[s] = 1.0;
        order[0] = s as u32;
        let (mut reached, mut kept, mut head) = (1, 0, 0);
        while head < reached {
            let v = order[head] as usize;
            let next = dist[v] + 1;
            let sigma_v = sigma[v];
            let first = kept;
            // A reached neighbour is at most one level further, so one test
            // keeps both the unreached and the next level's.
            for &w in g.succ(v) {
                dag[kept] = w;
                kept += (dist[w as usize] >= next) as usize;
            }
            for &w in &dag[first..kept] {
                let w = w as usize;
                order[reached] = w as u32;
                reached += (dist[w] == u32::MAX) as usize;
                dist[w] = dist[w].min(next);
                sigma[w] += sigma_v;
            }
            dag_end[head] = kept as u32;
            head += 1;
        }
        // Dependencies in reverse BFS order: when v is reached, every w one
        // step further is final, and `delta[w]` holds (1 + δ(w)) / σ(w), so
        // δ(v) = σ(v) · Σ of those.
        let mut end = kept;
        for (i, &v) in order[..reached].iter().enumerate().rev() {
            let v = v as usize;
            let start = if i == 0 { 0 } else { dag_end[i - 1] as usize };
            let sum: f64 = dag[start..end].iter().map(|&w| delta[w as usize]).sum();
            end = start;
            let dependency = sigma[v] * sum;
            if v != s {
                betweenness[v] += dependency;
                harmonic[v] += 1.0 / dist[v] as f64;
            }
            delta[v] = (1.0 + dependency) / sigma[v];
        }
        // `delta` needs no reset: each source writes a node's before reading it.
        for &v in &order[..reached] {
            let v = v as usize;
            dist[v] = u32::MAX;
            sigma[v] = 0.0;
        }
    }
    (betweenness, harmonic)
}
