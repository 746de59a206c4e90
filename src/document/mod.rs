//! A report read into its parts: front matter, event, talks with speakers, which byte belongs
//! to which talk, and which bytes a reader sees (what the matcher scans).
//!
//! The Markdown is parsed once (pulldown-cmark, with offsets) into an outline; talks and the
//! event are found on the outline. This stage knows nothing of dictionaries or graphs.

pub mod event;
pub mod front_matter;
pub mod headings;
pub mod lists;
pub mod names;
pub mod outline;
pub mod speakers;
pub mod talks;
pub mod words;

pub use event::EventInfo;
pub use front_matter::{FrontMatter, FrontMatterError, FrontMatterNotice};
pub use outline::{Sep, Visible};
pub use speakers::Speaker;
pub use talks::{Context, Decision, Model, ModelError, Scope, Talk, UnitReport};

use crate::source::Source;
use crate::text::LineIndex;

/// One report, read.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub text: String,
    pub front: FrontMatter,
    /// What was wrong with the front matter (left out, the body read all the same), or how it
    /// was read.
    pub front_notice: Option<FrontMatterNotice>,
    pub event: EventInfo,
    pub talks: Vec<Talk>,
    /// What the matcher may scan, sorted, without the text that names speakers.
    pub visible: Vec<Visible>,
    /// Headings written in Title Case, where a capital letter says nothing about a word.
    pub title_case: Vec<std::ops::Range<usize>>,
    /// Markdown links outside code and speaker names, in document order.
    pub links: Vec<DocLink>,
    structure: talks::Structure,
    lines: LineIndex,
}

impl Document {
    /// Every text is a report: front matter that does not parse is left out with a notice.
    pub fn read(source: Source, ctx: &Context) -> Document {
        let front_matter::Split {
            front,
            body,
            notice: front_notice,
        } = front_matter::split(&source.text);
        let outline = outline::parse(&source.text, body);
        let mut structure = talks::find(&outline, &front, &source.text, ctx);
        let event = event::find(&front, &outline, &structure, &source.path);
        let visible = subtract(&outline.visible, &structure.speaker_text);
        let lines = LineIndex::new(&source.text);
        for talk in &mut structure.talks {
            talk.line = lines.line(talk.offset);
        }
        let title_case = outline
            .items
            .iter()
            .filter_map(|item| match item {
                outline::Item::Heading(h) if is_title_case(&h.inline.text) => Some(h.range.clone()),
                _ => None,
            })
            .collect();
        let links = doc_links(&outline, &structure.speaker_text);
        Document {
            path: source.path,
            text: source.text,
            front,
            front_notice,
            event,
            talks: structure.talks.clone(),
            visible,
            title_case,
            links,
            structure,
            lines,
        }
    }

    /// Whether a byte offset lies in a Title Case heading.
    pub fn in_title_case(&self, offset: usize) -> bool {
        let i = self.title_case.partition_point(|r| r.start <= offset);
        i > 0 && self.title_case[i - 1].end > offset
    }

    /// Every candidate unit with its evidence and decision (only when read with
    /// `Context::explain`).
    pub fn units(&self) -> &[UnitReport] {
        &self.structure.units
    }

    /// The talk (or the event) a byte offset belongs to.
    pub fn scope_at(&self, offset: usize) -> Scope {
        self.structure.scope_at(offset)
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// `line_col` of many offsets, in one pass over each line.
    pub fn line_cols(&self, offsets: &[usize]) -> Vec<(usize, usize)> {
        self.lines.line_cols(&self.text, offsets)
    }
}

/// Compiles what reading any report builds on first use (the word lists and the expressions
/// kept at module level that every report meets; the rarer ones, as lists.rs's, are left to
/// their first use), so that it can be done on another thread while the caller builds
/// something else, as `graph build` does while it builds the matcher. Only compiles: no
/// expression searches here, so no thread holds a cache of theirs for it. Reading works the
/// same without it.
pub fn warm_up() {
    std::sync::LazyLock::force(&words::LISTS);
    talks::features::warm_up();
    headings::warm_up();
    speakers::warm_up();
    event::warm_up();
}

/// A link as a reader sees it: its text (where it is in the source, and as rendered) and
/// where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub url: String,
}

fn doc_links(outline: &outline::Outline, hidden: &[std::ops::Range<usize>]) -> Vec<DocLink> {
    // `hidden` is sorted by start
    let hidden = crate::text::Overlaps::new(hidden.iter().map(|h| (h.start, h.end)));
    let mut out = Vec::new();
    for item in &outline.items {
        let inline = match item {
            outline::Item::Heading(h) => &h.inline,
            outline::Item::Block(b) if b.kind != outline::BlockKind::Code => &b.inline,
            outline::Item::Block(_) => continue,
        };
        for l in &inline.links {
            let Some(r) = inline.source_range(l.text.clone()) else {
                continue;
            };
            if r.is_empty() || hidden.any(r.start, r.end) {
                continue;
            }
            out.push(DocLink {
                start: r.start,
                end: r.end,
                text: inline
                    .text
                    .get(l.text.clone())
                    .unwrap_or_default()
                    .to_string(),
                url: l.url.clone(),
            });
        }
    }
    out
}

/// "Less Glue Code with Step Functions": every longer Latin word capitalised, so "Glue" being
/// capitalised is no sign of a product name. Short function words may stay lower case.
pub fn is_title_case(heading: &str) -> bool {
    const SMALL: &[&str] = &[
        "with", "from", "into", "over", "than", "that", "this", "your", "when", "what", "onto",
        "upon",
    ];
    let words: Vec<&str> = heading
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4 && !SMALL.contains(w))
        .collect();
    words.len() >= 3
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Visible spans minus hidden ranges (both sorted by start).
fn subtract(visible: &[Visible], hidden: &[std::ops::Range<usize>]) -> Vec<Visible> {
    let mut out = Vec::with_capacity(visible.len());
    let mut h = 0;
    for v in visible {
        let mut start = v.start;
        let mut sep = v.sep;
        while h < hidden.len() && hidden[h].end <= start {
            h += 1;
        }
        let mut k = h;
        while start < v.end {
            match hidden.get(k) {
                Some(r) if r.start < v.end => {
                    if r.start > start {
                        out.push(Visible {
                            start,
                            end: r.start,
                            code: v.code,
                            sep,
                        });
                    }
                    sep = Sep::Space;
                    start = start.max(r.end);
                    k += 1;
                }
                _ => {
                    out.push(Visible {
                        start,
                        end: v.end,
                        code: v.code,
                        sep,
                    });
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(start: usize, end: usize) -> Visible {
        Visible {
            start,
            end,
            code: false,
            sep: Sep::Join,
        }
    }

    #[test]
    fn subtract_table() {
        type Row = (Vec<(usize, usize)>, Vec<(usize, usize)>);
        let spans = [v(0, 10), v(12, 20)];
        let rows: Vec<Row> = vec![
            (vec![], vec![(0, 10), (12, 20)]),
            (vec![(2, 4)], vec![(0, 2), (4, 10), (12, 20)]),
            (vec![(8, 14)], vec![(0, 8), (14, 20)]),
            (vec![(0, 30)], vec![]),
            (
                vec![(1, 2), (5, 6)],
                vec![(0, 1), (2, 5), (6, 10), (12, 20)],
            ),
        ];
        for (hidden, want) in rows {
            let hidden: Vec<std::ops::Range<usize>> = hidden.iter().map(|&(a, b)| a..b).collect();
            let got: Vec<(usize, usize)> = subtract(&spans, &hidden)
                .iter()
                .map(|v| (v.start, v.end))
                .collect();
            assert_eq!(got, want, "{hidden:?}");
        }
    }

    #[test]
    fn title_case_table() {
        let rows = [
            ("Less Glue Code with Step Functions", true),
            ("Batch Jobs Without Tears", true),
            ("Running batch jobs on AWS Batch", false),
            ("AWS Glue で ETL", false),
            ("Glue Code", false),
            ("コンテナを守る技術 2018", false),
        ];
        for (input, want) in rows {
            assert_eq!(is_title_case(input), want, "{input:?}");
        }
    }

    #[test]
    fn speaker_lines_are_not_scanned() {
        let text = "## Talk about ECS\n\nby Lambda Smith\n\nFargate\n";
        let doc = Document::read(
            Source {
                path: "t.md".into(),
                text: text.into(),
            },
            &Context::default(),
        );
        let seen: String = doc.visible.iter().map(|v| &text[v.start..v.end]).collect();
        assert!(seen.contains("ECS") && seen.contains("Fargate"), "{seen}");
        assert!(!seen.contains("Lambda"), "{seen}");
    }
}
