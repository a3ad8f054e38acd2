//! Everything stored about one person, for an access request (GDPR art. 15):
//! rows returned as named structs, ready to be written as JSON.

use super::Db;
use serde::Serialize;

/// A wave they were invited to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Invitation {
    pub survey: String,
    pub wave: i64,
    pub issued_at: i64,
    pub first_opened_at: Option<i64>,
    pub submitted_at: Option<i64>,
    pub declined_at: Option<i64>,
}

/// Someone they named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Named {
    pub survey: String,
    pub wave: i64,
    pub question: String,
    pub named: String,
    pub scales: String,
}

/// How many named them, per wave and question (not who: that is the others' answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct NamedBy {
    pub survey: String,
    pub wave: i64,
    pub question: String,
    pub people: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AttributeAnswer {
    pub survey: String,
    pub wave: i64,
    pub question: String,
    pub value: String,
}

/// An introduction they were given, or were suggested in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Introduction {
    pub newcomer: String,
    pub suggested: String,
    pub status: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Message {
    pub purpose: String,
    pub status: String,
    pub to_address: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub object: String,
}

/// A stored analysis of a network they were in, as its report holds them.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Analysis {
    pub survey: String,
    pub wave: i64,
    pub title: String,
    pub report: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectRows {
    pub invitations: Vec<Invitation>,
    pub named: Vec<Named>,
    pub named_by: Vec<NamedBy>,
    pub attribute_answers: Vec<AttributeAnswer>,
    pub introductions: Vec<Introduction>,
    pub messages: Vec<Message>,
    pub bounced: Option<String>,
    pub audit: Vec<AuditEntry>,
    pub analyses: Vec<Analysis>,
    pub newcomer_figures: Option<String>,
}

pub async fn rows(db: &Db, person: i64, email: &str) -> Result<SubjectRows, sqlx::Error> {
    let pool = db.pool();
    Ok(SubjectRows {
        invitations: sqlx::query_as(
            "SELECT s.name AS survey, w.number AS wave, i.issued_at, i.first_opened_at, i.submitted_at, i.declined_at \
             FROM invitations i JOIN waves w ON w.id = i.wave_id JOIN surveys s ON s.id = w.survey_id \
             WHERE i.person_id = $1 ORDER BY i.issued_at",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        named: sqlx::query_as(
            "SELECT s.name AS survey, w.number AS wave, r.question, p.full_name AS named, t.scales \
             FROM ties t JOIN waves w ON w.id = t.wave_id JOIN surveys s ON s.id = w.survey_id \
             JOIN survey_relations r ON r.id = t.relation_id JOIN people p ON p.id = t.named_id \
             WHERE t.respondent_id = $1 ORDER BY w.id, r.position, p.sort_key",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        named_by: sqlx::query_as(
            "SELECT s.name AS survey, w.number AS wave, r.question, COUNT(*) AS people \
             FROM ties t JOIN waves w ON w.id = t.wave_id JOIN surveys s ON s.id = w.survey_id \
             JOIN survey_relations r ON r.id = t.relation_id \
             WHERE t.named_id = $1 AND t.respondent_id <> $1 \
             GROUP BY s.name, w.id, w.number, r.position, r.question ORDER BY w.id, r.position",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        attribute_answers: sqlx::query_as(
            "SELECT s.name AS survey, w.number AS wave, q.prompt AS question, a.value \
             FROM attribute_answers a JOIN waves w ON w.id = a.wave_id JOIN surveys s ON s.id = w.survey_id \
             JOIN survey_questions q ON q.id = a.question_id WHERE a.respondent_id = $1 ORDER BY w.id, q.position",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        introductions: sqlx::query_as(
            "SELECT n.full_name AS newcomer, c.full_name AS suggested, i.status, i.created_at \
             FROM introductions i JOIN people n ON n.id = i.newcomer_id JOIN people c ON c.id = i.suggested_id \
             WHERE i.newcomer_id = $1 OR i.suggested_id = $1 ORDER BY i.created_at",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        messages: sqlx::query_as(
            "SELECT purpose, status, to_address, created_at, sent_at FROM outbox \
             WHERE person_id = $1 OR lower(to_address) = $2 ORDER BY id",
        )
        .bind(person)
        .bind(super::users::email_key(email))
        .fetch_all(pool)
        .await?,
        bounced: sqlx::query_scalar("SELECT reason FROM email_bounces WHERE lower(address) = $1")
            .bind(super::users::email_key(email))
            .fetch_optional(pool)
            .await?,
        audit: sqlx::query_as(
            "SELECT at, actor, action, object FROM audit_log WHERE person_id = $1 ORDER BY id",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        analyses: sqlx::query_as(
            "SELECT s.name AS survey, w.number AS wave, a.title, a.report FROM analyses a \
             JOIN waves w ON w.id = a.wave_id JOIN surveys s ON s.id = w.survey_id \
             WHERE a.wave_id IN (SELECT wave_id FROM invitations WHERE person_id = $1) ORDER BY w.id, a.network",
        )
        .bind(person)
        .fetch_all(pool)
        .await?,
        newcomer_figures: sqlx::query_scalar(
            "SELECT figures FROM newcomer_figures WHERE person_id = $1",
        )
        .bind(person)
        .fetch_optional(pool)
        .await?,
    })
}
