//! Talks: which headings are talks, who gives them, which are sessions, and which part of
//! the report belongs to which talk.
//!
//! Evidence, strongest first: a speaker line under the heading ("by …", "Speaker: …"), a
//! speaker inside the heading ("Title — Name", "Title (Name)", "Title / @handle",
//! "Title by Name"), a line of names under the heading (a panel). Weak evidence (a single
//! word, a Japanese name without space or honorific, a panel line) counts only at a heading
//! level where strong evidence has found talks: the talk level is learned per document.
//! Headings under a talk that are not talks belong to it; a talk holding talks is a session;
//! everything else belongs to the event.

use std::ops::Range;

use super::outline::{BlockKind, Heading, Inline, Item, Outline};
use super::speakers::{
    Speaker, Strength, name_strength, parse_speakers, speaker_line, split_names,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talk {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// Byte offset of the heading.
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
    /// Item index of each talk's heading.
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
}

/// How many blocks under a heading may hold its speaker line.
const SPEAKER_LINE_WINDOW: usize = 3;

/// How many lines of each of those blocks are looked at.
const SPEAKER_LINES: usize = 8;

pub fn find(outline: &Outline) -> Structure {
    let headings: Vec<usize> = outline
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item, Item::Heading(_)))
        .map(|(i, _)| i)
        .collect();
    let heading = |i: usize| match &outline.items[i] {
        Item::Heading(h) => Some(h),
        Item::Block(_) => None,
    };

    // 1. evidence per heading
    let mut evidence: Vec<Option<Evidence>> = Vec::with_capacity(headings.len());
    for (n, &hi) in headings.iter().enumerate() {
        let Some(h) = heading(hi) else {
            evidence.push(None);
            continue;
        };
        let body_end = headings.get(n + 1).copied().unwrap_or(outline.items.len());
        let body = &outline.items[hi + 1..body_end];
        evidence.push(evidence_for(h, body));
    }

    // 2. the talk levels: where strong evidence is
    let levels = |pred: &dyn Fn(&Evidence) -> bool| -> Vec<u8> {
        let mut v: Vec<u8> = headings
            .iter()
            .zip(&evidence)
            .filter_map(|(&hi, e)| e.as_ref().filter(|e| pred(e)).and(heading(hi)))
            .map(|h| h.level)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let strong_levels = levels(&|e| e.strength == Strength::Strong);
    let mut weak_per_level = [0usize; 8];
    for (&hi, e) in headings.iter().zip(&evidence) {
        if let (Some(_), Some(h)) = (e, heading(hi)) {
            weak_per_level[usize::from(h.level.min(7))] += 1;
        }
    }
    let weak_ok = |level: u8| -> bool {
        if strong_levels.is_empty() {
            weak_per_level[usize::from(level.min(7))] >= 2
        } else {
            strong_levels.contains(&level)
        }
    };
    let is_talk: Vec<bool> = headings
        .iter()
        .zip(&evidence)
        .map(|(&hi, e)| match (e, heading(hi)) {
            (Some(e), Some(h)) => e.strength == Strength::Strong || weak_ok(h.level),
            _ => false,
        })
        .collect();

    // 3. heading tree
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for &hi in &headings {
        let level = heading(hi).map_or(7, |h| h.level);
        while let Some(&top) = stack.last() {
            if heading(headings[top]).map_or(0, |h| h.level) >= level {
                stack.pop();
            } else {
                break;
            }
        }
        parent.push(stack.last().copied());
        stack.push(parent.len() - 1);
    }

    // 4. sessions without a speaker line: a heading at a talk level whose children are talks
    let mut talk_levels: Vec<u8> = headings
        .iter()
        .zip(&is_talk)
        .filter(|(_, t)| **t)
        .filter_map(|(&hi, _)| heading(hi).map(|h| h.level))
        .collect();
    talk_levels.sort_unstable();
    talk_levels.dedup();
    let mut is_talk = is_talk;
    let mut talk_children = vec![0usize; headings.len()];
    for (c, p) in parent.iter().enumerate() {
        if let Some(p) = *p
            && is_talk[c]
        {
            talk_children[p] += 1;
        }
    }
    for n in 0..headings.len() {
        if is_talk[n] {
            continue;
        }
        let Some(h) = heading(headings[n]) else {
            continue;
        };
        if talk_children[n] >= 2 && talk_levels.contains(&h.level) {
            is_talk[n] = true;
            evidence[n] = Some(Evidence {
                title: clean_title(&h.inline.text),
                speakers: Vec::new(),
                strength: Strength::Weak,
                hide: Vec::new(),
            });
        }
    }

    // 5. talks, sessions and scopes
    let mut out = Structure::default();
    let mut talk_of: Vec<Option<usize>> = vec![None; headings.len()];
    for n in 0..headings.len() {
        let hi = headings[n];
        let (Some(h), true) = (heading(hi), is_talk[n]) else {
            continue;
        };
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
            out.talks[s].session = true;
        }
        talk_of[n] = Some(out.talks.len());
        out.speaker_text.extend(e.hide);
        out.talks.push(Talk {
            title: e.title,
            speakers: e.speakers,
            offset: h.range.start,
            line: 0,
            level: h.level,
            parent: session,
            session: false,
        });
        out.headings.push(hi);
    }
    for (n, &hi) in headings.iter().enumerate() {
        let mut up = Some(n);
        let mut scope = Scope::Event;
        while let Some(p) = up {
            if let Some(t) = talk_of[p] {
                scope = Scope::Talk(t);
                break;
            }
            up = parent[p];
        }
        out.scopes.push((outline.items[hi].range().start, scope));
    }
    out.speaker_text.sort_by_key(|r| (r.start, r.end));
    out
}

fn evidence_for(h: &Heading, body: &[Item]) -> Option<Evidence> {
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
        let split = heading_split(&h.inline).filter(|s| s.strength == Strength::Strong);
        let title = match &split {
            // "Title — Name" with a "by" line under it as well: the heading's name is no title
            Some(s) if same_people(&s.speakers, &speakers) => s.title.clone(),
            _ => clean_title(&h.inline.text),
        };
        return Some(Evidence {
            title,
            speakers,
            strength: Strength::Strong,
            hide,
        });
    }
    let split = heading_split(&h.inline);
    if let Some(s) = split.as_ref().filter(|s| s.strength == Strength::Strong) {
        return Some(s.clone().into_evidence());
    }
    // a line of names: a panel
    for block in window {
        if block.kind != BlockKind::Paragraph || block.quoted {
            continue;
        }
        let lines = block.inline.first_lines(2);
        if lines.len() != 1 {
            continue;
        }
        let line = &lines[0];
        if split_names(&line.text).len() < 2 {
            continue;
        }
        if let Some((found, _)) = parse_speakers(&line.text, 0, &line.links, true)
            && found.len() >= 2
        {
            return Some(Evidence {
                title: clean_title(&h.inline.text),
                speakers: found,
                strength: Strength::Weak,
                hide: line.source_range(0..line.text.len()).into_iter().collect(),
            });
        }
    }
    split.map(Split::into_evidence)
}

fn same_people(a: &[Speaker], b: &[Speaker]) -> bool {
    let key = |s: &Speaker| crate::text::name_key(&s.name);
    a.iter().any(|x| {
        b.iter()
            .any(|y| key(x) == key(y) || (x.handle.is_some() && x.handle == y.handle))
    })
}

/// A heading that carries its speakers.
#[derive(Debug, Clone)]
struct Split {
    title: String,
    speakers: Vec<Speaker>,
    strength: Strength,
    hide: Vec<Range<usize>>,
}

impl Split {
    fn into_evidence(self) -> Evidence {
        Evidence {
            title: self.title,
            speakers: self.speakers,
            strength: self.strength,
            hide: self.hide,
        }
    }
}

/// Splits "Title by Name", "Title (Name)", "Title / @handle", "Title — Name" (or
/// "Name — Title") into title and speakers.
fn heading_split(inline: &Inline) -> Option<Split> {
    let text = inline.text.trim_end();
    let make = |title: &str, names: Range<usize>, sep_start: usize, first: bool| -> Option<Split> {
        let (speakers, strength) =
            parse_speakers(&text[names.clone()], names.start, &inline.links, true)?;
        // "Title (前編)", "Title (LT)": notes in brackets are no speakers
        if speakers.iter().any(|s| is_annotation(&s.name)) {
            return None;
        }
        let title = clean_title(title);
        if title.is_empty() {
            return None;
        }
        let hidden = if first {
            names.start..names.end.max(sep_start)
        } else {
            sep_start..text.len()
        };
        Some(Split {
            title,
            speakers,
            strength,
            hide: inline.source_range(hidden).into_iter().collect(),
        })
    };
    // "Title by Name"
    if let Some(i) = rfind_ci(text, " by ") {
        let names = i + 4..text.len();
        if let Some(s) = make(&text[..i], names, i, false) {
            return Some(s);
        }
    }
    // "Title (Name)"
    if let Some((open, close_len)) = trailing_paren(text) {
        let inner = open
            + if text[open..].starts_with('（') {
                3
            } else {
                1
            }..text.len() - close_len;
        if let Some(s) = make(&text[..open], inner, open, false) {
            return Some(s);
        }
    }
    // "Title / @handle"
    for sep in [" / ", " ／ "] {
        if let Some(i) = text.rfind(sep)
            && let Some(s) = make(&text[..i], i + sep.len()..text.len(), i, false)
        {
            return Some(s);
        }
    }
    // "Title — Name" or "Name — Title"
    for sep in [" — ", " – ", " ― ", " - ", " -- "] {
        let (Some(last), Some(first)) = (text.rfind(sep), text.find(sep)) else {
            continue;
        };
        let after = make(&text[..last], last + sep.len()..text.len(), last, false);
        let left = &text[..first];
        let left_strength = name_strength(left.trim());
        match (after, left_strength) {
            (Some(s), None) => return Some(s),
            (Some(s), Some(Strength::Weak)) => return Some(s),
            (Some(s), Some(Strength::Strong)) if s.strength == Strength::Strong => return Some(s),
            (_, Some(Strength::Strong)) => {
                if let Some(s) = make(&text[first + sep.len()..], 0..first, first, true) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

/// Words reports put in brackets after a title that are not people.
fn is_annotation(name: &str) -> bool {
    const NOTES: &[&str] = &[
        "仮",
        "仮題",
        "前編",
        "後編",
        "中編",
        "前半",
        "後半",
        "続",
        "続き",
        "続編",
        "再演",
        "予定",
        "未定",
        "英語",
        "日本語",
        "同時通訳",
        "通訳",
        "速報",
        "追記",
        "更新",
        "資料",
        "動画",
        "概要",
        "公開",
        "中止",
        "延期",
        "休憩",
        "基調講演",
        "招待講演",
        "特別講演",
        "ハンズオン",
        "パネル",
        "ライトニングトーク",
        "スポンサー",
        "スポンサーセッション",
        "初級",
        "中級",
        "上級",
        "入門",
        "Preview",
        "Beta",
        "Draft",
        "Keynote",
        "Workshop",
        "Sponsored",
        "Sponsor",
    ];
    NOTES.contains(&name.trim())
}

fn rfind_ci(text: &str, needle: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    lower.rfind(needle)
}

/// Where a trailing "(…)" or "（…）" opens, and the byte length of its closing bracket.
fn trailing_paren(text: &str) -> Option<(usize, usize)> {
    let (close, open_char, close_len) = if text.ends_with(')') {
        (text.len() - 1, '(', 1)
    } else if text.ends_with('）') {
        (text.len() - 3, '（', 3)
    } else {
        return None;
    };
    let mut depth = 0;
    for (i, c) in text[..close].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            c if c == open_char || c == '(' || c == '（' => {
                return (i > 0).then_some((i, close_len));
            }
            _ => {}
        }
    }
    None
}

/// A title as a reader would quote it: no enclosing 「」 or quotes, no markup, no dangling
/// separators, one space between words.
pub fn clean_title(s: &str) -> String {
    let mut t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = t.len();
        let mut trimmed = t
            .trim_end_matches([':', '：', '/', '／', '|', ',', '、', ' '])
            .trim_start_matches([':', '：', '/', '|', ' ']);
        // a dash left over from "Title — Name" (not the one closing "-未来-")
        for dash in [" -", " —", " –", " ―"] {
            trimmed = trimmed.strip_suffix(dash).unwrap_or(trimmed);
        }
        t = trimmed.to_string();
        for (open, close) in [
            ("「", "」"),
            ("『", "』"),
            ("“", "”"),
            ("\"", "\""),
            ("【", "】"),
        ] {
            if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close))
                && !inner.contains(close)
                && !inner.trim().is_empty()
            {
                t = inner.trim().to_string();
            }
        }
        if t.len() == before {
            return t;
        }
    }
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
    fn heading_split_table() {
        let rows = [
            (
                "Terraform Modules by [Yevgeniy Brikman](https://twitter.com/brikis98)",
                Some("Terraform Modules [Yevgeniy Brikman@brikis98]"),
            ),
            (
                "GitOps: Ubie Inc by @sakajunquality",
                Some("GitOps: Ubie Inc [sakajunquality@sakajunquality]"),
            ),
            (
                "Scaling Lambda — Jane Doe",
                Some("Scaling Lambda [Jane Doe]"),
            ),
            (
                "Scaling Lambda (Jane Doe)",
                Some("Scaling Lambda [Jane Doe]"),
            ),
            ("Scaling Lambda / @jdoe", Some("Scaling Lambda [jdoe@jdoe]")),
            (
                "「コンテナ入門」（山田 太郎）",
                Some("コンテナ入門 [山田 太郎]"),
            ),
            (
                "Glenn Sarti - Sharing: What's in it for me?",
                Some("Sharing: What's in it for me? [Glenn Sarti]"),
            ),
            ("コンテナでウェイウェイ (仮)", None),
            ("Kubernetes 入門 (前編)", None),
            (
                "サーバーレス入門 (山田太郎)",
                Some("サーバーレス入門 [山田太郎]"),
            ),
            ("Scaling Lambda (Preview)", None),
            ("Serverless ASP.NET Core 2.0 Applications", None),
            ("Learning by doing", None),
            ("Day 1 - Keynotes", None),
            ("Amazon Aurora Storage クイズ", None),
            ("Save on Cost", None),
        ];
        for (input, want) in rows {
            let inline = Inline {
                text: input.replace(
                    "[Yevgeniy Brikman](https://twitter.com/brikis98)",
                    "Yevgeniy Brikman",
                ),
                pieces: vec![],
                links: if input.contains("brikis98") {
                    let start = input.find('[').unwrap_or(0);
                    vec![outline::Link {
                        text: start..start + 16,
                        url: "https://twitter.com/brikis98".into(),
                    }]
                } else {
                    vec![]
                },
            };
            let got = heading_split(&inline).map(|s| {
                let names: Vec<String> = s
                    .speakers
                    .iter()
                    .map(|p| match &p.handle {
                        Some(h) => format!("{}@{h}", p.name),
                        None => p.name.clone(),
                    })
                    .collect();
                format!("{} [{}]", s.title, names.join(", "))
            });
            assert_eq!(got.as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn clean_title_table() {
        let rows = [
            ("「AWS Technical talk -未来-」", "AWS Technical talk -未来-"),
            ("  Title  with   spaces ", "Title with spaces"),
            (
                "CRDs aren't just for Addons:",
                "CRDs aren't just for Addons",
            ),
            ("「A」と「B」", "「A」と「B」"),
            ("“Quoted”", "Quoted"),
        ];
        for (input, want) in rows {
            assert_eq!(clean_title(input), want, "{input:?}");
        }
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
        let md = "## Panel\n\nJeff Barr / Randall Hunt\n";
        assert!(talks_of(md).is_empty());
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
    }
}
