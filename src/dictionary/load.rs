//! Reading dictionary files (TOML) into the model, layering user files over built-in ones,
//! and checking everything a matcher relies on. Each problem names its file and line.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Alias, Case, Dictionary, Entry, Kind, Needs, Origin, Provider, RECOGNISERS, variants};
use crate::text::fold;

/// A problem in a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileWire {
    #[serde(default)]
    provider: Vec<Spanned<ProviderWire>>,
    #[serde(default)]
    entry: Vec<Spanned<EntryWire>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderWire {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<AliasWire>,
    #[serde(default)]
    prefixes: Vec<String>,
    /// Domains under which its services have endpoints ("amazonaws.com").
    #[serde(default)]
    endpoint_domains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryWire {
    id: String,
    /// Without `name` and `kind`, an entry patches the one with its id in a lower layer.
    name: Option<String>,
    short: Option<String>,
    kind: Option<KindWire>,
    /// `false` switches an entry (and its features) off.
    enabled: Option<bool>,
    provider: Option<String>,
    category: Option<String>,
    parent: Option<String>,
    namespace: Option<String>,
    /// Host labels of its endpoints under its provider's domain ("monitoring").
    #[serde(default)]
    endpoints: Vec<String>,
    #[serde(default)]
    recognise: Vec<String>,
    #[serde(default)]
    aliases: Vec<AliasWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindWire {
    Service,
    Tool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum AliasWire {
    Text(String),
    Rule(RuleWire),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleWire {
    text: String,
    #[serde(default)]
    case: CaseWire,
    /// Unset: the default for the text (`default_needs`).
    #[serde(default)]
    needs: Option<NeedsWire>,
    #[serde(default)]
    shared: bool,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "lowercase")]
enum CaseWire {
    #[default]
    Any,
    Exact,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum NeedsWire {
    None,
    Neighbour,
    Context,
}

impl AliasWire {
    fn into_alias(self) -> Alias {
        match self {
            AliasWire::Text(text) => Alias::plain(&text),
            AliasWire::Rule(r) => Alias {
                needs: match r.needs {
                    Some(NeedsWire::None) => Needs::None,
                    Some(NeedsWire::Neighbour) => Needs::Neighbour,
                    Some(NeedsWire::Context) => Needs::Context,
                    None => super::default_needs(&r.text),
                },
                text: r.text,
                case: match r.case {
                    CaseWire::Any => Case::Any,
                    CaseWire::Exact => Case::Exact,
                },
                shared: r.shared,
                generated: false,
                not_before: r.not_before,
            },
        }
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())].matches('\n').count()
}

/// Loads layers of files: layer 0 is the built-in set, each later layer one user file.
pub fn load(layers: &[Vec<(String, String)>]) -> Result<Dictionary, Vec<DictError>> {
    let mut loader = Loader::default();
    for (layer, files) in layers.iter().enumerate() {
        // each id of this layer, where it is first defined
        let mut layer_ids: BTreeMap<String, Origin> = BTreeMap::new();
        for (file, text) in files {
            loader.read_file(layer, file, text, &mut layer_ids);
        }
    }
    loader.finish()
}

/// What the files read so far add up to, layer over layer, and the problems found in them.
#[derive(Default)]
struct Loader {
    errors: Vec<DictError>,
    providers: Vec<Provider>,
    entries: Vec<Entry>,
    switched_off: Vec<String>,
    /// The ids in `entries`.
    present: HashSet<String>,
}

/// A file being read: turns a byte offset in it into an `Origin`.
struct Place<'a> {
    file: &'a str,
    lines: crate::text::LineIndex,
    layer: usize,
}

impl Place<'_> {
    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: self.file.to_string(),
            line: self.lines.line(offset),
            layer: self.layer,
        }
    }
}

/// The problem with an id that comes after `prev` in a file kept sorted (the built-in ones).
fn out_of_order(what: &str, id: &str, prev: &str) -> String {
    format!("{what} are kept sorted by id: `{id}` comes after `{prev}`")
}

impl Loader {
    /// One file of a layer: its providers, then its entries.
    fn read_file(
        &mut self,
        layer: usize,
        file: &str,
        text: &str,
        layer_ids: &mut BTreeMap<String, Origin>,
    ) {
        let wire: FileWire = match toml::from_str(text) {
            Ok(w) => w,
            Err(e) => {
                self.errors.push(DictError {
                    file: file.to_string(),
                    line: e.span().map_or(1, |s| line_at(text, s.start)),
                    message: e.message().trim().to_string(),
                });
                return;
            }
        };
        let place = Place {
            file,
            lines: crate::text::LineIndex::new(text),
            layer,
        };
        self.add_providers(&place, wire.provider);
        self.add_entries(&place, wire.entry, layer_ids);
    }

    fn add_providers(&mut self, place: &Place, providers: Vec<Spanned<ProviderWire>>) {
        let mut last_provider: Option<String> = None;
        for p in providers {
            let at = place.origin(p.span().start);
            let p = p.into_inner();
            self.keep_sorted(place, &at, "providers", &p.id, &mut last_provider);
            self.add_provider(at, p);
        }
    }

    /// The built-in files (layer 0) keep their providers and entries sorted by id: `id` must
    /// come after the one before it (`last`, which it becomes).
    fn keep_sorted(
        &mut self,
        place: &Place,
        at: &Origin,
        what: &str,
        id: &str,
        last: &mut Option<String>,
    ) {
        if let Some(prev) = last.as_deref()
            && place.layer == 0
            && prev >= id
        {
            self.errors.push(err(at, out_of_order(what, id, prev)));
        }
        *last = Some(id.to_string());
    }

    /// A provider replaces one with its id from a lower layer; in its own layer, that is an
    /// error.
    fn add_provider(&mut self, at: Origin, p: ProviderWire) {
        let layer = at.layer;
        self.providers
            .retain(|old| old.id != p.id || old.origin.layer == layer);
        if self.providers.iter().any(|old| old.id == p.id) {
            self.errors
                .push(err(&at, format!("provider `{}` is defined twice", p.id)));
            return;
        }
        self.providers.push(Provider {
            id: p.id,
            name: p.name,
            aliases: p.aliases.into_iter().map(AliasWire::into_alias).collect(),
            prefixes: p.prefixes,
            endpoint_domains: p.endpoint_domains,
            origin: at,
        });
    }

    /// Entries in file order; an id may appear once per layer.
    fn add_entries(
        &mut self,
        place: &Place,
        entries: Vec<Spanned<EntryWire>>,
        layer_ids: &mut BTreeMap<String, Origin>,
    ) {
        let mut last_id: Option<String> = None;
        for e in entries {
            let at = place.origin(e.span().start);
            let e = e.into_inner();
            self.keep_sorted(place, &at, "entries", &e.id, &mut last_id);
            if let Some(first) = layer_ids.get(&e.id) {
                self.errors.push(err(
                    &at,
                    format!(
                        "id `{}` is already used at {}:{}",
                        e.id, first.file, first.line
                    ),
                ));
                continue;
            }
            layer_ids.insert(e.id.clone(), at.clone());
            self.add_entry(at, e);
        }
    }

    /// An entry switches off one of a lower layer, patches one (no `name` and `kind`), or
    /// adds one.
    fn add_entry(&mut self, at: Origin, mut e: EntryWire) {
        if e.enabled == Some(false) {
            self.switch_off(&at, e.id);
            return;
        }
        match (e.name.take(), e.kind.take()) {
            (Some(name), Some(kind)) => self.insert(at, e, name, kind),
            _ => self.patch(&at, e),
        }
    }

    /// Switched off, with every feature below it (`drop_switched_off` takes them out).
    fn switch_off(&mut self, at: &Origin, id: String) {
        if !self.entries.iter().any(|old| old.id == id) {
            self.errors.push(err(
                at,
                format!("`{id}` is switched off but no lower layer defines it"),
            ));
        }
        self.switched_off.push(id);
    }

    /// More aliases and endpoints (and optionally a short name) for an existing entry.
    fn patch(&mut self, at: &Origin, e: EntryWire) {
        match self.entries.iter_mut().find(|old| old.id == e.id) {
            Some(old) => {
                old.aliases
                    .extend(e.aliases.into_iter().map(AliasWire::into_alias));
                old.endpoints.extend(e.endpoints);
                if e.short.is_some() {
                    old.short = e.short;
                }
            }
            None => self.errors.push(err(
                at,
                format!(
                    "`{}` has no `name` and `kind`, so it patches an entry, but no lower layer defines `{}`; give a name and a kind to add it",
                    e.id, e.id
                ),
            )),
        }
    }

    /// A whole entry; a user entry with a built-in id replaces it.
    fn insert(&mut self, at: Origin, e: EntryWire, name: String, kind: KindWire) {
        if !self.present.insert(e.id.clone()) {
            self.entries.retain(|old| old.id != e.id);
        }
        self.entries.push(Entry {
            id: e.id,
            name,
            short: e.short,
            kind: match kind {
                KindWire::Service => Kind::Service,
                KindWire::Tool => Kind::Tool,
            },
            provider: e.provider,
            category: e.category,
            parent: e.parent,
            namespace: e.namespace,
            endpoints: e.endpoints,
            recognise: e.recognise,
            aliases: e.aliases.into_iter().map(AliasWire::into_alias).collect(),
            origin: at,
        });
    }

    /// The dictionary, or every problem in it sorted by file and line.
    fn finish(mut self) -> Result<Dictionary, Vec<DictError>> {
        drop_switched_off(&mut self.entries, self.switched_off);
        let mut dict = Dictionary {
            providers: self.providers,
            entries: self.entries,
            shared_variants: Vec::new(),
        };
        let mut errors = self.errors;
        errors.extend(validate(&dict));
        if !errors.is_empty() {
            errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            errors.dedup();
            return Err(errors);
        }
        variants::add_variants(&mut dict);
        Ok(dict)
    }
}

/// An entry switched off takes its features with it, and theirs with them.
fn drop_switched_off(entries: &mut Vec<Entry>, mut switched_off: Vec<String>) {
    loop {
        let before = entries.len();
        entries.retain(|e| {
            !switched_off.contains(&e.id)
                && !e.parent.as_ref().is_some_and(|p| switched_off.contains(p))
        });
        if entries.len() == before {
            break;
        }
        let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
        switched_off.extend(
            entries
                .iter()
                .filter(|e| e.parent.as_ref().is_some_and(|p| !ids.contains(p)))
                .map(|e| e.id.clone()),
        );
    }
}

fn err(at: &Origin, message: String) -> DictError {
    DictError {
        file: at.file.clone(),
        line: at.line,
        message,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// `monitoring`, `streams.dynamodb`, `amazonaws.com`: labels of a host name.
fn valid_host_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Everything the matcher and the graph rely on.
fn validate(dict: &Dictionary) -> Vec<DictError> {
    let mut errors = Vec::new();
    for p in &dict.providers {
        check_provider(p, &mut errors);
    }
    let mut entries = EntryChecks::new(dict);
    for e in &dict.entries {
        entries.check(e);
    }
    errors.extend(entries.errors);
    errors
}

/// A provider's id, endpoint domains and aliases.
fn check_provider(p: &Provider, errors: &mut Vec<DictError>) {
    if !valid_id(&p.id) {
        errors.push(err(
            &p.origin,
            format!(
                "provider id `{}` must be lower-case letters, digits and '-'",
                p.id
            ),
        ));
    }
    for d in &p.endpoint_domains {
        if !valid_host_label(d) || !d.contains('.') {
            errors.push(err(
                &p.origin,
                format!(
                    "endpoint domain `{d}` of provider `{}` must be a domain such as `amazonaws.com`",
                    p.id
                ),
            ));
        }
    }
    for a in &p.aliases {
        if fold(&a.text).is_empty() {
            errors.push(err(
                &p.origin,
                format!("provider `{}` has an empty alias", p.id),
            ));
        }
    }
}

/// Who first claimed an alias key: a provider or an entry.
struct Claim<'a> {
    id: &'a str,
    layer: usize,
    origin: &'a Origin,
    /// Declared `shared`, with a `needs` rule.
    shareable: bool,
}

/// The checks of each entry in turn, with what the entries before it claimed: alias keys,
/// namespaces and endpoints.
struct EntryChecks<'a> {
    dict: &'a Dictionary,
    providers: BTreeSet<&'a str>,
    kinds: BTreeMap<&'a str, Kind>,
    claimed: BTreeMap<String, Claim<'a>>,
    namespaces: BTreeMap<(Option<&'a str>, &'a str), &'a str>,
    endpoints: BTreeMap<(Option<&'a str>, &'a str), &'a str>,
    errors: Vec<DictError>,
}

impl<'a> EntryChecks<'a> {
    /// Providers' aliases are claimed before any entry's.
    fn new(dict: &'a Dictionary) -> Self {
        let mut claimed = BTreeMap::new();
        for p in &dict.providers {
            for a in &p.aliases {
                let claim = Claim {
                    id: p.id.as_str(),
                    layer: p.origin.layer,
                    origin: &p.origin,
                    shareable: false,
                };
                claimed.insert(alias_key(&a.text), claim);
            }
        }
        EntryChecks {
            dict,
            providers: dict.providers.iter().map(|p| p.id.as_str()).collect(),
            kinds: dict
                .entries
                .iter()
                .map(|e| (e.id.as_str(), e.kind))
                .collect(),
            claimed,
            namespaces: BTreeMap::new(),
            endpoints: BTreeMap::new(),
            errors: Vec::new(),
        }
    }

    /// Every check of one entry, its problems in this order.
    fn check(&mut self, e: &'a Entry) {
        self.fields(e);
        self.references(e);
        self.namespace(e);
        self.endpoints(e);
        self.recognisers(e);
        self.aliases(e);
    }

    fn push(&mut self, e: &Entry, message: String) {
        self.errors.push(err(&e.origin, message));
    }

    /// Its id, its name, and the provider a service needs or the category a tool needs.
    fn fields(&mut self, e: &Entry) {
        if !valid_id(&e.id) {
            self.push(
                e,
                format!(
                    "id `{}` must be lower-case letters, digits and '-', at most 100 of them",
                    e.id
                ),
            );
        }
        if e.name.trim().is_empty() {
            self.push(e, format!("`{}` has an empty name", e.id));
        }
        match (e.kind, &e.provider, &e.category) {
            (Kind::Service, None, _) => self.push(
                e,
                format!("service `{}` needs a `provider` (aws, gcp, azure, …)", e.id),
            ),
            (Kind::Tool, _, None) => self.push(
                e,
                format!("tool `{}` needs a `category` (language, ci, iac, …)", e.id),
            ),
            _ => {}
        }
    }

    /// The provider and the parent it names exist; the parent is of its kind, not itself.
    fn references(&mut self, e: &Entry) {
        if let Some(p) = &e.provider
            && !self.providers.contains(p.as_str())
        {
            self.push(
                e,
                format!("`{}` names provider `{p}`, which no file defines", e.id),
            );
        }
        let Some(parent) = &e.parent else {
            return;
        };
        match self.kinds.get(parent.as_str()) {
            None => self.push(
                e,
                format!("`{}` names parent `{parent}`, which does not exist", e.id),
            ),
            Some(k) if *k != e.kind => self.push(
                e,
                format!(
                    "`{}` and its parent `{parent}` are of different kinds",
                    e.id
                ),
            ),
            _ => {}
        }
        if parent_cycle(self.dict, &e.id) {
            self.push(e, format!("`{}` is its own ancestor", e.id));
        }
    }

    /// A namespace is one entry's per provider.
    fn namespace(&mut self, e: &'a Entry) {
        if let Some(ns) = &e.namespace
            && let Some(other) = self
                .namespaces
                .insert((e.provider.as_deref(), ns.as_str()), &e.id)
        {
            self.push(
                e,
                format!(
                    "namespace `{ns}` of `{}` is already claimed by `{other}`",
                    e.id
                ),
            );
        }
    }

    /// Endpoints are host labels under a provider's domain, each one entry's per provider.
    fn endpoints(&mut self, e: &'a Entry) {
        for host in &e.endpoints {
            if !valid_host_label(host) {
                self.push(
                    e,
                    format!(
                        "endpoint `{host}` of `{}` must be host labels: lower-case letters, digits, '-' and '.'",
                        e.id
                    ),
                );
            } else if e.provider.is_none() {
                self.push(
                    e,
                    format!(
                        "`{}` has endpoints but no provider, whose domain they would be under",
                        e.id
                    ),
                );
            } else if let Some(other) = self
                .endpoints
                .insert((e.provider.as_deref(), host.as_str()), &e.id)
                && other != e.id
            {
                self.push(
                    e,
                    format!(
                        "endpoint `{host}` of `{}` is already claimed by `{other}`",
                        e.id
                    ),
                );
            }
        }
    }

    /// The rules it names in `recognise` exist.
    fn recognisers(&mut self, e: &Entry) {
        for r in &e.recognise {
            if !RECOGNISERS.contains(&r.as_str()) {
                self.push(
                    e,
                    format!(
                        "`{}` names rule `{r}`; known rules: {}",
                        e.id,
                        RECOGNISERS.join(", ")
                    ),
                );
            }
        }
    }

    /// No alias is empty; a shared one has a `needs` rule; one another entry of its layer
    /// claimed is an error unless both declare it shared.
    fn aliases(&mut self, e: &'a Entry) {
        let mut own = BTreeSet::new();
        for a in e.spellings() {
            let key = alias_key(&a.text);
            if key.is_empty() {
                self.push(e, format!("`{}` has an empty alias", e.id));
                continue;
            }
            if !own.insert(key.clone()) {
                continue;
            }
            if a.shared && a.needs == Needs::None {
                self.push(
                    e,
                    format!(
                        "shared alias `{}` of `{}` needs a `needs` rule: evidence is what picks one of the entries that share it",
                        a.text, e.id
                    ),
                );
            }
            let shareable = a.shared && a.needs != Needs::None;
            match self.claimed.get(&key) {
                Some(first)
                    if first.layer == e.origin.layer
                        && first.id != e.id
                        && !(shareable && first.shareable) =>
                {
                    let message = format!(
                        "alias `{}` of `{}` is already claimed by `{}` ({}:{}); if both are right, mark both `shared = true` with a `needs` rule",
                        a.text, e.id, first.id, first.origin.file, first.origin.line
                    );
                    self.push(e, message);
                }
                _ => {
                    let claim = Claim {
                        id: e.id.as_str(),
                        layer: e.origin.layer,
                        origin: &e.origin,
                        shareable,
                    };
                    self.claimed.insert(key, claim);
                }
            }
        }
    }
}

fn parent_cycle(dict: &Dictionary, id: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut cur = id;
    while let Some(e) = dict.entry(cur) {
        if !seen.insert(cur) {
            return true;
        }
        match &e.parent {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Whether two spellings have one alias key, without making the keys when both need no
/// folding.
pub fn same_alias(a: &str, b: &str) -> bool {
    if crate::text::is_folded_ascii(a) && crate::text::is_folded_ascii(b) {
        a.eq_ignore_ascii_case(b)
    } else {
        alias_key(a) == alias_key(b)
    }
}

/// Two aliases are the same when their width- and ASCII-case-folded forms are.
pub fn alias_key(text: &str) -> String {
    let mut key = fold(text);
    key.make_ascii_lowercase();
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_one(text: &str) -> Result<Dictionary, Vec<DictError>> {
        let providers = "[[provider]]\nid = \"aws\"\nname = \"Amazon Web Services\"\naliases = [\"AWS\"]\nprefixes = [\"AWS\", \"Amazon\"]\n";
        load(&[vec![
            ("p.toml".to_string(), providers.to_string()),
            ("t.toml".to_string(), text.to_string()),
        ]])
    }

    #[test]
    fn loads_rules_and_variants() {
        let dict = load_one(
            "[[entry]]\nid = \"aws-batch\"\nname = \"AWS Batch\"\nkind = \"service\"\nprovider = \"aws\"\naliases = [{ text = \"Batch\", case = \"exact\", needs = \"context\" }]\n",
        )
        .expect("loads");
        let e = &dict.entries[0];
        let batch = e.aliases.iter().find(|a| a.text == "Batch").expect("alias");
        assert_eq!((batch.case, batch.needs), (Case::Exact, Needs::Context));
        assert!(
            e.aliases
                .iter()
                .any(|a| a.text == "Amazon Batch" && a.generated)
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let rows: [(&str, usize, &str); 11] = [
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"service\"\n",
                1,
                "needs a `provider`",
            ),
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"service\"\nprovider = \"aws\"\nendpoints = [\"Bad Host\"]\n",
                1,
                "must be host labels",
            ),
            (
                "[[entry]]\nid = \"a\"\nname = \"A\"\nkind = \"service\"\nprovider = \"aws\"\nendpoints = [\"s3\"]\n[[entry]]\nid = \"b\"\nname = \"B\"\nkind = \"service\"\nprovider = \"aws\"\nendpoints = [\"s3\"]\n",
                7,
                "endpoint `s3` of `b` is already claimed by `a`",
            ),
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\ncategory = \"c\"\nendpoints = [\"x\"]\n",
                1,
                "no provider",
            ),
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\n",
                1,
                "needs a `category`",
            ),
            (
                "[[entry]]\nid = \"Bad Id\"\nname = \"X\"\nkind = \"tool\"\ncategory = \"c\"\n",
                1,
                "lower-case",
            ),
            (
                "\n[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\ncategory = \"c\"\nparent = \"nope\"\n",
                2,
                "does not exist",
            ),
            (
                "[[entry]]\nid = \"a\"\nname = \"Same\"\nkind = \"tool\"\ncategory = \"c\"\n[[entry]]\nid = \"b\"\nname = \"X\"\nkind = \"tool\"\ncategory = \"c\"\naliases = [\"ＳＡＭＥ\"]\n",
                6,
                "already claimed by `a`",
            ),
            (
                "[[entry]]\nid = \"b\"\nname = \"B\"\nkind = \"tool\"\ncategory = \"c\"\n[[entry]]\nid = \"a\"\nname = \"A\"\nkind = \"tool\"\ncategory = \"c\"\n",
                6,
                "sorted",
            ),
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"tool\"\ncategory = \"c\"\naliases = [\"  \"]\n",
                1,
                "empty alias",
            ),
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"gadget\"\n",
                4,
                "unknown variant",
            ),
        ];
        for (text, line, message) in rows {
            let errors = load_one(text).expect_err(text);
            assert!(
                errors
                    .iter()
                    .any(|e| e.file == "t.toml" && e.line == line && e.message.contains(message)),
                "{text:?}: want line {line} `{message}`, got {errors:?}"
            );
        }
    }

    #[test]
    fn user_layer_replaces_builtin_ids() {
        let base = vec![
            (
                "p.toml".to_string(),
                "[[provider]]\nid = \"aws\"\nname = \"AWS\"\n".to_string(),
            ),
            (
                "b.toml".to_string(),
                "[[entry]]\nid = \"x\"\nname = \"Old\"\nkind = \"tool\"\ncategory = \"c\"\n"
                    .to_string(),
            ),
        ];
        let user = vec![(
            "u.toml".to_string(),
            "[[entry]]\nid = \"x\"\nname = \"New\"\nkind = \"tool\"\ncategory = \"c\"\n"
                .to_string(),
        )];
        let dict = load(&[base, user]).expect("loads");
        assert_eq!(dict.entries.len(), 1);
        assert_eq!(dict.entries[0].name, "New");
        assert_eq!(dict.entries[0].origin.layer, 1);
    }

    fn layered(base: &str, user: &str) -> Result<Dictionary, Vec<DictError>> {
        let providers = "[[provider]]\nid = \"aws\"\nname = \"AWS\"\naliases = [\"AWS\"]\nprefixes = [\"AWS\", \"Amazon\"]\n\n[[provider]]\nid = \"azure\"\nname = \"Azure\"\naliases = [\"Azure\"]\nprefixes = [\"Azure\"]\n";
        load(&[
            vec![
                ("p.toml".to_string(), providers.to_string()),
                ("b.toml".to_string(), base.to_string()),
            ],
            vec![("u.toml".to_string(), user.to_string())],
        ])
    }

    const BASE: &str = "[[entry]]\nid = \"aws-lambda\"\nname = \"AWS Lambda\"\nkind = \"service\"\nprovider = \"aws\"\n\n[[entry]]\nid = \"aws-lambda-edge\"\nname = \"Lambda@Edge\"\nkind = \"service\"\nprovider = \"aws\"\nparent = \"aws-lambda\"\n";

    #[test]
    fn user_layers_patch_and_switch_off() {
        let dict =
            layered(BASE, "[[entry]]\nid = \"aws-lambda\"\naliases = [\"λ\"]\n").expect("patch");
        let lambda = dict.entry("aws-lambda").expect("still there");
        assert_eq!(lambda.name, "AWS Lambda");
        assert!(lambda.aliases.iter().any(|a| a.text == "λ"));
        let dict = layered(BASE, "[[entry]]\nid = \"aws-lambda\"\nenabled = false\n").expect("off");
        assert!(
            dict.entries.is_empty(),
            "a switched-off service takes its features along"
        );
        let errors =
            layered(BASE, "[[entry]]\nid = \"nope\"\naliases = [\"x\"]\n").expect_err("unknown");
        assert!(errors[0].message.contains("patches an entry"), "{errors:?}");
        let errors =
            layered(BASE, "[[entry]]\nid = \"nope\"\nenabled = false\n").expect_err("unknown");
        assert!(errors[0].message.contains("switched off"), "{errors:?}");
    }

    #[test]
    fn shared_aliases_must_be_declared_with_evidence() {
        let entry = |id: &str, provider: &str, rule: &str| {
            format!(
                "[[entry]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"service\"\nprovider = \"{provider}\"\naliases = [{{ text = \"Batch\"{rule} }}]\n\n"
            )
        };
        let ok = entry("aws-batch", "aws", ", needs = \"context\", shared = true")
            + &entry(
                "azure-batch",
                "azure",
                ", needs = \"context\", shared = true",
            );
        assert!(layered(&ok, "").is_ok());
        let undeclared = entry("aws-batch", "aws", ", needs = \"context\", shared = true")
            + &entry("azure-batch", "azure", ", needs = \"context\"");
        let errors = layered(&undeclared, "").expect_err("undeclared");
        assert!(errors[0].message.contains("already claimed"), "{errors:?}");
        let no_rule = entry("aws-batch", "aws", ", shared = true");
        let errors = layered(&no_rule, "").expect_err("no rule");
        assert!(
            errors[0].message.contains("needs a `needs` rule"),
            "{errors:?}"
        );
    }

    #[test]
    fn every_dictionary_file_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("dictionaries/")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("dictionaries/{n}"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = super::super::BUILTIN
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        built_in.sort();
        assert_eq!(on_disk, built_in, "list every dictionary file in BUILTIN");
    }

    #[test]
    fn builtin_dictionary_is_valid() {
        let dict = Dictionary::builtin().unwrap_or_else(|errors| {
            panic!(
                "built-in dictionaries have errors:\n{}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(dict.entries.len() > 100);
    }
}
