//! The newcomer's own page, opened from the emailed link: the colleagues worth
//! meeting, with the reasons (never anyone's scores), and what came of each.

use super::api::{my_introductions, MarkIntroduction};
use super::words::status_label;
use super::{IntroductionStatus, IntroductionView, WelcomeView};
use crate::model::language::Language;
use crate::ui::{loaded_in, FormError, ReturnField};
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
        <FormError action=mark/>
        {loaded_in(crate::ui::reader_language(), introductions, move |page: WelcomeView| {
            let language = page.language;
            let list = page.introductions;
            view! {
                <section class="card" lang=language.code()>
                    <h1>{language.say("welcome-title")}</h1>
                    <p class="muted">{language.say("welcome-intro")}</p>
                    {asked().and_then(|id| list.iter().find(|i| i.id == id).cloned()).map(|i| {
                        let question = language.say_with("welcome-did-you-meet", &[("name", i.name.clone().into())]);
                        let label = question.clone();
                        view! {
                            <div class="notice ask" role="group" aria-label=label>
                                <p><strong>{question}</strong></p>
                                <span class="row-actions">
                                    {answer_buttons(mark, &i, language, &[(IntroductionStatus::Met, "welcome-met"), (IntroductionStatus::Later, "welcome-not-yet"), (IntroductionStatus::NotUseful, "welcome-not-useful")])}
                                </span>
                            </div>
                        }
                    })}
                    <ul class="players">
                        {list.into_iter().map(|i| {
                            view! {
                            <li class="introduction">
                                <strong>{i.name.clone()}</strong>" "<span class=format!("badge {}", i.status.key())>{status_label(i.status, language)}</span>
                                <span class="contact">
                                    {(!i.role.is_empty()).then(|| format!("{} · ", i.role))}
                                    <a href=format!("mailto:{}", i.email)>{i.email.clone()}</a>
                                </span>
                                <span class="reason">{i.reasons.join(" ")}</span>
                                <span class="row-actions">
                                    {answer_buttons(mark, &i, language, &[(IntroductionStatus::Met, "welcome-met"), (IntroductionStatus::NotUseful, "welcome-not-useful"), (IntroductionStatus::Later, "welcome-later")])}
                                </span>
                            </li>
                        }}).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// One form per answer about an introduction: plain forms, so they work
/// without JavaScript too.
fn answer_buttons(
    mark: ServerAction<MarkIntroduction>,
    introduction: &IntroductionView,
    language: Language,
    answers: &[(IntroductionStatus, &'static str)],
) -> impl IntoView {
    let (id, name) = (introduction.id, introduction.name.clone());
    answers
        .iter()
        .map(|&(status, message)| {
            let label = language.say(message);
            let aria = language.say_with(
                "welcome-answer-label",
                &[
                    ("answer", label.clone().into()),
                    ("name", name.clone().into()),
                ],
            );
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
