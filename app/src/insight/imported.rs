//! Networks from elsewhere (email, chat, meetings, a tool's export) added to a
//! wave beside its survey relations, matched to the roster by work email.

use super::passive::{self, Format, Found};
use crate::error::AppError;
use crate::model::auth::CurrentUser;
use crate::model::catalogue::{say, say_with};
use crate::model::insight::DraftView;
use crate::model::policy::Policy;
use crate::store::analyses::{self, ImportedTie};
use crate::store::Db;
use std::collections::BTreeMap;

/// One edge as the file gives it: who, whom, and a weight.
pub type Edge = (String, String, f64);

const SOURCE_NAMES: [&str; 6] = ["source", "from", "ego", "respondent", "sender", "src"];
const TARGET_NAMES: [&str; 6] = ["target", "to", "alter", "named", "recipient", "dst"];

/// The column named one of `names` (any case), or else the `fallback`-th.
pub fn column(headers: &[String], names: &[&str], fallback: usize) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
        .or((fallback < headers.len()).then_some(fallback))
}

/// The ties of an edge list (CSV with a header): who (a column named source,
/// from, ego... or the first), whom (target, to, alter... or the second) and,
/// with `weight`, that column's positive number. Every problem names the file
/// (`label`), row and column.
pub fn parse_edges(label: &str, bytes: &[u8], weight: Option<&str>) -> Result<Vec<Edge>, String> {
    let mut edges = Vec::new();
    read_edges(label, bytes, weight, |source, target, w| {
        edges.push((source.to_string(), target.to_string(), w));
    })?;
    Ok(edges)
}

/// As [`parse_edges`], handing each tie to `tie` as it is read: a list of
/// millions of ties is read without a string made for each end.
pub fn read_edges(
    label: &str,
    bytes: &[u8],
    weight: Option<&str>,
    mut tie: impl FnMut(&str, &str, f64),
) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{label}: the header row cannot be read ({e})."))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.len() < 2 {
        return Err(format!(
            "{label}: an edge list needs two columns, who and whom (for example source,target); the header has {}.",
            headers.len()
        )
        );
    }
    let source = column(&headers, &SOURCE_NAMES, 0).unwrap_or(0);
    let target = column(&headers, &TARGET_NAMES, 1).unwrap_or(1);
    let weight = match weight {
        Some(name) => Some(
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!(
                        "{label}: there is no column '{name}' for the weights; the columns are {}.",
                        headers.join(", ")
                    )
                })?,
        ),
        None => None,
    };
    // One record read into again and again, and only the columns used checked
    // as text and trimmed.
    let mut record = csv::ByteRecord::new();
    for row in 2.. {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| format!("{label} row {row}: {e}"))?;
        if !more {
            break;
        }
        let field = |c: usize| -> Result<&str, String> {
            let bytes = record.get(c).unwrap_or_default();
            std::str::from_utf8(bytes).map(str::trim).map_err(|_| {
                format!(
                    "{label} row {row}, column '{}': not UTF-8 text; save the file as UTF-8.",
                    headers[c]
                )
            })
        };
        let (who, whom) = (field(source)?, field(target)?);
        for (c, end) in [(source, who), (target, whom)] {
            if end.is_empty() {
                return Err(format!(
                    "{label} row {row}, column '{}': empty; every tie needs both ends.",
                    headers[c]
                ));
            }
        }
        let w = match weight {
            Some(c) => {
                let text = field(c)?;
                match text.parse::<f64>() {
                    Ok(w) if w.is_finite() && w > 0.0 => w,
                    _ => {
                        return Err(format!(
                            "{label} row {row}, column '{}': '{text}' is not a positive number.",
                            headers[c]
                        ))
                    }
                }
            }
            None => 1.0,
        };
        tie(who, whom, w);
    }
    Ok(())
}

/// An uploaded edge list: its file's name and bytes, and the column of its
/// weights, if it has one.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub weight: Option<&'a str>,
}

/// What an analyst uploads on the insight page: an edge list, or the files
/// of a passive format, already saved where the server reads them.
pub enum Uploaded<'a> {
    EdgeList(Upload<'a>),
    Passive {
        format: Format,
        /// Each file's own name (shown, never read) and where it was saved.
        files: Vec<(String, std::path::PathBuf)>,
        /// Keeps the saved files until they are read (dropped then).
        keep: Box<dyn Send>,
    },
}

/// Reads an upload into a draft the analyst looks at before the network is
/// added: counts and matched ties only. An edge list is read at once (a
/// problem in it is the answer); an export is read in the background, its
/// progress kept on the draft. Returns the draft's id.
pub async fn preview_network(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave: i64,
    name: &str,
    upload: Uploaded<'_>,
) -> Result<i64, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let name = valid_name(db, wave, name).await?;
    match upload {
        Uploaded::EdgeList(upload) => {
            let rows = parse_edges(upload.file_name, upload.bytes, upload.weight)
                .map_err(AppError::Invalid)?
                .len();
            let ties = edge_list_ties(db, upload.file_name, upload.bytes, upload.weight).await?;
            let size = upload.bytes.len() as i64;
            let id =
                analyses::start_draft(db, wave, &name, upload.file_name, user.id, size).await?;
            let found = to_json(&Found::of_edge_list(rows, &ties))?;
            analyses::draft_found(db, id, &found, &ties).await?;
            Ok(id)
        }
        Uploaded::Passive {
            format,
            files,
            keep,
        } => {
            let window = passive::window_of(db, wave, policy.passive.window_days).await?;
            let total: u64 = files.iter().map(|(_, path)| passive::size_of(path)).sum();
            let own_names = files
                .iter()
                .map(|(own, _)| own.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let id =
                analyses::start_draft(db, wave, &name, &own_names, user.id, total as i64).await?;
            let reading = Reading {
                db: db.clone(),
                draft: id,
                format,
                files,
                keep,
                window,
                settings: policy.passive,
            };
            tokio::spawn(reading.run());
            Ok(id)
        }
    }
}

fn to_json(found: &Found) -> Result<String, AppError> {
    serde_json::to_string(found).map_err(|e| AppError::internal(e.to_string()))
}

/// An export being read into a draft, in the background.
struct Reading {
    db: Db,
    draft: i64,
    format: Format,
    files: Vec<(String, std::path::PathBuf)>,
    keep: Box<dyn Send>,
    window: passive::Window,
    settings: passive::Settings,
}

impl Reading {
    async fn run(self) {
        let Reading {
            db,
            draft,
            format,
            files,
            keep,
            window,
            settings,
        } = self;
        let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let paths: Vec<std::path::PathBuf> = files.iter().map(|(_, path)| path.clone()).collect();
        let counter = read.clone();
        let mut reading = tokio::task::spawn_blocking(move || {
            let heard = |bytes| {
                counter.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
            };
            let traces = passive::read(format, &paths, window, settings, &heard);
            drop(keep);
            traces
        });
        let traces = loop {
            tokio::select! {
                traces = &mut reading => break traces,
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {
                    let bytes = read.load(std::sync::atomic::Ordering::Relaxed) as i64;
                    if let Err(e) = analyses::draft_read(&db, draft, bytes).await {
                        tracing::warn!(error = %e, draft, "an upload's progress was not saved");
                    }
                }
            }
        };
        let outcome = match traces {
            Ok(Ok(traces)) => Self::found(&db, draft, format, &traces).await,
            Ok(Err(mut problem)) => {
                // Where the server saved a file means nothing to the analyst.
                if let Some((own, _)) = files
                    .iter()
                    .find(|(_, path)| path.display().to_string() == problem.file)
                {
                    problem.file = own.clone();
                }
                let said = say_with(
                    "refused-passive-unreadable",
                    &[("problem", problem.to_string().into())],
                );
                analyses::draft_refused(&db, draft, &said)
                    .await
                    .map_err(AppError::from)
            }
            Err(stopped) => Err(AppError::internal(format!("reading stopped: {stopped}"))),
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, draft, "an upload could not be read into its preview");
            let _ = analyses::draft_refused(&db, draft, &say("upload-network-not-stored")).await;
        }
    }

    async fn found(
        db: &Db,
        draft: i64,
        format: Format,
        traces: &passive::Traces,
    ) -> Result<(), AppError> {
        let matched = passive::on_roster(db, traces).await?;
        let found = to_json(&Found::of(format, traces, &matched))?;
        Ok(analyses::draft_found(db, draft, &found, &matched.ties).await?)
    }
}

pub async fn network_draft(
    db: &Db,
    user: &CurrentUser,
    wave: i64,
    id: i64,
) -> Result<DraftView, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    let draft = analyses::draft(db, wave, id)
        .await?
        .ok_or_else(|| AppError::not_found(say("refused-passive-draft-gone")))?;
    let found: Option<Found> = draft
        .found
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| AppError::internal(format!("draft {id}: {e}")))?;
    Ok(DraftView {
        id,
        name: draft.name,
        file_name: draft.file_name,
        read_bytes: draft.read_bytes,
        total_bytes: draft.total_bytes,
        found: found.as_ref().map(Found::describe),
        ties: found.map_or(0, |f| f.ties),
        problem: draft.problem,
    })
}

/// Adds a draft to its wave (and analyses the wave again) or discards it.
/// Returns the ties added.
pub async fn decide_draft(
    db: &Db,
    policy: &Policy,
    user: &CurrentUser,
    wave: i64,
    id: i64,
    add: bool,
) -> Result<usize, AppError> {
    user.require(CurrentUser::can_run_surveys)?;
    if !add {
        analyses::discard_draft(db, wave, id).await?;
        return Ok(0);
    }
    let Some(ties) = analyses::keep_draft(db, wave, id).await? else {
        let reading = analyses::draft(db, wave, id)
            .await?
            .is_some_and(|d| d.found.is_none() && d.problem.is_none());
        return Err(match reading {
            true => AppError::invalid(say("refused-passive-still-reading")),
            false => AppError::not_found(say("refused-passive-draft-gone")),
        });
    };
    crate::jobs::spawn_wave_analysis(db, policy, wave);
    Ok(ties)
}

/// The ties of an edge list between people on the roster: every row must
/// name two of them, or the message names the row and column.
pub async fn edge_list_ties(
    db: &Db,
    file_name: &str,
    bytes: &[u8],
    weight: Option<&str>,
) -> Result<Vec<ImportedTie>, AppError> {
    let edges = parse_edges(file_name, bytes, weight).map_err(AppError::Invalid)?;
    let people = crate::store::people::ids_by_email(db).await?;
    matched_ties(file_name, &edges, |email| {
        people.get(&email.to_lowercase()).copied()
    })
}

/// Stores `ties` as a network of `wave` named `name`, read from `source`
/// (the file's own name, never anything inside it). The wave is analysed
/// again by the caller.
pub async fn add_network(
    db: &Db,
    wave: i64,
    name: &str,
    source: &str,
    ties: &[ImportedTie],
) -> Result<i64, AppError> {
    let name = valid_name(db, wave, name).await?;
    Ok(analyses::import_network(db, wave, &name, source, ties).await?)
}

/// A network's name, trimmed, for a wave that exists.
async fn valid_name(db: &Db, wave: i64, name: &str) -> Result<String, AppError> {
    if crate::store::surveys::get_wave(db, wave).await?.is_none() {
        return Err(AppError::not_found(say(
            "refused-insight-there-is-no-such-wave",
        )));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(say(
            "refused-insight-name-say-what-the-network",
        )));
    }
    Ok(name.to_string())
}

/// The edges as ties between roster people; the first unknown email stops it.
fn matched_ties(
    file_name: &str,
    edges: &[Edge],
    person: impl Fn(&str) -> Option<i64>,
) -> Result<Vec<ImportedTie>, AppError> {
    let mut ties: BTreeMap<(i64, i64), f64> = BTreeMap::new();
    for (i, (source, target, weight)) in edges.iter().enumerate() {
        // The header is row 1.
        let row = i + 2;
        let mut ends = [0i64; 2];
        for (end, (column, email)) in [("source", source), ("target", target)]
            .into_iter()
            .enumerate()
        {
            ends[end] = person(email).ok_or_else(|| {
                AppError::invalid(say_with(
                    "refused-insight-row-column-is-not-the",
                    &[
                        ("file-name", file_name.into()),
                        ("row", row.into()),
                        ("column", column.into()),
                        ("email", email.into()),
                    ],
                ))
            })?;
        }
        if ends[0] != ends[1] {
            let kept = ties.entry((ends[0], ends[1])).or_insert(*weight);
            *kept = kept.max(*weight);
        }
    }
    Ok(ties
        .into_iter()
        .map(|((source_id, target_id), weight)| ImportedTie {
            source_id,
            target_id,
            weight,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(source: &str, target: &str, weight: f64) -> Edge {
        (source.into(), target.into(), weight)
    }

    #[test]
    fn ties_keep_the_largest_weight_and_drop_self_ties() {
        let ids = |email: &str| match email {
            "a@x.test" => Some(1),
            "b@x.test" => Some(2),
            _ => None,
        };
        let edges = [
            edge("a@x.test", "b@x.test", 1.0),
            edge("a@x.test", "b@x.test", 3.0),
            edge("b@x.test", "b@x.test", 5.0),
            edge("b@x.test", "a@x.test", 2.0),
        ];
        let ties = matched_ties("f.csv", &edges, ids).expect("ties");
        let pairs: Vec<(i64, i64, f64)> = ties
            .iter()
            .map(|t| (t.source_id, t.target_id, t.weight))
            .collect();
        assert_eq!(pairs, vec![(1, 2, 3.0), (2, 1, 2.0)]);
    }

    #[test]
    fn an_unknown_email_names_its_row_and_column() {
        let edges = [
            edge("a@x.test", "a@x.test", 1.0),
            edge("a@x.test", "who@x.test", 1.0),
        ];
        let err = matched_ties("mail.csv", &edges, |e| (e == "a@x.test").then_some(1))
            .expect_err("unknown target")
            .to_string();
        assert!(
            err.starts_with("mail.csv row 3, target column: 'who@x.test'"),
            "{err}"
        );
    }
}
