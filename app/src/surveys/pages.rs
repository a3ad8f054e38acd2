//! Survey pages for HR: the list, the builder, and a survey with its waves.

use super::api::{
    get_population_choices, get_survey, get_survey_preview, list_surveys, AddWave, CloseWave,
    CreateSurvey, OpenWave, RemindNow, RetryFailedEmail, SaveTranslations, ScheduleWave,
    UpdateSurvey,
};
use super::{
    GroupResponse, QuestionKind, RelationKind, SurveyDefinition, SurveyOverview, Wave, WaveStatus,
    WaveView, DEFAULT_REMINDER_DAYS,
};
use crate::mail::WaveDelivery;
use crate::ui::{
    id_param, loaded, percent, typed_or, FormError, ReturnField, SubmitButton, TextArea,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn status_label(status: WaveStatus) -> &'static str {
    match status {
        WaveStatus::Draft => "Draft",
        WaveStatus::Open => "Open",
        WaveStatus::Closed => "Closed",
    }
}

/// "12 of 15 (80%)", or why it is not shown.
fn rate(group: &GroupResponse) -> String {
    let declined = match group.declined {
        Some(1) => "; 1 prefers not to take part".to_string(),
        Some(d) if d > 1 => format!("; {d} prefer not to take part"),
        _ => String::new(),
    };
    match (group.answered, group.invited) {
        (Some(a), Some(i)) if i > 0 => format!("{a} of {i} ({}){declined}", percent(a, i)),
        (Some(a), Some(i)) => format!("{a} of {i}{declined}"),
        _ => "not shown: too few answered, or too few did not, to keep each one's choice private"
            .to_string(),
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let surveys = Resource::new(|| (), |_| list_surveys());
    loaded(surveys, |(surveys, can_build)| {
        view! {
            <section class="card">
                <div class="heading-row">
                    <h1>"Surveys"</h1>
                    {can_build.then(|| view! {
                        <span class="row-actions">
                            <a class="button secondary" href="/surveys/email">"Email wording"</a>
                            <a class="button" href="/surveys/new">"New survey"</a>
                        </span>
                    })}
                </div>
                {if surveys.is_empty() {
                    view! { <p class="muted">"No surveys yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="list">
                                <thead><tr><th>"Survey"</th><th>"Waves"</th><th>"Latest wave"</th></tr></thead>
                                <tbody>
                                    {surveys.into_iter().map(|s| view! {
                                        <tr>
                                            <td><A href=format!("/surveys/{}", s.id)>{s.name}</A></td>
                                            <td>{s.waves}</td>
                                            <td>{s.latest.map(|w| format!("Wave {}: {} ({} to {})", w.number, status_label(w.status), w.opens_on, w.closes_on)).unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        }
    })
}

fn field(key: &str) -> String {
    format!("f[{key}]")
}

/// A text input of the builder, showing what was typed before an error, or `value`.
fn text_field(label: &'static str, key: &str, value: String, kind: &'static str) -> impl IntoView {
    let name = field(key);
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <input type=kind name=name.clone() value=typed_or(&name, Some(value))/>
        </label>
    }
}

/// What a new survey starts with.
fn starting_definition() -> SurveyDefinition {
    let mut information = RelationKind::Information.template();
    information.scales = vec![super::Scale::frequency()];
    SurveyDefinition {
        name: String::new(),
        introduction: crate::model::surveys::DEFAULT_INTRODUCTION.to_string(),
        reminder_days: DEFAULT_REMINDER_DAYS.to_vec(),
        population: super::Population::default(),
        relations: vec![information],
        questions: Vec::new(),
    }
}

/// The builder's fields, filled from `d` (read back by `form::definition_from_form`).
fn survey_fields(d: SurveyDefinition) -> impl IntoView {
    // Rendered on the server only (pages are not islands), where the
    // instance's privacy settings are provided.
    let privacy = expect_context::<crate::privacy::Privacy>();
    let relation_of = |kind: RelationKind| d.relations.iter().find(|r| r.kind == kind).cloned();
    let has_scale = |r: &Option<super::Relation>, key: &str| {
        r.as_ref()
            .is_some_and(|r| r.scales.iter().any(|s| s.key == key))
    };
    let relations = RelationKind::TEMPLATES
        .into_iter()
        .map(|kind| {
            let current = relation_of(kind);
            let key = kind.as_str();
            let question = current.as_ref().map(|r| r.question.clone()).unwrap_or_else(|| kind.template().question);
            let scales = if kind == RelationKind::Energy {
                view! { <p class="hint">"Rated from very de-energized (-2) to very energized (+2)."</p> }.into_any()
            } else {
                view! {
                    <div class="scales">
                        <label class="check"><input type="checkbox" name=field(&format!("rel.{key}.frequency")) value="on" checked=has_scale(&current, "frequency")/>" Ask how often"</label>
                        <label class="check"><input type="checkbox" name=field(&format!("rel.{key}.importance")) value="on" checked=has_scale(&current, "importance")/>" Ask how important"</label>
                    </div>
                }
                .into_any()
            };
            view! {
                <fieldset class="relation">
                    <legend>
                        <label class="check">
                            <input type="checkbox" name=field(&format!("rel.{key}.ask")) value="on" checked=current.is_some()/>
                            " " {kind.label()}
                        </label>
                    </legend>
                    <input type="text" aria-label=format!("{} question", kind.label()) name=field(&format!("rel.{key}.question")) value=question/>
                    {scales}
                </fieldset>
            }
        })
        .collect_view();
    let custom = relation_of(RelationKind::Custom);
    view! {
        {text_field("Name", "name", d.name.clone(), "text")}
        <label class="field">
            <span class="label">"Introduction"</span>
            <TextArea name=field("introduction") rows=9 value=typed_or(&field("introduction"), Some(d.introduction.clone()))/>
            <span class="hint">{format!(
                "Shown first: why the survey is run. Knit adds the rest itself, from the instance's settings: every invitation says how long it takes and “{}”, and the survey page says who sees what, point by point.",
                privacy.email_promise(crate::model::language::Language::English)
            )}</span>
        </label>
        <h2>"Questions about colleagues"</h2>
        <p class="muted">"Choose 1 to 5. Respondents name as many colleagues as they like for each."</p>
        {relations}
        <fieldset class="relation">
            <legend>"A question of your own (optional)"</legend>
            <input type="text" name=field("rel.custom.question") aria-label="Your own question" placeholder="Whom do you ...?"
                value=custom.as_ref().map(|r| r.question.clone()).unwrap_or_default()/>
            <div class="scales">
                <label class="check"><input type="checkbox" name=field("rel.custom.frequency") value="on" checked=has_scale(&custom, "frequency")/>" Ask how often"</label>
                <label class="check"><input type="checkbox" name=field("rel.custom.importance") value="on" checked=has_scale(&custom, "importance")/>" Ask how important"</label>
            </div>
        </fieldset>
        <h2>"Questions about the respondent"</h2>
        {respondent_questions(&d.questions)}
        <h2>"Who is asked"</h2>
        {population_fields(d.population.clone())}
        <h2>"Reminders"</h2>
        <label class="field">
            <span class="label">"Remind people who have not answered, days after opening"</span>
            <input type="text" inputmode="numeric" name=field("reminder_days")
                value=typed_or(&field("reminder_days"), Some(d.reminder_days.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")))/>
            <span class="hint">"For example 3, 6. Leave empty for no scheduled reminders; you can also send one from the wave at any time."</span>
        </label>
    }
}

/// The slots for questions about the respondent, filled from those asked.
fn respondent_questions(asked: &[super::AttributeQuestion]) -> impl IntoView {
    (1..=super::QUESTION_SLOTS)
        .map(|n| {
            let q = asked.get(n - 1).cloned();
            let kind = q.as_ref().map(|q| q.kind);
            view! {
                <fieldset class="relation">
                    <legend>{format!("Question {n} about the respondent (optional)")}</legend>
                    <select name=field(&format!("q.{n}.kind")) aria-label=format!("Question {n} kind")>
                        <option value=QuestionKind::Choice.as_str() selected=kind == Some(QuestionKind::Choice)>"Single choice"</option>
                        <option value=QuestionKind::Agreement.as_str() selected=kind == Some(QuestionKind::Agreement)>"Agreement, 1 to 5"</option>
                        <option value=QuestionKind::Text.as_str() selected=kind == Some(QuestionKind::Text)>"Short text"</option>
                    </select>
                    <input type="text" name=field(&format!("q.{n}.prompt")) aria-label=format!("Question {n}") placeholder="The question"
                        value=q.as_ref().map(|q| q.prompt.clone()).unwrap_or_default()/>
                    <input type="text" name=field(&format!("q.{n}.options")) aria-label=format!("Question {n} options")
                        placeholder="Options for a single choice, separated by commas"
                        value=q.map(|q| q.options.join(", ")).unwrap_or_default()/>
                </fieldset>
            }
        })
        .collect_view()
}

/// One roster column's values as boxes to tick (`NAME.N`), those already
/// chosen ticked, even if no one active has them any more.
fn choice_list(label: &str, name: &str, roster: Vec<String>, chosen: Vec<String>) -> impl IntoView {
    let mut values = roster;
    values.extend(
        chosen
            .iter()
            .filter(|c| !values.contains(c))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let name = name.to_string();
    view! {
        <fieldset class="choices">
            <legend>{label.to_string()}</legend>
            {if values.is_empty() {
                view! { <p class="hint">"No one on the roster has one yet."</p> }.into_any()
            } else {
                values.into_iter().enumerate().map(|(i, value)| {
                    let stored = (!crate::ui::form_came_back() && chosen.contains(&value)).then(|| value.clone());
                    let checked = !typed_or(&field(&format!("{name}.{}", i + 1)), stored).is_empty();
                    view! {
                        <label class="check"><input type="checkbox" name=field(&format!("{name}.{}", i + 1)) value=value.clone() checked=checked/>" "{value.clone()}</label>
                    }
                }).collect_view().into_any()
            }}
        </fieldset>
    }
}

/// Who is asked: the population's filters.
fn population_fields(p: super::Population) -> impl IntoView {
    let attributes = p
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("\n");
    let choices = Resource::new(|| (), |_| get_population_choices());
    let (departments, teams, locations) = (p.departments, p.teams, p.locations);
    view! {
        <p class="muted">"Everyone active, narrowed by any of these. Tick none to ask everyone."</p>
        <Suspense fallback=|| view! { <p class="muted">"Loading the roster's groups…"</p> }>
            {move || {
                let (departments, teams, locations) = (departments.clone(), teams.clone(), locations.clone());
                Suspend::new(async move {
                    let c = choices.await.unwrap_or_default();
                    view! {
                        {choice_list("Departments", "pop.departments", c.departments, departments)}
                        {choice_list("Teams", "pop.teams", c.teams, teams)}
                        {choice_list("Locations", "pop.locations", c.locations, locations)}
                    }
                })
            }}
        </Suspense>
        <label class="field">
            <span class="label">"Other attributes"</span>
            <TextArea name=field("pop.attributes") rows=2 value=typed_or(&field("pop.attributes"), Some(attributes))/>
            <span class="hint">"One per line, as Name: value, value (for example Grade: 3, 4)."</span>
        </label>
        <div class="two">
            {text_field("Hired from", "pop.hired_from", p.hired_from.unwrap_or_default(), "date")}
            {text_field("Hired until", "pop.hired_to", p.hired_to.unwrap_or_default(), "date")}
        </div>
    }
}

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let create = ServerAction::<CreateSurvey>::new();
    // Rendered on the server only (not an island), where the clock is available.
    let today = crate::model::date::Date::today();
    let in_two_weeks =
        crate::model::date::Date::from_days_since_epoch(today.days_since_epoch() + 14);
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/surveys">"Surveys"</A></p>
            <h1>"New survey"</h1>
            <ActionForm action=create>
                <ReturnField/>
                {survey_fields(starting_definition())}
                <h2>"First wave"</h2>
                <p class="muted">"The survey starts as a draft: nothing is sent until you open its wave, after a preview of what people get, or have it open on its own on this date."</p>
                <div class="two">
                    {text_field("Opens on", "opens_on", today.iso(), "date")}
                    {text_field("Closes on", "closes_on", in_two_weeks.iso(), "date")}
                </div>
                <FormError action=create/>
                <SubmitButton label="Create survey" busy="Creating…"/>
            </ActionForm>
        </section>
    }
}

/// Changes a survey while it is a draft (its questions lock when a wave opens).
#[component]
pub fn EditSurveyPage() -> impl IntoView {
    let id = id_param();
    let survey = Resource::new(id, get_survey);
    let update = ServerAction::<UpdateSurvey>::new();
    loaded(survey, move |s| {
        let name = s.definition.name.clone();
        view! {
            <section class="card">
                <p class="eyebrow"><A href=format!("/surveys/{}", s.id)>{name}</A></p>
                <h1>"Edit survey"</h1>
                <ActionForm action=update>
                    <ReturnField/>
                    <input type="hidden" name="id" value=s.id/>
                    {survey_fields(s.definition)}
                    <FormError action=update/>
                    <SubmitButton label="Save survey" busy="Saving…"/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let id = id_param();
    let survey = Resource::new(id, get_survey);
    let query = use_query_map();
    let notice = move || {
        let q = query.read_untracked();
        if let Some(n) = q.get("opened") {
            Some(format!(
                "The wave is open: {n} people were invited; their emails are on their way."
            ))
        } else if let Some(n) = q.get("reminded") {
            Some(format!(
                "A reminder is on its way to the {n} people who have not answered."
            ))
        } else if let Some(n) = q.get("retried") {
            Some(format!("{n} messages will be sent again."))
        } else {
            q.get("saved").map(|_| "Saved.".to_string()).or_else(|| {
                q.get("translated")
                    .map(|_| "Translation saved.".to_string())
            })
        }
    };
    loaded(survey, move |s| survey_view(s, notice()))
}

fn survey_view(s: SurveyOverview, notice: Option<String>) -> impl IntoView {
    let open = ServerAction::<OpenWave>::new();
    let close = ServerAction::<CloseWave>::new();
    let actions = WaveActions {
        open,
        close,
        schedule: ServerAction::<ScheduleWave>::new(),
        remind: ServerAction::<RemindNow>::new(),
        retry: ServerAction::<RetryFailedEmail>::new(),
    };
    let add = ServerAction::<AddWave>::new();
    let survey_id = s.id;
    let can_build = s.can_build;
    let is_pulse = s.is_pulse;
    // The pulse survey's questions and waves are Knit's to set.
    let can_change = can_build && !is_pulse;
    let all_closed = s.waves.iter().all(|w| w.wave.status == WaveStatus::Closed);
    let locked = s.waves.iter().any(|w| w.wave.status != WaveStatus::Draft);
    let has_draft = s.waves.iter().any(|w| w.wave.status == WaveStatus::Draft);
    let d = s.definition;
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/surveys">"Surveys"</A></p>
            <div class="heading-row">
                <h1>{d.name.clone()}</h1>
                {(can_change && !locked).then(|| view! { <a class="button secondary" href=format!("/surveys/{survey_id}/edit")>"Edit questions"</a> })}
            </div>
            {notice.map(|text| view! { <p class="notice success" role="status">{text}</p> })}
            {is_pulse.then(|| view! {
                <p class="muted">"Knit sends this check-in to each newcomer on their pulse days after hire (set them under "<A href="/newcomers">"Newcomers"</A>" → Newcomer settings). Each day's pulses are one wave below; the answers feed the newcomers' network and curves."</p>
            })}
            <h2>"Questions about colleagues"</h2>
            <ol class="plain-numbers">
                {d.relations.iter().map(|r| view! {
                    <li>
                        {r.question.clone()}
                        {(!r.scales.is_empty()).then(|| view! {
                            <span class="sub">" · rated: " {r.scales.iter().map(|sc| sc.label.clone()).collect::<Vec<_>>().join(", ")}</span>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            {(!d.questions.is_empty()).then(|| view! {
                <h2>"Questions about the respondent"</h2>
                <ol class="plain-numbers">{d.questions.iter().map(|q| view! { <li>{q.prompt.clone()}</li> }).collect_view()}</ol>
            })}
            {s.translations.map(|t| translations_view(survey_id, t, has_draft))}
            <FormError action=open/>
            <FormError action=close/>
            <FormError action=actions.schedule/>
            <FormError action=actions.remind/>
            <FormError action=actions.retry/>
            {
                let relations: Vec<(i64, String)> = d.relations.iter().map(|r| (r.id, r.question.clone())).collect();
                s.waves.into_iter().map(|w| wave_view(w, survey_id, can_build, is_pulse, s.min_people, &relations, actions)).collect_view()
            }
            {(can_change && all_closed).then(|| view! {
                <h2>"Run it again"</h2>
                <p class="muted">"A new wave asks the same questions, so that change over time can be measured."</p>
                <ActionForm action=add>
                    <ReturnField/>
                    <input type="hidden" name="survey_id" value=survey_id/>
                    <div class="two">
                        <label class="field"><span class="label">"Opens on"</span><input type="date" name="opens_on" required/></label>
                        <label class="field"><span class="label">"Closes on"</span><input type="date" name="closes_on" required/></label>
                    </div>
                    <FormError action=add/>
                    <SubmitButton label="Add wave" busy="Adding…"/>
                </ActionForm>
            })}
        </section>
    }
}

/// The survey's own words in each language its people read: HR fills them
/// in; what is missing is said before a wave opens.
fn translations_view(
    survey_id: i64,
    translations: Vec<super::SurveyTranslation>,
    has_draft: bool,
) -> impl IntoView {
    let save = ServerAction::<SaveTranslations>::new();
    let people = |n: usize| {
        if n == 1 {
            "1 person".to_string()
        } else {
            format!("{n} people")
        }
    };
    let missing: Vec<String> = translations
        .iter()
        .filter(|t| t.people > 0 && t.missing() > 0)
        .map(|t| {
            format!(
                "{} ({}): {} of {} texts",
                t.language.english_name(),
                people(t.people),
                t.missing(),
                t.texts.len()
            )
        })
        .collect();
    view! {
        {(has_draft && !missing.is_empty()).then(|| view! {
            <p class="notice" role="note">{format!(
                "Before you open the wave: not yet translated for {}. Those people will read these texts as you wrote them; everything Knit itself says (buttons, who sees what, the emails' wording) is in their language already.",
                missing.join("; ")
            )}</p>
        })}
        {(!translations.is_empty()).then(|| view! { <h2>"Translations"</h2> })}
        <FormError action=save/>
        {translations.into_iter().map(|t| {
            let (missing, total) = (t.missing(), t.texts.len());
            let state = if missing == 0 { format!("all {total} texts translated") } else { format!("{missing} of {total} texts not translated yet") };
            let language = t.language;
            view! {
                <details class="translation">
                    <summary>{format!("{} · {} on the roster · {state}", language.english_name(), people(t.people))}</summary>
                    <ActionForm action=save>
                        <ReturnField/>
                        <input type="hidden" name="survey_id" value=survey_id/>
                        <input type="hidden" name="language" value=language.code()/>
                        {t.texts.into_iter().enumerate().map(|(i, (source, target))| {
                            let rows = if source.chars().count() > 120 { 6 } else { 2 };
                            view! {
                                <label class="field">
                                    <span class="label">{source.clone()}</span>
                                    <input type="hidden" name=format!("f[s.{i}]") value=source/>
                                    <TextArea name=format!("f[t.{i}]") rows=rows value=target.unwrap_or_default()/>
                                </label>
                            }
                        }).collect_view()}
                        <button type="submit" class="primary">{format!("Save the {} translation", language.english_name())}</button>
                    </ActionForm>
                </details>
            }
        }).collect_view()}
    }
}

/// The buttons of a survey's waves.
#[derive(Clone, Copy)]
struct WaveActions {
    open: ServerAction<OpenWave>,
    close: ServerAction<CloseWave>,
    schedule: ServerAction<ScheduleWave>,
    remind: ServerAction<RemindNow>,
    retry: ServerAction<RetryFailedEmail>,
}

/// Hidden fields naming a wave, for its buttons.
fn wave_fields(survey_id: i64, wave_id: i64) -> impl IntoView {
    view! {
        <ReturnField/>
        <input type="hidden" name="survey_id" value=survey_id/>
        <input type="hidden" name="wave_id" value=wave_id/>
    }
}

/// Email for one wave: what was sent, what failed and why, links opened.
fn delivery_view(
    d: WaveDelivery,
    survey_id: i64,
    wave: &Wave,
    actions: WaveActions,
) -> impl IntoView {
    let c = d.counts.clone();
    let stats = [
        ("Queued", c.queued),
        ("Sent", c.sent),
        ("Failed", c.failed),
        ("Bouncing", c.bounced),
        ("Not needed", c.cancelled),
    ];
    let is_open = wave.status == WaveStatus::Open;
    let wave_id = wave.id;
    let failures = d.failures;
    let failure_count = failures.len();
    view! {
        <h3>"Email"</h3>
        <dl class="stats">
            {stats.into_iter().map(|(label, n)| view! { <div><dt>{label}</dt><dd>{n}</dd></div> }).collect_view()}
            <div><dt>"Links opened"</dt><dd>{format!("{} ({})", d.opened, percent(d.opened, d.invited))}</dd></div>
            <div><dt>"Answered"</dt><dd>{format!("{} ({})", d.answered, percent(d.answered, d.invited))}</dd></div>
        </dl>
        <p class="hint">"“Not needed”: people who answered before their reminder, whose link was revoked, or who left."</p>
        {(!d.reminders.is_empty()).then(move || view! {
            <ul class="plain">
                {d.reminders.into_iter().map(|r| view! {
                    <li>{format!(
                        "Reminder {}{}: {} people",
                        r.round,
                        r.scheduled_day.map(|day| format!(" (day {day})")).unwrap_or_else(|| " (sent by hand)".into()),
                        r.queued
                    )}</li>
                }).collect_view()}
            </ul>
        })}
        {(!failures.is_empty()).then(move || view! {
            <details open>
                <summary>{format!("Did not arrive ({failure_count})")}</summary>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>"Person"</th><th>"Address"</th><th>"Message"</th><th>"Why"</th></tr></thead>
                        <tbody>
                            {failures.into_iter().map(|f| view! {
                                <tr>
                                    <td><A href=format!("/people/{}", f.person_id)>{f.name}</A></td>
                                    <td>{f.address}</td>
                                    <td>{format!("{} · {}", f.purpose, if f.status == "bounced" { "bouncing" } else { "failed" })}</td>
                                    <td>{format!("{} ({} tries)", f.reason, f.attempts)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint">"Correct the address on the person's page, then send these again."</p>
                <ActionForm action=actions.retry attr:class="inline">
                    {wave_fields(survey_id, wave_id)}
                    <button type="submit" class="button secondary">"Send these again"</button>
                </ActionForm>
            </details>
        })}
        {is_open.then(|| view! {
            <ActionForm action=actions.remind attr:class="inline">
                {wave_fields(survey_id, wave_id)}
                <button type="submit" class="button secondary">"Send a reminder now"</button>
            </ActionForm>
            <span class="hint">" Only people who have not answered get it."</span>
        })}
    }
}

/// A closed wave's group maps, one per question about colleagues.
fn group_maps_view(wave_id: i64, k: usize, relations: &[(i64, String)]) -> impl IntoView {
    view! {
        <h3>"How groups are tied"</h3>
        {relations.iter().map(|(id, question)| {
            let src = |group: &str| format!("/insight/{wave_id}/groups.svg?network=relation:{id}&group={group}");
            view! {
                <figure class="network-map group-map">
                    <img src=src("department") loading="lazy" width="600" height="600"
                        alt=format!("Group map for “{question}” by department: each circle a department, sized by headcount; the thicker the line, the denser the ties between two departments. Departments where too few people answered to stay anonymous are left out, and so are lines resting on too few ties.")/>
                    <figcaption class="hint">{format!(
                        "{question} · by department. Only departments where at least {k} people answered are drawn, and a line only where enough ties make it to keep answers anonymous; the picture says how many departments are left out.",
                    )}</figcaption>
                </figure>
            }
        }).collect_view()}
    }
}

/// A draft wave: who it would invite, what they would see, and the ways to open it.
fn draft_view(wave: &Wave, survey_id: i64, invitees: usize, actions: WaveActions) -> impl IntoView {
    let (wave_id, scheduled, opens_on) = (wave.id, wave.scheduled, wave.opens_on.clone());
    let people = if invitees == 1 {
        "1 person".to_string()
    } else {
        format!("{invitees} people")
    };
    view! {
        <p><strong>{format!("{people} would be invited")}</strong>" (everyone active in the survey's population today)."</p>
        <p class="actions">
            <a class="button secondary" href=format!("/surveys/{survey_id}/preview")>"Preview the survey page and the invitation"</a>
        </p>
        <details class="confirm">
            <summary>"Open wave and invite…"</summary>
            <p>{format!("Each of the {people} gets a personal link by email now, and the questions lock.")}</p>
            <ActionForm action=actions.open attr:class="inline">
                {wave_fields(survey_id, wave_id)}
                <SubmitButton label=format!("Yes, invite {people} now") busy="Opening…"/>
            </ActionForm>
        </details>
        <ActionForm action=actions.schedule attr:class="inline">
            {wave_fields(survey_id, wave_id)}
            <input type="hidden" name="scheduled" value=(!scheduled).to_string()/>
            <button type="submit" class="button secondary">{if scheduled {
                "Keep it a draft instead".to_string()
            } else {
                format!("Open it on its own on {opens_on}")
            }}</button>
        </ActionForm>
    }
}

fn wave_view(
    w: WaveView,
    survey_id: i64,
    can_build: bool,
    is_pulse: bool,
    min_people: usize,
    relations: &[(i64, String)],
    actions: WaveActions,
) -> impl IntoView {
    let WaveActions { close, .. } = actions;
    // Managers see how groups are tied, under the k rule (insight::export::group_map_svg).
    let group_maps = (!can_build && !is_pulse && w.wave.status == WaveStatus::Closed)
        .then(|| group_maps_view(w.wave.id, min_people, relations));
    let wave = w.wave;
    let delivery = w
        .delivery
        .map(|d| delivery_view(d, survey_id, &wave, actions));
    view! {
        <div class="wave">
            <h2>{format!("Wave {} · {}", wave.number, status_label(wave.status))}</h2>
            <p class="muted">
                {match wave.status {
                    WaveStatus::Draft if wave.scheduled => format!("Draft · opens on its own on {} and closes after {}.", wave.opens_on, wave.closes_on),
                    WaveStatus::Draft => format!("Draft · nothing is sent until you open it. Planned from {} to {}.", wave.opens_on, wave.closes_on),
                    WaveStatus::Open => format!("Open since {}; closes automatically after {}.", wave.opens_on, wave.closes_on),
                    WaveStatus::Closed => format!("Ran from {} to {}.", wave.opens_on, wave.closes_on),
                }}
            </p>
            {(wave.status != WaveStatus::Draft).then(|| view! {
                <p><strong>"Response rate: "</strong>{rate(&w.overall)}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>"Department"</th><th>"Answered"</th></tr></thead>
                        <tbody>
                            {w.groups.iter().map(|g| view! { <tr><td>{g.group.clone()}</td><td>{rate(g)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {w.by_language.filter(|rows| wave.status != WaveStatus::Draft && rows.len() > 1).map(|rows| view! {
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <caption>"By language: a rate well below the others may mean people could not read the survey's own words in theirs"</caption>
                        <thead><tr><th>"Language"</th><th>"Answered"</th></tr></thead>
                        <tbody>
                            {rows.iter().map(|g| view! { <tr><td>{g.group.clone()}</td><td>{rate(g)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {w.non_respondents.filter(|n| !n.is_empty()).map(|people| view! {
                <details>
                    <summary>{format!("Not answered yet ({})", people.len())}</summary>
                    <ul class="plain">
                        {people.into_iter().map(|super::NonRespondent { person_id: id, name, email }| {
                            let base = format!("/surveys/{survey_id}/waves/{}/people/{id}", wave.id);
                            view! {
                                <li class="person-row">
                                    <span><A href=format!("/people/{id}")>{name}</A>" "<span class="sub">{email}</span></span>
                                    {(can_build && wave.status == WaveStatus::Open).then(|| view! {
                                        <span class="row-actions">
                                            <form method="post" action=format!("{base}/link")><button type="submit" class="link">"New link"</button></form>
                                            <form method="post" action=format!("{base}/revoke")><button type="submit" class="link danger-link">"Revoke"</button></form>
                                        </span>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {delivery}
            {group_maps}
            {(can_build && wave.status != WaveStatus::Draft).then(|| view! {
                <p>{if is_pulse {
                    view! { <a class="button secondary" href="/newcomers">"Newcomers"</a> }.into_any()
                } else {
                    view! { <a class="button secondary" href=format!("/insight/{}", wave.id)>"Network insight"</a> }.into_any()
                }}</p>
            })}
            {(can_build && wave.status == WaveStatus::Draft).then(|| draft_view(&wave, survey_id, w.invitees.unwrap_or(0), actions))}
            {(can_build && wave.status == WaveStatus::Open).then(|| view! {
                // Closing ends answering for everyone: it asks once more.
                <details class="confirm">
                    <summary>"Close wave…"</summary>
                    <p>{format!("No one can answer or change their answers after this, and the wave is analysed. It would close on its own after {}.", wave.closes_on)}</p>
                    <ActionForm action=close attr:class="inline">
                        {wave_fields(survey_id, wave.id)}
                        <button type="submit" class="button danger">{format!("Yes, close wave {}", wave.number)}</button>
                    </ActionForm>
                </details>
            })}
        </div>
    }
}

/// A survey as its people would get it, before its wave opens.
#[component]
pub fn SurveyPreviewPage() -> impl IntoView {
    let id = id_param();
    let preview = Resource::new(id, get_survey_preview);
    loaded(preview, |p: super::SurveyPreview| {
        view! {
            <section class="card">
                <p class="eyebrow"><A href=format!("/surveys/{}", p.survey_id)>"Back to the survey"</A></p>
                <h1>"Preview"</h1>
                <p class="lead">"What each invited person gets, shown for an example person. Nothing here is saved or sent."</p>
                <h2>"The invitation"</h2>
                <p><strong>"Subject: "</strong>{p.invitation_subject}</p>
                <pre class="email-text">{p.invitation_text}</pre>
                <p class="hint"><A href="/surveys/email">"Change the wording of every invitation"</A></p>
                <h2>"The survey page"</h2>
            </section>
            {super::respond::preview_view(p.form)}
        }
    })
}
