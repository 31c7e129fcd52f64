//! `du`: disk usage of directory trees, walked concurrently (The Go Programming Language,
//! 8.8 and 8.9, `du4`).
//!
//! `cargo run --example du -- [DIR ...]` (the current directory by default)
//!
//! Every directory is read by a task of its own; a [`Semaphore`] bounds how many directories
//! are open at once; progress (files, bytes, rate) goes to stderr a few times a second; Enter
//! or Ctrl-C cancels the walk, which stops every task at once and reports the partial total.
//!
//! The walk is one `try_generate` stage: its tasks live in a scope made inside the stage, so
//! they are cancelled with the run, and waiting for the semaphore observes cancellation too —
//! Go's `select { case sema <- token: case <-done: }`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gopipe::Emitter;
use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, Scope, Semaphore, Spawner, StageName, pipeline};
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
    pub outcome: Result<(), PipelineError<std::io::Error>>,
    /// Stage tasks still alive after the walk: always 0.
    pub live_tasks: usize,
}

type Sizes = Emitter<u64, std::io::Error>;

/// What every directory task shares.
#[derive(Clone)]
struct Walker {
    dirs: Spawner<std::io::Error>,
    open: Semaphore,
    pause: Duration,
    emit: Sizes,
}

impl Walker {
    /// Reads `dir` in a task of its own: emits the size of each file, walks each subdirectory.
    fn walk(&self, dir: PathBuf) {
        let walker = self.clone();
        let _ = self.dirs.spawn(StageName::new("dir"), async move {
            let entries = {
                // Observes cancellation while waiting: no task stays blocked on the semaphore.
                let Ok(_open) = walker.open.acquire().await else {
                    return Ok(());
                };
                tokio::time::sleep(walker.pause).await;
                let Ok(mut reader) = tokio::fs::read_dir(&dir).await else {
                    return Ok(()); // unreadable: skipped, like du
                };
                let mut entries = Vec::new();
                while let Ok(Some(entry)) = reader.next_entry().await {
                    entries.push(entry);
                }
                entries
            };
            for entry in entries {
                let Ok(kind) = entry.file_type().await else {
                    continue;
                };
                if kind.is_dir() {
                    walker.walk(entry.path());
                } else if kind.is_file()
                    && let Ok(metadata) = entry.metadata().await
                {
                    walker.emit.send(metadata.len()).await;
                }
            }
            Ok(())
        });
    }
}

/// Walks every root concurrently, emitting file sizes.
async fn walk_all(
    roots: Vec<PathBuf>,
    options: Options,
    emit: Sizes,
) -> Result<(), std::io::Error> {
    let dirs: Scope<std::io::Error> = Scope::new();
    let walker = Walker {
        dirs: dirs.spawner(),
        open: Semaphore::new(options.max_open),
        pause: options.pause_per_dir,
        emit,
    };
    for root in roots {
        walker.walk(root);
    }
    drop(walker);
    dirs.join()
        .await
        .map_err(|error| std::io::Error::other(error.to_string()))
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
    let counted = totals.clone();
    let run = pipeline! {
        #![cancel = cancel]
        try_generate(move |emit| walk_all(roots, options, emit)) [name = "walk"]
            -> for_each(move |size| {
                counted.files.fetch_add(1, Ordering::Relaxed);
                counted.bytes.fetch_add(size, Ordering::Relaxed);
            }) [name = "count"]
    };
    let id = run.id();
    let outcome = run.await;
    progress.shutdown().await;
    Report {
        totals,
        outcome,
        live_tasks: live_tasks_of(id).len(),
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
