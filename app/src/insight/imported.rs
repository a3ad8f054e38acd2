//! Networks from elsewhere (email, chat, meetings, a tool's export) added to a
//! wave beside its survey relations, matched to the roster by work email.

use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::{say, say_with};
use crate::model::policy::Policy;
use crate::store::analyses::{self, ImportedTie};
use crate::store::Db;
use std::collections::BTreeMap;

/// One edge as the file gives it: who, whom, and a weight.
pub type Edge = (String, String, f64);

const SOURCE_NAMES: [&str; 6] = ["source", "from", "ego", "respondent", "sender", "src"];
const TARGET_NAMES: [&str; 6] = ["target", "to", "alter", "named", "recipient", "dst"];

/// The column named one of `names` (any case), or else the `fallback`-th.
pub fn column(headers: &[String], names: &[&str], fallback: usize) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
        .or((fallback < headers.len()).then_some(fallback))
}

/// The ties of an edge list (CSV with a header): who (a column named source,
/// from, ego... or the first), whom (target, to, alter... or the second) and,
/// with `weight`, that column's positive number. Every problem names the file
/// (`label`), row and column.
pub fn parse_edges(label: &str, bytes: &[u8], weight: Option<&str>) -> Result<Vec<Edge>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{label}: the header row cannot be read ({e})."))?
        .iter()
        .map(str::to_string)
        .collect();
    if headers.len() < 2 {
        return Err(format!(
            "{label}: an edge list needs two columns, who and whom (for example source,target); the header has {}.",
            headers.len()
        )
        );
    }
    let source = column(&headers, &SOURCE_NAMES, 0).unwrap_or(0);
    let target = column(&headers, &TARGET_NAMES, 1).unwrap_or(1);
    let weight = match weight {
        Some(name) => Some(
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!(
                        "{label}: there is no column '{name}' for the weights; the columns are {}.",
                        headers.join(", ")
                    )
                })?,
        ),
        None => None,
    };
    let mut edges = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = record.map_err(|e| format!("{label} row {row}: {e}"))?;
        let field = |c: usize| record.get(c).unwrap_or("");
        for c in [source, target] {
            if field(c).is_empty() {
                return Err(format!(
                    "{label} row {row}, column '{}': empty; every tie needs both ends.",
                    headers[c]
                ));
            }
        }
        let w = match weight {
            Some(c) => match field(c).parse::<f64>() {
                Ok(w) if w.is_finite() && w > 0.0 => w,
                _ => {
                    return Err(format!(
                        "{label} row {row}, column '{}': '{}' is not a positive number.",
                        headers[c],
                        field(c)
                    ))
                }
            },
            None => 1.0,
        };
        edges.push((field(source).to_string(), field(target).to_string(), w));
    }
    Ok(edges)
}

/// An uploaded edge list: its file's name and bytes, and the column of its
/// weights, if it has one.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub weight: Option<&'a str>,
}

/// Adds a network to a wave and analyses the wave again. Every row must
/// name people on the roster, or nothing is added and the message names the
/// row and column; self-ties are left out and each ordered pair keeps its
/// largest weight. Returns how many ties were stored.
pub async fn import_network(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave: i64,
    name: &str,
    upload: Upload<'_>,
) -> Result<usize, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let ties = edge_list_ties(db, upload.file_name, upload.bytes, upload.weight).await?;
    add_network(db, wave, name, upload.file_name, &ties).await?;
    crate::jobs::spawn_wave_analysis(db, policy, wave);
    Ok(ties.len())
}

/// The ties of an edge list between people on the roster: every row must
/// name two of them, or the message names the row and column.
pub async fn edge_list_ties(
    db: &Db,
    file_name: &str,
    bytes: &[u8],
    weight: Option<&str>,
) -> Result<Vec<ImportedTie>, AppError> {
    let edges = parse_edges(file_name, bytes, weight).map_err(AppError::Invalid)?;
    let people = crate::store::people::ids_by_email(db).await?;
    matched_ties(file_name, &edges, |email| {
        people.get(&email.to_lowercase()).copied()
    })
}

/// Stores `ties` as a network of `wave` named `name`, read from `source`
/// (the file's own name, never anything inside it). The wave is analysed
/// again by the caller.
pub async fn add_network(
    db: &Db,
    wave: i64,
    name: &str,
    source: &str,
    ties: &[ImportedTie],
) -> Result<i64, AppError> {
    if crate::store::surveys::get_wave(db, wave).await?.is_none() {
        return Err(AppError::not_found(say(
            "refused-insight-there-is-no-such-wave",
        )));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(say(
            "refused-insight-name-say-what-the-network",
        )));
    }
    Ok(analyses::import_network(db, wave, name, source, ties).await?)
}

/// The edges as ties between roster people; the first unknown email stops it.
fn matched_ties(
    file_name: &str,
    edges: &[Edge],
    person: impl Fn(&str) -> Option<i64>,
) -> Result<Vec<ImportedTie>, AppError> {
    let mut ties: BTreeMap<(i64, i64), f64> = BTreeMap::new();
    for (i, (source, target, weight)) in edges.iter().enumerate() {
        // The header is row 1.
        let row = i + 2;
        let mut ends = [0i64; 2];
        for (end, (column, email)) in [("source", source), ("target", target)]
            .into_iter()
            .enumerate()
        {
            ends[end] = person(email).ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-insight-row-column-is-not-the",
                    &[
                        ("file-name", file_name.into()),
                        ("row", row.into()),
                        ("column", column.into()),
                        ("email", email.into()),
                    ],
                ))
            })?;
        }
        if ends[0] != ends[1] {
            let kept = ties.entry((ends[0], ends[1])).or_insert(*weight);
            *kept = kept.max(*weight);
        }
    }
    Ok(ties
        .into_iter()
        .map(|((source_id, target_id), weight)| ImportedTie {
            source_id,
            target_id,
            weight,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(source: &str, target: &str, weight: f64) -> Edge {
        (source.into(), target.into(), weight)
    }

    #[test]
    fn ties_keep_the_largest_weight_and_drop_self_ties() {
        let ids = |email: &str| match email {
            "a@x.test" => Some(1),
            "b@x.test" => Some(2),
            _ => None,
        };
        let edges = [
            edge("a@x.test", "b@x.test", 1.0),
            edge("a@x.test", "b@x.test", 3.0),
            edge("b@x.test", "b@x.test", 5.0),
            edge("b@x.test", "a@x.test", 2.0),
        ];
        let ties = matched_ties("f.csv", &edges, ids).expect("ties");
        let pairs: Vec<(i64, i64, f64)> = ties
            .iter()
            .map(|t| (t.source_id, t.target_id, t.weight))
            .collect();
        assert_eq!(pairs, vec![(1, 2, 3.0), (2, 1, 2.0)]);
    }

    #[test]
    fn an_unknown_email_names_its_row_and_column() {
        let edges = [
            edge("a@x.test", "a@x.test", 1.0),
            edge("a@x.test", "who@x.test", 1.0),
        ];
        let err = matched_ties("mail.csv", &edges, |e| (e == "a@x.test").then_some(1))
            .expect_err("unknown target")
            .to_string();
        assert!(
            err.starts_with("mail.csv row 3, target column: 'who@x.test'"),
            "{err}"
        );
    }
}
