//! The `knit` command line.

use crate::config::{self, Config};
use app::context::{AppSettings, AppState};
use app::store::Db;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "knit",
    version,
    about = "Knit: see how your organization really works, and weave newcomers in faster.",
    after_long_help = config::help()
)]
pub struct Cli {
    /// A configuration file (TOML) to read instead of ./knit.toml.
    #[arg(long, global = true, env = "KNIT_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (the default).
    Serve,
    /// Apply database migrations, then exit.
    Migrate,
    /// Create an administrator account. The password is read from a prompt, or
    /// from the first line of standard input when it is not a terminal.
    CreateAdmin {
        /// The administrator's email address.
        #[arg(long)]
        email: String,
        /// The administrator's name (defaults to the part of the email before the @).
        #[arg(long)]
        name: Option<String>,
        /// The organization's name, shown in the app and in emails.
        #[arg(long)]
        organization: Option<String>,
    },
    /// The roster: import from an HR system's CSV export, or export it.
    #[command(subcommand)]
    People(PeopleCommand),
    /// Surveys: personal links.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Accounts: list, disable, enable, set-role, reset-password, delete.
    #[command(subcommand)]
    User(crate::user_cli::UserCommand),
    /// Newcomers: `report` says what introductions change, introduced pairs
    /// against pairs held out at random (the experiment).
    #[command(subcommand)]
    Newcomers(NewcomersCommand),
    /// Networks from a company's own files: `import` reads who writes to whom.
    #[command(subcommand)]
    Network(NetworkCommand),
    /// The audit log: who opened or exported individual-level data, erased a
    /// person, gave an account a role or changed settings, oldest first.
    Audit {
        /// Only entries from this day on (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: crate::audit_cli::Format,
    },
    /// One analysed network of a wave as a file: GEXF (Gephi), GraphML
    /// (NetworkX, yEd), its ties as CSV, or one row per person with every
    /// figure as CSV. Person-level data: recorded in the audit log.
    Export {
        #[arg(long)]
        wave: i64,
        /// The survey relation (its id); the wave's first one when left out.
        #[arg(long)]
        relation: Option<i64>,
        #[arg(long, value_enum)]
        format: crate::export_cli::Format,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Write a backup of the database and the personal-link key to FILE (a tar
    /// file readable by you only), while Knit serves. On PostgreSQL it needs
    /// pg_dump of the server's version or newer.
    Backup {
        /// The backup to write; it must not exist yet.
        file: PathBuf,
    },
    /// Restore a backup into an empty data folder or database (never over
    /// data), with its link key, so that the personal links already emailed
    /// keep working. Then start Knit as usual.
    Restore {
        /// A file written by knit backup.
        file: PathBuf,
    },
    /// Load a synthetic company (about 300 people, three waves a quarter apart,
    /// newcomers included) into an empty instance, analysed, to explore Knit.
    Demo {
        /// How many people.
        #[arg(long, default_value_t = 300)]
        people: usize,
        /// Another seed gives another company.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the last wave closed (YYYY-MM-DD); defaults to today. The
        /// same date always gives the same company, newcomers' cohorts included.
        #[arg(long, value_parser = demo_date)]
        last_wave_closes: Option<app::model::date::Date>,
    },
    /// Analyse any edge list (CSV with a header: who, whom, optional weight):
    /// every metric and role of a wave, as JSON (one object per node, metrics
    /// under NetworkX's names) or CSV.
    Analyze(AnalyzeArgs),
    /// Introductions on any edge list, with no database: the engine Knit
    /// uses for newcomers, each suggestion with its ground, the facts behind
    /// it and a sentence. Node attributes team, department, manager (an id),
    /// hire_date and suggest_less are the roster facts it uses.
    Suggest(SuggestArgs),
}

/// A network from elsewhere, as `knit analyze` and `knit suggest` read it.
#[derive(Debug, clap::Args)]
pub struct EdgeList {
    /// The edge list: columns source/from and target/to (else the first two).
    edges: PathBuf,
    /// Node attributes: an id column, then any others (name, department, team,
    /// manager, hire_date...).
    #[arg(long)]
    nodes: Option<PathBuf>,
    /// Ties are directed (the default).
    #[arg(long, conflicts_with = "undirected")]
    directed: bool,
    /// Each tie counts in both directions.
    #[arg(long)]
    undirected: bool,
}

impl EdgeList {
    fn request(&self) -> crate::analyze_cli::Request<'_> {
        crate::analyze_cli::Request {
            edges: &self.edges,
            nodes: self.nodes.as_deref(),
            undirected: self.undirected,
            weight: None,
            group: None,
            sampling: crate::analyze_cli::Sampling::AsTheApp,
            thresholds: None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// Give a person a new personal link to an open wave and print it (the old
    /// link stops working). For someone whose invitation went missing.
    Link {
        /// The survey's id (its page is /surveys/ID); the link is to its open wave.
        #[arg(long)]
        survey: i64,
        /// The person's work email.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Check a roster CSV, print what it would change and every problem by row and
    /// column, then apply it in one transaction (unless --dry-run).
    Import {
        /// The CSV file (UTF-8, comma or semicolon separated, with a header row).
        file: PathBuf,
        /// Only check and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Deactivate active people who are missing from the file.
        #[arg(long)]
        deactivate_missing: bool,
        /// The date the changes were seen (YYYY-MM-DD); defaults to today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Write the roster as CSV to standard output or a file.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Write everything Knit holds about one person as JSON (an access request).
    SubjectExport {
        /// The person's work email.
        #[arg(long)]
        email: String,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewcomersCommand {
    /// Introduced pairs against pairs held out at random: how often each
    /// became a tie, with 95% intervals and the difference.
    Report {
        #[arg(long, value_enum, default_value = "text")]
        format: crate::newcomers_cli::Format,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum NetworkCommand {
    /// Read a passive network (who writes to whom, how often) from exports
    /// and add it to a wave: only who, with whom and how often is stored.
    Import(crate::network_cli::Import),
}

impl Cli {
    /// Whether the command only reads files and computes (no database, no
    /// network), needing no threads for async work.
    pub fn only_computes(&self) -> bool {
        matches!(
            self.command,
            Some(Command::Analyze(_) | Command::Suggest(_))
        )
    }
}

pub async fn run(cli: Cli) -> Result<(), String> {
    // Read only by the commands that use Knit's data (`analyze` needs none).
    let settings = || {
        config::load(cli.config.as_deref(), &|key| std::env::var(key).ok())
            .map_err(|e| e.to_string())
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings()?).await,
        Command::Migrate => migrate(&settings()?).await,
        Command::CreateAdmin {
            email,
            name,
            organization,
        } => create_admin(&settings()?, &email, name, organization).await,
        Command::People(PeopleCommand::Import {
            file,
            dry_run,
            deactivate_missing,
            as_of,
        }) => {
            let config = settings()?;
            let db = open_db(&config).await?;
            let policy = config.policy();
            Ok(
                crate::people_cli::import(&db, &policy, &file, dry_run, deactivate_missing, as_of)
                    .await?,
            )
        }
        Command::Survey(SurveyCommand::Link { survey, email }) => {
            let config = settings()?;
            let db = open_db(&config).await?;
            survey_link(&db, &config, survey, &email).await
        }
        Command::Backup { file } => backup(&settings()?, &file).await,
        Command::Restore { file } => restore(&settings()?, &file).await,
        Command::Demo {
            people,
            seed,
            last_wave_closes,
        } => {
            let closes = last_wave_closes.unwrap_or_else(app::model::date::Date::today);
            demo(&settings()?, people, seed, closes).await
        }
        Command::Analyze(args) => args.run(),
        Command::Suggest(args) => args.run(),
        Command::People(PeopleCommand::Export { output }) => {
            let db = open_db(&settings()?).await?;
            Ok(crate::people_cli::export(&db, output.as_deref()).await?)
        }
        Command::People(PeopleCommand::SubjectExport { email, output }) => {
            let db = open_db(&settings()?).await?;
            Ok(crate::people_cli::subject_export(&db, &email, output.as_deref()).await?)
        }
        Command::User(command) => {
            let db = open_db(&settings()?).await?;
            Ok(crate::user_cli::run(&db, command, read_password).await?)
        }
        Command::Export {
            wave,
            relation,
            format,
            output,
        } => {
            let db = open_db(&settings()?).await?;
            Ok(crate::export_cli::run(&db, wave, relation, format, &output).await?)
        }
        Command::Newcomers(NewcomersCommand::Report { format }) => {
            let db = open_db(&settings()?).await?;
            Ok(crate::newcomers_cli::report(&db, format).await?)
        }
        Command::Network(NetworkCommand::Import(request)) => {
            let config = settings()?;
            let db = open_db(&config).await?;
            Ok(crate::network_cli::import(&db, &config.policy(), request).await?)
        }
        Command::Audit { since, format } => {
            let db = open_db(&settings()?).await?;
            Ok(crate::audit_cli::print(&db, since.as_deref(), format).await?)
        }
    }
}

/// Opening the database applies the migrations; this says where it now stands.
async fn migrate(config: &Config) -> Result<(), String> {
    let db = open_db(config).await?;
    println!(
        "Database {} is at schema version {}.",
        config.database_url,
        db.schema_version().await.map_err(|e| e.to_string())?
    );
    Ok(())
}

async fn backup(config: &Config, file: &std::path::Path) -> Result<(), String> {
    let db = open_db(config).await?;
    let key = crate::mail::link_key(config, &db).await?;
    let summary = crate::backup::backup(&db, config.database_url.expose(), &key, file).await?;
    println!("Backed up the {summary} to {}.\nIt holds the link key and everyone's answers: keep it as safe as the data folder.", file.display());
    Ok(())
}

async fn restore(config: &Config, file: &std::path::Path) -> Result<(), String> {
    let summary = crate::backup::restore(config, file).await?;
    println!(
        "Restored the {summary} from {} into {}.\nStart Knit with `knit serve`.",
        file.display(),
        config.database_url
    );
    Ok(())
}

/// `knit demo`: a synthetic company, its last wave closing on `closes`.
async fn demo(
    config: &Config,
    people: usize,
    seed: u64,
    closes: app::model::date::Date,
) -> Result<(), String> {
    let db = open_db(config).await?;
    let key = crate::mail::link_key(config, &db).await?;
    app::demo::load(&db, &config.policy(), &key, people, seed, closes, &|line| {
        println!("{line}")
    })
    .await
    .map_err(|e| e.to_string())
}

async fn open_db(config: &Config) -> Result<Db, String> {
    let db = Db::connect(config.database_url.expose())
        .await
        .map_err(|e| format!("Cannot open the database {}: {e}", config.database_url))?;
    db.migrate()
        .await
        .map_err(|e| format!("Cannot apply database migrations: {e}"))?;
    warn_of_open_files(config);
    Ok(db)
}

async fn serve(config: Config) -> Result<(), String> {
    app::private_files::create_folder(&config.outbox_dir()).map_err(|e| {
        format!(
            "KNIT_DATA_DIR: cannot create {} ({e}).",
            config.outbox_dir().display()
        )
    })?;
    println!(
        "Knit {} starting with these settings:\n{}",
        env!("CARGO_PKG_VERSION"),
        config.describe()
    );
    let db = open_db(&config).await?;
    if !config.site_root.join("pkg").join("knit.js").exists() {
        tracing::warn!(
            site_root = %config.site_root.display(),
            "the compiled client is missing: pages work without JavaScript only (run `make run` to build it)"
        );
    }
    let link_key = crate::mail::link_key(&config, &db).await?;
    let transport = crate::mail::Transport::from_config(&config)?;
    let worker = crate::mail::Worker::new(
        db.clone(),
        link_key.clone(),
        config.public_url.clone(),
        config.privacy,
        transport,
        config.mail.clone(),
    )?;
    let state = app_state(&config, &db, &link_key)?;
    if config.single_sign_on.is_some() {
        println!("{}", sign_in_summary(&config));
    }
    // Before serving, so that no page shows figures of an older shape.
    app::jobs::on_start(&db, &config.policy())
        .await
        .map_err(|e| format!("Cannot bring the stored analyses up to date: {e}"))?;
    crate::workers::spawn_session_sweeper(db.clone());
    crate::workers::spawn_retention(db.clone(), config.privacy, config.outbox_dir());
    crate::workers::spawn_survey_schedule(db.clone(), config.policy(), link_key);
    crate::workers::spawn_analysis_watch(db.clone(), config.policy());
    let (stop, stopping) = tokio::sync::watch::channel(false);
    crate::mail::spawn(worker, stopping.clone());
    let options = crate::http::leptos_options(&config.site_root, config.listen);
    let router = crate::http::router(state, options);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("KNIT_LISTEN: cannot listen on {} ({e}).", config.listen))?;
    if let Some(address) = config.metrics_listen {
        serve_metrics(address, &db, stopping.clone()).await?;
    }
    let signals = StopSignals::install();
    println!("Knit is ready at {}", config.public_url);
    let server = std::future::IntoFuture::into_future(
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            signals.received().await;
            stop.send(true).ok();
        }),
    );
    // On a stop signal: no new connections; requests under way get
    // STOP_PATIENCE to finish, and so does the outbox worker's batch.
    let mut stopping = stopping;
    tokio::select! {
        served = server => served.map_err(|e| format!("The web server stopped: {e}"))?,
        _ = async {
            stopping.changed().await.ok();
            tokio::time::sleep(STOP_PATIENCE).await;
        } => tracing::warn!("requests still under way after {} s were cut off", STOP_PATIENCE.as_secs()),
    }
    if !crate::workers::ended(crate::mail::OUTBOX_WORKER, STOP_PATIENCE).await {
        tracing::warn!("the email batch under way did not finish in time; its messages are due again when their lease ends");
    }
    app::jobs::release_runs(&db).await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// What every request is served with.
fn app_state(config: &Config, db: &Db, link_key: &app::mail::LinkKey) -> Result<AppState, String> {
    let single_sign_on = config
        .single_sign_on
        .as_ref()
        .map(|sso| {
            app::auth::single_sign_on::SingleSignOn::new(
                sso.issuer.clone(),
                sso.client_id.clone(),
                sso.client_secret.as_ref().map(|s| s.expose().to_string()),
                &config.public_url,
                sso.new_accounts,
                sso.label.clone(),
                sso.require_verified_email,
            )
            .map(Arc::new)
        })
        .transpose()?;
    Ok(AppState {
        db: db.clone(),
        settings: Arc::new(AppSettings {
            public_url: config.public_url.clone(),
            secure_cookies: config.secure_cookies(),
            link_key: link_key.clone(),
            outbox_dir: config.outbox_dir(),
            trusted_proxies: config.trusted_proxies.clone(),
            password_sign_in: config.password_sign_in.clone(),
            policy: config.policy(),
            single_sign_on,
        }),
    })
}

/// How people sign in, said at start when single sign-on is set up.
fn sign_in_summary(config: &Config) -> String {
    use app::auth::service::PasswordSignIn;
    let issuer = config
        .single_sign_on
        .as_ref()
        .map_or("", |sso| sso.issuer.as_str());
    let password = match &config.password_sign_in {
        PasswordSignIn::Everyone => "everyone".to_string(),
        PasswordSignIn::BreakGlassOnly(Some(email)) => format!("only {email}"),
        PasswordSignIn::BreakGlassOnly(None) => "no one".to_string(),
    };
    format!(
        "Single sign-on with {issuer} (callback {}/auth/oidc/callback); password sign-in: {password}",
        config.public_url
    )
}

/// `/metrics` on an address of its own, until Knit stops.
async fn serve_metrics(
    address: std::net::SocketAddr,
    db: &Db,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) -> Result<(), String> {
    let metrics = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("KNIT_METRICS_LISTEN: cannot listen on {address} ({e})."))?;
    let router = crate::metrics::router(db.clone());
    crate::workers::spawn_watched("metrics server", async move {
        let served = axum::serve(metrics, router)
            .with_graceful_shutdown(async move {
                stopping.changed().await.ok();
            })
            .await;
        if let Err(err) = served {
            tracing::error!(error = %err, "the metrics server stopped");
        }
    });
    tracing::info!(%address, "metrics served at /metrics");
    Ok(())
}

/// How long a stop waits for requests and an email batch under way.
const STOP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// Says so when a file holding personal data or a secret is open to other
/// users of this machine (made so by hand, or by an older version of Knit).
fn warn_of_open_files(config: &Config) {
    let mut paths = vec![
        config.data_dir.clone(),
        config.outbox_dir(),
        config.link_key_file(),
    ];
    if let Some(file) = app::store::sqlite_file(config.database_url.expose()) {
        for suffix in ["-wal", "-shm"] {
            let mut side = file.clone().into_os_string();
            side.push(suffix);
            paths.push(side.into());
        }
        paths.push(file);
    }
    for (path, mode) in app::private_files::too_open(&paths) {
        tracing::warn!(
            path = %path.display(),
            mode = format!("{mode:o}"),
            "other users of this machine can read this file or folder of personal data; run chmod {} on it",
            if path.is_dir() { "700" } else { "600" }
        );
    }
}

fn demo_date(text: &str) -> Result<app::model::date::Date, String> {
    app::model::date::Date::parse(text, app::model::date::SlashOrder::Unknown)
        .ok_or_else(|| format!("'{text}' is not a date; use YYYY-MM-DD"))
}

/// Stop signals, listened for from the moment this is made: a signal that
/// arrives before the server first polls for it (right after "Knit is ready")
/// must still stop Knit cleanly, not kill it.
struct StopSignals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl StopSignals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Self {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        Self {}
    }

    async fn received(self) {
        #[cfg(unix)]
        {
            async fn on(signal: Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                _ = on(self.interrupt) => {},
                _ = on(self.terminate) => {},
            }
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await.ok();
        tracing::info!("shutting down");
    }
}

async fn create_admin(
    config: &Config,
    email: &str,
    name: Option<String>,
    organization: Option<String>,
) -> Result<(), String> {
    app::model::auth::check_email(email)?;
    if let Some(organization) = &organization {
        app::auth::service::check_organization(organization).map_err(|e| e.to_string())?;
    }
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string());
    let password = read_password()?;
    let db = open_db(config).await?;
    app::auth::service::create_administrator(
        &db,
        app::auth::service::AdministratorBy::Operator,
        email,
        &name,
        password,
        organization.as_deref(),
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Created administrator {email}. Sign in at {}/login",
        config.public_url
    );
    Ok(())
}

fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        app::model::auth::check_new_password(&first)?;
        let again = rpassword::prompt_password("Repeat password: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("The two passwords differ; nothing was created.".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("Cannot read the password from standard input: {e}"))?;
        std::io::stderr().flush().ok();
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn survey_link(db: &Db, config: &Config, survey: i64, email: &str) -> Result<(), String> {
    let key = crate::mail::link_key(config, db).await?;
    let token = app::surveys::service::operator_link(db, &key, survey, email)
        .await
        .map_err(|e| e.to_string())?;
    println!("{}/s/{token}", config.public_url);
    Ok(())
}

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: EdgeList,
    /// The column holding each tie's weight (default: every tie weighs 1).
    #[arg(long)]
    pub weight: Option<String>,
    /// A node attribute to group by: group × group density and E-I indices.
    #[arg(long)]
    pub group: Option<String>,
    /// Estimate betweenness and closeness from this many sampled sources. By
    /// default, as the app: exact up to 20,000 people, 1,000 sources above.
    #[arg(long, conflicts_with = "exact")]
    pub sample: Option<usize>,
    /// Compute betweenness and closeness exactly, however large the network.
    #[arg(long)]
    pub exact: bool,
    /// Role thresholds (TOML with any fields of the defaults in the README).
    #[arg(long)]
    pub thresholds: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: crate::analyze_cli::Format,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub input: EdgeList,
    /// Suggest for these ids, in this order (repeat --for, or separate by commas).
    #[arg(long = "for", value_delimiter = ',', required_unless_present_any = ["newcomers", "all"], conflicts_with_all = ["newcomers", "all"])]
    pub for_ids: Vec<String>,
    /// Suggest for everyone whose node attribute COLUMN is VALUE (COLUMN=VALUE).
    #[arg(long, conflicts_with = "all")]
    pub newcomers: Option<String>,
    /// Suggest for everyone with at least one tie.
    #[arg(long)]
    pub all: bool,
    /// Introductions per person.
    #[arg(long, default_value_t = 3)]
    pub top: usize,
    #[arg(long, value_enum, default_value = "json")]
    pub format: crate::suggest_cli::Format,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

impl AnalyzeArgs {
    fn run(self) -> Result<(), String> {
        let request = crate::analyze_cli::Request {
            weight: self.weight.as_deref(),
            group: self.group.as_deref(),
            sampling: match (self.exact, self.sample) {
                (true, _) => crate::analyze_cli::Sampling::Exact,
                (false, Some(k)) => crate::analyze_cli::Sampling::Sources(k),
                (false, None) => crate::analyze_cli::Sampling::AsTheApp,
            },
            thresholds: self.thresholds.as_deref(),
            ..self.input.request()
        };
        Ok(crate::analyze_cli::run(
            &request,
            self.format,
            self.output.as_deref(),
        )?)
    }
}

impl SuggestArgs {
    fn run(self) -> Result<(), String> {
        let request = crate::suggest_cli::Request {
            graph: self.input.request(),
            whom: crate::suggest_cli::Whom::from_args(
                self.newcomers.as_deref(),
                self.all,
                self.for_ids,
            )?,
            top: self.top,
        };
        Ok(crate::suggest_cli::run(
            &request,
            self.format,
            self.output.as_deref(),
        )?)
    }
}
