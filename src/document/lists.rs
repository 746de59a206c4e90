//! What one line or one table says of itself, as evidence for the talk model: a line listing
//! a talk ("[@handle]さん「Title」", "名前さん「Title」", "「Title」 @handle"), a bold title
//! crediting a speaker ("**Title** by Name (Company)"), and which columns of a table hold
//! titles and speakers.
//!
//! Nothing here decides that something is a talk: one "名前さん「…」" alone is more often a
//! quotation than a talk, which the model learns from the line's siblings.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::headings::clean_title;
use super::outline::{Block, Inline};
use super::speakers::{Names, Speaker, Strength, parse_speakers};

#[derive(Debug, Clone)]
pub struct ListTalk {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// The source range that names the speaker.
    pub hide: Vec<Range<usize>>,
}

static WHO_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:[・\-*•]\s*)?",
        r"(?P<who>[@＠][A-Za-z0-9_]{1,39}|[\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z][\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z .]{0,24}?)",
        // "井上さんの発表「…」": what the talk was, between the honorific and the title
        r"\s*(?P<hon>さん|氏|様)?(?P<talk>の(?:発表|セッション|講演|基調講演|LT|ＬＴ|トーク))?\s*[:：]?\s*[「『](?P<title>[^」』]{1,150})[」』]\s*$"
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

/// The lines of a block's text, a line whose 「 is not closed joined with the next.
pub fn talk_lines(inline: &Inline) -> Vec<Inline> {
    line_ranges(&inline.text)
        .into_iter()
        .map(|r| inline.tail(r.start, r.end))
        .collect()
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

/// A line that lists a talk: "@handle さん「Title」", "名前さん「Title」", "「Title」 @handle",
/// "[@handle] Title".
pub fn line_talk(line: &Inline) -> Option<ListTalk> {
    // each of the three forms brackets its title or its handle: a line without those
    // brackets is none, and spares the expressions a search
    if !line.text.contains(['「', '『', '[', '［']) {
        return None;
    }
    // a wrapped title reads as one line
    let flat = line.text.replace('\n', " ");
    let c = WHO_FIRST
        .captures(&flat)
        .or_else(|| TITLE_FIRST.captures(&flat))
        .or_else(|| HANDLE_FIRST.captures(&flat))?;
    let who = c.name("who")?;
    let title_at = c.name("title")?;
    // "宮城さん：「…ならECS」" is what someone said; a listed talk has no colon before its
    // title, and no full stop inside it unless the line says it is a talk ("相羽さんの発表「…。…」")
    let said = who.end() <= title_at.start()
        && flat[who.end()..title_at.start()].contains([':', '：'])
        && flat[..title_at.start()].ends_with(['「', '『']);
    let sentences = title_at.as_str().trim_end_matches('。').contains('。');
    if said || (sentences && c.name("talk").is_none()) {
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
        hide: line
            .source_range(who.start()..who_end)
            .into_iter()
            .collect(),
    })
}

/// "**Title** by Name (Company)", "**Title** — Name. Notes…": a line opening with a bold title
/// that credits a clearly named speaker.
pub fn bold_credit(line: &Inline) -> Option<ListTalk> {
    let first = line.strong.first()?;
    if !line.text[..first.start].trim().is_empty() {
        return None;
    }
    let line_end = line.text[first.end..]
        .find('\n')
        .map_or(line.text.len(), |i| first.end + i);
    let after = &line.text[first.end..line_end];
    let lead = after.len() - after.trim_start().len();
    let rest = &after[lead..];
    let sep = ["by ", "— ", "– ", "- ", "― ", "／", "/ "]
        .iter()
        .find(|s| rest.starts_with(**s))?;
    let names_start = first.end + lead + sep.len();
    // the names end where the sentence does: "— Sanne Mulder. Group by ecosystem"
    let tail = &line.text[names_start..line_end];
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
        &line.text[names.clone()],
        names.start,
        &line.links,
        Names::Heading,
    )?;
    if strength != Strength::Strong {
        return None;
    }
    let title = clean_title(&line.text[first.clone()]);
    if title.is_empty() {
        return None;
    }
    Some(ListTalk {
        title,
        speakers,
        hide: line.source_range(names).into_iter().collect(),
    })
}

/// Which columns of a table hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The title column.
    pub title: u32,
    /// Columns the header calls speakers.
    pub speakers: Vec<u32>,
    /// Whether the header names the title column (else it is the widest text column).
    pub titled: bool,
}

/// Words of a header naming the title column, best first ("| Session | Title |": Title).
const TITLE_HEADERS: &[&str] = &[
    "title",
    "talk",
    "session",
    "タイトル",
    "セッション",
    "演題",
    "発表",
    "テーマ",
    "内容",
    "topic",
];

/// Words of a header naming what describes a talk rather than titles it.
const DESCRIPTION_HEADERS: &[&str] = &[
    "description",
    "abstract",
    "summary",
    "detail",
    "link",
    "slide",
    "video",
    "概要",
    "説明",
    "要約",
    "資料",
];

/// Labels of a line that gives a talk's title ("Topic: …", "__Title__: …", "演題：…").
const TITLE_LABELS: &[&str] = &[
    "title",
    "topic",
    "talk title",
    "session title",
    "タイトル",
    "演題",
    "テーマ",
];

/// The title a labelled line gives ("Topic: Scaling widgets" → "Scaling widgets").
pub fn labelled_title(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '>'));
    let (at, colon) = t
        .char_indices()
        .take(24)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let label = t[..at]
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .to_lowercase();
    let value = t[at + colon.len_utf8()..]
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    (TITLE_LABELS.contains(&label.as_str()) && !value.is_empty()).then_some(value)
}

/// Words of a header naming a speaker column.
const SPEAKER_HEADERS: &[&str] = &[
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
];

/// The columns of a table (its cells in order), or None for a table of fewer than two
/// columns or without a body.
pub fn table_columns(cells: &[&Block]) -> Option<Columns> {
    let header: Vec<(String, u32)> = cells
        .iter()
        .filter_map(|b| {
            let c = b.cell?;
            (c.row == 0).then(|| (b.inline.text.trim().to_lowercase(), c.col))
        })
        .collect();
    if header.is_empty() || !cells.iter().any(|b| b.cell.is_some_and(|c| c.row > 0)) {
        return None;
    }
    let named = |h: &str, w: &str| {
        h == w || h.starts_with(&format!("{w} ")) || h.starts_with(&format!("{w}("))
    };
    let speakers: Vec<u32> = header
        .iter()
        .filter(|(h, _)| SPEAKER_HEADERS.iter().any(|w| named(h, w)))
        .map(|(_, c)| *c)
        .collect();
    // a header that is only the word first ("| Topic | Talk Description |": Topic), then one
    // that opens with it and describes no other content ("Talk Description" is the abstract)
    let title_col = |exact: bool| {
        TITLE_HEADERS.iter().find_map(|w| {
            header
                .iter()
                .find(|(h, c)| {
                    !speakers.contains(c)
                        && if exact {
                            h == w
                        } else {
                            named(h, w) && !DESCRIPTION_HEADERS.iter().any(|d| h.contains(d))
                        }
                })
                .map(|(_, c)| *c)
        })
    };
    let titled = title_col(true).or_else(|| title_col(false));
    if let Some(title) = titled {
        return Some(Columns {
            title,
            speakers,
            titled: true,
        });
    }
    // no title column by name: the column whose cells hold the most text
    let mut width: Vec<(u32, usize)> = header.iter().map(|(_, c)| (*c, 0)).collect();
    for b in cells {
        if let Some(c) = b.cell.filter(|c| c.row > 0)
            && let Some(w) = width.iter_mut().find(|(col, _)| *col == c.col)
            && !speakers.contains(&c.col)
        {
            w.1 += b.inline.text.chars().count();
        }
    }
    let title = width
        .iter()
        .filter(|(c, _)| !speakers.contains(c))
        .max_by_key(|(c, w)| (*w, std::cmp::Reverse(*c)))?
        .0;
    Some(Columns {
        title,
        speakers,
        titled: false,
    })
}
