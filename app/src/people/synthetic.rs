//! A synthetic roster in the shape HR systems export: departments and teams, a
//! manager hierarchy, locations, titles and hire dates. Deterministic for a
//! seed, for tests, benchmarks and demos.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FIRST: [&str; 24] = [
    "Ana", "Rui", "Beatriz", "João", "Marta", "Tiago", "Inês", "Pedro", "Sofia", "Miguel", "Carla",
    "Hugo", "Leonor", "Diogo", "Rita", "André", "Joana", "Nuno", "Clara", "Bruno", "Sara", "Luís",
    "Helena", "Filipe",
];
const LAST: [&str; 20] = [
    "Lima",
    "Costa",
    "Sousa",
    "Gonçalves",
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Rodrigues",
    "Martins",
    "Jesus",
    "Almeida",
    "Ribeiro",
    "Pinto",
    "Carvalho",
    "Teixeira",
    "Moreira",
    "Correia",
    "Mendes",
];
const DEPARTMENTS: [(&str, [&str; 4]); 6] = [
    ("Engineering", ["Platform", "Data", "Mobile", "Security"]),
    ("Sales", ["EMEA", "Americas", "APAC", "Partnerships"]),
    ("Finance", ["Accounting", "FP&A", "Payroll", "Procurement"]),
    (
        "People",
        ["Recruiting", "People Ops", "Learning", "Analytics"],
    ),
    ("Operations", ["Support", "Logistics", "Facilities", "IT"]),
    ("Product", ["Design", "Research", "Growth", "Core"]),
];
const LOCATIONS: [&str; 5] = ["Lisbon", "Porto", "Berlin", "London", "Remote"];
const TITLES: [&str; 6] = [
    "Associate",
    "Specialist",
    "Senior Specialist",
    "Lead",
    "Principal",
    "Analyst",
];

/// A roster CSV of `people` rows (plus the header). Each team has a lead who
/// reports to the department head, who reports to the CEO.
pub fn roster_csv(people: usize, seed: u64) -> String {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = String::with_capacity(people * 160);
    out.push_str("Email,Full Name,Department,Team,Title,Manager Email,Location,Hire Date,Grade\n");
    let email = |i: usize| format!("person{i}@example.com");
    let mut leads: Vec<Option<usize>> = vec![None; DEPARTMENTS.len() * 4];
    let mut heads: Vec<Option<usize>> = vec![None; DEPARTMENTS.len()];
    for i in 0..people {
        let first = FIRST[rng.gen_range(0..FIRST.len())];
        let last = LAST[rng.gen_range(0..LAST.len())];
        let d = rng.gen_range(0..DEPARTMENTS.len());
        let t = rng.gen_range(0..4);
        let (department, teams) = DEPARTMENTS[d];
        let (title, manager) = if i == 0 {
            ("Chief Executive Officer".to_string(), None)
        } else if heads[d].is_none() {
            heads[d] = Some(i);
            (format!("Head of {department}"), Some(0))
        } else if leads[d * 4 + t].is_none() {
            leads[d * 4 + t] = Some(i);
            (format!("{} Lead", teams[t]), heads[d])
        } else {
            (
                TITLES[rng.gen_range(0..TITLES.len())].to_string(),
                leads[d * 4 + t],
            )
        };
        let hired = format!(
            "{}-{:02}-{:02}",
            rng.gen_range(2012..2026),
            rng.gen_range(1..13),
            rng.gen_range(1..29)
        );
        out.push_str(&format!(
            "{},{first} {last},{department},{},{title},{},{},{hired},{}\n",
            email(i),
            teams[t],
            manager.map(email).unwrap_or_default(),
            LOCATIONS[rng.gen_range(0..LOCATIONS.len())],
            rng.gen_range(1..10),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_rosters_import_cleanly() {
        let csv = super::roster_csv(500, 7);
        let parsed = crate::people::import::parse(csv.as_bytes());
        let plan =
            crate::people::import::plan(parsed, &[], false, crate::model::date::Date::today());
        assert!(plan.problems.is_empty(), "{:?}", plan.problems.first());
        assert_eq!(plan.added.len(), 500);
        assert_eq!(super::roster_csv(500, 7), csv, "deterministic");
    }
}
