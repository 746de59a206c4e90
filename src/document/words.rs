//! Word lists that are evidence about structure (`dictionaries/structure/words.toml`, compiled
//! in): kinds of talk, sections that are no talk, documentation words, roles, words that say a
//! document is about an event, where slides live, and what is never a name.
//!
//! Only lookups live here; what the evidence weighs is the talk model's business.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

const SOURCE: &str = include_str!("../../dictionaries/structure/words.toml");

#[derive(Debug, Deserialize)]
struct File {
    talk: Anywhere,
    slot: Anywhere,
    category: Whole,
    non_talk: NonTalk,
    doc: Opens,
    role: Words,
    event: Anywhere,
    slides: Hosts,
    articles: Hosts,
    people: People,
    prose: Prose,
}

#[derive(Debug, Deserialize)]
struct Anywhere {
    anywhere: Vec<String>,
    #[serde(default)]
    word: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Whole {
    whole: Vec<String>,
    plural: Vec<String>,
    modifiers: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Opens {
    opens: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct NonTalk {
    opens: Vec<String>,
    /// Sections whose entries are no talks either.
    references: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Words {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Hosts {
    hosts: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct People {
    honorifics: Vec<String>,
    not_names: Vec<String>,
    organisation: Vec<String>,
    annotations: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Prose {
    self_talk: Vec<String>,
    talk_phrases: Vec<String>,
}

/// The lists, lower-cased.
#[derive(Debug)]
pub struct Lists {
    talk: WordSet,
    talk_word: AsWritten,
    slot: WordSet,
    slot_word: AsWritten,
    category: HashSet<String>,
    category_plural: Vec<String>,
    /// The same, to see at once whether a heading holds any of them.
    category_plural_set: WordSet,
    category_modifiers: Vec<String>,
    non_talk: Openings,
    references: Openings,
    doc: Openings,
    role: HashSet<String>,
    /// The roles not written in Latin letters, found anywhere in a text ("代表取締役").
    role_other: AhoCorasick,
    event: WordSet,
    /// Hosts of slides and recordings, matched ignoring ASCII case.
    slides: AhoCorasick,
    /// Where blog posts and articles live, matched ignoring ASCII case.
    articles: AhoCorasick,
    pub honorifics: Vec<String>,
    not_names: HashSet<String>,
    organisation: WordSet,
    annotations: HashSet<String>,
    talk_phrases: WordSet,
    self_talk: WordSet,
}

fn lower(v: Vec<String>) -> Vec<String> {
    v.into_iter().map(|s| s.to_lowercase()).collect()
}

fn set(v: Vec<String>) -> HashSet<String> {
    lower(v).into_iter().collect()
}

pub static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // the file is compiled in and checked by a test: it parses
    let f: File = toml::from_str(SOURCE).unwrap_or_else(|e| panic!("words.toml: {e}"));
    let mut honorifics = f.people.honorifics;
    // longest first, so "さま" is cut before "さ…" could be
    honorifics.sort_by_key(|h| std::cmp::Reverse(h.len()));
    Lists {
        talk: WordSet::new(f.talk.anywhere),
        talk_word: AsWritten::new(f.talk.word),
        slot: WordSet::new(f.slot.anywhere),
        slot_word: AsWritten::new(f.slot.word),
        category: set(f.category.whole),
        category_plural_set: WordSet::new(f.category.plural.clone()),
        category_plural: lower(f.category.plural),
        category_modifiers: lower(f.category.modifiers),
        non_talk: Openings::new(lower(f.non_talk.opens)),
        references: Openings::new(lower(f.non_talk.references)),
        doc: Openings::new(lower(f.doc.opens)),
        role_other: automaton(f.role.words.iter().filter(|r| !r.is_ascii())),
        role: set(f.role.words),
        event: WordSet::new(f.event.anywhere),
        slides: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&f.slides.hosts)
            .expect("slide hosts make an automaton"),
        articles: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&f.articles.hosts)
            .expect("article hosts make an automaton"),
        honorifics,
        not_names: set(f.people.not_names),
        organisation: WordSet::new(f.people.organisation),
        annotations: set(f.people.annotations),
        talk_phrases: WordSet::new(f.prose.talk_phrases),
        self_talk: WordSet::new(f.prose.self_talk),
    }
});

/// Words of Latin letters and digits.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() && c.is_ascii()))
        .filter(|w| !w.is_empty())
}

/// Whether `hay[at]` is a whole word: not glued to other Latin letters or digits at an end
/// that is itself a Latin letter or digit (Japanese around it is fine).
fn is_word_at(hay: &str, at: std::ops::Range<usize>) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let needle = &hay[at.clone()];
    let before = hay[..at.start].chars().next_back();
    let after = hay[at.end..].chars().next();
    (!glued(needle.chars().next()) || !glued(before))
        && (!glued(needle.chars().next_back()) || !glued(after))
}

/// Where `needle` occurs in `hay` as a word (see `is_word_at`).
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| is_word_at(hay, i..i + needle.len()))
}

/// An automaton over lower-cased phrases, built once.
fn automaton<'a>(words: impl Iterator<Item = &'a String>) -> AhoCorasick {
    AhoCorasick::new(words.map(|w| w.to_lowercase())).expect("word lists make an automaton")
}

/// A list of words or phrases found as whole words in lower-cased text, with one automaton
/// for the whole list.
#[derive(Debug)]
struct WordSet {
    ac: AhoCorasick,
}

impl WordSet {
    fn new(words: Vec<String>) -> WordSet {
        WordSet {
            ac: automaton(words.iter()),
        }
    }

    /// The list's words in `l` (lower-cased) as whole words, by index, with repeats.
    fn hits<'a>(&'a self, l: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.ac
            .find_overlapping_iter(l)
            .filter(move |m| is_word_at(l, m.range()))
            .map(|m| m.pattern().as_usize())
    }

    fn any(&self, l: &str) -> bool {
        self.hits(l).next().is_some()
    }

    /// How many different words of the list are in `l`.
    fn count(&self, l: &str) -> usize {
        let mut seen: Vec<usize> = self.hits(l).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// Words looked up as written ("LT", "LTs"): a word whose first byte no word of the list
/// has is not hashed.
#[derive(Debug)]
struct AsWritten {
    words: HashSet<String>,
    first: [bool; 256],
}

impl AsWritten {
    fn new(words: Vec<String>) -> AsWritten {
        let mut first = [false; 256];
        for w in &words {
            if let Some(&b) = w.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        AsWritten {
            words: words.into_iter().collect(),
            first,
        }
    }

    fn contains(&self, w: &str) -> bool {
        w.as_bytes()
            .first()
            .is_some_and(|&b| self.first[usize::from(b)])
            && self.words.contains(w)
    }
}

/// Lower-cased words a phrase may open with (`opens_with`), by their first byte: a phrase
/// is only compared with the words that open as it does.
#[derive(Debug)]
struct Openings {
    by_first: Vec<Vec<String>>,
}

impl Openings {
    fn new(words: Vec<String>) -> Openings {
        let mut by_first = vec![Vec::new(); 256];
        for w in words {
            // an empty word opens every phrase: kept under every byte, in list order
            match w.as_bytes().first() {
                Some(&b) => by_first[usize::from(b)].push(w),
                None => by_first.iter_mut().for_each(|l| l.push(String::new())),
            }
        }
        Openings { by_first }
    }

    /// Whether one of the Japanese words ends `t` (see `heads_phrase`): they are the ones
    /// whose first byte is not ASCII.
    fn heads(&self, t: &str) -> bool {
        self.by_first[0x80..]
            .iter()
            .flatten()
            .any(|w| heads_phrase(t, w))
    }

    /// Whether `t` opens with one of the words (see `opens_with`).
    fn open(&self, t: &str) -> bool {
        let Some(&b) = t.as_bytes().first() else {
            // only an empty word opens an empty phrase
            return self.by_first[0].iter().any(|w| w.is_empty());
        };
        self.by_first[usize::from(b)]
            .iter()
            .any(|w| opens_with(t, w))
    }
}

/// A text with its lower-cased copy, made once for the lists that look it up
/// (`Lists::talk_word_of`, `Lists::slot_of`).
#[derive(Debug)]
pub struct Lowered<'a> {
    text: &'a str,
    lower: String,
}

impl<'a> Lowered<'a> {
    pub fn new(text: &'a str) -> Lowered<'a> {
        Lowered {
            text,
            lower: text.to_lowercase(),
        }
    }
}

/// A heading with its bare form (`bare`: no numbering or punctuation around it,
/// lower-cased), made once for the lists that look it up (`Lists::non_talk_of`,
/// `Lists::category_of`, `Lists::doc_word_of`).
#[derive(Debug)]
pub struct Bared<'a> {
    text: &'a str,
    bare: String,
}

impl<'a> Bared<'a> {
    pub fn new(text: &'a str) -> Bared<'a> {
        Bared {
            text,
            bare: bare(text),
        }
    }
}

/// Every place a text names a host of slides (`Lists::slide_hosts`).
#[derive(Debug, Default)]
pub struct SlideHosts {
    /// Where host names start, in order: the ones that end first from some place on.
    starts: Vec<usize>,
    /// For each of them, the earliest end of a name starting there or later.
    first_end: Vec<usize>,
}

impl SlideHosts {
    /// Whether the text's bytes in `range` name a host whole.
    pub fn within(&self, range: std::ops::Range<usize>) -> bool {
        let i = self.starts.partition_point(|&s| s < range.start);
        self.first_end.get(i).is_some_and(|&end| end <= range.end)
    }
}

/// Whether a heading or line is trimmed to a short phrase (a few words).
fn short(t: &str) -> bool {
    t.split_whitespace().count() <= 5 && t.chars().count() <= 40
}

/// Whether `t` opens with `w` as a whole word.
fn opens_with(t: &str, w: &str) -> bool {
    t.strip_prefix(w).is_some_and(|rest| {
        !(rest.starts_with(|c: char| c.is_ascii_alphanumeric())
            && w.ends_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

/// Whether a Japanese word `w` ends `t`: the head of a Japanese noun phrase comes last
/// ("イベントの概要", "発表資料のまとめ" are an overview and a summary). Run into a katakana
/// or Latin word it makes a compound that titles a talk ("アップデートまとめ", an updates
/// round-up).
fn heads_phrase(t: &str, w: &str) -> bool {
    let Some(before) = t.strip_suffix(w).filter(|b| !w.is_ascii() && !b.is_empty()) else {
        return false;
    };
    let compound = before.chars().next_back().is_some_and(|c| {
        c.is_ascii_alphanumeric() || ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'
    });
    !compound
}

/// Punctuation and numbering around a short heading: "1. Summary:", "【まとめ】".
fn bare(t: &str) -> String {
    t.trim()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || "#.)-–—:：*・【[(（".contains(c)
        })
        .trim_end_matches(|c: char| c.is_whitespace() || ":：】])）!！?？.。…".contains(c))
        .to_lowercase()
}

/// The words of a page's navigation, lower case ("<< Prev | Next >>", "前の記事").
const NAVIGATION: &[&str] = &[
    "prev",
    "previous",
    "next",
    "back",
    "home",
    "top",
    "older",
    "newer",
    "posts",
    "post",
    "前へ",
    "次へ",
    "前の記事",
    "次の記事",
    "戻る",
];

/// A heading that is a day of the event and nothing more ("Day 3", "Day1(WorkShop)", "2日目",
/// "Day 2 - 2019/10/01"): it groups that day's talks. `t` is bared (lower case).
fn day_marker(t: &str) -> bool {
    // what a bracket after the day says is the day's kind ("(WorkShop)", "（6月25日）")
    let t = t.split(['(', '（']).next().unwrap_or(t).trim();
    let rest = if let Some(r) = t.strip_prefix("day") {
        let r = r.trim_start();
        let digits = r.trim_start_matches(|c: char| c.is_ascii_digit());
        ["one", "two", "three", "four", "five"]
            .iter()
            .find_map(|w| r.strip_prefix(w))
            .or((digits.len() < r.len()).then_some(digits))
    } else if let Some((n, r)) = t.split_once("日目") {
        // baring took the digits before it ("2日目" is "日目" here)
        n.chars()
            .all(|c| c.is_numeric() || "一二三四五".contains(c))
            .then_some(r)
    } else {
        None
    };
    // a date may follow; a title may not ("Day 1 Keynote")
    rest.is_some_and(|r| {
        r.chars()
            .all(|c| c.is_whitespace() || c.is_ascii_digit() || "/-–—.:：,年月日".contains(c))
    })
}

impl Lists {
    /// A word naming a kind of talk ("Keynote", "ハンズオン", "LT").
    pub fn talk_word(&self, text: &str) -> bool {
        self.talk_word_of(&Lowered::new(text))
    }

    /// `talk_word` of a text already lower-cased.
    pub fn talk_word_of(&self, text: &Lowered) -> bool {
        self.talk.any(&text.lower) || latin_words(text.text).any(|w| self.talk_word.contains(w))
    }

    /// A programme slot holding several talks ("Keynote", "Lightning talks", "LT").
    pub fn slot(&self, text: &str) -> bool {
        self.slot_of(&Lowered::new(text))
    }

    /// `slot` of a text already lower-cased.
    pub fn slot_of(&self, text: &Lowered) -> bool {
        self.slot.any(&text.lower) || latin_words(text.text).any(|w| self.slot_word.contains(w))
    }

    /// A heading that groups talks ("Breakout Sessions", "セッション一覧", "Talks I attended").
    pub fn category(&self, title: &str) -> bool {
        self.category_of(&Bared::new(title))
    }

    /// `category` of a heading already bared.
    pub fn category_of(&self, title: &Bared) -> bool {
        let t = &title.bare;
        if self.category.contains(t) || day_marker(t) {
            return true;
        }
        // no word of a talk group at all: nothing to take away
        if !self.category_plural_set.any(t) {
            return false;
        }
        // take the words of a talk group and its modifiers away: nothing may be left
        let mut rest = t.clone();
        let mut plural = false;
        for w in self.category_plural.iter().chain(&self.category_modifiers) {
            while let Some(i) = find_word(&rest, w) {
                plural |= self.category_plural.contains(w);
                rest.replace_range(i..i + w.len(), " ");
            }
        }
        plural
            && rest
                .chars()
                .all(|c| c.is_whitespace() || c.is_ascii_digit() || c.is_ascii_punctuation())
    }

    /// A section that is no talk: a break, a meal, the summary, the introduction.
    pub fn non_talk(&self, title: &str) -> bool {
        self.non_talk_of(&Bared::new(title))
    }

    /// `non_talk` of a heading already bared.
    pub fn non_talk_of(&self, bared: &Bared) -> bool {
        let title = bared.text;
        // "10 min break"
        let mut t = bared
            .bare
            .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        // as `trim_start_matches` of each word, without a string searcher built per call
        while let Some(rest) = t.strip_prefix("min ") {
            t = rest;
        }
        while let Some(rest) = t.strip_prefix("minutes ") {
            t = rest;
        }
        if short(t) && (self.non_talk.open(t) || self.non_talk.heads(t)) {
            return true;
        }
        // "<< Prev ------ Next >>", "← Older posts": the page's navigation
        let words = || {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
        };
        if (1..=4).contains(&words().count()) && words().all(|w| NAVIGATION.contains(&w)) {
            return true;
        }
        // "Community Social / 懇親会": one side of a slash is enough
        title.contains(['/', '／'])
            && title
                .split(['/', '／'])
                .filter(|p| !p.trim().is_empty())
                .any(|part| {
                    let p = bare(part);
                    short(&p) && self.non_talk.open(&p)
                })
    }

    /// A section of references, whose entries are no talks ("Links", "Further reading",
    /// "参加者のブログ"): the head opens with one of the words, or a Japanese head ends with
    /// one.
    pub fn references(&self, title: &str) -> bool {
        let t = bare(title);
        short(&t) && (self.references.open(&t) || self.references.heads(&t))
    }

    /// A section word of documentation ("Syntax", "Return values", "手順").
    pub fn doc_word(&self, title: &str) -> bool {
        self.doc_word_of(&Bared::new(title))
    }

    /// `doc_word` of a heading already bared.
    pub fn doc_word_of(&self, title: &Bared) -> bool {
        short(&title.bare) && self.doc.open(&title.bare)
    }

    /// A job title among the words ("SVP AWS", "Principal Engineer").
    pub fn role(&self, text: &str) -> bool {
        self.role_lower(&text.to_lowercase())
    }

    /// `role` of a text already lower-cased.
    pub fn role_lower(&self, l: &str) -> bool {
        latin_words(l).any(|w| self.role.contains(w)) || self.role_other.is_match(l)
    }

    /// How many event words occur in `text`.
    pub fn event_words(&self, text: &str) -> usize {
        let l = text.to_lowercase();
        self.event.count(&l)
    }

    /// Whether a name reads like an event's: an event word, or an edition after a name
    /// ("Meetup #79", "第3回", "vol.5", "Day 1", "Analytics Day", "Build 2022", "Next '19").
    pub fn event_name(&self, text: &str) -> bool {
        static EDITION: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(concat!(
                r"#\d{1,4}(?-u:\b)|第\s?\d{1,4}\s?回|(?-u:\b)[Vv]ol\.?\s?\d{1,4}(?-u:\b)|(?-u:\b)[Dd]ay\s?\d(?-u:\b)",
                r"|(?-u:\b)\p{Lu}[\p{L}-]+ Days?(?-u:\b)",
                r"|(?-u:\b)(?:Summit|Conf|Con|Fest|Festa|Week|Meetup|Night|Camp|Kaigi|Expo|Forum|Live|Build|Ignite|Next|Connect|Tour|Days?)\s*'?(?:19|20)?\d\d(?-u:\b)",
            ))
            .expect("valid regex")
        });
        self.event_words(text) > 0 || EDITION.is_match(text)
    }

    /// A link to slides, a recording or a session page.
    pub fn slides(&self, url: &str) -> bool {
        self.slides.is_match(url)
    }

    /// Whether a link goes to a blog post or an article (a write-up, not a talk's page).
    pub fn article(&self, url: &str) -> bool {
        self.articles.is_match(url)
    }

    /// Where `text` names a host of slides, found once: asked for any stretch of the text,
    /// it answers as `slides` on that stretch would, without scanning it again.
    pub fn slide_hosts(&self, text: &str) -> SlideHosts {
        // the automaton reports the name that ends first: from each place on, the first
        // end of a name starting there or later; the next search starts just after it
        let mut hosts = SlideHosts::default();
        let mut from = 0;
        while let Some(m) = self
            .slides
            .find(aho_corasick::Input::new(text).range(from..))
        {
            hosts.starts.push(m.start());
            hosts.first_end.push(m.end());
            from = m.start() + 1;
        }
        hosts
    }

    /// A capitalised word that heads titles and sections, never a name.
    pub fn not_name(&self, word: &str) -> bool {
        self.not_name_lower(&word.trim_end_matches(['.', ',', ':']).to_lowercase())
    }

    /// `not_name` of a word already lower-cased (the stops after it are trimmed either way:
    /// lower-casing keeps them).
    pub fn not_name_lower(&self, word: &str) -> bool {
        self.not_names
            .contains(word.trim_end_matches(['.', ',', ':']))
    }

    /// Words of an organisation ("株式会社", "User Group", "支部").
    pub fn organisation(&self, text: &str) -> bool {
        let l = text.to_lowercase();
        self.organisation.any(&l)
    }

    /// A note in brackets after a title ("前編", "Level 300"), not a person.
    pub fn annotation(&self, text: &str) -> bool {
        self.annotations.contains(&text.trim().to_lowercase())
    }

    /// A phrase saying that the text around it is about a presentation.
    pub fn talk_phrase(&self, text: &str) -> bool {
        let l = text.to_lowercase();
        self.talk_phrases.any(&l)
    }

    /// A phrase by which the writer says they gave the talk ("発表しました", "my talk").
    pub fn self_talk(&self, text: &str) -> bool {
        let l = text.to_lowercase();
        self.self_talk.any(&l)
    }

    /// `name` without a trailing honorific, and whether it had one.
    pub fn strip_honorific<'a>(&self, name: &'a str) -> (&'a str, bool) {
        let t = name.trim_end();
        for h in &self.honorifics {
            if let Some(s) = t.strip_suffix(h.as_str()) {
                // "にーさん", "いっちゃん": a nickname of a kana or two keeps its ending (a
                // surname in kanji, "森さん", is a name of one character)
                let kana = s
                    .chars()
                    .all(|c| matches!(c, '\u{3041}'..='\u{309f}' | '\u{30a0}'..='\u{30ff}'));
                if kana && (1..=2).contains(&s.chars().count()) && !h.is_ascii() {
                    return (t, true);
                }
                return (s.trim_end(), true);
            }
            // "-San", "-SAN"
            if h.is_ascii()
                && t.len() > h.len()
                && t.is_char_boundary(t.len() - h.len())
                && t[t.len() - h.len()..].eq_ignore_ascii_case(h)
            {
                return (t[..t.len() - h.len()].trim_end(), true);
            }
        }
        (t, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_that_is_only_a_day_groups_talks() {
        for day in [
            "Day 3",
            "## Day1(WorkShop)",
            "DAY 2 - 2019/10/01",
            "Day One",
            "2日目",
            "1日目（6月25日）",
        ] {
            assert!(LISTS.category(day), "{day}");
        }
        for talk in [
            "Day 1 Keynote",
            "Day of the Dead",
            "Daylight savings",
            "今日目指すもの",
        ] {
            assert!(!LISTS.category(talk), "{talk}");
        }
    }

    #[test]
    fn a_japanese_section_word_heads_a_phrase_not_a_compound() {
        assert!(LISTS.non_talk("発表資料のまとめ"));
        assert!(LISTS.non_talk("イベントの概要"));
        assert!(!LISTS.non_talk("re:Invent 2023 サーバーレスアップデートまとめ"));
        assert!(!LISTS.non_talk("AWS アップデートまとめ"));
    }

    #[test]
    fn a_pages_navigation_is_no_talk() {
        for nav in [
            "<< Prev ------------- Next >>",
            "← Older posts",
            "Next",
            "前の記事 | 次の記事",
        ] {
            assert!(LISTS.non_talk(nav), "{nav}");
        }
        for talk in [
            "Next steps for Widget Fleets",
            "Back to basics with queues",
            "Top 10 caches",
        ] {
            assert!(!LISTS.non_talk(talk), "{talk}");
        }
    }

    #[test]
    fn a_short_kana_nickname_keeps_its_ending() {
        assert_eq!(LISTS.strip_honorific("にーさん"), ("にーさん", true));
        assert_eq!(LISTS.strip_honorific("いっちゃん"), ("いっちゃん", true));
        assert_eq!(LISTS.strip_honorific("森さん"), ("森", true));
        assert_eq!(LISTS.strip_honorific("うづらさん"), ("うづら", true));
        assert_eq!(LISTS.strip_honorific("Jane-san"), ("Jane", true));
        assert_eq!(LISTS.strip_honorific("さん"), ("", true));
    }

    #[test]
    fn the_lists_parse() {
        assert!(LISTS.talk_word("Keynote"));
    }

    #[test]
    fn lookups_table() {
        let l = &*LISTS;
        let rows: [(&str, bool, bool, bool, bool); 19] = [
            // (text, talk word, category, non-talk, doc word)
            ("Keynote", true, false, false, false),
            ("Breakout Sessions", true, true, false, false),
            ("Lightning Talks", true, false, false, false),
            ("Talks I attended", true, true, false, false),
            ("聴講したセッション一覧", true, true, false, false),
            ("Afternoon sessions", true, true, false, false),
            ("Sessions on Kubernetes", true, false, false, false),
            ("Ubuntu LTS upgrade", false, false, false, false),
            ("LT1 ECS の話", true, false, false, false),
            ("10 min break", false, false, true, false),
            ("Breaking the Monolith", false, false, false, false),
            ("まとめ", false, false, true, false),
            // a Japanese phrase is headed by its last word
            ("Widget Summit 2024 の概要", false, false, true, false),
            ("当日の写真", false, false, true, false),
            ("Kubernetes overview", false, false, false, false),
            ("Syntax", false, false, false, true),
            ("Return values", false, false, false, true),
            ("Community Social / 懇親会", false, false, true, false),
            ("Twilioハンズオン", true, false, false, false),
        ];
        for (text, talk, category, non_talk, doc) in rows {
            assert_eq!(l.talk_word(text), talk, "talk word {text:?}");
            assert_eq!(l.category(text), category, "category {text:?}");
            assert_eq!(l.non_talk(text), non_talk, "non-talk {text:?}");
            assert_eq!(l.doc_word(text), doc, "doc word {text:?}");
        }
        assert!(l.slides("https://speakerdeck.com/x/y"));
        for text in [
            "see https://SpeakerDeck.com/x and youtu.be/y",
            "www.youtube.comyoutu.bevimeo.com slides.com docs.google.com/presentation/d",
            "no hosts here",
        ] {
            let hosts = l.slide_hosts(text);
            for a in 0..text.len() {
                for b in a..=text.len() {
                    assert_eq!(hosts.within(a..b), l.slides(&text[a..b]), "{a}..{b}");
                }
            }
        }
        assert!(!l.slides("https://github.com/x/y"));
        assert_eq!(l.strip_honorific("山田 太郎さん"), ("山田 太郎", true));
        assert_eq!(l.strip_honorific("tanaka-san"), ("tanaka", true));
        assert_eq!(l.strip_honorific("Jane Doe"), ("Jane Doe", false));
        assert!(l.role("Staff Dev Advocate, Google") && !l.role("Jane Doe"));
        assert!(l.event_words("AWS Summit Tokyo 参加レポート") >= 2);
        for (text, event) in [
            ("Azure Analytics Day 2022", true),
            ("Microsoft Build 2022", true),
            ("kanazawa.rb meetup #79", true),
            ("第5回 Azure Travelers 勉強会", true),
            ("Google Cloud Next '19 in Tokyo", true),
            ("Windows Server 2019 のインストール", false),
            ("Cost and usage reports", false),
            ("Amazon EventBridge events", false),
            ("Return values", false),
        ] {
            assert_eq!(l.event_name(text), event, "{text:?}");
        }
    }
}
