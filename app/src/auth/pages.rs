//! Setup, sign-in and account pages.

use super::api::{ChangePassword, CompleteSetup, Login, RequestPasswordReset, ResetPassword};
use crate::model::auth::{SingleSignOnRefusal, RESET_REQUESTED};
use crate::ui::{FormError, PasswordInput, ReturnField, SubmitButton, TextInput};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

const PASSWORD_HINT: &str = "At least 10 characters; a passphrase of a few words works well.";

#[component]
pub fn SetupPage() -> impl IntoView {
    let setup = ServerAction::<CompleteSetup>::new();
    view! {
        <section class="card narrow">
            <h1>"Set up Knit"</h1>
            <p class="lead">
                "Create the first administrator account. You can add analysts and managers afterwards."
            </p>
            <ActionForm action=setup>
                <ReturnField/>
                <TextInput label="Organization" name="organization" autocomplete="organization"/>
                <TextInput label="Your name" name="name" autocomplete="name"/>
                <TextInput label="Work email" name="email" kind="email" autocomplete="username"/>
                <PasswordInput
                    label="Password"
                    name="password"
                    autocomplete="new-password"
                    hint=PASSWORD_HINT
                />
                <FormError action=setup/>
                <SubmitButton label="Create administrator" busy="Creating…"/>
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
                <TextInput label="Work email" name="email" kind="email" autocomplete="username"/>
                <PasswordInput label="Password" name="password" autocomplete="current-password"/>
                <FormError action=login/>
                <SubmitButton label="Sign in" busy="Signing in…"/>
            </ActionForm>
            <p class="muted"><a href="/forgot-password">"Forgot your password?"</a></p>
        }
    };
    view! {
        <section class="card narrow">
            <h1>"Sign in"</h1>
            {move || refusal().map(|r| view! { <p class="notice error" role="alert">{r.message()}</p> })}
            <Show when=password_set>
                <p class="notice success" role="status">"Your new password is set, and every earlier session was signed out. Sign in with it."</p>
            </Show>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
                                <summary>"Administrator sign-in with a password"</summary>
                                <p class="hint">"For when single sign-on is unavailable: only the break-glass administrator signs in here."</p>
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
            <h1>"Forgot your password?"</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="lead">"Enter the email of your Knit account. If it has one, Knit sends it a link to set a new password."</p>
                    <ActionForm action=request>
                        <ReturnField/>
                        <TextInput label="Work email" name="email" kind="email" autocomplete="username"/>
                        <FormError action=request/>
                        <SubmitButton label="Send the link" busy="Sending…"/>
                    </ActionForm>
                }
            >
                <p class="notice success" role="status">{RESET_REQUESTED}</p>
            </Show>
            <p class="muted"><a href="/login">"Back to sign-in"</a></p>
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
            <h1>"Set a new password"</h1>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    if usable.await.unwrap_or(false) {
                        view! {
                            <p class="lead">"Setting it signs your account out everywhere else."</p>
                            <ActionForm action=reset>
                                <ReturnField/>
                                <input type="hidden" name="token" value=token/>
                                <PasswordInput label="New password" name="new_password" autocomplete="new-password" hint=PASSWORD_HINT/>
                                <PasswordInput label="Confirm new password" name="confirm_password" autocomplete="new-password"/>
                                <FormError action=reset/>
                                <SubmitButton label="Set password" busy="Setting…"/>
                            </ActionForm>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="notice error" role="alert">"This link has expired or was already used."</p>
                            <p><a href="/forgot-password">"Ask for a new link"</a></p>
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
            <h1>"Your account"</h1>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    account.await.ok().flatten().map(|user| view! {
                        <dl class="facts">
                            <dt>"Name"</dt><dd>{user.name}</dd>
                            <dt>"Email"</dt><dd>{user.email}</dd>
                            <dt>"Role"</dt><dd>{user.role.label()}</dd>
                        </dl>
                    })
                })}
            </Transition>
            <h2>"Change password"</h2>
            <Show when=changed>
                <p class="notice success" role="status">
                    "Your password was changed. Your other sessions were signed out."
                </p>
            </Show>
            <ActionForm action=change_password>
                <ReturnField/>
                <PasswordInput label="Current password" name="current_password" autocomplete="current-password"/>
                <PasswordInput label="New password" name="new_password" autocomplete="new-password" hint=PASSWORD_HINT/>
                <PasswordInput label="Confirm new password" name="confirm_password" autocomplete="new-password"/>
                <FormError action=change_password/>
                <SubmitButton label="Change password" busy="Changing…"/>
            </ActionForm>
        </section>
    }
}
