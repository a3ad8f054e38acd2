//! Parts shared by every page: the header, form helpers, notices.

use crate::auth::api::RETURN_FIELD;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// Tells the server which page a plain HTML form came from, so that an error can
/// be shown there when JavaScript is off.
#[component]
pub fn ReturnField() -> impl IntoView {
    let location = use_location();
    let here = move || location.pathname.get();
    view! { <input type="hidden" name=RETURN_FIELD value=here/> }
}

/// The error of the last submission of `action`, if it failed.
#[component]
pub fn FormError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(|result| result.err())
            .map(|err| view! { <p class="notice error" role="alert">{err.to_string()}</p> })
    }
}

/// A password input with a Show/Hide button. The button needs the client
/// (it only works once the page has hydrated); the input works without it.
#[component]
pub fn PasswordInput(
    label: &'static str,
    name: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let (visible, set_visible) = signal(false);
    let input_type = move || if visible.get() { "text" } else { "password" };
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <span class="password">
                <input
                    type=input_type
                    name=name
                    autocomplete=autocomplete
                    required
                    maxlength=crate::auth::model::MAX_PASSWORD_CHARS
                />
                <button
                    type="button"
                    class="reveal"
                    aria-pressed=move || visible.get().to_string()
                    aria-label=move || if visible.get() { "Hide password" } else { "Show password" }
                    on:click=move |_| set_visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { "Hide" } else { "Show" }}
                </button>
            </span>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
        </label>
    }
}

/// A labelled text input.
#[component]
pub fn TextInput(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <input type=kind name=name autocomplete=autocomplete required/>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
        </label>
    }
}

/// A submit button that says what it is doing while the action runs.
#[component]
pub fn SubmitButton<S>(
    action: ServerAction<S>,
    label: &'static str,
    busy: &'static str,
) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let pending = action.pending();
    view! {
        <button type="submit" class="primary" disabled=move || pending.get()>
            {move || if pending.get() { busy } else { label }}
        </button>
    }
}
