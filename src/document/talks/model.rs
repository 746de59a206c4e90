//! The talk model: a logistic regression over the evidence slots (one for all unit kinds, or
//! one for each group of kinds: headings, list items, table rows), and the thresholds that
//! turn probabilities into decisions. The numbers are data (`dictionaries/structure/talk-model.json`), fitted by
//! `tools/talkmodel/fit.py` on reports with gold files; this module only reads and applies
//! them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::features::FEATURES;
use super::units::UnitKind;

const BUILTIN: &str = include_str!("../../../dictionaries/structure/talk-model.json");

/// The format version this build reads.
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    note: Vec<String>,
    groups: BTreeMap<String, GroupFile>,
    /// A speaker candidate at or above this likelihood is taken where its position is not
    /// the report's established one.
    speaker: f32,
    /// Where the report's talks put their speakers, a candidate at or above this is taken.
    speaker_established: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    bias: f32,
    weights: BTreeMap<String, f32>,
    /// A unit at or above this probability is a talk.
    accept: f32,
    /// In a set whose members' mean probability reaches `accept`, a member at or above this
    /// is a talk too (siblings carry each other).
    keep: f32,
    /// Feature means and spreads the weights were fitted on (inputs are standardised).
    #[serde(default)]
    mean: BTreeMap<String, f32>,
    #[serde(default)]
    scale: BTreeMap<String, f32>,
}

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a talk model: {0}")]
    Json(#[from] serde_json::Error),
    #[error("talk model version {0} is not known (this build reads version {VERSION})")]
    Version(u32),
    #[error("talk model names an unknown feature `{0}`")]
    Feature(String),
    #[error("talk model lacks the group `{0}` (it needs `all`, or heading, item and row)")]
    Group(&'static str),
}

/// The weights of one group of unit kinds.
#[derive(Debug, Clone)]
struct Group {
    bias: f32,
    weights: Vec<f32>,
    mean: Vec<f32>,
    scale: Vec<f32>,
    accept: f32,
    keep: f32,
}

#[derive(Debug, Clone)]
pub struct Model {
    groups: [Group; 3],
    /// Weighs a sibling set as a whole (the mean of its members' evidence): is this set the
    /// report's talks? None: a set's mean probability stands for it.
    set: Option<Group>,
    pub speaker: f32,
    pub speaker_established: f32,
}

/// The group a unit kind is weighed in, and its name in the file.
fn group(kind: UnitKind) -> (usize, &'static str) {
    match kind {
        UnitKind::Heading | UnitKind::Bold | UnitKind::Document => (0, "heading"),
        UnitKind::Item | UnitKind::Line => (1, "item"),
        UnitKind::Row => (2, "row"),
    }
}

const GROUPS: [&str; 3] = ["heading", "item", "row"];

static DEFAULT: LazyLock<Model> = LazyLock::new(|| {
    // compiled in and checked by a test
    Model::from_json(BUILTIN).unwrap_or_else(|e| panic!("talk-model.json: {e}"))
});

impl Default for Model {
    fn default() -> Model {
        DEFAULT.clone()
    }
}

fn index(name: &str) -> Result<usize, ModelError> {
    FEATURES
        .iter()
        .position(|x| *x == name)
        .ok_or_else(|| ModelError::Feature(name.to_string()))
}

impl Group {
    fn from_file(g: &GroupFile) -> Result<Group, ModelError> {
        let mut weights = vec![0.0; FEATURES.len()];
        let mut mean = vec![0.0; FEATURES.len()];
        let mut scale = vec![1.0; FEATURES.len()];
        for (k, w) in &g.weights {
            weights[index(k)?] = *w;
        }
        for (k, m) in &g.mean {
            mean[index(k)?] = *m;
        }
        for (k, s) in &g.scale {
            scale[index(k)?] = if *s > 0.0 { *s } else { 1.0 };
        }
        Ok(Group {
            bias: g.bias,
            weights,
            mean,
            scale,
            accept: g.accept,
            keep: g.keep,
        })
    }

    fn contributions(&self, x: &[f32]) -> Vec<f32> {
        x.iter()
            .enumerate()
            .map(|(i, v)| self.weights[i] * (v - self.mean[i]) / self.scale[i])
            .collect()
    }
}

impl Model {
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let f: File = serde_json::from_str(text)?;
        if f.version != VERSION {
            return Err(ModelError::Version(f.version));
        }
        // a group the file does not fit on its own is weighed by `all`
        let load = |name: &'static str| {
            f.groups
                .get(name)
                .or_else(|| f.groups.get("all"))
                .ok_or(ModelError::Group(name))
                .and_then(Group::from_file)
        };
        Ok(Model {
            groups: [load(GROUPS[0])?, load(GROUPS[1])?, load(GROUPS[2])?],
            set: f.groups.get("set").map(Group::from_file).transpose()?,
            speaker: f.speaker,
            speaker_established: f.speaker_established,
        })
    }

    fn group(&self, kind: UnitKind) -> &Group {
        &self.groups[group(kind).0]
    }

    /// The probability that a unit of this kind with evidence `x` is a talk.
    pub fn probability(&self, kind: UnitKind, x: &[f32]) -> f32 {
        let g = self.group(kind);
        let z = g.bias + g.contributions(x).iter().sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The probability that a sibling set whose members' mean evidence is `x` is a set of
    /// talks, and the bar it must reach; None when the model weighs no sets.
    pub fn set_probability(&self, x: &[f32]) -> Option<(f32, f32)> {
        let g = self.set.as_ref()?;
        let z = g.bias + g.contributions(x).iter().sum::<f32>();
        Some((1.0 / (1.0 + (-z).exp()), g.accept))
    }

    /// The probability at or above which a unit of this kind is a talk.
    pub fn accept(&self, kind: UnitKind) -> f32 {
        self.group(kind).accept
    }

    /// The probability at or above which a unit is a talk when its set is talks.
    pub fn keep(&self, kind: UnitKind) -> f32 {
        self.group(kind).keep
    }

    /// The features that pushed hardest toward "talk", strongest first.
    pub fn reasons(&self, kind: UnitKind, x: &[f32], n: usize) -> Vec<&'static str> {
        let mut c: Vec<(usize, f32)> = self
            .group(kind)
            .contributions(x)
            .into_iter()
            .enumerate()
            .filter(|(i, v)| *v > 0.05 && x[*i] != 0.0)
            .collect();
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.into_iter().take(n).map(|(i, _)| FEATURES[i]).collect()
    }

    /// What decided, in words a reader knows: the evidence among the strongest reasons that
    /// a person would point at ("speaker line", "time", "siblings name speakers").
    pub fn found_by(&self, kind: UnitKind, x: &[f32]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .reasons(kind, x, FEATURES.len())
            .into_iter()
            .filter_map(super::features::readable)
            .take(3)
            .collect();
        if out.is_empty() {
            out.push("siblings");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_loads() {
        let m = Model::default();
        for kind in [UnitKind::Heading, UnitKind::Item, UnitKind::Row] {
            assert!(m.accept(kind) > 0.0 && m.accept(kind) < 1.0);
        }
    }

    #[test]
    fn bad_models_are_refused() {
        assert!(matches!(Model::from_json("{"), Err(ModelError::Json(_))));
        let group = r#"{"bias":0,"weights":{"nope":1},"accept":0.5,"keep":0.3}"#;
        let unknown = format!(
            r#"{{"version":2,"groups":{{"heading":{group},"item":{group},"row":{group}}},"speaker":0.7,"speaker_established":0.3}}"#
        );
        assert!(matches!(
            Model::from_json(&unknown),
            Err(ModelError::Feature(f)) if f == "nope"
        ));
        let missing = r#"{"version":2,"groups":{},"speaker":0.7,"speaker_established":0.3}"#;
        assert!(matches!(
            Model::from_json(missing),
            Err(ModelError::Group("heading"))
        ));
        let old = r#"{"version":1,"groups":{},"speaker":0.7,"speaker_established":0.3}"#;
        assert!(matches!(Model::from_json(old), Err(ModelError::Version(1))));
    }
}
