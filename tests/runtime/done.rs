//! Done: stays cancelled, first cause wins, cancel is a tree, an external token drives it.

use gopipe::{Cause, Done, PipelineError, Scope};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::common::{assert_no_live_tasks, join_cancelled, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parked_wait_wakes_on_cancel_from_another_task() {
    let done = Done::new();
    let mut waiters = JoinSet::new();
    for _ in 0..4 {
        let done = done.clone();
        waiters.spawn(async move { done.cancelled().await });
    }
    tokio::task::yield_now().await;
    done.cancel();
    within("waiters to wake", async {
        while let Some(joined) = waiters.join_next().await {
            joined.unwrap();
        }
    })
    .await;
}

#[tokio::test]
async fn it_stays_cancelled_and_keeps_its_first_cause() {
    let done = Done::new();
    assert_eq!(done.cause(), None);
    assert!(done.cancel_with(Cause::DeadlineExceeded));
    assert!(!done.cancel());
    assert!(!done.cancel_with(Cause::Finished));
    for _ in 0..3 {
        assert!(done.is_cancelled());
        assert_eq!(done.cause(), Some(Cause::DeadlineExceeded));
        // A wait that starts after the cancel completes at once.
        within("a wait after cancel", done.cancelled()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_cancels_record_exactly_one_cause() {
    for _ in 0..200 {
        let done = Done::new();
        let mut racers = JoinSet::new();
        for stage in 0..8 {
            let done = done.clone();
            racers.spawn(async move {
                let cause = Cause::Failed {
                    stage: format!("s{stage}").into(),
                };
                done.cancel_with(cause.clone()).then_some(cause)
            });
        }
        let mut winners = Vec::new();
        while let Some(joined) = racers.join_next().await {
            winners.extend(joined.unwrap());
        }
        assert_eq!(winners.len(), 1, "exactly one cancel wins");
        assert_eq!(done.cause(), winners.pop());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_flows_down_the_tree_and_never_up() {
    let root = Done::new();
    let child = root.child();
    let grandchild = child.child();
    let sibling = root.child();

    let waiting = grandchild.clone();
    let mut wait = JoinSet::new();
    wait.spawn(async move { waiting.cancelled().await });

    grandchild.child().cancel(); // a leaf cancels only itself
    assert!(!grandchild.is_cancelled());

    child.cancel_with(Cause::DeadlineExceeded);
    within("the grandchild's waiter", wait.join_next()).await;
    assert_eq!(grandchild.cause(), Some(Cause::DeadlineExceeded));
    assert!(
        !root.is_cancelled(),
        "a child's cancel does not reach its parent"
    );
    assert!(!sibling.is_cancelled());

    root.cancel();
    assert!(sibling.is_cancelled());
    assert_eq!(
        child.cause(),
        Some(Cause::DeadlineExceeded),
        "the first cause stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_token_drives_it_and_is_not_driven_by_it() {
    let token = CancellationToken::new();
    let done = Done::new();
    let mut link = JoinSet::new();
    link.spawn(done.cancel_on(token.clone()));
    tokio::task::yield_now().await;
    assert!(!done.is_cancelled());
    token.cancel();
    within("the link", link.join_next()).await.unwrap().unwrap();
    assert!(done.is_cancelled());
    assert_eq!(done.cause(), Some(Cause::Cancelled));

    // The other way round: cancelling the run ends the watcher but leaves the token alone.
    let token = CancellationToken::new();
    let done = Done::new();
    link.spawn(done.cancel_on(token.clone()));
    done.cancel();
    within("the link", link.join_next()).await.unwrap().unwrap();
    assert!(!token.is_cancelled());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scope_with_an_external_token_stops_when_it_fires() {
    let token = CancellationToken::new();
    let scope: Scope<()> = Scope::builder().cancel_on(token.clone()).build();
    let _id = scope.id();
    let (tx, mut rx) = scope.channel::<u32>(1);
    scope.spawn("listener", async move {
        // Nobody ever sends: only the token can end this.
        while rx.recv().await.is_some() {}
        Ok(())
    });
    token.cancel();
    join_cancelled(scope).await;
    drop(tx);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_deadline_times_it_out() {
    let scope: Scope<()> = Scope::builder()
        .timeout(std::time::Duration::from_millis(50))
        .build();
    let id = scope.id();
    let done = scope.done().clone();
    scope.spawn("forever", async move {
        done.cancelled().await;
        Ok(())
    });
    let outcome = within("join", scope.join()).await;
    assert!(
        matches!(outcome, Err(PipelineError::TimedOut)),
        "{outcome:?}"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_run_does_not_wait_for_its_deadline() {
    let scope: Scope<()> = Scope::builder()
        .timeout(std::time::Duration::from_secs(3600))
        .build();
    let id = scope.id();
    scope.spawn("quick", async { Ok(()) });
    within("join", scope.join()).await.unwrap();
    assert_no_live_tasks(id); // the deadline timer was stopped and joined too
}
