//! Finding mentions: one Aho-Corasick automaton over every alias, provider name and rule
//! trigger, built once per run; each report scanned in one pass over its folded text.
//!
//! Per candidate, in order: the boundary rule (no Latin letter, digit or `_` glued on either
//! side, Japanese neighbours fine; when the longest candidate fails, shorter ones at the same
//! place are tried), the alias's case rule, then — after the whole report is scanned — the
//! evidence an ambiguous alias needs. Rules recognise what no list holds (EC2 instance types,
//! ARNs). Every decision is kept: accepted mentions and rejected candidates with the reason.
//! The matcher never sees the graph.

mod folded;
mod rules;

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::dictionary::{Alias, Case, Dictionary, Kind, Needs, alias_key};
use crate::document::{Document, Scope};
use crate::text::is_word_byte;
pub use folded::Folded;
use rules::Rule;

/// An accepted mention of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into `Dictionary::entries`.
    pub entry: usize,
    pub scope: Scope,
    /// Byte range in the report's text.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The text as written.
    pub text: String,
    pub in_code: bool,
    /// How it was found: the alias, or the rule's name.
    pub via: String,
}

/// Why a candidate did not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A Latin letter, digit or `_` right before it ("SPECS").
    GluedLeft,
    /// A Latin letter, digit or `_` right after it ("S3X").
    GluedRight,
    /// The alias counts only in its exact capitalisation.
    Case,
    /// An ambiguous alias with no evidence around it.
    NoEvidence,
    /// An ambiguous word capitalised only because its heading is in Title Case.
    TitleCase,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::GluedLeft => "glued-left",
            Reason::GluedRight => "glued-right",
            Reason::Case => "case",
            Reason::NoEvidence => "no-evidence",
            Reason::TitleCase => "title-case",
        }
    }
}

/// A candidate that did not count, for debugging a dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Entry id or `provider:<id>`.
    pub candidate: String,
    pub scope: Scope,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub mentions: Vec<Mention>,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone)]
enum Target {
    Entry { entry: usize, alias: usize },
    Provider { provider: usize, alias: usize },
    Rule(Rule),
}

#[derive(Debug, Clone)]
struct Pattern {
    targets: Vec<Target>,
    starts_word: bool,
    ends_word: bool,
}

/// What the evidence rules need to know about an entry.
#[derive(Debug, Clone, Copy)]
struct Info {
    kind: Kind,
    /// Provider index for services, category index for tools.
    group: usize,
}

/// The compiled dictionary.
#[derive(Debug)]
pub struct Matcher<'d> {
    dict: &'d Dictionary,
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Every alias the targets point at, folded: (text, case, needs).
    aliases: Vec<(String, Case, Needs)>,
    info: Vec<Info>,
    provider_names: Vec<String>,
    /// (provider id, namespace) → entry, for ARNs.
    namespaces: HashMap<(String, String), usize>,
    instance_entry: Option<usize>,
}

/// An unresolved candidate, before evidence.
struct Found {
    what: Found2,
    start: usize,
    end: usize,
}

enum Found2 {
    Entry {
        entry: usize,
        needs: Needs,
        /// Matched under an exact-case rule.
        exact: bool,
        via: String,
    },
    Provider(usize),
}

impl<'d> Matcher<'d> {
    pub fn new(dict: &'d Dictionary) -> Result<Matcher<'d>, aho_corasick::BuildError> {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut aliases: Vec<(String, Case, Needs)> = Vec::new();
        let mut add = |text: &str, target: Target, patterns: &mut Vec<Pattern>| {
            let folded = crate::text::fold(text);
            if folded.is_empty() {
                return;
            }
            let key = alias_key(&folded);
            let idx = *keys.entry(key).or_insert_with(|| {
                let bytes = folded.as_bytes();
                literals.push(folded.clone());
                patterns.push(Pattern {
                    targets: Vec::new(),
                    starts_word: bytes.first().is_some_and(|&b| is_word_byte(b)),
                    ends_word: bytes.last().is_some_and(|&b| is_word_byte(b)),
                });
                patterns.len() - 1
            });
            patterns[idx].targets.push(target);
        };

        // user layers first: their spellings win over built-in ones; written before generated
        let mut order: Vec<usize> = (0..dict.entries.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(dict.entries[i].origin.layer));
        let provider_index = |id: &str| dict.providers.iter().position(|p| p.id == id);
        let mut categories: Vec<String> = Vec::new();
        let info: Vec<Info> = dict
            .entries
            .iter()
            .map(|e| {
                let group = match e.kind {
                    Kind::Service => e
                        .provider
                        .as_deref()
                        .and_then(provider_index)
                        .unwrap_or(usize::MAX),
                    Kind::Tool => {
                        let c = e.category.clone().unwrap_or_default();
                        match categories.iter().position(|x| *x == c) {
                            Some(i) => i,
                            None => {
                                categories.push(c);
                                categories.len() - 1
                            }
                        }
                    }
                };
                Info {
                    kind: e.kind,
                    group,
                }
            })
            .collect();
        for generated in [false, true] {
            for &i in &order {
                let e = &dict.entries[i];
                for a in e.spellings().filter(|a| a.generated == generated) {
                    aliases.push(alias_tuple(&a));
                    add(
                        &a.text,
                        Target::Entry {
                            entry: i,
                            alias: aliases.len() - 1,
                        },
                        &mut patterns,
                    );
                }
            }
        }
        for (p, provider) in dict.providers.iter().enumerate() {
            for a in &provider.aliases {
                aliases.push(alias_tuple(a));
                add(
                    &a.text,
                    Target::Provider {
                        provider: p,
                        alias: aliases.len() - 1,
                    },
                    &mut patterns,
                );
            }
        }
        let instance_entry = dict
            .entries
            .iter()
            .position(|e| e.recognise.iter().any(|r| r == "ec2-instance-type"));
        if instance_entry.is_some() {
            for (trigger, rule) in rules::INSTANCE_TRIGGERS {
                add(trigger, Target::Rule(*rule), &mut patterns);
            }
        }
        let mut namespaces = HashMap::new();
        for (i, e) in dict.entries.iter().enumerate() {
            if let (Some(p), Some(ns)) = (&e.provider, &e.namespace) {
                namespaces.insert((p.clone(), ns.to_ascii_lowercase()), i);
            }
        }
        if !namespaces.is_empty() {
            add("arn:", Target::Rule(Rule::Arn), &mut patterns);
        }
        // every pattern's rules first: they do their own boundary checks
        for p in &mut patterns {
            p.targets.sort_by_key(|t| !matches!(t, Target::Rule(_)));
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            .build(&literals)?;
        Ok(Matcher {
            dict,
            ac,
            patterns,
            aliases,
            info,
            provider_names: dict.providers.iter().map(|p| p.id.clone()).collect(),
            namespaces,
            instance_entry,
        })
    }

    pub fn dictionary(&self) -> &'d Dictionary {
        self.dict
    }

    /// Every mention in a report, and every candidate that did not count.
    pub fn scan(&self, doc: &Document) -> Scan {
        let folded = Folded::new(&doc.text, &doc.visible);
        let hay = folded.text.as_bytes();
        let mut found: Vec<Found> = Vec::new();
        let mut rejected: Vec<(usize, usize, String, Reason)> = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = self.ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let start = m.start();
            let mut end = m.end();
            let mut pid = m.pattern().as_usize();
            let mut resume = None;
            let left_glued = start > 0 && is_word_byte(hay[start - 1]);
            loop {
                match self.evaluate(pid, hay, start, end, left_glued) {
                    Ok((f, at)) => {
                        found.extend(f);
                        resume = Some(at);
                        break;
                    }
                    Err((candidate, reason)) => rejected.push((start, end, candidate, reason)),
                }
                // the longest failed: try shorter candidates at the same place
                if end <= start + 1 {
                    break;
                }
                let shorter = Input::new(hay)
                    .range(start..end - 1)
                    .anchored(Anchored::Yes);
                match self.ac.find(shorter) {
                    Some(m2) => {
                        end = m2.end();
                        pid = m2.pattern().as_usize();
                    }
                    None => break,
                }
            }
            pos = match resume {
                Some(at) => at.max(start + 1),
                None => next_char(hay, start),
            };
        }
        self.resolve(doc, &folded, found, rejected)
    }

    /// The first target of a pattern that takes this match, with where to scan on; or the
    /// reason the last one refused.
    fn evaluate(
        &self,
        pid: usize,
        hay: &[u8],
        start: usize,
        end: usize,
        left_glued: bool,
    ) -> Result<(Vec<Found>, usize), (String, Reason)> {
        let p = &self.patterns[pid];
        let mut last = None;
        for t in &p.targets {
            let index = match *t {
                Target::Rule(rule) => {
                    if let Some(hit) = rules::apply(rule, self, hay, start, end) {
                        return Ok(hit);
                    }
                    continue;
                }
                Target::Entry { alias, .. } | Target::Provider { alias, .. } => alias,
            };
            let name = match *t {
                Target::Entry { entry, .. } => self.dict.entries[entry].id.clone(),
                Target::Provider { provider, .. } => {
                    format!("provider:{}", self.provider_names[provider])
                }
                Target::Rule(_) => continue,
            };
            if p.starts_word && left_glued {
                last = Some((name, Reason::GluedLeft));
                continue;
            }
            if p.ends_word && hay.get(end).is_some_and(|&b| is_word_byte(b)) {
                last = Some((name, Reason::GluedRight));
                continue;
            }
            let (text, case, needs) = &self.aliases[index];
            if *case == Case::Exact && &hay[start..end] != text.as_bytes() {
                last = Some((name, Reason::Case));
                continue;
            }
            let what = match *t {
                Target::Entry { entry, .. } => Found2::Entry {
                    entry,
                    needs: *needs,
                    exact: *case == Case::Exact,
                    via: text.clone(),
                },
                Target::Provider { provider, .. } => Found2::Provider(provider),
                Target::Rule(_) => continue,
            };
            return Ok((vec![Found { what, start, end }], end));
        }
        Err(last.unwrap_or_else(|| ("rule".to_string(), Reason::NoEvidence)))
    }

    /// Evidence for ambiguous candidates, then offsets, lines and talks for everything.
    fn resolve(
        &self,
        doc: &Document,
        folded: &Folded,
        found: Vec<Found>,
        rejected: Vec<(usize, usize, String, Reason)>,
    ) -> Scan {
        let src = |start: usize, end: usize| {
            let s = folded.src_start(start);
            (s, folded.src_end(end).max(s))
        };
        let spans: Vec<(usize, usize)> = found
            .iter()
            .map(|f| src(f.start, f.end))
            .chain(rejected.iter().map(|r| src(r.0, r.1)))
            .collect();
        let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
        let places = doc.line_cols(&starts);
        let scopes: Vec<Scope> = starts.iter().map(|&s| doc.scope_at(s)).collect();

        // certain evidence, by (is a provider name, kind, group) and line or scope
        type Group = (bool, Kind, usize);
        let mut on_line: HashSet<(Group, usize)> = HashSet::new();
        let mut in_scope: HashSet<(Group, Scope)> = HashSet::new();
        for (i, f) in found.iter().enumerate() {
            let group = match &f.what {
                Found2::Entry {
                    entry,
                    needs: Needs::None,
                    ..
                } => (false, self.info[*entry].kind, self.info[*entry].group),
                Found2::Provider(provider) => (true, Kind::Service, *provider),
                Found2::Entry { .. } => continue,
            };
            on_line.insert((group, places[i].0));
            in_scope.insert((group, scopes[i]));
        }

        let mut scan = Scan::default();
        for (i, f) in found.iter().enumerate() {
            let Found2::Entry {
                entry,
                needs,
                exact,
                via,
            } = &f.what
            else {
                continue;
            };
            let Info { kind, group } = self.info[*entry];
            let (line, column) = places[i];
            let scope = scopes[i];
            let entry_group = (false, kind, group);
            let provider_group = (true, Kind::Service, group);
            let ok = match needs {
                Needs::None => true,
                Needs::Neighbour => on_line.contains(&(entry_group, line)),
                Needs::Context => {
                    on_line.contains(&(entry_group, line))
                        || in_scope.contains(&(entry_group, scope))
                        || (kind == Kind::Service && in_scope.contains(&(provider_group, scope)))
                }
            };
            let (start, end) = spans[i];
            let text = doc.text[start..end].to_string();
            let title_case = *exact && *needs != Needs::None && doc.in_title_case(start);
            if ok && !title_case {
                scan.mentions.push(Mention {
                    entry: *entry,
                    scope,
                    start,
                    end,
                    line,
                    column,
                    text,
                    in_code: folded.in_code(f.start),
                    via: via.clone(),
                });
            } else {
                scan.rejected.push(Rejected {
                    candidate: self.dict.entries[*entry].id.clone(),
                    scope,
                    start,
                    end,
                    line,
                    column,
                    text,
                    reason: if title_case {
                        Reason::TitleCase
                    } else {
                        Reason::NoEvidence
                    },
                });
            }
        }
        for (k, (_, _, candidate, reason)) in rejected.into_iter().enumerate() {
            let i = found.len() + k;
            let (start, end) = spans[i];
            scan.rejected.push(Rejected {
                candidate,
                scope: scopes[i],
                start,
                end,
                line: places[i].0,
                column: places[i].1,
                text: doc.text[start..end].to_string(),
                reason,
            });
        }
        scan.mentions.sort_by_key(|m| (m.start, m.end, m.entry));
        scan.rejected
            .sort_by(|a, b| (a.start, a.end, &a.candidate).cmp(&(b.start, b.end, &b.candidate)));
        scan
    }
}

fn alias_tuple(a: &Alias) -> (String, Case, Needs) {
    (crate::text::fold(&a.text), a.case, a.needs)
}

/// The byte after the character that starts at `i`.
fn next_char(hay: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < hay.len() && (hay[j] & 0xC0) == 0x80 {
        j += 1;
    }
    j
}
