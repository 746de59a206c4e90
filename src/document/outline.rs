//! The outline of a report: its headings and blocks in order, each with its rendered text and
//! the byte ranges it came from, plus the ranges a reader sees (what the matcher may scan).
//!
//! pulldown-cmark does the Markdown; this module only walks its events with their offsets.
//! It decides nothing about talks or speakers. What is *visible* follows one rule: text a
//! reader of the rendered page reads. Link targets, image sources and alt text, HTML tags and
//! their attributes, HTML comments and scripts, autolinks and bare URLs are not visible;
//! link text, text inside HTML, and code are (code is marked).

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// How a visible span joins the one before it, for the matcher's folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// Same run of text, only markup between ("**ECS**のTask" reads "ECSのTask").
    Join,
    /// A line break or a tag between: white space.
    Space,
    /// Another block: no name spans this boundary.
    Break,
}

/// A byte range of the source that a reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub start: usize,
    pub end: usize,
    pub code: bool,
    pub sep: Sep,
}

/// Rendered inline text with where each piece came from and the links it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    /// `(text range, source range)`, in order. Equal lengths map byte for byte.
    pub pieces: Vec<(Range<usize>, Range<usize>)>,
    pub links: Vec<Link>,
    /// Text ranges set in bold (`**…**`, `__…__`), in order.
    pub strong: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Range of the link text within `Inline::text`.
    pub text: Range<usize>,
    pub url: String,
}

impl Inline {
    fn push(&mut self, s: &str, src: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(s);
        self.pieces.push((start..self.text.len(), src));
    }

    /// Before a link: whether the line so far is a lone `@` (Zenn's and Qiita's embeds,
    /// `@[speakerdeck](id)`, `@[youtube](id)`), which is then taken out of the text.
    fn drop_embed_at(&mut self) -> bool {
        let line_start = self.text.rfind('\n').map_or(0, |n| n + 1);
        if self.text[line_start..].trim_start() != "@" {
            return false;
        }
        let Some((text, src)) = self.pieces.last_mut() else {
            return false;
        };
        // only an "@" written as it stands maps back to its source byte for byte
        if text.end != self.text.len() || text.len() != src.len() || text.start == text.end {
            return false;
        }
        text.end -= 1;
        src.end -= 1;
        if text.start == text.end {
            self.pieces.pop();
        }
        self.text.pop();
        true
    }

    fn push_break(&mut self, c: char) {
        if !self.text.ends_with(c) {
            self.text.push(c);
        }
    }

    /// The source range covering a text range (from the first to the last piece it touches).
    pub fn source_range(&self, text: Range<usize>) -> Option<Range<usize>> {
        // pieces are in text order: skip those that end before the range
        let from = self.pieces.partition_point(|(t, _)| t.end <= text.start);
        let touching: Vec<_> = self.pieces[from..]
            .iter()
            .take_while(|(t, _)| t.start < text.end)
            .filter(|(t, _)| t.end > text.start)
            .collect();
        let first = touching.first()?;
        let last = touching.last()?;
        let start = if first.0.len() == first.1.len() {
            first.1.start + text.start.saturating_sub(first.0.start)
        } else {
            first.1.start
        };
        let end = if last.0.len() == last.1.len() {
            last.1.end - last.0.end.saturating_sub(text.end)
        } else {
            last.1.end
        };
        Some(start..end.max(start))
    }

    /// One `Inline` per line (split at line breaks), each keeping its pieces and links; blank
    /// lines are skipped.
    pub fn lines(&self) -> Vec<Inline> {
        self.first_lines(usize::MAX)
    }

    /// The first `max` non-blank lines, in one pass over the pieces and links.
    pub fn first_lines(&self, max: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut piece = 0;
        let mut link = 0;
        let mut start = 0;
        let ends = self
            .text
            .match_indices('\n')
            .map(|(i, _)| i)
            .chain(std::iter::once(self.text.len()));
        for end in ends {
            if out.len() >= max {
                break;
            }
            let r = start..end;
            start = end + 1;
            if self.text[r.clone()].trim().is_empty() {
                continue;
            }
            // pieces and links are in text order: skip what ends before this line
            while piece < self.pieces.len() && self.pieces[piece].0.end <= r.start {
                piece += 1;
            }
            while link < self.links.len() && self.links[link].text.start < r.start {
                link += 1;
            }
            out.push(self.slice(r, piece, link));
        }
        out
    }

    /// The part of this inline from byte `start` to `end` of its text, pieces and links kept.
    pub fn tail(&self, start: usize, end: usize) -> Inline {
        let end = end.min(self.text.len());
        self.slice(start.min(end)..end, 0, 0)
    }

    /// The part of this inline in text range `r`; `piece` and `link` are where to start looking.
    fn slice(&self, r: Range<usize>, piece: usize, link: usize) -> Inline {
        let shift = |x: usize| x.saturating_sub(r.start);
        let pieces = self.pieces[piece..]
            .iter()
            .take_while(|(t, _)| t.start < r.end)
            .filter(|(t, _)| t.end > r.start)
            .map(|(t, s)| {
                let (ts, te) = (t.start.max(r.start), t.end.min(r.end));
                let src = if t.len() == s.len() {
                    s.start + (ts - t.start)..s.start + (te - t.start)
                } else {
                    s.clone()
                };
                (shift(ts)..shift(te), src)
            })
            .collect();
        let links = self.links[link..]
            .iter()
            .take_while(|l| l.text.start < r.end)
            .filter(|l| l.text.end <= r.end)
            .map(|l| Link {
                text: shift(l.text.start)..shift(l.text.end),
                url: l.url.clone(),
            })
            .collect();
        let strong = self
            .strong
            .iter()
            .filter(|b| b.start >= r.start && b.end <= r.end)
            .map(|b| shift(b.start)..shift(b.end))
            .collect();
        Inline {
            text: self.text[r].to_string(),
            pieces,
            links,
            strong,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableCell,
    Code,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub inline: Inline,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub inline: Inline,
    pub range: Range<usize>,
    /// Inside a block quote.
    pub quoted: bool,
    /// How many lists hold this block (0 outside lists, 1 for a top-level item).
    pub depth: u8,
    /// A table cell's place: which table of the report, which row (0 is the header), which
    /// column.
    pub cell: Option<Cell>,
    /// The first block of a list item (a loose item's later paragraphs are not).
    pub item_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Heading(Heading),
    Block(Block),
}

impl Item {
    pub fn range(&self) -> &Range<usize> {
        match self {
            Item::Heading(h) => &h.range,
            Item::Block(b) => &b.range,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub items: Vec<Item>,
    pub visible: Vec<Visible>,
}

/// Parses `text[base..]` (the body after any front matter); every range is into `text`.
pub fn parse(text: &str, base: usize) -> Outline {
    let body = &text[base..];
    let mut w = Walker {
        src: text,
        out: Outline::default(),
        open: None,
        links: Vec::new(),
        bold: Vec::new(),
        image: 0,
        quote: 0,
        lists: 0,
        table: None,
        html: HtmlState::default(),
        sep: Sep::Break,
        item_pending: false,
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let inserts = kramdown_headings(body);
    if inserts.is_empty() {
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            w.event(event, range.start + base..range.end + base);
        }
    } else {
        // parse the body with the inserts in, and map every offset back past them
        let mut fixed = String::with_capacity(body.len() + inserts.len());
        let mut last = 0;
        for &(at, c) in &inserts {
            fixed.push_str(&body[last..at]);
            fixed.push(c);
            last = at;
        }
        fixed.push_str(&body[last..]);
        let inserted: Vec<usize> = inserts
            .iter()
            .enumerate()
            .map(|(k, &(at, _))| at + k)
            .collect();
        let back = |p: usize| p - inserted.partition_point(|&i| i < p) + base;
        for (event, range) in Parser::new_ext(&fixed, options).into_offset_iter() {
            w.event(event, back(range.start)..back(range.end));
        }
    }
    w.flush();
    w.out
}

/// Headings as kramdown and other older renderers read them and CommonMark does not: where a
/// character goes (at byte offset, which) for CommonMark to read them as their author saw
/// them.
/// - No space after the hashes ("##2月17日（金）", "###開催概要"): a space. Only two hashes or
///   more ("#devsumi" at a line's start is a hashtag).
/// - A heading line right under a line of HTML ("<hr />"), which CommonMark takes into the
///   HTML block: a blank line before it.
///
/// Lines in fenced or Liquid-highlighted code are code.
fn kramdown_headings(body: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    if !body.starts_with('#') && !body.contains("\n#") {
        return out;
    }
    let mut fence: Option<&str> = None;
    let mut html_above = false;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(if open == "{%" {
                "{% endhighlight"
            } else {
                open
            }) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(open);
            continue;
        }
        if trimmed.starts_with("{% highlight") {
            fence = Some("{%");
            continue;
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        let next = line[hashes..].chars().next();
        let spaced = (1..=6).contains(&hashes) && next.is_some_and(|c| c == ' ' || c == '\t');
        let unspaced =
            (2..=6).contains(&hashes) && next.is_some_and(|c| c != '#' && !c.is_whitespace());
        if (spaced || unspaced) && html_above {
            out.push((start, '\n'));
        }
        if unspaced {
            out.push((start + hashes, ' '));
        }
        html_above = line.starts_with('<') && line.trim_end().ends_with('>');
    }
    out
}

struct Open {
    kind: Open2,
    start: usize,
    end: usize,
    inline: Inline,
    quoted: bool,
    depth: u8,
    cell: Option<Cell>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open2 {
    Heading(u8),
    Block(BlockKind),
}

#[derive(Default)]
struct HtmlState {
    comment: bool,
    /// Inside `<script>` or `<style>`: hidden until the closing tag.
    raw: Option<&'static str>,
    /// A heading element opened on an earlier line and not closed yet (`<h5>` over its
    /// title's lines): its level.
    heading: Option<u8>,
}

struct Walker<'a> {
    src: &'a str,
    out: Outline,
    open: Option<Open>,
    /// Open links: where their text starts, the URL, whether it is an autolink, and whether
    /// it is an embed (`@[speakerdeck](id)`, whose text is no text of the page).
    links: Vec<(usize, String, bool, bool)>,
    /// Where each open `**` began in the open container's text.
    bold: Vec<usize>,
    image: usize,
    quote: usize,
    lists: u8,
    /// The cell the next table cell is: table number, row, column.
    table: Option<Cell>,
    html: HtmlState,
    sep: Sep,
    /// A list item opened and its first block not yet written.
    item_pending: bool,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => self.code(&t, range),
            Event::Html(t) => self.html_block_line(&t, range),
            Event::InlineHtml(t) => self.inline_html(&t, range),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(open) = self.open.as_mut() {
                    open.inline.push_break('\n');
                    open.end = range.end;
                }
                self.space();
            }
            Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.space(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => self.open(Open2::Heading(level as u8), range.start),
            Tag::Paragraph => {
                let kind = match self.open.as_ref().map(|o| o.kind) {
                    Some(Open2::Block(BlockKind::ListItem)) => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
                self.open(Open2::Block(kind), range.start);
            }
            Tag::Item => {
                self.open(Open2::Block(BlockKind::ListItem), range.start);
                self.item_pending = true;
            }
            Tag::List(_) => {
                self.flush();
                self.lists = self.lists.saturating_add(1);
            }
            Tag::Table(_) => {
                self.flush();
                let table = self.table.map_or(0, |c| c.table + 1);
                self.table = Some(Cell {
                    table,
                    row: 0,
                    col: 0,
                });
            }
            Tag::TableHead => self.flush(),
            Tag::TableRow => {
                self.flush();
                if let Some(c) = self.table.as_mut() {
                    c.row += 1;
                    c.col = 0;
                }
            }
            Tag::TableCell => {
                self.open(Open2::Block(BlockKind::TableCell), range.start);
                let cell = self.table;
                if let Some(c) = self.table.as_mut() {
                    c.col += 1;
                }
                if let Some(open) = self.open.as_mut() {
                    open.cell = cell;
                }
            }
            Tag::CodeBlock(_) => self.open(Open2::Block(BlockKind::Code), range.start),
            Tag::HtmlBlock => self.open(Open2::Block(BlockKind::Html), range.start),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let embed = !auto && self.open.as_mut().is_some_and(|o| o.inline.drop_embed_at());
                if embed {
                    // the embed's name ("speakerdeck", "youtube") is not read as text
                    self.image += 1;
                }
                let at = self.open.as_ref().map_or(0, |o| o.inline.text.len());
                self.links.push((at, dest_url.to_string(), auto, embed));
            }
            Tag::Image { .. } => self.image += 1,
            Tag::Strong => {
                let at = self.open.as_ref().map_or(0, |o| o.inline.text.len());
                self.bold.push(at);
            }
            Tag::FootnoteDefinition(_) => self.flush(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        if let Some(open) = self.open.as_mut() {
            open.end = open.end.max(range.end);
        }
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::CodeBlock => self.flush(),
            // a heading element left open at the block's end ends with it
            TagEnd::HtmlBlock if self.html.heading.take().is_some() => self.close_html_heading(),
            TagEnd::HtmlBlock => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists = self.lists.saturating_sub(1);
            }
            TagEnd::Link => {
                let embed = self.links.last().is_some_and(|l| l.3);
                if embed {
                    self.image = self.image.saturating_sub(1);
                    self.links.pop();
                } else if let Some((at, url, _, _)) = self.links.pop()
                    && let Some(open) = self.open.as_mut()
                {
                    let end = open.inline.text.len();
                    open.inline.links.push(Link { text: at..end, url });
                }
            }
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            TagEnd::Strong => {
                if let Some(at) = self.bold.pop()
                    && let Some(open) = self.open.as_mut()
                    && at < open.inline.text.len()
                {
                    let end = open.inline.text.len();
                    open.inline.strong.push(at..end);
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, kind: Open2, start: usize) {
        self.flush();
        self.open = Some(Open {
            kind,
            start,
            end: start,
            inline: Inline::default(),
            quoted: self.quote > 0,
            depth: self.lists,
            cell: None,
        });
        self.sep = Sep::Break;
    }

    /// Closes the open container; a list item's text before its nested list is a block too.
    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        self.sep = Sep::Break;
        let range = open.start..open.end.max(open.start);
        let item = match open.kind {
            Open2::Heading(level) => Item::Heading(Heading {
                level,
                inline: sorted_strong(open.inline),
                range,
            }),
            Open2::Block(kind) => {
                if open.inline.text.trim().is_empty() {
                    return;
                }
                let item_start = kind == BlockKind::ListItem && self.item_pending;
                if kind == BlockKind::ListItem {
                    self.item_pending = false;
                }
                Item::Block(Block {
                    kind,
                    inline: sorted_strong(open.inline),
                    range,
                    quoted: open.quoted,
                    depth: open.depth,
                    cell: open.cell,
                    item_start,
                })
            }
        };
        self.out.items.push(item);
    }

    /// Text outside any container (the rest of a list item after its nested list).
    fn ensure_open(&mut self, start: usize) -> &mut Open {
        if self.open.is_none() {
            self.open(Open2::Block(BlockKind::ListItem), start);
        }
        self.open.get_or_insert_with(|| Open {
            kind: Open2::Block(BlockKind::ListItem),
            start,
            end: start,
            inline: Inline::default(),
            quoted: false,
            depth: 0,
            cell: None,
        })
    }

    fn space(&mut self) {
        if self.sep == Sep::Join {
            self.sep = Sep::Space;
        }
    }

    fn see(&mut self, range: Range<usize>, code: bool) {
        if range.is_empty() {
            return;
        }
        let sep = std::mem::replace(&mut self.sep, Sep::Join);
        self.out.visible.push(Visible {
            start: range.start,
            end: range.end,
            code,
            sep,
        });
    }

    fn text(&mut self, t: &str, range: Range<usize>) {
        if self.image > 0 {
            return;
        }
        let in_code = matches!(
            self.open.as_ref().map(|o| o.kind),
            Some(Open2::Block(BlockKind::Code))
        );
        // a kramdown attribute list after a link or on a line of its own
        // (`[x](url){:rel="nofollow"}`, `{: .note}`) is markup, not text
        if !in_code && let Some(n) = attribute_list(t) {
            if n == t.len() {
                return;
            }
            return self.text(&t[n..], range.start + n..range.end);
        }
        let in_autolink = self.links.last().is_some_and(|l| l.2);
        let open = self.ensure_open(range.start);
        open.inline.push(t, range.clone());
        open.end = open.end.max(range.end);
        if in_autolink {
            self.space();
            return;
        }
        if self.src.get(range.clone()) != Some(t) {
            // an entity or other cooked text: its source spelling is not prose
            self.space();
            return;
        }
        if in_code {
            self.see(range, true);
            return;
        }
        let mut at = range.start;
        for url in bare_urls(t) {
            self.see(at..range.start + url.start, false);
            self.space();
            at = range.start + url.end;
        }
        self.see(at..range.end, false);
    }

    fn code(&mut self, t: &str, range: Range<usize>) {
        if self.image > 0 {
            return;
        }
        let open = self.ensure_open(range.start);
        open.inline.push(t, range.clone());
        open.end = open.end.max(range.end);
        let raw = &self.src[range.clone()];
        let lead = raw.len() - raw.trim_start_matches('`').len();
        let trail = raw.len() - raw.trim_end_matches('`').len();
        if lead + trail < raw.len() {
            self.space();
            self.see(range.start + lead..range.end - trail, true);
            self.space();
        }
    }

    fn inline_html(&mut self, t: &str, range: Range<usize>) {
        let lower = t.to_ascii_lowercase();
        if let Some(open) = self.open.as_mut() {
            open.end = open.end.max(range.end);
            if lower.starts_with("<br") || lower.starts_with("<p") || lower.starts_with("</p") {
                open.inline.push_break('\n');
            } else if !open.inline.text.ends_with(' ') {
                open.inline.push_break(' ');
            }
        }
        self.space();
    }

    /// One line of an HTML block: text between tags is visible, tags are not.
    ///
    /// A line that is one heading element (`<h2>Title</h2>`) is a heading, as a reader of
    /// the page sees it; the lines after it form a new HTML block. A heading element that
    /// opens a line and closes on a later one (`<h5>` … `</h5>`) is one heading too.
    fn html_block_line(&mut self, t: &str, range: Range<usize>) {
        let plain = !self.html.comment && self.html.raw.is_none();
        if let Some(level) = self.html.heading {
            self.html_pieces(t, range);
            if html_heading_closes(t, level) {
                self.html.heading = None;
                self.close_html_heading();
            }
            return;
        }
        let heading = html_heading_level(t).filter(|_| plain);
        let opening = heading
            .is_none()
            .then(|| html_heading_opens(t))
            .flatten()
            .filter(|_| plain);
        if let Some(level) = heading.or(opening) {
            self.open(Open2::Heading(level), range.start);
        } else if !matches!(
            self.open.as_ref().map(|o| o.kind),
            Some(Open2::Block(BlockKind::Html))
        ) {
            self.open(Open2::Block(BlockKind::Html), range.start);
        }
        self.html_pieces(t, range);
        if heading.is_some() {
            self.close_html_heading();
        } else if opening.is_some() {
            self.html.heading = opening;
        } else if let Some(open) = self.open.as_mut() {
            open.inline.push_break('\n');
        }
        self.space();
    }

    /// The visible text of one line of HTML, added to the open container.
    fn html_pieces(&mut self, t: &str, range: Range<usize>) {
        if let Some(open) = self.open.as_mut() {
            open.end = open.end.max(range.end);
        }
        let mut pieces = Vec::new();
        html_text(t, &mut self.html, &mut pieces);
        for r in pieces {
            let src = range.start + r.start..range.start + r.end;
            let s = &t[r];
            if let Some(open) = self.open.as_mut() {
                // a tag between two texts reads as a space
                if !open.inline.text.is_empty()
                    && !open.inline.text.ends_with(['\n', ' '])
                    && !s.starts_with(char::is_whitespace)
                {
                    open.inline.push_break(' ');
                }
                open.inline.push(s, src.clone());
            }
            // Markdown is not parsed in an HTML block: `![x](https://…)` is text, its URL
            // as invisible as a bare one
            let mut at = src.start;
            for url in bare_urls(s) {
                self.see(at..src.start + url.start, false);
                self.space();
                at = src.start + url.end;
            }
            self.see(at..src.end, false);
            self.space();
        }
    }

    /// The heading element is closed: it is a heading unless it shows nothing
    /// (`<h2><!-- x --></h2>`).
    fn close_html_heading(&mut self) {
        if self
            .open
            .as_ref()
            .is_some_and(|o| o.inline.text.trim().is_empty())
        {
            self.open = None;
        } else {
            self.flush();
        }
    }
}

/// The length of a kramdown inline attribute list opening `t` (`{:rel="nofollow"}`, `{: .x}`).
fn attribute_list(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("{:")?;
    let close = rest.find('}')?;
    // an attribute list holds no braces or line breaks
    (!rest[..close].contains(['{', '\n'])).then_some(2 + close + 1)
}

/// Bold ranges are recorded as they close; nested ones close first.
fn sorted_strong(mut inline: Inline) -> Inline {
    inline
        .strong
        .sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    inline
}

/// The level of the heading element whose tag opens `t` (`<h2>`, `<h2 class="x">`).
fn html_heading_tag(t: &str) -> Option<u8> {
    let b = t.as_bytes();
    if b.len() < 4 || b[0] != b'<' || !b[1].eq_ignore_ascii_case(&b'h') {
        return None;
    }
    let level = b[2].checked_sub(b'0').filter(|l| (1..=6).contains(l))?;
    (b[3] == b'>' || b[3].is_ascii_whitespace()).then_some(level)
}

/// The level of a heading element opening a line and not closed on it (`<h5>`, `<h5
/// class="x">Title …`), the only heading element there.
fn html_heading_opens(line: &str) -> Option<u8> {
    let t = line.trim();
    let level = html_heading_tag(t)?;
    let lower = t.to_ascii_lowercase();
    (lower.matches("<h").count() == 1 && !lower.contains("</h")).then_some(level)
}

/// Whether a line closes the heading element of `level` opened before it.
fn html_heading_closes(line: &str, level: u8) -> bool {
    line.to_ascii_lowercase().contains(&format!("</h{level}>"))
}

/// The level of a line that is one whole heading element, `<h2 class="x">Title</h2>`.
fn html_heading_level(line: &str) -> Option<u8> {
    let t = line.trim();
    let level = html_heading_tag(t).filter(|_| t.len() >= 9)?;
    let close = format!("</h{level}>");
    let lower = t.to_ascii_lowercase();
    // the element closes at the end of the line and opens only once
    (lower.ends_with(&close) && lower.matches("<h").count() == 1).then_some(level)
}

/// Ranges of `t` outside tags, comments and script/style bodies, carrying state across lines.
fn html_text(t: &str, state: &mut HtmlState, out: &mut Vec<Range<usize>>) {
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let push = |out: &mut Vec<Range<usize>>, a: usize, b: usize| {
        if t[a..b].trim().is_empty() {
            return;
        }
        out.push(a..b);
    };
    while i < bytes.len() {
        if state.comment {
            match t[i..].find("-->") {
                Some(j) => {
                    state.comment = false;
                    i += j + 3;
                    text_start = i;
                }
                None => return,
            }
            continue;
        }
        if let Some(close) = state.raw {
            let lower = t[i..].to_ascii_lowercase();
            match lower.find(close) {
                Some(j) => {
                    state.raw = None;
                    i += j;
                    text_start = i;
                }
                None => return,
            }
            continue;
        }
        if bytes[i] == b'<' {
            if text_start < i {
                push(out, text_start, i);
            }
            if t[i..].starts_with("<!--") {
                state.comment = true;
                i += 4;
                continue;
            }
            let end = t[i..].find('>').map_or(bytes.len(), |j| i + j + 1);
            let tag = t[i..end].to_ascii_lowercase();
            if tag.starts_with("<script") {
                state.raw = Some("</script");
            } else if tag.starts_with("<style") {
                state.raw = Some("</style");
            }
            i = end;
            text_start = i;
            continue;
        }
        i += 1;
    }
    if text_start < bytes.len() {
        push(out, text_start, bytes.len());
    }
}

/// Byte ranges of bare `http(s)://` URLs in prose (no reader reads a URL as a name).
pub fn bare_urls(t: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find_scheme(&t[from..]) {
        let start = from + i;
        let rest = &t[start..];
        let mut end = start
            + rest
                .find(|c: char| {
                    c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '`')
                })
                .unwrap_or(rest.len());
        while end > start && t[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '\'']) {
            end -= 1;
        }
        out.push(start..end);
        from = end.max(start + 1);
    }
    out
}

/// Where the first `http://` or `https://` starts: one pass, with a searcher built once.
fn find_scheme(s: &str) -> Option<usize> {
    static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("http"));
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = HTTP.find(&bytes[from..]) {
        let at = from + i;
        let rest = &bytes[at + 4..];
        if rest.starts_with(b"://") || rest.starts_with(b"s://") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible_text(text: &str) -> String {
        let o = parse(text, 0);
        let mut s = String::new();
        for v in &o.visible {
            match v.sep {
                Sep::Join => {}
                Sep::Space => s.push(' '),
                Sep::Break => s.push('|'),
            }
            if v.code {
                s.push('`');
            }
            s.push_str(&text[v.start..v.end]);
        }
        s
    }

    #[test]
    fn visible_table() {
        let rows = [
            ("**ECS**のTask", "|ECSのTask"),
            (
                "see [the docs](https://aws.amazon.com/dynamodb/) now",
                "|see the docs now",
            ),
            (
                "<b>Amazon SQS</b> and <a href=\"https://x/sns\">here</a>",
                "|Amazon SQS  and  here",
            ),
            ("run `aws s3 cp`", "|run  `aws s3 cp"),
            ("![EC2 diagram](ec2.png) text", "| text"),
            ("a <https://aws.amazon.com/ecs/> b", "|a   b"),
            ("go to https://example.com/s3/x. Then", "|go to  . Then"),
            ("A &amp; B", "|A   B"),
            ("<div>\n<!-- ECS -->\n<p>Fargate</p>\n</div>", "|Fargate"),
            (
                "<br>\n![s](https://img.s3.amazonaws.com/a.png) EKS",
                "|![s]( ) EKS",
            ),
            ("```\narn:aws:s3:::b\n```", "|`arn:aws:s3:::b\n"),
            ("# One\n\nTwo", "|One|Two"),
            ("<h2>EKS</h2>\n<p>by A</p>", "|EKS|by A"),
        ];
        for (input, want) in rows {
            assert_eq!(visible_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn headings_and_blocks() {
        let text = "# Event\n\n## Talk\n\nby @a Name\n\n* item\n  * nested\n\n> quoted\n";
        let o = parse(text, 0);
        let kinds: Vec<String> = o
            .items
            .iter()
            .map(|i| match i {
                Item::Heading(h) => format!("h{}:{}", h.level, h.inline.text),
                Item::Block(b) => format!("{:?}:{}:{}", b.kind, b.quoted, b.inline.text),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "h1:Event",
                "h2:Talk",
                "Paragraph:false:by @a Name",
                "ListItem:false:item",
                "ListItem:false:nested",
                "Paragraph:true:quoted"
            ]
        );
    }

    #[test]
    fn headings_without_a_space_after_the_hashes() {
        let text = "front\n##2月17日\n###［開発］Title　川口 耕介 氏\nbody ##x\n#devsumi\n\
                    ```sh\n## a comment\n```\n{% highlight sh %}\n##comment\n{% endhighlight %}\n\
                    ####### seven\n<hr />\n### After a rule\n<hr />\n##Unspaced after a rule\n";
        let o = parse(text, 0);
        let headings: Vec<(u8, &str, &str)> = o
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Heading(h) => Some((h.level, h.inline.text.as_str(), &text[h.range.clone()])),
                Item::Block(_) => None,
            })
            .collect();
        assert_eq!(
            headings.iter().map(|h| (h.0, h.1)).collect::<Vec<_>>(),
            [
                (2, "2月17日"),
                (3, "［開発］Title　川口 耕介 氏"),
                (3, "After a rule"),
                (2, "Unspaced after a rule")
            ]
        );
        // ranges are into the text as written
        assert!(
            headings[0].2.starts_with("##2月17日"),
            "{:?}",
            headings[0].2
        );
        assert!(
            headings[1].2.starts_with("###［開発］"),
            "{:?}",
            headings[1].2
        );
        // what follows is where it was: each visible range reads the same in the source
        let seven = o
            .visible
            .iter()
            .find(|v| text[v.start..].starts_with("####### "))
            .map(|v| &text[v.start..v.end]);
        assert_eq!(seven, Some("####### seven"));
        assert!(
            headings[3].2.starts_with("##Unspaced"),
            "{:?}",
            headings[3].2
        );
    }

    /// Each item of an outline as `h2:Title` or `Html:text`, its text trimmed.
    fn trimmed_items(o: &Outline) -> Vec<String> {
        o.items
            .iter()
            .map(|i| match i {
                Item::Heading(h) => format!("h{}:{}", h.level, h.inline.text.trim()),
                Item::Block(b) => format!("{:?}:{}", b.kind, b.inline.text.trim()),
            })
            .collect()
    }

    #[test]
    fn html_heading_elements_are_headings() {
        let text = "<h2 id=\"t\">EKS Auto Mode</h2>\n<p>登壇者: 佐々木さん</p>\n\n<div><h3>a</h3><h3>b</h3></div>\n";
        assert_eq!(
            trimmed_items(&parse(text, 0)),
            ["h2:EKS Auto Mode", "Html:登壇者: 佐々木さん", "Html:a b"]
        );
        assert_eq!(html_heading_level("<H4>x</h4>"), Some(4));
        assert_eq!(html_heading_level("<h7>x</h7>"), None);
        assert_eq!(html_heading_level("<hr>x</hr>"), None);
        assert_eq!(html_heading_level("<h2>x"), None);
    }

    #[test]
    fn a_heading_element_over_several_lines_is_one_heading() {
        let text = "<h5>Queues without tears | Jane Doe - <a href=\"k\">Acme</a>\n</h5>\n<p>notes</p>\n\n<h5>\n<a href=\"k\">Edge</a> caching | Ravi Menon</h5>\n\n<h5>never closed\n\n<p>after</p>\n";
        let kinds = trimmed_items(&parse(text, 0));
        assert_eq!(
            kinds,
            [
                "h5:Queues without tears | Jane Doe - Acme",
                "Html:notes",
                "h5:Edge caching | Ravi Menon",
                "h5:never closed",
                "Html:after"
            ]
        );
    }

    #[test]
    fn inline_maps_back_to_source() {
        let text = "## Title by [Jane Doe](https://twitter.com/jd)\n";
        let o = parse(text, 0);
        let Item::Heading(h) = &o.items[0] else {
            panic!("heading expected")
        };
        assert_eq!(h.inline.text, "Title by Jane Doe");
        assert_eq!(h.inline.links.len(), 1);
        assert_eq!(&h.inline.text[h.inline.links[0].text.clone()], "Jane Doe");
        let r = h.inline.source_range(6..17).expect("maps");
        assert_eq!(&text[r], "by [Jane Doe");
    }

    #[test]
    fn lines_split_at_breaks() {
        let o = parse("by A\nSlides: x<br>more\n", 0);
        let Item::Block(b) = &o.items[0] else {
            panic!("block expected")
        };
        let lines: Vec<String> = b.inline.lines().into_iter().map(|l| l.text).collect();
        assert_eq!(lines, ["by A", "Slides: x", "more"]);
    }

    #[test]
    fn bare_url_table() {
        assert_eq!(bare_urls("x https://a.b/c, y"), vec![2..15]);
        assert_eq!(bare_urls("(http://a.b)です"), vec![1..11]);
        assert!(bare_urls("no url").is_empty());
        // "http" that opens no URL is passed over, whichever scheme comes first
        assert_eq!(bare_urls("httpd http:/x https://a.b"), vec![14..25]);
        assert_eq!(bare_urls("https://a.b http://c.d"), vec![0..11, 12..22]);
        assert_eq!(find_scheme("http"), None);
    }
}
