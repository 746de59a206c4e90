//! Running the stages in order: find every input, then read, parse and scan each report on
//! as many threads as the machine has, keeping only what the graph needs; build one graph.
//! Problems with inputs are collected, not fatal one by one, so that a run names every bad
//! file at once; the caller decides what a partial set means (the CLI writes nothing). What
//! was read but is worth a word (the encoding a report was found in, bytes that could not be
//! decoded, front matter left out) is collected as notices for the caller to show. Reports and
//! notices come out in path order whatever the threads did, so output stays deterministic.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::dictionary::Dictionary;
use crate::document::{Context, Document, FrontMatterNotice};
use crate::graph::{self, Detail, KnowledgeGraph, Report};
use crate::matcher::{Matcher, Scan};
use crate::source::{self, Decoding, How, Pending, ReadOptions, Replaced, SourceError};

/// Why an input could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Source(#[from] SourceError),
    /// With `--strict`, front matter that does not parse.
    #[error("{path}: {notice}; --strict refuses a report whose front matter does not parse")]
    FrontMatter {
        path: String,
        notice: FrontMatterNotice,
    },
}

/// Something about a report that was read, worth telling its reader: once per report and
/// kind, in path order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Notice {
    /// Not UTF-8, and no byte order mark: read in the encoding its bytes fit.
    #[error(
        "note: {path}: not UTF-8; read as {encoding}, the encoding its bytes fit (name another with --encoding if that is wrong)"
    )]
    Encoding {
        path: String,
        encoding: &'static str,
    },
    /// Bytes that are not valid in the report's encoding, read as U+FFFD.
    #[error(
        "warning: {path}: {} not valid {encoding} ({}); read as U+FFFD, --strict refuses such a file",
        replaced.bytes_text(),
        replaced.lines_text()
    )]
    Replaced {
        path: String,
        encoding: &'static str,
        replaced: Replaced,
    },
    /// Front matter left out, or read in the other format than its fence says.
    #[error("{}: {path}: {notice}", if notice.is_warning() { "warning" } else { "note" })]
    FrontMatter {
        path: String,
        notice: FrontMatterNotice,
    },
}

impl Notice {
    /// Whether something in the report was lost or replaced (else it is only worth knowing).
    pub fn is_warning(&self) -> bool {
        match self {
            Notice::Encoding { .. } => false,
            Notice::Replaced { .. } => true,
            Notice::FrontMatter { notice, .. } => notice.is_warning(),
        }
    }
}

/// Reports read and scanned, ready for a graph.
#[derive(Debug, Default)]
pub struct Scanned {
    pub reports: Vec<Report>,
    pub errors: Vec<InputError>,
    /// In path order; within a report: encoding, replaced bytes, front matter.
    pub notices: Vec<Notice>,
}

/// One input's notices, and its report or why it could not be used.
type ScannedOne = (Vec<Notice>, Result<Report, InputError>);

/// Reads and scans every input. `each` sees every report with its full scan (text, outline,
/// rejected candidates) before it is reduced to what the graph needs, with `detail`; it runs
/// on worker threads, in no particular order.
pub fn scan_inputs_with(
    inputs: &[PathBuf],
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
    each: &(dyn Fn(&Document, &Scan) + Sync),
) -> Scanned {
    let (pending, found_errors) = source::find_all(inputs);
    let total = pending.len();
    let queue: Mutex<VecDeque<(usize, Pending)>> =
        Mutex::new(pending.into_iter().enumerate().collect());
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 16)
        .min(total.max(1));
    let mut done: Vec<(usize, ScannedOne)> = Vec::with_capacity(total);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = queue.lock().map(|mut q| q.pop_front()).ok().flatten();
                        let Some((i, p)) = next else { break };
                        out.push((i, scan_one(p, read, matcher, ctx, detail, each)));
                    }
                    out
                })
            })
            .collect();
        for w in workers {
            // a worker that panicked is a bug; let it surface as one
            match w.join() {
                Ok(out) => done.extend(out),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    done.sort_by_key(|(i, _)| *i);
    let mut scanned = Scanned {
        reports: Vec::with_capacity(total),
        errors: found_errors.into_iter().map(InputError::from).collect(),
        notices: Vec::new(),
    };
    for (_, (notices, r)) in done {
        scanned.notices.extend(notices);
        match r {
            Ok(report) => scanned.reports.push(report),
            Err(e) => scanned.errors.push(e),
        }
    }
    scanned
}

/// `scan_inputs_with` and nothing to see on the way.
pub fn scan_inputs(
    inputs: &[PathBuf],
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
) -> Scanned {
    scan_inputs_with(inputs, read, matcher, ctx, detail, &|_, _| {})
}

fn scan_one(
    pending: Pending,
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
    each: &(dyn Fn(&Document, &Scan) + Sync),
) -> ScannedOne {
    let (source, decoding) = match pending.read(read) {
        Ok(read) => read,
        Err(e) => return (Vec::new(), Err(e.into())),
    };
    let path = source::shown(&source.path).to_string();
    let mut notices = decoding_notices(&path, &decoding);
    let doc = Document::read(source, ctx);
    if let Some(notice) = &doc.front_notice {
        if read.strict && notice.is_warning() {
            let error = InputError::FrontMatter {
                path,
                notice: notice.clone(),
            };
            return (notices, Err(error));
        }
        notices.push(Notice::FrontMatter {
            path,
            notice: notice.clone(),
        });
    }
    let scan = matcher.scan(&doc);
    each(&doc, &scan);
    (notices, Ok(Report::new(doc, &scan, detail)))
}

/// What to say about how a report was decoded: the encoding when it was detected, the bytes
/// that were replaced.
fn decoding_notices(path: &str, decoding: &Decoding) -> Vec<Notice> {
    let mut notices = Vec::new();
    let encoding = decoding.encoding.name();
    if decoding.how == How::Detected {
        notices.push(Notice::Encoding {
            path: path.to_string(),
            encoding,
        });
    }
    if let Some(replaced) = &decoding.replaced {
        notices.push(Notice::Replaced {
            path: path.to_string(),
            encoding,
            replaced: replaced.clone(),
        });
    }
    notices
}

/// Why no graph could be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} input(s) could not be used", .0.len())]
    Inputs(Vec<InputError>),
    #[error("the dictionary is too large to compile: {0}")]
    Matcher(#[from] aho_corasick::BuildError),
}

/// The graph of every input, evidence and all, or every reason some input could not be used.
/// Encodings are detected; the notices are dropped.
pub fn build(inputs: &[PathBuf], dict: &Dictionary) -> Result<KnowledgeGraph, BuildError> {
    let matcher = Matcher::new(dict)?;
    let ctx = Context::for_dictionary(dict, crate::document::Model::default());
    let scanned = scan_inputs(
        inputs,
        &ReadOptions::default(),
        &matcher,
        &ctx,
        Detail::Evidence,
    );
    if !scanned.errors.is_empty() {
        return Err(BuildError::Inputs(scanned.errors));
    }
    Ok(graph::build(&scanned.reports, dict))
}
