//! The people table of one analysed network: every person's figures and
//! roles, sorted, filtered and paged on the server (so it works without
//! JavaScript), with a one-line explanation of each column.

use super::PersonRow;
use crate::error::AppError;
use crate::ui::{say, say_with};
use analysis::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows on one page of the table.
pub const PER_PAGE: usize = 50;

/// A column of the table: its key (for sorting), header and meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    Name,
    Department,
    InDegree,
    OutDegree,
    Betweenness,
    Closeness,
    PageRank,
    Constraint,
    EffectiveSize,
    Clustering,
    Reciprocity,
    Community,
    EiIndex,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::Department,
        Column::InDegree,
        Column::OutDegree,
        Column::Betweenness,
        Column::Closeness,
        Column::PageRank,
        Column::Constraint,
        Column::EffectiveSize,
        Column::Clustering,
        Column::Reciprocity,
        Column::Community,
        Column::EiIndex,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Department => "department",
            Column::InDegree => "in_degree",
            Column::OutDegree => "out_degree",
            Column::Betweenness => "betweenness",
            Column::Closeness => "closeness",
            Column::PageRank => "pagerank",
            Column::Constraint => "constraint",
            Column::EffectiveSize => "effective_size",
            Column::Clustering => "clustering",
            Column::Reciprocity => "reciprocity",
            Column::Community => "community",
            Column::EiIndex => "ei_index",
        }
    }

    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

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

    /// Whether larger values come first when the column is picked.
    fn descending_first(self) -> bool {
        !matches!(self, Column::Name | Column::Department | Column::Community)
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

/// What the table shows: sort, direction, filters and page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableQuery {
    pub sort: Option<String>,
    pub descending: Option<bool>,
    pub role: Option<String>,
    pub department: Option<String>,
    pub min_in_degree: Option<usize>,
    pub page: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeopleTable {
    pub rows: Vec<PersonRow>,
    /// People after the filters.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub sort: Column,
    pub descending: bool,
    pub departments: Vec<String>,
}

/// Sorts, filters and pages every person's row.
pub fn table(mut everyone: Vec<PersonRow>, query: &TableQuery) -> PeopleTable {
    let mut departments: Vec<String> = everyone
        .iter()
        .filter_map(|r| r.department.clone())
        .collect();
    departments.sort();
    departments.dedup();
    let role = query
        .role
        .as_deref()
        .and_then(|key| Role::ALL.into_iter().find(|r| r.key() == key));
    everyone.retain(|r| {
        role.is_none_or(|role| r.metrics.roles.contains(&role))
            && query
                .department
                .as_deref()
                .filter(|d| !d.is_empty())
                .is_none_or(|d| r.department.as_deref() == Some(d))
            && query
                .min_in_degree
                .is_none_or(|min| r.metrics.in_degree >= min)
    });
    let sort = query
        .sort
        .as_deref()
        .and_then(Column::parse)
        .unwrap_or(DEFAULT_SORT);
    let descending = query.descending.unwrap_or_else(|| sort.descending_first());
    everyone.sort_by(|a, b| {
        let order = match sort {
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Column::Department => a.department.cmp(&b.department),
            // A missing figure sorts after every present one, either way.
            _ => match (a.number(sort), b.number(sort)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        let order = if descending { order.reverse() } else { order };
        order.then_with(|| a.name.cmp(&b.name))
    });
    let total = everyone.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let rows = everyone
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    PeopleTable {
        rows,
        total,
        page,
        pages,
        sort,
        descending,
        departments,
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
            let everyone = super::service::people_rows(&state.db, &user, wave_id, key).await?;
            Ok(table(everyone, &query))
        }
        .await,
    )
}

/// The column the table sorts by until the analyst picks one.
const DEFAULT_SORT: Column = Column::InDegree;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, in_degree: usize, constraint: Option<f64>) -> PersonRow {
        let parity = if in_degree.is_multiple_of(2) {
            "Even"
        } else {
            "Odd"
        };
        PersonRow {
            person_id: in_degree as i64,
            name: name.into(),
            department: Some(parity.into()),
            closeness: 0.0,
            metrics: analysis::NodeMetrics {
                id: in_degree.to_string(),
                in_degree,
                out_degree: 0,
                in_weight: 0.0,
                out_weight: 0.0,
                betweenness: 0.0,
                harmonic_closeness: 0.0,
                pagerank: None,
                eigenvector: None,
                constraint,
                effective_size: None,
                clustering: 0.0,
                reciprocity: None,
                community: 0,
                ei_index: None,
                roles: if in_degree > 100 {
                    vec![Role::CentralConnector]
                } else {
                    vec![]
                },
            },
        }
    }

    #[test]
    fn sorted_filtered_and_paged() {
        let everyone: Vec<PersonRow> = (0..120)
            .map(|i| row(&format!("P{i:03}"), i, (i % 3 != 0).then_some(i as f64)))
            .collect();
        let t = table(everyone.clone(), &TableQuery::default());
        assert_eq!((t.total, t.pages, t.rows.len()), (120, 3, 50));
        assert_eq!(
            t.rows[0].metrics.in_degree, 119,
            "most named first by default"
        );
        let last = table(
            everyone.clone(),
            &TableQuery {
                page: Some(9),
                ..TableQuery::default()
            },
        );
        assert_eq!(
            (last.page, last.rows.len()),
            (3, 20),
            "a page past the end shows the last"
        );
        let by_constraint = table(
            everyone.clone(),
            &TableQuery {
                sort: Some("constraint".into()),
                descending: Some(false),
                ..TableQuery::default()
            },
        );
        assert_eq!(by_constraint.rows[0].metrics.constraint, Some(1.0));
        let tail = table(
            everyone.clone(),
            &TableQuery {
                sort: Some("constraint".into()),
                page: Some(3),
                ..TableQuery::default()
            },
        );
        assert!(
            tail.rows
                .iter()
                .rev()
                .take(20)
                .all(|r| r.metrics.constraint.is_none()),
            "missing figures last"
        );
        let filtered = table(
            everyone,
            &TableQuery {
                department: Some("Odd".to_string()),
                min_in_degree: Some(100),
                ..TableQuery::default()
            },
        );
        assert_eq!(filtered.total, 10, "odd in-degrees from 101 to 119");
        assert!(filtered
            .rows
            .iter()
            .all(|r| r.metrics.roles == vec![Role::CentralConnector]));
    }
}
