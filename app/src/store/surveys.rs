//! Surveys, waves, invitations and answers in the database.

use super::{insert_batched, now_ms, Cell, Db};
use crate::model::date::Date;
use crate::model::surveys::{
    Answers, AttributeQuestion, Population, QuestionKind, Relation, RelationKind, SurveyDefinition,
    Wave, WaveStatus,
};
use sqlx::{Any, Transaction};

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// A stored JSON value; unreadable is a decoding error naming the value, never a default.
fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(|e| sqlx::Error::Decode(format!("{what}: {e}").into()))
}

#[derive(Clone, Debug)]
pub struct SurveyRecord {
    pub id: i64,
    pub definition: SurveyDefinition,
    pub waves: Vec<Wave>,
}

impl SurveyRecord {
    /// Questions are locked once any wave has opened.
    pub fn locked(&self) -> bool {
        self.waves.iter().any(|w| w.status != WaveStatus::Draft)
    }
}

async fn write_questions(
    tx: &mut Transaction<'_, Any>,
    survey_id: i64,
    definition: &SurveyDefinition,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM survey_relations WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM survey_questions WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut **tx)
        .await?;
    for (position, relation) in definition.relations.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_relations (survey_id, position, kind, question, scales) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(survey_id)
        .bind(position as i64)
        .bind(relation.kind.as_str())
        .bind(&relation.question)
        .bind(json(&relation.scales))
        .execute(&mut **tx)
        .await?;
    }
    for (position, question) in definition.questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_questions (survey_id, position, kind, prompt, options) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(survey_id)
        .bind(position as i64)
        .bind(question.kind.as_str())
        .bind(&question.prompt)
        .bind(json(&question.options))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn create(
    db: &Db,
    definition: &SurveyDefinition,
    user_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO surveys (name, introduction, population, created_by, created_at, updated_at, reminder_days) \
         VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING id",
    )
    .bind(&definition.name)
    .bind(&definition.introduction)
    .bind(json(&definition.population))
    .bind(user_id)
    .bind(now)
    .bind(days_text(&definition.reminder_days))
    .fetch_one(&mut *tx)
    .await?;
    write_questions(&mut tx, id, definition).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a draft survey's definition. Returns false, changing nothing, when a
/// wave has opened meanwhile (checked inside the transaction).
pub async fn update_definition(
    db: &Db,
    id: i64,
    definition: &SurveyDefinition,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE surveys SET name = $1, introduction = $2, population = $3, updated_at = $4, reminder_days = $6 WHERE id = $5 \
         AND NOT EXISTS (SELECT 1 FROM waves WHERE waves.survey_id = $5 AND waves.status <> 'draft')",
    )
    .bind(&definition.name)
    .bind(&definition.introduction)
    .bind(json(&definition.population))
    .bind(now_ms())
    .bind(id)
    .bind(days_text(&definition.reminder_days))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    write_questions(&mut tx, id, definition).await?;
    tx.commit().await?;
    Ok(true)
}

fn days_text(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn days_from_text(text: &str) -> Vec<u32> {
    text.split(',')
        .filter_map(|d| d.trim().parse().ok())
        .collect()
}

/// A `waves` row as [`WAVE_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct WaveRow {
    id: i64,
    survey_id: i64,
    number: i64,
    status: String,
    opens_on: String,
    closes_on: String,
    // Read from `*`, with a default: the upgrade tests run this code on a
    // database from before the column (0017) was added.
    #[sqlx(default)]
    scheduled: i64,
}

impl TryFrom<WaveRow> for Wave {
    type Error = sqlx::Error;

    fn try_from(row: WaveRow) -> Result<Wave, sqlx::Error> {
        Ok(Wave {
            status: WaveStatus::parse(&row.status).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown wave status '{}'", row.status).into())
            })?,
            id: row.id,
            survey_id: row.survey_id,
            number: row.number,
            opens_on: row.opens_on,
            closes_on: row.closes_on,
            scheduled: row.scheduled != 0,
        })
    }
}

const WAVE_COLUMNS: &str = "*";

pub async fn get(db: &Db, id: i64) -> Result<Option<SurveyRecord>, sqlx::Error> {
    let survey: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT name, introduction, population, reminder_days FROM surveys WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some((name, introduction, population, reminder_days)) = survey else {
        return Ok(None);
    };
    let relations: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, question, scales FROM survey_relations WHERE survey_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let relations = relations
        .into_iter()
        .map(|(id, kind, question, scales)| {
            Ok(Relation {
                id,
                kind: RelationKind::parse(&kind).unwrap_or(RelationKind::Custom),
                question,
                scales: from_json("a tie's scales", &scales)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let questions: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, prompt, options FROM survey_questions WHERE survey_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let questions = questions
        .into_iter()
        .map(|(id, kind, prompt, options)| {
            Ok(AttributeQuestion {
                id,
                kind: QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text),
                prompt,
                options: from_json("a question's options", &options)?,
                shown_options: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let waves = sqlx::query_as::<_, WaveRow>(&format!(
        "SELECT {WAVE_COLUMNS} FROM waves WHERE survey_id = $1 ORDER BY number"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(Wave::try_from)
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Some(SurveyRecord {
        id,
        definition: SurveyDefinition {
            name,
            introduction,
            population: from_json::<Population>("a survey's population", &population)?,
            relations,
            questions,
            reminder_days: days_from_text(&reminder_days),
        },
        waves,
    }))
}

/// Whether the instance holds no people and no surveys of its own yet.
pub async fn instance_is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let things: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM surveys WHERE kind = 'survey')",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(things == 0)
}

/// Every survey's id, newest first.
/// Whether any survey's wave has opened (Knit's own pulse aside).
pub async fn any_wave_opened(db: &Db) -> Result<bool, sqlx::Error> {
    let opened: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE s.kind = 'survey' AND w.status <> 'draft'",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(opened > 0)
}

pub async fn list_ids(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM surveys WHERE kind = 'survey' ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db.pool())
    .await
}

pub async fn get_wave(db: &Db, id: i64) -> Result<Option<Wave>, sqlx::Error> {
    sqlx::query_as::<_, WaveRow>(&format!("SELECT {WAVE_COLUMNS} FROM waves WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .map(Wave::try_from)
        .transpose()
}

/// Adds the next wave of a survey, as a draft.
pub async fn create_wave(
    db: &Db,
    survey_id: i64,
    opens_on: &str,
    closes_on: &str,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number) FROM waves WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_one(&mut *tx)
            .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO waves (survey_id, number, status, opens_on, closes_on) VALUES ($1, $2, 'draft', $3, $4) RETURNING id",
    )
    .bind(survey_id)
    .bind(last.unwrap_or(0) + 1)
    .bind(opens_on)
    .bind(closes_on)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A personal link as stored: its random seed and its token's hash.
#[derive(Clone, Debug)]
pub struct NewLink {
    pub seed: String,
    pub token_hash: String,
}

/// Opens a draft wave on `opened_on`, stores one invitation per person and
/// queues their invitation emails, all in one transaction. Opened before its
/// planned day, the wave starts on `opened_on`. Returns false when the wave
/// was not a draft.
pub async fn open_wave(
    db: &Db,
    wave_id: i64,
    invitations: Vec<(i64, NewLink)>,
    opened_on: Date,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    // ISO dates order as text.
    let opened = sqlx::query(
        "UPDATE waves SET status = 'open', opened_at = $1, \
         opens_on = CASE WHEN opens_on > $3 THEN $3 ELSE opens_on END \
         WHERE id = $2 AND status = 'draft'",
    )
    .bind(now)
    .bind(wave_id)
    .bind(opened_on.iso())
    .execute(&mut *tx)
    .await?;
    if opened.rows_affected() == 0 {
        return Ok(false);
    }
    invite(
        &mut tx,
        wave_id,
        invitations,
        now,
        crate::model::mail::Purpose::Invitation,
    )
    .await?;
    tx.commit().await?;
    db.refresh_statistics(&["invitations", "outbox"]).await?;
    Ok(true)
}

/// Stores one invitation per person in an open wave and queues their emails
/// (survey invitations, or pulses).
pub(super) async fn invite(
    tx: &mut Transaction<'_, Any>,
    wave_id: i64,
    invitations: Vec<(i64, NewLink)>,
    now: i64,
    purpose: crate::model::mail::Purpose,
) -> Result<(), sqlx::Error> {
    let rows = invitations
        .into_iter()
        .map(|(person_id, link)| {
            vec![
                Cell::Int(Some(wave_id)),
                Cell::Int(Some(person_id)),
                Cell::Text(Some(link.token_hash)),
                Cell::Text(Some(link.seed)),
                Cell::Int(Some(now)),
            ]
        })
        .collect();
    insert_batched(
        tx,
        "invitations",
        &[
            "wave_id",
            "person_id",
            "token_hash",
            "token_seed",
            "issued_at",
        ],
        rows,
    )
    .await?;
    super::outbox::queue_for_wave(tx, purpose, wave_id, 0, false).await?;
    Ok(())
}

/// An open wave with the day it opened and its survey's reminder days.
pub struct ReminderSchedule {
    pub wave_id: i64,
    pub opened_on: crate::model::date::Date,
    pub days: Vec<u32>,
}

pub async fn open_waves_reminder_days(db: &Db) -> Result<Vec<ReminderSchedule>, sqlx::Error> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT w.id, w.opened_at, s.reminder_days FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE w.status = 'open' AND w.opened_at IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(wave_id, opened_at, reminder_days)| ReminderSchedule {
            wave_id,
            opened_on: crate::model::date::Date::from_days_since_epoch(
                opened_at.div_euclid(86_400_000),
            ),
            days: days_from_text(&reminder_days),
        })
        .collect())
}

/// Closes an open wave on `closed_on`: from now on no answer can change.
/// Closed before its planned day, the wave ends on `closed_on`, so that what
/// is read from it (days since hire, the roster of the day) is of that day.
pub async fn close_wave(db: &Db, wave_id: i64, closed_on: Date) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let closed = sqlx::query(
        "UPDATE waves SET status = 'closed', closed_at = $1, \
         closes_on = CASE WHEN closes_on > $3 THEN $3 ELSE closes_on END \
         WHERE id = $2 AND status = 'open'",
    )
    .bind(now_ms())
    .bind(wave_id)
    .bind(closed_on.iso())
    .execute(&mut *tx)
    .await?;
    // Nothing can be answered any more: respondents' sessions end with the wave.
    sqlx::query(
        "DELETE FROM respondent_sessions WHERE invitation_id IN \
         (SELECT id FROM invitations WHERE wave_id = $1)",
    )
    .bind(wave_id)
    .execute(&mut *tx)
    .await?;
    let closed = closed.rows_affected() == 1;
    if closed {
        super::responses::keep_response_counts(db, &mut tx, wave_id).await?;
    }
    tx.commit().await?;
    Ok(closed)
}

/// An invitation found by its token's hash.
#[derive(Clone, Debug)]
pub struct InvitationRecord {
    pub id: i64,
    pub wave_id: i64,
    pub person_id: i64,
    pub submitted: bool,
}

pub async fn find_invitation(
    db: &Db,
    token_hash: &str,
) -> Result<Option<InvitationRecord>, sqlx::Error> {
    let row: Option<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, wave_id, person_id, submitted_at FROM invitations WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(
        row.map(|(id, wave_id, person_id, submitted_at)| InvitationRecord {
            id,
            wave_id,
            person_id,
            submitted: submitted_at.is_some(),
        }),
    )
}

/// Whether a person holds a live invitation to a wave.
pub async fn is_invited(db: &Db, wave_id: i64, person_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM invitations WHERE wave_id = $1 AND person_id = $2 AND revoked_at IS NULL",
    )
    .bind(wave_id)
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

pub async fn mark_opened(db: &Db, invitation_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET first_opened_at = COALESCE(first_opened_at, $1) WHERE id = $2",
    )
    .bind(now_ms())
    .bind(invitation_id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Revokes a person's link; with `new_link`, issues a new one in its place.
/// Either way, whoever opened the old link is signed out, in the same transaction.
pub async fn reissue(
    db: &Db,
    wave_id: i64,
    person_id: i64,
    new_link: Option<&NewLink>,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM respondent_sessions WHERE invitation_id IN \
         (SELECT id FROM invitations WHERE wave_id = $1 AND person_id = $2)",
    )
    .bind(wave_id)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    let done = match new_link {
        Some(link) => {
            sqlx::query("UPDATE invitations SET token_hash = $1, token_seed = $2, issued_at = $3, revoked_at = NULL WHERE wave_id = $4 AND person_id = $5")
                .bind(&link.token_hash)
                .bind(&link.seed)
                .bind(now)
                .bind(wave_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?
        }
        None => {
            sqlx::query("UPDATE invitations SET token_hash = NULL, token_seed = NULL, revoked_at = $1 WHERE wave_id = $2 AND person_id = $3")
                .bind(now)
                .bind(wave_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces a respondent's answers for a wave in one transaction, only while the
/// wave is open. `submit` marks them submitted (a draft save does not).
/// Returns false, writing nothing, when the wave is not open.
pub async fn save_answers(
    db: &Db,
    wave_id: i64,
    respondent_id: i64,
    answers: &Answers,
    submit: bool,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    // Touching the invitation first takes the write lock on both backends, and
    // the wave check inside the same statement closes the race with closing.
    let touched = sqlx::query(
        "UPDATE invitations SET last_saved_at = $1, submitted_at = CASE WHEN $2 = 1 THEN $1 ELSE submitted_at END, declined_at = NULL \
         WHERE wave_id = $3 AND person_id = $4 AND revoked_at IS NULL \
         AND EXISTS (SELECT 1 FROM waves WHERE waves.id = $3 AND waves.status = 'open')",
    )
    .bind(now)
    .bind(i64::from(submit))
    .bind(wave_id)
    .bind(respondent_id)
    .execute(&mut *tx)
    .await?;
    if touched.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM ties WHERE wave_id = $1 AND respondent_id = $2")
        .bind(wave_id)
        .bind(respondent_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM attribute_answers WHERE wave_id = $1 AND respondent_id = $2")
        .bind(wave_id)
        .bind(respondent_id)
        .execute(&mut *tx)
        .await?;
    let rows = answers
        .ties
        .iter()
        .map(|tie| {
            vec![
                Cell::Int(Some(wave_id)),
                Cell::Int(Some(tie.relation_id)),
                Cell::Int(Some(respondent_id)),
                Cell::Int(Some(tie.named_id)),
                Cell::Text(Some(json(&tie.scales))),
            ]
        })
        .collect();
    insert_batched(
        &mut tx,
        "ties",
        &[
            "wave_id",
            "relation_id",
            "respondent_id",
            "named_id",
            "scales",
        ],
        rows,
    )
    .await?;
    for (question_id, value) in &answers.attributes {
        sqlx::query("INSERT INTO attribute_answers (wave_id, question_id, respondent_id, value) VALUES ($1, $2, $3, $4)")
            .bind(wave_id)
            .bind(question_id)
            .bind(respondent_id)
            .bind(value)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A respondent says they prefer not to take part in an open wave (their
/// saved answers go, in the same transaction), or that they will after all.
/// False when the wave is no longer open or the link was revoked.
pub async fn set_declined(
    db: &Db,
    wave_id: i64,
    respondent_id: i64,
    declined: bool,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let touched = sqlx::query(
        "UPDATE invitations SET declined_at = $1, submitted_at = CASE WHEN $1 IS NULL THEN submitted_at END, \
         last_saved_at = CASE WHEN $1 IS NULL THEN last_saved_at END \
         WHERE wave_id = $2 AND person_id = $3 AND revoked_at IS NULL \
         AND EXISTS (SELECT 1 FROM waves WHERE waves.id = $2 AND waves.status = 'open')",
    )
    .bind(declined.then_some(now))
    .bind(wave_id)
    .bind(respondent_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if touched == 0 {
        return Ok(false);
    }
    if declined {
        for table in ["ties", "attribute_answers"] {
            sqlx::query(&format!(
                "DELETE FROM {table} WHERE wave_id = $1 AND respondent_id = $2"
            ))
            .bind(wave_id)
            .bind(respondent_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Whether a respondent said they prefer not to take part in a wave.
pub async fn has_declined(db: &Db, wave_id: i64, respondent_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, Option<i64>>(
        "SELECT declined_at FROM invitations WHERE wave_id = $1 AND person_id = $2",
    )
    .bind(wave_id)
    .bind(respondent_id)
    .fetch_optional(db.pool())
    .await?
    .flatten()
    .is_some())
}

/// A respondent's own answers for a wave.
pub async fn answers_of(db: &Db, wave_id: i64, respondent_id: i64) -> Result<Answers, sqlx::Error> {
    let ties: Vec<(i64, i64, String)> = sqlx::query_as("SELECT relation_id, named_id, scales FROM ties WHERE wave_id = $1 AND respondent_id = $2 ORDER BY relation_id, named_id")
        .bind(wave_id)
        .bind(respondent_id)
        .fetch_all(db.pool())
        .await?;
    let ties = ties
        .into_iter()
        .map(|(relation_id, named_id, scales)| {
            Ok(crate::model::surveys::TieAnswer {
                relation_id,
                named_id,
                scales: from_json("a tie's scales", &scales)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let attributes: Vec<(i64, String)> = sqlx::query_as("SELECT question_id, value FROM attribute_answers WHERE wave_id = $1 AND respondent_id = $2")
        .bind(wave_id)
        .bind(respondent_id)
        .fetch_all(db.pool())
        .await?;
    let attributes = attributes.into_iter().collect();
    Ok(Answers { ties, attributes })
}

/// The first `listed` by name of those invited to a wave who have not
/// answered, of those whose name or email holds `find` (all without). The
/// roster is read in name order and each person's invitation looked up, so
/// the first hundred are found without reading everyone's (SQLite keeps the
/// order a CROSS JOIN gives).
pub async fn non_respondents(
    db: &Db,
    wave_id: i64,
    listed: usize,
    find: Option<&str>,
) -> Result<Vec<crate::model::surveys::NonRespondent>, sqlx::Error> {
    let pattern = format!(
        "%{}%",
        super::like_literal(&find.unwrap_or_default().trim().to_lowercase())
    );
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.id, p.full_name, p.email \
         FROM people p CROSS JOIN invitations i \
         WHERE i.person_id = p.id AND i.wave_id = $1 \
         AND i.submitted_at IS NULL AND i.declined_at IS NULL \
         AND (lower(p.full_name) LIKE $3 ESCAPE '\\' OR lower(p.email) LIKE $3 ESCAPE '\\') \
         ORDER BY p.sort_key, p.id LIMIT $2",
    )
    .bind(wave_id)
    .bind(listed as i64)
    .bind(pattern)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(person_id, name, email)| crate::model::surveys::NonRespondent {
                person_id,
                name,
                email,
            },
        )
        .collect())
}

/// Signs a respondent in to the wave of an invitation; `id_hash` is the hash of
/// the cookie's random id.
pub async fn start_respondent_session(
    db: &Db,
    id_hash: &str,
    invitation_id: i64,
    lifetime_ms: i64,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    sqlx::query("INSERT INTO respondent_sessions (id_hash, invitation_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(id_hash)
        .bind(invitation_id)
        .bind(now)
        .bind(now + lifetime_ms)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Whom a respondent cookie signs in to which wave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RespondentSession {
    pub wave_id: i64,
    pub person_id: i64,
}

/// The wave and person a respondent cookie signs in to, while the session
/// lasts and the invitation is not revoked.
pub async fn find_respondent_session(
    db: &Db,
    id_hash: &str,
) -> Result<Option<RespondentSession>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT i.wave_id, i.person_id FROM respondent_sessions s JOIN invitations i ON i.id = s.invitation_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND i.revoked_at IS NULL",
    )
    .bind(id_hash)
    .bind(now_ms())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(wave_id, person_id)| RespondentSession { wave_id, person_id }))
}

/// The invitation of a person to a wave, if any (for reissuing by email).
pub async fn invitation_id(
    db: &Db,
    wave_id: i64,
    person_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM invitations WHERE wave_id = $1 AND person_id = $2")
        .bind(wave_id)
        .bind(person_id)
        .fetch_optional(db.pool())
        .await
}

/// How many invited to a wave have not answered it, and the first `listed`
/// of them by the name they go by (none for someone erased from the roster).
pub async fn not_answered(
    db: &Db,
    wave_id: i64,
    listed: usize,
) -> Result<(usize, Vec<(i64, Option<String>)>), sqlx::Error> {
    let total: i64 = match super::responses::stored_response_counts(db, wave_id).await? {
        Some(counts) => counts.iter().map(|c| c.invited - c.answered).sum(),
        None => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM invitations WHERE wave_id = $1 AND submitted_at IS NULL",
            )
            .bind(wave_id)
            .fetch_one(db.pool())
            .await?
        }
    };
    // The roster in name order, each person's invitation looked up (see
    // `non_respondents`).
    let first = sqlx::query_as(
        "SELECT i.person_id, COALESCE(p.preferred_name, p.full_name) AS name \
         FROM people p CROSS JOIN invitations i \
         WHERE i.person_id = p.id AND i.wave_id = $1 AND i.submitted_at IS NULL \
         ORDER BY p.sort_key, p.id LIMIT $2",
    )
    .bind(wave_id)
    .bind(listed as i64)
    .fetch_all(db.pool())
    .await?;
    Ok((total as usize, first))
}

/// The people who submitted their answers to a wave.
pub async fn respondents(db: &Db, wave_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT person_id FROM invitations WHERE wave_id = $1 AND submitted_at IS NOT NULL ORDER BY person_id",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await
}

pub async fn is_submitted(db: &Db, wave_id: i64, person_id: i64) -> Result<bool, sqlx::Error> {
    let at: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT submitted_at FROM invitations WHERE wave_id = $1 AND person_id = $2",
    )
    .bind(wave_id)
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(at.flatten().is_some())
}

/// Whether a draft wave opens on its own on its opening date; false when the
/// wave is no longer a draft.
pub async fn set_scheduled(db: &Db, wave_id: i64, scheduled: bool) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query("UPDATE waves SET scheduled = $1 WHERE id = $2 AND status = 'draft'")
        .bind(i64::from(scheduled))
        .bind(wave_id)
        .execute(db.pool())
        .await?;
    Ok(changed.rows_affected() == 1)
}

/// Scheduled draft waves whose opening date has come, and open waves whose
/// closing date has passed (a wave is open through its closing date).
pub async fn due_waves(db: &Db, today: &str) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    let to_open = sqlx::query_scalar(
        "SELECT id FROM waves WHERE status = 'draft' AND scheduled = 1 AND opens_on <= $1 ORDER BY id",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    let to_close = sqlx::query_scalar(
        "SELECT id FROM waves WHERE status = 'open' AND closes_on < $1 ORDER BY id",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    Ok((to_open, to_close))
}

/// Every answer of a wave to the questions about the respondent:
/// (question, respondent, value).
pub async fn attribute_answers_of_wave(
    db: &Db,
    wave_id: i64,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT question_id, respondent_id, value FROM attribute_answers WHERE wave_id = $1",
    )
    .bind(wave_id)
    .fetch_all(db.pool())
    .await
}

/// A survey's translations: (language code, the text as HR wrote it, its translation).
pub async fn translations(
    db: &Db,
    survey_id: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT language, source, target FROM survey_translations WHERE survey_id = $1 \
         ORDER BY language, source",
    )
    .bind(survey_id)
    .fetch_all(db.pool())
    .await
}

/// Every survey's translations, for a batch of emails: (survey, language, source, target).
pub async fn all_translations(db: &Db) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT survey_id, language, source, target FROM survey_translations")
        .fetch_all(db.pool())
        .await
}

/// Replaces one language's translation of a survey.
pub async fn save_translations(
    tx: &mut super::Tx,
    survey_id: i64,
    language: &str,
    pairs: &[(String, String)],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM survey_translations WHERE survey_id = $1 AND language = $2")
        .bind(survey_id)
        .bind(language)
        .execute(&mut **tx)
        .await?;
    for (source, target) in pairs {
        sqlx::query(
            "INSERT INTO survey_translations (survey_id, language, source, target) VALUES ($1, $2, $3, $4)",
        )
        .bind(survey_id)
        .bind(language)
        .bind(source)
        .bind(target)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// How many active people read each language the roster names (None: no language).
pub async fn roster_languages(db: &Db) -> Result<Vec<(Option<String>, i64)>, sqlx::Error> {
    let language = super::language_column(db, "");
    sqlx::query_as(&format!(
        "SELECT {language}, COUNT(*) FROM people WHERE status = 'active' GROUP BY {language}"
    ))
    .fetch_all(db.pool())
    .await
}
