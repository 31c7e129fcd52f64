//! What the newer stages cost per item: `chunks_timeout`, `scan`, `zip`, `for_each` with
//! workers, `recurse` / `try_recurse` and `[retry = R]` on `try_map` / `try_then`. Each row
//! pushes many items through `source -> stage -> sink` four ways, side by side in one
//! process on one 2-worker runtime:
//!
//! - the new stage in a `pipeline!` block;
//! - the nearest stage that existed before it, in the same block shape (the baseline);
//! - the same by hand with tokio: mpsc channels (capacity 128, the blocks' default), a task
//!   per stage, no cancellation;
//! - where `futures` has the combinator, the same as stream combinators in one task
//!   (concurrent, never parallel, no channels).
//!
//! Each row runs its ways in rounds, one run of each way per round (the order rotating), so
//! the VM's drift reaches every way alike; each figure is the median of the timed rounds,
//! after a warm-up round. Every way of a row computes the same checked sum.
//!
//! Run: `cargo bench --bench stages` (`-- --quick` for a tenth of the items and 3 rounds;
//! any other argument picks rows whose key contains it: `-- recurse`). Prints a markdown
//! table and writes a bar chart of the ratios to `benchmarks/stages.svg` (after a full run
//! of every row; otherwise to `$CARGO_TARGET_DIR/benchmarks/stages.svg`, or `--svg PATH`).

use std::collections::HashSet;
use std::fmt;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::future::{BoxFuture, FutureExt};
use futures::{StreamExt, stream};
use gopipe::pipeline;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// The channel capacity of the hand-written ways: `pipeline!`'s default.
const CAP: usize = 128;
/// `chunks_timeout(CHUNK, WINDOW)` and `chunks(CHUNK)`.
const CHUNK: usize = 100;
const WINDOW: Duration = Duration::from_millis(10);
/// Workers of `for_each`, `recurse` and their baselines: the cores.
const WORKERS: usize = 2;
/// `[retry = ATTEMPTS]`.
const ATTEMPTS: usize = 3;

/// The four ways a row is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Stage,
    Baseline,
    Tokio,
    Futures,
}

const WAYS: [Way; 4] = [Way::Stage, Way::Baseline, Way::Tokio, Way::Futures];

struct Row {
    /// For picking rows by name: `chunks_timeout`, `recurse/unique_by`, ...
    key: &'static str,
    stage: &'static str,
    baseline: &'static str,
    tokio: &'static str,
    /// `None`: `futures` has no such combinator.
    futures: Option<&'static str>,
    /// Items counted per run of `n`: the ns/item denominator.
    items: fn(u64) -> u64,
    /// What every way must compute for `n`.
    expected: fn(u64) -> u64,
    run: fn(Way, u64) -> BoxFuture<'static, u64>,
}

impl Row {
    fn has(&self, way: Way) -> bool {
        way != Way::Futures || self.futures.is_some()
    }
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            key: "chunks_timeout",
            stage: "`chunks_timeout(100, 10ms)`",
            baseline: "`chunks(100)`",
            tokio: "mpsc + `timeout_at` batching loop",
            futures: None,
            items: |n| n,
            expected: triangle,
            run: chunks_timeout,
        },
        Row {
            key: "scan",
            stage: "`scan(0, f)`",
            baseline: "`map(f)`, state in the closure",
            tokio: "mpsc, a scan loop",
            futures: Some("`StreamExt::scan`"),
            items: |n| n,
            expected: running_totals,
            run: scan,
        },
        Row {
            key: "zip",
            stage: "`zip(a, b)`",
            baseline: "`merge(a, b)`",
            tokio: "2 mpsc, recv from each in turn",
            futures: Some("`StreamExt::zip`"),
            // Both branches send `n`: ns per input item.
            items: |n| 2 * n,
            expected: |n| triangle(n).wrapping_mul(2),
            run: zip,
        },
        Row {
            key: "for_each/workers",
            stage: "`for_each(f) [workers = 2]`",
            baseline: "`then(f) [workers = 2] -> drain()`",
            tokio: "mpsc, 2 tasks sharing the receiver behind a `Mutex`",
            futures: Some("`for_each_concurrent(2, f)`"),
            items: |n| n,
            expected: triangle,
            run: for_each_workers,
        },
        Row {
            key: "recurse/workers",
            stage: "`recurse(f) [workers = 2]`, a tree",
            baseline: "`then(f) [workers = 2]` over the nodes",
            tokio: "worklist: unbounded mpsc fed back, `AtomicUsize` pending, 2 tasks",
            futures: None,
            items: |n| n,
            expected: triangle,
            run: recurse,
        },
        Row {
            key: "recurse/unique_by",
            stage: "`recurse(f) [workers = 2, unique_by = ..]`",
            baseline: "`then(f) [workers = 2]`, `Mutex<HashSet>` in `f`",
            tokio: "the worklist, `Mutex<HashSet>` on the children",
            futures: None,
            items: |n| n,
            expected: triangle,
            run: recurse_unique,
        },
        Row {
            key: "try_recurse/workers",
            stage: "`try_recurse(f) [workers = 2]`",
            baseline: "`try_then(f) [workers = 2]` over the nodes",
            tokio: "the worklist, `f` returning `Result`",
            futures: None,
            items: |n| n,
            expected: triangle,
            run: try_recurse,
        },
        Row {
            key: "try_map/retry",
            stage: "`try_map(f) [retry = 3]`, nothing fails",
            baseline: "`try_map(f)`",
            tokio: "mpsc, a retry loop around `f`",
            futures: None,
            items: |n| n,
            expected: doubled,
            run: try_map_retry,
        },
        Row {
            key: "try_then/retry",
            stage: "`try_then(f) [retry = 3]`, nothing fails",
            baseline: "`try_then(f)`",
            tokio: "mpsc, a retry loop around `f().await`",
            futures: None,
            items: |n| n,
            expected: doubled,
            run: try_then_retry,
        },
    ]
}

/// `1 + 2 + .. + n`.
fn triangle(n: u64) -> u64 {
    n.wrapping_mul(n + 1) / 2
}

/// The sum of `2x` over `1..=n`.
fn doubled(n: u64) -> u64 {
    triangle(n).wrapping_mul(2)
}

/// The sum of the running totals of `1..=n`.
fn running_totals(n: u64) -> u64 {
    (1..=n)
        .scan(0u64, |total, x| {
            *total = total.wrapping_add(x);
            Some(*total)
        })
        .fold(0, u64::wrapping_add)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|arg| arg == "--quick");
    let svg_arg = args
        .iter()
        .position(|arg| arg == "--svg")
        .map(|at| PathBuf::from(args.get(at + 1).expect("--svg needs a path")));
    let picks: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(at, arg)| !arg.starts_with('-') && (*at == 0 || args[at - 1] != "--svg"))
        .map(|(_, arg)| arg)
        .collect();
    let (n, rounds) = if quick { (100_000, 3) } else { (1_000_000, 7) };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let rows: Vec<Row> = rows()
        .into_iter()
        .filter(|row| picks.is_empty() || picks.iter().any(|pick| row.key.contains(pick.as_str())))
        .collect();
    let all = rows.len() == self::rows().len();
    let started = Instant::now();
    let measured: Vec<(&Row, Measured)> = rows
        .iter()
        .map(|row| (row, measure(&runtime, row, n, rounds)))
        .collect();
    let took = started.elapsed();
    println!();
    println!(
        "`cargo bench --bench stages{}`: n = {n}, median of {rounds} rounds after a warm-up, ns/item ({:.0} s)",
        if quick { " -- --quick" } else { "" },
        took.as_secs_f64()
    );
    println!();
    print_table(&measured);
    let svg = svg_arg.unwrap_or_else(|| {
        if all && !quick {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmarks/stages.svg")
        } else {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
            target.join("benchmarks/stages.svg")
        }
    });
    if let Some(dir) = svg.parent() {
        std::fs::create_dir_all(dir).expect("the chart's directory");
    }
    let title = format!(
        "Each way's ns/item over the new stage's, n = {n}, median of {rounds} rounds (log scale)"
    );
    std::fs::write(&svg, chart(&title, &measured)).expect("the chart is written");
    println!();
    println!("Chart: {}", svg.display());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "Machine: {} CPUs ({cpu}), load average {}",
        std::thread::available_parallelism().map_or(0, |p| p.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// A row's medians, ns/item, by way (`None`: not measured).
#[derive(Clone, Copy, Default)]
struct Measured {
    median: [Option<f64>; 4],
}

impl Measured {
    fn get(&self, way: Way) -> Option<f64> {
        self.median[way as usize]
    }

    /// `way / stage`: above 1, the new stage is faster.
    fn ratio(&self, way: Way) -> Option<f64> {
        Some(self.get(way)? / self.get(Way::Stage)?)
    }
}

fn measure(runtime: &tokio::runtime::Runtime, row: &Row, n: u64, rounds: usize) -> Measured {
    let ways: Vec<Way> = WAYS.into_iter().filter(|&way| row.has(way)).collect();
    let expected = (row.expected)(n);
    let items = (row.items)(n) as f64;
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); 4];
    for round in 0..=rounds {
        // Rotate who goes first, so that no way always follows the same one.
        for at in 0..ways.len() {
            let way = ways[(at + round) % ways.len()];
            let started = Instant::now();
            let total = runtime.block_on((row.run)(way, n));
            let elapsed = started.elapsed();
            assert_eq!(
                total, expected,
                "{} ({way:?}) computed the wrong sum",
                row.key
            );
            if round > 0 {
                samples[way as usize].push(elapsed.as_secs_f64() * 1e9 / items);
            }
        }
    }
    let mut measured = Measured::default();
    for way in ways {
        let mut runs = std::mem::take(&mut samples[way as usize]);
        runs.sort_by(f64::total_cmp);
        let median = runs[runs.len() / 2];
        eprintln!(
            "{:<22} {:<9} median {median:>8.1} ns/item  (min {:.1}, max {:.1})",
            row.key,
            format!("{way:?}"),
            runs[0],
            runs[runs.len() - 1]
        );
        measured.median[way as usize] = Some(median);
    }
    measured
}

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"))
}

fn times(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}×"))
}

fn print_table(measured: &[(&Row, Measured)]) {
    println!(
        "| new stage | baseline stage | tokio by hand | futures | `pipeline!` new | baseline | tokio | futures | baseline / new | tokio / new | futures / new |"
    );
    println!("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|");
    for (row, m) in measured {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.stage,
            row.baseline,
            row.tokio,
            row.futures.unwrap_or("—"),
            cell(m.get(Way::Stage)),
            cell(m.get(Way::Baseline)),
            cell(m.get(Way::Tokio)),
            cell(m.get(Way::Futures)),
            times(m.ratio(Way::Baseline)),
            times(m.ratio(Way::Tokio)),
            times(m.ratio(Way::Futures)),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The chart

/// Horizontal bars of `way / new stage` on a log scale around 1×, three per row: right of
/// the line, the new stage is faster.
fn chart(title: &str, measured: &[(&Row, Measured)]) -> String {
    const SERIES: [(Way, &str, &str); 3] = [
        (Way::Baseline, "baseline stage / new stage", "#8c8c8c"),
        (Way::Tokio, "tokio by hand / new stage", "#2b6cb0"),
        (Way::Futures, "futures (one task) / new stage", "#dd8452"),
    ];
    let ratios: Vec<f64> = measured
        .iter()
        .flat_map(|(_, m)| SERIES.iter().filter_map(|(way, _, _)| m.ratio(*way)))
        .collect();
    // Whole decades either side of 1×, at least 0.1× to 10×.
    let low = ratios
        .iter()
        .fold(0.1f64, |low, &r| low.min(r))
        .log10()
        .floor();
    let high = ratios
        .iter()
        .fold(10f64, |high, &r| high.max(r))
        .log10()
        .ceil();
    let (label_w, plot_w, bar_h, gap) = (330.0, 520.0, 14.0, 12.0);
    let (top, legend_h) = (52.0, 30.0);
    let row_h = SERIES.len() as f64 * bar_h + gap;
    let plot_h = measured.len() as f64 * row_h;
    let width = label_w + plot_w + 70.0;
    let height = top + plot_h + 30.0 + legend_h;
    let x = |ratio: f64| label_w + (ratio.log10() - low) / (high - low) * plot_w;
    let mut svg = String::new();
    let mut line = |text: String| {
        svg.push_str(&text);
        svg.push('\n');
    };
    line(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif" font-size="12">"#
    ));
    line(format!(
        r#"<rect width="{width:.0}" height="{height:.0}" fill="white"/>"#
    ));
    line(format!(
        r#"<text x="10" y="22" font-size="14" font-weight="bold">{}</text>"#,
        escape(title)
    ));
    // The decades.
    for decade in (low as i32)..=(high as i32) {
        let ratio = 10f64.powi(decade);
        let gx = x(ratio);
        let stroke = if decade == 0 {
            r##"stroke="#000" stroke-width="1.5""##
        } else {
            r##"stroke="#ddd""##
        };
        line(format!(
            r#"<line x1="{gx:.1}" y1="{top:.1}" x2="{gx:.1}" y2="{:.1}" {stroke}/>"#,
            top + plot_h
        ));
        line(format!(
            r#"<text x="{gx:.1}" y="{:.1}" text-anchor="middle">{}×</text>"#,
            top + plot_h + 16.0,
            Ratio(ratio)
        ));
    }
    for (index, (row, m)) in measured.iter().enumerate() {
        let y0 = top + index as f64 * row_h + gap / 2.0;
        line(format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y0 + SERIES.len() as f64 * bar_h / 2.0 + 4.0,
            escape(&row.stage.replace('`', ""))
        ));
        for (at, (way, _, colour)) in SERIES.iter().enumerate() {
            let Some(ratio) = m.ratio(*way) else { continue };
            let y = y0 + at as f64 * bar_h;
            let (from, to) = (x(1.0), x(ratio));
            line(format!(
                r#"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{colour}"/>"#,
                from.min(to),
                (to - from).abs().max(1.0),
                bar_h - 2.0
            ));
            let (tx, anchor) = if ratio >= 1.0 {
                (to + 4.0, "start")
            } else {
                (to - 4.0, "end")
            };
            line(format!(
                r#"<text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}" font-size="10">{ratio:.2}×</text>"#,
                y + bar_h - 4.0
            ));
        }
    }
    // Which side is which, under the axis.
    line(format!(
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="10" fill="#555">&#8592; the new stage is slower</text>"##,
        x(1.0) - 6.0,
        top - 6.0
    ));
    line(format!(
        r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#555">the new stage is faster &#8594;</text>"##,
        x(1.0) + 6.0,
        top - 6.0
    ));
    let ly = top + plot_h + 36.0;
    let mut lx = 10.0;
    for (_, name, colour) in SERIES {
        line(format!(
            r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/>"#,
            ly - 10.0
        ));
        line(format!(
            r#"<text x="{:.1}" y="{ly:.1}">{}</text>"#,
            lx + 16.0,
            escape(name)
        ));
        lx += 16.0 + name.len() as f64 * 6.6 + 24.0;
    }
    line("</svg>".to_owned());
    svg
}

/// A decade's label: `0.01`, `1`, `100`.
struct Ratio(f64);

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 >= 1.0 {
            write!(f, "{:.0}", self.0)
        } else {
            let digits = (-self.0.log10()).round() as usize;
            write!(f, "{:.*}", digits, self.0)
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------------------------
// Hand-written building blocks

/// A source task: `1..=n` into a new channel.
fn spawn_source(tasks: &mut JoinSet<()>, n: u64) -> mpsc::Receiver<u64> {
    let (tx, rx) = mpsc::channel(CAP);
    tasks.spawn(async move {
        for x in 1..=n {
            if tx.send(x).await.is_err() {
                return;
            }
        }
    });
    rx
}

/// Sums `rx` with `add`, then joins `tasks`.
async fn sum_and_join<T>(
    mut rx: mpsc::Receiver<T>,
    mut tasks: JoinSet<()>,
    add: impl Fn(u64, T) -> u64,
) -> u64 {
    let mut total = 0u64;
    while let Some(item) = rx.recv().await {
        total = add(total, item);
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("a hand-written task panicked");
    }
    total
}

fn add_chunk(total: u64, chunk: Vec<u64>) -> u64 {
    chunk.iter().fold(total, |total, &x| total.wrapping_add(x))
}

// ---------------------------------------------------------------------------------------------
// chunks_timeout

fn chunks_timeout(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter(1..=n) -> chunks_timeout(CHUNK, WINDOW) -> fold(0u64, add_chunk)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n) -> chunks(CHUNK) -> fold(0u64, add_chunk)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => async move {
            let mut tasks = JoinSet::new();
            let mut rx = spawn_source(&mut tasks, n);
            let (tx, chunks) = mpsc::channel::<Vec<u64>>(CAP);
            // The usual batching loop: the first item starts the window; then take items
            // until the chunk is full, the window ends or the input does.
            tasks.spawn(async move {
                while let Some(first) = rx.recv().await {
                    let deadline = tokio::time::Instant::now() + WINDOW;
                    let mut chunk = Vec::with_capacity(CHUNK);
                    chunk.push(first);
                    let mut ended = false;
                    while chunk.len() < CHUNK {
                        match tokio::time::timeout_at(deadline, rx.recv()).await {
                            Ok(Some(item)) => chunk.push(item),
                            Ok(None) => {
                                ended = true;
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    if tx.send(chunk).await.is_err() || ended {
                        return;
                    }
                }
            });
            sum_and_join(chunks, tasks, add_chunk).await
        }
        .boxed(),
        Way::Futures => unreachable!("futures has no chunks_timeout"),
    }
}

// ---------------------------------------------------------------------------------------------
// scan

/// The running total: `scan`'s step.
fn step(total: &mut u64, x: u64) -> Option<u64> {
    *total = total.wrapping_add(x);
    Some(*total)
}

fn scan(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter(1..=n) -> scan(0u64, step) -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            let mut total = 0u64;
            pipeline! {
                from_iter(1..=n)
                    -> map(move |x| { total = total.wrapping_add(x); total })
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => async move {
            let mut tasks = JoinSet::new();
            let mut rx = spawn_source(&mut tasks, n);
            let (tx, out) = mpsc::channel(CAP);
            tasks.spawn(async move {
                let mut total = 0u64;
                while let Some(x) = rx.recv().await {
                    let Some(running) = step(&mut total, x) else {
                        return;
                    };
                    if tx.send(running).await.is_err() {
                        return;
                    }
                }
            });
            sum_and_join(out, tasks, u64::wrapping_add).await
        }
        .boxed(),
        Way::Futures => stream::iter(1..=n)
            .scan(0u64, |total, x| std::future::ready(step(total, x)))
            .fold(0u64, |acc, x| std::future::ready(acc.wrapping_add(x)))
            .boxed(),
    }
}

// ---------------------------------------------------------------------------------------------
// zip

fn add_pair(total: u64, (x, y): (u64, u64)) -> u64 {
    total.wrapping_add(x).wrapping_add(y)
}

fn zip(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                let a = from_iter(1..=n);
                let b = from_iter(1..=n);
                zip(a, b) -> fold(0u64, add_pair)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                let a = from_iter(1..=n);
                let b = from_iter(1..=n);
                merge(a, b) -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => async move {
            let mut tasks = JoinSet::new();
            let mut a = spawn_source(&mut tasks, n);
            let mut b = spawn_source(&mut tasks, n);
            let (tx, out) = mpsc::channel(CAP);
            tasks.spawn(async move {
                while let Some(x) = a.recv().await {
                    let Some(y) = b.recv().await else { return };
                    if tx.send((x, y)).await.is_err() {
                        return;
                    }
                }
            });
            sum_and_join(out, tasks, add_pair).await
        }
        .boxed(),
        Way::Futures => stream::iter(1..=n)
            .zip(stream::iter(1..=n))
            .fold(0u64, |acc, pair| std::future::ready(add_pair(acc, pair)))
            .boxed(),
    }
}

// ---------------------------------------------------------------------------------------------
// for_each [workers = 2]

fn for_each_workers(way: Way, n: u64) -> BoxFuture<'static, u64> {
    let total = Arc::new(AtomicU64::new(0));
    let sum = total.clone();
    let store = move |x: u64| sum.fetch_add(x, Ordering::Relaxed);
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter(1..=n) -> for_each(move |x| { store(x); }) [workers = WORKERS]
            }
            .await
            .expect("the benchmark pipeline does not fail");
            total.load(Ordering::Relaxed)
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n)
                    -> then(move |x| std::future::ready(store(x))) [workers = WORKERS]
                    -> drain()
            }
            .await
            .expect("the benchmark pipeline does not fail");
            total.load(Ordering::Relaxed)
        }
        .boxed(),
        Way::Tokio => async move {
            let mut tasks = JoinSet::new();
            let rx = Arc::new(Mutex::new(spawn_source(&mut tasks, n)));
            for _ in 0..WORKERS {
                let (rx, store) = (rx.clone(), store.clone());
                tasks.spawn(async move {
                    loop {
                        let item = rx.lock().await.recv().await;
                        let Some(x) = item else { return };
                        store(x);
                    }
                });
            }
            while let Some(joined) = tasks.join_next().await {
                joined.expect("a hand-written task panicked");
            }
            total.load(Ordering::Relaxed)
        }
        .boxed(),
        Way::Futures => async move {
            stream::iter(1..=n)
                .for_each_concurrent(WORKERS, |x| {
                    store(x);
                    std::future::ready(())
                })
                .await;
            total.load(Ordering::Relaxed)
        }
        .boxed(),
    }
}

// ---------------------------------------------------------------------------------------------
// recurse, try_recurse: a binary tree of the nodes `1..=n` (the children of `x` are `2x`
// and `2x + 1`), walked from its root

/// A node's visit: itself as the output, and its children.
fn visit(x: u64, n: u64) -> (u64, Vec<u64>) {
    let children = [2 * x, 2 * x + 1]
        .into_iter()
        .filter(|&child| child <= n)
        .collect();
    (x, children)
}

/// [`visit`] as user code that could fail.
fn try_visit(x: u64, n: u64) -> Result<(u64, Vec<u64>), Flaky> {
    if black_box(x) == 0 {
        return Err(Flaky);
    }
    Ok(visit(x, n))
}

/// The keys `unique_by` records, by hand.
type SeenSet = Arc<std::sync::Mutex<HashSet<u64>>>;

/// The baseline's `f`: the same visit of every node, its children only dropped; with `seen`,
/// each child's key recorded as `unique_by` records it.
fn visit_only(x: u64, n: u64, seen: Option<&SeenSet>) -> u64 {
    let (out, children) = visit(x, n);
    if let Some(seen) = seen {
        let mut seen = seen.lock().expect("not poisoned");
        for &child in &children {
            black_box(seen.insert(child));
        }
    }
    black_box(children);
    out
}

fn recurse(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter([1u64])
                    -> recurse(move |x: u64| async move { visit(x, n) }) [workers = WORKERS]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n)
                    -> then(move |x| std::future::ready(visit_only(x, n, None))) [workers = WORKERS]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => worklist(false, move |x| Ok(visit(x, n))).boxed(),
        Way::Futures => unreachable!("futures has no recursive stream"),
    }
}

fn recurse_unique(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter([1u64])
                    -> recurse(move |x: u64| async move { visit(x, n) })
                        [workers = WORKERS, unique_by = |x: &u64| *x]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            let seen = SeenSet::default();
            pipeline! {
                from_iter(1..=n)
                    -> then(move |x| std::future::ready(visit_only(x, n, Some(&seen)))) [workers = WORKERS]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => worklist(true, move |x| Ok(visit(x, n))).boxed(),
        Way::Futures => unreachable!("futures has no recursive stream"),
    }
}

fn try_recurse(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter([1u64])
                    -> try_recurse(move |x: u64| async move { try_visit(x, n) }) [workers = WORKERS]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n)
                    -> try_then(move |x| {
                        std::future::ready(try_visit(x, n).map(|(out, children)| {
                            black_box(children);
                            out
                        }))
                    }) [workers = WORKERS]
                    -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => worklist(false, move |x| try_visit(x, n)).boxed(),
        Way::Futures => unreachable!("futures has no recursive stream"),
    }
}

/// The recursive walk by hand, Go's crawl3 way: `WORKERS` tasks share an unbounded feedback
/// channel (its receiver behind a `Mutex`), an `AtomicUsize` counts the items fed and not
/// finished, and whoever finishes the last one sends each worker a stop. Outputs go to a
/// bounded channel read by the caller. With `unique`, a `Mutex<HashSet>` drops children seen
/// before. An error stops the worker that met it (none occurs here).
async fn worklist(
    unique: bool,
    f: impl Fn(u64) -> Result<(u64, Vec<u64>), Flaky> + Clone + Send + 'static,
) -> u64 {
    let (feed, fed) = mpsc::unbounded_channel::<Option<u64>>();
    let fed = Arc::new(Mutex::new(fed));
    let pending = Arc::new(AtomicUsize::new(1));
    let seen = unique.then(SeenSet::default);
    if let Some(seen) = &seen {
        seen.lock().expect("not poisoned").insert(1);
    }
    feed.send(Some(1)).expect("the workers' receiver is open");
    let (tx, out) = mpsc::channel(CAP);
    let mut tasks = JoinSet::new();
    for _ in 0..WORKERS {
        let (feed, fed, pending, seen, tx, f) = (
            feed.clone(),
            fed.clone(),
            pending.clone(),
            seen.clone(),
            tx.clone(),
            f.clone(),
        );
        tasks.spawn(async move {
            loop {
                let next = fed.lock().await.recv().await;
                let Some(Some(x)) = next else { return };
                let Ok((output, mut children)) = f(x) else {
                    return;
                };
                if let Some(seen) = &seen {
                    let mut seen = seen.lock().expect("not poisoned");
                    children.retain(|&child| seen.insert(child));
                }
                pending.fetch_add(children.len(), Ordering::AcqRel);
                for child in children {
                    let _ = feed.send(Some(child));
                }
                if tx.send(output).await.is_err() {
                    return;
                }
                if pending.fetch_sub(1, Ordering::AcqRel) == 1 {
                    for _ in 0..WORKERS {
                        let _ = feed.send(None);
                    }
                }
            }
        });
    }
    drop((feed, tx));
    sum_and_join(out, tasks, u64::wrapping_add).await
}

// ---------------------------------------------------------------------------------------------
// [retry = 3] on try_map and try_then, when nothing fails

/// The fallible stages' error; never made here.
#[derive(Debug, Clone)]
struct Flaky;

impl fmt::Display for Flaky {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("flaky")
    }
}

/// User code that could fail and does not.
fn double(x: u64) -> Result<u64, Flaky> {
    if black_box(x) == 0 {
        Err(Flaky)
    } else {
        Ok(x.wrapping_mul(2))
    }
}

/// The retry loop by hand: up to `ATTEMPTS` calls, 100 ms doubling waits between them.
async fn with_retry<Fut>(x: u64, mut attempt: impl FnMut(u64) -> Fut) -> Result<u64, Flaky>
where
    Fut: Future<Output = Result<u64, Flaky>>,
{
    let mut wait = Duration::from_millis(100);
    let mut made = 1;
    loop {
        match attempt(x).await {
            Ok(value) => return Ok(value),
            Err(error) if made >= ATTEMPTS => return Err(error),
            Err(_) => {
                tokio::time::sleep(wait).await;
                wait *= 2;
                made += 1;
            }
        }
    }
}

/// Source -> a task calling `f` with retry -> the caller's sum, by hand.
async fn retry_by_hand<Fut>(n: u64, f: impl Fn(u64) -> Fut + Send + Sync + 'static) -> u64
where
    Fut: Future<Output = Result<u64, Flaky>> + Send,
{
    let mut tasks = JoinSet::new();
    let mut rx = spawn_source(&mut tasks, n);
    let (tx, out) = mpsc::channel(CAP);
    tasks.spawn(async move {
        while let Some(x) = rx.recv().await {
            let Ok(value) = with_retry(x, &f).await else {
                return;
            };
            if tx.send(value).await.is_err() {
                return;
            }
        }
    });
    sum_and_join(out, tasks, u64::wrapping_add).await
}

fn try_map_retry(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter(1..=n) -> try_map(double) [retry = ATTEMPTS] -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n) -> try_map(double) -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => retry_by_hand(n, |x| std::future::ready(double(x))).boxed(),
        Way::Futures => unreachable!("futures has no retry"),
    }
}

/// [`double`] as async user code.
async fn double_async(x: u64) -> Result<u64, Flaky> {
    double(x)
}

fn try_then_retry(way: Way, n: u64) -> BoxFuture<'static, u64> {
    match way {
        Way::Stage => async move {
            pipeline! {
                from_iter(1..=n) -> try_then(double_async) [retry = ATTEMPTS] -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Baseline => async move {
            pipeline! {
                from_iter(1..=n) -> try_then(double_async) -> fold(0u64, u64::wrapping_add)
            }
            .await
            .expect("the benchmark pipeline does not fail")
        }
        .boxed(),
        Way::Tokio => retry_by_hand(n, double_async).boxed(),
        Way::Futures => unreachable!("futures has no retry"),
    }
}
