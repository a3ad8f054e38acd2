//! The roster over HTTP: upload, preview, apply, export, and who may do what.

mod common;

use app::model::auth::Role;
use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Site;

app::backend_tests!(
    upload_preview_apply,
    a_file_with_problems_cannot_be_applied,
    export_is_for_roster_managers_only,
    managers_see_their_reports_only,
);

const ROSTER: &str =
    "Work Email;Employee Name;Department;Team;Job Title;Manager Email;Start Date\n\
    cto@acme.test;Carla Tavares;Engineering;Platform;CTO;;2019-03-15\n\
    rui@acme.test;Rui Costa;Engineering;Platform;Engineer;cto@acme.test;2023-02-01\n\
    bea@acme.test;Beatriz Sousa;Sales;EMEA;=Rep;cto@acme.test;2024-06-01\n";

async fn upload(site: &Site, token: &str, csv: &str, deactivate: bool) -> common::Reply {
    let boundary = "knitboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"as_of\"\r\n\r\n2025-02-01\r\n"
    );
    if deactivate {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"deactivate_missing\"\r\n\r\non\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let request = Request::post("/people/import")
        .header(header::HOST, "knit.test")
        .header(header::COOKIE, format!("knit_session={token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .expect("request");
    site.send(request).await
}

async fn account(site: &Site, admin: &str, email: &str, role: Role) -> String {
    let created = site
        .call(
            "create_account",
            &[("name", email), ("email", email), ("role", role.as_str())],
            Some(admin),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    site.session_of(email).await
}

async fn upload_preview_apply(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let reply = upload(&site, &admin, ROSTER, false).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let preview_url = reply.header("location").to_string();
    assert!(
        preview_url.starts_with("/people/import/") && preview_url.contains("as_of=2025-02-01"),
        "{preview_url}"
    );

    let preview = site.get(&preview_url, Some(&admin)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("3 rows read"), "{}", preview.body);
    assert!(preview.body.contains("Carla Tavares") && preview.body.contains("to add"));
    assert_eq!(
        app::store::people::search(
            &site.t.db,
            app::store::people::Scope::Everyone,
            &Default::default(),
            1,
            50
        )
        .await
        .expect("q")
        .total,
        0,
        "nothing written by the preview"
    );

    let upload_id = preview_url
        .trim_start_matches("/people/import/")
        .split('?')
        .next()
        .expect("id")
        .to_string();
    let applied = site
        .call(
            "apply_import",
            &[("upload_id", upload_id.as_str()), ("as_of", "2025-02-01")],
            Some(&admin),
        )
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert!(
        applied
            .header("location")
            .starts_with("/people?added=3&changed=0"),
        "{}",
        applied.header("location")
    );
    let list = site.get("/people?q=platform", Some(&admin)).await;
    assert!(
        list.body.contains("Carla Tavares")
            && list.body.contains("Rui Costa")
            && !list.body.contains("Beatriz"),
        "{}",
        list.body
    );
    let again = site
        .call(
            "apply_import",
            &[("upload_id", upload_id.as_str()), ("as_of", "2025-02-01")],
            Some(&admin),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an upload is applied once"
    );

    // Someone else's upload is not theirs to see.
    let analyst = account(&site, &admin, "hr@acme.test", Role::Analyst).await;
    let reply = upload(&site, &analyst, ROSTER, false).await;
    let theirs = reply.header("location").to_string();
    let peek = site.get(&theirs, Some(&admin)).await;
    assert!(peek.body.contains("no longer available"), "{}", peek.body);
    site.finish().await;
}

async fn a_file_with_problems_cannot_be_applied(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let broken = format!("{ROSTER}not-an-email;Someone;Sales;;;;\n");
    let url = upload(&site, &admin, &broken, false)
        .await
        .header("location")
        .to_string();
    let preview = site.get(&url, Some(&admin)).await;
    assert!(
        preview.body.contains("Problems to fix") && preview.body.contains("Work Email (column A)"),
        "{}",
        preview.body
    );
    let id = url
        .trim_start_matches("/people/import/")
        .split('?')
        .next()
        .expect("id")
        .to_string();
    let applied = site
        .call(
            "apply_import",
            &[("upload_id", id.as_str()), ("as_of", "")],
            Some(&admin),
        )
        .await;
    assert_eq!(applied.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(applied.body.contains("1 problem"), "{}", applied.body);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(site.t.db.pool())
        .await
        .expect("count");
    assert_eq!(count, 0);
    site.finish().await;
}

async fn export_is_for_roster_managers_only(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let url = upload(&site, &admin, ROSTER, false)
        .await
        .header("location")
        .to_string();
    let id = url
        .trim_start_matches("/people/import/")
        .split('?')
        .next()
        .expect("id")
        .to_string();
    site.call(
        "apply_import",
        &[("upload_id", id.as_str()), ("as_of", "")],
        Some(&admin),
    )
    .await;
    let csv = site.get("/people/export.csv", Some(&admin)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.contains("'=Rep"), "formula escaped: {}", csv.body);
    let manager = account(&site, &admin, "cto@acme.test", Role::Manager).await;
    assert_eq!(
        site.get("/people/export.csv", Some(&manager)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&site, &manager, ROSTER, false).await.status,
        StatusCode::FORBIDDEN
    );
    site.finish().await;
}

async fn managers_see_their_reports_only(t: TestDb) {
    let site = Site::new(t).await;
    let admin = site.set_up().await;
    let url = upload(&site, &admin, ROSTER, false)
        .await
        .header("location")
        .to_string();
    let id = url
        .trim_start_matches("/people/import/")
        .split('?')
        .next()
        .expect("id")
        .to_string();
    site.call(
        "apply_import",
        &[("upload_id", id.as_str()), ("as_of", "")],
        Some(&admin),
    )
    .await;
    let rui = account(&site, &admin, "rui@acme.test", Role::Manager).await;
    let list = site
        .call(
            "people",
            &[("q", ""), ("page", "1"), ("include_inactive", "false")],
            Some(&rui),
        )
        .await;
    assert!(
        list.body.contains("\"total\":0"),
        "Rui manages no one: {}",
        list.body
    );
    let cto = account(&site, &admin, "cto@acme.test", Role::Manager).await;
    let list = site
        .call(
            "people",
            &[("q", ""), ("page", "1"), ("include_inactive", "false")],
            Some(&cto),
        )
        .await;
    assert!(
        list.body.contains("\"total\":2") && !list.body.contains("cto@acme.test"),
        "{}",
        list.body
    );
    let cto_id = app::store::people::find_id_by_email(&site.t.db, "cto@acme.test")
        .await
        .expect("q")
        .expect("id");
    let peek = site
        .call("person", &[("id", cto_id.to_string().as_str())], Some(&rui))
        .await;
    assert_eq!(
        peek.status,
        StatusCode::NOT_FOUND,
        "someone else's report looks like no one at all: {}",
        peek.body
    );
    let erase = site
        .call(
            "erase_person",
            &[("id", cto_id.to_string().as_str())],
            Some(&cto),
        )
        .await;
    assert_eq!(erase.status, StatusCode::FORBIDDEN);
    site.finish().await;
}
