//! What a heading says about itself: the title once times, session codes and numbering are
//! gone ("09:10 Title", "SRV325 - Title", "#3 Title", "【キーノート】Title"), the speakers it
//! carries ("Title — Name", "Title (Name)", "Title / @handle", "Title by Name", "Name - Title",
//! "Title 名前さん", timetable rows "time<TAB>title<TAB>speaker").
//!
//! Pure functions on one line's text; they are evidence for `talks`, which decides.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::outline::Inline;
use super::speakers::{Names, Speaker, Strength, label_len, name_strength, parse_speakers};
use super::words::LISTS;
use crate::text::{find_str, rfind_str};

/// A heading that carries its speakers.
#[derive(Debug, Clone)]
pub struct Split {
    pub title: String,
    pub speakers: Vec<Speaker>,
    pub strength: Strength,
    /// Source ranges that name people: not scanned for mentions.
    pub hide: Vec<Range<usize>>,
    /// A form that titles share ("Name: Title" / "Service Mesh: Lessons"): it holds only
    /// where two or more headings at one level are written so.
    pub repeat: bool,
}

impl Split {
    /// A split of `inline` with its title cleaned (none when nothing is left) and the text
    /// range `hidden` kept from scans.
    fn cleaned(
        inline: &Inline,
        title: &str,
        speakers: Vec<Speaker>,
        strength: Strength,
        hidden: Range<usize>,
    ) -> Option<Split> {
        let title = clean_title(title);
        (!title.is_empty()).then(|| Split {
            repeat: false,
            title,
            speakers,
            strength,
            hide: inline.source_range(hidden).into_iter().collect(),
        })
    }
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:",
        // times and time ranges: "09:10", "19:20-19:40", "20:40-", "10:00 〜 10:30"
        r"\d{1,2}[:：]\d{2}\s*(?:[-–—~〜～]\s*(?:\d{1,2}[:：]\d{2})?)?",
        // session codes: "SRV325", "DEV301-R", "AWS-32"
        r"|[A-Z]{2,6}\d{2,4}(?:-[A-Z0-9]{1,3})?(?:\s*[-–—:|]|\s)",
        r"|[A-Z]{2,6}-\d{1,4}(?:\s*[-–—:|]|\s)",
        // numbering: "#3", "#", "3.", "No. 3", "Session 2:", "LT1:", "セッション1："
        r"|#\d{0,3}|\d{1,3}[.)]\s|No\.\s?\d{1,3}|(?:Session|Talk|LT|セッション|ＬＴ)\s?#?\d{1,3}(?:\s*[:：.)\-–—]|\s)",
        // a bracketed kind: "【キーノート】", "[LT]", "［基調講演］"
        r"|[【\[［][^】\]］]{1,20}[】\]］]",
        r")\s*[-–—:|／/]?\s*",
    ))
    .expect("valid regex")
});

/// Byte length of the times, codes and numbering that open a heading.
pub fn prefix_len(text: &str) -> usize {
    let mut at = 0;
    while let Some(m) = PREFIX.find(&text[at..]) {
        if m.end() == 0 {
            break;
        }
        // keep a prefix that is the whole heading ("#1" alone, "【LT】" alone)
        if text[at + m.end()..].trim().is_empty() {
            break;
        }
        at += m.end();
    }
    at
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
        // a separator left over from "Title — Name", "Title @ Name" (not the dash closing
        // "-未来-")
        for dash in [" -", " —", " –", " ―", " @", " ＠"] {
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

/// Role words: "Peter DeSantis - SVP AWS" names a person and their job, and no other title.
fn is_role(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && LISTS.role(text)
}

/// "Containerd - Unplugged, [Saifi Khan](https://twitter.com/hisaifi), Strikr": a name linked
/// to its owner's profile after the title, whatever separates them; what follows it is where
/// they work. The first profile link decides; a link that opens the line is no such split.
fn linked_person(inline: &Inline) -> Option<Split> {
    let text = &inline.text;
    let link = inline
        .links
        .iter()
        .find(|l| super::speakers::social_handle(&l.url).is_some())?;
    if let Some(s) = bracketed_handle(inline, link) {
        return Some(s);
    }
    // "NeGI（@negi）さん": a handle in brackets after what does not split is that name's
    // handle; the line is a person, not a title and a speaker
    if text[..link.text.start].trim_end().ends_with(['(', '（']) {
        return None;
    }
    let title = text[..link.text.start].trim_end_matches([' ', ',', '-', '–', '—', '|', '/', ':']);
    let title = clean_title(title);
    if title.is_empty() {
        return None;
    }
    let (mut speakers, _) = parse_speakers(
        &text[link.text.clone()],
        link.text.start,
        &inline.links,
        Names::Line,
    )?;
    let rest = text[link.text.end..]
        .trim_start_matches([' ', ',', '-', '–', '—', '(', '（', '@'])
        .trim_end_matches([')', '）', ' ']);
    if !rest.is_empty() && rest.split_whitespace().count() <= 5 {
        for s in &mut speakers {
            s.affiliation.get_or_insert_with(|| rest.to_string());
        }
    }
    Some(Split {
        repeat: false,
        title,
        speakers,
        strength: Strength::Strong,
        hide: inline
            .source_range(link.text.start..text.len())
            .into_iter()
            .collect(),
    })
}

/// "Intro to Azure - Joe Raio ([@joescars](twitter))": a profile link in brackets after a
/// title and a name is that person's handle. The text before the brackets splits as a
/// heading does, and its one speaker takes the handle; what follows the brackets is dropped
/// with them from the title.
fn bracketed_handle(inline: &Inline, link: &super::outline::Link) -> Option<Split> {
    let text = &inline.text;
    let before = text[..link.text.start].trim_end();
    let open = before
        .strip_suffix('(')
        .or_else(|| before.strip_suffix('（'))?;
    let prefix = open.trim_end();
    handle_for_the_speaker(
        inline,
        prefix.len(),
        super::speakers::social_handle(&link.url)?,
    )
}

/// `inline` up to byte `end` split as a heading, its one speaker (who has no handle yet)
/// given `handle`, and what follows `end` hidden with the names.
fn handle_for_the_speaker(inline: &Inline, end: usize, handle: String) -> Option<Split> {
    let mut s = split_title(&inline.tail(0, end))?;
    let [speaker] = s.speakers.as_mut_slice() else {
        return None;
    };
    if speaker.handle.is_some() {
        return None;
    }
    speaker.handle = Some(handle);
    s.hide.extend(inline.source_range(end..inline.text.len()));
    Some(s)
}

/// How many brackets are open at the end of `text`.
fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |d, c| match c {
        '(' | '（' | '[' | '［' => d + 1,
        ')' | '）' | ']' | '］' => (d - 1).max(0),
        _ => d,
    })
}

/// "Keynote (Jane Doe - PyPI) @jdoe": a handle after the heading's speaker is theirs. The
/// text before it splits as a heading does, and its one speaker takes the handle.
fn trailing_handle(inline: &Inline) -> Option<Split> {
    static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[)）]\s+[@＠]([A-Za-z0-9_]{1,15})\s*$").expect("valid regex")
    });
    let text = inline.text.trim_end();
    // HANDLE holds an at sign: a line without one cannot match
    if !text.contains(['@', '＠']) {
        return None;
    }
    let c = HANDLE.captures(text)?;
    let close = c.get(0)?.start();
    let end = close + text[close..].chars().next()?.len_utf8();
    handle_for_the_speaker(inline, end, c[1].to_string())
}

/// "Eng Dir, Google", "arch, k8s + openshift, Redhat": a few words ending in where someone
/// works, after a comma — what a person does, not a title.
fn is_affiliation(text: &str) -> bool {
    let t = text.trim();
    let Some((_, last)) = t.rsplit_once(',') else {
        return false;
    };
    let last = last.trim();
    t.split_whitespace().count() <= 7
        && (1..=3).contains(&last.split_whitespace().count())
        && last.chars().next().is_some_and(char::is_uppercase)
        && !t.contains(['?', '!', ':'])
}

/// Splits a heading into title and speakers, if it carries them. `inline` is the heading
/// without its prefix. A split whose "title" is likelier someone's name than its
/// "speakers" ("Tsubasa Nagasawa (CyberAgent)", "Jensen Hussey / Cloudflare") is a person
/// and where they work, not a title.
pub fn heading_split(inline: &Inline) -> Option<Split> {
    split_title(inline).filter(|s| !names_the_person(s))
}

fn names_the_person(s: &Split) -> bool {
    let title = super::names::likelihood(&s.title);
    title >= 0.6
        && s.title.split_whitespace().count() <= 4
        && s.speakers
            .iter()
            .all(|p| p.handle.is_none() && super::names::likelihood(&p.name) < title)
}

/// What stands between a title and its speakers, either way round ("Title — Name",
/// "Name - Title", "Title @ Name(Org)", "Title | Name").
const SEPARATORS: [&str; 9] = [
    " — ", " – ", " ― ", " - ", " -- ", " @ ", " ＠ ", " | ", " ｜ ",
];

fn split_title(inline: &Inline) -> Option<Split> {
    // a timetable row: "title<TAB>speaker (company)<TAB>note"
    if inline.text.trim_end().contains('\t') {
        return tab_split(inline);
    }
    let h = Head {
        inline,
        text: inline.text.trim_end(),
    };
    // the forms in order of how surely they split; the first that does, does
    h.lenticular()
        .or_else(|| linked_person(inline))
        .or_else(|| trailing_handle(inline))
        .or_else(|| h.bold_tail())
        .or_else(|| h.with_names())
        .or_else(|| h.by_names())
        .or_else(|| h.bracketed_names())
        .or_else(|| h.slashed_handle())
        .or_else(|| h.dashed())
        .or_else(|| h.named_colon())
        .or_else(|| trailing_name(inline))
        .or_else(|| leading_name(inline))
        .or_else(|| possessive_name(inline))
}

/// A heading's text (its end trimmed), read for the forms that split it.
struct Head<'a> {
    inline: &'a Inline,
    text: &'a str,
}

impl Head<'_> {
    fn split(
        &self,
        title: &str,
        speakers: Vec<Speaker>,
        strength: Strength,
        hidden: Range<usize>,
    ) -> Option<Split> {
        Split::cleaned(self.inline, title, speakers, strength, hidden)
    }

    /// The split with the people at `names`; `first` when they open the heading (the
    /// separator at `sep_start` is hidden with them either way).
    fn make(
        &self,
        title: &str,
        names: Range<usize>,
        sep_start: usize,
        first: bool,
    ) -> Option<Split> {
        let text = self.text;
        let (speakers, strength) = parse_speakers(
            &text[names.clone()],
            names.start,
            &self.inline.links,
            Names::Heading,
        )?;
        // "Title (前編)", "Title (LT)": notes in brackets are no speakers
        if speakers.iter().any(|s| LISTS.annotation(&s.name)) {
            return None;
        }
        let hidden = if first {
            names.start..names.end.max(sep_start)
        } else {
            sep_start..text.len()
        };
        self.split(title, speakers, strength, hidden)
    }

    /// "【Title】Name さん（Company）": the title in lenticular brackets, the speaker after.
    fn lenticular(&self) -> Option<Split> {
        let text = self.text;
        let inner = text.strip_prefix('【')?;
        let close = inner.find('】')?;
        if inner[close + '】'.len_utf8()..].trim().is_empty() {
            return None;
        }
        let names_at = '【'.len_utf8() + close + '】'.len_utf8();
        match parse_speakers(
            &text[names_at..],
            names_at,
            &self.inline.links,
            Names::Heading,
        ) {
            Some((speakers, Strength::Strong)) => self.split(
                &inner[..close],
                speakers,
                Strength::Strong,
                names_at..text.len(),
            ),
            _ => None,
        }
    }

    /// "Title, **Jane Doe**": the formatting sets the speaker apart, after a comma or a dash.
    fn bold_tail(&self) -> Option<Split> {
        let text = self.text;
        let bold = self.inline.strong.last()?;
        if bold.end < text.len() || bold.start == 0 {
            return None;
        }
        let before = text[..bold.start].trim_end();
        let title = before.trim_end_matches([',', '、', '-', '–', '—', ':', '/']);
        if title.len() == before.len() {
            return None;
        }
        self.make(title, bold.clone(), title.len(), false)
            .filter(|s| s.strength == Strength::Strong)
    }

    /// "Title with Jane Doe and John Roe": only full names, clearly people, end it ("… with
    /// Welly Siauw and Justin P.": less sure, for the report's pattern to settle).
    fn with_names(&self) -> Option<Split> {
        let text = self.text;
        let i = rfind_ci(text, " with ")?;
        let mut s = self.make(&text[..i], i + 6..text.len(), i, false)?;
        let people = s.speakers.iter().all(|p| {
            p.name.contains(' ')
                && p.handle.is_none()
                && p.name.starts_with(char::is_uppercase)
                && super::names::likelihood(&p.name) >= 0.3
        });
        if !people {
            return None;
        }
        let sure = s.strength == Strength::Strong
            && s.speakers
                .iter()
                .all(|p| super::names::likelihood(&p.name) >= 0.6);
        if !sure {
            s.strength = Strength::Weak;
        }
        Some(s)
    }

    /// "Title by Name".
    fn by_names(&self) -> Option<Split> {
        let i = rfind_ci(self.text, " by ")?;
        self.make(&self.text[..i], i + 4..self.text.len(), i, false)
    }

    /// "Title (Name)", "Title (Speakers: A, B)" — unless a name stands before the brackets
    /// ("Title — Dev Patel (Acme)": the brackets hold where Dev works, and the dash splits).
    fn bracketed_names(&self) -> Option<Split> {
        let text = self.text;
        let (open, close_len) =
            trailing_paren(text).filter(|&(open, _)| !self.dash_before(open))?;
        let width = if text[open..].starts_with('（') {
            3
        } else {
            1
        };
        let inner = open + width..text.len() - close_len;
        // "Title (Speakers: A, B)": a label inside says who, and that they are several
        let lead = text[inner.clone()].len() - text[inner.clone()].trim_start().len();
        if let Some(label) = label_len(&text[inner.start + lead..inner.end]) {
            let names = inner.start + lead + label;
            if let Some((speakers, _)) = parse_speakers(
                &text[names..inner.end],
                names,
                &self.inline.links,
                Names::Line,
            ) && let Some(s) =
                self.split(&text[..open], speakers, Strength::Strong, open..text.len())
            {
                return Some(s);
            }
        }
        self.make(&text[..open], inner, open, false)
    }

    /// Whether a dash before `open` is followed by someone's name (or several).
    fn dash_before(&self, open: usize) -> bool {
        let before = self.text[..open].trim_end();
        SEPARATORS.iter().any(|sep| {
            rfind_str(before, sep).is_some_and(|d| {
                let who = &before[d + sep.len()..];
                name_strength(who) == Some(Strength::Strong)
                    || parse_speakers(who, 0, &[], Names::Heading)
                        .is_some_and(|(p, st)| p.len() >= 2 && st == Strength::Strong)
            })
        })
    }

    /// "Title / @handle" (not "Title 野村 恭彦 氏 / 市谷 聡啓 氏": a slash between people).
    fn slashed_handle(&self) -> Option<Split> {
        let text = self.text;
        let honoured = |s: &str| {
            ["さん", "氏", "様", "先生"]
                .iter()
                .any(|h| s.trim_end().ends_with(h))
        };
        [" / ", " ／ "].iter().find_map(|sep| {
            let i = rfind_str(text, sep)?;
            if honoured(&text[..i]) {
                return None;
            }
            self.make(&text[..i], i + sep.len()..text.len(), i, false)
        })
    }

    /// "Title — Name" or "Name — Title"; a dash inside brackets separates nothing
    /// ("Keynote (Jane Doe - PyPI) …").
    /// A sure split at one separator wins over an unsure one at another ("Title | Jane Doe -
    /// Acme": "Acme" alone after the dash is no one surely; "Jane Doe - Acme" after the bar
    /// is).
    fn dashed(&self) -> Option<Split> {
        let mut unsure = None;
        for sep in SEPARATORS {
            match self.dashed_at(sep) {
                Some(s) if s.strength == Strength::Strong => return Some(s),
                Some(s) => {
                    unsure.get_or_insert(s);
                }
                None => {}
            }
        }
        unsure
    }

    fn dashed_at(&self, sep: &str) -> Option<Split> {
        let text = self.text;
        let any = find_str(text, sep)?;
        let (last, first) = if text.contains(['(', '（', '[', '［']) {
            let outside = |at: &usize| bracket_depth(&text[..*at]) == 0;
            let mut at = text.match_indices(sep).map(|(i, _)| i).filter(outside);
            let first = at.next();
            (at.last().or(first), first)
        } else {
            (rfind_str(text, sep), Some(any))
        };
        let (last, first) = (last?, first?);
        let after = self.make(&text[..last], last + sep.len()..text.len(), last, false);
        let left = &text[..first];
        // one name, or several ("Marcus Webb & Aiko Tanaka — Title")
        let left_strength = name_strength(left.trim()).or_else(|| {
            parse_speakers(left, 0, &self.inline.links, Names::Heading)
                .filter(|(people, _)| people.len() >= 2)
                .map(|(_, strength)| strength)
        });
        // both sides could be people: the likelier one is ("Chen Goldberg - Eng Dir")
        let likelier_left = || {
            let l = super::names::likelihood(left.trim());
            after.as_ref().is_some_and(|s| {
                s.speakers
                    .iter()
                    .all(|p| p.handle.is_none() && super::names::likelihood(&p.name) < l)
            })
        };
        match (after.clone(), left_strength) {
            (Some(s), None) | (Some(s), Some(Strength::Weak)) => Some(s),
            (Some(s), Some(Strength::Strong))
                if s.strength == Strength::Strong && !likelier_left() =>
            {
                Some(s)
            }
            (_, Some(Strength::Strong)) => self.person_first(left, first, sep),
            _ => None,
        }
    }

    /// The heading opens with someone's name before the dash at `first`: "Name — Title", or
    /// "Peter DeSantis - SVP AWS", "Chen Goldberg - Eng Dir, Google": a person and what
    /// they do, and the heading is the title.
    fn person_first(&self, left: &str, first: usize, sep: &str) -> Option<Split> {
        let text = self.text;
        let rest = &text[first + sep.len()..];
        if is_role(rest) || is_affiliation(rest) {
            let (mut speakers, strength) =
                parse_speakers(left, 0, &self.inline.links, Names::Heading)?;
            for s in &mut speakers {
                s.affiliation.get_or_insert_with(|| rest.trim().to_string());
            }
            return Some(Split {
                repeat: false,
                title: clean_title(text),
                speakers,
                strength,
                hide: Vec::new(),
            });
        }
        self.make(rest, 0..first, first, true)
    }

    /// "Name: Title": only the first colon splits ("Priya Nair: Postgres on Kubernetes: Yes,
    /// Really"). "Service Mesh: Lessons" reads the same way, so this is weak evidence: it
    /// counts where other headings at its level name speakers, or where it recurs.
    fn named_colon(&self) -> Option<Split> {
        [": ", "："].iter().find_map(|sep| self.named_colon_at(sep))
    }

    fn named_colon_at(&self, sep: &str) -> Option<Split> {
        let text = self.text;
        let first = find_str(text, sep)?;
        let left = &text[..first];
        // one name, or several ("Lucas Käldström & Nikhita Raghunath: Getting started")
        let people = name_strength(left) == Some(Strength::Strong)
            || parse_speakers(left, 0, &self.inline.links, Names::Heading)
                .is_some_and(|(p, st)| p.len() >= 2 && st == Strength::Strong);
        if !people {
            return None;
        }
        let rest = &text[first + sep.len()..];
        let mut s = self.make(rest, 0..first, first, true)?;
        // names the lists know are people; other capitalised words may be a topic
        let sure = s
            .speakers
            .iter()
            .all(|p| super::names::likelihood(&p.name) >= 0.7);
        if !sure {
            s.strength = Strength::Weak;
            s.repeat = true;
        }
        Some(s)
    }
}

/// "@kanga333 様 Terraformの話", "山田さん Kubernetesの話": a handle or a Japanese name with
/// an honorific opens the heading; the title follows.
fn leading_name(inline: &Inline) -> Option<Split> {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?P<who>[@＠][A-Za-z0-9_]{1,15}",
            r"|[\p{Han}\p{Katakana}ー々]{1,6}(?:[\s　][\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,6})?)",
            r"[\s　]?(?:さん|氏|様|先生)[\s　]+(?P<title>\S.*)$"
        ))
        .expect("valid regex")
    });
    let text = inline.text.trim_end();
    // HEAD holds an honorific: a line without one of its characters cannot match
    if !text.contains(['さ', '氏', '様', '先']) {
        return None;
    }
    let c = HEAD.captures(text)?;
    let who = c.name("who")?;
    let (speakers, _) = parse_speakers(who.as_str(), who.start(), &inline.links, Names::Heading)?;
    let title = c.name("title")?;
    Split::cleaned(
        inline,
        title.as_str(),
        speakers,
        Strength::Strong,
        0..title.start(),
    )
}

/// "Jane Doe's Keynote", "[Jane Doe'](…) ABC202 (Title)": a full name in the possessive
/// opens the head; the rest is the talk's title, or the whole head is when the rest is one
/// word.
fn possessive_name(inline: &Inline) -> Option<Split> {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?P<who>\p{Lu}[\p{L}\-]+(?: \p{Lu}[\p{L}\-]+){1,2})(?:'s|’s|'|’)\s+(?P<title>\S.*)$",
        )
        .expect("valid regex")
    });
    let text = inline.text.trim_end();
    // HEAD holds an apostrophe: a line without one cannot match
    if !text.contains(['\'', '’']) {
        return None;
    }
    let c = HEAD.captures(text)?;
    let who = c.name("who")?;
    let (speakers, strength) =
        parse_speakers(who.as_str(), who.start(), &inline.links, Names::Heading)?;
    if strength != Strength::Strong || speakers.len() != 1 {
        return None;
    }
    let rest = c.name("title")?;
    let (title, hidden) = if rest.as_str().split_whitespace().count() == 1 {
        (text, 0..0)
    } else {
        (rest.as_str(), 0..rest.start())
    };
    Split::cleaned(inline, title, speakers, strength, hidden)
}

/// "Fandroid EAST JAPAN 原さん", "After Meetup + Knative LT 杉田 寿憲（メルペイ）": a Japanese
/// name with an honorific, or with a space and a company, ends the heading.
fn trailing_name(inline: &Inline) -> Option<Split> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?P<title>.+?)[\s　]+(?P<who>",
            r"(?:[\p{Han}\p{Katakana}ー々]{1,6}(?:[\s　][\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,6})?[\s　]?(?:さん|氏|様|先生)",
            r"(?:[\s　]*[/／、・][\s　]*)?)+",
            r"|[\p{Han}ー々]{1,5}[\s　][\p{Han}ー々]{1,5}\s*[（(][^）)]{1,40}[）)]",
            r")$"
        ))
        .expect("valid regex")
    });
    let text = inline.text.trim_end();
    // TAIL ends in an honorific (さん, 氏, 様, 先生) or a closing bracket: a line with none of
    // those characters cannot match, and spares the expression a search
    if !text.contains(['さ', '氏', '様', '先', ')', '）']) {
        return None;
    }
    let c = TAIL.captures(text)?;
    let who = c.name("who")?;
    let (speakers, _) = parse_speakers(who.as_str(), who.start(), &inline.links, Names::Heading)?;
    let title = c.name("title")?;
    Split::cleaned(
        inline,
        title.as_str(),
        speakers,
        Strength::Strong,
        who.start()..text.len(),
    )
}

/// A pasted timetable row: fields between tabs; times are dropped, the first other field is
/// the title, a field of names is the speakers, anything else is a note.
fn tab_split(inline: &Inline) -> Option<Split> {
    let text = inline.text.as_str();
    let mut fields: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\t' {
            fields.push(start..i);
            start = i + 1;
        }
    }
    fields.push(start..text.len());
    let fields: Vec<Range<usize>> = fields
        .into_iter()
        .map(|r| {
            let p = prefix_len(&text[r.clone()]);
            r.start + p..r.end
        })
        .filter(|r| !text[r.clone()].trim().is_empty() && !is_time(&text[r.clone()]))
        .collect();
    let title_field = fields.first()?.clone();
    for f in &fields[1..] {
        // a field of names, clearly: "堀家 隆宏 (Serverless Operations LLC. CEO)"
        if let Some((speakers, strength)) =
            parse_speakers(&text[f.clone()], f.start, &inline.links, Names::Heading)
            && strength == Strength::Strong
        {
            return Some(Split {
                repeat: false,
                title: clean_title(&text[title_field]),
                speakers,
                strength,
                hide: inline.source_range(f.clone()).into_iter().collect(),
            });
        }
    }
    // the speaker may end the title field instead ("Title 杉田 寿憲（メルペイ）")
    let sub = inline.tail(title_field.start, title_field.end);
    if let Some(s) = trailing_name(&sub) {
        return Some(s);
    }
    Some(Split {
        repeat: false,
        title: clean_title(&text[title_field]),
        speakers: Vec::new(),
        strength: Strength::Weak,
        hide: Vec::new(),
    })
}

fn is_time(field: &str) -> bool {
    let f = field.trim();
    !f.is_empty()
        && f.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '：' | '-' | '~' | '〜' | ' '))
}

fn rfind_ci(text: &str, needle: &str) -> Option<usize> {
    crate::text::rfind_ascii_lowercase(text, needle)
}

/// Where a trailing "(…)" or "（…）" opens, and the byte length of its closing bracket.
fn trailing_paren(text: &str) -> Option<(usize, usize)> {
    let (close, close_len) = if text.ends_with(')') {
        (text.len() - 1, 1)
    } else if text.ends_with('）') {
        (text.len() - 3, 3)
    } else {
        return None;
    };
    let mut depth = 0;
    for (i, c) in text[..close].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '(' | '（' => return (i > 0).then_some((i, close_len)),
            _ => {}
        }
    }
    None
}

/// Compiles this module's expressions at module level (`super::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&PREFIX);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            pieces: vec![(0..text.len(), 0..text.len())],
            links: vec![],
            ..Default::default()
        }
    }

    fn split(text: &str) -> Option<String> {
        heading_split(&inline(text)).map(|s| {
            let names: Vec<String> = s
                .speakers
                .iter()
                .map(|p| match &p.handle {
                    Some(h) => format!("{}@{h}", p.name),
                    None => p.name.clone(),
                })
                .collect();
            format!("{} [{}]", s.title, names.join(", "))
        })
    }

    /// `text` with the first `linked` in it linked to `url`.
    fn with_link(text: &str, linked: &str, url: &str) -> Inline {
        let at = text.find(linked).unwrap_or(0);
        Inline {
            links: vec![super::super::outline::Link {
                text: at..at + linked.len(),
                url: url.into(),
            }],
            ..inline(text)
        }
    }

    #[test]
    fn a_profile_link_in_brackets_is_the_handle_of_the_name_before_it() {
        let text = "Intro to Azure - Joe Raio (@joescars)";
        let at = text.find('@').unwrap_or(0);
        let line = with_link(text, "@joescars", "https://twitter.com/joescars");
        let s = heading_split(&line).expect("a split");
        assert_eq!(s.title, "Intro to Azure");
        assert_eq!(s.speakers.len(), 1);
        assert_eq!(s.speakers[0].name, "Joe Raio");
        assert_eq!(s.speakers[0].handle.as_deref(), Some("joescars"));
        // name and handle are not scanned for mentions
        let hidden = |at: usize| s.hide.iter().any(|r| r.contains(&at));
        assert!(hidden(text.find("Joe").unwrap_or(0)) && hidden(at + 1) && !hidden(0));
    }

    #[test]
    fn a_profile_link_after_the_title_names_the_speaker() {
        let text = "Containerd - Unplugged,  Saifi Khan, Strikr";
        let line = with_link(text, "Saifi Khan", "https://twitter.com/hisaifi");
        let s = heading_split(&line).expect("a split");
        assert_eq!(s.title, "Containerd - Unplugged");
        assert_eq!(s.speakers[0].name, "Saifi Khan");
        assert_eq!(s.speakers[0].handle.as_deref(), Some("hisaifi"));
        assert_eq!(s.speakers[0].affiliation.as_deref(), Some("Strikr"));
    }

    #[test]
    fn heading_split_table() {
        let rows = [
            (
                "GitOps: Ubie Inc by @sakajunquality",
                Some("GitOps: Ubie Inc [sakajunquality@sakajunquality]"),
            ),
            (
                "Scaling Lambda — Jane Doe",
                Some("Scaling Lambda [Jane Doe]"),
            ),
            (
                "Go の 10 年 @ 山口 能迪(Google)",
                Some("Go の 10 年 [山口 能迪]"),
            ),
            (
                "@kanga333 様 個々のアプリのリポジトリでTerraformを管理している話",
                Some("個々のアプリのリポジトリでTerraformを管理している話 [kanga333@kanga333]"),
            ),
            (
                "山田 太郎さん Kubernetes入門",
                Some("Kubernetes入門 [山田 太郎]"),
            ),
            (
                "Keynote (Dan Callahan - PyPI) @callahad",
                Some("Keynote [Dan Callahan@callahad]"),
            ),
            (
                "Continuous DeliveryとJenkins入門　川口 耕介 氏",
                Some("Continuous DeliveryとJenkins入門 [川口 耕介]"),
            ),
            (
                "帆に風を ～日本を変える～　野村 恭彦 氏 / 市谷 聡啓 氏",
                Some("帆に風を ～日本を変える～ [野村 恭彦, 市谷 聡啓]"),
            ),
            (
                "BigQuery の一年 ＠ なかむら さとる",
                Some("BigQuery の一年 [なかむら さとる]"),
            ),
            (
                "Scaling Lambda | Jane Doe",
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
            (
                "Peter DeSantis - SVP AWS",
                Some("Peter DeSantis - SVP AWS [Peter DeSantis]"),
            ),
            (
                "Connect from Browsers Using gRPC-Web - Stanley Cheung, Google",
                Some("Connect from Browsers Using gRPC-Web [Stanley Cheung]"),
            ),
            (
                "Running Kubernetes in the Federal Government - John Osborne, `Red Hat`",
                Some("Running Kubernetes in the Federal Government [John Osborne]"),
            ),
            (
                "Monitoring Kubernetes with BPF and Prometheus - Jonathan Perry, Flowtune by @",
                Some("Monitoring Kubernetes with BPF and Prometheus [Jonathan Perry]"),
            ),
            (
                "Fandroid EAST JAPAN 原さん",
                Some("Fandroid EAST JAPAN [原]"),
            ),
            (
                "【LT】イメージを半分にした小技 江口 まりな様",
                Some("【LT】イメージを半分にした小技 [江口 まりな]"),
            ),
            (
                "Opening Talk\t堀家 隆宏 (Serverless Operations LLC. CEO)",
                Some("Opening Talk [堀家 隆宏]"),
            ),
            (
                "After Meetup + Knative LT 杉田 寿憲（メルペイ）\t21:30までに完全撤収",
                Some("After Meetup + Knative LT [杉田 寿憲]"),
            ),
            ("会場案内、告知\t株式会社Speee", Some("会場案内、告知 []")),
            ("コンテナでウェイウェイ (仮)", None),
            ("Kubernetes 入門 (前編)", None),
            ("Serverless ASP.NET Core 2.0 Applications", None),
            ("Learning by doing", None),
            ("Day 1 - Keynotes", None),
            (
                "Priya Nair: Postgres on Kubernetes: Yes, Really",
                Some("Postgres on Kubernetes: Yes, Really [Priya Nair]"),
            ),
            ("Keynote: The Road Ahead", None),
            (
                "Lucas Käldström & Nikhita Raghunath: Getting Started in the Kubernetes Community",
                Some(
                    "Getting Started in the Kubernetes Community [Lucas Käldström, Nikhita Raghunath]",
                ),
            ),
            (
                "【Amazon Bedrock で始める社内RAGのリアル】田中 誠さん（アマゾン ウェブ サービス ジャパン）",
                Some("Amazon Bedrock で始める社内RAGのリアル [田中 誠]"),
            ),
            (
                "Cutting our DynamoDB bill by 60% — Dev Patel (Acme Freight)",
                Some("Cutting our DynamoDB bill by 60% [Dev Patel]"),
            ),
            (
                "From Heroku to ECS — Priya Raman & Tom Becker (Stackwise)",
                Some("From Heroku to ECS [Priya Raman, Tom Becker]"),
            ),
            (
                "Marcus Webb & Aiko Tanaka — Karpenter beyond AWS: node pools",
                Some("Karpenter beyond AWS: node pools [Marcus Webb, Aiko Tanaka]"),
            ),
            ("Kubernetes & Docker — The Basics", None),
            (
                "Chen Goldberg - Eng Dir, Google",
                Some("Chen Goldberg - Eng Dir, Google [Chen Goldberg]"),
            ),
            (
                "Queues without tears - Marta Kowalska, Jennifer Walsh, Acme",
                Some("Queues without tears [Marta Kowalska, Jennifer Walsh]"),
            ),
            (
                "Dan Kohn - Stitching things together",
                Some("Stitching things together [Dan Kohn]"),
            ),
            (
                "Building agents (Speakers: Anders Holm, Mira Patel)",
                Some("Building agents [Anders Holm, Mira Patel]"),
            ),
            ("Amazon Aurora: Deep Dive", None),
            (
                "Best practices for Serverless developers with Ran Isenberg and Julian Wood",
                Some("Best practices for Serverless developers [Ran Isenberg, Julian Wood]"),
            ),
            ("Building APIs with Amazon API Gateway", None),
            ("Chatting with Lambda Functions", None),
            ("Tsubasa Nagasawa (CyberAgent)", None),
            ("Jensen Hussey / Cloudflare", None),
            (
                "Coding for customizations with Welly Siauw and Justin P.",
                Some("Coding for customizations [Welly Siauw, Justin P.]"),
            ),
            ("Save on Cost", None),
        ];
        for (input, want) in rows {
            assert_eq!(split(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn prefix_table() {
        let rows = [
            ("09:10 10x Serverless", "10x Serverless"),
            ("19:20-19:40 Title", "Title"),
            ("20:40- After", "After"),
            ("SRV325 - Building", "Building"),
            ("AWS-32 生成 AI", "生成 AI"),
            ("Talk 3 – From Heroku", "From Heroku"),
            ("LT3 Organizations の請求", "Organizations の請求"),
            ("EC2-Classic migration", "EC2-Classic migration"),
            ("#3 SERVERLESS", "SERVERLESS"),
            ("#Unlimited Frameworks", "Unlimited Frameworks"),
            ("【キーノート】未来の話", "未来の話"),
            ("[LT] Tips", "Tips"),
            ("1. First talk", "First talk"),
            ("Session 2: Data", "Data"),
            ("10x Serverless", "10x Serverless"),
            ("S3 deep dive", "S3 deep dive"),
            ("#1", "#1"),
        ];
        for (input, want) in rows {
            assert_eq!(&input[prefix_len(input)..], want, "{input:?}");
        }
    }
}
