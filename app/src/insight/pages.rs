//! The insight page: key players with their reasons, the group × group
//! heatmap, response rate and confidence, and change since the last wave.

use super::words::{list, role_label};
use super::{
    AnswerReport, Change, Confidence, ExportFormat, Heatmap, KeyPlayer, NotAnswered,
    RelationInsight, RolePlayers, RunState, TrendPoint, WaveInsight,
};
use crate::error::AppError;
use crate::ui::{loaded, percent, FormError, ReturnField};
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
        <h3>{format!("Ties between groups ({})", h.attribute)}</h3>
        <p class="hint">"Each cell: the share of possible ties from the row's group to the column's that exist. Darker is denser."</p>
        <div class="table-scroll" tabindex="0">
            <table class="heatmap">
                <thead><tr><th>"From \\ to"</th>{groups.iter().map(|g| view! { <th scope="col">{g.clone()}</th> }).collect_view()}<th scope="col" title="Ties out minus ties in, over all the group's ties: −1 closed, +1 all outward">"E-I"</th></tr></thead>
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
            <h2>"About the respondents"</h2>
            <p class="hint">{format!("Answers given by fewer than {k} people are hidden, with another when one alone would let them be worked out.")}</p>
            {reports.into_iter().map(|r| view! {
                <h3>{r.prompt.clone()}</h3>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>"Answer"</th><th>"People"</th><th title=format!("How many colleagues name them, on average, for: {}", r.relation)>"Named by, on average"</th></tr></thead>
                        <tbody>
                            {r.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td>{row.answer}</td>
                                    <td>{row.people.map_or_else(|| format!("fewer than {k}, or hidden"), |n| n.to_string())}</td>
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

/// The trend's lines: a name, a colour, and how to read the figure.
const TREND_LINES: [(&str, &str, ReadFigure); 5] = [
    ("Response rate", "#4e79a7", |p| p.response_rate),
    ("Density", "#f28e2b", |p| Some(p.density)),
    ("Returned ties", "#e15759", |p| p.reciprocity),
    ("Ties across departments", "#59a14f", |p| {
        p.across_departments
    }),
    ("Modularity", "#b07aa1", |p| Some(p.modularity)),
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
            view! { <polyline points=path fill="none" stroke=*colour stroke-width="2"><title>{*name}</title></polyline> }
        })
        .collect_view();
    let percent_or_dash =
        |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0));
    view! {
        <h3>"Across waves"</h3>
        <svg class="trend" viewBox=format!("0 0 {width} {height}") role="img" aria-label="Chart of the figures in the table below, wave by wave">
            <line x1=pad y1=y(0.0) x2=width - pad y2=y(0.0) stroke="#c9ced8"/>
            <line x1=pad y1=y(1.0) x2=width - pad y2=y(1.0) stroke="#e3e6ec"/>
            <text x="2" y=y(1.0) + 4.0 font-size="10">"100%"</text>
            <text x="2" y=y(0.0) + 4.0 font-size="10">"0"</text>
            {points.iter().enumerate().map(|(i, p)| view! { <text x=x(i) - 6.0 y=height - 6.0 font-size="10">{format!("W{}", p.wave_number)}</text> }).collect_view()}
            {lines}
        </svg>
        <ul class="plain legend">
            {TREND_LINES.iter().map(|(name, colour, _)| view! { <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill=*colour/></svg>{*name}</li> }).collect_view()}
        </ul>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead><tr><th>"Wave"</th>{TREND_LINES.iter().map(|(name, _, _)| view! { <th>{*name}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {points.iter().map(|p| view! {
                        <tr>
                            <td>{p.wave_number}</td>
                            {TREND_LINES.iter().map(|(name, _, read)| {
                                let value = read(p);
                                view! { <td>{if *name == "Modularity" { value.map_or_else(|| "—".into(), |v| format!("{v:.2}")) } else { percent_or_dash(value) }}</td> }
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
            <label>"Colour by "
                <select name="colour">
                    {choice.colours.iter().map(|c| view! { <option value=c.clone() selected=*c == choice.colour>{c.trim_start_matches("roster: ").to_string()}</option> }).collect_view()}
                </select>
            </label>
            <label>" Size by "
                <select name="size">
                    {super::MAP_SIZES.into_iter().map(|m| view! { <option value=m selected=m == choice.size>{m.replace('_', " ")}</option> }).collect_view()}
                </select>
            </label>
            <label>" Find a person "
                <input type="search" name="find" value=choice.find.clone() placeholder="part of a name"/>
            </label>
            <label>
                <input type="checkbox" name="ego" value="1" checked=choice.ego/>
                " only them and their colleagues"
            </label>
            <label>" Only the group "
                <input type="search" name="only" value=choice.only.clone() placeholder="a department, say"/>
            </label>
            <button type="submit" class="button secondary compact">"Redraw"</button>
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
    Downloads,
}

impl Part {
    const ALL: [Part; 7] = [
        Part::Summary,
        Part::KeyPlayers,
        Part::Map,
        Part::Groups,
        Part::People,
        Part::AcrossWaves,
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
            Part::Downloads => "downloads",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Part::Summary => "Summary",
            Part::KeyPlayers => "Key players",
            Part::Map => "Map",
            Part::Groups => "Groups",
            Part::People => "People",
            Part::AcrossWaves => "Across waves",
            Part::Downloads => "Downloads",
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
        matches!(self, Part::Map | Part::People | Part::Downloads)
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
}

/// The tabs: one link per part, the current one marked.
fn parts_nav(wave_id: i64, network: &str, current: Part, answers_kept: bool) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Parts of the insight">
            {Part::ALL.into_iter().filter(|p| answers_kept || !p.needs_answers()).map(|p| view! {
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
        <nav class="tabs questions" aria-label="Questions">
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
            <h3>"Key players"</h3>
            {key_players_view(&network, r.key_players)}
            {not_answered_view(&c.did_not_answer)}
        }
        .into_any(),
        Part::Map => map_section(&c, &network, &r.question),
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
            let nothing = (trend.is_none() && changes.is_none()).then(|| view! {
                <p class="muted">"This is the survey's first analysed wave: figures across waves appear once another wave is analysed."</p>
            });
            view! { {trend}{changes}{nothing} }.into_any()
        }
        Part::Downloads => downloads_view(c.wave_id, &network),
    }
}

/// Response, confidence, the network's figures and what stands out, in words.
fn summary_view(c: &PageContext, r: RelationInsight) -> AnyView {
    let f = r.figures.clone();
    let confidence_note = match r.confidence {
        Confidence::High => "high confidence: 80% or more answered",
        Confidence::Moderate => "moderate confidence: 65% to 80% answered",
        Confidence::Low => "low confidence: under 65% answered; read with care",
    };
    let findings = findings(&r, c.did_not_answer.total);
    view! {
        <p class=format!("notice confidence-{}", r.confidence.key())>
            {format!("Answered by {} of {} ({}) · {confidence_note}", r.answered, r.invited, percent(r.answered, r.invited))}
        </p>
        <dl class="stats">
            <div><dt>"People"</dt><dd>{f.people}</dd></div>
            <div><dt>"Ties"</dt><dd>{f.ties}</dd></div>
            <div><dt>"Density"</dt><dd>{format!("{:.1}%", f.density * 100.0)}</dd></div>
            <div><dt>"Returned ties"</dt><dd>{f.reciprocity.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>"Separate parts"</dt><dd>{f.weak_components}</dd></div>
            <div><dt>"Communities"</dt><dd>{format!("{} (modularity {:.2})", f.communities, f.modularity)}</dd></div>
        </dl>
        <h3>"What stands out"</h3>
        {if findings.is_empty() {
            view! { <p class="muted">"Nothing stands out yet: no one passes the key players' thresholds."</p> }.into_any()
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
            format!(
                "The network falls into {} separate parts that no tie joins.",
                r.figures.weak_components
            ),
            Part::Map,
        ));
    }
    if did_not_answer > 0 {
        found.push((
            format!(
                "{did_not_answer} {} not answer: only colleagues who named them place them here, and they are never counted as peripheral.",
                if did_not_answer == 1 { "person did" } else { "people did" }
            ),
            Part::KeyPlayers,
        ));
    }
    if let (Some(number), Some(change)) = (r.previous_wave, r.changes.first()) {
        found.push((
            format!(
                "Since wave {number}, {} changed most: named by {} then, {} now.",
                change.name, change.in_degree.0, change.in_degree.1
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
            format!("Most sought after: {}", top.reason),
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
            format!(
                "{} {} carry a load that may slow others down: {}.",
                g.total,
                if g.total == 1 {
                    "person may be a bottleneck and"
                } else {
                    "people may be bottlenecks and"
                },
                list(&names)
            ),
            Part::KeyPlayers,
        ));
    }
    if let Some(g) = role(Role::Broker) {
        found.push((
            format!(
                "{} {} between circles that do not otherwise meet; losing them would cut those paths.",
                g.total,
                if g.total == 1 { "broker links" } else { "brokers link" }
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
            format!(
                "{} keeps most to itself: E-I −{:.2} (−1 means every tie stays inside the group).",
                h.groups[i],
                ei.abs()
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
            format!(
                "{unlinked} of {pairs} pairs of {} groups have no tie from one to the other.",
                h.attribute
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
        <h4>{format!("Did not answer ({})", silent.total)}</h4>
        <p class="hint">"Invited, with no answers submitted: only colleagues who named them place them in the network, and they are never called peripheral for it."</p>
        <ul class="players">{silent.listed.clone().into_iter().map(|p| view! {
            <li><A href=format!("/people/{}", p.person_id)>{p.name}</A></li>
        }).collect_view()}</ul>
        {(more > 0).then(|| view! { <p class="hint">{format!("and {more} more")}</p> })}
    }
    .into_any()
}

/// The heatmap's grouping: any roster attribute or answer about the respondent.
fn regroup_form(c: &PageContext, network: &str) -> impl IntoView {
    view! {
        <form method="get" class="filters">
            <input type="hidden" name="network" value=network.to_string()/>
            <input type="hidden" name="part" value=Part::Groups.key()/>
            <label>"Groups by "
                <select name="group">
                    {c.group_attributes.iter().map(|a| view! {
                        <option value=a.clone() selected=*a == c.group>{a.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button secondary compact">"Regroup"</button>
        </form>
    }
}

/// The map (interactive, with a picture beneath), in the page or filling the window.
fn map_section(c: &PageContext, network: &str, question: &str) -> AnyView {
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
    let window = if c.full_window {
        view! { <a class="button secondary compact" href=part_address(wave_id, network, Part::Map)>"Back to the page"</a> }
    } else {
        view! { <a class="button secondary compact" href=format!("{}&full=1", part_address(wave_id, network, Part::Map))>"Full window"</a> }
    };
    view! {
        <h3>"Map"</h3>
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
                src=format!("/insight/{wave_id}/map.svg?{drawn}")
                alt=format!("Network map of {}: each dot is a person, sized by {} and coloured by {} (legend in the picture); lines are ties. Every person's figures are in the People part.", question, choice.size.replace('_', " "), choice.colour)
                loading="lazy"
                width="1000"
                height="1000"
            />
            <figcaption class="hint">"Laid out with ForceAtlas2: people tied to each other sit together; later waves start from this layout, so people stay where they were."</figcaption>
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
        <h3>"Take it away"</h3>
        <ul class="plain downloads">
            {ExportFormat::ALL.into_iter().map(|format| view! {
                <li><a href=format!("/insight/{wave_id}/export?{query}&format={}", format.key()) download>{format.label()}</a></li>
            }).collect_view()}
        </ul>
        <p class="hint">"Every person's ties and figures. Ties name both people by id, name and work email; each figure is as the People part shows it: closeness over everyone else (0 to 1), betweenness as a share of the shortest paths between others. Downloads are recorded in the audit log."</p>
    }
    .into_any()
}

/// Per role, the strongest few, the rest behind "more", and a link to all of them.
fn key_players_view(network: &str, key_players: Vec<RolePlayers>) -> AnyView {
    if key_players.is_empty() {
        view! { <p class="muted">"No one stands out by the role thresholds."</p> }.into_any()
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
                        <summary>{format!("{} more", rest.len())}</summary>
                        <ul class="players">{rest.into_iter().map(player).collect_view()}</ul>
                    </details>
                })}
                {all.map(|href| view! {
                    <p class="hint"><A href=href>{format!("All {} in the people table", group.total)}</A></p>
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
            <h3>{format!("Group map ({})", h.attribute)}</h3>
            <figure class="network-map group-map">
                <img src=src alt=format!("Group map by {}: each circle a group, sized by headcount; the thicker the line, the denser the ties between two groups. The same figures are in the table below.", h.attribute) loading="lazy" width="600" height="600"/>
            </figure>
        })}
        {heatmap_view(h)}
    }
    .into_any()
}

/// Whose position changed most since the previous wave.
fn changes_view(number: i64, changes: Vec<Change>) -> AnyView {
    view! {
        <h3>{format!("Since wave {number}")}</h3>
        {if changes.is_empty() {
view! { <p class="muted">"No one's position changed."</p> }.into_any()
        } else {
view! {
    <div class="table-scroll" tabindex="0">
        <table class="list">
            <thead><tr><th>"Person"</th><th>"Named by"</th><th>"Ties gained / lost"</th><th>"Roles"</th></tr></thead>
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
                };
                view! {
                    <p class="eyebrow"><A href=format!("/surveys/{}", i.survey_id)>{i.survey_name.clone()}</A></p>
                    <h1>{format!("Wave {} · insight", i.wave_number)}</h1>
                    {running.then(|| view! {
                        // Reloads itself until the computation is done (no script needed).
                        <meta http-equiv="refresh" content="2"/>
                        <p class="notice" role="status">{i.run.as_ref().map(|r| format!("Computing… step {} of {}", r.step, r.steps))}</p>
                        <progress max=i.run.as_ref().map(|r| r.steps).unwrap_or(1) value=i.run.as_ref().map(|r| r.step).unwrap_or(0)></progress>
                    })}
                    {i.run.as_ref().and_then(|r| r.error.clone()).map(|e| view! { <p class="notice error" role="alert">{format!("The last computation failed: {e}")}</p> })}
                    {(!analysed && !running).then(|| view! {
                        <p class="muted">"Not analysed yet. Waves are analysed when they close; you can also analyse one now."</p>
                    })}
                    {i.wave_open.then(|| view! { <p class="hint">"The wave is still open: results change as answers come in."</p> })}
                    {i.answers_deleted.then(|| view! { <p class="notice">{format!(
                        "The individual answers of this wave were deleted when the retention period ({}) ended. The network's own figures are kept; key players and each person's figures went with the answers.",
                        i.privacy.retention_in_words(crate::model::language::Language::English)
                    )}</p> })}
                    <ActionForm action=analyze attr:class="inline">
                        <ReturnField/>
                        <input type="hidden" name="wave_id" value=i.wave_id/>
                        <button type="submit" class="button secondary" disabled=running>{if analysed { "Analyse again" } else { "Analyse now" }}</button>
                    </ActionForm>
                    {relation.map(|r| {
                        let network = r.network.key();
                        view! {
                            {questions_nav(i.wave_id, &i.relations, &network, part)}
                            {parts_nav(i.wave_id, &network, part, answers_kept)}
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
                format!("roster: {a}")
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

/// The form that adds an edge list from elsewhere as an extra relation.
#[component]
fn AddNetwork(wave: i64) -> impl IntoView {
    view! {
        <section class="add-network">
            <h3>"Add a network from elsewhere"</h3>
            <p class="muted">"An edge list from an email or chat export or another survey tool, as an extra relation of this wave: a CSV with a header, who (source) and whom (target) by work email, and optionally a weight column. It is analysed like the survey's questions."</p>
            {move || {
                let q = use_query_map().read();
                q.get("error").map(|e| view! { <p class="notice error" role="alert">{e}</p> }.into_any())
                    .or_else(|| q.get("imported").map(|n| view! { <p class="notice success" role="status">{format!("Added {n} ties; the wave is being analysed again.")}</p> }.into_any()))
            }}
            <form method="post" enctype="multipart/form-data" action=format!("/insight/{wave}/networks")>
                <label class="field"><span class="label">"Name"</span><input type="text" name="name" required maxlength="200" placeholder="Email, last quarter"/></label>
                <label class="field"><span class="label">"Weight column (optional)"</span><input type="text" name="weight" placeholder="messages"/></label>
                <label class="field"><span class="label">"Edge list (CSV)"</span><input type="file" name="file" accept=".csv,text/csv" required/></label>
                <button type="submit" class="primary">"Add and analyse"</button>
            </form>
        </section>
    }
}
