//! Account management for administrators: who can sign in to Knit, with which role.

use crate::error::AppError;
use crate::model::auth::Role;
use crate::ui::{FormError, ReturnField, SubmitButton, TextInput};
use leptos::form::ActionForm;
use leptos::prelude::*;

pub use crate::model::auth::{AccountRow, RosterPerson};

#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            require_role(&[Role::Admin])?;
            crate::auth::service::account_rows(&state.db, &state.settings.password_sign_in).await
        }
        .await,
    )
}

/// Adds an account; its owner sets their own password from an emailed link.
#[server(endpoint = "create_account")]
pub async fn create_account(name: String, email: String, role: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let admin = require_role(&[Role::Admin])?;
            let role = Role::parse(&role).ok_or_else(|| {
                AppError::invalid("Role: choose administrator, people analyst or manager.")
            })?;
            let (_, link_sent) = crate::auth::service::invite_account(
                &state.db,
                &state.settings.link_key,
                &state.settings.password_sign_in,
                &crate::audit::service::actor(&admin),
                &email,
                &name,
                role,
            )
            .await?;
            leptos_axum::redirect(if link_sent {
                "/accounts?created=link"
            } else {
                "/accounts?created=sso"
            });
            Ok(())
        }
        .await,
    )
}

/// An administrator changes an account: `action` is disable, enable,
/// set_role (with `role`), end_sessions, end_session (with `handle`),
/// link_person (with `person`, an email; empty: by the account's email),
/// send_reset or delete.
#[server(endpoint = "change_account")]
pub async fn change_account(
    id: i64,
    action: String,
    role: Option<String>,
    handle: Option<String>,
    person: Option<String>,
) -> Result<(), AppError> {
    use crate::context::*;
    use crate::store::users::AccountChange;
    respond(
        async {
            let state = app_state()?;
            let admin = require_role(&[Role::Admin])?;
            let actor = crate::audit::service::actor(&admin);
            let change = match action.as_str() {
                "send_reset" => {
                    crate::auth::service::send_reset_link(
                        &state.db,
                        &state.settings.link_key,
                        &state.settings.password_sign_in,
                        &actor,
                        id,
                    )
                    .await?;
                    leptos_axum::redirect("/accounts?reset_sent=1");
                    return Ok(());
                }
                "disable" => AccountChange::Disable,
                "enable" => AccountChange::Enable,
                "end_sessions" => AccountChange::EndSessions,
                "end_session" => AccountChange::EndSession(handle.unwrap_or_default()),
                "link_person" => AccountChange::LinkPerson(
                    match person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                        None => None,
                        Some(email) => Some(
                            crate::store::people::find_id_by_email(&state.db, email)
                                .await?
                                .ok_or_else(|| {
                                    AppError::invalid(format!(
                                        "Roster person: no one with the email {email} is on the roster."
                                    ))
                                })?,
                        ),
                    },
                ),
                "delete" => AccountChange::Delete,
                "set_role" => AccountChange::SetRole(
                    role.as_deref().and_then(Role::parse).ok_or_else(|| {
                        AppError::invalid("Role: choose administrator, people analyst or manager.")
                    })?,
                ),
                other => {
                    return Err(AppError::invalid(format!(
                    "Unknown change '{other}': disable, enable, set_role, end_sessions, end_session, link_person, send_reset or delete."
                )))
                }
            };
            crate::auth::service::change_account(&state.db, &actor, id, change).await?;
            leptos_axum::redirect("/accounts?changed=1");
            Ok(())
        }
        .await,
    )
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let create = ServerAction::<CreateAccount>::new();
    let change = ServerAction::<ChangeAccount>::new();
    let accounts = Resource::new(
        move || (create.version().get(), change.version().get()),
        |_| list_accounts(),
    );
    let query = leptos_router::hooks::use_query_map();
    let created = move || query.read().get("created");
    let reset_sent = move || query.read().get("reset_sent").is_some();
    view! {
        <section class="card">
            <h1>"Accounts"</h1>
            <p class="lead">"People who can sign in to Knit. Employees answering surveys need no account. A manager's account sees the reports of its roster person: the one linked here, or else the one with the same email."</p>
            <Show when=reset_sent>
                <p class="notice success" role="status">"The link to set a new password is on its way. It works for 30 minutes, once."</p>
            </Show>
            <FormError action=change/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(rows) => view! {
                            <div class="table-scroll" tabindex="0">
                                <table class="list">
                                    <thead><tr><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Roster person"</th><th>"Signed in"</th><th>"Change"</th></tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|row| account_row(row, change)).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(err) => view! { <p class="notice error" role="alert">{err.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <AddAccount create=create created=created/>
    }
}

/// One account: who, their roster person, their sessions, and what can be changed.
fn account_row(row: AccountRow, change: ServerAction<ChangeAccount>) -> impl IntoView {
    let AccountRow {
        id,
        name,
        email,
        role,
        disabled,
        sessions: live,
        roster_person,
        may_use_password,
    } = row;
    let button = move |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=change attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button secondary compact">{label}</button>
            </ActionForm>
        }
    };
    let sessions = live.len();
    let roster_label = format!("Roster person of {email}");
    let role_label = format!("Role of {email}");
    view! {
        <tr>
            <td>{name}</td>
            <td class="nowrap">{email}</td>
            <td class="nowrap">{role.label()}{disabled.then_some(" (disabled)")}</td>
            <td>
                {match &roster_person {
                    Some(p) => view! { <a href=format!("/people/{}", p.id)>{p.name.clone()}</a><span class="muted">{if p.explicit { " (linked)" } else { " (same email)" }}</span> }.into_any(),
                    None => view! { <span class="muted">"none"</span> }.into_any(),
                }}
                <ActionForm action=change attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="link_person"/>
                    <input type="email" name="person" placeholder="their roster email" aria-label=roster_label/>
                    <button type="submit" class="button secondary compact">"Link"</button>
                </ActionForm>
            </td>
            <td>
                {sessions_cell(id, live, change)}
            </td>
            <td class="actions">
                <ActionForm action=change attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="set_role"/>
                    <select name="role" aria-label=role_label>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == role>{r.label()}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button secondary compact">"Set role"</button>
                </ActionForm>
                {if disabled { button("enable", "Enable") } else { button("disable", "Disable") }}
                {(sessions > 0).then(|| button("end_sessions", "Sign out everywhere"))}
                {(!disabled && may_use_password).then(|| button("send_reset", "Send reset link"))}
                {button("delete", "Delete")}
            </td>
        </tr>
    }
}

/// "no", or the live sessions behind a summary, each with a button to end it.
fn sessions_cell(
    id: i64,
    live: Vec<crate::model::auth::SessionSummary>,
    change: ServerAction<ChangeAccount>,
) -> AnyView {
    let sessions = live.len();
    if sessions == 0 {
        view! { <span class="nowrap">"no"</span> }.into_any()
    } else {
        view! {
            <details>
                <summary class="nowrap">{if sessions == 1 { "1 session".to_string() } else { format!("{sessions} sessions") }}</summary>
                <ul class="plain sessions">
                    {live.into_iter().map(|session| view! {
                        <li>
                            {format!(
                                "Since {}, last active {}, by {}{}{}",
                                crate::audit::when(session.started_at),
                                crate::audit::when(session.last_seen_at),
                                session.method.label(),
                                session.client_address.as_deref().map(|ip| format!(", from {ip}")).unwrap_or_default(),
                                session.user_agent.as_deref().map(|ua| format!(", {ua}")).unwrap_or_default(),
                            )}
                            <ActionForm action=change attr:class="inline">
                                <ReturnField/>
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="action" value="end_session"/>
                                <input type="hidden" name="handle" value=session.handle/>
                                <button type="submit" class="button secondary compact">"End"</button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        }.into_any()
    }
}

/// The form that adds an account, with its confirmation.
#[component]
fn AddAccount(
    create: ServerAction<CreateAccount>,
    created: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section class="card narrow spaced">
            <h2>"Add an account"</h2>
            {move || created().map(|how| view! {
                <p class="notice success" role="status">{if how == "sso" {
                    "The account was created. Its owner signs in with single sign-on."
                } else {
                    "The account was created, and its owner has an email with a link to set their own password (it works once, for 7 days)."
                }}</p>
            })}
            <ActionForm action=create>
                <ReturnField/>
                <TextInput label="Name" name="name" autocomplete="off"/>
                <TextInput label="Work email" name="email" kind="email" autocomplete="off"/>
                <label class="field">
                    <span class="label">"Role"</span>
                    <select name="role">
                        // The least the account may do, unless HR chooses more.
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == Role::Manager>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <p class="hint">"Knit emails the owner a link to set their own password; no one else ever knows it."</p>
                <FormError action=create/>
                <SubmitButton label="Add account" busy="Adding…"/>
            </ActionForm>
        </section>
    }
}
