//! Faults against a real redis-server: a restart mid-run, a server that stays away, a
//! cancelled run, a shutdown with work in flight; and the recursive stage and routing
//! counted by the ack tokens.

mod support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gopipe::{PipelineError, pipeline};
use gopipe_redis::{Consumer, ConsumerBuilder, Entry, Error, Reconnect};
use support::{Server, add_numbers, pending};

const STREAM: &str = "jobs";
const GROUP: &str = "workers";

fn consumer(server: &Server, name: &str) -> ConsumerBuilder {
    Consumer::builder(server.client(), STREAM, GROUP, name)
        .block(Duration::from_millis(50))
        .claim_idle(Duration::from_millis(300))
        .claim_every(Duration::from_millis(50))
        .ack_batch(50, Duration::from_millis(5))
}

fn number(entry: &Entry) -> Result<u64, gopipe_redis::FieldError> {
    entry.get("n")
}

/// Polls `done` every 5 ms for up to 30 s.
async fn until(what: &str, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(30), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    waited.unwrap_or_else(|_| panic!("timed out waiting for {what}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_server_loses_no_entry_and_the_pipeline_resumes() {
    const N: u64 = 4_000;
    let mut server = Server::start_persistent();
    add_numbers(&mut server.connection(), STREAM, 0, N);
    let consumer = consumer(&server, "a").build().unwrap();
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let sink = Arc::clone(&seen);
    let run = pipeline! {
        try_generate(consumer.source(number))
            -> then(|m| async move {
                tokio::time::sleep(Duration::from_micros(200)).await;
                m
            })
            -> for_each(move |m| m.consume(|n| {
                sink.lock().unwrap().insert(n);
            }))
    };
    let faults = async {
        until("a quarter of the entries", || {
            seen.lock().unwrap().len() as u64 >= N / 4
        })
        .await;
        server.restart();
        let restarted_at = seen.lock().unwrap().len();
        until("all entries", || seen.lock().unwrap().len() as u64 == N).await;
        until("every entry acknowledged", || {
            pending(&mut server.connection(), STREAM, GROUP) == 0
        })
        .await;
        consumer.shutdown();
        restarted_at
    };
    let (outcome, restarted_at): (Result<(), PipelineError<Error>>, usize) =
        tokio::join!(run, faults);
    outcome.unwrap();
    assert!((restarted_at as u64) < N, "the restart came mid-run");
    assert_eq!(seen.lock().unwrap().len() as u64, N);
    assert_eq!(pending(&mut server.connection(), STREAM, GROUP), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_stays_away_fails_the_run_naming_the_source() {
    let mut server = Server::start();
    add_numbers(&mut server.connection(), STREAM, 0, 10);
    let consumer = consumer(&server, "a")
        .reconnect(
            Reconnect::default()
                .backoff(Duration::from_millis(10))
                .give_up_after(Duration::from_millis(300)),
        )
        .build()
        .unwrap();
    let count = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&count);
    let run = pipeline! {
        try_generate(consumer.source(number)) [name = "jobs"]
            -> for_each(move |m| m.consume(|_| *counted.lock().unwrap() += 1))
    };
    let fault = async {
        until("the entries", || *count.lock().unwrap() == 10).await;
        server.kill();
        Instant::now()
    };
    let (outcome, killed_at): (Result<(), PipelineError<Error>>, Instant) =
        tokio::join!(run, fault);
    let given_up = killed_at.elapsed();
    match outcome {
        Err(PipelineError::Failed {
            stage,
            error: Error::Unavailable { after, .. },
            ..
        }) => {
            assert_eq!(stage.name(), "jobs");
            assert!(after >= Duration::from_millis(300), "{after:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        given_up < Duration::from_secs(5),
        "gave up after {given_up:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_leaves_its_unfinished_entries_pending_and_another_consumer_finishes_them()
{
    const N: u64 = 2_000;
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, N);
    let first = consumer(&server, "a").in_flight(200).build().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let run = pipeline! {
        try_generate(first.source(number))
            -> then(|m| async move {
                tokio::time::sleep(Duration::from_micros(500)).await;
                m
            })
            -> for_each(move |m| m.consume(|n| sink.lock().unwrap().push(n)))
    };
    let control: gopipe::RunControl = (*run).clone();
    let cancel = async {
        until("some entries", || seen.lock().unwrap().len() >= 300).await;
        control.cancel();
    };
    let (outcome, ()): (Result<(), PipelineError<Error>>, ()) = tokio::join!(run, cancel);
    assert!(
        matches!(outcome, Err(PipelineError::Cancelled)),
        "{outcome:?}"
    );
    first.close().await.unwrap();
    let processed_first: HashSet<u64> = seen.lock().unwrap().iter().copied().collect();
    let stats = first.stats();
    assert!(stats.read < N, "the run was cancelled mid-way: {stats:?}");
    assert_eq!(
        stats.acked as usize,
        processed_first.len(),
        "what was done is acknowledged"
    );
    // The second consumer takes over what the first left pending, and reads the rest.
    let second = consumer(&server, "b").build().unwrap();
    let (stopper, sink) = (second.clone(), Arc::clone(&seen));
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(second.source(number))
            -> for_each(move |m| {
                let mut seen = sink.lock().unwrap();
                m.consume(|n| seen.push(n));
                if seen.iter().collect::<HashSet<_>>().len() as u64 == N {
                    stopper.shutdown();
                }
            })
    }
    .await;
    outcome.unwrap();
    let all: HashSet<u64> = seen.lock().unwrap().iter().copied().collect();
    assert_eq!(all.len() as u64, N, "nothing lost");
    assert!(second.stats().reclaimed > 0, "{:?}", second.stats());
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_finishes_the_work_read_acknowledges_it_and_ends() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, 10_000);
    let consumer = consumer(&server, "a")
        .in_flight(100)
        .batch(20)
        .build()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (stopper, sink) = (consumer.clone(), Arc::clone(&seen));
    let outcome: Result<(), PipelineError<Error>> = pipeline! {
        try_generate(consumer.source(number))
            -> then(|m| async move {
                tokio::time::sleep(Duration::from_millis(1)).await;
                m
            }) [workers = 4]
            -> for_each(move |m| {
                let mut seen = sink.lock().unwrap();
                m.consume(|n| seen.push(n));
                if seen.len() == 50 {
                    stopper.shutdown();
                }
            })
    }
    .await;
    outcome.unwrap();
    let stats = consumer.stats();
    let seen = seen.lock().unwrap().len() as u64;
    assert!((50..=50 + 100 + 20).contains(&seen), "{seen} processed");
    assert_eq!(
        (stats.read, stats.acked, stats.held),
        (seen, seen, 0),
        "{stats:?}"
    );
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recursive_stage_and_a_route_settle_an_entry_once_all_it_led_to_is_consumed() {
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 1, 64);
    let consumer = consumer(&server, "a").build().unwrap();
    let outputs = Arc::new(Mutex::new(0u64));
    let (stopper, counted) = (consumer.clone(), Arc::clone(&outputs));
    // n leads to n/2 and n/3 (while above 1): each entry's outputs, all of its descendants,
    // routed by parity to two sinks.
    let outcome: Result<(u64, u64), PipelineError<Error>> = pipeline! {
        let [evens, odds] = try_generate(consumer.source(number))
            -> recurse(|m| async move {
                let n = *m.value();
                let children: Vec<u64> = [n / 2, n / 3].into_iter().filter(|c| *c > 1).collect();
                (m.derive(n), m.split(children))
            })
            -> inspect(move |_| {
                let mut outputs = counted.lock().unwrap();
                *outputs += 1;
                if *outputs == expected_outputs() {
                    stopper.shutdown();
                }
            })
            -> route(|m| (*m.value() % 2) as usize);
        let even = evens -> fold(0u64, |count, m| m.consume(|_| count + 1));
        let odd = odds -> fold(0u64, |count, m| m.consume(|_| count + 1));
        (even, odd)
    }
    .await;
    let (even, odd) = outcome.unwrap();
    assert_eq!(even + odd, expected_outputs());
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0, "every entry is done");
    assert_eq!(consumer.stats().acked, 64);
}

/// How many outputs 1..=64 lead to, each counting itself and (recursively) n/2 and n/3.
fn expected_outputs() -> u64 {
    fn outputs(n: u64) -> u64 {
        1 + [n / 2, n / 3]
            .into_iter()
            .filter(|c| *c > 1)
            .map(outputs)
            .sum::<u64>()
    }
    (1..=64).map(outputs).sum()
}
