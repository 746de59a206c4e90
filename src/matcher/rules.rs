//! Patterns no list can hold, recognised from a trigger word the automaton finds:
//! EC2 instance types (`c5.large`, `m5.2xlarge`, "C5インスタンス", "R6g instances") and
//! ARNs (`arn:aws:s3:::bucket` → the entry whose namespace is `s3`); and, found apart,
//! endpoints (`monitoring.us-east-1.amazonaws.com` → the entry with endpoint `monitoring`).
//!
//! Each rule looks around its trigger in the folded text and either yields one mention and
//! where scanning goes on, or nothing. No regex: these run inside the one pass.

use super::{Found, Found2, Matcher, Via};
use crate::dictionary::Needs;
use crate::text::is_word_byte;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `.large`, `.2xlarge`, … after an instance family.
    InstanceSize,
    /// "インスタンス" / "instance(s)" after an instance family written alone ("C5").
    InstanceWord,
    /// `arn:partition:namespace:…`.
    Arn,
}

/// Trigger words for the instance-type rule. Sizes are matched without their dot and
/// multiplier ("2xlarge" is found as "xlarge") and checked backwards.
pub const INSTANCE_TRIGGERS: &[(&str, Rule)] = &[
    ("nano", Rule::InstanceSize),
    ("micro", Rule::InstanceSize),
    ("small", Rule::InstanceSize),
    ("medium", Rule::InstanceSize),
    ("large", Rule::InstanceSize),
    ("xlarge", Rule::InstanceSize),
    ("metal", Rule::InstanceSize),
    ("インスタンス", Rule::InstanceWord),
    ("instance", Rule::InstanceWord),
    ("instances", Rule::InstanceWord),
];

pub fn apply(
    rule: Rule,
    m: &Matcher<'_>,
    hay: &[u8],
    start: usize,
    end: usize,
) -> Option<(Vec<Found>, usize)> {
    match rule {
        Rule::InstanceSize => instance_size(m, hay, start, end),
        Rule::InstanceWord => instance_word(m, hay, start, end),
        Rule::Arn => arn(m, hay, start, end),
    }
}

fn found(entry: usize, start: usize, end: usize, rule: &'static str) -> Found {
    Found {
        what: Found2::Entry {
            entry,
            needs: Needs::None,
            exact: false,
            via: Via::Rule(rule),
        },
        start,
        end,
    }
}

/// `c5.large`: digits and `x` before `large` are the multiplier, then a dot, then a family.
fn instance_size(
    m: &Matcher<'_>,
    hay: &[u8],
    start: usize,
    end: usize,
) -> Option<(Vec<Found>, usize)> {
    let entry = m.instance_entry?;
    if hay.get(end).is_some_and(|&b| is_word_byte(b) || b == b'.') {
        return None;
    }
    let mut j = start;
    while j > 0 && hay[j - 1].is_ascii_digit() {
        j -= 1;
    }
    if j != start && !hay[start..end].eq_ignore_ascii_case(b"xlarge") {
        return None;
    }
    if j == 0 || hay[j - 1] != b'.' {
        return None;
    }
    let family_end = j - 1;
    let family_start = family_start(hay, family_end)?;
    is_family(&hay[family_start..family_end]).then(|| {
        (
            vec![found(entry, family_start, end, "ec2-instance-type")],
            end,
        )
    })
}

/// "C5インスタンス", "M5 instances": a family written alone before the word.
fn instance_word(
    m: &Matcher<'_>,
    hay: &[u8],
    start: usize,
    end: usize,
) -> Option<(Vec<Found>, usize)> {
    let entry = m.instance_entry?;
    if hay.get(end).is_some_and(|&b| is_word_byte(b)) {
        return None;
    }
    let mut family_end = start;
    if family_end > 0 && hay[family_end - 1] == b' ' {
        family_end -= 1;
    }
    if family_end == 0 || !hay[family_end - 1].is_ascii_alphanumeric() {
        return None;
    }
    // Latin text needs the space ("C5instance" is no word); Japanese does not
    if family_end == start && hay[start].is_ascii() {
        return None;
    }
    let family_start = family_start(hay, family_end)?;
    let family = &hay[family_start..family_end];
    // written as a name: "C5", "R6g" (not "c5 instances", which prose rarely has)
    if !family[0].is_ascii_uppercase() {
        return None;
    }
    is_family(family).then(|| {
        (
            vec![found(entry, family_start, family_end, "ec2-instance-type")],
            end,
        )
    })
}

/// Start of the instance family that ends at `end`: letters, digits, `-`; not glued on.
fn family_start(hay: &[u8], end: usize) -> Option<usize> {
    let mut k = end;
    while k > 0 && (hay[k - 1].is_ascii_alphanumeric() || hay[k - 1] == b'-') {
        k -= 1;
    }
    if k == end || (k > 0 && is_word_byte(hay[k - 1])) {
        return None;
    }
    Some(k)
}

/// An EC2 instance family: a family's letters, a generation number, then optional attribute
/// letters ("c5", "m5d", "r6gd", "x2iezn", "mac1", "inf2", "u-6tb1").
fn is_family(f: &[u8]) -> bool {
    let f: Vec<u8> = f.to_ascii_lowercase();
    // high-memory instances: u-6tb1, u-12tb1
    if let Some(size) = f.strip_prefix(b"u-") {
        return size.ends_with(b"1") && size.iter().all(u8::is_ascii_alphanumeric);
    }
    let body = f.as_slice();
    let letters = body.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let digits = body[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let rest = &body[letters + digits..];
    const FAMILIES: &[&[u8]] = &[
        b"a", b"c", b"d", b"dl", b"f", b"g", b"gr", b"h", b"hpc", b"i", b"im", b"inf", b"is", b"m",
        b"mac", b"p", b"r", b"t", b"trn", b"u", b"vt", b"x", b"z",
    ];
    FAMILIES.contains(&&body[..letters])
        && (1..=2).contains(&digits)
        && rest.len() <= 6
        && rest
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// `arn:aws:s3:::bucket`, `arn:aws-cn:lambda:…`: the namespace names the entry.
fn arn(m: &Matcher<'_>, hay: &[u8], start: usize, _end: usize) -> Option<(Vec<Found>, usize)> {
    if start > 0 && is_word_byte(hay[start - 1]) {
        return None;
    }
    let token_end = hay[start..]
        .iter()
        .position(|&b| {
            b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b',' | b')' | b'>' | b']')
        })
        .map_or(hay.len(), |i| start + i);
    let token = std::str::from_utf8(&hay[start..token_end]).ok()?;
    let mut parts = token.split(':');
    let (_arn, partition, namespace) = (parts.next()?, parts.next()?, parts.next()?);
    let provider = match partition {
        p if p == "aws" || p.starts_with("aws-") => "aws",
        _ => return None,
    };
    parts.next()?; // region, maybe empty: an ARN has at least six parts
    let entry = *m
        .namespaces
        .get(&(provider.to_string(), namespace.to_ascii_lowercase()))?;
    Some((vec![found(entry, start, token_end, "arn")], token_end))
}

/// A host name under a provider's endpoint domain, and the entry it is the endpoint of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub start: usize,
    pub end: usize,
    pub entry: Option<usize>,
}

pub fn endpoint_found(entry: usize, start: usize, end: usize) -> Found {
    found(entry, start, end, "endpoint")
}

/// Every host name under an endpoint domain, in order. The service is named by the label
/// nearest the domain that is not a region or a modifier: `bucket.s3.us-west-2`,
/// `db.abc123.us-east-1.rds`, `id.execute-api.eu-west-1`; two labels may name it together
/// (`streams.dynamodb`), and a region glued on is dropped (`s3-us-west-2`,
/// `us-central1-aiplatform`).
pub fn endpoint_hosts(m: &Matcher<'_>, hay: &[u8]) -> Vec<Host> {
    let Some(ac) = &m.domains else {
        return Vec::new();
    };
    let host_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
    let mut out: Vec<Host> = Vec::new();
    for d in ac.find_iter(hay) {
        let (ds, de) = (d.start(), d.end());
        if out.last().is_some_and(|h| ds < h.end)
            || ds < 2
            || hay[ds - 1] != b'.'
            || hay.get(de).is_some_and(|&b| is_word_byte(b) || b == b'-')
        {
            continue;
        }
        let mut start = ds - 1;
        while start > 0 && host_byte(hay[start - 1]) {
            start -= 1;
        }
        while start < ds - 1 && matches!(hay[start], b'.' | b'-') {
            start += 1;
        }
        let mut end = de;
        while end < hay.len() && host_byte(hay[end]) {
            end += 1;
        }
        while end > de && matches!(hay[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if start >= ds - 1 {
            continue;
        }
        let provider = m.domain_provider[d.pattern().as_usize()];
        let labels: Vec<String> = String::from_utf8_lossy(&hay[start..ds - 1])
            .to_ascii_lowercase()
            .split('.')
            .map(str::to_string)
            .collect();
        out.push(Host {
            start,
            end,
            entry: endpoint_entry(m, provider, &labels),
        });
    }
    out
}

fn endpoint_entry(m: &Matcher<'_>, provider: usize, labels: &[String]) -> Option<usize> {
    let get = |label: &str| m.endpoints.get(&(provider, label.to_string())).copied();
    let i = labels
        .iter()
        .rposition(|l| !is_region(l) && !matches!(l.as_str(), "dualstack" | "fips"))?;
    if i > 0
        && let Some(e) = get(&format!("{}.{}", labels[i - 1], labels[i]))
    {
        return Some(e);
    }
    let label = labels[i].as_str();
    get(label).or_else(|| get(&without_region(label)))
}

/// `us-east-1`, `ap-northeast-1`, `us-gov-west-1`, `eu-central-2`; `us-central1`,
/// `asia-northeast1`.
fn is_region(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    let letters = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    match parts.as_slice() {
        // AWS: area, then words, then a number
        [area, words @ .., n] if !words.is_empty() => {
            area.len() == 2
                && letters(area)
                && words.iter().all(|w| letters(w))
                && !n.is_empty()
                && n.len() <= 2
                && n.bytes().all(|b| b.is_ascii_digit())
        }
        // Google Cloud: area, then a word ending in a number
        [area, zone] => {
            letters(area)
                && zone.len() > 1
                && zone.bytes().last().is_some_and(|b| b.is_ascii_digit())
                && letters(zone.trim_end_matches(|c: char| c.is_ascii_digit()))
        }
        _ => false,
    }
}

/// `s3-us-west-2` → `s3`, `s3-website-us-east-1` → `s3-website`, `us-central1-aiplatform` →
/// `aiplatform`; anything else unchanged.
fn without_region(label: &str) -> String {
    let parts: Vec<&str> = label.split('-').collect();
    for cut in 1..parts.len() {
        let (head, tail) = parts.split_at(cut);
        if is_region(&tail.join("-")) {
            return head.join("-");
        }
        if is_region(&head.join("-")) {
            return tail.join("-");
        }
    }
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_table() {
        for r in [
            "us-east-1",
            "ap-northeast-1",
            "us-gov-west-1",
            "us-central1",
            "asia-northeast1",
        ] {
            assert!(is_region(r), "{r}");
        }
        for n in [
            "s3",
            "execute-api",
            "compute-1",
            "s3-website",
            "streams",
            "us",
            "a-b-c",
        ] {
            assert!(!is_region(n), "{n}");
        }
        assert_eq!(without_region("s3-us-west-2"), "s3");
        assert_eq!(without_region("s3-website-us-east-1"), "s3-website");
        assert_eq!(without_region("us-central1-aiplatform"), "aiplatform");
        assert_eq!(without_region("compute-1"), "compute-1");
    }

    #[test]
    fn family_table() {
        for ok in [
            "c5", "m5d", "r6gd", "x2iezn", "mac1", "u-6tb1", "t3a", "p4d", "inf1", "C5",
        ] {
            assert!(is_family(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "ec2", "s3", "win10", "abcde1", "c", "5", "b2", "c123", "v1", "py3",
        ] {
            assert!(!is_family(bad.as_bytes()), "{bad}");
        }
    }
}
