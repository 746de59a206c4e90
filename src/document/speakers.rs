//! Speakers: recognising a speaker line ("by …", "Speaker: …", "登壇者：…"), splitting a list
//! of names, and judging whether a piece of text looks like a person's name.
//!
//! Everything here works on one line of rendered text (with its links, so that a name linked
//! to a Twitter/X profile gets its handle). It does not decide what is a talk; `talks` does,
//! using the strength reported here.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::names::{is_cjk, is_katakana};
use super::outline::{Inline, Link};
use crate::text::{find_str, fold, rfind_str};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    /// Without the `@`.
    pub handle: Option<String>,
    pub affiliation: Option<String>,
    /// Written with an honorific ("さん", "氏", "-san"): a person, whatever the name lists say.
    pub honorific: bool,
}

/// How sure we are that some text names people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Could be a name: a single word ("Andrew"), Japanese without a space or honorific.
    Weak,
    /// A handle, a Twitter/X link, "First Last", "姓 名", a name with さん/氏/様.
    Strong,
}

/// Labels that open a speaker line without a colon ("by Jane Doe").
/// ("— Jane Doe, Principal Engineer at Acme": a dash that credits someone.)
/// Japanese labels often stand without a colon ("発表者 中村 健さん").
const BARE_LABELS: &[&str] = &[
    "presented by",
    "by",
    "—",
    "―",
    "――",
    "登壇者",
    "発表者",
    "スピーカー",
    "講演者",
];

/// Labels that open a speaker line with a colon, matched case-insensitively: the words for
/// the people who speak, which also stand alone over the names ("#### 発表者"), then the
/// words for the talk ("発表：…"), which alone name the talks, not who gives them.
const PEOPLE_LABELS: &[&str] = &[
    "speaker(s)",
    "speakers",
    "speaker",
    "presenter(s)",
    "presenters",
    "presenter",
    "登壇者",
    "スピーカー",
    "発表者",
    "講演者",
    "講師",
];
const TALK_LABELS: &[&str] = &["登壇", "発表"];

/// A labelled speaker line: its speakers and the text range (in `line.text`) of the names.
pub fn speaker_line(line: &Inline) -> Option<(Vec<Speaker>, Range<usize>)> {
    let text = &line.text;
    let trimmed_start = text.len() - text.trim_start().len();
    let rest = &text[trimmed_start..];
    if let Some(label) = label_len(rest) {
        let names_at = label + trimmed_start;
        let names = &text[names_at..];
        // A label is evidence by itself, so weak names count; "by the way" still has none.
        // A dash credits only clear names ("— Welcome Everyone" is no one).
        let (speakers, strength) = parse_speakers(names, names_at, &line.links, Names::Line)?;
        if rest.starts_with(['—', '―']) && strength != Strength::Strong {
            return None;
        }
        return Some((speakers, names_at..text.len()));
    }
    // a sentence that opens with a label, at the end of a paragraph's line: "… at compile
    // time. Presented by Tomás Ferreira (Critical Techworks)." Only clear names count here.
    let at = rfind_str(text, ". Presented by ").or_else(|| rfind_str(text, ". Speaker: "))? + 2;
    let names_at = at + label_len(&text[at..])?;
    let names = text[names_at..].trim_end_matches(['.', ' ']);
    let (speakers, strength) = parse_speakers(names, names_at, &line.links, Names::Line)?;
    (strength == Strength::Strong).then(|| (speakers, names_at..names_at + names.len()))
}

/// A speaker label with nothing after it ("Speakers:", "#### 発表者"): the names follow
/// on the lines below.
pub fn is_bare_label(s: &str) -> bool {
    // a word for the people who speak, alone ("#### 発表者", "Speakers")
    let t = s.trim();
    PEOPLE_LABELS.iter().any(|w| t.eq_ignore_ascii_case(w))
        || label_len(s).is_some_and(|n| s[n..].trim().is_empty())
}

/// Length of the label (with its colon and spaces) that `s` starts with.
pub fn label_len(s: &str) -> Option<usize> {
    const SPACE: [char; 4] = [' ', '\u{3000}', '\u{a0}', '\t'];
    const GAP: [char; 6] = [' ', '\u{3000}', '\u{a0}', '\t', ':', '：'];
    // labels are ASCII or Japanese: compare without changing the text's length
    let after = |label: &str| {
        s.get(..label.len())
            .filter(|head| head.eq_ignore_ascii_case(label))
            .map(|_| &s[label.len()..])
    };
    for label in BARE_LABELS {
        if let Some(rest) = after(label)
            && rest.starts_with(GAP)
        {
            return Some(s.len() - rest.trim_start_matches(GAP).len());
        }
    }
    for label in PEOPLE_LABELS.iter().chain(TALK_LABELS) {
        if let Some(rest) = after(label) {
            let spaced = rest.trim_start_matches(SPACE);
            if let Some(names) = spaced.strip_prefix([':', '：']) {
                return Some(s.len() - names.trim_start_matches(GAP).len());
            }
        }
    }
    None
}

/// How a list of names is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// After a label ("by …"): what looks like nobody is skipped.
    Line,
    /// Inside a heading: every part must be a person or an affiliation, and what follows a
    /// comma is an affiliation ("Title - Jane Doe, Acme").
    Heading,
}

/// "2357gi / Kento Ohgi": a handle, a slash, and the full name it stands for. The handle is
/// lower-case or holds a digit, so that "Acme / Jane Doe" stays a company and a person.
fn handle_then_name(text: &str) -> Option<Speaker> {
    let (left, right) = text.trim().split_once(" / ")?;
    let handle = left.trim().trim_start_matches('@');
    let handle_like = is_handle(handle)
        && handle
            .chars()
            .any(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !handle.starts_with(|c: char| c.is_ascii_uppercase());
    if !handle_like || right.contains('/') {
        return None;
    }
    let (mut speaker, strength) = parse_one(right.trim())?;
    let full = speaker.name.split_whitespace().count() >= 2;
    (strength == Strength::Strong && full && speaker.handle.is_none()).then(|| {
        speaker.handle = Some(handle.to_string());
        speaker
    })
}

/// How likely a name after a comma in a heading must be to be one more person rather than
/// where the one before it works.
const CLEARLY_A_PERSON: f32 = 0.8;

/// Splits and normalises a list of speakers. `offset` is where `text` starts in the line whose
/// `links` are given. None when nothing in it looks like a person (or, in a heading, when a
/// part is neither a person nor an affiliation).
pub fn parse_speakers(
    text: &str,
    offset: usize,
    links: &[Link],
    mode: Names,
) -> Option<(Vec<Speaker>, Strength)> {
    let strict = mode == Names::Heading;
    if let Some(found) = handle_then_name(text) {
        return Some((vec![found], Strength::Strong));
    }
    // "A & B - Microsoft": what follows a spaced dash is everyone's affiliation
    let (names_text, shared_affiliation) = match dash_split(text) {
        Some((names, company)) => (names, Some(company.to_string())),
        None => (text, None),
    };
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut weakest = Strength::Strong;
    let parts = split_names(names_text);
    // "A, B and C", "A, B, C": three or more full names are a list of people, not a person
    // and their company (which pairs up: "A, Acme, B, Initech")
    let seps: Vec<char> = parts.iter().skip(1).map(|p| p.2).collect();
    let commas_then_and = seps.split_last().is_some_and(|(last, rest)| {
        rest.iter().all(|&c| c == ',') && (*last == '/' || parts.len() % 2 == 1)
    });
    let name_list = parts.len() >= 3
        && commas_then_and
        && parts.iter().all(|(part, _, _)| {
            !is_company(part)
                && parse_one(part).is_some_and(|(s, strength)| {
                    strength == Strength::Strong && s.name.contains(' ')
                })
        });
    for (part, range, sep) in parts {
        let link_handle = links
            .iter()
            .filter(|l| l.text.start < offset + range.end && l.text.end > offset + range.start)
            .find_map(|l| social_handle(&l.url));
        let parsed = parse_one(part);
        // "Jensen Hussey / Cloudflare", "Elena Morozova, Weaveworks @lelenanam",
        // "Name, Acme Inc.": a company, or a lone word after a full name, is an affiliation
        if let Some(prev) = speakers.last_mut() {
            let candidate = parsed
                .as_ref()
                .map_or_else(|| fold(part).trim().to_string(), |(s, _)| s.name.clone());
            let lone_word = !candidate.contains(' ')
                && prev.name.contains(' ')
                && is_latin(&candidate)
                && is_latin(&prev.name);
            // in a heading, ", Acme" and " / Acme" after a name are where the person works,
            // unless the name before already said so ("A (X), B (Y)")
            // ("Zihao Yu, Illya Chekrygin, Sr Staff Eng, HBO": a clear name is one more person)
            let clearly_person = parsed.as_ref().is_some_and(|(s, strength)| {
                *strength == Strength::Strong
                    && s.name.contains(' ')
                    && super::names::likelihood(&s.name) >= CLEARLY_A_PERSON
            });
            let heading_affiliation = mode == Names::Heading
                && !name_list
                && !clearly_person
                && matches!(sep, ',' | '/')
                && prev.affiliation.is_none()
                && (sep == ',' || parsed.is_none());
            // "Tech Lead & Product Manager @ BetClic": a job is no person
            let affiliation = is_company(&candidate)
                || super::words::LISTS.role(&candidate)
                || (matches!(sep, ',' | '/') && lone_word)
                || heading_affiliation;
            if affiliation && !candidate.is_empty() {
                prev.affiliation = Some(match prev.affiliation.take() {
                    Some(a) => format!("{a}, {candidate}"),
                    None => candidate,
                });
                if prev.handle.is_none() {
                    prev.handle = parsed.and_then(|(s, _)| s.handle).or(link_handle);
                }
                continue;
            }
        }
        let Some((mut speaker, strength)) = parsed else {
            if strict || speakers.is_empty() {
                return None;
            }
            continue;
        };
        if speaker.handle.is_none() {
            speaker.handle = link_handle.clone();
        }
        let strength = if speaker.handle.is_some() {
            Strength::Strong
        } else {
            strength
        };
        weakest = weakest.min(strength);
        speakers.push(speaker);
    }
    if let Some(a) = shared_affiliation {
        for s in &mut speakers {
            if s.affiliation.is_none() {
                s.affiliation = Some(a.clone());
            }
        }
    }
    (!speakers.is_empty()).then_some((speakers, weakest))
}

/// "Naoki Sato & Tsuyoshi Ushio - Microsoft" → names, company (a spaced dash, outside brackets).
fn dash_split(text: &str) -> Option<(&str, &str)> {
    for dash in [" - ", " – ", " — ", " | "] {
        if let Some(i) = find_str(text, dash) {
            let before = &text[..i];
            // not inside brackets
            if before.matches(['(', '（']).count() != before.matches([')', '）']).count() {
                continue;
            }
            let company = text[i + dash.len()..].trim();
            if !company.is_empty() && !before.trim().is_empty() {
                return Some((before, company));
            }
        }
    }
    None
}

/// Parts of a name list with their ranges and the separator that preceded each. Separators
/// inside parentheses do not split ("Name (Company, Inc)").
pub fn split_names(text: &str) -> Vec<(&str, Range<usize>, char)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut sep = ' ';
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        let mut cut = None;
        match c {
            '(' | '（' | '[' | '［' | '「' => depth += 1,
            ')' | '）' | ']' | '］' | '」' => depth = depth.saturating_sub(1),
            '/' | '／' | '、' | ',' | '，' | '&' | '＆' | ';' | '；' | '·' if depth == 0 => {
                cut = Some((
                    c.len_utf8(),
                    if matches!(c, ',' | '，') { ',' } else { '/' },
                ));
            }
            ' ' if depth == 0 => {
                let lower = rest.get(..5).map(str::to_ascii_lowercase);
                if lower.as_deref() == Some(" and ") {
                    cut = Some((5, '/'));
                }
            }
            _ => {}
        }
        if let Some((len, s)) = cut {
            out.push((&text[start..i], start..i, sep));
            sep = s;
            i += len;
            start = i;
        } else {
            i += c.len_utf8();
        }
    }
    out.push((&text[start..], start..text.len(), sep));
    out.retain(|(s, _, _)| !s.trim().is_empty());
    out
}

/// A company's letters or katakana run straight into a name in kanji.
static GLUED_COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<org>[A-Z][A-Za-z]{1,11}|[\p{Katakana}ー]{3,12})(?P<name>\p{Han}{1,4})$")
        .expect("valid regex")
});

/// One name with its handle, affiliation and honorific sorted out.
fn parse_one(part: &str) -> Option<(Speaker, Strength)> {
    let mut s = fold(part);
    let mut handle = None;
    let mut affiliation = None;
    let mut honorific = false;
    // "Jane Doe from Acme", "林 裕一郎(rinrin) from Photocreate": where a known name works
    if let Some(i) = find_str(&s, " from ") {
        let who = s[..i].trim();
        let bare = who.split(['(', '（']).next().unwrap_or(who).trim();
        let org = s[i + " from ".len()..].trim();
        if !org.is_empty()
            && org.split_whitespace().count() <= 4
            && (who.ends_with(')') || super::names::likelihood(bare) >= 0.6)
        {
            affiliation = Some(org.to_string());
            s = who.to_string();
        }
    }
    // "アノテーション株式会社 あのふじた", "Datadog Japan 合同会社 逆井 啓佑": a company named
    // first, the person after it
    if affiliation.is_none()
        && let Some((org, who)) = company_first(&s).or_else(|| katakana_company_first(&s))
    {
        affiliation = Some(org.to_string());
        s = who.to_string();
    }
    // "NeGI（@negi）さん": the honorific after the brackets
    let (bare, honoured) = super::words::LISTS.strip_honorific(&s);
    if honoured && bare.ends_with(')') {
        s = bare.to_string();
        honorific = true;
    }
    // trailing "(…)": a handle or an affiliation
    loop {
        let trimmed = s.trim_end();
        let Some(inner_end) = trimmed.strip_suffix(')') else {
            break;
        };
        let Some(open) = inner_end.rfind('(') else {
            break;
        };
        let inner = inner_end[open + 1..].trim();
        let before = inner_end[..open].trim();
        if let Some(h) = inner.strip_prefix('@').filter(|h| is_handle(h)) {
            handle = Some(h.to_string());
        } else if is_handle(inner)
            && !inner.starts_with(|c: char| c.is_ascii_uppercase())
            && !before.is_empty()
            && !before.is_ascii()
        {
            // "林 裕一郎(rinrin)": a Latin handle after a name in another script; a
            // capitalised word there is where they work ("山口 能迪(Google)")
            handle = Some(inner.to_string());
        } else if is_handle(before) && !inner.is_ascii() && super::names::likelihood(inner) >= 0.6 {
            // "tanai（棚井龍之介）": a nickname, then the name it stands for
            handle = Some(before.to_string());
            s = inner.to_string();
            break;
        } else if !inner.is_empty() {
            affiliation = Some(inner.to_string());
        }
        s = inner_end[..open].to_string();
    }
    // "Name - Company"
    for dash in [" - ", " – ", " — ", " | "] {
        if let Some(i) = find_str(&s, dash) {
            let company = s[i + dash.len()..].trim().to_string();
            if !company.is_empty() && affiliation.is_none() {
                affiliation = Some(company);
            }
            s.truncate(i);
        }
    }
    // "@handle" anywhere
    let mut words = Vec::new();
    for w in s.split_whitespace() {
        if let Some(h) = w.strip_prefix('@') {
            // "＠山田 太郎": an at sign before a name that is no handle marks the name
            if h.starts_with(|c: char| !c.is_ascii()) {
                words.push(h);
                continue;
            }
            let h = h.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            // "@tanaka-san": the handle, then an honorific
            let h = h
                .strip_suffix("-san")
                .or_else(|| h.strip_suffix("-sama"))
                .unwrap_or(h);
            if is_handle(h) {
                handle.get_or_insert_with(|| h.to_string());
                continue;
            }
            if h.is_empty() {
                continue;
            }
        }
        words.push(w);
    }
    // a title before the name is no part of it; nor a dangling "by" ("Name by @")
    while let Some(first) = words.first()
        && ["Dr.", "Dr", "Mr.", "Ms.", "Mrs.", "Prof.", "Prof"].contains(first)
        && words.len() > 1
    {
        words.remove(0);
    }
    while words.last().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        words.pop();
    }
    let mut name = words.join(" ");
    // "Amplify Japan User Group の村上", "JAWS-UG 福岡支部の木村さん": a person of an
    // organisation is the part after the last の
    if let Some(i) = name.rfind('の') {
        let tail = name[i + 'の'.len_utf8()..].trim();
        let (bare, honoured) = super::words::LISTS.strip_honorific(tail);
        if (1..=10).contains(&tail.chars().count())
            && i > 0
            && (honoured || super::names::likelihood(bare) >= 0.6)
        {
            name = tail.to_string();
        }
    }
    // "@handle さん": the honorific alone is no name, the handle is
    let (stripped, had) = super::words::LISTS.strip_honorific(&name);
    if had && (!stripped.trim().is_empty() || handle.is_some()) {
        name = stripped.trim_end().to_string();
        honorific = true;
    }
    let mut name = name.trim().to_string();
    // "DMM井上さん", "ドリームガレージ相羽さん": a company glued to the surname before an
    // honorific
    if honorific
        && affiliation.is_none()
        && let Some(c) = GLUED_COMPANY.captures(&name)
    {
        affiliation = Some(c["org"].to_string());
        name = c["name"].to_string();
    }
    // "AWS　沼口繁", "AWS HERO 松下 享平": where they work in Latin letters, then a name in
    // kanji or kana
    if let Some((org, who)) = latin_then_japanese(&name) {
        affiliation.get_or_insert_with(|| org.to_string());
        name = who.to_string();
    }
    if name.is_empty() {
        let h = handle.clone()?;
        return Some((
            Speaker {
                name: h,
                handle,
                affiliation,
                honorific,
            },
            Strength::Strong,
        ));
    }
    let strength = name_strength(&name).map(|s| if honorific { Strength::Strong } else { s });
    let strength = match (strength, &handle) {
        (Some(s), _) => s,
        // a title after a handle is no part of a name ("@a さん「Title」")
        (None, Some(h)) if name.contains(['「', '」', '『', '』', '"', '“']) => {
            return Some((
                Speaker {
                    name: h.clone(),
                    handle,
                    affiliation,
                    honorific,
                },
                Strength::Strong,
            ));
        }
        // "@kaga さんが様子を公開しています": a sentence about someone, no line of names
        (None, Some(_))
            if super::words::LISTS
                .honorifics
                .iter()
                .any(|h| name.starts_with(h.as_str())) =>
        {
            return None;
        }
        // an odd name with a handle is still a person ("@x ぽっぴー")
        (None, Some(_)) if name.chars().count() <= 30 => Strength::Strong,
        // a surname alone, with an honorific: "原さん"; a nickname: "kunitさん", "うづらさん"
        (None, None) if honorific && is_nickname(&name) => Strength::Strong,
        (None, _) => return None,
    };
    Some((
        Speaker {
            name,
            handle,
            affiliation,
            honorific,
        },
        strength,
    ))
}

/// Splits "AWS HERO　松下 享平" into the Latin words before and a Japanese name after, when
/// the name lists know the Japanese part as a name and the Latin part as none.
fn latin_then_japanese(name: &str) -> Option<(&str, &str)> {
    let at = name.find(|c: char| !c.is_ascii())?;
    let (org, who) = (name[..at].trim(), name[at..].trim());
    let japanese = who.chars().all(|c| is_cjk(c) || c.is_whitespace());
    (!org.is_empty()
        && org.starts_with(|c: char| c.is_ascii_alphabetic())
        && japanese
        && super::names::likelihood(who) >= 0.6
        && super::names::likelihood(org) < 0.3)
        .then_some((org, who))
}

/// A short name people go by, with an honorific after it ("kunit", "うづら", "原", "Aki").
fn is_nickname(name: &str) -> bool {
    let n = name.chars().count();
    if name.chars().all(is_cjk) {
        return (1..=8).contains(&n);
    }
    (2..=24).contains(&n)
        && name.split_whitespace().count() <= 2
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
}

/// Whether text looks like a person's name, and how strongly.
pub fn name_strength(name: &str) -> Option<Strength> {
    let name = name.trim();
    // the name lists: a known given name and surname is a person however it is written
    let p = super::names::likelihood(name);
    if p >= 0.85 {
        return Some(Strength::Strong);
    }
    let chars = name.chars().count();
    if chars == 0 || chars > 40 {
        return None;
    }
    if name.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '。' | '!'
                    | '?'
                    | '！'
                    | '？'
                    | ':'
                    | '：'
                    | '「'
                    | '」'
                    | '#'
                    | '/'
                    | '='
                    | '+'
                    | '*'
            )
    }) {
        return None;
    }
    if is_latin(name) {
        // capitalised words the name lists and the dictionary of English do not take for
        // a person ("Lambda Functions", "General Warning") are a weak reading at most
        return latin_name(name).map(|s| if p < 0.3 { Strength::Weak } else { s });
    }
    if name.chars().all(|c| is_cjk(c) || c == ' ') {
        let parts: Vec<&str> = name.split(' ').filter(|p| !p.is_empty()).collect();
        let len: usize = parts.iter().map(|p| p.chars().count()).sum();
        return match parts.len() {
            // "自分の話", "一言メモ" are no names: a name does not hold の
            1 if name.contains('の') => None,
            1 if (2..=8).contains(&len) => Some(Strength::Weak),
            2 if parts.iter().all(|p| (1..=5).contains(&p.chars().count())) => {
                Some(Strength::Strong)
            }
            _ => None,
        };
    }
    None
}

fn latin_name(name: &str) -> Option<Strength> {
    const PARTICLES: &[&str] = &[
        "de", "van", "von", "der", "den", "da", "di", "la", "le", "du",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let mut capitalised = 0;
    for w in &words {
        if PARTICLES.contains(w) {
            continue;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() || NOT_NAMES.contains(&w.trim_end_matches('.')) {
            return None;
        }
        let all_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if all_caps && w.chars().count() < 4 && !w.ends_with('.') {
            // "SVP", "AWS", "CEO": a title or an acronym, not a name
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        {
            return None;
        }
        capitalised += 1;
    }
    // names are one to three words (particles aside); four capitalised words are a title
    match capitalised {
        0 | 4.. => None,
        1 => Some(Strength::Weak),
        _ => Some(Strength::Strong),
    }
}

/// Capitalised words that head titles and sections, never names.
const NOT_NAMES: &[&str] = &[
    "A",
    "An",
    "The",
    "And",
    "Of",
    "For",
    "With",
    "In",
    "On",
    "To",
    "At",
    "By",
    "From",
    "Your",
    "My",
    "Our",
    "How",
    "Why",
    "What",
    "When",
    "Who",
    "Is",
    "Are",
    "AWS",
    "Amazon",
    "Google",
    "Microsoft",
    "Azure",
    "Cloud",
    "Web",
    "Services",
    "Service",
    "Team",
    "Keynote",
    "Session",
    "Sessions",
    "Day",
    "Track",
    "Lightning",
    "Talk",
    "Talks",
    "Panel",
    "Opening",
    "Closing",
    "Keynotes",
    "Break",
    "Lunch",
    "Workshop",
    "Introduction",
    "Intro",
    "Summary",
    "Overview",
    "Demo",
    "Q&A",
    "Serverless",
    "Kubernetes",
    "Data",
    "Security",
    "Building",
    "Best",
    "Practices",
    "New",
    "Part",
    "Inc",
    "LLC",
    "Ltd",
    "Corp",
    "Corporation",
    "Company",
    "Co",
    "Wrap-up",
    "Recap",
    "Notes",
    "Takeaways",
    "Agenda",
    "Announcement",
    "Announcements",
    "You",
    "We",
    "I",
    "It",
    "They",
    "This",
    "That",
    "These",
    "Those",
    "Can",
    "Can't",
    "Don't",
    "Do",
    "Does",
    "Not",
    "No",
    "Yes",
    "All",
    "Some",
    "Any",
    "But",
    "Or",
    "If",
    "Global",
    "Technology",
    "Technologies",
    "Systems",
    "Labs",
    "Solutions",
    "Group",
    "Holdings",
    "Partners",
    "Software",
    "Networks",
    "Digital",
    "Key",
    "Next",
    "Steps",
    "Final",
    "Thoughts",
    "Lessons",
    "Learned",
    "Points",
    "Results",
    "Conclusion",
    "Conclusions",
    "Background",
    "Problem",
    "Problems",
    "Solution",
    "Architecture",
    "Design",
    "Setup",
    "Getting",
    "Started",
    "Questions",
    "Answers",
    "Benefits",
    "Challenges",
    "Goals",
    "Motivation",
    "Approach",
    "Implementation",
    "Details",
    "Features",
    "Use",
    "Cases",
    "Case",
    "Study",
    "Performance",
    "Cost",
    "Costs",
    "Monitoring",
    "Deployment",
    "Testing",
    "Future",
    "Work",
    "Related",
    "References",
    "Resources",
    "Links",
    "Slides",
    "Video",
    "Recording",
    "Highlights",
    "Impressions",
    "Live",
    "Coding",
    "Hands-on",
];

/// The forms of a Japanese company, written before or after its name.
const JAPANESE_COMPANY: [&str; 3] = ["株式会社", "合同会社", "有限会社"];

fn is_company(name: &str) -> bool {
    const LATIN: &[&str] = &["Inc", "LLC", "Ltd", "Corp", "GmbH", "Co.", "K.K."];
    JAPANESE_COMPANY
        .iter()
        .chain(LATIN)
        .any(|m| find_str(name, m).is_some())
}

/// A Japanese company named before a person: the words up to the one holding 株式会社,
/// 合同会社 or 有限会社, and who follows them. A company in brackets after the name
/// ("池田 雄太郎 (株式会社 X)") is the person's affiliation, read with the brackets.
fn company_first(s: &str) -> Option<(&str, &str)> {
    // every form of a company ends in 会社: without it no word holds one
    find_str(s, "会社")?;
    let open = s.find(['(', '（']).unwrap_or(s.len());
    let mut end = None;
    let mut at = 0;
    for word in s[..open].split_whitespace() {
        let start = at + s[at..].find(word)?;
        at = start + word.len();
        if JAPANESE_COMPANY.iter().any(|m| word.contains(m)) {
            end = Some(at);
        }
    }
    let end = end?;
    let (org, who) = (s[..end].trim(), s[end..].trim());
    (!who.is_empty() && who.chars().count() <= 24).then_some((org, who))
}

/// A company's name in katakana, then the person in kanji or kana ("クラスメソッド 佐藤",
/// "カホエンタープライズ 大隈 さん"): a katakana word of four or more before a space is no
/// part of a Japanese name, whose family name is written in kanji.
fn katakana_company_first(s: &str) -> Option<(&str, &str)> {
    let (org, who) = s.trim().split_once([' ', '\u{3000}'])?;
    let who = who.trim();
    let kanji_first = who
        .chars()
        .next()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '々');
    let company = org.chars().count() >= 4 && org.chars().all(is_katakana);
    let person = kanji_first
        && who.chars().count() <= 12
        && who.chars().all(|c| is_cjk(c) || c.is_whitespace());
    (company && person).then_some((org, who))
}

fn is_latin(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii() || (c.is_alphabetic() && (c as u32) < 0x0250) || c == '’')
}

fn is_handle(h: &str) -> bool {
    // GitHub and connpass handles take inner dashes ("sato-qa"); Twitter's take none
    !h.is_empty()
        && h.len() <= 39
        && !h.starts_with('-')
        && !h.ends_with('-')
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `https://twitter.com/name` or `https://x.com/name` → `name`.
pub fn social_handle(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest
        .strip_prefix("mobile.")
        .unwrap_or(rest)
        .strip_prefix("twitter.com/")
        .or_else(|| rest.strip_prefix("x.com/"))?;
    // a profile, not a tweet of theirs ("twitter.com/jdoe/status/…" is a post or a photo)
    let mut path = rest
        .split(['?', '#'])
        .next()?
        .split('/')
        .filter(|p| !p.is_empty());
    let handle = path.next()?.trim_start_matches('@');
    if path.next().is_some() {
        return None;
    }
    const RESERVED: &[&str] = &["hashtag", "search", "intent", "share", "i", "home"];
    (is_handle(handle) && !RESERVED.contains(&handle)).then(|| handle.to_string())
}

/// Compiles this module's expressions (`super::warm_up`).
pub(crate) fn warm_up() {
    LazyLock::force(&GLUED_COMPANY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_label_is_a_word_for_speakers_with_nothing_after_it() {
        for (text, bare) in [
            ("発表者", true),
            ("Speakers", true),
            ("Speakers:", true),
            ("登壇者：", true),
            ("by", false),
            ("発表", false),
            ("Speakers of the day", false),
            ("Speaker: Jane Doe", false),
        ] {
            assert_eq!(is_bare_label(text), bare, "{text:?}");
        }
    }

    fn line(text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            pieces: vec![(0..text.len(), 0..text.len())],
            links: vec![],
            ..Default::default()
        }
    }

    fn show(speakers: &[Speaker]) -> String {
        speakers
            .iter()
            .map(|s| {
                let mut out = s.name.clone();
                if let Some(h) = &s.handle {
                    out += &format!(" @{h}");
                }
                if let Some(a) = &s.affiliation {
                    out += &format!(" ({a})");
                }
                out
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn speaker_line_table() {
        let rows = [
            ("by @keisuke69　西谷圭介 ", "西谷圭介 @keisuke69"),
            (
                "by @calvinfo Calvin French-Owen",
                "Calvin French-Owen @calvinfo",
            ),
            ("by 荒木 靖宏", "荒木 靖宏"),
            (
                "by 浅野佑貴 / 藤原吉規 / 福井厚",
                "浅野佑貴 | 藤原吉規 | 福井厚",
            ),
            ("Speaker: Jane Doe (Acme Corp)", "Jane Doe (Acme Corp)"),
            (
                "Speakers: Ann Lee, Bob Stone & Cy Twombly",
                "Ann Lee | Bob Stone | Cy Twombly",
            ),
            ("登壇者：山田 太郎さん", "山田 太郎"),
            ("登壇者: NeGI（@negi_dev）さん", "NeGI @negi_dev"),
            (
                "Speakers: Ingrid Solberg, Mateo Alvarez, Ruth Adeyemi",
                "Ingrid Solberg | Mateo Alvarez | Ruth Adeyemi",
            ),
            ("発表者: @hiro_dev さん", "hiro_dev @hiro_dev"),
            (
                "— Sara Lind, Principal Engineer at Nordkraft",
                "Sara Lind (Principal Engineer at Nordkraft)",
            ),
            (
                "A live demo. Presented by Tomás Ferreira (Critical Techworks).",
                "Tomás Ferreira (Critical Techworks)",
            ),
            (
                "発表者 中村 健さん（フリーランス）",
                "中村 健 (フリーランス)",
            ),
            ("発表者：＠taro　山田太郎", "山田太郎 @taro"),
            ("登壇者：＠山田 太郎", "山田 太郎"),
            ("登壇者: DMM井上さん", "井上 (DMM)"),
            (
                "登壇者: ドリームガレージ相羽さん",
                "相羽 (ドリームガレージ)",
            ),
            (
                "Speaker: 林 裕一郎(rinrin) from Photocreate",
                "林 裕一郎 @rinrin (Photocreate)",
            ),
            ("Speaker: Jane Doe from Acme", "Jane Doe (Acme)"),
            ("登壇者: 山口 能迪(Google)", "山口 能迪 (Google)"),
            ("発表者: AWS　沼口繁", "沼口繁 (AWS)"),
            (
                "登壇者: ウィジェット株式会社 高橋 美咲",
                "高橋 美咲 (ウィジェット株式会社)",
            ),
            (
                "登壇者: Widgets Japan 合同会社 佐藤 健一（@ksato）",
                "佐藤 健一 @ksato (Widgets Japan 合同会社)",
            ),
            ("登壇者: kenta（佐藤健一）", "佐藤健一 @kenta"),
            ("発表者: ACME HERO 松下 享平 (Max)", "松下 享平 (Max)"),
            ("登壇者: AWS Startup Community の角さん", "角"),
            ("登壇者: 佐藤一郎氏、鈴木花子様", "佐藤一郎 | 鈴木花子"),
            ("スピーカー: 田中 (@tanaka_t)", "田中 @tanaka_t"),
            ("by Nishitani - AWS", "Nishitani (AWS)"),
            ("By Jeff Barr and Randall Hunt", "Jeff Barr | Randall Hunt"),
            (
                "Speaker: Elena Morozova, Weaveworks @lelenanam",
                "Elena Morozova @lelenanam (Weaveworks)",
            ),
            (
                "登壇者: 池田 雄太郎（株式会社 KaizenPlatform）",
                "池田 雄太郎 (株式会社 KaizenPlatform)",
            ),
            ("by @sakajunquality", "sakajunquality @sakajunquality"),
            ("Speaker: İlker Doe", "İlker Doe"),
            ("by\u{a0}Jane Doe", "Jane Doe"),
            ("SPEAKERS : Ann Lee", "Ann Lee"),
            (
                "登壇者: ウィジェットワークス 大隈 さん",
                "大隈 (ウィジェットワークス)",
            ),
            (
                "登壇者: クラスメソッド 佐藤 健一",
                "佐藤 健一 (クラスメソッド)",
            ),
        ];
        for (input, want) in rows {
            let got = speaker_line(&line(input)).map(|(s, _)| show(&s));
            assert_eq!(got.as_deref(), Some(want), "{input:?}");
        }
    }

    #[test]
    fn not_speaker_lines() {
        for input in [
            "by the way, ECS is great",
            "By using Fargate we save money.",
            "Speaker notes are below",
            "登壇者のトークっセッション",
            "bypass the cache",
            "by 2018年",
            "Speaker: Lessons from production",
            "",
        ] {
            assert_eq!(speaker_line(&line(input)), None, "{input:?}");
        }
    }

    #[test]
    fn linked_names_get_twitter_handles() {
        let text = "by Simon Wardley";
        let inline = Inline {
            text: text.to_string(),
            pieces: vec![(0..text.len(), 0..text.len())],
            links: vec![Link {
                text: 3..16,
                url: "https://twitter.com/swardley".into(),
            }],
            ..Default::default()
        };
        let (speakers, _) = speaker_line(&inline).expect("a speaker line");
        assert_eq!(show(&speakers), "Simon Wardley @swardley");
    }

    #[test]
    fn name_strength_table() {
        use Strength::*;
        let rows = [
            ("Jeff Barr", Some(Strong)),
            ("Andrew", Some(Weak)),
            ("亀田 治伸", Some(Strong)),
            // a known surname and given name written together
            ("西谷圭介", Some(Strong)),
            // an unknown word in kanji could be anything
            ("雑感メモ", Some(Weak)),
            ("MASASHI TERUI", Some(Strong)),
            ("SVP AWS", None),
            ("Save on Cost", None),
            ("仮", None),
            ("Part 1", None),
            ("v19.09", None),
            ("The Future of Humans", None),
            ("Ludwig van Beethoven", Some(Strong)),
        ];
        for (input, want) in rows {
            assert_eq!(name_strength(input), want, "{input:?}");
        }
    }

    #[test]
    fn social_handle_table() {
        let rows = [
            ("https://twitter.com/swardley", Some("swardley")),
            ("https://x.com/jen20?lang=en", Some("jen20")),
            ("https://twitter.com/hashtag/Hashiconf", None),
            ("https://twitter.com/jdoe/", Some("jdoe")),
            (
                "https://twitter.com/jdoe/status/1106746775526793216/photo/1",
                None,
            ),
            ("https://www.hashiconf.com/talks/liz-rice.html", None),
        ];
        for (url, want) in rows {
            assert_eq!(social_handle(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn a_handle_then_a_full_name_is_one_person() {
        let (found, strength) =
            parse_speakers("2357gi / Kento Ohgi", 0, &[], Names::Line).expect("a person");
        assert_eq!(strength, Strength::Strong);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name, "Kento Ohgi");
        assert_eq!(found[0].handle.as_deref(), Some("2357gi"));
        // a company and a person, or two people, are no handle and a name
        for text in ["Acme / Jane Doe", "Jane Doe / John Roe"] {
            let (found, _) = parse_speakers(text, 0, &[], Names::Line).expect("people");
            assert!(
                found.iter().all(|s| s.handle.is_none()),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_sentence_about_someone_is_no_line_of_names() {
        let line = "@kaga さんが開催の楽しい様子を no+e に公開しています";
        assert!(parse_speakers(line, 0, &[], Names::Heading).is_none());
        // the handle with its honorific before a title still names them
        let (found, _) =
            parse_speakers("@kaga さん「Title」", 0, &[], Names::Line).expect("a person");
        assert_eq!(found[0].handle.as_deref(), Some("kaga"));
    }
}
