//! Mermaid flowchart, for Markdown that GitHub, GitLab and most wikis draw: speakers → talks →
//! services and tools, left to right, a shape and colour per kind as in the DOT.
//!
//! Mermaid refuses diagrams above its defaults (`maxEdges` 500, `maxTextSize` 50,000
//! characters) and draws an error box instead. A graph above either limit is not written: the
//! error says how big it is and how to narrow it.

use std::fmt::Write as _;
use std::io::{self, Write};

use petgraph::visit::EdgeRef;

use crate::graph::{EdgeKind, KnowledgeGraph, Node, NodeKind};

use super::RenderError;

/// Mermaid's default `maxEdges`.
pub const MAX_EDGES: usize = 500;
/// Mermaid's default `maxTextSize`, in UTF-16 code units (JavaScript's `length`).
pub const MAX_TEXT: usize = 50_000;
/// Labels longer than this are cut with `…`: a flowchart box is no place for a paragraph.
const MAX_LABEL: usize = 60;

const HOW_TO_NARROW: &str = "narrow it with --kind, --provider, --category or --min-mentions \
(e.g. --kind talk,service --min-mentions 2), or use -f html or -f dot for a graph this size";

/// A label as Mermaid reads it inside `"…"`: quotes, angle brackets, `#`, `&` and `;` as
/// entity codes; line breaks and control characters as spaces; cut to `MAX_LABEL`.
pub fn label(s: &str) -> String {
    let mut out = String::new();
    let chars = s.split_whitespace().flat_map(|w| w.chars().chain([' ']));
    for (n, c) in chars.enumerate() {
        if n == MAX_LABEL {
            out.truncate(out.trim_end().len());
            out.push('…');
            return out;
        }
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            ';' => out.push_str("#59;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn class(node: &Node) -> &'static str {
    match node {
        Node::Event { .. } => "event",
        Node::Talk { session: true, .. } => "session",
        Node::Talk { .. } => "talk",
        Node::Speaker { .. } => "speaker",
        Node::Entity { provider, .. } if node.kind() == NodeKind::Service => {
            match provider.as_deref() {
                Some("aws") => "aws",
                Some("gcp") => "gcp",
                Some("azure") => "azure",
                _ => "service",
            }
        }
        Node::Entity { .. } => "tool",
    }
}

/// `(open, close)` of a node's shape.
fn shape(node: &Node) -> (&'static str, &'static str) {
    match node.kind() {
        NodeKind::Event => ("[[", "]]"),
        NodeKind::Talk => ("(", ")"),
        NodeKind::Speaker => ("([", "])"),
        NodeKind::Service => ("[", "]"),
        NodeKind::Tool => ("{{", "}}"),
    }
}

const CLASSES: &[(&str, &str)] = &[
    ("event", "fill:#fde68a,stroke:#92400e"),
    ("session", "fill:#c7d2fe,stroke:#3730a3"),
    ("talk", "fill:#e0e7ff,stroke:#4338ca"),
    ("speaker", "fill:#dcfce7,stroke:#166534"),
    ("aws", "fill:#fed7aa,stroke:#9a3412"),
    ("gcp", "fill:#bbf7d0,stroke:#166534"),
    ("azure", "fill:#bae6fd,stroke:#075985"),
    ("service", "fill:#e5e7eb,stroke:#374151"),
    ("tool", "fill:#f3e8ff,stroke:#6b21a8"),
];

pub fn write(g: &KnowledgeGraph, out: &mut dyn Write) -> Result<(), RenderError> {
    let graph = &g.graph;
    if graph.edge_count() > MAX_EDGES {
        return Err(RenderError::TooLarge(format!(
            "the graph has {} edges and Mermaid draws at most {MAX_EDGES}; {HOW_TO_NARROW}",
            graph.edge_count()
        )));
    }
    let mut s = String::from("flowchart LR\n");
    for (i, node) in graph.node_weights().enumerate() {
        let (open, close) = shape(node);
        let _ = writeln!(
            s,
            "  n{i}{open}\"{}\"{close}:::{}",
            label(node.label()),
            class(node)
        );
    }
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        let _ = match e.weight().kind {
            EdgeKind::Presents | EdgeKind::Mentions => writeln!(s, "  n{a} --> n{b}"),
            // a talk is part of its event or session, a feature of its service: drawn from
            // the whole to the part, dotted, so the flow reads left to right
            EdgeKind::PartOf => writeln!(s, "  n{b} -.- n{a}"),
        };
    }
    for (name, style) in CLASSES {
        let _ = writeln!(s, "  classDef {name} {style}");
    }
    // Mermaid measures the text as JavaScript does, in UTF-16 code units
    let chars = s.encode_utf16().count();
    if chars > MAX_TEXT {
        return Err(RenderError::TooLarge(format!(
            "the diagram would be {chars} characters and Mermaid draws at most {MAX_TEXT}; {HOW_TO_NARROW}"
        )));
    }
    out.write_all(s.as_bytes()).map_err(io::Error::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_what_mermaid_reads_and_stay_short() {
        assert_eq!(
            label("C# & \"F<T>\"; `x`"),
            "C#35; #amp; #quot;F#lt;T#gt;#quot;#59; #96;x#96;"
        );
        assert_eq!(label("a\nb\t\u{1}c"), "a b \u{1}c".replace('\u{1}', " "));
        let long = label(&"word ".repeat(40));
        assert!(long.ends_with('…') && long.chars().count() <= MAX_LABEL + 1);
        assert_eq!(label(""), "");
    }
}
