//! What safety costs outside the hot path: cancel -> all joined, memory per idle stage task,
//! and the latency of a lone item through idle stages. Each figure beside the same thing
//! written by hand with tokio (mpsc channels and a `select!` on a `CancellationToken`).
//!
//! Run: `cargo bench --bench costs` (add `-- --quick` for a smaller, faster run, and any of
//! `memory`, `cancel-busy`, `cancel-parked`, `latency` for only those). Prints a table;
//! BENCHMARKS.md explains each row.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, PipelineId, Run, pipeline};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

struct Settings {
    trials: usize,
    parked_tasks: usize,
    idle_tasks: usize,
    lone_items: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--memory-probe") {
        let workers = args[at + 2].parse().expect("a task count");
        return memory_probe(&args[at + 1], workers);
    }
    let quick = args.iter().any(|arg| arg == "--quick");
    let settings = if quick {
        Settings {
            trials: 10,
            parked_tasks: 20_000,
            idle_tasks: 20_000,
            lone_items: 200,
        }
    } else {
        Settings {
            trials: 30,
            parked_tasks: 200_000,
            idle_tasks: 100_000,
            lone_items: 2_000,
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    println!("| measure | pipeline! | hand-written tokio |");
    println!("|---|---|---|");
    // Arguments not starting with `-` pick measures by name (all without any).
    let picked: Vec<&String> = args[1..]
        .iter()
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let wanted =
        |name: &str| picked.is_empty() || picked.iter().any(|pick| name.contains(pick.as_str()));
    runtime.block_on(async {
        if wanted("memory") {
            memory_per_idle_task(settings.idle_tasks).await;
        }
        if wanted("cancel-busy") {
            cancel_ten_busy_stages(settings.trials).await;
        }
        if wanted("cancel-parked") {
            cancel_parked_tasks(settings.parked_tasks, settings.trials.min(10)).await;
        }
        if wanted("latency") {
            lone_item_latency(settings.lone_items).await;
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Memory per idle stage task

/// Resident memory in KiB (`VmRSS`).
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

async fn wait_for_tasks(id: PipelineId, count: usize) {
    while live_tasks_of(id).len() < count {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // Let every task reach its first wait.
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// A fan-out of `workers` stage tasks, all parked on their empty input: resident memory
/// added, per task. Each is measured in a fresh process (this binary, `--memory-probe`), so
/// memory one measurement freed cannot flatter the next.
async fn memory_per_idle_task(workers: usize) {
    let probe = |kind: &str| -> f64 {
        let output = std::process::Command::new(std::env::current_exe().expect("this binary"))
            .args(["--memory-probe", kind, &workers.to_string()])
            .output()
            .expect("the probe runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .expect("the probe prints KiB per task")
    };
    let (ours, theirs) = (probe("pipeline"), probe("tokio"));
    println!(
        "| memory per idle stage task ({workers} parked workers) | {:.2} KiB | {:.2} KiB |",
        ours, theirs
    );
}

/// The child side of [`memory_per_idle_task`].
fn memory_probe(kind: &str, workers: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let per_task = runtime.block_on(async {
        match kind {
            "pipeline" => {
                // Warm the allocator and the runtime with a smaller run of the same shape.
                macro_parked(workers / 10).await;
                macro_parked(workers).await
            }
            _ => {
                hand_parked(workers / 10).await;
                hand_parked(workers).await
            }
        }
    });
    println!("{per_task}");
}

async fn macro_parked(workers: usize) -> f64 {
    let (input, rx) = mpsc::channel::<u64>(1);
    let before = resident_kib();
    let run = pipeline! {
        from_channel(rx) -> map(|x| x) [workers = workers] -> drain()
    };
    wait_for_tasks(run.id(), workers + 2).await;
    let added = resident_kib().saturating_sub(before);
    drop(input);
    run.await.expect("the run ends when its input closes");
    added as f64 / workers as f64
}

async fn hand_parked(workers: usize) -> f64 {
    let (input, rx) = mpsc::channel::<u64>(1);
    let before = resident_kib();
    let token = CancellationToken::new();
    let shared = std::sync::Arc::new(tokio::sync::Mutex::new(rx));
    let (out_tx, mut out_rx) = mpsc::channel::<u64>(128);
    let mut tasks = JoinSet::new();
    for _ in 0..workers {
        let (token, shared, out) = (token.clone(), shared.clone(), out_tx.clone());
        tasks.spawn(async move {
            loop {
                let item = tokio::select! {
                    item = async { shared.lock().await.recv().await } => match item {
                        Some(item) => item,
                        None => return,
                    },
                    () = token.cancelled() => return,
                };
                tokio::select! {
                    sent = out.send(item) => if sent.is_err() { return },
                    () = token.cancelled() => return,
                }
            }
        });
    }
    drop(out_tx);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let added = resident_kib().saturating_sub(before);
    drop(input);
    while out_rx.recv().await.is_some() {}
    while tasks.join_next().await.is_some() {}
    added as f64 / workers as f64
}

// ---------------------------------------------------------------------------------------------
// Cancel -> all joined

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[rank]
}

fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}

/// Ten stages with items flowing, cancelled: time until every task has been joined.
async fn cancel_ten_busy_stages(trials: usize) {
    let mut ours = Vec::with_capacity(trials);
    let mut theirs = Vec::with_capacity(trials);
    for _ in 0..trials {
        // Ten tasks, as by hand: fused, the ten stages would be one task.
        let run = pipeline! {
            #![fusion = false]
            from_iter(0u64..) -> map(|x| x + 1) -> map(|x| x + 1) -> map(|x| x + 1)
                -> map(|x| x + 1) -> map(|x| x + 1) -> map(|x| x + 1) -> map(|x| x + 1)
                -> map(|x| x + 1) -> drain()
        };
        // Stages run from the moment the block is evaluated; awaiting only collects the end.
        tokio::time::sleep(Duration::from_millis(10)).await;
        ours.push(cancel_and_join(run).await);

        let token = CancellationToken::new();
        let tasks = hand_chain(&token, 10);
        tokio::time::sleep(Duration::from_millis(10)).await;
        let started = Instant::now();
        token.cancel();
        tasks.join_all().await;
        theirs.push(started.elapsed());
    }
    let (ours50, ours99) = (percentile(&mut ours, 0.5), percentile(&mut ours, 0.99));
    let (theirs50, theirs99) = (percentile(&mut theirs, 0.5), percentile(&mut theirs, 0.99));
    println!(
        "| cancel -> all joined, 10 busy stages, p50 / p99 of {trials} | {} / {} | {} / {} |",
        micros(ours50),
        micros(ours99),
        micros(theirs50),
        micros(theirs99)
    );
}

/// Cancels `run` and times it until every task has been joined.
async fn cancel_and_join(run: Run<(), Infallible>) -> Duration {
    let id = run.id();
    let started = Instant::now();
    run.cancel();
    let outcome = run.await;
    let elapsed = started.elapsed();
    assert!(
        matches!(outcome, Err(PipelineError::Cancelled)),
        "{outcome:?}"
    );
    assert!(live_tasks_of(id).is_empty());
    elapsed
}

/// `stages` tasks: an endless source, forwarding stages, a draining sink; all `select!` on
/// `token` around every send and receive.
fn hand_chain(token: &CancellationToken, stages: usize) -> JoinSet<()> {
    let mut tasks = JoinSet::new();
    let (tx, mut rx) = mpsc::channel::<u64>(128);
    let source_token = token.clone();
    tasks.spawn(async move {
        for n in 0u64.. {
            tokio::select! {
                sent = tx.send(n) => if sent.is_err() { return },
                () = source_token.cancelled() => return,
            }
        }
    });
    for _ in 0..stages - 2 {
        rx = spawn_forwarder(&mut tasks, rx, 128, token, |item| item + 1);
    }
    let token = token.clone();
    tasks.spawn(async move {
        loop {
            tokio::select! {
                item = rx.recv() => if item.is_none() { return },
                () = token.cancelled() => return,
            }
        }
    });
    tasks
}

/// `workers` parked stage tasks cancelled at once: time until all are joined, per task.
async fn cancel_parked_tasks(workers: usize, trials: usize) {
    let mut ours = Vec::with_capacity(trials);
    let mut theirs = Vec::with_capacity(trials);
    for _ in 0..trials {
        let (_input, rx) = mpsc::channel::<u64>(1);
        let run = pipeline! {
            from_channel(rx) -> map(|x| x) [workers = workers] -> drain()
        };
        wait_for_tasks(run.id(), workers + 2).await;
        ours.push(cancel_and_join(run).await);

        let token = CancellationToken::new();
        let mut tasks = JoinSet::new();
        for _ in 0..workers {
            let token = token.clone();
            tasks.spawn(async move { token.cancelled().await });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        token.cancel();
        while tasks.join_next().await.is_some() {}
        theirs.push(started.elapsed());
    }
    let per_task = |samples: &mut Vec<Duration>, p| {
        let total = percentile(samples, p);
        format!(
            "{:.0} ms ({:.2} µs/task)",
            total.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e6 / workers as f64
        )
    };
    println!(
        "| cancel -> all joined, {workers} parked tasks, p50 / p99 of {trials} | {} / {} | {} / {} |",
        per_task(&mut ours, 0.5),
        per_task(&mut ours, 0.99),
        per_task(&mut theirs, 0.5),
        per_task(&mut theirs, 0.99),
    );
}

// ---------------------------------------------------------------------------------------------
// Latency of a lone item

/// One item at a time through five idle stages (each item sent after they all went idle):
/// from send to arrival. Both sides read from and send to tokio mpsc channels; ours are the
/// `from_channel` source, three maps and the `to_channel` sink, as written (the maps fuse
/// into the sink's task) and with `#![fusion = false]` (five tasks); theirs five forwarders.
async fn lone_item_latency(items: usize) {
    let mut ours = Vec::new();
    for fusion in [true, false] {
        let (input, rx) = mpsc::channel::<Instant>(16);
        let (tx, mut output) = mpsc::channel::<Instant>(16);
        let run = pipeline! {
            #![fusion = fusion]
            from_channel(rx) -> map(|t| t) -> map(|t| t) -> map(|t| t) -> to_channel(tx)
        };
        ours.push(lone_items(&input, &mut output, items).await);
        drop(input);
        run.await.expect("the run ends when its input closes");
    }

    let token = CancellationToken::new();
    let (input, rx) = mpsc::channel::<Instant>(16);
    let (mut output, tasks) = hand_forwarders(&token, rx, 5);
    let mut theirs = lone_items(&input, &mut output, items).await;
    token.cancel();
    tasks.join_all().await;

    for (mut ours, how) in ours
        .into_iter()
        .zip(["as written (fused)", "unfused: 5 tasks"])
    {
        println!(
            "| one item through 5 idle stages, {how}, p50 / p99 of {items} | {} / {} | {} / {} |",
            micros(percentile(&mut ours, 0.5)),
            micros(percentile(&mut ours, 0.99)),
            micros(percentile(&mut theirs, 0.5)),
            micros(percentile(&mut theirs, 0.99)),
        );
    }
}

async fn lone_items(
    input: &mpsc::Sender<Instant>,
    output: &mut mpsc::Receiver<Instant>,
    items: usize,
) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(items);
    for _ in 0..items {
        // Long enough for every stage to flush and park.
        tokio::time::sleep(Duration::from_micros(500)).await;
        input.send(Instant::now()).await.expect("the pipeline runs");
        let sent = output.recv().await.expect("the item comes out");
        samples.push(sent.elapsed());
    }
    samples
}

fn hand_forwarders(
    token: &CancellationToken,
    mut rx: mpsc::Receiver<Instant>,
    stages: usize,
) -> (mpsc::Receiver<Instant>, JoinSet<()>) {
    let mut tasks = JoinSet::new();
    for _ in 0..stages {
        rx = spawn_forwarder(&mut tasks, rx, 16, token, |item| item);
    }
    (rx, tasks)
}

/// A stage by hand: `f` on every item of `input`, into a new channel of `capacity`, with a
/// `select!` on `token` around every receive and send.
fn spawn_forwarder<T: Send + 'static>(
    tasks: &mut JoinSet<()>,
    mut input: mpsc::Receiver<T>,
    capacity: usize,
    token: &CancellationToken,
    f: impl Fn(T) -> T + Send + 'static,
) -> mpsc::Receiver<T> {
    let (tx, output) = mpsc::channel::<T>(capacity);
    let token = token.clone();
    tasks.spawn(async move {
        loop {
            let item = tokio::select! {
                item = input.recv() => match item { Some(item) => item, None => return },
                () = token.cancelled() => return,
            };
            tokio::select! {
                sent = tx.send(f(item)) => if sent.is_err() { return },
                () = token.cancelled() => return,
            }
        }
    });
    output
}
