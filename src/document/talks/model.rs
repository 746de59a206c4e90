//! The talk model: a logistic regression over the evidence slots, and the thresholds that
//! turn its probabilities into decisions. The numbers are data
//! (`dictionaries/structure/talk-model.json`), fitted by `tools/talkmodel/fit.py` on reports
//! with gold files; this module only reads and applies them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::features::FEATURES;

const BUILTIN: &str = include_str!("../../../dictionaries/structure/talk-model.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    note: Vec<String>,
    bias: f32,
    weights: BTreeMap<String, f32>,
    /// A unit at or above this probability is a talk.
    accept: f32,
    /// In a set whose members' mean probability reaches `accept`, a member at or above this
    /// is a talk too (siblings carry each other).
    keep: f32,
    /// A speaker candidate at or above this likelihood is taken where its position is not
    /// the report's established one.
    speaker: f32,
    /// Where the report's talks put their speakers, a candidate at or above this is taken.
    speaker_established: f32,
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
    #[error("talk model version {0} is not known (expected 1)")]
    Version(u32),
    #[error("talk model names an unknown feature `{0}`")]
    Feature(String),
}

#[derive(Debug, Clone)]
pub struct Model {
    bias: f32,
    weights: Vec<f32>,
    mean: Vec<f32>,
    scale: Vec<f32>,
    pub accept: f32,
    pub keep: f32,
    pub speaker: f32,
    pub speaker_established: f32,
}

static DEFAULT: LazyLock<Model> = LazyLock::new(|| {
    // compiled in and checked by a test
    Model::from_json(BUILTIN).unwrap_or_else(|e| panic!("talk-model.json: {e}"))
});

impl Default for Model {
    fn default() -> Model {
        DEFAULT.clone()
    }
}

impl Model {
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let f: File = serde_json::from_str(text)?;
        if f.version != 1 {
            return Err(ModelError::Version(f.version));
        }
        let index = |name: &str| {
            FEATURES
                .iter()
                .position(|x| *x == name)
                .ok_or_else(|| ModelError::Feature(name.to_string()))
        };
        let mut weights = vec![0.0; FEATURES.len()];
        let mut mean = vec![0.0; FEATURES.len()];
        let mut scale = vec![1.0; FEATURES.len()];
        for (k, w) in &f.weights {
            weights[index(k)?] = *w;
        }
        for (k, m) in &f.mean {
            mean[index(k)?] = *m;
        }
        for (k, s) in &f.scale {
            scale[index(k)?] = if *s > 0.0 { *s } else { 1.0 };
        }
        Ok(Model {
            bias: f.bias,
            weights,
            mean,
            scale,
            accept: f.accept,
            keep: f.keep,
            speaker: f.speaker,
            speaker_established: f.speaker_established,
        })
    }

    /// What each feature adds to the log-odds.
    pub fn contributions(&self, x: &[f32]) -> Vec<f32> {
        x.iter()
            .enumerate()
            .map(|(i, v)| self.weights[i] * (v - self.mean[i]) / self.scale[i])
            .collect()
    }

    /// The probability that a unit with evidence `x` is a talk.
    pub fn probability(&self, x: &[f32]) -> f32 {
        let z = self.bias + self.contributions(x).iter().sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The features that pushed hardest toward "talk", strongest first.
    pub fn reasons(&self, x: &[f32], n: usize) -> Vec<&'static str> {
        let mut c: Vec<(usize, f32)> = self
            .contributions(x)
            .into_iter()
            .enumerate()
            .filter(|(i, v)| *v > 0.05 && x[*i] != 0.0)
            .collect();
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.into_iter().take(n).map(|(i, _)| FEATURES[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_loads() {
        let m = Model::default();
        assert!(m.accept > 0.0 && m.accept < 1.0);
    }

    #[test]
    fn bad_models_are_refused() {
        assert!(matches!(Model::from_json("{"), Err(ModelError::Json(_))));
        let unknown = r#"{"version":1,"bias":0,"weights":{"nope":1},"accept":0.5,"keep":0.3,"speaker":0.7,"speaker_established":0.3}"#;
        assert!(matches!(
            Model::from_json(unknown),
            Err(ModelError::Feature(f)) if f == "nope"
        ));
        let version = r#"{"version":2,"bias":0,"weights":{},"accept":0.5,"keep":0.3,"speaker":0.7,"speaker_established":0.3}"#;
        assert!(matches!(
            Model::from_json(version),
            Err(ModelError::Version(2))
        ));
    }
}
