//! `du`: disk usage of directory trees, walked concurrently (The Go Programming Language,
//! 8.8 and 8.9, `du4`).
//!
//! `cargo run --example du -- [--progress] [DIR ...]` (the current directory by default)
//!
//! The walk is one `recurse` stage: each directory read gives the sizes of its files, which go
//! downstream to be counted, and its subdirectories, which are fed back into the stage. Its
//! `workers` bound how many directories are open at once (Go's counting semaphore), and the
//! stage ends by itself once no directory is left to read (Go's `sync.WaitGroup`). With
//! `--progress`, the run's own progress display replaces du4's ticker: directories walked,
//! sizes counted, per second, on stderr. Enter or Ctrl-C cancels the walk, which stops every
//! worker at once, and the partial total is printed.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{Graph, PipelineError, pipeline};
use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

/// How a walk ended.
#[derive(Debug)]
pub struct Report {
    /// Files counted: all of them, or up to the cancel.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// `Ok`, or `Cancelled` when stopped early.
    pub outcome: Result<(), PipelineError<Infallible>>,
    /// Stage tasks still alive after the walk: always 0.
    pub live_tasks: usize,
    /// The run's picture: `graph.to_mermaid()`.
    pub graph: Graph,
}

/// What one directory holds, read after `pause` (a slow disk, for the tests): the sizes of
/// its files, and its subdirectories. An unreadable directory is skipped, as du does.
async fn read_dir(dir: PathBuf, pause: Duration) -> (Vec<u64>, Vec<PathBuf>) {
    tokio::time::sleep(pause).await;
    let (mut sizes, mut subdirs) = (Vec::new(), Vec::new());
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
        return (sizes, subdirs);
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        match entry.metadata().await {
            Ok(meta) if meta.is_dir() => subdirs.push(entry.path()),
            Ok(meta) if meta.is_file() => sizes.push(meta.len()),
            _ => {}
        }
    }
    (sizes, subdirs)
}

/// Walks `roots` with at most `max_open` directories open at once, each read after `pause`;
/// shows its `progress` if asked; `cancel` stops it.
pub async fn du(
    roots: Vec<PathBuf>,
    (max_open, pause): (usize, Duration),
    progress: bool,
    cancel: CancellationToken,
) -> Report {
    let totals = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let counted = totals.clone();
    let run = pipeline! {
        #![cancel = cancel, progress = progress]
        from_iter(roots)
            -> recurse(move |dir| read_dir(dir, pause)) [name = "walk", workers = max_open]
            -> for_each(move |sizes: Vec<u64>| {
                counted[0].fetch_add(sizes.len() as u64, Relaxed);
                counted[1].fetch_add(sizes.iter().sum(), Relaxed);
            }) [name = "count"]
    };
    let (id, graph) = (run.id(), run.graph());
    let outcome = run.await;
    Report {
        files: totals[0].load(Relaxed),
        bytes: totals[1].load(Relaxed),
        outcome,
        live_tasks: live_tasks_of(id).len(),
        graph,
    }
}

#[tokio::main]
async fn main() {
    let (flags, dirs): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|arg| arg == "--progress");
    let mut roots: Vec<PathBuf> = dirs.into_iter().map(PathBuf::from).collect();
    if roots.is_empty() {
        roots.push(PathBuf::from("."));
    }
    // Enter or Ctrl-C cancels the walk; end of input (stdin not a terminal) does not.
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    let mut watcher = tokio::task::JoinSet::new();
    watcher.spawn(async move {
        let (mut stdin, mut byte) = (tokio::io::stdin(), [0u8; 1]);
        tokio::select! {
            Ok(1) = stdin.read(&mut byte) => stop.cancel(),
            Ok(()) = tokio::signal::ctrl_c() => stop.cancel(),
            else => {}
        }
    });
    eprintln!("walking {roots:?} (Enter or Ctrl-C stops)");
    let report = du(roots, (20, Duration::ZERO), !flags.is_empty(), cancel).await;
    watcher.shutdown().await;
    let partial = if report.outcome.is_err() {
        " (cancelled: partial total)"
    } else {
        ""
    };
    println!(
        "{} files  {:.1} GB{partial}",
        report.files,
        report.bytes as f64 / 1e9
    );
}
