//! The introductions experiment, read from the candidates of sent rounds: a
//! pair is judged once a wave or pulse has observed the newcomer after their
//! round, and it "became a tie" when one then shows a tie either way. Rates
//! carry Wilson intervals and their difference Newcombe's; an arm with fewer
//! than k newcomers is not shown.

use super::{Arm, ArmResult, Experiment, ExperimentArms, Lift, RoundResult, SentPick};
use crate::model::catalogue::{say, say_with, FluentValue};
use analysis::stats::{newcombe, wilson};
use std::collections::{BTreeMap, BTreeSet};

/// A sent candidate and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub pick: SentPick,
    /// None while no observation of the newcomer followed the round.
    pub became_tie: Option<bool>,
}

/// The pairs of one arm (or one round's arm), if they come from at least
/// `min_group` newcomers.
fn arm(pairs: &[&Judged], min_group: usize) -> Option<ArmResult> {
    let judged: Vec<&&Judged> = pairs.iter().filter(|j| j.became_tie.is_some()).collect();
    let newcomers: BTreeSet<i64> = judged.iter().map(|j| j.pick.newcomer_id).collect();
    if newcomers.len() < min_group.max(1) {
        return None;
    }
    let became_ties = judged.iter().filter(|j| j.became_tie == Some(true)).count();
    Some(ArmResult {
        pairs: judged.len(),
        newcomers: newcomers.len(),
        became_ties,
        rate: became_ties as f64 / judged.len() as f64,
        ci95: wilson(became_ties, judged.len())?,
    })
}

fn arms(pairs: &[&Judged], min_group: usize) -> (Option<ArmResult>, Option<ArmResult>) {
    let of = |which: Arm| -> Vec<&Judged> {
        pairs
            .iter()
            .copied()
            .filter(|j| j.pick.arm == which)
            .collect()
    };
    (
        arm(&of(Arm::Introduced), min_group),
        arm(&of(Arm::HeldOut), min_group),
    )
}

pub fn report(judged: &[Judged], min_group: usize) -> Experiment {
    let all: Vec<&Judged> = judged.iter().collect();
    let (introduced, held_out) = arms(&all, min_group);
    let lift = match (&introduced, &held_out) {
        (Some(i), Some(h)) => {
            newcombe((i.became_ties, i.pairs), (h.became_ties, h.pairs)).map(|ci95| Lift {
                difference: i.rate - h.rate,
                ci95,
            })
        }
        _ => None,
    };
    let mut by_round: BTreeMap<i64, Vec<&Judged>> = BTreeMap::new();
    for j in judged {
        by_round.entry(j.pick.round_number).or_default().push(j);
    }
    let rounds = by_round
        .into_iter()
        .map(|(round, pairs)| {
            let (introduced, held_out) = arms(&pairs, min_group);
            RoundResult {
                round,
                introduced,
                held_out,
            }
        })
        .collect();
    let note = note(judged, &lift, min_group);
    Experiment {
        enough_data: lift.is_some(),
        arms: ExperimentArms {
            introduced,
            held_out,
        },
        lift,
        rounds,
        waiting: judged.iter().filter(|j| j.became_tie.is_none()).count(),
        simulated: judged.iter().any(|j| j.pick.simulated),
        note,
    }
}

/// The finding, or why there is none yet.
fn note(judged: &[Judged], lift: &Option<Lift>, min_group: usize) -> String {
    let points = |x: f64| FluentValue::from(format!("{:.0}", x * 100.0));
    match lift {
        _ if !judged.iter().any(|j| j.pick.arm == Arm::HeldOut) => say("experiment-none-held-out"),
        None => say_with("experiment-too-few", &[("min-group", min_group.into())]),
        Some(l) => {
            let finding = if l.ci95.0 > 0.0 {
                "more"
            } else if l.ci95.1 < 0.0 {
                "fewer"
            } else {
                "unclear"
            };
            say_with(
                "experiment-finding",
                &[
                    ("finding", finding.into()),
                    ("points", points(l.difference.abs())),
                    (
                        "direction",
                        if l.difference >= 0.0 { "more" } else { "less" }.into(),
                    ),
                    ("low", points(l.ci95.0)),
                    ("high", points(l.ci95.1)),
                ],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(newcomer: i64, arm: Arm, round: i64, became_tie: Option<bool>) -> Judged {
        Judged {
            pick: SentPick {
                newcomer_id: newcomer,
                colleague_id: 100 + newcomer,
                arm,
                round_number: round,
                sent_day: 0,
                simulated: false,
            },
            became_tie,
        }
    }

    /// 56 of 70 introduced pairs and 48 of 80 held-out pairs, from 10
    /// newcomers each: Newcombe's example (a), by hand 0.0524 to 0.3339.
    #[test]
    fn arms_and_lift_carry_wilson_and_newcombe_intervals() {
        let mut pairs = Vec::new();
        for i in 0..70 {
            pairs.push(judged(i % 10, Arm::Introduced, 1, Some(i < 56)));
        }
        for i in 0..80 {
            pairs.push(judged(i % 10, Arm::HeldOut, 1 + i % 2, Some(i < 48)));
        }
        pairs.push(judged(3, Arm::HeldOut, 2, None));
        let report = report(&pairs, 5);
        let introduced = report.arms.introduced.clone().expect("10 newcomers");
        assert_eq!((introduced.pairs, introduced.became_ties), (70, 56));
        assert!((introduced.rate - 0.8).abs() < 1e-12);
        let lift = report.lift.clone().expect("both arms");
        assert!((lift.difference - 0.2).abs() < 1e-12);
        assert!((lift.ci95.0 - 0.0524).abs() < 5e-5 && (lift.ci95.1 - 0.3339).abs() < 5e-5);
        assert_eq!(report.waiting, 1);
        assert!(
            report.enough_data && report.note.contains("20 points more"),
            "{}",
            report.note
        );
        // Round 2 has held-out pairs only: its introduced arm is not shown.
        assert_eq!(report.rounds.len(), 2);
        assert!(report.rounds[1].introduced.is_none() && report.rounds[1].held_out.is_some());
    }

    #[test]
    fn an_arm_from_fewer_than_k_newcomers_is_not_shown() {
        let pairs: Vec<Judged> = (0..40)
            .map(|i| {
                judged(
                    i % 4,
                    if i % 2 == 0 {
                        Arm::Introduced
                    } else {
                        Arm::HeldOut
                    },
                    1,
                    Some(i % 3 == 0),
                )
            })
            .collect();
        let report = report(&pairs, 5);
        assert!(report.arms.introduced.is_none() && report.arms.held_out.is_none());
        assert!(report.lift.is_none() && !report.enough_data);
        assert!(
            report.note.starts_with("Not enough data yet"),
            "{}",
            report.note
        );
        let none = super::report(&[], 5);
        assert!(
            none.note.starts_with("No round has gone out"),
            "{}",
            none.note
        );
    }
}
