//! Three worker processes share a consumer group over `PIPELINE_REDIS_KILL_ENTRIES` entries
//! (100,000 by default), and one is `SIGKILL`ed mid-run. The others take over its pending
//! entries. Every entry's effect must be seen at least once, and the duplicates must be at
//! most what the killed worker held (its in-flight window) when it died.
//!
//! The binary is also the worker: run with `GOPIPE_KILL_WORKER=<name>` and
//! `GOPIPE_KILL_URL=<redis url>`, it runs one worker's pipeline until `SIGINT`.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gopipe::{PipelineError, pipeline};
use gopipe_redis::{Consumer, Error, Producer};
use support::{Server, add_numbers, pending};

const STREAM: &str = "jobs";
const GROUP: &str = "workers";
const EFFECTS: &str = "effects";
/// Entries a worker holds at most (read and not yet acknowledged).
const WINDOW: usize = 256;

fn main() {
    match (
        std::env::var("GOPIPE_KILL_WORKER"),
        std::env::var("GOPIPE_KILL_URL"),
    ) {
        (Ok(name), Ok(url)) => worker(&name, &url),
        _ => coordinate(),
    }
}

/// One worker: each entry `{n}` becomes an effect `{n, worker}` in the effects stream, and
/// the entry is acknowledged once its effect is written. Prints its stats when it ends.
fn worker(name: &str, url: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let client = redis::Client::open(url).expect("a redis url");
        let consumer = Consumer::builder(client.clone(), STREAM, GROUP, name)
            .batch(64)
            .in_flight(WINDOW)
            .block(Duration::from_millis(50))
            // Well above the time an entry spends in a live worker, so that the live ones
            // never take each other's entries.
            .claim_idle(Duration::from_secs(2))
            .claim_every(Duration::from_millis(100))
            .shutdown_on(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .build()
            .expect("a consumer");
        let producer = Producer::new(client, EFFECTS);
        let worker = name.to_owned();
        let outcome: Result<(), PipelineError<Error>> = pipeline! {
            try_generate(consumer.source(|entry: &gopipe_redis::Entry| entry.get::<u64>("n")))
                -> map(move |m| m.map(|n| [("n", n.to_string()), ("worker", worker.clone())]))
                -> chunks_timeout(64, Duration::from_millis(2))
                -> try_for_each_async(move |batch| producer.clone().send(batch))
        }
        .await;
        outcome.expect("the worker's run");
        consumer.close().await.expect("the last acknowledgements");
        let stats = consumer.stats();
        println!(
            "stats read={} reclaimed={} acked={}",
            stats.read, stats.reclaimed, stats.acked
        );
    });
}

fn spawn_worker(name: &str, url: &str) -> Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .env("GOPIPE_KILL_WORKER", name)
        .env("GOPIPE_KILL_URL", url)
        .stdout(Stdio::piped())
        .spawn()
        .expect("a worker process")
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// How many entries `consumer` holds pending in the group.
fn pending_of(redis: &mut redis::Connection, consumer: &str) -> usize {
    let reply: redis::streams::StreamPendingCountReply = redis::cmd("XPENDING")
        .arg(STREAM)
        .arg(GROUP)
        .arg("-")
        .arg("+")
        .arg(1_000_000)
        .arg(consumer)
        .query(redis)
        .expect("XPENDING");
    reply.ids.len()
}

fn coordinate() {
    let entries: u64 = std::env::var("PIPELINE_REDIS_KILL_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let server = Server::start();
    let mut redis = server.connection();
    add_numbers(&mut redis, STREAM, 0, entries);
    let started = Instant::now();
    let mut workers: Vec<(String, Child)> = ["w1", "w2", "w3"]
        .into_iter()
        .map(|name| (name.to_owned(), spawn_worker(name, &server.url())))
        .collect();
    let xlen = |redis: &mut redis::Connection| -> u64 {
        redis::cmd("XLEN").arg(EFFECTS).query(redis).expect("XLEN")
    };
    wait_for("a third of the effects", Duration::from_secs(300), || {
        xlen(&mut redis) >= entries / 3
    });

    // The victim dies holding its window; what it held is what may be done twice.
    let (victim, mut child) = workers.remove(0);
    child.kill().expect("SIGKILL");
    child.wait().expect("the killed worker's exit");
    let killed_at = Instant::now();
    let held_at_death = pending_of(&mut redis, &victim);
    wait_for(
        "the victim's entries reclaimed",
        Duration::from_secs(60),
        || pending_of(&mut redis, &victim) == 0,
    );
    let reclaimed_after = killed_at.elapsed();
    wait_for("every entry acknowledged", Duration::from_secs(300), || {
        xlen(&mut redis) >= entries && pending(&mut redis, STREAM, GROUP) == 0
    });
    let elapsed = started.elapsed();

    // The survivors stop on SIGINT, as on Ctrl-C, and say what they did.
    let mut reclaimed_by_survivors = 0;
    for (name, mut child) in workers {
        let status = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill -INT");
        assert!(status.success());
        let stdout = child.stdout.take().expect("the worker's stdout");
        let stats = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|line| line.starts_with("stats "))
            .unwrap_or_else(|| panic!("{name} printed no stats"));
        assert!(
            child.wait().expect("the worker's exit").success(),
            "{name} failed"
        );
        let reclaimed: u64 = stats
            .split_whitespace()
            .find_map(|field| field.strip_prefix("reclaimed="))
            .and_then(|n| n.parse().ok())
            .expect("a reclaimed count");
        reclaimed_by_survivors += reclaimed;
        println!("{name}: {stats}");
    }

    let effects = support::entries(&mut redis, EFFECTS);
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for effect in &effects {
        *seen.entry(effect["n"].parse().expect("n")).or_default() += 1;
    }
    let missing: Vec<u64> = (0..entries).filter(|n| !seen.contains_key(n)).collect();
    assert!(
        missing.is_empty(),
        "{} entries lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert_eq!(seen.len() as u64, entries, "only the entries' own effects");
    let duplicates = effects.len() as u64 - entries;
    println!(
        "kill test: {entries} entries, 3 workers, {victim} killed holding {held_at_death} \
         (window {WINDOW}); {duplicates} duplicates; its entries reclaimed {reclaimed_after:?} \
         after the kill ({reclaimed_by_survivors} claimed by the others); all done in {elapsed:?}"
    );
    assert!(
        held_at_death <= WINDOW,
        "the victim held {held_at_death}, past its window"
    );
    assert!(
        duplicates <= held_at_death as u64,
        "{duplicates} duplicates, but the victim held only {held_at_death}"
    );
    assert!(reclaimed_by_survivors >= held_at_death as u64);
    assert_eq!(pending(&mut redis, STREAM, GROUP), 0);
}
