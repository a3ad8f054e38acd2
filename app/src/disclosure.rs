//! The disclosure policy: what anyone other than an analyst or admin may learn
//! from what Knit shows them (newcomers, managers, respondents, and the emails
//! they get). Answers name colleagues, so a sentence can give one person's
//! answer away: "your manager goes to Sara" is her manager's answer; "Sara
//! works with Filipe" is a tie between two others; "1 person in your team
//! goes to her" is one person's answer. Only roster facts (team, department,
//! when someone joined) and figures from at least k people ([`min_people`],
//! `KNIT_MIN_GROUP_SIZE`) reach them, and a hidden figure is never left to be
//! worked out from a total by subtraction ([`shown`]).
//!
//! Everything such a reader sees passes through here: the reasons given for
//! an introduction ([`introduction`]), a manager's view of their newcomers
//! ([`newcomer_for_manager`], [`summary_for_manager`]), response rates
//! ([`response_rates`]) and the group map ([`groups_shown`]).

use crate::newcomers::{Happening, NewcomerFigures, NewcomersSummary};
use crate::surveys::GroupResponse;
use analysis::newcomers::Reason;

/// The smallest group a figure shown to anyone but analysts and admins may
/// come from, as this instance is set.
pub fn min_people() -> usize {
    crate::privacy::get().min_group
}

/// The groups a group map may draw for anyone but analysts and admins: those
/// where at least `k` people answered, so that every line (the density of
/// ties between two groups) comes from k or more answers at either end.
/// Headcounts are roster facts; no total is drawn, so nothing is left to
/// subtract.
pub fn groups_shown(answered: &[usize], k: usize) -> Vec<bool> {
    answered.iter().map(|&n| n >= k).collect()
}

/// Which of a set of figures may be shown, when figure i comes from
/// `people[i]` people and their total is known: each must come from at least
/// `k`, and the hidden ones together must be at least two and come from at
/// least `k` people, so that the total less the shown ones gives no small
/// group away. The smallest shown figures are hidden until that holds; when
/// all are hidden, the total is shown only under its own rule (the caller's).
pub fn shown(people: &[usize], k: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = people.iter().map(|&n| n >= k).collect();
    loop {
        let hidden: Vec<usize> = (0..people.len()).filter(|&i| !shown[i]).collect();
        let hidden_people: usize = hidden.iter().map(|&i| people[i]).sum();
        if hidden.is_empty() || (hidden.len() >= 2 && hidden_people >= k) {
            return shown;
        }
        match (0..people.len())
            .filter(|&i| shown[i])
            .min_by_key(|&i| (people[i], i))
        {
            Some(next) => shown[next] = false,
            None => return shown,
        }
    }
}

/// Response rates for anyone but analysts and admins: a group's figures only
/// when at least `k` of it answered, suppressed so that no hidden group can be
/// worked out from the total, and the total only from `k` answers. Declining
/// is counted in the total alone, and only from `k` people.
pub fn response_rates(
    overall: GroupResponse,
    mut groups: Vec<GroupResponse>,
    k: usize,
) -> (GroupResponse, Vec<GroupResponse>) {
    let answered = |g: &GroupResponse| g.answered.unwrap_or(0).max(0) as usize;
    let keep = shown(&groups.iter().map(answered).collect::<Vec<_>>(), k);
    for (group, keep) in groups.iter_mut().zip(keep) {
        group.declined = None;
        if !keep {
            group.invited = None;
            group.answered = None;
        }
    }
    let mut overall = overall;
    if overall.declined.is_some_and(|d| (d as usize) < k) {
        overall.declined = None;
    }
    if answered(&overall) < k {
        overall.invited = None;
        overall.answered = None;
        overall.declined = None;
        for group in &mut groups {
            group.invited = None;
            group.answered = None;
        }
    }
    (overall, groups)
}

/// What a manager may see of one of their newcomers: who they are, when they
/// joined, their cohort and the colleagues suggested to them (the reasons are
/// written by [`introduction`]). Nothing measured from answers, theirs or
/// anyone's about them: person-level network data is for analysts.
pub fn newcomer_for_manager(figures: NewcomerFigures) -> NewcomerFigures {
    NewcomerFigures {
        person_id: figures.person_id,
        manager_id: figures.manager_id,
        hired_on: figures.hired_on,
        cohort: figures.cohort,
        days: figures.days,
        timeline: figures
            .timeline
            .into_iter()
            .filter(|e| {
                matches!(
                    e.what,
                    Happening::Joined { .. } | Happening::Introduced { .. }
                )
            })
            .collect(),
        suggestions: figures.suggestions,
        ..NewcomerFigures::default()
    }
}

/// What a manager sees beside their newcomers: group figures from at least
/// `k` newcomers, suppressed so that no hidden row follows from the others,
/// and nothing of the pulses or the cohort bands (drawn from fewer).
pub fn summary_for_manager(mut summary: NewcomersSummary, k: usize) -> NewcomersSummary {
    fn keep_shown<T>(rows: &mut Vec<T>, people: impl Fn(&T) -> usize, k: usize) {
        let keep = shown(&rows.iter().map(&people).collect::<Vec<_>>(), k);
        let mut keep = keep.into_iter();
        rows.retain(|_| keep.next().unwrap_or(false));
    }
    keep_shown(&mut summary.by_reason, |c| c.newcomers, k);
    keep_shown(&mut summary.by_cohort, |c| c.newcomers, k);
    keep_shown(&mut summary.cohorts, |c| c.people, k);
    keep_shown(&mut summary.pace, |p| p.people, k);
    summary.bands.clear();
    summary.pulses.clear();
    summary.without_hire_date = 0;
    summary
}

/// What the roster says of a suggested colleague, beside the newcomer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterFacts {
    /// The colleague's team, when it is the newcomer's.
    pub same_team: Option<String>,
    /// The colleague's department, when it is the newcomer's.
    pub same_department: Option<String>,
    /// The colleague's department, whatever it is.
    pub department: Option<String>,
    /// How many others are in the newcomer's team (the manager aside): a count
    /// of all of them would give each one's answer away.
    pub team_colleagues: usize,
}

/// One thing a newcomer or a manager may be told about a suggested colleague.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shareable {
    /// `people` colleagues of the newcomer's `team` go to them for help.
    TeamGoesTo {
        team: String,
        people: usize,
    },
    /// `people` colleagues, from `departments` departments, go to them for help.
    ManyGoTo {
        people: usize,
        departments: usize,
    },
    SameTeam {
        team: String,
    },
    SameDepartment {
        department: String,
    },
    JoinedRecently,
    /// Nothing else may be said: the department they work in.
    WorksIn {
        department: String,
    },
}

/// What a newcomer (or their manager) may be told about why a colleague is
/// suggested, from the engine's facts and the roster: counts only from at
/// least `min_people` people, at most one count per colleague (two would
/// give away their difference), nothing about the manager's answers, a
/// broker's ties or ties between others.
pub fn introduction(
    reasons: &[Reason<i64>],
    roster: &RosterFacts,
    min_people: usize,
) -> Vec<Shareable> {
    let mut shown = Vec::new();
    let many = reasons.iter().find_map(|r| match r {
        Reason::Connector {
            named_by,
            departments,
        } if *named_by >= min_people => Some(Shareable::ManyGoTo {
            people: *named_by,
            departments: *departments,
        }),
        _ => None,
    });
    let team = reasons.iter().find_map(|r| match r {
        Reason::ReliedOn {
            team: Some(team),
            teammates,
            ..
        } if *teammates >= min_people && *teammates < roster.team_colleagues => {
            Some(Shareable::TeamGoesTo {
                team: team.clone(),
                people: *teammates,
            })
        }
        _ => None,
    });
    // One count per colleague: the larger group, which says more.
    shown.extend(many.or(team));
    if let Some(team) = &roster.same_team {
        shown.push(Shareable::SameTeam { team: team.clone() });
    } else if let Some(department) = &roster.same_department {
        shown.push(Shareable::SameDepartment {
            department: department.clone(),
        });
    }
    if reasons.contains(&Reason::FellowNewcomer) {
        shown.push(Shareable::JoinedRecently);
    }
    if shown.is_empty() {
        if let Some(department) = &roster.department {
            shown.push(Shareable::WorksIn {
                department: department.clone(),
            });
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_reason_set() -> Vec<Vec<Reason<i64>>> {
        let mut sets = Vec::new();
        for teammates in 0..8 {
            for by_manager in [false, true] {
                for named_by in 0..9 {
                    sets.push(vec![
                        Reason::ReliedOn {
                            team: Some("Platform".into()),
                            teammates,
                            by_manager,
                        },
                        Reason::Connector {
                            named_by,
                            departments: 3,
                        },
                        Reason::Broker {
                            linked_departments: vec!["Finance".into(), "Sales".into()],
                        },
                        Reason::Closure { known: vec![7, 8] },
                        Reason::FellowNewcomer,
                    ]);
                }
            }
        }
        sets
    }

    /// Every hidden figure must be unrecoverable: the hidden ones are none,
    /// or at least two from at least k people together, and each shown one
    /// comes from k.
    fn assert_safe(people: &[usize], k: usize) {
        let keep = shown(people, k);
        let hidden: Vec<usize> = (0..people.len()).filter(|&i| !keep[i]).collect();
        for (i, &n) in people.iter().enumerate() {
            assert!(!keep[i] || n >= k, "{people:?} k={k}: {n} shown");
        }
        assert!(
            hidden.is_empty()
                || hidden.len() == people.len()
                || (hidden.len() >= 2 && hidden.iter().map(|&i| people[i]).sum::<usize>() >= k),
            "{people:?} k={k}: hidden {hidden:?} can be worked out"
        );
    }

    #[test]
    fn no_hidden_group_can_be_worked_out_from_the_total() {
        // The case: departments of 20, 1 and 2.
        assert_eq!(shown(&[20, 1, 2], 5), vec![false, false, false]);
        assert_eq!(shown(&[20, 30, 1], 5), vec![false, true, false]);
        assert_eq!(shown(&[20, 30, 40], 5), vec![true, true, true]);
        for k in 3..=6 {
            for a in 0..8 {
                for b in 0..8 {
                    for c in [0, 3, 7, 25] {
                        assert_safe(&[a, b, c], k);
                        assert_safe(&[a, b, c, 40], k);
                    }
                }
            }
        }
    }

    #[test]
    fn response_rates_count_answers_not_invitations() {
        let group = |name: &str, invited, answered| GroupResponse {
            group: name.into(),
            invited: Some(invited),
            answered: Some(answered),
            declined: Some(1),
        };
        let groups = vec![
            group("Sales", 40, 30),
            group("Legal", 12, 3),
            group("Ops", 30, 20),
        ];
        let overall = group("Everyone", 82, 53);
        let (overall, groups) = response_rates(overall, groups, 5);
        // Legal had 12 invited but only 3 answers: hidden, and Ops with it.
        assert_eq!(groups[0].answered, Some(30));
        assert_eq!((groups[1].answered, groups[2].answered), (None, None));
        assert!(groups.iter().all(|g| g.declined.is_none()));
        assert_eq!((overall.answered, overall.declined), (Some(53), None));
        let (overall, groups) =
            response_rates(group("Everyone", 10, 4), vec![group("All", 10, 4)], 5);
        assert_eq!((overall.answered, groups[0].answered), (None, None));
    }

    #[test]
    fn a_manager_sees_nothing_measured_of_one_newcomer() {
        use crate::newcomers::{Dated, Happening, IntroductionStatus, NewcomerFigures, Seen};
        let event = |what| Dated {
            date: "2026-05-01".into(),
            what,
        };
        let figures = NewcomerFigures {
            person_id: 7,
            cohort: "2026-04".into(),
            in_degree: 2,
            out_degree: 4,
            at_risk: true,
            first_named_day: Some(20),
            curve: vec![(20, 2)],
            timeline: vec![
                event(Happening::Joined { group: None }),
                event(Happening::Marked {
                    person: 9,
                    status: IntroductionStatus::NotUseful,
                }),
                event(Happening::TieShowed {
                    person: 9,
                    seen: Seen::Pulse(30),
                }),
                event(Happening::WaveClosed {
                    number: 2,
                    named_by: 2,
                }),
                event(Happening::Introduced { people: vec![9] }),
            ],
            ..NewcomerFigures::default()
        };
        let seen = newcomer_for_manager(figures);
        assert_eq!(
            (seen.in_degree, seen.out_degree, seen.at_risk),
            (0, 0, false)
        );
        assert!(seen.curve.is_empty() && seen.first_named_day.is_none());
        assert_eq!(seen.cohort, "2026-04");
        assert_eq!(
            seen.timeline.iter().map(|e| &e.what).collect::<Vec<_>>(),
            vec![
                &Happening::Joined { group: None },
                &Happening::Introduced { people: vec![9] }
            ]
        );
    }

    #[test]
    fn no_count_under_the_minimum_and_one_count_per_colleague() {
        let roster = RosterFacts {
            team_colleagues: 20,
            ..RosterFacts::default()
        };
        for min in [3, 5] {
            for reasons in every_reason_set() {
                let shown = introduction(&reasons, &roster, min);
                let counts: Vec<usize> = shown
                    .iter()
                    .filter_map(|s| match s {
                        Shareable::TeamGoesTo { people, .. }
                        | Shareable::ManyGoTo { people, .. } => Some(*people),
                        _ => None,
                    })
                    .collect();
                assert!(counts.len() <= 1, "{shown:?}");
                assert!(counts.iter().all(|&c| c >= min), "{shown:?}");
            }
        }
    }

    #[test]
    fn a_managers_answer_a_brokers_ties_and_others_ties_are_never_shown() {
        let only_the_manager = vec![Reason::ReliedOn {
            team: Some("Platform".into()),
            teammates: 0,
            by_manager: true,
        }];
        let ties = vec![
            Reason::Broker {
                linked_departments: vec!["Finance".into(), "Sales".into()],
            },
            Reason::Closure { known: vec![7] },
        ];
        let roster = RosterFacts {
            department: Some("Finance".into()),
            ..RosterFacts::default()
        };
        for reasons in [only_the_manager, ties] {
            assert_eq!(
                introduction(&reasons, &roster, 5),
                vec![Shareable::WorksIn {
                    department: "Finance".into()
                }],
                "only a roster fact is left"
            );
        }
    }

    #[test]
    fn roster_facts_and_large_groups_are_shared() {
        let reasons = vec![
            Reason::ReliedOn {
                team: Some("Platform".into()),
                teammates: 6,
                by_manager: true,
            },
            Reason::FellowNewcomer,
        ];
        let roster = RosterFacts {
            same_team: Some("Platform".into()),
            same_department: Some("Engineering".into()),
            department: Some("Engineering".into()),
            team_colleagues: 8,
        };
        let everyone = RosterFacts {
            team_colleagues: 6,
            ..roster.clone()
        };
        assert!(
            !introduction(&reasons, &everyone, 5)
                .iter()
                .any(|s| matches!(s, Shareable::TeamGoesTo { .. })),
            "all six of the team: each one's answer"
        );
        assert_eq!(
            introduction(&reasons, &roster, 5),
            vec![
                Shareable::TeamGoesTo {
                    team: "Platform".into(),
                    people: 6
                },
                Shareable::SameTeam {
                    team: "Platform".into()
                },
                Shareable::JoinedRecently,
            ]
        );
    }
}
