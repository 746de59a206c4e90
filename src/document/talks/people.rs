//! Who gives each talk. Candidates were found by position (the head, a labelled line, a
//! table cell, a sub-heading, the first line, the prose); a report puts its speakers in the
//! same place talk after talk, so a position where several of a set's talks name someone
//! clearly is read for the others too, at a lower bar.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::decide::Decided;
use super::features::{Candidate, Evidence, Position};
use super::model::Model;
use super::units::Units;
use crate::document::speakers::Speaker;

/// The speakers chosen for a talk.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub speakers: Vec<Speaker>,
    pub hide: Vec<Range<usize>>,
    /// The title, when taking the people out of the head leaves it.
    pub title: Option<String>,
    pub position: Position,
    pub likelihood: f32,
    /// Sub-heading units that name them (no talks then).
    pub consumed: Vec<usize>,
}

/// Preference among positions when several name someone.
const ORDER: &[Position] = &[
    Position::Label,
    Position::Head,
    Position::Cell,
    Position::Sub,
    Position::Near,
    Position::Prose,
    Position::Author,
];

pub fn choose(
    units: &Units,
    ev: &[Evidence],
    decided: &Decided,
    model: &Model,
    min_confidence: f32,
) -> Vec<Option<Chosen>> {
    let established = established(units, ev, decided);
    // sub-headings that are talks themselves name no speakers of the talk above them
    let usable = |c: &Candidate| !c.consumed.iter().any(|&s| decided.is_talk(s));
    let pick = |e: &Evidence, set: usize| {
        pick(e, |p| established.contains(&(set, p)), &usable, model)
            .filter(|c| c.likelihood >= min_confidence)
    };
    (0..units.units.len())
        .map(|u| {
            if !decided.is_talk(u) {
                return None;
            }
            let own = pick(&ev[u], units.units[u].set);
            let twin = decided.twin[u].and_then(|t| pick(&ev[t], units.units[t].set));
            let mut c = match (own, twin) {
                (Some(c), _) => c,
                (None, Some(mut t)) => {
                    // the agenda's title is the other reading; this talk keeps its own
                    t.title = None;
                    t
                }
                (None, None) => return None,
            };
            let head_only_people = c.position == Position::Head || ev[u].get("person_only") > 0.0;
            if head_only_people && c.title.is_none() {
                // the head is only people: the title is the bold line under it, if any
                c.title = ev[u].alt_titles.get(1).cloned();
            }
            Some(c)
        })
        .collect()
}

/// `(set, position)` pairs that are the report's pattern: at least two of the set's talks
/// name someone there clearly, or one names someone surely and another names someone there
/// at all.
fn established(units: &Units, ev: &[Evidence], decided: &Decided) -> HashSet<(usize, Position)> {
    // per (set, position): talks naming someone there, clearly, surely
    let mut count: HashMap<(usize, Position), [usize; 3]> = HashMap::new();
    for (u, e) in ev.iter().enumerate() {
        if !decided.is_talk(u) {
            continue;
        }
        let mut best: HashMap<Position, f32> = HashMap::new();
        for c in &e.people {
            let b = best.entry(c.position).or_default();
            *b = b.max(c.likelihood);
        }
        for (pos, l) in best {
            let n = count.entry((units.units[u].set, pos)).or_default();
            n[0] += 1;
            n[1] += usize::from(l >= 0.5);
            n[2] += usize::from(l >= 0.8);
        }
    }
    count
        .into_iter()
        .filter(|&(_, [any, clear, sure])| clear >= 2 || (sure >= 1 && any >= 2))
        .map(|(k, _)| k)
        .collect()
}

/// The first position, in order of preference, whose candidate clears its bar.
fn pick(
    e: &Evidence,
    established: impl Fn(Position) -> bool,
    usable: &dyn Fn(&Candidate) -> bool,
    model: &Model,
) -> Option<Chosen> {
    for &pos in ORDER {
        let Some(c) = e
            .people
            .iter()
            .filter(|c| c.position == pos && usable(c))
            .max_by(|a, b| a.likelihood.total_cmp(&b.likelihood))
        else {
            continue;
        };
        let bar = if matches!(pos, Position::Label | Position::Cell) || established(pos) {
            model.speaker_established
        } else {
            model.speaker
        };
        if c.likelihood >= bar {
            return Some(chosen(c));
        }
    }
    None
}

fn chosen(c: &Candidate) -> Chosen {
    Chosen {
        speakers: c.speakers.clone(),
        hide: c.hide.clone(),
        title: c.title.clone(),
        position: c.position,
        likelihood: c.likelihood,
        consumed: c.consumed.clone(),
    }
}
