//! Inputs: a file, a folder of reports, or standard input, read into UTF-8 text.
//!
//! This is the only module that touches the file system for reading. It finds the reports and
//! returns them sorted by path, so that the order of the command line never changes the
//! output; `decode` turns their bytes into text (which encoding, what could not be decoded,
//! what is no text at all). It knows nothing of Markdown.

mod decode;

pub use decode::{Decoded, Decoding, How, ReadOptions, Replaced, decode, encoding_for_name};
pub use encoding_rs::Encoding;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One report, decoded.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it or as it was found under a folder, with `/` separators;
    /// `-` for standard input.
    pub path: String,
    /// The text, `\n` line endings, no BOM.
    pub text: String,
}

/// Why an input could not be used. Each names the input and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: no such file or folder")]
    NotFound { path: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the folder holds no Markdown reports (*.md, *.markdown that are not hidden or ignored by .gitignore); point at the files or another folder"
    )]
    EmptyFolder { path: String },
    #[error("{path}: a binary file ({what}), not a Markdown report")]
    Binary { path: String, what: String },
    #[error(
        "{path}: {} not valid {encoding} ({}); --strict refuses such a file (fix or convert it, or leave out --strict to read them as U+FFFD)",
        replaced.bytes_text(),
        replaced.lines_text()
    )]
    Undecodable {
        path: String,
        encoding: &'static str,
        replaced: Replaced,
    },
    #[error("{path}: {message}")]
    Walk { path: String, message: String },
}

/// An input found but not read yet: a file, or standard input (read at once, it cannot wait).
#[derive(Debug)]
pub enum Pending {
    Stdin(Vec<u8>),
    File { path: String, file: PathBuf },
}

impl Pending {
    /// The path as shown to the user.
    pub fn path(&self) -> &str {
        match self {
            Pending::Stdin(_) => "-",
            Pending::File { path, .. } => path,
        }
    }

    /// How many bytes the input holds (0 when that cannot be told), for a progress line.
    pub fn size(&self) -> u64 {
        match self {
            Pending::Stdin(bytes) => bytes.len() as u64,
            Pending::File { file, .. } => std::fs::metadata(file).map_or(0, |m| m.len()),
        }
    }

    /// Reads and decodes the input; with the text, how it was decoded.
    pub fn read(self, opts: &ReadOptions) -> Result<(Source, Decoding), SourceError> {
        let (path, bytes) = match self {
            Pending::Stdin(bytes) => ("-".to_string(), bytes),
            Pending::File { path, file } => match std::fs::read(&file) {
                Ok(bytes) => (path, bytes),
                Err(source) => return Err(SourceError::Io { path, source }),
            },
        };
        let Decoded { text, decoding } = decode(shown(&path), &bytes, opts)?;
        Ok((Source { path, text }, decoding))
    }
}

/// Finds every input: files as given, reports under folders, standard input. Sorted by path;
/// the same file named twice (or a file and its folder) is there once. Inputs that cannot be
/// used are returned as errors next to the ones that can.
pub fn find_all(inputs: &[PathBuf]) -> (Vec<Pending>, Vec<SourceError>) {
    let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut pending = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_read = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => pending.push(Pending::Stdin(bytes)),
                Err(source) => errors.push(SourceError::Io {
                    path: shown("-").to_string(),
                    source,
                }),
            }
            continue;
        }
        let shown = display(input);
        match std::fs::metadata(input) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(SourceError::NotFound { path: shown })
            }
            Err(source) => errors.push(SourceError::Io {
                path: shown,
                source,
            }),
            Ok(meta) if meta.is_dir() => {
                let (files, walk_errors) = walk(input);
                if files.is_empty() && walk_errors.is_empty() {
                    errors.push(SourceError::EmptyFolder { path: shown });
                }
                errors.extend(walk_errors);
                for f in files {
                    found.entry(display(&f)).or_insert(f);
                }
            }
            Ok(_) => {
                found.entry(shown).or_insert_with(|| input.clone());
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (path, file) in found {
        // `a/b.md` and `./a/b.md` are one file
        let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if seen.insert(canonical) {
            pending.push(Pending::File { path, file });
        }
    }
    pending.sort_by(|a, b| a.path().cmp(b.path()));
    (pending, errors)
}

/// Every `*.md` / `*.markdown` file below a folder, `.gitignore` and hidden files honoured,
/// sorted; and every part of the folder that could not be read (the walk goes on past it).
fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_report(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => errors.push(SourceError::Walk {
                path: display(dir),
                message: e.to_string(),
            }),
        }
    }
    (files, errors)
}

/// How an input path is named in messages: `-` is "standard input".
pub fn shown(path: &str) -> &str {
    if path == "-" { "standard input" } else { path }
}

fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
