//! Reading Knit's own source, for the tests that hold its rules.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `path` (or `path` itself), in a stable order.
pub fn source_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).expect("readable source folder") {
        files.extend(source_files(&entry.expect("folder entry").path()));
    }
    files.retain(|f| f.extension().is_some_and(|e| e == "rs"));
    files.sort();
    files
}
