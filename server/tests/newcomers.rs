//! Newcomer pulses: sent once on each newcomer's days after hire, as small
//! waves whose answers feed the network and the integration curves.

use analysis::newcomers::{Ground, Reason};
use app::fixtures::{analyst, close_and_analyze, import, in_days, naming, open_survey};
use app::mail::LinkKey;
use app::model::date::Date;
use app::newcomers::{
    Arm, NewcomerSettings, RiskComparison, RoundPlan, RoundStatus, Seen, SuggestionFacts,
};
use app::store::testing::TestDb;
use app::store::Db;
use app::surveys::service;

app::backend_tests!(
    pulses_go_out_once_on_each_newcomers_days,
    pulse_answers_feed_the_network_the_curves_and_the_timeline,
    erasing_a_colleague_takes_their_name_out_of_introductions,
    people_without_a_hire_date_count_as_tenured_and_are_counted,
    a_wave_closed_early_is_read_on_the_day_it_closed,
    at_risk_fires_in_a_company_too_small_for_cohorts,
    introduction_rounds_run_on_schedule_through_a_newcomers_first_60_days,
    people_far_above_a_newcomer_are_suggested_only_when_hr_asks,
);

fn today_plus(days: i64) -> Date {
    Date::from_days_since_epoch(Date::today().days_since_epoch() + days)
}

async fn id_of(db: &Db, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
        .bind(email)
        .fetch_one(db.pool())
        .await
        .expect("person")
}

/// (person, day) of every pulse sent, in order.
async fn pulses(db: &Db) -> Vec<(i64, i64, i64)> {
    sqlx::query_as("SELECT person_id, day, wave_id FROM pulses ORDER BY wave_id, person_id")
        .fetch_all(db.pool())
        .await
        .expect("pulses")
}

async fn pulses_go_out_once_on_each_newcomers_days(t: TestDb) {
    let csv = format!(
        "Email,Name,Department,Team,Start Date\n\
         a@acme.test,Ada Day Thirty,Sales,North,{}\n\
         b@acme.test,Bo Late Thirty,Sales,North,{}\n\
         c@acme.test,Cy Missed,Sales,North,{}\n\
         d@acme.test,Di Sixty,Sales,North,{}\n\
         e@acme.test,Ed Ninety,Sales,North,{}\n\
         f@acme.test,Flo Tenured,Sales,North,2019-03-01\n",
        in_days(-30),
        in_days(-33),
        in_days(-37),
        in_days(-60),
        in_days(-90)
    );
    import(&t.db, &csv).await;
    let key = LinkKey::generate();
    assert_eq!(
        app::newcomers::pulses::send_due(&t.db, &key, Date::today())
            .await
            .expect("send"),
        None,
        "no pulse before the organization has run a survey"
    );
    let hr = analyst(&t.db).await;
    open_survey(&t.db, &hr, &key).await;
    let [a, b, d, e] = [
        id_of(&t.db, "a@acme.test").await,
        id_of(&t.db, "b@acme.test").await,
        id_of(&t.db, "d@acme.test").await,
        id_of(&t.db, "e@acme.test").await,
    ];

    let (wave, invited) = app::newcomers::pulses::send_due(&t.db, &key, Date::today())
        .await
        .expect("send")
        .expect("pulses were due");
    assert_eq!(invited, 4);
    assert_eq!(
        pulses(&t.db).await,
        vec![(a, 30, wave), (b, 30, wave), (d, 60, wave), (e, 90, wave)],
        "day 30 (and a late one within the catch-up days), 60 and 90; not the one missed by a week"
    );
    let queued: Vec<(String, i64)> = sqlx::query_as(
        "SELECT purpose, person_id FROM outbox WHERE wave_id = $1 ORDER BY person_id",
    )
    .bind(wave)
    .fetch_all(t.db.pool())
    .await
    .expect("outbox");
    assert_eq!(
        queued,
        [a, b, d, e].map(|p| ("pulse".to_string(), p)).to_vec()
    );
    let pulse_wave = app::store::surveys::get_wave(&t.db, wave)
        .await
        .expect("q")
        .expect("wave");
    assert_eq!(
        (pulse_wave.status, pulse_wave.opens_on, pulse_wave.closes_on),
        (
            app::surveys::WaveStatus::Open,
            Date::today().iso(),
            today_plus(6).iso()
        ),
        "open for the default seven days"
    );

    // The schedule runs every few minutes, from every instance: nothing twice.
    assert_eq!(
        app::newcomers::pulses::send_due(&t.db, &key, Date::today())
            .await
            .expect("again"),
        None
    );
    assert_eq!(
        app::newcomers::pulses::send_due(&t.db, &key, today_plus(1))
            .await
            .expect("tomorrow"),
        None
    );

    // A month on, the day-60 and day-90 pulses follow, as a wave of their own.
    let (opened, closed) = server::workers::run_schedule(
        &t.db,
        &app::model::policy::Policy::default(),
        &key,
        today_plus(30),
    )
    .await
    .expect("schedule");
    let later: Vec<(i64, i64)> = pulses(&t.db)
        .await
        .into_iter()
        .filter(|p| p.2 != wave)
        .map(|p| (p.0, p.1))
        .collect();
    assert_eq!(later, vec![(a, 60), (b, 60), (d, 90)]);
    assert_eq!(opened.len(), 1, "one pulse wave: {opened:?}");
    assert!(
        closed.contains(&wave),
        "the first pulse closed after its week"
    );

    // No pulses when HR turns them off.
    let off = NewcomerSettings {
        pulse_days: Vec::new(),
        ..NewcomerSettings::default()
    };
    app::store::newcomers::save_settings(t.db.pool(), &off)
        .await
        .expect("settings");
    assert_eq!(
        app::newcomers::pulses::send_due(&t.db, &key, today_plus(60))
            .await
            .expect("off"),
        None
    );

    // The pulse survey is Knit's own: HR cannot run a wave of it by hand.
    let pulse_survey = app::store::pulses::survey_id(&t.db)
        .await
        .expect("pulse survey");
    let err = service::add_wave(&t.db, &hr, pulse_survey, &in_days(1), &in_days(8))
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("newcomer pulse"), "{err}");
    t.finish().await;
}

async fn pulse_answers_feed_the_network_the_curves_and_the_timeline(t: TestDb) {
    // Nina reaches her day-30 pulse two days after the survey's wave closed.
    let csv = format!(
        "Email,Name,Department,Team,Start Date\n\
         ana@acme.test,Ana Lima,Sales,North,2019-01-01\n\
         rui@acme.test,Rui Costa,Sales,North,2020-01-01\n\
         omar@acme.test,Omar Reis,Finance,East,2018-05-01\n\
         nina@acme.test,Nina Novak,Sales,North,{}\n",
        in_days(-16)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let key = LinkKey::generate();
    let (_, wave, relation) = open_survey(&t.db, &hr, &key).await;
    let [ana, rui, omar, nina] = [
        id_of(&t.db, "ana@acme.test").await,
        id_of(&t.db, "rui@acme.test").await,
        id_of(&t.db, "omar@acme.test").await,
        id_of(&t.db, "nina@acme.test").await,
    ];
    service::save_answers(&t.db, wave, rui, &naming(relation, &[ana]), true)
        .await
        .expect("rui answers");
    close_and_analyze(&t.db, wave).await;

    let (pulse, _) = app::newcomers::pulses::send_due(&t.db, &key, today_plus(16))
        .await
        .expect("send")
        .expect("Nina's day-30 pulse");
    let questions = app::store::surveys::get(
        &t.db,
        app::store::pulses::survey_id(&t.db).await.expect("id"),
    )
    .await
    .expect("q")
    .expect("pulse survey")
    .definition
    .relations;
    let (goes_to, came_to_her) = (questions[0].id, questions[1].id);
    let mut answers = naming(goes_to, &[ana]);
    answers.ties.extend(naming(came_to_her, &[omar]).ties);
    service::save_answers(&t.db, pulse, nina, &answers, true)
        .await
        .expect("nina answers her pulse");
    // A pulse has no analysis of its own and never stands in for the survey's wave.
    app::jobs::analyze_wave(&t.db, &app::model::policy::Policy::default(), pulse)
        .await
        .expect("the newcomers' figures only");
    assert!(app::store::analyses::load(&t.db, pulse)
        .await
        .expect("q")
        .is_empty());

    let view = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analysed");
    assert_eq!(view.summary.wave_id, wave);
    let detail = app::newcomers::service::staff_one(&t.db, &hr, nina)
        .await
        .expect("detail")
        .expect("Nina is a newcomer");
    let row = &detail.row.figures;
    assert_eq!(
        (row.in_degree, row.out_degree, row.days),
        (1, 1, 32),
        "Omar came to her and she went to Ana, as her pulse says"
    );
    assert_eq!(
        row.curve,
        vec![(30, 0), (32, 1)],
        "the wave, then the pulse"
    );
    assert_eq!(row.first_named_day, Some(32));
    let pulse_seen = &row.history[1];
    assert_eq!(
        (
            pulse_seen.source,
            pulse_seen.come_to_them,
            pulse_seen.they_go_to,
            pulse_seen.both_ways,
            pulse_seen.teams_reached,
            pulse_seen.departments_reached,
        ),
        (Seen::Pulse(30), 1, 1, 0, 2, 2),
        "Omar (Finance, East) came to her; she went to Ana (Sales, North)"
    );
    // Tenured at wave 1: Ana named once, Rui and Omar not at all.
    let percentile = pulse_seen.percentile.expect("against the wave's tenured");
    assert!((percentile - 2.5 / 3.0).abs() < 1e-9, "{percentile}");
    assert_eq!(row.history[0].source, Seen::Wave(1));
    assert!(
        row.suggestions
            .iter()
            .all(|s| s.person_id != ana && s.person_id != omar),
        "people she is tied to through the pulse are not suggested: {:?}",
        row.suggestions
    );
    let timeline: Vec<&str> = detail
        .row
        .timeline
        .iter()
        .map(|e| e.what.as_str())
        .collect();
    assert_eq!(
        timeline,
        vec![
            "Joined North",
            "Wave 1 closed: 0 named them as someone they go to for help",
            "Day-30 pulse sent: goes to 1; 1 came to them",
            "First seen with someone coming to them for help (day 32)",
        ]
    );
    let pulses = &view.summary.pulses;
    assert_eq!(pulses.len(), 1);
    assert_eq!(
        (
            pulses[0].invited,
            pulses[0].answered,
            pulses[0].days.clone()
        ),
        (1, 1, vec![30])
    );
    let tenured = view.summary.cohorts.last().expect("baseline");
    assert_eq!((tenured.cohort.as_deref(), tenured.people), (None, 3));
    t.finish().await;
}

async fn erasing_a_colleague_takes_their_name_out_of_introductions(t: TestDb) {
    let csv = format!(
        "Email,Name,Department,Team,Start Date\n\
         ana@acme.test,Ana Lima,Sales,North,2019-01-01\n\
         rui@acme.test,Rui Costa,Sales,North,2020-01-01\n\
         omar@acme.test,Omar Reis,Finance,East,2018-05-01\n\
         nina@acme.test,Nina Novak,Sales,North,{}\n",
        in_days(-20)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let (_, wave, _) = open_survey(&t.db, &hr, &LinkKey::generate()).await;
    let [ana, rui, omar, nina] = [
        id_of(&t.db, "ana@acme.test").await,
        id_of(&t.db, "rui@acme.test").await,
        id_of(&t.db, "omar@acme.test").await,
        id_of(&t.db, "nina@acme.test").await,
    ];
    let closure = |known: Vec<i64>| Reason::Closure { known };
    app::fixtures::introduce(
        &t.db,
        wave,
        nina,
        &[
            SuggestionFacts {
                person_id: ana,
                ground: Ground::TriadicClosure,
                reasons: vec![
                    closure(vec![rui, omar]),
                    closure(vec![rui]),
                    Reason::FellowNewcomer,
                ],
            },
            SuggestionFacts {
                person_id: rui,
                ground: Ground::TeamReliance,
                reasons: vec![Reason::ReliedOn {
                    team: Some("North".into()),
                    teammates: 0,
                    by_manager: true,
                }],
            },
        ],
        &app::store::newcomers::NewcomerLink {
            seed: "seed",
            token_hash: "hash",
            lifetime_ms: 86_400_000,
        },
        false,
    )
    .await
    .expect("introduced");
    let shown = |list: Vec<app::newcomers::IntroductionView>| -> Vec<Vec<String>> {
        list.into_iter().map(|i| i.reasons).collect()
    };
    // A rename shows at once: words are written when the page is made. Nina
    // reads roster facts only, never who works with whom.
    sqlx::query("UPDATE people SET preferred_name = 'Ana L.' WHERE id = $1")
        .bind(ana)
        .execute(t.db.pool())
        .await
        .expect("renamed");
    let before = shown(
        app::newcomers::service::my_introductions(
            &t.db,
            &app::model::policy::Policy::default(),
            nina,
            None,
        )
        .await
        .expect("list")
        .introductions,
    );
    assert_eq!(
        before[0],
        [
            "Ana L. is in your team, North.",
            "Ana L. joined recently too."
        ]
    );
    app::people::service::erase(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        rui,
        None,
    )
    .await
    .expect("erased");
    let left = shown(
        app::newcomers::service::my_introductions(
            &t.db,
            &app::model::policy::Policy::default(),
            nina,
            None,
        )
        .await
        .expect("list")
        .introductions,
    );
    assert_eq!(left.len(), 1, "the introduction to Rui goes with him");
    let grounds: Vec<Reason<i64>> = serde_json::from_str(
        &sqlx::query_scalar::<_, String>("SELECT grounds FROM introductions")
            .fetch_one(t.db.pool())
            .await
            .expect("grounds"),
    )
    .expect("facts");
    assert_eq!(
        grounds,
        [closure(vec![omar]), Reason::FellowNewcomer],
        "Rui is gone from the facts; a reason that rested on him alone goes too"
    );
    let stored: Vec<String> = sqlx::query_scalar("SELECT grounds FROM introductions")
        .fetch_all(t.db.pool())
        .await
        .expect("grounds");
    assert!(
        stored.iter().all(|g| !g.contains(&rui.to_string())),
        "{stored:?}"
    );
    t.finish().await;
}

async fn people_without_a_hire_date_count_as_tenured_and_are_counted(t: TestDb) {
    let csv = "Email,Name,Department,Team,Start Date\n\
               ana@acme.test,Ana Lima,Sales,North,2019-01-01\n\
               rui@acme.test,Rui Costa,Sales,North,\n\
               omar@acme.test,Omar Reis,Finance,East,\n";
    import(&t.db, csv).await;
    let hr = analyst(&t.db).await;
    let (_, wave, relation) = open_survey(&t.db, &hr, &LinkKey::generate()).await;
    let [ana, rui] = [
        id_of(&t.db, "ana@acme.test").await,
        id_of(&t.db, "rui@acme.test").await,
    ];
    service::save_answers(&t.db, wave, rui, &naming(relation, &[ana]), true)
        .await
        .expect("rui answers");
    close_and_analyze(&t.db, wave).await;
    let view = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("a wave was analysed");
    assert!(view.rows.is_empty(), "{:?}", view.rows);
    assert_eq!(view.summary.without_hire_date, 2, "Rui and Omar");
    t.finish().await;
}

async fn a_wave_closed_early_is_read_on_the_day_it_closed(t: TestDb) {
    // Nina started 80 days before the wave, planned for two weeks, was closed
    // on its first day: she is 80 days in, not 94, and not past the 90-day line.
    let csv = format!(
        "Email,Name,Department,Team,Start Date\n\
         ana@acme.test,Ana Lima,Sales,North,2019-01-01\n\
         rui@acme.test,Rui Costa,Sales,North,2020-01-01\n\
         nina@acme.test,Nina Novak,Sales,North,{}\n",
        in_days(-80)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let (_, wave, relation) = open_survey(&t.db, &hr, &LinkKey::generate()).await;
    let [ana, rui, nina] = [
        id_of(&t.db, "ana@acme.test").await,
        id_of(&t.db, "rui@acme.test").await,
        id_of(&t.db, "nina@acme.test").await,
    ];
    service::save_answers(&t.db, wave, rui, &naming(relation, &[ana]), true)
        .await
        .expect("rui answers");
    let planned = app::store::surveys::get_wave(&t.db, wave)
        .await
        .expect("q")
        .expect("wave");
    assert_eq!(planned.closes_on, in_days(14));
    assert!(app::store::surveys::close_wave(&t.db, wave, today_plus(0))
        .await
        .expect("close"));
    app::jobs::analyze_wave(&t.db, &app::model::policy::Policy::default(), wave)
        .await
        .expect("analyzed");

    let ran = app::store::surveys::get_wave(&t.db, wave)
        .await
        .expect("q")
        .expect("wave");
    assert_eq!(
        (ran.opens_on.as_str(), ran.closes_on.as_str()),
        (in_days(0).as_str(), in_days(0).as_str()),
        "the survey page shows the day it actually ran"
    );
    let detail = app::newcomers::service::staff_one(&t.db, &hr, nina)
        .await
        .expect("detail")
        .expect("Nina is a newcomer");
    assert_eq!(detail.row.figures.days, 80);
    assert!(
        !detail.row.figures.at_risk,
        "80 days in is before the 90-day line"
    );
}

async fn at_risk_fires_in_a_company_too_small_for_cohorts(t: TestDb) {
    // Six tenured colleagues, each named once; Nina, 100 days in and alone in
    // her cohort, is named by no one. Her cohort of one cannot be a yardstick
    // (fewer than k = 5), nor can the one newcomer past day 90: tenured
    // colleagues are, and she is below their lower quartile.
    let tenured = ["ana", "rui", "omar", "eva", "leo", "mia"];
    let mut csv = String::from("Email,Name,Department,Team,Start Date\n");
    for name in tenured {
        csv.push_str(&format!("{name}@acme.test,{name},Sales,North,2019-01-01\n"));
    }
    csv.push_str(&format!(
        "nina@acme.test,Nina Novak,Sales,North,{}\n",
        in_days(-86)
    ));
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let (_, wave, relation) = open_survey(&t.db, &hr, &LinkKey::generate()).await;
    let mut ids = Vec::new();
    for name in tenured {
        ids.push(id_of(&t.db, &format!("{name}@acme.test")).await);
    }
    for (i, &respondent) in ids.iter().enumerate() {
        let named = ids[(i + 1) % ids.len()];
        service::save_answers(&t.db, wave, respondent, &naming(relation, &[named]), true)
            .await
            .expect("answers");
    }
    close_and_analyze(&t.db, wave).await;

    let nina = id_of(&t.db, "nina@acme.test").await;
    let detail = app::newcomers::service::staff_one(&t.db, &hr, nina)
        .await
        .expect("detail")
        .expect("Nina is a newcomer");
    let figures = &detail.row.figures;
    assert_eq!((figures.days, figures.in_degree), (100, 0));
    assert_eq!(figures.at_risk_compared_with, RiskComparison::Tenured);
    assert!(
        figures.at_risk,
        "no one goes to her, while everyone else has someone"
    );
}

/// (purpose, person, round) of every queued message, in order.
async fn outbox(db: &Db) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT purpose, person_id, round FROM outbox WHERE purpose <> 'invitation' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .expect("outbox")
}

async fn introduction_rounds_run_on_schedule_through_a_newcomers_first_60_days(t: TestDb) {
    // Nina joined North ten days before the wave's first day; her team goes
    // to Ana, Omar, Leo and Mia, who are her candidates.
    let csv = format!(
        "Email,Name,Department,Team,Start Date\n\
         ana@acme.test,Ana Lima,Sales,North,2019-01-01\n\
         rui@acme.test,Rui Costa,Sales,North,2020-01-01\n\
         eva@acme.test,Eva Dias,Sales,North,2020-01-01\n\
         omar@acme.test,Omar Reis,Finance,East,2018-05-01\n\
         leo@acme.test,Leo Melo,Finance,East,2018-05-01\n\
         mia@acme.test,Mia Neves,Product,West,2018-05-01\n\
         tom@acme.test,Tom Sousa,Product,West,2018-05-01\n\
         zoe@acme.test,Zoe Pinto,Finance,East,2018-05-01\n\
         ivo@acme.test,Ivo Costa,Legal,South,2018-05-01\n\
         nina@acme.test,Nina Novak,Sales,North,{}\n",
        in_days(-10)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let key = LinkKey::generate();
    let (_, wave, relation) = open_survey(&t.db, &hr, &key).await;
    let id = |email: &'static str| id_of(&t.db, email);
    let [ana, rui, eva, omar, leo, mia, nina] = [
        id("ana@acme.test").await,
        id("rui@acme.test").await,
        id("eva@acme.test").await,
        id("omar@acme.test").await,
        id("leo@acme.test").await,
        id("mia@acme.test").await,
        id("nina@acme.test").await,
    ];
    let [tom, zoe, ivo] = [
        id("tom@acme.test").await,
        id("zoe@acme.test").await,
        id("ivo@acme.test").await,
    ];
    for (who, named) in [
        (rui, vec![ana, omar, tom]),
        (eva, vec![ana, leo, zoe]),
        (ana, vec![mia, omar, ivo]),
    ] {
        service::save_answers(&t.db, wave, who, &naming(relation, &named), true)
            .await
            .expect("answers");
    }
    close_and_analyze(&t.db, wave).await;
    app::store::newcomers::save_settings(
        t.db.pool(),
        &NewcomerSettings {
            pulse_days: Vec::new(),
            suggestions: 3,
            holdout_share: 0.25,
            rounds: vec![
                RoundPlan {
                    day: 5,
                    approval: false,
                },
                RoundPlan {
                    day: 30,
                    approval: true,
                },
            ],
            follow_up_days: 14,
            ..Default::default()
        },
    )
    .await
    .expect("settings");
    let privacy = app::model::privacy::Privacy::default();
    let privacy = app::model::privacy::Privacy {
        min_group: 1,
        ..privacy
    };

    // Day by day through her first 60 days, twice a day (two instances).
    let mut log = Vec::new();
    for day in 0..=60 {
        for _instance in 0..2 {
            let run = app::newcomers::rounds::run_due(&t.db, &privacy, &key, today_plus(day - 10))
                .await
                .expect("schedule");
            if run != Default::default() {
                log.push((day, run));
            }
        }
    }
    use app::newcomers::rounds::RoundsRun;
    assert_eq!(
        log,
        vec![
            (
                5,
                RoundsRun {
                    sent: 1,
                    ..Default::default()
                }
            ),
            (
                19,
                RoundsRun {
                    follow_ups: 1,
                    ..Default::default()
                }
            ),
            (
                30,
                RoundsRun {
                    drafted: 1,
                    ..Default::default()
                }
            ),
        ],
        "round 1 on day 5, its follow-up on day 19, round 2 waits for HR on day 30, each once"
    );
    let rounds = app::store::rounds::of_newcomer(&t.db, nina)
        .await
        .expect("rounds");
    assert_eq!(rounds.len(), 2);
    let first = &rounds[0];
    let introduced: Vec<i64> = first
        .picks
        .iter()
        .filter(|p| p.arm == Arm::Introduced)
        .map(|p| p.colleague_id)
        .collect();
    let held_out: Vec<i64> = first
        .picks
        .iter()
        .filter(|p| p.arm == Arm::HeldOut)
        .map(|p| p.colleague_id)
        .collect();
    assert_eq!(
        (introduced.len(), held_out.len()),
        (3, 1),
        "{:?}",
        first.picks
    );
    let everyone: std::collections::BTreeSet<i64> =
        [ana, rui, eva, omar, leo, mia, tom, zoe, ivo].into();
    assert!(introduced
        .iter()
        .chain(&held_out)
        .all(|c| everyone.contains(c)));

    // Round 1's messages: Nina's list, a heads-up to each introduced
    // colleague, "did you meet?" later; nothing to the one held out.
    let mut expected = vec![("introductions".to_string(), nina, first.id)];
    expected.extend(
        introduced
            .iter()
            .map(|&c| ("heads_up".to_string(), c, first.id)),
    );
    expected.push(("did_you_meet".to_string(), nina, first.id));
    let mut queued = outbox(&t.db).await;
    let mut sorted_expected = expected.clone();
    sorted_expected.sort();
    queued.sort();
    assert_eq!(queued, sorted_expected);
    assert!(
        held_out
            .iter()
            .all(|h| !queued.iter().any(|(_, p, _)| p == h)),
        "the held-out colleague hears nothing"
    );

    // The draft of round 2 is HR's alone until approved; then it goes out,
    // with no one from round 1 again.
    let second = &rounds[1];
    assert_eq!(second.status, RoundStatus::Draft);
    let (waiting, listed) = app::store::rounds::drafts(&t.db, 1).await.expect("drafts");
    assert!(
        waiting >= 1 && listed.len() == 1 && listed[0].status == RoundStatus::Draft,
        "how many wait, and the first by due date"
    );
    assert!(app::store::rounds::drafts(&t.db, 0)
        .await
        .expect("drafts")
        .1
        .is_empty());
    assert!(second
        .picks
        .iter()
        .all(|p| !introduced.contains(&p.colleague_id) && !held_out.contains(&p.colleague_id)));
    let mine = app::newcomers::service::my_introductions(&t.db, &Default::default(), nina, None)
        .await
        .expect("mine")
        .introductions;
    assert_eq!(mine.len(), 3, "the newcomer sees round 1 only");
    assert!(
        second.picks.iter().any(|p| p.arm == Arm::Introduced),
        "{:?}",
        second.picks
    );
    app::newcomers::rounds::approve(&t.db, &privacy, &key, &hr, second.id, today_plus(21))
        .await
        .expect("approved");
    assert!(
        app::newcomers::rounds::approve(&t.db, &privacy, &key, &hr, second.id, today_plus(21))
            .await
            .is_err(),
        "once"
    );
    let round_two: Vec<(String, i64, i64)> = outbox(&t.db)
        .await
        .into_iter()
        .filter(|m| m.2 == second.id)
        .collect();
    assert!(
        round_two
            .iter()
            .any(|m| m.0 == "introductions" && m.1 == nina),
        "{round_two:?}"
    );

    // "Did you meet?" names each colleague with a one-click link to her page.
    let messages = app::store::outbox::lease(&t.db, "test", 60_000, 100)
        .await
        .expect("lease");
    let follow_up = messages
        .iter()
        .find(|m| m.purpose == "did_you_meet")
        .expect("did you meet");
    let wording = app::mail::service::wording(&t.db, privacy)
        .await
        .expect("wording");
    let app::mail::service::Composed::Send { message, .. } =
        app::mail::service::compose(&wording, &key, "https://knit.example", follow_up)
    else {
        panic!("did you meet is sent");
    };
    assert_eq!(message.text.matches("?ask=").count(), 3, "{}", message.text);
    let heads_up = messages
        .iter()
        .find(|m| m.purpose == "heads_up")
        .expect("a heads-up");
    let app::mail::service::Composed::Send { message, .. } =
        app::mail::service::compose(&wording, &key, "https://knit.example", heads_up)
    else {
        panic!("the heads-up is sent");
    };
    assert!(
        message.text.contains("Nina Novak may get in touch") && message.text.contains("/less/"),
        "{}",
        message.text
    );

    // Her list comes with a meeting she can forward, one per colleague.
    let list = messages
        .iter()
        .find(|m| m.purpose == "introductions" && m.round == first.id)
        .expect("her list");
    let app::mail::service::Composed::Send { message, .. } =
        app::mail::service::compose(&wording, &key, "https://knit.example", list)
    else {
        panic!("her list is sent");
    };
    assert_eq!(message.attachments.len(), 3);
    for ics in &message.attachments {
        let body = ics.body.replace("\r\n ", "");
        assert!(
            body.contains("DURATION:PT30M")
                && body.contains("mailto:nina@acme.test")
                && ics.content_type.starts_with("text/calendar"),
            "{body}"
        );
    }

    // One click, no sign-in: the answer is recorded like a mark on her page.
    let asked = &mine[0];
    app::newcomers::service::mark_introduction(&t.db, &privacy, nina, asked.id, "met")
        .await
        .expect("recorded");
    let mine = app::newcomers::service::my_introductions(&t.db, &Default::default(), nina, None)
        .await
        .expect("mine")
        .introductions;
    assert!(mine
        .iter()
        .any(|i| i.id == asked.id && i.status == app::newcomers::IntroductionStatus::Met));
}

async fn people_far_above_a_newcomer_are_suggested_only_when_hr_asks(t: TestDb) {
    // Eva heads the company and Vic sales; everyone goes to them. Nina is a
    // sales rep two and three levels below them.
    let csv = format!(
        "Email,Name,Department,Team,Manager Email,Start Date\n\
         eva@acme.test,Eva Chief,Board,Board,,2015-01-01\n\
         vic@acme.test,Vic Head,Sales,Sales lead,eva@acme.test,2016-01-01\n\
         max@acme.test,Max Lead,Sales,North,vic@acme.test,2017-01-01\n\
         ana@acme.test,Ana Lima,Sales,North,max@acme.test,2019-01-01\n\
         rui@acme.test,Rui Costa,Sales,North,max@acme.test,2020-01-01\n\
         leo@acme.test,Leo Melo,Sales,North,max@acme.test,2020-01-01\n\
         nina@acme.test,Nina Novak,Sales,North,max@acme.test,{}\n",
        in_days(-20)
    );
    import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let (_, wave, relation) = open_survey(&t.db, &hr, &LinkKey::generate()).await;
    let id = |email: &'static str| id_of(&t.db, email);
    let [eva, vic, max, ana, rui, leo, nina] = [
        id("eva@acme.test").await,
        id("vic@acme.test").await,
        id("max@acme.test").await,
        id("ana@acme.test").await,
        id("rui@acme.test").await,
        id("leo@acme.test").await,
        id("nina@acme.test").await,
    ];
    for (who, named) in [
        (ana, vec![eva, vic, rui]),
        (rui, vec![eva, vic, leo]),
        (leo, vec![eva, vic, ana]),
        (max, vec![eva, vic]),
    ] {
        service::save_answers(&t.db, wave, who, &naming(relation, &named), true)
            .await
            .expect("answers");
    }
    close_and_analyze(&t.db, wave).await;
    let suggested = || async {
        app::store::newcomers::figures_of(&t.db, nina)
            .await
            .expect("q")
            .expect("Nina is a newcomer")
            .suggestions
            .iter()
            .map(|s| s.person_id)
            .collect::<Vec<i64>>()
    };
    let without = suggested().await;
    assert!(!without.is_empty());
    assert!(
        !without.contains(&eva) && !without.contains(&vic),
        "{without:?}"
    );
    let privacy = app::model::privacy::Privacy::default();
    app::store::newcomers::save_settings(
        t.db.pool(),
        &NewcomerSettings {
            suggest_senior: true,
            ..Default::default()
        },
    )
    .await
    .expect("settings");
    app::newcomers::compute::refresh(&t.db, &privacy)
        .await
        .expect("refresh");
    let with = suggested().await;
    assert!(
        with.contains(&eva) || with.contains(&vic),
        "HR asked for them: {with:?}"
    );
}
