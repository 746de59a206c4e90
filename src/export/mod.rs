//! Writing the graph out, one file per format, each with one entry point. Exporters see only
//! the graph: never Markdown, never the dictionary.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod mermaid;

use std::io;

use serde::Serialize;

use crate::graph::{Edge, KnowledgeGraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Json,
    Graphml,
    Csv,
    Mermaid,
    Html,
}

impl Format {
    pub const ALL: &[Format] = &[
        Format::Dot,
        Format::Json,
        Format::Graphml,
        Format::Csv,
        Format::Mermaid,
        Format::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Mermaid => "mermaid",
            Format::Html => "html",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dot" | "gv" => Some(Format::Dot),
            "json" => Some(Format::Json),
            "graphml" => Some(Format::Graphml),
            "mmd" | "mermaid" => Some(Format::Mermaid),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Whether the format is several files in a folder rather than one stream.
    pub fn is_folder(self) -> bool {
        self == Format::Csv
    }
}

/// How to render, beyond the format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Each mention's report, line, column and text on the mentions edges (JSON, GraphML).
    pub evidence: bool,
}

/// What a format renders to: one stream, or named files for a folder.
#[derive(Debug)]
pub enum Rendered {
    One(Vec<u8>),
    Files(Vec<(&'static str, Vec<u8>)>),
}

/// Why a graph could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{0}")]
    TooLarge(String),
    #[error("-f {0} is several files: render it into a folder")]
    Folder(&'static str),
    #[error(transparent)]
    Io(#[from] io::Error),
}

pub fn render(
    graph: &KnowledgeGraph,
    format: Format,
    opts: &Options,
) -> Result<Rendered, RenderError> {
    if format.is_folder() {
        return Ok(Rendered::Files(csv::render(graph)?));
    }
    let mut out = Vec::new();
    write(graph, format, opts, &mut out)?;
    Ok(Rendered::One(out))
}

/// Writes a format that is one stream straight to `out`, without holding it in memory
/// (give a buffered writer). A graph a format cannot take is refused before anything is
/// written. A folder format (CSV) is several files: `render` it.
pub fn write(
    graph: &KnowledgeGraph,
    format: Format,
    opts: &Options,
    out: &mut dyn io::Write,
) -> Result<(), RenderError> {
    match format {
        Format::Dot => dot::write(graph, out)?,
        Format::Json => json::write(graph, opts, out)?,
        Format::Graphml => graphml::write(graph, opts, out)?,
        Format::Csv => return Err(RenderError::Folder(format.name())),
        Format::Mermaid => mermaid::write(graph, out)?,
        Format::Html => html::write(graph, out)?,
    }
    Ok(())
}

/// One mention as JSON, GraphML and HTML carry it.
#[derive(Debug, Serialize)]
pub(crate) struct WireEvidence<'a> {
    pub report: &'a str,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
    pub in_code: bool,
    /// The node id of what was named: the edge's target, or one of its features.
    pub entity: &'a str,
}

pub(crate) fn evidence<'a>(g: &'a KnowledgeGraph, edge: &'a Edge) -> Vec<WireEvidence<'a>> {
    edge.evidence()
        .iter()
        .map(|e| WireEvidence {
            report: g.documents.get(e.report).map_or("", |d| d.path.as_str()),
            line: e.line,
            column: e.column,
            text: &e.text,
            in_code: e.in_code,
            entity: &e.entity,
        })
        .collect()
}
