//! A respondent's own network, given back once their wave is analysed: what
//! they named, and figures about them drawn from others' answers only as the
//! disclosure policy allows (a count of fewer than k people is a range, and
//! never who).

use super::language::Language;
use serde::{Deserialize, Serialize};

/// Everything the report page shows one person. Built by the disclosure
/// rules: no field holds another person's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalReport {
    pub survey_name: String,
    pub respondent_name: String,
    pub language: Language,
    /// The day the wave closed (ISO).
    pub closed_on: String,
    /// k: counts of fewer people are ranges.
    pub min_group: usize,
    /// How long after the wave closed the report goes with the answers, in words.
    pub kept: String,
    pub questions: Vec<QuestionReport>,
    pub reach: Reach,
    pub suggestions: Vec<Suggestion>,
}

/// One question: whom the person named (their own answer), and how many
/// named them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionReport {
    pub question: String,
    pub named: Vec<NamedColleague>,
    pub named_by: Count,
}

/// A colleague the person named, with the roster's facts about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedColleague {
    pub name: String,
    pub department: Option<String>,
}

/// How many people did something: exact from k up, a range below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Count {
    Exactly(usize),
    FewerThan(usize),
}

impl Count {
    /// The count as the policy lets it be told.
    pub fn of(count: usize, min_group: usize) -> Count {
        if count >= min_group {
            Count::Exactly(count)
        } else {
            Count::FewerThan(min_group)
        }
    }
}

/// How far the person's named colleagues reach across departments, beside
/// everyone who answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reach {
    pub colleagues: usize,
    pub departments: usize,
    pub departments_in_organization: usize,
    /// Departments reached: quartiles over everyone who answered, when at
    /// least k did.
    pub organization: Option<Quartiles>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quartiles {
    pub lower: f64,
    pub median: f64,
    pub upper: f64,
}

impl Quartiles {
    /// Quartiles of at least `min_group` values (linear interpolation, as
    /// spreadsheets compute them); None from fewer.
    pub fn of(values: &[usize], min_group: usize) -> Option<Quartiles> {
        if values.is_empty() || values.len() < min_group {
            return None;
        }
        let mut sorted: Vec<f64> = values.iter().map(|&v| v as f64).collect();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let position = q * (sorted.len() - 1) as f64;
            let (below, above) = (position.floor() as usize, position.ceil() as usize);
            sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
        };
        Some(Quartiles {
            lower: at(0.25),
            median: at(0.5),
            upper: at(0.75),
        })
    }
}

/// Something to try, in the spirit of personal network assessments, each
/// with the figure it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Suggestion {
    /// Reach into a department none of their colleagues is in.
    Bridge {
        department: String,
        reached: usize,
        median: f64,
    },
    /// Many rely on them (at least k, and more than three in four people).
    Lighten { named_by: usize, upper: f64 },
    /// They named fewer colleagues than most.
    Widen { named: usize, median: f64 },
    /// Nothing stands out: their network is as broad as most.
    Keep { departments: usize, median: f64 },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_ranges() {
        assert_eq!(Count::of(0, 5), Count::FewerThan(5));
        assert_eq!(Count::of(4, 5), Count::FewerThan(5));
        assert_eq!(Count::of(5, 5), Count::Exactly(5));
    }

    #[test]
    fn quartiles_interpolate_and_need_k_values() {
        let q = Quartiles::of(&[1, 2, 3, 4, 5], 5).expect("five values");
        assert_eq!((q.lower, q.median, q.upper), (2.0, 3.0, 4.0));
        let q = Quartiles::of(&[4, 1, 2, 3, 5, 6], 5).expect("six values");
        assert_eq!((q.lower, q.median, q.upper), (2.25, 3.5, 4.75));
        assert_eq!(Quartiles::of(&[1, 2, 3, 4], 5), None);
    }
}
