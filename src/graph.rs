//! The knowledge graph: events, talks, speakers, services and tools, with stable readable ids,
//! merged across reports (the same handle or name is one speaker, the same entry one node,
//! the same event name one event).
//!
//! Built from documents and their mentions; exporters read it and nothing else. Nodes and
//! edges are inserted in one canonical order, so the same inputs give the same graph whatever
//! order they came in.

pub mod filter;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::dictionary::{Dictionary, Kind};
use crate::document::{Document, EventInfo, FrontMatter, Scope, Speaker, Talk};
use crate::matcher::Scan;
use crate::text::{name_key, slug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Event,
    Talk,
    Speaker,
    Service,
    Tool,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Event => "event",
            NodeKind::Talk => "talk",
            NodeKind::Speaker => "speaker",
            NodeKind::Service => "service",
            NodeKind::Tool => "tool",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Event {
        id: String,
        name: String,
        date: Option<String>,
        url: Option<String>,
    },
    Talk {
        id: String,
        title: String,
        source: String,
        line: usize,
        session: bool,
        /// How sure the reading is that this part is a talk.
        confidence: Confidence,
        /// The evidence that decided ("label", "time", "set_person" …).
        found_by: Vec<String>,
    },
    Speaker {
        id: String,
        name: String,
        handle: Option<String>,
        affiliation: Option<String>,
        /// How sure the reading is that this is a speaker (the surest of its talks).
        confidence: Confidence,
        /// Where the name was read, in each of its talks ("label", "head", "sub" …).
        found_by: Vec<String>,
    },
    Entity {
        id: String,
        kind: Kind,
        name: String,
        short: Option<String>,
        aliases: Vec<String>,
        provider: Option<String>,
        category: Option<String>,
        /// A tool no dictionary lists, known by a link to its code repository or package.
        repository: Option<String>,
    },
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Event { id, .. }
            | Node::Talk { id, .. }
            | Node::Speaker { id, .. }
            | Node::Entity { id, .. } => id,
        }
    }

    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Event { .. } => NodeKind::Event,
            Node::Talk { .. } => NodeKind::Talk,
            Node::Speaker { .. } => NodeKind::Speaker,
            Node::Entity {
                kind: Kind::Service,
                ..
            } => NodeKind::Service,
            Node::Entity {
                kind: Kind::Tool, ..
            } => NodeKind::Tool,
        }
    }

    /// The node's attributes beyond its id and kind, in a fixed order per kind, leaving out
    /// those it lacks: what GraphML and CSV write as columns.
    pub fn attributes(&self) -> Vec<(&'static str, Attr<'_>)> {
        let mut out = Vec::with_capacity(6);
        match self {
            Node::Event {
                name, date, url, ..
            } => {
                out.push(("name", Attr::Str(name)));
                push_opt(&mut out, "date", date);
                push_opt(&mut out, "url", url);
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
                out.push(("title", Attr::Str(title)));
                out.push(("source", Attr::Str(source)));
                out.push(("line", Attr::Int(*line)));
                out.push(("session", Attr::Bool(*session)));
                out.push(("confidence", Attr::Float(confidence.value())));
                out.push(("found_by", Attr::List(found_by)));
            }
            Node::Speaker {
                name,
                handle,
                affiliation,
                confidence,
                found_by,
                ..
            } => {
                out.push(("name", Attr::Str(name)));
                push_opt(&mut out, "handle", handle);
                push_opt(&mut out, "affiliation", affiliation);
                out.push(("confidence", Attr::Float(confidence.value())));
                out.push(("found_by", Attr::List(found_by)));
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
                out.push(("name", Attr::Str(name)));
                push_opt(&mut out, "short_name", short);
                out.push(("aliases", Attr::List(aliases)));
                push_opt(&mut out, "provider", provider);
                push_opt(&mut out, "category", category);
                push_opt(&mut out, "repository", repository);
            }
        }
        out
    }

    /// What a picture shows for the node.
    pub fn label(&self) -> &str {
        match self {
            Node::Event { name, .. } | Node::Speaker { name, .. } => name,
            Node::Talk { title, .. } => title,
            Node::Entity { name, short, .. } => short.as_deref().unwrap_or(name),
        }
    }
}

/// A node attribute's value, typed as GraphML and CSV headers declare it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attr<'a> {
    Str(&'a str),
    Int(usize),
    Bool(bool),
    Float(f64),
    List(&'a [String]),
}

/// A confidence between 0 and 1, kept in thousandths so that the graph compares and prints
/// the same on every machine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Confidence(u16);

impl Confidence {
    pub fn new(x: f32) -> Confidence {
        // the cast is safe: the value is clamped to 0..=1000 first
        Confidence((x.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// The value, three decimals at most.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

fn push_opt<'a>(
    out: &mut Vec<(&'static str, Attr<'a>)>,
    name: &'static str,
    v: &'a Option<String>,
) {
    if let Some(v) = v {
        out.push((name, Attr::Str(v)));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    Presents,
    Mentions,
    PartOf,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Presents => "presents",
            EdgeKind::Mentions => "mentions",
            EdgeKind::PartOf => "part_of",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Mentions only: how many times, on which lines, how many of them in code.
    pub count: usize,
    pub lines: Vec<u32>,
    pub in_code: usize,
    /// Mentions only: the features and evidence behind the edge, when it has any (see
    /// [`Edge::features`], [`Edge::evidence`]). Most edges have none: kept apart, they cost
    /// an edge one pointer, as the graph holds tens of thousands of edges.
    pub more: Option<Box<EdgeMore>>,
}

/// What a mentions edge may carry beyond its counts: never all empty (then there is none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeMore {
    /// The features of the target that the talk named (node ids), when the talk named
    /// several members of one product family and they share this one edge.
    pub features: Vec<String>,
    /// How many mentions named each of `features`, in the same order.
    pub feature_counts: Vec<usize>,
    /// Each mention behind the edge, in report order; empty unless the reports were read
    /// with `Detail::Evidence`.
    pub evidence: Vec<Evidence>,
}

/// One mention behind a mentions edge: where it is and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Index into `KnowledgeGraph::documents`.
    pub report: usize,
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// The text as the report wrote it.
    pub text: Box<str>,
    pub in_code: bool,
    /// The node id of what was named: the edge's target, or one of its features.
    pub entity: Arc<str>,
}

/// How much of each mention a report keeps for the graph: counts and lines only, or also
/// where and as what (the evidence CSV, HTML and `--evidence` show). Evidence costs memory
/// in proportion to the mentions, so it is kept only when asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    #[default]
    Counts,
    Evidence,
}

impl Edge {
    /// An edge of `kind` with nothing counted on it.
    pub fn plain(kind: EdgeKind) -> Edge {
        Edge {
            kind,
            count: 0,
            lines: Vec::new(),
            in_code: 0,
            more: None,
        }
    }

    /// Mentions only: the features of the target that the talk named (node ids).
    pub fn features(&self) -> &[String] {
        self.more.as_deref().map_or(&[], |m| &m.features)
    }

    /// How many mentions named each of [`Edge::features`], in the same order.
    pub fn feature_counts(&self) -> &[usize] {
        self.more.as_deref().map_or(&[], |m| &m.feature_counts)
    }

    /// Mentions only: each mention behind the edge, in report order (with
    /// `Detail::Evidence`).
    pub fn evidence(&self) -> &[Evidence] {
        self.more.as_deref().map_or(&[], |m| &m.evidence)
    }

    /// Sets the features with their counts and the evidence, keeping none when all are
    /// empty.
    pub fn set_more(&mut self, features: Vec<String>, counts: Vec<usize>, evidence: Vec<Evidence>) {
        self.more = if features.is_empty() && counts.is_empty() && evidence.is_empty() {
            None
        } else {
            Some(Box::new(EdgeMore {
                features,
                feature_counts: counts,
                evidence,
            }))
        };
    }
}

/// What a report said about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub event: String,
    pub talks: usize,
}

#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    pub documents: Vec<DocumentInfo>,
}

impl KnowledgeGraph {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every edge with the nodes at its two ends, in the graph's order: what exporters write.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        use petgraph::visit::EdgeRef;
        self.graph
            .edge_references()
            .map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight()))
    }
}

/// What the graph needs of one report: its metadata, talks and mentions, not its text.
#[derive(Debug, Clone)]
pub struct Report {
    pub path: String,
    pub front: FrontMatter,
    pub event: EventInfo,
    pub talks: Vec<Talk>,
    pub mentions: Vec<Mentioned>,
    pub linked: Vec<LinkedTool>,
    pub detail: Detail,
    /// With `Detail::Evidence`, the text of each of `mentions` as written; else empty.
    pub texts: Vec<Box<str>>,
}

/// A tool named by a link to its repository, as the graph counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedTool {
    pub name: String,
    pub repository: String,
    pub scope: Scope,
    pub line: usize,
    pub column: usize,
}

/// One mention, as the graph counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mentioned {
    /// Index into `Dictionary::entries`.
    pub entry: usize,
    pub scope: Scope,
    pub line: usize,
    pub column: usize,
    pub in_code: bool,
}

impl Report {
    /// Keeps what the graph needs; the text and outline can go.
    pub fn new(doc: Document, scan: &Scan, detail: Detail) -> Report {
        let texts = match detail {
            Detail::Counts => Vec::new(),
            Detail::Evidence => scan
                .mentions
                .iter()
                .map(|m| doc.text.get(m.start..m.end).unwrap_or_default().into())
                .collect(),
        };
        Report {
            detail,
            texts,
            mentions: scan
                .mentions
                .iter()
                .map(|m| Mentioned {
                    entry: m.entry,
                    scope: m.scope,
                    line: m.line,
                    column: m.column,
                    in_code: m.in_code,
                })
                .collect(),
            linked: scan
                .linked
                .iter()
                .map(|l| LinkedTool {
                    name: l.name.clone(),
                    repository: l.repository.clone(),
                    scope: l.scope,
                    line: l.line,
                    column: l.column,
                })
                .collect(),
            path: doc.path,
            front: doc.front,
            event: doc.event,
            talks: doc.talks,
        }
    }
}

/// Builds one graph from reports. Reports are taken in path order.
pub fn build(reports: &[Report], dict: &Dictionary) -> KnowledgeGraph {
    let mut reports: Vec<&Report> = reports.iter().collect();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
    let mut builder = GraphBuilder::new(&paths);
    for r in reports {
        builder.add(r);
    }
    builder.finish(dict)
}

/// A graph built one report at a time: what a report adds to the graph is taken at once, so
/// the report can go. Reports must come in the order of the paths given to `new` (path
/// order); the graph is then the one `build` makes of them all.
#[derive(Debug)]
pub struct GraphBuilder {
    /// Per report, its key for talk ids.
    keys: Vec<String>,
    b: Builder,
    /// Every speaker of every talk, in report and talk order: merged into people at the end,
    /// when every name and handle is known.
    speakers: Vec<SpeakerAt>,
    documents: Vec<DocumentInfo>,
    /// Tools known by links, counted after the dictionary's mentions.
    linked: Vec<(String, usize, LinkedTool, Detail)>,
}

/// One speaker of one talk, with what the talk says of them.
#[derive(Debug)]
struct SpeakerAt {
    speaker: Speaker,
    talk: String,
    confidence: f32,
    found_by: Option<&'static str>,
}

impl GraphBuilder {
    /// A builder for the reports at `paths`, in that order.
    pub fn new(paths: &[&str]) -> GraphBuilder {
        GraphBuilder {
            keys: doc_keys(paths),
            b: Builder::default(),
            speakers: Vec::new(),
            documents: Vec::with_capacity(paths.len()),
            linked: Vec::new(),
        }
    }

    /// Adds the next report.
    pub fn add(&mut self, doc: &Report) {
        let d = self.documents.len();
        let key = self.keys.get(d).map_or("doc", String::as_str);
        let talk_ids: Vec<String> = (0..doc.talks.len())
            .map(|t| format!("talk:{key}/{}", t + 1))
            .collect();
        let event_id = self.b.event(&doc.event);
        for (t, talk) in doc.talks.iter().enumerate() {
            for s in &talk.speakers {
                self.speakers.push(SpeakerAt {
                    speaker: s.clone(),
                    talk: talk_ids[t].clone(),
                    confidence: talk.speaker_confidence,
                    found_by: talk.speaker_found_by,
                });
            }
        }
        // a talk that is not there still has an id: its edges are left out at the end
        let scope_id = |scope: Scope| -> Cow<'_, str> {
            match scope {
                Scope::Talk(t) => match talk_ids.get(t) {
                    Some(id) => Cow::Borrowed(id.as_str()),
                    None => Cow::Owned(format!("talk:{key}/{}", t + 1)),
                },
                Scope::Event => Cow::Borrowed(event_id.as_str()),
            }
        };
        for (t, talk) in doc.talks.iter().enumerate() {
            self.b.talks.push(Node::Talk {
                id: talk_ids[t].clone(),
                title: talk.title.clone(),
                source: doc.path.clone(),
                line: talk.line,
                session: talk.session,
                confidence: Confidence::new(talk.confidence),
                found_by: talk.found_by.iter().map(|f| (*f).to_string()).collect(),
            });
            let whole = talk.parent.map_or(Scope::Event, Scope::Talk);
            self.b
                .edge(&talk_ids[t], &scope_id(whole), EdgeKind::PartOf);
        }
        for (i, m) in doc.mentions.iter().enumerate() {
            let from = scope_id(m.scope);
            let entries = match self.b.mentions.get_mut(&*from) {
                Some(entries) => entries,
                None => self.b.mentions.entry(from.into_owned()).or_default(),
            };
            let text = doc.texts.get(i).cloned();
            // dictionaries hold far fewer than 2^32 entries
            let entry = m.entry as u32;
            let at = match entries.binary_search_by_key(&entry, |a| a.entry) {
                Ok(at) => at,
                Err(at) => {
                    // no room to spare: a run holds one entry per talk and entry named
                    entries.reserve_exact(1);
                    entries.insert(at, Acc::new(entry));
                    at
                }
            };
            entries[at].add(d, m, text);
        }
        for l in &doc.linked {
            let from = scope_id(l.scope).into_owned();
            self.linked.push((from, d, l.clone(), doc.detail));
        }
        self.documents.push(DocumentInfo {
            path: doc.path.clone(),
            title: doc.front.title.clone(),
            date: doc.front.date.clone(),
            author: doc.front.author.clone(),
            tags: doc.front.tags.clone(),
            event: event_id.clone(),
            talks: doc.talks.len(),
        });
    }

    /// The graph of every report added.
    pub fn finish(mut self, dict: &Dictionary) -> KnowledgeGraph {
        // only reports being added need their keys
        self.keys = Vec::new();
        self.add_speakers();
        let families = Families::new(dict);
        let mentions = self.b.mention_targets(&families);
        for (_, _, l, _) in &self.linked {
            self.b.linked_node(l);
        }
        // each talk's links, in report order, by the talk that made them
        let mut linked: BTreeMap<String, Vec<(usize, LinkedTool, Detail)>> = BTreeMap::new();
        for (from, d, l, detail) in std::mem::take(&mut self.linked) {
            linked.entry(from).or_default().push((d, l, detail));
        }
        self.b.finish(&families, mentions, linked, self.documents)
    }

    /// Speaker nodes, merged by handle or name, and who presents which talk.
    fn add_speakers(&mut self) {
        let speakers = std::mem::take(&mut self.speakers);
        let refs: Vec<&Speaker> = speakers.iter().map(|s| &s.speaker).collect();
        let speaker_ids = merge_speakers(&refs);
        for (at, id) in speakers.iter().zip(&speaker_ids) {
            let s = &at.speaker;
            let node = self
                .b
                .speakers
                .entry(id.clone())
                .or_insert_with(|| Node::Speaker {
                    id: id.clone(),
                    name: s.name.clone(),
                    handle: s.handle.clone(),
                    affiliation: s.affiliation.clone(),
                    confidence: Confidence::default(),
                    found_by: Vec::new(),
                });
            if let Node::Speaker {
                name,
                handle,
                affiliation,
                confidence,
                found_by,
                ..
            } = node
            {
                *confidence = (*confidence).max(Confidence::new(at.confidence));
                if let Some(how) = at.found_by
                    && let Err(i) = found_by.binary_search_by(|f| f.as_str().cmp(how))
                {
                    found_by.insert(i, how.to_string());
                }
                // a real name beats a handle used as a name
                if handle.as_deref() == Some(name.as_str()) && s.handle.as_deref() != Some(&s.name)
                {
                    name.clone_from(&s.name);
                }
                if handle.is_none() {
                    handle.clone_from(&s.handle);
                }
                if affiliation.is_none() {
                    affiliation.clone_from(&s.affiliation);
                }
            }
            self.b.edge(id, &at.talk, EdgeKind::Presents);
        }
    }
}

/// The category of a tool known only by a link to its repository or package.
pub const LINKED_CATEGORY: &str = "other";

/// The id (after `tool:`) of a tool known by a link: its name as a slug.
pub fn linked_key(name: &str, repository: &str) -> String {
    let key = slug(crate::text::prefix_chars(name, 80));
    if key.is_empty() {
        slug(repository)
    } else {
        key
    }
}

/// Mentions of one entry from one talk: how many, on which lines, how many in code, and
/// each one's place and text when the reports keep evidence. Kept narrow (one per talk and
/// entry named, for the whole run): counts and line numbers in 32 bits.
#[derive(Debug)]
struct Acc {
    /// Index into `Dictionary::entries`.
    entry: u32,
    count: u32,
    in_code: u32,
    /// `lines` is sorted and without repeats up to here.
    sorted: u32,
    /// What follows `sorted` is compacted as it grows.
    lines: Vec<u32>,
    /// With evidence only (else none, and the entry costs one pointer): each mention's
    /// report, line, column, text and whether it is in code.
    #[expect(
        clippy::box_collection,
        reason = "one pointer, not a Vec's three words, on the many entries without evidence"
    )]
    evidence: Option<Box<Vec<MentionAt>>>,
}

/// One mention kept as evidence: report, line, column, text as written, in code.
type MentionAt = (usize, usize, usize, Box<str>, bool);

impl Acc {
    fn new(entry: u32) -> Acc {
        Acc {
            entry,
            count: 0,
            in_code: 0,
            sorted: 0,
            lines: Vec::new(),
            evidence: None,
        }
    }

    fn add(&mut self, report: usize, m: &Mentioned, text: Option<Box<str>>) {
        self.count += 1;
        self.in_code += u32::from(m.in_code);
        // a report of 2^32 lines is not read into memory
        let line = u32::try_from(m.line).unwrap_or(u32::MAX);
        if self.lines.last() != Some(&line) {
            self.lines.push(line);
            // the same lines again (another report of the same event) are folded away
            if self.lines.len() > 2 * self.sorted as usize + 16 {
                self.lines.sort_unstable();
                self.lines.dedup();
                self.sorted = self.lines.len() as u32;
            }
        }
        if let Some(text) = text {
            self.evidence
                .get_or_insert_with(Box::default)
                .push((report, m.line, m.column, text, m.in_code));
        }
    }
}

#[derive(Debug, Default)]
struct Builder {
    /// id → the event, made a node at the end (an event is most of the nodes, and a node is
    /// wider than an event)
    events: BTreeMap<String, EventAt>,
    talks: Vec<Node>,
    speakers: BTreeMap<String, Node>,
    entities: BTreeMap<(Kind, String), Node>,
    /// from → (to, kind): the edges that carry nothing but their kind (part of, presents)
    plain: BTreeMap<String, BTreeSet<(String, EdgeKind)>>,
    /// talk or event id → (entry index, mentions), by entry index (a talk names a few
    /// entries: a sorted list is a fraction of a map's size)
    mentions: BTreeMap<String, Vec<Acc>>,
}

impl Builder {
    /// Makes the node of every entry a mentions edge will point to (see [`Families`]): the
    /// edges themselves are made by `finish`, one node at a time. Returns how many mentions
    /// edges there are at most.
    fn mention_targets(&mut self, families: &Families<'_>) -> usize {
        let mentions = std::mem::take(&mut self.mentions);
        let mut edges = 0;
        for entries in mentions.values() {
            for (target, members) in families.of(entries) {
                self.entity(families.dict, target);
                for m in members {
                    self.entity(families.dict, entries[m].entry as usize);
                }
                edges += 1;
            }
        }
        self.mentions = mentions;
        edges
    }

    /// The node of a tool known by its repository: one node per name (the first report's
    /// spelling and repository), unless the dictionary has that id.
    fn linked_node(&mut self, l: &LinkedTool) {
        let id = format!("tool:{}", linked_key(&l.name, &l.repository));
        self.entities
            .entry((Kind::Tool, id.clone()))
            .or_insert_with(|| Node::Entity {
                id,
                kind: Kind::Tool,
                name: l.name.clone(),
                short: None,
                aliases: Vec::new(),
                provider: None,
                category: Some(LINKED_CATEGORY.to_string()),
                repository: Some(l.repository.clone()),
            });
    }

    /// The id of a report's event, its node made or completed (the first report to name a
    /// date or a page gives it).
    fn event(&mut self, event: &EventInfo) -> String {
        let mut id = slug(crate::text::prefix_chars(&event.name, 80));
        if id.is_empty() {
            id = "event".to_string();
        }
        let id = format!("event:{id}");
        let node = self.events.entry(id.clone()).or_insert_with(|| EventAt {
            name: event.name.clone(),
            date: None,
            url: None,
        });
        if node.date.is_none() {
            node.date.clone_from(&event.date);
        }
        if node.url.is_none() {
            node.url.clone_from(&event.url);
        }
        id
    }

    fn edge(&mut self, from: &str, to: &str, kind: EdgeKind) {
        let tos = match self.plain.get_mut(from) {
            Some(tos) => tos,
            None => self.plain.entry(from.to_string()).or_default(),
        };
        tos.insert((to.to_string(), kind));
    }

    /// The node of an entry, with its parents (a feature is part of its service).
    fn entity(&mut self, dict: &Dictionary, entry: usize) -> String {
        let e = &dict.entries[entry];
        let id = entity_id(dict, entry);
        if let std::collections::btree_map::Entry::Vacant(slot) =
            self.entities.entry((e.kind, id.clone()))
        {
            let mut aliases: Vec<String> = e.written_aliases().map(|a| a.text.clone()).collect();
            aliases.sort();
            aliases.dedup();
            slot.insert(Node::Entity {
                id: id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                short: e.short.clone(),
                aliases,
                provider: e.provider.clone(),
                category: e.category.clone(),
                repository: None,
            });
            if let Some(parent) = e.parent.as_deref()
                && let Some(p) = dict.entries.iter().position(|x| x.id == parent)
            {
                let parent_id = self.entity(dict, p);
                self.edge(&id, &parent_id, EdgeKind::PartOf);
            }
        }
        id
    }

    /// The graph: nodes in a fixed order (events, talks, speakers, services and tools by id),
    /// then each node's edges by target and kind. A node's edges are made only when it is its
    /// turn, out of what is left of the builder, so the graph and a full copy of its edges are
    /// never held at once. Edges from or to an id that is no node are left out.
    fn finish(
        self,
        families: &Families<'_>,
        mention_edges: usize,
        mut linked: BTreeMap<String, Vec<(usize, LinkedTool, Detail)>>,
        documents: Vec<DocumentInfo>,
    ) -> KnowledgeGraph {
        let Builder {
            events,
            talks,
            speakers,
            entities,
            mut plain,
            mut mentions,
        } = self;
        let node_count = events.len() + talks.len() + speakers.len() + entities.len();
        // at most this many edges (some are merged or left out): sized up front, as the
        // graph is the largest thing a run holds, but only once the nodes are in (the
        // events' map is gone by then)
        let edge_count = mention_edges
            + plain.values().map(BTreeSet::len).sum::<usize>()
            + linked.values().map(Vec::len).sum::<usize>();
        let mut graph = DiGraph::with_capacity(node_count, 0);
        let nodes = events
            .into_iter()
            .map(|(id, e)| Node::Event {
                id,
                name: e.name,
                date: e.date,
                url: e.url,
            })
            .chain(talks)
            .chain(speakers.into_values())
            .chain(entities.into_values());
        for node in nodes {
            graph.add_node(node);
        }
        let index = NodeIds::new(&graph);
        graph.reserve_exact_edges(edge_count);
        for ix in graph.node_indices() {
            let id = graph[ix].id();
            // a node whose id a later node also has: its edges are that one's
            if index.get(&graph, id) != Some(ix) {
                continue;
            }
            let mut out: BTreeMap<(NodeIndex, EdgeKind), Edge> = BTreeMap::new();
            if let Some(edges) = plain.remove(id) {
                for (to, kind) in edges {
                    if let Some(b) = index.get(&graph, &to) {
                        out.entry((b, kind)).or_insert_with(|| Edge::plain(kind));
                    }
                }
            }
            if let Some(entries) = mentions.remove(id) {
                for (to, edge) in families.fold(entries) {
                    if let Some(b) = index.get(&graph, &to) {
                        out.insert((b, EdgeKind::Mentions), edge);
                    }
                }
            }
            if let Some(links) = linked.remove(id) {
                for (report, l, detail) in links {
                    let to = format!("tool:{}", linked_key(&l.name, &l.repository));
                    if let Some(b) = index.get(&graph, &to) {
                        linked_edge(&mut out, b, to, report, l, detail);
                    }
                }
            }
            for ((b, _), mut e) in out {
                e.lines.sort_unstable();
                graph.add_edge(ix, b, e);
            }
        }
        KnowledgeGraph { graph, documents }
    }
}

/// Where each node id is in a graph, without a copy of the ids: (hash of the id, node),
/// sorted. A hash is checked against the node's own id; of several nodes with one id, the
/// last one added is the one (as a map filled in node order would have it).
struct NodeIds {
    by_hash: Vec<(u64, NodeIndex)>,
}

impl NodeIds {
    /// The ids of every node of `graph` as it is now.
    fn new(graph: &DiGraph<Node, Edge>) -> NodeIds {
        let mut by_hash: Vec<(u64, NodeIndex)> = graph
            .node_indices()
            .map(|ix| (Self::hash(graph[ix].id()), ix))
            .collect();
        by_hash.sort_unstable();
        NodeIds { by_hash }
    }

    /// The node with this id, the last added if several have it.
    fn get(&self, graph: &DiGraph<Node, Edge>, id: &str) -> Option<NodeIndex> {
        let h = Self::hash(id);
        let from = self.by_hash.partition_point(|&(x, _)| x < h);
        self.by_hash[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .filter(|&&(_, ix)| graph[ix].id() == id)
            .map(|&(_, ix)| ix)
            .last()
    }

    fn hash(id: &str) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
    }
}

/// An event node's attributes.
#[derive(Debug)]
struct EventAt {
    name: String,
    date: Option<String>,
    url: Option<String>,
}

/// The node id of a dictionary entry.
fn entity_id(dict: &Dictionary, entry: usize) -> String {
    let e = &dict.entries[entry];
    format!("{}:{}", e.kind.as_str(), e.id)
}

/// One mentions edge per talk and product family: a talk that names Parameter Store and Run
/// Command mentions AWS Systems Manager once (the edge lists the features), a talk that names
/// only Lambda@Edge mentions Lambda@Edge.
struct Families<'d> {
    dict: &'d Dictionary,
    index: BTreeMap<&'d str, usize>,
}

impl<'d> Families<'d> {
    fn new(dict: &'d Dictionary) -> Families<'d> {
        Families {
            dict,
            index: dict.index(),
        }
    }

    /// The chain from the top of the entry's family down to the entry.
    fn chain(&self, mut i: usize) -> Vec<usize> {
        let mut c = vec![i];
        while let Some(p) = self.dict.entries[i]
            .parent
            .as_deref()
            .and_then(|p| self.index.get(p))
        {
            if c.contains(p) {
                break;
            }
            c.push(*p);
            i = *p;
        }
        c.reverse();
        c
    }

    /// A talk's families, by their top entry: the entry the edge points to (the deepest one
    /// every member's chain passes through) and where its members are in `entries`.
    fn of(&self, entries: &[Acc]) -> Vec<(usize, Vec<usize>)> {
        let mut families: BTreeMap<usize, Vec<(Vec<usize>, usize)>> = BTreeMap::new();
        for (at, acc) in entries.iter().enumerate() {
            let c = self.chain(acc.entry as usize);
            families.entry(c[0]).or_default().push((c, at));
        }
        families
            .into_values()
            .filter_map(|members| {
                let mut target = members[0].0.clone();
                for (c, _) in &members[1..] {
                    let common = target.iter().zip(c).take_while(|(a, b)| a == b).count();
                    target.truncate(common);
                }
                let target = *target.last()?;
                Some((target, members.into_iter().map(|(_, at)| at).collect()))
            })
            .collect()
    }

    /// A talk's mentions edges: (target id, edge) per family.
    fn fold(&self, entries: Vec<Acc>) -> Vec<(String, Edge)> {
        let families = self.of(&entries);
        let mut entries: Vec<Option<Acc>> = entries.into_iter().map(Some).collect();
        let mut out = Vec::with_capacity(families.len());
        for (target, members) in families {
            let mut features = Vec::new();
            let mut evidence = Vec::new();
            let mut edge = Edge::plain(EdgeKind::Mentions);
            let mut lines = BTreeSet::new();
            for at in members {
                let Some(acc) = entries[at].take() else {
                    continue;
                };
                let entry = acc.entry as usize;
                let id = entity_id(self.dict, entry);
                edge.count += acc.count as usize;
                edge.in_code += acc.in_code as usize;
                lines.extend(acc.lines.iter().copied());
                if let Some(mentions) = acc.evidence {
                    let entity: Arc<str> = id.as_str().into();
                    for (report, line, column, text, in_code) in *mentions {
                        evidence.push(Evidence {
                            report,
                            line,
                            column,
                            text,
                            in_code,
                            entity: Arc::clone(&entity),
                        });
                    }
                }
                if entry != target {
                    features.push((id, acc.count as usize));
                }
            }
            features.sort();
            let (features, counts) = features.into_iter().unzip();
            evidence.sort_by_key(|e: &Evidence| (e.report, e.line, e.column));
            edge.set_more(features, counts, evidence);
            edge.lines = lines.into_iter().collect();
            out.push((entity_id(self.dict, target), edge));
        }
        out
    }
}

/// A mention of a tool known by its repository, counted on the talk's mentions edge to it.
fn linked_edge(
    out: &mut BTreeMap<(NodeIndex, EdgeKind), Edge>,
    to: NodeIndex,
    id: String,
    report: usize,
    l: LinkedTool,
    detail: Detail,
) {
    let edge = out
        .entry((to, EdgeKind::Mentions))
        .or_insert_with(|| Edge::plain(EdgeKind::Mentions));
    edge.count += 1;
    // a report of 2^32 lines is not read into memory
    let line = u32::try_from(l.line).unwrap_or(u32::MAX);
    if !edge.lines.contains(&line) {
        edge.lines.push(line);
    }
    if detail == Detail::Evidence {
        let more = edge.more.get_or_insert_with(Box::default);
        more.evidence.push(Evidence {
            report,
            line: l.line,
            column: l.column,
            text: l.name.as_str().into(),
            in_code: false,
            entity: id.into(),
        });
    }
}

/// Speaker node ids: one per person, where the same handle or the same name (spaces and width
/// aside) is the same person. Ids come from the handle when there is one, else the name.
fn merge_speakers(speakers: &[&Speaker]) -> Vec<String> {
    let n = speakers.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in speakers.iter().enumerate() {
        let mut keys = vec![format!("n:{}", name_key(&s.name))];
        if let Some(h) = &s.handle {
            keys.push(format!("h:{}", h.to_ascii_lowercase()));
        }
        for k in keys {
            match by_key.get(&k) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    // one id per group, from its smallest handle, else its first name
    let mut group_id: BTreeMap<usize, String> = BTreeMap::new();
    let mut handles: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (i, s) in speakers.iter().enumerate() {
        if let Some(h) = &s.handle {
            let r = root(&mut parent, i);
            handles.entry(r).or_default().insert(h.to_ascii_lowercase());
        }
    }
    let mut used = BTreeSet::new();
    let mut out = Vec::with_capacity(n);
    for (i, s) in speakers.iter().enumerate() {
        let r = root(&mut parent, i);
        let id = group_id.entry(r).or_insert_with(|| {
            let base = match handles.get(&r).and_then(|h| h.iter().next()) {
                Some(h) => h.clone(),
                None if s.name.is_ascii() => slug(&s.name),
                None => name_key(&s.name),
            };
            let base = if base.is_empty() {
                "speaker".to_string()
            } else {
                base
            };
            let mut id = format!("speaker:{base}");
            let mut k = 2;
            while !used.insert(id.clone()) {
                id = format!("speaker:{base}-{k}");
                k += 1;
            }
            id
        });
        out.push(id.clone());
    }
    out
}

/// A short key per report for talk ids: the file name without extension, with as many parent
/// folders as it takes to tell reports apart.
pub fn doc_keys(paths: &[&str]) -> Vec<String> {
    /// A path's parts, file name without extension last: made again when needed rather than
    /// kept for every report (a run may read hundreds of thousands).
    fn parts(p: &str) -> Vec<&str> {
        if p == "-" {
            return vec!["stdin"];
        }
        let mut comps: Vec<&str> = p
            .split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .collect();
        if let Some(last) = comps.last_mut()
            && let Some((stem, _)) = last.rsplit_once('.')
            && !stem.is_empty()
        {
            *last = stem;
        }
        comps
    }
    // the last `depth` parts, each as a slug
    let key = |p: &str, depth: usize| -> String {
        let comps = parts(p);
        let v: Vec<String> = comps[comps.len().saturating_sub(depth)..]
            .iter()
            .map(|c| if p == "-" { (*c).to_string() } else { slug(c) })
            .collect();
        let k = v.join("/");
        if k.is_empty() { "doc".to_string() } else { k }
    };
    let lens: Vec<usize> = paths.iter().map(|p| parts(p).len()).collect();
    // deepen the keys that clash, level by level, until none do or paths run out
    let mut depth = vec![1usize; paths.len()];
    let mut out: Vec<String> = paths.iter().map(|p| key(p, 1)).collect();
    loop {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for k in &out {
            *count.entry(k.as_str()).or_default() += 1;
        }
        let clashing: Vec<usize> = (0..out.len())
            .filter(|&i| count[out[i].as_str()] > 1 && depth[i] < lens[i])
            .collect();
        if clashing.is_empty() {
            break;
        }
        for i in clashing {
            depth[i] += 1;
            out[i] = key(paths[i], depth[i]);
        }
    }
    // what still clashes (the same path twice) is told apart by position, and by a further
    // number should that name another report's key (`x.md`, `x.markdown` beside `x-2.md`)
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in &out {
        *count.entry(k.as_str()).or_default() += 1;
    }
    let mut used: BTreeSet<Cow<'_, str>> = out
        .iter()
        .filter(|k| count[k.as_str()] == 1)
        .map(|k| Cow::Borrowed(k.as_str()))
        .collect();
    out.iter()
        .enumerate()
        .map(|(i, k)| {
            if count[k.as_str()] == 1 {
                return k.clone();
            }
            let mut key = format!("{k}-{}", i + 1);
            let mut again = 2;
            while !used.insert(Cow::Owned(key.clone())) {
                key = format!("{k}-{}-{again}", i + 1);
                again += 1;
            }
            key
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(name: &str, handle: Option<&str>) -> Speaker {
        Speaker {
            name: name.to_string(),
            handle: handle.map(str::to_string),
            affiliation: None,
            honorific: false,
        }
    }

    #[test]
    fn speakers_merge_by_handle_or_name() {
        let list = [
            sp("西谷圭介", Some("keisuke69")),
            sp("西谷 圭介", None),
            sp("Keisuke Nishitani", Some("Keisuke69")),
            sp("Jeff Barr", None),
            sp("ＪＥＦＦ　ＢＡＲＲ", None),
            sp("Jeff Bar", None),
        ];
        let refs: Vec<&Speaker> = list.iter().collect();
        let ids = merge_speakers(&refs);
        assert_eq!(
            ids,
            [
                "speaker:keisuke69",
                "speaker:keisuke69",
                "speaker:keisuke69",
                "speaker:jeff-barr",
                "speaker:jeff-barr",
                "speaker:jeff-bar"
            ]
        );
    }

    #[test]
    fn doc_keys_table() {
        assert_eq!(doc_keys(&["a/report.md"]), ["report"]);
        assert_eq!(
            doc_keys(&["a/report.md", "b/report.md"]),
            ["a/report", "b/report"]
        );
        assert_eq!(doc_keys(&["x.md", "y.markdown", "-"]), ["x", "y", "stdin"]);
        assert_eq!(doc_keys(&["x.md", "x.markdown"]), ["x-1", "x-2"]);
        assert_eq!(
            doc_keys(&["x.md", "x.markdown", "x-2.md"]),
            ["x-1", "x-2-2", "x-2"]
        );
        assert_eq!(doc_keys(&["JAWS Days.md"]), ["jaws-days"]);
    }
}
