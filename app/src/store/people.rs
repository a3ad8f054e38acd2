//! The roster in the database: people, their dated changes, pending uploads.

use super::{insert_batched, now_ms, Cell, Db};
use crate::model::language::{Language, LANGUAGE_ATTRIBUTE};
use crate::model::people::{
    fold_for_search, ChangeRecord, ImportSummary, PersonFields, PersonRef, PersonSummary,
    RosterPage, Status,
};
use crate::model::people::{ExistingPerson, ImportPlan};
use sqlx::{Any, Transaction};
use std::collections::{BTreeMap, HashMap};

/// What a roster search looks in: name, preferred name, email, team and title.
fn search_text(email: &str, f: &PersonFields) -> String {
    let parts = [
        Some(f.full_name.as_str()),
        f.preferred_name.as_deref(),
        Some(email),
        f.team.as_deref(),
        f.title.as_deref(),
    ];
    fold_for_search(&parts.into_iter().flatten().collect::<Vec<_>>().join(" | "))
}

fn attributes_json(attributes: &BTreeMap<String, String>) -> String {
    serde_json::to_string(attributes).unwrap_or_else(|_| "{}".into())
}

/// The language a person's stored attributes name, if any.
pub fn roster_language(attributes: &str) -> Option<Language> {
    serde_json::from_str::<BTreeMap<String, String>>(attributes)
        .ok()?
        .get(LANGUAGE_ATTRIBUTE)
        .and_then(|code| Language::parse(code))
}

/// Keeps the language a person chose for themselves, as the roster's
/// language column would, with the change in their history. Returns false
/// when there is no such person.
pub async fn set_language(
    db: &Db,
    person_id: i64,
    language: Language,
    changed_on: &str,
    source: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let Some(stored): Option<String> =
        sqlx::query_scalar("SELECT attributes FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(false);
    };
    let mut attributes: BTreeMap<String, String> =
        serde_json::from_str(&stored).unwrap_or_default();
    let old = attributes.insert(LANGUAGE_ATTRIBUTE.into(), language.code().into());
    if old.as_deref() == Some(language.code()) {
        return Ok(true);
    }
    sqlx::query("UPDATE people SET attributes = $1, updated_at = $2 WHERE id = $3")
        .bind(attributes_json(&attributes))
        .bind(now_ms())
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    let change = change_row(
        person_id,
        &format!("attr:{LANGUAGE_ATTRIBUTE}"),
        old,
        Some(language.code().into()),
        changed_on,
        source,
        now_ms(),
    );
    record_history(&mut tx, vec![change]).await?;
    tx.commit().await?;
    Ok(true)
}

/// A person's editable fields as a row holds them.
#[derive(sqlx::FromRow)]
struct FieldsRow {
    full_name: String,
    preferred_name: Option<String>,
    department: Option<String>,
    team: Option<String>,
    title: Option<String>,
    location: Option<String>,
    hire_date: Option<String>,
    end_date: Option<String>,
    attributes: String,
}

impl TryFrom<FieldsRow> for PersonFields {
    type Error = sqlx::Error;

    fn try_from(r: FieldsRow) -> Result<PersonFields, sqlx::Error> {
        Ok(PersonFields {
            attributes: serde_json::from_str(&r.attributes).map_err(|e| {
                sqlx::Error::Decode(format!("a person's custom attributes: {e}").into())
            })?,
            full_name: r.full_name,
            preferred_name: r.preferred_name,
            department: r.department,
            team: r.team,
            title: r.title,
            location: r.location,
            hire_date: r.hire_date,
            end_date: r.end_date,
        })
    }
}

fn status_of(status: &str) -> Result<Status, sqlx::Error> {
    Status::parse(status)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown status '{status}'").into()))
}

/// A `people` row as [`PERSON_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    email: String,
    manager_id: Option<i64>,
    status: String,
    #[sqlx(flatten)]
    fields: FieldsRow,
}

impl TryFrom<PersonRow> for PersonRecord {
    type Error = sqlx::Error;

    fn try_from(r: PersonRow) -> Result<PersonRecord, sqlx::Error> {
        Ok(PersonRecord {
            status: status_of(&r.status)?,
            fields: r.fields.try_into()?,
            id: r.id,
            email: r.email,
            manager_id: r.manager_id,
        })
    }
}

/// A roster line: id, email, full_name, department, team, title, location
/// and status.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    email: String,
    full_name: String,
    department: Option<String>,
    team: Option<String>,
    title: Option<String>,
    location: Option<String>,
    status: String,
}

impl TryFrom<SummaryRow> for PersonSummary {
    type Error = sqlx::Error;

    fn try_from(r: SummaryRow) -> Result<PersonSummary, sqlx::Error> {
        Ok(PersonSummary {
            status: status_of(&r.status)?,
            id: r.id,
            email: r.email,
            name: r.full_name,
            department: r.department,
            team: r.team,
            title: r.title,
            location: r.location,
        })
    }
}

const PERSON_COLUMNS: &str =
    "id, email, email_key, full_name, preferred_name, department, team, title, \
     manager_id, location, hire_date, end_date, attributes, status";

/// Everyone, as the import planner compares them.
pub async fn load_for_import(db: &Db) -> Result<Vec<ExistingPerson>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct ImportRow {
        email_key: String,
        #[sqlx(flatten)]
        person: PersonRow,
    }
    let rows: Vec<ImportRow> = sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM people"))
        .fetch_all(db.pool())
        .await?;
    rows.into_iter()
        .map(|row| {
            let person = PersonRecord::try_from(row.person)?;
            Ok(ExistingPerson {
                id: person.id,
                email: person.email,
                email_key: row.email_key,
                fields: person.fields,
                manager_id: person.manager_id,
                status: person.status,
            })
        })
        .collect()
}

/// Applies a checked plan in one transaction: all of it or nothing.
pub async fn apply_import(
    db: &Db,
    plan: &ImportPlan,
    as_of: &str,
    user_id: Option<i64>,
    file_name: &str,
    progress: &(dyn Fn(&str) + Send + Sync),
) -> Result<ImportSummary, sqlx::Error> {
    let summary = ImportSummary {
        added: plan.added.len(),
        changed: plan.changed.len(),
        unchanged: plan.unchanged,
        deactivated: plan.deactivated.len(),
    };
    if summary.added + summary.changed + summary.deactivated == 0 {
        // The same file again: nothing to write, not even a log entry.
        return Ok(summary);
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    progress("adding people");
    insert_added(&mut tx, plan, as_of, now).await?;
    progress("updating changed people");
    let mut history = update_changed(&mut tx, plan, as_of, now).await?;
    progress("linking managers");
    link_managers(&mut tx, plan).await?;
    progress("recording history");
    history.extend(deactivate_missing(&mut tx, plan, as_of, now).await?);
    record_history(&mut tx, history).await?;
    sqlx::query(
        "INSERT INTO roster_imports (user_id, file_name, as_of, added, changed, unchanged, deactivated, applied_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(user_id)
    .bind(file_name)
    .bind(as_of)
    .bind(summary.added as i64)
    .bind(summary.changed as i64)
    .bind(summary.unchanged as i64)
    .bind(summary.deactivated as i64)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    progress("committing");
    tx.commit().await?;
    db.refresh_statistics(&["people", "person_changes"]).await?;
    Ok(summary)
}

/// A row of `person_changes`, as [`insert_batched`] takes it.
fn change_row(
    person_id: i64,
    field: &str,
    old: Option<String>,
    new: Option<String>,
    as_of: &str,
    source: &str,
    now: i64,
) -> Vec<Cell> {
    vec![
        Cell::Int(Some(person_id)),
        Cell::Text(Some(field.into())),
        Cell::Text(old),
        Cell::Text(new),
        Cell::Text(Some(as_of.to_string())),
        Cell::Text(Some(source.into())),
        Cell::Int(Some(now)),
    ]
}

/// Adds rows made by [`change_row`] to the people's history.
async fn record_history(
    tx: &mut Transaction<'static, Any>,
    rows: Vec<Vec<Cell>>,
) -> Result<(), sqlx::Error> {
    insert_batched(
        tx,
        "person_changes",
        &[
            "person_id",
            "field",
            "old_value",
            "new_value",
            "changed_on",
            "source",
            "recorded_at",
        ],
        rows,
    )
    .await
}

async fn insert_added(
    tx: &mut Transaction<'static, Any>,
    plan: &ImportPlan,
    as_of: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Cell>> = plan
        .added
        .iter()
        .map(|p| {
            let f = &p.row.fields;
            vec![
                Cell::Text(Some(p.row.email.clone())),
                Cell::Text(Some(p.row.email_key())),
                Cell::Text(Some(f.full_name.clone())),
                Cell::Text(f.preferred_name.clone()),
                Cell::Text(f.department.clone()),
                Cell::Text(f.team.clone()),
                Cell::Text(f.title.clone()),
                Cell::Text(f.location.clone()),
                Cell::Text(f.hire_date.clone()),
                Cell::Text(f.end_date.clone()),
                Cell::Text(Some(attributes_json(&f.attributes))),
                Cell::Text(Some(p.status.as_str().into())),
                Cell::Text(Some(as_of.to_string())),
                Cell::Text(Some(search_text(&p.row.email, f))),
                Cell::Text(Some(fold_for_search(&f.full_name))),
                Cell::Int(Some(now)),
                Cell::Int(Some(now)),
            ]
        })
        .collect();
    insert_batched(
        tx,
        "people",
        &[
            "email",
            "email_key",
            "full_name",
            "preferred_name",
            "department",
            "team",
            "title",
            "location",
            "hire_date",
            "end_date",
            "attributes",
            "status",
            "first_seen_on",
            "search_text",
            "sort_key",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await
}

/// Writes each changed person's new fields; returns the history rows of
/// what changed.
async fn update_changed(
    tx: &mut Transaction<'static, Any>,
    plan: &ImportPlan,
    as_of: &str,
    now: i64,
) -> Result<Vec<Vec<Cell>>, sqlx::Error> {
    let mut history = Vec::new();
    for change in &plan.changed {
        let f = &change.fields;
        sqlx::query(
            "UPDATE people SET full_name = $1, preferred_name = $2, department = $3, team = $4, title = $5, \
             location = $6, hire_date = $7, end_date = $8, attributes = $9, status = $10, search_text = $11, \
             sort_key = $12, updated_at = $13 WHERE id = $14",
        )
        .bind(&f.full_name)
        .bind(&f.preferred_name)
        .bind(&f.department)
        .bind(&f.team)
        .bind(&f.title)
        .bind(&f.location)
        .bind(&f.hire_date)
        .bind(&f.end_date)
        .bind(attributes_json(&f.attributes))
        .bind(change.status.as_str())
        .bind(search_text(&change.row.email, f))
        .bind(fold_for_search(&f.full_name))
        .bind(now)
        .bind(change.person_id)
        .execute(&mut **tx)
        .await?;
        history.extend(change.changes.iter().map(|c| {
            change_row(
                change.person_id,
                &c.field,
                c.old.clone(),
                c.new.clone(),
                as_of,
                "import",
                now,
            )
        }));
    }
    Ok(history)
}

/// Sets the manager of everyone added, and of everyone whose manager changed.
async fn link_managers(
    tx: &mut Transaction<'static, Any>,
    plan: &ImportPlan,
) -> Result<(), sqlx::Error> {
    let ids: Vec<(String, i64)> = sqlx::query_as("SELECT email_key, id FROM people")
        .fetch_all(&mut **tx)
        .await?;
    let ids: HashMap<String, i64> = ids.into_iter().collect();
    let mut updates: Vec<(i64, Option<i64>)> = Vec::new();
    for p in &plan.added {
        let key = p.row.email_key();
        if let (Some(id), Some(Some(manager))) = (ids.get(&key), plan.managers.get(&key)) {
            updates.push((*id, ids.get(manager).copied()));
        }
    }
    for c in &plan.changed {
        if c.changes.iter().any(|ch| ch.field == "manager") {
            let manager = plan.managers.get(&c.row.email_key()).cloned().flatten();
            updates.push((c.person_id, manager.and_then(|m| ids.get(&m).copied())));
        }
    }
    set_managers(tx, &updates).await
}

/// Marks those missing from the file inactive (when HR asked); returns
/// their history rows.
async fn deactivate_missing(
    tx: &mut Transaction<'static, Any>,
    plan: &ImportPlan,
    as_of: &str,
    now: i64,
) -> Result<Vec<Vec<Cell>>, sqlx::Error> {
    let mut history = Vec::new();
    for (id, _, _) in &plan.deactivated {
        sqlx::query("UPDATE people SET status = 'inactive', end_date = COALESCE(end_date, $1), updated_at = $2 WHERE id = $3")
            .bind(as_of)
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        history.push(change_row(
            *id,
            "status",
            Some("active".into()),
            Some("inactive".into()),
            as_of,
            "import: missing from file",
            now,
        ));
    }
    Ok(history)
}

/// Sets many managers at once: the pairs go to a temporary table, then one
/// UPDATE ... FROM joins them in (a statement per person would take minutes at
/// 100,000 people).
async fn set_managers(
    tx: &mut Transaction<'_, Any>,
    updates: &[(i64, Option<i64>)],
) -> Result<(), sqlx::Error> {
    if updates.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "CREATE TEMPORARY TABLE manager_updates (person_id BIGINT PRIMARY KEY, manager_id BIGINT)",
    )
    .execute(&mut **tx)
    .await?;
    let rows = updates
        .iter()
        .map(|(id, manager)| vec![Cell::Int(Some(*id)), Cell::Int(*manager)])
        .collect();
    insert_batched(tx, "manager_updates", &["person_id", "manager_id"], rows).await?;
    sqlx::query(
        "UPDATE people SET manager_id = manager_updates.manager_id FROM manager_updates \
         WHERE people.id = manager_updates.person_id",
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query("DROP TABLE manager_updates")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Who a roster query may see.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Everyone,
    /// The reports, direct and indirect, of this person.
    ReportsOf(i64),
}

#[derive(Clone, Debug, Default)]
pub struct RosterQuery {
    pub text: String,
    pub include_inactive: bool,
}

/// One page of the roster, in name order, matching every word of the query
/// anywhere in name, email, team and title (accents and case folded).
/// The roster search's SQL around `people`: the reports' recursive query
/// when the scope is a manager's, and the WHERE clause of words and status.
struct RosterFilter {
    prefix: String,
    filter: String,
    /// The searched words, bound in order after the manager's id.
    words: Vec<String>,
}

impl RosterFilter {
    fn new(backend: super::Backend, scope: Scope, query: &RosterQuery) -> RosterFilter {
        let words: Vec<String> = fold_for_search(&query.text)
            .split_whitespace()
            .take(8)
            .map(str::to_string)
            .collect();
        // Plain substring search: faster than LIKE and has no wildcards to escape.
        let contains = match backend {
            super::Backend::Sqlite => "instr(search_text, ${}) > 0",
            super::Backend::Postgres => "strpos(search_text, ${}) > 0",
        };
        let mut conditions: Vec<String> = Vec::new();
        let mut n = 0;
        let mut prefix = String::new();
        if let Scope::ReportsOf(_) = scope {
            n += 1;
            prefix = format!(
                "WITH RECURSIVE reports(id) AS (SELECT id FROM people WHERE manager_id = ${n} \
                 UNION SELECT p.id FROM people p JOIN reports r ON p.manager_id = r.id) "
            );
            conditions.push("id IN (SELECT id FROM reports)".into());
        }
        for _ in &words {
            n += 1;
            conditions.push(contains.replace("${}", &format!("${n}")));
        }
        if !query.include_inactive {
            conditions.push("status = 'active'".into());
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        RosterFilter {
            prefix,
            filter,
            words,
        }
    }
}

/// Binds what [`RosterFilter`] numbered: the manager's id, then the words.
fn bind_filter<'q, O>(
    sql: &'q str,
    scope: Scope,
    words: &[String],
) -> sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>
where
    O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let mut q = sqlx::query_as(sql);
    if let Scope::ReportsOf(id) = scope {
        q = q.bind(id);
    }
    for w in words {
        q = q.bind(w.clone());
    }
    q
}

pub async fn search(
    db: &Db,
    scope: Scope,
    query: &RosterQuery,
    page: i64,
    per_page: i64,
) -> Result<RosterPage, sqlx::Error> {
    let RosterFilter {
        prefix,
        filter,
        words,
    } = RosterFilter::new(db.backend(), scope, query);
    let page = page.max(1);
    // Unfiltered, the name index gives the first page at once; filtered, one scan
    // that counts the matches and keeps the first page beats walking the index
    // past every non-match (`|| ''` keeps the planner off the index).
    let order = if words.is_empty() {
        "sort_key, id"
    } else {
        "sort_key || '', id"
    };
    let list_sql = format!(
        "{prefix}SELECT id, email, full_name, department, team, title, location, status, \
         COUNT(*) OVER () AS total FROM people {filter} ORDER BY {order} LIMIT {per_page} OFFSET {}",
        (page - 1) * per_page
    );
    #[derive(sqlx::FromRow)]
    struct PageRow {
        total: i64,
        #[sqlx(flatten)]
        summary: SummaryRow,
    }
    let rows: Vec<PageRow> = bind_filter(&list_sql, scope, &words)
        .fetch_all(db.pool())
        .await?;
    let total: i64 = match rows.first() {
        Some(row) => row.total,
        // Past the last page: count separately.
        None => {
            let count_sql = format!("{prefix}SELECT COUNT(*) AS n FROM people {filter}");
            let (n,): (i64,) = bind_filter(&count_sql, scope, &words)
                .fetch_one(db.pool())
                .await?;
            n
        }
    };
    let people = rows
        .into_iter()
        .map(|row| PersonSummary::try_from(row.summary))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(RosterPage {
        people,
        total,
        page,
        per_page,
        can_manage: matches!(scope, Scope::Everyone),
    })
}

/// A person as stored.
#[derive(Clone, Debug)]
pub struct PersonRecord {
    pub id: i64,
    pub email: String,
    pub fields: PersonFields,
    pub manager_id: Option<i64>,
    pub status: Status,
}

/// The values active people have in one roster column (`department`, `team`
/// or `location`), in order: what a survey's population can be narrowed to.
pub async fn active_values(db: &Db, column: RosterColumn) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT DISTINCT {0} FROM people WHERE status = 'active' AND {0} IS NOT NULL AND {0} <> '' ORDER BY {0}",
        column.name()
    ))
    .fetch_all(db.pool())
    .await
}

/// The roster columns a population is narrowed by (a closed set: the column
/// name is written into SQL).
#[derive(Clone, Copy, Debug)]
pub enum RosterColumn {
    Department,
    Team,
    Location,
}

impl RosterColumn {
    fn name(self) -> &'static str {
        match self {
            RosterColumn::Department => "department",
            RosterColumn::Team => "team",
            RosterColumn::Location => "location",
        }
    }
}

pub async fn get(db: &Db, id: i64) -> Result<Option<PersonRecord>, sqlx::Error> {
    sqlx::query_as::<_, PersonRow>(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .map(PersonRecord::try_from)
    .transpose()
}

/// Everyone's id by their email in lower case, to match files from elsewhere.
pub async fn ids_by_email(db: &Db) -> Result<std::collections::HashMap<String, i64>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT LOWER(email), id FROM people")
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn find_id_by_email(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM people WHERE email_key = $1")
        .bind(super::users::email_key(email))
        .fetch_optional(db.pool())
        .await
}

/// The managers above a person, nearest first. Stops at a loop (which imports
/// refuse, but an edit could race another).
pub async fn manager_chain(db: &Db, id: i64) -> Result<Vec<PersonRef>, sqlx::Error> {
    let mut chain: Vec<PersonRef> = Vec::new();
    let mut next: Option<i64> = sqlx::query_scalar("SELECT manager_id FROM people WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .flatten();
    while let Some(manager) = next {
        if manager == id || chain.iter().any(|p| p.id == manager) {
            break;
        }
        let row: Option<(i64, String, Option<String>, Option<i64>)> =
            sqlx::query_as("SELECT id, full_name, title, manager_id FROM people WHERE id = $1")
                .bind(manager)
                .fetch_optional(db.pool())
                .await?;
        let Some((id, name, title, manager_id)) = row else {
            break;
        };
        chain.push(PersonRef { id, name, title });
        next = manager_id;
    }
    Ok(chain)
}

pub async fn direct_reports(db: &Db, id: i64) -> Result<Vec<PersonRef>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, full_name, title FROM people WHERE manager_id = $1 ORDER BY sort_key, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, title)| PersonRef { id, name, title })
        .collect())
}

/// Whether `person` reports to `manager`, directly or through others.
pub async fn reports_to(db: &Db, person: i64, manager: i64) -> Result<bool, sqlx::Error> {
    Ok(manager_chain(db, person)
        .await?
        .iter()
        .any(|p| p.id == manager))
}

pub async fn history(db: &Db, id: i64) -> Result<Vec<ChangeRecord>, sqlx::Error> {
    type ChangeRow = (String, Option<String>, Option<String>, String, String);
    let rows: Vec<ChangeRow> = sqlx::query_as(
        "SELECT field, old_value, new_value, changed_on, source FROM person_changes \
         WHERE person_id = $1 ORDER BY changed_on DESC, id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(field, old_value, new_value, changed_on, source)| ChangeRecord {
                field,
                old_value,
                new_value,
                changed_on,
                source,
            },
        )
        .collect())
}

/// A change to one person, with the history it leaves.
pub struct PersonUpdate<'a> {
    pub fields: &'a PersonFields,
    pub manager_id: Option<i64>,
    pub status: Status,
    pub changes: &'a [crate::model::people::FieldChange],
    pub changed_on: &'a str,
    pub source: &'a str,
}

/// Saves an edit and its dated history in one transaction.
pub async fn update(
    db: &Db,
    person: &PersonRecord,
    update: PersonUpdate<'_>,
) -> Result<(), sqlx::Error> {
    let PersonUpdate {
        fields,
        manager_id,
        status,
        changes,
        changed_on,
        source,
    } = update;
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE people SET full_name = $1, preferred_name = $2, department = $3, team = $4, title = $5, \
         location = $6, hire_date = $7, end_date = $8, attributes = $9, status = $10, search_text = $11, \
         sort_key = $12, manager_id = $13, updated_at = $14 WHERE id = $15",
    )
    .bind(&fields.full_name)
    .bind(&fields.preferred_name)
    .bind(&fields.department)
    .bind(&fields.team)
    .bind(&fields.title)
    .bind(&fields.location)
    .bind(&fields.hire_date)
    .bind(&fields.end_date)
    .bind(attributes_json(&fields.attributes))
    .bind(status.as_str())
    .bind(search_text(&person.email, fields))
    .bind(fold_for_search(&fields.full_name))
    .bind(manager_id)
    .bind(now)
    .bind(person.id)
    .execute(&mut *tx)
    .await?;
    let rows = changes
        .iter()
        .map(|c| {
            change_row(
                person.id,
                &c.field,
                c.old.clone(),
                c.new.clone(),
                changed_on,
                source,
                now,
            )
        })
        .collect();
    record_history(&mut tx, rows).await?;
    tx.commit().await
}

/// What erasing a person removes besides their row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErasureCounts {
    pub history_entries: i64,
    /// Reports whose manager link goes.
    pub direct_reports: i64,
    pub answers_given: i64,
    pub answers_naming: i64,
}

pub async fn erasure_counts(db: &Db, id: i64) -> Result<ErasureCounts, sqlx::Error> {
    let history: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM person_changes WHERE person_id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?;
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE manager_id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await?;
    let given: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM ties WHERE respondent_id = $1) + (SELECT COUNT(*) FROM attribute_answers WHERE respondent_id = $1)",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    let naming: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ties WHERE named_id = $1 AND respondent_id <> $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?;
    Ok(ErasureCounts {
        history_entries: history,
        direct_reports: reports,
        answers_given: given,
        answers_naming: naming,
    })
}

/// Pending uploads that mention an email: they hold personal data too.
pub async fn uploads_mentioning<'e, E>(executor: E, email: &str) -> Result<Vec<i64>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let needle = super::users::email_key(email);
    let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as("SELECT id, content FROM roster_uploads")
        .fetch_all(executor)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, content)| {
            String::from_utf8_lossy(content)
                .to_lowercase()
                .contains(&needle)
        })
        .map(|(id, _)| id)
        .collect())
}

/// `text` with each whole-word occurrence of `name` replaced: "Ana" goes from
/// "Ana and Rui", not from "Anabela".
fn replace_whole_words(text: &str, name: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            out.push_str(name);
        } else {
            out.push_str(with);
        }
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    out
}

/// What erasing a person leaves to be done after the transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// Names they went by, to find them in files.
    pub names: Vec<String>,
    /// Analysed waves whose stored results held them: computed again without them.
    pub waves_to_analyze: Vec<i64>,
}

/// Erases a person: their row (and with it, by cascade, their answers, the
/// answers naming them, invitations, link sessions, introductions, pulses and
/// outbox rows), their history, their manager link from reports, the history
/// entries of others that name them as manager, their place in the grounds of
/// others' introductions (and their name in the sentences of introductions
/// made before grounds were stored as facts), pending uploads that mention
/// them, bounces, sign-in failures, outbox rows sent to or about their
/// address, an account with their email, and the audit log's mention of
/// them. Stored analyses of every wave of a survey they were invited to, and
/// every newcomer's stored figures, are deleted: the caller computes them
/// again. In the caller's transaction, which also holds the erasure's audit entry.
pub async fn erase(tx: &mut super::Tx, id: i64, email: &str) -> Result<Erased, super::StoreError> {
    let uploads = uploads_mentioning(&mut **tx, email).await?;
    let waves_to_analyze = forget_figures(tx, id).await?;
    forget_mail(tx, email).await?;
    super::sessions::forget_account_attempts(tx, email).await?;
    sqlx::query("DELETE FROM users WHERE email_key = $1")
        .bind(super::users::email_key(email))
        .execute(&mut **tx)
        .await?;
    let names: Vec<String> = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT full_name, preferred_name FROM people WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .map(|(full, preferred)| [Some(full), preferred].into_iter().flatten().collect())
    .unwrap_or_default();
    super::audit::forget_person(tx, id, email, &names).await?;
    super::newcomers::forget_in_grounds(tx, id).await?;
    scrub_introduction_reasons(tx, &names).await?;
    forget_as_manager(tx, id, email).await?;
    // A network waiting to be added may hold their ties (as JSON): drafts go.
    sqlx::query("DELETE FROM network_drafts")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM people WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for upload in uploads {
        sqlx::query("DELETE FROM roster_uploads WHERE id = $1")
            .bind(upload)
            .execute(&mut **tx)
            .await?;
    }
    Ok(Erased {
        names,
        waves_to_analyze,
    })
}

/// Deletes the figures computed with the person in them: the analyses of
/// every wave of the surveys they were invited to (returned, to be analysed
/// again), and the newcomer figures.
async fn forget_figures(tx: &mut super::Tx, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let waves_to_analyze: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT later.id FROM invitations i JOIN waves w ON w.id = i.wave_id \
         JOIN waves later ON later.survey_id = w.survey_id \
         JOIN analyses a ON a.wave_id = later.id WHERE i.person_id = $1 ORDER BY later.id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for wave in &waves_to_analyze {
        sqlx::query("DELETE FROM analyses WHERE wave_id = $1")
            .bind(wave)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("DELETE FROM newcomer_figures")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM newcomer_summary")
        .execute(&mut **tx)
        .await?;
    Ok(waves_to_analyze)
}

/// Their bounces, and mail sent to them about someone else (a manager's
/// copy) or whose error quotes their address.
async fn forget_mail(tx: &mut super::Tx, email: &str) -> Result<(), sqlx::Error> {
    let email_key = super::users::email_key(email);
    sqlx::query("DELETE FROM email_bounces WHERE lower(address) = $1")
        .bind(&email_key)
        .execute(&mut **tx)
        .await?;
    let addressed: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT id, to_address, last_error FROM outbox WHERE to_address IS NOT NULL OR last_error IS NOT NULL",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (outbox_id, _, _) in addressed.iter().filter(|(_, to, error)| {
        [to, error].iter().any(|t| {
            t.as_deref()
                .is_some_and(|t| t.to_lowercase().contains(&email_key))
        })
    }) {
        sqlx::query("DELETE FROM outbox WHERE id = $1")
            .bind(outbox_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Introductions kept as text name people: their names become "a colleague".
async fn scrub_introduction_reasons(
    tx: &mut super::Tx,
    names: &[String],
) -> Result<(), sqlx::Error> {
    let reasons: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, reasons FROM introductions WHERE grounds IS NULL")
            .fetch_all(&mut **tx)
            .await?;
    for (introduction, text) in reasons {
        // The full name first, so that a preferred name inside it is not left half-replaced.
        let scrubbed = names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .fold(text.clone(), |t, name| {
                replace_whole_words(&t, name, "a colleague")
            });
        if scrubbed != text {
            sqlx::query("UPDATE introductions SET reasons = $1 WHERE id = $2")
                .bind(scrubbed)
                .bind(introduction)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Their reports no longer have them as manager, now or in the roster's history.
async fn forget_as_manager(tx: &mut super::Tx, id: i64, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET manager_id = NULL WHERE manager_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE person_changes SET old_value = CASE WHEN lower(old_value) = $1 THEN NULL ELSE old_value END, \
         new_value = CASE WHEN lower(new_value) = $1 THEN NULL ELSE new_value END WHERE field = 'manager'",
    )
    .bind(super::users::email_key(email))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn save_upload(
    db: &Db,
    user_id: i64,
    file_name: &str,
    content: &[u8],
) -> Result<i64, sqlx::Error> {
    // Stale uploads go first: they hold personal data nobody is looking at.
    sqlx::query("DELETE FROM roster_uploads WHERE created_at < $1")
        .bind(now_ms() - 24 * 60 * 60 * 1000)
        .execute(db.pool())
        .await?;
    sqlx::query_scalar(
        "INSERT INTO roster_uploads (user_id, file_name, content, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(file_name)
    .bind(content.to_vec())
    .bind(now_ms())
    .fetch_one(db.pool())
    .await
}

/// A roster file uploaded for preview.
pub struct Upload {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// An upload, only for the account that made it.
pub async fn get_upload(db: &Db, id: i64, user_id: i64) -> Result<Option<Upload>, sqlx::Error> {
    let row: Option<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT file_name, content FROM roster_uploads WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(file_name, content)| Upload { file_name, content }))
}

pub async fn delete_upload(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM roster_uploads WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// One person as exported, with their manager's email.
pub struct ExportRow {
    pub person: PersonRecord,
    pub manager_email: Option<String>,
}

/// Everyone with their manager's email, in name order, for export.
pub async fn export_rows(db: &Db) -> Result<Vec<ExportRow>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct WithManager {
        manager_email: Option<String>,
        #[sqlx(flatten)]
        person: PersonRow,
    }
    let rows: Vec<WithManager> = sqlx::query_as(
        "SELECT p.id, p.email, p.email_key, p.full_name, p.preferred_name, p.department, p.team, p.title, \
         p.manager_id, p.location, p.hire_date, p.end_date, p.attributes, p.status, m.email AS manager_email \
         FROM people p LEFT JOIN people m ON m.id = p.manager_id ORDER BY p.sort_key, p.id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ExportRow {
                person: r.person.try_into()?,
                manager_email: r.manager_email,
            })
        })
        .collect()
}

/// A person as the roster described them on a given date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonAsOf {
    pub id: i64,
    pub email: String,
    pub fields: PersonFields,
    pub manager_email: Option<String>,
    pub status: Status,
}

/// The roster as it was on `date` (YYYY-MM-DD): everyone listed by then, with
/// each field rolled back past the changes seen after that date.
pub async fn roster_as_of(db: &Db, date: &str) -> Result<Vec<PersonAsOf>, sqlx::Error> {
    use futures_util::TryStreamExt;
    // Changes after the date, oldest first: the first one's old value is the value then.
    let later: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT person_id, field, old_value FROM person_changes WHERE changed_on > $1 ORDER BY changed_on, id",
    )
    .bind(date)
    .fetch_all(db.pool())
    .await?;
    let mut first_change: HashMap<(i64, String), Option<String>> = HashMap::new();
    for (person_id, field, old_value) in later {
        first_change.entry((person_id, field)).or_insert(old_value);
    }
    let mut attribute_changes: HashMap<i64, Vec<(String, Option<String>)>> = HashMap::new();
    for ((id, field), old) in &first_change {
        if let Some(name) = field.strip_prefix("attr:") {
            attribute_changes
                .entry(*id)
                .or_default()
                .push((name.to_string(), old.clone()));
        }
    }
    // One row at a time: the whole roster's rows at once would hold every
    // field twice (hundreds of MB at 100,000 people).
    #[derive(sqlx::FromRow)]
    struct AsOfRow {
        first_seen_on: String,
        manager_email: Option<String>,
        #[sqlx(flatten)]
        person: PersonRow,
    }
    let mut rows = sqlx::query_as::<_, AsOfRow>(
        "SELECT p.id, p.email, p.email_key, p.full_name, p.preferred_name, p.department, p.team, p.title, \
         p.manager_id, p.location, p.hire_date, p.end_date, p.attributes, p.status, p.first_seen_on, \
         m.email AS manager_email FROM people p LEFT JOIN people m ON m.id = p.manager_id",
    )
    .fetch(db.pool());
    let mut people = Vec::new();
    while let Some(row) = rows.try_next().await? {
        let first_seen = row.first_seen_on;
        let mut manager_email = row.manager_email;
        let PersonRecord {
            id,
            email,
            mut fields,
            status,
            ..
        } = row.person.try_into()?;
        let listed = match &fields.hire_date {
            Some(hired) => hired.as_str() <= date || first_seen.as_str() <= date,
            None => first_seen.as_str() <= date,
        };
        let then = |field: &str| first_change.get(&(id, field.to_string())).cloned();
        let roll = |field: &str, value: &mut Option<String>| {
            if let Some(old) = then(field) {
                *value = old;
            }
        };
        if let Some(Some(name)) = then("full_name") {
            fields.full_name = name;
        }
        roll("preferred_name", &mut fields.preferred_name);
        roll("department", &mut fields.department);
        roll("team", &mut fields.team);
        roll("title", &mut fields.title);
        roll("location", &mut fields.location);
        roll("hire_date", &mut fields.hire_date);
        roll("end_date", &mut fields.end_date);
        for (name, old) in attribute_changes.get(&id).into_iter().flatten() {
            match old {
                Some(value) => fields.attributes.insert(name.clone(), value.clone()),
                None => fields.attributes.remove(name),
            };
        }
        roll("manager", &mut manager_email);
        let mut status = Some(status.as_str().to_string());
        roll("status", &mut status);
        let status = status
            .as_deref()
            .and_then(Status::parse)
            .unwrap_or(Status::Active);
        let left = fields.end_date.as_deref().is_some_and(|end| end <= date);
        if listed {
            people.push(PersonAsOf {
                id,
                email,
                fields,
                manager_email,
                status: if left { Status::Inactive } else { status },
            });
        }
    }
    Ok(people)
}

/// Up to `limit` active people matching every word of `text` (in name, email,
/// team or title), leaving out `exclude`, in name order. For the survey picker:
/// the scan stops at the first matches instead of ranking the whole roster, so
/// it stays fast however many people match.
pub async fn find_for_picker(
    db: &Db,
    text: &str,
    wave: Option<i64>,
    exclude: &[i64],
    limit: usize,
) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let words: Vec<String> = fold_for_search(text)
        .split_whitespace()
        .take(8)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let contains = match db.backend() {
        super::Backend::Sqlite => "instr(search_text, ${}) > 0",
        super::Backend::Postgres => "strpos(search_text, ${}) > 0",
    };
    let conditions: Vec<String> = (1..=words.len())
        .map(|n| contains.replace("${}", &format!("${n}")))
        .collect();
    // Only people the roster listed when the wave opened can be named in it.
    let listed = format!(
        "created_at <= COALESCE((SELECT opened_at FROM waves WHERE id = ${}), created_at)",
        words.len() + 1
    );
    let sql = format!(
        "SELECT id, email, full_name, department, team, title, location, status, sort_key FROM people \
         WHERE status = 'active' AND {} AND {listed} LIMIT {}",
        conditions.join(" AND "),
        limit + exclude.len()
    );
    #[derive(sqlx::FromRow)]
    struct Found {
        sort_key: String,
        #[sqlx(flatten)]
        summary: SummaryRow,
    }
    let mut query = sqlx::query_as::<_, Found>(&sql);
    for word in &words {
        query = query.bind(word.clone());
    }
    // No wave (-1) matches none, so no one is left out.
    let rows = query.bind(wave.unwrap_or(-1)).fetch_all(db.pool()).await?;
    let mut found: Vec<(String, PersonSummary)> = rows
        .into_iter()
        .map(|r| Ok((r.sort_key, r.summary.try_into()?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    found.retain(|(_, p)| !exclude.contains(&p.id));
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().take(limit).map(|(_, p)| p).collect())
}

/// How many of `ids` this respondent of this wave may name: people the
/// roster listed when the wave opened (someone imported since is not in its
/// network) who are active, or whom the respondent already named (a colleague
/// who left since stays in their answers).
pub async fn count_nameable(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    ids: &[i64],
) -> Result<usize, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let placeholders: Vec<String> = (3..=ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT COUNT(*) FROM people p JOIN waves w ON w.id = $1 \
         WHERE p.created_at <= COALESCE(w.opened_at, p.created_at) \
         AND (p.status = 'active' OR p.id IN \
              (SELECT named_id FROM ties WHERE wave_id = $1 AND respondent_id = $2)) \
         AND p.id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(wave_id)
        .bind(respondent);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_one(db.pool()).await? as usize)
}

#[cfg(test)]
mod tests {
    use super::replace_whole_words;

    #[test]
    fn only_whole_names_are_replaced() {
        assert_eq!(
            replace_whole_words("Ana works with Anabela and Ana.", "Ana", "a colleague"),
            "a colleague works with Anabela and a colleague."
        );
        assert_eq!(replace_whole_words("Mariana", "Ana", "x"), "Mariana");
        assert_eq!(replace_whole_words("", "Ana", "x"), "");
    }
}
