//! `knit analyze` on edge lists from elsewhere, and `knit demo`.

use app::store::testing::TestDb;
use std::process::Command;

app::backend_tests!(demo_loads_an_analysed_company_into_an_empty_instance_only);

fn knit() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_knit"));
    for var in [
        "KNIT_LISTEN",
        "KNIT_DATA_DIR",
        "DATABASE_URL",
        "KNIT_CONFIG",
        "KNIT_LINK_KEY",
    ] {
        cmd.env_remove(var);
    }
    cmd.current_dir(std::env::temp_dir());
    cmd
}

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
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("there is no column 'strength' for --weight; the columns are source, target, w"));
    std::fs::remove_dir_all(edges.parent().expect("dir")).ok();
}

async fn demo_loads_an_analysed_company_into_an_empty_instance_only(t: TestDb) {
    let data = std::env::temp_dir().join(format!(
        "knit-demo-{}-{}",
        std::process::id(),
        app::store::now_ms()
    ));
    let run = || {
        knit()
            .arg("demo")
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
    let newcomers = app::insight::newcomers::newcomers_view(&t.db)
        .await
        .expect("view")
        .expect("analysed");
    assert!(!newcomers.rows.is_empty());
    assert!(newcomers.tenured_median >= 1.0);
    for row in &newcomers.rows {
        assert!(
            row.days >= 0
                && row.days
                    <= app::insight::newcomer_settings::NewcomerSettings::default().window_days,
            "{row:?}"
        );
        assert!(!row.curve.is_empty());
        assert!(
            row.suggestions.len() <= 3
                && row
                    .suggestions
                    .iter()
                    .all(|s| !s.reasons.is_empty() && s.person_id != row.person_id)
        );
    }
    assert!(newcomers.rows.iter().any(|r| !r.suggestions.is_empty()));

    // A manager sees only their own newcomers, and no aggregate under five.
    let manager = newcomers
        .rows
        .iter()
        .find_map(|r| r.manager_email.clone())
        .expect("a newcomer with a manager");
    let theirs = newcomers
        .rows
        .iter()
        .filter(|r| r.manager_email.as_deref() == Some(manager.as_str()))
        .count();
    let view = app::insight::newcomers::for_manager(newcomers.clone(), &manager.to_uppercase());
    assert_eq!(view.rows.len(), theirs);
    assert!(
        theirs < newcomers.rows.len(),
        "others' newcomers are hidden"
    );
    assert!(!view.can_send);
    assert!(view
        .by_reason
        .iter()
        .chain(&view.by_cohort)
        .all(|c| c.suggested >= 5));
    // Cohort rows, bands and comparison groups under five are left out too.
    let small: Vec<&str> = newcomers
        .cohorts
        .iter()
        .filter(|c| c.people < 5)
        .map(|c| c.cohort.as_str())
        .collect();
    assert!(
        !small.is_empty(),
        "the demo has small cohorts: {:?}",
        newcomers.cohorts
    );
    assert!(view.cohorts.iter().all(|c| c.people >= 5));
    assert!(view.bands.iter().all(|(c, _)| !small.contains(&c.as_str())));
    assert!(newcomers
        .bands
        .iter()
        .any(|(c, _)| small.contains(&c.as_str())));
    assert!(view.pace.iter().all(|p| p.people >= 5));
    assert_eq!(
        newcomers.cohorts.last().map(|c| c.cohort.as_str()),
        Some("Tenured")
    );

    let again = run();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty instance"));
    std::fs::remove_dir_all(&data).ok();
    t.finish().await;
}
