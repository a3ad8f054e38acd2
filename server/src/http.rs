//! HTTP wiring: routes, security headers, cross-site request checks, sessions
//! and the page guards that send people to setup or sign-in.

use app::auth::service;
use app::context::{AppState, RequestSession};
use app::cookies::SiteCookie;
use app::model::catalogue::FluentValue;
use app::model::language::Language;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;

/// The longest any request may take before Knit answers 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub use crate::state::HttpState;

/// The site settings Leptos needs; the client is built as `pkg/knit.js` and
/// `pkg/knit_bg.wasm` by the Makefile.
pub fn leptos_options(site_root: &Path, listen: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("knit")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(listen)
        .build()
}

pub fn router(app_state: AppState, leptos: LeptosOptions) -> Router {
    let state = HttpState {
        leptos: leptos.clone(),
        app: app_state,
        setup_done: Arc::new(AtomicBool::new(false)),
    };
    let pages = route_list();
    let context = {
        let app_state = state.app.clone();
        // Pages rendered on the server restate this instance's promise.
        move || {
            provide_context(app_state.settings.policy.privacy);
            provide_context(app_state.clone())
        }
    };
    let pkg_dir = Path::new(leptos.site_root.as_ref()).join(leptos.site_pkg_dir.as_ref());

    let mut router = Router::new();
    for route in routes() {
        router = router.route(route.path, route.handler);
    }
    router
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(middleware::from_fn(revalidate_always))
                .service(ServeDir::new(pkg_dir).precompressed_gzip()),
        )
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_context(&state, pages, context.clone(), {
            let leptos = leptos.clone();
            move || app::shell(leptos.clone())
        })
        .route_layer(middleware::from_fn(crate::metrics::note_route))
        .fallback(leptos_axum::render_app_to_stream_with_context(context, {
            let leptos = leptos.clone();
            move || app::shell(leptos.clone())
        }))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            form_return_address,
        ))
        .layer(middleware::from_fn(server_fn_calls))
        .layer(middleware::from_fn_with_state(state.clone(), guard_pages))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            reject_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        // Pages, styles and answers travel gzipped (the client files are already).
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        // No request may hold a connection forever, whatever stalls behind it.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(crate::metrics::count_requests))
        .with_state(state)
}

/// A route Knit serves besides its pages, server functions and client files.
pub struct Route {
    pub path: &'static str,
    pub method: Method,
    handler: MethodRouter<HttpState>,
}

/// Every such route, declared once: the router is built from this list, and
/// the boundary test calls each one as every kind of reader.
pub fn routes() -> Vec<Route> {
    let upload_limit = || axum::extract::DefaultBodyLimit::max(crate::roster::MAX_UPLOAD_BYTES);
    let on_get = |path, handler| Route {
        path,
        method: Method::GET,
        handler,
    };
    let on_post = |path, handler| Route {
        path,
        method: Method::POST,
        handler,
    };
    vec![
        on_get("/healthz", get(healthz)),
        on_get("/readyz", get(readyz)),
        on_get(crate::metrics::PATH, get(crate::metrics::for_admins)),
        on_get("/style/knit.css", get(stylesheet)),
        on_get("/style/network-map.js", get(network_map_script)),
        on_post(
            "/people/import",
            post(crate::roster::upload).layer(upload_limit()),
        ),
        on_get("/people/export.csv", get(crate::roster::export)),
        on_get(
            "/people/{id}/export.json",
            get(crate::roster::subject_export),
        ),
        on_get("/auth/oidc/start", get(crate::single_sign_on::start)),
        on_get("/auth/oidc/callback", get(crate::single_sign_on::callback)),
        on_get("/s/{token}", get(crate::respondents::follow)),
        on_get("/n/{token}", get(crate::respondents::follow_newcomer)),
        on_get(
            "/less/{person}/{token}",
            get(crate::respondents::suggest_less_page),
        ),
        on_post(
            "/less/{person}/{token}",
            post(crate::respondents::suggest_less),
        ),
        on_get(
            app::mail::pages::PREVIEW_PATH,
            get(crate::mail::preview_saved),
        ),
        on_post(
            app::mail::pages::PREVIEW_PATH,
            post(crate::mail::preview_typed),
        ),
        on_get("/insight/{wave}/map.svg", get(crate::networks::map)),
        on_get("/insight/{wave}/map.json", get(crate::networks::map_data)),
        on_get(
            "/insight/{wave}/groups.svg",
            get(crate::networks::group_map),
        ),
        on_get("/insight/{wave}/export", get(crate::networks::export)),
        on_post(
            "/insight/{wave}/networks",
            post(crate::networks::upload).layer(axum::extract::DefaultBodyLimit::max(
                crate::networks::MAX_NETWORK_UPLOAD_BYTES,
            )),
        ),
        on_post(
            "/insight/{wave}/networks/drafts/{draft}",
            post(crate::networks::decide),
        ),
        on_post(
            "/surveys/{survey}/waves/{wave}/people/{person}/link",
            post(crate::respondents::new_link),
        ),
        on_post(
            "/surveys/{survey}/waves/{wave}/people/{person}/revoke",
            post(crate::respondents::revoke_link),
        ),
    ]
}

/// The paths of the app's pages (`/newcomers/{id}` and the like).
pub fn page_paths() -> Vec<String> {
    route_list()
        .iter()
        .map(|listing| listing.path().to_string())
        .collect()
}

/// The app's routes, generated once per process: while Leptos walks the app to
/// list them it suspends resource loading process-wide, which would stall any
/// page rendering at that moment (leptos-rs/leptos#4773).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> =
        LazyLock::new(|| generate_route_list(app::App));
    ROUTES.clone()
}

async fn server_fn_handler(State(state): State<HttpState>, request: Request) -> impl IntoResponse {
    let app_state = state.app.clone();
    handle_server_fns_with_context(move || provide_context(app_state.clone()), request).await
}

/// What Knit says before it knows who asks: in the language the browser asks
/// for (a respondent meets these too), else English.
fn said(headers: &HeaderMap, id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::from_accept_language)
        .unwrap_or_default()
        .say_with(id, args)
}

/// The largest body a server function call may have: a respondent's form
/// with the most ties it takes, and its ratings, is well under it. Reading
/// stops there and the call is refused (413), whether or not it said its length.
const MAX_CALL_BYTES: usize = 512 * 1024;

/// Server function calls (Leptos routes each one itself): the body is read
/// up to [`MAX_CALL_BYTES`], and an error answers with its own status.
async fn server_fn_calls(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_CALL_BYTES).await else {
        let refusal = said(
            &parts.headers,
            "refused-too-large",
            &[("kib", (MAX_CALL_BYTES / 1024).into())],
        );
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            Json(app::error::AppError::invalid(refusal)),
        )
            .into_response();
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    with_the_errors_status(response).await
}

/// Leptos answers 500 to every server function error that Knit's own code did
/// not give a status (`context::respond` does), such as an argument missing
/// or malformed in the call, which fails before Knit's code runs. The body
/// says which error it is; its status follows.
async fn with_the_errors_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response
            .headers()
            .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(parts.status);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

async fn healthz(State(state): State<HttpState>) -> Response {
    let db = &state.app.db;
    match db.schema_version().await {
        Ok(version) => Json(serde_json::json!({
            "status": "ok",
            "database": db.backend().name(),
            "schema_version": version,
        }))
        .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "health check could not read the database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    serde_json::json!({ "status": "unavailable", "database": db.backend().name() }),
                ),
            )
                .into_response()
        }
    }
}

/// Readiness, for a load balancer or an orchestrator: the database answers,
/// its schema is the one this version needs, every background task runs, and
/// how old the email backlog is (reported, not judged: a large send is a
/// backlog by design). 503 with the reasons when not ready.
async fn readyz(State(state): State<HttpState>) -> Response {
    let db = &state.app.db;
    let mut problems: Vec<String> = Vec::new();
    let schema = match db.schema_version().await {
        Ok(version) => {
            if version != db.latest_known_version() {
                problems.push(format!(
                    "the database is at schema version {version}, this Knit needs {}: run knit migrate",
                    db.latest_known_version()
                ));
            }
            Some(version)
        }
        Err(err) => {
            tracing::error!(error = %err, "readiness check could not read the database");
            problems.push("the database does not answer".into());
            None
        }
    };
    let stopped = crate::workers::stopped();
    for name in &stopped {
        problems.push(format!("the {name} has stopped"));
    }
    let now = app::store::now_ms();
    let (waiting, oldest_age_seconds) = match app::store::outbox::backlog(db, now).await {
        Ok((waiting, oldest)) => (Some(waiting), oldest.map(|at| (now - at).max(0) / 1000)),
        Err(_) => (None, None),
    };
    let body = Json(serde_json::json!({
        "status": if problems.is_empty() { "ready" } else { "not ready" },
        "problems": problems,
        "database": db.backend().name(),
        "schema_version": schema,
        "email_waiting": waiting,
        "email_oldest_waiting_seconds": oldest_age_seconds,
    }));
    if problems.is_empty() {
        body.into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
    }
}

async fn stylesheet() -> Response {
    immutable("text/css; charset=utf-8", app::assets::STYLESHEET)
}

async fn network_map_script() -> Response {
    immutable(
        "text/javascript; charset=utf-8",
        app::assets::NETWORK_MAP_SCRIPT,
    )
}

fn immutable(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // The address carries a content hash, so the file never changes under it.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}

/// The client files keep their names across builds: browsers must revalidate them.
async fn revalidate_always(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn is_asset_or_probe(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/style/")
        || path == "/healthz"
        || path == "/readyz"
}

/// Pages for getting signed in: with a password, a reset link or single sign-on.
fn is_for_signing_in(path: &str) -> bool {
    path == "/login"
        || path == "/forgot-password"
        || path.starts_with("/reset/")
        || path.starts_with("/auth/oidc/")
}

/// Pages for survey respondents, newcomers and colleagues introduced to them,
/// who have a personal link, not an account.
fn is_for_respondents(path: &str) -> bool {
    path.starts_with("/s/")
        || path == "/respond"
        || path == "/report"
        || path.starts_with("/n/")
        || path == "/welcome"
        || path.starts_with("/less/")
}

/// Headers on every response. Pages bring their own Content-Security-Policy (with
/// the nonce of their hydration script); everything else gets the strict default.
async fn security_headers(
    State(state): State<HttpState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(policy) = HeaderValue::from_str(&app::security::content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.app.settings.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Refuses state-changing requests sent from another site. Browsers say where a
/// request comes from in `Sec-Fetch-Site`; older ones only in `Origin`. (Our
/// Referrer-Policy makes browsers send `Origin: null` on POST, so a present
/// `Sec-Fetch-Site` decides.) Clients that send neither are not browsers, so
/// cannot be tricked into using someone's cookie.
async fn reject_cross_site(
    State(state): State<HttpState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !same_site_request(request.headers(), &state.app.settings.public_url) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site state-changing request");
        let refusal = said(request.headers(), "refused-cross-site", &[]);
        return (StatusCode::FORBIDDEN, refusal).into_response();
    }
    next.run(request).await
}

fn same_site_request(headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    match text(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let own = text(header::HOST)
                .map(|host| {
                    origin == format!("http://{host}") || origin == format!("https://{host}")
                })
                .unwrap_or(false);
            own || origin == public_url
        }
    }
}

/// Finds the session named by the cookie, for pages and server functions alike.
async fn resolve_session(
    State(state): State<HttpState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_asset_or_probe(request.uri().path()) {
        return next.run(request).await;
    }
    let token = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| SiteCookie::Session.read(h, state.app.settings.secure_cookies));
    let session = match token {
        Some(token) => match service::resolve_session(&state.app.db, &token).await {
            Ok(session) => session,
            Err(_) => {
                let refusal = said(request.headers(), "database-unavailable", &[]);
                return (StatusCode::SERVICE_UNAVAILABLE, refusal).into_response();
            }
        },
        None => None,
    };
    request.extensions_mut().insert(RequestSession(session));
    // The peer as the listener saw it (or as a test says it, like axum's ConnectInfo extractor).
    let extensions = request.extensions();
    let peer = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
        .or_else(|| {
            extensions
                .get::<axum::extract::connect_info::MockConnectInfo<std::net::SocketAddr>>()
                .map(|m| m.0.ip())
        });
    if let Some(peer) = peer {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let client = app::auth::client::client_address(
            peer,
            &forwarded,
            &state.app.settings.trusted_proxies,
        );
        request
            .extensions_mut()
            .insert(app::context::ClientAddress(client));
    }
    next.run(request).await
}

/// Sends page requests where they belong: to setup until the first admin exists,
/// to sign-in without a session.
async fn guard_pages(State(state): State<HttpState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() != Method::GET
        || path.starts_with("/api/")
        || path == crate::metrics::PATH
        || is_asset_or_probe(path)
        || is_for_respondents(path)
    {
        return next.run(request).await;
    }
    if !state.setup_done.load(Ordering::Relaxed) {
        match app::store::users::setup_done(&state.app.db).await {
            Ok(true) => state.setup_done.store(true, Ordering::Relaxed),
            Ok(false) if path == "/setup" => return next.run(request).await,
            Ok(false) => return Redirect::to("/setup").into_response(),
            Err(err) => {
                tracing::error!(error = %err, "could not read the setup state");
                let refusal = said(request.headers(), "database-unavailable", &[]);
                return (StatusCode::SERVICE_UNAVAILABLE, refusal).into_response();
            }
        }
    }
    let signed_in = request
        .extensions()
        .get::<RequestSession>()
        .is_some_and(|s| s.0.is_some());
    match (path, signed_in) {
        ("/setup", _) | ("/login", true) => Redirect::to("/").into_response(),
        (_, true) => next.run(request).await,
        (path, false) if is_for_signing_in(path) => next.run(request).await,
        (_, false) => {
            let wanted = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let target = if wanted == "/" {
                "/login".to_string()
            } else {
                format!("/login?next={}", urlencode(wanted))
            };
            Redirect::to(&target).into_response()
        }
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// Largest form body read to find the return address (forms here are small).
const FORM_LIMIT: usize = 1 << 20;

/// With JavaScript off, a server function answers a form by redirecting to the
/// page named in the Referer header, with any error in the query. Our
/// Referrer-Policy keeps browsers from sending that header, so each form names
/// its page in a hidden field, and this puts it where the server function looks.
/// What was typed goes back in a short-lived cookie, which the page it returns
/// to reads and this then removes.
async fn form_return_address(
    State(state): State<HttpState>,
    request: Request,
    next: Next,
) -> Response {
    let secure = state.app.settings.secure_cookies;
    let carries_typed = request.method() == Method::GET
        && request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|h| SiteCookie::Typed.read(h, secure).is_some());
    if carries_typed {
        let mut response = next.run(request).await;
        if header_contains(response.headers(), header::CONTENT_TYPE, "text/html") {
            if let Ok(clear) = HeaderValue::from_str(&SiteCookie::Typed.clear(secure)) {
                response.headers_mut().append(header::SET_COOKIE, clear);
            }
        }
        return response;
    }
    let is_plain_form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && !request.headers().contains_key(header::REFERER)
        && header_contains(request.headers(), header::ACCEPT, "text/html")
        && header_contains(
            request.headers(),
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        );
    if !is_plain_form_post {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        let refusal = said(&parts.headers, "refused-form-too-large", &[]);
        return (StatusCode::PAYLOAD_TOO_LARGE, refusal).into_response();
    };
    let fields = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).unwrap_or_default();
    let return_path = fields
        .iter()
        .find(|(k, _)| k == app::auth::api::RETURN_FIELD)
        .map(|(_, v)| v.clone())
        .filter(|p| app::auth::api::safe_next(Some(p)) == *p);
    if let (Some(path), Some(host)) = (
        return_path,
        parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok()),
    ) {
        let scheme = if parts.uri.scheme_str() == Some("https") {
            "https"
        } else {
            "http"
        };
        if let Ok(value) = HeaderValue::from_str(&format!("{scheme}://{host}{path}")) {
            parts.headers.insert(header::REFERER, value);
        }
    }
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    keep_typed_values(&mut response, &fields, secure);
    response
}

/// Longest set of typed values carried back to a form (a cookie holds 4 kB).
const MAX_CARRIED: usize = 3800;

/// When a plain form comes back with an error, what the person typed comes back
/// too (in the Typed cookie the inputs read), so nothing has to be typed again
/// and nothing typed lands in the address bar or the history. Passwords are
/// never carried.
fn keep_typed_values(response: &mut Response, fields: &[(String, String)], secure: bool) {
    let failed = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("__err="));
    if !failed {
        return;
    }
    let typed: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, v)| !k.contains("password") && !k.starts_with("__") && !v.is_empty())
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let Ok(carried) = serde_urlencoded::to_string(&typed) else {
        return;
    };
    if carried.is_empty() || carried.len() > MAX_CARRIED {
        return;
    }
    if let Ok(cookie) = HeaderValue::from_str(&SiteCookie::Typed.set(&carried, 60, secure)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
}

fn header_contains(headers: &HeaderMap, name: header::HeaderName, needle: &str) -> bool {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_detection() {
        let mut h = HeaderMap::new();
        assert!(
            same_site_request(&h, "http://127.0.0.1:3000"),
            "non-browser clients pass"
        );
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_site_request(&h, "http://127.0.0.1:3000"));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(same_site_request(&h, "http://127.0.0.1:3000"));
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("knit.example"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_site_request(&h, "https://knit.example"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://knit.example"),
        );
        assert!(same_site_request(&h, "https://knit.example"));
    }

    #[test]
    fn next_parameter_is_encoded() {
        assert_eq!(urlencode("/account?x=1&y=2"), "%2Faccount%3Fx%3D1%26y%3D2");
    }
}
