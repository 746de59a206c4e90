//! talkgraph: Markdown event reports in, a knowledge graph of speakers, talks and the cloud
//! services and tools they mention out.
//!
//! The data flows one way, one module per stage:
//!
//! ```text
//! source ──► document ──► matcher ──► graph ──► export
//! (files,    (front matter, (mentions:   (petgraph,   (dot, json, graphml,
//!  stdin)     talks, speakers, entity, talk, stable ids,  csv, mermaid, html)
//!             visible text)  span)        merged)
//! ```
//!
//! `dictionary` holds the entities the matcher looks for; `pipeline` runs the stages.

pub mod dictionary;
pub mod document;
pub mod export;
pub mod graph;
pub mod matcher;
pub mod pipeline;
pub mod source;
pub mod text;
