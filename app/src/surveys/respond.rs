//! The respondent's side: one page per wave, reached from a personal link.
//!
//! Every button on the page submits the whole form, so nothing typed is lost
//! whichever button is pressed, and the page works without JavaScript: adding a
//! colleague, removing one, searching, saving and submitting are all plain posts.
//! Field names: `tie.REL.PERSON` (a chosen colleague), `scale.REL.PERSON.KEY`,
//! `attr.QUESTION`, `q.REL` (search text), and `action` (which button).

use super::{ChosenTie, PickerPerson, Relation, ResponseForm, SearchResults, WaveStatus};
use crate::error::AppError;
use crate::model::catalogue::FluentValue;
use crate::model::language::Language;
use crate::model::surveys::{LiveWords, PICKER_RESULTS};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(super) async fn respondent() -> Result<(crate::context::AppState, i64, i64), AppError> {
    let state = crate::context::app_state()?;
    let token = crate::cookies::SiteCookie::Respondent.from_request(state.settings.secure_cookies);
    let session = super::service::respondent_of(&state.db, token.as_deref())
        .await?
        .ok_or_else(|| {
            let language = crate::context::browser_language().unwrap_or_default();
            AppError::invalid(language.say("respond-open-from-link"))
        })?;
    Ok((state, session.wave_id, session.person_id))
}

/// The respondent picks the language of their page and emails.
#[server(endpoint = "choose_language")]
pub async fn choose_language(language: String) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, _, person) = respondent().await?;
            let language = Language::parse(&language).ok_or_else(|| {
                let theirs = crate::context::browser_language().unwrap_or_default();
                AppError::invalid(theirs.say("respond-refused-language"))
            })?;
            super::service::choose_language(&state.db, person, language).await
        }
        .await,
    )
}

#[server(endpoint = "response")]
pub async fn get_response_form(
    search: Option<i64>,
    q: Option<String>,
) -> Result<ResponseForm, AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            super::service::response_form(
                &state.db,
                &state.settings.policy,
                wave,
                person,
                search.zip(q),
                crate::context::browser_language(),
            )
            .await
        }
        .await,
    )
}

/// Live search for the picker (the island below calls it as the respondent types).
#[server(endpoint = "picker")]
pub async fn picker_search(relation_id: i64, q: String) -> Result<Vec<PickerPerson>, AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            super::service::picker_search(&state.db, wave, person, relation_id, &q).await
        }
        .await,
    )
}

/// Saves one answer about the respondent as it is given.
#[server(endpoint = "answer")]
pub async fn answer_attribute(question_id: i64, value: String) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, me) = respondent().await?;
            super::service::answer_attribute(&state.db, wave, me, question_id, &value).await
        }
        .await,
    )
}

/// Names one colleague (or takes them off) as the live picker adds them.
#[server(endpoint = "name_colleague")]
pub async fn name_colleague(relation_id: i64, person_id: i64, on: bool) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, me) = respondent().await?;
            super::service::name_colleague(&state.db, wave, me, relation_id, person_id, on).await
        }
        .await,
    )
}

/// Saves one rating of one named colleague as it is chosen.
#[server(endpoint = "rate")]
pub async fn rate_tie(
    relation_id: i64,
    person_id: i64,
    key: String,
    value: Option<i64>,
) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, me) = respondent().await?;
            super::service::rate_tie(&state.db, wave, me, relation_id, person_id, &key, value).await
        }
        .await,
    )
}

/// A colleague suggested to newcomers asks to be suggested less (or as usual again).
#[server(endpoint = "suggest_less")]
pub async fn suggest_less(less: bool) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, _, person) = respondent().await?;
            crate::store::newcomers::set_suggest_less(&state.db, person, less).await?;
            leptos_axum::redirect("/respond?saved=1");
            Ok(())
        }
        .await,
    )
}

/// "I prefer not to take part", or taking part after all.
#[server(endpoint = "decline")]
pub async fn decline(declined: bool) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            super::service::set_declined(&state.db, wave, person, declined).await?;
            leptos_axum::redirect(if declined {
                "/respond?declined=1"
            } else {
                "/respond"
            });
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "save_response")]
pub async fn save_response(f: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::context::respond;
    respond(
        async {
            let (state, wave, person) = respondent().await?;
            let target = super::service::save_from_form(&state.db, wave, person, &f).await?;
            leptos_axum::redirect(&target);
            Ok(())
        }
        .await,
    )
}

/// The respondent page.
#[component]
pub fn RespondPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let search = move || {
        query
            .read()
            .get("search")
            .and_then(|s| s.parse::<i64>().ok())
    };
    let q = move || query.read().get("q");
    let form = Resource::new(
        move || (search(), q()),
        |(search, q)| get_response_form(search, q),
    );
    let save = ServerAction::<SaveResponse>::new();
    let notice = move || {
        let query = query.read_untracked();
        if query.get("submitted").is_some() {
            Some("respond-submitted")
        } else if query.get("saved").is_some() {
            Some("respond-saved")
        } else if query.get("declined").is_some() {
            Some("respond-declined-noted")
        } else {
            None
        }
    };
    crate::ui::loaded_in(crate::ui::reader_language(), form, move |f| {
        response_view(f, save, notice())
    })
}

/// The page as a respondent sees it, for HR's preview: shown, not usable.
pub fn preview_view(f: ResponseForm) -> impl IntoView {
    let save = ServerAction::<SaveResponse>::new();
    view! { <div class="preview-frame" inert>{response_view(f, save, None)}</div> }
}

fn response_view(
    f: ResponseForm,
    save: ServerAction<SaveResponse>,
    notice: Option<&'static str>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if f.status == WaveStatus::Closed {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::GONE);
        }
    }
    let language = f.language;
    let say = move |id: &str| language.say(id);
    if f.status != WaveStatus::Open {
        return view! {
            <section class="card narrow" lang=language.code()>
                <h1>{f.survey_name}</h1>
                <p>{say("respond-closed")}</p>
            </section>
        }
        .into_any();
    }
    let decline = ServerAction::<Decline>::new();
    if f.declined {
        return declined_view(f, notice, decline).into_any();
    }
    let intro = introduction(&f.introduction, language);
    let who_sees_what = who_sees_what(&f);
    let words = live_words(language);
    let field = |key: String| format!("f[{key}]");
    let relations = f
        .relations
        .iter()
        .map(|relation| {
            let chosen: Vec<ChosenTie> = f
                .chosen
                .iter()
                .filter(|c| c.relation_id == relation.id)
                .cloned()
                .collect();
            let results = f
                .search
                .as_ref()
                .filter(|s| s.relation_id == relation.id)
                .cloned();
            relation_block(relation.clone(), chosen, results, field, &words, language)
        })
        .collect_view();
    let questions = f
        .questions
        .iter()
        .map(|q| {
            let current = f.attributes.get(&q.id).cloned().unwrap_or_default();
            view! { <AttributeField question=q.clone() current=current words=words.clone()/> }
        })
        .collect_view();
    view! {
        <section class="card respond" lang=language.code()>
            {language_switch(language)}
            <p class="eyebrow">{language.say_with("respond-open-until", &[("date", language.long_date(&f.closes_on).into())])}</p>
            <h1>{f.survey_name.clone()}</h1>
            <p class="lead">{language.say_with("respond-hello", &[("name", f.respondent_name.clone().into())])}</p>
            {notice.map(|n| view! { <p class="notice success" role="status">{say(n)}</p> })}
            <div class="intro">{intro}</div>
            {who_sees_what}
            <FormError action=save/>
            <ActionForm action=save>
                <ReturnField/>
                // The form's default button (pressing Enter in a field) saves; it must come
                // before the chips' Remove buttons, which would otherwise be the default.
                <button type="submit" class="sr-only" name=field("action".into()) value="save" tabindex="-1" aria-hidden="true">{say("respond-save")}</button>
                {relations}
                {(!f.questions.is_empty()).then(|| view! { <h2>{say("respond-about-you")}</h2> })}
                {questions}
                <div class="actions spaced">
                    <button type="submit" name=field("action".into()) value="submit" class="primary compact">
                        {say(if f.submitted { "respond-submit-changes" } else { "respond-submit" })}
                    </button>
                    <button type="submit" name=field("action".into()) value="save" class="button secondary">{say("respond-save-later")}</button>
                </div>
            </ActionForm>
            // Declining deletes what was saved: it asks once more.
            <details class="confirm decline">
                <summary>{say("respond-decline")}</summary>
                <p>{say("respond-decline-explained")}</p>
                <ActionForm action=decline attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="declined" value="true"/>
                    <button type="submit" class="button danger">{say("respond-decline-confirm")}</button>
                </ActionForm>
            </details>
            {f.suggested.map(|load| suggestion_load(load, language))}
        </section>
    }
    .into_any()
}

/// The page's language, and a way to change it (kept for the person's emails too).
fn language_switch(current: Language) -> impl IntoView {
    let choose = ServerAction::<ChooseLanguage>::new();
    view! {
        <ActionForm action=choose attr:class="language-switch">
            <ReturnField/>
            <label>
                <span>{current.say("respond-language")}</span>
                <select name="language">
                    {Language::ALL.into_iter().map(|l| view! {
                        <option value=l.code() lang=l.code() selected=l == current>{l.native_name()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button secondary">{current.say("respond-language-change")}</button>
        </ActionForm>
    }
}

/// What the page's live parts say, written here from the catalogue.
pub fn live_words(language: Language) -> LiveWords {
    let say = |id: &str| language.say(id);
    let name = || ("name", FluentValue::from("{name}"));
    LiveWords {
        added_now: say("picker-added-now"),
        placeholder: say("picker-placeholder"),
        find: say("picker-find"),
        no_match: say("picker-no-match"),
        found: (0..=PICKER_RESULTS)
            .map(|count| language.say_with("picker-found", &[("count", count.into())]))
            .collect(),
        added: language.say_with("picker-added", &[name()]),
        not_added: language.say_with(
            "picker-not-added",
            &[name(), ("reason", FluentValue::from("{reason}"))],
        ),
        taken_off: language.say_with("picker-taken-off", &[name()]),
        remove: say("respond-remove"),
        remove_person: language.say_with("respond-remove-person", &[name()]),
        saved: say("respond-answer-saved"),
        not_saved: say("respond-answer-not-saved"),
        choose: say("respond-choose"),
        agreement: [
            "respond-strongly-disagree",
            "respond-disagree",
            "respond-neither",
            "respond-agree",
            "respond-strongly-agree",
        ]
        .into_iter()
        .map(say)
        .collect(),
    }
}

/// The survey's introduction: its first paragraph, the rest folded, so that
/// on a phone the first question stays on the first screen.
fn introduction(text: &str, language: Language) -> impl IntoView {
    let paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let (first, more) = paragraphs
        .split_first()
        .map_or((None, Vec::new()), |(first, more)| {
            (Some(first.clone()), more.to_vec())
        });
    view! {
        {first.map(|p| view! { <p>{p}</p> })}
        {(!more.is_empty()).then(|| view! {
            <details class="more-intro">
                <summary>{language.say("respond-more-intro")}</summary>
                {more.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </details>
        })}
    }
}

/// The privacy notice's points, folded away unless the person declined.
fn who_sees_what(f: &ResponseForm) -> impl IntoView {
    let points = f
        .notice
        .iter()
        .map(|point| view! { <li>{point.clone()}</li> })
        .collect_view();
    view! {
        <details class="who-sees-what" open=f.declined>
            <summary>{f.language.say("respond-who-sees-what")}</summary>
            <ul>{points}</ul>
        </details>
    }
}

/// For someone who said they prefer not to take part: a way back in.
fn declined_view(
    f: ResponseForm,
    notice: Option<&'static str>,
    decline: ServerAction<Decline>,
) -> impl IntoView {
    let language = f.language;
    let who_sees_what = who_sees_what(&f);
    view! {
        <section class="card respond" lang=language.code()>
            {language_switch(language)}
            <h1>{f.survey_name}</h1>
            {notice.map(|n| view! { <p class="notice success" role="status">{language.say(n)}</p> })}
            <p>{language.say("respond-declined")}</p>
            {who_sees_what}
            <ActionForm action=decline>
                <ReturnField/>
                <input type="hidden" name="declined" value="false"/>
                <button type="submit" class="primary compact">{language.say("respond-take-part")}</button>
            </ActionForm>
        </section>
    }
}

/// For colleagues Knit suggests to newcomers: how often, and a way to ask for less.
fn suggestion_load((newcomers, less): (i64, bool), language: Language) -> impl IntoView {
    let action = ServerAction::<SuggestLess>::new();
    let said = if less {
        language.say("respond-suggested-less")
    } else {
        language.say_with("respond-suggested", &[("count", newcomers.into())])
    };
    view! {
        <aside class="suggested-load">
            <p>{said}</p>
            <ActionForm action=action attr:class="inline">
                <ReturnField/>
                <input type="hidden" name="less" value=(!less).to_string()/>
                <button type="submit" class="button secondary">{language.say(if less { "respond-suggest-as-usual" } else { "respond-suggest-less" })}</button>
            </ActionForm>
        </aside>
    }
}

fn relation_block(
    relation: Relation,
    chosen: Vec<ChosenTie>,
    results: Option<SearchResults>,
    field: impl Fn(String) -> String + Copy + 'static,
    words: &LiveWords,
    language: Language,
) -> impl IntoView {
    let rel = relation.id;
    let action = field("action".into());
    let chips = chosen
        .into_iter()
        .map(|c| {
            let pid = c.person.id;
            let scales = relation
                .scales
                .iter()
                .map(|s| {
                    view! {
                        <ScaleSelect
                            relation_id=rel
                            person_id=pid
                            scale=s.clone()
                            current=c.scales.get(&s.key).copied()
                            words=words.clone()
                        />
                    }
                })
                .collect_view();
            view! {
                <li class="chip">
                    <input type="hidden" name=field(format!("tie.{rel}.{pid}")) value="on"/>
                    <div class="who">
                        <strong>{c.person.name.clone()}</strong>
                        <span class="sub">{person_line(&c.person)}</span>
                    </div>
                    {scales}
                    <button type="submit" class="remove" name=action.clone() value=format!("remove:{rel}:{pid}")
                        aria-label=words.remove_person.replace("{name}", &c.person.name)>{words.remove.clone()}</button>
                </li>
            }
        })
        .collect_view();
    let list = results.map(|r| {
        let rows = r
            .people
            .iter()
            .map(|p| {
                view! {
                    <li>
                        <button type="submit" class="result" name=action.clone() value=format!("add:{rel}:{}", p.id)>
                            <strong>{p.name.clone()}</strong>
                            <span class="sub">{person_line(p)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let empty = r.people.is_empty();
        view! {
            <div class="results">
                {if empty {
                    view! { <p class="muted">{language.say_with("respond-no-match-query", &[("query", r.query.clone().into())])}</p> }.into_any()
                } else {
                    view! { <ul class="plain" aria-label=language.say("respond-matching")>{rows}</ul> }.into_any()
                }}
            </div>
        }
    });
    let label = language.say_with(
        "respond-find-colleague",
        &[("question", relation.question.clone().into())],
    );
    let list_label = language.say_with(
        "picker-results",
        &[("question", relation.question.clone().into())],
    );
    view! {
        <fieldset class="relation ask" id=format!("rel-{rel}")>
            <legend>{relation.question.clone()}</legend>
            <ul class="chips plain">{chips}</ul>
            <Picker relation_id=rel label=label list_label=list_label scales=relation.scales.clone() words=words.clone()/>
            {list}
        </fieldset>
    }
}

fn person_line(p: &PickerPerson) -> String {
    [p.title.clone(), p.team.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

use crate::ui::{FormError, ReturnField};
use leptos::form::ActionForm;

/// The search box of one question. Without JavaScript it is a plain search
/// box with a Find button (results come back as a page of buttons that add).
/// Once loaded it is a combobox (the ARIA 1.2 pattern): results appear from two
/// typed letters in a list the arrow keys move through while focus stays in
/// the box, and Enter or a click names the colleague at once, saved as a
/// draft, without reloading the page. Colleagues named here show below with
/// their ratings and a way to take them off.
#[island]
pub fn Picker(
    relation_id: i64,
    label: String,
    list_label: String,
    scales: Vec<super::Scale>,
    words: LiveWords,
) -> impl IntoView {
    let words = StoredValue::new(words);
    let picker = LivePicker::new(relation_id, words);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let list_id = format!("picker-{relation_id}-results");
    let expanded = move || (picker.searched.get() && !picker.results.read().is_empty()).to_string();
    let list_label = StoredValue::new(list_label);
    let scales = StoredValue::new(scales);
    let said = move |text: fn(&LiveWords) -> &String| words.with_value(|w| text(w).clone());
    view! {
        <ul class="chips plain" aria-label=said(|w| &w.added_now)>
            <For each=move || picker.added.get() key=|p| p.id let:person>
                <li class="chip">
                    <input type="hidden" name=format!("f[tie.{relation_id}.{}]", person.id) value="on"/>
                    <div class="who">
                        <strong>{person.name.clone()}</strong>
                        <span class="sub">{person_line(&person)}</span>
                    </div>
                    {scales.get_value().into_iter().map(|scale| view! {
                        <ScaleSelect relation_id=relation_id person_id=person.id scale=scale current=None words=words.get_value()/>
                    }).collect_view()}
                    <button type="button" class="remove" aria-label=said(|w| &w.remove_person).replace("{name}", &person.name)
                        on:click={
                            let person = person.clone();
                            move |_| picker.take_off(person.clone())
                        }>{said(|w| &w.remove)}</button>
                </li>
            </For>
        </ul>
        <div class="picker" data-hydrated=move || hydrated.get().to_string()>
            <input type="search" name=format!("f[q.{relation_id}]") aria-label=label.clone() node_ref=picker.input
                role=move || hydrated.get().then_some("combobox")
                aria-autocomplete=move || hydrated.get().then_some("list")
                aria-controls=move || hydrated.get().then(|| list_id.clone())
                aria-expanded=move || hydrated.get().then(expanded)
                aria-activedescendant=move || picker.active_option()
                placeholder=said(|w| &w.placeholder) autocomplete="off"
                on:input=move |ev| picker.search(event_target_value(&ev))
                on:keydown=move |ev| picker.key(&ev)/>
            <button type="submit" class="button secondary" name="f[action]" value=format!("search:{relation_id}")>{said(|w| &w.find)}</button>
        </div>
        // A polite live region (not a status role: the page has its own notices).
        <p class="sr-only picker-said" aria-live="polite">{move || picker.said.get()}</p>
        <Show when=move || picker.searched.get()>
            <div class="results live">
                <Show
                    when=move || !picker.results.read().is_empty()
                    fallback=move || view! { <p class="muted">{said(|w| &w.no_match)}</p> }
                >
                    <ul class="plain" role="listbox" id=format!("picker-{relation_id}-results") aria-label=move || list_label.get_value()>
                        {move || picker.results.get().into_iter().enumerate().map(|(i, person)| {
                            let chosen = move || picker.active.get() == Some(i);
                            let picked = person.clone();
                            view! {
                                <li role="option" id=picker.option_id(person.id) class="result" class:active=chosen aria-selected=move || chosen().to_string()
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:click=move |_| picker.add(picked.clone())>
                                    <strong>{person.name.clone()}</strong>
                                    <span class="sub">{person_line(&person)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
            </div>
        </Show>
    }
}

/// What the live picker holds and does once loaded: the results of the
/// newest search, the one the arrow keys point at, the colleagues named from
/// it, and what to say to a screen reader.
#[derive(Clone, Copy)]
struct LivePicker {
    relation_id: i64,
    results: RwSignal<Vec<PickerPerson>>,
    searched: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    added: RwSignal<Vec<PickerPerson>>,
    said: RwSignal<String>,
    input: NodeRef<leptos::html::Input>,
    /// Only the answer to the newest query is shown.
    latest: StoredValue<u64>,
    words: StoredValue<LiveWords>,
}

impl LivePicker {
    fn new(relation_id: i64, words: StoredValue<LiveWords>) -> LivePicker {
        LivePicker {
            relation_id,
            results: RwSignal::new(Vec::new()),
            searched: RwSignal::new(false),
            active: RwSignal::new(None),
            added: RwSignal::new(Vec::new()),
            said: RwSignal::new(String::new()),
            input: NodeRef::new(),
            latest: StoredValue::new(0),
            words,
        }
    }

    /// Tells a screen reader what happened to someone.
    fn say(self, text: fn(&LiveWords) -> &String, name: &str, reason: &str) {
        let said = self
            .words
            .with_value(|w| text(w).replace("{name}", name).replace("{reason}", reason));
        self.said.set(said);
    }

    fn option_id(self, person: i64) -> String {
        format!("picker-{}-option-{person}", self.relation_id)
    }

    fn active_option(self) -> Option<String> {
        let i = self.active.get()?;
        self.results.read().get(i).map(|p| self.option_id(p.id))
    }

    fn close(self) {
        self.results.set(Vec::new());
        self.searched.set(false);
        self.active.set(None);
    }

    /// Results from two typed letters.
    fn search(self, query: String) {
        self.latest.update_value(|n| *n += 1);
        let mine = self.latest.get_value();
        if query.trim().chars().count() < 2 {
            self.close();
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(people) = picker_search(self.relation_id, query).await {
                if self.latest.get_value() == mine {
                    let count = people.len();
                    self.said.set(self.words.with_value(|w| {
                        w.found
                            .get(count)
                            .or(w.found.last())
                            .cloned()
                            .unwrap_or_default()
                    }));
                    self.results.set(people);
                    self.active.set(None);
                    self.searched.set(true);
                }
            }
        });
    }

    /// Names the colleague at once (a draft save), and clears the box for the next.
    fn add(self, person: PickerPerson) {
        leptos::task::spawn_local(async move {
            match name_colleague(self.relation_id, person.id, true).await {
                Ok(()) => {
                    self.say(|w| &w.added, &person.name, "");
                    self.added.update(|a| a.push(person));
                    self.close();
                    if let Some(input) = self.input.get() {
                        input.set_value("");
                        focus(&input);
                    }
                }
                Err(err) => self.say(|w| &w.not_added, &person.name, &err.to_string()),
            }
        });
    }

    fn take_off(self, person: PickerPerson) {
        leptos::task::spawn_local(async move {
            if name_colleague(self.relation_id, person.id, false)
                .await
                .is_ok()
            {
                self.say(|w| &w.taken_off, &person.name, "");
                self.added.update(|a| a.retain(|p| p.id != person.id));
                if let Some(input) = self.input.get() {
                    focus(&input);
                }
            }
        });
    }

    /// The combobox's keys: arrows move the active option (focus stays in the
    /// box), Enter names it (or searches), Escape closes the list.
    fn key(self, ev: &leptos::ev::KeyboardEvent) {
        let count = self.results.read().len();
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                self.active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    })
                });
            }
            "Escape" => self.close(),
            "Enter" => {
                // Enter names the colleague picked, else searches (the form's default would save).
                ev.prevent_default();
                let picked = self
                    .active
                    .get()
                    .and_then(|i| self.results.read().get(i).cloned());
                match picked {
                    Some(person) => self.add(person),
                    None => self.find(),
                }
            }
            _ => {}
        }
    }

    /// Presses Find: the search as a page, as without JavaScript.
    fn find(self) {
        use leptos::wasm_bindgen::JsCast;
        if let Some(find) = self
            .input
            .get()
            .and_then(|i| i.next_element_sibling())
            .and_then(|b| b.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            find.click();
        }
    }
}

fn focus(element: &leptos::web_sys::Element) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = element.dyn_ref::<leptos::web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// One rating of a named colleague. A plain select in the page's form; once
/// loaded, each choice is saved at once, so nothing is lost if the tab closes.
#[island]
pub fn ScaleSelect(
    relation_id: i64,
    person_id: i64,
    scale: super::Scale,
    current: Option<i64>,
    words: LiveWords,
) -> impl IntoView {
    let (saved, set_saved) = signal(None::<bool>);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let key = scale.key.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).parse::<i64>().ok();
        let key = key.clone();
        leptos::task::spawn_local(async move {
            let ok = rate_tie(relation_id, person_id, key, value).await.is_ok();
            set_saved.set(Some(ok));
        });
    };
    let name = format!("f[scale.{relation_id}.{person_id}.{}]", scale.key);
    view! {
        <label class="scale" data-hydrated=move || hydrated.get().to_string()>
            <span>{scale.label.clone()}</span>
            <select name=name on:change=on_change>
                <option value="">"—"</option>
                {(scale.min..=scale.max).zip(scale.labels.iter()).map(|(v, l)| view! {
                    <option value=v.to_string() selected=current == Some(v)>{l.clone()}</option>
                }).collect_view()}
            </select>
            <span class="saved" aria-live="polite">
                {move || saved_words(saved.get(), &words)}
            </span>
        </label>
    }
}

/// One question about the respondent. A plain field of the page's form; once
/// loaded, each answer is saved as it changes.
#[island]
pub fn AttributeField(
    question: super::AttributeQuestion,
    current: String,
    words: LiveWords,
) -> impl IntoView {
    let (saved, set_saved) = signal(None::<bool>);
    let question_id = question.id;
    let save = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        leptos::task::spawn_local(async move {
            set_saved.set(Some(answer_attribute(question_id, value).await.is_ok()));
        });
    };
    let name = format!("f[attr.{question_id}]");
    let input = match question.kind {
        super::QuestionKind::Choice => view! {
            <select name=name on:change=save>
                <option value="">{words.choose.clone()}</option>
                {question.options.iter().enumerate().map(|(i, o)| {
                    let shown = question.shown_options.get(i).unwrap_or(o).clone();
                    view! { <option value=o.clone() selected=*o == current>{shown}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        super::QuestionKind::Agreement => view! {
            <select name=name on:change=save>
                <option value="">{words.choose.clone()}</option>
                {words.agreement.iter().enumerate().map(|(i, label)| {
                    let value = (i + 1).to_string();
                    view! { <option value=value.clone() selected=value == current>{format!("{} · {label}", i + 1)}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        super::QuestionKind::Text => view! { <input type="text" name=name value=current maxlength="500" on:change=save/> }.into_any(),
    };
    view! {
        <label class="field">
            <span class="label">{question.prompt.clone()}</span>
            {input}
            <span class="saved hint" aria-live="polite">
                {move || saved_words(saved.get(), &words)}
            </span>
        </label>
    }
}

/// What a field says once its change was saved, or could not be.
fn saved_words(saved: Option<bool>, words: &LiveWords) -> String {
    match saved {
        Some(true) => words.saved.clone(),
        Some(false) => words.not_saved.clone(),
        None => String::new(),
    }
}
