//! Computes the newcomers' figures: how each newcomer is woven in against
//! their cohort and tenured colleagues, observation by observation, and whom
//! they should meet next, as facts; [`refresh`] stores them for the pages.
//!
//! The network is the latest analysed wave's help network (its survey's first
//! relation), plus what newcomer pulses reported since: whom the newcomer goes
//! to, and who comes to them. At any day, the people who come to a newcomer are
//! those who named them in the latest wave closed by then, together with those
//! they reported in a pulse after that wave.

use super::{
    BandPoint, CohortRow, Conversion, ConversionGroup, Dated, Happening, IntroductionStatus,
    NewcomerFigures, NewcomerSettings, NewcomersSummary, ObservationRow, Pace, PulseAnswerCount,
    PulseRound, RiskComparison, Seen, SentPick, SuggestionFacts,
};
use crate::error::AppError;
use crate::insight::NetworkKey;
use crate::model::date::{Date, SlashOrder};
use crate::model::privacy::Privacy;
use crate::store::newcomers::{self as store, IntroductionRecord};
use crate::store::{analyses, pulses, Db};
use analysis::newcomers::{
    at_risk, integration, suggest_in_turn, IntroductionWeights, People, Suggestion,
};
use analysis::{Csr, NodeMetrics, Report};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const DAY_MS: i64 = 86_400_000;
/// The latest pulse waves listed on the page (all are on the pulse survey's page).
const PULSE_ROUNDS_LISTED: usize = 12;
/// The cohort band's step, in days since hire.
const BAND_STEP_DAYS: i64 = 30;
/// The middle half of fewer people is no spread.
const BAND_MIN_PEOPLE: usize = 3;

fn day_of(iso: &str) -> Option<i64> {
    Date::parse(iso, SlashOrder::DayFirst).map(Date::days_since_epoch)
}

/// A date Knit wrote itself (a wave's or pulse's): unreadable is a fault.
fn stored_day(iso: &str, what: &str) -> Result<i64, AppError> {
    day_of(iso).ok_or_else(|| AppError::internal(format!("{what} has the unreadable date '{iso}'")))
}

fn iso(day: i64) -> String {
    Date::from_days_since_epoch(day).iso()
}

/// Nearest-rank quartiles (lower, median, upper): the value at rank ⌈p·n⌉,
/// as the at-risk rule's lower quartile.
pub fn quartiles<T: Copy + Ord>(values: &[T]) -> Option<(T, T, T)> {
    let mut s = values.to_vec();
    s.sort_unstable();
    let n = s.len();
    let at = |quarters: usize| s[(quarters * n).div_ceil(4) - 1];
    (n > 0).then(|| (at(1), at(2), at(3)))
}

fn median<T: Copy + Ord>(values: &[T]) -> Option<T> {
    quartiles(values).map(|q| q.1)
}

/// One analysed wave of the main survey: the day it closed, and who named whom.
struct WaveTies {
    day: i64,
    number: i64,
    named_by: HashMap<i64, BTreeSet<i64>>,
    names: HashMap<i64, BTreeSet<i64>>,
    pairs: BTreeSet<(i64, i64)>,
    /// Tenured colleagues' in-degrees at this wave, sorted.
    tenured_degrees: Vec<usize>,
}

/// A newcomer's ties as seen on one day: from the latest wave closed by then,
/// with what their pulses reported since.
struct Observation {
    date: i64,
    source: Seen,
    came_to_them: BTreeSet<i64>,
    they_go_to: BTreeSet<i64>,
    /// The wave it stands on, for the tenured comparison.
    wave: Option<usize>,
}

/// What one newcomer said in one pulse.
#[derive(Default)]
struct PulseAnswer {
    day_after_hire: i64,
    date: i64,
    came_to_them: BTreeSet<i64>,
    they_went_to: BTreeSet<i64>,
}

fn blank_metrics(id: i64) -> NodeMetrics {
    NodeMetrics {
        id: id.to_string(),
        in_degree: 0,
        out_degree: 0,
        in_weight: 0.0,
        out_weight: 0.0,
        betweenness: 0.0,
        harmonic_closeness: 0.0,
        pagerank: None,
        eigenvector: None,
        constraint: None,
        effective_size: None,
        clustering: 0.0,
        reciprocity: None,
        community: 0,
        ei_index: None,
        roles: Vec::new(),
    }
}

/// What the waves and pulses recorded, for every newcomer.
struct Record<'a> {
    waves: &'a [WaveTies],
    answers: &'a BTreeMap<i64, BTreeMap<i64, PulseAnswer>>,
    sent: &'a [pulses::PulseSent],
}

impl Record<'_> {
    /// A newcomer's observations, oldest first: every wave since their hire,
    /// then every pulse they answered.
    fn observations(&self, id: i64, hired: i64) -> Vec<Observation> {
        let wave_at = |date: i64| self.waves.iter().rposition(|w| w.day <= date);
        let mut seen: Vec<Observation> = self
            .waves
            .iter()
            .enumerate()
            .filter(|(_, w)| w.day >= hired)
            .map(|(i, w)| Observation {
                date: w.day,
                source: Seen::Wave(w.number),
                came_to_them: w.named_by.get(&id).cloned().unwrap_or_default(),
                they_go_to: w.names.get(&id).cloned().unwrap_or_default(),
                wave: Some(i),
            })
            .collect();
        let pulses_of = self.answers.get(&id);
        for a in pulses_of.into_iter().flat_map(|m| m.values()) {
            let wave = wave_at(a.date);
            let since = wave.map_or(i64::MIN, |i| self.waves[i].day);
            let base = wave.map(|i| &self.waves[i]);
            let mut came = base
                .and_then(|w| w.named_by.get(&id).cloned())
                .unwrap_or_default();
            let mut went = base
                .and_then(|w| w.names.get(&id).cloned())
                .unwrap_or_default();
            for p in pulses_of
                .into_iter()
                .flat_map(|m| m.values())
                .filter(|p| p.date > since && p.date <= a.date)
            {
                came.extend(p.came_to_them.iter().copied());
                went.extend(p.they_went_to.iter().copied());
            }
            seen.push(Observation {
                date: a.date,
                source: Seen::Pulse(a.day_after_hire),
                came_to_them: came,
                they_go_to: went,
                wave,
            });
        }
        seen.sort_by_key(|o| o.date);
        seen
    }

    /// The first wave or pulse after `since_day` with a tie, either way,
    /// between a newcomer and someone: (day, where).
    fn tie_formed(&self, id: i64, other: i64, since_day: i64) -> Option<(i64, Seen)> {
        let pair = (id.min(other), id.max(other));
        let in_wave = self
            .waves
            .iter()
            .find(|w| w.day > since_day && w.pairs.contains(&pair))
            .map(|w| (w.day, Seen::Wave(w.number)));
        let in_pulse = self.answers.get(&id).and_then(|m| {
            m.values()
                .find(|a| {
                    a.date > since_day
                        && (a.came_to_them.contains(&other) || a.they_went_to.contains(&other))
                })
                .map(|a| (a.date, Seen::Pulse(a.day_after_hire)))
        });
        [in_wave, in_pulse].into_iter().flatten().min()
    }

    /// Whether a sent candidate became a tie: None until a wave or one of the
    /// newcomer's pulses has observed them since the round.
    fn judge(&self, pick: &SentPick) -> super::experiment::Judged {
        let observed = self.waves.iter().any(|w| w.day > pick.sent_day)
            || self
                .answers
                .get(&pick.newcomer_id)
                .is_some_and(|m| m.values().any(|a| a.date > pick.sent_day));
        super::experiment::Judged {
            pick: pick.clone(),
            became_tie: observed.then(|| {
                self.tie_formed(pick.newcomer_id, pick.colleague_id, pick.sent_day)
                    .is_some()
            }),
        }
    }

    /// A newcomer's first months, oldest first.
    fn timeline(
        &self,
        id: i64,
        hired: i64,
        joined: Option<String>,
        mine: &[&IntroductionRecord],
        curve: &[(i64, usize)],
    ) -> Result<Vec<Dated<Happening>>, AppError> {
        let at = |day: i64, what: Happening| Dated {
            date: iso(day),
            what,
        };
        let mut timeline = vec![at(hired, Happening::Joined { group: joined })];
        for w in self.waves.iter().filter(|w| w.day >= hired) {
            let named_by = w.named_by.get(&id).map_or(0, BTreeSet::len);
            timeline.push(at(
                w.day,
                Happening::WaveClosed {
                    number: w.number,
                    named_by,
                },
            ));
        }
        for p in self.sent.iter().filter(|p| p.person_id == id) {
            let opened = stored_day(&p.opens_on, "a pulse wave")?;
            let answer = self.answers.get(&id).and_then(|m| m.get(&opened));
            timeline.push(Dated {
                date: p.opens_on.clone(),
                what: Happening::PulseSent {
                    day: p.day,
                    answer: answer.map(|a| PulseAnswerCount {
                        went_to: a.they_went_to.len(),
                        came_to_them: a.came_to_them.len(),
                    }),
                    answered: p.answered,
                },
            });
        }
        let mut by_day: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for i in mine {
            by_day
                .entry(i.created_at / DAY_MS)
                .or_default()
                .push(i.suggested_id);
        }
        for (day, people) in by_day {
            timeline.push(at(day, Happening::Introduced { people }));
        }
        for i in mine {
            if super::words::is_said(i.status) {
                timeline.push(at(
                    i.updated_at / DAY_MS,
                    Happening::Marked {
                        person: i.suggested_id,
                        status: i.status,
                    },
                ));
            }
            if let Some((day, seen)) = self.tie_formed(id, i.suggested_id, i.created_at / DAY_MS) {
                timeline.push(at(
                    day,
                    Happening::TieShowed {
                        person: i.suggested_id,
                        seen,
                    },
                ));
            }
        }
        if let Some((day, _)) = curve.iter().find(|(_, k)| *k > 0) {
            timeline.push(at(hired + day, Happening::FirstCameToThem { day: *day }));
        }
        timeline.sort_by(|a, b| a.date.cmp(&b.date));
        Ok(timeline)
    }
}

/// One refresh at a time in this process, so that a slower, older one never
/// stores its figures over a newer one's.
static REFRESHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Computes every newcomer's figures and stores them, replacing the last set.
pub async fn refresh(db: &Db, privacy: &Privacy) -> Result<(), AppError> {
    let _one_at_a_time = REFRESHING.lock().await;
    let computed = compute(db, privacy).await?;
    store::save_computed(
        db,
        computed.as_ref().map(|(summary, _)| summary),
        computed
            .as_ref()
            .map_or(&[][..], |(_, rows)| rows.as_slice()),
    )
    .await?;
    Ok(())
}

/// Everything the newcomers' figures are computed from, read from the
/// database at once: computing from it ([`figures`]) touches no database.
pub(crate) struct Inputs {
    settings: NewcomerSettings,
    /// The fewest people a comparison group may hold (the privacy threshold k).
    min_group: usize,
    /// When the figures are computed (UTC ms): introductions of the quarter
    /// before it count toward how often someone was suggested.
    now_ms: i64,
    survey_name: String,
    /// The latest analysed wave of the main survey.
    wave: crate::surveys::Wave,
    /// Who named whom at each analysed wave up to it.
    waves: Vec<WaveTies>,
    latest_ties: Vec<analyses::Tie>,
    answers: BTreeMap<i64, BTreeMap<i64, PulseAnswer>>,
    sent: Vec<pulses::PulseSent>,
    /// The day of the latest wave or pulse: who is new is counted from it.
    as_of: i64,
    /// The roster as it stood that day.
    roster: HashMap<i64, crate::store::people::PersonAsOf>,
    introductions: Vec<IntroductionRecord>,
    /// (newcomer, colleague) already in one of the newcomer's rounds.
    taken: Vec<(i64, i64)>,
    /// Every candidate of every sent round, for the experiment.
    sent_picks: Vec<SentPick>,
    suggest_less: Vec<i64>,
    outcomes: Vec<store::Outcome>,
    pulse_survey_id: i64,
}

impl Inputs {
    /// The hire cohort of someone hired on `day` (a month or a quarter).
    fn cohort_of(&self, day: i64) -> String {
        self.settings.cohort.of(Date::from_days_since_epoch(day))
    }
}

/// Every newcomer's figures in the list's order (at risk first, then by hire
/// date and name), and what the page shows beside them; None before any wave
/// is analysed.
pub async fn compute(
    db: &Db,
    privacy: &Privacy,
) -> Result<Option<(NewcomersSummary, Vec<NewcomerFigures>)>, AppError> {
    match load(db, privacy).await? {
        Some((inputs, report)) => figures(inputs, report).map(Some),
        None => Ok(None),
    }
}

/// Reads what [`figures`] needs, and the latest wave's stored analysis of
/// its first relation; None before any wave of the main survey is analysed.
async fn load(db: &Db, privacy: &Privacy) -> Result<Option<(Inputs, Report)>, AppError> {
    let Some(latest) = store::latest_analyzed_wave(db).await? else {
        return Ok(None);
    };
    let wave_id = latest.wave_id;
    let survey = crate::store::surveys::get(db, latest.survey_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("wave {wave_id} names a missing survey")))?;
    let wave = survey
        .waves
        .iter()
        .find(|w| w.id == wave_id)
        .cloned()
        .ok_or_else(|| AppError::internal(format!("wave {wave_id} is missing from its survey")))?;
    let Some(relation_id) = survey.definition.relations.first().map(|r| r.id) else {
        return Ok(None);
    };
    let (waves, report) = wave_ties(db, &survey, &wave, relation_id).await?;
    let Some(report) = report else {
        return Ok(None);
    };
    let wave_day = stored_day(&wave.closes_on, "the latest analysed wave")?;
    let answers = pulse_answers(db).await?;
    let as_of = answers
        .values()
        .flat_map(|by_date| by_date.keys().copied())
        .chain([wave_day])
        .max()
        .unwrap_or(wave_day);
    let roster = crate::store::people::roster_as_of(db, &iso(as_of))
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let inputs = Inputs {
        settings: store::settings(db).await?,
        min_group: privacy.min_group,
        now_ms: crate::store::now_ms(),
        survey_name: survey.definition.name,
        latest_ties: analyses::ties(db, wave_id, relation_id).await?,
        wave,
        waves,
        sent: pulses::sent(db).await?,
        answers,
        as_of,
        roster,
        introductions: store::all_introductions(db).await?,
        taken: crate::store::rounds::taken_pairs(db).await?,
        sent_picks: crate::store::rounds::sent_picks(db).await?,
        suggest_less: store::suggest_less(db).await?,
        outcomes: store::introduction_outcomes(db).await?,
        pulse_survey_id: pulses::survey_id(db).await?,
    };
    Ok(Some((inputs, report)))
}

/// The help network as it stands: everyone in the latest wave's analysis,
/// and newcomers who joined since (in it through their pulses), by index.
struct Network {
    ids: Vec<i64>,
    index: HashMap<i64, usize>,
    csr: Csr,
    report: Report,
}

impl Network {
    fn of(
        inputs: &Inputs,
        mut report: Report,
        is_newcomer: &dyn Fn(&i64) -> bool,
    ) -> Result<Network, AppError> {
        let wave_id = inputs.wave.id;
        let mut ids: Vec<i64> = report
            .nodes
            .iter()
            .map(|m| {
                m.id.parse().map_err(|e| {
                    AppError::internal(format!(
                        "wave {wave_id}'s report names node '{}' ({e})",
                        m.id
                    ))
                })
            })
            .collect::<Result<_, AppError>>()?;
        let known: BTreeSet<i64> = ids.iter().copied().collect();
        let mut joined_since: Vec<i64> = inputs
            .roster
            .values()
            .filter(|p| p.status == crate::people::Status::Active)
            .map(|p| p.id)
            .filter(|id| !known.contains(id) && is_newcomer(id))
            .collect();
        joined_since.sort_unstable();
        for id in joined_since {
            ids.push(id);
            report.nodes.push(blank_metrics(id));
        }
        let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let wave_day = stored_day(&inputs.wave.closes_on, "the latest analysed wave")?;
        let graph = network_now(&ids, &index, &inputs.latest_ties, &inputs.answers, wave_day);
        let csr = Csr::new(&graph);
        for (v, m) in report.nodes.iter_mut().enumerate() {
            m.in_degree = csr.pred(v).len();
        }
        Ok(Network {
            ids,
            index,
            csr,
            report,
        })
    }
}

/// What the roster says of each node of the network, by index.
struct Columns {
    names: Vec<String>,
    teams: Vec<Option<String>>,
    departments: Vec<Option<String>>,
    managers: Vec<Option<usize>>,
}

impl Columns {
    fn of(network: &Network, roster: &HashMap<i64, crate::store::people::PersonAsOf>) -> Columns {
        let field = |f: &dyn Fn(&crate::people::PersonFields) -> Option<String>| {
            network
                .ids
                .iter()
                .map(|id| roster.get(id).and_then(|p| f(&p.fields)))
                .collect()
        };
        let by_email: HashMap<String, i64> = roster
            .values()
            .map(|p| (p.email.to_lowercase(), p.id))
            .collect();
        Columns {
            names: network
                .ids
                .iter()
                .map(|id| {
                    roster.get(id).map_or_else(String::new, |p| {
                        p.fields
                            .preferred_name
                            .clone()
                            .unwrap_or(p.fields.full_name.clone())
                    })
                })
                .collect(),
            teams: field(&|f| f.team.clone()),
            departments: field(&|f| f.department.clone()),
            managers: network
                .ids
                .iter()
                .map(|id| {
                    roster
                        .get(id)
                        .and_then(|p| p.manager_email.as_ref())
                        .and_then(|e| by_email.get(&e.to_lowercase()))
                        .and_then(|m| network.index.get(m).copied())
                })
                .collect(),
        }
    }
}

/// Computes every newcomer's figures, and the page's summary, from what was read.
pub(crate) fn figures(
    mut inputs: Inputs,
    report: Report,
) -> Result<(NewcomersSummary, Vec<NewcomerFigures>), AppError> {
    let as_of = inputs.as_of;
    let window = inputs.settings.window_days;
    let hired_day = |roster: &HashMap<i64, crate::store::people::PersonAsOf>, id: &i64| {
        roster
            .get(id)
            .and_then(|p| p.fields.hire_date.as_deref())
            .and_then(day_of)
    };
    let is_newcomer =
        |id: &i64| hired_day(&inputs.roster, id).is_some_and(|h| h <= as_of && as_of - h <= window);
    let network = Network::of(&inputs, report, &is_newcomer)?;
    let columns = Columns::of(&network, &inputs.roster);
    let ids = &network.ids;
    let newcomers: BTreeSet<usize> = (0..ids.len()).filter(|&v| is_newcomer(&ids[v])).collect();
    let tenured: Vec<usize> = (0..ids.len()).filter(|v| !newcomers.contains(v)).collect();
    let tenured_degrees: Vec<usize> = tenured.iter().map(|&v| network.csr.pred(v).len()).collect();
    // Newcomers are those with a readable hire date in the window.
    let hired_on: BTreeMap<usize, i64> = newcomers
        .iter()
        .filter_map(|&v| hired_day(&inputs.roster, &ids[v]).map(|h| (v, h)))
        .collect();
    let without_hire_date = inputs
        .roster
        .values()
        .filter(|p| {
            p.status == crate::people::Status::Active && hired_day(&inputs.roster, &p.id).is_none()
        })
        .count();
    for w in &mut inputs.waves {
        w.tenured_degrees = tenured
            .iter()
            .map(|&t| w.named_by.get(&ids[t]).map_or(0, BTreeSet::len))
            .collect();
        w.tenured_degrees.sort_unstable();
    }
    let inputs = inputs;
    let mut cohort_degrees: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (&v, &hired) in &hired_on {
        cohort_degrees
            .entry(inputs.cohort_of(hired))
            .or_default()
            .push(network.csr.pred(v).len());
    }
    let past_the_line: Vec<usize> = hired_on
        .iter()
        .filter(|(_, &hired)| inputs.as_of - hired >= inputs.settings.at_risk_days)
        .map(|(&v, _)| network.csr.pred(v).len())
        .collect();
    let at_risk_bars = AtRiskBars {
        min_group: inputs.min_group,
        cohorts: &cohort_degrees,
        past_the_line: &past_the_line,
        tenured: &tenured_degrees,
    };
    let (already_suggested, suggest_less) = suggestion_load(&inputs, &network);
    let people = People {
        teams: &columns.teams,
        departments: &columns.departments,
        managers: &columns.managers,
        newcomers: &newcomers,
        suggest_less: &suggest_less,
        already_suggested: &already_suggested,
    };
    let lists = suggestions(&inputs, &network, &people, &hired_on);
    let each = Newcomers {
        inputs: &inputs,
        network: &network,
        columns: &columns,
        people: &people,
        tenured: &tenured,
        tenured_median: median(&tenured_degrees).unwrap_or(0),
        at_risk_bars: &at_risk_bars,
    };
    let mut rows: Vec<(NewcomerFigures, &str)> = Vec::new();
    for ((&v, &hired), suggestions) in hired_on.iter().zip(lists) {
        rows.push((
            each.figures_of(v, hired, suggestions)?,
            columns.names[v].as_str(),
        ));
    }
    rows.sort_by(|(a, a_name), (b, b_name)| {
        b.at_risk
            .cmp(&a.at_risk)
            .then(a.hired_on.cmp(&b.hired_on))
            .then(a_name.cmp(b_name))
    });
    let rows: Vec<NewcomerFigures> = rows.into_iter().map(|(figures, _)| figures).collect();
    let summary = summary(
        &inputs,
        &rows,
        &tenured_degrees,
        each.tenured_median,
        without_hire_date,
    );
    Ok((summary, rows))
}

/// Every sent round's candidates judged against the waves and pulses since.
fn experiment(inputs: &Inputs) -> super::Experiment {
    let record = inputs.record();
    let judged: Vec<_> = inputs.sent_picks.iter().map(|p| record.judge(p)).collect();
    super::experiment::report(&judged, inputs.min_group)
}

impl Inputs {
    fn record(&self) -> Record<'_> {
        Record {
            waves: &self.waves,
            answers: &self.answers,
            sent: &self.sent,
        }
    }
}

/// What the page shows beside the list: bands, cohorts, pace, pulses and
/// what came of introductions.
fn summary(
    inputs: &Inputs,
    rows: &[NewcomerFigures],
    tenured_degrees: &[usize],
    tenured_median: usize,
    without_hire_date: usize,
) -> NewcomersSummary {
    NewcomersSummary {
        bands: bands(rows),
        cohorts: cohort_table(rows, tenured_degrees),
        pace: pace(rows),
        pulses: pulse_rounds(&inputs.sent),
        pulse_survey_id: inputs.pulse_survey_id,
        experiment: experiment(inputs),
        by_reason: conversions(&inputs.outcomes, &|o| ConversionGroup::Ground(o.ground)),
        by_cohort: conversions(&inputs.outcomes, &|o| {
            ConversionGroup::Cohort(
                o.newcomer_hired_on
                    .as_deref()
                    .and_then(day_of)
                    .map(|hired| inputs.cohort_of(hired)),
            )
        }),
        settings: inputs.settings.clone(),
        wave_id: inputs.wave.id,
        survey: inputs.survey_name.clone(),
        wave_number: inputs.wave.number,
        wave_closes_on: inputs.wave.closes_on.clone(),
        tenured_median: tenured_median as f64,
        without_hire_date,
    }
}

/// How often each person was suggested in the last quarter, and who asked
/// to be suggested less: both count against suggesting them again.
fn suggestion_load(inputs: &Inputs, network: &Network) -> (Vec<usize>, BTreeSet<usize>) {
    let quarter_start = inputs.now_ms - store::QUARTER_MS;
    let mut suggested = vec![0usize; network.ids.len()];
    for i in inputs
        .introductions
        .iter()
        .filter(|i| i.created_at >= quarter_start)
    {
        if let Some(&x) = network.index.get(&i.suggested_id) {
            suggested[x] += 1;
        }
    }
    let suggest_less = inputs
        .suggest_less
        .iter()
        .filter_map(|id| network.index.get(id).copied())
        .collect();
    (suggested, suggest_less)
}

/// Whom each newcomer should meet next, in turn so that no colleague is
/// suggested to everyone; someone they met, or said was not useful, is not
/// suggested again.
fn suggestions(
    inputs: &Inputs,
    network: &Network,
    people: &People,
    hired_on: &BTreeMap<usize, i64>,
) -> Vec<Vec<Suggestion>> {
    let levels = levels_below_the_top(people.managers);
    // No one is drawn twice for a newcomer: not those introduced (in a round
    // or before rounds), nor those held out or waiting in a draft. Nor, unless
    // HR asks for them, people two or more levels above the newcomer.
    let settled = |v: usize| -> BTreeSet<usize> {
        let newcomer = network.ids[v];
        let senior = (0..levels.len())
            .filter(|&x| !inputs.settings.suggest_senior && levels[x] + 2 <= levels[v]);
        inputs
            .introductions
            .iter()
            .filter(|i| i.newcomer_id == newcomer)
            .map(|i| i.suggested_id)
            .chain(
                inputs
                    .taken
                    .iter()
                    .filter(|(n, _)| *n == newcomer)
                    .map(|(_, c)| *c),
            )
            .filter_map(|id| network.index.get(&id).copied())
            .chain(senior)
            .collect()
    };
    let in_turn: Vec<usize> = hired_on.keys().copied().collect();
    suggest_in_turn(
        &network.csr,
        &network.report,
        people,
        &in_turn,
        inputs.settings.candidates_per_round(),
        &IntroductionWeights::default(),
        &settled,
    )
}

/// How many managers stand above each person (0 for the top of a reporting
/// line); a loop in the lines counts as the top.
fn levels_below_the_top(managers: &[Option<usize>]) -> Vec<usize> {
    (0..managers.len())
        .map(|v| {
            let mut level = 0;
            let mut at = v;
            while let Some(m) = managers[at] {
                level += 1;
                at = m;
                if level > managers.len() {
                    return 0;
                }
            }
            level
        })
        .collect()
}

/// What every newcomer's figures are measured against.
struct Newcomers<'a> {
    inputs: &'a Inputs,
    network: &'a Network,
    columns: &'a Columns,
    people: &'a People<'a>,
    tenured: &'a [usize],
    tenured_median: usize,
    at_risk_bars: &'a AtRiskBars<'a>,
}

/// The groups a newcomer's in-degree is held against for "at risk": their hire
/// cohort when it holds at least k newcomers; else every newcomer past the
/// at-risk line, whatever their cohort; else the tenured colleagues. A small
/// company's cohorts of one to three could otherwise never flag anyone.
struct AtRiskBars<'a> {
    min_group: usize,
    cohorts: &'a BTreeMap<String, Vec<usize>>,
    past_the_line: &'a [usize],
    tenured: &'a [usize],
}

impl AtRiskBars<'_> {
    fn for_cohort(&self, cohort: &str) -> (RiskComparison, &[usize]) {
        let cohort = self.cohorts.get(cohort).map_or(&[][..], Vec::as_slice);
        if cohort.len() >= self.min_group {
            (RiskComparison::Cohort, cohort)
        } else if self.past_the_line.len() >= self.min_group {
            (RiskComparison::NewcomersPastTheLine, self.past_the_line)
        } else {
            (RiskComparison::Tenured, self.tenured)
        }
    }
}

impl Newcomers<'_> {
    fn record(&self) -> Record<'_> {
        self.inputs.record()
    }

    fn group_of(
        &self,
        id: &i64,
        f: &dyn Fn(&crate::people::PersonFields) -> Option<String>,
    ) -> Option<String> {
        self.inputs.roster.get(id).and_then(|p| f(&p.fields))
    }

    /// One observation as the newcomer's history lists it.
    fn history_row(&self, o: &Observation, hired: i64) -> ObservationRow {
        let alters: BTreeSet<i64> = o.came_to_them.union(&o.they_go_to).copied().collect();
        let reached = |f: &dyn Fn(&crate::people::PersonFields) -> Option<String>| {
            alters
                .iter()
                .filter_map(|a| self.group_of(a, f))
                .collect::<BTreeSet<_>>()
                .len()
        };
        let k = o.came_to_them.len();
        let percentile = o.wave.and_then(|i| {
            let degrees = &self.inputs.waves[i].tenured_degrees;
            (!degrees.is_empty()).then(|| {
                let below = degrees.partition_point(|&d| d < k);
                let equal = degrees.partition_point(|&d| d <= k) - below;
                (below as f64 + equal as f64 / 2.0) / degrees.len() as f64
            })
        });
        ObservationRow {
            date: iso(o.date),
            source: o.source,
            day: o.date - hired,
            come_to_them: k,
            they_go_to: o.they_go_to.len(),
            both_ways: o.came_to_them.intersection(&o.they_go_to).count(),
            teams_reached: reached(&|f| f.team.clone()),
            departments_reached: reached(&|f| f.department.clone()),
            percentile,
        }
    }

    /// The figures of the newcomer at node `v`, hired on day `hired`.
    fn figures_of(
        &self,
        v: usize,
        hired: i64,
        suggestions: Vec<Suggestion>,
    ) -> Result<NewcomerFigures, AppError> {
        let (inputs, ids) = (self.inputs, &self.network.ids);
        let id = ids[v];
        let record = self.record();
        let metrics = integration(&self.network.csr, self.people, v, self.tenured);
        let cohort = inputs.cohort_of(hired);
        let history: Vec<ObservationRow> = record
            .observations(id, hired)
            .iter()
            .map(|o| self.history_row(o, hired))
            .collect();
        let mut curve: Vec<(i64, usize)> =
            history.iter().map(|h| (h.day, h.come_to_them)).collect();
        curve.dedup_by_key(|p| p.0);
        let mine: Vec<&IntroductionRecord> = inputs
            .introductions
            .iter()
            .filter(|i| i.newcomer_id == id)
            .collect();
        let met_an_introduction = (!mine.is_empty()).then(|| {
            mine.iter().any(|i| {
                i.status == IntroductionStatus::Met
                    || record
                        .tie_formed(id, i.suggested_id, i.created_at / DAY_MS)
                        .is_some()
            })
        });
        let joined = inputs
            .roster
            .get(&id)
            .and_then(|p| p.fields.team.clone().or(p.fields.department.clone()));
        let timeline = record.timeline(id, hired, joined, &mine, &curve)?;
        let days = inputs.as_of - hired;
        let (at_risk_compared_with, compared_with) = self.at_risk_bars.for_cohort(&cohort);
        Ok(NewcomerFigures {
            person_id: id,
            manager_id: self.columns.managers[v].map(|m| ids[m]),
            hired_on: iso(hired),
            days,
            in_degree: metrics.in_degree,
            out_degree: metrics.out_degree,
            reciprocated: metrics.reciprocated,
            teams_reached: metrics.teams_reached,
            departments_reached: metrics.departments_reached,
            percentile: metrics.percentile_vs_tenured,
            at_risk: at_risk(
                metrics.in_degree,
                days,
                compared_with,
                inputs.settings.at_risk_days,
            ),
            at_risk_compared_with,
            first_named_day: curve.iter().find(|(_, k)| *k > 0).map(|(d, _)| *d),
            tenured_median_day: curve
                .iter()
                .find(|(_, k)| self.tenured_median > 0 && *k >= self.tenured_median)
                .map(|(d, _)| *d),
            met_an_introduction,
            cohort,
            curve,
            history,
            timeline,
            suggestions: suggestions
                .into_iter()
                .map(|s| SuggestionFacts {
                    person_id: ids[s.node],
                    ground: s.ground,
                    reasons: s
                        .reasons
                        .into_iter()
                        .map(|r| r.map_people(|p| ids[p]))
                        .collect(),
                })
                .collect(),
        })
    }
}

/// Who named whom at each analysed wave of the survey up to `wave`, for the
/// curves and the timelines, and the stored report of `wave` itself.
async fn wave_ties(
    db: &Db,
    survey: &crate::store::surveys::SurveyRecord,
    wave: &crate::surveys::Wave,
    relation_id: i64,
) -> Result<(Vec<WaveTies>, Option<Report>), AppError> {
    let key = NetworkKey::Relation(relation_id);
    let mut waves: Vec<WaveTies> = Vec::new();
    let mut report: Option<Report> = None;
    for w in survey.waves.iter().filter(|w| w.number <= wave.number) {
        let Some(stored) = analyses::load_network(db, w.id, key).await? else {
            continue;
        };
        if w.id == wave.id {
            report = Some(serde_json::from_str(&stored.report).map_err(|e| {
                AppError::internal(format!("wave {}'s stored report is unreadable: {e}", w.id))
            })?);
        }
        let mut named_by: HashMap<i64, BTreeSet<i64>> = HashMap::new();
        let mut names: HashMap<i64, BTreeSet<i64>> = HashMap::new();
        let mut pairs = BTreeSet::new();
        for tie in analyses::ties(db, w.id, relation_id).await? {
            let (a, b) = (tie.respondent_id, tie.named_id);
            named_by.entry(b).or_default().insert(a);
            names.entry(a).or_default().insert(b);
            pairs.insert((a.min(b), a.max(b)));
        }
        waves.push(WaveTies {
            day: stored_day(&w.closes_on, "a wave")?,
            number: w.number,
            named_by,
            names,
            pairs,
            tenured_degrees: Vec::new(),
        });
    }
    Ok((waves, report))
}

/// The network now, over `ids`: the latest wave's ties, and the ties pulses
/// reported since it closed.
fn network_now(
    ids: &[i64],
    index: &HashMap<i64, usize>,
    latest_ties: &[analyses::Tie],
    answers: &BTreeMap<i64, BTreeMap<i64, PulseAnswer>>,
    wave_day: i64,
) -> analysis::Graph {
    let mut builder = analysis::GraphBuilder::new();
    for id in ids {
        builder.node(&id.to_string(), Default::default());
    }
    let mut edge = |a: i64, b: i64| {
        if index.contains_key(&a) && index.contains_key(&b) && a != b {
            builder.edge(&a.to_string(), &b.to_string(), 1.0);
        }
    };
    for tie in latest_ties {
        edge(tie.respondent_id, tie.named_id);
    }
    for (person, by_date) in answers {
        for a in by_date.values().filter(|a| a.date > wave_day) {
            a.came_to_them.iter().for_each(|&x| edge(x, *person));
            a.they_went_to.iter().for_each(|&x| edge(*person, x));
        }
    }
    builder.build()
}

/// What each newcomer said in their pulses, by newcomer and the day the pulse opened.
async fn pulse_answers(db: &Db) -> Result<BTreeMap<i64, BTreeMap<i64, PulseAnswer>>, AppError> {
    let mut answers: BTreeMap<i64, BTreeMap<i64, PulseAnswer>> = BTreeMap::new();
    for t in pulses::ties(db).await? {
        let date = stored_day(&t.opens_on, "a pulse wave")?;
        let a = answers
            .entry(t.person_id)
            .or_default()
            .entry(date)
            .or_default();
        a.day_after_hire = t.day;
        a.date = date;
        if t.incoming {
            a.came_to_them.insert(t.named_id);
        } else {
            a.they_went_to.insert(t.named_id);
        }
    }
    Ok(answers)
}

/// Introductions counted by group: how many were suggested, met, could show a
/// tie (a wave closed after them), and became one.
fn conversions(
    outcomes: &[store::Outcome],
    group_of: &dyn Fn(&store::Outcome) -> ConversionGroup,
) -> Vec<Conversion> {
    let mut groups: BTreeMap<ConversionGroup, Conversion> = BTreeMap::new();
    let mut newcomers: BTreeMap<ConversionGroup, BTreeSet<i64>> = BTreeMap::new();
    for o in outcomes {
        let group = group_of(o);
        newcomers
            .entry(group.clone())
            .or_default()
            .insert(o.newcomer_id);
        let c = groups.entry(group.clone()).or_insert_with(|| Conversion {
            group,
            newcomers: 0,
            suggested: 0,
            met: 0,
            judged: 0,
            became_ties: 0,
        });
        c.newcomers = newcomers[&c.group].len();
        c.suggested += 1;
        c.met += usize::from(o.status == IntroductionStatus::Met);
        c.judged += usize::from(o.judged);
        c.became_ties += usize::from(o.judged && o.tie_formed);
    }
    groups.into_values().collect()
}

/// Each cohort's quartiles of people coming to them, step by step since hire: one
/// value per person and step (their latest observation in it), and only steps where
/// at least [`BAND_MIN_PEOPLE`] were observed.
fn bands(rows: &[NewcomerFigures]) -> Vec<(String, Vec<BandPoint>)> {
    let mut by_cohort: BTreeMap<&str, BTreeMap<i64, BTreeMap<i64, usize>>> = BTreeMap::new();
    for r in rows {
        for (day, k) in &r.curve {
            by_cohort
                .entry(&r.cohort)
                .or_default()
                .entry(day / BAND_STEP_DAYS)
                .or_default()
                .insert(r.person_id, *k);
        }
    }
    by_cohort
        .into_iter()
        .filter_map(|(cohort, steps)| {
            let points: Vec<BandPoint> = steps
                .into_iter()
                .filter(|(_, latest)| latest.len() >= BAND_MIN_PEOPLE)
                .filter_map(|(step, latest)| {
                    let values: Vec<usize> = latest.into_values().collect();
                    quartiles(&values).map(|(lower, median, upper)| BandPoint {
                        day: step * BAND_STEP_DAYS + BAND_STEP_DAYS / 2,
                        lower,
                        median,
                        upper,
                    })
                })
                .collect();
            (!points.is_empty()).then(|| (cohort.to_string(), points))
        })
        .collect()
}

fn cohort_table(rows: &[NewcomerFigures], tenured_degrees: &[usize]) -> Vec<CohortRow> {
    let mut groups: BTreeMap<&str, Vec<&NewcomerFigures>> = BTreeMap::new();
    for r in rows {
        groups.entry(&r.cohort).or_default().push(r);
    }
    let mut table: Vec<CohortRow> = groups
        .into_iter()
        .map(|(cohort, members)| {
            let degrees: Vec<usize> = members.iter().map(|r| r.in_degree).collect();
            let first: Vec<i64> = members.iter().filter_map(|r| r.first_named_day).collect();
            let days: Vec<i64> = members.iter().map(|r| r.days).collect();
            CohortRow {
                cohort: Some(cohort.to_string()),
                people: members.len(),
                named_by: quartiles(&degrees).unwrap_or_default(),
                median_days: median(&days),
                median_first_named_day: median(&first),
                at_risk: members.iter().filter(|r| r.at_risk).count(),
                reached_tenured_median: members
                    .iter()
                    .filter(|r| r.tenured_median_day.is_some())
                    .count(),
            }
        })
        .collect();
    table.push(CohortRow {
        cohort: None,
        people: tenured_degrees.len(),
        named_by: quartiles(tenured_degrees).unwrap_or_default(),
        median_days: None,
        median_first_named_day: None,
        at_risk: 0,
        reached_tenured_median: 0,
    });
    table
}

/// Newcomers who met at least one introduction against those who met none.
fn pace(rows: &[NewcomerFigures]) -> Vec<Pace> {
    [true, false]
        .into_iter()
        .map(|met| {
            let members: Vec<&NewcomerFigures> = rows
                .iter()
                .filter(|r| r.met_an_introduction == Some(met))
                .collect();
            let reached: Vec<i64> = members
                .iter()
                .filter_map(|r| r.tenured_median_day)
                .collect();
            let first: Vec<i64> = members.iter().filter_map(|r| r.first_named_day).collect();
            Pace {
                met,
                people: members.len(),
                reached_tenured_median: reached.len(),
                median_days_to_tenured_median: median(&reached),
                median_first_named_day: median(&first),
            }
        })
        .filter(|p| p.people > 0)
        .collect()
}

fn pulse_rounds(sent: &[pulses::PulseSent]) -> Vec<PulseRound> {
    let mut rounds: BTreeMap<i64, PulseRound> = BTreeMap::new();
    for p in sent {
        let r = rounds.entry(p.wave_id).or_insert_with(|| PulseRound {
            wave_id: p.wave_id,
            opens_on: p.opens_on.clone(),
            days: Vec::new(),
            invited: 0,
            answered: 0,
        });
        if !r.days.contains(&p.day) {
            r.days.push(p.day);
        }
        r.invited += 1;
        r.answered += usize::from(p.answered);
    }
    let mut list: Vec<PulseRound> = rounds.into_values().collect();
    list.sort_by(|a, b| b.opens_on.cmp(&a.opens_on).then(b.wave_id.cmp(&a.wave_id)));
    list.truncate(PULSE_ROUNDS_LISTED);
    list
}

#[cfg(test)]
mod figures_without_a_database {
    use super::*;
    use crate::people::{PersonFields, Status};
    use crate::store::people::PersonAsOf;

    const CLOSED: &str = "2026-06-30";

    fn person(id: i64, team: &str, hired: &str) -> PersonAsOf {
        PersonAsOf {
            id,
            email: format!("p{id}@acme.test"),
            fields: PersonFields {
                full_name: format!("Person {id}"),
                team: Some(team.into()),
                department: Some("Engineering".into()),
                hire_date: Some(hired.into()),
                ..PersonFields::default()
            },
            manager_email: None,
            status: Status::Active,
        }
    }

    /// Five tenured colleagues and Nora (6), hired two months before the wave
    /// closed: Bo (2) came to her, she went to Ana (1), and she met Cy (3)
    /// through an introduction made long ago.
    fn inputs() -> (Inputs, Report) {
        let ties = [
            (1, 2),
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 1),
            (3, 4),
            (4, 3),
            (5, 3),
            (1, 5),
            (6, 1),
            (2, 6),
        ];
        let mut builder = analysis::GraphBuilder::new();
        for id in 1..=6 {
            builder.node(&id.to_string(), Default::default());
        }
        for (a, b) in ties {
            builder.edge(&a.to_string(), &b.to_string(), 1.0);
        }
        let report = analysis::analyze(&builder.build(), &Default::default(), &Default::default());
        let day = day_of(CLOSED).expect("date");
        let mut wave = WaveTies {
            day,
            number: 1,
            named_by: HashMap::new(),
            names: HashMap::new(),
            pairs: BTreeSet::new(),
            tenured_degrees: Vec::new(),
        };
        for (a, b) in ties {
            wave.named_by.entry(b).or_default().insert(a);
            wave.names.entry(a).or_default().insert(b);
            wave.pairs.insert((a.min(b), a.max(b)));
        }
        let roster = [
            person(1, "Platform", "2019-03-01"),
            person(2, "Platform", "2020-01-10"),
            person(3, "Data", "2018-07-01"),
            person(4, "Data", "2021-02-01"),
            person(5, "Web", "2017-11-01"),
            person(6, "Platform", "2026-05-01"),
        ];
        let long_ago = (day - 200) * DAY_MS;
        let inputs = Inputs {
            settings: NewcomerSettings::default(),
            min_group: 5,
            now_ms: day * DAY_MS,
            survey_name: "Who helps whom".into(),
            wave: crate::surveys::Wave {
                id: 7,
                survey_id: 1,
                number: 1,
                status: crate::surveys::WaveStatus::Closed,
                opens_on: "2026-06-16".into(),
                closes_on: CLOSED.into(),
                scheduled: false,
            },
            waves: vec![wave],
            latest_ties: ties
                .iter()
                .map(|&(respondent_id, named_id)| analyses::Tie {
                    respondent_id,
                    named_id,
                    scales: "{}".into(),
                })
                .collect(),
            answers: BTreeMap::new(),
            sent: Vec::new(),
            as_of: day,
            roster: roster.into_iter().map(|p| (p.id, p)).collect(),
            taken: Vec::new(),
            sent_picks: Vec::new(),
            introductions: vec![IntroductionRecord {
                newcomer_id: 6,
                suggested_id: 3,
                status: IntroductionStatus::Met,
                created_at: long_ago,
                updated_at: long_ago,
            }],
            suggest_less: Vec::new(),
            outcomes: Vec::new(),
            pulse_survey_id: 2,
        };
        (inputs, report)
    }

    #[test]
    fn a_newcomer_is_measured_from_the_wave_alone() {
        let (inputs, report) = inputs();
        let (summary, rows) = figures(inputs, report).expect("figures");
        assert_eq!(rows.len(), 1, "only Nora is new");
        let nora = &rows[0];
        assert_eq!(nora.person_id, 6);
        assert_eq!(
            (nora.in_degree, nora.out_degree, nora.reciprocated),
            (1, 1, 0)
        );
        assert_eq!(nora.days, 60);
        assert_eq!(nora.met_an_introduction, Some(true));
        assert_eq!(nora.curve, vec![(60, 1)]);
        assert_eq!(summary.wave_id, 7);
        assert_eq!(summary.without_hire_date, 0);
        // Tenured in-degrees 3, 3, 2, 1, 1 (Ana's counts Nora): the median is 2.
        assert_eq!(summary.tenured_median, 2.0);
        let suggested: Vec<i64> = nora.suggestions.iter().map(|s| s.person_id).collect();
        assert!(!suggested.is_empty());
        assert!(
            suggested.iter().all(|p| (1..=5).contains(p) && *p != 3),
            "only colleagues, and not Cy, whom she met: {suggested:?}"
        );
    }

    #[test]
    fn someone_hired_before_the_window_is_not_new() {
        let (mut inputs, report) = inputs();
        inputs.settings.window_days = 30;
        let (_, rows) = figures(inputs, report).expect("figures");
        assert!(rows.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_count_the_managers_above_and_survive_a_loop() {
        // 0 heads 1, 1 heads 2 and 3; 4 and 5 manage each other.
        let managers = [None, Some(0), Some(1), Some(1), Some(5), Some(4)];
        assert_eq!(levels_below_the_top(&managers), vec![0, 1, 2, 2, 0, 0]);
    }

    #[test]
    fn at_risk_is_held_against_the_first_group_of_at_least_k() {
        let cohorts: BTreeMap<String, Vec<usize>> = [
            ("2026-01".to_string(), vec![0, 1, 2, 3, 4]),
            ("2026-02".to_string(), vec![0, 2]),
        ]
        .into_iter()
        .collect();
        let past_the_line = [1, 1, 2, 3, 5];
        let tenured = [4, 5, 6];
        let bars = |min_group| AtRiskBars {
            min_group,
            cohorts: &cohorts,
            past_the_line: &past_the_line,
            tenured: &tenured,
        };
        assert_eq!(bars(5).for_cohort("2026-01").0, RiskComparison::Cohort);
        assert_eq!(
            bars(5).for_cohort("2026-02"),
            (RiskComparison::NewcomersPastTheLine, &past_the_line[..])
        );
        assert_eq!(
            bars(6).for_cohort("2026-01"),
            (RiskComparison::Tenured, &tenured[..])
        );
        assert_eq!(bars(2).for_cohort("2026-02").0, RiskComparison::Cohort);
        assert_eq!(
            bars(5).for_cohort("no such cohort").0,
            RiskComparison::NewcomersPastTheLine
        );
    }

    #[test]
    fn bands_count_each_person_once_per_step_and_need_three_people() {
        let row = |person_id, cohort: &str, curve: Vec<(i64, usize)>| NewcomerFigures {
            person_id,
            cohort: cohort.into(),
            curve,
            ..NewcomerFigures::default()
        };
        let rows = [
            // A pulse and a wave in the same step: the later one counts.
            row(1, "2026-01", vec![(10, 0), (20, 6)]),
            row(2, "2026-01", vec![(15, 1), (45, 2)]),
            row(3, "2026-01", vec![(25, 3)]),
            row(4, "2026-02", vec![(5, 9)]),
            row(5, "2026-02", vec![(6, 9)]),
        ];
        assert_eq!(
            bands(&rows),
            vec![(
                "2026-01".to_string(),
                vec![BandPoint {
                    day: 15,
                    lower: 1,
                    median: 3,
                    upper: 6
                }]
            )],
            "days 30-59 saw one person and the February cohort only two: no band there"
        );
    }

    #[test]
    fn quartiles_are_nearest_rank() {
        assert_eq!(quartiles(&[5, 1, 3, 7, 9]), Some((3, 5, 7)));
        assert_eq!(quartiles(&[4]), Some((4, 4, 4)));
        assert_eq!(quartiles(&[2, 8]), Some((2, 2, 8)));
        assert_eq!(quartiles(&[1, 2, 3, 4]), Some((1, 2, 3)));
        // The lower quartile is the one the at-risk rule uses.
        for n in 1..40 {
            let values: Vec<usize> = (0..n).map(|i| (i * 7919) % 23).collect();
            assert_eq!(
                quartiles(&values).map(|q| q.0),
                analysis::newcomers::lower_quartile(&values)
            );
        }
        assert_eq!(quartiles::<usize>(&[]), None);
    }
}
