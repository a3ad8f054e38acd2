//! An analyst uploads a network from elsewhere as an extra relation of a wave.

mod common;

use app::fixtures::{definition, import, in_days};
use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Site;

app::backend_tests!(an_uploaded_edge_list_becomes_an_analyzed_network_of_the_wave);

fn multipart(name: &str, csv: &str) -> (String, String) {
    let boundary = "knitboundary42";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n{name}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"weight\"\r\n\r\nmessages\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"email.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn an_uploaded_edge_list_becomes_an_analyzed_network_of_the_wave(t: TestDb) {
    let site = Site::new(t).await;
    let token = site.set_up().await;
    let user = app::auth::service::resolve_session(&site.t.db, &token)
        .await
        .expect("q")
        .expect("admin")
        .user;
    import(
        &site.t.db,
        "Email,Name,Department\na@x.test,Ana,Sales\nb@x.test,Bea,Sales\nc@x.test,Carla,Finance\n",
    )
    .await;
    let survey = app::surveys::service::create_survey(&site.t.db, &user, &definition())
        .await
        .expect("survey");
    let wave = app::surveys::service::add_wave(&site.t.db, &user, survey, &in_days(0), &in_days(9))
        .await
        .expect("wave");
    app::surveys::service::open_wave(&site.t.db, &app::mail::LinkKey::generate(), &user, wave)
        .await
        .expect("open");

    let post = |content_type: String, body: String| {
        Request::post(format!("/insight/{wave}/networks"))
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, format!("knit_session={token}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request")
    };
    // Someone not on the roster: the row is named and nothing is stored.
    let (kind, body) = multipart(
        "Email",
        "from,to,messages\na@x.test,b@x.test,12\nb@x.test,zed@x.test,3\n",
    );
    let reply = site.send(post(kind, body)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.header("location").to_string();
    assert!(
        location.contains("error=")
            && location.contains("row+3")
            && location.contains("zed%40x.test"),
        "{location}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM imported_networks")
        .fetch_one(site.t.db.pool())
        .await
        .expect("n");
    assert_eq!(stored, 0);

    let (kind, body) = multipart(
        "Email",
        "from,to,messages\na@x.test,b@x.test,12\nB@x.test,c@x.test,3\nc@x.test,c@x.test,9\n",
    );
    let reply = site.send(post(kind, body)).await;
    assert!(
        reply.header("location").ends_with("imported=2"),
        "{}",
        reply.header("location")
    );
    // Analysed in the background.
    let mut tries = 0;
    let insight = loop {
        let insight = app::insight::service::wave_insight(
            &site.t.db,
            &app::model::policy::Policy::default(),
            &user,
            wave,
            None,
        )
        .await
        .expect("insight");
        if insight.relations.iter().any(|r| r.question == "Email") || tries > 100 {
            break insight;
        }
        tries += 1;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let email = insight
        .relations
        .iter()
        .find(|r| r.question == "Email")
        .expect("the imported network is analysed");
    assert_eq!((email.figures.people, email.figures.ties), (3, 2));
    assert!(matches!(email.network, app::insight::NetworkKey::Import(_)));
    assert_eq!(
        insight.relations.len(),
        3,
        "two survey relations and the import"
    );

    // Its map and files, for analysts and admins.
    let query = format!("network={}", email.network.key());
    let gexf = site
        .get(
            &format!("/insight/{wave}/export?{query}&format=gexf"),
            Some(&token),
        )
        .await;
    assert_eq!(gexf.status, StatusCode::OK, "{}", gexf.body);
    assert!(gexf
        .header("content-disposition")
        .starts_with("attachment; filename=\"knit-wave-"));
    assert_eq!(gexf.body.matches("<node ").count(), 3);
    assert_eq!(gexf.body.matches("<edge ").count(), 2);
    assert!(gexf.body.contains("weight=\"12.0\""), "{}", gexf.body);
    assert!(
        gexf.body.contains("<viz:position "),
        "positions from the stored layout"
    );
    let ties = site
        .get(
            &format!("/insight/{wave}/export?{query}&format=ties-csv"),
            Some(&token),
        )
        .await;
    assert_eq!(ties.body.lines().count(), 3, "{}", ties.body);
    let map = site
        .get(&format!("/insight/{wave}/map.svg?{query}"), Some(&token))
        .await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.header("content-type").starts_with("image/svg+xml"));
    assert_eq!(
        map.body.matches("<title>").count(),
        4,
        "the title and three people"
    );
    // Coloured and sized by anything: here by community, sized by betweenness.
    let styled = site
        .get(
            &format!("/insight/{wave}/map.svg?{query}&colour=community&size=betweenness"),
            Some(&token),
        )
        .await;
    assert!(styled.body.contains(">community 0 ("), "{}", styled.body);
    assert_ne!(
        styled.body, map.body,
        "another colouring draws another picture"
    );
    // Find a person: Bea's ties drawn dark, her name written; the ego view
    // keeps only the person found and the colleagues they are tied to.
    let found = site
        .get(
            &format!("/insight/{wave}/map.svg?{query}&find=bea"),
            Some(&token),
        )
        .await;
    assert!(
        found.body.contains("font-weight=\"bold\">Bea</text>"),
        "{}",
        found.body
    );
    let ego = site
        .get(
            &format!("/insight/{wave}/map.svg?{query}&find=bea&ego=1"),
            Some(&token),
        )
        .await;
    assert_eq!(
        ego.body.matches("<title>").count(),
        4,
        "the title, Bea, Ana and Carla"
    );
    // One department's map: its people and the ties among them alone.
    let sales = site
        .get(
            &format!("/insight/{wave}/map.svg?{query}&only=Sales"),
            Some(&token),
        )
        .await;
    assert_eq!(sales.status, StatusCode::OK, "{}", sales.body);
    assert_eq!(
        sales.body.matches("<title>").count(),
        3,
        "the title and Sales' two people: {}",
        sales.body
    );
    assert!(sales.body.contains(">Sales ("), "{}", sales.body);
    assert!(!sales.body.contains(">Finance ("), "{}", sales.body);
    let nowhere = site
        .get(
            &format!("/insight/{wave}/map.svg?{query}&only=Nowhere"),
            Some(&token),
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(
        nowhere
            .body
            .contains("No one in this network has department 'Nowhere'"),
        "{}",
        nowhere.body
    );
    let groups = site
        .get(
            &format!("/insight/{wave}/groups.svg?{query}&group=department"),
            Some(&token),
        )
        .await;
    assert!(
        groups.body.contains("aria-label=\"Group map\""),
        "{}",
        groups.body
    );
    assert!(
        groups.body.contains(">Sales (2)</text>") && groups.body.contains(">Finance (1)</text>")
    );
    assert!(
        groups.body.contains("Sales ↔ Finance") || groups.body.contains("Finance ↔ Sales"),
        "Bea → Carla crosses"
    );
    // The interactive map's data: the same people, places and ties as the
    // exports, every figure, and the wave's other networks to switch to.
    let data = site
        .get(&format!("/insight/{wave}/map.json?{query}"), Some(&token))
        .await;
    assert_eq!(data.status, StatusCode::OK, "{}", data.body);
    assert!(data.header("content-type").starts_with("application/json"));
    let data: serde_json::Value = serde_json::from_str(&data.body).expect("json");
    let field = |name: &str| {
        data["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .position(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    let (in_degree, department) = (field("in_degree"), field("department"));
    assert_eq!(data["fields"][in_degree]["kind"], "metric");
    assert_eq!(data["fields"][department]["kind"], "group");
    assert!(data["fields"][field("betweenness")]["about"]
        .as_str()
        .is_some_and(|a| a.contains("shortest paths")));
    assert_eq!(data["networks"].as_array().map(Vec::len), Some(3));
    let nodes = data["nodes"].as_array().expect("nodes");
    let bea = nodes.iter().find(|n| n["label"] == "Bea").expect("Bea");
    assert_eq!(bea["values"][department], "Sales");
    assert_eq!(bea["values"][in_degree], 1, "Ana → Bea");
    let ties = data["ties"].as_array().expect("ties");
    assert_eq!((nodes.len(), ties.len()), (3, 2));
    assert!(ties.iter().any(|t| t[2] == 12.0), "weights travel");
    assert!(
        gexf.body
            .contains(&format!("x=\"{:?}\"", bea["x"].as_f64().expect("x"))),
        "the same stored layout as the Gephi file"
    );
    let page = site.get(&format!("/insight/{wave}"), Some(&token)).await;
    assert!(
        page.body
            .contains(&format!("/insight/{wave}/map.svg?network=")),
        "the page shows the map"
    );
    assert!(
        page.body
            .contains(&format!("data-map-src=\"/insight/{wave}/map.json?network="))
            && page.body.contains("/style/network-map.js?v="),
        "and the interactive map, with its script"
    );
    let script = site.get(app::insight::pages::NETWORK_MAP_HREF, None).await;
    assert!(script.header("content-type").starts_with("text/javascript"));
    assert!(script.body.contains("class NetworkMap"));
    // The people table, sorted and filtered on the server.
    let network = email.network.key();
    let table = |sort: &str, dir: &str, extra: &str| {
        format!("/insight/{wave}?table={network}&sort={sort}&dir={dir}{extra}")
    };
    // This network's table alone: the page has one per network.
    let own_table = |body: &str| {
        let start = body
            .find(&format!("id=\"people-{}\"", network.replace(':', "-")))
            .expect("the table's heading");
        let rest = &body[start..];
        rest[..rest.find("</table>").expect("the table")].to_string()
    };
    let by_name = own_table(
        &site
            .get(&table("name", "desc", ""), Some(&token))
            .await
            .body,
    );
    let (carla, ana) = (
        by_name.find(">Carla</a>").expect("Carla in the table"),
        by_name.find(">Ana</a>").expect("Ana in the table"),
    );
    assert!(carla < ana, "names, last first");
    let named = own_table(
        &site
            .get(&table("in_degree", "desc", "&min=1"), Some(&token))
            .await
            .body,
    );
    assert!(
        named.contains("2 people · page 1 of 1"),
        "Bea and Carla are named: {named}"
    );
    assert!(!named.contains(">Ana</a>"), "Ana is named by no one");
    let unknown = site
        .get(
            &format!("/insight/{wave}/export?{query}&format=pdf"),
            Some(&token),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // A manager gets neither: they are everyone's ties.
    let manager = site
        .account("m@x.test", "M", app::model::auth::Role::Manager)
        .await;
    let manager = app::auth::service::start_session(
        &site.t.db,
        manager,
        &Default::default(),
        Default::default(),
    )
    .await
    .expect("session");
    let refused = site
        .call(
            "insight_people",
            &[
                ("wave_id", &wave.to_string()),
                ("network", &network),
                ("query[page]", "1"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    for path in [
        format!("/insight/{wave}/export?{query}&format=gexf"),
        format!("/insight/{wave}/map.svg?{query}"),
        format!("/insight/{wave}/map.json?{query}"),
    ] {
        assert_eq!(
            site.get(&path, Some(&manager)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // The group map, under the k rule: no one answered this wave, so no group is drawn.
    let groups_for_manager = site
        .get(
            &format!("/insight/{wave}/groups.svg?{query}"),
            Some(&manager),
        )
        .await;
    assert_eq!(groups_for_manager.status, StatusCode::OK);
    assert!(
        groups_for_manager
            .body
            .contains("2 groups where fewer than 5 people answered are left out.")
            && !groups_for_manager.body.contains("Sales"),
        "{}",
        groups_for_manager.body
    );
    // Once the wave is closed, the survey page shows managers its group maps.
    app::store::surveys::close_wave(&site.t.db, wave)
        .await
        .expect("close");
    let survey_page = site
        .get(&format!("/surveys/{survey}"), Some(&manager))
        .await;
    assert!(
        survey_page.body.contains("How groups are tied")
            && survey_page
                .body
                .contains(&format!("/insight/{wave}/groups.svg?network=relation:")),
        "{}",
        survey_page.body
    );
    let exports: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'network_export'")
            .fetch_one(site.t.db.pool())
            .await
            .expect("audit");
    assert_eq!(exports, 2, "each download is in the audit log");
    // So is each look at the person-level map, picture or interactive.
    let map_views: Vec<String> = sqlx::query_scalar(
        "SELECT object FROM audit_log WHERE action = 'wave_insight' AND object LIKE '%map of%' ORDER BY id",
    )
    .fetch_all(site.t.db.pool())
    .await
    .expect("audit");
    assert!(
        map_views
            .iter()
            .any(|d| d.contains("interactive map of Email"))
            && map_views
                .iter()
                .filter(|d| d.contains(", map of Email"))
                .count()
                >= 4,
        "{map_views:?}"
    );

    // Only analysts and admins may add one.
    let (kind, body) = multipart("Email", "from,to\na@x.test,b@x.test\n");
    let anonymous = site
        .send(
            Request::post(format!("/insight/{wave}/networks"))
                .header(header::HOST, "knit.test")
                .header(header::CONTENT_TYPE, kind)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/login"));
    site.finish().await;
}
