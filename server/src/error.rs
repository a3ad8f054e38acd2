//! The server's errors, each in words an operator can act on. The command line
//! prints them; nothing below it passes bare strings around.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What the operator gave cannot be used (a file, a flag, a setting): the
    /// text names it and says what to fix.
    #[error("{0}")]
    Input(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The database failed or holds something unreadable.
    #[error("database: {0}")]
    Store(#[from] app::store::StoreError),
    /// An application service refused; its text is meant for the user.
    #[error("{0}")]
    App(#[from] app::error::AppError),
    /// An email could not be built.
    #[error("{0}")]
    Mail(String),
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Store(app::store::StoreError::Database(err))
    }
}

/// A message about what the operator gave, built where the problem is found.
impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Input(message)
    }
}

impl Error {
    pub fn file(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::File {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The command line, Knit's edge, prints errors as messages.
impl From<Error> for String {
    fn from(err: Error) -> String {
        err.to_string()
    }
}
