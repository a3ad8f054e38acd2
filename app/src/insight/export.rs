//! A wave's network as a file for Gephi, NetworkX or a spreadsheet: everyone
//! in it with their roster facts, every figure of the stored analysis, their
//! roles and their place on the map; every tie with its weight and scales.
//! Person-level, so for analysts and administrators only, and audited.

use super::service::{network_titles, read_layout, scales, wave_network};
use super::{ExportFormat, NetworkKey, MAP_PEOPLE_AT_ONCE, MAP_SIZES};
use crate::audit::Action;
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::{say, say_with};
use crate::store::analyses::{MapGroup, MapTieWeight};
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
            analysis::export::gexf(&network, &crate::model::date::Date::today().iso())
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

/// The map of one network as an SVG picture, for analysts and administrators
/// (audited as a look at the wave's insight). `colour_by` is any node
/// attribute of the export (department, team, location, title, `roster:
/// NAME`, community, roles); `size_by` one of [`MAP_SIZES`].
/// What a map draws, from its address.
#[derive(Clone, Debug, Default)]
pub struct MapStyle {
    pub colour_by: Option<String>,
    pub size_by: Option<String>,
    /// Part of a person's name to find.
    pub find: Option<String>,
    /// Only the person found and the colleagues they are tied to.
    pub ego: bool,
    /// Only the people of this group of the colour attribute (a department,
    /// say) and the ties among them: the interactive map's "Group" filter.
    pub only: Option<String>,
}

pub async fn map_svg(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
    style: &MapStyle,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let mut network = network(db, wave_id, key).await?;
    let (colour_by, size_by, find, ego) = (
        style.colour_by.as_deref(),
        style.size_by.as_deref(),
        style.find.as_deref(),
        style.ego,
    );
    // "Find a person": the first whose name holds the words typed.
    let needle = find
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_lowercase);
    let focus = needle.as_ref().and_then(|needle| {
        network
            .nodes
            .iter()
            .find(|n| n.label.to_lowercase().contains(needle.as_str()))
            .map(|n| n.id.clone())
    });
    if let (Some(focus), true) = (&focus, ego) {
        // The ego view: the person and those they are tied to, alone.
        let circle: std::collections::HashSet<String> = network
            .edges
            .iter()
            .filter(|e| e.source == *focus || e.target == *focus)
            .flat_map(|e| [e.source.clone(), e.target.clone()])
            .chain([focus.clone()])
            .collect();
        network.nodes.retain(|n| circle.contains(&n.id));
        network
            .edges
            .retain(|e| circle.contains(&e.source) && circle.contains(&e.target));
    }
    let colour_by = colour_by.filter(|c| !c.is_empty()).unwrap_or("department");
    let size_by = size_by
        .filter(|s| MAP_SIZES.contains(s))
        .unwrap_or("in_degree");
    if let Some(only) = style
        .only
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        network
            .nodes
            .retain(|n| groups_of(n, colour_by).iter().any(|g| *g == only));
        if network.nodes.is_empty() {
            return Err(AppError::NotFound(say_with(
                "refused-insight-no-one-in-this-network",
                &[("colour-by", colour_by.into()), ("only", only.into())],
            )));
        }
        let kept: std::collections::HashSet<&str> =
            network.nodes.iter().map(|n| n.id.as_str()).collect();
        network
            .edges
            .retain(|e| kept.contains(e.source.as_str()) && kept.contains(e.target.as_str()));
        network.title = format!("{}, {colour_by} {only}", network.title);
    }
    let legend = restyle(&mut network, colour_by, size_by);
    crate::store::audit::record(
        db.pool(),
        &crate::audit::service::actor(user),
        Action::WaveInsight,
        &format!("wave {wave_id}, map of {}", network.title),
        None,
    )
    .await?;
    if let (Some(focus), false) = (&focus, ego) {
        // Everyone but the person and their colleagues fades.
        let near: std::collections::HashSet<String> = network
            .edges
            .iter()
            .filter(|e| e.source == *focus || e.target == *focus)
            .flat_map(|e| [e.source.clone(), e.target.clone()])
            .collect();
        for node in network.nodes.iter_mut() {
            if node.id != *focus && !near.contains(&node.id) {
                node.color = Some((222, 225, 230));
            }
        }
    }
    Ok(analysis::export::svg(&network, &legend, focus.as_deref()))
}

/// The interactive map's data, for the browser to draw (and colour, size and
/// filter) itself, in columns rather than an object per person: every person
/// of a network with their place, attributes, figures and roles, and every
/// tie among them; or, for a network of more than [`MAP_PEOPLE_AT_ONCE`],
/// its departments, each where its people sit on average, with the ties
/// between them, until one is asked for (`only`). Read from what the analysis
/// stored, never from the whole network. Analysts and administrators; audited.
pub async fn map_data(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
    only: Option<&str>,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let stored = analyses::summaries(db, wave_id)
        .await?
        .into_iter()
        .find(|s| s.network == key)
        .ok_or_else(|| AppError::not_found(say("refused-insight-this-wave-has-no-analysed-2")))?;
    let summary = super::service::read_summary(&stored)?;
    let networks = network_titles(db, wave_id)
        .await?
        .into_iter()
        .map(|(key, title)| (key.key(), title))
        .collect();
    let only = only.map(str::trim).filter(|o| !o.is_empty());
    let departments = summary.groups.as_ref().filter(|g| g.groups.len() > 1);
    let (layer, what) = match (only, departments) {
        (None, Some(groups)) if summary.network.nodes > MAP_PEOPLE_AT_ONCE => (
            groups_map(groups, &summary.group_positions),
            "departments".to_string(),
        ),
        (Some(department), _) => (
            people_map(db, wave_id, key, MapGroup::Department(department)).await?,
            format!("department {department}"),
        ),
        (None, _) => (
            people_map(db, wave_id, key, MapGroup::Everyone).await?,
            "everyone".to_string(),
        ),
    };
    crate::store::audit::record(
        db.pool(),
        &crate::audit::service::actor(user),
        Action::WaveInsight,
        &format!(
            "wave {wave_id}, interactive map of {} ({what})",
            stored.title
        ),
        None,
    )
    .await?;
    let data = MapData {
        title: stored.title,
        network: key.key(),
        networks,
        palette: PALETTE.iter().map(|&c| hex(c)).collect(),
        other: hex(OTHER_GROUP),
        people: summary.network.nodes,
        group: only.map(String::from),
        layer,
    };
    serde_json::to_string(&data).map_err(|e| AppError::internal(format!("the map data: {e}")))
}

/// A figure to 5 significant digits: the map shows 3, and the rest would
/// only make its data longer.
fn rounded(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(5 - x.abs().log10().ceil() as i32);
    (x * scale).round() / scale
}

/// A department's people (or a small network's everyone), one column per field.
async fn people_map(
    db: &Db,
    wave_id: i64,
    key: NetworkKey,
    group: MapGroup<'_>,
) -> Result<MapLayer, AppError> {
    let people = analyses::map_people(db, wave_id, key, group).await?;
    if let (true, MapGroup::Department(only)) = (people.is_empty(), group) {
        return Err(AppError::NotFound(say_with(
            "refused-insight-no-one-in-this-network",
            &[("colour-by", "department".into()), ("only", only.into())],
        )));
    }
    let index: HashMap<i64, u32> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.row.person_id, i as u32))
        .collect();
    let mut layer = MapLayer::default();
    let among: Option<Vec<i64>> = match group {
        MapGroup::Everyone => None,
        MapGroup::Department(_) => Some(people.iter().map(|p| p.row.person_id).collect()),
    };
    for (from, to, weight) in analyses::map_ties(db, wave_id, key, among.as_deref()).await? {
        let weight = match weight {
            MapTieWeight::Weight(w) => w,
            MapTieWeight::Scales(scales) => super::service::tie_weight(&analyses::Tie {
                respondent_id: from,
                named_id: to,
                scales,
            })?,
        };
        if let (Some(&s), Some(&t)) = (index.get(&from), index.get(&to)) {
            layer.sources.push(s);
            layer.targets.push(t);
            layer.weights.push(rounded(weight));
        }
    }
    // Every attribute anyone has, so that every person has the same columns.
    let mut attributes: Vec<&String> = people.iter().flat_map(|p| p.attributes.keys()).collect();
    attributes.sort_by_key(|a| {
        let builtin = ["team", "title", "location"]
            .iter()
            .position(|b| *b == a.as_str());
        (builtin.is_none(), a.starts_with(super::ANSWER), a.as_str())
    });
    attributes.dedup();
    let text = |v: Option<&String>| v.map_or(serde_json::Value::Null, |t| t.as_str().into());
    let mut columns: Vec<(String, Vec<serde_json::Value>)> = vec![(
        "department".into(),
        people
            .iter()
            .map(|p| text(p.row.department.as_ref()))
            .collect(),
    )];
    for attribute in attributes {
        let builtin = ["team", "title", "location"].contains(&attribute.as_str());
        let name = if builtin || attribute.starts_with(super::ANSWER) {
            attribute.clone()
        } else {
            format!("roster: {attribute}")
        };
        columns.push((
            name,
            people
                .iter()
                .map(|p| text(p.attributes.get(attribute)))
                .collect(),
        ));
    }
    let figures: Vec<analysis::export::Attributes> = people
        .iter()
        .map(|p| metric_attributes(Some(&p.row.metrics), people.len()))
        .collect();
    for (at, (name, _)) in figures.first().into_iter().flatten().enumerate() {
        let cell = |value: &Option<Value>| match value {
            Some(Value::Text(t)) => serde_json::Value::from(t.as_str()),
            Some(Value::Integer(i)) => serde_json::Value::from(*i),
            Some(Value::Number(x)) => serde_json::Value::from(rounded(*x)),
            None => serde_json::Value::Null,
        };
        columns.push((
            name.clone(),
            figures.iter().map(|f| cell(&f[at].1)).collect(),
        ));
    }
    layer.fields = columns
        .iter()
        .map(|(name, _)| MapField {
            kind: match name.as_str() {
                "roles" => "roles",
                "community" | "department" => "group",
                _ if meaning(name).is_some() => "metric",
                _ => "group",
            },
            about: meaning(name),
            name: name.clone(),
        })
        .collect();
    layer.columns = columns.into_iter().map(|(_, values)| values).collect();
    for p in &people {
        layer.ids.push(p.row.person_id.to_string());
        layer.labels.push(p.row.name.clone());
        let [x, y] = p.position.unwrap_or_default();
        layer.x.push(rounded(x));
        layer.y.push(rounded(y));
    }
    Ok(layer)
}

/// A large network's departments as the map's dots, each where its people
/// sit on average and sized by them, with the ties between departments.
fn groups_map(groups: &analysis::groups::GroupMatrix, positions: &[Option<[f64; 2]>]) -> MapLayer {
    let mut layer = MapLayer {
        groups: true,
        ..MapLayer::default()
    };
    for (a, group) in groups.groups.iter().enumerate() {
        layer.ids.push(group.clone());
        layer.labels.push(group.clone());
        let [x, y] = positions.get(a).copied().flatten().unwrap_or_default();
        layer.x.push(rounded(x));
        layer.y.push(rounded(y));
        for (b, &count) in groups.ties[a].iter().enumerate() {
            if a != b && count > 0 {
                layer.sources.push(a as u32);
                layer.targets.push(b as u32);
                layer.weights.push(count as f64);
            }
        }
    }
    let inside: Vec<serde_json::Value> = (0..groups.groups.len())
        .map(|a| groups.ties[a][a].into())
        .collect();
    let fields = [
        (
            "department",
            "group",
            None,
            groups.groups.iter().map(|g| g.as_str().into()).collect(),
        ),
        (
            "people",
            "metric",
            Some(say("insight-map-department-people")),
            groups.sizes.iter().map(|&n| n.into()).collect(),
        ),
        (
            "ties inside",
            "metric",
            Some(say("insight-map-department-ties-inside")),
            inside,
        ),
        (
            "ei_index",
            "metric",
            meaning("ei_index"),
            groups
                .ei_index
                .iter()
                .map(|e| e.map_or(serde_json::Value::Null, |e| rounded(e).into()))
                .collect(),
        ),
    ];
    for (name, kind, about, values) in fields {
        layer.fields.push(MapField {
            name: name.into(),
            kind,
            about,
        });
        layer.columns.push(values);
    }
    layer
}

/// One line on what a figure says: the people table's, and the few it has no column for.
fn meaning(name: &str) -> Option<String> {
    super::Column::parse(name)
        .map(super::Column::meaning)
        .or_else(|| {
            let id = match name {
                "in_weight" => "players-in-weight-meaning",
                "out_weight" => "players-out-weight-meaning",
                "eigenvector" => "players-eigenvector-meaning",
                "roles" => "players-roles-meaning",
                _ => return None,
            };
            Some(crate::ui::say(id))
        })
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[derive(serde::Serialize)]
struct MapData {
    title: String,
    /// This network's key, and every network of the wave (key, title).
    network: String,
    networks: Vec<(String, String)>,
    /// The colours of the largest groups, in order, and of all others.
    palette: Vec<String>,
    other: String,
    /// People in the whole network.
    people: usize,
    /// The department drawn, when one was asked for.
    group: Option<String>,
    #[serde(flatten)]
    layer: MapLayer,
}

/// What the map draws, in columns: its dots (people, or departments when
/// `groups`), each dot's values of `fields` by column, and its ties by index.
#[derive(Debug, Default, serde::Serialize)]
struct MapLayer {
    groups: bool,
    fields: Vec<MapField>,
    ids: Vec<String>,
    labels: Vec<String>,
    x: Vec<f64>,
    y: Vec<f64>,
    columns: Vec<Vec<serde_json::Value>>,
    sources: Vec<u32>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

#[derive(Debug, serde::Serialize)]
struct MapField {
    name: String,
    /// "group" (colour by it), "metric" (size by it), "roles" or "fact".
    kind: &'static str,
    about: Option<String>,
}

/// Colours each person by an attribute's value (the largest groups get the
/// palette; roles by the first one) and sizes them by a figure, and returns the legend.
fn attribute(node: &ExportNode, name: &str) -> Option<Value> {
    node.attributes
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_ref())
        .cloned()
}

/// The group a person is coloured by: the attribute's text, "community 3",
/// their first role, or "no department" without one.
/// Every group a person is in by `colour_by`: one value, or each of their roles.
fn groups_of(node: &ExportNode, colour_by: &str) -> Vec<String> {
    match attribute(node, colour_by) {
        Some(Value::Text(t)) if colour_by == "roles" => {
            let roles: Vec<String> = t
                .split(' ')
                .filter(|r| !r.is_empty())
                .map(|r| r.replace('_', " "))
                .collect();
            if roles.is_empty() {
                vec!["no role".to_string()]
            } else {
                roles
            }
        }
        Some(Value::Text(t)) if !t.is_empty() => vec![t],
        Some(Value::Integer(i)) => vec![format!("{colour_by} {i}")],
        Some(Value::Number(x)) => vec![format!("{x}")],
        _ => vec![format!("no {colour_by}")],
    }
}

fn restyle(network: &mut Network, colour_by: &str, size_by: &str) -> Vec<(String, (u8, u8, u8))> {
    let memberships: Vec<Vec<String>> = network
        .nodes
        .iter()
        .map(|node| groups_of(node, colour_by))
        .collect();
    // Someone with several roles counts under each, as the key players list them.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for group in memberships.iter().flatten() {
        match counts.iter_mut().find(|(g, _)| g == group) {
            Some(entry) => entry.1 += 1,
            None => counts.push((group.clone(), 1)),
        }
    }
    let size_of = |g: &String| counts.iter().find(|(c, _)| c == g).map_or(0, |c| c.1);
    // Their dot takes the colour of the rarest.
    let groups: Vec<String> = memberships
        .iter()
        .map(|m| {
            m.iter()
                .min_by_key(|g| size_of(g))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    // People without the attribute (or without a role) are grey, whatever their number.
    let missing = format!(
        "no {}",
        if colour_by == "roles" {
            "role"
        } else {
            colour_by
        }
    );
    let mut colours = group_colours(groups.iter().map(String::as_str).filter(|g| *g != missing));
    colours.insert(missing, OTHER_GROUP);
    let figure = |node: &ExportNode| match attribute(node, size_by) {
        Some(Value::Integer(i)) => i as f64,
        Some(Value::Number(x)) => x,
        _ => 0.0,
    };
    let largest = network.nodes.iter().map(figure).fold(0.0, f64::max);
    for (node, group) in network.nodes.iter_mut().zip(&groups) {
        node.color = Some(colours.get(group).copied().unwrap_or(OTHER_GROUP));
        let share = if largest > 0.0 {
            (figure(node) / largest).max(0.0)
        } else {
            0.0
        };
        node.size = Some(3.0 + 14.0 * share.sqrt());
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .into_iter()
        .take(PALETTE.len())
        .map(|(g, n)| {
            let colour = colours.get(&g).copied().unwrap_or(OTHER_GROUP);
            (format!("{g} ({n})"), colour)
        })
        .collect()
}

/// The network of a wave to export: relation `relation`, or without one the
/// first analysed; the message says what the wave has.
pub async fn analysed_network(
    db: &Db,
    wave: i64,
    relation: Option<i64>,
) -> Result<NetworkKey, AppError> {
    let stored = crate::store::analyses::summaries(db, wave).await?;
    let key = match relation {
        Some(id) => NetworkKey::Relation(id),
        None => stored.first().map(|s| s.network).ok_or_else(|| {
            AppError::invalid(say_with(
                "refused-insight-wave-has-no-analysed-network",
                &[("wave", wave.into())],
            ))
        })?,
    };
    if stored.iter().any(|s| s.network == key) {
        return Ok(key);
    }
    let known: Vec<String> = stored
        .iter()
        .filter_map(|s| match s.network {
            NetworkKey::Relation(id) => Some(format!("{id} ({})", s.title)),
            NetworkKey::Import(_) => None,
        })
        .collect();
    Err(AppError::invalid(say_with(
        "refused-insight-wave-has-no-analysed-relation",
        &[
            ("wave", wave.into()),
            ("unwrap-or-default", (relation.unwrap_or_default()).into()),
            (
                "join",
                (if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                })
                .into(),
            ),
        ],
    )))
}

/// The department matrix and how many of each department answered, as the
/// analysis stored them (the group map's usual grouping, and managers' only one).
async fn stored_departments(
    db: &Db,
    wave_id: i64,
    key: NetworkKey,
    attribute: &str,
) -> Result<Option<(analysis::groups::GroupMatrix, Vec<usize>)>, AppError> {
    if attribute != "department" {
        return Ok(None);
    }
    let Some(stored) = analyses::summaries(db, wave_id)
        .await?
        .into_iter()
        .find(|s| s.network == key)
    else {
        return Ok(None);
    };
    let summary = super::service::read_summary(&stored)?;
    Ok(summary
        .groups
        .filter(|g| g.groups.len() == summary.group_answered.len())
        .map(|groups| (groups, summary.group_answered)))
}

/// The group matrix of any attribute and how many of each group answered,
/// computed from the wave's ties.
async fn computed_groups(
    db: &Db,
    wave_id: i64,
    key: NetworkKey,
    attribute: &str,
) -> Result<(analysis::groups::GroupMatrix, Vec<usize>), AppError> {
    let graph = wave_network(db, wave_id, key).await?.graph;
    let matrix = analysis::groups::matrix_by_attribute(&graph, attribute);
    let respondents: std::collections::HashSet<String> =
        crate::store::surveys::respondents(db, wave_id)
            .await?
            .into_iter()
            .map(|id| id.to_string())
            .collect();
    let mut answered = vec![0usize; matrix.groups.len()];
    let (_, group_of) = analysis::groups::by_attribute(&graph, attribute);
    for (node, &group) in graph.node_weights().zip(&group_of) {
        if respondents.contains(&node.id) {
            answered[group] += 1;
        }
    }
    Ok((matrix, answered))
}

/// The group map of one network for a roster attribute (department when
/// left out), as an SVG picture. Managers see it too, by department only and
/// as [`crate::disclosure::group_map_for_manager`] shapes it.
pub async fn group_map_svg(
    db: &Db,
    policy: &crate::model::policy::Policy,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
    attribute: Option<&str>,
) -> Result<String, AppError> {
    user.require(|u| u.can_see_individuals() || u.sees_own_reports_only())?;
    let attribute = attribute.filter(|a| !a.is_empty()).unwrap_or("department");
    let staff = user.can_see_individuals();
    if !staff && attribute != crate::disclosure::GROUPING_FOR_MANAGERS {
        // Two groupings of one wave subtract to what each hides; and how
        // many gave each answer is the respondents' to tell analysts only.
        return Err(AppError::Forbidden);
    }
    let (mut matrix, answered) = match stored_departments(db, wave_id, key, attribute).await? {
        Some(stored) => stored,
        None => computed_groups(db, wave_id, key, attribute).await?,
    };
    let mut left_out = 0;
    if !staff {
        (matrix, left_out) =
            crate::disclosure::group_map_for_manager(&matrix, &answered, policy.min_people());
    }
    // Each group's colour as the person-level maps give it: by headcount.
    let colours = group_colours(
        matrix
            .groups
            .iter()
            .zip(&matrix.sizes)
            .flat_map(|(group, &size)| std::iter::repeat_n(group.as_str(), size)),
    );
    let in_order: Vec<(u8, u8, u8)> = matrix
        .groups
        .iter()
        .map(|g| colours.get(g).copied().unwrap_or(OTHER_GROUP))
        .collect();
    let note = (left_out > 0).then(|| {
        format!(
            "{left_out} group{} where fewer than {} people answered {} left out.",
            if left_out == 1 { "" } else { "s" },
            policy.min_people(),
            if left_out == 1 { "is" } else { "are" }
        )
    });
    Ok(analysis::export::group_svg(
        &matrix,
        &in_order,
        note.as_deref(),
    ))
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

/// The network with everything an export writes: loaded here, put together
/// by [`exported`].
async fn network(db: &Db, wave_id: i64, key: NetworkKey) -> Result<Network, AppError> {
    let missing = || AppError::not_found(say("refused-insight-this-wave-has-no-analysed"));
    if crate::store::retention::answers_deleted_at(db, wave_id)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(say(
            "refused-insight-this-wave-s-individual-answers",
        )));
    }
    let graph = wave_network(db, wave_id, key).await?;
    let stored = analyses::load_network(db, wave_id, key)
        .await?
        .ok_or_else(missing)?;
    let report: Report = serde_json::from_str(&stored.report)
        .map_err(|e| AppError::internal(format!("the stored report is unreadable: {e}")))?;
    let layout = stored
        .layout
        .as_deref()
        .map(read_layout)
        .transpose()?
        .unwrap_or_default();
    let closed = crate::store::surveys::get_wave(db, wave_id)
        .await?
        .map(|w| w.closes_on)
        .ok_or_else(missing)?;
    let roster: HashMap<String, crate::store::people::PersonAsOf> =
        crate::store::people::roster_as_of(
            db,
            &crate::model::date::Date::today().iso().min(closed),
        )
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p))
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
    Ok(exported(graph, &report, &layout, &roster, tie_scales))
}

/// A wave's network as an export writes it: each person with their roster
/// fields, their answers about themselves and their measures; each tie with
/// its scales.
fn exported(
    graph: super::service::Network,
    report: &Report,
    layout: &super::service::Layout,
    roster: &HashMap<String, crate::store::people::PersonAsOf>,
    mut tie_scales: HashMap<(String, String), analysis::export::Attributes>,
) -> Network {
    let metrics: HashMap<&str, &analysis::NodeMetrics> =
        report.nodes.iter().map(|m| (m.id.as_str(), m)).collect();
    // Every custom attribute any person has, so that every node has the same columns.
    let mut custom: Vec<String> = roster
        .values()
        .flat_map(|p| p.fields.attributes.keys().cloned())
        .collect();
    custom.sort();
    custom.dedup();
    // Answers about the respondent, under the names the graph gives them.
    let mut answer_names: Vec<String> = graph
        .graph
        .node_weights()
        .flat_map(|n| n.attributes.keys())
        .filter(|k| k.starts_with(super::ANSWER))
        .cloned()
        .collect();
    answer_names.sort();
    answer_names.dedup();
    let colours = group_colours(graph.graph.node_weights().map(department));
    let people = graph.graph.node_count();
    let nodes = graph
        .graph
        .node_weights()
        .map(|node| {
            let m = metrics.get(node.id.as_str()).copied();
            let mut attributes = roster_attributes(roster.get(&node.id), &custom);
            attributes.extend(answer_names.iter().map(|question| {
                (
                    question.clone(),
                    node.attributes.get(question).cloned().map(Value::Text),
                )
            }));
            attributes.extend(metric_attributes(m, people));
            let in_degree = m.map_or(0, |m| m.in_degree) as f64;
            ExportNode {
                id: node.id.clone(),
                label: node
                    .attributes
                    .get("name")
                    .cloned()
                    .unwrap_or_else(|| node.id.clone()),
                attributes,
                position: layout.get(&node.id).map(|&[x, y]| Position { x, y }),
                color: Some(
                    colours
                        .get(department(node))
                        .copied()
                        .unwrap_or(OTHER_GROUP),
                ),
                size: Some(4.0 + 2.0 * in_degree.sqrt()),
            }
        })
        .collect();
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
    Network {
        title: graph.title,
        directed: true,
        nodes,
        edges,
    }
}

/// A node's department, as the colours group it ("" without one).
fn department(node: &analysis::Node) -> &str {
    node.attributes.get("department").map_or("", String::as_str)
}

/// What the roster says of a person, custom attributes included.
fn roster_attributes(
    person: Option<&crate::store::people::PersonAsOf>,
    custom: &[String],
) -> analysis::export::Attributes {
    let fields = person.map(|p| &p.fields);
    let text = |f: fn(&crate::people::PersonFields) -> &Option<String>| {
        fields.and_then(|fields| f(fields).clone()).map(Value::Text)
    };
    let mut attributes = vec![
        (
            "email".to_string(),
            person.map(|p| Value::Text(p.email.clone())),
        ),
        ("department".to_string(), text(|f| &f.department)),
        ("team".to_string(), text(|f| &f.team)),
        ("title".to_string(), text(|f| &f.title)),
        ("location".to_string(), text(|f| &f.location)),
        ("hire_date".to_string(), text(|f| &f.hire_date)),
    ];
    attributes.extend(custom.iter().map(|name| {
        (
            format!("roster: {name}"),
            fields
                .and_then(|f| f.attributes.get(name))
                .cloned()
                .map(Value::Text),
        )
    }));
    attributes
}

/// A person's measures in the network, as an export's columns: each as the
/// people table shows it (closeness over the n − 1 others, 0 to 1).
fn metric_attributes(
    m: Option<&analysis::NodeMetrics>,
    people: usize,
) -> analysis::export::Attributes {
    let others = people.saturating_sub(1).max(1) as f64;
    let count = |f: fn(&analysis::NodeMetrics) -> usize| m.map(|m| Value::Integer(f(m) as i64));
    let real = |f: fn(&analysis::NodeMetrics) -> Option<f64>| {
        m.and_then(|m| f(m).filter(|x| x.is_finite()).map(Value::Number))
    };
    vec![
        ("in_degree".to_string(), count(|m| m.in_degree)),
        ("out_degree".to_string(), count(|m| m.out_degree)),
        ("in_weight".to_string(), real(|m| Some(m.in_weight))),
        ("out_weight".to_string(), real(|m| Some(m.out_weight))),
        ("betweenness".to_string(), real(|m| Some(m.betweenness))),
        (
            "closeness".to_string(),
            m.map(|m| Value::Number(m.harmonic_closeness / others)),
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
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, roles: &str) -> ExportNode {
        ExportNode {
            id: id.into(),
            label: id.into(),
            attributes: vec![("roles".into(), Some(Value::Text(roles.into())))],
            ..ExportNode::default()
        }
    }

    #[test]
    fn a_large_network_opens_on_its_departments_with_the_ties_between_them() {
        let groups = analysis::groups::GroupMatrix {
            attribute: "department".into(),
            groups: vec!["Finance".into(), "Sales".into(), "(none)".into()],
            sizes: vec![4000, 6000, 12],
            ties: vec![vec![900, 30, 0], vec![45, 2000, 1], vec![0, 0, 0]],
            density: vec![vec![None; 3]; 3],
            ei_index: vec![Some(-0.9), Some(-0.95123456), None],
        };
        let positions = [Some([1.0, 2.0]), Some([-3.0, 0.123456789]), None];
        let layer = groups_map(&groups, &positions);
        assert!(layer.groups);
        assert_eq!(layer.ids, ["Finance", "Sales", "(none)"]);
        assert_eq!(
            (layer.x.clone(), layer.y.clone()),
            (vec![1.0, -3.0, 0.0], vec![2.0, 0.12346, 0.0])
        );
        // Ties between departments only, each way, by index, weighed by their count.
        let ties: Vec<(u32, u32, f64)> = layer
            .sources
            .iter()
            .zip(&layer.targets)
            .zip(&layer.weights)
            .map(|((&s, &t), &w)| (s, t, w))
            .collect();
        assert_eq!(ties, [(0, 1, 30.0), (1, 0, 45.0), (1, 2, 1.0)]);
        let column = |name: &str| {
            let at = layer
                .fields
                .iter()
                .position(|f| f.name == name)
                .expect(name);
            (layer.fields[at].kind, layer.columns[at].clone())
        };
        assert_eq!(
            column("people"),
            ("metric", vec![4000.into(), 6000.into(), 12.into()])
        );
        assert_eq!(
            column("ties inside"),
            ("metric", vec![900.into(), 2000.into(), 0.into()])
        );
        assert_eq!(column("department").0, "group");
        assert_eq!(
            column("ei_index").1,
            vec![(-0.9).into(), (-0.95123).into(), serde_json::Value::Null]
        );
    }

    #[test]
    fn map_figures_keep_five_significant_digits() {
        for (x, rounded_x) in [
            (0.0, 0.0),
            (0.123456789, 0.12346),
            (123456.789, 123460.0),
            (-0.000123456789, -0.00012346),
            (7.0, 7.0),
        ] {
            assert_eq!(rounded(x), rounded_x, "{x}");
        }
        assert!(rounded(f64::NAN).is_nan());
    }

    #[test]
    fn someone_with_several_roles_counts_under_each_and_takes_the_rarest_colour() {
        let mut network = Network {
            title: "help".into(),
            directed: true,
            nodes: vec![
                person("ana", "central_connector broker"),
                person("rui", "broker"),
                person("eva", "broker"),
                person("dan", ""),
            ],
            edges: Vec::new(),
        };
        let legend = restyle(&mut network, "roles", "in_degree");
        let entries: Vec<&str> = legend.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(
            entries,
            ["broker (3)", "central connector (1)", "no role (1)"],
            "as many brokers as the key players list"
        );
        let colour_of = |label: &str| legend.iter().find(|(l, _)| l == label).map(|(_, c)| *c);
        assert_eq!(network.nodes[0].color, colour_of("central connector (1)"));
        assert_eq!(network.nodes[1].color, colour_of("broker (3)"));
        assert_eq!(network.nodes[3].color, Some(OTHER_GROUP));
    }
}
