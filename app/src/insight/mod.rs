//! Insight for analysts: a wave's stored network analysis, read fast.

#[cfg(feature = "ssr")]
pub mod integration;
pub mod newcomer_settings;
pub mod newcomers;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pulses;
#[cfg(feature = "ssr")]
pub mod service;
pub mod welcome;

use serde::{Deserialize, Serialize};

/// How far a wave's results can be trusted, from its response rate.
pub fn confidence(answered: i64, invited: i64) -> &'static str {
    let rate = if invited == 0 {
        0.0
    } else {
        answered as f64 / invited as f64
    };
    if rate >= 0.80 {
        "high"
    } else if rate >= 0.65 {
        "moderate"
    } else {
        "low"
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunStatus {
    pub status: String,
    pub step: i64,
    pub steps: i64,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyPlayer {
    pub role: String,
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub person_id: i64,
    pub name: String,
    pub gained: usize,
    pub lost: usize,
    pub in_degree: (usize, usize),
    pub roles_gained: Vec<String>,
    pub roles_lost: Vec<String>,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationInsight {
    /// 'relation:ID' or 'import:ID'.
    pub network: String,
    pub question: String,
    pub invited: i64,
    pub answered: i64,
    pub confidence: String,
    pub computed_at: i64,
    pub figures: Figures,
    pub key_players: Vec<KeyPlayer>,
    pub heatmap: Option<Heatmap>,
    /// Against the survey's previous wave, when it was analysed.
    pub previous_wave: Option<i64>,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaveInsight {
    pub survey_id: i64,
    pub survey_name: String,
    pub wave_id: i64,
    pub wave_number: i64,
    pub wave_open: bool,
    pub run: Option<RunStatus>,
    pub relations: Vec<RelationInsight>,
}
