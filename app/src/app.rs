//! The application shell, routes and header.

use crate::accounts::AccountsPage;
use crate::auth::pages::{AccountPage, LoginPage, SetupPage};
use crate::auth::{use_auth, AuthState};
use crate::home::HomePage;
use crate::model::auth::Role;
use crate::people::pages::{
    EditPersonPage, ErasePersonPage, ImportPage, ImportPreviewPage, PeoplePage, PersonPage,
};
use crate::surveys::pages::{EditSurveyPage, NewSurveyPage, SurveyPage, SurveysPage};
use crate::surveys::respond::RespondPage;
use crate::ui::say;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    crate::security::set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=crate::assets::stylesheet_href()/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options islands=true/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    AuthState::provide();
    view! {
        <Title text="Knit"/>
        <Router>
            <div class="app">
                <Header/>
                <main class="page">
                    // Pages are rendered whole before they are sent: without JavaScript,
                    // streamed fragments could not be put in place.
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async/>
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                        <Route path=path!("/forgot-password") view=crate::auth::pages::ForgotPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/reset/:token") view=crate::auth::pages::ResetPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                        <Route path=path!("/accounts") view=AccountsPage ssr=SsrMode::Async/>
                        <Route path=path!("/audit") view=crate::audit::pages::AuditPage ssr=SsrMode::Async/>
                        <Route path=path!("/people") view=PeoplePage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys") view=SurveysPage ssr=SsrMode::Async/>
                        <Route path=path!("/respond") view=RespondPage ssr=SsrMode::Async/>
                        <Route path=path!("/report") view=crate::surveys::report::ReportPage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys/new") view=NewSurveyPage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys/email") view=crate::mail::pages::MailTemplatesPage ssr=SsrMode::Async/>
                        <Route path=path!("/insight/:wave") view=crate::insight::pages::InsightPage ssr=SsrMode::Async/>
                        <Route path=path!("/newcomers") view=crate::newcomers::pages::NewcomersPage ssr=SsrMode::Async/>
                        <Route path=path!("/newcomers/:id") view=crate::newcomers::pages::NewcomerPage ssr=SsrMode::Async/>
                        <Route path=path!("/welcome") view=crate::newcomers::welcome::WelcomePage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys/:id") view=SurveyPage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys/:id/edit") view=EditSurveyPage ssr=SsrMode::Async/>
                        <Route path=path!("/surveys/:id/preview") view=crate::surveys::pages::SurveyPreviewPage ssr=SsrMode::Async/>
                        <Route path=path!("/people/import") view=ImportPage ssr=SsrMode::Async/>
                        <Route path=path!("/people/import/:id") view=ImportPreviewPage ssr=SsrMode::Async/>
                        <Route path=path!("/people/:id") view=PersonPage ssr=SsrMode::Async/>
                        <Route path=path!("/people/:id/edit") view=EditPersonPage ssr=SsrMode::Async/>
                        <Route path=path!("/people/:id/erase") view=ErasePersonPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = use_auth();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">
                <span class="logo" aria-hidden="true"></span>
                "Knit"
            </A>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.user.await.ok().flatten().map(|user| view! {
                        <nav class="usermenu" aria-label=say("nav-account")>
                            <A href="/people">{say("nav-people")}</A>
                            <A href="/surveys">{say("nav-surveys")}</A>
                            <A href="/newcomers">{say("nav-newcomers")}</A>
                            {(user.role == Role::Admin).then(|| view! { <A href="/accounts">{say("nav-accounts")}</A> <A href="/audit">{say("nav-audit-log")}</A> })}
                            <A href="/account" attr:class="who">
                                <span class="name">{user.name}</span>
                                <span class="role">{user.role.label()}</span>
                            </A>
                            <ActionForm action=auth.logout attr:class="inline">
                                <crate::ui::ReturnField/>
                                <button type="submit" class="link">{say("nav-sign-out")}</button>
                            </ActionForm>
                        </nav>
                    })
                })}
            </Transition>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card narrow">
            <h1>{say("nav-page-not-found")}</h1>
            <p>{say("nav-there-is-nothing-at-this")}" " <A href="/">{say("nav-go-to-the-start-page")}</A>"."</p>
        </section>
    }
}
