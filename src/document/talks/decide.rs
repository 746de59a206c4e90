//! From probabilities to talks: sets carry their members, a talk holding talks is a session,
//! one talk inside another is one talk, a talk listed twice is one talk, a document title is
//! a talk only when nothing else is. Then the talks are put together with their titles,
//! speakers and the bytes that belong to each.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::features::{Evidence, FEATURES, Position};
use super::model::Model;
use super::people::Chosen;
use super::units::{UnitKind, Units};
use super::{Context, Decision, Scope, Structure, Talk, UnitReport};
use crate::document::outline::Outline;
use crate::document::words::LISTS;

#[derive(Debug, Clone)]
pub struct Decided {
    pub p: Vec<f32>,
    pub decision: Vec<Decision>,
    /// The session each talk is part of.
    pub session: Vec<Option<usize>>,
    /// For a talk, the unit listing the same talk elsewhere (an agenda line), if any.
    pub twin: Vec<Option<usize>>,
}

impl Decided {
    pub fn is_talk(&self, u: usize) -> bool {
        matches!(self.decision[u], Decision::Talk | Decision::Session)
    }
}

pub fn decide(units: &Units, ev: &[Evidence], model: &Model, min_confidence: f32) -> Decided {
    let n = units.units.len();
    let p: Vec<f32> = ev
        .iter()
        .zip(&units.units)
        .map(|(e, u)| model.probability(u.kind, &e.x))
        .collect();
    let mut talk = carried(units, ev, &p, model);
    let event = about_an_event(ev);
    for (t, p) in talk.iter_mut().zip(&p) {
        *t &= *p >= min_confidence && event;
    }
    resolve_nesting(units, ev, &p, min_confidence, &mut talk);
    let twin = merge_twins(units, ev, &p, &mut talk);
    drop_indexes(units, ev, &mut talk);
    doc_title(units, ev, &p, model, &mut talk);
    let session = sessions(units, &talk);
    let mut decision: Vec<Decision> = talk
        .iter()
        .map(|&t| if t { Decision::Talk } else { Decision::Not })
        .collect();
    for s in session.iter().flatten() {
        decision[*s] = Decision::Session;
    }
    debug_assert_eq!(decision.len(), n);
    Decided {
        p,
        decision,
        session,
        twin,
    }
}

/// A report with no sign of an event (no event word or edition in its title and opening
/// lines, nobody named where talks name their speakers) is documentation: it has no talks.
fn about_an_event(ev: &[Evidence]) -> bool {
    ev.first()
        .is_some_and(|e| e.get("doc_event") > 0.0 || e.get("doc_people") > 0.0)
}

/// A unit is a talk on its own probability, or when its set is talks and it is not clearly
/// something else: members that are plainly a break, a summary or a list of talks neither
/// count for their set nor are carried by it.
fn carried(units: &Units, ev: &[Evidence], p: &[f32], model: &Model) -> Vec<bool> {
    let mut talk = vec![false; units.units.len()];
    let mut talk_shapes: Vec<Shape> = Vec::new();
    let mut shaped: Vec<(Shape, Vec<usize>)> = Vec::new();
    for set in &units.sets {
        let members: Vec<usize> = set
            .members
            .iter()
            .copied()
            .filter(|&u| !ev[u].plainly_other())
            .collect();
        let talks = !members.is_empty()
            && set_is_talks(
                &members,
                ev,
                p,
                model,
                model.accept(units.units[members[0]].kind),
            );
        for &u in &set.members {
            let kind = units.units[u].kind;
            talk[u] = p[u] >= model.accept(kind)
                || (talks && members.contains(&u) && p[u] >= model.keep(kind));
        }
        if talks {
            carry_the_pattern(ev, &members, model.speaker_established, &mut talk);
        }
        if let Some(s) = shape(units, ev, &members) {
            let carried = members.iter().filter(|&&u| talk[u]).count();
            if talks && carried * 2 >= members.len() {
                talk_shapes.push(s);
            }
            shaped.push((s, members));
        }
    }
    // a report writes its talks alike: the members of a set shaped like a set of talks (the
    // same kind of unit at the same level, each a link to a recording, slides or a session
    // page) are talks too, wherever they stand ("- [Title](https://youtu.be/…)" under "### LT"
    // as under "### Day 1"). Sets alike in naming their speakers were tried too: on reports
    // nobody had read they carried sections that are no talks.
    for (s, members) in shaped {
        if talk_shapes.contains(&s) {
            for u in members {
                talk[u] = true;
            }
        }
    }
    talk
}

/// In a set of talks, the place where two or more of its talks name someone clearly is the
/// report's pattern: a member naming someone there at all is a talk too, though the name is
/// unsure ("Title - [Krishna](…), Huawei" among "Title - Jane Doe, Acme" lines).
/// `bar` is how likely a name must be there (the model's bar for an established position).
fn carry_the_pattern(ev: &[Evidence], members: &[usize], bar: f32, talk: &mut [bool]) {
    // the places where unit `u` names someone at least `min` likely, each once
    let at = |u: usize, min: f32| -> HashSet<Position> {
        ev[u]
            .people
            .iter()
            .filter(|c| c.likelihood >= min)
            .map(|c| c.position)
            .collect()
    };
    let mut clear: HashMap<Position, usize> = HashMap::new();
    for &u in members.iter().filter(|&&u| talk[u]) {
        for p in at(u, CLEARLY_NAMED) {
            *clear.entry(p).or_default() += 1;
        }
    }
    for &u in members {
        if !talk[u]
            && ev[u].get("person_only") == 0.0
            && at(u, bar)
                .iter()
                .any(|p| clear.get(p).is_some_and(|&n| n >= 2))
        {
            talk[u] = true;
        }
    }
}

/// What a set of two or more units looks like as talks: their kind, their level, and that
/// every one of them is a link to slides, a recording or a session page.
type Shape = (UnitKind, u8);

fn shape(units: &Units, ev: &[Evidence], members: &[usize]) -> Option<Shape> {
    let (&first, rest) = members.split_first()?;
    let slide_link = |u: usize| {
        ev[u].get("head_link") > 0.0
            && ev[u].get("person_only") == 0.0
            && units.units[u]
                .head
                .links
                .iter()
                .any(|l| LISTS.slides(&l.url))
    };
    (!rest.is_empty() && members.iter().all(|&u| slide_link(u)))
        .then(|| (units.units[first].kind, units.units[first].level))
}

/// How likely a person must be to count as clearly named, for a set's pattern.
const CLEARLY_NAMED: f32 = 0.5;

/// Whether a set (its members that are not plainly something else) is a set of talks: by
/// the set model on its members' mean evidence, or else by their mean probability.
fn set_is_talks(members: &[usize], ev: &[Evidence], p: &[f32], model: &Model, accept: f32) -> bool {
    let n = members.len() as f32;
    let mut mean = vec![0.0; super::features::FEATURES.len()];
    for &u in members {
        for (m, x) in mean.iter_mut().zip(&ev[u].x) {
            *m += x / n;
        }
    }
    match model.set_probability(&mean) {
        Some((ps, accept)) => ps >= accept,
        None => members.iter().map(|&u| p[u]).sum::<f32>() / n >= accept,
    }
}

/// The nearest ancestor of `u` that is a talk.
fn talk_ancestor(units: &Units, talk: &[bool], u: usize) -> Option<usize> {
    let mut up = units.units[u].parent;
    while let Some(a) = up {
        if talk[a] {
            return Some(a);
        }
        up = units.units[a].parent;
    }
    None
}

/// A talk holding one talk is one talk (the likelier); a list item or row holding talks is
/// their container, not a talk. A heading holding two or more talks is their session when it
/// is itself a slot of the programme (a keynote, lightning talks, a time, named speakers),
/// else only their container ("## Track A", "### AC: App Client"). A word for talks alone
/// does not make a slot: "参加セッション", "Expert Talks" and "List of Talks" head the talks the
/// writer lists, not a session of the programme.
fn resolve_nesting(
    units: &Units,
    ev: &[Evidence],
    p: &[f32],
    min_confidence: f32,
    talk: &mut [bool],
) {
    // deepest first, so that an inner conflict is settled before its parent counts children
    let mut order: Vec<usize> = (0..units.units.len()).collect();
    order.sort_by_key(|&u| std::cmp::Reverse(depth(units, u)));
    for &u in &order {
        // a talk's sub-headings that only name its speakers are no talks under it
        if talk[u] {
            for c in ev[u].people.iter().flat_map(|c| &c.consumed) {
                talk[*c] = false;
            }
        }
        let children = talk_children(units, talk, u);
        let heading = matches!(units.units[u].kind, UnitKind::Heading | UnitKind::Bold);
        let e = &ev[u];
        // asked only of a heading over two talks or more (it reads the head's text)
        let slot = || {
            (e.get("slot") > 0.0
                || e.get("time") > 0.0
                || e.get("label") > 0.0
                || e.get("person_head") >= 0.5
                || named_slot(&units.units[u].head.text))
                && e.get("category") == 0.0
                && e.get("non_talk") == 0.0
        };
        if !talk[u] {
            // "## Lightning talks" over its talks: their session, if sure enough
            if heading && children.len() >= 2 && p[u] >= min_confidence && slot() {
                talk[u] = true;
            }
            continue;
        }
        match children.as_slice() {
            [] => {}
            [only] => {
                if p[*only] > p[u] || !heading {
                    talk[u] = false;
                } else {
                    talk[*only] = false;
                }
            }
            _ if !heading || !slot() => talk[u] = false,
            _ => {}
        }
    }
}

/// A heading naming a kind of programme slot in the plural ("Lightning talks", "Ignite
/// Talks"): the slot words are singular, and a plural is no evidence of its own elsewhere.
fn named_slot(head: &str) -> bool {
    let singular = head.to_lowercase().replace("talks", "talk");
    LISTS.slot(&singular) || singular.contains("ignite talk")
}

/// The talks whose nearest talk ancestor would be `u`: below it, with no talk between.
fn talk_children(units: &Units, talk: &[bool], u: usize) -> Vec<usize> {
    let span = &units.units[u].span;
    (u + 1..units.units.len())
        .take_while(|&c| units.units[c].span.start < span.end)
        .filter(|&c| talk[c] && c != u)
        .filter(|&c| {
            let mut up = units.units[c].parent;
            while let Some(a) = up {
                if a == u {
                    return true;
                }
                if talk[a] {
                    return false;
                }
                up = units.units[a].parent;
            }
            false
        })
        .collect()
}

fn depth(units: &Units, u: usize) -> usize {
    let mut d = 0;
    let mut up = units.units[u].parent;
    while let Some(a) = up {
        d += 1;
        up = units.units[a].parent;
    }
    d
}

/// The same talk listed twice (an agenda list and a heading per talk; an intro list and a
/// thank-you list) is one talk: the one with a body of its own stays, the other is its twin.
fn merge_twins(units: &Units, ev: &[Evidence], p: &[f32], talk: &mut [bool]) -> Vec<Option<usize>> {
    let mut twin = vec![None; units.units.len()];
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for u in 0..units.units.len() {
        if !talk[u] {
            continue;
        }
        let key = crate::text::name_key(&ev[u].title);
        if key.chars().count() < 4 {
            continue;
        }
        match by_title.get(&key) {
            Some(&first) => {
                let size = |x: usize| units.units[x].span.len();
                let (keep, drop) = if units.units[u].kind == UnitKind::Heading
                    && units.units[first].kind != UnitKind::Heading
                    || (units.units[u].kind == units.units[first].kind
                        && size(u) > size(first)
                        && p[u] >= p[first])
                {
                    (u, first)
                } else {
                    (first, u)
                };
                talk[drop] = false;
                twin[keep] = Some(drop);
                by_title.insert(key, keep);
            }
            None => {
                by_title.insert(key, u);
            }
        }
    }
    twin
}

/// A talk whose own items are, two or more and most of them, the titles of talks elsewhere
/// in the report is a list of those talks ("聞きたいセッション", "Agenda"), not a talk.
fn drop_indexes(units: &Units, ev: &[Evidence], talk: &mut [bool]) {
    let key = |u: usize| crate::text::name_key(&ev[u].title);
    let titles: HashMap<String, usize> = (0..units.units.len())
        .filter(|&u| talk[u])
        .map(|u| (key(u), u))
        .filter(|(k, _)| k.chars().count() >= 4)
        .collect();
    let mut children: HashMap<usize, (usize, usize)> = HashMap::new();
    for (c, unit) in units.units.iter().enumerate() {
        let Some(parent) = unit.parent.filter(|&p| talk[p]) else {
            continue;
        };
        let outside = |t: usize| {
            let span = &units.units[parent].span;
            !span.contains(&units.units[t].span.start)
        };
        let listed = titles.get(&key(c)).is_some_and(|&t| t != c && outside(t));
        let entry = children.entry(parent).or_default();
        entry.0 += 1;
        entry.1 += usize::from(listed);
    }
    for (parent, (all, listed)) in children {
        if listed >= 2 && listed * 2 > all {
            talk[parent] = false;
        }
    }
}

/// The document's title is a talk only when no other part is, or when it outweighs every
/// other part taken for a talk: a report about one session whose sections ("Summary",
/// "Slides", "Q&A") were carried as a set, none a talk on its own evidence nor naming anyone,
/// is that one session, and its sections are parts of it.
fn doc_title(units: &Units, ev: &[Evidence], p: &[f32], model: &Model, talk: &mut [bool]) {
    let Some(title) = (0..units.units.len()).find(|&u| units.units[u].doc_title) else {
        return;
    };
    let others: Vec<usize> = (0..units.units.len())
        .filter(|&u| u != title && talk[u])
        .collect();
    if others.is_empty() {
        return;
    }
    let rivals: Vec<Rival> = others
        .iter()
        .map(|&u| Rival {
            p: p[u],
            accept: model.accept(units.units[u].kind),
            named: ev[u].named,
        })
        .collect();
    if title_outweighs(p[title], model.keep(units.units[title].kind), &rivals) {
        talk[title] = true;
        for u in others {
            talk[u] = false;
        }
    } else {
        talk[title] = false;
    }
}

/// A talk found elsewhere in a report whose title may be its one talk.
struct Rival {
    p: f32,
    accept: f32,
    /// How surely it names its speaker.
    named: f32,
}

/// Whether the report's title, `p` likely (its kind keeps at `keep`), is its one talk over
/// the `rivals`: they are all weak (below their bar, naming no one surely) and less likely,
/// or there is one alone, less likely and naming no one surely (a stray line of the notes
/// of one talk: "SRV325 - Title" over notes that link one announcement).
fn title_outweighs(p: f32, keep: f32, rivals: &[Rival]) -> bool {
    let unnamed = |r: &Rival| r.named < 0.5 && r.p < p;
    let lone = matches!(rivals, [r] if unnamed(r));
    p >= keep && (lone || rivals.iter().all(|r| unnamed(r) && r.p < r.accept))
}

/// The session of each talk: its nearest ancestor that is a talk.
fn sessions(units: &Units, talk: &[bool]) -> Vec<Option<usize>> {
    (0..units.units.len())
        .map(|u| {
            if talk[u] {
                talk_ancestor(units, talk, u)
            } else {
                None
            }
        })
        .collect()
}

/// The talks, in document order, with their speakers and scopes.
pub fn assemble(
    outline: &Outline,
    units: &Units,
    ev: &[Evidence],
    decided: &Decided,
    chosen: Vec<Option<Chosen>>,
    ctx: &Context,
) -> Structure {
    let mut decision = decided.decision.clone();
    // a unit that became a talk's speakers is not a talk of its own
    for c in chosen.iter().flatten() {
        for &sub in &c.consumed {
            decision[sub] = Decision::Speaker;
        }
    }
    let is_talk = |u: usize| matches!(decision[u], Decision::Talk | Decision::Session);
    let mut index: Vec<Option<usize>> = vec![None; units.units.len()];
    let mut out = Structure::default();
    for u in 0..units.units.len() {
        if !is_talk(u) {
            continue;
        }
        index[u] = Some(out.talks.len());
        let unit = &units.units[u];
        let c = chosen[u].as_ref();
        let title = c
            .and_then(|c| c.title.clone())
            .unwrap_or_else(|| ev[u].title.clone());
        let title = if title.is_empty() {
            unit.head.text.trim().to_string()
        } else {
            title
        };
        if let Some(c) = c {
            out.speaker_text.extend(c.hide.iter().cloned());
        }
        if unit.kind == UnitKind::Heading {
            out.headings.push(unit.at);
        }
        let offset = match unit.kind {
            UnitKind::Row | UnitKind::Line => unit.span.start,
            _ => outline
                .items
                .get(unit.at)
                .map_or(unit.span.start, |i| i.range().start),
        };
        let found_by = ctx.model.found_by(unit.kind, &ev[u].x);
        out.talks.push(Talk {
            title,
            speakers: c.map(|c| c.speakers.clone()).unwrap_or_default(),
            offset,
            line: 0,
            level: unit.level.min(7),
            parent: None,
            session: decision[u] == Decision::Session,
            confidence: decided.p[u],
            found_by,
            speaker_confidence: c.map_or(0.0, |c| c.likelihood),
            speaker_found_by: c.map(|c| c.position.as_str()),
        });
    }
    for u in 0..units.units.len() {
        if let (Some(t), Some(s)) = (index[u], decided.session[u].and_then(|s| index[s])) {
            out.talks[t].parent = Some(s);
            out.talks[s].session = true;
        }
    }
    // a labelled speaker line ("by …", "登壇者：…") names people whatever its part is: its
    // names are never mentions of a product
    for e in ev {
        for c in e.people.iter().filter(|c| c.position == Position::Label) {
            out.speaker_text.extend(c.hide.iter().cloned());
        }
    }
    out.headings.sort_unstable();
    out.scopes = scopes(
        units
            .units
            .iter()
            .enumerate()
            .filter_map(|(u, unit)| index[u].map(|t| (unit.span.clone(), t))),
    );
    out.speaker_text.sort_by_key(|r| (r.start, r.end));
    out.speaker_text.dedup();
    if ctx.explain {
        out.units = reports(outline, units, ev, decided, &decision, &chosen, ctx);
    }
    out
}

/// Scope boundaries from nested talk spans: a byte belongs to the innermost talk covering it.
fn scopes(spans: impl Iterator<Item = (Range<usize>, usize)>) -> Vec<(usize, Scope)> {
    let mut spans: Vec<(Range<usize>, usize)> = spans.collect();
    spans.sort_by_key(|(r, t)| (r.start, std::cmp::Reverse(r.end), *t));
    let mut out: Vec<(usize, Scope)> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let close_until =
        |pos: usize, open: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, Scope)>| {
            while let Some(&(end, _)) = open.last() {
                if end > pos {
                    break;
                }
                open.pop();
                let after = open.last().map_or(Scope::Event, |&(_, t)| Scope::Talk(t));
                out.push((end, after));
            }
        };
    for (span, t) in spans {
        close_until(span.start, &mut open, &mut out);
        out.push((span.start, Scope::Talk(t)));
        // a span that overlaps the open one without nesting ends with it
        let end = open.last().map_or(span.end, |&(e, _)| span.end.min(e));
        open.push((end, t));
    }
    close_until(usize::MAX, &mut open, &mut out);
    // at one offset, the last entry wins
    out.sort_by_key(|&(start, _)| start);
    let mut dedup: Vec<(usize, Scope)> = Vec::with_capacity(out.len());
    for (start, scope) in out {
        if let Some(last) = dedup.last_mut()
            && last.0 == start
        {
            last.1 = scope;
            continue;
        }
        dedup.push((start, scope));
    }
    dedup
}

fn reports(
    outline: &Outline,
    units: &Units,
    ev: &[Evidence],
    decided: &Decided,
    decision: &[Decision],
    chosen: &[Option<Chosen>],
    ctx: &Context,
) -> Vec<UnitReport> {
    units
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let e = &ev[u];
            let offset = match unit.kind {
                UnitKind::Row | UnitKind::Line => unit.span.start,
                _ => outline
                    .items
                    .get(unit.at)
                    .map_or(unit.span.start, |i| i.range().start),
            };
            let title = chosen[u]
                .as_ref()
                .and_then(|c| c.title.clone())
                .unwrap_or_else(|| e.title.clone());
            UnitReport {
                kind: unit.kind,
                offset,
                level: unit.level,
                set: unit.set,
                head: unit.head.text.clone(),
                title,
                alt_titles: e.alt_titles.clone(),
                probability: decided.p[u],
                decision: decision[u],
                reasons: ctx.model.reasons(unit.kind, &e.x, 4),
                features: FEATURES
                    .iter()
                    .zip(&e.x)
                    .filter(|(_, v)| **v != 0.0)
                    .map(|(f, v)| (*f, *v))
                    .collect(),
                people: e
                    .people
                    .iter()
                    .map(|c| {
                        (
                            c.position.as_str(),
                            c.speakers.iter().map(|s| s.name.clone()).collect(),
                            c.likelihood,
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::talks::features::Candidate;

    /// A unit's evidence naming someone at `position` with `likelihood`, or no one.
    fn named(position: Position, likelihood: Option<f32>) -> Evidence {
        Evidence {
            x: vec![0.0; FEATURES.len()],
            named: 0.0,
            title: String::new(),
            alt_titles: Vec::new(),
            people: likelihood
                .map(|likelihood| Candidate {
                    position,
                    speakers: Vec::new(),
                    likelihood,
                    hide: Vec::new(),
                    title: None,
                    consumed: Vec::new(),
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn a_title_outweighs_weak_talks_or_one_stray_one() {
        let r = |p: f32, named: f32| Rival {
            p,
            accept: 0.65,
            named,
        };
        // weak rivals, less likely than the title
        assert!(title_outweighs(0.9, 0.2, &[r(0.3, 0.0), r(0.4, 0.0)]));
        // one stray talk, sure on its own but less likely than the title
        assert!(title_outweighs(0.99, 0.2, &[r(0.82, 0.0)]));
        // two sure talks: the report lists talks
        assert!(!title_outweighs(0.99, 0.2, &[r(0.82, 0.0), r(0.8, 0.0)]));
        // a talk naming its speaker, or likelier than the title
        assert!(!title_outweighs(0.99, 0.2, &[r(0.82, 0.9)]));
        assert!(!title_outweighs(0.7, 0.2, &[r(0.82, 0.0)]));
        // a title too unlikely to keep
        assert!(!title_outweighs(0.1, 0.2, &[r(0.05, 0.0)]));
    }

    #[test]
    fn a_set_s_pattern_carries_a_member_named_there_unsurely() {
        let ev = [
            named(Position::Head, Some(0.9)),
            named(Position::Head, Some(0.9)),
            named(Position::Head, Some(0.3)),
            named(Position::Near, Some(0.3)),
            named(Position::Head, Some(0.1)),
            named(Position::Head, None),
        ];
        let mut talk = [true, true, false, false, false, false];
        carry_the_pattern(&ev, &[0, 1, 2, 3, 4, 5], 0.25, &mut talk);
        // named at the pattern's place above the bar: carried; elsewhere, below it, or no
        // one named: not
        assert_eq!(talk, [true, true, true, false, false, false]);
        // one clear name is no pattern
        let mut talk = [true, false, false, false, false, false];
        carry_the_pattern(&ev, &[0, 1, 2, 3, 4, 5], 0.25, &mut talk);
        assert_eq!(talk, [true, false, false, false, false, false]);
    }
}
