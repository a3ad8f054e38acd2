//! `knit suggest`: the introduction engine on any edge list, with no
//! database, as `knit analyze` runs the metrics. The nodes file supplies the
//! roster facts the grounds use (team, department, manager, hire date) and
//! opt-outs; lists are made one person after another, so load spreading and
//! opt-outs act as they do in the app.

use crate::analyze_cli::{read, write_text, Request as Graph};
use crate::error::Error;
use analysis::newcomers::{suggest_in_turn, IntroductionWeights, People};
use analysis::{analyze, Csr, Extras, Options};
use app::model::date::{Date, SlashOrder};
use app::newcomers::NewcomerSettings;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

/// Whose introductions to make.
pub enum Whom {
    /// These ids, in this order.
    Listed(Vec<String>),
    /// Everyone whose node attribute `column` is `value`.
    Matching { column: String, value: String },
    /// Everyone with at least one tie.
    All,
}

impl Whom {
    /// From the command line: `--newcomers COLUMN=VALUE`, else `--all`, else the ids listed.
    pub fn from_args(
        newcomers: Option<&str>,
        all: bool,
        listed: Vec<String>,
    ) -> Result<Whom, Error> {
        match (newcomers, all) {
            (Some(matching), _) => Whom::matching(matching),
            (None, true) => Ok(Whom::All),
            (None, false) => Ok(Whom::Listed(listed)),
        }
    }

    /// `COLUMN=VALUE`, as `--newcomers` takes it.
    pub fn matching(text: &str) -> Result<Whom, Error> {
        match text.split_once('=') {
            Some((column, value)) if !column.trim().is_empty() => Ok(Whom::Matching {
                column: column.trim().to_string(),
                value: value.trim().to_string(),
            }),
            _ => Err(format!(
                "--newcomers takes COLUMN=VALUE (for example cohort=2026-09); '{text}' has no column."
            )
            .into()),
        }
    }
}

pub struct Request<'a> {
    pub graph: Graph<'a>,
    pub whom: Whom,
    pub top: usize,
}

const TEAM: [&str; 2] = ["team", "unit"];
const DEPARTMENT: [&str; 3] = ["department", "dept", "division"];
const MANAGER: [&str; 3] = ["manager", "manager_id", "manager_email"];
const HIRED: [&str; 4] = ["hire_date", "hired_on", "start_date", "started"];
const SUGGEST_LESS: [&str; 2] = ["suggest_less", "opt_out"];

/// One introduction, people named by their ids in the files.
#[derive(Debug, Serialize)]
pub struct Line {
    #[serde(rename = "for")]
    pub newcomer: String,
    pub person: String,
    pub rank: usize,
    pub ground: &'static str,
    /// The strongest ground's facts, as the engine gives them.
    pub evidence: analysis::newcomers::Reason<String>,
    /// Those facts in words, for the newcomer.
    pub reason: String,
    pub score: f64,
}

/// The introductions `request` asks for.
pub fn suggestions(request: &Request) -> Result<Vec<Line>, Error> {
    let graph = read(&request.graph)?;
    let nodes: Vec<&analysis::graph::Node> = graph.node_weights().collect();
    let index: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(k, node)| (node.id.as_str(), k))
        .collect();
    let columns = Columns::read(&request.graph, &nodes, &index)?;
    let csr = Csr::new(&graph);
    let for_whom = chosen(request, &nodes, &index, &csr)?;
    // Fellow newcomers: those asked about (unless everyone is), and anyone
    // hired within the app's newcomer window before the latest hire date.
    let window = NewcomerSettings::default().window_days;
    let latest = columns.hired.iter().flatten().max().copied();
    let mut newcomers: BTreeSet<usize> = (0..nodes.len())
        .filter(|&k| {
            columns.hired[k]
                .zip(latest)
                .is_some_and(|(h, l)| l - h <= window)
        })
        .collect();
    if !matches!(request.whom, Whom::All) {
        newcomers.extend(&for_whom);
    }
    let report = analyze(
        &graph,
        &Options {
            group_attribute: columns
                .departments
                .iter()
                .any(Option::is_some)
                .then(|| department_column(&nodes))
                .flatten(),
            ..Options::default()
        },
        &Extras::default(),
    );
    let already = vec![0; nodes.len()];
    let people = People {
        teams: &columns.teams,
        departments: &columns.departments,
        managers: &columns.managers,
        newcomers: &newcomers,
        suggest_less: &columns.suggest_less,
        already_suggested: &already,
    };
    let lists = suggest_in_turn(
        &csr,
        &report,
        &people,
        &for_whom,
        request.top,
        &IntroductionWeights::default(),
        &|_| BTreeSet::new(),
    );
    Ok(lines(&nodes, &for_whom, lists))
}

/// What the nodes file says of each node, by index.
struct Columns {
    teams: Vec<Option<String>>,
    departments: Vec<Option<String>>,
    managers: Vec<Option<usize>>,
    hired: Vec<Option<i64>>,
    suggest_less: BTreeSet<usize>,
}

impl Columns {
    fn read(
        graph: &Graph,
        nodes: &[&analysis::graph::Node],
        index: &BTreeMap<&str, usize>,
    ) -> Result<Columns, Error> {
        let n = nodes.len();
        let attribute = |k: usize, names: &[&str]| -> Option<String> {
            nodes[k]
                .attributes
                .iter()
                .find(|(key, value)| {
                    names.iter().any(|n| key.eq_ignore_ascii_case(n)) && !value.is_empty()
                })
                .map(|(_, value)| value.clone())
        };
        let managers = nodes
            .iter()
            .enumerate()
            .map(|(k, node)| match attribute(k, &MANAGER) {
                Some(m) => index.get(m.as_str()).copied().map(Some).ok_or_else(|| {
                    Error::from(format!(
                        "{}: {}'s manager '{m}' is not a node; name managers by their ids.",
                        node_file(graph),
                        node.id
                    ))
                }),
                None => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        let raw_dates: Vec<Option<String>> = (0..n).map(|k| attribute(k, &HIRED)).collect();
        let order =
            app::model::date::detect_slash_order(raw_dates.iter().flatten().map(String::as_str));
        let hired = raw_dates
            .iter()
            .enumerate()
            .map(|(k, raw)| match raw {
                Some(text) => parse_date(text, order).map(Some).ok_or_else(|| {
                    Error::from(format!(
                        "{}: {}'s hire date '{text}' is not a date (write 2026-09-01).",
                        node_file(graph),
                        nodes[k].id
                    ))
                }),
                None => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        Ok(Columns {
            teams: (0..n).map(|k| attribute(k, &TEAM)).collect(),
            departments: (0..n).map(|k| attribute(k, &DEPARTMENT)).collect(),
            managers,
            hired,
            suggest_less: (0..n)
                .filter(|&k| {
                    attribute(k, &SUGGEST_LESS).is_some_and(|v| {
                        matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "y")
                    })
                })
                .collect(),
        })
    }
}

/// Whom suggestions are made for: the listed ids, the nodes with a value, or
/// everyone with a tie.
fn chosen(
    request: &Request,
    nodes: &[&analysis::graph::Node],
    index: &BTreeMap<&str, usize>,
    csr: &Csr,
) -> Result<Vec<usize>, Error> {
    match &request.whom {
        Whom::Listed(ids) => ids
            .iter()
            .map(|id| {
                index.get(id.as_str()).copied().ok_or_else(|| {
                    Error::from(format!(
                        "--for {id}: no node has this id in {}.",
                        request.graph.edges.display()
                    ))
                })
            })
            .collect(),
        Whom::Matching { column, value } => {
            let chosen: Vec<usize> = (0..nodes.len())
                .filter(|&k| {
                    nodes[k]
                        .attributes
                        .iter()
                        .any(|(key, v)| key.eq_ignore_ascii_case(column) && v == value)
                })
                .collect();
            if chosen.is_empty() {
                return Err(format!(
                    "--newcomers {column}={value}: no node has this value in {}.",
                    node_file(&request.graph)
                )
                .into());
            }
            Ok(chosen)
        }
        Whom::All => Ok((0..nodes.len())
            .filter(|&k| !csr.mutual(k).is_empty())
            .collect()),
    }
}

/// Each newcomer's suggestions as lines, with the strongest reason in words.
fn lines(
    nodes: &[&analysis::graph::Node],
    for_whom: &[usize],
    lists: Vec<Vec<analysis::newcomers::Suggestion>>,
) -> Vec<Line> {
    let name = |k: usize| {
        nodes[k]
            .attributes
            .get("name")
            .cloned()
            .unwrap_or_else(|| nodes[k].id.clone())
    };
    let mut lines = Vec::new();
    for (&newcomer, list) in for_whom.iter().zip(lists) {
        for (rank, s) in list.into_iter().enumerate() {
            let strongest = s.reasons[0].clone();
            let reason = app::newcomers::words::reason(
                &strongest.clone().map_people(|v| v as i64),
                &name(s.node),
                &|v| name(v as usize),
            );
            lines.push(Line {
                newcomer: nodes[newcomer].id.clone(),
                person: nodes[s.node].id.clone(),
                rank: rank + 1,
                ground: s.ground.key(),
                evidence: strongest.map_people(|v| nodes[v].id.clone()),
                reason,
                score: s.score,
            });
        }
    }
    lines
}

fn node_file(graph: &Graph) -> String {
    graph
        .nodes
        .map_or_else(|| "the nodes file".to_string(), |p| p.display().to_string())
}

/// The department column's name as the nodes file spells it.
fn department_column(nodes: &[&analysis::graph::Node]) -> Option<String> {
    nodes.iter().find_map(|node| {
        node.attributes
            .keys()
            .find(|key| DEPARTMENT.iter().any(|d| key.eq_ignore_ascii_case(d)))
            .cloned()
    })
}

fn parse_date(text: &str, order: SlashOrder) -> Option<i64> {
    Date::parse(text, order).map(Date::days_since_epoch)
}

pub fn run(request: &Request, format: Format, output: Option<&Path>) -> Result<(), Error> {
    let lines = suggestions(request)?;
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&serde_json::json!({ "suggestions": lines }))
            .map_err(|e| e.to_string())?,
        Format::Csv => {
            let mut csv = analysis::export::Csv::default();
            csv.row(["for", "person", "rank", "ground", "reason", "score"]);
            for l in &lines {
                csv.row([
                    l.newcomer.as_str(),
                    &l.person,
                    &l.rank.to_string(),
                    l.ground,
                    &l.reason,
                    &format!("{:.4}", l.score),
                ]);
            }
            csv.text()
        }
    };
    write_text(&text, output)
}
