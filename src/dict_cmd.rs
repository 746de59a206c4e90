//! `graph dict list | lookup | check`: the dictionaries seen from the outside — what is in
//! them, what a spelling resolves to and under which rule, and what is wrong with a file.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use talkgraph::dictionary::{Alias, Case, Dictionary, Entry, Needs};
use talkgraph::document::Document;
use talkgraph::matcher::{Candidate, Matcher};
use talkgraph::source::Source;

use crate::cli::ListFormat;
use crate::{Failure, load_dictionary};

pub fn list(format: ListFormat, dicts: &[PathBuf], no_builtin: bool) -> Result<(), Failure> {
    let dict = load_dictionary(dicts, no_builtin)?;
    let mut out = Vec::new();
    match format {
        ListFormat::Table => {
            for e in &dict.entries {
                let aliases: Vec<String> = e.written_aliases().map(alias_with_rules).collect();
                let generated = e.aliases.iter().filter(|a| a.generated).count();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}{}",
                    e.id,
                    e.kind.as_str(),
                    group(e),
                    e.name,
                    aliases.join("; "),
                    if generated > 0 {
                        format!(" (+{generated} variants)")
                    } else {
                        String::new()
                    }
                );
            }
        }
        ListFormat::Json => {
            let wire: Vec<WireEntry> = dict.entries.iter().map(WireEntry::from).collect();
            serde_json::to_writer_pretty(&mut out, &wire)
                .map_err(|e| Failure::Run(vec![format!("cannot render the list: {e}")]))?;
            out.push(b'\n');
        }
    }
    crate::write_stdout(&out)
}

pub fn lookup(texts: &[String], dicts: &[PathBuf], no_builtin: bool) -> Result<(), Failure> {
    let dict = load_dictionary(dicts, no_builtin)?;
    let matcher = Matcher::new(&dict)
        .map_err(|e| Failure::Usage(format!("the dictionaries are too large to compile: {e}")))?;
    let ctx = talkgraph::document::Context::for_dictionary(&dict, Default::default());
    let mut out = Vec::new();
    let mut unresolved = Vec::new();
    for text in texts {
        let hits = matcher.lookup(text);
        if !hits.is_empty() {
            for h in hits {
                let _ = writeln!(
                    out,
                    "{text}\t→ {}\talias \"{}\": {}",
                    describe(&dict, h.what),
                    h.alias,
                    rules(h.case, h.needs)
                );
            }
            continue;
        }
        // not an alias as a whole: what does a report line with this text give?
        let doc = Document::read(
            Source {
                path: "lookup".into(),
                text: text.clone(),
            },
            &ctx,
        );
        let scan = matcher.scan(&doc);
        if scan.mentions.is_empty() {
            unresolved.push(text.clone());
        }
        if scan.mentions.is_empty() && scan.rejected.is_empty() {
            let _ = writeln!(out, "{text}\t→ nothing: no alias, and no alias in it");
        }
        for m in &scan.mentions {
            let _ = writeln!(
                out,
                "{text}\t→ {}\tfound as \"{}\" in the text ({})",
                describe(&dict, Candidate::Entry(m.entry)),
                &doc.text[m.start..m.end],
                matcher.via(m.via)
            );
        }
        for r in &scan.rejected {
            let _ = writeln!(
                out,
                "{text}\t✗ {}\trejected \"{}\": {}",
                describe(&dict, r.candidate),
                &doc.text[r.start..r.end],
                r.reason.as_str()
            );
        }
    }
    crate::write_stdout(&out)?;
    if unresolved.is_empty() {
        Ok(())
    } else {
        Err(Failure::Run(vec![format!(
            "no entry for {}",
            unresolved
                .iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )]))
    }
}

pub fn check(files: &[PathBuf], no_builtin: bool) -> Result<(), Failure> {
    let mut user = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Failure::Run(vec![format!("{}: cannot read: {e}", f.display())]))?;
        user.push((f.display().to_string(), text));
    }
    match Dictionary::with_user_files(&user, no_builtin) {
        Ok(dict) => {
            let mut out = Vec::new();
            for f in files {
                let name = f.display().to_string();
                let entries = dict
                    .entries
                    .iter()
                    .filter(|e| e.origin.file == name)
                    .count();
                let _ = writeln!(out, "{name}: ok, {entries} entries");
            }
            crate::write_stdout(&out)
        }
        Err(errors) => Err(Failure::Run(errors.iter().map(|e| e.to_string()).collect())),
    }
}

fn group(e: &Entry) -> &str {
    e.provider
        .as_deref()
        .or(e.category.as_deref())
        .unwrap_or("-")
}

fn describe(dict: &Dictionary, what: Candidate) -> String {
    match what {
        Candidate::Entry(i) => {
            let e = &dict.entries[i];
            format!(
                "{} {} ({}) [{}]",
                e.kind.as_str(),
                e.id,
                e.label(),
                group(e)
            )
        }
        Candidate::Provider(i) => format!(
            "provider {} ({}): context only, no node",
            dict.providers[i].id, dict.providers[i].name
        ),
    }
}

fn rules(case: Case, needs: Needs) -> String {
    let case = match case {
        Case::Any => "any case",
        Case::Exact => "exact case",
    };
    let needs = match needs {
        Needs::None => "no evidence needed",
        Needs::Neighbour => "needs a certain mention of its provider or category on the same line",
        Needs::Context => {
            "needs its provider or category in the same talk, its session or the overview"
        }
    };
    format!("{case}, {needs}")
}

fn alias_with_rules(a: &Alias) -> String {
    let mut marks = Vec::new();
    if a.case == Case::Exact {
        marks.push("exact");
    }
    match a.needs {
        Needs::None => {}
        Needs::Neighbour => marks.push("neighbour"),
        Needs::Context => marks.push("context"),
    }
    if a.shared {
        marks.push("shared");
    }
    let not_before =
        (!a.not_before.is_empty()).then(|| format!("not before {}", a.not_before.join("|")));
    if let Some(n) = &not_before {
        marks.push(n);
    }
    if marks.is_empty() {
        a.text.clone()
    } else {
        format!("{} [{}]", a.text, marks.join(","))
    }
}

#[derive(Serialize)]
struct WireEntry<'a> {
    id: &'a str,
    name: &'a str,
    short_name: Option<&'a str>,
    kind: &'static str,
    provider: Option<&'a str>,
    category: Option<&'a str>,
    parent: Option<&'a str>,
    namespace: Option<&'a str>,
    endpoints: &'a [String],
    aliases: Vec<WireAlias<'a>>,
}

#[derive(Serialize)]
struct WireAlias<'a> {
    text: &'a str,
    case: &'static str,
    needs: &'static str,
    shared: bool,
    generated: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    not_before: &'a [String],
}

impl<'a> From<&'a Entry> for WireEntry<'a> {
    fn from(e: &'a Entry) -> Self {
        WireEntry {
            id: &e.id,
            name: &e.name,
            short_name: e.short.as_deref(),
            kind: e.kind.as_str(),
            provider: e.provider.as_deref(),
            category: e.category.as_deref(),
            parent: e.parent.as_deref(),
            namespace: e.namespace.as_deref(),
            endpoints: &e.endpoints,
            aliases: e
                .aliases
                .iter()
                .map(|a| WireAlias {
                    text: &a.text,
                    case: match a.case {
                        Case::Any => "any",
                        Case::Exact => "exact",
                    },
                    needs: match a.needs {
                        Needs::None => "none",
                        Needs::Neighbour => "neighbour",
                        Needs::Context => "context",
                    },
                    shared: a.shared,
                    generated: a.generated,
                    not_before: &a.not_before,
                })
                .collect(),
        }
    }
}
