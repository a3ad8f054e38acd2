//! Survey rules: building (analysts and admins), the wave lifecycle, personal
//! links, answers and response rates.

use super::{
    Answers, GroupResponse, Population, QuestionKind, SurveyDefinition, TieAnswer, WaveStatus,
};
use crate::auth::service::{hash_token, new_token};
use crate::error::AppError;
use crate::mail::{new_seed, LinkKey};
use crate::model::auth::CurrentUser;
use crate::model::catalogue::FluentValue;
use crate::model::catalogue::{say, say_with};
use crate::model::date::{Date, SlashOrder};
use crate::model::language::{Language, LANGUAGE_ATTRIBUTE};
use crate::model::policy::Policy;
use crate::people::import::ExistingPerson;
use crate::people::Status;
use crate::store::responses;
use crate::store::surveys as store;
use crate::store::Db;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Practitioners ask 1 to 5 relations: more tires respondents out.
pub const MAX_RELATIONS: usize = 5;

/// Checks a definition; each message names the part to fix.
pub fn validate(definition: &SurveyDefinition) -> Result<(), AppError> {
    let name = definition.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(say(
            "refused-surveys-name-give-the-survey-a",
        )));
    }
    // The name goes into email subjects, where a line break would end the header.
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(say(
            "refused-surveys-name-a-survey-s-name",
        )));
    }
    if definition.introduction.trim().is_empty() {
        return Err(AppError::invalid(say(
            "refused-surveys-introduction-say-why-the-survey",
        )));
    }
    if definition.relations.is_empty() || definition.relations.len() > MAX_RELATIONS {
        return Err(AppError::invalid(say_with(
            "refused-surveys-relations-ask-between-1-and",
            &[("most", MAX_RELATIONS.into())],
        )));
    }
    for (i, relation) in definition.relations.iter().enumerate() {
        if relation.question.trim().is_empty() {
            return Err(AppError::invalid(say_with(
                "refused-surveys-relation-write-its-question",
                &[("i", (i + 1).into())],
            )));
        }
        let mut keys = HashSet::new();
        for scale in &relation.scales {
            // Checked: a crafted request may carry any two numbers.
            let values = scale
                .max
                .checked_sub(scale.min)
                .and_then(|span| span.checked_add(1))
                .unwrap_or(0);
            if scale.key.trim().is_empty() || !keys.insert(scale.key.clone()) {
                return Err(AppError::invalid(say_with(
                    "refused-surveys-relation-each-scale-needs-its",
                    &[("i", (i + 1).into())],
                )));
            }
            if !(2..=11).contains(&values) || scale.labels.len() as i64 != values {
                return Err(AppError::invalid(say_with(
                    "refused-surveys-relation-scale-give-it-2",
                    &[
                        ("i", (i + 1).into()),
                        ("label", scale.label.as_str().into()),
                    ],
                )));
            }
        }
    }
    for (i, question) in definition.questions.iter().enumerate() {
        if question.prompt.trim().is_empty() {
            return Err(AppError::invalid(say_with(
                "refused-surveys-question-write-the-question",
                &[("i", (i + 1).into())],
            )));
        }
        if question.kind == QuestionKind::Choice
            && question
                .options
                .iter()
                .filter(|o| !o.trim().is_empty())
                .count()
                < 2
        {
            return Err(AppError::invalid(say_with(
                "refused-surveys-question-a-single-choice-needs",
                &[("i", (i + 1).into())],
            )));
        }
    }
    let population = &definition.population;
    for (label, date) in [
        ("field-hired-from", &population.hired_from),
        ("field-hired-to", &population.hired_to),
    ] {
        if let Some(date) = date {
            if Date::parse(date, SlashOrder::Unknown).is_none() {
                return Err(AppError::invalid(say_with(
                    "refused-surveys-is-not-a-date-use",
                    &[("label", say(label).into()), ("date", date.into())],
                )));
            }
        }
    }
    Ok(())
}

pub async fn create_survey(
    db: &Db,
    user: &CurrentUser,
    definition: &SurveyDefinition,
) -> Result<i64, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    validate(definition)?;
    Ok(store::create(db, definition, Some(user.id)).await?)
}

pub async fn update_survey(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    definition: &SurveyDefinition,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    validate(definition)?;
    refuse_pulse(db, id).await?;
    if store::update_definition(db, id, definition).await? {
        Ok(())
    } else {
        Err(AppError::Conflict(say(
            "refused-surveys-this-survey-has-opened-so",
        )))
    }
}

/// The newcomer pulse is Knit's own survey: its waves are each day's pulses.
async fn refuse_pulse(db: &Db, survey_id: i64) -> Result<(), AppError> {
    if survey_id == crate::store::pulses::survey_id(db).await? {
        return Err(AppError::invalid(say(
            "refused-surveys-the-newcomer-pulse-is-sent",
        )));
    }
    Ok(())
}

fn parse_date(label: &str, text: &str) -> Result<Date, AppError> {
    Date::parse(text, SlashOrder::Unknown).ok_or_else(|| {
        AppError::invalid(say_with(
            "refused-surveys-is-not-a-date-use-2",
            &[("label", say(label).into()), ("text", text.into())],
        ))
    })
}

/// Checks a wave's dates; returns them parsed.
pub fn check_wave_dates(opens_on: &str, closes_on: &str) -> Result<(Date, Date), AppError> {
    let opens = parse_date("field-opens-on", opens_on)?;
    let closes = parse_date("field-closes-on", closes_on)?;
    if closes <= opens {
        return Err(AppError::invalid(say(
            "refused-surveys-closes-on-the-closing-date",
        )));
    }
    if closes < Date::today() {
        return Err(AppError::invalid(say(
            "refused-surveys-closes-on-this-date-has",
        )));
    }
    Ok((opens, closes))
}

/// Adds the next wave. Only one wave of a survey runs at a time.
pub async fn add_wave(
    db: &Db,
    user: &CurrentUser,
    survey_id: i64,
    opens_on: &str,
    closes_on: &str,
) -> Result<i64, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    refuse_pulse(db, survey_id).await?;
    let (opens, closes) = check_wave_dates(opens_on, closes_on)?;
    let survey = store::get(db, survey_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-survey")))?;
    if survey.waves.iter().any(|w| w.status != WaveStatus::Closed) {
        return Err(AppError::Conflict(say(
            "refused-surveys-close-the-current-wave-before",
        )));
    }
    Ok(store::create_wave(db, survey_id, &opens.iso(), &closes.iso()).await?)
}

/// Whether a person belongs to a survey's population.
pub fn in_population(person: &ExistingPerson, population: &Population) -> bool {
    let matches = |allowed: &[String], value: &Option<String>| {
        allowed.is_empty()
            || value
                .as_ref()
                .is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
    };
    let f = &person.fields;
    person.status == Status::Active
        && matches(&population.departments, &f.department)
        && matches(&population.teams, &f.team)
        && matches(&population.locations, &f.location)
        && population
            .attributes
            .iter()
            .all(|(name, allowed)| matches(allowed, &f.attributes.get(name).cloned()))
        && population
            .hired_from
            .as_ref()
            .is_none_or(|from| f.hire_date.as_ref().is_some_and(|h| h >= from))
        && population
            .hired_to
            .as_ref()
            .is_none_or(|to| f.hire_date.as_ref().is_some_and(|h| h <= to))
}

/// Opens a draft wave: invites everyone in the population, one link each, and
/// queues their invitations. Returns each invited person's id with their link
/// token (never stored: only its seed and hash are).
pub async fn open_wave(
    db: &Db,
    key: &LinkKey,
    user: &CurrentUser,
    wave_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    open_wave_now(db, key, wave_id, Date::today()).await
}

/// Has a draft wave open on its own on its opening date (or wait for HR again).
pub async fn schedule_wave(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    scheduled: bool,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if store::set_scheduled(db, wave_id, scheduled).await? {
        Ok(())
    } else {
        Err(AppError::Conflict(say(
            "refused-surveys-only-a-draft-wave-can",
        )))
    }
}

/// The departments, teams and locations a survey's population can be narrowed to.
pub async fn population_choices(
    db: &Db,
    user: &CurrentUser,
) -> Result<super::PopulationChoices, AppError> {
    use crate::store::people::{active_values, RosterColumn};
    user.require(CurrentUser::can_run_surveys)?;
    Ok(super::PopulationChoices {
        departments: active_values(db, RosterColumn::Department).await?,
        teams: active_values(db, RosterColumn::Team).await?,
        locations: active_values(db, RosterColumn::Location).await?,
    })
}

/// HR's first steps on a new instance, each done or not (`roster`: anyone
/// is on it): the home page's checklist ticks itself from these.
pub async fn first_steps(db: &Db, roster: bool) -> Result<super::FirstSteps, AppError> {
    Ok(super::FirstSteps {
        roster,
        survey: !store::list_ids(db).await?.is_empty(),
        previewed: crate::store::settings::get(db, crate::store::settings::SURVEY_PREVIEWED)
            .await?
            .is_some(),
        opened: store::any_wave_opened(db).await?,
    })
}

/// How many people a survey would invite if its wave opened now.
async fn invitees(db: &Db, population: &Population) -> Result<usize, AppError> {
    Ok(crate::store::people::load_for_import(db)
        .await?
        .iter()
        .filter(|p| in_population(p, population))
        .count())
}

/// A new personal link: its seed and hash to store, and the token itself.
pub(crate) fn new_link(key: &LinkKey) -> (store::NewLink, String) {
    let seed = new_seed();
    let token = key.token(&seed);
    let link = store::NewLink {
        seed,
        token_hash: hash_token(&token),
    };
    (link, token)
}

/// Opens a wave on anyone's behalf (HR's button or the schedule).
async fn open_wave_now(
    db: &Db,
    key: &LinkKey,
    wave_id: i64,
    today: Date,
) -> Result<Vec<(i64, String)>, AppError> {
    let wave = store::get_wave(db, wave_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-wave")))?;
    let survey = store::get(db, wave.survey_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-survey")))?;
    let people = crate::store::people::load_for_import(db).await?;
    let (links, tokens): (Vec<_>, Vec<(i64, String)>) = people
        .iter()
        .filter(|p| in_population(p, &survey.definition.population))
        .map(|p| {
            let (link, token) = new_link(key);
            ((p.id, link), (p.id, token))
        })
        .unzip();
    if links.is_empty() {
        return Err(AppError::invalid(say(
            "refused-surveys-no-active-person-matches-this",
        )));
    }
    if !store::open_wave(db, wave_id, links, today).await? {
        return Err(AppError::Conflict(say(
            "refused-surveys-this-wave-is-not-a",
        )));
    }
    Ok(tokens)
}

pub async fn close_wave(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave_id: i64,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if store::close_wave(db, wave_id, Date::today()).await? {
        crate::jobs::spawn_wave_analysis(db, policy, wave_id);
        Ok(())
    } else {
        Err(AppError::Conflict(say(
            "refused-surveys-only-an-open-wave-can",
        )))
    }
}

/// Replaces a person's link (the old one stops working) and returns the new token.
pub async fn reissue_link(
    db: &Db,
    key: &LinkKey,
    user: &CurrentUser,
    wave_id: i64,
    person_id: i64,
) -> Result<ReissuedLink, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let name = crate::store::people::get(db, person_id)
        .await?
        .map(|p| p.fields.full_name)
        .ok_or_else(|| AppError::not_found(say("refused-surveys-this-person-is-not-in")))?;
    let token = new_personal_link(db, key, wave_id, person_id).await?;
    Ok(ReissuedLink { name, token })
}

/// A person's new personal link, shown once to the analyst who made it.
pub struct ReissuedLink {
    pub name: String,
    pub token: String,
}

/// A new personal link for the person with this email to the survey's open
/// wave, for the operator (`knit survey-link`); each refusal says why.
pub async fn operator_link(
    db: &Db,
    key: &LinkKey,
    survey: i64,
    email: &str,
) -> Result<String, AppError> {
    let record = store::get(db, survey).await?.ok_or_else(|| {
        AppError::not_found(say_with(
            "refused-surveys-there-is-no-survey",
            &[("survey", survey.into())],
        ))
    })?;
    let wave = record
        .waves
        .iter()
        .find(|w| w.status == super::WaveStatus::Open)
        .map(|w| w.id)
        .ok_or_else(|| {
            AppError::invalid(say_with(
                "refused-surveys-survey-has-no-open-wave",
                &[("survey", survey.into())],
            ))
        })?;
    let person = crate::people::service::person_id(db, email).await?;
    new_personal_link(db, key, wave, person).await.map_err(|_| {
        AppError::invalid(say_with(
            "refused-surveys-was-not-invited-to-the",
            &[("email", email.into()), ("survey", survey.into())],
        ))
    })
}

/// Replaces a person's link, its caller having checked who may.
async fn new_personal_link(
    db: &Db,
    key: &LinkKey,
    wave_id: i64,
    person_id: i64,
) -> Result<String, AppError> {
    let (link, token) = new_link(key);
    if store::reissue(db, wave_id, person_id, Some(&link)).await? {
        Ok(token)
    } else {
        Err(AppError::invalid(say(
            "refused-surveys-this-person-was-not-invited",
        )))
    }
}

pub async fn revoke_link(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    person_id: i64,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if store::reissue(db, wave_id, person_id, None).await? {
        Ok(())
    } else {
        Err(AppError::invalid(say(
            "refused-surveys-this-person-was-not-invited",
        )))
    }
}

/// How long a respondent stays signed in after opening their link.
pub const RESPONDENT_SESSION_MS: i64 = 60 * 24 * 60 * 60 * 1000;

/// Whom a respondent's cookie (its session token) signs in to which wave.
pub async fn respondent_of(
    db: &Db,
    token: Option<&str>,
) -> Result<Option<store::RespondentSession>, AppError> {
    match token {
        Some(token) => Ok(store::find_respondent_session(db, &hash_token(token)).await?),
        None => Ok(None),
    }
}

/// What a personal link leads to.
#[derive(Debug)]
pub enum Link {
    /// A live invitation to an open wave: the respondent is signed in to it by a
    /// new session, whose id goes in the `knit_respondent` cookie.
    Open {
        wave_id: i64,
        person_id: i64,
        session: String,
    },
    /// The wave has closed and been analysed, its answers still kept: the
    /// respondent is signed in (a new session) to read their own report.
    Report { session: String },
    /// The wave has closed: a polite page, no answers.
    Closed,
    /// The wave has not opened yet.
    NotYetOpen,
    /// Unknown or revoked.
    Invalid,
}

pub async fn follow_link(db: &Db, token: &str) -> Result<Link, AppError> {
    let Some(invitation) = store::find_invitation(db, &hash_token(token)).await? else {
        return Ok(Link::Invalid);
    };
    let wave = store::get_wave(db, invitation.wave_id)
        .await?
        .ok_or_else(|| {
            AppError::internal(format!(
                "invitation {} names a missing wave",
                invitation.wave_id
            ))
        })?;
    let session = || async {
        let session = new_token();
        store::start_respondent_session(
            db,
            &hash_token(&session),
            invitation.id,
            RESPONDENT_SESSION_MS,
        )
        .await
        .map(|()| session)
    };
    Ok(match wave.status {
        WaveStatus::Open => {
            store::mark_opened(db, invitation.id).await?;
            Link::Open {
                wave_id: wave.id,
                person_id: invitation.person_id,
                session: session().await?,
            }
        }
        WaveStatus::Closed if crate::store::reports::ready(db, wave.id).await? => Link::Report {
            session: session().await?,
        },
        WaveStatus::Closed => Link::Closed,
        WaveStatus::Draft => Link::NotYetOpen,
    })
}

/// Why a respondent's answers were not saved.
#[derive(Debug)]
enum Refusal {
    TooManyNamed(usize),
    NotInSurvey,
    QuestionNotAsked,
    NamedSelf,
    NamedTwice,
    /// A rating outside the scale with this label.
    ScaleValue(String),
    RatingNotAsked,
    /// An answer outside the choices of the question with this prompt.
    NotAChoice(String),
    RateUnnamed,
    Closed,
}

impl Refusal {
    /// The refusal in the respondent's language (as their page reads it),
    /// with the survey's words as HR translated them.
    async fn said(self, db: &Db, respondent: i64, survey_id: Option<i64>) -> AppError {
        let language = reader_language(db, respondent).await;
        let translation = match survey_id {
            Some(id) => translation_of(db, id, language).await.unwrap_or_default(),
            None => HashMap::new(),
        };
        let theirs = |text: String| translation.get(&text).cloned().unwrap_or(text);
        let (id, args): (&str, Vec<(&'static str, FluentValue)>) = match self {
            Refusal::TooManyNamed(named) => (
                "respond-refused-too-many",
                vec![
                    ("named", named.into()),
                    ("most", super::MAX_TIES_PER_FORM.into()),
                ],
            ),
            Refusal::NotInSurvey => ("respond-refused-not-in-survey", vec![]),
            Refusal::QuestionNotAsked => ("respond-refused-question-not-asked", vec![]),
            Refusal::NamedSelf => ("respond-refused-named-self", vec![]),
            Refusal::NamedTwice => ("respond-refused-named-twice", vec![]),
            Refusal::ScaleValue(label) => (
                "respond-refused-scale-value",
                vec![("scale", theirs(label).into())],
            ),
            Refusal::RatingNotAsked => ("respond-refused-rating-not-asked", vec![]),
            Refusal::NotAChoice(prompt) => (
                "respond-refused-not-a-choice",
                vec![("question", theirs(prompt).into())],
            ),
            Refusal::RateUnnamed => ("respond-refused-rate-unnamed", vec![]),
            Refusal::Closed => {
                return AppError::Conflict(language.say("respond-refused-closed"));
            }
        };
        AppError::invalid(language.say_with(id, &args))
    }
}

/// Checks answers against the survey and the roster, then replaces the
/// respondent's answers for the wave in one transaction. A refusal is said in
/// the respondent's language.
pub async fn save_answers(
    db: &Db,
    wave_id: i64,
    respondent_id: i64,
    answers: &Answers,
    submit: bool,
) -> Result<(), AppError> {
    let wave = store::get_wave(db, wave_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !store::is_invited(db, wave_id, respondent_id).await? {
        return Err(AppError::Forbidden);
    }
    if answers.ties.len() > super::MAX_TIES_PER_FORM {
        let refusal = Refusal::TooManyNamed(answers.ties.len());
        return Err(refusal.said(db, respondent_id, None).await);
    }
    let survey = store::get(db, wave.survey_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("wave {} names a missing survey", wave.id)))?;
    let refused = |refusal: Refusal| refusal.said(db, respondent_id, Some(survey.id));
    let named = match check_ties(&survey.definition, respondent_id, &answers.ties) {
        Ok(named) => named,
        Err(refusal) => return Err(refused(refusal).await),
    };
    if crate::store::people::count_nameable(db, wave_id, respondent_id, &named).await?
        != named.len()
    {
        return Err(refused(Refusal::NotInSurvey).await);
    }
    if let Err(refusal) = check_attributes(&survey.definition, &answers.attributes) {
        return Err(refused(refusal).await);
    }
    if store::save_answers(db, wave_id, respondent_id, answers, submit).await? {
        Ok(())
    } else {
        Err(refused(Refusal::Closed).await)
    }
}

/// Every tie is for a relation the survey asks, names someone else, once per
/// question, with ratings from the question's scales. Returns who is named.
fn check_ties(
    definition: &SurveyDefinition,
    respondent_id: i64,
    ties: &[TieAnswer],
) -> Result<Vec<i64>, Refusal> {
    let mut seen = HashSet::new();
    for tie in ties {
        let relation = definition
            .relations
            .iter()
            .find(|r| r.id == tie.relation_id)
            .ok_or(Refusal::QuestionNotAsked)?;
        if tie.named_id == respondent_id {
            return Err(Refusal::NamedSelf);
        }
        if !seen.insert((tie.relation_id, tie.named_id)) {
            return Err(Refusal::NamedTwice);
        }
        for scale in &relation.scales {
            if let Some(value) = tie.scales.get(&scale.key) {
                if !scale.contains(*value) {
                    return Err(Refusal::ScaleValue(scale.label.clone()));
                }
            }
        }
        if tie
            .scales
            .keys()
            .any(|k| !relation.scales.iter().any(|s| &s.key == k))
        {
            return Err(Refusal::RatingNotAsked);
        }
    }
    let named: Vec<i64> = ties
        .iter()
        .map(|t| t.named_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    Ok(named)
}

/// Every attribute answer is for a question the survey asks, within its choices.
fn check_attributes(
    definition: &SurveyDefinition,
    attributes: &BTreeMap<i64, String>,
) -> Result<(), Refusal> {
    for (question_id, value) in attributes {
        let question = definition
            .questions
            .iter()
            .find(|q| q.id == *question_id)
            .ok_or(Refusal::QuestionNotAsked)?;
        let ok = match question.kind {
            QuestionKind::Choice => question.options.contains(value),
            QuestionKind::Agreement => matches!(value.as_str(), "1" | "2" | "3" | "4" | "5"),
            QuestionKind::Text => value.chars().count() <= 500,
        };
        if !ok {
            return Err(Refusal::NotAChoice(question.prompt.clone()));
        }
    }
    Ok(())
}

/// Response rate overall and by department, with those who declined counted
/// apart. Anyone but analysts and admins reads them as the disclosure policy
/// allows ([`crate::disclosure::response_rates`]).
pub fn response_rates(
    policy: &Policy,
    user: &CurrentUser,
    counts: &[responses::ResponseCount],
) -> (GroupResponse, Vec<GroupResponse>) {
    let overall = GroupResponse {
        group: say("group-everyone"),
        ..summed(counts.iter())
    };
    let groups = grouped(counts, |c| c.department.clone())
        .into_iter()
        .map(|(department, rows)| GroupResponse {
            group: department.unwrap_or_else(|| say("group-no-department")),
            ..summed(rows.into_iter())
        })
        .collect();
    if user.can_see_individuals() {
        (overall, groups)
    } else {
        crate::disclosure::response_rates(overall, groups, policy.min_people())
    }
}

/// A wave's response by the language each person reads Knit in (analysts
/// only): a low rate in one language may mean a translation was missing.
async fn response_by_language(
    db: &Db,
    counts: &[responses::ResponseCount],
) -> Result<Vec<GroupResponse>, AppError> {
    let organization = crate::mail::service::organization_language(db).await?;
    let mut rows: Vec<GroupResponse> = grouped(counts, |c| c.language.clone())
        .into_iter()
        .map(|(language, rows)| GroupResponse {
            group: match language.as_deref().and_then(Language::parse) {
                Some(language) => language.english_name().to_string(),
                None => format!(
                    "{} (the organization's; no language on the roster)",
                    organization.english_name()
                ),
            },
            ..summed(rows.into_iter())
        })
        .collect();
    rows.sort_by(|a, b| a.group.cmp(&b.group));
    Ok(rows)
}

/// The counts by `key`, in the key's order (none first).
fn grouped(
    counts: &[responses::ResponseCount],
    key: impl Fn(&responses::ResponseCount) -> Option<String>,
) -> BTreeMap<Option<String>, Vec<&responses::ResponseCount>> {
    let mut groups: BTreeMap<Option<String>, Vec<&responses::ResponseCount>> = BTreeMap::new();
    for count in counts {
        groups.entry(key(count)).or_default().push(count);
    }
    groups
}

/// The invited, answered and declined of `counts` together, unnamed.
fn summed<'c>(counts: impl Iterator<Item = &'c responses::ResponseCount>) -> GroupResponse {
    let (mut invited, mut answered, mut declined) = (0, 0, 0);
    for c in counts {
        invited += c.invited;
        answered += c.answered;
        declined += c.declined;
    }
    GroupResponse {
        group: String::new(),
        invited: Some(invited),
        answered: Some(answered),
        declined: Some(declined),
    }
}

/// A survey's page for its reader: each wave's response rates as the
/// disclosure policy allows them, and for those who run surveys who has not
/// answered and how their emails fared (a read that is audited).
/// `find` narrows the lists of who has not answered to names or emails holding it.
pub async fn overview(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    id: i64,
    find: Option<&str>,
) -> Result<super::SurveyOverview, AppError> {
    let survey = store::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-survey")))?;
    let can_build = user.can_run_surveys();
    let mut waves = Vec::new();
    for wave in survey.waves.iter().rev() {
        let counts = responses::response_counts(db, wave.id).await?;
        let (overall, groups) = response_rates(policy, user, &counts);
        let staff_view = can_build && wave.status != super::WaveStatus::Draft;
        let (non_respondents, delivery, by_language) = if staff_view {
            crate::audit::service::record(
                db,
                user,
                crate::audit::Action::ResponseStatus,
                &format!("{}, wave {}", survey.definition.name, wave.number),
                None,
            )
            .await?;
            let link_use = crate::store::outbox::LinkUse {
                invited: counts.iter().map(|c| c.invited).sum(),
                opened: counts.iter().map(|c| c.opened).sum(),
                answered: counts.iter().map(|c| c.answered).sum(),
            };
            let waiting: i64 = counts
                .iter()
                .map(|c| c.invited - c.answered - c.declined)
                .sum();
            (
                Some(super::NonRespondents {
                    total: waiting as usize,
                    listed: store::non_respondents(
                        db,
                        wave.id,
                        super::NON_RESPONDENTS_LISTED,
                        find,
                    )
                    .await?,
                    find: find
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(String::from),
                }),
                Some(crate::mail::service::wave_delivery(db, user, wave.id, link_use).await?),
                Some(response_by_language(db, &counts).await?),
            )
        } else {
            (None, None, None)
        };
        let invitees = if can_build && wave.status == super::WaveStatus::Draft {
            Some(invitees(db, &survey.definition.population).await?)
        } else {
            None
        };
        waves.push(super::WaveView {
            wave: wave.clone(),
            overall,
            groups,
            by_language,
            non_respondents,
            delivery,
            invitees,
        });
    }
    let is_pulse = id == crate::store::pulses::survey_id(db).await?;
    let translations = if can_build && !is_pulse {
        Some(translations(db, user, id, &survey.definition).await?)
    } else {
        None
    };
    Ok(super::SurveyOverview {
        is_pulse,
        id,
        translations,
        definition: survey.definition,
        waves,
        can_build,
        min_people: policy.min_people(),
    })
}

/// A survey's page and invitation as its people would get them, for HR to
/// check before the wave opens: an example person, nothing saved or sent.
pub async fn preview(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    public_url: &str,
    survey_id: i64,
) -> Result<super::SurveyPreview, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let survey = store::get(db, survey_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-survey")))?;
    let closes_on = survey
        .waves
        .last()
        .map(|w| w.closes_on.clone())
        .unwrap_or_else(|| Date::today().iso());
    let invitation = crate::mail::service::preview_invitation(
        db,
        policy.privacy,
        user,
        public_url,
        &survey.definition,
        &closes_on,
    )
    .await?;
    crate::store::settings::set(
        db.pool(),
        crate::store::settings::SURVEY_PREVIEWED,
        &crate::store::now_ms().to_string(),
    )
    .await?;
    let d = survey.definition;
    let language = crate::mail::service::organization_language(db).await?;
    Ok(super::SurveyPreview {
        survey_id,
        form: super::ResponseForm {
            survey_name: d.name,
            introduction: d.introduction,
            closes_on,
            status: WaveStatus::Open,
            respondent_name: "Alex Example".into(),
            relations: d.relations,
            questions: d.questions,
            chosen: Vec::new(),
            attributes: Default::default(),
            submitted: false,
            search: None,
            suggested: None,
            declined: false,
            notice: policy.privacy.respondent_notice(language),
            language,
        },
        invitation_subject: invitation.subject,
        invitation_text: invitation.text,
    })
}

/// The language a person reads Knit in: the one the roster (or their own
/// choice) gives them, else the one their browser asks for, else the
/// organization's.
pub async fn language_of(
    db: &Db,
    person_id: Option<i64>,
    browser: Option<Language>,
) -> Result<Language, AppError> {
    let own = match person_id {
        Some(id) => crate::store::people::get(db, id)
            .await?
            .and_then(|p| p.fields.attributes.get(LANGUAGE_ATTRIBUTE).cloned())
            .and_then(|code| Language::parse(&code)),
        None => None,
    };
    match own.or(browser) {
        Some(language) => Ok(language),
        None => crate::mail::service::organization_language(db).await,
    }
}

/// The language a person's page is in, for what Knit says to them from a
/// request of theirs (a refusal): their roster's, their browser's, the
/// organization's.
pub async fn reader_language(db: &Db, person_id: i64) -> Language {
    language_of(db, Some(person_id), crate::context::browser_language())
        .await
        .unwrap_or_default()
}

/// A respondent's choice of language, kept on their roster entry so that
/// their emails follow it too.
pub async fn choose_language(db: &Db, person_id: i64, language: Language) -> Result<(), AppError> {
    let saved = crate::store::people::set_language(
        db,
        person_id,
        language,
        &Date::today().iso(),
        "chosen by the person on their survey page",
    )
    .await?;
    if saved {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Everything the respondent page shows, with search results when asked.
pub async fn response_form(
    db: &Db,
    policy: &Policy,
    wave_id: i64,
    person_id: i64,
    search: Option<(i64, String)>,
    browser: Option<Language>,
) -> Result<super::ResponseForm, AppError> {
    use super::{ChosenTie, PickerPerson, ResponseForm, SearchResults};
    let wave = store::get_wave(db, wave_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let survey = store::get(db, wave.survey_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("wave {} names a missing survey", wave.id)))?;
    let me = crate::store::people::get(db, person_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let language = language_of(db, Some(person_id), browser).await?;
    let definition = survey
        .definition
        .translated(&translation_of(db, survey.id, language).await?);
    let answers = store::answers_of(db, wave_id, person_id).await?;
    let mut chosen = Vec::new();
    for tie in &answers.ties {
        if let Some(p) = crate::store::people::get(db, tie.named_id).await? {
            chosen.push(ChosenTie {
                relation_id: tie.relation_id,
                person: PickerPerson {
                    id: p.id,
                    name: p.fields.full_name,
                    team: p.fields.team,
                    title: p.fields.title,
                },
                scales: tie.scales.clone(),
            });
        }
    }
    let search = match search {
        Some((relation_id, query)) if query.trim().chars().count() >= 2 => {
            let taken: HashSet<i64> = chosen
                .iter()
                .filter(|c| c.relation_id == relation_id)
                .map(|c| c.person.id)
                .collect();
            let people = picker_people(db, wave_id, person_id, &taken, &query).await?;
            Some(SearchResults {
                relation_id,
                query,
                people,
            })
        }
        Some((relation_id, query)) => Some(SearchResults {
            relation_id,
            query,
            people: Vec::new(),
        }),
        None => None,
    };
    let quarter_ago = crate::store::now_ms() - crate::store::newcomers::QUARTER_MS;
    let load = crate::store::newcomers::suggestion_load(db, person_id, quarter_ago).await?;
    Ok(ResponseForm {
        suggested: (load.suggested > 0 || load.asked_for_less)
            .then_some((load.suggested, load.asked_for_less)),
        survey_name: definition.name,
        introduction: definition.introduction,
        closes_on: wave.closes_on,
        status: wave.status,
        respondent_name: me.fields.preferred_name.unwrap_or(me.fields.full_name),
        relations: definition.relations,
        questions: definition.questions,
        chosen,
        attributes: answers.attributes,
        submitted: store::is_submitted(db, wave_id, person_id).await?,
        search,
        declined: store::has_declined(db, wave_id, person_id).await?,
        notice: policy.privacy.respondent_notice(language),
        language,
    })
}

/// "I prefer not to take part" (their saved answers go), or taking part after all.
pub async fn set_declined(
    db: &Db,
    wave_id: i64,
    person_id: i64,
    declined: bool,
) -> Result<(), AppError> {
    if store::set_declined(db, wave_id, person_id, declined).await? {
        Ok(())
    } else {
        Err(Refusal::Closed.said(db, person_id, None).await)
    }
}

/// Reads the respondent page's form, applies the pressed button, saves, and
/// says where the page goes next.
pub async fn save_from_form(
    db: &Db,
    wave_id: i64,
    person_id: i64,
    form: &BTreeMap<String, String>,
) -> Result<String, AppError> {
    let parse_pair = |rest: &str| -> Option<(i64, i64)> {
        let (relation, person) = rest.split_once('.')?;
        Some((relation.parse().ok()?, person.parse().ok()?))
    };
    let action = form.get("action").map(String::as_str).unwrap_or("save");
    let mut chosen: Vec<(i64, i64)> = form
        .keys()
        .filter_map(|k| k.strip_prefix("tie."))
        .filter_map(parse_pair)
        .collect();
    let mut anchor = String::new();
    if let Some(rest) = action.strip_prefix("add:") {
        if let Some(pair) = parse_pair(&rest.replacen(':', ".", 1)) {
            if !chosen.contains(&pair) {
                chosen.push(pair);
            }
            anchor = format!("#rel-{}", pair.0);
        }
    }
    if let Some(rest) = action.strip_prefix("remove:") {
        if let Some(pair) = parse_pair(&rest.replacen(':', ".", 1)) {
            chosen.retain(|c| *c != pair);
            anchor = format!("#rel-{}", pair.0);
        }
    }
    let ties = chosen
        .into_iter()
        .map(|(relation_id, named_id)| {
            // The map is sorted: a tie's ratings are one range of it, so the
            // whole form is read once, not once per tie.
            let prefix = format!("scale.{relation_id}.{named_id}.");
            let scales = form
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter_map(|(k, v)| {
                    Some((k.strip_prefix(&prefix)?.to_string(), v.parse::<i64>().ok()?))
                })
                .collect();
            super::TieAnswer {
                relation_id,
                named_id,
                scales,
            }
        })
        .collect();
    let attributes = form
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.strip_prefix("attr.")?.parse::<i64>().ok()?,
                v.trim().to_string(),
            ))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let submit = action == "submit";
    save_answers(
        db,
        wave_id,
        person_id,
        &Answers { ties, attributes },
        submit,
    )
    .await?;
    if submit {
        return Ok("/respond?submitted=1".into());
    }
    if let Some(relation) = action
        .strip_prefix("search:")
        .and_then(|r| r.parse::<i64>().ok())
    {
        let query = form
            .get(&format!("q.{relation}"))
            .cloned()
            .unwrap_or_default();
        return Ok(format!(
            "/respond?search={relation}&q={}#rel-{relation}",
            crate::ui::encode(&query)
        ));
    }
    Ok(format!("/respond?saved=1{anchor}"))
}

/// Colleagues matching `query` for the picker: active, not the respondent, not
/// already named for this question; at most [`PICKER_RESULTS`](super::PICKER_RESULTS).
pub async fn picker_people(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    taken: &HashSet<i64>,
    query: &str,
) -> Result<Vec<super::PickerPerson>, AppError> {
    use super::{PickerPerson, PICKER_RESULTS};
    if query.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let mut exclude: Vec<i64> = taken.iter().copied().collect();
    exclude.push(respondent);
    let people = crate::store::people::find_for_picker(
        db,
        query,
        Some(wave_id),
        &exclude,
        PICKER_RESULTS as usize,
    )
    .await?;
    Ok(people
        .into_iter()
        .map(|p| PickerPerson {
            id: p.id,
            name: p.name,
            team: p.team,
            title: p.title,
        })
        .collect())
}

/// The picker's live search for one question of the respondent's wave.
pub async fn picker_search(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    relation_id: i64,
    query: &str,
) -> Result<Vec<super::PickerPerson>, AppError> {
    let taken: HashSet<i64> = store::answers_of(db, wave_id, respondent)
        .await?
        .ties
        .into_iter()
        .filter(|t| t.relation_id == relation_id)
        .map(|t| t.named_id)
        .collect();
    picker_people(db, wave_id, respondent, &taken, query).await
}

/// Names one colleague for one question (or takes them off), saved as a
/// draft at once: the live picker adds people without reloading the page.
pub async fn name_colleague(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    relation_id: i64,
    named: i64,
    on: bool,
) -> Result<(), AppError> {
    let mut answers = store::answers_of(db, wave_id, respondent).await?;
    let already = answers
        .ties
        .iter()
        .any(|t| t.relation_id == relation_id && t.named_id == named);
    if on && !already {
        answers.ties.push(TieAnswer {
            relation_id,
            named_id: named,
            scales: BTreeMap::new(),
        });
    } else if !on {
        answers
            .ties
            .retain(|t| !(t.relation_id == relation_id && t.named_id == named));
    }
    // A draft save: a submission stays submitted, with this change in it.
    save_answers(db, wave_id, respondent, &answers, false).await
}

/// Sets (or clears) one rating of a colleague the respondent has named, while
/// the wave is open.
pub async fn rate_tie(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    relation_id: i64,
    named: i64,
    key: &str,
    value: Option<i64>,
) -> Result<(), AppError> {
    let mut answers = store::answers_of(db, wave_id, respondent).await?;
    let Some(tie) = answers
        .ties
        .iter_mut()
        .find(|t| t.relation_id == relation_id && t.named_id == named)
    else {
        return Err(Refusal::RateUnnamed.said(db, respondent, None).await);
    };
    match value {
        Some(v) => tie.scales.insert(key.to_string(), v),
        None => tie.scales.remove(key),
    };
    // A draft save: a submission stays submitted, with this rating in it.
    save_answers(db, wave_id, respondent, &answers, false).await
}

/// Opens draft waves whose opening date has come and closes open waves whose
/// closing date has passed. Safe to run from several instances at once: each
/// change is a conditional update that only one of them wins.
pub async fn run_schedule(
    db: &Db,
    policy: &Policy,
    key: &LinkKey,
    today: Date,
) -> Result<(Vec<i64>, Vec<i64>), AppError> {
    let (to_open, to_close) = store::due_waves(db, &today.iso()).await?;
    let mut opened = Vec::new();
    for wave in to_open {
        match open_wave_now(db, key, wave, today).await {
            Ok(_) => opened.push(wave),
            // Another instance won, or no one is in the population yet: HR sees the draft.
            Err(err) => tracing::info!(wave, error = %err, "scheduled opening skipped"),
        }
    }
    let mut closed = Vec::new();
    for wave in to_close {
        if store::close_wave(db, wave, today).await? {
            crate::jobs::spawn_wave_analysis(db, policy, wave);
            closed.push(wave);
        }
    }
    Ok((opened, closed))
}

/// Sets (or clears, when empty) one answer about the respondent, while the wave
/// is open; checked like a full save.
pub async fn answer_attribute(
    db: &Db,
    wave_id: i64,
    respondent: i64,
    question_id: i64,
    value: &str,
) -> Result<(), AppError> {
    let mut answers = store::answers_of(db, wave_id, respondent).await?;
    let value = value.trim();
    if value.is_empty() {
        answers.attributes.remove(&question_id);
    } else {
        answers.attributes.insert(question_id, value.to_string());
    }
    save_answers(db, wave_id, respondent, &answers, false).await
}

/// One language's translation of a survey: HR's text to its translation.
pub async fn translation_of(
    db: &Db,
    survey_id: i64,
    language: Language,
) -> Result<HashMap<String, String>, AppError> {
    let mut words = super::knit_translation(language);
    words.extend(
        store::translations(db, survey_id)
            .await?
            .into_iter()
            .filter(|(code, _, _)| code == language.code())
            .map(|(_, source, target)| (source, target)),
    );
    Ok(words)
}

/// The languages a survey should speak besides the organization's (those the
/// roster's active people read, and any already translated), each with its
/// translation as it stands: what HR fills in, and what is missing.
pub async fn translations(
    db: &Db,
    user: &CurrentUser,
    survey_id: i64,
    definition: &SurveyDefinition,
) -> Result<Vec<super::SurveyTranslation>, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let organization = crate::mail::service::organization_language(db).await?;
    let mut readers: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (code, people) in store::roster_languages(db).await? {
        let language = code
            .as_deref()
            .and_then(Language::parse)
            .unwrap_or(organization);
        *readers.entry(language.code()).or_default() += usize::try_from(people).unwrap_or(0);
    }
    let saved = store::translations(db, survey_id).await?;
    let mut out = Vec::new();
    for language in Language::ALL.into_iter().filter(|l| *l != organization) {
        let people = readers.get(language.code()).copied().unwrap_or(0);
        let by_hr = saved.iter().any(|(code, _, _)| code == language.code());
        if people == 0 && !by_hr {
            continue;
        }
        let words = translation_of(db, survey_id, language).await?;
        out.push(super::SurveyTranslation {
            language,
            people,
            texts: definition
                .texts()
                .into_iter()
                .map(|text| {
                    let translated = words.get(text.as_str()).map(|t| t.to_string());
                    (text, translated)
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Saves one language's translation from HR's form: `s.N` a text as the page
/// showed it, `t.N` its translation (empty: not translated). Texts the survey
/// no longer has are dropped.
pub async fn save_translations(
    db: &Db,
    user: &CurrentUser,
    survey_id: i64,
    language: Language,
    form: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    refuse_pulse(db, survey_id).await?;
    let survey = store::get(db, survey_id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-surveys-there-is-no-such-survey")))?;
    let texts: HashSet<String> = survey.definition.texts().into_iter().collect();
    let mut pairs = Vec::new();
    for (key, source) in form {
        let Some(n) = key.strip_prefix("s.") else {
            continue;
        };
        let target = form
            .get(&format!("t.{n}"))
            .map(|t| t.replace("\r\n", "\n").trim().to_string())
            .unwrap_or_default();
        if target.chars().count() > 10_000 {
            return Err(AppError::invalid(say_with(
                "refused-surveys-translation-of-write-at-most",
                &[(
                    "tring",
                    (source.chars().take(60).collect::<String>()).into(),
                )],
            )));
        }
        if texts.contains(source) && !target.is_empty() {
            pairs.push((source.clone(), target));
        }
    }
    let mut tx = db.begin().await?;
    store::save_translations(&mut tx, survey_id, language.code(), &pairs).await?;
    tx.commit().await?;
    Ok(())
}
