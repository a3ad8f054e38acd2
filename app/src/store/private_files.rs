//! Files that hold personal data or secrets (the SQLite database, the link
//! key, outbox messages carrying live personal links) are readable and
//! writable by Knit's own user only, from their first byte: folders 0700,
//! files 0600. Knit warns at start when it finds one looser.

use std::io::Write;
use std::path::{Path, PathBuf};

pub const FOLDER_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates a folder, and any missing parents, for private files.
pub fn create_folder(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, FOLDER_MODE);
    builder.create(path)
}

fn options(create_new: bool) -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if create_new {
        options.create_new(true);
    } else {
        options.create(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Writes a private file, replacing one that is there.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    options(false).open(path)?.write_all(bytes)
}

/// Writes a private file that must not exist yet.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    options(true).open(path)?.write_all(bytes)
}

/// Creates a private file that must not exist yet, to write into.
pub fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    options(true).open(path)
}

/// Creates an empty private file unless one is there (for SQLite to open).
pub fn create_if_missing(path: &Path) -> std::io::Result<()> {
    match options(true).open(path) {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Those of `paths` that exist and that other users of the machine may read
/// or write, with their modes.
pub fn too_open(paths: &[PathBuf]) -> Vec<(PathBuf, u32)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        paths
            .iter()
            .filter_map(|p| {
                let mode = std::fs::metadata(p).ok()?.permissions().mode() & 0o777;
                (mode & 0o077 != 0).then(|| (p.clone(), mode))
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        let _ = paths;
        Vec::new()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn private_folders_and_files_are_the_owners_alone_from_the_start() {
        let root = std::env::temp_dir().join(format!("knit-private-{}", std::process::id()));
        let folder = root.join("data").join("outbox");
        create_folder(&folder).expect("folder");
        assert_eq!(mode(&folder), FOLDER_MODE);
        assert_eq!(mode(&root.join("data")), FOLDER_MODE, "parents too");
        let file = folder.join("message.eml");
        write(&file, b"personal link").expect("write");
        assert_eq!(mode(&file), FILE_MODE);
        write(&file, b"again").expect("replace");
        assert_eq!(std::fs::read(&file).expect("read"), b"again");
        assert!(write_new(&file, b"x").is_err(), "never overwrites a key");
        let db = folder.join("knit.db");
        create_if_missing(&db).expect("create");
        create_if_missing(&db).expect("already there");
        assert_eq!(mode(&db), FILE_MODE);
        assert!(too_open(&[folder.clone(), file.clone(), db.clone()]).is_empty());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("loosen");
        assert_eq!(too_open(&[folder, file.clone(), db]), vec![(file, 0o644)]);
        std::fs::remove_dir_all(&root).ok();
    }
}
