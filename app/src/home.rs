//! The start page after sign-in.

use crate::error::AppError;
use crate::model::auth::Role;
use crate::ui::{say, say_with};
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
                        let links = crate::store::outbox::link_use(&state.db, wave.id).await?;
                        open_waves.push(OpenWave {
                            survey_id: id,
                            survey: survey.definition.name.clone(),
                            closes_on: wave.closes_on.clone(),
                            answered: links.answered,
                            invited: links.invited,
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

fn role_summary(role: Role) -> String {
    match role {
        Role::Admin => say("home-you-run-this-knit-instance"),
        Role::Analyst => say("home-you-work-with-the-roster"),
        Role::Manager => say("home-you-see-your-own-reports"),
    }
}

/// What a new instance needs first, in order, each a link, each ticked once
/// done; gone when all are.
fn first_steps(done: crate::surveys::FirstSteps) -> impl IntoView {
    let step = |done: bool, link: &'static str, what: String, why: String| {
        view! {
            <li class=if done { "done" } else { "" }>
                <span class="tick" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                <span class="sr-only">{if done { format!("{} ", say("home-done")) } else { format!("{} ", say("home-to-do")) }}</span>
                <span><a href=link>{what}</a>{why}</span>
            </li>
        }
        // One type for every step keeps the page's type shallow enough to compile.
        .into_any()
    };
    view! {
        <div class="notice first-steps">
            <p><strong>{say("home-start-here")}</strong></p>
            <ol class="plain">
                {step(done.roster, "/people/import", say("home-import-your-roster"), say("home-a-csv-export-from-your"))}
                {step(done.survey, "/surveys/new", say("home-build-a-survey"), say("home-who-do-people-go-to"))}
                {step(done.previewed, "/surveys", say("home-preview-it"), say("home-the-survey-page-and-the"))}
                {step(done.opened, "/surveys", say("home-open-its-wave"), say("home-everyone-gets-a-personal-link"))}
            </ol>
        </div>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Transition fallback=|| view! { <p class="muted">{say("home-loading")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <section class="card">
                            <p class="eyebrow">{o.organization}</p>
                            <h1>{say_with("home-welcome", &[("name", o.name.as_str().into())])}</h1>
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
                                        <span>{say_with("home-answered-open-until", &[("survey", w.survey.into()), ("closes-on", w.closes_on.into())])}</span>
                                    </a>
                                }).collect_view()}
                            </div>
                        </section>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <section class="card narrow">
                            <h1>{say("home-please-sign-in")}</h1>
                            <p><a href="/login">{say("home-sign-in")}</a>" "{say("home-to-continue")}</p>
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
