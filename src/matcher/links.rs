//! Tools no dictionary lists, found where the report links them: a link whose text names the
//! code repository or package it points at ("[Tilt](https://github.com/tilt-dev/tilt)",
//! "[sharp](https://www.npmjs.com/package/sharp)") names a tool, with the repository as its
//! evidence. Link text that names something else ("the slides", "this repo") is not read.

use crate::document::{DocLink, Document, Scope};

use super::Mention;

/// A tool named by a link to its repository or package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    /// The link text as written: how the report names the tool.
    pub name: String,
    /// The repository or package page, normalised (`https://github.com/owner/name`).
    pub repository: String,
    pub scope: Scope,
    /// Byte range of the link text in the report.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Index into `Document::links`.
    pub link: usize,
}

/// A code repository or package a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Owner of a repository (GitHub, GitLab); none for a registry package.
    pub owner: Option<String>,
    pub name: String,
    pub repository: String,
}

/// Links whose text names the repository or package they point at, where no dictionary
/// mention already covers the text.
pub fn linked_tools(doc: &Document, mentions: &[Mention]) -> Vec<Linked> {
    // mentions are sorted by start
    let covered = crate::text::Overlaps::new(mentions.iter().map(|m| (m.start, m.end)));
    let found: Vec<(usize, &DocLink, Package)> = doc
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| !covered.any(l.start, l.end))
        .filter_map(|(i, l)| {
            let p = package(&l.url)?;
            names(&l.text, &p).then_some((i, l, p))
        })
        .collect();
    let starts: Vec<usize> = found.iter().map(|(_, l, _)| l.start).collect();
    let places = doc.line_cols(&starts);
    found
        .into_iter()
        .zip(places)
        .map(|((link, l, p), (line, column))| Linked {
            name: tool_name(&l.text, &p),
            repository: p.repository,
            scope: doc.scope_at(l.start),
            start: l.start,
            end: l.end,
            line,
            column,
            link,
        })
        .collect()
}

/// The repository or package of a URL on GitHub, GitLab, npm, PyPI or crates.io.
pub fn package(url: &str) -> Option<Package> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (host, segs.as_slice()) {
        ("github.com" | "gitlab.com", [owner, name, ..]) => {
            let name = name.strip_suffix(".git").unwrap_or(name);
            if !plain(owner)
                || !plain(name)
                || RESERVED.contains(&owner.to_ascii_lowercase().as_str())
            {
                return None;
            }
            Some(Package {
                owner: Some((*owner).to_string()),
                name: name.to_string(),
                repository: format!("https://{host}/{owner}/{name}"),
            })
        }
        ("npmjs.com", ["package", scope, name, ..]) if scope.starts_with('@') => {
            let full = format!("{scope}/{name}");
            (plain(&scope[1..]) && plain(name)).then(|| Package {
                owner: None,
                name: full.clone(),
                repository: format!("https://www.npmjs.com/package/{full}"),
            })
        }
        ("npmjs.com", ["package", name, ..]) => registry(name, "https://www.npmjs.com/package/"),
        ("pypi.org", ["project", name, ..]) => registry(name, "https://pypi.org/project/"),
        ("crates.io", ["crates", name, ..]) => registry(name, "https://crates.io/crates/"),
        _ => None,
    }
}

/// A name as registries and forges allow it: letters, digits, `-`, `_`, `.`.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn registry(name: &str, base: &str) -> Option<Package> {
    plain(name).then(|| Package {
        owner: None,
        name: name.to_string(),
        repository: format!("{base}{name}"),
    })
}

/// First path segments on GitHub and GitLab that are pages, not owners.
const RESERVED: &[&str] = &[
    "about",
    "apps",
    "collections",
    "enterprise",
    "events",
    "explore",
    "features",
    "marketplace",
    "orgs",
    "pricing",
    "search",
    "settings",
    "sponsors",
    "topics",
    "users",
];

/// Whether link text names the package: its name, or "owner/name", spaces, dashes and case
/// aside. (An owner alone is no name: "[AWS](https://github.com/aws/aws-cdk)".)
fn names(text: &str, p: &Package) -> bool {
    // the name alone: "fooのリポジトリ", "公式 tilt サイト" name more than the package
    let plain = text
        .trim()
        .trim_matches('`')
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '@'));
    let t = squash(text);
    if !plain || t.chars().count() < 2 || text.trim().chars().count() > 60 {
        return false;
    }
    let name = squash(&p.name);
    let bare = squash(p.name.rsplit('/').next().unwrap_or(&p.name));
    let owner_name = p.owner.as_ref().map(|o| format!("{}{name}", squash(o)));
    t == name || t == bare || owner_name.is_some_and(|f| f == t)
}

/// Lower case, letters and digits only: "Cost Analyzer" = "cost-analyzer".
fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The tool's name: the link text, or the package name when the text is "owner/name".
fn tool_name(text: &str, p: &Package) -> String {
    let t = text.trim().trim_matches('`').trim();
    match &p.owner {
        Some(owner) if t.contains('/') && squash(t) == squash(&format!("{owner}{}", p.name)) => {
            p.name.clone()
        }
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_table() {
        let rows = [
            (
                "https://github.com/tilt-dev/tilt",
                Some("tilt-dev/tilt https://github.com/tilt-dev/tilt"),
            ),
            (
                "https://github.com/kubecost/cost-analyzer/tree/main#readme",
                Some("kubecost/cost-analyzer https://github.com/kubecost/cost-analyzer"),
            ),
            (
                "http://www.github.com/org/x.git",
                Some("org/x https://github.com/org/x"),
            ),
            (
                "https://gitlab.com/gitlab-org/gitlab-runner",
                Some("gitlab-org/gitlab-runner https://gitlab.com/gitlab-org/gitlab-runner"),
            ),
            (
                "https://www.npmjs.com/package/sharp",
                Some("sharp https://www.npmjs.com/package/sharp"),
            ),
            (
                "https://www.npmjs.com/package/@aws-sdk/client-s3",
                Some("@aws-sdk/client-s3 https://www.npmjs.com/package/@aws-sdk/client-s3"),
            ),
            (
                "https://pypi.org/project/mypy/1.0/",
                Some("mypy https://pypi.org/project/mypy"),
            ),
            (
                "https://crates.io/crates/serde",
                Some("serde https://crates.io/crates/serde"),
            ),
            ("https://github.com/keisuke69", None),
            ("https://github.com/topics/kubernetes", None),
            ("https://github.com/orgs/x/people", None),
            ("https://speakerdeck.com/mika_sre/karpenter", None),
            ("https://pypi.org/", None),
            ("ftp://github.com/a/b", None),
            ("https://github.com/a b/c", None),
        ];
        for (url, want) in rows {
            let got = package(url).map(|p| {
                let who = p.owner.map(|o| format!("{o}/")).unwrap_or_default();
                format!("{who}{} {}", p.name, p.repository)
            });
            assert_eq!(got.as_deref(), want, "{url}");
        }
    }

    #[test]
    fn link_text_names_the_package() {
        let p = |url: &str| package(url).expect("a package");
        let rows = [
            ("Tilt", "https://github.com/tilt-dev/tilt", true),
            (
                "Kubecost",
                "https://github.com/kubecost/cost-analyzer",
                false,
            ),
            ("AWS", "https://github.com/aws/aws-cdk", false),
            (
                "Cost Analyzer",
                "https://github.com/kubecost/cost-analyzer",
                true,
            ),
            ("tilt-dev/tilt", "https://github.com/tilt-dev/tilt", true),
            ("sharp", "https://www.npmjs.com/package/sharp", true),
            (
                "client-s3",
                "https://www.npmjs.com/package/@aws-sdk/client-s3",
                true,
            ),
            ("the repo", "https://github.com/tilt-dev/tilt", false),
            ("スライド", "https://github.com/tilt-dev/tilt", false),
            ("here", "https://pypi.org/project/here-not", false),
            ("fooのリポジトリ", "https://github.com/x/foo", false),
            (
                "公式 tilt サイト",
                "https://github.com/tilt-dev/tilt",
                false,
            ),
            ("a", "https://github.com/a/a", false),
        ];
        for (text, url, want) in rows {
            assert_eq!(names(text, &p(url)), want, "{text} → {url}");
        }
        assert_eq!(
            tool_name("tilt-dev/tilt", &p("https://github.com/tilt-dev/tilt")),
            "tilt"
        );
        assert_eq!(
            tool_name("`Tilt`", &p("https://github.com/tilt-dev/tilt")),
            "Tilt"
        );
    }
}
