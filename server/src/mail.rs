//! Email delivery: the outbox worker and its transports.
//!
//! The worker leases due messages from the outbox, writes each one (plain text
//! and HTML, with the personal link derived at this moment), sends it over
//! pooled SMTP connections at the configured pace, and records the outcome:
//! sent; retried later with exponential backoff and jitter (4xx replies,
//! connection errors); bounced (5xx about the recipient or message, never
//! retried, and the address is remembered); or failed after the last try.
//! Without SMTP, messages are written to the outbox folder as .eml files.
//! Logs name messages by outbox id only: never a link or a body.

use crate::config::{Config, MailConfig};
use crate::error::Error;
use app::error::AppError;
use app::mail::service::{compose, wording, Composed, Wording};
use app::mail::LinkKey;
use app::privacy::Privacy;
use app::store::outbox::{self, Outcome, Outgoing};
use app::store::{now_ms, Db};
use futures::StreamExt;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rand::Rng;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

/// Where messages go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

impl Transport {
    pub fn from_config(config: &Config) -> Result<Transport, Error> {
        match &config.smtp_url {
            Some(url) => Transport::smtp(url.expose(), config.mail.connections),
            None => Ok(Transport::Folder(config.outbox_dir())),
        }
    }

    /// Pooled SMTP: smtp://HOST:PORT (plain), ?tls=required (STARTTLS), smtps:// (TLS).
    pub fn smtp(url: &str, connections: u32) -> Result<Transport, Error> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| Error::Input(format!("KNIT_SMTP_URL: {e}")))?
            .pool_config(PoolConfig::new().max_size(connections))
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Transport::Smtp(transport))
    }
}

/// Why a send did not go through.
enum SendError {
    Temporary(String),
    Permanent { bounce: bool, reason: String },
}

/// SMTP reply codes that mean the server is refusing this recipient or this
/// message (the address bounces). Other permanent replies (a refused login, a
/// refused sender) say that Knit's own settings are wrong: those are retried, so
/// that fixing the settings delivers everything.
fn classify(err: &lettre::transport::smtp::Error) -> SendError {
    let code = err.status().map(|c| c.to_string()).unwrap_or_default();
    let reason = err.to_string();
    if err.is_permanent() {
        let settings_problem = ["530", "534", "535", "538"].contains(&code.as_str());
        if settings_problem {
            tracing::warn!(
                code,
                "the SMTP server refused Knit's login; check KNIT_SMTP_URL"
            );
            return SendError::Temporary(format!("the SMTP server refused Knit's login: {reason}"));
        }
        SendError::Permanent {
            bounce: true,
            reason,
        }
    } else {
        SendError::Temporary(reason)
    }
}

pub struct Worker {
    db: Db,
    key: LinkKey,
    public_url: String,
    /// The promise messages restate, and k for the reasons they give.
    privacy: Privacy,
    transport: Transport,
    settings: MailConfig,
    from: Mailbox,
    /// Names this worker in leases: host, process and a random part.
    id: String,
    next_slot: Mutex<tokio::time::Instant>,
}

impl Worker {
    pub fn new(
        db: Db,
        key: LinkKey,
        public_url: String,
        privacy: Privacy,
        transport: Transport,
        settings: MailConfig,
    ) -> Result<Worker, Error> {
        let from = settings
            .from
            .parse::<Mailbox>()
            .map_err(|e| Error::Input(format!("KNIT_MAIL_FROM: {e}")))?;
        let id = format!(
            "{}-{}-{:08x}",
            std::env::var("HOSTNAME").unwrap_or_else(|_| "knit".into()),
            std::process::id(),
            rand::thread_rng().gen::<u32>()
        );
        Ok(Worker {
            db,
            key,
            public_url,
            privacy,
            transport,
            settings,
            from,
            id,
            next_slot: Mutex::new(tokio::time::Instant::now()),
        })
    }

    /// Sends until `stop` turns true, checking for due messages every second
    /// when idle. A batch under way is finished first; then whatever this
    /// worker still holds is given back, so another instance sends it at once.
    pub async fn run(self: Arc<Self>, mut stop: tokio::sync::watch::Receiver<bool>) {
        while !*stop.borrow() {
            let pause = match self.send_due().await {
                Ok(0) => Duration::from_secs(1),
                Ok(_) => Duration::ZERO,
                Err(err) => {
                    tracing::warn!(error = %err, "the email worker could not read the outbox");
                    Duration::from_secs(5)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.changed() => {}
            }
        }
        self.release().await;
    }

    /// Gives back the messages this worker leased and did not finish.
    pub async fn release(&self) {
        match outbox::release(&self.db, &self.id).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(messages = n, "unsent emails given back to the outbox"),
            Err(err) => {
                tracing::warn!(error = %err, "leased emails could not be given back; they are due again when their lease ends")
            }
        }
    }

    /// Leases one batch of due messages and sends it. Returns how many were handled.
    pub async fn send_due(&self) -> Result<usize, AppError> {
        let batch_size = i64::from(self.settings.connections) * 8;
        let batch = outbox::lease(&self.db, &self.id, self.settings.lease_ms, batch_size).await?;
        let count = batch.len();
        if count == 0 {
            return Ok(0);
        }
        let wording = wording(&self.db, self.privacy).await?;
        let results: Vec<Result<(), sqlx::Error>> = futures::stream::iter(batch)
            .map(|message| self.handle(&wording, message))
            .buffer_unordered(self.settings.connections as usize)
            .collect()
            .await;
        results.into_iter().collect::<Result<(), _>>()?;
        Ok(count)
    }

    async fn handle(&self, wording: &Wording, message: Outgoing) -> Result<(), sqlx::Error> {
        let outcome = match compose(wording, &self.key, &self.public_url, &message) {
            Composed::Send {
                to_name,
                to_address,
                message: rendered,
            } => match self.build(&message, &to_name, &to_address, rendered) {
                Ok(email) => {
                    self.pace().await;
                    match self.deliver(&message, &to_address, email).await {
                        Ok(()) => Outcome::Sent,
                        Err(err) => self.after_error(&message, err),
                    }
                }
                Err(reason) => Outcome::Failed {
                    reason: reason.to_string(),
                },
            },
            Composed::Skip(reason) => Outcome::Cancelled { reason },
            Composed::Fail(reason) => Outcome::Failed { reason },
        };
        match &outcome {
            Outcome::Sent => tracing::debug!(outbox_id = message.id, "email sent"),
            other => tracing::info!(outbox_id = message.id, outcome = ?other, "email not sent"),
        }
        app::metrics::record_email(outcome.key());
        outbox::record(&self.db, message.id, &self.id, &message.address, &outcome).await
    }

    fn after_error(&self, message: &Outgoing, err: SendError) -> Outcome {
        match err {
            SendError::Permanent {
                bounce: true,
                reason,
            } => Outcome::Bounced { reason },
            SendError::Permanent {
                bounce: false,
                reason,
            } => Outcome::Failed { reason },
            SendError::Temporary(reason) if message.attempts >= self.settings.max_attempts => {
                Outcome::Failed {
                    reason: format!("gave up after {} tries: {reason}", message.attempts),
                }
            }
            SendError::Temporary(reason) => Outcome::Retry {
                at: now_ms() + retry_delay_ms(self.settings.retry_base_ms, message.attempts),
                reason,
            },
        }
    }

    fn build(
        &self,
        message: &Outgoing,
        to_name: &str,
        to_address: &str,
        rendered: app::mail::template::Rendered,
    ) -> Result<Message, Error> {
        let address = to_address
            .trim()
            .parse()
            .map_err(|_| Error::Mail(format!("'{to_address}' is not a valid email address")))?;
        let domain = self.from.email.domain().to_string();
        Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(to_name.to_string()), address))
            .subject(rendered.subject)
            // The same on every attempt, so a message sent twice in the crash
            // window is recognisably one message.
            .message_id(Some(format!("<knit-{}@{domain}>", message.id)))
            .multipart(with_attachments(
                MultiPart::alternative_plain_html(rendered.text, rendered.html),
                rendered.attachments,
            )?)
            .map_err(|e| Error::Mail(format!("the message could not be built: {e}")))
    }

    /// Waits for this message's turn under the configured rate.
    async fn pace(&self) {
        if self.settings.rate <= 0.0 {
            return;
        }
        let gap = Duration::from_secs_f64(1.0 / self.settings.rate);
        let slot = {
            let mut next = self.next_slot.lock().await;
            let now = tokio::time::Instant::now();
            let slot = (*next).max(now);
            *next = slot + gap;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    async fn deliver(
        &self,
        message: &Outgoing,
        to_address: &str,
        email: Message,
    ) -> Result<(), SendError> {
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(email).await.map(|_| ()).map_err(|e| classify(&e)),
            Transport::Folder(dir) => {
                // One file per outbox row: a retry rewrites the same file.
                let name = format!(
                    "{:08}-{}-{}.eml",
                    message.id,
                    message.purpose,
                    to_address.replace(['/', '\\'], "_")
                );
                let temp = dir.join(format!(".{name}.tmp"));
                let bytes = email.formatted();
                let dir = dir.clone();
                // It holds a live personal link: Knit's user alone may read it.
                tokio::task::spawn_blocking(move || {
                    app::private_files::create_folder(&dir)?;
                    app::private_files::write(&temp, &bytes)?;
                    std::fs::rename(&temp, dir.join(name))
                })
                .await
                .map_err(|e| SendError::Temporary(e.to_string()))?
                .map_err(|e| {
                    SendError::Temporary(format!("cannot write to the outbox folder: {e}"))
                })
            }
        }
    }
}

/// Exponential backoff with jitter: base × 2^(tries−1), capped at six hours,
/// times a random factor from 0.5 to 1.5 so that retries do not arrive in step.
pub fn retry_delay_ms(base_ms: i64, attempts: i64) -> i64 {
    let exponent = (attempts - 1).clamp(0, 20) as u32;
    let delay = base_ms
        .saturating_mul(1_i64 << exponent)
        .min(6 * 60 * 60 * 1000);
    (delay as f64 * rand::thread_rng().gen_range(0.5..1.5)) as i64
}

/// Starts the outbox worker and the reminder schedule (every five minutes).
/// The outbox worker ends once `stop` is set and its batch is done.
pub fn spawn(worker: Worker, stop: tokio::sync::watch::Receiver<bool>) {
    let db = worker.db.clone();
    crate::workers::spawn_watched(OUTBOX_WORKER, Arc::new(worker).run(stop));
    crate::workers::spawn_watched("reminder schedule", async move {
        let mut every = tokio::time::interval(Duration::from_secs(5 * 60));
        loop {
            every.tick().await;
            let today = app::model::date::Date::today();
            match app::mail::service::queue_scheduled_reminders(&db, today).await {
                Ok(rounds) if rounds.is_empty() => {}
                Ok(rounds) => {
                    for (wave, round) in rounds {
                        tracing::info!(
                            wave,
                            round = round.round,
                            queued = round.queued,
                            "scheduled reminders queued"
                        );
                    }
                }
                Err(err) => tracing::warn!(error = %err, "could not queue scheduled reminders"),
            }
        }
    });
}

/// The outbox worker's name among the background tasks.
pub const OUTBOX_WORKER: &str = "outbox worker";

/// The instance's personal-link key: from the settings, or the key file in the
/// data folder (created on first start). Instances sharing a database must
/// share the key; a different key is refused rather than producing dead links.
pub async fn link_key(config: &Config, db: &Db) -> Result<LinkKey, Error> {
    let key = match &config.link_key {
        Some(hex) => LinkKey::from_hex(hex.expose())
            .ok_or_else(|| Error::Input("KNIT_LINK_KEY: not 64 hex digits".into()))?,
        None => {
            let path = config.link_key_file();
            match std::fs::read_to_string(&path) {
                Ok(text) => LinkKey::from_hex(&text).ok_or_else(|| {
                    Error::Input(format!("{}: is not a link key (64 hex digits). Restore it from a backup; without it, emailed links cannot be rebuilt.", path.display()))
                })?,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    let key = LinkKey::generate();
                    if let Some(folder) = path.parent() {
                        app::private_files::create_folder(folder)
                            .map_err(|e| Error::file(folder, e))?;
                    }
                    app::private_files::write_new(&path, key.to_hex().as_bytes())
                        .map_err(|e| Error::file(&path, e))?;
                    key
                }
                Err(err) => return Err(Error::file(&path, err)),
            }
        }
    };
    app::mail::service::adopt_link_key(db, &key)
        .await
        .map_err(|e| Error::Input(e.to_string()))?;
    Ok(key)
}

/// Which wording the preview frame shows: a saved template (`purpose`), or
/// the words as typed (`subject` and `body`, posted by the Preview button).
#[derive(serde::Deserialize)]
pub struct PreviewAsked {
    purpose: Option<String>,
    subject: Option<String>,
    body: Option<String>,
    /// The wording's language (the example is written in it).
    language: Option<String>,
}

/// The saved wording of `?purpose=`, in the preview frame.
pub async fn preview_saved(
    axum::extract::State(state): axum::extract::State<crate::state::HttpState>,
    axum::Extension(session): axum::Extension<app::context::RequestSession>,
    axum::extract::Query(asked): axum::extract::Query<PreviewAsked>,
) -> axum::response::Response {
    preview_page(state, session, asked).await
}

/// The words as typed, posted to the preview frame (never in its address).
pub async fn preview_typed(
    axum::extract::State(state): axum::extract::State<crate::state::HttpState>,
    axum::Extension(session): axum::Extension<app::context::RequestSession>,
    axum::extract::Form(asked): axum::extract::Form<PreviewAsked>,
) -> axum::response::Response {
    preview_page(state, session, asked).await
}

/// A template preview as a page of its own for the preview frame: the
/// subject, the HTML part, and the plain-text part beneath; only the
/// message's inline styles are allowed, nothing else loads.
async fn preview_page(
    state: crate::state::HttpState,
    session: app::context::RequestSession,
    asked: PreviewAsked,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let Some(session) = session.0 else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let language = match asked.language.as_deref() {
        Some(code) => app::model::language::Language::parse(code),
        None => app::mail::service::organization_language(&state.app.db)
            .await
            .ok(),
    }
    .unwrap_or_default();
    let template = match (asked.subject, asked.body, asked.purpose) {
        (Some(subject), Some(body), _) => Ok(app::mail::template::Template {
            subject,
            body: body.replace("\r\n", "\n"),
        }),
        (_, _, Some(purpose)) => match app::mail::Purpose::param(&purpose) {
            Ok(purpose) => app::mail::service::template_for(&state.app.db, purpose, language).await,
            Err(err) => Err(err),
        },
        _ => Err(app::error::AppError::invalid(app::model::catalogue::say(
            "wording-refused-preview",
        ))),
    };
    let rendered = match template {
        Ok(template) => {
            app::mail::service::preview(
                &state.app.db,
                state.app.settings.policy.privacy,
                &session.user,
                &state.app.settings.public_url,
                &template,
                language,
            )
            .await
        }
        Err(err) => Err(err),
    };
    match rendered {
        Ok(rendered) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
                ),
            ],
            preview_document(&rendered),
        )
            .into_response(),
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            err.to_string(),
        )
            .into_response(),
    }
}

/// The message's HTML part with its subject above and its plain text below.
fn preview_document(rendered: &app::mail::template::Rendered) -> String {
    let escape = app::ui::escape_text;
    let subject = format!(
        "<p style=\"font:14px sans-serif;margin:8px\"><strong>Subject:</strong> {}</p>",
        escape(&rendered.subject)
    );
    let text = format!(
        "<details style=\"font:13px sans-serif;margin:8px\"><summary>Plain-text part</summary><pre style=\"white-space:pre-wrap\">{}</pre></details>",
        escape(&rendered.text)
    );
    let html = &rendered.html;
    let open = html
        .find("<body")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1));
    let close = html.rfind("</body>");
    match (open, close) {
        (Some(open), Some(close)) if open <= close => format!(
            "{}{subject}{}{text}{}",
            &html[..open],
            &html[open..close],
            &html[close..]
        ),
        _ => format!("{subject}{html}{text}"),
    }
}

/// The message's parts, and its attachments beside them when it has any.
fn with_attachments(
    body: MultiPart,
    attachments: Vec<app::mail::calendar::Attachment>,
) -> Result<MultiPart, Error> {
    if attachments.is_empty() {
        return Ok(body);
    }
    let mut mixed = MultiPart::mixed().multipart(body);
    for a in attachments {
        let content_type = lettre::message::header::ContentType::parse(&a.content_type)
            .map_err(|e| Error::Mail(format!("the attachment's type could not be read: {e}")))?;
        mixed = mixed
            .singlepart(lettre::message::Attachment::new(a.file_name).body(a.body, content_type));
    }
    Ok(mixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_a_cap() {
        for attempts in 1..=6 {
            let nominal = 1000 * (1 << (attempts - 1));
            for _ in 0..50 {
                let d = retry_delay_ms(1000, attempts);
                assert!(d >= nominal / 2 && d <= nominal * 3 / 2, "{attempts}: {d}");
            }
        }
        assert!(retry_delay_ms(60_000, 40) <= 9 * 60 * 60 * 1000);
    }
}
