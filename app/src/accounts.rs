//! Account management for administrators: who can sign in to Knit, with which role.

use crate::auth::model::Role;
use crate::error::AppError;
use crate::ui::{FormError, PasswordInput, ReturnField, SubmitButton, TextInput};
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// Sessions signed in now.
    pub sessions: i64,
}

#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            require_role(&[Role::Admin])?;
            let users = crate::store::users::list(&state.db).await?;
            let sessions =
                crate::store::users::session_counts(&state.db, crate::store::now_ms()).await?;
            Ok(users
                .into_iter()
                .map(|u| AccountRow {
                    sessions: sessions.get(&u.id).copied().unwrap_or(0),
                    id: u.id,
                    name: u.name,
                    email: u.email,
                    role: u.role,
                    disabled: u.disabled,
                })
                .collect())
        }
        .await,
    )
}

#[server(endpoint = "create_account")]
pub async fn create_account(
    name: String,
    email: String,
    role: String,
    password: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let admin = require_role(&[Role::Admin])?;
            let role = Role::parse(&role).ok_or_else(|| {
                AppError::invalid("Role: choose administrator, people analyst or manager.")
            })?;
            crate::auth::service::create_account(&state.db, &email, &name, role, password).await?;
            crate::audit::service::record(
                &state.db,
                &admin,
                crate::audit::Action::RoleChange,
                &format!("new account {} as {}", email.trim(), role.label()),
                None,
            )
            .await?;
            leptos_axum::redirect("/accounts?created=1");
            Ok(())
        }
        .await,
    )
}

/// An administrator changes an account: `action` is disable, enable,
/// set_role (with `role`), end_sessions or delete.
#[server(endpoint = "change_account")]
pub async fn change_account(id: i64, action: String, role: Option<String>) -> Result<(), AppError> {
    use crate::context::*;
    use crate::store::users::AccountChange;
    respond(
        async {
            let state = app_state()?;
            let admin = require_role(&[Role::Admin])?;
            let change = match action.as_str() {
                "disable" => AccountChange::Disable,
                "enable" => AccountChange::Enable,
                "end_sessions" => AccountChange::EndSessions,
                "delete" => AccountChange::Delete,
                "set_role" => AccountChange::SetRole(
                    role.as_deref().and_then(Role::parse).ok_or_else(|| {
                        AppError::invalid("Role: choose administrator, people analyst or manager.")
                    })?,
                ),
                other => {
                    return Err(AppError::invalid(format!(
                    "Unknown change '{other}': disable, enable, set_role, end_sessions or delete."
                )))
                }
            };
            let actor = crate::audit::service::actor(&admin);
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
    let created = move || query.read().get("created").is_some();
    view! {
        <section class="card">
            <h1>"Accounts"</h1>
            <p class="lead">"People who can sign in to Knit. Employees answering surveys need no account. A manager's account sees the reports of the roster person with the same email."</p>
            <FormError action=change/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(rows) => view! {
                            <div class="table-scroll">
                                <table class="list">
                                    <thead><tr><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Signed in"</th><th>"Change"</th></tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|a| {
                                            let button = move |action: &'static str, label: &'static str| view! {
                                                <ActionForm action=change attr:class="inline">
                                                    <ReturnField/>
                                                    <input type="hidden" name="id" value=a.id/>
                                                    <input type="hidden" name="action" value=action/>
                                                    <button type="submit" class="button secondary compact">{label}</button>
                                                </ActionForm>
                                            };
                                            view! {
                                                <tr>
                                                    <td>{a.name.clone()}</td>
                                                    <td>{a.email.clone()}</td>
                                                    <td class="nowrap">{a.role.label()}{a.disabled.then_some(" (disabled)")}</td>
                                                    <td class="nowrap">{match a.sessions { 0 => "no".to_string(), 1 => "1 session".to_string(), n => format!("{n} sessions") }}</td>
                                                    <td class="actions">
                                                        <ActionForm action=change attr:class="inline">
                                                            <ReturnField/>
                                                            <input type="hidden" name="id" value=a.id/>
                                                            <input type="hidden" name="action" value="set_role"/>
                                                            <select name="role" aria-label=format!("Role of {}", a.email)>
                                                                {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == a.role>{r.label()}</option> }).collect_view()}
                                                            </select>
                                                            <button type="submit" class="button secondary compact">"Set role"</button>
                                                        </ActionForm>
                                                        {if a.disabled { button("enable", "Enable") } else { button("disable", "Disable") }}
                                                        {(a.sessions > 0).then(|| button("end_sessions", "Sign out everywhere"))}
                                                        {button("delete", "Delete")}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(err) => view! { <p class="notice error" role="alert">{err.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section class="card narrow spaced">
            <h2>"Add an account"</h2>
            <Show when=created>
                <p class="notice success" role="status">"The account was created. Share the password with its owner in person; they can change it under Your account."</p>
            </Show>
            <ActionForm action=create>
                <ReturnField/>
                <TextInput label="Name" name="name" autocomplete="off"/>
                <TextInput label="Work email" name="email" kind="email" autocomplete="off"/>
                <label class="field">
                    <span class="label">"Role"</span>
                    <select name="role">
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <PasswordInput label="Initial password" name="password" autocomplete="new-password" hint="At least 10 characters."/>
                <FormError action=create/>
                <SubmitButton label="Add account" busy="Adding…"/>
            </ActionForm>
        </section>
    }
}
