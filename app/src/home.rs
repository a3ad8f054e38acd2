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
    /// What HR has done of the first steps (analysts and admins).
    pub first_steps: Option<crate::surveys::FirstSteps>,
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
                        let rows = crate::store::surveys::response_by(
                            &state.db,
                            wave.id,
                            crate::store::surveys::Grouping::Department,
                        )
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
            let first_steps = if user.can_run_surveys() {
                Some(crate::surveys::service::first_steps(&state.db, people > 0).await?)
            } else {
                None
            };
            Ok(Overview {
                organization,
                name: user.name,
                role: user.role,
                people,
                open_waves,
                first_steps,
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

/// What a new instance needs first, in order, each a link, each ticked once
/// done; gone when all are.
fn first_steps(done: crate::surveys::FirstSteps) -> impl IntoView {
    let step = |done: bool, link: &'static str, what: &'static str, why: &'static str| {
        view! {
            <li class=if done { "done" } else { "" }>
                <span class="tick" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                <span class="sr-only">{if done { "Done: " } else { "To do: " }}</span>
                <a href=link>{what}</a>{why}
            </li>
        }
    };
    view! {
        <div class="notice first-steps">
            <p><strong>"Start here"</strong></p>
            <ol class="plain">
                {step(done.roster, "/people/import", "Import your roster", ": a CSV export from your HR system, checked row by row before anything is saved.")}
                {step(done.survey, "/surveys/new", "Build a survey", ": who do people go to for help, from templates.")}
                {step(done.previewed, "/surveys", "Preview it", ": the survey page and the invitation as people will get them, and how many will be invited.")}
                {step(done.opened, "/surveys", "Open its wave", ": everyone gets a personal link by email, and you follow who has answered.")}
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
                            {o.first_steps.filter(|s| !s.all_done()).map(first_steps)}
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
