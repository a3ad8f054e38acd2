//! `/metrics` in Prometheus text format: the requests this instance answered
//! (counted by a middleware, by route pattern), with what `app::metrics` counts
//! and what the database says at scrape time. Served on `KNIT_METRICS_LISTEN`
//! when set, else on the main address to admins only.

use crate::state::HttpState;
use app::context::RequestSession;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::time::Instant;

pub const PATH: &str = "/metrics";

/// The server functions' route: its requests are told apart by function name.
const SERVER_FUNCTIONS: &str = "/api/{*fn_name}";

/// The route a request matched, carried from the router to [`count_requests`].
#[derive(Clone)]
struct Route(String);

/// Installed with `route_layer`, where the matched route is known.
pub async fn note_route(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let route = matched.map(|m| m.as_str().to_owned());
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    // Server function names are fixed in the code, so their paths are a
    // bounded set of labels; an unknown one (404) is not.
    let label = match route {
        Some(route) if route == SERVER_FUNCTIONS && response.status() != StatusCode::NOT_FOUND => {
            path
        }
        Some(route) => route,
        None => return response,
    };
    response.extensions_mut().insert(Route(label));
    response
}

/// Times every request and counts it by method, route and status. Requests
/// no route matched (pages of the app's own router, 404s) count under
/// "(other)", so that no path a visitor makes up becomes a label.
pub async fn count_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or("(other)", |r| r.0.as_str());
    app::metrics::record_request(
        method.as_str(),
        route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// `/metrics` on the main address: admins only (a scraper should rather use
/// `KNIT_METRICS_LISTEN`).
pub async fn for_admins(
    State(state): State<HttpState>,
    axum::Extension(session): axum::Extension<RequestSession>,
) -> Response {
    match session.0 {
        Some(session) if session.user.can_read_metrics() => exposition(&state.app.db).await,
        Some(_) => (StatusCode::FORBIDDEN, "Only admins can read /metrics.\n").into_response(),
        None => (
            StatusCode::UNAUTHORIZED,
            "Sign in as an admin, or set KNIT_METRICS_LISTEN to serve /metrics on an address of its own.\n",
        )
            .into_response(),
    }
}

/// The router of `KNIT_METRICS_LISTEN`: `/metrics` and nothing else, for
/// whoever can reach that address.
pub fn router(db: app::store::Db) -> Router {
    Router::new().route(PATH, get(move || async move { exposition(&db).await }))
}

async fn exposition(db: &app::store::Db) -> Response {
    let now = app::store::now_ms();
    let mut gauges = Vec::new();
    match app::store::outbox::backlog(db, now).await {
        Ok((waiting, oldest)) => {
            gauges.push(app::metrics::Gauge {
                name: "knit_outbox_waiting",
                help: "Emails due or being sent, across every instance on this database",
                value: waiting as f64,
            });
            gauges.push(app::metrics::Gauge {
                name: "knit_outbox_oldest_waiting_seconds",
                help: "How long the longest-waiting due email has waited (0 when none waits)",
                value: oldest.map_or(0, |at| (now - at).max(0) / 1000) as f64,
            });
        }
        Err(err) => tracing::warn!(error = %err, "metrics: the outbox backlog could not be read"),
    }
    match app::store::sessions::count_live(db, now).await {
        Ok(live) => gauges.push(app::metrics::Gauge {
            name: "knit_sessions_active",
            help: "Signed-in account sessions not yet expired, across every instance",
            value: live as f64,
        }),
        Err(err) => tracing::warn!(error = %err, "metrics: sessions could not be counted"),
    }
    gauges.push(app::metrics::Gauge {
        name: "knit_workers_stopped",
        help: "Background tasks of this instance that have stopped (0 when all run)",
        value: crate::workers::stopped().len() as f64,
    });
    (
        [(header::CONTENT_TYPE, app::metrics::CONTENT_TYPE)],
        app::metrics::render(&gauges),
    )
        .into_response()
}
