//! Property tests over generated code: random pipeline shapes and settings, crossed with
//! random faults, each run checked against what the contract allows.
//!
//! `PIPELINE_PROPTEST_CASES` sets the number of cases (default: a CI-sized run), and
//! `PIPELINE_RECURSION_CASES` those of the recursive walks (`recursion`). The summary
//! of what was run (cases by shape, style and fault) is printed at the end, with `--nocapture`.

mod case;
mod fault;
mod recursion;
mod shapes;

use std::collections::BTreeMap;
use std::sync::Mutex;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use case::Case;

fn cases() -> u32 {
    std::env::var("PIPELINE_PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(400)
}

/// Cases run, by label, for the summary.
static TALLY: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

/// Counts one case under `label`.
pub fn tally(label: String) {
    *TALLY.lock().unwrap().entry(label).or_default() += 1;
}

/// What every property test runs on: injected panics kept off the output (they are expected
/// by the thousand), a 2-worker runtime, and a runner of `cases` cases.
pub fn setup(cases: u32) -> (tokio::runtime::Runtime, TestRunner) {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let injected = info
                .payload()
                .downcast_ref::<String>()
                .is_some_and(|message| message.starts_with("injected panic"));
            if !injected {
                default_hook(info);
            }
        }));
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    (runtime, runner)
}

#[test]
fn generated_pipelines_keep_the_contract_under_faults() {
    let (runtime, mut runner) = setup(cases());
    let outcome = runner.run(&case::strategy(), |case: Case| {
        let violation = runtime.block_on(case.check());
        prop_assert!(violation.is_none(), "{}", violation.unwrap_or_default());
        Ok(())
    });
    let tally = TALLY.lock().unwrap();
    let total: u64 = tally
        .iter()
        .filter(|(label, _)| label.starts_with("fault "))
        .map(|(_, n)| n)
        .sum();
    eprintln!("property cases run: {total}");
    for (label, count) in tally.iter() {
        eprintln!("  {label}: {count}");
    }
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
