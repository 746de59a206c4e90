//! Small text helpers shared by the stages: width folding, slugs for ids, line lookup.
//!
//! Nothing here knows about Markdown, dictionaries or graphs; these are pure functions on
//! strings, tested by tables below.

use unicode_normalization::UnicodeNormalization;

/// Fold one character for matching: full-width ASCII forms become ASCII (ＥＣ２ → EC2),
/// every Unicode space becomes `' '`. Everything else is returned unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{FF61}' => '。',
        '\u{FF64}' => '、',
        _ => c,
    }
}

/// `fold_char` over a string, with runs of white space collapsed to one space and the ends trimmed.
pub fn fold(s: &str) -> String {
    if is_folded_ascii(s) {
        return s.to_string();
    }
    fold_chars(s)
}

/// `fold` without its quick path for text that is folded already.
fn fold_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().map(fold_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `fold` leaves `s` as it is, seen quickly for ASCII text (most names and aliases):
/// no white space but single spaces between other characters.
pub fn is_folded_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().enumerate().all(|(i, &c)| {
            c.is_ascii()
                && !matches!(c, b'\t'..=b'\r')
                && !(c == b' ' && b.get(i + 1) == Some(&b' '))
        })
}

/// Whether a character glues to a Latin match: ASCII letters, digits and `_`.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A readable id fragment: NFKC, lower case, runs of anything but letters and digits become
/// one `-`. Letters outside ASCII are kept ("亀田-治伸"), so Japanese ids stay readable.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfkc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The key two spellings of one person's name share: NFKC, lower case, no white space.
pub fn name_key(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The first `n` characters of `s`.
pub fn prefix_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// `haystack.find(needle)` for a string needle. The standard library builds a two-way
/// searcher for every call, which costs more than searching the short lines that talk
/// inference looks at thousands of times per report. The needles there are separators
/// (" — ", " from "): the candidates are where their first byte other than a space occurs,
/// found with memchr. A match of one string in another always starts on a character boundary.
pub fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(k) = anchor(n) else {
        return Some(0);
    };
    memchr::memchr_iter(n[k], h)
        .filter_map(|i| i.checked_sub(k))
        .find(|&at| h[at..].starts_with(n))
}

/// `haystack.rfind(needle)` for a string needle, as `find_str`.
pub fn rfind_str(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(k) = anchor(n) else {
        return Some(h.len());
    };
    memchr::memrchr_iter(n[k], h)
        .filter_map(|i| i.checked_sub(k))
        .find(|&at| h[at..].starts_with(n))
}

/// The needle's first byte other than a space (its first byte if all are spaces): fewer
/// candidates than its opening space. None for an empty needle.
fn anchor(needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    Some(needle.iter().position(|&b| b != b' ').unwrap_or(0))
}

/// `haystack.to_ascii_lowercase().rfind(needle)` without the lowercased copy.
pub fn rfind_ascii_lowercase(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).rev().find(|&i| {
        h[i..i + n.len()]
            .iter()
            .zip(n)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// Byte ranges sorted by start, asked "does any of you overlap this range?" by binary
/// search: the furthest end so far among the ranges starting before the asked end decides.
#[derive(Debug, Clone)]
pub struct Overlaps {
    starts: Vec<usize>,
    furthest: Vec<usize>,
}

impl Overlaps {
    /// `ranges` as `(start, end)`, sorted by start.
    pub fn new(ranges: impl Iterator<Item = (usize, usize)>) -> Overlaps {
        let mut o = Overlaps {
            starts: Vec::new(),
            furthest: Vec::new(),
        };
        let mut far = 0;
        for (start, end) in ranges {
            far = far.max(end);
            o.starts.push(start);
            o.furthest.push(far);
        }
        o
    }

    pub fn any(&self, start: usize, end: usize) -> bool {
        let before = self.starts.partition_point(|&s| s < end);
        before > 0 && self.furthest[before - 1] > start
    }
}

/// Byte offsets of line starts, for turning offsets into 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// Line and column of many offsets at once, in their order. Columns are counted from the
    /// previous offset on the same line, so a long line with many offsets costs one pass.
    pub fn line_cols(&self, text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![(0, 0); offsets.len()];
        // (line, offset, column) of the last offset placed
        let mut last: Option<(usize, usize, usize)> = None;
        for i in order {
            let offset = offsets[i].min(text.len());
            let line = self.line(offset);
            let col = match last {
                Some((l, o, c)) if l == line && text.get(o..offset).is_some() => {
                    c + text.get(o..offset).map_or(0, |s| s.chars().count())
                }
                _ => self.line_col(text, offset).1,
            };
            last = Some((line, offset, col));
            out[i] = (line, col);
        }
        out
    }

    /// 1-based line and 1-based column in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_search_agrees_with_std() {
        let hays = [
            "",
            "a",
            "Title — Jane Doe — Acme",
            "x By y by z",
            "日本語 - 名前 - 会社",
            " - ",
        ];
        let needles = [" - ", " — ", " by ", "a", "名前", " ", "", "  ", "Acme"];
        for h in hays {
            for n in needles {
                assert_eq!(find_str(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(rfind_str(h, n), h.rfind(n), "{h:?} {n:?}");
                assert_eq!(
                    rfind_ascii_lowercase(h, n),
                    h.to_ascii_lowercase().rfind(n),
                    "{h:?} {n:?}"
                );
            }
        }
    }

    #[test]
    fn overlaps_table() {
        let o = Overlaps::new([(0, 10), (2, 3), (20, 25)].into_iter());
        assert!(o.any(5, 6) && o.any(9, 30) && o.any(24, 26));
        assert!(!o.any(10, 20) && !o.any(25, 40));
        assert!(!Overlaps::new(std::iter::empty()).any(0, 5));
    }

    #[test]
    fn fold_table() {
        let rows = [
            ("ＥＣ２", "EC2"),
            ("Ｌａｍｂｄａ＠Ｅｄｇｅ", "Lambda@Edge"),
            ("a\u{3000}b", "a b"),
            ("  Direct \n  Connect ", "Direct Connect"),
            ("ＥＣＳのＴａｓｋ", "ECSのTask"),
            ("", ""),
            ("AWS Lambda", "AWS Lambda"),
            (" AWS", "AWS"),
            ("AWS ", "AWS"),
            ("a  b", "a b"),
            ("a\tb", "a b"),
            ("a\u{1c}b", "a\u{1c}b"),
            ("a\u{b}\u{c}b\r", "a b"),
            (" ", ""),
        ];
        for (input, want) in rows {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
        // the quick path says a text is folded only when it is: every ASCII byte around a
        // letter and a space
        for c in (0u8..128).map(char::from) {
            for text in [
                format!("a{c}b"),
                format!("{c}a"),
                format!("a{c}"),
                format!("a {c}b"),
            ] {
                if is_folded_ascii(&text) {
                    assert_eq!(fold_chars(&text), text, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn slug_table() {
        let rows = [
            ("JAWS DAYS 2018", "jaws-days-2018"),
            ("  Jeff  Barr ", "jeff-barr"),
            ("亀田 治伸", "亀田-治伸"),
            ("ＪＡＷＳ－ＵＧ", "jaws-ug"),
            ("re:Invent 2022!", "re-invent-2022"),
            ("---", ""),
        ];
        for (input, want) in rows {
            assert_eq!(slug(input), want, "slug({input:?})");
        }
    }

    #[test]
    fn name_key_ignores_spaces_and_width() {
        assert_eq!(name_key("亀田 治伸"), name_key("亀田治伸"));
        assert_eq!(name_key("Ｊｅｆｆ　Ｂａｒｒ"), name_key("jeff barr"));
        assert_ne!(name_key("Jeff Barr"), name_key("Jeff Bar"));
    }

    #[test]
    fn line_index_counts_chars() {
        let text = "ab\nあいう x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap_or_default();
        assert_eq!(idx.line_col(text, x), (2, 5));
        let offsets = [x, 0, 4, 3, x];
        let one_by_one: Vec<_> = offsets.iter().map(|&o| idx.line_col(text, o)).collect();
        assert_eq!(idx.line_cols(text, &offsets), one_by_one);
    }
}
