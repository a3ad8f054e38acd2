//! Knit's full metric set beside NetworkX, python-igraph and NetworKit (all
//! from PyPI) on the same networks, in one run. `make bench-analysis`.
//!
//! Two kinds of network at each size: a generated organization (teams,
//! departments, homophily, experts) and a uniform random one (every tie
//! between two people drawn at random), both with 15 ties a person.
//!
//! Three tables. The first times the metrics alone, in process, on the
//! organizations. The second, when `KNIT_BIN` names a `knit` binary, times
//! `knit analyze` as a user runs it, the whole process (start, reading the
//! CSV, the metrics, writing the CSV), against the same metrics computed by
//! igraph and NetworKit in one Python process, their reading of the file not
//! counted: the median of `KNIT_BENCH_RUNS` (default 3) runs each, taken in
//! rounds of one run of each so that a drift in the machine's speed weighs
//! on all alike. Above
//! 20,000 people Knit samples 1,000 sources for betweenness and closeness,
//! and the others are given the same sampling. The third says how fast the
//! shortest-path searches go against what this machine's memory allows.
//!
//! NetworkX's exact betweenness and closeness take hours at 10,000 people; at
//! that size they run from 100 evenly spaced sources and are scaled by n/100
//! (their work is linear in the sources), marked "≈". At 100,000 people
//! NetworkX is not run.

use analysis::synthetic::{generate, Spec};
use analysis::{analyze_with_progress, Graph, GraphBuilder, Options, Progress};
use rand::{Rng, SeedableRng};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TIES_PER_PERSON: usize = 15;

fn python() -> PathBuf {
    match std::env::var_os("KNIT_TEST_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/pytools/bin/python"),
    }
}

fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn reference_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/reference_times.py")
}

/// A library's time for the metric set on `file` (its reading not counted),
/// and whether some of it was extrapolated; `None` if it could not run.
fn reference(library: &str, file: &Path, sampling: &[String]) -> Option<(f64, bool)> {
    let output = Command::new(python())
        .arg(reference_script())
        .arg(file)
        .arg(library)
        .args(sampling)
        .output()
        .ok()?;
    if !output.status.success() {
        eprintln!(
            "{library} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let extrapolated = json["extrapolated"]
        .as_array()
        .is_some_and(|a| !a.is_empty());
    Some((json["total"].as_f64()?, extrapolated))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Organization,
    Uniform,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Uniform => "uniform",
        }
    }

    fn graph(self, n: usize) -> Graph {
        match self {
            Kind::Organization => {
                let mut spec = Spec::company(n, 7);
                spec.ties_per_person = TIES_PER_PERSON as f64;
                spec.waves = 1;
                spec.response_rate = 1.0;
                spec.newcomer_share = 0.0;
                generate(&spec).graph(0)
            }
            Kind::Uniform => uniform(n, 7),
        }
    }
}

/// `n` people and 15·n distinct ties, each between two people drawn at
/// random (a directed Erdős–Rényi G(n, m)), weighted 1 to 5.
fn uniform(n: usize, seed: u64) -> Graph {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut builder = GraphBuilder::new();
    let ids: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    for id in &ids {
        builder.node(id, Default::default());
    }
    let mut ties = std::collections::HashSet::new();
    while ties.len() < TIES_PER_PERSON * n {
        let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
        if a != b && ties.insert((a, b)) {
            builder.edge(&ids[a], &ids[b], f64::from(rng.gen_range(1..=5u8)));
        }
    }
    builder.build()
}

/// The network as `knit analyze` and the references read it: node i's id is i.
fn write_edges(graph: &Graph, file: &Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(file).expect("file"));
    writeln!(f, "source,target,weight").expect("write");
    for e in graph.raw_edges() {
        writeln!(
            f,
            "{},{},{}",
            e.source().index(),
            e.target().index(),
            e.weight
        )
        .expect("write");
    }
}

/// Knit's analysis in process: the whole time, the shortest-path searches'
/// time (timed again alone), and the report.
fn knit_in_process(graph: &Graph, n: usize) -> (f64, f64, analysis::Report) {
    let options = Options {
        sample_sources: analysis::default_sample_sources(n),
        group_attribute: Some("department".into()),
        ..Options::default()
    };
    let started = Instant::now();
    let progress = Progress::default();
    // Each step's end, as a watcher sees it (within a millisecond).
    let (report, marks) = std::thread::scope(|scope| {
        let analysing =
            scope.spawn(|| analyze_with_progress(graph, &options, &Default::default(), &progress));
        let mut marks = Vec::new();
        while !analysing.is_finished() {
            let steps = progress.steps.load(std::sync::atomic::Ordering::Relaxed);
            while marks.len() < steps {
                marks.push(started.elapsed().as_secs_f64());
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let report = analysing.join().expect("the analysis");
        marks.resize(analysis::STEPS, started.elapsed().as_secs_f64());
        (report, marks)
    });
    let knit = started.elapsed().as_secs_f64();
    let steps: Vec<String> = marks
        .windows(2)
        .map(|w| format!("{:.3}", w[1] - w[0]))
        .collect();
    // The searches share the cores with the other metrics in an analysis:
    // timed alone, for their speed.
    let csr = analysis::Csr::new(graph);
    let searching = Instant::now();
    analysis::paths::path_metrics(
        &csr,
        options.sample_sources,
        options.seed,
        &Progress::default(),
    );
    let paths = searching.elapsed().as_secs_f64();
    eprintln!(
        "  Knit steps (all metrics {:.3}, then {}) s; the searches alone {paths:.3} s",
        marks.first().copied().unwrap_or_default(),
        steps.join(", ")
    );
    (knit, paths, report)
}

/// How fast one core reads memory in order (GB/s), over a buffer far larger
/// than the caches: the most a search that streams its ties could reach.
fn streaming_read_gb_per_s() -> f64 {
    let words: Vec<u64> = (0..(64u64 << 20)).collect();
    let mut best = f64::INFINITY;
    let mut sum = 0u64;
    for _ in 0..3 {
        let started = Instant::now();
        sum = sum.wrapping_add(words.iter().fold(0u64, |a, &w| a.wrapping_add(w)));
        best = best.min(started.elapsed().as_secs_f64());
    }
    std::hint::black_box(sum);
    (words.len() * 8) as f64 / best / 1e9
}

/// The first core's caches as Linux describes them ("L1 48K, L2 2048K, ...").
fn caches() -> String {
    let read = |index: usize, what: &str| {
        std::fs::read_to_string(format!(
            "/sys/devices/system/cpu/cpu0/cache/index{index}/{what}"
        ))
        .ok()
        .map(|s| s.trim().to_string())
    };
    let caches: Vec<String> = (0..8)
        .filter_map(|i| {
            let kind = read(i, "type")?;
            let level = read(i, "level")?;
            let size = read(i, "size")?;
            (kind != "Instruction").then(|| format!("L{level} {size}"))
        })
        .collect();
    if caches.is_empty() {
        "unknown".to_string()
    } else {
        caches.join(", ")
    }
}

struct PathSpeed {
    people: usize,
    kind: Kind,
    ties_per_second_per_core: f64,
}

fn main() {
    let sizes: Vec<usize> = std::env::var("KNIT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!("Full metric set (degrees, betweenness, harmonic closeness, PageRank, eigenvector, constraint, effective size, clustering, reciprocity, components, Louvain), in process, on generated organizations");
    println!(
        "{:>8} {:>9} {:>10} | {:>10} {:>12} {:>10} | {:>9} {:>9}",
        "people", "ties", "Knit s", "NetworkX s", "igraph s", "Knit mode", "×NetworkX", "×igraph"
    );
    let mut whole_processes = Vec::new();
    let mut speeds = Vec::new();
    for n in sizes {
        for kind in [Kind::Organization, Kind::Uniform] {
            let graph = kind.graph(n);
            let sampled = analysis::default_sample_sources(n);
            let (knit, paths, report) = knit_in_process(&graph, n);
            let searches = sampled.unwrap_or(n) as f64;
            speeds.push(PathSpeed {
                people: n,
                kind,
                ties_per_second_per_core: searches * report.network.edges as f64
                    / paths
                    / cores as f64,
            });
            let file = std::env::temp_dir().join(format!("knit-bench-{}-{n}.csv", kind.name()));
            write_edges(&graph, &file);
            if kind == Kind::Organization {
                in_process_row(n, knit, &report, &file, sampled.is_some());
            }
            if let Some(knit) = std::env::var_os("KNIT_BIN") {
                whole_processes.push(whole_process(
                    &PathBuf::from(knit),
                    &file,
                    kind,
                    &report.network,
                    sampled,
                ));
            }
            std::fs::remove_file(&file).ok();
        }
    }
    if !whole_processes.is_empty() {
        println!();
        println!("Whole processes, median of {} runs: `knit analyze EDGES --weight weight --format csv -o OUT` (start, reading, metrics, writing) beside the same metrics in one Python process of igraph, and of NetworKit on {cores} threads (their reading of EDGES not counted; NetworKit lacks structural holes and reciprocity, so does less)", runs());
        println!(
            "{:>8} {:>9} {:>13} {:>9} {:>9} {:>11} | {:>8} {:>11} {:>7}",
            "people",
            "ties",
            "network",
            "knit s",
            "igraph s",
            "NetworKit s",
            "×igraph",
            "×NetworKit",
            "target"
        );
        for line in whole_processes {
            println!("{line}");
        }
    }
    let bandwidth = streaming_read_gb_per_s();
    println!();
    println!(
        "Shortest-path searches (betweenness and closeness: per source, a breadth-first search and a dependency pass): the network's ties covered per second per core (sources × ties ÷ time ÷ cores; steps taken from the unreached side read fewer ties than that).\nThis machine's streaming read on one core: {bandwidth:.1} GB/s. A search that read every tie from memory, 16 bytes each (its 4-byte target in order, the 4-byte distance and the 8-byte path count of the person it leads to, half of them again for the dependencies), would reach {:.2} G ties/s per core at most; the searches work inside the caches instead (a search's state is about 24 bytes a person, 2.4 MB at 100,000; this machine's caches: {}), bound by their latency.",
        bandwidth / 16.0,
        caches()
    );
    println!(
        "{:>8} {:>13} {:>14} {:>10}",
        "people", "network", "G ties/s/core", "of memory"
    );
    for s in speeds {
        println!(
            "{:>8} {:>13} {:>14.3} {:>9.0}%",
            s.people,
            s.kind.name(),
            s.ties_per_second_per_core / 1e9,
            100.0 * s.ties_per_second_per_core * 16.0 / (bandwidth * 1e9)
        );
    }
}

/// A row of the in-process table: Knit beside NetworkX and igraph.
fn in_process_row(n: usize, knit: f64, report: &analysis::Report, file: &Path, sampled: bool) {
    let (nx, ig) = if sampled || std::env::var_os("KNIT_BENCH_KNIT_ONLY").is_some() {
        (None, None)
    } else {
        let nx_sources = if n > 2_000 {
            vec!["--nx-sources".to_string(), "100".to_string()]
        } else {
            Vec::new()
        };
        (
            reference("networkx", file, &nx_sources),
            reference("igraph", file, &[]),
        )
    };
    let show = |r: Option<(f64, bool)>| match r {
        Some((t, true)) => format!("≈{t:.2}"),
        Some((t, false)) => format!("{t:.2}"),
        None => "—".into(),
    };
    let ratio = |r: Option<(f64, bool)>| {
        r.map(|(t, _)| format!("{:.0}×", t / knit))
            .unwrap_or_else(|| "—".into())
    };
    println!(
        "{:>8} {:>9} {:>10.3} | {:>10} {:>12} {:>10} | {:>9} {:>9}",
        report.network.nodes,
        report.network.edges,
        knit,
        show(nx),
        show(ig),
        if sampled { "1000 src" } else { "exact" },
        ratio(nx),
        ig.map(|(t, _)| format!("{:.1}×", t / knit))
            .unwrap_or_else(|| "—".into()),
    );
    if let Some(sample) = &report.network.sample {
        println!(
            "{:>8} betweenness ± {:.4} (normalized) for each person with {:.0}% confidence; peak memory {:.0} MB",
            "",
            sample.betweenness_error,
            sample.confidence * 100.0,
            peak_memory_mb()
        );
    }
}

fn runs() -> usize {
    std::env::var("KNIT_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
}

/// The wall time of one run of a command that must succeed.
fn process_seconds(mut command: Command) -> f64 {
    let started = Instant::now();
    let output = command.output().expect("start the process");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    started.elapsed().as_secs_f64()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// One row of the whole-process table: Knit's time, igraph's and
/// NetworKit's, the ratios and the target against igraph.
fn whole_process(
    knit: &Path,
    edges: &Path,
    kind: Kind,
    network: &analysis::NetworkMetrics,
    sampled: Option<usize>,
) -> String {
    let out = edges.with_extension("out.csv");
    let sampling: Vec<String> = sampled
        .map(|k| vec!["--sources".to_string(), k.to_string()])
        .unwrap_or_default();
    // Round by round, each contender once a round: this machine's speed drifts
    // within minutes, and a drift then weighs on all three alike.
    let (mut knit_times, mut igraph, mut networkit) =
        (Vec::new(), Some(Vec::new()), Some(Vec::new()));
    for _ in 0..runs() {
        let mut command = Command::new(knit);
        command
            .arg("analyze")
            .arg(edges)
            .args(["--weight", "weight", "--format", "csv", "-o"])
            .arg(&out);
        knit_times.push(process_seconds(command));
        for (library, times) in [("igraph", &mut igraph), ("networkit", &mut networkit)] {
            // NetworKit is installed by `make bench-analysis` only.
            *times = times.take().and_then(|mut times| {
                times.push(reference(library, edges, &sampling)?.0);
                Some(times)
            });
        }
    }
    std::fs::remove_file(&out).ok();
    let knit_seconds = median(knit_times);
    let (igraph, networkit) = (igraph.map(median), networkit.map(median));
    let target = match network.nodes {
        n if n >= 100_000 => 3.0,
        n if n >= 10_000 => 10.0,
        n if n >= 1_000 => 5.0,
        _ => 0.0,
    };
    let seconds = |t: Option<f64>| t.map_or("—".to_string(), |t| format!("{t:.3}"));
    let times =
        |t: Option<f64>| t.map_or("—".to_string(), |t| format!("{:.2}×", t / knit_seconds));
    let met = igraph.is_some_and(|t| t / knit_seconds >= target);
    format!(
        "{:>8} {:>9} {:>13} {:>9.3} {:>9} {:>11} | {:>8} {:>11} {:>7}",
        network.nodes,
        network.edges,
        kind.name(),
        knit_seconds,
        seconds(igraph),
        seconds(networkit),
        times(igraph),
        times(networkit),
        if target > 0.0 {
            format!("≥{target:.0}× {}", if met { "met" } else { "MISSED" })
        } else {
            String::new()
        }
    )
}
