//! Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the
//! very top of a report. Title, date, author and tags are kept; everything else is ignored.
//!
//! A block that opens but does not parse is an error naming the line, not silently dropped:
//! a report whose metadata is broken is a report the user wants to fix.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

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

/// Front matter nested deeper than this is refused: no report needs it, and a hostile one
/// should not exhaust the stack.
const MAX_DEPTH: usize = 64;

fn yaml(block: &str) -> Result<FrontMatter, FrontMatterError> {
    // The YAML parser recurses once per level: measure before parsing.
    if let Some(line) = yaml_too_deep(block) {
        return Err(FrontMatterError::Invalid {
            line,
            format: "YAML",
            message: format!("nested deeper than {MAX_DEPTH} levels"),
        });
    }
    // Events, not a tree: only top-level scalars and lists of scalars are kept, and depth is
    // counted, so a deeply nested block costs no recursion.
    let mut keys = YamlKeys::default();
    Parser::new_from_str(block)
        .load(&mut keys, false)
        .map_err(|e| FrontMatterError::Invalid {
            // the block starts on line 2 of the file
            line: e.marker().line() + 1,
            format: "YAML",
            message: e.info().to_string(),
        })?;
    if let Some(line) = keys.too_deep {
        return Err(FrontMatterError::Invalid {
            line,
            format: "YAML",
            message: format!("nested deeper than {MAX_DEPTH} levels"),
        });
    }
    if let Some(found) = keys.not_a_mapping {
        return Err(FrontMatterError::NotAMapping { line: 2, found });
    }
    let scalar = |key: &str| match keys.values.get(key) {
        Some(YamlValue::Scalar(s)) => Some(s.clone()),
        _ => None,
    };
    let list = |key: &str| match keys.values.get(key) {
        Some(YamlValue::List(items)) => items.clone(),
        Some(YamlValue::Scalar(s)) => split_tags(s),
        None => Vec::new(),
    };
    Ok(meta(scalar, list))
}

fn meta(
    scalar: impl Fn(&str) -> Option<String>,
    list: impl Fn(&str) -> Vec<String>,
) -> FrontMatter {
    let author = scalar("author").or_else(|| {
        let authors = list("authors");
        (!authors.is_empty()).then(|| authors.join(", "))
    });
    let mut tags = list("tags");
    if tags.is_empty() {
        tags = list("categories");
    }
    FrontMatter {
        title: scalar("title"),
        date: scalar("date")
            .or_else(|| scalar("published"))
            .or_else(|| scalar("pubDate")),
        author,
        tags,
    }
}

enum YamlValue {
    Scalar(String),
    List(Vec<String>),
}

/// Collects `key: scalar` and `key: [scalars]` of the top-level mapping from parser events.
#[derive(Default)]
struct YamlKeys {
    values: std::collections::BTreeMap<String, YamlValue>,
    depth: usize,
    key: Option<String>,
    /// Inside a top-level value that is a list: its scalars so far.
    list: Option<Vec<String>>,
    /// Inside a top-level value that is a mapping or a nested list: skip it.
    skipping: bool,
    too_deep: Option<usize>,
    not_a_mapping: Option<&'static str>,
}

impl MarkedEventReceiver for YamlKeys {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.too_deep.is_some() {
            return;
        }
        match ev {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    self.too_deep = Some(mark.line() + 1);
                    return;
                }
                match (self.depth, &ev) {
                    (1, Event::SequenceStart(..)) => self.not_a_mapping = Some("a list"),
                    (2, Event::SequenceStart(..)) if self.key.is_some() => {
                        self.list = Some(Vec::new())
                    }
                    (2, _) => self.skipping = true,
                    _ => {}
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if self.depth == 2 {
                    if let (Some(key), Some(items)) = (self.key.take(), self.list.take())
                        && !self.skipping
                    {
                        self.values.insert(key, YamlValue::List(items));
                    }
                    self.key = None;
                    self.skipping = false;
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Scalar(value, style, ..) => match self.depth {
                0 => {
                    let blank = style == TScalarStyle::Plain && is_null(&value);
                    if !blank {
                        self.not_a_mapping = Some("a single value");
                    }
                }
                1 => match self.key.take() {
                    None => self.key = Some(value),
                    Some(key) => {
                        let value = value.trim().to_string();
                        let null = style == TScalarStyle::Plain && is_null(&value);
                        if !value.is_empty() && !null {
                            self.values.insert(key, YamlValue::Scalar(value));
                        }
                    }
                },
                2 => {
                    if let Some(items) = self.list.as_mut() {
                        let value = value.trim().to_string();
                        if !value.is_empty() {
                            items.push(value);
                        }
                    }
                }
                _ => {}
            },
            Event::Alias(_) if self.depth == 1 => {
                // `key: *anchor` — a value we do not resolve
                self.key = match self.key.take() {
                    None => Some(String::new()),
                    Some(_) => None,
                };
            }
            _ => {}
        }
    }
}

/// The first line (of the file) where the block may nest deeper than `MAX_DEPTH`: open
/// indentation levels, plus `- ` markers at the start of the line, plus open flow brackets.
/// An over-estimate, which is all a guard needs.
fn yaml_too_deep(block: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in block.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if flow == 0 {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut rest = content;
        let mut dashes = 0;
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
            dashes += 1;
            rest = r.trim_start_matches(' ');
        }
        let mut quote: Option<char> = None;
        let mut deepest = flow;
        for c in rest.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => {
                    flow += 1;
                    deepest = deepest.max(flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                (None, '#') => break,
                _ => {}
            }
        }
        if indents.len() + dashes + deepest > MAX_DEPTH {
            return Some(n + 2);
        }
    }
    None
}

fn is_null(s: &str) -> bool {
    matches!(s.trim(), "" | "~" | "null" | "Null" | "NULL")
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
    Ok(meta(scalar, list))
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
    fn deep_nesting_is_refused_not_recursed() {
        let blocks = [
            (0..5_000)
                .map(|i| format!("{}a:\n", " ".repeat(i)))
                .collect::<String>(),
            format!("k: {}x\n", "- ".repeat(5_000)).replacen("k: ", "", 1),
            format!("k: {}\n", "[".repeat(5_000)),
            format!("k: {}\n", "{a: ".repeat(5_000)),
            (0..5_000)
                .map(|i| format!("{}- a:\n", " ".repeat(i)))
                .collect::<String>(),
        ];
        for block in blocks {
            let err = split(&format!("---\n{block}---\n")).expect_err("too deep");
            assert!(err.to_string().contains("nested deeper than"), "{err}");
        }
        // nesting inside a value we do not read is fine when shallow
        let (meta, _) = split("---\ntitle: T\nparams:\n  a:\n    b: [1, [2]]\ntags: [x]\n---\n")
            .expect("parses");
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.tags, vec!["x"]);
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
