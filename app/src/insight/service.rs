//! Computing a wave's network analysis (when it closes, or on demand) and
//! reading the stored results for the insight page.

use super::words::role_reason;
use super::{
    AnswerReport, AnswerRow, Change, Confidence, Figures, Heatmap, KeyPlayer, NamedPerson,
    NetworkKey, NotAnswered, RelationInsight, RolePlayers, TrendPoint, WaveInsight,
    KEY_PLAYERS_LISTED,
};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say;
use crate::model::policy::Policy;
use crate::store::analyses::{self, Stored};
use crate::store::{now_ms, surveys as survey_store, Db};
use crate::surveys::{RelationKind, WaveStatus};
use analysis::{analyze, Extras, GraphBuilder, Options, Report};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One network of a wave: a survey relation, or one imported from elsewhere.
/// Nodes are everyone invited, with their roster attributes as the roster
/// stood when the wave closed.
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

fn tie_weight(tie: &analyses::Tie) -> Result<f64, AppError> {
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
        let earlier_layout = previous
            .as_ref()
            .and_then(|(_, _, reports)| reports.iter().find(|r| r.network == network.key))
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
            let then_graph = &graphs.iter().find(|g| g.key == key)?.graph;
            let then: Report =
                serde_json::from_str(&reports.iter().find(|r| r.network == key)?.report)
                    .inspect_err(|e| tracing::error!(wave_id, error = %e, "the previous wave's report is unreadable; no changes shown"))
                    .ok()?;
            Some((
                *number,
                analysis::compare::compare(then_graph, &then, &graph, &report),
            ))
        });
        analyses::progress(db, wave_id, done as i64 + 1).await?;
        stored.push(Stored {
            network: key,
            title,
            computed_at: now_ms(),
            invited,
            answered,
            confidence,
            report: serde_json::to_string(&report).map_err(AppError::internal)?,
            previous_wave: changes.as_ref().map(|(number, _)| *number),
            changes: serde_json::to_string(&changes.map(|(_, c)| c).unwrap_or_default())
                .map_err(AppError::internal)?,
            layout: Some(serde_json::to_string(&layout).map_err(AppError::internal)?),
        });
    }
    analyses::save(db, wave_id, &stored).await?;
    Ok(())
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

/// Every person's row of one analysed network, for the people table.
pub async fn people_rows(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    key: NetworkKey,
) -> Result<Vec<super::PersonRow>, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let (wave, _) = wave_and_survey(db, wave_id).await?;
    let stored = analyses::load_network(db, wave_id, key)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-insight-this-wave-has-no-analysed-2")))?;
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::PeopleTable,
        &format!("wave {wave_id}, {}", key.key()),
        None,
    )
    .await?;
    let report: Report = serde_json::from_str(&stored.report)
        .map_err(|e| AppError::internal(format!("the stored report is unreadable: {e}")))?;
    drop(stored);
    let roster: HashMap<i64, crate::store::people::PersonAsOf> =
        crate::store::people::roster_as_of(db, &wave.closes_on)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let others = report.nodes.len().saturating_sub(1).max(1) as f64;
    report
        .nodes
        .into_iter()
        .map(|m| {
            let person_id = person_id(&m.id)?;
            let person = roster.get(&person_id);
            Ok(super::PersonRow {
                person_id,
                name: person.map_or_else(
                    || "someone no longer listed".to_string(),
                    |p| {
                        p.fields
                            .preferred_name
                            .clone()
                            .unwrap_or(p.fields.full_name.clone())
                    },
                ),
                department: person.and_then(|p| p.fields.department.clone()),
                closeness: m.harmonic_closeness / others,
                metrics: m,
            })
        })
        .collect()
}

/// Each choice or agreement question: how many gave each answer, and how many
/// colleagues name them on average in the survey's first relation.
async fn answer_reports(
    db: &Db,
    k: usize,
    wave_id: i64,
    definition: &crate::surveys::SurveyDefinition,
) -> Result<Vec<AnswerReport>, AppError> {
    let Some(relation) = definition.relations.first() else {
        return Ok(Vec::new());
    };
    let first = NetworkKey::Relation(relation.id);
    let in_degree: HashMap<i64, usize> = match analyses::load_network(db, wave_id, first).await? {
        Some(stored) => {
            let report: Report = serde_json::from_str(&stored.report)
                .map_err(|e| AppError::internal(format!("a stored report is unreadable: {e}")))?;
            report
                .nodes
                .iter()
                .map(|m| Ok((person_id(&m.id)?, m.in_degree)))
                .collect::<Result<_, AppError>>()?
        }
        None => HashMap::new(),
    };
    let answers = crate::store::surveys::attribute_answers_of_wave(db, wave_id).await?;
    let mut reports = Vec::new();
    for question in &definition.questions {
        // Free text would name its writer; it is never summarised here.
        let Some(values) = answer_values(question) else {
            continue;
        };
        let by_value: Vec<Vec<i64>> = values
            .iter()
            .map(|(value, _)| {
                answers
                    .iter()
                    .filter(|(q, _, v)| *q == question.id && v == value)
                    .map(|(_, respondent, _)| *respondent)
                    .collect()
            })
            .collect();
        let counts: Vec<usize> = by_value.iter().map(Vec::len).collect();
        let shown = crate::disclosure::shown(&counts, k);
        let rows = values
            .into_iter()
            .zip(by_value)
            .zip(shown)
            .map(|(((_, label), people), shown)| AnswerRow {
                answer: label,
                people: shown.then_some(people.len()),
                mean_in_degree: (shown && !people.is_empty()).then(|| {
                    people
                        .iter()
                        .map(|p| in_degree.get(p).copied().unwrap_or(0) as f64)
                        .sum::<f64>()
                        / people.len() as f64
                }),
            })
            .collect();
        reports.push(AnswerReport {
            prompt: question.prompt.clone(),
            relation: relation.question.clone(),
            rows,
        });
    }
    Ok(reports)
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
/// attribute anyone has, then the answers to the questions about the
/// respondent (free text aside).
async fn group_attributes(
    db: &Db,
    as_of: &str,
    definition: &crate::surveys::SurveyDefinition,
) -> Result<Vec<String>, AppError> {
    let mut custom: Vec<String> = crate::store::people::roster_as_of(db, as_of)
        .await?
        .into_iter()
        .flat_map(|p| p.fields.attributes.into_keys())
        .collect();
    custom.sort();
    custom.dedup();
    let builtin = ["department", "team", "location", "title"];
    custom.retain(|c| !builtin.contains(&c.as_str()) && c != "name");
    let answers = definition
        .questions
        .iter()
        .filter(|q| answer_values(q).is_some())
        .map(|q| format!("{}{}", super::ANSWER, q.prompt));
    Ok(builtin
        .into_iter()
        .map(String::from)
        .chain(custom)
        .chain(answers)
        .collect())
}

/// The parts of a stored report a trend reads: everyone's figures are skipped,
/// not built, since every wave of the survey is read on each visit.
#[derive(serde::Deserialize)]
struct NetworkSummary {
    network: analysis::NetworkMetrics,
    groups: Option<analysis::groups::GroupMatrix>,
}

fn trend_point(wave_number: i64, stored: &Stored) -> Result<TrendPoint, AppError> {
    let report: NetworkSummary = serde_json::from_str(&stored.report)
        .map_err(|e| AppError::internal(format!("a stored report is unreadable: {e}")))?;
    let across_departments = report.groups.as_ref().and_then(|g| {
        let all: usize = g.ties.iter().flatten().sum();
        let within: usize = (0..g.ties.len()).map(|a| g.ties[a][a]).sum();
        (all > 0).then(|| (all - within) as f64 / all as f64)
    });
    Ok(TrendPoint {
        wave_number,
        density: report.network.density,
        reciprocity: report.network.reciprocity,
        across_departments,
        modularity: report.network.modularity,
        response_rate: (stored.invited > 0).then(|| stored.answered as f64 / stored.invited as f64),
    })
}

fn relation_insight(
    stored: &Stored,
    names: &HashMap<i64, String>,
) -> Result<RelationInsight, AppError> {
    let report: Report = serde_json::from_str(&stored.report).map_err(|e| {
        AppError::internal(format!(
            "the stored report of {} is unreadable: {e}",
            stored.network.key()
        ))
    })?;
    let stored_changes: Vec<analysis::compare::PersonChange> =
        serde_json::from_str(&stored.changes).map_err(|e| {
            AppError::internal(format!(
                "the stored changes of {} are unreadable: {e}",
                stored.network.key()
            ))
        })?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "someone no longer listed".to_string())
    };
    Ok(RelationInsight {
        network: stored.network,
        question: stored.title.clone(),
        invited: stored.invited,
        answered: stored.answered,
        confidence: stored.confidence,
        computed_at: stored.computed_at,
        figures: Figures {
            people: report.network.nodes,
            ties: report.network.edges,
            density: report.network.density,
            reciprocity: report.network.reciprocity,
            weak_components: report.network.weak_components,
            communities: report.network.communities,
            modularity: report.network.modularity,
        },
        trend: Vec::new(),
        key_players: key_players(&report.roles, &name)?,
        heatmap: report.groups.as_ref().map(heatmap_of),
        previous_wave: stored.previous_wave,
        changes: largest_changes(&stored_changes, &name)?,
    })
}

/// By role (in the engine's order), the strongest first, the first few named.
fn key_players(
    roles: &[analysis::roles::RoleAssignment],
    name: &dyn Fn(i64) -> String,
) -> Result<Vec<RolePlayers>, AppError> {
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
                    let name = name(person_id);
                    Ok(KeyPlayer {
                        person_id,
                        reason: role_reason(&r.evidence, &name),
                        name,
                    })
                })
                .collect::<Result<_, AppError>>()?;
            Ok(RolePlayers {
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

/// The insight page's data: stored results only, so it opens fast.
pub async fn wave_insight(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave_id: i64,
    group: Option<&str>,
) -> Result<WaveInsight, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let (wave, survey) = wave_and_survey(db, wave_id).await?;
    let names: HashMap<i64, String> = crate::store::people::roster_as_of(db, &wave.closes_on)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                p.fields
                    .preferred_name
                    .clone()
                    .unwrap_or(p.fields.full_name.clone()),
            )
        })
        .collect();
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::WaveInsight,
        &format!("wave {} of {}", wave.number, survey.definition.name),
        None,
    )
    .await?;
    // Every analysed wave's figures, for the trends.
    let mut trend: Vec<(NetworkKey, TrendPoint)> = Vec::new();
    let mut this_wave = Vec::new();
    for w in &survey.waves {
        let stored = analyses::load(db, w.id).await?;
        for s in &stored {
            trend.push((s.network, trend_point(w.number, s)?));
        }
        if w.id == wave_id {
            this_wave = stored;
        }
    }
    let answers_deleted = crate::store::retention::answers_deleted_at(db, wave_id)
        .await?
        .is_some();
    let answers = answer_reports(db, policy.min_people(), wave_id, &survey.definition).await?;
    // Another attribute than the stored one: its groups are computed now,
    // from the wave's ties (gone once retention deleted the answers).
    let group = group.filter(|g| !g.is_empty() && *g != "department" && !answers_deleted);
    let regrouped: Vec<(NetworkKey, Heatmap)> = match group {
        Some(attribute) => wave_networks(db, wave_id)
            .await?
            .iter()
            .map(|n| {
                (
                    n.key,
                    heatmap_of(&analysis::groups::matrix_by_attribute(&n.graph, attribute)),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let mut relations = Vec::new();
    for stored in this_wave {
        let mut insight = relation_insight(&stored, &names)?;
        if let Some((_, heatmap)) = regrouped.iter().find(|(key, _)| *key == stored.network) {
            insight.heatmap = Some(heatmap.clone());
        }
        insight.trend = trend
            .iter()
            .filter(|(key, _)| *key == stored.network)
            .map(|(_, point)| point.clone())
            .collect();
        insight.trend.sort_by_key(|p| p.wave_number);
        relations.push(insight);
    }
    let group_attributes = group_attributes(db, &wave.closes_on, &survey.definition).await?;
    Ok(WaveInsight {
        survey_id: survey.id,
        survey_name: survey.definition.name,
        wave_id,
        wave_number: wave.number,
        wave_open: wave.status == WaveStatus::Open,
        answers_deleted,
        privacy: policy.privacy,
        group_attributes,
        answers,
        run: analyses::run_status(db, wave_id).await?,
        relations,
        // Who did not answer is individual data: gone with the answers.
        did_not_answer: if answers_deleted {
            NotAnswered::default()
        } else {
            not_answered(db, wave_id, &names).await?
        },
    })
}

/// Who was invited and did not answer, by name.
async fn not_answered(
    db: &Db,
    wave_id: i64,
    names: &HashMap<i64, String>,
) -> Result<NotAnswered, AppError> {
    let answered: HashSet<i64> = crate::store::surveys::respondents(db, wave_id)
        .await?
        .into_iter()
        .collect();
    let mut silent: Vec<NamedPerson> = analyses::invited(db, wave_id)
        .await?
        .into_iter()
        .filter(|id| !answered.contains(id))
        .map(|person_id| NamedPerson {
            person_id,
            name: names
                .get(&person_id)
                .cloned()
                .unwrap_or_else(|| "someone no longer listed".to_string()),
        })
        .collect();
    silent.sort_by(|a, b| a.name.cmp(&b.name));
    let total = silent.len();
    silent.truncate(KEY_PLAYERS_LISTED);
    Ok(NotAnswered {
        total,
        listed: silent,
    })
}
