//! Computing a wave's network analysis (when it closes, or on demand) and
//! reading the stored results for the insight page.

use super::words::role_reason;
use super::{
    AnswerCount, AnswerReport, AnswerRow, AnswerTally, Change, Confidence, Figures, Heatmap,
    KeyPlayer, ListedPlayer, ListedRole, NamedPerson, NetworkKey, NetworkSummary, NotAnswered,
    RelationInsight, RolePlayers, TrendPoint, WaveInsight, KEY_PLAYERS_LISTED,
};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say;
use crate::model::policy::Policy;
use crate::store::analyses::{self, Stored, Summary};
use crate::store::{now_ms, surveys as survey_store, Db};
use crate::surveys::{RelationKind, WaveStatus};
use analysis::{analyze, Extras, GraphBuilder, Options, Report};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One network of a wave: a survey relation, or one imported from elsewhere.
/// Nodes are everyone invited, with their roster attributes as the roster
/// stood when the wave closed.
/// Who a person is shown as once the roster no longer has them.
const NO_LONGER_LISTED: &str = "someone no longer listed";

pub(super) struct Network {
    pub key: NetworkKey,
    pub title: String,
    /// The survey relation's id and kind (`None` for an imported network).
    pub relation: Option<(i64, RelationKind)>,
    pub graph: analysis::Graph,
}

/// A tie's scale values (how often, how important, energy) as stored.
pub(super) fn scales(tie: &analyses::Tie) -> Result<BTreeMap<String, i64>, AppError> {
    serde_json::from_str(&tie.scales).map_err(|e| {
        AppError::internal(format!(
            "the scales of {}'s tie to {} are unreadable: {e}",
            tie.respondent_id, tie.named_id
        ))
    })
}

pub(super) fn tie_weight(tie: &analyses::Tie) -> Result<f64, AppError> {
    let values = scales(tie)?;
    // How often or how important, when asked; else every tie weighs 1.
    Ok(values
        .get("frequency")
        .or_else(|| values.get("importance"))
        .map_or(1.0, |v| *v as f64))
}

async fn wave_and_survey(
    db: &Db,
    wave_id: i64,
) -> Result<(crate::surveys::Wave, survey_store::SurveyRecord), AppError> {
    let wave = survey_store::get_wave(db, wave_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-insight-there-is-no-such-wave-2")))?;
    let survey = survey_store::get(db, wave.survey_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("wave {wave_id} names a missing survey")))?;
    Ok((wave, survey))
}

pub(super) async fn wave_networks(db: &Db, wave_id: i64) -> Result<Vec<Network>, AppError> {
    networks_of(db, wave_id, |_| true).await
}

/// One network of a wave, the others left unbuilt.
pub(super) async fn wave_network(
    db: &Db,
    wave_id: i64,
    key: NetworkKey,
) -> Result<Network, AppError> {
    networks_of(db, wave_id, |k| k == key)
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found(say("refused-insight-this-wave-has-no-analysed-2")))
}

/// Every network of a wave by key and title, none of them built.
pub(super) async fn network_titles(
    db: &Db,
    wave_id: i64,
) -> Result<Vec<(NetworkKey, String)>, AppError> {
    let (_, survey) = wave_and_survey(db, wave_id).await?;
    let mut titles: Vec<(NetworkKey, String)> = survey
        .definition
        .relations
        .iter()
        .map(|r| (NetworkKey::Relation(r.id), r.question.clone()))
        .collect();
    for imported in analyses::imported_networks(db, wave_id).await? {
        titles.push((NetworkKey::Import(imported.id), imported.name));
    }
    Ok(titles)
}

/// The wave's networks whose key is `wanted`, with everyone invited as nodes.
async fn networks_of(
    db: &Db,
    wave_id: i64,
    wanted: impl Fn(NetworkKey) -> bool,
) -> Result<Vec<Network>, AppError> {
    let (wave, survey) = wave_and_survey(db, wave_id).await?;
    let as_of = crate::model::date::Date::today()
        .iso()
        .min(wave.closes_on.clone());
    let roster: HashMap<i64, crate::store::people::PersonAsOf> =
        crate::store::people::roster_as_of(db, &as_of)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let invited = analyses::invited(db, wave_id).await?;
    let answers = answer_attributes(db, wave_id, &survey.definition).await?;
    let builder = || {
        let mut builder = GraphBuilder::new();
        for id in &invited {
            let mut attributes = BTreeMap::new();
            if let Some(p) = roster.get(id) {
                let f = &p.fields;
                let name = f
                    .preferred_name
                    .clone()
                    .unwrap_or_else(|| f.full_name.clone());
                // Custom roster attributes first: a built-in field of the same name wins.
                attributes.extend(f.attributes.clone());
                attributes.insert("name".to_string(), name);
                for (key, value) in [
                    ("department", &f.department),
                    ("team", &f.team),
                    ("location", &f.location),
                    ("title", &f.title),
                ] {
                    if let Some(v) = value {
                        attributes.insert(key.to_string(), v.clone());
                    }
                }
            }
            if let Some(answered) = answers.get(&id.to_string()) {
                attributes.extend(answered.clone());
            }
            builder.node(&id.to_string(), attributes);
        }
        builder
    };
    let mut networks = Vec::new();
    for relation in &survey.definition.relations {
        if !wanted(NetworkKey::Relation(relation.id)) {
            continue;
        }
        let mut graph = builder();
        for tie in analyses::ties(db, wave_id, relation.id).await? {
            graph.edge(
                &tie.respondent_id.to_string(),
                &tie.named_id.to_string(),
                tie_weight(&tie)?,
            );
        }
        networks.push(Network {
            key: NetworkKey::Relation(relation.id),
            title: relation.question.clone(),
            relation: Some((relation.id, relation.kind)),
            graph: graph.build(),
        });
    }
    for imported in analyses::imported_networks(db, wave_id).await? {
        if !wanted(NetworkKey::Import(imported.id)) {
            continue;
        }
        let mut graph = builder();
        for tie in analyses::imported_ties(db, imported.id).await? {
            graph.edge(
                &tie.source_id.to_string(),
                &tie.target_id.to_string(),
                tie.weight,
            );
        }
        networks.push(Network {
            key: NetworkKey::Import(imported.id),
            title: imported.name,
            relation: None,
            graph: graph.build(),
        });
    }
    Ok(networks)
}

/// The "need more access" nominations and energy ratings each person of
/// `graph` received, from the wave's other relations.
async fn extras(
    db: &Db,
    wave_id: i64,
    relations: &[(i64, RelationKind)],
    graph: &analysis::Graph,
) -> Result<Extras, AppError> {
    let index: HashMap<String, usize> = graph
        .node_weights()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let mut extras = Extras::default();
    for &(relation_id, kind) in relations {
        match kind {
            RelationKind::Access => {
                let mut counts = vec![0usize; graph.node_count()];
                for tie in analyses::ties(db, wave_id, relation_id).await? {
                    if let Some(&i) = index.get(&tie.named_id.to_string()) {
                        counts[i] += 1;
                    }
                }
                extras.access_nominations = Some(counts);
            }
            RelationKind::Energy => {
                let mut ratings = vec![Vec::new(); graph.node_count()];
                for tie in analyses::ties(db, wave_id, relation_id).await? {
                    let values = scales(&tie)?;
                    if let (Some(&i), Some(v)) =
                        (index.get(&tie.named_id.to_string()), values.get("energy"))
                    {
                        ratings[i].push(*v as f64);
                    }
                }
                extras.energy_received = Some(ratings);
            }
            _ => {}
        }
    }
    Ok(extras)
}

/// The survey's previous analysed wave, to compare with: its number, its
/// networks and their stored analyses.
async fn previous_analysed(
    db: &Db,
    wave_id: i64,
) -> Result<Option<(i64, Vec<Network>, Vec<Stored>)>, AppError> {
    let (wave, survey) = wave_and_survey(db, wave_id).await?;
    for earlier in survey.waves.iter().filter(|w| w.number < wave.number).rev() {
        let stored = analyses::load(db, earlier.id).await?;
        if !stored.is_empty() {
            return Ok(Some((
                earlier.number,
                wave_networks(db, earlier.id).await?,
                stored,
            )));
        }
    }
    Ok(None)
}

/// Who submitted their answers to a wave, by node id.
async fn respondents(db: &Db, wave_id: i64) -> Result<HashSet<String>, AppError> {
    Ok(crate::store::surveys::respondents(db, wave_id)
        .await?
        .into_iter()
        .map(|id| id.to_string())
        .collect())
}

/// Computes and stores every network's analysis of a wave, recording progress.
pub async fn compute(db: &Db, policy: &Policy, wave_id: i64) -> Result<(), AppError> {
    // A pulse has no analysis of its own: its answers feed the Newcomers page.
    if crate::store::pulses::is_pulse_wave(db, wave_id).await? {
        return Ok(());
    }
    let networks = wave_networks(db, wave_id).await?;
    let steps = (networks.len() as i64).max(1);
    if !analyses::start_run(db, wave_id, steps).await? {
        return Err(AppError::Conflict(say(
            "refused-insight-this-wave-s-analysis-is",
        )));
    }
    let started = std::time::Instant::now();
    let heartbeat = {
        let db = db.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(analyses::RUN_HEARTBEAT);
            loop {
                every.tick().await;
                if let Err(err) = analyses::beat(&db, wave_id).await {
                    tracing::warn!(wave_id, error = %err, "a running analysis could not say it is alive");
                }
            }
        })
    };
    let result = compute_started(db, policy, wave_id, networks).await;
    heartbeat.abort();
    crate::metrics::record_analysis(result.is_ok(), started.elapsed());
    analyses::finish_run(
        db,
        wave_id,
        result.as_ref().err().map(|e| e.to_string()).as_deref(),
    )
    .await?;
    result
}

async fn compute_started(
    db: &Db,
    policy: &Policy,
    wave_id: i64,
    networks: Vec<Network>,
) -> Result<(), AppError> {
    let use_ = crate::store::outbox::link_use(db, wave_id).await?;
    let (invited, answered) = (use_.invited, use_.answered);
    let confidence = Confidence::of(answered, invited);
    let previous = previous_analysed(db, wave_id).await?;
    let relations: Vec<(i64, RelationKind)> = networks.iter().filter_map(|n| n.relation).collect();
    let respondents = respondents(db, wave_id).await?;
    let mut stored = Vec::new();
    for (done, network) in networks.into_iter().enumerate() {
        let mut extras = extras(db, wave_id, &relations, &network.graph).await?;
        // A survey question's network knows who answered; an added one does not.
        extras.answered = network.relation.map(|_| {
            network
                .graph
                .node_weights()
                .map(|n| respondents.contains(&n.id))
                .collect()
        });
        let options = Options {
            group_attribute: Some("department".into()),
            sample_sources: analysis::default_sample_sources(network.graph.node_count()),
            thresholds: policy.role_thresholds.clone(),
            ..Options::default()
        };
        let lineage = network.key.lineage(&network.title);
        let earlier_layout = previous
            .as_ref()
            .and_then(|(_, _, reports)| {
                reports
                    .iter()
                    .find(|r| r.network.lineage(&r.title) == lineage)
            })
            .and_then(|r| r.layout.as_deref())
            .map(read_layout)
            .transpose()?
            .unwrap_or_default();
        // Seconds of computing on a large network: off the threads that
        // answer requests and keep the run's heartbeat.
        let Network {
            key, title, graph, ..
        } = network;
        let (graph, report, analysed, layout, laid_out) = tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let report = analyze(&graph, &options, &extras);
            let analysed = started.elapsed();
            let layout = lay_out(&graph, &earlier_layout);
            (
                graph,
                report,
                analysed,
                layout,
                started.elapsed() - analysed,
            )
        })
        .await
        .map_err(AppError::internal)?;
        tracing::info!(
            wave_id,
            network = %key.key(),
            people = graph.node_count(),
            ties = graph.edge_count(),
            analysis_ms = analysed.as_millis() as u64,
            layout_ms = laid_out.as_millis() as u64,
            "network analysed"
        );
        let changes = previous.as_ref().and_then(|(number, graphs, reports)| {
            let then_graph = &graphs
                .iter()
                .find(|g| g.key.lineage(&g.title) == lineage)?
                .graph;
            let then_report = reports
                .iter()
                .find(|r| r.network.lineage(&r.title) == lineage)?;
            let then: Report = serde_json::from_str(&then_report.report)
                    .inspect_err(|e| tracing::error!(wave_id, error = %e, "the previous wave's report is unreadable; no changes shown"))
                    .ok()?;
            Some((
                *number,
                analysis::compare::compare(then_graph, &then, &graph, &report),
            ))
        });
        analyses::progress(db, wave_id, done as i64 + 1).await?;
        let changes = changes.map_or((None, Vec::new()), |(number, c)| (Some(number), c));
        let (summary, people) = pages_of(&graph, &report, &changes.1, &layout, &respondents)?;
        stored.push((
            Stored {
                network: key,
                title,
                computed_at: now_ms(),
                invited,
                answered,
                confidence,
                report: serde_json::to_string(&report).map_err(AppError::internal)?,
                previous_wave: changes.0,
                changes: serde_json::to_string(&changes.1).map_err(AppError::internal)?,
                layout: Some(serde_json::to_string(&layout).map_err(AppError::internal)?),
                summary: Some(serde_json::to_string(&summary).map_err(AppError::internal)?),
            },
            people,
        ));
    }
    analyses::save(db, wave_id, &stored).await?;
    Ok(())
}

/// A heatmap is kept with the analysis for an attribute of at most this many
/// groups (more would not read as a picture, and would be large); another is
/// computed when asked for.
const STORED_HEATMAP_GROUPS: usize = 60;

/// What the pages read of one analysed network, computed once with it: the
/// insight page's summary, and everyone's row of the people table with their
/// place on the map.
fn pages_of(
    graph: &analysis::Graph,
    report: &Report,
    changes: &[analysis::compare::PersonChange],
    layout: &Layout,
    respondents: &HashSet<String>,
) -> Result<(NetworkSummary, Vec<analyses::AnalysedPerson>), AppError> {
    let nodes: HashMap<&str, &analysis::Node> =
        graph.node_weights().map(|n| (n.id.as_str(), n)).collect();
    let name = |id: i64| {
        nodes
            .get(id.to_string().as_str())
            .and_then(|n| n.attributes.get("name"))
            .cloned()
            .unwrap_or_else(|| NO_LONGER_LISTED.to_string())
    };
    let others = report.nodes.len().saturating_sub(1).max(1) as f64;
    let people = report
        .nodes
        .iter()
        .map(|m| {
            let person_id = person_id(&m.id)?;
            let mut attributes = nodes
                .get(m.id.as_str())
                .map(|n| n.attributes.clone())
                .unwrap_or_default();
            attributes.remove("name");
            Ok(analyses::AnalysedPerson {
                row: super::PersonRow {
                    person_id,
                    name: name(person_id),
                    department: attributes.remove("department"),
                    closeness: m.harmonic_closeness / others,
                    metrics: m.clone(),
                },
                attributes,
                position: layout.get(&m.id).copied(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    let builtin = ["department", "team", "location", "title", "name"];
    let mut attributes: Vec<String> = graph
        .node_weights()
        .flat_map(|n| n.attributes.keys())
        .filter(|k| !builtin.contains(&k.as_str()) && !k.starts_with(super::ANSWER))
        .cloned()
        .collect();
    attributes.sort();
    attributes.dedup();
    let mut answer_attributes: Vec<&String> = graph
        .node_weights()
        .flat_map(|n| n.attributes.keys())
        .filter(|k| k.starts_with(super::ANSWER))
        .collect();
    answer_attributes.sort();
    answer_attributes.dedup();
    let heatmaps = ["team", "location", "title"]
        .iter()
        .map(|a| a.to_string())
        .chain(attributes.iter().cloned())
        .chain(answer_attributes.into_iter().cloned())
        .filter(|attribute| {
            let values: HashSet<Option<&String>> = graph
                .node_weights()
                .map(|n| n.attributes.get(attribute))
                .collect();
            values.len() <= STORED_HEATMAP_GROUPS
        })
        .map(|attribute| heatmap_of(&analysis::groups::matrix_by_attribute(graph, &attribute)))
        .collect();
    let summary = NetworkSummary {
        network: report.network.clone(),
        groups: report.groups.clone(),
        group_positions: group_positions(graph, layout),
        group_answered: group_answered(graph, respondents),
        heatmaps,
        attributes,
        key_players: key_players(&report.roles, &name)?,
        changes: largest_changes(changes, &name)?,
        answers: answer_tallies(graph, report),
    };
    Ok((summary, people))
}

/// Each answer attribute's answers, how many gave each and how often they
/// are named, by answer in the order met.
fn answer_tallies(graph: &analysis::Graph, report: &Report) -> Vec<AnswerTally> {
    let in_degree: HashMap<&str, usize> = report
        .nodes
        .iter()
        .map(|m| (m.id.as_str(), m.in_degree))
        .collect();
    let mut tallies: BTreeMap<&str, Vec<AnswerCount>> = BTreeMap::new();
    for node in graph.node_weights() {
        let named = in_degree.get(node.id.as_str()).copied().unwrap_or(0);
        for (attribute, answer) in &node.attributes {
            if !attribute.starts_with(super::ANSWER) {
                continue;
            }
            let counts = tallies.entry(attribute).or_default();
            match counts.iter_mut().find(|c| c.answer == *answer) {
                Some(count) => {
                    count.people += 1;
                    count.in_degree += named;
                }
                None => counts.push(AnswerCount {
                    answer: answer.clone(),
                    people: 1,
                    in_degree: named,
                }),
            }
        }
    }
    tallies
        .into_iter()
        .map(|(attribute, answers)| AnswerTally {
            attribute: attribute.to_string(),
            answers,
        })
        .collect()
}

/// The average place on the map of each department's people, in the
/// order of the department matrix's groups.
fn group_positions(graph: &analysis::Graph, layout: &Layout) -> Vec<Option<[f64; 2]>> {
    let (groups, group_of) = analysis::groups::by_attribute(graph, "department");
    let mut sums = vec![(0.0, 0.0, 0usize); groups.len()];
    for (node, &group) in graph.node_weights().zip(&group_of) {
        if let Some([x, y]) = layout.get(&node.id) {
            let sum = &mut sums[group];
            *sum = (sum.0 + x, sum.1 + y, sum.2 + 1);
        }
    }
    sums.into_iter()
        .map(|(x, y, n)| (n > 0).then(|| [x / n as f64, y / n as f64]))
        .collect()
}

/// How many of each department's people answered, in the order of the
/// department matrix's groups.
fn group_answered(graph: &analysis::Graph, respondents: &HashSet<String>) -> Vec<usize> {
    let (groups, group_of) = analysis::groups::by_attribute(graph, "department");
    let mut counts = vec![0; groups.len()];
    for (node, &group) in graph.node_weights().zip(&group_of) {
        if respondents.contains(&node.id) {
            counts[group] += 1;
        }
    }
    counts
}

/// Positions on the map by person id, as stored.
pub type Layout = BTreeMap<String, [f64; 2]>;

pub fn read_layout(json: &str) -> Result<Layout, AppError> {
    serde_json::from_str(json)
        .map_err(|e| AppError::internal(format!("a stored map layout is unreadable: {e}")))
}

/// The network's map, starting each person where an earlier wave's map had them.
fn lay_out(graph: &analysis::Graph, earlier: &Layout) -> Layout {
    use analysis::layout::{force_atlas2, LayoutOptions, Position};
    let start: Vec<Option<Position>> = graph
        .node_weights()
        .map(|node| earlier.get(&node.id).map(|&[x, y]| Position { x, y }))
        .collect();
    let positions = force_atlas2(graph, &start, &LayoutOptions::default());
    graph
        .node_weights()
        .zip(positions)
        .map(|(node, p)| (node.id.clone(), [p.x, p.y]))
        .collect()
}

/// Whether the user may have this wave analyzed now: it must have opened.
pub async fn may_analyze(db: &Db, user: &CurrentUser, wave_id: i64) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let wave = survey_store::get_wave(db, wave_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-insight-there-is-no-such-wave-2")))?;
    if wave.status == WaveStatus::Draft {
        return Err(AppError::invalid(say(
            "refused-insight-a-draft-wave-has-no",
        )));
    }
    if crate::store::retention::answers_deleted_at(db, wave_id)
        .await?
        .is_some()
    {
        return Err(AppError::invalid(say(
            "refused-insight-this-wave-s-answers-were",
        )));
    }
    Ok(())
}

/// A node of a stored analysis is a person id; anything else is a fault.
fn person_id(id: &str) -> Result<i64, AppError> {
    id.parse()
        .map_err(|e| AppError::internal(format!("a stored analysis names node '{id}' ({e})")))
}

/// One page of an analysed network's people table.
pub async fn people_table(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
    query: &super::TableQuery,
) -> Result<super::PeopleTable, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    wave_and_survey(db, wave_id).await?;
    if analyses::summaries(db, wave_id)
        .await?
        .iter()
        .all(|s| s.network != key)
    {
        return Err(AppError::not_found(say(
            "refused-insight-this-wave-has-no-analysed-2",
        )));
    }
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::PeopleTable,
        &format!("wave {wave_id}, {}", key.key()),
        None,
    )
    .await?;
    Ok(analyses::people_table(db, wave_id, key, query).await?)
}

/// Each choice or agreement question: how many gave each answer, and how many
/// colleagues name them on average in the survey's first relation, from the
/// tallies stored with its analysis.
fn answer_reports(
    k: usize,
    definition: &crate::surveys::SurveyDefinition,
    this_wave: &[(Summary, NetworkSummary)],
) -> Vec<AnswerReport> {
    let Some(relation) = definition.relations.first() else {
        return Vec::new();
    };
    let Some((_, summary)) = this_wave
        .iter()
        .find(|(s, _)| s.network == NetworkKey::Relation(relation.id))
    else {
        return Vec::new();
    };
    definition
        .questions
        .iter()
        // Free text would name its writer; it is never summarised here.
        .filter_map(|question| Some((question, answer_values(question)?)))
        .map(|(question, values)| {
            let attribute = format!("{}{}", super::ANSWER, question.prompt);
            let tally = summary.answers.iter().find(|t| t.attribute == attribute);
            let counts: Vec<(usize, usize)> = values
                .iter()
                .map(|(_, label)| {
                    tally
                        .and_then(|t| t.answers.iter().find(|c| c.answer == *label))
                        .map_or((0, 0), |c| (c.people, c.in_degree))
                })
                .collect();
            let people: Vec<usize> = counts.iter().map(|(people, _)| *people).collect();
            let shown = crate::disclosure::shown(&people, k);
            let rows = values
                .into_iter()
                .zip(counts)
                .zip(shown)
                .map(|(((_, label), (people, in_degree)), shown)| AnswerRow {
                    answer: label,
                    people: shown.then_some(people),
                    mean_in_degree: (shown && people > 0).then(|| in_degree as f64 / people as f64),
                })
                .collect();
            AnswerReport {
                prompt: question.prompt.clone(),
                relation: relation.question.clone(),
                rows,
            }
        })
        .collect()
}

/// The answers a question about the respondent can get (stored value, label),
/// or `None` for free text, which is never grouped or summarised.
fn answer_values(question: &crate::surveys::AttributeQuestion) -> Option<Vec<(String, String)>> {
    use crate::surveys::QuestionKind;
    match question.kind {
        QuestionKind::Text => None,
        QuestionKind::Choice => Some(
            question
                .options
                .iter()
                .map(|o| (o.clone(), o.clone()))
                .collect(),
        ),
        QuestionKind::Agreement => Some(
            (1..=5)
                .map(|v| {
                    let label = match v {
                        1 => "1 (strongly disagree)".to_string(),
                        5 => "5 (strongly agree)".to_string(),
                        v => v.to_string(),
                    };
                    (v.to_string(), label)
                })
                .collect(),
        ),
    }
}

/// Each respondent's answers to the questions about them, as node attributes
/// ("answer: PROMPT" → the answer's label), so that the heatmap, E-I, the
/// maps and the exports group by them as by any roster field.
async fn answer_attributes(
    db: &Db,
    wave_id: i64,
    definition: &crate::surveys::SurveyDefinition,
) -> Result<HashMap<String, BTreeMap<String, String>>, AppError> {
    let mut by_person: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    let answers = crate::store::surveys::attribute_answers_of_wave(db, wave_id).await?;
    for question in &definition.questions {
        let Some(values) = answer_values(question) else {
            continue;
        };
        for (_, respondent, value) in answers.iter().filter(|(q, _, _)| *q == question.id) {
            if let Some((_, label)) = values.iter().find(|(v, _)| v == value) {
                by_person.entry(respondent.to_string()).or_default().insert(
                    format!("{}{}", super::ANSWER, question.prompt),
                    label.clone(),
                );
            }
        }
    }
    Ok(by_person)
}

fn heatmap_of(g: &analysis::groups::GroupMatrix) -> Heatmap {
    Heatmap {
        attribute: g.attribute.clone(),
        groups: g.groups.clone(),
        sizes: g.sizes.clone(),
        density: g.density.clone(),
        ei_index: g.ei_index.clone(),
    }
}

/// What the groups can be read from: the roster's fields, every custom
/// attribute the wave's people have, then the answers to the questions about
/// the respondent (free text aside).
fn group_attributes(
    summaries: &[NetworkSummary],
    definition: &crate::surveys::SurveyDefinition,
) -> Vec<String> {
    let mut custom: Vec<String> = summaries
        .iter()
        .flat_map(|s| s.attributes.iter().cloned())
        .collect();
    custom.sort();
    custom.dedup();
    let answers = definition
        .questions
        .iter()
        .filter(|q| answer_values(q).is_some())
        .map(|q| format!("{}{}", super::ANSWER, q.prompt));
    ["department", "team", "location", "title"]
        .into_iter()
        .map(String::from)
        .chain(custom)
        .chain(answers)
        .collect()
}

/// A stored summary; an analysis from before summaries were stored has
/// none until it is computed again (at start).
pub(super) fn read_summary(stored: &Summary) -> Result<NetworkSummary, AppError> {
    let text = stored.summary.as_deref().ok_or_else(|| {
        AppError::internal(format!(
            "the analysis of {} is of an older version, and is computed again when Knit starts",
            stored.network.key()
        ))
    })?;
    serde_json::from_str(text).map_err(|e| {
        AppError::internal(format!(
            "the stored summary of {} is unreadable: {e}",
            stored.network.key()
        ))
    })
}

fn trend_point(wave_number: i64, stored: &Summary, summary: &NetworkSummary) -> TrendPoint {
    let across_departments = summary.groups.as_ref().and_then(|g| {
        let all: usize = g.ties.iter().flatten().sum();
        let within: usize = (0..g.ties.len()).map(|a| g.ties[a][a]).sum();
        (all > 0).then(|| (all - within) as f64 / all as f64)
    });
    TrendPoint {
        wave_number,
        density: summary.network.density,
        reciprocity: summary.network.reciprocity,
        across_departments,
        modularity: summary.network.modularity,
        response_rate: (stored.invited > 0).then(|| stored.answered as f64 / stored.invited as f64),
    }
}

fn relation_insight(stored: &Summary, summary: &NetworkSummary) -> RelationInsight {
    let network = &summary.network;
    RelationInsight {
        network: stored.network,
        question: stored.title.clone(),
        invited: stored.invited,
        answered: stored.answered,
        confidence: stored.confidence,
        computed_at: stored.computed_at,
        figures: Figures {
            people: network.nodes,
            ties: network.edges,
            density: network.density,
            reciprocity: network.reciprocity,
            weak_components: network.weak_components,
            communities: network.communities,
            modularity: network.modularity,
        },
        trend: Vec::new(),
        key_players: summary
            .key_players
            .iter()
            .map(|r| RolePlayers {
                role: r.role,
                total: r.total,
                listed: r
                    .listed
                    .iter()
                    .map(|p| KeyPlayer {
                        person_id: p.person_id,
                        name: p.name.clone(),
                        reason: role_reason(&p.evidence, &p.name),
                    })
                    .collect(),
            })
            .collect(),
        heatmap: summary.groups.as_ref().map(heatmap_of),
        previous_wave: stored.previous_wave,
        changes: summary.changes.clone(),
    }
}

/// By role (in the engine's order), the strongest first, the first few named.
fn key_players(
    roles: &[analysis::roles::RoleAssignment],
    name: &dyn Fn(i64) -> String,
) -> Result<Vec<ListedRole>, AppError> {
    let mut roles = roles.to_vec();
    roles.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    roles
        .chunk_by(|a, b| a.role == b.role)
        .map(|group| {
            let listed = group
                .iter()
                .take(KEY_PLAYERS_LISTED)
                .map(|r| {
                    let person_id = person_id(&r.id)?;
                    Ok(ListedPlayer {
                        person_id,
                        name: name(person_id),
                        evidence: r.evidence.clone(),
                    })
                })
                .collect::<Result<_, AppError>>()?;
            Ok(ListedRole {
                role: group[0].role,
                total: group.len(),
                listed,
            })
        })
        .collect()
}

/// The fifteen people whose ties or roles changed most since the last wave:
/// roles weigh as much as ten ties.
fn largest_changes(
    stored: &[analysis::compare::PersonChange],
    name: &dyn Fn(i64) -> String,
) -> Result<Vec<Change>, AppError> {
    let mut changes: Vec<Change> = stored
        .iter()
        .filter(|c| {
            !c.ties_gained.is_empty()
                || !c.ties_lost.is_empty()
                || !c.roles_gained.is_empty()
                || !c.roles_lost.is_empty()
        })
        .map(|c| {
            let person_id = person_id(&c.id)?;
            Ok(Change {
                person_id,
                name: name(person_id),
                gained: c.ties_gained.len(),
                lost: c.ties_lost.len(),
                in_degree: c.in_degree,
                roles_gained: c.roles_gained.clone(),
                roles_lost: c.roles_lost.clone(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    let weight = |c: &Change| c.gained + c.lost + 10 * (c.roles_gained.len() + c.roles_lost.len());
    changes.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.name.cmp(&b.name)));
    changes.truncate(15);
    Ok(changes)
}

/// The insight page's data: stored summaries only, so it opens fast at any size.
pub async fn wave_insight(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave_id: i64,
    group: Option<&str>,
) -> Result<WaveInsight, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let (wave, survey) = wave_and_survey(db, wave_id).await?;
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::WaveInsight,
        &format!("wave {} of {}", wave.number, survey.definition.name),
        None,
    )
    .await?;
    // Every analysed wave's figures, for the trends.
    let mut trend: Vec<(String, TrendPoint)> = Vec::new();
    let mut this_wave = Vec::new();
    for w in &survey.waves {
        for stored in analyses::summaries(db, w.id).await? {
            let summary = read_summary(&stored)?;
            let lineage = stored.network.lineage(&stored.title);
            trend.push((lineage, trend_point(w.number, &stored, &summary)));
            if w.id == wave_id {
                this_wave.push((stored, summary));
            }
        }
    }
    let answers_deleted = crate::store::retention::answers_deleted_at(db, wave_id)
        .await?
        .is_some();
    let group = group.filter(|g| !g.is_empty() && *g != "department" && !answers_deleted);
    let regrouped = match group {
        Some(attribute) => regrouped(db, wave_id, attribute, &this_wave).await?,
        None => Vec::new(),
    };
    let mut relations = Vec::new();
    for (stored, summary) in &this_wave {
        let mut insight = relation_insight(stored, summary);
        if let Some((_, heatmap)) = regrouped.iter().find(|(key, _)| *key == stored.network) {
            insight.heatmap = Some(heatmap.clone());
        }
        let lineage = stored.network.lineage(&stored.title);
        insight.trend = trend
            .iter()
            .filter(|(key, _)| *key == lineage)
            .map(|(_, point)| point.clone())
            .collect();
        insight.trend.sort_by_key(|p| p.wave_number);
        relations.push(insight);
    }
    let answers = answer_reports(policy.min_people(), &survey.definition, &this_wave);
    let summaries: Vec<NetworkSummary> = this_wave.into_iter().map(|(_, s)| s).collect();
    Ok(WaveInsight {
        survey_id: survey.id,
        group_attributes: group_attributes(&summaries, &survey.definition),
        survey_name: survey.definition.name,
        wave_id,
        wave_number: wave.number,
        wave_open: wave.status == WaveStatus::Open,
        answers_deleted,
        privacy: policy.privacy,
        answers,
        run: analyses::run_status(db, wave_id).await?,
        relations,
        // Who did not answer is individual data: gone with the answers.
        did_not_answer: if answers_deleted {
            NotAnswered::default()
        } else {
            not_answered(db, wave_id).await?
        },
    })
}

/// Each network's heatmap by another attribute than department: stored with
/// the analysis when it has few groups, else computed now from the wave's ties.
async fn regrouped(
    db: &Db,
    wave_id: i64,
    attribute: &str,
    this_wave: &[(Summary, NetworkSummary)],
) -> Result<Vec<(NetworkKey, Heatmap)>, AppError> {
    let stored: Option<Vec<(NetworkKey, Heatmap)>> = this_wave
        .iter()
        .map(|(s, summary)| {
            let heatmap = summary.heatmaps.iter().find(|h| h.attribute == attribute)?;
            Some((s.network, heatmap.clone()))
        })
        .collect();
    if let Some(stored) = stored {
        return Ok(stored);
    }
    Ok(wave_networks(db, wave_id)
        .await?
        .iter()
        .map(|n| {
            (
                n.key,
                heatmap_of(&analysis::groups::matrix_by_attribute(&n.graph, attribute)),
            )
        })
        .collect())
}

/// Who was invited and did not answer, the first few by name.
async fn not_answered(db: &Db, wave_id: i64) -> Result<NotAnswered, AppError> {
    let (total, listed) =
        crate::store::surveys::not_answered(db, wave_id, KEY_PLAYERS_LISTED).await?;
    Ok(NotAnswered {
        total,
        listed: listed
            .into_iter()
            .map(|(person_id, name)| NamedPerson {
                person_id,
                name: name.unwrap_or_else(|| NO_LONGER_LISTED.to_string()),
            })
            .collect(),
    })
}
