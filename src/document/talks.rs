//! Talks: which headings (and list lines) are talks, who gives them, which are sessions, and
//! which part of the report belongs to which talk.
//!
//! Evidence, strongest first:
//! - a speaker line under the heading ("by …", "Speaker: …", "登壇者：…", quoted or not);
//! - a speaker in the heading ("Title — Name", "Title (Name)", "Title / @handle",
//!   "Title by Name", "Name - Title", "Title 名前さん", a timetable row with a speaker field);
//! - a speaker sub-heading right under the heading ("## 10:00 Title" / "### Name (Company)"),
//!   when the report does this at least twice;
//! - a line of names under the heading (a panel), a word naming a kind of talk ("Keynote",
//!   "ハンズオン"), or a parent heading that is a category of talks ("Breakout Sessions").
//!
//! Weak evidence counts only at a heading level where strong evidence found talks (the talk
//! level is learned per report) or under a category heading. Breaks, meals, the party and the
//! summary are never talks without a speaker line. Times, session codes and numbering are not
//! part of titles. Headings under a talk that are not talks belong to it; a talk holding talks
//! is a session; a line "@handle さん「Title」" in the text is a talk of its own; everything else
//! belongs to the event.

use std::collections::BTreeSet;
use std::ops::Range;

use super::headings::{
    Split, clean_title, has_talk_keyword, heading_split, is_category, is_non_talk, prefix_len,
};
use super::lists::list_talks;
use super::outline::{BlockKind, Heading, Inline, Item, Outline};
use super::speakers::{
    Names, Speaker, Strength, name_strength, parse_speakers, speaker_line, split_names,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talk {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// Byte offset of the heading (or the list line).
    pub offset: usize,
    /// 1-based line of the heading.
    pub line: usize,
    pub level: u8,
    /// The session this talk is part of (an index into the same list).
    pub parent: Option<usize>,
    pub session: bool,
}

/// Which part of the report a byte belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Event,
    Talk(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub talks: Vec<Talk>,
    /// `(start offset, scope)`, sorted by offset: a byte belongs to the last entry at or before it.
    pub scopes: Vec<(usize, Scope)>,
    /// Source ranges that name speakers; not scanned for mentions.
    pub speaker_text: Vec<Range<usize>>,
    /// Item index of each heading that is a talk, sorted.
    pub headings: Vec<usize>,
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

/// What a heading's evidence says.
#[derive(Debug, Clone)]
struct Evidence {
    title: String,
    speakers: Vec<Speaker>,
    strength: Strength,
    hide: Vec<Range<usize>>,
    /// Under a category heading: a talk whatever the level.
    by_category: bool,
    /// See `Split::repeat`.
    repeat: bool,
}

impl From<Split> for Evidence {
    fn from(s: Split) -> Evidence {
        Evidence {
            title: s.title,
            speakers: s.speakers,
            strength: s.strength,
            hide: s.hide,
            by_category: false,
            repeat: s.repeat,
        }
    }
}

/// How many blocks under a heading may hold its speaker line.
const SPEAKER_LINE_WINDOW: usize = 3;

/// How many lines of each of those blocks are looked at.
const SPEAKER_LINES: usize = 8;

/// A heading with its prefix (times, codes, numbering) cut off.
struct Head<'a> {
    heading: &'a Heading,
    inline: Inline,
    title: String,
}

pub fn find(outline: &Outline) -> Structure {
    let headings: Vec<usize> = outline
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item, Item::Heading(_)))
        .map(|(i, _)| i)
        .collect();
    let heads: Vec<Head<'_>> = headings
        .iter()
        .filter_map(|&i| match &outline.items[i] {
            Item::Heading(h) => {
                let p = prefix_len(&h.inline.text);
                let inline = h.inline.tail(p, h.inline.text.len());
                let title = clean_title(&inline.text.replace('\t', " "));
                Some(Head {
                    heading: h,
                    inline,
                    title,
                })
            }
            Item::Block(_) => None,
        })
        .collect();
    let level = |n: usize| heads[n].heading.level;
    let body = |n: usize| {
        let end = headings.get(n + 1).copied().unwrap_or(outline.items.len());
        &outline.items[headings[n] + 1..end]
    };

    // the heading tree
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(heads.len());
    let mut stack: Vec<usize> = Vec::new();
    for n in 0..heads.len() {
        while stack.last().is_some_and(|&top| level(top) >= level(n)) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(n);
    }

    // 1. evidence per heading
    let mut evidence: Vec<Option<Evidence>> = (0..heads.len())
        .map(|n| evidence_for(&heads[n], body(n)))
        .collect();

    // 1b. a form titles share counts only where it recurs at its level
    let mut repeats = [0usize; 8];
    for n in 0..heads.len() {
        if evidence[n].as_ref().is_some_and(|e| e.repeat) {
            repeats[usize::from(level(n).min(7))] += 1;
        }
    }
    for n in 0..heads.len() {
        if evidence[n].as_ref().is_some_and(|e| e.repeat)
            && repeats[usize::from(level(n).min(7))] < 2
        {
            evidence[n] = None;
        }
    }

    // 2. speaker sub-headings: "## 09:10 Title" then "### Name (Company)", when the report
    //    does it at least twice and names someone clearly at least once
    let mut consumed: BTreeSet<usize> = BTreeSet::new();
    let candidates: Vec<(usize, Vec<Speaker>, Strength)> = (0..heads.len().saturating_sub(1))
        .filter(|&n| level(n + 1) > level(n) && parent[n + 1] == Some(n))
        .filter(|&n| body(n).len() <= 1)
        .filter(|&n| {
            evidence[n]
                .as_ref()
                .is_none_or(|e| e.strength == Strength::Weak)
        })
        .filter_map(|n| {
            let sub = &heads[n + 1];
            let (speakers, strength) =
                parse_speakers(&sub.inline.text, 0, &sub.inline.links, Names::Heading)?;
            Some((n, speakers, strength))
        })
        .collect();
    // one layout per report: the pair of levels most candidates share ("# Event" over a
    // first "## 09:30 Talk" is no talk over its speaker)
    let mut per_level = [0usize; 8];
    for c in &candidates {
        per_level[usize::from(level(c.0).min(7))] += 1;
    }
    let layout = (0..8u8).max_by_key(|&l| (per_level[usize::from(l)], l));
    let candidates: Vec<_> = candidates
        .into_iter()
        .filter(|c| Some(level(c.0).min(7)) == layout)
        .collect();
    if candidates.len() >= 2 && candidates.iter().any(|c| c.2 == Strength::Strong) {
        for (n, speakers, _) in candidates {
            let title = evidence[n]
                .as_ref()
                .map_or_else(|| heads[n].title.clone(), |e| e.title.clone());
            let sub = heads[n + 1].heading;
            evidence[n] = Some(Evidence {
                repeat: false,
                title,
                speakers,
                strength: Strength::Strong,
                hide: vec![sub.range.clone()],
                by_category: false,
            });
            consumed.insert(n + 1);
        }
    }

    // 3. children of a category heading are talks
    for n in 0..heads.len() {
        let Some(p) = parent[n] else { continue };
        if evidence[n].is_none()
            && !consumed.contains(&n)
            && is_category(&heads[p].title)
            && !is_non_talk(&heads[n].title)
            && !heads[n].title.is_empty()
        {
            evidence[n] = Some(Evidence {
                repeat: false,
                title: heads[n].title.clone(),
                speakers: Vec::new(),
                strength: Strength::Weak,
                hide: Vec::new(),
                by_category: true,
            });
        }
    }
    for &c in &consumed {
        evidence[c] = None;
    }
    for n in 0..heads.len() {
        // a category heading is none of its talks
        if is_category(&heads[n].title)
            && evidence[n].as_ref().is_some_and(|e| e.speakers.is_empty())
        {
            evidence[n] = None;
        }
    }

    // 4. the talk levels: where strong evidence is
    let mut strong_levels: Vec<u8> = (0..heads.len())
        .filter(|&n| {
            evidence[n]
                .as_ref()
                .is_some_and(|e| e.strength == Strength::Strong)
        })
        .map(level)
        .collect();
    strong_levels.sort_unstable();
    strong_levels.dedup();
    let mut weak_per_level = [0usize; 8];
    for n in 0..heads.len() {
        if evidence[n].is_some() {
            weak_per_level[usize::from(level(n).min(7))] += 1;
        }
    }
    let weak_ok = |l: u8| -> bool {
        if strong_levels.is_empty() {
            weak_per_level[usize::from(l.min(7))] >= 2
        } else {
            strong_levels.contains(&l)
        }
    };
    // a heading above the talks that names its own speaker ("## Keynote" with "**Maria
    // Gonzalez**" over "### Talk 1 — …" headings) is a talk too
    let deepest_strong = strong_levels.last().copied().unwrap_or(0);
    let named_above = |e: &Evidence, l: u8| {
        !e.speakers.is_empty()
            && e.speakers
                .iter()
                .all(|p| p.handle.is_some() || name_strength(&p.name) == Some(Strength::Strong))
            && l >= 2
            && l < deepest_strong
            && (has_talk_keyword(&e.title) || is_slot_name(&e.title))
    };
    let mut is_talk: Vec<bool> = (0..heads.len())
        .map(|n| match &evidence[n] {
            Some(e) => {
                e.strength == Strength::Strong
                    || e.by_category
                    || weak_ok(level(n))
                    || named_above(e, level(n))
            }
            None => false,
        })
        .collect();

    // 5. sessions without a speaker line: a heading at a talk level whose children are talks
    let mut talk_levels: Vec<u8> = (0..heads.len())
        .filter(|&n| is_talk[n])
        .map(level)
        .collect();
    talk_levels.sort_unstable();
    talk_levels.dedup();
    let mut talk_children = vec![0usize; heads.len()];
    for (c, p) in parent.iter().enumerate() {
        if let Some(p) = *p
            && is_talk[c]
        {
            talk_children[p] += 1;
        }
    }
    for n in 0..heads.len() {
        if is_talk[n] || consumed.contains(&n) {
            continue;
        }
        let title = &heads[n].title;
        // a slot of the programme ("## 10:00 Keynote", "## Lightning Talks") holds its talks
        // at any level; a plain container ("## Day 1") only where talks are
        let slot = is_slot_name(title) || starts_with_time(&heads[n].heading.inline.text);
        if talk_children[n] >= 2
            && (talk_levels.contains(&level(n)) || slot)
            && !is_category(title)
            && !is_non_talk(title)
        {
            is_talk[n] = true;
            evidence[n] = Some(Evidence {
                repeat: false,
                title: title.clone(),
                speakers: Vec::new(),
                strength: Strength::Weak,
                hide: Vec::new(),
                by_category: false,
            });
        }
    }

    // 5b. a heading over two or more list talks ("## LT" then "- @a さん「…」" lines) is their
    //     session, when it stands where talks stand
    let lists = list_talks(outline);
    let list_heading: Vec<Option<usize>> = lists
        .iter()
        .map(|lt| {
            heads
                .partition_point(|h| h.heading.range.start < lt.span.start)
                .checked_sub(1)
        })
        .collect();
    let mut list_children = vec![0usize; heads.len()];
    for n in list_heading.iter().flatten() {
        list_children[*n] += 1;
    }
    for n in 0..heads.len() {
        let title = &heads[n].title;
        // where talks are, or a slot of the programme ("## LT"); a plain container over
        // them ("## Day 1") is no session
        let at_talk_level = talk_levels.contains(&level(n))
            || is_slot_name(title)
            || starts_with_time(&heads[n].heading.inline.text);
        if !is_talk[n]
            && !consumed.contains(&n)
            && list_children[n] >= 2
            && talk_children[n] == 0
            && at_talk_level
            && !title.is_empty()
            && !is_category(title)
            && !is_non_talk(title)
        {
            is_talk[n] = true;
            evidence[n] = Some(Evidence {
                repeat: false,
                title: title.clone(),
                speakers: Vec::new(),
                strength: Strength::Weak,
                hide: Vec::new(),
                by_category: false,
            });
        }
    }

    // 6. talks from headings, then from list lines, in document order
    struct Found {
        talk: Talk,
        heading: Option<usize>,
        /// For a list talk, the byte range it covers.
        span: Option<Range<usize>>,
    }
    let mut found: Vec<Found> = Vec::new();
    let mut speaker_text: Vec<Range<usize>> = Vec::new();
    let mut talk_of: Vec<Option<usize>> = vec![None; heads.len()];
    for n in 0..heads.len() {
        if !is_talk[n] {
            continue;
        }
        let Some(e) = evidence[n].take() else {
            continue;
        };
        let mut up = parent[n];
        let mut session = None;
        while let Some(p) = up {
            if let Some(t) = talk_of[p] {
                session = Some(t);
                break;
            }
            up = parent[p];
        }
        if let Some(s) = session {
            found[s].talk.session = true;
        }
        talk_of[n] = Some(found.len());
        speaker_text.extend(e.hide);
        found.push(Found {
            talk: Talk {
                title: e.title,
                speakers: e.speakers,
                offset: heads[n].heading.range.start,
                line: 0,
                level: level(n),
                parent: session,
                session: false,
            },
            heading: Some(headings[n]),
            span: None,
        });
    }
    // a talk listed in a table or list and written up under its own heading is one talk
    let heading_titles: BTreeSet<String> = found
        .iter()
        .map(|f| crate::text::name_key(&f.talk.title))
        .collect();
    for (lt, heading) in lists.into_iter().zip(list_heading) {
        speaker_text.extend(lt.hide.clone());
        if heading_titles.contains(&crate::text::name_key(&lt.title)) {
            continue;
        }
        let parent = heading.and_then(|n| talk_of[n]);
        if let Some(s) = parent {
            found[s].talk.session = true;
        }
        found.push(Found {
            talk: Talk {
                title: lt.title,
                speakers: lt.speakers,
                offset: lt.span.start,
                line: 0,
                level: 7,
                parent,
                session: false,
            },
            heading: None,
            span: Some(lt.span),
        });
    }

    // document order; parents and heading talks renumbered to match
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].talk.offset, i));
    let mut new_index = vec![0usize; found.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut out = Structure::default();
    let mut spans: Vec<(Range<usize>, usize)> = Vec::new();
    for &old in &order {
        let f = &found[old];
        let mut talk = f.talk.clone();
        talk.parent = talk.parent.map(|p| new_index[p]);
        if let Some(h) = f.heading {
            out.headings.push(h);
        }
        if let Some(span) = &f.span {
            spans.push((span.clone(), new_index[old]));
        }
        out.talks.push(talk);
    }
    out.headings.sort_unstable();

    // scopes: each heading belongs to its nearest talk; a list talk covers its own line
    let mut scopes: Vec<(usize, Scope)> = Vec::new();
    for (n, head) in heads.iter().enumerate() {
        let mut up = Some(n);
        let mut scope = Scope::Event;
        while let Some(p) = up {
            if let Some(t) = talk_of[p] {
                scope = Scope::Talk(new_index[t]);
                break;
            }
            up = parent[p];
        }
        scopes.push((head.heading.range.start, scope));
    }
    let base = Structure {
        scopes: scopes.clone(),
        ..Structure::default()
    };
    // spans nest (a bold-titled talk holding a list of talks): after an inner span ends,
    // the enclosing one's talk goes on; after the outermost, the heading's scope
    spans.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut open: Vec<(usize, usize)> = Vec::new();
    let close_until =
        |pos: usize, open: &mut Vec<(usize, usize)>, scopes: &mut Vec<(usize, Scope)>| {
            while let Some(&(end, _)) = open.last() {
                if end > pos {
                    break;
                }
                open.pop();
                let after = open
                    .last()
                    .map_or_else(|| base.scope_at(end), |&(_, t)| Scope::Talk(t));
                scopes.push((end, after));
            }
        };
    for (span, t) in spans {
        close_until(span.start, &mut open, &mut scopes);
        scopes.push((span.start, Scope::Talk(t)));
        open.push((span.end, t));
    }
    close_until(usize::MAX, &mut open, &mut scopes);
    scopes.sort_by_key(|&(start, _)| start);
    out.scopes = scopes;
    speaker_text.sort_by_key(|r| (r.start, r.end));
    out.speaker_text = speaker_text;
    out
}

fn evidence_for(head: &Head<'_>, body: &[Item]) -> Option<Evidence> {
    let window = body
        .iter()
        .filter_map(|item| match item {
            Item::Block(b) if b.kind != BlockKind::Code => Some(b),
            _ => None,
        })
        .take(SPEAKER_LINE_WINDOW);
    // a labelled speaker line
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut hide = Vec::new();
    for block in window.clone() {
        for line in block.inline.first_lines(SPEAKER_LINES) {
            if let Some((found, _)) = speaker_line(&line) {
                for s in found {
                    if !speakers.contains(&s) {
                        speakers.push(s);
                    }
                }
                if let Some(r) = line.source_range(0..line.text.len()) {
                    hide.push(r);
                }
            }
        }
    }
    if !speakers.is_empty() {
        let split = heading_split(&head.inline).filter(|s| s.strength == Strength::Strong);
        let title = match &split {
            // "Title — Name" with a "by" line under it as well: the heading's name is no title
            Some(s) if same_people(&s.speakers, &speakers) => s.title.clone(),
            _ => head.title.clone(),
        };
        return Some(Evidence {
            repeat: false,
            title,
            speakers,
            strength: Strength::Strong,
            hide,
            by_category: false,
        });
    }
    let split = heading_split(&head.inline);
    if let Some(s) = split.as_ref().filter(|s| s.strength == Strength::Strong) {
        return Some(s.clone().into());
    }
    // breaks, meals, the party, the summary: no talk without a speaker
    if is_non_talk(&head.title) || head.title.is_empty() {
        return None;
    }
    // a line of names: a panel
    for block in window.clone() {
        if block.kind != BlockKind::Paragraph || block.quoted {
            continue;
        }
        // one line of names, maybe with the moderator in brackets under it
        let lines = block.inline.first_lines(3);
        let aside = |l: &Inline| l.text.trim_start().starts_with(['(', '（']);
        if lines.is_empty() || lines.len() > 2 || (lines.len() == 2 && !aside(&lines[1])) {
            continue;
        }
        let line = &lines[0];
        if split_names(&line.text).len() < 2 {
            continue;
        }
        if let Some((found, _)) = parse_speakers(&line.text, 0, &line.links, Names::Heading)
            && found.len() >= 2
        {
            return Some(Evidence {
                repeat: false,
                title: head.title.clone(),
                speakers: found,
                strength: Strength::Weak,
                hide: line.source_range(0..line.text.len()).into_iter().collect(),
                by_category: false,
            });
        }
    }
    // "**Gemma Whitaker** — *Company*", "**Maria Gonzalez**, AWS Serverless Hero": a name in
    // bold opening the first line, alone or before where they work; weak, like the next
    if let Some(block) = window.clone().next()
        && block.kind == BlockKind::Paragraph
        && !block.quoted
        && let Some(line) = block.inline.first_lines(1).into_iter().next()
        && let Some(bold) = line.strong.first()
        && line.text[..bold.start].trim().is_empty()
        && name_strength(&line.text[bold.clone()]) == Some(Strength::Strong)
        && line.text[bold.end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | '—' | '–' | '-' | '(' | '（' | '·' | '|' | '/'))
        && let Some((found, _)) = parse_speakers(
            &line.text[bold.clone()],
            bold.start,
            &line.links,
            Names::Heading,
        )
    {
        return Some(Evidence {
            title: head.title.clone(),
            speakers: found,
            strength: Strength::Weak,
            hide: line.source_range(bold.clone()).into_iter().collect(),
            by_category: false,
            repeat: false,
        });
    }
    // "Ruth Okonkwo, Northlight Observability" alone on the first line: one person and
    // where they work, unlabelled; weak, so it counts where labelled lines found talks
    if let Some(block) = window.clone().next()
        && block.kind == BlockKind::Paragraph
        && !block.quoted
        && let [line] = block.inline.first_lines(2).as_slice()
        && line.text.contains([',', '(', '（'])
        && let Some((found, Strength::Strong)) =
            parse_speakers(&line.text, 0, &line.links, Names::Heading)
        && found.len() == 1
        && found[0].affiliation.is_some()
    {
        return Some(Evidence {
            title: head.title.clone(),
            speakers: found,
            strength: Strength::Weak,
            hide: line.source_range(0..line.text.len()).into_iter().collect(),
            by_category: false,
            repeat: false,
        });
    }
    if let Some(s) = split.filter(|s| !s.speakers.is_empty()) {
        return Some(s.into());
    }
    // "Twilioハンズオン", "Keynote", "Talk 4 – Title": a kind of talk, where talks are
    if has_talk_keyword(&head.title) || numbered_talk(&head.heading.inline.text) {
        return Some(Evidence {
            repeat: false,
            title: head.title.clone(),
            speakers: Vec::new(),
            strength: Strength::Weak,
            hide: Vec::new(),
            by_category: false,
        });
    }
    None
}

/// A programme slot that holds several talks: keynotes, lightning talks, a panel block.
/// ("Sessions", "Afternoon sessions" are containers, not slots.)
fn is_slot_name(title: &str) -> bool {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    [
        "keynote",
        "lightning talk",
        "ライトニングトーク",
        "キーノート",
        "基調講演",
    ]
    .iter()
    .any(|k| lower.contains(k))
        || words.iter().any(|w| matches!(*w, "lt" | "lts"))
}

/// "Talk 4 – …", "Session 2: …", "LT3 …": a heading numbered as one of the talks.
fn numbered_talk(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    ["talk", "session", "lt", "セッション"].iter().any(|k| {
        t.strip_prefix(k).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '#']);
            rest.starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// "10:00", "9:30〜", "13:00-13:40 …": a heading that opens with a time of day.
fn starts_with_time(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && t[digits..].starts_with([':', '：'])
        && t[digits..]
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
}

fn same_people(a: &[Speaker], b: &[Speaker]) -> bool {
    let key = |s: &Speaker| crate::text::name_key(&s.name);
    a.iter().any(|x| {
        b.iter()
            .any(|y| key(x) == key(y) || (x.handle.is_some() && x.handle == y.handle))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline;

    fn talks_of(md: &str) -> Vec<String> {
        let o = outline::parse(md, 0);
        let s = find(&o);
        s.talks
            .iter()
            .map(|t| {
                let names: Vec<String> = t
                    .speakers
                    .iter()
                    .map(|s| match &s.handle {
                        Some(h) => format!("{}@{h}", s.name),
                        None => s.name.clone(),
                    })
                    .collect();
                let mut line = format!("{} [{}]", t.title, names.join(", "));
                if t.session {
                    line += " session";
                }
                if let Some(p) = t.parent {
                    line += &format!(" in {p}");
                }
                line
            })
            .collect()
    }

    #[test]
    fn by_lines_sessions_and_sections() {
        let md = "# Event\n\n## 概要\n\ntext\n\n## Talk A\n\nby @a Alice Smith\n\n### Sub heading\n\nmore\n\n## LTs\n\nby 山田 / 佐藤\n\n### LT 1\n\nby 山田\n\n### LT 2\n\nby 佐藤\n\n## まとめ\n\nbye\n";
        assert_eq!(
            talks_of(md),
            [
                "Talk A [Alice Smith@a]",
                "LTs [山田, 佐藤] session",
                "LT 1 [山田] in 1",
                "LT 2 [佐藤] in 1",
            ]
        );
        let o = outline::parse(md, 0);
        let s = find(&o);
        let at = |needle: &str| s.scope_at(md.find(needle).unwrap_or(0));
        assert_eq!(at("text"), Scope::Event);
        assert_eq!(at("more"), Scope::Talk(0));
        assert_eq!(at("bye"), Scope::Event);
        assert_eq!(at("### LT 2"), Scope::Talk(3));
    }

    #[test]
    fn panel_line_needs_a_talk_level() {
        let md = "## Talk A\n\nby Alice Smith\n\n## Panel\n\nintro\n\nJeff Barr / Randall Hunt / 亀田 治伸\n\n## Notes\n\n### Tools\n\nPython / Go\n";
        assert_eq!(
            talks_of(md),
            [
                "Talk A [Alice Smith]",
                "Panel [Jeff Barr, Randall Hunt, 亀田 治伸]"
            ]
        );
        // without any talk established, a line of names alone is not enough
        let md = "## Panel discussion\n\nJeff Barr / Randall Hunt\n";
        assert!(talks_of(md).is_empty());
    }

    #[test]
    fn tables_bold_titles_and_bracketed_handles() {
        let md = "## Talks\n\n| 時間 | タイトル | 登壇者 | メモ |\n|---|---|---|---|\n| 11:30 | Tilt 入門 | 小川 さくらさん | kind |\n| 12:00 | 休憩 | | |\n| 13:00 | Renovate 運用 | [@ymd](https://x.com/ymd) さん | x |\n";
        assert_eq!(
            talks_of(md),
            ["Tilt 入門 [小川 さくら]", "Renovate 運用 [ymd@ymd]"]
        );
        let md = "## Day 1\n\n**Terraform Stacks in anger** by Chloe Martin (Northwind)\n\nnotes\n\n**Vault on EKS** by Omar Haddad and Julia Reyes (Quarry Bank)\n\nmore\n";
        assert_eq!(
            talks_of(md),
            [
                "Terraform Stacks in anger [Chloe Martin]",
                "Vault on EKS [Omar Haddad, Julia Reyes]"
            ]
        );
        // one bold phrase alone is emphasis
        assert!(talks_of("**Note** by Chloe Martin\n\ntext\n").is_empty());
        // the first header word in the list names the title column, not the first column
        let md = "| Session | Title | Speaker |\n|---|---|---|\n| S1 | Scaling Postgres | Jane Doe |\n| S2 | Go fast | John Roe |\n";
        assert_eq!(
            talks_of(md),
            ["Scaling Postgres [Jane Doe]", "Go fast [John Roe]"]
        );
        // a loose list: the paragraphs inside an item are its notes
        let md = "## LT\n\n1. [@a_b] Hono の話\n\n   notes\n\n2. [@c_d] VRT の話\n\n   more\n";
        assert_eq!(
            talks_of(md),
            [
                "LT [] session",
                "Hono の話 [a_b@a_b] in 0",
                "VRT の話 [c_d@c_d] in 0"
            ]
        );
        let md = "## LT\n\n1. [@mizuki_fe] Hono で API を作った話\n   - notes\n2. [@sato-qa] Playwright の VRT\n";
        assert_eq!(
            talks_of(md),
            [
                "LT [] session",
                "Hono で API を作った話 [mizuki_fe@mizuki_fe] in 0",
                "Playwright の VRT [sato-qa@sato-qa] in 0"
            ]
        );
    }

    #[test]
    fn nested_list_talks_hand_back_to_their_enclosing_talk() {
        let md = "## Day 1\n\n**Intro** by Jane Doe (Acme)\n\nx\n\n**Second talk** by John Roe (Initech)\n\n- 佐藤さん「K の話」\n- 鈴木さん「D の話」\n\nJohn then covered Pulumi.\n";
        let o = outline::parse(md, 0);
        let s = find(&o);
        let at = md.find("Pulumi").expect("Pulumi");
        let Scope::Talk(t) = s.scope_at(at) else {
            panic!("Pulumi belongs to a talk");
        };
        assert_eq!(s.talks[t].title, "Second talk");
    }

    #[test]
    fn container_headings_are_not_sessions() {
        let md = "## Day 1\n\n### Talk A\n\nSpeaker: Ann Lee\n\n### Talk B\n\nSpeaker: Bob Stone\n\n## Day 2\n\n### Talk C\n\nSpeaker: Cy Young\n";
        assert_eq!(
            talks_of(md),
            [
                "Talk A [Ann Lee]",
                "Talk B [Bob Stone]",
                "Talk C [Cy Young]"
            ]
        );
        // a slot of the programme is a session
        let md = "## 10:00〜11:10 Keynote\n\n### Talk A / 青木 俊介さん\n\nx\n\n### Talk B / 前田 恵さん\n\ny\n";
        assert_eq!(
            talks_of(md),
            [
                "Keynote [] session",
                "Talk A [青木 俊介] in 0",
                "Talk B [前田 恵] in 0"
            ]
        );
    }

    #[test]
    fn timetables_with_speaker_sub_headings() {
        let md = "## 09:00 はじめに / 諸説明\n\nhello\n\n## 09:10 Scaling Serverless\n### Yutaka Tachibana(EBILAB)\n* notes\n\n## 09:50 break\n\n## 10:00 Keynote\n### 野原 健太 / ダイキン工業株式会社\n* more\n\n### Details\n\ntext\n\n## 18:40 Closing Remarks\n";
        assert_eq!(
            talks_of(md),
            [
                "Scaling Serverless [Yutaka Tachibana]",
                "Keynote [野原 健太]"
            ]
        );
        // one sub-heading that happens to look like a name is no pattern
        let md = "## Intro to Go\n### Lessons Learned\n\ntext\n";
        assert!(talks_of(md).is_empty());
    }

    #[test]
    fn categories_and_kinds() {
        let md = "# Keynotes\n\n## Peter DeSantis - SVP AWS\n\ntext\n\n# Breakout Sessions\n\n## Building event-driven systems\n\ntext\n\n## Operating Multi-AZ applications\n\ntext\n\n# Summary\n\nbye\n";
        assert_eq!(
            talks_of(md),
            [
                "Peter DeSantis - SVP AWS [Peter DeSantis]",
                "Building event-driven systems []",
                "Operating Multi-AZ applications []"
            ]
        );
        let md = "Intro\n=====\n\nFandroid EAST JAPAN 原さん\n=====\n\ntext\n\nTwilioハンズオン\n=====\n\ntext\n\n懇親会\n=====\n\nparty\n";
        assert_eq!(
            talks_of(md),
            ["Fandroid EAST JAPAN [原]", "Twilioハンズオン []"]
        );
    }

    #[test]
    fn list_lines_are_talks_too() {
        let md = "LTの資料は以下になります。\n[@fullkawa](https://twitter.com/fullkawa)さん「[THE\nOPEN](http://x)」\n[@kawa0310](https://twitter.com/kawa0310)さん　「目を引くサイトデザイン」\n\nおわり\n";
        assert_eq!(
            talks_of(md),
            [
                "THE OPEN [fullkawa@fullkawa]",
                "目を引くサイトデザイン [kawa0310@kawa0310]"
            ]
        );
        let o = outline::parse(md, 0);
        let s = find(&o);
        assert_eq!(s.scope_at(md.find("目を引く").unwrap_or(0)), Scope::Talk(1));
        assert_eq!(s.scope_at(md.find("おわり").unwrap_or(0)), Scope::Event);
    }
}
