//! Pause: stages stop taking items at item boundaries, resume goes on, cancel still works.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use gopipe::Scope;
use gopipe::stage::{Stage, then};

use crate::common::{assert_no_live_tasks, join_cancelled, settle, within};

fn counting_stage(
    scope: &Scope<String>,
    count: Arc<AtomicUsize>,
) -> gopipe::channel::Receiver<u64> {
    let numbers = Stage::new("gen")
        .capacity(4)
        .spawn_source(scope, 0..10_000u64);
    Stage::new("count").capacity(4).spawn(
        scope,
        numbers,
        then(move |n: u64| {
            count.fetch_add(1, Ordering::SeqCst);
            async move { Ok(n) }
        }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_run_takes_no_new_items_until_resumed() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let processed = Arc::new(AtomicUsize::new(0));
    let mut output = counting_stage(&scope, processed.clone());
    let mut seen = Vec::new();
    for _ in 0..100 {
        seen.push(output.recv().await.unwrap());
    }
    scope.pause();
    settle().await; // let in-flight items finish
    let frozen = processed.load(Ordering::SeqCst);
    let mut receive = Box::pin(output.recv());
    tokio::select! {
        item = &mut receive => panic!("received {item:?} while paused"),
        () = settle() => {}
    }
    assert_eq!(
        processed.load(Ordering::SeqCst),
        frozen,
        "a stage took an item while paused"
    );
    assert!(frozen < 10_000, "the run had not simply finished");
    drop(receive);

    scope.resume();
    within("the rest of the run", async {
        while let Some(n) = output.recv().await {
            seen.push(n);
        }
    })
    .await;
    within("join", scope.join()).await.unwrap();
    assert_eq!(
        seen,
        (0..10_000).collect::<Vec<_>>(),
        "nothing lost or doubled by the pause"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_run_still_cancels_promptly() {
    let scope: Scope<String> = Scope::new();
    let _id = scope.id();
    let output = counting_stage(&scope, Arc::new(AtomicUsize::new(0)));
    scope.pause();
    settle().await;
    scope.cancel();
    join_cancelled(scope).await;
    drop(output);
}
