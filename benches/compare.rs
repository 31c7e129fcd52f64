//! The Rust side of `benchmarks/compare`: every shape (see `shapes/mod.rs`) every way, timed
//! in one run with one runtime, printed as TSV (`shape  work  capacity  variant  ns_per_item`)
//! for the script to put beside the Go program's figures.
//!
//! Run alone: `cargo bench --bench compare` (`-- --quick` for a tenth of the items and fewer
//! runs; `-- fan/300ns pipeline_macro` for only the configs and variants so named). Each figure is the median of the timed runs, after one warm-up run.

mod shapes;

use std::time::Instant;

use shapes::{Config, Variant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|arg| arg == "--quick");
    // Other arguments pick configs (`fan/300ns`) and variants (`pipeline_macro`) by name.
    let picks: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let (scale, runs) = if quick { (10, 3) } else { (1, 7) };
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    // An experiment, not a setting: with `RUSTFLAGS="--cfg tokio_unstable"` and `NO_LIFO=1`,
    // woken tasks skip tokio's unstealable LIFO slot (see BENCHMARKS.md).
    #[cfg(tokio_unstable)]
    if std::env::var_os("NO_LIFO").is_some() {
        builder.disable_lifo_slot();
    }
    let runtime = builder
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let configs = Config::all(scale);
    let config_names: Vec<String> = configs.iter().map(Config::name).collect();
    let variant_names: Vec<String> = Variant::ALL.iter().map(|v| v.name().to_owned()).collect();
    for config in configs
        .iter()
        .copied()
        .filter(|c| picked(&picks, &config_names, &c.name()))
    {
        let expected = shapes::sequential(config);
        for variant in Variant::ALL
            .into_iter()
            .filter(|v| v.supports(config) && picked(&picks, &variant_names, v.name()))
        {
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

/// Whether `name` is picked: by a pick that it contains, or because no pick names any of
/// `names`.
fn picked(picks: &[&String], names: &[String], name: &str) -> bool {
    let relevant: Vec<&&String> = picks
        .iter()
        .filter(|pick| names.iter().any(|other| other.contains(pick.as_str())))
        .collect();
    relevant.is_empty() || relevant.iter().any(|pick| name.contains(pick.as_str()))
}
