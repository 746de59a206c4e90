//! Writing the graph out, one file per format, each with one `write` entry point. Exporters
//! see only the graph: never Markdown, never the dictionary.

pub mod dot;
pub mod graphml;
pub mod json;

use std::io::{self, Write};

use crate::graph::KnowledgeGraph;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Json,
    Graphml,
}

impl Format {
    pub const ALL: &[Format] = &[Format::Dot, Format::Json, Format::Graphml];

    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Graphml => "graphml",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dot" | "gv" => Some(Format::Dot),
            "json" => Some(Format::Json),
            "graphml" => Some(Format::Graphml),
            _ => None,
        }
    }
}

pub fn write(graph: &KnowledgeGraph, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Dot => dot::write(graph, out),
        Format::Json => json::write(graph, out),
        Format::Graphml => graphml::write(graph, out),
    }
}
