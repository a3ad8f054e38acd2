//! Personal links and the respondent page over HTTP.

mod common;

use app::model::auth::CurrentUser;
use app::model::date::Date;
use app::store::testing::TestDb;
use app::surveys::service;
use app::surveys::{Population, RelationKind, SurveyDefinition};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Site;

app::backend_tests!(
    links_sign_respondents_in_and_leave_the_address_bar,
    respondents_and_staff_are_kept_apart,
    managers_see_rates_but_no_one_s_answers,
    a_colleague_suggested_to_newcomers_can_ask_to_be_suggested_less,
    a_heads_up_s_link_asks_to_be_suggested_less_in_one_click,
    newcomer_links_sign_in_by_session_expire_and_can_be_withdrawn,
    a_respondent_s_form_is_bounded_and_says_what_to_fix,
    under_https_respondent_cookies_are_host_only,
);

/// A roster, a survey with an open wave, and the admin's view of it.
async fn survey(
    site: &Site,
) -> (
    CurrentUser,
    i64,
    i64,
    std::collections::BTreeMap<i64, String>,
) {
    let token = site.set_up().await;
    let session = app::auth::service::resolve_session(&site.t.db, &token)
        .await
        .expect("q")
        .expect("admin");
    let csv = "Email,Name,Team\nrui@acme.test,Rui Costa,Platform\ncarla@acme.test,Carla Tavares,Platform\nbea@acme.test,Beatriz Sousa,Sales\n";
    app::fixtures::import(&site.t.db, csv).await;
    let definition = SurveyDefinition {
        reminder_days: vec![3, 6],
        name: "Spring network".into(),
        introduction: app::model::surveys::DEFAULT_INTRODUCTION.to_string(),
        population: Population::default(),
        relations: vec![RelationKind::Information.template()],
        questions: vec![],
    };
    let survey = service::create_survey(&site.t.db, &session.user, &definition)
        .await
        .expect("survey");
    let wave = service::add_wave(
        &site.t.db,
        &session.user,
        survey,
        &Date::today().iso(),
        &Date::from_days_since_epoch(Date::today().days_since_epoch() + 20).iso(),
    )
    .await
    .expect("wave");
    let tokens = service::open_wave(
        &site.t.db,
        &app::mail::LinkKey::generate(),
        &session.user,
        wave,
    )
    .await
    .expect("open")
    .into_iter()
    .collect();
    (session.user, survey, wave, tokens)
}

/// The id of the person with this email.
async fn person(site: &Site, email: &str) -> i64 {
    app::store::people::find_id_by_email(&site.t.db, email)
        .await
        .expect("q")
        .expect("person")
}

async fn get_with_cookie(site: &Site, path: &str, cookie: &str) -> common::Reply {
    site.send(
        Request::get(path)
            .header(header::HOST, "knit.test")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

async fn links_sign_respondents_in_and_leave_the_address_bar(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, survey_id, wave, tokens) = survey(&site).await;
    let rui = app::store::people::find_id_by_email(&site.t.db, "rui@acme.test")
        .await
        .expect("q")
        .expect("rui");
    let token = &tokens[&rui];

    let reply = site.get(&format!("/s/{token}"), None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header("location"),
        "/respond",
        "the token leaves the address"
    );
    let set_cookie = reply.header("set-cookie").to_string();
    assert!(
        set_cookie.starts_with("knit_respondent=")
            && set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let session = reply.cookie("knit_respondent").expect("cookie");
    assert_ne!(
        &session, token,
        "the cookie is a new id, not the link's token"
    );

    let page = get_with_cookie(&site, "/respond", &format!("knit_respondent={session}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Spring network") && page.body.contains("Hello Rui Costa."),
        "{}",
        page.body
    );
    assert!(!page.body.contains(token.as_str()));

    let nobody = site
        .get(
            "/s/0000000000000000000000000000000000000000000000000000000000000000",
            None,
        )
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
    assert!(nobody.body.contains("This link does not work"));

    // A new link signs out whoever opened the old one.
    let signed_out = |page: &common::Reply| {
        page.status.is_client_error()
            && !page.body.contains("Hello Rui Costa.")
            && page.body.contains("personal link")
    };
    let key = app::mail::LinkKey::generate();
    let new_token = service::reissue_link(&site.t.db, &key, &admin, wave, rui)
        .await
        .expect("new link")
        .token;
    let page = get_with_cookie(&site, "/respond", &format!("knit_respondent={session}")).await;
    assert!(signed_out(&page), "{} {}", page.status, page.body);
    let reply = site.get(&format!("/s/{new_token}"), None).await;
    let session = reply.cookie("knit_respondent").expect("cookie");
    let page = get_with_cookie(&site, "/respond", &format!("knit_respondent={session}")).await;
    assert_eq!(page.status, StatusCode::OK, "the new link works");

    let relation = app::store::surveys::get(&site.t.db, survey_id)
        .await
        .expect("q")
        .expect("survey")
        .definition
        .relations[0]
        .id;
    let search = |session: String| {
        let site = &site;
        async move {
            site.send(
                Request::post("/api/picker")
                    .header(header::HOST, "knit.test")
                    .header(header::COOKIE, format!("knit_respondent={session}"))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(format!("relation_id={relation}&q=Ca")))
                    .expect("request"),
            )
            .await
        }
    };
    let open = search(session.clone()).await;
    assert!(
        open.status.is_success() && open.body.contains("Carla"),
        "{}",
        open.body
    );

    // Closing the wave ends the sessions opened with its links.
    // (Closed as the service does it, without its analysis: an analysed
    // wave's link opens the personal report instead, tested in personal_report.rs.)
    assert!(
        app::store::surveys::close_wave(&site.t.db, wave, Date::today())
            .await
            .expect("close")
    );
    let closed = site.get(&format!("/s/{new_token}"), None).await;
    assert_eq!(closed.status, StatusCode::GONE);
    assert!(closed.body.contains("This survey has closed"));
    assert!(closed.cookie("knit_respondent").is_none());
    let page = get_with_cookie(&site, "/respond", &format!("knit_respondent={session}")).await;
    assert!(signed_out(&page), "{} {}", page.status, page.body);
    let search = search(session).await;
    assert!(
        search.status.is_client_error() && !search.body.contains("Carla"),
        "the roster is not searchable with a closed wave's cookie: {} {}",
        search.status,
        search.body
    );
    site.finish().await;
}

async fn respondents_and_staff_are_kept_apart(t: TestDb) {
    let site = Site::new(t).await;
    let (_, survey_id, wave, tokens) = survey(&site).await;
    let rui = app::store::people::find_id_by_email(&site.t.db, "rui@acme.test")
        .await
        .expect("q")
        .expect("rui");
    let carla = app::store::people::find_id_by_email(&site.t.db, "carla@acme.test")
        .await
        .expect("q")
        .expect("carla");
    let session = follow(&site, &tokens[&rui]).await;
    let relation = first_relation(&site, survey_id).await;

    let save = |cookie: String, fields: Vec<(String, String)>| {
        let body = serde_urlencoded::to_string(&fields).expect("form");
        Request::post("/api/save_response")
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .expect("request")
    };
    let fields = vec![
        (format!("f[tie.{relation}.{carla}]"), "on".to_string()),
        (
            format!("f[scale.{relation}.{carla}.frequency]"),
            "4".to_string(),
        ),
        ("f[action]".to_string(), "submit".to_string()),
    ];
    let saved = site
        .send(save(format!("knit_respondent={session}"), fields.clone()))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.header("location"), "/respond?submitted=1");
    let answers = app::store::surveys::answers_of(&site.t.db, wave, rui)
        .await
        .expect("q");
    assert_eq!(answers.ties.len(), 1);
    assert_eq!(answers.ties[0].scales.get("frequency"), Some(&4));

    // A staff session is not a respondent, and a respondent is not staff.
    let admin = site.sign_in().await;
    let as_staff = site
        .send(save(format!("knit_session={admin}"), fields))
        .await;
    assert_eq!(as_staff.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(as_staff.body.contains("personal link"), "{}", as_staff.body);
    let people = site
        .send(
            Request::post("/api/people")
                .header(header::HOST, "knit.test")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header(header::COOKIE, format!("knit_respondent={session}"))
                .body(Body::from("q=&page=1&include_inactive=false"))
                .expect("request"),
        )
        .await;
    assert_eq!(people.status, StatusCode::UNAUTHORIZED, "{}", people.body);
    let staff_page = get_with_cookie(&site, "/people", &format!("knit_respondent={session}")).await;
    assert_eq!(
        staff_page.status,
        StatusCode::SEE_OTHER,
        "staff pages send respondents to sign in"
    );
    site.finish().await;
}

async fn managers_see_rates_but_no_one_s_answers(t: TestDb) {
    let site = Site::new(t).await;
    let (_, survey_id, _, _) = survey(&site).await;
    let admin = site.sign_in().await;
    let created = site
        .call(
            "create_account",
            &[
                ("name", "Mia"),
                ("email", "mia@acme.test"),
                ("role", "manager"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let manager = site.session_of("mia@acme.test").await;
    let overview = site
        .call(
            "survey",
            &[("id", survey_id.to_string().as_str())],
            Some(&manager),
        )
        .await;
    assert_eq!(overview.status, StatusCode::OK, "{}", overview.body);
    assert!(
        overview.body.contains("\"non_respondents\":null"),
        "{}",
        overview.body
    );
    assert!(
        !overview.body.contains("@acme.test"),
        "no one's identity: {}",
        overview.body
    );
    assert!(
        overview.body.contains("\"invited\":null"),
        "3 people: the total is suppressed too: {}",
        overview.body
    );
    let as_analyst = site
        .call(
            "survey",
            &[("id", survey_id.to_string().as_str())],
            Some(&admin),
        )
        .await;
    assert!(
        as_analyst.body.contains("rui@acme.test"),
        "analysts see who has not answered"
    );
    site.finish().await;
}

async fn a_colleague_suggested_to_newcomers_can_ask_to_be_suggested_less(t: TestDb) {
    let site = Site::new(t).await;
    let (_, _, wave, tokens) = survey(&site).await;
    let (rui, carla, bea) = (
        person(&site, "rui@acme.test").await,
        person(&site, "carla@acme.test").await,
        person(&site, "bea@acme.test").await,
    );
    // Carla was suggested to Beatriz, a newcomer.
    app::fixtures::introduce(
        &site.t.db,
        wave,
        bea,
        &[app::newcomers::SuggestionFacts {
            person_id: carla,
            ground: analysis::newcomers::Ground::TeamReliance,
            reasons: vec![analysis::newcomers::Reason::ReliedOn {
                team: None,
                teammates: 0,
                by_manager: true,
            }],
        }],
        &app::store::newcomers::NewcomerLink {
            seed: "seed",
            token_hash: "hash",
            lifetime_ms: 86_400_000,
        },
        false,
    )
    .await
    .expect("introduced");
    let session = |person: i64| {
        let token = tokens[&person].clone();
        let site = &site;
        async move {
            let reply = site.get(&format!("/s/{token}"), None).await;
            format!(
                "knit_respondent={}",
                reply.cookie("knit_respondent").expect("cookie")
            )
        }
    };
    let carla_cookie = session(carla).await;
    let page = get_with_cookie(&site, "/respond", &carla_cookie).await;
    assert!(
        page.body
            .contains("Knit suggested you to 1 newcomer as someone worth meeting")
            && page.body.contains("Suggest me less often"),
        "{}",
        page.body
    );
    let rui_page = get_with_cookie(&site, "/respond", &session(rui).await).await;
    assert!(
        !rui_page.body.contains("Suggest me less often"),
        "only people who were suggested see it"
    );

    let ask = |cookie: Option<String>| {
        let mut request = Request::post("/api/suggest_less")
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::from("less=true")).expect("request")
    };
    let less_since = || async {
        sqlx::query_scalar::<_, Option<i64>>("SELECT suggest_less_since FROM people WHERE id = $1")
            .bind(carla)
            .fetch_one(site.t.db.pool())
            .await
            .expect("q")
    };
    let anonymous = site.send(ask(None)).await;
    assert!(!anonymous.status.is_success(), "{:?}", anonymous.status);
    assert_eq!(less_since().await, None);

    let asked = site.send(ask(Some(carla_cookie.clone()))).await;
    assert!(
        asked.status.is_success() || asked.status.is_redirection(),
        "{:?}",
        asked.status
    );
    assert!(less_since().await.is_some());
    let page = get_with_cookie(&site, "/respond", &carla_cookie).await;
    assert!(
        page.body.contains("You asked to be suggested less often")
            && page.body.contains("Suggest me as usual"),
        "{}",
        page.body
    );

    // HR sees it on Carla's page, and can set it back at her request.
    let hr = site.sign_in().await;
    let person = site.get(&format!("/people/{carla}"), Some(&hr)).await;
    assert!(
        person.body.contains(
            "Suggested to 1 newcomer in the last three months. Asked to be suggested less often"
        ),
        "{}",
        person.body
    );
    let carla_id = carla.to_string();
    let form = [("id", carla_id.as_str()), ("less", "false")];
    let refused = site.call("person_suggest_less", &form, None).await;
    assert!(!refused.status.is_success());
    assert!(less_since().await.is_some());
    let done = site.call("person_suggest_less", &form, Some(&hr)).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{:?}",
        done.status
    );
    assert_eq!(less_since().await, None);
    site.finish().await;
}

async fn newcomer_links_sign_in_by_session_expire_and_can_be_withdrawn(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, _, wave, _) = survey(&site).await;
    let (bea, carla) = (
        person(&site, "bea@acme.test").await,
        person(&site, "carla@acme.test").await,
    );
    let key = app::mail::LinkKey::generate();
    let introduce = |seed: String| {
        let (db, key) = (site.t.db.clone(), key.clone());
        async move {
            common::introduce_fellow(&db, &key, wave, bea, carla, &seed).await;
        }
    };
    let open = |token: String| {
        let site = &site;
        async move {
            let reply = site.get(&format!("/n/{token}"), None).await;
            let cookie = reply.cookie(app::cookies::SiteCookie::Newcomer.name(false));
            (reply.status, cookie)
        }
    };
    let welcome = |cookie: String| {
        let site = &site;
        async move {
            get_with_cookie(
                site,
                "/welcome",
                &format!(
                    "{}={cookie}",
                    app::cookies::SiteCookie::Newcomer.name(false)
                ),
            )
            .await
        }
    };
    let signed_in = |page: &common::Reply| page.body.contains("Carla Tavares");

    let seed = app::mail::new_seed();
    introduce(seed.clone()).await;
    let token = key.token(&seed);
    let (status, cookie) = open(token.clone()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = cookie.expect("a session cookie");
    assert_ne!(
        cookie, token,
        "the cookie holds a session id, never the link's token"
    );
    assert!(signed_in(&welcome(cookie.clone()).await));

    // HR withdraws the link: the session ends and the link stops working.
    app::newcomers::service::revoke_link(&site.t.db, &admin, bea)
        .await
        .expect("revoked");
    assert!(!signed_in(&welcome(cookie).await));
    assert_eq!(open(token.clone()).await.0, StatusCode::GONE);

    // Emailing the introductions again issues a new link.
    let seed = app::mail::new_seed();
    introduce(seed.clone()).await;
    let renewed = key.token(&seed);
    let (status, cookie) = open(renewed.clone()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the new link works");
    let cookie = cookie.expect("a session cookie");
    assert!(signed_in(&welcome(cookie.clone()).await));
    let old = open(token).await;
    assert!(
        old.0.is_client_error() && old.1.is_none(),
        "the old one still does not: {:?}",
        old.0
    );

    // A link past its days stops working, and so do the sessions it opened.
    sqlx::query("UPDATE newcomer_links SET expires_at = 1 WHERE person_id = $1")
        .bind(bea)
        .execute(site.t.db.pool())
        .await
        .expect("expired");
    assert!(!signed_in(&welcome(cookie).await));
    assert_eq!(open(renewed).await.0, StatusCode::GONE);
    site.finish().await;
}

/// The respondent session a personal link opens.
async fn follow(site: &Site, token: &str) -> String {
    site.get(&format!("/s/{token}"), None)
        .await
        .cookie("knit_respondent")
        .expect("cookie")
}

async fn first_relation(site: &Site, survey_id: i64) -> i64 {
    app::store::surveys::get(&site.t.db, survey_id)
        .await
        .expect("q")
        .expect("s")
        .definition
        .relations[0]
        .id
}

/// A respondent's call through the respondent cookie, as the browser makes it.
async fn respondent_call(site: &Site, session: &str, name: &str, body: String) -> common::Reply {
    site.send(
        Request::post(format!("/api/{name}"))
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, format!("knit_respondent={session}"))
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

async fn a_respondent_s_form_is_bounded_and_says_what_to_fix(t: TestDb) {
    let site = Site::new(t).await;
    let (admin, survey_id, wave, tokens) = survey(&site).await;
    let rui = person(&site, "rui@acme.test").await;
    let carla = person(&site, "carla@acme.test").await;
    let session = follow(&site, &tokens[&rui]).await;
    let relation = first_relation(&site, survey_id).await;
    let saved = || async {
        app::store::surveys::answers_of(&site.t.db, wave, rui)
            .await
            .expect("answers")
            .ties
            .len()
    };
    let reply = respondent_call(
        &site,
        &session,
        "save_response",
        format!("f[tie.{relation}.{carla}]=on&f[action]=save"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(saved().await, 1);

    // More ties than a form takes: refused, saying how many, nothing lost.
    let many: Vec<String> = (1..=501)
        .map(|id| format!("f[tie.{relation}.{}]=on", 100_000 + id))
        .collect();
    let reply = respondent_call(&site, &session, "save_response", many.join("&")).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("at most 500"), "{}", reply.body);
    assert_eq!(saved().await, 1, "what was saved stays");

    // Someone imported after the wave opened is not in its network.
    let plan = app::people::service::plan_file(
        &site.t.db,
        b"Email,Name,Team\nlate@acme.test,Lea Late,Platform\n",
        false,
    )
    .await
    .expect("plan");
    app::people::service::apply_plan(
        &site.t.db,
        &Default::default(),
        &plan,
        Date::today(),
        None,
        "late.csv",
        &|_| {},
    )
    .await
    .expect("apply");
    let late = person(&site, "late@acme.test").await;
    let reply = respondent_call(
        &site,
        &session,
        "save_response",
        format!("f[tie.{relation}.{carla}]=on&f[tie.{relation}.{late}]=on&f[action]=save"),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(
        reply
            .body
            .contains("not among the people this survey asks about"),
        "{}",
        reply.body
    );
    // Nor is someone who had left when they were named; a colleague named
    // before they left stays in the answers.
    let bea = person(&site, "bea@acme.test").await;
    for who in [bea, carla] {
        app::people::service::set_status(
            &site.t.db,
            &Default::default(),
            &admin,
            who,
            app::people::Status::Inactive,
        )
        .await
        .expect("deactivate");
    }
    let both = format!("f[tie.{relation}.{carla}]=on&f[tie.{relation}.{bea}]=on&f[action]=save");
    let reply = respondent_call(&site, &session, "save_response", both).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let kept = format!("f[tie.{relation}.{carla}]=on&f[action]=save");
    let reply = respondent_call(&site, &session, "save_response", kept).await;
    assert_eq!(reply.status, StatusCode::OK, "Carla stays: {}", reply.body);
    let found = respondent_call(
        &site,
        &session,
        "picker",
        format!("relation_id={relation}&q=Lea"),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        !found.body.contains("Lea Late"),
        "the picker does not offer them: {}",
        found.body
    );
    assert_eq!(saved().await, 1);

    // Thirty thousand ratings in one form: read once, refused for its ties.
    let ratings: Vec<String> = (0..30_000)
        .map(|i| format!("f[scale.{relation}.{carla}.k{i}]=1"))
        .collect();
    let reply = respondent_call(
        &site,
        &session,
        "save_response",
        format!("f[tie.{relation}.{carla}]=on&{}", ratings.join("&")),
    )
    .await;
    assert!(
        [
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::PAYLOAD_TOO_LARGE
        ]
        .contains(&reply.status),
        "{} {}",
        reply.status,
        reply.body
    );
    // A body of 2 MB is refused before it is read.
    let reply = respondent_call(
        &site,
        &session,
        "save_response",
        "f[x]=".to_string() + &"a".repeat(2 << 20),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert_eq!(saved().await, 1);

    // A call without its argument: 400, naming it.
    let reply = respondent_call(
        &site,
        &session,
        "rate",
        format!("person_id={carla}&key=frequency"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(reply.body.contains("relation_id"), "{}", reply.body);

    // Names with a line break are refused at input, naming the field.
    let mut definition = app::fixtures::definition();
    definition.name = "Spring\r\nBcc: everyone@acme.test".into();
    let err = service::create_survey(&site.t.db, &admin, &definition)
        .await
        .expect_err("a name on two lines");
    assert!(err.to_string().starts_with("Name:"), "{err}");
    site.finish().await;
}

async fn under_https_respondent_cookies_are_host_only(t: TestDb) {
    let site = Site::with_settings(
        t,
        app::context::AppSettings {
            public_url: "https://knit.test".into(),
            secure_cookies: true,
            ..Site::settings()
        },
    )
    .await;
    let (_, _, _, tokens) = survey(&site).await;
    let rui = person(&site, "rui@acme.test").await;
    let reply = site.get(&format!("/s/{}", tokens[&rui]), None).await;
    let set_cookie = reply.header("set-cookie").to_string();
    assert!(
        set_cookie.starts_with("__Host-knit_respondent=")
            && set_cookie.contains("Secure")
            && set_cookie.contains("Path=/")
            && !set_cookie.contains("Domain"),
        "{set_cookie}"
    );
    let session = reply.cookie("__Host-knit_respondent").expect("cookie");
    // A cookie without the prefix (which a neighbouring site could plant) is not read.
    let planted = get_with_cookie(&site, "/respond", &format!("knit_respondent={session}")).await;
    assert!(
        !planted.body.contains("Hello Rui Costa."),
        "{}",
        planted.body
    );
    let page = get_with_cookie(
        &site,
        "/respond",
        &format!("__Host-knit_respondent={session}"),
    )
    .await;
    assert!(page.body.contains("Hello Rui Costa."), "{}", page.body);
    site.finish().await;
}

async fn a_heads_up_s_link_asks_to_be_suggested_less_in_one_click(t: TestDb) {
    let site = Site::new(t).await;
    survey(&site).await;
    let carla = person(&site, "carla@acme.test").await;
    let token = site.settings.link_key.suggest_less_token(carla);
    let less = || async {
        sqlx::query_scalar::<_, Option<i64>>("SELECT suggest_less_since FROM people WHERE id = $1")
            .bind(carla)
            .fetch_one(site.t.db.pool())
            .await
            .expect("q")
    };
    // Opening the link (as a mail scanner would) changes nothing: it shows a button.
    let page = site.get(&format!("/less/{carla}/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Suggest me less often") && page.body.contains("method=\"post\""));
    assert_eq!(less().await, None);
    let press = |token: String| {
        let request = axum::http::Request::post(format!("/less/{carla}/{token}"))
            .header(axum::http::header::HOST, "knit.test")
            .header("sec-fetch-site", "same-origin")
            .body(axum::body::Body::empty())
            .expect("request");
        site.send(request)
    };
    // Another person's token, or a made-up one, does nothing.
    let bea = person(&site, "bea@acme.test").await;
    let wrong = press(site.settings.link_key.suggest_less_token(bea)).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(less().await, None);
    let done = press(token).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(
        less().await.is_some(),
        "Carla is suggested less from now on"
    );
    site.finish().await;
}
