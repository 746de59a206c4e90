//! `graph talks`: every candidate part of the reports with its evidence, the talk model's
//! probability and the decision. The same reading as `graph build`, shown before it becomes
//! a graph, so that a wrong talk (or a missed one) can be traced to its evidence.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

use serde::Serialize;

use talkgraph::document::{Decision, Document};
use talkgraph::graph::Detail;
use talkgraph::matcher::Matcher;
use talkgraph::pipeline;

use crate::Failure;
use crate::cli::TalksOptions;

#[derive(Serialize)]
struct Row {
    file: String,
    line: usize,
    kind: &'static str,
    level: u8,
    /// The sibling set (within the report) the unit was decided with.
    set: usize,
    /// The unit's own line, as rendered.
    head: String,
    /// The title it has (or would have) as a talk.
    title: String,
    /// Other readings of its title.
    alt_titles: Vec<String>,
    probability: f32,
    decision: &'static str,
    /// The speakers the talk was given, and where they were read.
    speakers: Vec<String>,
    speakers_from: Option<&'static str>,
    /// The evidence that weighed most toward "talk".
    reasons: Vec<&'static str>,
    features: BTreeMap<&'static str, f32>,
    people: Vec<People>,
}

#[derive(Serialize)]
struct People {
    position: &'static str,
    names: Vec<String>,
    likelihood: f32,
}

pub fn run(opts: TalksOptions) -> Result<(), Failure> {
    if !(0.0..=1.0).contains(&opts.min_probability) {
        return Err(Failure::Usage(format!(
            "--min-probability {}: give a number from 0 to 1",
            opts.min_probability
        )));
    }
    let dict = crate::load_dictionary(&opts.dicts, opts.no_builtin)?;
    let matcher = Matcher::new(&dict)
        .map_err(|e| Failure::Usage(format!("the dictionaries are too large to compile: {e}")))?;
    let mut ctx = crate::reading_context(&dict, opts.talk_model.as_deref(), opts.min_confidence)?;
    ctx.explain = true;
    let per_report: Mutex<Vec<(String, Vec<Row>)>> = Mutex::new(Vec::new());
    let scanned = pipeline::scan_inputs_with(
        &opts.inputs,
        &opts.read,
        &matcher,
        &ctx,
        Detail::Counts,
        &|doc, _| {
            let rows = rows(doc, opts.min_probability);
            if let Ok(mut all) = per_report.lock() {
                all.push((doc.path.clone(), rows));
            }
        },
    );
    crate::say_notices(&scanned.notices);
    if !scanned.errors.is_empty() {
        let mut messages: Vec<String> = scanned.errors.iter().map(|e| e.to_string()).collect();
        messages.push("no talks listed".to_string());
        return Err(Failure::Run(messages));
    }
    let mut per_report = per_report.into_inner().unwrap_or_else(|p| p.into_inner());
    per_report.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    if opts.json {
        for row in per_report.iter().flat_map(|(_, rows)| rows) {
            serde_json::to_writer(&mut out, row)
                .map_err(|e| Failure::Run(vec![format!("cannot render a unit: {e}")]))?;
            out.push(b'\n');
        }
    } else {
        let _ = writeln!(
            out,
            "LOCATION\tDECISION\tP\tUNIT\tTITLE\tSPEAKERS\tEVIDENCE"
        );
        for row in per_report.iter().flat_map(|(_, rows)| rows) {
            let _ = writeln!(out, "{}", table_line(row));
        }
    }
    crate::write_stdout(&out)
}

fn rows(doc: &Document, min_probability: f32) -> Vec<Row> {
    let file = talkgraph::source::shown(&doc.path).to_string();
    doc.units()
        .iter()
        .filter(|u| u.probability >= min_probability)
        .map(|u| {
            let talk = doc.talks.iter().find(|t| {
                t.offset == u.offset && matches!(u.decision, Decision::Talk | Decision::Session)
            });
            Row {
                file: file.clone(),
                line: doc.line(u.offset),
                kind: u.kind.as_str(),
                level: u.level,
                set: u.set,
                head: u.head.clone(),
                title: talk.map_or_else(|| u.title.clone(), |t| t.title.clone()),
                alt_titles: u.alt_titles.clone(),
                probability: round(u.probability),
                decision: u.decision.as_str(),
                speakers: talk
                    .map(|t| t.speakers.iter().map(|s| s.name.clone()).collect())
                    .unwrap_or_default(),
                speakers_from: talk.and_then(|t| t.speaker_found_by),
                reasons: u.reasons.clone(),
                features: u.features.iter().map(|&(f, v)| (f, round(v))).collect(),
                people: u
                    .people
                    .iter()
                    .map(|(position, names, likelihood)| People {
                        position,
                        names: names.clone(),
                        likelihood: round(*likelihood),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Three decimals: enough to read, stable to print.
fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn table_line(r: &Row) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let title: String = clean(&r.title).chars().take(70).collect();
    let speakers = if r.speakers.is_empty() {
        String::new()
    } else {
        format!(
            "{} ({})",
            r.speakers.join(", "),
            r.speakers_from.unwrap_or("")
        )
    };
    format!(
        "{}:{}\t{}\t{:.2}\t{} {}\t{}\t{}\t{}",
        r.file,
        r.line,
        r.decision,
        r.probability,
        r.kind,
        r.level,
        title,
        clean(&speakers),
        r.reasons.join(",")
    )
}
