//! The input: a directed, weighted petgraph graph of people, and the compact
//! adjacency arrays the algorithms walk.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap};

/// A person (or any node) with the attributes groups are read from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    pub id: String,
    pub attributes: BTreeMap<String, String>,
}

/// One wave and one relation: who named whom, with the tie's weight.
pub type Graph = DiGraph<Node, f64>;

/// Builds a [`Graph`] from nodes and edges given by id. Edges to unknown ids add
/// those nodes; self-loops are ignored; a repeated edge keeps the larger weight.
#[derive(Default)]
pub struct GraphBuilder {
    graph: Graph,
    index: HashMap<String, NodeIndex, foldhash::fast::RandomState>,
    /// As given, repeats included: sorted and merged once, when built.
    edges: Vec<(NodeIndex, NodeIndex, f64)>,
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    pub fn node(&mut self, id: &str, attributes: BTreeMap<String, String>) -> NodeIndex {
        let i = self.person(id);
        self.graph[i].attributes.extend(attributes);
        i
    }

    /// The person with this id, added if new.
    fn person(&mut self, id: &str) -> NodeIndex {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.graph.add_node(Node {
            id: id.to_string(),
            attributes: BTreeMap::new(),
        });
        self.index.insert(id.to_string(), i);
        i
    }

    pub fn edge(&mut self, from: &str, to: &str, weight: f64) {
        let a = self.person(from);
        let b = self.person(to);
        if a != b {
            self.edges.push((a, b, weight));
        }
    }

    pub fn build(mut self) -> Graph {
        let mut edges = self.edges;
        // Both ends in one integer (node indexes are 32-bit): one comparison each.
        edges.sort_unstable_by_key(|&(a, b, _)| (a.index() as u64) << 32 | b.index() as u64);
        self.graph.reserve_edges(edges.len());
        edges.dedup_by(|later, first| {
            let same = (later.0, later.1) == (first.0, first.1);
            if same {
                first.2 = first.2.max(later.2);
            }
            same
        });
        for (a, b, w) in edges {
            self.graph.add_edge(a, b, w);
        }
        self.graph
    }
}

/// Adjacency in compressed rows, both directions, sorted; self-loops and
/// repeated edges removed.
pub struct Csr {
    pub n: usize,
    pub out_start: Vec<usize>,
    pub out: Vec<u32>,
    pub out_w: Vec<f64>,
    pub in_start: Vec<usize>,
    pub inc: Vec<u32>,
    pub in_w: Vec<f64>,
}

impl Csr {
    pub fn new(graph: &Graph) -> Csr {
        let n = graph.node_count();
        let mut edges: Vec<(u32, u32, f64)> = graph
            .edge_references()
            .filter(|e| e.source() != e.target())
            .map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    *e.weight(),
                )
            })
            .collect();
        edges.sort_by_key(|&(a, b, _)| (a, b));
        edges.dedup_by(|later, first| {
            let same = later.0 == first.0 && later.1 == first.1;
            if same {
                first.2 = first.2.max(later.2);
            }
            same
        });
        let (out_start, out, out_w) = rows(n, &edges, |&(a, b, _)| (a, b));
        // Placed row by row in the edges' (source) order: sorted without a second sort.
        let (in_start, inc, in_w) = rows(n, &edges, |&(a, b, _)| (b, a));
        Csr {
            n,
            out_start,
            out,
            out_w,
            in_start,
            inc,
            in_w,
        }
    }

    pub fn edges(&self) -> usize {
        self.out.len()
    }

    pub fn succ(&self, v: usize) -> &[u32] {
        &self.out[self.out_start[v]..self.out_start[v + 1]]
    }

    pub fn succ_w(&self, v: usize) -> &[f64] {
        &self.out_w[self.out_start[v]..self.out_start[v + 1]]
    }

    pub fn pred(&self, v: usize) -> &[u32] {
        &self.inc[self.in_start[v]..self.in_start[v + 1]]
    }

    pub fn pred_w(&self, v: usize) -> &[f64] {
        &self.in_w[self.in_start[v]..self.in_start[v + 1]]
    }

    /// How many of the people `v` names name `v` back (found without a list).
    pub fn mutual_count(&self, v: usize) -> usize {
        let (s, p) = (self.succ(v), self.pred(v));
        let (mut i, mut j, mut both) = (0, 0, 0);
        while i < s.len() && j < p.len() {
            match s[i].cmp(&p[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    both += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        both
    }

    /// Neighbours in either direction with the mutual tie count (1 or 2):
    /// sorted, each once.
    pub fn mutual(&self, v: usize) -> Vec<(u32, f64)> {
        let (s, p) = (self.succ(v), self.pred(v));
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::with_capacity(s.len() + p.len());
        while i < s.len() || j < p.len() {
            if j == p.len() || (i < s.len() && s[i] < p[j]) {
                out.push((s[i], 1.0));
                i += 1;
            } else if i == s.len() || p[j] < s[i] {
                out.push((p[j], 1.0));
                j += 1;
            } else {
                out.push((s[i], 2.0));
                i += 1;
                j += 1;
            }
        }
        out
    }
}

/// Each edge placed in the row `row_and_column` gives it, rows in the
/// edges' order.
fn rows(
    n: usize,
    edges: &[(u32, u32, f64)],
    row_and_column: impl Fn(&(u32, u32, f64)) -> (u32, u32),
) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
    let mut start = vec![0usize; n + 1];
    for edge in edges {
        start[row_and_column(edge).0 as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let (mut columns, mut weights) = (vec![0u32; edges.len()], vec![0.0; edges.len()]);
    for edge in edges {
        let (row, column) = row_and_column(edge);
        let at = &mut next[row as usize];
        (columns[*at], weights[*at]) = (column, edge.2);
        *at += 1;
    }
    (start, columns, weights)
}
