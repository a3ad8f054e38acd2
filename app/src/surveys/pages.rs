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
use crate::model::catalogue::FluentValue;
use crate::ui::{
    id_param, loaded, percent, typed_or, FormError, ReturnField, SubmitButton, TextArea,
};
use crate::ui::{say, say_with};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn status_label(status: WaveStatus) -> String {
    match status {
        WaveStatus::Draft => say("surveys-draft"),
        WaveStatus::Open => say("surveys-open"),
        WaveStatus::Closed => say("surveys-closed"),
    }
}

/// "12 of 15 (80%)", or why it is not shown.
fn rate(group: &GroupResponse) -> String {
    let declined = match group.declined {
        Some(d) if d > 0 => say_with("surveys-prefer-not-to-take-part", &[("d", d.into())]),
        _ => String::new(),
    };
    match (group.answered, group.invited) {
        (Some(a), Some(i)) if i > 0 => say_with(
            "surveys-of",
            &[
                ("a", a.into()),
                ("i", i.into()),
                ("percent", (percent(a, i)).into()),
                ("declined", declined.into()),
            ],
        ),
        (Some(a), Some(i)) => say_with(
            "surveys-of-2",
            &[
                ("a", a.into()),
                ("i", i.into()),
                ("declined", declined.into()),
            ],
        ),
        _ => say("surveys-not-shown-too-few-answered"),
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let surveys = Resource::new(|| (), |_| list_surveys());
    loaded(surveys, |(surveys, can_build)| {
        view! {
            <section class="card">
                <div class="heading-row">
                    <h1>{say("surveys-surveys")}</h1>
                    {can_build.then(|| view! {
                        <span class="row-actions">
                            <a class="button secondary" href="/surveys/email">{say("surveys-email-wording")}</a>
                            <a class="button" href="/surveys/new">{say("surveys-new-survey")}</a>
                        </span>
                    })}
                </div>
                {if surveys.is_empty() {
                    view! { <p class="muted">{say("surveys-no-surveys-yet")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="list">
                                <thead><tr><th>{say("surveys-survey")}</th><th>{say("surveys-waves")}</th><th>{say("surveys-latest-wave")}</th></tr></thead>
                                <tbody>
                                    {surveys.into_iter().map(|s| view! {
                                        <tr>
                                            <td><A href=format!("/surveys/{}", s.id)>{s.name}</A></td>
                                            <td>{s.waves}</td>
                                            <td>{s.latest.map(|w| say_with("surveys-wave-to", &[("number", w.number.into()), ("status", (status_label(w.status)).into()), ("opens-on", w.opens_on.into()), ("closes-on", w.closes_on.into())])).unwrap_or_default()}</td>
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
fn text_field(label: String, key: &str, value: String, kind: &'static str) -> impl IntoView {
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
                view! { <p class="hint">{say("surveys-rated-from-very-de-energized")}</p> }.into_any()
            } else {
                view! {
                    <div class="scales">
                        <label class="check"><input type="checkbox" name=field(&format!("rel.{key}.frequency")) value="on" checked=has_scale(&current, "frequency")/>" "{say("surveys-ask-how-often")}</label>
                        <label class="check"><input type="checkbox" name=field(&format!("rel.{key}.importance")) value="on" checked=has_scale(&current, "importance")/>" "{say("surveys-ask-how-important")}</label>
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
                    <input type="text" aria-label=say_with("surveys-question", &[("label", (kind.label()).into())]) name=field(&format!("rel.{key}.question")) value=question/>
                    {scales}
                </fieldset>
            }
        })
        .collect_view();
    let custom = relation_of(RelationKind::Custom);
    view! {
        {text_field(say("surveys-name"), "name", d.name.clone(), "text")}
        <label class="field">
            <span class="label">{say("surveys-introduction")}</span>
            <TextArea name=field("introduction") rows=9 value=typed_or(&field("introduction"), Some(d.introduction.clone()))/>
            <span class="hint">{say_with("surveys-shown-first-why-the-survey", &[("email-promise", (privacy.email_promise(crate::model::language::Language::STAFF)).into())])}</span>
        </label>
        <h2>{say("surveys-questions-about-colleagues")}</h2>
        <p class="muted">{say("surveys-choose-1-to-5-respondents")}</p>
        {relations}
        <fieldset class="relation">
            <legend>{say("surveys-a-question-of-your-own")}</legend>
            <input type="text" name=field("rel.custom.question") aria-label=say("surveys-your-own-question") placeholder=say("surveys-whom-do-you")
                value=custom.as_ref().map(|r| r.question.clone()).unwrap_or_default()/>
            <div class="scales">
                <label class="check"><input type="checkbox" name=field("rel.custom.frequency") value="on" checked=has_scale(&custom, "frequency")/>" "{say("surveys-ask-how-often")}</label>
                <label class="check"><input type="checkbox" name=field("rel.custom.importance") value="on" checked=has_scale(&custom, "importance")/>" "{say("surveys-ask-how-important")}</label>
            </div>
        </fieldset>
        <h2>{say("surveys-questions-about-the-respondent")}</h2>
        {respondent_questions(&d.questions)}
        <h2>{say("surveys-who-is-asked")}</h2>
        {population_fields(d.population.clone())}
        <h2>{say("surveys-reminders")}</h2>
        <label class="field">
            <span class="label">{say("surveys-remind-people-who-have-not")}</span>
            <input type="text" inputmode="numeric" name=field("reminder_days")
                value=typed_or(&field("reminder_days"), Some(d.reminder_days.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")))/>
            <span class="hint">{say("surveys-for-example-3-6-leave")}</span>
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
                    <legend>{say_with("surveys-question-about-the-respondent-optional", &[("n", n.into())])}</legend>
                    <select name=field(&format!("q.{n}.kind")) aria-label=say_with("surveys-question-kind", &[("n", n.into())])>
                        <option value=QuestionKind::Choice.as_str() selected=kind == Some(QuestionKind::Choice)>{say("surveys-single-choice")}</option>
                        <option value=QuestionKind::Agreement.as_str() selected=kind == Some(QuestionKind::Agreement)>{say("surveys-agreement-1-to-5")}</option>
                        <option value=QuestionKind::Text.as_str() selected=kind == Some(QuestionKind::Text)>{say("surveys-short-text")}</option>
                    </select>
                    <input type="text" name=field(&format!("q.{n}.prompt")) aria-label=say_with("surveys-question-2", &[("n", n.into())]) placeholder=say("surveys-the-question")
                        value=q.as_ref().map(|q| q.prompt.clone()).unwrap_or_default()/>
                    <input type="text" name=field(&format!("q.{n}.options")) aria-label=say_with("surveys-question-options", &[("n", n.into())])
                        placeholder=say("surveys-options-for-a-single-choice")
                        value=q.map(|q| q.options.join(", ")).unwrap_or_default()/>
                </fieldset>
            }
        })
        .collect_view()
}

/// One roster column's values as boxes to tick (`NAME.N`), those already
/// chosen ticked, even if no one active has them any more.
fn choice_list(
    label: String,
    name: &str,
    roster: Vec<String>,
    chosen: Vec<String>,
) -> impl IntoView {
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
                view! { <p class="hint">{say("surveys-no-one-on-the-roster")}</p> }.into_any()
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
        <p class="muted">{say("surveys-everyone-active-narrowed-by-any")}</p>
        <Suspense fallback=|| view! { <p class="muted">{say("surveys-loading-the-roster-s-groups")}</p> }>
            {move || {
                let (departments, teams, locations) = (departments.clone(), teams.clone(), locations.clone());
                Suspend::new(async move {
                    let c = choices.await.unwrap_or_default();
                    view! {
                        {choice_list(say("surveys-departments"), "pop.departments", c.departments, departments)}
                        {choice_list(say("surveys-teams"), "pop.teams", c.teams, teams)}
                        {choice_list(say("surveys-locations"), "pop.locations", c.locations, locations)}
                    }
                })
            }}
        </Suspense>
        <label class="field">
            <span class="label">{say("surveys-other-attributes")}</span>
            <TextArea name=field("pop.attributes") rows=2 value=typed_or(&field("pop.attributes"), Some(attributes))/>
            <span class="hint">{say("surveys-one-per-line-as-name")}</span>
        </label>
        <div class="two">
            {text_field(say("surveys-hired-from"), "pop.hired_from", p.hired_from.unwrap_or_default(), "date")}
            {text_field(say("surveys-hired-until"), "pop.hired_to", p.hired_to.unwrap_or_default(), "date")}
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
            <p class="eyebrow"><A href="/surveys">{say("surveys-surveys")}</A></p>
            <h1>{say("surveys-new-survey")}</h1>
            <ActionForm action=create>
                <ReturnField/>
                {survey_fields(starting_definition())}
                <h2>{say("surveys-first-wave")}</h2>
                <p class="muted">{say("surveys-the-survey-starts-as-a")}</p>
                <div class="two">
                    {text_field(say("surveys-opens-on"), "opens_on", today.iso(), "date")}
                    {text_field(say("surveys-closes-on"), "closes_on", in_two_weeks.iso(), "date")}
                </div>
                <FormError action=create/>
                <SubmitButton label=say("surveys-create-survey") busy=say("surveys-creating")/>
            </ActionForm>
        </section>
    }
}

/// Changes a survey while it is a draft (its questions lock when a wave opens).
#[component]
pub fn EditSurveyPage() -> impl IntoView {
    let id = id_param();
    let survey = Resource::new(id, |id| get_survey(id, None));
    let update = ServerAction::<UpdateSurvey>::new();
    loaded(survey, move |s| {
        let name = s.definition.name.clone();
        view! {
            <section class="card">
                <p class="eyebrow"><A href=format!("/surveys/{}", s.id)>{name}</A></p>
                <h1>{say("surveys-edit-survey")}</h1>
                <ActionForm action=update>
                    <ReturnField/>
                    <input type="hidden" name="id" value=s.id/>
                    {survey_fields(s.definition)}
                    <FormError action=update/>
                    <SubmitButton label=say("surveys-save-survey") busy=say("surveys-saving")/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let id = id_param();
    let query = use_query_map();
    let survey = Resource::new(
        move || {
            (
                id(),
                query.read().get("waiting").filter(|w| !w.trim().is_empty()),
            )
        },
        |(id, waiting)| get_survey(id, waiting),
    );
    let notice = move || {
        let q = query.read_untracked();
        if let Some(n) = q.get("opened") {
            Some(say_with(
                "surveys-the-wave-is-open-people",
                &[("n", n.into())],
            ))
        } else if let Some(n) = q.get("reminded") {
            Some(say_with("surveys-a-reminder-is-on-its", &[("n", n.into())]))
        } else if let Some(n) = q.get("retried") {
            Some(say_with(
                "surveys-messages-will-be-sent-again",
                &[("n", n.into())],
            ))
        } else {
            q.get("saved").map(|_| say("surveys-saved")).or_else(|| {
                q.get("translated")
                    .map(|_| say("surveys-translation-saved"))
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
            <p class="eyebrow"><A href="/surveys">{say("surveys-surveys")}</A></p>
            <div class="heading-row">
                <h1>{d.name.clone()}</h1>
                {(can_change && !locked).then(|| view! { <a class="button secondary" href=format!("/surveys/{survey_id}/edit")>{say("surveys-edit-questions")}</a> })}
            </div>
            {notice.map(|text| view! { <p class="notice success" role="status">{text}</p> })}
            {is_pulse.then(|| view! {
                <p class="muted">{say("surveys-knit-sends-this-check-in")}" "<A href="/newcomers">{say("surveys-newcomers")}</A>" "{say("surveys-newcomer-settings-each-day-s")}</p>
            })}
            <h2>{say("surveys-questions-about-colleagues")}</h2>
            <ol class="plain-numbers">
                {d.relations.iter().map(|r| view! {
                    <li>
                        {r.question.clone()}
                        {(!r.scales.is_empty()).then(|| view! {
                            <span class="sub">" "{say("surveys-rated")}" " {r.scales.iter().map(|sc| sc.label.clone()).collect::<Vec<_>>().join(", ")}</span>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            {(!d.questions.is_empty()).then(|| view! {
                <h2>{say("surveys-questions-about-the-respondent")}</h2>
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
                <h2>{say("surveys-run-it-again")}</h2>
                <p class="muted">{say("surveys-a-new-wave-asks-the")}</p>
                <ActionForm action=add>
                    <ReturnField/>
                    <input type="hidden" name="survey_id" value=survey_id/>
                    <div class="two">
                        <label class="field"><span class="label">{say("surveys-opens-on")}</span><input type="date" name="opens_on" required/></label>
                        <label class="field"><span class="label">{say("surveys-closes-on")}</span><input type="date" name="closes_on" required/></label>
                    </div>
                    <FormError action=add/>
                    <SubmitButton label=say("surveys-add-wave") busy=say("surveys-adding")/>
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
    let people = |n: usize| say_with("surveys-people", &[("n", n.into())]);
    let missing: Vec<String> = translations
        .iter()
        .filter(|t| t.people > 0 && t.missing() > 0)
        .map(|t| {
            say_with(
                "surveys-of-texts",
                &[
                    ("english-name", (t.language.english_name()).into()),
                    ("people", (people(t.people)).into()),
                    ("missing", (t.missing()).into()),
                    ("len", (t.texts.len()).into()),
                ],
            )
        })
        .collect();
    view! {
        {(has_draft && !missing.is_empty()).then(|| view! {
            <p class="notice" role="note">{say_with("surveys-before-you-open-the-wave", &[("join", (missing.join("; ")).into())])}</p>
        })}
        {(!translations.is_empty()).then(|| view! { <h2>{say("surveys-translations")}</h2> })}
        <FormError action=save/>
        {translations.into_iter().map(|t| {
            let (missing, total) = (t.missing(), t.texts.len());
            let state = if missing == 0 { say_with("surveys-all-texts-translated", &[("total", total.into())]) } else { say_with("surveys-of-texts-not-translated-yet", &[("missing", missing.into()), ("total", total.into())]) };
            let language = t.language;
            view! {
                <details class="translation">
                    <summary>{say_with("surveys-on-the-roster", &[("english-name", (language.english_name()).into()), ("people", (people(t.people)).into()), ("state", state.into())])}</summary>
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
                        <button type="submit" class="primary">{say_with("surveys-save-the-translation", &[("english-name", (language.english_name()).into())])}</button>
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
        (say("surveys-queued"), c.queued),
        (say("surveys-sent"), c.sent),
        (say("surveys-failed"), c.failed),
        (say("surveys-bouncing"), c.bounced),
        (say("surveys-not-needed"), c.cancelled),
    ];
    let is_open = wave.status == WaveStatus::Open;
    let wave_id = wave.id;
    let failures = d.failures;
    let failure_count = c.failed + c.bounced;
    let failures_listed = failures.len();
    let unlisted = (failure_count - failures_listed as i64).max(0);
    view! {
        <h3>{say("surveys-email")}</h3>
        <dl class="stats">
            {stats.into_iter().map(|(label, n)| view! { <div><dt>{label}</dt><dd>{n}</dd></div> }).collect_view()}
            <div><dt>{say("surveys-links-opened")}</dt><dd>{format!("{} ({})", d.opened, percent(d.opened, d.invited))}</dd></div>
            <div><dt>{say("surveys-answered")}</dt><dd>{format!("{} ({})", d.answered, percent(d.answered, d.invited))}</dd></div>
        </dl>
        <p class="hint">{say("surveys-not-needed-people-who-answered")}</p>
        {(!d.reminders.is_empty()).then(move || view! {
            <ul class="plain">
                {d.reminders.into_iter().map(|r| view! {
                    <li>{say_with("surveys-reminder-people", &[("round", r.round.into()), ("day", r.scheduled_day.map_or("none".into(), FluentValue::from)), ("queued", r.queued.into())])}</li>
                }).collect_view()}
            </ul>
        })}
        {(!failures.is_empty()).then(move || view! {
            <details open>
                <summary>{say_with("surveys-did-not-arrive", &[("failure-count", failure_count.into())])}</summary>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>{say("surveys-person")}</th><th>{say("surveys-address")}</th><th>{say("surveys-message")}</th><th>{say("surveys-why")}</th></tr></thead>
                        <tbody>
                            {failures.into_iter().map(|f| view! {
                                <tr>
                                    <td><A href=format!("/people/{}", f.person_id)>{f.name}</A></td>
                                    <td>{f.address}</td>
                                    <td>{format!("{} · {}", f.purpose, if f.status == "bounced" { "bouncing" } else { "failed" })}</td>
                                    <td>{say_with("surveys-tries", &[("reason", f.reason.into()), ("attempts", f.attempts.into())])}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(unlisted > 0).then(|| view! {
                    <p class="hint">{say_with("surveys-more-did-not-arrive", &[("listed", failures_listed.into()), ("unlisted", unlisted.into())])}</p>
                })}
                <p class="hint">{say("surveys-correct-the-address-on-the")}</p>
                <ActionForm action=actions.retry attr:class="inline">
                    {wave_fields(survey_id, wave_id)}
                    <button type="submit" class="button secondary">{say("surveys-send-these-again")}</button>
                </ActionForm>
            </details>
        })}
        {is_open.then(|| view! {
            <ActionForm action=actions.remind attr:class="inline">
                {wave_fields(survey_id, wave_id)}
                <button type="submit" class="button secondary">{say("surveys-send-a-reminder-now")}</button>
            </ActionForm>
            <span class="hint">" "{say("surveys-only-people-who-have-not")}</span>
        })}
    }
}

/// A closed wave's group maps, one per question about colleagues.
fn group_maps_view(wave_id: i64, k: usize, relations: &[(i64, String)]) -> impl IntoView {
    view! {
        <h3>{say("surveys-how-groups-are-tied")}</h3>
        {relations.iter().map(|(id, question)| {
            let src = |group: &str| format!("/insight/{wave_id}/groups.svg?network=relation:{id}&group={group}");
            view! {
                <figure class="network-map group-map">
                    <img src=src("department") loading="lazy" width="600" height="600"
                        alt=say_with("surveys-group-map-for-by-department", &[("question", question.into())])/>
                    <figcaption class="hint">{say_with("surveys-by-department-only-departments-where", &[("question", question.into()), ("k", k.into())])}</figcaption>
                </figure>
            }
        }).collect_view()}
    }
}

/// A draft wave: who it would invite, what they would see, and the ways to open it.
fn draft_view(wave: &Wave, survey_id: i64, invitees: usize, actions: WaveActions) -> impl IntoView {
    let (wave_id, scheduled, opens_on) = (wave.id, wave.scheduled, wave.opens_on.clone());
    let people = say_with("surveys-people", &[("n", invitees.into())]);
    view! {
        <p><strong>{say_with("surveys-would-be-invited", &[("people", people.as_str().into())])}</strong>" "{say("surveys-everyone-active-in-the-survey")}</p>
        <p class="actions">
            <a class="button secondary" href=format!("/surveys/{survey_id}/preview")>{say("surveys-preview-the-survey-page-and")}</a>
        </p>
        <details class="confirm">
            <summary>{say("surveys-open-wave-and-invite")}</summary>
            <p>{say_with("surveys-each-of-the-gets-a", &[("people", people.as_str().into())])}</p>
            <ActionForm action=actions.open attr:class="inline">
                {wave_fields(survey_id, wave_id)}
                <SubmitButton label=say_with("surveys-yes-invite-now", &[("people", people.as_str().into())]) busy=say("surveys-opening")/>
            </ActionForm>
        </details>
        <ActionForm action=actions.schedule attr:class="inline">
            {wave_fields(survey_id, wave_id)}
            <input type="hidden" name="scheduled" value=(!scheduled).to_string()/>
            <button type="submit" class="button secondary">{if scheduled {
                say("surveys-keep-it-a-draft-instead")
            } else {
                say_with("surveys-open-it-on-its-own", &[("opens-on", opens_on.into())])
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
            <h2>{say_with("surveys-wave", &[("number", wave.number.into()), ("status", (status_label(wave.status)).into())])}</h2>
            <p class="muted">
                {match wave.status {
                    WaveStatus::Draft if wave.scheduled => say_with("surveys-draft-opens-on-its-own", &[("opens-on", wave.opens_on.as_str().into()), ("closes-on", wave.closes_on.as_str().into())]),
                    WaveStatus::Draft => say_with("surveys-draft-nothing-is-sent-until", &[("opens-on", wave.opens_on.as_str().into()), ("closes-on", wave.closes_on.as_str().into())]),
                    WaveStatus::Open => say_with("surveys-open-since-closes-automatically-after", &[("opens-on", wave.opens_on.as_str().into()), ("closes-on", wave.closes_on.as_str().into())]),
                    WaveStatus::Closed => say_with("surveys-ran-from-to", &[("opens-on", wave.opens_on.as_str().into()), ("closes-on", wave.closes_on.as_str().into())]),
                }}
            </p>
            {(wave.status != WaveStatus::Draft).then(|| view! {
                <p><strong>{say("surveys-response-rate")}" "</strong>{rate(&w.overall)}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <thead><tr><th>{say("surveys-department")}</th><th>{say("surveys-answered")}</th></tr></thead>
                        <tbody>
                            {w.groups.iter().map(|g| view! { <tr><td>{g.group.clone()}</td><td>{rate(g)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {w.by_language.filter(|rows| wave.status != WaveStatus::Draft && rows.len() > 1).map(|rows| view! {
                <div class="table-scroll" tabindex="0">
                    <table class="list">
                        <caption>{say("surveys-by-language-a-rate-well")}</caption>
                        <thead><tr><th>{say("surveys-language")}</th><th>{say("surveys-answered")}</th></tr></thead>
                        <tbody>
                            {rows.iter().map(|g| view! { <tr><td>{g.group.clone()}</td><td>{rate(g)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {w.non_respondents.filter(|n| n.total > 0).map(|people| view! {
                <details open=people.find.is_some()>
                    <summary>{say_with("surveys-not-answered-yet", &[("len", people.total.into())])}</summary>
                    // Thousands in a large company: the first by name, and a search.
                    {(people.total > super::NON_RESPONDENTS_LISTED || people.find.is_some()).then(|| view! {
                        <form method="get" class="filters" role="search">
                            <label>{say("surveys-not-answered-find")}" "
                                <input type="search" name="waiting" value=people.find.clone().unwrap_or_default()/>
                            </label>
                            <button type="submit" class="button secondary compact">{say("surveys-not-answered-find-button")}</button>
                        </form>
                        <p class="hint">{say_with("surveys-not-answered-first", &[("listed", people.listed.len().into())])}</p>
                    })}
                    <ul class="plain">
                        {people.listed.into_iter().map(|super::NonRespondent { person_id: id, name, email }| {
                            let base = format!("/surveys/{survey_id}/waves/{}/people/{id}", wave.id);
                            view! {
                                <li class="person-row">
                                    <span><A href=format!("/people/{id}")>{name}</A>" "<span class="sub">{email}</span></span>
                                    {(can_build && wave.status == WaveStatus::Open).then(|| view! {
                                        <span class="row-actions">
                                            <form method="post" action=format!("{base}/link")><button type="submit" class="link">{say("surveys-new-link")}</button></form>
                                            <form method="post" action=format!("{base}/revoke")><button type="submit" class="link danger-link">{say("surveys-revoke")}</button></form>
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
                    view! { <a class="button secondary" href="/newcomers">{say("surveys-newcomers")}</a> }.into_any()
                } else {
                    view! { <a class="button secondary" href=format!("/insight/{}", wave.id)>{say("surveys-network-insight")}</a> }.into_any()
                }}</p>
            })}
            {(can_build && wave.status == WaveStatus::Draft).then(|| draft_view(&wave, survey_id, w.invitees.unwrap_or(0), actions))}
            {(can_build && wave.status == WaveStatus::Open).then(|| view! {
                // Closing ends answering for everyone: it asks once more.
                <details class="confirm">
                    <summary>{say("surveys-close-wave")}</summary>
                    <p>{say_with("surveys-no-one-can-answer-or", &[("closes-on", wave.closes_on.as_str().into())])}</p>
                    <ActionForm action=close attr:class="inline">
                        {wave_fields(survey_id, wave.id)}
                        <button type="submit" class="button danger">{say_with("surveys-yes-close-wave", &[("number", wave.number.into())])}</button>
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
                <p class="eyebrow"><A href=format!("/surveys/{}", p.survey_id)>{say("surveys-back-to-the-survey")}</A></p>
                <h1>{say("surveys-preview")}</h1>
                <p class="lead">{say("surveys-what-each-invited-person-gets")}</p>
                <h2>{say("surveys-the-invitation")}</h2>
                <p><strong>{say("surveys-subject")}" "</strong>{p.invitation_subject}</p>
                <pre class="email-text">{p.invitation_text}</pre>
                <p class="hint"><A href="/surveys/email">{say("surveys-change-the-wording-of-every")}</A></p>
                <h2>{say("surveys-the-survey-page")}</h2>
            </section>
            {super::respond::preview_view(p.form)}
        }
    })
}
