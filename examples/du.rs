//! `du`: disk usage of directory trees, walked concurrently (The Go Programming Language,
//! 8.8 and 8.9, `du4`).
//!
//! `cargo run --example du -- [DIR ...]` (the current directory by default)
//!
//! The walk is one `recurse` stage: each directory read gives the sizes of its files, which go
//! downstream to be counted, and its subdirectories, which are fed back into the stage. Its
//! `workers` bound how many directories are open at once (Go's counting semaphore), and the
//! stage ends by itself once no directory is left to read (Go's `sync.WaitGroup`). Progress
//! (files, bytes, rate) goes to stderr a few times a second; Enter or Ctrl-C cancels the walk,
//! which stops every worker at once and reports the partial total.

use std::convert::Infallible;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, pipeline};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Files and bytes counted so far.
#[derive(Debug, Default)]
pub struct Totals {
    files: AtomicU64,
    bytes: AtomicU64,
}

impl Totals {
    /// Files counted.
    pub fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes counted.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// How to walk.
#[derive(Clone, Debug)]
pub struct Options {
    /// At most this many directories open at once.
    pub max_open: usize,
    /// Print progress to stderr this often (`None`: never).
    pub progress: Option<Duration>,
    /// Wait this long in each directory (a slow disk, for demonstrations and tests).
    pub pause_per_dir: Duration,
}

/// How a walk ended.
#[derive(Debug)]
pub struct Report {
    /// Files and bytes counted: all of them, or up to the cancel.
    pub totals: Arc<Totals>,
    /// `Ok`, or `Cancelled` when stopped early.
    pub outcome: Result<(), PipelineError<Infallible>>,
    /// Stage tasks still alive after the walk: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// What one directory holds: the sizes of its files, and its subdirectories.
async fn read_dir(dir: PathBuf, pause: Duration) -> (Vec<u64>, Vec<PathBuf>) {
    tokio::time::sleep(pause).await;
    let (mut sizes, mut subdirs) = (Vec::new(), Vec::new());
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
        return (sizes, subdirs); // unreadable: skipped, like du
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        match entry.file_type().await {
            Ok(kind) if kind.is_dir() => subdirs.push(entry.path()),
            Ok(kind) if kind.is_file() => {
                if let Ok(metadata) = entry.metadata().await {
                    sizes.push(metadata.len());
                }
            }
            _ => {}
        }
    }
    (sizes, subdirs)
}

/// Prints `files  size  rate` to stderr every `every`, until aborted.
async fn report_progress(totals: Arc<Totals>, every: Duration) {
    let start = Instant::now();
    let mut ticks = tokio::time::interval(every);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        let rate = totals.files() as f64 / start.elapsed().as_secs_f64();
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "{:>9} files  {:>10}  ({rate:.0} files/s)",
            totals.files(),
            human(totals.bytes())
        );
    }
}

/// Walks `roots`; `cancel` stops the walk early.
pub async fn du(roots: Vec<PathBuf>, options: Options, cancel: CancellationToken) -> Report {
    let totals = Arc::new(Totals::default());
    let mut progress = JoinSet::new();
    if let Some(every) = options.progress {
        progress.spawn(report_progress(totals.clone(), every));
    }
    let (counted, pause) = (totals.clone(), options.pause_per_dir);
    let run = pipeline! {
        #![cancel = cancel]
        from_iter(roots)
            -> recurse(move |dir| read_dir(dir, pause)) [name = "walk", workers = options.max_open]
            -> for_each(move |sizes: Vec<u64>| {
                counted.files.fetch_add(sizes.len() as u64, Ordering::Relaxed);
                counted.bytes.fetch_add(sizes.iter().sum(), Ordering::Relaxed);
            }) [name = "count"]
    };
    let (id, graph) = (run.id(), run.graph());
    let outcome = run.await;
    progress.shutdown().await;
    Report {
        totals,
        outcome,
        live_tasks: live_tasks_of(id).len(),
        graph,
    }
}

/// `1.2 GB`.
pub fn human(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", units[unit])
}

#[tokio::main]
async fn main() {
    let mut roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        roots.push(PathBuf::from("."));
    }
    let cancel = CancellationToken::new();
    let mut watchers = JoinSet::new();
    let on_enter = cancel.clone();
    watchers.spawn(async move {
        let mut byte = [0u8; 1];
        // Enter: cancel. End of input (stdin not a terminal, or closed): keep walking.
        if let Ok(1) = tokio::io::AsyncReadExt::read(&mut tokio::io::stdin(), &mut byte).await {
            on_enter.cancel();
        }
    });
    let on_ctrl_c = cancel.clone();
    watchers.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    eprintln!("walking {roots:?} (Enter or Ctrl-C stops)");
    let options = Options {
        max_open: 20,
        progress: Some(Duration::from_millis(250)),
        pause_per_dir: Duration::ZERO,
    };
    let report = du(roots, options, cancel).await;
    watchers.shutdown().await;
    let partial = if report.outcome.is_err() {
        " (cancelled: partial total)"
    } else {
        ""
    };
    println!(
        "{} files  {}{partial}",
        report.totals.files(),
        human(report.totals.bytes())
    );
}
