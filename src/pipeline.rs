//! Running the stages in order: find every input, then read, parse and scan each report on
//! as many threads as the machine has, keeping only what the graph needs; build one graph.
//! Problems with inputs are collected, not fatal one by one, so that a run names every bad
//! file at once; the caller decides what a partial set means (the CLI writes nothing).
//! Reports come out in path order whatever the threads did, so output stays deterministic.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::dictionary::Dictionary;
use crate::document::{Context, Document, DocumentError};
use crate::graph::{self, Detail, KnowledgeGraph, Report};
use crate::matcher::{Matcher, Scan};
use crate::source::{self, Pending, SourceError};

/// Why an input could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// Reports read and scanned, ready for a graph.
#[derive(Debug, Default)]
pub struct Scanned {
    pub reports: Vec<Report>,
    pub errors: Vec<InputError>,
}

/// Reads and scans every input. `each` sees every report with its full scan (text, outline,
/// rejected candidates) before it is reduced to what the graph needs, with `detail`; it runs
/// on worker threads, in no particular order.
pub fn scan_inputs_with(
    inputs: &[PathBuf],
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
    let mut done: Vec<(usize, Result<Report, InputError>)> = Vec::with_capacity(total);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = queue.lock().map(|mut q| q.pop_front()).ok().flatten();
                        let Some((i, p)) = next else { break };
                        out.push((i, scan_one(p, matcher, ctx, detail, each)));
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
    };
    for (_, r) in done {
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
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
) -> Scanned {
    scan_inputs_with(inputs, matcher, ctx, detail, &|_, _| {})
}

fn scan_one(
    pending: Pending,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
    each: &(dyn Fn(&Document, &Scan) + Sync),
) -> Result<Report, InputError> {
    let doc = Document::read(pending.read()?, ctx)?;
    let scan = matcher.scan(&doc);
    each(&doc, &scan);
    Ok(Report::new(doc, &scan, detail))
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
pub fn build(inputs: &[PathBuf], dict: &Dictionary) -> Result<KnowledgeGraph, BuildError> {
    let matcher = Matcher::new(dict)?;
    let ctx = Context::for_dictionary(dict, crate::document::Model::default());
    let scanned = scan_inputs(inputs, &matcher, &ctx, Detail::Evidence);
    if !scanned.errors.is_empty() {
        return Err(BuildError::Inputs(scanned.errors));
    }
    Ok(graph::build(&scanned.reports, dict))
}
