//! What Knit promises the people it asks, as settings that the code enforces:
//! the smallest group any figure shown to a non-analyst may come from (k), and
//! how long individual answers are kept. The texts respondents read are
//! written here from the same settings the disclosure policy and the deletion
//! job use, so that the promise and the code cannot drift apart.

#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
pub mod subject;

pub use crate::model::privacy::*;
