//! The Rust side of `benchmarks/compare`: every shape (see `shapes/mod.rs`) every way, timed
//! in one run with one runtime, printed as TSV (`shape  work  capacity  variant  ns_per_item`)
//! for the script to put beside the Go program's figures.
//!
//! Run alone: `cargo bench --bench compare` (`-- --quick` for a tenth of the items and fewer
//! runs; `-- sq/300ns` for the configs whose name contains `sq/300ns`). Each figure is the median of the timed runs, after one warm-up run.

mod shapes;

use std::time::Instant;

use shapes::{Config, Variant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|arg| arg == "--quick");
    // Any other argument not starting with `-` keeps only the configs whose name holds it.
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let (scale, runs) = if quick { (10, 3) } else { (1, 7) };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let chosen = Config::all(scale).into_iter().filter(|config| {
        filters.is_empty()
            || filters
                .iter()
                .any(|filter| config.name().contains(filter.as_str()))
    });
    for config in chosen {
        let expected = shapes::sequential(config);
        for variant in Variant::ALL {
            let mut samples = Vec::with_capacity(runs);
            for run in 0..=runs {
                let started = Instant::now();
                let total = runtime.block_on(variant.run(config));
                let elapsed = started.elapsed();
                assert_eq!(
                    total,
                    expected,
                    "{} computed the wrong sum for {}",
                    variant.name(),
                    config.name()
                );
                if run > 0 {
                    samples.push(elapsed.as_secs_f64() * 1e9 / config.items as f64);
                }
            }
            samples.sort_by(f64::total_cmp);
            let median = samples[samples.len() / 2];
            eprintln!(
                "{:<20} {:<22} {median:>10.1} ns/item",
                config.name(),
                variant.name()
            );
            println!(
                "{}\t{}\t{}\t{}\t{median:.1}",
                config.shape_name(),
                config.work_name(),
                config.capacity,
                variant.name()
            );
        }
    }
}
