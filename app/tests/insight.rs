//! Stored network analysis per wave: computed from the answers, labelled by
//! response rate, compared with the previous wave, for analysts only.

use analysis::Role as AnalysisRole;
use app::error::AppError;
use app::fixtures::{analyst, definition, import, in_days};
use app::insight::{Confidence, RunState};
use app::mail::LinkKey;
use app::model::auth::{CurrentUser, Role};
use app::store::testing::TestDb;
use app::store::Db;
use app::surveys::service;
use app::surveys::{Answers, TieAnswer};

app::backend_tests!(
    a_closed_wave_is_analyzed_stored_and_compared_with_the_last,
    answers_about_the_respondent_are_reported_by_answer_with_small_groups_hidden,
    an_analysis_stored_by_an_older_version_is_recomputed_at_start,
    a_manager_sees_the_group_map_only_of_groups_where_k_answered,
    the_people_table_is_sorted_filtered_and_paged_in_the_database,
    a_network_from_elsewhere_is_followed_across_waves_under_its_name,
);

/// A wave's insight as an analyst reads it, on the default policy.
async fn insight_of(db: &Db, hr: &CurrentUser, wave: i64) -> app::insight::WaveInsight {
    app::insight::service::wave_insight(db, &app::model::policy::Policy::default(), hr, wave, None)
        .await
        .expect("insight")
}

async fn first_relation(db: &Db, survey: i64) -> i64 {
    app::store::surveys::get(db, survey)
        .await
        .expect("q")
        .expect("s")
        .definition
        .relations[0]
        .id
}

/// Five people; `answers` are (respondent, named) ties of the first relation.
async fn run_wave(
    db: &Db,
    hr: &CurrentUser,
    survey: i64,
    ids: &[i64],
    answers: &[(usize, usize)],
    respondents: &[usize],
) -> i64 {
    let wave = service::add_wave(db, hr, survey, &in_days(0), &in_days(10))
        .await
        .expect("wave");
    service::open_wave(db, &LinkKey::generate(), hr, wave)
        .await
        .expect("open");
    let relation = first_relation(db, survey).await;
    for &r in respondents {
        let ties = answers
            .iter()
            .filter(|(a, _)| *a == r)
            .map(|&(_, b)| TieAnswer {
                relation_id: relation,
                named_id: ids[b],
                scales: Default::default(),
            })
            .collect();
        service::save_answers(
            db,
            wave,
            ids[r],
            &Answers {
                ties,
                ..Default::default()
            },
            true,
        )
        .await
        .expect("answer");
    }
    app::fixtures::close_and_analyze(db, wave).await;
    wave
}

/// Ana and Bea (Sales, remote), Carla and Dan (Finance), Eva (Legal); an
/// analyst; a survey.
async fn five_people_and_a_survey(db: &Db) -> (Vec<i64>, CurrentUser, i64) {
    let csv = "Email,Name,Department,Remote\na@x.test,Ana,Sales,yes\nb@x.test,Bea,Sales,yes\nc@x.test,Carla,Finance,no\nd@x.test,Dan,Finance,no\ne@x.test,Eva,Legal,no\n";
    let ids = import(db, csv).await;
    let hr = analyst(db).await;
    let survey = service::create_survey(db, &hr, &definition())
        .await
        .expect("survey");
    (ids, hr, survey)
}

/// Adds a network named `name` to `wave` (ties between `ids` by index) and
/// analyses the wave again.
async fn add_network(db: &Db, wave: i64, name: &str, ids: &[i64], ties: &[(usize, usize)]) {
    let ties: Vec<app::store::analyses::ImportedTie> = ties
        .iter()
        .map(|&(a, b)| app::store::analyses::ImportedTie {
            source_id: ids[a],
            target_id: ids[b],
            weight: 1.0,
        })
        .collect();
    app::insight::imported::add_network(db, wave, name, "mail.mbox", &ties)
        .await
        .expect("added");
    app::jobs::analyze_wave(db, &app::model::policy::Policy::default(), wave)
        .await
        .expect("analysed");
}

async fn a_network_from_elsewhere_is_followed_across_waves_under_its_name(t: TestDb) {
    let (ids, hr, survey) = five_people_and_a_survey(&t.db).await;
    let first = run_wave(&t.db, &hr, survey, &ids, &[(1, 0)], &[1]).await;
    add_network(&t.db, first, "Email", &ids, &[(0, 1)]).await;
    let second = run_wave(&t.db, &hr, survey, &ids, &[(1, 0)], &[1]).await;
    // Added to each wave anew: the same network under the same name.
    add_network(&t.db, second, " email ", &ids, &[(0, 1), (0, 2), (2, 0)]).await;
    let insight = insight_of(&t.db, &hr, second).await;
    let email = insight
        .relations
        .iter()
        .find(|r| r.question == "email")
        .expect("the network");
    let waves: Vec<i64> = email.trend.iter().map(|p| p.wave_number).collect();
    assert_eq!(waves, vec![1, 2]);
    assert_eq!(email.previous_wave, Some(1));
    let carla = email
        .changes
        .iter()
        .find(|c| c.name == "Carla")
        .expect("Carla is new to it");
    assert_eq!(carla.in_degree, (0, 1));
}

async fn a_closed_wave_is_analyzed_stored_and_compared_with_the_last(t: TestDb) {
    let (ids, hr, survey) = five_people_and_a_survey(&t.db).await;
    // Wave 1: three of five answer (60%: low confidence); everyone asks Ana.
    let first = run_wave(
        &t.db,
        &hr,
        survey,
        &ids,
        &[(1, 0), (2, 0), (3, 0)],
        &[1, 2, 3],
    )
    .await;
    let insight = insight_of(&t.db, &hr, first).await;
    let r = &insight.relations[0];
    assert_eq!(
        (r.invited, r.answered, r.confidence),
        (5, 3, Confidence::Low)
    );
    assert_eq!((r.figures.people, r.figures.ties), (5, 3));
    assert!(
        r.key_players
            .iter()
            .any(|g| g.role == AnalysisRole::CentralConnector
                && g.listed
                    .iter()
                    .any(|k| k.name == "Ana"
                        && k.reason.starts_with("3 colleagues go to Ana for this"))),
        "{:?}",
        r.key_players
    );
    let heatmap = r.heatmap.as_ref().expect("by department");
    assert_eq!(heatmap.groups, vec!["Finance", "Legal", "Sales"]);
    // Any roster attribute, custom ones too: Bea, Carla and Dan go to Ana.
    assert!(
        insight.group_attributes.contains(&"Remote".to_string()),
        "{:?}",
        insight.group_attributes
    );
    let remote = app::insight::service::wave_insight(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        first,
        Some("Remote"),
    )
    .await
    .expect("insight by Remote");
    let by_remote = remote.relations[0].heatmap.as_ref().expect("by Remote");
    assert_eq!(by_remote.attribute, "Remote");
    assert_eq!(
        (by_remote.groups.clone(), by_remote.sizes.clone()),
        (vec!["no".to_string(), "yes".to_string()], vec![3, 2])
    );
    assert_eq!(
        by_remote.ei_index[0],
        Some(1.0),
        "the office only looks out"
    );
    assert_eq!(
        by_remote.density[1][1],
        Some(0.5),
        "one of two possible ties among the remote"
    );
    assert!(r.previous_wave.is_none());

    // Wave 2: four of five answer (80%: high); ties move to Carla.
    let second = run_wave(
        &t.db,
        &hr,
        survey,
        &ids,
        &[(0, 2), (1, 2), (3, 2), (4, 2)],
        &[0, 1, 3, 4],
    )
    .await;
    let insight = insight_of(&t.db, &hr, second).await;
    let r = &insight.relations[0];
    assert_eq!(r.confidence, Confidence::High);
    assert_eq!(r.previous_wave, Some(1));
    let carla = r
        .changes
        .iter()
        .find(|c| c.name == "Carla")
        .expect("Carla changed");
    assert_eq!(carla.in_degree, (0, 4));
    // Ties in either direction: Bea, Dan and Eva are new; Ana was tied before.
    assert_eq!((carla.gained, carla.lost), (3, 0));
    assert!(carla.roles_gained.contains(&AnalysisRole::CentralConnector));
    let ana = r
        .changes
        .iter()
        .find(|c| c.name == "Ana")
        .expect("Ana changed");
    assert!(ana.roles_lost.contains(&AnalysisRole::CentralConnector));
    assert_eq!(insight.run.as_ref().map(|r| r.status), Some(RunState::Done));
    // The trend: both waves' network figures, in order.
    let trend: Vec<(i64, Option<f64>, usize)> = r
        .trend
        .iter()
        .map(|p| {
            (
                p.wave_number,
                p.response_rate,
                (p.density * 20.0).round() as usize,
            )
        })
        .collect();
    assert_eq!(
        trend,
        vec![(1, Some(0.6), 3), (2, Some(0.8), 4)],
        "density = ties / 20"
    );
    // Some ties cross departments in each wave.
    assert!(r
        .trend
        .iter()
        .all(|p| p.across_departments.is_some_and(|x| x > 0.0 && x <= 1.0)));
    // The map: everyone invited has a place on it, in every wave.
    let layouts: Vec<String> = sqlx::query_scalar("SELECT layout FROM analyses ORDER BY wave_id")
        .fetch_all(t.db.pool())
        .await
        .expect("layouts");
    for layout in &layouts {
        let positions: std::collections::BTreeMap<String, [f64; 2]> =
            serde_json::from_str(layout).expect("layout");
        assert_eq!(positions.len(), 5, "{layout}");
    }

    // Recomputing replaces the stored results (one row per relation), and
    // /metrics times it (other tests of this process may add their own).
    let analyses_timed = || {
        app::metrics::render(&[])
            .lines()
            .find_map(|l| l.strip_prefix("knit_analysis_duration_seconds_count{outcome=\"done\"} "))
            .map_or(0, |n| n.parse::<u64>().expect("a count"))
    };
    let timed_before = analyses_timed();
    app::insight::service::compute(&t.db, &app::model::policy::Policy::default(), second)
        .await
        .expect("again");
    assert!(analyses_timed() > timed_before);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analyses WHERE wave_id = $1")
        .bind(second)
        .fetch_one(t.db.pool())
        .await
        .expect("n");
    assert_eq!(rows, 2, "one per relation of the survey");

    let manager = CurrentUser {
        id: hr.id,
        email: "m@x.test".into(),
        name: "M".into(),
        role: Role::Manager,
    };
    assert!(matches!(
        app::insight::service::wave_insight(
            &t.db,
            &app::model::policy::Policy::default(),
            &manager,
            second,
            None
        )
        .await,
        Err(AppError::Forbidden)
    ));
    t.finish().await;
}

/// Before reasons were data, a stored report's roles held sentences and no
/// evidence. Knit recomputes such analyses at start: the page reads as before.
async fn an_analysis_stored_by_an_older_version_is_recomputed_at_start(t: TestDb) {
    let (ids, hr, survey) = five_people_and_a_survey(&t.db).await;
    let wave = run_wave(
        &t.db,
        &hr,
        survey,
        &ids,
        &[(1, 0), (2, 0), (3, 0), (4, 0)],
        &[1, 2, 3, 4],
    )
    .await;
    let read = |t: &TestDb| {
        let db = t.db.clone();
        let hr = hr.clone();
        async move {
            app::insight::service::wave_insight(
                &db,
                &app::model::policy::Policy::default(),
                &hr,
                wave,
                None,
            )
            .await
            .expect("insight")
            .relations
        }
    };
    let before = read(&t).await;
    assert!(!before[0].key_players.is_empty());

    // Rewrite the stored reports as the older version wrote them.
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT network, report FROM analyses WHERE wave_id = $1")
            .bind(wave)
            .fetch_all(t.db.pool())
            .await
            .expect("rows");
    for (network, report) in rows {
        let mut report: serde_json::Value = serde_json::from_str(&report).expect("json");
        for role in report["roles"].as_array_mut().expect("roles") {
            let role = role.as_object_mut().expect("object");
            role.remove("evidence");
            role.insert("reason".into(), "An older sentence.".into());
        }
        sqlx::query(
            "UPDATE analyses SET report = $1, format = 1 WHERE wave_id = $2 AND network = $3",
        )
        .bind(report.to_string())
        .bind(wave)
        .bind(&network)
        .execute(t.db.pool())
        .await
        .expect("old shape");
        sqlx::query(
            "UPDATE analysis_summaries SET summary = NULL WHERE wave_id = $1 AND network = $2",
        )
        .bind(wave)
        .bind(network)
        .execute(t.db.pool())
        .await
        .expect("no summary then");
    }
    assert!(
        app::insight::service::wave_insight(
            &t.db,
            &app::model::policy::Policy::default(),
            &hr,
            wave,
            None
        )
        .await
        .is_err(),
        "an old shape cannot be read as today's"
    );

    app::jobs::on_start(&t.db, &app::model::policy::Policy::default())
        .await
        .expect("start");
    let formats: Vec<i64> = sqlx::query_scalar("SELECT format FROM analyses WHERE wave_id = $1")
        .bind(wave)
        .fetch_all(t.db.pool())
        .await
        .expect("formats");
    assert!(
        formats
            .iter()
            .all(|&f| f == app::store::analyses::REPORT_FORMAT),
        "{formats:?}"
    );
    let after = read(&t).await;
    let shown = |relations: &[app::insight::RelationInsight]| -> Vec<(String, i64, String)> {
        relations
            .iter()
            .flat_map(|r| r.key_players.iter())
            .flat_map(|g| {
                g.listed
                    .iter()
                    .map(move |k| (format!("{:?}", g.role), k.person_id, k.reason.clone()))
            })
            .collect()
    };
    assert_eq!(
        shown(&after),
        shown(&before),
        "nothing the analyst saw disappears"
    );
    assert!(app::store::analyses::waves_with_old_reports(&t.db)
        .await
        .expect("q")
        .is_empty());
    t.finish().await;
}

async fn answers_about_the_respondent_are_reported_by_answer_with_small_groups_hidden(t: TestDb) {
    use app::surveys::{AttributeQuestion, QuestionKind};
    let csv: String = std::iter::once("Email,Name\n".to_string())
        .chain((0..12).map(|i| format!("p{i}@x.test,P{i}\n")))
        .collect();
    let ids = import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let mut survey_definition = definition();
    survey_definition.questions = vec![
        AttributeQuestion {
            id: 0,
            kind: QuestionKind::Agreement,
            prompt: "I know whom to ask when I am stuck.".into(),
            options: vec![],
            shown_options: Vec::new(),
        },
        AttributeQuestion {
            id: 0,
            kind: QuestionKind::Text,
            prompt: "Anything else?".into(),
            options: vec![],
            shown_options: Vec::new(),
        },
    ];
    let survey = service::create_survey(&t.db, &hr, &survey_definition)
        .await
        .expect("survey");
    let stored = app::store::surveys::get(&t.db, survey)
        .await
        .expect("q")
        .expect("survey")
        .definition;
    let (relation, question, text) = (
        stored.relations[0].id,
        stored.questions[0].id,
        stored.questions[1].id,
    );
    let wave = service::add_wave(&t.db, &hr, survey, &in_days(0), &in_days(10))
        .await
        .expect("wave");
    service::open_wave(&t.db, &LinkKey::generate(), &hr, wave)
        .await
        .expect("open");
    // Six agree (4) and name P0; five disagree (2) and name no one; P11 strongly agrees.
    for (i, &person) in ids.iter().enumerate() {
        let value = match i {
            0..=5 => "4",
            6..=10 => "2",
            _ => "5",
        };
        let ties = if i < 6 && i > 0 { vec![ids[0]] } else { vec![] };
        let mut answers = app::fixtures::naming(relation, &ties);
        answers.attributes.insert(question, value.to_string());
        answers
            .attributes
            .insert(text, format!("private words of P{i}"));
        service::save_answers(&t.db, wave, person, &answers, true)
            .await
            .expect("answer");
    }
    app::fixtures::close_and_analyze(&t.db, wave).await;
    let insight = insight_of(&t.db, &hr, wave).await;
    assert_eq!(insight.answers.len(), 1, "free text is never summarised");
    let rows: Vec<(String, Option<usize>)> = insight.answers[0]
        .rows
        .iter()
        .map(|r| (r.answer.clone(), r.people))
        .collect();
    // One person alone (5) is hidden, and so is the next smallest (2, five
    // people), so that the lone one cannot be worked out from the total.
    assert_eq!(
        rows,
        vec![
            ("1 (strongly disagree)".to_string(), None),
            ("2".to_string(), None),
            ("3".to_string(), None),
            ("4".to_string(), Some(6)),
            ("5 (strongly agree)".to_string(), None),
        ]
    );
    // The answers group like any roster field: the heatmap and E-I by answer,
    // for analysts; free text is never offered.
    let by_answer = "answer: I know whom to ask when I am stuck.";
    assert!(insight.group_attributes.contains(&by_answer.to_string()));
    assert!(!insight
        .group_attributes
        .iter()
        .any(|a| a.contains("Anything else")));
    let regrouped = app::insight::service::wave_insight(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        wave,
        Some(by_answer),
    )
    .await
    .expect("insight by answer");
    let heatmap = regrouped.relations[0].heatmap.as_ref().expect("by answer");
    assert_eq!(
        (heatmap.groups.clone(), heatmap.sizes.clone()),
        (
            vec![
                "2".to_string(),
                "4".to_string(),
                "5 (strongly agree)".to_string()
            ],
            vec![5, 6, 1]
        )
    );
    // P1 to P5 (agree) name P0 (agree): every tie stays within "4".
    assert_eq!(heatmap.ei_index[1], Some(-1.0));
    let key = app::insight::NetworkKey::Relation(relation);
    let svg = app::insight::export::group_map_svg(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        wave,
        key,
        Some(by_answer),
    )
    .await
    .expect("the group map by answer");
    assert!(svg.contains(">4 (6)</text>"), "{svg}");
    let manager = CurrentUser {
        role: Role::Manager,
        ..hr.clone()
    };
    assert!(matches!(
        app::insight::export::group_map_svg(
            &t.db,
            &app::model::policy::Policy::default(),
            &manager,
            wave,
            key,
            Some(by_answer)
        )
        .await,
        Err(AppError::Forbidden)
    ));
    let agree = &insight.answers[0].rows[3];
    // P0 is named by five, P1 to P5 by no one: 5 / 6 on average.
    assert_eq!(agree.mean_in_degree.map(|x| (x * 6.0).round()), Some(5.0));
    assert!(insight.answers[0]
        .rows
        .iter()
        .filter(|r| r.people.is_none())
        .all(|r| r.mean_in_degree.is_none()));
    t.finish().await;
}

/// Sales (six answer), Finance and Ops (five answer each) are drawn for a
/// manager; Legal, where two of three answered, is left out with its ties,
/// and the picture says so. Between the drawn ones, a line only where enough
/// ties make it: Sales ↔ Finance rests on six, Finance ↔ Ops on one (one
/// person's answer). The analyst sees everything.
async fn a_manager_sees_the_group_map_only_of_groups_where_k_answered(t: TestDb) {
    let mut csv = String::from("Email,Name,Department\n");
    for (department, n) in [("Sales", 6), ("Finance", 5), ("Ops", 5), ("Legal", 3)] {
        for i in 0..n {
            csv.push_str(&format!(
                "{department}{i}@x.test,{department} {i},{department}\n"
            ));
        }
    }
    let ids = import(&t.db, &csv).await;
    let hr = analyst(&t.db).await;
    let survey = service::create_survey(&t.db, &hr, &definition())
        .await
        .expect("survey");
    // Everyone names the next person, so the last of each department names
    // the first of the next one (Sales → Finance → Ops → Legal → Sales), and
    // each of Sales names someone in Finance too. Legal 2 does not answer.
    let mut ties: Vec<(usize, usize)> = (0..ids.len()).map(|i| (i, (i + 1) % ids.len())).collect();
    ties.extend((0..5).map(|i| (i, 6 + (i + 2) % 5)));
    let respondents: Vec<usize> = (0..ids.len()).filter(|&i| i != 18).collect();
    let wave = run_wave(&t.db, &hr, survey, &ids, &ties, &respondents).await;
    let relation = first_relation(&t.db, survey).await;
    let key = app::insight::NetworkKey::Relation(relation);
    let manager = CurrentUser {
        id: hr.id,
        email: "m@x.test".into(),
        name: "M".into(),
        role: Role::Manager,
    };
    let seen = app::insight::export::group_map_svg(
        &t.db,
        &app::model::policy::Policy::default(),
        &manager,
        wave,
        key,
        None,
    )
    .await
    .expect("managers see the group map");
    assert!(
        seen.contains(">Sales (6)</text>") && seen.contains(">Finance (5)</text>"),
        "{seen}"
    );
    assert!(
        !seen.contains("Legal"),
        "two answers are fewer than k: {seen}"
    );
    assert!(
        seen.contains("1 group where fewer than 5 people answered is left out."),
        "{seen}"
    );
    assert!(
        seen.contains("Finance ↔ Sales") || seen.contains("Sales ↔ Finance"),
        "{seen}"
    );
    assert!(
        !seen.contains("Finance ↔ Ops") && !seen.contains("Ops ↔ Finance"),
        "a line of one tie is one person's answer: {seen}"
    );
    assert!(
        matches!(
            app::insight::export::group_map_svg(
                &t.db,
                &app::model::policy::Policy::default(),
                &manager,
                wave,
                key,
                Some("team")
            )
            .await,
            Err(AppError::Forbidden)
        ),
        "a second grouping would subtract from the first"
    );
    let full = app::insight::export::group_map_svg(
        &t.db,
        &app::model::policy::Policy::default(),
        &hr,
        wave,
        key,
        None,
    )
    .await
    .expect("analysts see every group");
    assert!(
        full.contains(">Legal (3)</text>")
            && !full.contains("left out")
            && (full.contains("Finance ↔ Ops") || full.contains("Ops ↔ Finance")),
        "{full}"
    );
    // The person-level map stays with analysts.
    assert!(matches!(
        app::insight::export::map_data(&t.db, &manager, wave, key, None).await,
        Err(AppError::Forbidden)
    ));
    t.finish().await;
}

/// 120 people, P000..P119: in-degree i, department Even or Odd by its
/// parity, constraint missing for every third, central connectors above 100.
fn table_rows() -> Vec<app::insight::PersonRow> {
    (0..120usize)
        .map(|i| app::insight::PersonRow {
            person_id: 1000 + i as i64,
            name: format!("P{i:03}"),
            // Twelve without one, to sort before every department in A to Z.
            department: (i % 10 != 4).then(|| if i % 2 == 0 { "Even" } else { "Odd" }.into()),
            closeness: i as f64 / 119.0,
            metrics: analysis::NodeMetrics {
                id: (1000 + i).to_string(),
                in_degree: i,
                out_degree: 119 - i,
                in_weight: i as f64,
                out_weight: 0.5,
                betweenness: 0.25,
                harmonic_closeness: i as f64,
                pagerank: Some(1.0 / 120.0),
                eigenvector: None,
                constraint: (i % 3 != 0).then_some(i as f64),
                effective_size: Some(2.5),
                clustering: 0.0,
                reciprocity: None,
                community: i % 4,
                ei_index: Some(-0.5),
                roles: if i > 100 {
                    vec![AnalysisRole::CentralConnector, AnalysisRole::Broker]
                } else {
                    vec![]
                },
            },
        })
        .collect()
}

async fn the_people_table_is_sorted_filtered_and_paged_in_the_database(t: TestDb) {
    use app::insight::{NetworkKey, TableQuery};
    let (ids, hr, survey) = five_people_and_a_survey(&t.db).await;
    let wave = run_wave(&t.db, &hr, survey, &ids, &[(1, 0)], &[1]).await;
    let network = NetworkKey::Relation(first_relation(&t.db, survey).await);
    let everyone = table_rows();
    let stored = app::store::analyses::load_network(&t.db, wave, network)
        .await
        .expect("load")
        .expect("analysed");
    let analysed = everyone
        .iter()
        .map(|row| app::store::analyses::AnalysedPerson {
            row: row.clone(),
            attributes: Default::default(),
            position: None,
        })
        .collect();
    app::store::analyses::save(&t.db, wave, &[(stored, analysed)])
        .await
        .expect("save");
    let table = |query: TableQuery| {
        let db = t.db.clone();
        async move {
            app::store::analyses::people_table(&db, wave, network, &query)
                .await
                .expect("table")
        }
    };
    let first = table(TableQuery::default()).await;
    assert_eq!((first.total, first.pages, first.rows.len()), (120, 3, 50));
    assert_eq!(
        first.rows[0], everyone[119],
        "most named first, every figure kept"
    );
    assert_eq!(first.departments, vec!["Even", "Odd"]);
    let last = table(TableQuery {
        page: Some(9),
        ..TableQuery::default()
    })
    .await;
    assert_eq!(
        (last.page, last.rows.len()),
        (3, 20),
        "a page past the end shows the last"
    );
    for descending in [false, true] {
        let by_constraint = |page| TableQuery {
            sort: Some("constraint".into()),
            descending: Some(descending),
            page: Some(page),
            ..TableQuery::default()
        };
        let head = table(by_constraint(1)).await;
        assert_eq!(
            head.rows[0].metrics.constraint,
            Some(if descending { 119.0 } else { 1.0 }),
        );
        let tail = table(by_constraint(3)).await;
        assert!(
            tail.rows
                .iter()
                .rev()
                .take(20)
                .all(|r| r.metrics.constraint.is_none()),
            "missing figures last, descending {descending}"
        );
    }
    // Every page together, in order: those missing the figure are read
    // apart from the others, and a page can hold some of each.
    let by_name_then_id = |a: &&app::insight::PersonRow, b: &&app::insight::PersonRow| {
        (a.name.as_str(), a.person_id).cmp(&(b.name.as_str(), b.person_id))
    };
    for (sort, descending) in [
        ("constraint", false),
        ("constraint", true),
        ("department", false),
        ("department", true),
    ] {
        let mut read = Vec::new();
        for page in 1..=3 {
            let rows = table(TableQuery {
                sort: Some(sort.into()),
                descending: Some(descending),
                page: Some(page),
                ..TableQuery::default()
            })
            .await
            .rows;
            read.extend(rows.into_iter().map(|r| r.person_id));
        }
        let key = |r: &app::insight::PersonRow| match sort {
            "constraint" => r.metrics.constraint.map(|c| format!("{c:08.1}")),
            _ => r.department.clone(),
        };
        let (mut present, mut missing): (Vec<&app::insight::PersonRow>, Vec<_>) =
            everyone.iter().partition(|r| key(r).is_some());
        present.sort_by(|a, b| {
            let order = key(a).cmp(&key(b));
            let order = if descending { order.reverse() } else { order };
            order.then_with(|| by_name_then_id(a, b))
        });
        missing.sort_by(by_name_then_id);
        let expected: Vec<i64> = if sort == "department" && !descending {
            missing
                .iter()
                .chain(&present)
                .map(|r| r.person_id)
                .collect()
        } else {
            present
                .iter()
                .chain(&missing)
                .map(|r| r.person_id)
                .collect()
        };
        assert_eq!(read, expected, "by {sort}, descending {descending}");
    }
    let by_name = table(TableQuery {
        sort: Some("name".into()),
        ..TableQuery::default()
    })
    .await;
    assert_eq!(
        (by_name.rows[0].name.as_str(), by_name.descending),
        ("P000", false)
    );
    let filtered = table(TableQuery {
        department: Some("Odd".to_string()),
        min_in_degree: Some(100),
        ..TableQuery::default()
    })
    .await;
    assert_eq!(filtered.total, 10, "odd in-degrees from 101 to 119");
    assert!(filtered
        .rows
        .iter()
        .all(|r| r.metrics.roles == vec![AnalysisRole::CentralConnector, AnalysisRole::Broker]));
    let brokers = table(TableQuery {
        role: Some(AnalysisRole::Broker.key().to_string()),
        ..TableQuery::default()
    })
    .await;
    assert_eq!(brokers.total, 19, "in-degrees 101 to 119");
    t.finish().await;
}
