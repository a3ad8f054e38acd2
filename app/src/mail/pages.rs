//! The email wording page: HR edits each message's template and previews it.

use super::template::PLACEHOLDERS;
use super::Purpose;
use crate::error::AppError;
use crate::model::language::Language;
pub use crate::model::mail::{EditedWording, TemplateView};
use crate::ui::{loaded, typed_or, FormError, ReturnField, TextArea};
use crate::ui::{say, say_with};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A language named by a form or an address: one Knit speaks, or an error saying so.
#[cfg(feature = "ssr")]
fn language_param(code: &str) -> Result<Language, AppError> {
    Language::parse(code)
        .ok_or_else(|| AppError::invalid(say("wording-language-choose-one-of-the")))
}

#[server(endpoint = "mail_templates")]
pub async fn mail_templates(language: Option<String>) -> Result<EditedWording, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let language = language.as_deref().map(language_param).transpose()?;
            super::service::wording_to_edit(&state.db, &user, language).await
        }
        .await,
    )
}

#[server(endpoint = "set_organization_language")]
pub async fn set_organization_language(language: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let language = Language::parse(&language)
                .ok_or_else(|| AppError::invalid(say("wording-language-choose-one-of-the")))?;
            super::service::set_organization_language(&state.db, &user, language).await?;
            leptos_axum::redirect("/surveys/email?organization=saved");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "save_mail_template")]
pub async fn save_mail_template(
    purpose: String,
    language: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let purpose = Purpose::param(&purpose)?;
            let language = language_param(&language)?;
            super::service::save_template(
                &state.db,
                &user,
                purpose,
                language,
                super::template::Template { subject, body },
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/surveys/email?language={}&saved={}",
                language.code(),
                purpose.key()
            ));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "reset_mail_template")]
pub async fn reset_mail_template(purpose: String, language: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let purpose = Purpose::param(&purpose)?;
            let language = language_param(&language)?;
            super::service::reset_template(&state.db, &user, purpose, language).await?;
            leptos_axum::redirect(&format!(
                "/surveys/email?language={}&saved={}",
                language.code(),
                purpose.key()
            ));
            Ok(())
        }
        .await,
    )
}

#[component]
pub fn MailTemplatesPage() -> impl IntoView {
    let query = use_query_map().read_untracked();
    let asked = query.get("language");
    let templates = Resource::new(move || asked.clone(), mail_templates);
    let saved = query.get("saved").and_then(|k| Purpose::from_key(&k));
    let language_saved = query.get("organization").is_some();
    let save = ServerAction::<SaveMailTemplate>::new();
    let reset = ServerAction::<ResetMailTemplate>::new();
    let set_language = ServerAction::<SetOrganizationLanguage>::new();
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/surveys">{say("wording-surveys")}</A></p>
            <h1>{say("wording-email-wording")}</h1>
            <p class="muted">{say("wording-every-survey-s-invitations-and")}</p>
            <FormError action=set_language/>
            {loaded(templates, move |w: EditedWording| organization_language(w.organization, set_language))}
            <details>
                <summary>{say("wording-placeholders")}</summary>
                <ul class="plain">
                    {PLACEHOLDERS.iter().map(|(name, what)| view! { <li><code>{format!("{{{{{name}}}}}")}</code>" · "{*what}</li> }).collect_view()}
                </ul>
            </details>
            {saved.map(|p| view! { <p class="notice success" role="status">{say_with("wording-saved", &[("label", (p.label()).into())])}</p> })}
            {language_saved.then(|| view! { <p class="notice success" role="status">{say("wording-the-organization-s-language-is")}</p> })}
            <FormError action=save/>
            <FormError action=reset/>
            {loaded(templates, move |wording: EditedWording| {
                let language = wording.language.code();
                view! {
                {language_tabs(&wording)}
                {wording.templates.into_iter().map(|v| {
                    // After a refused save, the words as typed come back to their form.
                    let refused = typed_or("purpose", None) == v.purpose.key();
                    let (subject, body) = if refused {
                        (
                            typed_or("subject", Some(v.template.subject.clone())),
                            typed_or("body", Some(v.template.body.clone())),
                        )
                    } else {
                        (v.template.subject.clone(), v.template.body.clone())
                    };
                    let key = v.purpose.key();
                    let (frame, target) = (format!("preview-{key}"), format!("preview-{key}"));
                    view! {
                        <div class="wave" id=key>
                            <h2>{v.purpose.label()}{(!v.edited).then(|| view! { <span class="sub">" "{say("wording-built-in-wording")}</span> })}</h2>
                            <ActionForm action=save>
                                <ReturnField/>
                                <input type="hidden" name="purpose" value=key/>
                                <input type="hidden" name="language" value=language/>
                                <label class="field">
                                    <span class="label">{say("wording-subject")}</span>
                                    <input type="text" name="subject" value=subject maxlength="200" required/>
                                </label>
                                <label class="field">
                                    <span class="label">{say("wording-message")}</span>
                                    <TextArea name="body" rows=14 value=body required=true/>
                                </label>
                                <div class="row-actions">
                                    // The words as typed go to the preview frame below, in the
                                    // request's body: nothing typed lands in an address.
                                    <button type="submit" class="button secondary" formmethod="post" formaction=PREVIEW_PATH formtarget=target>{say("wording-preview")}</button>
                                    <button type="submit" class="primary">{say("wording-save")}</button>
                                </div>
                            </ActionForm>
                            {v.edited.then(|| view! {
                                <ActionForm action=reset attr:class="inline">
                                    <ReturnField/>
                                    <input type="hidden" name="purpose" value=key/>
                                    <input type="hidden" name="language" value=language/>
                                    <button type="submit" class="link">{say("wording-restore-the-built-in-wording")}</button>
                                </ActionForm>
                            })}
                            <div class="email-preview" role="region" aria-label=say_with("wording-preview-2", &[("label", (v.purpose.label()).into())])>
                                <iframe name=frame title=say_with("wording-the-message-as-html", &[("label", (v.purpose.label()).into())]) sandbox="" src=format!("{PREVIEW_PATH}?purpose={key}&language={language}")></iframe>
                            </div>
                        </div>
                    }
                }).collect_view()}
                }
            })}
        </section>
    }
}

/// One tab per language: the wording people of that language get.
fn language_tabs(wording: &EditedWording) -> impl IntoView {
    let current = wording.language;
    let organization = wording.organization;
    view! {
        <nav class="tabs" aria-label=say("wording-the-wording-in-each-language")>
            {Language::ALL.into_iter().map(|l| {
                let label = if l == organization {
                    say_with("wording-the-organization-s", &[("english-name", (l.english_name()).into())])
                } else {
                    l.english_name().to_string()
                };
                view! {
                    <a href=format!("/surveys/email?language={}", l.code())
                        aria-current=(l == current).then_some("page")>{label}</a>
                }
            }).collect_view()}
        </nav>
        <p class="hint">{if current == organization {
            say_with("wording-the-wording-in-the-organization", &[("english-name", (current.english_name()).into())])
        } else {
            say_with("wording-the-wording-people-who-read", &[("english-name", current.english_name().into())])
        }}</p>
    }
}

/// The organization's language: of people whose roster names none, and of the
/// wording below. Everyone else gets Knit's own wording in their language.
fn organization_language(
    current: Language,
    action: ServerAction<SetOrganizationLanguage>,
) -> impl IntoView {
    view! {
        <ActionForm action=action attr:class="inline organization-language">
            <ReturnField/>
            <label class="field">
                <span class="label">{say("wording-the-organization-s-language")}</span>
                <select name="language">
                    {Language::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=l == current>{l.english_name()}</option>
                    }).collect_view()}
                </select>
                <span class="hint">{say_with("wording-used-for-people-whose-roster", &[("join", (Language::ALL.map(Language::english_name).join(", ")).into())])}</span>
            </label>
            <button type="submit" class="button secondary">{say("wording-save-language")}</button>
        </ActionForm>
    }
}

/// The preview frame's page: the saved wording (`?purpose=`), or the words
/// as typed, posted to it by the Preview button. Rendered by the server from
/// the same template; its policy allows the message's inline styles.
pub const PREVIEW_PATH: &str = "/surveys/email/preview.html";
