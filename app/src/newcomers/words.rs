//! Newcomers in words: introduction reasons, grounds, where ties were seen and
//! what happened in a newcomer's first months, written from the stored facts
//! when a page or an email is made. People are named as they are named now.

use super::{Grounds, Happening, IntroductionStatus, RiskComparison, Seen};
use crate::insight::words::list;
use crate::model::catalogue::{say, say_with, FluentValue};
use crate::model::language::Language;
use analysis::newcomers::{Ground, Reason};

/// The group a newcomer is compared with for "at risk", and why that one.
pub fn risk_comparison(comparison: RiskComparison) -> String {
    say(match comparison {
        RiskComparison::Cohort => "risk-against-cohort",
        RiskComparison::NewcomersPastTheLine => "risk-against-newcomers",
        RiskComparison::Tenured => "risk-against-tenured",
    })
}

pub fn ground_label(ground: Ground) -> String {
    say(match ground {
        Ground::TeamReliance => "ground-team-reliance",
        Ground::ConnectorOrBroker => "ground-connector-or-broker",
        Ground::TriadicClosure => "ground-triadic-closure",
        Ground::FellowNewcomer => "ground-fellow-newcomer",
    })
}

/// Why `name` is suggested to a newcomer, addressed to the newcomer: counts of
/// people and group names, never a metric.
pub fn reason(reason: &Reason<i64>, name: &str, name_of: &dyn Fn(i64) -> String) -> String {
    let name = ("name", FluentValue::from(name));
    match reason {
        Reason::ReliedOn {
            team,
            teammates,
            by_manager,
        } => say_with(
            "suggested-relied-on",
            &[
                name,
                ("team", team.as_deref().unwrap_or("none").into()),
                ("teammates", (*teammates).into()),
                ("manager", if *by_manager { "yes" } else { "no" }.into()),
            ],
        ),
        Reason::Connector {
            named_by,
            departments,
        } => say_with(
            "suggested-connector",
            &[
                name,
                ("named-by", (*named_by).into()),
                ("departments", (*departments).into()),
            ],
        ),
        Reason::Broker { linked_departments } if linked_departments.len() > 1 => say_with(
            "suggested-broker-links",
            &[name, ("departments", list(linked_departments).into())],
        ),
        Reason::Broker { .. } => say_with("suggested-broker", &[name]),
        Reason::Closure { known } => {
            let names: Vec<String> = known.iter().map(|&p| name_of(p)).collect();
            say_with("suggested-closure", &[name, ("known", list(&names).into())])
        }
        Reason::FellowNewcomer => say_with("suggested-fellow-newcomer", &[name]),
    }
}

/// Every reason for one suggested colleague, strongest first.
pub fn reasons(
    reasons: &[Reason<i64>],
    name: &str,
    name_of: &dyn Fn(i64) -> String,
) -> Vec<String> {
    reasons.iter().map(|r| reason(r, name, name_of)).collect()
}

/// Why a colleague was introduced, in words for the newcomer or their manager:
/// only what the disclosure policy lets them learn, in the reader's language.
/// Sentences stored by an older version cannot be judged, so only the roster
/// speaks for those.
pub fn for_newcomer(
    grounds: &Grounds,
    name: &str,
    roster: &crate::disclosure::RosterFacts,
    min_people: usize,
    language: Language,
) -> Vec<String> {
    let facts = match grounds {
        Grounds::Facts(facts) => facts.as_slice(),
        Grounds::Sentences(_) => &[],
    };
    crate::disclosure::introduction(facts, roster, min_people)
        .iter()
        .map(|fact| shareable(fact, name, language))
        .collect()
}

/// What a newcomer or their manager may be told about a suggested colleague.
pub fn shareable(fact: &crate::disclosure::Shareable, name: &str, language: Language) -> String {
    use crate::disclosure::Shareable;
    let name = ("name", FluentValue::from(name));
    let text = |value: &str| FluentValue::from(value.to_string());
    match fact {
        Shareable::TeamGoesTo { team, people } => language.say_with(
            "reason-team-goes-to",
            &[name, ("team", text(team)), ("people", (*people).into())],
        ),
        Shareable::ManyGoTo {
            people,
            departments,
        } => language.say_with(
            "reason-many-go-to",
            &[
                name,
                ("people", (*people).into()),
                ("departments", (*departments).into()),
            ],
        ),
        Shareable::SameTeam { team } => {
            language.say_with("reason-same-team", &[name, ("team", text(team))])
        }
        Shareable::SameDepartment { department } => language.say_with(
            "reason-same-department",
            &[name, ("department", text(department))],
        ),
        Shareable::JoinedRecently => language.say_with("reason-joined-recently", &[name]),
        Shareable::SameLocation { location } => language.say_with(
            "reason-same-location",
            &[name, ("location", text(location))],
        ),
        Shareable::WorksIn { department } => {
            language.say_with("reason-works-in", &[name, ("department", text(department))])
        }
    }
}

/// "Wave 2", "Day-30 pulse".
pub fn seen(seen: Seen) -> String {
    match seen {
        Seen::Wave(number) => say_with("seen-wave", &[("number", number.into())]),
        Seen::Pulse(day) => say_with("seen-pulse", &[("day", day.into())]),
    }
}

fn status_said(status: IntroductionStatus) -> Option<&'static str> {
    match status {
        IntroductionStatus::Met => Some("marked-met"),
        IntroductionStatus::NotUseful => Some("marked-not-useful"),
        IntroductionStatus::Later => Some("marked-later"),
        IntroductionStatus::Suggested => None,
    }
}

/// How a newcomer's own page labels what they said of an introduction.
pub fn status_label(status: IntroductionStatus, language: Language) -> String {
    language.say(match status {
        IntroductionStatus::Met => "welcome-status-met",
        IntroductionStatus::NotUseful => "welcome-status-not-useful",
        IntroductionStatus::Later => "welcome-status-later",
        IntroductionStatus::Suggested => "welcome-status-suggested",
    })
}

/// A timeline in words, as the names stand now.
pub fn timeline(
    events: &[super::Dated<Happening>],
    name_of: &dyn Fn(i64) -> String,
) -> Vec<super::Event> {
    events
        .iter()
        .map(|e| super::Event {
            date: e.date.clone(),
            what: happening(&e.what, name_of),
        })
        .collect()
}

/// One event of a newcomer's timeline, for HR.
pub fn happening(what: &Happening, name_of: &dyn Fn(i64) -> String) -> String {
    match what {
        Happening::Joined { group } => say_with(
            "happened-joined",
            &[("group", group.as_deref().unwrap_or("none").into())],
        ),
        Happening::WaveClosed { number, named_by } => say_with(
            "happened-wave-closed",
            &[
                ("number", (*number).into()),
                ("named-by", (*named_by).into()),
            ],
        ),
        Happening::PulseSent {
            day,
            answer,
            answered,
        } => match answer {
            Some(a) => say_with(
                "happened-pulse-answered",
                &[
                    ("day", (*day).into()),
                    ("went-to", a.went_to.into()),
                    ("came-to-them", a.came_to_them.into()),
                ],
            ),
            None => say_with(
                "happened-pulse-sent",
                &[
                    ("day", (*day).into()),
                    ("answered", if *answered { "yes" } else { "no" }.into()),
                ],
            ),
        },
        Happening::Introduced { people } => {
            let names: Vec<String> = people.iter().map(|&p| name_of(p)).collect();
            say_with(
                "happened-introduced",
                &[("people", names.join(", ").into())],
            )
        }
        Happening::Marked { person, status } => say_with(
            "happened-marked",
            &[
                (
                    "status",
                    status_said(*status).map(say).unwrap_or_default().into(),
                ),
                ("name", name_of(*person).into()),
            ],
        ),
        Happening::TieShowed { person, seen } => {
            let (source, at) = match seen {
                Seen::Wave(number) => ("wave", *number),
                Seen::Pulse(day) => ("pulse", *day),
            };
            say_with(
                "happened-tie-showed",
                &[
                    ("name", name_of(*person).into()),
                    ("source", source.into()),
                    ("at", at.into()),
                ],
            )
        }
        Happening::FirstCameToThem { day } => {
            say_with("happened-first-came", &[("day", (*day).into())])
        }
    }
}

/// Whether a status is worth a line in the timeline.
pub fn is_said(status: IntroductionStatus) -> bool {
    status_said(status).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(id: i64) -> String {
        format!("P{id}")
    }

    #[test]
    fn reasons_are_plain_words_without_metrics() {
        let all: Vec<Reason<i64>> = vec![
            Reason::ReliedOn {
                team: Some("Team A".into()),
                teammates: 2,
                by_manager: true,
            },
            Reason::ReliedOn {
                team: Some("Team A".into()),
                teammates: 0,
                by_manager: true,
            },
            Reason::Connector {
                named_by: 7,
                departments: 3,
            },
            Reason::Broker {
                linked_departments: vec!["Finance".into(), "Sales".into()],
            },
            Reason::Closure { known: vec![1, 2] },
            Reason::FellowNewcomer,
        ];
        let words = reasons(&all, "Sara", &name_of);
        assert_eq!(
            words,
            [
                "2 people in Team A go to Sara for help, and so does your manager.",
                "Your manager goes to Sara for help.",
                "7 people go to Sara for help across 3 departments.",
                "Sara links Finance and Sales.",
                "Sara works with P1 and P2, whom you already know.",
                "Sara joined recently too.",
            ]
        );
        for w in words {
            assert!(!w.contains('%') && !w.contains("constraint") && !w.contains("score"));
        }
    }

    #[test]
    fn a_renamed_colleague_is_named_as_they_are_now() {
        let closure = Reason::Closure { known: vec![9] };
        let before = reason(&closure, "Sara", &|_| "Ana".into());
        let after = reason(&closure, "Sara", &|_| "Ana Lima".into());
        assert!(before.contains("with Ana,") && after.contains("with Ana Lima,"));
    }
}
