//! Whether a piece of text is a person's name, as a likelihood between 0 and 1.
//!
//! The evidence: how the text is written (capitalised words, a Japanese surname and given
//! name, a space between them), given names and surnames from registry packages
//! (`dictionaries/sources/names/`, compiled in), and what speaks against a person: words that
//! head sections, roles, words of an organisation. Product names are the caller's to rule out
//! (the document stage is handed the dictionary's names).

mod hash;

use super::words::LISTS;

/// A table of lines, compiled in (`build.rs` writes it from the registry lists): each line a
/// key and what follows it, looked up by the key's hash in slots of where lines start, so
/// nothing is built at start and only the pages a lookup touches are read.
#[derive(Debug, Clone, Copy)]
struct Table {
    /// Every line, `key` then `sep` then the rest up to a line break.
    text: &'static str,
    /// Little-endian u32s, a power of two of them: where a line starts, or u32::MAX.
    slots: &'static [u8],
    sep: u8,
}

impl Table {
    /// What follows `key` and the separator on its line (empty when the separator is the
    /// line break), if the table holds `key`.
    fn find(&self, key: &str) -> Option<&'static str> {
        if key.contains(['\t', '\n']) {
            return None;
        }
        let text = self.text.as_bytes();
        let mask = self.slots.len() / 4 - 1;
        let mut i = (hash::hash(key) as usize) & mask;
        loop {
            let slot: [u8; 4] = self.slots[i * 4..i * 4 + 4].try_into().ok()?;
            let at = u32::from_le_bytes(slot);
            if at == u32::MAX {
                return None;
            }
            let at = at as usize;
            let after = at + key.len();
            if text[at..].starts_with(key.as_bytes()) && text.get(after) == Some(&self.sep) {
                let rest = &self.text[after + 1..];
                return Some(rest.find('\n').map_or(rest, |end| &rest[..end]));
            }
            i = (i + 1) & mask;
        }
    }
}

/// A name list: lower-case name → how common (0–1).
#[derive(Debug, Clone, Copy)]
struct List(Table);

impl List {
    fn get(&self, name: &str) -> Option<f32> {
        // keys in lower case: "McDonald" and "Mcdonald" are one name
        self.get_lower(&name.to_lowercase())
    }

    /// `get` of a name already lower-cased.
    fn get_lower(&self, name: &str) -> Option<f32> {
        self.0.find(name)?.parse().ok()
    }
}

#[derive(Debug)]
struct Lists {
    /// Lower-case English words: "General Warning" is two words, not a person.
    english: Table,
    given_latin: List,
    surnames_latin: List,
    given_ja: List,
    surnames_ja: List,
}

macro_rules! table {
    ($name:literal, $ext:literal, $sep:literal) => {
        Table {
            text: include_str!(concat!(env!("OUT_DIR"), "/names/", $name, ".", $ext)),
            slots: include_bytes!(concat!(env!("OUT_DIR"), "/names/", $name, ".slots")),
            sep: $sep,
        }
    };
}

static NAMES: Lists = Lists {
    english: table!("words", "txt", b'\n'),
    given_latin: List(table!("given-latin", "tsv", b'\t')),
    surnames_latin: List(table!("surnames-latin", "tsv", b'\t')),
    given_ja: List(table!("given-ja", "tsv", b'\t')),
    surnames_ja: List(table!("surnames-ja", "tsv", b'\t')),
};

/// Whether a word is a given name or surname the lists know fairly well ("Ruby", "Kim"),
/// in Latin or Japanese script.
pub fn known_token(word: &str) -> bool {
    let l = &NAMES;
    [
        &l.given_latin,
        &l.surnames_latin,
        &l.given_ja,
        &l.surnames_ja,
    ]
    .iter()
    .any(|list| list.get(word).is_some_and(|w| w >= 0.5))
}

/// Whether a word (any case) is an everyday English word ("Profile", "Here", "LinkedIn" is
/// not one) and no name the lists know fairly well.
pub fn plain_word(word: &str) -> bool {
    NAMES.english.find(&word.to_lowercase()).is_some() && !known_token(word)
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// How likely `name` (without honorific, handle or affiliation) is a person's name.
pub fn likelihood(name: &str) -> f32 {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > 40 {
        return 0.0;
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
                    | '<'
                    | '>'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '|'
                    | '_'
                    | '~'
                    | '、'
                    | ','
            )
    }) {
        return 0.0;
    }
    if is_latin(name) {
        // "JunjiKoide": a given name and a surname run together, as handles write them
        if let Some(split) = camel_pair(name) {
            return sigmoid(latin(name).max(latin(&split) - CAMEL_DOUBT));
        }
        return sigmoid(latin(name));
    }
    if name
        .chars()
        .all(|c| is_cjk(c) || c == ' ' || c == '\u{3000}' || c == '・')
    {
        return sigmoid(japanese(name));
    }
    // mixed scripts: "Nguyễn Văn A" is Latin (handled above); anything else is unlikely
    0.1
}

/// How much less a name run together ("JunjiKoide") is one than the same name spaced.
const CAMEL_DOUBT: f32 = 1.0;

/// "JunjiKoide" as "Junji Koide": one word of letters, capitalised, with one more capital
/// inside it after a lower-case letter, each part two letters or more.
fn camel_pair(word: &str) -> Option<String> {
    if !word.starts_with(char::is_uppercase) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // byte offsets of a capital after a lower-case letter: exactly one
    let mut cuts = word
        .char_indices()
        .zip(word.chars().skip(1))
        .filter(|&((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8());
    let cut = cuts.next()?;
    let (a, b) = word.split_at(cut);
    let parts_long = a.chars().nth(1).is_some() && b.chars().nth(1).is_some();
    (cuts.next().is_none() && parts_long).then(|| format!("{a} {b}"))
}

const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "la", "le", "du", "del", "dos", "das", "bin",
    "al", "ter", "ten",
];

/// Log-odds of a Latin-script name.
fn latin(name: &str) -> f32 {
    let words: Vec<&str> = name.split_whitespace().collect();
    let core: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))
        .collect();
    if core.is_empty() || core.len() > 4 || words.len() > 5 {
        return -6.0;
    }
    let lists = &NAMES;
    let mut score: f32 = match core.len() {
        1 => -1.0,
        2 => 1.0,
        3 => 0.5,
        _ => -1.5,
    };
    for (i, w) in core.iter().enumerate() {
        let w = w.trim_end_matches(['.', ',']);
        let Some(first) = w.chars().next() else {
            return -6.0;
        };
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        {
            return -6.0;
        }
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.iter().all(|c| c.is_uppercase());
        // "SVP", "AWS": an acronym; "J." an initial
        if all_caps && letters.len() < 4 && !(letters.len() == 1 && w.ends_with('.')) {
            score -= 3.0;
        }
        if !first.is_uppercase() {
            score -= 2.5;
        }
        // the word in lower case, once for every list that is asked about it
        let lower = w.to_lowercase();
        if LISTS.not_name_lower(&lower) {
            score -= 3.5;
        }
        if LISTS.role_lower(&lower) {
            score -= 2.5;
        }
        let given = lists.given_latin.get_lower(&lower);
        let surname = lists.surnames_latin.get_lower(&lower);
        // an English word is a name only when it is a common one ("Hung", "Rose")
        let common = given.unwrap_or(0.0).max(surname.unwrap_or(0.0));
        if common < 0.6 && lists.english.find(&lower).is_some() {
            score -= 1.5;
        }
        let last = i + 1 == core.len();
        score += match (i, last, given, surname) {
            // the first word a known given name, the last a known surname
            (0, false, Some(g), _) => 1.2 + g,
            (_, true, _, Some(s)) if core.len() > 1 => 1.2 + s,
            (_, _, Some(_), _) | (_, _, _, Some(_)) => 0.6,
            _ => -0.4,
        };
    }
    score
}

/// Log-odds of a name in Japanese script.
fn japanese(name: &str) -> f32 {
    let lists = &NAMES;
    // "全員", "参加者": words for people, no one's name
    if LISTS.not_name(name) {
        return -6.0;
    }
    // a name holds no particle of a phrase
    if name.contains(['の', 'は', 'を', 'が', 'で', 'に', 'と', 'へ', 'も']) {
        let kana_only = name.chars().all(|c| ('\u{3040}'..='\u{309F}').contains(&c));
        if !kana_only {
            return -4.0;
        }
    }
    let parts: Vec<&str> = name
        .split([' ', '\u{3000}', '・'])
        .filter(|p| !p.is_empty())
        .collect();
    let katakana = |s: &str| s.chars().all(is_katakana);
    match parts.as_slice() {
        [family, given] => {
            let (f, g) = (family.chars().count(), given.chars().count());
            if !(1..=5).contains(&f) || !(1..=6).contains(&g) {
                return -3.0;
            }
            let mut s = 1.5;
            if katakana(family) && katakana(given) {
                // "ダイアン グリーン": a foreign name in katakana
                return s;
            }
            if let Some(w) = lists.surnames_ja.get(family) {
                s += 1.0 + w;
            }
            if let Some(w) = lists.given_ja.get(given) {
                s += 0.8 + w;
            }
            s
        }
        [one] => {
            let n = one.chars().count();
            if !(2..=7).contains(&n) || katakana(one) {
                return -2.5;
            }
            // a known surname and a known given name written together: "沼口繁", "五味なぎさ"
            let chars: Vec<char> = one.chars().collect();
            let mut best: f32 = -1.5;
            for cut in 1..chars.len() {
                let family: String = chars[..cut].iter().collect();
                let given: String = chars[cut..].iter().collect();
                let f = lists.surnames_ja.get(&family);
                let g = lists.given_ja.get(&given);
                let s = match (f, g) {
                    (Some(f), Some(g)) => 1.5 + f + g,
                    (Some(f), None) if given.chars().count() <= 3 => -0.5 + f,
                    _ => -1.5,
                };
                best = best.max(s);
            }
            // a surname alone ("原", "田中")
            if let Some(w) = lists.surnames_ja.get(one) {
                best = best.max(-0.5 + w);
            }
            best
        }
        _ => -3.0,
    }
}

fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c, ' ' | '-' | '.' | '\'' | '’')
            || (c.is_alphabetic()
                && ((c as u32) < 0x0250 || (0x1E00..=0x1EFF).contains(&(c as u32))))
    })
}

/// A character of Japanese or Chinese writing: kana, kanji, 々.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x309F   // hiragana
        | 0x30A0..=0x30FF // katakana (with ・ and ー)
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x3005          // 々
    )
}

/// A katakana character (with ・ and ー).
pub(super) fn is_katakana(c: char) -> bool {
    ('\u{30A0}'..='\u{30FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled tables hold what the lists say, read the way they always were: every
    /// name in lower case with its highest weight (never below 0), every English word, and
    /// nothing else.
    #[test]
    fn tables_hold_the_lists() {
        let lists: [(&str, List); 4] = [
            (
                include_str!("../../dictionaries/sources/names/given-latin.tsv"),
                NAMES.given_latin,
            ),
            (
                include_str!("../../dictionaries/sources/names/surnames-latin.tsv"),
                NAMES.surnames_latin,
            ),
            (
                include_str!("../../dictionaries/sources/names/given-ja.tsv"),
                NAMES.given_ja,
            ),
            (
                include_str!("../../dictionaries/sources/names/surnames-ja.tsv"),
                NAMES.surnames_ja,
            ),
        ];
        for (tsv, list) in lists {
            let mut want: std::collections::HashMap<String, f32> = Default::default();
            for line in tsv.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut fields = line.split('\t');
                let (Some(name), Some(weight)) = (fields.next(), fields.next()) else {
                    continue;
                };
                let Ok(w) = weight.trim().parse::<f32>() else {
                    continue;
                };
                let w = w.max(want.get(&name.to_lowercase()).copied().unwrap_or(0.0));
                want.insert(name.to_lowercase(), w);
            }
            for (name, w) in &want {
                assert_eq!(
                    list.get(name).map(f32::to_bits),
                    Some(w.to_bits()),
                    "{name}"
                );
                assert_eq!(
                    list.get(&name.to_uppercase()).is_some(),
                    want.contains_key(&name.to_uppercase().to_lowercase())
                );
            }
            assert_eq!(list.0.text.lines().count(), want.len());
            assert_eq!(list.get("no such name\tat all"), None);
        }
        let words = include_str!("../../dictionaries/sources/words.txt");
        let want: std::collections::HashSet<&str> =
            words.lines().filter(|l| !l.starts_with('#')).collect();
        for w in &want {
            assert!(NAMES.english.find(w).is_some(), "{w}");
        }
        assert_eq!(NAMES.english.text.lines().count(), want.len());
        assert!(NAMES.english.find("qqqzzz").is_none());
    }

    #[test]
    fn names_run_together_split_at_their_one_inner_capital() {
        assert_eq!(camel_pair("JunjiKoide").as_deref(), Some("Junji Koide"));
        assert_eq!(camel_pair("ÉmileZola").as_deref(), Some("Émile Zola"));
        assert_eq!(camel_pair("McDonald").as_deref(), Some("Mc Donald"));
        for not in [
            "JavaScriptCore",
            "JKoide",
            "JunjiK",
            "junjiKoide",
            "Junji Koide",
            "AB",
        ] {
            assert_eq!(camel_pair(not), None, "{not}");
        }
    }

    #[test]
    fn likelihood_table() {
        // (text, at least, at most)
        let rows: &[(&str, f32, f32)] = &[
            ("Cheryl Hung", 0.8, 1.0),
            ("Kelsey Hightower", 0.7, 1.0),
            ("Nguyễn Văn Tuấn", 0.6, 1.0),
            ("Suman Debnath", 0.6, 1.0),
            ("沼口繁", 0.6, 1.0),
            ("五味なぎさ", 0.6, 1.0),
            ("亀田 治伸", 0.8, 1.0),
            ("ダイアン グリーン", 0.6, 1.0),
            ("JunjiKoide", 0.5, 1.0),
            ("JavaScript", 0.0, 0.3),
            ("CloudFormation", 0.0, 0.3),
            ("DynamoDB", 0.0, 0.3),
            ("Config Rule", 0.0, 0.2),
            ("General Warning", 0.0, 0.4),
            ("Unsupported Sid", 0.0, 0.5),
            ("Dead-letter Queue", 0.0, 0.3),
            ("Return values", 0.0, 0.1),
            ("SVP AWS", 0.0, 0.05),
            ("自分の話", 0.0, 0.05),
            ("The Future of Humans", 0.0, 0.1),
            ("Part 1", 0.0, 0.0),
        ];
        for &(text, lo, hi) in rows {
            let p = likelihood(text);
            assert!((lo..=hi).contains(&p), "{text:?}: {p}");
        }
    }
}
