//! A progress line on standard error for long runs: reports and megabytes done, the rate and
//! the time left. Only when standard error is a terminal and the run has taken more than a
//! second; gone when the run is done. It never touches standard output or the graph's file.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use talkgraph::source::Pending;

/// A run shorter than this shows no progress at all.
const AFTER: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub(crate) struct Progress {
    /// Each input's size, in the order they are done.
    sizes: Vec<u64>,
    total: u64,
    reports: usize,
    bytes: u64,
    start: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A progress line for these inputs; none when `quiet` or standard error is no terminal.
    pub(crate) fn new(pending: &[Pending], quiet: bool) -> Option<Progress> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let sizes: Vec<u64> = pending.iter().map(Pending::size).collect();
        Some(Progress {
            total: sizes.iter().sum(),
            sizes,
            reports: 0,
            bytes: 0,
            start: Instant::now(),
            bar: None,
        })
    }

    /// Input `i` is done.
    pub(crate) fn done(&mut self, i: usize) {
        self.reports += 1;
        self.bytes += self.sizes.get(i).copied().unwrap_or(0);
        if self.bar.is_none() && self.start.elapsed() >= AFTER {
            self.bar = Some(self.bar());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            bar.set_message(format!("{}/{} reports", self.reports, self.sizes.len()));
        }
    }

    fn bar(&self) -> ProgressBar {
        let style = ProgressStyle::with_template(
            "{msg}, {bytes}/{total_bytes} [{bar:24}] {bytes_per_sec}, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(self.total), ProgressDrawTarget::stderr())
            .with_style(style);
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    }

    /// Takes the line away, before anything else is said on standard error.
    pub(crate) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
