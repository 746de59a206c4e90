//! Talks: which parts of a report are talks, who gives them, which are sessions, and which
//! part of the report belongs to which talk.
//!
//! Inference, in four steps, each in its own module:
//! 1. `units`: every heading, bold line, list item, table row and talk-like line is a
//!    candidate unit; units side by side form sibling sets.
//! 2. `features`: evidence per unit (people near the start, times, codes, slides, talk
//!    words, length, documentation words), over its set, and over the document.
//! 3. `model`: a fitted logistic regression gives each unit a probability; sets carry their
//!    members; nesting and duplicates are resolved (`decide`).
//! 4. `people`: each talk's speakers, read where the report's talks put them.
//!
//! Everything decided can be shown with its evidence (`graph talks`).

mod decide;
pub mod features;
pub mod model;
mod people;
mod profiles;
pub mod units;

use std::collections::HashSet;
use std::ops::Range;

use super::front_matter::FrontMatter;
use super::outline::Outline;
use super::speakers::Speaker;
pub use model::{Model, ModelError};
pub use units::UnitKind;

#[derive(Debug, Clone, PartialEq)]
pub struct Talk {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// Byte offset of the heading (or the line) the talk opens with.
    pub offset: usize,
    /// 1-based line of that offset.
    pub line: usize,
    pub level: u8,
    /// The session this talk is part of (an index into the same list).
    pub parent: Option<usize>,
    pub session: bool,
    /// How sure the model is that this is a talk (0–1).
    pub confidence: f32,
    /// The evidence that decided, strongest first ("label", "time", "set_person" …).
    pub found_by: Vec<&'static str>,
    /// How likely the speakers are the talk's speakers (0–1; 0 when none were found).
    pub speaker_confidence: f32,
    /// Where the speakers were read ("label", "head", "cell", "sub", "near", "prose").
    pub speaker_found_by: Option<&'static str>,
}

/// Which part of the report a byte belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Event,
    Talk(usize),
}

/// What was decided of one candidate unit, for `graph talks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Talk,
    Session,
    /// A unit that names the speakers of the talk above it.
    Speaker,
    /// Not a talk.
    Not,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Talk => "talk",
            Decision::Session => "session",
            Decision::Speaker => "speaker",
            Decision::Not => "not a talk",
        }
    }
}

/// One candidate unit with its evidence and what became of it.
#[derive(Debug, Clone)]
pub struct UnitReport {
    pub kind: UnitKind,
    pub offset: usize,
    pub level: u8,
    /// Which sibling set of the report it belongs to.
    pub set: usize,
    pub head: String,
    pub title: String,
    pub alt_titles: Vec<String>,
    pub probability: f32,
    pub decision: Decision,
    pub reasons: Vec<&'static str>,
    /// `(feature, value)` for every non-zero feature.
    pub features: Vec<(&'static str, f32)>,
    /// Speaker candidates: position, names, likelihood.
    pub people: Vec<(&'static str, Vec<String>, f32)>,
}

#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub talks: Vec<Talk>,
    /// `(start offset, scope)`, sorted by offset: a byte belongs to the last entry at or before it.
    pub scopes: Vec<(usize, Scope)>,
    /// Source ranges that name speakers; not scanned for mentions.
    pub speaker_text: Vec<Range<usize>>,
    /// Outline item index of each heading that is a talk, sorted.
    pub headings: Vec<usize>,
    /// Every candidate unit, when asked for (`Context::explain`).
    pub units: Vec<UnitReport>,
}

impl Structure {
    pub fn scope_at(&self, offset: usize) -> Scope {
        let i = self.scopes.partition_point(|&(start, _)| start <= offset);
        if i == 0 {
            Scope::Event
        } else {
            self.scopes[i - 1].1
        }
    }
}

/// What reading a report knows besides the report: the names of products (a heading that is
/// only a product name is no talk, a "speaker" named like a product is nobody) and the talk
/// model.
#[derive(Debug, Clone, Default)]
pub struct Context {
    products: HashSet<String>,
    pub model: Model,
    /// Keep every unit's evidence in `Structure::units`.
    pub explain: bool,
    /// Talks and speakers below this confidence are not taken (`--min-confidence`).
    pub min_confidence: f32,
}

impl Context {
    /// A context knowing these product names (any spelling; compared width- and case-folded).
    pub fn new<'a>(products: impl IntoIterator<Item = &'a str>, model: Model) -> Context {
        Context {
            products: products
                .into_iter()
                .map(crate::dictionary::alias_key)
                .collect(),
            model,
            explain: false,
            min_confidence: 0.0,
        }
    }

    /// A context knowing every name and alias of the dictionary's entries and providers.
    pub fn for_dictionary(dict: &crate::dictionary::Dictionary, model: Model) -> Context {
        let mut names: Vec<String> = Vec::new();
        for e in &dict.entries {
            names.extend(e.spellings().map(|a| a.text));
        }
        for p in &dict.providers {
            names.push(p.name.clone());
            names.extend(p.aliases.iter().map(|a| a.text.clone()));
        }
        Context::new(names.iter().map(String::as_str), model)
    }

    /// Whether `text` is, as a whole, the name of a product.
    pub fn is_product(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty() && self.products.contains(&crate::dictionary::alias_key(t))
    }
}

/// Finds the talks of a report.
pub fn find(outline: &Outline, front: &FrontMatter, text: &str, ctx: &Context) -> Structure {
    let units = units::cut(outline, text.len(), front.title.as_deref());
    let evidence = features::gather(outline, &units, front, text, ctx);
    let decided = decide::decide(&units, &evidence, &ctx.model, ctx.min_confidence);
    let chosen = people::choose(&units, &evidence, &decided, &ctx.model, ctx.min_confidence);
    decide::assemble(outline, &units, &evidence, &decided, chosen, ctx)
}
