//! Eigenvector-type centralities by power iteration, and the local measures
//! read from each person's neighbourhood.

use crate::graph::Csr;
use crate::slots::Slots;

/// `nx.pagerank(G, alpha, weight="weight", tol, max_iter)`: ties weighted,
/// people who name no one spread their score evenly. Returns `None` when the
/// iteration does not converge.
pub fn pagerank(g: &Csr, alpha: f64, tol: f64, max_iter: usize) -> Option<Vec<f64>> {
    let n = g.n;
    if n == 0 {
        return Some(Vec::new());
    }
    let out_weight: Vec<f64> = (0..n).map(|v| g.succ_w(v).iter().sum()).collect();
    let uniform = 1.0 / n as f64;
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n).filter(|&v| out_weight[v] == 0.0).map(|v| x[v]).sum();
        let base = alpha * dangling * uniform + (1.0 - alpha) * uniform;
        next.iter_mut().for_each(|y| *y = 0.0);
        for v in 0..n {
            if out_weight[v] > 0.0 {
                let share = x[v] / out_weight[v];
                for (&w, &weight) in g.succ(v).iter().zip(g.succ_w(v)) {
                    next[w as usize] += share * weight;
                }
            }
        }
        let mut err = 0.0;
        for v in 0..n {
            let value = alpha * next[v] + base;
            err += (value - x[v]).abs();
            next[v] = value;
        }
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * tol {
            return Some(x);
        }
    }
    None
}

/// `nx.eigenvector_centrality(G, tol, max_iter)`: unweighted, from the ties a
/// person receives (the left eigenvector), iterated on A + I from a uniform
/// start and scaled to unit length. `None` when it does not converge (as
/// NetworkX raises), which happens when no cycle dominates, e.g. in a tree.
pub fn eigenvector(g: &Csr, tol: f64, max_iter: usize) -> Option<Vec<f64>> {
    let n = g.n;
    if n == 0 {
        return Some(Vec::new());
    }
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..max_iter {
        let last = x.clone();
        for (v, &score) in last.iter().enumerate() {
            for &w in g.succ(v) {
                x[w as usize] += score;
            }
        }
        let norm = x.iter().map(|a| a * a).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        x.iter_mut().for_each(|a| *a /= norm);
        let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if err < n as f64 * tol {
            return Some(x);
        }
    }
    None
}

/// `nx.clustering(G)` for a directed graph (Fagiolo 2007): directed triangles
/// through a person over those possible, ties unweighted.
pub fn clustering(g: &Csr) -> Vec<f64> {
    let n = g.n;
    // Bit 1: a predecessor of the current person; bit 2: a successor.
    let mut mark = vec![0u8; n];
    let mut result = vec![0.0; n];
    for (i, clustering) in result.iter_mut().enumerate() {
        let (preds, succs) = (g.pred(i), g.succ(i));
        for &p in preds {
            mark[p as usize] |= 1;
        }
        for &s in succs {
            mark[s as usize] |= 2;
        }
        let count =
            |k: u32| -> u64 { u64::from(mark[k as usize] & 1) + u64::from(mark[k as usize] >> 1) };
        let mut triangles: u64 = 0;
        for &j in preds.iter().chain(succs) {
            let j = j as usize;
            triangles += g.pred(j).iter().map(|&k| count(k)).sum::<u64>();
            triangles += g.succ(j).iter().map(|&k| count(k)).sum::<u64>();
        }
        let total = (preds.len() + succs.len()) as f64;
        let both = preds.iter().filter(|&&p| mark[p as usize] == 3).count() as f64;
        if triangles > 0 {
            *clustering = triangles as f64 / ((total * (total - 1.0) - 2.0 * both) * 2.0);
        }
        for &k in preds.iter().chain(succs) {
            mark[k as usize] = 0;
        }
    }
    result
}

/// Burt's constraint and effective size, `nx.constraint(G)` and
/// `nx.effective_size(G)` (unweighted; a tie in either direction counts, a
/// mutual tie twice). `None` for people with no ties (NetworkX gives NaN).
pub fn structural_holes(g: &Csr) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let n = g.n;
    let neighbours: Vec<Vec<(u32, f64)>> = (0..n).map(|v| g.mutual(v)).collect();
    let total: Vec<f64> = neighbours
        .iter()
        .map(|ns| ns.iter().map(|(_, m)| m).sum())
        .collect();
    let max: Vec<f64> = neighbours
        .iter()
        .map(|ns| ns.iter().map(|(_, m)| *m).fold(0.0, f64::max))
        .collect();
    // Each tie w–v's share of w's ties, m_wv / Σ m_w, and its strength
    // against v's strongest, m_wv / max m_v: divided once here rather than at
    // each of the two-step paths that read them.
    let shares: Vec<Vec<(u32, f64, f64)>> = neighbours
        .iter()
        .enumerate()
        .map(|(w, ns)| {
            ns.iter()
                .map(|&(v, m)| (v, m / total[w], m / max[v as usize]))
                .collect()
        })
        .collect();
    // Unchecked (see `Slots`): indexed by people, below n.
    let mut indirect = Slots(vec![0.0f64; n]);
    let mut redundancy = Slots(vec![0.0f64; n]);
    let mut constraint = vec![None; n];
    let mut effective = vec![None; n];
    for u in 0..n {
        if neighbours[u].is_empty() {
            continue;
        }
        for &(w, p_uw, _) in &shares[u] {
            for &(v, p_wv, strength_wv) in &shares[w as usize] {
                let v = v as usize;
                indirect[v] += p_uw * p_wv;
                redundancy[v] += p_uw * strength_wv;
            }
        }
        let mut c = 0.0;
        let mut e = 0.0;
        for &(v, p_uv, _) in &shares[u] {
            let v = v as usize;
            c += (p_uv + indirect[v]).powi(2);
            e += 1.0 - redundancy[v];
        }
        constraint[u] = Some(c);
        effective[u] = Some(e);
        for &(w, _, _) in &shares[u] {
            for &(v, _, _) in &shares[w as usize] {
                indirect[v as usize] = 0.0;
                redundancy[v as usize] = 0.0;
            }
        }
    }
    (constraint, effective)
}

/// `nx.reciprocity(G, nodes)`: the share of a person's ties that go both ways;
/// `None` for people with no ties.
pub fn reciprocity(g: &Csr) -> Vec<Option<f64>> {
    (0..g.n)
        .map(|v| {
            let total = g.succ(v).len() + g.pred(v).len();
            (total > 0).then(|| 2.0 * g.mutual_count(v) as f64 / total as f64)
        })
        .collect()
}

/// `nx.overall_reciprocity(G)`: the share of ties returned; `None` without ties.
pub fn overall_reciprocity(g: &Csr) -> Option<f64> {
    let m = g.edges();
    let mutual_pairs = (0..g.n).map(|v| g.mutual_count(v)).sum::<usize>() / 2;
    (m > 0).then(|| 2.0 * mutual_pairs as f64 / m as f64)
}

/// `nx.density(G)` for a directed graph: ties over n(n−1).
pub fn density(g: &Csr) -> f64 {
    let n = g.n as f64;
    if g.n <= 1 {
        0.0
    } else {
        g.edges() as f64 / (n * (n - 1.0))
    }
}

/// `nx.number_weakly_connected_components` and the component of each person.
pub fn weak_components(g: &Csr) -> (usize, Vec<usize>) {
    let mut component = vec![usize::MAX; g.n];
    let mut count = 0;
    let mut stack = Vec::new();
    for start in 0..g.n {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        stack.push(start);
        while let Some(v) = stack.pop() {
            for &w in g.succ(v).iter().chain(g.pred(v)) {
                if component[w as usize] == usize::MAX {
                    component[w as usize] = count;
                    stack.push(w as usize);
                }
            }
        }
        count += 1;
    }
    (count, component)
}

/// `nx.number_strongly_connected_components` (Tarjan's algorithm, iterative).
pub fn strong_components(g: &Csr) -> usize {
    let n = g.n;
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut count = 0;
    let mut call: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        call.push((root, 0));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = call.last_mut() {
            let succ = g.succ(v);
            if *edge < succ.len() {
                let w = succ[*edge] as usize;
                *edge += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    count += 1;
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        if w == v {
                            break;
                        }
                    }
                }
            }
        }
    }
    count
}
