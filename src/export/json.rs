//! Node-link JSON, as `networkx.node_link_graph(data, edges="edges")` reads it.
//!
//! The wire types below are serialize-only and versioned (`graph.format_version`): the
//! internal model can change without breaking users. Every attribute is a plain JSON value
//! under its own key, so pandas can flatten nodes and edges into tables.

use std::io::{self, Write};

use serde::Serialize;

use crate::graph::{EdgeKind, KnowledgeGraph, Node};

/// Bumped when a field changes meaning or disappears; new fields do not bump it.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Wire<D, N, E> {
    directed: bool,
    multigraph: bool,
    graph: Meta<D>,
    /// `Seq`s of `WireNode` and of `WireEdge`.
    nodes: N,
    edges: E,
}

#[derive(Serialize)]
struct Meta<D> {
    format: &'static str,
    format_version: u32,
    generator: String,
    /// A `Seq` of `WireDoc`.
    inputs: D,
}

/// A list written as it is made, one item at a time (as a `Vec` of the items is written):
/// the graph's nodes and edges are never all held twice.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct WireDoc<'a> {
    path: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    author: Option<&'a str>,
    tags: &'a [String],
    event: &'a str,
    talks: usize,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum WireNode<'a> {
    Event {
        id: &'a str,
        name: &'a str,
        date: Option<&'a str>,
        url: Option<&'a str>,
    },
    Talk {
        id: &'a str,
        title: &'a str,
        source: &'a str,
        line: usize,
        session: bool,
        confidence: f64,
        found_by: &'a [String],
    },
    Speaker {
        id: &'a str,
        name: &'a str,
        handle: Option<&'a str>,
        affiliation: Option<&'a str>,
        confidence: f64,
        found_by: &'a [String],
    },
    Service {
        id: &'a str,
        name: &'a str,
        short_name: Option<&'a str>,
        aliases: &'a [String],
        provider: Option<&'a str>,
        category: Option<&'a str>,
    },
    Tool {
        id: &'a str,
        name: &'a str,
        short_name: Option<&'a str>,
        aliases: &'a [String],
        category: Option<&'a str>,
        /// Only on a tool known by a link to its repository or package.
        #[serde(skip_serializing_if = "Option::is_none")]
        repository: Option<&'a str>,
    },
}

#[derive(Serialize)]
struct WireEdge<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<&'a [u32]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_code: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<&'a [String]>,
    /// Only with `--evidence`: every mention behind the edge.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Vec<super::WireEvidence<'a>>>,
}

fn node(n: &Node) -> WireNode<'_> {
    match n {
        Node::Event {
            id,
            name,
            date,
            url,
        } => WireNode::Event {
            id,
            name,
            date: date.as_deref(),
            url: url.as_deref(),
        },
        Node::Talk {
            id,
            title,
            source,
            line,
            session,
            confidence,
            found_by,
        } => WireNode::Talk {
            id,
            title,
            source,
            line: *line,
            session: *session,
            confidence: confidence.value(),
            found_by,
        },
        Node::Speaker {
            id,
            name,
            handle,
            affiliation,
            confidence,
            found_by,
        } => WireNode::Speaker {
            id,
            name,
            handle: handle.as_deref(),
            affiliation: affiliation.as_deref(),
            confidence: confidence.value(),
            found_by,
        },
        Node::Entity {
            id,
            kind,
            name,
            short,
            aliases,
            provider,
            category,
            repository,
        } => match kind {
            crate::dictionary::Kind::Service => WireNode::Service {
                id,
                name,
                short_name: short.as_deref(),
                aliases,
                provider: provider.as_deref(),
                category: category.as_deref(),
            },
            crate::dictionary::Kind::Tool => WireNode::Tool {
                id,
                name,
                short_name: short.as_deref(),
                aliases,
                category: category.as_deref(),
                repository: repository.as_deref(),
            },
        },
    }
}

pub fn write(g: &KnowledgeGraph, opts: &super::Options, out: &mut dyn Write) -> io::Result<()> {
    let graph = &g.graph;
    let wire = Wire {
        directed: true,
        multigraph: false,
        graph: Meta {
            format: "talkgraph",
            format_version: FORMAT_VERSION,
            generator: format!("talkgraph {}", env!("CARGO_PKG_VERSION")),
            inputs: Seq(|| {
                g.documents.iter().map(|d| WireDoc {
                    path: &d.path,
                    title: d.title.as_deref(),
                    date: d.date.as_deref(),
                    author: d.author.as_deref(),
                    tags: &d.tags,
                    event: &d.event,
                    talks: d.talks,
                })
            }),
        },
        nodes: Seq(|| graph.node_weights().map(node)),
        edges: Seq(|| {
            g.edges().map(|(from, to, w)| {
                let mentions = w.kind == EdgeKind::Mentions;
                WireEdge {
                    source: from.id(),
                    target: to.id(),
                    kind: w.kind.as_str(),
                    count: mentions.then_some(w.count),
                    lines: mentions.then_some(w.lines.as_slice()),
                    in_code: mentions.then_some(w.in_code),
                    features: mentions.then_some(w.features()),
                    evidence: (mentions && opts.evidence).then(|| super::evidence(g, w)),
                }
            })
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
