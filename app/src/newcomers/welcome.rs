//! The newcomer's own page, opened from the emailed link: the colleagues worth
//! meeting, with the reasons (never anyone's scores), and what came of each.

use super::api::{my_introductions, MarkIntroduction};
use super::words::status_label;
use super::{IntroductionStatus, IntroductionView};
use crate::ui::{loaded, FormError, ReturnField};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn WelcomePage() -> impl IntoView {
    let introductions = Resource::new(|| (), |_| my_introductions());
    let mark = ServerAction::<MarkIntroduction>::new();
    // A "did you meet?" email's link names the introduction it asks about.
    let query = leptos_router::hooks::use_query_map();
    let asked = move || {
        query
            .read()
            .get("ask")
            .and_then(|id| id.parse::<i64>().ok())
    };
    view! {
        <section class="card">
            <h1>"People worth meeting"</h1>
            <p class="muted">"Colleagues who can help you find your way, and why we suggest them. Tell us how it went: it helps the next newcomers too."</p>
            <FormError action=mark/>
            {loaded(introductions, move |list: Vec<IntroductionView>| view! {
                {asked().and_then(|id| list.iter().find(|i| i.id == id).cloned()).map(|i| {
                    let question = format!("Did you meet {}?", i.name);
                    let label = question.clone();
                    view! {
                        <div class="notice ask" role="group" aria-label=label>
                            <p><strong>{question}</strong></p>
                            <span class="row-actions">
                                {answer_buttons(mark, &i, &[(IntroductionStatus::Met, "We met"), (IntroductionStatus::Later, "Not yet"), (IntroductionStatus::NotUseful, "Not useful")])}
                            </span>
                        </div>
                    }
                })}
                <ul class="players">
                    {list.into_iter().map(|i| {
                        view! {
                        <li class="introduction">
                            <strong>{i.name.clone()}</strong>" "<span class=format!("badge {}", i.status.key())>{status_label(i.status)}</span>
                            <span class="contact">
                                {(!i.role.is_empty()).then(|| format!("{} · ", i.role))}
                                <a href=format!("mailto:{}", i.email)>{i.email.clone()}</a>
                            </span>
                            <span class="reason">{i.reasons.join(" ")}</span>
                            <span class="row-actions">
                                {answer_buttons(mark, &i, &[(IntroductionStatus::Met, "We met"), (IntroductionStatus::NotUseful, "Not useful"), (IntroductionStatus::Later, "Later")])}
                            </span>
                        </li>
                    }}).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// One form per answer about an introduction: plain forms, so they work
/// without JavaScript too.
fn answer_buttons(
    mark: ServerAction<MarkIntroduction>,
    introduction: &IntroductionView,
    answers: &[(IntroductionStatus, &'static str)],
) -> impl IntoView {
    let (id, name) = (introduction.id, introduction.name.clone());
    answers
        .iter()
        .map(|&(status, label)| {
            let aria = format!("{label}: {name}");
            view! {
                <ActionForm action=mark attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="status" value=status.key()/>
                    <button type="submit" class="button secondary" aria-label=aria>{label}</button>
                </ActionForm>
            }
        })
        .collect_view()
}
