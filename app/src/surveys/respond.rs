//! The respondent's side: one page per wave, reached from a personal link.
//!
//! Every button on the page submits the whole form, so nothing typed is lost
//! whichever button is pressed, and the page works without JavaScript: adding a
//! colleague, removing one, searching, saving and submitting are all plain posts.
//! Field names: `tie.REL.PERSON` (a chosen colleague), `scale.REL.PERSON.KEY`,
//! `attr.QUESTION`, `q.REL` (search text), and `action` (which button).

use super::{AttributeQuestion, Relation, WaveStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many people a search lists.
pub const PICKER_RESULTS: i64 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerPerson {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenTie {
    pub relation_id: i64,
    pub person: PickerPerson,
    pub scales: BTreeMap<String, i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub relation_id: i64,
    pub query: String,
    pub people: Vec<PickerPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseForm {
    pub survey_name: String,
    pub introduction: String,
    pub closes_on: String,
    pub status: WaveStatus,
    pub respondent_name: String,
    pub relations: Vec<Relation>,
    pub questions: Vec<AttributeQuestion>,
    pub chosen: Vec<ChosenTie>,
    pub attributes: BTreeMap<i64, String>,
    pub submitted: bool,
    pub search: Option<SearchResults>,
}

#[cfg(feature = "ssr")]
async fn respondent() -> Result<(crate::context::AppState, i64, i64), AppError> {
    let state = crate::context::app_state()?;
    let cookies = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let (wave, person) = super::service::respondent_from_cookies(&state.db, &cookies)
        .await?
        .ok_or_else(|| {
            AppError::invalid("Open the survey from the personal link in your invitation.")
        })?;
    Ok((state, wave, person))
}

#[server(endpoint = "response")]
pub async fn get_response_form(
    search: Option<i64>,
    q: Option<String>,
) -> Result<ResponseForm, AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            super::service::response_form(&state.db, wave, person, search.zip(q)).await
        }
        .await,
    )
}

#[server(endpoint = "save_response")]
pub async fn save_response(f: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            let target = super::service::save_from_form(&state.db, wave, person, &f).await?;
            leptos_axum::redirect(&target);
            Ok(())
        }
        .await,
    )
}

/// The respondent page.
#[component]
pub fn RespondPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let search = move || {
        query
            .read()
            .get("search")
            .and_then(|s| s.parse::<i64>().ok())
    };
    let q = move || query.read().get("q");
    let form = Resource::new(
        move || (search(), q()),
        |(search, q)| get_response_form(search, q),
    );
    let save = ServerAction::<SaveResponse>::new();
    let notice = move || {
        let query = query.read_untracked();
        if query.get("submitted").is_some() {
            Some("Thank you: your answers are submitted. You can come back and change them until the survey closes.")
        } else if query.get("saved").is_some() {
            Some("Saved.")
        } else {
            None
        }
    };
    crate::ui::loaded(form, move |f| response_view(f, save, notice()))
}

fn response_view(
    f: ResponseForm,
    save: ServerAction<SaveResponse>,
    notice: Option<&'static str>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if f.status == WaveStatus::Closed {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::GONE);
        }
    }
    if f.status != WaveStatus::Open {
        return view! {
            <section class="card narrow">
                <h1>{f.survey_name}</h1>
                <p>"This survey has closed. Thank you for your interest; answers can no longer be given or changed."</p>
            </section>
        }
        .into_any();
    }
    let intro = f
        .introduction
        .replace("\r\n", "\n")
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.trim().to_string()}</p> })
        .collect_view();
    let field = |key: String| format!("f[{key}]");
    let relations = f
        .relations
        .iter()
        .map(|relation| {
            let chosen: Vec<ChosenTie> = f
                .chosen
                .iter()
                .filter(|c| c.relation_id == relation.id)
                .cloned()
                .collect();
            let results = f
                .search
                .as_ref()
                .filter(|s| s.relation_id == relation.id)
                .cloned();
            relation_block(relation.clone(), chosen, results, field)
        })
        .collect_view();
    let questions = f
        .questions
        .iter()
        .map(|q| {
            let name = field(format!("attr.{}", q.id));
            let current = f.attributes.get(&q.id).cloned().unwrap_or_default();
            let input = match q.kind {
                super::QuestionKind::Choice => view! {
                    <select name=name>
                        <option value="">"Choose…"</option>
                        {q.options.iter().map(|o| view! { <option value=o.clone() selected=*o == current>{o.clone()}</option> }).collect_view()}
                    </select>
                }
                .into_any(),
                super::QuestionKind::Agreement => view! {
                    <select name=name>
                        <option value="">"Choose…"</option>
                        {["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"].into_iter().enumerate().map(|(i, label)| {
                            let value = (i + 1).to_string();
                            view! { <option value=value.clone() selected=value == current>{format!("{} · {label}", i + 1)}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any(),
                super::QuestionKind::Text => view! { <input type="text" name=name value=current maxlength="500"/> }.into_any(),
            };
            view! { <label class="field"><span class="label">{q.prompt.clone()}</span>{input}</label> }
        })
        .collect_view();
    view! {
        <section class="card respond">
            <p class="eyebrow">{format!("Open until {}", f.closes_on)}</p>
            <h1>{f.survey_name.clone()}</h1>
            <p class="lead">{format!("Hello {}.", f.respondent_name)}</p>
            {notice.map(|n| view! { <p class="notice success" role="status">{n}</p> })}
            <div class="intro">{intro}</div>
            <FormError action=save/>
            <ActionForm action=save>
                <ReturnField/>
                {relations}
                {(!f.questions.is_empty()).then(|| view! { <h2>"About you"</h2> })}
                {questions}
                <div class="actions spaced">
                    <button type="submit" name=field("action".into()) value="submit" class="primary compact">
                        {if f.submitted { "Submit changes" } else { "Submit" }}
                    </button>
                    <button type="submit" name=field("action".into()) value="save" class="button secondary">"Save and finish later"</button>
                </div>
            </ActionForm>
        </section>
    }
    .into_any()
}

fn relation_block(
    relation: Relation,
    chosen: Vec<ChosenTie>,
    results: Option<SearchResults>,
    field: impl Fn(String) -> String + Copy + 'static,
) -> impl IntoView {
    let rel = relation.id;
    let action = field("action".into());
    let chips = chosen
        .into_iter()
        .map(|c| {
            let pid = c.person.id;
            let scales = relation
                .scales
                .iter()
                .map(|s| {
                    let current = c.scales.get(&s.key).copied();
                    view! {
                        <label class="scale">
                            <span>{s.label.clone()}</span>
                            <select name=field(format!("scale.{rel}.{pid}.{}", s.key))>
                                <option value="">"—"</option>
                                {(s.min..=s.max).zip(s.labels.iter()).map(|(v, l)| view! {
                                    <option value=v.to_string() selected=current == Some(v)>{l.clone()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <li class="chip">
                    <input type="hidden" name=field(format!("tie.{rel}.{pid}")) value="on"/>
                    <div class="who">
                        <strong>{c.person.name.clone()}</strong>
                        <span class="sub">{person_line(&c.person)}</span>
                    </div>
                    {scales}
                    <button type="submit" class="remove" name=action.clone() value=format!("remove:{rel}:{pid}")
                        aria-label=format!("Remove {}", c.person.name)>"Remove"</button>
                </li>
            }
        })
        .collect_view();
    let list = results.map(|r| {
        let rows = r
            .people
            .iter()
            .map(|p| {
                view! {
                    <li>
                        <button type="submit" class="result" name=action.clone() value=format!("add:{rel}:{}", p.id)>
                            <strong>{p.name.clone()}</strong>
                            <span class="sub">{person_line(p)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let empty = r.people.is_empty();
        view! {
            <div class="results">
                {if empty {
                    view! { <p class="muted">{format!("No one matches \u{201c}{}\u{201d}. Type at least two letters of a name, team or title.", r.query)}</p> }.into_any()
                } else {
                    view! { <ul class="plain" aria-label="Matching colleagues">{rows}</ul> }.into_any()
                }}
            </div>
        }
    });
    view! {
        <fieldset class="relation ask" id=format!("rel-{rel}")>
            <legend>{relation.question.clone()}</legend>
            <ul class="chips plain">{chips}</ul>
            <div class="picker">
                <input type="search" name=field(format!("q.{rel}")) aria-label=format!("Find a colleague: {}", relation.question)
                    placeholder="Type a name, team or title" autocomplete="off"/>
                <button type="submit" class="button secondary" name=action.clone() value=format!("search:{rel}")>"Find"</button>
            </div>
            {list}
        </fieldset>
    }
}

fn person_line(p: &PickerPerson) -> String {
    [p.title.clone(), p.team.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

use crate::ui::{FormError, ReturnField};
use leptos::form::ActionForm;
