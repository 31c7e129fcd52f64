//! Word count spread over processes through a Redis stream: one job, as many workers as
//! you start, on as many machines as reach the server.
//!
//! ```sh
//! redis-server &                                   # any Redis 7, here on 127.0.0.1:6379
//! cargo run --features redis --example word_count_redis -- feed README.md   # one entry a line
//! cargo run --features redis --example word_count_redis -- work w1 &        # as many as you like
//! cargo run --features redis --example word_count_redis -- work w2 &
//! cargo run --features redis --example word_count_redis -- report           # the totals
//! ```
//!
//! (`--redis URL` before the command picks another server.) Each worker is one consumer of
//! the group `counters` on the stream `lines`. It counts the words of each line and writes
//! them to the stream `counts` as one entry per line, and the line's entry is acknowledged
//! only once its counts are written. Kill a worker with `kill -9` mid-run: the others take
//! over the lines it held once they have been idle for 5 s. A line counted twice (its counts
//! written, its ack lost with the worker) is counted once by the report, which keys the
//! counts by line. Ctrl-C stops a worker cleanly: it finishes the lines it has read,
//! acknowledges them, and exits.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use futures::StreamExt;
use gopipe::redis::redis::{self, Client};
use gopipe::redis::{Consumer, Entry, Error, FieldError, Producer, Stats};
use gopipe::{Graph, PipelineError, pipeline};

/// The stream of lines to count.
pub const LINES: &str = "lines";
/// The stream of each line's counts.
pub const COUNTS: &str = "counts";
/// The group the workers share.
pub const GROUP: &str = "counters";

/// Adds one entry per line of `text` to the lines stream; returns how many.
pub async fn feed(client: Client, text: &str) -> Result<usize, Error> {
    let lines = Producer::new(client, LINES);
    let all: Vec<&str> = text.lines().collect();
    for batch in all.chunks(1_000) {
        lines
            .write(batch.iter().map(|line| [("line", *line)]))
            .await?;
    }
    Ok(all.len())
}

/// The words of `line`, lowercased: runs of letters and apostrophes.
pub fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// One line's counts as the fields of its entry in the counts stream: `line` (the id of the
/// line's entry), then `w:<word>` → count.
fn counted(line_id: String, line: &str) -> Vec<(String, String)> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for word in words(line) {
        *counts.entry(word).or_default() += 1;
    }
    let mut fields = vec![("line".to_owned(), line_id)];
    fields.extend(
        counts
            .into_iter()
            .map(|(w, n)| (format!("w:{w}"), n.to_string())),
    );
    fields
}

/// What a worker did.
#[derive(Debug)]
pub struct Worked {
    /// Its consumer's counts.
    pub stats: Stats,
    /// How the run ended.
    pub outcome: Result<(), PipelineError<Error>>,
    /// The run's picture.
    pub graph: Graph,
}

/// One worker: counts lines until `stop` completes (Ctrl-C, in `main`), then finishes what
/// it has read and returns. Errors of single lines (an entry without a `line` field) are
/// printed and dead-lettered; the worker goes on.
pub async fn work(
    client: Client,
    name: &str,
    claim_idle: Duration,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<Worked, Error> {
    let consumer = Consumer::builder(client.clone(), LINES, GROUP, name)
        .claim_idle(claim_idle)
        .shutdown_on(stop)
        .build()?;
    let counts = Producer::new(client, COUNTS);
    let (run, errors) = pipeline! {
        #![errors = channel]
        try_generate(consumer.source(|entry: &Entry| {
            Ok::<_, FieldError>((entry.id().to_owned(), entry.text("line")?))
        })) [name = "lines"]
            -> map(|m| m.map(|(id, line)| counted(id, &line))) [name = "count"]
            -> chunks_timeout(100, Duration::from_millis(5))
            -> try_for_each_async(move |batch| counts.clone().send(batch)) [name = "write"]
    }
    .split_errors();
    let graph = run.graph();
    let show = errors.for_each(|error| async move { eprintln!("skipped: {error}") });
    let (outcome, ()) = tokio::join!(run, show);
    consumer.close().await?;
    Ok(Worked {
        stats: consumer.stats(),
        outcome,
        graph,
    })
}

/// The totals: every line's counts once, however many times a line was counted.
pub async fn report(client: Client) -> Result<BTreeMap<String, u64>, redis::RedisError> {
    let mut redis = client.get_multiplexed_async_connection().await?;
    let mut totals = BTreeMap::new();
    let mut lines = HashSet::new();
    let mut from = "-".to_owned();
    loop {
        let page: redis::streams::StreamRangeReply = redis::cmd("XRANGE")
            .arg(COUNTS)
            .arg(&from)
            .arg("+")
            .arg("COUNT")
            .arg(1_000)
            .query_async(&mut redis)
            .await?;
        let Some(last) = page.ids.last() else {
            break;
        };
        from = format!("({}", last.id);
        for entry in page.ids {
            let line: String = entry.get("line").unwrap_or_default();
            if !lines.insert(line) {
                continue;
            }
            for (field, value) in &entry.map {
                if let Some(word) = field.strip_prefix("w:") {
                    let n: u64 = redis::from_redis_value_ref(value).unwrap_or(0);
                    *totals.entry(word.to_owned()).or_default() += n;
                }
            }
        }
    }
    Ok(totals)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut url = "redis://127.0.0.1/".to_owned();
    if args.first().map(String::as_str) == Some("--redis") && args.len() > 1 {
        url = args.remove(1);
        args.remove(0);
    }
    let client = Client::open(url)?;
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["feed", files @ ..] if !files.is_empty() => {
            for file in files {
                let added = feed(client.clone(), &std::fs::read_to_string(file)?).await?;
                println!("{file}: {added} lines");
            }
        }
        ["work", name] => {
            let ctrl_c = async {
                tokio::signal::ctrl_c().await.ok();
            };
            let worked = work(client, name, Duration::from_secs(5), ctrl_c).await?;
            worked.outcome?;
            let s = worked.stats;
            println!(
                "{name}: read {}, reclaimed {}, acked {}, dead-lettered {}",
                s.read, s.reclaimed, s.acked, s.dead_lettered
            );
        }
        ["report"] => {
            let totals = report(client).await?;
            let mut top: Vec<_> = totals.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            for (word, n) in top.iter().take(20) {
                println!("{n:8} {word}");
            }
        }
        _ => {
            eprintln!("usage: word_count_redis [--redis URL] (feed FILE... | work NAME | report)");
            std::process::exit(2);
        }
    }
    Ok(())
}
