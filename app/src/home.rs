//! The start page after sign-in.

use crate::auth::model::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Overview {
    pub organization: String,
    pub name: String,
    pub role: Role,
}

#[server(endpoint = "overview")]
pub async fn get_overview() -> Result<Overview, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&Role::ALL)?;
            let organization =
                crate::store::settings::get(&state.db, crate::store::settings::ORGANIZATION_NAME)
                    .await?
                    .unwrap_or_default();
            Ok(Overview {
                organization,
                name: user.name,
                role: user.role,
            })
        }
        .await,
    )
}

fn role_summary(role: Role) -> &'static str {
    match role {
        Role::Admin => {
            "You run this Knit instance: accounts and settings, and everything analysts do."
        }
        Role::Analyst => {
            "You work with the roster, the surveys and the person-level network results."
        }
        Role::Manager => {
            "You see your own reports and the introductions suggested to your newcomers."
        }
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <section class="card">
                            <p class="eyebrow">{o.organization}</p>
                            <h1>"Welcome, " {o.name}</h1>
                            <p class="lead">{role_summary(o.role)}</p>
                        </section>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <section class="card narrow">
                            <h1>"Please sign in"</h1>
                            <p><a href="/login">"Sign in"</a>" to continue."</p>
                        </section>
                    }.into_any(),
                    Err(err) => view! {
                        <p class="notice error" role="alert">{err.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
