//! Every word a page shows comes from the catalogue: no sentence is written
//! into a `view!` as a literal, and every message the code names exists in
//! English with the variables the code passes. Read from the source, so a
//! new page that writes English into its markup fails here.

mod source;

use source::source_files;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Literals a page may show as they are: names and symbols, not words.
const NOT_WORDS: &[&str] = &["Knit"];

/// Attributes whose values people read (the rest are classes, names, routes).
const READ_ATTRIBUTES: &[&str] = &[
    "aria-label",
    "title",
    "placeholder",
    "alt",
    "label",
    "busy",
    "hint",
];

fn app_sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [root.join("src"), root.join("../server/src")]
        .iter()
        .flat_map(|folder| source_files(folder))
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("readable source");
            // Tests write what they expect to read; only the product's code counts.
            let product = match text.find("\n#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            (file, product)
        })
        .collect()
}

/// Where a literal stands inside `view!` markup.
#[derive(Debug, PartialEq)]
enum Place {
    /// Text between tags.
    Text,
    /// The value of the named attribute.
    Attribute(String),
    /// Anywhere else: Rust code, also inside a `view!`.
    Code,
}

#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Markup,
    Code,
    Parenthesis,
}

/// The string literals of a Rust file with where each stands: enough of a
/// lexer for comments, strings, raw strings and character literals, and a
/// stack of `view!` markup against Rust blocks.
fn literals(src: &str) -> Vec<(usize, String, Place)> {
    let bytes = src.as_bytes();
    let mut stack: Vec<Scope> = Vec::new();
    let mut markup_openers = BTreeSet::new();
    let mut found = Vec::new();
    let mut i = 0;
    let before =
        |at: usize| -> Option<usize> { (0..at).rev().find(|&j| !bytes[j].is_ascii_whitespace()) };
    while i < bytes.len() {
        let rest = &src[i..];
        let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").expect("closed comment") + 2;
        } else if word_start && (rest.starts_with("r#") || rest.starts_with("r\"")) {
            let hashes = rest[1..].chars().take_while(|&c| c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body_start = i + 1 + hashes + 1;
            i = body_start
                + src[body_start..].find(&close).expect("closed raw string")
                + close.len();
        } else if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let body = src[start + 1..i].to_string();
            i += 1;
            let place = match stack.last() {
                Some(Scope::Markup) => match before(start).map(|j| (j, bytes[j])) {
                    Some((j, b'=')) => {
                        let name_start = (0..j)
                            .rev()
                            .find(|&k| {
                                !(bytes[k].is_ascii_alphanumeric() || b"-_:".contains(&bytes[k]))
                            })
                            .map_or(0, |k| k + 1);
                        Place::Attribute(src[name_start..j].to_string())
                    }
                    Some((_, b'>' | b'}' | b'"')) => Place::Text,
                    Some((j, b'{')) if markup_openers.contains(&j) => Place::Text,
                    _ => Place::Code,
                },
                _ => Place::Code,
            };
            found.push((start, body, place));
        } else if bytes[i] == b'\'' {
            // A character literal ('a', '\n', '\u{..}') or a lifetime.
            let close = rest[1..].find('\'').map(|k| k + 1);
            i += match close {
                Some(k) if k <= 10 && !rest[1..k].contains(' ') => k + 1,
                _ => 1,
            };
        } else if word_start && rest.starts_with("view!") {
            let open = i + 5 + rest[5..].find(|c: char| !c.is_whitespace()).unwrap_or(0);
            if bytes[open] == b'{' {
                stack.push(Scope::Markup);
                markup_openers.insert(open);
                i = open + 1;
            } else {
                i += 5;
            }
        } else {
            match bytes[i] {
                b'{' => stack.push(Scope::Code),
                b'}' => {
                    stack.pop();
                }
                b'(' | b'[' if matches!(stack.last(), Some(Scope::Markup | Scope::Parenthesis)) => {
                    stack.push(Scope::Parenthesis)
                }
                b')' | b']' if stack.last() == Some(&Scope::Parenthesis) => {
                    stack.pop();
                }
                _ => {}
            }
            i += 1;
        }
    }
    found
}

fn has_words(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !NOT_WORDS.contains(&text.trim())
}

#[test]
fn no_page_writes_its_words_into_the_markup() {
    let mut written = Vec::new();
    for (file, src) in app_sources() {
        for (at, body, place) in literals(&src) {
            let read = match &place {
                Place::Text => true,
                Place::Attribute(name) => READ_ATTRIBUTES.contains(&name.as_str()),
                Place::Code => false,
            };
            if read && has_words(&body) {
                let line = src[..at].matches('\n').count() + 1;
                written.push(format!("{}:{line}: {body:?}", file.display()));
            }
        }
    }
    assert!(
        written.is_empty(),
        "words written into pages instead of the catalogue (app/locales/en):\n{}",
        written.join("\n")
    );
}

/// The English catalogue: each message's id and the variables it uses.
fn english_messages() -> BTreeMap<String, BTreeSet<String>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
    let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the English folder")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    for file in files {
        let mut current: Option<String> = None;
        for line in std::fs::read_to_string(&file).expect("readable").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                current = None;
                continue;
            }
            let text = if !line.starts_with(' ') && line.contains(" =") {
                let (id, value) = line.split_once(" =").expect("an id and a value");
                assert!(
                    messages.insert(id.to_string(), BTreeSet::new()).is_none(),
                    "{id} is written twice ({})",
                    file.display()
                );
                current = Some(id.to_string());
                value
            } else {
                line
            };
            if let Some(id) = &current {
                let variables = messages.get_mut(id).expect("the current message");
                for rest in text.split('$').skip(1) {
                    variables.insert(
                        rest.chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                            .collect(),
                    );
                }
            }
        }
    }
    messages
}

/// The message ids the code names with a literal, and the variable names it
/// passes beside them (`("name", …)` pairs up to the call's end); None where
/// the variables are not written out at the call.
fn ids_named_in_code() -> Vec<(String, String, Option<BTreeSet<String>>)> {
    let mut named = Vec::new();
    for (file, src) in app_sources() {
        for call in ["say(\"", "say_with(\""] {
            let mut from = 0;
            while let Some(at) = src[from..].find(call) {
                let start = from + at + call.len();
                let id: String = src[start..].chars().take_while(|&c| c != '"').collect();
                let mut variables = Some(BTreeSet::new());
                if call == "say_with(\"" {
                    // The arguments end where the call's parentheses close.
                    let mut depth = 1;
                    let mut end = start;
                    for (k, c) in src[start..].char_indices() {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            end = start + k;
                            break;
                        }
                    }
                    variables = written_pairs(&src[start..end]);
                }
                let line = src[..start].matches('\n').count() + 1;
                named.push((format!("{}:{line}", file.display()), id, variables));
                from = start;
            }
        }
    }
    named
}

/// The variable names of a call's `&[("name", value), …]`, when every item
/// is written out so; None when some come from elsewhere (a variable holding
/// a pair, an array built in code).
fn written_pairs(arguments: &str) -> Option<BTreeSet<String>> {
    let list = &arguments[arguments.find("&[")? + 2..];
    let mut names = BTreeSet::new();
    let mut item = String::new();
    let mut depth = 0;
    let mut take = |item: &mut String| -> Option<()> {
        let text = item.trim();
        if !text.is_empty() {
            names.insert(text.strip_prefix("(\"")?.split('"').next()?.to_string());
        }
        item.clear();
        Some(())
    };
    for c in list.chars() {
        match c {
            ']' if depth == 0 => break,
            ',' if depth == 0 => {
                take(&mut item)?;
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        item.push(c);
    }
    take(&mut item)?;
    Some(names)
}

#[test]
fn every_message_the_code_names_is_in_the_catalogue_with_its_variables() {
    let english = english_messages();
    let named = ids_named_in_code();
    assert!(named.len() > 500, "{} messages named", named.len());
    let mut wrong = Vec::new();
    for (place, id, passed) in named {
        match english.get(&id) {
            None => wrong.push(format!("{place}: {id} is not in app/locales/en")),
            Some(needed) if passed.as_ref().is_some_and(|p| !needed.is_subset(p)) => wrong.push(
                format!("{place}: {id} needs {needed:?}, the code passes {passed:?}"),
            ),
            Some(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_lexer_tells_text_from_attributes_and_code() {
    let src =
        r#"view! { <p class="x" title="Hover words">"Shown text"{format!("in code {}", 1)}</p> }"#;
    let places: Vec<(String, Place)> = literals(src).into_iter().map(|(_, b, p)| (b, p)).collect();
    assert_eq!(
        places,
        vec![
            ("x".to_string(), Place::Attribute("class".into())),
            ("Hover words".to_string(), Place::Attribute("title".into())),
            ("Shown text".to_string(), Place::Text),
            ("in code {}".to_string(), Place::Code),
        ]
    );
}

#[test]
fn every_name_the_model_gives_comes_from_the_catalogue() {
    use app::model::audit::Action;
    use app::model::auth::{Role, SignInMethod};
    use app::model::insight::ExportFormat;
    use app::model::mail::Purpose;
    use app::model::surveys::RelationKind;
    let labels: Vec<String> = Action::ALL
        .map(Action::label)
        .into_iter()
        .chain(Role::ALL.map(Role::label))
        .chain([SignInMethod::Password, SignInMethod::SingleSignOn].map(SignInMethod::label))
        .chain(ExportFormat::ALL.map(ExportFormat::label))
        .chain(Purpose::ALL.map(Purpose::label))
        .chain(
            RelationKind::TEMPLATES
                .into_iter()
                .chain([RelationKind::Custom])
                .map(RelationKind::label),
        )
        .collect();
    let missing: Vec<&String> = labels
        .iter()
        .filter(|label| {
            label.contains("Unknown localization") || label.contains('-') && !label.contains(' ')
        })
        .collect();
    assert!(
        missing.is_empty(),
        "names not in the catalogue: {missing:?}"
    );
    assert!(labels.contains(&"People analyst".to_string()));
}
