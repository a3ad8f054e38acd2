//! What newcomers and their managers read about suggested colleagues gives no
//! one's answer away: on the demo company, every introductions email, every
//! manager's copy, every newcomer's own page and every manager's view of their
//! newcomers holds roster facts and counts of at least five people only. The
//! analyst, who may see everything, reads the full reasons, and the same check
//! finds answers in those: it is not a check that cannot fail.

mod common;

use app::auth::model::{CurrentUser, Role};
use app::newcomers::Happening;
use app::people::date::Date;
use app::store::testing::TestDb;
use app::surveys::{Answers, GroupResponse, TieAnswer};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

app::backend_tests!(
    newcomers_and_managers_learn_no_ones_answer_from_introductions,
    generated_organizations_give_no_answer_and_no_small_figure_away,
);

fn reader(email: &str, role: Role) -> CurrentUser {
    CurrentUser {
        id: 0,
        email: email.into(),
        name: "Reader".into(),
        role,
    }
}

/// What in a reason would give an answer away: a manager's, a tie between
/// others, a broker's ties, or a count of fewer than five people.
fn disclosure(reason: &str) -> Option<String> {
    for phrase in [
        "manager",
        "works with",
        "whom you already know",
        " links ",
        "connects colleagues",
        "1 person",
    ] {
        if reason.contains(phrase) {
            return Some(format!("'{phrase}' in: {reason}"));
        }
    }
    let words: Vec<&str> = reason.split_whitespace().collect();
    for pair in words.windows(2) {
        if let (Ok(n), "people" | "person") = (pair[0].parse::<usize>(), pair[1]) {
            if n < app::disclosure::min_people() {
                return Some(format!("a count of {n} in: {reason}"));
            }
        }
    }
    None
}

fn assert_discloses_nothing(what: &str, reasons: &[String]) {
    for reason in reasons {
        if let Some(found) = disclosure(reason) {
            panic!("{what} discloses an answer: {found}");
        }
    }
}

/// The introduction lines of an email as written to the outbox folder.
fn introduction_lines(eml: &str) -> Vec<String> {
    app::mail::folder::quoted_printable(eml)
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains(": "))
        .filter_map(|l| l.split_once(": ").map(|(_, reasons)| reasons.to_string()))
        .collect()
}

async fn newcomers_and_managers_learn_no_ones_answer_from_introductions(t: TestDb) {
    let key = app::mail::LinkKey::generate();
    server::demo::load(&t.db, &key, 300, 1, Date::new(2026, 6, 30).expect("date"))
        .await
        .expect("demo");
    let copy = app::newcomers::NewcomerSettings {
        copy_manager: true,
        ..Default::default()
    };
    app::store::newcomers::save_settings(&t.db, &copy)
        .await
        .expect("settings");
    let hr = reader("hr@example.com", Role::Analyst);
    let view = app::newcomers::service::page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analyzed");

    // The analyst reads every fact, answers included.
    let analyst_reasons: Vec<String> = view
        .rows
        .iter()
        .flat_map(|r| r.suggestions.iter().flat_map(|s| s.reasons.clone()))
        .collect();
    assert!(
        analyst_reasons.iter().any(|r| disclosure(r).is_some()),
        "the check finds answers in the analyst's full reasons"
    );

    let newcomers: Vec<i64> = view
        .rows
        .iter()
        .filter(|r| !r.suggestions.is_empty())
        .map(|r| r.figures.person_id)
        .collect();
    assert!(newcomers.len() >= 10, "{}", newcomers.len());
    for &newcomer in &newcomers {
        app::newcomers::service::send_introductions(&t.db, &key, &hr, newcomer)
            .await
            .expect("sent");
    }

    // Every newcomer's own page.
    let mut shown = 0;
    for &newcomer in &newcomers {
        for i in app::newcomers::service::my_introductions(&t.db, newcomer)
            .await
            .expect("page")
        {
            assert!(!i.reasons.is_empty(), "every colleague comes with a reason");
            assert_discloses_nothing("a newcomer's page", &i.reasons);
            shown += 1;
        }
    }
    assert!(shown >= 20, "{shown}");

    // Every manager's view of their newcomers, list and page.
    let managers: std::collections::BTreeSet<i64> = view
        .rows
        .iter()
        .filter_map(|r| r.figures.manager_id)
        .collect();
    for manager in managers {
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(manager)
            .fetch_one(t.db.pool())
            .await
            .expect("email");
        // A real account: a manager's reports are found through it.
        let id = app::auth::service::create_account(
            &t.db,
            &email,
            "Manager",
            Role::Manager,
            "a long password".into(),
        )
        .await
        .expect("account");
        let as_manager = CurrentUser {
            id,
            ..reader(&email, Role::Manager)
        };
        let theirs = app::newcomers::service::page(&t.db, &as_manager, 0)
            .await
            .expect("view")
            .expect("analyzed");
        assert!(!theirs.rows.is_empty(), "{email} sees their newcomers");
        for row in &theirs.rows {
            for s in &row.suggestions {
                assert_discloses_nothing("a manager's list", &s.reasons);
            }
            let one = app::newcomers::service::one(&t.db, &as_manager, row.figures.person_id)
                .await
                .expect("page")
                .expect("their newcomer");
            for s in &one.row.suggestions {
                assert_discloses_nothing("a manager's newcomer page", &s.reasons);
            }
        }
    }

    // Every email: the newcomer's and the manager's copy.
    let folder = common::deliver_to_folder(&t.db, &key, "disclosure").await;
    let mut emails = 0;
    let mut copies = 0;
    for entry in std::fs::read_dir(&folder).expect("outbox folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let is_copy = name.contains("-manager_copy-");
        if !name.contains("-introductions-") && !is_copy {
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| {
                std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
            };
            assert_eq!(mode(&path), 0o600, "{name} carries a personal link");
            assert_eq!(mode(&folder), 0o700);
        }
        let lines = introduction_lines(&std::fs::read_to_string(&path).expect("eml"));
        assert!(!lines.is_empty(), "{name} lists its introductions");
        assert_discloses_nothing(&name, &lines);
        if is_copy {
            copies += 1;
        } else {
            emails += 1;
        }
    }
    assert_eq!(emails, newcomers.len(), "one email per newcomer");
    assert!(copies > 0, "managers got their copies");
    std::fs::remove_dir_all(&folder).ok();
    t.finish().await;
}

/// A generated organization: a head of each of three departments, under them
/// teams of 1 to 6 (each led by its first member, so a team of two is a
/// manager with one report), the newest member of each team of two or more
/// hired 45 days before the last wave; every respondent names one to four
/// colleagues, mostly teammates. Returns the roster CSV and, per person, the
/// team they belong to (people are numbered as the CSV lists them).
fn generated_roster(today: Date) -> (String, Vec<usize>, Vec<bool>) {
    let iso = |days: i64| Date::from_days_since_epoch(today.days_since_epoch() + days).iso();
    let mut csv = String::from("Email,Name,Department,Team,Manager Email,Start Date\n");
    let mut team_of = Vec::new();
    let mut newcomer = Vec::new();
    csv.push_str(&format!(
        "ceo@gen.test,Cleo Ceo,Board,Board,,{}\n",
        iso(-2000)
    ));
    team_of.push(0);
    newcomer.push(false);
    let mut team = 0;
    for (d, department) in ["Alpha", "Beta", "Gamma"].iter().enumerate() {
        let head = format!("head{d}@gen.test");
        csv.push_str(&format!(
            "{head},Head {department},{department},{department} leads,ceo@gen.test,{}\n",
            iso(-1500)
        ));
        team += 1;
        team_of.push(team);
        newcomer.push(false);
        for size in 1..=6usize {
            if (size + d) % 3 == 0 && size > 2 {
                continue; // not every size in every department: groups of all shapes
            }
            team += 1;
            let lead = format!("lead{team}@gen.test");
            for member in 0..size {
                let email = if member == 0 {
                    lead.clone()
                } else {
                    format!("p{team}x{member}@gen.test")
                };
                let manager = if member == 0 {
                    head.clone()
                } else {
                    lead.clone()
                };
                let is_new = size >= 2 && member == size - 1;
                let hired = if is_new { iso(-50) } else { iso(-900) };
                csv.push_str(&format!(
                    "{email},Person {team}-{member},{department},{department} {size}-{team},{manager},{hired}\n"
                ));
                team_of.push(team);
                newcomer.push(is_new);
            }
        }
    }
    (csv, team_of, newcomer)
}

/// A scale's key and its lowest and highest value.
type ScaleRange = (String, i64, i64);

/// A manager's or anyone's view of response rates gives no group of fewer
/// than `k` answers away, alone or by difference from the total.
fn assert_rates_safe(what: &str, overall: &GroupResponse, groups: &[GroupResponse], k: i64) {
    if let Some(answered) = overall.answered {
        assert!(answered >= k, "{what}: a total of {answered}");
    }
    for g in groups {
        assert!(g.declined.is_none(), "{what}: declines by group");
        if let Some(a) = g.answered {
            assert!(a >= k, "{what}: {} shows {a} answers", g.group);
        }
    }
    let hidden: Vec<&GroupResponse> = groups.iter().filter(|g| g.answered.is_none()).collect();
    if overall.answered.is_some() && !hidden.is_empty() {
        let shown: i64 = groups.iter().filter_map(|g| g.answered).sum();
        let by_difference = overall.answered.unwrap_or(0) - shown;
        assert!(
            hidden.len() >= 2 && by_difference >= k,
            "{what}: {} hidden groups worked out as {by_difference}",
            hidden.len()
        );
    }
}

async fn generated_organizations_give_no_answer_and_no_small_figure_away(t: TestDb) {
    let k = app::disclosure::min_people();
    let today = Date::today();
    let iso = |days: i64| Date::from_days_since_epoch(today.days_since_epoch() + days).iso();
    let (csv, team_of, newcomer) = generated_roster(today);
    let plan = app::people::service::plan_file(&t.db, csv.as_bytes(), false)
        .await
        .expect("plan");
    app::people::service::apply_plan(
        &t.db,
        &plan,
        Date::from_days_since_epoch(today.days_since_epoch() - 400),
        None,
        "gen.csv",
        &|_| {},
    )
    .await
    .expect("roster");
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM people ORDER BY id")
        .fetch_all(t.db.pool())
        .await
        .expect("ids");
    assert_eq!(ids.len(), team_of.len());
    let key = app::mail::LinkKey::generate();
    let definition = app::store::testing::fixtures::definition();
    let survey = app::store::surveys::create(&t.db, &definition, None)
        .await
        .expect("survey");
    // Each relation with the scale keys it asks (energy, for the energy relation).
    let asked: Vec<(i64, Vec<ScaleRange>)> = app::store::surveys::get(&t.db, survey)
        .await
        .expect("read")
        .expect("survey")
        .definition
        .relations
        .iter()
        .map(|r| {
            (
                r.id,
                r.scales
                    .iter()
                    .map(|s| (s.key.clone(), s.min, s.max))
                    .collect(),
            )
        })
        .collect();
    let relations: Vec<i64> = asked.iter().map(|(id, _)| *id).collect();
    let mut rng = StdRng::seed_from_u64(7);
    let mut waves = Vec::new();
    for (opens, closes) in [(-140, -120), (-20, -5)] {
        let wave = app::store::surveys::create_wave(&t.db, survey, &iso(opens), &iso(closes))
            .await
            .expect("wave");
        let invited: Vec<usize> = (0..ids.len())
            .filter(|&i| closes > -60 || !newcomer[i])
            .collect();
        let links = invited
            .iter()
            .map(|&i| {
                let seed = app::mail::new_seed();
                let token_hash = app::auth::service::hash_token(&key.token(&seed));
                (ids[i], app::store::surveys::NewLink { seed, token_hash })
            })
            .collect();
        app::store::surveys::open_wave(&t.db, wave, links)
            .await
            .expect("open");
        for &i in &invited {
            if rng.gen_bool(0.15) {
                continue;
            }
            let mut answers = Answers::default();
            for _ in 0..rng.gen_range(1..=4) {
                let teammates: Vec<usize> = invited
                    .iter()
                    .copied()
                    .filter(|&j| j != i && team_of[j] == team_of[i])
                    .collect();
                let j = if !teammates.is_empty() && rng.gen_bool(0.6) {
                    teammates[rng.gen_range(0..teammates.len())]
                } else {
                    invited[rng.gen_range(0..invited.len())]
                };
                if j == i || answers.ties.iter().any(|t| t.named_id == ids[j]) {
                    continue;
                }
                for (relation_id, scales) in &asked {
                    answers.ties.push(TieAnswer {
                        relation_id: *relation_id,
                        named_id: ids[j],
                        scales: scales
                            .iter()
                            .map(|(key, min, max)| (key.clone(), rng.gen_range(*min..=*max)))
                            .collect(),
                    });
                }
            }
            app::surveys::service::save_answers(&t.db, wave, ids[i], &answers, true)
                .await
                .expect("answers");
        }
        app::store::surveys::close_wave(&t.db, wave)
            .await
            .expect("close");
        app::jobs::analyze_wave(&t.db, wave)
            .await
            .expect("analyzed");
        waves.push(wave);
    }
    app::store::outbox::cancel_queued(&t.db, "generated")
        .await
        .expect("cancel");
    app::store::newcomers::save_settings(
        &t.db,
        &app::newcomers::NewcomerSettings {
            copy_manager: true,
            ..Default::default()
        },
    )
    .await
    .expect("settings");

    // HR emails every newcomer their introductions.
    let hr = reader("hr@gen.test", Role::Analyst);
    let view = app::newcomers::service::page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analyzed");
    let newcomers: Vec<i64> = view
        .rows
        .iter()
        .filter(|r| !r.suggestions.is_empty())
        .map(|r| r.figures.person_id)
        .collect();
    assert!(
        newcomers.len() >= 8,
        "{} newcomers with suggestions",
        newcomers.len()
    );
    for &n in &newcomers {
        app::newcomers::service::send_introductions(&t.db, &key, &hr, n)
            .await
            .expect("sent");
    }

    // Every manager, down to those with one report: their newcomers, one by
    // one, the figures beside them and the survey's response rates, as the
    // server functions hand them out and as the pages render them.
    let site = common::Site::new(t).await;
    site.set_up().await;
    let t = &site.t;
    let managers: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT manager_id FROM people WHERE manager_id IS NOT NULL ORDER BY manager_id",
    )
    .fetch_all(t.db.pool())
    .await
    .expect("managers");
    let one_report: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT manager_id FROM people WHERE manager_id IS NOT NULL GROUP BY manager_id HAVING COUNT(*) = 1) m")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert!(one_report >= 3, "managers with one report: {one_report}");
    let mut newcomer_views = 0;
    for manager in managers {
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(manager)
            .fetch_one(t.db.pool())
            .await
            .expect("email");
        let account = app::auth::service::create_account(
            &t.db,
            &email,
            "Manager",
            Role::Manager,
            "a long password".into(),
        )
        .await
        .expect("account");
        let token = app::auth::service::start_session(
            &t.db,
            account,
            &Default::default(),
            Default::default(),
        )
        .await
        .expect("session");
        let as_manager = CurrentUser {
            id: account,
            email: email.clone(),
            name: "Manager".into(),
            role: Role::Manager,
        };
        let theirs = app::newcomers::service::page(&t.db, &as_manager, 0)
            .await
            .expect("page")
            .expect("analyzed");
        assert!(!theirs.individual);
        let s = &theirs.summary;
        assert!(
            s.bands.is_empty() && s.pulses.is_empty(),
            "{email}: bands or pulses"
        );
        for c in &s.cohorts {
            assert!(c.people >= k, "{email}: a cohort row of {}", c.people);
        }
        for c in s.by_reason.iter().chain(&s.by_cohort) {
            assert!(
                c.newcomers >= k,
                "{email}: a conversion row of {} newcomers",
                c.newcomers
            );
        }
        for p in &s.pace {
            assert!(p.people >= k, "{email}: a pace row of {}", p.people);
        }
        for row in &theirs.rows {
            let detail = app::newcomers::service::one(&t.db, &as_manager, row.figures.person_id)
                .await
                .expect("one")
                .expect("their newcomer");
            assert!(detail.band.is_empty());
            for f in [&row.figures, &detail.row.figures] {
                assert_eq!(
                    (
                        f.in_degree,
                        f.out_degree,
                        f.reciprocated,
                        f.teams_reached,
                        f.departments_reached
                    ),
                    (0, 0, 0, 0, 0),
                    "{email}: counts of one newcomer's ties"
                );
                assert!(
                    !f.at_risk
                        && f.curve.is_empty()
                        && f.history.is_empty()
                        && f.first_named_day.is_none()
                        && f.tenured_median_day.is_none()
                        && f.met_an_introduction.is_none()
                );
                assert!(
                    f.timeline.iter().all(|e| matches!(
                        e.what,
                        Happening::Joined { .. } | Happening::Introduced { .. }
                    )),
                    "{email}: {:?}",
                    f.timeline
                );
            }
            for s in row.suggestions.iter().chain(&detail.row.suggestions) {
                assert_discloses_nothing("a manager's view", &s.reasons);
            }
            let html = site
                .get(
                    &format!("/newcomers/{}", row.figures.person_id),
                    Some(&token),
                )
                .await;
            assert_eq!(html.status, 200, "{}", html.body);
            for heading in [
                "<dt>Come to them</dt>",
                "They go to",
                "Wave by wave",
                "integration at risk",
                "not useful",
                "marked",
            ] {
                assert!(
                    !html.body.contains(heading),
                    "{email}'s page of a newcomer shows '{heading}'"
                );
            }
            newcomer_views += 1;
        }
        let list = site.get("/newcomers", Some(&token)).await;
        assert_eq!(list.status, 200);
        for heading in [
            "They go to",
            "vs tenured",
            "integration at risk",
            "Integration curves",
        ] {
            assert!(
                !list.body.contains(heading),
                "{email}'s newcomers list shows '{heading}'"
            );
        }
        for &wave in &waves {
            let (overall, groups) = app::surveys::service::response_rates(&t.db, &as_manager, wave)
                .await
                .expect("rates");
            assert_rates_safe(&email, &overall, &groups, k as i64);
        }
        assert_eq!(
            site.get(&format!("/surveys/{survey}"), Some(&token))
                .await
                .status,
            200
        );
        assert_eq!(
            site.get(&format!("/insight/{}", waves[1]), Some(&token))
                .await
                .status,
            403,
            "insight is for analysts"
        );
    }
    assert!(
        newcomer_views >= newcomers.len(),
        "every newcomer was seen by their manager"
    );

    // Every newcomer's own page.
    for &n in &newcomers {
        let intros = app::newcomers::service::my_introductions(&t.db, n)
            .await
            .expect("page");
        assert!(!intros.is_empty());
        for i in intros {
            assert_discloses_nothing("a newcomer's page", &i.reasons);
        }
    }

    // Every email: introductions and managers' copies.
    let folder = common::deliver_to_folder(&t.db, &key, "generated").await;
    let mut read = 0;
    for entry in std::fs::read_dir(&folder).expect("outbox folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("eml");
        assert_discloses_nothing(&path.display().to_string(), &introduction_lines(&text));
        read += 1;
    }
    assert!(
        read > newcomers.len(),
        "introductions and managers' copies: {read}"
    );

    // A respondent sees their own answers, never anyone else's about them.
    let wave = app::store::surveys::create_wave(&t.db, survey, &iso(0), &iso(14))
        .await
        .expect("wave");
    let links = ids
        .iter()
        .map(|&id| {
            let seed = app::mail::new_seed();
            let token_hash = app::auth::service::hash_token(&key.token(&seed));
            (id, app::store::surveys::NewLink { seed, token_hash })
        })
        .collect();
    app::store::surveys::open_wave(&t.db, wave, links)
        .await
        .expect("open");
    let (a, b) = (ids[5], ids[6]);
    app::surveys::service::save_answers(
        &t.db,
        wave,
        a,
        &app::store::testing::fixtures::naming(relations[0], &[b]),
        true,
    )
    .await
    .expect("a names b");
    let form = app::surveys::service::response_form(&t.db, wave, b, None)
        .await
        .expect("b's form");
    assert!(form.chosen.is_empty(), "b does not see that a named them");
    assert!(form
        .notice
        .iter()
        .any(|n| n.contains(&format!("at least {k}"))));
    std::fs::remove_dir_all(&folder).ok();
    site.finish().await;
}
