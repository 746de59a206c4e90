//! The event a report is about: its name, date and URL.
//!
//! The name is the first H1 that is not a talk, else the front-matter title, else the file
//! name. The date and URL come from a labelled line ("日時: …", "URL: …") in the part of the
//! report that belongs to no talk, else the first date or link there; the front-matter date
//! (usually when the report was published) is the last resort.

use std::sync::LazyLock;

use regex::Regex;

use super::front_matter::FrontMatter;
use super::headings::clean_title;
use super::outline::{BlockKind, Inline, Item, Outline, bare_urls};
use super::talks::{Scope, Structure};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInfo {
    pub name: String,
    /// ISO 8601 (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub url: Option<String>,
}

/// How many lines of the event's own text are searched for its date and URL: they are stated
/// near the top, and a report with no talks should not be searched to its end.
const EVENT_LINES: usize = 60;

pub fn find(
    front: &FrontMatter,
    outline: &Outline,
    structure: &Structure,
    path: &str,
) -> EventInfo {
    // An H1 that opens the report (nothing but markup before it) names the event; an H1 after
    // some prose ("# Keynotes") is a section, and the front-matter title the better name.
    let talk_headings = &structure.headings;
    let h1_at = |i: usize, item: &Item| match item {
        Item::Heading(h) if h.level == 1 && talk_headings.binary_search(&i).is_err() => {
            Some(clean_title(&h.inline.text)).filter(|t| !t.is_empty())
        }
        _ => None,
    };
    let opening_h1 = outline
        .items
        .iter()
        .enumerate()
        .find(|(_, item)| match item {
            Item::Heading(_) => true,
            Item::Block(b) => matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem),
        })
        .and_then(|(i, item)| h1_at(i, item));
    let any_h1 = || {
        outline
            .items
            .iter()
            .enumerate()
            .find_map(|(i, item)| h1_at(i, item))
    };
    let name = opening_h1
        .or_else(|| front.title.as_deref().map(clean_title))
        .or_else(any_h1)
        .map(|n| strip_report_words(&n))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| file_stem(path));

    // the first lines of the event's own text, before the first talk
    let first_talk = structure.talks.first().map_or(usize::MAX, |t| t.offset);
    let lines: Vec<Inline> = outline
        .items
        .iter()
        .take_while(|item| item.range().start < first_talk)
        .filter(|item| structure.scope_at(item.range().start) == Scope::Event)
        .flat_map(|item| match item {
            Item::Block(b) => b.inline.first_lines(EVENT_LINES),
            Item::Heading(h) => vec![h.inline.clone()],
        })
        .take(EVENT_LINES)
        .collect();

    let labelled = |labels: &[&str]| {
        lines.iter().find_map(|l| {
            let t = l.text.trim_start();
            let lower = t.to_lowercase();
            labels.iter().find_map(|label| {
                let rest = lower.strip_prefix(label)?.trim_start();
                rest.starts_with([':', '：']).then_some(l)
            })
        })
    };
    let date = labelled(&["日時", "日程", "開催日時", "開催日", "日付", "date", "when"])
        .and_then(|l| parse_date(&l.text))
        .or_else(|| lines.iter().find_map(|l| parse_date(&l.text)))
        .or_else(|| front.date.as_deref().and_then(parse_date));
    let url = labelled(&[
        "url",
        "公式サイト",
        "公式ページ",
        "公式",
        "イベントページ",
        "イベントurl",
        "website",
        "web",
        "site",
        "event page",
        "link",
    ])
    .and_then(first_url)
    .or_else(|| lines.iter().find_map(first_url));
    EventInfo { name, date, url }
}

/// "JAWS DAYS 2018 レポート" names the event "JAWS DAYS 2018".
fn strip_report_words(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "参加レポート",
        "レポート",
        "参加報告",
        "参加記",
        "に行ってきました！",
        "に行ってきました",
        "に参加してきました",
        " Recap",
        " recap",
        " Report",
        " report",
    ];
    let mut n = name.trim().to_string();
    for s in SUFFIXES {
        if let Some(stripped) = n.strip_suffix(s)
            && !stripped.trim().is_empty()
        {
            n = stripped.trim().to_string();
        }
    }
    n
}

fn file_stem(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    base.rsplit_once('.')
        .map_or(base, |(stem, _)| stem)
        .to_string()
}

fn first_url(line: &Inline) -> Option<String> {
    let link = line
        .links
        .iter()
        .map(|l| l.url.as_str())
        .find(|u| is_event_url(u));
    let bare = bare_urls(&line.text)
        .into_iter()
        .map(|r| &line.text[r])
        .find(|u| is_event_url(u));
    link.or(bare).map(str::to_string)
}

/// Social posts, videos and slides are not the event's page.
fn is_event_url(url: &str) -> bool {
    const NOT: &[&str] = &[
        "twitter.com",
        "//t.co/",
        "//x.com/",
        "facebook.com",
        "instagram.com",
        "youtube.com",
        "youtu.be",
        "slideshare.net",
        "speakerdeck.com",
        "togetter.com",
    ];
    (url.starts_with("http://") || url.starts_with("https://"))
        && !NOT.iter().any(|n| url.contains(n))
        && !url.to_ascii_lowercase().ends_with(".png")
        && !url.to_ascii_lowercase().ends_with(".jpg")
}

static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))")
        .expect("valid regex")
});
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .expect("valid regex")
});

/// The first date in a line, as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<String> {
    // every pattern has a four-digit year: most lines have none
    let has_year = text
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    if !has_year {
        return None;
    }
    let month = |m: &str| -> Option<u32> {
        const NAMES: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        NAMES
            .iter()
            .position(|n| m.eq_ignore_ascii_case(n))
            .map(|i| i as u32 + 1)
    };
    let num = |s: Option<regex::Match<'_>>| s.and_then(|m| m.as_str().parse::<u32>().ok());
    let mut found: Vec<(usize, u32, u32, u32)> = Vec::new();
    if let Some(c) = YMD.captures(text) {
        let y = num(c.get(1));
        let m = num(c.get(2)).or(num(c.get(4)));
        let d = num(c.get(3)).or(num(c.get(5)));
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            found.push((c.get(0).map_or(0, |m| m.start()), y, m, d));
        }
    }
    if let Some(c) = MDY.captures(text)
        && let (Some(m), Some(d), Some(y)) = (
            c.get(1).and_then(|m| month(m.as_str())),
            num(c.get(2)),
            num(c.get(3)),
        )
    {
        found.push((c.get(0).map_or(0, |m| m.start()), y, m, d));
    }
    if let Some(c) = DMY.captures(text)
        && let (Some(d), Some(m), Some(y)) = (
            num(c.get(1)),
            c.get(2).and_then(|m| month(m.as_str())),
            num(c.get(3)),
        )
    {
        found.push((c.get(0).map_or(0, |m| m.start()), y, m, d));
    }
    found.sort_unstable();
    found
        .into_iter()
        .find(|&(_, y, m, d)| {
            (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
        })
        .map(|(_, y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// Compiles this module's expressions (`super::warm_up`).
pub(crate) fn warm_up() {
    for re in [&YMD, &MDY, &DMY] {
        LazyLock::force(re);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_table() {
        let rows = [
            ("日時: 2018年3月10日10時から", Some("2018-03-10")),
            ("2016/9/30 - 10/1にて開催", Some("2016-09-30")),
            ("2018-03-21T11:34:00Z", Some("2018-03-21")),
            ("September 19, 2017", Some("2017-09-19")),
            ("on 7th Dec 2022 in Vegas", Some("2022-12-07")),
            ("Sept. 30th, 2016", Some("2016-09-30")),
            ("version 2018.13.40", None),
            ("no date", None),
        ];
        for (input, want) in rows {
            assert_eq!(parse_date(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn report_words_are_not_the_event() {
        assert_eq!(
            strip_report_words("JAWS DAYS 2018 レポート"),
            "JAWS DAYS 2018"
        );
        assert_eq!(
            strip_report_words("ServerlessConf 2017 Recap"),
            "ServerlessConf 2017"
        );
        assert_eq!(strip_report_words("レポート"), "レポート");
    }
}
