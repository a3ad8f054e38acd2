//! Groups from a roster attribute: the group × group density matrix and the
//! E-I index (Krackhardt and Stern 1988).

use crate::graph::Csr;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupMatrix {
    pub attribute: String,
    pub groups: Vec<String>,
    pub sizes: Vec<usize>,
    /// `ties[a][b]`: ties from members of group a to members of group b.
    pub ties: Vec<Vec<usize>>,
    /// `density[a][b]`: ties[a][b] over the possible ones, |a|·|b|, or
    /// |a|·(|a|−1) within a group. `None` when none are possible.
    pub density: Vec<Vec<Option<f64>>>,
    /// Per group: (external − internal) / (external + internal) ties of its
    /// members, counting each tie with one end in the group as external and
    /// each with both ends in it as internal. −1: closed; +1: all outward.
    pub ei_index: Vec<Option<f64>>,
}

/// The groups of a node attribute, sorted, and each node's group index
/// (nodes without the attribute form the group "(none)").
pub fn by_attribute(graph: &crate::Graph, attribute: &str) -> (Vec<String>, Vec<usize>) {
    let labels: Vec<String> = graph
        .node_weights()
        .map(|node| {
            node.attributes
                .get(attribute)
                .cloned()
                .unwrap_or_else(|| "(none)".into())
        })
        .collect();
    let mut groups = labels.clone();
    groups.sort();
    groups.dedup();
    let group_of = labels
        .iter()
        .map(|l| groups.binary_search(l).unwrap_or_default())
        .collect();
    (groups, group_of)
}

/// The group matrix of any node attribute.
pub fn matrix_by_attribute(graph: &crate::Graph, attribute: &str) -> GroupMatrix {
    let (groups, group_of) = by_attribute(graph, attribute);
    group_matrix(&Csr::new(graph), attribute, groups, &group_of)
}

/// `group_of[v]`: the index into `groups` of each person (people without the
/// attribute form the group "(none)").
pub fn group_matrix(
    g: &Csr,
    attribute: &str,
    groups: Vec<String>,
    group_of: &[usize],
) -> GroupMatrix {
    let k = groups.len();
    let mut sizes = vec![0usize; k];
    for &c in group_of {
        sizes[c] += 1;
    }
    let mut ties = vec![vec![0usize; k]; k];
    for v in 0..g.n {
        for &w in g.succ(v) {
            ties[group_of[v]][group_of[w as usize]] += 1;
        }
    }
    let density = (0..k)
        .map(|a| {
            (0..k)
                .map(|b| {
                    let possible = if a == b {
                        sizes[a] * sizes[a].saturating_sub(1)
                    } else {
                        sizes[a] * sizes[b]
                    };
                    (possible > 0).then(|| ties[a][b] as f64 / possible as f64)
                })
                .collect()
        })
        .collect();
    let ei_index = (0..k)
        .map(|a| {
            let internal = ties[a][a] as f64;
            let external: usize = (0..k)
                .filter(|&b| b != a)
                .map(|b| ties[a][b] + ties[b][a])
                .sum();
            ei(external as f64, internal)
        })
        .collect();
    GroupMatrix {
        attribute: attribute.to_string(),
        groups,
        sizes,
        ties,
        density,
        ei_index,
    }
}

impl GroupMatrix {
    /// The matrix of the groups where `keep[a]` holds, as if the others were
    /// not in the network (for figures a privacy rule lets through).
    pub fn only(&self, keep: &[bool]) -> GroupMatrix {
        let kept: Vec<usize> = (0..self.groups.len()).filter(|&a| keep[a]).collect();
        let pick = |row: &Vec<Option<f64>>| kept.iter().map(|&b| row[b]).collect::<Vec<_>>();
        GroupMatrix {
            attribute: self.attribute.clone(),
            groups: kept.iter().map(|&a| self.groups[a].clone()).collect(),
            sizes: kept.iter().map(|&a| self.sizes[a]).collect(),
            ties: kept
                .iter()
                .map(|&a| kept.iter().map(|&b| self.ties[a][b]).collect())
                .collect(),
            density: kept.iter().map(|&a| pick(&self.density[a])).collect(),
            ei_index: kept.iter().map(|&a| self.ei_index[a]).collect(),
        }
    }
}

/// Per person: (E − I) / (E + I) over the distinct people they are tied to in
/// either direction, E outside their group and I inside it.
pub fn person_ei(g: &Csr, group_of: &[usize]) -> Vec<Option<f64>> {
    (0..g.n)
        .map(|v| {
            let alters = g.mutual(v);
            let internal = alters
                .iter()
                .filter(|(w, _)| group_of[*w as usize] == group_of[v])
                .count() as f64;
            ei(alters.len() as f64 - internal, internal)
        })
        .collect()
}

fn ei(external: f64, internal: f64) -> Option<f64> {
    (external + internal > 0.0).then(|| (external - internal) / (external + internal))
}
