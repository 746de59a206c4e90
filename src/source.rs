//! Inputs: a file, a folder of reports, or standard input, read into UTF-8 text.
//!
//! This is the only module that touches the file system for reading. It decodes (UTF-8 with
//! or without a BOM, UTF-16 with a BOM), normalises line endings to `\n`, refuses binary and
//! undecodable files with a reason, and returns the reports sorted by path so that the order
//! of the command line never changes the output. It knows nothing of Markdown.

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
    #[error("{path}: looks like a binary file (NUL byte at line {line}), not a Markdown report")]
    Binary { path: String, line: usize },
    #[error(
        "{path}: line {line} is not valid UTF-8; convert the file first (for example `iconv -f SHIFT_JIS -t UTF-8`)"
    )]
    NotUtf8 { path: String, line: usize },
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

    pub fn read(self) -> Result<Source, SourceError> {
        match self {
            Pending::Stdin(bytes) => Ok(Source {
                path: "-".to_string(),
                text: decode(shown("-"), bytes)?,
            }),
            Pending::File { path, file } => match std::fs::read(&file) {
                Ok(bytes) => Ok(Source {
                    text: decode(&path, bytes)?,
                    path,
                }),
                Err(source) => Err(SourceError::Io { path, source }),
            },
        }
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

/// Bytes to text: UTF-8 (BOM dropped) or UTF-16 with a BOM; CRLF and CR become LF.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, SourceError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(path, rest.to_vec())?
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        utf16(path, &bytes)?
    } else {
        utf8(path, bytes)?
    };
    Ok(normalise_newlines(text))
}

fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, SourceError> {
    if let Some(nul) = memchr(0, &bytes) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            line: line_of(&bytes, nul),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        SourceError::NotUtf8 {
            path: path.to_string(),
            line: line_of(e.as_bytes(), at),
        }
    })
}

fn utf16(path: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let big_endian = bytes.starts_with(&[0xFE, 0xFF]);
    let units = bytes[2..].chunks(2).map(|pair| {
        let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(0));
        if big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok('\0') => {
                return Err(SourceError::Binary {
                    path: path.to_string(),
                    line,
                });
            }
            Ok(c) => {
                if c == '\n' {
                    line += 1;
                }
                text.push(c);
            }
            Err(_) => {
                return Err(SourceError::NotUtf8 {
                    path: path.to_string(),
                    line,
                });
            }
        }
    }
    Ok(text)
}

fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_table() {
        let ok: [(&[u8], &str); 5] = [
            (b"plain", "plain"),
            (b"\xEF\xBB\xBFbom", "bom"),
            (b"a\r\nb\rc", "a\nb\nc"),
            (b"\xFF\xFEh\0i\0", "hi"),
            (b"\xFE\xFF\0h\0i", "hi"),
        ];
        for (bytes, want) in ok {
            assert_eq!(decode("t", bytes.to_vec()).ok().as_deref(), Some(want));
        }
    }

    #[test]
    fn decode_errors_name_the_line() {
        match decode("t.md", b"ok\nok\n\xFF\xFE bad".to_vec()) {
            Err(SourceError::NotUtf8 { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        match decode("t.md", b"a\nb\0".to_vec()) {
            Err(SourceError::Binary { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected Binary, got {other:?}"),
        }
        // an odd number of UTF-16 bytes or an unpaired surrogate is not text
        assert!(decode("t.md", b"\xFF\xFE\x00\xD8a\x00".to_vec()).is_err());
    }
}
