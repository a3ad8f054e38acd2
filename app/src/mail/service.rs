//! Email rules: templates and their preview, reminders (scheduled and on
//! demand), what HR sees of delivery, and composing one queued message.

use super::template::{Rendered, Template, Values};
use super::{LinkKey, Purpose, ReminderRound, WaveDelivery};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::{say, say_with};
use crate::model::date::Date;
use crate::model::language::Language;
use crate::model::privacy::Privacy;
use crate::store::outbox::{self, Outgoing};
use crate::store::{settings, Db};

/// How many undelivered messages a wave's page lists: a misconfigured server
/// can fail thousands, whom the counts already tell.
pub const FAILURES_LISTED: usize = 100;
use std::collections::HashMap;

/// Checks that the database's personal links were made with this link key
/// (its fingerprint is kept on first use): links made with another cannot be
/// rebuilt, so Knit refuses to start rather than send broken ones.
pub async fn adopt_link_key(db: &Db, key: &LinkKey) -> Result<(), AppError> {
    const FINGERPRINT: &str = "link_key_fingerprint";
    match settings::get(db, FINGERPRINT).await? {
        Some(fingerprint) if fingerprint != key.fingerprint() => Err(AppError::Conflict(say_with(
            "refused-mail-this-database-s-personal-links",
            &[
                ("fingerprint", fingerprint.into()),
                ("fingerprint2", (key.fingerprint()).into()),
            ],
        ))),
        Some(_) => Ok(()),
        None => Ok(settings::set(db.pool(), FINGERPRINT, &key.fingerprint()).await?),
    }
}

/// Where HR's wording in a language is kept: the organization's language is
/// the wording written before languages (None).
async fn stored_as(db: &Db, language: Language) -> Result<Option<Language>, AppError> {
    Ok((language != organization_language(db).await?).then_some(language))
}

/// The wording in use for a purpose in a language: HR's, or Knit's own.
pub async fn template_for(
    db: &Db,
    purpose: Purpose,
    language: Language,
) -> Result<Template, AppError> {
    Ok(
        outbox::template(db, purpose, stored_as(db, language).await?)
            .await?
            .unwrap_or_else(|| Template::default_for(purpose, language)),
    )
}

/// Each message HR may reword in one language, as it stands, for the wording
/// page (None: the organization's language).
pub async fn wording_to_edit(
    db: &Db,
    user: &CurrentUser,
    language: Option<Language>,
) -> Result<crate::model::mail::EditedWording, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let organization = organization_language(db).await?;
    let language = language.unwrap_or(organization);
    let key = stored_as(db, language).await?;
    let mut templates = Vec::new();
    for purpose in Purpose::HR_TEMPLATES {
        let edited = outbox::template(db, purpose, key).await?;
        templates.push(crate::model::mail::TemplateView {
            purpose,
            edited: edited.is_some(),
            template: edited.unwrap_or_else(|| Template::default_for(purpose, language)),
        });
    }
    Ok(crate::model::mail::EditedWording {
        language,
        organization,
        templates,
    })
}

/// The language of people whose roster gives none, and of HR's own wording.
pub async fn organization_language(db: &Db) -> Result<Language, AppError> {
    Ok(settings::get(db, settings::DEFAULT_LANGUAGE)
        .await?
        .and_then(|code| Language::parse(&code))
        .unwrap_or_default())
}

pub async fn save_template(
    db: &Db,
    user: &CurrentUser,
    purpose: Purpose,
    language: Language,
    template: Template,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let template = Template {
        subject: template.subject.trim().to_string(),
        // Browsers send a textarea's line breaks as CRLF.
        body: template.body.replace("\r\n", "\n").trim().to_string(),
    };
    template.validate().map_err(AppError::invalid)?;
    let key = stored_as(db, language).await?;
    let mut tx = db.begin().await?;
    outbox::save_template(&mut *tx, purpose, key, &template).await?;
    wording_changed(tx, user, purpose, language).await
}

pub async fn reset_template(
    db: &Db,
    user: &CurrentUser,
    purpose: Purpose,
    language: Language,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let key = stored_as(db, language).await?;
    let mut tx = db.begin().await?;
    outbox::reset_template(&mut *tx, purpose, key).await?;
    wording_changed(tx, user, purpose, language).await
}

/// Sets the organization's language (an administrator's or analyst's change,
/// audited with it).
pub async fn set_organization_language(
    db: &Db,
    user: &CurrentUser,
    language: Language,
) -> Result<(), AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let mut tx = db.begin().await?;
    settings::set(&mut *tx, settings::DEFAULT_LANGUAGE, language.code()).await?;
    crate::audit::service::record_in(
        &mut tx,
        user,
        crate::audit::Action::SettingsChange,
        &format!("organization's language: {}", language.english_name()),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The wording's audit entry, saved with the change.
async fn wording_changed(
    mut tx: crate::store::Tx,
    user: &CurrentUser,
    purpose: Purpose,
    language: Language,
) -> Result<(), AppError> {
    crate::audit::service::record_in(
        &mut tx,
        user,
        crate::audit::Action::SettingsChange,
        &format!(
            "email wording: {} ({})",
            purpose.key(),
            language.english_name()
        ),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn organization(db: &Db) -> Result<String, AppError> {
    Ok(settings::get(db, settings::ORGANIZATION_NAME)
        .await?
        .unwrap_or_else(|| "Your organization".into()))
}

/// A template rendered for an example person, as HR previews it.
pub async fn preview(
    db: &Db,
    privacy: Privacy,
    user: &CurrentUser,
    public_url: &str,
    template: &Template,
    language: Language,
) -> Result<Rendered, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    template.validate().map_err(AppError::invalid)?;
    let closes_on = Date::from_days_since_epoch(Date::today().days_since_epoch() + 14).iso();
    let values = example_values(db, privacy, public_url, &closes_on, language).await?;
    template.render(&values).map_err(AppError::invalid)
}

/// The invitation a survey's wave would send, for an example person, as HR
/// sees it before opening the wave: today's wording, this survey's words.
pub async fn preview_invitation(
    db: &Db,
    privacy: Privacy,
    user: &CurrentUser,
    public_url: &str,
    survey: &crate::model::surveys::SurveyDefinition,
    closes_on: &str,
) -> Result<Rendered, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let language = organization_language(db).await?;
    let template = template_for(db, Purpose::Invitation, language).await?;
    let values = Values {
        survey: survey.name.clone(),
        purpose: survey.introduction.clone(),
        ..example_values(db, privacy, public_url, closes_on, language).await?
    };
    template.render(&values).map_err(AppError::invalid)
}

/// What a preview fills a template with: an example person and survey, in
/// the language previewed.
async fn example_values(
    db: &Db,
    privacy: Privacy,
    public_url: &str,
    closes_on: &str,
    language: Language,
) -> Result<Values, AppError> {
    use crate::model::catalogue::FluentValue;
    let introductions = [
        language.say_with(
            "reason-team-goes-to",
            &[
                ("name", "Rita".into()),
                ("team", "Platform".into()),
                ("people", 6.into()),
            ],
        ),
        language.say_with(
            "reason-same-team",
            &[
                ("name", "Nuno".into()),
                ("team", FluentValue::from("Platform")),
            ],
        ),
    ];
    let introduction = crate::model::surveys::DEFAULT_INTRODUCTION.to_string();
    Ok(Values {
        name: "Alex Example".into(),
        organization: organization(db).await?,
        survey: language.say("mail-example-survey"),
        purpose: crate::model::surveys::knit_translation(language)
            .remove(&introduction)
            .unwrap_or(introduction),
        link: format!("{public_url}/s/example-personal-link"),
        closes_on: language.long_date(closes_on),
        introductions: format!(
            "- Rita Alves: {}\n- Nuno Silva: {}",
            introductions[0], introductions[1]
        ),
        privacy: privacy.email_promise(language),
        newcomer: "Sam Newcomer".into(),
        language,
    })
}

/// What a worker does with one leased message.
#[derive(Debug)]
pub enum Composed {
    Send {
        to_name: String,
        to_address: String,
        message: Rendered,
    },
    /// Not to be sent; the reason is shown to HR.
    Skip(String),
    /// Cannot be sent as it stands (a bad template value); shown to HR as failed.
    Fail(String),
}

/// What every message of a batch shares: the organization's name and
/// language, and HR's wording (read once per batch, not once per message).
#[derive(Clone, Debug)]
pub struct Wording {
    pub organization: String,
    /// The promise every invitation and pulse restates.
    pub privacy: Privacy,
    /// The language of people whose roster gives none.
    pub language: Language,
    /// HR's own wording, by message and language.
    pub edited: HashMap<(Purpose, Language), Template>,
    /// Each survey's own words in other languages: (survey, language) to
    /// HR's text and its translation.
    pub translations: HashMap<(i64, Language), HashMap<String, String>>,
    /// Knit's own survey words (templates, the pulse) in each language.
    pub knit: HashMap<Language, HashMap<String, String>>,
}

impl Wording {
    /// HR's wording in the reader's language; Knit's own in it where HR
    /// wrote none (the wording page says so).
    fn template(&self, purpose: Purpose, language: Language) -> Template {
        self.edited
            .get(&(purpose, language))
            .cloned()
            .unwrap_or_else(|| Template::default_for(purpose, language))
    }

    /// A survey's text in a language, as HR translated it, else as Knit
    /// does its own words, else as written.
    fn survey_text(&self, survey: Option<i64>, language: Language, text: &str) -> String {
        survey
            .and_then(|id| self.translations.get(&(id, language)))
            .and_then(|words| words.get(text))
            .or_else(|| self.knit.get(&language).and_then(|words| words.get(text)))
            .cloned()
            .unwrap_or_else(|| text.to_string())
    }
}

pub async fn wording(db: &Db, privacy: Privacy) -> Result<Wording, AppError> {
    let organization_speaks = organization_language(db).await?;
    let mut edited = HashMap::new();
    for purpose in Purpose::ALL {
        for language in Language::ALL {
            let key = (language != organization_speaks).then_some(language);
            if let Some(template) = outbox::template(db, purpose, key).await? {
                edited.insert((purpose, language), template);
            }
        }
    }
    let mut translations: HashMap<(i64, Language), HashMap<String, String>> = HashMap::new();
    for (survey, code, source, target) in crate::store::surveys::all_translations(db).await? {
        if let Some(language) = Language::parse(&code) {
            translations
                .entry((survey, language))
                .or_default()
                .insert(source, target);
        }
    }
    let knit = Language::ALL
        .into_iter()
        .map(|language| (language, crate::model::surveys::knit_translation(language)))
        .collect();
    Ok(Wording {
        organization: organization(db).await?,
        privacy,
        language: organization_speaks,
        edited,
        translations,
        knit,
    })
}

/// Writes one leased message, or says why it is not sent. The personal link is
/// derived from the invitation's seed; it exists only in the message.
pub fn compose(
    wording: &Wording,
    key: &LinkKey,
    public_url: &str,
    outgoing: &Outgoing,
) -> Composed {
    let Some(purpose) = Purpose::from_key(&outgoing.purpose) else {
        return Composed::Fail(format!("unknown purpose '{}'", outgoing.purpose));
    };
    if let Some(reason) = skip_reason(purpose, outgoing) {
        return Composed::Skip(reason.into());
    }
    let seed = outgoing.token_seed.as_deref().unwrap_or_default();
    let newcomer_page = format!("{public_url}/n/{}", key.token(seed));
    let language = outgoing.language.unwrap_or(wording.language);
    let values = Values {
        name: outgoing.name.clone(),
        organization: wording.organization.clone(),
        survey: wording.survey_text(outgoing.survey_id, language, &outgoing.survey),
        purpose: wording.survey_text(outgoing.survey_id, language, &outgoing.introduction),
        link: match purpose {
            Purpose::ManagerCopy => format!("{public_url}/newcomers/{}", outgoing.person_id),
            Purpose::Introductions | Purpose::DidYouMeet => newcomer_page.clone(),
            Purpose::HeadsUp => format!(
                "{public_url}/less/{}/{}",
                outgoing.person_id,
                key.suggest_less_token(outgoing.person_id)
            ),
            Purpose::PasswordReset | Purpose::AccountWelcome => {
                format!("{public_url}/reset/{}", key.password_reset_token(seed))
            }
            _ => format!("{public_url}/s/{}", key.token(seed)),
        },
        closes_on: language.long_date(&outgoing.closes_on),
        // Read by the newcomer or their manager: only what the disclosure policy allows.
        introductions: outgoing
            .introductions
            .iter()
            .map(|i| {
                if purpose == Purpose::DidYouMeet {
                    return format!("- {}: {newcomer_page}?ask={}", i.name, i.id);
                }
                let roster = outgoing
                    .roster
                    .get(&i.suggested_id)
                    .cloned()
                    .unwrap_or_default();
                let reasons = crate::newcomers::words::for_newcomer(
                    &i.grounds,
                    &i.name,
                    &roster,
                    wording.privacy.min_group,
                    language,
                );
                format!("- {}: {}", i.name, reasons.join(" "))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        privacy: wording.privacy.email_promise(language),
        newcomer: outgoing.newcomer.clone(),
        language,
    };
    match wording.template(purpose, language).render(&values) {
        Ok(mut message) => {
            if purpose == Purpose::Introductions {
                message.attachments = meetings(outgoing, &wording.organization);
            }
            Composed::Send {
                to_name: outgoing.name.clone(),
                to_address: outgoing.address.clone(),
                message,
            }
        }
        Err(reason) => Composed::Fail(reason),
    }
}

/// A meeting suggestion per colleague introduced, for the newcomer to forward.
fn meetings(outgoing: &Outgoing, organization: &str) -> Vec<super::calendar::Attachment> {
    use super::calendar::{meeting, Attendee};
    let Some(sent_on) = outgoing
        .sent_on
        .as_deref()
        .and_then(|d| Date::parse(d, crate::model::date::SlashOrder::Unknown))
    else {
        return Vec::new();
    };
    let newcomer = Attendee {
        name: &outgoing.name,
        email: &outgoing.address,
    };
    outgoing
        .introductions
        .iter()
        .map(|i| {
            let colleague = Attendee {
                name: &i.name,
                email: &i.email,
            };
            meeting(i.id, sent_on, &newcomer, &colleague, organization)
        })
        .collect()
}

/// Why a leased message is not to be sent, if it is not: shown to HR.
fn skip_reason(purpose: Purpose, outgoing: &Outgoing) -> Option<&'static str> {
    let introductions = matches!(
        purpose,
        Purpose::Introductions | Purpose::ManagerCopy | Purpose::DidYouMeet
    );
    let reset = matches!(purpose, Purpose::PasswordReset | Purpose::AccountWelcome);
    if reset && !outgoing.person_active {
        Some("the account is disabled")
    } else if !outgoing.person_active {
        Some("the person is no longer active")
    } else if outgoing.bounced {
        Some("the address bounced earlier")
    } else if purpose.about_a_wave() && !outgoing.wave_open {
        Some("the wave is no longer open")
    } else if reset && outgoing.token_seed.is_none() {
        Some("the reset link expired or was used")
    } else if outgoing.token_seed.is_none() {
        Some("the personal link was revoked")
    } else if purpose == Purpose::Reminder && outgoing.answered {
        Some("already answered")
    } else if purpose == Purpose::Reminder && outgoing.declined {
        Some("prefers not to take part")
    } else if introductions && outgoing.introductions.is_empty() {
        Some("no introductions are open")
    } else if outgoing.address.is_empty() {
        Some("the newcomer has no manager on the roster")
    } else {
        None
    }
}

/// Reminds a wave's non-respondents now. Returns the round and how many were queued.
pub async fn remind_now(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
) -> Result<ReminderRound, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    outbox::queue_reminders(db, wave_id, None)
        .await?
        .ok_or_else(|| AppError::Conflict(say("refused-mail-reminders-go-out-only-while")))
}

/// Queues each open wave's reminders whose day has come (days counted from the
/// day the wave opened). Safe to run from several instances: a day's round is
/// queued once. Returns (wave, round) for each round queued.
pub async fn queue_scheduled_reminders(
    db: &Db,
    today: Date,
) -> Result<Vec<(i64, ReminderRound)>, AppError> {
    let mut queued = Vec::new();
    for wave in crate::store::surveys::open_waves_reminder_days(db).await? {
        let since_open = today.days_since_epoch() - wave.opened_on.days_since_epoch();
        for day in wave
            .days
            .into_iter()
            .filter(|d| i64::from(*d) <= since_open)
        {
            if let Some(round) =
                outbox::queue_reminders(db, wave.wave_id, Some(i64::from(day))).await?
            {
                queued.push((wave.wave_id, round));
            }
        }
    }
    Ok(queued)
}

/// A wave's email: what was sent and what failed (the first
/// [`FAILURES_LISTED`] by name), beside how its links were used.
pub async fn wave_delivery(
    db: &Db,
    user: &CurrentUser,
    wave_id: i64,
    link_use: outbox::LinkUse,
) -> Result<WaveDelivery, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let outbox::LinkUse {
        invited,
        opened,
        answered,
    } = link_use;
    Ok(WaveDelivery {
        counts: outbox::counts(db, wave_id).await?,
        failures: outbox::failures(db, wave_id, FAILURES_LISTED).await?,
        reminders: outbox::reminder_rounds(db, wave_id).await?,
        invited,
        opened,
        answered,
    })
}

pub async fn retry_failed(db: &Db, user: &CurrentUser, wave_id: i64) -> Result<u64, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    Ok(outbox::retry_failed(db, wave_id).await?)
}
