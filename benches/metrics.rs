//! What per-stage metrics cost: the compare shapes (see `shapes/mod.rs`) at 0 ns and 300 ns
//! of work, each as the same `pipeline!` block with metrics on (the default) and off
//! (`#![metrics = false]`), side by side in one process on one 2-worker runtime.
//!
//! Each config runs its two ways in rounds, one run of each per round (the order
//! alternating), so the machine's drift reaches both alike; each figure is the median of the
//! timed rounds, after a warm-up round.
//!
//! Run: `cargo bench --bench metrics` (`-- --quick` for a tenth of the items and 5 rounds).
//! Prints a markdown table: ns/item with metrics on and off, and the overhead in percent.

mod shapes;

use std::time::Instant;

use gopipe::pipeline;
use shapes::{Config, Shape, WORK_300NS, sq};

async fn shape(c: Config, metrics: bool) -> u64 {
    let (n, rounds, workers) = (c.items, c.rounds, c.workers());
    let run = match c.shape {
        // One worker: the block fuses into one task (see `shapes::pipeline_macro`).
        Shape::Sq if workers == 1 => pipeline! {
            #![capacity = c.capacity, metrics = metrics]
            from_iter(1..=n)
                -> map(move |x| sq(x, rounds))
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Sq => pipeline! {
            #![capacity = c.capacity, metrics = metrics]
            from_iter(1..=n)
                -> map(move |x| sq(x, rounds)) [workers = workers]
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Fan => pipeline! {
            #![capacity = c.capacity, metrics = metrics]
            from_iter(1..=n)
                -> map(|x| x + 1)
                -> map(|x| x.wrapping_mul(3))
                -> map(move |x| sq(x, rounds)) [workers = workers]
                -> fold(0u64, u64::wrapping_add)
        },
        Shape::Log => unreachable!("the log shape is left out here"),
    };
    run.await.expect("the benchmark pipeline does not fail")
}

fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let (scale, rounds) = if quick { (10, 5) } else { (1, 11) };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let configs: Vec<Config> = Config::all(scale)
        .into_iter()
        .filter(|c| c.shape != Shape::Log && (c.rounds == 0 || c.rounds == WORK_300NS))
        .collect();
    let started = Instant::now();
    let mut rows = Vec::new();
    for config in configs {
        let expected = shapes::sequential(config);
        let mut samples = [Vec::new(), Vec::new()];
        for round in 0..=rounds {
            for at in 0..2 {
                let on = (at + round) % 2 == 0;
                let begun = Instant::now();
                let total = runtime.block_on(shape(config, on));
                let elapsed = begun.elapsed();
                assert_eq!(total, expected, "{} computed the wrong sum", config.name());
                if round > 0 {
                    samples[usize::from(!on)]
                        .push(elapsed.as_secs_f64() * 1e9 / config.items as f64);
                }
            }
        }
        let [on, off] = samples.map(|mut runs| {
            runs.sort_by(f64::total_cmp);
            runs[runs.len() / 2]
        });
        eprintln!("{:<18} on {on:>8.1}  off {off:>8.1} ns/item", config.name());
        rows.push((config.name(), on, off));
    }
    println!();
    println!(
        "`cargo bench --bench metrics{}`: median of {rounds} rounds after a warm-up, ns/item ({:.0} s)",
        if quick { " -- --quick" } else { "" },
        started.elapsed().as_secs_f64()
    );
    println!();
    println!("| shape | metrics on | metrics off | overhead |");
    println!("|---|--:|--:|--:|");
    for (name, on, off) in &rows {
        println!(
            "| `{name}` | {on:.1} | {off:.1} | {:+.1}% |",
            (on / off - 1.0) * 100.0
        );
    }
    let worst = rows
        .iter()
        .map(|(_, on, off)| on / off - 1.0)
        .fold(f64::MIN, f64::max);
    println!();
    println!("Largest overhead: {:+.1}%", worst * 100.0);
}
