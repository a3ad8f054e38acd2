//! `knit analyze`: the engine on any edge list, from any source (other survey
//! tools, email or chat exports), with the same metrics and roles as a wave.

use crate::error::Error;
use analysis::{analyze_with_progress, Extras, GraphBuilder, Options, Report, RoleThresholds};
use std::collections::BTreeMap;
use std::io::Write;
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
    pub sample: Option<usize>,
    pub thresholds: Option<&'a Path>,
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
    for (source, target, weight) in
        app::insight::imported::parse_edges(&label, &bytes, request.weight)?
    {
        builder.edge(&source, &target, weight);
        if request.undirected {
            builder.edge(&target, &source, weight);
        }
    }
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
    let options = Options {
        sample_sources: request.sample,
        group_attribute: request.group.map(str::to_string),
        thresholds,
        ..Options::default()
    };
    eprintln!(
        "Analysing {} people and {} ties{}…",
        graph.node_count(),
        graph.edge_count(),
        match request.sample {
            Some(k) => format!(" (betweenness and closeness from {k} sampled sources)"),
            None => String::new(),
        }
    );
    let started = std::time::Instant::now();
    let report = analyze_with_progress(&graph, &options, &Extras::default(), &mut |step, steps| {
        eprint!("\r  step {step} of {steps}");
    });
    eprintln!("\r  done in {:.2} s", started.elapsed().as_secs_f64());
    let text = match format {
        Format::Json => json_text(&graph, &report)?,
        Format::Csv => csv_text(&report)?,
    };
    write_text(&text, output)
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
    let mut csv = analysis::export::Csv::default();
    csv.row([
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
    for m in &report.nodes {
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
    Ok(csv.text())
}
