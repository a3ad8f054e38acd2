//! Key players' roles in words, for the analysts who read them: written from
//! the engine's evidence when a page or export is made, so that a rename shows
//! at once and nothing but the facts is ever stored.

use crate::model::catalogue::{say, say_with, FluentValue};
use analysis::{Evidence, Role};

pub fn role_label(role: Role) -> String {
    say(match role {
        Role::CentralConnector => "role-central-connector",
        Role::Broker => "role-broker",
        Role::BoundarySpanner => "role-boundary-spanner",
        Role::Peripheral => "role-peripheral",
        Role::OverloadedBottleneck => "role-overloaded-bottleneck",
        Role::Energizer => "role-energizer",
    })
}

/// "A", "A and B", "A, B and C".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => say_with(
            "list-last",
            &[("rest", rest.join(", ").into()), ("last", (*last).into())],
        ),
    }
}

/// A share as a whole percentage ("10").
fn percent(share: f64) -> FluentValue<'static> {
    format!("{:.0}", share * 100.0).into()
}

/// Why `name` holds a role, for an analyst.
pub fn role_reason(evidence: &Evidence, name: &str) -> String {
    let name = ("name", FluentValue::from(name));
    match evidence {
        Evidence::CentralConnector {
            named_by,
            naming_groups,
            top_share,
        } => say_with(
            "role-why-central-connector",
            &[
                name,
                ("named-by", (*named_by).into()),
                ("groups", (*naming_groups).into()),
                ("top", percent(*top_share)),
            ],
        ),
        Evidence::Broker {
            constraint,
            top_share,
            linked_groups,
        } => say_with(
            "role-why-broker",
            &[
                name,
                ("top", percent(*top_share)),
                ("constraint", format!("{constraint:.2}").into()),
                ("linked", linked_groups.len().into()),
                ("groups", list(linked_groups).into()),
            ],
        ),
        Evidence::BoundarySpanner {
            attribute,
            other_groups,
        } => say_with(
            "role-why-boundary-spanner",
            &[
                name,
                ("count", other_groups.len().into()),
                ("attribute", attribute.as_str().into()),
                ("groups", list(other_groups).into()),
            ],
        ),
        Evidence::Peripheral { named_by, ties } => say_with(
            "role-why-peripheral",
            &[
                name,
                ("named-by", (*named_by).into()),
                ("ties", (*ties).into()),
            ],
        ),
        Evidence::OverloadedBottleneck {
            named_by,
            top_share,
            need_more_access,
        } => say_with(
            "role-why-overloaded-bottleneck",
            &[
                name,
                ("named-by", (*named_by).into()),
                ("top", percent(*top_share)),
                (
                    "need-more-access",
                    need_more_access.map_or("none".into(), FluentValue::from),
                ),
            ],
        ),
        Evidence::Energizer { raters, mean } => say_with(
            "role-why-energizer",
            &[
                name,
                ("raters", (*raters).into()),
                ("mean", format!("{mean:+.1}").into()),
            ],
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
