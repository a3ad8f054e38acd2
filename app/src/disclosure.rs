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
//! ([`timeline_for_manager`], [`summary_for_manager`]), response rates
//! ([`response_rates`]) and the group map ([`group_map_for_manager`]).

use crate::newcomers::{
    Conversion, Dated, GroupCohort, GroupConversion, GroupPace, Happening, ManagerSummary,
    NewcomersSummary,
};
use crate::surveys::GroupResponse;
use analysis::groups::GroupMatrix;
use analysis::newcomers::Reason;

/// Whether the policy is switched off for one function (a manager's
/// introduction reasons), as the boundary test does to show that it notices.
/// Never on outside tests.
pub fn bypassed() -> bool {
    #[cfg(feature = "test-support")]
    {
        bypass::ON.load(std::sync::atomic::Ordering::SeqCst)
    }
    #[cfg(not(feature = "test-support"))]
    {
        false
    }
}

#[cfg(feature = "test-support")]
pub mod bypass {
    pub(super) static ON: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    pub fn set(on: bool) {
        ON.store(on, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The one grouping whose group map readers other than analysts and admins
/// may ask for. Two groupings where one nests in the other (teams in
/// departments) subtract: a department's line less its shown teams' lines is
/// the hidden team's. One grouping leaves nothing to subtract.
pub const GROUPING_FOR_MANAGERS: &str = "department";

/// The group map a reader other than analysts and admins may see. Groups
/// where fewer than `k` people answered are left out; between the others, a
/// line only where its tie count passes [`count_shown`] (at least `k` ties,
/// and at least `k` of the pairs the two groups' respondents could have named
/// left unnamed). Hidden lines, within-group ties and E-I are taken out
/// before the picture is laid out, so that positions cannot hint at them.
/// `answered[a]`: how many of group a answered. Returns the map and how many
/// groups were left out.
pub fn group_map_for_manager(
    matrix: &GroupMatrix,
    answered: &[usize],
    k: usize,
) -> (GroupMatrix, usize) {
    let keep: Vec<bool> = answered.iter().map(|&n| n >= k).collect();
    let left_out = keep.iter().filter(|kept| !**kept).count();
    let mut shown = matrix.only(&keep);
    let answered: Vec<usize> = answered
        .iter()
        .zip(&keep)
        .filter_map(|(&n, &kept)| kept.then_some(n))
        .collect();
    let groups = shown.groups.len();
    for a in 0..groups {
        shown.ei_index[a] = None;
        shown.ties[a][a] = 0;
        shown.density[a][a] = None;
        for c in (a + 1)..groups {
            let ties = shown.ties[a][c] + shown.ties[c][a];
            let could_have = answered[a] * shown.sizes[c] + answered[c] * shown.sizes[a];
            if !count_shown(ties, could_have, k) {
                shown.ties[a][c] = 0;
                shown.ties[c][a] = 0;
                shown.density[a][c] = None;
                shown.density[c][a] = None;
            }
        }
    }
    (shown, left_out)
}

/// Which of a set of figures may be shown, when figure i comes from
/// `people[i]` people and their total is known: each must come from at least
/// `k`, and the hidden ones together must be at least two and come from at
/// least `k` people, so that the total less the shown ones gives no small
/// group away. The smallest shown figures are hidden until that holds; when
/// all are hidden, the total is shown only under its own rule (the caller's).
pub fn shown(people: &[usize], k: usize) -> Vec<bool> {
    let parts: Vec<Vec<usize>> = people.iter().map(|&n| vec![n]).collect();
    shown_parts(&parts, k)
}

/// [`shown`] for figures of several counts each (say, who answered and who
/// did not): a figure is shown when each of its counts is at least `k`, and
/// the hidden ones, two or more, sum to at least `k` in each count, so that
/// no count of a hidden figure follows from the totals.
pub fn shown_parts(figures: &[Vec<usize>], k: usize) -> Vec<bool> {
    let smallest = |i: usize| figures[i].iter().copied().min().unwrap_or(0);
    let mut shown: Vec<bool> = (0..figures.len()).map(|i| smallest(i) >= k).collect();
    loop {
        let hidden: Vec<usize> = (0..figures.len()).filter(|&i| !shown[i]).collect();
        let parts = figures.first().map_or(0, Vec::len);
        let hidden_sums_safe =
            (0..parts).all(|p| hidden.iter().map(|&i| figures[i][p]).sum::<usize>() >= k);
        if hidden.is_empty() || (hidden.len() >= 2 && hidden_sums_safe) {
            return shown;
        }
        match (0..figures.len())
            .filter(|&i| shown[i])
            .min_by_key(|&i| (smallest(i), i))
        {
            Some(next) => shown[next] = false,
            None => return shown,
        }
    }
}

/// Response rates for anyone but analysts and admins. A group's figures only
/// when at least `k` of it answered and at least `k` did not
/// ([`count_shown`]: "all 6 answered" is a fact about each of the six),
/// suppressed so that no hidden group's answers or non-answers can be worked
/// out from the total; the total under the same rule. Declining is counted
/// in the total alone, under the same rule.
pub fn response_rates(
    overall: GroupResponse,
    mut groups: Vec<GroupResponse>,
    k: usize,
) -> (GroupResponse, Vec<GroupResponse>) {
    let counts = |g: &GroupResponse| {
        let answered = g.answered.unwrap_or(0).max(0) as usize;
        let invited = g.invited.unwrap_or(0).max(0) as usize;
        (answered, invited.saturating_sub(answered))
    };
    let keep = shown_parts(
        &groups
            .iter()
            .map(|g| {
                let (answered, not) = counts(g);
                vec![answered, not]
            })
            .collect::<Vec<_>>(),
        k,
    );
    for (group, keep) in groups.iter_mut().zip(keep) {
        group.declined = None;
        if !keep {
            group.invited = None;
            group.answered = None;
        }
    }
    let mut overall = overall;
    let invited = overall.invited.unwrap_or(0).max(0) as usize;
    if overall
        .declined
        .is_some_and(|d| !count_shown(d.max(0) as usize, invited, k))
    {
        overall.declined = None;
    }
    let (answered, _) = counts(&overall);
    if !count_shown(answered, invited, k) {
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

/// What of a newcomer's timeline a manager may read: when they joined and
/// when HR sent introductions. Waves, pulses, marks and ties come from
/// answers.
pub fn timeline_for_manager(timeline: &[Dated<Happening>]) -> Vec<Dated<Happening>> {
    timeline
        .iter()
        .filter(|e| {
            matches!(
                e.what,
                Happening::Joined { .. } | Happening::Introduced { .. }
            )
        })
        .cloned()
        .collect()
}

/// What a manager sees beside their newcomers: rows of at least `k`
/// newcomers, suppressed so that no hidden row follows from the others, and
/// in them only counts that [`count_shown`] allows; nothing of the pulses or
/// the cohort bands (drawn from fewer), no spread of one group's figures.
pub fn summary_for_manager(summary: NewcomersSummary, k: usize) -> ManagerSummary {
    fn keep_shown<T>(rows: Vec<T>, people: impl Fn(&T) -> usize, k: usize) -> Vec<T> {
        let keep = shown(&rows.iter().map(&people).collect::<Vec<_>>(), k);
        rows.into_iter()
            .zip(keep)
            .filter_map(|(row, keep)| keep.then_some(row))
            .collect()
    }
    let count = |c: usize, n: usize| count_shown(c, n, k).then_some(c);
    let conversions = |rows: Vec<Conversion>| {
        keep_shown(rows, |c| c.newcomers, k)
            .into_iter()
            .map(|c| GroupConversion {
                met: count(c.met, c.suggested),
                became_ties: count(c.became_ties, c.judged),
                group: c.group,
                suggested: c.suggested,
                judged: c.judged,
            })
            .collect()
    };
    ManagerSummary {
        survey: summary.survey,
        wave_number: summary.wave_number,
        wave_closes_on: summary.wave_closes_on,
        window_days: summary.settings.window_days,
        at_risk_days: summary.settings.at_risk_days,
        min_people: k,
        cohorts: keep_shown(summary.cohorts, |c| c.people, k)
            .into_iter()
            .map(|c| GroupCohort {
                median_named_by: c.named_by.1,
                median_days: c.median_days,
                median_first_named_day: c.median_first_named_day,
                at_risk: count(c.at_risk, c.people),
                reached_tenured_median: count(c.reached_tenured_median, c.people),
                cohort: c.cohort,
                people: c.people,
            })
            .collect(),
        pace: keep_shown(summary.pace, |p| p.people, k)
            .into_iter()
            .map(|p| GroupPace {
                reached_tenured_median: count(p.reached_tenured_median, p.people),
                met: p.met,
                people: p.people,
                median_days_to_tenured_median: p.median_days_to_tenured_median,
                median_first_named_day: p.median_first_named_day,
            })
            .collect(),
        by_reason: conversions(summary.by_reason),
        by_cohort: conversions(summary.by_cohort),
    }
}

/// Whether a count may be shown: `count` people did something (named a
/// colleague, reached a mark) out of `could_have` people who could have. When
/// every one of them did, the count is each one's answer; when all but a few
/// did, it is each of the few's. So both the count and the rest must come
/// from at least `k` people. This holds for "x of n" facts about a set of
/// newcomers too: "0 of 6" is a fact about each of the six.
pub fn count_shown(count: usize, could_have: usize, k: usize) -> bool {
    count >= k && could_have >= count && could_have - count >= k
}

pub use crate::model::newcomers::RosterFacts;

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
    /// They work where the newcomer does (a roster fact).
    SameLocation {
        location: String,
    },
    /// Nothing else may be said: the department they work in.
    WorksIn {
        department: String,
    },
}

/// What a newcomer (or their manager) may be told about why a colleague is
/// suggested, from the engine's facts and the roster: counts only under
/// [`count_shown`], at most one count per colleague (two would give away
/// their difference), nothing about the manager's answers, a broker's ties or
/// ties between others.
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
        } if count_shown(*named_by, roster.answered, min_people) => Some(Shareable::ManyGoTo {
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
        } if count_shown(*teammates, roster.team_answered, min_people) => {
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
    // A place in common makes a coffee easy; in the same team it goes without saying.
    if let (Some(location), None) = (&roster.same_location, &roster.same_team) {
        shown.push(Shareable::SameLocation {
            location: location.clone(),
        });
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
    fn no_hidden_count_or_remainder_can_be_worked_out() {
        for k in [3, 5] {
            for a in 0..9 {
                for b in 0..9 {
                    for c in [0, 4, 12] {
                        let figures = vec![
                            vec![a, 9 - a],
                            vec![b, 8 - b],
                            vec![c, 20 - c],
                            vec![30, 30],
                        ];
                        let keep = shown_parts(&figures, k);
                        let hidden: Vec<usize> = (0..4).filter(|&i| !keep[i]).collect();
                        for (i, f) in figures.iter().enumerate() {
                            assert!(!keep[i] || f.iter().all(|&n| n >= k), "{figures:?}");
                        }
                        for part in 0..2 {
                            let sum: usize = hidden.iter().map(|&i| figures[i][part]).sum();
                            assert!(
                                hidden.is_empty() || (hidden.len() >= 2 && sum >= k),
                                "{figures:?} k={k}: hidden {hidden:?}"
                            );
                        }
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
        // Legal had 12 invited but only 3 answers: hidden, and with it the
        // shown group whose smaller count is least (Sales: 10 did not answer).
        assert_eq!(groups[2].answered, Some(20));
        assert_eq!((groups[0].answered, groups[1].answered), (None, None));
        assert!(groups.iter().all(|g| g.declined.is_none()));
        assert_eq!((overall.answered, overall.declined), (Some(53), None));
        let (overall, groups) =
            response_rates(group("Everyone", 10, 4), vec![group("All", 10, 4)], 5);
        assert_eq!((overall.answered, groups[0].answered), (None, None));
        // Everyone answered: a fact about each of them.
        let (overall, _) = response_rates(group("Everyone", 30, 30), vec![], 5);
        assert_eq!(overall.answered, None);
        let (overall, _) = response_rates(group("Everyone", 30, 27), vec![], 5);
        assert_eq!(overall.answered, None, "three did not answer");
        let (overall, _) = response_rates(group("Everyone", 30, 20), vec![], 5);
        assert_eq!(overall.answered, Some(20));
    }

    #[test]
    fn a_manager_reads_when_they_joined_and_were_introduced_only() {
        use crate::newcomers::{IntroductionStatus, Seen};
        let event = |what| Dated {
            date: "2026-05-01".into(),
            what,
        };
        let timeline = vec![
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
            event(Happening::FirstCameToThem { day: 20 }),
            event(Happening::Introduced { people: vec![9] }),
        ];
        assert_eq!(
            timeline_for_manager(&timeline)
                .into_iter()
                .map(|e| e.what)
                .collect::<Vec<_>>(),
            vec![
                Happening::Joined { group: None },
                Happening::Introduced { people: vec![9] }
            ]
        );
    }

    #[test]
    fn a_managers_cohort_rows_state_no_fact_about_each_newcomer() {
        use crate::newcomers::{CohortRow, NewcomerSettings};
        let cohort = |name: &str, people, at_risk, reached| CohortRow {
            cohort: Some(name.into()),
            people,
            named_by: (1, 1, 1),
            median_days: Some(40),
            median_first_named_day: Some(20),
            at_risk,
            reached_tenured_median: reached,
        };
        let summary = NewcomersSummary {
            wave_id: 1,
            settings: NewcomerSettings::default(),
            survey: "S".into(),
            wave_number: 1,
            wave_closes_on: "2026-06-30".into(),
            tenured_median: 2.0,
            without_hire_date: 0,
            bands: Vec::new(),
            // The tester's rows: "At risk 1", "2 of 5", "0 of 6"; and one
            // large enough to say something.
            cohorts: vec![
                cohort("2026-01", 5, 1, 2),
                cohort("2026-02", 6, 0, 0),
                cohort("2026-03", 3, 0, 1),
                cohort("2026-04", 14, 2, 6),
            ],
            pace: Vec::new(),
            by_reason: Vec::new(),
            by_cohort: Vec::new(),
            pulses: Vec::new(),
            pulse_survey_id: 0,
            experiment: Default::default(),
        };
        let seen = summary_for_manager(summary, 5);
        let rows: Vec<(Option<String>, Option<usize>, Option<usize>)> = seen
            .cohorts
            .iter()
            .map(|c| (c.cohort.clone(), c.at_risk, c.reached_tenured_median))
            .collect();
        // The cohort of 3 is hidden, and so the smallest other (5) with it.
        assert_eq!(
            rows,
            vec![
                (Some("2026-02".into()), None, None),
                (Some("2026-04".into()), None, Some(6)),
            ]
        );
    }

    #[test]
    fn a_shared_place_is_said_unless_the_team_is_shared() {
        let elsewhere = RosterFacts {
            department: Some("Finance".into()),
            same_location: Some("Porto".into()),
            ..RosterFacts::default()
        };
        assert_eq!(
            introduction(&[Reason::FellowNewcomer], &elsewhere, 5),
            vec![
                Shareable::JoinedRecently,
                Shareable::SameLocation {
                    location: "Porto".into()
                }
            ]
        );
        let teammate = RosterFacts {
            same_team: Some("Platform".into()),
            ..elsewhere
        };
        assert_eq!(
            introduction(&[], &teammate, 5),
            vec![Shareable::SameTeam {
                team: "Platform".into()
            }]
        );
    }

    #[test]
    fn no_count_under_the_minimum_and_one_count_per_colleague() {
        let roster = RosterFacts {
            team_answered: 20,
            answered: 40,
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
    fn a_managers_group_map_draws_no_line_of_a_few_ties() {
        let groups = ["A", "B", "C", "D"];
        let sizes = vec![10, 10, 10, 3];
        // ties[a][b]: A↔B rests on 1 tie, A↔C on 6, B↔C on 4, D on many.
        let ties = vec![
            vec![9, 1, 3, 5],
            vec![0, 7, 2, 5],
            vec![3, 2, 8, 5],
            vec![5, 5, 5, 2],
        ];
        let matrix = GroupMatrix {
            attribute: "department".into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            sizes,
            density: vec![vec![Some(0.1); 4]; 4],
            ei_index: vec![Some(0.5); 4],
            ties,
        };
        let (shown, left_out) = group_map_for_manager(&matrix, &[8, 8, 8, 3], 5);
        assert_eq!(left_out, 1, "D: three answered");
        assert_eq!(shown.groups, vec!["A", "B", "C"]);
        let between = |a: usize, c: usize| shown.ties[a][c] + shown.ties[c][a];
        assert_eq!((between(0, 1), between(0, 2), between(1, 2)), (0, 6, 0));
        assert!(shown.density[0][1].is_none() && shown.density[0][2].is_some());
        assert!((0..3).all(|a| shown.ties[a][a] == 0 && shown.ei_index[a].is_none()));
    }

    #[test]
    fn a_count_needs_k_who_did_and_k_who_did_not() {
        assert!(count_shown(5, 10, 5));
        assert!(!count_shown(6, 6, 5), "everyone who could have");
        assert!(!count_shown(6, 10, 5), "four did not");
        assert!(!count_shown(4, 40, 5), "too few did");
        assert!(!count_shown(0, 6, 5), "0 of 6 is a fact about each");
        assert!(
            !count_shown(7, 5, 5),
            "a count above its base is not trusted"
        );
        for k in 3..=6 {
            for n in 0..30 {
                for c in 0..=n {
                    assert_eq!(count_shown(c, n, k), c >= k && n - c >= k);
                }
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
            team_answered: 11,
            answered: 60,
            ..RosterFacts::default()
        };
        // The tester's case: 6 of the 6 who could have (Operations 1: the
        // newcomer, Miguel and six others). And 6 of 8: each of the two who
        // did not is singled out.
        for could_have in [6, 8, 10] {
            let small = RosterFacts {
                team_answered: could_have,
                ..roster.clone()
            };
            assert!(
                !introduction(&reasons, &small, 5)
                    .iter()
                    .any(|s| matches!(s, Shareable::TeamGoesTo { .. })),
                "6 of {could_have}: the rest is under five"
            );
        }
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
