//! Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the
//! very top of a report. Title, date, author and tags are kept; everything else is ignored.
//!
//! A block that opens but does not parse is an error naming the line, not silently dropped:
//! a report whose metadata is broken is a report the user wants to fix.

use yaml_rust2::{Yaml, YamlLoader};

/// What the front matter says about the report. All optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrontMatterError {
    #[error(
        "line {line}: front matter opened with `{fence}` is never closed; add a `{fence}` line after it"
    )]
    Unclosed { line: usize, fence: &'static str },
    #[error("line {line}: front matter is not valid {format}: {message}")]
    Invalid {
        line: usize,
        format: &'static str,
        message: String,
    },
    #[error("line {line}: front matter must be a table of keys (`title: …`), found {found}")]
    NotAMapping { line: usize, found: &'static str },
}

/// Splits the front matter off. Returns it (default when there is none) and the byte offset
/// where the Markdown body starts.
pub fn split(text: &str) -> Result<(FrontMatter, usize), FrontMatterError> {
    let fence = match first_line(text) {
        "---" => "---",
        "+++" => "+++",
        _ => return Ok((FrontMatter::default(), 0)),
    };
    let body_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = body_start;
    let mut close = None;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, after)) = close else {
        return Err(FrontMatterError::Unclosed { line: 1, fence });
    };
    let block = &text[body_start..block_end];
    let meta = if fence == "---" {
        yaml(block)?
    } else {
        toml_block(block)?
    };
    Ok((meta, after))
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("").trim_end()
}

fn yaml(block: &str) -> Result<FrontMatter, FrontMatterError> {
    let docs = YamlLoader::load_from_str(block).map_err(|e| FrontMatterError::Invalid {
        // the block starts on line 2 of the file
        line: e.marker().line() + 1,
        format: "YAML",
        message: e.info().to_string(),
    })?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(FrontMatter::default());
    };
    let map = match doc {
        Yaml::Hash(map) => map,
        Yaml::Null => return Ok(FrontMatter::default()),
        other => {
            return Err(FrontMatterError::NotAMapping {
                line: 2,
                found: yaml_kind(&other),
            });
        }
    };
    let get = |key: &str| map.get(&Yaml::String(key.to_string()));
    let scalar = |key: &str| get(key).and_then(yaml_scalar);
    let list = |key: &str| get(key).map(yaml_list).unwrap_or_default();
    let author = scalar("author").or_else(|| {
        let authors = list("authors");
        (!authors.is_empty()).then(|| authors.join(", "))
    });
    let mut tags = list("tags");
    if tags.is_empty() {
        tags = list("categories");
    }
    Ok(FrontMatter {
        title: scalar("title"),
        date: scalar("date")
            .or_else(|| scalar("published"))
            .or_else(|| scalar("pubDate")),
        author,
        tags,
    })
}

fn yaml_kind(y: &Yaml) -> &'static str {
    match y {
        Yaml::Array(_) => "a list",
        Yaml::String(_) | Yaml::Integer(_) | Yaml::Real(_) | Yaml::Boolean(_) => "a single value",
        _ => "something else",
    }
}

fn yaml_scalar(y: &Yaml) -> Option<String> {
    let s = match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn yaml_list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(items) => items.iter().filter_map(yaml_scalar).collect(),
        other => yaml_scalar(other)
            .map(|s| split_tags(&s))
            .unwrap_or_default(),
    }
}

fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn toml_block(block: &str) -> Result<FrontMatter, FrontMatterError> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        FrontMatterError::Invalid {
            line: 2 + block[..at.min(block.len())].matches('\n').count(),
            format: "TOML",
            message: e.message().trim().to_string(),
        }
    })?;
    let scalar = |key: &str| table.get(key).and_then(toml_scalar);
    let list = |key: &str| table.get(key).map(toml_list).unwrap_or_default();
    let author = scalar("author").or_else(|| {
        let authors = list("authors");
        (!authors.is_empty()).then(|| authors.join(", "))
    });
    let mut tags = list("tags");
    if tags.is_empty() {
        tags = list("categories");
    }
    Ok(FrontMatter {
        title: scalar("title"),
        date: scalar("date")
            .or_else(|| scalar("published"))
            .or_else(|| scalar("pubDate")),
        author,
        tags,
    })
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    let s = match v {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn toml_list(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::Array(items) => items.iter().filter_map(toml_scalar).collect(),
        other => toml_scalar(other)
            .map(|s| split_tags(&s))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: JAWS DAYS 2018 レポート\ndate: \"2018-03-21T11:34:00Z\"\nauthor: kter\ntags:\n- AWS\n- レポート\n---\n# Body\n";
        let (meta, body) = split(text).expect("parses");
        assert_eq!(meta.title.as_deref(), Some("JAWS DAYS 2018 レポート"));
        assert_eq!(meta.date.as_deref(), Some("2018-03-21T11:34:00Z"));
        assert_eq!(meta.author.as_deref(), Some("kter"));
        assert_eq!(meta.tags, vec!["AWS", "レポート"]);
        assert_eq!(&text[body..], "# Body\n");
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\nauthor = \"Crismar Mejia\"\ndate = 2017-09-27T21:58:24Z\ntags = [\"conference\", \"Terraform\"]\ntitle = \"My Hashiconf '17\"\n\n+++\n\nBody";
        let (meta, body) = split(text).expect("parses");
        assert_eq!(meta.title.as_deref(), Some("My Hashiconf '17"));
        assert_eq!(meta.date.as_deref(), Some("2017-09-27T21:58:24Z"));
        assert_eq!(meta.tags, vec!["conference", "Terraform"]);
        assert_eq!(&text[body..], "\nBody");
    }

    #[test]
    fn none_and_empty() {
        assert_eq!(split("# Title\n"), Ok((FrontMatter::default(), 0)));
        assert_eq!(split(""), Ok((FrontMatter::default(), 0)));
        assert_eq!(split("---\n---\nx").map(|r| r.1), Ok(8));
        // authors as a list, tags as a comma string
        let (meta, _) = split("---\nauthors:\n  - A\n  - B\ntags: x, y\n---\n").expect("parses");
        assert_eq!(meta.author.as_deref(), Some("A, B"));
        assert_eq!(meta.tags, vec!["x", "y"]);
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let rows: [(&str, usize); 5] = [
            ("---\ntitle: ok\nbad: : x\n---\n", 3),
            // an unclosed bracket is noticed where the block ends
            ("---\ntitle: ok\nbad: [unclosed\n---\n", 4),
            ("+++\ntitle = \"ok\"\ntitle = \"twice\"\n+++\n", 3),
            ("---\ntitle: never closed\n", 1),
            ("---\n- a list\n---\n", 2),
        ];
        for (text, want) in rows {
            let err = split(text).expect_err(text);
            let line = match err {
                FrontMatterError::Unclosed { line, .. }
                | FrontMatterError::Invalid { line, .. }
                | FrontMatterError::NotAMapping { line, .. } => line,
            };
            assert_eq!(line, want, "{text:?}: {err}");
        }
    }
}
