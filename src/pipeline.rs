//! Running the stages in order: read every input, read each report, scan it, build one graph.
//! Problems with inputs are collected, not fatal one by one, so that a run names every bad
//! file at once; the caller decides what a partial set means (the CLI writes nothing).

use std::path::PathBuf;

use crate::dictionary::Dictionary;
use crate::document::{Document, DocumentError};
use crate::graph::{self, KnowledgeGraph};
use crate::matcher::{Matcher, Scan};
use crate::source::{self, SourceError};

/// Why an input could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// Reports read and scanned, ready for a graph or for listing mentions.
#[derive(Debug)]
pub struct Scanned {
    pub reports: Vec<(Document, Scan)>,
    pub errors: Vec<InputError>,
}

pub fn scan_inputs(inputs: &[PathBuf], matcher: &Matcher<'_>) -> Scanned {
    let (sources, source_errors) = source::read_all(inputs);
    let mut errors: Vec<InputError> = source_errors.into_iter().map(InputError::from).collect();
    let mut reports = Vec::with_capacity(sources.len());
    for s in sources {
        match Document::read(s) {
            Ok(doc) => {
                let scan = matcher.scan(&doc);
                reports.push((doc, scan));
            }
            Err(e) => errors.push(e.into()),
        }
    }
    Scanned { reports, errors }
}

/// Why no graph could be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} input(s) could not be used", .0.len())]
    Inputs(Vec<InputError>),
    #[error("the dictionary is too large to compile: {0}")]
    Matcher(#[from] aho_corasick::BuildError),
}

/// The graph of every input, or every reason some input could not be used.
pub fn build(inputs: &[PathBuf], dict: &Dictionary) -> Result<KnowledgeGraph, BuildError> {
    let matcher = Matcher::new(dict)?;
    let scanned = scan_inputs(inputs, &matcher);
    if !scanned.errors.is_empty() {
        return Err(BuildError::Inputs(scanned.errors));
    }
    Ok(graph::build(&scanned.reports, dict))
}
