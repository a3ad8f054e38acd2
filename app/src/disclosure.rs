//! The disclosure policy: what anyone other than an analyst or admin may learn
//! from what Knit shows them. Answers name colleagues, so a sentence can give
//! one person's answer away: "your manager goes to Sara" is her manager's
//! answer; "Sara works with Filipe" is a tie between two others; "1 person in
//! your team goes to her" is one person's answer. Only roster facts (team,
//! department, when someone joined) and figures from at least [`MIN_PEOPLE`]
//! people reach newcomers and managers, and never two figures about the same
//! person whose difference would be a smaller group.
//!
//! This module decides what introductions say to newcomers and managers; the
//! other figures managers see (their newcomers' counts and timelines) are not
//! under it yet.

use analysis::newcomers::Reason;

/// The smallest group a figure shown to a newcomer or a manager may come from.
pub const MIN_PEOPLE: usize = 5;

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
                introduction(&reasons, &roster, MIN_PEOPLE),
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
            !introduction(&reasons, &everyone, MIN_PEOPLE)
                .iter()
                .any(|s| matches!(s, Shareable::TeamGoesTo { .. })),
            "all six of the team: each one's answer"
        );
        assert_eq!(
            introduction(&reasons, &roster, MIN_PEOPLE),
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
