//! Batching never strands an item: whatever a stage holds in its outlet is delivered before
//! the stage waits (for input, or inside its own async code), and handed back on cancel.

use std::sync::Arc;
use std::time::Duration;

use gopipe::channel::{Outlet, SendError, channel};
use gopipe::stage::{Stage, then};
use gopipe::{Done, Scope};

use crate::common::within;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_in_hand_are_delivered_when_the_stage_waits_for_input() {
    let scope: Scope<()> = Scope::new();
    let (feed, input) = scope.channel::<u64>(1024);
    let mut output =
        Stage::new("pass")
            .capacity(1024)
            .spawn(&scope, input, then(|n: u64| async move { Ok(n) }));
    // A burst fast enough for the outlet to batch, then silence with the input still open.
    let mut burst = tokio::task::JoinSet::new();
    let sender = feed.clone();
    burst.spawn(async move {
        for n in 0..5_000 {
            sender.send(n).await.unwrap();
        }
    });
    within("every item of the burst", async {
        for n in 0..5_000 {
            assert_eq!(output.recv().await, Some(n));
        }
    })
    .await;
    burst.join_next().await.unwrap().unwrap();
    drop(feed);
    assert_eq!(output.recv().await, None);
    scope.join().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_in_hand_are_delivered_while_user_code_waits() {
    const BEFORE: u64 = 3_000;
    let scope: Scope<()> = Scope::new();
    let numbers = Stage::new("gen")
        .capacity(1024)
        .spawn_source(&scope, 0..=BEFORE);
    let release = Arc::new(tokio::sync::Semaphore::new(0));
    let gate = release.clone();
    let mut output = Stage::new("wait").capacity(1024).spawn(
        &scope,
        numbers,
        then(move |n: u64| {
            let gate = gate.clone();
            async move {
                if n == BEFORE {
                    // Waits until the consumer has every earlier item: it only can if the
                    // stage flushed them when this future went pending.
                    let _permit = gate.acquire().await;
                }
                Ok(n)
            }
        }),
    );
    within("every item before the waiting one", async {
        for n in 0..BEFORE {
            assert_eq!(output.recv().await, Some(n));
        }
    })
    .await;
    release.add_permits(1);
    assert_eq!(output.recv().await, Some(BEFORE));
    assert_eq!(output.recv().await, None);
    scope.join().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_flush_keeps_the_undelivered_items() {
    let done = Done::new();
    let (tx, rx) = channel::<u32>(4, &done);
    let mut outlet = Outlet::new(tx);
    for n in 0..4 {
        outlet.push(n).await.unwrap(); // fills the channel: nobody receives
    }
    let waiting = tokio::time::timeout(Duration::from_millis(20), outlet.push(4)).await;
    assert!(
        waiting.is_err(),
        "the channel is full: the push waits for room"
    );
    // Dropping the waiting push lost nothing: its item is still in the outlet.
    assert_eq!(outlet.buffered(), 1);
    done.cancel();
    assert_eq!(outlet.flush().await, Err(SendError::Cancelled(())));
    assert_eq!(outlet.take_undelivered(), [4]);
    drop(rx);
}
