//! Ack after the sink, against a real redis-server: every entry processed and acknowledged,
//! none acknowledged before its work is done, derived items counted, failures left pending
//! and then dead-lettered, malformed entries dead-lettered at once.

mod support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::{PipelineError, pipeline};
use gopipe_redis::{Consumer, ConsumerBuilder, Entry, Error};
use support::{Server, add_numbers, entries, pending, pending_ids};

const STREAM: &str = "jobs";
const GROUP: &str = "workers";

/// A consumer with the short timings a test wants.
fn consumer(server: &Server, name: &str) -> ConsumerBuilder {
    Consumer::builder(server.client(), STREAM, GROUP, name)
        .block(Duration::from_millis(50))
        .claim_idle(Duration::from_millis(200))
        .claim_every(Duration::from_millis(50))
        .ack_batch(50, Duration::from_millis(5))
}

/// The entry's id and its `n`.
fn id_and_n(entry: &Entry) -> Result<(String, u64), gopipe_redis::FieldError> {
    Ok((entry.id().to_owned(), entry.get("n")?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_entry_is_processed_once_and_acknowledged() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 3_000);
    let consumer = consumer(&server, "a").build().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (stopper, sink) = (consumer.clone(), Arc::clone(&seen));
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(id_and_n))
            -> for_each(move |m| {
                let mut seen = sink.lock().unwrap();
                m.consume(|(_, n)| seen.push(n));
                if seen.len() == 3_000 {
                    stopper.shutdown();
                }
            })
    }
    .await;
    outcome.unwrap();
    let mut seen = seen.lock().unwrap().clone();
    seen.sort_unstable();
    assert_eq!(seen, (0..3_000).collect::<Vec<_>>());
    assert_eq!(
        pending(&mut redis, STREAM, GROUP),
        0,
        "every entry is acknowledged"
    );
    let stats = consumer.stats();
    assert_eq!((stats.read, stats.acked, stats.held), (3_000, 3_000, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_entry_is_acknowledged_before_all_its_derived_items_are_consumed() {
    let server = Server::start();
    let mut redis = server.connection();
    // Each entry is a line of three words; the sink checks, before it consumes each word,
    // that the line's entry is still pending on the server.
    for n in 0..200 {
        redis::cmd("XADD")
            .arg(STREAM)
            .arg("*")
            .arg("line")
            .arg(format!("a{n} b{n} c{n}"))
            .query::<String>(&mut redis)
            .unwrap();
    }
    let consumer = consumer(&server, "a").build().unwrap();
    let checker = server.client();
    let early = Arc::new(Mutex::new(Vec::new()));
    let words = Arc::new(Mutex::new(0usize));
    let (stopper, early_acks, consumed) =
        (consumer.clone(), Arc::clone(&early), Arc::clone(&words));
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(|entry: &Entry| {
            Ok::<_, gopipe_redis::FieldError>((entry.id().to_owned(), entry.text("line")?))
        }))
            -> flat_map(|m| {
                let (id, line) = m.value().clone();
                let words: Vec<(String, String)> =
                    line.split(' ').map(|w| (id.clone(), w.to_owned())).collect();
                m.split(words)
            })
            // An endless source never ends a partial chunk: the window does.
            -> chunks_timeout(7, Duration::from_millis(5))
            -> for_each_async(move |chunk: Vec<gopipe::ack::Message<(String, String)>>| {
                let checker = checker.clone();
                let (early_acks, consumed, stopper) =
                    (Arc::clone(&early_acks), Arc::clone(&consumed), stopper.clone());
                async move {
                    let mut redis = checker.get_multiplexed_async_connection().await.unwrap();
                    for word in chunk {
                        let id = word.value().0.clone();
                        let reply: redis::streams::StreamPendingCountReply = redis::cmd("XPENDING")
                            .arg(STREAM).arg(GROUP).arg(&id).arg(&id).arg(1)
                            .query_async(&mut redis).await.unwrap();
                        if reply.ids.is_empty() {
                            early_acks.lock().unwrap().push(id);
                        }
                        word.ack();
                        let mut consumed = consumed.lock().unwrap();
                        *consumed += 1;
                        if *consumed == 600 {
                            stopper.shutdown();
                        }
                    }
                }
            })
    }
    .await;
    outcome.unwrap();
    assert_eq!(*words.lock().unwrap(), 600);
    assert_eq!(
        *early.lock().unwrap(),
        Vec::<String>::new(),
        "acknowledged early"
    );
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filter_acks_what_it_drops_and_a_tee_acks_once_both_branches_are_done() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 100);
    let consumer = consumer(&server, "a").build().unwrap();
    let (stopper, seen) = (consumer.clone(), Arc::new(Mutex::new(HashMap::new())));
    let tally = Arc::clone(&seen);
    let outcome: Result<(u64, ()), PipelineError<Error>> = pipeline! {
        let numbers = try_generate(consumer.source(id_and_n))
            -> inspect(move |m| {
                if m.value().1 == 99 {
                    stopper.shutdown();
                }
            })
            -> tee();
        let evens = numbers
            -> filter_map(|m| m.keep_if(|(_, n)| n % 2 == 0))
            -> fold(0u64, |count, m| m.consume(|_| count + 1));
        let all = numbers
            -> for_each(move |m| {
                m.consume(|(id, n)| tally.lock().unwrap().insert(n, id));
            });
        (evens, all)
    }
    .await;
    let (evens, ()) = outcome.unwrap();
    assert_eq!(evens, 50);
    assert_eq!(seen.lock().unwrap().len(), 100);
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

/// Runs `consumer` over the numbers, failing 13 (recording each attempt's id), until
/// `done` holds of its stats; returns the errors reported.
async fn fail_thirteen_until(
    consumer: Consumer,
    attempts: Arc<Mutex<Vec<String>>>,
    done: impl Fn(gopipe_redis::Stats) -> bool,
) -> Vec<gopipe::StageError<Error>> {
    let (run, errors) = pipeline! {
        #![errors = channel]
        try_generate(consumer.source(id_and_n))
            -> try_map(move |m| {
                m.try_map(|(id, n)| {
                    if n == 13 {
                        attempts.lock().unwrap().push(id.clone());
                        return Err(Error::Config(format!("13 is unlucky ({id})")));
                    }
                    Ok(n)
                })
            }) [name = "check"]
            -> for_each(|m| m.ack())
    }
    .split_errors();
    let watch = async {
        let waited = tokio::time::timeout(Duration::from_secs(20), async {
            while !done(consumer.stats()) {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await;
        consumer.shutdown();
        waited
    };
    let collect = futures::StreamExt::collect::<Vec<_>>(errors);
    let (outcome, errors, waited) = tokio::join!(run, collect, watch);
    outcome.unwrap();
    waited.unwrap_or_else(|_| panic!("not reached: {:?}", consumer.stats()));
    errors
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_entry_stays_pending_and_is_dead_lettered_after_its_last_delivery() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 20);
    let attempts = Arc::new(Mutex::new(Vec::new()));
    // The first consumer never reclaims: the failed entry is its only one left pending.
    let first = consumer(&server, "a")
        .claim_idle(Duration::from_secs(600))
        .max_deliveries(3)
        .build()
        .unwrap();
    let errors = fail_thirteen_until(first, Arc::clone(&attempts), |stats| {
        stats.acked == 19 && stats.left_pending == 1
    })
    .await;
    let failed = attempts.lock().unwrap()[0].clone();
    assert_eq!(
        pending_ids(&mut redis, STREAM, GROUP),
        std::slice::from_ref(&failed)
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].stage().name(), "check");
    assert!(entries(&mut redis, "jobs:dead").is_empty());
    // The second takes it over once idle: its second delivery fails and is left pending
    // again, its third fails and is dead-lettered.
    let second = consumer(&server, "b")
        .claim_idle(Duration::from_millis(100))
        .claim_every(Duration::from_millis(20))
        .max_deliveries(3)
        .build()
        .unwrap();
    let stats = second.clone();
    let errors = fail_thirteen_until(second, Arc::clone(&attempts), |stats| {
        stats.dead_lettered == 1
    })
    .await;
    assert_eq!(
        *attempts.lock().unwrap(),
        [failed.clone(), failed.clone(), failed.clone()]
    );
    assert_eq!(errors.len(), 2);
    let stats = stats.stats();
    assert_eq!(
        (stats.reclaimed, stats.left_pending, stats.acked),
        (2, 1, 0)
    );
    let letters = entries(&mut redis, "jobs:dead");
    assert_eq!(letters.len(), 1);
    let letter = &letters[0];
    assert_eq!(letter["source_id"], failed);
    assert_eq!(letter["deliveries"], "3");
    assert_eq!(letter["consumer"], "b");
    assert_eq!(letter["stage"], "check");
    assert_eq!(letter["field:n"], "13");
    assert!(letter["error"].contains("13 is unlucky"), "{letter:?}");
    assert_eq!(
        pending(&mut redis, STREAM, GROUP),
        0,
        "a dead letter is acknowledged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_entry_is_dead_lettered_at_once_and_reported_by_the_source() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 5);
    let bad: String = redis::cmd("XADD")
        .arg(STREAM)
        .arg("*")
        .arg("n")
        .arg("not a number")
        .query(&mut redis)
        .unwrap();
    add_numbers(&mut redis, STREAM, 5, 5);
    let consumer = consumer(&server, "a").build().unwrap();
    let stopper = consumer.clone();
    let count = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&count);
    let (run, errors) = pipeline! {
        #![errors = channel]
        try_generate(consumer.source(id_and_n)) [name = "jobs"]
            -> for_each(move |m| {
                m.ack();
                let mut count = counted.lock().unwrap();
                *count += 1;
                if *count == 10 {
                    stopper.shutdown();
                }
            })
    }
    .split_errors();
    use futures::StreamExt;
    let (outcome, errors) = tokio::join!(run, errors.collect::<Vec<_>>());
    outcome.unwrap();
    assert_eq!(*count.lock().unwrap(), 10);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].stage().name(), "jobs");
    assert!(
        matches!(errors[0].error(), Error::Decode { id, .. } if *id == bad),
        "{:?}",
        errors[0]
    );
    let letters = entries(&mut redis, "jobs:dead");
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0]["source_id"], bad);
    assert_eq!(letters[0]["stage"], "jobs");
    assert_eq!(letters[0]["field:n"], "not a number");
    assert!(
        letters[0]["error"].contains("could not be decoded"),
        "{:?}",
        letters[0]
    );
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

/// How many `XACK` commands the server has run.
fn xack_calls(redis: &mut redis::Connection) -> u64 {
    let info: String = redis::cmd("INFO").arg("commandstats").query(redis).unwrap();
    info.lines()
        .find_map(|line| line.strip_prefix("cmdstat_xack:calls="))
        .and_then(|rest| rest.split(',').next())
        .map_or(0, |calls| calls.parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acks_go_out_in_batches_by_count() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 1_000);
    // Never by time: only a full batch, or the end, sends acks.
    let consumer = consumer(&server, "a")
        .ack_batch(100, Duration::from_secs(3_600))
        .build()
        .unwrap();
    let (stopper, count) = (consumer.clone(), Arc::new(Mutex::new(0)));
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(id_and_n))
            -> for_each(move |m| {
                m.ack();
                let mut count = count.lock().unwrap();
                *count += 1;
                if *count == 1_000 {
                    stopper.shutdown();
                }
            })
    }
    .await;
    outcome.unwrap();
    let calls = xack_calls(&mut redis);
    assert!(
        (1..=11).contains(&calls),
        "{calls} XACKs for 1,000 entries in batches of 100"
    );
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acks_go_out_by_time_while_the_source_runs() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 5);
    // A batch that never fills: the interval sends the five acks, with the source still
    // reading (it is shut down only once they are seen on the server).
    let consumer = consumer(&server, "a")
        .ack_batch(1_000_000, Duration::from_millis(10))
        .build()
        .unwrap();
    let stopper = consumer.clone();
    let checker = server.client();
    let watch = async move {
        let mut redis = checker.get_multiplexed_async_connection().await.unwrap();
        let waited = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                // Once the five are read, the group exists to be asked.
                if stopper.stats().read == 5 {
                    let acked: redis::streams::StreamPendingReply = redis::cmd("XPENDING")
                        .arg(STREAM)
                        .arg(GROUP)
                        .query_async(&mut redis)
                        .await
                        .unwrap();
                    if acked.count() == 0 {
                        break;
                    }
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
        .await;
        stopper.shutdown();
        waited
    };
    let run = pipeline! {
        try_generate(consumer.source(id_and_n)) -> for_each(|m| m.ack())
    };
    let (outcome, waited): (Result<(), PipelineError<Error>>, _) = tokio::join!(run, watch);
    outcome.unwrap();
    waited.expect("the acks were sent while the source ran");
    assert_eq!(consumer.stats().acked, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_fail_fast_style_a_malformed_entry_ends_the_run_and_is_dead_lettered_first() {
    let server = Server::start();
    let mut redis = server.connection();
    let bad: String = redis::cmd("XADD")
        .arg(STREAM)
        .arg("*")
        .arg("m")
        .arg("no n here")
        .query(&mut redis)
        .unwrap();
    let consumer = consumer(&server, "a").build().unwrap();
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(id_and_n)) [name = "jobs"] -> for_each(|m| m.ack())
    }
    .await;
    match outcome {
        Err(PipelineError::Failed {
            stage,
            error: Error::Decode { id, error },
            ..
        }) => {
            assert_eq!((stage.name(), id.as_str()), ("jobs", bad.as_str()));
            assert!(error.contains("field `n`"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    let letters = entries(&mut redis, "jobs:dead");
    assert_eq!(
        letters.len(),
        1,
        "the dead letter is written before the run ends"
    );
    assert_eq!(letters[0]["field:m"], "no n here");
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}
