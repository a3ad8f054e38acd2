//! What this process has done, counted for `/metrics` (OpenMetrics text):
//! requests and their latencies by route, emails handled by outcome, analysis
//! durations. Figures that belong to the whole deployment (the outbox's depth,
//! live sessions) are read from the database when scraped, by the server.

use prometheus_client::encoding::text::{encode, encode_registry};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;
use std::sync::LazyLock;
use std::time::Duration;

/// Upper bounds (seconds) of request latency buckets.
const REQUEST_BUCKETS: [f64; 13] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];
/// Upper bounds (seconds) of analysis duration buckets.
const ANALYSIS_BUCKETS: [f64; 10] = [0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Outcome {
    outcome: &'static str,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

/// This process's figures, registered once.
struct Metrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    latency: Histograms<Route>,
    emails: Family<Outcome, Counter>,
    analyses: Histograms<Outcome>,
}

fn metrics() -> &'static Metrics {
    static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
        let requests = Family::<Answered, Counter>::default();
        let latency: Histograms<Route> =
            Family::new_with_constructor(|| Histogram::new(REQUEST_BUCKETS));
        let emails = Family::<Outcome, Counter>::default();
        let analyses: Histograms<Outcome> =
            Family::new_with_constructor(|| Histogram::new(ANALYSIS_BUCKETS));
        let mut registry = Registry::default();
        registry.register(
            "knit_http_requests",
            "HTTP requests answered by this instance, by route pattern and status",
            requests.clone(),
        );
        registry.register(
            "knit_http_request_duration_seconds",
            "Time to answer an HTTP request, by route pattern",
            latency.clone(),
        );
        registry.register(
            "knit_emails",
            "Emails this instance's outbox worker handled, by outcome (retry: a temporary failure, tried again later)",
            emails.clone(),
        );
        registry.register(
            "knit_analysis_duration_seconds",
            "Time to analyse a wave (every network, then the newcomers' figures), by outcome",
            analyses.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            emails,
            analyses,
        }
    });
    &METRICS
}

/// One request answered. `route` is the route's pattern (`/surveys/{id}`),
/// never the path itself, so that ids and tokens stay out of the figures.
pub fn record_request(method: &str, route: &str, status: u16, took: Duration) {
    let m = metrics();
    let (method, route) = (escaped(method), escaped(route));
    m.requests
        .get_or_create(&Answered {
            method: method.clone(),
            route: route.clone(),
            status,
        })
        .inc();
    m.latency
        .get_or_create(&Route { method, route })
        .observe(took.as_secs_f64());
}

/// A label value as the text format wants it. prometheus-client writes label
/// values as they are (prometheus/client_rust#151), so one with a quote would
/// make the whole scrape unreadable.
fn escaped(value: &str) -> String {
    if !value.contains(['\\', '"', '\n']) {
        return value.to_owned();
    }
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// One email handled by the outbox worker, by what became of it.
pub fn record_email(outcome: &'static str) {
    metrics().emails.get_or_create(&Outcome { outcome }).inc();
}

/// One wave's analysis ended, done or failed, after `took`.
pub fn record_analysis(done: bool, took: Duration) {
    let outcome = if done { "done" } else { "failed" };
    metrics()
        .analyses
        .get_or_create(&Outcome { outcome })
        .observe(took.as_secs_f64());
}

/// A figure read at scrape time: its name, meaning (the text format ends it
/// with a period) and value.
#[derive(Clone, Debug)]
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    pub value: f64,
}

/// The content type of [`render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Everything counted, with `gauges`, in the OpenMetrics text format.
pub fn render(gauges: &[Gauge]) -> String {
    let mut read_now = Registry::default();
    for gauge in gauges {
        let metric = prometheus_client::metrics::gauge::Gauge::<f64, AtomicU64>::default();
        metric.set(gauge.value);
        read_now.register(gauge.name, gauge.help, metric);
    }
    let mut out = String::new();
    // Writing to a String cannot fail.
    encode_registry(&mut out, &read_now).ok();
    encode(&mut out, &metrics().registry).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_label_values_escaped() {
        let route = "/odd\"route\\";
        for seconds in [0.003, 0.2, 0.3, 90.0] {
            record_request("GET", route, 200, Duration::from_secs_f64(seconds));
        }
        let out = render(&[Gauge {
            name: "knit_test_gauge",
            help: "A test",
            value: 7.0,
        }]);
        let labels = r#"method="GET",route="/odd\"route\\""#;
        for line in [
            format!("knit_http_requests_total{{{labels},status=\"200\"}} 4"),
            format!("knit_http_request_duration_seconds_bucket{{le=\"0.005\",{labels}}} 1"),
            format!("knit_http_request_duration_seconds_bucket{{le=\"0.25\",{labels}}} 2"),
            format!("knit_http_request_duration_seconds_bucket{{le=\"0.5\",{labels}}} 3"),
            format!("knit_http_request_duration_seconds_bucket{{le=\"+Inf\",{labels}}} 4"),
            format!("knit_http_request_duration_seconds_count{{{labels}}} 4"),
            "knit_test_gauge 7.0".to_string(),
        ] {
            assert!(out.lines().any(|l| l == line), "no {line} in\n{out}");
        }
        assert!(out.contains("# HELP knit_test_gauge A test.\n"), "{out}");
        assert!(out.ends_with("# EOF\n"), "{out}");
    }
}
