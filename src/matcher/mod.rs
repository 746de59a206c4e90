//! Finding mentions: an Aho-Corasick automaton over every alias, provider name and rule
//! trigger, built once per run (a run of a few short reports builds each an automaton over
//! the patterns its text may hold instead: `automata`), and a byte table for the aliases one
//! letter long (`letters`); each report scanned in one pass over its folded text.
//!
//! Per candidate, in order: the boundary rule (no Latin letter, digit or `_` glued on either
//! side, Japanese neighbours fine; when the longest candidate fails, shorter ones at the same
//! place are tried), the alias's case rule, then — after the whole report is scanned — the
//! evidence an ambiguous alias needs. Rules recognise what no list holds (EC2 instance types,
//! ARNs). Every decision is kept: accepted mentions and rejected candidates with the reason.
//! The matcher never sees the graph.

mod automata;
mod folded;
mod letters;
pub mod links;
mod rules;

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};

use crate::dictionary::{Alias, Case, Dictionary, Kind, Needs, alias_key};
use crate::document::{Document, Scope};
use crate::text::is_word_byte;
pub use folded::Folded;
use rules::Rule;

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// An alias (an index the matcher resolves with `Matcher::via`).
    Alias(usize),
    /// A pattern rule: `ec2-instance-type`, `arn`.
    Rule(&'static str),
    /// A link to the tool's repository or package (an index into `Document::links`).
    Link(usize),
}

/// An accepted mention of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into `Dictionary::entries`.
    pub entry: usize,
    pub scope: Scope,
    /// Byte range in the report's text (`&doc.text[start..end]` is the text as written).
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub in_code: bool,
    pub via: Via,
}

/// What a rejected candidate would have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Candidate {
    /// Index into `Dictionary::entries`.
    Entry(usize),
    /// Index into `Dictionary::providers`.
    Provider(usize),
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
    /// The word opens a phrase that is no product ("lambda式", "lambda calculus", "Glue
    /// code"): the alias's `not_before`.
    Phrase,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::GluedLeft => "glued-left",
            Reason::GluedRight => "glued-right",
            Reason::Case => "case",
            Reason::NoEvidence => "no-evidence",
            Reason::TitleCase => "title-case",
            Reason::Phrase => "phrase",
        }
    }
}

/// One answer of `Matcher::lookup`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub what: Candidate,
    /// The alias as the dictionary has it (width-folded).
    pub alias: String,
    pub case: Case,
    pub needs: Needs,
}

/// A candidate that did not count, for debugging a dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub candidate: Candidate,
    pub scope: Scope,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub reason: Reason,
}

#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub mentions: Vec<Mention>,
    pub rejected: Vec<Rejected>,
    /// Tools no dictionary lists, named by links to their repository or package.
    pub linked: Vec<links::Linked>,
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
    /// Over every pattern's text but the one-letter ones: what a report is scanned with.
    automata: automata::Automata,
    /// The one-letter patterns, looked for apart.
    letters: letters::Letters,
    patterns: Vec<Pattern>,
    /// Every alias the targets point at, folded: (text, case, needs).
    aliases: Vec<(String, Case, Needs)>,
    /// Per alias: words after which it is no mention (folded, lower case).
    not_before: Vec<Vec<String>>,
    info: Vec<Info>,
    /// (provider id, namespace) → entry, for ARNs.
    namespaces: HashMap<(String, String), usize>,
    /// Providers' endpoint domains (`amazonaws.com`), searched apart from the names: a host
    /// name is read as a whole, never as words.
    domains: Option<AhoCorasick>,
    /// Provider index of each domain pattern.
    domain_provider: Vec<usize>,
    /// (provider index, host label) → entry, for endpoints.
    endpoints: HashMap<(usize, String), usize>,
    /// Folded, lower-cased alias → pattern.
    keys: HashMap<String, usize>,
    instance_entry: Option<usize>,
}

/// Where candidates start, and whether a Latin letter, digit or `_` is glued before it (one
/// right after a name just taken is not, before a capital: "AWSLambda").
struct Place {
    start: usize,
    left_glued: bool,
}

/// Where the candidates of a scan go.
struct Tally<'a> {
    found: &'a mut Vec<Found>,
    rejected: &'a mut Vec<(usize, usize, Candidate, Reason)>,
}

/// What one candidate match came to: found things and where to scan on, or why not (none
/// when the pattern held only rule triggers, which are no candidates).
type Outcome = Result<(Vec<Found>, usize), Option<(Candidate, Reason)>>;

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
        via: Via,
    },
    Provider(usize),
}

impl<'d> Matcher<'d> {
    pub fn new(dict: &'d Dictionary) -> Result<Matcher<'d>, aho_corasick::BuildError> {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut aliases: Vec<(String, Case, Needs)> = Vec::new();
        let mut not_before: Vec<Vec<String>> = Vec::new();
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
                    not_before.push(phrase_stops(&a));
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
                not_before.push(phrase_stops(a));
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
        let mut domain_list: Vec<&str> = Vec::new();
        let mut domain_provider = Vec::new();
        for (p, provider) in dict.providers.iter().enumerate() {
            for d in &provider.endpoint_domains {
                domain_list.push(d);
                domain_provider.push(p);
            }
        }
        let mut endpoints = HashMap::new();
        for (i, e) in dict.entries.iter().enumerate() {
            let Some(p) = e.provider.as_deref().and_then(provider_index) else {
                continue;
            };
            for host in &e.endpoints {
                endpoints.insert((p, host.to_ascii_lowercase()), i);
            }
        }
        let domains = if domain_list.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .build(&domain_list)?,
            )
        };
        // every pattern's rules first: they do their own boundary checks
        for p in &mut patterns {
            p.targets.sort_by_key(|t| !matches!(t, Target::Rule(_)));
        }
        // the automaton finds a rule's trigger, whatever its length: rules check for themselves
        let (letters, ids) = letters::Letters::split(&literals, |id| {
            patterns[id]
                .targets
                .iter()
                .all(|t| !matches!(t, Target::Rule(_)))
        });
        let automata = automata::Automata::new(literals, ids)?;
        Ok(Matcher {
            keys,
            dict,
            automata,
            letters,
            patterns,
            aliases,
            not_before,
            info,
            namespaces,
            domains,
            domain_provider,
            endpoints,
            instance_entry,
        })
    }

    pub fn dictionary(&self) -> &'d Dictionary {
        self.dict
    }

    /// What a spelling resolves to as a whole: every entry or provider whose alias it is,
    /// with the alias's rules. Empty when it is nobody's alias.
    pub fn lookup(&self, text: &str) -> Vec<Lookup> {
        let key = alias_key(&crate::text::fold(text));
        let Some(&pid) = self.keys.get(&key) else {
            return Vec::new();
        };
        self.patterns[pid]
            .targets
            .iter()
            .filter_map(|t| {
                let (what, alias) = match *t {
                    Target::Entry { entry, alias } => (Candidate::Entry(entry), alias),
                    Target::Provider { provider, alias } => (Candidate::Provider(provider), alias),
                    Target::Rule(_) => return None,
                };
                let (text, case, needs) = self.aliases[alias].clone();
                Some(Lookup {
                    what,
                    alias: text,
                    case,
                    needs,
                })
            })
            .collect()
    }

    /// The alias (folded) or rule a mention was found by.
    pub fn via(&self, via: Via) -> &str {
        match via {
            Via::Alias(i) => self.aliases.get(i).map_or("", |a| a.0.as_str()),
            Via::Rule(name) => name,
            Via::Link(_) => "link",
        }
    }

    /// Every mention in a report, and every candidate that did not count.
    pub fn scan(&self, doc: &Document) -> Scan {
        let folded = Folded::new(&doc.text, &doc.visible);
        let hay = folded.text.as_bytes();
        let ac = self.automata.for_text(hay);
        let mut found: Vec<Found> = Vec::new();
        let mut rejected: Vec<(usize, usize, Candidate, Reason)> = Vec::new();
        // host names under a provider's domain: one endpoint each, and no words inside
        let hosts = rules::endpoint_hosts(self, hay);
        for h in &hosts {
            if let Some(entry) = h.entry {
                found.push(rules::endpoint_found(entry, h.start, h.end));
            }
        }
        let mut next_host = 0;
        let mut pos = 0;
        let mut joined: Option<usize> = None;
        // the automaton's next candidate (start, end, pattern) and the next one-letter one
        // (start, pattern) from `pos` on, kept while they lie ahead; none when none is left
        let mut word = ac.find(Input::new(hay));
        let mut letter = self.letters.next_from(hay, 0);
        while pos < hay.len() {
            if word.is_some_and(|w| w.0 < pos) {
                word = ac.find(Input::new(hay).range(pos..));
            }
            if letter.is_some_and(|l| l.0 < pos) {
                letter = self.letters.next_from(hay, pos);
            }
            let Some(start) = word
                .map(|w| w.0)
                .into_iter()
                .chain(letter.map(|l| l.0))
                .min()
            else {
                break;
            };
            while next_host < hosts.len() && hosts[next_host].end <= start {
                next_host += 1;
            }
            if let Some(h) = hosts.get(next_host)
                && h.start <= start
            {
                pos = h.end;
                continue;
            }
            let place = Place {
                start,
                left_glued: start > 0
                    && is_word_byte(hay[start - 1])
                    && !(Some(start) == joined && hay[start].is_ascii_uppercase()),
            };
            let word_here = word.filter(|w| w.0 == start).map(|w| (w.1, w.2));
            let letter_here = letter.filter(|l| l.0 == start).map(|l| l.1);
            let mut seen = Tally {
                found: &mut found,
                rejected: &mut rejected,
            };
            let resume = self.take_place(&ac, hay, &place, word_here, letter_here, &mut seen);
            // "AWSLambda": the next name may start right where this one ended
            joined = resume;
            pos = match resume {
                Some(at) => at.max(start + 1),
                None => next_char(hay, start),
            };
        }
        let mut scan = self.resolve(doc, &folded, found, rejected);
        self.add_links(doc, &mut scan);
        scan
    }

    /// Links that name the repository or package they point at: a mention of the entry the
    /// name is an alias of (the link is the evidence an ambiguous name lacked), or else a
    /// tool of its own.
    fn add_links(&self, doc: &Document, scan: &mut Scan) {
        let linked = links::linked_tools(doc, &scan.mentions);
        if linked.is_empty() {
            return;
        }
        for l in linked {
            let targets = self.lookup(&l.name);
            // a repository or package page names a tool, never a cloud service; the alias's
            // case still holds ("[connect](npm)" is no Connect)
            let written = crate::text::fold(&l.name);
            let tool = targets.iter().find_map(|t| match t.what {
                Candidate::Entry(e)
                    if self.dict.entries[e].kind == Kind::Tool
                        && (t.case == Case::Any || t.alias == written) =>
                {
                    Some(e)
                }
                _ => None,
            });
            match tool {
                Some(entry) => scan.mentions.push(Mention {
                    entry,
                    scope: l.scope,
                    start: l.start,
                    end: l.end,
                    line: l.line,
                    column: l.column,
                    in_code: false,
                    via: Via::Link(l.link),
                }),
                // a provider's or service's name ("[AWS](https://github.com/aws/aws)") is no
                // tool of its own
                None if !targets.is_empty() => {}
                None => scan.linked.push(l),
            }
        }
        scan.mentions.sort_by_key(|m| (m.start, m.end, m.entry));
    }

    /// The candidates at one place, longest first, until one is taken: the automaton's
    /// longest, its shorter ones, then a one-letter pattern's. Where to scan on when one is
    /// taken.
    fn take_place(
        &self,
        ac: &automata::Automaton<'_>,
        hay: &[u8],
        place: &Place,
        word: Option<(usize, usize)>,
        letter: Option<usize>,
        seen: &mut Tally<'_>,
    ) -> Option<usize> {
        let mut candidate = word;
        while let Some((end, pid)) = candidate {
            if let Some(at) = self.try_candidate(pid, hay, place, end, seen) {
                return Some(at);
            }
            // the longest failed: try shorter candidates at the same place
            let shorter = Input::new(hay)
                .range(place.start..end - 1)
                .anchored(Anchored::Yes);
            candidate = ac.find(shorter).map(|(_, e, p)| (e, p));
        }
        letter.and_then(|pid| self.try_candidate(pid, hay, place, place.start + 1, seen))
    }

    /// One candidate: where to scan on when it is taken.
    fn try_candidate(
        &self,
        pid: usize,
        hay: &[u8],
        place: &Place,
        end: usize,
        seen: &mut Tally<'_>,
    ) -> Option<usize> {
        let start = place.start;
        match self.evaluate(pid, hay, start, end, place.left_glued) {
            Ok((f, at)) => {
                seen.found.extend(f);
                Some(at)
            }
            Err(Some((what, reason))) => {
                seen.rejected.push((start, end, what, reason));
                None
            }
            // a rule's trigger word that is no instance type: not a candidate at all
            Err(None) => None,
        }
    }

    /// The first target of a pattern that takes this match, with where to scan on; or the
    /// reason the last one refused (none when only rule triggers were there).
    fn evaluate(
        &self,
        pid: usize,
        hay: &[u8],
        start: usize,
        end: usize,
        left_glued: bool,
    ) -> Outcome {
        let p = &self.patterns[pid];
        let mut last = None;
        let mut hits: Vec<Found> = Vec::new();
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
                Target::Entry { entry, .. } => Candidate::Entry(entry),
                Target::Provider { provider, .. } => Candidate::Provider(provider),
                Target::Rule(_) => continue,
            };
            let (text, case, needs) = &self.aliases[index];
            let case_ok = *case == Case::Any || &hay[start..end] == text.as_bytes();
            let glued = if p.starts_word && left_glued {
                Some(Reason::GluedLeft)
            } else if p.ends_word
                && hay.get(end).is_some_and(|&b| is_word_byte(b))
                && !plural_or_joint(hay, start, end)
            {
                Some(Reason::GluedRight)
            } else {
                None
            };
            // "r" inside "here" is not worth reporting: only a spelling that is right in one
            // respect and wrong in the other is a near miss
            if glued.is_none() && case_ok && opens_phrase(hay, end, &self.not_before[index]) {
                last = Some((name, Reason::Phrase));
                continue;
            }
            match (glued, case_ok) {
                // a single letter glued to a word ("E" of "Endpoints") is no near miss
                (Some(_), true) if end - start == 1 => continue,
                (Some(reason), true) => {
                    last = Some((name, reason));
                    continue;
                }
                (None, false) => {
                    last = Some((name, Reason::Case));
                    continue;
                }
                (Some(_), false) => continue,
                (None, true) => {}
            }
            match *t {
                Target::Provider { provider, .. } => {
                    return Ok((
                        vec![Found {
                            what: Found2::Provider(provider),
                            start,
                            end,
                        }],
                        end,
                    ));
                }
                Target::Entry { entry, .. } => {
                    let found = Found {
                        what: Found2::Entry {
                            entry,
                            needs: *needs,
                            exact: *case == Case::Exact,
                            via: Via::Alias(index),
                        },
                        start,
                        end,
                    };
                    // a certain target wins outright; ambiguous ones (a shared alias) are
                    // kept together for the evidence to choose from
                    if *needs == Needs::None {
                        return Ok((vec![found], end));
                    }
                    hits.push(found);
                }
                Target::Rule(_) => {}
            }
        }
        if !hits.is_empty() {
            return Ok((hits, end));
        }
        Err(last)
    }

    /// Evidence for ambiguous candidates, then offsets, lines and talks for everything.
    fn resolve(
        &self,
        doc: &Document,
        folded: &Folded,
        found: Vec<Found>,
        rejected: Vec<(usize, usize, Candidate, Reason)>,
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
        // scopes and lines with any certain mention at all
        let mut technical: HashSet<Scope> = HashSet::new();
        let mut technical_lines: HashSet<usize> = HashSet::new();
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
            technical.insert(scopes[i]);
            technical_lines.insert(places[i].0);
        }

        let mut scan = Scan::default();
        let mut i = 0;
        while i < found.len() {
            // alternatives for one place (a shared alias) follow each other
            let mut j = i + 1;
            while j < found.len()
                && (found[j].start, found[j].end) == (found[i].start, found[i].end)
                && matches!(found[j].what, Found2::Entry { .. })
            {
                j += 1;
            }
            let group = i..j;
            i = j;
            let mut chosen = None;
            for k in group.clone() {
                let Found2::Entry {
                    entry,
                    needs,
                    exact,
                    ..
                } = &found[k].what
                else {
                    continue;
                };
                let Info { kind, group: g } = self.info[*entry];
                let (line, _) = places[k];
                let entry_group = (false, kind, g);
                let provider_group = (true, Kind::Service, g);
                let evidence = match needs {
                    Needs::None => true,
                    Needs::Neighbour => {
                        on_line.contains(&(entry_group, line))
                            || (japanese_embedded(&folded.text, found[k].start, found[k].end)
                                && context(doc, scopes[k]).any(|s| technical.contains(&s)))
                            || (kind == Kind::Tool
                                && technical_lines.contains(&line)
                                && mid_sentence(&folded.text, found[k].start, found[k].end))
                    }
                    Needs::Context => {
                        // a tool's katakana name is no English word: any technical talk
                        // will do ("データドッグ" where only AWS services are named)
                        let katakana_tool = kind == Kind::Tool
                            && folded
                                .text
                                .get(found[k].start..found[k].end)
                                .is_some_and(crate::dictionary::is_katakana_word);
                        on_line.contains(&(entry_group, line))
                            || context(doc, scopes[k]).any(|scope| {
                                in_scope.contains(&(entry_group, scope))
                                    || (kind == Kind::Service
                                        && in_scope.contains(&(provider_group, scope)))
                                    || (katakana_tool && technical.contains(&scope))
                            })
                    }
                };
                let title_case = *exact && *needs != Needs::None && doc.in_title_case(spans[k].0);
                if evidence && !title_case {
                    chosen = Some(k);
                    break;
                }
            }
            let k = chosen.unwrap_or(group.start);
            let Found2::Entry {
                entry,
                needs,
                exact,
                via,
            } = &found[k].what
            else {
                continue;
            };
            let (line, column) = places[k];
            let (start, end) = spans[k];
            if chosen.is_some() {
                scan.mentions.push(Mention {
                    entry: *entry,
                    scope: scopes[k],
                    start,
                    end,
                    line,
                    column,
                    in_code: folded.in_code(found[k].start),
                    via: *via,
                });
            } else {
                let title_case = *exact && *needs != Needs::None && doc.in_title_case(start);
                scan.rejected.push(Rejected {
                    candidate: Candidate::Entry(*entry),
                    scope: scopes[k],
                    start,
                    end,
                    line,
                    column,
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
                reason,
            });
        }
        scan.mentions.sort_by_key(|m| (m.start, m.end, m.entry));
        scan.rejected.sort_by_key(|r| (r.start, r.end, r.candidate));
        scan
    }
}

/// The scopes whose certain mentions vouch for an ambiguous one in `scope`: the talk, the
/// sessions it is part of, and the report's own text outside talks.
fn context(doc: &Document, scope: Scope) -> impl Iterator<Item = Scope> + '_ {
    let mut next = Some(scope);
    std::iter::from_fn(move || {
        let cur = next?;
        next = match cur {
            Scope::Talk(t) => Some(
                doc.talks
                    .get(t)
                    .and_then(|talk| talk.parent)
                    .map_or(Scope::Event, Scope::Talk),
            ),
            Scope::Event => None,
        };
        Some(cur)
    })
}

fn alias_tuple(a: &Alias) -> (String, Case, Needs) {
    (crate::text::fold(&a.text), a.case, a.needs)
}

fn phrase_stops(a: &Alias) -> Vec<String> {
    a.not_before
        .iter()
        .map(|w| crate::text::fold(w).to_lowercase())
        .collect()
}

/// Whether the text after a match opens with one of `stops` as a whole word ("lambda式",
/// "lambda calculus", not "lambda calculator").
fn opens_phrase(hay: &[u8], end: usize, stops: &[String]) -> bool {
    if stops.is_empty() {
        return false;
    }
    // a few bytes suffice: the stops are words
    let tail = hay.get(end..).unwrap_or_default();
    let tail = &tail[..tail.len().min(64)];
    let after = match std::str::from_utf8(tail) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&tail[..e.valid_up_to()]).unwrap_or_default(),
    };
    let after = after.strip_prefix(' ').unwrap_or(after);
    stops.iter().any(|w| {
        after.len() >= w.len()
            && after.is_char_boundary(w.len())
            && after[..w.len()].eq_ignore_ascii_case(w)
            && !after[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// A Latin word set in Japanese prose ("Tilt でホットリロード", "、Renovate に任せる"):
/// Japanese writes its own words in kana and kanji, so a Latin word there is a name or a
/// term, never the English word a name like "Tilt" or "Go" can also be. It takes a Japanese
/// character after it (a particle) and no Latin word before it. Acronyms and single
/// letters ("RPC", "B" of "A/B テスト") are terms as often as names, so the word needs
/// two letters and a lower-case one.
fn japanese_embedded(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(word), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return false;
    };
    if word.chars().count() < 2 || !word.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    let next = after.trim_start_matches(' ').chars().next();
    let prev = before.trim_end_matches(' ').chars().next_back();
    next.is_some_and(is_japanese) && prev.is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// A capitalised word inside an English sentence ("applies go through Atlantis, after",
/// "(Barman under the hood)"): its capital is the writer's, not the sentence's, so it names
/// something. At the start of a line or a sentence ("Go to the docs") it proves nothing.
fn mid_sentence(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(word)) = (text.get(..start), text.get(start..end)) else {
        return false;
    };
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && word.chars().count() >= 2;
    let prev = before.trim_end_matches(' ');
    let sentence_start =
        prev.is_empty() || prev.ends_with(['\n', '.', '!', '?', ':', ';', '"', '“', '*', '-', '>']);
    // in Title Case ("Realm Mobile Platform DataSync") every word has a capital: the word
    // before must be written in lower case, or end a clause ("(", ",")
    let prev_word = prev
        .rsplit([' ', '\n'])
        .next()
        .and_then(|w| w.chars().next_back().map(|last| (w, last)));
    let in_prose = prev_word.is_some_and(|(w, last)| {
        matches!(last, ',' | '(' | '、') || w.chars().next().is_some_and(char::is_lowercase)
    });
    capitalised && !sentence_start && in_prose
}

fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // kana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' // kanji
        | '\u{3001}' | '\u{3002}' // 、。
    )
}

/// The byte after the character that starts at `i`.
fn next_char(hay: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < hay.len() && (hay[j] & 0xC0) == 0x80 {
        j += 1;
    }
    j
}

/// Letters glued on the right that still leave the name standing: a plural `s` ("Lambdas",
/// "VPCs", "EC2s") and a CamelCase joint after an acronym ("IAMRole", "EC2Instance"). Only
/// a name written with a capital first takes them, so "glues" stays glued. (A possessive
/// needs no rule: the apostrophe already ends the word.)
fn plural_or_joint(hay: &[u8], start: usize, end: usize) -> bool {
    let name = &hay[start..end];
    let (Some(&first), Some(&last)) = (name.first(), name.last()) else {
        return false;
    };
    if name.len() < 2 || !(first.is_ascii_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let at = |i: usize| hay.get(i).copied();
    let word_ends = |i: usize| !at(i).is_some_and(is_word_byte);
    match at(end) {
        // a plural: "Lambdas", "VPCs"; never after an s ("Kinesiss" is no word)
        Some(b's') => word_ends(end + 1) && last != b's' && last != b'S',
        // a joint: an acronym ("IAM", "EC2", "DynamoDB") and a capitalised word after it
        // ("Role", "Instance"); "S3X" is no joint, and a word is not an acronym: "GitOps"
        // is not Git, "ControlPlane" not Cloud Control
        Some(b) if b.is_ascii_uppercase() => {
            let long_enough = name.len() >= 3 || name.iter().any(u8::is_ascii_digit);
            let acronym = name[name.len() - 2..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            long_enough && acronym && at(end + 1).is_some_and(|c| c.is_ascii_lowercase())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    const DICT: &str = r#"
[[provider]]
id = "aws"
name = "Amazon Web Services"
aliases = ["AWS", "Amazon Web Services"]
prefixes = ["AWS", "Amazon"]
endpoint_domains = ["amazonaws.com"]

[[provider]]
id = "azure"
name = "Microsoft Azure"
aliases = ["Azure"]
prefixes = ["Azure"]

[[entry]]
id = "amazon-ec2"
name = "Amazon EC2"
kind = "service"
provider = "aws"
namespace = "ec2"
endpoints = ["ec2", "compute-1"]
recognise = ["ec2-instance-type"]
aliases = ["EC2"]

[[entry]]
id = "amazon-ecs"
name = "Amazon Elastic Container Service"
short = "Amazon ECS"
kind = "service"
provider = "aws"
aliases = ["ECS"]

[[entry]]
id = "amazon-s3"
name = "Amazon S3"
kind = "service"
provider = "aws"
namespace = "s3"
endpoints = ["s3", "s3-website"]
aliases = ["S3"]

[[entry]]
id = "aws-batch"
name = "AWS Batch"
kind = "service"
provider = "aws"
aliases = [{ text = "Batch", case = "exact", needs = "context", shared = true }]

[[entry]]
id = "aws-direct-connect"
name = "AWS Direct Connect"
kind = "service"
provider = "aws"
aliases = ["Direct Connect"]

[[entry]]
id = "aws-direct-connect-gateway"
name = "Direct Connect Gateway"
kind = "service"
provider = "aws"
parent = "aws-direct-connect"

[[entry]]
id = "aws-glue"
name = "AWS Glue"
kind = "service"
provider = "aws"
aliases = [{ text = "Glue", case = "exact", needs = "context" }]

[[entry]]
id = "aws-lambda"
name = "AWS Lambda"
kind = "service"
provider = "aws"
namespace = "lambda"
aliases = ["Lambda"]

[[entry]]
id = "aws-lambda-at-edge"
name = "Lambda@Edge"
kind = "service"
provider = "aws"
parent = "aws-lambda"

[[entry]]
id = "azure-batch"
name = "Azure Batch"
kind = "service"
provider = "azure"
aliases = [{ text = "Batch", case = "exact", needs = "context", shared = true }]

[[entry]]
id = "azure-functions"
name = "Azure Functions"
kind = "service"
provider = "azure"

[[entry]]
id = "go"
name = "Go"
kind = "tool"
category = "language"
aliases = ["golang", { text = "Go", case = "exact", needs = "neighbour" }]

[[entry]]
id = "r"
name = "R"
kind = "tool"
category = "language"
aliases = [{ text = "R", case = "exact" }]

[[entry]]
id = "java"
name = "Java"
kind = "tool"
category = "language"

[[entry]]
id = "terraform"
name = "Terraform"
kind = "tool"
category = "iac"
"#;

    fn scan(text: &str) -> Seen {
        let dict = Dictionary::with_user_files(&[("t.toml".into(), DICT.into())], true)
            .unwrap_or_else(|e| panic!("test dictionary: {e:?}"));
        let matcher = Matcher::new(&dict).expect("compiles");
        let doc = Document::read(
            Source {
                path: "t.md".into(),
                text: text.into(),
            },
            &crate::document::Context::for_dictionary(&dict, Default::default()),
        );
        let scan = matcher.scan(&doc);
        Seen {
            mentions: scan
                .mentions
                .iter()
                .map(|m| {
                    let id = dict.entries[m.entry].id.clone();
                    (
                        id,
                        doc.text[m.start..m.end].to_string(),
                        m.line,
                        m.column,
                        m.in_code,
                    )
                })
                .collect(),
            rejected: scan
                .rejected
                .iter()
                .map(|r| {
                    let id = match r.candidate {
                        Candidate::Entry(e) => dict.entries[e].id.clone(),
                        Candidate::Provider(p) => dict.providers[p].id.clone(),
                    };
                    (id, r.reason)
                })
                .collect(),
        }
    }

    /// Mentions as (entry id, text, line, column, in code); rejections as (candidate, reason).
    struct Seen {
        mentions: Vec<(String, String, usize, usize, bool)>,
        rejected: Vec<(String, Reason)>,
    }

    /// `id=text` for each mention.
    fn found(text: &str) -> Vec<String> {
        scan(text)
            .mentions
            .iter()
            .map(|m| format!("{}={}", m.0, m.1))
            .collect()
    }

    #[test]
    fn japanese_embedding_table() {
        // (text, the word, embedded in Japanese prose)
        let rows = [
            ("Tilt でホットリロード", "Tilt", true),
            ("更新は Renovate に任せる", "Renovate", true),
            ("、Goの API", "Go", true),
            ("kind のクラスタ", "kind", true),
            ("use Tilt でね", "Tilt", false),
            ("Tilt the screen", "Tilt", false),
            ("A/B テスト", "B", false),
            ("RPC で通信", "RPC", false),
            ("Renovate", "Renovate", false),
        ];
        for (text, word, want) in rows {
            let start = text.find(word).expect("word in text");
            assert_eq!(
                japanese_embedded(text, start, start + word.len()),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn phrase_table() {
        let stops: Vec<String> = ["式", "calculus", "/no-go"].map(String::from).to_vec();
        let rows = [
            ("lambda式は", true),
            ("lambda calculus", true),
            ("lambda calculator", false),
            ("Go/No-Go", true),
            ("lambda 関数", false),
            ("lambda", false),
        ];
        for (text, want) in rows {
            let end = text.find(['式', ' ', '/']).map_or(text.len(), |i| i);
            let end = if text.starts_with("Go") {
                2
            } else {
                end.min(6)
            };
            assert_eq!(opens_phrase(text.as_bytes(), end, &stops), want, "{text:?}");
        }
    }

    #[test]
    fn mid_sentence_table() {
        let rows = [
            ("applies go through Atlantis, after", "Atlantis", true),
            ("operator (Barman under the hood)", "Barman", true),
            ("so Celery is gone", "Celery", true),
            ("Go to the Terraform docs", "Go", false),
            ("done. Go to the docs", "Go", false),
            ("Pluto: a planet", "Pluto", false),
            ("written in go with", "go", false),
            ("the B side", "B", false),
            ("Realm Mobile Platform DataSync/x", "DataSync", false),
        ];
        for (text, word, want) in rows {
            let start = text.find(word).expect("word in text");
            assert_eq!(
                mid_sentence(text, start, start + word.len()),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn boundary_table() {
        let rows: [(&str, &[&str]); 19] = [
            ("ECS and EC2", &["amazon-ecs=ECS", "amazon-ec2=EC2"]),
            ("SPECS", &[]),
            ("S3X and xS3", &[]),
            ("ECSfoo", &[]),
            ("ECS_DISABLE", &[]),
            ("ECSのTaskとS3バケット", &["amazon-ecs=ECS", "amazon-s3=S3"]),
            ("ＥＣ２とＳ３", &["amazon-ec2=ＥＣ２", "amazon-s3=Ｓ３"]),
            ("AWS Lambdas", &["aws-lambda=AWS Lambda"]),
            ("S3's bucket, EC2s", &["amazon-s3=S3", "amazon-ec2=EC2"]),
            ("the glues, Kinesiss", &[]),
            (
                "AWS Lambda, Lambda@Edge",
                &["aws-lambda=AWS Lambda", "aws-lambda-at-edge=Lambda@Edge"],
            ),
            (
                "Direct Connect Gateway",
                &["aws-direct-connect-gateway=Direct Connect Gateway"],
            ),
            (
                "Direct\nConnect here",
                &["aws-direct-connect=Direct\nConnect"],
            ),
            ("S3-compatible (S3)", &["amazon-s3=S3", "amazon-s3=S3"]),
            ("lambda, ecs", &["aws-lambda=lambda", "amazon-ecs=ecs"]),
            ("S3Bucket", &["amazon-s3=S3"]),
            (
                "ECSTask, EC2Instance",
                &["amazon-ecs=ECS", "amazon-ec2=EC2"],
            ),
            ("AWSLambda", &["aws-lambda=Lambda"]),
            ("S3X, GitOps, Cloud ControlPlane, ECSTASK", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    /// One-letter aliases are looked for apart from the automaton, where they may stand
    /// alone, and taken in turn with its candidates as if they were among them.
    #[test]
    fn one_letter_aliases() {
        let rows: [(&str, &[&str]); 6] = [
            ("R, Rust and (R)", &["r=R", "r=R"]),
            ("here, there, Rx, xR", &[]),
            // a capital right after a name glues it ("S3R") or, after a joint, to the next
            // word ("S3Rx")
            ("S3R and EC2R", &[]),
            ("S3Rx", &["amazon-s3=S3"]),
            ("Ｒ言語", &["r=Ｒ"]),
            ("a r b", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
        let s = scan("a r b, R; S3R");
        let reasons: Vec<(&str, Reason)> = s.rejected.iter().map(|r| (r.0.as_str(), r.1)).collect();
        assert_eq!(
            reasons,
            [("r", Reason::Case), ("amazon-s3", Reason::GluedRight)]
        );
    }

    #[test]
    fn endpoint_table() {
        let rows: [(&str, &[&str]); 7] = [
            (
                "push to bucket.s3.us-west-2.amazonaws.com now",
                &["amazon-s3=bucket.s3.us-west-2.amazonaws.com"],
            ),
            // a host is one name: no Lambda in the bucket's name
            (
                "lambda-art.s3-website-us-east-1.amazonaws.com.",
                &["amazon-s3=lambda-art.s3-website-us-east-1.amazonaws.com"],
            ),
            (
                "ssh ec2-1-2-3-4.compute-1.amazonaws.com",
                &["amazon-ec2=ec2-1-2-3-4.compute-1.amazonaws.com"],
            ),
            ("lambda.unknown.us-east-1.amazonaws.com", &[]),
            ("amazonaws.com and .amazonaws.com", &[]),
            // a URL in prose is no name; in code it is what the code calls
            ("see https://bucket.s3.amazonaws.com/a.png", &[]),
            (
                "`curl https://bucket.s3.amazonaws.com/a.png`",
                &["amazon-s3=bucket.s3.amazonaws.com"],
            ),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    #[test]
    fn shorter_candidates_are_tried_when_the_longest_is_glued() {
        let s = scan("AWS Lambdax");
        assert!(s.mentions.is_empty());
        let reasons: Vec<(&str, Reason)> = s.rejected.iter().map(|r| (r.0.as_str(), r.1)).collect();
        // "AWS Lambda" is glued to the "x"; "AWS" (the provider) is taken instead, and the
        // scan goes on after it to reject "Lambda" for the same reason
        assert_eq!(
            reasons,
            [
                ("aws-lambda", Reason::GluedRight),
                ("aws-lambda", Reason::GluedRight)
            ]
        );
    }

    #[test]
    fn rule_table() {
        let rows: [(&str, &[&str]); 13] = [
            ("ECS / Batch", &["amazon-ecs=ECS", "aws-batch=Batch"]),
            ("a Batch of jobs", &[]),
            // a shared alias goes to the provider the talk is about
            (
                "Azure Functions and Batch",
                &["azure-functions=Azure Functions", "azure-batch=Batch"],
            ),
            ("ECS / batch", &["amazon-ecs=ECS"]),
            ("golang, Go, java", &["go=golang", "go=Go", "java=java"]),
            ("Let's Go!", &[]),
            ("go, java", &["java=java"]),
            ("## Talk on AWS\n\nSome Glue here", &["aws-glue=Glue"]),
            ("## Talk\n\nSome Glue here", &[]),
            // a session's context carries to its talks, the report's overview to every talk
            (
                "## LTs on AWS\n\nby Ann Lee / Bob Stone\n\n### One\n\nby Ann Lee\n\nGlue",
                &["aws-glue=Glue"],
            ),
            (
                "# Event on AWS\n\n## One\n\nby Ann Lee\n\nGlue",
                &["aws-glue=Glue"],
            ),
            (
                "## Other talk on AWS\n\nby Ann Lee\n\n## One\n\nby Bob Stone\n\nGlue",
                &[],
            ),
            (
                "## Less Glue Code with Fewer Lambda Functions\n\nAWS",
                &["aws-lambda=Lambda"],
            ),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    #[test]
    fn pattern_rules() {
        let rows: [(&str, &[&str]); 9] = [
            (
                "use c5.large or m5.2xlarge",
                &["amazon-ec2=c5.large", "amazon-ec2=m5.2xlarge"],
            ),
            ("C5インスタンスは速い", &["amazon-ec2=C5"]),
            ("R6g instances", &["amazon-ec2=R6g"]),
            ("a large number, for instance", &[]),
            ("v1.large", &[]),
            (
                "`arn:aws:s3:::my-bucket/key`",
                &["amazon-s3=arn:aws:s3:::my-bucket/key"],
            ),
            (
                "arn:aws-cn:lambda:cn-north-1:123:function:f",
                &["aws-lambda=arn:aws-cn:lambda:cn-north-1:123:function:f"],
            ),
            ("arn:aws:nope:::x", &[]),
            ("yarn:aws:x:y", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    #[test]
    fn what_a_reader_does_not_read_is_not_scanned() {
        let rows: [(&str, &[&str]); 6] = [
            ("[the docs](https://aws.amazon.com/dynamodb/ecs)", &[]),
            ("see https://example.com/ECS/S3 now", &[]),
            (
                "<a href=\"https://x/ECS\">Lambda</a>",
                &["aws-lambda=Lambda"],
            ),
            ("![ECS diagram](ecs.png)", &[]),
            ("<!-- ECS -->", &[]),
            ("## Talk\n\nby Lambda Jones\n\nECS", &["amazon-ecs=ECS"]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    #[test]
    fn code_is_scanned_and_marked() {
        let s = scan("Run `aws ecs list` then\n\n```\nterraform apply # S3\n```\n\nECS");
        let marks: Vec<(String, bool)> = s.mentions.iter().map(|m| (m.0.clone(), m.4)).collect();
        assert_eq!(
            marks,
            [
                ("amazon-ecs".to_string(), true),
                ("terraform".to_string(), true),
                ("amazon-s3".to_string(), true),
                ("amazon-ecs".to_string(), false)
            ]
        );
    }

    #[test]
    fn offsets_lines_and_columns_point_into_the_original() {
        let text = "---\ntitle: t\n---\n# E\n\nあいＥＣ２ and ECS\n";
        let s = scan(text);
        let at: Vec<(usize, usize, &str)> = s
            .mentions
            .iter()
            .map(|m| (m.2, m.3, m.1.as_str()))
            .collect();
        assert_eq!(at, [(6, 3, "ＥＣ２"), (6, 11, "ECS")]);
    }
}
