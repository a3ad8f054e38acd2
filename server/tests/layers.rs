//! The server's side of ARCHITECTURE.md's rules, read from the source: the
//! binary changes data only through the application's services. It names the
//! store's parts only where it is plumbing (backups, the outbox's delivery,
//! health and metrics gauges), and it writes no SQL.

use std::path::Path;

/// Files that may name the store's parts, and why.
const PLUMBING: &[(&str, &str)] = &[
    ("backup.rs", "copies the database whole"),
    ("mail.rs", "delivers the outbox's queued messages"),
    ("http.rs", "answers health checks"),
    ("metrics.rs", "reads gauges"),
];

/// Items at the store's root that are wiring, not parts of it.
const WIRING: &[&str] = &["now_ms", "redact_url", "sqlite_file"];

/// The store's parts a file names: `app::store::<part>::...`,
/// `use app::store::<part>` and `use app::store::{<part>, ...}` (the handle
/// `Db`, the error type and [`WIRING`] are not parts).
fn store_parts_named(text: &str) -> Vec<String> {
    let is_part =
        |name: &str| name.chars().next().is_some_and(char::is_lowercase) && !WIRING.contains(&name);
    let mut parts = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("app::store::") {
            rest = &rest[at + "app::store::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                parts.extend(
                    inner
                        .split(',')
                        .map(|item| item.trim().split("::").next().unwrap_or_default().trim())
                        .filter(|name| is_part(name))
                        .map(String::from),
                );
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = &rest[name.len()..];
            let names_a_module =
                after.starts_with("::") || after.starts_with(';') || after.starts_with(" as");
            if names_a_module && is_part(&name) {
                parts.push(name);
            }
        }
    }
    parts
}

#[test]
fn the_server_changes_data_through_services_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&src).expect("server/src") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("readable source");
        if text.contains("sqlx::query") {
            wrong.push(format!("{name} writes SQL: it belongs in app/src/store"));
        }
        if PLUMBING.iter().any(|(file, _)| *file == name) {
            continue;
        }
        for part in store_parts_named(&text) {
            wrong.push(format!(
                "{name} calls app::store::{part}: call the service that owns it"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "see ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_rule_reader_tells_store_parts_from_wiring() {
    let text = "use app::store::{now_ms, Db};\nlet d = app::store::redact_url(u);\n\
                app::store::people::get(db, 1); // app::store::users::list\n\
                use app::store::outbox;\nuse app::store::{sessions::Live, Db};";
    assert_eq!(
        store_parts_named(text),
        vec!["people", "outbox", "sessions"]
    );
}
