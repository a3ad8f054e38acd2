//! Account management for administrators: who can sign in to Knit, with which role.

use crate::error::AppError;
use crate::model::auth::Role;
use crate::ui::{say, say_with};
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
                AppError::invalid(say("users-role-choose-administrator-people-analyst"))
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
                                    AppError::invalid(say_with(
                                        "users-roster-person-no-one-with",
                                        &[("email", email.into())],
                                    ))
                                })?,
                        ),
                    },
                ),
                "delete" => AccountChange::Delete,
                "set_role" => {
                    AccountChange::SetRole(role.as_deref().and_then(Role::parse).ok_or_else(
                        || AppError::invalid(say("users-role-choose-administrator-people-analyst")),
                    )?)
                }
                other => {
                    return Err(AppError::invalid(say_with(
                        "users-unknown-change-disable-enable-set",
                        &[("other", other.into())],
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
            <h1>{say("users-accounts")}</h1>
            <p class="lead">{say("users-people-who-can-sign-in")}</p>
            <Show when=reset_sent>
                <p class="notice success" role="status">{say("users-the-link-to-set-a")}</p>
            </Show>
            <FormError action=change/>
            <Transition fallback=|| view! { <p class="muted">{say("users-loading")}</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(rows) => view! {
                            <div class="table-scroll" tabindex="0">
                                <table class="list">
                                    <thead><tr><th>{say("users-name")}</th><th>{say("users-email")}</th><th>{say("users-role")}</th><th>{say("users-roster-person")}</th><th>{say("users-signed-in")}</th><th>{say("users-change")}</th></tr></thead>
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
    let button = move |action: &'static str, label: String| {
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
    let roster_label = say_with(
        "users-roster-person-of",
        &[("email", email.as_str().into())],
    );
    let role_label = say_with("users-role-of", &[("email", email.as_str().into())]);
    view! {
        <tr>
            <td>{name}</td>
            <td class="nowrap">{email}</td>
            <td class="nowrap">{role.label()}{disabled.then_some(format!(" {}", say("users-disabled")))}</td>
            <td>
                {match &roster_person {
                    Some(p) => view! { <a href=format!("/people/{}", p.id)>{p.name.clone()}</a><span class="muted">{if p.explicit { format!(" {}", say("users-linked")) } else { format!(" {}", say("users-same-email")) }}</span> }.into_any(),
                    None => view! { <span class="muted">{say("users-none")}</span> }.into_any(),
                }}
                <ActionForm action=change attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="link_person"/>
                    <input type="email" name="person" placeholder=say("users-their-roster-email") aria-label=roster_label/>
                    <button type="submit" class="button secondary compact">{say("users-link")}</button>
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
                    <button type="submit" class="button secondary compact">{say("users-set-role")}</button>
                </ActionForm>
                {if disabled { button("enable", say("users-enable")) } else { button("disable", say("users-disable")) }}
                {(sessions > 0).then(|| button("end_sessions", say("users-sign-out-everywhere")))}
                {(!disabled && may_use_password).then(|| button("send_reset", say("users-send-reset-link")))}
                {button("delete", say("users-delete"))}
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
        view! { <span class="nowrap">{say("users-no")}</span> }.into_any()
    } else {
        view! {
            <details>
                <summary class="nowrap">{say_with("users-sessions", &[("sessions", sessions.into())])}</summary>
                <ul class="plain sessions">
                    {live.into_iter().map(|session| view! {
                        <li>
                            {say_with("users-since-last-active-by", &[("started-at", (crate::audit::when(session.started_at)).into()), ("last-seen-at", (crate::audit::when(session.last_seen_at)).into()), ("label", (session.method.label()).into()), ("address", session.client_address.unwrap_or_else(|| "none".into()).into()), ("browser", session.user_agent.unwrap_or_else(|| "none".into()).into())])}
                            <ActionForm action=change attr:class="inline">
                                <ReturnField/>
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="action" value="end_session"/>
                                <input type="hidden" name="handle" value=session.handle/>
                                <button type="submit" class="button secondary compact">{say("users-end")}</button>
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
            <h2>{say("users-add-an-account")}</h2>
            {move || created().map(|how| view! {
                <p class="notice success" role="status">{if how == "sso" {
                    say("users-the-account-was-created-its")
                } else {
                    say("users-the-account-was-created-and")
                }}</p>
            })}
            <ActionForm action=create>
                <ReturnField/>
                <TextInput label=say("users-name") name="name" autocomplete="off"/>
                <TextInput label=say("users-work-email") name="email" kind="email" autocomplete="off"/>
                <label class="field">
                    <span class="label">{say("users-role")}</span>
                    <select name="role">
                        // The least the account may do, unless HR chooses more.
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == Role::Manager>{r.label()}</option> }).collect_view()}
                    </select>
                </label>
                <p class="hint">{say("users-knit-emails-the-owner-a")}</p>
                <FormError action=create/>
                <SubmitButton label=say("users-add-account") busy=say("users-adding")/>
            </ActionForm>
        </section>
    }
}
