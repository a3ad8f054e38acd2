//! What this process has done, counted for `/metrics` (Prometheus text format):
//! requests and their latencies by route, emails handled by outcome, analysis
//! durations. Figures that belong to the whole deployment (the outbox's depth,
//! live sessions) are read from the database when scraped, by the server.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::Duration;

/// Upper bounds (seconds) of request latency buckets.
const REQUEST_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];
/// Upper bounds (seconds) of analysis duration buckets.
const ANALYSIS_BUCKETS: &[f64] = &[0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0];

#[derive(Debug)]
struct Histogram {
    bounds: &'static [f64],
    /// Observations at or below each bound (not cumulative; summed on output).
    counts: Vec<u64>,
    count: u64,
    sum: f64,
}

impl Histogram {
    fn new(bounds: &'static [f64]) -> Histogram {
        Histogram {
            bounds,
            counts: vec![0; bounds.len()],
            count: 0,
            sum: 0.0,
        }
    }

    fn observe(&mut self, seconds: f64) {
        if let Some(slot) = self.bounds.iter().position(|&bound| seconds <= bound) {
            self.counts[slot] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (bound, count) in self.bounds.iter().zip(&self.counts) {
            cumulative += count;
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", self.count);
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count);
    }
}

#[derive(Debug, Default)]
struct Registry {
    /// (method, route, status) → requests answered.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) → latency.
    latency: BTreeMap<(String, String), Histogram>,
    /// outcome (sent, failed, retry, bounced, cancelled) → emails handled.
    emails: BTreeMap<&'static str, u64>,
    /// outcome (done, failed) → analysis durations.
    analyses: BTreeMap<&'static str, Histogram>,
}

fn registry() -> MutexGuard<'static, Registry> {
    static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// One request answered. `route` is the route's pattern (`/surveys/{id}`),
/// never the path itself, so that ids and tokens stay out of the figures.
pub fn record_request(method: &str, route: &str, status: u16, took: Duration) {
    let mut registry = registry();
    *registry
        .requests
        .entry((method.to_owned(), route.to_owned(), status))
        .or_default() += 1;
    registry
        .latency
        .entry((method.to_owned(), route.to_owned()))
        .or_insert_with(|| Histogram::new(REQUEST_BUCKETS))
        .observe(took.as_secs_f64());
}

/// One email handled by the outbox worker, by what became of it.
pub fn record_email(outcome: &'static str) {
    *registry().emails.entry(outcome).or_default() += 1;
}

/// One wave's analysis ended, done or failed, after `took`.
pub fn record_analysis(done: bool, took: Duration) {
    registry()
        .analyses
        .entry(if done { "done" } else { "failed" })
        .or_insert_with(|| Histogram::new(ANALYSIS_BUCKETS))
        .observe(took.as_secs_f64());
}

/// A figure read at scrape time: its name, meaning and value.
#[derive(Clone, Debug)]
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    pub value: f64,
}

/// Everything counted, with `gauges`, in Prometheus text format (0.0.4).
pub fn render(gauges: &[Gauge]) -> String {
    let registry = registry();
    let mut out = String::new();
    for gauge in gauges {
        let _ = writeln!(out, "# HELP {} {}", gauge.name, gauge.help);
        let _ = writeln!(out, "# TYPE {} gauge", gauge.name);
        let _ = writeln!(out, "{} {}", gauge.name, gauge.value);
    }
    out.push_str("# HELP knit_http_requests_total HTTP requests answered by this instance, by route pattern and status.\n# TYPE knit_http_requests_total counter\n");
    for ((method, route, status), count) in &registry.requests {
        let _ = writeln!(
            out,
            "knit_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
            escape(route)
        );
    }
    out.push_str("# HELP knit_http_request_duration_seconds Time to answer an HTTP request, by route pattern.\n# TYPE knit_http_request_duration_seconds histogram\n");
    for ((method, route), histogram) in &registry.latency {
        let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
        histogram.write(&mut out, "knit_http_request_duration_seconds", &labels);
    }
    out.push_str("# HELP knit_emails_total Emails this instance's outbox worker handled, by outcome (retry: a temporary failure, tried again later).\n# TYPE knit_emails_total counter\n");
    for (outcome, count) in &registry.emails {
        let _ = writeln!(out, "knit_emails_total{{outcome=\"{outcome}\"}} {count}");
    }
    out.push_str("# HELP knit_analysis_duration_seconds Time to analyse a wave (every network, then the newcomers' figures), by outcome.\n# TYPE knit_analysis_duration_seconds histogram\n");
    for (outcome, histogram) in &registry.analyses {
        histogram.write(
            &mut out,
            "knit_analysis_duration_seconds",
            &format!("outcome=\"{outcome}\""),
        );
    }
    out
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_end_with_every_observation() {
        let mut histogram = Histogram::new(&[0.1, 1.0]);
        for seconds in [0.05, 0.5, 0.7, 3.0] {
            histogram.observe(seconds);
        }
        let mut out = String::new();
        histogram.write(&mut out, "x", "a=\"b\"");
        assert_eq!(
            out,
            "x_bucket{a=\"b\",le=\"0.1\"} 1\nx_bucket{a=\"b\",le=\"1\"} 3\n\
             x_bucket{a=\"b\",le=\"+Inf\"} 4\nx_sum{a=\"b\"} 4.25\nx_count{a=\"b\"} 4\n"
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
