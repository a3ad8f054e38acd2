//! Networks from elsewhere (email, chat, meetings, a tool's export) added to a
//! wave beside its survey relations, matched to the roster by work email.

use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::policy::Policy;
use crate::store::analyses::{self, ImportedTie};
use crate::store::Db;
use std::collections::BTreeMap;

/// One edge as the file gives it: source and target work emails, and a weight.
pub type Edge = (String, String, f64);

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
    file_name: &str,
    edges: &[Edge],
) -> Result<usize, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if crate::store::surveys::get_wave(db, wave).await?.is_none() {
        return Err(AppError::not_found("There is no such wave."));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(
            "Name: say what the network is, for example \"Email, last quarter\" (at most 200 characters).",
        ));
    }
    let people = crate::store::people::ids_by_email(db).await?;
    let ties = matched_ties(file_name, edges, |email| {
        people.get(&email.to_lowercase()).copied()
    })?;
    analyses::import_network(db, wave, name, file_name, &ties).await?;
    crate::jobs::spawn_wave_analysis(db, policy, wave);
    Ok(ties.len())
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
                AppError::invalid(format!(
                    "{file_name} row {row}, {column} column: '{email}' is not the email of anyone in the roster. People are matched by work email; nothing was added."
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
