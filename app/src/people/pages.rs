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
            <Transition fallback=|| view! { <h1>"People"</h1><p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let result = roster.await;
                    let can_manage = result.as_ref().is_ok_and(|r| r.can_manage);
                    view! {
                        <div class="heading-row">
                            <h1>"People"</h1>
                            {can_manage.then(|| view! {
                                <div class="actions">
                                    <a class="button" href="/people/import">"Import CSV"</a>
                                    <a class="button secondary" href="/people/export.csv" download="roster.csv">"Export CSV"</a>
                                </div>
                            })}
                        </div>
                        {added().map(|added| {
                            let count = |name| query_value(name)().unwrap_or_else(|| "0".into());
                            view! {
                                <p class="notice success" role="status">
                                    {format!(
                                        "Import applied: {added} added, {} changed, {} unchanged, {} deactivated.",
                                        count("changed"), count("unchanged"), count("deactivated")
                                    )}
                                </p>
                            }
                        })}
                        {erased().map(|_| view! {
                            <p class="notice success" role="status">"The person and everything about them were erased."</p>
                        })}
                        <form method="get" action="/people" class="search" role="search">
                            <label class="field grow">
                                <span class="label">"Search by name, email, team or title"</span>
                                <input type="search" name="q" value=q().unwrap_or_default() autocomplete="off"/>
                            </label>
                            <label class="check">
                                <input type="checkbox" name="inactive" value="1" checked=inactive()/>
                                " Include leavers"
                            </label>
                            <button type="submit" class="primary compact">"Search"</button>
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
                "No one matches.".to_string()
            } else {
                format!("{first}–{last} of {} people", page.total)
            }}
        </p>
        <div class="table-scroll" tabindex="0">
            <table class="list">
                <thead>
                    <tr><th>"Name"</th><th>"Title"</th><th>"Team"</th><th>"Department"</th><th>"Location"</th></tr>
                </thead>
                <tbody>
                    {page.people.into_iter().map(person_row).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            {(page.page > 1).then(|| view! { <a href=link(page.page - 1) rel="prev">"← Previous"</a> })}
            <span>{format!("Page {} of {pages}", page.page)}</span>
            {(page.page < pages).then(|| view! { <a href=link(page.page + 1) rel="next">"Next →"</a> })}
        </nav>
    }
}

fn person_row(p: PersonSummary) -> impl IntoView {
    let leaver = p.status == Status::Inactive;
    view! {
        <tr class:inactive=leaver>
            <td>
                <A href=format!("/people/{}", p.id)>{p.name}</A>
                {leaver.then_some(view! { <span class="tag">"leaver"</span> })}
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
    let said = format!(
        "Suggested to {newcomers} newcomer{} in the last three months.{}",
        if newcomers == 1 { "" } else { "s" },
        if less {
            " Asked to be suggested less often: at most one newcomer a quarter."
        } else {
            ""
        }
    );
    view! {
        <h2>"Introductions to newcomers"</h2>
        <p>{said}</p>
        <ActionForm action=action attr:class="inline">
            <ReturnField/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="less" value=(!less).to_string()/>
            <button type="submit" class="button secondary">{if less { "Suggest as usual" } else { "Suggest less often" }}</button>
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
        ("Email", Some(p.email.clone())),
        ("Preferred name", f.preferred_name.clone()),
        ("Title", f.title.clone()),
        ("Team", f.team.clone()),
        ("Department", f.department.clone()),
        ("Location", f.location.clone()),
        ("Hire date", f.hire_date.clone()),
        ("End date", f.end_date.clone()),
    ];
    let id = p.id;
    let inactive = p.status == Status::Inactive;
    view! {
        <section class="card">
            <p class="eyebrow"><A href="/people">"People"</A></p>
            <h1>{f.full_name} {inactive.then_some(view! { <span class="tag">"leaver"</span> })}</h1>
            {saved.then_some(view! { <p class="notice success" role="status">"Saved."</p> })}
            <dl class="facts">
                {facts.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> })).collect_view()}
                {f.attributes.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <h2>"Manager chain"</h2>
            {if p.manager_chain.is_empty() {
                view! { <p class="muted">"No manager."</p> }.into_any()
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
                <h2>{format!("Direct reports ({})", p.direct_reports.len())}</h2>
                <ul class="plain">
                    {p.direct_reports.into_iter().map(|r| view! {
                        <li><A href=format!("/people/{}", r.id)>{r.name}</A>" "<span class="sub">{r.title.unwrap_or_default()}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <h2>"History"</h2>
            {if p.history.is_empty() {
                view! { <p class="muted">"No changes recorded since this person was added."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="list">
                            <thead><tr><th>"Seen on"</th><th>"Field"</th><th>"From"</th><th>"To"</th><th>"By"</th></tr></thead>
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
                    <a class="button" href=format!("/people/{id}/edit")>"Edit"</a>
                    <ActionForm action=status_action attr:class="inline">
                        <ReturnField/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="status" value=if inactive { "active" } else { "inactive" }/>
                        <button type="submit" class="button secondary">
                            {if inactive { "Reactivate" } else { "Deactivate (leaver)" }}
                        </button>
                    </ActionForm>
                    {p.can_export.then(|| view! {
                        <a class="button secondary" href=format!("/people/{id}/export.json") download=format!("person-{id}.json")>"Export their data"</a>
                    })}
                    <a class="button danger" href=format!("/people/{id}/erase")>"Erase…"</a>
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
        let text = |label: &'static str, name: &'static str, value: Option<String>| {
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
                <h1>"Edit person"</h1>
                <ActionForm action=update>
                    <ReturnField/>
                    <input type="hidden" name="id" value=p.id/>
                    {text("Full name", "full_name", Some(f.full_name.clone()))}
                    {text("Preferred name", "preferred_name", f.preferred_name.clone())}
                    {text("Title", "title", f.title.clone())}
                    {text("Team", "team", f.team.clone())}
                    {text("Department", "department", f.department.clone())}
                    {text("Location", "location", f.location.clone())}
                    {text("Manager's email", "manager_email", p.manager_email.clone())}
                    {text("Hire date (YYYY-MM-DD)", "hire_date", f.hire_date.clone())}
                    {text("End date (YYYY-MM-DD)", "end_date", f.end_date.clone())}
                    <label class="field">
                        <span class="label">"Other attributes"</span>
                        <TextArea name="attributes" rows=4 value=typed_or("attributes", Some(attributes))/>
                        <span class="hint">"One per line, as Name: value (for example Grade: 5)."</span>
                    </label>
                    <FormError action=update/>
                    <SubmitButton label="Save" busy="Saving…"/>
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
                <h1>"Erase this person?"</h1>
                <p>"Erasure honours a request under the right to erasure. It cannot be undone. This will remove:"</p>
                <ul class="erase-list">
                    <li>{format!("{} ({}): their roster entry, name, email and every attribute", plan.name, plan.email)}</li>
                    <li>{format!("{} recorded change{} in their history", plan.history_entries, if plan.history_entries == 1 { "" } else { "s" })}</li>
                    <li>{format!("their place as manager of {} direct report{} (those people stay, with no manager)", plan.direct_reports, if plan.direct_reports == 1 { "" } else { "s" })}</li>
                    <li>"their email in other people's manager history"</li>
                    <li>
                        {format!(
                            "{} survey answer{} they gave, and {} answer{} by others that name them",
                            plan.answers_given,
                            if plan.answers_given == 1 { "" } else { "s" },
                            plan.answers_naming,
                            if plan.answers_naming == 1 { "" } else { "s" },
                        )}
                    </li>
                    <li>{format!("{} pending import upload{} that mention them", plan.pending_uploads, if plan.pending_uploads == 1 { "" } else { "s" })}</li>
                </ul>
                <p class="muted">"To stop surveying a leaver while keeping past networks intact, deactivate them instead."</p>
                <ActionForm action=erase>
                    <ReturnField/>
                    <input type="hidden" name="id" value=plan.id/>
                    <FormError action=erase/>
                    <button type="submit" class="primary danger">{format!("Erase {}", plan.name)}</button>
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
            <p class="eyebrow"><A href="/people">"People"</A></p>
            <h1>"Import the roster"</h1>
            <p class="lead">
                "Upload a CSV export from your HR system. Nothing changes until you have seen a preview and applied it."
            </p>
            {move || error().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <form method="post" action="/people/import" enctype="multipart/form-data">
                <label class="field">
                    <span class="label">"CSV file"</span>
                    <input type="file" name="file" accept=".csv,text/csv" required/>
                    <span class="hint">
                        "UTF-8, comma or semicolon separated, one row per person. Columns Knit knows: Email, Full Name "
                        "(or First/Last Name), Preferred Name, Department, Team, Title, Manager Email, Location, "
                        "Hire Date, End Date. Any other column is kept as a custom attribute."
                    </span>
                </label>
                <label class="field">
                    <span class="label">"Changes seen on"</span>
                    <input type="date" name="as_of"/>
                    <span class="hint">"The date of the export; history is dated with it. Leave empty for today."</span>
                </label>
                <label class="check">
                    <input type="checkbox" name="deactivate_missing" value="on"/>
                    " Deactivate active people who are missing from this file (leavers)"
                </label>
                <button type="submit" class="primary">"Upload and preview"</button>
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
        <Transition fallback=|| view! { <p class="muted">"Reading the file…"</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) => preview_view(p, apply).into_any(),
                    Err(err) => view! {
                        <section class="card narrow">
                            {error_notice(err)}
                            <a href="/people/import">"Upload a file"</a>
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
            <p class="eyebrow"><A href="/people/import">"Import"</A></p>
            <h1>"Preview: " {p.file_name.clone()}</h1>
            <p class="lead">{format!("{} rows read. Changes will be dated {}.", p.rows, p.as_of)}</p>
            <div class="stats">
                <div class="stat"><span class="n">{p.added}</span><span>"to add"</span></div>
                <div class="stat"><span class="n">{p.changed}</span><span>"to change"</span></div>
                <div class="stat"><span class="n">{p.unchanged}</span><span>"unchanged"</span></div>
                <div class="stat"><span class="n">{p.deactivated}</span><span>"to deactivate"</span></div>
                <div class="stat" class:bad=blocked><span class="n">{problem_count}</span><span>"problems"</span></div>
            </div>
            {(!p.custom_columns.is_empty()).then(|| view! {
                <p class="muted">"Kept as custom attributes: " {p.custom_columns.join(", ")}</p>
            })}
            {blocked.then(|| view! {
                <h2>"Problems to fix"</h2>
                <p>"Nothing can be imported until the file has no problems. Fix these in the file and upload it again."</p>
                <div class="table-scroll" tabindex="0">
                    <table class="list problems">
                        <thead><tr><th>"Row"</th><th>"Column"</th><th>"What to fix"</th></tr></thead>
                        <tbody>
                            {p.problems.iter().take(500).map(|pr| view! {
                                <tr><td>{pr.row}</td><td>{pr.column.clone()}</td><td>{pr.message.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(problem_count > 500).then(|| view! { <p class="muted">{format!("…and {} more.", problem_count - 500)}</p> })}
            })}
            {added_table(p.added, p.added_sample)}
            {sample_list("To change", p.changed, p.changed_sample)}
            {sample_list("To deactivate", p.deactivated, p.deactivated_sample)}
            <div class="actions spaced">
                <ActionForm action=apply attr:class="inline">
                    <ReturnField/>
                    <input type="hidden" name="upload_id" value=p.upload_id/>
                    <input type="hidden" name="as_of" value=p.as_of.clone()/>
                    {p.deactivate_missing.then_some(view! { <input type="hidden" name="deactivate_missing" value="on"/> })}
                    {if blocked {
                        view! { <button type="submit" class="primary" disabled>"Apply import"</button> }.into_any()
                    } else {
                        view! { <SubmitButton label="Apply import" busy="Applying… large files take a few seconds"/> }.into_any()
                    }}
                </ActionForm>
                <a class="button secondary" href="/people/import">"Upload another file"</a>
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
            <h2>{format!("To add ({total})")}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="list sample">
                    <thead><tr>
                        <th>"Row"</th><th>"Name"</th><th>"Email"</th>
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
            {(total > shown).then(|| view! { <p class="muted">{format!("…and {} more.", total - shown)}</p> })}
        }
        .into_any()
    })
}

fn sample_list(title: &'static str, total: usize, people: Vec<PreviewPerson>) -> Option<AnyView> {
    (total > 0).then(|| {
        let shown = people.len();
        view! {
            <h2>{format!("{title} ({total})")}</h2>
            <ul class="plain sample">
                {people.into_iter().map(|p| view! {
                    <li>
                        <strong>{p.name}</strong>" "<span class="sub">{p.email}{(p.row > 0).then(|| format!(" · row {}", p.row))}</span>
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
            {(total > shown).then(|| view! { <p class="muted">{format!("…and {} more.", total - shown)}</p> })}
        }
        .into_any()
    })
}
