//! `knit analyze` and `knit suggest` on edge lists from elsewhere, and `knit demo`.

mod common;

use app::store::testing::TestDb;
use common::knit;
use std::process::Command;

app::backend_tests!(
    demo_loads_an_analyzed_company_into_an_empty_instance_only,
    exports_read_back_in_networkx_match_the_stored_analysis,
);

fn files(edges: &str, nodes: Option<&str>) -> (std::path::PathBuf, std::path::PathBuf) {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("knit-analyze-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("edges.csv"), edges).expect("edges");
    if let Some(nodes) = nodes {
        std::fs::write(dir.join("nodes.csv"), nodes).expect("nodes");
    }
    (dir.join("edges.csv"), dir.join("nodes.csv"))
}

#[test]
fn analyze_reports_networkx_named_metrics_roles_and_groups_as_json() {
    let (edges, nodes) = files(
        "from,to,strength\nana,rui,3\nrui,ana,1\nbea,ana,2\ncarla,ana,5\nrui,bea,1\nana,ana,4\n",
        Some("id,name,department\nana,Ana Lima,Sales\nrui,Rui Costa,Sales\nbea,Bea Sousa,Finance\ncarla,Carla T,Finance\ndan,Dan Ode,Legal\n"),
    );
    let out = knit()
        .args(["analyze"])
        .arg(&edges)
        .arg("--nodes")
        .arg(&nodes)
        .args(["--weight", "strength", "--group", "department"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let nodes = report["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 5, "dan is listed though he has no ties");
    let ana = nodes.iter().find(|n| n["id"] == "ana").expect("ana");
    for field in [
        "in_degree",
        "out_degree",
        "betweenness",
        "harmonic_closeness",
        "pagerank",
        "eigenvector",
        "constraint",
        "effective_size",
        "clustering",
    ] {
        assert!(ana.get(field).is_some(), "{field} missing");
    }
    assert_eq!(ana["in_degree"], 3, "the self-loop is ignored");
    assert_eq!(ana["in_weight"], 8.0);
    assert_eq!(report["network"]["edges"], 5);
    assert_eq!(
        report["groups"]["groups"],
        serde_json::json!(["Finance", "Legal", "Sales"])
    );
    assert!(nodes.iter().find(|n| n["id"] == "dan").expect("dan")["constraint"].is_null());
    // Each role: the facts behind it, and the same facts in words.
    let roles = report["roles"].as_array().expect("roles");
    let connector = roles
        .iter()
        .find(|r| r["id"] == "ana" && r["role"] == "central_connector")
        .expect("Ana connects");
    assert_eq!(
        connector["evidence"],
        serde_json::json!({"kind": "central_connector", "named_by": 3, "naming_groups": 2, "top_share": 0.1})
    );
    assert_eq!(
        connector["reason"],
        "3 colleagues go to Ana Lima for this, from 2 groups: in the top 10% of people by colleagues who go to them."
    );
    let dan = roles
        .iter()
        .find(|r| r["id"] == "dan" && r["role"] == "peripheral")
        .expect("Dan is peripheral");
    assert_eq!(dan["evidence"]["named_by"], 0);
    assert_eq!(
        dan["reason"],
        "No one names Dan Ode, and Dan Ode names no one."
    );

    let csv = knit()
        .arg("analyze")
        .arg(&edges)
        .args(["--undirected", "--format", "csv"])
        .output()
        .expect("run");
    assert!(csv.status.success());
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("id,in_degree,out_degree,"), "{text}");
    assert_eq!(text.lines().count(), 1 + 4);
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
}

#[test]
fn analyze_samples_as_the_app_does_above_20000_people_and_says_so() {
    // 20,001 people on a ring with one chord each: just past the line.
    let people = analysis::EXACT_UP_TO + 1;
    let mut edges = String::from("source,target\n");
    for i in 0..people {
        edges.push_str(&format!(
            "p{i},p{}\np{i},p{}\n",
            (i + 1) % people,
            (i * 7 + 3) % people
        ));
    }
    let (edges, _) = files(&edges, None);
    let out = knit().arg("analyze").arg(&edges).output().expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["network"]["sample"]["sources"], 1000, "{said}");
    let bound = report["network"]["sample"]["betweenness_error"]
        .as_f64()
        .expect("bound");
    assert!(
        said.contains("Above 20000 people, Knit (the app and this command alike) estimates")
            && said.contains(&format!(
                "within ±{bound:.3} of its exact value with 95% confidence"
            )),
        "{said}"
    );
    // Not on a terminal: progress comes as lines, the last one the last step.
    assert!(said.contains("step 4 of 4 done"), "{said}");
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();

    // Below the line it is exact unless asked otherwise, and --exact wins anyway.
    let (small, _) = files("source,target\na,b\nb,c\nc,d\nd,a\na,c\n", None);
    let sampled = |args: &[&str]| {
        let out = knit()
            .arg("analyze")
            .arg(&small)
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        (
            report["network"]["sample"].clone(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    assert_eq!(sampled(&[]).0, serde_json::Value::Null);
    assert_eq!(sampled(&["--exact"]).0, serde_json::Value::Null);
    let (sample, said) = sampled(&["--sample", "2"]);
    assert_eq!(sample["sources"], 2);
    assert!(said.contains("As asked, Knit estimates"), "{said}");
    std::fs::remove_dir_all(small.parent().expect("dir")).ok();
}

#[test]
fn analyze_names_the_row_and_column_of_bad_input() {
    let (edges, _) = files("source,target,w\nana,rui,2\nbea,,1\n", None);
    let out = knit().arg("analyze").arg(&edges).output().expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("row 3, column 'target': empty"), "{err}");

    let (edges, _) = files("source,target,w\nana,rui,heavy\n", None);
    let out = knit()
        .arg("analyze")
        .arg(&edges)
        .args(["--weight", "w"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("row 2, column 'w': 'heavy' is not a positive number"));

    let out = knit()
        .arg("analyze")
        .arg(&edges)
        .args(["--weight", "strength"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "there is no column 'strength' for the weights; the columns are source, target, w"
    ));
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
}

async fn demo_loads_an_analyzed_company_into_an_empty_instance_only(t: TestDb) {
    let data = std::env::temp_dir().join(format!(
        "knit-demo-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ));
    let run = || {
        knit()
            // A fixed day: the newcomers' hire cohorts (calendar months) depend on it.
            .args(["demo", "--last-wave-closes", "2026-06-30"])
            .env("KNIT_DATA_DIR", &data)
            .env("DATABASE_URL", &t.url)
            .output()
            .expect("run")
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("wave 3:") && text.contains("analysed"),
        "{text}"
    );
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(people, 300);
    let analysed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analyses")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(analysed, 3, "each wave analysed");
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'queued'")
        .fetch_one(t.db.pool())
        .await
        .expect("count");
    assert_eq!(queued, 0, "no demo email is sent");
    // Newcomers: the first wave invites fewer people than the last.
    let invited: Vec<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM invitations GROUP BY wave_id ORDER BY wave_id")
            .fetch_all(t.db.pool())
            .await
            .expect("counts");
    assert!(invited[0] < invited[2], "{invited:?}");

    // Newcomers of the last wave: metrics, curves and suggestions with reasons.
    let user = |email: &str, role| app::model::auth::CurrentUser {
        id: 0,
        email: email.into(),
        name: "Reader".into(),
        role,
    };
    let hr = user("hr@example.com", app::model::auth::Role::Analyst);
    let newcomers = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("view")
        .expect("analyzed");
    let rows = &newcomers.rows;
    assert!(
        !rows.is_empty() && rows.len() == newcomers.total,
        "one page holds them"
    );
    assert!(newcomers.summary.tenured_median >= 1.0);
    for row in rows {
        let f = &row.figures;
        assert!(
            f.days >= 0 && f.days <= app::newcomers::NewcomerSettings::default().window_days,
            "{row:?}"
        );
        assert!(!f.curve.is_empty());
        assert!(
            row.suggestions.len()
                <= app::newcomers::NewcomerSettings::default().candidates_per_round()
                && row
                    .suggestions
                    .iter()
                    .all(|s| !s.reasons.is_empty() && s.person_id != f.person_id)
        );
    }
    assert!(rows.iter().any(|r| !r.suggestions.is_empty()));

    // The demo's simulated rounds give the experiment both arms, said plainly
    // to be simulated, and the command line reports the same figures.
    let experiment = &newcomers.summary.experiment;
    assert!(
        experiment.simulated && experiment.enough_data,
        "{experiment:?}"
    );
    let report = knit()
        .args(["newcomers", "report", "--format", "json"])
        .env("KNIT_DATA_DIR", &data)
        .env("DATABASE_URL", &t.url)
        .output()
        .expect("run");
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("json");
    for arm in ["introduced", "held_out"] {
        let a = &json["arms"][arm];
        assert!(a["pairs"].as_u64().expect("pairs") > 0, "{json}");
        assert!(a["became_ties"].is_u64() && a["rate"].is_f64(), "{json}");
        assert_eq!(a["ci95"].as_array().expect("interval").len(), 2, "{json}");
    }
    assert!(
        json["lift"]["difference"].is_f64() && json["lift"]["ci95"].is_array(),
        "{json}"
    );
    assert!(
        json["rounds"].as_array().is_some_and(|r| r.len() == 2),
        "{json}"
    );
    assert_eq!(
        json["arms"]["introduced"]["pairs"].as_u64(),
        experiment.arms.introduced.as_ref().map(|a| a.pairs as u64)
    );

    // A manager sees the newcomers under them, directly or through the
    // managers who report to them, and no aggregate under five: here the
    // manager of a newcomer's manager.
    let manager_of = |id: i64| {
        sqlx::query_scalar::<_, Option<i64>>("SELECT manager_id FROM people WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
    };
    let mut manager = None;
    for direct in rows.iter().filter_map(|r| r.figures.manager_id) {
        let Some(above) = manager_of(direct).await.expect("q") else {
            continue;
        };
        // A middle manager: not the head of the whole company.
        if manager_of(above).await.expect("q").is_some() {
            manager = Some(above);
            break;
        }
    }
    let manager = manager.expect("a newcomer two levels below a middle manager");
    let mut under = std::collections::BTreeSet::new();
    for row in rows {
        if app::store::people::reports_to(&t.db, row.figures.person_id, manager)
            .await
            .expect("q")
        {
            under.insert(row.figures.person_id);
        }
    }
    assert!(
        rows.iter()
            .any(|r| under.contains(&r.figures.person_id) && r.figures.manager_id != Some(manager)),
        "some are under them through another manager"
    );
    let manager_email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
        .bind(manager)
        .fetch_one(t.db.pool())
        .await
        .expect("email");
    // A real account, under the email in other case: the roster person is
    // found through it.
    let account = app::auth::service::create_account(
        &t.db,
        &app::store::audit::Actor::command_line(),
        &manager_email.to_uppercase(),
        "Manager",
        app::model::auth::Role::Manager,
        "a long password".into(),
    )
    .await
    .expect("account");
    let as_manager = app::model::auth::CurrentUser {
        id: account,
        ..user(&manager_email, app::model::auth::Role::Manager)
    };
    let view = app::newcomers::service::manager_page(
        &t.db,
        &app::model::policy::Policy::default(),
        &as_manager,
        0,
    )
    .await
    .expect("view")
    .expect("analyzed");
    let shown_ids: std::collections::BTreeSet<i64> =
        view.rows.iter().map(|r| r.person_id).collect();
    assert_eq!(shown_ids, under);
    assert!(under.len() < rows.len(), "others' newcomers are hidden");
    let all = &newcomers.summary;
    let shown = &view.summary;
    assert!(shown
        .by_reason
        .iter()
        .chain(&shown.by_cohort)
        .all(|c| c.suggested >= 5));
    // Cohort rows, bands and comparison groups under five are left out too.
    let small: Vec<Option<String>> = all
        .cohorts
        .iter()
        .filter(|c| c.people < 5)
        .map(|c| c.cohort.clone())
        .collect();
    assert!(
        !small.is_empty(),
        "the demo has small cohorts: {:?}",
        all.cohorts
    );
    assert!(shown.cohorts.iter().all(|c| c.people >= 5));
    // No count about each of a cohort: k or more did, and k or more did not.
    assert!(shown.cohorts.iter().all(|c| {
        [c.at_risk, c.reached_tenured_median]
            .into_iter()
            .flatten()
            .all(|n| n >= 5 && c.people - n >= 5)
    }));
    // A manager's summary has no bands at all; the analyst's has small ones.
    assert!(all
        .bands
        .iter()
        .any(|(c, _)| small.contains(&Some(c.clone()))));
    assert!(shown.pace.iter().all(|p| p.people >= 5));
    assert_eq!(
        all.cohorts.last().map(|c| c.cohort.clone()),
        Some(None),
        "the tenured baseline last"
    );
    // Someone else's newcomer looks like no newcomer at all.
    let other = rows
        .iter()
        .find(|r| !under.contains(&r.figures.person_id))
        .expect("another's newcomer");
    assert!(app::newcomers::service::one(
        &t.db,
        &app::model::policy::Policy::default(),
        &as_manager,
        other.figures.person_id
    )
    .await
    .expect("q")
    .is_none());

    let again = run();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty instance"));
    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}

/// NetworkX reads the four exports; what it reads is printed as JSON.
const READ_BACK: &str = r#"
import csv, json, sys
import networkx as nx
gexf, graphml, ties, people = sys.argv[1:5]
g = nx.read_gexf(gexf, version="1.3")
h = nx.read_graphml(graphml)
def node(d):
    return {k: d.get(k) for k in ("label", "department", "in_degree", "betweenness", "pagerank", "constraint", "roles")}
print(json.dumps({
    "gexf": {n: dict(node(d), x=d["viz"]["position"]["x"], y=d["viz"]["position"]["y"]) for n, d in g.nodes(data=True)},
    "gexf_edges": sorted([u, v, d["weight"]] for u, v, d in g.edges(data=True)),
    "graphml": {n: dict(node(d), x=d.get("x"), y=d.get("y")) for n, d in h.nodes(data=True)},
    "graphml_edges": sorted([u, v, d["weight"]] for u, v, d in h.edges(data=True)),
    "ties_rows": sum(1 for _ in csv.DictReader(open(ties, newline=""))),
    "people": {r["id"]: r for r in csv.DictReader(open(people, newline=""))},
}))
"#;

async fn exports_read_back_in_networkx_match_the_stored_analysis(t: TestDb) {
    let data = std::env::temp_dir().join(format!(
        "knit-export-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ));
    let run = |args: &[&str]| {
        let out = knit()
            .args(args)
            .env("KNIT_DATA_DIR", &data)
            .env("DATABASE_URL", &t.url)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["demo", "--people", "120"]);
    let (wave, report, layout): (i64, String, String) = sqlx::query_as(
        "SELECT wave_id, report, layout FROM analyses ORDER BY wave_id DESC, network LIMIT 1",
    )
    .fetch_one(t.db.pool())
    .await
    .expect("an analysis");
    let report: analysis::Report = serde_json::from_str(&report).expect("report");
    let layout: std::collections::BTreeMap<String, [f64; 2]> =
        serde_json::from_str(&layout).expect("layout");
    let file = |format: &str| data.join(format!("wave.{format}"));
    for format in ["gexf", "graphml", "ties-csv", "metrics-csv"] {
        let out = file(format);
        run(&[
            "export",
            "--wave",
            &wave.to_string(),
            "--format",
            format,
            "-o",
            out.to_str().expect("path"),
        ]);
    }
    let python = std::env::var_os("KNIT_TEST_PYTHON").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/python"),
        std::path::PathBuf::from,
    );
    let out = Command::new(python)
        .arg("-c")
        .arg(READ_BACK)
        .args(["gexf", "graphml", "ties-csv", "metrics-csv"].map(file))
        .output()
        .expect("python with networkx (make test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let departments: std::collections::HashMap<String, Option<String>> =
        sqlx::query_as::<_, (i64, Option<String>)>("SELECT id, department FROM people")
            .fetch_all(t.db.pool())
            .await
            .expect("people")
            .into_iter()
            .map(|(id, d)| (id.to_string(), d))
            .collect();
    assert_eq!(
        report.nodes.len(),
        read["gexf"].as_object().expect("nodes").len()
    );
    assert_eq!(
        report.network.edges,
        read["gexf_edges"].as_array().expect("edges").len()
    );
    assert_eq!(
        report.network.edges,
        read["graphml_edges"].as_array().expect("edges").len()
    );
    assert_eq!(
        report.network.edges as u64,
        read["ties_rows"].as_u64().expect("rows")
    );
    for m in &report.nodes {
        for (file, node) in [
            ("gexf", &read["gexf"][&m.id]),
            ("graphml", &read["graphml"][&m.id]),
        ] {
            // Figures come back exactly: the files carry the shortest exact decimal.
            assert_eq!(
                node["betweenness"].as_f64(),
                Some(m.betweenness),
                "{file} {}",
                m.id
            );
            assert_eq!(
                node["in_degree"].as_u64(),
                Some(m.in_degree as u64),
                "{file} {}",
                m.id
            );
            assert_eq!(node["pagerank"].as_f64(), m.pagerank, "{file} {}", m.id);
            assert_eq!(node["constraint"].as_f64(), m.constraint, "{file} {}", m.id);
            assert_eq!(
                node["department"].as_str(),
                departments[&m.id].as_deref(),
                "{file} {}",
                m.id
            );
            let roles = m
                .roles
                .iter()
                .map(|r| r.key())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                node["roles"].as_str().unwrap_or(""),
                roles,
                "{file} {}",
                m.id
            );
            let [x, y] = layout[&m.id];
            assert_eq!(
                (node["x"].as_f64(), node["y"].as_f64()),
                (Some(x), Some(y)),
                "{file} {}",
                m.id
            );
        }
        let row = &read["people"][&m.id];
        assert_eq!(
            row["betweenness"].as_str().and_then(|b| b.parse().ok()),
            Some(m.betweenness)
        );
    }
    let exports: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'network_export' AND actor = 'command line'",
    )
    .fetch_one(t.db.pool())
    .await
    .expect("audit");
    assert_eq!(exports, 4);
    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}

/// Team A: manager mo, ana and rui, and two newcomers, nia and ned. ana,
/// rui and mo all go to xavi (Finance); ana and rui also go to pia, who asked
/// to be suggested less. eli goes to mo. dan has no ties.
fn team() -> (std::path::PathBuf, std::path::PathBuf) {
    files(
        "source,target\nana,xavi\nrui,xavi\nmo,xavi\nana,pia\nrui,pia\nana,rui\nrui,ana\nnia,ana\nned,mo\neli,mo\n",
        Some(
            "id,name,team,department,manager,hire_date,suggest_less,cohort\n\
             mo,Mo Reis,Team A,Sales,,2019-03-01,,\n\
             ana,Ana Lima,Team A,Sales,mo,2020-01-10,,\n\
             rui,Rui Costa,Team A,Sales,mo,2021-06-01,,\n\
             nia,Nia Obi,Team A,Sales,mo,2026-11-02,,2026-11\n\
             ned,Ned Park,Team A,Sales,mo,2026-11-16,,2026-11\n\
             xavi,Xavi Ruiz,Finance team,Finance,,2018-05-01,,\n\
             pia,Pia Holt,Finance team,Finance,,2018-05-01,yes,\n\
             dan,Dan Ode,Legal team,Legal,,2017-01-01,,\n\
             eli,Eli Sand,Legal team,Legal,,2016-01-01,,\n",
        ),
    )
}

fn suggest(args: &[&str]) -> (bool, serde_json::Value, String) {
    let (edges, nodes) = team();
    let out = knit()
        .arg("suggest")
        .arg(&edges)
        .arg("--nodes")
        .arg(&nodes)
        .args(args)
        .output()
        .expect("run");
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn suggest_names_whom_to_meet_with_the_ground_its_facts_and_a_sentence() {
    let (ok, json, err) = suggest(&["--for", "nia", "--top", "3"]);
    assert!(ok, "{err}");
    let list = json["suggestions"].as_array().expect("suggestions");
    assert_eq!(list.len(), 3, "{json}");
    let first = &list[0];
    assert_eq!(
        (
            &first["for"],
            &first["person"],
            &first["rank"],
            &first["ground"]
        ),
        (
            &"nia".into(),
            &"xavi".into(),
            &1.into(),
            &"team_reliance".into()
        ),
        "{json}"
    );
    assert_eq!(
        first["evidence"],
        serde_json::json!({"kind": "relied_on", "team": "Team A", "teammates": 2, "by_manager": true})
    );
    assert_eq!(
        first["reason"],
        "2 people in Team A go to Xavi Ruiz for help, and so does your manager."
    );
    assert!(
        list.iter()
            .all(|s| s["person"] != "ana" && s["person"] != "nia"),
        "not someone already tied, nor themself: {json}"
    );
    // Ids stay as given in the files, in the facts too: ned knows mo, whom
    // eli goes to.
    let (ok, json, err) = suggest(&["--for", "ned", "--top", "8"]);
    assert!(ok, "{err}");
    let eli = json["suggestions"]
        .as_array()
        .and_then(|list| list.iter().find(|s| s["person"] == "eli"))
        .unwrap_or_else(|| panic!("eli: {json}"));
    assert_eq!(eli["ground"], "triadic_closure");
    assert_eq!(
        eli["evidence"],
        serde_json::json!({"kind": "closure", "known": ["mo"]})
    );
    assert!(
        eli["reason"]
            .as_str()
            .is_some_and(|r| r.contains("Mo Reis")),
        "{eli}"
    );
}

#[test]
fn suggest_spreads_the_load_and_keeps_opt_outs_to_one_newcomer() {
    // pia asked to be suggested less: the first newcomer may be sent her,
    // the next is not.
    let (ok, json, err) = suggest(&["--newcomers", "cohort=2026-11", "--top", "4"]);
    assert!(ok, "{err}");
    let list = json["suggestions"].as_array().expect("suggestions");
    let to = |person: &str| -> Vec<&str> {
        list.iter()
            .filter(|s| s["person"] == person)
            .filter_map(|s| s["for"].as_str())
            .collect()
    };
    assert_eq!(to("pia"), vec!["nia"], "{json}");
    assert!(
        to("xavi").len() == 2,
        "xavi, relied on by all, goes to both: {json}"
    );
    // Everyone with a tie, dan without one left out; CSV has a header.
    let (edges, nodes) = team();
    let out = knit()
        .arg("suggest")
        .arg(&edges)
        .arg("--nodes")
        .arg(&nodes)
        .args(["--all", "--format", "csv"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("for,person,rank,ground,reason,score\r\n"),
        "{text}"
    );
    let newcomers_listed: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(
        newcomers_listed.contains("mo") && newcomers_listed.contains("xavi"),
        "{text}"
    );
    assert!(!newcomers_listed.contains("dan"), "{text}");
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
}

#[test]
fn suggest_says_what_to_fix() {
    let (ok, _, err) = suggest(&["--for", "zoe"]);
    assert!(
        !ok && err.contains("--for zoe: no node has this id"),
        "{err}"
    );
    let (ok, _, err) = suggest(&["--newcomers", "cohort"]);
    assert!(
        !ok && err.contains("--newcomers takes COLUMN=VALUE"),
        "{err}"
    );
    let (ok, _, err) = suggest(&["--newcomers", "cohort=1999"]);
    assert!(!ok && err.contains("no node has this value"), "{err}");
    let (edges, nodes) = files(
        "source,target\na,b\n",
        Some("id,manager,hire_date\na,b,yesterday\nb,zed,2020-01-01\n"),
    );
    let out = knit()
        .arg("suggest")
        .arg(&edges)
        .arg("--nodes")
        .arg(&nodes)
        .arg("--all")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("b's manager 'zed' is not a node"),
        "{err}"
    );
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
}
