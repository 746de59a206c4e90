//! `graph mentions`: every match in the reports, where it is and what it resolved to; with
//! `--all` also every candidate that did not count and the rule that turned it down. The
//! same scan as `graph build`, seen before it becomes a graph.

use std::io::Write;
use std::sync::Mutex;

use serde::Serialize;

use talkgraph::dictionary::Dictionary;
use talkgraph::document::{Document, Scope};
use talkgraph::graph::Detail;
use talkgraph::matcher::{Candidate, Matcher, Scan, Via};
use talkgraph::pipeline;

use crate::Failure;
use crate::cli::{MentionsFormat, MentionsOptions};

/// One row: an accepted mention, or (with `--all`) a rejected candidate.
#[derive(Serialize)]
struct Row {
    file: String,
    line: usize,
    column: usize,
    /// "found", or the rule that rejected the candidate.
    status: &'static str,
    /// service | tool | provider
    kind: &'static str,
    /// The entry or provider id.
    id: String,
    name: String,
    /// The text as written in the report.
    text: String,
    /// The alias or rule it was found by (accepted mentions only).
    via: Option<String>,
    in_code: bool,
    /// The talk it belongs to; none for the event's own sections.
    talk: Option<String>,
    talk_line: Option<usize>,
    #[serde(skip)]
    offset: usize,
}

pub fn run(opts: MentionsOptions) -> Result<(), Failure> {
    let dict = crate::load_dictionary(&opts.dicts, opts.no_builtin)?;
    let matcher = Matcher::new(&dict)
        .map_err(|e| Failure::Usage(format!("the dictionaries are too large to compile: {e}")))?;
    let ctx = crate::reading_context(&dict, opts.talk_model.as_deref(), opts.min_confidence)?;
    let per_report: Mutex<Vec<(String, Vec<Row>)>> = Mutex::new(Vec::new());
    let scanned = pipeline::scan_inputs_with(
        &opts.inputs,
        &opts.read,
        &matcher,
        &ctx,
        Detail::Counts,
        &|doc, scan| {
            let rows = rows(doc, scan, &matcher, &dict, opts.all);
            if let Ok(mut all) = per_report.lock() {
                all.push((doc.path.clone(), rows));
            }
        },
    );
    crate::say_notices(&scanned.notices);
    if !scanned.errors.is_empty() {
        let mut messages: Vec<String> = scanned.errors.iter().map(|e| e.to_string()).collect();
        messages.push("no mentions listed".to_string());
        return Err(Failure::Run(messages));
    }
    let mut per_report = per_report.into_inner().unwrap_or_else(|p| p.into_inner());
    // the threads finish in any order; the listing does not
    per_report.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    match opts.format {
        MentionsFormat::Table => {
            let _ = writeln!(out, "LOCATION\tSTATUS\tENTITY\tTEXT\tTALK");
            for row in per_report.iter().flat_map(|(_, rows)| rows) {
                let _ = writeln!(out, "{}", table_line(row));
            }
        }
        MentionsFormat::Json => {
            for row in per_report.iter().flat_map(|(_, rows)| rows) {
                serde_json::to_writer(&mut out, row)
                    .map_err(|e| Failure::Run(vec![format!("cannot render a mention: {e}")]))?;
                out.push(b'\n');
            }
        }
    }
    crate::write_stdout(&out)
}

fn rows(
    doc: &Document,
    scan: &Scan,
    matcher: &Matcher<'_>,
    dict: &Dictionary,
    all: bool,
) -> Vec<Row> {
    let file = talkgraph::source::shown(&doc.path).to_string();
    let talk = |scope: Scope| match scope {
        Scope::Talk(i) => doc.talks.get(i).map(|t| (t.title.clone(), t.line)),
        Scope::Event => None,
    };
    let mut rows = Vec::with_capacity(scan.mentions.len());
    for m in &scan.mentions {
        let (kind, id, name) = what(dict, Candidate::Entry(m.entry));
        let talk = talk(m.scope);
        rows.push(Row {
            file: file.clone(),
            line: m.line,
            column: m.column,
            status: "found",
            kind,
            id,
            name,
            text: doc.text.get(m.start..m.end).unwrap_or_default().to_string(),
            via: Some(match m.via {
                Via::Link(i) => doc.links.get(i).map_or_else(String::new, |l| l.url.clone()),
                via => matcher.via(via).to_string(),
            }),
            in_code: m.in_code,
            talk_line: talk.as_ref().map(|t| t.1),
            talk: talk.map(|t| t.0),
            offset: m.start,
        });
    }
    for l in &scan.linked {
        let talk = talk(l.scope);
        rows.push(Row {
            file: file.clone(),
            line: l.line,
            column: l.column,
            status: "found",
            kind: "tool",
            id: talkgraph::graph::linked_key(&l.name, &l.repository),
            name: l.name.clone(),
            text: doc.text.get(l.start..l.end).unwrap_or_default().to_string(),
            via: Some(l.repository.clone()),
            in_code: false,
            talk_line: talk.as_ref().map(|t| t.1),
            talk: talk.map(|t| t.0),
            offset: l.start,
        });
    }
    if all {
        for r in &scan.rejected {
            let (kind, id, name) = what(dict, r.candidate);
            let talk = talk(r.scope);
            rows.push(Row {
                file: file.clone(),
                line: r.line,
                column: r.column,
                status: r.reason.as_str(),
                kind,
                id,
                name,
                text: doc.text.get(r.start..r.end).unwrap_or_default().to_string(),
                via: None,
                in_code: false,
                talk_line: talk.as_ref().map(|t| t.1),
                talk: talk.map(|t| t.0),
                offset: r.start,
            });
        }
    }
    // in reading order; at one place the accepted mention first
    rows.sort_by_key(|r| (r.offset, r.status != "found"));
    rows
}

fn what(dict: &Dictionary, c: Candidate) -> (&'static str, String, String) {
    match c {
        Candidate::Entry(i) => {
            let e = &dict.entries[i];
            (e.kind.as_str(), e.id.clone(), e.label().to_string())
        }
        Candidate::Provider(i) => {
            let p = &dict.providers[i];
            ("provider", p.id.clone(), p.name.clone())
        }
    }
}

/// Tab-separated, one line per row: no field may hold a tab or a line break.
fn table_line(r: &Row) -> String {
    let mut entity = format!("{} {} ({})", r.kind, r.id, r.name);
    // the alias is worth showing where it is not simply the text
    if let Some(via) = &r.via
        && !via.is_empty()
        && talkgraph::text::fold(&r.text).to_lowercase() != via.to_lowercase()
    {
        entity += &format!(" via \"{via}\"");
    }
    if r.in_code {
        entity += " in code";
    }
    let talk = match (&r.talk, r.talk_line) {
        (Some(title), Some(line)) => format!("\"{title}\" (line {line})"),
        _ => "(event)".to_string(),
    };
    format!(
        "{}:{}:{}\t{}\t{}\t\"{}\"\t{}",
        one_line(&r.file),
        r.line,
        r.column,
        r.status,
        one_line(&entity),
        one_line(&r.text),
        one_line(&talk)
    )
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
