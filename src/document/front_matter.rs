//! Front matter: a YAML block between `---` lines, a TOML block between `+++` lines, or a JSON
//! object, at the top of a report. Title, date, author and tags are kept; everything else is
//! ignored.
//!
//! It is read as leniently as the site generators that wrote it (Hugo, Jekyll, Zola, Hexo):
//! blank lines may come before the fence, the opening `---` may be left out (Hexo), a YAML flow
//! list may close at column 0, and a block written in the other format than its fence says is
//! read in the format it is in. What still does not
//! parse is never fatal: the report is read without it, its body intact, with a notice that
//! names the line. A fence that never closes is no front matter but body text.

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

/// A report's front matter split off its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split {
    pub front: FrontMatter,
    /// The byte offset where the Markdown body starts.
    pub body: usize,
    /// What is worth telling about the front matter: why it was left out, or how it was read.
    pub notice: Option<FrontMatterNotice>,
}

/// Why a block of front matter does not parse.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrontMatterError {
    #[error("line {line}: front matter is not valid {format}: {message}")]
    Invalid {
        line: usize,
        format: &'static str,
        message: String,
    },
    #[error("line {line}: front matter must be a table of keys (`title: …`), found {found}")]
    NotAMapping { line: usize, found: &'static str },
}

impl FrontMatterError {
    pub fn line(&self) -> usize {
        match self {
            FrontMatterError::Invalid { line, .. } | FrontMatterError::NotAMapping { line, .. } => {
                *line
            }
        }
    }
}

/// What a reader of the report should know about its front matter.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrontMatterNotice {
    /// It parses neither as its fence says nor as the other format: left out.
    #[error("{error}; nor is it {other}; the report is read without it")]
    Unreadable {
        /// Why it is not in the format its fence says.
        error: FrontMatterError,
        /// The other format, tried too.
        other: &'static str,
    },
    /// It is written in the other format than its fence says, and was read as such.
    #[error(
        "line {line}: front matter between `{fence}` lines is {found}, not {expected}; read as {found}"
    )]
    OtherFormat {
        line: usize,
        fence: &'static str,
        found: &'static str,
        expected: &'static str,
    },
}

impl FrontMatterNotice {
    /// Whether something was lost (a warning), or only worth knowing (a note).
    pub fn is_warning(&self) -> bool {
        matches!(self, FrontMatterNotice::Unreadable { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Yaml,
    Toml,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }

    fn other(self) -> Format {
        match self {
            Format::Yaml => Format::Toml,
            Format::Toml => Format::Yaml,
        }
    }

    fn parse(self, block: &str, first_line: usize) -> Result<FrontMatter, FrontMatterError> {
        match self {
            Format::Yaml => yaml(block, first_line),
            Format::Toml => toml_block(block, first_line),
        }
    }
}

/// Splits the front matter off: what it says, where the body starts, and what went wrong.
pub fn split(text: &str) -> Split {
    // Hugo and Zola allow blank lines before the front matter
    let mut open = 0;
    let mut fence_line = 1;
    while let Some(end) = text[open..].find('\n')
        && text[open..open + end].trim().is_empty()
    {
        open += end + 1;
        fence_line += 1;
    }
    let first = text[open..].split('\n').next().unwrap_or("").trim_end();
    let (fence, format) = match first {
        "---" => ("---", Format::Yaml),
        "+++" => ("+++", Format::Toml),
        _ if first.starts_with('{') => return json(text, open),
        _ => return fenceless(text, open),
    };
    let block_start = text[open..].find('\n').map_or(text.len(), |i| open + i + 1);
    let mut offset = block_start;
    let mut close = None;
    for line in text[block_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    // a fence that never closes is a thematic break or a line of text
    let Some((block_end, body)) = close else {
        return Split::default();
    };
    let block = &text[block_start..block_end];
    let first_line = fence_line + 1;
    let error = match format.parse(block, first_line) {
        Ok(front) => {
            return Split {
                front,
                body,
                notice: None,
            };
        }
        Err(error) => error,
    };
    // a YAML flow list closed at column 0: go-yaml and libyaml (Hugo, Jekyll) read it
    if format == Format::Yaml
        && let Some(indented) = indent_flow_lines(block)
        && let Ok(front) = yaml(&indented, first_line)
    {
        return Split {
            front,
            body,
            notice: None,
        };
    }
    let other = format.other();
    if let Ok(front) = other.parse(block, first_line) {
        return Split {
            front,
            body,
            notice: Some(FrontMatterNotice::OtherFormat {
                line: fence_line,
                fence,
                found: other.name(),
                expected: format.name(),
            }),
        };
    }
    Split {
        front: FrontMatter::default(),
        body,
        notice: Some(FrontMatterNotice::Unreadable {
            error,
            other: other.name(),
        }),
    }
}

/// Hexo's front matter without its opening fence: `key: value` lines from the top of the
/// file down to a `---` line. Taken only when every line before the fence reads as YAML
/// (a key, a list entry, an indented or blank line) and it gives a title or a date; anything
/// else is body text, as a paragraph over a thematic break is.
fn fenceless(text: &str, open: usize) -> Split {
    const KEYS: usize = 40;
    let mut offset = open;
    let mut keyed = false;
    for (n, line) in text[open..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" {
            if !keyed {
                return Split::default();
            }
            let block = &text[open..offset];
            return match yaml(block, text[..open].matches('\n').count() + 1) {
                Ok(front) if front.title.is_some() || front.date.is_some() => Split {
                    front,
                    body: offset + line.len(),
                    notice: None,
                },
                _ => Split::default(),
            };
        }
        let key = trimmed.split_once(':').is_some_and(|(k, _)| is_yaml_key(k));
        let other = trimmed.is_empty() || trimmed.starts_with([' ', '\t', '-']);
        if n >= KEYS || !(key || (keyed && other)) {
            return Split::default();
        }
        keyed |= key;
        offset += line.len();
    }
    Split::default()
}

/// A bare key of a YAML mapping: `title`, `updated_at`, `og-image`.
fn is_yaml_key(k: &str) -> bool {
    k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Hugo's JSON front matter: an object at the top of the file. Text that opens with `{` but is
/// no JSON object (a shortcode, a template) is body text.
fn json(text: &str, open: usize) -> Split {
    let mut values =
        serde_json::Deserializer::from_str(&text[open..]).into_iter::<serde_json::Value>();
    let Some(Ok(serde_json::Value::Object(map))) = values.next() else {
        return Split::default();
    };
    let end = open + values.byte_offset();
    // the rest of the closing line belongs to the front matter
    let body = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    if !text[end..body].trim().is_empty() {
        return Split::default();
    }
    let scalar = |key: &str| map.get(key).and_then(json_scalar);
    let list = |key: &str| match map.get(key) {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(json_scalar).collect(),
        Some(other) => json_scalar(other)
            .map(|s| split_tags(&s))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Split {
        front: meta(scalar, list),
        body,
        notice: None,
    }
}

fn json_scalar(v: &serde_json::Value) -> Option<String> {
    let s = match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// The block with every line that starts inside a flow collection (`[…]`, `{…}` over several
/// lines) indented past the line that opened it, or `None` when no line needed it. Leading
/// spaces inside a flow collection mean nothing to YAML, so this changes no value; it only
/// spares the strict parser the indentation rule that libyaml does not enforce. A block that
/// would more than double is not worth it (deep indentation over many lines is no front
/// matter anyone wrote by hand).
fn indent_flow_lines(block: &str) -> Option<String> {
    let budget = 2 * block.len() + 1024;
    let mut out = String::with_capacity(block.len() + 64);
    let mut depth = 0usize;
    let mut opener_indent = 0usize;
    let mut quote: Option<char> = None;
    let mut changed = false;
    for line in block.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if depth > 0 && indent <= opener_indent && !line.trim().is_empty() {
            let pad = opener_indent + 1 - indent;
            if out.len() + pad > budget {
                return None;
            }
            out.push_str(&" ".repeat(pad));
            changed = true;
        } else if depth == 0 {
            opener_indent = indent;
        }
        out.push_str(line);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, '#') => break,
                _ => {}
            }
        }
    }
    changed.then_some(out)
}

/// Front matter nested deeper than this is refused: no report needs it, and a hostile one
/// should not exhaust the stack.
const MAX_DEPTH: usize = 64;

/// `first_line`: the line of the file where the block starts.
fn yaml(block: &str, first_line: usize) -> Result<FrontMatter, FrontMatterError> {
    // The YAML parser recurses once per level: measure before parsing.
    if let Some(line) = yaml_too_deep(block, first_line) {
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
            // the marker counts lines of the block from 1
            line: e.marker().line() + first_line - 1,
            format: "YAML",
            message: e.info().to_string(),
        })?;
    if let Some(line) = keys.too_deep {
        let line = line + first_line - 1;
        return Err(FrontMatterError::Invalid {
            line,
            format: "YAML",
            message: format!("nested deeper than {MAX_DEPTH} levels"),
        });
    }
    if let Some(found) = keys.not_a_mapping {
        return Err(FrontMatterError::NotAMapping {
            line: first_line,
            found,
        });
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
                    self.too_deep = Some(mark.line());
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
fn yaml_too_deep(block: &str, first_line: usize) -> Option<usize> {
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
            return Some(n + first_line);
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

fn toml_block(block: &str, first_line: usize) -> Result<FrontMatter, FrontMatterError> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        FrontMatterError::Invalid {
            line: first_line + block[..at.min(block.len())].matches('\n').count(),
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

    /// The front matter and the body of a text that must split without a notice.
    fn clean(text: &str) -> (FrontMatter, &str) {
        let split = split(text);
        assert_eq!(split.notice, None, "{text:?}");
        (split.front, &text[split.body..])
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: JAWS DAYS 2018 レポート\ndate: \"2018-03-21T11:34:00Z\"\nauthor: kter\ntags:\n- AWS\n- レポート\n---\n# Body\n";
        let (meta, body) = clean(text);
        assert_eq!(meta.title.as_deref(), Some("JAWS DAYS 2018 レポート"));
        assert_eq!(meta.date.as_deref(), Some("2018-03-21T11:34:00Z"));
        assert_eq!(meta.author.as_deref(), Some("kter"));
        assert_eq!(meta.tags, vec!["AWS", "レポート"]);
        assert_eq!(body, "# Body\n");
    }

    #[test]
    fn hexo_front_matter_without_its_opening_fence() {
        let text = "title: Widget Conf 2015 に行ってきました\ndate: 2015-10-17 14:44:54\ntags:\n- widgets\n---\n\nBody\n";
        let (meta, body) = clean(text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Widget Conf 2015 に行ってきました")
        );
        assert_eq!(meta.tags, vec!["widgets"]);
        assert_eq!(body, "\nBody\n");
        // a paragraph over a thematic break is body text, even when it opens like a key
        for text in [
            "Note: this post is old.\nIt was moved.\n---\nBody\n",
            "Note: this post is old.\n---\nBody\n",
            "---\n",
            "Body\n---\n",
        ] {
            let (meta, body) = clean(text);
            assert_eq!(meta, FrontMatter::default(), "{text:?}");
            assert_eq!(body, text);
        }
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\nauthor = \"Crismar Mejia\"\ndate = 2017-09-27T21:58:24Z\ntags = [\"conference\", \"Terraform\"]\ntitle = \"My Hashiconf '17\"\n\n+++\n\nBody";
        let (meta, body) = clean(text);
        assert_eq!(meta.title.as_deref(), Some("My Hashiconf '17"));
        assert_eq!(meta.date.as_deref(), Some("2017-09-27T21:58:24Z"));
        assert_eq!(meta.tags, vec!["conference", "Terraform"]);
        assert_eq!(body, "\nBody");
    }

    #[test]
    fn none_and_empty() {
        assert_eq!(split("# Title\n"), Split::default());
        assert_eq!(split(""), Split::default());
        assert_eq!(clean("---\n---\nx").1, "x");
        // authors as a list, tags as a comma string
        let (meta, _) = clean("---\nauthors:\n  - A\n  - B\ntags: x, y\n---\n");
        assert_eq!(meta.author.as_deref(), Some("A, B"));
        assert_eq!(meta.tags, vec!["x", "y"]);
    }

    #[test]
    fn read_as_leniently_as_the_site_generators() {
        // (text, title, tags, body)
        let rows: [(&str, &str, &[&str], &str); 7] = [
            // Hugo: a flow list closed at column 0 (go-yaml and libyaml read it)
            (
                "---\ntitle: Hugo post\ntags : [\n  \"aws\",\n  \"ecs\"\n]\n---\n# T\n",
                "Hugo post",
                &["aws", "ecs"],
                "# T\n",
            ),
            (
                "---\ntitle: P\ntags: [\n\"a\", \"[b]\",\n\"c # d\"\n]\n---\nx",
                "P",
                &["a", "[b]", "c # d"],
                "x",
            ),
            // a nested flow list under a nested key, closed at its key's column
            (
                "---\nparams:\n  tags: [\n  a,\n  b\n  ]\ntitle: N\n---\n",
                "N",
                &[],
                "",
            ),
            // Hugo and Zola: blank lines before the fence
            ("\n  \n---\ntitle: Blank\n---\nbody", "Blank", &[], "body"),
            ("\n+++\ntitle = \"Zola\"\n+++\nbody", "Zola", &[], "body"),
            // Hugo: JSON front matter
            (
                "{\n  \"title\": \"Json\",\n  \"tags\": [\"a\", \"b\"]\n}\n# T\n",
                "Json",
                &["a", "b"],
                "# T\n",
            ),
            // a closing fence with spaces after it, and YAML's `...`
            ("---\ntitle: Dots\n...  \nbody", "Dots", &[], "body"),
        ];
        for (text, title, tags, body) in rows {
            let (meta, rest) = clean(text);
            assert_eq!(meta.title.as_deref(), Some(title), "{text:?}");
            assert_eq!(meta.tags, tags, "{text:?}");
            assert_eq!(rest, body, "{text:?}");
        }
        // the column-0 list is what the strict parser alone refuses
        assert!(yaml("title: P\ntags: [\n\"a\"\n]\n", 2).is_err());
    }

    #[test]
    fn text_that_is_no_front_matter_is_body() {
        for text in [
            "---\ntitle: never closed\n# Body\n",
            "+++\n",
            "---",
            "{{< toc >}}\n# Body\n",
            "{\"title\": \"x\"} and text\n",
            "{ not json\n",
            "Title\n---\n",
        ] {
            assert_eq!(split(text), Split::default(), "{text:?}");
        }
    }

    #[test]
    fn the_other_format_under_a_fence_is_read_with_a_note() {
        let rows: [(&str, &str, &str); 3] = [
            ("+++\ntitle: Yaml\ndate: 2020-01-01\n+++\nb", "Yaml", "YAML"),
            ("---\ntitle = \"Toml\"\n---\nb", "Toml", "TOML"),
            ("\n+++\ntitle: Later\n+++\nb", "Later", "YAML"),
        ];
        for (text, title, format) in rows {
            let split = split(text);
            assert_eq!(split.front.title.as_deref(), Some(title));
            assert_eq!(&text[split.body..], "b");
            match split.notice {
                Some(n @ FrontMatterNotice::OtherFormat { found, .. }) => {
                    assert_eq!(found, format);
                    assert!(!n.is_warning());
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
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
            let text = format!("---\n{block}---\n# Body\n");
            let split = split(&text);
            let notice = split.notice.expect("too deep");
            assert!(
                notice.to_string().contains("nested deeper than"),
                "{notice}"
            );
            assert_eq!(split.front, FrontMatter::default());
            assert_eq!(&text[split.body..], "# Body\n");
        }
        // nesting inside a value we do not read is fine when shallow
        let (meta, _) = clean("---\ntitle: T\nparams:\n  a:\n    b: [1, [2]]\ntags: [x]\n---\n");
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.tags, vec!["x"]);
    }

    #[test]
    fn broken_front_matter_is_left_out_naming_the_line() {
        // (text, line of the problem, what the notice says)
        let rows: [(&str, usize, &str); 7] = [
            ("---\ntitle: ok\nbad: : x\n---\nbody", 3, "not valid YAML"),
            // an unclosed bracket is noticed where the block ends
            (
                "---\ntitle: ok\nbad: [unclosed\n---\nbody",
                4,
                "not valid YAML",
            ),
            (
                "+++\ntitle = \"ok\"\ntitle = \"twice\"\n+++\nbody",
                3,
                "not valid TOML",
            ),
            ("---\n- a list\n---\nbody", 2, "found a list"),
            ("---\ntitle: Foo: Bar\n---\nbody", 2, "not valid YAML"),
            // YAML-looking lines under +++ that are no mapping either: as TOML
            (
                "+++\n- title\n  - Event\n- date\n  - 2019-12-18\n+++\nbody",
                2,
                "not valid TOML",
            ),
            // blank lines before the fence move the lines
            (
                "\n\n---\ntitle: ok\nbad: : x\n---\nbody",
                5,
                "not valid YAML",
            ),
        ];
        for (text, line, says) in rows {
            let split = split(text);
            assert_eq!(split.front, FrontMatter::default(), "{text:?}");
            assert_eq!(&text[split.body..], "body", "{text:?}");
            let notice = split
                .notice
                .unwrap_or_else(|| panic!("{text:?}: no notice"));
            let message = notice.to_string();
            assert!(notice.is_warning(), "{message}");
            assert!(
                message.contains(says) && message.contains("read without it"),
                "{message}"
            );
            match notice {
                FrontMatterNotice::Unreadable { error, .. } => {
                    assert_eq!(error.line(), line, "{text:?}: {message}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
