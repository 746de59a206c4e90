//! Shared helpers for the black-box tests: the binary, temporary folders, and a scorer that
//! compares a JSON graph with a gold file (the format of `examples/jawsdays2018/gold.json`).
//!
//! The scorer follows the rules of the team's `score.py`: names match after NFKC-like folding,
//! case folding, removing spaces and a leading "Amazon"/"AWS"; features roll up to their
//! parent; `any_of` alternatives; `optional` entries neither count nor cost. Talk titles must
//! match exactly after that folding (stricter than score.py's fuzzy match).

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn graph_cmd() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("graph").expect("the graph binary is built");
    cmd.current_dir(root());
    cmd
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Runs `graph` with these arguments, which must succeed; its standard output.
pub fn run_ok<I, S>(args: I) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cmd = graph_cmd();
    cmd.args(args);
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `run_ok`, parsed as JSON.
pub fn run_json<I, S>(args: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    serde_json::from_slice(&run_ok(args)).expect("valid JSON")
}

/// Builds one report to JSON through the binary.
pub fn build_json(path: &Path) -> Value {
    run_json([
        std::ffi::OsStr::new("build"),
        "-f".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ])
}

/// Whether a real client runs (`program args` succeeds). In CI (TALKGRAPH_REQUIRE_CLIENTS
/// set by .ci/run) a missing client fails the test; elsewhere it is reported and skipped.
pub fn has_client(program: &str, args: &[&str], install: &str) -> bool {
    let found = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("TALKGRAPH_REQUIRE_CLIENTS").is_none(),
            "{install} is required (TALKGRAPH_REQUIRE_CLIENTS is set); .ci/run installs it"
        );
        eprintln!("SKIPPED: {install} is not installed (.ci/run installs it)");
    }
    found
}

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

pub fn norm_entity(s: &str) -> String {
    let n = fold(s);
    for prefix in ["amazon", "aws"] {
        if let Some(rest) = n.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    n
}

fn norm_title(s: &str) -> String {
    let t = s
        .trim()
        .trim_matches(|c| "「」『』\"'“”‘’【】 ".contains(c));
    fold(t)
}

/// Loose keys for optional entries: punctuation and a plural s forgiven.
fn loose(keys: &BTreeSet<String>) -> BTreeSet<String> {
    keys.iter()
        .map(|k| {
            let k: String = k.chars().filter(|c| c.is_alphanumeric()).collect();
            if k.chars().count() > 3 && k.ends_with('s') {
                k[..k.len() - 1].to_string()
            } else {
                k
            }
        })
        .collect()
}

fn gold_keys(entry: &Value) -> BTreeSet<String> {
    match entry {
        Value::String(s) => [norm_entity(s)].into(),
        Value::Object(o) => o
            .get("any_of")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(norm_entity)
                    .collect()
            })
            .unwrap_or_default(),
        _ => BTreeSet::new(),
    }
}

#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub notes: Vec<String>,
}

impl Tally {
    pub fn f1(&self) -> f64 {
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[derive(Debug, Default)]
pub struct Score {
    pub talks: Tally,
    pub speakers: Tally,
    pub services: Tally,
    pub tools: Tally,
    pub doc_services: Tally,
    pub doc_tools: Tally,
}

impl Score {
    /// A stable, readable report: one line of counts per measure, then every miss and extra.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (name, t) in self.all() {
            out += &format!(
                "{name:13} tp={:<3} fn={:<3} fp={:<3} F1={:.2}\n",
                t.tp,
                t.fn_,
                t.fp,
                t.f1()
            );
        }
        for (_, t) in self.all() {
            for n in &t.notes {
                out += &format!("  {n}\n");
            }
        }
        out
    }

    pub fn all(&self) -> [(&'static str, &Tally); 6] {
        [
            ("talks", &self.talks),
            ("speakers", &self.speakers),
            ("services", &self.services),
            ("tools", &self.tools),
            ("doc_services", &self.doc_services),
            ("doc_tools", &self.doc_tools),
        ]
    }
}

struct G<'a> {
    nodes: BTreeMap<&'a str, &'a Value>,
    edges: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> G<'a> {
    fn new(v: &'a Value) -> G<'a> {
        let nodes = v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| Some((n["id"].as_str()?, n)))
            .collect();
        let edges = v["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                Some((
                    e["source"].as_str()?,
                    e["target"].as_str()?,
                    e["kind"].as_str()?,
                ))
            })
            .collect();
        G { nodes, edges }
    }

    fn kind(&self, id: &str) -> &str {
        self.nodes
            .get(id)
            .and_then(|n| n["kind"].as_str())
            .unwrap_or("")
    }

    /// The node and every same-kind node it is part of.
    fn rolled_up(&self, id: &'a str) -> Vec<&'a str> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i];
            for (s, t, k) in &self.edges {
                if *s == cur && *k == "part_of" && self.kind(t) == self.kind(id) && !out.contains(t)
                {
                    out.push(t);
                }
            }
            i += 1;
        }
        out
    }

    fn keys(&self, id: &str) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        let Some(n) = self.nodes.get(id) else {
            return keys;
        };
        for f in ["name", "short_name"] {
            if let Some(s) = n[f].as_str() {
                keys.insert(norm_entity(s));
            }
        }
        if let Some((_, rest)) = id.split_once(':') {
            keys.insert(norm_entity(rest));
        }
        for a in n["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            keys.insert(norm_entity(a));
        }
        keys
    }

    /// (keys of the entity and its parents, top-level id) per mentioned entity of a kind.
    fn mentions(&self, from: Option<&str>, kind: &str) -> Vec<(BTreeSet<String>, &'a str)> {
        let mut out: Vec<(BTreeSet<String>, &'a str)> = Vec::new();
        for (s, t, k) in &self.edges {
            if *k != "mentions" || self.kind(t) != kind || from.is_some_and(|f| f != *s) {
                continue;
            }
            let chain = self.rolled_up(t);
            let top = chain.last().copied().unwrap_or(t);
            if from.is_none() && out.iter().any(|(_, id)| *id == top) {
                continue;
            }
            let mut keys = BTreeSet::new();
            for id in &chain {
                keys.extend(self.keys(id));
            }
            out.push((keys, top));
        }
        out
    }
}

fn flatten<'a>(talks: &'a Value, out: &mut Vec<&'a Value>) {
    for t in talks.as_array().into_iter().flatten() {
        out.push(t);
        flatten(&t["talks"], out);
    }
}

fn score_found(
    required: &[Value],
    optional: &[Value],
    found: &[(BTreeSet<String>, &str)],
    kind: &str,
    label: &str,
    t: &mut Tally,
    duplicates_count: bool,
) {
    let optional: BTreeSet<String> = optional.iter().flat_map(|o| loose(&gold_keys(o))).collect();
    let mut used = BTreeSet::new();
    for entry in required {
        let keys = gold_keys(entry);
        match found
            .iter()
            .enumerate()
            .find(|(i, (fk, _))| !used.contains(i) && !fk.is_disjoint(&keys))
        {
            Some((i, _)) => {
                t.tp += 1;
                used.insert(i);
            }
            None => {
                t.fn_ += 1;
                t.notes.push(format!("{label}: missed {kind} {entry}"));
            }
        }
    }
    for (i, (fk, id)) in found.iter().enumerate() {
        if used.contains(&i) || !loose(fk).is_disjoint(&optional) {
            continue;
        }
        if required.iter().any(|e| !fk.is_disjoint(&gold_keys(e))) {
            if duplicates_count {
                t.fp += 1;
                t.notes.push(format!("{label}: duplicate {kind} {id}"));
            }
            continue;
        }
        t.fp += 1;
        t.notes.push(format!("{label}: extra {kind} {id}"));
    }
}

fn values(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

/// Scores a graph against a gold file.
pub fn score(gold: &Value, graph: &Value) -> Score {
    let g = G::new(graph);
    let mut gold_talks = Vec::new();
    flatten(&gold["talks"], &mut gold_talks);
    let out_talks: Vec<(&str, String)> = g
        .nodes
        .iter()
        .filter(|(_, n)| n["kind"] == "talk")
        .map(|(id, n)| (*id, norm_title(n["title"].as_str().unwrap_or(""))))
        .collect();
    let mut s = Score::default();
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    let mut doc = (
        values(gold, "services"),
        values(gold, "tools"),
        values(gold, "optional"),
    );
    for gt in &gold_talks {
        // every talk's entities are the document's, found or not (as score.py counts them)
        doc.0.extend(values(gt, "services"));
        doc.1.extend(values(gt, "tools"));
        doc.2.extend(values(gt, "optional"));
        let title = gt["title"].as_str().unwrap_or("");
        let want = norm_title(title);
        let found = out_talks
            .iter()
            .find(|(id, t)| *t == want && !matched.contains(id))
            .map(|(id, _)| *id);
        match found {
            Some(id) => {
                s.talks.tp += 1;
                matched.insert(id);
            }
            // a talk only running text reveals is a bonus when found, no loss when not (as
            // the team's score.py counts it)
            None if gt["found_in"] == "prose" => continue,
            None => {
                s.talks.fn_ += 1;
                s.talks.notes.push(format!("missed talk {title:?}"));
            }
        }
        // speakers
        let speakers: Vec<&Value> = found
            .map(|id| {
                g.edges
                    .iter()
                    .filter(|(_, t, k)| *t == id && *k == "presents")
                    .filter_map(|(s, _, _)| g.nodes.get(s).copied())
                    .collect()
            })
            .unwrap_or_default();
        let mut used = BTreeSet::new();
        for gs in gt["speakers"].as_array().into_iter().flatten() {
            let mut keys: BTreeSet<String> = [fold(gs["name"].as_str().unwrap_or(""))].into();
            if let Some(h) = gs["handle"].as_str() {
                keys.insert(fold(h.trim_start_matches('@')));
            }
            for a in gs["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                keys.insert(fold(a));
            }
            let hit = speakers.iter().enumerate().find(|(j, sp)| {
                let mut sk: BTreeSet<String> = [fold(sp["name"].as_str().unwrap_or(""))].into();
                if let Some(h) = sp["handle"].as_str() {
                    sk.insert(fold(h));
                }
                sk.remove("");
                !used.contains(j) && !sk.is_disjoint(&keys)
            });
            match hit {
                Some((j, _)) => {
                    s.speakers.tp += 1;
                    used.insert(j);
                }
                None => {
                    s.speakers.fn_ += 1;
                    s.speakers
                        .notes
                        .push(format!("{title}: missed speaker {}", gs["name"]));
                }
            }
        }
        for (j, sp) in speakers.iter().enumerate() {
            if !used.contains(&j) {
                s.speakers.fp += 1;
                s.speakers
                    .notes
                    .push(format!("{title}: extra speaker {}", sp["name"]));
            }
        }
        if gt["talks"].as_array().is_some_and(|a| !a.is_empty()) {
            continue; // a session: its mentions are scored on its talks
        }
        let optional = values(gt, "optional");
        for (kind, field, tally) in [
            ("service", "services", &mut s.services),
            ("tool", "tools", &mut s.tools),
        ] {
            let found = found
                .map(|id| g.mentions(Some(id), kind))
                .unwrap_or_default();
            score_found(
                &values(gt, field),
                &optional,
                &found,
                kind,
                title,
                tally,
                true,
            );
        }
    }
    for (id, _) in &out_talks {
        if !matched.contains(id) {
            s.talks.fp += 1;
            s.talks
                .notes
                .push(format!("extra talk {:?}", g.nodes[id]["title"]));
        }
    }
    let merge = |entries: Vec<Value>| -> Vec<Value> {
        let mut groups: Vec<(BTreeSet<String>, Value)> = Vec::new();
        for e in entries {
            let keys = gold_keys(&e);
            if let Some(g) = groups.iter_mut().find(|(k, _)| !k.is_disjoint(&keys)) {
                g.0.extend(keys);
                continue;
            }
            groups.push((keys, e));
        }
        groups
            .into_iter()
            .map(|(keys, _)| {
                Value::Object(
                    [(
                        "any_of".to_string(),
                        keys.into_iter().map(Value::String).collect(),
                    )]
                    .into_iter()
                    .collect(),
                )
            })
            .collect()
    };
    let (services, tools) = (merge(doc.0), merge(doc.1));
    score_found(
        &services,
        &doc.2,
        &g.mentions(None, "service"),
        "service",
        "document",
        &mut s.doc_services,
        false,
    );
    score_found(
        &tools,
        &doc.2,
        &g.mentions(None, "tool"),
        "tool",
        "document",
        &mut s.doc_tools,
        false,
    );
    s
}
