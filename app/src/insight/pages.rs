//! The insight page: key players with their reasons, the group × group
//! heatmap, response rate and confidence, and change since the last wave.

use super::words::{list, role_label};
use super::{
    AnswerReport, Change, Confidence, DraftView, ExportFormat, Heatmap, KeyPlayer, NotAnswered,
    Overlap, RelationInsight, RolePlayers, RunState, TrendPoint, WaveInsight,
};
use crate::error::AppError;
use crate::ui::{loaded, percent, FormError, ReturnField};
use crate::ui::{say, say_with};
use analysis::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A wave's insight; `group` names the roster attribute the heatmap is read
/// from (department when left out).
#[server(endpoint = "wave_insight")]
pub async fn get_wave_insight(
    wave_id: i64,
    group: Option<String>,
) -> Result<WaveInsight, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::wave_insight(
                &state.db,
                &state.settings.policy,
                &user,
                wave_id,
                group.as_deref(),
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "analyze_wave")]
pub async fn analyze_wave(wave_id: i64) -> Result<(), AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::service::may_analyze(&state.db, &user, wave_id).await?;
            crate::jobs::spawn_wave_analysis(&state.db, &state.settings.policy, wave_id);
            leptos_axum::redirect(&format!("/insight/{wave_id}"));
            Ok(())
        }
        .await,
    )
}

/// A heat level 0..=8 for a density, relative to the largest in the matrix.
fn heat(value: f64, max: f64) -> usize {
    if max <= 0.0 || value <= 0.0 {
        0
    } else {
        1 + ((value / max) * 7.0).round() as usize
    }
}

fn heatmap_view(h: Heatmap) -> impl IntoView {
    let max = h
        .density
        .iter()
        .flatten()
        .flatten()
        .copied()
        .fold(0.0, f64::max);
    let groups = h.groups.clone();
    view! {
        <h3>{say_with("insight-ties-between-groups", &[("attribute", h.attribute.as_str().into())])}</h3>
        <p class="hint">{say("insight-each-cell-the-share-of")}</p>
        <div class="table-scroll" tabindex="0">
            <table class="heatmap">
                <thead><tr><th>{say("insight-from-to")}</th>{groups.iter().map(|g| view! { <th scope="col">{g.clone()}</th> }).collect_view()}<th scope="col" title=say("insight-ties-out-minus-ties-in")>{say("insight-e-i")}</th></tr></thead>
                <tbody>
                    {h.groups.iter().enumerate().map(|(a, g)| view! {
                        <tr>
                            <th scope="row">{format!("{g} ({})", h.sizes[a])}</th>
                            {h.density[a].iter().map(|d| match d {
                                Some(d) => view! { <td class=format!("heat-{}", heat(*d, max))>{format!("{:.1}%", d * 100.0)}</td> }.into_any(),
                                None => view! { <td class="heat-none">"—"</td> }.into_any(),
                            }).collect_view()}
                            <td>{h.ei_index.get(a).copied().flatten().map_or_else(|| "—".to_string(), |x| format!("{x:+.2}"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// How many people of each role are listed before "more".
const SHOWN_PER_ROLE: usize = 6;

fn player(k: KeyPlayer) -> impl IntoView {
    view! {
        <li>
            <A href=format!("/people/{}", k.person_id)>{k.name}</A>
            <span class="reason">{k.reason}</span>
        </li>
    }
}

/// The questions about the respondent: answers, and network position by answer.
fn answers_view(reports: Vec<AnswerReport>, k: usize) -> impl IntoView {
    view! {
        <div class="wave">
            <h2>{say("insight-about-the-respondents")}</h2>
            <p class="hint">{say_with("insight-answers-given-by-fewer-than", &[("k", k.into())])}</p>
            {reports.into_iter().map(|r| view! {
                <h3>{r.prompt.clone()}</h3>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>{say("insight-answer")}</th><th>{say("insight-people")}</th><th title=say_with("insight-how-many-colleagues-name-them", &[("relation", r.relation.into())])>{say("insight-named-by-on-average")}</th></tr></thead>
                        <tbody>
                            {r.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td>{row.answer}</td>
                                    <td>{row.people.map_or_else(|| say_with("insight-fewer-than-or-hidden", &[("k", k.into())]), |n| n.to_string())}</td>
                                    <td>{row.mean_in_degree.map_or_else(|| "—".to_string(), |x| format!("{x:.1}"))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Reads one figure of a wave's trend point.
type ReadFigure = fn(&TrendPoint) -> Option<f64>;

/// The trend's lines: a name (its message), a colour, and how to read the figure.
const TREND_LINES: [(&str, &str, ReadFigure); 5] = [
    ("insight-response-rate", "#4e79a7", |p| p.response_rate),
    ("insight-density", "#f28e2b", |p| Some(p.density)),
    ("insight-returned-ties", "#e15759", |p| p.reciprocity),
    ("insight-ties-across-departments", "#59a14f", |p| {
        p.across_departments
    }),
    ("insight-modularity", "#b07aa1", |p| Some(p.modularity)),
];

/// Network-level figures across the survey's waves: a small chart (0–100%)
/// and the same figures as a table.
fn trend_view(points: Vec<TrendPoint>) -> impl IntoView {
    let (width, height, pad) = (480.0, 160.0, 24.0);
    let count = points.len();
    let x = move |i: usize| pad + (width - 2.0 * pad) * i as f64 / (count.max(2) - 1) as f64;
    let y = move |v: f64| height - pad - (height - 2.0 * pad) * v.clamp(0.0, 1.0);
    let lines = TREND_LINES
        .iter()
        .map(|(name, colour, read)| {
            let path = points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| read(p).map(|v| format!("{:.1},{:.1}", x(i), y(v))))
                .collect::<Vec<_>>()
                .join(" ");
            view! { <polyline points=path fill="none" stroke=*colour stroke-width="2"><title>{say(name)}</title></polyline> }
        })
        .collect_view();
    let percent_or_dash =
        |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0));
    view! {
        <h3>{say("insight-across-waves")}</h3>
        <svg class="trend" viewBox=format!("0 0 {width} {height}") role="img" aria-label=say("insight-chart-of-the-figures-in")>
            <line x1=pad y1=y(0.0) x2=width - pad y2=y(0.0) stroke="#c9ced8"/>
            <line x1=pad y1=y(1.0) x2=width - pad y2=y(1.0) stroke="#e3e6ec"/>
            <text x="2" y=y(1.0) + 4.0 font-size="10">"100%"</text>
            <text x="2" y=y(0.0) + 4.0 font-size="10">"0"</text>
            {points.iter().enumerate().map(|(i, p)| view! { <text x=x(i) - 6.0 y=height - 6.0 font-size="10">{format!("W{}", p.wave_number)}</text> }).collect_view()}
            {lines}
        </svg>
        <ul class="plain legend">
            {TREND_LINES.iter().map(|(name, colour, _)| view! { <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill=*colour/></svg>{say(name)}</li> }).collect_view()}
        </ul>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>{say("insight-wave")}</th>{TREND_LINES.iter().map(|(name, _, _)| view! { <th>{say(name)}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {points.iter().map(|p| view! {
                        <tr>
                            <td>{p.wave_number}</td>
                            {TREND_LINES.iter().map(|(name, _, read)| {
                                let value = read(p);
                                view! { <td>{if *name == "insight-modularity" { value.map_or_else(|| "—".into(), |v| format!("{v:.2}")) } else { percent_or_dash(value) }}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The interactive map's script, versioned by its content (app/build.rs) so
/// that it can be cached forever; only pages with a map load it.
pub const NETWORK_MAP_HREF: &str =
    concat!("/style/network-map.js?v=", env!("KNIT_NETWORK_MAP_VERSION"));

/// What the maps show, from the page's address, and what they could show.
#[derive(Clone)]
struct MapChoice {
    colour: String,
    size: String,
    colours: Vec<String>,
    /// "Find a person": part of a name, and whether to show only their circle.
    find: String,
    ego: bool,
    /// Only this group of the colour attribute (a department, say).
    only: String,
}

fn map_choice_form(choice: &MapChoice, network: &str, full_window: bool) -> impl IntoView {
    let choice = choice.clone();
    view! {
        <form method="get" class="filters map-redraw">
            <input type="hidden" name="network" value=network.to_string()/>
            <input type="hidden" name="part" value=Part::Map.key()/>
            {full_window.then(|| view! { <input type="hidden" name="full" value="1"/> })}
            <label>{say("insight-colour-by")}" "
                <select name="colour">
                    {choice.colours.iter().map(|c| view! { <option value=c.clone() selected=*c == choice.colour>{c.trim_start_matches("roster: ").to_string()}</option> }).collect_view()}
                </select>
            </label>
            <label>" "{say("insight-size-by")}" "
                <select name="size">
                    {super::MAP_SIZES.into_iter().map(|m| view! { <option value=m selected=m == choice.size>{m.replace('_', " ")}</option> }).collect_view()}
                </select>
            </label>
            <label>" "{say("insight-find-a-person")}" "
                <input type="search" name="find" value=choice.find.clone() placeholder=say("insight-part-of-a-name")/>
            </label>
            <label>
                <input type="checkbox" name="ego" value="1" checked=choice.ego/>
                " "{say("insight-only-them-and-their-colleagues")}
            </label>
            <label>" "{say("insight-only-the-group")}" "
                <input type="search" name="only" value=choice.only.clone() placeholder=say("insight-a-department-say")/>
            </label>
            <button type="submit" class="button secondary compact">{say("insight-redraw")}</button>
        </form>
    }
}

/// The parts of the insight page, each at its own address (`?part=`), so
/// that one can be linked and opened alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Summary,
    KeyPlayers,
    Map,
    Groups,
    People,
    AcrossWaves,
    /// This network laid over another: said against done.
    Compare,
    Downloads,
}

impl Part {
    const ALL: [Part; 8] = [
        Part::Summary,
        Part::KeyPlayers,
        Part::Map,
        Part::Groups,
        Part::People,
        Part::AcrossWaves,
        Part::Compare,
        Part::Downloads,
    ];

    fn key(self) -> &'static str {
        match self {
            Part::Summary => "summary",
            Part::KeyPlayers => "players",
            Part::Map => "map",
            Part::Groups => "groups",
            Part::People => "people",
            Part::AcrossWaves => "waves",
            Part::Compare => "compare",
            Part::Downloads => "downloads",
        }
    }

    fn label(self) -> String {
        match self {
            Part::Summary => say("insight-summary"),
            Part::KeyPlayers => say("insight-key-players"),
            Part::Map => say("insight-map"),
            Part::Groups => say("insight-groups"),
            Part::People => say("insight-people"),
            Part::AcrossWaves => say("insight-across-waves"),
            Part::Compare => say("insight-compare"),
            Part::Downloads => say("insight-downloads"),
        }
    }

    /// The part an address asks for: `part=`, else the people table when its
    /// own settings are there (the links of the key players' lists), else the summary.
    fn asked(part: Option<&str>, table: bool) -> Part {
        part.and_then(|p| Part::ALL.into_iter().find(|x| x.key() == p))
            .unwrap_or(if table { Part::People } else { Part::Summary })
    }

    /// Whether the part reads individual answers, gone once retention deleted them.
    fn needs_answers(self) -> bool {
        matches!(
            self,
            Part::Map | Part::People | Part::Compare | Part::Downloads
        )
    }
}

/// The address of one part of one network's insight.
fn part_address(wave_id: i64, network: &str, part: Part) -> String {
    format!(
        "/insight/{wave_id}?network={}&part={}",
        crate::ui::encode(network),
        part.key()
    )
}

/// What every part of the page is drawn from, besides the network's own insight.
#[derive(Clone)]
struct PageContext {
    wave_id: i64,
    answers_kept: bool,
    choice: MapChoice,
    /// Whether the map fills the window (`full=1`).
    full_window: bool,
    group_attributes: Vec<String>,
    group: String,
    answers: Vec<AnswerReport>,
    k: usize,
    did_not_answer: NotAnswered,
    /// Every network of the wave (key, title), and the one to compare with.
    networks: Vec<(String, String)>,
    against: Option<String>,
}

/// The tabs: one link per part, the current one marked; comparing needs
/// another network.
fn parts_nav(
    wave_id: i64,
    network: &str,
    current: Part,
    answers_kept: bool,
    networks: usize,
) -> impl IntoView {
    let shown = move |p: &Part| {
        (answers_kept || !p.needs_answers()) && (*p != Part::Compare || networks > 1)
    };
    view! {
        <nav class="tabs" aria-label=say("insight-parts-of-the-insight")>
            {Part::ALL.into_iter().filter(shown).map(|p| view! {
                <a href=part_address(wave_id, network, p) aria-current=(p == current).then_some("page")>{p.label()}</a>
            }).collect_view()}
        </nav>
    }
}

/// One link per question (and network added from elsewhere), when there are several.
fn questions_nav(
    wave_id: i64,
    relations: &[RelationInsight],
    current: &str,
    part: Part,
) -> AnyView {
    if relations.len() < 2 {
        return ().into_any();
    }
    view! {
        <nav class="tabs questions" aria-label=say("insight-questions")>
            {relations.iter().map(|r| {
                let key = r.network.key();
                view! { <a href=part_address(wave_id, &key, part) aria-current=(key == current).then_some("page")>{r.question.clone()}</a> }
            }).collect_view()}
        </nav>
    }
    .into_any()
}

fn relation_view(part: Part, c: PageContext, r: RelationInsight) -> AnyView {
    let network = r.network.key();
    match part {
        Part::Summary => summary_view(&c, r),
        Part::KeyPlayers => view! {
            <h3>{say("insight-key-players")}</h3>
            {key_players_view(&network, r.key_players)}
            {not_answered_view(&c.did_not_answer)}
        }
        .into_any(),
        Part::Map => map_section(&c, &network, &r.question, r.figures.people),
        Part::Groups => view! {
            {regroup_form(&c, &network)}
            {r.heatmap.map(|h| group_section(c.wave_id, &network, c.answers_kept, h))}
            {(!c.answers.is_empty()).then(|| answers_view(c.answers.clone(), c.k))}
        }
        .into_any(),
        Part::People => {
            view! { <super::people::PeopleTableView wave_id=c.wave_id network=network/> }.into_any()
        }
        Part::AcrossWaves => {
            let trend = (r.trend.len() > 1).then(|| trend_view(r.trend.clone()).into_any());
            let changes = r
                .previous_wave
                .map(|number| changes_view(number, r.changes));
            let nothing = (trend.is_none() && changes.is_none()).then(|| {
                view! {
                    <p class="muted">{say("insight-this-is-the-survey-s")}</p>
                }
            });
            view! { {trend}{changes}{nothing} }.into_any()
        }
        Part::Compare => {
            let others: Vec<(String, String)> = c
                .networks
                .iter()
                .filter(|(key, _)| *key != network)
                .cloned()
                .collect();
            view! { <CompareView wave_id=c.wave_id network=network others=others against=c.against.clone()/> }.into_any()
        }
        Part::Downloads => downloads_view(c.wave_id, &network),
    }
}

/// Two networks laid over each other.
#[server(endpoint = "network_overlap")]
pub async fn get_network_overlap(
    wave_id: i64,
    first: String,
    second: String,
) -> Result<Overlap, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            let key = |k: &str| {
                super::NetworkKey::parse(k)
                    .ok_or_else(|| AppError::not_found(say("players-there-is-no-such-network")))
            };
            super::overlap::overlap(&state.db, &user, wave_id, key(&first)?, key(&second)?).await
        }
        .await,
    )
}

/// What this network and another (a survey question against mail, chat or
/// meetings) share: pairs tied in both, in one only, within and across departments.
#[component]
fn CompareView(
    wave_id: i64,
    network: String,
    others: Vec<(String, String)>,
    against: Option<String>,
) -> impl IntoView {
    let second = against
        .filter(|a| others.iter().any(|(key, _)| key == a))
        .or_else(|| others.first().map(|(key, _)| key.clone()))
        .unwrap_or_default();
    let (first, chosen) = (network.clone(), second.clone());
    let overlap = Resource::new(
        || (),
        move |_| get_network_overlap(wave_id, first.clone(), chosen.clone()),
    );
    view! {
        <h3>{say("insight-said-and-done")}</h3>
        <p class="muted">{say("insight-said-and-done-intro")}</p>
        <form method="get" action=format!("/insight/{wave_id}") class="inline">
            <input type="hidden" name="network" value=network/>
            <input type="hidden" name="part" value="compare"/>
            <label class="field"><span class="label">{say("insight-compare-with")}</span>
                <select name="against">
                    {others.into_iter().map(|(key, title)| {
                        let selected = key == second;
                        view! { <option value=key selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button secondary">{say("insight-compare-show")}</button>
        </form>
        {loaded(overlap, overlap_view)}
    }
}

/// A share as a percentage: one decimal under 10%, where a whole number would say 0.
fn share(x: f64) -> String {
    if x < 0.1 {
        format!("{:.1}%", x * 100.0)
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

fn overlap_view(o: Overlap) -> AnyView {
    let rows = [
        (say("insight-compare-all-pairs"), o.all),
        (say("insight-compare-same-department"), o.within),
        (say("insight-compare-across-departments"), o.across),
    ];
    let (width, row_height, label_width) = (640.0, 34.0, 190.0);
    let bars = rows.iter().enumerate().map(|(i, (label, counts))| {
        let total = (counts.both + counts.first_only + counts.second_only).max(1) as f64;
        let y = i as f64 * row_height;
        let span = width - label_width;
        let parts = [
            ("first-only", counts.first_only),
            ("both", counts.both),
            ("second-only", counts.second_only),
        ];
        let mut x = label_width;
        let segments = parts.into_iter().map(|(class, n)| {
            let w = span * n as f64 / total;
            let at = x;
            x += w;
            view! { <rect class=class x=format!("{at:.1}") y=format!("{:.1}", y + 6.0) width=format!("{w:.1}") height="20"/> }
        }).collect_view();
        view! {
            <text x="0" y=format!("{:.1}", y + 21.0)>{label.clone()}</text>
            {segments}
        }
    }).collect_view();
    let height = rows.len() as f64 * row_height;
    let summary = say_with(
        "insight-compare-summary",
        &[
            ("first", o.first.clone().into()),
            ("second", o.second.clone().into()),
            ("both", o.all.both.into()),
            ("agreement", share(o.all.agreement()).into()),
        ],
    );
    view! {
        <p>{summary.clone()}</p>
        <svg class="overlap" role="img" aria-label=summary viewBox=format!("0 0 {width} {height}") width="100%">
            {bars}
        </svg>
        <ul class="legend overlap-legend">
            <li><span class="swatch first-only"></span>{say_with("insight-compare-only-in", &[("network", o.first.clone().into())])}</li>
            <li><span class="swatch both"></span>{say("insight-compare-in-both")}</li>
            <li><span class="swatch second-only"></span>{say_with("insight-compare-only-in", &[("network", o.second.clone().into())])}</li>
        </ul>
        <table class="list overlap-table">
            <thead><tr>
                <th scope="col">{say("insight-compare-pairs")}</th>
                <th scope="col">{say_with("insight-compare-only-in", &[("network", o.first.clone().into())])}</th>
                <th scope="col">{say("insight-compare-in-both")}</th>
                <th scope="col">{say_with("insight-compare-only-in", &[("network", o.second.clone().into())])}</th>
                <th scope="col">{say("insight-compare-agreement")}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|(label, c)| view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{c.first_only}</td>
                    <td>{c.both}</td>
                    <td>{c.second_only}</td>
                    <td>{share(c.agreement())}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

/// Response, confidence, the network's figures and what stands out, in words.
fn summary_view(c: &PageContext, r: RelationInsight) -> AnyView {
    let f = r.figures.clone();
    let confidence_note = match r.confidence {
        Confidence::High => say("insight-high-confidence-80-or-more"),
        Confidence::Moderate => say("insight-moderate-confidence-65-to-80"),
        Confidence::Low => say("insight-low-confidence-under-65-answered"),
    };
    let findings = findings(&r, c.did_not_answer.total);
    view! {
        <p class=say_with("insight-notice-confidence", &[("key", (r.confidence.key()).into())])>
            {say_with("insight-answered-by-of", &[("answered", r.answered.into()), ("invited", r.invited.into()), ("rate", percent(r.answered, r.invited).into()), ("confidence-note", confidence_note.into())])}
        </p>
        <dl class="stats">
            <div><dt>{say("insight-people")}</dt><dd>{f.people}</dd></div>
            <div><dt>{say("insight-ties")}</dt><dd>{f.ties}</dd></div>
            <div><dt>{say("insight-density")}</dt><dd>{format!("{:.1}%", f.density * 100.0)}</dd></div>
            <div><dt>{say("insight-returned-ties")}</dt><dd>{f.reciprocity.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>{say("insight-separate-parts")}</dt><dd>{f.weak_components}</dd></div>
            <div><dt>{say("insight-communities")}</dt><dd>{say_with("insight-communities-modularity", &[("communities", f.communities.into()), ("modularity", format!("{:.2}", f.modularity).into())])}</dd></div>
        </dl>
        <h3>{say("insight-what-stands-out")}</h3>
        {if findings.is_empty() {
            view! { <p class="muted">{say("insight-nothing-stands-out-yet-no")}</p> }.into_any()
        } else {
            view! { <ul class="findings">{findings.into_iter().map(|(text, part)| view! {
                <li>{text}" "<a href=part_address(c.wave_id, &r.network.key(), part)>{format!("{} →", part.label())}</a></li>
            }).collect_view()}</ul> }.into_any()
        }}
    }
    .into_any()
}

/// The few things an analyst should read first, each with the part that shows more.
fn findings(r: &RelationInsight, did_not_answer: usize) -> Vec<(String, Part)> {
    let mut found = key_player_findings(r);
    if let Some(h) = &r.heatmap {
        found.extend(group_findings(h));
    }
    if r.figures.weak_components > 1 {
        found.push((
            say_with(
                "insight-the-network-falls-into-separate",
                &[("weak-components", r.figures.weak_components.into())],
            ),
            Part::Map,
        ));
    }
    if did_not_answer > 0 {
        found.push((
            say_with(
                "insight-not-answer-only-colleagues-who",
                &[("did-not-answer", did_not_answer.into())],
            ),
            Part::KeyPlayers,
        ));
    }
    if let (Some(number), Some(change)) = (r.previous_wave, r.changes.first()) {
        found.push((
            say_with(
                "insight-since-wave-changed-most-named",
                &[
                    ("number", number.into()),
                    ("name", change.name.as_str().into()),
                    ("then", change.in_degree.0.into()),
                    ("now", change.in_degree.1.into()),
                ],
            ),
            Part::AcrossWaves,
        ));
    }
    found
}

/// The most sought-after person, the bottlenecks and the brokers, in words.
fn key_player_findings(r: &RelationInsight) -> Vec<(String, Part)> {
    let mut found = Vec::new();
    let role = |role: Role| r.key_players.iter().find(|g| g.role == role);
    if let Some(top) = role(Role::CentralConnector).and_then(|g| g.listed.first()) {
        found.push((
            say_with(
                "insight-most-sought-after",
                &[("reason", top.reason.as_str().into())],
            ),
            Part::KeyPlayers,
        ));
    }
    if let Some(g) = role(Role::OverloadedBottleneck) {
        let names = g
            .listed
            .iter()
            .take(3)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>();
        found.push((
            say_with(
                "insight-carry-a-load-that-may",
                &[("total", g.total.into()), ("list", list(&names).into())],
            ),
            Part::KeyPlayers,
        ));
    }
    if let Some(g) = role(Role::Broker) {
        found.push((
            say_with(
                "insight-between-circles-that-do-not",
                &[("total", g.total.into())],
            ),
            Part::KeyPlayers,
        ));
    }
    found
}

/// The most inward group and the pairs of groups with no tie between them.
fn group_findings(h: &Heatmap) -> Vec<(String, Part)> {
    let mut found = Vec::new();
    let inward = h
        .ei_index
        .iter()
        .enumerate()
        .filter_map(|(i, ei)| ei.map(|ei| (i, ei)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((i, ei)) = inward.filter(|(_, ei)| *ei < 0.0) {
        found.push((
            say_with(
                "insight-keeps-most-to-itself",
                &[
                    ("group", h.groups[i].as_str().into()),
                    ("ei", format!("{:.2}", ei.abs()).into()),
                ],
            ),
            Part::Groups,
        ));
    }
    let pairs = h.groups.len() * h.groups.len().saturating_sub(1);
    let unlinked = (0..h.groups.len())
        .flat_map(|a| (0..h.groups.len()).map(move |b| (a, b)))
        .filter(|&(a, b)| a != b && h.density[a][b].is_none_or(|d| d <= 0.0))
        .count();
    if unlinked > 0 {
        found.push((
            say_with(
                "insight-of-pairs-of-groups-have",
                &[
                    ("unlinked", unlinked.into()),
                    ("pairs", pairs.into()),
                    ("attribute", h.attribute.as_str().into()),
                ],
            ),
            Part::Groups,
        ));
    }
    found
}

/// The invited who did not answer: their own group, listed by name.
fn not_answered_view(silent: &NotAnswered) -> AnyView {
    if silent.total == 0 {
        return ().into_any();
    }
    let more = silent.total.saturating_sub(silent.listed.len());
    view! {
        <h4>{say_with("insight-did-not-answer", &[("total", silent.total.into())])}</h4>
        <p class="hint">{say("insight-invited-with-no-answers-submitted")}</p>
        <ul class="players">{silent.listed.clone().into_iter().map(|p| view! {
            <li><A href=format!("/people/{}", p.person_id)>{p.name}</A></li>
        }).collect_view()}</ul>
        {(more > 0).then(|| view! { <p class="hint">{say_with("insight-and-more", &[("more", more.into())])}</p> })}
    }
    .into_any()
}

/// The heatmap's grouping: any roster attribute or answer about the respondent.
fn regroup_form(c: &PageContext, network: &str) -> impl IntoView {
    view! {
        <form method="get" class="filters">
            <input type="hidden" name="network" value=network.to_string()/>
            <input type="hidden" name="part" value=Part::Groups.key()/>
            <label>{say("insight-groups-by")}" "
                <select name="group">
                    {c.group_attributes.iter().map(|a| view! {
                        <option value=a.clone() selected=*a == c.group>{a.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button secondary compact">{say("insight-regroup")}</button>
        </form>
    }
}

/// The map (interactive, with a picture beneath), in the page or filling the window.
fn map_section(c: &PageContext, network: &str, question: &str, people: usize) -> AnyView {
    let (wave_id, choice) = (c.wave_id, &c.choice);
    let query = format!("network={}", crate::ui::encode(network));
    let drawn = format!(
        "{query}&colour={}&size={}&find={}{}&only={}",
        crate::ui::encode(&choice.colour),
        crate::ui::encode(&choice.size),
        crate::ui::encode(&choice.find),
        if choice.ego { "&ego=1" } else { "" },
        crate::ui::encode(&choice.only)
    );
    // A large network's picture is its departments, as the interactive map
    // opens: every person would take seconds to draw and megabytes to send.
    let (picture, alt) = if people > super::MAP_PEOPLE_AT_ONCE
        && choice.only.trim().is_empty()
        && choice.find.trim().is_empty()
    {
        (
            format!("/insight/{wave_id}/groups.svg?{query}"),
            say_with(
                "insight-network-map-departments",
                &[("question", question.into())],
            ),
        )
    } else {
        (
            format!("/insight/{wave_id}/map.svg?{drawn}"),
            say_with(
                "insight-network-map-of-each-dot",
                &[
                    ("question", question.into()),
                    ("replace", (choice.size.replace('_', " ")).into()),
                    ("colour", choice.colour.as_str().into()),
                ],
            ),
        )
    };
    let window = if c.full_window {
        view! { <a class="button secondary compact" href=part_address(wave_id, network, Part::Map)>{say("insight-back-to-the-page")}</a> }
    } else {
        view! { <a class="button secondary compact" href=format!("{}&full=1", part_address(wave_id, network, Part::Map))>{say("insight-full-window")}</a> }
    };
    view! {
        <h3>{say("insight-map")}</h3>
        // The map's data starts loading with the page (a preload in the head), not when its script runs.
        <leptos_meta::Link rel="preload" as_="fetch" crossorigin="anonymous" href=format!("/insight/{wave_id}/map.json?{query}")/>
        // The map script, on this part alone (see NETWORK_MAP_HREF).
        <script type="module" src=NETWORK_MAP_HREF></script>
        // Right before the figure: the interactive map hides it in favour of its own controls.
        {map_choice_form(choice, network, c.full_window)}
        <figure class=if c.full_window { "network-map full-window" } else { "network-map" }>
            <div class="map-window">{window}</div>
            // The interactive map mounts here (style/network-map.js); the
            // picture stays for browsers without JavaScript or WebGL.
            <div class="map-live" id=format!("map-{}", network.replace(':', "-")) data-map-src=format!("/insight/{wave_id}/map.json?{query}")></div>
            <img
                src=picture
                alt=alt
                loading="lazy"
                width="1000"
                height="1000"
            />
            <figcaption class="hint">{say("insight-laid-out-with-forceatlas2-people")}</figcaption>
        </figure>
    }
    // Erased: each section's full type nested in one is deeper than the
    // compiler's optimised builds may compute.
    .into_any()
}

/// The files a network can be taken away in, and what their figures mean.
fn downloads_view(wave_id: i64, network: &str) -> AnyView {
    let query = format!("network={}", crate::ui::encode(network));
    view! {
        <h3>{say("insight-take-it-away")}</h3>
        <ul class="plain downloads">
            {ExportFormat::ALL.into_iter().map(|format| view! {
                <li><a href=format!("/insight/{wave_id}/export?{query}&format={}", format.key()) download>{format.label()}</a></li>
            }).collect_view()}
        </ul>
        <p class="hint">{say("insight-every-person-s-ties-and")}</p>
    }
    .into_any()
}

/// Per role, the strongest few, the rest behind "more", and a link to all of them.
fn key_players_view(network: &str, key_players: Vec<RolePlayers>) -> AnyView {
    if key_players.is_empty() {
        view! { <p class="muted">{say("insight-no-one-stands-out-by")}</p> }.into_any()
    } else {
        key_players.into_iter().map(|group| {
            let all = (group.total > group.listed.len())
                .then(|| super::people::role_address(network, group.role));
            let mut people = group.listed.into_iter();
            let first: Vec<KeyPlayer> = people.by_ref().take(SHOWN_PER_ROLE).collect();
            let rest: Vec<KeyPlayer> = people.collect();
            view! {
                <h4>{format!("{} ({})", role_label(group.role), group.total)}</h4>
                <ul class="players">{first.into_iter().map(player).collect_view()}</ul>
                {(!rest.is_empty()).then(|| view! {
                    <details>
                        <summary>{say_with("insight-more", &[("len", (rest.len()).into())])}</summary>
                        <ul class="players">{rest.into_iter().map(player).collect_view()}</ul>
                    </details>
                })}
                {all.map(|href| view! {
                    <p class="hint"><A href=href>{say_with("insight-all-in-the-people-table", &[("total", group.total.into())])}</A></p>
                })}
            }
        }).collect_view().into_any()
    }
}

/// The group map (when answers are kept) and the group heatmap.
fn group_section(wave_id: i64, network: &str, answers_kept: bool, h: Heatmap) -> AnyView {
    let src = format!(
        "/insight/{wave_id}/groups.svg?network={}&group={}",
        crate::ui::encode(network),
        crate::ui::encode(&h.attribute)
    );
    view! {
        {answers_kept.then(|| view! {
            <h3>{say_with("insight-group-map", &[("attribute", h.attribute.as_str().into())])}</h3>
            <figure class="network-map group-map">
                <img src=src alt=say_with("insight-group-map-by-each-circle", &[("attribute", h.attribute.as_str().into())]) loading="lazy" width="600" height="600"/>
            </figure>
        })}
        {heatmap_view(h)}
    }
    .into_any()
}

/// Whose position changed most since the previous wave.
fn changes_view(number: i64, changes: Vec<Change>) -> AnyView {
    view! {
        <h3>{say_with("insight-since-wave", &[("number", number.into())])}</h3>
        {if changes.is_empty() {
view! { <p class="muted">{say("insight-no-one-s-position-changed")}</p> }.into_any()
        } else {
view! {
    <div class="table-scroll" tabindex="0">
        <table class="list">
            <thead><tr><th>{say("insight-person")}</th><th>{say("insight-named-by")}</th><th>{say("insight-ties-gained-lost")}</th><th>{say("insight-roles")}</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr>
                        <td><A href=format!("/people/{}", c.person_id)>{c.name}</A></td>
                        <td>{format!("{} → {}", c.in_degree.0, c.in_degree.1)}</td>
                        <td>{format!("+{} / −{}", c.gained, c.lost)}</td>
                        <td>{c.roles_gained.iter().map(|r| format!("+ {}", role_label(*r))).chain(c.roles_lost.iter().map(|r| format!("− {}", role_label(*r)))).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    </div>
}.into_any()
        }}
    }
    .into_any()
}

#[component]
pub fn InsightPage() -> impl IntoView {
    let params = use_params_map();
    let wave = move || {
        params
            .read()
            .get("wave")
            .and_then(|w| w.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let query = use_query_map();
    let group = move || query.read().get("group").filter(|g| !g.is_empty());
    let insight = Resource::new(
        move || (wave(), group()),
        |(wave, group)| get_wave_insight(wave, group),
    );
    let analyze = ServerAction::<AnalyzeWave>::new();
    view! {
        <section class="card insight">
            {loaded(insight, move |i: WaveInsight| {
                let running = i.run.as_ref().is_some_and(|r| r.status == RunState::Running);
                let analysed = !i.relations.is_empty();
                let q = query.read();
                let part = Part::asked(q.get("part").as_deref(), q.get("table").is_some());
                let asked = q.get("network").or_else(|| q.get("table"));
                let relation = i.relations.iter()
                    .find(|r| Some(r.network.key()) == asked)
                    .or(i.relations.first())
                    .cloned();
                let answers_kept = !i.answers_deleted;
                let part = if part.needs_answers() && !answers_kept { Part::Summary } else { part };
                let context = PageContext {
                    wave_id: i.wave_id,
                    answers_kept,
                    choice: map_choice(&q, &i.group_attributes),
                    full_window: q.get("full").is_some(),
                    group_attributes: i.group_attributes.clone(),
                    group: group().unwrap_or_else(|| "department".into()),
                    answers: i.answers.clone(),
                    k: i.privacy.min_group,
                    did_not_answer: i.did_not_answer.clone(),
                    networks: i.relations.iter().map(|r| (r.network.key(), r.question.clone())).collect(),
                    against: q.get("against"),
                };
                view! {
                    <p class="eyebrow"><A href=format!("/surveys/{}", i.survey_id)>{i.survey_name.clone()}</A></p>
                    <h1>{say_with("insight-wave-insight", &[("wave-number", i.wave_number.into())])}</h1>
                    {running.then(|| view! {
                        // Reloads itself until the computation is done (no script needed).
                        <meta http-equiv="refresh" content="2"/>
                        <p class="notice" role="status">{i.run.as_ref().map(|r| say_with("insight-computing-step-of", &[("step", r.step.into()), ("steps", r.steps.into())]))}</p>
                        <progress max=i.run.as_ref().map(|r| r.steps).unwrap_or(1) value=i.run.as_ref().map(|r| r.step).unwrap_or(0)></progress>
                    })}
                    {i.run.as_ref().and_then(|r| r.error.clone()).map(|e| view! { <p class="notice error" role="alert">{say_with("insight-the-last-computation-failed", &[("e", e.into())])}</p> })}
                    {(!analysed && !running).then(|| view! {
                        <p class="muted">{say("insight-not-analysed-yet-waves-are")}</p>
                    })}
                    {i.wave_open.then(|| view! { <p class="hint">{say("insight-the-wave-is-still-open")}</p> })}
                    {i.answers_deleted.then(|| view! { <p class="notice">{say_with("insight-the-individual-answers-of-this", &[("retention-in-words", (i.privacy.retention_in_words(crate::model::language::Language::STAFF)).into())])}</p> })}
                    <ActionForm action=analyze attr:class="inline">
                        <ReturnField/>
                        <input type="hidden" name="wave_id" value=i.wave_id/>
                        <button type="submit" class="button secondary" disabled=running>{if analysed { say("insight-analyse-again") } else { say("insight-analyse-now") }}</button>
                    </ActionForm>
                    {relation.map(|r| {
                        let network = r.network.key();
                        view! {
                            {questions_nav(i.wave_id, &i.relations, &network, part)}
                            {parts_nav(i.wave_id, &network, part, answers_kept, i.relations.len())}
                            <div class="part">
                                <h2>{r.question.clone()}</h2>
                                {relation_view(part, context, r)}
                            </div>
                        }
                    })}
                    {(answers_kept && part == Part::Downloads).then(|| view! { <AddNetwork wave=i.wave_id/> })}
                }
            })}
            <FormError action=analyze/>
        </section>
    }
}

/// The map's settings from the page's address, and the attributes it can be coloured by.
fn map_choice(q: &leptos_router::params::ParamsMap, group_attributes: &[String]) -> MapChoice {
    let mut colours: Vec<String> = group_attributes
        .iter()
        .map(|a| {
            if ["department", "team", "location", "title"].contains(&a.as_str())
                || a.starts_with(super::ANSWER)
            {
                a.clone()
            } else {
                say_with("insight-roster", &[("a", a.into())])
            }
        })
        .collect();
    colours.extend(["community".to_string(), "roles".to_string()]);
    MapChoice {
        colour: q
            .get("colour")
            .filter(|c| colours.contains(c))
            .unwrap_or_else(|| "department".into()),
        size: q
            .get("size")
            .filter(|s| super::MAP_SIZES.contains(&s.as_str()))
            .unwrap_or_else(|| "in_degree".into()),
        colours,
        find: q.get("find").unwrap_or_default(),
        ego: q.get("ego").is_some(),
        only: q.get("only").unwrap_or_default(),
    }
}

/// An upload being read (its progress; the page reloads itself), then what
/// it holds with the choice to add it or not, or why it could not be read.
fn draft_view(wave: i64, d: DraftView) -> AnyView {
    let decide = move |add: bool| {
        view! {
            <form method="post" action=format!("/insight/{wave}/networks/drafts/{}", d.id) class="inline actions">
                {add.then(|| view! { <button type="submit" name="decision" value="add" class="primary compact">{say_with("insight-upload-add", &[("n", d.ties.into())])}</button> })}
                <button type="submit" name="decision" value="discard" class="button secondary">{say("insight-upload-discard")}</button>
            </form>
        }
    };
    let heading = say_with(
        "insight-upload-found",
        &[
            ("name", d.name.clone().into()),
            ("files", d.file_name.clone().into()),
        ],
    );
    match (d.found, d.problem) {
        (_, Some(problem)) => view! {
            <div class="draft notice error" role="alert">
                <h4>{heading}</h4>
                <p>{problem}</p>
                {decide(false)}
            </div>
        }
        .into_any(),
        (Some(found), None) => view! {
            <div class="draft notice" role="status">
                <h4>{heading}</h4>
                <ul>{found.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                <p class="hint">{say("insight-upload-only-counts")}</p>
                {decide(d.ties > 0)}
            </div>
        }
        .into_any(),
        (None, None) => view! {
            // Reloads itself until the files are read (no script needed).
            <meta http-equiv="refresh" content="2"/>
            <div class="draft notice" role="status">
                <h4>{heading}</h4>
                <p>{say_with("insight-upload-reading", &[
                    ("read", format!("{:.1}", d.read_bytes as f64 / 1e6).into()),
                    ("total", format!("{:.1}", d.total_bytes as f64 / 1e6).into()),
                ])}</p>
                <progress max=d.total_bytes.max(1) value=d.read_bytes></progress>
            </div>
        }
        .into_any(),
    }
}

/// A network read from an upload, waiting for the analyst's decision.
#[server(endpoint = "network_draft")]
pub async fn get_network_draft(wave_id: i64, draft: i64) -> Result<DraftView, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_role(&crate::model::auth::Role::ALL)?;
            super::imported::network_draft(&state.db, &user, wave_id, draft).await
        }
        .await,
    )
}

/// The form that adds a network from elsewhere (an edge list, a Slack
/// export, calendars, mail archives) as an extra relation, and the preview of
/// what an upload holds before it is added.
#[component]
fn AddNetwork(wave: i64) -> impl IntoView {
    let query = use_query_map();
    let draft_id = move || {
        query
            .read()
            .get("draft")
            .and_then(|d| d.parse::<i64>().ok())
    };
    let draft = Resource::new(draft_id, move |id| async move {
        match id {
            Some(id) => get_network_draft(wave, id).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <section class="add-network">
            <h3>{say("insight-add-a-network-from-elsewhere")}</h3>
            <p class="muted">{say("insight-an-edge-list-from-an")}</p>
            {move || {
                let q = query.read();
                q.get("error").map(|e| view! { <p class="notice error" role="alert">{e}</p> }.into_any())
                    .or_else(|| q.get("imported").map(|n| view! { <p class="notice success" role="status">{say_with("insight-added-ties-the-wave-is", &[("n", n.into())])}</p> }.into_any()))
                    .or_else(|| q.get("discarded").map(|_| view! { <p class="notice" role="status">{say("insight-upload-discarded")}</p> }.into_any()))
            }}
            {loaded(draft, move |draft: Option<DraftView>| draft.map(|d| draft_view(wave, d)))}
            <form method="post" enctype="multipart/form-data" action=format!("/insight/{wave}/networks")>
                <label class="field"><span class="label">{say("insight-name")}</span><input type="text" name="name" required maxlength="200" placeholder=say("insight-email-last-quarter")/></label>
                <label class="field"><span class="label">{say("insight-upload-format")}</span>
                    <select name="format">
                        <option value="csv">{say("insight-edge-list-csv")}</option>
                        <option value="slack">{say("insight-upload-format-slack")}</option>
                        <option value="ics">{say("insight-upload-format-ics")}</option>
                        <option value="mbox">{say("insight-upload-format-mbox")}</option>
                    </select>
                </label>
                <label class="field"><span class="label">{say("insight-weight-column-optional")}</span><input type="text" name="weight" placeholder=say("insight-messages")/></label>
                <label class="field"><span class="label">{say("insight-upload-files")}</span><input type="file" name="file" multiple accept=".csv,.zip,.ics,.mbox,text/csv,application/zip,text/calendar,application/mbox" required/></label>
                <button type="submit" class="primary">{say("insight-upload-read")}</button>
            </form>
        </section>
    }
}
