//! `word_count_redis`, run as two workers against a real redis-server: every line counted,
//! each once in the report, and every entry acknowledged.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::graphs::matches_its_block;
use crate::redis_server::{Server, pending};
use crate::word_count_redis::{COUNTS, GROUP, LINES, feed, report, words, work};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn word_count_redis_counts_every_line_once_across_two_workers() {
    let server = Server::start();
    let text = include_str!("../../README.md");
    let fed = feed(server.client(), text).await.unwrap();
    assert_eq!(fed, text.lines().count());
    let stop = CancellationToken::new();
    let worker = |name: &'static str| {
        work(
            server.client(),
            name,
            Duration::from_secs(5),
            stop.clone().cancelled_owned(),
        )
    };
    let watch = async {
        let mut redis = server.connection();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let counted: usize = redis::cmd("XLEN").arg(COUNTS).query(&mut redis).unwrap();
            if counted >= fed && pending(&mut redis, LINES, GROUP) == 0 {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{counted} of {fed} lines counted"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        stop.cancel();
    };
    let (first, second, ()) = tokio::join!(worker("w1"), worker("w2"), watch);
    let (first, second) = (first.unwrap(), second.unwrap());
    first.outcome.as_ref().unwrap();
    second.outcome.as_ref().unwrap();
    assert_eq!(first.stats.acked + second.stats.acked, fed as u64);
    assert_eq!((first.stats.held, second.stats.held), (0, 0));

    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for word in text.lines().flat_map(words) {
        *expected.entry(word).or_default() += 1;
    }
    assert_eq!(report(server.client()).await.unwrap(), expected);
    matches_its_block("word_count_redis", first.graph);
}
