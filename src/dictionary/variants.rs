//! Spellings the loader derives so that files list only what a person would write down:
//! the other provider prefix ("Amazon Fargate" for "AWS Fargate"), CamelCase split
//! ("Cloud Front") and multi-word joined ("AutoScaling"). The name without its prefix is never
//! derived: "Container Service" alone is a phrase, not a product; files write the bare forms
//! that are products ("Systems Manager"). Variants inherit the rules
//! of the alias they come from. A variant another entry writes down is that entry's; a
//! variant two entries would both get is ambiguous and neither gets it.

use std::collections::{BTreeMap, BTreeSet};

use super::load::{alias_key, same_alias};
use super::{Alias, Case, Dictionary};

pub fn add_variants(dict: &mut Dictionary) {
    // every written spelling of every entry (and provider) is taken
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    for p in &dict.providers {
        for a in &p.aliases {
            written.insert(alias_key(&a.text), format!("provider:{}", p.id));
        }
    }
    for e in &dict.entries {
        for a in e.spellings() {
            written
                .entry(alias_key(&a.text))
                .or_insert_with(|| e.id.clone());
        }
    }
    let prefixes: BTreeMap<String, Vec<String>> = dict
        .providers
        .iter()
        .map(|p| (p.id.clone(), p.prefixes.clone()))
        .collect();
    // every variant with the entries that would get it
    let mut made: Vec<Vec<Alias>> = Vec::with_capacity(dict.entries.len());
    let mut claims: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, e) in dict.entries.iter().enumerate() {
        let provider_prefixes = e
            .provider
            .as_ref()
            .and_then(|p| prefixes.get(p))
            .cloned()
            .unwrap_or_default();
        let mut mine: Vec<Alias> = Vec::new();
        for a in e.spellings() {
            for v in variants_of(&a, &provider_prefixes) {
                let key = alias_key(&v.text);
                let taken = written.get(&key).is_some_and(|o| *o != e.id && !v.shared);
                if taken
                    || written.get(&key) == Some(&e.id)
                    || mine.iter().any(|m| same_alias(&m.text, &v.text))
                {
                    continue;
                }
                claims.entry(key).or_default().insert(i);
                mine.push(v);
            }
        }
        made.push(mine);
    }
    // a variant two entries would share is ambiguous: neither gets it
    let mut dropped = Vec::new();
    for (i, (e, mine)) in dict.entries.iter_mut().zip(made).enumerate() {
        for v in mine {
            let key = alias_key(&v.text);
            // a variant of a declared shared alias stays shared
            if claims.get(&key).is_some_and(|c| c.len() > 1) && !v.shared {
                if claims.get(&key).and_then(|c| c.iter().next()) == Some(&i) {
                    dropped.push(v.text.clone());
                }
                continue;
            }
            e.aliases.push(v);
        }
    }
    dropped.sort();
    dict.shared_variants = dropped;
}

/// The variants of one alias, given the provider's prefixes ("AWS", "Amazon").
pub fn variants_of(alias: &Alias, prefixes: &[String]) -> Vec<Alias> {
    let mut out: Vec<Alias> = Vec::new();
    let mut push = |text: String, case: Case| {
        if text != alias.text && !out.iter().any(|a| a.text == text) {
            out.push(Alias {
                text,
                case,
                needs: alias.needs,
                shared: alias.shared,
                generated: true,
                not_before: alias.not_before.clone(),
            });
        }
    };
    let text = alias.text.trim();
    let prefix = prefixes.iter().find(|p| {
        text.len() > p.len() + 1 && text.starts_with(p.as_str()) && text[p.len()..].starts_with(' ')
    });
    let (head, rest) = match prefix {
        Some(p) => (Some(p.as_str()), text[p.len() + 1..].trim()),
        None => (None, text),
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    if let Some(head) = head {
        for other in prefixes {
            if other != head {
                push(format!("{other} {rest}"), alias.case);
            }
        }
    }
    // spacing variants of the part after the prefix, with every prefix and without
    let mut spaced = Vec::new();
    if let Some(split) = camel_split(rest) {
        spaced.push(split);
    }
    if (2..=4).contains(&words.len()) && words.iter().all(|w| joinable(w)) {
        spaced.push(words.concat());
    }
    for s in spaced {
        match head {
            // with a prefix only: a bare joined remainder ("KeyManagementService") is noise
            Some(_) => {
                for p in prefixes {
                    push(format!("{p} {s}"), alias.case);
                }
            }
            None => push(s, alias.case),
        }
    }
    out
}

/// "CloudFront" → "Cloud Front", "DynamoDB Global Tables" → "Dynamo DB Global Tables":
/// split where a lower-case letter meets an upper-case one and both sides have two letters.
fn camel_split(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 4);
    let mut changed = false;
    for word in text.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        let mut start = 0;
        if !chars.first().is_some_and(char::is_ascii_uppercase) {
            out.push_str(word);
            continue;
        }
        for i in 1..chars.len() {
            let joint = chars[i - 1].is_ascii_lowercase() && chars[i].is_ascii_uppercase();
            if joint
                && i - start >= 2
                && chars.len() - i >= 2
                && chars[start..i].iter().all(|c| c.is_ascii_alphabetic())
            {
                out.extend(&chars[start..i]);
                out.push(' ');
                start = i;
                changed = true;
            }
        }
        out.extend(&chars[start..]);
    }
    changed.then_some(out)
}

fn joinable(word: &str) -> bool {
    word.chars().count() >= 2
        && word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(alias: &str, case: Case) -> Vec<String> {
        let prefixes = vec!["AWS".to_string(), "Amazon".to_string()];
        let a = Alias {
            text: alias.to_string(),
            case,
            needs: Default::default(),
            shared: false,
            generated: false,
            not_before: Vec::new(),
        };
        variants_of(&a, &prefixes)
            .into_iter()
            .map(|v| {
                format!(
                    "{}{}",
                    v.text,
                    if v.case == Case::Exact { " =" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn variants_table() {
        let rows: [(&str, &[&str]); 7] = [
            ("AWS Fargate", &["Amazon Fargate"]),
            (
                "AWS Systems Manager",
                &[
                    "Amazon Systems Manager",
                    "AWS SystemsManager",
                    "Amazon SystemsManager",
                ],
            ),
            ("CloudFront", &["Cloud Front"]),
            (
                "Amazon CloudFront",
                &["AWS CloudFront", "AWS Cloud Front", "Amazon Cloud Front"],
            ),
            ("Auto Scaling", &["AutoScaling"]),
            ("Lambda", &[]),
            ("iPhone", &[]),
        ];
        for (alias, want) in rows {
            assert_eq!(texts(alias, Case::Any), want, "{alias}");
        }
    }

    #[test]
    fn camel_split_table() {
        let rows = [
            ("DynamoDB", Some("Dynamo DB")),
            ("CircleCI", Some("Circle CI")),
            ("GuardDuty", Some("Guard Duty")),
            ("NeuVector", Some("Neu Vector")),
            ("macOS", None),
            ("ECS", None),
            ("eBPF", None),
        ];
        for (input, want) in rows {
            assert_eq!(camel_split(input).as_deref(), want, "{input}");
        }
    }
}
