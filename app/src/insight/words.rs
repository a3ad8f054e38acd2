//! Key players' roles in words, for the analysts who read them: written from
//! the engine's evidence when a page or export is made, so that a rename shows
//! at once and nothing but the facts is ever stored.

use analysis::{Evidence, Role};

pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::CentralConnector => "Central connector",
        Role::Broker => "Broker",
        Role::BoundarySpanner => "Boundary spanner",
        Role::Peripheral => "Peripheral",
        Role::OverloadedBottleneck => "Overloaded bottleneck",
        Role::Energizer => "Energizer",
    }
}

fn colleagues(n: usize) -> &'static str {
    if n == 1 {
        "colleague"
    } else {
        "colleagues"
    }
}

/// "A", "A and B", "A, B and C".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why `name` holds a role, for an analyst.
pub fn role_reason(evidence: &Evidence, name: &str) -> String {
    match evidence {
        Evidence::CentralConnector {
            named_by,
            naming_groups,
            top_share,
        } => {
            let from = if *naming_groups > 1 {
                format!(", from {naming_groups} groups")
            } else {
                String::new()
            };
            format!(
                "{named_by} {} go to {name} for this{from}: in the top {:.0}% of people by colleagues who go to them.",
                colleagues(*named_by),
                top_share * 100.0
            )
        }
        Evidence::Broker {
            constraint,
            top_share,
            linked_groups,
        } => {
            let links = if linked_groups.len() > 1 {
                format!(" {name} links {}.", list(linked_groups))
            } else {
                String::new()
            };
            format!(
                "{name} is in the top {:.0}% of people by shortest paths between colleagues that run through them, among contacts who mostly do not know each other (constraint {constraint:.2}).{links}",
                top_share * 100.0
            )
        }
        Evidence::BoundarySpanner {
            attribute,
            other_groups,
        } => format!(
            "{name}'s ties reach {} other {attribute} groups ({}), more outside their own than inside.",
            other_groups.len(),
            list(other_groups)
        ),
        Evidence::Peripheral { named_by, ties } => match (named_by, ties) {
            (0, 0) => format!("No one names {name}, and {name} names no one."),
            (0, ties) => format!("No one names {name}; {name} names {ties} {}.", colleagues(*ties)),
            (k, ties) => format!(
                "Only {k} {} {} {name}, who is tied to {ties} in all.",
                colleagues(*k),
                if *k == 1 { "names" } else { "name" }
            ),
        },
        Evidence::OverloadedBottleneck {
            named_by,
            top_share,
            need_more_access,
        } => match need_more_access {
            Some(access) => format!(
                "{named_by} {} go to {name} (in the top {:.0}% by colleagues who go to them), and {access} say they need more access to {name}.",
                colleagues(*named_by),
                top_share * 100.0
            ),
            None => format!(
                "{named_by} {} go to {name} (in the top {:.0}% by colleagues who go to them): a lot rests on one person.",
                colleagues(*named_by),
                top_share * 100.0
            ),
        },
        Evidence::Energizer { raters, mean } => format!(
            "{raters} {} say time with {name} leaves them energized (average {mean:+.1} on −2..+2).",
            colleagues(*raters)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list::<&str>(&[]), "");
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B"]), "A and B");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn each_role_is_explained_with_its_figures() {
        let connector = Evidence::CentralConnector {
            named_by: 10,
            naming_groups: 2,
            top_share: 0.1,
        };
        assert_eq!(
            role_reason(&connector, "Ana"),
            "10 colleagues go to Ana for this, from 2 groups: in the top 10% of people by colleagues who go to them."
        );
        let broker = Evidence::Broker {
            constraint: 0.25,
            top_share: 0.1,
            linked_groups: vec!["Finance".into(), "Legal".into()],
        };
        assert!(role_reason(&broker, "Rui")
            .ends_with("(constraint 0.25). Rui links Finance and Legal."));
        let alone = Evidence::Peripheral {
            named_by: 1,
            ties: 2,
        };
        assert_eq!(
            role_reason(&alone, "Eva"),
            "Only 1 colleague names Eva, who is tied to 2 in all."
        );
        let busy = Evidence::OverloadedBottleneck {
            named_by: 12,
            top_share: 0.05,
            need_more_access: Some(4),
        };
        assert_eq!(
            role_reason(&busy, "Sara"),
            "12 colleagues go to Sara (in the top 5% by colleagues who go to them), and 4 say they need more access to Sara."
        );
    }
}
