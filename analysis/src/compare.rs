//! Two waves compared, person by person: ties gained and lost, metric changes
//! and role changes.

use crate::{Graph, Report, Role};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonChange {
    pub id: String,
    /// People they named or were named by in the later wave only / earlier only.
    pub ties_gained: Vec<String>,
    pub ties_lost: Vec<String>,
    pub in_degree: (usize, usize),
    pub out_degree: (usize, usize),
    pub betweenness: (f64, f64),
    pub pagerank: (Option<f64>, Option<f64>),
    pub roles_gained: Vec<Role>,
    pub roles_lost: Vec<Role>,
}

fn ties(graph: &Graph) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in graph.edge_references() {
        let (a, b) = (&graph[e.source()].id, &graph[e.target()].id);
        if a != b {
            out.entry(a.clone()).or_default().insert(b.clone());
            out.entry(b.clone()).or_default().insert(a.clone());
        }
    }
    out
}

/// Everyone in both waves, in id order.
pub fn compare(
    before_graph: &Graph,
    before: &Report,
    after_graph: &Graph,
    after: &Report,
) -> Vec<PersonChange> {
    let (old_ties, new_ties) = (ties(before_graph), ties(after_graph));
    let old: BTreeMap<&str, &crate::NodeMetrics> =
        before.nodes.iter().map(|m| (m.id.as_str(), m)).collect();
    let empty = BTreeSet::new();
    let mut out: Vec<PersonChange> = after
        .nodes
        .iter()
        .filter_map(|new| {
            let was = old.get(new.id.as_str())?;
            let (o, n) = (
                old_ties.get(&new.id).unwrap_or(&empty),
                new_ties.get(&new.id).unwrap_or(&empty),
            );
            let (old_roles, new_roles): (BTreeSet<Role>, BTreeSet<Role>) = (
                was.roles.iter().copied().collect(),
                new.roles.iter().copied().collect(),
            );
            Some(PersonChange {
                id: new.id.clone(),
                ties_gained: n.difference(o).cloned().collect(),
                ties_lost: o.difference(n).cloned().collect(),
                in_degree: (was.in_degree, new.in_degree),
                out_degree: (was.out_degree, new.out_degree),
                betweenness: (was.betweenness, new.betweenness),
                pagerank: (was.pagerank, new.pagerank),
                roles_gained: new_roles.difference(&old_roles).copied().collect(),
                roles_lost: old_roles.difference(&new_roles).copied().collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
