//! Roster figures at 100,000 people, on SQLite and on PostgreSQL: import time
//! (first and repeated), and search latency (p50, p99) over mixed queries.
//! Run with `make bench-people`; prints a table, asserts nothing.

use app::model::date::Date;
use app::people::service;
use app::store::people::{self, RosterQuery, Scope};
use app::store::testing::TestDb;
use std::time::{Duration, Instant};

const PEOPLE: usize = 100_000;
const SEARCHES: usize = 400;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn run(name: &str, t: TestDb, csv: &str) {
    let started = Instant::now();
    let plan = service::plan_file(&t.db, csv.as_bytes(), false)
        .await
        .expect("plan");
    let planned = started.elapsed();
    let stages = std::sync::Mutex::new(Vec::new());
    let progress = |stage: &str| {
        if let Ok(mut s) = stages.lock() {
            s.push(format!("{:.2} s {stage}", started.elapsed().as_secs_f64()));
        }
    };
    service::apply_plan(
        &t.db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "bench.csv",
        &progress,
    )
    .await
    .expect("apply");
    let first = started.elapsed();
    eprintln!(
        "{name} import stages: {}",
        stages.lock().map(|s| s.join(", ")).unwrap_or_default()
    );

    let again = Instant::now();
    let plan = service::plan_file(&t.db, csv.as_bytes(), false)
        .await
        .expect("plan");
    service::apply_plan(
        &t.db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "bench.csv",
        &|_| {},
    )
    .await
    .expect("apply");
    let repeat = again.elapsed();

    let queries = [
        "an",
        "lima",
        "ana costa",
        "platform",
        "eng",
        "person4217",
        "head of",
        "platform senior",
        "zz",
        "gonç",
    ];
    let mut times = Vec::with_capacity(SEARCHES);
    let mut slowest = (Duration::ZERO, "");
    for i in 0..SEARCHES {
        let text = queries[i % queries.len()];
        let query = RosterQuery {
            text: text.to_string(),
            include_inactive: false,
        };
        let start = Instant::now();
        let page = people::search(&t.db, Scope::Everyone, &query, 1 + (i % 3) as i64, 50)
            .await
            .expect("search");
        let took = start.elapsed();
        times.push(took);
        if took > slowest.0 {
            slowest = (took, text);
        }
        std::hint::black_box(page);
    }
    times.sort();

    // The survey picker: from two typed letters, at most 10 people, no count.
    let typed = [
        "an", "li", "ma", "co", "ana l", "pla", "dat", "sen", "zz", "person9", "gonç", "lead",
    ];
    let mut picker = Vec::with_capacity(SEARCHES);
    for i in 0..SEARCHES {
        let start = Instant::now();
        let found = people::find_for_picker(&t.db, typed[i % typed.len()], None, &[1, 2, 3], 10)
            .await
            .expect("picker");
        picker.push(start.elapsed());
        std::hint::black_box(found);
    }
    picker.sort();
    eprintln!(
        "{name} picker: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&picker, 0.5).as_secs_f64() * 1000.0,
        percentile(&picker, 0.99).as_secs_f64() * 1000.0,
        picker[picker.len() - 1].as_secs_f64() * 1000.0
    );
    println!(
        "| {name:<10} | {:>8.2} s (plan {:.2} s) | {:>8.2} s | {:>7.1} ms | {:>7.1} ms | {:>5.1} ms ({:?}) |",
        first.as_secs_f64(),
        planned.as_secs_f64(),
        repeat.as_secs_f64(),
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1,
    );
    t.finish().await;
}

#[tokio::main]
async fn main() {
    let csv = app::people::synthetic::roster_csv(PEOPLE, 42);
    println!(
        "Roster of {PEOPLE} people ({:.1} MB CSV); {SEARCHES} searches (pages 1-3 of 50 results).",
        csv.len() as f64 / 1e6
    );
    println!("| backend    | import (first)            | re-import  | search p50 | search p99 | slowest search |");
    println!("|------------|---------------------------|------------|------------|------------|----------------|");
    run("SQLite", TestDb::sqlite().await, &csv).await;
    run("PostgreSQL", TestDb::postgres().await, &csv).await;
}
