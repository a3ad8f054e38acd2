//! Newcomers for HR: how each is woven in against their cohort and tenured
//! colleagues, their network's growth wave by wave, and whom they should
//! meet next, with reasons.

use super::newcomer_settings::{
    get_newcomer_settings, NewcomerSettings, NewcomerSettingsForm, SaveNewcomerSettings,
};
use crate::error::AppError;
use crate::ui::{loaded, FormError, ReturnField};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub person_id: i64,
    pub ground: String,
    pub name: String,
    pub reasons: Vec<String>,
}

/// A newcomer's ties as seen at one wave or pulse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObservationRow {
    pub date: String,
    /// "Wave 2", "Day-30 pulse".
    pub source: String,
    pub day: i64,
    pub come_to_them: usize,
    pub they_go_to: usize,
    pub both_ways: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    /// Against tenured colleagues at the wave it stands on.
    pub percentile: Option<f64>,
}

/// Something that happened in a newcomer's first months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub date: String,
    pub what: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewcomerRow {
    pub person_id: i64,
    pub name: String,
    pub manager_email: Option<String>,
    pub hired_on: String,
    pub cohort: String,
    /// Days from hire to the latest observation (a wave or a pulse).
    pub days: i64,
    pub in_degree: usize,
    pub out_degree: usize,
    pub reciprocated: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    pub percentile: f64,
    pub at_risk: bool,
    /// Days from hire to the first observation in which someone came to them.
    pub first_named_day: Option<i64>,
    /// Days from hire to the first observation at the tenured median in-degree.
    pub tenured_median_day: Option<i64>,
    /// Whether they met any introduction (marked "we met", or a tie formed);
    /// None when they were sent none.
    pub met_an_introduction: Option<bool>,
    /// (days since hire, people who came to them), observation by observation.
    pub curve: Vec<(i64, usize)>,
    /// The integration metrics at each wave and pulse since hire.
    pub history: Vec<ObservationRow>,
    pub timeline: Vec<Event>,
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

/// A hire cohort (or the tenured baseline) in numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    pub cohort: String,
    pub people: usize,
    /// Quartiles of how many people come to them: (lower, median, upper).
    pub named_by: (usize, usize, usize),
    pub median_days: Option<i64>,
    pub median_first_named_day: Option<i64>,
    pub at_risk: usize,
    pub reached_tenured_median: usize,
}

/// The cohort's interquartile band at one stretch of days since hire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandPoint {
    pub day: i64,
    pub lower: usize,
    pub median: usize,
    pub upper: usize,
}

/// How fast newcomers who met their introductions integrated, against those who did not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    pub group: String,
    pub people: usize,
    pub reached_tenured_median: usize,
    pub median_days_to_tenured_median: Option<i64>,
    pub median_first_named_day: Option<i64>,
}

/// One day's pulse wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PulseRound {
    pub wave_id: i64,
    pub opens_on: String,
    pub days: Vec<i64>,
    pub invited: usize,
    pub answered: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewcomersView {
    pub wave_id: i64,
    /// Analysts and admins may email introductions and change the settings;
    /// managers only read.
    pub can_send: bool,
    pub settings: NewcomerSettings,
    pub survey: String,
    pub wave_number: i64,
    pub wave_closes_on: String,
    pub tenured_median: f64,
    /// Active people whose hire date the roster lacks or Knit cannot read: they
    /// count as tenured.
    pub without_hire_date: usize,
    pub rows: Vec<NewcomerRow>,
    /// Each cohort's band, by cohort name.
    pub bands: Vec<(String, Vec<BandPoint>)>,
    /// The cohorts, then the tenured baseline.
    pub cohorts: Vec<CohortRow>,
    pub pace: Vec<Pace>,
    pub by_reason: Vec<Conversion>,
    pub by_cohort: Vec<Conversion>,
    pub pulses: Vec<PulseRound>,
    /// The pulse survey, whose page shows each pulse's email delivery.
    pub pulse_survey_id: i64,
}

#[server(endpoint = "newcomers")]
pub async fn get_newcomers() -> Result<Option<NewcomersView>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            let view = super::integration::newcomers(&state.db).await?;
            let mut view = match crate::surveys::service::require_builder(&user) {
                Ok(()) => view,
                Err(_) => view.map(|v| for_manager(v, &user.email)),
            };
            // Timelines are read on each newcomer's own page, not in the list.
            for row in view.iter_mut().flat_map(|v| v.rows.iter_mut()) {
                row.timeline.clear();
                row.history.clear();
            }
            Ok(view)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub use super::integration::newcomers as newcomers_view;

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
    view.cohorts.retain(|c| c.people >= min);
    let shown: Vec<String> = view.cohorts.iter().map(|c| c.cohort.clone()).collect();
    view.bands.retain(|(cohort, _)| shown.contains(cohort));
    view.pace.retain(|p| p.people >= min);
    view.pulses.clear();
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
    let view = super::integration::newcomers(db)
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
        view.settings.copy_manager,
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
            send_introductions(&state.db, &state.settings.link_key, &user, person_id).await?;
            leptos_axum::redirect(&format!("/newcomers/{person_id}?sent=1"));
            Ok(())
        }
        .await,
    )
}

/// The frame of an integration chart: people who come to them against days
/// since hire, with the tenured median as a dashed line.
struct Frame {
    max_days: f64,
    max_in: f64,
}

impl Frame {
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const PAD: f64 = 36.0;

    fn new<'a>(curves: impl Iterator<Item = &'a (i64, usize)>, window: i64, top: usize) -> Frame {
        let (mut max_days, mut max_in) = (window.max(1), top.max(1));
        for (d, k) in curves {
            max_days = max_days.max(*d);
            max_in = max_in.max(*k);
        }
        Frame {
            max_days: max_days as f64,
            max_in: max_in as f64,
        }
    }

    fn x(&self, day: i64) -> f64 {
        Self::PAD + (day as f64 / self.max_days) * (Self::W - 2.0 * Self::PAD)
    }

    fn y(&self, k: f64) -> f64 {
        Self::H - Self::PAD - (k / self.max_in) * (Self::H - 2.0 * Self::PAD)
    }

    fn line(&self, curve: &[(i64, usize)]) -> String {
        curve
            .iter()
            .map(|(d, k)| format!("{:.1},{:.1}", self.x(*d), self.y(*k as f64)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn draw(&self, label: String, tenured_median: f64, inside: impl IntoView) -> impl IntoView {
        let (w, h, pad) = (Self::W, Self::H, Self::PAD);
        let median_y = self.y(tenured_median);
        view! {
            <svg class="curves" viewBox=format!("0 0 {w} {h}") role="img" aria-label=label>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
                <line x1=pad y1=pad x2=pad y2=h - pad class="axis"/>
                <text x=w / 2.0 y=h - 6.0 class="label" text-anchor="middle">"days since hire"</text>
                <text x=pad y=h - pad + 16.0 class="label" text-anchor="middle">"0"</text>
                <text x=w - pad y=h - pad + 16.0 class="label" text-anchor="middle">{format!("{:.0}", self.max_days)}</text>
                <text x=10.0 y=pad - 14.0 class="label">"people who come to them"</text>
                <text x=pad - 6.0 y=pad + 4.0 class="label" text-anchor="end">{format!("{:.0}", self.max_in)}</text>
                <text x=pad - 6.0 y=h - pad + 4.0 class="label" text-anchor="end">"0"</text>
                {inside}
                <line x1=pad y1=median_y x2=w - pad y2=median_y class="median"/>
                <text x=w - pad y=median_y - 6.0 class="label" text-anchor="end">{format!("tenured median {tenured_median:.0}")}</text>
            </svg>
        }
    }
}

/// Every newcomer's curve on one chart.
fn curves(view: &NewcomersView) -> impl IntoView {
    let frame = Frame::new(
        view.rows.iter().flat_map(|r| r.curve.iter()),
        view.settings.window_days,
        view.tenured_median.ceil() as usize,
    );
    let lines = view
        .rows
        .iter()
        .map(|r| {
            let class = if r.at_risk { "newcomer risk" } else { "newcomer" };
            view! {
                <polyline points=frame.line(&r.curve) class=class><title>{r.name.clone()}</title></polyline>
                {r.curve.last().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3" class=class><title>{format!("{}: {k} at day {d}", r.name)}</title></circle> })}
            }
        })
        .collect_view();
    frame.draw(
        "Integration curves: people who come to each newcomer, by days since hire".into(),
        view.tenured_median,
        lines,
    )
}

/// One newcomer against their cohort's median and interquartile band.
fn newcomer_chart(detail: &NewcomerDetail) -> impl IntoView {
    let r = &detail.row;
    let band_top = detail.band.iter().map(|b| b.upper).max().unwrap_or(0);
    let frame = Frame::new(
        r.curve.iter(),
        detail.window_days,
        band_top.max(detail.tenured_median.ceil() as usize),
    );
    let band = (!detail.band.is_empty()).then(|| {
        let upper = detail.band.iter().map(|b| format!("{:.1},{:.1}", frame.x(b.day), frame.y(b.upper as f64)));
        let lower = detail.band.iter().rev().map(|b| format!("{:.1},{:.1}", frame.x(b.day), frame.y(b.lower as f64)));
        let outline = upper.chain(lower).collect::<Vec<_>>().join(" ");
        let medians: Vec<(i64, usize)> = detail.band.iter().map(|b| (b.day, b.median)).collect();
        view! {
            <polygon points=outline class="band"><title>{format!("{} cohort: middle half", r.cohort)}</title></polygon>
            <polyline points=frame.line(&medians) class="cohort-median"><title>{format!("{} cohort median", r.cohort)}</title></polyline>
        }
    });
    let inside = view! {
        {band}
        <polyline points=frame.line(&r.curve) class="newcomer"><title>{r.name.clone()}</title></polyline>
        {r.curve.iter().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3.5" class="newcomer"><title>{format!("day {d}: {k}")}</title></circle> }).collect_view()}
    };
    frame.draw(
        format!("{}: people who come to them by days since hire, against the {} cohort and tenured colleagues", r.name, r.cohort),
        detail.tenured_median,
        inside,
    )
}

/// A share as an ordinal percentile: "1st", "62nd", "13th".
fn percentile(share: f64) -> String {
    let n = (share * 100.0).round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn days(n: i64) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

fn day_or_dash(day: Option<i64>) -> String {
    day.map_or_else(|| "—".to_string(), |d| format!("day {d}"))
}

/// Each hire cohort in numbers, and the tenured baseline.
fn cohort_table(cohorts: &[CohortRow]) -> impl IntoView {
    view! {
        <h2>"Cohorts"</h2>
        <div class="table-scroll">
            <table class="list cohorts">
                <thead><tr><th>"Hired"</th><th>"People"</th><th>"Come to them (median, middle half)"</th><th>"Days since hire (median)"</th><th>"First came to them (median)"</th><th>"At the tenured median"</th><th>"At risk"</th></tr></thead>
                <tbody>
                    {cohorts.iter().map(|c| {
                        let (lower, median, upper) = c.named_by;
                        let tenured = c.cohort == "Tenured";
                        view! {
                            <tr class:baseline=tenured>
                                <td class="nowrap">{c.cohort.clone()}</td>
                                <td>{c.people}</td>
                                <td>{format!("{median} ({lower}–{upper})")}</td>
                                <td>{c.median_days.map_or("—".into(), |d| d.to_string())}</td>
                                <td>{day_or_dash(c.median_first_named_day)}</td>
                                <td>{if tenured { "—".to_string() } else { format!("{} of {}", c.reached_tenured_median, c.people) }}</td>
                                <td>{if tenured { "—".to_string() } else { c.at_risk.to_string() }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Did newcomers who met their introductions integrate faster?
fn pace_table(pace: &[Pace]) -> impl IntoView {
    (!pace.is_empty()).then(|| view! {
        <h2>"Did meeting introductions speed them up?"</h2>
        <p class="hint">"Newcomers sent introductions, by whether they met at least one (marked “we met”, or a tie showed in a later wave or pulse)."</p>
        <div class="table-scroll">
            <table class="list">
                <thead><tr><th>"Newcomers"</th><th>"People"</th><th>"Reached the tenured median"</th><th>"Days to get there (median)"</th><th>"First came to them (median)"</th></tr></thead>
                <tbody>
                    {pace.iter().map(|p| view! {
                        <tr>
                            <td>{p.group.clone()}</td>
                            <td>{p.people}</td>
                            <td>{format!("{} of {}", p.reached_tenured_median, p.people)}</td>
                            <td>{day_or_dash(p.median_days_to_tenured_median)}</td>
                            <td>{day_or_dash(p.median_first_named_day)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// The pulse waves sent, newest first.
fn pulse_table(pulses: &[PulseRound], survey_id: i64) -> impl IntoView {
    (!pulses.is_empty()).then(|| view! {
        <h2>"Pulses"</h2>
        <p class="hint">"Each day's pulses are one small wave of the "<A href=format!("/surveys/{survey_id}")>"Newcomer pulse"</A>" survey, where all of them and their emails can be followed. The latest are listed here."</p>
        <div class="table-scroll">
            <table class="list">
                <thead><tr><th>"Sent"</th><th>"Days after hire"</th><th>"Newcomers"</th><th>"Answered"</th></tr></thead>
                <tbody>
                    {pulses.iter().map(|p| view! {
                        <tr>
                            <td>{p.opens_on.clone()}</td>
                            <td>{p.days.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")}</td>
                            <td>{p.invited}</td>
                            <td>{format!("{} ({})", p.answered, crate::ui::percent(p.answered as i64, p.invited as i64))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// Did introductions become ties? By reason and by the newcomer's hire cohort.
fn conversions(by_reason: &[Conversion], by_cohort: &[Conversion]) -> impl IntoView {
    let rows = |list: &[Conversion]| {
        list.iter()
            .map(|c| {
                let rate = (c.became_ties * 100).checked_div(c.judged).map_or("—".to_string(), |p| format!("{p}%"));
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
    let save = ServerAction::<SaveNewcomerSettings>::new();
    let settings = Resource::new(|| (), |_| get_newcomer_settings());
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let saved = query.get("saved").is_some();
    view! {
        <section class="card">
            <h1>"Newcomers"</h1>
            {saved.then(|| view! { <p class="notice success" role="status">"Newcomer settings saved."</p> })}
            <FormError action=send/>
            <FormError action=save/>
            {loaded(settings, move |settings: Option<NewcomerSettings>| {
                settings.map(|settings| view! { <NewcomerSettingsForm settings save/> })
            })}
            {loaded(data, move |view: Option<NewcomersView>| match view {
                None => view! { <p class="muted">"No wave has been analysed yet. Newcomers appear here once a wave closes."</p> }.into_any(),
                Some(v) => {
                    let chart = (!v.rows.is_empty()).then(|| curves(&v));
                    let s = &v.settings;
                    let can_send = v.can_send;
                    let table_rows = v.rows.clone();
                    view! {
                        <p class="muted">{format!(
                            "People hired in the {} before the latest observation: wave {} of {} (closed {}), and the newcomer pulses since. Someone fewer people come to than their hire cohort's lower quartile after {} is flagged.",
                            days(s.window_days), v.wave_number, v.survey, v.wave_closes_on, days(s.at_risk_days)
                        )}</p>
                        {(can_send && v.without_hire_date > 0).then(|| view! {
                            <p class="muted">{format!(
                                "{} active {} no hire date in the roster, so {} counted as tenured. Import a Hire date column to include them.",
                                v.without_hire_date,
                                if v.without_hire_date == 1 { "person has" } else { "people have" },
                                if v.without_hire_date == 1 { "is" } else { "are" },
                            )}</p>
                        })}
                        {v.rows.is_empty().then(|| view! {
                            <p class="notice">{format!(
                                "{} hired in the {} before {}.",
                                if can_send { "No one in the roster was" } else { "None of your reports was" },
                                days(s.window_days),
                                v.wave_closes_on
                            )}</p>
                        })}
                        {chart}
                        {(!table_rows.is_empty()).then(|| view! {
                            <div class="table-scroll">
                                <table class="list">
                                    <thead><tr><th>"Newcomer"</th><th>"Cohort"</th><th>"Days"</th><th>"Come to them"</th><th>"They go to"</th><th>"Both ways"</th><th>"Teams / depts reached"</th><th>"vs tenured"</th><th>"First came to them"</th></tr></thead>
                                    <tbody>
                                        {table_rows.into_iter().map(|r| view! {
                                            <tr>
                                                <td><A href=format!("/newcomers/{}", r.person_id)>{r.name}</A>{r.at_risk.then(|| view! { " " <span class="badge risk">"integration at risk"</span> })}</td>
                                                <td class="nowrap">{r.cohort}</td>
                                                <td>{r.days}</td>
                                                <td>{r.in_degree}</td>
                                                <td>{r.out_degree}</td>
                                                <td>{r.reciprocated}</td>
                                                <td>{format!("{} / {}", r.teams_reached, r.departments_reached)}</td>
                                                <td>{format!("{} pct", percentile(r.percentile))}</td>
                                                <td>{day_or_dash(r.first_named_day)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        {cohort_table(&v.cohorts)}
                        {pace_table(&v.pace)}
                        {conversions(&v.by_reason, &v.by_cohort)}
                        {pulse_table(&v.pulses, v.pulse_survey_id)}
                        {(!v.rows.is_empty()).then(|| view! { <h2>"Whom to meet next"</h2> })}
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
                                {suggestion_list(r.suggestions)}
                            </details>
                        }).collect_view()}
                    }.into_any()
                }
            })}
        </section>
    }
}

fn suggestion_list(suggestions: Vec<SuggestionView>) -> impl IntoView {
    view! {
        <ul class="players">
            {suggestions.into_iter().map(|s| view! {
                <li><A href=format!("/people/{}", s.person_id)>{s.name}</A><span class="reason">{s.reasons.join(" ")}</span></li>
            }).collect_view()}
        </ul>
    }
}

/// One newcomer, with their cohort's band for the chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewcomerDetail {
    pub row: NewcomerRow,
    pub band: Vec<BandPoint>,
    pub tenured_median: f64,
    pub window_days: i64,
    pub can_send: bool,
}

#[server(endpoint = "newcomer")]
pub async fn get_newcomer(person_id: i64) -> Result<Option<NewcomerDetail>, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::auth::model::Role::ALL)?;
            let Some(mut view) = super::integration::newcomers(&state.db).await? else {
                return Ok(None);
            };
            if crate::surveys::service::require_builder(&user).is_err() {
                view = for_manager(view, &user.email);
            }
            // A manager asking for someone else's newcomer learns nothing more than "not found".
            let Some(row) = view.rows.into_iter().find(|r| r.person_id == person_id) else {
                return Ok(None);
            };
            let band = view
                .bands
                .into_iter()
                .find(|(cohort, _)| *cohort == row.cohort)
                .map(|(_, band)| band)
                .unwrap_or_default();
            Ok(Some(NewcomerDetail {
                row,
                band,
                tenured_median: view.tenured_median,
                window_days: view.settings.window_days,
                can_send: view.can_send,
            }))
        }
        .await,
    )
}

#[component]
pub fn NewcomerPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let data = Resource::new(id, get_newcomer);
    let send = ServerAction::<SendIntroductionsAction>::new();
    let query = leptos_router::hooks::use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <section class="card">
            <p><A href="/newcomers">"← Newcomers"</A></p>
            <FormError action=send/>
            {loaded(data, move |detail: Option<NewcomerDetail>| match detail {
                None => view! { <h1>"Newcomer"</h1><p class="muted">"This person is not among the newcomers you can see."</p> }.into_any(),
                Some(d) => {
                    let chart = newcomer_chart(&d);
                    let r = d.row;
                    let sent_notice = format!("Introductions for {} are on their way.", r.name);
                    view! {
                        {move || sent().then(|| view! { <p class="notice success" role="status">{sent_notice.clone()}</p> })}
                        <h1>{r.name.clone()}{r.at_risk.then(|| view! { " " <span class="badge risk">"integration at risk"</span> })}</h1>
                        <p class="muted">{format!("Hired {} ({} cohort), {} ago.", r.hired_on, r.cohort, days(r.days))}</p>
                        <dl class="facts">
                            <dt>"Come to them"</dt><dd>{r.in_degree}</dd>
                            <dt>"They go to"</dt><dd>{r.out_degree}</dd>
                            <dt>"Both ways"</dt><dd>{r.reciprocated}</dd>
                            <dt>"Teams / departments reached"</dt><dd>{format!("{} / {}", r.teams_reached, r.departments_reached)}</dd>
                            <dt>"Against tenured colleagues"</dt><dd>{format!("{} percentile", percentile(r.percentile))}</dd>
                            <dt>"First came to them"</dt><dd>{day_or_dash(r.first_named_day)}</dd>
                            <dt>"At the tenured median"</dt><dd>{day_or_dash(r.tenured_median_day)}</dd>
                        </dl>
                        {chart}
                        <p class="hint">"The line is this newcomer; the shaded band is the middle half of their hire cohort and the solid grey line its median, in steps of 30 days where at least 3 of the cohort were seen; the dashed line is the tenured median."</p>
                        <h2>"Wave by wave"</h2>
                        <div class="table-scroll">
                            <table class="list">
                                <thead><tr><th>"Seen in"</th><th>"On"</th><th>"Day"</th><th>"Come to them"</th><th>"They go to"</th><th>"Both ways"</th><th>"Teams / depts reached"</th><th>"vs tenured"</th></tr></thead>
                                <tbody>
                                    {r.history.iter().map(|h| view! {
                                        <tr>
                                            <td>{h.source.clone()}</td>
                                            <td>{h.date.clone()}</td>
                                            <td>{h.day}</td>
                                            <td>{h.come_to_them}</td>
                                            <td>{h.they_go_to}</td>
                                            <td>{h.both_ways}</td>
                                            <td>{format!("{} / {}", h.teams_reached, h.departments_reached)}</td>
                                            <td>{h.percentile.map_or("—".to_string(), |p| format!("{} pct", percentile(p)))}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2>"Timeline"</h2>
                        <ol class="timeline">
                            {r.timeline.into_iter().map(|e| view! { <li><time>{e.date}</time>" "{e.what}</li> }).collect_view()}
                        </ol>
                        <h2>"Whom to meet next"</h2>
                        {d.can_send.then(|| view! {
                            <ActionForm action=send attr:class="inline">
                                <ReturnField/>
                                <input type="hidden" name="person_id" value=r.person_id/>
                                <button type="submit" class="button secondary">"Email these introductions"</button>
                            </ActionForm>
                        })}
                        {suggestion_list(r.suggestions)}
                    }.into_any()
                }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentiles_read_as_ordinals() {
        let read: Vec<String> = [
            0.0, 0.01, 0.02, 0.03, 0.04, 0.11, 0.12, 0.13, 0.21, 0.62, 0.999,
        ]
        .into_iter()
        .map(super::percentile)
        .collect();
        assert_eq!(
            read,
            ["0th", "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "62nd", "100th"]
        );
    }
}
