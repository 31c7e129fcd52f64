//! The log shape: count the lines that matter by service, one `String` per line, through
//! four stages: read (a `BufRead`'s lines), parse, filter, count by key. `benchmarks/go`
//! writes the same in Go.
//!
//! The input is generated once per size and shared: lines like `ERROR auth 312 request 17`
//! (a level, one of 16 services, a latency in ms, a message). The filter keeps errors and
//! lines of 250 ms or more; the count is per service. Every way returns the same checksum
//! of its counts.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor};
use std::sync::{Arc, Mutex, OnceLock};

use futures::StreamExt;
use gopipe::pipeline;

const LEVELS: [&str; 4] = ["DEBUG", "INFO", "WARN", "ERROR"];
const SERVICES: [&str; 16] = [
    "auth",
    "billing",
    "cart",
    "catalog",
    "checkout",
    "search",
    "gateway",
    "inventory",
    "mail",
    "orders",
    "payments",
    "profile",
    "ratings",
    "shipping",
    "stock",
    "users",
];

/// `lines` lines of log text, built once per size.
pub fn text(lines: u64) -> Arc<[u8]> {
    static BUILT: OnceLock<Mutex<HashMap<u64, Arc<[u8]>>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    let mut built = built.lock().unwrap();
    built
        .entry(lines)
        .or_insert_with(|| {
            let mut text = String::new();
            for i in 0..lines {
                let h = super::work(i, 3);
                let (level, service) = (LEVELS[(h % 4) as usize], SERVICES[(h >> 8) as usize % 16]);
                let latency = (h >> 16) % 500;
                text.push_str(&format!("{level} {service} {latency} request {i}\n"));
            }
            text.into_bytes().into()
        })
        .clone()
}

/// The read stage: the text's lines, one `String` each, as a `BufRead` gives them.
pub fn read(text: Arc<[u8]>) -> impl Iterator<Item = String> + Send + 'static {
    BufReader::new(Cursor::new(text))
        .lines()
        .map_while(Result::ok)
}

/// One parsed line; the service is a range of the line.
pub struct Entry {
    line: String,
    service: std::ops::Range<usize>,
    error: bool,
    latency: u32,
}

impl Entry {
    pub fn service(&self) -> &str {
        &self.line[self.service.clone()]
    }
}

/// The parse stage.
pub fn parse(line: String) -> Entry {
    let mut fields = line.splitn(4, ' ');
    let level = fields.next().unwrap_or("");
    let service = fields.next().unwrap_or("");
    let latency = fields.next().and_then(|ms| ms.parse().ok()).unwrap_or(0);
    let start = level.len() + 1;
    let (error, service) = (level == "ERROR", start..start + service.len());
    Entry {
        line,
        service,
        error,
        latency,
    }
}

/// The filter stage: errors and slow requests.
pub fn matters(entry: &Entry) -> bool {
    entry.error || entry.latency >= 250
}

/// The count stage, one entry at a time.
pub fn count(mut counts: HashMap<String, u64>, entry: Entry) -> HashMap<String, u64> {
    match counts.get_mut(entry.service()) {
        Some(count) => *count += 1,
        None => {
            counts.insert(entry.service().to_owned(), 1);
        }
    }
    counts
}

/// A checksum of the counts, the same whatever the map's order.
pub fn checksum(counts: &HashMap<String, u64>) -> u64 {
    counts
        .iter()
        .map(|(service, count)| {
            let key = service.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            key.wrapping_mul(*count)
        })
        .fold(0, u64::wrapping_add)
}

/// The four stages as a user writes them: they fuse into one task (a task each with
/// `fusion: false`).
pub async fn pipeline_macro(lines: u64, capacity: usize, fusion: bool) -> u64 {
    let text = text(lines);
    let counts = pipeline! {
        #![capacity = capacity, fusion = fusion]
        from_iter(read(text)) [name = "read"]
            -> map(parse) [name = "parse"]
            -> filter(matters) [name = "filter"]
            -> fold(HashMap::new(), count) [name = "count"]
    };
    checksum(&counts.await.expect("the log pipeline does not fail"))
}

/// The same as stream combinators in the caller's task.
pub async fn futures_streams(lines: u64) -> u64 {
    let counts = futures::stream::iter(read(text(lines)))
        .map(parse)
        .filter(|entry| std::future::ready(matters(entry)))
        .fold(HashMap::new(), |counts, entry| {
            std::future::ready(count(counts, entry))
        })
        .await;
    checksum(&counts)
}

/// The plain loop over a `BufRead`'s lines.
pub fn sequential(lines: u64) -> u64 {
    let mut counts = HashMap::new();
    for line in read(text(lines)) {
        let entry = parse(line);
        if matters(&entry) {
            counts = count(counts, entry);
        }
    }
    checksum(&counts)
}
