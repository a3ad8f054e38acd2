//! Shortest-path metrics from one breadth-first search per source: betweenness
//! (Brandes) and harmonic closeness, exact or from a random sample of sources.
//! Sources are split into blocks that threads take in turn; each block keeps
//! its own sums.

use crate::graph::Csr;
use crate::slots::Slots;
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
    let searches = Searches::new(g, sources, seed, progress);
    let blocks = crate::pool::run(searches.blocks(), |block| searches.search(block, progress));
    searches.finish(blocks)
}

/// The searches from every source (or the sampled ones), in blocks that
/// threads take in turn; summed in block order, so that the result does not
/// depend on which thread ran which.
pub struct Searches {
    adjacency: Adjacency,
    /// The sources, renumbered as in `adjacency`.
    sources: Vec<u32>,
    sample: Option<Sample>,
}

/// What one block of searches adds to each person's betweenness and
/// harmonic closeness (renumbered as the searches number people).
pub struct BlockSums {
    betweenness: Vec<f64>,
    harmonic: Vec<f64>,
}

/// Blocks per thread: enough that the last to finish keeps the others
/// waiting little, few enough that their sums take little memory.
const BLOCKS_PER_THREAD: usize = 8;

impl Searches {
    pub fn new(g: &Csr, sources: Option<usize>, seed: u64, progress: &crate::Progress) -> Searches {
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
        let adjacency = Adjacency::near_in_memory(g);
        let sources = all
            .iter()
            .map(|&s| adjacency.new_of_old[s as usize])
            .collect();
        Searches {
            adjacency,
            sources,
            sample,
        }
    }

    pub fn blocks(&self) -> usize {
        (crate::pool::cores() * BLOCKS_PER_THREAD).min(self.sources.len())
    }

    /// The searches from the sources of block `block` (of [`Searches::blocks`]).
    pub fn search(&self, block: usize, progress: &crate::Progress) -> BlockSums {
        let (blocks, count) = (self.blocks(), self.sources.len());
        let part = &self.sources[block * count / blocks..(block + 1) * count / blocks];
        let done = &progress.sources_done;
        // Distances in 16 bits where they fit (under 65,535 people): the
        // array every tie looks into then takes half the cache.
        let (betweenness, harmonic) = if self.adjacency.new_of_old.len() < usize::from(u16::MAX) {
            from_sources::<u16>(&self.adjacency, part, done)
        } else {
            from_sources::<u32>(&self.adjacency, part, done)
        };
        BlockSums {
            betweenness,
            harmonic,
        }
    }

    /// The metrics from every block's sums, given in block order.
    pub fn finish(self, blocks: Vec<BlockSums>) -> PathMetrics {
        let n = self.adjacency.new_of_old.len();
        let mut betweenness = vec![0.0; n];
        let mut harmonic = vec![0.0; n];
        for block in blocks {
            for v in 0..n {
                let new = self.adjacency.new_of_old[v] as usize;
                betweenness[v] += block.betweenness[new];
                harmonic[v] += block.harmonic[new];
            }
        }
        let sample = self.sample;
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
}

/// The out-ties with the nodes renumbered in breadth-first order (ties either
/// way), so that people tied to each other sit near each other in memory: a
/// search then finds more of what it reads in the fastest cache.
struct Adjacency {
    start: Slots<usize>,
    targets: Slots<u32>,
    /// The in-ties, for the searches' steps taken from the unreached side.
    pred_start: Slots<usize>,
    sources: Slots<u32>,
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
        let mut pred_start = vec![0usize; n + 1];
        for &w in &targets {
            pred_start[w as usize + 1] += 1;
        }
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
        }
        let mut filled = pred_start.clone();
        let mut sources = vec![0u32; targets.len()];
        for v in 0..n {
            for &w in &targets[start[v]..start[v + 1]] {
                sources[filled[w as usize]] = v as u32;
                filled[w as usize] += 1;
            }
        }
        // Unchecked (see `Slots`): every id is below n, and the starts are
        // n + 1 long.
        Adjacency {
            start: Slots(start),
            targets: Slots(targets),
            pred_start: Slots(pred_start),
            sources: Slots(sources),
            new_of_old,
        }
    }

    fn succ(&self, v: usize) -> &[u32] {
        &self.targets[self.start[v]..self.start[v + 1]]
    }

    fn pred(&self, v: usize) -> &[u32] {
        &self.sources[self.pred_start[v]..self.pred_start[v + 1]]
    }

    fn in_degree(&self, v: usize) -> usize {
        self.pred_start[v + 1] - self.pred_start[v]
    }
}

/// A breadth-first distance: its largest value stands for "not reached".
trait Distance: Copy + Ord {
    const UNREACHED: Self;
    fn zero() -> Self;
    fn next(self) -> Self;
}

macro_rules! distance {
    ($t:ty) => {
        impl Distance for $t {
            const UNREACHED: $t = <$t>::MAX;
            fn zero() -> $t {
                0
            }
            fn next(self) -> $t {
                self + 1
            }
        }
    };
}
distance!(u16);
distance!(u32);

// Each search goes level by level, each step from whichever side reads fewer
// ties (Beamer's direction optimization, carried over to counting paths):
// from the level just reached along its out-ties, or, once few people are
// left unreached, from each of them along its in-ties. A random network's
// last level holds most people, and nearly all of its out-ties lead back.
//
// Neither side branches on the data: whether a tie leads to a new person, one
// level on or back is a coin toss the processor cannot predict, so each tie is
// written to the shortest-path DAG list at once and kept by advancing its
// length or not.
fn from_sources<D: Distance>(
    g: &Adjacency,
    sources: &[u32],
    done: &AtomicUsize,
) -> (Vec<f64>, Vec<f64>) {
    let n = g.new_of_old.len();
    let m = g.targets.len();
    // Unchecked arrays (see `Slots`), each indexed below its length: by a
    // person (every id in `Adjacency` is below n, and these are n long), a
    // place in `order` (n + 1 long, a spare slot for the write made before
    // knowing it is kept) or a DAG slot (m + 1 long: a search keeps each tie
    // at most once).
    let mut betweenness = Slots(vec![0.0; n]);
    let mut harmonic = Slots(vec![0.0; n]);
    let mut dist = Slots(vec![D::UNREACHED; n]);
    let mut sigma = Slots(vec![0.0f64; n]);
    // Σ of the shares of v's DAG successors found from their side (pushed
    // to v), then, once v's dependency δ(v) is known, v's own share
    // (1 + δ(v)) / σ(v): one array, so that a search touches less memory.
    let mut share = Slots(vec![0.0f64; n]);
    // Each with a spare slot, for the write made before knowing it is kept.
    let mut order = Slots(vec![0; n + 1]);
    let mut dag = Slots(vec![0; m + 1]);
    // For the person at each place of `order`: its DAG out-ties (when its
    // level stepped forward) and its DAG in-ties (when it was found from its
    // own side), as ranges of `dag`.
    let mut out_ties = Slots(vec![(0, 0); n]);
    let mut in_ties = Slots(vec![(0, 0); n]);
    let mut levels: Vec<usize> = Vec::new();
    let mut unreached: Vec<u32> = Vec::with_capacity(n);
    for &s in sources {
        done.fetch_add(1, Ordering::Relaxed);
        let s = s as usize;
        dist[s] = D::zero();
        sigma[s] = 1.0;
        order[0] = s as u32;
        in_ties[0] = (0, 0);
        levels.clear();
        levels.push(0);
        let (mut reached, mut kept) = (1, 0);
        // In-ties of the people not yet reached: a step from their side reads these.
        let mut unreached_in = m - g.in_degree(s);
        let mut backward = false;
        loop {
            let (first, last) = (*levels.last().unwrap_or(&0), reached);
            if first == last {
                break;
            }
            levels.push(last);
            let level = dist[order[first] as usize];
            let next = level.next();
            let frontier_out: usize = order[first..last]
                .iter()
                .map(|&v| g.start[v as usize + 1] - g.start[v as usize])
                .sum();
            if !backward && unreached_in + n / 8 < frontier_out {
                backward = true;
                // Everyone written, the count moved past the unreached only: on
                // a clustered network whether a person is reached yet is a coin
                // toss, and a branch on it, mispredicted a quarter of the time,
                // cost 7% of an organization's searches at 1,000 people.
                unreached.resize(n, 0);
                let mut count = 0;
                for v in 0..n {
                    unreached[count] = v as u32;
                    count += usize::from(dist[v] == D::UNREACHED);
                }
                unreached.truncate(count);
            }
            if backward {
                out_ties[first..last].fill((kept as u32, kept as u32));
                let mut still = 0;
                for i in 0..unreached.len() {
                    let u = unreached[i] as usize;
                    if let Some(&ahead) = unreached.get(i + AHEAD) {
                        prefetch(&g.sources, g.pred_start[ahead as usize]);
                    }
                    // The in-ties from the level just reached kept first, their
                    // path counts summed after: choosing per tie whether to add
                    // its count was a branch mispredicted a third of the time
                    // (a fifth of an organization's searches). The counts are
                    // whole numbers, exact in any order below 2^53.
                    let from = kept;
                    for &v in g.pred(u) {
                        dag[kept] = v;
                        kept += usize::from(dist[v as usize] == level);
                    }
                    if kept > from {
                        dist[u] = next;
                        sigma[u] = dag[from..kept].iter().map(|&v| sigma[v as usize]).sum();
                        order[reached] = u as u32;
                        in_ties[reached] = (from as u32, kept as u32);
                        reached += 1;
                        unreached_in -= g.in_degree(u);
                    } else {
                        unreached[still] = u as u32;
                        still += 1;
                    }
                }
                unreached.truncate(still);
            } else {
                for i in first..last {
                    let v = order[i] as usize;
                    if let Some(&ahead) = order[..last].get(i + AHEAD) {
                        prefetch(&g.targets, g.start[ahead as usize]);
                    }
                    let sigma_v = sigma[v];
                    let from = kept;
                    // A reached neighbour is at most one level further, so one
                    // test keeps both the unreached and the next level's.
                    for &w in g.succ(v) {
                        dag[kept] = w;
                        kept += (dist[w as usize] >= next) as usize;
                    }
                    for &w in &dag[from..kept] {
                        let w = w as usize;
                        order[reached] = w as u32;
                        reached += (dist[w] == D::UNREACHED) as usize;
                        dist[w] = dist[w].min(next);
                        sigma[w] += sigma_v;
                    }
                    out_ties[i] = (from as u32, kept as u32);
                }
                for place in last..reached {
                    in_ties[place] = (0, 0);
                    unreached_in -= g.in_degree(order[place] as usize);
                }
            }
        }
        // Dependencies level by level from the farthest: when a level is
        // reached, every person one step further is final. δ(v) = σ(v) · Σ
        // over v's DAG successors w of (1 + δ(w)) / σ(w), read along v's out-
        // ties where they were kept, and pushed along w's in-ties where w was
        // found from its own side. The source (level 0) gains nothing from
        // its own search.
        for (depth, bounds) in levels.windows(2).enumerate().skip(1).rev() {
            let places = bounds[0]..bounds[1];
            let closeness = 1.0 / depth as f64;
            for place in places.clone() {
                let v = order[place] as usize;
                let (from, to) = out_ties[place];
                let pulled: f64 = dag[from as usize..to as usize]
                    .iter()
                    .map(|&w| share[w as usize])
                    .sum();
                let dependency = sigma[v] * (pulled + share[v]);
                betweenness[v] += dependency;
                harmonic[v] += closeness;
                share[v] = (1.0 + dependency) / sigma[v];
            }
            for place in places {
                let (from, to) = in_ties[place];
                let c = share[order[place] as usize];
                for &v in &dag[from as usize..to as usize] {
                    share[v as usize] += c;
                }
            }
        }
        for &v in &order[..reached] {
            let v = v as usize;
            dist[v] = D::UNREACHED;
            sigma[v] = 0.0;
            share[v] = 0.0;
        }
    }
    (betweenness.0, harmonic.0)
}

/// How many people ahead a search asks for the ties it will read.
const AHEAD: usize = 4;

/// Asks the processor to bring `list[at..]` into its fastest cache. A
/// search reads the ties of people scattered through memory, one list after
/// the other; asked for a few people ahead, they have arrived when read.
#[inline(always)]
fn prefetch(list: &[u32], at: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint to the cache: it reads nothing into the
    // program and cannot fault, whatever the address.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(list.as_ptr().wrapping_add(at).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (list, at);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;
    use rand::Rng;

    /// Brandes's algorithm as written in his paper: a queue, predecessor
    /// lists, a stack; unnormalized betweenness and harmonic closeness.
    fn textbook(g: &Csr) -> (Vec<f64>, Vec<f64>) {
        let n = g.n;
        let (mut betweenness, mut harmonic) = (vec![0.0; n], vec![0.0; n]);
        for s in 0..n {
            let mut dist = vec![usize::MAX; n];
            let mut sigma = vec![0.0; n];
            let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut stack = Vec::new();
            let mut queue = std::collections::VecDeque::from([s]);
            dist[s] = 0;
            sigma[s] = 1.0;
            while let Some(v) = queue.pop_front() {
                stack.push(v);
                for &w in g.succ(v) {
                    let w = w as usize;
                    if dist[w] == usize::MAX {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0; n];
            while let Some(w) = stack.pop() {
                for &v in &preds[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    betweenness[w] += delta[w];
                    harmonic[w] += 1.0 / dist[w] as f64;
                }
            }
        }
        (betweenness, harmonic)
    }

    #[test]
    fn searches_from_either_side_agree_with_the_textbook_algorithm() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        // Sparse to dense, so that searches step from the unreached side on
        // some levels and not on others; some people reach no one, some are
        // reached by no one.
        for (graph_number, &(n, p)) in [
            (2, 1.0),
            (30, 0.05),
            (60, 0.1),
            (80, 0.3),
            (120, 0.6),
            (200, 0.02),
        ]
        .iter()
        .cycle()
        .take(30)
        .enumerate()
        {
            let mut builder = GraphBuilder::new();
            let ids: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            for id in &ids {
                builder.node(id, Default::default());
            }
            for a in 0..n {
                for b in 0..n {
                    if a != b && a % 7 != 3 && rng.gen_bool(p) {
                        builder.edge(&ids[a], &ids[b], 1.0);
                    }
                }
            }
            let g = Csr::new(&builder.build());
            let (betweenness, harmonic) = textbook(&g);
            let found = path_metrics(&g, None, 1, &crate::Progress::default());
            let scale = if n > 2 {
                1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0))
            } else {
                1.0
            };
            for v in 0..n {
                let expected = if n > 2 {
                    betweenness[v] * scale
                } else {
                    betweenness[v]
                };
                assert!(
                    (found.betweenness[v] - expected).abs() < 1e-9,
                    "graph {graph_number} ({n} people, p {p}): betweenness of {v}: {} vs {expected}",
                    found.betweenness[v]
                );
                assert!(
                    (found.harmonic[v] - harmonic[v]).abs() < 1e-9,
                    "graph {graph_number}: harmonic closeness of {v}"
                );
            }
        }
    }
}
