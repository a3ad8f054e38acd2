//! Two networks of a wave laid over each other: which pairs of people are
//! tied in both, and in one only. Said against done: whom people name in a
//! survey, against whom they write to or meet.

use super::{NetworkKey, Overlap, PairCounts};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::say;
use crate::store::analyses;
use crate::store::Db;
use std::collections::{HashMap, HashSet};

/// The pairs tied in `first`, `second` or both, in all and by whether the
/// two are in the same department (as each network's analysis saw them).
pub async fn overlap(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    first: NetworkKey,
    second: NetworkKey,
) -> Result<Overlap, AppError> {
    user.require(CurrentUser::can_see_individuals)?;
    let summaries = analyses::summaries(db, wave_id).await?;
    let title = |network: NetworkKey| {
        summaries
            .iter()
            .find(|s| s.network == network)
            .map(|s| s.title.clone())
            .ok_or_else(|| AppError::not_found(say("players-there-is-no-such-network")))
    };
    let (first_title, second_title) = (title(first)?, title(second)?);
    let pairs = |ties: Vec<(i64, i64, analyses::MapTieWeight)>| -> HashSet<(i64, i64)> {
        ties.into_iter()
            .filter(|(a, b, _)| a != b)
            .map(|(a, b, _)| (a.min(b), a.max(b)))
            .collect()
    };
    let first_pairs = pairs(analyses::map_ties(db, wave_id, first, None).await?);
    let second_pairs = pairs(analyses::map_ties(db, wave_id, second, None).await?);
    let mut departments = analyses::departments(db, wave_id, first).await?;
    departments.extend(analyses::departments(db, wave_id, second).await?);
    Ok(Overlap {
        first: first_title,
        second: second_title,
        ..count(&first_pairs, &second_pairs, &departments)
    })
}

/// The counts of two sets of pairs; a pair whose ends' departments are not
/// both known counts in all only.
fn count(
    first: &HashSet<(i64, i64)>,
    second: &HashSet<(i64, i64)>,
    departments: &HashMap<i64, Option<String>>,
) -> Overlap {
    let mut overlap = Overlap {
        first: String::new(),
        second: String::new(),
        all: PairCounts::default(),
        within: PairCounts::default(),
        across: PairCounts::default(),
    };
    let department = |id: &i64| departments.get(id).cloned().flatten();
    for pair in first.union(second) {
        let add = |counts: &mut PairCounts| match (first.contains(pair), second.contains(pair)) {
            (true, true) => counts.both += 1,
            (true, false) => counts.first_only += 1,
            _ => counts.second_only += 1,
        };
        add(&mut overlap.all);
        match (department(&pair.0), department(&pair.1)) {
            (Some(a), Some(b)) if a == b => add(&mut overlap.within),
            (Some(_), Some(_)) => add(&mut overlap.across),
            _ => {}
        }
    }
    overlap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_once_whichever_way_they_point() {
        let first: HashSet<(i64, i64)> = [(1, 2), (1, 3), (3, 4)].into();
        let second: HashSet<(i64, i64)> = [(1, 2), (2, 4)].into();
        let departments: HashMap<i64, Option<String>> = [
            (1, Some("Sales".to_string())),
            (2, Some("Sales".to_string())),
            (3, Some("Finance".to_string())),
            (4, None),
        ]
        .into();
        let overlap = count(&first, &second, &departments);
        assert_eq!(
            overlap.all,
            PairCounts {
                both: 1,
                first_only: 2,
                second_only: 1
            }
        );
        assert_eq!(
            overlap.within,
            PairCounts {
                both: 1,
                ..Default::default()
            }
        );
        assert_eq!(
            overlap.across,
            PairCounts {
                first_only: 1,
                ..Default::default()
            },
            "pairs with someone of no department count in all only"
        );
        assert!((overlap.all.agreement() - 0.25).abs() < 1e-9);
    }
}
