//! Stored network analyses and the progress of their computation, and the
//! ties and networks they are computed from.

use super::{now_ms, Db, StoreError};
use crate::model::insight::{
    Column, Confidence, NetworkKey, PeopleTable, PersonRow, RunState, RunStatus, TableQuery,
    PEOPLE_PER_PAGE,
};
use std::collections::HashMap;

/// The shape of the analysis stored today: a summary with the answers'
/// tallies and everyone's row beside the report (3 had no tallies, 2 the
/// report only, 1 held reasons in words). An older one is recomputed at start.
pub const REPORT_FORMAT: i64 = 4;

pub struct Stored {
    pub network: NetworkKey,
    pub title: String,
    pub computed_at: i64,
    pub invited: i64,
    pub answered: i64,
    pub confidence: Confidence,
    pub report: String,
    pub previous_wave: Option<i64>,
    pub changes: String,
    /// Positions on the network map by person id (JSON); `None`: not laid out yet.
    pub layout: Option<String>,
    /// What the insight page reads (JSON); `None` in an older analysis.
    pub summary: Option<String>,
}

/// One network's analysis as the insight page reads it: no one's figures.
pub struct Summary {
    pub network: NetworkKey,
    pub title: String,
    pub computed_at: i64,
    pub invited: i64,
    pub answered: i64,
    pub confidence: Confidence,
    pub previous_wave: Option<i64>,
    pub summary: Option<String>,
}

/// Replaces a wave's results with a new set, each network with everyone's
/// row of its people table, in one transaction.
pub async fn save(
    db: &Db,
    wave_id: i64,
    results: &[(Stored, Vec<AnalysedPerson>)],
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // Their people rows go with them (ON DELETE CASCADE).
    sqlx::query("DELETE FROM analyses WHERE wave_id = $1")
        .bind(wave_id)
        .execute(&mut *tx)
        .await?;
    for (r, people) in results {
        sqlx::query(
            "INSERT INTO analyses (wave_id, network, title, computed_at, invited, answered, confidence, report, changes, format, layout) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(wave_id)
        .bind(r.network.key())
        .bind(&r.title)
        .bind(r.computed_at)
        .bind(r.invited)
        .bind(r.answered)
        .bind(r.confidence.key())
        .bind(&r.report)
        .bind(&r.changes)
        .bind(REPORT_FORMAT)
        .bind(&r.layout)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO analysis_summaries (wave_id, network, previous_wave, summary) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(wave_id)
        .bind(r.network.key())
        .bind(r.previous_wave)
        .bind(&r.summary)
        .execute(&mut *tx)
        .await?;
        insert_people(&mut tx, wave_id, r.network, people).await?;
    }
    tx.commit().await?;
    db.refresh_statistics(&["analyses", "analysis_summaries", "analysis_people"])
        .await
}

/// A person as one analysis saw them: their people table row, their other
/// attributes and their place on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysedPerson {
    pub row: PersonRow,
    pub attributes: std::collections::BTreeMap<String, String>,
    pub position: Option<[f64; 2]>,
}

/// The people table's columns, in the order [`insert_people`] binds them.
const PEOPLE_COLUMNS: &str = "person_id, name, department, in_degree, out_degree, in_weight, out_weight, \
     betweenness, closeness, harmonic_closeness, pagerank, eigenvector, burt_constraint, effective_size, \
     clustering, reciprocity, community, ei_index, roles";

async fn insert_people(
    tx: &mut super::Tx,
    wave_id: i64,
    network: NetworkKey,
    people: &[AnalysedPerson],
) -> Result<(), sqlx::Error> {
    use super::Cell::{Int, Real, Text};
    let network = network.key();
    let count = |n: usize| Int(Some(n as i64));
    let rows = people
        .iter()
        .map(|person| {
            let (p, m) = (&person.row, &person.row.metrics);
            let roles: String = m.roles.iter().map(|r| format!(" {}", r.key())).collect();
            vec![
                Int(Some(wave_id)),
                Text(Some(network.clone())),
                Int(Some(p.person_id)),
                Text(Some(p.name.clone())),
                Text(p.department.clone()),
                count(m.in_degree),
                count(m.out_degree),
                Real(Some(m.in_weight)),
                Real(Some(m.out_weight)),
                Real(Some(m.betweenness)),
                Real(Some(p.closeness)),
                Real(Some(m.harmonic_closeness)),
                Real(m.pagerank),
                Real(m.eigenvector),
                Real(m.constraint),
                Real(m.effective_size),
                Real(Some(m.clustering)),
                Real(m.reciprocity),
                count(m.community),
                Real(m.ei_index),
                Text(Some(format!("{roles} "))),
                Text(Some(
                    serde_json::to_string(&person.attributes).unwrap_or_default(),
                )),
                Real(person.position.map(|[x, _]| x)),
                Real(person.position.map(|[_, y]| y)),
            ]
        })
        .collect();
    let columns: Vec<&str> = ["wave_id", "network"]
        .into_iter()
        .chain(PEOPLE_COLUMNS.split(',').map(str::trim))
        .chain(["attributes", "x", "y"])
        .collect();
    super::insert_batched(tx, "analysis_people", &columns, rows).await
}

/// The column a people table sorts by, as stored: each figure under its
/// own key, but for two.
fn stored_column(column: Column) -> &'static str {
    match column {
        Column::Name => "lower(name)",
        // CONSTRAINT is a keyword.
        Column::Constraint => "burt_constraint",
        other => other.key(),
    }
}

/// One page of a network's people table, sorted and filtered in the
/// database: a page reads its fifty rows, not everyone's.
pub async fn people_table(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
    query: &TableQuery,
) -> Result<PeopleTable, StoreError> {
    let network = network.key();
    let role = query
        .role
        .as_deref()
        .and_then(|key| analysis::Role::ALL.into_iter().find(|r| r.key() == key));
    let department = query.department.as_deref().filter(|d| !d.is_empty());
    let filtered = |select: &str| {
        let mut q = super::Sql::new(select);
        q.push(" FROM analysis_people WHERE wave_id = ")
            .bind(wave_id)
            .push(" AND network = ")
            .bind(network.clone());
        if let Some(role) = role {
            q.push(" AND roles LIKE ")
                .bind(format!("% {} %", role.key()));
        }
        if let Some(department) = department {
            q.push(" AND department = ").bind(department.to_string());
        }
        if let Some(min) = query.min_in_degree {
            q.push(" AND in_degree >= ").bind(min as i64);
        }
        q
    };
    let (text, arguments) = filtered("SELECT COUNT(*)").finish()?;
    let total: i64 = sqlx::query_scalar_with(&text, arguments)
        .fetch_one(db.pool())
        .await?;
    let total = total as usize;
    let sort = query
        .sort
        .as_deref()
        .and_then(Column::parse)
        .unwrap_or(crate::model::insight::DEFAULT_SORT);
    let descending = query.descending.unwrap_or_else(|| sort.descending_first());
    let pages = total.div_ceil(PEOPLE_PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let column = stored_column(sort);
    let direction = if descending { "DESC" } else { "ASC" };
    let offset = (page - 1) * PEOPLE_PER_PAGE;
    // The page's people in order first, from the sorted figure's index alone
    // (it ends in the tie-breaks), then their rows: skipping to page 1,000
    // reads 50,000 index entries, not 50,000 rows.
    let page_of = |condition: &str, order: &str, limit: usize, offset: usize| {
        let mut select = filtered("SELECT person_id");
        select
            .push(&format!(
                "{condition} ORDER BY {order}name, person_id LIMIT "
            ))
            .bind(limit as i64)
            .push(" OFFSET ")
            .bind(offset as i64);
        select.finish()
    };
    let ids_of = |(text, arguments): (String, sqlx::any::AnyArguments<'static>)| async move {
        sqlx::query_scalar_with::<_, i64, _>(&text, arguments)
            .fetch_all(db.pool())
            .await
    };
    let ordered = format!("{column} {direction}, ");
    let nullable = matches!(
        sort,
        Column::PageRank
            | Column::Constraint
            | Column::EffectiveSize
            | Column::Reciprocity
            | Column::EiIndex
            | Column::Department
    );
    let ids = if !nullable {
        ids_of(page_of("", &ordered, PEOPLE_PER_PAGE, offset)?).await?
    } else {
        // A missing figure comes after every present one, either way; a
        // missing department first in A to Z, as "none" sorts first. Each
        // part is read apart, so that the database reads the figure in its
        // order from the figure's index and not by sorting everyone.
        let (text, arguments) = {
            let mut count = filtered("SELECT COUNT(*)");
            count.push(&format!(" AND {column} IS NOT NULL"));
            count.finish()?
        };
        let present: i64 = sqlx::query_scalar_with(&text, arguments)
            .fetch_one(db.pool())
            .await?;
        let present_part = (format!(" AND {column} IS NOT NULL"), ordered);
        let missing_part = (format!(" AND {column} IS NULL"), String::new());
        let ((first, first_order), first_count, (second, second_order)) =
            if sort == Column::Department && !descending {
                (missing_part, total - present as usize, present_part)
            } else {
                (present_part, present as usize, missing_part)
            };
        let mut ids = Vec::new();
        if offset < first_count {
            ids = ids_of(page_of(&first, &first_order, PEOPLE_PER_PAGE, offset)?).await?;
        }
        if ids.len() < PEOPLE_PER_PAGE {
            let more = page_of(
                &second,
                &second_order,
                PEOPLE_PER_PAGE - ids.len(),
                offset.saturating_sub(first_count),
            )?;
            ids.extend(ids_of(more).await?);
        }
        ids
    };
    let mut rows = if ids.is_empty() {
        Vec::new()
    } else {
        let mut select = super::Sql::new(format!("SELECT {PEOPLE_COLUMNS}"));
        select
            .push(" FROM analysis_people WHERE wave_id = ")
            .bind(wave_id)
            .push(" AND network = ")
            .bind(network.clone())
            .push(" AND person_id IN (");
        for (i, id) in ids.iter().enumerate() {
            select.push(if i == 0 { "" } else { ", " }).bind(*id);
        }
        select.push(")");
        let (text, arguments) = select.finish()?;
        sqlx::query_as_with::<_, PersonColumns, _>(&text, arguments)
            .fetch_all(db.pool())
            .await?
    };
    let place: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    rows.sort_by_key(|r| place.get(&r.person_id).copied());
    let departments: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT department FROM analysis_people WHERE wave_id = $1 AND network = $2 \
         AND department IS NOT NULL ORDER BY department",
    )
    .bind(wave_id)
    .bind(&network)
    .fetch_all(db.pool())
    .await?;
    Ok(PeopleTable {
        rows: rows
            .into_iter()
            .map(|r| r.row(wave_id))
            .collect::<Result<_, _>>()?,
        total,
        page,
        pages,
        sort,
        descending,
        departments,
    })
}

/// An `analysis_people` row as [`PEOPLE_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct PersonColumns {
    person_id: i64,
    name: String,
    department: Option<String>,
    in_degree: i64,
    out_degree: i64,
    in_weight: f64,
    out_weight: f64,
    betweenness: f64,
    closeness: f64,
    harmonic_closeness: f64,
    pagerank: Option<f64>,
    eigenvector: Option<f64>,
    burt_constraint: Option<f64>,
    effective_size: Option<f64>,
    clustering: f64,
    reciprocity: Option<f64>,
    community: i64,
    ei_index: Option<f64>,
    roles: String,
}

impl PersonColumns {
    fn row(self, wave_id: i64) -> Result<PersonRow, StoreError> {
        let roles = self
            .roles
            .split_whitespace()
            .map(|key| {
                analysis::Role::ALL
                    .into_iter()
                    .find(|r| r.key() == key)
                    .ok_or_else(|| StoreError::Unreadable(format!("wave {wave_id}'s role '{key}'")))
            })
            .collect::<Result<_, _>>()?;
        Ok(PersonRow {
            person_id: self.person_id,
            name: self.name,
            department: self.department,
            closeness: self.closeness,
            metrics: analysis::NodeMetrics {
                id: self.person_id.to_string(),
                in_degree: self.in_degree as usize,
                out_degree: self.out_degree as usize,
                in_weight: self.in_weight,
                out_weight: self.out_weight,
                betweenness: self.betweenness,
                harmonic_closeness: self.harmonic_closeness,
                pagerank: self.pagerank,
                eigenvector: self.eigenvector,
                constraint: self.burt_constraint,
                effective_size: self.effective_size,
                clustering: self.clustering,
                reciprocity: self.reciprocity,
                community: self.community as usize,
                ei_index: self.ei_index,
                roles,
            },
        })
    }
}

/// An analysis with its summary; `a.` the analysis, `s.` its summary.
const STORED_COLUMNS: &str = "a.network, a.title, a.computed_at, a.invited, a.answered, a.confidence, \
     a.report, s.previous_wave, a.changes, a.layout, s.summary \
     FROM analyses a LEFT JOIN analysis_summaries s ON s.wave_id = a.wave_id AND s.network = a.network";

pub async fn load(db: &Db, wave_id: i64) -> Result<Vec<Stored>, StoreError> {
    let rows: Vec<StoredRow> = sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} WHERE a.wave_id = $1 ORDER BY a.network"
    ))
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(|r| r.stored(wave_id)).collect()
}

/// A wave's analysed networks as the insight page reads them: the summary,
/// not the report.
pub async fn summaries(db: &Db, wave_id: i64) -> Result<Vec<Summary>, StoreError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.network, a.title, a.computed_at, a.invited, a.answered, a.confidence, \
         s.previous_wave, s.summary \
         FROM analyses a LEFT JOIN analysis_summaries s ON s.wave_id = a.wave_id AND s.network = a.network \
         WHERE a.wave_id = $1 ORDER BY a.network",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            let (network, confidence) = key_and_confidence(wave_id, &r.network, &r.confidence)?;
            Ok(Summary {
                network,
                confidence,
                title: r.title,
                computed_at: r.computed_at,
                invited: r.invited,
                answered: r.answered,
                previous_wave: r.previous_wave,
                summary: r.summary,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    network: String,
    title: String,
    computed_at: i64,
    invited: i64,
    answered: i64,
    confidence: String,
    previous_wave: Option<i64>,
    summary: Option<String>,
}

/// One network's stored analysis: a wave's reports are large (tens of MB
/// at 100,000 people), so pages that show one network read only its row.
pub async fn load_network(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
) -> Result<Option<Stored>, StoreError> {
    let row: Option<StoredRow> = sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} WHERE a.wave_id = $1 AND a.network = $2"
    ))
    .bind(wave_id)
    .bind(network.key())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| r.stored(wave_id)).transpose()
}

/// A stored analysis's network and confidence, read back from their spelling.
fn key_and_confidence(
    wave_id: i64,
    network: &str,
    confidence: &str,
) -> Result<(NetworkKey, Confidence), StoreError> {
    let unreadable = |what: &str, value: &str| {
        StoreError::Unreadable(format!("wave {wave_id}'s {what} '{value}'"))
    };
    Ok((
        NetworkKey::parse(network).ok_or_else(|| unreadable("network key", network))?,
        Confidence::from_key(confidence).ok_or_else(|| unreadable("confidence", confidence))?,
    ))
}

/// An `analyses` row as [`STORED_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct StoredRow {
    network: String,
    title: String,
    computed_at: i64,
    invited: i64,
    answered: i64,
    confidence: String,
    report: String,
    previous_wave: Option<i64>,
    changes: String,
    layout: Option<String>,
    summary: Option<String>,
}

impl StoredRow {
    fn stored(self, wave_id: i64) -> Result<Stored, StoreError> {
        let (network, confidence) = key_and_confidence(wave_id, &self.network, &self.confidence)?;
        Ok(Stored {
            network,
            confidence,
            title: self.title,
            computed_at: self.computed_at,
            invited: self.invited,
            answered: self.answered,
            report: self.report,
            previous_wave: self.previous_wave,
            changes: self.changes,
            layout: self.layout,
            summary: self.summary,
        })
    }
}

/// Waves whose stored analyses are of an older shape than [`REPORT_FORMAT`].
pub async fn waves_with_old_reports(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT wave_id FROM analyses WHERE format < $1 ORDER BY wave_id")
        .bind(REPORT_FORMAT)
        .fetch_all(db.pool())
        .await
}

/// Analysed waves, their answers still kept, whose networks have no map yet
/// (analysed before maps were drawn).
pub async fn waves_without_layout(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT a.wave_id FROM analyses a JOIN waves w ON w.id = a.wave_id \
         WHERE a.layout IS NULL AND w.answers_deleted_at IS NULL ORDER BY a.wave_id",
    )
    .fetch_all(db.pool())
    .await
}

/// Analysed waves whose results are missing: an erasure deletes them and
/// computes them again, and a stop in between leaves them so.
pub async fn waves_missing_results(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.wave_id FROM analysis_runs r JOIN waves w ON w.id = r.wave_id \
         WHERE r.status = 'done' AND w.answers_deleted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = r.wave_id) ORDER BY r.wave_id",
    )
    .fetch_all(db.pool())
    .await
}

/// How often a running analysis says it is alive.
pub const RUN_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(2);
/// A run silent for this long died with its process.
const RUN_STALE_MS: i64 = 10_000;

/// Marks a wave's analysis as running, unless a live run has it. Returns
/// whether this call took it.
pub async fn start_run(db: &Db, wave_id: i64, steps: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO analysis_runs (wave_id, status, step, steps, started_at, heartbeat_at) VALUES ($1, $5, 0, $2, $3, $3) \
         ON CONFLICT (wave_id) DO UPDATE SET status = $5, step = 0, steps = excluded.steps, \
         started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, finished_at = NULL, error = NULL \
         WHERE analysis_runs.status <> $5 OR COALESCE(analysis_runs.heartbeat_at, analysis_runs.started_at) < $4",
    )
    .bind(wave_id)
    .bind(steps)
    .bind(now)
    .bind(now - RUN_STALE_MS)
    .bind(RunState::Running.key())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A running analysis is alive.
pub async fn beat(db: &Db, wave_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET heartbeat_at = $1 WHERE wave_id = $2 AND status = $3")
        .bind(now_ms())
        .bind(wave_id)
        .bind(RunState::Running.key())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Waves whose analysis was running when its process died, and closed
/// survey waves whose analysis never started (the process died between the
/// closing and the start).
pub async fn interrupted_runs(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT wave_id FROM analysis_runs WHERE status = $1 \
         AND COALESCE(heartbeat_at, started_at) < $2 \
         UNION SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE w.status = 'closed' AND s.kind <> 'pulse' AND w.answers_deleted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM analysis_runs r WHERE r.wave_id = w.id) \
         AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = w.id) ORDER BY 1",
    )
    .bind(RunState::Running.key())
    .bind(now_ms() - RUN_STALE_MS)
    .fetch_all(db.pool())
    .await
}

pub async fn progress(db: &Db, wave_id: i64, step: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET step = $1 WHERE wave_id = $2")
        .bind(step)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn finish_run(db: &Db, wave_id: i64, error: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE analysis_runs SET status = $1, finished_at = $2, error = $3, step = steps WHERE wave_id = $4")
        .bind(if error.is_some() { RunState::Failed } else { RunState::Done }.key())
        .bind(now_ms())
        .bind(error)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn run_status(db: &Db, wave_id: i64) -> Result<Option<RunStatus>, StoreError> {
    let row: Option<(String, i64, i64, Option<String>)> =
        sqlx::query_as("SELECT status, step, steps, error FROM analysis_runs WHERE wave_id = $1")
            .bind(wave_id)
            .fetch_optional(db.pool())
            .await?;
    row.map(|(status, step, steps, error)| {
        Ok(RunStatus {
            status: RunState::from_key(&status).ok_or_else(|| {
                StoreError::Unreadable(format!("wave {wave_id}'s analysis status '{status}'"))
            })?,
            step,
            steps,
            error,
        })
    })
    .transpose()
}

/// One answer naming a colleague, with its scale values as JSON.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Tie {
    pub respondent_id: i64,
    pub named_id: i64,
    pub scales: String,
}

/// Each tie of a wave and relation.
pub async fn ties(db: &Db, wave_id: i64, relation_id: i64) -> Result<Vec<Tie>, sqlx::Error> {
    sqlx::query_as(
        "SELECT respondent_id, named_id, scales FROM ties WHERE wave_id = $1 AND relation_id = $2",
    )
    .bind(wave_id)
    .bind(relation_id)
    .fetch_all(db.pool())
    .await
}

/// Everyone invited to a wave.
pub async fn invited(db: &Db, wave_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT person_id FROM invitations WHERE wave_id = $1 ORDER BY person_id")
        .bind(wave_id)
        .fetch_all(db.pool())
        .await
}

/// A network from elsewhere for a wave, by person id. Stored in one
/// transaction; returns its id.
pub async fn import_network(
    db: &Db,
    wave_id: i64,
    name: &str,
    file_name: &str,
    ties: &[ImportedTie],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = insert_network(&mut tx, wave_id, name, file_name, ties).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_network(
    tx: &mut super::Tx,
    wave_id: i64,
    name: &str,
    file_name: &str,
    ties: &[ImportedTie],
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO imported_networks (wave_id, name, file_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(wave_id)
    .bind(name)
    .bind(file_name)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    for tie in ties {
        sqlx::query("INSERT INTO imported_ties (network_id, source_id, target_id, weight) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(tie.source_id)
            .bind(tie.target_id)
            .bind(tie.weight)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// Each analysed person's department in one network of a wave.
pub async fn departments(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
) -> Result<HashMap<i64, Option<String>>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT person_id, department FROM analysis_people WHERE wave_id = $1 AND network = $2",
    )
    .bind(wave_id)
    .bind(network.key())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().collect())
}

/// How long a network read from an upload waits for the analyst's decision.
const DRAFT_KEPT_MS: i64 = 24 * 3600 * 1000;

/// A network read from an upload, not yet added: how far its reading is,
/// then what was found (JSON) or why it could not be read.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct NetworkDraft {
    pub id: i64,
    pub wave_id: i64,
    pub name: String,
    pub file_name: String,
    pub read_bytes: i64,
    pub total_bytes: i64,
    pub found: Option<String>,
    pub problem: Option<String>,
}

/// Starts a draft for files being read; drafts older than a day go.
/// Returns its id.
pub async fn start_draft(
    db: &Db,
    wave_id: i64,
    name: &str,
    file_name: &str,
    created_by: i64,
    total_bytes: i64,
) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM network_drafts WHERE created_at < $1")
        .bind(now - DRAFT_KEPT_MS)
        .execute(&mut *tx)
        .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO network_drafts (wave_id, name, file_name, created_by, created_at, total_bytes) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(wave_id)
    .bind(name)
    .bind(file_name)
    .bind(created_by)
    .bind(now)
    .bind(total_bytes)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// How far a draft's reading is.
pub async fn draft_read(db: &Db, id: i64, read_bytes: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE network_drafts SET read_bytes = $1 WHERE id = $2")
        .bind(read_bytes)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// What a draft's files hold, once read: the counts (JSON) and the ties.
pub async fn draft_found(
    db: &Db,
    id: i64,
    found: &str,
    ties: &[ImportedTie],
) -> Result<(), sqlx::Error> {
    let ties: Vec<(i64, i64, f64)> = ties
        .iter()
        .map(|t| (t.source_id, t.target_id, t.weight))
        .collect();
    let ties = serde_json::to_string(&ties).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "UPDATE network_drafts SET found = $1, ties = $2, read_bytes = total_bytes WHERE id = $3",
    )
    .bind(found)
    .bind(ties)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Why a draft's files could not be read: nothing of them is kept.
pub async fn draft_refused(db: &Db, id: i64, problem: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE network_drafts SET problem = $1 WHERE id = $2")
        .bind(problem)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A wave's draft, unless it has expired.
pub async fn draft(db: &Db, wave_id: i64, id: i64) -> Result<Option<NetworkDraft>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, wave_id, name, file_name, read_bytes, total_bytes, found, problem FROM network_drafts \
         WHERE id = $1 AND wave_id = $2 AND created_at >= $3",
    )
    .bind(id)
    .bind(wave_id)
    .bind(now_ms() - DRAFT_KEPT_MS)
    .fetch_optional(db.pool())
    .await
}

/// Adds a draft to its wave as a network and removes the draft, in one
/// transaction. Returns how many ties were added; None if it was gone.
pub async fn keep_draft(db: &Db, wave_id: i64, id: i64) -> Result<Option<usize>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT name, file_name, ties FROM network_drafts \
         WHERE id = $1 AND wave_id = $2 AND created_at >= $3 AND ties IS NOT NULL",
    )
    .bind(id)
    .bind(wave_id)
    .bind(now_ms() - DRAFT_KEPT_MS)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((name, file_name, ties)) = row else {
        return Ok(None);
    };
    let ties: Vec<(i64, i64, f64)> =
        serde_json::from_str(&ties).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let ties: Vec<ImportedTie> = ties
        .into_iter()
        .map(|(source_id, target_id, weight)| ImportedTie {
            source_id,
            target_id,
            weight,
        })
        .collect();
    insert_network(&mut tx, wave_id, &name, &file_name, &ties).await?;
    sqlx::query("DELETE FROM network_drafts WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(ties.len()))
}

pub async fn discard_draft(db: &Db, wave_id: i64, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM network_drafts WHERE id = $1 AND wave_id = $2")
        .bind(id)
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A network imported for a wave.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ImportedNetwork {
    pub id: i64,
    pub name: String,
}

pub async fn imported_networks(db: &Db, wave_id: i64) -> Result<Vec<ImportedNetwork>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM imported_networks WHERE wave_id = $1 ORDER BY id")
        .bind(wave_id)
        .fetch_all(db.pool())
        .await
}

/// One tie of an imported network, by person id.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ImportedTie {
    pub source_id: i64,
    pub target_id: i64,
    pub weight: f64,
}

pub async fn imported_ties(db: &Db, network_id: i64) -> Result<Vec<ImportedTie>, sqlx::Error> {
    sqlx::query_as("SELECT source_id, target_id, weight FROM imported_ties WHERE network_id = $1")
        .bind(network_id)
        .fetch_all(db.pool())
        .await
}

/// Which people of a network a map draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapGroup<'a> {
    Everyone,
    Department(&'a str),
}

impl MapGroup<'_> {
    /// Narrows a query on `analysis_people` aliased `alias` to the group.
    fn narrow(self, query: &mut super::Sql<'_>, alias: &str) {
        if let MapGroup::Department(department) = self {
            query
                .push(&format!(" AND {alias}.department = "))
                .bind(department.to_string());
        }
    }
}

/// The people of a network's map, or of one group of it, as the analysis
/// saw them, in person id order.
pub async fn map_people(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
    group: MapGroup<'_>,
) -> Result<Vec<AnalysedPerson>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct MapRow {
        #[sqlx(flatten)]
        person: PersonColumns,
        attributes: String,
        x: Option<f64>,
        y: Option<f64>,
    }
    let mut query = super::Sql::new(format!(
        "SELECT {PEOPLE_COLUMNS}, attributes, x, y FROM analysis_people p WHERE p.wave_id = "
    ));
    query
        .bind(wave_id)
        .push(" AND p.network = ")
        .bind(network.key());
    group.narrow(&mut query, "p");
    query.push(" ORDER BY p.person_id");
    let (text, arguments) = query.finish()?;
    let rows: Vec<MapRow> = sqlx::query_as_with(&text, arguments)
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AnalysedPerson {
                row: r.person.row(wave_id)?,
                attributes: serde_json::from_str(&r.attributes).map_err(|e| {
                    StoreError::Unreadable(format!("wave {wave_id}'s stored attributes: {e}"))
                })?,
                position: r.x.zip(r.y).map(|(x, y)| [x, y]),
            })
        })
        .collect()
}

/// The ties among a network's people, or among `among` of them (a
/// department's, say): (from, to, the answer's scales as JSON, or an imported
/// tie's weight). A group's ties are read by who gave them, a slice of people
/// at a time, so that a department's map never reads the whole network's.
pub async fn map_ties(
    db: &Db,
    wave_id: i64,
    network: NetworkKey,
    among: Option<&[i64]>,
) -> Result<Vec<(i64, i64, MapTieWeight)>, sqlx::Error> {
    let (select, from) = match network {
        NetworkKey::Relation(id) => (
            format!(
                "SELECT respondent_id, named_id, scales FROM ties WHERE wave_id = {wave_id} AND relation_id = {id}"
            ),
            "respondent_id",
        ),
        NetworkKey::Import(id) => (
            format!("SELECT source_id, target_id, weight FROM imported_ties WHERE network_id = {id}"),
            "source_id",
        ),
    };
    let statements: Vec<String> = match among {
        None => vec![select],
        Some(people) => people
            .chunks(500)
            .map(|chunk| {
                let ids: Vec<String> = chunk.iter().map(i64::to_string).collect();
                format!("{select} AND {from} IN ({})", ids.join(","))
            })
            .collect(),
    };
    let members: Option<std::collections::HashSet<i64>> =
        among.map(|people| people.iter().copied().collect());
    let mut ties = Vec::new();
    for statement in statements {
        let rows: Vec<(i64, i64, MapTieWeight)> = match network {
            NetworkKey::Relation(_) => sqlx::query_as::<_, (i64, i64, String)>(&statement)
                .fetch_all(db.pool())
                .await?
                .into_iter()
                .map(|(a, b, scales)| (a, b, MapTieWeight::Scales(scales)))
                .collect(),
            NetworkKey::Import(_) => sqlx::query_as::<_, (i64, i64, f64)>(&statement)
                .fetch_all(db.pool())
                .await?
                .into_iter()
                .map(|(a, b, weight)| (a, b, MapTieWeight::Weight(weight)))
                .collect(),
        };
        ties.extend(
            rows.into_iter()
                .filter(|(_, to, _)| members.as_ref().is_none_or(|m| m.contains(to))),
        );
    }
    Ok(ties)
}

/// A tie's weight as stored: a survey answer's scales (JSON), or an
/// imported tie's own weight.
#[derive(Clone, Debug, PartialEq)]
pub enum MapTieWeight {
    Scales(String),
    Weight(f64),
}
