//! Stored text is shown as text. Markup is put into every stored text that a
//! form or page shows again (roster values and attributes, survey names,
//! introductions, questions, options and filters, email wording), then every
//! page the router has is opened, as an administrator and as a manager who
//! may edit their reports, and none may carry the markup as markup.

mod common;

use app::model::auth::Role;
use app::store::testing::TestDb;
use app::surveys::{AttributeQuestion, QuestionKind};

app::backend_tests!(markup_in_stored_text_never_renders_as_markup);

/// What an attacker would store: it closes a textarea (where Leptos writes
/// text unescaped) and opens a form and a refresh of its own.
const MARKUP: &str =
    "</textarea><h1 id=\"planted\">x</h1><meta http-equiv=\"refresh\" content=\"0\">";

/// The markup's signature as markup; escaped it reads `&lt;h1 id=…`.
const PLANTED: &str = "<h1 id=\"planted\"";

async fn markup_in_stored_text_never_renders_as_markup(t: TestDb) {
    let site = common::Site::new(t).await;
    let admin_token = site.set_up().await;
    let t = &site.t;
    let admin = app::auth::service::resolve_session(&t.db, &admin_token)
        .await
        .expect("q")
        .expect("admin")
        .user;
    // A CSV cell quotes its markup; every roster field and a custom attribute carry it.
    let cell = format!("\"{}\"", MARKUP.replace('"', "\"\""));
    let csv = format!(
        "Email,Name,Preferred Name,Department,Team,Title,Location,Manager Email,Grade\n\
         boss@acme.test,Bo Boss,,Ops,Ops,Lead,Lisbon,,1\n\
         rui@acme.test,{cell},{cell},{cell},{cell},{cell},{cell},boss@acme.test,{cell}\n"
    );
    let ids = app::fixtures::import(&t.db, &csv).await;
    let rui = ids[1];

    let mut definition = app::fixtures::definition();
    definition.name = format!("Spring {MARKUP}");
    definition.introduction = format!("Why we ask {MARKUP}");
    definition.relations[0].question = format!("Whom do you ask {MARKUP}");
    definition
        .population
        .attributes
        .insert("Grade".into(), vec![MARKUP.to_string(), "2".into()]);
    definition.questions.push(AttributeQuestion {
        id: 0,
        kind: QuestionKind::Choice,
        prompt: format!("Where do you work {MARKUP}"),
        options: vec![MARKUP.to_string(), "Office".into()],
        shown_options: Vec::new(),
    });
    let survey = app::surveys::service::create_survey(&t.db, &admin, &definition)
        .await
        .expect("survey");
    for purpose in [app::mail::Purpose::Invitation, app::mail::Purpose::Reminder] {
        app::mail::service::save_template(
            &t.db,
            &admin,
            purpose,
            app::model::language::Language::English,
            app::mail::template::Template {
                subject: format!("Hello {MARKUP}"),
                body: format!("Dear {{{{name}}}} {MARKUP}\n\n{{{{link}}}}"),
            },
        )
        .await
        .expect("wording");
    }

    // A manager may edit their report's roster entry.
    let boss = site
        .account("boss@acme.test", "Bo Boss", Role::Manager)
        .await;
    let manager_token =
        app::auth::service::start_session(&t.db, boss, &Default::default(), Default::default())
            .await
            .expect("session");

    let mut pages = 0;
    let mut shown = 0;
    for path in server::http::page_paths() {
        let path = common::axum_style(&path);
        let id = if path.starts_with("/surveys/") {
            survey.to_string()
        } else {
            rui.to_string()
        };
        let filled = path.replace("{id}", &id).replace("{token}", "x");
        for token in [&admin_token, &manager_token] {
            let reply = site.get(&filled, Some(token)).await;
            pages += 1;
            assert!(
                !reply.body.contains(PLANTED),
                "{filled} renders stored markup as markup"
            );
            // The text is there, escaped: the check looks at the right pages.
            if reply.body.contains("&lt;h1 id=") || reply.body.contains("\\u003ch1") {
                shown += 1;
            }
        }
    }
    assert!(pages > 40, "{pages} pages");
    for must_show in [
        format!("/people/{rui}/edit"),
        format!("/surveys/{survey}/edit"),
        "/surveys/email".to_string(),
    ] {
        let reply = site.get(&must_show, Some(&admin_token)).await;
        assert!(
            reply.body.contains("&lt;/textarea&gt;&lt;h1 id="),
            "{must_show} shows the stored text, escaped"
        );
    }
    assert!(
        shown >= 6,
        "the markup was shown, escaped, on {shown} pages"
    );
    site.finish().await;
}
