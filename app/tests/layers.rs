//! The layer rule of ARCHITECTURE.md, read from the source: the bottom layers
//! import nothing from the layers above them, so no arrow runs back up.

mod source;

use source::source_files;
use std::collections::BTreeSet;
use std::path::Path;

/// Each bottom module, and the crate modules it may import (itself included).
const LAYERS: &[(&str, &[&str])] = &[
    ("error", &["error"]),
    ("model", &["model", "error"]),
    ("store", &["store", "model", "error"]),
];

/// The top-level crate modules a file names, in `use` lines and in paths alike:
/// `crate::people::X`, `crate::{people, surveys}` and `super::` out of a
/// module's root all count; comments do not.
fn crate_modules_named(file: &Path, module: &str, text: &str) -> BTreeSet<String> {
    let at_module_root = file.file_name().is_some_and(|n| n == "mod.rs")
        && file
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|d| d == module)
        || file.file_stem().is_some_and(|s| s == module);
    let mut named = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                named.extend(inner.split(',').filter_map(|item| {
                    let name = item.trim().split("::").next()?.trim();
                    (!name.is_empty()).then(|| name.to_string())
                }));
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                named.insert(name);
            }
        }
        // Only a top-level item's `super::` leaves the module; a nested
        // `mod tests` reaching its parent stays inside.
        if at_module_root && code.starts_with("use super::") {
            named.insert(format!(
                "the crate root, through super:: in {}",
                file.display()
            ));
        }
    }
    named
}

#[test]
fn bottom_layers_import_nothing_from_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, allowed) in LAYERS {
        let folder = src.join(module);
        let root = if folder.is_dir() {
            folder
        } else {
            src.join(format!("{module}.rs"))
        };
        let files = source_files(&root);
        assert!(!files.is_empty(), "no source found for the {module} layer");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable source");
            for name in crate_modules_named(&file, module, &text) {
                if !allowed.contains(&name.as_str()) {
                    wrong.push(format!("{} imports crate::{name}", file.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows run back up (see ARCHITECTURE.md):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_rule_reader_sees_every_way_of_naming_a_module() {
    let named = crate_modules_named(
        Path::new("src/store/people.rs"),
        "store",
        "use crate::{model::people::X, surveys};\nlet x = crate::jobs::run(); // crate::audit\n",
    );
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        vec!["jobs", "model", "surveys"]
    );
    let from_root = crate_modules_named(
        Path::new("src/store/mod.rs"),
        "store",
        "use super::people;\nmod tests {\n    use super::*;\n}",
    );
    assert_eq!(from_root.len(), 1, "super:: from a module root leaves it");
}
