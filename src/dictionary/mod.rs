//! The entity model and its loading: providers (AWS, Google Cloud, …) and entries (services
//! and tools) with their aliases and the rules ambiguous aliases need.
//!
//! The built-in files under `dictionaries/` are compiled in; user files (`--dict`) are layered
//! on top: an entry with a built-in id replaces it. Loading validates everything and reports
//! each problem with its file and line. This module does not match text; `matcher` does.

mod compact;
mod load;
pub mod variants;

use std::collections::BTreeMap;

pub use load::{DictError, alias_key, same_alias};

/// The built-in dictionary files, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "dictionaries/providers.toml",
        include_str!("../../dictionaries/providers.toml"),
    ),
    (
        "dictionaries/aws.toml",
        include_str!("../../dictionaries/aws.toml"),
    ),
    (
        "dictionaries/gcp.toml",
        include_str!("../../dictionaries/gcp.toml"),
    ),
    (
        "dictionaries/azure.toml",
        include_str!("../../dictionaries/azure.toml"),
    ),
    (
        "dictionaries/clouds.toml",
        include_str!("../../dictionaries/clouds.toml"),
    ),
    (
        "dictionaries/tools.toml",
        include_str!("../../dictionaries/tools.toml"),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Service,
    Tool,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Service => "service",
            Kind::Tool => "tool",
        }
    }
}

/// Which capitalisation an alias needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    /// ASCII case does not matter.
    #[default]
    Any,
    /// Only this exact spelling ("Go", not "go").
    Exact,
}

/// What evidence a mention by this alias needs before it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Needs {
    #[default]
    None,
    /// A certain mention of the same provider (or tool category) on the same line.
    Neighbour,
    /// `Neighbour`, or a certain mention of the same provider / category, or the provider's
    /// own name, in the same talk.
    Context,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub text: String,
    pub case: Case,
    pub needs: Needs,
    /// Declared to be claimed by several entries too ("Batch": AWS, Azure, Google Cloud);
    /// evidence picks one.
    pub shared: bool,
    /// Made by the loader (prefix swap, spacing), not written in a file.
    pub generated: bool,
    /// Words that, right after the alias, make a phrase that is no mention ("式" after
    /// "lambda", "code" after "Glue").
    pub not_before: Vec<String>,
}

impl Alias {
    /// An alias with the default rule for its text: none, except for a katakana spelling.
    pub fn plain(text: &str) -> Alias {
        Alias {
            text: text.to_string(),
            case: Case::Any,
            needs: default_needs(text),
            shared: false,
            generated: false,
            not_before: Vec::new(),
        }
    }
}

/// Katakana spellings ("ドッカー", "クラウドウォッチ") need context: katakana also writes the
/// ordinary words these names come from ("ラムダ式", "コネクト", "バッチ処理").
pub fn default_needs(text: &str) -> Needs {
    if is_katakana_word(text) {
        Needs::Context
    } else {
        Needs::None
    }
}

/// Whether a spelling is written in katakana (with ー, ・ and spaces), no other script.
pub fn is_katakana_word(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{30a1}'..='\u{30fa}'))
        && text
            .chars()
            .all(|c| matches!(c, '\u{30a1}'..='\u{30fc}' | ' ' | '\u{3000}'))
}

/// Where an entry or provider was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    /// 0 for built-in files, 1.. for user files in order.
    pub layer: usize,
}

#[derive(Debug, Clone)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub aliases: Vec<Alias>,
    pub prefixes: Vec<String>,
    /// Domains its services' endpoints are under (`amazonaws.com`).
    pub endpoint_domains: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub kind: Kind,
    pub provider: Option<String>,
    pub category: Option<String>,
    pub parent: Option<String>,
    pub namespace: Option<String>,
    /// Host labels of its endpoints under its provider's endpoint domain (`monitoring` for
    /// `monitoring.us-east-1.amazonaws.com`).
    pub endpoints: Vec<String>,
    /// Built-in pattern rules this entry answers to (`ec2-instance-type`).
    pub recognise: Vec<String>,
    /// Aliases as written in the file, then the loader's variants.
    pub aliases: Vec<Alias>,
    pub origin: Origin,
}

impl Entry {
    /// Every spelling this entry answers to: name, short, aliases (generated ones last).
    /// A name that an alias repeats with a rule ("Go" with `case = "exact"`) follows the rule.
    pub fn spellings(&self) -> impl Iterator<Item = Alias> + '_ {
        let ruled = |text: &str| {
            self.aliases
                .iter()
                .any(|a| !a.generated && same_alias(&a.text, text))
        };
        std::iter::once(self.name.as_str())
            .chain(self.short.as_deref())
            .filter(move |t| !ruled(t))
            .map(Alias::plain)
            .chain(self.aliases.iter().cloned())
    }

    /// The label people know it by: the short name when there is one.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// The aliases a reader would recognise, written ones only, without the name and short.
    pub fn written_aliases(&self) -> impl Iterator<Item = &Alias> {
        self.aliases.iter().filter(|a| !a.generated)
    }
}

/// Providers and entries, validated, variants made.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub providers: Vec<Provider>,
    pub entries: Vec<Entry>,
    /// Generated variants no entry got because two entries would have shared them.
    pub shared_variants: Vec<String>,
}

/// The rules that `recognise` may name.
pub const RECOGNISERS: &[&str] = &["ec2-instance-type"];

/// The built-in dictionary as `build.rs` loaded it from `BUILTIN` (`compact`). The build
/// sets the cfg only when the files loaded without a problem; else a run loads them and names
/// the problems.
#[cfg(talkgraph_compiled_dictionary)]
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.bin"));

impl Dictionary {
    /// The built-in dictionary: compiled in, read back in a few milliseconds.
    pub fn builtin() -> Result<Dictionary, Vec<DictError>> {
        #[cfg(talkgraph_compiled_dictionary)]
        if let Some(dict) = compact::decode(COMPILED) {
            return Ok(dict);
        }
        Dictionary::builtin_from_files()
    }

    /// The built-in dictionary loaded from its files, as `build.rs` does it.
    pub fn builtin_from_files() -> Result<Dictionary, Vec<DictError>> {
        let files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        load::load(&[files])
    }

    /// The built-in dictionary compactly, for `build.rs` to compile in.
    pub fn to_compact(&self) -> Vec<u8> {
        compact::encode(self)
    }

    /// Built-in files (unless `no_builtin`) with user files layered on top, in order.
    pub fn with_user_files(
        user: &[(String, String)],
        no_builtin: bool,
    ) -> Result<Dictionary, Vec<DictError>> {
        if user.is_empty() && !no_builtin {
            return Dictionary::builtin();
        }
        let mut layers: Vec<Vec<(String, String)>> = Vec::new();
        if !no_builtin {
            layers.push(
                BUILTIN
                    .iter()
                    .map(|(name, text)| (name.to_string(), text.to_string()))
                    .collect(),
            );
        } else {
            layers.push(Vec::new());
        }
        for file in user {
            layers.push(vec![file.clone()]);
        }
        load::load(&layers)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Entries by id, for lookups that happen often.
    pub fn index(&self) -> BTreeMap<&str, usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect()
    }
}
