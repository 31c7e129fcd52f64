//! A consumer group read to its end, `pipeline!` against the loop one writes by hand with the
//! `redis` crate (`XREADGROUP` of 100, then `XACK` of the batch), on the same redis-server,
//! in one run: `cargo bench -p gopipe-redis --bench consume`. Each round reads the same
//! `ENTRIES` entries with a fresh group, the two alternating; the median of the rounds is
//! reported, with the ratio. (Not a test: nothing here asserts a time.)

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gopipe::{PipelineError, pipeline};
use gopipe_redis::{Consumer, Entry, Error};
use redis::streams::StreamReadReply;

const STREAM: &str = "bench";
const BATCH: usize = 100;

fn entries() -> u64 {
    std::env::var("PIPELINE_REDIS_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200_000)
}

/// Reads the group to `total` entries by hand: read a batch, sum it, acknowledge it.
async fn by_hand(client: &redis::Client, group: &str, total: u64) -> u64 {
    let mut redis = client
        .get_multiplexed_async_connection_with_config(
            &redis::AsyncConnectionConfig::new().set_response_timeout(None),
        )
        .await
        .unwrap();
    let _: () = redis::cmd("XGROUP")
        .arg("CREATE")
        .arg(STREAM)
        .arg(group)
        .arg("0")
        .query_async(&mut redis)
        .await
        .unwrap();
    let (mut seen, mut sum) = (0, 0u64);
    while seen < total {
        let reply: Option<StreamReadReply> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(group)
            .arg("c")
            .arg("COUNT")
            .arg(BATCH)
            .arg("BLOCK")
            .arg(10)
            .arg("STREAMS")
            .arg(STREAM)
            .arg(">")
            .query_async(&mut redis)
            .await
            .unwrap();
        let ids: Vec<_> = reply
            .into_iter()
            .flat_map(|r| r.keys)
            .flat_map(|k| k.ids)
            .collect();
        let mut acks = Vec::with_capacity(ids.len());
        for entry in ids {
            sum += entry.get::<u64>("n").unwrap();
            acks.push(entry.id);
        }
        seen += acks.len() as u64;
        if !acks.is_empty() {
            let _: u64 = redis::cmd("XACK")
                .arg(STREAM)
                .arg(group)
                .arg(&acks)
                .query_async(&mut redis)
                .await
                .unwrap();
        }
    }
    sum
}

/// The same as one `pipeline!`: the source, a sum that acks each entry, acks sent in
/// batches of 100 by the consumer.
async fn with_pipeline(client: &redis::Client, group: &str, total: u64) -> u64 {
    let consumer = Consumer::builder(client.clone(), STREAM, group, "c")
        .batch(BATCH)
        .block(Duration::from_millis(10))
        .ack_batch(BATCH, Duration::from_millis(20))
        .build()
        .unwrap();
    let (stopper, seen) = (consumer.clone(), Arc::new(AtomicU64::new(0)));
    let sum: Result<u64, PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(|entry: &Entry| entry.get::<u64>("n")))
            -> inspect(move |_| {
                if seen.fetch_add(1, Ordering::Relaxed) + 1 == total {
                    stopper.shutdown();
                }
            })
            -> fold(0u64, |sum, m| m.consume(|n| sum + n))
    }
    .await;
    sum.unwrap()
}

fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

fn main() {
    let total = entries();
    let server = support::Server::start();
    support::add_numbers(&mut server.connection(), STREAM, 0, total);
    let client = server.client();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let expected: u64 = (0..total).sum();
    let (mut hand, mut ours) = (Vec::new(), Vec::new());
    for round in 0..5 {
        let started = Instant::now();
        let sum = runtime.block_on(by_hand(&client, &format!("hand{round}"), total));
        hand.push(total as f64 / started.elapsed().as_secs_f64());
        assert_eq!(sum, expected);
        let started = Instant::now();
        let sum = runtime.block_on(with_pipeline(&client, &format!("ours{round}"), total));
        ours.push(total as f64 / started.elapsed().as_secs_f64());
        assert_eq!(sum, expected);
    }
    let (hand, ours) = (median(hand), median(ours));
    println!("consume {total} entries, batches of {BATCH}, median of 5 rounds:");
    println!(
        "  by hand (XREADGROUP + XACK per batch): {:>9.0} entries/s",
        hand
    );
    println!(
        "  pipeline! (Consumer::source -> fold):  {:>9.0} entries/s",
        ours
    );
    println!("  pipeline! / by hand: {:.2}x", ours / hand);
}
