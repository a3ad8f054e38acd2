//! Knit's full metric set beside NetworkX and python-igraph (both from PyPI)
//! on the same synthetic organizations, in one run. `make bench-analysis`.
//!
//! Two tables. The first times the metrics alone, in process. The second, when
//! `KNIT_BIN` names a `knit` binary, times whole processes as a user runs them:
//! `knit analyze` against a Python process that imports igraph, reads the same
//! CSV, computes the same metrics and writes them out (the median of
//! `KNIT_BENCH_RUNS`, default 3, each).
//!
//! NetworkX's exact betweenness and closeness take hours at 10,000 people; at
//! that size they run from 100 evenly spaced sources and are scaled by n/100
//! (their work is linear in the sources), marked "≈". At 100,000 people Knit
//! samples sources for betweenness and closeness; the others are not run there.

use analysis::synthetic::{generate, Spec};
use analysis::{analyze_with_progress, Options, Progress};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

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

fn reference(library: &str, file: &PathBuf, nx_sources: Option<usize>) -> Option<(f64, bool)> {
    let mut command = Command::new(python());
    command.arg(reference_script()).arg(file).arg(library);
    if let Some(k) = nx_sources {
        command.arg("--nx-sources").arg(k.to_string());
    }
    let output = command.output().ok()?;
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

fn main() {
    let sizes: Vec<usize> = std::env::var("KNIT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    println!("Full metric set (degrees, betweenness, harmonic closeness, PageRank, eigenvector, constraint, effective size, clustering, reciprocity, components, Louvain)");
    println!(
        "{:>8} {:>9} {:>10} | {:>10} {:>12} {:>10} | {:>9} {:>9}",
        "people", "ties", "Knit s", "NetworkX s", "igraph s", "Knit mode", "×NetworkX", "×igraph"
    );
    let mut whole_processes = Vec::new();
    for n in sizes {
        let mut spec = Spec::company(n, 7);
        spec.ties_per_person = 15.0;
        spec.waves = 1;
        spec.response_rate = 1.0;
        spec.newcomer_share = 0.0;
        let org = generate(&spec);
        let graph = org.graph(0);
        let sampled = analysis::default_sample_sources(n).is_some();
        let options = Options {
            sample_sources: analysis::default_sample_sources(n),
            group_attribute: Some("department".into()),
            ..Options::default()
        };
        let started = Instant::now();
        let progress = Progress::default();
        // Each step's end, as a watcher sees it (within a millisecond).
        let (report, marks) = std::thread::scope(|scope| {
            let analysing = scope
                .spawn(|| analyze_with_progress(&graph, &options, &Default::default(), &progress));
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
        eprintln!(
            "  Knit steps (paths {:.3}, then {}) s",
            marks.first().copied().unwrap_or_default(),
            steps.join(", ")
        );
        let file = std::env::temp_dir().join(format!("knit-bench-{n}.csv"));
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&file).expect("file"));
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
        let (nx, ig) = if sampled || std::env::var_os("KNIT_BENCH_KNIT_ONLY").is_some() {
            (None, None)
        } else {
            (
                reference("networkx", &file, (n > 2_000).then_some(100)),
                reference("igraph", &file, None),
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
        if !sampled {
            if let Some(knit) = std::env::var_os("KNIT_BIN") {
                whole_processes.push(whole_process(&PathBuf::from(knit), &file, &report.network));
            }
        }
        std::fs::remove_file(&file).ok();
    }
    if !whole_processes.is_empty() {
        println!();
        println!("Whole processes, median of {} runs: `knit analyze EDGES --weight weight --format csv -o OUT` beside python importing igraph, reading EDGES, computing the same metrics and writing OUT", runs());
        println!(
            "{:>8} {:>9} {:>12} {:>12} | {:>9} {:>7}",
            "people", "ties", "knit s", "igraph s", "×igraph", "target"
        );
        for line in whole_processes {
            println!("{line}");
        }
    }
}

fn runs() -> usize {
    std::env::var("KNIT_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
}

/// The median wall time of `runs()` runs of a command that must succeed.
fn median_seconds(mut command: impl FnMut() -> Command) -> f64 {
    let mut times: Vec<f64> = (0..runs())
        .map(|_| {
            let started = Instant::now();
            let output = command().output().expect("start the process");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// One row of the whole-process table: Knit's time, igraph's, the ratio and
/// the target (4× at 10,000 people, 2× at 1,000).
fn whole_process(knit: &PathBuf, edges: &PathBuf, network: &analysis::NetworkMetrics) -> String {
    let out = edges.with_extension("out.csv");
    let knit_seconds = median_seconds(|| {
        let mut command = Command::new(knit);
        command
            .arg("analyze")
            .arg(edges)
            .args(["--weight", "weight", "--format", "csv", "-o"])
            .arg(&out);
        command
    });
    let igraph_seconds = median_seconds(|| {
        let mut command = Command::new(python());
        command
            .arg(reference_script())
            .arg(edges)
            .arg("igraph")
            .arg("--write")
            .arg(&out);
        command
    });
    std::fs::remove_file(&out).ok();
    let target = if network.nodes >= 10_000 {
        "≥4×"
    } else if network.nodes >= 1_000 {
        "≥2×"
    } else {
        ""
    };
    format!(
        "{:>8} {:>9} {:>12.3} {:>12.3} | {:>8.2}× {:>7}",
        network.nodes,
        network.edges,
        knit_seconds,
        igraph_seconds,
        igraph_seconds / knit_seconds,
        target
    )
}
