//! The `graph` binary: parse the arguments, run, map failures to exit codes.
//!
//! 0 done; 1 some input could not be used (each named with its reason), or the output could
//! not be written; 2 bad usage (including a bad `--dict` file or a missing output folder).
//! A closed pipe on standard output (`graph build … | head`) is not an error.

mod cli;
mod dict_cmd;
mod mentions_cmd;
mod progress;
mod talks_cmd;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use cli::{BuildOptions, Cli, Command, DictCommand};
use talkgraph::dictionary::Dictionary;
use talkgraph::export::{self, Format, Rendered};
use talkgraph::graph;
use talkgraph::graph::filter::Filter;
use talkgraph::matcher::Matcher;
use talkgraph::pipeline;

pub(crate) enum Failure {
    /// Bad usage: exit 2.
    Usage(String),
    /// Inputs that could not be used, or output that could not be written: exit 1.
    Run(Vec<String>),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are errors to clap; a closed pipe is no reason to panic
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build(args) => build(args.into_options()),
        Command::Mentions(args) => mentions_cmd::run(args.into_options()),
        Command::Talks(args) => talks_cmd::run(args.into_options()),
        Command::Dict(DictCommand::List { format, dicts }) => {
            dict_cmd::list(format, &dicts.dicts, dicts.no_builtin)
        }
        Command::Dict(DictCommand::Lookup { texts, dicts }) => {
            dict_cmd::lookup(&texts, &dicts.dicts, dicts.no_builtin)
        }
        Command::Dict(DictCommand::Check { files, no_builtin }) => {
            dict_cmd::check(&files, no_builtin)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            say(&message);
            ExitCode::from(2)
        }
        Err(Failure::Run(messages)) => {
            for m in &messages {
                say(m);
            }
            ExitCode::from(1)
        }
    }
}

/// One diagnostic line on standard error. If nobody reads standard error, so be it: that is
/// no reason to fail (`eprintln!` would panic).
fn say(message: &str) {
    let _ = writeln!(io::stderr().lock(), "graph: {message}");
}

fn build(opts: BuildOptions) -> Result<(), Failure> {
    check_format(&opts)?;
    if let Some(out) = &opts.output {
        check_output(out, &opts.inputs, opts.format)?;
    }
    let dict = load_dictionary(&opts.dicts, opts.no_builtin)?;
    check_filter(&opts.filter, &dict)?;
    // the talk reading's word lists and expressions compile on another core meanwhile (one
    // report waits for both; they are no work of the matcher's)
    let (matcher, ctx) = std::thread::scope(|s| {
        s.spawn(talkgraph::document::warm_up);
        let matcher = Matcher::new(&dict)
            .map_err(|e| Failure::Usage(format!("the dictionaries are too large to compile: {e}")));
        let ctx = reading_context(&dict, opts.talk_model.as_deref(), opts.min_confidence);
        (matcher, ctx)
    });
    let (matcher, ctx) = (matcher?, ctx?);
    let (graph, without_talks) = read_reports(&opts, &dict, &matcher, &ctx)?;
    let graph = graph::filter::apply(graph, &opts.filter);
    if !opts.quiet {
        without_talks.note();
        note_filters(&opts.filter, &graph);
        note_html_size(opts.format, &graph);
    }
    write_graph(&opts, &graph)
}

/// Reads every input into one graph, with a progress line and then the notices; an input
/// that could not be used fails the run.
fn read_reports(
    opts: &BuildOptions,
    dict: &Dictionary,
    matcher: &Matcher,
    ctx: &talkgraph::document::Context,
) -> Result<(graph::KnowledgeGraph, WithoutTalks), Failure> {
    let job = pipeline::Job {
        read: &opts.read,
        matcher,
        ctx,
        detail: detail(opts),
        each: &|_, _| {},
    };
    let mut without_talks = WithoutTalks::default();
    let found = pipeline::find(&opts.inputs);
    let mut progress = progress::Progress::new(&found.pending, opts.quiet);
    let streamed = pipeline::build_streamed(found, &job, dict, &mut |i, report| {
        if let Some(r) = report {
            without_talks.see(r);
        }
        if let Some(p) = &mut progress {
            p.done(i);
        }
    });
    if let Some(p) = progress {
        p.finish();
    }
    let notices: Vec<pipeline::Notice> = if opts.quiet {
        streamed
            .notices
            .into_iter()
            .filter(pipeline::Notice::is_warning)
            .collect()
    } else {
        streamed.notices
    };
    say_notices(&notices);
    match streamed.graph {
        Some(graph) if streamed.errors.is_empty() => Ok((graph, without_talks)),
        _ => {
            let mut messages: Vec<String> = streamed.errors.iter().map(|e| e.to_string()).collect();
            messages.push(nothing_written(opts));
            Err(Failure::Run(messages))
        }
    }
}

/// What the mentions edges carry: CSV and HTML always show each mention; JSON and GraphML
/// with --evidence.
fn detail(opts: &BuildOptions) -> graph::Detail {
    if opts.export.evidence || matches!(opts.format, Format::Csv | Format::Html) {
        graph::Detail::Evidence
    } else {
        graph::Detail::Counts
    }
}

/// The last word of a run that failed.
fn nothing_written(opts: &BuildOptions) -> String {
    match &opts.output {
        Some(out) => format!("nothing written to {}", out.display()),
        None => "no graph written".to_string(),
    }
}

fn note_html_size(format: Format, graph: &graph::KnowledgeGraph) {
    if format == Format::Html && graph.node_count() > HTML_NODES {
        say(&format!(
            "note: the page holds {} nodes; a browser takes a while to lay out more than {HTML_NODES} (narrow it with --kind, --provider, --category or --min-mentions)",
            graph.node_count()
        ));
    }
}

/// The graph in its format, to the -o file or folder or to standard output.
fn write_graph(opts: &BuildOptions, graph: &graph::KnowledgeGraph) -> Result<(), Failure> {
    if opts.format.is_folder() {
        return write_files(opts, graph);
    }
    // the graph goes straight to its file: the rendered text is never held in memory
    let mut failed = None;
    let mut write = |w: &mut dyn Write| {
        export::write(graph, opts.format, &opts.export, w).map_err(|e| match e {
            export::RenderError::Io(e) => e,
            other => {
                let e = io::Error::other(other.to_string());
                failed = Some(other);
                e
            }
        })
    };
    let written = match &opts.output {
        Some(path) => write_atomically(path, &mut write),
        None => stream_stdout(&mut write),
    };
    match failed {
        Some(e) => Err(render_failed(opts, &e)),
        None => written,
    }
}

/// A format of several files (CSV), rendered whole, then written into the -o folder.
fn write_files(opts: &BuildOptions, graph: &graph::KnowledgeGraph) -> Result<(), Failure> {
    let Some(dir) = &opts.output else {
        return Err(Failure::Usage(format!(
            "-f {} writes several files; give a folder with -o DIR",
            opts.format.name()
        )));
    };
    match export::render(graph, opts.format, &opts.export) {
        Ok(Rendered::Files(files)) => write_folder(dir, &files),
        Ok(Rendered::One(bytes)) => write_atomically(dir, &mut |w| w.write_all(&bytes)),
        Err(e) => Err(render_failed(opts, &e)),
    }
}

fn render_failed(opts: &BuildOptions, e: &export::RenderError) -> Failure {
    Failure::Run(vec![
        format!("cannot render the graph as {}: {e}", opts.format.name()),
        nothing_written(opts),
    ])
}

/// Option combinations that cannot work, before any report is read.
fn check_format(opts: &BuildOptions) -> Result<(), Failure> {
    if opts.format.is_folder() && opts.output.is_none() {
        return Err(Failure::Usage(format!(
            "-f {} writes nodes.csv, edges.csv and mentions.csv; give a folder for them with -o DIR",
            opts.format.name()
        )));
    }
    if let Some(out) = &opts.output
        && !opts.format.is_folder()
        && out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return Err(Failure::Usage(format!(
            "{}: CSV is three files (nodes.csv, edges.csv, mentions.csv); write them into a folder with -f csv -o DIR",
            out.display()
        )));
    }
    if opts.export.evidence && matches!(opts.format, Format::Dot | Format::Mermaid) {
        return Err(Failure::Usage(format!(
            "--evidence puts mentions into -f json or -f graphml (csv and html always have them); -f {} has no place for them",
            opts.format.name()
        )));
    }
    Ok(())
}

/// Providers and categories the dictionaries know, so a typo is an error, not an empty graph.
fn check_filter(filter: &Filter, dict: &Dictionary) -> Result<(), Failure> {
    let none = graph::filter::NO_PROVIDER.to_string();
    let mut providers: Vec<String> = dict.providers.iter().map(|p| p.id.clone()).collect();
    providers.push(none.clone());
    let mut categories: Vec<String> = dict
        .entries
        .iter()
        .filter_map(|e| e.category.clone())
        .collect();
    // a tool known only by a link to its repository
    categories.extend([graph::LINKED_CATEGORY.to_string(), none]);
    for (option, asked, known) in [
        ("--provider", &filter.providers, &mut providers),
        ("--category", &filter.categories, &mut categories),
    ] {
        known.sort();
        known.dedup();
        let unknown: Vec<&str> = asked
            .iter()
            .filter(|a| !known.iter().any(|k| k.eq_ignore_ascii_case(a)))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(Failure::Usage(format!(
                "{option} {}: not known to the dictionaries; known: {}",
                unknown.join(","),
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// Above this many nodes the HTML view is slow to open, so `build` says so.
const HTML_NODES: usize = 5_000;

/// Filters that cannot do anything, or that left no service or tool, are worth a word: an
/// empty graph with no explanation looks like a bug.
fn note_filters(filter: &Filter, graph: &graph::KnowledgeGraph) {
    use graph::NodeKind;
    let entity_filters =
        !filter.providers.is_empty() || !filter.categories.is_empty() || filter.min_mentions > 0;
    let kinds_keep_entities = filter.kinds.is_empty()
        || filter
            .kinds
            .iter()
            .any(|k| matches!(k, NodeKind::Service | NodeKind::Tool));
    if entity_filters && !kinds_keep_entities {
        say(
            "note: --provider, --category and --min-mentions narrow services and tools, which --kind leaves out",
        );
    } else if (entity_filters || !filter.kinds.is_empty())
        && kinds_keep_entities
        && !graph
            .graph
            .node_weights()
            .any(|n| matches!(n.kind(), NodeKind::Service | NodeKind::Tool))
    {
        say("note: no service or tool is left after the filters");
    }
}

/// What was read but is worth a word (an encoding detected, bytes replaced, front matter left
/// out), in path order, before any error: a report that was refused is explained after them.
pub(crate) fn say_notices(notices: &[pipeline::Notice]) {
    for notice in notices {
        say(&notice.to_string());
    }
}

/// Reports in which no talk was found: one note, not one per file, as a folder of notes
/// without talks is common.
#[derive(Debug, Default)]
struct WithoutTalks {
    /// The first few paths, in path order.
    shown: Vec<String>,
    count: usize,
}

impl WithoutTalks {
    const SHOWN: usize = 5;

    fn see(&mut self, report: &graph::Report) {
        if !report.talks.is_empty() {
            return;
        }
        if self.count < Self::SHOWN {
            self.shown.push(report.path.clone());
        }
        self.count += 1;
    }

    fn note(&self) {
        if self.count == 0 {
            return;
        }
        let mut list = self.shown.join(", ");
        if self.count > self.shown.len() {
            list += &format!(" and {} more", self.count - self.shown.len());
        }
        say(&format!(
            "note: no talks found in {list}; what they mention belongs to their event (`graph talks FILE` shows every part considered, its evidence and why it is no talk)"
        ));
    }
}

pub(crate) fn load_dictionary(
    files: &[std::path::PathBuf],
    no_builtin: bool,
) -> Result<Dictionary, Failure> {
    let mut user = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Failure::Usage(format!("--dict {}: cannot read: {e}", f.display())))?;
        user.push((f.display().to_string(), text));
    }
    Dictionary::with_user_files(&user, no_builtin).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        Failure::Usage(format!(
            "the dictionaries have {} problem(s):\n{}",
            errors.len(),
            list.join("\n")
        ))
    })
}

/// How reports are read: the dictionary's product names, the talk model (the built-in one or
/// `--talk-model FILE`) and `--min-confidence`.
pub(crate) fn reading_context(
    dict: &Dictionary,
    talk_model: Option<&Path>,
    min_confidence: f32,
) -> Result<talkgraph::document::Context, Failure> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(Failure::Usage(format!(
            "--min-confidence {min_confidence}: give a number from 0 to 1 (0.8 keeps what the reading is fairly sure of)"
        )));
    }
    let model = match talk_model {
        None => talkgraph::document::Model::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Usage(format!("--talk-model {}: cannot read: {e}", path.display()))
            })?;
            talkgraph::document::Model::from_json(&text)
                .map_err(|e| Failure::Usage(format!("--talk-model {}: {e}", path.display())))?
        }
    };
    let mut ctx = talkgraph::document::Context::for_dictionary(dict, model);
    ctx.min_confidence = min_confidence;
    Ok(ctx)
}

fn output_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn check_output(path: &Path, inputs: &[std::path::PathBuf], format: Format) -> Result<(), Failure> {
    if let Ok(out) = std::fs::canonicalize(path)
        && inputs
            .iter()
            .filter_map(|i| std::fs::canonicalize(i).ok())
            .any(|i| i == out)
    {
        return Err(Failure::Usage(if format.is_folder() {
            format!(
                "{} is one of the inputs; write the {} files into a folder of their own",
                path.display(),
                format.name()
            )
        } else {
            format!(
                "{} is one of the inputs; writing the graph there would destroy it",
                path.display()
            )
        }));
    }
    let folder = output_folder(path);
    if !folder.is_dir() {
        return Err(Failure::Usage(format!(
            "cannot write {}: the folder {} does not exist; create it first",
            path.display(),
            folder.display()
        )));
    }
    if format.is_folder() {
        // a dangling symbolic link is no folder either
        if std::fs::symlink_metadata(path).is_ok() && !path.is_dir() {
            return Err(Failure::Usage(format!(
                "cannot write the {} files into {}: it is not a folder; give a folder name",
                format.name(),
                path.display()
            )));
        }
    } else if path.is_dir() {
        return Err(Failure::Usage(format!(
            "cannot write {}: it is a folder; give a file name (or -f csv to write CSV files into it)",
            path.display()
        )));
    }
    Ok(())
}

/// Writes each file to a temporary file in `dir`, then renames them all into place: a run
/// that fails leaves the folder as it was. `dir` is created if it is missing.
fn write_folder(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), Failure> {
    let fail = |path: &Path, e: &dyn std::fmt::Display| {
        Failure::Run(vec![
            format!("cannot write {}: {e}", path.display()),
            format!("nothing written to {}", dir.display()),
        ])
    };
    // a name taken by a folder or a device would fail the rename after the others were done
    for (name, _) in files {
        let path = dir.join(name);
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_file()
        {
            return Err(fail(
                &path,
                &"it is not a regular file; move it out of the way",
            ));
        }
    }
    let created = !dir.is_dir();
    if created {
        std::fs::create_dir(dir).map_err(|e| fail(dir, &e))?;
    }
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        match stage(&path, &mut |w| w.write_all(bytes)) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                // the temporary files go with `staged`; a folder this run made goes too
                drop(staged);
                if created {
                    let _ = std::fs::remove_dir(dir);
                }
                return Err(fail(&path, &e.kind()));
            }
        }
    }
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| fail(&path, &e.error))?;
    }
    Ok(())
}

/// What `write` writes, in a temporary file beside `path`, with the mode `path` has (a new
/// file: 0666 less the umask), ready to be renamed over it.
fn stage(path: &Path, write: &mut Writing<'_>) -> io::Result<tempfile::NamedTempFile> {
    let existing = std::fs::metadata(path).ok();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".graph-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // the mode asked for at creation is masked by the umask, as for any new file
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(output_folder(path))?;
    {
        let mut out = io::BufWriter::with_capacity(OUT_BUFFER, tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    if let Some(meta) = &existing {
        // an existing file keeps its mode exactly, umask or not
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(tmp)
}

/// Something that writes a file's bytes to a stream.
type Writing<'a> = dyn FnMut(&mut dyn Write) -> io::Result<()> + 'a;

/// How much output is gathered before it goes to the file or pipe.
const OUT_BUFFER: usize = 1 << 16;

/// Writes to a temporary file beside `path`, then renames it over `path`: a failed run leaves
/// the old file. The new file gets the old one's permissions (a new one: 0666 less the umask);
/// a symbolic link is followed, not replaced. A path that is not a regular file (`/dev/null`,
/// a named pipe) is written in place: renaming over it would replace the device.
fn write_atomically(path: &Path, write: &mut Writing<'_>) -> Result<(), Failure> {
    let fail = |e: io::Error| Failure::Run(vec![format!("cannot write {}: {e}", path.display())]);
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(fail)?,
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(fail)?;
        let mut out = io::BufWriter::with_capacity(OUT_BUFFER, file);
        return match write(&mut out).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(fail),
        };
    }
    let tmp = stage(&target, write).map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes to standard output as the bytes come; a reader that went away is no error.
fn stream_stdout(write: &mut Writing<'_>) -> Result<(), Failure> {
    let mut out = io::BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Run(vec![format!(
            "cannot write to standard output: {e}"
        )])),
    }
}

pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Run(vec![format!(
            "cannot write to standard output: {e}"
        )])),
    }
}
