//! Running the stages in order: find every input, then read, parse and scan each report on
//! as many threads as the machine has, keeping only what the graph needs; build one graph.
//! Problems with inputs are collected, not fatal one by one, so that a run names every bad
//! file at once; the caller decides what a partial set means (the CLI writes nothing). What
//! was read but is worth a word (the encoding a report was found in, bytes that could not be
//! decoded, front matter left out) is collected as notices for the caller to show. Reports and
//! notices come out in path order whatever the threads did, so output stays deterministic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, mpsc};

use crate::dictionary::Dictionary;
use crate::document::{Context, Document, FrontMatterNotice};
use crate::graph::{self, Detail, KnowledgeGraph, Report};
use crate::matcher::{Matcher, Scan};
use crate::source::{self, Decoding, How, Pending, ReadOptions, Replaced, SourceError};

/// Why an input could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Source(#[from] SourceError),
    /// With `--strict`, front matter that does not parse.
    #[error("{path}: {notice}; --strict refuses a report whose front matter does not parse")]
    FrontMatter {
        path: String,
        notice: FrontMatterNotice,
    },
}

/// Something about a report that was read, worth telling its reader: once per report and
/// kind, in path order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Notice {
    /// Not UTF-8, and no byte order mark: read in the encoding its bytes fit.
    #[error(
        "note: {path}: not UTF-8; read as {encoding}, the encoding its bytes fit (name another with --encoding if that is wrong)"
    )]
    Encoding {
        path: String,
        encoding: &'static str,
    },
    /// Bytes that are not valid in the report's encoding, read as U+FFFD.
    #[error(
        "warning: {path}: {} not valid {encoding} ({}); read as U+FFFD, --strict refuses such a file",
        replaced.bytes_text(),
        replaced.lines_text()
    )]
    Replaced {
        path: String,
        encoding: &'static str,
        replaced: Replaced,
    },
    /// Front matter left out, or read in the other format than its fence says.
    #[error("{}: {path}: {notice}", if notice.is_warning() { "warning" } else { "note" })]
    FrontMatter {
        path: String,
        notice: FrontMatterNotice,
    },
}

impl Notice {
    /// Whether something in the report was lost or replaced (else it is only worth knowing).
    pub fn is_warning(&self) -> bool {
        match self {
            Notice::Encoding { .. } => false,
            Notice::Replaced { .. } => true,
            Notice::FrontMatter { notice, .. } => notice.is_warning(),
        }
    }
}

/// Reports read and scanned, ready for a graph.
#[derive(Debug, Default)]
pub struct Scanned {
    pub reports: Vec<Report>,
    pub errors: Vec<InputError>,
    /// In path order; within a report: encoding, replaced bytes, front matter.
    pub notices: Vec<Notice>,
}

/// One input's notices, and its report or why it could not be used.
pub type ScannedOne = (Vec<Notice>, Result<Report, InputError>);

/// Inputs found but not read yet, in path order, and the ones that cannot be used at all.
#[derive(Debug, Default)]
pub struct Found {
    pub pending: Vec<Pending>,
    pub errors: Vec<InputError>,
}

/// Finds every input (see `source::find_all`).
pub fn find(inputs: &[PathBuf]) -> Found {
    let (pending, errors) = source::find_all(inputs);
    Found {
        pending,
        errors: errors.into_iter().map(InputError::from).collect(),
    }
}

/// Reads and scans every input. `each` sees every report with its full scan (text, outline,
/// rejected candidates) before it is reduced to what the graph needs, with `detail`; it runs
/// on worker threads, in no particular order.
pub fn scan_inputs_with(
    inputs: &[PathBuf],
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
    each: &(dyn Fn(&Document, &Scan) + Sync),
) -> Scanned {
    let found = find(inputs);
    let mut scanned = Scanned {
        reports: Vec::with_capacity(found.pending.len()),
        errors: found.errors,
        notices: Vec::new(),
    };
    let job = Job {
        read,
        matcher,
        ctx,
        detail,
        each,
    };
    scan_each(found.pending, &job, &mut |(notices, r)| {
        scanned.notices.extend(notices);
        match r {
            Ok(report) => scanned.reports.push(report),
            Err(e) => scanned.errors.push(e),
        }
    });
    scanned
}

/// What to do with each input: how to read it, what to find in it, what to keep of it.
/// `each` sees every report with its full scan before it is reduced; it runs on worker
/// threads, in no particular order.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub read: &'a ReadOptions,
    pub matcher: &'a Matcher<'a>,
    pub ctx: &'a Context,
    pub detail: Detail,
    pub each: &'a (dyn Fn(&Document, &Scan) + Sync),
}

impl std::fmt::Debug for Job<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("detail", &self.detail).finish()
    }
}

/// Reports in flight per worker thread: read or being read, or done and waiting for an
/// earlier one. A report's text is dropped as soon as its mentions are taken, so this is
/// what bounds memory, whatever the number of inputs.
const WINDOW_PER_THREAD: usize = 4;

/// Reads and scans `pending` on as many threads as the machine has and hands each input's
/// outcome to `sink` on the calling thread, in the order of `pending`, as soon as the ones
/// before it are done. Only a few reports are in flight at any time.
pub fn scan_each(pending: Vec<Pending>, job: &Job<'_>, sink: &mut dyn FnMut(ScannedOne)) {
    let total = pending.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 16)
        .min(total.max(1));
    let window = WINDOW_PER_THREAD * threads;
    let queue = Queue {
        state: Mutex::new(QueueState {
            pending: pending.into_iter().map(Some).collect(),
            next: 0,
            emitted: 0,
            stop: false,
        }),
        moved: Condvar::new(),
        window,
    };
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(window);
    let mut panicked = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || work(queue, job, &tx));
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, ScannedOne> = BTreeMap::new();
        let mut emitted = 0;
        for (i, outcome) in &rx {
            match outcome {
                Ok(one) => waiting.insert(i, one),
                Err(panic) => {
                    panicked = Some(panic);
                    break;
                }
            };
            while let Some(one) = waiting.remove(&emitted) {
                sink(one);
                emitted += 1;
            }
            queue.advance(emitted);
        }
        // a worker that panicked is a bug: stop the others and let it surface as one
        queue.stop();
        drop(rx);
    });
    if let Some(panic) = panicked {
        std::panic::resume_unwind(panic);
    }
}

/// A worker's answer for one input, or the panic it met.
type Outcome = Result<ScannedOne, Box<dyn std::any::Any + Send>>;

/// The inputs not taken yet, handed out in order while the window allows.
struct Queue {
    state: Mutex<QueueState>,
    moved: Condvar,
    window: usize,
}

struct QueueState {
    pending: Vec<Option<Pending>>,
    /// The next input to hand out.
    next: usize,
    /// How many outcomes the sink has had.
    emitted: usize,
    stop: bool,
}

impl Queue {
    /// The next input, once it is within the window; none when all are taken or the run
    /// stops.
    fn take(&self) -> Option<(usize, Pending)> {
        let mut st = self.state.lock().ok()?;
        loop {
            if st.stop || st.next >= st.pending.len() {
                return None;
            }
            if st.next < st.emitted + self.window {
                let i = st.next;
                st.next += 1;
                return st.pending[i].take().map(|p| (i, p));
            }
            st = self.moved.wait(st).ok()?;
        }
    }

    fn advance(&self, emitted: usize) {
        if let Ok(mut st) = self.state.lock() {
            st.emitted = emitted;
        }
        self.moved.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.stop = true;
        }
        self.moved.notify_all();
    }
}

fn work(queue: &Queue, job: &Job<'_>, tx: &mpsc::SyncSender<(usize, Outcome)>) {
    while let Some((i, p)) = queue.take() {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            scan_one(p, job.read, job.matcher, job.ctx, job.detail, job.each)
        }));
        let failed = outcome.is_err();
        if tx.send((i, outcome)).is_err() || failed {
            return;
        }
    }
}

/// `scan_inputs_with` and nothing to see on the way.
pub fn scan_inputs(
    inputs: &[PathBuf],
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
) -> Scanned {
    scan_inputs_with(inputs, read, matcher, ctx, detail, &|_, _| {})
}

fn scan_one(
    pending: Pending,
    read: &ReadOptions,
    matcher: &Matcher<'_>,
    ctx: &Context,
    detail: Detail,
    each: &(dyn Fn(&Document, &Scan) + Sync),
) -> ScannedOne {
    let (source, decoding) = match pending.read(read) {
        Ok(read) => read,
        Err(e) => return (Vec::new(), Err(e.into())),
    };
    let path = source::shown(&source.path).to_string();
    let mut notices = decoding_notices(&path, &decoding);
    let doc = Document::read(source, ctx);
    if let Some(notice) = &doc.front_notice {
        if read.strict && notice.is_warning() {
            let error = InputError::FrontMatter {
                path,
                notice: notice.clone(),
            };
            return (notices, Err(error));
        }
        notices.push(Notice::FrontMatter {
            path,
            notice: notice.clone(),
        });
    }
    let scan = matcher.scan(&doc);
    each(&doc, &scan);
    (notices, Ok(Report::new(doc, &scan, detail)))
}

/// What to say about how a report was decoded: the encoding when it was detected, the bytes
/// that were replaced.
fn decoding_notices(path: &str, decoding: &Decoding) -> Vec<Notice> {
    let mut notices = Vec::new();
    let encoding = decoding.encoding.name();
    if decoding.how == How::Detected {
        notices.push(Notice::Encoding {
            path: path.to_string(),
            encoding,
        });
    }
    if let Some(replaced) = &decoding.replaced {
        notices.push(Notice::Replaced {
            path: path.to_string(),
            encoding,
            replaced: replaced.clone(),
        });
    }
    notices
}

/// Why no graph could be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} input(s) could not be used", .0.len())]
    Inputs(Vec<InputError>),
    #[error("the dictionary is too large to compile: {0}")]
    Matcher(#[from] aho_corasick::BuildError),
}

/// What a streamed build came to.
#[derive(Debug)]
pub struct Streamed {
    /// The graph of every input; none when some input could not be used.
    pub graph: Option<KnowledgeGraph>,
    pub errors: Vec<InputError>,
    /// In path order; within a report: encoding, replaced bytes, front matter.
    pub notices: Vec<Notice>,
}

/// Reads, scans and adds every input to one graph as it comes, in path order: a report is
/// dropped as soon as the graph has what it adds, so memory holds the graph and the few
/// reports in flight. `seen` is told of every input as it is done (its index in
/// `found.pending`, and its report when it could be used).
pub fn build_streamed(
    found: Found,
    job: &Job<'_>,
    dict: &Dictionary,
    seen: &mut dyn FnMut(usize, Option<&Report>),
) -> Streamed {
    let paths: Vec<&str> = found.pending.iter().map(Pending::path).collect();
    let mut builder = graph::GraphBuilder::new(&paths);
    let mut errors = found.errors;
    let mut notices = Vec::new();
    let mut done = 0;
    scan_each(found.pending, job, &mut |(n, r)| {
        notices.extend(n);
        match r {
            Ok(report) => {
                // after an error no graph is made: the rest is only read for its errors
                if errors.is_empty() {
                    builder.add(&report);
                }
                seen(done, Some(&report));
            }
            Err(e) => {
                errors.push(e);
                seen(done, None);
            }
        }
        done += 1;
    });
    let graph = errors.is_empty().then(|| builder.finish(dict));
    Streamed {
        graph,
        errors,
        notices,
    }
}

/// The graph of every input, evidence and all, or every reason some input could not be used.
/// Encodings are detected; the notices are dropped.
pub fn build(inputs: &[PathBuf], dict: &Dictionary) -> Result<KnowledgeGraph, BuildError> {
    let matcher = Matcher::new(dict)?;
    let ctx = Context::for_dictionary(dict, crate::document::Model::default());
    let job = Job {
        read: &ReadOptions::default(),
        matcher: &matcher,
        ctx: &ctx,
        detail: Detail::Evidence,
        each: &|_, _| {},
    };
    let streamed = build_streamed(find(inputs), &job, dict, &mut |_, _| {});
    match streamed.graph {
        Some(graph) if streamed.errors.is_empty() => Ok(graph),
        _ => Err(BuildError::Inputs(streamed.errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More reports than the window holds, of all sizes: the streamed graph is the graph of
    /// every report read first, and the reports come in path order.
    #[test]
    fn streamed_build_is_the_collected_one() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixtures = std::fs::read_dir("tests/fixtures").expect("tests/fixtures");
        let mut sources: Vec<PathBuf> = fixtures
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        sources.sort();
        for copy in 0..3 {
            for (i, s) in sources.iter().enumerate() {
                let to = dir.path().join(format!("{copy}-{i:02}.md"));
                std::fs::copy(s, to).expect("copy a fixture");
            }
        }
        let dict = Dictionary::builtin().expect("built-in dictionary");
        let matcher = Matcher::new(&dict).expect("matcher");
        let ctx = Context::for_dictionary(&dict, crate::document::Model::default());
        let inputs = [dir.path().to_path_buf()];
        let read = ReadOptions::default();
        let collected = scan_inputs(&inputs, &read, &matcher, &ctx, Detail::Evidence);
        assert!(collected.errors.is_empty());
        let paths: Vec<&str> = collected.reports.iter().map(|r| r.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert!(paths.len() > WINDOW_PER_THREAD * 16);
        let job = Job {
            read: &read,
            matcher: &matcher,
            ctx: &ctx,
            detail: Detail::Evidence,
            each: &|_, _| {},
        };
        let mut seen = Vec::new();
        let streamed = build_streamed(find(&inputs), &job, &dict, &mut |i, r| {
            seen.push((i, r.map(|r| r.path.clone())));
        });
        let want: Vec<(usize, Option<String>)> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (i, Some(p.to_string())))
            .collect();
        assert_eq!(seen, want);
        let render = |g: &KnowledgeGraph| {
            let mut out = Vec::new();
            let opts = crate::export::Options { evidence: true };
            crate::export::json::write(g, &opts, &mut out).expect("render");
            out
        };
        let streamed = streamed.graph.expect("a graph");
        assert!(render(&streamed) == render(&graph::build(&collected.reports, &dict)));
    }
}
