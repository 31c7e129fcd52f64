//! The stream sink against a real redis-server: `MAXLEN ~` trims as it writes, and a batch
//! that cannot be written fails its messages, whose entries stay pending.

mod support;

use std::time::Duration;

use gopipe::{PipelineError, pipeline};
use gopipe_redis::{Consumer, Entry, Error, Producer};
use support::{Server, add_numbers, pending};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_writes_every_record_and_trims_to_about_its_max_len() {
    let server = Server::start();
    let mut redis = server.connection();
    let all = Producer::new(server.client(), "all");
    let trimmed = Producer::new(server.client(), "trimmed").max_len(100);
    for start in (0..2_000u32).step_by(200) {
        let records: Vec<_> = (start..start + 200).map(|n| [("n", n)]).collect();
        let ids = all.write(records.clone()).await.unwrap();
        assert_eq!(ids.len(), 200);
        trimmed.write(records).await.unwrap();
    }
    let len = |key: &str, redis: &mut redis::Connection| -> u64 {
        redis::cmd("XLEN").arg(key).query(redis).unwrap()
    };
    assert_eq!(len("all", &mut redis), 2_000);
    let kept = len("trimmed", &mut redis);
    // `~` trims whole nodes of the stream (100 entries each by default), so it keeps at
    // least the 100 asked for and less than a node more of them after each write.
    assert!((100..=300).contains(&kept), "{kept} kept");
    let last = support::entries(&mut redis, "trimmed").pop().unwrap();
    assert_eq!(last["n"], "1999", "the newest are the ones kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_that_cannot_be_written_leaves_its_entries_pending() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, "jobs", 0, 50);
    // The output key holds a string: every XADD to it fails with WRONGTYPE.
    redis::cmd("SET")
        .arg("out")
        .arg("not a stream")
        .query::<()>(&mut redis)
        .unwrap();
    let consumer = Consumer::builder(server.client(), "jobs", "workers", "a")
        .block(Duration::from_millis(50))
        .claim_idle(Duration::from_secs(600))
        .build()
        .unwrap();
    let out = Producer::new(server.client(), "out");
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(|entry: &Entry| entry.get::<u64>("n")))
            -> map(|m| m.map(|n| [("n", n)]))
            -> chunks_timeout(10, Duration::from_millis(5))
            -> try_for_each_async(move |batch| out.clone().send(batch)) [name = "write"]
    }
    .await;
    match outcome {
        Err(PipelineError::Failed {
            stage,
            error: Error::Redis { doing, error },
            ..
        }) => {
            assert_eq!(stage.name(), "write");
            assert!(doing.contains("XADD"), "{doing}");
            assert!(error.to_string().contains("WRONGTYPE"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    consumer.close().await.unwrap();
    let stats = consumer.stats();
    assert_eq!(stats.acked, 0, "nothing written, nothing acknowledged");
    assert_eq!(pending(&mut redis, "jobs", "workers"), stats.read);
}
