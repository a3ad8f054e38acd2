//! A wave's network as a file for Gephi, NetworkX or a spreadsheet: everyone
//! in it with their roster facts, every figure of the stored analysis, their
//! roles and their place on the map; every tie with its weight and scales.
//! Person-level, so for analysts and administrators only, and audited.

use super::service::{read_layout, scales, wave_networks};
use super::{ExportFormat, NetworkKey};
use crate::audit::Action;
use crate::auth::model::CurrentUser;
use crate::error::AppError;
use crate::store::audit::Actor;
use crate::store::{analyses, Db};
use analysis::export::{ExportEdge, ExportNode, Network, Value};
use analysis::layout::Position;
use analysis::petgraph::visit::EdgeRef;
use analysis::Report;
use std::collections::HashMap;

pub struct ExportFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub body: String,
}

/// The export for a signed-in account: analysts and administrators only.
pub async fn for_user(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    network: NetworkKey,
    format: ExportFormat,
) -> Result<ExportFile, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    export(
        db,
        &crate::audit::service::actor(user),
        wave_id,
        network,
        format,
    )
    .await
}

/// Builds the file and records who took it.
pub async fn export(
    db: &Db,
    actor: &Actor,
    wave_id: i64,
    key: NetworkKey,
    format: ExportFormat,
) -> Result<ExportFile, AppError> {
    let network = network(db, wave_id, key).await?;
    let body = match format {
        ExportFormat::Gexf => {
            analysis::export::gexf(&network, &crate::people::date::Date::today().iso())
        }
        ExportFormat::GraphMl => analysis::export::graphml(&network),
        ExportFormat::TiesCsv => analysis::export::ties_csv(&network),
        ExportFormat::MetricsCsv => analysis::export::nodes_csv(&network),
    };
    crate::store::audit::record(
        db.pool(),
        actor,
        Action::NetworkExport,
        &format!(
            "wave {wave_id}, {} ({}, {} people, {} ties)",
            network.title,
            format.label(),
            network.nodes.len(),
            network.edges.len()
        ),
        None,
    )
    .await?;
    Ok(ExportFile {
        file_name: format!(
            "knit-wave-{wave_id}-{}.{}",
            key.key().replace(':', "-"),
            format.extension()
        ),
        content_type: format.content_type(),
        body,
    })
}

/// The map of one network as an SVG picture, coloured by department, for
/// analysts and administrators (audited as a look at the wave's insight).
pub async fn map_svg(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let network = network(db, wave_id, key).await?;
    let mut legend: Vec<(String, (u8, u8, u8), usize)> = Vec::new();
    for node in &network.nodes {
        let department = node
            .attributes
            .iter()
            .find(|(n, _)| n == "department")
            .and_then(|(_, v)| match v {
                Some(Value::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "No department".into());
        match legend.iter_mut().find(|(d, _, _)| *d == department) {
            Some(entry) => entry.2 += 1,
            None => legend.push((department, node.color.unwrap_or(OTHER_GROUP), 1)),
        }
    }
    legend.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let shown: Vec<(String, (u8, u8, u8))> = legend
        .into_iter()
        .take(PALETTE.len())
        .map(|(d, c, n)| (format!("{d} ({n})"), c))
        .collect();
    crate::store::audit::record(
        db.pool(),
        &crate::audit::service::actor(user),
        Action::WaveInsight,
        &format!("wave {wave_id}, map of {}", network.title),
        None,
    )
    .await?;
    Ok(analysis::export::svg(&network, &shown))
}

/// The group map of one network for a roster attribute (department when
/// left out), as an SVG picture.
pub async fn group_map_svg(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
    attribute: Option<&str>,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let attribute = attribute.filter(|a| !a.is_empty()).unwrap_or("department");
    let graph = wave_networks(db, wave_id)
        .await?
        .into_iter()
        .find(|n| n.key == key)
        .ok_or_else(|| AppError::not_found("This wave has no analysed network of that name."))?
        .graph;
    let matrix = analysis::groups::matrix_by_attribute(&graph, attribute);
    let colours = group_colours(
        graph
            .node_weights()
            .map(|n| n.attributes.get(attribute).map_or("(none)", String::as_str)),
    );
    let in_order: Vec<(u8, u8, u8)> = matrix
        .groups
        .iter()
        .map(|g| colours.get(g).copied().unwrap_or(OTHER_GROUP))
        .collect();
    Ok(analysis::export::group_svg(&matrix, &in_order))
}

/// Colours for groups, in order of size (Tableau 10, which stays apart for
/// most colour vision); further groups share grey.
pub const PALETTE: [(u8, u8, u8); 10] = [
    (78, 121, 167),
    (242, 142, 43),
    (225, 87, 89),
    (118, 183, 178),
    (89, 161, 79),
    (237, 201, 72),
    (176, 122, 161),
    (255, 157, 167),
    (156, 117, 95),
    (186, 176, 172),
];
pub const OTHER_GROUP: (u8, u8, u8) = (150, 150, 150);

/// Each value of a roster field to its colour: the largest groups first.
pub fn group_colours<'a>(values: impl Iterator<Item = &'a str>) -> HashMap<String, (u8, u8, u8)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut by_size: Vec<(&str, usize)> = counts.into_iter().collect();
    by_size.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    by_size
        .into_iter()
        .enumerate()
        .map(|(i, (v, _))| {
            (
                v.to_string(),
                PALETTE.get(i).copied().unwrap_or(OTHER_GROUP),
            )
        })
        .collect()
}

/// The network with everything an export writes.
async fn network(db: &Db, wave_id: i64, key: NetworkKey) -> Result<Network, AppError> {
    let missing = || AppError::not_found("This wave has no analysed network of that name.");
    if crate::store::retention::answers_deleted_at(db, wave_id)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(
            "This wave's individual answers were deleted when the retention period ended: its ties are gone.",
        ));
    }
    let graph = wave_networks(db, wave_id)
        .await?
        .into_iter()
        .find(|n| n.key == key)
        .ok_or_else(missing)?;
    let stored = analyses::load(db, wave_id)
        .await?
        .into_iter()
        .find(|s| s.network == key)
        .ok_or_else(missing)?;
    let report: Report = serde_json::from_str(&stored.report)
        .map_err(|e| AppError::internal(format!("the stored report is unreadable: {e}")))?;
    let layout = stored
        .layout
        .as_deref()
        .map(read_layout)
        .transpose()?
        .unwrap_or_default();
    let metrics: HashMap<&str, &analysis::NodeMetrics> =
        report.nodes.iter().map(|m| (m.id.as_str(), m)).collect();
    let (wave, _) = crate::store::surveys::get_wave(db, wave_id)
        .await?
        .map(|w| (w.closes_on.clone(), ()))
        .ok_or_else(missing)?;
    let roster: HashMap<String, crate::store::people::PersonAsOf> =
        crate::store::people::roster_as_of(db, &crate::people::date::Date::today().iso().min(wave))
            .await?
            .into_iter()
            .map(|p| (p.id.to_string(), p))
            .collect();
    // Every custom attribute any person has, so that every node has the same columns.
    let mut custom: Vec<String> = roster
        .values()
        .flat_map(|p| p.fields.attributes.keys().cloned())
        .collect();
    custom.sort();
    custom.dedup();
    let colours = group_colours(
        graph
            .graph
            .node_weights()
            .map(|n| n.attributes.get("department").map_or("", String::as_str)),
    );
    let text = |v: &Option<String>| v.clone().map(Value::Text);
    let number = |v: Option<f64>| v.filter(|x| x.is_finite()).map(Value::Number);
    let nodes = graph
        .graph
        .node_weights()
        .map(|node| {
            let person = roster.get(&node.id);
            let fields = person.map(|p| &p.fields);
            let label = node
                .attributes
                .get("name")
                .cloned()
                .unwrap_or_else(|| node.id.clone());
            let mut attributes = vec![
                (
                    "email".to_string(),
                    person.map(|p| Value::Text(p.email.clone())),
                ),
                (
                    "department".to_string(),
                    fields.and_then(|f| text(&f.department)),
                ),
                ("team".to_string(), fields.and_then(|f| text(&f.team))),
                ("title".to_string(), fields.and_then(|f| text(&f.title))),
                (
                    "location".to_string(),
                    fields.and_then(|f| text(&f.location)),
                ),
                (
                    "hire_date".to_string(),
                    fields.and_then(|f| text(&f.hire_date)),
                ),
            ];
            for name in &custom {
                attributes.push((
                    format!("roster: {name}"),
                    fields
                        .and_then(|f| f.attributes.get(name))
                        .cloned()
                        .map(Value::Text),
                ));
            }
            let m = metrics.get(node.id.as_str());
            let count =
                |f: fn(&analysis::NodeMetrics) -> usize| m.map(|m| Value::Integer(f(m) as i64));
            let real = |f: fn(&analysis::NodeMetrics) -> Option<f64>| m.and_then(|m| number(f(m)));
            attributes.extend([
                ("in_degree".to_string(), count(|m| m.in_degree)),
                ("out_degree".to_string(), count(|m| m.out_degree)),
                ("in_weight".to_string(), real(|m| Some(m.in_weight))),
                ("out_weight".to_string(), real(|m| Some(m.out_weight))),
                ("betweenness".to_string(), real(|m| Some(m.betweenness))),
                (
                    "harmonic_closeness".to_string(),
                    real(|m| Some(m.harmonic_closeness)),
                ),
                ("pagerank".to_string(), real(|m| m.pagerank)),
                ("eigenvector".to_string(), real(|m| m.eigenvector)),
                ("constraint".to_string(), real(|m| m.constraint)),
                ("effective_size".to_string(), real(|m| m.effective_size)),
                ("clustering".to_string(), real(|m| Some(m.clustering))),
                ("reciprocity".to_string(), real(|m| m.reciprocity)),
                ("community".to_string(), count(|m| m.community)),
                ("ei_index".to_string(), real(|m| m.ei_index)),
                (
                    "roles".to_string(),
                    m.map(|m| {
                        Value::Text(
                            m.roles
                                .iter()
                                .map(|r| r.key())
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    }),
                ),
            ]);
            let in_degree = m.map_or(0, |m| m.in_degree) as f64;
            ExportNode {
                id: node.id.clone(),
                label,
                attributes,
                position: layout.get(&node.id).map(|&[x, y]| Position { x, y }),
                color: Some(
                    colours
                        .get(node.attributes.get("department").map_or("", String::as_str))
                        .copied()
                        .unwrap_or(OTHER_GROUP),
                ),
                size: Some(4.0 + 2.0 * in_degree.sqrt()),
            }
        })
        .collect();
    // The scales each respondent gave the tie (how often, how important, energy).
    let mut tie_scales: HashMap<(String, String), analysis::export::Attributes> = HashMap::new();
    if let NetworkKey::Relation(relation) = key {
        for tie in analyses::ties(db, wave_id, relation).await? {
            let values = scales(&tie)?
                .into_iter()
                .map(|(name, v)| (name, Some(Value::Integer(v))))
                .collect();
            tie_scales.insert(
                (tie.respondent_id.to_string(), tie.named_id.to_string()),
                values,
            );
        }
    }
    let edges = graph
        .graph
        .edge_references()
        .map(|e| {
            let source = graph.graph[e.source()].id.clone();
            let target = graph.graph[e.target()].id.clone();
            let attributes = tie_scales
                .remove(&(source.clone(), target.clone()))
                .unwrap_or_default();
            ExportEdge {
                source,
                target,
                weight: *e.weight(),
                attributes,
            }
        })
        .collect();
    Ok(Network {
        title: graph.title,
        directed: true,
        nodes,
        edges,
    })
}
