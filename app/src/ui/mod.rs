//! Parts shared by every page: the header, form helpers, notices.

use crate::auth::api::RETURN_FIELD;
use crate::error::AppError;
pub use crate::model::catalogue::{say, say_with};
use crate::model::language::Language;
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

/// A password input with a Show/Hide button, its words from the catalogue.
#[component]
pub fn PasswordInput(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into)] autocomplete: String,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let words = RevealWords {
        show: say("ui-show"),
        hide: say("ui-hide"),
        show_password: say("ui-show-password"),
        hide_password: say("ui-hide-password"),
    };
    view! { <PasswordReveal label name autocomplete hint words/> }
}

/// What the Show/Hide button says, sent with the island so that the browser
/// needs no catalogue.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RevealWords {
    show: String,
    hide: String,
    show_password: String,
    hide_password: String,
}

/// The password input itself. An island: the button works once its code has
/// loaded (marked by `data-hydrated`); the input works without it.
#[island]
fn PasswordReveal(
    label: String,
    name: String,
    autocomplete: String,
    hint: Option<String>,
    words: RevealWords,
) -> impl IntoView {
    let RevealWords {
        show,
        hide,
        show_password,
        hide_password,
    } = words;
    let (visible, set_visible) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| set_hydrated.set(true));
    let input_type = move || if visible.get() { "text" } else { "password" };
    view! {
        <label class="field" data-hydrated=move || hydrated.get().to_string()>
            <span class="label">{label}</span>
            <span class="password">
                <input
                    type=input_type
                    name=name
                    autocomplete=autocomplete
                    required
                    maxlength=crate::model::auth::MAX_PASSWORD_CHARS
                />
                <button
                    type="button"
                    class="reveal"
                    aria-pressed=move || visible.get().to_string()
                    aria-label=move || if visible.get() { hide_password.clone() } else { show_password.clone() }
                    on:click=move |_| set_visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { hide.clone() } else { show.clone() }}
                </button>
            </span>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
        </label>
    }
}

/// Shows what `resource` loads, rendered by `render`, or its error.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    loaded_in(Language::STAFF, resource, render)
}

/// The language the reader's browser asks for, for what a respondent's or
/// newcomer's page says before it knows whose it is (pages render on the server).
pub fn reader_language() -> Language {
    #[cfg(feature = "ssr")]
    let asked = crate::context::browser_language();
    #[cfg(not(feature = "ssr"))]
    let asked = None;
    asked.unwrap_or_default()
}

/// [`loaded`], with its waiting and its errors said in `language`.
pub fn loaded_in<T, V>(
    language: Language,
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="muted">{language.say("page-loading")}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(err) => error_notice_in(err, language),
                    }
                })
            }}
        </Transition>
    }
}

/// An error from the server, shown where the content would be.
pub fn error_notice(err: AppError) -> AnyView {
    error_notice_in(err, Language::STAFF)
}

/// An error in `language`: a refusal comes worded by the server already;
/// the faults without words of their own are said here.
pub fn error_notice_in(err: AppError, language: Language) -> AnyView {
    let text = match err {
        AppError::Unauthenticated => language.say("error-sign-in"),
        AppError::Forbidden => language.say("error-forbidden"),
        AppError::Internal => language.say("error-internal"),
        AppError::Transport(_) => language.say("error-transport"),
        worded => worded.to_string(),
    };
    view! { <p class="notice error" role="alert">{text}</p> }.into_any()
}

/// What the person typed into field `name` before a plain form came back with an
/// error (the server carries it as `f.NAME`), or `fallback`.
pub fn typed_or(name: &str, fallback: Option<String>) -> String {
    typed(name).or(fallback).unwrap_or_default()
}

/// What was typed in field `name` of a form that came back with an error.
fn typed(name: &str) -> Option<String> {
    typed_fields()?
        .into_iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value)
}

/// Whether this page shows a form that came back with an error: a box left
/// unticked then is unticked now, whatever was stored.
pub fn form_came_back() -> bool {
    typed_fields().is_some()
}

/// Every field typed in a form that came back with an error (server/src/http.rs
/// keeps them in the Typed cookie; pages render on the server).
fn typed_fields() -> Option<Vec<(String, String)>> {
    #[cfg(feature = "ssr")]
    {
        let secure =
            use_context::<crate::context::AppState>().is_some_and(|s| s.settings.secure_cookies);
        let carried = crate::cookies::SiteCookie::Typed.from_request(secure)?;
        serde_urlencoded::from_str(&carried).ok()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// A textarea showing stored or typed text. On the server, Leptos writes a
/// textarea's children as it writes a script's, unescaped, so a stored
/// `</textarea>` would end the field and the rest would render as markup
/// (a form, a meta refresh). The server escapes the text; in the browser it
/// goes in as a text node, and hydration leaves a textarea's children alone.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    rows: u32,
    #[prop(into)] value: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let text = if cfg!(feature = "ssr") {
        escape_text(&value)
    } else {
        value
    };
    view! { <textarea name=name rows=rows required=required>{text}</textarea> }
}

/// Text made safe to place between tags.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A labelled text input.
#[component]
pub fn TextInput(
    #[prop(into)] label: String,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let value = typed_or(name, None);
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <input type=kind name=name autocomplete=autocomplete value=value required/>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
        </label>
    }
}

/// A submit button that says what is happening once pressed (forms post as plain
/// HTML; this island only changes the label while the next page loads).
#[island]
pub fn SubmitButton(#[prop(into)] label: String, #[prop(into)] busy: String) -> impl IntoView {
    let (pressed, set_pressed) = signal(false);
    view! {
        <button type="submit" class="primary" on:click=move |_| set_pressed.set(true) aria-busy=move || pressed.get().to_string()>
            {move || if pressed.get() { busy.clone() } else { label.clone() }}
        </button>
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `:id` of the current route, as a number (0 when absent).
/// A query parameter of the page's address, when it is there and not empty.
pub fn query_value(name: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync {
    let query = leptos_router::hooks::use_query_map();
    move || query.read().get(name).filter(|v| !v.is_empty())
}

pub fn id_param() -> impl Fn() -> i64 + Copy + Send + Sync {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
    }
}

/// `part` of `whole` as a percentage, rounded down like response rates
/// everywhere (so 79.9% never shows as the 80% of "high confidence").
/// `part` of `whole` as a whole percentage, rounded (1 of 6 is 17%), but never
/// 0% for some nor 100% for not all: a reader takes those ends literally.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "0%".into();
    }
    let rounded = (part * 200 + whole) / (2 * whole);
    let shown = match rounded {
        0 if part > 0 => 1,
        100 if part < whole => 99,
        r => r,
    };
    format!("{shown}%")
}

/// Whether a submitted checkbox (or hidden yes-field) is on: the one reading of
/// a form's yes, whatever the form.
pub fn is_checked(value: Option<&str>) -> bool {
    matches!(value, Some("on" | "true" | "1" | "yes"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_are_rounded_and_keep_their_ends_true() {
        let shown: Vec<String> = [
            (1, 6),
            (5, 6),
            (1, 3),
            (2, 3),
            (0, 4),
            (4, 4),
            (1, 1000),
            (999, 1000),
            (3, 0),
        ]
        .into_iter()
        .map(|(part, whole)| super::percent(part, whole))
        .collect();
        assert_eq!(
            shown,
            ["17%", "83%", "33%", "67%", "0%", "100%", "1%", "99%", "0%"]
        );
    }
}
