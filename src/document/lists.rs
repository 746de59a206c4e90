//! Talks listed line by line: "[@handle]さん「Title」", "名前さん「Title」", "「Title」 @handle".
//! Reports of lightning talks often list them so, with no heading each.
//!
//! A line counts only in a run of at least two such lines in one block: one "名前さん「…」"
//! alone is more often a quotation of what somebody said than a talk.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::headings::clean_title;
use super::outline::{Block, BlockKind, Inline, Item, Outline};
use super::speakers::{Names, Speaker, parse_speakers};

#[derive(Debug, Clone)]
pub struct ListTalk {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// The source range of the line (or lines, when a title wraps).
    pub span: Range<usize>,
    /// The source range that names the speaker.
    pub hide: Vec<Range<usize>>,
}

static WHO_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:[・\-*•]\s*)?",
        r"(?P<who>[@＠][A-Za-z0-9_]{1,39}|[\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z][\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z .]{0,24}?)",
        r"\s*(?P<hon>さん|氏|様)?\s*[:：]?\s*[「『](?P<title>[^」』]{1,150})[」』]\s*$"
    ))
    .expect("valid regex")
});

static TITLE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:[・\-*•]\s*)?[「『](?P<title>[^」』]{1,150})[」』]\s*(?:by\s+|[-–—/]\s*)?",
        r"(?P<who>[@＠][A-Za-z0-9_]{1,39}|[\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z][\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z .]{0,24}?)",
        r"\s*(?P<hon>さん|氏|様)?\s*$"
    ))
    .expect("valid regex")
});

/// "[@handle] Title": a handle in brackets, then the title without brackets (numbered LT lists).
static HANDLE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:[・\-*•]\s*)?[\[［](?P<who>[@＠][A-Za-z0-9_\-]{1,39})[\]］]\s*(?P<hon>さん|氏|様)?\s*[:：]?\s*",
        r"(?P<title>[^\s].{1,150})$"
    ))
    .expect("valid regex")
});

pub fn list_talks(outline: &Outline) -> Vec<ListTalk> {
    let mut out = Vec::new();
    for item in &outline.items {
        let Item::Block(block) = item else { continue };
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let found: Vec<ListTalk> = line_ranges(&block.inline.text)
            .into_iter()
            .filter_map(|r| list_talk(&block.inline, r))
            .collect();
        if found.len() >= 2 {
            out.extend(found);
        }
    }
    // a list spread over list items: one item each, sibling items, each maybe with nested
    // notes (items deeper than the talks do not break the run)
    let mut run: Vec<ListTalk> = Vec::new();
    let mut run_depth = 0;
    let flush = |run: &mut Vec<ListTalk>, out: &mut Vec<ListTalk>| {
        if run.len() >= 2 {
            out.append(run);
        }
        run.clear();
    };
    for item in &outline.items {
        let Item::Block(b) = item else {
            flush(&mut run, &mut out);
            continue;
        };
        let talk = if b.kind == BlockKind::ListItem {
            match line_ranges(&b.inline.text).as_slice() {
                [line] => list_talk(&b.inline, line.clone()),
                _ => None,
            }
        } else {
            None
        };
        match talk {
            Some(t) if run.is_empty() || b.depth == run_depth => {
                run_depth = b.depth;
                run.push(t);
            }
            Some(t) => {
                flush(&mut run, &mut out);
                run_depth = b.depth;
                run.push(t);
            }
            // a note under the last talk is part of it
            None if inside_item(b, run_depth) && !run.is_empty() => {
                if let Some(last) = run.last_mut() {
                    last.span.end = last.span.end.max(b.range.end);
                }
            }
            None => flush(&mut run, &mut out),
        }
    }
    flush(&mut run, &mut out);
    out.extend(bold_talks(outline));
    out.extend(table_talks(outline));
    out.sort_by_key(|t| t.span.start);
    out.dedup_by_key(|t| t.span.start);
    out
}

/// Whether a block lies inside the list item at `depth` that came before it: a nested item,
/// or a later paragraph (or code) of a loose list's item.
fn inside_item(b: &Block, depth: u8) -> bool {
    if b.kind == BlockKind::ListItem {
        b.depth > depth
    } else {
        depth > 0 && b.depth >= depth
    }
}

/// Line ranges of a block's text, a line whose 「 is not closed joined with the next.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut open = false;
    for (i, c) in text.char_indices() {
        match c {
            '「' | '『' => open = true,
            '」' | '』' => open = false,
            '\n' if !open => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(start..text.len());
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

fn list_talk(inline: &Inline, r: Range<usize>) -> Option<ListTalk> {
    let line = inline.tail(r.start, r.end);
    // a wrapped title reads as one line
    let flat = line.text.replace('\n', " ");
    let c = WHO_FIRST
        .captures(&flat)
        .or_else(|| TITLE_FIRST.captures(&flat))
        .or_else(|| HANDLE_FIRST.captures(&flat))?;
    let who = c.name("who")?;
    let title_at = c.name("title")?;
    // "宮城さん：「…ならECS」" is what someone said; a listed talk has no colon before its
    // title, and no full stop inside it
    let said = who.end() <= title_at.start()
        && flat[who.end()..title_at.start()].contains([':', '：'])
        && flat[..title_at.start()].ends_with(['「', '『']);
    if said || title_at.as_str().trim_end_matches('。').contains('。') {
        return None;
    }
    let handle = who.as_str().starts_with(['@', '＠']);
    let honorific = c.name("hon").is_some();
    if !handle && !honorific {
        return None;
    }
    let who_end = c.name("hon").map_or(who.end(), |h| h.end());
    let (speakers, _) = parse_speakers(
        &flat[who.start()..who_end],
        who.start(),
        &line.links,
        Names::Line,
    )?;
    let title = clean_title(c.name("title")?.as_str());
    if title.is_empty() {
        return None;
    }
    Some(ListTalk {
        title,
        speakers,
        span: line.source_range(0..line.text.len())?,
        hide: line
            .source_range(who.start()..who_end)
            .into_iter()
            .collect(),
    })
}

/// "**Title** by Name (Company)", "- **Title** — Name. Notes…": a paragraph or list item that
/// opens with a bold title and credits a speaker. It takes the blocks after it up to the next
/// one like it or the next heading (a list item: the items nested under it). Two of them in a
/// report make a pattern; one bold phrase alone is emphasis.
fn bold_talks(outline: &Outline) -> Vec<ListTalk> {
    let mut out: Vec<(ListTalk, BlockKind, u8)> = Vec::new();
    let mut open = false;
    for item in &outline.items {
        let Item::Block(b) = item else {
            open = false;
            continue;
        };
        if let Some(t) = bold_talk(b) {
            out.push((t, b.kind, b.depth));
            open = true;
            continue;
        }
        if !open {
            continue;
        }
        if let Some((last, kind, depth)) = out.last_mut() {
            let within = match kind {
                BlockKind::ListItem => inside_item(b, *depth),
                _ => b.kind != BlockKind::ListItem || b.depth > 0,
            };
            if within {
                last.span.end = last.span.end.max(b.range.end);
            } else if *kind == BlockKind::ListItem {
                open = false;
            }
        }
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out.into_iter().map(|(t, _, _)| t).collect()
}

fn bold_talk(block: &Block) -> Option<ListTalk> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) || block.quoted {
        return None;
    }
    let inline = &block.inline;
    let first = inline.strong.first()?;
    if !inline.text[..first.start].trim().is_empty() {
        return None;
    }
    let line_end = inline.text[first.end..]
        .find('\n')
        .map_or(inline.text.len(), |i| first.end + i);
    let after = &inline.text[first.end..line_end];
    let lead = after.len() - after.trim_start().len();
    let rest = &after[lead..];
    let sep = ["by ", "— ", "– ", "- ", "― ", "／", "/ "]
        .iter()
        .find(|s| rest.starts_with(**s))?;
    let names_start = first.end + lead + sep.len();
    // the names end where the sentence does: "— Sanne Mulder. Group by ecosystem"
    let tail = &inline.text[names_start..line_end];
    let names_len = tail
        .match_indices(['.', '。', ';', ':', '：', '—'])
        .map(|(i, _)| i)
        .find(|&i| {
            // not the dot of an initial ("J. Doe") or inside brackets
            let before = &tail[..i];
            let open = before.matches(['(', '（']).count() > before.matches([')', '）']).count();
            !open
                && before
                    .split_whitespace()
                    .last()
                    .is_none_or(|w| w.chars().count() > 1)
        })
        .unwrap_or(tail.len());
    let names = names_start..names_start + names_len;
    let (speakers, strength) = parse_speakers(
        &inline.text[names.clone()],
        names.start,
        &inline.links,
        Names::Heading,
    )?;
    if strength != super::speakers::Strength::Strong {
        return None;
    }
    let title = clean_title(&inline.text[first.clone()]);
    if title.is_empty() {
        return None;
    }
    Some(ListTalk {
        title,
        speakers,
        span: block.range.clone(),
        hide: inline.source_range(names).into_iter().collect(),
    })
}

/// A table of talks: a header with a title column and a speaker column ("| 時間 | タイトル |
/// 登壇者 |", "| Session | Speaker | Takeaways |"); each row with a title and a speaker is a
/// talk, and its other cells are its notes. A row without a speaker ("Pizza break") is none.
fn table_talks(outline: &Outline) -> Vec<ListTalk> {
    let cells: Vec<&Block> = outline
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Block(b) if b.cell.is_some() => Some(b),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let Some(table) = cells[i].cell.map(|c| c.table) else {
            break;
        };
        let end = cells[i..]
            .iter()
            .position(|b| b.cell.map(|c| c.table) != Some(table))
            .map_or(cells.len(), |n| i + n);
        out.extend(talks_of_table(&cells[i..end]));
        i = end;
    }
    out
}

fn talks_of_table(cells: &[&Block]) -> Vec<ListTalk> {
    // the header's columns; the first word in the list that names one wins ("| Session |
    // Title |": the title column is Title)
    let header: Vec<(String, u32)> = cells
        .iter()
        .filter_map(|b| {
            let c = b.cell?;
            (c.row == 0).then(|| (b.inline.text.trim().to_lowercase(), c.col))
        })
        .collect();
    let col_of = |words: &[&str]| {
        words.iter().find_map(|w| {
            header
                .iter()
                .find(|(h, _)| h == w || h.starts_with(&format!("{w} ")))
                .map(|(_, col)| *col)
        })
    };
    let Some(title_col) = col_of(&[
        "title",
        "talk",
        "session",
        "タイトル",
        "セッション",
        "演題",
        "発表",
        "テーマ",
        "内容",
    ]) else {
        return Vec::new();
    };
    let Some(who_col) = col_of(&[
        "speaker",
        "speakers",
        "presenter",
        "presenters",
        "by",
        "登壇者",
        "発表者",
        "スピーカー",
        "講演者",
        "講師",
        "登壇",
    ]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // cells come in row order: one pass, a row at a time
    let body = cells.iter().filter(|b| b.cell.is_some_and(|c| c.row > 0));
    let rows = body.collect::<Vec<_>>();
    for in_row in rows.chunk_by(|a, b| a.cell.map(|c| c.row) == b.cell.map(|c| c.row)) {
        let cell = |col: u32| in_row.iter().find(|b| b.cell.is_some_and(|c| c.col == col));
        let (Some(title), Some(who)) = (cell(title_col), cell(who_col)) else {
            continue;
        };
        // a clear name: "運営" (the organisers) in the speaker column is nobody
        let Some((speakers, super::speakers::Strength::Strong)) =
            parse_speakers(&who.inline.text, 0, &who.inline.links, Names::Line)
        else {
            continue;
        };
        let title_text = clean_title(title.inline.text.trim());
        if title_text.is_empty() || super::headings::is_non_talk(&title_text) {
            continue;
        }
        let (Some(first), Some(last)) = (in_row.first(), in_row.last()) else {
            continue;
        };
        out.push(ListTalk {
            title: title_text,
            speakers,
            span: first.range.start..last.range.end,
            hide: vec![who.range.clone()],
        });
    }
    out
}
