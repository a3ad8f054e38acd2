//! Setup, sign-in and account pages.

use super::api::{ChangePassword, CompleteSetup, Login, RequestPasswordReset, ResetPassword};
use crate::model::auth::{SingleSignOnRefusal, RESET_REQUESTED};
use crate::ui::say;
use crate::ui::{FormError, PasswordInput, ReturnField, SubmitButton, TextInput};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SetupPage() -> impl IntoView {
    let setup = ServerAction::<CompleteSetup>::new();
    view! {
        <section class="card narrow">
            <h1>{say("account-set-up-knit")}</h1>
            <p class="lead">
                {say("account-create-the-first-administrator-account")}
            </p>
            <ActionForm action=setup>
                <ReturnField/>
                <TextInput label=say("account-organization") name="organization" autocomplete="organization"/>
                <TextInput label=say("account-your-name") name="name" autocomplete="name"/>
                <TextInput label=say("account-work-email") name="email" kind="email" autocomplete="username"/>
                <PasswordInput
                    label=say("account-password")
                    name="password"
                    autocomplete="new-password"
                    hint=say("account-at-least-10-characters-a")
                />
                <FormError action=setup/>
                <SubmitButton label=say("account-create-administrator") busy=say("account-creating")/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let options = Resource::new(|| (), |_| super::api::sign_in_options());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let refusal = move || {
        query
            .read()
            .get("sso")
            .and_then(|code| SingleSignOnRefusal::from_code(&code))
    };
    let password_set = move || query.read().get("password_set").is_some();
    let password_form = move || {
        view! {
            <ActionForm action=login>
                <ReturnField/>
                <input type="hidden" name="next" value=next/>
                <TextInput label=say("account-work-email") name="email" kind="email" autocomplete="username"/>
                <PasswordInput label=say("account-password") name="password" autocomplete="current-password"/>
                <FormError action=login/>
                <SubmitButton label=say("account-sign-in") busy=say("account-signing-in")/>
            </ActionForm>
            <p class="muted"><a href="/forgot-password">{say("account-forgot-your-password")}</a></p>
        }
    };
    view! {
        <section class="card narrow">
            <h1>{say("account-sign-in")}</h1>
            {move || refusal().map(|r| view! { <p class="notice error" role="alert">{r.message()}</p> })}
            <Show when=password_set>
                <p class="notice success" role="status">{say("account-your-new-password-is-set")}</p>
            </Show>
            <Transition fallback=|| view! { <p class="muted">{say("account-loading")}</p> }>
                {move || Suspend::new(async move {
                    let options = options.await.unwrap_or_default();
                    let single_sign_on = options.single_sign_on.clone().map(|label| view! {
                        <p>
                            <a class="button primary" href=move || format!("/auth/oidc/start?next={}", crate::ui::encode(&next()))>
                                {label}
                            </a>
                        </p>
                    });
                    let passwords = if options.passwords_for_everyone {
                        password_form().into_any()
                    } else if options.break_glass {
                        // Open again when the sign-in in it failed, to show why.
                        let failed = move || {
                            login.value().get().is_some_and(|r| r.is_err())
                                || query.read().get("__err").is_some()
                        };
                        view! {
                            <details class="spaced" open=failed>
                                <summary>{say("account-administrator-sign-in-with-a")}</summary>
                                <p class="hint">{say("account-for-when-single-sign-on")}</p>
                                {password_form()}
                            </details>
                        }
                        .into_any()
                    } else {
                        ().into_any()
                    };
                    view! { {single_sign_on} {passwords} }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || {
        query.read().get("sent").is_some() || request.value().get().is_some_and(|r| r.is_ok())
    };
    view! {
        <section class="card narrow">
            <h1>{say("account-forgot-your-password")}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="lead">{say("account-enter-the-email-of-your")}</p>
                    <ActionForm action=request>
                        <ReturnField/>
                        <TextInput label=say("account-work-email") name="email" kind="email" autocomplete="username"/>
                        <FormError action=request/>
                        <SubmitButton label=say("account-send-the-link") busy=say("account-sending")/>
                    </ActionForm>
                }
            >
                <p class="notice success" role="status">{say(RESET_REQUESTED)}</p>
            </Show>
            <p class="muted"><a href="/login">{say("account-back-to-sign-in")}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, super::api::reset_link_usable);
    let reset = ServerAction::<ResetPassword>::new();
    view! {
        <section class="card narrow">
            <h1>{say("account-set-a-new-password")}</h1>
            <Transition fallback=|| view! { <p class="muted">{say("account-loading")}</p> }>
                {move || Suspend::new(async move {
                    if usable.await.unwrap_or(false) {
                        view! {
                            <p class="lead">{say("account-setting-it-signs-your-account")}</p>
                            <ActionForm action=reset>
                                <ReturnField/>
                                <input type="hidden" name="token" value=token/>
                                <PasswordInput label=say("account-new-password") name="new_password" autocomplete="new-password" hint=say("account-at-least-10-characters-a")/>
                                <PasswordInput label=say("account-confirm-new-password") name="confirm_password" autocomplete="new-password"/>
                                <FormError action=reset/>
                                <SubmitButton label=say("account-set-password") busy=say("account-setting")/>
                            </ActionForm>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="notice error" role="alert">{say("account-this-link-has-expired-or")}</p>
                            <p><a href="/forgot-password">{say("account-ask-for-a-new-link")}</a></p>
                        }
                        .into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    // Its own copy of the account: one resource read under two Suspense boundaries
    // can stall server rendering (leptos-rs/leptos#4851).
    let account = Resource::new(|| (), |_| super::api::get_current_user());
    let change_password = ServerAction::<ChangePassword>::new();
    let query = use_query_map();
    let changed = move || query.read().get("password_changed").is_some();
    view! {
        <section class="card narrow">
            <h1>{say("account-your-account")}</h1>
            <Transition fallback=|| view! { <p class="muted">{say("account-loading")}</p> }>
                {move || Suspend::new(async move {
                    account.await.ok().flatten().map(|user| view! {
                        <dl class="facts">
                            <dt>{say("account-name")}</dt><dd>{user.name}</dd>
                            <dt>{say("account-email")}</dt><dd>{user.email}</dd>
                            <dt>{say("account-role")}</dt><dd>{user.role.label()}</dd>
                        </dl>
                    })
                })}
            </Transition>
            <h2>{say("account-change-password")}</h2>
            <Show when=changed>
                <p class="notice success" role="status">
                    {say("account-your-password-was-changed-your")}
                </p>
            </Show>
            <ActionForm action=change_password>
                <ReturnField/>
                <PasswordInput label=say("account-current-password") name="current_password" autocomplete="current-password"/>
                <PasswordInput label=say("account-new-password") name="new_password" autocomplete="new-password" hint=say("account-at-least-10-characters-a")/>
                <PasswordInput label=say("account-confirm-new-password") name="confirm_password" autocomplete="new-password"/>
                <FormError action=change_password/>
                <SubmitButton label=say("account-change-password") busy=say("account-changing")/>
            </ActionForm>
        </section>
    }
}
