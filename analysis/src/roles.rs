//! Key players, each with the evidence for the role: the counts, groups and
//! figures behind it, never a sentence (words are written for their reader by
//! the application). Roles are relative to the organization: "top 10%"
//! compares a person with their colleagues in the same network, with a small
//! absolute floor so that tiny networks do not crown someone for two ties.
//! Every threshold is a field of [`RoleThresholds`].

use crate::graph::Csr;
use crate::{Extras, NodeMetrics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CentralConnector,
    Broker,
    BoundarySpanner,
    Peripheral,
    OverloadedBottleneck,
    Energizer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::CentralConnector,
        Role::Broker,
        Role::BoundarySpanner,
        Role::Peripheral,
        Role::OverloadedBottleneck,
        Role::Energizer,
    ];

    /// The stored spelling, the same as serde's (and a column value in exports).
    pub fn key(self) -> &'static str {
        match self {
            Role::CentralConnector => "central_connector",
            Role::Broker => "broker",
            Role::BoundarySpanner => "boundary_spanner",
            Role::Peripheral => "peripheral",
            Role::OverloadedBottleneck => "overloaded_bottleneck",
            Role::Energizer => "energizer",
        }
    }
}

/// The thresholds of the roles. Shares are of the people in the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoleThresholds {
    /// Central connector: among the top share by in-degree (people who come to them)...
    pub connector_top_share: f64,
    /// ...and named by at least this many.
    pub connector_min_in_degree: usize,
    /// Broker: among the top share by betweenness...
    pub broker_top_share: f64,
    /// ...with constraint at most this (ties that do not all know each other).
    pub broker_max_constraint: f64,
    /// Boundary spanner: among the top share by the number of other groups
    /// their ties reach...
    pub spanner_top_share: f64,
    /// ...at least this many...
    pub spanner_min_other_groups: usize,
    /// ...with a personal E-I index at least this (more ties out than in).
    pub spanner_min_ei: f64,
    /// Peripheral: named by at most this many colleagues and tied to at most
    /// `peripheral_max_ties` people in all.
    pub peripheral_max_in_degree: usize,
    pub peripheral_max_ties: usize,
    /// Overloaded bottleneck: among the top share by in-degree...
    pub bottleneck_top_share: f64,
    /// ...named by at least this many...
    pub bottleneck_min_in_degree: usize,
    /// ...and, when the "need more access" relation was asked, named by at
    /// least this many as someone they need more access to.
    pub bottleneck_min_access: usize,
    /// Energizer: an average energy rating received of at least this (−2..+2)...
    pub energizer_min_mean: f64,
    /// ...from at least this many colleagues.
    pub energizer_min_raters: usize,
}

impl Default for RoleThresholds {
    fn default() -> RoleThresholds {
        RoleThresholds {
            connector_top_share: 0.10,
            connector_min_in_degree: 3,
            broker_top_share: 0.10,
            broker_max_constraint: 0.5,
            spanner_top_share: 0.10,
            spanner_min_other_groups: 2,
            spanner_min_ei: 0.0,
            peripheral_max_in_degree: 1,
            peripheral_max_ties: 2,
            bottleneck_top_share: 0.05,
            bottleneck_min_in_degree: 5,
            bottleneck_min_access: 3,
            energizer_min_mean: 1.0,
            energizer_min_raters: 3,
        }
    }
}

/// The facts behind one person's role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// `named_by` colleagues go to them, from `naming_groups` groups (0 without
    /// a group attribute); the top `top_share` of people by in-degree.
    CentralConnector {
        named_by: usize,
        naming_groups: usize,
        top_share: f64,
    },
    /// The top `top_share` by betweenness, with `constraint` at most the
    /// threshold; `linked_groups` are the groups their ties reach.
    Broker {
        constraint: f64,
        top_share: f64,
        linked_groups: Vec<String>,
    },
    /// Their ties reach these groups of `attribute` other than their own.
    BoundarySpanner {
        attribute: String,
        other_groups: Vec<String>,
    },
    /// Named by `named_by`, tied to `ties` people in all.
    Peripheral { named_by: usize, ties: usize },
    /// Named by `named_by` (the top `top_share`), and by `need_more_access`
    /// as someone they need more access to, when that relation was asked.
    OverloadedBottleneck {
        named_by: usize,
        top_share: f64,
        need_more_access: Option<usize>,
    },
    /// `raters` colleagues rated time with them `mean` on average (−2..+2).
    Energizer { raters: usize, mean: f64 },
}

impl Evidence {
    pub fn role(&self) -> Role {
        match self {
            Evidence::CentralConnector { .. } => Role::CentralConnector,
            Evidence::Broker { .. } => Role::Broker,
            Evidence::BoundarySpanner { .. } => Role::BoundarySpanner,
            Evidence::Peripheral { .. } => Role::Peripheral,
            Evidence::OverloadedBottleneck { .. } => Role::OverloadedBottleneck,
            Evidence::Energizer { .. } => Role::Energizer,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleAssignment {
    /// Index of the node in the analysed graph.
    pub node: usize,
    pub id: String,
    pub role: Role,
    pub evidence: Evidence,
    /// How strongly the person holds the role (in-degree, betweenness, groups
    /// reached, average energy...), to list the strongest first.
    pub score: f64,
}

/// The smallest value that is in the top `share` of `values` (at least one person).
fn top_threshold(values: &[f64], share: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let count = ((values.len() as f64 * share).ceil() as usize).clamp(1, values.len().max(1));
    sorted.get(count - 1).copied().unwrap_or(f64::INFINITY)
}

pub fn assign(
    g: &Csr,
    nodes: &[NodeMetrics],
    grouping: Option<(&str, &[String], &[usize])>,
    extras: &Extras,
    t: &RoleThresholds,
) -> Vec<RoleAssignment> {
    if nodes.is_empty() {
        return Vec::new();
    }
    let roles = RoleRules::new(g, nodes, grouping, extras, t);
    let mut out = Vec::new();
    for (v, node) in nodes.iter().enumerate() {
        let found = [
            roles.central_connector(v),
            roles.broker(v),
            roles.boundary_spanner(v),
            roles.peripheral(v),
            roles.overloaded_bottleneck(v),
            roles.energizer(v),
        ];
        out.extend(
            found
                .into_iter()
                .flatten()
                .map(|(evidence, score)| RoleAssignment {
                    node: v,
                    id: node.id.clone(),
                    role: evidence.role(),
                    evidence,
                    score,
                }),
        );
    }
    out
}

/// The thresholds turned into cut-offs on this network, and each role's test
/// for one person: its evidence and score when they hold it.
struct RoleRules<'a> {
    g: &'a Csr,
    nodes: &'a [NodeMetrics],
    grouping: Option<(&'a str, &'a [String], &'a [usize])>,
    extras: &'a Extras,
    t: &'a RoleThresholds,
    connector_cut: f64,
    bottleneck_cut: f64,
    broker_cut: f64,
    spanner_cut: f64,
    /// The groups other than their own that each person's ties reach.
    other_groups: Vec<BTreeSet<usize>>,
}

impl<'a> RoleRules<'a> {
    fn new(
        g: &'a Csr,
        nodes: &'a [NodeMetrics],
        grouping: Option<(&'a str, &'a [String], &'a [usize])>,
        extras: &'a Extras,
        t: &'a RoleThresholds,
    ) -> Self {
        let in_degree: Vec<f64> = nodes.iter().map(|m| m.in_degree as f64).collect();
        let betweenness: Vec<f64> = nodes.iter().map(|m| m.betweenness).collect();
        let mut rules = RoleRules {
            g,
            nodes,
            grouping,
            extras,
            t,
            connector_cut: top_threshold(&in_degree, t.connector_top_share),
            bottleneck_cut: top_threshold(&in_degree, t.bottleneck_top_share),
            broker_cut: top_threshold(&betweenness, t.broker_top_share),
            spanner_cut: 0.0,
            other_groups: Vec::new(),
        };
        rules.other_groups = (0..nodes.len())
            .map(|v| match grouping {
                Some((_, _, group_of)) => rules
                    .reach(v)
                    .into_iter()
                    .filter(|&c| c != group_of[v])
                    .collect(),
                None => BTreeSet::new(),
            })
            .collect();
        let spanned: Vec<f64> = rules.other_groups.iter().map(|s| s.len() as f64).collect();
        rules.spanner_cut = top_threshold(&spanned, t.spanner_top_share);
        rules
    }

    /// The groups a person's ties reach.
    fn reach(&self, v: usize) -> BTreeSet<usize> {
        match self.grouping {
            Some((_, _, group_of)) => self
                .g
                .mutual(v)
                .iter()
                .map(|(w, _)| group_of[*w as usize])
                .collect(),
            None => BTreeSet::new(),
        }
    }

    fn group_names(&self, set: &BTreeSet<usize>) -> Vec<String> {
        match self.grouping {
            Some((_, groups, _)) => set.iter().map(|&c| groups[c].clone()).collect(),
            None => Vec::new(),
        }
    }

    fn central_connector(&self, v: usize) -> Option<(Evidence, f64)> {
        let m = &self.nodes[v];
        if (m.in_degree as f64) < self.connector_cut || m.in_degree < self.t.connector_min_in_degree
        {
            return None;
        }
        let naming_groups: BTreeSet<usize> = match self.grouping {
            Some((_, _, group_of)) => self
                .g
                .pred(v)
                .iter()
                .map(|&w| group_of[w as usize])
                .collect(),
            None => BTreeSet::new(),
        };
        let evidence = Evidence::CentralConnector {
            named_by: m.in_degree,
            naming_groups: naming_groups.len(),
            top_share: self.t.connector_top_share,
        };
        Some((evidence, m.in_degree as f64))
    }

    fn broker(&self, v: usize) -> Option<(Evidence, f64)> {
        let m = &self.nodes[v];
        let between_groups = m.betweenness >= self.broker_cut && m.betweenness > 0.0;
        let constraint = m
            .constraint
            .filter(|c| between_groups && *c <= self.t.broker_max_constraint)?;
        let evidence = Evidence::Broker {
            constraint,
            top_share: self.t.broker_top_share,
            linked_groups: self.group_names(&self.reach(v)),
        };
        Some((evidence, m.betweenness))
    }

    fn boundary_spanner(&self, v: usize) -> Option<(Evidence, f64)> {
        let (attribute, _, _) = self.grouping?;
        let others = &self.other_groups[v];
        let spans = others.len() >= self.t.spanner_min_other_groups
            && others.len() as f64 >= self.spanner_cut
            && self.nodes[v]
                .ei_index
                .is_some_and(|e| e >= self.t.spanner_min_ei);
        spans.then(|| {
            let evidence = Evidence::BoundarySpanner {
                attribute: attribute.to_string(),
                other_groups: self.group_names(others),
            };
            (evidence, others.len() as f64)
        })
    }

    fn peripheral(&self, v: usize) -> Option<(Evidence, f64)> {
        let named_by = self.nodes[v].in_degree;
        let ties = self.g.mutual(v).len();
        let answered = self.extras.answered.as_ref().is_none_or(|a| a[v]);
        (answered
            && named_by <= self.t.peripheral_max_in_degree
            && ties <= self.t.peripheral_max_ties)
            .then(|| (Evidence::Peripheral { named_by, ties }, -(ties as f64)))
    }

    fn overloaded_bottleneck(&self, v: usize) -> Option<(Evidence, f64)> {
        let m = &self.nodes[v];
        if (m.in_degree as f64) < self.bottleneck_cut
            || m.in_degree < self.t.bottleneck_min_in_degree
        {
            return None;
        }
        // With the "need more access" relation asked, only those many say
        // they need more of are overloaded; without it, in-degree alone.
        let access = self.extras.access_nominations.as_ref().map(|a| a[v]);
        if access.is_some_and(|a| a < self.t.bottleneck_min_access) {
            return None;
        }
        let evidence = Evidence::OverloadedBottleneck {
            named_by: m.in_degree,
            top_share: self.t.bottleneck_top_share,
            need_more_access: access,
        };
        Some((evidence, m.in_degree as f64 + access.unwrap_or(0) as f64))
    }

    fn energizer(&self, v: usize) -> Option<(Evidence, f64)> {
        let ratings = &self.extras.energy_received.as_ref()?[v];
        if ratings.len() < self.t.energizer_min_raters {
            return None;
        }
        let mean = ratings.iter().sum::<f64>() / ratings.len() as f64;
        (mean >= self.t.energizer_min_mean).then(|| {
            let evidence = Evidence::Energizer {
                raters: ratings.len(),
                mean,
            };
            (evidence, mean)
        })
    }
}

#[cfg(test)]
mod key_tests {
    #[test]
    fn keys_are_serde_spellings() {
        for role in super::Role::ALL {
            assert_eq!(
                serde_json::to_string(&role).expect("json"),
                format!("\"{}\"", role.key())
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Extras, GraphBuilder, Options, Role};
    use std::collections::BTreeMap;

    /// Two teams, each around a hub its members all ask, the hubs tied to each
    /// other, and one person from Legal who asks a single Finance colleague.
    fn organization() -> crate::Graph {
        let mut b = GraphBuilder::new();
        let team = |i: usize| if i < 10 { "Sales" } else { "Finance" };
        for i in 0..21 {
            let attributes: BTreeMap<String, String> = [(
                "department".to_string(),
                if i == 20 { "Legal" } else { team(i) }.to_string(),
            )]
            .into();
            b.node(&format!("p{i}"), attributes);
        }
        for i in 1..10 {
            b.edge(&format!("p{i}"), "p0", 1.0);
            b.edge(&format!("p{}", i), &format!("p{}", (i % 9) + 1), 1.0);
        }
        for i in 11..20 {
            b.edge(&format!("p{i}"), "p10", 1.0);
            b.edge(&format!("p{}", i), &format!("p{}", (i - 10) % 9 + 11), 1.0);
        }
        b.edge("p0", "p10", 1.0);
        b.edge("p10", "p0", 1.0);
        b.edge("p20", "p19", 1.0);
        b.build()
    }

    fn roles_of(report: &crate::Report, id: &str) -> Vec<Role> {
        report
            .nodes
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.roles.clone())
            .unwrap_or_default()
    }

    #[test]
    fn roles_follow_the_structure_and_give_reasons() {
        let options = Options {
            group_attribute: Some("department".into()),
            ..Options::default()
        };
        let report = analyze(&organization(), &options, &Extras::default());
        assert!(roles_of(&report, "p0").contains(&Role::CentralConnector));
        // p19 alone ties Legal's one person to the rest.
        let broker = report
            .roles
            .iter()
            .find(|r| r.role == Role::Broker)
            .expect("a broker");
        assert_eq!(broker.id, "p19");
        assert!(
            matches!(&broker.evidence, crate::roles::Evidence::Broker { linked_groups, .. }
                if linked_groups == &["Finance".to_string(), "Legal".to_string()]),
            "{:?}",
            broker.evidence
        );
        // The hubs' contacts all know each other: no brokerage there.
        assert!(!roles_of(&report, "p0").contains(&Role::Broker));
        assert!(roles_of(&report, "p20").contains(&Role::Peripheral));
        assert!(!roles_of(&report, "p5").contains(&Role::CentralConnector));
        let evidence = report
            .roles
            .iter()
            .find(|r| r.id == "p0" && r.role == Role::CentralConnector)
            .map(|r| r.evidence.clone());
        assert_eq!(
            evidence,
            Some(crate::roles::Evidence::CentralConnector {
                named_by: 10,
                naming_groups: 2,
                top_share: 0.10
            })
        );
    }

    #[test]
    fn thresholds_are_configurable_and_bottlenecks_need_access_nominations() {
        let graph = organization();
        let strict = Options {
            thresholds: crate::RoleThresholds {
                connector_min_in_degree: 50,
                ..Default::default()
            },
            ..Options::default()
        };
        assert!(
            !roles_of(&analyze(&graph, &strict, &Extras::default()), "p0")
                .contains(&Role::CentralConnector)
        );
        let mut access = vec![0; graph.node_count()];
        let with_access = |access: Vec<usize>| Extras {
            access_nominations: Some(access),
            ..Extras::default()
        };
        let options = Options {
            thresholds: crate::RoleThresholds {
                bottleneck_min_in_degree: 5,
                ..Default::default()
            },
            ..Options::default()
        };
        assert!(!roles_of(
            &analyze(&graph, &options, &with_access(access.clone())),
            "p0"
        )
        .contains(&Role::OverloadedBottleneck));
        access[0] = 4;
        let report = analyze(&graph, &options, &with_access(access));
        assert!(roles_of(&report, "p0").contains(&Role::OverloadedBottleneck));
    }

    #[test]
    fn people_who_did_not_answer_are_never_peripheral() {
        let graph = organization();
        let mut answered = vec![true; graph.node_count()];
        let before = analyze(&graph, &Options::default(), &Extras::default());
        assert!(roles_of(&before, "p20").contains(&Role::Peripheral));
        let p20 = graph
            .node_weights()
            .position(|n| n.id == "p20")
            .expect("p20");
        answered[p20] = false;
        let report = analyze(
            &graph,
            &Options::default(),
            &Extras {
                answered: Some(answered),
                ..Extras::default()
            },
        );
        assert!(!roles_of(&report, "p20").contains(&Role::Peripheral));
    }

    #[test]
    fn energizers_come_from_energy_ratings() {
        let graph = organization();
        let mut energy = vec![Vec::new(); graph.node_count()];
        energy[3] = vec![2.0, 1.0, 2.0];
        energy[4] = vec![2.0, -2.0, 1.0];
        let report = analyze(
            &graph,
            &Options::default(),
            &Extras {
                energy_received: Some(energy),
                ..Extras::default()
            },
        );
        assert!(roles_of(&report, "p3").contains(&Role::Energizer));
        assert!(!roles_of(&report, "p4").contains(&Role::Energizer));
    }
}
