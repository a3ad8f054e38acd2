//! Communities by the Louvain method on the undirected network (a tie's
//! weight in both directions summed), and their modularity, as
//! `nx.community.modularity(U, communities, weight="weight")` computes it.

use crate::graph::Csr;
use rand::seq::SliceRandom;
use rand::SeedableRng;

/// Each person's community (largest first) and the partition's modularity.
pub fn louvain(g: &Csr, seed: u64) -> (Vec<usize>, f64) {
    let n = g.n;
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for v in 0..n {
        for (&w, &weight) in g.succ(v).iter().zip(g.succ_w(v)) {
            adjacency[v].push((w as usize, weight));
            adjacency[w as usize].push((v, weight));
        }
    }
    let adjacency: Vec<Vec<(usize, f64)>> = adjacency.into_iter().map(merge).collect();
    // Louvain depends on the order nodes are visited: several orders, the best
    // kept; more of them on small networks, where each is cheap.
    let edges: usize = adjacency.iter().map(Vec::len).sum();
    let orders = (400_000 / (edges + 1)).clamp(2, 64) as u64;
    // The orders are independent: split across threads, then chosen in order,
    // so the result does not depend on the thread count.
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(orders as usize) as u64;
    let attempts: Vec<(Vec<usize>, f64)> = std::thread::scope(|scope| {
        let adjacency = &adjacency;
        let workers: Vec<_> = (0..threads)
            .map(|thread| {
                scope.spawn(move || {
                    (thread..orders)
                        .step_by(threads as usize)
                        .map(|attempt| {
                            let membership = run(adjacency, seed.wrapping_add(attempt));
                            let q = modularity(adjacency, &membership);
                            (attempt, membership, q)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(u64, Vec<usize>, f64)> = workers
            .into_iter()
            .flat_map(|w| w.join().expect("a Louvain worker panicked"))
            .collect();
        all.sort_by_key(|(attempt, _, _)| *attempt);
        all.into_iter().map(|(_, m, q)| (m, q)).collect()
    });
    let mut best: Option<(Vec<usize>, f64)> = None;
    for (membership, q) in attempts {
        if best.as_ref().is_none_or(|(_, b)| q > *b + 1e-12) {
            best = Some((membership, q));
        }
    }
    let (membership, q) = best.unwrap_or((Vec::new(), 0.0));
    (renumber_by_size(&membership), q)
}

fn merge(mut list: Vec<(usize, f64)>) -> Vec<(usize, f64)> {
    list.sort_by_key(|(w, _)| *w);
    let mut out: Vec<(usize, f64)> = Vec::with_capacity(list.len());
    for (w, weight) in list {
        match out.last_mut() {
            Some((last, sum)) if *last == w => *sum += weight,
            _ => out.push((w, weight)),
        }
    }
    out
}

/// Σ_c [ in_c / 2m − (tot_c / 2m)² ], with `adjacency` symmetric.
pub fn modularity(adjacency: &[Vec<(usize, f64)>], membership: &[usize]) -> f64 {
    let m2: f64 = adjacency.iter().flatten().map(|(_, w)| w).sum();
    if m2 == 0.0 {
        return 0.0;
    }
    let communities = membership.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; communities];
    let mut total = vec![0.0; communities];
    for (v, list) in adjacency.iter().enumerate() {
        for &(w, weight) in list {
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

fn run(adjacency: &[Vec<(usize, f64)>], seed: u64) -> Vec<usize> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut membership: Vec<usize> = (0..adjacency.len()).collect();
    let mut level: Vec<Vec<(usize, f64)>> = adjacency.to_vec();
    loop {
        let (moved, local) = move_nodes(&level, &mut rng);
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
        let mut next: Vec<Vec<(usize, f64)>> = vec![Vec::new(); k];
        for (v, list) in level.iter().enumerate() {
            let cv = renumber[local[v]];
            for &(w, weight) in list {
                next[cv].push((renumber[local[w]], weight));
            }
        }
        level = next.into_iter().map(merge).collect();
    }
}

/// One level of local moves; returns whether anything moved, and each node's community.
fn move_nodes(adjacency: &[Vec<(usize, f64)>], rng: &mut rand::rngs::StdRng) -> (bool, Vec<usize>) {
    let n = adjacency.len();
    let degree: Vec<f64> = adjacency
        .iter()
        .map(|l| l.iter().map(|(_, w)| w).sum())
        .collect();
    let m2: f64 = degree.iter().sum();
    let mut community: Vec<usize> = (0..n).collect();
    let mut total = degree.clone();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut to_community = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    if m2 == 0.0 {
        return (false, community);
    }
    loop {
        let mut moved = false;
        for &v in &order {
            let current = community[v];
            for &(w, weight) in &adjacency[v] {
                if w != v {
                    let c = community[w];
                    if to_community[c] == 0.0 {
                        touched.push(c);
                    }
                    to_community[c] += weight;
                }
            }
            total[current] -= degree[v];
            let gain = |c: usize, links: f64| links - total[c] * degree[v] / m2;
            let mut best = current;
            let mut best_gain = gain(current, to_community[current]);
            for &c in &touched {
                let g = gain(c, to_community[c]);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            total[best] += degree[v];
            if best != current {
                community[v] = best;
                moved = true;
                moved_any = true;
            }
            for &c in &touched {
                to_community[c] = 0.0;
            }
            to_community[current] = 0.0;
            touched.clear();
        }
        if !moved {
            return (moved_any, community);
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
