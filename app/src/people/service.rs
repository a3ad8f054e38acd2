//! Roster rules: who sees and changes whom, import, edit, deactivate, erase.

use super::import::{self, field_changes, field_label, ImportPlan};
use super::{
    ErasurePlan, FieldChange, ImportPreview, ImportSummary, PersonDetail, PersonFields, Status,
};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::{say, say_with};
use crate::model::date::Date;
use crate::model::policy::Policy;
use crate::store::people::{self as store, Scope};
use crate::store::Db;

/// How many of each kind a preview lists by name.
const PREVIEW_SAMPLE: usize = 50;

/// The people a user may see: everyone for admins and analysts, a manager's
/// reports (through the account's roster person) for managers.
pub async fn scope_for(db: &Db, user: &CurrentUser) -> Result<Scope, AppError> {
    if user.can_manage_roster() {
        return Ok(Scope::Everyone);
    }
    match crate::store::users::roster_person(db, user.id).await? {
        Some(id) => Ok(Scope::ReportsOf(id)),
        // A manager account with no roster entry has no reports to see.
        None => Ok(Scope::ReportsOf(-1)),
    }
}

async fn may_see(db: &Db, scope: Scope, person: i64) -> Result<bool, AppError> {
    Ok(match scope {
        Scope::Everyone => true,
        Scope::ReportsOf(manager) => store::reports_to(db, person, manager).await?,
    })
}

/// Reads `as_of` (YYYY-MM-DD), or today.
pub fn as_of_date(as_of: Option<&str>) -> Result<Date, AppError> {
    match as_of.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Date::today()),
        Some(text) => Date::parse(text, crate::model::date::SlashOrder::Unknown).ok_or_else(|| {
            AppError::invalid(say_with(
                "refused-people-changes-seen-on-is-not",
                &[("text", text.into())],
            ))
        }),
    }
}

/// Plans an import of `bytes` against the current roster.
pub async fn plan_file(
    db: &Db,
    bytes: &[u8],
    deactivate_missing: bool,
) -> Result<ImportPlan, AppError> {
    let parsed = import::parse(bytes);
    let existing = store::load_for_import(db).await?;
    Ok(import::plan(
        parsed,
        &existing,
        deactivate_missing,
        Date::today(),
    ))
}

pub fn preview_of(
    plan: &ImportPlan,
    upload_id: i64,
    file_name: &str,
    as_of: Date,
    deactivate_missing: bool,
) -> ImportPreview {
    let (added_sample, changed_sample, deactivated_sample) = plan.sample(PREVIEW_SAMPLE);
    ImportPreview {
        upload_id,
        file_name: file_name.to_string(),
        as_of: as_of.iso(),
        deactivate_missing,
        rows: plan.rows,
        added: plan.added.len(),
        changed: plan.changed.len(),
        unchanged: plan.unchanged,
        deactivated: plan.deactivated.len(),
        custom_columns: plan.custom_columns.clone(),
        problems: plan.problems.clone(),
        added_sample,
        changed_sample,
        deactivated_sample,
    }
}

/// The caller's own upload, planned against the current roster.
async fn plan_upload(
    db: &Db,
    user: &CurrentUser,
    upload_id: i64,
    deactivate_missing: bool,
) -> Result<(String, ImportPlan), AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    let store::Upload {
        file_name,
        content: bytes,
    } = store::get_upload(db, upload_id, user.id)
        .await?
        .ok_or_else(|| AppError::invalid(say("refused-people-this-upload-is-no-longer")))?;
    Ok((file_name, plan_file(db, &bytes, deactivate_missing).await?))
}

pub async fn preview_upload(
    db: &Db,
    user: &CurrentUser,
    upload_id: i64,
    deactivate_missing: bool,
    as_of: Date,
) -> Result<ImportPreview, AppError> {
    let (file_name, plan) = plan_upload(db, user, upload_id, deactivate_missing).await?;
    Ok(preview_of(
        &plan,
        upload_id,
        &file_name,
        as_of,
        deactivate_missing,
    ))
}

/// Applies a plan that has no problems; refuses otherwise, writing nothing.
pub async fn apply_plan(
    db: &Db,
    policy: &Policy,
    plan: &ImportPlan,
    as_of: Date,
    user_id: Option<i64>,
    file_name: &str,
    progress: &(dyn Fn(&str) + Send + Sync),
) -> Result<ImportSummary, AppError> {
    if !plan.problems.is_empty() {
        return Err(AppError::invalid(say_with(
            "refused-people-the-file-has-problem-nothing",
            &[
                ("len", (plan.problems.len()).into()),
                (
                    "s",
                    (if plan.problems.len() == 1 { "" } else { "s" }).into(),
                ),
            ],
        )));
    }
    let summary = store::apply_import(db, plan, &as_of.iso(), user_id, file_name, progress).await?;
    // Hire dates, teams and managers shape the newcomers' figures.
    crate::newcomers::compute::refresh(db, &policy.privacy).await?;
    Ok(summary)
}

pub async fn apply_upload(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    upload_id: i64,
    deactivate_missing: bool,
    as_of: Date,
) -> Result<ImportSummary, AppError> {
    let (file_name, plan) = plan_upload(db, user, upload_id, deactivate_missing).await?;
    let summary = apply_plan(db, policy, &plan, as_of, Some(user.id), &file_name, &|_| {}).await?;
    store::delete_upload(db, upload_id).await?;
    Ok(summary)
}

/// Keeps an uploaded roster file until HR applies it (or a day passes).
pub async fn save_upload(
    db: &Db,
    user: &CurrentUser,
    file_name: &str,
    content: &[u8],
) -> Result<i64, AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    Ok(store::save_upload(db, user.id, file_name, content).await?)
}

/// The roster person with this work email; the message says there is none.
pub async fn person_id(db: &Db, email: &str) -> Result<i64, AppError> {
    store::find_id_by_email(db, email).await?.ok_or_else(|| {
        AppError::not_found(say_with(
            "refused-people-no-one-with-the-email",
            &[("email", email.into())],
        ))
    })
}

pub async fn person_detail(db: &Db, user: &CurrentUser, id: i64) -> Result<PersonDetail, AppError> {
    let scope = scope_for(db, user).await?;
    let not_found = || AppError::not_found(say("refused-people-there-is-no-such-person"));
    if !may_see(db, scope, id).await? {
        return Err(not_found());
    }
    let person = store::get(db, id).await?.ok_or_else(not_found)?;
    crate::audit::service::record(
        db,
        user,
        crate::audit::Action::PersonPage,
        &format!("{} ({})", person.fields.full_name, person.email),
        Some(id),
    )
    .await?;
    let manager_chain = store::manager_chain(db, id).await?;
    let manager_email = match person.manager_id {
        Some(m) => store::get(db, m).await?.map(|p| p.email),
        None => None,
    };
    let mut history = store::history(db, id).await?;
    for change in &mut history {
        change.field = field_label(&change.field);
    }
    Ok(PersonDetail {
        id,
        email: person.email,
        fields: person.fields,
        status: person.status,
        manager_email,
        manager_chain,
        direct_reports: store::direct_reports(db, id).await?,
        history,
        can_manage: user.can_manage_roster(),
        can_export: user.can_manage_accounts(),
        suggested: if user.can_manage_roster() {
            let since = crate::store::now_ms() - crate::store::newcomers::QUARTER_MS;
            let load = crate::store::newcomers::suggestion_load(db, id, since).await?;
            Some((load.suggested, load.asked_for_less))
        } else {
            None
        },
    })
}

/// HR records, at a colleague's request, that they should be suggested to
/// newcomers less often (or as usual again).
pub async fn set_suggest_less(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    less: bool,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    crate::store::newcomers::set_suggest_less(db, id, less).await?;
    Ok(())
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// An edit from the person page; the message of each error names the field.
pub struct PersonEdit {
    pub full_name: String,
    pub preferred_name: String,
    pub department: String,
    pub team: String,
    pub title: String,
    pub location: String,
    pub manager_email: String,
    pub hire_date: String,
    pub end_date: String,
    /// One "Name: value" per line.
    pub attributes: String,
}

fn edit_date(label: &str, text: &str) -> Result<Option<String>, AppError> {
    match optional(text) {
        None => Ok(None),
        Some(t) => Date::parse(&t, crate::model::date::SlashOrder::Unknown)
            .map(|d| Some(d.iso()))
            .ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-people-is-not-a-date-use",
                    &[("label", say(label).into()), ("t", t.into())],
                ))
            }),
    }
}

fn parse_attributes(text: &str) -> Result<std::collections::BTreeMap<String, String>, AppError> {
    let mut out = std::collections::BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let (name, value) = line.split_once(':').ok_or_else(|| {
            AppError::invalid(say_with(
                "refused-people-other-attributes-line-write-it",
                &[("i", (i + 1).into())],
            ))
        })?;
        if name.trim().is_empty() {
            return Err(AppError::invalid(say_with(
                "refused-people-other-attributes-line-the-name",
                &[("i", (i + 1).into())],
            )));
        }
        if let Some(value) = optional(value) {
            out.insert(name.trim().to_string(), value);
        }
    }
    Ok(out)
}

pub async fn edit(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    id: i64,
    edit: PersonEdit,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    let person = store::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-people-there-is-no-such-person-2")))?;
    let full_name = edit.full_name.trim().to_string();
    if full_name.is_empty() {
        return Err(AppError::invalid(say(
            "refused-people-full-name-it-cannot-be",
        )));
    }
    let fields = PersonFields {
        full_name,
        preferred_name: optional(&edit.preferred_name),
        department: optional(&edit.department),
        team: optional(&edit.team),
        title: optional(&edit.title),
        location: optional(&edit.location),
        hire_date: edit_date("field-hire-date", &edit.hire_date)?,
        end_date: edit_date("field-end-date", &edit.end_date)?,
        attributes: parse_attributes(&edit.attributes)?,
    };
    let old_manager = match person.manager_id {
        Some(m) => store::get(db, m).await?.map(|p| p.email),
        None => None,
    };
    let (manager_id, new_manager) = match optional(&edit.manager_email) {
        None => (None, None),
        Some(email) => {
            let manager = store::find_id_by_email(db, &email).await?.ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-people-manager-no-one-with-the",
                    &[("email", email.as_str().into())],
                ))
            })?;
            if manager == id || store::reports_to(db, manager, id).await? {
                return Err(AppError::invalid(say_with(
                    "refused-people-manager-reports-to-this-person",
                    &[("email", email.as_str().into())],
                )));
            }
            (
                Some(manager),
                store::get(db, manager).await?.map(|p| p.email),
            )
        }
    };
    let mut changes = field_changes(&person.fields, &fields);
    let key = |e: &Option<String>| e.as_deref().map(crate::store::users::email_key);
    if key(&old_manager) != key(&new_manager) {
        changes.push(FieldChange {
            field: "manager".into(),
            old: old_manager,
            new: new_manager,
        });
    }
    let status = match import::status_for(&fields, Date::today()) {
        Status::Inactive => Status::Inactive,
        Status::Active => person.status,
    };
    if status != person.status {
        changes.push(FieldChange::status(person.status, status));
    }
    if changes.is_empty() {
        return Ok(());
    }
    let today = Date::today().iso();
    let update = store::PersonUpdate {
        fields: &fields,
        manager_id,
        status,
        changes: &changes,
        changed_on: &today,
        source: "edit",
    };
    store::update(db, &person, update).await?;
    crate::jobs::spawn_newcomers_refresh(db, &policy.privacy);
    Ok(())
}

/// Deactivates a leaver (kept in past waves, left out of new surveys) or reactivates.
pub async fn set_status(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    id: i64,
    status: Status,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    let person = store::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-people-there-is-no-such-person-2")))?;
    if person.status == status {
        return Ok(());
    }
    let today = Date::today().iso();
    let mut fields = person.fields.clone();
    let mut changes = vec![FieldChange::status(person.status, status)];
    match status {
        Status::Inactive if fields.end_date.is_none() => {
            fields.end_date = Some(today.clone());
            changes.push(FieldChange {
                field: "end_date".into(),
                old: None,
                new: Some(today.clone()),
            });
        }
        Status::Active
            if fields
                .end_date
                .as_deref()
                .is_some_and(|d| d <= today.as_str()) =>
        {
            changes.push(FieldChange {
                field: "end_date".into(),
                old: fields.end_date.take(),
                new: None,
            });
        }
        _ => {}
    }
    let update = store::PersonUpdate {
        fields: &fields,
        manager_id: person.manager_id,
        status,
        changes: &changes,
        changed_on: &today,
        source: "edit",
    };
    store::update(db, &person, update).await?;
    crate::jobs::spawn_newcomers_refresh(db, &policy.privacy);
    Ok(())
}

pub async fn erasure_plan(db: &Db, user: &CurrentUser, id: i64) -> Result<ErasurePlan, AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    let person = store::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-people-there-is-no-such-person-2")))?;
    let store::ErasureCounts {
        history_entries,
        direct_reports,
        answers_given,
        answers_naming,
    } = store::erasure_counts(db, id).await?;
    let pending_uploads = store::uploads_mentioning(db.pool(), &person.email)
        .await?
        .len() as i64;
    Ok(ErasurePlan {
        id,
        name: person.fields.full_name,
        email: person.email,
        history_entries,
        direct_reports,
        pending_uploads,
        answers_given,
        answers_naming,
    })
}

/// Erases a person and everything that names or identifies them: in the
/// database (see [`store::erase`]), in the stored analyses and newcomer
/// figures (computed again without them), and in the messages of the outbox
/// folder `outbox`. An account with their email goes too, unless it is the
/// last active administrator's.
pub async fn erase(
    db: &Db,
    policy: &crate::model::policy::Policy,
    user: &CurrentUser,
    id: i64,
    outbox: Option<&std::path::Path>,
) -> Result<String, AppError> {
    user.require(CurrentUser::can_manage_roster)?;
    let person = store::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-people-there-is-no-such-person-2")))?;
    if let Some(account) = crate::store::users::find_by_email(db, &person.email).await? {
        let admins = crate::store::users::list(db)
            .await?
            .into_iter()
            .filter(|u| u.role == crate::model::auth::Role::Admin && !u.disabled)
            .count();
        if account.role == crate::model::auth::Role::Admin && !account.disabled && admins <= 1 {
            return Err(AppError::invalid(say_with(
                "refused-people-has-the-only-active-administrator",
                &[("full-name", person.fields.full_name.into())],
            )));
        }
    }
    let mut tx = db.begin().await?;
    let erased = store::erase(&mut tx, id, &person.email).await?;
    crate::audit::service::record_in(
        &mut tx,
        user,
        crate::audit::Action::Erasure,
        crate::audit::ERASED,
        None,
    )
    .await?;
    tx.commit().await?;
    // Their node goes from every network they were in, and from what others' pages say.
    for wave in erased.waves_to_analyze {
        crate::insight::service::compute(db, policy, wave).await?;
    }
    crate::newcomers::compute::refresh(db, &policy.privacy).await?;
    db.checkpoint().await?;
    if let Some(dir) = outbox {
        let mut needles = erased.names;
        needles.push(person.email.clone());
        crate::mail::folder::erase_mentions(dir, &needles).map_err(AppError::internal)?;
    }
    tracing::info!(person_id = id, by = user.id, "person erased");
    Ok(person.fields.full_name)
}
