//! Graphviz DOT: speakers on the left, talks in a cluster per event (sessions nested), the
//! services and tools they mention on the right; a shape and colour per kind, a legend, labels
//! wrapped for reading (CJK counted double width). Every string goes through `quote`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use petgraph::Direction;
use petgraph::graph::{EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`, other control characters
/// dropped. The only way a string reaches the output.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Display width: East Asian wide characters count two.
fn width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Breaks a label into lines of about `max` columns, at spaces where there are any.
pub fn wrap(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let w: usize = word.chars().map(width).sum();
        if line > 0 && line + 1 + w > max {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        // a long word (Japanese has no spaces) is cut by width
        for c in word.chars() {
            let cw = width(c);
            if line + cw > max && line > 0 {
                out.push('\n');
                line = 0;
            }
            out.push(c);
            line += cw;
        }
    }
    out
}

const LABEL_WIDTH: usize = 28;

/// Graphviz refuses quoted strings over 16 KiB; a label that long is unreadable anyway.
const MAX_LABEL: usize = 160;
const MAX_TOOLTIP: usize = 600;
const MAX_TOOLTIP_LINES: usize = 20;

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn style(node: &Node) -> String {
    match node {
        Node::Event { .. } => "shape=tab, style=\"filled,bold\", fillcolor=\"#fde68a\"".into(),
        Node::Talk { session: true, .. } => {
            "shape=box3d, style=filled, fillcolor=\"#c7d2fe\"".into()
        }
        Node::Talk { .. } => "shape=box, style=\"rounded,filled\", fillcolor=\"#e0e7ff\"".into(),
        Node::Speaker { .. } => "shape=ellipse, style=filled, fillcolor=\"#dcfce7\"".into(),
        Node::Entity { provider, .. } if node.kind() == NodeKind::Service => {
            let fill = match provider.as_deref() {
                Some("aws") => "#fed7aa",
                Some("gcp") => "#bbf7d0",
                Some("azure") => "#bae6fd",
                _ => "#e5e7eb",
            };
            format!("shape=component, style=filled, fillcolor=\"{fill}\"")
        }
        Node::Entity { .. } => "shape=hexagon, style=filled, fillcolor=\"#f3e8ff\"".into(),
    }
}

fn tooltip(node: &Node) -> String {
    match node {
        Node::Event {
            name, date, url, ..
        } => {
            let mut t = name.clone();
            for v in [date, url].into_iter().flatten() {
                t.push_str(" · ");
                t.push_str(v);
            }
            t
        }
        Node::Talk {
            title,
            source,
            line,
            ..
        } => format!("{title} ({source}:{line})"),
        Node::Speaker { name, handle, .. } => match handle {
            Some(h) => format!("{name} (@{h})"),
            None => name.clone(),
        },
        Node::Entity {
            name,
            provider,
            category,
            repository,
            ..
        } => {
            let what = provider.as_deref().or(category.as_deref()).unwrap_or("");
            match repository {
                Some(r) => format!("{name} [{what}] {r}"),
                None => format!("{name} [{what}]"),
            }
        }
    }
}

fn node_line(
    out: &mut dyn Write,
    g: &KnowledgeGraph,
    ix: NodeIndex,
    indent: &str,
) -> io::Result<()> {
    let n = &g.graph[ix];
    writeln!(
        out,
        "{indent}{} [label={}, tooltip={}, {}];",
        quote(n.id()),
        quote(&wrap(&truncate(n.label(), MAX_LABEL), LABEL_WIDTH)),
        quote(&truncate(&tooltip(n), MAX_TOOLTIP)),
        style(n)
    )
}

/// The node a talk is `part_of` (its session or its event).
fn container(g: &KnowledgeGraph, ix: NodeIndex) -> Option<NodeIndex> {
    g.graph
        .edges_directed(ix, Direction::Outgoing)
        .find(|e| e.weight().kind == EdgeKind::PartOf)
        .map(|e| e.target())
}

pub fn write(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let graph = &g.graph;
    writeln!(out, "digraph talkgraph {{")?;
    defaults(out)?;
    legend(out)?;
    let members = members(g);
    for ix in graph.node_indices() {
        if graph[ix].kind() == NodeKind::Event {
            cluster(g, &members, ix, 1, out)?;
        }
    }
    for ix in graph.node_indices() {
        if !matches!(graph[ix].kind(), NodeKind::Event | NodeKind::Talk) {
            node_line(out, g, ix, "  ")?;
        }
    }
    for e in graph.edge_references() {
        edge_line(out, g, e)?;
    }
    writeln!(out, "}}")
}

/// The attributes of the graph and of every node and edge.
fn defaults(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"sans-serif\", fontsize=12, nodesep=0.2, ranksep=1.1, newrank=true];"
    )?;
    writeln!(
        out,
        "  node [fontname=\"sans-serif\", fontsize=11, margin=\"0.12,0.04\"];"
    )?;
    writeln!(out, "  edge [color=\"#6b7280\", arrowsize=0.6];")
}

/// Each kind of node the legend shows, with its style (as `style` gives it).
const LEGEND: [(&str, &str); 7] = [
    (
        "speaker",
        "shape=ellipse, style=filled, fillcolor=\"#dcfce7\"",
    ),
    (
        "talk",
        "shape=box, style=\"rounded,filled\", fillcolor=\"#e0e7ff\"",
    ),
    (
        "session",
        "shape=box3d, style=filled, fillcolor=\"#c7d2fe\"",
    ),
    (
        "event",
        "shape=tab, style=\"filled,bold\", fillcolor=\"#fde68a\"",
    ),
    (
        "AWS service",
        "shape=component, style=filled, fillcolor=\"#fed7aa\"",
    ),
    (
        "other cloud service",
        "shape=component, style=filled, fillcolor=\"#bae6fd\"",
    ),
    ("tool", "shape=hexagon, style=filled, fillcolor=\"#f3e8ff\""),
];

/// A cluster with one node per kind, in a column.
fn legend(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"legend\"; fontsize=10; style=dashed; color=\"#9ca3af\";"
    )?;
    for (name, st) in LEGEND {
        writeln!(
            out,
            "    {} [label={}, fontsize=9, {st}];",
            quote(&format!("legend:{name}")),
            quote(name)
        )?;
    }
    for pair in LEGEND.windows(2) {
        writeln!(
            out,
            "    {} -> {} [style=invis];",
            quote(&format!("legend:{}", pair[0].0)),
            quote(&format!("legend:{}", pair[1].0))
        )?;
    }
    writeln!(out, "  }}")
}

/// The talks in each event or session, in node order.
fn members(g: &KnowledgeGraph) -> BTreeMap<NodeIndex, Vec<NodeIndex>> {
    let graph = &g.graph;
    let mut members: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    for ix in graph.node_indices() {
        if graph[ix].kind() == NodeKind::Talk
            && let Some(c) = container(g, ix)
        {
            members.entry(c).or_default().push(ix);
        }
    }
    members
}

/// An event, or a session, as a cluster holding its node and its talks (sessions nested); a
/// talk with nothing in it is just its node.
fn cluster(
    g: &KnowledgeGraph,
    members: &BTreeMap<NodeIndex, Vec<NodeIndex>>,
    ix: NodeIndex,
    depth: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    let n = &g.graph[ix];
    let children = members.get(&ix);
    if children.is_none() && !matches!(n, Node::Event { .. }) {
        return node_line(out, g, ix, &indent);
    }
    cluster_head(out, n, &indent)?;
    node_line(out, g, ix, &format!("{indent}  "))?;
    for &c in children.into_iter().flatten() {
        cluster(g, members, c, depth + 1, out)?;
    }
    writeln!(out, "{indent}}}")
}

/// A cluster's opening line and its label (an event's with its date); a session's is filled.
fn cluster_head(out: &mut dyn Write, n: &Node, indent: &str) -> io::Result<()> {
    let is_session = matches!(n, Node::Talk { session: true, .. });
    writeln!(
        out,
        "{indent}subgraph {} {{",
        quote(&format!("cluster_{}", n.id()))
    )?;
    let label = match n {
        Node::Event { name, date, .. } => match date {
            Some(d) => format!("{name} ({d})"),
            None => name.clone(),
        },
        _ => n.label().to_string(),
    };
    writeln!(
        out,
        "{indent}  label={}; fontsize=13; style=\"rounded{}\"; color=\"#94a3b8\";{}",
        quote(&wrap(&truncate(&label, MAX_LABEL), 60)),
        if is_session { ",filled" } else { "" },
        if is_session {
            " fillcolor=\"#f1f5f9\";"
        } else {
            ""
        }
    )
}

/// An edge, styled by its kind; a feature's `part_of` edge is drawn from its service.
fn edge_line(
    out: &mut dyn Write,
    g: &KnowledgeGraph,
    e: EdgeReference<'_, Edge>,
) -> io::Result<()> {
    let graph = &g.graph;
    let (a, b) = (&graph[e.source()], &graph[e.target()]);
    let (from, to, attrs) = match e.weight().kind {
        EdgeKind::Presents => (a, b, "color=\"#16a34a\"".to_string()),
        EdgeKind::Mentions => (a, b, mentions_attrs(e.weight())),
        // membership is what the clusters show; the edge keeps the data without pulling
        // the layout around
        EdgeKind::PartOf if a.kind() == NodeKind::Talk => (
            a,
            b,
            "style=dotted, color=\"#cbd5e1\", arrowhead=none, constraint=false".to_string(),
        ),
        // a feature is drawn to the right of its service, the arrow still pointing at it
        EdgeKind::PartOf => (
            b,
            a,
            "dir=back, style=dashed, color=\"#9ca3af\", tooltip=\"part of\"".to_string(),
        ),
    };
    writeln!(
        out,
        "  {} -> {} [{attrs}];",
        quote(from.id()),
        quote(to.id())
    )
}

/// A mentions edge is thicker the more often it is mentioned; its tooltip lists the lines.
fn mentions_attrs(w: &Edge) -> String {
    let mut lines: Vec<String> = w
        .lines
        .iter()
        .take(MAX_TOOLTIP_LINES)
        .map(u32::to_string)
        .collect();
    if w.lines.len() > MAX_TOOLTIP_LINES {
        lines.push(format!("… ({} lines)", w.lines.len()));
    }
    format!(
        "penwidth={:.1}, tooltip={}",
        1.0 + (w.count as f64).ln().min(3.0),
        quote(&format!(
            "{}× on line{} {}",
            w.count,
            if w.lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let rows = [
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("two\nlines", "\"two\\nlines\""),
            ("bell\u{7}tab\t", "\"belltab\""),
            ("コンテナ", "\"コンテナ\""),
            ("\\N \\G", "\"\\\\N \\\\G\""),
        ];
        for (input, want) in rows {
            assert_eq!(quote(input), want, "{input:?}");
        }
    }

    #[test]
    fn truncate_table() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("コンテナを守る技術", 4), "コンテナ…");
        assert_eq!(truncate("", 0), "");
    }

    #[test]
    fn wrap_table() {
        assert_eq!(wrap("Our ECS Journey", 28), "Our ECS Journey");
        assert_eq!(wrap("aaaa bbbb cccc", 9), "aaaa bbbb\ncccc");
        assert_eq!(wrap("コンテナを守る技術", 8), "コンテナ\nを守る技\n術");
        assert_eq!(wrap("", 8), "");
    }
}
