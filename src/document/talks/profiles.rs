//! People a report links to a profile of its own (`Jane Doe: [LinkedIn](…)`,
//! `- Jane Doe [@jdoe](https://twitter.com/jdoe)`, `[Jane Doe](https://github.com/jdoe)`):
//! a name the report itself ties to a person's page is a person wherever else it stands,
//! in a heading's tail or at the start of a title, whatever the name lists know of it.

use std::collections::HashSet;

use crate::document::names;
use crate::document::outline::{Inline, Item, Outline};
use crate::document::words::LISTS;
use crate::text::name_key;

/// Names (as `name_key`s) the report links to a profile.
#[derive(Debug, Clone, Default)]
pub struct Profiled {
    keys: HashSet<String>,
    /// The names as written, longest first, to find them inside a line.
    names: Vec<String>,
}

impl Profiled {
    pub fn of(outline: &Outline) -> Profiled {
        let mut found = Profiled::default();
        for item in &outline.items {
            let inline = match item {
                Item::Heading(h) => &h.inline,
                Item::Block(b) => &b.inline,
            };
            if inline.links.is_empty() {
                continue;
            }
            for line in inline.lines() {
                for name in linked_names(&line) {
                    found.add(&name);
                }
            }
        }
        found
            .names
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        found
    }

    fn add(&mut self, name: &str) {
        if self.keys.insert(name_key(name)) {
            self.names.push(name.to_string());
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        !self.keys.is_empty() && self.keys.contains(&name_key(name))
    }

    /// The profiled names written in `text`, in the order they first stand there.
    pub fn within(&self, text: &str) -> Vec<String> {
        let mut found: Vec<(usize, &String)> = self
            .names
            .iter()
            .filter_map(|n| text.find(n.as_str()).map(|at| (at, n)))
            .collect();
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, n) in found {
            if !out.iter().any(|o| o.contains(n.as_str())) {
                out.push(n.clone());
            }
        }
        out
    }

    /// The profiled names that open `text`, or open it after a short label ending in a
    /// colon ("Session 2 (the duet): …"), joined by "&", "and", "," or "・": the names,
    /// where they start, and where the rest begins ("Saeid Dahl & Nikos Delis
    /// Edge-to-Cloud …" → both, and the title).
    pub fn leading(&self, text: &str) -> Option<(Vec<String>, usize, usize)> {
        if self.names.is_empty() {
            return None;
        }
        let labels = text
            .char_indices()
            .take(40)
            .filter(|&(_, c)| c == ':' || c == '：')
            .map(|(i, c)| i + c.len_utf8());
        std::iter::once(0)
            .chain(labels)
            .find_map(|from| self.leading_at(text, from))
    }

    fn leading_at(&self, text: &str, from: usize) -> Option<(Vec<String>, usize, usize)> {
        let mut at = from;
        let mut start = None;
        let mut taken = Vec::new();
        loop {
            let rest = &text[at..];
            let skip = rest.len() - rest.trim_start().len();
            let rest = &rest[skip..];
            let Some(name) = self.names.iter().find(|n| {
                rest.starts_with(n.as_str())
                    && !rest[n.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) else {
                break;
            };
            taken.push(name.clone());
            start.get_or_insert(at + skip);
            at += skip + name.len();
            let rest = &text[at..];
            let joined = ["&", "and ", ",", "、", "・", "/"]
                .iter()
                .find_map(|j| rest.trim_start().strip_prefix(j));
            match joined {
                Some(after) => at = text.len() - after.len(),
                None => break,
            }
        }
        if taken.is_empty() {
            return None;
        }
        // what follows the names, past a separator
        let rest = text[at..].trim_start_matches([' ', ':', '：', '-', '–', '—', '|', ',']);
        if rest.starts_with(|c: char| c.is_lowercase()) {
            // "[Jane Doe](…) for organising the event": a sentence about them, no title
            return None;
        }
        Some((taken, start.unwrap_or(from), text.len() - rest.len()))
    }
}

/// Whether a URL is a person's page on a social or code site.
fn profile_url(url: &str) -> bool {
    if super::super::speakers::social_handle(url).is_some() {
        return true;
    }
    let (host, path) = host_and_path(url);
    linkedin_member_page(host, &path)
        || (["github.com", "facebook.com", "instagram.com"].contains(&host) && path.len() == 1)
}

/// A URL's host (without `www.`) and the segments of its path.
fn host_and_path(url: &str) -> (&str, Vec<&str>) {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let host = rest.split('/').next().unwrap_or("");
    let path = rest
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .collect();
    (host, path)
}

/// A LinkedIn member's page (`linkedin.com/in/…`): a person's, not a company's.
fn linkedin_member_page(host: &str, path: &[&str]) -> bool {
    host.ends_with("linkedin.com") && path.first() == Some(&"in")
}

/// The names a line ties to profile links: a link's own text when it reads as a name, and
/// the words before the first such link ("Jane Doe: [LinkedIn](…)").
fn linked_names(line: &Inline) -> Vec<String> {
    let mut out = Vec::new();
    let mut profiles = false;
    for link in &line.links {
        if !profile_url(&link.url) {
            continue;
        }
        profiles = true;
        if let Some(t) = line.text.get(link.text.clone())
            && let Some(n) = as_name(t).or_else(|| linkedin_member(&link.url, t))
        {
            out.push(n);
        }
    }
    // "Jane Doe [Azure MVP](…) [@jdoe](…)": the words before the line's first link
    let first = line
        .links
        .first()
        .map(|l| l.text.start)
        .filter(|_| profiles);
    if let Some(start) = first
        && let Some(before) = line.text.get(..start)
        && let Some(n) = as_name(before)
    {
        out.push(n);
    }
    out
}

/// One capitalised word linking to a LinkedIn member's page ("[Gangadhar](https://www.
/// linkedin.com/in/gangadhar-r)"): LinkedIn's `/in/` pages are people's, so the word is a
/// person's name, though no list knows it and it has no surname.
fn linkedin_member(url: &str, text: &str) -> Option<String> {
    let t = text.trim();
    let (host, path) = host_and_path(url);
    let word = !t.contains(char::is_whitespace)
        && t.chars().count() >= 3
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    // the site's own name or a word ("LinkedIn", "Profile") is the link's label, no name
    let other = LISTS.role(t)
        || LISTS.organisation(t)
        || LISTS.talk_word(t)
        || names::plain_word(t)
        || host.contains(&t.to_lowercase());
    (linkedin_member_page(host, &path) && path.len() > 1 && word && !other).then(|| t.to_string())
}

/// A bit of text that could be someone's name: two to four words, or a short run of
/// Japanese, that no list knows as something else.
fn as_name(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches(['*', '-', '+', '•', '・'])
        .trim_end_matches([':', '：', '-', '–', '—', '|', ',', '(', '（', '['])
        .trim();
    let (t, _) = LISTS.strip_honorific(t);
    let t = t.trim();
    if t.is_empty() || t.starts_with('@') || t.contains(['[', ']', '(', ')', ':', '/']) {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let cjk = t
        .chars()
        .any(|c| !c.is_ascii() && c.is_alphabetic() && !c.is_lowercase())
        && !t.chars().any(|c| c.is_ascii_alphabetic());
    let fits = if cjk {
        (2..=10).contains(&t.chars().count()) && words.len() <= 2
    } else {
        (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let other = words
        .iter()
        .any(|w| LISTS.role(w) || LISTS.organisation(w) || LISTS.talk_word(w));
    (fits && !other && names::likelihood(t) >= 0.2).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(md: &str) -> Vec<String> {
        let p = Profiled::of(&crate::document::outline::parse(md, 0));
        let mut v = p.names.clone();
        v.sort();
        v
    }

    #[test]
    fn profile_lines_name_people() {
        let md = "Dana Fox: [LinkedIn](https://se.linkedin.com/in/dana-fox)\n\n\
                  * Lee Park [Hero](https://example.com/h) [@leep](https://twitter.com/leep)\n\
                  * [Omar Haddad](https://github.com/omarh)\n\
                  * Twitter: [@acme](https://twitter.com/acme)\n\
                  * [Docs](https://github.com/acme/docs)\n";
        assert_eq!(names_of(md), ["Dana Fox", "Lee Park", "Omar Haddad"]);
    }

    #[test]
    fn one_word_is_a_name_only_on_a_linkedin_member_page() {
        let md = "[Gangadhar](https://www.linkedin.com/in/gangadhar-r), SRE at Acme\n\n\
                  [Acme](https://www.linkedin.com/company/acme)\n\n\
                  [Docs](https://github.com/docs)\n\n\
                  [speaker](https://linkedin.com/in/someone)\n\n\
                  [Profile](https://linkedin.com/in/someone)\n\n\
                  [LinkedIn](https://www.linkedin.com/in/someone)\n";
        assert_eq!(names_of(md), ["Gangadhar"]);
    }

    #[test]
    fn leading_names_are_split_off() {
        let md = "- Saeid Dahl [x](https://twitter.com/sd)\n- Nikos Delis [y](https://x.com/nd)\n";
        let p = Profiled::of(&crate::document::outline::parse(md, 0));
        let t = "Saeid Dahl & Nikos Delis Edge-to-Cloud connectivity";
        let (who, from, at) = p.leading(t).expect("names lead");
        assert_eq!(who, ["Saeid Dahl", "Nikos Delis"]);
        assert_eq!((from, &t[at..]), (0, "Edge-to-Cloud connectivity"));
        let t = "Session 2 (the duet): Nikos Delis - Edge";
        let (who, from, at) = p.leading(t).expect("names lead");
        assert_eq!(
            (who.len(), &t[from..at], &t[at..]),
            (1, "Nikos Delis - ", "Edge")
        );
        assert!(p.leading("Saeid Dahlberg talks").is_none());
        assert!(p.leading("Saeid Dahl for organising the event").is_none());
        assert!(p.contains("saeid  dahl"));
    }
}
