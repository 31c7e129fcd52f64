//! Criterion's view of every shape every way (see `shapes/mod.rs`), one group per config, with
//! throughput in items. `benchmarks/compare` gives the quicker side-by-side table with Go.
//!
//! Run: `cargo bench --bench throughput` (a filter narrows it: `cargo bench --bench throughput -- fan`).

mod shapes;

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use shapes::{Config, Variant};

fn shapes(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    for config in Config::all(1) {
        let expected = shapes::sequential(config);
        let mut group = c.benchmark_group(config.name());
        group.throughput(Throughput::Elements(config.items));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        for variant in Variant::ALL.into_iter().filter(|v| v.supports(config)) {
            assert_eq!(
                runtime.block_on(variant.run(config)),
                expected,
                "{} computed the wrong sum for {}",
                variant.name(),
                config.name()
            );
            group.bench_function(variant.name(), |b| {
                b.to_async(&runtime).iter(|| variant.run(config));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, shapes);
criterion_main!(benches);
