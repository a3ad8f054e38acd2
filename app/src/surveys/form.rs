//! Reading the survey builder's form (one flat map of named fields) into a
//! definition. Field names: `name`, `introduction`, `rel.KIND.ask`,
//! `rel.KIND.question`, `rel.KIND.frequency`, `rel.KIND.importance`,
//! `q.N.kind`, `q.N.prompt`, `q.N.options`, `pop.departments.N`,
//! `pop.teams.N`, `pop.locations.N` (ticked values; the bare names take
//! comma-separated text), `pop.attributes`, `pop.hired_from`, `pop.hired_to`,
//! `opens_on`, `closes_on`.

use super::{
    AttributeQuestion, Population, QuestionKind, Relation, RelationKind, Scale, SurveyDefinition,
};
use crate::error::AppError;
use crate::model::catalogue::{say, say_with};
use std::collections::BTreeMap;

use super::QUESTION_SLOTS;

fn list(text: Option<&String>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// The values ticked among `NAME.1`, `NAME.2`…, with any typed in `NAME`
/// (comma-separated), in order, each once.
fn chosen(form: &BTreeMap<String, String>, name: &str) -> Vec<String> {
    let ticked = form
        .iter()
        .filter(|(key, _)| {
            key.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .map(|(_, value)| value.trim().to_string());
    let mut values: Vec<String> = Vec::new();
    for value in list(form.get(name)).into_iter().chain(ticked) {
        if !value.is_empty() && !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

fn nonempty(text: Option<&String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

pub fn definition_from_form(form: &BTreeMap<String, String>) -> Result<SurveyDefinition, AppError> {
    let get = |key: &str| form.get(key);
    let on = |key: &str| crate::ui::is_checked(get(key).map(String::as_str));
    let mut relations = Vec::new();
    for kind in RelationKind::TEMPLATES
        .into_iter()
        .chain([RelationKind::Custom])
    {
        let key = kind.as_str();
        let question = nonempty(get(&format!("rel.{key}.question")));
        let asked = if kind == RelationKind::Custom {
            question.is_some()
        } else {
            on(&format!("rel.{key}.ask"))
        };
        if !asked {
            continue;
        }
        let mut relation: Relation = kind.template();
        relation.question = question.unwrap_or(relation.question);
        if kind != RelationKind::Energy {
            relation.scales.clear();
            if on(&format!("rel.{key}.frequency")) {
                relation.scales.push(Scale::frequency());
            }
            if on(&format!("rel.{key}.importance")) {
                relation.scales.push(Scale::importance());
            }
        }
        relations.push(relation);
    }
    let mut questions = Vec::new();
    for n in 1..=QUESTION_SLOTS {
        let Some(prompt) = nonempty(get(&format!("q.{n}.prompt"))) else {
            continue;
        };
        let kind = get(&format!("q.{n}.kind"))
            .and_then(|k| QuestionKind::parse(k))
            .ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-surveys-question-choose-single-choice-agreement",
                    &[("n", n.into())],
                ))
            })?;
        let options = if kind == QuestionKind::Choice {
            list(get(&format!("q.{n}.options")))
        } else {
            Vec::new()
        };
        questions.push(AttributeQuestion {
            id: 0,
            kind,
            prompt,
            options,
            shown_options: Vec::new(),
        });
    }
    let mut attributes = BTreeMap::new();
    if let Some(text) = get("pop.attributes") {
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let (name, values) = line.split_once(':').ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-surveys-other-attributes-line-write-it",
                    &[("i", (i + 1).into())],
                ))
            })?;
            attributes.insert(name.trim().to_string(), list(Some(&values.to_string())));
        }
    }
    Ok(SurveyDefinition {
        name: get("name")
            .map(|n| n.trim().to_string())
            .unwrap_or_default(),
        // Browsers send a textarea's line breaks as CRLF.
        introduction: get("introduction")
            .map(|t| t.replace("\r\n", "\n").trim().to_string())
            .unwrap_or_default(),
        population: Population {
            departments: chosen(form, "pop.departments"),
            teams: chosen(form, "pop.teams"),
            locations: chosen(form, "pop.locations"),
            attributes,
            hired_from: nonempty(get("pop.hired_from")),
            hired_to: nonempty(get("pop.hired_to")),
        },
        relations,
        questions,
        reminder_days: reminder_days(get("reminder_days").map(String::as_str).unwrap_or(""))?,
    })
}

/// "3, 6" → [3, 6]: days after opening, each sent once, in order.
fn reminder_days(text: &str) -> Result<Vec<u32>, AppError> {
    let mut days = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<u32>() {
            Ok(day @ 1..=90) => days.push(day),
            _ => {
                return Err(AppError::invalid(say_with(
                    "refused-surveys-reminders-is-not-a-number",
                    &[("part", part.into())],
                )))
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    if days.len() > 5 {
        return Err(AppError::invalid(say(
            "refused-surveys-reminders-at-most-5-reminders",
        )));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn templates_scales_questions_and_population() {
        let d = definition_from_form(&form(&[
            ("name", " Spring "),
            ("introduction", "Why"),
            ("rel.information.ask", "on"),
            ("rel.information.question", "Who helps you?"),
            ("rel.information.importance", "on"),
            ("rel.energy.ask", "on"),
            ("rel.custom.question", "Who do you mentor?"),
            ("q.1.kind", "choice"),
            ("q.1.prompt", "Where do you work?"),
            ("q.1.options", "Office, Home ,"),
            ("q.2.kind", "agreement"),
            ("q.2.prompt", ""),
            ("pop.departments", "Sales, Engineering"),
            ("pop.departments.1", "Sales"),
            ("pop.teams.1", "Platform"),
            ("pop.teams.2", "Data"),
            ("pop.teams.note", "not a choice"),
            ("pop.attributes", "Grade: 3, 4"),
        ]))
        .expect("reads");
        assert_eq!(d.name, "Spring");
        let kinds: Vec<RelationKind> = d.relations.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RelationKind::Information,
                RelationKind::Energy,
                RelationKind::Custom
            ]
        );
        assert_eq!(d.relations[0].question, "Who helps you?");
        assert_eq!(d.relations[0].scales, vec![Scale::importance()]);
        assert_eq!(
            d.relations[1].scales,
            vec![Scale::energy()],
            "energy keeps its scale"
        );
        assert_eq!(d.questions.len(), 1, "empty prompts are skipped");
        assert_eq!(d.questions[0].options, vec!["Office", "Home"]);
        assert_eq!(
            d.population.departments,
            vec!["Sales", "Engineering"],
            "each once"
        );
        assert_eq!(d.population.teams, vec!["Platform", "Data"]);
        assert_eq!(d.population.departments, vec!["Sales", "Engineering"]);
        assert_eq!(d.population.attributes["Grade"], vec!["3", "4"]);
    }
}
