//! Candidate parts of a report: every heading, bold line standing for a heading, list item,
//! table row and talk-like line is a unit that might be a talk; units that stand side by side
//! (same parent, same kind of markup, same level) form a sibling set, decided together.
//!
//! This module only cuts the outline into units and sets; it weighs no evidence.

use std::ops::Range;

use super::super::headings::heading_split;
use super::super::lists::{Columns, line_talk, table_columns, talk_lines};
use super::super::outline::{Block, BlockKind, Inline, Item, Outline};
use super::super::speakers::{Names, Strength, parse_speakers};
use super::super::words::LISTS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    /// A Markdown, setext or HTML heading.
    Heading,
    /// A paragraph opening with a bold phrase on a line of its own (or crediting a speaker).
    Bold,
    /// A list item.
    Item,
    /// A table row under a header.
    Row,
    /// One line of a paragraph listing talks ("@handle さん「Title」").
    Line,
    /// The whole report, known by its front-matter title: a report about one talk.
    Document,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Heading => "heading",
            UnitKind::Bold => "bold",
            UnitKind::Item => "item",
            UnitKind::Row => "row",
            UnitKind::Line => "line",
            UnitKind::Document => "document",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: UnitKind,
    /// Heading level (1–6); for list items 7 plus the list depth; 7 for bold lines, rows and
    /// lines.
    pub level: u8,
    /// The outline item the unit opens with.
    pub at: usize,
    /// The line the unit is known by: the heading, the bold phrase's line, the item's first
    /// line, the title cell, the line.
    pub head: Inline,
    /// Outline items that belong to the unit after its head (for a row: its other cells).
    pub body: Range<usize>,
    /// Lines of the head's own block after the head line (a list item's second line …).
    pub rest: Option<Inline>,
    /// Source bytes the unit covers: what belongs to it if it is a talk.
    pub span: Range<usize>,
    /// The unit this one lies in.
    pub parent: Option<usize>,
    pub set: usize,
    /// For rows: which cell is the title and which cells name people, by the header.
    pub row: Option<RowCells>,
    /// The unit that titles the whole report: a lone opening H1, or the front-matter title.
    pub doc_title: bool,
}

#[derive(Debug, Clone, Default)]
pub struct RowCells {
    /// The outline item of each cell other than the title, with whether the header calls
    /// its column a speaker column.
    pub cells: Vec<(usize, bool)>,
    /// The header names a title column (rather than the first wide column standing for it).
    pub titled: bool,
}

/// Units that stand side by side.
#[derive(Debug, Clone)]
pub struct Set {
    pub kind: UnitKind,
    pub members: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Units {
    pub units: Vec<Unit>,
    pub sets: Vec<Set>,
}

/// The longest opening line read as a plain-text report's title.
const OPENING_TITLE: usize = 150;

/// Cuts the outline into units. `text_len` is the length of the whole text (spans end there).
/// `title` is the front-matter title, if any.
pub fn cut(outline: &Outline, text_len: usize, title: Option<&str>) -> Units {
    let mut b = Builder {
        outline,
        text_len,
        out: Units::default(),
        keys: Vec::new(),
    };
    let headings = b.headings();
    b.document(title);
    b.bold_lines(&headings);
    b.lists(&headings);
    b.rows(&headings);
    b.lines(&headings);
    b.finish()
}

struct Builder<'a> {
    outline: &'a Outline,
    text_len: usize,
    out: Units,
    /// The sibling key of each unit: (parent, kind, level, group).
    keys: Vec<(Option<usize>, UnitKind, u8, usize)>,
}

/// Where each heading's section ends (an outline item index), and its unit.
struct Headings {
    /// (outline item, unit, section end item), in document order.
    list: Vec<(usize, usize, usize)>,
}

impl Headings {
    /// The innermost heading unit whose section holds outline item `i`.
    fn enclosing(&self, i: usize) -> Option<usize> {
        let n = self.list.partition_point(|&(at, _, _)| at < i);
        self.list[..n]
            .iter()
            .rev()
            .find(|&&(_, _, end)| end > i)
            .map(|&(_, u, _)| u)
    }

    /// The outline item where the next heading of any level after item `i` is.
    fn next_after(&self, i: usize, items: usize) -> usize {
        let n = self.list.partition_point(|&(at, _, _)| at <= i);
        self.list.get(n).map_or(items, |&(at, _, _)| at)
    }
}

impl Builder<'_> {
    fn items(&self) -> &[Item] {
        &self.outline.items
    }

    fn start_of(&self, i: usize) -> usize {
        self.items()
            .get(i)
            .map_or(self.text_len, |it| it.range().start)
    }

    fn push(&mut self, unit: Unit, group: usize) -> usize {
        self.keys.push((unit.parent, unit.kind, unit.level, group));
        self.out.units.push(unit);
        self.out.units.len() - 1
    }

    fn headings(&mut self) -> Headings {
        let items = self.outline.items.len();
        let heads: Vec<(usize, u8)> = self
            .items()
            .iter()
            .enumerate()
            .filter_map(|(i, it)| match it {
                Item::Heading(h) if !h.inline.text.trim().is_empty() => Some((i, h.level)),
                _ => None,
            })
            .collect();
        let mut list = Vec::with_capacity(heads.len());
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for (n, &(i, level)) in heads.iter().enumerate() {
            let end = heads[n + 1..]
                .iter()
                .find(|&&(_, l)| l <= level)
                .map_or(items, |&(j, _)| j);
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, u)| u);
            let Item::Heading(h) = &self.items()[i] else {
                continue;
            };
            let unit = Unit {
                kind: UnitKind::Heading,
                level,
                at: i,
                head: h.inline.clone(),
                body: i + 1..end,
                rest: None,
                span: h.range.start..self.start_of(end),
                parent,
                set: 0,
                row: None,
                doc_title: false,
            };
            let u = self.push(unit, 0);
            stack.push((level, u));
            list.push((i, u, end));
        }
        Headings { list }
    }

    /// The unit that stands for the whole report: its lone opening H1, else a unit made of
    /// the front-matter title covering everything.
    fn document(&mut self, title: Option<&str>) {
        let heads: Vec<usize> = (0..self.out.units.len())
            .filter(|&u| self.out.units[u].kind == UnitKind::Heading)
            .collect();
        let ones: Vec<usize> = heads
            .iter()
            .copied()
            .filter(|&u| self.out.units[u].level == 1)
            .collect();
        if let (Some(&first), [only]) = (heads.first(), ones.as_slice())
            && first == *only
        {
            self.out.units[first].doc_title = true;
            return;
        }
        // no title above the report's opening line: the line may be it
        let opening = ones.is_empty().then(|| self.opening_line()).flatten();
        let Some(title) = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .or(opening.as_deref())
        else {
            return;
        };
        let items = self.outline.items.len();
        let start = self.start_of(0);
        let unit = Unit {
            kind: UnitKind::Document,
            level: 0,
            at: 0,
            head: Inline {
                text: title.to_string(),
                ..Inline::default()
            },
            body: 0..items,
            rest: None,
            span: start..self.text_len,
            parent: None,
            set: 0,
            row: None,
            doc_title: true,
        };
        self.push(unit, 0);
    }

    /// A report of plain text with no heading and no front-matter title is titled by its
    /// opening line when that line stands alone and reads as a title ("SRV325 - Leadership
    /// Session: …" over the abstract), not as a sentence.
    fn opening_line(&self) -> Option<String> {
        let Some(Item::Block(b)) = self.items().first() else {
            return None;
        };
        let t = b.inline.text.trim();
        let title = b.kind == BlockKind::Paragraph
            && b.depth == 0
            && !b.quoted
            && !t.contains('\n')
            && (2..=OPENING_TITLE).contains(&t.chars().count())
            && !t.ends_with(['.', '。', '!', '！', ':', '：', ',', '、'])
            && !t.contains(". ");
        title.then(|| t.to_string())
    }

    /// Bold phrases standing for headings: "**Title**" alone on the first line of a
    /// paragraph, or "**Title** by Name".
    fn bold_lines(&mut self, headings: &Headings) {
        let items = self.outline.items.len();
        for i in 0..items {
            let Item::Block(b) = &self.items()[i] else {
                continue;
            };
            if !is_bold_line(b) {
                continue;
            }
            let parent = headings.enclosing(i);
            let next_heading = headings.next_after(i, items);
            // the section runs to the next bold line under the same heading or the heading
            let end = (i + 1..next_heading)
                .find(|&j| matches!(&self.items()[j], Item::Block(n) if is_bold_line(n)))
                .unwrap_or(next_heading);
            let lines = b.inline.first_lines(2);
            let Some(head) = lines.first().cloned() else {
                continue;
            };
            let rest =
                (lines.len() > 1).then(|| b.inline.tail(head.text.len(), b.inline.text.len()));
            let unit = Unit {
                kind: UnitKind::Bold,
                level: 7,
                at: i,
                head,
                body: i + 1..end,
                rest,
                span: b.range.start..self.start_of(end),
                parent,
                set: 0,
                row: None,
                doc_title: false,
            };
            self.push(unit, 0);
        }
    }

    /// Every list item, at every depth; the items of one list at one depth under one parent
    /// are a set.
    fn lists(&mut self, headings: &Headings) {
        let items = self.outline.items.len();
        let mut i = 0;
        let mut run_id = 0;
        while i < items {
            if !in_list(&self.items()[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < items && in_list(&self.items()[i]) {
                i += 1;
            }
            run_id += 1;
            self.list_run(start..i, run_id, headings);
        }
    }

    fn list_run(&mut self, run: Range<usize>, run_id: usize, headings: &Headings) {
        // (depth, unit) of the items enclosing the current one
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let starts: Vec<(usize, u8)> = run
            .clone()
            .filter_map(|j| match &self.items()[j] {
                Item::Block(b) if b.kind == BlockKind::ListItem && b.item_start => {
                    Some((j, b.depth))
                }
                _ => None,
            })
            .collect();
        for (n, &(j, depth)) in starts.iter().enumerate() {
            let end = starts[n + 1..]
                .iter()
                .find(|&&(_, d)| d <= depth)
                .map_or(run.end, |&(k, _)| k);
            while stack.last().is_some_and(|&(d, _)| d >= depth) {
                stack.pop();
            }
            let parent = stack
                .last()
                .map(|&(_, u)| u)
                .or_else(|| headings.enclosing(j));
            let Item::Block(b) = &self.items()[j] else {
                continue;
            };
            let lines = b.inline.first_lines(2);
            let Some(head) = lines.first().cloned() else {
                continue;
            };
            let rest =
                (lines.len() > 1).then(|| b.inline.tail(head.text.len(), b.inline.text.len()));
            let unit = Unit {
                kind: UnitKind::Item,
                level: 7u8.saturating_add(depth),
                at: j,
                head,
                body: j + 1..end,
                rest,
                span: b.range.start..self.start_of(end).max(b.range.end),
                parent,
                set: 0,
                row: None,
                doc_title: false,
            };
            let u = self.push(unit, run_id);
            stack.push((depth, u));
        }
    }

    /// Rows of tables with a header, of one column or more.
    fn rows(&mut self, headings: &Headings) {
        let outline = self.outline;
        let items = outline.items.len();
        let mut i = 0;
        while i < items {
            let Some(table) = cell_of(&outline.items[i]).map(|c| c.table) else {
                i += 1;
                continue;
            };
            let start = i;
            while i < items && cell_of(&outline.items[i]).is_some_and(|c| c.table == table) {
                i += 1;
            }
            let cells: Vec<(usize, &Block)> = (start..i)
                .filter_map(|j| match &outline.items[j] {
                    Item::Block(b) => Some((j, b)),
                    Item::Heading(_) => None,
                })
                .collect();
            let Some(columns) = table_columns(&cells.iter().map(|(_, b)| *b).collect::<Vec<_>>())
            else {
                continue;
            };
            let parent = headings.enclosing(start);
            // a one-row table right under a heading, with no title column, is that
            // heading's record (time, speaker, room): read with the heading, not a talk
            if record_table(outline, start).is_some() {
                continue;
            }
            // cells come in row order: a row at a time
            let body: Vec<&(usize, &Block)> = cells
                .iter()
                .filter(|(_, b)| b.cell.is_some_and(|c| c.row > 0))
                .collect();
            for row in body.chunk_by(|a, b| a.1.cell.map(|c| c.row) == b.1.cell.map(|c| c.row)) {
                let Some(&&(t, title)) = row
                    .iter()
                    .find(|(_, b)| b.cell.is_some_and(|c| c.col == columns.title))
                else {
                    continue;
                };
                if title.inline.text.trim().is_empty() {
                    continue;
                }
                let others = row
                    .iter()
                    .filter(|(j, _)| *j != t)
                    .map(|&&(j, b)| {
                        let col = b.cell.map_or(0, |c| c.col);
                        (j, columns.speakers.contains(&col))
                    })
                    .collect();
                let first = row.first().map_or(t, |x| x.0);
                let last = row.last().map_or(t, |x| x.0);
                let span_end = match &outline.items[last] {
                    Item::Block(b) => b.range.end,
                    Item::Heading(h) => h.range.end,
                };
                // the one cell of a one-column table, of several lines ("[Title](…)<br><br>
                // Acme<br>Jane Doe さん"), is a title over lines of its own, as a list item's
                // are; in a wider table the other cells say the rest
                let lines = title.inline.first_lines(2);
                let (head, rest) = match (row.len(), lines.as_slice()) {
                    (1, [first, _, ..]) => (
                        first.clone(),
                        Some(title.inline.tail(first.text.len(), title.inline.text.len())),
                    ),
                    _ => (title.inline.clone(), None),
                };
                let unit = Unit {
                    kind: UnitKind::Row,
                    level: 7,
                    at: t,
                    head,
                    body: first..last + 1,
                    rest,
                    span: self.start_of(first)..span_end,
                    parent,
                    set: 0,
                    row: Some(RowCells {
                        cells: others,
                        titled: columns.titled,
                    }),
                    doc_title: false,
                };
                self.push(unit, usize::try_from(table).unwrap_or(usize::MAX));
            }
        }
    }

    /// Lines of one paragraph that each read as a listed talk ("@a さん「…」"), two or more;
    /// and paragraphs, two or more under one heading, each opening with a line that is a
    /// title credited to its speakers ("Conf 2019 - Title - Jane Doe" over a video link):
    /// each such paragraph is a record of one talk, running to the next.
    fn lines(&mut self, headings: &Headings) {
        let mut openers: Vec<(usize, Inline)> = Vec::new();
        for i in 0..self.outline.items.len() {
            let Item::Block(b) = &self.items()[i] else {
                continue;
            };
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            // talks listed a line each come two or more to a block: a single line is not
            // split (splitting is the costly part)
            let lines = talk_lines(&b.inline);
            // only a paragraph of its own can open a record: its first line is kept for that
            let first = opens_records(b).then(|| lines.first().cloned()).flatten();
            let found = if lines.len() < 2 {
                None
            } else {
                listed_talks(lines)
            };
            let Some(found) = found else {
                openers.extend(record_opener(first).map(|f| (i, f)));
                continue;
            };
            let parent = headings.enclosing(i);
            for (line, span) in found {
                self.line_unit(line, i, i + 1..i + 1, span, parent, i);
            }
        }
        self.records(openers, headings);
    }

    /// Paragraph records: openers under one heading, two or more, each running to the next
    /// opener or the next heading.
    fn records(&mut self, openers: Vec<(usize, Inline)>, headings: &Headings) {
        let items = self.outline.items.len();
        let by_parent = openers.chunk_by(|a, b| headings.enclosing(a.0) == headings.enclosing(b.0));
        for run in by_parent.filter(|run| run.len() >= 2) {
            for (n, (i, line)) in run.iter().enumerate() {
                let next_heading = headings.next_after(*i, items);
                let end = run
                    .get(n + 1)
                    .map_or(next_heading, |(j, _)| (*j).min(next_heading));
                let span = self.start_of(*i)..self.start_of(end);
                let parent = headings.enclosing(*i);
                // the paragraph's later lines are the record's first ("[Title](…)" over
                // "Jane Doe" after a hard break)
                let rest = match &self.items()[*i] {
                    Item::Block(b)
                        if b.inline.text.len() > line.text.len()
                            && b.inline.text.starts_with(line.text.as_str()) =>
                    {
                        Some(b.inline.tail(line.text.len(), b.inline.text.len()))
                    }
                    _ => None,
                };
                // one set per heading: the group is past every item index
                let u = self.line_unit(line.clone(), *i, i + 1..end, span, parent, usize::MAX);
                self.out.units[u].rest = rest;
            }
        }
    }

    fn line_unit(
        &mut self,
        head: Inline,
        at: usize,
        body: Range<usize>,
        span: Range<usize>,
        parent: Option<usize>,
        group: usize,
    ) -> usize {
        let unit = Unit {
            kind: UnitKind::Line,
            level: 7,
            at,
            head,
            body,
            rest: None,
            span,
            parent,
            set: 0,
            row: None,
            doc_title: false,
        };
        self.push(unit, group)
    }

    /// Orders units by where they start, renumbers parents, and forms the sets.
    fn finish(mut self) -> Units {
        let n = self.out.units.len();
        let mut order: Vec<usize> = (0..n).collect();
        // outer before inner at the same start (a heading before nothing; an item before its
        // line units)
        order.sort_by_key(|&u| {
            let x = &self.out.units[u];
            (x.span.start, std::cmp::Reverse(x.span.end), x.kind, u)
        });
        let mut new = vec![0usize; n];
        for (to, &from) in order.iter().enumerate() {
            new[from] = to;
        }
        let mut units: Vec<Unit> = order
            .iter()
            .map(|&u| {
                let mut x = self.out.units[u].clone();
                x.parent = x.parent.map(|p| new[p]);
                x
            })
            .collect();
        let keys: Vec<_> = order
            .iter()
            .map(|&u| {
                let (p, k, l, g) = self.keys[u];
                (p.map(|p| new[p]), k, l, g)
            })
            .collect();
        let mut sets: Vec<Set> = Vec::new();
        let mut index: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
        for (u, key) in keys.iter().enumerate() {
            let s = *index.entry(*key).or_insert_with(|| {
                sets.push(Set {
                    kind: key.1,
                    members: Vec::new(),
                });
                sets.len() - 1
            });
            sets[s].members.push(u);
            units[u].set = s;
        }
        self.out.units = units;
        self.out.sets = sets;
        self.out
    }
}

/// The lines that each list a talk, with their source ranges, when two or more do: once
/// the lines left cannot make two, the rest are not read (reading one is the costly part).
fn listed_talks(lines: Vec<Inline>) -> Option<Vec<(Inline, Range<usize>)>> {
    let mut found = Vec::new();
    let mut left = lines.len();
    for l in lines {
        if found.len() + left < 2 {
            return None;
        }
        left -= 1;
        if !(line_talk(&l).is_some() || titled_and_credited(&l)) {
            continue;
        }
        if let Some(r) = l.source_range(0..l.text.len()) {
            found.push((l, r));
        }
    }
    (found.len() >= 2).then_some(found)
}

fn in_list(item: &Item) -> bool {
    match item {
        Item::Block(b) => b.kind == BlockKind::ListItem || (b.depth > 0 && b.cell.is_none()),
        Item::Heading(_) => false,
    }
}

/// Whether a block may open a record of one talk: a paragraph, not a list item's, and not
/// a bold line (a unit of its own).
fn opens_records(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph && b.depth == 0 && !is_bold_line(b)
}

/// The first line of a block that `opens_records`, when it is a title credited to its
/// speakers, or a title that is a link and nothing else ("[ABC123: Title](notes/abc123.md)"
/// over the talk's notes): the opener of a record of one talk. A sentence ("The event closed
/// with a note by Jane Doe, …") opens no record; only short lines are split.
fn record_opener(first: Option<Inline>) -> Option<Inline> {
    let first = first?;
    let t = first.text.trim();
    let sentence = t.contains(['、', '。']) || t.contains(". ") || t.ends_with('.');
    let opens = t.chars().count() <= 120 && (titled_and_credited(&first) || link_only(&first));
    (!sentence && opens).then_some(first)
}

/// A line that is one link's text and nothing else, long enough to be a title, and that
/// tells of a talk: it links to slides, a recording or a session page, or opens with a
/// session code. Links to other pages ("[Getting started](docs/start.md)") open nothing.
fn link_only(line: &Inline) -> bool {
    let [link] = line.links.as_slice() else {
        return false;
    };
    let before = &line.text[..link.text.start];
    let after = &line.text[link.text.end..];
    let text = &line.text[link.text.clone()];
    let words = text.split_whitespace().count();
    let talky = LISTS.slides(&link.url) || super::features::session_code(text);
    before.trim().is_empty() && after.trim().is_empty() && words >= 2 && talky
}

/// A line that splits, surely, into a title and who gives it ("[Title](…) - [Jane
/// Doe](https://twitter.com/jdoe)", "Title — Jane Doe (Acme)").
fn titled_and_credited(line: &Inline) -> bool {
    // "Ken Exner - Director, Developer Tools" is a person and what they do: the split hides
    // nothing, for no title stands apart from the person
    heading_split(line).is_some_and(|s| {
        s.strength == Strength::Strong
            && !s.title.is_empty()
            && !s.hide.is_empty()
            && !works_at(line, &s.title)
    })
}

/// Whether the whole line is someone and, for its "title", where they work ("カホエンタープライズ
/// 大隈 さん": a company and a person, no talk's title).
fn works_at(line: &Inline, title: &str) -> bool {
    parse_speakers(line.text.trim(), 0, &line.links, Names::Line).is_some_and(|(people, _)| {
        people.iter().any(|p| {
            p.affiliation
                .as_deref()
                .is_some_and(|a| a.trim() == title.trim())
        })
    })
}

/// The table opening at outline item `start` when it is the record of the heading just
/// before it: one row under a header that names no title column ("| 時間 | 登壇者 | 場所 |").
/// Its cells, with the columns the header gives them.
pub fn record_table(outline: &Outline, start: usize) -> Option<(Vec<&Block>, Columns)> {
    if !matches!(
        outline.items.get(start.checked_sub(1)?),
        Some(Item::Heading(_))
    ) {
        return None;
    }
    let table = cell_of(outline.items.get(start)?)?.table;
    let cells: Vec<&Block> = outline.items[start..]
        .iter()
        .map_while(|it| match it {
            Item::Block(b) if b.cell.is_some_and(|c| c.table == table) => Some(b),
            _ => None,
        })
        .collect();
    let columns = table_columns(&cells)?;
    let one_row = cells.iter().all(|b| b.cell.is_some_and(|c| c.row <= 1));
    (one_row && !columns.titled).then_some((cells, columns))
}

fn cell_of(item: &Item) -> Option<super::super::outline::Cell> {
    match item {
        Item::Block(b) => b.cell,
        Item::Heading(_) => None,
    }
}

/// A paragraph (outside lists and quotes) whose first line opens with a bold phrase that is
/// the whole line or is followed by a credit ("by …", "— …").
pub fn is_bold_line(b: &Block) -> bool {
    if b.kind != BlockKind::Paragraph || b.depth > 0 || b.quoted || b.cell.is_some() {
        return false;
    }
    let Some(first) = b.inline.strong.first() else {
        return false;
    };
    let text = &b.inline.text;
    if !text[..first.start].trim().is_empty() {
        return false;
    }
    let line_end = text[first.start..]
        .find('\n')
        .map_or(text.len(), |i| first.start + i);
    if first.end > line_end {
        return false;
    }
    let phrase = text[first.clone()].trim();
    if phrase.is_empty() || phrase.chars().count() > 160 {
        return false;
    }
    let after = text[first.end..line_end].trim();
    after.is_empty()
        || ["by ", "— ", "– ", "- ", "― ", "／", "/ ", "(", "（"]
            .iter()
            .any(|s| after.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline;

    fn shape(md: &str) -> Vec<String> {
        let o = outline::parse(md, 0);
        let u = cut(&o, md.len(), None);
        u.units
            .iter()
            .map(|x| {
                format!(
                    "{} {} {:?} set{} parent{:?}",
                    x.kind.as_str(),
                    x.level,
                    x.head.text.trim(),
                    x.set,
                    x.parent
                )
            })
            .collect()
    }

    #[test]
    fn units_and_sets() {
        let md = "# Event\n\n## A\n\n- one\n  - sub\n- two\n\n## B\n\n**Bold title**\n\ntext\n\n| Title | Speaker |\n|---|---|\n| T1 | Ann Lee |\n| T2 | Bob Stone |\n";
        assert_eq!(
            shape(md),
            [
                "heading 1 \"Event\" set0 parentNone",
                "heading 2 \"A\" set1 parentSome(0)",
                "item 8 \"one\" set2 parentSome(1)",
                "item 9 \"sub\" set3 parentSome(2)",
                "item 8 \"two\" set2 parentSome(1)",
                "heading 2 \"B\" set1 parentSome(0)",
                "bold 7 \"Bold title\" set4 parentSome(5)",
                "row 7 \"T1\" set5 parentSome(5)",
                "row 7 \"T2\" set5 parentSome(5)",
            ]
        );
    }

    #[test]
    fn a_loose_item_is_one_unit() {
        let md = "- one\n\n  more of one\n\n- two\n";
        let o = outline::parse(md, 0);
        let u = cut(&o, md.len(), None);
        assert_eq!(u.units.len(), 2);
        assert!(md[u.units[0].span.clone()].contains("more of one"));
    }
}
