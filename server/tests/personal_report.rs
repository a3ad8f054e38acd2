//! The personal report at a respondent's link gives back their own network
//! and never another person's answer: checked over generated organizations,
//! and through the link as a respondent follows it.

mod common;

use app::model::date::Date;
use app::model::report::{Count, PersonalReport, Suggestion};
use app::store::testing::TestDb;
use app::surveys::service;
use axum::http::StatusCode;
use common::Site;
use std::collections::{BTreeMap, BTreeSet};

app::backend_tests!(
    reports_over_generated_organizations_disclose_no_ones_answers,
    the_link_leads_to_the_report_until_retention_deletes_the_answers,
);

/// A small deterministic generator (xorshift), so a failing seed can be run again.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A generated organization after its wave: who is who, and who named whom.
struct Organization {
    wave: i64,
    relations: Vec<i64>,
    /// (id, name) of everyone.
    people: Vec<(i64, String)>,
    /// (relation, respondent, named).
    ties: Vec<(i64, i64, i64)>,
}

/// Between 15 and 40 people in 2 to 5 departments; a few are named by many,
/// most by few; one in five does not answer.
async fn organization(db: &app::store::Db, seed: u64) -> Organization {
    let mut rng = Seeded(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) + 1);
    let (size, departments) = (15 + rng.below(26), 2 + rng.below(4));
    let mut csv = String::from("Email,Name,Department,Team\n");
    for i in 0..size {
        let department = rng.below(departments);
        csv.push_str(&format!(
            "p{i:03}@gen.test,Zed{i:03} Q,Dept {department},Team {department}\n"
        ));
    }
    let ids = app::fixtures::import(db, &csv).await;
    let hr = app::fixtures::analyst(db).await;
    let key = app::mail::LinkKey::generate();
    let (survey, wave, _) = app::fixtures::open_survey(db, &hr, &key).await;
    let relations: Vec<i64> = app::store::surveys::get(db, survey)
        .await
        .expect("q")
        .expect("survey")
        .definition
        .relations
        .iter()
        .map(|r| r.id)
        .collect();
    let stars = [ids[0], ids[1], ids[2]];
    let mut ties = Vec::new();
    for &me in &ids {
        if rng.below(5) == 0 {
            continue;
        }
        let mut answers = app::model::surveys::Answers::default();
        for &relation in &relations {
            let mut named = BTreeSet::new();
            for _ in 0..rng.below(7) {
                let pick = if rng.below(2) == 0 {
                    stars[rng.below(3)]
                } else {
                    ids[rng.below(ids.len())]
                };
                if pick != me {
                    named.insert(pick);
                }
            }
            answers.ties.extend(
                app::fixtures::naming(relation, &named.iter().copied().collect::<Vec<_>>()).ties,
            );
            ties.extend(named.into_iter().map(|n| (relation, me, n)));
        }
        service::save_answers(db, wave, me, &answers, true)
            .await
            .expect("answers");
    }
    app::fixtures::close_and_analyze(db, wave).await;
    let people = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, format!("Zed{i:03} Q")))
        .collect();
    Organization {
        wave,
        relations,
        people,
        ties,
    }
}

/// What is wrong with one person's report: a name of someone they did not
/// name, a count that tells fewer than k, or their own answer told wrong.
fn disclosures(org: &Organization, me: i64, report: &PersonalReport, k: usize) -> Vec<String> {
    let json = serde_json::to_string(report).expect("json");
    let mut wrong = Vec::new();
    let named_by_me: BTreeSet<i64> = org.ties.iter().filter(|t| t.1 == me).map(|t| t.2).collect();
    for (id, name) in &org.people {
        if *id != me && !named_by_me.contains(id) && json.contains(&format!("\"{name}\"")) {
            let named_me = org.ties.iter().any(|t| t.1 == *id && t.2 == me);
            wrong.push(format!(
                "{me}'s report names {name}, whom they did not name{}",
                if named_me { " (who named them)" } else { "" }
            ));
        }
    }
    for (question, &relation) in report.questions.iter().zip(&org.relations) {
        let times = org
            .ties
            .iter()
            .filter(|t| t.0 == relation && t.2 == me)
            .map(|t| t.1)
            .collect::<BTreeSet<_>>()
            .len();
        let expected = if times >= k {
            Count::Exactly(times)
        } else {
            Count::FewerThan(k)
        };
        if question.named_by != expected {
            wrong.push(format!(
                "{me}: named by {times}, told {:?}",
                question.named_by
            ));
        }
        let mut mine: Vec<String> = org
            .ties
            .iter()
            .filter(|t| t.0 == relation && t.1 == me)
            .map(|t| {
                org.people
                    .iter()
                    .find(|p| p.0 == t.2)
                    .expect("named")
                    .1
                    .clone()
            })
            .collect();
        mine.sort();
        let mut told: Vec<String> = question.named.iter().map(|c| c.name.clone()).collect();
        told.sort();
        if mine != told {
            wrong.push(format!("{me}: named {mine:?}, told {told:?}"));
        }
    }
    for suggestion in &report.suggestions {
        if let Suggestion::Lighten { named_by, .. } = suggestion {
            if *named_by < k {
                wrong.push(format!("{me}: told that {named_by} (under k) rely on them"));
            }
        }
    }
    wrong
}

async fn reports_over_generated_organizations_disclose_no_ones_answers(t: TestDb) {
    let privacy = app::privacy::Privacy::default();
    let k = privacy.min_group;
    let mut wrong = Vec::new();
    let (mut under_k, mut exact, mut lighten) = (0, 0, 0);
    let seeds: u64 = std::env::var("KNIT_REPORT_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    for seed in 0..seeds {
        // Each organization in a database of its own, on the same backend.
        let own = match t.db.backend() {
            app::store::Backend::Sqlite => TestDb::sqlite().await,
            app::store::Backend::Postgres => TestDb::postgres().await,
        };
        let db = own.db.clone();
        let org = organization(&db, seed).await;
        for &(me, _) in &org.people {
            let report = app::surveys::report::report_of(&db, &privacy, org.wave, me, None)
                .await
                .expect("report")
                .expect("the wave is analysed");
            wrong.extend(
                disclosures(&org, me, &report, k)
                    .into_iter()
                    .map(|w| format!("seed {seed}: {w}")),
            );
            for q in &report.questions {
                match q.named_by {
                    Count::FewerThan(_) => under_k += 1,
                    Count::Exactly(_) => exact += 1,
                }
            }
            lighten += report
                .suggestions
                .iter()
                .filter(|s| matches!(s, Suggestion::Lighten { .. }))
                .count();
        }
        own.finish().await;
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The organizations reach both sides of the k rule, and someone many rely on.
    assert!(
        under_k > 0 && exact > 0 && lighten > 0,
        "{under_k} {exact} {lighten}"
    );
    t.finish().await;
}

async fn the_link_leads_to_the_report_until_retention_deletes_the_answers(t: TestDb) {
    let site = Site::new(t).await;
    let db = site.t.db.clone();
    let csv =
        "Email,Name,Department\nana@acme.test,Ana Lima,Sales\nrui@acme.test,Rui Costa,Sales\n\
               eva@acme.test,Eva Nunes,Finance\nleo@acme.test,Leo Reis,Legal\n";
    let ids = app::fixtures::import(&db, csv).await;
    let hr = app::fixtures::analyst(&db).await;
    let survey = service::create_survey(&db, &hr, &app::fixtures::definition())
        .await
        .expect("survey");
    let wave = service::add_wave(
        &db,
        &hr,
        survey,
        &app::fixtures::in_days(0),
        &app::fixtures::in_days(14),
    )
    .await
    .expect("wave");
    let tokens: BTreeMap<i64, String> =
        service::open_wave(&db, &app::mail::LinkKey::generate(), &hr, wave)
            .await
            .expect("open")
            .into_iter()
            .collect();
    let relation = app::fixtures::first_relation(&db, survey).await;
    let (ana, rui, eva) = (ids[0], ids[1], ids[2]);
    // Rui and Eva name Ana; Ana names Eva.
    for (me, named) in [(rui, vec![ana]), (eva, vec![ana]), (ana, vec![eva])] {
        service::save_answers(
            &db,
            wave,
            me,
            &app::fixtures::naming(relation, &named),
            true,
        )
        .await
        .expect("answers");
    }
    let follow = |token: &String| {
        let path = format!("/s/{token}");
        let site = &site;
        async move { site.get(&path, None).await }
    };
    // Closed but not analysed: the link says the survey closed.
    app::fixtures::close_on_schedule(&db, wave).await;
    assert_eq!(follow(&tokens[&ana]).await.status, StatusCode::GONE);
    app::jobs::analyze_wave(&db, &Default::default(), wave)
        .await
        .expect("analysed");

    let reply = follow(&tokens[&ana]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/report");
    let cookie = format!(
        "knit_respondent={}",
        reply.cookie("knit_respondent").expect("cookie")
    );
    let page = site.get_as("/report", &cookie, "en").await;
    assert_eq!(page.status, StatusCode::OK);
    // Her own answer (Eva), and a range for those who named her: never Rui.
    assert!(
        page.body.contains("Your network") && page.body.contains("Eva Nunes"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("Fewer than 5 colleagues named you for this question."));
    assert!(
        !page.body.contains("Rui Costa"),
        "who named her never shows"
    );
    assert!(
        page.body.contains("role=\"img\"")
            && page
                .body
                .contains("aria-label=\"Your network: you in the middle")
    );
    // The JSON a browser would read carries the same, and no more.
    let json = site.call_as("my_report", "", &cookie).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert!(
        json.body.contains("Eva Nunes") && !json.body.contains("Rui Costa"),
        "{}",
        json.body
    );
    // Leo never answered and no one named him: he gets his report too.
    let leo = follow(&tokens[&ids[3]]).await;
    assert_eq!(leo.header("location"), "/report");

    // Retention deletes the answers, and the invitations with them: the
    // report goes too, and the link no longer works.
    sqlx::query("UPDATE waves SET closed_at = $1 WHERE id = $2")
        .bind(app::store::now_ms() - 800 * 86_400_000)
        .bind(wave)
        .execute(db.pool())
        .await
        .expect("age");
    app::privacy::retention::run_daily(&db, Date::today(), app::privacy::Privacy::default(), None)
        .await
        .expect("retention");
    assert_eq!(follow(&tokens[&ana]).await.status, StatusCode::NOT_FOUND);
    let gone = site.get_as("/report", &cookie, "en").await;
    assert!(
        !gone.body.contains("Eva Nunes") && gone.body.contains("personal link"),
        "{}",
        gone.body
    );
    site.finish().await;
}
