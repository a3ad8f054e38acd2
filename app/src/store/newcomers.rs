//! Newcomers in the database: their settings, introductions and personal
//! links, colleagues' wish to be suggested less, and the computed figures the
//! pages read.

use super::{now_ms, Db, StoreError};
pub use crate::model::newcomers::LinkState;
use crate::model::newcomers::{
    Grounds, IntroductionStatus, NewcomerFigures, NewcomerSettings, NewcomersSummary,
};
use analysis::newcomers::{Ground, Reason};
use std::collections::HashMap;

const SETTINGS_KEY: &str = "newcomers";

/// "This quarter", for how often someone was suggested to newcomers.
pub const QUARTER_MS: i64 = 91 * 86_400_000;

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Unreadable(e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Unreadable(format!("{what}: {e}")))
}

pub async fn settings(db: &Db) -> Result<NewcomerSettings, StoreError> {
    match super::settings::get(db, SETTINGS_KEY).await? {
        None => Ok(NewcomerSettings::default()),
        Some(text) => parse("the newcomer settings", &text),
    }
}

pub async fn save_settings<'e, E>(executor: E, value: &NewcomerSettings) -> Result<(), StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(super::settings::set(executor, SETTINGS_KEY, &json(value)?).await?)
}

/// The survey wave the Newcomers page stands on: the latest analysed one.
pub struct LatestWave {
    pub wave_id: i64,
    pub survey_id: i64,
}

pub async fn latest_analyzed_wave(db: &Db) -> Result<Option<LatestWave>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT w.id, w.survey_id FROM waves w JOIN surveys s ON s.id = w.survey_id \
         WHERE s.kind = 'survey' AND EXISTS (SELECT 1 FROM analyses a WHERE a.wave_id = w.id) \
         ORDER BY w.closes_on DESC, w.id DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(wave_id, survey_id)| LatestWave { wave_id, survey_id }))
}

/// Replaces the computed figures with a new set, in one transaction.
pub async fn save_computed(
    db: &Db,
    summary: Option<&NewcomersSummary>,
    figures: &[NewcomerFigures],
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM newcomer_figures")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM newcomer_summary")
        .execute(&mut *tx)
        .await?;
    if let Some(summary) = summary {
        sqlx::query("INSERT INTO newcomer_summary (id, computed_at, summary) VALUES (1, $1, $2)")
            .bind(now_ms())
            .bind(json(summary)?)
            .execute(&mut *tx)
            .await?;
        for (position, f) in figures.iter().enumerate() {
            sqlx::query(
                "INSERT INTO newcomer_figures (person_id, position, manager_id, figures) VALUES ($1, $2, $3, $4)",
            )
            .bind(f.person_id)
            .bind(position as i64)
            .bind(f.manager_id)
            .bind(json(f)?)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(tx.commit().await?)
}

pub async fn summary(db: &Db) -> Result<Option<NewcomersSummary>, StoreError> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT summary FROM newcomer_summary WHERE id = 1")
            .fetch_optional(db.pool())
            .await?;
    text.map(|t| parse("the stored newcomer summary", &t))
        .transpose()
}

/// Whose newcomers a reader sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reports {
    Everyone,
    /// Those under this person, directly or through their managers (as the
    /// People page reads a manager's part of the organization).
    Of(i64),
}

/// One page of newcomers in the list's order, and how many there are in all.
pub async fn figures_page(
    db: &Db,
    reports: Reports,
    offset: usize,
    limit: usize,
) -> Result<(Vec<NewcomerFigures>, usize), StoreError> {
    // Everyone's, or the manager's reports' (a manager id of -1 matches no one).
    let (everyone, manager) = match reports {
        Reports::Everyone => (true, -1),
        Reports::Of(id) => (false, id),
    };
    // UNION (not UNION ALL) stops at a loop in the reporting lines.
    let filter = "WITH RECURSIVE reports(id) AS (SELECT id FROM people WHERE manager_id = $2 \
         UNION SELECT p.id FROM people p JOIN reports r ON p.manager_id = r.id) \
         SELECT {} FROM newcomer_figures WHERE ($1 OR person_id IN (SELECT id FROM reports))";
    let page_sql = format!(
        "{} ORDER BY position LIMIT $3 OFFSET $4",
        filter.replace("{}", "figures")
    );
    let count_sql = filter.replace("{}", "COUNT(*)");
    let query = sqlx::query_scalar::<_, String>(&page_sql)
        .bind(everyone)
        .bind(manager)
        .bind(limit as i64)
        .bind(offset as i64);
    let count = sqlx::query_scalar::<_, i64>(&count_sql)
        .bind(everyone)
        .bind(manager);
    let page = query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|t| parse("a newcomer's stored figures", t))
        .collect::<Result<Vec<NewcomerFigures>, StoreError>>()?;
    let total = count.fetch_one(db.pool()).await?;
    Ok((page, total as usize))
}

pub async fn figures_of(db: &Db, person_id: i64) -> Result<Option<NewcomerFigures>, StoreError> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT figures FROM newcomer_figures WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(db.pool())
            .await?;
    text.map(|t| parse("a newcomer's stored figures", &t))
        .transpose()
}

/// The names people go by now (preferred, else full), for the ids asked.
pub async fn names(db: &Db, ids: &[i64]) -> Result<HashMap<i64, String>, sqlx::Error> {
    let mut out = HashMap::new();
    // In slices, so that no statement carries more parameters than a backend takes.
    for chunk in ids.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT id, COALESCE(preferred_name, full_name) FROM people WHERE id IN ({list})"
        ))
        .fetch_all(db.pool())
        .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// Issues the newcomer's personal link: a link that still works is kept
/// (emails sent with it go on working); an expired or revoked one is replaced.
pub(super) async fn keep_link(
    tx: &mut super::Tx,
    newcomer: i64,
    link: &NewcomerLink<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO newcomer_links (person_id, token_seed, token_hash, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_id) DO UPDATE SET token_seed = excluded.token_seed, token_hash = excluded.token_hash, \
           issued_at = excluded.issued_at, expires_at = excluded.expires_at, revoked_at = NULL \
         WHERE newcomer_links.revoked_at IS NOT NULL OR newcomer_links.expires_at <= $4",
    )
    .bind(newcomer)
    .bind(link.seed)
    .bind(link.token_hash)
    .bind(now)
    .bind(now + link.lifetime_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A newcomer's personal link as issued: the seed it is derived from, the
/// hash of its token, and how long it works.
#[derive(Clone, Copy)]
pub struct NewcomerLink<'a> {
    pub seed: &'a str,
    pub token_hash: &'a str,
    pub lifetime_ms: i64,
}

/// Opens a session for the newcomer a personal link belongs to, while the
/// link works; `session_hash` is the hash of the cookie's random id.
pub async fn open_newcomer_session(
    db: &Db,
    token_hash: &str,
    session_hash: &str,
    lifetime_ms: i64,
) -> Result<LinkState, sqlx::Error> {
    let now = now_ms();
    let link: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT person_id, expires_at, revoked_at FROM newcomer_links WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some((person_id, expires_at, revoked_at)) = link else {
        return Ok(LinkState::Unknown);
    };
    let link_ends = expires_at.unwrap_or(i64::MAX);
    if revoked_at.is_some() || link_ends <= now {
        return Ok(LinkState::Ended);
    }
    let until = link_ends.min(now + lifetime_ms);
    sqlx::query(
        "INSERT INTO newcomer_sessions (id_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(session_hash)
    .bind(person_id)
    .bind(now)
    .bind(until)
    .execute(db.pool())
    .await?;
    Ok(LinkState::Opened { person_id, until })
}

/// The newcomer a session cookie signs in, while the session lasts and their
/// link works.
pub async fn newcomer_of_session(db: &Db, session_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    let now = now_ms();
    sqlx::query_scalar(
        "SELECT s.person_id FROM newcomer_sessions s JOIN newcomer_links l ON l.person_id = s.person_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND l.revoked_at IS NULL \
           AND (l.expires_at IS NULL OR l.expires_at > $2)",
    )
    .bind(session_hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

/// Revokes a newcomer's personal link and ends the sessions opened with it, in
/// one transaction. False when they have no working link.
pub async fn revoke_newcomer_link(db: &Db, person_id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE newcomer_links SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL",
    )
    .bind(now_ms())
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM newcomer_sessions WHERE person_id = $1")
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

fn grounds_from(grounds: Option<String>, sentences: &str) -> Result<Grounds, StoreError> {
    Ok(match grounds {
        Some(text) => Grounds::Facts(parse("an introduction's grounds", &text)?),
        None => Grounds::Sentences(parse("an introduction's reasons", sentences)?),
    })
}

fn status_from(key: &str) -> Result<IntroductionStatus, StoreError> {
    IntroductionStatus::from_key(key)
        .ok_or_else(|| StoreError::Unreadable(format!("an introduction's status '{key}'")))
}

/// One of a newcomer's introductions, with what the newcomer needs to find the person.
#[derive(Clone, Debug)]
pub struct Introduction {
    pub id: i64,
    pub suggested_id: i64,
    /// The analysed wave the suggestion was made from.
    pub wave_id: i64,
    pub name: String,
    pub title: Option<String>,
    pub team: Option<String>,
    pub email: String,
    pub grounds: Grounds,
    pub status: IntroductionStatus,
}

/// Which of a newcomer's introductions a page or a message lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    /// Every one sent, the latest round first: the newcomer's one list.
    All,
    /// Those of one round (the email that sent them).
    Sent,
    /// Those of one round not yet marked met or not useful ("did you meet?").
    NotYetMet,
}

/// A newcomer's introductions as `listed` (`round` for one round's; before
/// rounds, round 0 stands for those still open).
pub async fn introductions_for(
    db: &Db,
    newcomer: i64,
    round: i64,
    listed: Listed,
) -> Result<Vec<Introduction>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct IntroductionRow {
        id: i64,
        suggested_id: i64,
        wave_id: i64,
        name: String,
        title: Option<String>,
        team: Option<String>,
        email: String,
        reasons: String,
        grounds: Option<String>,
        status: String,
    }
    let by_round = !matches!((listed, round), (Listed::All, _) | (Listed::Sent, 0));
    let sql = format!(
        "SELECT i.id, i.suggested_id, i.wave_id, COALESCE(p.preferred_name, p.full_name) AS name, p.title, p.team, p.email, \
         i.reasons, i.grounds, i.status \
         FROM introductions i JOIN people p ON p.id = i.suggested_id WHERE i.newcomer_id = $1{}",
        match (listed, round) {
            (Listed::All, _) => " ORDER BY COALESCE(i.round_id, 0) DESC, i.id",
            (Listed::Sent, 0) => " AND i.status = 'suggested' ORDER BY i.id",
            (Listed::Sent, _) => " AND i.round_id = $2 ORDER BY i.id",
            (Listed::NotYetMet, _) => {
                " AND i.round_id = $2 AND i.status IN ('suggested', 'later') ORDER BY i.id"
            }
        }
    );
    let mut query = sqlx::query_as::<_, IntroductionRow>(&sql).bind(newcomer);
    if by_round {
        query = query.bind(round);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Introduction {
                grounds: grounds_from(r.grounds, &r.reasons)?,
                status: status_from(&r.status)?,
                id: r.id,
                suggested_id: r.suggested_id,
                wave_id: r.wave_id,
                name: r.name,
                title: r.title,
                team: r.team,
                email: r.email,
            })
        })
        .collect()
}

/// Records what the newcomer says of one of their own introductions.
pub async fn mark_introduction(
    db: &Db,
    newcomer: i64,
    id: i64,
    status: IntroductionStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE introductions SET status = $1, updated_at = $2 WHERE id = $3 AND newcomer_id = $4",
    )
    .bind(status.key())
    .bind(now_ms())
    .bind(id)
    .bind(newcomer)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One introduction with whether a tie formed between the two, in either
/// direction and in any relation, in a wave that closed after it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub newcomer_id: i64,
    pub ground: Ground,
    pub newcomer_hired_on: Option<String>,
    pub status: IntroductionStatus,
    pub tie_formed: bool,
    /// A wave closed after it, so that a tie could show.
    pub judged: bool,
}

pub async fn introduction_outcomes(db: &Db) -> Result<Vec<Outcome>, StoreError> {
    let rows: Vec<(i64, String, Option<String>, String, i64, i64)> = sqlx::query_as(
        "SELECT i.newcomer_id, i.ground, p.hire_date, i.status, \
            CASE WHEN EXISTS (SELECT 1 FROM ties t JOIN waves w ON w.id = t.wave_id \
                 WHERE w.closes_on > made.closes_on AND \
                 ((t.respondent_id = i.newcomer_id AND t.named_id = i.suggested_id) OR \
                  (t.respondent_id = i.suggested_id AND t.named_id = i.newcomer_id))) THEN 1 ELSE 0 END AS formed, \
            CASE WHEN EXISTS (SELECT 1 FROM waves w WHERE w.closes_on > made.closes_on AND w.status = 'closed') THEN 1 ELSE 0 END AS judged \
         FROM introductions i JOIN people p ON p.id = i.newcomer_id JOIN waves made ON made.id = i.wave_id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(newcomer_id, ground, hire_date, status, formed, judged)| {
            Ok(Outcome {
                newcomer_id,
                ground: Ground::from_key(&ground).ok_or_else(|| {
                    StoreError::Unreadable(format!("an introduction's ground '{ground}'"))
                })?,
                newcomer_hired_on: hire_date,
                status: status_from(&status)?,
                tie_formed: formed == 1,
                judged: judged == 1,
            })
        })
        .collect()
}

/// One introduction as made, for timelines and load counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntroductionRecord {
    pub newcomer_id: i64,
    pub suggested_id: i64,
    pub status: IntroductionStatus,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn all_introductions(db: &Db) -> Result<Vec<IntroductionRecord>, StoreError> {
    let rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT newcomer_id, suggested_id, status, created_at, updated_at FROM introductions ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(
            |(newcomer_id, suggested_id, status, created_at, updated_at)| {
                Ok(IntroductionRecord {
                    newcomer_id,
                    suggested_id,
                    status: status_from(&status)?,
                    created_at,
                    updated_at,
                })
            },
        )
        .collect()
}

/// Everyone who asked to be suggested to newcomers less often.
pub async fn suggest_less(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM people WHERE suggest_less_since IS NOT NULL")
        .fetch_all(db.pool())
        .await
}

/// How many newcomers a person was suggested to since `since` (UTC ms), and
/// whether they asked to be suggested less.
pub struct SuggestionLoad {
    pub suggested: i64,
    pub asked_for_less: bool,
}

pub async fn suggestion_load(
    db: &Db,
    person_id: i64,
    since: i64,
) -> Result<SuggestionLoad, sqlx::Error> {
    let (suggested, less): (i64, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM introductions WHERE suggested_id = $1 AND created_at >= $2) AS suggested, \
                (SELECT CASE WHEN suggest_less_since IS NULL THEN 0 ELSE 1 END FROM people WHERE id = $1) AS less",
    )
    .bind(person_id)
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    Ok(SuggestionLoad {
        suggested,
        asked_for_less: less == Some(1),
    })
}

/// Records (or withdraws) a person's wish to be suggested less often.
pub async fn set_suggest_less(db: &Db, person_id: i64, less: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET suggest_less_since = $1 WHERE id = $2")
        .bind(less.then(now_ms))
        .bind(person_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Who answered a wave, counted once: in all, and in one newcomer's team.
pub struct Respondents {
    pub wave: i64,
    pub total: usize,
    pub in_team: usize,
}

/// Reads two counts, not every respondent: a page lists many newcomers.
pub async fn respondents(
    db: &Db,
    wave: i64,
    team: Option<&str>,
) -> Result<Respondents, sqlx::Error> {
    let in_team: i64 = match team {
        Some(team) => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM people o CROSS JOIN invitations i \
                 WHERE o.team = $2 AND i.person_id = o.id AND i.wave_id = $1 \
                 AND i.submitted_at IS NOT NULL",
            )
            .bind(wave)
            .bind(team)
            .fetch_one(db.pool())
            .await?
        }
        None => 0,
    };
    Ok(Respondents {
        wave,
        total: super::responses::answered(db, wave).await? as usize,
        in_team: in_team as usize,
    })
}

/// What the roster and the respondents of a wave say of each colleague
/// suggested to a newcomer (from that wave), beside them: the counts the
/// disclosure policy needs to judge a count of people who named the colleague.
pub async fn roster_facts(
    db: &Db,
    newcomer: i64,
    colleagues: &[i64],
    respondents: &Respondents,
) -> Result<HashMap<i64, crate::model::newcomers::RosterFacts>, sqlx::Error> {
    type Me = (Option<String>, Option<String>, Option<i64>, Option<String>);
    let me: Option<Me> =
        sqlx::query_as("SELECT team, department, manager_id, location FROM people WHERE id = $1")
            .bind(newcomer)
            .fetch_optional(db.pool())
            .await?;
    let (team, department, manager, location) = me.unwrap_or_default();
    let mut involved: Vec<i64> = colleagues.to_vec();
    involved.push(newcomer);
    involved.extend(manager);
    let mut out = HashMap::new();
    type Row = (i64, Option<String>, Option<String>, i64, Option<String>);
    let mut rows: Vec<Row> = Vec::new();
    for chunk in involved.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        rows.extend(
            sqlx::query_as::<_, Row>(&format!(
                "SELECT p.id, p.team, p.department, \
                   (SELECT COUNT(*) FROM invitations i WHERE i.wave_id = $1 AND i.person_id = p.id \
                    AND i.submitted_at IS NOT NULL), p.location \
                 FROM people p WHERE p.id IN ({list})"
            ))
            .bind(respondents.wave)
            .fetch_all(db.pool())
            .await?,
        );
    }
    // Answered, and in the newcomer's team: one who could have named a colleague as a teammate.
    let teammate_answered = |id: i64| {
        rows.iter()
            .any(|(p, t, _, answered, _)| *p == id && *answered > 0 && team.is_some() && *t == team)
    };
    let team_respondents = respondents
        .in_team
        .saturating_sub(usize::from(teammate_answered(newcomer)))
        .saturating_sub(manager.map_or(0, |m| usize::from(teammate_answered(m))));
    for (id, their_team, their_department, answered, their_location) in &rows {
        if !colleagues.contains(id) {
            continue;
        }
        let in_team = team.is_some() && *their_team == team;
        out.insert(
            *id,
            crate::model::newcomers::RosterFacts {
                same_team: their_team.clone().filter(|_| in_team),
                same_department: their_department
                    .clone()
                    .filter(|d| department.as_ref() == Some(d)),
                department: their_department.clone(),
                same_location: their_location
                    .clone()
                    .filter(|l| location.as_ref() == Some(l)),
                team_answered: team_respondents.saturating_sub(usize::from(teammate_answered(*id))),
                answered: respondents.total.saturating_sub(usize::from(*answered > 0)),
            },
        );
    }
    Ok(out)
}

/// [`roster_facts`] for introductions, which may come from several waves.
pub async fn roster_facts_of_introductions(
    db: &Db,
    newcomer: i64,
    introductions: &[Introduction],
) -> Result<HashMap<i64, crate::model::newcomers::RosterFacts>, sqlx::Error> {
    let mut waves: Vec<i64> = introductions.iter().map(|i| i.wave_id).collect();
    waves.sort_unstable();
    waves.dedup();
    let team: Option<String> = if waves.is_empty() {
        None
    } else {
        sqlx::query_scalar("SELECT team FROM people WHERE id = $1")
            .bind(newcomer)
            .fetch_optional(db.pool())
            .await?
            .flatten()
    };
    let mut out = HashMap::new();
    for wave in waves {
        let colleagues: Vec<i64> = introductions
            .iter()
            .filter(|i| i.wave_id == wave)
            .map(|i| i.suggested_id)
            .collect();
        let counted = respondents(db, wave, team.as_deref()).await?;
        out.extend(roster_facts(db, newcomer, &colleagues, &counted).await?);
    }
    Ok(out)
}

/// A newcomer's introductions as an email lists them, with what the roster
/// says of each colleague beside the newcomer.
pub async fn round_introductions(
    db: &Db,
    newcomer: i64,
    round: i64,
    listed: Listed,
) -> Result<
    (
        Vec<Introduction>,
        HashMap<i64, crate::model::newcomers::RosterFacts>,
    ),
    StoreError,
> {
    let list = introductions_for(db, newcomer, round, listed).await?;
    let facts = roster_facts_of_introductions(db, newcomer, &list).await?;
    Ok((list, facts))
}

/// Takes an erased person out of the grounds of others' introductions, in
/// the erasure's transaction: a reason that named only them goes.
pub async fn forget_in_grounds(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    person_id: i64,
) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, grounds FROM introductions WHERE grounds IS NOT NULL")
            .fetch_all(&mut **tx)
            .await?;
    for (id, text) in rows {
        let reasons: Vec<Reason<i64>> = parse("an introduction's grounds", &text)?;
        if !reasons.iter().any(|r| r.people().contains(&person_id)) {
            continue;
        }
        let kept: Vec<Reason<i64>> = reasons
            .into_iter()
            .filter_map(|r| match r {
                Reason::Closure { known } => {
                    let known: Vec<i64> = known.into_iter().filter(|&p| p != person_id).collect();
                    (!known.is_empty()).then_some(Reason::Closure { known })
                }
                other => Some(other),
            })
            .collect();
        sqlx::query("UPDATE introductions SET grounds = $1 WHERE id = $2")
            .bind(json(&kept)?)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
