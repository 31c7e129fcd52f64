//! Semaphore: bounds concurrency across stages and pipelines; acquire observes done.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::stage::{Stage, then};
use gopipe::{Cancelled, Scope, Semaphore};

use crate::common::{join_cancelled, live_count_reaches, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permits_bound_concurrency_across_stages_and_pipelines() {
    let limit = Semaphore::new(2);
    let holders = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut runs = Vec::new();
    for pipeline in 0..2 {
        let scope: Scope<Cancelled> = Scope::new();
        let input = Stage::new("gen").spawn_source(&scope, 0..20u32);
        let (limit, holders, most) = (limit.clone(), holders.clone(), most.clone());
        let output = Stage::new(format!("io{pipeline}")).workers(4).spawn(
            &scope,
            input,
            then(move |n: u32| {
                let (limit, holders, most) = (limit.clone(), holders.clone(), most.clone());
                async move {
                    let _permit = limit.acquire().await?;
                    let now = holders.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    holders.fetch_sub(1, Ordering::SeqCst);
                    Ok(n)
                }
            }),
        );
        runs.push((scope, output));
    }
    for (scope, mut output) in runs {
        let mut count = 0;
        while output.recv().await.is_some() {
            count += 1;
        }
        assert_eq!(count, 20);
        within("join", scope.join()).await.unwrap();
    }
    assert_eq!(
        most.load(Ordering::SeqCst),
        2,
        "never more than 2, and 2 were used"
    );
    assert_eq!(limit.available_permits(), 2, "every permit came back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_acquire_ends_on_cancel_without_taking_a_permit() {
    let limit = Semaphore::new(1);
    let held = limit.try_acquire().unwrap();
    let scope: Scope<Cancelled> = Scope::new();
    let id = scope.id();
    let waiting = limit.clone();
    scope.spawn("opener", async move {
        // Inside a stage, `acquire` observes the stage's done by itself.
        let permit = waiting.acquire().await;
        assert_eq!(permit.map(drop), Err(Cancelled));
        Ok(())
    });
    live_count_reaches(id, "opener", 1).await;
    tokio::time::sleep(Duration::from_millis(10)).await;
    scope.cancel();
    join_cancelled(scope).await;
    assert_eq!(limit.available_permits(), 0);
    drop(held);
    assert_eq!(
        limit.available_permits(),
        1,
        "the cancelled acquire took nothing"
    );
}
