//! One self-contained HTML file: the graph drawn by Cytoscape.js (embedded, MIT; see
//! `assets/cytoscape/LICENSE`), with search by name, filters by kind, provider and category,
//! and a side panel with a clicked node's details and mentions (report, line, text). Nothing is
//! fetched when the page is viewed.
//!
//! The graph goes into the page as JSON inside `<script type="application/json">`, with `<`,
//! `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no report text can end the script
//! element. The page's own script puts text into the page with `textContent` only.

use std::io::{self, Write};

use serde::Serialize;

use crate::graph::{EdgeKind, KnowledgeGraph, Node};

const TEMPLATE: &str = include_str!("../../assets/view.html");
const VIEW_JS: &str = include_str!("../../assets/view.js");
const CYTOSCAPE: &str = include_str!("../../assets/cytoscape/cytoscape.min.js");

#[derive(Serialize)]
struct Data<'a> {
    generator: String,
    inputs: Vec<&'a str>,
    nodes: Vec<DataNode<'a>>,
    edges: Vec<DataEdge<'a>>,
}

#[derive(Serialize)]
struct DataNode<'a> {
    id: &'a str,
    kind: &'static str,
    label: &'a str,
    /// Attribute name and value, in the order the panel shows them.
    attrs: Vec<(&'static str, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    /// Every spelling search should find.
    search: String,
}

#[derive(Serialize)]
struct DataEdge<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<super::WireEvidence<'a>>,
}

/// A node as the page holds it. `provider` and `category` are what the page's selects
/// compare: for a feature without its own, its family's, as `--provider` and `--category` do.
fn node<'a>(n: &'a Node, provider: Option<&'a str>, category: Option<&'a str>) -> DataNode<'a> {
    DataNode {
        id: n.id(),
        kind: n.kind().as_str(),
        label: n.label(),
        attrs: attrs(n),
        provider,
        category,
        search: search(n),
    }
}

/// Attribute names and values, in the order the panel shows them; empty ones left out.
#[derive(Default)]
struct Attrs(Vec<(&'static str, String)>);

impl Attrs {
    fn push(&mut self, k: &'static str, v: Option<&str>) {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            self.0.push((k, v.to_string()));
        }
    }
}

/// What the side panel shows of a node.
fn attrs(n: &Node) -> Vec<(&'static str, String)> {
    let mut a = Attrs::default();
    match n {
        Node::Event {
            name, date, url, ..
        } => {
            a.push("name", Some(name));
            a.push("date", date.as_deref());
            a.push("url", url.as_deref());
        }
        Node::Talk {
            title,
            source,
            line,
            session,
            confidence,
            found_by,
            ..
        } => {
            a.push("title", Some(title));
            a.push("report", Some(&format!("{source}:{line}")));
            if *session {
                a.push("session", Some("yes"));
            }
            a.push("confidence", Some(&confidence.value().to_string()));
            a.push("found by", Some(&found_by.join(", ")));
        }
        Node::Speaker {
            name,
            handle,
            affiliation,
            confidence,
            found_by,
            ..
        } => {
            a.push("name", Some(name));
            a.push("handle", handle.as_deref());
            a.push("affiliation", affiliation.as_deref());
            a.push("confidence", Some(&confidence.value().to_string()));
            a.push("found by", Some(&found_by.join(", ")));
        }
        Node::Entity {
            name,
            short,
            aliases,
            provider,
            category,
            repository,
            ..
        } => {
            a.push("name", Some(name));
            a.push("short name", short.as_deref());
            a.push("provider", provider.as_deref());
            a.push("category", category.as_deref());
            a.push("repository", repository.as_deref());
            a.push("aliases", Some(&aliases.join(", ")));
        }
    }
    a.0
}

/// Every spelling search should find: the label, and a speaker's handle or an entity's name
/// and aliases.
fn search(n: &Node) -> String {
    let mut search = n.label().to_lowercase();
    let more: Vec<&String> = match n {
        Node::Speaker { handle, .. } => handle.iter().collect(),
        Node::Entity { name, aliases, .. } => std::iter::once(name).chain(aliases).collect(),
        _ => Vec::new(),
    };
    for s in more {
        search.push('\n');
        search.push_str(&s.to_lowercase());
    }
    search
}

/// JSON that can sit inside a `<script>` element whatever the strings in it hold.
fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let graph = &g.graph;
    let data = Data {
        generator: format!("talkgraph {}", env!("CARGO_PKG_VERSION")),
        inputs: g.documents.iter().map(|d| d.path.as_str()).collect(),
        nodes: graph
            .node_weights()
            .zip(crate::graph::filter::classes(g))
            .map(|(n, (provider, category))| node(n, provider, category))
            .collect(),
        edges: g
            .edges()
            .map(|(from, to, w)| {
                let mentions = w.kind == EdgeKind::Mentions;
                DataEdge {
                    source: from.id(),
                    target: to.id(),
                    kind: w.kind.as_str(),
                    count: mentions.then_some(w.count),
                    evidence: if mentions {
                        super::evidence(g, w)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect(),
    };
    let json = script_json(&serde_json::to_string(&data).map_err(io::Error::from)?);
    let title = format!(
        "talkgraph: {} nodes, {} edges",
        graph.node_count(),
        graph.edge_count()
    );
    // the template's markers, in order; what goes in is never searched for markers again
    let parts: [(&str, &str); 4] = [
        ("{{TITLE}}", &title),
        ("{{DATA}}", &json),
        ("{{CYTOSCAPE}}", CYTOSCAPE),
        ("{{VIEW}}", VIEW_JS),
    ];
    let mut rest = TEMPLATE;
    for (marker, value) in parts {
        let Some((before, after)) = rest.split_once(marker) else {
            return Err(io::Error::other(format!(
                "the HTML template has no {marker}"
            )));
        };
        out.write_all(before.as_bytes())?;
        out.write_all(value.as_bytes())?;
        rest = after;
    }
    out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(r#"{"t":"</script><script>alert(1)</script>&amp;"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back["t"], "</script><script>alert(1)</script>&amp;");
    }

    #[test]
    fn the_template_has_every_marker_once_in_order() {
        let mut rest = TEMPLATE;
        for m in ["{{TITLE}}", "{{DATA}}", "{{CYTOSCAPE}}", "{{VIEW}}"] {
            let (_, after) = rest.split_once(m).expect("marker present");
            rest = after;
        }
        assert!(!rest.contains("{{"));
        assert!(!CYTOSCAPE.contains("</script") && !VIEW_JS.contains("</script"));
    }
}
