//! Newcomers for HR: how each is woven in against their cohort and tenured
//! colleagues, their network's growth wave by wave, and whom they should
//! meet next, with reasons.

use crate::error::AppError;
use crate::ui::{loaded, FormError, ReturnField};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

/// Someone hired within this many days before a wave is a newcomer in it.
pub const NEWCOMER_WINDOW_DAYS: i64 = 180;
/// After this many days, an in-degree below the cohort's lower quartile is a risk.
pub const AT_RISK_AFTER_DAYS: i64 = 90;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub person_id: i64,
    pub ground: String,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewcomerRow {
    pub person_id: i64,
    pub name: String,
    pub manager_email: Option<String>,
    pub hired_on: String,
    pub cohort: String,
    pub days: i64,
    pub in_degree: usize,
    pub out_degree: usize,
    pub reciprocated: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    pub percentile: f64,
    pub at_risk: bool,
    /// (days since hire at the wave, people who named them), wave by wave.
    pub curve: Vec<(i64, usize)>,
    pub suggestions: Vec<SuggestionView>,
}

/// Introductions of one reason or cohort, and how many became ties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conversion {
    pub group: String,
    pub suggested: usize,
    pub met: usize,
    /// Those with a closed wave after them, so that a tie could show.
    pub judged: usize,
    pub became_ties: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewcomersView {
    pub wave_id: i64,
    /// Analysts and admins may email introductions; managers only read.
    pub can_send: bool,
    pub survey: String,
    pub wave_number: i64,
    pub wave_closes_on: String,
    pub tenured_median: f64,
    pub rows: Vec<NewcomerRow>,
    pub by_reason: Vec<Conversion>,
    pub by_cohort: Vec<Conversion>,
}

#[server(endpoint = "newcomers")]
pub async fn get_newcomers() -> Result<Option<NewcomersView>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            let view = service::newcomers(&state.db).await?;
            Ok(match crate::surveys::service::require_builder(&user) {
                Ok(()) => view,
                Err(_) => view.map(|v| for_manager(v, &user.email)),
            })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub use service::newcomers as newcomers_view;

/// What a manager sees: their own reports only, and no aggregate of fewer
/// than five people.
pub fn for_manager(mut view: NewcomersView, manager_email: &str) -> NewcomersView {
    view.rows.retain(|r| {
        r.manager_email
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case(manager_email))
    });
    let min = crate::surveys::MIN_GROUP_SIZE as usize;
    view.by_reason.retain(|c| c.suggested >= min);
    view.by_cohort.retain(|c| c.suggested >= min);
    view.can_send = false;
    view
}

/// Stores a newcomer's current suggestions as introductions and emails them
/// their link (through the outbox). Returns the newcomer's name.
#[cfg(feature = "ssr")]
pub async fn send_introductions(
    db: &crate::store::Db,
    key: &crate::mail::LinkKey,
    user: &crate::auth::model::CurrentUser,
    person_id: i64,
) -> Result<String, AppError> {
    crate::surveys::service::require_builder(user)?;
    let view = service::newcomers(db)
        .await?
        .ok_or_else(|| AppError::invalid("No wave has been analysed yet."))?;
    let row = view
        .rows
        .iter()
        .find(|r| r.person_id == person_id)
        .ok_or_else(|| {
            AppError::invalid("This person is not a newcomer of the latest analysed wave.")
        })?;
    if row.suggestions.is_empty() {
        return Err(AppError::invalid(
            "There is no one to suggest yet; try again after the next wave.",
        ));
    }
    let suggestions: Vec<(i64, String, Vec<String>)> = row
        .suggestions
        .iter()
        .map(|s| (s.person_id, s.ground.clone(), s.reasons.clone()))
        .collect();
    let seed = crate::mail::new_seed();
    let hash = crate::auth::service::hash_token(&key.token(&seed));
    crate::store::analyses::send_introductions(
        db,
        view.wave_id,
        person_id,
        &suggestions,
        (&seed, &hash),
    )
    .await?;
    Ok(row.name.clone())
}

#[server(endpoint = "send_introductions")]
pub async fn send_introductions_action(person_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            let name =
                send_introductions(&state.db, &state.settings.link_key, &user, person_id).await?;
            leptos_axum::redirect(&format!(
                "/newcomers?sent={}",
                name.replace(['&', '#', '?'], " ")
            ));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
mod service {
    use super::*;
    use crate::people::date::{Date, SlashOrder};
    use crate::store::Db;
    use analysis::newcomers::{at_risk, integration, suggest, IntroductionWeights, People};
    use analysis::{Csr, Report};
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    fn days(iso: &str) -> Option<i64> {
        Date::parse(iso, SlashOrder::DayFirst).map(Date::days_since_epoch)
    }

    pub async fn newcomers(db: &Db) -> Result<Option<NewcomersView>, AppError> {
        // The latest analysed wave, and its survey's analysed waves before it.
        let latest: Option<(i64, i64)> = sqlx::query_as(
            "SELECT w.id, w.survey_id FROM waves w WHERE EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = w.id) \
             ORDER BY w.closes_on DESC, w.id DESC LIMIT 1",
        )
        .fetch_optional(db.pool())
        .await?;
        let Some((wave_id, survey_id)) = latest else {
            return Ok(None);
        };
        let survey = crate::store::surveys::get(db, survey_id)
            .await?
            .ok_or(AppError::Internal)?;
        let wave = survey
            .waves
            .iter()
            .find(|w| w.id == wave_id)
            .cloned()
            .ok_or(AppError::Internal)?;
        let key = match survey.definition.relations.first() {
            Some(r) => format!("relation:{}", r.id),
            None => return Ok(None),
        };
        // In-degree of everyone at each analysed wave, for the curves.
        let mut history: Vec<(i64, HashMap<i64, usize>)> = Vec::new();
        let mut latest_report: Option<Report> = None;
        for w in survey.waves.iter().filter(|w| w.number <= wave.number) {
            let stored = crate::store::analyses::load(db, w.id).await?;
            let Some(s) = stored.into_iter().find(|s| s.network == key) else {
                continue;
            };
            let report: Report = serde_json::from_str(&s.report).map_err(|_| AppError::Internal)?;
            let degrees = report
                .nodes
                .iter()
                .map(|m| (m.id.parse().unwrap_or_default(), m.in_degree))
                .collect();
            history.push((days(&w.closes_on).unwrap_or_default(), degrees));
            if w.id == wave_id {
                latest_report = Some(report);
            }
        }
        let Some(report) = latest_report else {
            return Ok(None);
        };
        let wave_day = days(&wave.closes_on).unwrap_or_default();
        let roster: HashMap<i64, crate::store::people::PersonAsOf> =
            crate::store::people::roster_as_of(db, &wave.closes_on)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        let by_email: HashMap<String, i64> = roster
            .values()
            .map(|p| (p.email.to_lowercase(), p.id))
            .collect();
        // The wave's graph, in the report's node order.
        let ids: Vec<i64> = report
            .nodes
            .iter()
            .map(|m| m.id.parse().unwrap_or_default())
            .collect();
        let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut builder = analysis::GraphBuilder::new();
        for m in &report.nodes {
            builder.node(&m.id, Default::default());
        }
        for (a, b, _) in crate::store::analyses::ties(
            db,
            wave_id,
            key.trim_start_matches("relation:")
                .parse()
                .unwrap_or_default(),
        )
        .await?
        {
            builder.edge(&a.to_string(), &b.to_string(), 1.0);
        }
        let graph = builder.build();
        let csr = Csr::new(&graph);
        let field =
            |f: &dyn Fn(&crate::people::PersonFields) -> Option<String>| -> Vec<Option<String>> {
                ids.iter()
                    .map(|id| roster.get(id).and_then(|p| f(&p.fields)))
                    .collect()
            };
        let names: Vec<String> = ids
            .iter()
            .map(|id| {
                roster
                    .get(id)
                    .map(|p| {
                        p.fields
                            .preferred_name
                            .clone()
                            .unwrap_or(p.fields.full_name.clone())
                    })
                    .unwrap_or_default()
            })
            .collect();
        let teams = field(&|f| f.team.clone());
        let departments = field(&|f| f.department.clone());
        let managers: Vec<Option<usize>> = ids
            .iter()
            .map(|id| {
                roster
                    .get(id)
                    .and_then(|p| p.manager_email.as_ref())
                    .and_then(|e| by_email.get(&e.to_lowercase()))
                    .and_then(|m| index.get(m).copied())
            })
            .collect();
        let hired: Vec<Option<i64>> = ids
            .iter()
            .map(|id| {
                roster
                    .get(id)
                    .and_then(|p| p.fields.hire_date.as_deref())
                    .and_then(days)
            })
            .collect();
        let newcomers: BTreeSet<usize> = (0..ids.len())
            .filter(|&v| {
                hired[v].is_some_and(|h| wave_day - h <= NEWCOMER_WINDOW_DAYS && wave_day >= h)
            })
            .collect();
        let tenured: Vec<usize> = (0..ids.len()).filter(|v| !newcomers.contains(v)).collect();
        let mut tenured_degrees: Vec<usize> = tenured.iter().map(|&v| csr.pred(v).len()).collect();
        tenured_degrees.sort_unstable();
        let tenured_median = tenured_degrees
            .get(tenured_degrees.len() / 2)
            .copied()
            .unwrap_or(0) as f64;
        let none = BTreeSet::new();
        let mut suggested = vec![0usize; ids.len()];
        let cohort_of = |v: usize| -> String {
            let d = Date::from_days_since_epoch(hired[v].unwrap_or_default());
            format!("{}-{:02}", d.year, d.month)
        };
        let mut cohorts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &v in &newcomers {
            cohorts
                .entry(cohort_of(v))
                .or_default()
                .push(csr.pred(v).len());
        }
        let mut rows = Vec::new();
        for &v in &newcomers {
            let already = suggested.clone();
            let roster_view = People {
                names: &names,
                teams: &teams,
                departments: &departments,
                managers: &managers,
                newcomers: &newcomers,
                opted_out: &none,
                already_suggested: &already,
            };
            let suggestions = suggest(
                &csr,
                &report,
                &roster_view,
                v,
                3,
                &IntroductionWeights::default(),
            );
            // Spread the load across newcomers, as the suggestions are made in turn.
            for s in &suggestions {
                suggested[s.node] += 1;
            }
            let metrics = integration(&csr, &roster_view, v, &tenured);
            let hired_day = hired[v].unwrap_or_default();
            let cohort = cohort_of(v);
            rows.push(NewcomerRow {
                person_id: ids[v],
                manager_email: roster.get(&ids[v]).and_then(|p| p.manager_email.clone()),
                name: names[v].clone(),
                hired_on: Date::from_days_since_epoch(hired_day).iso(),
                days: wave_day - hired_day,
                in_degree: metrics.in_degree,
                out_degree: metrics.out_degree,
                reciprocated: metrics.reciprocated,
                teams_reached: metrics.teams_reached,
                departments_reached: metrics.departments_reached,
                percentile: metrics.percentile_vs_tenured,
                at_risk: at_risk(
                    metrics.in_degree,
                    wave_day - hired_day,
                    &cohorts[&cohort],
                    AT_RISK_AFTER_DAYS,
                ),
                cohort,
                curve: history
                    .iter()
                    .filter(|(day, _)| *day >= hired_day)
                    .filter_map(|(day, degrees)| {
                        degrees.get(&ids[v]).map(|d| (day - hired_day, *d))
                    })
                    .collect(),
                suggestions: suggestions
                    .into_iter()
                    .map(|s| SuggestionView {
                        person_id: ids[s.node],
                        ground: s.ground.key().to_string(),
                        name: names[s.node].clone(),
                        reasons: s.reasons,
                    })
                    .collect(),
            });
        }
        rows.sort_by(|a, b| {
            b.at_risk
                .cmp(&a.at_risk)
                .then(a.hired_on.cmp(&b.hired_on))
                .then(a.name.cmp(&b.name))
        });
        let outcomes = crate::store::analyses::introduction_outcomes(db).await?;
        let tally = |key: &dyn Fn(&(String, Option<String>, String, bool, bool)) -> String| -> Vec<Conversion> {
            let mut groups: BTreeMap<String, Conversion> = BTreeMap::new();
            for o in &outcomes {
                let c = groups.entry(key(o)).or_insert_with(|| Conversion {
                    group: key(o),
                    suggested: 0,
                    met: 0,
                    judged: 0,
                    became_ties: 0,
                });
                c.suggested += 1;
                c.met += usize::from(o.2 == "met");
                c.judged += usize::from(o.4);
                c.became_ties += usize::from(o.4 && o.3);
            }
            groups.into_values().collect()
        };
        let by_reason = tally(&|o| analysis::newcomers::Ground::label(&o.0).to_string());
        let by_cohort = tally(&|o| {
            o.1.as_deref()
                .map(|d| d.chars().take(7).collect())
                .unwrap_or_else(|| "unknown".into())
        });
        Ok(Some(NewcomersView {
            can_send: true,
            by_reason,
            by_cohort,
            wave_id,
            survey: survey.definition.name,
            wave_number: wave.number,
            wave_closes_on: wave.closes_on,
            tenured_median,
            rows,
        }))
    }
}

/// In-degree against days since hire: each newcomer's line, and the tenured
/// median as a dashed line.
fn curves(view: &NewcomersView) -> impl IntoView {
    let (w, h, pad) = (640.0, 260.0, 36.0);
    let max_days = view
        .rows
        .iter()
        .flat_map(|r| r.curve.iter().map(|(d, _)| *d))
        .max()
        .unwrap_or(1)
        .max(NEWCOMER_WINDOW_DAYS) as f64;
    let max_in = view
        .rows
        .iter()
        .flat_map(|r| r.curve.iter().map(|(_, k)| *k))
        .max()
        .unwrap_or(1)
        .max(view.tenured_median.ceil() as usize)
        .max(1) as f64;
    let x = move |d: i64| pad + (d as f64 / max_days) * (w - 2.0 * pad);
    let y = move |k: f64| h - pad - (k / max_in) * (h - 2.0 * pad);
    let median_y = y(view.tenured_median);
    view! {
        <svg class="curves" viewBox=format!("0 0 {w} {h}") role="img" aria-label="Integration curves: people who name each newcomer, by days since hire">
            <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
            <line x1=pad y1=pad x2=pad y2=h - pad class="axis"/>
            <text x=w / 2.0 y=h - 6.0 class="label" text-anchor="middle">"days since hire"</text>
            <text x=10.0 y=pad - 10.0 class="label">"named by"</text>
            <line x1=pad y1=median_y x2=w - pad y2=median_y class="median"/>
            <text x=w - pad y=median_y - 6.0 class="label" text-anchor="end">{format!("tenured median {:.0}", view.tenured_median)}</text>
            {view.rows.iter().map(|r| {
                let points: String = r.curve.iter().map(|(d, k)| format!("{:.1},{:.1}", x(*d), y(*k as f64))).collect::<Vec<_>>().join(" ");
                let class = if r.at_risk { "newcomer risk" } else { "newcomer" };
                view! {
                    <polyline points=points.clone() class=class><title>{r.name.clone()}</title></polyline>
                    {r.curve.last().map(|(d, k)| view! { <circle cx=x(*d) cy=y(*k as f64) r="3" class=class><title>{format!("{}: named by {k} at day {d}", r.name)}</title></circle> })}
                }
            }).collect_view()}
        </svg>
    }
}

/// Did introductions become ties? By reason and by the newcomer's hire cohort.
fn conversions(by_reason: &[Conversion], by_cohort: &[Conversion]) -> impl IntoView {
    let rows = |list: &[Conversion]| {
        list.iter()
            .map(|c| {
                let rate = if c.judged == 0 { "—".to_string() } else { format!("{}%", c.became_ties * 100 / c.judged) };
                view! { <tr><td>{c.group.clone()}</td><td>{c.suggested}</td><td>{c.met}</td><td>{format!("{} of {}", c.became_ties, c.judged)}</td><td>{rate}</td></tr> }
            })
            .collect_view()
    };
    (!by_reason.is_empty()).then(|| view! {
        <h2>"Did introductions become ties?"</h2>
        <p class="hint">"A tie counts when either of the two names the other in a wave that closed after the introduction."</p>
        <div class="table-scroll">
            <table class="list">
                <thead><tr><th>"Reason / hire cohort"</th><th>"Suggested"</th><th>"Marked “we met”"</th><th>"Became ties"</th><th>"Rate"</th></tr></thead>
                <tbody>{rows(by_reason)}{rows(by_cohort)}</tbody>
            </table>
        </div>
    })
}

#[component]
pub fn NewcomersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_newcomers());
    let send = ServerAction::<SendIntroductionsAction>::new();
    let sent = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("sent");
    view! {
        <section class="card">
            <h1>"Newcomers"</h1>
            {sent.map(|name| view! { <p class="notice success" role="status">{format!("Introductions for {name} are on their way.")}</p> })}
            <FormError action=send/>
            {loaded(data, move |view: Option<NewcomersView>| match view {
                None => view! { <p class="muted">"No wave has been analysed yet. Newcomers appear here once a wave closes."</p> }.into_any(),
                Some(v) => {
                    let chart = curves(&v);
                    let table_rows = v.rows.clone();
                    let can_send = v.can_send;
                    view! {
                        <p class="muted">{format!(
                            "People hired in the {NEWCOMER_WINDOW_DAYS} days before wave {} of {} (closed {}). Someone named by fewer colleagues than their hire cohort's lower quartile after {AT_RISK_AFTER_DAYS} days is flagged.",
                            v.wave_number, v.survey, v.wave_closes_on
                        )}</p>
                        {chart}
                        <div class="table-scroll">
                            <table class="list">
                                <thead><tr><th>"Newcomer"</th><th>"Cohort"</th><th>"Days"</th><th>"Named by"</th><th>"Names"</th><th>"Both ways"</th><th>"Teams / depts reached"</th><th>"vs tenured"</th></tr></thead>
                                <tbody>
                                    {table_rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td><A href=format!("/people/{}", r.person_id)>{r.name}</A>{r.at_risk.then(|| view! { " " <span class="badge risk">"integration at risk"</span> })}</td>
                                            <td>{r.cohort}</td>
                                            <td>{r.days}</td>
                                            <td>{r.in_degree}</td>
                                            <td>{r.out_degree}</td>
                                            <td>{r.reciprocated}</td>
                                            <td>{format!("{} / {}", r.teams_reached, r.departments_reached)}</td>
                                            <td>{format!("{:.0}th pct", r.percentile * 100.0)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {conversions(&v.by_reason, &v.by_cohort)}
                        <h2>"Whom to meet next"</h2>
                        {v.rows.into_iter().map(|r| view! {
                            <details>
                                <summary>{r.name.clone()}</summary>
                                {can_send.then(|| view! {
                                    <ActionForm action=send attr:class="inline">
                                        <ReturnField/>
                                        <input type="hidden" name="person_id" value=r.person_id/>
                                        <button type="submit" class="button secondary" aria-label=format!("Email these introductions to {}", r.name)>"Email these introductions"</button>
                                    </ActionForm>
                                })}
                                <ul class="players">
                                    {r.suggestions.into_iter().map(|s| view! {
                                        <li><A href=format!("/people/{}", s.person_id)>{s.name}</A><span class="reason">{s.reasons.join(" ")}</span></li>
                                    }).collect_view()}
                                </ul>
                            </details>
                        }).collect_view()}
                    }.into_any()
                }
            })}
        </section>
    }
}
