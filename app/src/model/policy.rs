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
}

impl Policy {
    /// k: the fewest people a figure shown to anyone but analysts and admins may come from.
    pub fn min_people(&self) -> usize {
        self.privacy.min_group
    }
}
