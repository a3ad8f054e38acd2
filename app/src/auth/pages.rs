//! Setup, sign-in and account pages.

use super::api::{ChangePassword, CompleteSetup, Login};
use crate::ui::{FormError, PasswordInput, ReturnField, SubmitButton, TextInput};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <ActionForm action=login>
                <ReturnField/>
                <input type="hidden" name="next" value=next/>
                <TextInput label="Work email" name="email" kind="email" autocomplete="username"/>
                <PasswordInput label="Password" name="password" autocomplete="current-password"/>
                <FormError action=login/>
                <SubmitButton label="Sign in" busy="Signing in…"/>
            </ActionForm>
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
