//! `knit newcomers report`: what introductions change, introduced pairs
//! against pairs held out at random, as text or JSON.

use crate::error::Error;
use app::newcomers::{ArmResult, Experiment};
use app::store::Db;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub async fn report(db: &Db, format: Format) -> Result<(), Error> {
    let experiment = app::newcomers::service::experiment(db).await?;
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&experiment)
            .map_err(|e| Error::from(format!("could not write the report: {e}")))?,
        Format::Text => text(&experiment),
    };
    println!("{out}");
    Ok(())
}

fn text(e: &Experiment) -> String {
    let arm = |name: &str, a: &Option<ArmResult>| {
        match a {
        Some(a) => format!(
            "{name:<11} {} of {} pairs became ties ({:.0}%, 95% interval {:.0}% to {:.0}%), from {} newcomers",
            a.became_ties,
            a.pairs,
            a.rate * 100.0,
            a.ci95.0 * 100.0,
            a.ci95.1 * 100.0,
            a.newcomers
        ),
        None => format!("{name:<11} not shown: too few newcomers yet"),
    }
    };
    let mut lines = vec![
        e.note.clone(),
        arm("introduced", &e.arms.introduced),
        arm("held out", &e.arms.held_out),
    ];
    if e.waiting > 0 {
        lines.push(format!(
            "{} pairs wait for a wave or pulse after their round.",
            e.waiting
        ));
    }
    if e.simulated {
        lines.push("Some rounds were simulated by knit demo.".into());
    }
    lines.join("\n")
}
