//! Email delivery against a real SMTP server on loopback (aiosmtpd).

mod common;

use analysis::newcomers::Ground;
use app::auth::service::hash_token;
use app::fixtures::{analyst, close_and_analyze, import, in_days, naming, open_survey};
use app::mail::LinkKey;
use app::newcomers::{ConversionGroup, IntroductionStatus};
use app::store::testing::TestDb;
use app::store::Db;
use app::surveys::service;
use common::smtp::{Delivery, SmtpSink};
use server::mail::{Transport, Worker};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

app::backend_tests!(
    invitations_arrive_exactly_once_with_their_own_links,
    temporary_failures_are_retried_until_delivered_or_given_up,
    a_permanent_refusal_is_tried_once_and_the_address_bounces,
    reminders_go_only_to_people_who_have_not_answered,
    a_worker_killed_mid_batch_loses_nothing_on_restart,
    introductions_are_emailed_to_the_newcomer_and_their_manager,
    a_stopping_worker_finishes_its_batch_and_gives_back_what_it_holds,
);

fn worker(db: &Db, key: &LinkKey, sink: &SmtpSink, connections: u32) -> Worker {
    Worker::new(
        db.clone(),
        key.clone(),
        "http://knit.test".into(),
        app::privacy::Privacy::default(),
        Transport::smtp(&sink.url(), connections).expect("transport"),
        common::mail_settings(connections),
    )
    .expect("worker")
}

/// A roster with these addresses and an open wave inviting all of them.
/// Returns the link key, the wave and each person's id by address.
async fn open_wave(db: &Db, emails: &[String]) -> (LinkKey, i64, BTreeMap<String, i64>) {
    let mut csv = String::from("Email,Name,Team\n");
    for (i, email) in emails.iter().enumerate() {
        csv.push_str(&format!("{email},Person {i},Team {}\n", i % 4));
    }
    import(db, &csv).await;
    let hr = analyst(db).await;
    let key = LinkKey::generate();
    let (_, wave, _) = open_survey(db, &hr, &key).await;
    let ids = sqlx::query_as::<_, (String, i64)>("SELECT email, id FROM people")
        .fetch_all(db.pool())
        .await
        .expect("people")
        .into_iter()
        .collect();
    (key, wave, ids)
}

async fn unfinished(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')")
        .fetch_one(db.pool())
        .await
        .expect("count")
}

/// Runs the worker until nothing is due or waiting for a retry.
async fn drain(db: &Db, worker: &Worker) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while unfinished(db).await > 0 {
        assert!(Instant::now() < deadline, "the outbox did not drain");
        if worker.send_due().await.expect("send") == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn person_of_token(db: &Db, token: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT person_id FROM invitations WHERE token_hash = $1")
        .bind(hash_token(token))
        .fetch_optional(db.pool())
        .await
        .expect("lookup")
}

/// Emails sent by this process so far, as `/metrics` reports them.
fn sent_in_metrics() -> u64 {
    app::metrics::render(&[])
        .lines()
        .find_map(|l| l.strip_prefix("knit_emails_total{outcome=\"sent\"} "))
        .map_or(0, |n| n.parse().expect("a count"))
}

fn emails(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("person{i}@acme.test")).collect()
}

fn by_recipient(deliveries: &[Delivery]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for d in deliveries {
        *counts.entry(d.rcpt.as_str()).or_insert(0) += 1;
    }
    counts
}

async fn invitations_arrive_exactly_once_with_their_own_links(t: TestDb) {
    let sink = SmtpSink::start(0);
    let addresses = emails(40);
    let (key, wave, ids) = open_wave(&t.db, &addresses).await;
    let worker = worker(&t.db, &key, &sink, 4);
    let counted_before = sent_in_metrics();
    drain(&t.db, &worker).await;
    // A second pass finds nothing: sent messages are never sent again.
    assert_eq!(worker.send_due().await.expect("send"), 0);
    // /metrics counts them (other tests of this process may add their own).
    assert!(sent_in_metrics() - counted_before >= 40);

    let deliveries = sink.deliveries();
    assert_eq!(deliveries.len(), 40, "exactly one delivery per invitation");
    let counts = by_recipient(&deliveries);
    assert!(addresses.iter().all(|a| counts.get(a.as_str()) == Some(&1)));
    for d in &deliveries {
        let token = d.token().expect("a personal link in the text part");
        assert_eq!(
            person_of_token(&t.db, &token).await,
            Some(ids[&d.rcpt]),
            "each link signs in its own recipient"
        );
        let html = d.html.as_deref().expect("an HTML part");
        assert!(html.contains(&format!("http://knit.test/s/{token}")));
        let text = d.text.as_deref().expect("text");
        assert!(
            text.contains(&app::model::language::Language::English.long_date(&in_days(14))),
            "closing date"
        );
        assert!(
            text.contains("how work really gets done"),
            "the survey's purpose"
        );
        assert!(d.subject.contains("Who helps whom"), "{}", d.subject);
        assert!(d.to.contains(&d.rcpt));
        assert!(d
            .message_id
            .as_deref()
            .is_some_and(|m| m.starts_with("<knit-")));
    }
    let counts = app::store::outbox::counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!((counts.sent, counts.queued, counts.failed), (40, 0, 0));
    // The database holds no link: only seeds and hashes.
    let token = deliveries[0].token().expect("token");
    let leaked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE token_seed = $1 OR token_hash = $1",
    )
    .bind(&token)
    .fetch_one(t.db.pool())
    .await
    .expect("count");
    assert_eq!(leaked, 0);
    t.finish().await;
}

async fn temporary_failures_are_retried_until_delivered_or_given_up(t: TestDb) {
    let sink = SmtpSink::start(0);
    let addresses = vec![
        "tempfail2-rui@acme.test".to_string(),
        "tempfail9-ana@acme.test".to_string(),
        "bea@acme.test".to_string(),
    ];
    let (key, wave, _) = open_wave(&t.db, &addresses).await;
    drain(&t.db, &worker(&t.db, &key, &sink, 2)).await;

    let attempts = sink.attempts();
    let tries = |rcpt: &str| attempts.iter().filter(|a| a.rcpt == rcpt).count();
    let delivered = by_recipient(&sink.deliveries())
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect::<HashMap<_, _>>();
    assert_eq!(
        tries("tempfail2-rui@acme.test"),
        3,
        "two 451 replies, then 250"
    );
    assert_eq!(
        delivered.get("tempfail2-rui@acme.test"),
        Some(&1),
        "exactly one delivery"
    );
    assert_eq!(tries("tempfail9-ana@acme.test"), 3, "tried up to the limit");
    assert_eq!(delivered.get("tempfail9-ana@acme.test"), None);
    assert_eq!(delivered.get("bea@acme.test"), Some(&1));

    let failures = app::store::outbox::failures(&t.db, wave, 100)
        .await
        .expect("failures");
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].address, "tempfail9-ana@acme.test");
    assert_eq!(failures[0].status, "failed");
    assert!(
        failures[0].reason.contains("gave up after 3 tries") && failures[0].reason.contains("451"),
        "{}",
        failures[0].reason
    );
    t.finish().await;
}

async fn a_permanent_refusal_is_tried_once_and_the_address_bounces(t: TestDb) {
    let sink = SmtpSink::start(0);
    let addresses = vec![
        "reject-joao@acme.test".to_string(),
        "bea@acme.test".to_string(),
    ];
    let (key, wave, _) = open_wave(&t.db, &addresses).await;
    let worker = worker(&t.db, &key, &sink, 2);
    drain(&t.db, &worker).await;
    let tries = |sink: &SmtpSink| {
        sink.attempts()
            .iter()
            .filter(|a| a.rcpt == "reject-joao@acme.test")
            .count()
    };
    assert_eq!(tries(&sink), 1, "a 550 is never retried");
    let counts = app::store::outbox::counts(&t.db, wave)
        .await
        .expect("counts");
    assert_eq!((counts.sent, counts.bounced), (1, 1));
    let failures = app::store::outbox::failures(&t.db, wave, 100)
        .await
        .expect("failures");
    assert_eq!(failures[0].status, "bounced");
    assert!(failures[0].reason.contains("550"), "{}", failures[0].reason);

    // A bouncing address gets nothing more, not even reminders...
    app::mail::service::remind_now(&t.db, &analyst_user(), wave)
        .await
        .expect("remind");
    drain(&t.db, &worker).await;
    assert_eq!(tries(&sink), 1);
    // ...until HR retries it (after fixing the address), which lifts the mark.
    assert_eq!(
        app::store::outbox::retry_failed(&t.db, wave)
            .await
            .expect("retry"),
        1
    );
    drain(&t.db, &worker).await;
    assert_eq!(tries(&sink), 2);
    t.finish().await;
}

async fn reminders_go_only_to_people_who_have_not_answered(t: TestDb) {
    let sink = SmtpSink::start(0);
    let addresses = emails(4);
    let (key, wave, ids) = open_wave(&t.db, &addresses).await;
    let worker = worker(&t.db, &key, &sink, 2);
    drain(&t.db, &worker).await;
    let invitation_token: HashMap<String, String> = sink
        .deliveries()
        .iter()
        .map(|d| (d.rcpt.clone(), d.token().expect("token")))
        .collect();
    // person0 answers, person1's link is revoked; person2 and person3 are reminded.
    service::save_answers(
        &t.db,
        wave,
        ids["person0@acme.test"],
        &Default::default(),
        true,
    )
    .await
    .expect("submit");
    let hr = analyst_user();
    service::revoke_link(&t.db, &hr, wave, ids["person1@acme.test"])
        .await
        .expect("revoke");

    let today = app::model::date::Date::today();
    let later =
        |days| app::model::date::Date::from_days_since_epoch(today.days_since_epoch() + days);
    let queued = app::mail::service::queue_scheduled_reminders(&t.db, later(2))
        .await
        .expect("schedule");
    assert!(queued.is_empty(), "no reminder before day 3");
    let queued = app::mail::service::queue_scheduled_reminders(&t.db, later(3))
        .await
        .expect("schedule");
    assert_eq!(queued.len(), 1);
    assert_eq!(
        queued[0].1.queued, 2,
        "the two who have neither answered nor lost their link"
    );
    let again = app::mail::service::queue_scheduled_reminders(&t.db, later(4))
        .await
        .expect("schedule");
    assert!(again.is_empty(), "day 3's round is queued once");
    drain(&t.db, &worker).await;

    let reminders: Vec<Delivery> = sink
        .deliveries()
        .into_iter()
        .filter(|d| d.subject.starts_with("Reminder"))
        .collect();
    let mut reminded: Vec<&str> = reminders.iter().map(|d| d.rcpt.as_str()).collect();
    reminded.sort();
    assert_eq!(reminded, vec!["person2@acme.test", "person3@acme.test"]);
    for d in &reminders {
        assert_eq!(
            d.token().as_ref(),
            invitation_token.get(&d.rcpt),
            "the reminder carries the same link"
        );
    }
    // person2 answers; day 6's round reaches person3 only.
    service::save_answers(
        &t.db,
        wave,
        ids["person2@acme.test"],
        &Default::default(),
        true,
    )
    .await
    .expect("submit");
    let queued = app::mail::service::queue_scheduled_reminders(&t.db, later(6))
        .await
        .expect("schedule");
    assert_eq!(
        queued.iter().map(|(_, r)| r.queued).collect::<Vec<_>>(),
        vec![1]
    );
    // On demand too, in a round of its own.
    let round = app::mail::service::remind_now(&t.db, &hr, wave)
        .await
        .expect("remind");
    assert_eq!((round.round, round.queued), (3, 1));
    drain(&t.db, &worker).await;
    let to_person3 = sink
        .deliveries()
        .iter()
        .filter(|d| d.rcpt == "person3@acme.test" && d.subject.starts_with("Reminder"))
        .count();
    assert_eq!(to_person3, 3);
    assert_eq!(sink.deliveries().len(), 4 + 2 + 2);
    t.finish().await;
}

fn analyst_user() -> app::model::auth::CurrentUser {
    app::model::auth::CurrentUser {
        id: 1,
        email: "hr@acme.test".into(),
        name: "HR".into(),
        role: app::model::auth::Role::Analyst,
    }
}

/// `knit serve` sending to the sink, killed with SIGKILL mid-batch and started
/// again: every invitation arrives; a repeat is possible only for a message the
/// SMTP server had accepted when the process died (at most one per connection),
/// and it carries the same Message-ID.
async fn a_worker_killed_mid_batch_loses_nothing_on_restart(t: TestDb) {
    const PEOPLE: usize = 80;
    const CONNECTIONS: u32 = 2;
    let sink = SmtpSink::start(25);
    let (key, _, _) = open_wave(&t.db, &emails(PEOPLE)).await;
    let data_dir = std::env::temp_dir().join(format!(
        "knit-kill-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ));
    let start = || {
        common::knit()
            .arg("serve")
            .env("KNIT_LISTEN", "127.0.0.1:0")
            .env("KNIT_DATA_DIR", &data_dir)
            .env("DATABASE_URL", &t.url)
            .env("KNIT_SMTP_URL", sink.url())
            .env("KNIT_MAIL_RATE", "0")
            .env("KNIT_MAIL_CONNECTIONS", CONNECTIONS.to_string())
            .env("KNIT_MAIL_LEASE_SECONDS", "2")
            .env("KNIT_LINK_KEY", key.to_hex())
            .env("KNIT_SITE_ROOT", &data_dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start knit")
    };
    let mut knit = start();
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.deliveries().len() < PEOPLE / 4 {
        assert!(Instant::now() < deadline, "knit sent nothing");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    knit.kill().expect("SIGKILL");
    knit.wait().expect("reaped");
    let at_kill = sink.deliveries().len();
    assert!(
        at_kill < PEOPLE,
        "killed mid-batch ({at_kill} of {PEOPLE} sent)"
    );

    let mut knit = start();
    while unfinished(&t.db).await > 0 {
        assert!(
            Instant::now() < deadline,
            "the restarted worker did not finish"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    knit.kill().ok();
    knit.wait().ok();

    let deliveries = sink.deliveries();
    let counts = by_recipient(&deliveries);
    assert!(
        emails(PEOPLE)
            .iter()
            .all(|e| counts.contains_key(e.as_str())),
        "every invitation arrived"
    );
    let repeats: Vec<&Delivery> = deliveries
        .iter()
        .filter(|d| counts[d.rcpt.as_str()] > 1)
        .collect();
    assert!(counts.values().all(|&n| n <= 2));
    assert!(
        deliveries.len() - counts.len() <= CONNECTIONS as usize,
        "repeats only inside the crash window: {} deliveries for {} people",
        deliveries.len(),
        counts.len()
    );
    for d in &repeats {
        let first = deliveries.iter().find(|e| e.rcpt == d.rcpt).expect("first");
        assert_eq!(
            d.message_id, first.message_id,
            "a repeat is the same message"
        );
    }
    std::fs::remove_dir_all(&data_dir).ok();
    t.finish().await;
}

/// Two instances' workers on one PostgreSQL database never send a message twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_postgres_database_send_no_duplicates() {
    let t = TestDb::postgres().await;
    let sink = SmtpSink::start(2);
    let (key, _, _) = open_wave(&t.db, &emails(300)).await;
    let other_instance = Db::connect(&t.url).await.expect("second pool");
    let a = worker(&t.db, &key, &sink, 3);
    let b = worker(&other_instance, &key, &sink, 3);
    let (sent_a, sent_b) = tokio::join!(
        run_until_empty(&t.db, &a),
        run_until_empty(&other_instance, &b)
    );
    assert!(
        sent_a > 0 && sent_b > 0,
        "both workers took part ({sent_a} and {sent_b})"
    );
    let deliveries = sink.deliveries();
    assert_eq!(deliveries.len(), 300, "no duplicates, none missing");
    assert_eq!(by_recipient(&deliveries).len(), 300);
    other_instance.close().await;
    t.finish().await;
}

async fn run_until_empty(db: &Db, worker: &Worker) -> usize {
    let mut handled = 0;
    while unfinished(db).await > 0 {
        match worker.send_due().await.expect("send") {
            0 => tokio::time::sleep(Duration::from_millis(10)).await,
            n => handled += n,
        }
    }
    handled
}

/// A newcomer's introductions go out through the outbox with their own link,
/// which opens their introductions and lets them say whom they met.
async fn introductions_are_emailed_to_the_newcomer_and_their_manager(t: TestDb) {
    let sink = SmtpSink::start(0);
    let hired = |days: i64| in_days(-days);
    let csv = format!(
        "Email,Name,Department,Team,Start Date,Manager Email\nana@acme.test,Ana Lima,Sales,North,2019-01-01,\nrui@acme.test,Rui Costa,Sales,North,2020-01-01,ana@acme.test\n\
         nina@acme.test,Nina Novak,Sales,North,{},ana@acme.test\nomar@acme.test,Omar Reis,Finance,East,{},\n",
        hired(30),
        hired(40)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let key = LinkKey::generate();
    let (survey, wave, relation) = open_survey(&t.db, &hr, &key).await;
    close_and_analyze(&t.db, wave).await;
    sqlx::query("UPDATE outbox SET status = 'cancelled'")
        .execute(t.db.pool())
        .await
        .expect("no invitations");

    let nina: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = 'nina@acme.test'")
        .fetch_one(t.db.pool())
        .await
        .expect("id");
    // HR asked for managers to get a copy (and holds no one out here).
    let copy = app::newcomers::NewcomerSettings {
        copy_manager: true,
        holdout_share: 0.0,
        ..Default::default()
    };
    app::store::newcomers::save_settings(t.db.pool(), &copy)
        .await
        .expect("settings");
    let name =
        app::newcomers::service::send_introductions(&t.db, &Default::default(), &key, &hr, nina)
            .await
            .expect("sent");
    assert_eq!(name, "Nina Novak");
    let introduced = app::store::newcomers::introductions_for(
        &t.db,
        nina,
        0,
        app::store::newcomers::Listed::All,
    )
    .await
    .expect("introductions");
    // The next round introduces no one twice (here no one is left to suggest).
    let again =
        app::newcomers::service::send_introductions(&t.db, &Default::default(), &key, &hr, nina)
            .await;
    let after = app::store::newcomers::introductions_for(
        &t.db,
        nina,
        0,
        app::store::newcomers::Listed::All,
    )
    .await
    .expect("introductions");
    let mut colleagues: Vec<i64> = after.iter().map(|i| i.suggested_id).collect();
    colleagues.sort_unstable();
    colleagues.dedup();
    assert_eq!(colleagues.len(), after.len(), "no one twice");
    assert!(again.is_ok() || after.len() == introduced.len());
    drain(&t.db, &worker(&t.db, &key, &sink, 1)).await;
    let deliveries = sink.deliveries();
    // Nina's email, her manager's copy, and a heads-up to each colleague.
    let heads_ups: Vec<_> = deliveries
        .iter()
        .filter(|d| d.subject.contains("Nina Novak may reach out"))
        .collect();
    assert_eq!(heads_ups.len(), after.len(), "{deliveries:?}");
    assert_eq!(deliveries.len(), 2 + after.len(), "{deliveries:?}");
    for heads_up in &heads_ups {
        let text = heads_up.text.as_deref().expect("text");
        assert!(text.contains("http://knit.test/less/"), "{text}");
        assert!(
            !text.contains("/n/"),
            "a colleague never gets the newcomer's link"
        );
    }
    let copy = deliveries
        .iter()
        .find(|d| d.rcpt == "ana@acme.test")
        .expect("the manager's copy");
    let copy_text = copy.text.as_deref().expect("text");
    assert!(copy.subject.contains("people Nina Novak should meet"));
    assert!(copy_text.contains("- Omar Reis: Omar Reis joined recently too."));
    assert!(
        copy_text.contains(&format!("http://knit.test/newcomers/{nina}"))
            && !copy_text.contains("/n/"),
        "the manager gets Knit's page, never the newcomer's personal link: {copy_text}"
    );
    let email = deliveries
        .iter()
        .find(|d| d.rcpt == "nina@acme.test")
        .expect("Nina's email");
    assert!(email.subject.contains("people worth meeting"));
    // A meeting to forward per colleague, as an iCalendar file.
    assert_eq!(
        email.attachments.len(),
        after.len(),
        "{:?}",
        email.attachments
    );
    for ics in &email.attachments {
        assert_eq!(ics.content_type, "text/calendar");
        assert!(ics
            .file_name
            .as_deref()
            .is_some_and(|n| n.ends_with(".ics")));
        let body = ics.body.replace("\r\n ", "");
        assert!(
            body.contains("BEGIN:VEVENT") && body.contains("DURATION:PT30M"),
            "{body}"
        );
        assert!(body.contains("mailto:nina@acme.test"), "{body}");
    }
    let text = email.text.as_deref().expect("text");
    assert!(
        text.contains("- Omar Reis: Omar Reis joined recently too."),
        "{text}"
    );
    let start = text
        .find("http://knit.test/n/")
        .expect("the newcomer's link")
        + "http://knit.test/n/".len();
    let token: String = text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert!(matches!(
        app::store::newcomers::open_newcomer_session(&t.db, &hash_token(&token), "session", 60_000)
            .await
            .expect("q"),
        app::store::newcomers::LinkState::Opened { person_id, .. } if person_id == nina
    ));

    let intros = app::store::newcomers::introductions_for(
        &t.db,
        nina,
        0,
        app::store::newcomers::Listed::All,
    )
    .await
    .expect("list");
    let omar_intro = intros
        .iter()
        .find(|i| i.name == "Omar Reis")
        .expect("Omar suggested");
    assert_eq!(
        omar_intro.email, "omar@acme.test",
        "the newcomer can write to Omar"
    );
    let omar_intro = omar_intro.id;
    let omar: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = 'omar@acme.test'")
        .fetch_one(t.db.pool())
        .await
        .expect("id");
    let err = app::newcomers::service::mark_introduction(
        &t.db,
        &Default::default(),
        omar,
        omar_intro,
        "met",
    )
    .await
    .expect_err("not Omar's to mark");
    assert_eq!(err.status(), 404, "{err}");
    app::newcomers::service::mark_introduction(&t.db, &Default::default(), nina, omar_intro, "met")
        .await
        .expect("Nina marks her own");

    // At the next wave Nina names Omar: the tie is credited to the introduction.
    let next = service::add_wave(&t.db, &hr, survey, &in_days(1), &in_days(20))
        .await
        .expect("wave 2");
    service::open_wave(&t.db, &key, &hr, next)
        .await
        .expect("open");
    let answers = naming(relation, &[omar]);
    service::save_answers(&t.db, next, nina, &answers, true)
        .await
        .expect("answer");
    app::fixtures::close_on_schedule(&t.db, next).await;
    let outcomes = app::store::newcomers::introduction_outcomes(&t.db)
        .await
        .expect("outcomes");
    let credited: Vec<_> = outcomes.iter().filter(|o| o.tie_formed).collect();
    assert_eq!(credited.len(), 1, "{outcomes:?}");
    assert_eq!(
        (credited[0].ground, credited[0].status),
        (Ground::FellowNewcomer, IntroductionStatus::Met)
    );
    app::jobs::analyze_wave(&t.db, &app::model::policy::Policy::default(), next)
        .await
        .expect("analyzed");
    let view = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analyzed");
    let fellow = view
        .summary
        .by_reason
        .iter()
        .find(|c| c.group == ConversionGroup::Ground(Ground::FellowNewcomer))
        .expect("by reason");
    assert_eq!(
        (fellow.met, fellow.became_ties, fellow.judged),
        (1, 1, fellow.suggested)
    );
    let detail = app::newcomers::service::staff_one(&t.db, &hr, nina)
        .await
        .expect("detail")
        .expect("Nina");
    let row = &detail.row.figures;
    assert_eq!(row.met_an_introduction, Some(true));
    let timeline: Vec<&str> = detail
        .row
        .timeline
        .iter()
        .map(|e| e.what.as_str())
        .collect();
    for said in [
        "Marked “we met”: Omar Reis",
        "A tie with Omar Reis showed in wave 2",
    ] {
        assert!(timeline.contains(&said), "{said}: {timeline:?}");
    }
    assert!(
        row.suggestions.iter().all(|s| s.person_id != omar),
        "someone she met is not suggested again"
    );
    t.finish().await;
}

/// A clean stop: the worker running when told to stop finishes the batch
/// under way and ends; messages leased and not sent (here by a worker that
/// leased them and stopped) are given back at once, their attempt uncounted,
/// and another worker sends everything exactly once.
async fn a_stopping_worker_finishes_its_batch_and_gives_back_what_it_holds(t: TestDb) {
    let sink = SmtpSink::start(0);
    let addresses = emails(30);
    let (key, _, _) = open_wave(&t.db, &addresses).await;
    let held = app::store::outbox::lease(&t.db, "stopping-worker", 60 * 60 * 1000, 5)
        .await
        .expect("lease");
    assert_eq!(held.len(), 5);
    assert_eq!(
        app::store::outbox::release(&t.db, "stopping-worker")
            .await
            .expect("release"),
        5
    );
    let attempts: i64 = sqlx::query_scalar("SELECT MAX(attempts) FROM outbox")
        .fetch_one(t.db.pool())
        .await
        .expect("attempts");
    assert_eq!(attempts, 0, "a given-back message was not an attempt");

    let running = std::sync::Arc::new(worker(&t.db, &key, &sink, 2));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let run = tokio::spawn(running.clone().run(stopping));
    let deadline = Instant::now() + Duration::from_secs(30);
    while sink.deliveries().is_empty() {
        assert!(Instant::now() < deadline, "nothing was sent");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.send(true).expect("stop");
    tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .expect("the worker ends when told to")
        .expect("without panicking");
    let sending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sending'")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(sending, 0, "nothing is left leased by the stopped worker");
    drain(&t.db, &worker(&t.db, &key, &sink, 2)).await;
    let deliveries = sink.deliveries();
    let counts = by_recipient(&deliveries);
    assert!(
        addresses.iter().all(|a| counts.get(a.as_str()) == Some(&1)),
        "every invitation exactly once: {counts:?}"
    );
    t.finish().await;
}
