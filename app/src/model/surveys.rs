//! Surveys' data: relations, scales, questions, populations, waves and answers.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tie scale asked for each person named, such as frequency or importance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub key: String,
    pub label: String,
    pub min: i64,
    pub max: i64,
    /// One label per value from `min` to `max`.
    pub labels: Vec<String>,
}

impl Scale {
    pub fn frequency() -> Scale {
        Scale {
            key: "frequency".into(),
            label: "How often?".into(),
            min: 1,
            max: 5,
            labels: [
                "Less than monthly",
                "Monthly",
                "Weekly",
                "Several times a week",
                "Daily",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    pub fn importance() -> Scale {
        Scale {
            key: "importance".into(),
            label: "How important to your work?".into(),
            min: 1,
            max: 5,
            labels: [
                "Not important",
                "Slightly",
                "Moderately",
                "Very",
                "Essential",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    pub fn energy() -> Scale {
        Scale {
            key: "energy".into(),
            label: "How do you usually feel after interacting?".into(),
            min: -2,
            max: 2,
            labels: [
                "Very de-energized",
                "De-energized",
                "Neutral",
                "Energized",
                "Very energized",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    pub fn contains(&self, value: i64) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// The relations practitioners use (../shared/ONA.md), or one written by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationKind {
    Information,
    Expertise,
    Access,
    Energy,
    Decision,
    Innovation,
    Custom,
}

impl RelationKind {
    pub const TEMPLATES: [RelationKind; 6] = [
        RelationKind::Information,
        RelationKind::Expertise,
        RelationKind::Access,
        RelationKind::Energy,
        RelationKind::Decision,
        RelationKind::Innovation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Information => "information",
            RelationKind::Expertise => "expertise",
            RelationKind::Access => "access",
            RelationKind::Energy => "energy",
            RelationKind::Decision => "decision",
            RelationKind::Innovation => "innovation",
            RelationKind::Custom => "custom",
        }
    }

    pub fn parse(value: &str) -> Option<RelationKind> {
        RelationKind::TEMPLATES
            .into_iter()
            .chain([RelationKind::Custom])
            .find(|k| k.as_str() == value)
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(self.label_id())
    }

    /// Its name's message in the catalogue.
    fn label_id(self) -> &'static str {
        match self {
            RelationKind::Information => "relation-information",
            RelationKind::Expertise => "relation-expertise",
            RelationKind::Access => "relation-access",
            RelationKind::Energy => "relation-energy",
            RelationKind::Decision => "relation-decision",
            RelationKind::Innovation => "relation-innovation",
            RelationKind::Custom => "relation-custom",
        }
    }

    /// The template's question and default tie scales.
    pub fn template(self) -> Relation {
        let (question, scales) = match self {
            RelationKind::Information => (
                "Whom do you turn to for information or help to get your work done?",
                vec![Scale::frequency()],
            ),
            RelationKind::Expertise => (
                "Whose expertise do you know well enough to ask them?",
                vec![],
            ),
            RelationKind::Access => (
                "Whom do you need more access to than you have today?",
                vec![],
            ),
            RelationKind::Energy => (
                "How do you usually feel after interacting with these people?",
                vec![Scale::energy()],
            ),
            RelationKind::Decision => ("Whom do you go to before making a key decision?", vec![]),
            RelationKind::Innovation => ("Whom do you go to to test a new idea?", vec![]),
            RelationKind::Custom => ("", vec![]),
        };
        Relation {
            id: 0,
            kind: self,
            question: question.into(),
            scales,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: i64,
    pub kind: RelationKind,
    pub question: String,
    pub scales: Vec<Scale>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// One of the listed options.
    Choice,
    /// 1 (strongly disagree) to 5 (strongly agree).
    Agreement,
    /// A short free text.
    Text,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Choice => "choice",
            QuestionKind::Agreement => "agreement",
            QuestionKind::Text => "text",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionKind> {
        [
            QuestionKind::Choice,
            QuestionKind::Agreement,
            QuestionKind::Text,
        ]
        .into_iter()
        .find(|k| k.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeQuestion {
    pub id: i64,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    /// The options as the respondent reads them, in their language (the
    /// stored answer is still the option itself); empty: as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown_options: Vec<String>,
}

/// Who a wave invites: everyone active, narrowed by each filter that is set.
/// A filter left out of the stored JSON is not set (`{}` is everyone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Population {
    pub departments: Vec<String>,
    pub teams: Vec<String>,
    pub locations: Vec<String>,
    /// Custom attribute name to the values that qualify.
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Hire dates (YYYY-MM-DD), inclusive.
    pub hired_from: Option<String>,
    pub hired_to: Option<String>,
}

/// HR's first steps on a new instance, each done or not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstSteps {
    pub roster: bool,
    pub survey: bool,
    pub previewed: bool,
    pub opened: bool,
}

impl FirstSteps {
    pub fn all_done(self) -> bool {
        self.roster && self.survey && self.previewed && self.opened
    }
}

/// What a population can be narrowed to: the values active people have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationChoices {
    pub departments: Vec<String>,
    pub teams: Vec<String>,
    pub locations: Vec<String>,
}

/// What HR edits while a survey is a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    pub name: String,
    pub introduction: String,
    pub population: Population,
    pub relations: Vec<Relation>,
    pub questions: Vec<AttributeQuestion>,
    /// Days after a wave opens on which non-respondents are reminded.
    #[serde(default)]
    pub reminder_days: Vec<u32>,
}

impl SurveyDefinition {
    /// Every text HR wrote that a respondent reads, once each, in the order
    /// the page shows them: what a translation covers.
    pub fn texts(&self) -> Vec<String> {
        let mut texts: Vec<String> = vec![self.name.clone(), self.introduction.clone()];
        for relation in &self.relations {
            texts.push(relation.question.clone());
            for scale in &relation.scales {
                texts.push(scale.label.clone());
                texts.extend(scale.labels.iter().cloned());
            }
        }
        for question in &self.questions {
            texts.push(question.prompt.clone());
            texts.extend(question.options.iter().cloned());
        }
        let mut seen = std::collections::HashSet::new();
        texts.retain(|t| !t.trim().is_empty() && seen.insert(t.clone()));
        texts
    }

    /// The survey in other words: each text with a translation takes it, the
    /// rest stay as HR wrote them. Choice options keep their stored value
    /// (the original); only what is shown changes, so answers compare across
    /// languages.
    pub fn translated(
        &self,
        words: &std::collections::HashMap<String, String>,
    ) -> SurveyDefinition {
        let say = |text: &String| words.get(text).cloned().unwrap_or_else(|| text.clone());
        let mut translated = self.clone();
        translated.name = say(&self.name);
        translated.introduction = say(&self.introduction);
        for relation in &mut translated.relations {
            relation.question = say(&relation.question);
            for scale in &mut relation.scales {
                scale.label = say(&scale.label);
                scale.labels = scale.labels.iter().map(say).collect();
            }
        }
        for question in &mut translated.questions {
            question.prompt = say(&question.prompt);
            question.shown_options = question.options.iter().map(say).collect();
        }
        translated
    }
}

/// The newcomer pulse is Knit's own survey: its words are the catalogue's,
/// English as the database holds them.
pub const PULSE_TEXTS: [&str; 4] = [
    "pulse-name",
    "pulse-introduction",
    "pulse-went-to",
    "pulse-came-to-you",
];

/// Knit's own words in surveys, as the catalogue names them and the code
/// writes them in English: the default introduction, each template's question
/// and scales, and the pulse. A survey built from them needs no translation
/// from HR.
pub fn knit_words() -> Vec<(String, String)> {
    use crate::model::language::Language;
    let mut words = vec![(
        "template-introduction".to_string(),
        DEFAULT_INTRODUCTION.to_string(),
    )];
    for kind in RelationKind::TEMPLATES {
        words.push((
            format!("template-{}", kind.as_str()),
            kind.template().question,
        ));
    }
    for scale in [Scale::frequency(), Scale::importance(), Scale::energy()] {
        words.push((format!("scale-{}", scale.key), scale.label.clone()));
        for (i, label) in scale.labels.iter().enumerate() {
            words.push((format!("scale-{}-{}", scale.key, i + 1), label.clone()));
        }
    }
    for id in PULSE_TEXTS {
        words.push((id.to_string(), Language::English.say(id)));
    }
    words
}

/// Knit's own survey words in a language: the English text to its translation.
pub fn knit_translation(
    language: crate::model::language::Language,
) -> std::collections::HashMap<String, String> {
    knit_words()
        .into_iter()
        .map(|(id, english)| (english, language.say(&id)))
        .collect()
}

/// One language's translation of a survey, for HR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyTranslation {
    pub language: crate::model::language::Language,
    /// Active people on the roster who read this language.
    pub people: usize,
    /// Each text HR wrote, and its translation if there is one.
    pub texts: Vec<(String, Option<String>)>,
}

impl SurveyTranslation {
    pub fn missing(&self) -> usize {
        self.texts.iter().filter(|(_, t)| t.is_none()).count()
    }
}

/// Reminders practitioners send: a few days in, and shortly before closing.
pub const DEFAULT_REMINDER_DAYS: [u32; 2] = [3, 6];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WaveStatus {
    Draft,
    Open,
    Closed,
}

impl WaveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WaveStatus::Draft => "draft",
            WaveStatus::Open => "open",
            WaveStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<WaveStatus> {
        [WaveStatus::Draft, WaveStatus::Open, WaveStatus::Closed]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wave {
    pub id: i64,
    pub survey_id: i64,
    pub number: i64,
    pub status: WaveStatus,
    pub opens_on: String,
    pub closes_on: String,
    /// A draft that opens on its own on `opens_on`; otherwise it waits for HR.
    pub scheduled: bool,
}

/// One person named by a respondent for one relation, with the scale values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieAnswer {
    pub relation_id: i64,
    pub named_id: i64,
    pub scales: BTreeMap<String, i64>,
}

/// Everything a respondent answers in a wave.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub ties: Vec<TieAnswer>,
    /// Attribute question id to the answer.
    pub attributes: BTreeMap<i64, String>,
}

/// Response rate of a group; `None` counts where the group is suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupResponse {
    pub group: String,
    pub invited: Option<i64>,
    pub answered: Option<i64>,
    /// Said they prefer not to take part (counted apart from those who did not answer).
    pub declined: Option<i64>,
}

/// One wave on a survey's page: response rates as the reader may see them,
/// and for those who run surveys who has not answered and how emails fared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveView {
    pub wave: Wave,
    pub overall: GroupResponse,
    pub groups: Vec<GroupResponse>,
    /// By the language people read Knit in: analysts and admins only.
    pub by_language: Option<Vec<GroupResponse>>,
    /// Who has not answered yet: analysts and admins only.
    pub non_respondents: Option<NonRespondents>,
    /// Email delivery and link use: analysts and admins only.
    pub delivery: Option<crate::model::mail::WaveDelivery>,
    /// A draft's population today: how many would be invited (analysts and admins).
    pub invitees: Option<usize>,
}

/// How many invited to a wave have not answered, and the first
/// [`NON_RESPONDENTS_LISTED`] of them by name: a large company's wave has
/// thousands, whom a page could not list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonRespondents {
    pub total: usize,
    pub listed: Vec<NonRespondent>,
    /// The words the list was narrowed to, if any.
    pub find: Option<String>,
}

pub const NON_RESPONDENTS_LISTED: usize = 100;

/// What a draft survey's people would get: its page, as an example person
/// sees it, and the invitation email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyPreview {
    pub survey_id: i64,
    pub form: ResponseForm,
    pub invitation_subject: String,
    pub invitation_text: String,
}

/// A survey's page for its reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyOverview {
    pub id: i64,
    pub definition: SurveyDefinition,
    /// Its translations, for those who run surveys.
    pub translations: Option<Vec<SurveyTranslation>>,
    pub waves: Vec<WaveView>,
    pub can_build: bool,
    /// Knit's newcomer pulse: run by Knit, never edited or run by hand.
    pub is_pulse: bool,
    /// k, for the captions that restate it.
    pub min_people: usize,
}

/// How many attribute questions the builder offers.
pub const QUESTION_SLOTS: usize = 3;

// The respondent's page, shared by its server functions and the service.

/// How many people a search lists.
pub const PICKER_RESULTS: i64 = 10;

/// The most colleagues one respondent's form may name, all questions
/// together: far above what anyone names (slots suggest a quota, so there are
/// none), low enough that one form cannot tie up the server.
pub const MAX_TIES_PER_FORM: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerPerson {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenTie {
    pub relation_id: i64,
    pub person: PickerPerson,
    pub scales: BTreeMap<String, i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub relation_id: i64,
    pub query: String,
    pub people: Vec<PickerPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseForm {
    pub survey_name: String,
    pub introduction: String,
    pub closes_on: String,
    pub status: WaveStatus,
    pub respondent_name: String,
    pub relations: Vec<Relation>,
    pub questions: Vec<AttributeQuestion>,
    pub chosen: Vec<ChosenTie>,
    pub attributes: BTreeMap<i64, String>,
    pub submitted: bool,
    pub search: Option<SearchResults>,
    /// How often the respondent was suggested to newcomers lately, and whether
    /// they asked to be suggested less; None when never.
    pub suggested: Option<(i64, bool)>,
    /// They said they prefer not to take part.
    pub declined: bool,
    /// Who sees what, written from the disclosure policy's settings.
    pub notice: Vec<String>,
    /// The language the page speaks: the person's own, else their browser's,
    /// else the organization's.
    pub language: crate::model::language::Language,
}

/// What the live parts of the respondent page say, in the page's language:
/// the server writes them from the catalogue, so the browser needs none.
/// `{name}` and `{reason}` stand for values the browser fills in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveWords {
    pub added_now: String,
    pub placeholder: String,
    pub find: String,
    pub no_match: String,
    /// "No one matches.", "One colleague found.", ... by count, up to `PICKER_RESULTS`.
    pub found: Vec<String>,
    pub added: String,
    pub not_added: String,
    pub taken_off: String,
    pub remove: String,
    pub remove_person: String,
    pub saved: String,
    pub not_saved: String,
    pub choose: String,
    /// The five points of an agreement question, from "strongly disagree".
    pub agreement: Vec<String>,
}

/// Someone invited to a wave who has not answered yet (analysts see them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonRespondent {
    pub person_id: i64,
    pub name: String,
    pub email: String,
}

/// What a new survey says first: why it is run. The invitation adds how long
/// it takes and the privacy promise (`{{privacy}}`), and the respondent page
/// who sees what, so the introduction repeats neither.
pub const DEFAULT_INTRODUCTION: &str = "We are mapping how work really gets done here: who people turn to for \
     information, help and ideas. The results show where collaboration works well, where people are \
     overloaded, and how we can help new colleagues find their way faster.";
