//! Communities by the Louvain method on the undirected network (a tie's
//! weight in both directions summed), and their modularity, as
//! `nx.community.modularity(U, communities, weight="weight")` computes it.

use crate::graph::Csr;
use crate::slots::Slots;
use rand::seq::SliceRandom;
use rand::SeedableRng;

/// A symmetric weighted network in compressed rows: each node's neighbours
/// in order, each once with its weights summed (a coarse level's self-loop
/// included). One Louvain level in three flat arrays: the visiting orders
/// share the first level, and a coarser one is built without a list per node.
///
/// Unchecked (see `Slots`): every neighbour is below the node count, and
/// `start` has one entry more.
struct Undirected {
    start: Slots<usize>,
    neighbour: Slots<u32>,
    weight: Slots<f64>,
}

impl Undirected {
    /// Each tie's weight in both directions summed.
    fn of(g: &Csr) -> Undirected {
        let mut level = Undirected::with_capacity(g.n, 2 * g.edges());
        for v in 0..g.n {
            let (succ, succ_w) = (g.succ(v), g.succ_w(v));
            let (pred, pred_w) = (g.pred(v), g.pred_w(v));
            let (mut i, mut j) = (0, 0);
            while i < succ.len() || j < pred.len() {
                if j == pred.len() || (i < succ.len() && succ[i] < pred[j]) {
                    level.push(succ[i], succ_w[i]);
                    i += 1;
                } else if i == succ.len() || pred[j] < succ[i] {
                    level.push(pred[j], pred_w[j]);
                    j += 1;
                } else {
                    level.push(succ[i], succ_w[i] + pred_w[j]);
                    i += 1;
                    j += 1;
                }
            }
            level.end_row();
        }
        level
    }

    fn with_capacity(nodes: usize, entries: usize) -> Undirected {
        let mut start = Vec::with_capacity(nodes + 1);
        start.push(0);
        Undirected {
            start: Slots(start),
            neighbour: Slots(Vec::with_capacity(entries)),
            weight: Slots(Vec::with_capacity(entries)),
        }
    }

    fn push(&mut self, neighbour: u32, weight: f64) {
        self.neighbour.0.push(neighbour);
        self.weight.0.push(weight);
    }

    fn end_row(&mut self) {
        self.start.0.push(self.neighbour.len());
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn row(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.start[v]..self.start[v + 1];
        self.neighbour[range.clone()]
            .iter()
            .zip(&self.weight[range])
            .map(|(&w, &weight)| (w as usize, weight))
    }

    fn degree(&self, v: usize) -> f64 {
        self.weight[self.start[v]..self.start[v + 1]].iter().sum()
    }

    /// The network of communities: `community[v]` in 0..k for each node.
    /// Each pair's weight is summed over the members' ties in order of the
    /// member, then of its neighbour.
    fn coarsened(&self, community: &[usize], k: usize) -> Undirected {
        let mut first = vec![0usize; k + 1];
        for &c in community {
            first[c + 1] += 1;
        }
        for c in 0..k {
            first[c + 1] += first[c];
        }
        let mut members = vec![0u32; community.len()];
        let mut filled = first.clone();
        for (v, &c) in community.iter().enumerate() {
            members[filled[c]] = v as u32;
            filled[c] += 1;
        }
        let mut coarse = Undirected::with_capacity(k, self.neighbour.len().min(k * k));
        let mut sum = vec![0.0f64; k];
        let mut seen = vec![false; k];
        let mut touched: Vec<usize> = Vec::new();
        for c in 0..k {
            for &v in &members[first[c]..first[c + 1]] {
                for (w, weight) in self.row(v as usize) {
                    let d = community[w];
                    if !seen[d] {
                        seen[d] = true;
                        touched.push(d);
                    }
                    sum[d] += weight;
                }
            }
            touched.sort_unstable();
            for &d in &touched {
                coarse.push(d as u32, sum[d]);
                sum[d] = 0.0;
                seen[d] = false;
            }
            touched.clear();
            coarse.end_row();
        }
        coarse
    }
}

/// Row entries at which Louvain runs a single visiting order (before the
/// floor of two): see [`Louvain::new`].
const ORDER_SCALE: f64 = 40_000.0;

/// Louvain from several visiting orders, each a task of its own, the best kept.
pub struct Louvain {
    network: Undirected,
    orders: usize,
    seed: u64,
}

impl Louvain {
    pub fn new(g: &Csr, seed: u64) -> Louvain {
        let network = Undirected::of(g);
        // Louvain depends on the order nodes are visited: several orders, the
        // best kept. Small networks get up to 64, where each is cheap and one
        // order can miss by a few percent (the NetworkX agreement test's 30 to
        // 70 people). The count falls with the square of the network's row
        // entries, faster than each order's cost grows, so that Louvain stays
        // a small part of an analysis: 16 orders at 10,000 entries, 2 from
        // about 28,000 (1,000 people naming 15 each). There the orders past
        // the first two add under 0.1% on a 1,000-person organization (0.5390
        // against 0.5392 after 6 or 16) and 2% on a uniform random network
        // (0.178 against 0.182; igraph's one order 0.173 to 0.178), while
        // costing as much as the searches.
        let orders = (ORDER_SCALE / (network.neighbour.len() as f64 + 1.0))
            .powi(2)
            .clamp(2.0, 64.0) as usize;
        Louvain {
            network,
            orders,
            seed,
        }
    }

    pub fn orders(&self) -> usize {
        self.orders
    }

    /// The communities found visiting in the order seeded by `attempt`, and their modularity.
    pub fn order(&self, attempt: usize) -> (Vec<usize>, f64) {
        let membership = run(&self.network, self.seed.wrapping_add(attempt as u64));
        let q = modularity_of(&self.network, &membership);
        (membership, q)
    }

    /// Each person's community (largest first) and the modularity, from the
    /// orders' results in attempt order: the first of the best kept, so that
    /// the result does not depend on which thread ran which.
    pub fn best(attempts: Vec<(Vec<usize>, f64)>) -> (Vec<usize>, f64) {
        let mut best: Option<(Vec<usize>, f64)> = None;
        for (membership, q) in attempts {
            if best.as_ref().is_none_or(|(_, b)| q > *b + 1e-12) {
                best = Some((membership, q));
            }
        }
        let (membership, q) = best.unwrap_or((Vec::new(), 0.0));
        (renumber_by_size(&membership), q)
    }
}

/// The modularity of a partition of `g`'s undirected network.
pub fn modularity(g: &Csr, membership: &[usize]) -> f64 {
    modularity_of(&Undirected::of(g), membership)
}

/// Σ_c [ in_c / 2m − (tot_c / 2m)² ].
fn modularity_of(network: &Undirected, membership: &[usize]) -> f64 {
    let m2: f64 = network.weight.iter().sum();
    if m2 == 0.0 {
        return 0.0;
    }
    let communities = membership.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; communities];
    let mut total = vec![0.0; communities];
    for v in 0..network.len() {
        for (w, weight) in network.row(v) {
            total[membership[v]] += weight;
            if membership[v] == membership[w] {
                inside[membership[v]] += weight;
            }
        }
    }
    (0..communities)
        .map(|c| inside[c] / m2 - (total[c] / m2).powi(2))
        .sum()
}

fn run(network: &Undirected, seed: u64) -> Vec<usize> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut membership: Vec<usize> = (0..network.len()).collect();
    let mut coarse: Option<Undirected> = None;
    loop {
        let level = coarse.as_ref().unwrap_or(network);
        let (moved, local) = move_nodes(level, &mut rng);
        // Renumber the level's communities 0..k and fold the original nodes in.
        let mut renumber = vec![usize::MAX; level.len()];
        let mut k = 0;
        for &c in &local {
            if renumber[c] == usize::MAX {
                renumber[c] = k;
                k += 1;
            }
        }
        for m in membership.iter_mut() {
            *m = renumber[local[*m]];
        }
        if !moved || k == level.len() {
            return membership;
        }
        let community: Vec<usize> = local.iter().map(|&c| renumber[c]).collect();
        coarse = Some(level.coarsened(&community, k));
    }
}

/// One level of local moves; returns whether anything moved, and each node's community.
fn move_nodes(network: &Undirected, rng: &mut rand::rngs::StdRng) -> (bool, Vec<usize>) {
    let n = network.len();
    // Unchecked (see `Slots`): indexed by nodes and communities (a level's
    // communities are named by its nodes), all below n, and `touched` by its
    // count, at most a row's length (below n).
    let degree = Slots((0..n).map(|v| network.degree(v)).collect());
    let m2: f64 = degree.iter().sum();
    let mut community = Slots((0..n).collect());
    let mut total = Slots(degree.to_vec());
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut to_community = Slots(vec![0.0f64; n]);
    // The communities v's neighbours are in, each once (and a spare slot):
    // written at every neighbour and kept by advancing the count or not,
    // since whether a community is new is a coin toss to the processor.
    let mut touched = Slots(vec![0usize; n + 1]);
    let mut moved_any = false;
    if m2 == 0.0 {
        return (false, community.0);
    }
    loop {
        let mut moved = false;
        for &v in &order {
            let current = community[v];
            let mut count = 0;
            for (w, weight) in network.row(v) {
                if w != v {
                    let c = community[w];
                    touched[count] = c;
                    count += (to_community[c] == 0.0) as usize;
                    to_community[c] += weight;
                }
            }
            total[current] -= degree[v];
            let gain = |c: usize, links: f64| links - total[c] * degree[v] / m2;
            let mut best = current;
            let mut best_gain = gain(current, to_community[current]);
            for &c in &touched[..count] {
                let g = gain(c, to_community[c]);
                let better = g > best_gain + 1e-12;
                best = if better { c } else { best };
                best_gain = if better { g } else { best_gain };
            }
            total[best] += degree[v];
            if best != current {
                community[v] = best;
                moved = true;
                moved_any = true;
            }
            for &c in &touched[..count] {
                to_community[c] = 0.0;
            }
            to_community[current] = 0.0;
        }
        if !moved {
            return (moved_any, community.0);
        }
    }
}

fn renumber_by_size(membership: &[usize]) -> Vec<usize> {
    let communities = membership.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; communities];
    for &c in membership {
        size[c] += 1;
    }
    let mut order: Vec<usize> = (0..communities).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), c));
    let mut rank = vec![0; communities];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    membership.iter().map(|&c| rank[c]).collect()
}
