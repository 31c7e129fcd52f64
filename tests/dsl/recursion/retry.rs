//! `try_recurse(f) [retry = R]`: a failed item is tried again before its children are fed
//! back; the error that ends its attempts says how many were made, and the item then has no
//! children.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::{PipelineError, Retry, pipeline};

use crate::common::within;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Flaky(u32);

/// How many times each node was tried.
#[derive(Clone, Default)]
struct Tries(Arc<Mutex<HashMap<u32, usize>>>);

impl Tries {
    /// Counts a try of `n`; the count so far.
    fn record(&self, n: u32) -> usize {
        let mut tries = self.0.lock().unwrap();
        let count = tries.entry(n).or_default();
        *count += 1;
        *count
    }

    fn of(&self, n: u32) -> usize {
        self.0.lock().unwrap().get(&n).copied().unwrap_or(0)
    }
}

fn children(n: u32, last: u32) -> Vec<u32> {
    [2 * n, 2 * n + 1]
        .into_iter()
        .filter(|&child| child <= last)
        .collect()
}

#[tokio::test(start_paused = true)]
async fn every_node_fails_twice_and_is_still_walked_once_with_its_children() {
    let tries = Tries::default();
    let counted = tries.clone();
    let run = pipeline! {
        from_iter([1u32])
            -> try_recurse(move |n: u32| {
                let tries = counted.clone();
                async move {
                    if tries.record(n) < 3 { Err(Flaky(n)) } else { Ok((n, children(n, 15))) }
                }
            }) [workers = 2, retry = Retry::attempts(3).backoff(Duration::from_millis(10))]
            -> collect::<BTreeSet<u32>>()
    };
    let nodes = within("the run", run).await.unwrap();
    assert_eq!(nodes, (1..=15).collect());
    for n in 1..=15 {
        assert_eq!(tries.of(n), 3, "node {n}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_node_that_keeps_failing_fails_the_run_after_its_attempts_and_feeds_nothing_back() {
    let tries = Tries::default();
    let counted = tries.clone();
    let run = pipeline! {
        from_iter([1u32])
            -> try_recurse(move |n: u32| {
                let tries = counted.clone();
                async move {
                    tries.record(n);
                    if n == 1 { Err(Flaky(n)) } else { Ok((n, children(n, 15))) }
                }
            }) [name = "walk", retry = 4]
            -> collect::<Vec<u32>>()
    };
    let error = within("the run", run).await.unwrap_err();
    assert!(matches!(error, PipelineError::Failed { .. }), "{error:?}");
    assert_eq!(error.attempts(), Some(4));
    assert_eq!(error.error(), Some(&Flaky(1)));
    assert_eq!(
        error.stage().map(|stage| stage.name().to_owned()),
        Some("walk".to_owned())
    );
    assert_eq!(tries.of(1), 4);
    assert_eq!(tries.of(2), 0, "the failed node had no children");
}

#[tokio::test(start_paused = true)]
async fn an_error_the_policy_does_not_retry_ends_the_attempts_at_once() {
    let tries = Tries::default();
    let counted = tries.clone();
    let run = pipeline! {
        #![errors = channel]
        from_iter([1u32])
            -> try_recurse(move |n: u32| {
                let tries = counted.clone();
                async move {
                    tries.record(n);
                    if n == 3 { Err(Flaky(n)) } else { Ok((n, children(n, 7))) }
                }
            }) [retry = Retry::attempts(5).when(|error: &Flaky| error.0 != 3)]
            -> collect::<BTreeSet<u32>>()
    };
    let (run, mut errors) = run.split_errors();
    let (nodes, reported) = tokio::join!(within("the run", run), async {
        let mut reported = Vec::new();
        while let Some(error) = errors.recv().await {
            reported.push((error.error().clone(), error.attempts()));
        }
        reported
    });
    assert_eq!(nodes.unwrap(), BTreeSet::from([1, 2, 4, 5]));
    assert_eq!(reported, [(Flaky(3), 1)]);
    assert_eq!(tries.of(3), 1);
}
