//! An analyst uploads a network from elsewhere as an extra relation of a wave.

mod common;

use app::fixtures::{definition, import, in_days};
use app::insight::NetworkKey;
use app::model::auth::CurrentUser;
use app::store::testing::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Reply, Site};

app::backend_tests!(
    an_edge_list_naming_someone_off_the_roster_adds_nothing,
    an_uploaded_edge_list_is_analysed_beside_the_survey,
    its_files_and_maps_are_drawn_from_the_stored_analysis,
    the_interactive_map_carries_the_exports_people_and_ties,
    the_people_table_sorts_and_filters_on_the_server,
    managers_see_group_maps_under_the_k_rule_and_nothing_else,
    downloads_and_map_views_are_audited,
    only_analysts_and_admins_add_networks,
    the_insight_page_shows_one_part_of_one_question_at_its_own_address,
    a_calendar_upload_is_previewed_before_it_is_added,
);

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

/// A wave of three people (Ana and Bea in Sales, Carla in Finance), open,
/// with no network added yet.
struct Wave {
    site: Site,
    token: String,
    user: CurrentUser,
    survey: i64,
    wave: i64,
}

impl Wave {
    async fn open(t: TestDb) -> Wave {
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
        let wave =
            app::surveys::service::add_wave(&site.t.db, &user, survey, &in_days(0), &in_days(9))
                .await
                .expect("wave");
        app::surveys::service::open_wave(&site.t.db, &app::mail::LinkKey::generate(), &user, wave)
            .await
            .expect("open");
        Wave {
            site,
            token,
            user,
            survey,
            wave,
        }
    }

    /// Uploads an edge list named "Email" as `token`'s (None: signed out).
    async fn upload(&self, csv: &str, token: Option<&str>) -> Reply {
        let (kind, body) = multipart("Email", csv);
        self.post(
            &format!("/insight/{}/networks", self.wave),
            &kind,
            body,
            token,
        )
        .await
    }

    async fn post(&self, path: &str, kind: &str, body: String, token: Option<&str>) -> Reply {
        let mut request = Request::post(path)
            .header(header::HOST, "knit.test")
            .header(header::CONTENT_TYPE, kind)
            .header("sec-fetch-site", "same-origin");
        if let Some(token) = token {
            request = request.header(header::COOKIE, self.site.session_cookie(token));
        }
        self.site
            .send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// The preview at `location` once its files are read (in the background).
    async fn read(&self, location: &str) -> Reply {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let page = self.get(location).await;
            if !page.body.contains("Reading the files") {
                return page;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the upload was not read"
            );
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    /// The analyst's word on the upload `reply` previewed: add or discard.
    async fn decide(&self, reply: &Reply, decision: &str) -> Reply {
        let location = reply.header("location");
        let draft = location
            .split_once("draft=")
            .map(|(_, id)| id.to_string())
            .unwrap_or_else(|| panic!("no preview: {location}"));
        self.post(
            &format!("/insight/{}/networks/drafts/{draft}", self.wave),
            "application/x-www-form-urlencoded",
            format!("decision={decision}"),
            Some(&self.token),
        )
        .await
    }

    async fn insight(&self) -> app::insight::WaveInsight {
        app::insight::service::wave_insight(
            &self.site.t.db,
            &app::model::policy::Policy::default(),
            &self.user,
            self.wave,
            None,
        )
        .await
        .expect("insight")
    }

    /// The wave with the Email network added (Ana → Bea 12 messages, Bea →
    /// Carla 3; Carla's self-tie left out) and analysed in the background.
    async fn with_email(t: TestDb) -> (Wave, NetworkKey) {
        let wave = Wave::open(t).await;
        let previewed = wave
            .upload(
                "from,to,messages\na@x.test,b@x.test,12\nB@x.test,c@x.test,3\nc@x.test,c@x.test,9\n",
                Some(&wave.token),
            )
            .await;
        let reply = wave.decide(&previewed, "add").await;
        assert!(
            reply.header("location").ends_with("imported=2"),
            "{}",
            reply.header("location")
        );
        for _ in 0..200 {
            let insight = wave.insight().await;
            if let Some(email) = insight.relations.iter().find(|r| r.question == "Email") {
                let network = email.network;
                return (wave, network);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the imported network was not analysed");
    }

    /// A manager's session token.
    async fn manager(&self) -> String {
        let manager = self
            .site
            .account("m@x.test", "M", app::model::auth::Role::Manager)
            .await;
        app::auth::service::start_session(
            &self.site.t.db,
            manager,
            &Default::default(),
            Default::default(),
        )
        .await
        .expect("session")
    }

    async fn get(&self, path: &str) -> Reply {
        self.site.get(path, Some(&self.token)).await
    }
}

async fn an_edge_list_naming_someone_off_the_roster_adds_nothing(t: TestDb) {
    let wave = Wave::open(t).await;
    let reply = wave
        .upload(
            "from,to,messages\na@x.test,b@x.test,12\nb@x.test,zed@x.test,3\n",
            Some(&wave.token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.header("location").to_string();
    assert!(
        location.contains("error=")
            && location.contains("row+3")
            && location.contains("zed%40x.test"),
        "{location}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM imported_networks")
        .fetch_one(wave.site.t.db.pool())
        .await
        .expect("n");
    assert_eq!(stored, 0);
    wave.site.finish().await;
}

async fn an_uploaded_edge_list_is_analysed_beside_the_survey(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let insight = wave.insight().await;
    let email = insight
        .relations
        .iter()
        .find(|r| r.network == network)
        .expect("the imported network");
    assert_eq!((email.figures.people, email.figures.ties), (3, 2));
    assert!(matches!(email.network, NetworkKey::Import(_)));
    assert_eq!(
        insight.relations.len(),
        3,
        "two survey relations and the import"
    );
    // Said and done: the import laid over a survey question (no answers yet).
    let question = insight
        .relations
        .iter()
        .find(|r| matches!(r.network, NetworkKey::Relation(_)))
        .expect("a question");
    let compare = wave
        .get(&format!(
            "/insight/{}?network={}&part=compare&against={}",
            wave.wave,
            network.key(),
            question.network.key()
        ))
        .await;
    assert!(
        compare.body.contains(&format!(
            "0 pairs of people are tied in both “Email” and “{}”",
            question.question
        )) && compare
            .body
            .contains("<th scope=\"row\">Same department</th><td>1</td><td>0</td><td>0</td>"),
        "{}",
        compare.body
    );
    wave.site.finish().await;
}

async fn its_files_and_maps_are_drawn_from_the_stored_analysis(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let w = wave.wave;
    let query = format!("network={}", network.key());
    let gexf = wave
        .site
        .get(
            &format!("/insight/{w}/export?{query}&format=gexf"),
            Some(&wave.token),
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
    let ties = wave
        .site
        .get(
            &format!("/insight/{w}/export?{query}&format=ties-csv"),
            Some(&wave.token),
        )
        .await;
    assert_eq!(ties.body.lines().count(), 3, "{}", ties.body);
    // Each end by id, name and work email: the file opens without a lookup.
    assert!(
        ties.body
            .starts_with("source,source_name,source_email,target,target_name,target_email,weight"),
        "{}",
        ties.body
    );
    assert!(
        ties.body
            .lines()
            .any(|l| l.contains(",Ana,a@x.test,") && l.ends_with(",Bea,b@x.test,12.0")),
        "{}",
        ties.body
    );
    // Every figure as the people table shows it: closeness over the others, 0 to 1.
    let people = wave
        .site
        .get(
            &format!("/insight/{w}/export?{query}&format=metrics-csv"),
            Some(&wave.token),
        )
        .await;
    let mut rows = people
        .body
        .lines()
        .map(|l| l.split(',').collect::<Vec<_>>());
    let header = rows.next().expect("header");
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (email, closeness) = (column("email"), column("closeness"));
    assert!(!header.contains(&"harmonic_closeness"), "{header:?}");
    let table = app::insight::service::people_table(
        &wave.site.t.db,
        &wave.user,
        w,
        network,
        &app::insight::TableQuery::default(),
    )
    .await
    .expect("people table");
    for row in rows {
        let shown = table
            .rows
            .iter()
            .find(|p| format!("{}@x.test", p.name[..1].to_lowercase()) == row[email])
            .expect("the same person in the table");
        let exported: f64 = row[closeness].parse().expect("a number");
        assert!(
            (exported - shown.closeness).abs() < 1e-12 && (0.0..=1.0).contains(&exported),
            "{}: exported {exported}, table {}",
            row[email],
            shown.closeness
        );
    }
    let map = wave
        .site
        .get(&format!("/insight/{w}/map.svg?{query}"), Some(&wave.token))
        .await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.header("content-type").starts_with("image/svg+xml"));
    assert_eq!(
        map.body.matches("<title>").count(),
        4,
        "the title and three people"
    );
    // Coloured and sized by anything: here by community, sized by betweenness.
    let styled = wave
        .site
        .get(
            &format!("/insight/{w}/map.svg?{query}&colour=community&size=betweenness"),
            Some(&wave.token),
        )
        .await;
    assert!(styled.body.contains(">community 0 ("), "{}", styled.body);
    assert_ne!(
        styled.body, map.body,
        "another colouring draws another picture"
    );
    // Find a person: Bea's ties drawn dark, her name written; the ego view
    // keeps only the person found and the colleagues they are tied to.
    let found = wave
        .site
        .get(
            &format!("/insight/{w}/map.svg?{query}&find=bea"),
            Some(&wave.token),
        )
        .await;
    assert!(
        found.body.contains("font-weight=\"bold\">Bea</text>"),
        "{}",
        found.body
    );
    let ego = wave
        .site
        .get(
            &format!("/insight/{w}/map.svg?{query}&find=bea&ego=1"),
            Some(&wave.token),
        )
        .await;
    assert_eq!(
        ego.body.matches("<title>").count(),
        4,
        "the title, Bea, Ana and Carla"
    );
    // One department's map: its people and the ties among them alone.
    let sales = wave
        .site
        .get(
            &format!("/insight/{w}/map.svg?{query}&only=Sales"),
            Some(&wave.token),
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
    let nowhere = wave
        .site
        .get(
            &format!("/insight/{w}/map.svg?{query}&only=Nowhere"),
            Some(&wave.token),
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
    let groups = wave
        .site
        .get(
            &format!("/insight/{w}/groups.svg?{query}&group=department"),
            Some(&wave.token),
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
    let unknown = wave
        .site
        .get(
            &format!("/insight/{w}/export?{query}&format=pdf"),
            Some(&wave.token),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    wave.site.finish().await;
}

async fn the_interactive_map_carries_the_exports_people_and_ties(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let w = wave.wave;
    let query = format!("network={}", network.key());
    let gexf = wave
        .get(&format!("/insight/{w}/export?{query}&format=gexf"))
        .await;
    // The interactive map's data: the same people, places and ties as the
    // exports, every figure, and the wave's other networks to switch to.
    let data = wave
        .site
        .get(&format!("/insight/{w}/map.json?{query}"), Some(&wave.token))
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
    // In columns, not an object per person.
    let column = |name: &str| data[name].as_array().expect(name).clone();
    let labels = column("labels");
    let bea = labels.iter().position(|l| l == "Bea").expect("Bea");
    assert_eq!(data["columns"][department][bea], "Sales");
    assert_eq!(data["columns"][in_degree][bea], 1, "Ana → Bea");
    assert_eq!(
        (data["groups"].as_bool(), data["people"].as_u64()),
        (Some(false), Some(3))
    );
    let (sources, targets, weights) = (column("sources"), column("targets"), column("weights"));
    assert_eq!((labels.len(), sources.len(), targets.len()), (3, 2, 2));
    assert!(weights.iter().any(|w| *w == 12.0), "weights travel");
    let ana = labels.iter().position(|l| l == "Ana").expect("Ana");
    assert!(
        sources
            .iter()
            .zip(&targets)
            .any(|(s, t)| *s == ana && *t == bea),
        "ties by index"
    );
    let x = data["x"][bea].as_f64().expect("x");
    let in_gexf = gexf
        .body
        .split("label=\"Bea\"")
        .nth(1)
        .and_then(|after| after.split("x=\"").nth(1))
        .and_then(|x| x.split('"').next())
        .and_then(|x| x.parse::<f64>().ok())
        .expect("Bea's place in the Gephi file");
    assert!(
        (x - in_gexf).abs() <= in_gexf.abs() * 1e-4,
        "the same stored layout as the Gephi file: {x} against {in_gexf}"
    );
    // One department at a time, and a department no one is in is not found.
    let sales = wave
        .site
        .get(
            &format!("/insight/{w}/map.json?{query}&only=Sales"),
            Some(&wave.token),
        )
        .await;
    let sales: serde_json::Value = serde_json::from_str(&sales.body).expect("json");
    assert_eq!(sales["group"], "Sales");
    assert!(sales["columns"][department]
        .as_array()
        .expect("departments")
        .iter()
        .all(|d| d == "Sales"));
    let nowhere = wave
        .site
        .get(
            &format!("/insight/{w}/map.json?{query}&only=Nowhere"),
            Some(&wave.token),
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    let page = wave
        .site
        .get(&format!("/insight/{w}?part=map"), Some(&wave.token))
        .await;
    assert!(
        page.body
            .contains(&format!("/insight/{w}/map.svg?network=")),
        "the page shows the map"
    );
    assert!(
        page.body
            .contains(&format!("data-map-src=\"/insight/{w}/map.json?network="))
            && page.body.contains("/style/network-map.js?v="),
        "and the interactive map, with its script"
    );
    let script = wave
        .site
        .get(app::insight::pages::NETWORK_MAP_HREF, None)
        .await;
    assert!(script.header("content-type").starts_with("text/javascript"));
    assert!(script.body.contains("class NetworkMap"));
    wave.site.finish().await;
}

async fn the_people_table_sorts_and_filters_on_the_server(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let w = wave.wave;
    // The people table, sorted and filtered on the server.
    let network = network.key();
    let table = |sort: &str, dir: &str, extra: &str| {
        format!("/insight/{w}?table={network}&sort={sort}&dir={dir}{extra}")
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
        &wave
            .site
            .get(&table("name", "desc", ""), Some(&wave.token))
            .await
            .body,
    );
    let (carla, ana) = (
        by_name.find(">Carla</a>").expect("Carla in the table"),
        by_name.find(">Ana</a>").expect("Ana in the table"),
    );
    assert!(carla < ana, "names, last first");
    let named = own_table(
        &wave
            .site
            .get(&table("in_degree", "desc", "&min=1"), Some(&wave.token))
            .await
            .body,
    );
    assert!(
        named.contains("2 people · page 1 of 1"),
        "Bea and Carla are named: {named}"
    );
    assert!(!named.contains(">Ana</a>"), "Ana is named by no one");
    wave.site.finish().await;
}

async fn managers_see_group_maps_under_the_k_rule_and_nothing_else(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let w = wave.wave;
    let query = format!("network={}", network.key());
    let network = network.key();
    let survey = wave.survey;
    // A manager gets neither: they are everyone's ties.
    let manager = wave.manager().await;
    let refused = wave
        .site
        .call(
            "insight_people",
            &[
                ("wave_id", &w.to_string()),
                ("network", &network),
                ("query[page]", "1"),
            ],
            Some(&manager),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    for path in [
        format!("/insight/{w}/export?{query}&format=gexf"),
        format!("/insight/{w}/map.svg?{query}"),
        format!("/insight/{w}/map.json?{query}"),
    ] {
        assert_eq!(
            wave.site.get(&path, Some(&manager)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // The group map, under the k rule: no one answered this wave, so no group is drawn.
    let groups_for_manager = wave
        .site
        .get(&format!("/insight/{w}/groups.svg?{query}"), Some(&manager))
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
    app::fixtures::close_on_schedule(&wave.site.t.db, w).await;
    let survey_page = wave
        .site
        .get(&format!("/surveys/{survey}"), Some(&manager))
        .await;
    assert!(
        survey_page.body.contains("How groups are tied")
            && survey_page
                .body
                .contains(&format!("/insight/{w}/groups.svg?network=relation:")),
        "{}",
        survey_page.body
    );
    wave.site.finish().await;
}

async fn downloads_and_map_views_are_audited(t: TestDb) {
    let (wave, network) = Wave::with_email(t).await;
    let w = wave.wave;
    let query = format!("network={}", network.key());
    for path in [
        format!("/insight/{w}/export?{query}&format=gexf"),
        format!("/insight/{w}/export?{query}&format=ties-csv"),
        format!("/insight/{w}/map.svg?{query}"),
        format!("/insight/{w}/map.svg?{query}&colour=community&size=betweenness"),
        format!("/insight/{w}/map.svg?{query}&find=bea"),
        format!("/insight/{w}/map.svg?{query}&find=bea&ego=1"),
        format!("/insight/{w}/map.json?{query}"),
    ] {
        assert_eq!(wave.get(&path).await.status, StatusCode::OK, "{path}");
    }
    let exports: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'network_export'")
            .fetch_one(wave.site.t.db.pool())
            .await
            .expect("audit");
    assert_eq!(exports, 2, "each download is in the audit log");
    // So is each look at the person-level map, picture or interactive.
    let map_views: Vec<String> = sqlx::query_scalar(
        "SELECT object FROM audit_log WHERE action = 'wave_insight' AND object LIKE '%map of%' ORDER BY id",
    )
    .fetch_all(wave.site.t.db.pool())
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

    wave.site.finish().await;
}

/// A word planted in the calendar's texts: never stored, not even in the preview.
const PLANTED: &str = "Qwzplantedword";

async fn a_calendar_upload_is_previewed_before_it_is_added(t: TestDb) {
    let wave = Wave::open(t).await;
    let closes = app::store::surveys::get_wave(&wave.site.t.db, wave.wave)
        .await
        .expect("q")
        .expect("wave")
        .closes_on;
    let closes = app::model::date::Date::parse(&closes, app::model::date::SlashOrder::Unknown)
        .expect("a day");
    let day = app::model::date::Date::from_days_since_epoch(closes.days_since_epoch() - 3)
        .iso()
        .replace('-', "");
    let calendar = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:{PLANTED}\r\nLOCATION:{PLANTED}\r\n\
         DTSTART:{day}T100000Z\r\nDTEND:{day}T113000Z\r\nORGANIZER;CN={PLANTED}:mailto:a@x.test\r\n\
         ATTENDEE:mailto:B@x.test\r\nATTENDEE:mailto:guest@else.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let boundary = "knitboundary43";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMeetings\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nics\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"team.ics\"\r\nContent-Type: text/calendar\r\n\r\n{calendar}\r\n\
         --{boundary}--\r\n"
    );
    let kind = format!("multipart/form-data; boundary={boundary}");
    let path = format!("/insight/{}/networks", wave.wave);
    let imported = |db: app::store::Db| async move {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM imported_networks")
            .fetch_one(db.pool())
            .await
            .expect("n");
        n
    };

    // Read and shown, not added; nothing from inside the file is kept.
    let previewed = wave
        .post(&path, &kind, body.clone(), Some(&wave.token))
        .await;
    let location = previewed.header("location").to_string();
    assert!(location.contains("draft="), "{location}");
    let page = wave.read(&location).await;
    assert!(
        page.body.contains("Read 1 meeting")
            && page
                .body
                .contains("2 ties between 2 people on the roster; 1 person not on the roster"),
        "{}",
        page.body
    );
    assert_eq!(imported(wave.site.t.db.clone()).await, 0);
    let stored = app::store::testing::dump(&wave.site.t.db).await.join("\n");
    assert!(stored.contains("team.ics") && !stored.contains(PLANTED));

    // Discarded: gone, and the preview with it.
    let discarded = wave.decide(&previewed, "discard").await;
    assert!(discarded.header("location").contains("discarded=1"));
    assert!(wave.get(&location).await.body.contains("no longer waiting"));
    assert_eq!(imported(wave.site.t.db.clone()).await, 0);

    // Uploaded again and added once read: a and b, an hour and a half, both ways.
    let previewed = wave.post(&path, &kind, body, Some(&wave.token)).await;
    wave.read(previewed.header("location")).await;
    let added = wave.decide(&previewed, "add").await;
    assert!(
        added.header("location").ends_with("imported=2"),
        "{}",
        added.header("location")
    );
    let ties: Vec<(f64,)> = sqlx::query_as("SELECT weight FROM imported_ties")
        .fetch_all(wave.site.t.db.pool())
        .await
        .expect("ties");
    assert_eq!(ties, vec![(1.5,), (1.5,)]);
    // A manager cannot decide on an upload.
    let manager = wave.manager().await;
    let again = wave.post(&path, &kind, String::new(), Some(&manager)).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    wave.site.finish().await;
}

async fn only_analysts_and_admins_add_networks(t: TestDb) {
    let wave = Wave::open(t).await;
    let anonymous = wave.upload("from,to\na@x.test,b@x.test\n", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/login"));
    let manager = wave.manager().await;
    let refused = wave
        .upload("from,to\na@x.test,b@x.test\n", Some(&manager))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "{} {}",
        refused.header("location"),
        refused.body
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM imported_networks")
        .fetch_one(wave.site.t.db.pool())
        .await
        .expect("n");
    assert_eq!(stored, 0);
    wave.site.finish().await;
}

async fn the_insight_page_shows_one_part_of_one_question_at_its_own_address(t: TestDb) {
    let (wave, email) = Wave::with_email(t).await;
    let w = wave.wave;
    let insight = wave.insight().await;
    let question = insight
        .relations
        .iter()
        .find(|r| matches!(r.network, NetworkKey::Relation(_)))
        .expect("a survey question")
        .network
        .key();
    let part = |network: &str, part: &str| format!("/insight/{w}?network={network}&part={part}");
    // Each part alone: the summary opens the page, the rest are a link away.
    let summary = wave.get(&format!("/insight/{w}")).await;
    assert_eq!(summary.status, StatusCode::OK, "{}", summary.body);
    for shown in [
        "aria-label=\"Parts of the insight\"",
        "aria-label=\"Questions\"",
        "What stands out",
    ] {
        assert!(summary.body.contains(shown), "{shown}");
    }
    let parts: [(&str, &str, &[&str]); 5] = [
        (
            "map",
            "data-map-src=",
            &["class=\"heatmap\"", "people-figures", "Take it away"],
        ),
        (
            "groups",
            "class=\"heatmap\"",
            &["data-map-src=", "What stands out"],
        ),
        (
            "people",
            "id=\"people-",
            &["class=\"heatmap\"", "data-map-src="],
        ),
        (
            "downloads",
            "Take it away",
            &["data-map-src=", "class=\"heatmap\""],
        ),
        ("players", "Key players", &["data-map-src=", "Take it away"]),
    ];
    for (name, shown, hidden) in parts {
        let page = wave.get(&part(&email.key(), name)).await;
        assert!(page.body.contains(shown), "{name}: {shown}");
        assert!(
            page.body.contains(&format!(
                "aria-current=\"page\">{}",
                match name {
                    "map" => "Map",
                    "groups" => "Groups",
                    "people" => "People",
                    "downloads" => "Downloads",
                    _ => "Key players",
                }
            )),
            "{name}: its tab is marked"
        );
        for absent in hidden {
            assert!(!page.body.contains(absent), "{name} shows {absent}");
        }
        assert_eq!(
            page.body.contains("Add a network from elsewhere"),
            name == "downloads",
            "{name}: the upload form belongs to the downloads"
        );
    }
    // No one answered: the three are their own group, and none is peripheral.
    let players = wave.get(&part(&question, "players")).await;
    assert!(
        players.body.contains("Did not answer (3)"),
        "{}",
        players.body
    );
    assert!(!players.body.contains("Peripheral ("), "{}", players.body);
    let stored = wave.insight().await;
    let asked = stored
        .relations
        .iter()
        .find(|r| r.network.key() == question)
        .expect("the question");
    assert!(
        asked
            .key_players
            .iter()
            .all(|g| g.role != analysis::Role::Peripheral),
        "{:?}",
        asked.key_players
    );
    // A manager is refused the page, and is offered no form on it.
    let manager = wave.manager().await;
    let refused = wave
        .site
        .get(&format!("/insight/{w}"), Some(&manager))
        .await;
    assert!(!refused.body.contains("Add a network from elsewhere"));
    assert!(!refused.body.contains("Parts of the insight"));
    wave.site.finish().await;
}
