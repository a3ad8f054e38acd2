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
                            <strong>{i.name.clone()}</strong>" "<span class=format!("badge {}", i.status.key())>{status_label(i.status)}</span>
                            <span class="contact">
                                {(!i.role.is_empty()).then(|| format!("{} · ", i.role))}
                                <a href=format!("mailto:{}", i.email)>{i.email.clone()}</a>
                            </span>
                            <span class="reason">{i.reasons.join(" ")}</span>
                            <span class="row-actions">
                                {[(IntroductionStatus::Met, "We met"), (IntroductionStatus::NotUseful, "Not useful"), (IntroductionStatus::Later, "Later")].into_iter().map(|(status, label)| {
                                    let aria = format!("{label}: {name}");
                                    view! {
                                    <ActionForm action=mark attr:class="inline">
                                        <ReturnField/>
                                        <input type="hidden" name="id" value=i.id/>
                                        <input type="hidden" name="status" value=status.key()/>
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
