//! The Newcomers pages for HR and managers: how each newcomer is woven in
//! against their cohort and tenured colleagues, their network's growth wave by
//! wave, and whom they should meet next, with reasons.

use super::api::{
    get_newcomer, get_newcomer_settings, get_newcomers, DecideRound, RevokeNewcomerLink,
    SaveNewcomerSettings, SendIntroductionsAction,
};
use super::words::{ground_label, seen};
use super::{
    CohortRow, Conversion, ConversionGroup, GroupCohort, GroupConversion, GroupPace,
    IntroductionView, ManagedNewcomer, ManagerNewcomers, NewcomerDetail, NewcomerSettings,
    NewcomersView, Pace, PulseRound, StaffNewcomer, StaffNewcomers, PER_PAGE,
};
use crate::ui::{loaded, FormError, ReturnField};
use analysis::newcomers::Ground;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

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
fn curves(view: &StaffNewcomers) -> impl IntoView {
    let frame = Frame::new(
        view.rows.iter().flat_map(|r| r.figures.curve.iter()),
        view.summary.settings.window_days,
        view.summary.tenured_median.ceil() as usize,
    );
    let lines = view
        .rows
        .iter()
        .map(|r| {
            let class = if r.figures.at_risk { "newcomer risk" } else { "newcomer" };
            view! {
                <polyline points=frame.line(&r.figures.curve) class=class><title>{r.name.clone()}</title></polyline>
                {r.figures.curve.last().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3" class=class><title>{format!("{}: {k} at day {d}", r.name)}</title></circle> })}
            }
        })
        .collect_view();
    frame.draw(
        "Integration curves: people who come to each newcomer on this page, by days since hire"
            .into(),
        view.summary.tenured_median,
        lines,
    )
}

/// One newcomer against their cohort's median and interquartile band.
fn newcomer_chart(detail: &StaffNewcomer) -> impl IntoView {
    let (r, name) = (&detail.row.figures, &detail.row.name);
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
        <polyline points=frame.line(&r.curve) class="newcomer"><title>{name.clone()}</title></polyline>
        {r.curve.iter().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3.5" class="newcomer"><title>{format!("day {d}: {k}")}</title></circle> }).collect_view()}
    };
    frame.draw(
        format!("{name}: people who come to them by days since hire, against the {} cohort and tenured colleagues", r.cohort),
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

/// A count a reader may not see (the disclosure policy withheld it).
fn or_dash(count: Option<usize>) -> String {
    count.map_or_else(|| "—".to_string(), |c| c.to_string())
}

fn of(count: Option<usize>, whole: usize) -> String {
    count.map_or_else(|| "—".to_string(), |c| format!("{c} of {whole}"))
}

/// One row of the cohort table, as its reader may see it.
struct CohortCells {
    cohort: Option<String>,
    people: usize,
    come_to_them: String,
    median_days: Option<i64>,
    median_first_named_day: Option<i64>,
    at_median: String,
    at_risk: String,
}

impl From<&CohortRow> for CohortCells {
    fn from(c: &CohortRow) -> CohortCells {
        let (lower, median, upper) = c.named_by;
        CohortCells {
            cohort: c.cohort.clone(),
            people: c.people,
            come_to_them: format!("{median} ({lower}–{upper})"),
            median_days: c.median_days,
            median_first_named_day: c.median_first_named_day,
            at_median: of(Some(c.reached_tenured_median), c.people),
            at_risk: c.at_risk.to_string(),
        }
    }
}

impl From<&GroupCohort> for CohortCells {
    fn from(c: &GroupCohort) -> CohortCells {
        CohortCells {
            cohort: c.cohort.clone(),
            people: c.people,
            come_to_them: c.median_named_by.to_string(),
            median_days: c.median_days,
            median_first_named_day: c.median_first_named_day,
            at_median: of(c.reached_tenured_median, c.people),
            at_risk: or_dash(c.at_risk),
        }
    }
}

/// Each hire cohort in numbers, and the tenured baseline.
/// `withheld`: for a manager, the k under which a count is shown as a dash.
fn cohort_table(cohorts: Vec<CohortCells>, withheld: Option<usize>) -> impl IntoView {
    let come_to_them = if withheld.is_none() {
        "Come to them (median, middle half)"
    } else {
        "Come to them (median)"
    };
    (!cohorts.is_empty()).then(|| view! {
        <h2>"Cohorts"</h2>
        {withheld.map(|k| view! {
            <p class="hint">{format!("A dash: fewer than {k} of the cohort did, or fewer than {k} did not, so the count would say it of each one.")}</p>
        })}
        <div class="table-scroll" tabindex="0">
            <table class="list cohorts">
                <thead><tr><th>"Hired"</th><th>"People"</th><th>{come_to_them}</th><th>"Days since hire (median)"</th><th>"First came to them (median)"</th><th>"At the tenured median"</th><th>"At risk"</th></tr></thead>
                <tbody>
                    {cohorts.into_iter().map(|c| {
                        let tenured = c.cohort.is_none();
                        view! {
                            <tr class:baseline=tenured>
                                <td class="nowrap">{c.cohort.unwrap_or_else(|| "Tenured".into())}</td>
                                <td>{c.people}</td>
                                <td>{c.come_to_them}</td>
                                <td>{c.median_days.map_or("—".into(), |d| d.to_string())}</td>
                                <td>{day_or_dash(c.median_first_named_day)}</td>
                                <td>{if tenured { "—".to_string() } else { c.at_median }}</td>
                                <td>{if tenured { "—".to_string() } else { c.at_risk }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// One row of the pace table, as its reader may see it.
struct PaceCells {
    met: bool,
    people: usize,
    reached: String,
    median_days_to_tenured_median: Option<i64>,
    median_first_named_day: Option<i64>,
}

impl From<&Pace> for PaceCells {
    fn from(p: &Pace) -> PaceCells {
        PaceCells {
            met: p.met,
            people: p.people,
            reached: of(Some(p.reached_tenured_median), p.people),
            median_days_to_tenured_median: p.median_days_to_tenured_median,
            median_first_named_day: p.median_first_named_day,
        }
    }
}

impl From<&GroupPace> for PaceCells {
    fn from(p: &GroupPace) -> PaceCells {
        PaceCells {
            met: p.met,
            people: p.people,
            reached: of(p.reached_tenured_median, p.people),
            median_days_to_tenured_median: p.median_days_to_tenured_median,
            median_first_named_day: p.median_first_named_day,
        }
    }
}

/// Did newcomers who met their introductions integrate faster?
fn pace_table(pace: Vec<PaceCells>) -> impl IntoView {
    (!pace.is_empty()).then(|| view! {
        <h2>"Did meeting introductions speed them up?"</h2>
        <p class="hint">"Newcomers sent introductions, by whether they met at least one (marked “we met”, or a tie showed in a later wave or pulse)."</p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>"Newcomers"</th><th>"People"</th><th>"Reached the tenured median"</th><th>"Days to get there (median)"</th><th>"First came to them (median)"</th></tr></thead>
                <tbody>
                    {pace.into_iter().map(|p| view! {
                        <tr>
                            <td>{if p.met { "Met an introduction" } else { "Met none of theirs" }}</td>
                            <td>{p.people}</td>
                            <td>{p.reached}</td>
                            <td>{day_or_dash(p.median_days_to_tenured_median)}</td>
                            <td>{day_or_dash(p.median_first_named_day)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// Rounds waiting for HR: whom each would introduce and why, whom the
/// experiment holds out, and the three decisions.
fn approval_queue(
    drafts: Vec<super::DraftRound>,
    can_decide: bool,
    decide: ServerAction<DecideRound>,
) -> impl IntoView {
    let button = move |round: i64, decision: &'static str, label: String, text: &'static str| {
        view! {
            <ActionForm action=decide attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="round_id" value=round/>
                <input type="hidden" name="decision" value=decision/>
                <button type="submit" class="button secondary compact" aria-label=label>{text}</button>
            </ActionForm>
        }
    };
    (!drafts.is_empty()).then(|| view! {
        <h2>"Waiting for your approval"</h2>
        <p class="hint">"Introduction rounds your schedule set to wait for you. Approving sends the newcomer their list and each colleague a heads-up; “did you meet?” follows later."</p>
        <ul class="plain drafts">
            {drafts.into_iter().map(|d| {
                let round = d.round_id;
                let who = d.newcomer.clone();
                view! {
                    <li class="draft">
                        <h3>{format!("{} · round {} · due {}", d.newcomer, d.number, d.due_on)}" "<span class="badge draft">"draft"</span></h3>
                        <ul class="players">
                            {d.introduced.into_iter().map(|s| {
                                let take_out = format!("Take {} out of {}'s round", s.name, who);
                                let person = s.person_id;
                                view! {
                                    <li>
                                        <A href=format!("/people/{}", s.person_id)>{s.name}</A>
                                        <span class="reason">{s.reasons.join(" ")}</span>
                                        {can_decide.then(|| view! {
                                            <ActionForm action=decide attr:class="inline">
                                                <ReturnField/>
                                                <input type="hidden" name="round_id" value=round/>
                                                <input type="hidden" name="decision" value="drop"/>
                                                <input type="hidden" name="person_id" value=person/>
                                                <button type="submit" class="link" aria-label=take_out>"Take out"</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!d.held_out.is_empty()).then(|| view! {
                            <p class="hint">{format!("Held out at random for the experiment (not told, not emailed): {}.", d.held_out.join(", "))}</p>
                        })}
                        {can_decide.then(|| view! {
                            <div class="actions">
                                {button(round, "approve", format!("Approve and send {who}'s round"), "Approve and send")}
                                {button(round, "skip", format!("Skip {who}'s round"), "Skip")}
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// Introduced pairs against pairs held out at random: how often each became
/// a tie, with intervals, for analysts.
fn experiment_view(e: &super::Experiment) -> impl IntoView {
    let percent = |x: f64| format!("{:.0}%", x * 100.0);
    let arm = |label: &'static str, a: &Option<super::ArmResult>| {
        match a {
        Some(a) => view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{a.pairs}</td>
                <td>{a.newcomers}</td>
                <td>{a.became_ties}</td>
                <td>{format!("{} ({} to {})", percent(a.rate), percent(a.ci95.0), percent(a.ci95.1))}</td>
            </tr>
        }.into_any(),
        None => view! {
            <tr><th scope="row">{label}</th><td colspan="4" class="muted">"not shown: too few newcomers yet"</td></tr>
        }.into_any(),
    }
    };
    let rows = view! {
        {arm("Introduced", &e.arms.introduced)}
        {arm("Held out", &e.arms.held_out)}
    };
    view! {
        <h2>"Do introductions work here?"</h2>
        {e.simulated.then(|| view! { <p class="notice">"Some of these rounds were simulated by knit demo: a model, not evidence."</p> })}
        <p class="notice">{e.note.clone()}</p>
        <div class="table-scroll" tabindex="0">
            <table class="list experiment">
                <thead><tr><th>"Colleagues"</th><th>"Pairs judged"</th><th>"Newcomers"</th><th>"Became ties"</th><th>"Rate (95% interval)"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {e.lift.as_ref().map(|l| view! {
            <p>{format!(
                "Difference: {:+.0} points (95% interval {:+.0} to {:+.0}).",
                l.difference * 100.0,
                l.ci95.0 * 100.0,
                l.ci95.1 * 100.0
            )}</p>
        })}
        {(e.waiting > 0).then(|| view! {
            <p class="hint">{format!("{} more pairs wait for a wave or pulse after their round.", e.waiting)}</p>
        })}
        <p class="hint">"A pair became a tie when a later wave or pulse shows one either way. Intervals are Wilson's; the difference's is Newcombe's. "<code>"knit newcomers report --format json"</code>" gives the same figures."</p>
    }
}

/// The pulse waves sent, newest first.
fn pulse_table(pulses: &[PulseRound], survey_id: i64) -> impl IntoView {
    (!pulses.is_empty()).then(|| view! {
        <h2>"Pulses"</h2>
        <p class="hint">"Each day's pulses are one small wave of the "<A href=format!("/surveys/{survey_id}")>"Newcomer pulse"</A>" survey, where all of them and their emails can be followed. The latest are listed here."</p>
        <div class="table-scroll" tabindex="0">
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

/// A reason's or a cohort's name, as the conversion table lists it.
pub fn conversion_group(group: &ConversionGroup) -> String {
    match group {
        ConversionGroup::Ground(ground) => ground_label(*ground).to_string(),
        ConversionGroup::Cohort(Some(cohort)) => cohort.clone(),
        ConversionGroup::Cohort(None) => "unknown".to_string(),
    }
}

/// One row of the conversion table, as its reader may see it.
struct ConversionCells {
    group: String,
    suggested: usize,
    met: Option<usize>,
    judged: usize,
    became_ties: Option<usize>,
}

impl From<&Conversion> for ConversionCells {
    fn from(c: &Conversion) -> ConversionCells {
        ConversionCells {
            group: conversion_group(&c.group),
            suggested: c.suggested,
            met: Some(c.met),
            judged: c.judged,
            became_ties: Some(c.became_ties),
        }
    }
}

impl From<&GroupConversion> for ConversionCells {
    fn from(c: &GroupConversion) -> ConversionCells {
        ConversionCells {
            group: conversion_group(&c.group),
            suggested: c.suggested,
            met: c.met,
            judged: c.judged,
            became_ties: c.became_ties,
        }
    }
}

/// Did introductions become ties? By reason and by the newcomer's hire cohort.
fn conversions(by_reason: Vec<ConversionCells>, by_cohort: Vec<ConversionCells>) -> impl IntoView {
    // In the order of their names, as people look them up.
    let rows = |mut list: Vec<ConversionCells>| {
        list.sort_by(|a, b| a.group.cmp(&b.group));
        list.into_iter()
            .map(|c| {
                let rate = c
                    .became_ties
                    .and_then(|t| (t * 100).checked_div(c.judged))
                    .map_or("—".to_string(), |p| format!("{p}%"));
                view! { <tr><td>{c.group}</td><td>{c.suggested}</td><td>{or_dash(c.met)}</td><td>{of(c.became_ties, c.judged)}</td><td>{rate}</td></tr> }
            })
            .collect_view()
    };
    (!by_reason.is_empty()).then(|| view! {
        <h2>"Did introductions become ties?"</h2>
        <p class="hint">"A tie counts when either of the two names the other in a wave that closed after the introduction."</p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>"Reason / hire cohort"</th><th>"Suggested"</th><th>"Marked “we met”"</th><th>"Became ties"</th><th>"Rate"</th></tr></thead>
                <tbody>{rows(by_reason)}{rows(by_cohort)}</tbody>
            </table>
        </div>
    })
}

/// The figures about groups of newcomers, for either reader.
fn group_tables(
    cohorts: Vec<CohortCells>,
    withheld: Option<usize>,
    pace: Vec<PaceCells>,
    by_reason: Vec<ConversionCells>,
    by_cohort: Vec<ConversionCells>,
) -> impl IntoView {
    view! {
        {cohort_table(cohorts, withheld)}
        {pace_table(pace)}
        {conversions(by_reason, by_cohort)}
    }
}

/// Cells of each row, for the shared tables.
fn cells<'a, T: 'a, C: From<&'a T>>(rows: &'a [T]) -> Vec<C> {
    rows.iter().map(C::from).collect()
}

/// What is known of whether introductions work: measured on real networks,
/// and simulated, each said for what it is.
fn evidence() -> impl IntoView {
    use super::evidence::{MEASURED, SIMULATED_DAYS};
    let percent = |x: f64| format!("{:.1}%", x * 100.0);
    view! {
        <details class="evidence">
            <summary>"Do introductions work? What the evidence is"</summary>
            <h3>"Measured on real networks"</h3>
            <p class="hint">"Face-to-face contacts recorded by wearable sensors, observed twice: Knit suggested three people to everyone from the first day's contacts, once knowing each person's class or role and once knowing only the network, and we counted how many of those pairs were in contact on the days after. Common neighbours (suggesting the people you share the most contacts with) is the standard baseline; random is chance."</p>
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>"Network"</th><th>"People"</th><th>"Knit, with classes or roles"</th><th>"Knit, network only"</th><th>"Common neighbours"</th><th>"Random"</th><th>"Source"</th></tr></thead>
                    <tbody>
                        {MEASURED.into_iter().map(|m| view! {
                            <tr>
                                <td>{m.network}</td>
                                <td>{m.people}</td>
                                <td class="nowrap">{percent(m.knit)}</td>
                                <td class="nowrap">{percent(m.knit_network_only)}</td>
                                <td class="nowrap">{percent(m.common_neighbours)}</td>
                                <td class="nowrap">{percent(m.random)}</td>
                                <td>{m.source}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="hint">"These are schools and a hospital ward, not companies, and contact is not the same as going to someone for help: they show that the suggestions point at ties that do form, not how fast your newcomers will integrate. Your own figures are under “Did introductions become ties?” once a later wave closes."</p>
            <h3>"Simulated"</h3>
            <p class="hint">{format!(
                "In a simulated 300-person company (a model, not data), newcomers were named by as many colleagues as the tenured median after a median of {}. The model assumes that introductions between people who share a department or a contact, or with a connector, turn into ties more often, so it shows that the suggestions act as designed, not that the idea works.",
                SIMULATED_DAYS.iter().map(|(arm, days)| format!("{days} days {arm}")).collect::<Vec<_>>().join(", ")
            )}</p>
        </details>
    }
}

#[component]
pub fn NewcomersPage() -> impl IntoView {
    let query_map = leptos_router::hooks::use_query_map();
    let page = move || {
        query_map
            .read()
            .get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let decide = ServerAction::<DecideRound>::new();
    let data = Resource::new(
        move || (page(), decide.version().get()),
        |(page, _)| get_newcomers(page),
    );
    let send = ServerAction::<SendIntroductionsAction>::new();
    let save = ServerAction::<SaveNewcomerSettings>::new();
    let settings = Resource::new(|| (), |_| get_newcomer_settings());
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let saved = query.get("saved").is_some();
    let decided = query.get("decided").map(|d| match d.as_str() {
        "approve" => "The round is on its way.",
        "skip" => "The round was skipped.",
        _ => "The draft was changed.",
    });
    view! {
        <section class="card">
            <h1>"Newcomers"</h1>
            {saved.then(|| view! { <p class="notice success" role="status">"Newcomer settings saved."</p> })}
            {decided.map(|text| view! { <p class="notice success" role="status">{text}</p> })}
            <FormError action=send/>
            <FormError action=decide/>
            <FormError action=save/>
            {loaded(settings, move |settings: Option<NewcomerSettings>| {
                settings.map(|settings| view! { <NewcomerSettingsForm settings save/> })
            })}
            {loaded(data, move |view: Option<NewcomersView>| match view {
                None => view! { <p class="muted">"No wave has been analysed yet. Newcomers appear here once a wave closes."</p> }.into_any(),
                Some(NewcomersView::Staff(mut v)) => {
                    let drafts = std::mem::take(&mut v.drafts);
                    view! {
                        {approval_queue(drafts, v.can_send, decide)}
                        {experiment_view(&v.summary.experiment)}
                        {staff_list(*v, send)}
                    }.into_any()
                }
                Some(NewcomersView::Manager(v)) => manager_list(*v).into_any(),
            })}
            {evidence()}
        </section>
    }
}

/// The list as analysts and admins see it: every figure, and the buttons.
fn staff_list(v: StaffNewcomers, send: ServerAction<SendIntroductionsAction>) -> impl IntoView {
    let chart = (!v.rows.is_empty()).then(|| curves(&v));
    let pages = pager(v.page, v.total);
    let sum = v.summary;
    let s = &sum.settings;
    let can_send = v.can_send;
    let rows = v.rows;
    view! {
        {observed(s.window_days, s.at_risk_days, sum.wave_number, &sum.survey, &sum.wave_closes_on)}
        {(sum.without_hire_date > 0).then(|| view! {
            <p class="muted">{format!(
                "{} active {} no hire date in the roster, so {} counted as tenured. Import a Hire date column to include them.",
                sum.without_hire_date,
                if sum.without_hire_date == 1 { "person has" } else { "people have" },
                if sum.without_hire_date == 1 { "is" } else { "are" },
            )}</p>
        })}
        {(v.total == 0).then(|| none_hired("No one in the roster was", s.window_days, &sum.wave_closes_on))}
        {chart}
        {(!rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>"Newcomer"</th><th>"Cohort"</th><th>"Days"</th><th>"Come to them"</th><th>"They go to"</th><th>"Both ways"</th><th>"Teams / depts reached"</th><th>"vs tenured"</th><th>"First came to them"</th></tr></thead>
                    <tbody>
                        {rows.iter().map(|r| { let name = r.name.clone(); let r = &r.figures; view! {
                            <tr>
                                <td><A href=format!("/newcomers/{}", r.person_id)>{name}</A>{r.at_risk.then(|| view! { " " <span class="badge risk">"integration at risk"</span> })}</td>
                                <td class="nowrap">{r.cohort.clone()}</td>
                                <td>{r.days}</td>
                                <td>{r.in_degree}</td>
                                <td>{r.out_degree}</td>
                                <td>{r.reciprocated}</td>
                                <td>{format!("{} / {}", r.teams_reached, r.departments_reached)}</td>
                                <td>{format!("{} pct", percentile(r.percentile))}</td>
                                <td>{day_or_dash(r.first_named_day)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {pages}
        {group_tables(cells(&sum.cohorts), None, cells(&sum.pace), cells(&sum.by_reason), cells(&sum.by_cohort))}
        {pulse_table(&sum.pulses, sum.pulse_survey_id)}
        {(!rows.is_empty()).then(|| view! { <h2>"Whom to meet next"</h2> })}
        {rows.into_iter().map(|r| {
            let label = format!("Send {} the next round now", r.name);
            let button = can_send.then(|| view! {
                <ActionForm action=send attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="person_id" value=r.figures.person_id/>
                    <button type="submit" class="button secondary" aria-label=label>"Send the next round now"</button>
                </ActionForm>
            });
            let next = r.suggestions.into_iter().map(|s| (s.person_id, s.name, s.reasons, Some(s.ground))).collect();
            meet_next(r.name, button, sent_and_next(r.introduced, next))
        }).collect_view()}
    }
}

/// The list as a manager sees it: their newcomers, whom each should meet
/// and why, and figures about groups of at least k newcomers.
fn manager_list(v: ManagerNewcomers) -> impl IntoView {
    let pages = pager(v.page, v.total);
    let sum = v.summary;
    let rows = v.rows;
    view! {
        {observed(sum.window_days, sum.at_risk_days, sum.wave_number, &sum.survey, &sum.wave_closes_on)}
        {(v.total == 0).then(|| none_hired("No one under you was", sum.window_days, &sum.wave_closes_on))}
        <p class="notice">{format!(
            "Figures about one person's network come from their colleagues' answers, so they are for people analysts only. You see your newcomers, the colleagues suggested to them, and figures about groups of at least {} newcomers.",
            sum.min_people
        )}</p>
        {(!rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>"Newcomer"</th><th>"Cohort"</th><th>"Days since hire"</th></tr></thead>
                    <tbody>
                        {rows.iter().map(|r| { let name = r.name.clone(); view! {
                            <tr>
                                <td><A href=format!("/newcomers/{}", r.person_id)>{name}</A></td>
                                <td class="nowrap">{r.cohort.clone()}</td>
                                <td>{r.days}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {pages}
        {group_tables(cells(&sum.cohorts), Some(sum.min_people), cells(&sum.pace), cells(&sum.by_reason), cells(&sum.by_cohort))}
        {(!rows.is_empty()).then(|| view! { <h2>"Whom to meet next"</h2> })}
        {rows.into_iter().map(|r| {
            meet_next(r.name, None::<()>, introduced_list(r.introductions))
        }).collect_view()}
    }
}

/// What the list covers, and when someone is flagged.
fn observed(
    window_days: i64,
    at_risk_days: i64,
    wave_number: i64,
    survey: &str,
    closes_on: &str,
) -> impl IntoView {
    view! {
        <p class="muted">{format!(
            "People hired in the {} before the latest observation: wave {} of {} (closed {}), and the newcomer pulses since. Someone fewer people come to than their hire cohort's lower quartile after {} is flagged; where a cohort is too small to compare with, every newcomer past that day is the yardstick, else tenured colleagues (each newcomer's page says which).",
            days(window_days), wave_number, survey, closes_on, days(at_risk_days)
        )}</p>
    }
}

fn none_hired(who: &'static str, window_days: i64, closes_on: &str) -> impl IntoView {
    view! { <p class="notice">{format!("{who} hired in the {} before {closes_on}.", days(window_days))}</p> }
}

/// One newcomer's suggestions, folded under their name.
fn meet_next(
    name: String,
    actions: Option<impl IntoView>,
    content: impl IntoView,
) -> impl IntoView {
    view! {
        <details>
            <summary>{name}</summary>
            {actions}
            {content}
        </details>
    }
}

/// What HR reads of a newcomer's introductions: the one list sent, and the
/// next round's candidates, a draft only HR sees.
fn sent_and_next(
    introduced: Vec<IntroductionView>,
    next: Vec<(i64, String, Vec<String>, Option<Ground>)>,
) -> impl IntoView {
    view! {
        <h3>"Introduced"</h3>
        {introduced_list(introduced)}
        {(!next.is_empty()).then(|| view! {
            <h3>"Next round " <span class="badge draft">"draft: only HR sees it"</span></h3>
            {suggestion_list(next)}
        })}
    }
}

/// A newcomer's one list: the colleagues introduced, what the newcomer said
/// of each, and why they were suggested, in the reader's words.
fn introduced_list(list: Vec<IntroductionView>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">"No introductions have gone out yet."</p> }.into_any();
    }
    view! {
        <ul class="players">
            {list.into_iter().map(|i| view! {
                <li>
                    <A href=format!("/people/{}", i.person_id)>{i.name}</A>" "
                    <span class=format!("badge {}", i.status.key())>{super::words::status_label(i.status, crate::model::language::Language::English)}</span>
                    <span class="reason">{i.reasons.join(" ")}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Suggested colleagues: (id, name, reasons, the ground for analysts).
fn suggestion_list(suggestions: Vec<(i64, String, Vec<String>, Option<Ground>)>) -> impl IntoView {
    view! {
        <ul class="players">
            {suggestions.into_iter().map(|(id, name, reasons, ground)| view! {
                <li title=ground.map(ground_label)><A href=format!("/people/{id}")>{name}</A><span class="reason">{reasons.join(" ")}</span></li>
            }).collect_view()}
        </ul>
    }
}

/// Links to the other pages of the list, when there is more than one.
fn pager(page: usize, total: usize) -> Option<AnyView> {
    let pages = total.div_ceil(PER_PAGE);
    (pages > 1).then(|| {
        let first = page * PER_PAGE + 1;
        let last = ((page + 1) * PER_PAGE).min(total);
        view! {
            <nav class="pager" aria-label="Newcomer pages">
                {(page > 0).then(|| view! { <A href=format!("/newcomers?page={}", page - 1)>"← Previous"</A> })}
                <span>{format!("Newcomers {first}–{last} of {total}")}</span>
                {(page + 1 < pages).then(|| view! { <A href=format!("/newcomers?page={}", page + 1)>"Next →"</A> })}
            </nav>
        }
        .into_any()
    })
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
    let revoke = ServerAction::<RevokeNewcomerLink>::new();
    let query = leptos_router::hooks::use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let revoked = move || query.read().get("revoked").is_some();
    view! {
        <section class="card">
            <p><A href="/newcomers">"← Newcomers"</A></p>
            <FormError action=send/>
            <FormError action=revoke/>
            {move || revoked().then(|| view! { <p class="notice success" role="status">"Their personal link no longer works. Emailing their introductions again sends a new one."</p> })}
            {loaded(data, move |d: NewcomerDetail| match d {
                NewcomerDetail::Staff(d) => staff_newcomer(*d, send, revoke, sent).into_any(),
                NewcomerDetail::Manager(m) => managed_newcomer(m).into_any(),
            })}
        </section>
    }
}

/// When a newcomer joined, as a line under their name.
fn hired_line(hired_on: &str, cohort: &str, since: i64) -> impl IntoView {
    view! { <p class="muted">{format!("Hired {hired_on} ({cohort} cohort), {} ago.", days(since))}</p> }
}

fn timeline_list(timeline: Vec<super::Event>) -> impl IntoView {
    view! {
        <h2>"Timeline"</h2>
        <ol class="timeline">
            {timeline.into_iter().map(|e| view! { <li><time>{e.date}</time>" "{e.what}</li> }).collect_view()}
        </ol>
    }
}

/// One newcomer as their manager sees them.
fn managed_newcomer(m: ManagedNewcomer) -> impl IntoView {
    view! {
        <h1>{m.name.clone()}</h1>
        {hired_line(&m.hired_on, &m.cohort, m.days)}
        <p class="notice">"Figures about one person's network come from their colleagues' answers, so they are for people analysts only. Here are the colleagues suggested to them, and why."</p>
        {timeline_list(m.timeline)}
        <h2>"Introduced to them"</h2>
        {introduced_list(m.introductions)}
    }
}

/// One newcomer as analysts and admins see them.
fn staff_newcomer(
    d: StaffNewcomer,
    send: ServerAction<SendIntroductionsAction>,
    revoke: ServerAction<RevokeNewcomerLink>,
    sent: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let chart = newcomer_chart(&d);
    let (name, introduced, suggestions, timeline) = (
        d.row.name,
        d.row.introduced,
        d.row.suggestions,
        d.row.timeline,
    );
    let r = d.row.figures;
    let sent_notice = format!("Introductions for {name} are on their way.");
    view! {
        {move || sent().then(|| view! { <p class="notice success" role="status">{sent_notice.clone()}</p> })}
        <h1>{name.clone()}{r.at_risk.then(|| view! { " " <span class="badge risk">"integration at risk"</span> })}</h1>
        {hired_line(&r.hired_on, &r.cohort, r.days)}
        <dl class="facts">
            <dt>"Come to them"</dt><dd>{r.in_degree}</dd>
            <dt>"They go to"</dt><dd>{r.out_degree}</dd>
            <dt>"Both ways"</dt><dd>{r.reciprocated}</dd>
            <dt>"Teams / departments reached"</dt><dd>{format!("{} / {}", r.teams_reached, r.departments_reached)}</dd>
            <dt>"Against tenured colleagues"</dt><dd>{format!("{} percentile", percentile(r.percentile))}</dd>
            <dt>"First came to them"</dt><dd>{day_or_dash(r.first_named_day)}</dd>
            <dt>"At the tenured median"</dt><dd>{day_or_dash(r.tenured_median_day)}</dd>
            <dt>"Flagged at risk when below"</dt><dd>{super::words::risk_comparison(r.at_risk_compared_with)}</dd>
        </dl>
        {chart}
        <p class="hint">"The line is this newcomer; the shaded band is the middle half of their hire cohort and the solid grey line its median, in steps of 30 days where at least 3 of the cohort were seen; the dashed line is the tenured median."</p>
        <h2>"Wave by wave"</h2>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>"Seen in"</th><th>"On"</th><th>"Day"</th><th>"Come to them"</th><th>"They go to"</th><th>"Both ways"</th><th>"Teams / depts reached"</th><th>"vs tenured"</th></tr></thead>
                <tbody>
                    {r.history.iter().map(|h| view! {
                        <tr>
                            <td>{seen(h.source)}</td>
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
        {timeline_list(timeline)}
        <h2>"Introductions"</h2>
        {d.can_send.then(|| view! {
            <ActionForm action=send attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="person_id" value=r.person_id/>
                <button type="submit" class="button secondary">"Send the next round now"</button>
            </ActionForm>
            <ActionForm action=revoke attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="person_id" value=r.person_id/>
                <button type="submit" class="button secondary">"Withdraw their personal link"</button>
            </ActionForm>
        })}
        {sent_and_next(introduced, suggestions.into_iter().map(|s| (s.person_id, s.name, s.reasons, Some(s.ground))).collect())}
    }
}

/// The settings form, for analysts and admins; it stays open after a refusal
/// (the page shows the error above it).
#[component]
pub fn NewcomerSettingsForm(
    settings: NewcomerSettings,
    save: ServerAction<SaveNewcomerSettings>,
) -> impl IntoView {
    let refused = move || save.value().get().is_some_and(|r| r.is_err());
    let listed = |days: &mut dyn Iterator<Item = i64>| {
        days.map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
    };
    let days = listed(&mut settings.pulse_days.iter().copied());
    let round_days = listed(&mut settings.rounds.iter().map(|r| r.day));
    let approval_days = listed(&mut settings.rounds.iter().filter(|r| r.approval).map(|r| r.day));
    let cohort = settings.cohort.key();
    view! {
        <details class="settings" open=refused>
            <summary>"Newcomer settings"</summary>
            <ActionForm action=save attr:class="stacked">
                <ReturnField/>
                <label>"Newcomer window (days after hire)"
                    <input type="number" name="window_days" min="14" max="730" required value=settings.window_days/>
                </label>
                <label>"Flag “integration at risk” after (days)"
                    <input type="number" name="at_risk_days" min="7" max="730" required value=settings.at_risk_days/>
                </label>
                <label>"Cohorts by hire"
                    <select name="cohort">
                        <option value="month" selected=cohort == "month">"month"</option>
                        <option value="quarter" selected=cohort == "quarter">"quarter"</option>
                    </select>
                </label>
                <label>"Pulse days after hire (comma-separated; empty: no pulses)"
                    <input type="text" name="pulse_days" value=days inputmode="numeric"/>
                </label>
                <label>"Pulse open for (days)"
                    <input type="number" name="pulse_open_days" min="1" max="30" required value=settings.pulse_open_days/>
                </label>
                <label>"Introductions per round"
                    <input type="number" name="suggestions" min="1" max="10" required value=settings.suggestions/>
                </label>
                <label>"Introduction rounds, days after hire (comma-separated; empty: only when you send them)"
                    <input type="text" name="rounds" value=round_days inputmode="numeric"/>
                </label>
                <label>"Rounds that wait for your approval (days from the list above; the others go out on their own)"
                    <input type="text" name="approval_rounds" value=approval_days inputmode="numeric"/>
                </label>
                <label>"Held out at random to measure what introductions change (percent of candidates; 0: no experiment)"
                    <input type="number" name="holdout_percent" min="0" max="50" required value=(settings.holdout_share * 100.0).round() as i64/>
                </label>
                <label>"Ask newcomers “did you meet?” after (days)"
                    <input type="number" name="follow_up_days" min="3" max="60" required value=settings.follow_up_days/>
                </label>
                <label>"Newcomers' personal links work for (days)"
                    <input type="number" name="link_days" min="7" max="365" required value=settings.link_days/>
                </label>
                <label class="check">
                    <input type="checkbox" name="suggest_senior" value="on" checked=settings.suggest_senior/>
                    "Also suggest people two or more levels above the newcomer (executives, heads of department)"
                </label>
                <label class="check">
                    <input type="checkbox" name="copy_manager" value="on" checked=settings.copy_manager/>
                    "Send each newcomer's manager a copy of their introductions"
                </label>
                <button type="submit" class="primary">"Save settings"</button>
            </ActionForm>
        </details>
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
