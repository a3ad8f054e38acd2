//! The people table of one analysed network: every person's figures and
//! roles, sorted, filtered and paged on the server (so it works without
//! JavaScript), with a one-line explanation of each column.

use super::{Column, PeopleTable, PersonRow, TableQuery, DEFAULT_SORT};
use crate::error::AppError;
use crate::ui::{say, say_with};
use analysis::Role;
use leptos::prelude::*;

impl Column {
    pub fn header(self) -> String {
        match self {
            Column::Name => say("players-name"),
            Column::Department => say("players-department"),
            Column::InDegree => say("players-come-to-them"),
            Column::OutDegree => say("players-they-go-to"),
            Column::Betweenness => say("players-betweenness"),
            Column::Closeness => say("players-closeness"),
            Column::PageRank => say("players-pagerank"),
            Column::Constraint => say("players-constraint"),
            Column::EffectiveSize => say("players-effective-size"),
            Column::Clustering => say("players-clustering"),
            Column::Reciprocity => say("players-returned"),
            Column::Community => say("players-community"),
            Column::EiIndex => "E-I".to_string(),
        }
    }

    /// What the figure says, in one line.
    pub fn meaning(self) -> String {
        match self {
            Column::Name => say("players-the-person-as-the-roster"),
            Column::Department => say("players-their-department-on-the-roster"),
            Column::InDegree => say("players-how-many-colleagues-named-them"),
            Column::OutDegree => say("players-how-many-colleagues-they-named"),
            Column::Betweenness => say("players-share-of-shortest-paths-between"),
            Column::Closeness => say("players-how-near-they-are-to"),
            Column::PageRank => say("players-named-by-people-who-are"),
            Column::Constraint => say("players-how-much-their-contacts-know"),
            Column::EffectiveSize => say("players-how-many-of-their-contacts"),
            Column::Clustering => say("players-share-of-their-contacts-possible"),
            Column::Reciprocity => say("players-share-of-their-ties-that"),
            Column::Community => say("players-the-cluster-louvain-the-network"),
            Column::EiIndex => say("players-ties-outside-minus-ties-inside"),
        }
    }
}

impl PersonRow {
    fn number(&self, column: Column) -> Option<f64> {
        match column {
            Column::Name | Column::Department => None,
            Column::InDegree => Some(self.metrics.in_degree as f64),
            Column::OutDegree => Some(self.metrics.out_degree as f64),
            Column::Betweenness => Some(self.metrics.betweenness),
            Column::Closeness => Some(self.closeness),
            Column::PageRank => self.metrics.pagerank,
            Column::Constraint => self.metrics.constraint,
            Column::EffectiveSize => self.metrics.effective_size,
            Column::Clustering => Some(self.metrics.clustering),
            Column::Reciprocity => self.metrics.reciprocity,
            Column::Community => Some(self.metrics.community as f64),
            Column::EiIndex => self.metrics.ei_index,
        }
    }

    /// The cell's text.
    pub fn cell(&self, column: Column) -> String {
        match column {
            Column::Name => self.name.clone(),
            Column::Department => self.department.clone().unwrap_or_default(),
            Column::InDegree | Column::OutDegree | Column::Community => {
                format!("{}", self.number(column).unwrap_or_default())
            }
            _ => self
                .number(column)
                .map_or_else(|| "—".to_string(), |x| format!("{x:.3}")),
        }
    }
}

/// One network's people table (analysts and administrators; the insight
/// page's own look is audited).
#[server(endpoint = "insight_people")]
pub async fn get_people_table(
    wave_id: i64,
    network: String,
    query: TableQuery,
) -> Result<PeopleTable, AppError> {
    use crate::context::*;
    respond(
        async {
            let state = app_state()?;
            let user = require_session()?.user;
            let key = super::NetworkKey::parse(&network)
                .ok_or_else(|| AppError::not_found(say("players-there-is-no-such-network")))?;
            super::service::people_table(&state.db, &user, wave_id, key, &query).await
        }
        .await,
    )
}

/// The people table listing everyone in one role.
pub fn role_address(network: &str, role: Role) -> String {
    let query = TableQuery {
        role: Some(role.key().to_string()),
        ..TableQuery::default()
    };
    address(
        network,
        &query,
        DEFAULT_SORT,
        DEFAULT_SORT.descending_first(),
        1,
    )
}

/// The address of the same page with the table's settings changed.
fn address(network: &str, q: &TableQuery, sort: Column, descending: bool, page: usize) -> String {
    let mut pairs = vec![
        ("table", network.to_string()),
        ("sort", sort.key().to_string()),
        ("dir", if descending { "desc" } else { "asc" }.to_string()),
        ("page", page.to_string()),
    ];
    if let Some(role) = &q.role {
        pairs.push(("role", role.clone()));
    }
    if let Some(department) = &q.department {
        pairs.push(("department", department.clone()));
    }
    if let Some(min) = q.min_in_degree {
        pairs.push(("min", min.to_string()));
    }
    let query = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", crate::ui::encode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("?{query}#people-{}", network.replace(':', "-"))
}

/// The people table of one network, its settings in the page's address.
#[component]
pub fn PeopleTableView(wave_id: i64, network: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let key = network.clone();
    let table_query = move || {
        let q = query.read();
        if q.get("table").as_deref() != Some(key.as_str()) {
            return TableQuery::default();
        }
        TableQuery {
            sort: q.get("sort"),
            descending: q.get("dir").map(|d| d == "desc"),
            role: q.get("role").filter(|r| !r.is_empty()),
            department: q.get("department").filter(|d| !d.is_empty()),
            min_in_degree: q.get("min").and_then(|m| m.parse().ok()),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let fetch_network = network.clone();
    let data = Resource::new(table_query.clone(), move |q| {
        get_people_table(wave_id, fetch_network.clone(), q)
    });
    let anchor = format!("people-{}", network.replace(':', "-"));
    view! {
        <h3 id=anchor>{say("players-people")}</h3>
        <Transition fallback=|| view! { <p class="muted">{say("players-loading")}</p> }>
            {move || {
                let network = network.clone();
                let q = table_query();
                Suspend::new(async move {
                    match data.await {
                        Err(err) => view! { <p class="notice error" role="alert">{err.to_string()}</p> }.into_any(),
                        Ok(t) => {
                            let link = {
                                let network = network.clone();
                                let q = q.clone();
                                move |sort: Column, descending: bool, page: usize| address(&network, &q, sort, descending, page)
                            };
                            let headers = Column::ALL.into_iter().map(|c| {
                                let next = if t.sort == c { !t.descending } else { c.descending_first() };
                                let mark = if t.sort == c { if t.descending { " ↓" } else { " ↑" } } else { "" };
                                let sorted = if t.sort == c { if t.descending { "descending" } else { "ascending" } } else { "none" };
                                view! {
                                    <th aria-sort=sorted>
                                        <a href=link(c, next, 1) title=c.meaning()>{c.header()}{mark}</a>
                                    </th>
                                }
                            }).collect_view();
                            let rows = t.rows.iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/people/{}", r.person_id)>{r.name.clone()}</a></td>
                                    {Column::ALL.into_iter().skip(1).map(|c| view! { <td>{r.cell(c)}</td> }).collect_view()}
                                    <td>{r.metrics.roles.iter().map(|role| super::words::role_label(*role)).collect::<Vec<_>>().join(", ")}</td>
                                </tr>
                            }).collect_view();
                            let (page, pages, sort, descending) = (t.page, t.pages, t.sort, t.descending);
                            view! {
                                {table_filters(&network, &q, sort, descending, &t.departments)}
                                <p class="hint">{say_with("players-people-page-of-every-figure", &[("total", t.total.into()), ("page", page.into()), ("pages", pages.into())])}</p>
                                <div class="table-scroll" tabindex="0">
                                    <table class="list people-figures">
                                        <thead><tr>{headers}<th>{say("players-roles")}</th></tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                                <nav class="pager" aria-label=say("players-people-table-pages")>
                                    {(page > 1).then(|| view! { <a href=link(sort, descending, page - 1)>{say("players-previous")}</a> })}
                                    {(page < pages).then(|| view! { <a href=link(sort, descending, page + 1)>{say("players-next")}</a> })}
                                </nav>
                            }.into_any()
                        }
                    }
                })
            }}
        </Transition>
        <details>
            <summary>{say("players-what-the-columns-mean")}</summary>
            <dl class="meanings">
                {Column::ALL.into_iter().map(|c| view! { <dt>{c.header()}</dt><dd>{c.meaning()}</dd> }).collect_view()}
            </dl>
        </details>
    }
}

/// The people table's filters: role, department and a floor on in-degree.
fn table_filters(
    network: &str,
    q: &TableQuery,
    sort: Column,
    descending: bool,
    departments: &[String],
) -> impl IntoView {
    view! {
        <form method="get" class="filters inline">
            <input type="hidden" name="table" value=network.to_string()/>
            <input type="hidden" name="sort" value=sort.key()/>
            <input type="hidden" name="dir" value=if descending { "desc" } else { "asc" }/>
            <label>{say("players-role")}" "
                <select name="role">
                    <option value="">{say("players-any")}</option>
                    {Role::ALL.into_iter().map(|role| view! {
                        <option value=role.key() selected=q.role.as_deref() == Some(role.key())>{super::words::role_label(role)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>" "{say("players-department")}" "
                <select name="department">
                    <option value="">{say("players-any")}</option>
                    {departments.iter().map(|d| view! {
                        <option value=d.clone() selected=q.department.as_deref() == Some(d.as_str())>{d.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>" "{say("players-named-by-at-least")}" "
                <input type="number" name="min" min="0" value=q.min_in_degree.map(|m| m.to_string()).unwrap_or_default() class="narrow-number"/>
            </label>
            <button type="submit" class="button secondary compact">{say("players-show")}</button>
        </form>
    }
}
