//! The email wording page: HR edits each message's template and previews it.

use super::template::{Rendered, Template, PLACEHOLDERS};
use super::Purpose;
use crate::error::AppError;
use crate::ui::{loaded, typed_or, FormError, ReturnField, TextArea};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub purpose: Purpose,
    pub template: Template,
    pub edited: bool,
}

#[server(endpoint = "mail_templates")]
pub async fn mail_templates() -> Result<Vec<TemplateView>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            user.require(crate::model::auth::CurrentUser::can_run_surveys)?;
            let mut views = Vec::new();
            for purpose in Purpose::HR_TEMPLATES {
                let edited = crate::store::outbox::template(&state.db, purpose).await?;
                views.push(TemplateView {
                    purpose,
                    edited: edited.is_some(),
                    template: edited.unwrap_or_else(|| Template::default_for(purpose)),
                });
            }
            Ok(views)
        }
        .await,
    )
}

#[server(endpoint = "preview_mail")]
pub async fn preview_mail(subject: String, body: String) -> Result<Rendered, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let template = Template {
                subject,
                body: body.replace("\r\n", "\n"),
            };
            super::service::preview(
                &state.db,
                state.settings.policy.privacy,
                &user,
                &state.settings.public_url,
                &template,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "save_mail_template")]
pub async fn save_mail_template(
    purpose: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let purpose = Purpose::param(&purpose)?;
            super::service::save_template(&state.db, &user, purpose, Template { subject, body })
                .await?;
            leptos_axum::redirect(&format!("/surveys/email?saved={}", purpose.key()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "reset_mail_template")]
pub async fn reset_mail_template(purpose: String) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let purpose = Purpose::param(&purpose)?;
            super::service::reset_template(&state.db, &user, purpose).await?;
            leptos_axum::redirect(&format!("/surveys/email?saved={}", purpose.key()));
            Ok(())
        }
        .await,
    )
}

/// Query parameters of a preview: `preview=PURPOSE&subject=…&body=…`.
fn preview_query() -> Option<(Purpose, String, String)> {
    let query = use_query_map();
    let q = query.read_untracked();
    let purpose = Purpose::from_key(&q.get("preview")?)?;
    Some((
        purpose,
        q.get("subject").unwrap_or_default(),
        q.get("body").unwrap_or_default(),
    ))
}

#[component]
pub fn MailTemplatesPage() -> impl IntoView {
    let templates = Resource::new(|| (), |_| mail_templates());
    let preview = preview_query();
    let rendered = Resource::new(
        move || preview_query().map(|(_, subject, body)| (subject, body)),
        |typed| async move {
            match typed {
                Some((subject, body)) => preview_mail(subject, body).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .and_then(|k| Purpose::from_key(&k));
    let save = ServerAction::<SaveMailTemplate>::new();
    let reset = ServerAction::<ResetMailTemplate>::new();
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/surveys">"Surveys"</A></p>
            <h1>"Email wording"</h1>
            <p class="muted">"Every survey's invitations and reminders use these words. Each message is sent as plain text and as HTML, with the person's own link."</p>
            <details>
                <summary>"Placeholders"</summary>
                <ul class="plain">
                    {PLACEHOLDERS.iter().map(|(name, what)| view! { <li><code>{format!("{{{{{name}}}}}")}</code>" · "{*what}</li> }).collect_view()}
                </ul>
            </details>
            {saved.map(|p| view! { <p class="notice success" role="status">{format!("{} saved.", p.label())}</p> })}
            <FormError action=save/>
            <FormError action=reset/>
            {loaded(templates, move |views: Vec<TemplateView>| {
                let preview = preview.clone();
                views.into_iter().map(|v| {
                    let previewing = preview.as_ref().filter(|(p, _, _)| *p == v.purpose);
                    // After a refused save, the words as typed come back to their form.
                    let refused = typed_or("purpose", None) == v.purpose.key();
                    let (subject, body) = match previewing {
                        Some((_, s, b)) => (s.clone(), b.clone()),
                        None if refused => (
                            typed_or("subject", Some(v.template.subject.clone())),
                            typed_or("body", Some(v.template.body.clone())),
                        ),
                        None => (v.template.subject.clone(), v.template.body.clone()),
                    };
                    let key = v.purpose.key();
                    view! {
                        <div class="wave" id=key>
                            <h2>{v.purpose.label()}{(!v.edited).then(|| view! { <span class="sub">" · built-in wording"</span> })}</h2>
                            <ActionForm action=save>
                                <ReturnField/>
                                <input type="hidden" name="purpose" value=key/>
                                <input type="hidden" name="preview" value=key/>
                                <label class="field">
                                    <span class="label">"Subject"</span>
                                    <input type="text" name="subject" value=subject maxlength="200" required/>
                                </label>
                                <label class="field">
                                    <span class="label">"Message"</span>
                                    <TextArea name="body" rows=14 value=body required=true/>
                                </label>
                                <div class="row-actions">
                                    <button type="submit" class="button secondary" formmethod="get" formaction=format!("/surveys/email#{key}")>"Preview"</button>
                                    <button type="submit" class="primary">"Save"</button>
                                </div>
                            </ActionForm>
                            {v.edited.then(|| view! {
                                <ActionForm action=reset attr:class="inline">
                                    <ReturnField/>
                                    <input type="hidden" name="purpose" value=key/>
                                    <button type="submit" class="link">"Restore the built-in wording"</button>
                                </ActionForm>
                            })}
                            {previewing.map(|(_, subject, body)| {
                                let src = preview_src(subject, body);
                                loaded(rendered, move |r: Option<Rendered>| r.map(|r| view! {
                                <div class="email-preview" aria-label="Preview">
                                    <p><strong>"Subject: "</strong>{r.subject}</p>
                                    <iframe title="The message as HTML" sandbox="" src=src.clone()></iframe>
                                    <details>
                                        <summary>"Plain-text part"</summary>
                                        <pre class="email-text">{r.text}</pre>
                                    </details>
                                </div>
                            }))})}
                        </div>
                    }
                }).collect_view()
            })}
        </section>
    }
}

/// The preview frame loads the HTML part as a page of its own, rendered by the
/// server from the same template (its policy allows the message's inline styles).
fn preview_src(subject: &str, body: &str) -> String {
    fn encode(text: &str) -> String {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (byte as char).to_string()
                }
                _ => format!("%{byte:02X}"),
            })
            .collect()
    }
    format!(
        "/surveys/email/preview.html?subject={}&body={}",
        encode(subject),
        encode(body)
    )
}
