//! The semantics contract, checked on generated code.

use std::time::Duration;

use gopipe::{PipelineError, pipeline};

use crate::common::{assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_user_code_names_the_stage_and_nothing_hangs() {
    let run = pipeline! {
        from_iter(0u32..)
            -> map(|n| { assert!(n < 100, "item {n} is too big"); n }) [name = "check", workers = 3]
            -> drain()
    };
    let id = run.id();
    let outcome = within("the run", run).await;
    // Three workers race past item 100: the first panic by time may be any item from 100 on.
    match outcome {
        Err(PipelineError::Panicked { stage, message, .. }) => {
            assert_eq!(stage.name(), "check");
            let item: u32 = message
                .strip_prefix("item ")
                .and_then(|rest| rest.strip_suffix(" is too big"))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unexpected panic message {message:?}"));
            assert!(item >= 100, "item {item} cannot have panicked");
        }
        other => panic!("expected the stage to panic, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_error_is_reported_not_the_cancellation_it_caused() {
    let outcome: Result<(), PipelineError<String>> = pipeline! {
        let slow = from_iter(0u64..)
            -> try_then(|n| async move {
                // Fails only because it gets cancelled half-way: a consequence, not a cause.
                tokio::time::sleep(Duration::from_millis(5)).await;
                Ok(n)
            }) [name = "slow"];
        let broken = from_iter(0u64..10) -> try_map(|n| if n == 9 { Err(format!("bad {n}")) } else { Ok(n) }) [name = "broken"];
        merge(slow, broken) -> drain()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "broken");
            assert_eq!(error, "bad 9");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_awaiting_user_closure_is_dropped_on_cancel() {
    let run = pipeline! {
        from_iter(0..10u32)
            -> then(|n| async move { tokio::time::sleep(Duration::from_secs(3600)).await; n })
            -> drain()
    };
    let id = run.id();
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pipeline_inside_a_stage_is_cancelled_with_its_parent() {
    let run = pipeline! {
        from_iter(0..4u32)
            -> then(|n| async move {
                // A nested pipeline: endless, so only its parent's cancel can end it.
                pipeline! { from_iter(0u64..) -> drain() }.await.map(|()| n)
            })
            -> drain()
    };
    let id = run.id();
    tokio::time::sleep(Duration::from_millis(20)).await;
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
    assert!(
        gopipe::diagnostics::live_tasks()
            .iter()
            .all(|task| task.stage().name() != "from_iter#1" || task.pipeline() != id),
        "nested tasks are gone too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_variables_named_like_stage_kinds_stay_the_users() {
    // The checks the expansion makes are functions named after the stage kinds: they must
    // not shadow the user's own `timeout`, `map` or `filter`.
    #[derive(Debug)]
    struct Late;
    impl From<gopipe::Elapsed> for Late {
        fn from(_: gopipe::Elapsed) -> Self {
            Late
        }
    }
    let timeout = std::time::Duration::from_secs(5);
    let map = |n: u64| n + 1;
    let filter = |n: &u64| n.is_multiple_of(2);
    let try_then = |n: u64| async move { Ok::<_, Late>(n) };
    let total: u64 = gopipe::pipeline! {
        from_iter(0..10u64)
            -> map(map)
            -> filter(filter)
            -> try_then(try_then) [timeout = timeout]
            -> fold(0, |sum, n| sum + n)
    }
    .await
    .unwrap();
    assert_eq!(total, 2 + 4 + 6 + 8 + 10);
}
