//! Shortest-path metrics from one breadth-first search per source: betweenness
//! (Brandes) and harmonic closeness, exact or from a random sample of sources.
//! Sources are split across threads; each keeps its own sums.

use crate::graph::Csr;
use rand::seq::SliceRandom;
use rand::SeedableRng;

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

/// Exact when `sources` is `None` or not smaller than the node count.
pub fn path_metrics(g: &Csr, sources: Option<usize>, seed: u64) -> PathMetrics {
    let n = g.n;
    let mut all: Vec<u32> = (0..n as u32).collect();
    let sample = match sources {
        Some(k) if k < n && k > 0 => {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            all.shuffle(&mut rng);
            all.truncate(k);
            let confidence: f64 = 0.95;
            let range = n as f64 / (n as f64 - 1.0);
            Some(Sample {
                sources: k,
                seed,
                betweenness_error: range
                    * ((2.0 / (1.0 - confidence)).ln() / (2.0 * k as f64)).sqrt(),
                confidence,
            })
        }
        _ => None,
    };
    let threads = std::thread::available_parallelism()
        .map(|t| t.get())
        .unwrap_or(1)
        .min(all.len().max(1));
    let chunk = all.len().div_ceil(threads.max(1)).max(1);
    let partial: Vec<(Vec<f64>, Vec<f64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .map(|part| scope.spawn(move || from_sources(g, part)))
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
            betweenness[v] += b[v];
            harmonic[v] += h[v];
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

fn from_sources(g: &Csr, sources: &[u32]) -> (Vec<f64>, Vec<f64>) {
    let n = g.n;
    let mut betweenness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    let mut dist = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for &s in sources {
        let s = s as usize;
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            let dv = dist[v];
            for &w in g.succ(v) {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dv + 1;
                    order.push(w as u32);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        // Dependencies in reverse BFS order, along the same out-edges: when v is
        // reached, every w one step further is final, and `delta[w]` holds
        // (1 + δ(w)) / σ(w), so δ(v) = σ(v) · Σ of those.
        for &v in order.iter().rev() {
            let v = v as usize;
            let next = dist[v] + 1;
            let mut sum = 0.0;
            for &w in g.succ(v) {
                if dist[w as usize] == next {
                    sum += delta[w as usize];
                }
            }
            let dependency = sigma[v] * sum;
            if v != s {
                betweenness[v] += dependency;
                harmonic[v] += 1.0 / dist[v] as f64;
            }
            delta[v] = (1.0 + dependency) / sigma[v];
        }
        for &v in &order {
            let v = v as usize;
            dist[v] = u32::MAX;
            sigma[v] = 0.0;
            delta[v] = 0.0;
        }
    }
    (betweenness, harmonic)
}
