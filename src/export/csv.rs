//! CSV for pandas, DuckDB and `neo4j-admin database import`: three files in a folder.
//!
//! - `nodes.csv`: one row per node. `id:ID`, `:LABEL` (Event, Talk, Speaker, Service, Tool)
//!   and every attribute, typed in the header the way neo4j-admin reads it (`line:int`,
//!   `session:boolean`, `aliases:string[]` with `;` between items).
//! - `edges.csv`: one row per edge. `:START_ID`, `:END_ID`, `:TYPE` (PRESENTS, MENTIONS,
//!   PART_OF) and, on mentions, `count:int`, `lines:int[]`, `in_code:int`, `features:string[]`.
//! - `mentions.csv`: one row per mention, the evidence behind the MENTIONS edges: `report`,
//!   `line:int`, `column:int`, the talk (or event) as `:START_ID`, the entity as `:END_ID`,
//!   the `text` as written, `in_code:boolean`, and `:TYPE` MENTION, so it imports as
//!   relationships too. The entity is the service or feature named, as `nodes.csv` has it.
//!
//! UTF-8 without a byte-order mark; fields quoted only when they must be, quotes doubled.
//! A field never holds a line break or a control character (neo4j-admin would need
//! `--multiline-fields`), so a row is a line. An empty field is an absent value.

use std::io;

use crate::graph::{Attr, EdgeKind, KnowledgeGraph, Node, NodeKind};

const NODE_HEADER: &[&str] = &[
    "id:ID",
    ":LABEL",
    "name",
    "title",
    "source",
    "line:int",
    "session:boolean",
    "confidence:float",
    "found_by:string[]",
    "handle",
    "affiliation",
    "short_name",
    "aliases:string[]",
    "provider",
    "category",
    "repository",
    "date",
    "url",
];

const EDGE_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "count:int",
    "lines:int[]",
    "in_code:int",
    "features:string[]",
];

const MENTION_HEADER: &[&str] = &[
    "report",
    "line:int",
    "column:int",
    ":START_ID",
    ":END_ID",
    "text",
    "in_code:boolean",
    ":TYPE",
];

/// The neo4j label of a node kind.
pub fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Event => "Event",
        NodeKind::Talk => "Talk",
        NodeKind::Speaker => "Speaker",
        NodeKind::Service => "Service",
        NodeKind::Tool => "Tool",
    }
}

/// The neo4j relationship type of an edge kind.
pub fn rel_type(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Presents => "PRESENTS",
        EdgeKind::Mentions => "MENTIONS",
        EdgeKind::PartOf => "PART_OF",
    }
}

/// `nodes.csv`, `edges.csv` and `mentions.csv`, in that order.
pub fn render(g: &KnowledgeGraph) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("nodes.csv", nodes(g)?),
        ("edges.csv", edges(g)?),
        ("mentions.csv", mentions(g)?),
    ])
}

/// A field as one line: line breaks and other control characters become spaces.
fn field(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An array property: items joined by `;`, the default array delimiter of neo4j-admin. A `;`
/// inside an item would split it, so it becomes `,`.
fn array<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| field(s.as_ref()).replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> io::Result<Vec<u8>> {
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

fn nodes(g: &KnowledgeGraph) -> io::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(NODE_HEADER)?;
    for node in g.graph.node_weights() {
        let mut row = vec![String::new(); NODE_HEADER.len()];
        // a column's name is its header up to the type: `line` of `line:int`
        let mut set = |name: &str, value: String| {
            if let Some(i) = NODE_HEADER
                .iter()
                .position(|h| h.split(':').next() == Some(name))
            {
                row[i] = value;
            }
        };
        set("id", field(node.id()));
        set("", label(node.kind()).to_string());
        if let Node::Talk { title, .. } = node {
            // every row has a name: a talk's is its title
            set("name", field(title));
        }
        for (name, value) in node.attributes() {
            set(
                name,
                match value {
                    Attr::Str(v) => field(v),
                    Attr::Int(v) => v.to_string(),
                    Attr::Bool(v) => v.to_string(),
                    Attr::Float(v) => v.to_string(),
                    Attr::List(v) => array(v),
                },
            );
        }
        w.write_record(&row)?;
    }
    finish(w)
}

fn edges(g: &KnowledgeGraph) -> io::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(EDGE_HEADER)?;
    for (from, to, edge) in g.edges() {
        let mut row = vec![
            field(from.id()),
            field(to.id()),
            rel_type(edge.kind).to_string(),
        ];
        if edge.kind == EdgeKind::Mentions {
            let lines: Vec<String> = edge.lines.iter().map(u32::to_string).collect();
            row.extend([
                edge.count.to_string(),
                lines.join(";"),
                edge.in_code.to_string(),
                array(edge.features()),
            ]);
        } else {
            row.extend([String::new(), String::new(), String::new(), String::new()]);
        }
        w.write_record(&row)?;
    }
    finish(w)
}

fn mentions(g: &KnowledgeGraph) -> io::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(MENTION_HEADER)?;
    // every entity evidence names is a node: a filter points what it took out at the family
    for (from, _, edge) in g.edges() {
        let from = field(from.id());
        for m in edge.evidence() {
            let report = g.documents.get(m.report).map_or("", |d| d.path.as_str());
            w.write_record([
                field(report),
                m.line.to_string(),
                m.column.to_string(),
                from.clone(),
                field(&m.entity),
                field(&m.text),
                m.in_code.to_string(),
                "MENTION".to_string(),
            ])?;
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_single_lines_and_arrays_split_only_between_items() {
        assert_eq!(field("a\nb\r\tc"), "a b  c");
        assert_eq!(array(&["x;y", "z"]), "x,y;z");
        assert_eq!(array::<&str>(&[]), "");
    }
}
