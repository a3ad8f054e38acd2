//! The instance's settings that the services apply, as one value: what it
//! promises the people it asks, and how it reads key players. Built from the
//! configuration at start and handed down (`AppSettings`, the command line's
//! calls, the workers), never kept in a static: two instances in one process
//! may differ.

use super::privacy::Privacy;
use analysis::RoleThresholds;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    pub privacy: Privacy,
    pub role_thresholds: RoleThresholds,
    pub passive: PassiveNetworks,
}

/// How traces in a company's files (messages, meetings) become ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassiveNetworks {
    /// How far before a wave closes the traces count.
    pub window_days: i64,
    /// Messages to more people, and meetings of more, are broadcasts: no ties.
    pub largest_group: usize,
}

impl Default for PassiveNetworks {
    fn default() -> PassiveNetworks {
        PassiveNetworks {
            window_days: 90,
            largest_group: 25,
        }
    }
}

impl Policy {
    /// k: the fewest people a figure shown to anyone but analysts and admins may come from.
    pub fn min_people(&self) -> usize {
        self.privacy.min_group
    }
}
