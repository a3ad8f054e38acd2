//! The start page after sign-in.

use crate::error::AppError;
use crate::model::auth::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Overview {
    pub organization: String,
    pub name: String,
    pub role: Role,
    /// Active people the user may see (everyone, or a manager's reports).
    pub people: i64,
    /// Open waves with their answered and invited counts (analysts and admins).
    pub open_waves: Vec<OpenWave>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenWave {
    pub survey_id: i64,
    pub survey: String,
    pub closes_on: String,
    pub answered: i64,
    pub invited: i64,
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
            let scope = crate::people::service::scope_for(&state.db, &user).await?;
            let people = crate::store::people::search(
                &state.db,
                scope,
                &crate::store::people::RosterQuery::default(),
                1,
                1,
            )
            .await?
            .total;
            let mut open_waves = Vec::new();
            if user.can_run_surveys() {
                for id in crate::store::surveys::list_ids(&state.db).await? {
                    let Some(survey) = crate::store::surveys::get(&state.db, id).await? else {
                        continue;
                    };
                    for wave in survey
                        .waves
                        .iter()
                        .filter(|w| w.status == crate::surveys::WaveStatus::Open)
                    {
                        let rows =
                            crate::store::surveys::response_by_department(&state.db, wave.id)
                                .await?;
                        open_waves.push(OpenWave {
                            survey_id: id,
                            survey: survey.definition.name.clone(),
                            closes_on: wave.closes_on.clone(),
                            answered: rows.iter().map(|r| r.answered).sum(),
                            invited: rows.iter().map(|r| r.invited).sum(),
                        });
                    }
                }
            }
            Ok(Overview {
                organization,
                name: user.name,
                role: user.role,
                people,
                open_waves,
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
            "You see your own reports in the roster, and survey response rates for groups large enough to stay anonymous."
        }
    }
}

/// What a new instance needs first, in order, each a link.
fn first_steps() -> impl IntoView {
    view! {
        <div class="notice">
            <p><strong>"Start here"</strong></p>
            <ol>
                <li><a href="/people/import">"Import your roster"</a>": a CSV export from your HR system, checked row by row before anything is saved."</li>
                <li><a href="/surveys/new">"Build a survey"</a>": who do people go to for help, from templates."</li>
                <li>"Open its wave: everyone gets a personal link by email, and you follow who has answered."</li>
            </ol>
        </div>
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
                            {(o.people == 0 && o.role != Role::Manager).then(first_steps)}
                            <div class="stats">
                                <a class="stat link-card" href="/people">
                                    <span class="n">{o.people}</span>
                                    <span>{if o.role == Role::Manager { "people report to you" } else { "active people in the roster" }}</span>
                                </a>
                                {o.open_waves.into_iter().map(|w| view! {
                                    <a class="stat link-card" href=format!("/surveys/{}", w.survey_id)>
                                        <span class="n">{format!("{} / {}", w.answered, w.invited)}</span>
                                        <span>{format!("answered {}, open until {}", w.survey, w.closes_on)}</span>
                                    </a>
                                }).collect_view()}
                            </div>
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
