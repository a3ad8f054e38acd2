//! Key players, each with the reason in words. Roles are relative to the
//! organization: "top 10%" compares a person with their colleagues in the same
//! network, with a small absolute floor so that tiny networks do not crown
//! someone for two ties. Every threshold is a field of [`RoleThresholds`].

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

    pub fn label(self) -> &'static str {
        match self {
            Role::CentralConnector => "Central connector",
            Role::Broker => "Broker",
            Role::BoundarySpanner => "Boundary spanner",
            Role::Peripheral => "Peripheral",
            Role::OverloadedBottleneck => "Overloaded bottleneck",
            Role::Energizer => "Energizer",
        }
    }
}

/// The thresholds of the roles. Shares are of the people in the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleThresholds {
    /// Central connector: among the top share by in-degree (people who come to them)...
    pub connector_top_share: f64,
    /// ...and named by at least this many.
    pub connector_min_in_degree: usize,
    /// Broker: among the top share by betweenness...
    pub broker_top_share: f64,
    /// ...with constraint at most this (ties that do not all know each other).
    pub broker_max_constraint: f64,
    /// Boundary spanner: tied to people in at least this many other groups...
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleAssignment {
    /// Index of the node in the analysed graph.
    pub node: usize,
    pub id: String,
    pub role: Role,
    pub reason: String,
}

/// The smallest value that is in the top `share` of `values` (at least one person).
fn top_threshold(values: &[f64], share: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let count = ((values.len() as f64 * share).ceil() as usize).clamp(1, values.len().max(1));
    sorted.get(count - 1).copied().unwrap_or(f64::INFINITY)
}

fn people(n: usize) -> &'static str {
    if n == 1 {
        "colleague"
    } else {
        "colleagues"
    }
}

fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub fn assign(
    g: &Csr,
    nodes: &[NodeMetrics],
    names: &[String],
    grouping: Option<(&str, &[String], &[usize])>,
    extras: &Extras,
    t: &RoleThresholds,
) -> Vec<RoleAssignment> {
    let n = nodes.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let in_degree: Vec<f64> = nodes.iter().map(|m| m.in_degree as f64).collect();
    let betweenness: Vec<f64> = nodes.iter().map(|m| m.betweenness).collect();
    let connector_cut = top_threshold(&in_degree, t.connector_top_share);
    let bottleneck_cut = top_threshold(&in_degree, t.bottleneck_top_share);
    let broker_cut = top_threshold(&betweenness, t.broker_top_share);
    // The groups each person's ties reach, and the groups of those who name them.
    let reach = |v: usize| -> BTreeSet<usize> {
        match grouping {
            Some((_, _, group_of)) => g.mutual(v).iter().map(|(w, _)| group_of[*w as usize]).collect(),
            None => BTreeSet::new(),
        }
    };
    let group_names = |set: &BTreeSet<usize>| -> Vec<&str> {
        match grouping {
            Some((_, groups, _)) => set.iter().map(|&c| groups[c].as_str()).collect(),
            None => Vec::new(),
        }
    };
    let mut push = |v: usize, role: Role, reason: String| {
        out.push(RoleAssignment { node: v, id: nodes[v].id.clone(), role, reason });
    };
    for v in 0..n {
        let m = &nodes[v];
        let name = &names[v];
        let reached = reach(v);
        let naming_groups: BTreeSet<usize> = match grouping {
            Some((_, _, group_of)) => g.pred(v).iter().map(|&w| group_of[w as usize]).collect(),
            None => BTreeSet::new(),
        };
        if m.in_degree as f64 >= connector_cut && m.in_degree >= t.connector_min_in_degree {
            let from = if naming_groups.len() > 1 {
                format!(", from {} groups", naming_groups.len())
            } else {
                String::new()
            };
            push(v, Role::CentralConnector, format!(
                "{} {} go to {name} for this{from}: more than {:.0}% of people.",
                m.in_degree, people(m.in_degree), (1.0 - t.connector_top_share) * 100.0
            ));
        }
        if m.betweenness >= broker_cut && m.betweenness > 0.0 && m.constraint.is_some_and(|c| c <= t.broker_max_constraint) {
            let groups = group_names(&reached);
            let links = if groups.len() > 1 { format!(" {name} links {}.", list(&groups)) } else { String::new() };
            push(v, Role::Broker, format!(
                "{name} is on more shortest paths between colleagues than {:.0}% of people, among contacts who mostly do not know each other (constraint {:.2}).{links}",
                (1.0 - t.broker_top_share) * 100.0,
                m.constraint.unwrap_or_default()
            ));
        }
        if let Some((attribute, _, group_of)) = grouping {
            let others: BTreeSet<usize> = reached.iter().copied().filter(|&c| c != group_of[v]).collect();
            if others.len() >= t.spanner_min_other_groups && m.ei_index.is_some_and(|e| e >= t.spanner_min_ei) {
                push(v, Role::BoundarySpanner, format!(
                    "{name}'s ties reach {} other {attribute} groups ({}), more outside their own than inside.",
                    others.len(),
                    list(&group_names(&others))
                ));
            }
        }
        let ties = g.mutual(v).len();
        if m.in_degree <= t.peripheral_max_in_degree && ties <= t.peripheral_max_ties {
            push(v, Role::Peripheral, match m.in_degree {
                0 => format!("No one names {name}, and {name} is tied to {ties} {}.", people(ties)),
                k => format!("Only {k} {} {} {name}, who is tied to {ties} in all.", people(k), if k == 1 { "names" } else { "name" }),
            });
        }
        if m.in_degree as f64 >= bottleneck_cut && m.in_degree >= t.bottleneck_min_in_degree {
            match &extras.access_nominations {
                Some(access) if access[v] >= t.bottleneck_min_access => push(v, Role::OverloadedBottleneck, format!(
                    "{} {} go to {name} (top {:.0}%), and {} say they need more access to {name}.",
                    m.in_degree, people(m.in_degree), t.bottleneck_top_share * 100.0, access[v]
                )),
                Some(_) => {}
                None => push(v, Role::OverloadedBottleneck, format!(
                    "{} {} go to {name} (top {:.0}%): a lot rests on one person.",
                    m.in_degree, people(m.in_degree), t.bottleneck_top_share * 100.0
                )),
            }
        }
        if let Some(energy) = &extras.energy_received {
            let ratings = &energy[v];
            if ratings.len() >= t.energizer_min_raters {
                let mean = ratings.iter().sum::<f64>() / ratings.len() as f64;
                if mean >= t.energizer_min_mean {
                    push(v, Role::Energizer, format!(
                        "{} {} say time with {name} leaves them energized (average {mean:+.1} on −2..+2).",
                        ratings.len(), people(ratings.len())
                    ));
                }
            }
        }
    }
    out
}
