//! Access requests: everything Knit holds about one person, as JSON. Who
//! named them is the others' answer, so the export counts it instead.

use crate::audit::Action;
use crate::error::AppError;
use crate::model::catalogue::{say, say_with};
use crate::store::audit::{self, Actor};
use crate::store::{people, subject, Db};
use serde_json::{json, Value};

/// The export for the person with this email; recorded in the audit log as `actor`'s.
pub async fn export(db: &Db, actor: &Actor, email: &str) -> Result<Value, AppError> {
    let id = people::find_id_by_email(db, email).await?.ok_or_else(|| {
        AppError::not_found(say_with(
            "refused-privacy-no-one-with-the-email",
            &[("trim", (email.trim()).into())],
        ))
    })?;
    export_of(db, actor, id).await
}

/// [`export`] of the roster person with this id (the person page's button).
pub async fn export_of(db: &Db, actor: &Actor, id: i64) -> Result<Value, AppError> {
    let person = people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-privacy-there-is-no-such-person")))?;
    let manager = match person.manager_id {
        Some(m) => people::get(db, m).await?.map(|p| p.email),
        None => None,
    };
    let rows = subject::rows(db, id, &person.email).await?;
    let node = |report: &str| -> Result<Value, AppError> {
        let report: analysis::Report = serde_json::from_str(report)
            .map_err(|e| AppError::internal(format!("a stored report is unreadable: {e}")))?;
        let me = id.to_string();
        Ok(json!({
            "metrics": report.nodes.iter().find(|n| n.id == me),
            "roles": report.roles.iter().filter(|r| r.id == me).collect::<Vec<_>>(),
        }))
    };
    let mut analyses = Vec::new();
    for a in &rows.analyses {
        analyses.push(json!({
            "survey": a.survey, "wave": a.wave, "network": a.title, "you": node(&a.report)?,
        }));
    }
    let newcomer: Option<Value> = rows
        .newcomer_figures
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| AppError::internal(format!("stored newcomer figures are unreadable: {e}")))?;
    let account = crate::store::users::find_by_email(db, &person.email).await?;
    audit::record(
        db.pool(),
        actor,
        Action::SubjectExport,
        &format!("{} ({})", person.fields.full_name, person.email),
        Some(id),
    )
    .await?;
    Ok(json!({
        "exported_at": crate::audit::when(crate::store::now_ms()),
        "person": {
            "id": id,
            "email": person.email,
            "status": person.status,
            "manager_email": manager,
            "fields": person.fields,
        },
        "roster_history": people::history(db, id).await?,
        "account": account.map(|a| json!({"email": a.email, "name": a.name, "role": a.role.as_str(), "disabled": a.disabled})),
        "invitations": rows.invitations,
        "people_you_named": rows.named,
        "times_you_were_named": rows.named_by,
        "your_answers_about_yourself": rows.attribute_answers,
        "introductions": rows.introductions,
        "newcomer_figures": newcomer,
        "network_results": analyses,
        "messages": rows.messages,
        "email_bounced": rows.bounced,
        "audit_entries_about_you": rows.audit,
    }))
}
