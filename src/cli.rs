//! The command line: clap definitions, turned into plain option structs that the rest of the
//! binary uses. Clap types do not leave this module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use talkgraph::export::{self, Format};
use talkgraph::graph::NodeKind;
use talkgraph::graph::filter::Filter;
use talkgraph::source::{Encoding, ReadOptions};

const ABOUT: &str = "Turn Markdown conference and meetup reports into a knowledge graph: \
speakers → talks → the cloud services and tools each talk mentions.";

const BUILD_EXAMPLES: &str = "\
Examples:
  graph build report.md > report.dot             DOT for Graphviz (the default)
  dot -Tsvg report.dot > report.svg              ... drawn as a picture
  graph build reports/ -o kg.json                a whole folder as one graph; JSON by extension
  graph build a.md b.md -f json | jq .nodes      several reports, JSON on standard output
  graph build reports/ -o kg.graphml             GraphML for Gephi, Cytoscape, igraph
  graph build reports/ -f csv -o kg/             nodes.csv, edges.csv, mentions.csv (pandas,
                                                 DuckDB, neo4j-admin database import)
  graph build report.md -o kg.html               one page to explore in a browser, offline
  graph build report.md -f mermaid --kind speaker,talk,service
                                                 a Mermaid flowchart for a README
  graph build reports/ --provider aws --min-mentions 3 -o aws.json
                                                 only AWS services named 3 times or more
  graph build report.md -f json --evidence       each mention's file, line, column and text
  cat report.md | graph build -                  a report on standard input
  graph build old-blog/ --encoding cp932         reports saved as Shift_JIS, not detected
  graph build report.md --dict mine.toml         add your own services and tools
  graph build report.md --no-builtin --dict mine.toml   only your own

Exit status: 0 done, 1 some input could not be used (each is named) or the graph is too big for
Mermaid (nothing is written), 2 bad usage.";

const EXAMPLES: &str = "\
Examples:
  graph build report.md > report.dot && dot -Tsvg report.dot > report.svg
  graph build reports/ -o kg.json
  graph mentions --all report.md                 every match and every rejected candidate
  graph build --help                             every option of build";

#[derive(Debug, Parser)]
#[command(
    name = "graph",
    version,
    about = ABOUT,
    long_about = None,
    propagate_version = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the graph of one or more reports (files, folders, or - for standard input).
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// Every service and tool found in the reports: where (file:line:column), in which talk,
    /// as which entry, from which text. With --all also every candidate that did not count
    /// and the rule that rejected it.
    #[command(after_help = MENTIONS_EXAMPLES)]
    Mentions(MentionsArgs),
    /// Every candidate part of the reports (heading, bold line, list item, table row) with
    /// its line, its evidence, the talk model's probability and the decision: talk, session,
    /// speaker line, or not a talk. What `graph mentions --all` is for matches, this is for
    /// structure.
    #[command(after_help = TALKS_EXAMPLES)]
    Talks(TalksArgs),
    /// List, look up and check dictionaries: what `graph` recognises, and why.
    #[command(subcommand)]
    Dict(DictCommand),
}

const TALKS_EXAMPLES: &str = "\
Columns: file:line, decision, probability, kind and level, title, speakers (where read), and
the evidence that weighed most. Decisions: talk, session (a talk holding talks), speaker (a
part that names the speakers of the talk above it), not a talk.

Examples:
  graph talks report.md                          every candidate, a line each
  graph talks report.md | grep -v 'not a talk'   what was taken
  graph talks reports/ -f json | jq 'select(.decision==\"talk\") | .title'
  graph talks report.md --min-confidence 0.8     what a stricter reading keeps

Exit status: 0 done, 1 some input could not be used (each is named), 2 bad usage.";

#[derive(Debug, Args)]
pub struct TalksArgs {
    /// Reports to read: Markdown files, folders, or - for standard input (as for build).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: TalksFormat,

    /// Only candidates the model gives at least this probability (0–1).
    #[arg(
        long,
        value_name = "P",
        default_value_t = 0.0,
        hide_default_value = true
    )]
    pub min_probability: f32,

    #[command(flatten)]
    pub dicts: DictLayers,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// Validated options for `graph talks`.
#[derive(Debug)]
pub struct TalksOptions {
    pub inputs: Vec<PathBuf>,
    pub read: ReadOptions,
    pub json: bool,
    pub min_probability: f32,
    pub min_confidence: f32,
    pub talk_model: Option<PathBuf>,
    pub dicts: Vec<PathBuf>,
    pub no_builtin: bool,
}

impl TalksArgs {
    pub fn into_options(self) -> TalksOptions {
        TalksOptions {
            inputs: self.inputs,
            read: self.reading.read_options(),
            json: matches!(self.format, TalksFormat::Json),
            min_probability: self.min_probability,
            min_confidence: self.reading.min_confidence,
            talk_model: self.reading.talk_model,
            dicts: self.dicts.dicts,
            no_builtin: self.dicts.no_builtin,
        }
    }
}

const MENTIONS_EXAMPLES: &str = "\
Status: found, or why a candidate was rejected:
  glued-left, glued-right   a Latin letter, digit or _ touches it (\"SPECS\", \"S3X\")
  case                      the alias counts only as written (\"go\" is not Go)
  no-evidence               an ambiguous word with no provider or neighbour around it
  title-case                an ambiguous word capitalised only by a Title Case heading
  phrase                    the word opens a phrase that is no product (\"lambda式\", \"Glue code\")

Examples:
  graph mentions report.md                       what was found, a line each
  graph mentions --all report.md | grep -v found what was turned down, and why
  graph mentions reports/ -f json | jq -r .id | sort | uniq -c | sort -rn
                                                 the most mentioned entries of a folder
  graph mentions report.md --dict mine.toml      check a dictionary of your own on a report

Exit status: 0 done, 1 some input could not be used (each is named), 2 bad usage.";

#[derive(Debug, Args)]
pub struct MentionsArgs {
    /// Reports to read: Markdown files, folders, or - for standard input (as for build).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: MentionsFormat,

    /// Also list each rejected candidate with the rule that rejected it.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub dicts: DictLayers,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// How the reports are read: the same for build and mentions.
#[derive(Debug, Args)]
#[command(next_help_heading = "Reading")]
pub struct ReadingArgs {
    /// Read every input in this encoding instead of detecting it: utf-8, shift_jis (cp932),
    /// euc-jp, iso-2022-jp, utf-16le, utf-16be, windows-1252 (latin1), gbk, big5, euc-kr, or
    /// any WHATWG label. Without it, UTF-8 is read as it is, a byte order mark is followed,
    /// and any other encoding is detected, with a note naming it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,

    /// Refuse a report rather than repair it: one with bytes its encoding cannot decode
    /// (otherwise read as U+FFFD, with a warning naming the lines), or with front matter
    /// that does not parse (otherwise left out, with a warning).
    #[arg(long)]
    pub strict: bool,

    /// Keep only talks and speakers the reading is at least this sure of (0–1; every talk
    /// and speaker carries its `confidence`). Below it, a talk's text belongs to the talk or
    /// event around it.
    #[arg(
        long,
        value_name = "X",
        default_value_t = 0.0,
        hide_default_value = true
    )]
    pub min_confidence: f32,

    /// A talk model of your own (JSON, as tools/talkmodel/fit.py writes it) instead of the
    /// built-in one.
    #[arg(long, value_name = "FILE")]
    pub talk_model: Option<PathBuf>,
}

fn parse_encoding(name: &str) -> Result<&'static Encoding, String> {
    talkgraph::source::encoding_for_name(name)
}

impl ReadingArgs {
    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            strict: self.strict,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MentionsFormat {
    /// Tab-separated lines for people: location, status, entity, text, talk.
    Table,
    /// JSON Lines: one object per mention, for jq and pandas.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TalksFormat {
    /// Tab-separated lines for people: location, decision, probability, unit, title,
    /// speakers, evidence.
    Table,
    /// JSON Lines: one object per candidate unit, with every feature, for jq and pandas.
    Json,
}

/// Validated options for `graph mentions`.
#[derive(Debug)]
pub struct MentionsOptions {
    pub inputs: Vec<PathBuf>,
    pub format: MentionsFormat,
    pub all: bool,
    pub min_confidence: f32,
    pub talk_model: Option<PathBuf>,
    pub read: ReadOptions,
    pub dicts: Vec<PathBuf>,
    pub no_builtin: bool,
}

impl MentionsArgs {
    pub fn into_options(self) -> MentionsOptions {
        MentionsOptions {
            inputs: self.inputs,
            format: self.format,
            all: self.all,
            read: self.reading.read_options(),
            min_confidence: self.reading.min_confidence,
            talk_model: self.reading.talk_model,
            dicts: self.dicts.dicts,
            no_builtin: self.dicts.no_builtin,
        }
    }
}

const DICT_EXAMPLES: &str = "\
Examples:
  graph dict list | grep -i lambda               every entry, a line each
  graph dict list -f json | jq 'length'          as JSON
  graph dict lookup ECS \"AWS Batch\" Go          which entry each spelling is, under which rule
  graph dict check mine.toml                     a dictionary of your own, checked with file:line";

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Every entry: id, kind, provider or category, name, aliases and their rules.
    #[command(after_help = DICT_EXAMPLES)]
    List {
        /// Output format.
        #[arg(short, long, value_enum, default_value = "table")]
        format: ListFormat,
        #[command(flatten)]
        dicts: DictLayers,
    },
    /// Which entry each TEXT resolves to, and under which rule. Text that is nobody's alias is
    /// scanned as a line of a report, to show what is found in it and what is rejected.
    /// Exit status 1 when some TEXT resolves to nothing.
    #[command(after_help = DICT_EXAMPLES)]
    Lookup {
        /// Spellings to look up ("ECS", "AWS Batch", "ＥＣ２").
        #[arg(required = true, value_name = "TEXT")]
        texts: Vec<String>,
        #[command(flatten)]
        dicts: DictLayers,
    },
    /// Check dictionary files of your own, layered over the built-in ones: every problem with
    /// its file and line. Exit status 1 when there is one.
    #[command(after_help = DICT_EXAMPLES)]
    Check {
        /// Dictionary files (the TOML format of dictionaries/README.md).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check the files alone, not over the built-in dictionaries.
        #[arg(long)]
        no_builtin: bool,
    },
}

/// The dictionaries a dict command works on.
#[derive(Debug, Args)]
pub struct DictLayers {
    /// A dictionary of your own layered over the built-in ones; repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Use only the --dict files.
    #[arg(long, requires = "dicts")]
    pub no_builtin: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// One line per entry, for people and grep.
    Table,
    /// An array of entries.
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Reports to read: Markdown files, folders (every *.md and *.markdown below them,
    /// .gitignore honoured), or - for standard input. Several inputs make one graph.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format [default: from the -o extension (.dot, .gv, .json, .graphml, .mmd,
    /// .html), else dot].
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Write the graph to FILE instead of standard output; for -f csv, the folder to write
    /// the CSV files into (created if missing; its parent must exist). Files are written whole
    /// or not at all: a failed run leaves existing files untouched.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Keep only these kinds of node (comma-separated): event, talk, speaker, service, tool.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "KIND",
        help_heading = "Filters"
    )]
    pub kind: Vec<KindArg>,

    /// Keep only the services and tools of these providers (comma-separated ids as in
    /// `graph dict list`: aws, gcp, azure, …; `none` for those without one, most tools).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "PROVIDER",
        help_heading = "Filters"
    )]
    pub provider: Vec<String>,

    /// Keep only the services and tools of these categories (comma-separated, as in `graph
    /// dict list`: compute, database, iac, ci, …).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "CATEGORY",
        help_heading = "Filters"
    )]
    pub category: Vec<String>,

    /// Keep only the services and tools mentioned at least N times in all the reports, as
    /// the edges show them (a feature named on its service's edge counts for both).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true,
        help_heading = "Filters"
    )]
    pub min_mentions: usize,

    /// Put every mention's report, line, column and text on the mentions edges (JSON,
    /// GraphML; CSV and HTML always carry them).
    #[arg(long)]
    pub evidence: bool,

    /// A dictionary of your own (same TOML format as the built-in ones, see
    /// dictionaries/README.md), layered over the built-in dictionaries; an entry with a
    /// built-in id replaces it. Repeat for several files; later files win.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

    /// Use only the --dict files, not the built-in dictionaries.
    #[arg(long, requires = "dicts")]
    pub no_builtin: bool,

    /// No progress line and no notes on standard error (warnings and errors still show).
    /// The progress line shows only when standard error is a terminal and a run takes more
    /// than a second.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// Node-link JSON for networkx, pandas and jq.
    Json,
    /// GraphML for Gephi, Cytoscape, yEd, igraph and networkx (lists as JSON strings).
    Graphml,
    /// nodes.csv, edges.csv and mentions.csv in the -o folder, for pandas, DuckDB and
    /// neo4j-admin database import.
    Csv,
    /// A Mermaid flowchart for Markdown (up to Mermaid's 500 edges).
    Mermaid,
    /// One self-contained page to explore in a browser: search, filters, mentions.
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Event,
    Talk,
    Speaker,
    Service,
    Tool,
}

/// Validated options for `graph build`.
#[derive(Debug)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub read: ReadOptions,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub dicts: Vec<PathBuf>,
    pub no_builtin: bool,
    pub filter: Filter,
    pub export: export::Options,
    pub min_confidence: f32,
    pub talk_model: Option<PathBuf>,
    pub quiet: bool,
}

impl BuildArgs {
    pub fn into_options(self) -> BuildOptions {
        let format = match (self.format, &self.output) {
            (Some(FormatArg::Dot), _) => Format::Dot,
            (Some(FormatArg::Json), _) => Format::Json,
            (Some(FormatArg::Graphml), _) => Format::Graphml,
            (Some(FormatArg::Csv), _) => Format::Csv,
            (Some(FormatArg::Mermaid), _) => Format::Mermaid,
            (Some(FormatArg::Html), _) => Format::Html,
            (None, Some(path)) => Format::from_path(path).unwrap_or(Format::Dot),
            (None, None) => Format::Dot,
        };
        BuildOptions {
            inputs: self.inputs,
            read: self.reading.read_options(),
            format,
            output: self.output,
            dicts: self.dicts,
            no_builtin: self.no_builtin,
            filter: Filter {
                kinds: self
                    .kind
                    .iter()
                    .map(|k| match k {
                        KindArg::Event => NodeKind::Event,
                        KindArg::Talk => NodeKind::Talk,
                        KindArg::Speaker => NodeKind::Speaker,
                        KindArg::Service => NodeKind::Service,
                        KindArg::Tool => NodeKind::Tool,
                    })
                    .collect(),
                // `--provider aws,` means aws
                providers: self
                    .provider
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect(),
                categories: self
                    .category
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect(),
                min_mentions: self.min_mentions,
            },
            export: export::Options {
                evidence: self.evidence,
            },
            min_confidence: self.reading.min_confidence,
            talk_model: self.reading.talk_model,
            quiet: self.quiet,
        }
    }
}
