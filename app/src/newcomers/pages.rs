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
use crate::ui::{say, say_with};
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
                <text x=w / 2.0 y=h - 6.0 class="label" text-anchor="middle">{say("onboarding-days-since-hire")}</text>
                <text x=pad y=h - pad + 16.0 class="label" text-anchor="middle">"0"</text>
                <text x=w - pad y=h - pad + 16.0 class="label" text-anchor="middle">{format!("{:.0}", self.max_days)}</text>
                <text x=10.0 y=pad - 14.0 class="label">{say("onboarding-people-who-come-to-them")}</text>
                <text x=pad - 6.0 y=pad + 4.0 class="label" text-anchor="end">{format!("{:.0}", self.max_in)}</text>
                <text x=pad - 6.0 y=h - pad + 4.0 class="label" text-anchor="end">"0"</text>
                {inside}
                <line x1=pad y1=median_y x2=w - pad y2=median_y class="median"/>
                <text x=w - pad y=median_y - 6.0 class="label" text-anchor="end">{say_with("onboarding-tenured-median", &[("median", format!("{tenured_median:.0}").into())])}</text>
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
                {r.figures.curve.last().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3" class=class><title>{say_with("onboarding-at-day", &[("name", r.name.as_str().into()), ("k", k.into()), ("d", d.into())])}</title></circle> })}
            }
        })
        .collect_view();
    frame.draw(
        say("onboarding-integration-curves-people-who-come"),
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
            <polygon points=outline class="band"><title>{say_with("onboarding-cohort-middle-half", &[("cohort", r.cohort.as_str().into())])}</title></polygon>
            <polyline points=frame.line(&medians) class="cohort-median"><title>{say_with("onboarding-cohort-median", &[("cohort", r.cohort.as_str().into())])}</title></polyline>
        }
    });
    let inside = view! {
        {band}
        <polyline points=frame.line(&r.curve) class="newcomer"><title>{name.clone()}</title></polyline>
        {r.curve.iter().map(|(d, k)| view! { <circle cx=frame.x(*d) cy=frame.y(*k as f64) r="3.5" class="newcomer"><title>{say_with("onboarding-day-2", &[("d", d.into()), ("k", k.into())])}</title></circle> }).collect_view()}
    };
    frame.draw(
        say_with(
            "onboarding-people-who-come-to-them-2",
            &[
                ("name", name.as_str().into()),
                ("cohort", r.cohort.as_str().into()),
            ],
        ),
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
    say_with("onboarding-day-3", &[("n", n.into())])
}

fn day_or_dash(day: Option<i64>) -> String {
    day.map_or_else(
        || "—".to_string(),
        |d| say_with("onboarding-day-4", &[("d", d.into())]),
    )
}

/// A count a reader may not see (the disclosure policy withheld it).
fn or_dash(count: Option<usize>) -> String {
    count.map_or_else(|| "—".to_string(), |c| c.to_string())
}

fn of(count: Option<usize>, whole: usize) -> String {
    count.map_or_else(
        || "—".to_string(),
        |c| say_with("onboarding-of", &[("c", c.into()), ("whole", whole.into())]),
    )
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
        say("onboarding-come-to-them-median-middle")
    } else {
        say("onboarding-come-to-them-median")
    };
    (!cohorts.is_empty()).then(|| view! {
        <h2>{say("onboarding-cohorts")}</h2>
        {withheld.map(|k| view! {
            <p class="hint">{say_with("onboarding-a-dash-fewer-than-of", &[("k", k.into())])}</p>
        })}
        <div class="table-scroll" tabindex="0">
            <table class="list cohorts">
                <thead><tr><th>{say("onboarding-hired")}</th><th>{say("onboarding-people")}</th><th>{come_to_them}</th><th>{say("onboarding-days-since-hire-median")}</th><th>{say("onboarding-first-came-to-them-median")}</th><th>{say("onboarding-at-the-tenured-median")}</th><th>{say("onboarding-at-risk")}</th></tr></thead>
                <tbody>
                    {cohorts.into_iter().map(|c| {
                        let tenured = c.cohort.is_none();
                        view! {
                            <tr class:baseline=tenured>
                                <td class="nowrap">{c.cohort.unwrap_or_else(|| say("onboarding-tenured"))}</td>
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
        <h2>{say("onboarding-did-meeting-introductions-speed-them")}</h2>
        <p class="hint">{say("onboarding-newcomers-sent-introductions-by-whether")}</p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>{say("onboarding-newcomers")}</th><th>{say("onboarding-people")}</th><th>{say("onboarding-reached-the-tenured-median")}</th><th>{say("onboarding-days-to-get-there-median")}</th><th>{say("onboarding-first-came-to-them-median")}</th></tr></thead>
                <tbody>
                    {pace.into_iter().map(|p| view! {
                        <tr>
                            <td>{if p.met { say("onboarding-met-an-introduction") } else { say("onboarding-met-none-of-theirs") }}</td>
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
    total: usize,
    can_decide: bool,
    decide: ServerAction<DecideRound>,
) -> impl IntoView {
    let button = move |round: i64, decision: &'static str, label: String, text: String| {
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
        <h2>{say("onboarding-waiting-for-your-approval")}</h2>
        <p class="hint">{say("onboarding-introduction-rounds-your-schedule-set")}</p>
        {(total > drafts.len()).then(|| view! {
            <p class="hint">{say_with("onboarding-drafts-first", &[("listed", drafts.len().into()), ("total", total.into())])}</p>
        })}
        <ul class="plain drafts">
            {drafts.into_iter().map(|d| {
                let round = d.round_id;
                let who = d.newcomer.clone();
                view! {
                    <li class="draft">
                        <h3>{say_with("onboarding-round-due", &[("newcomer", d.newcomer.into()), ("number", d.number.into()), ("due-on", d.due_on.into())])}" "<span class="badge draft">{say("onboarding-draft")}</span></h3>
                        <ul class="players">
                            {d.introduced.into_iter().map(|s| {
                                let take_out = say_with("onboarding-take-out-of-s-round", &[("name", s.name.as_str().into()), ("who", who.as_str().into())]);
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
                                                <button type="submit" class="link" aria-label=take_out>{say("onboarding-take-out")}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!d.held_out.is_empty()).then(|| view! {
                            <p class="hint">{say_with("onboarding-held-out-at-random-for", &[("join", (d.held_out.join(", ")).into())])}</p>
                        })}
                        {can_decide.then(|| view! {
                            <div class="actions">
                                {button(round, "approve", say_with("onboarding-approve-and-send-s-round", &[("who", who.as_str().into())]), say("onboarding-approve-and-send"))}
                                {button(round, "skip", say_with("onboarding-skip-s-round", &[("who", who.as_str().into())]), say("onboarding-skip"))}
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
    let arm = |label: String, a: &Option<super::ArmResult>| {
        match a {
        Some(a) => view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{a.pairs}</td>
                <td>{a.newcomers}</td>
                <td>{a.became_ties}</td>
                <td>{say_with("onboarding-to", &[("rate", (percent(a.rate)).into()), ("low", percent(a.ci95.0).into()), ("high", percent(a.ci95.1).into())])}</td>
            </tr>
        }.into_any(),
        None => view! {
            <tr><th scope="row">{label}</th><td colspan="4" class="muted">{say("onboarding-not-shown-too-few-newcomers")}</td></tr>
        }.into_any(),
    }
    };
    let rows = view! {
        {arm(say("onboarding-introduced"), &e.arms.introduced)}
        {arm(say("onboarding-held-out"), &e.arms.held_out)}
    };
    view! {
        <h2>{say("onboarding-do-introductions-work-here")}</h2>
        {e.simulated.then(|| view! { <p class="notice">{say("onboarding-some-of-these-rounds-were")}</p> })}
        <p class="notice">{e.note.clone()}</p>
        <div class="table-scroll" tabindex="0">
            <table class="list experiment">
                <thead><tr><th>{say("onboarding-colleagues")}</th><th>{say("onboarding-pairs-judged")}</th><th>{say("onboarding-newcomers")}</th><th>{say("onboarding-became-ties")}</th><th>{say("onboarding-rate-95-interval")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {e.lift.as_ref().map(|l| view! {
            <p>{say_with(
                "onboarding-difference",
                &[
                    ("difference", format!("{:+.0}", l.difference * 100.0).into()),
                    ("low", format!("{:+.0}", l.ci95.0 * 100.0).into()),
                    ("high", format!("{:+.0}", l.ci95.1 * 100.0).into()),
                ],
            )}</p>
        })}
        {(e.waiting > 0).then(|| view! {
            <p class="hint">{say_with("onboarding-more-pairs-wait-for-a", &[("waiting", e.waiting.into())])}</p>
        })}
        <p class="hint">{say("onboarding-a-pair-became-a-tie")}" "<code>{say("onboarding-knit-newcomers-report-format-json")}</code>" "{say("onboarding-gives-the-same-figures")}</p>
    }
}

/// The pulse waves sent, newest first.
fn pulse_table(pulses: &[PulseRound], survey_id: i64) -> impl IntoView {
    (!pulses.is_empty()).then(|| view! {
        <h2>{say("onboarding-pulses")}</h2>
        <p class="hint">{say("onboarding-each-day-s-pulses-are")}" "<A href=format!("/surveys/{survey_id}")>{say("onboarding-newcomer-pulse")}</A>" "{say("onboarding-survey-where-all-of-them")}</p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>{say("onboarding-sent")}</th><th>{say("onboarding-days-after-hire")}</th><th>{say("onboarding-newcomers")}</th><th>{say("onboarding-answered")}</th></tr></thead>
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
        <h2>{say("onboarding-did-introductions-become-ties")}</h2>
        <p class="hint">{say("onboarding-a-tie-counts-when-either")}</p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>{say("onboarding-reason-hire-cohort")}</th><th>{say("onboarding-suggested")}</th><th>{say("onboarding-marked-we-met")}</th><th>{say("onboarding-became-ties")}</th><th>{say("onboarding-rate")}</th></tr></thead>
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
            <summary>{say("onboarding-do-introductions-work-what-the")}</summary>
            <h3>{say("onboarding-measured-on-real-networks")}</h3>
            <p class="hint">{say("onboarding-face-to-face-contacts-recorded")}</p>
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>{say("onboarding-network")}</th><th>{say("onboarding-people")}</th><th>{say("onboarding-knit-with-classes-or-roles")}</th><th>{say("onboarding-knit-network-only")}</th><th>{say("onboarding-common-neighbours")}</th><th>{say("onboarding-random")}</th><th>{say("onboarding-source")}</th></tr></thead>
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
            <p class="hint">{say("onboarding-these-are-schools-and-a")}</p>
            <h3>{say("onboarding-simulated")}</h3>
            <p class="hint">{say_with("onboarding-in-a-simulated-300-person", &SIMULATED_DAYS.map(|(arm, days)| (arm, days.into())))}</p>
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
        "approve" => say("onboarding-the-round-is-on-its"),
        "skip" => say("onboarding-the-round-was-skipped"),
        _ => say("onboarding-the-draft-was-changed"),
    });
    view! {
        <section class="card">
            <h1>{say("onboarding-newcomers")}</h1>
            {saved.then(|| view! { <p class="notice success" role="status">{say("onboarding-newcomer-settings-saved")}</p> })}
            {decided.map(|text| view! { <p class="notice success" role="status">{text}</p> })}
            <FormError action=send/>
            <FormError action=decide/>
            <FormError action=save/>
            {loaded(settings, move |settings: Option<NewcomerSettings>| {
                settings.map(|settings| view! { <NewcomerSettingsForm settings save/> })
            })}
            {loaded(data, move |view: Option<NewcomersView>| match view {
                None => view! { <p class="muted">{say("onboarding-no-wave-has-been-analysed")}</p> }.into_any(),
                Some(NewcomersView::Staff(mut v)) => {
                    let drafts = std::mem::take(&mut v.drafts);
                    view! {
                        {approval_queue(drafts, v.drafts_total, v.can_send, decide)}
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
            <p class="muted">{say_with("onboarding-active-no-hire-date-in", &[("without-hire-date", sum.without_hire_date.into())])}</p>
        })}
        {(v.total == 0).then(|| none_hired(say("onboarding-no-one-in-the-roster"), s.window_days, &sum.wave_closes_on))}
        {chart}
        {(!rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>{say("onboarding-newcomer")}</th><th>{say("onboarding-cohort")}</th><th>{say("onboarding-days")}</th><th>{say("onboarding-come-to-them")}</th><th>{say("onboarding-they-go-to")}</th><th>{say("onboarding-both-ways")}</th><th>{say("onboarding-teams-depts-reached")}</th><th>{say("onboarding-vs-tenured")}</th><th>{say("onboarding-first-came-to-them")}</th></tr></thead>
                    <tbody>
                        {rows.iter().map(|r| { let name = r.name.clone(); let r = &r.figures; view! {
                            <tr>
                                <td><A href=format!("/newcomers/{}", r.person_id)>{name}</A>{r.at_risk.then(|| view! { " " <span class="badge risk">{say("onboarding-integration-at-risk")}</span> })}</td>
                                <td class="nowrap">{r.cohort.clone()}</td>
                                <td>{r.days}</td>
                                <td>{r.in_degree}</td>
                                <td>{r.out_degree}</td>
                                <td>{r.reciprocated}</td>
                                <td>{format!("{} / {}", r.teams_reached, r.departments_reached)}</td>
                                <td>{say_with("onboarding-pct", &[("percentile", (percentile(r.percentile)).into())])}</td>
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
        {(!rows.is_empty()).then(|| view! { <h2>{say("onboarding-whom-to-meet-next")}</h2> })}
        {rows.into_iter().map(|r| {
            let label = say_with("onboarding-send-the-next-round-now-2", &[("name", r.name.as_str().into())]);
            let button = can_send.then(|| view! {
                <ActionForm action=send attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="person_id" value=r.figures.person_id/>
                    <button type="submit" class="button secondary" aria-label=label>{say("onboarding-send-the-next-round-now")}</button>
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
        {(v.total == 0).then(|| none_hired(say("onboarding-no-one-under-you-was"), sum.window_days, &sum.wave_closes_on))}
        <p class="notice">{say_with("onboarding-figures-about-one-person-s-2", &[("min-people", sum.min_people.into())])}</p>
        {(!rows.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table class="list">
                    <thead><tr><th>{say("onboarding-newcomer")}</th><th>{say("onboarding-cohort")}</th><th>{say("onboarding-days-since-hire-2")}</th></tr></thead>
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
        {(!rows.is_empty()).then(|| view! { <h2>{say("onboarding-whom-to-meet-next")}</h2> })}
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
        <p class="muted">{say_with("onboarding-people-hired-in-the-before", &[("days", (days(window_days)).into()), ("wave-number", wave_number.into()), ("survey", survey.into()), ("closes-on", closes_on.into()), ("at-risk-days", days(at_risk_days).into())])}</p>
    }
}

fn none_hired(who: String, window_days: i64, closes_on: &str) -> impl IntoView {
    view! { <p class="notice">{say_with("onboarding-hired-in-the-before", &[("who", who.as_str().into()), ("days", (days(window_days)).into()), ("closes-on", closes_on.into())])}</p> }
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
        <h3>{say("onboarding-introduced")}</h3>
        {introduced_list(introduced)}
        {(!next.is_empty()).then(|| view! {
            <h3>{say("onboarding-next-round")}" " <span class="badge draft">{say("onboarding-draft-only-hr-sees-it")}</span></h3>
            {suggestion_list(next)}
        })}
    }
}

/// A newcomer's one list: the colleagues introduced, what the newcomer said
/// of each, and why they were suggested, in the reader's words.
fn introduced_list(list: Vec<IntroductionView>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">{say("onboarding-no-introductions-have-gone-out")}</p> }
            .into_any();
    }
    view! {
        <ul class="players">
            {list.into_iter().map(|i| view! {
                <li>
                    <A href=format!("/people/{}", i.person_id)>{i.name}</A>" "
                    <span class=say_with("onboarding-badge", &[("key", (i.status.key()).into())])>{super::words::status_label(i.status, crate::model::language::Language::English)}</span>
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
            <nav class="pager" aria-label=say("onboarding-newcomer-pages")>
                {(page > 0).then(|| view! { <A href=format!("/newcomers?page={}", page - 1)>{say("onboarding-previous")}</A> })}
                <span>{say_with("onboarding-newcomers-of", &[("first", first.into()), ("last", last.into()), ("total", total.into())])}</span>
                {(page + 1 < pages).then(|| view! { <A href=format!("/newcomers?page={}", page + 1)>{say("onboarding-next")}</A> })}
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
            <p><A href="/newcomers">{say("onboarding-newcomers-2")}</A></p>
            <FormError action=send/>
            <FormError action=revoke/>
            {move || revoked().then(|| view! { <p class="notice success" role="status">{say("onboarding-their-personal-link-no-longer")}</p> })}
            {loaded(data, move |d: NewcomerDetail| match d {
                NewcomerDetail::Staff(d) => staff_newcomer(*d, send, revoke, sent).into_any(),
                NewcomerDetail::Manager(m) => managed_newcomer(m).into_any(),
            })}
        </section>
    }
}

/// When a newcomer joined, as a line under their name.
fn hired_line(hired_on: &str, cohort: &str, since: i64) -> impl IntoView {
    view! { <p class="muted">{say_with("onboarding-hired-cohort-ago", &[("hired-on", hired_on.into()), ("cohort", cohort.into()), ("days", (days(since)).into())])}</p> }
}

fn timeline_list(timeline: Vec<super::Event>) -> impl IntoView {
    view! {
        <h2>{say("onboarding-timeline")}</h2>
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
        <p class="notice">{say("onboarding-figures-about-one-person-s")}</p>
        {timeline_list(m.timeline)}
        <h2>{say("onboarding-introduced-to-them")}</h2>
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
    let sent_notice = say_with(
        "onboarding-introductions-for-are-on-their",
        &[("name", name.as_str().into())],
    );
    view! {
        {move || sent().then(|| view! { <p class="notice success" role="status">{sent_notice.clone()}</p> })}
        <h1>{name.clone()}{r.at_risk.then(|| view! { " " <span class="badge risk">{say("onboarding-integration-at-risk")}</span> })}</h1>
        {hired_line(&r.hired_on, &r.cohort, r.days)}
        <dl class="facts">
            <dt>{say("onboarding-come-to-them")}</dt><dd>{r.in_degree}</dd>
            <dt>{say("onboarding-they-go-to")}</dt><dd>{r.out_degree}</dd>
            <dt>{say("onboarding-both-ways")}</dt><dd>{r.reciprocated}</dd>
            <dt>{say("onboarding-teams-departments-reached")}</dt><dd>{format!("{} / {}", r.teams_reached, r.departments_reached)}</dd>
            <dt>{say("onboarding-against-tenured-colleagues")}</dt><dd>{say_with("onboarding-percentile", &[("percentile", (percentile(r.percentile)).into())])}</dd>
            <dt>{say("onboarding-first-came-to-them")}</dt><dd>{day_or_dash(r.first_named_day)}</dd>
            <dt>{say("onboarding-at-the-tenured-median")}</dt><dd>{day_or_dash(r.tenured_median_day)}</dd>
            <dt>{say("onboarding-flagged-at-risk-when-below")}</dt><dd>{super::words::risk_comparison(r.at_risk_compared_with)}</dd>
        </dl>
        {chart}
        <p class="hint">{say("onboarding-the-line-is-this-newcomer")}</p>
        <h2>{say("onboarding-wave-by-wave")}</h2>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>{say("onboarding-seen-in")}</th><th>{say("onboarding-on")}</th><th>{say("onboarding-day")}</th><th>{say("onboarding-come-to-them")}</th><th>{say("onboarding-they-go-to")}</th><th>{say("onboarding-both-ways")}</th><th>{say("onboarding-teams-depts-reached")}</th><th>{say("onboarding-vs-tenured")}</th></tr></thead>
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
                            <td>{h.percentile.map_or("—".to_string(), |p| say_with("onboarding-pct", &[("percentile", (percentile(p)).into())]))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {timeline_list(timeline)}
        <h2>{say("onboarding-introductions")}</h2>
        {d.can_send.then(|| view! {
            <ActionForm action=send attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="person_id" value=r.person_id/>
                <button type="submit" class="button secondary">{say("onboarding-send-the-next-round-now")}</button>
            </ActionForm>
            <ActionForm action=revoke attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="person_id" value=r.person_id/>
                <button type="submit" class="button secondary">{say("onboarding-withdraw-their-personal-link")}</button>
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
            <summary>{say("onboarding-newcomer-settings")}</summary>
            <ActionForm action=save attr:class="stacked">
                <ReturnField/>
                <label>{say("onboarding-newcomer-window-days-after-hire")}
                    <input type="number" name="window_days" min="14" max="730" required value=settings.window_days/>
                </label>
                <label>{say("onboarding-flag-integration-at-risk-after")}
                    <input type="number" name="at_risk_days" min="7" max="730" required value=settings.at_risk_days/>
                </label>
                <label>{say("onboarding-cohorts-by-hire")}
                    <select name="cohort">
                        <option value="month" selected=cohort == "month">{say("onboarding-month")}</option>
                        <option value="quarter" selected=cohort == "quarter">{say("onboarding-quarter")}</option>
                    </select>
                </label>
                <label>{say("onboarding-pulse-days-after-hire-comma")}
                    <input type="text" name="pulse_days" value=days inputmode="numeric"/>
                </label>
                <label>{say("onboarding-pulse-open-for-days")}
                    <input type="number" name="pulse_open_days" min="1" max="30" required value=settings.pulse_open_days/>
                </label>
                <label>{say("onboarding-introductions-per-round")}
                    <input type="number" name="suggestions" min="1" max="10" required value=settings.suggestions/>
                </label>
                <label>{say("onboarding-introduction-rounds-days-after-hire")}
                    <input type="text" name="rounds" value=round_days inputmode="numeric"/>
                </label>
                <label>{say("onboarding-rounds-that-wait-for-your")}
                    <input type="text" name="approval_rounds" value=approval_days inputmode="numeric"/>
                </label>
                <label>{say("onboarding-held-out-at-random-to")}
                    <input type="number" name="holdout_percent" min="0" max="50" required value=(settings.holdout_share * 100.0).round() as i64/>
                </label>
                <label>{say("onboarding-ask-newcomers-did-you-meet")}
                    <input type="number" name="follow_up_days" min="3" max="60" required value=settings.follow_up_days/>
                </label>
                <label>{say("onboarding-newcomers-personal-links-work-for")}
                    <input type="number" name="link_days" min="7" max="365" required value=settings.link_days/>
                </label>
                <label class="check">
                    <input type="checkbox" name="suggest_senior" value="on" checked=settings.suggest_senior/>
                    {say("onboarding-also-suggest-people-two-or")}
                </label>
                <label class="check">
                    <input type="checkbox" name="copy_manager" value="on" checked=settings.copy_manager/>
                    {say("onboarding-send-each-newcomer-s-manager")}
                </label>
                <button type="submit" class="primary">{say("onboarding-save-settings")}</button>
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
