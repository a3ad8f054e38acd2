//! Newcomers' data: settings, figures, suggestions, introductions and the views built from them.

use crate::model::date::Date;
use analysis::newcomers::{Ground, Reason};
use serde::{Deserialize, Serialize};

/// How long a newcomer stays signed in after opening their link (at most
/// until the link itself expires).
pub const NEWCOMER_SESSION_MS: i64 = 30 * 86_400_000;

/// Newcomers listed on one page of the Newcomers list.
pub const PER_PAGE: usize = 50;
/// Draft rounds the Newcomers page shows at once.
pub const DRAFTS_LISTED: usize = 20;

/// What a newcomer says of one of their introductions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntroductionStatus {
    Suggested,
    Met,
    NotUseful,
    Later,
}

impl IntroductionStatus {
    pub const ALL: [IntroductionStatus; 4] = [
        IntroductionStatus::Suggested,
        IntroductionStatus::Met,
        IntroductionStatus::NotUseful,
        IntroductionStatus::Later,
    ];

    /// The stored and submitted spelling, the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            IntroductionStatus::Suggested => "suggested",
            IntroductionStatus::Met => "met",
            IntroductionStatus::NotUseful => "not_useful",
            IntroductionStatus::Later => "later",
        }
    }

    pub fn from_key(key: &str) -> Option<IntroductionStatus> {
        IntroductionStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Met, or said not to be useful: not suggested again.
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            IntroductionStatus::Met | IntroductionStatus::NotUseful
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortBy {
    Month,
    Quarter,
}

impl CohortBy {
    /// The cohort of someone hired on this day: "2026-03" or "2026 Q1".
    pub fn of(self, hired: Date) -> String {
        match self {
            CohortBy::Month => format!("{}-{:02}", hired.year, hired.month),
            CohortBy::Quarter => format!("{} Q{}", hired.year, hired.month.div_ceil(3)),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            CohortBy::Month => "month",
            CohortBy::Quarter => "quarter",
        }
    }
}

/// What HR decides about newcomers: who counts as one, when one is flagged,
/// how cohorts are grouped, when pulses go out, how many introductions each
/// gets, and whether their manager gets a copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewcomerSettings {
    /// Someone hired within this many days before a wave is a newcomer in it.
    pub window_days: i64,
    /// After this many days, an in-degree below the cohort's lower quartile is a risk.
    pub at_risk_days: i64,
    pub cohort: CohortBy,
    /// Days after hire on which each newcomer gets a pulse; empty: no pulses.
    pub pulse_days: Vec<i64>,
    /// How many days a pulse stays open.
    pub pulse_open_days: i64,
    /// Introductions suggested to each newcomer.
    pub suggestions: usize,
    /// Send the newcomer's manager a copy of their introductions.
    pub copy_manager: bool,
    /// How many days a newcomer's personal link works after it is issued.
    pub link_days: i64,
    /// Introduction rounds by days after hire; empty: HR sends by hand only.
    pub rounds: Vec<RoundPlan>,
    /// Share of each round's candidates held out at random, to measure what
    /// introductions change; 0 turns the experiment off.
    pub holdout_share: f64,
    /// Days after a round goes out before the newcomer is asked "did you meet?".
    pub follow_up_days: i64,
    /// Suggest people two or more levels above the newcomer (off: a new sales
    /// rep is not sent to the CEO).
    pub suggest_senior: bool,
}

/// One scheduled round of introductions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundPlan {
    /// Days after hire on which the round is due.
    pub day: i64,
    /// The round waits in HR's queue for approval instead of going out on its own.
    pub approval: bool,
}

impl NewcomerSettings {
    /// Candidates drawn for a round: the introductions it sends, and as many
    /// more as the holdout share sets aside (so that each candidate, not only
    /// the weakest, may be the one held out).
    pub fn candidates_per_round(&self) -> usize {
        let share = self.holdout_share.clamp(0.0, 0.9);
        let held_out = (self.suggestions as f64 * share / (1.0 - share)).round() as usize;
        self.suggestions + if share > 0.0 { held_out.max(1) } else { 0 }
    }
}

impl Default for NewcomerSettings {
    fn default() -> NewcomerSettings {
        NewcomerSettings {
            window_days: 180,
            at_risk_days: 90,
            cohort: CohortBy::Month,
            pulse_days: vec![30, 60, 90],
            pulse_open_days: 7,
            suggestions: 3,
            copy_manager: false,
            link_days: 120,
            rounds: vec![
                RoundPlan {
                    day: 5,
                    approval: false,
                },
                RoundPlan {
                    day: 30,
                    approval: false,
                },
            ],
            holdout_share: 0.2,
            follow_up_days: 14,
            suggest_senior: false,
        }
    }
}

/// Where a newcomer's ties were seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seen {
    /// The survey wave of this number.
    Wave(i64),
    /// Their pulse of this many days after hire.
    Pulse(i64),
}

/// A newcomer's ties as seen at one wave or pulse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObservationRow {
    pub date: String,
    pub source: Seen,
    pub day: i64,
    pub come_to_them: usize,
    pub they_go_to: usize,
    pub both_ways: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    /// Against tenured colleagues at the wave it stands on.
    pub percentile: Option<f64>,
}

/// Something that happened in a newcomer's first months, as facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Happening {
    /// They joined this team (or department).
    Joined { group: Option<String> },
    /// A wave closed, with this many naming them as someone they go to.
    WaveClosed { number: i64, named_by: usize },
    /// Their pulse of `day` went out: what they said, if they answered.
    PulseSent {
        day: i64,
        answer: Option<PulseAnswerCount>,
        answered: bool,
    },
    /// Introductions emailed, to these colleagues.
    Introduced { people: Vec<i64> },
    /// They said how an introduction went.
    Marked {
        person: i64,
        status: IntroductionStatus,
    },
    /// A tie with an introduced colleague showed in a wave or pulse.
    TieShowed { person: i64, seen: Seen },
    /// The first observation in which someone came to them.
    FirstCameToThem { day: i64 },
}

/// How many they go to, and how many came to them, in one pulse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulseAnswerCount {
    pub went_to: usize,
    pub came_to_them: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated<T> {
    pub date: String,
    pub what: T,
}

/// One colleague suggested to a newcomer, as the engine's facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionFacts {
    pub person_id: i64,
    pub ground: Ground,
    pub reasons: Vec<Reason<i64>>,
}

/// The group whose lower quartile of in-degree a newcomer past the at-risk
/// line must reach.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskComparison {
    /// Their own hire cohort (it holds at least k newcomers).
    #[default]
    Cohort,
    /// Every newcomer past the at-risk line (the cohort holds fewer than k).
    NewcomersPastTheLine,
    /// Tenured colleagues (fewer than k newcomers even so).
    Tenured,
}

/// One newcomer's computed figures, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewcomerFigures {
    pub person_id: i64,
    pub manager_id: Option<i64>,
    pub hired_on: String,
    pub cohort: String,
    /// Days from hire to the latest observation (a wave or a pulse).
    pub days: i64,
    pub in_degree: usize,
    pub out_degree: usize,
    pub reciprocated: usize,
    pub teams_reached: usize,
    pub departments_reached: usize,
    pub percentile: f64,
    pub at_risk: bool,
    /// Whom their in-degree was held against for `at_risk`.
    #[serde(default)]
    pub at_risk_compared_with: RiskComparison,
    /// Days from hire to the first observation in which someone came to them.
    pub first_named_day: Option<i64>,
    /// Days from hire to the first observation at the tenured median in-degree.
    pub tenured_median_day: Option<i64>,
    /// Whether they met any introduction (marked "we met", or a tie formed);
    /// None when they were sent none.
    pub met_an_introduction: Option<bool>,
    /// (days since hire, people who came to them), observation by observation.
    pub curve: Vec<(i64, usize)>,
    /// The integration metrics at each wave and pulse since hire.
    pub history: Vec<ObservationRow>,
    pub timeline: Vec<Dated<Happening>>,
    pub suggestions: Vec<SuggestionFacts>,
}

/// Why a colleague was introduced, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grounds {
    Facts(Vec<Reason<i64>>),
    /// An introduction from before reasons were stored as facts: the sentences
    /// it was sent with.
    Sentences(Vec<String>),
}

/// A suggestion in words, for its reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub person_id: i64,
    pub ground: Ground,
    pub name: String,
    pub reasons: Vec<String>,
}

/// Something that happened, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub date: String,
    pub what: String,
}

/// A newcomer as a page shows them: the figures, and their words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewcomerRow {
    pub name: String,
    pub figures: NewcomerFigures,
    /// Sent: the newcomer's one list, latest round first.
    pub introduced: Vec<IntroductionView>,
    /// The next round's candidates as the engine ranks them (HR only, not sent).
    pub suggestions: Vec<SuggestionView>,
    pub timeline: Vec<Event>,
}

/// What introductions are counted by: their strongest ground, or the hire
/// cohort of the newcomer (None: no readable hire date).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversionGroup {
    Ground(Ground),
    Cohort(Option<String>),
}

/// Introductions of one reason or cohort, and how many became ties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conversion {
    pub group: ConversionGroup,
    /// The newcomers these introductions went to (what the disclosure policy counts).
    #[serde(default)]
    pub newcomers: usize,
    pub suggested: usize,
    pub met: usize,
    /// Those with a closed wave after them, so that a tie could show.
    pub judged: usize,
    pub became_ties: usize,
}

/// A hire cohort (or the tenured baseline) in numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// The hire cohort; None for the tenured baseline.
    pub cohort: Option<String>,
    pub people: usize,
    /// Quartiles of how many people come to them: (lower, median, upper).
    pub named_by: (usize, usize, usize),
    pub median_days: Option<i64>,
    pub median_first_named_day: Option<i64>,
    pub at_risk: usize,
    pub reached_tenured_median: usize,
}

/// The cohort's interquartile band at one stretch of days since hire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandPoint {
    pub day: i64,
    pub lower: usize,
    pub median: usize,
    pub upper: usize,
}

/// How fast newcomers who met their introductions integrated, against those who did not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    /// Whether these newcomers met at least one of their introductions.
    pub met: bool,
    pub people: usize,
    pub reached_tenured_median: usize,
    pub median_days_to_tenured_median: Option<i64>,
    pub median_first_named_day: Option<i64>,
}

/// One day's pulse wave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PulseRound {
    pub wave_id: i64,
    pub opens_on: String,
    pub days: Vec<i64>,
    pub invited: usize,
    pub answered: usize,
}

/// What the Newcomers page shows beside the list, computed with it and stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewcomersSummary {
    pub wave_id: i64,
    pub settings: NewcomerSettings,
    pub survey: String,
    pub wave_number: i64,
    pub wave_closes_on: String,
    pub tenured_median: f64,
    /// Active people whose hire date the roster lacks or Knit cannot read: they
    /// count as tenured.
    pub without_hire_date: usize,
    /// Each cohort's band, by cohort name.
    pub bands: Vec<(String, Vec<BandPoint>)>,
    /// The cohorts, then the tenured baseline.
    pub cohorts: Vec<CohortRow>,
    pub pace: Vec<Pace>,
    pub by_reason: Vec<Conversion>,
    pub by_cohort: Vec<Conversion>,
    pub pulses: Vec<PulseRound>,
    /// The pulse survey, whose page shows each pulse's email delivery.
    pub pulse_survey_id: i64,
    /// Introduced against held-out pairs (analysts and admins only).
    #[serde(default)]
    pub experiment: Experiment,
}

/// What introductions change: how often introduced pairs and pairs held out
/// at random became ties, in waves or pulses after their round. An arm with
/// fewer than k newcomers is not shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Experiment {
    pub arms: ExperimentArms,
    /// Introduced rate minus held-out rate.
    pub lift: Option<Lift>,
    pub rounds: Vec<RoundResult>,
    /// Pairs not judged yet: no wave or pulse has observed the newcomer since.
    pub waiting: usize,
    /// Some rounds were made by `knit demo` on a simulated company.
    pub simulated: bool,
    /// Both arms are shown, so the difference can be read.
    pub enough_data: bool,
    /// The finding, or why there is none yet, in plain words.
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExperimentArms {
    pub introduced: Option<ArmResult>,
    pub held_out: Option<ArmResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmResult {
    pub pairs: usize,
    pub newcomers: usize,
    pub became_ties: usize,
    pub rate: f64,
    /// Wilson's 95% interval.
    pub ci95: (f64, f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lift {
    pub difference: f64,
    /// Newcombe's 95% interval.
    pub ci95: (f64, f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundResult {
    pub round: i64,
    pub introduced: Option<ArmResult>,
    pub held_out: Option<ArmResult>,
}

/// The Newcomers list for its reader. Analysts and admins get every figure;
/// a manager gets a view the disclosure policy builds, of types that have no
/// place for raw evidence (no reason data, no person-level network figure,
/// no count it would not show).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewcomersView {
    Staff(Box<StaffNewcomers>),
    Manager(Box<ManagerNewcomers>),
}

/// One page of the Newcomers list as analysts and admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffNewcomers {
    pub summary: NewcomersSummary,
    /// Rounds waiting for HR's approval: how many, and the first
    /// [`DRAFTS_LISTED`] by due date.
    pub drafts_total: usize,
    pub drafts: Vec<DraftRound>,
    /// Those who may email introductions and change the settings.
    pub can_send: bool,
    /// The newcomers, in all.
    pub total: usize,
    /// This page (from 0) of [`PER_PAGE`] newcomers.
    pub page: usize,
    pub rows: Vec<NewcomerRow>,
}

/// One page of a manager's newcomers (everyone under them), with group
/// figures from at least k newcomers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagerNewcomers {
    pub summary: ManagerSummary,
    pub total: usize,
    pub page: usize,
    pub rows: Vec<ManagedNewcomer>,
}

/// A round waiting for HR: approve, take someone out, or skip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftRound {
    pub round_id: i64,
    pub newcomer_id: i64,
    pub newcomer: String,
    pub number: i64,
    pub due_on: String,
    pub introduced: Vec<SuggestionView>,
    /// Held out by the experiment: shown so that HR knows, not to be changed.
    pub held_out: Vec<String>,
}

/// A newcomer as their manager may see them: roster facts, the colleagues
/// suggested to them and what HR did. Nothing measured from answers, theirs
/// or anyone's about them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagedNewcomer {
    pub person_id: i64,
    pub name: String,
    pub hired_on: String,
    pub cohort: String,
    pub days: i64,
    /// The colleagues introduced to them (their one list), latest round first.
    pub introductions: Vec<IntroductionView>,
    /// When they joined and when introductions went out.
    pub timeline: Vec<Event>,
}

/// A hire cohort (or the tenured baseline) as managers see it: shown only
/// for k or more people, each count only under [`crate::disclosure::count_shown`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCohort {
    pub cohort: Option<String>,
    pub people: usize,
    pub median_named_by: usize,
    pub median_days: Option<i64>,
    pub median_first_named_day: Option<i64>,
    pub at_risk: Option<usize>,
    pub reached_tenured_median: Option<usize>,
}

/// [`Pace`] as managers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPace {
    pub met: bool,
    pub people: usize,
    pub reached_tenured_median: Option<usize>,
    pub median_days_to_tenured_median: Option<i64>,
    pub median_first_named_day: Option<i64>,
}

/// [`Conversion`] as managers see it: how many introductions HR sent, and of
/// what came of them only counts the policy shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupConversion {
    pub group: ConversionGroup,
    pub suggested: usize,
    pub met: Option<usize>,
    pub judged: usize,
    pub became_ties: Option<usize>,
}

/// What a manager sees beside their newcomers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagerSummary {
    pub survey: String,
    pub wave_number: i64,
    pub wave_closes_on: String,
    pub window_days: i64,
    pub at_risk_days: i64,
    /// k, the fewest people a figure shown here comes from.
    pub min_people: usize,
    pub cohorts: Vec<GroupCohort>,
    pub pace: Vec<GroupPace>,
    pub by_reason: Vec<GroupConversion>,
    pub by_cohort: Vec<GroupConversion>,
}

/// One newcomer for their reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewcomerDetail {
    Staff(Box<StaffNewcomer>),
    Manager(ManagedNewcomer),
}

/// One newcomer as analysts and admins see them, with their cohort's band
/// for the chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffNewcomer {
    pub row: NewcomerRow,
    pub band: Vec<BandPoint>,
    pub tenured_median: f64,
    pub window_days: i64,
    pub can_send: bool,
}

/// A newcomer's own page: their introductions, in their language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WelcomeView {
    pub language: crate::model::language::Language,
    pub introductions: Vec<IntroductionView>,
}

/// One of a newcomer's introductions, on their own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntroductionView {
    pub id: i64,
    /// The colleague introduced.
    pub person_id: i64,
    pub name: String,
    /// Title and team, as far as the roster has them.
    pub role: String,
    pub email: String,
    pub reasons: Vec<String>,
    pub status: IntroductionStatus,
}

/// What the roster and the wave's respondents say of a suggested colleague,
/// beside the newcomer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterFacts {
    /// The colleague's team, when it is the newcomer's.
    pub same_team: Option<String>,
    /// The colleague's department, when it is the newcomer's.
    pub same_department: Option<String>,
    /// The colleague's department, whatever it is.
    pub department: Option<String>,
    /// The colleague's location, when it is the newcomer's.
    pub same_location: Option<String>,
    /// Who could have named the colleague as one of the newcomer's team: the
    /// team's members who answered the wave the reasons come from, not the
    /// newcomer, their manager or the colleague.
    pub team_answered: usize,
    /// Who answered that wave, the colleague aside.
    pub answered: usize,
}

/// What following a newcomer's link found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// A session was opened for this newcomer, until this time (UTC ms).
    Opened {
        person_id: i64,
        until: i64,
    },
    /// The link was revoked or has expired.
    Ended,
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohorts_group_by_month_or_quarter() {
        let d = Date::new(2026, 8, 14).expect("date");
        assert_eq!(CohortBy::Month.of(d), "2026-08");
        assert_eq!(CohortBy::Quarter.of(d), "2026 Q3");
        assert_eq!(
            CohortBy::Quarter.of(Date::new(2026, 1, 1).expect("date")),
            "2026 Q1"
        );
    }

    #[test]
    fn statuses_round_trip_through_their_stored_spelling() {
        for status in IntroductionStatus::ALL {
            assert_eq!(IntroductionStatus::from_key(status.key()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).expect("json"),
                format!("\"{}\"", status.key())
            );
        }
        assert_eq!(IntroductionStatus::from_key("done"), None);
    }
}

/// Where a round stands: a draft (HR sees it, no one else), sent, or skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Draft,
    Sent,
    Skipped,
}

impl RoundStatus {
    pub fn key(self) -> &'static str {
        match self {
            RoundStatus::Draft => "draft",
            RoundStatus::Sent => "sent",
            RoundStatus::Skipped => "skipped",
        }
    }

    pub fn from_key(key: &str) -> Option<RoundStatus> {
        [RoundStatus::Draft, RoundStatus::Sent, RoundStatus::Skipped]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// Which arm of the experiment a candidate fell in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    Introduced,
    /// Held out at random: never shown to the newcomer, never emailed.
    HeldOut,
}

impl Arm {
    pub fn key(self) -> &'static str {
        match self {
            Arm::Introduced => "introduced",
            Arm::HeldOut => "held_out",
        }
    }

    pub fn from_key(key: &str) -> Option<Arm> {
        [Arm::Introduced, Arm::HeldOut]
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// One candidate of a round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundPick {
    pub colleague_id: i64,
    pub arm: Arm,
    pub ground: Ground,
    pub reasons: Vec<Reason<i64>>,
}

/// A round of one newcomer's introductions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntroductionRound {
    pub id: i64,
    pub newcomer_id: i64,
    pub number: i64,
    pub due_on: String,
    pub status: RoundStatus,
    pub simulated: bool,
    pub picks: Vec<RoundPick>,
}

/// A sent round's candidate, as the experiment reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentPick {
    pub newcomer_id: i64,
    pub colleague_id: i64,
    pub arm: Arm,
    pub round_number: i64,
    /// Days since the epoch on which the round went out.
    pub sent_day: i64,
    pub simulated: bool,
}
