//! Merge: every item once, each input's order kept, closes after the last input closes.

use std::time::Duration;

use gopipe::stage::Stage;
use gopipe::{Scope, merge};

use crate::common::{assert_no_live_tasks, join_cancelled, settle, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn it_delivers_every_item_once_and_closes_after_the_last_input() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let short = Stage::new("short").spawn_source(&scope, (0..10).map(|n| (0, n)));
    let (late_tx, late_rx) = scope.channel(4);
    let long = Stage::new("long").spawn_source(&scope, (0..1000).map(|n| (1, n)));
    let mut merged = merge(&scope, "merge", [short, long, late_rx]);

    let mut seen: Vec<Vec<u32>> = vec![Vec::new(); 3];
    for _ in 0..1010 {
        let (input, n) = within("merged items", merged.recv()).await.unwrap();
        seen[input].push(n);
    }
    // Both sources are done, but the third input is still open: so is the output.
    settle().await;
    assert_eq!(merged.try_recv(), Err(gopipe::channel::TryRecvError::Empty));
    late_tx.send((2, 7)).await.unwrap();
    drop(late_tx);
    assert_eq!(merged.recv().await, Some((2, 7)));
    assert_eq!(within("close", merged.recv()).await, None);

    assert_eq!(
        seen[0],
        (0..10).collect::<Vec<_>>(),
        "each input keeps its order"
    );
    assert_eq!(seen[1], (0..1000).collect::<Vec<_>>());
    within("join", scope.join()).await.unwrap();
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merging_nothing_closes_at_once() {
    let scope: Scope<()> = Scope::new();
    let mut merged = merge::<u8, _>(&scope, "merge", []);
    assert_eq!(within("close", merged.recv()).await, None);
    scope.join().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_forwarders_waiting_on_either_side() {
    let scope: Scope<()> = Scope::new();
    let _id = scope.id();
    let (silent_tx, silent) = scope.channel::<u32>(1); // a forwarder waits on its input
    let busy = Stage::new("busy").capacity(1).spawn_source(&scope, 0..); // one waits on the output
    let merged = merge(&scope, "merge", [silent, busy]);
    tokio::time::sleep(Duration::from_millis(10)).await;
    assert_eq!(scope.live_tasks().len(), 3);
    scope.cancel();
    join_cancelled(scope).await;
    drop((silent_tx, merged));
}
