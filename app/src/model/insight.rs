//! Stored network analysis as pages read it: runs, figures, key players, heatmaps.

use analysis::Role;
use serde::{Deserialize, Serialize};

/// One network of a wave: a survey relation, or one imported from elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKey {
    Relation(i64),
    Import(i64),
}

impl NetworkKey {
    /// The stored spelling: "relation:ID" or "import:ID".
    pub fn key(self) -> String {
        match self {
            NetworkKey::Relation(id) => format!("relation:{id}"),
            NetworkKey::Import(id) => format!("import:{id}"),
        }
    }

    /// What makes a network the same one in another wave, for its trend and
    /// changes: a survey question is one relation in every wave; a network
    /// from elsewhere is added to each wave anew, and is the same one under
    /// the same name.
    pub fn lineage(self, title: &str) -> String {
        match self {
            NetworkKey::Relation(_) => self.key(),
            NetworkKey::Import(_) => format!("import:{}", title.trim().to_lowercase()),
        }
    }

    pub fn parse(key: &str) -> Option<NetworkKey> {
        let (kind, id) = key.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "relation" => Some(NetworkKey::Relation(id)),
            "import" => Some(NetworkKey::Import(id)),
            _ => None,
        }
    }
}

/// The prefix of a node attribute that holds a respondent's answer to a
/// question about them ("answer: PROMPT").
pub const ANSWER: &str = "answer: ";

/// Above this many people a network's map opens on its departments, and
/// draws a department's people when the reader opens it: no browser is sent
/// every person and tie of a large company at once.
pub const MAP_PEOPLE_AT_ONCE: usize = 5_000;

/// The figures the map's dots can be sized by.
pub const MAP_SIZES: [&str; 8] = [
    "in_degree",
    "out_degree",
    "betweenness",
    "pagerank",
    "closeness",
    "eigenvector",
    "effective_size",
    "constraint",
];

/// A file a wave's network can be taken away in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// GEXF 1.3, for Gephi: positions, colours, every attribute and figure.
    Gexf,
    GraphMl,
    /// One row per tie.
    TiesCsv,
    /// One row per person: roster facts, every figure, roles.
    MetricsCsv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Gexf,
        ExportFormat::GraphMl,
        ExportFormat::TiesCsv,
        ExportFormat::MetricsCsv,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Gexf => "gexf",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::TiesCsv => "ties-csv",
            ExportFormat::MetricsCsv => "metrics-csv",
        }
    }

    pub fn parse(key: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What HR's pages call it.
    pub fn label(self) -> String {
        super::catalogue::say(self.label_id())
    }

    /// Its name's message in the catalogue.
    fn label_id(self) -> &'static str {
        match self {
            ExportFormat::Gexf => "export-gexf",
            ExportFormat::GraphMl => "export-graphml",
            ExportFormat::TiesCsv => "export-ties-csv",
            ExportFormat::MetricsCsv => "export-people-csv",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Gexf => "gexf",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::TiesCsv => "ties.csv",
            ExportFormat::MetricsCsv => "people.csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Gexf | ExportFormat::GraphMl => "application/xml; charset=utf-8",
            ExportFormat::TiesCsv | ExportFormat::MetricsCsv => "text/csv; charset=utf-8",
        }
    }
}

/// Where a wave's analysis run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    Running,
    Done,
    Failed,
}

impl RunState {
    /// The stored spelling, the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            RunState::Running => "running",
            RunState::Done => "done",
            RunState::Failed => "failed",
        }
    }

    pub fn from_key(key: &str) -> Option<RunState> {
        [RunState::Running, RunState::Done, RunState::Failed]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// How far a wave's results can be trusted, from its response rate: 80% or
/// more answered is high, 65% or more moderate, less is low.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Moderate,
    Low,
}

impl Confidence {
    pub fn of(answered: i64, invited: i64) -> Confidence {
        let rate = if invited == 0 {
            0.0
        } else {
            answered as f64 / invited as f64
        };
        if rate >= 0.80 {
            Confidence::High
        } else if rate >= 0.65 {
            Confidence::Moderate
        } else {
            Confidence::Low
        }
    }

    /// The stored spelling, the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Moderate => "moderate",
            Confidence::Low => "low",
        }
    }

    pub fn from_key(key: &str) -> Option<Confidence> {
        [Confidence::High, Confidence::Moderate, Confidence::Low]
            .into_iter()
            .find(|c| c.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunStatus {
    pub status: RunState,
    pub step: i64,
    pub steps: i64,
    pub error: Option<String>,
}

/// The people of one role, the strongest first: at most
/// [`KEY_PLAYERS_LISTED`] of them, since a role can hold thousands in a large
/// company; the people table lists them all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RolePlayers {
    pub role: Role,
    /// Everyone in the role, listed or not.
    pub total: usize,
    pub listed: Vec<KeyPlayer>,
}

/// How many people of a role the insight page lists.
pub const KEY_PLAYERS_LISTED: usize = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyPlayer {
    pub person_id: i64,
    pub name: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    pub attribute: String,
    pub groups: Vec<String>,
    pub sizes: Vec<usize>,
    pub density: Vec<Vec<Option<f64>>>,
    /// Per group: (ties out − ties in) / all its members' ties, −1 to +1.
    pub ei_index: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub person_id: i64,
    pub name: String,
    pub gained: usize,
    pub lost: usize,
    pub in_degree: (usize, usize),
    pub roles_gained: Vec<Role>,
    pub roles_lost: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub people: usize,
    pub ties: usize,
    pub density: f64,
    pub reciprocity: Option<f64>,
    pub weak_components: usize,
    pub communities: usize,
    pub modularity: f64,
}

/// One person's row of a network's people table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    pub person_id: i64,
    pub name: String,
    pub department: Option<String>,
    /// Harmonic closeness over the n − 1 others (0..1).
    pub closeness: f64,
    /// Every figure of the stored analysis.
    pub metrics: analysis::NodeMetrics,
}

/// The answers to one question about the respondent, and where those who
/// gave each answer sit in the network. Counts under k are hidden (with
/// complementary suppression), as are their figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerReport {
    pub prompt: String,
    /// The relation whose in-degree is read ("whom do you turn to...").
    pub relation: String,
    pub rows: Vec<AnswerRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub answer: String,
    /// `None`: hidden, from fewer than k people (or to keep another hidden).
    pub people: Option<usize>,
    /// How many colleagues name them, on average.
    pub mean_in_degree: Option<f64>,
}

/// One wave's network-level figures, for the trend across a survey's waves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub wave_number: i64,
    pub density: f64,
    pub reciprocity: Option<f64>,
    /// Ties between people of different departments, of all ties.
    pub across_departments: Option<f64>,
    pub modularity: f64,
    pub response_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationInsight {
    pub network: NetworkKey,
    pub question: String,
    pub invited: i64,
    pub answered: i64,
    pub confidence: Confidence,
    pub computed_at: i64,
    pub figures: Figures,
    pub key_players: Vec<RolePlayers>,
    pub heatmap: Option<Heatmap>,
    /// Against the survey's previous wave, when it was analysed.
    pub previous_wave: Option<i64>,
    pub changes: Vec<Change>,
    /// This network in every analysed wave of the survey, in order.
    pub trend: Vec<TrendPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaveInsight {
    pub survey_id: i64,
    pub survey_name: String,
    pub wave_id: i64,
    pub wave_number: i64,
    pub wave_open: bool,
    /// Retention deleted the answers: only the network's own figures are left.
    pub answers_deleted: bool,
    /// The promise the page restates: k and how long answers are kept.
    pub privacy: super::privacy::Privacy,
    /// The roster attributes groups can be read from, custom ones included.
    pub group_attributes: Vec<String>,
    /// The survey's choice and agreement questions about the respondent.
    pub answers: Vec<AnswerReport>,
    pub run: Option<RunStatus>,
    pub relations: Vec<RelationInsight>,
    /// The invited who did not answer: their own group, never "peripheral".
    pub did_not_answer: NotAnswered,
}

/// The people invited to a wave who did not answer it, the first
/// [`KEY_PLAYERS_LISTED`] by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NotAnswered {
    pub total: usize,
    pub listed: Vec<NamedPerson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedPerson {
    pub person_id: i64,
    pub name: String,
}

/// Rows on one page of the people table.
pub const PEOPLE_PER_PAGE: usize = 50;

/// A column of the table: its key (for sorting), header and meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    Name,
    Department,
    InDegree,
    OutDegree,
    Betweenness,
    Closeness,
    PageRank,
    Constraint,
    EffectiveSize,
    Clustering,
    Reciprocity,
    Community,
    EiIndex,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::Department,
        Column::InDegree,
        Column::OutDegree,
        Column::Betweenness,
        Column::Closeness,
        Column::PageRank,
        Column::Constraint,
        Column::EffectiveSize,
        Column::Clustering,
        Column::Reciprocity,
        Column::Community,
        Column::EiIndex,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Department => "department",
            Column::InDegree => "in_degree",
            Column::OutDegree => "out_degree",
            Column::Betweenness => "betweenness",
            Column::Closeness => "closeness",
            Column::PageRank => "pagerank",
            Column::Constraint => "constraint",
            Column::EffectiveSize => "effective_size",
            Column::Clustering => "clustering",
            Column::Reciprocity => "reciprocity",
            Column::Community => "community",
            Column::EiIndex => "ei_index",
        }
    }

    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Whether larger values come first when the column is picked.
    pub fn descending_first(self) -> bool {
        !matches!(self, Column::Name | Column::Department | Column::Community)
    }
}

/// The column the table sorts by until the analyst picks one.
pub const DEFAULT_SORT: Column = Column::InDegree;

/// What the table shows: sort, direction, filters and page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableQuery {
    pub sort: Option<String>,
    pub descending: Option<bool>,
    pub role: Option<String>,
    pub department: Option<String>,
    pub min_in_degree: Option<usize>,
    pub page: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeopleTable {
    pub rows: Vec<PersonRow>,
    /// People after the filters.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub sort: Column,
    pub descending: bool,
    pub departments: Vec<String>,
}

/// What the insight page reads of one analysed network, written with the
/// analysis so that the page never reads everyone's figures: the network's
/// own figures, its groups, and the few people it names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkSummary {
    pub network: analysis::NetworkMetrics,
    /// By department, as analysed.
    pub groups: Option<analysis::groups::GroupMatrix>,
    /// Where each of those departments' people sit on the map, on average:
    /// a large network's map opens on its departments there.
    pub group_positions: Vec<Option<[f64; 2]>>,
    /// How many of each of those departments answered the wave: a manager's
    /// group map leaves out departments where fewer than k did.
    pub group_answered: Vec<usize>,
    /// By each other attribute with few enough groups to show.
    pub heatmaps: Vec<Heatmap>,
    /// The custom roster attributes the wave's people have.
    pub attributes: Vec<String>,
    pub key_players: Vec<ListedRole>,
    /// Against the previous wave: the people whose ties or roles changed most.
    pub changes: Vec<Change>,
    /// Each question about the respondent, answered by whom in this network.
    pub answers: Vec<AnswerTally>,
}

/// How the people of a network answered one question about themselves, and
/// how often colleagues name them: the page shows it by the k rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerTally {
    /// The node attribute the answers are: "answer: PROMPT".
    pub attribute: String,
    pub answers: Vec<AnswerCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerCount {
    /// The answer as the survey labels it.
    pub answer: String,
    pub people: usize,
    /// Their in-degrees, summed.
    pub in_degree: usize,
}

/// A role's strongest [`KEY_PLAYERS_LISTED`] people and how many hold it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedRole {
    pub role: Role,
    pub total: usize,
    pub listed: Vec<ListedPlayer>,
}

/// A key player as stored: the evidence, put in words when the page is read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedPlayer {
    pub person_id: i64,
    pub name: String,
    pub evidence: analysis::roles::Evidence,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_keys_and_run_states_round_trip_through_their_stored_spelling() {
        for key in [NetworkKey::Relation(7), NetworkKey::Import(12)] {
            assert_eq!(NetworkKey::parse(&key.key()), Some(key));
        }
        for bad in ["relation", "relation:x", "edges:3", ""] {
            assert_eq!(NetworkKey::parse(bad), None, "{bad}");
        }
        for state in [RunState::Running, RunState::Done, RunState::Failed] {
            assert_eq!(RunState::from_key(state.key()), Some(state));
        }
        assert_eq!(RunState::from_key("stopped"), None);
    }
}

/// A network read from an upload and waiting to be added, as its preview
/// shows it: how far its reading is, then counts (never anyone's ties) or
/// why it could not be read.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub name: String,
    /// The uploaded files' own names.
    pub file_name: String,
    pub read_bytes: i64,
    pub total_bytes: i64,
    /// What was found and left out, a sentence a line, once read.
    pub found: Option<Vec<String>>,
    pub ties: usize,
    pub problem: Option<String>,
}

/// Two networks of a wave laid over each other, as pairs of people tied
/// either way: what people say (a survey question) against what they do (a
/// network read from mail, chat or calendars), or any two relations.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Overlap {
    pub first: String,
    pub second: String,
    pub all: PairCounts,
    /// Pairs of people in the same department, and in different ones.
    pub within: PairCounts,
    pub across: PairCounts,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PairCounts {
    pub both: usize,
    pub first_only: usize,
    pub second_only: usize,
}

impl PairCounts {
    /// The share of pairs tied in either network that are tied in both.
    pub fn agreement(&self) -> f64 {
        let any = self.both + self.first_only + self.second_only;
        if any == 0 {
            0.0
        } else {
            self.both as f64 / any as f64
        }
    }
}
