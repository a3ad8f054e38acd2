//! Figures for email delivery: 10,000 invitations queued when a wave opens and
//! delivered by the outbox worker to a real SMTP server on loopback (aiosmtpd),
//! on SQLite and on PostgreSQL. Run with `make bench-mail`.

#[path = "../tests/common/smtp.rs"]
mod smtp;

use app::fixtures::{analyst, definition, in_days, roster};
use app::mail::LinkKey;
use app::store::testing::TestDb;
use server::config::MailConfig;
use server::mail::{Transport, Worker};
use std::time::Instant;

const PEOPLE: usize = 10_000;
// Each connection waits about 40 ms per message: lettre writes the body and its
// terminating dot separately, and TCP delayed ACK holds the second write. Throughput
// grows with connections.
const CONNECTIONS: u32 = 16;

async fn run(backend: &str, t: TestDb) {
    let sink = smtp::SmtpSink::counting();
    roster(&t.db, PEOPLE).await;
    let hr = analyst(&t.db).await;
    let survey = app::surveys::service::create_survey(&t.db, &hr, &definition())
        .await
        .expect("survey");
    let wave = app::surveys::service::add_wave(&t.db, &hr, survey, &in_days(0), &in_days(14))
        .await
        .expect("wave");
    let key = LinkKey::generate();
    let started = Instant::now();
    app::surveys::service::open_wave(&t.db, &key, &hr, wave)
        .await
        .expect("open");
    let queued_in = started.elapsed();

    let settings = MailConfig {
        from: "People Team <people@acme.test>".into(),
        rate: 0.0,
        connections: CONNECTIONS,
        max_attempts: 8,
        retry_base_ms: 1000,
        lease_ms: 300_000,
    };
    let worker = Worker::new(
        t.db.clone(),
        key,
        "https://knit.example".into(),
        app::privacy::Privacy::default(),
        Transport::smtp(&sink.url(), CONNECTIONS).expect("transport"),
        settings,
    )
    .expect("worker");
    let started = Instant::now();
    while worker.send_due().await.expect("send") > 0 {}
    let sent_in = started.elapsed();
    let delivered = sink.deliveries().len();
    assert_eq!(delivered, PEOPLE, "every invitation delivered once");
    println!(
        "{backend:<10} {PEOPLE} invitations: queued with the wave in {:>6.2} s, delivered in {:>6.2} s ({:>5.0} per second, {CONNECTIONS} SMTP connections)",
        queued_in.as_secs_f64(),
        sent_in.as_secs_f64(),
        delivered as f64 / sent_in.as_secs_f64()
    );
    t.finish().await;
}

#[tokio::main]
async fn main() {
    println!("Email delivery to a loopback SMTP server (aiosmtpd); target: 10,000 in under 60 s");
    run("sqlite", TestDb::sqlite().await).await;
    run("postgres", TestDb::postgres().await).await;
}
