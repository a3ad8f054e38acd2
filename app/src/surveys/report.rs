//! The personal report: once a wave is analysed, a respondent's link shows
//! their own network. Whom they named is their own answer; everything drawn
//! from others' answers is a count (a range below k, never who) or a
//! distribution over at least k people.

use crate::error::AppError;
use crate::model::catalogue::FluentValue;
use crate::model::language::Language;
use crate::model::report::{
    Count, NamedColleague, PersonalReport, Quartiles, QuestionReport, Reach, Suggestion,
};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The report of the signed-in respondent; None until their wave is analysed
/// (and again once retention deletes its answers).
#[server(endpoint = "my_report")]
pub async fn my_report() -> Result<Option<PersonalReport>, AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = super::respond::respondent().await?;
            report_of(
                &state.db,
                &state.settings.policy.privacy,
                wave,
                person,
                crate::context::browser_language(),
            )
            .await
        }
        .await,
    )
}

/// The respondent's report, at `/report` (their personal link leads here once
/// the wave is analysed).
#[component]
pub fn ReportPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| my_report());
    crate::ui::loaded_in(
        crate::ui::reader_language(),
        report,
        |report: Option<PersonalReport>| match report {
            Some(report) => report_view(report).into_any(),
            None => view! {
                <section class="card narrow">
                    <p>{Language::default().say("report-not-yet")}</p>
                </section>
            }
            .into_any(),
        },
    )
}

fn report_view(r: PersonalReport) -> impl IntoView {
    let language = r.language;
    let say_with =
        move |id: &str, args: &[(&'static str, FluentValue)]| language.say_with(id, args);
    let k = || ("k", FluentValue::from(r.min_group));
    view! {
        <section class="card report" lang=language.code()>
            <p class="eyebrow">{say_with("report-eyebrow", &[("survey", r.survey_name.clone().into()), ("date", language.long_date(&r.closed_on).into())])}</p>
            <h1>{language.say("report-title")}</h1>
            <p class="lead">{say_with("report-hello", &[("name", r.respondent_name.clone().into()), ("survey", r.survey_name.clone().into())])}</p>
            <p class="muted">{say_with("report-only-you", &[k(), ("kept", r.kept.clone().into())])}</p>
            {own_map(&r)}
            {r.questions.iter().map(|q| question_view(q, language, r.min_group)).collect_view()}
            <h2>{language.say("report-reach-title")}</h2>
            {reach_view(&r)}
            {(!r.suggestions.is_empty()).then(|| view! {
                <h2>{language.say("report-suggestions-title")}</h2>
                <ul class="suggestions">
                    {r.suggestions.iter().map(|s| view! { <li>{suggestion_text(s, language)}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn question_view(q: &QuestionReport, language: Language, min_group: usize) -> impl IntoView {
    let named_by = match q.named_by {
        Count::Exactly(n) => language.say_with("report-named-by-exactly", &[("count", n.into())]),
        Count::FewerThan(_) => {
            language.say_with("report-named-by-fewer", &[("k", min_group.into())])
        }
    };
    let no_department = language.say("report-no-department");
    view! {
        <h2>{q.question.clone()}</h2>
        <p>{language.say_with("report-you-named", &[("count", q.named.len().into())])}</p>
        {(!q.named.is_empty()).then(|| view! {
            <ul class="named">
                {q.named.iter().map(|c| view! {
                    <li>{c.name.clone()}" "<span class="sub">{c.department.clone().unwrap_or_else(|| no_department.clone())}</span></li>
                }).collect_view()}
            </ul>
        })}
        <p>{named_by}</p>
    }
}

fn reach_view(r: &PersonalReport) -> impl IntoView {
    let language = r.language;
    let reach = &r.reach;
    let compared = match reach.organization {
        Some(q) => language.say_with(
            "report-reach-organization",
            &[
                ("lower", language.decimal(q.lower).into()),
                ("median", language.decimal(q.median).into()),
                ("upper", language.decimal(q.upper).into()),
            ],
        ),
        None => language.say_with("report-reach-too-few", &[("k", r.min_group.into())]),
    };
    view! {
        <ul class="plain figures-list">
            <li>{language.say_with("report-reach-colleagues", &[("count", reach.colleagues.into())])}</li>
            <li>{language.say_with("report-reach-departments", &[
                ("count", reach.departments.into()),
                ("total", reach.departments_in_organization.into()),
            ])}</li>
        </ul>
        <p>{compared}</p>
    }
}

/// A suggestion in words, with the figure it rests on.
pub fn suggestion_text(s: &Suggestion, language: Language) -> String {
    match s {
        Suggestion::Bridge {
            department,
            reached,
            median,
        } => language.say_with(
            "report-bridge",
            &[
                ("department", department.clone().into()),
                ("reached", (*reached).into()),
                ("median", language.decimal(*median).into()),
            ],
        ),
        Suggestion::Lighten { named_by, upper } => language.say_with(
            "report-lighten",
            &[
                ("count", (*named_by).into()),
                ("upper", language.decimal(*upper).into()),
            ],
        ),
        Suggestion::Widen { named, median } => language.say_with(
            "report-widen",
            &[
                ("count", (*named).into()),
                ("median", language.decimal(*median).into()),
            ],
        ),
        Suggestion::Keep {
            departments,
            median,
        } => language.say_with(
            "report-keep",
            &[
                ("departments", (*departments).into()),
                ("median", language.decimal(*median).into()),
            ],
        ),
    }
}

/// Their own small map: them in the middle, the colleagues they named
/// around them, coloured by department. Only their own ties are drawn:
/// a line between two colleagues would tell one's answer to another.
fn own_map(r: &PersonalReport) -> impl IntoView {
    const PALETTE: [&str; 8] = [
        "#1f6f5c", "#b35c1e", "#3d5a99", "#8a3f7a", "#5f7d1f", "#a33b3b", "#2f7f9f", "#6b5b3a",
    ];
    let mut colleagues: Vec<&NamedColleague> = Vec::new();
    for c in r.questions.iter().flat_map(|q| &q.named) {
        if !colleagues.iter().any(|seen| seen.name == c.name) {
            colleagues.push(c);
        }
    }
    let departments: Vec<Option<&str>> = colleagues
        .iter()
        .map(|c| c.department.as_deref())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let colour = |d: Option<&str>| {
        let i = departments.iter().position(|x| *x == d).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    };
    let n = colleagues.len().max(1) as f64;
    let (cx, cy, radius) = (0.0, 0.0, 100.0);
    let label = r
        .language
        .say_with("report-map-label", &[("count", colleagues.len().into())]);
    let no_department = r.language.say("report-no-department");
    let labels: Vec<Vec<String>> = colleagues.iter().map(|c| name_lines(&c.name)).collect();
    // The picture is only as wide as its longest line needs, so that on a
    // phone, where it shrinks to the screen, the names stay large.
    let longest = labels
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let half_width = radius + 20.0 + FONT * 0.56 * longest.max(4) as f64;
    let half_height = radius + 2.6 * FONT;
    let view_box = format!(
        "{:.0} {:.0} {:.0} {:.0}",
        cx - half_width,
        cy - half_height,
        2.0 * half_width,
        2.0 * half_height
    );
    view! {
        <figure class="own-map">
            <svg viewBox=view_box role="img" aria-label=label.clone()>
                <title>{label.clone()}</title>
                {colleagues.iter().zip(labels).enumerate().map(|(i, (c, lines))| {
                    let angle = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
                    let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
                    let (anchor, dx, dy, rise) = if angle.cos() < -0.2 {
                        ("end", -12.0, 8.0, 0.5)
                    } else if angle.cos() > 0.2 {
                        ("start", 12.0, 8.0, 0.5)
                    } else if angle.sin() < 0.0 {
                        ("middle", 0.0, -16.0, 1.0)
                    } else {
                        ("middle", 0.0, 34.0, 0.0)
                    };
                    view! {
                        <line x1=cx y1=cy x2=x y2=y stroke="#8c959f" stroke-width="1.5"/>
                        <circle cx=x cy=y r="8" fill=colour(c.department.as_deref())/>
                        {map_label(x + dx, y + dy, anchor, lines, rise, "400")}
                    }
                }).collect_view()}
                <circle cx=cx cy=cy r="12" fill="#1f2328"/>
                {map_label(cx + 18.0, cy - 14.0, "start", vec![r.language.say("report-you")], 0.0, "600")}
            </svg>
            <figcaption>
                <ul class="legend plain">
                    {departments.iter().map(|d| view! {
                        <li>
                            <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" cy="6" r="6" fill=colour(*d)/></svg>
                            {d.map(String::from).unwrap_or_else(|| no_department.clone())}
                        </li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

/// The map's names, in SVG units: about 14 px once a phone shrinks the map.
const FONT: f64 = 24.0;

/// A name's lines on the map: a long one takes two (first name, then the rest).
fn name_lines(name: &str) -> Vec<String> {
    match name.split_once(' ') {
        Some((first, rest)) if name.chars().count() > 12 => {
            vec![first.to_string(), rest.to_string()]
        }
        _ => vec![name.to_string()],
    }
}

/// A label on the map, with a white halo so that a line passing behind it
/// never blurs it. `rise` is how many extra lines go up: all of them above a
/// dot, half beside it.
fn map_label(
    x: f64,
    y: f64,
    anchor: &'static str,
    lines: Vec<String>,
    rise: f64,
    weight: &'static str,
) -> impl IntoView {
    let top = y - 1.1 * FONT * rise * (lines.len() - 1) as f64;
    view! {
        <text x=x y=top text-anchor=anchor font-size=FONT font-weight=weight
            stroke="#fff" stroke-width="6" paint-order="stroke">
            {lines.into_iter().enumerate().map(|(i, line)| view! {
                <tspan x=x dy=if i == 0 { "0" } else { "1.1em" }>{line}</tspan>
            }).collect_view()}
        </text>
    }
}

/// One person's figures, and everyone's they are compared with.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub own_department: Option<String>,
    /// Whom they named, by question.
    pub named: Vec<(i64, NamedColleague)>,
    /// How many named them, by question, and in all.
    pub times_named: BTreeMap<i64, usize>,
    pub times_named_overall: usize,
    /// Each respondent's colleagues named and departments reached.
    pub reach: Vec<(usize, usize)>,
    /// How many named each person invited.
    pub everyone_named: Vec<usize>,
    /// The departments of the people invited, and their sizes.
    pub departments: Vec<(String, usize)>,
}

#[cfg(feature = "ssr")]
pub async fn report_of(
    db: &crate::store::Db,
    privacy: &crate::model::privacy::Privacy,
    wave_id: i64,
    person_id: i64,
    browser: Option<Language>,
) -> Result<Option<PersonalReport>, AppError> {
    use crate::store::reports;
    let min_group = privacy.min_group;
    if !reports::ready(db, wave_id).await? {
        return Ok(None);
    }
    let wave = crate::store::surveys::get_wave(db, wave_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let survey = crate::store::surveys::get(db, wave.survey_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let me = crate::store::people::get(db, person_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let (per_question, overall) = reports::times_named(db, wave_id, person_id).await?;
    let count = |n: i64| usize::try_from(n).unwrap_or_default();
    let figures = Figures {
        own_department: me.fields.department.clone(),
        named: reports::named_by(db, wave_id, person_id)
            .await?
            .into_iter()
            .map(|r| {
                let colleague = NamedColleague {
                    name: r.name,
                    department: r.department,
                };
                (r.relation_id, colleague)
            })
            .collect(),
        times_named: per_question
            .into_iter()
            .map(|(relation, n)| (relation, count(n)))
            .collect(),
        times_named_overall: count(overall),
        reach: reports::reach(db, wave_id)
            .await?
            .into_iter()
            .map(|r| (count(r.colleagues), count(r.departments)))
            .collect(),
        everyone_named: reports::times_named_everyone(db, wave_id)
            .await?
            .into_iter()
            .map(count)
            .collect(),
        departments: reports::departments(db, wave_id)
            .await?
            .into_iter()
            .map(|(department, n)| (department, count(n)))
            .collect(),
    };
    let language = super::service::language_of(db, Some(person_id), browser).await?;
    let definition = survey
        .definition
        .translated(&super::service::translation_of(db, survey.id, language).await?);
    let relations: Vec<(i64, String)> = definition
        .relations
        .iter()
        .map(|r| (r.id, r.question.clone()))
        .collect();
    Ok(Some(PersonalReport {
        survey_name: definition.name,
        respondent_name: me.fields.preferred_name.unwrap_or(me.fields.full_name),
        language,
        closed_on: wave.closes_on,
        min_group,
        kept: privacy.retention_in_words(language),
        questions: questions(&relations, &figures, min_group),
        reach: reach(&figures, min_group),
        suggestions: suggestions(&figures, min_group),
    }))
}

/// Each question: whom they named, and how many named them (a range below k).
pub fn questions(
    relations: &[(i64, String)],
    figures: &Figures,
    min_group: usize,
) -> Vec<QuestionReport> {
    relations
        .iter()
        .map(|(id, question)| QuestionReport {
            question: question.clone(),
            named: figures
                .named
                .iter()
                .filter(|(relation, _)| relation == id)
                .map(|(_, colleague)| colleague.clone())
                .collect(),
            named_by: Count::of(figures.times_named.get(id).copied().unwrap_or(0), min_group),
        })
        .collect()
}

/// The departments their colleagues are in, beside everyone who answered.
pub fn reach(figures: &Figures, min_group: usize) -> Reach {
    Reach {
        colleagues: colleagues(figures).len(),
        departments: reached(figures).len(),
        departments_in_organization: figures.departments.len(),
        organization: Quartiles::of(
            &figures.reach.iter().map(|(_, d)| *d).collect::<Vec<_>>(),
            min_group,
        ),
    }
}

fn colleagues(figures: &Figures) -> BTreeSet<&str> {
    figures.named.iter().map(|(_, c)| c.name.as_str()).collect()
}

fn reached(figures: &Figures) -> BTreeSet<&str> {
    figures
        .named
        .iter()
        .filter_map(|(_, c)| c.department.as_deref())
        .collect()
}

/// Two or three things to try, each resting on a figure the policy allows.
pub fn suggestions(figures: &Figures, min_group: usize) -> Vec<Suggestion> {
    let departments = Quartiles::of(
        &figures.reach.iter().map(|(_, d)| *d).collect::<Vec<_>>(),
        min_group,
    );
    let named = Quartiles::of(
        &figures.reach.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        min_group,
    );
    let relied_on = Quartiles::of(&figures.everyone_named, min_group);
    let (my_colleagues, my_departments) = (colleagues(figures).len(), reached(figures));
    let mut found = Vec::new();
    if let Some(q) = departments.filter(|q| (my_departments.len() as f64) < q.median) {
        // The largest department none of their colleagues is in, other than their own.
        let unreached = figures
            .departments
            .iter()
            .filter(|(d, _)| {
                !my_departments.contains(d.as_str())
                    && figures.own_department.as_deref() != Some(d.as_str())
            })
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        if let Some((department, _)) = unreached {
            found.push(Suggestion::Bridge {
                department: department.clone(),
                reached: my_departments.len(),
                median: q.median,
            });
        }
    }
    if let Some(q) = relied_on.filter(|q| {
        figures.times_named_overall >= min_group && figures.times_named_overall as f64 > q.upper
    }) {
        found.push(Suggestion::Lighten {
            named_by: figures.times_named_overall,
            upper: q.upper,
        });
    }
    if let Some(q) = named.filter(|q| (my_colleagues as f64) < q.lower) {
        found.push(Suggestion::Widen {
            named: my_colleagues,
            median: q.median,
        });
    }
    if found.is_empty() {
        if let Some(q) = departments {
            found.push(Suggestion::Keep {
                departments: my_departments.len(),
                median: q.median,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colleague(name: &str, department: &str) -> NamedColleague {
        NamedColleague {
            name: name.into(),
            department: Some(department.into()),
        }
    }

    /// Ten respondents who each named 4 colleagues in 3 departments; five
    /// departments; most people named by 2, a few by many.
    fn organization() -> Figures {
        Figures {
            own_department: Some("Sales".into()),
            reach: vec![(4, 3); 10],
            everyone_named: vec![2, 2, 2, 2, 2, 2, 3, 3, 9, 12],
            departments: ["Finance", "Legal", "Operations", "Product", "Sales"]
                .iter()
                .zip([8, 3, 20, 12, 15])
                .map(|(d, n)| (d.to_string(), n))
                .collect(),
            ..Figures::default()
        }
    }

    #[test]
    fn a_narrow_network_is_pointed_at_the_largest_department_it_misses() {
        let figures = Figures {
            named: vec![(1, colleague("Ana", "Sales"))],
            times_named_overall: 12,
            ..organization()
        };
        assert_eq!(
            suggestions(&figures, 5),
            vec![
                Suggestion::Bridge {
                    department: "Operations".into(),
                    reached: 1,
                    median: 3.0
                },
                Suggestion::Lighten {
                    named_by: 12,
                    upper: 3.0
                },
                Suggestion::Widen {
                    named: 1,
                    median: 4.0
                },
            ]
        );
    }

    #[test]
    fn few_people_relying_on_someone_is_never_told() {
        // Named by 4 (under k = 5), though above three in four people.
        let figures = Figures {
            named: ["Finance", "Legal", "Operations", "Product"]
                .iter()
                .map(|d| (1, colleague(d, d)))
                .collect(),
            times_named_overall: 4,
            everyone_named: vec![0; 10],
            ..organization()
        };
        assert_eq!(
            suggestions(&figures, 5),
            vec![Suggestion::Keep {
                departments: 4,
                median: 3.0
            }]
        );
    }

    #[test]
    fn without_k_respondents_there_is_nothing_to_compare_with() {
        let figures = Figures {
            reach: vec![(4, 3); 4],
            ..organization()
        };
        assert!(suggestions(&figures, 5).is_empty());
        assert_eq!(reach(&figures, 5).organization, None);
    }
}
