//! `knit analyze`: the engine on any edge list, from any source (other survey
//! tools, email or chat exports), with the same metrics and roles as a wave.

use crate::error::Error;
use analysis::{analyze_with_progress, Extras, GraphBuilder, Options, Report, RoleThresholds};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

pub struct Request<'a> {
    pub edges: &'a Path,
    pub nodes: Option<&'a Path>,
    pub undirected: bool,
    pub weight: Option<&'a str>,
    pub group: Option<&'a str>,
    pub sampling: Sampling,
    pub thresholds: Option<&'a Path>,
}

/// How betweenness and closeness are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampling {
    /// As the app does: exact up to [`analysis::EXACT_UP_TO`] people, sampled above.
    AsTheApp,
    Exact,
    /// Estimated from this many sampled sources.
    Sources(usize),
}

impl Sampling {
    fn sources(self, people: usize) -> Option<usize> {
        match self {
            Sampling::AsTheApp => analysis::default_sample_sources(people),
            Sampling::Exact => None,
            Sampling::Sources(k) => Some(k),
        }
    }
}

fn open(path: &Path) -> Result<(csv::Reader<std::fs::File>, Vec<String>), Error> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("{}: cannot be read ({e}).", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: the header row cannot be read ({e}).", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    Ok((reader, headers))
}

/// Reads the files into a graph; every problem names the file, row and column.
pub fn read(request: &Request) -> Result<analysis::Graph, Error> {
    let mut builder = GraphBuilder::new();
    if let Some(path) = request.nodes {
        let (mut reader, headers) = open(path)?;
        let id = app::insight::imported::column(&headers, &["id", "node", "email", "name"], 0)
            .ok_or_else(|| format!("{}: the file has no columns.", path.display()))?;
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            let record = record.map_err(|e| format!("{} row {row}: {e}", path.display()))?;
            let node = record.get(id).unwrap_or("");
            if node.is_empty() {
                return Err(format!(
                    "{} row {row}, column '{}': the id is empty.",
                    path.display(),
                    headers[id]
                )
                .into());
            }
            let attributes: BTreeMap<String, String> = headers
                .iter()
                .zip(record.iter())
                .enumerate()
                .filter(|(c, (_, value))| *c != id && !value.is_empty())
                .map(|(_, (h, v))| (h.clone(), v.to_string()))
                .collect();
            builder.node(node, attributes);
        }
    }
    let bytes = std::fs::read(request.edges)
        .map_err(|e| format!("{}: cannot be read ({e}).", request.edges.display()))?;
    let label = request.edges.display().to_string();
    app::insight::imported::read_edges(
        &label,
        &bytes,
        request.weight,
        |source, target, weight| {
            builder.edge(source, target, weight);
            if request.undirected {
                builder.edge(target, source, weight);
            }
        },
    )?;
    Ok(builder.build())
}

pub fn run(request: &Request, format: Format, output: Option<&Path>) -> Result<(), Error> {
    let graph = read(request)?;
    let thresholds = match request.thresholds {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot be read ({e}).", path.display()))?;
            toml::from_str::<RoleThresholds>(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => RoleThresholds::default(),
    };
    let people = graph.node_count();
    let sample_sources = request.sampling.sources(people).filter(|&k| k < people);
    let options = Options {
        sample_sources,
        group_attribute: request.group.map(str::to_string),
        thresholds,
        ..Options::default()
    };
    eprintln!("Analysing {people} people and {} ties.", graph.edge_count());
    if let Some(k) = sample_sources {
        eprintln!("{}", sampling_note(request.sampling, people, k));
    }
    let started = std::time::Instant::now();
    let progress = analysis::Progress::default();
    let report = std::thread::scope(|scope| {
        let (done, report) = std::sync::mpsc::channel();
        let (graph, options, progress) = (&graph, &options, &progress);
        scope.spawn(move || {
            let report = analyze_with_progress(graph, options, &Extras::default(), progress);
            done.send(report).ok();
        });
        watch(&report, progress)
    });
    eprintln!("Done in {:.1} s.", started.elapsed().as_secs_f64());
    let text = match format {
        Format::Json => json_text(&graph, &report)?,
        Format::Csv => csv_text(&report)?,
    };
    write_text(&text, output)
}

/// Why betweenness and closeness are estimates, and how close they are.
fn sampling_note(sampling: Sampling, people: usize, sources: usize) -> String {
    let error = analysis::paths::betweenness_error(people, sources, analysis::paths::CONFIDENCE);
    let why = match sampling {
        Sampling::AsTheApp => format!(
            "Above {} people, Knit (the app and this command alike) estimates",
            analysis::EXACT_UP_TO
        ),
        _ => "As asked, Knit estimates".to_string(),
    };
    format!(
        "{why} betweenness and closeness from {sources} sampled sources: each \
         person's normalized betweenness is within ±{error:.3} of its exact value \
         with {:.0}% confidence. --exact computes them exactly (far slower at this size).",
        analysis::paths::CONFIDENCE * 100.0
    )
}

/// Shows on stderr how the analysis stands until its report comes: the
/// communities and centralities task by task (they start first), the
/// shortest paths source by source (the longest part), then the other steps.
/// A bar on a terminal; otherwise a line per tenth of the sources and per step.
fn watch(report: &std::sync::mpsc::Receiver<Report>, progress: &analysis::Progress) -> Report {
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:28} {bar:30} {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut said = String::new();
    let show = |said: &mut String| {
        let Some(stage) = Stage::of(progress) else {
            return;
        };
        if terminal {
            bar.set_message(stage.name);
            bar.set_length(stage.of as u64);
            bar.set_position(stage.done as u64);
        } else if stage.line != *said {
            eprintln!("{}", stage.line);
            *said = stage.line;
        }
    };
    let report = loop {
        show(&mut said);
        // The report ends the wait the moment it comes, not at the next look.
        match report.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(report) => break report,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                panic!("the analysis panicked")
            }
        }
    };
    show(&mut said);
    bar.finish_and_clear();
    report
}

/// Where an analysis stands, for the bar and the lines.
#[derive(Debug, PartialEq)]
struct Stage {
    name: &'static str,
    done: usize,
    of: usize,
    line: String,
}

impl Stage {
    /// `None` while the analysis is still setting its work out.
    fn of(progress: &analysis::Progress) -> Option<Stage> {
        use std::sync::atomic::Ordering::Relaxed;
        let steps = progress.steps.load(Relaxed);
        let (searched, sources) = (
            progress.sources_done.load(Relaxed),
            progress.sources.load(Relaxed),
        );
        let (first_done, first_tasks) = (
            progress.first_tasks_done.load(Relaxed),
            progress.first_tasks.load(Relaxed),
        );
        Some(if steps > 0 {
            Stage {
                name: "other metrics (steps)",
                done: steps,
                of: analysis::STEPS,
                line: format!("  step {steps} of {} done", analysis::STEPS),
            }
        } else if searched == 0 && first_done < first_tasks {
            // The communities' visiting orders and the centralities are
            // taken first; on a large network they take seconds.
            Stage {
                name: "communities, centralities",
                done: first_done,
                of: first_tasks,
                line: format!(
                    "  communities and centralities: {first_done} of {first_tasks} tasks"
                ),
            }
        } else if let Some(tenths) = (10 * searched).checked_div(sources) {
            Stage {
                name: "shortest paths (sources)",
                done: searched,
                of: sources,
                line: format!("  shortest paths: {}% of {sources} sources", 10 * tenths),
            }
        } else {
            return None;
        })
    }
}

/// Writes a command's result to `output`, or to standard output.
pub fn write_text(text: &str, output: Option<&Path>) -> Result<(), Error> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| Error::file(path, e)),
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", text.trim_end())
                .map_err(|e| Error::file(Path::new("standard output"), e))
        }
    }
}

/// The report as JSON, each role with its `evidence` (the engine's facts) and
/// its `reason` (those facts in words, naming people by their `name`
/// attribute, else their id).
fn json_text(graph: &analysis::Graph, report: &Report) -> Result<String, Error> {
    let mut value = serde_json::to_value(report).map_err(|e| e.to_string())?;
    let names: Vec<&str> = graph
        .node_weights()
        .map(|node| node.attributes.get("name").unwrap_or(&node.id).as_str())
        .collect();
    if let Some(roles) = value.get_mut("roles").and_then(|r| r.as_array_mut()) {
        for (entry, assignment) in roles.iter_mut().zip(&report.roles) {
            let reason =
                app::insight::words::role_reason(&assignment.evidence, names[assignment.node]);
            if let Some(entry) = entry.as_object_mut() {
                entry.insert("reason".into(), serde_json::Value::String(reason));
            }
        }
    }
    Ok(serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?)
}

/// One row per person; roles joined by ';'. Undefined values are empty.
fn csv_text(report: &Report) -> Result<String, Error> {
    let mut header = analysis::export::Csv::default();
    header.row([
        "id",
        "in_degree",
        "out_degree",
        "in_weight",
        "out_weight",
        "betweenness",
        "harmonic_closeness",
        "pagerank",
        "eigenvector",
        "constraint",
        "effective_size",
        "clustering",
        "reciprocity",
        "community",
        "ei_index",
        "roles",
    ]);
    let number = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    // Numbers to text is most of the work: the rows in a block per core,
    // joined in order.
    let (blocks, people) = (analysis::pool::cores(), report.nodes.len());
    let rows = analysis::pool::run(blocks, |block| {
        let mut csv = analysis::export::Csv::default();
        for m in &report.nodes[block * people / blocks..(block + 1) * people / blocks] {
            let roles: Vec<String> = m.roles.iter().map(|r| format!("{r:?}")).collect();
            csv.row([
                m.id.clone(),
                m.in_degree.to_string(),
                m.out_degree.to_string(),
                m.in_weight.to_string(),
                m.out_weight.to_string(),
                m.betweenness.to_string(),
                m.harmonic_closeness.to_string(),
                number(m.pagerank),
                number(m.eigenvector),
                number(m.constraint),
                number(m.effective_size),
                m.clustering.to_string(),
                number(m.reciprocity),
                m.community.to_string(),
                number(m.ei_index),
                roles.join(";"),
            ]);
        }
        csv.text()
    });
    Ok(header.text() + &rows.concat())
}

#[cfg(test)]
mod tests {
    use super::Stage;
    use std::sync::atomic::Ordering::Relaxed;

    #[test]
    fn progress_names_the_communities_first_then_the_searches_then_the_steps() {
        let progress = analysis::Progress::default();
        assert_eq!(
            Stage::of(&progress),
            None,
            "nothing to show before the work is set out"
        );
        progress.first_tasks.store(4, Relaxed);
        progress.sources.store(100_000, Relaxed);
        progress.first_tasks_done.store(1, Relaxed);
        let stage = |name, done, of, line: &str| {
            Some(Stage {
                name,
                done,
                of,
                line: line.to_string(),
            })
        };
        assert_eq!(
            Stage::of(&progress),
            stage(
                "communities, centralities",
                1,
                4,
                "  communities and centralities: 1 of 4 tasks"
            )
        );
        // Once a search is done the sources are the measure, even while a
        // Louvain order still runs on the other core.
        progress.sources_done.store(25_000, Relaxed);
        assert_eq!(
            Stage::of(&progress),
            stage(
                "shortest paths (sources)",
                25_000,
                100_000,
                "  shortest paths: 20% of 100000 sources"
            )
        );
        progress.steps.store(2, Relaxed);
        assert_eq!(
            Stage::of(&progress).expect("a stage").line,
            "  step 2 of 4 done"
        );
    }
}
