//! Roster pages: list and search, person, edit, erase, import and its preview.

use super::api::{
    get_erasure_plan, get_import_preview, get_person, list_people, ApplyImport, ErasePerson,
    PersonSuggestLess, SetPersonStatus, UpdatePerson,
};
use super::{ImportPreview, PersonDetail, PersonSummary, PreviewPerson, RosterPage, Status};
use crate::ui::{
    error_notice, id_param, loaded, query_value, typed_or, FormError, ReturnField, SubmitButton,
    TextArea,
};
use crate::ui::{say, say_with};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".into())
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let q = query_value("q");
    let page = move || {
        query_value("page")()
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
    };
    let inactive = move || query_value("inactive")().is_some();
    let roster = Resource::new(
        move || (q().unwrap_or_default(), page(), inactive()),
        |(q, page, inactive)| list_people(q, page, inactive),
    );
    let added = query_value("added");
    let erased = query_value("erased");
    view! {
        <section class="card">
            // One read of the roster for the whole page: one resource read under two
            // Suspense boundaries can stall server rendering (leptos-rs/leptos#4851).
            <Transition fallback=|| view! { <h1>{say("people-people")}</h1><p class="muted">{say("people-loading")}</p> }>
                {move || Suspend::new(async move {
                    let result = roster.await;
                    let can_manage = result.as_ref().is_ok_and(|r| r.can_manage);
                    view! {
                        <div class="heading-row">
                            <h1>{say("people-people")}</h1>
                            {can_manage.then(|| view! {
                                <div class="actions">
                                    <a class="button" href="/people/import">{say("people-import-csv")}</a>
                                    <a class="button secondary" href="/people/export.csv" download="roster.csv">{say("people-export-csv")}</a>
                                </div>
                            })}
                        </div>
                        {added().map(|added| {
                            let count = |name| query_value(name)().unwrap_or_else(|| "0".into());
                            view! {
                                <p class="notice success" role="status">
                                    {say_with("people-import-applied-added-changed-unchanged", &[("added", added.into()), ("changed", (count("changed")).into()), ("unchanged", (count("unchanged")).into()), ("deactivated", (count("deactivated")).into())])}
                                </p>
                            }
                        })}
                        {erased().map(|_| view! {
                            <p class="notice success" role="status">{say("people-the-person-and-everything-about")}</p>
                        })}
                        <form method="get" action="/people" class="search" role="search">
                            <label class="field grow">
                                <span class="label">{say("people-search-by-name-email-team")}</span>
                                <input type="search" name="q" value=q().unwrap_or_default() autocomplete="off"/>
                            </label>
                            <label class="check">
                                <input type="checkbox" name="inactive" value="1" checked=inactive()/>
                                " "{say("people-include-leavers")}
                            </label>
                            <button type="submit" class="primary compact">{say("people-search")}</button>
                        </form>
                        {match result {
                            Ok(page) => roster_table(page, q().unwrap_or_default(), inactive()).into_any(),
                            Err(err) => error_notice(err),
                        }}
                    }
                })}
            </Transition>
        </section>
    }
}

fn roster_table(page: RosterPage, q: String, inactive: bool) -> impl IntoView {
    let pages = ((page.total + page.per_page - 1) / page.per_page).max(1);
    let link = move |n: i64| {
        let mut url = format!("/people?page={n}");
        if !q.is_empty() {
            url.push_str(&format!("&q={}", crate::ui::encode(&q)));
        }
        if inactive {
            url.push_str("&inactive=1");
        }
        url
    };
    let first = (page.page - 1) * page.per_page + 1;
    let last = first + page.people.len() as i64 - 1;
    view! {
        <p class="muted count">
            {if page.total == 0 {
                say("people-no-one-matches")
            } else {
                say_with("people-of-people", &[("first", first.into()), ("last", last.into()), ("total", page.total.into())])
            }}
        </p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead>
                    <tr><th>{say("people-name")}</th><th>{say("people-title")}</th><th>{say("people-team")}</th><th>{say("people-department")}</th><th>{say("people-location")}</th></tr>
                </thead>
                <tbody>
                    {page.people.into_iter().map(person_row).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label=say("people-pages")>
            {(page.page > 1).then(|| view! { <a href=link(page.page - 1) rel="prev">{say("people-previous")}</a> })}
            <span>{say_with("people-page-of", &[("page", page.page.into()), ("pages", pages.into())])}</span>
            {(page.page < pages).then(|| view! { <a href=link(page.page + 1) rel="next">{say("people-next")}</a> })}
        </nav>
    }
}

fn person_row(p: PersonSummary) -> impl IntoView {
    let leaver = p.status == Status::Inactive;
    view! {
        <tr class:inactive=leaver>
            <td>
                <A href=format!("/people/{}", p.id)>{p.name}</A>
                {leaver.then_some(view! { <span class="tag">{say("people-leaver")}</span> })}
                <div class="sub">{p.email}</div>
            </td>
            <td>{or_dash(p.title)}</td>
            <td>{or_dash(p.team)}</td>
            <td>{or_dash(p.department)}</td>
            <td>{or_dash(p.location)}</td>
        </tr>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = id_param();
    let status_action = ServerAction::<SetPersonStatus>::new();
    let less_action = ServerAction::<PersonSuggestLess>::new();
    let person = Resource::new(
        move || (id(), status_action.version().get()),
        |(id, _)| get_person(id),
    );
    let saved = query_value("saved");
    loaded(person, move |p| {
        person_view(p, status_action, less_action, saved().is_some())
    })
}

/// How often HR's person was suggested to newcomers, and their wish to be suggested less.
fn suggestion_load(
    id: i64,
    (newcomers, less): (i64, bool),
    action: ServerAction<PersonSuggestLess>,
) -> impl IntoView {
    let said = say_with(
        "people-suggested-to-newcomer-in-the",
        &[
            ("newcomers", newcomers.into()),
            ("less", if less { "yes" } else { "no" }.into()),
        ],
    );
    view! {
        <h2>{say("people-introductions-to-newcomers")}</h2>
        <p>{said}</p>
        <ActionForm action=action attr:class="inline">
            <ReturnField/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="less" value=(!less).to_string()/>
            <button type="submit" class="button secondary">{if less { say("people-suggest-as-usual") } else { say("people-suggest-less-often") }}</button>
        </ActionForm>
        <FormError action=action/>
    }
}

fn person_view(
    p: PersonDetail,
    status_action: ServerAction<SetPersonStatus>,
    less_action: ServerAction<PersonSuggestLess>,
    saved: bool,
) -> impl IntoView {
    let f = p.fields.clone();
    let facts = [
        (say("people-email"), Some(p.email.clone())),
        (say("people-preferred-name"), f.preferred_name.clone()),
        (say("people-title"), f.title.clone()),
        (say("people-team"), f.team.clone()),
        (say("people-department"), f.department.clone()),
        (say("people-location"), f.location.clone()),
        (say("people-hire-date"), f.hire_date.clone()),
        (say("people-end-date"), f.end_date.clone()),
    ];
    let id = p.id;
    let inactive = p.status == Status::Inactive;
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/people">{say("people-people")}</A></p>
            <h1>{f.full_name} {inactive.then_some(view! { <span class="tag">{say("people-leaver")}</span> })}</h1>
            {saved.then_some(view! { <p class="notice success" role="status">{say("people-saved")}</p> })}
            <dl class="facts">
                {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
                {f.attributes.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <h2>{say("people-manager-chain")}</h2>
            {if p.manager_chain.is_empty() {
                view! { <p class="muted">{say("people-no-manager")}</p> }.into_any()
            } else {
                view! {
                    <ol class="chain">
                        {p.manager_chain.into_iter().map(|m| view! {
                            <li><A href=format!("/people/{}", m.id)>{m.name}</A>" "<span class="sub">{m.title.unwrap_or_default()}</span></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!p.direct_reports.is_empty()).then(|| view! {
                <h2>{say_with("people-direct-reports", &[("len", (p.direct_reports.len()).into())])}</h2>
                <ul class="plain">
                    {p.direct_reports.into_iter().map(|r| view! {
                        <li><A href=format!("/people/{}", r.id)>{r.name}</A>" "<span class="sub">{r.title.unwrap_or_default()}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <h2>{say("people-history")}</h2>
            {if p.history.is_empty() {
                view! { <p class="muted">{say("people-no-changes-recorded-since-this")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="list">
                            <thead><tr><th>{say("people-seen-on")}</th><th>{say("people-field")}</th><th>{say("people-from")}</th><th>{say("people-to")}</th><th>{say("people-by")}</th></tr></thead>
                            <tbody>
                                {p.history.into_iter().map(|c| view! {
                                    <tr>
                                        <td>{c.changed_on}</td>
                                        <td>{c.field}</td>
                                        <td>{or_dash(c.old_value)}</td>
                                        <td>{or_dash(c.new_value)}</td>
                                        <td>{c.source}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {p.suggested.map(|load| suggestion_load(id, load, less_action))}
            {p.can_manage.then(|| view! {
                <div class="actions spaced">
                    <a class="button" href=format!("/people/{id}/edit")>{say("people-edit")}</a>
                    <ActionForm action=status_action attr:class="inline">
                        <ReturnField/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="status" value=if inactive { "active" } else { "inactive" }/>
                        <button type="submit" class="button secondary">
                            {if inactive { say("people-reactivate") } else { say("people-deactivate-leaver") }}
                        </button>
                    </ActionForm>
                    {p.can_export.then(|| view! {
                        <a class="button secondary" href=format!("/people/{id}/export.json") download=format!("person-{id}.json")>{say("people-export-their-data")}</a>
                    })}
                    <a class="button danger" href=format!("/people/{id}/erase")>{say("people-erase")}</a>
                </div>
                <FormError action=status_action/>
            })}
        </section>
    }
}

#[component]
pub fn EditPersonPage() -> impl IntoView {
    let id = id_param();
    let update = ServerAction::<UpdatePerson>::new();
    let person = Resource::new(id, get_person);
    loaded(person, move |p| {
        let f = p.fields.clone();
        let name = f.full_name.clone();
        let attributes = f
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = |label: String, name: &'static str, value: Option<String>| {
            view! {
                <label class="field">
                    <span class="label">{label}</span>
                    <input type="text" name=name value=typed_or(name, value)/>
                </label>
            }
        };
        view! {
            <section class="card narrow">
                <p class="eyebrow"><A href=format!("/people/{}", p.id)>{name}</A></p>
                <h1>{say("people-edit-person")}</h1>
                <ActionForm action=update>
                    <ReturnField/>
                    <input type="hidden" name="id" value=p.id/>
                    {text(say("people-full-name"), "full_name", Some(f.full_name.clone()))}
                    {text(say("people-preferred-name"), "preferred_name", f.preferred_name.clone())}
                    {text(say("people-title"), "title", f.title.clone())}
                    {text(say("people-team"), "team", f.team.clone())}
                    {text(say("people-department"), "department", f.department.clone())}
                    {text(say("people-location"), "location", f.location.clone())}
                    {text(say("people-manager-s-email"), "manager_email", p.manager_email.clone())}
                    {text(say("people-hire-date-yyyy-mm-dd"), "hire_date", f.hire_date.clone())}
                    {text(say("people-end-date-yyyy-mm-dd"), "end_date", f.end_date.clone())}
                    <label class="field">
                        <span class="label">{say("people-other-attributes")}</span>
                        <TextArea name="attributes" rows=4 value=typed_or("attributes", Some(attributes))/>
                        <span class="hint">{say("people-one-per-line-as-name")}</span>
                    </label>
                    <FormError action=update/>
                    <SubmitButton label=say("people-save") busy=say("people-saving")/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
pub fn ErasePersonPage() -> impl IntoView {
    let id = id_param();
    let erase = ServerAction::<ErasePerson>::new();
    let plan = Resource::new(id, get_erasure_plan);
    loaded(plan, move |plan| {
        let name = plan.name.clone();
        view! {
            <section class="card narrow">
                <p class="eyebrow"><A href=format!("/people/{}", plan.id)>{name}</A></p>
                <h1>{say("people-erase-this-person")}</h1>
                <p>{say("people-erasure-honours-a-request-under")}</p>
                <ul class="erase-list">
                    <li>{say_with("people-their-roster-entry-name-email", &[("name", plan.name.as_str().into()), ("email", plan.email.into())])}</li>
                    <li>{say_with("people-recorded-change-in-their-history", &[("history-entries", plan.history_entries.into())])}</li>
                    <li>{say_with("people-their-place-as-manager-of", &[("direct-reports", plan.direct_reports.into())])}</li>
                    <li>{say("people-their-email-in-other-people")}</li>
                    <li>
                        {say_with("people-survey-answer-they-gave-and", &[("answers-given", plan.answers_given.into()), ("answers-naming", plan.answers_naming.into())])}
                    </li>
                    <li>{say_with("people-pending-import-upload-that-mention", &[("pending-uploads", plan.pending_uploads.into())])}</li>
                </ul>
                <p class="muted">{say("people-to-stop-surveying-a-leaver")}</p>
                <ActionForm action=erase>
                    <ReturnField/>
                    <input type="hidden" name="id" value=plan.id/>
                    <FormError action=erase/>
                    <button type="submit" class="primary danger">{say_with("people-erase-2", &[("name", plan.name.as_str().into())])}</button>
                </ActionForm>
            </section>
        }
    })
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let error = query_value("error");
    view! {
        <section class="card narrow">
            <p class="eyebrow"><A href="/people">{say("people-people")}</A></p>
            <h1>{say("people-import-the-roster")}</h1>
            <p class="lead">
                {say("people-upload-a-csv-export-from")}
            </p>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <form method="post" action="/people/import" enctype="multipart/form-data">
                <label class="field">
                    <span class="label">{say("people-csv-file")}</span>
                    <input type="file" name="file" accept=".csv,text/csv" required/>
                    <span class="hint">
                        {say("people-utf-8-comma-or-semicolon")}" "
                        {say("people-or-first-last-name-preferred")}" "
                        {say("people-hire-date-end-date-any")}
                    </span>
                </label>
                <label class="field">
                    <span class="label">{say("people-changes-seen-on")}</span>
                    <input type="date" name="as_of"/>
                    <span class="hint">{say("people-the-date-of-the-export")}</span>
                </label>
                <label class="check">
                    <input type="checkbox" name="deactivate_missing" value="on"/>
                    " "{say("people-deactivate-active-people-who-are")}
                </label>
                <button type="submit" class="primary">{say("people-upload-and-preview")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let id = id_param();
    let deactivate = query_value("deactivate_missing");
    let as_of = query_value("as_of");
    let apply = ServerAction::<ApplyImport>::new();
    let preview = Resource::new(
        move || (id(), deactivate().is_some(), as_of().unwrap_or_default()),
        |(id, deactivate, as_of)| get_import_preview(id, deactivate, as_of),
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">{say("people-reading-the-file")}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) => preview_view(p, apply).into_any(),
                    Err(err) => view! {
                        <section class="card narrow">
                            {error_notice(err)}
                            <a href="/people/import">{say("people-upload-a-file")}</a>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

fn preview_view(p: ImportPreview, apply: ServerAction<ApplyImport>) -> impl IntoView {
    let blocked = !p.problems.is_empty();
    let problem_count = p.problems.len();
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/people/import">{say("people-import")}</A></p>
            <h1>{say("people-preview")}" " {p.file_name.clone()}</h1>
            <p class="lead">{say_with("people-rows-read-changes-will-be", &[("rows", p.rows.into()), ("as-of", p.as_of.as_str().into())])}</p>
            <div class="stats">
                <div class="stat"><span class="n">{p.added}</span><span>{say("people-to-add")}</span></div>
                <div class="stat"><span class="n">{p.changed}</span><span>{say("people-to-change")}</span></div>
                <div class="stat"><span class="n">{p.unchanged}</span><span>{say("people-unchanged")}</span></div>
                <div class="stat"><span class="n">{p.deactivated}</span><span>{say("people-to-deactivate")}</span></div>
                <div class="stat" class:bad=blocked><span class="n">{problem_count}</span><span>{say("people-problems")}</span></div>
            </div>
            {(!p.custom_columns.is_empty()).then(|| view! {
                <p class="muted">{say("people-kept-as-custom-attributes")}" " {p.custom_columns.join(", ")}</p>
            })}
            {blocked.then(|| view! {
                <h2>{say("people-problems-to-fix")}</h2>
                <p>{say("people-nothing-can-be-imported-until")}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="list problems">
                        <thead><tr><th>{say("people-row")}</th><th>{say("people-column")}</th><th>{say("people-what-to-fix")}</th></tr></thead>
                        <tbody>
                            {p.problems.iter().take(500).map(|pr| view! {
                                <tr><td>{pr.row}</td><td>{pr.column.clone()}</td><td>{pr.message.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(problem_count > 500).then(|| view! { <p class="muted">{say_with("people-and-more", &[("total", (problem_count - 500).into())])}</p> })}
            })}
            {added_table(p.added, p.added_sample)}
            {sample_list(say("people-to-change-2"), p.changed, p.changed_sample)}
            {sample_list(say("people-to-deactivate-2"), p.deactivated, p.deactivated_sample)}
            <div class="actions spaced">
                <ActionForm action=apply attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="upload_id" value=p.upload_id/>
                    <input type="hidden" name="as_of" value=p.as_of.clone()/>
                    {p.deactivate_missing.then_some(view! { <input type="hidden" name="deactivate_missing" value="on"/> })}
                    {if blocked {
                        view! { <button type="submit" class="primary" disabled>{say("people-apply-import")}</button> }.into_any()
                    } else {
                        view! { <SubmitButton label=say("people-apply-import") busy=say("people-applying-large-files-take-a")/> }.into_any()
                    }}
                </ActionForm>
                <a class="button secondary" href="/people/import">{say("people-upload-another-file")}</a>
            </div>
            <FormError action=apply/>
        </section>
    }
}

/// The first people to add, one row each with every column read from the file.
fn added_table(total: usize, people: Vec<PreviewPerson>) -> Option<AnyView> {
    (total > 0).then(|| {
        let mut columns: Vec<String> = Vec::new();
        for change in people.iter().flat_map(|p| &p.changes) {
            if !columns.contains(&change.field) {
                columns.push(change.field.clone());
            }
        }
        let shown = people.len();
        let cells = columns.clone();
        view! {
            <h2>{say_with("people-to-add-2", &[("total", total.into())])}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="list sample">
                    <thead><tr>
                        <th>{say("people-row")}</th><th>{say("people-name")}</th><th>{say("people-email")}</th>
                        {columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {people.into_iter().map(|p| {
                            let value = |column: &String| p.changes.iter().find(|c| &c.field == column).and_then(|c| c.new.clone());
                            view! {
                                <tr>
                                    <td>{p.row}</td><td>{p.name.clone()}</td><td>{p.email.clone()}</td>
                                    {cells.iter().map(|c| view! { <td>{or_dash(value(c))}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(total > shown).then(|| view! { <p class="muted">{say_with("people-and-more", &[("total", (total - shown).into())])}</p> })}
        }
        .into_any()
    })
}

fn sample_list(title: String, total: usize, people: Vec<PreviewPerson>) -> Option<AnyView> {
    (total > 0).then(|| {
        let shown = people.len();
        view! {
            <h2>{say_with("people-sample-title", &[("title", title.into()), ("total", total.into())])}</h2>
            <ul class="plain sample">
                {people.into_iter().map(|p| view! {
                    <li>
                        <strong>{p.name}</strong>" "<span class="sub">{p.email}{(p.row > 0).then(|| say_with("people-at-row", &[("row", p.row.into())]))}</span>
                        {(!p.changes.is_empty()).then(|| view! {
                            <ul class="changes">
                                {p.changes.into_iter().map(|c| view! {
                                    <li>{c.field}": "<del>{or_dash(c.old)}</del>" → "<ins>{or_dash(c.new)}</ins></li>
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {(total > shown).then(|| view! { <p class="muted">{say_with("people-and-more", &[("total", (total - shown).into())])}</p> })}
        }
        .into_any()
    })
}
