//! Evidence per unit: what a reader would point at to say "this is a talk" or "this is not"
//! — a person near the start, a time, a session code, a slide link, a talk word, the body's
//! length, a documentation word — and the same evidence over the unit's siblings and the
//! whole document. Every piece is a number in a named slot, so that the model weighs it and
//! `graph talks` shows it.
//!
//! The people found here (by position: the head, a labelled line, the first line, a
//! sub-heading, the prose) are kept as candidates; which of them speak is decided later.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::super::front_matter::FrontMatter;
use super::super::headings::{clean_title, heading_split, prefix_len};
use super::super::lists::{bold_credit, labelled_title, line_talk};
use super::super::names;
use super::super::outline::{Block, BlockKind, Inline, Item, Outline};
use super::super::speakers::{
    Names, Speaker, Strength, is_bare_label, parse_speakers, speaker_line,
};
use super::super::words::{Bared, LISTS, Lowered, SlideHosts};
use super::Context;
use super::profiles::Profiled;
use super::units::{Unit, UnitKind, Units};

/// The evidence slots, in order, from one list: `FEATURES` (their names are the model's keys)
/// and `slot`, which finds a name's slot with one `match` (folded away where the name is
/// written out, as it is at nearly every call: features are read and set per unit).
macro_rules! features {
    ($($name:ident),* $(,)?) => {
        /// The evidence slots, in order. Their names are the model's keys.
        pub const FEATURES: &[&str] = &[$(stringify!($name)),*];

        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Slot {
            $($name),*
        }

        /// Index of a feature by name (a typo is a compile-time-visible panic in tests).
        #[inline(always)]
        pub fn slot(name: &str) -> usize {
            match name {
                $(stringify!($name) => Slot::$name as usize,)*
                _ => panic!("no feature {name}"),
            }
        }
    };
}

features! {
    k_heading,
    k_bold,
    k_item,
    k_row,
    k_line,
    lvl_top,
    lvl_mode,
    lvl_depth,
    doc_title,
    self_talk,
    title_code,
    title_talk,
    title_slides,
    title_person,
    title_event,
    title_notes,
    title_talky_sections,
    time,
    code,
    number,
    talk_word,
    slot,
    non_talk,
    category,
    doc_word,
    product,
    quoted,
    head_len,
    head_prose,
    head_link,
    head_article,
    question,
    head_colon,
    person_head,
    person_only,
    label,
    title_label,
    person_near,
    person_sub,
    handle,
    slides,
    body_len,
    body_code,
    body_list,
    prose_talk,
    prose_person,
    children,
    child_person,
    parent_category,
    parent_talky,
    parent_slot,
    parent_event,
    parent_label,
    parent_refs,
    intro_words,
    set_size,
    set_person,
    set_time,
    set_code,
    set_slides,
    set_talk,
    set_non_talk,
    set_doc,
    set_body,
    set_shape,
    set_prose,
    set_label,
    doc_event,
    doc_people,
    doc_docwords,
}

/// What a feature means to a reader, for the features a reader would point at (`found_by`);
/// None for the ones that only weigh (length, kind, level).
pub fn readable(feature: &str) -> Option<&'static str> {
    Some(match feature {
        "time" => "time",
        "code" => "session code",
        "number" => "numbered",
        "talk_word" => "talk word",
        "slot" => "programme slot",
        "quoted" => "quoted title",
        "person_head" => "speaker in the heading",
        "person_only" => "named after its speaker",
        "title_label" => "labelled title",
        "label" => "speaker line",
        "person_near" => "name under it",
        "person_sub" => "speaker sub-heading",
        "handle" => "handle",
        "slides" => "slides or video",
        "prose_talk" => "talk words in the text",
        "prose_person" => "speaker in the text",
        "self_talk" => "the writer's own talk",
        "title_code" => "session code",
        "title_talk" => "talk word",
        "title_slides" => "slides or video",
        "title_person" => "speaker line",
        "parent_category" => "under a list of talks",
        "parent_slot" => "in a programme slot",
        "parent_event" => "under the event",
        "intro_words" => "listed as talks",
        "set_person" => "siblings name speakers",
        "set_time" => "siblings have times",
        "set_code" => "siblings have codes",
        "set_slides" => "siblings have slides",
        "set_talk" => "siblings are talks by name",
        "set_prose" => "siblings tell of talks",
        "set_label" => "siblings have speaker lines",
        "set_shape" => "written like its siblings",
        "lvl_mode" => "at the talks' level",
        _ => return None,
    })
}

/// Where a candidate speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// In the unit's own line ("Title — Name", "Name: Title", "Title (Name)").
    Head,
    /// A labelled line under it ("by …", "Speaker: …", "登壇者：…").
    Label,
    /// The first line under it, unlabelled ("Jane Doe, CTO at Acme", "- 佐藤 太郎さん").
    Near,
    /// A sub-heading that names a person.
    Sub,
    /// A table cell under a speaker header, or any cell of clear names.
    Cell,
    /// The first sentences ("Jane Doe, CTO of Acme, opened with…", "X さんによる").
    Prose,
    /// The writer of a report about their own talk (the front matter's author).
    Author,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Head => "head",
            Position::Label => "label",
            Position::Near => "near",
            Position::Sub => "sub",
            Position::Cell => "cell",
            Position::Prose => "prose",
            Position::Author => "author",
        }
    }
}

/// People found at one position of a unit.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub position: Position,
    pub speakers: Vec<Speaker>,
    /// How likely these are people (the least likely of them).
    pub likelihood: f32,
    /// Source ranges naming them: not scanned for mentions if they are taken.
    pub hide: Vec<Range<usize>>,
    /// The title left when the people are taken out of the head.
    pub title: Option<String>,
    /// Units that only name these people (speaker sub-headings): no talks if they are taken.
    pub consumed: Vec<usize>,
}

/// All the evidence about one unit.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub x: Vec<f32>,
    /// How person-like the best-named candidate is by its names alone (lists, handles,
    /// honorifics), whatever the layout says: what counts as "people are named here" for
    /// the document.
    pub named: f32,
    /// The title the unit gives if it is a talk.
    pub title: String,
    /// Other readings of its title (the head as written, a bold line under it).
    pub alt_titles: Vec<String>,
    pub people: Vec<Candidate>,
}

impl Evidence {
    #[inline(always)]
    pub fn get(&self, name: &str) -> f32 {
        self.x[slot(name)]
    }

    #[inline(always)]
    fn set(&mut self, name: &str, v: f32) {
        self.x[slot(name)] = v;
    }

    /// Whether the unit is plainly something other than a talk: a break, a summary, a group
    /// of talks, a documentation section, or running text rather than a title. Such members
    /// neither count for their sibling set nor are carried by it.
    pub fn plainly_other(&self) -> bool {
        self.get("non_talk") > 0.0
            || self.get("category") > 0.0
            || self.get("doc_word") > 0.0
            || self.get("head_prose") > 0.0
            || self.get("parent_label") > 0.0
            || self.get("parent_refs") > 0.0
    }

    /// The most likely person among the candidates at the given positions.
    pub fn best(&self, at: &[Position]) -> f32 {
        self.people
            .iter()
            .filter(|c| at.contains(&c.position))
            .map(|c| c.likelihood)
            .fold(0.0, f32::max)
    }
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}/\d{1,2}\s*)?[（(]?\d{1,2}\s*[:：]\s*\d{2}").expect("valid regex")
});

/// Whether a head opens with a session code ("SRV325 -", "[DEV301]", "AC02:").
pub(super) fn session_code(head: &str) -> bool {
    CODE.is_match(head)
}

static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // "SRV325 -", "[DEV301]", "AWS-32:", "AC02:", "SVR 309 Title", and a track's letters
        // alone before a spaced colon ("KN: 基調講演"), never "AWS::EC2::Instance"
        r"(?:^\s*[(\[［【]?(?:[A-Z]{2,6}\d{2,4}(?:-[A-Z0-9]{1,3})?|[A-Z]{2,6}-\d{1,4})\s*[:：)\]］】|\-–—]",
        r"|^\s*[A-Z]{2,3}[:：]\s",
        r"|^\s*[A-Z]{2,6}\d{2,4}(?:-[A-Z0-9]{1,3})?\s",
        // "SVR 309 Wild Rydes…": the code written with a space, opening the head
        r"|^\s*[A-Z]{3}\s\d{3}\s",
        r"|(?-u:\b)[A-Z]{3}\d{3}(?:-[A-Z0-9]{1,3})?(?-u:\b)",
        r"|[(（][A-Z]{2,6}-?\d{2,3}[)）])"
    ))
    .expect("valid regex")
});

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:#\d{1,3}|\d{1,3}[.)]\s|no\.\s?\d{1,3}|(?:session|talk|lt|day|part)\s?#?\d{1,3}(?-u:\b)|第\s?\d{1,2}\s?[部回])")
        .expect("valid regex")
});

/// "佐藤さんによる", "[X](…)さんから", "佐藤さんより", "@x さんの「…」": a Japanese person
/// before a particle of credit in running text.
static JA_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<who>[@＠][A-Za-z0-9_]{1,30}|[\p{Han}\p{Katakana}ー々][\p{Han}\p{Hiragana}\p{Katakana}ー々]{0,7}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s*(?:さん|氏|様)\s*(?:による|の発表|のセッション|の講演|から|より|が登壇|が発表|の[「『])")
        .expect("valid regex")
});

/// "Jane Doe, CTO of Acme, opened …", "Jane Doe gave a talk", "talk by Jane Doe", "a talk
/// given by Jane Doe", "an introduction by Jane Doe": a Latin name credited in running text.
static EN_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?P<a>\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+){1,2})(?:,[^,.]{2,60},)?\s+",
        r"(?:opened|kicked off|started|gave|presented|talked|spoke|shared|showed|demoed|demonstrated|walked|explained|introduced|took the stage|delivered|discussed|covered)(?-u:\b)",
        r"|(?:talk|session|presentation|keynote|demo|workshop|introduction)\s+(?:(?:given|delivered|presented|led)\s+)?(?:by|from|with)\s+(?P<b>\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+){1,2}))"
    ))
    .expect("valid regex")
});

/// Words of which every match of `EN_CREDIT` holds one (its verbs and its nouns of a talk,
/// as written there): prose without any cannot match, and is not run through the
/// expression, whose lazy DFA would scan all of it. Keep in step with `EN_CREDIT`.
static EN_CREDIT_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new([
        "opened",
        "kicked off",
        "started",
        "gave",
        "presented",
        "talked",
        "spoke",
        "shared",
        "showed",
        "demoed",
        "demonstrated",
        "walked",
        "explained",
        "introduced",
        "took the stage",
        "delivered",
        "discussed",
        "covered",
        "talk",
        "session",
        "presentation",
        "keynote",
        "demo",
        "workshop",
        "introduction",
    ])
    .expect("literal words make an automaton")
});

/// A head that is running text, not a title: two sentences or more ("You can configure X.
/// For more information, see Y."), or longer than titles run.
fn reads_as_prose(bare: &str, chars: usize) -> bool {
    // a full stop after a word, not after an abbreviation ("feat. PSI", "vs. Lambda"), and
    // a sentence of three words or more after it
    const ABBREVIATIONS: &[&str] = &[
        "feat", "ft", "vs", "etc", "inc", "ltd", "corp", "dr", "mr", "mrs", "ms", "st", "jr", "sr",
        "no", "vol", "fig", "e.g", "i.e", "ver",
    ];
    let sentence_end = |i: usize| {
        let word = bare[..i]
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let next = &bare[i + 2..];
        word.chars().count() >= 2
            && !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
            && next.starts_with(char::is_uppercase)
            && next.split_whitespace().count() >= 3
    };
    let two_sentences = bare.match_indices(". ").any(|(i, _)| sentence_end(i))
        || bare.trim_end_matches('。').contains('。');
    two_sentences || chars > 150 || bare.split_whitespace().count() > 24
}

/// How many blocks under a unit are looked at for its people.
const NEAR_BLOCKS: usize = 3;

/// How many lines of each of those blocks.
const NEAR_LINES: usize = 6;

/// The evidence of every unit of a report, sibling and document evidence included.
pub fn gather(
    outline: &Outline,
    units: &Units,
    front: &FrontMatter,
    text: &str,
    ctx: &Context,
) -> Vec<Evidence> {
    let levels = Levels::of(units);
    let ctx = &Reading {
        ctx,
        profiled: Profiled::of(outline),
        slide_hosts: LISTS.slide_hosts(text),
    };
    let mut ev: Vec<Evidence> = units
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| own(outline, units, u, unit, text, front, ctx, &levels))
        .collect();
    relations(units, &mut ev);
    siblings(units, &mut ev);
    document(outline, units, front, &mut ev);
    titles(units, &mut ev);
    ev
}

/// The context with what this report says of itself: the people it links to profiles, and
/// where its text names hosts of slides.
struct Reading<'a> {
    ctx: &'a Context,
    profiled: Profiled,
    slide_hosts: SlideHosts,
}

impl std::ops::Deref for Reading<'_> {
    type Target = Context;

    fn deref(&self) -> &Context {
        self.ctx
    }
}

/// For the unit that titles the report, its own evidence again in slots of their own, so
/// that the model weighs "a report about one talk" apart from "a talk among others": a code,
/// a talk word, slides or a speaker line at the top, a title that reads like an event's
/// name, and sections that read like notes (an abstract, a summary) rather than talks.
fn titles(units: &Units, ev: &mut [Evidence]) {
    let Some(t) = (0..units.units.len()).find(|&u| units.units[u].doc_title) else {
        return;
    };
    let sections: Vec<usize> = (0..units.units.len())
        .filter(|&u| u != t && units.units[u].kind == UnitKind::Heading)
        .filter(|&u| {
            let p = units.units[u].parent;
            p.is_none() || p == Some(t)
        })
        .collect();
    let notes = if sections.is_empty() {
        0.0
    } else {
        sections
            .iter()
            .filter(|&&u| ev[u].get("non_talk") > 0.0 || ev[u].get("doc_word") > 0.0)
            .count() as f32
            / sections.len() as f32
    };
    let talky_sections = sections.iter().filter(|&&u| person_like(&ev[u])).count();
    let e = &mut ev[t];
    let person = f32::from(e.get("label") > 0.0 || e.get("person_near") >= 0.5);
    e.set("title_code", e.get("code"));
    e.set("title_talk", e.get("talk_word").max(e.get("slot")));
    e.set("title_slides", e.get("slides"));
    e.set("title_person", person);
    e.set(
        "title_event",
        f32::from(LISTS.event_name(&units.units[t].head.text)),
    );
    e.set("title_notes", notes);
    e.set(
        "title_talky_sections",
        ((1 + talky_sections) as f32).ln() / 2.0,
    );
}

/// Which heading levels a report uses for what.
struct Levels {
    /// The shallowest heading level below a lone title.
    top: u8,
    /// The most used heading level below a lone title.
    mode: u8,
}

impl Levels {
    fn of(units: &Units) -> Levels {
        let heads: Vec<(usize, u8)> = units
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind == UnitKind::Heading)
            .map(|(i, u)| (i, u.level))
            .collect();
        let title = heads
            .iter()
            .find(|&&(i, _)| units.units[i].doc_title)
            .map(|&(i, _)| i);
        let mut count = [0usize; 8];
        for &(i, l) in &heads {
            if Some(i) != title {
                count[usize::from(l.min(7))] += 1;
            }
        }
        let top = (1..8u8).find(|&l| count[usize::from(l)] > 0).unwrap_or(2);
        let mode = (1..8u8)
            .max_by_key(|&l| (count[usize::from(l)], std::cmp::Reverse(l)))
            .unwrap_or(2);
        Levels { top, mode }
    }
}

#[allow(clippy::too_many_arguments)]
fn own(
    outline: &Outline,
    units: &Units,
    u: usize,
    unit: &Unit,
    text: &str,
    front: &FrontMatter,
    ctx: &Reading,
    levels: &Levels,
) -> Evidence {
    let mut e = Evidence {
        named: 0.0,
        x: vec![0.0; FEATURES.len()],
        title: String::new(),
        alt_titles: Vec::new(),
        people: Vec::new(),
    };
    let kind = match unit.kind {
        UnitKind::Heading => "k_heading",
        UnitKind::Bold => "k_bold",
        UnitKind::Item => "k_item",
        UnitKind::Row => "k_row",
        UnitKind::Line => "k_line",
        // the report as one talk stands where its title heading would
        UnitKind::Document => "k_heading",
    };
    e.set(kind, 1.0);
    if unit.kind == UnitKind::Heading {
        e.set("lvl_top", f32::from(unit.level == levels.top));
        e.set("lvl_mode", f32::from(unit.level == levels.mode));
        e.set(
            "lvl_depth",
            f32::from(unit.level.saturating_sub(levels.top)) / 3.0,
        );
    } else if unit.kind == UnitKind::Item {
        e.set("lvl_depth", f32::from(unit.level.saturating_sub(8)) / 3.0);
    }
    if unit.doc_title {
        e.set("doc_title", 1.0);
        document_people(unit, front, &mut e);
    }
    head_evidence(unit, ctx, &mut e);
    body_evidence(outline, units, u, unit, text, ctx, &mut e);
    e.named = e
        .people
        .iter()
        .filter(|c| c.position != Position::Prose && c.position != Position::Author)
        .map(|c| least_likely(&c.speakers, ctx))
        .fold(0.0, f32::max);
    e
}

/// For the unit that titles the report: whether the writer says the report is about their
/// own talk, and then the writer as its speaker. A title quoting a phrase ("JAWS DAYS にて
/// 「X」について発表しました") is titled by the phrase.
fn document_people(unit: &Unit, front: &FrontMatter, e: &mut Evidence) {
    let mut said = unit.head.text.clone();
    if let Some(t) = &front.title {
        said.push('\n');
        said.push_str(t);
    }
    if !LISTS.self_talk(&said) {
        return;
    }
    e.set("self_talk", 1.0);
    if let Some(author) = front
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        && let Some((speakers, _)) = parse_speakers(author, 0, &[], Names::Line)
    {
        e.people.push(Candidate {
            position: Position::Author,
            speakers,
            likelihood: 0.8,
            hide: Vec::new(),
            title: None,
            consumed: Vec::new(),
        });
    }
}

/// A phrase quoted in a title ("…にて「AWS x JAMstack」について発表") is the talk's title.
fn quoted_phrase(title: &str) -> Option<&str> {
    for (open, close) in [("「", "」"), ("『", "』"), ("“", "”"), ("\"", "\"")] {
        if let Some(a) = title.find(open) {
            let inner = &title[a + open.len()..];
            if let Some(b) = inner.find(close) {
                let q = inner[..b].trim();
                // the quote is the title when it is most of what the title names
                if q.chars().count() >= 6 {
                    return Some(q);
                }
            }
        }
    }
    None
}

/// What the unit's own line says.
fn head_evidence(unit: &Unit, ctx: &Reading, e: &mut Evidence) {
    let raw = unit.head.text.replace('\t', " ");
    let raw = raw.trim();
    e.set("time", f32::from(TIME.is_match(raw)));
    e.set("code", f32::from(CODE.is_match(raw)));
    e.set("number", f32::from(NUMBER.is_match(raw)));
    let p = prefix_len(&unit.head.text);
    let inline = unit.head.tail(p, unit.head.text.len());
    let bare = clean_title(&inline.text.replace('\t', " "));
    let lowered = Lowered::new(raw);
    e.set("talk_word", f32::from(LISTS.talk_word_of(&lowered)));
    e.set("slot", f32::from(LISTS.slot_of(&lowered)));
    let bared = Bared::new(&bare);
    e.set("non_talk", f32::from(LISTS.non_talk_of(&bared)));
    e.set("category", f32::from(LISTS.category_of(&bared)));
    // "Step Functions の使いどころ": a product's name is no section word
    e.set(
        "doc_word",
        f32::from(LISTS.doc_word_of(&bared) && !opens_with_product(&bare, ctx)),
    );
    e.set("product", f32::from(ctx.is_product(&bare)));
    let quoted = ["「", "『", "\"", "“"]
        .iter()
        .any(|q| inline.text.trim_start().starts_with(q));
    e.set("quoted", f32::from(quoted));
    let chars = bare.chars().count();
    e.set("head_len", ((1 + chars) as f32).ln() / 5.0);
    e.set("head_prose", f32::from(reads_as_prose(&bare, chars)));
    let linked: usize = unit.head.links.iter().map(|l| l.text.len()).sum();
    e.set(
        "head_link",
        f32::from(linked * 2 >= unit.head.text.trim().len() && linked > 0),
    );
    e.set("question", f32::from(bare.ends_with(['?', '？'])));
    e.set("head_colon", f32::from(bare.ends_with([':', '：'])));
    if unit.head.links.iter().any(|l| LISTS.slides(&l.url)) {
        e.set("slides", 1.0);
    }
    // "[JAWS DAYS 2019 に行ってきた - Notes](https://example.hatenablog.com/entry/…)": a
    // link to a post about the event, not to a talk's slides or page
    let article = unit.head.links.iter().any(|l| LISTS.article(&l.url));
    e.set("head_article", f32::from(article));
    e.title = bare.clone();
    e.alt_titles.push(clean_title(raw));
    if unit.doc_title
        && let Some(q) = quoted_phrase(raw)
    {
        e.title = clean_title(q);
    }
    if unit
        .head
        .links
        .iter()
        .any(|l| super::super::speakers::social_handle(&l.url).is_some())
        || raw.contains(['@', '＠'])
    {
        e.set("handle", 1.0);
    }
    head_people(unit, &inline, &bare, ctx, e);
}

/// Whether the first words of `text` (up to four) are a product's name.
fn opens_with_product(text: &str, ctx: &Reading) -> bool {
    let ends = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    ends.take(4).any(|end| ctx.is_product(&text[..end]))
}

/// People in the unit's own line.
fn head_people(unit: &Unit, inline: &Inline, bare: &str, ctx: &Reading, e: &mut Evidence) {
    let found = match unit.kind {
        // the whole line: "[@handle] Title" is no bracketed prefix here
        UnitKind::Line | UnitKind::Item => {
            line_talk(&unit.head).map(|t| (t.title, t.speakers, t.hide, 1.0))
        }
        _ => None,
    }
    .or_else(|| bold_credit(&unit.head).map(|t| (t.title, t.speakers, t.hide, 0.95)))
    .or_else(|| {
        let s = heading_split(inline)?;
        let l = match s.strength {
            Strength::Strong => 0.9,
            Strength::Weak => 0.5,
        };
        Some((s.title, s.speakers, s.hide, l))
    });
    if let Some((title, speakers, hide, strength)) = found {
        let speakers: Vec<Speaker> = speakers
            .into_iter()
            .filter(|s| !ctx.is_product(&s.name))
            .collect();
        if !speakers.is_empty() {
            let likelihood = backed(strength, &speakers, ctx);
            if ctx.profiled.contains(&title) {
                // "Jane Doe [@jdoe]": what reads as the title is the person
                e.set("person_only", likelihood);
                return;
            }
            // a split too unsure to take keeps the head whole as the title
            if !title.is_empty() && likelihood >= ctx.model.speaker_established {
                e.title.clone_from(&title);
            }
            e.set("person_head", likelihood);
            e.people.push(Candidate {
                position: Position::Head,
                speakers,
                likelihood,
                hide,
                title: Some(title),
                consumed: Vec::new(),
            });
            return;
        }
    }
    // the whole head is people: "### 五味なぎさ", "#### Jane Doe (Acme)", "AWS CB　五味なぎさ" —
    // a speaker heading, or a talk titled by its speaker
    let whole = parse_speakers(bare, 0, &inline.links, Names::Heading)
        .filter(|(s, _)| !bare.is_empty() && s.iter().all(|s| !ctx.is_product(&s.name)))
        .map(|(s, strength)| {
            (
                s,
                if strength == Strength::Strong {
                    0.8
                } else {
                    0.4
                },
            )
        })
        .or_else(|| trailing_person(bare).map(|s| (vec![s], 0.8)));
    if let Some((speakers, base)) = whole {
        let l = backed(base, &speakers, ctx);
        e.set("person_only", l);
        e.people.push(Candidate {
            position: Position::Head,
            speakers,
            likelihood: l,
            hide: inline
                .source_range(0..inline.text.len())
                .into_iter()
                .collect(),
            title: None,
            consumed: Vec::new(),
        });
    } else {
        profiled_head(inline, ctx, e);
    }
}

/// A head that opens with people the report links to profiles: they are its speakers and
/// the rest its title ("Saeid Dahl & Nikos Delis Edge-to-Cloud …"), or, with nothing left,
/// it only names them.
fn profiled_head(inline: &Inline, ctx: &Reading, e: &mut Evidence) {
    let Some((names, from, at)) = ctx.profiled.leading(&inline.text) else {
        return;
    };
    let speakers: Vec<Speaker> = names
        .into_iter()
        .map(|name| Speaker {
            name,
            handle: None,
            affiliation: None,
            honorific: false,
        })
        .collect();
    let mut title = clean_title(&inline.text[at..]);
    if title.split_whitespace().all(|w| w.starts_with(['@', '＠'])) {
        // "Jane Doe @jdoe": only people
        title.clear();
    }
    let hide = inline.source_range(from..at).into_iter().collect();
    let likelihood = backed(0.9, &speakers, ctx);
    if title.is_empty() {
        e.set("person_only", likelihood);
    } else {
        e.set("person_head", likelihood);
        e.title.clone_from(&title);
    }
    e.people.push(Candidate {
        position: Position::Head,
        speakers,
        likelihood,
        hide,
        title: (!title.is_empty()).then_some(title),
        consumed: Vec::new(),
    });
}

/// "AWS CB　五味なぎさ", "AWS HERO 臼田佳祐": a person's name after words of where they work
/// or what they are (acronyms, roles, organisations), and nothing else.
fn trailing_person(text: &str) -> Option<Speaker> {
    let words: Vec<&str> = text
        .split([' ', '\u{3000}'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || words.len() > 6 {
        return None;
    }
    for take in [2usize, 1] {
        if take >= words.len() {
            continue;
        }
        let (lead, name) = words.split_at(words.len() - take);
        let name = name.join(" ");
        let (name, _) = LISTS.strip_honorific(&name);
        if names::likelihood(name) < 0.6 {
            continue;
        }
        let lead_ok = lead.iter().all(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            (!letters.is_empty() && letters.iter().all(|c| c.is_ascii_uppercase()))
                || LISTS.role(w)
                || LISTS.organisation(w)
        });
        if lead_ok {
            return Some(Speaker {
                name: name.to_string(),
                handle: None,
                affiliation: Some(lead.join(" ")),
                honorific: false,
            });
        }
    }
    None
}

/// How likely people read where the layout puts people are speakers: the layout's own
/// evidence (`base`), some of it kept whatever the names, the rest as sure as the names are.
fn backed(base: f32, speakers: &[Speaker], ctx: &Reading) -> f32 {
    base * (0.3 + 0.7 * least_likely(speakers, ctx))
}

/// The least likely name among speakers (a handle or an honorific is sure).
fn least_likely(speakers: &[Speaker], ctx: &Reading) -> f32 {
    speakers
        .iter()
        .map(|s| {
            if s.handle.is_some() || s.honorific || ctx.profiled.contains(&s.name) {
                1.0
            } else if s
                .name
                .split_whitespace()
                .any(|w| ctx.is_product(w) && !names::known_token(w))
            {
                // "Downlink Dataflow", "Azure Functions": a product's name in it
                0.3 * names::likelihood(&s.name)
            } else {
                names::likelihood(&s.name)
            }
        })
        .fold(1.0, f32::min)
}

/// What the unit's body says: speaker lines, slides, length, prose, people.
fn body_evidence(
    outline: &Outline,
    units: &Units,
    u: usize,
    unit: &Unit,
    text: &str,
    ctx: &Reading,
    e: &mut Evidence,
) {
    let items = &outline.items
        [unit.body.start.min(outline.items.len())..unit.body.end.min(outline.items.len())];
    // the blocks before the first sub-heading, and the head block's later lines
    let mut near: Vec<Inline> = Vec::new();
    if let Some(rest) = &unit.rest {
        near.extend(rest.first_lines(NEAR_LINES));
    }
    let direct: Vec<&super::super::outline::Block> = items
        .iter()
        .take_while(|it| matches!(it, Item::Block(_)))
        .filter_map(|it| match it {
            Item::Block(b) if b.kind != BlockKind::Code => Some(b),
            _ => None,
        })
        .collect();
    // the items of a list under a bare "Speakers:" count as one block with it
    let mut taken = 0;
    let mut after_label = false;
    let mut later = direct.len();
    for (k, b) in direct.iter().enumerate() {
        // a table's cells are read as its columns say (`record_people`, rows): a header
        // cell "Speaker" is no label over the cell beside it
        if b.cell.is_some() {
            continue;
        }
        let continues = after_label && b.kind == BlockKind::ListItem;
        if !continues {
            if taken == NEAR_BLOCKS {
                later = k;
                break;
            }
            taken += 1;
        }
        near.extend(b.inline.first_lines(NEAR_LINES));
        let t = b.inline.text.trim();
        after_label = continues || is_bare_label(t);
    }
    // a bold or quoted line right under the head may be the title ("### 12:00 Jane Doe" over
    // "**Title**")
    if let Some(first) = direct.first()
        && let Some(line) = first.inline.first_lines(1).first()
    {
        let t = line.text.trim();
        let bold = line.strong.first().is_some_and(|b| {
            line.text[..b.start].trim().is_empty() && line.text[b.end..].trim().is_empty()
        });
        if bold || (t.starts_with('「') && t.ends_with('」')) {
            let title = clean_title(t);
            if !title.is_empty() {
                e.alt_titles.push(title);
            }
        }
    }
    // "Topic: …" under a "Talk 1" heading: the line gives the title
    if let Some(t) = near
        .iter()
        .take(3)
        .find_map(|l| labelled_title(&l.text))
        .map(clean_title)
        .filter(|t| !t.is_empty())
    {
        e.alt_titles.push(std::mem::replace(&mut e.title, t));
        e.set("title_label", 1.0);
    }
    if unit.kind == UnitKind::Row {
        row_people(outline, unit, ctx, e);
        // the title cell's own later lines ("[Title](…)<br>Jane Doe さん")
        if e.people.is_empty()
            && let Some(rest) = &unit.rest
        {
            near_people(&rest.first_lines(NEAR_LINES), true, ctx, e);
        }
    } else {
        record_people(outline, unit, ctx, e);
        label_people(&near, ctx, e);
        if e.get("label") == 0.0 {
            late_label_people(&direct[later..], ctx, e);
        }
        near_people(&near, false, ctx, e);
    }
    sub_people(outline, units, u, ctx, e);
    // slides and recordings: links, embeds and bare URLs near the start
    let near_start = unit.span.start..unit.span.end.min(unit.span.start + 2500);
    let window = [near_start, unit.span.clone()]
        .into_iter()
        .find(|r| text.get(r.clone()).is_some());
    if window.is_some_and(|r| ctx.slide_hosts.within(r)) {
        e.set("slides", 1.0);
    }
    // length and make-up of the body
    let mut chars = 0usize;
    let mut code = 0usize;
    let mut list = 0usize;
    for it in items {
        if let Item::Block(b) = it {
            let n = b.inline.text.chars().count();
            chars += n;
            if b.kind == BlockKind::Code {
                code += n;
            }
            if b.kind == BlockKind::ListItem {
                list += n;
            }
        }
    }
    if let Some(rest) = &unit.rest {
        chars += rest.text.chars().count();
    }
    e.set("body_len", ((1 + chars) as f32).ln() / 8.0);
    if chars > 0 {
        e.set("body_code", code as f32 / chars as f32);
        e.set("body_list", list as f32 / chars as f32);
    }
    // the first sentences
    let prose: String = direct
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph || b.kind == BlockKind::ListItem)
        .take(2)
        .map(|b| crate::text::prefix_chars(&b.inline.text, 400))
        .collect::<Vec<_>>()
        .join("\n");
    e.set("prose_talk", f32::from(LISTS.talk_phrase(&prose)));
    prose_people(&prose, ctx, e);
}

/// A labelled speaker line after the description ("Speaker(s): Jane Doe, John Roe" closing
/// a talk's abstract): read when it is the only one in the unit's own text, so that a
/// section holding several talks does not take all their speakers.
fn late_label_people(later: &[&Block], ctx: &Reading, e: &mut Evidence) {
    let mut lines = later
        .iter()
        .flat_map(|b| b.inline.first_lines(NEAR_LINES))
        .filter(|l| speaker_line(&strip_time(l)).is_some());
    if let (Some(line), None) = (lines.next(), lines.next()) {
        label_people(std::slice::from_ref(&line), ctx, e);
    }
}

/// A labelled speaker line among the first lines.
fn label_people(near: &[Inline], ctx: &Reading, e: &mut Evidence) {
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut hide = Vec::new();
    for (i, line) in near.iter().enumerate() {
        let stripped = strip_time(line);
        // "Speakers:" alone, the names on the lines below ("- Jane Doe", "- John Roe")
        let t = stripped.text.trim();
        if is_bare_label(t) {
            for below in &near[i + 1..] {
                let Some(found) = parse_speakers(below.text.trim(), 0, &below.links, Names::Line)
                    .map(|(found, _)| found)
                    .or_else(|| person_with_role(below))
                else {
                    break;
                };
                add_new(&mut speakers, found);
                hide.extend(below.source_range(0..below.text.len()));
            }
            continue;
        }
        if let Some((found, _)) = speaker_line(&stripped) {
            add_new(&mut speakers, found);
            if let Some(r) = line.source_range(0..line.text.len()) {
                hide.push(r);
            }
        }
    }
    if !speakers.is_empty() {
        let likelihood = 0.5 + 0.5 * least_likely(&speakers, ctx);
        e.set("label", 1.0);
        e.people.push(Candidate {
            position: Position::Label,
            speakers,
            likelihood,
            hide,
            title: None,
            consumed: Vec::new(),
        });
    }
}

/// `found` added to `speakers`, each once.
fn add_new(speakers: &mut Vec<Speaker>, found: Vec<Speaker>) {
    for s in found {
        if !speakers.contains(&s) {
            speakers.push(s);
        }
    }
}

/// "Jane Doe: Founder & CTO at Acme", "John Roe - Engineer, Widgets": under a speaker label,
/// a sure name opening the line, then what they do.
fn person_with_role(line: &Inline) -> Option<Vec<Speaker>> {
    let t = line.text.trim();
    let (at, sep) = [": ", "：", " - ", " – ", " — ", ", "]
        .iter()
        .filter_map(|sep| t.find(sep).map(|at| (at, *sep)))
        .min_by_key(|&(at, _)| at)?;
    let lead = line.text.len() - line.text.trim_start().len();
    let (mut found, strength) = parse_speakers(&t[..at], lead, &line.links, Names::Heading)?;
    if strength != Strength::Strong || found.len() != 1 {
        return None;
    }
    let role = t[at + sep.len()..].trim().trim_end_matches('.');
    if !role.is_empty() {
        found[0].affiliation.get_or_insert_with(|| role.to_string());
    }
    Some(found)
}

/// A line under a time ("10:00 -> 10:30 - Jane Doe") without its time.
fn strip_time(line: &Inline) -> std::borrow::Cow<'_, Inline> {
    let t = &line.text;
    if !TIME.is_match(t) {
        // most lines hold no time: read as they are, not copied
        return std::borrow::Cow::Borrowed(line);
    }
    let p = prefix_len(t);
    // "10:00 -> 10:30 - Jane": the arrow form the prefix does not know; "1:05 pm → 30 min,
    // Jane": how long it runs
    let after = &t[p..];
    let p = p + SLOT_TAIL.find(after).map_or(0, |m| m.end());
    let rest = &t[p..];
    let skip = rest
        .find(|c: char| c.is_alphabetic() || c == '@' || c == '＠')
        .unwrap_or(0);
    std::borrow::Cow::Owned(line.tail(p + skip, t.len()))
}

/// What may follow a slot's opening time before the names: "pm", the time it ends, arrows
/// and dashes, how long it runs ("1:05 pm → 30 min, Jane", "10:00 am - 10:30 am (30 min)").
static SLOT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:\s*(?:[ap]\.?m\.?(?-u:\b)|\d{1,2}\s*[:：]\s*\d{2}|[-–—~〜～→>|,;:]+",
        r"|[(（]?\d{1,3}\s*(?:minutes|minute|mins|min|分|hours|hour|hrs|hr|h)(?-u:\b)?[)）]?))*\s*"
    ))
    .expect("valid regex")
});

/// The first line under the unit, unlabelled: a name, maybe with where they work. In a
/// table cell (`in_cell`), a line that could only be a name ("LINE") gives way to a sure
/// name on the line after it ("LINE<br>森藤賢司さん": the company, then the person).
fn near_people(near: &[Inline], in_cell: bool, ctx: &Reading, e: &mut Evidence) {
    let mut found: Option<(Candidate, bool)> = None;
    // the first line, or one of the next two ("登壇者のトークセッション" over a line of names)
    for (k, first) in near.iter().take(3).enumerate() {
        let line = strip_time(first);
        let t = line.text.trim();
        if t.is_empty() || t.chars().count() > LEAD_LINE {
            continue;
        }
        if t.chars().count() > 90 {
            // too long to be a line of names, but it may open with one ("Jane Doe, Principal
            // Engineer at Acme, who has built …")
            if let Some(c) = lead_name(&line, ctx) {
                found = Some((c, false));
                break;
            }
            continue;
        }
        // a line that lists a talk of its own ("@a さん「…」") names that talk's speaker
        if line_talk(&line).is_some() || bold_credit(&line).is_some() {
            break;
        }
        match (near_line(k, &line, ctx), &found) {
            (Some((mut c, true)), _) => {
                // a panel named a line each ("Jane Doe - Director, X" over "John Roe - VP, Y")
                for next in near.iter().skip(k + 1).take(PANEL_LINES) {
                    match near_line(k, &strip_time(next), ctx) {
                        Some((more, true)) => {
                            c.likelihood = c.likelihood.min(more.likelihood);
                            c.speakers.extend(more.speakers);
                            c.hide.extend(more.hide);
                        }
                        _ => break,
                    }
                }
                found = Some((c, true));
                break;
            }
            (Some(weak), None) => {
                found = Some(weak);
                if !in_cell {
                    break;
                }
            }
            _ if found.is_some() => break,
            _ => {}
        }
    }
    if let Some((c, _)) = found {
        e.set("person_near", c.likelihood);
        e.people.push(c);
    }
}

/// The people one line under the unit names (the `k`th), and whether they are surely people.
fn near_line(k: usize, line: &Inline, ctx: &Reading) -> Option<(Candidate, bool)> {
    let t = line.text.trim();
    let lead = line.text.len() - line.text.trim_start().len();
    let later = if k == 0 { 1.0 } else { 0.8 };
    // "**Jane Doe** — Acme": a bold name opening the line
    let bold = line
        .strong
        .first()
        .filter(|b| line.text[..b.start].trim().is_empty())
        .and_then(|b| {
            let (speakers, strength) =
                parse_speakers(&line.text[b.clone()], b.start, &line.links, Names::Heading)?;
            (strength == Strength::Strong).then(|| (speakers, Strength::Strong, 0.8, b.clone()))
        });
    let whole = || {
        let (speakers, strength) = parse_speakers(t, lead, &line.links, Names::Heading)?;
        let base = match (strength, speakers.len()) {
            (Strength::Strong, 1) => 0.8,
            // a line of several names: a panel
            (Strength::Strong, _) => 0.85,
            (Strength::Weak, _) => 0.4,
        };
        Some((speakers, strength, base, 0..line.text.len()))
    };
    let Some((speakers, strength, base, range)) = bold.or_else(whole) else {
        return lead_name(line, ctx).map(|mut c| {
            c.likelihood *= later;
            (c, false)
        });
    };
    let l = backed(base * later, &speakers, ctx);
    let candidate = Candidate {
        position: Position::Near,
        speakers,
        likelihood: l,
        hide: line.source_range(range).into_iter().collect(),
        title: None,
        consumed: Vec::new(),
    };
    Some((candidate, strength == Strength::Strong))
}

/// The most lines after a line of names read as more of a panel's names.
const PANEL_LINES: usize = 5;

/// The longest line read for a name opening it.
const LEAD_LINE: usize = 200;

/// A name opening the line before a comma, what follows describing the person ("Jane Doe,
/// Docker Captain and community leader", "[Jane](https://www.linkedin.com/in/jane), Site
/// Reliability Engineer at Acme, …"): the line does not read as names throughout, so the
/// name counts for less than a line of names.
fn lead_name(line: &Inline, ctx: &Reading) -> Option<Candidate> {
    let t = line.text.trim_end();
    let lead = t.len() - t.trim_start().len();
    // "Jane Doe; Terraform": what follows a semicolon describes the talk, not the person
    let comma = t.find([',', ';'])?;
    let head = &t[lead..comma];
    let words = head.split_whitespace().count();
    if !(1..=4).contains(&words) || t[comma + 1..].trim().is_empty() {
        return None;
    }
    let (mut speakers, strength) = parse_speakers(head, lead, &line.links, Names::Heading)?;
    let [speaker] = speakers.as_mut_slice() else {
        return None;
    };
    if speaker.affiliation.is_none() {
        speaker.affiliation = Some(t[comma + 1..].trim().to_string());
    }
    let base = if strength == Strength::Strong {
        0.6
    } else {
        0.3
    };
    Some(Candidate {
        position: Position::Near,
        likelihood: backed(base, &speakers, ctx),
        speakers,
        hide: line.source_range(lead..comma).into_iter().collect(),
        title: None,
        consumed: Vec::new(),
    })
}

/// Sub-headings that name the unit's speakers: a labelled one anywhere among its children
/// ("### Speaker: Jane Doe", "#### 発表者" over a line of names), else person-only ones
/// ("### Jane Doe (Acme)", several "#### Name - Role").
fn sub_people(outline: &Outline, units: &Units, u: usize, ctx: &Reading, e: &mut Evidence) {
    if units.units[u].kind != UnitKind::Heading {
        return;
    }
    let children: Vec<usize> = (u + 1..units.units.len())
        .take_while(|&c| units.units[c].span.start < units.units[u].span.end)
        .filter(|&c| units.units[c].parent == Some(u) && units.units[c].kind == UnitKind::Heading)
        .collect();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut hide = Vec::new();
    let mut consumed = Vec::new();
    let mut labelled = false;
    let mut strong = true;
    for (k, &c) in children.iter().enumerate() {
        let sub = &units.units[c];
        let p = prefix_len(&sub.head.text);
        let inline = sub.head.tail(p, sub.head.text.len());
        let t = inline.text.trim();
        let range = outline.items.get(sub.at).map(|i| i.range().clone());
        // "#### 発表者" alone: the names are the first line under it
        if is_bare_label(t)
            && let Some(Item::Block(b)) = outline.items.get(sub.at + 1)
            && let Some(line) = b.inline.first_lines(1).first()
            && let Some((found, _)) = parse_speakers(line.text.trim(), 0, &line.links, Names::Line)
        {
            speakers.extend(found);
            hide.extend(range);
            hide.extend(line.source_range(0..line.text.len()));
            consumed.push(c);
            labelled = true;
            continue;
        }
        if let Some((found, _)) = speaker_line(&inline) {
            speakers.extend(found);
            hide.extend(range);
            consumed.push(c);
            labelled = true;
            continue;
        }
        // person-only sub-headings count from the first child on, while they last; a
        // sub-heading that carries a title of its own ("Dan Kohn - Stitching things
        // together") is a talk, not a speaker line, and one with a time ("### 11:30 Jane
        // Doe") is a slot of the programme
        let timed = TIME.is_match(&sub.head.text[..p]);
        let split = heading_split(&inline);
        // "#### Jane Doe - Principal Engineer, Acme": a person and what they do is a speaker
        // line too (the split keeps the whole heading as its title)
        let person_and_role = split
            .as_ref()
            .is_some_and(|s| !s.speakers.is_empty() && s.title == clean_title(t));
        if labelled
            || timed
            || (k > 0 && consumed.len() < k)
            || (split.is_some() && !person_and_role)
        {
            continue;
        }
        let found = match split {
            Some(s) => Some((s.speakers, s.strength)),
            None => parse_speakers(t, 0, &inline.links, Names::Heading),
        };
        if let Some((found, strength)) = found {
            // after sure names, a word that could be a name ("#### Payload") ends them
            if !person_and_role && strength == Strength::Weak && strong && !speakers.is_empty() {
                break;
            }
            strong &= strength == Strength::Strong;
            speakers.extend(found);
            hide.extend(range);
            consumed.push(c);
        }
    }
    if speakers.is_empty() {
        return;
    }
    let base = if labelled {
        0.95
    } else if strong {
        0.85
    } else {
        0.4
    };
    let l = backed(base, &speakers, ctx);
    e.set("person_sub", l);
    e.people.push(Candidate {
        position: Position::Sub,
        speakers,
        likelihood: l,
        hide,
        title: None,
        consumed,
    });
}

/// People in a row's cells: the speaker columns, or a cell of clear names.
fn row_people(outline: &Outline, unit: &Unit, ctx: &Reading, e: &mut Evidence) {
    let Some(row) = &unit.row else { return };
    for &(i, speaker_col) in &row.cells {
        if let Some(Item::Block(b)) = outline.items.get(i) {
            cell_people(b, speaker_col, Position::Cell, ctx, e);
        }
    }
}

/// A heading's record (a one-row table right under it, `units::record_table`): the people
/// its speaker columns name, as a labelled line would.
fn record_people(outline: &Outline, unit: &Unit, ctx: &Reading, e: &mut Evidence) {
    if unit.kind != UnitKind::Heading {
        return;
    }
    let Some((cells, columns)) = super::units::record_table(outline, unit.body.start) else {
        return;
    };
    for b in cells {
        if b.cell
            .is_some_and(|c| c.row == 1 && columns.speakers.contains(&c.col))
        {
            cell_people(b, true, Position::Label, ctx, e);
        }
    }
}

/// The people one table cell names, taken at `position`: surely in a column the header calls
/// speakers, or a cell of clear names elsewhere.
fn cell_people(b: &Block, speaker_col: bool, position: Position, ctx: &Reading, e: &mut Evidence) {
    let t = b.inline.text.trim();
    if t.is_empty() {
        return;
    }
    let Some((speakers, strength)) = parse_speakers(t, 0, &b.inline.links, Names::Line)
        .or_else(|| speaker_col.then(|| nickname(t)).flatten())
    else {
        return;
    };
    // "ALL", "全員": the whole room, no one in particular (nor anyone's nickname)
    if speakers.iter().all(|s| LISTS.not_name(&s.name)) {
        return;
    }
    // a column the header calls speakers is a speaker label: as sure as a labelled line
    let l = match (speaker_col, strength) {
        (true, _) => 0.5 + 0.5 * least_likely(&speakers, ctx),
        (false, Strength::Strong) => backed(0.5, &speakers, ctx),
        (false, Strength::Weak) => return,
    };
    e.set("person_near", e.get("person_near").max(l));
    if speaker_col {
        e.set("label", 1.0);
    }
    e.people.push(Candidate {
        position,
        speakers,
        likelihood: l,
        hide: vec![b.range.clone()],
        title: None,
        consumed: Vec::new(),
    });
}

/// "yufuinn", "Katsuaki_TAKAGI": in a column the header calls speakers, one short word is
/// someone's nickname or handle, though no name list knows it (weak: the column vouches).
fn nickname(cell: &str) -> Option<(Vec<Speaker>, Strength)> {
    let t = cell.trim();
    let word = !t.is_empty()
        && t.chars().count() <= 24
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | 'ー' | '・'));
    word.then(|| {
        (
            vec![Speaker {
                name: t.to_string(),
                handle: None,
                affiliation: None,
                honorific: false,
            }],
            Strength::Weak,
        )
    })
}

/// People credited in the first sentences.
fn prose_people(prose: &str, ctx: &Reading, e: &mut Evidence) {
    let mut speakers: Vec<Speaker> = Vec::new();
    // every match of JA_CREDIT holds an honorific (さん, 氏, 様), every match of EN_CREDIT one
    // of its words: prose without them is not searched at all (a search, even of empty
    // text, takes a cache and sets up captures from the expression's pool)
    let ja = prose.contains(['さ', '氏', '様']);
    let ja_credits = ja.then(|| JA_CREDIT.captures_iter(prose));
    for c in ja_credits.into_iter().flatten() {
        if let Some(w) = c.name("who")
            && let Some((found, _)) = parse_speakers(w.as_str(), 0, &[], Names::Line)
        {
            speakers.extend(found);
        }
    }
    let en = EN_CREDIT_WORDS.is_match(prose);
    // "a talk given by Jane Doe" credits the talk in so many words, as a label line does;
    // "Jane Doe opened …" only tells what someone did
    let mut credited: Vec<Speaker> = Vec::new();
    let en_credits = en.then(|| EN_CREDIT.captures_iter(prose));
    for c in en_credits.into_iter().flatten() {
        let (w, to) = match (c.name("a"), c.name("b")) {
            (Some(a), _) => (a, &mut speakers),
            (None, Some(b)) => (b, &mut credited),
            (None, None) => continue,
        };
        if let Some((found, Strength::Strong)) = parse_speakers(w.as_str(), 0, &[], Names::Heading)
        {
            to.extend(found);
        }
    }
    speakers.dedup_by(|a, b| a.name == b.name);
    credited.dedup_by(|a, b| a.name == b.name);
    if !credited.is_empty() {
        let l = backed(PROSE_CREDIT, &credited, ctx);
        prose_candidate(credited, l, e);
    }
    if !speakers.is_empty() {
        let l = 0.75 * least_likely(&speakers, ctx);
        prose_candidate(speakers, l, e);
    }
    // people the report links to a profile, named in the first sentences ("Kudos to [Jane
    // Doe](https://www.linkedin.com/in/jdoe) for …"): persons, if not surely the speakers
    let linked: Vec<Speaker> = ctx
        .profiled
        .within(prose)
        .into_iter()
        .filter_map(|n| parse_speakers(&n, 0, &[], Names::Line))
        .flat_map(|(found, _)| found)
        .collect();
    if !linked.is_empty() {
        prose_candidate(linked, PROFILED_IN_PROSE, e);
    }
}

/// How likely a person the first sentences credit with the talk ("a talk by Jane Doe") is
/// its speaker, before the name's own likelihood.
const PROSE_CREDIT: f32 = 0.85;

/// How likely people linked to a profile in a talk's first sentences are its speakers.
const PROFILED_IN_PROSE: f32 = 0.6;

fn prose_candidate(speakers: Vec<Speaker>, l: f32, e: &mut Evidence) {
    e.set("prose_person", e.get("prose_person").max(l));
    e.people.push(Candidate {
        position: Position::Prose,
        speakers,
        likelihood: l,
        hide: Vec::new(),
        title: None,
        consumed: Vec::new(),
    });
}

/// Evidence from a unit's parent and children.
fn relations(units: &Units, ev: &mut [Evidence]) {
    let n = units.units.len();
    let mut children = vec![0usize; n];
    let mut child_person = vec![0usize; n];
    for (u, unit) in units.units.iter().enumerate() {
        if let Some(p) = unit.parent
            && units.units[p].kind == unit.kind
        {
            children[p] += 1;
            if person_like(&ev[u]) {
                child_person[p] += 1;
            }
        }
    }
    // whether a parent's head names an event, read once per parent, not once per child
    let mut names_event: Vec<Option<bool>> = vec![None; n];
    for u in 0..n {
        ev[u].set("children", ((1 + children[u]) as f32).ln() / 3.0);
        if children[u] > 0 {
            ev[u].set("child_person", child_person[u] as f32 / children[u] as f32);
        }
        if let Some(p) = units.units[u].parent {
            let (cat, talky, slot) = {
                let pe = &ev[p];
                (
                    pe.get("category"),
                    f32::from(talky(pe)),
                    pe.get("slot").max(pe.get("time")),
                )
            };
            ev[u].set("parent_category", cat);
            ev[u].set("parent_talky", talky);
            ev[u].set("parent_slot", slot);
            let event =
                *names_event[p].get_or_insert_with(|| LISTS.event_name(&units.units[p].head.text));
            ev[u].set("parent_event", f32::from(event));
            // "- Speakers:" over "- Jane Doe: CTO at Acme": a person's entry, not a talk
            let label = is_bare_label(units.units[p].head.text.trim());
            ev[u].set("parent_label", f32::from(label));
            // "## Links", "## 参加者のブログ": what a section of references lists is no talk
            let refs = units.units[p].kind == UnitKind::Heading
                && LISTS.references(&units.units[p].head.text);
            ev[u].set("parent_refs", f32::from(refs));
        }
    }
}

/// Whether a unit names a person near its start.
fn person_like(e: &Evidence) -> bool {
    e.get("label") > 0.0
        || e.best(&[
            Position::Head,
            Position::Near,
            Position::Sub,
            Position::Cell,
        ]) >= 0.5
}

/// Whether a unit carries its own evidence of a talk.
fn talky(e: &Evidence) -> bool {
    person_like(e) || e.get("code") > 0.0 || e.get("slides") > 0.0
}

/// The shape a unit's head is written in: what opens it and how it is split.
fn shape(e: &Evidence) -> u8 {
    let mut s = 0u8;
    for (i, f) in ["time", "code", "number", "quoted", "head_link", "talk_word"]
        .iter()
        .enumerate()
    {
        if e.get(f) > 0.0 {
            s |= 1 << i;
        }
    }
    if e.get("person_head") > 0.0 {
        s |= 1 << 6;
    }
    if e.get("person_only") > 0.0 {
        s |= 1 << 7;
    }
    s
}

/// Evidence over each unit's sibling set.
fn siblings(units: &Units, ev: &mut [Evidence]) {
    for set in &units.sets {
        let m = &set.members;
        let n = m.len() as f32;
        // what the set's talks carry is counted over the members that are not plainly a
        // break, a summary or a documentation section, as decide.rs counts them
        let mut core: Vec<usize> = m
            .iter()
            .copied()
            .filter(|&u| !ev[u].plainly_other())
            .collect();
        if core.is_empty() {
            core.clone_from(m);
        }
        let mean = |f: &dyn Fn(&Evidence) -> f32, of_core: bool| {
            let over = if of_core { &core } else { m };
            over.iter().map(|&u| f(&ev[u])).sum::<f32>() / over.len() as f32
        };
        let person = mean(&|e| f32::from(person_like(e)), true);
        let time = mean(&|e| e.get("time"), true);
        let code = mean(&|e| e.get("code"), true);
        let slides = mean(&|e| e.get("slides"), true);
        let talk = mean(&|e| e.get("talk_word"), true);
        let non_talk = mean(&|e| e.get("non_talk"), false);
        let doc = mean(&|e| e.get("doc_word"), false);
        let body = mean(&|e| e.get("body_len"), true);
        let prose = mean(
            &|e| e.get("prose_talk").max(e.get("prose_person").min(1.0)),
            true,
        );
        let label = mean(&|e| e.get("label"), true);
        let shapes: Vec<u8> = m.iter().map(|&u| shape(&ev[u])).collect();
        let mut count = [0usize; 256];
        for &s in &shapes {
            count[usize::from(s)] += 1;
        }
        for (k, &u) in m.iter().enumerate() {
            let same = count[usize::from(shapes[k])] as f32;
            let e = &mut ev[u];
            e.set("set_size", (1.0 + n).ln() / 3.0);
            e.set("set_person", person);
            e.set("set_time", time);
            e.set("set_code", code);
            e.set("set_slides", slides);
            e.set("set_talk", talk);
            e.set("set_non_talk", non_talk);
            e.set("set_doc", doc);
            e.set("set_body", body);
            e.set("set_shape", same / n);
            e.set("set_prose", prose);
            e.set("set_label", label);
        }
    }
}

/// Evidence about the whole report: is it about an event at all?
fn document(outline: &Outline, units: &Units, front: &FrontMatter, ev: &mut [Evidence]) {
    let mut head = String::new();
    if let Some(t) = &front.title {
        head.push_str(t);
        head.push('\n');
    }
    for t in &front.tags {
        head.push_str(t);
        head.push('\n');
    }
    let mut blocks = 0;
    for it in &outline.items {
        match it {
            Item::Heading(h) if h.level <= 2 => {
                head.push_str(&h.inline.text);
                head.push('\n');
            }
            Item::Block(b) if blocks < 4 && b.kind == BlockKind::Paragraph => {
                head.push_str(crate::text::prefix_chars(&b.inline.text, 300));
                head.push('\n');
                blocks += 1;
            }
            _ => {}
        }
        if head.len() > 4000 {
            break;
        }
    }
    let editions = head.lines().filter(|l| LISTS.event_name(l)).count();
    let event = ((LISTS.event_words(&head)
        + editions.min(2)
        + titled_session(units)
        + timetable(units, ev)) as f32
        / 3.0)
        .min(1.0);
    // people the document names: a labelled speaker line, or names the lists know
    let people = ev
        .iter()
        .filter(|e| e.get("label") > 0.0 || e.named >= 0.7)
        .count();
    let headings: Vec<&Evidence> = units
        .units
        .iter()
        .zip(ev.iter())
        .filter(|(u, _)| u.kind == UnitKind::Heading)
        .map(|(_, e)| e)
        .collect();
    let docwords = if headings.is_empty() {
        0.0
    } else {
        headings.iter().filter(|e| e.get("doc_word") > 0.0).count() as f32 / headings.len() as f32
    };
    let intro = intro_words(outline, units);
    // a part at the top of the report lies under its title
    let title_event = front.title.as_deref().is_some_and(|t| LISTS.event_name(t));
    for (u, e) in ev.iter_mut().enumerate() {
        if units.units[u].parent.is_none() && !units.units[u].doc_title && title_event {
            e.set("parent_event", 1.0);
        }
        e.set("doc_event", event);
        // bounded: a report naming 200 people is no less about an event than one naming 20
        e.set("doc_people", (((1 + people) as f32).ln() / 3.0).min(1.0));
        e.set("doc_docwords", docwords);
        e.set("intro_words", intro[u]);
    }
}

/// 1 when the report holds a timetable: a set of sibling units (headings, items, rows)
/// that mostly open with a time of day ("## 11:00-11:45 Title", "| 9:30 AM | Session |"),
/// two at least; else 0. Guides and notes rarely open a heading with a clock time.
fn timetable(units: &Units, ev: &[Evidence]) -> usize {
    usize::from(units.sets.iter().any(|set| {
        let timed = set
            .members
            .iter()
            .filter(|&&m| ev[m].get("time") > 0.0)
            .count();
        timed >= 2 && 2 * timed >= set.members.len()
    }))
}

/// 1 when the report's title reads as one session's: it opens with a session code
/// ("GAM301 - …") or links to a session, slides or recording page; else 0.
fn titled_session(units: &Units) -> usize {
    units.units.iter().find(|u| u.doc_title).map_or(0, |u| {
        let linked = u.head.links.iter().any(|l| LISTS.slides(&l.url));
        usize::from(linked || SESSION_CODE.is_match(&u.head.text))
    })
}

/// A session code opening a title: letters and digits ("GAM301 -", "[DEV-07]"), not a
/// track's letters alone ("AWS: …" opens many a guide's title).
static SESSION_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(\[［【]?[A-Z]{2,6}-?\d{2,4}(?:-[A-Z0-9]{1,3})?\s*[:：)\]］】\-–—]")
        .expect("valid regex")
});

/// For list items: whether the paragraph or heading just before their list speaks of talks
/// ("Following was the agenda", "LTの資料は以下").
fn intro_words(outline: &Outline, units: &Units) -> Vec<f32> {
    // what stands before each outline item's list, found in one pass: the latest item that
    // is not part of a list
    let mut before: Vec<Option<usize>> = Vec::with_capacity(outline.items.len());
    let mut last = None;
    for (i, item) in outline.items.iter().enumerate() {
        before.push(last);
        let in_list =
            matches!(item, Item::Block(b) if b.kind == BlockKind::ListItem || b.depth > 0);
        if !in_list {
            last = Some(i);
        }
    }
    units
        .units
        .iter()
        .map(|u| {
            if u.kind != UnitKind::Item || u.level != 8 {
                return 0.0;
            }
            let talky = match before
                .get(u.at)
                .copied()
                .flatten()
                .map(|i| &outline.items[i])
            {
                Some(Item::Block(b)) => {
                    let t = crate::text::prefix_chars(&b.inline.text, 200);
                    LISTS.talk_word(t)
                        || LISTS.category(t)
                        || t.to_lowercase().contains("agenda")
                        || t.contains("以下")
                }
                Some(Item::Heading(h)) => {
                    LISTS.talk_word(&h.inline.text) || LISTS.category(&h.inline.text)
                }
                None => false,
            };
            f32::from(talky)
        })
        .collect()
}

/// Compiles this module's expressions and word automaton (`super::super::warm_up`).
pub(crate) fn warm_up() {
    for re in [&TIME, &CODE, &NUMBER, &JA_CREDIT, &EN_CREDIT, &SESSION_CODE] {
        LazyLock::force(re);
    }
    LazyLock::force(&EN_CREDIT_WORDS);
}

#[cfg(test)]
mod tests {
    use super::{reads_as_prose, session_code};

    #[test]
    fn session_codes_however_written() {
        for code in [
            "SRV325 - Leadership Session",
            "[DEV301] Title",
            "AC02: Title",
            "SVR 309 Wild Rydes Takes Off",
            "Title (ABC-12)",
        ] {
            assert!(session_code(code), "{code}");
        }
        for not in [
            "AWS::EC2::Instance",
            "Top 10 tips",
            "ISO 27001 in practice",
            "AWS 2019 recap",
        ] {
            assert!(!session_code(not), "{not}");
        }
    }

    #[test]
    fn running_text_is_prose_and_titles_are_not() {
        let prose = |t: &str| reads_as_prose(t, t.chars().count());
        assert!(prose(
            "Acme integrates with the platform. You can configure Acme to pass session tags."
        ));
        assert!(prose("本日は晴れ。会場は満席でした"));
        assert!(prose(&"word ".repeat(30)));
        assert!(!prose(
            "本当の負荷検知をお見せしますよ - cgroup v2 feat. PSI"
        ));
        assert!(!prose("Lambda vs. Fargate: Choosing a Runtime"));
        assert!(!prose("Scaling widgets at Acme"));
        assert!(!prose("AWS Summit Tokyo 2019 に参加しました。"));
    }
}
