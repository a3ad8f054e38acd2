//! The audit log page, for administrators.

use super::{when, LogPage};
use crate::error::AppError;
use crate::ui::say;
use crate::ui::{loaded, query_value};
use leptos::prelude::*;
use leptos_router::components::A;

#[server(endpoint = "audit_log")]
pub async fn audit_log(since: Option<String>, page: usize) -> Result<LogPage, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_session()?.user;
            super::service::page(&state.db, &user, since.as_deref(), page).await
        }
        .await,
    )
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let since = query_value("since");
    let page = move || {
        query_value("page")()
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let log = Resource::new(move || (since(), page()), |(s, p)| audit_log(s, p));
    view! {
        <section class="card">
            <h1>{say("audit-audit-log")}</h1>
            <p class="lead">{say("audit-every-time-someone-opened-or")}</p>
            <form method="get" action="/audit" class="search">
                <label class="field">
                    <span class="label">{say("audit-since")}</span>
                    <input type="date" name="since" value=since().unwrap_or_default()/>
                </label>
                <button type="submit" class="primary compact">{say("audit-show")}</button>
            </form>
            {loaded(log, move |log: LogPage| {
                let since_part = since().map(|s| format!("since={s}&")).unwrap_or_default();
                let newer = (log.page > 0).then(|| format!("/audit?{since_part}page={}", log.page - 1));
                let older = log.more.then(|| format!("/audit?{since_part}page={}", log.page + 1));
                view! {
                    {if log.entries.is_empty() {
                        view! { <p class="muted">{say("audit-nothing-recorded-in-this-period")}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll" tabindex="0">
                                <table class="list">
                                    <thead><tr><th>{say("audit-when")}</th><th>{say("audit-who")}</th><th>{say("audit-what")}</th><th>{say("audit-of-what")}</th></tr></thead>
                                    <tbody>
                                        {log.entries.into_iter().map(|e| view! {
                                            <tr>
                                                <td class="nowrap">{when(e.at)}</td>
                                                <td class="nowrap">{e.actor}</td>
                                                <td>{e.action.label()}</td>
                                                <td>{e.object}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                    <nav class="pager" aria-label=say("audit-pages")>
                        {newer.map(|href| view! { <A href=href>{say("audit-newer")}</A> })}
                        {older.map(|href| view! { <A href=href>{say("audit-older")}</A> })}
                    </nav>
                }
            })}
        </section>
    }
}
