//! GraphML for Gephi, Cytoscape, yEd, igraph and networkx (`read_graphml`): one typed key per
//! attribute, scalar values only (lists are JSON strings), and a `label` on every node that
//! the viewers show. Nodes and edges come in the JSON's order, so the two agree. With
//! `--evidence`, each mentions edge carries its mentions as a JSON string (`evidence`).

use std::io::{self, Write};

use crate::graph::{Attr, EdgeKind, KnowledgeGraph};

/// `(id, for, attr.name, attr.type)`.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_name", "node", "name", "string"),
    ("n_title", "node", "title", "string"),
    ("n_source", "node", "source", "string"),
    ("n_line", "node", "line", "int"),
    ("n_session", "node", "session", "boolean"),
    ("n_confidence", "node", "confidence", "double"),
    ("n_found_by", "node", "found_by", "string"),
    ("n_handle", "node", "handle", "string"),
    ("n_affiliation", "node", "affiliation", "string"),
    ("n_short_name", "node", "short_name", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_provider", "node", "provider", "string"),
    ("n_category", "node", "category", "string"),
    ("n_repository", "node", "repository", "string"),
    ("n_date", "node", "date", "string"),
    ("n_url", "node", "url", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_count", "edge", "count", "int"),
    ("e_lines", "edge", "lines", "string"),
    ("e_in_code", "edge", "in_code", "int"),
    ("e_features", "edge", "features", "string"),
    ("e_evidence", "edge", "evidence", "string"),
];

pub fn write(g: &KnowledgeGraph, opts: &super::Options, out: &mut dyn Write) -> io::Result<()> {
    let graph = &g.graph;
    let mut s = String::with_capacity(64 * (graph.node_count() + graph.edge_count()) + 2048);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(concat!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    ));
    for (id, what, name, ty) in KEYS {
        s.push_str(&format!(
            "  <key id=\"{id}\" for=\"{what}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("  <graph id=\"talkgraph\" edgedefault=\"directed\">\n");
    for node in graph.node_weights() {
        s.push_str(&format!("    <node id=\"{}\">\n", escape(node.id())));
        data(&mut s, "n_label", node.label());
        data(&mut s, "n_kind", node.kind().as_str());
        for (name, value) in node.attributes() {
            let key = format!("n_{name}");
            match value {
                Attr::Str(v) => data(&mut s, &key, v),
                Attr::Int(v) => data(&mut s, &key, &v.to_string()),
                Attr::Bool(v) => data(&mut s, &key, if v { "true" } else { "false" }),
                Attr::Float(v) => data(&mut s, &key, &v.to_string()),
                Attr::List(v) => data(&mut s, &key, &json_list(v)),
            }
        }
        s.push_str("    </node>\n");
    }
    for (from, to, w) in g.edges() {
        s.push_str(&format!(
            "    <edge source=\"{}\" target=\"{}\">\n",
            escape(from.id()),
            escape(to.id())
        ));
        data(&mut s, "e_kind", w.kind.as_str());
        if w.kind == EdgeKind::Mentions {
            data(&mut s, "e_count", &w.count.to_string());
            let lines: Vec<String> = w.lines.iter().map(u32::to_string).collect();
            data(&mut s, "e_lines", &format!("[{}]", lines.join(",")));
            data(&mut s, "e_in_code", &w.in_code.to_string());
            data(&mut s, "e_features", &json_list(w.features()));
            if opts.evidence {
                let list =
                    serde_json::to_string(&super::evidence(g, w)).map_err(io::Error::from)?;
                data(&mut s, "e_evidence", &list);
            }
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    out.write_all(s.as_bytes())
}

fn data(s: &mut String, key: &str, value: &str) {
    s.push_str(&format!(
        "      <data key=\"{key}\">{}</data>\n",
        escape(value)
    ));
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

/// XML text and attribute escaping; characters XML 1.0 cannot hold at all (most C0 controls)
/// become U+FFFD, so any report makes a well-formed file.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(escape("東京\tok"), "東京\tok");
    }
}
