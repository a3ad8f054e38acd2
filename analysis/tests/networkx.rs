//! Every metric against NetworkX (from PyPI) on thousands of random directed
//! graphs: empty, with isolated people, disconnected, with self-loops (which
//! Knit ignores), sparse and dense.

use analysis::{analyze, GraphBuilder, Options};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const GRAPHS: usize = 2500;

fn python() -> PathBuf {
    match std::env::var_os("KNIT_TEST_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/pytools/bin/python"),
    }
}

/// (n, edges) with distinct (u, v) pairs; some self-loops.
/// People, and ties as (from, to, weight).
type Network = (usize, Vec<(usize, usize, f64)>);

fn random_graph(rng: &mut StdRng, i: usize) -> Network {
    let n = match i {
        0 => 0,
        1 => 1,
        2 => 2,
        _ if i.is_multiple_of(10) => rng.gen_range(30..70),
        _ => rng.gen_range(0..25),
    };
    let density: f64 = [0.02, 0.05, 0.1, 0.2, 0.4, 0.8][rng.gen_range(0..6)];
    // Some graphs leave a block of people out of all ties (isolated, or a
    // separate component).
    let split = if rng.gen_bool(0.3) {
        rng.gen_range(0..=n)
    } else {
        n
    };
    let mut edges = Vec::new();
    for u in 0..n {
        for v in 0..n {
            let same_side = (u < split) == (v < split);
            let allowed = if u == v {
                rng.gen_bool(0.05)
            } else {
                same_side && rng.gen::<f64>() < density
            };
            if allowed {
                edges.push((u, v, f64::from(rng.gen_range(1..=5u8))));
            }
        }
    }
    (n, edges)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn check_list(graph: usize, name: &str, ours: &[Option<f64>], theirs: &Value) {
    let theirs = theirs
        .as_array()
        .unwrap_or_else(|| panic!("graph {graph}: {name} missing"));
    assert_eq!(ours.len(), theirs.len(), "graph {graph}: {name} length");
    for (v, (a, b)) in ours.iter().zip(theirs).enumerate() {
        if b.as_str() == Some("skip") {
            continue;
        }
        match (a, b.as_f64()) {
            (Some(a), Some(b)) => assert!(
                close(*a, b),
                "graph {graph}, node {v}: {name} {a} vs NetworkX {b}"
            ),
            (None, None) => {}
            (a, _) => panic!("graph {graph}, node {v}: {name} {a:?} vs NetworkX {b}"),
        }
    }
}

#[test]
fn every_metric_matches_networkx_on_random_graphs() {
    let mut rng = StdRng::seed_from_u64(20261125);
    let graphs: Vec<Network> = (0..GRAPHS).map(|i| random_graph(&mut rng, i)).collect();
    let mut child = Command::new(python())
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/networkx_reference.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}); `make test` installs NetworkX into target/pytools",
                python().display()
            )
        });
    // Written from another thread: NetworkX answers while it reads.
    let mut stdin = child.stdin.take().expect("stdin");
    let input: Vec<String> = graphs
        .iter()
        .map(|(n, edges)| serde_json::json!({"n": n, "edges": edges}).to_string())
        .collect();
    let writer = std::thread::spawn(move || {
        for line in input {
            writeln!(stdin, "{line}").expect("write");
        }
    });
    let output = child.wait_with_output().expect("NetworkX ran");
    writer.join().expect("writer");
    assert!(output.status.success(), "the NetworkX reference failed");
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), GRAPHS);

    let mut louvain_compared = 0;
    let mut eigenvector_converged = 0;
    for (i, ((n, edges), reference)) in graphs.iter().zip(&lines).enumerate() {
        let mut builder = GraphBuilder::new();
        for v in 0..*n {
            builder.node(&v.to_string(), Default::default());
        }
        for (u, v, w) in edges {
            builder.edge(&u.to_string(), &v.to_string(), *w);
        }
        let graph = builder.build();
        let report = analyze(&graph, &Options::default(), &Default::default());
        let nodes = &report.nodes;
        let list = |f: &dyn Fn(&analysis::NodeMetrics) -> Option<f64>| -> Vec<Option<f64>> {
            nodes.iter().map(f).collect()
        };
        check_list(
            i,
            "in_degree",
            &list(&|m| Some(m.in_degree as f64)),
            &reference["in_degree"],
        );
        check_list(
            i,
            "out_degree",
            &list(&|m| Some(m.out_degree as f64)),
            &reference["out_degree"],
        );
        check_list(
            i,
            "in_weight",
            &list(&|m| Some(m.in_weight)),
            &reference["in_weight"],
        );
        check_list(
            i,
            "out_weight",
            &list(&|m| Some(m.out_weight)),
            &reference["out_weight"],
        );
        check_list(
            i,
            "betweenness",
            &list(&|m| Some(m.betweenness)),
            &reference["betweenness"],
        );
        check_list(
            i,
            "harmonic_closeness",
            &list(&|m| Some(m.harmonic_closeness)),
            &reference["harmonic_closeness"],
        );
        check_list(
            i,
            "constraint",
            &list(&|m| m.constraint),
            &reference["constraint"],
        );
        check_list(
            i,
            "effective_size",
            &list(&|m| m.effective_size),
            &reference["effective_size"],
        );
        check_list(
            i,
            "clustering",
            &list(&|m| Some(m.clustering)),
            &reference["clustering"],
        );
        check_list(
            i,
            "reciprocity",
            &list(&|m| m.reciprocity),
            &reference["reciprocity"],
        );
        if reference["pagerank"].is_array() {
            check_list(
                i,
                "pagerank",
                &list(&|m| m.pagerank),
                &reference["pagerank"],
            );
        }
        if *n > 0 {
            if reference["eigenvector"].is_array() {
                eigenvector_converged += 1;
                check_list(
                    i,
                    "eigenvector",
                    &list(&|m| m.eigenvector),
                    &reference["eigenvector"],
                );
            } else {
                assert!(
                    !report.network.eigenvector_converged,
                    "graph {i}: NetworkX did not converge, Knit claims it did"
                );
            }
        }
        let net = &report.network;
        assert!(
            close(net.density, reference["density"].as_f64().expect("density")),
            "graph {i}: density"
        );
        assert_eq!(
            net.reciprocity.is_some(),
            reference["overall_reciprocity"].is_f64(),
            "graph {i}: reciprocity defined"
        );
        if let (Some(a), Some(b)) = (net.reciprocity, reference["overall_reciprocity"].as_f64()) {
            assert!(close(a, b), "graph {i}: overall reciprocity {a} vs {b}");
        }
        assert_eq!(
            Some(net.weak_components as u64),
            reference["weak_components"].as_u64(),
            "graph {i}: weak components"
        );
        assert_eq!(
            Some(net.strong_components as u64),
            reference["strong_components"].as_u64(),
            "graph {i}: strong components"
        );
        if let Some(nx_q) = reference["louvain_modularity"].as_f64() {
            louvain_compared += 1;
            assert!(
                net.modularity >= nx_q - 0.01 * nx_q.abs() - 1e-9,
                "graph {i}: Louvain modularity {} vs NetworkX {nx_q}",
                net.modularity
            );
            // The modularity formula itself, on a fixed partition.
            let thirds: Vec<usize> = (0..*n).map(|v| v % 3).collect();
            let q = analysis::community::modularity(&analysis::Csr::new(&graph), &thirds);
            let expected = reference["thirds_modularity"].as_f64().expect("thirds");
            assert!(
                close(q, expected),
                "graph {i}: modularity of a fixed partition {q} vs {expected}"
            );
        }
    }
    // The comparison must have exercised the interesting cases.
    assert!(louvain_compared > GRAPHS / 2, "{louvain_compared}");
    assert!(
        eigenvector_converged > GRAPHS / 10,
        "{eigenvector_converged}"
    );
}
