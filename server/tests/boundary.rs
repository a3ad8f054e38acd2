//! The data boundary: what leaves the server for each kind of reader. On a
//! generated organization (teams of 1 to 8, managers with one report,
//! department heads over several teams, newcomers in most teams), it signs in
//! as every manager, as newcomers and respondents by their links, and as no
//! one, and calls every page, server function and route the router has,
//! enumerated from the router itself: a new one is covered without editing
//! this test (a server function it has no arguments for fails it). Every
//! response body, JSON, HTML, SVG or CSV, and every email is checked for what
//! such a reader may not have: reason data, person-level figures, marks,
//! counts that single people out, group-map lines resting on few ties. With
//! the policy switched off for one function, the same check fails. Analysts
//! read everything, and each read of individual-level data is audited.

mod common;

use app::model::auth::{CurrentUser, Role};
use app::model::date::Date;
use app::store::testing::TestDb;
use app::surveys::{Answers, TieAnswer};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

app::backend_tests!(every_route_gives_each_reader_only_what_they_may_read);

/// Both backends' runs share this process, and one phase switches the policy
/// off: they take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The day the organization is seen from; hire dates and waves are set around it.
fn today() -> Date {
    Date::new(2026, 6, 30).expect("date")
}

fn day(offset: i64) -> String {
    Date::from_days_since_epoch(today().days_since_epoch() + offset).iso()
}

/// A generated organization: a chief, three department heads, each
/// over two to four teams of 1 to 8 people led by their first member (so a
/// team of two is a manager with one report). The newest member of most
/// teams of two or more joined 50 days ago.
struct Org {
    csv: String,
    team_of: Vec<usize>,
    department_of: Vec<usize>,
}

fn generate(seed: u64) -> Org {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut csv = String::from("Email,Name,Department,Team,Manager Email,Start Date\n");
    let mut team_of = vec![0];
    let mut department_of = vec![0];
    csv.push_str(&format!(
        "ceo@gen.test,Cleo Ceo,Board,Board,,{}\n",
        day(-2000)
    ));
    let mut team = 0;
    for d in 0..3 {
        let department = ["Alpha", "Beta", "Gamma"][d];
        let head = format!("head{d}@gen.test");
        team += 1;
        csv.push_str(&format!(
            "{head},Head {department},{department},{department} leads,ceo@gen.test,{}\n",
            day(-1500)
        ));
        team_of.push(team);
        department_of.push(d + 1);
        for t in 0..rng.gen_range(2..=4) {
            team += 1;
            // Every shape appears: a manager with one report, a team of one.
            let size = match (d, t) {
                (0, 0) => 2,
                (0, 1) => 1,
                (_, 0) => rng.gen_range(2..=8usize),
                _ => rng.gen_range(1..=8usize),
            };
            let lead = format!("lead{team}@gen.test");
            // The first team of each department has one; most others too.
            let newcomer = size >= 2 && (t == 0 || rng.gen_bool(0.8));
            for member in 0..size {
                let (email, manager) = if member == 0 {
                    (lead.clone(), head.clone())
                } else {
                    (format!("p{team}x{member}@gen.test"), lead.clone())
                };
                let hired = if newcomer && member == size - 1 {
                    day(-50)
                } else {
                    day(-900)
                };
                csv.push_str(&format!(
                    "{email},Person {team}-{member},{department},{department} {team},{manager},{hired}\n"
                ));
                team_of.push(team);
                department_of.push(d + 1);
            }
        }
    }
    Org {
        csv,
        team_of,
        department_of,
    }
}

/// A scale's key and its lowest and highest value.
type ScaleRange = (String, i64, i64);

/// Who reads, and how they are signed in.
#[derive(Clone, Debug)]
struct Reader {
    label: String,
    kind: Kind,
    cookie: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Staff,
    Manager(i64),
    Newcomer(i64),
    Respondent(i64),
    NoOne,
}

/// The objects the calls name.
struct Ids {
    survey: i64,
    /// The analysed wave the pages show.
    wave: i64,
    /// The wave still open, which respondents answer.
    open_wave: i64,
    relation: i64,
    newcomers: Vec<i64>,
    introduction: i64,
    /// Someone who is nobody's reader, for calls that change a person.
    bystander: i64,
    /// Each manager's reports.
    reports: HashMap<i64, Vec<i64>>,
}

impl Ids {
    /// A newcomer this reader may see if anyone (a manager's own), else any.
    fn newcomer_for(&self, reader: &Reader, managers_of: &HashMap<i64, i64>) -> i64 {
        match reader.kind {
            Kind::Manager(me) | Kind::Newcomer(me) => self
                .newcomers
                .iter()
                .copied()
                .find(|n| *n == me || managers_of.get(n) == Some(&me))
                .unwrap_or(self.newcomers[0]),
            _ => self.newcomers[0],
        }
    }

    fn person_for(&self, reader: &Reader) -> i64 {
        match reader.kind {
            Kind::Manager(me) => self
                .reports
                .get(&me)
                .and_then(|r| r.first().copied())
                .unwrap_or(self.bystander),
            _ => self.bystander,
        }
    }
}

/// Arguments for each server function, as its form posts them. A server
/// function missing here fails the test: say how to call it.
fn arguments(name: &str, ids: &Ids, newcomer: i64, person: i64) -> Option<Vec<(String, String)>> {
    let (s, w, o, r) = (
        ids.survey.to_string(),
        ids.wave.to_string(),
        ids.open_wave.to_string(),
        ids.relation.to_string(),
    );
    let none = "999999".to_string();
    let pairs: Vec<(&str, String)> = match name {
        "current_user"
        | "logout"
        | "sign_in_options"
        | "mail_templates"
        | "newcomer_settings_get"
        | "my_introductions"
        | "my_report"
        | "accounts"
        | "response"
        | "surveys"
        | "population_choices"
        | "overview" => vec![],
        "setup" => vec![
            ("organization", "Other".into()),
            ("name", "Eve".into()),
            ("email", "eve@gen.test".into()),
            ("password", "a long password".into()),
        ],
        "login" => vec![
            ("email", "nobody@gen.test".into()),
            ("password", "not it at all".into()),
            ("next", "".into()),
        ],
        "request_password_reset" => vec![("email", "nobody@gen.test".into())],
        "reset_link_usable" => vec![("token", "abc".into())],
        "reset_password" => vec![
            ("token", "abc".into()),
            ("new_password", "a new long password".into()),
            ("confirm_password", "a new long password".into()),
        ],
        "change_password" => vec![
            ("current_password", "not the password".into()),
            ("new_password", "a new long password".into()),
            ("confirm_password", "a new long password".into()),
        ],
        "audit_log" => vec![("page", "0".into())],
        "save_mail_template" => vec![
            ("purpose", "invitation".into()),
            ("language", "en".into()),
            ("subject", "{{survey}}".into()),
            ("body", "Hello {{name}}: {{link}}".into()),
        ],
        "reset_mail_template" => vec![("purpose", "reminder".into()), ("language", "en".into())],
        // English, as the organization and its people already have: the
        // other readers' pages stay as the checks expect them.
        "set_organization_language" | "choose_language" => vec![("language", "en".into())],
        "insight_people" => vec![
            ("wave_id", w),
            ("network", format!("relation:{r}")),
            ("query[page]", "0".into()),
        ],
        "wave_insight" | "analyze_wave" => vec![("wave_id", w.clone())],
        "network_draft" => vec![("wave_id", w), ("draft", none.clone())],
        "network_overlap" => vec![
            ("wave_id", w.clone()),
            ("first", "relation:1".into()),
            ("second", "relation:2".into()),
        ],
        "newcomers" => vec![("page", "0".into())],
        "newcomer" | "send_introductions" | "revoke_newcomer_link" => {
            vec![("person_id", newcomer.to_string())]
        }
        "newcomer_settings" => vec![
            ("window_days", "180".into()),
            ("at_risk_days", "90".into()),
            ("cohort", "month".into()),
            ("pulse_days", "30, 60, 90".into()),
            ("pulse_open_days", "7".into()),
            ("suggestions", "3".into()),
            ("copy_manager", "on".into()),
            ("link_days", "120".into()),
            ("rounds", "5, 30".into()),
            ("approval_rounds", "30".into()),
            ("holdout_percent", "20".into()),
            ("follow_up_days", "14".into()),
            ("suggest_senior", "on".into()),
        ],
        "decide_round" => vec![("round_id", none.clone()), ("decision", "skip".into())],
        "mark_introduction" => vec![
            ("id", ids.introduction.to_string()),
            ("status", "met".into()),
        ],
        "create_account" => vec![
            ("name", "New".into()),
            ("email", "new.account@gen.test".into()),
            ("role", "manager".into()),
        ],
        "change_account" => vec![("id", none), ("action", "disable".into())],
        "picker" => vec![("relation_id", r), ("q", "person".into())],
        "name_colleague" => vec![
            ("relation_id", r),
            ("person_id", person.to_string()),
            ("on", "true".into()),
        ],
        "answer" => vec![("question_id", none), ("value", "x".into())],
        "rate" => vec![
            ("relation_id", r),
            ("person_id", person.to_string()),
            ("key", "frequency".into()),
            ("value", "3".into()),
        ],
        "suggest_less" => vec![("less", "true".into())],
        "decline" => vec![("declined", "false".into())],
        "save_response" => vec![("f[action]", "save".into())],
        "survey" => vec![("id", s)],
        "create_survey" => vec![("f[name]", "Boundary".into())],
        "update_survey" => vec![("id", s), ("f[name]", "Boundary".into())],
        "add_wave" => vec![
            ("survey_id", s),
            ("opens_on", day(30)),
            ("closes_on", day(44)),
        ],
        "open_wave" | "close_wave" => vec![("survey_id", s), ("wave_id", none)],
        "schedule_wave" => vec![
            ("survey_id", s),
            ("wave_id", none),
            ("scheduled", "true".into()),
        ],
        "survey_preview" => vec![("id", s)],
        "save_translations" => vec![
            ("survey_id", s),
            ("language", "de".into()),
            ("f[t.0]", "".into()),
        ],
        "remind_now" | "retry_failed_email" => vec![("survey_id", s), ("wave_id", o)],
        "people" => vec![
            ("q", "".into()),
            ("page", "0".into()),
            ("include_inactive", "false".into()),
        ],
        "person" | "erasure_plan" => vec![("id", person.to_string())],
        "update_person" => [
            "full_name",
            "preferred_name",
            "department",
            "team",
            "title",
            "location",
            "manager_email",
            "hire_date",
            "end_date",
            "attributes",
        ]
        .into_iter()
        .map(|f| (f, String::new()))
        .chain([("id", none)])
        .collect(),
        "set_person_status" => vec![("id", none), ("status", "inactive".into())],
        "person_suggest_less" => vec![("id", none), ("less", "true".into())],
        "erase_person" => vec![("id", none)],
        "import_preview" => vec![
            ("upload_id", none),
            ("deactivate_missing", "false".into()),
            ("as_of", "".into()),
        ],
        "apply_import" => vec![("upload_id", none), ("as_of", "".into())],
        _ => return None,
    };
    Some(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Endpoints that return individual-level data to analysts: each read is
/// audited. Every other endpoint is listed as not doing so, so that a new
/// one has to be placed.
const INDIVIDUAL: &[&str] = &[
    "api:wave_insight",
    "api:insight_people",
    "api:newcomers",
    "api:newcomer",
    "api:survey",
    "api:person",
    "GET /insight/{wave}/map.svg",
    "GET /insight/{wave}/map.json",
    "GET /insight/{wave}/export",
    "GET /people/export.csv",
    "GET /people/{id}/export.json",
    "page:/insight/{wave}",
    "page:/newcomers",
    "page:/newcomers/{id}",
    "page:/people/{id}",
    "page:/surveys/{id}",
];

const NOT_INDIVIDUAL: &[&str] = &[
    // The reader's own data, the roster's facts, counts, settings and actions.
    "api:current_user",
    "api:setup",
    "api:login",
    "api:logout",
    "api:sign_in_options",
    "api:request_password_reset",
    "api:reset_link_usable",
    "api:reset_password",
    "api:change_password",
    "api:audit_log",
    "api:mail_templates",
    "api:save_mail_template",
    "api:reset_mail_template",
    "api:set_organization_language",
    "api:analyze_wave",
    "api:send_introductions",
    "api:decide_round",
    "api:revoke_newcomer_link",
    "api:newcomer_settings_get",
    "api:newcomer_settings",
    "api:my_introductions",
    "api:mark_introduction",
    "api:accounts",
    "api:create_account",
    "api:change_account",
    "api:response",
    "api:picker",
    "api:name_colleague",
    "api:answer",
    "api:rate",
    "api:suggest_less",
    "api:decline",
    "api:choose_language",
    // A respondent's own report: their own answers, and counts under the k rule
    // (personal_report.rs proves it over generated organizations).
    "api:my_report",
    "api:save_response",
    "api:surveys",
    "api:create_survey",
    "api:update_survey",
    "api:add_wave",
    "api:open_wave",
    "api:close_wave",
    "api:schedule_wave",
    "api:save_translations",
    // An example person's page and invitation: the survey's own words.
    "api:survey_preview",
    // The roster's departments, teams and locations: facts, not answers.
    "api:population_choices",
    "api:remind_now",
    "api:retry_failed_email",
    "api:overview",
    "api:people",
    "api:update_person",
    "api:set_person_status",
    "api:person_suggest_less",
    "api:erasure_plan",
    "api:erase_person",
    "api:import_preview",
    "api:apply_import",
    // A colleague's one-click "suggest me less often": a button, then done.
    "GET /less/{person}/{token}",
    "POST /less/{person}/{token}",
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    "GET /style/knit.css",
    "GET /style/network-map.js",
    "POST /people/import",
    "GET /auth/oidc/start",
    "GET /auth/oidc/callback",
    "GET /s/{token}",
    "GET /n/{token}",
    "GET /surveys/email/preview.html",
    "POST /surveys/email/preview.html",
    "GET /insight/{wave}/groups.svg",
    "POST /insight/{wave}/networks",
    "POST /insight/{wave}/networks/drafts/{draft}",
    // What an upload holds, in counts: no one's ties.
    "api:network_draft",
    // Two networks' pairs, in counts.
    "api:network_overlap",
    "POST /surveys/{survey}/waves/{wave}/people/{person}/link",
    "POST /surveys/{survey}/waves/{wave}/people/{person}/revoke",
    "page:/",
    "page:/setup",
    "page:/login",
    "page:/forgot-password",
    "page:/reset/{token}",
    "page:/account",
    "page:/accounts",
    "page:/audit",
    "page:/people",
    "page:/surveys",
    "page:/respond",
    "page:/report",
    "page:/surveys/new",
    "page:/surveys/{id}/preview",
    "page:/surveys/email",
    "page:/welcome",
    "page:/surveys/{id}/edit",
    "page:/people/import",
    "page:/people/import/{id}",
    "page:/people/{id}/edit",
    "page:/people/{id}/erase",
];

/// One call: what it is (for the audit classification), and the request.
struct Call {
    endpoint: String,
    method: Method,
    path: String,
    form: Option<Vec<(String, String)>>,
}

fn fill(path: &str, values: &[(&str, String)]) -> String {
    let mut out = path.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every call the router answers, for one reader. The endpoint that ends a
/// session (logout) comes last.
fn calls(reader: &Reader, ids: &Ids, managers_of: &HashMap<i64, i64>) -> Vec<Call> {
    let newcomer = ids.newcomer_for(reader, managers_of);
    let person = ids.person_for(reader);
    let values = |id: String| {
        vec![
            ("wave", ids.wave.to_string()),
            ("survey", ids.survey.to_string()),
            ("person", ids.bystander.to_string()),
            ("token", "0".repeat(64)),
            ("id", id),
        ]
    };
    let mut out = Vec::new();
    for path in server::http::page_paths() {
        let path = common::axum_style(&path);
        let ids_for_page: Vec<String> = if path.starts_with("/newcomers/") {
            // Their own newcomer, and one that is not theirs.
            let other = ids
                .newcomers
                .iter()
                .copied()
                .find(|n| *n != newcomer)
                .unwrap_or(newcomer);
            vec![newcomer.to_string(), other.to_string()]
        } else if path.starts_with("/surveys/") {
            vec![ids.survey.to_string()]
        } else if path.starts_with("/people/import/") {
            vec!["999999".into()]
        } else {
            vec![person.to_string()]
        };
        for id in ids_for_page {
            out.push(Call {
                endpoint: format!("page:{path}"),
                method: Method::GET,
                path: fill(&path, &values(id)),
                form: None,
            });
            if !path.contains('{') {
                break;
            }
        }
    }
    for route in server::http::routes() {
        let query = match route.path {
            "/insight/{wave}/map.svg" | "/insight/{wave}/map.json" => {
                vec![format!("?network=relation:{}", ids.relation)]
            }
            "/insight/{wave}/export" => vec![format!(
                "?network=relation:{}&format=ties-csv",
                ids.relation
            )],
            // The group map by the one grouping managers may ask for, and by
            // another, which they may not (team less department subtracts).
            "/insight/{wave}/groups.svg" => ["department", "team", "location"]
                .iter()
                .map(|g| format!("?network=relation:{}&group={g}", ids.relation))
                .collect(),
            _ => vec![String::new()],
        };
        for q in query {
            out.push(Call {
                endpoint: format!("{} {}", route.method, route.path),
                method: route.method.clone(),
                path: format!("{}{q}", fill(route.path, &values(person.to_string()))),
                form: None,
            });
        }
    }
    let mut functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Signing out ends the reader's session: last.
    functions.sort_by_key(|f| f == "logout");
    for name in functions {
        let form = arguments(&name, ids, newcomer, person).unwrap_or_else(|| {
            panic!("the boundary test does not know how to call the server function `{name}`: add its arguments to `arguments`")
        });
        out.push(Call {
            endpoint: format!("api:{name}"),
            method: Method::POST,
            path: format!("/api/{name}"),
            form: Some(form),
        });
    }
    out
}

async fn send(site: &common::Site, reader: &Reader, call: &Call) -> common::Reply {
    let mut request = Request::builder()
        .method(call.method.clone())
        .uri(&call.path)
        .header(header::HOST, "knit.test")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = &reader.cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let body = match &call.form {
        Some(form) => {
            request = request
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json");
            Body::from(serde_urlencoded::to_string(form).expect("form"))
        }
        None => Body::empty(),
    };
    site.send(request.body(body).expect("request")).await
}

/// The text a person reads in a page or picture: markup taken out.
fn visible_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Field names that carry raw evidence or one person's network figures.
const RAW_FIELDS: &[&str] = &[
    "\"relied_on\"",
    "\"by_manager\"",
    "\"teammates\"",
    "\"known\"",
    "\"closure\"",
    "\"linked_departments\"",
    "\"figures\"",
    "\"in_degree\"",
    "\"out_degree\"",
    "\"reciprocated\"",
    "\"betweenness\"",
    "\"percentile\"",
    "\"curve\"",
    "\"come_to_them\"",
    "\"they_go_to\"",
    "\"teams_reached\"",
    "\"first_named_day\"",
    "\"tenured_median_day\"",
    "\"met_an_introduction\"",
    "\"bands\"",
    "\"pulses\"",
    "\"non_respondents\"",
    "\"delivery\"",
];

/// Every "x of n" in a JSON value that would single people out.
fn count_leaks(value: &Value, k: usize, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (count, base) in [
                ("at_risk", "people"),
                ("reached_tenured_median", "people"),
                ("met", "suggested"),
                ("became_ties", "judged"),
            ] {
                if let (Some(c), Some(n)) = (
                    map.get(count).and_then(Value::as_u64),
                    map.get(base).and_then(Value::as_u64),
                ) {
                    if !app::disclosure::count_shown(c as usize, n as usize, k) {
                        found.push(format!("{count} {c} of {base} {n}"));
                    }
                }
            }
            if let Some(reasons) = map.get("reasons").and_then(Value::as_array) {
                for reason in reasons {
                    match reason.as_str() {
                        Some(text) => found.extend(common::reason_leak(text, k)),
                        None => found.push(format!("reason data: {reason}")),
                    }
                }
            }
            for v in map.values() {
                count_leaks(v, k, found);
            }
        }
        Value::Array(items) => {
            for v in items {
                count_leaks(v, k, found);
            }
        }
        _ => {}
    }
}

/// What a reader other than an analyst or admin may not find in a body.
fn leaks(reader: &Reader, call: &Call, reply: &common::Reply, k: usize) -> Vec<String> {
    if call.path.starts_with("/style/") {
        return Vec::new(); // the client's own code, no data
    }
    // A page carries its data for hydration as JSON inside a string. A field
    // sent empty (null) carries nothing.
    let body = &reply.body.replace("\\\"", "\"");
    let mut found: Vec<String> = RAW_FIELDS
        .iter()
        .filter(|f| {
            body.match_indices(**f)
                .any(|(at, _)| !body[at + f.len()..].starts_with(":null"))
        })
        .map(|f| format!("field {f}"))
        .collect();
    if let Ok(value) = serde_json::from_str::<Value>(&reply.body) {
        count_leaks(&value, k, &mut found);
    }
    // Reasons as pages show them.
    for part in body.split("<span class=\"reason\">").skip(1) {
        let reason = part.split("</span>").next().unwrap_or_default();
        found.extend(common::reason_leak(reason, k));
    }
    let text = visible_text(body);
    if matches!(reader.kind, Kind::Manager(_)) {
        for mark in [
            "Not useful",
            "not useful",
            "integration at risk",
            "They go to",
        ] {
            if text.contains(mark) {
                found.push(format!("'{mark}' in the page"));
            }
        }
        // A newcomer's mark in a timeline ("Marked “we met”: Ana"), not the
        // column of a table of counts ("Marked “we met”").
        for (at, _) in text.match_indices("Marked “") {
            let rest = &text[at..];
            if rest
                .find('”')
                .is_some_and(|end| rest[end + '”'.len_utf8()..].starts_with(':'))
            {
                found.push(format!(
                    "a newcomer's mark in the page: {}",
                    &rest[..rest.len().min(60)]
                ));
            }
        }
    }
    if matches!(reader.kind, Kind::Manager(_))
        && (call.path.starts_with("/newcomers") || call.path.starts_with("/surveys"))
    {
        // "x of n" in a manager's tables of newcomers and response rates.
        let words: Vec<&str> = text.split_whitespace().collect();
        for w in words.windows(3) {
            if let (Ok(c), "of", Ok(n)) = (w[0].parse::<usize>(), w[1], w[2].parse::<usize>()) {
                if !app::disclosure::count_shown(c, n, k) {
                    found.push(format!("'{c} of {n}' in the page"));
                }
            }
        }
    }
    // Person-level files are for analysts.
    let person_level = [
        "GET /insight/{wave}/map.svg",
        "GET /insight/{wave}/map.json",
        "GET /insight/{wave}/export",
        "GET /people/export.csv",
        "GET /people/{id}/export.json",
    ];
    if reply.status == StatusCode::OK && person_level.contains(&call.endpoint.as_str()) {
        found.push("a person-level file".into());
    }
    if call.endpoint == "GET /insight/{wave}/groups.svg"
        && reply.status == StatusCode::OK
        && !call.path.contains("group=department")
    {
        found.push("a group map by a second grouping".into());
    }
    found
}

/// The tie counts between departments of one relation in one wave, and how
/// many of each department answered: what a group map's lines rest on.
async fn department_ties(
    db: &app::store::Db,
    wave: i64,
    relation: i64,
) -> (
    HashMap<(String, String), usize>,
    HashMap<String, (usize, usize)>,
) {
    let ties: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.department, b.department FROM ties t JOIN people a ON a.id = t.respondent_id \
         JOIN people b ON b.id = t.named_id WHERE t.wave_id = $1 AND t.relation_id = $2",
    )
    .bind(wave)
    .bind(relation)
    .fetch_all(db.pool())
    .await
    .expect("ties");
    let mut between = HashMap::new();
    for (a, b) in ties {
        let key = if a <= b { (a, b) } else { (b, a) };
        *between.entry(key).or_insert(0) += 1;
    }
    let groups: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT p.department, COUNT(*), SUM(CASE WHEN i.submitted_at IS NOT NULL THEN 1 ELSE 0 END) \
         FROM people p LEFT JOIN invitations i ON i.person_id = p.id AND i.wave_id = $1 GROUP BY p.department",
    )
    .bind(wave)
    .fetch_all(db.pool())
    .await
    .expect("groups");
    let sizes = groups
        .into_iter()
        .map(|(d, size, answered)| (d, (size as usize, answered as usize)))
        .collect();
    (between, sizes)
}

/// Each line a group map draws must rest on what the policy asks.
fn group_map_leaks(
    svg: &str,
    between: &HashMap<(String, String), usize>,
    groups: &HashMap<String, (usize, usize)>,
    k: usize,
) -> Vec<String> {
    let mut found = Vec::new();
    for part in svg.split("<line ").skip(1) {
        let Some(title) = part
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split(':').next())
        else {
            continue;
        };
        let Some((a, b)) = title.split_once(" ↔ ") else {
            continue;
        };
        let (a, b) = (a.to_string(), b.to_string());
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        let ties = between.get(&key).copied().unwrap_or(0);
        let (size_a, answered_a) = groups.get(&a).copied().unwrap_or_default();
        let (size_b, answered_b) = groups.get(&b).copied().unwrap_or_default();
        let could_have = answered_a * size_b + answered_b * size_a;
        if answered_a < k || answered_b < k || !app::disclosure::count_shown(ties, could_have, k) {
            found.push(format!(
                "a line {a} ↔ {b} of {ties} ties ({answered_a} and {answered_b} answered)"
            ));
        }
    }
    found
}

/// A new account for `email`, signed in: its Cookie header.
async fn signed_in(db: &app::store::Db, email: &str, role: Role) -> String {
    app::auth::service::create_account(
        db,
        &app::store::audit::Actor::command_line(),
        email,
        "Reader",
        role,
        "a long password".into(),
    )
    .await
    .expect("account");
    session_of(db, email).await
}

/// A new session of the account with this email: its Cookie header.
async fn session_of(db: &app::store::Db, email: &str) -> String {
    let account = app::store::users::find_by_email(db, email)
        .await
        .expect("q")
        .expect("account");
    let token =
        app::auth::service::start_session(db, account.id, &Default::default(), Default::default())
            .await
            .expect("session");
    format!("knit_session={token}")
}

async fn email_of(db: &app::store::Db, person: i64) -> String {
    sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
        .bind(person)
        .fetch_one(db.pool())
        .await
        .expect("email")
}

async fn every_route_gives_each_reader_only_what_they_may_read(t: TestDb) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let k = app::privacy::Privacy::default().min_group;
    // Another organization on each backend; KNIT_BOUNDARY_SEED sweeps others.
    let seed = std::env::var("KNIT_BOUNDARY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(match t.db.backend() {
            app::store::Backend::Sqlite => 11,
            app::store::Backend::Postgres => 12,
        });
    let org = generate(seed);
    let plan = app::people::service::plan_file(&t.db, org.csv.as_bytes(), false)
        .await
        .expect("plan");
    app::people::service::apply_plan(
        &t.db,
        &Default::default(),
        &plan,
        Date::from_days_since_epoch(today().days_since_epoch() - 400),
        None,
        "gen.csv",
        &|_| {},
    )
    .await
    .expect("roster");
    let people: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, manager_id FROM people ORDER BY id")
            .fetch_all(t.db.pool())
            .await
            .expect("people");
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    assert_eq!(ids.len(), org.team_of.len());
    let managers_of: HashMap<i64, i64> = people
        .iter()
        .filter_map(|&(id, m)| m.map(|m| (id, m)))
        .collect();

    let site = common::Site::new(t).await;
    site.set_up().await;
    let t = &site.t;
    let key = site.settings.link_key.clone();
    let definition = app::fixtures::definition();
    let survey = app::store::surveys::create(&t.db, &definition, None)
        .await
        .expect("survey");
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
    let mut rng = StdRng::seed_from_u64(seed);
    let mut waves = Vec::new();
    let mut tokens: BTreeMap<i64, String> = BTreeMap::new();
    for (opens, closes, close) in [(-140, -120, true), (-20, -5, true), (-2, 12, false)] {
        let wave = app::store::surveys::create_wave(&t.db, survey, &day(opens), &day(closes))
            .await
            .expect("wave");
        let mut links = Vec::new();
        for &id in &ids {
            let seed = app::mail::new_seed();
            let token = key.token(&seed);
            let token_hash = app::auth::service::hash_token(&token);
            tokens.insert(id, token);
            links.push((id, app::store::surveys::NewLink { seed, token_hash }));
        }
        let opens_on = Date::from_days_since_epoch(today().days_since_epoch() + opens);
        app::store::surveys::open_wave(&t.db, wave, links, opens_on)
            .await
            .expect("open");
        for (i, &id) in ids.iter().enumerate() {
            if rng.gen_bool(0.15) {
                continue;
            }
            let mut answers = Answers::default();
            // Mostly teammates, then the department, seldom anyone: lines
            // between departments rest on few ties, as in a real company.
            let near = |same: &dyn Fn(usize) -> bool| -> Vec<usize> {
                (0..ids.len()).filter(|&j| j != i && same(j)).collect()
            };
            let teammates = near(&|j| org.team_of[j] == org.team_of[i]);
            let department = near(&|j| org.department_of[j] == org.department_of[i]);
            for _ in 0..rng.gen_range(1..=5) {
                let pick = |from: &[usize], rng: &mut StdRng| from[rng.gen_range(0..from.len())];
                let j = if !teammates.is_empty() && rng.gen_bool(0.6) {
                    pick(&teammates, &mut rng)
                } else if !department.is_empty() && rng.gen_bool(0.9) {
                    pick(&department, &mut rng)
                } else {
                    rng.gen_range(0..ids.len())
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
            app::surveys::service::save_answers(&t.db, wave, id, &answers, true)
                .await
                .expect("answers");
        }
        if close {
            app::fixtures::close_and_analyze(&t.db, wave).await;
        }
        waves.push(wave);
    }
    app::store::outbox::cancel_queued(&t.db, "generated")
        .await
        .expect("cancel");
    app::store::newcomers::save_settings(
        t.db.pool(),
        &app::newcomers::NewcomerSettings {
            copy_manager: true,
            ..Default::default()
        },
    )
    .await
    .expect("settings");

    // HR emails every newcomer their introductions.
    let hr = CurrentUser {
        id: 0,
        email: "hr@gen.test".into(),
        name: "HR".into(),
        role: Role::Analyst,
    };
    let staff = app::newcomers::service::staff_page(&t.db, &hr, 0)
        .await
        .expect("page")
        .expect("analysed");
    let newcomers: Vec<i64> = staff
        .rows
        .iter()
        .filter(|r| !r.suggestions.is_empty())
        .map(|r| r.figures.person_id)
        .collect();
    assert!(
        newcomers.len() >= 3,
        "{} newcomers with suggestions",
        newcomers.len()
    );
    for &n in &newcomers {
        app::newcomers::service::send_introductions(&t.db, &Default::default(), &key, &hr, n)
            .await
            .expect("sent");
    }
    let introduction: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM introductions WHERE newcomer_id = $1")
            .bind(newcomers[0])
            .fetch_one(t.db.pool())
            .await
            .expect("introduction");
    let relation = asked[0].0;
    let mut reports: HashMap<i64, Vec<i64>> = HashMap::new();
    for (&person, &manager) in &managers_of {
        reports.entry(manager).or_default().push(person);
    }
    let newcomer_set: BTreeSet<i64> = newcomers.iter().copied().collect();
    let bystander = *ids
        .iter()
        .rev()
        .find(|id| !newcomer_set.contains(id) && !reports.contains_key(id))
        .expect("a bystander");
    let objects = Ids {
        survey,
        wave: waves[1],
        open_wave: waves[2],
        relation,
        newcomers: newcomers.clone(),
        introduction,
        bystander,
        reports: reports.clone(),
    };

    // The readers: every manager, three newcomers and three respondents by
    // their links, no one; the analyst last (their calls change things).
    let mut readers = Vec::new();
    let mut manager_ids: Vec<i64> = reports.keys().copied().collect();
    manager_ids.sort_unstable();
    for &m in &manager_ids {
        let email = email_of(&t.db, m).await;
        readers.push(Reader {
            label: format!("manager {email} ({} reports)", reports[&m].len()),
            kind: Kind::Manager(m),
            cookie: Some(signed_in(&t.db, &email, Role::Manager).await),
        });
    }
    assert!(
        reports.values().any(|r| r.len() == 1),
        "a manager with one report"
    );
    for &n in newcomers.iter().take(3) {
        let seed: String =
            sqlx::query_scalar("SELECT token_seed FROM newcomer_links WHERE person_id = $1")
                .bind(n)
                .fetch_one(t.db.pool())
                .await
                .expect("seed");
        let reply = site.get(&format!("/n/{}", key.token(&seed)), None).await;
        let cookie = reply.cookie("knit_newcomer").expect("a newcomer session");
        readers.push(Reader {
            label: format!("newcomer {n}"),
            kind: Kind::Newcomer(n),
            cookie: Some(format!("knit_newcomer={cookie}")),
        });
    }
    for &r in ids.iter().skip(1).step_by(7).take(3) {
        let reply = site.get(&format!("/s/{}", tokens[&r]), None).await;
        let cookie = reply
            .cookie("knit_respondent")
            .expect("a respondent session");
        readers.push(Reader {
            label: format!("respondent {r}"),
            kind: Kind::Respondent(r),
            cookie: Some(format!("knit_respondent={cookie}")),
        });
    }
    readers.push(Reader {
        label: "no one".into(),
        kind: Kind::NoOne,
        cookie: None,
    });

    let (between, groups) = department_ties(&t.db, waves[1], relation).await;
    let mut problems: Vec<String> = Vec::new();
    let mut calls_made = 0;
    // What each kind of reader was answered with 200, so that the checks
    // are known to have read real data.
    let mut answered: BTreeSet<(&'static str, String)> = BTreeSet::new();
    for reader in &readers {
        for call in calls(reader, &objects, &managers_of) {
            let reply = send(&site, reader, &call).await;
            calls_made += 1;
            assert!(
                reply.status != StatusCode::INTERNAL_SERVER_ERROR,
                "{} {}: 500 {}",
                reader.label,
                call.path,
                reply.body
            );
            if reply.status == StatusCode::OK {
                let kind = match reader.kind {
                    Kind::Manager(_) => "manager",
                    Kind::Newcomer(_) => "newcomer",
                    Kind::Respondent(_) => "respondent",
                    Kind::Staff | Kind::NoOne => "other",
                };
                answered.insert((kind, call.endpoint.clone()));
            }
            let mut found = leaks(reader, &call, &reply, k);
            if call.endpoint == "GET /insight/{wave}/groups.svg" && reply.status == StatusCode::OK {
                found.extend(group_map_leaks(&reply.body, &between, &groups, k));
            }
            problems.extend(
                found
                    .into_iter()
                    .map(|f| format!("{} · {} {}: {f}", reader.label, call.method, call.path)),
            );
        }
    }
    assert!(calls_made > 100 * readers.len() / 2, "{calls_made} calls");
    for (kind, endpoint) in [
        ("manager", "api:newcomers"),
        ("manager", "api:newcomer"),
        ("manager", "api:survey"),
        ("manager", "page:/newcomers"),
        ("manager", "page:/newcomers/{id}"),
        ("manager", "page:/surveys/{id}"),
        ("manager", "GET /insight/{wave}/groups.svg"),
        ("newcomer", "api:my_introductions"),
        ("newcomer", "page:/welcome"),
        ("respondent", "api:response"),
        ("respondent", "page:/respond"),
    ] {
        assert!(
            answered.contains(&(kind, endpoint.to_string())),
            "no {kind} was answered by {endpoint}: the check read nothing there"
        );
    }
    assert!(
        problems.is_empty(),
        "{} disclosures, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(2000)]
    );

    // Managers' response rates: no group under k, alone or by difference.
    for reader in readers
        .iter()
        .filter(|r| matches!(r.kind, Kind::Manager(_)))
    {
        let Kind::Manager(m) = reader.kind else {
            continue;
        };
        let email = email_of(&t.db, m).await;
        let account = app::store::users::find_by_email(&t.db, &email)
            .await
            .expect("q")
            .expect("account");
        let as_manager = CurrentUser {
            id: account.id,
            email,
            name: "Reader".into(),
            role: Role::Manager,
        };
        for &wave in &waves {
            let (overall, groups) = app::surveys::service::response_rates(
                &app::model::policy::Policy::default(),
                &as_manager,
                &app::store::responses::response_counts(&t.db, wave)
                    .await
                    .expect("counts"),
            );
            if let Some(answered) = overall.answered {
                assert!(
                    answered >= k as i64,
                    "{}: a total of {answered}",
                    reader.label
                );
            }
            for g in &groups {
                assert!(g.declined.is_none());
                assert!(
                    g.answered.is_none_or(|a| a >= k as i64),
                    "{}: {:?}",
                    reader.label,
                    g
                );
            }
        }
    }

    // Every email: introductions and managers' copies.
    let folder = common::deliver_to_folder(&t.db, &key, "boundary").await;
    let mut emails = 0;
    for entry in std::fs::read_dir(&folder).expect("outbox folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("eml");
        for line in common::introduction_lines(&text) {
            if let Some(found) = common::reason_leak(&line, k) {
                panic!("{}: {found}", path.display());
            }
        }
        emails += 1;
    }
    assert!(
        emails > newcomers.len(),
        "introductions and managers' copies: {emails}"
    );
    std::fs::remove_dir_all(&folder).ok();

    // The same check fails when the policy is off for one function: a
    // manager's introduction reasons, written as the analyst reads them.
    app::disclosure::bypass::set(true);
    let mut caught = 0;
    for reader in readers
        .iter()
        .filter(|r| matches!(r.kind, Kind::Manager(_)))
    {
        let call = Call {
            endpoint: "api:newcomers".into(),
            method: Method::POST,
            path: "/api/newcomers".into(),
            form: Some(vec![("page".into(), "0".into())]),
        };
        let Kind::Manager(m) = reader.kind else {
            continue;
        };
        // Signed in again: the calls above ended with signing out.
        let again = Reader {
            cookie: Some(session_of(&t.db, &email_of(&t.db, m).await).await),
            ..reader.clone()
        };
        let reply = send(&site, &again, &call).await;
        caught += leaks(&again, &call, &reply, k).len();
    }
    app::disclosure::bypass::set(false);
    assert!(
        caught > 0,
        "with the policy off, the check finds the answers it lets through"
    );

    // Staff read everything; each read of individual-level data is audited,
    // and every endpoint is placed on one side or the other.
    // An administrator: analysts read the same, but only administrators
    // export everything about one person.
    let analyst = Reader {
        label: "administrator".into(),
        kind: Kind::Staff,
        cookie: Some(signed_in(&t.db, "admin@gen.test", Role::Admin).await),
    };
    let entries = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log")
            .fetch_one(t.db.pool())
            .await
            .expect("count")
    };
    let mut analyst_leaks = 0;
    let mut audited: BTreeSet<String> = BTreeSet::new();
    for call in calls(&analyst, &objects, &managers_of) {
        let endpoint = call.endpoint.as_str();
        assert!(
            INDIVIDUAL.contains(&endpoint) || NOT_INDIVIDUAL.contains(&endpoint),
            "place {endpoint} in INDIVIDUAL (it returns individual-level data, and must audit it) or NOT_INDIVIDUAL"
        );
        let before = entries().await;
        let reply = send(&site, &analyst, &call).await;
        assert!(
            reply.status != StatusCode::INTERNAL_SERVER_ERROR,
            "analyst {}: {}",
            call.path,
            reply.body
        );
        if INDIVIDUAL.contains(&endpoint) {
            assert_eq!(
                reply.status,
                StatusCode::OK,
                "analyst {}: {}",
                call.path,
                reply.body
            );
            assert!(
                entries().await > before,
                "{endpoint} returned individual-level data and wrote no audit entry"
            );
            audited.insert(endpoint.to_string());
        }
        if endpoint == "api:newcomers" {
            analyst_leaks += leaks(&analyst, &call, &reply, k).len();
        }
    }
    assert_eq!(
        audited.len(),
        INDIVIDUAL.len(),
        "every individual-level endpoint was called: {audited:?}"
    );
    assert!(
        analyst_leaks > 0,
        "the analyst reads the full figures and reasons"
    );
    site.finish().await;
}
