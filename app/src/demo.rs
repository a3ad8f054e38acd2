//! `knit demo`: a synthetic company of about 300 people with three survey
//! waves a quarter apart (newcomers included) loaded into an empty instance,
//! analysed, so that a new user sees real-looking results at once.
//!
//! After each wave but the last, every newcomer gets a round of introductions
//! with some candidates held out, marked simulated; an introduced colleague
//! names the newcomer in the next wave with probability `INTRODUCTION_TAKES`
//! (the simulation's acted-on share times its pair probability), so the
//! experiment's report has something to show.

use crate::error::AppError;
use crate::model::catalogue::say;
use crate::model::date::Date;
use crate::store::Db;
use crate::surveys::{Answers, Population, RelationKind, Scale, SurveyDefinition, TieAnswer};
use analysis::synthetic::{generate, Organization, Spec, Wave};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};

/// How often a simulated introduction becomes a tie by the next wave.
const INTRODUCTION_TAKES: f64 = 0.3;

pub async fn load(
    db: &Db,
    policy: &crate::model::policy::Policy,
    key: &crate::mail::LinkKey,
    people: usize,
    seed: u64,
    last_wave_closes: Date,
    progress: &dyn Fn(String),
) -> Result<(), AppError> {
    if !crate::store::surveys::instance_is_empty(db).await? {
        return Err(AppError::invalid(say(
            "refused-demo-knit-demo-loads-into-an",
        )));
    }
    let org = generate(&Spec::company(people, seed));
    let last_day = org.waves.last().map_or(0, |w| w.day);
    let anchor = last_wave_closes.days_since_epoch();
    let date = |day: i64| Date::from_days_since_epoch(anchor + day - last_day);
    progress(format!(
        "Generating a company of {} people with {} waves, {} days apart…",
        org.people.len(),
        org.waves.len(),
        org.waves.get(1).map_or(0, |w| w.day)
    ));
    let csv = roster_csv(&org, &date);
    let plan = crate::people::service::plan_file(db, csv.as_bytes(), false).await?;
    // Everyone is on the roster from before the first wave; newcomers are told
    // apart by their start dates.
    let first = org.waves.first().map_or(0, |w| w.day);
    crate::people::service::apply_plan(
        db,
        policy,
        &plan,
        date(first - 1),
        None,
        "demo.csv",
        &|_| {},
    )
    .await?;
    let ids = crate::store::people::ids_by_email(db).await?;
    let demo = Demo {
        db,
        policy,
        key,
        ids: org
            .people
            .iter()
            .map(|p| ids[&p.email.to_lowercase()])
            .collect(),
        survey: create_survey(db).await?,
    };
    let mut rng = StdRng::seed_from_u64(seed ^ 0x1d7);
    let mut introduced: Vec<(usize, usize)> = Vec::new();
    for (number, wave) in org.waves.iter().enumerate() {
        let invited = demo
            .run_wave(&org, wave, date(wave.day - 14), date(wave.day), &introduced)
            .await?;
        if number + 1 < org.waves.len() {
            introduced = demo
                .simulate_round(number as i64 + 1, date(wave.day), &mut rng)
                .await?;
        }
        let answered = wave.responded.iter().filter(|r| **r).count();
        progress(format!(
            "  wave {}: {} invited, {} answered, {} ties · analysed",
            number + 1,
            invited,
            answered,
            wave.ties.len()
        ));
    }
    // The invitations were for past waves: none of them is to be emailed.
    crate::store::outbox::cancel_queued(db, "demo data").await?;
    db.refresh_statistics(&[]).await?;
    progress("Done. Start Knit (knit serve), sign in, and open Surveys → Who helps whom (demo) → Network insight.".into());
    Ok(())
}

/// The company's roster as HR would export it, hire dates placed by `date`.
fn roster_csv(org: &Organization, date: &dyn Fn(i64) -> Date) -> String {
    let mut csv = String::from("Email,Name,Department,Team,Location,Manager Email,Start Date\n");
    for p in &org.people {
        let manager = p
            .manager
            .map(|m| org.people[m].email.clone())
            .unwrap_or_default();
        csv.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            p.email,
            p.name,
            p.department,
            p.team,
            p.location,
            manager,
            date(p.hired_on).iso()
        ));
    }
    csv
}

/// The demo's survey (one relation, "how often"): its id and its relation's.
async fn create_survey(db: &Db) -> Result<(i64, i64), AppError> {
    let mut information = RelationKind::Information.template();
    information.scales = vec![Scale::frequency()];
    let definition = SurveyDefinition {
        name: "Who helps whom (demo)".into(),
        introduction: crate::model::surveys::DEFAULT_INTRODUCTION.to_string(),
        population: Population::default(),
        relations: vec![information],
        questions: Vec::new(),
        reminder_days: vec![3, 6],
    };
    let survey = crate::store::surveys::create(db, &definition, None).await?;
    let relation = crate::store::surveys::get(db, survey)
        .await?
        .and_then(|s| s.definition.relations.first().map(|r| r.id))
        .ok_or_else(|| AppError::internal("the demo survey has no relation"))?;
    Ok((survey, relation))
}

struct Demo<'a> {
    db: &'a Db,
    policy: &'a crate::model::policy::Policy,
    key: &'a crate::mail::LinkKey,
    /// Each generated person's id on the roster.
    ids: Vec<i64>,
    /// The survey and its relation.
    survey: (i64, i64),
}

impl Demo<'_> {
    /// Opens the wave for everyone hired by then, saves the generated answers
    /// (and the ties `introduced` colleagues add: (colleague, newcomer) by
    /// generated person) through the respondents' own path, closes and
    /// analyses it. Returns how many were invited.
    async fn run_wave(
        &self,
        org: &Organization,
        wave: &Wave,
        opens: Date,
        closes: Date,
        introduced: &[(usize, usize)],
    ) -> Result<usize, AppError> {
        let (db, (survey, relation)) = (self.db, self.survey);
        let wave_id =
            crate::store::surveys::create_wave(db, survey, &opens.iso(), &closes.iso()).await?;
        let invited: Vec<usize> = (0..org.people.len())
            .filter(|&i| org.people[i].hired_on <= wave.day)
            .collect();
        let links = invited
            .iter()
            .map(|&i| {
                let seed = crate::mail::new_seed();
                let token_hash = crate::auth::service::hash_token(&self.key.token(&seed));
                (
                    self.ids[i],
                    crate::store::surveys::NewLink { seed, token_hash },
                )
            })
            .collect();
        crate::store::surveys::open_wave(db, wave_id, links, opens).await?;
        let mut answers: BTreeMap<usize, Answers> = BTreeMap::new();
        let generated = wave.ties.iter().map(|&(a, b, w)| (a, b, w as i64));
        let added = introduced.iter().filter(|&&(colleague, newcomer)| {
            wave.responded[colleague]
                && !wave
                    .ties
                    .iter()
                    .any(|&(a, b, _)| (a, b) == (colleague, newcomer))
        });
        for (a, b, frequency) in generated.chain(added.map(|&(a, b)| (a, b, 2))) {
            answers.entry(a).or_default().ties.push(TieAnswer {
                relation_id: relation,
                named_id: self.ids[b],
                scales: [("frequency".to_string(), frequency)].into_iter().collect(),
            });
        }
        for (i, responded) in wave.responded.iter().enumerate() {
            if *responded {
                let mine = answers.remove(&i).unwrap_or_default();
                crate::surveys::service::save_answers(db, wave_id, self.ids[i], &mine, true)
                    .await?;
            }
        }
        crate::store::surveys::close_wave(db, wave_id, closes).await?;
        crate::jobs::analyze_wave(db, self.policy, wave_id).await?;
        Ok(invited.len())
    }

    /// A simulated round for every newcomer with suggestions, sent on `on`
    /// with some candidates held out (drawn from the demo's seed). Returns the
    /// introduced pairs that become ties by the next wave, as (colleague,
    /// newcomer) by generated person.
    async fn simulate_round(
        &self,
        number: i64,
        on: Date,
        rng: &mut StdRng,
    ) -> Result<Vec<(usize, usize)>, AppError> {
        use crate::store::newcomers::{self as newcomers_store, Reports};
        let db = self.db;
        let settings = newcomers_store::settings(db).await?;
        let Some(summary) = newcomers_store::summary(db).await? else {
            return Ok(Vec::new());
        };
        let making = crate::newcomers::rounds::Making {
            settings: &settings,
            wave_id: summary.wave_id,
            on,
            simulated: true,
        };
        let person: HashMap<i64, usize> = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        let (everyone, _) =
            newcomers_store::figures_page(db, Reports::Everyone, 0, 1 << 40).await?;
        let mut takes = Vec::new();
        for figures in everyone {
            if making
                .round(db, self.key, &figures, number, true, rng)
                .await?
                .is_none()
            {
                continue;
            }
            let round = crate::store::rounds::of_newcomer(db, figures.person_id).await?;
            let introduced = round
                .iter()
                .filter(|r| r.number == number)
                .flat_map(|r| r.picks.iter())
                .filter(|p| p.arm == crate::model::newcomers::Arm::Introduced);
            for pick in introduced {
                if rng.gen::<f64>() < INTRODUCTION_TAKES {
                    takes.push((person[&pick.colleague_id], person[&figures.person_id]));
                }
            }
        }
        crate::newcomers::compute::refresh(db, &self.policy.privacy).await?;
        Ok(takes)
    }
}
