//! Routing and errors: each error style in the branches and before the route, panics named
//! by stage (in a branch, in the route's closure), and an index out of range, which fails the
//! run in every style.

use futures::StreamExt;
use gopipe::{PipelineError, StageError, pipeline};

use crate::common::{assert_no_live_tasks, within};

/// `n` fails the check when it is 70.
fn check(n: u32) -> Result<u32, String> {
    if n == 70 {
        Err(format!("bad {n}"))
    } else {
        Ok(n)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_fail_fast_style_a_branch_error_fails_the_run_naming_its_stage() {
    let run = pipeline! {
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_total = low -> fold(0, |total, n| total + n);
        let high_count = high -> try_map(check) [name = "check"] -> count();
        (low_total, high_count)
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!((stage.name(), error.as_str()), ("check", "bad 70"));
        }
        other => panic!("expected `check` to fail, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_channel_style_a_branch_error_is_reported_and_the_branches_go_on() {
    let (run, errors) = pipeline! {
        #![errors = channel]
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_total = low -> fold(0, |total, n| total + n);
        let high_count = high -> try_map(check) [name = "check"] -> count();
        (low_total, high_count)
    }
    .split_errors();
    let id = run.id();
    let (outcome, errors) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<StageError<String>>>())
    })
    .await;
    assert_eq!(outcome.unwrap(), ((0..50).sum::<u32>(), 49));
    let errors: Vec<(&str, &str)> = errors
        .iter()
        .map(|error| (error.stage().name(), error.error().as_str()))
        .collect();
    assert_eq!(errors, [("check", "bad 70")]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_result_style_errors_travel_as_items_and_an_upstream_error_takes_the_last_branch() {
    let run = pipeline! {
        #![errors = result]
        let [small, large] = from_iter(["1", "x", "20", "3"])
            -> try_map(|s: &str| s.parse::<u32>().map_err(|_| format!("not a number: {s}"))) [name = "parse"]
            -> route(|n: &u32| usize::from(*n >= 10));
        let smalls = small -> try_map(check) -> collect::<Vec<_>>();
        let larges = large -> collect::<Vec<_>>();
        (smalls, larges)
    };
    let id = run.id();
    let (small, large) = within("the run", run).await.unwrap();
    let shown = |items: Vec<Result<u32, StageError<String>>>| -> Vec<String> {
        items
            .into_iter()
            .map(|item| match item {
                Ok(n) => n.to_string(),
                Err(error) => format!("{}: {}", error.stage().name(), error.error()),
            })
            .collect()
    };
    assert_eq!(shown(small), ["1", "3"]);
    assert_eq!(shown(large), ["parse: not a number: x", "20"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_names_its_stage_in_a_branch_or_in_the_route() {
    let run = pipeline! {
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_count = low -> count();
        let high_count = high -> map(|n| { assert!(n != 70, "no 70"); n }) [name = "check"] -> count();
        (low_count, high_count)
    };
    let id = run.id();
    assert_panicked(within("the run", run).await, "check", "no 70");
    assert_no_live_tasks(id);

    let run = pipeline! {
        let [low, high] = from_iter(0..100u32)
            -> route(|n: &u32| { assert!(*n < 70, "no 70"); usize::from(*n >= 50) }) [name = "pick"];
        let low_count = low -> count();
        let high_count = high -> count();
        (low_count, high_count)
    };
    let id = run.id();
    assert_panicked(within("the run", run).await, "pick", "no 70");
    assert_no_live_tasks(id);
}

#[track_caller]
fn assert_panicked<R: std::fmt::Debug, E: std::fmt::Debug>(
    outcome: Result<R, PipelineError<E>>,
    stage: &str,
    message: &str,
) {
    crate::common::assert_panicked(outcome.map(|_| ()), stage, message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_out_of_range_fails_the_run_in_every_style_naming_the_route() {
    let assert_misrouted = |outcome: Result<(usize, usize), PipelineError<String>>| match outcome {
        Err(PipelineError::RouteOutOfRange {
            stage,
            index,
            branches,
        }) => assert_eq!((stage.name(), index, branches), ("pick", 2, 2)),
        other => panic!("expected a misroute, got {other:?}"),
    };
    let run = pipeline! {
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    };
    let id = run.id();
    assert_misrouted(within("the run", run).await);
    assert_no_live_tasks(id);

    let (run, errors) = pipeline! {
        #![errors = channel]
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    }
    .split_errors();
    let id = run.id();
    let (outcome, errors) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<_>>())
    })
    .await;
    assert_misrouted(outcome);
    assert!(errors.is_empty(), "a misroute is not an item's error");
    assert_no_live_tasks(id);

    let run = pipeline! {
        #![errors = result]
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    };
    let id = run.id();
    assert_misrouted(within("the run", run).await);
    assert_no_live_tasks(id);
}
