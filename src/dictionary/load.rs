//! Reading dictionary files (TOML) into the model, layering user files over built-in ones,
//! and checking everything a matcher relies on. Each problem names its file and line.

use std::collections::{BTreeMap, BTreeSet};

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryWire {
    id: String,
    name: String,
    short: Option<String>,
    kind: KindWire,
    provider: Option<String>,
    category: Option<String>,
    parent: Option<String>,
    namespace: Option<String>,
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
    #[serde(default)]
    needs: NeedsWire,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "lowercase")]
enum CaseWire {
    #[default]
    Any,
    Exact,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "lowercase")]
enum NeedsWire {
    #[default]
    None,
    Neighbour,
    Context,
}

impl AliasWire {
    fn into_alias(self) -> Alias {
        match self {
            AliasWire::Text(text) => Alias::plain(&text),
            AliasWire::Rule(r) => Alias {
                text: r.text,
                case: match r.case {
                    CaseWire::Any => Case::Any,
                    CaseWire::Exact => Case::Exact,
                },
                needs: match r.needs {
                    NeedsWire::None => Needs::None,
                    NeedsWire::Neighbour => Needs::Neighbour,
                    NeedsWire::Context => Needs::Context,
                },
                generated: false,
            },
        }
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text[..offset.min(text.len())].matches('\n').count()
}

/// Loads layers of files: layer 0 is the built-in set, each later layer one user file.
pub fn load(layers: &[Vec<(String, String)>]) -> Result<Dictionary, Vec<DictError>> {
    let mut errors = Vec::new();
    let mut providers: Vec<Provider> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    for (layer, files) in layers.iter().enumerate() {
        let mut layer_ids: BTreeMap<String, Origin> = BTreeMap::new();
        for (file, text) in files {
            let wire: FileWire = match toml::from_str(text) {
                Ok(w) => w,
                Err(e) => {
                    errors.push(DictError {
                        file: file.clone(),
                        line: e.span().map_or(1, |s| line_at(text, s.start)),
                        message: e.message().trim().to_string(),
                    });
                    continue;
                }
            };
            let origin = |offset: usize| Origin {
                file: file.clone(),
                line: line_at(text, offset),
                layer,
            };
            let mut last_provider: Option<String> = None;
            for p in wire.provider {
                let at = origin(p.span().start);
                let p = p.into_inner();
                if let Some(prev) = &last_provider
                    && layer == 0
                    && prev.as_str() >= p.id.as_str()
                {
                    errors.push(err(
                        &at,
                        format!(
                            "providers are kept sorted by id: `{}` comes after `{prev}`",
                            p.id
                        ),
                    ));
                }
                last_provider = Some(p.id.clone());
                providers.retain(|old| old.id != p.id || old.origin.layer == layer);
                if providers.iter().any(|old| old.id == p.id) {
                    errors.push(err(&at, format!("provider `{}` is defined twice", p.id)));
                    continue;
                }
                providers.push(Provider {
                    id: p.id,
                    name: p.name,
                    aliases: p.aliases.into_iter().map(AliasWire::into_alias).collect(),
                    prefixes: p.prefixes,
                    origin: at,
                });
            }
            let mut last_id: Option<String> = None;
            for e in wire.entry {
                let at = origin(e.span().start);
                let e = e.into_inner();
                if let Some(prev) = &last_id
                    && layer == 0
                    && prev.as_str() >= e.id.as_str()
                {
                    errors.push(err(
                        &at,
                        format!(
                            "entries are kept sorted by id: `{}` comes after `{prev}`",
                            e.id
                        ),
                    ));
                }
                last_id = Some(e.id.clone());
                if let Some(first) = layer_ids.get(&e.id) {
                    errors.push(err(
                        &at,
                        format!(
                            "id `{}` is already used at {}:{}",
                            e.id, first.file, first.line
                        ),
                    ));
                    continue;
                }
                layer_ids.insert(e.id.clone(), at.clone());
                // a user entry with a built-in id replaces it
                entries.retain(|old| old.id != e.id);
                entries.push(Entry {
                    id: e.id,
                    name: e.name,
                    short: e.short,
                    kind: match e.kind {
                        KindWire::Service => Kind::Service,
                        KindWire::Tool => Kind::Tool,
                    },
                    provider: e.provider,
                    category: e.category,
                    parent: e.parent,
                    namespace: e.namespace,
                    recognise: e.recognise,
                    aliases: e.aliases.into_iter().map(AliasWire::into_alias).collect(),
                    origin: at,
                });
            }
        }
    }
    let mut dict = Dictionary {
        providers,
        entries,
        shared_variants: Vec::new(),
    };
    errors.extend(validate(&dict));
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        errors.dedup();
        return Err(errors);
    }
    variants::add_variants(&mut dict);
    Ok(dict)
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

/// Everything the matcher and the graph rely on.
fn validate(dict: &Dictionary) -> Vec<DictError> {
    let mut errors = Vec::new();
    let providers: BTreeSet<&str> = dict.providers.iter().map(|p| p.id.as_str()).collect();
    let kinds: BTreeMap<&str, Kind> = dict
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.kind))
        .collect();
    for p in &dict.providers {
        if !valid_id(&p.id) {
            errors.push(err(
                &p.origin,
                format!(
                    "provider id `{}` must be lower-case letters, digits and '-'",
                    p.id
                ),
            ));
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
    // alias key → (entry id, layer, origin)
    let mut claimed: BTreeMap<String, (&str, usize, &Origin)> = BTreeMap::new();
    for p in &dict.providers {
        for a in &p.aliases {
            claimed.insert(
                alias_key(&a.text),
                (p.id.as_str(), p.origin.layer, &p.origin),
            );
        }
    }
    let mut namespaces: BTreeMap<(Option<&str>, &str), &str> = BTreeMap::new();
    for e in &dict.entries {
        let at = &e.origin;
        if !valid_id(&e.id) {
            errors.push(err(
                at,
                format!(
                    "id `{}` must be lower-case letters, digits and '-', at most 100 of them",
                    e.id
                ),
            ));
        }
        if e.name.trim().is_empty() {
            errors.push(err(at, format!("`{}` has an empty name", e.id)));
        }
        match (e.kind, &e.provider, &e.category) {
            (Kind::Service, None, _) => errors.push(err(
                at,
                format!("service `{}` needs a `provider` (aws, gcp, azure, …)", e.id),
            )),
            (Kind::Tool, _, None) => errors.push(err(
                at,
                format!("tool `{}` needs a `category` (language, ci, iac, …)", e.id),
            )),
            _ => {}
        }
        if let Some(p) = &e.provider
            && !providers.contains(p.as_str())
        {
            errors.push(err(
                at,
                format!("`{}` names provider `{p}`, which no file defines", e.id),
            ));
        }
        if let Some(parent) = &e.parent {
            match kinds.get(parent.as_str()) {
                None => errors.push(err(
                    at,
                    format!("`{}` names parent `{parent}`, which does not exist", e.id),
                )),
                Some(k) if *k != e.kind => errors.push(err(
                    at,
                    format!(
                        "`{}` and its parent `{parent}` are of different kinds",
                        e.id
                    ),
                )),
                _ => {}
            }
            if parent_cycle(dict, &e.id) {
                errors.push(err(at, format!("`{}` is its own ancestor", e.id)));
            }
        }
        if let Some(ns) = &e.namespace
            && let Some(other) = namespaces.insert((e.provider.as_deref(), ns.as_str()), &e.id)
        {
            errors.push(err(
                at,
                format!(
                    "namespace `{ns}` of `{}` is already claimed by `{other}`",
                    e.id
                ),
            ));
        }
        for r in &e.recognise {
            if !RECOGNISERS.contains(&r.as_str()) {
                errors.push(err(
                    at,
                    format!(
                        "`{}` names rule `{r}`; known rules: {}",
                        e.id,
                        RECOGNISERS.join(", ")
                    ),
                ));
            }
        }
        let mut own = BTreeSet::new();
        for a in e.spellings() {
            let key = alias_key(&a.text);
            if key.is_empty() {
                errors.push(err(at, format!("`{}` has an empty alias", e.id)));
                continue;
            }
            if !own.insert(key.clone()) {
                continue;
            }
            match claimed.get(&key) {
                Some((other, layer, origin)) if *layer == e.origin.layer && *other != e.id => {
                    errors.push(err(
                        at,
                        format!(
                            "alias `{}` of `{}` is already claimed by `{other}` ({}:{})",
                            a.text, e.id, origin.file, origin.line
                        ),
                    ));
                }
                _ => {
                    claimed.insert(key, (e.id.as_str(), e.origin.layer, &e.origin));
                }
            }
        }
    }
    errors
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

/// Two aliases are the same when their width- and ASCII-case-folded forms are.
pub fn alias_key(text: &str) -> String {
    fold(text).to_ascii_lowercase()
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
        let rows: [(&str, usize, &str); 8] = [
            (
                "[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"service\"\n",
                1,
                "needs a `provider`",
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
