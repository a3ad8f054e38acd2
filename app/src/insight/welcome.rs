//! The newcomer's own page, opened from the emailed link: the colleagues worth
//! meeting, with the reasons (never anyone's scores), and what came of each.

use crate::error::AppError;
use crate::ui::{loaded, FormError, ReturnField};
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie that holds a newcomer's link token (set by `/n/{token}`).
pub const NEWCOMER_COOKIE: &str = "knit_newcomer";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntroductionView {
    pub id: i64,
    pub name: String,
    /// Title and team, as far as the roster has them.
    pub role: String,
    pub email: String,
    pub reasons: Vec<String>,
    pub status: String,
}

#[cfg(feature = "ssr")]
async fn newcomer() -> Result<(crate::context::AppState, i64), AppError> {
    let state = crate::context::app_state()?;
    let token = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default()
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == NEWCOMER_COOKIE)
        .map(|(_, value)| value.to_string());
    let person = match token {
        Some(token) => {
            crate::store::analyses::newcomer_of_link(
                &state.db,
                &crate::auth::service::hash_token(&token),
            )
            .await?
        }
        None => None,
    };
    let person = person.ok_or_else(|| {
        AppError::invalid("Open this page from the link in your introductions email.")
    })?;
    Ok((state, person))
}

#[server(endpoint = "my_introductions")]
pub async fn my_introductions() -> Result<Vec<IntroductionView>, AppError> {
    crate::context::respond(
        async {
            let (state, person) = newcomer().await?;
            Ok(crate::store::analyses::introductions_for(&state.db, person)
                .await?
                .into_iter()
                .map(|i| IntroductionView {
                    id: i.id,
                    name: i.name,
                    role: [i.title, i.team]
                        .into_iter()
                        .flatten()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                    email: i.email,
                    reasons: serde_json::from_str(&i.reasons).unwrap_or_default(),
                    status: i.status,
                })
                .collect())
        }
        .await,
    )
}

#[server(endpoint = "mark_introduction")]
pub async fn mark_introduction(id: i64, status: String) -> Result<(), AppError> {
    crate::context::respond(
        async {
            let (state, person) = newcomer().await?;
            if !["met", "not_useful", "later"].contains(&status.as_str()) {
                return Err(AppError::invalid("Choose we met, not useful or later."));
            }
            if !crate::store::analyses::mark_introduction(&state.db, person, id, &status).await? {
                return Err(AppError::invalid("This introduction is not one of yours."));
            }
            leptos_axum::redirect("/welcome");
            Ok(())
        }
        .await,
    )
}

fn status_label(status: &str) -> &'static str {
    match status {
        "met" => "You met",
        "not_useful" => "Not useful",
        "later" => "Later",
        _ => "Not yet",
    }
}

#[component]
pub fn WelcomePage() -> impl IntoView {
    let introductions = Resource::new(|| (), |_| my_introductions());
    let mark = ServerAction::<MarkIntroduction>::new();
    view! {
        <section class="card">
            <h1>"People worth meeting"</h1>
            <p class="muted">"Colleagues who can help you find your way, and why we suggest them. Tell us how it went: it helps the next newcomers too."</p>
            <FormError action=mark/>
            {loaded(introductions, move |list: Vec<IntroductionView>| view! {
                <ul class="players">
                    {list.into_iter().map(|i| {
                        let name = i.name.clone();
                        view! {
                        <li class="introduction">
                            <strong>{i.name.clone()}</strong>" "<span class=format!("badge {}", i.status)>{status_label(&i.status)}</span>
                            <span class="contact">
                                {(!i.role.is_empty()).then(|| format!("{} · ", i.role))}
                                <a href=format!("mailto:{}", i.email)>{i.email.clone()}</a>
                            </span>
                            <span class="reason">{i.reasons.join(" ")}</span>
                            <span class="row-actions">
                                {[("met", "We met"), ("not_useful", "Not useful"), ("later", "Later")].into_iter().map(|(key, label)| {
                                    let aria = format!("{label}: {name}");
                                    view! {
                                    <ActionForm action=mark attr:class="inline">
                                        <ReturnField/>
                                        <input type="hidden" name="id" value=i.id/>
                                        <input type="hidden" name="status" value=key/>
                                        <button type="submit" class="button secondary" aria-label=aria>{label}</button>
                                    </ActionForm>
                                }}).collect_view()}
                            </span>
                        </li>
                    }}).collect_view()}
                </ul>
            })}
        </section>
    }
}
