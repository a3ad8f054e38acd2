//! Newcomers in words: introduction reasons, grounds, where ties were seen and
//! what happened in a newcomer's first months, written from the stored facts
//! when a page or an email is made. People are named as they are named now.

use super::{Grounds, Happening, IntroductionStatus, RiskComparison, Seen};
use crate::insight::words::list;
use crate::model::catalogue::FluentValue;
use crate::model::language::Language;
use analysis::newcomers::{Ground, Reason};

/// The group a newcomer is compared with for "at risk", and why that one.
pub fn risk_comparison(comparison: RiskComparison) -> &'static str {
    match comparison {
        RiskComparison::Cohort => "the lower quartile of their hire cohort",
        RiskComparison::NewcomersPastTheLine => {
            "the lower quartile of every newcomer past the at-risk day (their hire cohort is too small to compare with)"
        }
        RiskComparison::Tenured => {
            "the lower quartile of tenured colleagues (too few newcomers to compare with)"
        }
    }
}

pub fn ground_label(ground: Ground) -> &'static str {
    match ground {
        Ground::TeamReliance => "Relied on by their team",
        Ground::ConnectorOrBroker => "Connector or broker",
        Ground::TriadicClosure => "Colleague of a colleague",
        Ground::FellowNewcomer => "Fellow newcomer",
    }
}

/// Why `name` is suggested to a newcomer, addressed to the newcomer: counts of
/// people and group names, never a metric.
pub fn reason(reason: &Reason<i64>, name: &str, name_of: &dyn Fn(i64) -> String) -> String {
    match reason {
        Reason::ReliedOn {
            team,
            teammates,
            by_manager,
        } => {
            let teammates_go = match (team, teammates) {
                (Some(t), 1) => format!("1 person in {t} goes to {name} for help"),
                (Some(t), k) => format!("{k} people in {t} go to {name} for help"),
                (None, _) => String::new(),
            };
            match (teammates, by_manager) {
                (0, _) => format!("Your manager goes to {name} for help."),
                (_, true) => format!("{teammates_go}, and so does your manager."),
                (_, false) => format!("{teammates_go}."),
            }
        }
        Reason::Connector {
            named_by,
            departments,
        } => {
            let across = match departments {
                0 | 1 => String::new(),
                d => format!(" across {d} departments"),
            };
            let who = if *named_by == 1 {
                "person goes"
            } else {
                "people go"
            };
            format!("{named_by} {who} to {name} for help{across}.")
        }
        Reason::Broker { linked_departments } => {
            if linked_departments.len() > 1 {
                format!("{name} links {}.", list(linked_departments))
            } else {
                format!("{name} connects colleagues who do not otherwise work together.")
            }
        }
        Reason::Closure { known } => {
            let names: Vec<String> = known.iter().map(|&p| name_of(p)).collect();
            format!(
                "{name} works with {}, whom you already know.",
                names.join(" and ")
            )
        }
        Reason::FellowNewcomer => format!("{name} joined recently too."),
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
        Seen::Wave(number) => format!("Wave {number}"),
        Seen::Pulse(day) => format!("Day-{day} pulse"),
    }
}

fn status_said(status: IntroductionStatus) -> Option<&'static str> {
    match status {
        IntroductionStatus::Met => Some("we met"),
        IntroductionStatus::NotUseful => Some("not useful"),
        IntroductionStatus::Later => Some("later"),
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
        Happening::Joined { group } => format!(
            "Joined{}",
            group.as_ref().map(|t| format!(" {t}")).unwrap_or_default()
        ),
        Happening::WaveClosed { number, named_by } => {
            format!("Wave {number} closed: {named_by} named them as someone they go to for help")
        }
        Happening::PulseSent {
            day,
            answer,
            answered,
        } => {
            let said = match answer {
                Some(a) => format!(": goes to {}; {} came to them", a.went_to, a.came_to_them),
                None if *answered => ": answered, naming no one".into(),
                None => ": not answered".into(),
            };
            format!("Day-{day} pulse sent{said}")
        }
        Happening::Introduced { people } => format!(
            "Introduced to {}",
            people
                .iter()
                .map(|&p| name_of(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Happening::Marked { person, status } => format!(
            "Marked “{}”: {}",
            status_said(*status).unwrap_or_default(),
            name_of(*person)
        ),
        Happening::TieShowed { person, seen } => {
            let source = match seen {
                Seen::Wave(number) => format!("wave {number}"),
                Seen::Pulse(day) => format!("the day-{day} pulse"),
            };
            format!("A tie with {} showed in {source}", name_of(*person))
        }
        Happening::FirstCameToThem { day } => {
            format!("First seen with someone coming to them for help (day {day})")
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
